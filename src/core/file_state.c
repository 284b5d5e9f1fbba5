#include <config.h>

#include "file_state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

static const cs_mark no_mark = {0, 0};

uint64_t file_hash_update(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static void from_stat(const struct stat *st, file_state *out)
{
	out->exists = true;
	out->dev = st->st_dev;
	out->ino = st->st_ino;
	out->size = st->st_size;
	out->mtime = st->st_mtim;
	out->nlink = st->st_nlink;
}

static bool same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* An open descriptor of path, a regular file; -1 when there is no such
 * file (nothing reported), -2 on any other error (reported). */
static int open_regular(const char *path, struct stat *st, problems *ps)
{
	/* O_NONBLOCK: a FIFO put in the file's place must not hang the editor */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return -1;
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot open: %s"), strerror(errno));
		return -2;
	}
	if (fstat(fd, st) != 0) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"), strerror(errno));
		close(fd);
		return -2;
	}
	if (!S_ISREG(st->st_mode)) {
		if (S_ISDIR(st->st_mode))
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("is a directory"));
		else
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("not a regular file"));
		close(fd);
		return -2;
	}
	return fd;
}

/* Reads fd from the start to its end, hashing (unless hash is NULL), and
 * keeping the bytes in *buf when buf is not NULL: read straight into a
 * buffer of the size the file had (expect), grown only if it grew. False
 * on a read error (errno set) or when the file grows past max (errno
 * EFBIG). */
static bool read_hash(int fd, size_t max, size_t expect, char **buf, size_t *len, uint64_t *hash)
{
	uint64_t h = FILE_HASH_INIT;
	size_t n = 0, cap = 0;
	char *b = NULL;
	char chunk[65536];
	if (buf) {
		cap = expect + 2;  /* a byte to see the end, and the NUL */
		/* megabytes read at once: in huge pages, a few faults instead
		 * of one per 4 KiB page */
		b = xmalloc_large(cap);
	}
	off_t off = 0;
	for (;;) {
		if (buf && n + 2 > cap)
			XGROW(b, cap, n + 65536);
		char *into = buf ? b + n : chunk;
		size_t room = buf ? cap - 1 - n : sizeof chunk;
		ssize_t r = pread(fd, into, room, off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(b);
			errno = e;
			return false;
		}
		if (r == 0)
			break;
		if (max && n + (size_t)r > max) {
			free(b);
			errno = EFBIG;
			return false;
		}
		if (hash)
			h = file_hash_update(h, into, (size_t)r);
		n += (size_t)r;
		off += r;
	}
	if (buf) {
		b[n] = '\0';
		*buf = b;
	}
	*len = n;
	if (hash)
		*hash = h;
	return true;
}

/* The content and the fingerprint of one open file, read again when the
 * file changed while it was read (a writer in place, not a rename). */
static bool fingerprint_fd(const char *path, int fd, struct stat *st, size_t max, char **buf, size_t *len,
			   file_state *out, bool hashed, problems *ps)
{
	for (int tries = 0;; tries++) {
		if (max && (size_t)st->st_size > max) {
			problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
				     _("file is too large (%lld bytes; the limit is %zu bytes, see --max-size)"),
				     (long long)st->st_size, max);
			return false;
		}
		uint64_t h = 0;
		if (!read_hash(fd, max, (size_t)st->st_size, buf, len, hashed ? &h : NULL)) {
			if (errno == EFBIG)
				problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
					     _("input is too large (over %zu bytes, see --max-size)"), max);
			else
				problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"),
					     strerror(errno));
			return false;
		}
		struct stat after;
		if (fstat(fd, &after) != 0) {
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"),
				     strerror(errno));
			if (buf)
				free(*buf);
			return false;
		}
		if ((same_stat(st, &after) && (off_t)*len == after.st_size) || tries == 3) {
			/* a file still being written after four reads: take the last,
			 * the comparison at save time will see the difference */
			from_stat(&after, out);
			out->size = (off_t)*len;
			out->hash = h;
			return true;
		}
		*st = after;
		if (buf) {
			free(*buf);
			*buf = NULL;
		}
	}
}

bool file_state_of(const char *path, file_state *out, problems *ps)
{
	memset(out, 0, sizeof *out);
	struct stat st;
	int fd = open_regular(path, &st, ps);
	if (fd == -1)
		return true;
	if (fd < 0)
		return false;
	size_t len;
	bool ok = fingerprint_fd(path, fd, &st, 0, NULL, &len, out, true, ps);
	close(fd);
	return ok;
}

static bool read_all(const char *path, size_t max, char **data, size_t *len, file_state *out, bool hashed,
		     problems *ps)
{
	memset(out, 0, sizeof *out);
	*data = NULL;
	*len = 0;
	struct stat st;
	int fd = open_regular(path, &st, ps);
	if (fd == -1)
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot open: %s"), strerror(ENOENT));
	if (fd < 0)
		return false;
	bool ok = fingerprint_fd(path, fd, &st, max, data, len, out, hashed, ps);
	close(fd);
	if (!ok) {
		*data = NULL;
		*len = 0;
	}
	return ok;
}

bool file_read_all(const char *path, size_t max, char **data, size_t *len, file_state *out, problems *ps)
{
	return read_all(path, max, data, len, out, true, ps);
}

bool file_read_unhashed(const char *path, size_t max, char **data, size_t *len, problems *ps)
{
	file_state unused;
	return read_all(path, max, data, len, &unused, false, ps);
}

bool file_state_compare(const char *path, const file_state *loaded, unsigned *how, problems *ps)
{
	*how = 0;
	struct stat st;
	int fd = open_regular(path, &st, ps);
	if (fd == -1) {
		if (loaded->exists)
			*how = FILE_REMOVED;
		return true;
	}
	if (fd < 0)
		return false;
	if (!loaded->exists) {
		close(fd);
		*how = FILE_CREATED;
		return true;
	}
	if (st.st_dev != loaded->dev || st.st_ino != loaded->ino)
		*how |= FILE_REPLACED;
	if (st.st_mtim.tv_sec != loaded->mtime.tv_sec || st.st_mtim.tv_nsec != loaded->mtime.tv_nsec)
		*how |= FILE_TOUCHED;
	if (st.st_size != loaded->size) {
		*how |= FILE_MODIFIED;
	} else {
		/* the same size: only the bytes tell (an edit that kept the size
		 * and put the modification time back) */
		file_state now;
		size_t len;
		if (!fingerprint_fd(path, fd, &st, 0, NULL, &len, &now, true, ps)) {
			close(fd);
			return false;
		}
		if (now.size != loaded->size || now.hash != loaded->hash)
			*how |= FILE_MODIFIED;
	}
	close(fd);
	return true;
}

bool file_state_changed(const char *path, const file_state *loaded, bool *changed, problems *ps)
{
	unsigned how;
	*changed = false;
	if (!file_state_compare(path, loaded, &how, ps))
		return false;
	*changed = (how & (FILE_REPLACED | FILE_MODIFIED | FILE_REMOVED | FILE_CREATED)) != 0;
	return true;
}
