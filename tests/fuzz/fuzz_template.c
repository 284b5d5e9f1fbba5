/* libFuzzer target: the template loader (template_load_buffer), then the
 * template's own examples read by its items' units, as `templates` and
 * the editor's hints do. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "core/template_load.h"
#include "core/units.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstr(data, size);
	template t;
	problems ps;
	problems_init(&ps);
	if (template_load_buffer("fuzz-template.yaml", buf, size, &load_limits_default, &t, &ps)) {
		for (size_t i = 0; i < t.n_items && i < 256; i++) {
			const tmpl_item *it = &t.items[i];
			const char *ex = ltext_get(&it->example, "ja");
			typed_value tv;
			const char *code = NULL;
			free(units_check_message(it, ex, &tv, &code));
			if (units_parse_item(it, ex, &tv) == PARSE_OK)
				free(units_format(&tv));
			(void)template_item(&t, it->id);
			if (it->no)
				(void)template_item_by_no(&t, it->no);
		}
	}
	problems_sort(&ps);
	template_free(&t);
	problems_free(&ps);
	free(buf);
	return 0;
}
