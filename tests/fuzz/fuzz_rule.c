/* libFuzzer target: the rule parser (rule_parse) against the items of the
 * METI template. The first byte picks the item; the rest is the rule as a
 * policy writes it (">= 99.9%", "covers 平日 9:00-18:00"). A rule that
 * parses is judged on no answer and on a real one. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
	free(rule_outcome_label(&o));
	free(o.message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const template *t = fuzz_meti_template();
	const answers *sample = fuzz_sample_answers();
	size_t index = data[0] % t->n_items;
	const tmpl_item *it = &t->items[index];
	char *text = fuzz_cstr(data + 1, size - 1);
	rule r;
	memset(&r, 0, sizeof r);
	r.item_index = index;
	char *err = rule_parse(it, text, &r);
	if (!err) {
		judge(&r, it, NULL);
		if (sample)
			judge(&r, it, answers_find(sample, it->id));
	}
	free(err);
	free(text);
	return 0;
}
