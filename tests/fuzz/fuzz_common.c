#include <config.h>

#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/answers_load.h"
#include "core/problems.h"
#include "core/template_load.h"

char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static void print_problems(const char *what, const problems *ps)
{
	fprintf(stderr, "fuzz: cannot load %s\n", what);
	for (size_t i = 0; i < ps->n; i++)
		fprintf(stderr, "  %s:%d:%d: %s\n", ps->v[i].file ? ps->v[i].file : "?", ps->v[i].mark.line,
			ps->v[i].mark.column, ps->v[i].message ? ps->v[i].message : "");
}

const template *fuzz_meti_template(void)
{
	static template t;
	static int loaded;
	if (loaded)
		return &t;
	const char *path = getenv("CHECKSHEET_FUZZ_TEMPLATE");
	if (!path || !*path)
		path = ABS_TOP_SRCDIR "/data/templates/meti-cloud-sla.yaml";
	problems ps;
	problems_init(&ps);
	if (!template_load_file(path, &load_limits_default, &t, &ps) || t.n_items == 0) {
		print_problems(path, &ps);
		exit(2);
	}
	problems_free(&ps);
	loaded = 1;
	return &t;
}

const answers *fuzz_sample_answers(void)
{
	static answers a;
	static int state; /* 0 not tried, 1 loaded, 2 failed */
	if (state == 0) {
		const char *path = ABS_TOP_SRCDIR "/tests/data/export/sample.yaml";
		problems ps;
		problems_init(&ps);
		if (answers_load_file(path, &load_limits_default, &a, &ps)) {
			state = 1;
		} else {
			print_problems(path, &ps);
			answers_free(&a);
			state = 2;
		}
		problems_free(&ps);
	}
	return state == 1 ? &a : NULL;
}
