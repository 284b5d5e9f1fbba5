/* Backups of a file kept by each save: FILE~, or numbered generations
 * FILE.~1~ FILE.~2~ ... as GNU cp --backup=numbered names them. */
#ifndef CHECKSHEET_BACKUP_H
#define CHECKSHEET_BACKUP_H

#include <stdbool.h>

#include "problems.h"

/* Keeps the current content of target (an existing regular file, symbolic
 * links already resolved) before a save replaces it. keep 0: nothing;
 * 1: target~ (replacing the last one); N > 1: target.~K~ with K one more
 * than the highest there, and only the newest N generations are left.
 * The backup appears whole or not at all: a hard link to the file under a
 * temporary name target.tmpXXXXXX (or, where the file system allows no
 * link, a copy with the same owner, mode and times, flushed to disk), then
 * renamed. The directory itself is not flushed: the save's flush after its
 * own rename covers both names. On failure a problem "could not save"
 * about report_as (the path the user named) and false; an old generation
 * that cannot be removed is a warning. */
bool backup_make(const char *target, int keep, const char *report_as, problems *ps);

/* The name of target's newest backup (target~ for keep 1, the highest
 * target.~K~ for keep > 1), NULL when there is none; the caller frees. */
char *backup_newest(const char *target, int keep);

#endif
