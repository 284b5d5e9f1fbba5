/* The importer: reading answer cells (a corpus of prose with the outcome
 * each must have), header detection on real sheet layouts, group and
 * repeated header rows, tables in one cell, cases, round trips through
 * every export that imports, hostile sheets. */
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

#include "core/answers_save.h"
#include "core/import.h"
#include "core/table_text.h"
#include "core/units.h"
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

static char *write_temp(const char *data, size_t len, const char *suffix)
{
	char *path = xasprintf("/tmp/cs-import-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

/* Imports bytes as a CSV file; the problems are left in ps. */
static bool import_bytes(const char *csv, size_t len, const import_options *io, answers *a, problems *ps)
{
	char *path = write_temp(csv, len, ".csv");
	answers_init(a);
	import_report rep;
	bool ok = import_file(path, &meti, io, a, &rep, ps);
	import_report_free(&rep);
	unlink(path);
	free(path);
	return ok;
}

/* ---- one cell ---- */

static char *unescape(const char *s)
{
	strbuf sb;
	sb_init(&sb);
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			sb_addc(&sb, '\n');
			s++;
		} else
			sb_addc(&sb, *s);
	}
	return sb_take(&sb);
}

static void test_prose_corpus(void **state)
{
	(void)state;
	char *path = src_path("tests/data/import/prose-corpus.tsv");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[4096];
	int n = 0, failed = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *save = NULL;
		char *id = strtok_r(line, "\t", &save), *cell = strtok_r(NULL, "\t", &save);
		char *outcome = strtok_r(NULL, "\t", &save), *value = strtok_r(NULL, "\t", &save);
		char *note = strtok_r(NULL, "\t", &save);
		assert_non_null(note);
		const tmpl_item *it = template_item(&meti, id);
		if (!it)
			fail_msg("corpus: no item %s", id);
		char *text = unescape(cell), *want_note = unescape(note);
		cell_reading cr;
		import_read_cell(it, text, &cr);
		const char *got_outcome = import_outcome_id(cr.outcome);
		static const struct {
			const char *word, *id;
		} outcomes[] = {{"copied", "copied"}, {"prose", "prose"}, {"person", "for-person"}};
		const char *want_outcome = NULL;
		for (size_t i = 0; i < 3; i++)
			if (strcmp(outcome, outcomes[i].word) == 0)
				want_outcome = outcomes[i].id;
		assert_non_null(want_outcome);
		const char *want_value = strcmp(value, "-") == 0 ? NULL : value;
		const char *note_expected = strcmp(want_note, "=") == 0 ? text : strcmp(want_note, "-") == 0 ? NULL : want_note;
		bool ok = strcmp(got_outcome, want_outcome) == 0 &&
			  (want_value ? cr.value && strcmp(cr.value, want_value) == 0 : !cr.value) &&
			  (note_expected ? cr.note && strcmp(cr.note, note_expected) == 0 : !cr.note || !*cr.note);
		if (!ok) {
			print_error("corpus %s 「%s」: got %s value=%s note=%s why=%s; expected %s value=%s note=%s\n", id,
				    cell, got_outcome, cr.value ? cr.value : "-", cr.note ? cr.note : "-",
				    cr.why ? cr.why : "-", want_outcome, value, note);
			failed++;
		}
		/* a value read out of prose reads as it did in the text: the phrase
		 * parses on its own as the item's unit */
		if (cr.value) {
			typed_value v;
			assert_int_equal(units_parse_item(it, cr.value, &v), PARSE_OK);
		}
		if (cr.outcome == IMPORT_FOR_PERSON)
			assert_non_null(cr.why);
		cell_reading_free(&cr);
		free(text);
		free(want_note);
		n++;
	}
	fclose(f);
	free(path);
	assert_true(n >= 60);
	if (failed)
		fail_msg("%d of %d corpus cases differ", failed, n);
}

/* Cells the fuzzer found: white space before a stray continuation byte
 * (the trimming stepped back past the start) reads as nothing invented. */
static void test_prose_stray_bytes(void **state)
{
	(void)state;
	static const char *const cells[] = {"\n\x9f", " \x9f\x9f", "\xe3\x80\x80\x80", "\t\xbf \n", "\x9f"};
	const tmpl_item *it = template_item(&meti, "rto");
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		cell_reading cr;
		import_read_cell(it, cells[i], &cr);
		assert_null(cr.value);
		cell_reading_free(&cr);
	}
}

static void test_cases_only_from_lists(void **state)
{
	(void)state;
	const tmpl_item *rto = template_item(&meti, "rto");
	answer an;
	memset(&an, 0, sizeof an);
	assert_true(import_read_cases(rto, "営業時間内 → 4時間以内\n営業時間外 → 24時間以内", &an));
	assert_int_equal(an.n_cases, 2);
	assert_string_equal(an.cases[0].when, "営業時間内");
	assert_string_equal(an.cases[1].value, "24時間以内");
	answer_free(&an);
	memset(&an, 0, sizeof an);
	/* the when may hold an arrow of its own: split at the last */
	assert_true(import_read_cases(rto, "A → B の経路 → 4時間以内", &an));
	assert_string_equal(an.cases[0].when, "A → B の経路");
	answer_free(&an);
	/* arrows in prose: no cases, and nothing of the cell is lost (the
	 * caller keeps it whole) */
	static const char *const prose[] = {
		"障害発生 → 一次切り分け → 復旧（通常4時間以内）",
		"営業時間内 → 4時間以内\n夜間は翌営業日",
		"営業時間内 → 4時間以内\n\n営業時間外 → 24時間以内",
		" → 4時間以内",
		"営業時間内: 4時間以内\n営業時間外: 24時間以内",
	};
	for (size_t i = 0; i < sizeof prose / sizeof *prose; i++) {
		memset(&an, 0, sizeof an);
		if (import_read_cases(rto, prose[i], &an))
			fail_msg("cases from prose: %s", prose[i]);
		assert_int_equal(an.n_cases, 0);
		answer_free(&an);
	}
}

/* ---- tables in one cell ---- */

static void test_table_text(void **state)
{
	(void)state;
	const tmpl_item *it = NULL;
	for (size_t i = 0; i < paper.n_items && !it; i++)
		if (paper.items[i].unit == UNIT_TABLE && paper.items[i].n_columns >= 2)
			it = &paper.items[i];
	assert_non_null(it);
	const char *c0 = it->columns[0].id, *c1 = it->columns[1].id;
	answer an;
	memset(&an, 0, sizeof an);
	static const char *const cells[][2] = {
		{"Amazon Web Services", "インフラ\n（東京リージョン）"},
		{"a | b", "x | y\n\n| z |"},
		{"  leading spaces", "trailing\n"},
		{"", ""},
		{"ラベル: 値", "用途: なし"},
	};
	for (size_t r = 0; r < sizeof cells / sizeof *cells; r++) {
		answer_add_row(&an);
		if (*cells[r][0])
			raw_pairs_set_scalar(&an.rows[r].cells, c0, cells[r][0]);
		if (*cells[r][1])
			raw_pairs_set_scalar(&an.rows[r].cells, c1, cells[r][1]);
	}
	raw_pairs_set_scalar(&an.rows[0].cells, "extra-key", "kept too");
	for (int l = 0; l < 2; l++) {
		char *text = table_text_encode(it, &an, l ? "en" : "ja");
		answer back;
		memset(&back, 0, sizeof back);
		if (!table_text_decode(it, text, &back))
			fail_msg("not read back:\n%s", text);
		assert_int_equal(back.n_rows, an.n_rows);
		for (size_t r = 0; r < an.n_rows; r++) {
			const char *keys[] = {c0, c1, "extra-key"};
			for (size_t k = 0; k < 3; k++) {
				const char *want = raw_pairs_scalar(&an.rows[r].cells, keys[k]);
				const char *got = raw_pairs_scalar(&back.rows[r].cells, keys[k]);
				if (!want)
					assert_null(got);
				else if (!got || strcmp(want, got) != 0)
					fail_msg("row %zu %s: \"%s\" came back as \"%s\"\n%s", r, keys[k], want, got ? got : "(none)", text);
			}
		}
		answer_free(&back);
		free(text);
	}
	answer_free(&an);
	/* the older form, a row a line */
	memset(&an, 0, sizeof an);
	assert_true(table_text_decode(it, "A | B\nC | D", &an));
	assert_int_equal(an.n_rows, 2);
	assert_string_equal(raw_pairs_scalar(&an.rows[1].cells, c1), "D");
	answer_free(&an);
	/* prose with colons is no table */
	memset(&an, 0, sizeof an);
	assert_false(table_text_decode(it, "注意: 一覧は別紙を参照\n備考: なし", &an));
	assert_int_equal(an.n_rows, 0);
	answer_free(&an);
}

/* ---- sheets as people make them ---- */

static void import_path(const char *path, const template *t, const import_options *io, answers *a,
			import_report *rep, problems *ps)
{
	answers_init(a);
	if (!import_file(path, t, io, a, rep, ps)) {
		dump_problems(ps);
		fail_msg("%s: not imported", path);
	}
}

static size_t passed_over(const import_report *rep, const char *why)
{
	size_t n = 0;
	for (size_t i = 0; i < rep->n; i++)
		n += rep->v[i].outcome == IMPORT_PASSED_OVER && strcmp(rep->v[i].why, why) == 0;
	return n;
}

static const answer *got(const answers *a, const char *id)
{
	const answer *an = answers_find(a, id);
	if (!an)
		fail_msg("no answer for %s", id);
	return an;
}

/* The METI checklist's own layout: title block, header 「No. 種別
 * サービスレベル項目例 規定内容 測定単位 設定」, four group rows, the header
 * again where a printed page starts, line breaks in cells. */
static void check_meti_sheet(const char *name, const char *encoding)
{
	char *rel = xasprintf("tests/data/import/%s", name);
	char *path = src_path(rel);
	import_options io = {.encoding = encoding};
	answers a;
	import_report rep;
	import_report_init(&rep);
	problems ps;
	problems_init(&ps);
	import_path(path, &meti, &io, &a, &rep, &ps);
	if (ps.n)
		dump_problems(&ps);
	assert_int_equal(problems_count(&ps, SEV_ERROR), 0);
	assert_int_equal(rep.count[IMPORT_SKIPPED], 0);
	assert_int_equal(passed_over(&rep, "group row"), 4);
	assert_int_equal(passed_over(&rep, "repeated header"), 1);
	assert_int_equal(passed_over(&rep, "title row"), 2);
	assert_int_equal(rep.count[IMPORT_COPIED] + rep.count[IMPORT_PROSE] + rep.count[IMPORT_FOR_PERSON], 49);
	/* exactly a value: copied, no status */
	assert_string_equal(got(&a, "availability-rate")->value, "99.95%（月間、計画停止を除く）");
	assert_null(got(&a, "availability-rate")->status);
	assert_string_equal(got(&a, "monitoring-interval")->value, "1");
	/* read out of prose: a draft, the cell kept whole in the note */
	const answer *d = got(&a, "delay-duration");
	assert_string_equal(d->value, "3時間以内を目標");
	assert_string_equal(d->status, "draft");
	assert_string_equal(d->note, "応答遅延が続く時間は3時間以内を目標としています。");
	/* a leading answer word, the rest in the note (line break and all) */
	assert_string_equal(got(&a, "backup-method")->value, "有");
	assert_string_equal(got(&a, "backup-method")->note, "日次フルバックアップ\n別リージョンへ複製");
	assert_string_equal(got(&a, "backup-method")->status, "draft");
	/* n/a with its reason */
	assert_string_equal(got(&a, "batch-time")->value, "該当なし");
	assert_string_equal(got(&a, "batch-time")->note, "バッチ処理機能を提供していないため");
	/* for a person: no value, the cell whole */
	assert_null(got(&a, "backup-retention")->value);
	assert_string_equal(got(&a, "backup-retention")->note, "データベース: 7日間 ログ: 最低1年間");
	assert_null(got(&a, "virus-scan")->value);
	assert_null(got(&a, "upgrade-policy")->value);
	/* a text item keeps its cell */
	assert_string_equal(got(&a, "resource-limits")->value, "ストレージ1TB/テナント、API 1,000リクエスト/分");
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	free(path);
	free(rel);
}

static void test_meti_sheets(void **state)
{
	(void)state;
	check_meti_sheet("meti-sheet-cp932.csv", NULL);
	check_meti_sheet("meti-sheet-cp932.csv", "cp932");
	check_meti_sheet("meti-sheet-bom.csv", NULL);
}

/* Layouts of customers' and vendors' own sheets. */
static void test_header_layouts(void **state)
{
	(void)state;
	static const struct {
		const char *name, *csv, *item, *value, *note;
	} sheets[] = {
		{"title block, header on row 6, hints in brackets",
		 "株式会社お客様 御中,,,\n\nクラウドサービス調査票,,,\n回答日:,2026/11/01,,\n\n"
		 "項番,確認項目,回答（有・無）,補足説明\n"
		 "2,計画停止予定通知,有,30日前に通知\n",
		 "planned-outage-notice", "有", "30日前に通知"},
		{"English headers",
		 "Vendor security questionnaire\n#,Question,Response,Comments\n5,Service availability,99.9%,monthly\n",
		 "availability-rate", "99.9%", "monthly"},
		{"Yes/No and Notes",
		 "ID,Item,Yes/No,Notes\n7,重大障害時の代替手段,no,\n", "major-failure-alternative", "no", NULL},
		{"answers under 備考 alone",
		 "No.,サービスレベル項目例,備考\n29,バックアップデータを取得するタイミング(RPO),24時間\n", "rpo", "24時間", NULL},
		{"貴社回答 and コメント",
		 "No,項目,貴社回答,コメント\n11,目標復旧時間(RTO),24時間以内,\n", "rto", "24時間以内", NULL},
		{"our own export's header",
		 "No.,種別,項目,規定内容,測定単位,回答,補足,状態,回答状況\n5,可用性,サービス稼働率,,稼働率 (%),99.9%,note,valid,確定\n",
		 "availability-rate", "99.9%", "note"},
	};
	for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++) {
		import_options io = {0};
		answers a;
		problems ps;
		problems_init(&ps);
		if (!import_bytes(sheets[i].csv, strlen(sheets[i].csv), &io, &a, &ps)) {
			dump_problems(&ps);
			fail_msg("%s: refused", sheets[i].name);
		}
		const answer *an = answers_find(&a, sheets[i].item);
		if (!an || !an->value || strcmp(an->value, sheets[i].value) != 0)
			fail_msg("%s: %s is %s", sheets[i].name, sheets[i].item, an && an->value ? an->value : "(none)");
		if (sheets[i].note)
			assert_string_equal(an->note, sheets[i].note);
		else
			assert_null(an->note);
		assert_int_equal(problems_count(&ps, SEV_ERROR), 0);
		answers_free(&a);
		problems_free(&ps);
	}
	/* status column: 確定 is final */
	import_options io = {0};
	answers a;
	problems ps;
	problems_init(&ps);
	const char *csv = sheets[5].csv;
	assert_true(import_bytes(csv, strlen(csv), &io, &a, &ps));
	assert_string_equal(answers_find(&a, "availability-rate")->status, "final");
	answers_free(&a);
	/* --columns: the header row is passed over, not an error */
	const char *plain = "No.,種別,項目,回答\n5,可用性,サービス稼働率,99.9%\n";
	import_options cols = {0};
	assert_true(import_parse_columns("no=1,value=4", &cols));
	assert_true(import_bytes(plain, strlen(plain), &cols, &a, &ps));
	assert_int_equal(problems_count(&ps, SEV_ERROR), 0);
	assert_string_equal(answers_find(&a, "availability-rate")->value, "99.9%");
	answers_free(&a);
	/* no header anywhere in the first 20 rows: refused, with the way out */
	const char *none = "a,b\n1,2\n";
	assert_false(import_bytes(none, strlen(none), &io, &a, &ps));
	assert_non_null(find_code(&ps, "no-header"));
	answers_free(&a);
	problems_free(&ps);
}

/* ---- round trips ---- */

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
	char *out, *path;
	if (strcmp(fmt, "xlsx") == 0) {
		/* a workbook is written to a file of its own */
		out = NULL;
		path = write_temp("", 0, ".xlsx");
		export_doc d;
		export_doc_build(&d, &a, t, &opt);
		ok = export_xlsx(&d, NULL, path, &ps);
		export_doc_free(&d);
	} else {
		out = run_export(fmt, &a, t, &opt, &ok, &ps);
		/* encoded text holds no NUL: strlen is right */
		path = write_temp(out, strlen(out), ".csv");
	}
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	answers b;
	answers_init(&b);
	b.template_id = xstrdup(t->id);
	import_options io = {.encoding = encoding_name(enc)};
	import_report rep;
	assert_true(import_file(path, t, &io, &b, &rep, &ps));
	assert_int_equal(rep.count[IMPORT_SKIPPED], 0);
	assert_int_equal(rep.count[IMPORT_PROSE], 0);
	assert_int_equal(rep.count[IMPORT_FOR_PERSON], 0);
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
	free(path);
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
	/* every unit, n/a with its reason, statuses, cases, tables whose cells
	 * hold line breaks, bars and colons */
	static const char *const samples[] = {"../import/roundtrip-meti.yaml", "../import/roundtrip-whitepaper.yaml"};
	for (size_t i = 0; i < 2; i++) {
		const template *t = i ? &paper : &meti;
		for (int e = 0; e < ENC_COUNT; e++)
			round_trip(samples[i], t, "csv", (export_encoding)e, e == ENC_UTF8_BOM);
		round_trip(samples[i], t, "tsv", ENC_UTF8, true);
#ifdef HAVE_XLSXWRITER
		round_trip(samples[i], t, "xlsx", ENC_UTF8, true);
#endif
	}
#ifdef HAVE_XLSXWRITER
	round_trip("sample.yaml", &meti, "xlsx", ENC_UTF8, true);
#endif
}

/* What the report says of each row, for a person and for tools. */
static void test_import_reports(void **state)
{
	(void)state;
	const char *csv = "メモ,,,\n"
			  "番号,項目,回答,備考\n"
			  "2,計画停止予定通知,有 3ヶ月前にメールで通知,\n"
			  "５,サービス稼働率,99.9%,SLA なし\n"
			  "99,ない項目,x,\n"
			  "2,計画停止予定通知,無,\n"
			  ",サービス時間,24時間365日,\n"
			  "\n"
			  "データ管理,,,\n"
			  "10,平均復旧時間(MTTR),通常2時間、最大8時間,\n"
			  "20,遅延,応答遅延が続く時間は3時間以内を目標としています。,\n"
			  "11,目標復旧時間(RTO),,\n";
	char *path = write_temp(csv, strlen(csv), ".csv");
	answers a;
	import_options io = {0};
	import_report rep;
	problems ps;
	problems_init(&ps);
	answers_init(&a);
	assert_true(import_file(path, &meti, &io, &a, &rep, &ps));
	assert_int_equal(rep.rows, 11); /* the title and header rows too */
	assert_int_equal(rep.count[IMPORT_SKIPPED], 2);
	assert_int_equal(rep.count[IMPORT_PROSE], 2);
	assert_int_equal(rep.count[IMPORT_COPIED], 2);
	assert_int_equal(rep.count[IMPORT_FOR_PERSON], 1);
	assert_int_equal(rep.count[IMPORT_EMPTY], 1);
	assert_int_equal(passed_over(&rep, "group row"), 1);
	assert_int_equal(passed_over(&rep, "title row"), 1);
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
	/* a line for each row that is not a plain copy */
	bool prose_line = false, person_line = false;
	for (size_t i = 0; i < rep.n; i++) {
		char *line = import_entry_line(&rep.v[i], &meti);
		if (rep.v[i].outcome == IMPORT_COPIED || rep.v[i].outcome == IMPORT_EMPTY)
			assert_null(line);
		else
			assert_non_null(line);
		if (line && strstr(line, "No.20") && strstr(line, "「3時間以内を目標」"))
			prose_line = true;
		if (line && strstr(line, "No.10") && strstr(line, "left for a person"))
			person_line = true;
		free(line);
	}
	assert_true(prose_line);
	assert_true(person_line);
	/* and the same as JSON, which a JSON parser reads (checked end to end) */
	strbuf js;
	sb_init(&js);
	import_report_json(&rep, &meti, "out.yaml", &js);
	assert_non_null(strstr(js.s, "\"outcome\": \"prose\", \"item\": \"delay-duration\", \"no\": \"20\", \"phrase\": \"3時間以内を目標\""));
	assert_non_null(strstr(js.s, "\"passed-over\": 3"));
	sb_free(&js);
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	free(path);
}


/* ---- hostile sheets ---- */

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
	/* positions stay exact after cells that were cut short in place
	 * (doubled quotes, CRs inside quotes, CRLF rows) */
	static const char nul_late[] = "番号,項目,回答\r\n5,\"「\"\"稼働\"\"」\r\n率\",ok\0\n";
	expect_import_fatal("NUL after doubled quotes", nul_late, sizeof nul_late - 1, NULL, "nul-character", 3, 6,
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
	char *path = write_temp(csv.s, csv.len, ".csv");
	answers a;
	answers_init(&a);
	import_options io = {0};
	import_report rep;
	problems ps;
	problems_init(&ps);
	assert_true(import_file(path, &meti, &io, &a, &rep, &ps));
	assert_int_equal(rep.count[IMPORT_SKIPPED], 1500);
	assert_int_equal(count_code(&ps, "no-such-item"), LOAD_DEFAULT_MAX_PROBLEMS);
	const problem *p = find_code(&ps, "skipped-rows");
	assert_non_null(p);
	assert_non_null(strstr(p->message, "500 more rows"));
	assert_int_equal(p->mark.line, 1501);
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	free(path);
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
	if (s > time_bound(5.0) && !under_valgrind())
		fail_msg("three megabyte cells: %.2f s", s);
	assert_non_null(answers_find(&a, "availability-rate"));
	assert_non_null(answers_find(&a, "mttr"));
	answers_free(&a);
	problems_free(&ps);
	sb_free(&csv);
}


/* ---- pasted HTML ---- */

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


#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

/* A customer's workbook made with libxlsxwriter: a cover sheet, a merged
 * title, the header on row 5, a merged group row, rich text and a line
 * break in answers, a percentage stored as a number, a hidden sheet. */
static void test_xlsx_workbook(void **state)
{
	(void)state;
	char *path = write_temp("", 0, ".xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *hidden = workbook_add_worksheet(wb, "メモ");
	worksheet_write_string(hidden, 0, 0, "No.", NULL);
	worksheet_write_string(hidden, 0, 1, "回答", NULL);
	worksheet_write_string(hidden, 1, 0, "5", NULL);
	worksheet_write_string(hidden, 1, 1, "0%", NULL);
	worksheet_hide(hidden);
	lxw_worksheet *cover = workbook_add_worksheet(wb, "表紙");
	worksheet_write_string(cover, 0, 0, "サービスレベル確認シート", NULL);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "回答");
	worksheet_activate(ws); /* the active sheet cannot be hidden */
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.00%");
	worksheet_merge_range(ws, 0, 0, 0, 3, "クラウドサービス調査票", bold);
	worksheet_write_string(ws, 2, 0, "回答日", NULL);
	worksheet_write_string(ws, 2, 1, "2026/11/01", NULL);
	static const char *const head[] = {"項番", "確認項目", "回答（有・無）", "補足説明"};
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 4, (lxw_col_t)c, head[c], bold);
	worksheet_merge_range(ws, 5, 0, 5, 3, "アプリケーション運用", NULL);
	worksheet_write_number(ws, 6, 0, 5, NULL);
	worksheet_write_string(ws, 6, 1, "サービス稼働率", NULL);
	worksheet_write_number(ws, 6, 2, 0.9995, pct);
	worksheet_write_string(ws, 6, 3, "月間", NULL);
	worksheet_write_number(ws, 7, 0, 2, NULL);
	worksheet_write_string(ws, 7, 1, "計画停止予定通知", NULL);
	lxw_rich_string_tuple r1 = {.format = bold, .string = "有"};
	lxw_rich_string_tuple r2 = {.format = NULL, .string = "\n30日前にメールで通知"};
	lxw_rich_string_tuple *rich[] = {&r1, &r2, NULL};
	worksheet_write_rich_string(ws, 7, 2, rich, NULL);
	worksheet_write_number(ws, 8, 0, 20, NULL);
	worksheet_write_string(ws, 8, 1, "遅延", NULL);
	worksheet_write_string(ws, 8, 2, "応答遅延が続く時間は3時間以内を目標としています。", NULL);
	worksheet_merge_range(ws, 9, 0, 9, 3, "データ管理", NULL);
	worksheet_write_number(ws, 10, 0, 32, NULL);
	worksheet_write_string(ws, 10, 1, "バックアップ世代数", NULL);
	worksheet_write_number(ws, 10, 2, 7, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	import_options io = {0};
	answers a;
	import_report rep;
	problems ps;
	problems_init(&ps);
	import_path(path, &meti, &io, &a, &rep, &ps);
	assert_string_equal(rep.sheet, "回答");
	assert_int_equal(rep.count[IMPORT_SKIPPED], 0);
	assert_int_equal(passed_over(&rep, "group row"), 2);
	assert_string_equal(got(&a, "availability-rate")->value, "99.95%");
	assert_string_equal(got(&a, "availability-rate")->note, "月間");
	assert_string_equal(got(&a, "planned-outage-notice")->value, "有");
	assert_string_equal(got(&a, "planned-outage-notice")->note, "30日前にメールで通知");
	assert_string_equal(got(&a, "delay-duration")->value, "3時間以内を目標");
	assert_string_equal(got(&a, "delay-duration")->status, "draft");
	assert_string_equal(got(&a, "backup-generations")->value, "7");
	import_report_free(&rep);
	answers_free(&a);
	/* --sheet: the hidden one by name, and a sheet that is not there */
	import_options by_name = {.sheet = "メモ"};
	import_path(path, &meti, &by_name, &a, &rep, &ps);
	assert_string_equal(got(&a, "availability-rate")->value, "0%");
	import_report_free(&rep);
	answers_free(&a);
	import_options none = {.sheet = "9"};
	answers_init(&a);
	assert_false(import_file(path, &meti, &none, &a, &rep, &ps));
	assert_non_null(find_code(&ps, "no-such-sheet"));
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	unlink(path);
	free(path);
}
#else
static void test_xlsx_workbook(void **state)
{
	(void)state;
	skip();
}
#endif

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prose_corpus),
		cmocka_unit_test(test_prose_stray_bytes),
		cmocka_unit_test(test_cases_only_from_lists),
		cmocka_unit_test(test_table_text),
		cmocka_unit_test(test_meti_sheets),
		cmocka_unit_test(test_header_layouts),
		cmocka_unit_test(test_xlsx_workbook),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_import_reports),
		cmocka_unit_test(test_import_hostile),
		cmocka_unit_test(test_import_skipped_rows_capped),
		cmocka_unit_test(test_import_big_cells_linear),
		cmocka_unit_test(test_html_to_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
