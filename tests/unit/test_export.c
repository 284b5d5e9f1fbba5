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
#include "core/import.h"
#include "core/template_load.h"
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

static void load_sample(const char *name, answers *a)
{
	char *rel = xasprintf("tests/data/export/%s", name);
	char *path = src_path(rel);
	problems ps;
	problems_init(&ps);
	assert_true(answers_load_file(path, NULL, a, &ps));
	free(a->path);
	a->path = xstrdup(name); /* messages name the file as the test does */
	problems_free(&ps);
	free(path);
	free(rel);
}

static char *run_export(const char *fmt, const answers *a, const template *t, export_options *opt,
			bool *ok, problems *ps)
{
	const exporter *ex = exporter_find(fmt);
	assert_non_null(ex);
	if (!opt->encoding_set)
		opt->encoding = ex->default_encoding;
	export_doc d;
	export_doc_build(&d, a, t, opt);
	strbuf out;
	sb_init(&out);
	*ok = ex->write(&d, &out, NULL, ps);
	export_doc_free(&d);
	return sb_take(&out);
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
	out = run_export("md", &a, &meti, &opt, &ok, &ps);
	assert_non_null(strstr(out, "&lt;script&gt;"));
	free(out);
	problems_free(&ps);
	answers_free(&a);
}

static void test_html_to_text(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain", "plain"},
		{"a<br>b<br/>c", "a\nb\nc"},
		{"<ul><li>一</li><li>二</li></ul>", "・一\n・二"},
		{"<p>x &amp; y</p><p>z</p>", "x & y\nz"},
		{"&#x65E5;&#26412;", "&#x65E5;&#26412;"}, /* no markup: text as it is */
		{"<b>&lt;b&gt;</b>", "<b>"},
		{"a <script>x</script> b", "a <script>x</script> b"},
		{"<div>1 &lt; 2</div>", "1 < 2"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *t = html_to_text(cases[i].in);
		assert_string_equal(t, cases[i].out);
		free(t);
	}
}

static void expect_split(const char *item, const char *text, const char *value, const char *rest)
{
	char *v, *r;
	bool ok = import_split_value(template_item(&meti, item), text, &v, &r);
	if (!value) {
		if (ok)
			fail_msg("\"%s\": took \"%s\"", text, v);
		return;
	}
	if (!ok)
		fail_msg("\"%s\": nothing taken, expected \"%s\"", text, value);
	assert_string_equal(v, value);
	assert_string_equal(r, rest);
	free(v);
	free(r);
}

static void test_split(void **state)
{
	(void)state;
	expect_split("planned-outage-notice", "有 3ヶ月前にメールで通知します", "有", "3ヶ月前にメールで通知します");
	/* a bracketed remark reads as part of the value: nothing to split */
	expect_split("planned-outage-notice", "有（30日前に通知）", "有（30日前に通知）", "");
	expect_split("planned-outage-notice", "有。30日前に通知", "有", "。30日前に通知");
	expect_split("planned-outage-notice", "無", "無", "");
	expect_split("availability-rate", "当社の稼働率は99.95%です", "99.95%", "当社の稼働率は99.95%です");
	expect_split("availability-rate", "99.9%以上（目標）", "99.9%以上（目標）", "");
	expect_split("rto", "4時間以内に復旧します", "4時間以内", "に復旧します");
	expect_split("rto", "通常2時間、最大8時間", NULL, NULL);
	expect_split("rto", "状況によります", NULL, NULL);
	expect_split("service-hours", "平日 9:00-18:00 ※祝日除く", "平日 9:00-18:00", "※祝日除く");
	expect_split("resource-limits", "何でも", "何でも", "");
}

static char *canonical(const answers *a, const template *t)
{
	answers copy;
	answers_init(&copy);
	copy.template_id = xstrdup(a->template_id);
	for (size_t i = 0; i < a->n; i++) {
		answer *dst = answers_get(&copy, a->v[i].item);
		char *id = dst->item;
		answer_copy(dst, &a->v[i]);
		free(dst->item);
		dst->item = id;
	}
	for (size_t i = 0; i < copy.n; i++) {
		raw_pairs_free(&copy.v[i].extra);
		answer_set(&copy.v[i].status, NULL);
		copy.v[i].has_cases = copy.v[i].n_cases > 0;
		copy.v[i].has_rows = copy.v[i].n_rows > 0;
	}
	char *s = answers_to_yaml(&copy, t, NULL);
	answers_free(&copy);
	return s;
}

static void fold_wave_dash(char *s)
{
	char *p;
	while ((p = strstr(s, "\u301C")))
		memcpy(p, "\uFF5E", 3);
}

static void round_trip(const char *sample, const template *t, const char *fmt, export_encoding enc,
		       bool guard)
{
	answers a;
	load_sample(sample, &a);
	export_options opt = {.lang = "ja", .formula_guard = guard, .encoding = enc, .encoding_set = true};
	problems ps;
	problems_init(&ps);
	bool ok;
	char *out = run_export(fmt, &a, t, &opt, &ok, &ps);
	assert_true(ok);
	char path[] = "/tmp/cs-import-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t len = strlen(out);
	if (enc == ENC_UTF8_BOM || enc == ENC_UTF8)
		assert_int_equal(write(fd, out, len), (ssize_t)len);
	else {
		/* encoded text may hold NUL-free bytes only; strlen is right */
		assert_int_equal(write(fd, out, len), (ssize_t)len);
	}
	close(fd);
	answers b;
	answers_init(&b);
	b.template_id = xstrdup(t->id);
	import_options io = {.encoding = encoding_name(enc)};
	import_report rep;
	assert_true(import_csv(path, t, &io, &b, &rep, &ps));
	assert_int_equal(rep.skipped, 0);
	char *want = canonical(&a, t), *got = canonical(&b, t);
	if (enc == ENC_CP932 || enc == ENC_EUC_JP) {
		/* 〜 and ～ are one character in these encodings (tested above) */
		fold_wave_dash(want);
		fold_wave_dash(got);
	}
	if (strcmp(want, got) != 0)
		fail_msg("%s in %s: the round trip changed the answers:\n%s\n---\n%s", fmt, encoding_name(enc), want, got);
	free(want);
	free(got);
	import_report_free(&rep);
	unlink(path);
	free(out);
	answers_free(&a);
	answers_free(&b);
	problems_free(&ps);
}

static void test_round_trips(void **state)
{
	(void)state;
	for (int e = 0; e < ENC_COUNT; e++) {
		round_trip("sample.yaml", &meti, "csv", (export_encoding)e, true);
		round_trip("sample.yaml", &meti, "csv", (export_encoding)e, false);
	}
	round_trip("sample.yaml", &meti, "tsv", ENC_UTF8, true);
	round_trip("whitepaper.yaml", &paper, "csv", ENC_UTF8_BOM, true);
}

static void test_import_reports(void **state)
{
	(void)state;
	char path[] = "/tmp/cs-import-XXXXXX";
	int fd = mkstemp(path);
	const char *csv = "メモ,,,\n"
			  "番号,項目,回答,備考\n"
			  "2,計画停止予定通知,有 3ヶ月前にメールで通知,\n"
			  "５,サービス稼働率,99.9%,SLA なし\n"
			  "99,ない項目,x,\n"
			  "2,計画停止予定通知,無,\n"
			  ",サービス時間,24時間365日,\n"
			  "\n"
			  "10,平均復旧時間(MTTR),通常2時間、最大8時間,\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	answers a;
	answers_init(&a);
	import_options io = {0};
	import_report rep;
	problems ps;
	problems_init(&ps);
	assert_true(import_csv(path, &meti, &io, &a, &rep, &ps));
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.skipped, 2);
	assert_int_equal(rep.split, 1);
	assert_int_equal(rep.filled, 2);
	assert_int_equal(rep.to_note, 1);
	const problem *p = find_code(&ps, "no-such-item");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 5);
	p = find_code(&ps, "duplicate-row");
	assert_int_equal(p->mark.line, 6);
	assert_string_equal(answers_find(&a, "planned-outage-notice")->value, "有"); /* not half-applied */
	assert_string_equal(answers_find(&a, "availability-rate")->note, "SLA なし");
	assert_string_equal(answers_find(&a, "service-hours")->value, "24時間365日"); /* by title */
	assert_null(answers_find(&a, "mttr")->value);
	assert_string_equal(answers_find(&a, "mttr")->note, "通常2時間、最大8時間");
	assert_non_null(strstr(sb_str(&rep.for_person), "No.10"));
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	/* no header and no --columns: refused with one message */
	strcpy(path, "/tmp/cs-import-XXXXXX");
	fd = mkstemp(path);
	assert_int_equal(write(fd, "a,b\n1,2\n", 8), 8);
	close(fd);
	answers_init(&a);
	problems_init(&ps);
	assert_false(import_csv(path, &meti, &io, &a, &rep, &ps));
	assert_non_null(find_code(&ps, "no-header"));
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	import_options cols = {0};
	assert_true(import_parse_columns("no=1,value=6,note=7", &cols));
	assert_int_equal(cols.col_value, 6);
	assert_false(import_parse_columns("value=x", &cols));
	answers_init(&a);
	problems_init(&ps);
	assert_true(import_csv(path, &meti, &cols, &a, &rep, &ps));
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
}

/* Under valgrind (CI runs every unit test under memcheck) everything is
 * some fifty times slower: smaller inputs, and no timing. */
static bool under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");
	return p && (strstr(p, "vgpreload") || strstr(p, "valgrind"));
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
	assert_non_null(strstr(out, "<h3 id=\"i-b_27_20onload_3D_27x\">"));
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

/* Imports csv (bytes, len) with the options; the problems are left in ps. */
static bool import_bytes(const char *csv, size_t len, const import_options *io, answers *a, problems *ps)
{
	char path[] = "/tmp/cs-import-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, csv, len), (ssize_t)len);
	close(fd);
	answers_init(a);
	import_report rep;
	bool ok = import_csv(path, &meti, io, a, &rep, ps);
	import_report_free(&rep);
	unlink(path);
	return ok;
}

static void expect_import_fatal(const char *name, const char *csv, size_t len, const char *enc, const char *code,
				int line, int column, const char *says)
{
	import_options io = {.encoding = enc};
	answers a;
	problems ps;
	problems_init(&ps);
	bool ok = import_bytes(csv, len ? len : strlen(csv), &io, &a, &ps);
	const problem *p = find_code(&ps, code);
	if (ok || !p) {
		dump_problems(&ps);
		fail_msg("%s: no %s", name, code);
	}
	assert_int_equal(p->sev, SEV_FATAL);
	if (p->mark.line != line || p->mark.column != column || (says && !strstr(p->message, says))) {
		dump_problems(&ps);
		fail_msg("%s: %s at %d:%d, expected %d:%d", name, code, p->mark.line, p->mark.column, line, column);
	}
	answers_free(&a);
	problems_free(&ps);
}

static void test_import_hostile(void **state)
{
	(void)state;
	static const char nul[] = "番号,項目,回答,備考\n5,サービス稼働率,99.9\0%,ok\n";
	expect_import_fatal("NUL byte", nul, sizeof nul - 1, NULL, "nul-character", 2, 15, "row 2, column 3");
	static const char nul_quoted[] = "番号,項目,回答,備考\n5,サービス稼働率,\"a\nb\0\",ok\n";
	expect_import_fatal("NUL in a quoted cell", nul_quoted, sizeof nul_quoted - 1, NULL, "nul-character", 3, 2,
			    "row 2, column 3");
	expect_import_fatal("unterminated quote",
			    "番号,項目,回答,備考\n5,サービス稼働率,99.9%,ok\n11,目標復旧時間(RTO),\"4時間\n12,x,0,\n", 0, NULL,
			    "unterminated-quote", 3, 16, "row 3, column 3");
	/* one bad byte in a UTF-8 sheet: invalid UTF-8 where it is, not
	 * "not valid CP932" somewhere */
	expect_import_fatal("one bad byte", "番号,項目,回答,備考\n5,サービス稼働率,99.9%,保証なし\xff\n", 0, NULL,
			    "invalid-utf8", 2, 21, "byte offset 70");
	expect_import_fatal("bad after a BOM", "\xEF\xBB\xBF番号,項目,回答,備考\n5,サ\xe3\x81,x,y\n", 0, NULL,
			    "invalid-utf8", 2, 4, NULL);
	expect_import_fatal("-e utf-8", "番号,項目,回答,備考\n5,\x82\xa0,x,y\n", 0, "utf-8", "invalid-utf8", 2, 3, NULL);
	expect_import_fatal("-e cp932 on bytes it cannot read", "no,value\n5,\x82\xa0\x81\x7f\n", 0, "cp932",
			    "invalid-encoding", 2, 4, "byte offset 13");
	/* a sheet with more cells in a row than any sheet has */
	strbuf wide;
	sb_init(&wide);
	sb_add(&wide, "番号,項目,回答,備考\n5");
	for (int i = 0; i < 5000; i++)
		sb_add(&wide, ",x");
	expect_import_fatal("too many cells", wide.s, wide.len, NULL, "too-many-entries", 2, 2001, "row 2");
	sb_free(&wide);

	/* still read: CP932 without -e, UTF-16 with a BOM */
	import_options io = {0};
	answers a;
	problems ps;
	problems_init(&ps);
	static const char cp932[] = "\x94\xd4\x8d\x86,\x8d\x80\x96\xda,\x89\xf1\x93\x9a,\x94\xf5\x8dl\n"
				    "5,x,99.9%,\x82\xa0\n";
	assert_true(import_bytes(cp932, sizeof cp932 - 1, &io, &a, &ps));
	assert_non_null(answers_find(&a, "availability-rate"));
	assert_non_null(answers_find(&a, "availability-rate")->note);
	assert_string_equal(answers_find(&a, "availability-rate")->note, "あ");
	answers_free(&a);
	static const char utf16[] = "\xff\xfe\x6a\x75\xf7\x53\x2c\x00\xde\x56\x54\x7b\x0a\x00"
				    "\x35\x00\x2c\x00\x39\x00\x39\x00\x25\x00\x0a\x00";
	assert_true(import_bytes(utf16, sizeof utf16 - 1, &io, &a, &ps));
	assert_non_null(answers_find(&a, "availability-rate"));
	assert_non_null(answers_find(&a, "availability-rate")->value);
	assert_string_equal(answers_find(&a, "availability-rate")->value, "99%");
	answers_free(&a);
	if (ps.n)
		dump_problems(&ps);
	problems_free(&ps);
}

static void test_import_skipped_rows_capped(void **state)
{
	(void)state;
	/* every bad row counts; the first 1000 are listed, then one line */
	strbuf csv;
	sb_init(&csv);
	sb_add(&csv, "番号,項目,回答,備考\n");
	for (int i = 0; i < 1500; i++)
		sb_printf(&csv, "x%d,none,1,\n", i);
	char path[] = "/tmp/cs-import-XXXXXX";
	int fd = mkstemp(path);
	assert_int_equal(write(fd, csv.s, csv.len), (ssize_t)csv.len);
	close(fd);
	answers a;
	answers_init(&a);
	import_options io = {0};
	import_report rep;
	problems ps;
	problems_init(&ps);
	assert_true(import_csv(path, &meti, &io, &a, &rep, &ps));
	assert_int_equal(rep.skipped, 1500);
	assert_int_equal(count_code(&ps, "no-such-item"), LOAD_DEFAULT_MAX_PROBLEMS);
	const problem *p = find_code(&ps, "skipped-rows");
	assert_non_null(p);
	assert_non_null(strstr(p->message, "500 more rows"));
	assert_int_equal(p->mark.line, 1501);
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	sb_free(&csv);
}

static void test_import_big_cells_linear(void **state)
{
	(void)state;
	/* cells of a megabyte: prose, markup without ends, separators of
	 * titles; each stays about linear (it once tried every boundary) */
	strbuf csv;
	sb_init(&csv);
	sb_add(&csv, "番号,項目,回答,備考\n5,x,");
	for (int i = 0; i < 300000; i++)
		sb_add(&csv, "あ");
	sb_add(&csv, ",\n10,x,<br");
	for (int i = 0; i < 300000; i++)
		sb_add(&csv, "<a&");
	sb_add(&csv, ",\n,");
	for (int i = 0; i < 300000; i++)
		sb_add(&csv, "・");
	sb_add(&csv, ",x,\n");
	clock_t t0 = clock();
	import_options io = {0};
	answers a;
	problems ps;
	problems_init(&ps);
	assert_true(import_bytes(csv.s, csv.len, &io, &a, &ps));
	double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (s > 5.0 && !under_valgrind())
		fail_msg("three megabyte cells: %.2f s", s);
	assert_non_null(answers_find(&a, "availability-rate"));
	assert_non_null(answers_find(&a, "mttr"));
	answers_free(&a);
	problems_free(&ps);
	sb_free(&csv);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_files),    cmocka_unit_test(test_csv_quoting_and_guard),
		cmocka_unit_test(test_encodings_and_pitfalls), cmocka_unit_test(test_html_escapes),
		cmocka_unit_test(test_html_to_text),    cmocka_unit_test(test_split),
		cmocka_unit_test(test_round_trips),     cmocka_unit_test(test_import_reports),
		cmocka_unit_test(test_html_ids_escaped), cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_xlsx_many_sections), cmocka_unit_test(test_import_hostile),
		cmocka_unit_test(test_import_big_cells_linear), cmocka_unit_test(test_import_skipped_rows_capped),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
