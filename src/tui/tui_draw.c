#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/answers_diff.h"
#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/units.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

/* Characters that would act on the terminal or hide what a reviewer must
 * see: shown as visible escapes, never raw. */
static bool is_format_char(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
	       cp == 0xFEFF || cp == 0x061C || cp == 0x00AD;
}

/* The visible form of a control or format character ("^[", "<U+202E>"),
 * or NULL when it is drawn as itself. */
static const char *escape_of(uint32_t cp, char *buf, size_t size)
{
	if (cp < 0x20 || cp == 0x7F) {
		snprintf(buf, size, "^%c", cp == 0x7F ? '?' : (char)(cp + 0x40));
		return buf;
	}
	if ((cp >= 0x80 && cp < 0xA0) || is_format_char(cp)) {
		snprintf(buf, size, "<U+%04X>", (unsigned)cp);
		return buf;
	}
	return NULL;
}

/* Draws s from column `skip` on, in at most width columns. A wide
 * character cut by either edge shows as a blank, never as half; controls
 * show as visible escapes; line breaks and tabs as a space; combining
 * marks join the character before them. Returns columns drawn. */
int draw_span(int y, int x, int width, const char *s, size_t skip)
{
	if (width <= 0)
		return 0;
	move(y, x);
	size_t len = strlen(s), i = 0, col = 0;
	int used = 0;
	bool drawn_any = false;
	while (i < len && used < width) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		char esc[16];
		const char *text = NULL;
		int w;
		if (cp == '\n' || cp == '\t') {
			text = " ";
			w = 1;
		} else if ((text = escape_of(cp, esc, sizeof esc)) != NULL) {
			w = (int)strlen(text);
		} else {
			w = utf8_cp_width(cp);
			if (w < 0)
				w = 1, text = "?";
		}
		if (w == 0) {
			/* a combining mark: drawn with the character before it */
			if (drawn_any && col > skip) {
				char buf[5];
				size_t k = utf8_encode(cp, buf);
				buf[k] = '\0';
				addstr(buf);
			}
			i += n;
			continue;
		}
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
		if (text) {
			if (text == esc)
				attron(A_REVERSE);
			addstr(text);
			if (text == esc)
				attroff(A_REVERSE);
		} else {
			char buf[5];
			size_t k = utf8_encode(cp, buf);
			buf[k] = '\0';
			addstr(buf);
		}
		drawn_any = true;
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
	move(y, x + used);
	for (; used < width; used++)
		addch(' ');
}

void draw_fill(int y, int x, int width)
{
	move(y, x);
	for (int i = 0; i < width; i++)
		addch(' ');
}

void draw_color_on(int pair)
{
	if (has_colors() && !getenv("NO_COLOR"))
		attron(COLOR_PAIR(pair));
}

void draw_color_off(int pair)
{
	if (has_colors() && !getenv("NO_COLOR"))
		attroff(COLOR_PAIR(pair));
}

static void draw_title(app *ap)
{
	const layout *l = &ap->lay;
	const sheet *s = &ap->s;
	attron(A_REVERSE);
	draw_fill(0, 0, l->cols);
	strbuf right;
	sb_init(&right);
	size_t total = s->t.n_items;
	int gauge = 10;
	int filled = total ? (int)(s->answered * (size_t)gauge / total) : 0;
	sb_printf(&right, " %zu/%zu [", s->answered, total);
	for (int i = 0; i < gauge; i++)
		sb_addc(&right, i < filled ? '#' : '-');
	sb_add(&right, "] ");
	if (s->has_review) {
		sb_printf(&right, _("judged %zu "), s->judged);
		if (s->n_stale)
			sb_printf(&right, _("stale %zu "), s->n_stale);
	}
	if (s->has_rq)
		sb_printf(&right, _("rules %zu✓ %zu✗ %zu? "), s->rules_pass, s->rules_fail, s->rules_unknown);
	if (s->n_conflicted || sheet_file_conflicts(s))
		/* TRANSLATORS: in the title bar, items with merge conflicts */
		sb_printf(&right, _("%zu conflicts "), s->n_conflicted + (sheet_file_conflicts(s) ? 1 : 0));
	if (s->problem_items && !s->review_mode)
		sb_printf(&right, _("%zu problems "), s->problem_items);
	if (s->n_drafts && !s->review_mode)
		/* TRANSLATORS: in the title bar, the answers left to confirm */
		sb_printf(&right, _("%zu drafts "), s->n_drafts);
	strbuf left;
	sb_init(&left);
	const char *flag = s->read_only ? _(" [read-only]") : sheet_modified(s) ? " [+]" : "";
	if (s->review_mode)
		sb_printf(&left, " %s %s%s  %s", _("REVIEW"), s->answers_path, flag, ltext_get(&s->t.title, s->lang));
	else
		sb_printf(&left, " %s%s  %s", s->answers_path, flag, ltext_get(&s->t.title, s->lang));
	int rw = (int)utf8_width(sb_str(&right));
	draw_text(0, 0, l->cols - rw > 0 ? l->cols - rw : 0, sb_str(&left));
	if (rw <= l->cols)
		draw_text(0, l->cols - rw, rw, sb_str(&right));
	attroff(A_REVERSE);
	sb_free(&left);
	sb_free(&right);
}

static const char *section_title(app *ap, size_t s)
{
	if (app_is_unknown_section(ap, s))
		return _("Unknown items");
	return ltext_get(&ap->s.t.sections[s].title, ap->s.lang);
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
		if (s >= ap->n_sections) {
			draw_fill(y, 0, w);
			continue;
		}
		char count[48];
		size_t n_problems = 0;
		if (app_is_unknown_section(ap, s))
			snprintf(count, sizeof count, " %zu ", ap->s.n_unknown);
		else {
			n_problems = ap->s.sec_problems[s];
			snprintf(count, sizeof count, " %zu/%zu%s", ap->s.sec_answered[s], ap->s.t.sections[s].count,
				 n_problems ? "!" : " ");
		}
		int cw = (int)strlen(count);
		bool cur = s == ap->section;
		if (cur)
			attron(ap->focus == PANE_SECTIONS ? A_REVERSE : A_BOLD);
		/* markers: more sections above or below */
		const char *lead = cur ? ">" : r == 0 && ap->sec_top > 0 ? "↑"
					     : r + 1 == h && ap->sec_top + h < ap->n_sections ? "↓" : " ";
		draw_text(y, 0, 1, lead);
		draw_clip_fill(y, 1, w - 1 - cw, section_title(ap, s));
		if (n_problems)
			draw_color_on(3);
		draw_text(y, w - cw, cw, count);
		if (n_problems)
			draw_color_off(3);
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

static const answer *entry_answer(app *ap, size_t entry)
{
	if (entry >= ap->s.t.n_items)
		return &ap->s.a.v[ap->s.unknown[entry - ap->s.t.n_items]];
	return sheet_answer(&ap->s, entry);
}

static char *value_preview(const answer *an)
{
	if (!an)
		return xstrdup("");
	if (an->n_cases)
		return xasprintf(_("%zu cases"), an->n_cases);
	if (an->n_rows)
		return xasprintf(_("%zu rows"), an->n_rows);
	return xstrdup(an->value ? an->value : "");
}

/* The review marks of an item: verdict, stale, rule (o ? x, ~, = F U). */
static void review_marks(app *ap, size_t item, char *out)
{
	static const char verdict_mark[] = {' ', 'o', '?', 'x'};
	size_t n = 0;
	if (ap->s.has_review) {
		out[n++] = verdict_mark[sheet_verdict(&ap->s, item)];
		out[n++] = sheet_is_stale(&ap->s, item) ? '~' : ' ';
	}
	if (ap->s.has_rq) {
		const rule_outcome *o;
		out[n++] = sheet_rule(&ap->s, item, &o) ? "=FU"[o->result] : ' ';
	}
	out[n] = '\0';
}

static void draw_items(app *ap)
{
	const layout *l = &ap->lay;
	int x = l->list_x, w = l->list_w;
	strbuf head;
	sb_init(&head);
	sb_printf(&head, "%s", section_title(ap, ap->section));
	if (!app_is_unknown_section(ap, ap->section)) {
		const tmpl_section *sec = &ap->s.t.sections[ap->section];
		if (!ltext_empty(&sec->group))
			sb_printf(&head, "  (%s)", ltext_get(&sec->group, ap->s.lang));
	} else
		sb_printf(&head, "  %s", _("(not in the template; read-only)"));
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
				draw_fill(y, x, w);
			continue;
		}
		size_t entry = ap->view[v];
		bool unknown = entry >= ap->s.t.n_items;
		const answer *an = entry_answer(ap, entry);
		bool cur = v == ap->sel;
		if (cur)
			attron(ap->focus == PANE_ITEMS ? A_REVERSE : A_BOLD);
		char lead[64], marks[8] = "";
		item_state st = unknown ? ITEM_INVALID : sheet_state(&ap->s, entry);
		if (!unknown)
			review_marks(ap, entry, marks);
		bool bad = st == ITEM_INVALID || st == ITEM_EMPTY_REQUIRED;
		/* a draft to confirm, unless it has a problem to fix first */
		bool draft = !unknown && !bad && sheet_is_draft(&ap->s, entry);
		snprintf(lead, sizeof lead, "%c%s%4s ", unknown ? '?' : draft ? 'd' : state_mark(st), marks,
			 unknown ? "" : ap->s.t.items[entry].no ? ap->s.t.items[entry].no : "");
		int lw = (int)utf8_width(lead);
		int mark_color = st == ITEM_INVALID ? 1 : bad || draft ? 3 : 0;
		if (mark_color)
			draw_color_on(mark_color);
		draw_text(y, x, 1, lead);
		if (mark_color)
			draw_color_off(mark_color);
		draw_text(y, x + 1, lw - 1, lead + 1);
		const char *title = unknown ? an->item : ltext_get(&ap->s.t.items[entry].title, ap->s.lang);
		draw_clip_fill(y, x + lw, w - lw - pw - 2, title);
		/* the last column marks more items above or below */
		const char *more = r == 0 && ap->top > 0 ? "↑" : r + 1 == l->list_h && ap->top + (size_t)l->list_h < ap->n_view ? "↓" : " ";
		char *pv = value_preview(an);
		move(y, x + w - pw - 2);
		addch(' ');
		draw_clip_fill(y, x + w - pw - 1, pw, pv);
		draw_text(y, x + w - 1, 1, more);
		free(pv);
		if (cur)
			attroff(ap->focus == PANE_ITEMS ? A_REVERSE : A_BOLD);
	}
	move(l->body_y + 1 + l->list_h, x);
	for (int i = 0; i < w; i++)
		addch(ACS_HLINE);
}

/* ---- the detail pane: built as lines, then shown from detail_top ---- */

typedef struct line_list {
	detail_line *v;
	size_t n, cap;
	int width;
} line_list;

static void add_wrapped(line_list *ll, int indent, const char *label, const char *text, int attr, int color)
{
	strbuf sb;
	sb_init(&sb);
	if (label)
		sb_add(&sb, label);
	sb_add(&sb, text ? text : "");
	int w = ll->width - indent > 4 ? ll->width - indent : 4;
	text_line *lines;
	size_t n = tf_wrap(sb_str(&sb), (size_t)w, &lines);
	if (n == 0) {
		free(lines);
		lines = xcalloc(1, sizeof *lines);
		n = 1;
	}
	for (size_t i = 0; i < n; i++) {
		XGROW(ll->v, ll->cap, ll->n + 1);
		char *part = xstrndup(sb_str(&sb) + lines[i].start, lines[i].end - lines[i].start);
		ll->v[ll->n++] = (detail_line){xasprintf("%*s%s", indent, "", part), attr, color};
		free(part);
	}
	free(lines);
	sb_free(&sb);
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

static const char *verdict_label(verdict v)
{
	switch (v) {
	case VERDICT_OK: return _("ok");
	case VERDICT_QUESTION: return _("question");
	case VERDICT_NG: return _("ng");
	case VERDICT_NONE: break;
	}
	return _("not judged");
}

static char *answer_summary(const answer *an)
{
	strbuf sb;
	sb_init(&sb);
	if (an && an->value)
		sb_add(&sb, an->value);
	for (size_t k = 0; an && k < an->n_cases; k++)
		sb_printf(&sb, "%s%s → %s", sb.len ? "; " : "", an->cases[k].when ? an->cases[k].when : "",
			  an->cases[k].value ? an->cases[k].value : "");
	for (size_t r = 0; an && r < an->n_rows; r++) {
		sb_add(&sb, sb.len ? "; " : "");
		for (size_t c = 0; c < an->rows[r].cells.n; c++) {
			const char *v = raw_pairs_scalar(&an->rows[r].cells, an->rows[r].cells.v[c].key);
			sb_printf(&sb, "%s%s", c ? " | " : "", v ? v : "");
		}
	}
	if (an && an->note)
		sb_printf(&sb, " / %s", an->note);
	if (!sb.len)
		sb_add(&sb, _("(no answer)"));
	return sb_take(&sb);
}

/* A side of a verdict's conflict is {verdict, seen}: the verdict is shown */
static char *side_words(const conflict *c, conflict_side side)
{
	const raw_node *n = c->side[side];
	if (c->field == CONFLICT_VERDICT && n && n->type == RAW_MAP)
		n = raw_map_get(n, "verdict");
	return conflict_side_text(n);
}

/* Merge conflicts on the item, first the one o and t act on. */
static void add_conflict_lines(const raw_pairs *recs, line_list *ll)
{
	size_t n = recs ? conflicts_count(recs) : 0;
	static const struct {
		conflict_side side;
		const char *label;
	} sides[] = {
		{CONFLICT_OURS, N_("ours:   ")},
		{CONFLICT_THEIRS, N_("theirs: ")},
		{CONFLICT_BASE, N_("base:   ")},
	};
	for (size_t i = 0; i < n; i++) {
		conflict c;
		if (!conflicts_get(recs, i, &c)) {
			add_wrapped(ll, 0, NULL, _("! malformed merge conflict record: edit the file by hand"), A_BOLD, 1);
			continue;
		}
		char *what = conflict_field_words(&c);
		char *head = i == 0 ? xasprintf(_("! Merge conflict %zu of %zu: %s (o keeps ours, t takes theirs)"), i + 1,
						n, what)
				    : xasprintf(_("! Merge conflict %zu of %zu: %s"), i + 1, n, what);
		add_wrapped(ll, 0, NULL, head, A_BOLD, 1);
		free(head);
		free(what);
		for (size_t k = 0; k < sizeof sides / sizeof *sides; k++) {
			char *text = side_words(&c, sides[k].side);
			add_wrapped(ll, 2, _(sides[k].label), text, 0, sides[k].side == CONFLICT_BASE ? 0 : 3);
			free(text);
		}
	}
}

static void add_review_lines(app *ap, size_t item, line_list *ll)
{
	const sheet *s = &ap->s;
	const rule_outcome *o;
	const rule *r = sheet_rule(s, item, &o);
	if (r) {
		char *label = rule_outcome_label(o);
		char *text = xasprintf(_("Rule %s: %s (%s)"), r->text, label, o->message);
		add_wrapped(ll, 0, NULL, text, o->result == RESULT_PASS ? 0 : A_BOLD,
			    o->result == RESULT_PASS ? 2 : o->result == RESULT_FAIL ? 1 : 3);
		free(text);
		free(label);
	}
	if (!s->has_review)
		return;
	const review_item *ri = sheet_review_item(s, item);
	char *text = xasprintf(_("Review: %s"), verdict_label(ri ? ri->verdict : VERDICT_NONE));
	add_wrapped(ll, 0, NULL, text, A_BOLD, 0);
	free(text);
	if (sheet_is_stale(s, item)) {
		char *was = answer_summary(&ri->seen);
		char *line = xasprintf(_("! changed since review; judged: %s"), was);
		add_wrapped(ll, 0, NULL, line, A_BOLD, 3);
		free(line);
		free(was);
		/* what changed since, field by field, as `checksheet diff` says it */
		answers_diff d;
		memset(&d, 0, sizeof d);
		answers_diff_answer(&d, item, sheet_item(s, item), &ri->seen, sheet_answer(s, item), s->lang);
		strbuf words;
		sb_init(&words);
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].what != DIFF_STATUS)  /* not part of what a verdict judges */
				answers_diff_entry_text(&d.v[i], &words);
		for (const char *p = sb_str(&words); *p;) {
			const char *nl = strchr(p, '\n');
			char *one = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
			add_wrapped(ll, 0, NULL, one, 0, 0);
			free(one);
			p = nl ? nl + 1 : p + strlen(p);
		}
		sb_free(&words);
		answers_diff_free(&d);
	}
	if (ri && ri->comment)
		add_wrapped(ll, 2, NULL, ri->comment, 0, 4);
}

static void add_unknown_lines(app *ap, size_t k, line_list *ll)
{
	const answer *an = &ap->s.a.v[ap->s.unknown[k]];
	char *t = xasprintf(_("Unknown item %s"), an->item);
	add_wrapped(ll, 0, NULL, t, A_BOLD, 0);
	free(t);
	t = xasprintf(_("The template %s has no item with this id; the answer is kept as it is and shown read-only. "
			"`checksheet check` reports it."),
		      ap->s.t.id);
	add_wrapped(ll, 0, NULL, t, 0, 3);
	free(t);
	char *sum = answer_summary(an);
	add_wrapped(ll, 0, _("Value: "), sum, 0, 0);
	free(sum);
}

size_t detail_build(app *ap, size_t entry, int width, detail_line **out)
{
	line_list ll = {NULL, 0, 0, width};
	if (entry >= ap->s.t.n_items) {
		add_unknown_lines(ap, entry - ap->s.t.n_items, &ll);
		*out = ll.v;
		return ll.n;
	}
	const sheet *s = &ap->s;
	const tmpl_item *it = sheet_item(s, entry);
	const answer *an = sheet_answer(s, entry);
	char *t = xasprintf("No.%s %s", it->no, ltext_get(&it->title, s->lang));
	add_wrapped(&ll, 0, NULL, t, A_BOLD, 0);
	free(t);
	if (sheet_conflicts(s, entry))
		add_conflict_lines(sheet_conflict_records(s, entry), &ll);
	else if (sheet_file_conflicts(s)) {
		add_wrapped(&ll, 0, NULL, _("The file itself (subject, revisions, reviewer):"), A_BOLD, 1);
		add_conflict_lines(sheet_file_conflict_records(s), &ll);
	}
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "[%s] %s: %s  %s", it->required ? _("required") : _("optional"), _("unit"),
		  !ltext_empty(&it->unit_label) ? ltext_get(&it->unit_label, s->lang) : unit_table[it->unit].id,
		  note_rule_label(it->note));
	if (sheet_is_draft(s, entry))
		sb_printf(&sb, "  (%s)", _("draft: y confirms it"));
	else if (an && an->status)
		sb_printf(&sb, "  (%s)", strcmp(an->status, "final") == 0 ? _("final") : _("draft"));
	add_wrapped(&ll, 0, NULL, sb_str(&sb), 0, 0);
	sb_free(&sb);
	char *pv = value_preview(an);
	add_wrapped(&ll, 0, _("Value: "), pv, 0, 0);
	free(pv);
	for (size_t k = 0; an && k < an->n_cases; k++) {
		t = xasprintf("%s → %s", an->cases[k].when ? an->cases[k].when : "",
			      an->cases[k].value ? an->cases[k].value : "");
		add_wrapped(&ll, 2, NULL, t, 0, 0);
		free(t);
	}
	if (it->unit == UNIT_TABLE && an && an->n_rows) {
		strbuf h;
		sb_init(&h);
		for (size_t c = 0; c < it->n_columns; c++)
			sb_printf(&h, "%s%s", c ? " | " : "",
				  ltext_empty(&it->columns[c].label) ? it->columns[c].id
								     : ltext_get(&it->columns[c].label, s->lang));
		add_wrapped(&ll, 2, NULL, sb_str(&h), A_UNDERLINE, 0);
		sb_free(&h);
		for (size_t r = 0; r < an->n_rows; r++) {
			strbuf row;
			sb_init(&row);
			for (size_t c = 0; c < it->n_columns; c++) {
				const char *v = raw_pairs_scalar(&an->rows[r].cells, it->columns[c].id);
				sb_printf(&row, "%s%s", c ? " | " : "", v ? v : "");
			}
			add_wrapped(&ll, 2, NULL, sb_str(&row), 0, 0);
			sb_free(&row);
		}
	}
	/* what the answer reads as, or every problem it has */
	problems ps;
	problems_init(&ps);
	sheet_item_problems(s, entry, &ps);
	item_state st = sheet_state(s, entry);
	if (ps.n)
		for (size_t i = 0; i < ps.n; i++) {
			/* shown above, side by side, when they are the writable file's */
			if (strcmp(ps.v[i].code, "merge-conflict") == 0 && !s->review_mode)
				continue;
			t = xasprintf("✗ %s", ps.v[i].message);
			add_wrapped(&ll, 2, NULL, t, 0, 1);
			free(t);
		}
	else if (st == ITEM_VALID && an && an->value && it->unit != UNIT_TEXT) {
		bool err;
		char *r = sheet_reading(s, entry, an->value, &err);
		add_wrapped(&ll, 2, NULL, r, 0, err ? 1 : 2);
		free(r);
	} else if (st == ITEM_VALID)
		add_wrapped(&ll, 2, NULL, _("✓ answered"), 0, 2);
	else
		add_wrapped(&ll, 2, NULL, _("(not answered; optional)"), 0, 0);
	problems_free(&ps);
	/* the rule and the review next to the value they judge */
	add_review_lines(ap, entry, &ll);
	add_wrapped(&ll, 0, NULL, _("Note:"), A_BOLD, 0);
	if (an && an->note)
		add_wrapped(&ll, 2, NULL, an->note, 0, 0);
	if (!ltext_empty(&it->description))
		add_wrapped(&ll, 0, NULL, ltext_get(&it->description, s->lang), A_DIM, 0);
	if (!ltext_empty(&it->example))
		add_wrapped(&ll, 0, _("Example: "), ltext_get(&it->example, s->lang), A_DIM, 0);
	if (!ltext_empty(&it->hint))
		add_wrapped(&ll, 0, _("Hint: "), ltext_get(&it->hint, s->lang), A_DIM, 0);
	*out = ll.v;
	return ll.n;
}

void detail_free(detail_line *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

static void draw_line(int y, int x, int w, const detail_line *l)
{
	if (l->attr)
		attron(l->attr);
	if (l->color)
		draw_color_on(l->color);
	draw_clip_fill(y, x, w, l->text);
	if (l->color)
		draw_color_off(l->color);
	if (l->attr)
		attroff(l->attr);
}

static void draw_detail(app *ap)
{
	const layout *l = &ap->lay;
	int x = l->list_x, w = l->list_w, y = l->detail_y, h = l->detail_h;
	size_t entry = ap->sel < ap->n_view ? ap->view[ap->sel] : SIZE_MAX;
	if (entry != ap->detail_item) {
		ap->detail_item = entry;
		ap->detail_top = 0;
	}
	if (entry == SIZE_MAX) {
		for (int r = 0; r < h; r++)
			draw_fill(y + r, x, w);
		ap->detail_rows = 0;
		return;
	}
	detail_line *lines;
	size_t n = detail_build(ap, entry, w, &lines);
	ap->detail_rows = n;
	size_t rows = (size_t)h;
	if (ap->detail_top + 1 > n)
		ap->detail_top = n ? n - 1 : 0;
	bool above = ap->detail_top > 0;
	bool below = ap->detail_top + rows < n;
	size_t first = ap->detail_top;
	for (int r = 0; r < h; r++) {
		size_t li = first + (size_t)r;
		if ((r == 0 && above) || (r == h - 1 && below)) {
			/* a marker: there is more, and the key that shows it */
			char *m = xasprintf(r == 0 ? _("▲ more above (<)  %zu/%zu") : _("▼ more below (>)  %zu/%zu"),
					    r == 0 ? first + 1 : first + rows - 1, n);
			attron(A_REVERSE);
			draw_clip_fill(y + r, x, w, m);
			attroff(A_REVERSE);
			free(m);
			continue;
		}
		if (li < n)
			draw_line(y + r, x, w, &lines[li]);
		else
			draw_fill(y + r, x, w);
	}
	detail_free(lines, n);
}

void draw_browser(app *ap, screen *sc)
{
	(void)sc;
	if (ap->sel >= ap->n_view && ap->n_view)
		ap->sel = ap->n_view - 1;
	app_keep_visible(ap);
	draw_title(ap);
	draw_sections(ap);
	draw_items(ap);
	draw_detail(ap);
}

void draw_multiline_field(textfield *tf, int y, int end, int x, int w, int *cur_y, int *cur_x)
{
	int h = end - y;
	if (h < 1)
		h = 1;
	tf_scroll_multi(tf, (size_t)(w - 2), (size_t)h);
	text_line *lines;
	size_t n = tf_wrap(tf_text(tf), (size_t)(w - 2), &lines);
	for (int r = 0; r < h && y + r < end; r++) {
		size_t li = tf->scroll_row + (size_t)r;
		attron(A_UNDERLINE);
		if (li < n) {
			char *part = xstrndup(tf_text(tf) + lines[li].start, lines[li].end - lines[li].start);
			move(y + r, x);
			addstr("  ");
			draw_clip_fill(y + r, x + 2, w - 2, part);
			free(part);
		} else
			draw_fill(y + r, x, w);
		attroff(A_UNDERLINE);
	}
	free(lines);
	size_t row, col;
	tf_cursor_rc(tf, (size_t)(w - 2), &row, &col);
	*cur_y = y + (int)(row - tf->scroll_row);
	*cur_x = x + 2 + (int)col;
}

void draw_message_area(app *ap)
{
	const layout *l = &ap->lay;
	text_line *lines;
	size_t n = tf_wrap(ap->message, (size_t)l->cols, &lines);
	if (ap->message_is_error) {
		draw_color_on(1);
		attron(A_BOLD);
	}
	int rows = l->msg_h - l->prompt_rows;
	for (int r = 0; r < rows; r++) {
		size_t li = (size_t)r;
		/* a message longer than the area keeps its end, where a
		 * question asks what it asks */
		if (n > (size_t)rows)
			li += n - (size_t)rows;
		if (li < n) {
			char *part = xstrndup(ap->message + lines[li].start, lines[li].end - lines[li].start);
			draw_clip_fill(l->msg_y + r, 0, l->cols, part);
			free(part);
		} else
			draw_fill(l->msg_y + r, 0, l->cols);
	}
	if (ap->message_is_error) {
		attroff(A_BOLD);
		draw_color_off(1);
	}
	free(lines);
}

void draw_hints(app *ap, const screen_class *cls)
{
	const layout *l = &ap->lay;
	draw_fill(l->rows - 1, 0, l->cols);
	int x = 0;
	for (size_t i = 0; i < cls->n_keys; i++) {
		const screen_key *b = &cls->keys[i];
		if (!b->hint || !b->label)
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

void draw_too_small(app *ap)
{
	erase();
	char buf[160];
	snprintf(buf, sizeof buf, _("Terminal too small (%dx%d); at least %dx%d needed."), ap->lay.cols,
		 ap->lay.rows, TUI_MIN_COLS, TUI_MIN_ROWS);
	int y = ap->lay.rows / 2;
	draw_text(y > 0 ? y : 0, 0, ap->lay.cols, buf);
	/* a question still shows, so ^Q can be answered */
	if (ap->message[0] && ap->lay.rows > 1)
		draw_text(ap->lay.rows - 1, 0, ap->lay.cols, ap->message);
	curs_set(0);
	refresh();
}
