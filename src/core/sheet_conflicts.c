#include <config.h>

/* Merge conflicts on an open sheet: which records stand, and taking one
 * side of one, as an operation like any other (one undo step; the item's
 * state, counts and problems refreshed). The records belong to the
 * writable file: the answers when editing, the review in review mode. */

#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "i18n.h"
#include "sheet_internal.h"
#include "xalloc.h"

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

void sheet_head_take(const sheet *s, sheet_head *h)
{
	memset(h, 0, sizeof *h);
	if (s->review_mode) {
		h->answers_path = dup_or_null(s->rv.answers_path);
		raw_pairs_copy(&h->reviewer, &s->rv.reviewer);
		raw_pairs_copy(&h->extra, &s->rv.extra);
		return;
	}
	h->template_version = dup_or_null(s->a.template_version);
	h->language = dup_or_null(s->a.language);
	raw_pairs_copy(&h->subject, &s->a.subject);
	raw_pairs_copy(&h->extra, &s->a.extra);
	sheet_revisions_copy(&h->revisions, &h->n_revisions, s->a.revisions, s->a.n_revisions);
}

void sheet_head_put(sheet *s, const sheet_head *h)
{
	if (s->review_mode) {
		free(s->rv.answers_path);
		s->rv.answers_path = dup_or_null(h->answers_path);
		raw_pairs_free(&s->rv.reviewer);
		raw_pairs_copy(&s->rv.reviewer, &h->reviewer);
		raw_pairs_free(&s->rv.extra);
		raw_pairs_copy(&s->rv.extra, &h->extra);
	} else {
		free(s->a.template_version);
		s->a.template_version = dup_or_null(h->template_version);
		free(s->a.language);
		s->a.language = dup_or_null(h->language);
		raw_pairs_free(&s->a.subject);
		raw_pairs_copy(&s->a.subject, &h->subject);
		raw_pairs_free(&s->a.extra);
		raw_pairs_copy(&s->a.extra, &h->extra);
		sheet_revisions_free(s->a.revisions, s->a.n_revisions);
		sheet_revisions_copy(&s->a.revisions, &s->a.n_revisions, h->revisions, h->n_revisions);
		s->dirty_subject = s->dirty_revisions = true;
	}
	s->changes++;
	sheet_note_change(s, SHEET_CHANGED_SUBJECT | SHEET_CHANGED_STATE, SIZE_MAX);
}

void sheet_head_free(sheet_head *h)
{
	free(h->template_version);
	free(h->language);
	free(h->answers_path);
	raw_pairs_free(&h->subject);
	raw_pairs_free(&h->reviewer);
	raw_pairs_free(&h->extra);
	sheet_revisions_free(h->revisions, h->n_revisions);
	memset(h, 0, sizeof *h);
}

const raw_pairs *sheet_conflict_records(const sheet *s, size_t item)
{
	if (item >= s->t.n_items)
		return NULL;
	if (s->review_mode) {
		const review_item *ri = review_find(&s->rv, s->t.items[item].id);
		return ri ? &ri->extra : NULL;
	}
	const answer *an = sheet_answer(s, item);
	return an ? &an->extra : NULL;
}

size_t sheet_conflicts(const sheet *s, size_t item)
{
	const raw_pairs *ps = sheet_conflict_records(s, item);
	return ps ? conflicts_count(ps) : 0;
}

const raw_pairs *sheet_file_conflict_records(const sheet *s) { return s->review_mode ? &s->rv.extra : &s->a.extra; }

size_t sheet_file_conflicts(const sheet *s) { return conflicts_count(sheet_file_conflict_records(s)); }

bool sheet_resolve_conflict(sheet *s, size_t item, conflict_side side, const char **why)
{
	*why = NULL;
	if (!sheet_conflicts(s, item)) {
		*why = _("no merge conflict on this item");
		return false;
	}
	if (s->review_mode) {
		review_item before;
		review_item *ri = sheet_review_begin(s, item, &before);
		if (!ri) {
			*why = _("the review is read-only");
			return false;
		}
		bool ok = conflict_resolve_review_item(ri, 0, side, why);
		sheet_review_commit(s, item, &before);
		return ok;
	}
	answer before;
	answer *an = sheet_answer_begin(s, item, &before);
	if (!an) {
		*why = _("the answers are read-only");
		return false;
	}
	bool ok = conflict_resolve_answer(an, 0, side, why);
	sheet_answer_commit(s, item, &before);
	return ok;
}

bool sheet_resolve_file_conflict(sheet *s, conflict_side side, const char **why)
{
	*why = NULL;
	if (!sheet_file_conflicts(s)) {
		*why = _("no merge conflict in the file's subject or revisions");
		return false;
	}
	if (s->review_mode ? !sheet_review_writable(s) : !sheet_answers_writable(s)) {
		*why = _("the file is read-only");
		return false;
	}
	sheet_record r;
	memset(&r, 0, sizeof r);
	r.kind = REC_HEAD;
	r.item = SIZE_MAX;
	sheet_head_take(s, &r.hbefore);
	bool ok = s->review_mode ? conflict_resolve_review(&s->rv, 0, side, why)
				 : conflict_resolve_file(&s->a, 0, side, why);
	if (!ok) {
		sheet_head_free(&r.hbefore);
		return false;
	}
	sheet_head_take(s, &r.hafter);
	sheet_push_record(s, &r);
	sheet_head_put(s, &r.hafter);
	return true;
}
