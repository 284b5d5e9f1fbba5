/* What a file looked like when it was loaded, to tell before a save
 * whether someone else changed it on disk meanwhile. */
#ifndef CHECKSHEET_FILE_STATE_H
#define CHECKSHEET_FILE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "problems.h"

/* The fingerprint of a file: where it is (device, inode), its size and
 * modification time to the nanosecond, and a hash of its content. nlink is
 * kept for information (a hard-linked file: a save breaks the link) and is
 * not compared. */
typedef struct file_state {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	nlink_t nlink;
	uint64_t hash; /* FNV-1a 64 of the content */
} file_state;

/* How a file differs from its fingerprint; 0 is "the same file, the same
 * bytes, untouched". */
enum {
	FILE_TOUCHED = 1,  /* modification time differs; the content is the same */
	FILE_REPLACED = 2, /* another file now has the name (new inode or device) */
	FILE_MODIFIED = 4, /* the content differs */
	FILE_REMOVED = 8,  /* the file is gone */
	FILE_CREATED = 16, /* it did not exist when loaded and does now */
};

/* FNV-1a 64 of len bytes, continuing from h (start with FILE_HASH_INIT). */
#define FILE_HASH_INIT UINT64_C(0xcbf29ce484222325)
uint64_t file_hash_update(uint64_t h, const void *data, size_t len);

/* The fingerprint of path now (symbolic links followed). A missing file
 * gives true with exists false; other errors a problem and false. */
bool file_state_of(const char *path, file_state *out, problems *ps);

/* Reads the whole file (at most max bytes, 0: no limit) into *data
 * (NUL-terminated, the caller frees) and fingerprints exactly the bytes
 * read, from the same open file: the fingerprint to keep when the data is
 * then parsed (answers_load_buffer). A missing file is an error here. */
bool file_read_all(const char *path, size_t max, char **data, size_t *len, file_state *out, problems *ps);
/* The same without the fingerprint, for a command that never writes the
 * file back (check, export): the same file checks and messages. */
bool file_read_unhashed(const char *path, size_t max, char **data, size_t *len, problems *ps);

/* Compares path now with the fingerprint taken at load: *how gets the
 * FILE_* bits (0: unchanged). False (and a problem) only when the file
 * cannot be read. */
bool file_state_compare(const char *path, const file_state *loaded, unsigned *how, problems *ps);

/* Whether path changed since it was loaded, as the editor asks before a
 * save: new content, another file put in its place (a rename over it), or
 * removed. A bare change of the modification time with the same bytes is
 * not a change. False (and a problem) when the file cannot be read. */
bool file_state_changed(const char *path, const file_state *loaded, bool *changed, problems *ps);

#endif
