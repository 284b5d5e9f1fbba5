#ifndef CHECKSHEET_RECOVERY_H
#define CHECKSHEET_RECOVERY_H

/* Unsaved work kept beside the answers while the editor runs, so that a
 * killed terminal or a crash loses nothing: `.FILE.swp`, mode 0600, an
 * answers document holding only what changed since the last save (each
 * changed item whole, a cleared one as `{cleared: "yes"}`, and the subject
 * and revisions when they changed), plus a `recovery:` key saying which
 * file it belongs to and when it was written. It is removed after a
 * successful save or an explicit discard. */

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "sheet.h"

/* dir/.base.swp for dir/base (caller frees). */
char *recovery_path(const char *answers_path);

/* Writes the sheet's unsaved changes (atomically, fsynced, mode 0600).
 * Nothing to keep (the sheet is at its saved state) removes the file. */
bool recovery_write(const sheet *s, problems *ps);
/* Removes the recovery file of the sheet's answers, if any. */
void recovery_remove(const char *answers_path);

typedef struct recovery {
	answers a;           /* the changed items, subject and revisions */
	bool has_subject, has_revisions;
	char *written;       /* when it was written (ISO 8601), or NULL */
	size_t differ;       /* items (and subject, revisions) that differ from the sheet */
} recovery;

/* Reads the recovery file of the sheet's answers when there is one that
 * belongs to us (our own file, a regular file): true and *found set. A
 * recovery file that cannot be read is an error in ps (it is kept). */
bool recovery_load(const sheet *s, recovery *r, bool *found, problems *ps);
/* Applies it to the sheet as one undo step; returns the items restored. */
size_t recovery_apply(sheet *s, const recovery *r);
void recovery_free(recovery *r);

#endif
