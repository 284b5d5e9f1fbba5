#include <config.h>

#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "paths.h"

static bool bound;

/* The catalogue, for main and for anything that translates an export
 * (a test, a library user) before main's i18n_init. */
static void bind_catalogue(void)
{
	if (bound)
		return;
	bindtextdomain(PACKAGE, paths_locale_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	bound = true;
}

void i18n_init(void)
{
	setlocale(LC_ALL, "");
	bind_catalogue();
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

const char *i18n_pgettext(const char *ctx, const char *s)
{
	char buf[256];
	size_t lc = strlen(ctx), ls = strlen(s);
	if (lc + ls + 2 > sizeof buf)
		return s;
	memcpy(buf, ctx, lc);
	buf[lc] = '\004';
	memcpy(buf + lc + 1, s, ls + 1);
	const char *t = gettext(buf);
	return t == buf ? s : t;
}

bool i18n_export_language_ok(const char *lang)
{
	return lang && (strcmp(lang, "ja") == 0 || strcmp(lang, "en") == 0);
}

/* glibc re-reads LANGUAGE when this counter changes. */
extern int _nl_msg_cat_cntr;

/* The languages pushed, innermost last; what the user had before the
 * first push, restored by the last pop. */
#define PUSH_MAX 8
static char stack[PUSH_MAX][16];
static int depth;
static char *saved_language, *saved_messages;

static void set_language(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
}

void i18n_push_language(const char *lang)
{
	if (!lang)
		lang = depth ? stack[depth - 1] : i18n_ui_language();
	if (depth == PUSH_MAX) /* a programming error; stay in the current language */
		abort();
	if (depth == 0) {
		bind_catalogue();
		const char *cur = getenv("LANGUAGE");
		const char *loc = setlocale(LC_MESSAGES, NULL);
		saved_language = cur ? strdup(cur) : NULL;
		saved_messages = loc ? strdup(loc) : NULL;
		/* gettext ignores LANGUAGE in the plain C locale */
		if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bool same = depth && strcmp(stack[depth - 1], lang) == 0;
	snprintf(stack[depth], sizeof stack[depth], "%s", lang);
	depth++;
	if (!same)
		set_language(stack[depth - 1]);
}

void i18n_pop_language(void)
{
	if (!depth)
		return;
	depth--;
	if (depth) {
		if (strcmp(stack[depth], stack[depth - 1]) != 0)
			set_language(stack[depth - 1]);
		return;
	}
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
}

/* What i18n_text_in found, by the addresses of msgid and ctx and the
 * language: a catalogue's strings stay mapped while the program runs. */
static struct remembered {
	const char *ctx, *msgid, *text;
	char lang[16];
} seen[256];
static size_t n_seen;

const char *i18n_text_in(const char *lang, const char *ctx, const char *msgid)
{
	if (!lang)
		lang = "ja";
	for (size_t i = 0; i < n_seen; i++)
		if (seen[i].msgid == msgid && seen[i].ctx == ctx && strcmp(seen[i].lang, lang) == 0)
			return seen[i].text;
	i18n_push_language(lang);
	const char *t = ctx ? i18n_pgettext(ctx, msgid) : gettext(msgid);
	i18n_pop_language();
	if (n_seen < sizeof seen / sizeof *seen && strlen(lang) < sizeof seen->lang) {
		struct remembered *r = &seen[n_seen++];
		r->ctx = ctx;
		r->msgid = msgid;
		r->text = t;
		snprintf(r->lang, sizeof r->lang, "%s", lang);
	}
	return t;
}
