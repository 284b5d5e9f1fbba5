/* The listing cache of `checksheet templates`: what the listing shows is
 * what loading each file whole shows (a template with errors listed as
 * such, one with no readable id left out), the cache is used while a file
 * is unchanged and never once it changed (a touch that keeps the
 * modification time included), a cache cut short, of another version or
 * unwritable changes nothing of the listing. */
#include <config.h>

#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/catalog_cache.h"
#include "core/paths.h"
#include "testutil.h"

static char tmpdir[] = "/tmp/test_catalog_cache.XXXXXX";
static char *tpl, *cache_home;

static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = xmalloc(1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static const char good[] = "kind: checksheet/template\nid: good-one\nversion: \"3\"\n"
			   "title: {ja: 良いテンプレート, en: A good one}\n"
			   "sections:\n  - id: s\n    title: S\n    items:\n"
			   "      - {id: a, no: \"1\", title: A, unit: text}\n"
			   "      - {id: b, no: \"2\", title: B, unit: percent}\n";
/* an id, then an error: listed, marked */
static const char errs[] = "kind: checksheet/template\nid: with-errors\nversion: \"1\"\ntitle: Errors\n"
			   "sections:\n  - id: s\n    title: S\n    items:\n"
			   "      - {id: a, no: \"1\", title: A, unit: percentage}\n";
/* no id at all: left out */
static const char junk[] = "kind: checksheet/template\ntitle: [unclosed\n";

static const catalog_entry *find_id(const catalog_entry *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

/* Lists and checks the three files; returns the title of good-one in lang
 * (caller frees). */
static char *list_and_check(const char *lang)
{
	catalog_entry *v;
	size_t n = catalog_list(&v, lang);
	const catalog_entry *g = find_id(v, n, "good-one"), *e = find_id(v, n, "with-errors");
	assert_non_null(g);
	assert_non_null(e);
	assert_true(g->ok);
	assert_string_equal(g->version, "3");
	assert_int_equal(g->n_items, 2);
	assert_false(e->ok);
	assert_string_equal(e->title, "Errors");
	for (size_t i = 0; i < n; i++)
		assert_null(strstr(v[i].path, "junk"));
	char *title = xstrdup(g->title);
	catalog_free(v, n);
	return title;
}

static char *cache_file(void) { return xasprintf("%s/checksheet/templates.cache", cache_home); }

/* Replaces text in the cache file, as a test of whether it is read. */
static void edit_cache(const char *from, const char *to)
{
	char *path = cache_file(), *text = read_all(path);
	assert_non_null(text);
	char *at = strstr(text, from);
	assert_non_null(at);
	*at = '\0';
	char *edited = xasprintf("%s%s%s", text, to, at + strlen(from));
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(edited, f);
	assert_int_equal(fclose(f), 0);
	free(edited);
	free(text);
	free(path);
}

static void test_listing_and_cache(void **state)
{
	(void)state;
	/* the files are remembered once they are two seconds old */
	if (!under_valgrind())
		sleep(3);
	char *t = list_and_check("ja");
	assert_string_equal(t, "良いテンプレート");
	free(t);
	char *path = cache_file(), *text = read_all(path);
	if (under_valgrind()) {
		/* too young to remember: the listing is right all the same */
		free(text);
		free(path);
		return;
	}
	assert_non_null(text);
	assert_non_null(strstr(text, "\tgood-one\t3\t2\tLja\t良いテンプレート\tLen\tA good one\n"));
	assert_non_null(strstr(text, "\twith-errors\t"));
	assert_non_null(strstr(text, "junk.yaml\t")); /* remembered as "no id" */
	assert_non_null(strstr(text, "\nend\n"));
	free(text);

	/* unchanged files: the listing comes from the cache, in any language */
	edit_cache("\tLen\tA good one\n", "\tLen\tFrom the cache\n");
	t = list_and_check("en");
	assert_string_equal(t, "From the cache");
	free(t);

	/* a touch that puts the modification time back still changes the
	 * status-change time: the file is loaded again */
	char *g = xasprintf("%s/good.yaml", tpl);
	struct stat st;
	assert_int_equal(stat(g, &st), 0);
	struct timespec times[2] = {st.st_atim, st.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, g, times, 0), 0);
	t = list_and_check("en");
	assert_string_equal(t, "A good one");
	free(t);
	free(g);

	/* a cache cut short, of another version, or with a bad line: ignored */
	static const char *const bad[][2] = {
		{"\nend\n", "\n"},
		{"checksheet templates cache 1\t", "checksheet templates cache 1\tX"},
		{"\twith-errors\t", "\twith-errors\\q\t"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		edit_cache(bad[k][0], bad[k][1]);
		t = list_and_check("en");
		assert_string_equal(t, "A good one");
		free(t);
		/* and written anew */
		text = read_all(path);
		const char *head = "checksheet templates cache 1\t" PACKAGE_VERSION "\n";
		assert_memory_equal(text, head, strlen(head));
		assert_non_null(strstr(text, "\twith-errors\t"));
		assert_null(strstr(text, "\\q"));
		assert_non_null(strstr(text, "\nend\n"));
		free(text);
	}
	free(path);

	/* nowhere to write it: the listing is right all the same */
	setenv("XDG_CACHE_HOME", "/dev/null/cache", 1);
	t = list_and_check("ja");
	assert_string_equal(t, "良いテンプレート");
	free(t);
	setenv("XDG_CACHE_HOME", cache_home, 1);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!mkdtemp(tmpdir))
		return 1;
	tpl = xasprintf("%s/tpl", tmpdir);
	cache_home = xasprintf("%s/cache", tmpdir);
	if (mkdir(tpl, 0700) != 0)
		return 1;
	free(write_file(tpl, "good.yaml", good));
	free(write_file(tpl, "errs.yaml", errs));
	free(write_file(tpl, "junk.yaml", junk));
	/* before anything reads the search path */
	setenv("CHECKSHEET_TEMPLATE_PATH", tpl, 1);
	setenv("XDG_CACHE_HOME", cache_home, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listing_and_cache),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		r = 1;
	free(cmd);
	free(tpl);
	free(cache_home);
	return r;
}
