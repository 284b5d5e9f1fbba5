#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/units.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

bool field_key(textfield *tf, int key, bool fk, size_t width)
{
	if (fk) {
		switch (key) {
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
		case 0x221: /* ctrl-left in xterm-like terminals */ tf_word_left(tf); return true;
		case 0x230: tf_word_right(tf); return true;
		}
		return false;
	}
	switch (key) {
	case CTRL('a'): tf_home(tf); return true;
	case CTRL('e'): tf_end(tf); return true;
	case CTRL('b'): tf_left(tf); return true;
	case CTRL('f'): tf_right(tf); return true;
	case CTRL('k'): tf_kill_to_end(tf); return true;
	case CTRL('u'): tf_kill_to_start(tf); return true;
	case CTRL('d'): tf_delete_right(tf); return true;
	case CTRL('h'): case 127: tf_delete_left(tf); return true;
	}
	if (key >= 0x20 && key != 0x7F && iswprint((wint_t)key)) {
		char buf[5];
		size_t n = utf8_encode((uint32_t)key, buf);
		buf[n] = '\0';
		tf_insert(tf, buf);
		return true;
	}
	return false;
}

void editor_update_live(app *ap, size_t item, const char *text)
{
	const tmpl_item *it = &ap->t.items[item];
	free(ap->live);
	ap->live = NULL;
	ap->live_is_error = false;
	char *norm = units_normalize(text);
	bool empty = !*norm;
	free(norm);
	if (empty) {
		ap->live = xstrdup(it->required ? _("✗ a required answer is missing") : _("(empty: the answer will be removed)"));
		ap->live_is_error = it->required;
		return;
	}
	const char *code;
	typed_value tv;
	char *msg = units_check_message(it, text, &tv, &code);
	if (msg) {
		ap->live = xasprintf("✗ %s", msg);
		ap->live_is_error = true;
		free(msg);
	} else if (it->unit == UNIT_TEXT) {
		ap->live = xstrdup(_("✓ text"));
	} else {
		char *f = units_format(&tv);
		ap->live = xasprintf("= %s", f);
		free(f);
	}
}

/* Stores text as the item's value (an empty text removes it). */
static void commit_value(app *ap, size_t item, const char *text)
{
	answer *an = app_answer(ap, item);
	const char *old = an->value ? an->value : "";
	char *norm = units_normalize(text);
	bool empty = !*norm;
	free(norm);
	if (strcmp(old, empty ? "" : text) == 0)
		return;
	app_push_undo(ap, item);
	answer_set(&an->value, empty ? NULL : text);
	ap->modified = true;
	app_refresh_item(ap, item);
}

static bool wants_note(app *ap, size_t item)
{
	const tmpl_item *it = &ap->t.items[item];
	const answer *an = answers_find(&ap->a, it->id);
	if (!an || !an->value || (an->note && *an->note))
		return false;
	typed_value tv;
	if (units_parse_item(it, an->value, &tv) != PARSE_OK)
		return false;
	return tv.na || it->note == NOTE_REQUIRED ||
	       (it->note == NOTE_REQUIRED_IF_YES && (tv.yn == YN_YES || tv.yn == YN_PARTIAL));
}

/* Edits the value in a line field; *then_note is set when Tab ended it. */
static void edit_value_text(app *ap, size_t item, const char *initial, bool *then_note)
{
	const answer *an = answers_find(&ap->a, ap->t.items[item].id);
	tf_init(&ap->field, initial ? initial : an && an->value ? an->value : "", false);
	ap->editing = EDIT_VALUE;
	*then_note = false;
	for (;;) {
		editor_update_live(ap, item, tf_text(&ap->field));
		bool fk;
		int k = app_read_edit_key(ap, &fk);
		if (!fk && k == KEY_ESCAPE) {
			app_set_message(ap, false, "%s", _("Edit cancelled; the old value is kept."));
			break;
		}
		if ((!fk && (k == '\n' || k == '\r')) || (fk && k == KEY_ENTER) || (!fk && k == '\t')) {
			commit_value(ap, item, tf_text(&ap->field));
			*then_note = !fk && k == '\t';
			app_set_message(ap, ap->live_is_error, "%s", ap->live ? ap->live : "");
			break;
		}
		if (!fk && k == CTRL('s')) {
			app_set_message(ap, true, "%s", _("Press Enter to commit the value first, then ^S."));
			continue;
		}
		field_key(&ap->field, k, fk, 0);
	}
	ap->editing = EDIT_NONE;
	tf_free(&ap->field);
	free(ap->live);
	ap->live = NULL;
}

typedef struct pick_option {
	char key;
	const char *value;   /* stored as typed */
	const char *label;
} pick_option;

static size_t pick_options(app *ap, const tmpl_item *it, pick_option *v, size_t max)
{
	size_t n = 0;
	if (it->unit == UNIT_YES_NO) {
		bool ja = strcmp(ap->lang, "ja") == 0;
		v[n++] = (pick_option){'1', ja ? "有" : "yes", _("yes")};
		v[n++] = (pick_option){'2', ja ? "無" : "no", _("no")};
		v[n++] = (pick_option){'3', ja ? "一部" : "partial", _("partial")};
		v[n++] = (pick_option){'4', ja ? "非公開" : "undisclosed", _("undisclosed")};
		v[n++] = (pick_option){'5', ja ? "該当なし" : "n/a", _("n/a (explain in the note)")};
		return n;
	}
	for (size_t i = 0; i < it->n_options && n + 1 < max && i < 8; i++)
		v[n++] = (pick_option){(char)('1' + i), it->options[i].id,
				       ltext_empty(&it->options[i].label) ? it->options[i].id
									  : ltext_get(&it->options[i].label, ap->lang)};
	v[n++] = (pick_option){(char)('1' + n), strcmp(ap->lang, "ja") == 0 ? "該当なし" : "n/a",
			       _("n/a (explain in the note)")};
	return n;
}

static pick_option *overlay_options;
static size_t overlay_n;

static void draw_picker(app *ap)
{
	const layout *l = &ap->lay;
	int x = l->list_x + 2, w = l->list_w - 4, y = l->detail_y + 1;
	if (w < 10)
		return;
	for (int r = l->detail_y; r < l->detail_y + l->detail_h; r++)
		draw_clip_fill(r, l->list_x, l->list_w, "");
	attron(A_REVERSE);
	draw_clip_fill(y++, x, w, _(" Pick with a number key, or type a value; Esc cancels "));
	attroff(A_REVERSE);
	for (size_t i = 0; i < overlay_n && y < l->detail_y + l->detail_h; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, " %c  %s  (%s)", overlay_options[i].key, overlay_options[i].value,
			 overlay_options[i].label);
		if (i == ap->overlay_sel)
			attron(A_BOLD | A_REVERSE);
		draw_clip_fill(y++, x, w, buf);
		if (i == ap->overlay_sel)
			attroff(A_BOLD | A_REVERSE);
	}
}

/* Picks a yes/no or choice value with one key. Returns the value to
 * store, or NULL (Esc); *typed gets a first character typed instead. */
static const char *pick(app *ap, const tmpl_item *it, int *typed)
{
	pick_option opts[12];
	size_t n = pick_options(ap, it, opts, 12);
	overlay_options = opts;
	overlay_n = n;
	ap->overlay = draw_picker;
	ap->overlay_sel = 0;
	const answer *an = answers_find(&ap->a, it->id);
	for (size_t i = 0; an && an->value && i < n; i++)
		if (strcmp(an->value, opts[i].value) == 0)
			ap->overlay_sel = i;
	const char *result = NULL;
	*typed = 0;
	for (;;) {
		draw_screen(ap);
		bool fk;
		int k = app_read_key(ap, &fk);
		if (fk && k == KEY_RESIZE)
			continue;
		if (fk && k == KEY_UP && ap->overlay_sel > 0)
			ap->overlay_sel--;
		else if (fk && k == KEY_DOWN && ap->overlay_sel + 1 < n)
			ap->overlay_sel++;
		else if ((!fk && (k == '\n' || k == '\r')) || (fk && k == KEY_ENTER)) {
			result = opts[ap->overlay_sel].value;
			break;
		} else if (!fk && k == KEY_ESCAPE)
			break;
		else if (!fk) {
			size_t i;
			for (i = 0; i < n && opts[i].key != k; i++)
				;
			if (i < n) {
				result = opts[i].value;
				break;
			}
			if (it->unit == UNIT_YES_NO && (k == 'y' || k == 'n')) {
				result = opts[k == 'y' ? 0 : 1].value;
				break;
			}
			if (k >= 0x20 && iswprint((wint_t)k)) {
				*typed = k;
				break;
			}
		}
	}
	ap->overlay = NULL;
	return result;
}

char *editor_multiline(app *ap, edit_mode mode, const char *initial, const char *hint)
{
	tf_init(&ap->field, initial ? initial : "", true);
	ap->field.cursor = ap->field.text.len;
	ap->editing = mode;
	app_set_message(ap, false, "%s", hint);
	char *result = NULL;
	for (;;) {
		bool fk;
		int k = app_read_edit_key(ap, &fk);
		if (!fk && k == KEY_ESCAPE)
			break;
		if (!fk && k == '\t') {
			result = xstrdup(tf_text(&ap->field));
			break;
		}
		if ((!fk && (k == '\n' || k == '\r')) || (fk && k == KEY_ENTER)) {
			tf_insert(&ap->field, "\n");
			continue;
		}
		field_key(&ap->field, k, fk, (size_t)(ap->lay.list_w - 2));
	}
	ap->editing = EDIT_NONE;
	tf_free(&ap->field);
	return result;
}

void editor_edit_note(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const answer *an = answers_find(&ap->a, ap->t.items[item].id);
	char *text = editor_multiline(ap, EDIT_NOTE, an ? an->note : NULL,
				      _("Editing the note: Enter starts a new line, Tab commits, Esc cancels."));
	if (!text) {
		app_set_message(ap, false, "%s", _("Edit cancelled; the old note is kept."));
		return;
	}
	answer *a = app_answer(ap, item);
	if (strcmp(a->note ? a->note : "", text) != 0) {
		app_push_undo(ap, item);
		answer_set(&a->note, text);
		ap->modified = true;
		app_refresh_item(ap, item);
	}
	free(text);
	app_set_message(ap, false, "%s", _("Note kept."));
}

void editor_edit_value(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const tmpl_item *it = &ap->t.items[item];
	const answer *an = answers_find(&ap->a, it->id);
	if (it->unit == UNIT_TABLE || (an && an->n_cases)) {
		editor_edit_cases(ap);
		return;
	}
	char initial[8] = "";
	bool then_note = false;
	if (it->unit == UNIT_YES_NO || it->unit == UNIT_CHOICE) {
		int typed;
		const char *v = pick(ap, it, &typed);
		if (v) {
			commit_value(ap, item, v);
			then_note = wants_note(ap, item);
		} else if (typed) {
			initial[utf8_encode((uint32_t)typed, initial)] = '\0';
			edit_value_text(ap, item, initial, &then_note);
		}
	} else
		edit_value_text(ap, item, NULL, &then_note);
	if (then_note)
		editor_edit_note(ap);
}
