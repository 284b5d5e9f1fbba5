#ifndef CHECKSHEET_MERGE_H
#define CHECKSHEET_MERGE_H

/* Three-way merge of two versions of one answers file, or of one review
 * file, from their common base: git's merge-driver convention, where the
 * result replaces ours (`checksheet merge BASE OURS THEIRS`).
 *
 * Per item and per field: value, note, status, each case (by its
 * condition), table rows (a three-way merge of the row list, so rows added
 * or changed on either side both land), the answer's other keys; subject
 * keys; revisions by version; the template version and language. For a
 * review: verdict (with the answer it judged), comment, reviewer keys. A
 * change on one side is taken, the same change on both sides once; two
 * different changes to one field are a conflict, kept in the result as
 * conflict.h describes (our side in place). Unknown keys changed
 * differently on both sides keep ours. No curses, no output. */

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "review.h"
#include "yaml_reader.h"

typedef struct merge_stats {
	size_t from_theirs;  /* items (or reviewed items) taken whole from theirs */
	size_t merged;       /* items both sides changed, merged field by field */
	size_t conflicts;    /* records left for a person */
} merge_stats;

/* Merges theirs into ours (base may be an empty document). False, with a
 * problem, when the two cannot be merged at all (they answer different
 * templates); ours is then unchanged. */
bool merge_answers(answers *ours, const answers *base, const answers *theirs, merge_stats *st, problems *ps);
bool merge_review(review *ours, const review *base, const review *theirs, merge_stats *st, problems *ps);

/* The files: BASE (empty when the two sides added the file apart), OURS
 * and THEIRS, of one kind (answers or review), loaded, merged, and the
 * result written over OURS atomically and in canonical order. Nothing is
 * written when any side does not load or the merge is refused (problems
 * in ps, false). The conflicts left are added to conflicts, one problem
 * (code merge-conflict) per record, at its place in the written file. */
bool merge_files(const char *base, const char *ours, const char *theirs, const load_limits *lim, merge_stats *st,
		 problems *conflicts, problems *ps);

#endif
