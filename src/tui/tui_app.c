#include <config.h>

#include "tui_app.h"

#include <curses.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/answers_load.h"
#include "../core/answers_save.h"
#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/units.h"
#include "../core/xalloc.h"
#include "tui_keys.h"

static volatile sig_atomic_t screen_active;

static void restore_terminal(void)
{
	if (screen_active) {
		screen_active = 0;
		endwin();
	}
}

static void on_fatal_signal(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

void app_set_message(app *ap, bool error, const char *fmt, ...)
{
	va_list va;
	va_start(va, fmt);
	vsnprintf(ap->message, sizeof ap->message, fmt, va);
	va_end(va);
	ap->message_is_error = error;
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
	l->body_y = 1;
	l->body_h = l->rows - 3;
	l->list_x = l->sec_w + 1;
	l->list_w = l->cols - l->list_x;
	/* a header row, the item rows, a rule, then the detail pane */
	l->list_h = l->body_h * 2 / 5;
	if (l->list_h < 3)
		l->list_h = 3;
	l->detail_y = l->body_y + l->list_h + 2;
	l->detail_h = l->body_h - l->list_h - 2;
}

size_t app_current_item(const app *ap)
{
	return ap->sel < ap->n_view ? ap->view[ap->sel] : SIZE_MAX;
}

answer *app_answer(app *ap, size_t item) { return answers_get(&ap->a, ap->t.items[item].id); }

static bool is_problem(item_state s) { return s == ITEM_INVALID || s == ITEM_EMPTY_REQUIRED; }

static item_state compute_state(app *ap, size_t item)
{
	problems ps;
	problems_init(&ps);
	const tmpl_item *it = &ap->t.items[item];
	item_state s = validate_item(&ap->a, &ap->t, it, answers_find(&ap->a, it->id), ap->lang,
				     (cs_mark){0, 0}, &ps);
	problems_free(&ps);
	return s;
}

void app_refresh_item(app *ap, size_t item)
{
	item_state old = ap->states[item];
	item_state now = compute_state(ap, item);
	size_t sec = ap->t.items[item].section;
	bool was_answered = old == ITEM_VALID || old == ITEM_INVALID;
	bool is_answered = now == ITEM_VALID || now == ITEM_INVALID;
	ap->answered += (size_t)is_answered - (size_t)was_answered;
	ap->sec_answered[sec] += (size_t)is_answered - (size_t)was_answered;
	ap->problem_items += (size_t)is_problem(now) - (size_t)is_problem(old);
	ap->sec_problems[sec] += (size_t)is_problem(now) - (size_t)is_problem(old);
	ap->states[item] = now;
}

/* Needs a look: an unanswered or invalid answer, a question or ng verdict,
 * a stale verdict; in review mode, an item not yet judged or a rule that
 * did not pass. */
static bool needs_attention(app *ap, size_t i)
{
	const review_item *ri = ap->has_review ? review_find(&ap->rv, ap->t.items[i].id) : NULL;
	bool flagged = ri && (ri->verdict == VERDICT_QUESTION || ri->verdict == VERDICT_NG);
	bool stale = ap->stale && ap->stale[i];
	if (ap->review_mode) {
		long r = ap->rule_of ? ap->rule_of[i] : -1;
		return !ri || ri->verdict == VERDICT_NONE || stale ||
		       (r >= 0 && ap->outcomes[r].result != RESULT_PASS);
	}
	return is_problem(ap->states[i]) || flagged || stale;
}

bool app_item_visible(app *ap, size_t i)
{
	const review_item *ri = ap->has_review ? review_find(&ap->rv, ap->t.items[i].id) : NULL;
	verdict v = ri ? ri->verdict : VERDICT_NONE;
	long r = ap->rule_of ? ap->rule_of[i] : -1;
	switch (ap->filter) {
	case FILTER_ALL: return true;
	case FILTER_PROBLEMS: return needs_attention(ap, i);
	case FILTER_UNJUDGED: return v == VERDICT_NONE;
	case FILTER_QUESTION: return v == VERDICT_QUESTION;
	case FILTER_NG: return v == VERDICT_NG;
	case FILTER_RULES: return r >= 0 && ap->outcomes[r].result != RESULT_PASS;
	case FILTER_STALE: return ap->stale && ap->stale[i];
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
	case FILTER_COUNT: break;
	}
	return "";
}

static void build_view(app *ap)
{
	const tmpl_section *s = &ap->t.sections[ap->section];
	ap->n_view = 0;
	XGROW(ap->view, ap->cap_view, s->count + 1);
	for (size_t i = s->first; i < s->first + s->count; i++)
		if (app_item_visible(ap, i))
			ap->view[ap->n_view++] = i;
	if (ap->sel >= ap->n_view)
		ap->sel = ap->n_view ? ap->n_view - 1 : 0;
	if (ap->top > ap->sel)
		ap->top = ap->sel;
}

static void keep_visible(app *ap)
{
	size_t h = ap->lay.list_h > 0 ? (size_t)ap->lay.list_h : 1;
	if (ap->sel < ap->top)
		ap->top = ap->sel;
	else if (ap->sel >= ap->top + h)
		ap->top = ap->sel - h + 1;
}

static void set_section(app *ap, size_t sec)
{
	if (sec >= ap->t.n_sections)
		return;
	ap->section = sec;
	ap->sel = ap->top = 0;
	build_view(ap);
}

void app_select_item(app *ap, size_t item)
{
	size_t sec = ap->t.items[item].section;
	if (sec != ap->section || ap->filter != FILTER_ALL) {
		ap->section = sec;
		if (!app_item_visible(ap, item))
			ap->filter = FILTER_ALL;
		build_view(ap);
	}
	for (size_t i = 0; i < ap->n_view; i++)
		if (ap->view[i] == item) {
			ap->sel = i;
			break;
		}
	ap->focus = PANE_ITEMS;
	keep_visible(ap);
}

void app_push_undo(app *ap, size_t item)
{
	XGROW(ap->undo, ap->cap_undo, ap->n_undo + 1);
	undo_entry *u = &ap->undo[ap->n_undo++];
	u->item = item;
	const answer *an = answers_find(&ap->a, ap->t.items[item].id);
	u->existed = an != NULL;
	if (an)
		answer_copy(&u->before, an);
	else
		memset(&u->before, 0, sizeof u->before);
}

static void undo(app *ap)
{
	if (!ap->n_undo) {
		app_set_message(ap, true, "%s", _("Nothing to undo."));
		return;
	}
	undo_entry *u = &ap->undo[--ap->n_undo];
	answer *an = app_answer(ap, u->item);
	char *id = an->item;
	an->item = NULL;
	answer_free(an);
	if (u->existed) {
		*an = u->before;
		free(an->item);
	} else
		memset(an, 0, sizeof *an);
	an->item = id;
	app_refresh_item(ap, u->item);
	app_select_item(ap, u->item);
	ap->modified = true;
	app_set_message(ap, false, _("Undid the last change to No.%s."), ap->t.items[u->item].no);
}

static bool save(app *ap)
{
	if (ap->review_mode)
		return review_save_file(ap);
	problems ps;
	problems_init(&ps);
	bool ok = answers_save(&ap->a, &ap->t, ap->opt->path, &ps);
	if (ok) {
		ap->modified = false;
		app_set_message(ap, false, _("Saved %s (%zu of %zu answered). Press i to add a revision entry."),
				ap->opt->path, ap->answered, ap->t.n_items);
	} else
		app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not save"));
	problems_free(&ps);
	return ok;
}

static void quit(app *ap)
{
	if (!(ap->review_mode ? ap->review_modified : ap->modified)) {
		ap->quit = true;
		return;
	}
	int k = prompt_key(ap, _("Save changes before quitting? (y) save and quit, (n) quit without saving, (Esc) back"),
			   "yn");
	if (k == 'y') {
		if (save(ap))
			ap->quit = true;
	} else if (k == 'n')
		ap->quit = true;
	else
		app_set_message(ap, false, "%s", "");
}

/* Case-insensitive for ASCII; Japanese matches as it is. */
static bool contains(const char *hay, const char *needle)
{
	if (!hay || !*needle)
		return false;
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool item_matches(app *ap, size_t i, const char *q)
{
	const tmpl_item *it = &ap->t.items[i];
	if (contains(ltext_get(&it->title, ap->lang), q) || contains(ltext_get(&it->description, ap->lang), q) ||
	    contains(it->no, q))
		return true;
	const answer *an = answers_find(&ap->a, it->id);
	if (!an)
		return false;
	if (contains(an->value, q) || contains(an->note, q))
		return true;
	for (size_t k = 0; k < an->n_cases; k++)
		if (contains(an->cases[k].value, q) || contains(an->cases[k].when, q))
			return true;
	return false;
}

/* From the current item (or the one after it), forward or back, wrapping. */
static bool find_item(app *ap, bool forward, bool skip_current, bool (*pred)(app *, size_t, const char *),
		      const char *arg)
{
	size_t n = ap->t.n_items;
	if (!n)
		return false;
	size_t cur = app_current_item(ap);
	if (cur == SIZE_MAX)
		cur = ap->t.sections[ap->section].first;
	for (size_t step = skip_current ? 1 : 0; step <= n; step++) {
		size_t i = forward ? (cur + step) % n : (cur + n - step % n) % n;
		if (pred(ap, i, arg)) {
			app_select_item(ap, i);
			return true;
		}
	}
	return false;
}

static void search_live(app *ap, const char *text)
{
	if (*text && !find_item(ap, true, false, item_matches, text))
		app_set_message(ap, true, _("Not found: %s"), text);
	else
		app_set_message(ap, false, "%s", "");
}

static void search(app *ap)
{
	size_t before = app_current_item(ap);
	char *q = prompt_line(ap, _("Search: "), "", search_live);
	if (!q) {
		if (before != SIZE_MAX)
			app_select_item(ap, before);
		return;
	}
	free(ap->search);
	ap->search = *q ? q : NULL;
	if (!*q)
		free(q);
}

static void search_again(app *ap, bool forward)
{
	if (!ap->search) {
		app_set_message(ap, true, "%s", _("No search yet: press / first."));
		return;
	}
	if (!find_item(ap, forward, true, item_matches, ap->search))
		app_set_message(ap, true, _("Not found: %s"), ap->search);
	else
		app_set_message(ap, false, _("Search: %s"), ap->search);
}

static bool item_is_problem(app *ap, size_t i, const char *unused)
{
	(void)unused;
	return needs_attention(ap, i);
}

static void jump(app *ap)
{
	char *no = prompt_line(ap, _("Go to No.: "), "", NULL);
	if (!no)
		return;
	char *norm = units_normalize(no);
	const tmpl_item *it = *norm ? template_item_by_no(&ap->t, norm) : NULL;
	if (it)
		app_select_item(ap, (size_t)(it - ap->t.items));
	else if (*norm)
		app_set_message(ap, true, _("No item with No.%s."), no);
	free(norm);
	free(no);
}

static void clear_item(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	answer *an = answers_find(&ap->a, ap->t.items[item].id);
	if (!an || (answer_is_empty(an) && !an->note)) {
		app_set_message(ap, false, "%s", _("The item has no answer to clear."));
		return;
	}
	app_push_undo(ap, item);
	answer_clear(an);
	ap->modified = true;
	app_refresh_item(ap, item);
	app_set_message(ap, false, _("Cleared No.%s (u undoes)."), ap->t.items[item].no);
}

static void toggle_status(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	app_push_undo(ap, item);
	answer *an = app_answer(ap, item);
	bool final = an->status && strcmp(an->status, "final") == 0;
	answer_set(&an->status, final ? "draft" : "final");
	ap->modified = true;
	app_refresh_item(ap, item);
	app_set_message(ap, false, final ? _("Marked as draft.") : _("Marked as final."));
}

static void move_sel(app *ap, long delta)
{
	if (ap->focus == PANE_SECTIONS) {
		long s = (long)ap->section + delta;
		if (s < 0)
			s = 0;
		if (s >= (long)ap->t.n_sections)
			s = (long)ap->t.n_sections - 1;
		set_section(ap, (size_t)s);
		return;
	}
	if (!ap->n_view)
		return;
	long s = (long)ap->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)ap->n_view)
		s = (long)ap->n_view - 1;
	ap->sel = (size_t)s;
	keep_visible(ap);
}

static void perform(app *ap, action act)
{
	long page = ap->lay.list_h > 1 ? ap->lay.list_h - 1 : 1;
	switch (act) {
	case ACT_UP: move_sel(ap, -1); break;
	case ACT_DOWN: move_sel(ap, 1); break;
	case ACT_PAGE_UP: move_sel(ap, -page); break;
	case ACT_PAGE_DOWN: move_sel(ap, page); break;
	case ACT_FIRST: move_sel(ap, -(long)ap->t.n_items); break;
	case ACT_LAST: move_sel(ap, (long)ap->t.n_items); break;
	case ACT_NEXT_SECTION: set_section(ap, ap->section + 1); break;
	case ACT_PREV_SECTION: if (ap->section) set_section(ap, ap->section - 1); break;
	case ACT_SWITCH_PANE: ap->focus = ap->focus == PANE_ITEMS ? PANE_SECTIONS : PANE_ITEMS; break;
	case ACT_EDIT_VALUE:
		if (ap->focus == PANE_SECTIONS)
			ap->focus = PANE_ITEMS;
		else
			editor_edit_value(ap);
		break;
	case ACT_EDIT_NOTE: editor_edit_note(ap); break;
	case ACT_EDIT_CASES: editor_edit_cases(ap); break;
	case ACT_CLEAR: clear_item(ap); break;
	case ACT_JUMP: jump(ap); break;
	case ACT_SEARCH: search(ap); break;
	case ACT_SEARCH_NEXT: search_again(ap, true); break;
	case ACT_SEARCH_PREV: search_again(ap, false); break;
	case ACT_NEXT_PROBLEM:
	case ACT_PREV_PROBLEM:
		if (!find_item(ap, act == ACT_NEXT_PROBLEM, true, item_is_problem, NULL))
			app_set_message(ap, false, "%s", _("No problems left."));
		break;
	case ACT_FILTER:
		/* editing: all / problems; reviewing: every review filter in turn */
		if (!ap->review_mode)
			ap->filter = ap->filter == FILTER_ALL ? FILTER_PROBLEMS : FILTER_ALL;
		else {
			do
				ap->filter = (item_filter)((ap->filter + 1) % FILTER_COUNT);
			while (ap->filter == FILTER_PROBLEMS || (ap->filter == FILTER_RULES && !ap->has_rq));
		}
		build_view(ap);
		/* a filter looks across sections: go where its first item is */
		for (size_t k = 1; ap->n_view == 0 && k < ap->t.n_sections; k++) {
			ap->section = (ap->section + 1) % ap->t.n_sections;
			ap->sel = ap->top = 0;
			build_view(ap);
		}
		app_set_message(ap, false, _("Showing: %s (f for the next filter)."), filter_label(ap->filter));
		break;
	case ACT_VERDICT_OK: review_set_verdict(ap, VERDICT_OK); break;
	case ACT_VERDICT_QUESTION: review_set_verdict(ap, VERDICT_QUESTION); break;
	case ACT_VERDICT_NG: review_set_verdict(ap, VERDICT_NG); break;
	case ACT_VERDICT_CLEAR: review_set_verdict(ap, VERDICT_NONE); break;
	case ACT_COMMENT: review_edit_comment(ap); break;
	case ACT_UNDO: undo(ap); break;
	case ACT_SAVE: save(ap); break;
	case ACT_QUIT: quit(ap); break;
	case ACT_HELP: draw_help(ap); break;
	case ACT_META: meta_screen(ap); break;
	case ACT_STATUS: toggle_status(ap); break;
	case ACT_REDRAW: clearok(stdscr, TRUE); break;
	case ACT_NONE:
	case ACT_COUNT: break;
	}
}

int app_read_key(app *ap, bool *function_key)
{
	for (;;) {
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* callers redraw on KEY_RESIZE; nothing typed is lost */
			app_layout(ap);
			keep_visible(ap);
			clearok(stdscr, TRUE);
		}
		*function_key = r == KEY_CODE_YES;
		return (int)ch;
	}
}

int app_read_edit_key(app *ap, bool *function_key)
{
	for (;;) {
		draw_screen(ap);
		int k = app_read_key(ap, function_key);
		if (*function_key && k == KEY_RESIZE)
			continue;
		if (!*function_key && k == CTRL('l')) {
			clearok(stdscr, TRUE);
			continue;
		}
		return k;
	}
}

static bool load(app *ap, problems *ps)
{
	if (!answers_load_file(ap->opt->path, &ap->opt->limits, &ap->a, ps))
		return false;
	char *copy = xstrdup(ap->opt->path);
	bool ok = catalog_load(ap->a.template_id, dirname(copy), &ap->opt->limits, &ap->t, ps,
			       ap->opt->path, ap->a.template_mark);
	free(copy);
	if (!ok)
		return false;
	ap->lang = ap->opt->lang ? ap->opt->lang : ap->a.language ? ap->a.language : i18n_ui_language();
	if (ap->t.n_sections == 0) {
		problems_add(ps, ap->opt->path, (cs_mark){0, 0}, SEV_FATAL, "unknown-template",
			     _("the template has no sections"));
		return false;
	}
	ap->review_mode = ap->opt->review_mode;
	if ((ap->review_mode || ap->opt->review_path || ap->opt->requirements_path) && !review_open(ap, ps))
		return false;
	size_t n = ap->t.n_items;
	ap->states = xcalloc(n + 1, sizeof *ap->states);
	ap->sec_answered = xcalloc(ap->t.n_sections, sizeof *ap->sec_answered);
	ap->sec_problems = xcalloc(ap->t.n_sections, sizeof *ap->sec_problems);
	for (size_t i = 0; i < n; i++) {
		ap->states[i] = ITEM_EMPTY_OPTIONAL;
		app_refresh_item(ap, i);
	}
	return true;
}

static void app_free(app *ap)
{
	for (size_t i = 0; i < ap->n_undo; i++)
		if (ap->undo[i].existed)
			answer_free(&ap->undo[i].before);
	free(ap->undo);
	free(ap->states);
	free(ap->sec_answered);
	free(ap->sec_problems);
	free(ap->view);
	free(ap->search);
	free(ap->live);
	free(ap->prompt_label);
	review_close(ap);
	answers_free(&ap->a);
	template_free(&ap->t);
}

int tui_edit(const tui_options *opt, problems *ps)
{
	app ap;
	memset(&ap, 0, sizeof ap);
	ap.opt = opt;
	if (!load(&ap, ps)) {
		app_free(&ap);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		problems_add(ps, opt->path, (cs_mark){0, 0}, SEV_FATAL, "no-terminal",
			     _("the editor needs a terminal; use `checksheet check` or `export` in scripts"));
		app_free(&ap);
		return 2;
	}
	atexit(restore_terminal);
	xalloc_set_die_hook(restore_terminal);
	signal(SIGTERM, on_fatal_signal);
	signal(SIGHUP, on_fatal_signal);
	signal(SIGSEGV, on_fatal_signal);
	signal(SIGABRT, on_fatal_signal);
	set_escdelay(25);
	if (!initscr()) {
		app_free(&ap);
		return 2;
	}
	screen_active = 1;
	raw(); /* ^S, ^Q and ^Z reach us instead of the terminal driver */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	if (has_colors() && !getenv("NO_COLOR")) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_GREEN, -1);
		init_pair(3, COLOR_YELLOW, -1);
		init_pair(4, COLOR_CYAN, -1);
	}
	app_layout(&ap);
	set_section(&ap, 0);
	ap.focus = PANE_ITEMS;
	if (ap.review_mode)
		app_set_message(&ap, false, _("Reviewing %s (read-only): 1 ok, 2 question, 3 ng, c comment, ? help."),
				opt->path);
	else
		app_set_message(&ap, false, _("%s: %zu of %zu answered. Press ? for help."), opt->path, ap.answered,
				ap.t.n_items);
	while (!ap.quit) {
		draw_screen(&ap);
		bool fk;
		int key = app_read_key(&ap, &fk);
		if (fk && key == KEY_RESIZE)
			continue;
		if (ap.lay.too_small && !(key == CTRL('q') && !fk))
			continue;
		if (!fk && key == '\r')
			key = '\n';
		action act = keys_lookup(key, fk, ap.review_mode ? CTX_REVIEW : CTX_BROWSE);
		if (act == ACT_NONE) {
			app_set_message(&ap, true, "%s", _("That key does nothing here. Press ? for help."));
			continue;
		}
		app_set_message(&ap, false, "%s", "");
		perform(&ap, act);
	}
	restore_terminal();
	app_free(&ap);
	return 0;
}
