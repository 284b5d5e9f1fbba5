/* answers_diff: what changed between two answers files, item by item and
 * field by field, values compared by their reading; and the per-item text
 * form that git diffs. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/answers_diff.h"
#include "core/answers_load.h"
#include "core/template_load.h"
#include "testutil.h"

static template meti, paper;

static int setup(void **state)
{
	(void)state;
	assert_true(load_builtin_template("meti-cloud-sla", &meti));
	assert_true(load_builtin_template("iso27017-whitepaper", &paper));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	template_free(&meti);
	template_free(&paper);
	return 0;
}

static void load(const char *text, answers *a)
{
	problems ps;
	problems_init(&ps);
	if (!answers_load_buffer("t.yaml", text, strlen(text), NULL, a, &ps))
		dump_problems(&ps);
	problems_free(&ps);
}

static const diff_entry *find(const answers_diff *d, const char *key, diff_what what)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].key, key) == 0 && d->v[i].what == what)
			return &d->v[i];
	return NULL;
}

static const char before[] =
	"kind: checksheet/answers\ntemplate: meti-cloud-sla\n"
	"subject: {organization: 例株式会社, service: 例クラウド}\n"
	"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
	"answers:\n"
	"  availability-rate: {value: 99.9%, note: 昨年実績}\n"
	"  rto: {value: 24時間}\n"
	"  rpo: {value: 1時間}\n"
	"  service-hours: {value: 24時間365日, status: final}\n"
	"  planned-outage-notice:\n    cases:\n      - {when: 通常, value: 7日前}\n"
	"  retired-item: {value: 古い回答}\n";

static const char after[] =
	"kind: checksheet/answers\ntemplate: meti-cloud-sla\n"
	"subject: {organization: 例株式会社, service: 例クラウド Pro, contact: security@example.jp}\n"
	"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
	"  - {version: \"2.0\", date: \"2026-04-01\", note: 目標値を改定}\n"
	"answers:\n"
	"  availability-rate: {value: 99.95%, note: 昨年実績}\n"
	"  rto: {value: 24h}\n"
	"  service-hours: {value: 24時間365日, status: draft}\n"
	"  planned-outage-notice:\n    cases:\n      - {when: 通常, value: 7日前}\n      - {when: 緊急, value: 1日前}\n"
	"  mttr: {value: 4時間以内, note: \"第1報は30分以内\\n復旧見込みを随時\"}\n";

static void test_items_and_fields(void **state)
{
	(void)state;
	answers a, b;
	load(before, &a);
	load(after, &b);
	answers_diff d;
	answers_diff_build(&d, &a, &b, &meti, "ja");

	/* a value that reads differently: both readings */
	const diff_entry *e = find(&d, "availability-rate", DIFF_VALUE);
	assert_non_null(e);
	assert_int_equal(e->how, DIFF_CHANGED);
	assert_string_equal(e->old_text, "99.9%");
	assert_string_equal(e->new_text, "99.95%");
	assert_non_null(e->old_reading);
	assert_non_null(e->new_reading);
	assert_string_not_equal(e->old_reading, e->new_reading);
	assert_null(find(&d, "availability-rate", DIFF_NOTE));  /* the same note */

	/* 24時間 → 24h: spelling only */
	e = find(&d, "rto", DIFF_VALUE);
	assert_non_null(e);
	assert_int_equal(e->how, DIFF_SPELLING);
	assert_string_equal(e->old_reading, e->new_reading);

	/* removed, added, status, cases, an item the template lacks */
	e = find(&d, "rpo", DIFF_VALUE);
	assert_non_null(e);
	assert_int_equal(e->how, DIFF_REMOVED);
	assert_string_equal(e->new_text, "");
	e = find(&d, "mttr", DIFF_VALUE);
	assert_non_null(e);
	assert_int_equal(e->how, DIFF_ADDED);
	assert_non_null(find(&d, "mttr", DIFF_NOTE));
	e = find(&d, "service-hours", DIFF_STATUS);
	assert_non_null(e);
	assert_string_equal(e->old_text, "final");
	assert_string_equal(e->new_text, "draft");
	assert_null(find(&d, "service-hours", DIFF_VALUE));
	e = find(&d, "planned-outage-notice", DIFF_CASES);
	assert_non_null(e);
	assert_string_equal(e->new_text, "通常 → 7日前\n緊急 → 1日前");
	e = find(&d, "retired-item", DIFF_VALUE);
	assert_non_null(e);
	assert_int_equal(e->item, SIZE_MAX);
	assert_int_equal(e->how, DIFF_REMOVED);

	/* subject keys and revisions */
	e = find(&d, "service", DIFF_SUBJECT);
	assert_non_null(e);
	assert_string_equal(e->new_text, "例クラウド Pro");
	assert_non_null(find(&d, "contact", DIFF_SUBJECT));
	assert_null(find(&d, "organization", DIFF_SUBJECT));
	e = find(&d, "2.0", DIFF_REVISION);
	assert_non_null(e);
	assert_int_equal(e->how, DIFF_ADDED);
	assert_null(find(&d, "1.0", DIFF_REVISION));

	/* items in template order, then the unknown one */
	size_t last = 0;
	for (size_t i = 0; i < d.n && d.v[i].item != SIZE_MAX; i++) {
		assert_true(d.v[i].item >= last);
		last = d.v[i].item;
	}
	/* availability-rate, rto, rpo, service-hours, planned-outage-notice,
	 * mttr, retired-item */
	assert_int_equal(answers_diff_items(&d), 7);
	answers_diff_free(&d);

	/* a file against itself: nothing */
	answers_diff_build(&d, &a, &a, &meti, "ja");
	assert_int_equal(d.n, 0);
	assert_int_equal(answers_diff_items(&d), 0);
	answers_diff_free(&d);
	answers_free(&a);
	answers_free(&b);
}

static void test_table_rows(void **state)
{
	(void)state;
	answers a, b;
	load("kind: checksheet/answers\ntemplate: iso27017-whitepaper\nanswers:\n  data-location:\n    rows:\n"
	     "      - {service: 本番, region: 日本}\n      - {service: \"帳票 | PDF\", region: \"日本\\n（東京）\"}\n",
	     &a);
	load("kind: checksheet/answers\ntemplate: iso27017-whitepaper\nanswers:\n  data-location:\n    rows:\n"
	     "      - {service: 本番, region: 日本}\n      - {service: \"帳票 | PDF\", region: \"日本\\n（大阪）\"}\n",
	     &b);
	answers_diff d;
	answers_diff_build(&d, &a, &b, &paper, "ja");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].what, DIFF_ROWS);
	assert_non_null(strstr(d.v[0].old_text, "（東京）"));
	assert_non_null(strstr(d.v[0].new_text, "（大阪）"));
	answers_diff_free(&d);
	answers_free(&a);
	answers_free(&b);
}

static void test_text_form(void **state)
{
	(void)state;
	answers b;
	load(after, &b);
	strbuf sb;
	sb_init(&sb);
	answers_text_form(&b, &meti, "ja", &sb);
	const char *s = sb_str(&sb);
	assert_non_null(strstr(s, "subject service: 例クラウド Pro\n"));
	assert_non_null(strstr(s, "revision 2.0 2026-04-01 目標値を改定\n"));
	/* one block per answered item, with its reading */
	assert_non_null(strstr(s, "No.5 サービス稼働率 [availability-rate]\n  value: 99.95%  (= "));
	assert_non_null(strstr(s, "  note:\n    第1報は30分以内\n    復旧見込みを随時\n"));
	assert_non_null(strstr(s, "  cases:\n    通常 → 7日前\n    緊急 → 1日前\n"));
	/* template order: availability-rate (No.5) before rto (No.11) */
	assert_true(strstr(s, "[availability-rate]") < strstr(s, "[rto]"));
	assert_null(strstr(s, "[rpo]"));  /* not answered */
	/* the same text twice: stable */
	strbuf again;
	sb_init(&again);
	answers_text_form(&b, &meti, "ja", &again);
	assert_string_equal(sb_str(&sb), sb_str(&again));
	sb_free(&again);
	/* without the template: by id, no titles */
	sb_clear(&sb);
	answers_text_form(&b, NULL, "ja", &sb);
	s = sb_str(&sb);
	assert_non_null(strstr(s, "[availability-rate]\n  value: 99.95%\n"));
	assert_true(strstr(s, "[availability-rate]") < strstr(s, "[mttr]"));
	sb_free(&sb);
	answers_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_and_fields),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_text_form),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
