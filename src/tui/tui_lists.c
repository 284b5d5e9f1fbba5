#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

/* Rows shown by the list overlay: cases of an answer or rows of a table. */
static size_t list_count(app *ap, size_t item)
{
	const answer *an = answers_find(&ap->a, ap->t.items[item].id);
	if (!an)
		return 0;
	return ap->t.items[item].unit == UNIT_TABLE ? an->n_rows : an->n_cases;
}

static char *list_row_text(app *ap, size_t item, size_t i)
{
	const tmpl_item *it = &ap->t.items[item];
	const answer *an = answers_find(&ap->a, it->id);
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

static void draw_list(app *ap)
{
	const layout *l = &ap->lay;
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const tmpl_item *it = &ap->t.items[item];
	int x = l->list_x, w = l->list_w, y = l->detail_y, end = l->detail_y + l->detail_h;
	for (int r = y; r < end; r++)
		draw_clip_fill(r, x, w, "");
	strbuf sb;
	sb_init(&sb);
	if (it->unit == UNIT_TABLE) {
		sb_printf(&sb, _("Rows of No.%s: "), it->no);
		for (size_t c = 0; c < it->n_columns; c++)
			sb_printf(&sb, "%s%s", c ? " | " : "", ltext_empty(&it->columns[c].label)
							       ? it->columns[c].id
							       : ltext_get(&it->columns[c].label, ap->lang));
	} else
		sb_printf(&sb, _("Cases of No.%s: condition → value"), it->no);
	attron(A_BOLD);
	draw_clip_fill(y++, x, w, sb_str(&sb));
	attroff(A_BOLD);
	sb_free(&sb);
	size_t n = list_count(ap, item);
	if (n == 0)
		draw_clip_fill(y++, x, w, _("  (none yet: press a to add)"));
	size_t h = (size_t)(end - y > 0 ? end - y : 1);
	size_t top = ap->overlay_sel >= h ? ap->overlay_sel - h + 1 : 0;
	for (size_t i = top; i < n && y < end; i++) {
		char *t = list_row_text(ap, item, i);
		char *line = xasprintf("%s %s", i == ap->overlay_sel ? ">" : " ", t);
		if (i == ap->overlay_sel)
			attron(A_REVERSE);
		draw_clip_fill(y++, x, w, line);
		if (i == ap->overlay_sel)
			attroff(A_REVERSE);
		free(line);
		free(t);
	}
}

static void live_value(app *ap, const char *text)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	editor_update_live(ap, item, text);
	app_set_message(ap, ap->live_is_error, "%s", ap->live ? ap->live : "");
}

/* Edits case i through two prompts; false when cancelled. */
static bool edit_case(app *ap, answer *an, size_t i)
{
	char *when = prompt_line(ap, _("Condition (when): "), an->cases[i].when, NULL);
	if (!when)
		return false;
	char *value = prompt_line(ap, _("Value: "), an->cases[i].value, live_value);
	if (!value) {
		free(when);
		return false;
	}
	answer_set(&an->cases[i].when, when);
	free(an->cases[i].value);
	an->cases[i].value = value;
	free(when);
	return true;
}

static bool edit_row(app *ap, const tmpl_item *it, answer *an, size_t r)
{
	for (size_t c = 0; c < it->n_columns; c++) {
		const char *label = ltext_empty(&it->columns[c].label) ? it->columns[c].id
									: ltext_get(&it->columns[c].label, ap->lang);
		char *prompt = xasprintf("%s: ", label);
		char *v = prompt_line(ap, prompt, raw_pairs_scalar(&an->rows[r].cells, it->columns[c].id), NULL);
		free(prompt);
		if (!v)
			return false;
		if (*v)
			raw_pairs_set_scalar(&an->rows[r].cells, it->columns[c].id, v);
		else
			raw_pairs_remove(&an->rows[r].cells, it->columns[c].id);
		free(v);
	}
	return true;
}

void editor_edit_cases(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const tmpl_item *it = &ap->t.items[item];
	bool table = it->unit == UNIT_TABLE;
	bool pushed = false;
	ap->overlay = draw_list;
	ap->overlay_sel = 0;
	app_set_message(ap, false, "%s",
			table ? _("Table rows: a add, Enter edit, d delete, K/J move, Esc back.")
			      : _("Cases: a add, Enter edit, d delete, K/J move, Esc back."));
	for (;;) {
		draw_screen(ap);
		bool fk;
		int k = app_read_key(ap, &fk);
		if (fk && k == KEY_RESIZE)
			continue;
		size_t n = list_count(ap, item);
		if ((!fk && (k == KEY_ESCAPE || k == 'q')) || (!fk && k == CTRL('q')))
			break;
		if ((fk && k == KEY_UP) || (!fk && k == 'k')) {
			if (ap->overlay_sel)
				ap->overlay_sel--;
			continue;
		}
		if ((fk && k == KEY_DOWN) || (!fk && k == 'j')) {
			if (ap->overlay_sel + 1 < n)
				ap->overlay_sel++;
			continue;
		}
		if (fk || !(k == 'a' || k == '\n' || k == '\r' || k == 'd' || k == 'K' || k == 'J'))
			continue;
		if (k != 'a' && n == 0)
			continue;
		if (!pushed) {
			app_push_undo(ap, item);
			pushed = true;
		}
		answer *an = app_answer(ap, item);
		bool changed = false;
		if (k == 'a') {
			if (table) {
				answer_add_row(an);
				if (edit_row(ap, it, an, an->n_rows - 1)) {
					changed = true;
					ap->overlay_sel = an->n_rows - 1;
				} else
					answer_remove_row(an, an->n_rows - 1);
			} else {
				answer_add_case(an, "", an->n_cases == 0 && an->value ? an->value : "");
				if (edit_case(ap, an, an->n_cases - 1)) {
					answer_set(&an->value, NULL);
					changed = true;
					ap->overlay_sel = an->n_cases - 1;
				} else
					answer_remove_case(an, an->n_cases - 1);
			}
		} else if (k == '\n' || k == '\r') {
			changed = table ? edit_row(ap, it, an, ap->overlay_sel) : edit_case(ap, an, ap->overlay_sel);
		} else if (k == 'd') {
			if (table)
				answer_remove_row(an, ap->overlay_sel);
			else
				answer_remove_case(an, ap->overlay_sel);
			if (ap->overlay_sel && ap->overlay_sel >= list_count(ap, item))
				ap->overlay_sel--;
			changed = true;
		} else if ((k == 'K' && ap->overlay_sel > 0) || (k == 'J' && ap->overlay_sel + 1 < n)) {
			size_t a = ap->overlay_sel, b = k == 'K' ? a - 1 : a + 1;
			if (table) {
				answer_row tmp = an->rows[a];
				an->rows[a] = an->rows[b];
				an->rows[b] = tmp;
			} else {
				answer_case tmp = an->cases[a];
				an->cases[a] = an->cases[b];
				an->cases[b] = tmp;
			}
			ap->overlay_sel = b;
			changed = true;
		}
		if (!table && an->n_cases == 0)
			an->has_cases = false;
		if (table && an->n_rows == 0)
			an->has_rows = false;
		if (changed) {
			ap->modified = true;
			app_refresh_item(ap, item);
		}
	}
	ap->overlay = NULL;
	app_set_message(ap, false, "%s", "");
}

static char *next_version(const answers *a)
{
	if (!a->n_revisions || !a->revisions[a->n_revisions - 1].version)
		return xstrdup("1.0");
	const char *v = a->revisions[a->n_revisions - 1].version;
	int major, minor;
	if (sscanf(v, "%d.%d", &major, &minor) == 2)
		return xasprintf("%d.%d", major, minor + 1);
	return xstrdup(v);
}

typedef struct meta_row {
	const char *key;     /* subject key, or NULL for a revision row */
	const char *label;
	size_t revision;
} meta_row;

static size_t meta_rows(app *ap, meta_row *rows, size_t max)
{
	static const struct {
		const char *key, *label;
	} subject[] = {
		{"organization", N_("Organization")},
		{"service", N_("Service")},
		{"contact", N_("Contact")},
	};
	size_t n = 0;
	for (size_t i = 0; i < 3; i++)
		rows[n++] = (meta_row){subject[i].key, _(subject[i].label), 0};
	for (size_t i = 0; i < ap->a.n_revisions && n < max; i++)
		rows[n++] = (meta_row){NULL, NULL, i};
	return n;
}

static void draw_meta(app *ap, meta_row *rows, size_t n, size_t sel)
{
	erase();
	int w = ap->lay.cols;
	attron(A_REVERSE);
	draw_clip_fill(0, 0, w, _(" Subject and revisions: Enter edit, a add a revision, d delete it, Esc back"));
	attroff(A_REVERSE);
	int y = 2;
	for (size_t i = 0; i < n && y < ap->lay.rows - 2; i++) {
		char *line;
		if (rows[i].key) {
			const char *v = answers_subject(&ap->a, rows[i].key);
			line = xasprintf("%s %s: %s", i == sel ? ">" : " ", rows[i].label, v ? v : "");
		} else {
			const revision *r = &ap->a.revisions[rows[i].revision];
			if (i == 3 && y++ < ap->lay.rows - 2)
				draw_clip_fill(y - 1, 0, w, _("  Revision history (version, date, note):"));
			line = xasprintf("%s   %s  %s  %s", i == sel ? ">" : " ", r->version ? r->version : "",
					 r->date ? r->date : "", r->note ? r->note : "");
		}
		if (i == sel)
			attron(A_BOLD);
		draw_clip_fill(y++, 0, w, line);
		if (i == sel)
			attroff(A_BOLD);
		free(line);
	}
	draw_clip_fill(ap->lay.rows - 2, 0, w, ap->message);
	curs_set(0);
	refresh();
}

static void add_revision(app *ap)
{
	char *version = next_version(&ap->a);
	char date[16];
	time_t now = time(NULL);
	strftime(date, sizeof date, "%Y-%m-%d", localtime(&now));
	char *v = prompt_line(ap, _("Version: "), version, NULL);
	char *d = v ? prompt_line(ap, _("Date: "), date, NULL) : NULL;
	char *note = d ? prompt_line(ap, _("What changed: "), "", NULL) : NULL;
	if (note) {
		revision_add(&ap->a, v, d, note);
		ap->modified = true;
		app_set_message(ap, false, _("Added revision %s."), v);
	}
	free(version);
	free(v);
	free(d);
	free(note);
}

void meta_screen(app *ap)
{
	size_t sel = 0;
	meta_row rows[256];
	app_set_message(ap, false, "%s", "");
	for (;;) {
		size_t n = meta_rows(ap, rows, 256);
		if (sel >= n)
			sel = n - 1;
		draw_meta(ap, rows, n, sel);
		bool fk;
		int k = app_read_key(ap, &fk);
		if (fk && k == KEY_RESIZE)
			continue;
		if (!fk && (k == KEY_ESCAPE || k == 'q'))
			break;
		if ((fk && k == KEY_UP) || (!fk && k == 'k'))
			sel = sel ? sel - 1 : 0;
		else if ((fk && k == KEY_DOWN) || (!fk && k == 'j'))
			sel = sel + 1 < n ? sel + 1 : sel;
		else if (!fk && k == 'a')
			add_revision(ap);
		else if (!fk && k == 'd' && !rows[sel].key) {
			size_t r = rows[sel].revision;
			revision *rv = &ap->a.revisions[r];
			free(rv->version);
			free(rv->date);
			free(rv->note);
			raw_pairs_free(&rv->extra);
			memmove(rv, rv + 1, (ap->a.n_revisions - r - 1) * sizeof *rv);
			ap->a.n_revisions--;
			ap->modified = true;
		} else if ((!fk && (k == '\n' || k == '\r')) || (fk && k == KEY_ENTER)) {
			if (rows[sel].key) {
				char *label = xasprintf("%s: ", rows[sel].label);
				char *v = prompt_line(ap, label, answers_subject(&ap->a, rows[sel].key), NULL);
				if (v) {
					answers_set_subject(&ap->a, rows[sel].key, v);
					ap->modified = true;
				}
				free(v);
				free(label);
			} else {
				revision *rv = &ap->a.revisions[rows[sel].revision];
				char *note = prompt_line(ap, _("What changed: "), rv->note, NULL);
				if (note) {
					answer_set(&rv->note, note);
					ap->modified = true;
				}
				free(note);
			}
		}
	}
	clear();
}
