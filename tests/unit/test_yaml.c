/* Loading and writing answers: round trips, unknown keys, hostile input. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/answers_save.h"
#include "core/paths.h"
#include "core/review.h"
#include "core/strbuf.h"
#include "core/template_load.h"
#include "core/yaml_writer.h"
#include "testutil.h"

static const char canonical[] =
	"kind: checksheet/answers\n"
	"template: meti-cloud-sla\n"
	"template-version: \"2010\"\n"
	"language: ja\n"
	"subject:\n"
	"  organization: 株式会社サンプル\n"
	"  service: サンプルクラウド\n"
	"  contact: security@example.com\n"
	"  department: 情報システム部\n"
	"revisions:\n"
	"- version: \"1.0\"\n"
	"  date: \"2026-11-01\"\n"
	"  note: 初版\n"
	"answers:\n"
	"  service-hours:\n"
	"    value: 24時間365日\n"
	"    note: 計画停止・定期保守を除く\n"
	"  availability-rate:\n"
	"    value: 99.9%\n"
	"    note: |-\n"
	"      SLA としての保証はなし。\n"
	"      昨年実績 99.99% 以上。\n"
	"    status: final\n"
	"    reviewer-hint: keep me\n"
	"  support-hours-general:\n"
	"    cases:\n"
	"    - when: 営業時間内\n"
	"      value: 平日 9:00-18:00\n"
	"    - when: 営業時間外\n"
	"      value: 24/365\n"
	"  backup-generations:\n"
	"    value: \"3\"\n"
	"  future-item:\n"
	"    value: kept\n"
	"x-vendor-extension:\n"
	"  nested:\n"
	"  - 1\n"
	"  - two\n";

static bool load_text(const char *text, answers *a, problems *ps)
{
	return answers_load_buffer("t.yaml", text, strlen(text), NULL, a, ps);
}

static void test_round_trip_identity(void **state)
{
	(void)state;
	answers a;
	problems ps;
	problems_init(&ps);
	assert_true(load_text(canonical, &a, &ps));
	template t;
	char *path = src_path("data/templates/meti-cloud-sla.yaml");
	assert_true(template_load_file(path, NULL, &t, &ps));
	size_t len;
	char *out = answers_to_yaml(&a, &t, &len);
	assert_string_equal(out, canonical);
	/* and again: the second save is the same bytes */
	answers b;
	assert_true(load_text(out, &b, &ps));
	char *out2 = answers_to_yaml(&b, &t, &len);
	assert_string_equal(out2, out);
	free(out);
	free(out2);
	free(path);
	answers_free(&a);
	answers_free(&b);
	template_free(&t);
	problems_free(&ps);
}

static void test_unknown_keys_kept_and_reported(void **state)
{
	(void)state;
	answers a;
	problems ps;
	problems_init(&ps);
	assert_true(load_text(canonical, &a, &ps));
	/* reviewer-hint and x-vendor-extension: warnings with positions */
	assert_int_equal(count_code(&ps, "unknown-key"), 2);
	const problem *p = find_code(&ps, "unknown-key");
	assert_int_equal(p->sev, SEV_WARNING);
	assert_int_equal(p->mark.line, 24);
	assert_int_equal(p->mark.column, 5);
	assert_non_null(raw_pairs_find(&a.extra, "x-vendor-extension"));
	assert_string_equal(answers_subject(&a, "department"), "情報システム部");
	answer *an = answers_find(&a, "availability-rate");
	assert_non_null(an);
	assert_string_equal(raw_pairs_scalar(&an->extra, "reviewer-hint"), "keep me");
	assert_int_equal(an->value_mark.line, 19);
	assert_int_equal(an->value_mark.column, 12);
	an = answers_find(&a, "support-hours-general");
	assert_int_equal(an->n_cases, 2);
	assert_string_equal(an->cases[1].value, "24/365");
	answers_free(&a);
	problems_free(&ps);
}

static void test_canonical_order(void **state)
{
	(void)state;
	/* keys and items out of order, flow style: written in FORMAT.md order */
	const char *messy =
		"answers:\n"
		"  rto: {note: 目標, value: 4時間}\n"
		"  service-hours: {value: 24/365}\n"
		"language: ja\n"
		"kind: checksheet/answers\n"
		"template: meti-cloud-sla\n";
	answers a;
	problems ps;
	problems_init(&ps);
	assert_true(load_text(messy, &a, &ps));
	template t;
	char *path = src_path("data/templates/meti-cloud-sla.yaml");
	assert_true(template_load_file(path, NULL, &t, &ps));
	char *out = answers_to_yaml(&a, &t, NULL);
	assert_string_equal(out, "kind: checksheet/answers\n"
				 "template: meti-cloud-sla\n"
				 "language: ja\n"
				 "answers:\n"
				 "  service-hours:\n"
				 "    value: 24/365\n"
				 "  rto:\n"
				 "    value: 4時間\n"
				 "    note: 目標\n");
	free(out);
	free(path);
	answers_free(&a);
	template_free(&t);
	problems_free(&ps);
}

static void test_quoting(void **state)
{
	(void)state;
	answers a;
	answers_init(&a);
	a.template_id = xstrdup("meti-cloud-sla");
	answer *an = answers_get(&a, "rto");
	answer_set(&an->value, "yes");
	an = answers_get(&a, "mttr");
	answer_set(&an->value, "1.5");
	an = answers_get(&a, "incident-count");
	answer_set(&an->value, "0");
	answer_set(&an->note, "a: b # not a comment");
	char *out = answers_to_yaml(&a, NULL, NULL);
	answers b;
	problems ps;
	problems_init(&ps);
	assert_true(load_text(out, &b, &ps));
	assert_string_equal(answers_find(&b, "rto")->value, "yes");
	assert_string_equal(answers_find(&b, "mttr")->value, "1.5");
	assert_string_equal(answers_find(&b, "incident-count")->note, "a: b # not a comment");
	assert_non_null(strstr(out, "value: \"yes\""));
	assert_non_null(strstr(out, "value: \"1.5\""));
	free(out);
	answers_free(&a);
	answers_free(&b);
	problems_free(&ps);
}

static void test_writer_refuses_invalid_utf8(void **state)
{
	(void)state;
	/* text that did not come through a reader (a command-line argument)
	 * may be anything: the save fails cleanly */
	answers a;
	answers_init(&a);
	a.template_id = xstrdup("meti-cloud-sla");
	answers_set_subject(&a, "organization", "bad \xff byte");
	assert_null(answers_to_yaml(&a, NULL, NULL));
	problems ps;
	problems_init(&ps);
	assert_false(answers_save(&a, NULL, "/tmp/cs-never-written.yaml", &ps));
	assert_non_null(find_code(&ps, "io-error"));
	assert_int_equal(access("/tmp/cs-never-written.yaml", F_OK), -1);
	problems_free(&ps);
	answers_free(&a);
}

typedef struct hostile {
	const char *name;
	const char *text;
	size_t len; /* 0: strlen */
	const char *code;
	int line, column;
} hostile;

static void expect_fatal(const hostile *h)
{
	answers a;
	problems ps;
	problems_init(&ps);
	bool ok = answers_load_buffer("h.yaml", h->text, h->len ? h->len : strlen(h->text), NULL, &a, &ps);
	if (ok) {
		dump_problems(&ps);
		fail_msg("%s: loaded", h->name);
	}
	const problem *p = find_code(&ps, h->code);
	if (!p) {
		dump_problems(&ps);
		fail_msg("%s: no %s", h->name, h->code);
	}
	assert_int_equal(p->sev, SEV_FATAL);
	if (p->mark.line != h->line || p->mark.column != h->column)
		fail_msg("%s: at %d:%d, expected %d:%d", h->name, p->mark.line, p->mark.column, h->line,
			 h->column);
	answers_free(&a);
	problems_free(&ps);
}

static void test_hostile(void **state)
{
	(void)state;
	static const char bad_utf8[] = "kind: checksheet/answers\ntemplate: x\nanswers:\n  rto: {value: \"あ\xff\"}\n";
	static const char nul[] = "kind: checksheet/answers\n\0template: x\n";
	const hostile cases[] = {
		{"alias bomb", "kind: checksheet/answers\na: &a [x, x]\nb: [*a, *a]\n", 0, "alias-refused", 3, 5},
		{"alias value", "kind: checksheet/answers\ntemplate: &t meti\nlanguage: *t\n", 0, "alias-refused", 3, 11},
		{"invalid utf-8", bad_utf8, 0, "invalid-utf8", 4, 18},
		{"lone continuation", "kind: \x80\n", 0, "invalid-utf8", 1, 7},
		{"overlong", "kind: \xc0\xaf\n", 0, "invalid-utf8", 1, 7},
		{"surrogate", "kind: \xed\xa0\x80\n", 0, "invalid-utf8", 1, 7},
		{"nul byte", nul, sizeof nul - 1, "yaml-syntax", 2, 1},
		{"duplicate key", "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: 1時間}\n  rto: {value: 2時間}\n", 0, "duplicate-key", 5, 3},
		{"duplicate top key", "kind: checksheet/answers\ntemplate: m\ntemplate: n\n", 0, "duplicate-key", 3, 1},
		{"scalar for map", "kind: checksheet/answers\ntemplate: m\nanswers: hello\n", 0, "wrong-type", 3, 10},
		{"list for answer", "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: [a]\n", 0, "wrong-type", 4, 8},
		{"map for value", "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: {a: b}}\n", 0, "wrong-type", 4, 16},
		{"wrong kind", "kind: checksheet/template\n", 0, "wrong-kind", 1, 7},
		{"no kind", "template: m\nanswers: {}\n", 0, "wrong-kind", 1, 1},
		{"not a map", "- a\n- b\n", 0, "wrong-type", 1, 1},
		{"empty", "", 0, "wrong-kind", 1, 1},
		{"syntax", "kind: checksheet/answers\nanswers: {rto: [\n", 0, "yaml-syntax", 3, 1},
		{"tab indent", "kind: checksheet/answers\nanswers:\n\trto: x\n", 0, "yaml-syntax", 3, 1},
		{"two documents", "kind: checksheet/answers\ntemplate: m\n---\nkind: x\n", 0, "yaml-syntax", 3, 1},
		{"no template", "kind: checksheet/answers\n", 0, "unknown-template", 1, 7},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		expect_fatal(&cases[i]);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "kind: checksheet/answers\nx: ");
	for (int i = 0; i < 50000; i++)
		sb_addc(&sb, '[');
	for (int i = 0; i < 50000; i++)
		sb_addc(&sb, ']');
	sb_addc(&sb, '\n');
	hostile h = {"deep", sb.s, sb.len, "too-deep", 2, 67};
	clock_t t0 = clock();
	expect_fatal(&h);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	sb_free(&sb);
}

static void test_one_message_for_hostile(void **state)
{
	(void)state;
	/* the unknown keys before the alias are not worth reporting */
	const char *text = "kind: checksheet/answers\na: &a [x]\nb: &b [*a, *a]\n";
	answers a;
	problems ps;
	problems_init(&ps);
	assert_false(load_text(text, &a, &ps));
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.v[0].code, "alias-refused");
	answers_free(&a);
	problems_free(&ps);
}

static void test_size_limit(void **state)
{
	(void)state;
	char dir[] = "/tmp/cs-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/big.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("kind: checksheet/answers\n#", f);
	for (int i = 0; i < 2000; i++)
		fputs("0123456789", f);
	fclose(f);
	load_limits lim = {.max_size = 1000, .max_depth = 64};
	answers a;
	problems ps;
	problems_init(&ps);
	assert_false(answers_load_file(path, &lim, &a, &ps));
	assert_non_null(find_code(&ps, "too-large"));
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void test_atomic_save(void **state)
{
	(void)state;
	char dir[] = "/tmp/cs-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/a.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("old\n", f);
	fclose(f);
	chmod(path, 0640);
	answers a;
	answers_init(&a);
	a.template_id = xstrdup("meti-cloud-sla");
	answer_set(&answers_get(&a, "rto")->value, "4時間");
	problems ps;
	problems_init(&ps);
	assert_true(answers_save(&a, NULL, path, &ps));
	struct stat st;
	stat(path, &st);
	assert_int_equal(st.st_mode & 0777, 0640); /* the old mode is kept */
	answers b;
	assert_true(answers_load_file(path, NULL, &b, &ps));
	assert_string_equal(answers_find(&b, "rto")->value, "4時間");
	answers_free(&b);
	/* a directory we may not write: the save fails, the file is intact */
	if (geteuid() != 0) {
		chmod(dir, 0555);
		assert_false(answers_save(&a, NULL, path, &ps));
		assert_non_null(find_code(&ps, "io-error"));
		chmod(dir, 0755);
	}
	char *missing = xasprintf("%s/no/such/dir/a.yaml", dir);
	assert_false(answers_save(&a, NULL, missing, &ps));
	assert_non_null(strstr(ps.v[ps.n - 1].message, "unchanged"));
	free(missing);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void test_escaped_nul(void **state)
{
	(void)state;
	/* a NUL made by an escape would cut the text short: an error where
	 * the escape is, never a silent truncation */
	const hostile cases[] = {
		{"\\0", "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: \"a\\0b\"}\n", 0, "nul-character", 4, 18},
		{"\\x00", "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: \"ab\\x00\"}\n", 0, "nul-character", 4, 19},
		{"\\u0000 after escapes", "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: \"\\\"\\\\x\\u0000\"}\n", 0,
		 "nul-character", 4, 22},
		{"\\U00000000 on a continued line",
		 "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto:\n    note: \"x\n      \\U00000000\"\n", 0,
		 "nul-character", 6, 7},
		{"in a key", "kind: checksheet/answers\ntemplate: m\n\"te\\0mplate\": x\n", 0, "nul-character", 3, 4},
		{"after a BOM", "\xEF\xBB\xBFkind: checksheet/answers\ntemplate: \"\\x00\"\n", 0, "nul-character", 2, 12},
		{"raw ESC byte", "kind: checksheet/answers\ntemplate: a\x1b[2J\n", 0, "yaml-syntax", 2, 12},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		expect_fatal(&cases[i]);
	/* an escape that is not a NUL stays as it was */
	answers a;
	problems ps;
	problems_init(&ps);
	const char *ok = "kind: checksheet/answers\ntemplate: m\nanswers:\n  rto: {value: \"\\x01\\\\0\\e\"}\n";
	assert_true(load_text(ok, &a, &ps));
	assert_string_equal(answers_find(&a, "rto")->value, "\x01\\0\x1b");
	answers_free(&a);
	problems_free(&ps);
}

/* The message of the one problem a text gives, and where. */
static void syntax_of(const char *text, char **msg, cs_mark *at)
{
	answers a;
	problems ps;
	problems_init(&ps);
	assert_false(load_text(text, &a, &ps));
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.v[0].code, "yaml-syntax");
	*msg = xstrdup(ps.v[0].message);
	*at = ps.v[0].mark;
	answers_free(&a);
	problems_free(&ps);
}

static void test_syntax_messages(void **state)
{
	(void)state;
	static const struct {
		const char *text, *says;
		int line, column;
	} cases[] = {
		/* the file ends: where the unclosed thing opened */
		{"kind: checksheet/answers\nnote: \"abc\n\nmore\n", "quoted text is never closed", 2, 7},
		{"kind: checksheet/answers\r\nnote: 'abc\r\n", "quoted text is never closed", 2, 7},
		{"kind: checksheet/answers\nanswers: [a, b\n", "[ ] list is never closed", 2, 10},
		{"kind: checksheet/answers\nanswers: {a: b\n", "{ } mapping is never closed", 2, 10},
		/* elsewhere: libyaml's problem mark, and the context's */
		{"kind: checksheet/answers\na: b: c\n", "where no key can start", 2, 5},
		{"kind: checksheet/answers\n\tb: 1\n", "a tab in the indentation", 2, 1},
		{"kind: checksheet/answers\na: @x\n", "cannot start a value", 2, 4},
		{"kind: checksheet/answers\na: \"\\q\"\n", "unknown escape", 2, 5},
		{"kind: checksheet/answers\na:\n  b: 1\n c: 2\n", "expected a key", 4, 2},
		{"kind: checksheet/answers\nx: [a, b\ny: 1\n", "in the [ ] list opened at line 2, column 4", 3, 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *msg;
		cs_mark at;
		syntax_of(cases[i].text, &msg, &at);
		if (!strstr(msg, cases[i].says) || at.line != cases[i].line || at.column != cases[i].column)
			fail_msg("case %zu: \"%s\" at %d:%d, expected \"%s\" at %d:%d", i, msg, at.line, at.column,
				 cases[i].says, cases[i].line, cases[i].column);
		/* never libyaml's own English words */
		assert_null(strstr(msg, "while parsing"));
		assert_null(strstr(msg, "while scanning"));
		assert_null(strstr(msg, "did not find expected"));
		free(msg);
	}
}

static void test_crlf_positions(void **state)
{
	(void)state;
	const char *text = "kind: checksheet/answers\r\ntemplate: m\r\nanswers:\r\n  rto:\r\n    value: 4h\r\n"
			   "  rto: {value: 1h}\r\n";
	hostile h = {"crlf duplicate", text, 0, "duplicate-key", 6, 3};
	expect_fatal(&h);
	answers a;
	problems ps;
	problems_init(&ps);
	const char *good = "kind: checksheet/answers\r\ntemplate: m\r\nanswers:\r\n  rto:\r\n    value: 4h\r\n";
	assert_true(load_text(good, &a, &ps));
	answer *an = answers_find(&a, "rto");
	assert_int_equal(an->value_mark.line, 5);
	assert_int_equal(an->value_mark.column, 12);
	assert_string_equal(an->value, "4h");
	answers_free(&a);
	problems_free(&ps);
}

/* Text that a YAML 1.1 reader (PyYAML, Psych, SnakeYAML, go-yaml v2) or
 * the YAML 1.2 core schema would read as null, a boolean, a number, a
 * date or something else that is not a string. */
static const char *const yaml_traps[] = {
	/* null */
	"", "~", "null", "Null", "NULL", "nUlL",
	/* booleans of YAML 1.1, any case */
	"y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "nO",
	"true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "oFf",
	/* YAML 1.1's value and merge keys; Psych's symbols */
	"=", "<<", ":name", ":1",
	/* integers */
	"0", "5", "-1", "+12", "010", "09", "0o17", "0x1F", "0X1f", "-0x_1f", "0b101", "+0b1_0", "1_000", "1,000",
	"_", "_1", "1_",
	/* floats */
	"1.0", "0.5", ".5", "-.5", "1.", "1.2.3", "1_000.5", "1,000.5", "1e3", "1E3", "6.02e+23", "1.5e-3", "-1e-3",
	".", "+.",
	/* sexagesimal (YAML 1.1): 1:20 is 80, 9:00 is 540 */
	"1:20", "9:00", "12:3", "10:00:00", "-1:20", "190:20:30", "1:20.5", "0:30",
	/* infinity and not-a-number */
	".inf", ".Inf", ".INF", "-.inf", "+.Inf", "-.INF", ".nan", ".NaN", ".NAN", ".iNf",
	/* timestamps */
	"2026-11-01", "2026-1-5", "2026-13-45", "2026-11-01T10:00:00", "2026-11-01t10:00:00Z",
	"2026-11-01 10:00:00.5 +09:00", "2026-11-01T10:00:00+0900", "2001-12-14 21:59:43.10 -5",
};

/* Text that every reader takes for a string: stays plain. */
static const char *const yaml_plain[] = {
	"99.9%", "24時間365日", "9:00-18:00", "1-2", "3-5営業日", "1:60", "yes please", "nope", "onward", "Off-site",
	"nullable", "truely", "0x", "0xg", "e3", "1e", "1.0.0-beta", "infinity", ".info", "nan", "inf", "v1.0", "1/2",
	"2026/11/01", "2026-11", "12:345", "a:b", "x-y", "有", "無", "該当なし", "n/a", "N/A", "==", "<", "~x", "a-1",
};

/* Every trap is written double-quoted, as a key and as a value; the
 * harmless look-alikes stay plain. */
static void test_yaml11_traps_quoted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof yaml_traps / sizeof *yaml_traps; i++) {
		ywriter w;
		yw_init(&w);
		yw_map_begin(&w);
		yw_pair(&w, yaml_traps[i], yaml_traps[i]);
		yw_map_end(&w);
		char *out = yw_finish(&w, NULL);
		assert_non_null(out);
		char *want = xasprintf("\"%s\": \"%s\"\n", yaml_traps[i], yaml_traps[i]);
		if (strcmp(out, want) != 0)
			fail_msg("%s written as %s", yaml_traps[i], out);
		free(want);
		free(out);
	}
	for (size_t i = 0; i < sizeof yaml_plain / sizeof *yaml_plain; i++) {
		ywriter w;
		yw_init(&w);
		yw_map_begin(&w);
		yw_pair(&w, "value", yaml_plain[i]);
		yw_map_end(&w);
		char *out = yw_finish(&w, NULL);
		char *want = xasprintf("value: %s\n", yaml_plain[i]);
		if (strcmp(out, want) != 0)
			fail_msg("%s written as %s", yaml_plain[i], out);
		free(want);
		free(out);
	}
}

/* Through the answers writer: item ids, values, notes, cases, table cells,
 * subject keys and values, revisions; read back, every string is the same. */
static void test_yaml11_traps_round_trip(void **state)
{
	(void)state;
	answers a;
	answers_init(&a);
	a.template_id = xstrdup("no");
	a.template_version = xstrdup("1.0");
	a.language = xstrdup("on");
	revision_add(&a, "1.0", "2026-11-01", "no");
	for (size_t i = 1; i < sizeof yaml_traps / sizeof *yaml_traps; i++) {
		const char *t = yaml_traps[i];
		answer *an = answers_get(&a, t);
		answer_set(&an->value, t);
		answer_set(&an->note, t);
		answer_set(&an->status, t);
		answers_set_subject(&a, t, t);
	}
	answer *an = answers_get(&a, "cases");
	answer_add_case(an, "yes", "1:20");
	answer_add_case(an, "off", "0x1F");
	an = answers_get(&a, "rows");
	answer_add_row(an);
	raw_pairs_set_scalar(&an->rows[0].cells, "no", "yes");
	raw_pairs_set_scalar(&an->rows[0].cells, "on", "2026-11-01");
	char *out = answers_to_yaml(&a, NULL, NULL);
	assert_non_null(out);
	assert_non_null(strstr(out, "template: \"no\"\n"));
	assert_non_null(strstr(out, "template-version: \"1.0\"\n"));
	assert_non_null(strstr(out, "language: \"on\"\n"));
	assert_non_null(strstr(out, "  date: \"2026-11-01\"\n"));
	assert_non_null(strstr(out, "  \"no\":\n    value: \"no\"\n    note: \"no\"\n    status: \"no\"\n"));
	assert_non_null(strstr(out, "  \"1:20\": \"1:20\"\n"));
	assert_non_null(strstr(out, "  - when: \"yes\"\n      value: \"1:20\"\n"));
	assert_non_null(strstr(out, "  - \"no\": \"yes\"\n      \"on\": \"2026-11-01\"\n"));
	answers b;
	problems ps;
	problems_init(&ps);
	if (!load_text(out, &b, &ps)) {
		dump_problems(&ps);
		fail_msg("the written file does not load");
	}
	assert_string_equal(b.template_id, "no");
	assert_string_equal(b.revisions[0].date, "2026-11-01");
	assert_string_equal(b.revisions[0].note, "no");
	for (size_t i = 1; i < sizeof yaml_traps / sizeof *yaml_traps; i++) {
		const char *t = yaml_traps[i];
		const answer *x = answers_find(&b, t);
		if (!x)
			fail_msg("item %s lost", t);
		assert_string_equal(x->value, t);
		assert_string_equal(x->note, t);
		assert_string_equal(x->status, t);
		assert_string_equal(answers_subject(&b, t), t);
	}
	assert_string_equal(answers_find(&b, "cases")->cases[1].value, "0x1F");
	assert_string_equal(raw_pairs_scalar(&answers_find(&b, "rows")->rows[0].cells, "on"), "2026-11-01");
	/* and the second save is the same bytes */
	char *out2 = answers_to_yaml(&b, NULL, NULL);
	assert_string_equal(out2, out);
	free(out);
	free(out2);
	answers_free(&a);
	answers_free(&b);
	problems_free(&ps);
}

/* The loader reads the unquoted forms as the same text: a plain no: key,
 * yes, 1.0 (not 1), 010 (not 8), a date. Saving quotes what the tool reads
 * as text (the subject too); unknown keys keep what their author wrote. */
static void test_yaml11_plain_forms_load(void **state)
{
	(void)state;
	const char *text = "kind: checksheet/answers\n"
			   "template: meti-cloud-sla\n"
			   "subject:\n"
			   "  organization: yes\n"
			   "  no: 5\n"
			   "revisions:\n"
			   "  - {version: 1.0, date: 2026-11-01}\n"
			   "answers:\n"
			   "  no: {value: no, note: 1.0}\n"
			   "  on: {value: 010, note: ~}\n"
			   "  off:\n"
			   "    value: 9:00\n"
			   "    x-flag: true\n"
			   "x-count: 5\n";
	answers a;
	problems ps;
	problems_init(&ps);
	assert_true(load_text(text, &a, &ps));
	assert_string_equal(answers_subject(&a, "organization"), "yes");
	assert_string_equal(answers_subject(&a, "no"), "5");
	assert_string_equal(a.revisions[0].version, "1.0");
	assert_string_equal(a.revisions[0].date, "2026-11-01");
	assert_string_equal(answers_find(&a, "no")->value, "no");
	assert_string_equal(answers_find(&a, "no")->note, "1.0");
	assert_string_equal(answers_find(&a, "on")->value, "010");
	assert_string_equal(answers_find(&a, "on")->note, "~");
	assert_string_equal(answers_find(&a, "off")->value, "9:00");
	char *out = answers_to_yaml(&a, NULL, NULL);
	assert_string_equal(out, "kind: checksheet/answers\n"
				 "template: meti-cloud-sla\n"
				 "subject:\n"
				 "  organization: \"yes\"\n"
				 "  \"no\": \"5\"\n"
				 "revisions:\n"
				 "- version: \"1.0\"\n"
				 "  date: \"2026-11-01\"\n"
				 "answers:\n"
				 "  \"no\":\n"
				 "    value: \"no\"\n"
				 "    note: \"1.0\"\n"
				 "  \"on\":\n"
				 "    value: \"010\"\n"
				 "    note: \"~\"\n"
				 "  \"off\":\n"
				 "    value: \"9:00\"\n"
				 "    x-flag: true\n"
				 "x-count: 5\n");
	free(out);
	answers_free(&a);
	problems_free(&ps);
}

/* Reviews: item ids, comments and the answer as seen are quoted as well. */
static void test_yaml11_review(void **state)
{
	(void)state;
	review r;
	review_init(&r);
	r.answers_path = xstrdup("no");
	r.template_id = xstrdup("1.0");
	raw_pairs_set_scalar(&r.reviewer, "organization", "yes");
	review_item *ri = review_get(&r, "no");
	ri->verdict = VERDICT_OK;
	ri->comment = xstrdup("off");
	answer an;
	memset(&an, 0, sizeof an);
	answer_set(&an.value, "1:20");
	answer_set(&an.note, "2026-11-01");
	review_mark_seen(ri, &an);
	answer_free(&an);
	char *out = review_to_yaml(&r, NULL, NULL);
	assert_string_equal(out, "kind: checksheet/review\n"
				 "answers: \"no\"\n"
				 "template: \"1.0\"\n"
				 "reviewer: {organization: \"yes\"}\n"
				 "items:\n"
				 "  \"no\":\n"
				 "    verdict: ok\n"
				 "    comment: \"off\"\n"
				 "    seen:\n"
				 "      value: \"1:20\"\n"
				 "      note: \"2026-11-01\"\n");
	review back;
	problems ps;
	problems_init(&ps);
	assert_true(review_load_buffer("r.yaml", out, strlen(out), NULL, &back, &ps));
	assert_string_equal(review_find(&back, "no")->comment, "off");
	assert_string_equal(review_find(&back, "no")->seen.value, "1:20");
	free(out);
	review_free(&r);
	review_free(&back);
	problems_free(&ps);
}

/* The built-in templates quote every no: key and its value, and every
 * other scalar a YAML 1.1 reader would not read as text is one the
 * template means typed (required, min, max). */
static void test_builtin_templates_quote_no(void **state)
{
	(void)state;
	static const char *const names[] = {"meti-cloud-sla", "iso27017-whitepaper"};
	for (size_t k = 0; k < 2; k++) {
		char *rel = xasprintf("data/templates/%s.yaml", names[k]);
		char *path = src_path(rel);
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		char line[8192];
		size_t quoted = 0;
		while (fgets(line, sizeof line, f)) {
			const char *p = line + strspn(line, " -");
			if (strncmp(p, "no:", 3) == 0)
				fail_msg("%s: a plain no: key: %s", names[k], line);
			if (strstr(line, "{no:") || strstr(line, " no: "))
				fail_msg("%s: a plain no: key: %s", names[k], line);
			if (strncmp(p, "\"no\": \"", 7) == 0)
				quoted++;
		}
		fclose(f);
		template t;
		assert_true(load_builtin_template(names[k], &t));
		assert_int_equal(quoted, t.n_items);
		template_free(&t);
		free(path);
		free(rel);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_identity),
		cmocka_unit_test(test_unknown_keys_kept_and_reported),
		cmocka_unit_test(test_canonical_order),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_writer_refuses_invalid_utf8),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_one_message_for_hostile),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_atomic_save),
		cmocka_unit_test(test_escaped_nul),
		cmocka_unit_test(test_syntax_messages),
		cmocka_unit_test(test_crlf_positions),
		cmocka_unit_test(test_yaml11_traps_quoted),
		cmocka_unit_test(test_yaml11_traps_round_trip),
		cmocka_unit_test(test_yaml11_plain_forms_load),
		cmocka_unit_test(test_yaml11_review),
		cmocka_unit_test(test_builtin_templates_quote_no),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
