#include <config.h>

/* The browser: sections, items and the detail pane. Two tables, one for
 * answering and one for reviewing; every key either screen acts on is in
 * its table, and the help screen and hint bar are printed from it. */

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fold.h"
#include "../core/i18n.h"
#include "../core/units.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

/* ---- moving ---- */

static bool section_has_visible(app *ap, size_t sec)
{
	size_t save_sec = ap->section, save_sel = ap->sel, save_top = ap->top;
	ap->section = sec;
	app_build_view(ap);
	bool any = ap->n_view > 0;
	ap->section = save_sec;
	app_build_view(ap);
	ap->sel = save_sel;
	ap->top = save_top;
	return any;
}

/* Down past the last item goes on into the next section that shows any. */
static bool next_section_with_items(app *ap, bool forward)
{
	for (size_t step = 1; step < ap->n_sections; step++) {
		size_t sec = forward ? ap->section + step : ap->section - step;
		if ((forward && sec >= ap->n_sections) || (!forward && step > ap->section))
			return false;
		if (section_has_visible(ap, sec)) {
			app_set_section(ap, sec);
			if (!forward)
				ap->sel = ap->n_view ? ap->n_view - 1 : 0;
			app_keep_visible(ap);
			return true;
		}
	}
	return false;
}

static void move_sel(app *ap, long delta)
{
	if (ap->focus == PANE_SECTIONS) {
		long s = (long)ap->section + delta;
		if (s < 0)
			s = 0;
		if (s >= (long)ap->n_sections)
			s = (long)ap->n_sections - 1;
		app_set_section(ap, (size_t)s);
		return;
	}
	if ((delta > 0 && (!ap->n_view || ap->sel + 1 >= ap->n_view)) || (delta < 0 && ap->sel == 0)) {
		if ((delta == 1 || delta == -1) && next_section_with_items(ap, delta > 0))
			return;
		if (ap->n_view == 0)
			return;
	}
	long s = (long)ap->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)ap->n_view)
		s = (long)ap->n_view - 1;
	ap->sel = (size_t)s;
	app_keep_visible(ap);
}

static long page(app *ap) { return ap->lay.list_h > 1 ? ap->lay.list_h - 1 : 1; }

static int on_up(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; move_sel(ap, -1); return 0; }
static int on_down(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; move_sel(ap, 1); return 0; }
static int on_page_up(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; move_sel(ap, -page(ap)); return 0; }
static int on_page_down(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; move_sel(ap, page(ap)); return 0; }

static int on_first(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	ap->sel = 0;
	app_keep_visible(ap);
	return 0;
}

static int on_last(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	ap->sel = ap->n_view ? ap->n_view - 1 : 0;
	app_keep_visible(ap);
	return 0;
}

static int on_next_section(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	app_set_section(ap, ap->section + 1);
	return 0;
}

static int on_prev_section(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	if (ap->section)
		app_set_section(ap, ap->section - 1);
	return 0;
}

static int on_switch_pane(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	ap->focus = ap->focus == PANE_ITEMS ? PANE_SECTIONS : PANE_ITEMS;
	return 0;
}

static int on_detail_down(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t step = ap->lay.detail_h > 3 ? (size_t)ap->lay.detail_h - 2 : 1;
	if (ap->detail_top + (size_t)ap->lay.detail_h < ap->detail_rows)
		ap->detail_top += step;
	else
		app_set_message(ap, false, "%s", _("End of the item's details."));
	return 0;
}

static int on_detail_up(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t step = ap->lay.detail_h > 3 ? (size_t)ap->lay.detail_h - 2 : 1;
	ap->detail_top = ap->detail_top > step ? ap->detail_top - step : 0;
	return 0;
}

/* ---- search and jump ---- */

/* From the current item (or the one after it), forward or back, wrapping. */
static bool find_item(app *ap, size_t from, bool forward, bool skip_current,
		      bool (*pred)(app *, size_t, const char *), const char *arg)
{
	size_t n = ap->s.t.n_items;
	if (!n)
		return false;
	size_t cur = from != SIZE_MAX ? from : ap->s.t.sections[ap->section < ap->s.t.n_sections ? ap->section : 0].first;
	for (size_t step = skip_current ? 1 : 0; step <= n; step++) {
		size_t i = forward ? (cur + step) % n : (cur + n - step % n) % n;
		if (pred(ap, i, arg)) {
			app_select_item(ap, i);
			return true;
		}
	}
	return false;
}

typedef struct search_ctx {
	size_t start;   /* the item where the search began */
} search_ctx;

/* Where a search starts: the given item, else the first of the section
 * shown (an unknown item's section: the first section). */
static size_t search_origin(app *ap, size_t from)
{
	if (from != SIZE_MAX || !ap->s.t.n_items)
		return from;
	return ap->s.t.sections[ap->section < ap->s.t.n_sections ? ap->section : 0].first;
}

/* The matches come from the sheet, which keeps a folded copy of every
 * item's text and the last term's matches (sheet_search): a character
 * typed here is one pass over that text at most, and n and N a binary
 * search. */
static void search_change(app *ap, void *ctx, const char *text)
{
	search_ctx *sc = ctx;
	if (!*text) {
		app_set_message(ap, false, "%s", "");
		return;
	}
	size_t item = sheet_search(&ap->s, text, search_origin(ap, sc->start), true, true);
	if (item == SIZE_MAX)
		app_set_message(ap, true, _("Not found: %s"), text);
	else {
		app_select_item(ap, item);
		app_set_message(ap, false, "%s", "");
	}
}

static void search_done(app *ap, void *ctx, const char *text)
{
	search_ctx *sc = ctx;
	if (!text) {
		if (sc->start != SIZE_MAX)
			app_select_item(ap, sc->start);
		return;
	}
	free(ap->search);
	free(ap->search_text);
	ap->search = *text ? fold_text(text, NULL) : NULL;
	ap->search_text = *text ? xstrdup(text) : NULL;
}

static int on_search(app *ap, screen *scr, const key_event *k)
{
	(void)scr, (void)k;
	search_ctx *sc = xmalloc(sizeof *sc);
	sc->start = app_current_item(ap);
	/* the index is built once, here, rather than on the first character */
	sheet_search_prepare(&ap->s);
	prompt_open(ap, _("Search: "), "", search_done, search_change, sc, free);
	return 0;
}

static void search_again(app *ap, bool forward)
{
	if (!ap->search) {
		app_set_message(ap, true, "%s", _("No search yet: press / first."));
		return;
	}
	size_t item = sheet_search(&ap->s, ap->search_text, search_origin(ap, app_current_item(ap)), forward, false);
	if (item == SIZE_MAX)
		app_set_message(ap, true, _("Not found: %s"), ap->search_text);
	else {
		app_select_item(ap, item);
		app_set_message(ap, false, _("Search: %s"), ap->search_text);
	}
}

static int on_search_next(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; search_again(ap, true); return 0; }
static int on_search_prev(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; search_again(ap, false); return 0; }

static void jump_done(app *ap, void *ctx, const char *text)
{
	(void)ctx;
	if (!text)
		return;
	char *norm = units_normalize(text);
	size_t item = *norm ? sheet_find_no(&ap->s, norm) : SIZE_MAX;
	if (item != SIZE_MAX)
		app_select_item(ap, item);
	else if (*norm)
		app_set_message(ap, true, _("No item with No.%s."), text);
	free(norm);
}

static int on_jump(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	prompt_open(ap, _("Go to No.: "), "", jump_done, NULL, NULL, NULL);
	return 0;
}

static bool item_is_problem(app *ap, size_t i, const char *unused)
{
	(void)unused;
	return app_needs_attention(ap, i);
}

static bool item_has_conflict(app *ap, size_t i, const char *unused)
{
	(void)unused;
	return ap->s.conflicted[i];
}

static int on_next_problem(app *ap, screen *sc, const key_event *k)
{
	(void)sc;
	bool forward = k->code == 'p';
	/* merge conflicts first, while any is left: they block the merge */
	if (ap->s.n_conflicted && find_item(ap, app_current_item(ap), forward, true, item_has_conflict, NULL))
		return 0;
	if (!find_item(ap, app_current_item(ap), forward, true, item_is_problem, NULL))
		app_set_message(ap, false, "%s", _("No problems left."));
	return 0;
}

/* ---- filters ---- */

static bool any_visible(app *ap)
{
	for (size_t i = 0; i < ap->s.t.n_items; i++)
		if (app_item_visible(ap, i))
			return true;
	return false;
}

/* The next filter: keeps the current item when it still matches; when
 * the filter matches nothing, says so and stays put (the next press tries
 * the filter after it). */
static int on_filter(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	item_filter old = ap->filter, next = ap->filter_probe;
	if (!ap->s.review_mode)
		/* all, problems, then drafts when the sheet has any */
		next = next == FILTER_ALL ? FILTER_PROBLEMS
		       : next == FILTER_PROBLEMS && ap->s.n_drafts ? FILTER_DRAFTS
								   : FILTER_ALL;
	else
		do
			next = (item_filter)((next + 1) % FILTER_COUNT);
		while (next == FILTER_PROBLEMS || next == FILTER_DRAFTS || (next == FILTER_RULES && !ap->s.has_rq));
	ap->filter_probe = next;
	size_t cur = app_current_item(ap);
	ap->filter = next;
	if (!any_visible(ap)) {
		ap->filter = old;
		app_set_message(ap, false, _("No item matches \"%s\"; the list stays as it was (f for the next filter)."),
				filter_label(next));
		return 0;
	}
	app_build_view(ap);
	if (cur != SIZE_MAX && app_item_visible(ap, cur))
		app_select_item(ap, cur);
	else
		for (size_t step = 0; ap->n_view == 0 && step < ap->n_sections; step++) {
			ap->section = (ap->section + 1) % ap->n_sections;
			ap->sel = ap->top = 0;
			app_build_view(ap);
		}
	app_set_message(ap, false, _("Showing: %s (f for the next filter)."), filter_label(ap->filter));
	return 0;
}

/* ---- commands ---- */

static int on_help(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	help_open(ap);
	return 0;
}

static void said_saved(app *ap, const problems *ps)
{
	if (ap->s.review_mode)
		app_set_message(ap, false, _("Saved the review to %s (%zu of %zu judged)."), sheet_path(&ap->s),
				ap->s.judged, ap->s.t.n_items);
	else
		app_set_message(ap, false, _("Saved %s (%zu of %zu answered). Press i to add a revision entry."),
				sheet_path(&ap->s), ap->s.answered, ap->s.t.n_items);
	/* a warning of the save (a hard link broken, the owner changed) is
	 * worth more than the usual words */
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].sev == SEV_WARNING) {
			app_set_message(ap, true, _("Saved, but: %s"), ps->v[i].message);
			break;
		}
}

static void after_save(app *ap, bool quit_after)
{
	session_after_save(ap);
	if (quit_after)
		ap->quit = true;
}

static void save_as_done(app *ap, void *ctx, const char *text)
{
	bool quit_after = ctx != NULL;
	if (!text || !*text)
		return;
	problems ps;
	problems_init(&ps);
	if (sheet_save_as(&ap->s, text, &ps)) {
		said_saved(ap, &ps);
		after_save(ap, quit_after);
	} else
		app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not save"));
	problems_free(&ps);
}

/* The file changed on disk: the user says what to do. */
static void changed_answer(app *ap, void *ctx, int key)
{
	bool quit_after = ctx != NULL;
	problems ps;
	problems_init(&ps);
	if (key == 'o') {
		if (sheet_save_overwrite(&ap->s, &ps)) {
			said_saved(ap, &ps);
			after_save(ap, quit_after);
		} else
			app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not save"));
	} else if (key == 'r') {
		if (app_reload(ap, &ps))
			app_set_message(ap, false, _("Reloaded %s from disk; your unsaved changes were dropped."),
					sheet_path(&ap->s));
		else
			app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not reload"));
	} else if (key == 's') {
		char *suggest = xasprintf("%s.mine.yaml", sheet_path(&ap->s));
		prompt_open(ap, _("Save as: "), suggest, save_as_done, NULL, quit_after ? (void *)1 : NULL, NULL);
		free(suggest);
	} else
		app_set_message(ap, false, "%s", _("Nothing was saved."));
	problems_free(&ps);
}

/* Saves; when the file changed on disk meanwhile, asks instead. Returns
 * true when saved now. */
static bool save(app *ap, bool quit_after)
{
	problems ps;
	problems_init(&ps);
	bool ok = sheet_save(&ap->s, &ps);
	if (ok) {
		said_saved(ap, &ps);
		after_save(ap, quit_after);
	} else if (ps.n && strcmp(ps.v[0].code, "changed-on-disk") == 0) {
		char *q = xasprintf(_("%s changed on disk since you opened it (another editor, a git pull?). (o) overwrite it with yours, (r) reload it and drop your changes, (s) save yours under another name, (Esc) back"),
				    sheet_path(&ap->s));
		question_open(ap, q, "ors", changed_answer, quit_after ? (void *)1 : NULL);
		free(q);
	} else
		app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not save"));
	problems_free(&ps);
	return ok;
}

static int on_save(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	save(ap, false);
	return 0;
}

static void quit_answer(app *ap, void *ctx, int key)
{
	(void)ctx;
	if (key == 'y') {
		save(ap, true);
	} else if (key == 'n') {
		session_discard(ap);  /* the user chose to lose them */
		ap->quit = true;
	} else
		app_set_message(ap, false, "%s", "");
}

static int on_quit(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	if (!sheet_modified(&ap->s)) {
		session_discard(ap);
		return KEY_RESULT_QUIT;
	}
	question_open(ap, _("Save changes before quitting? (y) save and quit, (n) quit without saving, (Esc) back"),
		      "yn", quit_answer, NULL);
	return 0;
}

static void say_step(app *ap, bool undo, size_t item)
{
	if (item != SIZE_MAX) {
		app_select_item(ap, item);
		app_set_message(ap, false, undo ? _("Undid the last change to No.%s.") : _("Redid the change to No.%s."),
				ap->s.t.items[item].no);
	} else
		app_set_message(ap, false, "%s", undo ? _("Undid the last change.") : _("Redid the change."));
}

static int on_undo(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item;
	if (!sheet_undo(&ap->s, &item))
		app_set_message(ap, true, "%s", _("Nothing to undo."));
	else
		say_step(ap, true, item);
	return 0;
}

static int on_redo(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item;
	if (!sheet_redo(&ap->s, &item))
		app_set_message(ap, true, "%s", _("Nothing to redo."));
	else
		say_step(ap, false, item);
	return 0;
}

/* The current known item, or SIZE_MAX with a message saying why not. */
static size_t editable_item(app *ap)
{
	if (ap->focus == PANE_SECTIONS) {
		ap->focus = PANE_ITEMS;
		return SIZE_MAX;
	}
	if (ap->s.read_only) {
		app_set_message(ap, true, "%s", _("Opened read-only: nothing can be changed or saved here."));
		return SIZE_MAX;
	}
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX && ap->sel < ap->n_view)
		app_set_message(ap, true, "%s", _("Unknown items are read-only: they are not in the template."));
	return item;
}

static int on_edit_value(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = editable_item(ap);
	if (item == SIZE_MAX)
		return 0;
	const tmpl_item *it = sheet_item(&ap->s, item);
	const answer *an = sheet_answer(&ap->s, item);
	if (it->unit == UNIT_TABLE || (an && an->n_cases))
		list_open(ap, item);
	else if (it->unit == UNIT_YES_NO || it->unit == UNIT_CHOICE)
		picker_open(ap, item);
	else
		field_open_value(ap, item, NULL);
	return 0;
}

static int on_edit_note(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = editable_item(ap);
	if (item != SIZE_MAX)
		field_open_note(ap, item, false);
	return 0;
}

static int on_edit_cases(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = editable_item(ap);
	if (item != SIZE_MAX)
		list_open(ap, item);
	return 0;
}

static void clear_answer(app *ap, void *ctx, int key)
{
	size_t item = (size_t)(uintptr_t)ctx;
	if (key != 'y') {
		app_set_message(ap, false, "%s", _("Nothing was cleared."));
		return;
	}
	sheet_clear(&ap->s, item);
	app_set_message(ap, false, _("Cleared No.%s (u undoes)."), ap->s.t.items[item].no);
}

static int on_clear(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = editable_item(ap);
	if (item == SIZE_MAX)
		return 0;
	const answer *an = sheet_answer(&ap->s, item);
	if (!an || (answer_is_empty(an) && !an->note)) {
		app_set_message(ap, false, "%s", _("The item has no answer to clear."));
		return 0;
	}
	/* a note, cases or a table took work: ask first */
	if ((an->note && *an->note) || an->n_rows || an->n_cases) {
		char *q = xasprintf(_("Clear the whole answer of No.%s, its note, cases and rows too? (y) clear, (n) keep"),
				    ap->s.t.items[item].no);
		question_open(ap, q, "yn", clear_answer, (void *)(uintptr_t)item);
		free(q);
		return 0;
	}
	clear_answer(ap, (void *)(uintptr_t)item, 'y');
	return 0;
}

/* An answer that does not validate cannot be final: says why, and true.
 * A status that is neither draft nor final is no reason (final mends it). */
static bool refuse_final(app *ap, size_t item)
{
	if (!sheet_is_problem(&ap->s, item))
		return false;
	problems ps;
	problems_init(&ps);
	sheet_item_problems(&ap->s, item, &ps);
	const char *why = NULL;
	for (size_t i = 0; i < ps.n && !why; i++)
		if (ps.v[i].sev >= SEV_ERROR && strcmp(ps.v[i].code, "invalid-status") != 0)
			why = ps.v[i].message;
	if (why)
		app_set_message(ap, true, _("No.%s cannot be final while its answer has a problem (%s); fix it first."),
				ap->s.t.items[item].no, why);
	problems_free(&ps);
	return why != NULL;
}

static bool is_final(const answer *an) { return an && an->status && strcmp(an->status, "final") == 0; }

static int on_status(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = editable_item(ap);
	if (item == SIZE_MAX)
		return 0;
	bool final = is_final(sheet_answer(&ap->s, item));
	if (!final && refuse_final(ap, item))
		return 0;
	sheet_set_status(&ap->s, item, final ? "draft" : "final");
	app_set_message(ap, false, "%s", final ? _("Marked as draft.") : _("Marked as final."));
	return 0;
}

/* ---- merge conflicts: one side taken for the item's first record ---- */

static int resolve_conflict(app *ap, conflict_side side)
{
	size_t item = editable_item(ap);
	if (item == SIZE_MAX)
		return 0;
	const char *no = ap->s.t.items[item].no;
	const char *done = side == CONFLICT_THEIRS ? _("Took theirs") : _("Kept ours");
	const char *why;
	if (!sheet_conflicts(&ap->s, item) && sheet_file_conflicts(&ap->s)) {
		/* the file's own (subject, revisions, reviewer), shown on every item */
		if (!sheet_resolve_file_conflict(&ap->s, side, &why))
			app_set_message(ap, true, "%s", why);
		else
			app_set_message(ap, false, _("%s for the file (u undoes); %zu file conflicts left."), done,
					sheet_file_conflicts(&ap->s));
		return 0;
	}
	if (!sheet_conflicts(&ap->s, item)) {
		app_set_message(ap, false, _("No.%s has no merge conflict (p goes to the next item that needs a look)."), no);
		return 0;
	}
	if (!sheet_resolve_conflict(&ap->s, item, side, &why)) {
		app_set_message(ap, true, "%s", why);
		return 0;
	}
	size_t left = sheet_conflicts(&ap->s, item);
	if (left)
		app_set_message(ap, false,
				ngettext("%s for No.%s; %zu more conflict on it.", "%s for No.%s; %zu more conflicts on it.",
					 left),
				done, no, left);
	else if (ap->s.n_conflicted)
		app_set_message(ap, false, _("%s for No.%s (u undoes); %zu items with conflicts left: p goes on."), done,
				no, ap->s.n_conflicted);
	else
		app_set_message(ap, false, _("%s for No.%s (u undoes); no conflicts left: save with ^S."), done, no);
	return 0;
}

static int on_keep_ours(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	return resolve_conflict(ap, CONFLICT_OURS);
}

static int on_take_theirs(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	return resolve_conflict(ap, CONFLICT_THEIRS);
}

static bool item_is_draft(app *ap, size_t i, const char *unused)
{
	(void)unused;
	return sheet_is_draft(&ap->s, i);
}

/* Confirms the current answer (marks it final, one undo step); in the
 * drafts filter, goes on to the next draft, like "mark read and go to the
 * next" in a mail reader. */
static int on_confirm_answer(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = editable_item(ap);
	if (item == SIZE_MAX)
		return 0;
	const char *no = ap->s.t.items[item].no;
	const answer *an = sheet_answer(&ap->s, item);
	if (!an || (answer_is_empty(an) && !(an->note && *an->note))) {
		app_set_message(ap, false, _("No.%s has no answer to confirm."), no);
		return 0;
	}
	if (is_final(an)) {
		app_set_message(ap, false, _("No.%s is already final."), no);
		return 0;
	}
	if (refuse_final(ap, item))
		return 0;
	bool was_draft = sheet_is_draft(&ap->s, item);
	sheet_set_status(&ap->s, item, "final");
	size_t left = ap->s.n_drafts;
	bool in_drafts = ap->filter == FILTER_DRAFTS;
	if (in_drafts && !find_item(ap, item, true, true, item_is_draft, NULL)) {
		/* the last one: all items again, on the one just confirmed */
		ap->filter = ap->filter_probe = FILTER_ALL;
		app_build_view(ap);
		app_select_item(ap, item);
	}
	if (!was_draft)
		app_set_message(ap, false, _("Confirmed No.%s: now final (u undoes)."), no);
	else if (left)
		app_set_message(ap, false, _("Confirmed No.%s: now final (u undoes). Drafts left to confirm: %zu."), no,
				left);
	else if (in_drafts)
		app_set_message(ap, false,
				_("Confirmed No.%s: now final (u undoes). No drafts left to confirm; the list shows all items again."),
				no);
	else
		app_set_message(ap, false, _("Confirmed No.%s: now final (u undoes). No drafts left to confirm."), no);
	return 0;
}

static int on_meta(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	meta_open(ap);
	return 0;
}

/* A paste in the browser opens the value editor with the pasted text: it
 * never runs as commands. */
static int on_paste(app *ap, screen *sc, const char *text)
{
	(void)sc;
	size_t item = app_current_item(ap);
	if (ap->s.review_mode) {
		app_set_message(ap, true, "%s", _("Answers are read-only here; to paste into a comment, press c first."));
		return 0;
	}
	if (item == SIZE_MAX || ap->focus == PANE_SECTIONS) {
		app_set_message(ap, true, "%s", _("Pick an item first; nothing was pasted."));
		return 0;
	}
	if (sheet_item(&ap->s, item)->unit == UNIT_TABLE) {
		app_set_message(ap, true, "%s", _("A table takes rows: press c, then a to add a row; nothing was pasted."));
		return 0;
	}
	field_open_value(ap, item, text);
	app_set_message(ap, false, "%s", _("Pasted into the value: Enter keeps it, Esc drops it."));
	return 0;
}

/* ---- review ---- */

static void judge(app *ap, verdict v)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	if (ap->s.read_only) {
		app_set_message(ap, true, "%s", _("Opened read-only: nothing can be changed or saved here."));
		return;
	}
	sheet_set_verdict(&ap->s, item, v);
	static const char *const names[] = {N_("not judged"), N_("ok"), N_("question"), N_("ng")};
	app_set_message(ap, false, _("No.%s: %s."), ap->s.t.items[item].no, _(names[v]));
}

static int on_ok(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; judge(ap, VERDICT_OK); return 0; }
static int on_question(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; judge(ap, VERDICT_QUESTION); return 0; }
static int on_ng(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; judge(ap, VERDICT_NG); return 0; }
static int on_unjudge(app *ap, screen *sc, const key_event *k) { (void)sc, (void)k; judge(ap, VERDICT_NONE); return 0; }

static int on_confirm(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return 0;
	if (!sheet_is_stale(&ap->s, item)) {
		app_set_message(ap, false, "%s", _("The verdict is about the answer as it is: nothing to confirm."));
		return 0;
	}
	sheet_confirm_verdict(&ap->s, item);
	app_set_message(ap, false, _("No.%s: the verdict now judges the new answer."), ap->s.t.items[item].no);
	return 0;
}

static int on_comment(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	size_t item = app_current_item(ap);
	if (item != SIZE_MAX)
		field_open_comment(ap, item);
	return 0;
}

/* Keys shared by both browsers come first in each table, so that the
 * hint bar shows the most useful ones first. */
#define CONFLICT_KEYS \
	{'o', false, false, on_keep_ours, "o", N_("merge conflict: keep ours (the answer as it is now, typed over or not)"), NULL}, \
	{'t', false, false, on_take_theirs, "t", N_("merge conflict: take theirs"), NULL}

#define NAV_KEYS \
	{CTRL('s'), false, false, on_save, "^S", N_("save"), N_("Save")}, \
	{CTRL('q'), false, false, on_quit, "^Q", N_("quit (asks when there are unsaved changes)"), N_("Quit")}, \
	{'q', false, false, on_quit, "q", N_("quit"), NULL}, \
	{'?', false, false, on_help, "?", N_("this help"), N_("Help")}, \
	{KEY_F(1), true, false, on_help, "F1", N_("this help"), NULL}, \
	{'/', false, false, on_search, "/", N_("search titles, descriptions, values and notes (width and case folded)"), N_("Search")}, \
	{'n', false, false, on_search_next, "n", N_("next match"), NULL}, \
	{'N', false, false, on_search_prev, "N", N_("previous match"), NULL}, \
	{':', false, false, on_jump, ":", N_("jump to an item by its No."), N_("Jump")}, \
	{'p', false, false, on_next_problem, "p", N_("next item that needs a look (merge conflicts first)"), N_("Problem")}, \
	{'P', false, false, on_next_problem, "P", N_("previous item that needs a look"), NULL}, \
	{']', false, false, on_next_section, "]", N_("next section"), NULL}, \
	{'[', false, false, on_prev_section, "[", N_("previous section"), NULL}, \
	{'\t', false, false, on_switch_pane, "Tab", N_("switch between sections and items"), NULL}, \
	{KEY_UP, true, false, on_up, "↑ k", N_("previous item (on into the previous section)"), NULL}, \
	{'k', false, false, on_up, NULL, NULL, NULL}, \
	{KEY_DOWN, true, false, on_down, "↓ j", N_("next item (on into the next section)"), NULL}, \
	{'j', false, false, on_down, NULL, NULL, NULL}, \
	{KEY_PPAGE, true, false, on_page_up, "PgUp", N_("page up"), NULL}, \
	{KEY_NPAGE, true, false, on_page_down, "PgDn", N_("page down"), NULL}, \
	{KEY_HOME, true, false, on_first, "Home", N_("first item of the section"), NULL}, \
	{KEY_END, true, false, on_last, "End", N_("last item of the section"), NULL}, \
	{'>', false, false, on_detail_down, ">", N_("page the item's details down"), NULL}, \
	{'<', false, false, on_detail_up, "<", N_("page the item's details up"), NULL}

static const screen_key edit_keys[] = {
	{'\n', false, false, on_edit_value, "Enter", N_("edit the value (yes/no and choices: pick)"), N_("Edit")},
	{'e', false, false, on_edit_note, "e", N_("edit the note"), N_("Note")},
	NAV_KEYS,
	{'c', false, false, on_edit_cases, "c", N_("conditional answers (cases) or table rows"), NULL},
	{'d', false, false, on_clear, "d", N_("clear the answer (asks when it has a note, cases or rows)"), NULL},
	{'u', false, false, on_undo, "u", N_("undo the last change"), N_("Undo")},
	{CTRL('z'), false, false, on_undo, "^Z", N_("undo"), NULL},
	{CTRL('r'), false, false, on_redo, "^R", N_("redo what was undone"), N_("Redo")},
	{'U', false, false, on_redo, "U", N_("redo"), NULL},
	{'f', false, false, on_filter, "f", N_("next filter: all items, items with problems, drafts to confirm (when there are any)"), NULL},
	{'i', false, false, on_meta, "i", N_("subject and revision history"), NULL},
	CONFLICT_KEYS,
	{'s', false, false, on_status, "s", N_("mark the answer final / draft"), NULL},
	{'y', false, false, on_confirm_answer, "y", N_("confirm the answer: mark it final (refused while it has a problem); in the drafts filter, go on to the next draft"), N_("Confirm")},
	{SCREEN_KEY_PASTE, false, false, NULL, N_("paste"), N_("opens the value editor with the pasted text"), NULL},
};

static const screen_key review_keys[] = {
	{'1', false, false, on_ok, "1", N_("verdict: ok"), N_("ok")},
	{'2', false, false, on_question, "2", N_("verdict: question (needs an answer from the vendor)"), N_("question")},
	{'3', false, false, on_ng, "3", N_("verdict: ng (not acceptable)"), N_("ng")},
	{'0', false, false, on_unjudge, "0", N_("clear the verdict"), N_("Clear")},
	{'c', false, false, on_comment, "c", N_("edit the comment (Tab commits)"), N_("Comment")},
	{'=', false, false, on_confirm, "=", N_("keep the verdict for the changed answer (confirm)"), NULL},
	CONFLICT_KEYS,
	NAV_KEYS,
	{'u', false, false, on_undo, "u", N_("undo the last verdict or comment"), NULL},
	{CTRL('z'), false, false, on_undo, "^Z", N_("undo"), NULL},
	{CTRL('r'), false, false, on_redo, "^R", N_("redo what was undone"), NULL},
	{'U', false, false, on_redo, "U", N_("redo"), NULL},
	{'f', false, false, on_filter, "f", N_("next filter: not judged, question, ng, failed rules, changed since review, all"), NULL},
	{SCREEN_KEY_PASTE, false, false, NULL, N_("paste"), N_("refused: answers are read-only"), NULL},
};

const screen_class browser_edit_screen = {
	"browser", N_("Answering: moving and commands"), SCREEN_KEYS(edit_keys), draw_browser, NULL, true, true, on_paste,
};

const screen_class browser_review_screen = {
	"review", N_("Reviewing: moving and commands"), SCREEN_KEYS(review_keys), draw_browser, NULL, true, true, on_paste,
};
