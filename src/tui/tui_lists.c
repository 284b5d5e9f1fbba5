#include <config.h>

/* Conditional answers (cases) and table rows: a list over the detail
 * pane. Each change is one sheet operation (or one group), so undo and
 * redo cover it like any other edit. */

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

typedef struct list_data {
	size_t item;
	size_t sel;
} list_data;

static bool is_table(app *ap, size_t item) { return sheet_item(&ap->s, item)->unit == UNIT_TABLE; }

static size_t list_count(app *ap, size_t item)
{
	const answer *an = sheet_answer(&ap->s, item);
	if (!an)
		return 0;
	return is_table(ap, item) ? an->n_rows : an->n_cases;
}

static const char *column_label(app *ap, const tmpl_item *it, size_t c)
{
	return ltext_empty(&it->columns[c].label) ? it->columns[c].id : ltext_get(&it->columns[c].label, ap->s.lang);
}

static char *row_text(app *ap, size_t item, size_t i)
{
	const tmpl_item *it = sheet_item(&ap->s, item);
	const answer *an = sheet_answer(&ap->s, item);
	strbuf sb;
	sb_init(&sb);
	if (it->unit == UNIT_TABLE) {
		for (size_t c = 0; c < it->n_columns; c++) {
			const char *v = raw_pairs_scalar(&an->rows[i].cells, it->columns[c].id);
			sb_printf(&sb, "%s%s", c ? " | " : "", v ? v : "");
		}
	} else
		sb_printf(&sb, "%s → %s", an->cases[i].when ? an->cases[i].when : "",
			  an->cases[i].value ? an->cases[i].value : "");
	return sb_take(&sb);
}

static void draw_list(app *ap, screen *sc)
{
	list_data *d = sc->data;
	const layout *l = &ap->lay;
	const tmpl_item *it = sheet_item(&ap->s, d->item);
	int x = l->list_x, w = l->list_w, y = l->detail_y, end = l->detail_y + l->detail_h;
	for (int r = y; r < end; r++)
		draw_fill(r, x, w);
	strbuf sb;
	sb_init(&sb);
	if (it->unit == UNIT_TABLE) {
		sb_printf(&sb, _("Rows of No.%s: "), it->no);
		for (size_t c = 0; c < it->n_columns; c++)
			sb_printf(&sb, "%s%s", c ? " | " : "", column_label(ap, it, c));
	} else
		sb_printf(&sb, _("Cases of No.%s: condition → value"), it->no);
	attron(A_BOLD);
	draw_clip_fill(y++, x, w, sb_str(&sb));
	attroff(A_BOLD);
	sb_free(&sb);
	size_t n = list_count(ap, d->item);
	if (d->sel >= n)
		d->sel = n ? n - 1 : 0;
	if (n == 0)
		draw_clip_fill(y++, x, w, _("  (none yet: press a to add)"));
	size_t h = (size_t)(end - y > 0 ? end - y : 1);
	size_t top = d->sel >= h ? d->sel - h + 1 : 0;
	for (size_t i = top; i < n && y < end; i++) {
		char *t = row_text(ap, d->item, i);
		char *line = xasprintf("%s %s", i == d->sel ? ">" : " ", t);
		if (i == d->sel)
			attron(A_REVERSE);
		draw_clip_fill(y++, x, w, line);
		if (i == d->sel)
			attroff(A_REVERSE);
		free(line);
		free(t);
	}
}

/* ---- editing a case: the condition in a prompt, the value in the
 * multi-line editor with its reading ---- */

typedef struct case_edit {
	size_t item;
	long index;   /* -1: a new case */
	char *when;
} case_edit;

static void case_edit_free(void *p)
{
	case_edit *c = p;
	free(c->when);
	free(c);
}

static void case_value_done(app *ap, void *ctx, const char *text)
{
	case_edit *c = ctx;
	if (!text)
		return;
	sheet_group_begin(&ap->s);
	if (c->index < 0) {
		const answer *an = sheet_answer(&ap->s, c->item);
		bool first = !an || an->n_cases == 0;
		sheet_add_case(&ap->s, c->item, c->when, text);
		/* the first case replaces a plain value */
		if (first)
			sheet_set_value(&ap->s, c->item, "");
	} else
		sheet_set_case(&ap->s, c->item, (size_t)c->index, c->when, text);
	sheet_group_end(&ap->s);
	app_set_message(ap, false, "%s", _("Case kept."));
}

static void case_when_done(app *ap, void *ctx, const char *text)
{
	case_edit *c = ctx;
	if (!text)
		return;
	case_edit *next = xcalloc(1, sizeof *next);
	next->item = c->item;
	next->index = c->index;
	next->when = xstrdup(text);
	const answer *an = sheet_answer(&ap->s, c->item);
	const char *value = "";
	if (c->index >= 0)
		value = an->cases[c->index].value ? an->cases[c->index].value : "";
	else if (an && an->n_cases == 0 && an->value)
		value = an->value;
	char *label = xasprintf(_("Value when %s:"), text);
	field_open_text(ap, c->item, label, value, true, case_value_done, next, case_edit_free);
	free(label);
}

static void edit_case(app *ap, size_t item, long index)
{
	case_edit *c = xcalloc(1, sizeof *c);
	c->item = item;
	c->index = index;
	const answer *an = sheet_answer(&ap->s, item);
	const char *when = index >= 0 && an->cases[index].when ? an->cases[index].when : "";
	prompt_open(ap, _("Condition (when): "), when, case_when_done, NULL, c, case_edit_free);
}

/* ---- editing a row: one prompt per column, applied at the end as one
 * step ---- */

typedef struct row_edit {
	size_t item;
	long row;      /* -1: a new row */
	size_t col;
	char **cells;  /* per column */
	size_t n;
} row_edit;

static void row_edit_free(void *p)
{
	row_edit *r = p;
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r);
}

static void ask_cell(app *ap, row_edit *r);

static void cell_done(app *ap, void *ctx, const char *text)
{
	row_edit *r = ctx;
	if (!text)
		return;
	free(r->cells[r->col]);
	r->cells[r->col] = xstrdup(text);
	r->col++;
	const tmpl_item *it = sheet_item(&ap->s, r->item);
	if (r->col < it->n_columns) {
		/* the next column: this prompt's context moves on to it */
		row_edit *next = xcalloc(1, sizeof *next);
		*next = *r;
		r->cells = NULL;
		r->n = 0;
		ask_cell(ap, next);
		return;
	}
	sheet_group_begin(&ap->s);
	size_t row;
	if (r->row < 0) {
		sheet_add_row(&ap->s, r->item);
		row = sheet_answer(&ap->s, r->item)->n_rows - 1;
	} else
		row = (size_t)r->row;
	for (size_t c = 0; c < it->n_columns; c++)
		sheet_set_cell(&ap->s, r->item, row, it->columns[c].id, r->cells[c]);
	sheet_group_end(&ap->s);
	app_set_message(ap, false, "%s", _("Row kept."));
}

static void ask_cell(app *ap, row_edit *r)
{
	const tmpl_item *it = sheet_item(&ap->s, r->item);
	char *label = xasprintf("%s: ", column_label(ap, it, r->col));
	prompt_open(ap, label, r->cells[r->col], cell_done, NULL, r, row_edit_free);
	free(label);
}

static void edit_row(app *ap, size_t item, long row)
{
	const tmpl_item *it = sheet_item(&ap->s, item);
	if (!it->n_columns)
		return;
	row_edit *r = xcalloc(1, sizeof *r);
	r->item = item;
	r->row = row;
	r->n = it->n_columns;
	r->cells = xcalloc(r->n, sizeof *r->cells);
	const answer *an = sheet_answer(&ap->s, item);
	for (size_t c = 0; c < r->n; c++) {
		const char *v = row >= 0 ? raw_pairs_scalar(&an->rows[row].cells, it->columns[c].id) : NULL;
		r->cells[c] = xstrdup(v ? v : "");
	}
	ask_cell(ap, r);
}

/* ---- keys ---- */

static int on_up(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	list_data *d = sc->data;
	if (d->sel)
		d->sel--;
	return 0;
}

static int on_down(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	list_data *d = sc->data;
	if (d->sel + 1 < list_count(ap, d->item))
		d->sel++;
	return 0;
}

static int on_add(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	list_data *d = sc->data;
	d->sel = list_count(ap, d->item);
	if (is_table(ap, d->item))
		edit_row(ap, d->item, -1);
	else
		edit_case(ap, d->item, -1);
	return 0;
}

static int on_edit(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	list_data *d = sc->data;
	if (!list_count(ap, d->item))
		return on_add(ap, sc, k);
	if (is_table(ap, d->item))
		edit_row(ap, d->item, (long)d->sel);
	else
		edit_case(ap, d->item, (long)d->sel);
	return 0;
}

static int on_delete(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	list_data *d = sc->data;
	if (!list_count(ap, d->item))
		return 0;
	if (is_table(ap, d->item))
		sheet_remove_row(&ap->s, d->item, d->sel);
	else
		sheet_remove_case(&ap->s, d->item, d->sel);
	app_set_message(ap, false, "%s", _("Deleted (u undoes, after Esc)."));
	return 0;
}

static int on_move(app *ap, screen *sc, const key_event *k)
{
	list_data *d = sc->data;
	bool down = k->code == 'J';
	size_t n = list_count(ap, d->item);
	if ((down && d->sel + 1 >= n) || (!down && d->sel == 0))
		return 0;
	if (is_table(ap, d->item))
		sheet_move_row(&ap->s, d->item, d->sel, down);
	else {
		/* cases move as a remove and an insert: one step */
		const answer *an = sheet_answer(&ap->s, d->item);
		size_t other = down ? d->sel + 1 : d->sel - 1;
		char *w1 = xstrdup(an->cases[d->sel].when ? an->cases[d->sel].when : "");
		char *v1 = xstrdup(an->cases[d->sel].value ? an->cases[d->sel].value : "");
		char *w2 = xstrdup(an->cases[other].when ? an->cases[other].when : "");
		char *v2 = xstrdup(an->cases[other].value ? an->cases[other].value : "");
		sheet_group_begin(&ap->s);
		sheet_set_case(&ap->s, d->item, d->sel, w2, v2);
		sheet_set_case(&ap->s, d->item, other, w1, v1);
		sheet_group_end(&ap->s);
		free(w1), free(v1), free(w2), free(v2);
	}
	d->sel = down ? d->sel + 1 : d->sel - 1;
	return 0;
}

static int on_back(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	screen_pop(ap);
	app_set_message(ap, false, "%s", "");
	return 0;
}

static void list_free(screen *sc) { free(sc->data); }

static const screen_key list_keys[] = {
	{'a', false, false, on_add, "a", N_("add a case or row"), N_("Add")},
	{'\n', false, false, on_edit, "Enter", N_("edit the case or row"), N_("Edit")},
	{'d', false, false, on_delete, "d", N_("delete the case or row"), N_("Delete")},
	{'K', false, false, on_move, "K J", N_("move it up / down"), NULL},
	{'J', false, false, on_move, NULL, NULL, NULL},
	{KEY_UP, true, false, on_up, "↑ ↓ k j", N_("move the highlight"), NULL},
	{'k', false, false, on_up, NULL, NULL, NULL},
	{KEY_DOWN, true, false, on_down, NULL, NULL, NULL},
	{'j', false, false, on_down, NULL, NULL, NULL},
	{KEY_ESCAPE, false, false, on_back, "Esc q ^Q", N_("back to the items"), N_("Back")},
	{'q', false, false, on_back, NULL, NULL, NULL},
	{CTRL('q'), false, false, on_back, NULL, NULL, NULL},
};

const screen_class list_screen = {
	"list", N_("Cases and table rows"), SCREEN_KEYS(list_keys), draw_list, list_free, false, true, NULL,
};

void list_open(app *ap, size_t item)
{
	list_data *d = xcalloc(1, sizeof *d);
	d->item = item;
	screen_push(ap, &list_screen, d);
	app_set_message(ap, false, "%s",
			is_table(ap, item) ? _("Table rows: a add, Enter edit, d delete, K/J move, Esc back.")
					   : _("Cases: a add, Enter edit, d delete, K/J move, Esc back."));
}
