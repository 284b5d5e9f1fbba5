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
	{"xlsx", "xlsx", N_("an Excel workbook: a sheet per section and a summary"), ENC_UTF8, false, export_xlsx},
	{"md", "md", N_("a Markdown document"), ENC_UTF8, true, export_md},
	{"html", "html", N_("one standalone, printable HTML page"), ENC_UTF8, true, export_html},
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
 * well send an English sheet. */
static const struct {
	const char *key, *ja, *en;
} words[] = {
	{"no", "No.", "No."},
	{"section", "種別", "Section"},
	{"item", "項目", "Item"},
	{"description", "規定内容", "Description"},
	{"unit", "測定単位", "Unit"},
	{"answer", "回答", "Answer"},
	{"note", "補足", "Note"},
	{"state", "状態", "Status"},
	{"status", "回答状況", "Answer status"},
	{"final", "確定", "final"},
	{"draft", "下書き", "draft"},
	{"verdict", "判定", "Verdict"},
	{"comment", "コメント", "Comment"},
	{"valid", "valid", "valid"},
	{"problem", "problem", "problem"},
	{"subject", "回答者", "Subject"},
	{"organization", "組織", "Organization"},
	{"service", "サービス", "Service"},
	{"contact", "連絡先", "Contact"},
	{"revisions", "改訂履歴", "Revision history"},
	{"version", "版数", "Version"},
	{"date", "改定日", "Date"},
	{"change", "改定内容", "Changes"},
	{"contents", "目次", "Contents"},
	{"summary", "集計", "Summary"},
	{"items", "項目数", "Items"},
	{"answered", "回答済み", "Answered"},
	{"problems", "問題", "Problems"},
	{"reading", "読み取り", "Reading"},
	{"example", "設定例", "Sample setting"},
	{"all", "全項目", "All items"},
	{"source", "出典", "Source"},
	{"ok", "OK", "ok"},
	{"question", "要確認", "question"},
	{"ng", "NG", "ng"},
};

const char *export_word(const char *key, const char *lang)
{
	bool ja = !lang || strcmp(lang, "en") != 0;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(words[i].key, key) == 0)
			return ja ? words[i].ja : words[i].en;
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

/* The answer cell: the answer's own value when it is one (borrowed,
 * *owned false), else text made for the row. */
static char *answer_text(const tmpl_item *it, const answer *an, const char *lang, bool *owned)
{
	*owned = false;
	if (!an)
		return (char *)"";
	if (!an->n_cases && it->unit != UNIT_TABLE)
		return an->value ? an->value : (char *)"";
	*owned = true;
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
	return sb_take(&sb);
}

void export_doc_build(export_doc *d, const answers *a, const template *t, const export_options *opt)
{
	memset(d, 0, sizeof *d);
	d->a = a;
	d->t = t;
	d->opt = opt;
	problems_init(&d->problems);
	d->rows = xcalloc(t->n_items + 1, sizeof *d->rows);
	d->n_rows = t->n_items;
	/* readings and problems in the export's language, not the desktop's */
	i18n_push_language(opt->lang);
	for (size_t i = 0; i < t->n_items; i++) {
		export_row *r = &d->rows[i];
		r->it = &t->items[i];
		r->sec = &t->sections[r->it->section];
		r->an = answers_find(a, r->it->id);
		r->value = answer_text(r->it, r->an, opt->lang, &r->value_owned);
		r->note = r->an && r->an->note ? r->an->note : (char *)"";
		size_t before = d->problems.n;
		typed_value v;
		bool read;
		r->state = validate_item_typed(a, t, r->it, r->an, opt->lang, (cs_mark){0, 0}, &d->problems, &v,
					       &read);
		r->problem = d->problems.n > before ? xstrdup(d->problems.v[before].message) : NULL;
		/* the value as validation read it (units_parse_item) */
		if (read && !r->an->n_cases && r->it->unit != UNIT_TEXT && r->it->unit != UNIT_TABLE &&
		    r->state == ITEM_VALID)
			r->reading = units_format(&v);
		r->review = opt->review ? review_find(opt->review, r->it->id) : NULL;
	}
	i18n_pop_language();
}

void export_doc_free(export_doc *d)
{
	for (size_t i = 0; i < d->n_rows; i++) {
		if (d->rows[i].value_owned)
			free(d->rows[i].value);
		free(d->rows[i].reading);
		free(d->rows[i].problem);
	}
	free(d->rows);
	problems_free(&d->problems);
	memset(d, 0, sizeof *d);
}
