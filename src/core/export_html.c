#include <config.h>

/* The html export: one standalone page, no script, no network. By
 * default the published document (export_layout.c decides what it
 * prints); with --form, the item-by-item form of a review copy. */

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "markdown.h"
#include "units.h"

/* Escaped text; line breaks as <br> when br. */
static void esc_mode(strbuf *out, const char *s, bool br)
{
	for (; *s; s++)
		switch (*s) {
		case '&': sb_add(out, "&amp;"); break;
		case '<': sb_add(out, "&lt;"); break;
		case '>': sb_add(out, "&gt;"); break;
		case '"': sb_add(out, "&quot;"); break;
		case '\'': sb_add(out, "&#39;"); break;
		case '\n': sb_add(out, br ? "<br>\n" : " "); break;
		case '\r': break;
		default: sb_addc(out, *s);
		}
}

static void esc(strbuf *out, const char *s) { esc_mode(out, s, true); }

/* An id or a link to one: the letters, digits and - of a slug as they
 * are, every other byte (a template may say anything) as _XX, so that ids
 * stay distinct and nothing escapes the attribute. */
static void html_id(strbuf *out, const char *prefix, const char *id)
{
	sb_add(out, prefix);
	for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')
			sb_addc(out, (char)*p);
		else
			sb_printf(out, "_%02X", *p);
}

/* A note or a text value: the one place answer prose becomes html, as
 * Markdown (markdown.h: raw HTML shown as typed, only safe links live,
 * no image loaded, a note's headings under the page's own). */
static void html_prose(strbuf *out, const char *text)
{
	/* the page's headings go to h3 and a case's to h4: a note's # is h5 */
	static const markdown_options opt = {.heading_top = 5};
	markdown_to_html(text, strlen(text), &opt, out);
}

/* Inline only: the page needs no network and runs no script. Printed on
 * A4: items, cases and table rows kept on one page where they fit, no
 * heading left at the bottom of a page, links followed by their address,
 * page numbers where the browser does paged media. */
static const char style[] =
	"@page{size:A4;margin:18mm 16mm 20mm;"
	"@bottom-center{content:counter(page) \" / \" counter(pages);font-size:9pt;color:#555}}"
	"body{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;"
	"max-width:50em;margin:2em auto;padding:0 1em;line-height:1.7;color:#222}"
	"h1{border-bottom:3px solid #345;padding-bottom:.2em}h2{border-bottom:1px solid #aaa;margin-top:2em}"
	"h1,h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}"
	".no{margin-right:.6em;color:#345}"
	"table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
	"th,td{border:1px solid #bbb;padding:.3em .6em;vertical-align:top;text-align:left;overflow-wrap:anywhere}"
	"th{background:#eef2f5;font-weight:600}table.fields th{width:10em}"
	".item,.case,tr,.draft,.identity{break-inside:avoid;page-break-inside:avoid}"
	".definition{color:#555;font-size:.92em}.value{font-weight:600}"
	".problem,.missing{color:#a00}.reading{color:#555;font-size:.9em}"
	".draft{border:3px solid #b00;background:#fff4f4;padding:.3em 1em;margin:1em 0}"
	".draft strong{color:#b00;font-size:1.3em;letter-spacing:.1em}"
	"nav ol{list-style:none;padding-left:0}nav li{margin:.1em 0}"
	"footer{margin-top:3em;border-top:1px solid #aaa;font-size:.85em;color:#555}"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}"
	"a{color:inherit;text-decoration:none}"
	"a[href^=\"http\"]::after,a[href^=\"mailto:\"]::after{content:\" (\" attr(href) \")\";"
	"font-size:.85em;overflow-wrap:anywhere}"
	"nav{break-after:page}h2{break-before:auto}}";

static void head(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	sb_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		  strcmp(lang, "en") == 0 ? "en" : "ja");
	sb_add(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
	sb_add(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc_mode(out, export_title(d), false);
	sb_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

static void revisions(strbuf *out, const export_doc *d, int level)
{
	const char *lang = d->opt->lang;
	const answers *a = d->a;
	if (!a->n_revisions)
		return;
	sb_printf(out, "<section id=\"revisions\">\n<h%d>%s</h%d>\n<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		  level, export_word("revisions", lang), level, export_word("version", lang), export_word("date", lang),
		  export_word("change", lang));
	for (size_t i = 0; i < a->n_revisions; i++) {
		const revision *rv = &a->revisions[i];
		sb_add(out, "<tr><td>");
		esc(out, rv->version ? rv->version : "");
		sb_add(out, "</td><td>");
		esc(out, rv->date ? rv->date : "");
		sb_add(out, "</td><td>");
		esc(out, rv->note ? rv->note : "");
		sb_add(out, "</td></tr>\n");
	}
	sb_add(out, "</tbody>\n</table>\n</section>\n");
}

/* A table item's rows under the template's column headers. */
static void answer_table(strbuf *out, const export_row *r, const char *lang)
{
	sb_add(out, "<table class=\"answer-table\">\n<thead><tr>");
	for (size_t c = 0; c < r->it->n_columns; c++) {
		sb_add(out, "<th>");
		esc(out, ltext_get(&r->it->columns[c].label, lang));
		sb_add(out, "</th>");
	}
	sb_add(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; r->an && i < r->an->n_rows; i++) {
		sb_add(out, "<tr>");
		for (size_t c = 0; c < r->it->n_columns; c++) {
			const char *cell = raw_pairs_scalar(&r->an->rows[i].cells, r->it->columns[c].id);
			sb_add(out, "<td>");
			esc(out, cell ? cell : "");
			sb_add(out, "</td>");
		}
		sb_add(out, "</tr>\n");
	}
	sb_add(out, "</tbody>\n</table>\n");
}

static void footer(strbuf *out, const export_doc *d)
{
	if (!d->t->source || !export_credit_needed(d))
		return;
	sb_printf(out, "<footer>\n<p class=\"credit\">%s: ", export_word("source", d->opt->lang));
	esc(out, d->t->source);
	sb_add(out, "</p>\n</footer>\n");
}

/* ---- the document ---- */

static void identity(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	const revision *rv = export_latest_revision(d);
	const struct {
		const char *label, *text;
	} rows[] = {
		{export_word("organization", lang), answers_subject(d->a, "organization")},
		{export_word("service", lang), answers_subject(d->a, "service")},
		{export_word("doc-version", lang), rv ? rv->version : NULL},
		{export_word("doc-date", lang), rv ? rv->date : NULL},
		{export_word("contact", lang), answers_subject(d->a, "contact")},
	};
	bool any = false;
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		if (!rows[i].text || !*rows[i].text)
			continue;
		if (!any)
			sb_add(out, "<table class=\"identity fields\">\n");
		any = true;
		sb_add(out, "<tr><th>");
		esc(out, rows[i].label);
		sb_add(out, "</th><td>");
		esc(out, rows[i].text);
		sb_add(out, "</td></tr>\n");
	}
	if (any)
		sb_add(out, "</table>\n");
}

static void draft_banner(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	size_t n;
	char *list = export_unfinished_list(d, 1, &n);
	if (!list)
		return;
	free(list);
	sb_printf(out, "<div class=\"draft\" role=\"note\">\n<p><strong>%s</strong> ", export_word("draft-banner", lang));
	esc(out, export_word("draft-explain", lang));
	sb_add(out, "</p>\n<ul>\n");
	for (size_t i = 0; i < d->n_rows; i++) {
		const export_row *r = &d->rows[i];
		if (!export_row_unfinished(r))
			continue;
		sb_add(out, "<li><a href=\"#");
		html_id(out, "i-", r->it->id);
		sb_add(out, "\">");
		esc(out, r->it->no ? r->it->no : "");
		sb_add(out, " ");
		esc(out, ltext_get(&r->it->title, lang));
		sb_add(out, "</a>: ");
		esc_mode(out, r->problem ? r->problem : export_word("unanswered", lang), false);
		sb_add(out, "</li>\n");
	}
	sb_add(out, "</ul>\n</div>\n");
}

static bool section_printed(const export_doc *d, const tmpl_section *sec)
{
	for (size_t i = sec->first; i < sec->first + sec->count; i++)
		if (export_row_printed(&d->rows[i]))
			return true;
	return false;
}

static void chapter_heading(strbuf *out, const export_doc *d, size_t s)
{
	char buf[32];
	const char *no = export_chapter_no(d, s, buf, sizeof buf);
	if (no) {
		sb_add(out, "<span class=\"no\">");
		esc(out, no);
		sb_add(out, "</span> ");
	}
	esc(out, ltext_get(&d->t->sections[s].title, d->opt->lang));
}

static void toc(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	sb_printf(out, "<nav>\n<h2>%s</h2>\n<ol>\n", export_word("contents", lang));
	for (size_t s = 0; s < d->t->n_sections; s++) {
		if (!section_printed(d, &d->t->sections[s]))
			continue;
		sb_add(out, "<li><a href=\"#");
		html_id(out, "s-", d->t->sections[s].id);
		sb_add(out, "\">");
		chapter_heading(out, d, s);
		sb_add(out, "</a></li>\n");
	}
	if (d->a->n_revisions)
		sb_printf(out, "<li><a href=\"#revisions\">%s</a></li>\n", export_word("revisions", lang));
	sb_add(out, "</ol>\n</nav>\n");
}

/* Whether a value is a bare number, which means nothing to a reader
 * without its scale (an item with default-scale: "30" is 30 minutes). */
static bool bare_number(const char *v)
{
	size_t n = strspn(v, "0123456789., ");
	return n && !v[n];
}

/* A value as the reader sees it: prose for a text item, else the value
 * as written (with its reading when it is a bare number). */
static void doc_value(strbuf *out, const export_row *r, const char *value, const char *reading)
{
	if (r->it->unit == UNIT_TEXT) {
		html_prose(out, value);
		return;
	}
	sb_add(out, "<p class=\"value\">");
	esc(out, value);
	if (reading && bare_number(value)) {
		sb_add(out, " <span class=\"reading\">(");
		esc(out, reading);
		sb_add(out, ")</span>");
	}
	sb_add(out, "</p>\n");
}

static void doc_item(strbuf *out, const export_doc *d, const export_row *r)
{
	const char *lang = d->opt->lang;
	sb_add(out, "<div class=\"item\" id=\"");
	html_id(out, "i-", r->it->id);
	sb_add(out, "\">\n");
	bool heading = !export_heading_repeats(r, lang);
	if (heading) {
		sb_add(out, "<h3><span class=\"no\">");
		esc(out, r->it->no ? r->it->no : "");
		sb_add(out, "</span> ");
		esc(out, ltext_get(&r->it->title, lang));
		sb_add(out, "</h3>\n");
	}
	const char *desc = ltext_get(&r->it->description, lang);
	if (*desc && !export_is_prompt(&r->it->description)) {
		sb_add(out, "<p class=\"definition\">");
		esc(out, desc);
		sb_add(out, "</p>\n");
	}
	const answer *an = r->an;
	if (r->state == ITEM_EMPTY_REQUIRED)
		sb_printf(out, "<p class=\"missing\">%s</p>\n", export_word("no-answer", lang));
	else if (r->it->unit == UNIT_TABLE && an && an->n_rows)
		answer_table(out, r, lang);
	else if (an && an->n_cases) {
		int level = heading ? 4 : 3;
		for (size_t k = 0; k < an->n_cases; k++) {
			sb_printf(out, "<section class=\"case\">\n<h%d>", level);
			esc(out, an->cases[k].when ? an->cases[k].when : "");
			sb_printf(out, "</h%d>\n", level);
			doc_value(out, r, an->cases[k].value ? an->cases[k].value : "", NULL);
			sb_add(out, "</section>\n");
		}
	} else if (an && an->value && *an->value)
		doc_value(out, r, an->value, r->reading);
	if (*export_row_note(r)) {
		sb_add(out, "<div class=\"note\">\n");
		html_prose(out, export_row_note(r));
		sb_add(out, "</div>\n");
	}
	if (r->problem && r->state == ITEM_INVALID) {
		sb_add(out, "<p class=\"problem\">");
		esc(out, r->problem);
		sb_add(out, "</p>\n");
	}
	sb_add(out, "</div>\n");
}

static void document(strbuf *out, const export_doc *d)
{
	const template *t = d->t;
	sb_add(out, "<header>\n<h1>");
	esc_mode(out, export_title(d), false);
	sb_add(out, "</h1>\n");
	identity(out, d);
	sb_add(out, "</header>\n");
	draft_banner(out, d);
	toc(out, d);
	for (size_t s = 0; s < t->n_sections; s++) {
		const tmpl_section *sec = &t->sections[s];
		if (!section_printed(d, sec))
			continue;
		sb_add(out, "<section id=\"");
		html_id(out, "s-", sec->id);
		sb_add(out, "\">\n<h2>");
		chapter_heading(out, d, s);
		sb_add(out, "</h2>\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++)
			if (export_row_printed(&d->rows[i]))
				doc_item(out, d, &d->rows[i]);
		sb_add(out, "</section>\n");
	}
	revisions(out, d, 2);
}

/* ---- the form (--form): every item with its fields ---- */

static void field(strbuf *out, const char *label, const char *text, const char *cls)
{
	sb_add(out, "<tr><th>");
	esc(out, label);
	sb_add(out, "</th><td");
	if (cls)
		sb_printf(out, " class=\"%s\"", cls);
	sb_add(out, ">");
	esc(out, text);
	sb_add(out, "</td></tr>\n");
}

static void form(strbuf *out, const export_doc *d)
{
	const char *lang = d->opt->lang;
	const template *t = d->t;
	const answers *a = d->a;
	sb_add(out, "<h1>");
	esc_mode(out, export_title(d), false);
	sb_add(out, "</h1>\n");
	if (a->subject.n) {
		sb_add(out, "<table class=\"subject fields\">\n");
		for (size_t i = 0; i < a->subject.n; i++) {
			const char *v = raw_pairs_scalar(&a->subject, a->subject.v[i].key);
			field(out, export_word(a->subject.v[i].key, lang), v ? v : "", NULL);
		}
		sb_add(out, "</table>\n");
	}
	sb_printf(out, "<nav>\n<h2>%s</h2>\n<ol>\n", export_word("contents", lang));
	for (size_t s = 0; s < t->n_sections; s++) {
		sb_add(out, "<li><a href=\"#");
		html_id(out, "s-", t->sections[s].id);
		sb_add(out, "\">");
		esc(out, ltext_get(&t->sections[s].title, lang));
		sb_add(out, "</a></li>\n");
	}
	if (a->n_revisions)
		sb_printf(out, "<li><a href=\"#revisions\">%s</a></li>\n", export_word("revisions", lang));
	sb_add(out, "</ol>\n</nav>\n");
	for (size_t s = 0; s < t->n_sections; s++) {
		const tmpl_section *sec = &t->sections[s];
		sb_add(out, "<section id=\"");
		html_id(out, "s-", sec->id);
		sb_add(out, "\">\n<h2>");
		esc(out, ltext_get(&sec->title, lang));
		sb_add(out, "</h2>\n");
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			const export_row *r = &d->rows[i];
			sb_add(out, "<div class=\"item\">\n<h3 id=\"");
			html_id(out, "i-", r->it->id);
			sb_add(out, "\">");
			sb_printf(out, "%s", export_word("no", lang));
			esc(out, r->it->no);
			sb_add(out, " ");
			esc(out, ltext_get(&r->it->title, lang));
			sb_add(out, "</h3>\n<table class=\"fields\">\n");
			field(out, export_word("description", lang), ltext_get(&r->it->description, lang), NULL);
			if (!ltext_empty(&r->it->unit_label))
				field(out, export_word("unit", lang), ltext_get(&r->it->unit_label, lang), NULL);
			if (r->it->unit != UNIT_TABLE || !r->an || !r->an->n_rows)
				field(out, export_word("answer", lang), r->value, NULL);
			if (r->reading)
				field(out, export_word("reading", lang), r->reading, "reading");
			if (*export_row_note(r))
				field(out, export_word("note", lang), export_row_note(r), NULL);
			if (r->problem)
				field(out, export_word("state", lang), r->problem, "problem");
			if (*export_verdict_word(r, lang))
				field(out, export_word("verdict", lang), export_verdict_word(r, lang), NULL);
			if (r->review && r->review->comment)
				field(out, export_word("comment", lang), r->review->comment, NULL);
			sb_add(out, "</table>\n");
			if (r->it->unit == UNIT_TABLE && r->an && r->an->n_rows)
				answer_table(out, r, lang);
			sb_add(out, "</div>\n");
		}
		sb_add(out, "</section>\n");
	}
	revisions(out, d, 2);
}

bool export_html(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	(void)ps;
	head(out, d);
	if (d->opt->form)
		form(out, d);
	else
		document(out, d);
	footer(out, d);
	sb_add(out, "</body>\n</html>\n");
	return true;
}
