#include <config.h>

#include <string.h>
#include <strings.h>

#include "export.h"
#include "units.h"

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Answers come from strangers: nothing in them may become Markdown. No
 * link or image (so no remote image loads when the document is viewed),
 * no raw HTML or autolink, no emphasis or code that would change the text
 * shown. Backslash escapes for Markdown's punctuation, entities for < > &.
 * Brackets are always escaped, which is what keeps [x](y) and ![x](y)
 * inert; ( after ] and ! before [ are escaped as well, for renderers that
 * are lenient about the rest. A bare http://... or www.... would become a
 * link in GitHub's Markdown: its : or . is escaped. (An e-mail address
 * stays as it is: a mailto link does nothing by itself.) s points into
 * text, which starts at start. Returns false for a character kept as is. */
static bool md_escape(strbuf *out, const char *start, const char *s)
{
	char c = *s, prev = s > start ? s[-1] : 0;
	switch (c) {
	case '<': sb_add(out, "&lt;"); return true;
	case '>': sb_add(out, "&gt;"); return true;
	case '&': sb_add(out, "&amp;"); return true;
	case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
		break;
	case '!':
		if (s[1] != '[')
			return false;
		break;
	case '(':
		if (prev != ']')
			return false;
		break;
	case ':':
		if (s[1] != '/' || s[2] != '/')
			return false;
		break;
	case '.':
		if (s - start < 3 || strncasecmp(s - 3, "www", 3) != 0 || (s - start > 3 && word_char(s[-4])))
			return false;
		break;
	default:
		return false;
	}
	sb_addc(out, '\\');
	sb_addc(out, c);
	return true;
}

/* Text inside a table cell: one line (breaks as <br>), pipes escaped. */
static void md_cell(strbuf *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '\n')
			sb_add(out, "<br>");
		else if (*p != '\r' && !md_escape(out, s, p))
			sb_addc(out, *p);
	}
}

/* Running text: a heading (one line) or a paragraph. At a line's start,
 * characters that would begin a list, a quote or a heading are escaped
 * too (- + = and the . or ) after a number); # anywhere, as a heading
 * would drop a closing run of them. */
static void md_text_mode(strbuf *out, const char *s, bool heading)
{
	bool line_start = true;
	for (const char *p = s; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			sb_add(out, heading ? " " : "  \n");
			line_start = !heading;
			continue;
		}
		if (*p == '#' || (line_start && (*p == '-' || *p == '+' || *p == '='))) {
			sb_addc(out, '\\');
			sb_addc(out, *p);
		} else if (line_start && *p >= '0' && *p <= '9') {
			while (p[1] >= '0' && p[1] <= '9')
				sb_addc(out, *p++);
			sb_addc(out, *p);
			if (p[1] == '.' || p[1] == ')') {
				sb_addc(out, '\\');
				sb_addc(out, *++p);
			}
		} else if (!md_escape(out, s, p))
			sb_addc(out, *p);
		line_start = false;
	}
}

static void md_text(strbuf *out, const char *s) { md_text_mode(out, s, false); }
static void md_heading(strbuf *out, const char *s) { md_text_mode(out, s, true); }

bool export_md(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	(void)ps;
	const char *lang = d->opt->lang;
	const template *t = d->t;
	const answers *a = d->a;
	sb_add(out, "# ");
	md_heading(out, ltext_get(&t->title, lang));
	sb_add(out, "\n\n");
	if (a->subject.n) {
		sb_printf(out, "| %s | |\n|---|---|\n", export_word("subject", lang));
		for (size_t i = 0; i < a->subject.n; i++) {
			const char *v = raw_pairs_scalar(&a->subject, a->subject.v[i].key);
			sb_add(out, "| ");
			md_cell(out, export_word(a->subject.v[i].key, lang));
			sb_add(out, " | ");
			md_cell(out, v ? v : "");
			sb_add(out, " |\n");
		}
		sb_add(out, "\n");
	}
	if (a->n_revisions) {
		sb_printf(out, "## %s\n\n| %s | %s | %s |\n|---|---|---|\n", export_word("revisions", lang),
			  export_word("version", lang), export_word("date", lang), export_word("change", lang));
		for (size_t i = 0; i < a->n_revisions; i++) {
			const revision *r = &a->revisions[i];
			sb_add(out, "| ");
			md_cell(out, r->version ? r->version : "");
			sb_add(out, " | ");
			md_cell(out, r->date ? r->date : "");
			sb_add(out, " | ");
			md_cell(out, r->note ? r->note : "");
			sb_add(out, " |\n");
		}
		sb_add(out, "\n");
	}
	for (size_t s = 0; s < t->n_sections; s++) {
		const tmpl_section *sec = &t->sections[s];
		sb_add(out, "## ");
		md_heading(out, ltext_get(&sec->title, lang));
		sb_add(out, "\n\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			const export_row *r = &d->rows[i];
			sb_add(out, "### No.");
			md_heading(out, r->it->no ? r->it->no : "");
			sb_addc(out, ' ');
			md_heading(out, ltext_get(&r->it->title, lang));
			sb_add(out, "\n\n| | |\n|---|---|\n");
			const struct {
				const char *label, *text;
			} rows[] = {
				{export_word("description", lang), ltext_get(&r->it->description, lang)},
				{export_word("unit", lang), ltext_get(&r->it->unit_label, lang)},
				{export_word("answer", lang), r->value},
				{export_word("reading", lang), r->reading ? r->reading : ""},
				{export_word("note", lang), r->note},
				{export_word("state", lang), export_state_word(r, lang)},
				{export_word("verdict", lang), export_verdict_word(r, lang)},
				{export_word("comment", lang), r->review && r->review->comment ? r->review->comment : ""},
			};
			for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
				if (!*rows[k].text && k != 2)
					continue;
				sb_add(out, "| ");
				md_cell(out, rows[k].label);
				sb_add(out, " | ");
				md_cell(out, rows[k].text);
				sb_add(out, " |\n");
			}
			sb_add(out, "\n");
		}
	}
	if (t->source) {
		sb_printf(out, "---\n\n%s: ", export_word("source", lang));
		md_text(out, t->source);
		sb_add(out, "\n");
	}
	return true;
}
