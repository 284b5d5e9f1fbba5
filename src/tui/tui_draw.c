#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/units.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

/* Draws s from column `skip` on, in at most width columns. A wide
 * character cut by either edge shows as a blank, never as half. Control
 * characters show as '?', line breaks as a space. Returns columns drawn. */
static int draw_span(int y, int x, int width, const char *s, size_t skip)
{
	if (width <= 0)
		return 0;
	move(y, x);
	size_t len = strlen(s), i = 0, col = 0;
	int used = 0;
	while (i < len && used < width) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int w = utf8_cp_width(cp);
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		else if (cp < 0x20 || cp == 0x7F || w == 0)
			cp = '?', w = 1;
		if (col < skip) {
			if (col + (size_t)w > skip) {
				addch(' ');
				used++;
			}
			col += (size_t)w;
			i += n;
			continue;
		}
		if (used + w > width) {
			while (used < width) {
				addch(' ');
				used++;
			}
			break;
		}
		char buf[5];
		size_t k = utf8_encode(cp, buf);
		buf[k] = '\0';
		addstr(buf);
		used += w;
		col += (size_t)w;
		i += n;
	}
	return used;
}

int draw_text(int y, int x, int width, const char *s) { return draw_span(y, x, width, s, 0); }

void draw_clip_fill(int y, int x, int width, const char *s)
{
	int used = draw_text(y, x, width, s);
	for (; used < width; used++)
		addch(' ');
}

static void fill(int y, int x, int width)
{
	move(y, x);
	for (int i = 0; i < width; i++)
		addch(' ');
}

static void color_on(int pair)
{
	if (has_colors() && !getenv("NO_COLOR"))
		attron(COLOR_PAIR(pair));
}

static void color_off(int pair)
{
	if (has_colors() && !getenv("NO_COLOR"))
		attroff(COLOR_PAIR(pair));
}

static void draw_title(app *ap)
{
	const layout *l = &ap->lay;
	attron(A_REVERSE);
	fill(0, 0, l->cols);
	strbuf right;
	sb_init(&right);
	size_t total = ap->t.n_items;
	int gauge = 10;
	int filled = total ? (int)(ap->answered * (size_t)gauge / total) : 0;
	sb_printf(&right, " %zu/%zu [", ap->answered, total);
	for (int i = 0; i < gauge; i++)
		sb_addc(&right, i < filled ? '#' : '-');
	sb_add(&right, "] ");
	if (ap->has_review) {
		sb_printf(&right, _("judged %zu "), ap->judged);
		if (ap->n_stale)
			sb_printf(&right, _("stale %zu "), ap->n_stale);
	}
	if (ap->has_rq)
		sb_printf(&right, _("rules %zu✓ %zu✗ %zu? "), ap->rules_pass, ap->rules_fail, ap->rules_unknown);
	if (ap->problem_items && !ap->review_mode)
		sb_printf(&right, _("%zu problems "), ap->problem_items);
	strbuf left;
	sb_init(&left);
	if (ap->review_mode)
		sb_printf(&left, " %s %s%s  %s", _("REVIEW"), ap->opt->path, ap->review_modified ? " [+]" : "",
			  ltext_get(&ap->t.title, ap->lang));
	else
		sb_printf(&left, " %s%s  %s", ap->opt->path, ap->modified ? " [+]" : "",
			  ltext_get(&ap->t.title, ap->lang));
	int rw = (int)utf8_width(sb_str(&right));
	draw_text(0, 0, l->cols - rw > 0 ? l->cols - rw : 0, sb_str(&left));
	if (rw <= l->cols)
		draw_text(0, l->cols - rw, rw, sb_str(&right));
	attroff(A_REVERSE);
	sb_free(&left);
	sb_free(&right);
}

static void draw_sections(app *ap)
{
	const layout *l = &ap->lay;
	int w = l->sec_w;
	size_t h = (size_t)l->body_h;
	if (ap->section < ap->sec_top)
		ap->sec_top = ap->section;
	else if (ap->section >= ap->sec_top + h)
		ap->sec_top = ap->section - h + 1;
	for (size_t r = 0; r < h; r++) {
		int y = l->body_y + (int)r;
		size_t s = ap->sec_top + r;
		if (s >= ap->t.n_sections) {
			fill(y, 0, w);
			continue;
		}
		const tmpl_section *sec = &ap->t.sections[s];
		char count[48];
		snprintf(count, sizeof count, " %zu/%zu%s", ap->sec_answered[s], sec->count,
			 ap->sec_problems[s] ? "!" : " ");
		int cw = (int)strlen(count);
		bool cur = s == ap->section;
		if (cur)
			attron(ap->focus == PANE_SECTIONS ? A_REVERSE : A_BOLD);
		move(y, 0);
		addch(cur ? '>' : ' ');
		draw_clip_fill(y, 1, w - 1 - cw, ltext_get(&sec->title, ap->lang));
		if (ap->sec_problems[s])
			color_on(3);
		draw_text(y, w - cw, cw, count);
		if (ap->sec_problems[s])
			color_off(3);
		if (cur)
			attroff(ap->focus == PANE_SECTIONS ? A_REVERSE : A_BOLD);
	}
	for (int y = l->body_y; y < l->body_y + l->body_h; y++)
		mvaddch(y, w, ACS_VLINE);
}

static char state_mark(item_state s)
{
	switch (s) {
	case ITEM_VALID: return '+';
	case ITEM_INVALID: return '!';
	case ITEM_EMPTY_REQUIRED: return '*';
	case ITEM_EMPTY_OPTIONAL: break;
	}
	return ' ';
}

static char *value_preview(app *ap, size_t item)
{
	const answer *an = answers_find(&ap->a, ap->t.items[item].id);
	if (!an)
		return xstrdup("");
	if (an->n_cases)
		return xasprintf(_("%zu cases"), an->n_cases);
	if (an->n_rows)
		return xasprintf(_("%zu rows"), an->n_rows);
	return xstrdup(an->value ? an->value : "");
}

static void draw_items(app *ap)
{
	const layout *l = &ap->lay;
	int x = l->list_x, w = l->list_w;
	const tmpl_section *sec = &ap->t.sections[ap->section];
	strbuf head;
	sb_init(&head);
	sb_printf(&head, "%s", ltext_get(&sec->title, ap->lang));
	if (!ltext_empty(&sec->group))
		sb_printf(&head, "  (%s)", ltext_get(&sec->group, ap->lang));
	if (ap->filter != FILTER_ALL)
		sb_printf(&head, "  [%s]", filter_label(ap->filter));
	attron(A_BOLD | A_UNDERLINE);
	draw_clip_fill(l->body_y, x, w, sb_str(&head));
	attroff(A_BOLD | A_UNDERLINE);
	sb_free(&head);
	int pw = w / 3;
	for (int r = 0; r < l->list_h; r++) {
		int y = l->body_y + 1 + r;
		size_t v = ap->top + (size_t)r;
		if (v >= ap->n_view) {
			if (r == 0 && ap->n_view == 0)
				draw_clip_fill(y, x, w, _("  (no items match the filter)"));
			else
				fill(y, x, w);
			continue;
		}
		size_t item = ap->view[v];
		const tmpl_item *it = &ap->t.items[item];
		bool cur = v == ap->sel;
		if (cur)
			attron(ap->focus == PANE_ITEMS ? A_REVERSE : A_BOLD);
		char lead[48], marks[8];
		marks[0] = '\0';
		if (ap->has_review)
			review_marks(ap, item, marks);
		snprintf(lead, sizeof lead, "%c%s%4s ", state_mark(ap->states[item]), marks, it->no ? it->no : "");
		int lw = (int)utf8_width(lead);
		item_state st = ap->states[item];
		if (st == ITEM_INVALID || st == ITEM_EMPTY_REQUIRED)
			color_on(st == ITEM_INVALID ? 1 : 3);
		draw_text(y, x, 1, lead);
		if (st == ITEM_INVALID || st == ITEM_EMPTY_REQUIRED)
			color_off(st == ITEM_INVALID ? 1 : 3);
		draw_text(y, x + 1, lw - 1, lead + 1);
		draw_clip_fill(y, x + lw, w - lw - pw - 1, ltext_get(&it->title, ap->lang));
		char *pv = value_preview(ap, item);
		move(y, x + w - pw - 1);
		addch(' ');
		draw_clip_fill(y, x + w - pw, pw, pv);
		free(pv);
		if (cur)
			attroff(ap->focus == PANE_ITEMS ? A_REVERSE : A_BOLD);
	}
	move(l->body_y + 1 + l->list_h, x);
	for (int i = 0; i < w; i++)
		addch(ACS_HLINE);
}

/* Draws text wrapped into rows [*y, limit); returns false when cut. */
static bool draw_wrapped(int *y, int limit, int x, int w, const char *label, const char *text, int attr)
{
	strbuf sb;
	sb_init(&sb);
	if (label)
		sb_add(&sb, label);
	sb_add(&sb, text);
	text_line *lines;
	size_t n = tf_wrap(sb_str(&sb), (size_t)w, &lines);
	bool all = true;
	for (size_t i = 0; i < n; i++) {
		if (*y >= limit) {
			all = false;
			break;
		}
		char *part = xstrndup(sb_str(&sb) + lines[i].start, lines[i].end - lines[i].start);
		if (attr)
			attron(attr);
		draw_clip_fill(*y, x, w, part);
		if (attr)
			attroff(attr);
		free(part);
		(*y)++;
	}
	free(lines);
	sb_free(&sb);
	return all;
}

static const char *note_rule_label(note_rule r)
{
	switch (r) {
	case NOTE_NONE: return _("note: none");
	case NOTE_OPTIONAL: return _("note: optional");
	case NOTE_REQUIRED: return _("note: required");
	case NOTE_REQUIRED_IF_YES: return _("note: required if yes");
	case NOTE_RULE_COUNT: break;
	}
	return "";
}

/* The result line for the item: the typed reading or the problem. */
static void item_reading(app *ap, size_t item, char **text, bool *error)
{
	problems ps;
	problems_init(&ps);
	const tmpl_item *it = &ap->t.items[item];
	const answer *an = answers_find(&ap->a, it->id);
	item_state st = validate_item(&ap->a, &ap->t, it, an, ap->lang, (cs_mark){0, 0}, &ps);
	*error = st == ITEM_INVALID || st == ITEM_EMPTY_REQUIRED;
	if (ps.n)
		*text = xasprintf("✗ %s", ps.v[0].message);
	else if (st == ITEM_VALID && an && an->value && it->unit != UNIT_TEXT) {
		typed_value tv;
		units_parse_item(it, an->value, &tv);
		char *f = units_format(&tv);
		*text = xasprintf("= %s", f);
		free(f);
	} else if (st == ITEM_VALID)
		*text = xstrdup(_("✓ answered"));
	else
		*text = xstrdup(_("(not answered; optional)"));
	problems_free(&ps);
}

void draw_multiline_field(app *ap, int y, int end, int x, int w, int *cur_y, int *cur_x)
{
	int h = end - y;
	if (h < 1)
		h = 1;
	tf_scroll_multi(&ap->field, (size_t)(w - 2), (size_t)h);
	text_line *lines;
	size_t n = tf_wrap(tf_text(&ap->field), (size_t)(w - 2), &lines);
	for (int r = 0; r < h && y + r < end; r++) {
		size_t li = ap->field.scroll_row + (size_t)r;
		attron(A_UNDERLINE);
		if (li < n) {
			char *part = xstrndup(tf_text(&ap->field) + lines[li].start, lines[li].end - lines[li].start);
			move(y + r, x);
			addstr("  ");
			draw_clip_fill(y + r, x + 2, w - 2, part);
			free(part);
		} else
			fill(y + r, x, w);
		attroff(A_UNDERLINE);
	}
	free(lines);
	size_t row, col;
	tf_cursor_rc(&ap->field, (size_t)(w - 2), &row, &col);
	*cur_y = y + (int)(row - ap->field.scroll_row);
	*cur_x = x + 2 + (int)col;
}

static void draw_detail(app *ap, int *cur_y, int *cur_x)
{
	const layout *l = &ap->lay;
	int x = l->list_x, w = l->list_w, y = l->detail_y, end = l->detail_y + l->detail_h;
	for (int r = y; r < end; r++)
		fill(r, x, w);
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const tmpl_item *it = &ap->t.items[item];
	const answer *an = answers_find(&ap->a, it->id);
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "No.%s %s", it->no, ltext_get(&it->title, ap->lang));
	draw_wrapped(&y, end, x, w, NULL, sb_str(&sb), A_BOLD);
	sb_clear(&sb);
	sb_printf(&sb, "[%s] %s: %s  %s", it->required ? _("required") : _("optional"), _("unit"),
		  !ltext_empty(&it->unit_label) ? ltext_get(&it->unit_label, ap->lang) : unit_table[it->unit].id,
		  note_rule_label(it->note));
	if (an && an->status)
		sb_printf(&sb, "  (%s)", strcmp(an->status, "final") == 0 ? _("final") : _("draft"));
	draw_wrapped(&y, end, x, w, NULL, sb_str(&sb), 0);
	/* the value: a field while it is edited */
	const char *vlabel = _("Value: ");
	int vw = (int)utf8_width(vlabel);
	if (y < end) {
		attron(A_BOLD);
		draw_text(y, x, vw, vlabel);
		attroff(A_BOLD);
		if (ap->editing == EDIT_VALUE) {
			tf_scroll_single(&ap->field, (size_t)(w - vw));
			attron(A_UNDERLINE);
			int used = draw_span(y, x + vw, w - vw, tf_text(&ap->field), ap->field.scroll_col);
			for (; used < w - vw; used++)
				addch(' ');
			attroff(A_UNDERLINE);
			*cur_y = y;
			*cur_x = x + vw + (int)(utf8_width_n(tf_text(&ap->field), ap->field.cursor) - ap->field.scroll_col);
		} else {
			char *pv = value_preview(ap, item);
			draw_clip_fill(y, x + vw, w - vw, pv);
			free(pv);
		}
		y++;
	}
	if (an && ap->editing != EDIT_VALUE)
		for (size_t k = 0; k < an->n_cases && y < end; k++) {
			sb_clear(&sb);
			sb_printf(&sb, "  %s → %s", an->cases[k].when ? an->cases[k].when : "",
				  an->cases[k].value ? an->cases[k].value : "");
			draw_clip_fill(y++, x, w, sb_str(&sb));
		}
	if (an && it->unit == UNIT_TABLE)
		for (size_t r = 0; r < an->n_rows && r < 3 && y < end; r++) {
			sb_clear(&sb);
			sb_add(&sb, "  ");
			for (size_t c = 0; c < an->rows[r].cells.n; c++) {
				const char *v = raw_pairs_scalar(&an->rows[r].cells, an->rows[r].cells.v[c].key);
				sb_printf(&sb, "%s%s", c ? " | " : "", v ? v : "");
			}
			draw_clip_fill(y++, x, w, sb_str(&sb));
		}
	/* what the value reads as, live while typing */
	char *reading;
	bool error;
	if (ap->editing == EDIT_VALUE && ap->live) {
		reading = xstrdup(ap->live);
		error = ap->live_is_error;
	} else
		item_reading(ap, item, &reading, &error);
	color_on(error ? 1 : 2);
	draw_wrapped(&y, end < y + 3 ? end : y + 3, x, w, "  ", reading, 0);
	color_off(error ? 1 : 2);
	free(reading);
	/* the note: a box while it is edited */
	const char *nlabel = _("Note:");
	if (y < end) {
		attron(A_BOLD);
		draw_clip_fill(y++, x, w, nlabel);
		attroff(A_BOLD);
	}
	if (ap->editing == EDIT_NOTE) {
		draw_multiline_field(ap, y, end, x, w, cur_y, cur_x);
		y = end;
	} else if (an && an->note) {
		int limit = y + 3 < end ? y + 3 : end;
		if (!draw_wrapped(&y, limit, x + 2, w - 2, NULL, an->note, 0) && y > 0)
			draw_clip_fill(y - 1, x + w - 3, 3, "…");
	}
	if (ap->has_review && ap->editing != EDIT_NOTE)
		review_draw_detail(ap, item, &y, end, x, w);
	if (ap->editing == EDIT_COMMENT) {
		draw_multiline_field(ap, y, end, x, w, cur_y, cur_x);
		y = end;
	}
	/* what the sheet says about the item, as room allows */
	if (!ltext_empty(&it->description))
		draw_wrapped(&y, end, x, w, NULL, ltext_get(&it->description, ap->lang), A_DIM);
	if (!ltext_empty(&it->example))
		draw_wrapped(&y, end, x, w, _("Example: "), ltext_get(&it->example, ap->lang), A_DIM);
	if (!ltext_empty(&it->hint))
		draw_wrapped(&y, end, x, w, _("Hint: "), ltext_get(&it->hint, ap->lang), A_DIM);
	sb_free(&sb);
}

static void draw_hints(app *ap)
{
	const layout *l = &ap->lay;
	unsigned ctx = ap->editing == EDIT_VALUE ? CTX_FIELD
		       : ap->editing == EDIT_NOTE || ap->editing == EDIT_COMMENT ? CTX_NOTE
		       : ap->editing == EDIT_PROMPT ? CTX_FIELD
		       : ap->review_mode ? CTX_REVIEW : CTX_BROWSE;
	fill(l->rows - 1, 0, l->cols);
	if (ap->editing == EDIT_PROMPT && ap->message[0]) {
		/* the prompt holds the message line: its answer shows here */
		if (ap->message_is_error)
			color_on(1);
		draw_clip_fill(l->rows - 1, 0, l->cols, ap->message);
		if (ap->message_is_error)
			color_off(1);
		return;
	}
	int x = 0;
	for (int i = 0; i < key_table_count; i++) {
		const key_binding *b = &key_table[i];
		if (!(b->contexts & ctx) || !b->hint || !b->label)
			continue;
		if (ap->editing == EDIT_PROMPT && strcmp(b->label, "Tab") == 0)
			continue;
		int kw = (int)utf8_width(b->label), hw = (int)utf8_width(_(b->hint));
		if (x + kw + 1 + hw > l->cols)
			break;
		attron(A_REVERSE);
		draw_text(l->rows - 1, x, kw, b->label);
		attroff(A_REVERSE);
		draw_text(l->rows - 1, x + kw + 1, hw, _(b->hint));
		x += kw + 1 + hw + 2;
	}
}

static void draw_message(app *ap, int *cur_y, int *cur_x)
{
	const layout *l = &ap->lay;
	int y = l->rows - 2;
	if (ap->editing == EDIT_PROMPT) {
		const char *label = ap->prompt_label ? ap->prompt_label : "";
		int lw = (int)utf8_width(label);
		attron(A_BOLD);
		draw_text(y, 0, lw, label);
		attroff(A_BOLD);
		tf_scroll_single(&ap->field, (size_t)(l->cols - lw));
		int used = draw_span(y, lw, l->cols - lw, tf_text(&ap->field), ap->field.scroll_col);
		for (; lw + used < l->cols; used++)
			addch(' ');
		*cur_y = y;
		*cur_x = lw + (int)(utf8_width_n(tf_text(&ap->field), ap->field.cursor) - ap->field.scroll_col);
		return;
	}
	if (ap->message_is_error) {
		color_on(1);
		attron(A_BOLD);
	}
	draw_clip_fill(y, 0, l->cols, ap->message);
	if (ap->message_is_error) {
		attroff(A_BOLD);
		color_off(1);
	}
}

static void draw_too_small(app *ap)
{
	erase();
	char buf[128];
	snprintf(buf, sizeof buf, _("Terminal too small (%dx%d); at least %dx%d needed."), ap->lay.cols,
		 ap->lay.rows, TUI_MIN_COLS, TUI_MIN_ROWS);
	int y = ap->lay.rows / 2;
	draw_text(y > 0 ? y : 0, 0, ap->lay.cols, buf);
	curs_set(0);
	refresh();
}

void draw_screen(app *ap)
{
	if (ap->lay.too_small) {
		draw_too_small(ap);
		return;
	}
	int cy = -1, cx = -1;
	draw_title(ap);
	draw_sections(ap);
	draw_items(ap);
	draw_detail(ap, &cy, &cx);
	if (ap->overlay)
		ap->overlay(ap);
	draw_message(ap, &cy, &cx);
	draw_hints(ap);
	if (cy >= 0 && ap->editing != EDIT_NONE) {
		curs_set(1);
		move(cy, cx < ap->lay.cols ? cx : ap->lay.cols - 1);
	} else
		curs_set(0);
	refresh();
}

static void help_line(strbuf *out, const key_binding *b)
{
	sb_printf(out, "  %s", b->label);
	size_t w = utf8_width(b->label);
	for (; w < 16; w++)
		sb_addc(out, ' ');
	sb_printf(out, " %s\n", _(b->help));
}

void draw_help(app *ap)
{
	strbuf text;
	sb_init(&text);
	static const struct {
		unsigned ctx;
		const char *title;
	} groups[] = {
		{CTX_REVIEW, N_("Reviewing")},
		{CTX_BROWSE, N_("Moving and commands")},
		{CTX_FIELD, N_("Editing a value")},
		{CTX_NOTE, N_("Editing a note")},
		{CTX_LIST, N_("Cases and table rows")},
	};
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
		sb_printf(&text, "%s\n", _(groups[g].title));
		for (int i = 0; i < key_table_count; i++)
			if ((key_table[i].contexts & groups[g].ctx) && key_table[i].label && key_table[i].help)
				help_line(&text, &key_table[i]);
		sb_addc(&text, '\n');
	}
	sb_printf(&text, "%s\n", _("Marks"));
	sb_printf(&text, "  +  %s\n  !  %s\n  *  %s\n     %s\n", _("answered and valid"),
		  _("answered, but the value has a problem"), _("required, not answered"),
		  _("optional, not answered"));
	text_line *lines = NULL;
	size_t n = 0, top = 0;
	for (;;) {
		free(lines);
		n = tf_wrap(sb_str(&text), (size_t)(ap->lay.cols > 2 ? ap->lay.cols - 2 : 2), &lines);
		if (ap->lay.too_small) {
			draw_too_small(ap);
		} else {
			erase();
			attron(A_REVERSE);
			draw_clip_fill(0, 0, ap->lay.cols, _(" checksheet help: ↑↓ PgUp PgDn scroll, q or Esc closes"));
			attroff(A_REVERSE);
			int h = ap->lay.rows - 1;
			for (int r = 0; r < h && top + (size_t)r < n; r++) {
				text_line li = lines[top + (size_t)r];
				char *part = xstrndup(sb_str(&text) + li.start, li.end - li.start);
				draw_text(1 + r, 1, ap->lay.cols - 2, part);
				free(part);
			}
			curs_set(0);
			refresh();
		}
		bool fk;
		int k = app_read_key(ap, &fk);
		if (fk && k == KEY_RESIZE)
			continue;
		size_t page = ap->lay.rows > 2 ? (size_t)ap->lay.rows - 2 : 1;
		if (fk && (k == KEY_DOWN || k == KEY_NPAGE))
			top = top + (k == KEY_DOWN ? 1 : page) < n ? top + (k == KEY_DOWN ? 1 : page) : top;
		else if (fk && (k == KEY_UP || k == KEY_PPAGE))
			top = top > (k == KEY_UP ? 1 : page) ? top - (k == KEY_UP ? 1 : page) : 0;
		else if (!fk && (k == 'j' || k == ' '))
			top = top + 1 < n ? top + 1 : top;
		else if (!fk && k == 'k')
			top = top ? top - 1 : 0;
		else
			break;
	}
	free(lines);
	sb_free(&text);
	clear();
}
