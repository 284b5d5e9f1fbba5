/* libFuzzer target: the review loader (review_load_buffer), then what the
 * editor does with a review that loaded: staleness against real answers
 * and the canonical text, read back again; every merge conflict record
 * taken, one side or another (conflict.h). */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "core/conflict.h"
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
		const char *why;
		for (size_t i = 0; i < r.n; i++) {
			(void)review_has_conflicts(&r);
			for (int k = 0; conflicts_count(&r.v[i].extra) && k < 64; k++) {
				conflict c;
				if (conflicts_get(&r.v[i].extra, 0, &c))
					free(conflict_describe(&c));
				if (!conflict_resolve_review_item(&r.v[i], 0, (conflict_side)((i + k) % 3), &why))
					conflicts_remove(&r.v[i].extra, 0);
			}
		}
		for (int k = 0; conflicts_count(&r.extra) && k < 64; k++)
			if (!conflict_resolve_review(&r, 0, (conflict_side)(k % 3), &why))
				conflicts_remove(&r.extra, 0);
	}
	problems_sort(&ps);
	review_free(&r);
	problems_free(&ps);
	free(buf);
	return 0;
}
