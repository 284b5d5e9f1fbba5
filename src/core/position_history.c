#include <config.h>

#include "position_history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

typedef struct entry {
	const char *path, *item;
} entry;

/* The directory holding the history (malloc'd), or NULL when there is none.
 * The first *keep bytes name a directory that must exist already ($HOME);
 * make_dirs creates what follows. An empty or relative variable counts as
 * unset. */
static char *history_dir(size_t *keep)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && xdg[0] == '/') {
		*keep = 0;
		return xasprintf("%s/checksheet", xdg);
	}
	const char *home = getenv("HOME");
	if (home && home[0] == '/') {
		*keep = strlen(home);
		return xasprintf("%s/.local/state/checksheet", home);
	}
	return NULL;
}

char *poshist_file(void)
{
	size_t keep;
	char *dir = history_dir(&keep);
	if (!dir)
		return NULL;
	char *file = xasprintf("%s/positions", dir);
	free(dir);
	return file;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Creates the missing directories of dir after its first keep bytes, each
 * with mode 0700. Returns 0, or an errno value with *failed set to the
 * directory that could not be made (malloc'd). */
static int make_dirs(const char *dir, size_t keep, char **failed)
{
	if (is_dir(dir))
		return 0;
	char *copy = xstrdup(dir);
	int e = 0;
	for (char *p = copy + keep + 1; !e; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (p[-1] != '/' && mkdir(copy, 0700) != 0) {
			int me = errno;
			if (!is_dir(copy)) {
				e = me == EEXIST ? ENOTDIR : me;
				*failed = xstrdup(copy);
			}
		}
		*p = c;
		if (!c)
			break;
	}
	free(copy);
	return e;
}

/* The history's bytes, NUL-terminated, or NULL when it is missing,
 * unreadable, not a regular file or larger than POSHIST_MAX_FILE. Opened
 * without blocking, so that a FIFO put in its place cannot hang us. */
static char *read_history(const char *file, size_t *len_out)
{
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 || st.st_size > POSHIST_MAX_FILE) {
		close(fd);
		return NULL;
	}
	/* one byte more than fstat promised, so that growth shows without a
	 * second allocation; never more than one byte past the cap */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = xmalloc(cap + 1);
	bool ok = true;
	for (;;) {
		if (len == cap) {
			if (cap > POSHIST_MAX_FILE)
				break;
			cap = cap > POSHIST_MAX_FILE / 2 ? POSHIST_MAX_FILE + 1 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ok = false;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (!ok || len > POSHIST_MAX_FILE) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	*len_out = len;
	return buf;
}

/* The next well-formed line from *p (before end) into e, cutting the buffer
 * with NULs; false at the end. A line without its newline is a truncated
 * write and does not count. */
static bool next_entry(char **p, char *end, entry *e)
{
	while (*p < end) {
		char *line = *p;
		char *nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl) {
			*p = end;
			return false;
		}
		*p = nl + 1;
		size_t len = (size_t)(nl - line);
		if (len > POSHIST_MAX_LINE || line[0] != '/' || memchr(line, '\0', len))
			continue;
		char *tab = memchr(line, '\t', len);
		if (!tab || tab + 1 == nl || memchr(tab + 1, '\t', (size_t)(nl - tab - 1)))
			continue;
		*tab = '\0';
		*nl = '\0';
		e->path = line;
		e->item = tab + 1;
		return true;
	}
	return false;
}

char *poshist_lookup(const char *path)
{
	char *file = poshist_file();
	if (!file || !path) {
		free(file);
		return NULL;
	}
	char *real = realpath(path, NULL);
	size_t len;
	char *buf = real ? read_history(file, &len) : NULL;
	free(file);
	const char *found = NULL;
	if (buf) {
		char *p = buf;
		entry e;
		while (next_entry(&p, buf + len, &e))
			if (strcmp(e.path, real) == 0)
				found = e.item; /* the last line wins */
	}
	char *item = found ? xstrdup(found) : NULL;
	free(buf);
	free(real);
	return item;
}

/* fmt is a whole translated sentence with %s for the path and %s for the
 * system's reason, so that translators see the sentence entire. */
static bool fail(char **err, const char *fmt, const char *where, int e)
{
	if (err)
		*err = xasprintf(fmt, where, strerror(e));
	return false;
}

/* Replaces file with data: a temporary file beside it, mode 0600, fsync,
 * rename, fsync of the directory. */
static bool write_history(const char *dir, const char *file, const char *data, size_t len, char **err)
{
	char *tmp = xasprintf("%s.XXXXXX", file);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return fail(err, _("could not save the position history: cannot create a temporary file in %s: %s"), dir, e);
	}
	int e = 0;
	const char *what = NULL;
	if (fchmod(fd, 0600) != 0) {
		e = errno;
		what = _("could not save the position history: cannot set the mode of %s: %s");
	}
	size_t off = 0;
	while (!e && off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			what = _("could not save the position history: cannot write %s: %s");
		} else
			off += (size_t)n;
	}
	if (!e && fsync(fd) != 0) {
		e = errno;
		what = _("could not save the position history: cannot flush %s to disk: %s");
	}
	if (close(fd) != 0 && !e) {
		e = errno;
		what = _("could not save the position history: cannot close %s: %s");
	}
	if (e) {
		unlink(tmp);
		bool r = fail(err, what, tmp, e);
		free(tmp);
		return r;
	}
	if (rename(tmp, file) != 0) {
		e = errno;
		unlink(tmp);
		free(tmp);
		return fail(err, _("could not save the position history: cannot rename into %s: %s"), file, e);
	}
	free(tmp);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd); /* the rename is done; a failure here changes nothing */
		close(dfd);
	}
	return true;
}

bool poshist_record(const char *path, const char *item, char **err)
{
	if (err)
		*err = NULL;
	size_t keep;
	char *dir = history_dir(&keep);
	if (!dir)
		return true;
	char *real = path && item && *item && !strpbrk(item, "\t\n") ? realpath(path, NULL) : NULL;
	if (!real || strpbrk(real, "\t\n") || strlen(real) + 1 + strlen(item) > POSHIST_MAX_LINE) {
		free(real);
		free(dir);
		return true;
	}
	char *failed = NULL;
	int e = make_dirs(dir, keep, &failed);
	if (e) {
		bool r = fail(err, _("could not save the position history: cannot create the directory %s: %s"), failed, e);
		free(failed);
		free(real);
		free(dir);
		return r;
	}
	char *file = xasprintf("%s/positions", dir);

	/* the lines to keep: the newest, each file once, without path's */
	entry *v = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *buf = read_history(file, &len);
	if (buf) {
		char *p = buf;
		entry en;
		while (next_entry(&p, buf + len, &en)) {
			XGROW(v, cap, n + 1);
			v[n++] = en;
		}
	}
	size_t kept[POSHIST_MAX_ENTRIES - 1], nk = 0;
	for (size_t i = n; i-- > 0 && nk < POSHIST_MAX_ENTRIES - 1;) {
		bool skip = strcmp(v[i].path, real) == 0;
		for (size_t j = 0; j < nk && !skip; j++)
			skip = strcmp(v[kept[j]].path, v[i].path) == 0;
		if (!skip)
			kept[nk++] = i;
	}
	strbuf sb;
	sb_init(&sb);
	while (nk-- > 0)
		sb_printf(&sb, "%s\t%s\n", v[kept[nk]].path, v[kept[nk]].item);
	sb_printf(&sb, "%s\t%s\n", real, item);
	free(v);
	free(buf);

	bool ok = write_history(dir, file, sb.s, sb.len, err);
	sb_free(&sb);
	free(file);
	free(real);
	free(dir);
	return ok;
}
