/* Saving: backups single and numbered, through symlinks, owner and mode
 * kept, hard links reported, leftovers of killed saves removed, and every
 * failure leaving the file as it was. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/atomic_file.h"
#include "core/backup.h"
#include "core/file_lock.h"
#include "testutil.h"

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_atomic_file.XXXXXX";
	tmpdir = xstrdup(mkdtemp(tmpl));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(tmpdir);
	return 0;
}

/* A fresh directory per test. */
static char *fresh_dir(const char *name)
{
	char *d = xasprintf("%s/%s", tmpdir, name);
	assert_int_equal(mkdir(d, 0755), 0);
	return d;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = xcalloc(1, 1 << 16);
	size_t n = fread(buf, 1, (1 << 16) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void assert_content(const char *path, const char *want)
{
	char *got = slurp(path);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void save_ok(const char *path, const char *text, int backups)
{
	problems ps;
	problems_init(&ps);
	save_options o = {.backups = backups};
	bool ok = atomic_save(path, text, strlen(text), &o, NULL, &ps);
	if (!ok || ps.n)
		dump_problems(&ps);
	assert_true(ok);
	assert_int_equal(ps.n, 0);
	problems_free(&ps);
}

/* Names in dir starting with prefix. */
static int count_named(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static void test_single_backup(void **state)
{
	(void)state;
	char *dir = fresh_dir("single");
	char *path = xasprintf("%s/a.yaml", dir);
	char *bak = xasprintf("%s/a.yaml~", dir);
	save_ok(path, "v1\n", 1); /* a new file: nothing to keep */
	struct stat st;
	assert_int_equal(lstat(bak, &st), -1);
	assert_int_equal(chmod(path, 0640), 0);
	save_ok(path, "v2\n", 1);
	assert_content(path, "v2\n");
	assert_content(bak, "v1\n");
	assert_int_equal(stat(bak, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640); /* the old file itself */
	assert_int_equal(st.st_nlink, 1);
	save_ok(path, "v3\n", 1);
	assert_content(bak, "v2\n");
	/* saving the same bytes again keeps the older backup */
	save_ok(path, "v3\n", 1);
	assert_content(bak, "v2\n");
	char *newest = backup_newest(path, 1);
	assert_string_equal(newest, bak);
	free(newest);
	/* 0: backups off */
	save_ok(path, "v4\n", 0);
	assert_content(bak, "v2\n");
	assert_int_equal(count_named(dir, "a.yaml.tmp"), 0);
	free(bak);
	free(path);
	free(dir);
}

static void test_numbered_backups_keep_n(void **state)
{
	(void)state;
	char *dir = fresh_dir("numbered");
	char *path = xasprintf("%s/a.yaml", dir);
	/* names that are not generations of a.yaml */
	char *other[] = {xasprintf("%s/a.yaml.~x~", dir), xasprintf("%s/a.yaml.~1~~", dir),
			 xasprintf("%s/b.yaml.~9~", dir), xasprintf("%s/a.yaml~", dir)};
	for (size_t i = 0; i < 4; i++)
		put(other[i], "other\n");
	for (int v = 1; v <= 6; v++) {
		char *text = xasprintf("v%d\n", v);
		save_ok(path, text, 3);
		free(text);
	}
	assert_content(path, "v6\n");
	/* backup K holds what save K+1 replaced: 1..5, the newest 3 kept */
	struct stat st;
	for (int k = 1; k <= 5; k++) {
		char *b = xasprintf("%s/a.yaml.~%d~", dir, k);
		if (k <= 2)
			assert_int_equal(lstat(b, &st), -1);
		else {
			char *want = xasprintf("v%d\n", k);
			assert_content(b, want);
			free(want);
		}
		free(b);
	}
	for (size_t i = 0; i < 4; i++) {
		assert_content(other[i], "other\n");
		free(other[i]);
	}
	char *newest = backup_newest(path, 3);
	char *want = xasprintf("%s/a.yaml.~5~", dir);
	assert_string_equal(newest, want);
	free(want);
	free(newest);
	/* numbering goes on from the highest there, like cp --backup=numbered */
	char *high = xasprintf("%s/a.yaml.~41~", dir);
	put(high, "v41\n");
	save_ok(path, "v7\n", 3);
	char *b42 = xasprintf("%s/a.yaml.~42~", dir);
	assert_content(b42, "v6\n");
	assert_content(high, "v41\n");
	char *b4 = xasprintf("%s/a.yaml.~4~", dir);
	assert_int_equal(lstat(b4, &st), -1); /* 5, 41, 42 remain */
	assert_int_equal(count_named(dir, "a.yaml.~"), 3 + 2);
	assert_int_equal(count_named(dir, "a.yaml.tmp"), 0);
	free(b4);
	free(b42);
	free(high);
	free(path);
	free(dir);
}

/* A backup that cannot be made stops the save: the file stays as it was,
 * and no temporary file is left. */
static void test_backup_failure_stops_save(void **state)
{
	(void)state;
	char *dir = fresh_dir("bakfail");
	char *path = xasprintf("%s/a.yaml", dir);
	char *bak = xasprintf("%s/a.yaml~", dir);
	char *inside = xasprintf("%s/a.yaml~/keep", dir);
	save_ok(path, "v1\n", 1);
	assert_int_equal(mkdir(bak, 0755), 0);
	put(inside, "x");
	problems ps;
	problems_init(&ps);
	save_options o = {.backups = 1};
	assert_false(atomic_save(path, "v2\n", 3, &o, NULL, &ps));
	const problem *p = find_code(&ps, "io-error");
	assert_non_null(p);
	assert_string_equal(p->file, path);
	assert_non_null(strstr(p->message, bak));
	assert_non_null(strstr(p->message, "unchanged"));
	assert_content(path, "v1\n");
	assert_int_equal(count_named(dir, "a.yaml.tmp"), 0);
	problems_free(&ps);
	free(inside);
	free(bak);
	free(path);
	free(dir);
}

/* Through a symlink (a chain, relative targets): the target is written,
 * the links stay links, the temporary file and the backup are made beside
 * the target. A dangling link creates its target. */
static void test_symlink_save_keeps_link(void **state)
{
	(void)state;
	char *dir = fresh_dir("links");
	char *real = xasprintf("%s/real", dir);
	assert_int_equal(mkdir(real, 0755), 0);
	char *target = xasprintf("%s/real/t.yaml", dir);
	char *link1 = xasprintf("%s/l1.yaml", dir);
	char *link2 = xasprintf("%s/l2.yaml", dir);
	put(target, "old\n");
	assert_int_equal(symlink("real/t.yaml", link1), 0);
	assert_int_equal(symlink("l1.yaml", link2), 0);
	save_ok(link2, "new\n", 1);
	struct stat st;
	assert_int_equal(lstat(link2, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(link1, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	char buf[64];
	ssize_t n = readlink(link1, buf, sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, "real/t.yaml");
	assert_content(target, "new\n");
	char *tbak = xasprintf("%s/real/t.yaml~", dir);
	assert_content(tbak, "old\n");
	assert_int_equal(count_named(dir, "l"), 2); /* l1.yaml l2.yaml, nothing else */
	assert_int_equal(count_named(dir, "l2.yaml"), 1);
	assert_int_equal(count_named(real, "t.yaml.tmp"), 0);

	/* dangling: the target is created, the link kept */
	char *dangling = xasprintf("%s/d.yaml", dir);
	char *dtarget = xasprintf("%s/real/d-target.yaml", dir);
	assert_int_equal(symlink("real/d-target.yaml", dangling), 0);
	save_ok(dangling, "created\n", 1);
	assert_int_equal(lstat(dangling, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_content(dtarget, "created\n");

	/* a target that is not a regular file is refused */
	char *fifo = xasprintf("%s/real/fifo", dir);
	char *flink = xasprintf("%s/f.yaml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("real/fifo", flink), 0);
	problems ps;
	problems_init(&ps);
	assert_false(atomic_write(flink, "x\n", 2, &ps));
	assert_non_null(strstr(ps.v[0].message, "not a regular file"));
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_false(atomic_write(real, "x\n", 2, &ps)); /* a directory */
	problems_free(&ps);
	free(flink);
	free(fifo);
	free(dtarget);
	free(dangling);
	free(tbak);
	free(link2);
	free(link1);
	free(target);
	free(real);
	free(dir);
}

/* A group other than ours, for the group test: any as root, else one of
 * our supplementary groups. */
static bool other_group(gid_t *g)
{
	if (geteuid() == 0) {
		*g = 4242;
		return true;
	}
	gid_t list[64];
	int n = getgroups(64, list);
	for (int i = 0; i < n; i++)
		if (list[i] != getegid()) {
			*g = list[i];
			return true;
		}
	return false;
}

static void test_mode_owner_group_kept(void **state)
{
	(void)state;
	char *dir = fresh_dir("owner");
	char *path = xasprintf("%s/a.yaml", dir);
	put(path, "old\n");
	assert_int_equal(chmod(path, 0640), 0);
	gid_t g;
	bool have_group = other_group(&g);
	uid_t u = geteuid() == 0 ? 4343 : geteuid();
	if (have_group)
		assert_int_equal(chown(path, u, g), 0);
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	save_ok(path, "new\n", 1);
	assert_int_equal(stat(path, &after), 0);
	assert_int_not_equal(after.st_ino, before.st_ino); /* replaced, not rewritten */
	assert_int_equal(after.st_mode & 07777, 0640);
	assert_int_equal(after.st_uid, before.st_uid);
	assert_int_equal(after.st_gid, before.st_gid);
	if (have_group)
		assert_int_equal(after.st_gid, g);
	assert_content(path, "new\n");
	/* a new file gets 0666 less the umask */
	mode_t um = umask(027);
	char *fresh = xasprintf("%s/fresh.yaml", dir);
	save_ok(fresh, "x\n", 1);
	umask(um);
	assert_int_equal(stat(fresh, &after), 0);
	assert_int_equal(after.st_mode & 07777, 0640);
	free(fresh);
	free(path);
	free(dir);
}

/* A shared file of another user's, in a directory we may write: the save
 * cannot give it back to its owner, and says so. Needs root, to make the
 * other user (and to become one). */
static void test_owner_change_warned(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	assert_int_equal(chmod(tmpdir, 0755), 0); /* mkdtemp's 0700 would keep the other user out */
	char *dir = fresh_dir("shared");
	assert_int_equal(chmod(dir, 0777), 0); /* no sticky bit: anyone may replace */
	char *path = xasprintf("%s/a.yaml", dir);
	put(path, "old\n");
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(chown(path, 4343, 4343), 0);
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(pipefd[0]);
		if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
			_exit(3);
		problems ps;
		problems_init(&ps);
		bool ok = atomic_write(path, "new\n", 4, &ps);
		const problem *p = find_code(&ps, "owner-changed");
		if (!ok || !p || p->sev != SEV_WARNING || ps.n != 1) {
			for (size_t i = 0; i < ps.n; i++)
				fprintf(stderr, "  %s: %s\n", ps.v[i].code, ps.v[i].message);
			_exit(1);
		}
		if (write(pipefd[1], p->message, strlen(p->message)) < 0)
			_exit(2);
		_exit(0);
	}
	close(pipefd[1]);
	char msg[512] = "";
	ssize_t n = read(pipefd[0], msg, sizeof msg - 1);
	close(pipefd[0]);
	msg[n > 0 ? n : 0] = '\0';
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(msg, strerror(EPERM)));
	assert_content(path, "new\n");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_uid, 65534);
	assert_int_equal(st.st_mode & 07777, 0666); /* the mode is kept all the same */
	free(path);
	free(dir);
}

/* The save breaks a hard link (the other name keeps the old content) and
 * says so with a warning. */
static void test_hard_link_reported(void **state)
{
	(void)state;
	char *dir = fresh_dir("hard");
	char *path = xasprintf("%s/a.yaml", dir);
	char *other = xasprintf("%s/b.yaml", dir);
	put(path, "old\n");
	assert_int_equal(link(path, other), 0);
	problems ps;
	problems_init(&ps);
	assert_true(atomic_write(path, "new\n", 4, &ps));
	const problem *p = find_code(&ps, "hard-link");
	assert_non_null(p);
	assert_int_equal(p->sev, SEV_WARNING);
	assert_string_equal(p->file, path);
	assert_int_equal(problems_count(&ps, SEV_FATAL) + problems_count(&ps, SEV_ERROR), 0);
	assert_content(path, "new\n");
	assert_content(other, "old\n");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_nlink, 1);
	/* no longer linked: no warning next time */
	problems_free(&ps);
	problems_init(&ps);
	assert_true(atomic_write(path, "newer\n", 6, &ps));
	assert_int_equal(ps.n, 0);
	problems_free(&ps);
	free(other);
	free(path);
	free(dir);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Leftovers of killed saves (FILE.tmpXXXXXX) are removed by the next save:
 * only that exact pattern, regular files we own, older than the lock, and
 * not held by a live save. */
static void test_leftover_temps_removed(void **state)
{
	(void)state;
	char *dir = fresh_dir("leftovers");
	char *path = xasprintf("%s/a.yaml", dir);
	put(path, "old\n");
#define NAME(s) xasprintf("%s/%s", dir, s)
	char *gone[] = {NAME("a.yaml.tmpAbC123"), NAME("a.yaml.tmp9zZ0aa")};
	char *kept[] = {NAME("a.yaml.tmpXYZ"), NAME("a.yaml.tmpABCDEFG"), NAME("b.yaml.tmpQWERTY"),
			NAME("a.yaml.tmp12345-"), NAME("xa.yaml.tmpABCDEF")};
	char *link = NAME("a.yaml.tmpSYMLNK");
	char *busy = NAME("a.yaml.tmpBUSY00");
	char *theirs = NAME("a.yaml.tmpOTHER0");
	char *newer = NAME("a.yaml.tmpNEWER0");
	char *victim = NAME("victim");
#undef NAME
	for (size_t i = 0; i < 2; i++)
		put(gone[i], "half a save");
	for (size_t i = 0; i < 5; i++)
		put(kept[i], "not ours to judge");
	put(victim, "v");
	assert_int_equal(symlink(victim, link), 0);
	put(busy, "a live save");
	int busy_fd = open(busy, O_RDONLY);
	assert_true(busy_fd >= 0);
	assert_int_equal(flock(busy_fd, LOCK_EX), 0);
	bool root = geteuid() == 0;
	if (root) {
		put(theirs, "another user's");
		assert_int_equal(chown(theirs, 4343, 4343), 0);
	}
	sleep_ms(30); /* file times are coarse: the lock is later than all of the above */
	problems ps;
	problems_init(&ps);
	file_lock l;
	assert_true(file_lock_take(path, &l, NULL, &ps));
	sleep_ms(30);
	put(newer, "made after the lock: a concurrent save's");

	save_options o = {.backups = 1, .lock = &l};
	assert_true(atomic_save(path, "new\n", 4, &o, NULL, &ps));
	assert_int_equal(ps.n, 0);
	struct stat st;
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(lstat(gone[i], &st), -1);
		free(gone[i]);
	}
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(lstat(kept[i], &st), 0);
		free(kept[i]);
	}
	assert_int_equal(lstat(link, &st), 0);
	assert_int_equal(lstat(busy, &st), 0);
	assert_int_equal(lstat(newer, &st), 0);
	if (root)
		assert_int_equal(lstat(theirs, &st), 0);
	assert_content(victim, "v");
	assert_content(path, "new\n");
	close(busy_fd);
	file_lock_release(&l);

	/* without a lock: those older than the process. A child started after
	 * the file was made saves, and removes it; the newer temp now has no
	 * live save holding it either. */
	sleep_ms(30);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		problems cps;
		problems_init(&cps);
		_exit(atomic_write(path, "child\n", 6, &cps) ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(lstat(newer, &st), -1);
	assert_int_equal(lstat(busy, &st), -1); /* its flock went with the descriptor */
	assert_content(path, "child\n");
	/* made after this process started: left alone by our own save */
	put(newer, "x");
	assert_true(atomic_write(path, "again\n", 6, &ps));
	assert_int_equal(lstat(newer, &st), 0);
	problems_free(&ps);
	free(victim);
	free(newer);
	free(theirs);
	free(busy);
	free(link);
	free(path);
	free(dir);
}

/* A write that fails half-way (here: the file size limit) leaves the old
 * file and no temporary file, and names the path and the error. */
static void test_write_error_leaves_file(void **state)
{
	(void)state;
	char *dir = fresh_dir("errors");
	char *path = xasprintf("%s/a.yaml", dir);
	put(path, "old\n");
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(pipefd[0]);
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = {1000, 1000};
		setrlimit(RLIMIT_FSIZE, &rl);
		char *big = xmalloc(100000);
		memset(big, 'x', 100000);
		problems ps;
		problems_init(&ps);
		bool ok = atomic_write(path, big, 100000, &ps);
		const char *msg = ps.n ? ps.v[0].message : "";
		if (write(pipefd[1], msg, strlen(msg)) < 0)
			_exit(2);
		_exit(ok ? 1 : 0);
	}
	close(pipefd[1]);
	char msg[512] = "";
	ssize_t n = read(pipefd[0], msg, sizeof msg - 1);
	close(pipefd[0]);
	msg[n > 0 ? n : 0] = '\0';
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_non_null(strstr(msg, strerror(EFBIG)));
	assert_non_null(strstr(msg, "unchanged"));
	assert_content(path, "old\n");
	assert_int_equal(count_named(dir, "a.yaml.tmp"), 0);

	/* no directory: the path is named */
	problems ps;
	problems_init(&ps);
	char *missing = xasprintf("%s/no/such/a.yaml", dir);
	assert_false(atomic_write(missing, "x", 1, &ps));
	assert_string_equal(ps.v[0].file, missing);
	assert_non_null(strstr(ps.v[0].message, strerror(ENOENT)));
	/* a directory we may not write (not as root, who may) */
	if (geteuid() != 0) {
		assert_int_equal(chmod(dir, 0555), 0);
		assert_false(atomic_write(path, "new\n", 4, &ps));
		assert_non_null(strstr(ps.v[ps.n - 1].message, strerror(EACCES)));
		assert_int_equal(chmod(dir, 0755), 0);
		assert_content(path, "old\n");
	}
	problems_free(&ps);
	free(missing);
	free(path);
	free(dir);
}

/* The stream form: pieces written as they come make the same file as one
 * atomic_save; an abort leaves the old file and no temporary; a write
 * error is reported at the commit and leaves the old file. */
static void test_stream_commit_and_abort(void **state)
{
	(void)state;
	char *dir = fresh_dir("stream");
	char *path = xasprintf("%s/out.csv", dir);
	put(path, "old\n");
	problems ps;
	problems_init(&ps);
	atomic_out w;
	assert_true(atomic_out_open(&w, path, NULL, &ps));
	w.hashing = true;
	assert_int_equal(count_named(dir, "out.csv.tmp"), 1);
	assert_content(path, "old\n");  /* nothing shows before the commit */
	assert_true(atomic_out_write(&w, "番号,回答\n", strlen("番号,回答\n")));
	assert_true(atomic_out_write(&w, "1,有\n", strlen("1,有\n")));
	file_state after;
	assert_true(atomic_out_commit(&w, NULL, &after, &ps));
	assert_content(path, "番号,回答\n1,有\n");
	assert_int_equal(count_named(dir, "out.csv.tmp"), 0);
	const char *all = "番号,回答\n1,有\n";
	assert_true(after.hash == file_hash_update(FILE_HASH_INIT, all, strlen(all)));

	assert_true(atomic_out_open(&w, path, NULL, &ps));
	assert_true(atomic_out_write(&w, "half", 4));
	atomic_out_abort(&w);
	assert_content(path, "番号,回答\n1,有\n");
	assert_int_equal(count_named(dir, "out.csv.tmp"), 0);
	assert_int_equal(ps.n, 0);

	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = {1000, 1000};
		setrlimit(RLIMIT_FSIZE, &rl);
		problems cps;
		problems_init(&cps);
		atomic_out cw;
		if (!atomic_out_open(&cw, path, NULL, &cps))
			_exit(3);
		char piece[600];
		memset(piece, 'x', sizeof piece);
		for (int i = 0; i < 5; i++)
			atomic_out_write(&cw, piece, sizeof piece);
		bool ok = atomic_out_commit(&cw, NULL, NULL, &cps);
		_exit(!ok && cps.n && strstr(cps.v[0].message, "unchanged") ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_content(path, "番号,回答\n1,有\n");
	assert_int_equal(count_named(dir, "out.csv.tmp"), 0);
	problems_free(&ps);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_backup),
		cmocka_unit_test(test_stream_commit_and_abort),
		cmocka_unit_test(test_numbered_backups_keep_n),
		cmocka_unit_test(test_backup_failure_stops_save),
		cmocka_unit_test(test_symlink_save_keeps_link),
		cmocka_unit_test(test_mode_owner_group_kept),
		cmocka_unit_test(test_owner_change_warned),
		cmocka_unit_test(test_hard_link_reported),
		cmocka_unit_test(test_leftover_temps_removed),
		cmocka_unit_test(test_write_error_leaves_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
