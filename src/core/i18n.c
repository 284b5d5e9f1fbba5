#include <config.h>

#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
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
