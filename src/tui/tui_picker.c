#include <config.h>

/* The picker: yes/no and choice values with one key. After a pick, the
 * note editor opens for every item whose template allows a note, so the
 * next text typed lands in the note, never on the browser's keys; the pick
 * and the note are one undo step. */

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

#define PICK_MAX 10

typedef struct pick_option {
	const char *value;   /* stored as typed */
	const char *label;
} pick_option;

typedef struct picker_data {
	size_t item;
	pick_option opts[PICK_MAX];
	size_t n, sel;
} picker_data;

static void fill_options(app *ap, picker_data *d)
{
	const tmpl_item *it = sheet_item(&ap->s, d->item);
	bool ja = strcmp(ap->s.lang, "ja") == 0;
	d->n = 0;
	if (it->unit == UNIT_YES_NO) {
		d->opts[d->n++] = (pick_option){ja ? "有" : "yes", _("yes")};
		d->opts[d->n++] = (pick_option){ja ? "無" : "no", _("no")};
		d->opts[d->n++] = (pick_option){ja ? "一部" : "partial", _("partial")};
		d->opts[d->n++] = (pick_option){ja ? "非公開" : "undisclosed", _("undisclosed")};
	} else
		for (size_t i = 0; i < it->n_options && d->n + 1 < PICK_MAX - 1; i++)
			d->opts[d->n++] = (pick_option){it->options[i].id, ltext_empty(&it->options[i].label)
										 ? it->options[i].id
										 : ltext_get(&it->options[i].label, ap->s.lang)};
	d->opts[d->n++] = (pick_option){ja ? "該当なし" : "n/a", _("n/a (explain in the note)")};
}

static void picker_free(screen *sc) { free(sc->data); }

/* Stores the pick; then the note, in the same undo step. */
static void pick(app *ap, screen *sc, size_t i)
{
	picker_data *d = sc->data;
	size_t item = d->item;
	const char *value = d->opts[i].value;
	screen_pop(ap);
	sheet_group_begin(&ap->s);
	sheet_set_value(&ap->s, item, value);
	if (sheet_item(&ap->s, item)->note != NOTE_NONE)
		field_open_note(ap, item, true);
	else {
		sheet_group_end(&ap->s);
		app_set_message(ap, false, _("No.%s: %s."), ap->s.t.items[item].no, value);
	}
}

static int on_number(app *ap, screen *sc, const key_event *k)
{
	picker_data *d = sc->data;
	size_t i = (size_t)(k->code - '1');
	if (i >= d->n) {
		app_set_message(ap, true, _("Pick 1 to %zu, or type a value."), d->n);
		return 0;
	}
	pick(ap, sc, i);
	return 0;
}

static int on_yes_no(app *ap, screen *sc, const key_event *k)
{
	picker_data *d = sc->data;
	size_t item = d->item;
	if (sheet_item(&ap->s, item)->unit != UNIT_YES_NO) {
		/* on a choice, y and n are the start of a typed value */
		char buf[2] = {(char)k->code, 0};
		screen_pop(ap);
		field_open_value(ap, item, buf);
		return 0;
	}
	pick(ap, sc, k->code == 'y' ? 0 : 1);
	return 0;
}

static int on_up(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	picker_data *d = sc->data;
	if (d->sel)
		d->sel--;
	return 0;
}

static int on_down(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	picker_data *d = sc->data;
	if (d->sel + 1 < d->n)
		d->sel++;
	return 0;
}

static int on_enter(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	picker_data *d = sc->data;
	pick(ap, sc, d->sel);
	return 0;
}

static int on_cancel(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	screen_pop(ap);
	app_set_message(ap, false, "%s", _("Edit cancelled; the old value is kept."));
	return 0;
}

/* Anything else typed starts a value typed by hand. */
static int on_text(app *ap, screen *sc, const char *utf8)
{
	picker_data *d = sc->data;
	size_t item = d->item;
	screen_pop(ap);
	field_open_value(ap, item, utf8);
	return 0;
}

static void draw_picker(app *ap, screen *sc)
{
	picker_data *d = sc->data;
	const layout *l = &ap->lay;
	int x = l->list_x + 2, w = l->list_w - 4, y = l->detail_y + 1, end = l->detail_y + l->detail_h;
	for (int r = l->detail_y; r < end; r++)
		draw_fill(r, l->list_x, l->list_w);
	if (w < 10)
		return;
	const tmpl_item *it = sheet_item(&ap->s, d->item);
	char *t = xasprintf("No.%s %s", it->no, ltext_get(&it->title, ap->s.lang));
	attron(A_BOLD);
	draw_clip_fill(l->detail_y, l->list_x, l->list_w, t);
	attroff(A_BOLD);
	free(t);
	attron(A_REVERSE);
	draw_clip_fill(y++, x, w, _(" Pick with a number key, or type a value; Esc cancels "));
	attroff(A_REVERSE);
	for (size_t i = 0; i < d->n && y < end; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, " %zu  %s  (%s)", i + 1, d->opts[i].value, d->opts[i].label);
		if (i == d->sel)
			attron(A_BOLD | A_REVERSE);
		draw_clip_fill(y++, x, w, buf);
		if (i == d->sel)
			attroff(A_BOLD | A_REVERSE);
	}
}

static const screen_key picker_keys[] = {
	{'1', false, false, on_number, "1-9", N_("pick that option"), N_("Pick")},
	{'2', false, false, on_number, NULL, NULL, NULL},
	{'3', false, false, on_number, NULL, NULL, NULL},
	{'4', false, false, on_number, NULL, NULL, NULL},
	{'5', false, false, on_number, NULL, NULL, NULL},
	{'6', false, false, on_number, NULL, NULL, NULL},
	{'7', false, false, on_number, NULL, NULL, NULL},
	{'8', false, false, on_number, NULL, NULL, NULL},
	{'9', false, false, on_number, NULL, NULL, NULL},
	{'y', false, false, on_yes_no, "y n", N_("yes / no (on a yes/no item)"), NULL},
	{'n', false, false, on_yes_no, NULL, NULL, NULL},
	{KEY_UP, true, false, on_up, "↑ ↓", N_("move the highlight"), NULL},
	{KEY_DOWN, true, false, on_down, NULL, NULL, NULL},
	{'\n', false, false, on_enter, "Enter", N_("pick the highlighted option"), N_("OK")},
	{KEY_ESCAPE, false, false, on_cancel, "Esc", N_("cancel: keep the old value"), N_("Cancel")},
	{SCREEN_KEY_TEXT, false, false, NULL, N_("any other character"), N_("starts a value typed by hand"), NULL},
	{SCREEN_KEY_PASTE, false, false, NULL, N_("paste"), N_("starts a value typed by hand with the pasted text"), NULL},
};

const screen_class picker_screen = {
	"picker", N_("Picking a value"), SCREEN_KEYS(picker_keys), draw_picker, picker_free, false, true, on_text,
};

void picker_open(app *ap, size_t item)
{
	picker_data *d = xcalloc(1, sizeof *d);
	d->item = item;
	fill_options(ap, d);
	const answer *an = sheet_answer(&ap->s, item);
	for (size_t i = 0; an && an->value && i < d->n; i++)
		if (strcmp(an->value, d->opts[i].value) == 0)
			d->sel = i;
	screen_push(ap, &picker_screen, d);
}
