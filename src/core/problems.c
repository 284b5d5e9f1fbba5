#include <config.h>

#include "problems.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* Cuts quoted parts (cut) and the whole text; never inside a UTF-8
 * sequence. */
static char *cut_text(const char *s, bool cut)
{
	strbuf sb;
	sb_init(&sb);
	size_t len = strlen(s), i = 0, chars = 0, quoted = 0;
	bool in_quote = false, skipping = false;
	while (i < len) {
		if (chars >= PROBLEM_TEXT_MAX) {
			sb_add(&sb, "…");
			break;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cut && (cp == '"' || cp == 0x300C || (cp == 0x300D && in_quote))) {
			if (skipping)
				sb_add(&sb, "…");
			in_quote = cp == '"' ? !in_quote : cp == 0x300C;
			skipping = false;
			quoted = 0;
		} else if (cut && in_quote && ++quoted > PROBLEM_QUOTE_MAX) {
			skipping = true;
			i += n;
			continue;
		}
		sb_addn(&sb, s + i, n);
		chars++;
		i += n;
	}
	if (skipping)
		sb_add(&sb, "…");
	return sb_take(&sb);
}

char *problem_cut_text(const char *s) { return cut_text(s ? s : "", true); }

void problems_init(problems *ps) { ps->v = NULL; ps->n = ps->cap = 0; }

static void problem_free(problem *p)
{
	free(p->file);
	free(p->item);
	free(p->no);
	free(p->title);
	free(p->code);
	free(p->message);
}

void problems_free(problems *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		problem_free(&ps->v[i]);
	free(ps->v);
	problems_init(ps);
}

problem *problems_add(problems *ps, const char *file, cs_mark mark, severity sev,
		      const char *code, const char *fmt, ...)
{
	XGROW(ps->v, ps->cap, ps->n + 1);
	problem *p = &ps->v[ps->n++];
	memset(p, 0, sizeof *p);
	p->file = cut_text(file ? file : "-", false);
	p->mark = mark;
	p->sev = sev;
	p->code = xstrdup(code);
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *raw = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	raw[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(raw, (size_t)n + 1, fmt, ap);
	va_end(ap);
	p->message = cut_text(raw, true);
	free(raw);
	return p;
}

void problem_set_item(problem *p, const char *id, const char *no, const char *title)
{
	free(p->item);
	free(p->no);
	free(p->title);
	p->item = id ? cut_text(id, false) : NULL;
	p->no = no ? cut_text(no, false) : NULL;
	p->title = title ? cut_text(title, false) : NULL;
}

size_t problems_count(const problems *ps, severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < ps->n; i++)
		n += ps->v[i].sev == sev;
	return n;
}

bool problems_have_fatal(const problems *ps) { return problems_count(ps, SEV_FATAL) > 0; }

/* A stable merge sort: qsort would shuffle problems at the same place. */
static int problem_cmp(const problem *a, const problem *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->mark.line != b->mark.line)
		return a->mark.line < b->mark.line ? -1 : 1;
	if (a->mark.column != b->mark.column)
		return a->mark.column < b->mark.column ? -1 : 1;
	return 0;
}

static void merge_sort(problem *v, problem *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(v, tmp, h);
	merge_sort(v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = problem_cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

void problems_sort(problems *ps)
{
	if (ps->n < 2)
		return;
	problem *tmp = xreallocarray(NULL, ps->n, sizeof *tmp);
	merge_sort(ps->v, tmp, ps->n);
	free(tmp);
}

void problems_move(problems *dst, problems *src)
{
	XGROW(dst->v, dst->cap, dst->n + src->n);
	if (src->n)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
	dst->n += src->n;
	free(src->v);
	problems_init(src);
}

void problems_truncate(problems *ps, size_t n)
{
	for (size_t i = n; i < ps->n; i++)
		problem_free(&ps->v[i]);
	if (n < ps->n)
		ps->n = n;
}

void problems_dedupe(problems *ps)
{
	/* the same finding reported twice (a policy read for each file); two
	 * items with the same message at one place are two findings. Hashed,
	 * so that a million problems take linear time. */
	strmap seen;
	strmap_init(&seen);
	size_t out = 0;
	for (size_t i = 0; i < ps->n; i++) {
		const problem *p = &ps->v[i];
		char *key = xasprintf("%s\x1f%d\x1f%d\x1f%s\x1f%s\x1f%s", p->file ? p->file : "", p->mark.line,
				      p->mark.column, p->code ? p->code : "", p->item ? p->item : "", p->message);
		if (!strmap_put(&seen, key, i))
			problem_free(&ps->v[i]);
		else
			ps->v[out++] = ps->v[i];
		free(key);
	}
	strmap_free(&seen);
	ps->n = out;
}
