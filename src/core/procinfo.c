#include <config.h>

#include "procinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

/* Reads a small file whole (at most size - 1 bytes), NUL-terminated. */
static bool read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	size_t n = 0;
	while (n + 1 < size) {
		ssize_t r = read(fd, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	return n > 0;
}

bool proc_start_ticks(long pid, unsigned long long *ticks, char *state)
{
	if (pid <= 0)
		return false;
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (!read_small(path, buf, sizeof buf))
		return false;
	/* "pid (comm) S ppid ...": comm may hold spaces and parentheses, so
	 * the fields are counted from the last ')' */
	char *p = strrchr(buf, ')');
	if (!p)
		return false;
	p++;
	for (int field = 3; field <= 22; field++) {
		while (*p == ' ')
			p++;
		if (!*p)
			return false;
		if (field == 3 && state)
			*state = *p;
		if (field == 22) {
			errno = 0;
			char *end;
			unsigned long long v = strtoull(p, &end, 10);
			if (errno || end == p)
				return false;
			*ticks = v;
			return true;
		}
		while (*p && *p != ' ')
			p++;
	}
	return false;
}

bool proc_self_start_time(struct timespec *out)
{
	/* cached per process: a forked child has a start of its own */
	static pid_t known;
	static struct timespec start;
	if (known != getpid()) {
		unsigned long long ticks;
		long hz = sysconf(_SC_CLK_TCK);
		struct timespec real, boot;
		if (hz <= 0 || !proc_start_ticks((long)getpid(), &ticks, NULL) ||
		    clock_gettime(CLOCK_REALTIME, &real) != 0 || clock_gettime(CLOCK_BOOTTIME, &boot) != 0)
			return false;
		/* wall clock now, less the time since the start: the start is
		 * rounded down to a tick, so this is never after the true start */
		long long since_boot_ns = (long long)boot.tv_sec * 1000000000LL + boot.tv_nsec;
		long long start_ns = (long long)(ticks / (unsigned long long)hz) * 1000000000LL +
				     (long long)(ticks % (unsigned long long)hz) * (1000000000LL / hz);
		long long real_ns = (long long)real.tv_sec * 1000000000LL + real.tv_nsec;
		long long wall = real_ns - (since_boot_ns - start_ns);
		start.tv_sec = (time_t)(wall / 1000000000LL);
		start.tv_nsec = (long)(wall % 1000000000LL);
		if (start.tv_nsec < 0) {
			start.tv_nsec += 1000000000L;
			start.tv_sec--;
		}
		known = getpid();
	}
	*out = start;
	return true;
}

char *proc_boot_id(void)
{
	char buf[128];
	if (!read_small("/proc/sys/kernel/random/boot_id", buf, sizeof buf))
		return NULL;
	buf[strcspn(buf, "\n")] = '\0';
	return buf[0] ? xstrdup(buf) : NULL;
}

char *proc_host_name(void)
{
	char buf[HOST_NAME_MAX + 2];
	if (gethostname(buf, sizeof buf - 1) != 0 || !buf[0])
		return xstrdup("localhost");
	buf[sizeof buf - 1] = '\0';
	return xstrdup(buf);
}

char *proc_user_name(void)
{
	uid_t uid = geteuid();
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name && pw->pw_name[0])
		return xstrdup(pw->pw_name);
	return xasprintf("%lu", (unsigned long)uid);
}
