/* Lock files: one editor per file, stale locks of dead processes taken
 * over, garbage and planted symlinks refused. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/file_lock.h"
#include "core/procinfo.h"
#include "testutil.h"

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_file_lock.XXXXXX";
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

static char *in_dir(const char *name) { return xasprintf("%s/%s", tmpdir, name); }

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = xcalloc(1, 8192);
	size_t n = fread(buf, 1, 8191, f);
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

static void test_taken_twice_sees_holder(void **state)
{
	(void)state;
	char *path = in_dir("a.yaml");
	put(path, "kind: checksheet/answers\n");
	char *lpath = in_dir(".a.yaml.lock");
	problems ps;
	problems_init(&ps);
	file_lock l;
	assert_true(file_lock_take(path, &l, NULL, &ps));
	assert_int_equal(ps.n, 0);
	assert_string_equal(l.path, lpath);

	/* beside the file, 0600, one key: value a line */
	struct stat st;
	assert_int_equal(lstat(lpath, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	char *text = slurp(lpath);
	char *want = xasprintf("pid: %ld\n", (long)getpid());
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "\nuser: "));
	assert_non_null(strstr(text, "\nhost: "));
	assert_non_null(strstr(text, "\ntime: "));
	assert_non_null(strstr(text, "\nproc-start: "));
	free(want);
	free(text);

	/* a second take (another editor) fails and says who holds it */
	file_lock l2;
	lock_holder h;
	assert_false(file_lock_take(path, &l2, &h, &ps));
	assert_null(l2.path);
	assert_int_equal(h.kind, LOCK_HOLDER_KNOWN);
	assert_int_equal(h.pid, (long)getpid());
	char *me = proc_user_name(), *host = proc_host_name();
	assert_string_equal(h.user, me);
	assert_string_equal(h.host, host);
	assert_true(h.time <= (long long)time(NULL) && h.time >= (long long)time(NULL) - 60);
	assert_false(file_lock_is_stale(&h)); /* we are alive */
	const problem *p = find_code(&ps, "locked");
	assert_non_null(p);
	assert_string_equal(p->file, path);
	assert_non_null(strstr(p->message, me));
	assert_non_null(strstr(p->message, host));
	char *who = lock_holder_describe(&h);
	char *pid = xasprintf("pid %ld", (long)getpid());
	assert_non_null(strstr(who, pid));
	free(pid);
	free(who);
	/* a take-over of a live lock without force is refused */
	file_lock l3;
	lock_holder h3;
	assert_false(file_lock_take_over(path, &h, false, &l3, &h3, &ps));
	assert_int_equal(h3.kind, LOCK_HOLDER_KNOWN);
	lock_holder_free(&h3);
	lock_holder_free(&h);
	free(me);
	free(host);

	/* released: gone, and free to take again */
	assert_true(file_lock_still_ours(&l));
	file_lock_release(&l);
	assert_null(l.path);
	assert_int_equal(lstat(lpath, &st), -1);
	assert_true(file_lock_take(path, &l, NULL, &ps));
	file_lock_release(&l);
	file_lock_release(&l); /* twice is harmless */
	problems_free(&ps);
	free(lpath);
	free(path);
}

/* A child takes the lock and dies without releasing it: the lock is stale,
 * first as a zombie, then reaped; the parent takes it over. */
static void test_stale_lock_taken_over(void **state)
{
	(void)state;
	char *path = in_dir("stale.yaml");
	put(path, "kind: checksheet/answers\n");
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		problems ps;
		problems_init(&ps);
		file_lock l;
		_exit(file_lock_take(path, &l, NULL, &ps) ? 0 : 1); /* dies holding it */
	}
	/* exited but not reaped: a zombie still has its pid */
	siginfo_t info;
	memset(&info, 0, sizeof info);
	assert_int_equal(waitid(P_PID, (id_t)child, &info, WEXITED | WNOWAIT), 0);
	assert_int_equal(info.si_status, 0);

	problems ps;
	problems_init(&ps);
	file_lock l;
	lock_holder h;
	assert_false(file_lock_take(path, &l, &h, &ps));
	assert_int_equal(h.kind, LOCK_HOLDER_KNOWN);
	assert_int_equal(h.pid, (long)child);
	assert_true(h.proc_start > 0);
	assert_true(file_lock_is_stale(&h)); /* a zombie */
	lock_holder_free(&h);

	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(kill(child, 0), -1);
	assert_int_equal(errno, ESRCH);
	assert_false(file_lock_take(path, &l, &h, &ps));
	assert_int_equal(h.pid, (long)child);
	assert_true(file_lock_is_stale(&h)); /* dead */

	assert_true(file_lock_take_over(path, &h, false, &l, NULL, &ps));
	lock_holder_free(&h);
	assert_true(file_lock_still_ours(&l));
	assert_true(file_lock_read(path, &h, &ps));
	assert_int_equal(h.kind, LOCK_HOLDER_KNOWN);
	assert_int_equal(h.pid, (long)getpid());
	lock_holder_free(&h);
	/* nothing left beside it but the file and its lock */
	char *cmd = xasprintf("test $(ls -A '%s' | grep -c '^\\.stale\\.yaml\\.lock') -eq 1", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	file_lock_release(&l);
	problems_free(&ps);
	free(path);
}

static lock_holder fake_holder(long pid, unsigned long long start, const char *host, const char *boot)
{
	lock_holder h;
	memset(&h, 0, sizeof h);
	h.kind = LOCK_HOLDER_KNOWN;
	h.user = xstrdup("someone");
	h.host = host ? xstrdup(host) : proc_host_name();
	h.pid = pid;
	h.time = (long long)time(NULL);
	h.proc_start = start;
	h.boot_id = boot ? xstrdup(boot) : proc_boot_id();
	return h;
}

/* The pid alone is not enough: a reused pid has another start time; an
 * earlier boot or another host are judged too. */
static void test_stale_rules(void **state)
{
	(void)state;
	unsigned long long start;
	if (!proc_start_ticks((long)getpid(), &start, NULL))
		skip();
	lock_holder h = fake_holder((long)getpid(), start, NULL, NULL);
	assert_false(file_lock_is_stale(&h)); /* us */
	lock_holder_free(&h);
	h = fake_holder((long)getpid(), start + 1, NULL, NULL);
	assert_true(file_lock_is_stale(&h)); /* our pid, but not us: reused */
	lock_holder_free(&h);
	h = fake_holder((long)getpid(), 0, NULL, NULL);
	assert_false(file_lock_is_stale(&h)); /* start unknown: the pid is alive */
	lock_holder_free(&h);
	h = fake_holder((long)getpid(), start, "another-host.invalid", NULL);
	assert_false(file_lock_is_stale(&h)); /* cannot know */
	lock_holder_free(&h);
	char *boot = proc_boot_id();
	if (boot) {
		h = fake_holder((long)getpid(), start, NULL, "00000000-0000-0000-0000-000000000000");
		assert_true(file_lock_is_stale(&h)); /* from an earlier boot */
		lock_holder_free(&h);
	}
	free(boot);
	h = fake_holder(1, 0, NULL, NULL);
	h.kind = LOCK_HOLDER_GARBAGE;
	assert_false(file_lock_is_stale(&h)); /* unknown is never stale */
	lock_holder_free(&h);
}

/* Garbage and truncated lock files: reported as such, holder unknown,
 * replaced only on explicit request. */
static void test_garbage_lock(void **state)
{
	(void)state;
	char *path = in_dir("g.yaml");
	char *lpath = in_dir(".g.yaml.lock");
	put(path, "x\n");
	/* a valid lock cut off in the middle */
	char *full = xasprintf("checksheet-lock: 1\nuser: bob\nhost: h\npid: %ld\ntime: 1\nproc-start: 5\nboot-id: -\n",
			       (long)getpid());
	const char *garbage[] = {"", "\x01\x02 binary", "just some text\n", "checksheet-lock: 1\nuser: bob\nhost: h\n",
				 "checksheet-lock: 1\nuser: bob\nhost: h\npid: 12", "pid: 1\npid: 2\n"};
	problems ps;
	problems_init(&ps);
	for (size_t i = 0; i < sizeof garbage / sizeof *garbage; i++) {
		put(lpath, garbage[i]);
		file_lock l;
		lock_holder h;
		assert_false(file_lock_take(path, &l, &h, &ps));
		assert_int_equal(h.kind, LOCK_HOLDER_GARBAGE);
		assert_null(h.user);
		assert_non_null(find_code(&ps, "lock-garbage"));
		assert_false(file_lock_is_stale(&h));
		char *who = lock_holder_describe(&h);
		assert_non_null(strstr(who, "unknown"));
		free(who);
		/* not without asking */
		lock_holder h2;
		assert_false(file_lock_take_over(path, &h, false, &l, &h2, &ps));
		assert_int_equal(h2.kind, LOCK_HOLDER_GARBAGE);
		lock_holder_free(&h2);
		/* on request */
		assert_true(file_lock_take_over(path, &h, true, &l, NULL, &ps));
		assert_true(file_lock_still_ours(&l));
		file_lock_release(&l);
		lock_holder_free(&h);
	}
	/* the whole one reads */
	put(lpath, full);
	lock_holder h;
	assert_true(file_lock_read(path, &h, &ps));
	assert_int_equal(h.kind, LOCK_HOLDER_KNOWN);
	assert_string_equal(h.user, "bob");
	assert_int_equal(h.proc_start, 5);
	assert_null(h.boot_id);
	lock_holder_free(&h);
	unlink(lpath);
	problems_free(&ps);
	free(full);
	free(lpath);
	free(path);
}

/* A symlink planted at the lock path is never followed: neither to create
 * its target nor to read it. */
static void test_symlink_at_lock_path(void **state)
{
	(void)state;
	char *path = in_dir("s.yaml");
	char *lpath = in_dir(".s.yaml.lock");
	char *victim = in_dir("victim");
	put(path, "x\n");
	assert_int_equal(symlink(victim, lpath), 0); /* dangling */
	problems ps;
	problems_init(&ps);
	file_lock l;
	lock_holder h;
	assert_false(file_lock_take(path, &l, &h, &ps));
	assert_int_equal(h.kind, LOCK_HOLDER_NONE);
	assert_non_null(find_code(&ps, "lock-symlink"));
	struct stat st;
	assert_int_equal(lstat(victim, &st), -1); /* not created */
	/* forced take-over cannot get past it either */
	assert_false(file_lock_take_over(path, &h, true, &l, NULL, &ps));
	assert_int_equal(lstat(victim, &st), -1);
	/* a link to a file that looks like a lock: not read, not removed */
	char *full = xasprintf("checksheet-lock: 1\nuser: bob\nhost: h\npid: 1\ntime: 1\nproc-start: 5\nboot-id: -\n");
	put(victim, full);
	problems_free(&ps);
	problems_init(&ps);
	assert_false(file_lock_read(path, &h, &ps));
	assert_non_null(find_code(&ps, "lock-symlink"));
	assert_false(file_lock_take(path, &l, &h, &ps));
	char *text = slurp(victim);
	assert_string_equal(text, full);
	assert_int_equal(lstat(lpath, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	free(text);
	free(full);
	unlink(lpath);
	problems_free(&ps);
	free(victim);
	free(lpath);
	free(path);
}

/* The lock the user agreed to replace was itself replaced meanwhile (by a
 * live editor): the take-over puts that one back and names its holder. */
static void test_take_over_race_keeps_new_lock(void **state)
{
	(void)state;
	char *path = in_dir("r.yaml");
	char *lpath = in_dir(".r.yaml.lock");
	put(path, "x\n");
	put(lpath, "checksheet-lock: 1\nuser: dead\nhost: h\npid: 1\ntime: 1\nproc-start: 5\nboot-id: -\n");
	problems ps;
	problems_init(&ps);
	lock_holder old;
	assert_true(file_lock_read(path, &old, &ps));
	assert_int_equal(old.kind, LOCK_HOLDER_KNOWN);
	/* someone else takes over first and holds it */
	assert_int_equal(unlink(lpath), 0);
	file_lock theirs;
	assert_true(file_lock_take(path, &theirs, NULL, &ps));
	file_lock mine;
	lock_holder now;
	assert_false(file_lock_take_over(path, &old, true, &mine, &now, &ps));
	assert_null(mine.path);
	assert_int_equal(now.kind, LOCK_HOLDER_KNOWN);
	assert_int_equal(now.pid, (long)getpid());
	assert_true(file_lock_still_ours(&theirs));
	/* a forced take-over of the current one works, and the first
	 * holder's release then leaves the new lock alone */
	assert_true(file_lock_take_over(path, &now, true, &mine, NULL, &ps));
	assert_false(file_lock_still_ours(&theirs));
	file_lock_release(&theirs);
	assert_true(file_lock_still_ours(&mine));
	struct stat st;
	assert_int_equal(lstat(lpath, &st), 0);
	file_lock_release(&mine);
	assert_int_equal(lstat(lpath, &st), -1);
	lock_holder_free(&now);
	lock_holder_free(&old);
	problems_free(&ps);
	free(lpath);
	free(path);
}

/* Through a symlink the lock is the target's: two names, one lock. */
static void test_lock_follows_file_symlink(void **state)
{
	(void)state;
	char *sub = in_dir("real");
	assert_int_equal(mkdir(sub, 0700), 0);
	char *target = in_dir("real/t.yaml");
	char *link = in_dir("t-link.yaml");
	put(target, "x\n");
	assert_int_equal(symlink("real/t.yaml", link), 0);
	problems ps;
	problems_init(&ps);
	char *lp = file_lock_path(link, &ps);
	char *want = in_dir("real/.t.yaml.lock");
	assert_string_equal(lp, want);
	file_lock l;
	assert_true(file_lock_take(link, &l, NULL, &ps));
	lock_holder h;
	file_lock l2;
	assert_false(file_lock_take(target, &l2, &h, &ps));
	assert_int_equal(h.pid, (long)getpid());
	lock_holder_free(&h);
	file_lock_release(&l);
	/* a file not yet there: its lock still has a name */
	char *fresh = in_dir("real/new.yaml");
	char *lp2 = file_lock_path(fresh, &ps);
	char *want2 = in_dir("real/.new.yaml.lock");
	assert_string_equal(lp2, want2);
	/* no directory: an error with the path */
	char *nodir = in_dir("none/x.yaml");
	assert_null(file_lock_path(nodir, &ps));
	assert_string_equal(ps.v[ps.n - 1].file, nodir);
	assert_false(file_lock_take(nodir, &l, NULL, &ps));
	free(nodir);
	free(want2);
	free(lp2);
	free(fresh);
	free(want);
	free(lp);
	problems_free(&ps);
	free(link);
	free(target);
	free(sub);
}

/* A take-over killed half-way leaves .NAME.lock.XXXXXX: the next process
 * to take the lock removes it; a fresh one (a take-over in progress) is
 * left alone. */
static void test_orphans_removed(void **state)
{
	(void)state;
	char *path = in_dir("o.yaml");
	char *orphan = in_dir(".o.yaml.lock.AbC123");
	char *other = in_dir(".o.yaml.lock.AbC1234");
	put(path, "x\n");
	put(orphan, "checksheet-lock: 1\n");
	put(other, "not the pattern");
	problems ps;
	problems_init(&ps);
	file_lock l;
	assert_true(file_lock_take(path, &l, NULL, &ps));
	struct stat st;
	assert_int_equal(lstat(orphan, &st), 0); /* younger than this process */
	file_lock_release(&l);
	struct timespec ms30 = {0, 30000000L};
	nanosleep(&ms30, NULL); /* file times are coarse: the child starts later */
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		problems cps;
		problems_init(&cps);
		file_lock cl;
		bool ok = file_lock_take(path, &cl, NULL, &cps);
		file_lock_release(&cl);
		_exit(ok ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(lstat(orphan, &st), -1);
	assert_int_equal(lstat(other, &st), 0);
	problems_free(&ps);
	free(other);
	free(orphan);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taken_twice_sees_holder),
		cmocka_unit_test(test_stale_lock_taken_over),
		cmocka_unit_test(test_stale_rules),
		cmocka_unit_test(test_garbage_lock),
		cmocka_unit_test(test_symlink_at_lock_path),
		cmocka_unit_test(test_take_over_race_keeps_new_lock),
		cmocka_unit_test(test_lock_follows_file_symlink),
		cmocka_unit_test(test_orphans_removed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
