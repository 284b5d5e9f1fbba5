#ifndef CHECKSHEET_I18N_H
#define CHECKSHEET_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* Marks a singular and plural pair in a table (two initializers) for
 * ngettext at the point of use; xgettext needs --keyword=NP_:1,2. */
#define NP_(s, p) (s), (p)

/* Sets the locale and binds the message catalogue, preferring the build
 * tree's catalogue when the program runs uninstalled. */
void i18n_init(void);

/* The UI language as a tag ("ja", "en"), from LANGUAGE / LC_* / LANG. */
const char *i18n_ui_language(void);

/* Messages in another language for a while (an export in --lang ja on an
 * English desktop); pop restores the user's own. Not reentrant. */
void i18n_push_language(const char *lang);
void i18n_pop_language(void);

#endif
