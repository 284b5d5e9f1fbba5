/* Exporters and the importer: golden files, quoting, encodings and the
 * CP932 pitfalls, the formula guard, HTML escaping, and round trips. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/answers_save.h"
#include "core/export.h"
#include "core/template_load.h"
#define TESTUTIL_EXPORT
#include "testutil.h"

static template meti, paper;

static int setup(void **state)
{
	(void)state;
	return load_builtin_template("meti-cloud-sla", &meti) && load_builtin_template("iso27017-whitepaper", &paper) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	template_free(&meti);
	template_free(&paper);
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb;
	sb_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb_take(&sb);
}

/* Compares with tests/data/export/golden.EXT; UPDATE_GOLDEN=1 rewrites. */
static void golden(const char *name, const char *got)
{
	char *rel = xasprintf("tests/data/export/%s", name);
	char *path = src_path(rel);
	if (getenv("UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");
		fputs(got, f);
		fclose(f);
	}
	size_t len;
	char *want = read_all(path, &len);
	if (!want)
		fail_msg("no golden file %s (UPDATE_GOLDEN=1 writes it)", path);
	if (strcmp(want, got) != 0)
		fail_msg("%s differs from its golden file", name);
	free(want);
	free(path);
	free(rel);
}

static void test_golden_files(void **state)
{
	(void)state;
	answers a;
	load_sample("sample.yaml", &a);
	static const struct {
		const char *fmt, *golden, *lang;
	} cases[] = {
		{"csv", "golden.csv", "ja"}, {"tsv", "golden.tsv", "ja"}, {"md", "golden.md", "ja"},
		{"html", "golden.html", "ja"}, {"json", "golden.json", "ja"}, {"csv", "golden-en.csv", "en"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		export_options opt = {.lang = cases[i].lang, .formula_guard = true};
		problems ps;
		problems_init(&ps);
		bool ok;
		char *out = run_export(cases[i].fmt, &a, &meti, &opt, &ok, &ps);
		assert_true(ok);
		golden(cases[i].golden, out);
		/* the same input gives the same bytes */
		char *again = run_export(cases[i].fmt, &a, &meti, &opt, &ok, &ps);
		assert_string_equal(out, again);
		free(again);
		free(out);
		problems_free(&ps);
	}
	answers_free(&a);
}

static void test_csv_quoting_and_guard(void **state)
{
	(void)state;
	answers a;
	load_sample("sample.yaml", &a);
	export_options opt = {.lang = "ja", .formula_guard = true};
	problems ps;
	problems_init(&ps);
	bool ok;
	char *out = run_export("csv", &a, &meti, &opt, &ok, &ps);
	assert_int_equal(memcmp(out, "\xEF\xBB\xBF", 3), 0); /* BOM by default */
	/* quotes doubled, commas and line breaks inside quotes, CRLF records */
	assert_non_null(strstr(out, "\"SLA としての保証はなし。\n\"\"昨年実績\"\" 99.99%, 四半期ごとに報告\""));
	assert_non_null(strstr(out, "\r\n2,可用性,計画停止予定通知,"));
	/* a cell a spreadsheet would run is neutralised */
	assert_non_null(strstr(out, ",'=ディスク100GB まで,'-追加購入で拡張可能 @営業窓口,"));
	free(out);
	opt.formula_guard = false;
	out = run_export("csv", &a, &meti, &opt, &ok, &ps);
	assert_non_null(strstr(out, ",=ディスク100GB まで,-追加購入で拡張可能 @営業窓口,"));
	free(out);
	/* every guarded first character */
	static const char *const risky[] = {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"};
	for (size_t i = 0; i < sizeof risky / sizeof *risky; i++) {
		char *g = formula_guard(risky[i]);
		assert_int_equal(g[0], '\'');
		assert_string_equal(g + 1, risky[i]);
		free(g);
	}
	char *g = formula_guard("99.9%");
	assert_string_equal(g, "99.9%");
	free(g);
	problems_free(&ps);
	answers_free(&a);
}

static void test_encodings_and_pitfalls(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		export_encoding enc;
		const char *bytes;
	} cases[] = {
		{"〜", ENC_CP932, "\x81\x60"},  {"～", ENC_CP932, "\x81\x60"}, {"−", ENC_CP932, "\x81\x7C"},
		{"－", ENC_CP932, "\x81\x7C"}, {"‖", ENC_CP932, "\x81\x61"}, {"∥", ENC_CP932, "\x81\x61"},
		{"—", ENC_CP932, "\x81\x5C"},  {"―", ENC_CP932, "\x81\x5C"}, {"¢", ENC_CP932, "\x81\x91"},
		{"£", ENC_CP932, "\x81\x92"},  {"¬", ENC_CP932, "\x81\xCA"}, {"日本", ENC_CP932, "\x93\xFA\x96\x7B"},
		{"～", ENC_EUC_JP, "\xA1\xC1"}, {"〜", ENC_EUC_JP, "\xA1\xC1"}, {"日本", ENC_EUC_JP, "\xC6\xFC\xCB\xDC"},
		{"①", ENC_CP932, "\x87\x40"},  {"髙", ENC_CP932, "\xFB\xFC"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		strbuf out;
		sb_init(&out);
		problems ps;
		problems_init(&ps);
		if (!encode_text(cases[i].enc, cases[i].text, false, "t", "f", &out, &ps))
			fail_msg("\"%s\" in %s: %s", cases[i].text, encoding_name(cases[i].enc), ps.v[0].message);
		assert_string_equal(sb_str(&out), cases[i].bytes);
		sb_free(&out);
		problems_free(&ps);
	}
	/* an emoji cannot be written in CP932: the item and U+XXXX are named */
	strbuf out;
	sb_init(&out);
	problems ps;
	problems_init(&ps);
	assert_false(encode_text(ENC_CP932, "OK😀", false, "No.5 サービス稼働率", "a.yaml", &out, &ps));
	assert_non_null(strstr(ps.v[0].message, "No.5 サービス稼働率"));
	assert_non_null(strstr(ps.v[0].message, "U+1F600"));
	assert_string_equal(ps.v[0].code, "unmappable");
	sb_clear(&out);
	assert_true(encode_text(ENC_CP932, "OK😀", true, "No.5", "a.yaml", &out, &ps));
	assert_string_equal(sb_str(&out), "OK?");
	assert_int_equal(ps.v[1].sev, SEV_WARNING);
	sb_free(&out);
	problems_free(&ps);
	export_encoding e;
	assert_true(encoding_lookup("Shift_JIS", &e));
	assert_int_equal(e, ENC_CP932);
	assert_false(encoding_lookup("latin1", &e));
}

static void test_html_escapes(void **state)
{
	(void)state;
	answers a;
	load_sample("sample.yaml", &a);
	export_options opt = {.lang = "ja", .formula_guard = true};
	problems ps;
	problems_init(&ps);
	bool ok;
	char *out = run_export("html", &a, &meti, &opt, &ok, &ps);
	assert_null(strstr(out, "<script"));
	assert_non_null(strstr(out, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"));
	assert_null(strstr(out, "http://"));
	assert_null(strstr(out, "https://"));
	assert_non_null(strstr(out, "default-src 'none'"));
	assert_non_null(strstr(out, "改訂履歴"));
	free(out);
	/* the md document passes notes through as the Markdown they are; its
	 * form (--form) keeps every character of them as text */
	opt.form = true;
	out = run_export("md", &a, &meti, &opt, &ok, &ps);
	assert_non_null(strstr(out, "&lt;script&gt;"));
	free(out);
	problems_free(&ps);
	answers_free(&a);
}

static void test_html_ids_escaped(void **state)
{
	(void)state;
	/* a template that got past its checks (or was built in memory) may
	 * hold anything in an id: it never leaves its attribute */
	answers a;
	load_sample("sample.yaml", &a);
	char *sec_id = meti.sections[0].id, *item_id = meti.items[0].id;
	meti.sections[0].id = xstrdup("a\"><script>x</script>_");
	meti.items[0].id = xstrdup("b' onload='x");
	export_options opt = {.lang = "ja", .formula_guard = true};
	problems ps;
	problems_init(&ps);
	bool ok;
	char *out = run_export("html", &a, &meti, &opt, &ok, &ps);
	assert_true(ok);
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "onload='"));
	assert_non_null(strstr(out, "<section id=\"s-a_22_3E_3Cscript_3Ex_3C_2Fscript_3E_5F\">"));
	assert_non_null(strstr(out, "<a href=\"#s-a_22_3E_3Cscript_3Ex_3C_2Fscript_3E_5F\">"));
	assert_non_null(strstr(out, " id=\"i-b_27_20onload_3D_27x\">"));
	/* ordinary ids are as they were */
	assert_non_null(strstr(out, "<section id=\"s-"));
	free(out);
	free(meti.sections[0].id);
	free(meti.items[0].id);
	meti.sections[0].id = sec_id;
	meti.items[0].id = item_id;
	problems_free(&ps);
	answers_free(&a);
}

static void test_sheet_names(void **state)
{
	(void)state;
	sheet_names used;
	sheet_names_init(&used);
	static const struct {
		const char *wanted, *name;
	} cases[] = {
		{"全項目", "全項目"},
		{"1 Availability", "1 Availability"},
		{"1 availability", "1 availability~2"},             /* Excel ignores case */
		{"12345 a title far longer than thirty-one characters", "12345 a title far longer than t"},
		{"12345 a title far longer than thirty-one characters!", "12345 a title far longer than~2"},
		{"[]:*?/\\", "Sheet"},                            /* nothing left */
		{"'quoted'", "quoted"},
		{"''", "Sheet~2"},
		{"a\x1b[31mred\x07", "a31mred"},                    /* no control characters */
		{"history", "history~2"},                           /* reserved by Excel */
		{"情報セキュリティ管理体制とクラウドサービス事業者の責任範囲に関する説明",
		 "情報セキュリティ管理体制とクラウドサービス事業者の責任範囲に関"},
		{"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"}, /* 2 units each */
		{"a 30 character name ending in '", "a 30 character name ending in"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *name = export_sheet_name(cases[i].wanted, &used);
		if (strcmp(name, cases[i].name) != 0)
			fail_msg("\"%s\" named \"%s\", expected \"%s\"", cases[i].wanted, name, cases[i].name);
		free(name);
	}
	sheet_names_free(&used);
	/* ten thousand titles alike: all distinct, all short enough, and
	 * quickly (each does not try every suffix before it) */
	sheet_names_init(&used);
	strmap seen;
	strmap_init(&seen);
	for (int i = 0; i < 10001; i++) {
		char *name = export_sheet_name("The same rather long section title for all", &used);
		assert_true(strlen(name) <= 31);
		assert_true(strmap_put(&seen, name, 0));
		free(name);
	}
	strmap_free(&seen);
	sheet_names_free(&used);
}

/* A text export written as a stream (strbuf sink, as the CLI writes into
 * a file) gives the same bytes as one held whole, in every format and
 * encoding, and hands them over in pieces rather than all at the end. */
typedef struct collected {
	strbuf all;
	size_t pieces, largest;
} collected;

static void collect(void *ctx, const char *s, size_t n)
{
	collected *c = ctx;
	sb_addn(&c->all, s, n);
	c->pieces++;
	if (n > c->largest)
		c->largest = n;
}

static void test_streamed_equals_whole(void **state)
{
	(void)state;
	/* a sheet big enough to pass SB_SINK_AT several times */
	strbuf tb, ab;
	sb_init(&tb);
	sb_init(&ab);
	sb_add(&tb, "kind: checksheet/template\nid: big\nversion: \"1\"\ntitle: {ja: 大きな表, en: Big}\n"
		    "sections:\n- id: s\n  title: {ja: 節, en: Section}\n  items:\n");
	sb_add(&ab, "kind: checksheet/answers\ntemplate: big\nanswers:\n");
	int n = under_valgrind() ? 300 : 8000;
	for (int i = 1; i <= n; i++) {
		sb_printf(&tb, "  - {id: i%d, no: \"%d\", title: {ja: 項目%d の「見出し」, en: Item %d}, unit: %s}\n", i, i, i, i,
			  i % 3 ? "text" : "duration");
		sb_printf(&ab, "  i%d:\n    value: \"%s\"\n    note: \"第%d項の補足。改行\\nと \\\"引用\\\" と , を含む\"\n", i,
			  i % 3 ? "年次で見直し、=SUM(A1) のような式も文字のまま" : "4時間以内", i);
	}
	template t;
	problems ps;
	problems_init(&ps);
	assert_true(template_load_buffer("big.yaml", tb.s, tb.len, NULL, &t, &ps));
	answers a;
	answers_init(&a);
	assert_true(answers_load_buffer("big-answers.yaml", ab.s, ab.len, NULL, &a, &ps));
	static const struct {
		const char *fmt;
		export_encoding enc;
	} cases[] = {{"csv", ENC_UTF8_BOM}, {"csv", ENC_CP932}, {"tsv", ENC_UTF8}, {"json", ENC_UTF8},
		     {"md", ENC_UTF8}, {"html", ENC_UTF8}};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		const exporter *ex = exporter_find(cases[k].fmt);
		export_options opt = {.lang = "ja", .encoding = cases[k].enc, .encoding_set = true,
				      .formula_guard = true};
		export_doc d;
		export_doc_build(&d, &a, &t, &opt);
		strbuf whole;
		sb_init(&whole);
		assert_true(ex->write(&d, &whole, NULL, &ps));
		collected c = {0};
		sb_init(&c.all);
		strbuf stream;
		sb_init(&stream);
		sb_set_sink(&stream, collect, &c);
		assert_true(ex->write(&d, &stream, NULL, &ps));
		sb_flush(&stream);
		assert_int_equal(stream.len, 0);
		assert_int_equal(c.all.len, whole.len);
		assert_memory_equal(c.all.s, whole.s, whole.len);
		if (!under_valgrind()) {
			/* the buffer is emptied each time it would grow past
			 * SB_SINK_AT: pieces of at most twice that */
			assert_true(whole.len > 3 * SB_SINK_AT);
			if (c.pieces < whole.len / (2 * SB_SINK_AT) || c.largest > 2 * SB_SINK_AT)
				fail_msg("%s: %zu pieces, the largest %zu bytes, for %zu bytes", cases[k].fmt, c.pieces,
					 c.largest, whole.len);
		}
		sb_free(&stream);
		sb_free(&c.all);
		sb_free(&whole);
		export_doc_free(&d);
	}
	assert_int_equal(problems_count(&ps, SEV_ERROR) + problems_count(&ps, SEV_FATAL), 0);
	problems_free(&ps);
	answers_free(&a);
	template_free(&t);
	sb_free(&tb);
	sb_free(&ab);
}

static void test_xlsx_many_sections(void **state)
{
	(void)state;
#ifdef HAVE_XLSXWRITER
	/* 10 001 sections crashed the export: sheet names past 31 characters */
	strbuf tb;
	sb_init(&tb);
	sb_add(&tb, "kind: checksheet/template\nid: many\nversion: \"1\"\ntitle: Many\nsections:\n");
	int sections = under_valgrind() ? 101 : 10001;
	for (int i = 0; i < sections; i++)
		sb_printf(&tb, "- id: s%d\n  title: \"Section %d has a long plain title'\"\n  items:\n"
			  "  - {id: i%d, no: \"%d\", title: T, unit: text, required: false}\n",
			  i, i, i, i);
	template t;
	problems ps;
	problems_init(&ps);
	assert_true(template_load_buffer("many.yaml", tb.s, tb.len, NULL, &t, &ps));
	answers a;
	answers_init(&a);
	a.path = xstrdup("a.yaml");
	char dir[] = "/tmp/cs-xlsx-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/many.xlsx", dir);
	export_options opt = {.lang = "ja"};
	export_doc d;
	export_doc_build(&d, &a, &t, &opt);
	strbuf out;
	sb_init(&out);
	bool ok = export_xlsx(&d, &out, path, &ps);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	assert_int_equal(access(path, F_OK), 0);
	export_doc_free(&d);
	sb_free(&out);
	unlink(path);
	rmdir(dir);
	free(path);
	answers_free(&a);
	template_free(&t);
	problems_free(&ps);
	sb_free(&tb);
#else
	skip();
#endif
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_files),    cmocka_unit_test(test_csv_quoting_and_guard),
		cmocka_unit_test(test_encodings_and_pitfalls), cmocka_unit_test(test_html_escapes),
		cmocka_unit_test(test_html_ids_escaped), cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_xlsx_many_sections),
		cmocka_unit_test(test_streamed_equals_whole),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
