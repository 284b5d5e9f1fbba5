/* merge: the three-way merge of answers and review files (one side's
 * change taken, the same change once, different changes kept as conflict
 * records); conflict: the records read back, checked, and resolved. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/answers_save.h"
#include "core/conflict.h"
#include "core/merge.h"
#include "core/review.h"
#include "core/template_load.h"
#include "core/validate.h"
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
	assert_int_equal(problems_count(&ps, SEV_WARNING) + problems_count(&ps, SEV_ERROR), 0);
	problems_free(&ps);
}

/* Merges three texts; ours is saved and loaded again, as git would read
 * the result, into *out. Returns the stats. */
static merge_stats merge3(const char *b, const char *o, const char *t, const template *tm, answers *out)
{
	answers ab, ao, at;
	load(b, &ab);
	load(o, &ao);
	load(t, &at);
	merge_stats st;
	problems ps;
	problems_init(&ps);
	assert_true(merge_answers(&ao, &ab, &at, &st, &ps));
	assert_int_equal(ps.n, 0);
	size_t len;
	char *text = answers_to_yaml(&ao, tm, &len);
	assert_non_null(text);
	load(text, out);
	free(text);
	answers_free(&ab);
	answers_free(&ao);
	answers_free(&at);
	problems_free(&ps);
	return st;
}

static const char *value_of(const answers *a, const char *item)
{
	const answer *an = answers_find(a, item);
	return an ? an->value : NULL;
}

static size_t records(const answers *a, const char *item)
{
	const answer *an = answers_find(a, item);
	return an ? conflicts_count(&an->extra) : 0;
}

#define HEAD "kind: checksheet/answers\ntemplate: meti-cloud-sla\nlanguage: ja\n"

static const char base[] = HEAD
	"subject: {organization: 例株式会社, service: 例クラウド}\n"
	"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
	"answers:\n"
	"  availability-rate: {value: 99.9%, note: 昨年実績}\n"
	"  rto: {value: 24時間}\n"
	"  backup-generations: {value: 3世代, status: draft}\n"
	"  support-hours-general:\n"
	"    cases:\n"
	"      - {when: 平日, value: '平日 9:00-18:00'}\n"
	"      - {when: 年末年始, value: '毎日 10:00-16:00'}\n";

static void test_one_side_and_both_alike(void **state)
{
	(void)state;
	/* ours changes availability, theirs rto; both make the same change
	 * to backup-generations; theirs adds an item, ours removes one */
	static const char ours[] = HEAD
		"subject: {organization: 例株式会社, service: 例クラウド}\n"
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"answers:\n"
		"  availability-rate: {value: 99.95%, note: 昨年実績}\n"
		"  rto: {value: 24時間}\n"
		"  backup-generations: {value: 7世代, status: final}\n";
	static const char theirs[] = HEAD
		"subject: {organization: 例株式会社, service: 例クラウド}\n"
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"answers:\n"
		"  availability-rate: {value: 99.9%, note: 昨年実績}\n"
		"  rto: {value: 12時間}\n"
		"  backup-generations: {value: 7世代, status: final}\n"
		"  support-hours-general:\n"
		"    cases:\n"
		"      - {when: 平日, value: '平日 9:00-18:00'}\n"
		"      - {when: 年末年始, value: '毎日 10:00-16:00'}\n"
		"  mttr: {value: 4時間, note: 過去1年の平均}\n";
	answers m;
	merge_stats st = merge3(base, ours, theirs, &meti, &m);
	assert_int_equal(st.conflicts, 0);
	assert_false(answers_have_conflicts(&m));
	assert_string_equal(value_of(&m, "availability-rate"), "99.95%");
	assert_string_equal(value_of(&m, "rto"), "12時間");
	assert_string_equal(value_of(&m, "backup-generations"), "7世代");
	assert_string_equal(answers_find(&m, "backup-generations")->status, "final");
	assert_string_equal(value_of(&m, "mttr"), "4時間");
	assert_string_equal(answers_find(&m, "mttr")->note, "過去1年の平均");
	/* removed by ours, untouched by theirs: stays removed */
	assert_null(answers_find(&m, "support-hours-general"));
	assert_int_equal(st.from_theirs, 2); /* rto, mttr */
	answers_free(&m);
}

static void test_conflicts_in_value_note_status(void **state)
{
	(void)state;
	static const char ours[] = HEAD
		"answers:\n"
		"  availability-rate: {value: 99.95%, note: 昨年実績 99.99%}\n"
		"  rto: {value: 12時間, status: final}\n";
	static const char theirs[] = HEAD
		"answers:\n"
		"  availability-rate: {value: 99.99%, note: 昨年実績}\n"
		"  rto: {value: 24時間, note: 目標値, status: draft}\n";
	static const char b[] = HEAD
		"answers:\n"
		"  availability-rate: {value: 99.9%, note: 昨年実績}\n"
		"  rto: {value: 24時間}\n";
	answers m;
	merge_stats st = merge3(b, ours, theirs, &meti, &m);
	/* availability: value both changed (conflict), note ours alone;
	 * rto: value ours, note theirs, status both (conflict) */
	assert_int_equal(st.conflicts, 2);
	assert_int_equal(st.merged, 2);
	assert_string_equal(value_of(&m, "availability-rate"), "99.95%");
	assert_string_equal(answers_find(&m, "availability-rate")->note, "昨年実績 99.99%");
	assert_string_equal(value_of(&m, "rto"), "12時間");
	assert_string_equal(answers_find(&m, "rto")->note, "目標値");
	assert_string_equal(answers_find(&m, "rto")->status, "final");
	assert_int_equal(records(&m, "availability-rate"), 1);
	assert_int_equal(records(&m, "rto"), 1);

	conflict c;
	answer *an = answers_find(&m, "availability-rate");
	assert_true(conflicts_get(&an->extra, 0, &c));
	assert_int_equal(c.field, CONFLICT_VALUE);
	assert_string_equal(c.side[CONFLICT_BASE]->scalar, "99.9%");
	assert_string_equal(c.side[CONFLICT_OURS]->scalar, "99.95%");
	assert_string_equal(c.side[CONFLICT_THEIRS]->scalar, "99.99%");
	assert_true(c.mark.line > 0); /* read back from the text: has a place */
	char *words = conflict_describe(&c);
	assert_non_null(strstr(words, "99.99%"));
	free(words);

	/* check reports each record as an error, and the item is invalid */
	problems ps;
	problems_init(&ps);
	validate_answers(&m, &meti, "ja", &ps, NULL);
	size_t found = 0;
	for (size_t i = 0; i < ps.n; i++)
		if (strcmp(ps.v[i].code, "merge-conflict") == 0) {
			found++;
			assert_int_equal(ps.v[i].sev, SEV_ERROR);
			assert_non_null(ps.v[i].item);
		}
	assert_int_equal(found, 2);
	problems_free(&ps);

	/* theirs taken: the value becomes theirs, the record goes */
	const char *why;
	assert_true(conflict_resolve_answer(an, 0, CONFLICT_THEIRS, &why));
	assert_string_equal(an->value, "99.99%");
	assert_int_equal(conflicts_count(&an->extra), 0);
	assert_null(raw_pairs_find(&an->extra, CONFLICTS_KEY));
	/* ours kept: nothing changes but the record */
	an = answers_find(&m, "rto");
	assert_true(conflict_resolve_answer(an, 0, CONFLICT_OURS, &why));
	assert_string_equal(an->status, "final");
	assert_false(answers_have_conflicts(&m));
	answers_free(&m);
}

static void test_cases(void **state)
{
	(void)state;
	static const char ours[] = HEAD
		"answers:\n"
		"  support-hours-general:\n"
		"    cases:\n"
		"      - {when: 平日, value: '平日 8:00-20:00'}\n"
		"      - {when: 年末年始, value: '毎日 10:00-16:00'}\n"
		"      - {when: 土曜, value: '土日祝 10:00-17:00'}\n";
	static const char theirs[] = HEAD
		"answers:\n"
		"  support-hours-general:\n"
		"    cases:\n"
		"      - {when: 平日, value: '平日 9:00-21:00'}\n"
		"      - {when: 年末年始, value: '毎日 10:00-15:00'}\n"
		"      - {when: 祝日, value: '土日祝 10:00-16:00'}\n";
	answers m;
	merge_stats st = merge3(base, ours, theirs, &meti, &m);
	const answer *an = answers_find(&m, "support-hours-general");
	/* 平日: both changed (conflict); 年末年始: theirs; 土曜 ours, 祝日 theirs added */
	assert_int_equal(st.conflicts, 1);
	assert_int_equal(an->n_cases, 4);
	assert_string_equal(an->cases[0].value, "平日 8:00-20:00");
	assert_string_equal(an->cases[1].value, "毎日 10:00-15:00");
	assert_string_equal(an->cases[2].when, "土曜");
	assert_string_equal(an->cases[3].when, "祝日");
	conflict c;
	assert_true(conflicts_get(&an->extra, 0, &c));
	assert_int_equal(c.field, CONFLICT_CASE);
	assert_string_equal(c.key, "平日");
	answer *w = answers_find(&m, "support-hours-general");
	const char *why;
	assert_true(conflict_resolve_answer(w, 0, CONFLICT_THEIRS, &why));
	assert_string_equal(w->cases[0].value, "平日 9:00-21:00");
	answers_free(&m);

	/* a case removed by one side and changed by the other: a conflict,
	 * and taking the side that removed it removes it */
	static const char removed[] = HEAD
		"answers:\n"
		"  support-hours-general:\n"
		"    cases:\n"
		"      - {when: 平日, value: '平日 9:00-18:00'}\n";
	static const char changed[] = HEAD
		"answers:\n"
		"  support-hours-general:\n"
		"    cases:\n"
		"      - {when: 平日, value: '平日 9:00-18:00'}\n"
		"      - {when: 年末年始, value: '毎日 10:00-12:00'}\n";
	st = merge3(base, changed, removed, &meti, &m);
	assert_int_equal(st.conflicts, 1);
	w = answers_find(&m, "support-hours-general");
	assert_int_equal(w->n_cases, 2);
	assert_true(conflict_resolve_answer(w, 0, CONFLICT_THEIRS, &why));
	assert_int_equal(w->n_cases, 1);
	answers_free(&m);
}

#define PAPER "kind: checksheet/answers\ntemplate: iso27017-whitepaper\nlanguage: ja\nanswers:\n"

static void test_table_rows(void **state)
{
	(void)state;
	static const char b[] = PAPER
		"  data-location:\n"
		"    rows:\n"
		"      - {service: 本番, region: 日本（東京）}\n"
		"      - {service: バックアップ, region: 日本（大阪）}\n"
		"      - {service: ログ, region: 日本（東京）}\n";
	/* ours changes a row and appends one; theirs changes another row
	 * and inserts one at the top: all land */
	static const char o[] = PAPER
		"  data-location:\n"
		"    rows:\n"
		"      - {service: 本番, region: 日本（東京・大阪）}\n"
		"      - {service: バックアップ, region: 日本（大阪）}\n"
		"      - {service: ログ, region: 日本（東京）}\n"
		"      - {service: 監視, region: 米国}\n";
	static const char t[] = PAPER
		"  data-location:\n"
		"    rows:\n"
		"      - {service: 開発, region: シンガポール}\n"
		"      - {service: 本番, region: 日本（東京）}\n"
		"      - {service: バックアップ, region: 日本（大阪）}\n"
		"      - {service: ログ, region: 日本（大阪）}\n";
	answers m;
	merge_stats st = merge3(b, o, t, &paper, &m);
	assert_int_equal(st.conflicts, 0);
	const answer *an = answers_find(&m, "data-location");
	assert_int_equal(an->n_rows, 5);
	assert_string_equal(raw_pairs_scalar(&an->rows[0].cells, "service"), "開発");
	assert_string_equal(raw_pairs_scalar(&an->rows[1].cells, "region"), "日本（東京・大阪）");
	assert_string_equal(raw_pairs_scalar(&an->rows[3].cells, "region"), "日本（大阪）");
	assert_string_equal(raw_pairs_scalar(&an->rows[4].cells, "service"), "監視");
	answers_free(&m);

	/* both change the same row differently: a conflict on that run, the
	 * other rows merged; two runs, taking theirs for the first moves the
	 * second */
	static const char o2[] = PAPER
		"  data-location:\n"
		"    rows:\n"
		"      - {service: 本番, region: 日本（東京・大阪）}\n"
		"      - {service: バックアップ, region: 日本（大阪）}\n"
		"      - {service: ログ, region: 日本（札幌）}\n";
	static const char t2[] = PAPER
		"  data-location:\n"
		"    rows:\n"
		"      - {service: 本番, region: 日本（東京）, note: 主}\n"
		"      - {service: 本番2, region: 日本（福岡）}\n"
		"      - {service: バックアップ, region: 日本（大阪）}\n"
		"      - {service: ログ, region: 米国}\n";
	st = merge3(b, o2, t2, &paper, &m);
	answer *w = answers_find(&m, "data-location");
	assert_int_equal(st.conflicts, 2);
	assert_int_equal(w->n_rows, 3); /* ours in place */
	conflict c;
	assert_true(conflicts_get(&w->extra, 1, &c));
	assert_int_equal(c.field, CONFLICT_ROWS);
	assert_int_equal(c.at, 2);
	const char *why;
	assert_true(conflict_resolve_answer(w, 0, CONFLICT_THEIRS, &why));
	assert_int_equal(w->n_rows, 4);
	assert_string_equal(raw_pairs_scalar(&w->rows[1].cells, "service"), "本番2");
	assert_true(conflicts_get(&w->extra, 0, &c));
	assert_int_equal(c.at, 3);
	/* a person edited the rows of the second run since: refused, said */
	answer_set(&w->rows[3].cells.v[1].value->scalar, "日本（那覇）");
	assert_false(conflict_resolve_answer(w, 0, CONFLICT_THEIRS, &why));
	assert_non_null(why);
	assert_true(conflict_resolve_answer(w, 0, CONFLICT_OURS, &why));
	assert_false(answers_have_conflicts(&m));
	answers_free(&m);
}

static void test_items_added_on_both_sides(void **state)
{
	(void)state;
	static const char b[] = HEAD "answers:\n  rto: {value: 24時間}\n";
	static const char o[] = HEAD "answers:\n  rto: {value: 24時間}\n  mttr: {value: 4時間}\n"
				     "  incident-count: {value: 2回}\n";
	static const char t[] = HEAD "answers:\n  rto: {value: 24時間}\n  mttr: {value: 4時間}\n"
				     "  incident-count: {value: 3回}\n  rpo: {value: 24時間前}\n";
	answers m;
	merge_stats st = merge3(b, o, t, &meti, &m);
	assert_string_equal(value_of(&m, "mttr"), "4時間"); /* the same on both: once */
	assert_string_equal(value_of(&m, "incident-count"), "2回");
	assert_int_equal(records(&m, "incident-count"), 1);
	assert_string_equal(value_of(&m, "rpo"), "24時間前");
	assert_int_equal(st.conflicts, 1);
	conflict c;
	assert_true(conflicts_get(&answers_find(&m, "incident-count")->extra, 0, &c));
	assert_null(c.side[CONFLICT_BASE]);
	answers_free(&m);
}

static void test_revisions_and_subject(void **state)
{
	(void)state;
	static const char b[] = HEAD
		"subject: {organization: 例株式会社, service: 例クラウド, contact: a@example.com}\n"
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"answers:\n  rto: {value: 24時間}\n";
	static const char o[] = HEAD
		"subject: {organization: 例株式会社, service: 例クラウド Pro, contact: b@example.com}\n"
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"  - {version: \"1.1\", date: \"2025-10-01\", note: RTO見直し}\n"
		"answers:\n  rto: {value: 24時間}\n";
	static const char t[] = HEAD
		"subject: {organization: 例株式会社, service: 例クラウド, contact: c@example.com, title: 回答書}\n"
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"  - {version: \"1.2\", date: \"2025-11-01\", note: 連絡先変更}\n"
		"answers:\n  rto: {value: 24時間}\n";
	answers m;
	merge_stats st = merge3(b, o, t, &meti, &m);
	assert_string_equal(answers_subject(&m, "service"), "例クラウド Pro");
	assert_string_equal(answers_subject(&m, "title"), "回答書");
	assert_string_equal(answers_subject(&m, "contact"), "b@example.com");
	assert_int_equal(m.n_revisions, 3);
	assert_string_equal(m.revisions[1].version, "1.1");
	assert_string_equal(m.revisions[2].version, "1.2");
	assert_int_equal(st.conflicts, 1);
	assert_int_equal(conflicts_count(&m.extra), 1);
	const char *why;
	assert_true(conflict_resolve_file(&m, 0, CONFLICT_THEIRS, &why));
	assert_string_equal(answers_subject(&m, "contact"), "c@example.com");
	answers_free(&m);

	/* one version written differently on both sides: a conflict */
	static const char o2[] = HEAD
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"  - {version: \"1.1\", date: \"2025-10-01\", note: RTO見直し}\n"
		"answers:\n  rto: {value: 24時間}\n";
	static const char t2[] = HEAD
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"  - {version: \"1.1\", date: \"2025-10-02\", note: 連絡先変更}\n"
		"answers:\n  rto: {value: 24時間}\n";
	static const char b2[] = HEAD
		"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
		"answers:\n  rto: {value: 24時間}\n";
	st = merge3(b2, o2, t2, &meti, &m);
	assert_int_equal(st.conflicts, 1);
	conflict c;
	assert_true(conflicts_get(&m.extra, 0, &c));
	assert_int_equal(c.field, CONFLICT_REVISION);
	assert_string_equal(c.key, "1.1");
	assert_true(conflict_resolve_file(&m, 0, CONFLICT_THEIRS, &why));
	assert_int_equal(m.n_revisions, 2);
	assert_string_equal(m.revisions[1].note, "連絡先変更");
	answers_free(&m);
}

static void test_refusals(void **state)
{
	(void)state;
	answers b, o, t;
	load(HEAD "answers:\n  rto: {value: 24時間}\n", &b);
	load(HEAD "answers:\n  rto: {value: 12時間}\n", &o);
	load("kind: checksheet/answers\ntemplate: iso27017-whitepaper\nanswers: {}\n", &t);
	merge_stats st;
	problems ps;
	problems_init(&ps);
	/* both sides on other templates than the base and each other */
	answers b2;
	load("kind: checksheet/answers\ntemplate: other\nanswers: {}\n", &b2);
	assert_false(merge_answers(&o, &b2, &t, &st, &ps));
	assert_non_null(find_code(&ps, "merge-template"));
	assert_string_equal(value_of(&o, "rto"), "12時間"); /* ours unchanged */
	answers_free(&b2);
	answers_free(&t);
	/* a side that still holds conflicts */
	load(HEAD "answers:\n  rto:\n    value: 6時間\n    conflicts:\n      - {field: value, ours: 6時間, theirs: 1時間}\n",
	     &t);
	problems_free(&ps);
	problems_init(&ps);
	assert_false(merge_answers(&o, &b, &t, &st, &ps));
	assert_non_null(find_code(&ps, "merge-conflict"));
	answers_free(&b);
	answers_free(&o);
	answers_free(&t);
	problems_free(&ps);
}

static void test_malformed_record(void **state)
{
	(void)state;
	answers a;
	load(HEAD "answers:\n  rto:\n    value: 6時間\n    conflicts:\n      - {field: colour, ours: x}\n"
		  "      - not a map\n",
	     &a);
	problems ps;
	problems_init(&ps);
	validate_answers(&a, &meti, "ja", &ps, NULL);
	size_t n = 0;
	for (size_t i = 0; i < ps.n; i++)
		n += strcmp(ps.v[i].code, "merge-conflict") == 0 && ps.v[i].mark.line > 0;
	assert_int_equal(n, 2);
	const char *why = NULL;
	assert_false(conflict_resolve_answer(answers_find(&a, "rto"), 0, CONFLICT_THEIRS, &why));
	assert_non_null(why);
	problems_free(&ps);
	answers_free(&a);
}

static void load_review(const char *text, review *r)
{
	problems ps;
	problems_init(&ps);
	if (!review_load_buffer("r.yaml", text, strlen(text), NULL, r, &ps))
		dump_problems(&ps);
	problems_free(&ps);
}

#define RHEAD "kind: checksheet/review\nanswers: a.yaml\ntemplate: meti-cloud-sla\nreviewer: {organization: 顧客株式会社}\nitems:\n"

static void test_review(void **state)
{
	(void)state;
	review b, o, t;
	load_review(RHEAD "  rto: {verdict: question, comment: 根拠は？, seen: {value: 24時間}}\n"
			  "  mttr: {verdict: ok, seen: {value: 4時間}}\n",
		    &b);
	load_review(RHEAD "  rto: {verdict: ok, comment: 根拠は？, seen: {value: 24時間}}\n"
			  "  mttr: {verdict: ok, comment: 了解, seen: {value: 4時間}}\n",
		    &o);
	load_review(RHEAD "  rto: {verdict: ng, comment: 12時間以内が必要, seen: {value: 24時間}}\n"
			  "  mttr: {verdict: ok, seen: {value: 4時間}}\n"
			  "  rpo: {verdict: ok, seen: {value: 24時間前}}\n",
		    &t);
	merge_stats st;
	problems ps;
	problems_init(&ps);
	assert_true(merge_review(&o, &b, &t, &st, &ps));
	const review_item *rto = review_find(&o, "rto");
	assert_int_equal(rto->verdict, VERDICT_OK);                  /* ours, in conflict */
	assert_string_equal(rto->comment, "12時間以内が必要");        /* theirs alone changed it */
	assert_int_equal(conflicts_count(&rto->extra), 1);
	assert_string_equal(review_find(&o, "mttr")->comment, "了解");
	assert_int_equal(review_find(&o, "rpo")->verdict, VERDICT_OK);
	assert_int_equal(st.conflicts, 1);
	/* written and read back, then theirs taken */
	size_t len;
	char *text = review_to_yaml(&o, &meti, &len);
	review again;
	load_review(text, &again);
	free(text);
	review_item *ri = review_find(&again, "rto");
	assert_int_equal(conflicts_count(&ri->extra), 1);
	const char *why;
	assert_true(conflict_resolve_review_item(ri, 0, CONFLICT_THEIRS, &why));
	assert_int_equal(ri->verdict, VERDICT_NG);
	assert_true(ri->has_seen);
	assert_string_equal(ri->seen.value, "24時間");
	assert_false(review_has_conflicts(&again));
	review_free(&again);
	review_free(&b);
	review_free(&o);
	review_free(&t);
	problems_free(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_side_and_both_alike),
		cmocka_unit_test(test_conflicts_in_value_note_status),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_items_added_on_both_sides),
		cmocka_unit_test(test_revisions_and_subject),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_malformed_record),
		cmocka_unit_test(test_review),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
