#include <config.h>

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"

static bool fail(problems *ps, const char *path, const char *what, int err)
{
	problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error",
		     _("could not save (%s: %s); the file on disk is unchanged"), what, strerror(err));
	return false;
}

bool atomic_write(const char *path, const char *data, size_t len, problems *ps)
{
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	free(copy);
	char *tmp = xasprintf("%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		free(dir);
		return fail(ps, path, _("cannot create a temporary file"), e);
	}
	struct stat st;
	mode_t mode;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	int err = 0;
	const char *what = NULL;
	if (fchmod(fd, mode) != 0) {
		err = errno;
		what = _("cannot set the mode");
	}
	size_t off = 0;
	while (!err && off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			what = _("cannot write");
		} else
			off += (size_t)n;
	}
	if (!err && fsync(fd) != 0) {
		err = errno;
		what = _("cannot flush to disk");
	}
	if (close(fd) != 0 && !err) {
		err = errno;
		what = _("cannot close");
	}
	if (!err && rename(tmp, path) != 0) {
		err = errno;
		what = _("cannot rename into place");
	}
	if (err) {
		unlink(tmp);
		free(tmp);
		free(dir);
		return fail(ps, path, what, err);
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return true;
}
