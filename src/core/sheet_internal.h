#ifndef CHECKSHEET_SHEET_INTERNAL_H
#define CHECKSHEET_SHEET_INTERNAL_H

/* Shared between the sheet's files; not for screens or verbs. */

#include "sheet.h"

typedef enum record_kind { REC_ANSWER, REC_REVIEW, REC_SUBJECT, REC_REVISIONS, REC_HEAD } record_kind;

/* What the writable file holds outside its items: of answers, the
 * template version, language, subject, revisions and other top-level
 * keys; of a review, its answers path, reviewer and other top-level keys.
 * Taking one side of a file-level merge conflict changes these. */
typedef struct sheet_head {
	char *template_version, *language, *answers_path;
	raw_pairs subject, reviewer, extra;
	revision *revisions;
	size_t n_revisions;
} sheet_head;

/* One change, as the state before and after it: undo puts `before`
 * back, redo `after`. Each record costs the size of what it changed. */
struct sheet_record {
	record_kind kind;
	size_t item;                       /* REC_ANSWER, REC_REVIEW */
	answer before, after;              /* REC_ANSWER */
	review_item rbefore, rafter;       /* REC_REVIEW */
	raw_pairs sbefore, safter;         /* REC_SUBJECT */
	revision *vbefore, *vafter;        /* REC_REVISIONS */
	size_t n_vbefore, n_vafter;
	sheet_head hbefore, hafter;        /* REC_HEAD */
};

void sheet_refresh_item(sheet *s, size_t item);
void sheet_recount_judged(sheet *s);
void sheet_note_change(sheet *s, unsigned flags, size_t item);
void sheet_history_free(sheet *s);

/* The operations' common steps (sheet_ops.c), for the operations kept in
 * files of their own (sheet_conflicts.c). */
answer *sheet_answer_begin(sheet *s, size_t item, answer *before);
bool sheet_answer_commit(sheet *s, size_t item, answer *before);
review_item *sheet_review_begin(sheet *s, size_t item, review_item *before);
bool sheet_review_commit(sheet *s, size_t item, review_item *before);
void sheet_push_record(sheet *s, const sheet_record *r);
void sheet_revisions_copy(revision **dst, size_t *n_dst, const revision *src, size_t n);
void sheet_revisions_free(revision *v, size_t n);
/* sheet_conflicts.c */
void sheet_head_take(const sheet *s, sheet_head *h);
void sheet_head_put(sheet *s, const sheet_head *h);
void sheet_head_free(sheet_head *h);

#endif
