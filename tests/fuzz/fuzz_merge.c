/* libFuzzer target: the three-way merge (merge.h). The input is three
 * documents, base, ours and theirs, separated by lines "---8<---"; each
 * that loads as answers (or all as reviews) is merged, the result written
 * and read back, and every conflict record it holds taken one side or
 * another, as the editor would. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers_load.h"
#include "core/answers_save.h"
#include "core/conflict.h"
#include "core/merge.h"
#include "core/review.h"
#include "fuzz_common.h"

#define CUT "\n---8<---\n"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_meti_template();
	return 0;
}

/* The three parts of buf, cut in place (missing parts are empty). */
static void split3(char *buf, char *part[3], size_t len[3])
{
	char *p = buf;
	for (int i = 0; i < 3; i++) {
		char *cut = i < 2 ? strstr(p, CUT) : NULL;
		part[i] = p;
		if (cut) {
			*cut = '\0';
			len[i] = (size_t)(cut - p);
			p = cut + strlen(CUT);
		} else {
			len[i] = strlen(p);
			p += len[i];
		}
	}
}

static void merge_as_answers(char *part[3], size_t len[3])
{
	const template *t = fuzz_meti_template();
	answers a[3];
	problems ps;
	problems_init(&ps);
	bool ok = true;
	for (int i = 0; i < 3; i++)
		ok = answers_load_buffer(i == 0 ? "base.yaml" : i == 1 ? "ours.yaml" : "theirs.yaml", part[i], len[i],
					 &load_limits_default, &a[i], &ps) &&
		     ok;
	merge_stats st;
	if (ok && merge_answers(&a[1], &a[0], &a[2], &st, &ps)) {
		size_t n = 0;
		char *text = answers_to_yaml(&a[1], t, &n);
		if (text) {
			answers back;
			if (answers_load_buffer("merged.yaml", text, n, &load_limits_default, &back, &ps)) {
				const char *why;
				for (size_t i = 0; i < back.n; i++)
					for (int k = 0; conflicts_count(&back.v[i].extra) && k < 64; k++)
						if (!conflict_resolve_answer(&back.v[i], 0, (conflict_side)((i + k) % 3), &why))
							conflicts_remove(&back.v[i].extra, 0);
				for (int k = 0; conflicts_count(&back.extra) && k < 64; k++)
					if (!conflict_resolve_file(&back, 0, (conflict_side)(k % 3), &why))
						conflicts_remove(&back.extra, 0);
			}
			answers_free(&back);
			free(text);
		}
	}
	for (int i = 0; i < 3; i++)
		answers_free(&a[i]);
	problems_free(&ps);
}

static void merge_as_reviews(char *part[3], size_t len[3])
{
	review r[3];
	problems ps;
	problems_init(&ps);
	bool ok = true;
	for (int i = 0; i < 3; i++)
		ok = review_load_buffer("r.yaml", part[i], len[i], &load_limits_default, &r[i], &ps) && ok;
	merge_stats st;
	if (ok && merge_review(&r[1], &r[0], &r[2], &st, &ps)) {
		size_t n = 0;
		free(review_to_yaml(&r[1], NULL, &n));
		const char *why;
		for (size_t i = 0; i < r[1].n; i++)
			for (int k = 0; conflicts_count(&r[1].v[i].extra) && k < 64; k++)
				if (!conflict_resolve_review_item(&r[1].v[i], 0, (conflict_side)((i + k) % 3), &why))
					conflicts_remove(&r[1].v[i].extra, 0);
	}
	for (int i = 0; i < 3; i++)
		review_free(&r[i]);
	problems_free(&ps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstr(data, size);
	char *part[3];
	size_t len[3];
	split3(buf, part, len);
	char *kind = yaml_peek_kind(part[1], len[1]);
	if (kind && strcmp(kind, "checksheet/review") == 0)
		merge_as_reviews(part, len);
	else
		merge_as_answers(part, len);
	free(kind);
	free(buf);
	return 0;
}
