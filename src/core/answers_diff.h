#ifndef CHECKSHEET_ANSWERS_DIFF_H
#define CHECKSHEET_ANSWERS_DIFF_H

/* What changed between two answers files of one template, item by item and
 * field by field (issue "work as a team in git"): the core of
 * `checksheet diff` and of the per-item text that `checksheet textconv`
 * gives git. Typed values are compared by their reading, so that a change
 * of spelling alone (24時間 → 24h) is told apart from a change of value.
 * No curses, no output: the CLI words it. */

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "strbuf.h"

typedef enum diff_what {
	DIFF_VALUE,
	DIFF_NOTE,
	DIFF_STATUS,
	DIFF_CASES,     /* "when → value" lines */
	DIFF_ROWS,      /* table rows, as table_text_encode writes them */
	DIFF_SUBJECT,   /* a subject key (title, organization...) */
	DIFF_REVISION,  /* a revision, by version */
} diff_what;

typedef enum diff_how {
	DIFF_ADDED,     /* empty before */
	DIFF_REMOVED,   /* empty after */
	DIFF_CHANGED,
	DIFF_SPELLING,  /* a value written differently that reads the same */
} diff_how;

typedef struct diff_entry {
	size_t item;        /* index in the template; SIZE_MAX for an item the
	                       template lacks, a subject key or a revision */
	char *key;          /* item id, subject key or revision version */
	diff_what what;
	diff_how how;
	char *old_text, *new_text;        /* as written; "" when absent */
	char *old_reading, *new_reading;  /* DIFF_VALUE of a typed item that
	                                     reads: units_format; else NULL */
} diff_entry;

typedef struct answers_diff {
	diff_entry *v;
	size_t n, cap;
} answers_diff;

/* Every difference from a to b (both answering t): items in template
 * order, then answers for items t lacks (by id), then subject keys and
 * revisions. lang picks the labels of table columns. */
void answers_diff_build(answers_diff *d, const answers *a, const answers *b, const template *t,
			const char *lang);
void answers_diff_free(answers_diff *d);
/* How many items (not subject keys or revisions) differ. */
size_t answers_diff_items(const answers_diff *d);
/* The differences of one item's answer (old, new may be NULL), added to d:
 * what the review shows for a verdict that judged an older answer. */
void answers_diff_answer(answers_diff *d, size_t item, const tmpl_item *it, const answer *old,
			 const answer *new, const char *lang);
/* The field's name for people (translated): "value", "note"... */
const char *answers_diff_field_name(diff_what w);
/* One entry in words, for the CLI and the review pane alike: "  value:
 * 99.9% → 99.95% (≥ 99.9 % → ≥ 99.95 %)", "  value written differently,
 * the same reading (24 h): 24時間 → 24h", or for text of several lines
 * "  note changed:" and the old and new lines marked - and +. */
void answers_diff_entry_text(const diff_entry *e, strbuf *out);

/* The stable per-item text of one answers file for a line diff (git's
 * textconv): the subject, the revisions, then every answered item in
 * template order as "No.N title [id]" with its fields indented; a value
 * that reads shows its reading. t may be NULL (the template cannot be
 * found): answers in id order, without titles. */
void answers_text_form(const answers *a, const template *t, const char *lang, strbuf *out);

#endif
