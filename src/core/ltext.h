#ifndef CHECKSHEET_LTEXT_H
#define CHECKSHEET_LTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Localized text: a plain string (lang NULL) or language-tagged strings,
 * in the order they were read. */
typedef struct ltext_entry {
	char *lang;
	char *text;
} ltext_entry;

typedef struct ltext {
	ltext_entry *v;
	size_t n;
} ltext;

void ltext_free(ltext *t);
void ltext_add(ltext *t, const char *lang, const char *text);
bool ltext_empty(const ltext *t);
/* Falls back: lang -> en -> ja -> first present; "" when empty. */
const char *ltext_get(const ltext *t, const char *lang);
/* The text in exactly this language, or NULL. */
const char *ltext_exact(const ltext *t, const char *lang);

#endif
