/* `check` rules of FORMAT.md section 5 on whole answers files. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/template_load.h"
#include "core/validate.h"
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

/* Loads text and checks it; returns the problems found. */
static problems run(const char *text, const template *t, check_summary *sum)
{
	problems ps;
	problems_init(&ps);
	answers a;
	assert_true(answers_load_buffer("v.yaml", text, strlen(text), NULL, &a, &ps));
	check_summary s = {0};
	validate_answers(&a, t, "ja", &ps, sum ? sum : &s);
	answers_free(&a);
	return ps;
}

static const problem *for_item(const problems *ps, const char *item, const char *code)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].item && strcmp(ps->v[i].item, item) == 0 && strcmp(ps->v[i].code, code) == 0)
			return &ps->v[i];
	return NULL;
}

static void test_empty_file(void **state)
{
	(void)state;
	check_summary sum = {0};
	problems ps = run("kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers: {}\n", &meti, &sum);
	assert_int_equal(count_code(&ps, "missing-required"), 49);
	assert_int_equal(ps.n, 49);
	const problem *p = for_item(&ps, "availability-rate", "missing-required");
	assert_string_equal(p->no, "5");
	assert_string_equal(p->title, "サービス稼働率");
	assert_int_equal(p->mark.line, 3); /* the answers: key */
	assert_int_equal(p->mark.column, 1);
	assert_int_equal(sum.items, 49);
	assert_int_equal(sum.answered, 0);
	problems_free(&ps);
}

static void test_item_rules(void **state)
{
	(void)state;
	const char *text =
		"kind: checksheet/answers\n"
		"template: meti-cloud-sla\n"
		"template-version: \"2009\"\n"
		"answers:\n"
		"  planned-outage-notice: {value: 有}\n"
		"  termination-notice: {value: 有, note: 6ヶ月前に通知}\n"
		"  sudden-termination-measures: {value: 無}\n"
		"  availability-rate: {value: 99.9時間}\n"
		"  disaster-recovery: {value: 該当なし}\n"
		"  major-failure-alternative: {value: 該当なし, note: 単一リージョンのため}\n"
		"  mttr: {value: 101%}\n"
		"  rto: {value: すぐ}\n"
		"  incident-count: {value: \"3\", status: done}\n"
		"  resource-limits: {value: 100GB}\n"
		"  support-hours-incident: {value: 平日 10:00-16:00}\n"
		"  backup-generations: {value: 3時間}\n"
		"  no-such-item: {value: x}\n";
	check_summary sum = {0};
	problems ps = run(text, &meti, &sum);
	const problem *p = for_item(&ps, "planned-outage-notice", "missing-note");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 5);
	assert_null(for_item(&ps, "termination-notice", "missing-note"));
	assert_null(for_item(&ps, "sudden-termination-measures", "missing-note"));
	p = for_item(&ps, "availability-rate", "unit-mismatch");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 8);
	assert_int_equal(p->mark.column, 30);
	assert_non_null(for_item(&ps, "disaster-recovery", "na-without-note"));
	assert_null(for_item(&ps, "major-failure-alternative", "na-without-note"));
	assert_non_null(for_item(&ps, "mttr", "unit-mismatch"));
	assert_non_null(for_item(&ps, "rto", "unparseable-value"));
	assert_non_null(for_item(&ps, "incident-count", "invalid-status"));
	assert_null(for_item(&ps, "resource-limits", "missing-note")); /* note: optional (METI reference) */
	assert_null(for_item(&ps, "support-hours-incident", "unparseable-value"));
	assert_non_null(for_item(&ps, "backup-generations", "unit-mismatch"));
	p = find_code(&ps, "unknown-item");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 17);
	p = find_code(&ps, "template-version");
	assert_int_equal(p->sev, SEV_WARNING);
	assert_int_equal(sum.answered, 12);
	problems_free(&ps);
}

static void test_range(void **state)
{
	(void)state;
	problems ps = run("kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n"
			  "  availability-rate: {value: 101%}\n", &meti, NULL);
	assert_non_null(for_item(&ps, "availability-rate", "out-of-range"));
	problems_free(&ps);
	ps = run("kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n"
		 "  availability-rate: {value: 99.9%}\n", &meti, NULL);
	assert_null(for_item(&ps, "availability-rate", "out-of-range"));
	assert_null(for_item(&ps, "availability-rate", "missing-required"));
	assert_int_equal(ps.n, 48);
	problems_free(&ps);
}

static void test_cases(void **state)
{
	(void)state;
	const char *text =
		"kind: checksheet/answers\n"
		"template: meti-cloud-sla\n"
		"answers:\n"
		"  failure-notification-time:\n"
		"    cases:\n"
		"    - when: 営業時間内\n"
		"      value: 1営業日以内\n"
		"    - when: 営業時間外\n"
		"      value: 1日以内\n"
		"  rto:\n"
		"    cases:\n"
		"    - when: 通常\n"
		"      value: 4時間\n"
		"    - value: 3回\n"
		"    - when: 災害時\n";
	problems ps = run(text, &meti, NULL);
	assert_null(for_item(&ps, "failure-notification-time", "unparseable-value"));
	assert_null(for_item(&ps, "failure-notification-time", "missing-required"));
	const problem *p = for_item(&ps, "rto", "unit-mismatch");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 14);
	assert_non_null(for_item(&ps, "rto", "missing-condition"));
	assert_non_null(for_item(&ps, "rto", "missing-required")); /* the case without a value */
	problems_free(&ps);
}

static void test_tables(void **state)
{
	(void)state;
	const char *text =
		"kind: checksheet/answers\n"
		"template: iso27017-whitepaper\n"
		"answers:\n"
		"  external-services:\n"
		"    rows:\n"
		"    - {service: Amazon Web Services, purpose: インフラ, company: \"Amazon Web Services, Inc.\"}\n"
		"    - {service: SendGrid, colour: blue}\n"
		"  data-location:\n"
		"    value: 日本\n";
	problems ps = run(text, &paper, NULL);
	assert_null(for_item(&ps, "external-services", "missing-required"));
	const problem *p = for_item(&ps, "external-services", "unknown-key");
	assert_non_null(p);
	assert_int_equal(p->sev, SEV_WARNING);
	assert_int_equal(p->mark.line, 7);
	assert_non_null(for_item(&ps, "data-location", "unparseable-value"));
	assert_non_null(for_item(&ps, "responsibility-split", "missing-required"));
	assert_null(for_item(&ps, "staff-training", "missing-required")); /* optional */
	problems_free(&ps);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_file), cmocka_unit_test(test_item_rules),
		cmocka_unit_test(test_range),      cmocka_unit_test(test_cases),
		cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
