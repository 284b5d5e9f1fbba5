/* The changed-on-disk fingerprint: what a save compares with before it
 * overwrites a file someone else may have edited. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/atomic_file.h"
#include "core/file_state.h"
#include "testutil.h"

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_file_state.XXXXXX";
	tmpdir = xstrdup(mkdtemp(tmpl));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(tmpdir);
	return 0;
}

static char *put(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static file_state state_of(const char *path)
{
	file_state st;
	problems ps;
	problems_init(&ps);
	assert_true(file_state_of(path, &st, &ps));
	assert_int_equal(ps.n, 0);
	problems_free(&ps);
	return st;
}

static unsigned how_changed(const char *path, const file_state *loaded)
{
	unsigned how;
	problems ps;
	problems_init(&ps);
	assert_true(file_state_compare(path, loaded, &how, &ps));
	bool changed;
	assert_true(file_state_changed(path, loaded, &changed, &ps));
	assert_int_equal(changed, (how & ~(unsigned)FILE_TOUCHED) != 0);
	if (ps.n)
		dump_problems(&ps);
	assert_int_equal(ps.n, 0);
	problems_free(&ps);
	return how;
}

static void test_hash_is_fnv1a(void **state)
{
	(void)state;
	/* the published FNV-1a 64 test vectors */
	assert_true(file_hash_update(FILE_HASH_INIT, "", 0) == UINT64_C(0xcbf29ce484222325));
	assert_true(file_hash_update(FILE_HASH_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(file_hash_update(FILE_HASH_INIT, "foobar", 6) == UINT64_C(0x85944171f73967e8));
	/* in pieces, the same */
	uint64_t h = file_hash_update(FILE_HASH_INIT, "foo", 3);
	assert_true(file_hash_update(h, "bar", 3) == UINT64_C(0x85944171f73967e8));
}

static void test_untouched_file_is_unchanged(void **state)
{
	(void)state;
	char *path = put("same.yaml", "answers:\n  rto:\n    value: 4時間\n");
	file_state st = state_of(path);
	assert_true(st.exists);
	assert_int_equal(st.size, strlen("answers:\n  rto:\n    value: 4時間\n"));
	assert_int_equal(st.nlink, 1);
	assert_int_equal(how_changed(path, &st), 0);
	free(path);
}

/* An edit that keeps the size, with the modification time put back: only
 * the content hash can tell. */
static void test_same_size_and_mtime_edit(void **state)
{
	(void)state;
	char *path = put("edit.yaml", "value: 99.9%\n");
	file_state st = state_of(path);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "99.0", 4, 7), 4); /* "value: 99.0%\n", the same size */
	struct timespec times[2] = {before.st_atim, before.st_mtim};
	assert_int_equal(futimens(fd, times), 0);
	assert_int_equal(close(fd), 0);
	struct stat now;
	assert_int_equal(stat(path, &now), 0);
	assert_int_equal(now.st_size, before.st_size);
	assert_int_equal(now.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(now.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	assert_int_equal(now.st_ino, before.st_ino);
	assert_int_equal(how_changed(path, &st), FILE_MODIFIED);
	/* the same again through utimensat on the path */
	file_state st2 = state_of(path);
	FILE *f = fopen(path, "r+");
	assert_non_null(f);
	fputs("VALUE", f);
	assert_int_equal(fclose(f), 0);
	struct timespec back[2] = {now.st_atim, now.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, path, back, 0), 0);
	assert_int_equal(how_changed(path, &st2), FILE_MODIFIED);
	free(path);
}

/* Another program saved atomically: a new file renamed over ours, even
 * with the same bytes and time, is another file. */
static void test_rename_over(void **state)
{
	(void)state;
	char *path = put("over.yaml", "value: 1\n");
	file_state st = state_of(path);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	char *other = put("over.yaml.new", "value: 1\n");
	struct timespec times[2] = {before.st_atim, before.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, other, times, 0), 0);
	assert_int_equal(rename(other, path), 0);
	unsigned how = how_changed(path, &st);
	assert_true(how & FILE_REPLACED);
	assert_false(how & FILE_MODIFIED);
	/* with new content too */
	st = state_of(path);
	other = (free(other), put("over.yaml.new", "value: 2\n"));
	assert_int_equal(rename(other, path), 0);
	how = how_changed(path, &st);
	assert_true(how & FILE_REPLACED);
	assert_true(how & FILE_MODIFIED);
	free(other);
	free(path);
}

static void test_removed_and_created(void **state)
{
	(void)state;
	char *path = put("gone.yaml", "value: 1\n");
	file_state st = state_of(path);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(how_changed(path, &st), FILE_REMOVED);
	/* a file that did not exist when "loaded" (a new sheet) */
	file_state none = state_of(path);
	assert_false(none.exists);
	assert_int_equal(how_changed(path, &none), 0);
	free(put("gone.yaml", "value: 2\n"));
	assert_int_equal(how_changed(path, &none), FILE_CREATED);
	free(path);
}

/* touch: a new time, the same bytes: not a change worth asking about */
static void test_touch_only(void **state)
{
	(void)state;
	char *path = put("touched.yaml", "value: 1\n");
	file_state st = state_of(path);
	struct timespec later[2] = {{0, UTIME_OMIT}, {st.mtime.tv_sec + 10, 123456789}};
	assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0);
	assert_int_equal(how_changed(path, &st), FILE_TOUCHED);
	/* a different size is modified without hashing */
	free(put("touched.yaml", "value: 12\n"));
	assert_true(how_changed(path, &st) & FILE_MODIFIED);
	free(path);
}

/* file_read_all: the bytes and the fingerprint from one open file; the
 * fingerprint atomic_save returns matches a fresh one. */
static void test_read_all_and_save_fingerprint(void **state)
{
	(void)state;
	char *path = put("read.yaml", "kind: checksheet/answers\n");
	char *data;
	size_t len;
	file_state st;
	problems ps;
	problems_init(&ps);
	assert_true(file_read_all(path, 0, &data, &len, &st, &ps));
	assert_string_equal(data, "kind: checksheet/answers\n");
	assert_int_equal(len, 25);
	file_state fresh = state_of(path);
	assert_true(fresh.hash == st.hash);
	assert_int_equal(fresh.ino, st.ino);
	free(data);
	/* a limit */
	assert_false(file_read_all(path, 10, &data, &len, &st, &ps));
	assert_non_null(find_code(&ps, "too-large"));
	assert_null(data);
	/* a missing file is an error here, with the path */
	char *missing = xasprintf("%s/none.yaml", tmpdir);
	assert_false(file_read_all(missing, 0, &data, &len, &st, &ps));
	assert_string_equal(ps.v[ps.n - 1].file, missing);
	assert_non_null(strstr(ps.v[ps.n - 1].message, strerror(ENOENT)));
	/* a directory is refused */
	assert_false(file_state_of(tmpdir, &st, &ps));
	problems_free(&ps);

	/* our own save: the returned fingerprint is the file's */
	problems_init(&ps);
	file_state after;
	assert_true(atomic_save(path, "kind: checksheet/review\n", 24, NULL, &after, &ps));
	assert_int_equal(ps.n, 0);
	assert_int_equal(how_changed(path, &after), 0);
	fresh = state_of(path);
	assert_true(fresh.hash == after.hash);
	assert_int_equal(fresh.ino, after.ino);
	assert_int_equal(fresh.mtime.tv_nsec, after.mtime.tv_nsec);
	problems_free(&ps);
	free(missing);
	free(path);
}

/* A FIFO put in the file's place does not hang the check. */
static void test_fifo_refused(void **state)
{
	(void)state;
	char *path = put("fifo.yaml", "value: 1\n");
	file_state st = state_of(path);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	unsigned how;
	problems ps;
	problems_init(&ps);
	assert_false(file_state_compare(path, &st, &how, &ps));
	assert_non_null(find_code(&ps, "io-error"));
	problems_free(&ps);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_is_fnv1a),
		cmocka_unit_test(test_untouched_file_is_unchanged),
		cmocka_unit_test(test_same_size_and_mtime_edit),
		cmocka_unit_test(test_rename_over),
		cmocka_unit_test(test_removed_and_created),
		cmocka_unit_test(test_touch_only),
		cmocka_unit_test(test_read_all_and_save_fingerprint),
		cmocka_unit_test(test_fifo_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
