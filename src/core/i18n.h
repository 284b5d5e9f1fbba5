#ifndef CHECKSHEET_I18N_H
#define CHECKSHEET_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* Marks a singular and plural pair in a table (two initializers) for
 * ngettext at the point of use; xgettext needs --keyword=NP_:1,2. */
#define NP_(s, p) (s), (p)
/* Marks a message with its context in a table (two initializers), for
 * i18n_pgettext_in at the point of use; xgettext needs --keyword=NC_:1c,2. */
#define NC_(ctx, s) (ctx), (s)
/* A message whose English word needs more than one Japanese rendering:
 * the context tells them apart (msgctxt in po/ja.po). */
#define pgettext(ctx, s) i18n_pgettext((ctx), (s))

/* Sets the locale and binds the message catalogue, preferring the build
 * tree's catalogue when the program runs uninstalled. */
void i18n_init(void);

/* The UI language as a tag ("ja", "en"), from LANGUAGE / LC_* / LANG. */
const char *i18n_ui_language(void);

/* gettext with a message context; s itself when there is no translation. */
const char *i18n_pgettext(const char *ctx, const char *s);

/*
 * The language of an export: the one way export text is translated.
 *
 * Every word an export writes (headers, labels, status words, readings,
 * messages) is an English msgid translated by gettext from po/ja.po; the
 * export's language (--lang, else the answers' language:) is not the
 * desktop's, so it is chosen here and only here:
 *
 *  - i18n_export_language_ok() says whether a language is one the exports
 *    speak (ja, en); --lang refuses any other.
 *  - i18n_push_language() / i18n_pop_language() put gettext in that
 *    language around a stretch of work (building an export, formatting
 *    readings); pushes nest, and pushing the language already in force
 *    costs nothing.
 *  - i18n_text_in() gives one label in a language whatever is pushed
 *    (export_word and the other export_*_word helpers use it); results
 *    are remembered, so it is cheap per row.
 */
bool i18n_export_language_ok(const char *lang);
void i18n_push_language(const char *lang);
void i18n_pop_language(void);
/* msgid (with ctx when not NULL) in lang. msgid and ctx must be static
 * strings: they are remembered by address. Called with literals, it is
 * an xgettext keyword (--keyword=i18n_text_in:2c,3). */
const char *i18n_text_in(const char *lang, const char *ctx, const char *msgid) __attribute__((format_arg(3)));

#endif
