/* libFuzzer target: the review loader (review_load_buffer), then what the
 * editor does with a review that loaded: staleness against real answers
 * and the canonical text, read back again. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "core/review.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_meti_template();
	fuzz_sample_answers();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const template *t = fuzz_meti_template();
	const answers *sample = fuzz_sample_answers();
	char *buf = fuzz_cstr(data, size);
	review r;
	problems ps;
	problems_init(&ps);
	if (review_load_buffer("fuzz.review.yaml", buf, size, &load_limits_default, &r, &ps)) {
		for (size_t i = 0; i < r.n; i++) {
			const review_item *ri = &r.v[i];
			const answer *an = sample && ri->item ? answers_find(sample, ri->item) : NULL;
			(void)review_is_stale(ri, an);
			(void)review_item_is_empty(ri);
			(void)review_find(&r, ri->item ? ri->item : "");
		}
		size_t len = 0;
		char *text = review_to_yaml(&r, (size & 1) ? NULL : t, &len);
		if (text) {
			review r2;
			problems ps2;
			problems_init(&ps2);
			review_load_buffer("saved.review.yaml", text, len, &load_limits_default, &r2, &ps2);
			review_free(&r2);
			problems_free(&ps2);
			free(text);
		}
	}
	problems_sort(&ps);
	review_free(&r);
	problems_free(&ps);
	free(buf);
	return 0;
}
