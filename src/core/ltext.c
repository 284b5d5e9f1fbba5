#include <config.h>

#include "ltext.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void ltext_free(ltext *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].lang);
		free(t->v[i].text);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

void ltext_add(ltext *t, const char *lang, const char *text)
{
	t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
	t->v[t->n].lang = lang ? xstrdup(lang) : NULL;
	t->v[t->n].text = xstrdup(text);
	t->n++;
}

bool ltext_empty(const ltext *t) { return t->n == 0; }

const char *ltext_exact(const ltext *t, const char *lang)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].lang && lang && strcmp(t->v[i].lang, lang) == 0)
			return t->v[i].text;
	return NULL;
}

const char *ltext_get(const ltext *t, const char *lang)
{
	if (t->n == 0)
		return "";
	if (t->n == 1 && !t->v[0].lang)
		return t->v[0].text;
	const char *s;
	if ((s = ltext_exact(t, lang)) || (s = ltext_exact(t, "en")) || (s = ltext_exact(t, "ja")))
		return s;
	return t->v[0].text;
}
