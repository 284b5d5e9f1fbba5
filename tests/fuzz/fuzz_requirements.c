/* libFuzzer target: the requirements loader (requirements_load_buffer)
 * against the METI template, then every rule of a policy that loaded
 * judged on real answers and on none. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "core/requirements.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_meti_template();
	fuzz_sample_answers();
	return 0;
}

static void judge(const rule *r, const tmpl_item *it, const answer *an)
{
	rule_outcome o;
	rule_evaluate(r, it, an, &o);
	(void)rule_result_id(o.result);
	free(rule_outcome_label(&o));
	free(o.message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const template *t = fuzz_meti_template();
	const answers *sample = fuzz_sample_answers();
	char *buf = fuzz_cstr(data, size);
	requirements rq;
	problems ps;
	problems_init(&ps);
	if (requirements_load_buffer("fuzz.policy.yaml", buf, size, &load_limits_default, t, &rq, &ps)) {
		for (size_t i = 0; i < rq.n; i++) {
			/* as sheet_open does: a policy that loaded names known items */
			const rule *r = &rq.v[i];
			const tmpl_item *it = &t->items[r->item_index];
			judge(r, it, NULL);
			if (sample)
				judge(r, it, answers_find(sample, it->id));
		}
	}
	problems_sort(&ps);
	requirements_free(&rq);
	problems_free(&ps);
	free(buf);
	return 0;
}
