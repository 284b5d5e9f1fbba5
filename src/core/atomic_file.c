#include <config.h>

#include "atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "i18n.h"
#include "procinfo.h"
#include "xalloc.h"

static const cs_mark no_mark = {0, 0};

static bool fail(problems *ps, const char *path, const char *what, int err)
{
	problems_add(ps, path, no_mark, SEV_FATAL, "io-error",
		     _("could not save (%s: %s); the file on disk is unchanged"), what, strerror(err));
	return false;
}

static char *dir_part(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *base_part(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *atomic_file_target(const char *path)
{
	char *cur = xstrdup(path);
	for (int hops = 0; hops < 40; hops++) {
		char *real = realpath(cur, NULL);
		if (real) {
			free(cur);
			return real;
		}
		if (errno != ENOENT)
			break;
		struct stat st;
		if (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode)) {
			/* a dangling link: the save creates its target */
			char buf[PATH_MAX];
			ssize_t n = readlink(cur, buf, sizeof buf - 1);
			if (n < 0)
				break;
			buf[n] = '\0';
			char *dir = dir_part(cur);
			char *next = buf[0] == '/' ? xstrdup(buf) : xasprintf("%s/%s", dir, buf);
			free(dir);
			free(cur);
			cur = next;
			continue;
		}
		/* no such file yet: its directory must exist */
		const char *base = base_part(cur);
		if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
			errno = EISDIR;
			break;
		}
		char *dir = dir_part(cur);
		char *rdir = realpath(dir, NULL);
		int e = errno;
		free(dir);
		if (!rdir) {
			free(cur);
			errno = e;
			return NULL;
		}
		char *res = strcmp(rdir, "/") == 0 ? xasprintf("/%s", base) : xasprintf("%s/%s", rdir, base);
		free(rdir);
		free(cur);
		return res;
	}
	int e = errno ? errno : ELOOP;
	free(cur);
	errno = e;
	return NULL;
}

static bool six_random(const char *s)
{
	for (int i = 0; i < 6; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return false;
	}
	return s[6] == '\0';
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

size_t atomic_file_remove_temps(const char *dir, const char *prefix, const struct timespec *cutoff,
				bool unless_locked)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int dfd = dirfd(d);
	size_t plen = strlen(prefix), removed = 0;
	uid_t me = geteuid();
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		if (strncmp(name, prefix, plen) != 0 || !six_random(name + plen))
			continue;
		struct stat st;
		/* the status change time: a write, and also a link (a backup's
		 * temporary name) or a rename, move it on */
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) || st.st_uid != me ||
		    !before(&st.st_ctim, cutoff))
			continue;
		if (!unless_locked) {
			removed += unlinkat(dfd, name, 0) == 0;
			continue;
		}
		int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			continue;
		struct stat now;
		/* a live save holds flock on its temporary file until renamed */
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &now) == 0 && now.st_dev == st.st_dev &&
		    now.st_ino == st.st_ino)
			removed += unlinkat(dfd, name, 0) == 0;
		close(fd);
	}
	closedir(d);
	return removed;
}

/* Leftovers of killed saves of target: FILE.tmpXXXXXX. */
static void remove_leftovers(const char *target, const save_options *o)
{
	struct timespec cutoff;
	if (o && o->lock && o->lock->path)
		cutoff = o->lock->taken;
	else if (!proc_self_start_time(&cutoff))
		return;
	char *dir = dir_part(target);
	char *prefix = xasprintf("%s.tmp", base_part(target));
	atomic_file_remove_temps(dir, prefix, &cutoff, true);
	free(prefix);
	free(dir);
}

/* Whether the file at path holds exactly data (then no backup is made:
 * saving unchanged answers must not push real generations out). */
static bool holds(const char *path, const struct stat *st, const char *data, size_t len)
{
	if ((size_t)st->st_size != len)
		return false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return false;
	char buf[65536];
	size_t off = 0;
	bool same = true;
	while (same) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			same = false;
			break;
		}
		if (n == 0)
			break;
		same = off + (size_t)n <= len && memcmp(buf, data + off, (size_t)n) == 0;
		off += (size_t)n;
	}
	close(fd);
	return same && off == len;
}

/* How many of target's backup names are the file itself (a save killed
 * between its backup and its rename leaves one): not other hard links. */
static nlink_t backup_links(const char *target, const struct stat *st)
{
	nlink_t n = 0;
	for (int keep = 1; keep <= 2; keep++) {
		char *b = backup_newest(target, keep);
		struct stat bst;
		if (b && lstat(b, &bst) == 0 && bst.st_dev == st->st_dev && bst.st_ino == st->st_ino)
			n++;
		free(b);
	}
	return n;
}

bool atomic_out_open(atomic_out *w, const char *path, const save_options *o, problems *ps)
{
	memset(w, 0, sizeof *w);
	w->fd = w->hold = -1;
	w->path = path;
	w->hash = FILE_HASH_INIT;
	w->target = atomic_file_target(path);
	if (!w->target)
		return fail(ps, path, _("cannot resolve the path"), errno);
	/* leftovers first: a killed save's backup link would count as a
	 * second hard link of the file */
	remove_leftovers(w->target, o);
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) /* older versions wrote temps beside the link */
		remove_leftovers(path, o);

	if (stat(w->target, &w->old) == 0) {
		if (!S_ISREG(w->old.st_mode)) {
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error",
				     _("could not save (%s: %s); the file on disk is unchanged"), w->target,
				     S_ISDIR(w->old.st_mode) ? _("is a directory") : _("not a regular file"));
			free(w->target);
			w->target = NULL;
			return false;
		}
		w->have_old = true;
		w->own_links = backup_links(w->target, &w->old);
	} else if (errno != ENOENT) {
		int e = errno;
		free(w->target);
		w->target = NULL;
		return fail(ps, path, _("cannot resolve the path"), e);
	}

	w->tmp = xasprintf("%s.tmpXXXXXX", w->target);
	w->fd = mkostemp(w->tmp, O_CLOEXEC);
	if (w->fd < 0) {
		int e = errno;
		free(w->tmp);
		free(w->target);
		w->tmp = w->target = NULL;
		return fail(ps, path, _("cannot create a temporary file"), e);
	}
	/* A second descriptor keeps the flock (it belongs to the open file,
	 * not the descriptor) from the checked close until after the rename,
	 * so that no other save takes the file for a leftover meanwhile. */
	w->hold = dup(w->fd);
	(void)flock(w->fd, LOCK_EX | LOCK_NB);

	struct stat st;
	mode_t mode;
	if (w->have_old) {
		mode = w->old.st_mode & 07777;
		/* owner and group first: chown clears the set-id bits */
		if (fstat(w->fd, &st) == 0 && (st.st_uid != w->old.st_uid || st.st_gid != w->old.st_gid) &&
		    fchown(w->fd, w->old.st_uid, w->old.st_gid) != 0) {
			w->owner_err = errno;
			(void)fchown(w->fd, (uid_t)-1, w->old.st_gid); /* the group at least */
		}
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	if (fchmod(w->fd, mode) != 0) {
		w->err = errno;
		w->what = _("cannot set the mode");
	}
	return true;
}

bool atomic_out_write(atomic_out *w, const char *data, size_t len)
{
	if (w->hashing)
		w->hash = file_hash_update(w->hash, data, len);
	w->len += len;
	size_t off = 0;
	while (!w->err && off < len) {
		ssize_t n = write(w->fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			w->err = errno;
			w->what = _("cannot write");
		} else
			off += (size_t)n;
	}
	return !w->err;
}

void atomic_out_abort(atomic_out *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->hold >= 0)
		close(w->hold);
	if (w->tmp)
		unlink(w->tmp);
	free(w->tmp);
	free(w->target);
	memset(w, 0, sizeof *w);
	w->fd = w->hold = -1;
}

/* Ends a write; data/len, when given, is the whole text written (it spares
 * a backup when the file already holds it). */
static bool out_commit(atomic_out *w, const save_options *o, file_state *after, const char *data, size_t len,
		       problems *ps)
{
	if (after)
		memset(after, 0, sizeof *after);
	int err = w->err;
	const char *what = w->what;
	struct stat st;
	if (!err && fsync(w->fd) != 0) {
		err = errno;
		what = _("cannot flush to disk");
	}
	if (!err && fstat(w->fd, &st) != 0) {
		err = errno;
		what = _("cannot write");
	}
	int fd = w->fd;
	w->fd = -1;
	if (close(fd) != 0 && !err) {
		err = errno;
		what = _("cannot close");
	}
	const char *path = w->path;
	if (!err && o && o->backups > 0 && w->have_old && !(data && holds(w->target, &w->old, data, len)) &&
	    !backup_make(w->target, o->backups, path, ps)) {
		atomic_out_abort(w);
		return false;
	}
	if (!err && rename(w->tmp, w->target) != 0) {
		err = errno;
		what = _("cannot rename into place");
	}
	if (w->hold >= 0)
		close(w->hold);
	w->hold = -1;
	if (err) {
		atomic_out_abort(w);
		return fail(ps, path, what, err);
	}
	free(w->tmp);
	w->tmp = NULL;

	char *dir = dir_part(w->target);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL && errno != EROFS))
		problems_add(ps, path, no_mark, SEV_WARNING, "io-warning",
			     _("saved, but the directory %s could not be flushed to disk: %s"), dir, strerror(errno));
	if (dfd >= 0)
		close(dfd);
	free(dir);
	free(w->target);
	w->target = NULL;

	const struct stat *old = &w->old;
	if (w->have_old && old->st_nlink > 1 + w->own_links)
		problems_add(ps, path, no_mark, SEV_WARNING, "hard-link",
			     _("the file had other hard links: they keep the old content, only this name has the new"));
	if (w->have_old && (st.st_uid != old->st_uid || st.st_gid != old->st_gid))
		problems_add(ps, path, no_mark, SEV_WARNING, "owner-changed",
			     _("could not keep the file's owner and group (%s): the saved file is yours now"),
			     strerror(w->owner_err ? w->owner_err : EPERM));
	if (after) {
		after->exists = true;
		after->dev = st.st_dev;
		after->ino = st.st_ino;
		after->size = st.st_size;
		after->mtime = st.st_mtim;
		after->nlink = 1;
		after->hash = w->hash;
	}
	return true;
}

bool atomic_out_commit(atomic_out *w, const save_options *o, file_state *after, problems *ps)
{
	return out_commit(w, o, after, NULL, 0, ps);
}

bool atomic_save(const char *path, const char *data, size_t len, const save_options *o, file_state *after,
		 problems *ps)
{
	if (after)
		memset(after, 0, sizeof *after);
	atomic_out w;
	if (!atomic_out_open(&w, path, o, ps))
		return false;
	w.hashing = after != NULL;
	atomic_out_write(&w, data, len);
	return out_commit(&w, o, after, data, len, ps);
}

bool atomic_write(const char *path, const char *data, size_t len, problems *ps)
{
	return atomic_save(path, data, len, NULL, NULL, ps);
}
