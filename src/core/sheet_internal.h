#ifndef CHECKSHEET_SHEET_INTERNAL_H
#define CHECKSHEET_SHEET_INTERNAL_H

/* Shared between the sheet's files; not for screens or verbs. */

#include "sheet.h"

typedef enum record_kind { REC_ANSWER, REC_REVIEW, REC_SUBJECT, REC_REVISIONS } record_kind;

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
};

void sheet_refresh_item(sheet *s, size_t item);
void sheet_recount_judged(sheet *s);
void sheet_note_change(sheet *s, unsigned flags, size_t item);
void sheet_history_free(sheet *s);

#endif
