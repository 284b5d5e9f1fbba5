#include <config.h>

#include "file_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "i18n.h"
#include "procinfo.h"
#include "xalloc.h"

static const cs_mark no_mark = {0, 0};

/* A lock file is a few lines; anything longer is not one of ours. */
enum { LOCK_MAX = 4096 };

void lock_holder_free(lock_holder *h)
{
	free(h->user);
	free(h->host);
	free(h->boot_id);
	free(h->raw);
	memset(h, 0, sizeof *h);
}

char *lock_holder_describe(const lock_holder *h)
{
	if (h->kind == LOCK_HOLDER_GARBAGE)
		return xstrdup(_("someone unknown (the lock file is damaged or not a lock file)"));
	if (h->kind != LOCK_HOLDER_KNOWN)
		return xstrdup(_("nobody"));
	char when[64] = "?";
	time_t t = (time_t)h->time;
	struct tm tm;
	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	return xasprintf(_("%s@%s, pid %ld, since %s"), h->user, h->host, h->pid, when);
}

char *file_lock_path(const char *path, problems *ps)
{
	char *target = atomic_file_target(path);
	if (!target) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", "%s: %s", _("cannot resolve the path"),
			     strerror(errno));
		return NULL;
	}
	char *slash = strrchr(target, '/'); /* a resolved target is absolute */
	*slash = '\0';
	char *lpath = xasprintf("%s/.%s.lock", target, slash + 1);
	free(target);
	return lpath;
}

/* A value as one line: control characters would break the format. */
static char *one_line(char *s)
{
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return s;
}

static char *lock_content(const struct timespec *now)
{
	char *user = one_line(proc_user_name());
	char *host = one_line(proc_host_name());
	char *boot = proc_boot_id();
	unsigned long long ticks = 0;
	if (!proc_start_ticks((long)getpid(), &ticks, NULL))
		ticks = 0;
	/* the time to the nanosecond: two locks of one process differ too */
	char *s = xasprintf("checksheet-lock: 1\nuser: %s\nhost: %s\npid: %ld\ntime: %lld.%09ld\nproc-start: %llu\n"
			    "boot-id: %s\n",
			    user, host, (long)getpid(), (long long)now->tv_sec, (long)now->tv_nsec, ticks,
			    boot ? one_line(boot) : "-");
	free(user);
	free(host);
	free(boot);
	return s;
}

/* A decimal number in [lo, hi]; with fraction, a part ".DIGITS" may
 * follow and is passed over. */
static bool parse_number(const char *s, long long lo, long long hi, bool fraction, long long *out)
{
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (fraction && *end == '.' && end[1] >= '0' && end[1] <= '9')
		end += 1 + strspn(end + 1, "0123456789");
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Fills h from a lock file's bytes: LOCK_HOLDER_KNOWN only when every line
 * is "key: value", it ends with a newline (not truncated), and every key
 * is there once. Unknown keys (a later version's) are passed over. */
static void parse_lock(const char *raw, size_t len, lock_holder *h)
{
	h->kind = LOCK_HOLDER_GARBAGE;
	if (len == 0 || raw[len - 1] != '\n' || memchr(raw, '\0', len))
		return;
	static const char *const keys[] = {"checksheet-lock", "user", "host", "pid", "time", "proc-start", "boot-id"};
	enum { NKEYS = sizeof keys / sizeof *keys };
	char *vals[NKEYS] = {0};
	bool ok = true;
	const char *p = raw, *end = raw + len;
	while (ok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *colon = memchr(p, ':', (size_t)(nl - p));
		if (!colon || colon == p || colon + 2 > nl || colon[1] != ' ' || colon + 2 == nl) {
			ok = false;
			break;
		}
		for (size_t k = 0; k < NKEYS; k++)
			if (strlen(keys[k]) == (size_t)(colon - p) && memcmp(keys[k], p, (size_t)(colon - p)) == 0) {
				if (vals[k])
					ok = false; /* twice */
				else
					vals[k] = xstrndup(colon + 2, (size_t)(nl - colon - 2));
			}
		p = nl + 1;
	}
	for (size_t k = 0; ok && k < NKEYS; k++)
		ok = vals[k] != NULL;
	long long version = 0, pid = 0, when = 0, start = 0;
	if (ok)
		ok = parse_number(vals[0], 1, 1, false, &version) && parse_number(vals[3], 1, INT_MAX, false, &pid) &&
		     parse_number(vals[4], 0, LLONG_MAX, true, &when) &&
		     parse_number(vals[5], 0, LLONG_MAX, false, &start);
	if (ok) {
		h->kind = LOCK_HOLDER_KNOWN;
		h->user = vals[1];
		h->host = vals[2];
		h->pid = (long)pid;
		h->time = when;
		h->proc_start = (unsigned long long)start;
		if (strcmp(vals[6], "-") != 0) {
			h->boot_id = vals[6];
			vals[6] = NULL;
		}
		vals[1] = vals[2] = NULL;
	}
	for (size_t k = 0; k < NKEYS; k++)
		free(vals[k]);
}

/* Reads the lock file lpath into h: 1 read (KNOWN or GARBAGE), 0 there is
 * none, -1 it cannot be used (a problem about path says why). */
static int read_lock(const char *lpath, const char *path, lock_holder *h, problems *ps)
{
	memset(h, 0, sizeof *h);
	/* O_NOFOLLOW: a symlink planted at the lock path is never followed;
	 * O_NONBLOCK: nor does a FIFO hang us */
	int fd = open(lpath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP)
			problems_add(ps, path, no_mark, SEV_FATAL, "lock-symlink",
				     _("the lock file %s is a symbolic link: refusing to follow it"), lpath);
		else
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read the lock file %s: %s"),
				     lpath, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read the lock file %s: %s"), lpath,
			     strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		problems_add(ps, path, no_mark, SEV_FATAL, "lock-error", _("the lock file %s is not a regular file"),
			     lpath);
		close(fd);
		return -1;
	}
	char *buf = xmalloc(LOCK_MAX + 1);
	size_t n = 0;
	while (n < LOCK_MAX + 1) {
		ssize_t r = read(fd, buf + n, LOCK_MAX + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read the lock file %s: %s"),
				     lpath, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	h->raw = buf;
	h->raw_len = n;
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	if (n <= LOCK_MAX)
		parse_lock(buf, n, h);
	else
		h->kind = LOCK_HOLDER_GARBAGE;
	return 1;
}

static void report_holder(const char *path, const char *lpath, const lock_holder *h, problems *ps)
{
	if (h->kind == LOCK_HOLDER_KNOWN) {
		char *who = lock_holder_describe(h);
		problems_add(ps, path, no_mark, SEV_ERROR, "locked", _("already being edited by %s (lock file %s)"),
			     who, lpath);
		free(who);
	} else
		problems_add(ps, path, no_mark, SEV_ERROR, "lock-garbage",
			     _("the lock file %s is damaged or not a lock file: who holds it is unknown"), lpath);
}

static void give(lock_holder *h, lock_holder *other)
{
	if (other)
		*other = *h;
	else
		lock_holder_free(h);
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

/* Makes the lock file lpath with O_EXCL (taking lpath over on success). */
static bool create_lock(char *lpath, const char *path, file_lock *out, lock_holder *other, problems *ps)
{
	for (int tries = 0; tries < 5; tries++) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		int fd = open(lpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
		if (fd >= 0) {
			char *content = lock_content(&now);
			struct stat st;
			int e = 0;
			if (fchmod(fd, 0600) != 0 || !write_all(fd, content, strlen(content)) || fsync(fd) != 0 ||
			    fstat(fd, &st) != 0)
				e = errno;
			if (close(fd) != 0 && !e)
				e = errno;
			if (e) {
				unlink(lpath);
				problems_add(ps, path, no_mark, SEV_FATAL, "io-error",
					     _("cannot write the lock file %s: %s"), lpath, strerror(e));
				free(content);
				free(lpath);
				return false;
			}
			out->path = lpath;
			out->dev = st.st_dev;
			out->ino = st.st_ino;
			out->content = content;
			out->taken = now;
			return true;
		}
		if (errno != EEXIST) {
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot create the lock file %s: %s"),
				     lpath, strerror(errno));
			free(lpath);
			return false;
		}
		/* O_EXCL also fails on a symlink, dangling or not: read_lock
		 * says which it is */
		lock_holder h;
		int r = read_lock(lpath, path, &h, ps);
		if (r == 0)
			continue; /* released meanwhile: try again */
		if (r > 0) {
			report_holder(path, lpath, &h, ps);
			give(&h, other);
		}
		free(lpath);
		return false;
	}
	problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot create the lock file %s: %s"), lpath,
		     strerror(EEXIST));
	free(lpath);
	return false;
}

/* Names .NAME.lock.XXXXXX that a take-over killed half-way left: they live
 * for microseconds, so any from before this process started (or a minute
 * old) is an orphan. Removing a live one by mistake only makes that
 * take-over fail: holding the lock always takes the O_EXCL create. */
static void remove_orphans(const char *lpath)
{
	char *dir = xstrdup(lpath);
	char *slash = strrchr(dir, '/');
	*slash = '\0';
	char *prefix = xasprintf("%s.", slash + 1);
	struct timespec cutoff, minute;
	clock_gettime(CLOCK_REALTIME, &minute);
	minute.tv_sec -= 60;
	if (!proc_self_start_time(&cutoff) || cutoff.tv_sec < minute.tv_sec)
		cutoff = minute;
	atomic_file_remove_temps(dir, prefix, &cutoff, false);
	free(prefix);
	free(dir);
}

bool file_lock_take(const char *path, file_lock *out, lock_holder *other, problems *ps)
{
	memset(out, 0, sizeof *out);
	if (other)
		memset(other, 0, sizeof *other);
	char *lpath = file_lock_path(path, ps);
	if (!lpath)
		return false;
	remove_orphans(lpath);
	return create_lock(lpath, path, out, other, ps);
}

bool file_lock_read(const char *path, lock_holder *h, problems *ps)
{
	memset(h, 0, sizeof *h);
	char *lpath = file_lock_path(path, ps);
	if (!lpath)
		return false;
	int r = read_lock(lpath, path, h, ps);
	free(lpath);
	return r >= 0;
}

bool file_lock_is_stale(const lock_holder *h)
{
	if (h->kind != LOCK_HOLDER_KNOWN || !h->host)
		return false;
	char *host = proc_host_name();
	bool here = strcmp(host, h->host) == 0;
	free(host);
	if (!here)
		return false; /* another machine's process: we cannot know */
	char *boot = proc_boot_id();
	bool rebooted = boot && h->boot_id && strcmp(boot, h->boot_id) != 0;
	free(boot);
	if (rebooted)
		return true;
	if (h->pid <= 0 || h->pid > INT_MAX)
		return false;
	if (kill((pid_t)h->pid, 0) != 0 && errno == ESRCH)
		return true;
	/* alive, or at least the pid is (EPERM: someone else's process) */
	unsigned long long ticks;
	char state;
	if (proc_start_ticks(h->pid, &ticks, &state)) {
		if (state == 'Z' || state == 'X')
			return true; /* exited, not yet reaped */
		if (h->proc_start && ticks != h->proc_start)
			return true; /* the pid now names another process */
	}
	return false;
}

bool file_lock_take_over(const char *path, const lock_holder *expected, bool force, file_lock *out,
			 lock_holder *other, problems *ps)
{
	memset(out, 0, sizeof *out);
	if (other)
		memset(other, 0, sizeof *other);
	if (!expected || expected->kind == LOCK_HOLDER_NONE)
		return file_lock_take(path, out, other, ps);
	char *lpath = file_lock_path(path, ps);
	if (!lpath)
		return false;
	if (!force && !file_lock_is_stale(expected)) {
		/* the holder is alive (or unknown): say who holds it now */
		lock_holder h;
		int r = read_lock(lpath, path, &h, ps);
		if (r > 0) {
			report_holder(path, lpath, &h, ps);
			give(&h, other);
			free(lpath);
			return false;
		}
		if (r < 0) {
			free(lpath);
			return false;
		}
		/* gone meanwhile: an ordinary take */
		return create_lock(lpath, path, out, other, ps);
	}
	/* Move the lock aside to a name of our own, then look at what was
	 * moved: only if it is the very lock the user agreed to replace is it
	 * removed; otherwise it goes back. The new lock is then made with
	 * O_EXCL like any other, so of two processes taking over at once one
	 * wins and the other sees it as the holder. */
	char *aside = xasprintf("%s.XXXXXX", lpath);
	int afd = mkostemp(aside, O_CLOEXEC);
	if (afd < 0) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot move the old lock file %s aside: %s"),
			     lpath, strerror(errno));
		free(aside);
		free(lpath);
		return false;
	}
	close(afd);
	if (rename(lpath, aside) != 0) {
		int e = errno;
		unlink(aside);
		free(aside);
		if (e == ENOENT) /* released meanwhile */
			return create_lock(lpath, path, out, other, ps);
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot move the old lock file %s aside: %s"),
			     lpath, strerror(e));
		free(lpath);
		return false;
	}
	struct stat st;
	bool same = lstat(aside, &st) == 0 && S_ISREG(st.st_mode) && st.st_dev == expected->dev &&
		    st.st_ino == expected->ino;
	lock_holder moved;
	memset(&moved, 0, sizeof moved);
	if (same) {
		problems quiet;
		problems_init(&quiet);
		same = read_lock(aside, path, &moved, &quiet) > 0 && moved.raw_len == expected->raw_len &&
		       memcmp(moved.raw, expected->raw, moved.raw_len) == 0;
		problems_free(&quiet);
	}
	if (!same) {
		/* someone else's lock (a newer one): put it back, unless yet
		 * another process made one in the meantime */
		if (linkat(AT_FDCWD, aside, AT_FDCWD, lpath, 0) != 0 && errno != EEXIST)
			problems_add(ps, path, no_mark, SEV_WARNING, "io-error",
				     _("cannot move the old lock file %s aside: %s"), lpath, strerror(errno));
		unlink(aside);
		free(aside);
		lock_holder_free(&moved);
		lock_holder h;
		int r = read_lock(lpath, path, &h, ps);
		if (r > 0) {
			report_holder(path, lpath, &h, ps);
			give(&h, other);
		} else if (r == 0)
			problems_add(ps, path, no_mark, SEV_ERROR, "locked",
				     _("the lock file %s changed while it was being taken over; try again"), lpath);
		free(lpath);
		return false;
	}
	lock_holder_free(&moved);
	unlink(aside);
	free(aside);
	return create_lock(lpath, path, out, other, ps);
}

bool file_lock_still_ours(const file_lock *l)
{
	if (!l->path)
		return false;
	int fd = open(l->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	struct stat st;
	bool ours = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_dev == l->dev && st.st_ino == l->ino;
	if (ours) {
		size_t want = strlen(l->content);
		char buf[LOCK_MAX + 1];
		size_t n = 0;
		for (;;) {
			ssize_t r = read(fd, buf + n, sizeof buf - n);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			n += (size_t)r;
			if (n == sizeof buf)
				break;
		}
		ours = n == want && memcmp(buf, l->content, n) == 0;
	}
	close(fd);
	return ours;
}

void file_lock_release(file_lock *l)
{
	if (l->path && file_lock_still_ours(l))
		unlink(l->path);
	free(l->path);
	free(l->content);
	memset(l, 0, sizeof *l);
}
