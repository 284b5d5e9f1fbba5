#ifndef CHECKSHEET_CONFLICT_H
#define CHECKSHEET_CONFLICT_H

/* Merge conflicts kept in a file until a person resolves them.
 *
 * `checksheet merge` (merge.h) records each field that both sides changed
 * differently under a `conflicts:` key: of the answer (value, note,
 * status, a case, a run of table rows), of the review item (verdict,
 * comment), or of the file itself (a subject or reviewer key, a revision,
 * the template version, the language, the answers path). Each record is a
 * map:
 *
 *   conflicts:
 *     - field: value          # conflict_field_names
 *       base: 24時間           # each side as the field reads there;
 *       ours: 12時間           #   a side left out has no such field
 *       theirs: 6時間
 *     - field: case
 *       key: 営業時間外         # a case's condition, a subject key, a version
 *       ...
 *     - field: rows
 *       at: 2                 # where our rows of the run stand (0-based)
 *       ours: [{...}]
 *
 * The merged file holds our side in place, so it loads, and reads, as ours
 * did; `check` reports each record as an error (code merge-conflict) and
 * the editor takes one side for it (conflict_resolve_*), which removes
 * the record. No curses. */

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "raw.h"
#include "review.h"

typedef enum conflict_field {
	/* an answer */
	CONFLICT_VALUE,
	CONFLICT_NOTE,
	CONFLICT_STATUS,
	CONFLICT_CASE,
	CONFLICT_ROWS,
	/* an answers file */
	CONFLICT_SUBJECT,
	CONFLICT_REVISION,
	CONFLICT_TEMPLATE_VERSION,
	CONFLICT_LANGUAGE,
	/* a review item */
	CONFLICT_VERDICT,
	CONFLICT_COMMENT,
	/* a review file */
	CONFLICT_REVIEWER,
	CONFLICT_ANSWERS_PATH,
	CONFLICT_FIELD_COUNT
} conflict_field;

/* As written in `field:` */
extern const char *const conflict_field_names[CONFLICT_FIELD_COUNT];

typedef enum conflict_side { CONFLICT_BASE, CONFLICT_OURS, CONFLICT_THEIRS } conflict_side;

/* One record, as read (pointers into the record, valid while it stands). */
typedef struct conflict {
	conflict_field field;
	const char *key;            /* case, subject/reviewer key, version; else NULL */
	size_t at;                  /* rows */
	const raw_node *side[3];    /* by conflict_side; NULL: absent on that side */
	cs_mark mark;               /* the record's place in the file */
} conflict;

/* The key under which records are kept among unknown keys (extra). */
#define CONFLICTS_KEY "conflicts"

/* How many records extra holds (its conflicts: list). */
size_t conflicts_count(const raw_pairs *extra);
/* Record i; false when it is malformed (*c then has its mark alone). */
bool conflicts_get(const raw_pairs *extra, size_t i, conflict *c);
/* Appends a record, taking the side nodes (any may be NULL). key may be
 * NULL; at is used for rows only. */
void conflicts_add(raw_pairs *extra, conflict_field field, const char *key, size_t at, raw_node *base,
		   raw_node *ours, raw_node *theirs);
/* Removes record i (and the key with the last one). */
void conflicts_remove(raw_pairs *extra, size_t i);
/* True when any record of the answers file, its answers, the review or
 * its items remains. */
bool answers_have_conflicts(const answers *a);
bool review_has_conflicts(const review *r);

/* A one-line account of a record for check and the editor (caller frees):
 * "value: ours 「12時間」, theirs 「6時間」, base 「24時間」". */
char *conflict_describe(const conflict *c);
/* What a record is about, in words: "value", "case 「平日」" (caller frees). */
char *conflict_field_words(const conflict *c);
/* A side as one line: a text as it is, a row as "column: text; ...",
 * absent as a translated "(none)" (caller frees). */
char *conflict_side_text(const raw_node *n);

/* Takes side for record i: the field becomes that side's content and the
 * record goes. False (nothing changed) when the record is malformed, is
 * not of that kind of owner, or (rows) our rows are no longer where the
 * record says: then *why says so (a translated text, not to be freed). */
bool conflict_resolve_answer(answer *an, size_t i, conflict_side side, const char **why);
bool conflict_resolve_file(answers *a, size_t i, conflict_side side, const char **why);
bool conflict_resolve_review_item(review_item *ri, size_t i, conflict_side side, const char **why);
bool conflict_resolve_review(review *r, size_t i, conflict_side side, const char **why);

/* Conversions between the model and the nodes a record keeps. */
raw_node *conflict_text_node(const char *text);          /* NULL, "": NULL */
raw_node *conflict_rows_node(const answer_row *rows, size_t n);
raw_node *conflict_answer_node(const answer *an);        /* value, note, cases, rows, status */
raw_node *conflict_revision_node(const revision *r);
/* Reads a node made by conflict_answer_node (or written alike) into out. */
void conflict_answer_from_node(const raw_node *n, answer *out);

#endif
