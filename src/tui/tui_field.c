#include <config.h>

/* The editors: a one-line value field with its live reading, and a
 * multi-line editor for notes, comments and text answers. Each draws over
 * the detail pane of the browser below it, so the item stays in view. */

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/units.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

typedef enum field_kind { FIELD_VALUE, FIELD_TEXT_VALUE, FIELD_NOTE, FIELD_COMMENT, FIELD_CUSTOM } field_kind;

typedef struct field_data {
	size_t item;
	field_kind kind;
	textfield tf;
	bool close_group;   /* a sheet group (pick + note) ends with this editor */
	/* FIELD_CUSTOM: a label, a live reading, and what to do with the text */
	char *label;
	bool live;
	prompt_done done;
	void *ctx;
	void (*ctx_free)(void *);
} field_data;

static void field_free(screen *sc)
{
	field_data *d = sc->data;
	tf_free(&d->tf);
	free(d->label);
	if (d->ctx_free)
		d->ctx_free(d->ctx);
	free(d);
}

static field_data *field_new(size_t item, field_kind kind, const char *text, bool multiline)
{
	field_data *d = xcalloc(1, sizeof *d);
	d->item = item;
	d->kind = kind;
	tf_init(&d->tf, text ? text : "", multiline);
	d->tf.cursor = d->tf.text.len;
	return d;
}

/* The width a multi-line field wraps at: the detail pane less its margin. */
static size_t wrap_width(app *ap) { return ap->lay.list_w > 4 ? (size_t)ap->lay.list_w - 2 : 2; }

bool field_edit_key(textfield *tf, const key_event *k, size_t width)
{
	if (k->meta) {
		switch (k->code) {
		case 'b': case 'B': tf_word_left(tf); return true;
		case 'f': case 'F': tf_word_right(tf); return true;
		case 'd': case 'D': tf_delete_word_right(tf); return true;
		case 127: case CTRL('h'): tf_delete_word_left(tf); return true;
		}
		if (k->function_key)
			switch (k->code) {
			case KEY_LEFT: tf_word_left(tf); return true;
			case KEY_RIGHT: tf_word_right(tf); return true;
			case KEY_BACKSPACE: tf_delete_word_left(tf); return true;
			}
		return false;
	}
	if (k->function_key) {
		switch (k->code) {
		case KEY_LEFT: tf_left(tf); return true;
		case KEY_RIGHT: tf_right(tf); return true;
		case KEY_HOME: tf_home(tf); return true;
		case KEY_END: tf_end(tf); return true;
		case KEY_BACKSPACE: tf_delete_left(tf); return true;
		case KEY_DC: tf_delete_right(tf); return true;
		case KEY_UP: if (tf->multiline) tf_up(tf, width); return true;
		case KEY_DOWN: if (tf->multiline) tf_down(tf, width); return true;
		case KEY_PPAGE: for (int i = 0; i < 5 && tf->multiline; i++) tf_up(tf, width); return true;
		case KEY_NPAGE: for (int i = 0; i < 5 && tf->multiline; i++) tf_down(tf, width); return true;
		case KEY_SLEFT: tf_word_left(tf); return true;
		case KEY_SRIGHT: tf_word_right(tf); return true;
		}
		return false;
	}
	switch (k->code) {
	case CTRL('a'): tf_home(tf); return true;
	case CTRL('e'): tf_end(tf); return true;
	case CTRL('b'): tf_left(tf); return true;
	case CTRL('f'): tf_right(tf); return true;
	case CTRL('k'): tf_kill_to_end(tf); return true;
	case CTRL('u'): tf_kill_to_start(tf); return true;
	case CTRL('w'): tf_delete_word_left(tf); return true;
	case CTRL('d'): tf_delete_right(tf); return true;
	case CTRL('h'): case 127: tf_delete_left(tf); return true;
	}
	return false;
}

static int on_edit(app *ap, screen *sc, const key_event *k)
{
	field_data *d = sc->data;
	field_edit_key(&d->tf, k, wrap_width(ap));
	return 0;
}

static int on_text(app *ap, screen *sc, const char *utf8)
{
	(void)ap;
	field_data *d = sc->data;
	tf_insert(&d->tf, utf8);
	return 0;
}

/* ---- committing ---- */

static void close_field(app *ap, field_data *d)
{
	if (d->close_group)
		sheet_group_end(&ap->s);
	screen_pop(ap);
}

static void commit_value(app *ap, field_data *d)
{
	bool err;
	char *reading = sheet_reading(&ap->s, d->item, tf_text(&d->tf), &err);
	sheet_set_value(&ap->s, d->item, tf_text(&d->tf));
	app_set_message(ap, err, "%s", reading);
	free(reading);
}

/* The callback may open the next editor: take what it needs first. */
static int finish_custom(app *ap, field_data *d, bool ok)
{
	prompt_done done = d->done;
	void *ctx = d->ctx;
	void (*ctx_free)(void *) = d->ctx_free;
	char *text = ok ? xstrdup(tf_text(&d->tf)) : NULL;
	d->ctx_free = NULL;
	screen_pop(ap);
	if (done)
		done(ap, ctx, text);
	if (ctx_free)
		ctx_free(ctx);
	free(text);
	return 0;
}

static int on_commit_value(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	field_data *d = sc->data;
	commit_value(ap, d);
	close_field(ap, d);
	return 0;
}

static int on_commit_then_note(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	field_data *d = sc->data;
	size_t item = d->item;
	commit_value(ap, d);
	close_field(ap, d);
	if (sheet_item(&ap->s, item)->note != NOTE_NONE)
		field_open_note(ap, item, false);
	return 0;
}

static int on_cancel(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	field_data *d = sc->data;
	static const char *const msgs[] = {
		[FIELD_VALUE] = N_("Edit cancelled; the old value is kept."),
		[FIELD_TEXT_VALUE] = N_("Edit cancelled; the old value is kept."),
		[FIELD_NOTE] = N_("Edit cancelled; the old note is kept."),
		[FIELD_COMMENT] = N_("Edit cancelled; the old comment is kept."),
		[FIELD_CUSTOM] = N_("Edit cancelled; nothing was changed."),
	};
	app_set_message(ap, false, "%s", _(msgs[d->kind]));
	if (d->kind == FIELD_CUSTOM)
		return finish_custom(ap, d, false);
	close_field(ap, d);
	return 0;
}

static int on_commit_text(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	field_data *d = sc->data;
	size_t item = d->item;
	field_kind kind = d->kind;
	switch (kind) {
	case FIELD_CUSTOM:
		return finish_custom(ap, d, true);
	case FIELD_NOTE:
		sheet_set_note(&ap->s, item, tf_text(&d->tf));
		app_set_message(ap, false, "%s", _("Note kept."));
		break;
	case FIELD_COMMENT:
		sheet_set_comment(&ap->s, item, tf_text(&d->tf));
		app_set_message(ap, false, "%s", _("Comment kept."));
		break;
	case FIELD_TEXT_VALUE:
	case FIELD_VALUE:
		commit_value(ap, d);
		close_field(ap, d);
		/* as in the one-line field: Tab goes on to the note */
		if (sheet_item(&ap->s, item)->note != NOTE_NONE)
			field_open_note(ap, item, false);
		return 0;
	}
	close_field(ap, d);
	return 0;
}

static int on_newline(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	field_data *d = sc->data;
	tf_insert(&d->tf, "\n");
	return 0;
}

static int on_save_refused(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	field_data *d = sc->data;
	app_set_message(ap, true, "%s",
			d->tf.multiline ? _("Press Tab to commit the text first, then ^S.")
					: _("Press Enter to commit the value first, then ^S."));
	return 0;
}

/* ---- drawing ---- */

static void draw_header(app *ap, size_t item, int *y, int end)
{
	const layout *l = &ap->lay;
	const tmpl_item *it = sheet_item(&ap->s, item);
	char *t = xasprintf("No.%s %s", it->no, ltext_get(&it->title, ap->s.lang));
	if (*y < end) {
		attron(A_BOLD);
		draw_clip_fill((*y)++, l->list_x, l->list_w, t);
		attroff(A_BOLD);
	}
	free(t);
}

/* The one-line value: the field, what it reads as while typed, the note. */
static void draw_value_field(app *ap, screen *sc)
{
	field_data *d = sc->data;
	const layout *l = &ap->lay;
	int x = l->list_x, w = l->list_w, y = l->detail_y, end = l->detail_y + l->detail_h;
	for (int r = y; r < end; r++)
		draw_fill(r, x, w);
	draw_header(ap, d->item, &y, end);
	const tmpl_item *it = sheet_item(&ap->s, d->item);
	if (y < end && !ltext_empty(&it->hint)) {
		char *h = xasprintf("%s%s", _("Hint: "), ltext_get(&it->hint, ap->s.lang));
		attron(A_DIM);
		draw_clip_fill(y++, x, w, h);
		attroff(A_DIM);
		free(h);
	}
	const char *vlabel = _("Value: ");
	int vw = (int)utf8_width(vlabel);
	if (y < end) {
		attron(A_BOLD);
		draw_text(y, x, vw, vlabel);
		attroff(A_BOLD);
		tf_scroll_single(&d->tf, (size_t)(w - vw));
		attron(A_UNDERLINE);
		int used = draw_span(y, x + vw, w - vw, tf_text(&d->tf), d->tf.scroll_col);
		move(y, x + vw + used);
		for (; used < w - vw; used++)
			addch(' ');
		attroff(A_UNDERLINE);
		sc->cursor_y = y;
		sc->cursor_x = x + vw + (int)(utf8_width_n(tf_text(&d->tf), d->tf.cursor) - d->tf.scroll_col);
		y++;
	}
	bool err;
	char *reading = sheet_reading(&ap->s, d->item, tf_text(&d->tf), &err);
	text_line *lines;
	size_t n = tf_wrap(reading, (size_t)(w - 2), &lines);
	draw_color_on(err ? 1 : 2);
	for (size_t i = 0; i < n && y < end; i++) {
		char *part = xstrndup(reading + lines[i].start, lines[i].end - lines[i].start);
		draw_fill(y, x, 2);
		draw_clip_fill(y++, x + 2, w - 2, part);
		free(part);
	}
	draw_color_off(err ? 1 : 2);
	free(lines);
	free(reading);
	if (y < end) {
		attron(A_BOLD);
		draw_clip_fill(y++, x, w, _("Note:"));
		attroff(A_BOLD);
	}
	const answer *an = sheet_answer(&ap->s, d->item);
	if (an && an->note) {
		n = tf_wrap(an->note, (size_t)(w - 2), &lines);
		for (size_t i = 0; i < n && y < end; i++) {
			char *part = xstrndup(an->note + lines[i].start, lines[i].end - lines[i].start);
			draw_fill(y, x, 2);
			draw_clip_fill(y++, x + 2, w - 2, part);
			free(part);
		}
		free(lines);
	}
}

/* The multi-line editor takes the detail pane below the item's title, so
 * that what is typed is always on screen. */
static void draw_text_editor(app *ap, screen *sc)
{
	field_data *d = sc->data;
	const layout *l = &ap->lay;
	int x = l->list_x, w = l->list_w, y = l->detail_y, end = l->detail_y + l->detail_h;
	for (int r = y; r < end; r++)
		draw_fill(r, x, w);
	draw_header(ap, d->item, &y, end);
	static const char *const labels[] = {
		[FIELD_VALUE] = N_("Value:"),
		[FIELD_TEXT_VALUE] = N_("Value:"),
		[FIELD_NOTE] = N_("Note:"),
		[FIELD_COMMENT] = N_("Comment:"),
		[FIELD_CUSTOM] = NULL,
	};
	if (y < end - 1) {
		attron(A_BOLD);
		draw_clip_fill(y++, x, w, d->label ? d->label : _(labels[d->kind]));
		attroff(A_BOLD);
	}
	if (d->live && y < end - 1) {
		/* what a case's value reads as, while it is typed */
		bool err;
		char *reading = sheet_reading(&ap->s, d->item, tf_text(&d->tf), &err);
		draw_color_on(err ? 1 : 2);
		draw_clip_fill(y++, x, w, reading);
		draw_color_off(err ? 1 : 2);
		free(reading);
	}
	draw_multiline_field(&d->tf, y, end, x, w, &sc->cursor_y, &sc->cursor_x);
}

/* ---- opening ---- */

static const char *value_of(app *ap, size_t item)
{
	const answer *an = sheet_answer(&ap->s, item);
	return an && an->value ? an->value : "";
}

void field_open_value(app *ap, size_t item, const char *initial)
{
	const tmpl_item *it = sheet_item(&ap->s, item);
	const char *text = initial ? initial : value_of(ap, item);
	if (it->unit == UNIT_TEXT) {
		/* a text answer is prose: the multi-line editor */
		field_data *d = field_new(item, FIELD_TEXT_VALUE, text, true);
		d->live = true;
		screen_push(ap, &text_editor_screen, d);
		app_set_message(ap, false, "%s", _("Editing the value: Enter starts a new line, Tab commits, Esc cancels."));
		return;
	}
	screen_push(ap, &value_field_screen, field_new(item, FIELD_VALUE, text, false));
	if (!initial)
		app_set_message(ap, false, "%s", _("Editing the value: Enter commits, Tab commits and edits the note, Esc cancels."));
}

void field_open_note(app *ap, size_t item, bool close_group)
{
	const answer *an = sheet_answer(&ap->s, item);
	field_data *d = field_new(item, FIELD_NOTE, an && an->note ? an->note : "", true);
	d->close_group = close_group;
	screen_push(ap, &text_editor_screen, d);
	app_set_message(ap, false, "%s", _("Editing the note: Enter starts a new line, Tab commits, Esc cancels."));
}

void field_open_text(app *ap, size_t item, const char *label, const char *initial, bool live, prompt_done done,
		     void *ctx, void (*ctx_free)(void *))
{
	field_data *d = field_new(item, FIELD_CUSTOM, initial, true);
	d->label = xstrdup(label);
	d->live = live;
	d->done = done;
	d->ctx = ctx;
	d->ctx_free = ctx_free;
	screen_push(ap, &text_editor_screen, d);
	app_set_message(ap, false, "%s", _("Enter starts a new line, Tab commits, Esc cancels."));
}

void field_open_comment(app *ap, size_t item)
{
	const review_item *ri = sheet_review_item(&ap->s, item);
	screen_push(ap, &text_editor_screen, field_new(item, FIELD_COMMENT, ri && ri->comment ? ri->comment : "", true));
	app_set_message(ap, false, "%s", _("Editing the comment: Enter starts a new line, Tab commits, Esc cancels."));
}

static const screen_key value_keys[] = {
	{'\n', false, false, on_commit_value, "Enter", N_("commit the value"), N_("OK")},
	{'\t', false, false, on_commit_then_note, "Tab", N_("commit the value and edit the note"), N_("Note")},
	{KEY_ESCAPE, false, false, on_cancel, "Esc", N_("cancel: restore the old text"), N_("Cancel")},
	FIELD_EDIT_KEYS(on_edit, on_save_refused),
};

static const screen_key text_keys[] = {
	{'\t', false, false, on_commit_text, "Tab", N_("commit the text (a value: then edit the note)"), N_("OK")},
	{KEY_ESCAPE, false, false, on_cancel, "Esc", N_("cancel: restore the old text"), N_("Cancel")},
	{'\n', false, false, on_newline, "Enter", N_("new line"), NULL},
	{KEY_UP, true, false, on_edit, "↑ ↓ PgUp PgDn", N_("move across lines"), NULL},
	{KEY_DOWN, true, false, on_edit, NULL, NULL, NULL},
	{KEY_PPAGE, true, false, on_edit, NULL, NULL, NULL},
	{KEY_NPAGE, true, false, on_edit, NULL, NULL, NULL},
	FIELD_EDIT_KEYS(on_edit, on_save_refused),
};

const screen_class value_field_screen = {
	"value", N_("Editing a value"), SCREEN_KEYS(value_keys), draw_value_field, field_free, false, false, on_text,
};

const screen_class text_editor_screen = {
	"text", N_("Editing a note, a comment or a text answer"), SCREEN_KEYS(text_keys), draw_text_editor,
	field_free, false, false, on_text,
};

