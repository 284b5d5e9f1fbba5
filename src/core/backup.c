#include <config.h>

#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

static const cs_mark no_mark = {0, 0};

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

/* The generations target.~K~ there are, ascending. */
static size_t list_generations(const char *target, unsigned long long **out)
{
	*out = NULL;
	char *dir = dir_part(target);
	const char *base = base_part(target);
	size_t blen = strlen(base), n = 0, cap = 0;
	DIR *d = opendir(dir);
	free(dir);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		if (strncmp(name, base, blen) != 0 || name[blen] != '.' || name[blen + 1] != '~')
			continue;
		const char *digits = name + blen + 2;
		size_t nd = strspn(digits, "0123456789");
		if (nd == 0 || nd > 18 || digits[nd] != '~' || digits[nd + 1] != '\0')
			continue;
		XGROW(*out, cap, n + 1);
		(*out)[n++] = strtoull(digits, NULL, 10);
	}
	closedir(d);
	/* few entries: an insertion sort */
	for (size_t i = 1; i < n; i++) {
		unsigned long long v = (*out)[i];
		size_t j = i;
		while (j > 0 && (*out)[j - 1] > v) {
			(*out)[j] = (*out)[j - 1];
			j--;
		}
		(*out)[j] = v;
	}
	return n;
}

char *backup_newest(const char *target, int keep)
{
	struct stat st;
	if (keep <= 0)
		return NULL;
	if (keep == 1) {
		char *b = xasprintf("%s~", target);
		if (lstat(b, &st) == 0)
			return b;
		free(b);
		return NULL;
	}
	unsigned long long *gen;
	size_t n = list_generations(target, &gen);
	char *b = n ? xasprintf("%s.~%llu~", target, gen[n - 1]) : NULL;
	free(gen);
	return b;
}

/* Six characters as mkstemp makes them, from a generator seeded once. */
static void random_six(char *p)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static uint64_t s;
	if (!s) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		s = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40) ^
		    (uint64_t)(uintptr_t)&ts;
		s |= 1;
	}
	for (int i = 0; i < 6; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		p[i] = set[s % 62];
	}
}

/* A second name for target, target.tmpXXXXXX: the same file, no copy. */
static bool link_to_temp(const char *target, char **tmp, int *err)
{
	for (int tries = 0; tries < 100; tries++) {
		char *t = xasprintf("%s.tmpXXXXXX", target);
		random_six(t + strlen(t) - 6);
		/* linkat without AT_SYMLINK_FOLLOW: never follows a symlink */
		if (linkat(AT_FDCWD, target, AT_FDCWD, t, 0) == 0) {
			*tmp = t;
			return true;
		}
		*err = errno;
		free(t);
		if (*err != EEXIST)
			return false;
	}
	return false;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* A copy of target in target.tmpXXXXXX with its owner (where we may),
 * mode and times, flushed to disk. */
static bool copy_to_temp(const char *target, char **tmp, int *err)
{
	int in = open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
	if (in < 0) {
		*err = errno;
		return false;
	}
	struct stat st;
	*err = fstat(in, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
	if (*err) {
		close(in);
		return false;
	}
	char *t = xasprintf("%s.tmpXXXXXX", target);
	int out = mkostemp(t, O_CLOEXEC);
	if (out < 0) {
		*err = errno;
		free(t);
		close(in);
		return false;
	}
	int e = 0;
	/* the owner may be someone else's (a shared, group-writable file):
	 * then the copy is ours, with the same mode */
	if (fchown(out, st.st_uid, st.st_gid) != 0 && fchown(out, (uid_t)-1, st.st_gid) != 0)
		errno = 0;
	if (fchmod(out, st.st_mode & 07777) != 0)
		e = errno;
	char buf[65536];
	while (!e) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
		} else if (r == 0)
			break;
		else if (!write_all(out, buf, (size_t)r))
			e = errno;
	}
	if (!e) {
		struct timespec times[2] = {st.st_atim, st.st_mtim};
		(void)futimens(out, times); /* the times are a courtesy */
		if (fsync(out) != 0)
			e = errno;
	}
	if (close(out) != 0 && !e)
		e = errno;
	close(in);
	if (e) {
		unlink(t);
		free(t);
		*err = e;
		return false;
	}
	*tmp = t;
	return true;
}

static bool failed(problems *ps, const char *report_as, const char *bak, int err)
{
	char *what = xasprintf(_("cannot make the backup %s"), bak);
	problems_add(ps, report_as, no_mark, SEV_FATAL, "io-error",
		     _("could not save (%s: %s); the file on disk is unchanged"), what, strerror(err));
	free(what);
	return false;
}

bool backup_make(const char *target, int keep, const char *report_as, problems *ps)
{
	if (keep <= 0)
		return true;
	unsigned long long *gen = NULL;
	size_t n = 0;
	char *bak;
	if (keep == 1)
		bak = xasprintf("%s~", target);
	else {
		n = list_generations(target, &gen);
		bak = xasprintf("%s.~%llu~", target, n ? gen[n - 1] + 1 : 1ULL);
	}
	/* a save killed between its backup and its rename left the backup as
	 * a second name of the file itself: it is backed up already */
	char *newest = backup_newest(target, keep);
	struct stat nst, tst;
	bool done = newest && lstat(newest, &nst) == 0 && stat(target, &tst) == 0 && nst.st_dev == tst.st_dev &&
		    nst.st_ino == tst.st_ino;
	free(newest);
	if (done) {
		free(bak);
		free(gen);
		return true;
	}
	char *tmp = NULL;
	int err = 0;
	if (!link_to_temp(target, &tmp, &err) && !copy_to_temp(target, &tmp, &err)) {
		failed(ps, report_as, bak, err);
		free(bak);
		free(gen);
		return false;
	}
	if (rename(tmp, bak) != 0) {
		err = errno;
		unlink(tmp);
		free(tmp);
		failed(ps, report_as, bak, err);
		free(bak);
		free(gen);
		return false;
	}
	/* rename does nothing when both names are already the same file (a
	 * backup someone made with ln): the temporary name must still go */
	struct stat st;
	if (lstat(tmp, &st) == 0)
		unlink(tmp);
	free(tmp);
	if (keep > 1 && n + 1 > (size_t)keep) {
		/* the new generation is the newest: drop the oldest ones */
		size_t drop = n + 1 - (size_t)keep;
		for (size_t i = 0; i < drop; i++) {
			char *old = xasprintf("%s.~%llu~", target, gen[i]);
			if (unlink(old) != 0 && errno != ENOENT)
				problems_add(ps, report_as, no_mark, SEV_WARNING, "backup-error",
					     _("could not remove the old backup %s: %s"), old, strerror(errno));
			free(old);
		}
	}
	free(bak);
	free(gen);
	return true;
}
