/* The workbook's cover sheet (表紙): what the document is and who stands
 * behind it, before any item. Rows are written in order (the workbook is
 * in constant-memory mode), each row's height set before its cells. */
#include <config.h>

#ifdef HAVE_XLSXWRITER

#include <string.h>

#include "export_xlsx_internal.h"

/* Columns: labels; versions and dates; the rest. A value spans B and C. */
static const double cover_widths[] = {16, 16, 84};
#define VALUE_WIDTH (16 + 84)

/* The subject keys shown first, in this order, under export_word's
 * labels; any other key follows under its own name. */
static const char *const known_keys[] = {"organization", "service", "contact"};

typedef struct cover {
	lxw_worksheet *ws;
	const xlsx_formats *f;
	lxw_row_t y;
} cover;

static void set_height(cover *c, size_t lines, double scale)
{
	bool fits;
	double h = xlsx_row_height(lines, &fits) * scale;
	worksheet_set_row(c->ws, c->y, h > 409 ? 409 : h, NULL);
}

/* label | value (over B and C), the row as tall as the value needs. */
static void pair(cover *c, const char *label, const char *value, lxw_format *value_fmt, double scale)
{
	if (!value || !*value)
		return;
	size_t lines = xlsx_text_lines(value, VALUE_WIDTH / scale);
	size_t label_lines = xlsx_text_lines(label, cover_widths[0]);
	set_height(c, lines > label_lines ? lines : label_lines, scale);
	xlsx_write_text(c->ws, c->y, 0, label, c->f->label);
	worksheet_merge_range(c->ws, c->y, 1, c->y, 2, "", value_fmt);
	xlsx_write_text(c->ws, c->y, 1, value, value_fmt);
	c->y++;
}

static bool known_key(const char *key)
{
	if (strcmp(key, "title") == 0)
		return true;
	for (size_t i = 0; i < sizeof known_keys / sizeof *known_keys; i++)
		if (strcmp(key, known_keys[i]) == 0)
			return true;
	return false;
}

bool xlsx_write_cover(lxw_workbook *wb, const export_doc *d, const xlsx_formats *f, const xlsx_labels *l,
		      const char *sheet_name)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name);
	if (!ws)
		return false;
	const char *lang = d->opt->lang;
	const answers *a = d->a;
	for (size_t i = 0; i < sizeof cover_widths / sizeof *cover_widths; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cover_widths[i], NULL);
	xlsx_print_setup(ws, l, 0);
	/* a cover, not a grid: the revision history has borders of its own */
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	cover c = {.ws = ws, .f = f, .y = 0};
	/* the title in the title font (14 points against 11) */
	pair(&c, l->title, xlsx_document_title(d), f->title, 14.0 / 11.0);
	for (size_t i = 0; i < sizeof known_keys / sizeof *known_keys; i++)
		pair(&c, export_word(known_keys[i], lang), answers_subject(a, known_keys[i]), f->wrap, 1);
	for (size_t i = 0; i < a->subject.n; i++) {
		const char *key = a->subject.v[i].key;
		if (!known_key(key))
			pair(&c, export_word(key, lang), raw_pairs_scalar(&a->subject, key), f->wrap, 1);
	}
	if (a->n_revisions) {
		const revision *latest = &a->revisions[a->n_revisions - 1];
		pair(&c, export_word("version", lang), latest->version, f->wrap, 1);
		pair(&c, export_word("date", lang), latest->date, f->wrap, 1);
		c.y++;
		set_height(&c, 1, 1);
		xlsx_write_text(ws, c.y++, 0, export_word("revisions", lang), f->label);
		static const char *const heads[] = {"version", "date", "change"};
		size_t lines = 1;
		for (size_t k = 0; k < 3; k++) {
			size_t n = xlsx_text_lines(export_word(heads[k], lang), cover_widths[k]);
			lines = n > lines ? n : lines;
		}
		set_height(&c, lines, 1);
		for (size_t k = 0; k < 3; k++)
			xlsx_write_text(ws, c.y, (lxw_col_t)k, export_word(heads[k], lang), f->head);
		c.y++;
		for (size_t i = 0; i < a->n_revisions; i++) {
			const revision *rv = &a->revisions[i];
			const char *cells[3] = {rv->version ? rv->version : "", rv->date ? rv->date : "",
						rv->note ? rv->note : ""};
			lines = 1;
			for (size_t k = 0; k < 3; k++) {
				size_t n = xlsx_text_lines(cells[k], cover_widths[k]);
				lines = n > lines ? n : lines;
			}
			set_height(&c, lines, 1);
			for (size_t k = 0; k < 3; k++)
				if (*cells[k])
					xlsx_write_text(ws, c.y, (lxw_col_t)k, cells[k], f->wrap);
			c.y++;
		}
	}
	if (d->t->source) {
		c.y++;
		pair(&c, export_word("source", lang), d->t->source, f->wrap, 1);
	}
	return true;
}

#endif
