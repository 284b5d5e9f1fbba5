#include <config.h>

/* Reading an input file whole, within limits, and the limits themselves:
 * what every loader does before the YAML reader sees a byte. Anything
 * that is not a regular file is refused without blocking. */

#include "yaml_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

const load_limits load_limits_default = {
	.max_size = LOAD_DEFAULT_MAX_SIZE,
	.max_depth = LOAD_DEFAULT_MAX_DEPTH,
	.max_scalar = LOAD_DEFAULT_MAX_SCALAR,
	.max_items = LOAD_DEFAULT_MAX_ITEMS,
	.max_sections = LOAD_DEFAULT_MAX_SECTIONS,
	.max_cases = LOAD_DEFAULT_MAX_CASES,
	.max_rows = LOAD_DEFAULT_MAX_ROWS,
	.max_rules = LOAD_DEFAULT_MAX_RULES,
	.max_revisions = LOAD_DEFAULT_MAX_REVISIONS,
	.max_list = LOAD_DEFAULT_MAX_LIST,
	.max_unknown = LOAD_DEFAULT_MAX_UNKNOWN,
	.max_unknown_items = LOAD_DEFAULT_MAX_UNKNOWN_ITEMS,
};

static const cs_mark no_mark = {0, 0};

load_limits load_limits_resolve(const load_limits *limits)
{
	const load_limits *d = &load_limits_default;
	if (!limits)
		return *d;
	load_limits r = *limits;
	if (!r.max_size)
		r.max_size = d->max_size;
	if (r.max_depth <= 0)
		r.max_depth = d->max_depth;
#define DEFAULT(f) if (!r.f) r.f = d->f
	DEFAULT(max_scalar);
	DEFAULT(max_items);
	DEFAULT(max_sections);
	DEFAULT(max_cases);
	DEFAULT(max_rows);
	DEFAULT(max_rules);
	DEFAULT(max_revisions);
	DEFAULT(max_list);
	DEFAULT(max_unknown);
	DEFAULT(max_unknown_items);
#undef DEFAULT
	return r;
}

bool load_parse_size(const char *text, size_t *out, const char **why)
{
	static const struct {
		const char *suffix;
		unsigned long long mult;
	} suffixes[] = {
		{"", 1}, {"B", 1},
		{"k", 1ULL << 10}, {"K", 1ULL << 10}, {"KiB", 1ULL << 10}, {"kiB", 1ULL << 10},
		{"M", 1ULL << 20}, {"m", 1ULL << 20}, {"MiB", 1ULL << 20},
		{"G", 1ULL << 30}, {"g", 1ULL << 30}, {"GiB", 1ULL << 30},
		{"kB", 1000ULL}, {"KB", 1000ULL}, {"MB", 1000000ULL}, {"GB", 1000000000ULL},
	};
	const char *p = text;
	*why = NULL;
	while (*p == ' ')
		p++;
	if (*p == '-') {
		*why = _("a size cannot be negative");
		return false;
	}
	if (*p == '+')
		p++;
	if (*p < '0' || *p > '9') {
		*why = _("a size starts with a digit");
		return false;
	}
	unsigned long long v = 0;
	bool overflow = false;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (ULLONG_MAX - d) / 10)
			overflow = true;
		else
			v = v * 10 + d;
	}
	if (*p == '.' || *p == ',') {
		*why = _("a size is a whole number of bytes (no fractions)");
		return false;
	}
	if (*p == 'e' || *p == 'E') {
		*why = _("a size is written in digits, not with an exponent");
		return false;
	}
	unsigned long long mult = 0;
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
		if (strcmp(p, suffixes[i].suffix) == 0)
			mult = suffixes[i].mult;
	if (!mult) {
		*why = _("unknown unit: use bytes, or k, M, G (KiB, MiB, GiB), or kB, MB, GB");
		return false;
	}
	if (overflow || v > (unsigned long long)SIZE_MAX / mult || v > ULLONG_MAX / mult) {
		*why = _("the size is too large");
		return false;
	}
	if (v == 0) {
		*why = _("the size must be at least 1 byte");
		return false;
	}
	*out = (size_t)(v * mult);
	return true;
}

static const char *file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return _("a FIFO (named pipe)");
	if (S_ISCHR(m))
		return _("a character device");
	if (S_ISBLK(m))
		return _("a block device");
	if (S_ISSOCK(m))
		return _("a socket");
	if (S_ISLNK(m))
		return _("a symbolic link");
	return _("not a regular file");
}

size_t input_size(int fd, size_t len)
{
	struct stat st;
	if (fd < 0)
		return len;
	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
}

int file_open_input(const char *path, size_t max_size, bool nofollow, struct stat *out, problems *ps)
{
	bool is_stdin = strcmp(path, "-") == 0;
	/* never blocks: a FIFO opens at once (and is refused below), a
	 * terminal does not become the controlling one */
	int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (nofollow ? O_NOFOLLOW : 0);
	int fd = is_stdin ? dup(0) : open(path, flags);
	if (fd < 0) {
		if (nofollow && errno == ELOOP)
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error",
				     _("is %s; checksheet reads only regular files"), file_kind(S_IFLNK));
		else
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot open: %s"),
				     strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"), strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("is a directory"));
		close(fd);
		return -1;
	}
	if (!is_stdin && !S_ISREG(st.st_mode)) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error",
			     _("is %s; checksheet reads only regular files"), file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	if (!is_stdin) {
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_size) {
		problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
			     _("file is too large (%lld bytes; the limit is %zu bytes, see --max-size)"),
			     (long long)st.st_size, max_size);
		close(fd);
		return -1;
	}
	*out = st;
	return fd;
}

bool file_read_ex(const char *path, size_t max_size, bool nofollow, char **buf, size_t *len,
		  problems *ps)
{
	*buf = NULL;
	*len = 0;
	struct stat st;
	int fd = file_open_input(path, max_size, nofollow, &st, ps);
	if (fd < 0)
		return false;
	/* a regular file is read straight into a buffer of its size and a
	 * byte to spare, to see the end (one allocation, no copying); one
	 * that grows meanwhile, or standard input, into a buffer that doubles,
	 * at most to one byte past the limit */
	size_t hard = max_size <= SIZE_MAX - 2 ? max_size + 2 : SIZE_MAX;
	size_t cap = 65536;
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (unsigned long long)st.st_size < hard - 2 ? (size_t)st.st_size + 2 : hard;
	if (cap > hard)
		cap = hard;
	char *data = xmalloc(cap);
	size_t got = 0;
	for (;;) {
		if (got + 1 >= cap) {
			if (cap >= hard)
				xalloc_die();  /* cannot be: past the limit is refused below */
			size_t want = cap < 32768 ? 65536 : cap <= SIZE_MAX / 2 ? cap * 2 : SIZE_MAX;
			cap = want < hard ? want : hard;
			data = xrealloc(data, cap);
		}
		ssize_t n = read(fd, data + got, cap - 1 - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"),
				     strerror(errno));
			free(data);
			close(fd);
			return false;
		}
		if (n == 0)
			break;
		if (got + (size_t)n > max_size) {
			problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
				     _("input is too large (over %zu bytes, see --max-size)"), max_size);
			free(data);
			close(fd);
			return false;
		}
		got += (size_t)n;
	}
	close(fd);
	data[got] = '\0';
	*len = got;
	*buf = data;
	return true;
}

bool file_read(const char *path, size_t max_size, char **buf, size_t *len, problems *ps)
{
	return file_read_ex(path, max_size, false, buf, len, ps);
}
