#ifndef CHECKSHEET_REUSE_H
#define CHECKSHEET_REUSE_H

/* "Never answer the same question twice": a new answers file filled from
 * earlier ones (`checksheet new --from`). An item takes the answer of the
 * same item in an earlier file of its template, or, across templates, of
 * an item linked to it by `maps-to` in either template, in either
 * direction. Every answer taken is a draft (`status: draft`) with
 * `reused-from: FILE#ITEM`, for a person to confirm; a value that does not
 * read as the new item's unit goes into the note instead (never invent a
 * value). When two files answer an item differently, the newest wins and
 * the item is listed. */

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef struct reuse_source {
	const char *path;    /* as named: what reused-from says */
	const answers *a;
	const template *t;   /* the template a answers */
	const char *stamp;   /* how new: the latest revision's date, else the
	                        file's time, as text that sorts (ISO 8601) */
} reuse_source;

typedef struct reuse_conflict {
	size_t item;         /* in the new template */
	size_t winner, other;  /* sources */
} reuse_conflict;

typedef struct reuse_report {
	size_t *filled;      /* per source: items filled from it */
	size_t n_sources;
	size_t total, to_note; /* items filled; of them, values kept in the note */
	reuse_conflict *conflicts;
	size_t n_conflicts, cap_conflicts;
} reuse_report;

/* Fills every item of t that dst leaves empty from the sources (any
 * order: the newest stamp wins). */
void reuse_fill(answers *dst, const template *t, const reuse_source *src, size_t n_src, reuse_report *rep);
void reuse_report_free(reuse_report *rep);

#endif
