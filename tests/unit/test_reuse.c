/* reuse: a new answers file filled from earlier ones, by item id within a
 * template and through maps-to links across templates, each answer a
 * draft that says where it came from; a value that does not read as the
 * new item's unit kept in the note; the newest file wins a disagreement. */
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
#include "core/reuse.h"
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
	bool ok = answers_load_buffer("t.yaml", text, strlen(text), NULL, a, &ps);
	if (!ok || ps.n)
		dump_problems(&ps);
	assert_true(ok);
	assert_int_equal(ps.n, 0); /* reused-from is a known key: no warning */
	problems_free(&ps);
}

static const char *reused_from(const answer *an)
{
	return an ? raw_pairs_scalar(&an->extra, "reused-from") : NULL;
}

static const char meti_2025[] =
	"kind: checksheet/answers\ntemplate: meti-cloud-sla\n"
	"revisions:\n  - {version: \"1.0\", date: \"2025-04-01\", note: 初版}\n"
	"answers:\n"
	"  rto: {value: 24時間以内, note: 主要機能から順に復旧, status: final}\n"
	"  availability-rate: {value: 99.9%}\n"
	"  data-location-policy: {value: 国内の2リージョン（東京・大阪）に保管}\n"
	"  data-deletion: {value: 有, note: 解約後30日以内に論理削除、90日以内に物理削除}\n";

static const char meti_2026[] =
	"kind: checksheet/answers\ntemplate: meti-cloud-sla\n"
	"revisions:\n  - {version: \"2.0\", date: \"2026-04-01\", note: 改定}\n"
	"answers:\n"
	"  rto: {value: 12時間以内}\n"
	"  availability-rate: {value: 99.9%}\n";

static void test_same_template(void **state)
{
	(void)state;
	answers old, newer, dst;
	load(meti_2025, &old);
	load(meti_2026, &newer);
	answers_init(&dst);
	dst.template_id = xstrdup("meti-cloud-sla");
	dst.language = xstrdup("ja");
	/* given oldest first: the stamps decide, not the order */
	reuse_source src[] = {{"2025.yaml", &old, &meti, "2025-04-01"}, {"2026.yaml", &newer, &meti, "2026-04-01"}};
	reuse_report rep;
	reuse_fill(&dst, &meti, src, 2, &rep);
	const answer *rto = answers_find(&dst, "rto");
	assert_non_null(rto);
	assert_string_equal(rto->value, "12時間以内");          /* the newer */
	assert_string_equal(rto->status, "draft");              /* never final */
	assert_string_equal(reused_from(rto), "2026.yaml#rto");
	assert_null(rto->note);                                 /* the newer's note: none */
	const answer *dl = answers_find(&dst, "data-deletion");
	assert_string_equal(dl->value, "有");
	assert_string_equal(reused_from(dl), "2025.yaml#data-deletion");
	/* the same answer in both: no disagreement; rto: one */
	assert_int_equal(rep.n_conflicts, 1);
	assert_string_equal(meti.items[rep.conflicts[0].item].id, "rto");
	assert_int_equal(rep.conflicts[0].winner, 1);
	assert_int_equal(rep.total, 4);
	assert_int_equal(rep.filled[1], 2);
	assert_int_equal(rep.filled[0], 2);
	/* written and read back: status and reused-from kept, no warning */
	size_t len;
	char *yaml = answers_to_yaml(&dst, &meti, &len);
	assert_non_null(strstr(yaml, "reused-from: 2026.yaml#rto"));
	answers back;
	load(yaml, &back);
	assert_string_equal(reused_from(answers_find(&back, "rto")), "2026.yaml#rto");
	answers_free(&back);
	free(yaml);
	/* an item already answered is left as it is */
	reuse_report_free(&rep);
	answers_free(&dst);
	answers_init(&dst);
	answer *mine = answers_get(&dst, "rto");
	answer_set(&mine->value, "6時間以内");
	answer *noted = answers_get(&dst, "data-deletion");
	answer_set(&noted->note, "法務に確認中");
	reuse_fill(&dst, &meti, src, 2, &rep);
	assert_string_equal(answers_find(&dst, "rto")->value, "6時間以内");
	assert_null(reused_from(answers_find(&dst, "rto")));
	/* a note alone is something written: kept, nothing taken over it */
	assert_string_equal(answers_find(&dst, "data-deletion")->note, "法務に確認中");
	assert_null(answers_find(&dst, "data-deletion")->value);
	reuse_report_free(&rep);
	answers_free(&dst);
	answers_free(&old);
	answers_free(&newer);
}

static void test_across_templates(void **state)
{
	(void)state;
	answers old, dst;
	load(meti_2025, &old);
	/* METI → whitepaper through the whitepaper's maps-to */
	answers_init(&dst);
	dst.language = xstrdup("ja");
	reuse_source src[] = {{"meti.yaml", &old, &meti, "2025-04-01"}};
	reuse_report rep;
	reuse_fill(&dst, &paper, src, 1, &rep);
	/* whitepaper data-deletion (text) ← METI data-deletion (yes-no) */
	const answer *del = answers_find(&dst, "data-deletion");
	assert_non_null(del);
	assert_string_equal(del->value, "有");
	assert_string_equal(del->status, "draft");
	assert_string_equal(reused_from(del), "meti.yaml#data-deletion");
	/* whitepaper data-location is a table: a METI text is not rows, so
	 * it is kept in the note for a person, never made into a row */
	const answer *loc = answers_find(&dst, "data-location");
	assert_non_null(loc);
	assert_null(loc->value);
	assert_int_equal(loc->n_rows, 0);
	assert_string_equal(loc->note, "国内の2リージョン（東京・大阪）に保管");
	assert_true(rep.to_note >= 1);
	/* whitepaper deletion-delay is a duration: 有 does not read as one */
	const answer *delay = answers_find(&dst, "deletion-delay");
	if (delay) {
		assert_null(delay->value);
		assert_non_null(strstr(delay->note, "有"));
	}
	reuse_report_free(&rep);
	answers_free(&dst);

	/* whitepaper → METI: the same links read the other way */
	answers wp;
	load("kind: checksheet/answers\ntemplate: iso27017-whitepaper\nanswers:\n"
	     "  data-deletion: {value: 解約後30日以内に削除します。}\n",
	     &wp);
	answers_init(&dst);
	reuse_source back[] = {{"wp.yaml", &wp, &paper, "2026-01-01"}};
	reuse_fill(&dst, &meti, back, 1, &rep);
	/* METI data-deletion is yes-no: the sentence goes to the note */
	const answer *m = answers_find(&dst, "data-deletion");
	assert_non_null(m);
	assert_null(m->value);
	assert_string_equal(m->note, "解約後30日以内に削除します。");
	assert_string_equal(reused_from(m), "wp.yaml#data-deletion");
	assert_string_equal(m->status, "draft");
	reuse_report_free(&rep);
	answers_free(&dst);
	answers_free(&wp);
	answers_free(&old);
}

/* Every link of one template names an item of the other that links back:
 * the two ship their links both ways (tools/meti_template.py reads the
 * whitepaper's the other way), and none names an item that is not there. */
static bool links_to(const tmpl_item *it, const char *target)
{
	for (size_t k = 0; k < it->n_maps_to; k++)
		if (strcmp(it->maps_to[k], target) == 0)
			return true;
	return false;
}

static void check_links(const template *from, const template *to, size_t *count)
{
	for (size_t i = 0; i < from->n_items; i++) {
		const tmpl_item *it = &from->items[i];
		for (size_t k = 0; k < it->n_maps_to; k++) {
			const char *slash = strchr(it->maps_to[k], '/');
			assert_non_null(slash);
			assert_int_equal((size_t)(slash - it->maps_to[k]), strlen(to->id));
			assert_memory_equal(it->maps_to[k], to->id, strlen(to->id));
			const tmpl_item *other = template_item(to, slash + 1);
			if (!other)
				fail_msg("%s/%s links to %s, which is not there", from->id, it->id, it->maps_to[k]);
			char *back = xasprintf("%s/%s", from->id, it->id);
			if (!links_to(other, back))
				fail_msg("%s links to %s, which does not link back", back, it->maps_to[k]);
			free(back);
			(*count)++;
		}
	}
}

static void test_links_both_ways(void **state)
{
	(void)state;
	size_t meti_links = 0, paper_links = 0;
	check_links(&meti, &paper, &meti_links);
	check_links(&paper, &meti, &paper_links);
	assert_int_equal(meti_links, paper_links);
	assert_true(meti_links >= 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_template),
		cmocka_unit_test(test_across_templates),
		cmocka_unit_test(test_links_both_ways),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
