#include <config.h>

#include "review.h"

#include <libgen.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "answers_load.h"
#include "answers_save.h"
#include "atomic_file.h"
#include "i18n.h"
#include "xalloc.h"
#include "yaml_fields.h"
#include "yaml_writer.h"

const char *const verdict_ids[4] = {NULL, "ok", "question", "ng"};

void review_init(review *r) { memset(r, 0, sizeof *r); }

void review_item_free(review_item *ri)
{
	free(ri->item);
	free(ri->comment);
	answer_free(&ri->seen);
	raw_pairs_free(&ri->extra);
	memset(ri, 0, sizeof *ri);
}

void review_item_copy(review_item *dst, const review_item *src)
{
	*dst = *src;
	dst->item = src->item ? xstrdup(src->item) : NULL;
	dst->comment = src->comment ? xstrdup(src->comment) : NULL;
	answer_copy(&dst->seen, &src->seen);
	memset(&dst->extra, 0, sizeof dst->extra);
	raw_pairs_copy(&dst->extra, &src->extra);
}

void review_free(review *r)
{
	free(r->path);
	free(r->answers_path);
	free(r->template_id);
	raw_pairs_free(&r->reviewer);
	for (size_t i = 0; i < r->n; i++)
		review_item_free(&r->v[i]);
	free(r->v);
	strmap_free(&r->index);
	raw_pairs_free(&r->extra);
	review_init(r);
}

review_item *review_find(const review *r, const char *item)
{
	size_t i;
	return strmap_get(&r->index, item, &i) ? &r->v[i] : NULL;
}

review_item *review_get(review *r, const char *item)
{
	review_item *ri = review_find(r, item);
	if (ri)
		return ri;
	XGROW(r->v, r->cap, r->n + 1);
	ri = &r->v[r->n];
	memset(ri, 0, sizeof *ri);
	ri->item = xstrdup(item);
	strmap_put(&r->index, item, r->n);
	r->n++;
	return ri;
}

void review_mark_seen(review_item *ri, const answer *an)
{
	raw_pairs extra = ri->seen.extra;  /* unknown keys of seen: stay */
	memset(&ri->seen.extra, 0, sizeof ri->seen.extra);
	answer_free(&ri->seen);
	answer_snapshot(&ri->seen, an);
	ri->seen.extra = extra;
	ri->has_seen = true;
}

bool review_is_stale(const review_item *ri, const answer *an)
{
	if (!ri || !ri->has_seen || (ri->verdict == VERDICT_NONE && !ri->comment))
		return false;
	return !answer_equal(&ri->seen, an, false);
}

bool review_item_is_empty(const review_item *ri)
{
	return ri->verdict == VERDICT_NONE && !ri->comment && !ri->extra.n;
}

static void read_verdict(yreader *yr, void *obj, const field_spec *f)
{
	review_item *ri = obj;
	char *v = NULL;
	ri->verdict_mark = yr_mark(yr);
	if (!yr_scalar_dup(yr, f->key, &v))
		return;
	for (int i = 1; i < 4; i++)
		if (strcmp(v, verdict_ids[i]) == 0)
			ri->verdict = (verdict)i;
	if (ri->verdict == VERDICT_NONE && *v)
		problems_add(yr->ps, yr->file, ri->verdict_mark, SEV_ERROR, "bad-value",
			     _("verdict must be ok, question or ng, not \"%s\""), v);
	free(v);
}

static void read_seen(yreader *yr, void *obj, const field_spec *f)
{
	review_item *ri = obj;
	answer_free(&ri->seen);
	answer_read(yr, &ri->seen, f->key);
	ri->has_seen = true;
}

static const field_spec item_fields[] = {
	{"verdict", read_verdict, 0, 0},
	{"comment", field_read_string, offsetof(review_item, comment), 0},
	{"seen", read_seen, 0, 0},
	{"conflicts", field_read_kept, offsetof(review_item, extra), 0},
};

static void read_items(yreader *yr, void *obj, const field_spec *f)
{
	review *r = obj;
	yr_map m;
	if (!yr_map_begin(yr, &m, f->key))
		return;
	m.caller_checks_duplicates = true; /* r->index finds them */
	while (yr_map_next(yr, &m)) {
		if (!yr_limit_key(yr, &m, r->n + 1, yr->lim.max_items, "too-many-items",
			      _("too many reviewed items (the limit is %zu)")))
			break;
		if (review_find(r, m.key)) {
			yr_map_duplicate(yr, &m);
			continue;
		}
		review_item tmp;
		memset(&tmp, 0, sizeof tmp);
		tmp.key_mark = m.key_mark;
		if (!fields_read_map(yr, &tmp, item_fields, sizeof item_fields / sizeof *item_fields, &tmp.extra, m.key)) {
			review_item_free(&tmp);
			continue;
		}
		review_item *ri = review_get(r, m.key);
		char *id = ri->item;
		*ri = tmp;
		ri->item = id;
	}
	yr_map_end(&m);
}

static const field_spec review_fields[] = {
	{"answers", field_read_string, offsetof(review, answers_path), 0},
	{"template", field_read_string, offsetof(review, template_id), 0},
	{"reviewer", field_read_raw_pairs, offsetof(review, reviewer), 0},
	{"items", read_items, 0, 0},
	{"conflicts", field_read_kept, offsetof(review, extra), 0},
};

static const doc_spec review_doc = {
	"checksheet/review", N_("a review file"), review_fields, sizeof review_fields / sizeof *review_fields,
};

bool review_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			review *r, problems *ps)
{
	review_init(r);
	r->path = xstrdup(file);
	problems local;
	problems_init(&local);
	doc_read(file, buf, len, limits, &review_doc, r, &r->extra, NULL, &local);
	bool ok = !problems_have_fatal(&local) && !problems_count(&local, SEV_ERROR);
	problems_sort(&local);
	problems_move(ps, &local);
	return ok;
}

static bool load_review(const char *file, const char *buf, size_t len, const load_limits *limits, void *obj,
			problems *ps)
{
	return review_load_buffer(file, buf, len, limits, obj, ps);
}

bool review_load_file(const char *path, const load_limits *limits, review *r, problems *ps)
{
	review_init(r);
	return doc_load_file(path, limits, load_review, r, ps);
}

static void write_item(ywriter *w, const review_item *ri)
{
	yw_scalar(w, ri->item);
	yw_map_begin(w);
	yw_pair(w, "verdict", verdict_ids[ri->verdict]);
	yw_pair(w, "comment", ri->comment);
	if (ri->has_seen) {
		yw_scalar(w, "seen");
		yw_map_begin(w);
		/* value and note first, as reviews have always been written */
		yw_pair(w, "value", ri->seen.value);
		yw_pair(w, "note", ri->seen.note);
		answer_write_cases_rows(w, &ri->seen);
		yw_pair(w, "status", ri->seen.status);
		yw_raw_pairs(w, &ri->seen.extra);
		yw_map_end(w);
	}
	yw_raw_pairs(w, &ri->extra);
	yw_map_end(w);
}

char *review_to_yaml(const review *r, const template *t, size_t *len)
{
	ywriter w;
	yw_init(&w);
	yw_map_begin(&w);
	yw_pair(&w, "kind", "checksheet/review");
	yw_pair(&w, "answers", r->answers_path);
	yw_pair(&w, "template", r->template_id);
	if (r->reviewer.n) {
		yw_scalar(&w, "reviewer");
		yw_map_begin_flow(&w);
		yw_text_pairs(&w, &r->reviewer);
		yw_map_end(&w);
	}
	yw_scalar(&w, "items");
	yw_map_begin(&w);
	bool *done = xcalloc(r->n + 1, sizeof *done);
	for (size_t i = 0; t && i < t->n_items; i++) {
		size_t k;
		if (!strmap_get(&r->index, t->items[i].id, &k))
			continue;
		done[k] = true;
		if (!review_item_is_empty(&r->v[k]))
			write_item(&w, &r->v[k]);
	}
	for (size_t k = 0; k < r->n; k++)
		if (!done[k] && !review_item_is_empty(&r->v[k]))
			write_item(&w, &r->v[k]);
	free(done);
	yw_map_end(&w);
	yw_raw_pairs(&w, &r->extra);
	yw_map_end(&w);
	return yw_finish(&w, len);
}

bool review_save(const review *r, const template *t, const char *path, problems *ps)
{
	size_t len = 0;
	char *text = review_to_yaml(r, t, &len);
	return yw_save(text, len, path, ps);
}

char *review_default_path(const char *answers_path)
{
	size_t n = strlen(answers_path);
	const char *slash = strrchr(answers_path, '/');
	const char *dot = strrchr(answers_path, '.');
	if (dot && (!slash || dot > slash + 1))
		n = (size_t)(dot - answers_path);
	return xasprintf("%.*s.review.yaml", (int)n, answers_path);
}
