/* Helpers shared by the cmocka tests. */
#ifndef CHECKSHEET_TESTUTIL_H
#define CHECKSHEET_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/problems.h"
#include "core/template_load.h"
#include "core/xalloc.h"

/* A file under the source tree's top, wherever the build runs. */
static inline char *src_path(const char *rel)
{
	const char *top = getenv("TOP_SRCDIR");
	return xasprintf("%s/%s", top && *top ? top : ABS_TOP_SRCDIR, rel);
}

/* Loads a built-in template from data/templates; false on any problem. */
static inline bool load_builtin_template(const char *id, template *t)
{
	char *rel = xasprintf("data/templates/%s.yaml", id);
	char *path = src_path(rel);
	problems ps;
	problems_init(&ps);
	bool ok = template_load_file(path, NULL, t, &ps);
	problems_free(&ps);
	free(path);
	free(rel);
	return ok;
}

static inline const problem *find_code(const problems *ps, const char *code)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].code, code) == 0)
			return &ps->v[i];
	return NULL;
}

static inline size_t count_code(const problems *ps, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < ps->n; i++)
		n += strcmp(ps->v[i].code, code) == 0;
	return n;
}

static inline void dump_problems(const problems *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		fprintf(stderr, "  %s:%d:%d %s %s\n", ps->v[i].file, ps->v[i].mark.line, ps->v[i].mark.column,
			ps->v[i].code, ps->v[i].message);
}

/* Under valgrind (CI runs every unit test under memcheck) everything is
 * some fifty times slower: smaller inputs, and no timing. */
static inline bool under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");
	return p && (strstr(p, "vgpreload") || strstr(p, "valgrind"));
}

/* A CPU-time bound that only a quadratic path (ten or a hundred times
 * slower) can break: sanitizers make everything some times slower, and a
 * machine running other builds beside the tests a little more. */
static inline double time_bound(double seconds)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
	return seconds * 4;
#else
	return seconds * 2;
#endif
}

#ifdef TESTUTIL_EXPORT
/* Needs cmocka.h first. */
#include "core/answers_load.h"
#include "core/export.h"

/* Loads tests/data/export/NAME; messages name the file as NAME. */
static inline void load_sample(const char *name, answers *a)
{
	char *rel = xasprintf("tests/data/export/%s", name);
	char *path = src_path(rel);
	problems ps;
	problems_init(&ps);
	assert_true(answers_load_file(path, NULL, a, &ps));
	free(a->path);
	a->path = xstrdup(name); /* messages name the file as the test does */
	problems_free(&ps);
	free(path);
	free(rel);
}

static inline char *run_export(const char *fmt, const answers *a, const template *t, export_options *opt,
			bool *ok, problems *ps)
{
	const exporter *ex = exporter_find(fmt);
	assert_non_null(ex);
	if (!opt->encoding_set)
		opt->encoding = ex->default_encoding;
	export_doc d;
	export_doc_build(&d, a, t, opt);
	strbuf out;
	sb_init(&out);
	*ok = ex->write(&d, &out, NULL, ps);
	export_doc_free(&d);
	return sb_take(&out);
}

#endif

#endif
