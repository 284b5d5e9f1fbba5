/* Never trust a file: every dimension of every input has a limit with a
 * clear error at FILE:LINE:COLUMN, inputs that are not regular files are
 * refused without blocking, a template named by an answers file stays in
 * its tree, sizes parse exactly, and big inputs stay linear. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/paths.h"
#include "core/problems.h"
#include "core/requirements.h"
#include "core/review.h"
#include "core/strbuf.h"
#include "core/template_load.h"
#include "core/validate.h"
#include "core/yaml_reader.h"
#include "testutil.h"

static double cpu_seconds(clock_t since) { return (double)(clock() - since) / CLOCKS_PER_SEC; }

/* Loads text as answers with limits; the one fatal problem must have
 * this code at line:column. */
static void expect_answers_stop(const char *name, const char *text, size_t len, const load_limits *lim,
				const char *code, int line, int column)
{
	answers a;
	problems ps;
	problems_init(&ps);
	bool ok = answers_load_buffer("l.yaml", text, len ? len : strlen(text), lim, &a, &ps);
	const problem *p = find_code(&ps, code);
	if (ok || !p) {
		dump_problems(&ps);
		fail_msg("%s: expected %s", name, code);
	}
	assert_int_equal(p->sev, SEV_FATAL);
	if (p->mark.line != line || p->mark.column != column) {
		dump_problems(&ps);
		fail_msg("%s: %s at %d:%d, expected %d:%d", name, code, p->mark.line, p->mark.column, line, column);
	}
	assert_int_equal(ps.n, 1); /* the reason alone */
	answers_free(&a);
	problems_free(&ps);
}

static void test_defaults_resolve(void **state)
{
	(void)state;
	load_limits old_style = {.max_size = 1000, .max_depth = 10};
	load_limits r = load_limits_resolve(&old_style);
	assert_int_equal(r.max_size, 1000);
	assert_int_equal(r.max_depth, 10);
	assert_int_equal(r.max_scalar, LOAD_DEFAULT_MAX_SCALAR);
	assert_int_equal(r.max_cases, LOAD_DEFAULT_MAX_CASES);
	assert_int_equal(r.max_unknown_items, LOAD_DEFAULT_MAX_UNKNOWN_ITEMS);
	r = load_limits_resolve(NULL);
	assert_int_equal(r.max_size, LOAD_DEFAULT_MAX_SIZE);
	assert_int_equal(r.max_items, LOAD_DEFAULT_MAX_ITEMS);
	assert_int_equal(load_limits_default.max_rules, LOAD_DEFAULT_MAX_RULES);
}

static void test_each_limit(void **state)
{
	(void)state;
	load_limits lim = {.max_size = 1 << 20, .max_depth = 64, .max_scalar = 20, .max_items = 2, .max_cases = 2,
			   .max_rows = 2, .max_revisions = 2, .max_list = 2, .max_unknown = 2};
	expect_answers_stop("scalar",
			    "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: 0123456789abcdefghijk}\n", 0,
			    &lim, "too-long", 4, 16);
	expect_answers_stop("key", "kind: checksheet/answers\ntemplate: m\nanswers:\n  a-very-long-key-of-21: {}\n", 0,
			    &lim, "too-long", 4, 3);
	expect_answers_stop("answers", "kind: checksheet/answers\ntemplate: m\nanswers:\n  a: {}\n  b: {}\n  c: {}\n", 0,
			    &lim, "too-many-items", 6, 3);
	expect_answers_stop("cases",
			    "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto:\n    cases:\n"
			    "    - {when: a, value: 1h}\n    - {when: b, value: 1h}\n    - {when: c, value: 1h}\n",
			    0, &lim, "too-many-cases", 8, 7);
	expect_answers_stop("rows",
			    "kind: checksheet/answers\ntemplate: m\nanswers:\n  t:\n    rows:\n    - {a: x}\n    - {a: y}\n"
			    "    - {a: z}\n",
			    0, &lim, "too-many-rows", 8, 7);
	expect_answers_stop("cells", "kind: checksheet/answers\ntemplate: m\nanswers:\n  t:\n    rows:\n    - {a: x, b: y, c: z}\n",
			    0, &lim, "too-many-entries", 6, 20);
	expect_answers_stop("revisions",
			    "kind: checksheet/answers\ntemplate: m\nrevisions:\n- {version: a}\n- {version: b}\n- {version: c}\n", 0,
			    &lim, "too-many-revisions", 6, 3);
	expect_answers_stop("unknown keys", "kind: checksheet/answers\ntemplate: m\nx: 1\ny: 2\nz: 3\n", 0, &lim,
			    "too-many-unknown", 5, 1);
	expect_answers_stop("nested unknown", "kind: checksheet/answers\ntemplate: m\nx: [1, 2, 3]\n", 0, &lim,
			    "too-many-unknown", 3, 8);
}

static const char tmpl_head[] = "kind: checksheet/template\nid: t\nversion: \"1\"\ntitle: T\nsections:\n";

static void expect_template_stop(const char *name, const char *body, const load_limits *lim, const char *code,
				 int line, int column)
{
	char *text = xasprintf("%s%s", tmpl_head, body);
	template t;
	problems ps;
	problems_init(&ps);
	bool ok = template_load_buffer("t.yaml", text, strlen(text), lim, &t, &ps);
	const problem *p = find_code(&ps, code);
	if (ok || !p) {
		dump_problems(&ps);
		fail_msg("%s: expected %s", name, code);
	}
	if (p->mark.line != line || p->mark.column != column) {
		dump_problems(&ps);
		fail_msg("%s: %s at %d:%d, expected %d:%d", name, code, p->mark.line, p->mark.column, line, column);
	}
	template_free(&t);
	problems_free(&ps);
	free(text);
}

static void test_template_limits(void **state)
{
	(void)state;
	load_limits lim = {.max_size = 1 << 20, .max_depth = 64, .max_items = 2, .max_sections = 2, .max_list = 2};
	expect_template_stop("items",
			     "- id: s\n  title: S\n  items:\n"
			     "  - {id: a, no: \"1\", title: A, unit: text}\n"
			     "  - {id: b, no: \"2\", title: B, unit: text}\n"
			     "  - {id: c, no: \"3\", title: C, unit: text}\n",
			     &lim, "too-many-items", 11, 5);
	expect_template_stop("sections", "- {id: a, title: A}\n- {id: b, title: B}\n- {id: c, title: C}\n", &lim,
			     "too-many-sections", 8, 3);
	expect_template_stop("options",
			     "- id: s\n  title: S\n  items:\n"
			     "  - {id: a, no: \"1\", title: A, unit: choice, options: [x, y, z]}\n",
			     &lim, "too-many-entries", 9, 62);
	expect_template_stop("languages", "- id: s\n  title: {ja: a, en: b, de: c}\n", &lim, "too-many-entries", 7, 25);
}

static void test_rules_and_review_limits(void **state)
{
	(void)state;
	template t;
	assert_true(load_builtin_template("meti-cloud-sla", &t));
	load_limits lim = {.max_size = 1 << 20, .max_depth = 64, .max_rules = 2, .max_items = 2};
	const char *policy = "kind: checksheet/requirements\ntemplate: meti-cloud-sla\nrules:\n"
			     "  rto: \"<= 24時間\"\n  mttr: \"<= 1時間\"\n  availability-rate: \">= 99%\"\n";
	requirements rq;
	problems ps;
	problems_init(&ps);
	assert_false(requirements_load_buffer("p.yaml", policy, strlen(policy), &lim, &t, &rq, &ps));
	const problem *p = find_code(&ps, "too-many-rules");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 6);
	assert_int_equal(p->mark.column, 3);
	requirements_free(&rq);
	problems_free(&ps);

	const char *rv = "kind: checksheet/review\nitems:\n  a: {verdict: ok}\n  b: {verdict: ok}\n  c: {verdict: ok}\n";
	review r;
	problems_init(&ps);
	assert_false(review_load_buffer("r.yaml", rv, strlen(rv), &lim, &r, &ps));
	p = find_code(&ps, "too-many-items");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 5);
	review_free(&r);
	problems_free(&ps);
	/* duplicates are still found where the item index finds them */
	const char *dup = "kind: checksheet/review\nitems:\n  a: {verdict: ok}\n  a: {verdict: ng}\n";
	problems_init(&ps);
	assert_false(review_load_buffer("r.yaml", dup, strlen(dup), NULL, &r, &ps));
	p = find_code(&ps, "duplicate-key");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 4);
	assert_int_equal(p->mark.column, 3);
	review_free(&r);
	problems_free(&ps);
	template_free(&t);
}

/* A million of anything: refused by a limit, quickly. */
static void test_a_million(void **state)
{
	(void)state;
	static const struct {
		const char *head, *line, *code;
	} kinds[] = {
		{"kind: checksheet/answers\ntemplate: m\nanswers:\n", "  x%zu: {value: a}\n", "too-many-items"},
		{"kind: checksheet/answers\ntemplate: m\nanswers:\n  rto:\n    cases:\n", "    - {when: w%zu, value: 1h}\n",
		 "too-many-cases"},
		{"kind: checksheet/answers\ntemplate: m\nrevisions:\n", "- {version: \"%zu\"}\n", "too-many-revisions"},
		{"kind: checksheet/answers\ntemplate: m\n", "x%zu: 1\n", "too-many-unknown"},
	};
	/* past every limit (200 000 answers the highest) either way */
	size_t million = under_valgrind() ? 210000 : 1000000;
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		strbuf sb;
		sb_init(&sb);
		sb_add(&sb, kinds[k].head);
		for (size_t i = 0; i < million; i++)
			sb_printf(&sb, kinds[k].line, i);
		clock_t t0 = clock();
		answers a;
		problems ps;
		problems_init(&ps);
		assert_false(answers_load_buffer("m.yaml", sb.s, sb.len, NULL, &a, &ps));
		double s = cpu_seconds(t0);
		if (!find_code(&ps, kinds[k].code)) {
			dump_problems(&ps);
			fail_msg("a million: no %s", kinds[k].code);
		}
		assert_int_equal(ps.n, 1);
		/* the limit is far below a million: well under a second (the
		 * bound is loose for slow, shared machines) */
		if (s > time_bound(3.0) && !under_valgrind())
			fail_msg("a million (%s): %.2f s", kinds[k].code, s);
		answers_free(&a);
		problems_free(&ps);
		sb_free(&sb);
	}
}

static void test_parse_size(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t want;
	} good[] = {
		{"1", 1}, {"1000000", 1000000}, {"64MiB", (size_t)64 << 20}, {"64M", (size_t)64 << 20},
		{"64m", (size_t)64 << 20}, {"1k", 1024}, {"1K", 1024}, {"1KiB", 1024}, {"2G", (size_t)2 << 30},
		{"1GiB", (size_t)1 << 30}, {"1kB", 1000}, {"1KB", 1000}, {"5MB", 5000000}, {"1GB", 1000000000},
		{"100B", 100}, {"18446744073709551615", SIZE_MAX},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		size_t v = 0;
		const char *why = NULL;
		if (!load_parse_size(good[i].text, &v, &why))
			fail_msg("%s: refused (%s)", good[i].text, why);
		assert_true(v == good[i].want);
	}
	static const char *const bad[] = {"1e30", "1E3", "-5", "-0", "1.5", "0.5M", "0", "", "lots", "5 MB",
					  "5Mi", "5TB", "18446744073709551616", "99999999999999999999999",
					  "17179869184G", "1,000", "0x10", "nan", "inf"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t v = 12345;
		const char *why = NULL;
		if (load_parse_size(bad[i], &v, &why))
			fail_msg("\"%s\" accepted as %zu", bad[i], v);
		assert_non_null(why);
		assert_int_equal(v, 12345); /* untouched */
	}
}

static char *make_dir(void)
{
	char tmpl[] = "/tmp/cs-limits-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void on_alarm(int sig) { (void)sig; }

static void test_file_read_refuses_non_regular(void **state)
{
	(void)state;
	char *dir = make_dir();
	char *fifo = xasprintf("%s/fifo.yaml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* a FIFO with no writer would block a plain open(): an alarm turns a
	 * hang into a failure */
	signal(SIGALRM, on_alarm);
	alarm(5);
	char *buf;
	size_t len;
	problems ps;
	problems_init(&ps);
	assert_false(file_read(fifo, 1000, &buf, &len, &ps));
	alarm(0);
	const problem *p = find_code(&ps, "io-error");
	assert_non_null(p);
	assert_non_null(strstr(p->message, "FIFO"));
	problems_free(&ps);
	problems_init(&ps);
	assert_false(file_read("/dev/null", 1000, &buf, &len, &ps));
	assert_non_null(find_code(&ps, "io-error"));
	problems_free(&ps);
	problems_init(&ps);
	assert_false(file_read(dir, 1000, &buf, &len, &ps));
	assert_non_null(strstr(ps.v[0].message, "directory"));
	problems_free(&ps);
	/* every loader goes through it */
	answers a;
	problems_init(&ps);
	alarm(5);
	assert_false(answers_load_file(fifo, NULL, &a, &ps));
	alarm(0);
	assert_non_null(find_code(&ps, "io-error"));
	answers_free(&a);
	problems_free(&ps);
	/* a symbolic link to a regular file is followed, unless refused */
	char *target = xasprintf("%s/real.yaml", dir), *link = xasprintf("%s/link.yaml", dir);
	write_file(target, "kind: checksheet/answers\ntemplate: m\n");
	assert_int_equal(symlink(target, link), 0);
	problems_init(&ps);
	assert_true(file_read(link, 1000, &buf, &len, &ps));
	free(buf);
	assert_false(file_read_ex(link, 1000, true, &buf, &len, &ps));
	assert_non_null(find_code(&ps, "io-error"));
	problems_free(&ps);
	unlink(link);
	unlink(target);
	unlink(fifo);
	rmdir(dir);
	free(link);
	free(target);
	free(fifo);
	free(dir);
}

/* An answers file in dir naming `name` as its template. */
static bool load_named(const char *dir, const char *name, template *t, problems *ps)
{
	char *answers_path = xasprintf("%s/a.yaml", dir);
	bool ok = catalog_load(name, dir, NULL, t, ps, answers_path, (cs_mark){2, 11});
	free(answers_path);
	return ok;
}

static void expect_unsafe(const char *dir, const char *name)
{
	template t;
	problems ps;
	problems_init(&ps);
	signal(SIGALRM, on_alarm);
	alarm(5);
	bool ok = load_named(dir, name, &t, &ps);
	alarm(0);
	const problem *p = find_code(&ps, "unsafe-template-path");
	if (ok || !p) {
		dump_problems(&ps);
		fail_msg("template: %s was not refused", name);
	}
	/* at the answers file's template: key, naming what was asked for */
	assert_int_equal(p->mark.line, 2);
	assert_int_equal(p->mark.column, 11);
	assert_non_null(strstr(p->file, "/a.yaml"));
	template_free(&t);
	problems_free(&ps);
}

static void test_template_paths(void **state)
{
	(void)state;
	char *top = make_dir();
	char *dir = xasprintf("%s/answers", top);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *sub = xasprintf("%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	char *meti = src_path("data/templates/meti-cloud-sla.yaml");
	char *inside = xasprintf("%s/t.yaml", sub), *outside = xasprintf("%s/outside.yaml", top);
	FILE *in = fopen(meti, "r");
	assert_non_null(in);
	FILE *o1 = fopen(inside, "w"), *o2 = fopen(outside, "w");
	int c;
	while ((c = fgetc(in)) != EOF) {
		fputc(c, o1);
		fputc(c, o2);
	}
	fclose(in);
	fclose(o1);
	fclose(o2);
	char *link_out = xasprintf("%s/out.yaml", dir), *link_in = xasprintf("%s/in.yaml", dir);
	assert_int_equal(symlink(outside, link_out), 0);
	assert_int_equal(symlink(inside, link_in), 0);
	char *fifo = xasprintf("%s/fifo.yaml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	char *devlink = xasprintf("%s/dev.yaml", dir);
	assert_int_equal(symlink("/dev/zero", devlink), 0);

	/* allowed: an id, a file below, a link that stays inside, the
	 * template directories */
	template t;
	problems ps;
	problems_init(&ps);
	assert_true(load_named(dir, "meti-cloud-sla", &t, &ps));
	template_free(&t);
	assert_true(load_named(dir, "sub/t.yaml", &t, &ps));
	template_free(&t);
	assert_true(load_named(dir, "in.yaml", &t, &ps));
	template_free(&t);
	assert_true(load_named(dir, "./sub/../sub/t.yaml", &t, &ps));
	template_free(&t);
	assert_true(load_named(dir, meti, &t, &ps)); /* uninstalled: a template directory */
	template_free(&t);
	if (ps.n)
		dump_problems(&ps);
	assert_int_equal(ps.n, 0);
	problems_free(&ps);

	/* refused */
	expect_unsafe(dir, "/etc/passwd");
	expect_unsafe(dir, "../outside.yaml");
	expect_unsafe(dir, outside);
	expect_unsafe(dir, "out.yaml");
	expect_unsafe(dir, "fifo.yaml");
	expect_unsafe(dir, "dev.yaml");
	expect_unsafe(dir, "/dev/zero");
	expect_unsafe(dir, "/proc/self/status");
	expect_unsafe(dir, "sub/");
	expect_unsafe(dir, "sub/t.yml");

	/* a missing file is unknown, not unsafe */
	problems_init(&ps);
	assert_false(load_named(dir, "nope.yaml", &t, &ps));
	assert_non_null(find_code(&ps, "unknown-template"));
	template_free(&t);
	problems_free(&ps);

	/* -t on the command line (no base directory): any regular file, but
	 * still never a FIFO */
	problems_init(&ps);
	assert_true(catalog_load(outside, NULL, NULL, &t, &ps, NULL, (cs_mark){0, 0}));
	template_free(&t);
	signal(SIGALRM, on_alarm);
	alarm(5);
	assert_false(catalog_load(fifo, NULL, NULL, &t, &ps, NULL, (cs_mark){0, 0}));
	alarm(0);
	assert_non_null(find_code(&ps, "io-error"));
	template_free(&t);
	problems_free(&ps);

	unlink(devlink);
	unlink(fifo);
	unlink(link_in);
	unlink(link_out);
	unlink(inside);
	unlink(outside);
	rmdir(sub);
	rmdir(dir);
	rmdir(top);
	free(devlink);
	free(fifo);
	free(link_in);
	free(link_out);
	free(inside);
	free(outside);
	free(meti);
	free(sub);
	free(dir);
	free(top);
}

static void test_quoted_values_cut(void **state)
{
	(void)state;
	strbuf big;
	sb_init(&big);
	for (int i = 0; i < 5000; i++)
		sb_add(&big, "あ");
	problems ps;
	problems_init(&ps);
	problems_add(&ps, "f", (cs_mark){1, 1}, SEV_ERROR, "x", "\"%s\" does not read as a duration", big.s);
	const char *m = ps.v[0].message;
	/* 200 characters of the value, an ellipsis, the rest of the message */
	assert_int_equal(strncmp(m, "\"あ", 4), 0);
	const char *cut = strstr(m, "…\"");
	assert_non_null(cut);
	assert_int_equal((size_t)(cut - m), 1 + 200 * 3);
	assert_string_equal(cut, "…\" does not read as a duration");
	/* short values and Japanese brackets */
	problems_add(&ps, "f", (cs_mark){1, 1}, SEV_ERROR, "x", "「%s」と \"abc\"", big.s);
	assert_non_null(strstr(ps.v[1].message, "…」と \"abc\""));
	/* no quotes at all: the whole text is cut */
	problems_add(&ps, "f", (cs_mark){1, 1}, SEV_ERROR, "x", "%s", big.s);
	assert_true(strlen(ps.v[2].message) <= PROBLEM_TEXT_MAX * 3 + 3);
	problems_free(&ps);
	sb_free(&big);
}

static void test_dedupe_per_item_and_linear(void **state)
{
	(void)state;
	/* 38 missing answers are 38 findings, even when each is reported
	 * twice (a policy read for each file) */
	problems ps;
	problems_init(&ps);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 38; i++) {
			char id[16], no[8];
			snprintf(id, sizeof id, "item-%d", i);
			snprintf(no, sizeof no, "%d", i + 1);
			problem *p = problems_add(&ps, "a.yaml", (cs_mark){3, 1}, SEV_ERROR, "missing-required",
						  "a required answer is missing");
			problem_set_item(p, id, no, "T");
		}
	problems_dedupe(&ps);
	assert_int_equal(ps.n, 38);
	problems_free(&ps);
	/* hashed: 400 000 problems in well under a second */
	int pairs = under_valgrind() ? 20000 : 200000;
	problems_init(&ps);
	for (int i = 0; i < pairs; i++)
		for (int k = 0; k < 2; k++) {
			problem *p = problems_add(&ps, "a.yaml", (cs_mark){i, 1}, SEV_ERROR, "c", "m");
			problem_set_item(p, "x", NULL, NULL);
		}
	clock_t t0 = clock();
	problems_dedupe(&ps);
	double s = cpu_seconds(t0);
	assert_int_equal(ps.n, (size_t)pairs);
	if (s > time_bound(3.0) && !under_valgrind())
		fail_msg("dedupe of 400 000: %.2f s", s);
	problems_free(&ps);
}

/* A template of n yes-no items and a policy of n rules. */
static void big_policy(size_t n, template *t, requirements *rq, double *seconds)
{
	strbuf tb, pb;
	sb_init(&tb);
	sb_init(&pb);
	sb_add(&tb, "kind: checksheet/template\nid: big\nversion: \"1\"\ntitle: Big\nsections:\n- id: s\n  title: S\n  items:\n");
	sb_add(&pb, "kind: checksheet/requirements\ntemplate: big\nrules:\n");
	for (size_t i = 0; i < n; i++) {
		sb_printf(&tb, "  - {id: i%zu, no: \"%zu\", title: T%zu, unit: yes-no}\n", i, i, i);
		sb_printf(&pb, "  i%zu: \"yes\"\n", i);
	}
	load_limits lim = {.max_size = (size_t)1 << 30, .max_depth = 64, .max_items = n, .max_rules = n};
	problems ps;
	problems_init(&ps);
	assert_true(template_load_buffer("t.yaml", tb.s, tb.len, &lim, t, &ps));
	clock_t t0 = clock();
	bool ok = requirements_load_buffer("p.yaml", pb.s, pb.len, &lim, t, rq, &ps);
	for (size_t k = 0; ok && k < rq->n; k++) {
		rule_outcome o;
		rule_evaluate(&rq->v[k], &t->items[rq->v[k].item_index], NULL, &o);
		assert_int_equal(o.result, RESULT_UNKNOWN);
		free(o.message);
	}
	*seconds = cpu_seconds(t0);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	assert_int_equal(rq->n, n);
	problems_free(&ps);
	sb_free(&tb);
	sb_free(&pb);
}

static void test_rules_linear(void **state)
{
	(void)state;
	/* 10 times the rules, about 10 times the time: never the growth of a
	 * quadratic (100 times); loose, for shared machines */
	template t1, t2;
	requirements r1, r2;
	double s1, s2;
	size_t n = under_valgrind() ? 2000 : 20000;
	big_policy(n, &t1, &r1, &s1);
	big_policy(10 * n, &t2, &r2, &s2);
	if (s2 > 40 * (s1 > 0.05 ? s1 : 0.05) && !under_valgrind())
		fail_msg("%zu rules: %.3f s, %zu rules: %.3f s", n, s1, 10 * n, s2);
	requirements_free(&r1);
	requirements_free(&r2);
	template_free(&t1);
	template_free(&t2);
}

static void test_bad_rule_names_title(void **state)
{
	(void)state;
	template t;
	assert_true(load_builtin_template("meti-cloud-sla", &t));
	const char *policy = "kind: checksheet/requirements\ntemplate: meti-cloud-sla\nrules:\n  rto: \">= lots\"\n";
	requirements rq;
	problems ps;
	problems_init(&ps);
	assert_false(requirements_load_buffer("p.yaml", policy, strlen(policy), NULL, &t, &rq, &ps));
	const problem *p = find_code(&ps, "bad-rule");
	assert_non_null(p);
	assert_string_equal(p->no, "11");
	assert_non_null(p->title);
	assert_true(*p->title);
	assert_int_equal(p->mark.line, 4);
	requirements_free(&rq);
	problems_free(&ps);
	template_free(&t);
}

static void test_every_problem_has_a_position(void **state)
{
	(void)state;
	template t;
	assert_true(load_builtin_template("meti-cloud-sla", &t));
	/* rows on a yes-no item (no value key), cases without values, an
	 * empty case list, a bad status */
	const char *text = "kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n"
			   "  planned-outage-notice:\n    rows:\n    - {a: b}\n"
			   "  rto:\n    cases:\n    - {when: x}\n"
			   "  mttr:\n    cases: []\n    status: bogus\n";
	answers a;
	problems ps;
	problems_init(&ps);
	assert_true(answers_load_buffer("p.yaml", text, strlen(text), NULL, &a, &ps));
	validate_answers(&a, &t, "ja", &ps, NULL);
	assert_true(ps.n > 3);
	for (size_t i = 0; i < ps.n; i++)
		if (ps.v[i].mark.line == 0 || ps.v[i].mark.column == 0) {
			dump_problems(&ps);
			fail_msg("%s has no position", ps.v[i].code);
		}
	answers_free(&a);
	problems_free(&ps);
	template_free(&t);
}

static char empty_dir[] = "/tmp/cs-empty-XXXXXX";

static void test_catalog_empty_directory(void **state)
{
	(void)state;
	/* a template directory without templates: nothing to sort, and
	 * qsort(NULL, 0, ...) is undefined behaviour (UBSan stops on it) */
	catalog_entry *v;
	size_t n = catalog_list(&v, "ja");
	bool meti_found = false;
	for (size_t i = 0; i < n; i++)
		meti_found |= strcmp(v[i].id, "meti-cloud-sla") == 0;
	assert_true(meti_found);
	catalog_free(v, n);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	/* first in the search path, before anything caches it */
	if (!mkdtemp(empty_dir))
		return 1;
	setenv("CHECKSHEET_TEMPLATE_PATH", empty_dir, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_resolve),
		cmocka_unit_test(test_each_limit),
		cmocka_unit_test(test_template_limits),
		cmocka_unit_test(test_rules_and_review_limits),
		cmocka_unit_test(test_a_million),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_file_read_refuses_non_regular),
		cmocka_unit_test(test_template_paths),
		cmocka_unit_test(test_quoted_values_cut),
		cmocka_unit_test(test_dedupe_per_item_and_linear),
		cmocka_unit_test(test_rules_linear),
		cmocka_unit_test(test_bad_rule_names_title),
		cmocka_unit_test(test_every_problem_has_a_position),
		cmocka_unit_test(test_catalog_empty_directory),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(empty_dir);
	return failed;
}
