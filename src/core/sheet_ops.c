#include <config.h>

/* The sheet's operations and their history. Every operation snapshots what
 * it touches (one answer, one review item, the subject or the revision
 * list), changes it, and records before and after as one undo step, or as
 * part of the open group; then the item's derived state is refreshed. */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "answers_save.h"
#include "i18n.h"
#include "sheet_internal.h"
#include "units.h"
#include "xalloc.h"

/* ---- copies ---- */

void sheet_revisions_copy(revision **dst, size_t *n_dst, const revision *src, size_t n)
{
	*dst = n ? xcalloc(n, sizeof **dst) : NULL;
	*n_dst = n;
	for (size_t i = 0; i < n; i++) {
		(*dst)[i] = src[i];
		(*dst)[i].version = src[i].version ? xstrdup(src[i].version) : NULL;
		(*dst)[i].date = src[i].date ? xstrdup(src[i].date) : NULL;
		(*dst)[i].note = src[i].note ? xstrdup(src[i].note) : NULL;
		memset(&(*dst)[i].extra, 0, sizeof(*dst)[i].extra);
		raw_pairs_copy(&(*dst)[i].extra, &src[i].extra);
	}
}

void sheet_revisions_free(revision *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].version);
		free(v[i].date);
		free(v[i].note);
		raw_pairs_free(&v[i].extra);
	}
	free(v);
}

static void record_free(sheet_record *r)
{
	switch (r->kind) {
	case REC_ANSWER:
		answer_free(&r->before);
		answer_free(&r->after);
		break;
	case REC_REVIEW:
		review_item_free(&r->rbefore);
		review_item_free(&r->rafter);
		break;
	case REC_SUBJECT:
		raw_pairs_free(&r->sbefore);
		raw_pairs_free(&r->safter);
		break;
	case REC_REVISIONS:
		sheet_revisions_free(r->vbefore, r->n_vbefore);
		sheet_revisions_free(r->vafter, r->n_vafter);
		break;
	case REC_HEAD:
		sheet_head_free(&r->hbefore);
		sheet_head_free(&r->hafter);
		break;
	}
}

static void step_free(sheet_step *st)
{
	for (size_t i = 0; i < st->n; i++)
		record_free(&st->v[i]);
	free(st->v);
	st->v = NULL;
	st->n = 0;
}

void sheet_history_free(sheet *s)
{
	for (size_t i = 0; i < s->n_steps; i++)
		step_free(&s->steps[i]);
	free(s->steps);
	s->steps = NULL;
	s->n_steps = s->n_done = s->cap_steps = 0;
}

/* ---- history ---- */

static unsigned long top_id(const sheet *s) { return s->n_done ? s->steps[s->n_done - 1].id : 0; }

/* A new step drops what could be redone; the saved state may go with it. */
static sheet_step *open_step(sheet *s)
{
	for (size_t i = s->n_done; i < s->n_steps; i++) {
		if (s->steps[i].id == s->saved_id)
			s->saved_id = ULONG_MAX;
		step_free(&s->steps[i]);
	}
	s->n_steps = s->n_done;
	XGROW(s->steps, s->cap_steps, s->n_steps + 1);
	sheet_step *st = &s->steps[s->n_steps++];
	memset(st, 0, sizeof *st);
	st->id = s->next_id++;
	s->n_done = s->n_steps;
	return st;
}

void sheet_push_record(sheet *s, const sheet_record *r)
{
	sheet_step *st;
	if (s->group_depth > 0 && s->group_open)
		st = &s->steps[s->n_done - 1];
	else {
		st = open_step(s);
		s->group_open = s->group_depth > 0;
	}
	st->v = xreallocarray(st->v, st->n + 1, sizeof *st->v);
	st->v[st->n++] = *r;
}

void sheet_group_begin(sheet *s) { s->group_depth++; }

void sheet_group_end(sheet *s)
{
	if (s->group_depth > 0 && --s->group_depth == 0)
		s->group_open = false;
}

bool sheet_can_undo(const sheet *s) { return s->n_done > 0; }
bool sheet_can_redo(const sheet *s) { return s->n_done < s->n_steps; }

bool sheet_modified(const sheet *s) { return s->dirty_base || top_id(s) != s->saved_id; }

static void mark_dirty(sheet *s, size_t item)
{
	s->changes++;
	if (s->dirty[item])
		return;
	s->dirty[item] = true;
	s->dirty_list[s->n_dirty++] = item;
}

/* Replaces an answer's content by a copy of src, keeping its item id. */
static void answer_assign(answer *dst, const answer *src)
{
	char *id = dst->item;
	dst->item = NULL;
	answer_free(dst);
	answer_copy(dst, src);
	free(dst->item);
	dst->item = id;
}

static void review_item_assign(review_item *dst, const review_item *src)
{
	char *id = dst->item;
	dst->item = NULL;
	review_item_free(dst);
	review_item_copy(dst, src);
	free(dst->item);
	dst->item = id;
}

static void apply(sheet *s, const sheet_record *r, bool forward)
{
	switch (r->kind) {
	case REC_ANSWER:
		answer_assign(answers_get(&s->a, s->t.items[r->item].id), forward ? &r->after : &r->before);
		mark_dirty(s, r->item);
		sheet_note_change(s, SHEET_CHANGED_ANSWER, r->item);
		sheet_refresh_item(s, r->item);
		break;
	case REC_REVIEW: {
		review_item *ri = review_get(&s->rv, s->t.items[r->item].id);
		bool was = ri->verdict != VERDICT_NONE;
		review_item_assign(ri, forward ? &r->rafter : &r->rbefore);
		s->judged += (size_t)(ri->verdict != VERDICT_NONE) - (size_t)was;
		sheet_note_change(s, SHEET_CHANGED_REVIEW | SHEET_CHANGED_COUNTS, r->item);
		sheet_refresh_item(s, r->item);
		break;
	}
	case REC_SUBJECT:
		raw_pairs_free(&s->a.subject);
		raw_pairs_copy(&s->a.subject, forward ? &r->safter : &r->sbefore);
		s->dirty_subject = true;
		s->changes++;
		sheet_note_change(s, SHEET_CHANGED_SUBJECT, SIZE_MAX);
		break;
	case REC_REVISIONS:
		sheet_revisions_free(s->a.revisions, s->a.n_revisions);
		sheet_revisions_copy(&s->a.revisions, &s->a.n_revisions, forward ? r->vafter : r->vbefore,
			       forward ? r->n_vafter : r->n_vbefore);
		s->dirty_revisions = true;
		s->changes++;
		sheet_note_change(s, SHEET_CHANGED_SUBJECT, SIZE_MAX);
		break;
	case REC_HEAD:
		sheet_head_put(s, forward ? &r->hafter : &r->hbefore);
		break;
	}
}

static size_t step_item(const sheet_step *st)
{
	size_t item = SIZE_MAX;
	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].kind == REC_ANSWER || st->v[i].kind == REC_REVIEW) {
			if (item != SIZE_MAX && item != st->v[i].item)
				return SIZE_MAX;
			item = st->v[i].item;
		}
	return item;
}

bool sheet_undo(sheet *s, size_t *item)
{
	s->group_depth = 0;
	s->group_open = false;
	if (!s->n_done)
		return false;
	const sheet_step *st = &s->steps[--s->n_done];
	for (size_t i = st->n; i-- > 0;)
		apply(s, &st->v[i], false);
	if (item)
		*item = step_item(st);
	return true;
}

bool sheet_redo(sheet *s, size_t *item)
{
	s->group_depth = 0;
	s->group_open = false;
	if (s->n_done >= s->n_steps)
		return false;
	const sheet_step *st = &s->steps[s->n_done++];
	for (size_t i = 0; i < st->n; i++)
		apply(s, &st->v[i], true);
	if (item)
		*item = step_item(st);
	return true;
}

const char *sheet_path(const sheet *s) { return s->review_mode ? s->review_path : s->answers_path; }

bool sheet_changed_on_disk(const sheet *s, bool *changed, problems *ps)
{
	return file_state_changed(sheet_path(s), &s->disk, changed, ps);
}

static bool save_to(sheet *s, const char *path, bool check_disk, problems *ps)
{
	if (s->read_only) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "read-only", "%s",
			     _("opened read-only: another editor holds this file"));
		return false;
	}
	if (check_disk) {
		bool changed = false;
		if (!sheet_changed_on_disk(s, &changed, ps))
			return false;
		if (changed) {
			problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "changed-on-disk", "%s",
				     _("the file changed on disk since it was opened; nothing was written"));
			return false;
		}
	}
	size_t len = 0;
	char *text = s->review_mode ? review_to_yaml(&s->rv, &s->t, &len) : answers_to_yaml(&s->a, &s->t, &len);
	if (!text) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", "%s",
			     _("could not write YAML (a value holds text YAML cannot carry)"));
		return false;
	}
	save_options o = {.backups = s->backups, .lock = s->lock.path ? &s->lock : NULL};
	file_state after;
	bool ok = atomic_save(path, text, len, &o, &after, ps);
	free(text);
	if (!ok)
		return false;
	s->disk = after;
	s->saved_id = top_id(s);
	s->dirty_base = false;
	for (size_t i = 0; i < s->n_dirty; i++)
		s->dirty[s->dirty_list[i]] = false;
	s->n_dirty = 0;
	s->dirty_subject = s->dirty_revisions = false;
	return true;
}

bool sheet_save(sheet *s, problems *ps) { return save_to(s, sheet_path(s), true, ps); }

bool sheet_save_overwrite(sheet *s, problems *ps) { return save_to(s, sheet_path(s), false, ps); }

bool sheet_save_as(sheet *s, const char *path, problems *ps)
{
	struct stat st;
	if (lstat(path, &st) == 0) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_ERROR, "exists", "%s",
			     _("a file of that name exists; choose another name"));
		return false;
	}
	/* the new file is ours to edit from now on: its lock, not the old one */
	file_lock lock;
	lock_holder other;
	memset(&other, 0, sizeof other);
	if (!file_lock_take(path, &lock, &other, ps)) {
		lock_holder_free(&other);
		return false;
	}
	lock_holder_free(&other);
	bool was_read_only = s->read_only;
	s->read_only = false;
	bool ok = save_to(s, path, false, ps);
	if (!ok) {
		s->read_only = was_read_only;
		file_lock_release(&lock);
		return false;
	}
	sheet_unlock(s);
	s->lock = lock;
	char **field = s->review_mode ? &s->review_path : &s->answers_path;
	free(*field);
	*field = xstrdup(path);
	return true;
}

bool sheet_lock(sheet *s, lock_holder *other, problems *ps)
{
	if (s->lock.path)
		return true;
	return file_lock_take(sheet_path(s), &s->lock, other, ps);
}

bool sheet_lock_take_over(sheet *s, const lock_holder *expected, bool force, problems *ps)
{
	lock_holder other;
	memset(&other, 0, sizeof other);
	bool ok = file_lock_take_over(sheet_path(s), expected, force, &s->lock, &other, ps);
	lock_holder_free(&other);
	return ok;
}

void sheet_unlock(sheet *s)
{
	if (s->lock.path)
		file_lock_release(&s->lock);
	memset(&s->lock, 0, sizeof s->lock);
}

/* ---- answers ---- */

/* Opens a change to one answer: the answer (created when absent) and a
 * copy of it as it was; NULL when the answers are read-only. */
answer *sheet_answer_begin(sheet *s, size_t item, answer *before)
{
	if (!sheet_answers_writable(s) || item >= s->t.n_items)
		return NULL;
	answer *an = answers_get(&s->a, s->t.items[item].id);
	answer_copy(before, an);
	return an;
}

/* Records the change (none when nothing differs) and refreshes the item. */
bool sheet_answer_commit(sheet *s, size_t item, answer *before)
{
	const answer *an = answers_find(&s->a, s->t.items[item].id);
	if (answer_equal(before, an, true) && before->has_cases == an->has_cases &&
	    before->has_rows == an->has_rows && raw_pairs_equal(&before->extra, &an->extra)) {
		answer_free(before);
		return true;
	}
	sheet_record r;
	memset(&r, 0, sizeof r);
	r.kind = REC_ANSWER;
	r.item = item;
	r.before = *before;
	answer_copy(&r.after, an);
	sheet_push_record(s, &r);
	mark_dirty(s, item);
	sheet_note_change(s, SHEET_CHANGED_ANSWER, item);
	sheet_refresh_item(s, item);
	return true;
}

/* Text that is only spaces is no value: the answer is removed. */
static bool blank(const char *text)
{
	if (!text)
		return true;
	char *norm = units_normalize(text);
	bool empty = !*norm;
	free(norm);
	return empty;
}

bool sheet_set_value(sheet *s, size_t item, const char *text)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_set(&an->value, blank(text) ? NULL : text);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_set_note(sheet *s, size_t item, const char *text)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_set(&an->note, text);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_set_status(sheet *s, size_t item, const char *status)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_set(&an->status, status);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_set_answer(sheet *s, size_t item, const answer *src)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	if (src)
		answer_assign(an, src);
	else
		answer_clear(an);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_clear(sheet *s, size_t item)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_clear(an);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_add_case(sheet *s, size_t item, const char *when, const char *value)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_add_case(an, when, value);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_set_case(sheet *s, size_t item, size_t i, const char *when, const char *value)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	if (i >= an->n_cases) {
		answer_free(&before);
		return false;
	}
	free(an->cases[i].when);
	free(an->cases[i].value);
	an->cases[i].when = xstrdup(when ? when : "");
	an->cases[i].value = xstrdup(value ? value : "");
	return sheet_answer_commit(s, item, &before);
}

bool sheet_remove_case(sheet *s, size_t item, size_t i)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_remove_case(an, i);
	an->has_cases = an->n_cases > 0;
	return sheet_answer_commit(s, item, &before);
}

bool sheet_add_row(sheet *s, size_t item)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_add_row(an);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_set_cell(sheet *s, size_t item, size_t row, const char *column, const char *text)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	if (row >= an->n_rows) {
		answer_free(&before);
		return false;
	}
	if (text && *text)
		raw_pairs_set_scalar(&an->rows[row].cells, column, text);
	else
		raw_pairs_remove(&an->rows[row].cells, column);
	return sheet_answer_commit(s, item, &before);
}

bool sheet_remove_row(sheet *s, size_t item, size_t row)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	answer_remove_row(an, row);
	an->has_rows = an->n_rows > 0;
	return sheet_answer_commit(s, item, &before);
}

bool sheet_move_row(sheet *s, size_t item, size_t row, bool down)
{
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an)
		return false;
	size_t other = down ? row + 1 : row - 1;
	if (row >= an->n_rows || (!down && row == 0) || other >= an->n_rows) {
		answer_free(&before);
		return false;
	}
	answer_row tmp = an->rows[row];
	an->rows[row] = an->rows[other];
	an->rows[other] = tmp;
	return sheet_answer_commit(s, item, &before);
}

/* ---- subject and revisions ---- */

bool sheet_set_subject(sheet *s, const char *key, const char *value)
{
	if (!sheet_answers_writable(s))
		return false;
	const char *old = answers_subject(&s->a, key);
	if (strcmp(old ? old : "", value ? value : "") == 0)
		return true;
	sheet_record r;
	memset(&r, 0, sizeof r);
	r.kind = REC_SUBJECT;
	raw_pairs_copy(&r.sbefore, &s->a.subject);
	answers_set_subject(&s->a, key, value);
	raw_pairs_copy(&r.safter, &s->a.subject);
	sheet_push_record(s, &r);
	s->dirty_subject = true;
	s->changes++;
	sheet_note_change(s, SHEET_CHANGED_SUBJECT, SIZE_MAX);
	return true;
}

bool sheet_replace_subject(sheet *s, const raw_pairs *subject)
{
	if (!sheet_answers_writable(s))
		return false;
	sheet_record r;
	memset(&r, 0, sizeof r);
	r.kind = REC_SUBJECT;
	raw_pairs_copy(&r.sbefore, &s->a.subject);
	raw_pairs_free(&s->a.subject);
	raw_pairs_copy(&s->a.subject, subject);
	raw_pairs_copy(&r.safter, &s->a.subject);
	sheet_push_record(s, &r);
	s->dirty_subject = true;
	s->changes++;
	sheet_note_change(s, SHEET_CHANGED_SUBJECT, SIZE_MAX);
	return true;
}

static void revisions_begin(sheet *s, sheet_record *r)
{
	memset(r, 0, sizeof *r);
	r->kind = REC_REVISIONS;
	sheet_revisions_copy(&r->vbefore, &r->n_vbefore, s->a.revisions, s->a.n_revisions);
}

static bool revisions_commit(sheet *s, sheet_record *r)
{
	sheet_revisions_copy(&r->vafter, &r->n_vafter, s->a.revisions, s->a.n_revisions);
	sheet_push_record(s, r);
	s->dirty_revisions = true;
	s->changes++;
	sheet_note_change(s, SHEET_CHANGED_SUBJECT, SIZE_MAX);
	return true;
}

bool sheet_replace_revisions(sheet *s, const revision *v, size_t n)
{
	if (!sheet_answers_writable(s))
		return false;
	sheet_record r;
	revisions_begin(s, &r);
	sheet_revisions_free(s->a.revisions, s->a.n_revisions);
	sheet_revisions_copy(&s->a.revisions, &s->a.n_revisions, v, n);
	return revisions_commit(s, &r);
}

bool sheet_add_revision(sheet *s, const char *version, const char *date, const char *note)
{
	if (!sheet_answers_writable(s))
		return false;
	sheet_record r;
	revisions_begin(s, &r);
	revision_add(&s->a, version, date, note);
	return revisions_commit(s, &r);
}

static void set_text(char **field, const char *text)
{
	free(*field);
	*field = text && *text ? xstrdup(text) : NULL;
}

bool sheet_set_revision(sheet *s, size_t i, const char *version, const char *date, const char *note)
{
	if (!sheet_answers_writable(s) || i >= s->a.n_revisions)
		return false;
	revision *v = &s->a.revisions[i];
	if (strcmp(v->version ? v->version : "", version ? version : "") == 0 &&
	    strcmp(v->date ? v->date : "", date ? date : "") == 0 &&
	    strcmp(v->note ? v->note : "", note ? note : "") == 0)
		return true;
	sheet_record r;
	revisions_begin(s, &r);
	set_text(&v->version, version);
	set_text(&v->date, date);
	set_text(&v->note, note);
	return revisions_commit(s, &r);
}

bool sheet_remove_revision(sheet *s, size_t i)
{
	if (!sheet_answers_writable(s) || i >= s->a.n_revisions)
		return false;
	sheet_record r;
	revisions_begin(s, &r);
	revision *v = &s->a.revisions[i];
	free(v->version);
	free(v->date);
	free(v->note);
	raw_pairs_free(&v->extra);
	memmove(v, v + 1, (s->a.n_revisions - i - 1) * sizeof *v);
	s->a.n_revisions--;
	return revisions_commit(s, &r);
}

/* ---- the review ---- */

review_item *sheet_review_begin(sheet *s, size_t item, review_item *before)
{
	if (!sheet_review_writable(s) || item >= s->t.n_items)
		return NULL;
	review_item *ri = review_get(&s->rv, s->t.items[item].id);
	review_item_copy(before, ri);
	return ri;
}

static bool same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

bool sheet_review_commit(sheet *s, size_t item, review_item *before)
{
	const review_item *ri = review_find(&s->rv, s->t.items[item].id);
	if (ri->verdict == before->verdict && same_text(ri->comment, before->comment) &&
	    ri->has_seen == before->has_seen && answer_equal(&ri->seen, &before->seen, true) &&
	    raw_pairs_equal(&ri->extra, &before->extra)) {
		review_item_free(before);
		return true;
	}
	sheet_record r;
	memset(&r, 0, sizeof r);
	r.kind = REC_REVIEW;
	r.item = item;
	r.rbefore = *before;
	review_item_copy(&r.rafter, ri);
	sheet_push_record(s, &r);
	s->judged += (size_t)(ri->verdict != VERDICT_NONE) - (size_t)(before->verdict != VERDICT_NONE);
	sheet_note_change(s, SHEET_CHANGED_REVIEW | SHEET_CHANGED_COUNTS, item);
	sheet_refresh_item(s, item);
	return true;
}

bool sheet_set_verdict(sheet *s, size_t item, verdict v)
{
	review_item before;
	review_item *ri = sheet_review_begin(s, item, &before);
	if (!ri)
		return false;
	ri->verdict = v;
	review_mark_seen(ri, sheet_answer(s, item));
	return sheet_review_commit(s, item, &before);
}

bool sheet_confirm_verdict(sheet *s, size_t item)
{
	review_item before;
	review_item *ri = sheet_review_begin(s, item, &before);
	if (!ri)
		return false;
	review_mark_seen(ri, sheet_answer(s, item));
	return sheet_review_commit(s, item, &before);
}

bool sheet_set_comment(sheet *s, size_t item, const char *text)
{
	review_item before;
	review_item *ri = sheet_review_begin(s, item, &before);
	if (!ri)
		return false;
	set_text(&ri->comment, text);
	/* a comment on an item never judged is about the answer as it is now;
	 * on a judged one it changes nothing of what was seen */
	if (!ri->has_seen)
		review_mark_seen(ri, sheet_answer(s, item));
	return sheet_review_commit(s, item, &before);
}
