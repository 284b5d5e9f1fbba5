/* Lock files: one editor per file. Opening a.yaml for editing makes
 * .a.yaml.lock beside it (beside the final target when a.yaml is a
 * symbolic link), created with O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, and
 * holding one "key: value" per line:
 *
 *   checksheet-lock: 1
 *   user: alice
 *   host: build-7
 *   pid: 4242
 *   time: 1764619200.123456789 (when the lock was taken, seconds since 1970)
 *   proc-start: 1234567       (the holder's start, clock ticks after boot; 0 unknown)
 *   boot-id: 0b4e...          (the holder's boot; - unknown)
 *
 * A lock whose holder is gone (same host, and the pid is dead, a zombie,
 * or now another process, or the machine rebooted) is stale and may be
 * replaced; a lock that does not read as one (truncated, garbage) is
 * replaced only on explicit request. */
#ifndef CHECKSHEET_FILE_LOCK_H
#define CHECKSHEET_FILE_LOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "problems.h"

typedef enum lock_holder_kind {
	LOCK_HOLDER_NONE,    /* no lock file, or it could not be read (see the problems) */
	LOCK_HOLDER_KNOWN,   /* a well-formed lock: user, host, pid, time are set */
	LOCK_HOLDER_GARBAGE, /* a lock file that does not read as one: holder unknown */
} lock_holder_kind;

/* Who holds a lock, as its lock file says. */
typedef struct lock_holder {
	lock_holder_kind kind;
	char *user, *host;
	long pid;
	long long time;                /* seconds since the epoch */
	unsigned long long proc_start; /* 0: unknown */
	char *boot_id;                 /* NULL: unknown */
	/* the lock file as read, so that a take-over replaces exactly it */
	char *raw;
	size_t raw_len;
	dev_t dev;
	ino_t ino;
} lock_holder;

/* A lock we hold. Zero it (or let a failed take do so) before use. */
typedef struct file_lock {
	char *path; /* the lock file; NULL: not held */
	dev_t dev;
	ino_t ino;
	char *content;
	struct timespec taken; /* when we took it (CLOCK_REALTIME) */
} file_lock;

void lock_holder_free(lock_holder *h);

/* "alice@build-7, pid 4242, since 2026-12-01 20:00" or, for a garbage
 * lock, a sentence saying the holder is unknown; translated, the caller
 * frees. */
char *lock_holder_describe(const lock_holder *h);

/* The lock file's name for path: .NAME.lock beside the file's final
 * target (symbolic links resolved, the file itself need not exist). NULL
 * and a problem when the directory cannot be resolved. */
char *file_lock_path(const char *path, problems *ps);

/* Takes the lock on path. False when another process holds it: *other
 * (may be NULL) then tells who (LOCK_HOLDER_KNOWN) or that the lock file
 * is unreadable (LOCK_HOLDER_GARBAGE), and a problem "locked" or
 * "lock-garbage" says so; false with LOCK_HOLDER_NONE on other errors
 * (a symbolic link at the lock path, "lock-symlink"; I/O, "io-error").
 * out is zeroed on failure. Our own process holding it already counts
 * as another holder. */
bool file_lock_take(const char *path, file_lock *out, lock_holder *other, problems *ps);

/* Reads the current lock on path without taking it: true with
 * LOCK_HOLDER_NONE when there is none. */
bool file_lock_read(const char *path, lock_holder *h, problems *ps);

/* Whether h's holder is certainly gone: on this host, and its pid is
 * dead (kill(pid, 0) gives ESRCH), a zombie, or now names a process that
 * started at another time (the pid was reused), or the lock is from an
 * earlier boot. False for garbage locks and other hosts' locks. */
bool file_lock_is_stale(const lock_holder *h);

/* Replaces the lock on path, which must still be exactly expected (the
 * lock file the user was told about: the same file, the same bytes),
 * when it is stale, or when force is set (a garbage lock or another
 * host's lock the user says is dead). The old lock is renamed away and
 * checked before the new one is made with O_EXCL, so two processes
 * taking over at once never both hold it. Fails like file_lock_take. */
bool file_lock_take_over(const char *path, const lock_holder *expected, bool force, file_lock *out,
			 lock_holder *other, problems *ps);

/* Whether the lock file is still the one we made (nobody forced it). */
bool file_lock_still_ours(const file_lock *l);

/* Removes the lock file if it is still ours, and forgets the lock. Safe
 * on a lock not held. */
void file_lock_release(file_lock *l);

#endif
