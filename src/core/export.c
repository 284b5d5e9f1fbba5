#include <config.h>

#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "table_text.h"
#include "units.h"
#include "xalloc.h"

const exporter exporters[] = {
	{"csv", "csv", N_("comma-separated values for Excel (UTF-8 with BOM by default)"), ENC_UTF8_BOM, true, export_csv},
	{"tsv", "tsv", N_("tab-separated values"), ENC_UTF8, true, export_tsv},
	{"xlsx", "xlsx", N_("an Excel workbook that prints as a document: a cover, every item, a sheet per table, a summary"), ENC_UTF8, false, export_xlsx},
	{"md", "md", N_("the published document in Markdown"), ENC_UTF8, true, export_md},
	{"html", "html", N_("the published document: one standalone, printable HTML page"), ENC_UTF8, true, export_html},
	{"json", "json", N_("template, answers and typed readings for other programs"), ENC_UTF8, true, export_json},
};

const int exporters_count = (int)(sizeof exporters / sizeof *exporters);

const exporter *exporter_find(const char *id)
{
	for (int i = 0; i < exporters_count; i++)
		if (strcmp(exporters[i].id, id) == 0)
			return &exporters[i];
	return NULL;
}

/* Export text follows --lang, not the UI locale: a Japanese user may
 * well send an English sheet. Every word is an English msgid translated
 * through po/ja.po by i18n_text_in (see i18n.h); a context tells apart
 * the English words that need two Japanese renderings (a revision's
 * "Date" is 改定日, the document's 発行日). */
static const struct {
	const char *key, *ctx, *msgid;
} words[] = {
	/* TRANSLATORS: the export's column headers; the Japanese ones are the
	   METI checklist's own words */
	{"no", NC_("column", "No.")},
	{"section", NC_("column", "Section")},
	{"item", NC_("column", "Item")},
	{"description", NC_("column", "Description")},
	{"unit", NC_("column", "Unit")},
	{"answer", NC_("column", "Answer")},
	{"note", NC_("column", "Note")},
	{"state", NC_("column", "Status")},
	{"status", NC_("column", "Answer status")},
	{"final", NC_("answer status", "final")},
	{"draft", NC_("answer status", "draft")},
	{"verdict", NC_("column", "Verdict")},
	{"comment", NC_("column", "Comment")},
	/* TRANSLATORS: whether an answer passes the checks, in the status column */
	{"valid", NC_("answer state", "valid")},
	{"problem", NC_("answer state", "problem")},
	{"subject", NC_("subject", "Subject")},
	{"title", NC_("subject", "Title")},
	{"organization", NC_("subject", "Organization")},
	{"service", NC_("subject", "Service")},
	{"contact", NC_("subject", "Contact")},
	{"revisions", NC_("document", "Revision history")},
	{"version", NC_("revision", "Version")},
	{"date", NC_("revision", "Date")},
	{"change", NC_("revision", "Changes")},
	{"doc-version", NC_("document", "Version")},
	{"doc-date", NC_("document", "Date")},
	{"contents", NC_("document", "Contents")},
	{"summary", NC_("sheet", "Summary")},
	{"items", NC_("column", "Items")},
	{"answered", NC_("column", "Answered")},
	{"problems", NC_("column", "Problems")},
	{"reading", NC_("column", "Reading")},
	{"example", NC_("column", "Sample setting")},
	{"all", NC_("sheet", "All items")},
	{"source", NC_("document", "Source")},
	/* TRANSLATORS: a reviewer's verdicts */
	{"ok", NC_("verdict", "ok")},
	{"question", NC_("verdict", "question")},
	{"ng", NC_("verdict", "ng")},
	/* TRANSLATORS: the banner of a page published with required answers missing */
	{"draft-banner", NC_("document", "DRAFT")},
	{"draft-explain", NC_("document", "This document is a draft: these required items are not answered yet or have a problem.")},
	{"unanswered", NC_("document", "not answered")},
	{"no-answer", NC_("document", "(not answered)")},
	/* TRANSLATORS: between the items of a list in a sentence */
	{"list-sep", NC_("list", ", ")},
};

const char *export_word(const char *key, const char *lang)
{
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(words[i].key, key) == 0)
			return i18n_text_in(lang, words[i].ctx, words[i].msgid);
	return key;
}

const char *export_header(export_column c, const char *lang)
{
	static const char *const keys[COL_COUNT] = {"no", "section", "item", "description", "unit",
						    "answer", "note", "state", "status", "verdict", "comment"};
	return export_word(keys[c], lang);
}

const char *export_state_word(const export_row *r, const char *lang)
{
	if (r->state == ITEM_EMPTY_OPTIONAL)
		return "";
	return export_word(r->state == ITEM_VALID ? "valid" : "problem", lang);
}

const char *export_status_word(const export_row *r, const char *lang)
{
	const char *st = r->an ? r->an->status : NULL;
	if (!st || (strcmp(st, "final") != 0 && strcmp(st, "draft") != 0))
		return st ? st : "";
	return export_word(st, lang);
}

const char *export_verdict_word(const export_row *r, const char *lang)
{
	return r->review && r->review->verdict ? export_word(verdict_ids[r->review->verdict], lang) : "";
}

char *formula_guard(const char *cell)
{
	if (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
	    cell[0] == '\r')
		return xasprintf("'%s", cell);
	return xstrdup(cell);
}

/* The answer cell: the answer's own value when it is one (borrowed),
 * else text made for the row in mem. */
static const char *answer_text(const tmpl_item *it, const answer *an, const char *lang, arena *mem)
{
	if (!an)
		return "";
	if (!an->n_cases && it->unit != UNIT_TABLE)
		return an->value ? an->value : "";
	strbuf sb;
	sb_init(&sb);
	if (an->n_cases) {
		for (size_t i = 0; i < an->n_cases; i++)
			sb_printf(&sb, "%s%s → %s", i ? "\n" : "", an->cases[i].when ? an->cases[i].when : "",
				  an->cases[i].value ? an->cases[i].value : "");
	} else {
		char *rows = table_text_encode(it, an, lang);
		sb_add(&sb, rows);
		free(rows);
	}
	const char *kept = arena_strndup(mem, sb.s ? sb.s : "", sb.len);
	sb_free(&sb);
	return kept;
}

/* A string of the row's, moved into mem (one block for all of them, not a
 * malloc each: 100 000 rows). */
static const char *keep(arena *mem, char *s)
{
	if (!s)
		return NULL;
	const char *k = arena_strdup(mem, s);
	free(s);
	return k;
}

void export_doc_build(export_doc *d, const answers *a, const template *t, const export_options *opt)
{
	memset(d, 0, sizeof *d);
	d->a = a;
	d->t = t;
	d->opt = opt;
	problems_init(&d->problems);
	arena_init(&d->mem);
	d->rows = xcalloc(t->n_items + 1, sizeof *d->rows);
	d->n_rows = t->n_items;
	/* readings and problems in the export's language, not the desktop's */
	i18n_push_language(opt->lang);
	for (size_t i = 0; i < t->n_items; i++) {
		export_row *r = &d->rows[i];
		r->it = &t->items[i];
		r->sec = &t->sections[r->it->section];
		r->an = answers_find(a, r->it->id);
		r->value = answer_text(r->it, r->an, opt->lang, &d->mem);
		size_t before = d->problems.n;
		typed_value v;
		bool read;
		r->state = validate_item_typed(a, t, r->it, r->an, opt->lang, (cs_mark){0, 0}, &d->problems, &v,
					       &read);
		r->problem = d->problems.n > before ? d->problems.v[before].message : NULL;
		/* the value as validation read it (units_parse_item) */
		if (read && !r->an->n_cases && r->it->unit != UNIT_TEXT && r->it->unit != UNIT_TABLE &&
		    r->state == ITEM_VALID)
			r->reading = keep(&d->mem, units_format(&v));
		r->review = opt->review ? review_find(opt->review, r->it->id) : NULL;
	}
	i18n_pop_language();
	d->chapters_numbered = export_chapters_numbered(t);
}

void export_doc_free(export_doc *d)
{
	free(d->rows);
	problems_free(&d->problems);
	arena_free(&d->mem);
	memset(d, 0, sizeof *d);
}
