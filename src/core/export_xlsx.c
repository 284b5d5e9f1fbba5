#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "i18n.h"
#include "units.h"
#include "utf8.h"
#include "xalloc.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

typedef struct formats {
	lxw_format *head, *wrap, *problem;
} formats;

/* Excel sheet names: 31 characters, none of []:*?/\ and unique. */
static char *sheet_name(const char *title, size_t index)
{
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%zu ", index + 1);
	size_t len = strlen(title), i = 0, chars = 0;
	while (i < len && chars < 26) {
		uint32_t cp;
		size_t n = utf8_decode(title + i, len - i, &cp);
		if (!strchr("[]:*?/\\", (int)(cp < 128 ? cp : 'x')))
			sb_addn(&sb, title + i, n);
		i += n;
		chars++;
	}
	return sb_take(&sb);
}

/* Column widths in characters; Japanese text counts double. */
static const double widths[COL_COUNT] = {6, 14, 28, 48, 14, 30, 40, 10, 10, 36};

static void write_header(lxw_worksheet *ws, const export_doc *d, const formats *f, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], c == COL_NO ? NULL : f->wrap);
		worksheet_write_string(ws, 0, (lxw_col_t)c, export_header((export_column)c, d->opt->lang), f->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(ncols - 1));
}

static void write_row(lxw_worksheet *ws, lxw_row_t y, const export_doc *d, const export_row *r,
		      const formats *f, int ncols)
{
	const char *lang = d->opt->lang;
	const char *cells[COL_COUNT] = {
		r->it->no,
		ltext_get(&r->sec->title, lang),
		ltext_get(&r->it->title, lang),
		ltext_get(&r->it->description, lang),
		ltext_empty(&r->it->unit_label) ? unit_table[r->it->unit].id : ltext_get(&r->it->unit_label, lang),
		r->value,
		r->note,
		export_state_word(r, lang),
		export_verdict_word(r, lang),
		r->review && r->review->comment ? r->review->comment : "",
	};
	for (int c = 0; c < ncols; c++) {
		/* always strings: a workbook never runs what an answer says */
		if (!*cells[c])
			continue;
		lxw_format *fmt = c == COL_STATE && r->state != ITEM_VALID ? f->problem : f->wrap;
		worksheet_write_string(ws, y, (lxw_col_t)c, cells[c], fmt);
	}
}

bool export_xlsx(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)out;
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot create the workbook"));
		return false;
	}
	/* a fixed creation time keeps exports byte-for-byte repeatable */
	lxw_doc_properties props = {0};
	props.title = (char *)ltext_get(&d->t->title, d->opt->lang);
	props.company = (char *)(answers_subject(d->a, "organization") ? answers_subject(d->a, "organization") : "");
	props.created = 946684800; /* 2000-01-01 */
	workbook_set_properties(wb, &props);
	formats f;
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_bg_color(f.head, 0xDDE5EE);
	format_set_text_wrap(f.head);
	format_set_border(f.head, LXW_BORDER_THIN);
	f.wrap = workbook_add_format(wb);
	format_set_text_wrap(f.wrap);
	format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
	f.problem = workbook_add_format(wb);
	format_set_text_wrap(f.problem);
	format_set_font_color(f.problem, LXW_COLOR_RED);
	int ncols = d->opt->review ? COL_COUNT : COL_VERDICT;
	const char *lang = d->opt->lang;

	/* every item on the first sheet: what a reader (or a converter that
	 * takes only the first sheet) sees first; then a sheet per section */
	lxw_worksheet *all = workbook_add_worksheet(wb, export_word("all", lang));
	write_header(all, d, &f, ncols);
	for (size_t i = 0; i < d->n_rows; i++)
		write_row(all, (lxw_row_t)(i + 1), d, &d->rows[i], &f, ncols);
	if (!d->opt->one_sheet)
		for (size_t s = 0; s < d->t->n_sections; s++) {
			const tmpl_section *sec = &d->t->sections[s];
			char *name = sheet_name(ltext_get(&sec->title, lang), s);
			lxw_worksheet *ws = workbook_add_worksheet(wb, name);
			free(name);
			write_header(ws, d, &f, ncols);
			for (size_t i = 0; i < sec->count; i++)
				write_row(ws, (lxw_row_t)(i + 1), d, &d->rows[sec->first + i], &f, ncols);
		}
	lxw_worksheet *sum = workbook_add_worksheet(wb, export_word("summary", lang));
	worksheet_set_column(sum, 0, 0, 30, NULL);
	worksheet_set_column(sum, 1, 3, 12, NULL);
	worksheet_write_string(sum, 0, 0, export_word("section", lang), f.head);
	worksheet_write_string(sum, 0, 1, export_word("items", lang), f.head);
	worksheet_write_string(sum, 0, 2, export_word("answered", lang), f.head);
	worksheet_write_string(sum, 0, 3, export_word("problems", lang), f.head);
	size_t total_items = 0, total_answered = 0, total_problems = 0;
	for (size_t s = 0; s < d->t->n_sections; s++) {
		const tmpl_section *sec = &d->t->sections[s];
		size_t answered = 0, bad = 0;
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			answered += answer_is_answered(d->rows[i].an);
			bad += d->rows[i].state == ITEM_INVALID || d->rows[i].state == ITEM_EMPTY_REQUIRED;
		}
		worksheet_write_string(sum, (lxw_row_t)(s + 1), 0, ltext_get(&sec->title, lang), NULL);
		worksheet_write_number(sum, (lxw_row_t)(s + 1), 1, (double)sec->count, NULL);
		worksheet_write_number(sum, (lxw_row_t)(s + 1), 2, (double)answered, NULL);
		worksheet_write_number(sum, (lxw_row_t)(s + 1), 3, (double)bad, NULL);
		total_items += sec->count;
		total_answered += answered;
		total_problems += bad;
	}
	lxw_row_t last = (lxw_row_t)(d->t->n_sections + 1);
	worksheet_write_string(sum, last, 0, export_word("all", lang), f.head);
	worksheet_write_number(sum, last, 1, (double)total_items, f.head);
	worksheet_write_number(sum, last, 2, (double)total_answered, f.head);
	worksheet_write_number(sum, last, 3, (double)total_problems, f.head);
	worksheet_freeze_panes(sum, 1, 0);

	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot write the workbook: %s"),
			     lxw_strerror(err));
		return false;
	}
	return true;
}

#else

bool export_xlsx(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)d;
	(void)out;
	problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "unsupported",
		     _("this checksheet was built without libxlsxwriter, so it cannot write xlsx"));
	return false;
}

#endif
