#include <config.h>

#include <stdlib.h>
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

static void md_table_row_start(strbuf *out) { sb_add(out, "|"); }

static void md_revisions(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	const answers *a = d->a;
	if (!a->n_revisions)
		return;
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

/* A table item as a GFM table under the template's column headers. */
static void md_answer_table(strbuf *out, const export_row *r, const char *lang)
{
	md_table_row_start(out);
	for (size_t c = 0; c < r->it->n_columns; c++) {
		sb_addc(out, ' ');
		md_cell(out, ltext_get(&r->it->columns[c].label, lang));
		sb_add(out, " |");
	}
	sb_add(out, "\n|");
	for (size_t c = 0; c < r->it->n_columns; c++)
		sb_add(out, "---|");
	sb_addc(out, '\n');
	for (size_t i = 0; r->an && i < r->an->n_rows; i++) {
		md_table_row_start(out);
		for (size_t c = 0; c < r->it->n_columns; c++) {
			const char *cell = raw_pairs_scalar(&r->an->rows[i].cells, r->it->columns[c].id);
			sb_addc(out, ' ');
			md_cell(out, cell ? cell : "");
			sb_add(out, " |");
		}
		sb_addc(out, '\n');
	}
	sb_addc(out, '\n');
}

static void md_credit(strbuf *out, const export_doc *d)
{
	if (!d->t->source || !export_credit_needed(d))
		return;
	sb_printf(out, "---\n\n%s: ", export_word("source", d->opt->lang));
	md_text(out, d->t->source);
	sb_add(out, "\n");
}

/* Whether a link target is one a reader may follow: http, https or
 * mailto, a fragment, or a relative path (no scheme at all). */
static bool md_safe_target(const char *t)
{
	while (*t == ' ' || *t == '\t' || *t == '<')
		t++;
	size_t n = 0;
	while ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z') ||
	       (n && ((t[n] >= '0' && t[n] <= '9') || t[n] == '+' || t[n] == '.' || t[n] == '-')))
		n++;
	if (!n || t[n] != ':')
		return true;
	return (n == 4 && strncasecmp(t, "http", 4) == 0) || (n == 5 && strncasecmp(t, "https", 5) == 0) ||
	       (n == 6 && strncasecmp(t, "mailto", 6) == 0);
}

/* Prose the vendor wrote (a note, a text value) is Markdown already and
 * passes through as written (lists, emphasis, tables, links), ending in
 * one blank line, with what would act on a reader made text: raw HTML
 * (every < as &lt;), images (a remote load when the document is viewed:
 * ![ becomes !\[) and links whose target is not http, https, mailto or
 * relative (javascript:..., as an inline link or a definition). */
static void md_prose(strbuf *out, const char *text)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
		n--;
	bool line_start = true;
	for (size_t i = 0; i < n; i++) {
		const char *p = text + i;
		if (line_start) {
			/* [label]: target, a link definition */
			size_t k = strspn(p, " ");
			const char *close = p[k] == '[' ? strstr(p + k, "]:") : NULL;
			const char *eol = strchr(p, '\n');
			if (k < 4 && close && (!eol || close < eol) && !md_safe_target(close + 2)) {
				sb_addn(out, p, k);
				sb_add(out, "\\");
				i += k;
				p += k;
			}
		}
		line_start = *p == '\n';
		if (*p == '<')
			sb_add(out, "&lt;");
		else if (*p == '!' && p[1] == '[') {
			sb_add(out, "!\\[");
			i++;
		} else if (*p == ']' && p[1] == '(' && !md_safe_target(p + 2))
			sb_add(out, "\\]");
		else
			sb_addc(out, *p);
	}
	sb_add(out, "\n\n");
}

/* ---- the document ---- */

static void md_chapter_heading(strbuf *out, const export_doc *d, size_t s)
{
	char buf[32];
	const char *no = export_chapter_no(d, s, buf, sizeof buf);
	if (no) {
		md_heading(out, no);
		sb_addc(out, ' ');
	}
	md_heading(out, ltext_get(&d->t->sections[s].title, d->opt->lang));
}

static bool md_section_printed(const export_doc *d, const tmpl_section *sec)
{
	for (size_t i = sec->first; i < sec->first + sec->count; i++)
		if (export_row_printed(&d->rows[i]))
			return true;
	return false;
}

/* A typed value as written, with its reading when it is a bare number
 * (an item with default-scale: "30" is 30 minutes). */
static void md_value(strbuf *out, const export_row *r, const char *value, const char *reading)
{
	if (r->it->unit == UNIT_TEXT) {
		md_prose(out, value);
		return;
	}
	sb_add(out, "**");
	md_heading(out, value);
	sb_add(out, "**");
	size_t n = strspn(value, "0123456789., ");
	if (reading && n && !value[n]) {
		sb_add(out, " (");
		md_heading(out, reading);
		sb_addc(out, ')');
	}
	sb_add(out, "\n\n");
}

static void md_item(strbuf *out, const export_doc *d, const export_row *r)
{
	const char *lang = d->opt->lang;
	const answer *an = r->an;
	bool heading = !export_heading_repeats(r, lang);
	if (heading) {
		sb_add(out, "### ");
		md_heading(out, r->it->no ? r->it->no : "");
		sb_addc(out, ' ');
		md_heading(out, ltext_get(&r->it->title, lang));
		sb_add(out, "\n\n");
	}
	const char *desc = ltext_get(&r->it->description, lang);
	if (*desc && !export_is_prompt(&r->it->description)) {
		sb_addc(out, '_');
		md_heading(out, desc);
		sb_add(out, "_\n\n");
	}
	if (r->state == ITEM_EMPTY_REQUIRED) {
		md_text(out, export_word("no-answer", lang));
		sb_add(out, "\n\n");
	} else if (r->it->unit == UNIT_TABLE && an && an->n_rows)
		md_answer_table(out, r, lang);
	else if (an && an->n_cases) {
		for (size_t k = 0; k < an->n_cases; k++) {
			sb_add(out, heading ? "#### " : "### ");
			md_heading(out, an->cases[k].when ? an->cases[k].when : "");
			sb_add(out, "\n\n");
			md_value(out, r, an->cases[k].value ? an->cases[k].value : "", NULL);
		}
	} else if (an && an->value && *an->value)
		md_value(out, r, an->value, r->reading);
	if (*export_row_note(r))
		md_prose(out, export_row_note(r));
	if (r->problem && r->state == ITEM_INVALID) {
		sb_add(out, "> ");
		md_heading(out, r->problem);
		sb_add(out, "\n\n");
	}
}

static void md_document(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	const template *t = d->t;
	sb_add(out, "# ");
	md_heading(out, export_title(d));
	sb_add(out, "\n\n");
	const revision *rv = export_latest_revision(d);
	const struct {
		const char *label, *text;
	} ident[] = {
		{export_word("organization", lang), answers_subject(d->a, "organization")},
		{export_word("service", lang), answers_subject(d->a, "service")},
		{export_word("doc-version", lang), rv ? rv->version : NULL},
		{export_word("doc-date", lang), rv ? rv->date : NULL},
		{export_word("contact", lang), answers_subject(d->a, "contact")},
	};
	bool any = false;
	for (size_t i = 0; i < sizeof ident / sizeof *ident; i++) {
		if (!ident[i].text || !*ident[i].text)
			continue;
		any = true;
		sb_add(out, "- ");
		md_heading(out, ident[i].label);
		sb_add(out, ": ");
		md_heading(out, ident[i].text);
		sb_addc(out, '\n');
	}
	if (any)
		sb_addc(out, '\n');
	size_t n;
	char *list = export_unfinished_list(d, 1, &n);
	if (list) {
		free(list);
		sb_printf(out, "> **%s** ", export_word("draft-banner", lang));
		md_heading(out, export_word("draft-explain", lang));
		sb_add(out, "\n>\n");
		for (size_t i = 0; i < d->n_rows; i++) {
			const export_row *r = &d->rows[i];
			if (!export_row_unfinished(r))
				continue;
			sb_add(out, "> - ");
			md_heading(out, r->it->no ? r->it->no : "");
			sb_addc(out, ' ');
			md_heading(out, ltext_get(&r->it->title, lang));
			sb_add(out, ": ");
			md_heading(out, r->problem ? r->problem : export_word("unanswered", lang));
			sb_addc(out, '\n');
		}
		sb_addc(out, '\n');
	}
	sb_printf(out, "## %s\n\n", export_word("contents", lang));
	for (size_t s = 0; s < t->n_sections; s++)
		if (md_section_printed(d, &t->sections[s])) {
			sb_add(out, "- ");
			md_chapter_heading(out, d, s);
			sb_addc(out, '\n');
		}
	if (d->a->n_revisions)
		sb_printf(out, "- %s\n", export_word("revisions", lang));
	sb_addc(out, '\n');
	for (size_t s = 0; s < t->n_sections; s++) {
		const tmpl_section *sec = &t->sections[s];
		if (!md_section_printed(d, sec))
			continue;
		sb_add(out, "## ");
		md_chapter_heading(out, d, s);
		sb_add(out, "\n\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++)
			if (export_row_printed(&d->rows[i]))
				md_item(out, d, &d->rows[i]);
	}
	md_revisions(out, d);
}

/* ---- the form (--form) ---- */

static void md_form(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	const template *t = d->t;
	const answers *a = d->a;
	sb_add(out, "# ");
	md_heading(out, export_title(d));
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
	md_revisions(out, d);
	for (size_t s = 0; s < t->n_sections; s++) {
		const tmpl_section *sec = &t->sections[s];
		sb_add(out, "## ");
		md_heading(out, ltext_get(&sec->title, lang));
		sb_add(out, "\n\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			const export_row *r = &d->rows[i];
			sb_add(out, "### ");
			md_heading(out, export_word("no", lang));
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
				{export_word("note", lang), export_row_note(r)},
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
}

bool export_md(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	(void)ps;
	if (d->opt->form)
		md_form(out, d);
	else
		md_document(out, d);
	md_credit(out, d);
	return true;
}
