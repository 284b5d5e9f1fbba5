/* libFuzzer target: the answers loader (answers_load_buffer), then what
 * `check` and a save do with a file that loaded: validation against the
 * METI template and the canonical text, read back again; then every merge
 * conflict record the file holds taken, one side or another, as the
 * editor would (conflict.h). */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "core/answers_load.h"
#include "core/answers_save.h"
#include "core/conflict.h"
#include "core/validate.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_meti_template();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const template *t = fuzz_meti_template();
	char *buf = fuzz_cstr(data, size);
	free(yaml_peek_kind(buf, size));

	answers a;
	problems ps;
	problems_init(&ps);
	if (answers_load_buffer("fuzz.yaml", buf, size, &load_limits_default, &a, &ps)) {
		check_summary sum = {0};
		validate_answers(&a, t, (size & 1) ? "en" : "ja", &ps, &sum);
		size_t len = 0;
		char *text = answers_to_yaml(&a, t, &len);
		if (text) {
			answers b;
			problems ps2;
			problems_init(&ps2);
			answers_load_buffer("saved.yaml", text, len, &load_limits_default, &b, &ps2);
			answers_free(&b);
			problems_free(&ps2);
			free(text);
		}
		const char *why;
		for (size_t i = 0; i < a.n; i++)
			for (int k = 0; conflicts_count(&a.v[i].extra) && k < 64; k++)
				if (!conflict_resolve_answer(&a.v[i], 0, (conflict_side)((i + k) % 3), &why))
					conflicts_remove(&a.v[i].extra, 0);
		for (int k = 0; conflicts_count(&a.extra) && k < 64; k++)
			if (!conflict_resolve_file(&a, 0, (conflict_side)(k % 3), &why))
				conflicts_remove(&a.extra, 0);
	}
	problems_sort(&ps);
	problems_dedupe(&ps);
	answers_free(&a);
	problems_free(&ps);
	free(buf);
	return 0;
}
