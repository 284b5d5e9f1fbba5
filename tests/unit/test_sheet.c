/* The open sheet: every operation, its derived state, undo and redo, the
 * saved state, answer equality, review staleness and live rule results. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include <sys/stat.h>

#include "core/answers_save.h"
#include "core/recovery.h"
#include "core/sheet.h"
#include "testutil.h"

static char *tmpdir;

static char *write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
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

/* An answers file on a built-in template, by path so that no search
 * directory is involved. */
static char *answers_file(const char *name, const char *tmpl, const char *body)
{
	char *tpath = src_path(tmpl);
	char *text = xasprintf("kind: checksheet/answers\ntemplate: %s\n%s", tpath, body);
	char *path = write_file(name, text);
	free(text);
	free(tpath);
	return path;
}

static void open_ok(sheet *s, const sheet_options *o)
{
	problems ps;
	problems_init(&ps);
	bool ok = sheet_open(s, o, &ps);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	problems_free(&ps);
}

static char *yaml_of(const sheet *s)
{
	size_t len;
	return answers_to_yaml(&s->a, &s->t, &len);
}

static const char meti_body[] = "answers:\n"
				"  service-hours:\n    value: 24時間365日\n"
				"  availability-rate:\n    value: 99.9%\n    note: 昨年実績\n";

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_sheet.XXXXXX";
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

static void test_open_and_counts(void **state)
{
	(void)state;
	char *path = answers_file("a.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	assert_string_equal(s.lang, "ja");  /* no `language:`: ja, whatever the locale */
	assert_int_equal(sheet_item_count(&s), 49);
	assert_int_equal(s.answered, 2);
	size_t rate = sheet_find(&s, "availability-rate");
	assert_int_equal(sheet_state(&s, rate), ITEM_VALID);
	assert_int_equal(sheet_find_no(&s, "5"), rate);
	size_t sec = sheet_item(&s, rate)->section;
	assert_int_equal(s.sec_answered[sec], 2);
	assert_false(sheet_modified(&s));
	/* derived counts equal a fresh count over every item */
	size_t problems_now = 0;
	for (size_t i = 0; i < sheet_item_count(&s); i++)
		problems_now += sheet_is_problem(&s, i);
	assert_int_equal(problems_now, s.problem_items);
	sheet_close(&s);
	free(path);
}

static void test_operations_keep_state_exact(void **state)
{
	(void)state;
	char *path = answers_file("ops.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	size_t rto = sheet_find(&s, "rto");
	size_t before_problems = s.problem_items, before_answered = s.answered;
	sheet_take_change(&s);

	assert_true(sheet_set_value(&s, rto, "4時間以内"));
	sheet_change ch = sheet_take_change(&s);
	assert_true(ch.flags & SHEET_CHANGED_ANSWER);
	assert_true(ch.flags & SHEET_CHANGED_STATE);
	assert_int_equal(ch.item, rto);
	assert_int_equal(sheet_state(&s, rto), ITEM_VALID);
	assert_int_equal(s.answered, before_answered + 1);
	assert_int_equal(s.problem_items, before_problems - 1);

	assert_true(sheet_set_value(&s, rto, "99.9%"));  /* wrong kind */
	assert_int_equal(sheet_state(&s, rto), ITEM_INVALID);
	assert_int_equal(s.problem_items, before_problems);
	problems ps;
	problems_init(&ps);
	sheet_item_problems(&s, rto, &ps);
	assert_non_null(find_code(&ps, "unit-mismatch"));
	problems_free(&ps);

	bool err;
	char *r = sheet_reading(&s, rto, "12時間以内", &err);
	assert_false(err);
	assert_true(r[0] == '=');
	free(r);
	r = sheet_reading(&s, rto, "すぐ", &err);
	assert_true(err);
	free(r);

	assert_true(sheet_set_note(&s, rto, "障害の規模による"));
	assert_string_equal(sheet_answer(&s, rto)->note, "障害の規模による");
	assert_true(sheet_set_status(&s, rto, "final"));
	assert_string_equal(sheet_answer(&s, rto)->status, "final");

	/* cases: each checked like a value */
	size_t mttr = sheet_find(&s, "mttr");
	assert_true(sheet_add_case(&s, mttr, "営業時間内", "4時間以内"));
	assert_true(sheet_add_case(&s, mttr, "営業時間外", "翌営業日"));
	assert_int_equal(sheet_state(&s, mttr), ITEM_INVALID);
	assert_true(sheet_set_case(&s, mttr, 1, "営業時間外", "1営業日以内"));
	assert_int_equal(sheet_state(&s, mttr), ITEM_VALID);
	assert_false(sheet_set_case(&s, mttr, 7, "x", "y"));
	assert_true(sheet_remove_case(&s, mttr, 0));
	assert_int_equal(sheet_answer(&s, mttr)->n_cases, 1);

	/* an unchanged value makes no undo step */
	size_t steps = s.n_done;
	assert_true(sheet_set_value(&s, rto, "99.9%"));
	assert_int_equal(s.n_done, steps);

	/* clearing removes everything and counts drop back */
	assert_true(sheet_clear(&s, rto));
	assert_int_equal(sheet_state(&s, rto), ITEM_EMPTY_REQUIRED);
	assert_null(sheet_answer(&s, rto)->value);
	assert_null(sheet_answer(&s, rto)->note);

	/* subject and revisions */
	assert_true(sheet_set_subject(&s, "organization", "株式会社サンプル"));
	assert_string_equal(answers_subject(&s.a, "organization"), "株式会社サンプル");
	assert_true(sheet_add_revision(&s, "1.0", "2026-11-01", "初版"));
	assert_true(sheet_set_revision(&s, 0, "1.1", "2026-12-01", "改訂"));
	assert_string_equal(s.a.revisions[0].version, "1.1");
	assert_true(sheet_undo(&s, NULL));
	assert_string_equal(s.a.revisions[0].version, "1.0");
	assert_true(sheet_undo(&s, NULL));
	assert_int_equal(s.a.n_revisions, 0);
	assert_true(sheet_undo(&s, NULL));
	assert_null(answers_subject(&s.a, "organization"));
	sheet_close(&s);
	free(path);
}

static void test_table_rows(void **state)
{
	(void)state;
	char *path = answers_file("t.yaml", "data/templates/iso27017-whitepaper.yaml", "answers: {}\n");
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	size_t loc = sheet_find(&s, "data-location");
	assert_true(sheet_add_row(&s, loc));
	assert_true(sheet_set_cell(&s, loc, 0, "service", "本番"));
	assert_true(sheet_set_cell(&s, loc, 0, "region", "日本"));
	assert_true(sheet_add_row(&s, loc));
	assert_true(sheet_set_cell(&s, loc, 1, "service", "バックアップ"));
	assert_true(sheet_move_row(&s, loc, 1, false));
	const answer *an = sheet_answer(&s, loc);
	assert_string_equal(raw_pairs_scalar(&an->rows[0].cells, "service"), "バックアップ");
	assert_false(sheet_move_row(&s, loc, 0, false));
	assert_true(sheet_remove_row(&s, loc, 0));
	assert_int_equal(sheet_answer(&s, loc)->n_rows, 1);
	assert_true(sheet_set_cell(&s, loc, 0, "region", ""));
	assert_null(raw_pairs_scalar(&sheet_answer(&s, loc)->rows[0].cells, "region"));
	/* undo every step back to nothing */
	while (sheet_can_undo(&s))
		assert_true(sheet_undo(&s, NULL));
	assert_true(answer_is_empty(sheet_answer(&s, loc)));
	assert_false(sheet_modified(&s));
	sheet_close(&s);
	free(path);
}

/* 20 edits, 20 undos, 20 redos, 20 undos: the text is byte-identical to
 * the saved one and nothing counts as modified. */
static void test_undo_redo_to_saved(void **state)
{
	(void)state;
	char *path = answers_file("u.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	problems ps;
	problems_init(&ps);
	assert_true(sheet_save(&s, &ps));  /* canonical form */
	char *saved = read_all(path);
	char *start = yaml_of(&s);
	assert_string_equal(saved, start);
	size_t answered = s.answered, probs = s.problem_items;
	char *after20 = NULL;
	for (int i = 0; i < 20; i++) {
		size_t item = (size_t)(i * 7 % 49);
		char *v = xasprintf("%d時間", i + 1);
		if (i % 3 == 0)
			assert_true(sheet_set_value(&s, item, v));
		else if (i % 3 == 1)
			assert_true(sheet_set_note(&s, item, v));
		else
			assert_true(sheet_clear(&s, sheet_find(&s, i % 2 ? "service-hours" : "availability-rate")) ||
				    true);
		free(v);
	}
	after20 = yaml_of(&s);
	size_t done = s.n_done;
	assert_true(done > 0);
	assert_true(sheet_modified(&s));
	for (size_t i = 0; i < done; i++)
		assert_true(sheet_undo(&s, NULL));
	assert_false(sheet_undo(&s, NULL));
	char *back = yaml_of(&s);
	assert_string_equal(back, saved);
	assert_false(sheet_modified(&s));
	assert_int_equal(s.answered, answered);
	assert_int_equal(s.problem_items, probs);
	for (size_t i = 0; i < done; i++)
		assert_true(sheet_redo(&s, NULL));
	assert_false(sheet_redo(&s, NULL));
	char *again = yaml_of(&s);
	assert_string_equal(again, after20);
	assert_true(sheet_modified(&s));
	for (size_t i = 0; i < done; i++)
		assert_true(sheet_undo(&s, NULL));
	char *final = yaml_of(&s);
	assert_string_equal(final, saved);
	assert_false(sheet_modified(&s));
	free(final);
	free(again);
	free(back);
	free(after20);
	free(start);
	free(saved);
	problems_free(&ps);
	sheet_close(&s);
	free(path);
}

static void test_groups_and_saved_state(void **state)
{
	(void)state;
	char *path = answers_file("g.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	size_t notice = sheet_find(&s, "planned-outage-notice");
	/* a pick and its note are one step */
	sheet_group_begin(&s);
	assert_true(sheet_set_value(&s, notice, "有"));
	assert_true(sheet_set_note(&s, notice, "30日前にメールで通知"));
	sheet_group_end(&s);
	assert_int_equal(s.n_done, 1);
	size_t item = 0;
	assert_true(sheet_undo(&s, &item));
	assert_int_equal(item, notice);
	assert_null(sheet_answer(&s, notice)->value);
	assert_null(sheet_answer(&s, notice)->note);
	/* an empty group leaves no step */
	sheet_group_begin(&s);
	sheet_group_end(&s);
	assert_false(sheet_can_undo(&s));
	assert_true(sheet_can_redo(&s));

	/* saved in the middle; undo and redo come back to it */
	assert_true(sheet_redo(&s, NULL));
	problems ps;
	problems_init(&ps);
	assert_true(sheet_save(&s, &ps));
	assert_false(sheet_modified(&s));
	assert_true(sheet_undo(&s, NULL));
	assert_true(sheet_modified(&s));
	assert_true(sheet_redo(&s, NULL));
	assert_false(sheet_modified(&s));
	/* a new change after undoing past the save: the saved state is gone
	 * from history, so the sheet stays modified */
	assert_true(sheet_undo(&s, NULL));
	assert_true(sheet_set_value(&s, notice, "無"));
	assert_false(sheet_can_redo(&s));
	assert_true(sheet_undo(&s, NULL));
	assert_true(sheet_modified(&s));
	problems_free(&ps);
	sheet_close(&s);
	free(path);
}

static void set_cell(answer *an, size_t r, const char *col, const char *text)
{
	raw_pairs_set_scalar(&an->rows[r].cells, col, text);
}

static void test_answer_equal_every_field(void **state)
{
	(void)state;
	answer a, b;
	memset(&a, 0, sizeof a);
	assert_true(answer_equal(NULL, &a, true));
	answer_set(&a.value, "有");
	assert_false(answer_equal(NULL, &a, true));
	answer_copy(&b, &a);
	assert_true(answer_equal(&a, &b, true));
	answer_set(&b.note, "x");
	assert_false(answer_equal(&a, &b, false));
	answer_set(&b.note, NULL);
	answer_set(&b.status, "final");
	assert_true(answer_equal(&a, &b, false));
	assert_false(answer_equal(&a, &b, true));
	answer_set(&b.status, NULL);
	answer_add_case(&a, "平日", "4時間");
	answer_add_case(&b, "平日", "4時間");
	assert_true(answer_equal(&a, &b, true));
	free(b.cases[0].when);
	b.cases[0].when = xstrdup("休日");
	assert_false(answer_equal(&a, &b, true));
	free(b.cases[0].when);
	b.cases[0].when = xstrdup("平日");
	free(b.cases[0].value);
	b.cases[0].value = xstrdup("5時間");
	assert_false(answer_equal(&a, &b, true));
	answer_remove_case(&b, 0);
	answer_add_case(&b, "平日", "4時間");
	answer_add_row(&a);
	answer_add_row(&b);
	set_cell(&a, 0, "service", "A");
	set_cell(&b, 0, "service", "A");
	assert_true(answer_equal(&a, &b, true));
	set_cell(&b, 0, "service", "B");
	assert_false(answer_equal(&a, &b, true));
	set_cell(&b, 0, "service", "A");
	set_cell(&b, 0, "region", "JP");
	assert_false(answer_equal(&a, &b, true));
	/* the snapshot carries the content, not status or marks */
	answer snap;
	answer_set(&a.status, "draft");
	answer_snapshot(&snap, &a);
	assert_true(answer_equal(&snap, &a, false));
	assert_null(snap.status);
	answer_free(&snap);
	answer_free(&a);
	answer_free(&b);
}

static const char whitepaper_body[] = "answers:\n"
				      "  data-location:\n"
				      "    rows:\n"
				      "      - {service: 本番, region: 日本}\n";

/* The customer judges a table; the vendor then changes a row: the verdict
 * is stale. A comment typed afterwards leaves it stale and `seen` as it
 * was; only a new verdict (or a confirm) judges the new answer. */
static void test_table_verdict_goes_stale(void **state)
{
	(void)state;
	char *path = answers_file("w.yaml", "data/templates/iso27017-whitepaper.yaml", whitepaper_body);
	char *rpath = xasprintf("%s/w.review.yaml", tmpdir);
	sheet r;
	open_ok(&r, &(sheet_options){.answers_path = path, .review_mode = true, .reviewer_name = "山田",
				     .limits = load_limits_default});
	size_t loc = sheet_find(&r, "data-location");
	assert_false(sheet_answers_writable(&r));
	assert_false(sheet_set_value(&r, loc, "x"));
	assert_true(sheet_modified(&r));  /* a new review with its reviewer */
	assert_true(sheet_set_verdict(&r, loc, VERDICT_OK));
	assert_int_equal(r.judged, 1);
	problems ps;
	problems_init(&ps);
	assert_true(sheet_save(&r, &ps));
	assert_false(sheet_modified(&r));
	sheet_close(&r);

	/* the vendor edits with the review beside them */
	sheet e;
	open_ok(&e, &(sheet_options){.answers_path = path, .review_path = rpath, .limits = load_limits_default});
	assert_false(sheet_is_stale(&e, loc));
	assert_false(sheet_review_writable(&e));
	assert_false(sheet_set_verdict(&e, loc, VERDICT_NG));
	assert_true(sheet_set_cell(&e, loc, 0, "region", "日本 (東京・大阪)"));
	assert_true(sheet_is_stale(&e, loc));
	assert_int_equal(e.n_stale, 1);
	assert_true(sheet_undo(&e, NULL));
	assert_false(sheet_is_stale(&e, loc));
	assert_int_equal(e.n_stale, 0);
	assert_true(sheet_redo(&e, NULL));
	assert_true(sheet_is_stale(&e, loc));
	assert_true(sheet_save(&e, &ps));
	sheet_close(&e);

	/* back in review: stale; a comment keeps it stale and keeps seen */
	char *before = read_all(rpath);
	open_ok(&r, &(sheet_options){.answers_path = path, .review_mode = true, .limits = load_limits_default});
	assert_true(sheet_is_stale(&r, loc));
	assert_true(sheet_set_comment(&r, loc, "東京と大阪の両方ですか。"));
	assert_true(sheet_is_stale(&r, loc));
	assert_string_equal(raw_pairs_scalar(&sheet_review_item(&r, loc)->seen.rows[0].cells, "region"), "日本");
	assert_true(sheet_save(&r, &ps));
	char *after = read_all(rpath);
	const char *seen_before = strstr(before, "seen:"), *seen_after = strstr(after, "seen:");
	assert_non_null(seen_before);
	assert_non_null(seen_after);
	assert_string_equal(seen_before, seen_after);  /* seen: and all after it unchanged */
	/* a new verdict judges the answer as it is now */
	assert_true(sheet_set_verdict(&r, loc, VERDICT_OK));
	assert_false(sheet_is_stale(&r, loc));
	assert_true(sheet_undo(&r, NULL));
	assert_true(sheet_is_stale(&r, loc));
	assert_true(sheet_confirm_verdict(&r, loc));
	assert_false(sheet_is_stale(&r, loc));
	assert_int_equal(sheet_verdict(&r, loc), VERDICT_OK);
	sheet_close(&r);
	free(before);
	free(after);
	problems_free(&ps);
	free(rpath);
	free(path);
}

static void test_rules_follow_edits(void **state)
{
	(void)state;
	char *path = answers_file("p.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	char *policy = write_file("policy.yaml", "kind: checksheet/requirements\ntemplate: meti-cloud-sla\n"
						 "rules:\n  availability-rate: \">= 99.9%\"\n  rto: \"<= 24時間\"\n");
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .requirements_path = policy,
				     .limits = load_limits_default});
	size_t rate = sheet_find(&s, "availability-rate"), rto = sheet_find(&s, "rto");
	const rule_outcome *o;
	assert_non_null(sheet_rule(&s, rate, &o));
	assert_int_equal(o->result, RESULT_PASS);
	assert_int_equal(s.rules_pass, 1);
	assert_int_equal(s.rules_unknown, 1);
	assert_true(sheet_set_value(&s, rate, "99%"));
	sheet_change ch = sheet_take_change(&s);
	assert_true(ch.flags & SHEET_CHANGED_RULE);
	sheet_rule(&s, rate, &o);
	assert_int_equal(o->result, RESULT_FAIL);
	assert_int_equal(s.rules_fail, 1);
	assert_int_equal(s.rules_pass, 0);
	assert_true(sheet_set_value(&s, rto, "12時間以内"));
	assert_int_equal(s.rules_pass, 1);
	assert_int_equal(s.rules_unknown, 0);
	assert_true(sheet_undo(&s, NULL));
	assert_true(sheet_undo(&s, NULL));
	sheet_rule(&s, rate, &o);
	assert_int_equal(o->result, RESULT_PASS);
	assert_int_equal(s.rules_unknown, 1);
	assert_null(sheet_rule(&s, sheet_find(&s, "service-hours"), NULL));
	sheet_close(&s);
	free(policy);
	free(path);
}

static void test_unknown_items_and_bad_open(void **state)
{
	(void)state;
	char *path = answers_file("x.yaml", "data/templates/meti-cloud-sla.yaml",
				  "answers:\n  retired-item:\n    value: 古い回答\n  rto:\n    value: 4時間\n");
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	assert_int_equal(s.n_unknown, 1);
	assert_string_equal(s.a.v[s.unknown[0]].item, "retired-item");
	sheet_close(&s);
	/* a review of another template is refused with its file named */
	char *rv = write_file("other.review.yaml", "kind: checksheet/review\ntemplate: iso27017-whitepaper\nitems: {}\n");
	problems ps;
	problems_init(&ps);
	assert_false(sheet_open(&s, &(sheet_options){.answers_path = path, .review_path = rv,
						     .limits = load_limits_default}, &ps));
	sheet_close(&s);
	assert_non_null(find_code(&ps, "unknown-template"));
	assert_string_equal(find_code(&ps, "unknown-template")->file, rv);
	problems_free(&ps);
	free(rv);
	free(path);
}

/* sheet_problems words exactly what validate_answers finds (same codes,
 * places, messages, order, counts), on a file with every kind of finding,
 * and again after edits that add and clear them. */
static void assert_same_problems(const sheet *s)
{
	problems want, got;
	problems_init(&want);
	problems_init(&got);
	check_summary sw = {0}, sg = {0};
	validate_answers(&s->a, &s->t, s->lang, &want, &sw);
	sheet_problems(s, &got, &sg);
	assert_int_equal(got.n, want.n);
	for (size_t i = 0; i < want.n; i++) {
		assert_string_equal(got.v[i].code, want.v[i].code);
		assert_string_equal(got.v[i].message, want.v[i].message);
		assert_int_equal(got.v[i].mark.line, want.v[i].mark.line);
		assert_int_equal(got.v[i].mark.column, want.v[i].mark.column);
		assert_int_equal(got.v[i].sev, want.v[i].sev);
		assert_string_equal(got.v[i].item ? got.v[i].item : "", want.v[i].item ? want.v[i].item : "");
	}
	assert_int_equal(sg.files, sw.files);
	assert_int_equal(sg.items, sw.items);
	assert_int_equal(sg.answered, sw.answered);
	problems_free(&want);
	problems_free(&got);
}

static void test_problems_as_validation_finds_them(void **state)
{
	(void)state;
	char *path = answers_file("p.yaml", "data/templates/meti-cloud-sla.yaml",
				  "template-version: \"0.1\"\n"
				  "answers:\n"
				  "  retired-item:\n    value: 古い回答\n"
				  "  availability-rate:\n    value: 99.9%\n"
				  "  rto:\n    value: そのうち\n"
				  "  service-hours:\n    value: n/a\n"
				  "  planned-outage-notice:\n    cases:\n      - when: 通常\n      - value: 3日前\n"
				  "  backup-retention:\n    value: 7日間\n    status: done\n");
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	problems first;
	problems_init(&first);
	sheet_problems(&s, &first, NULL);
	assert_true(first.n >= 5);
	problems_free(&first);
	assert_same_problems(&s);
	/* edits make findings and clear them; the flags follow */
	assert_true(sheet_set_value(&s, sheet_find(&s, "rto"), "4時間以内"));
	assert_same_problems(&s);
	assert_true(sheet_set_value(&s, sheet_find(&s, "availability-rate"), "百パーセント"));
	assert_same_problems(&s);
	assert_true(sheet_undo(&s, NULL));
	assert_same_problems(&s);
	sheet_close(&s);
	free(path);

	char *wp = answers_file("w.yaml", "data/templates/iso27017-whitepaper.yaml",
				"answers:\n  data-location:\n    rows:\n"
				"      - {service: 本番, region: 日本, colour: 青}\n");
	open_ok(&s, &(sheet_options){.answers_path = wp, .limits = load_limits_default});
	/* an unknown column is a warning on a valid answer: still worded */
	problems ps;
	problems_init(&ps);
	sheet_problems(&s, &ps, NULL);
	assert_non_null(find_code(&ps, "unknown-key"));
	problems_free(&ps);
	assert_same_problems(&s);
	sheet_close(&s);
	free(wp);
}

/* A sheet opened for reading only (check, export) holds the same answers
 * as one opened to edit, byte for byte when written out, and refuses
 * changes: its texts live in an arena that an edit would free. */
static void test_only_reads(void **state)
{
	(void)state;
	char *path = answers_file("ro.yaml", "data/templates/iso27017-whitepaper.yaml",
				  "subject: {organization: 例株式会社, 部署: 情報システム部}\n"
				  "revisions:\n  - {version: \"1.0\", date: \"2026-04-01\", note: 初版, 承認: 山田}\n"
				  "x-team: 運用\n"
				  "answers:\n"
				  "  data-location:\n    rows:\n      - {service: 本番, region: 日本, colour: 青}\n"
				  "    note: |-\n      二行の\n      備考\n    reviewed-by: 佐藤\n"
				  "  data-deletion:\n    cases:\n      - {when: 解約時, value: 30日以内に削除, extra: x}\n"
				  "    status: final\n");
	sheet rw, ro;
	open_ok(&rw, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	open_ok(&ro, &(sheet_options){.answers_path = path, .limits = load_limits_default, .only_reads = true});
	assert_non_null(ro.a.strings);
	char *a = yaml_of(&rw), *b = yaml_of(&ro);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_equal(ro.answered, rw.answered);
	assert_int_equal(ro.problem_items, rw.problem_items);
	assert_false(sheet_answers_writable(&ro));
	assert_false(sheet_set_value(&ro, sheet_find(&ro, "data-deletion"), "すぐ"));
	sheet_close(&rw);
	sheet_close(&ro);
	free(path);
}

/* Unsaved work survives: written beside the file (0600), found by the
 * next open with the number of items that differ, applied as one step. */
static void test_recovery_round_trip(void **state)
{
	(void)state;
	char *path = answers_file("rec.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	problems ps;
	problems_init(&ps);
	assert_true(sheet_save(&s, &ps));  /* canonical first */
	char *rpath = recovery_path(path);
	/* nothing unsaved: nothing kept */
	assert_true(recovery_write(&s, &ps));
	assert_int_equal(access(rpath, F_OK), -1);
	size_t rto = sheet_find(&s, "rto"), hours = sheet_find(&s, "service-hours");
	size_t rate = sheet_find(&s, "availability-rate"), mttr = sheet_find(&s, "mttr");
	assert_true(sheet_set_value(&s, rto, "4時間以内"));
	assert_true(sheet_set_note(&s, rate, "保証なし\n実績 99.99%"));
	assert_true(sheet_clear(&s, hours));
	assert_true(sheet_add_case(&s, mttr, "平日", "2時間"));
	assert_true(sheet_set_subject(&s, "organization", "株式会社サンプル"));
	assert_true(sheet_add_revision(&s, "1.1", "2026-12-01", "改訂"));
	assert_true(recovery_write(&s, &ps));
	struct stat st;
	assert_int_equal(stat(rpath, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *wanted = yaml_of(&s);
	sheet_close(&s);

	sheet t;
	open_ok(&t, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	recovery r;
	bool found;
	assert_true(recovery_load(&t, &r, &found, &ps));
	assert_true(found);
	assert_int_equal(r.differ, 6);  /* 4 items, the subject, the revisions */
	assert_non_null(r.written);
	assert_int_equal(recovery_apply(&t, &r), 4);
	char *got = yaml_of(&t);
	assert_string_equal(got, wanted);
	assert_true(sheet_modified(&t));
	assert_int_equal(t.n_done, 1);  /* one undo step */
	assert_true(sheet_undo(&t, NULL));
	assert_false(sheet_modified(&t));
	recovery_free(&r);
	/* a saved sheet has nothing to recover: the file goes */
	assert_true(sheet_redo(&t, NULL));
	assert_true(sheet_save(&t, &ps));
	assert_true(recovery_write(&t, &ps));
	assert_int_equal(access(rpath, F_OK), -1);
	sheet_close(&t);
	free(got);
	free(wanted);
	free(rpath);
	problems_free(&ps);
	free(path);
}

/* A recovery file that is not ours, or a link, is never read. */
static void test_recovery_refuses_strangers(void **state)
{
	(void)state;
	char *path = answers_file("rs.yaml", "data/templates/meti-cloud-sla.yaml", meti_body);
	char *rpath = recovery_path(path);
	char *target = write_file("elsewhere.yaml", "kind: checksheet/answers\ntemplate: x\nanswers: {}\n");
	assert_int_equal(symlink(target, rpath), 0);
	sheet s;
	open_ok(&s, &(sheet_options){.answers_path = path, .limits = load_limits_default});
	recovery r;
	bool found = true;
	problems ps;
	problems_init(&ps);
	assert_true(recovery_load(&s, &r, &found, &ps));
	assert_false(found);
	unlink(rpath);
	/* garbage: reported, kept */
	FILE *f = fopen(rpath, "w");
	assert_non_null(f);
	fputs("kind: [broken\n", f);
	fclose(f);
	assert_false(recovery_load(&s, &r, &found, &ps));
	assert_non_null(find_code(&ps, "recovery-unreadable"));
	assert_int_equal(access(rpath, F_OK), 0);
	sheet_close(&s);
	problems_free(&ps);
	free(target);
	free(rpath);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_counts),
		cmocka_unit_test(test_operations_keep_state_exact),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_undo_redo_to_saved),
		cmocka_unit_test(test_groups_and_saved_state),
		cmocka_unit_test(test_answer_equal_every_field),
		cmocka_unit_test(test_table_verdict_goes_stale),
		cmocka_unit_test(test_rules_follow_edits),
		cmocka_unit_test(test_unknown_items_and_bad_open),
		cmocka_unit_test(test_problems_as_validation_finds_them),
		cmocka_unit_test(test_only_reads),
		cmocka_unit_test(test_recovery_round_trip),
		cmocka_unit_test(test_recovery_refuses_strangers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
