#include <config.h>

/* Cells that hold HTML pasted from a web form or a wiki: plain text, line
 * breaks and list bullets kept; everything else is text as it is. */

#include "import.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Only cells with formatting markup are HTML: a note that merely
 * mentions <script> is text and stays as it is. */
static bool looks_like_html(const char *s)
{
	static const char *const marks[] = {"<br", "<ul", "<ol", "<li", "<p>", "<p ", "<div", "<span",
					    "<b>", "<strong", "<table", "<tr", "<td", "</p>", "<i>", "<em>"};
	for (const char *p = s; (p = strchr(p, '<')); p++)
		for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
			if (strncasecmp(p, marks[i], strlen(marks[i])) == 0)
				return true;
	return false;
}

char *html_to_text(const char *s)
{
	if (!looks_like_html(s))
		return xstrdup(s);
	static const struct {
		const char *tag, *text;
	} tags[] = {
		{"br", "\n"}, {"br/", "\n"}, {"/p", "\n"}, {"/div", "\n"}, {"/li", "\n"}, {"li", "・"},
		{"/tr", "\n"}, {"/td", " "}, {"/th", " "}, {"p", ""}, {"ul", ""}, {"/ul", ""}, {"ol", ""},
		{"/ol", ""},
	};
	static const struct {
		const char *name, *text;
	} entities[] = {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
	strbuf sb;
	sb_init(&sb);
	/* the next '>' is looked for once, not once per '<': a cell of a
	 * million "<a" stays linear */
	const char *gt = s;
	bool no_gt = false;
	for (const char *p = s; *p;) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/')) {
			if (!no_gt && gt <= p) {
				gt = strchr(p, '>');
				no_gt = !gt;
			}
			const char *end = no_gt ? NULL : gt;
			if (end) {
				char name[16];
				size_t n = 0;
				for (const char *q = p + 1; q < end && n < sizeof name - 1 && !isspace((unsigned char)*q);
				     q++)
					name[n++] = (char)tolower((unsigned char)*q);
				name[n] = '\0';
				if (n && name[n - 1] == '/' && strcmp(name, "br/") != 0)
					name[n - 1] = '\0';
				for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
					if (strcmp(name, tags[k].tag) == 0) {
						sb_add(&sb, tags[k].text);
						break;
					}
				p = end + 1;
				continue;
			}
		}
		if (*p == '&') {
			const char *semi = memchr(p, ';', strnlen(p, 10));
			if (semi) {
				bool done = false;
				if (p[1] == '#') {
					unsigned long cp = p[2] == 'x' || p[2] == 'X' ? strtoul(p + 3, NULL, 16)
										      : strtoul(p + 2, NULL, 10);
					if (cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
						char buf[4];
						sb_addn(&sb, buf, utf8_encode((uint32_t)cp, buf));
						done = true;
					}
				} else
					for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
						if ((size_t)(semi - p - 1) == strlen(entities[k].name) &&
						    strncmp(p + 1, entities[k].name, strlen(entities[k].name)) == 0) {
							sb_add(&sb, entities[k].text);
							done = true;
						}
				if (done) {
					p = semi + 1;
					continue;
				}
			}
		}
		sb_addc(&sb, *p++);
	}
	/* no blank runs or trailing line breaks from closing tags */
	char *t = sb_take(&sb);
	size_t n = strlen(t);
	while (n && (t[n - 1] == '\n' || t[n - 1] == ' '))
		t[--n] = '\0';
	return t;
}
