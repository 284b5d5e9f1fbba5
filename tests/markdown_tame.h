/* What markdown_to_html may write, checked by its unit test and its
 * libFuzzer target: only the tags of Markdown's own elements, no attribute
 * but href, title and align (and class on code), every href one that
 * markdown_link_is_safe allows, and no '<' or '>' that is not a tag. */
#ifndef CHECKSHEET_MARKDOWN_TAME_H
#define CHECKSHEET_MARKDOWN_TAME_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/markdown.h"

static const char *const tame_tags[] = {
	"p", "br", "ul", "ol", "li", "a", "em", "strong", "del", "code", "pre", "blockquote",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
};
static const char *const tame_attrs[] = {"href", "title", "align", "class", "start"};

static inline bool tame_word(const char *s, size_t n, const char *const *words, size_t n_words)
{
	for (size_t i = 0; i < n_words; i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return true;
	return false;
}

/* NULL when html is tame, else why not (a static message). */
static inline const char *markdown_untamed(const char *html)
{
	static char why[160];
	for (const char *p = html; *p; p++) {
		if (*p == '>')
			return "a '>' outside a tag";
		if (*p != '<')
			continue;
		p++;
		if (*p == '/')
			p++;
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz123456");
		if (!tame_word(p, n, tame_tags, sizeof tame_tags / sizeof *tame_tags)) {
			snprintf(why, sizeof why, "tag <%.20s", p);
			return why;
		}
		p += n;
		/* attributes: name="value", the value without < > or " */
		for (;;) {
			p += strspn(p, " ");
			if (*p == '>')
				break;
			if (p[0] == '/' && p[1] == '>') {
				p++;
				break;
			}
			size_t an = strspn(p, "abcdefghijklmnopqrstuvwxyz");
			if (!an || p[an] != '=' || p[an + 1] != '"')
				return "an attribute not written as name=\"value\"";
			if (!tame_word(p, an, tame_attrs, sizeof tame_attrs / sizeof *tame_attrs)) {
				snprintf(why, sizeof why, "attribute %.*s", (int)an, p);
				return why;
			}
			bool href = an == 4 && memcmp(p, "href", 4) == 0;
			p += an + 2;
			size_t vn = strcspn(p, "\"<>");
			if (p[vn] != '"')
				return "an attribute value holding < or >";
			if (href) {
				char *url = strndup(p, vn);
				bool safe = markdown_link_is_safe(url);
				if (!safe)
					snprintf(why, sizeof why, "href=\"%.100s\"", url);
				free(url);
				if (!safe)
					return why;
			}
			p += vn + 1;
		}
	}
	return NULL;
}

#endif
