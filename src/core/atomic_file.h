#ifndef CHECKSHEET_ATOMIC_FILE_H
#define CHECKSHEET_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "file_lock.h"
#include "file_state.h"
#include "problems.h"

/* How atomic_save treats the file it replaces. Zeroed: no backup, leftover
 * temporary files older than this process removed. */
typedef struct save_options {
	/* 0: no backup; 1: the previous file is kept as FILE~; N > 1: as
	 * numbered FILE.~1~ FILE.~2~ ..., the newest N kept (backup.h). No
	 * backup is made when the file on disk already holds the new bytes. */
	int backups;
	/* The lock held on the file, if any: temporary files of earlier,
	 * killed saves are those made before it was taken. */
	const file_lock *lock;
} save_options;

/* Replaces path with data, or leaves it untouched: a temporary file
 * FILE.tmpXXXXXX beside the file, fsync, rename, fsync of the directory.
 * Through a symbolic link the final target is written and the link kept.
 * The new file keeps the old one's owner, group (where we may set them:
 * otherwise a warning "owner-changed") and mode; a file with other hard
 * links is replaced all the same and a warning "hard-link" says the other
 * names keep the old content. Only regular files are replaced. Before
 * writing, temporary files FILE.tmpXXXXXX that killed saves left are
 * removed: ours, older than the lock (or this process), and not locked by
 * a live save (each save holds flock on its temporary file). Every write,
 * fsync, close and rename is checked: on failure a problem "io-error"
 * (FATAL, "could not save (...): the file on disk is unchanged") and false.
 * after (may be NULL) gets the fingerprint of the file as written, to
 * compare with at the next save. o may be NULL. */
bool atomic_save(const char *path, const char *data, size_t len, const save_options *o, file_state *after,
		 problems *ps);

/* The same, written as it is made: open, write as often as needed, then
 * commit (or abort, which leaves the file untouched). A write error is
 * kept and reported by the commit; no backup is skipped for holding the
 * same bytes. path must stay valid until the commit or abort. */
typedef struct atomic_out {
	const char *path;          /* as given, for messages */
	char *target, *tmp;
	int fd, hold;
	struct stat old;
	bool have_old;
	nlink_t own_links;
	int err, owner_err;
	const char *what;          /* what failed (translated), with err */
	bool hashing;              /* set after open to have after->hash */
	uint64_t hash;             /* of what was written, for file_state */
	size_t len;
} atomic_out;

bool atomic_out_open(atomic_out *w, const char *path, const save_options *o, problems *ps);
bool atomic_out_write(atomic_out *w, const char *data, size_t len);
bool atomic_out_commit(atomic_out *w, const save_options *o, file_state *after, problems *ps);
void atomic_out_abort(atomic_out *w);

/* atomic_save without backups or lock. */
bool atomic_write(const char *path, const char *data, size_t len, problems *ps);

/* The file a save of path writes: path with every symbolic link resolved
 * (realpath), also when the file (or a link's target) does not exist yet,
 * as long as its directory does. NULL with errno set otherwise; the caller
 * frees. */
char *atomic_file_target(const char *path);

/* Removes files in dir named prefix + six letters or digits (as mkstemp
 * makes them) that are regular files owned by us whose status changed
 * before cutoff and, when unless_locked, on which nobody holds a flock.
 * Returns how many went. Never follows a symlink. */
size_t atomic_file_remove_temps(const char *dir, const char *prefix, const struct timespec *cutoff,
				bool unless_locked);

#endif
