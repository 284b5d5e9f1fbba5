#include <config.h>

#include "tui_app.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "../core/position_history.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_keys.h"

static bool open_sheet(app *ap, problems *ps);

void app_set_message(app *ap, bool error, const char *fmt, ...)
{
	va_list va;
	va_start(va, fmt);
	vsnprintf(ap->message, sizeof ap->message, fmt, va);
	va_end(va);
	ap->message_is_error = error;
}

/* Lines the message needs at this width (at least one). */
static int message_lines(const app *ap, int cols)
{
	if (!ap->message[0] || cols <= 0)
		return 1;
	text_line *lines;
	size_t n = tf_wrap(ap->message, (size_t)cols, &lines);
	free(lines);
	if (n < 1)
		n = 1;
	return n > TUI_MAX_MESSAGE_LINES ? TUI_MAX_MESSAGE_LINES : (int)n;
}

void app_layout(app *ap)
{
	layout *l = &ap->lay;
	getmaxyx(stdscr, l->rows, l->cols);
	l->too_small = l->cols < TUI_MIN_COLS || l->rows < TUI_MIN_ROWS;
	l->sec_w = l->cols / 4;
	if (l->sec_w > 24)
		l->sec_w = 24;
	if (l->sec_w < 12)
		l->sec_w = 12;
	/* a long message (a question at the minimum size) takes more rows;
	 * a prompt gets a row of its own below it */
	screen *top = screen_top(ap);
	l->prompt_rows = top && top->cls == &prompt_screen ? 1 : 0;
	l->msg_h = l->prompt_rows && !ap->message[0] ? 1 : message_lines(ap, l->cols) + l->prompt_rows;
	l->msg_y = l->rows - 1 - l->msg_h;
	l->body_y = 1;
	l->body_h = l->msg_y - l->body_y;
	l->list_x = l->sec_w + 1;
	l->list_w = l->cols - l->list_x;
	/* a header row, the item rows, a rule, then the detail pane */
	l->list_h = l->body_h * 2 / 5;
	if (l->list_h < 3)
		l->list_h = 3;
	l->detail_y = l->body_y + l->list_h + 2;
	l->detail_h = l->body_h - l->list_h - 2;
	if (l->detail_h < 1)
		l->detail_h = 1;
}

bool app_is_unknown_section(const app *ap, size_t sec) { return sec >= ap->s.t.n_sections; }

size_t app_current_item(const app *ap)
{
	if (ap->sel >= ap->n_view || ap->view[ap->sel] >= ap->s.t.n_items)
		return SIZE_MAX;
	return ap->view[ap->sel];
}

/* Needs a look: an unanswered or invalid answer, a question or ng verdict,
 * a stale verdict; in review mode, an item not yet judged or a rule that
 * did not pass. */
bool app_needs_attention(app *ap, size_t i)
{
	const sheet *s = &ap->s;
	verdict v = sheet_verdict(s, i);
	bool stale = sheet_is_stale(s, i);
	const rule_outcome *o = NULL;
	bool rule_bad = sheet_rule(s, i, &o) && o->result != RESULT_PASS;
	if (s->conflicted[i])  /* a merge conflict waits for a person first */
		return true;
	if (s->review_mode)
		return v == VERDICT_NONE || stale || rule_bad;
	return sheet_is_problem(s, i) || v == VERDICT_QUESTION || v == VERDICT_NG || stale;
}

bool app_item_visible(app *ap, size_t i)
{
	if (i >= ap->s.t.n_items)
		return ap->filter == FILTER_ALL;
	verdict v = sheet_verdict(&ap->s, i);
	const rule_outcome *o = NULL;
	bool has_rule = sheet_rule(&ap->s, i, &o) != NULL;
	switch (ap->filter) {
	case FILTER_ALL: return true;
	case FILTER_PROBLEMS: return app_needs_attention(ap, i);
	case FILTER_UNJUDGED: return v == VERDICT_NONE;
	case FILTER_QUESTION: return v == VERDICT_QUESTION;
	case FILTER_NG: return v == VERDICT_NG;
	case FILTER_RULES: return has_rule && o->result != RESULT_PASS;
	case FILTER_STALE: return sheet_is_stale(&ap->s, i);
	case FILTER_DRAFTS: return sheet_is_draft(&ap->s, i);
	case FILTER_COUNT: break;
	}
	return true;
}

const char *filter_label(item_filter f)
{
	switch (f) {
	case FILTER_ALL: return _("all items");
	case FILTER_PROBLEMS: return _("problems only");
	case FILTER_UNJUDGED: return _("not yet judged");
	case FILTER_QUESTION: return _("question");
	case FILTER_NG: return _("ng");
	case FILTER_RULES: return _("failed or unknown rules");
	case FILTER_STALE: return _("changed since review");
	case FILTER_DRAFTS: return _("drafts to confirm");
	case FILTER_COUNT: break;
	}
	return "";
}

void app_build_view(app *ap)
{
	ap->n_view = 0;
	if (app_is_unknown_section(ap, ap->section)) {
		XGROW(ap->view, ap->cap_view, ap->s.n_unknown + 1);
		for (size_t k = 0; k < ap->s.n_unknown && ap->filter == FILTER_ALL; k++)
			ap->view[ap->n_view++] = ap->s.t.n_items + k;
	} else {
		const tmpl_section *s = &ap->s.t.sections[ap->section];
		XGROW(ap->view, ap->cap_view, s->count + 1);
		for (size_t i = s->first; i < s->first + s->count; i++)
			if (app_item_visible(ap, i))
				ap->view[ap->n_view++] = i;
	}
	if (ap->sel >= ap->n_view)
		ap->sel = ap->n_view ? ap->n_view - 1 : 0;
	if (ap->top > ap->sel)
		ap->top = ap->sel;
}

void app_keep_visible(app *ap)
{
	size_t h = ap->lay.list_h > 0 ? (size_t)ap->lay.list_h : 1;
	if (ap->sel < ap->top)
		ap->top = ap->sel;
	else if (ap->sel >= ap->top + h)
		ap->top = ap->sel - h + 1;
}

void app_set_section(app *ap, size_t sec)
{
	if (sec >= ap->n_sections)
		return;
	ap->section = sec;
	ap->sel = ap->top = 0;
	app_build_view(ap);
}

void app_select_item(app *ap, size_t item)
{
	size_t sec = ap->s.t.items[item].section;
	if (sec != ap->section || ap->filter != FILTER_ALL) {
		ap->section = sec;
		if (!app_item_visible(ap, item))
			ap->filter = FILTER_ALL;
		app_build_view(ap);
	}
	for (size_t i = 0; i < ap->n_view; i++)
		if (ap->view[i] == item) {
			ap->sel = i;
			break;
		}
	ap->focus = PANE_ITEMS;
	app_keep_visible(ap);
}

/* ---- the screen stack ---- */

void screen_push(app *ap, const screen_class *cls, void *data)
{
	XGROW(ap->stack, ap->cap_stack, ap->n_stack + 1);
	ap->stack[ap->n_stack++] = (screen){cls, data, -1, -1};
}

void screen_pop(app *ap)
{
	if (!ap->n_stack)
		return;
	screen *sc = &ap->stack[--ap->n_stack];
	if (sc->cls->free)
		sc->cls->free(sc);
	ap->redraw_all = true;
}

screen *screen_top(app *ap) { return ap->n_stack ? &ap->stack[ap->n_stack - 1] : NULL; }

screen *screen_below(app *ap, const screen *sc)
{
	size_t i = (size_t)(sc - ap->stack);
	return i > 0 && i < ap->n_stack ? &ap->stack[i - 1] : NULL;
}

/* Draws from the last screen that covers everything up to the top, so a
 * prompt is never painted over by the screen it belongs to. */
static void draw_all(app *ap)
{
	app_layout(ap);
	if (ap->redraw_all) {
		clearok(stdscr, TRUE);
		ap->redraw_all = false;
	}
	if (ap->lay.too_small) {
		draw_too_small(ap);
		return;
	}
	size_t first = 0;
	for (size_t i = ap->n_stack; i-- > 0;)
		if (ap->stack[i].cls->covers) {
			first = i;
			break;
		}
	for (size_t i = first; i < ap->n_stack; i++) {
		ap->stack[i].cursor_y = ap->stack[i].cursor_x = -1;
		ap->stack[i].cls->draw(ap, &ap->stack[i]);
	}
	screen *top = screen_top(ap);
	draw_message_area(ap);
	draw_hints(ap, top->cls);
	if (top->cursor_y >= 0) {
		curs_set(1);
		move(top->cursor_y, top->cursor_x < ap->lay.cols ? top->cursor_x : ap->lay.cols - 1);
	} else
		curs_set(0);
	refresh();
}

/* ---- reading keys ---- */

#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)
#define PASTE_MAX (1 << 20)

/* Raw keys read ahead: a burst being looked at, or the key after an Esc. */
static void queue_push(app *ap, int code, bool fk)
{
	XGROW(ap->queue, ap->cap_queue, ap->n_queue + 1);
	ap->queue[ap->n_queue++] = (raw_key){code, fk};
}

/* One raw key: from the queue, else from the terminal (wait: block; else
 * only what is already there). */
static bool raw_get(app *ap, bool wait, int *code, bool *fk)
{
	if (ap->q_head < ap->n_queue) {
		*code = ap->queue[ap->q_head].code;
		*fk = ap->queue[ap->q_head].fk;
		if (++ap->q_head == ap->n_queue)
			ap->q_head = ap->n_queue = 0;
		return true;
	}
	wint_t ch;
	if (!wait)
		timeout(0);
	int r = get_wch(&ch);
	if (!wait)
		timeout(-1);
	if (r == ERR)
		return false;
	*code = (int)ch;
	*fk = r == KEY_CODE_YES;
	return true;
}

/* Reads one key. Esc followed at once by a key is a Meta chord (what a
 * terminal sends for Alt); a lone Esc is returned after ESCDELAY. */
static bool read_key(app *ap, key_event *k)
{
	int code;
	bool fk;
	if (!raw_get(ap, true, &code, &fk))
		return false;
	k->code = code;
	k->function_key = fk;
	k->meta = false;
	if (!fk && code == KEY_ESCAPE) {
		int c2;
		bool fk2;
		if (raw_get(ap, false, &c2, &fk2)) {
			if ((!fk2 && (c2 == KEY_ESCAPE || (c2 < 0x20 && c2 != CTRL('h')))) ||
			    (fk2 && (c2 == KEY_RESIZE || c2 == KEY_PASTE_BEGIN))) {
				/* Esc then Enter, ^S, Tab, Esc...: two keys, not a chord */
				XGROW(ap->queue, ap->cap_queue, ap->n_queue + 1);
				memmove(ap->queue + ap->q_head + 1, ap->queue + ap->q_head,
					(ap->n_queue - ap->q_head) * sizeof *ap->queue);
				ap->queue[ap->q_head] = (raw_key){c2, fk2};
				ap->n_queue++;
			} else {
				k->code = c2;
				k->function_key = fk2;
				k->meta = true;
			}
		}
	}
	return true;
}

/* Text that can only have been typed or pasted, never a command: a
 * character outside ASCII that is not a full-width key. */
static bool is_text_char(int code, bool fk)
{
	return !fk && code >= 0x80 && !(code >= 0xFF01 && code <= 0xFF5E) && code != 0x3000;
}

/* A terminal without bracketed paste delivers a paste as a burst of keys.
 * In the item list, a burst that holds text (Japanese, say) is taken as a
 * paste whole, so that none of it runs as commands; a burst of plain
 * command keys (": 5 Enter") runs as before. */
static char *take_text_burst(app *ap, const key_event *first)
{
	if (first->meta || first->function_key || first->code < 0x20 || ap->n_queue)
		return NULL;
	size_t start = 0;
	timeout(0);
	while (ap->n_queue < PASTE_MAX / 4) {
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			break;
		queue_push(ap, (int)ch, r == KEY_CODE_YES);
	}
	timeout(-1);
	bool text = is_text_char(first->code, false);
	for (size_t i = start; i < ap->n_queue && !text; i++)
		text = is_text_char(ap->queue[i].code, ap->queue[i].fk);
	if (!text || ap->n_queue == start)
		return NULL;
	strbuf sb;
	sb_init(&sb);
	char buf[5];
	size_t n = utf8_encode((uint32_t)first->code, buf);
	sb_addn(&sb, buf, n);
	for (size_t i = start; i < ap->n_queue; i++) {
		const raw_key *q = &ap->queue[i];
		if (q->fk) {
			if (q->code == KEY_ENTER)
				sb_addc(&sb, '\n');
			continue;
		}
		n = utf8_encode((uint32_t)(q->code == '\r' ? '\n' : q->code), buf);
		sb_addn(&sb, buf, n);
	}
	ap->q_head = ap->n_queue = 0;
	return sb_take(&sb);
}

/* The text of a bracketed paste, up to its end marker (or a second of
 * silence, so a lost marker never hangs the editor). */
static char *read_paste(void)
{
	strbuf sb;
	sb_init(&sb);
	timeout(1000);
	for (;;) {
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR || (r == KEY_CODE_YES && ch == KEY_PASTE_END))
			break;
		if (r == KEY_CODE_YES)
			continue;
		if (sb.len < PASTE_MAX) {
			char buf[5];
			size_t n = utf8_encode((uint32_t)ch, buf);
			buf[n] = '\0';
			sb_add(&sb, ch == '\r' ? "\n" : buf);
		}
	}
	timeout(-1);
	return sb_take(&sb);
}

/* Full-width keys typed with an input method on act as their ASCII keys. */
static void fold_fullwidth_key(key_event *k)
{
	if (k->function_key)
		return;
	if (k->code >= 0xFF01 && k->code <= 0xFF5E)
		k->code -= 0xFEE0;
	else if (k->code == 0x3000)
		k->code = ' ';
}

static int on_redraw(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)sc, (void)k;
	return KEY_RESULT_REDRAW;
}

/* Keys that work the same on every screen. */
static const screen_key global_keys[] = {
	{CTRL('l'), false, false, on_redraw, "^L", N_("redraw the screen"), NULL},
};

const screen_class global_screen = {
	"global", N_("Everywhere"), SCREEN_KEYS(global_keys), NULL, NULL, false, false, NULL,
};

int screen_dispatch(app *ap, const key_event *k)
{
	screen *sc = screen_top(ap);
	if (!sc)
		return 0;
	const screen_key *g = screen_key_find(&global_screen, k);
	if (g)
		return g->fn(ap, sc, k) | KEY_RESULT_HANDLED;
	const screen_key *b = screen_key_find(sc->cls, k);
	if (b)
		return b->fn(ap, sc, k) | KEY_RESULT_HANDLED;
	/* printable text, where the screen takes it */
	if (!k->function_key && !k->meta && k->code >= 0x20 && k->code != 0x7F && sc->cls->on_text) {
		key_event text = {SCREEN_KEY_TEXT, false, false};
		if (screen_key_find(sc->cls, &text)) {
			char buf[5];
			size_t n = utf8_encode((uint32_t)k->code, buf);
			buf[n] = '\0';
			return sc->cls->on_text(ap, sc, buf) | KEY_RESULT_HANDLED;
		}
	}
	return 0;
}

int screen_deliver_text(app *ap, const char *utf8, bool paste)
{
	screen *sc = screen_top(ap);
	key_event k = {paste ? SCREEN_KEY_PASTE : SCREEN_KEY_TEXT, false, false};
	if (!sc || !sc->cls->on_text || !screen_key_find(sc->cls, &k))
		return 0;
	return sc->cls->on_text(ap, sc, utf8) | KEY_RESULT_HANDLED;
}

int app_handle_key(app *ap, key_event *k)
{
	screen *sc = screen_top(ap);
	if (sc->cls->fold_fullwidth)
		fold_fullwidth_key(k);
	if (!k->function_key && k->code == '\r')
		k->code = '\n';
	if (k->function_key && k->code == KEY_ENTER) {
		k->code = '\n';
		k->function_key = false;
	}
	/* the browser's message is about the last key; an editor's says how
	 * to leave it and stays */
	if (sc->cls == &browser_edit_screen || sc->cls == &browser_review_screen)
		app_set_message(ap, false, "%s", "");
	int r = screen_dispatch(ap, k);
	if (!(r & KEY_RESULT_HANDLED) && k->meta) {
		/* no chord here: it was Esc, then the key */
		key_event esc = {KEY_ESCAPE, false, false}, plain = *k;
		plain.meta = false;
		r = screen_dispatch(ap, &esc);
		if (r & KEY_RESULT_QUIT)
			ap->quit = true;
		return app_handle_key(ap, &plain) | r;
	}
	if (!(r & KEY_RESULT_HANDLED))
		app_set_message(ap, true, "%s", _("That key does nothing here. Press ? for help."));
	if (r & KEY_RESULT_REDRAW)
		ap->redraw_all = true;
	if (r & KEY_RESULT_QUIT)
		ap->quit = true;
	return r;
}

/* Items of the search index built per idle step: a few milliseconds at
 * most, so that a key typed meanwhile waits no longer than that. */
#define SEARCH_IDLE_ITEMS 1000

void app_run(app *ap, size_t keep)
{
	bool drawn = false;
	while (!ap->quit && ap->n_stack > keep) {
		if (!drawn)
			draw_all(ap);
		drawn = false;
		key_event k;
		/* while the index is built, input is polled between steps */
		timeout(ap->search_idle ? 0 : session_read_timeout(ap));
		bool got = read_key(ap, &k);
		timeout(-1);
		if (!got) {
			/* a signal or time: the journal and signals are looked after */
			session_idle(ap);
			if (ap->search_idle) {
				ap->search_idle = sheet_search_idle(&ap->s, SEARCH_IDLE_ITEMS);
				/* an index step changes nothing on the screen */
				drawn = ap->search_idle;
			}
			continue;
		}
		if (k.function_key && k.code == KEY_RESIZE) {
			/* one resize path for every screen: the layout is made
			 * again before the next draw, nothing typed is lost */
			ap->redraw_all = true;
			continue;
		}
		if (k.function_key && k.code == KEY_PASTE_BEGIN) {
			char *text = read_paste();
			if (!(screen_deliver_text(ap, text, true) & KEY_RESULT_HANDLED))
				app_set_message(ap, true, "%s", _("Pasting does nothing here; nothing was changed."));
			free(text);
			continue;
		}
		if (k.function_key && k.code == KEY_PASTE_END)
			continue;
		screen *top = screen_top(ap);
		if (top->cls == &browser_edit_screen || top->cls == &browser_review_screen) {
			char *text = take_text_burst(ap, &k);
			if (text) {
				screen_deliver_text(ap, text, true);
				free(text);
				session_after_key(ap);
				continue;
			}
		}
		if (ap->lay.too_small && !(k.code == CTRL('q') && !k.function_key))
			continue;
		app_handle_key(ap, &k);
		session_after_key(ap);
	}
}

/* Opens the file again as it is on disk, dropping what was not saved; the
 * lock and the place in the list stay. */
bool app_reload(app *ap, problems *ps)
{
	size_t item = app_current_item(ap);
	char *id = item != SIZE_MAX ? xstrdup(ap->s.t.items[item].id) : NULL;
	file_lock lock = ap->s.lock;
	memset(&ap->s.lock, 0, sizeof ap->s.lock);
	char *path = xstrdup(sheet_path(&ap->s));
	sheet_close(&ap->s);
	tui_options o = *ap->opt;
	if (ap->opt->review_mode)
		o.review_path = path;
	else
		o.path = path;
	const tui_options *saved = ap->opt;
	ap->opt = &o;
	bool ok = open_sheet(ap, ps);
	ap->opt = saved;
	if (!ok) {
		/* nothing loaded: an empty shell would lose the user's place */
		free(id);
		free(path);
		file_lock_release(&lock);
		ap->quit = true;
		return false;
	}
	ap->s.lock = lock;
	session_discard(ap);
	app_set_section(ap, 0);
	item = id ? sheet_find(&ap->s, id) : SIZE_MAX;
	if (item != SIZE_MAX)
		app_select_item(ap, item);
	free(id);
	free(path);
	ap->redraw_all = true;
	return true;
}

static bool open_sheet(app *ap, problems *ps)
{
	const tui_options *o = ap->opt;
	sheet_options so = {
		.answers_path = o->path,
		.lang = o->lang,
		.review_path = o->review_path,
		.review_mode = o->review_mode,
		.requirements_path = o->requirements_path,
		.reviewer_name = o->reviewer_name,
		.reviewer_org = o->reviewer_org,
		.backups = o->backups,
		.limits = o->limits,
	};
	if (!sheet_open(&ap->s, &so, ps))
		return false;
	ap->search_idle = true;
	ap->n_sections = ap->s.t.n_sections + (ap->s.n_unknown ? 1 : 0);
	return true;
}

/* Reopens where the user left this file (like nano's position log). */
static void restore_position(app *ap)
{
	char *id = poshist_lookup(ap->opt->path);
	size_t item = id ? sheet_find(&ap->s, id) : SIZE_MAX;
	if (item != SIZE_MAX)
		app_select_item(ap, item);
	free(id);
}

static void record_position(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	char *err = NULL;
	if (!poshist_record(ap->s.answers_path, ap->s.t.items[item].id, &err) && err)
		fprintf(stderr, "checksheet: %s\n", err);
	free(err);
}

void app_close(app *ap)
{
	while (ap->n_stack)
		screen_pop(ap);
	free(ap->stack);
	free(ap->queue);
	free(ap->view);
	free(ap->search);
	free(ap->search_text);
	sheet_close(&ap->s);
}

bool app_open(app *ap, const tui_options *opt, problems *ps)
{
	memset(ap, 0, sizeof *ap);
	ap->opt = opt;
	ap->detail_item = SIZE_MAX;
	if (!open_sheet(ap, ps))
		return false;
	ap->lay.list_h = 8;
	ap->lay.detail_h = 10;
	app_set_section(ap, 0);
	ap->focus = PANE_ITEMS;
	screen_push(ap, opt->review_mode ? &browser_review_screen : &browser_edit_screen, NULL);
	return true;
}

int tui_edit(const tui_options *opt, problems *ps)
{
	app ap;
	if (!app_open(&ap, opt, ps)) {
		app_close(&ap);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		problems_add(ps, opt->path, (cs_mark){0, 0}, SEV_FATAL, "no-terminal", "%s",
			     _("the editor needs a terminal; use `checksheet check` or `export` in scripts"));
		app_close(&ap);
		return 2;
	}
	session_start_terminal();
	app_layout(&ap);
	restore_position(&ap);
	if (opt->review_mode)
		app_set_message(&ap, false, _("Reviewing %s (read-only): 1 ok, 2 question, 3 ng, c comment, ? help."),
				opt->path);
	else if (ap.s.n_drafts)
		app_set_message(&ap, false,
				_("%s: %zu of %zu answered, %zu drafts to confirm (y confirms; f shows only them). Press ? for help."),
				opt->path, ap.s.answered, ap.s.t.n_items, ap.s.n_drafts);
	else
		app_set_message(&ap, false, _("%s: %zu of %zu answered. Press ? for help."), opt->path,
				ap.s.answered, ap.s.t.n_items);
	session_take_lock(&ap);
	app_run(&ap, 0);
	session_restore_terminal();
	record_position(&ap);
	app_close(&ap);
	return 0;
}
