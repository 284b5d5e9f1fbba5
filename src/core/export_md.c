#include <config.h>

#include <string.h>

#include "export.h"
#include "units.h"

/* Text inside a table cell: pipes escaped, line breaks as <br>. */
static void md_cell(strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			sb_add(out, "\\|");
		else if (*s == '\n')
			sb_add(out, "<br>");
		else if (*s == '<')
			sb_add(out, "&lt;");
		else if (*s == '>')
			sb_add(out, "&gt;");
		else if (*s == '&')
			sb_add(out, "&amp;");
		else if (*s != '\r')
			sb_addc(out, *s);
	}
}

/* Running text: characters Markdown would read as markup are escaped. */
static void md_text(strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]#<>|", *s))
			sb_addc(out, '\\');
		if (*s == '\n')
			sb_add(out, "  \n");
		else
			sb_addc(out, *s);
	}
}

bool export_md(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	(void)ps;
	const char *lang = d->opt->lang;
	const template *t = d->t;
	const answers *a = d->a;
	sb_add(out, "# ");
	md_text(out, ltext_get(&t->title, lang));
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
		md_text(out, ltext_get(&sec->title, lang));
		sb_add(out, "\n\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			const export_row *r = &d->rows[i];
			sb_printf(out, "### No.%s ", r->it->no);
			md_text(out, ltext_get(&r->it->title, lang));
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
