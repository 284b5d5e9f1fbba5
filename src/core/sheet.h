#ifndef CHECKSHEET_SHEET_H
#define CHECKSHEET_SHEET_H

/* An open sheet: a template, its answers, and optionally a review and a
 * requirements policy, with everything derived from the answers kept exact
 * by the operations that change them (validity, rule results, staleness,
 * per-section and total counts). Every screen and verb opens sheets here,
 * in one load sequence; every change goes through the operations below, so
 * that undo, redo and the saved-state test cover all of them. No curses. */

#include <stdbool.h>
#include <stddef.h>

#include "atomic_file.h"
#include "conflict.h"
#include "file_lock.h"
#include "file_state.h"
#include "model.h"
#include "problems.h"
#include "requirements.h"
#include "review.h"
#include "validate.h"
#include "yaml_reader.h"

typedef struct sheet_options {
	const char *answers_path;
	/* template text: this, else the file's `language:`, else ja (never the
	 * desktop's locale, so that exports and checks do not depend on it) */
	const char *lang;
	const char *review_path;       /* shown beside the answers, or written */
	bool review_mode;              /* answers read-only; the review is written
	                                  (created at review_path, or the default) */
	const char *requirements_path; /* a policy judged against the answers */
	const char *reviewer_name, *reviewer_org; /* recorded in a written review */
	int backups;                   /* saves keep FILE~ (1), FILE.~N~ (N > 1), none (0);
	                                  -1: the default, 1 */
	load_limits limits;
	/* what of the template's texts the command shows (template_keep):
	 * all of them (the editor), titles in the sheet's language (a check),
	 * every text in the sheet's language (fill), the texts an export
	 * prints in the sheet's language (hints and examples left out) */
	enum { SHEET_TEXTS_ALL, SHEET_TEXTS_TITLES, SHEET_TEXTS_ONE_LANGUAGE, SHEET_TEXTS_PRINTED } texts;
	/* a command that only reads the answers (check, export): they are
	 * parsed as read into an arena (answers_load_file_read_only), no fingerprint
	 * of the file is taken, and the sheet is read-only */
	bool only_reads;
	/* a command that validates each item itself (export_doc_build): the
	 * sheet computes no state, counts or findings; it holds the answers,
	 * the template and the review, and nothing else of it may be asked */
	bool no_states;
} sheet_options;

/* What an operation changed, so that screens redraw only that. */
enum {
	SHEET_CHANGED_ANSWER = 1 << 0,   /* value, note, status, cases or rows */
	SHEET_CHANGED_STATE = 1 << 1,    /* validity of an item */
	SHEET_CHANGED_COUNTS = 1 << 2,   /* section or total counts */
	SHEET_CHANGED_RULE = 1 << 3,     /* a rule result */
	SHEET_CHANGED_REVIEW = 1 << 4,   /* verdict or comment */
	SHEET_CHANGED_STALE = 1 << 5,    /* changed-since-review */
	SHEET_CHANGED_SUBJECT = 1 << 6,  /* subject or revisions */
	SHEET_CHANGED_MANY = 1 << 7,     /* more than one item: redraw all */
};

typedef struct sheet_change {
	unsigned flags;
	size_t item;   /* the item changed (template index), SIZE_MAX for none */
} sheet_change;

typedef struct sheet_record sheet_record;
typedef struct sheet_step {
	sheet_record *v;
	size_t n;
	unsigned long id;
} sheet_step;

typedef struct sheet {
	template t;
	answers a;
	const char *lang;         /* points into lang_buf */
	char lang_buf[16];
	char *answers_path;
	/* the review, when one is shown or written */
	bool has_review, review_mode;
	review rv;
	char *review_path;
	/* the policy */
	bool has_rq;
	requirements rq;
	rule_outcome *outcomes;   /* per rule */
	long *rule_of;            /* per item: index in rq.v, or -1 */
	/* derived, per item and in total */
	item_state *states;
	bool *stale;
	size_t *sec_answered, *sec_problems;
	size_t answered, problem_items, judged, n_stale;
	bool *draft;              /* per item: sheet_is_draft */
	bool *findings;           /* per item: validation found something (an
	                             error or a warning): what sheet_problems
	                             validates again to word it */
	size_t n_drafts;          /* items for which sheet_is_draft holds */
	bool *conflicted;         /* per item: merge conflicts left on it, in
	                             the writable file (sheet_conflicts) */
	size_t n_conflicted;
	size_t rules_pass, rules_fail, rules_unknown;
	size_t *unknown;          /* answers (index in a.v) with no template item */
	size_t n_unknown;
	/* history: steps[0..n_done) can be undone, [n_done..n_steps) redone */
	sheet_step *steps;
	size_t n_steps, n_done, cap_steps;
	int group_depth;
	bool group_open;          /* a step is being filled by a group */
	unsigned long next_id, saved_id;
	bool dirty_base;          /* changed at open (reviewer recorded) */
	sheet_change pending;     /* accumulated since sheet_take_change */
	bool policy_failed;       /* sheet_open failed on the policy alone: the
	                             answers are open and checked, without rules */
	/* touched since the last save: what a recovery file must hold */
	bool *dirty;
	size_t *dirty_list, n_dirty;
	bool dirty_subject, dirty_revisions;
	unsigned long changes;    /* operations applied, ever (for the journal) */
	/* the writable file (answers, or the review in review mode) */
	file_state disk;          /* as loaded or last saved: a change on disk shows */
	bool read_only;           /* someone else edits it: nothing is written */
	int backups;
	file_lock lock;           /* held while editing (sheet_lock) */
	struct search_index *search; /* built by the first search (search.h) */
	/* or in idle time (sheet_search_idle): the index being built, and the
	 * items it folded already whose answers changed since */
	struct search_index *search_building;
	size_t *search_dirty, n_search_dirty, cap_search_dirty;
} sheet;

/* Opens the answers, their template, and the review and policy the options
 * name. Problems go to ps; false when the sheet cannot be used (then
 * sheet_close is still called). */
bool sheet_open(sheet *s, const sheet_options *opt, problems *ps);
void sheet_close(sheet *s);
/* sheet_close for the last sheet a command reads before it exits: what
 * outlives the process (the lock) is released, the memory is left to the
 * process's end, which takes it back at once (freeing 100 000 items piece
 * by piece costs a check a twentieth of its time). Kept reachable until
 * then; a build with sanitizers frees it all, so that leak checks see
 * every allocation. Once per process. */
void sheet_close_at_exit(sheet *s);

/* ---- reading: derived state, owned here ---- */
size_t sheet_item_count(const sheet *s);
const tmpl_item *sheet_item(const sheet *s, size_t item);
const answer *sheet_answer(const sheet *s, size_t item);   /* NULL: none */
item_state sheet_state(const sheet *s, size_t item);
bool sheet_is_problem(const sheet *s, size_t item);        /* unanswered required or invalid */
/* A draft to confirm: the answer has a value, cases, rows or a note, and
 * says `status: draft` explicitly (what the importer reads out of prose).
 * An answer with no status (draft by default, as typed by hand) is not
 * one, nor is a final one. Counted in n_drafts. */
bool sheet_is_draft(const sheet *s, size_t item);
/* The item's problems now (validation), for a detail pane. */
void sheet_item_problems(const sheet *s, size_t item, problems *out);
/* Every problem of the answers file, as validate_answers finds them (same
 * problems, same order), from the states kept here: only the items with
 * findings are validated again, so a check costs one validation per item.
 * Adds to sum as validate_answers does. */
void sheet_problems(const sheet *s, problems *ps, check_summary *sum);
/* How a value reads: "= ≤ 24 h", "✓ text", or the error (caller frees);
 * *is_error set. Used for live feedback while typing. */
char *sheet_reading(const sheet *s, size_t item, const char *text, bool *is_error);
const review_item *sheet_review_item(const sheet *s, size_t item);
verdict sheet_verdict(const sheet *s, size_t item);
bool sheet_is_stale(const sheet *s, size_t item);
/* The rule on an item and its outcome, or NULL. */
const rule *sheet_rule(const sheet *s, size_t item, const rule_outcome **outcome);
/* The item index of an item id, or SIZE_MAX. */
size_t sheet_find(const sheet *s, const char *id);
size_t sheet_find_no(const sheet *s, const char *no);

/* ---- search (search.h) ---- */
/* Items whose title or description (in the sheet's language), No., value,
 * note, cases or table cells contain text, width- and case-folded as
 * fold.h says; an empty text matches nothing. The sheet keeps every
 * item's folded text, built by the first search (or by
 * sheet_search_prepare) and kept exact by the operations below, and the
 * last text's matches: searching again for the same text is a binary
 * search, and a text that extends the last looks only among its matches.
 * The first match after from, forward or back, wrapping around (from
 * itself is tried first with include_from, else last); SIZE_MAX when none
 * matches. from SIZE_MAX: the first (last) match. */
size_t sheet_search(sheet *s, const char *text, size_t from, bool forward, bool include_from);
/* Every match, in item order; *items is the sheet's, valid until the next
 * search or change. Returns the count. */
size_t sheet_search_all(sheet *s, const char *text, const size_t **items);
/* Builds the index now (it takes one pass over the sheet's text). */
void sheet_search_prepare(sheet *s);
/* Builds the search index a step at a time (budget items), for a screen's
 * idle time, so that the first search finds it ready; true while work is
 * left. Cheap when there is none. */
bool sheet_search_idle(sheet *s, size_t budget);

/* ---- operations on answers (refused, false, on a read-only sheet) ---- */
bool sheet_answers_writable(const sheet *s);
bool sheet_set_value(sheet *s, size_t item, const char *text);   /* "" clears */
bool sheet_set_note(sheet *s, size_t item, const char *text);
bool sheet_set_status(sheet *s, size_t item, const char *status); /* NULL clears */
bool sheet_clear(sheet *s, size_t item);   /* value, note, status, cases, rows */
bool sheet_add_case(sheet *s, size_t item, const char *when, const char *value);
bool sheet_set_case(sheet *s, size_t item, size_t i, const char *when, const char *value);
bool sheet_remove_case(sheet *s, size_t item, size_t i);
bool sheet_add_row(sheet *s, size_t item);
bool sheet_set_cell(sheet *s, size_t item, size_t row, const char *column, const char *text);
bool sheet_remove_row(sheet *s, size_t item, size_t row);
bool sheet_move_row(sheet *s, size_t item, size_t row, bool down);
bool sheet_set_subject(sheet *s, const char *key, const char *value);
bool sheet_add_revision(sheet *s, const char *version, const char *date, const char *note);
bool sheet_set_revision(sheet *s, size_t i, const char *version, const char *date, const char *note);
bool sheet_remove_revision(sheet *s, size_t i);
/* Replaces an item's whole answer (value, note, status, cases, rows); NULL
 * clears it. Used by recovery, one step with the others of its group. */
bool sheet_set_answer(sheet *s, size_t item, const answer *an);
bool sheet_replace_subject(sheet *s, const raw_pairs *subject);
bool sheet_replace_revisions(sheet *s, const revision *v, size_t n);

/* ---- operations on the review (only when the review is written) ---- */
bool sheet_review_writable(const sheet *s);
/* A new verdict judges the answer as it is now (re-stamps `seen`). */
bool sheet_set_verdict(sheet *s, size_t item, verdict v);
/* Keeps the verdict and staleness; stamps `seen` only on a first judgement. */
bool sheet_set_comment(sheet *s, size_t item, const char *text);
/* Keeps the verdict, judging the answer as it is now (clears stale). */
bool sheet_confirm_verdict(sheet *s, size_t item);

/* ---- merge conflicts left by checksheet merge (conflict.h) ---- */
/* The records of an item in the writable file: of its answer, or in
 * review mode of its review item (NULL: none); and of the file itself
 * (subject, revisions; a review's reviewer). */
const raw_pairs *sheet_conflict_records(const sheet *s, size_t item);
const raw_pairs *sheet_file_conflict_records(const sheet *s);
size_t sheet_conflicts(const sheet *s, size_t item);
size_t sheet_file_conflicts(const sheet *s);
/* Takes one side (ours keeps the field as it is now, typed over or not)
 * for the item's first record, or the file's: one undo step. False with
 * *why (translated, not to be freed) when refused. */
bool sheet_resolve_conflict(sheet *s, size_t item, conflict_side side, const char **why);
bool sheet_resolve_file_conflict(sheet *s, conflict_side side, const char **why);

/* ---- history ---- */
/* Operations between begin and end are one undo step (nesting allowed). */
void sheet_group_begin(sheet *s);
void sheet_group_end(sheet *s);
bool sheet_can_undo(const sheet *s);
bool sheet_can_redo(const sheet *s);
/* Undoes or redoes one step; *item gets the item it touched (SIZE_MAX for
 * the subject or several). False when there is nothing to undo/redo. */
bool sheet_undo(sheet *s, size_t *item);
bool sheet_redo(sheet *s, size_t *item);
/* True when the writable document differs from what was loaded or saved. */
bool sheet_modified(const sheet *s);
/* Saves the writable document (answers, or the review in review mode)
 * atomically (keeping a backup), and marks the current state as saved.
 * When the file changed on disk since it was loaded or saved (another
 * editor, a git pull), nothing is written: false with a problem of code
 * "changed-on-disk", so that the caller can ask. */
bool sheet_save(sheet *s, problems *ps);
/* Saves even when the file changed on disk (the user said overwrite). */
bool sheet_save_overwrite(sheet *s, problems *ps);
/* Saves to another file, which becomes the sheet's file from then on. */
bool sheet_save_as(sheet *s, const char *path, problems *ps);
/* Whether the writable file changed on disk since loaded or saved. */
bool sheet_changed_on_disk(const sheet *s, bool *changed, problems *ps);
/* The writable file's path. */
const char *sheet_path(const sheet *s);
/* Takes the editing lock on the writable file. False when another holds
 * it: *other says who (sheet_lock_take_over replaces a stale one). */
bool sheet_lock(sheet *s, lock_holder *other, problems *ps);
bool sheet_lock_take_over(sheet *s, const lock_holder *expected, bool force, problems *ps);
void sheet_unlock(sheet *s);
/* What changed since the last call; resets it. */
sheet_change sheet_take_change(sheet *s);

#endif
