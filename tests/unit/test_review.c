/* Requirements rules and review files. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/requirements.h"
#include "core/review.h"
#include "core/strbuf.h"
#include "core/template_load.h"
#include "testutil.h"

static template meti;

static int setup(void **state)
{
	(void)state;
	return load_builtin_template("meti-cloud-sla", &meti) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	template_free(&meti);
	return 0;
}

typedef struct rcase {
	const char *item, *rule, *value;
	rule_result want;
	commitment commit; /* checked when the result is pass */
} rcase;

#define P(i, r, v) {i, r, v, RESULT_PASS, COMMIT_NONE}
#define PC(i, r, v, c) {i, r, v, RESULT_PASS, c}
#define F(i, r, v) {i, r, v, RESULT_FAIL, COMMIT_NONE}
#define U(i, r, v) {i, r, v, RESULT_UNKNOWN, COMMIT_NONE}

static const rcase rcases[] = {
	/* percent, with commitments and qualifiers (FORMAT.md section 4) */
	P("availability-rate", ">= 99.9%", "99.9%"),
	P("availability-rate", ">= 99.9%", "99.95%"),
	F("availability-rate", ">= 99.9%", "99.5%"),
	PC("availability-rate", ">= 99.9%", "目標99.9%", COMMIT_TARGET),
	F("availability-rate", ">= 99.9% guaranteed", "目標99.9%"),
	PC("availability-rate", ">= 99.9% guaranteed", "99.95%以上を保証", COMMIT_GUARANTEED),
	PC("availability-rate", ">= 99.9%", "実績99.99%", COMMIT_ACTUAL),
	F("availability-rate", ">= 99.9%", "約99%"),
	F("availability-rate", ">= 99.9%", "約99.9%"),
	P("availability-rate", ">= 99.9%", "約99.99%"),
	P("availability-rate", ">= 99.9%", "99.9%以上"),
	F("availability-rate", "> 99.9%", "99.9%"),
	P("availability-rate", "> 99.9%", "99.9%超"),
	F("availability-rate", ">= 99.9%", "99%-99.95%"),
	P("availability-rate", "== 100%", "100%"),
	U("availability-rate", ">= 99.9%", "高い"),
	U("availability-rate", ">= 99.9%", "99.9時間"),
	U("availability-rate", ">= 99.9%", "該当なし"),
	U("availability-rate", ">= 99.9%", ""),
	/* duration: bounds, ranges, business days, default scale */
	P("rto", "<= 24時間", "12時間以内"),
	P("rto", "<= 24時間", "24時間"),
	F("rto", "<= 24時間", "48時間"),
	F("rto", "<= 24時間", "1時間以上"),
	P("rto", "<= 24h", "最大4時間"),
	F("rto", "<= 24時間", "約24時間"),
	P("rto", "<= 1日", "24時間"),
	P("rto", "<= 3日", "1営業日以内"),
	F("rto", "<= 24時間", "1営業日"),
	P("rto", "<= 5分", "数秒～5分"),
	F("rto", "<= 3分", "1-5分"),
	P("response-time", "< 3秒", "平均2秒未満"),
	P("response-time", "< 3", "2"),
	P("response-time", "< 2秒", "2秒未満"),
	F("response-time", "< 2秒", "2秒以内"),
	P("monitoring-interval", "<= 10", "5"),
	F("monitoring-interval", "<= 10分", "1時間"),
	U("rto", "<= 24時間", "すぐ"),
	/* count */
	P("backup-generations", ">= 3", "3世代"),
	P("backup-generations", ">= 3", "7"),
	F("backup-generations", ">= 3", "2世代"),
	P("backup-generations", ">= 3", "最低3世代"),
	F("backup-generations", ">= 3", "最大5世代"),
	P("incident-count", "<= 2", "0件"),
	/* yes-no */
	P("encryption-in-transit", "yes", "有"),
	P("encryption-in-transit", "yes", "あり"),
	F("encryption-in-transit", "yes", "無"),
	F("encryption-in-transit", "yes", "一部"),
	U("encryption-in-transit", "yes", "非公開"),
	U("encryption-in-transit", "yes", "該当なし"),
	P("breach-compensation", "no", "なし"),
	F("breach-compensation", "no", "有"),
	/* time window */
	P("support-hours-general", "covers weekdays 10:00-16:00", "平日 9:00-18:00"),
	P("support-hours-general", "covers weekdays 10:00-16:00", "24時間365日"),
	F("support-hours-general", "covers weekdays 10:00-16:00", "平日 11:00-18:00"),
	F("support-hours-general", "covers 毎日 9:00-17:00", "平日 9:00-17:00"),
	P("support-hours-general", "covers 土日 10:00-12:00", "平日 9:00-17:00, 土日 9:00-13:00"),
	P("support-hours-general", "covers 平日 23:00-24:00", "平日 22:00-6:00"),
	F("support-hours-general", "covers 24時間365日", "平日 9:00-17:00"),
	/* frequency, as a rate */
	P("virus-scan", ">= 毎日", "リアルタイム"),
	P("virus-scan", ">= 毎週", "毎日"),
	F("virus-scan", ">= 毎日", "毎週"),
	U("virus-scan", ">= 毎日", "随時"),
	/* present: answered, valid, not a negative */
	P("resource-limits", "present", "100GB"),
	U("resource-limits", "present", ""),
	F("certifications", "present", "該当なし"),
	F("certifications", "present", "無"),
	F("certifications", "present", "なし"),
	F("certifications", "present", "×"),
	F("encryption-in-transit", "present", "無"),
	F("encryption-in-transit", "present", "no"),
	P("encryption-in-transit", "present", "有"),
	P("encryption-in-transit", "present", "一部"),
	U("encryption-in-transit", "present", "非公開"),
	U("encryption-in-transit", "present", "たぶん"),
	F("resource-limits", "present", "なし"),
	P("resource-limits", "present", "なし崩しにならないよう上限を設定"),
	U("availability-rate", "present", "150%"),
	U("availability-rate", "present", "99.9時間"),
	P("availability-rate", "present", "99.9%"),
	/* answered: any valid answer, negatives included */
	P("certifications", "answered", "該当なし"),
	P("encryption-in-transit", "answered", "無"),
	P("encryption-in-transit", "answered", "非公開"),
	P("resource-limits", "answered", "なし"),
	U("resource-limits", "answered", ""),
	U("availability-rate", "answered", "150%"),
	U("encryption-in-transit", "answered", "たぶん"),
	/* an invalid value is never judged, whatever the rule */
	U("availability-rate", ">= 99.9%", "150%"),
};

static void test_rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rcases / sizeof *rcases; i++) {
		const rcase *c = &rcases[i];
		const tmpl_item *it = template_item(&meti, c->item);
		assert_non_null(it);
		rule r;
		memset(&r, 0, sizeof r);
		char *err = rule_parse(it, c->rule, &r);
		if (err)
			fail_msg("rule \"%s\" on %s: %s", c->rule, c->item, err);
		answer an;
		memset(&an, 0, sizeof an);
		an.value = (char *)c->value;
		rule_outcome o;
		rule_evaluate(&r, it, *c->value ? &an : NULL, &o);
		if (o.result != c->want)
			fail_msg("\"%s\" against \"%s\": %s, expected %s (%s)", c->value, c->rule,
				 rule_result_id(o.result), rule_result_id(c->want), o.message);
		if (o.result == RESULT_PASS && o.commit != c->commit)
			fail_msg("\"%s\": commitment %d, expected %d", c->value, o.commit, c->commit);
		free(o.message);
	}
}

static void test_rule_errors(void **state)
{
	(void)state;
	rule r;
	char *err = rule_parse(template_item(&meti, "availability-rate"), "yes", &r);
	assert_non_null(err);
	free(err);
	err = rule_parse(template_item(&meti, "availability-rate"), "covers 平日 9:00-17:00", &r);
	assert_non_null(err);
	free(err);
	err = rule_parse(template_item(&meti, "rto"), ">= 3回", &r);
	assert_non_null(err);
	free(err);
	err = rule_parse(template_item(&meti, "rto"), "about a day", &r);
	assert_non_null(err);
	free(err);
	err = rule_parse(template_item(&meti, "encryption-in-transit"), ">= 3", &r);
	assert_non_null(err);
	free(err);
	const char *policy = "kind: checksheet/requirements\n"
			     "template: meti-cloud-sla\n"
			     "rules:\n"
			     "  availability-rate: \">= 99.9%\"\n"
			     "  no-such-item: yes\n"
			     "  rto: \"<= soon\"\n";
	requirements rq;
	problems ps;
	problems_init(&ps);
	assert_false(requirements_load_buffer("p.yaml", policy, strlen(policy), NULL, &meti, &rq, &ps));
	const problem *p = find_code(&ps, "unknown-item");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 5);
	assert_int_equal(p->mark.column, 17);
	p = find_code(&ps, "bad-rule");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 6);
	assert_int_equal(rq.n, 3);
	requirements_free(&rq);
	problems_free(&ps);
}

static void test_bad_rules_named_and_placed(void **state)
{
	(void)state;
	/* every bad rule is reported, each with its place, its item's No.
	 * and title; a rule on an unknown item names the item */
	const char *policy = "kind: checksheet/requirements\n"
			     "template: meti-cloud-sla\n"
			     "rules:\n"
			     "  availability-rate: \"covers 平日 9:00-17:00\"\n"
			     "  rto: \">= 3回\"\n"
			     "  mttr: \"<= soon\"\n"
			     "  ghost: \"yes\"\n";
	requirements rq;
	problems ps;
	problems_init(&ps);
	assert_false(requirements_load_buffer("p.yaml", policy, strlen(policy), NULL, &meti, &rq, &ps));
	assert_int_equal(count_code(&ps, "bad-rule"), 3);
	assert_int_equal(count_code(&ps, "unknown-item"), 1);
	static const struct {
		const char *no;
		int line;
	} want[] = {{"5", 4}, {"11", 5}, {"10", 6}};
	for (size_t i = 0; i < 3; i++) {
		const problem *p = NULL;
		for (size_t k = 0; k < ps.n && !p; k++)
			if (strcmp(ps.v[k].code, "bad-rule") == 0 && ps.v[k].mark.line == want[i].line)
				p = &ps.v[k];
		assert_non_null(p);
		assert_string_equal(p->no, want[i].no);
		assert_non_null(p->title);
		assert_string_equal(p->title, ltext_get(&template_item(&meti, p->item)->title, NULL));
		assert_int_equal(p->mark.column, p->mark.line == 4 ? 22 : p->mark.line == 5 ? 8 : 9);
	}
	const problem *p = find_code(&ps, "unknown-item");
	assert_non_null(strstr(p->message, "\"ghost\""));
	assert_int_equal(p->mark.line, 7);
	requirements_free(&rq);
	problems_free(&ps);
}

static void test_hostile_review(void **state)
{
	(void)state;
	/* a review's seen: is an answer: the same limits hold */
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "kind: checksheet/review\nitems:\n  rto:\n    verdict: ok\n    seen:\n      cases:\n");
	for (int i = 0; i < 100000; i++)
		sb_printf(&sb, "      - {when: w%d, value: 1h}\n", i);
	review r;
	problems ps;
	problems_init(&ps);
	assert_false(review_load_buffer("r.yaml", sb.s, sb.len, NULL, &r, &ps));
	const problem *p = find_code(&ps, "too-many-cases");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 7 + (int)LOAD_DEFAULT_MAX_CASES);
	assert_int_equal(ps.n, 1);
	review_free(&r);
	problems_free(&ps);
	sb_free(&sb);
	/* a NUL in a comment, an alias, a duplicate item */
	static const struct {
		const char *text, *code;
		int line, column;
	} cases[] = {
		{"kind: checksheet/review\nitems:\n  rto: {verdict: ok, comment: \"a\\0b\"}\n", "nul-character", 3, 33},
		{"kind: checksheet/review\nanswers: &a x.yaml\ntemplate: *a\n", "alias-refused", 3, 11},
		{"kind: checksheet/review\nitems:\n  rto: {verdict: ok}\n  rto: {verdict: ng}\n", "duplicate-key", 4, 3},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		problems_init(&ps);
		assert_false(review_load_buffer("r.yaml", cases[i].text, strlen(cases[i].text), NULL, &r, &ps));
		p = find_code(&ps, cases[i].code);
		if (!p || p->mark.line != cases[i].line || p->mark.column != cases[i].column) {
			dump_problems(&ps);
			fail_msg("case %zu: expected %s at %d:%d", i, cases[i].code, cases[i].line, cases[i].column);
		}
		review_free(&r);
		problems_free(&ps);
	}
}

static void test_cases_worst(void **state)
{
	(void)state;
	const tmpl_item *it = template_item(&meti, "failure-notification-time");
	rule r;
	assert_null(rule_parse(it, "<= 24時間", &r));
	answer an;
	memset(&an, 0, sizeof an);
	answer_add_case(&an, "営業時間内", "4時間以内");
	answer_add_case(&an, "営業時間外", "目標12時間以内");
	rule_outcome o;
	rule_evaluate(&r, it, &an, &o);
	assert_int_equal(o.result, RESULT_PASS);
	assert_int_equal(o.commit, COMMIT_TARGET); /* the least firm case */
	free(o.message);
	answer_add_case(&an, "年末年始", "不明");
	rule_evaluate(&r, it, &an, &o);
	assert_int_equal(o.result, RESULT_UNKNOWN);
	free(o.message);
	answer_add_case(&an, "災害時", "3日");
	rule_evaluate(&r, it, &an, &o);
	assert_int_equal(o.result, RESULT_FAIL);
	assert_non_null(strstr(o.message, "災害時"));
	free(o.message);
	answer_clear(&an);
}

static void test_stale(void **state)
{
	(void)state;
	answer an;
	memset(&an, 0, sizeof an);
	answer_set(&an.value, "99.9%");
	review_item ri;
	memset(&ri, 0, sizeof ri);
	ri.verdict = VERDICT_QUESTION;
	review_mark_seen(&ri, &an);
	assert_false(review_is_stale(&ri, &an));
	answer_set(&an.note, "追記");
	assert_true(review_is_stale(&ri, &an));
	review_mark_seen(&ri, &an);
	assert_false(review_is_stale(&ri, &an));
	answer_set(&an.value, "99.5%");
	assert_true(review_is_stale(&ri, &an));
	assert_true(review_is_stale(&ri, NULL)); /* the answer was removed */
	answer_set(&an.value, NULL);
	answer_add_case(&an, "a", "1");
	review_mark_seen(&ri, &an);
	assert_false(review_is_stale(&ri, &an));
	free(an.cases[0].value);
	an.cases[0].value = xstrdup("2");
	assert_true(review_is_stale(&ri, &an));
	/* table rows: a changed cell is a changed answer */
	answer_remove_case(&an, 0);
	answer_add_row(&an);
	raw_pairs_set_scalar(&an.rows[0].cells, "service", "本番");
	review_mark_seen(&ri, &an);
	assert_false(review_is_stale(&ri, &an));
	raw_pairs_set_scalar(&an.rows[0].cells, "service", "検証");
	assert_true(review_is_stale(&ri, &an));
	answer_free(&an);
	review_item_free(&ri);
}

static void test_review_round_trip(void **state)
{
	(void)state;
	const char *text = "kind: checksheet/review\n"
			   "answers: sample-answers.yaml\n"
			   "template: meti-cloud-sla\n"
			   "reviewer: {organization: 顧客株式会社, name: 山田 太郎}\n"
			   "items:\n"
			   "  availability-rate:\n"
			   "    verdict: question\n"
			   "    comment: SLA での保証予定はありますか。\n"
			   "    seen:\n"
			   "      value: 99.9%\n"
			   "      note: |-\n"
			   "        SLA としての保証はなし。\n"
			   "        昨年実績 99.99% 以上。\n"
			   "  rto:\n"
			   "    verdict: ok\n"
			   "    seen:\n"
			   "      value: 4時間\n"
			   "    x-flag: kept\n";
	review r;
	problems ps;
	problems_init(&ps);
	assert_true(review_load_buffer("r.yaml", text, strlen(text), NULL, &r, &ps));
	review_item *ri = review_find(&r, "availability-rate");
	assert_int_equal(ri->verdict, VERDICT_QUESTION);
	assert_string_equal(ri->seen.value, "99.9%");
	char *out = review_to_yaml(&r, &meti, NULL);
	assert_string_equal(out, text);
	free(out);
	review_free(&r);
	const char *bad = "kind: checksheet/review\nitems:\n  rto: {verdict: maybe}\n";
	assert_false(review_load_buffer("b.yaml", bad, strlen(bad), NULL, &r, &ps));
	assert_non_null(find_code(&ps, "bad-value"));
	review_free(&r);
	problems_free(&ps);
	char *d = review_default_path("dir/a.yaml");
	assert_string_equal(d, "dir/a.review.yaml");
	free(d);
	d = review_default_path("./x.y/answers");
	assert_string_equal(d, "./x.y/answers.review.yaml");
	free(d);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),        cmocka_unit_test(test_rule_errors),
		cmocka_unit_test(test_cases_worst),  cmocka_unit_test(test_stale),
		cmocka_unit_test(test_review_round_trip),
		cmocka_unit_test(test_bad_rules_named_and_placed),
		cmocka_unit_test(test_hostile_review),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
