#include <config.h>

#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "paths.h"

void i18n_init(void)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, paths_locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

static const char *lang_of(const char *v)
{
	static char buf[8];
	if (!v || !*v || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0)
		return NULL;
	size_t n = 0;
	while (v[n] && v[n] != '_' && v[n] != '.' && v[n] != ':' && v[n] != '@' && n < sizeof buf - 1) {
		buf[n] = v[n];
		n++;
	}
	buf[n] = '\0';
	return n ? buf : NULL;
}

const char *i18n_ui_language(void)
{
	const char *l;
	/* gettext honours LANGUAGE only when the locale is not plain "C" */
	const char *lc_all = getenv("LC_ALL");
	const char *lc_msg = getenv("LC_MESSAGES");
	const char *lang = getenv("LANG");
	const char *eff = lc_all && *lc_all ? lc_all : lc_msg && *lc_msg ? lc_msg : lang;
	bool plain_c = !eff || !*eff || strcmp(eff, "C") == 0 || strcmp(eff, "POSIX") == 0;
	if (!plain_c && (l = lang_of(getenv("LANGUAGE"))))
		return l;
	if ((l = lang_of(eff)))
		return l;
	return "en";
}

/* glibc re-reads LANGUAGE when this counter changes. */
extern int _nl_msg_cat_cntr;

static char *saved_language, *saved_messages;
static bool pushed;

void i18n_push_language(const char *lang)
{
	if (pushed || !lang)
		return;
	const char *cur = getenv("LANGUAGE");
	const char *loc = setlocale(LC_MESSAGES, NULL);
	saved_language = cur ? strdup(cur) : NULL;
	saved_messages = loc ? strdup(loc) : NULL;
	/* gettext ignores LANGUAGE in the plain C locale */
	if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	pushed = true;
}

void i18n_pop_language(void)
{
	if (!pushed)
		return;
	if (saved_language)
		setenv("LANGUAGE", saved_language, 1);
	else
		unsetenv("LANGUAGE");
	if (saved_messages)
		setlocale(LC_MESSAGES, saved_messages);
	free(saved_language);
	free(saved_messages);
	saved_language = saved_messages = NULL;
	++_nl_msg_cat_cntr;
	pushed = false;
}
