#include <config.h>

#include <string.h>

#include "export.h"
#include "units.h"

static void esc(strbuf *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': sb_add(out, "&amp;"); break;
		case '<': sb_add(out, "&lt;"); break;
		case '>': sb_add(out, "&gt;"); break;
		case '"': sb_add(out, "&quot;"); break;
		case '\'': sb_add(out, "&#39;"); break;
		case '\n': sb_add(out, "<br>\n"); break;
		case '\r': break;
		default: sb_addc(out, *s);
		}
}

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

/* Inline only: the page needs no network and runs no script. */
static const char style[] =
	"body{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;"
	"max-width:60em;margin:2em auto;padding:0 1em;line-height:1.6;color:#222}"
	"h1{border-bottom:3px solid #345}h2{border-bottom:1px solid #aaa;margin-top:2em}"
	"table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
	"th,td{border:1px solid #bbb;padding:.3em .6em;vertical-align:top;text-align:left}"
	"th{background:#eef2f5;width:10em;font-weight:600}"
	".problem{color:#a00}.reading{color:#555;font-size:.9em}"
	"nav ol{columns:2}@media print{nav{display:none}h2{page-break-before:always}"
	"table{page-break-inside:avoid}body{margin:0}}";

static void row(strbuf *out, const char *label, const char *text, const char *cls)
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

bool export_html(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	(void)ps;
	const char *lang = d->opt->lang;
	const template *t = d->t;
	const answers *a = d->a;
	const char *title = ltext_get(&t->title, lang);
	const char *org = answers_subject(a, "organization");
	const char *service = answers_subject(a, "service");
	sb_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		  strcmp(lang, "en") == 0 ? "en" : "ja");
	sb_add(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
	sb_add(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (service) {
		esc(out, service);
		sb_add(out, " — ");
	}
	esc(out, title);
	sb_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	esc(out, title);
	sb_add(out, "</h1>\n");
	if (org || service || a->subject.n) {
		sb_add(out, "<table class=\"subject\">\n");
		for (size_t i = 0; i < a->subject.n; i++) {
			const char *v = raw_pairs_scalar(&a->subject, a->subject.v[i].key);
			row(out, export_word(a->subject.v[i].key, lang), v ? v : "", NULL);
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
			sb_add(out, "<h3 id=\"");
			html_id(out, "i-", r->it->id);
			sb_add(out, "\">No.");
			esc(out, r->it->no);
			sb_add(out, " ");
			esc(out, ltext_get(&r->it->title, lang));
			sb_add(out, "</h3>\n<table>\n");
			row(out, export_word("description", lang), ltext_get(&r->it->description, lang), NULL);
			if (!ltext_empty(&r->it->unit_label))
				row(out, export_word("unit", lang), ltext_get(&r->it->unit_label, lang), NULL);
			row(out, export_word("answer", lang), r->value, NULL);
			if (r->reading)
				row(out, export_word("reading", lang), r->reading, "reading");
			if (*r->note)
				row(out, export_word("note", lang), r->note, NULL);
			if (r->problem)
				row(out, export_word("state", lang), r->problem, "problem");
			if (*export_verdict_word(r, lang))
				row(out, export_word("verdict", lang), export_verdict_word(r, lang), NULL);
			if (r->review && r->review->comment)
				row(out, export_word("comment", lang), r->review->comment, NULL);
			sb_add(out, "</table>\n");
		}
		sb_add(out, "</section>\n");
	}
	if (a->n_revisions) {
		sb_printf(out, "<section id=\"revisions\">\n<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
			  export_word("revisions", lang), export_word("version", lang), export_word("date", lang),
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
		sb_add(out, "</table>\n</section>\n");
	}
	if (t->source) {
		sb_printf(out, "<footer><p>%s: ", export_word("source", lang));
		esc(out, t->source);
		sb_add(out, "</p></footer>\n");
	}
	sb_add(out, "</body>\n</html>\n");
	return true;
}
