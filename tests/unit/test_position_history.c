/* The position history: where each file was left, in a state directory of
 * its own under a temporary XDG_STATE_HOME. */
#include <config.h>

#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/position_history.h"
#include "core/xalloc.h"

static char *saved_home, *saved_cwd;

typedef struct fixture {
	char root[32];
	char *state; /* XDG_STATE_HOME; not created: the module makes it */
	char *files; /* where the edited files live */
	char *dir;   /* state/checksheet */
	char *hist;  /* state/checksheet/positions */
} fixture;

static int setup(void **state)
{
	fixture *fx = xcalloc(1, sizeof *fx);
	strcpy(fx->root, "/tmp/cs-poshist-XXXXXX");
	if (!mkdtemp(fx->root))
		return -1;
	fx->state = xasprintf("%s/state", fx->root);
	fx->files = xasprintf("%s/files", fx->root);
	fx->dir = xasprintf("%s/checksheet", fx->state);
	fx->hist = xasprintf("%s/positions", fx->dir);
	if (mkdir(fx->files, 0755) != 0)
		return -1;
	setenv("XDG_STATE_HOME", fx->state, 1);
	*state = fx;
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	fixture *fx = *state;
	if (chdir(saved_cwd) != 0)
		return -1;
	chmod(fx->dir, 0700);
	nftw(fx->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	unsetenv("XDG_STATE_HOME");
	if (saved_home)
		setenv("HOME", saved_home, 1);
	else
		unsetenv("HOME");
	free(fx->state);
	free(fx->files);
	free(fx->dir);
	free(fx->hist);
	free(fx);
	return 0;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* An empty file named name among the edited files; its path as given. */
static char *make_file(const fixture *fx, const char *name)
{
	char *path = xasprintf("%s/%s", fx->files, name);
	write_bytes(path, "", 0);
	return path;
}

static char *canon(const char *path)
{
	char *r = realpath(path, NULL);
	assert_non_null(r);
	return r;
}

/* The whole file, NUL-terminated, or NULL when it cannot be read. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t len = 0, cap = 4096;
	char *buf = xmalloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The entries of a directory, . and .. aside. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* Every line of the history parses: no NUL, an absolute path, one tab, an
 * item, the newline; at most POSHIST_MAX_ENTRIES of them. */
static void assert_wellformed(const char *hist)
{
	struct stat st;
	assert_int_equal(stat(hist, &st), 0);
	char *text = slurp(hist);
	assert_non_null(text);
	assert_int_equal(strlen(text), (size_t)st.st_size);
	assert_true(count_lines(text) <= POSHIST_MAX_ENTRIES);
	for (char *line = text; *line;) {
		char *nl = strchr(line, '\n');
		assert_non_null(nl);
		assert_true(nl - line <= POSHIST_MAX_LINE);
		assert_int_equal(line[0], '/');
		char *tab = memchr(line, '\t', (size_t)(nl - line));
		assert_non_null(tab);
		assert_true(tab + 1 < nl);
		assert_null(memchr(tab + 1, '\t', (size_t)(nl - tab - 1)));
		line = nl + 1;
	}
	free(text);
}

static void assert_lookup(const char *path, const char *want)
{
	char *got = poshist_lookup(path);
	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
	} else
		assert_null(got);
	free(got);
}

static void assert_record(const char *path, const char *item)
{
	char *err = (char *)"unset";
	bool ok = poshist_record(path, item, &err);
	if (!ok)
		fail_msg("record failed: %s", err ? err : "(no message)");
	assert_null(err);
}

/* The history holds exactly want. */
static void assert_history(const fixture *fx, const char *want)
{
	char *got = slurp(fx->hist);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_record_then_lookup(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml"), *b = make_file(fx, "b.yaml");
	char *file = poshist_file();
	assert_non_null(file);
	assert_string_equal(file, fx->hist);
	free(file);
	assert_lookup(a, NULL); /* no history yet */
	assert_int_equal(access(fx->hist, F_OK), -1);

	assert_record(a, "availability-rate");
	assert_lookup(a, "availability-rate");
	assert_lookup(b, NULL);
	char *missing = xasprintf("%s/none.yaml", fx->files);
	assert_lookup(missing, NULL);
	assert_lookup(NULL, NULL);
	char *ra = canon(a);
	char *want = xasprintf("%s\tavailability-rate\n", ra);
	assert_history(fx, want);
	assert_int_equal(count_entries(fx->dir), 1); /* no temporary file left */

	/* any text without tab or newline is an item */
	assert_record(b, "項目 #3");
	assert_lookup(b, "項目 #3");
	assert_lookup(a, "availability-rate");
	free(want);
	free(ra);
	free(missing);
	free(a);
	free(b);
}

static void test_second_record_moves_last(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml"), *b = make_file(fx, "b.yaml"), *c = make_file(fx, "c.yaml");
	assert_record(a, "rto");
	assert_record(b, "rpo");
	assert_record(c, "sla");
	assert_record(a, "availability-rate");
	char *ra = canon(a), *rb = canon(b), *rc = canon(c);
	char *want = xasprintf("%s\trpo\n%s\tsla\n%s\tavailability-rate\n", rb, rc, ra);
	assert_history(fx, want);
	assert_lookup(a, "availability-rate");
	free(want);
	/* the same item again: still one line, now last */
	assert_record(b, "rpo");
	want = xasprintf("%s\tsla\n%s\tavailability-rate\n%s\trpo\n", rc, ra, rb);
	assert_history(fx, want);
	free(want);
	free(ra);
	free(rb);
	free(rc);
	free(a);
	free(b);
	free(c);
}

static void test_keeps_newest_200(void **state)
{
	fixture *fx = *state;
	enum { N = 250 };
	char *paths[N];
	for (int i = 0; i < N; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%03d.yaml", i);
		paths[i] = make_file(fx, name);
		char item[32];
		snprintf(item, sizeof item, "item-%d", i);
		assert_record(paths[i], item);
	}
	char *text = slurp(fx->hist);
	assert_non_null(text);
	assert_int_equal(count_lines(text), POSHIST_MAX_ENTRIES);
	char *first = canon(paths[N - POSHIST_MAX_ENTRIES]);
	char *want = xasprintf("%s\titem-%d\n", first, N - POSHIST_MAX_ENTRIES);
	assert_memory_equal(text, want, strlen(want)); /* the oldest kept comes first */
	free(want);
	free(first);
	free(text);
	assert_lookup(paths[0], NULL);
	assert_lookup(paths[N - POSHIST_MAX_ENTRIES - 1], NULL);
	assert_lookup(paths[N - POSHIST_MAX_ENTRIES], "item-50");
	assert_lookup(paths[N - 1], "item-249");

	/* a file already there moves last; nothing else goes */
	assert_record(paths[100], "again");
	text = slurp(fx->hist);
	assert_int_equal(count_lines(text), POSHIST_MAX_ENTRIES);
	free(text);
	assert_lookup(paths[N - POSHIST_MAX_ENTRIES], "item-50");
	assert_lookup(paths[100], "again");
	/* a new one drops the oldest */
	char *extra = make_file(fx, "extra.yaml");
	assert_record(extra, "x");
	assert_lookup(paths[N - POSHIST_MAX_ENTRIES], NULL);
	assert_lookup(paths[N - POSHIST_MAX_ENTRIES + 1], "item-51");
	assert_lookup(paths[100], "again");
	free(extra);
	for (int i = 0; i < N; i++)
		free(paths[i]);
}

static void test_any_spelling(void **state)
{
	fixture *fx = *state;
	assert_int_equal(chdir(fx->files), 0);
	assert_int_equal(mkdir("x", 0755), 0);
	write_bytes("x/sheet.yaml", "", 0);
	assert_int_equal(symlink("x/sheet.yaml", "link.yaml"), 0);
	assert_int_equal(symlink("x", "xdir"), 0);

	assert_record("x/sheet.yaml", "rto");
	assert_lookup("./x/../x/sheet.yaml", "rto");
	assert_lookup("link.yaml", "rto");
	assert_lookup("xdir/sheet.yaml", "rto");
	assert_lookup("x//./sheet.yaml", "rto");
	char *abs = xasprintf("%s/x/sheet.yaml", fx->files);
	assert_lookup(abs, "rto");
	/* recorded through the link: the same single line */
	assert_record("link.yaml", "rpo");
	char *real = canon(abs);
	char *want = xasprintf("%s\trpo\n", real);
	assert_history(fx, want);
	assert_lookup("x/sheet.yaml", "rpo");
	free(want);
	free(real);
	free(abs);
}

/* Junk without '/', so that no line of it can parse. */
static void fill_junk(char *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		char c = (char)(seed >> 16);
		buf[i] = c == '/' ? '\t' : c;
	}
}

static void test_corrupt_binary(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	char *ra = canon(a);
	assert_int_equal(mkdir(fx->state, 0700), 0);
	assert_int_equal(mkdir(fx->dir, 0700), 0);
	enum { JUNK = 65536 };
	char *junk = xmalloc(JUNK);
	fill_junk(junk, JUNK, 42);
	write_bytes(fx->hist, junk, JUNK);
	assert_lookup(a, NULL);
	assert_record(a, "rto");
	char *want = xasprintf("%s\trto\n", ra);
	assert_history(fx, want);
	free(want);

	/* our own line, then junk cut into it: the line survives, the rest goes */
	want = xasprintf("%s\tfirst\n", ra);
	size_t wl = strlen(want);
	char *mixed = xmalloc(wl + JUNK);
	memcpy(mixed, want, wl);
	fill_junk(mixed + wl, JUNK, 7);
	write_bytes(fx->hist, mixed, wl + JUNK);
	assert_lookup(a, "first");
	char *b = make_file(fx, "b.yaml");
	char *rb = canon(b);
	assert_record(b, "rpo");
	free(want);
	want = xasprintf("%s\tfirst\n%s\trpo\n", ra, rb);
	assert_history(fx, want);

	/* fully random bytes, slashes too: whatever parses, nothing crashes */
	for (unsigned seed = 1; seed <= 20; seed++) {
		unsigned s = seed;
		for (size_t i = 0; i < JUNK; i++) {
			s = s * 1103515245u + 12345u;
			junk[i] = (char)(s >> 16);
			if (i % 97 == 0)
				junk[i] = '/';
		}
		write_bytes(fx->hist, junk, JUNK);
		assert_lookup(a, NULL);
		assert_record(a, "again");
		assert_lookup(a, "again");
		assert_wellformed(fx->hist);
	}
	free(want);
	free(mixed);
	free(junk);
	free(rb);
	free(b);
	free(ra);
	free(a);
}

static void test_corrupt_too_large(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml"), *b = make_file(fx, "b.yaml");
	char *ra = canon(a), *rb = canon(b);
	assert_int_equal(mkdir(fx->state, 0700), 0);
	assert_int_equal(mkdir(fx->dir, 0700), 0);

	/* exactly the cap: read; a's line last, padded to the byte */
	const size_t cap = POSHIST_MAX_FILE;
	size_t head = strlen(ra) + 1; /* the path and the tab */
	size_t k = 10;
	while ((cap - head - k) % 5 != 0)
		k++;
	size_t m = (cap - head - k) / 5;
	char *buf = xmalloc(2 * 1024 * 1024 + 1);
	for (size_t i = 0; i < m; i++)
		memcpy(buf + 5 * i, "/f\tx\n", 5);
	char *p = buf + 5 * m;
	p += sprintf(p, "%s\t", ra);
	memset(p, 'y', k - 1);
	p[k - 1] = '\n';
	assert_int_equal((size_t)(p + k - buf), cap);
	write_bytes(fx->hist, buf, cap);
	char *item = poshist_lookup(a);
	assert_non_null(item);
	assert_int_equal(strlen(item), k - 1);
	free(item);

	/* one byte more: ignored whole */
	buf[cap] = '\n';
	write_bytes(fx->hist, buf, cap + 1);
	assert_lookup(a, NULL);

	/* 2 MB of well-formed lines, a's among them: ignored */
	size_t big = 2 * 1024 * 1024, len = 0;
	char *line = xasprintf("%s\tstale\n", ra);
	while (len + strlen(line) <= big) {
		memcpy(buf + len, line, strlen(line));
		len += strlen(line);
	}
	write_bytes(fx->hist, buf, len);
	assert_lookup(a, NULL);
	assert_record(b, "rpo");
	char *want = xasprintf("%s\trpo\n", rb);
	assert_history(fx, want);
	assert_lookup(a, NULL);
	free(want);
	free(line);
	free(buf);
	free(ra);
	free(rb);
	free(a);
	free(b);
}

static void test_corrupt_lines(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml"), *b = make_file(fx, "b.yaml"), *c = make_file(fx, "c.yaml");
	char *ra = canon(a), *rb = canon(b), *rc = canon(c);
	assert_int_equal(mkdir(fx->state, 0700), 0);
	assert_int_equal(mkdir(fx->dir, 0700), 0);

	char *longitem = xmalloc(10000);
	memset(longitem, 'z', 9999);
	longitem[9999] = '\0';
	char *text = xasprintf("%s availability-rate\n"  /* no tab */
			       "%s\t%s\n"		  /* a 10 000-byte line */
			       "%s\trto\textra\n"	  /* two tabs */
			       "a.yaml\trelative\n"	  /* not absolute */
			       "%s\t\n"			  /* no item */
			       "\n"			  /* empty */
			       "%s\tgood\n"		  /* the one line that parses */
			       "%s\tcut",		  /* no newline: truncated */
			       ra, ra, longitem, ra, ra, rb, ra);
	size_t len = strlen(text);
	/* and a NUL in a line of its own, at the front */
	char *withnul = xasprintf("%s\tn\1l\n%s", ra, text);
	char *nul = strchr(withnul, '\1');
	*nul = '\0';
	write_bytes(fx->hist, withnul, strlen(ra) + 5 + len);
	assert_lookup(a, NULL);
	assert_lookup(b, "good");
	assert_record(c, "new");
	char *want = xasprintf("%s\tgood\n%s\tnew\n", rb, rc);
	assert_history(fx, want);
	free(want);
	free(withnul);
	free(text);

	/* the line cap, to the byte: 8192 is read, 8193 is not */
	size_t ilen = POSHIST_MAX_LINE - strlen(ra) - 1;
	char *item = xmalloc(ilen + 2);
	memset(item, 'q', ilen + 1);
	item[ilen] = '\0';
	text = xasprintf("%s\t%s\n", ra, item);
	assert_int_equal(strlen(text), POSHIST_MAX_LINE + 1);
	write_bytes(fx->hist, text, strlen(text));
	assert_lookup(a, item);
	free(text);
	item[ilen] = 'q';
	item[ilen + 1] = '\0';
	text = xasprintf("%s\t%s\n", ra, item);
	write_bytes(fx->hist, text, strlen(text));
	assert_lookup(a, NULL);
	free(text);
	/* nor is such a line recorded */
	assert_record(a, item);
	assert_lookup(a, NULL);
	item[ilen] = '\0';
	assert_record(a, item);
	assert_lookup(a, item);

	/* the same file twice: the later line wins, and a record keeps one */
	text = xasprintf("%s\tone\n%s\ttwo\n%s\tthree\n", ra, rb, ra);
	write_bytes(fx->hist, text, strlen(text));
	assert_lookup(a, "three");
	assert_record(b, "four");
	want = xasprintf("%s\tthree\n%s\tfour\n", ra, rb);
	assert_history(fx, want);
	free(want);
	free(text);
	free(item);
	free(longitem);
	free(ra);
	free(rb);
	free(rc);
	free(a);
	free(b);
	free(c);
}

/* A megabyte of tiny lines naming a few files again and again: read and
 * thinned quickly, not quadratically. */
static void test_corrupt_many_lines(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	assert_int_equal(mkdir(fx->state, 0700), 0);
	assert_int_equal(mkdir(fx->dir, 0700), 0);
	size_t cap = POSHIST_MAX_FILE, len = 0;
	char *buf = xmalloc(cap + 16);
	for (unsigned i = 0; len + 12 < cap; i++)
		len += (size_t)sprintf(buf + len, "/%u\tx\n", i % 199);
	write_bytes(fx->hist, buf, len);
	assert_lookup(a, NULL);
	assert_record(a, "rto");
	char *text = slurp(fx->hist);
	assert_int_equal(count_lines(text), 200);
	free(text);
	assert_lookup(a, "rto");

	/* the same with one path only */
	for (len = 0; len + 4 <= cap; len += 4)
		memcpy(buf + len, "/\tx\n", 4);
	write_bytes(fx->hist, buf, len);
	assert_record(a, "rpo");
	char *ra = canon(a);
	char *want = xasprintf("/\tx\n%s\trpo\n", ra);
	assert_history(fx, want);
	free(want);
	free(ra);
	free(buf);
	free(a);
}

static void test_not_a_regular_file(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	assert_int_equal(mkdir(fx->state, 0700), 0);
	assert_int_equal(mkdir(fx->dir, 0700), 0);
	/* a FIFO in the history's place must not hang the reader */
	assert_int_equal(mkfifo(fx->hist, 0600), 0);
	alarm(20);
	assert_lookup(a, NULL);
	assert_record(a, "rto"); /* the rename replaces the FIFO */
	alarm(0);
	assert_lookup(a, "rto");
	struct stat st;
	assert_int_equal(stat(fx->hist, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* a symbolic link to a device */
	assert_int_equal(unlink(fx->hist), 0);
	assert_int_equal(symlink("/dev/zero", fx->hist), 0);
	assert_lookup(a, NULL);
	free(a);
}

static void assert_record_fails(const char *path, const char *want_in_message)
{
	char *err = NULL;
	assert_false(poshist_record(path, "rto", &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "position history"));
	assert_non_null(strstr(err, want_in_message));
	free(err);
	assert_false(poshist_record(path, "rto", NULL)); /* no message wanted */
}

static void test_unwritable(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");

	/* the state directory's place taken by a file */
	write_bytes(fx->state, "", 0);
	assert_record_fails(a, fx->state);
	assert_int_equal(unlink(fx->state), 0);

	/* ours taken by a file */
	assert_int_equal(mkdir(fx->state, 0700), 0);
	write_bytes(fx->dir, "", 0);
	assert_record_fails(a, fx->dir);
	assert_int_equal(unlink(fx->dir), 0);

	/* the history's place taken by a directory: the rename fails, and the
	 * temporary file goes */
	assert_int_equal(mkdir(fx->dir, 0700), 0);
	assert_int_equal(mkdir(fx->hist, 0700), 0);
	assert_record_fails(a, fx->hist);
	assert_lookup(a, NULL);
	assert_int_equal(count_entries(fx->dir), 1);
	assert_int_equal(rmdir(fx->hist), 0);

	/* a directory we may not write (root may write anywhere) */
	assert_record(a, "availability-rate");
	if (geteuid() != 0) {
		assert_int_equal(chmod(fx->dir, 0500), 0);
		assert_record_fails(a, fx->dir);
		assert_int_equal(chmod(fx->dir, 0700), 0);
		assert_lookup(a, "availability-rate"); /* the old history is intact */
		assert_int_equal(count_entries(fx->dir), 1);
	}
	free(a);
}

static void test_modes(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	mode_t old = umask(0);
	assert_record(a, "rto");
	struct stat st;
	assert_int_equal(stat(fx->state, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(stat(fx->dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(stat(fx->hist, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* a history someone made readable becomes private again */
	assert_int_equal(chmod(fx->hist, 0644), 0);
	assert_record(a, "rpo");
	assert_int_equal(stat(fx->hist, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* an existing directory's mode is the user's business */
	assert_int_equal(chmod(fx->dir, 0750), 0);
	assert_record(a, "sla");
	assert_int_equal(stat(fx->dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	umask(old);
	free(a);
}

static void test_home_fallback(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	char *home = xasprintf("%s/home", fx->root);
	assert_int_equal(mkdir(home, 0755), 0);
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", "relative/state", 1); /* ignored: not absolute */
	char *want = xasprintf("%s/.local/state/checksheet/positions", home);
	char *file = poshist_file();
	assert_non_null(file);
	assert_string_equal(file, want);
	free(file);
	unsetenv("XDG_STATE_HOME");
	file = poshist_file();
	assert_string_equal(file, want);
	free(file);

	assert_record(a, "rto");
	assert_lookup(a, "rto");
	struct stat st;
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	const char *parts[] = {"/.local", "/.local/state", "/.local/state/checksheet"};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		char *d = xasprintf("%s%s", home, parts[i]);
		assert_int_equal(stat(d, &st), 0);
		assert_true(S_ISDIR(st.st_mode));
		assert_int_equal(st.st_mode & 07777, 0700);
		free(d);
	}
	/* XDG_STATE_HOME wins when set */
	setenv("XDG_STATE_HOME", fx->state, 1);
	assert_lookup(a, NULL);
	free(want);
	free(home);
	free(a);
}

static void test_no_home(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	assert_int_equal(chdir(fx->files), 0);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_null(poshist_file());
	assert_lookup(a, NULL);
	char *err = (char *)"unset";
	assert_true(poshist_record(a, "rto", &err));
	assert_null(err);
	assert_lookup(a, NULL);
	/* empty values count as unset */
	setenv("XDG_STATE_HOME", "", 1);
	setenv("HOME", "", 1);
	assert_null(poshist_file());
	assert_true(poshist_record(a, "rto", NULL));
	assert_lookup(a, NULL);
	/* nothing written anywhere we can see */
	assert_int_equal(access(fx->state, F_OK), -1);
	assert_int_equal(count_entries(fx->files), 1);
	free(a);
}

static void test_not_recorded(void **state)
{
	fixture *fx = *state;
	char *a = make_file(fx, "a.yaml");
	char *odd = make_file(fx, "new\nline.yaml");
	char *tabbed = make_file(fx, "tab\there.yaml");
	char *missing = xasprintf("%s/none.yaml", fx->files);
	char *err = (char *)"unset";
	assert_true(poshist_record(a, "bad\titem", &err));
	assert_null(err);
	assert_true(poshist_record(a, "bad\nitem", NULL));
	assert_true(poshist_record(a, "", NULL));
	assert_true(poshist_record(a, NULL, NULL));
	assert_true(poshist_record(NULL, "rto", NULL));
	assert_true(poshist_record(odd, "rto", NULL));
	assert_true(poshist_record(tabbed, "rto", NULL));
	assert_true(poshist_record(missing, "rto", NULL));
	assert_int_equal(access(fx->hist, F_OK), -1);
	assert_lookup(odd, NULL);
	/* and they do not disturb what is there */
	assert_record(a, "rto");
	assert_true(poshist_record(odd, "rpo", NULL));
	char *ra = canon(a);
	char *want = xasprintf("%s\trto\n", ra);
	assert_history(fx, want);
	free(want);
	free(ra);
	free(missing);
	free(tabbed);
	free(odd);
	free(a);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char *home = getenv("HOME");
	saved_home = home ? xstrdup(home) : NULL;
	saved_cwd = getcwd(NULL, 0);
	if (!saved_cwd)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_record_then_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_record_moves_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keeps_newest_200, setup, teardown),
		cmocka_unit_test_setup_teardown(test_any_spelling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_binary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_many_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_regular_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_home_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_home, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_recorded, setup, teardown),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	free(saved_cwd);
	free(saved_home);
	return r;
}
