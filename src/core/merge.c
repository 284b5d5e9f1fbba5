#include <config.h>

#include "merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "i18n.h"
#include "xalloc.h"

static bool same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

/* ---- names in first-seen order, each once ---- */

typedef struct name_list {
	const char **v;
	size_t n, cap;
	strmap seen;
} name_list;

/* The name is copied (by the map, whose copies never move): the lists
 * are made before the merge changes what they were read from. */
static void names_add(name_list *l, const char *name)
{
	if (!strmap_put(&l->seen, name ? name : "", l->n))
		return;
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = l->seen.entries[l->seen.n - 1].key;
}

static void names_free(name_list *l)
{
	free(l->v);
	strmap_free(&l->seen);
	memset(l, 0, sizeof *l);
}

/* ---- a text field ---- */

/* Merges a text field of ours (*res) with base b and theirs t; a conflict
 * is recorded in cf. */
static void merge_text(char **res, const char *b, const char *t, raw_pairs *cf, conflict_field field,
		       const char *key, merge_stats *st)
{
	const char *o = *res;
	if (same_text(o, t) || same_text(b, t))
		return;
	if (same_text(b, o)) {
		answer_set(res, t);
		return;
	}
	conflicts_add(cf, field, key, 0, conflict_text_node(b), conflict_text_node(o), conflict_text_node(t));
	st->conflicts++;
}

/* ---- unknown keys, and the free maps (subject, reviewer) ---- */

/* Per key: one side's change taken; changed on both sides, ours kept or,
 * with field set, a conflict recorded in cf. */
static void merge_pairs(raw_pairs *o, const raw_pairs *b, const raw_pairs *t, raw_pairs *cf, int field,
			merge_stats *st)
{
	name_list keys;
	memset(&keys, 0, sizeof keys);
	for (size_t i = 0; i < o->n; i++)
		names_add(&keys, o->v[i].key);
	for (size_t i = 0; i < t->n; i++)
		names_add(&keys, t->v[i].key);
	for (size_t k = 0; k < keys.n; k++) {
		const char *key = keys.v[k];
		if (strcmp(key, CONFLICTS_KEY) == 0)
			continue;
		raw_pair *po = raw_pairs_find(o, key), *pb = raw_pairs_find(b, key), *pt = raw_pairs_find(t, key);
		const raw_node *vo = po ? po->value : NULL, *vb = pb ? pb->value : NULL, *vt = pt ? pt->value : NULL;
		if (raw_equal(vo, vt) || raw_equal(vb, vt))
			continue;
		if (raw_equal(vb, vo)) {
			if (!vt)
				raw_pairs_remove(o, key);
			else if (po) {
				raw_free(po->value);
				po->value = raw_copy(vt);
			} else
				raw_pairs_add(o, key, raw_copy(vt), pt->mark);
			continue;
		}
		if (field >= 0) {
			conflicts_add(cf, (conflict_field)field, key, 0, raw_copy(vb), raw_copy(vo), raw_copy(vt));
			st->conflicts++;
		}
	}
	names_free(&keys);
}

/* ---- cases, by condition ---- */

static const char *case_value(const answer *an, const char *when)
{
	for (size_t i = 0; an && i < an->n_cases; i++)
		if (same_text(an->cases[i].when, when))
			return an->cases[i].value ? an->cases[i].value : "";
	return NULL;
}

static bool same_case(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

static raw_node *case_node(const char *v) { return v ? raw_scalar(v) : NULL; }

static void merge_cases(answer *o, const answer *b, const answer *t, merge_stats *st)
{
	name_list whens;
	memset(&whens, 0, sizeof whens);
	for (size_t i = 0; i < o->n_cases; i++)
		names_add(&whens, o->cases[i].when);
	for (size_t i = 0; i < t->n_cases; i++)
		names_add(&whens, t->cases[i].when);
	for (size_t k = 0; k < whens.n; k++) {
		const char *w = whens.v[k];
		const char *vo = case_value(o, w), *vb = case_value(b, w), *vt = case_value(t, w);
		if (same_case(vo, vt) || same_case(vb, vt))
			continue;
		if (same_case(vb, vo)) {
			for (size_t i = 0; i < o->n_cases; i++) {
				if (!same_text(o->cases[i].when, w))
					continue;
				if (vt)
					answer_set(&o->cases[i].value, vt);
				else
					answer_remove_case(o, i);
				break;
			}
			if (!vo)
				answer_add_case(o, w, vt);
			continue;
		}
		conflicts_add(&o->extra, CONFLICT_CASE, w, 0, case_node(vb), case_node(vo), case_node(vt));
		st->conflicts++;
	}
	o->has_cases = o->n_cases > 0 || o->has_cases;
	names_free(&whens);
}

/* ---- table rows: a three-way merge of the row list ---- */

/* The most cells a longest-common-run table may hold; past it the rows
 * between the common head and tail are one run (a conflict at worst). */
#define LCS_MAX_CELLS ((size_t)4 << 20)

/* m[i]: the row of y that row i of x is matched to in a longest common
 * subsequence, or SIZE_MAX. */
static void match_rows(const answer_row *x, size_t nx, const answer_row *y, size_t ny, size_t *m)
{
	for (size_t i = 0; i < nx; i++)
		m[i] = SIZE_MAX;
	size_t head = 0;
	while (head < nx && head < ny && answer_row_equal(&x[head], &y[head])) {
		m[head] = head;
		head++;
	}
	size_t tail = 0;
	while (tail < nx - head && tail < ny - head && answer_row_equal(&x[nx - 1 - tail], &y[ny - 1 - tail])) {
		m[nx - 1 - tail] = ny - 1 - tail;
		tail++;
	}
	size_t a = nx - head - tail, bn = ny - head - tail;
	if (!a || !bn || (a + 1) > LCS_MAX_CELLS / (bn + 1))
		return;
	uint32_t *len = xcalloc((a + 1) * (bn + 1), sizeof *len);
#define L(i, j) len[(i) * (bn + 1) + (j)]
	for (size_t i = a; i-- > 0;)
		for (size_t j = bn; j-- > 0;)
			L(i, j) = answer_row_equal(&x[head + i], &y[head + j])
					  ? L(i + 1, j + 1) + 1
					  : (L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1));
	for (size_t i = 0, j = 0; i < a && j < bn;) {
		if (answer_row_equal(&x[head + i], &y[head + j])) {
			m[head + i] = head + j;
			i++;
			j++;
		} else if (L(i + 1, j) >= L(i, j + 1))
			i++;
		else
			j++;
	}
#undef L
	free(len);
}

static bool same_rows(const answer_row *x, size_t nx, const answer_row *y, size_t ny)
{
	if (nx != ny)
		return false;
	for (size_t i = 0; i < nx; i++)
		if (!answer_row_equal(&x[i], &y[i]))
			return false;
	return true;
}

/* Where the n rows of inner stand together in outer, if they do. */
static bool rows_within(const answer_row *outer, size_t n_outer, const answer_row *inner, size_t n, size_t *at)
{
	for (size_t i = 0; n && i + n <= n_outer; i++)
		if (same_rows(&outer[i], n, inner, n)) {
			*at = i;
			return true;
		}
	return false;
}

typedef struct row_list {
	answer_row *v;
	size_t n, cap;
} row_list;

static void rows_append(row_list *l, const answer_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		XGROW(l->v, l->cap, l->n + 1);
		memset(&l->v[l->n], 0, sizeof l->v[l->n]);
		raw_pairs_copy(&l->v[l->n].cells, &rows[i].cells);
		l->v[l->n].mark = rows[i].mark;
		l->n++;
	}
}

static void merge_rows(answer *o, const answer *b, const answer *t, merge_stats *st)
{
	if (same_rows(o->rows, o->n_rows, t->rows, t->n_rows) || same_rows(b->rows, b->n_rows, t->rows, t->n_rows))
		return;
	size_t nb = b->n_rows;
	size_t *mo = xcalloc(nb + 1, sizeof *mo), *mt = xcalloc(nb + 1, sizeof *mt);
	match_rows(b->rows, nb, o->rows, o->n_rows, mo);
	match_rows(b->rows, nb, t->rows, t->n_rows, mt);
	row_list out;
	memset(&out, 0, sizeof out);
	size_t ib = 0, io = 0, it = 0;
	for (;;) {
		/* rows that stand unchanged on all three sides */
		while (ib < nb && mo[ib] == io && mt[ib] == it) {
			rows_append(&out, o->rows + io, 1);
			ib++;
			io++;
			it++;
		}
		if (ib == nb && io == o->n_rows && it == t->n_rows)
			break;
		/* a run up to the next base row both sides kept */
		size_t j = ib;
		while (j < nb && (mo[j] == SIZE_MAX || mt[j] == SIZE_MAX))
			j++;
		size_t eo = j < nb ? mo[j] : o->n_rows, et = j < nb ? mt[j] : t->n_rows;
		/* (an empty list may have no array at all) */
		const answer_row *ro = o->rows ? o->rows + io : NULL, *rt = t->rows ? t->rows + it : NULL,
				 *rb = b->rows ? b->rows + ib : NULL;
		size_t no = eo - io, nt = et - it, nbr = j - ib;
		size_t k;
		if (same_rows(ro, no, rb, nbr))
			rows_append(&out, rt, nt);
		else if (same_rows(rt, nt, rb, nbr) || same_rows(ro, no, rt, nt))
			rows_append(&out, ro, no);
		else if (rows_within(rt, nt, rb, nbr, &k)) {
			/* theirs only added rows around the base's: around ours */
			rows_append(&out, rt, k);
			rows_append(&out, ro, no);
			rows_append(&out, rt + k + nbr, nt - k - nbr);
		} else if (rows_within(ro, no, rb, nbr, &k)) {
			rows_append(&out, ro, k);
			rows_append(&out, rt, nt);
			rows_append(&out, ro + k + nbr, no - k - nbr);
		} else {
			conflicts_add(&o->extra, CONFLICT_ROWS, NULL, out.n, conflict_rows_node(rb, nbr),
				      conflict_rows_node(ro, no), conflict_rows_node(rt, nt));
			st->conflicts++;
			rows_append(&out, ro, no);
		}
		ib = j;
		io = eo;
		it = et;
	}
	free(mo);
	free(mt);
	for (size_t i = 0; i < o->n_rows; i++)
		raw_pairs_free(&o->rows[i].cells);
	free(o->rows);
	o->rows = out.v;
	o->n_rows = out.n;
	o->has_rows = o->has_rows || out.n > 0;
}

/* ---- answers ---- */

static const answer empty_answer;

/* Everything an answer holds: content, status, unknown keys */
static bool same_answer(const answer *x, const answer *y)
{
	if (!x)
		x = &empty_answer;
	if (!y)
		y = &empty_answer;
	return answer_equal(x, y, true) && raw_pairs_equal(&x->extra, &y->extra);
}

static void take_answer(answer *dst, const answer *src)
{
	char *id = dst->item;
	dst->item = NULL;
	answer_free(dst);
	if (src)
		answer_copy(dst, src);
	else
		memset(dst, 0, sizeof *dst);
	free(dst->item);
	dst->item = id;
}

static void merge_answer(answers *ours, const char *id, const answer *b, const answer *t, merge_stats *st)
{
	answer *o = answers_find(ours, id);
	if (same_answer(o, t) || same_answer(b, t))
		return;
	if (!o)
		o = answers_get(ours, id);
	if (same_answer(b, o)) {
		take_answer(o, t);
		st->from_theirs++;
		return;
	}
	if (!b)
		b = &empty_answer;
	if (!t)
		t = &empty_answer;
	st->merged++;
	merge_text(&o->value, b->value, t->value, &o->extra, CONFLICT_VALUE, NULL, st);
	merge_cases(o, b, t, st);
	merge_rows(o, b, t, st);
	merge_text(&o->note, b->note, t->note, &o->extra, CONFLICT_NOTE, NULL, st);
	merge_text(&o->status, b->status, t->status, &o->extra, CONFLICT_STATUS, NULL, st);
	merge_pairs(&o->extra, &b->extra, &t->extra, NULL, -1, st);
}

/* ---- revisions, by version ---- */

static const revision *find_revision(const answers *a, const char *version, size_t *at)
{
	for (size_t i = 0; i < a->n_revisions; i++)
		if (same_text(a->revisions[i].version, version)) {
			if (at)
				*at = i;
			return &a->revisions[i];
		}
	return NULL;
}

static void revision_free_fields(revision *r)
{
	free(r->version);
	free(r->date);
	free(r->note);
	raw_pairs_free(&r->extra);
}

static void revision_copy_into(revision *dst, const revision *src)
{
	memset(dst, 0, sizeof *dst);
	dst->version = src->version ? xstrdup(src->version) : NULL;
	dst->date = src->date ? xstrdup(src->date) : NULL;
	dst->note = src->note ? xstrdup(src->note) : NULL;
	raw_pairs_copy(&dst->extra, &src->extra);
	dst->mark = src->mark;
}

static bool same_revision(const revision *x, const revision *y)
{
	if (!x || !y)
		return x == y;
	raw_node *a = conflict_revision_node(x), *b = conflict_revision_node(y);
	bool same = raw_equal(a, b);
	raw_free(a);
	raw_free(b);
	return same;
}

/* Inserts a copy of r after the revision of version `after` (at the start
 * when after is NULL, at the end when it is not found). */
static void insert_revision(answers *a, const answers *theirs, const revision *r, const char *after, bool first)
{
	size_t at = a->n_revisions;
	if (first)
		at = 0;
	else if (after && find_revision(a, after, &at)) {
		/* after the predecessor, and after what ours alone added there:
		 * both sides' new revisions follow the old ones */
		at++;
		while (at < a->n_revisions && !find_revision(theirs, a->revisions[at].version, NULL))
			at++;
	} else
		at = a->n_revisions;
	a->revisions = xreallocarray(a->revisions, a->n_revisions + 1, sizeof *a->revisions);
	memmove(&a->revisions[at + 1], &a->revisions[at], (a->n_revisions - at) * sizeof *a->revisions);
	revision_copy_into(&a->revisions[at], r);
	a->n_revisions++;
}

static void merge_revisions(answers *o, const answers *b, const answers *t, merge_stats *st)
{
	name_list versions;
	memset(&versions, 0, sizeof versions);
	for (size_t i = 0; i < o->n_revisions; i++)
		names_add(&versions, o->revisions[i].version);
	for (size_t i = 0; i < t->n_revisions; i++)
		names_add(&versions, t->revisions[i].version);
	for (size_t k = 0; k < versions.n; k++) {
		const char *v = versions.v[k];
		size_t at_o = 0, at_t = 0;
		const revision *ro = find_revision(o, v, &at_o), *rb = find_revision(b, v, NULL),
			       *rt = find_revision(t, v, &at_t);
		if (same_revision(ro, rt) || same_revision(rb, rt))
			continue;
		if (same_revision(rb, ro)) {
			if (!rt) {
				revision_free_fields(&o->revisions[at_o]);
				memmove(&o->revisions[at_o], &o->revisions[at_o + 1],
					(o->n_revisions - at_o - 1) * sizeof *o->revisions);
				o->n_revisions--;
			} else if (ro) {
				revision_free_fields(&o->revisions[at_o]);
				revision_copy_into(&o->revisions[at_o], rt);
			} else
				insert_revision(o, t, rt, at_t ? t->revisions[at_t - 1].version : NULL, at_t == 0);
			continue;
		}
		conflicts_add(&o->extra, CONFLICT_REVISION, v, 0, rb ? conflict_revision_node(rb) : NULL,
			      ro ? conflict_revision_node(ro) : NULL, rt ? conflict_revision_node(rt) : NULL);
		st->conflicts++;
	}
	names_free(&versions);
}

/* Refuses a side that still holds conflicts: merging over them would
 * bury a question someone has yet to answer. */
static bool no_conflicts_left(const char *path, bool has, problems *ps)
{
	if (!has)
		return true;
	problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "merge-conflict",
		     _("the file still holds merge conflicts: resolve them (checksheet edit) before merging again"));
	return false;
}

bool merge_answers(answers *ours, const answers *base, const answers *theirs, merge_stats *st, problems *ps)
{
	memset(st, 0, sizeof *st);
	if (!no_conflicts_left(ours->path, answers_have_conflicts(ours), ps) ||
	    !no_conflicts_left(theirs->path, answers_have_conflicts(theirs), ps))
		return false;
	if (!same_text(ours->template_id, theirs->template_id)) {
		/* one side moved to another template: taken; both, or with no
		 * common base: nothing item by item can be trusted */
		if (base->template_id && same_text(base->template_id, ours->template_id))
			answer_set(&ours->template_id, theirs->template_id);
		else if (!base->template_id || !same_text(base->template_id, theirs->template_id)) {
			problems_add(ps, theirs->path, theirs->template_mark, SEV_FATAL, "merge-template",
				     _("the two sides answer different templates (%s and %s): they cannot be merged item by item"),
				     ours->template_id ? ours->template_id : "?",
				     theirs->template_id ? theirs->template_id : "?");
			return false;
		}
	}
	merge_text(&ours->template_version, base->template_version, theirs->template_version, &ours->extra,
		   CONFLICT_TEMPLATE_VERSION, NULL, st);
	merge_text(&ours->language, base->language, theirs->language, &ours->extra, CONFLICT_LANGUAGE, NULL, st);
	merge_pairs(&ours->subject, &base->subject, &theirs->subject, &ours->extra, CONFLICT_SUBJECT, st);
	merge_revisions(ours, base, theirs, st);

	/* every item any side answers; ids copied, as ours grows */
	name_list ids;
	memset(&ids, 0, sizeof ids);
	for (size_t i = 0; i < ours->n; i++)
		names_add(&ids, ours->v[i].item);
	for (size_t i = 0; i < theirs->n; i++)
		names_add(&ids, theirs->v[i].item);
	for (size_t k = 0; k < ids.n; k++)
		merge_answer(ours, ids.v[k], answers_find(base, ids.v[k]), answers_find(theirs, ids.v[k]), st);
	names_free(&ids);
	merge_pairs(&ours->extra, &base->extra, &theirs->extra, NULL, -1, st);
	return true;
}

/* ---- reviews ---- */

static const review_item empty_item;

static raw_node *verdict_node(const review_item *ri)
{
	if (!ri || (ri->verdict == VERDICT_NONE && !ri->has_seen))
		return NULL;
	raw_node *m = raw_new(RAW_MAP, (cs_mark){0, 0});
	raw_map_put(m, "verdict", conflict_text_node(verdict_ids[ri->verdict]));
	if (ri->has_seen)
		raw_map_put(m, "seen", conflict_answer_node(&ri->seen));
	return m;
}

static bool same_verdict(const review_item *x, const review_item *y)
{
	raw_node *a = verdict_node(x), *b = verdict_node(y);
	bool same = raw_equal(a, b);
	raw_free(a);
	raw_free(b);
	return same;
}

static bool same_item(const review_item *x, const review_item *y)
{
	if (!x)
		x = &empty_item;
	if (!y)
		y = &empty_item;
	return same_verdict(x, y) && same_text(x->comment, y->comment) && raw_pairs_equal(&x->extra, &y->extra);
}

static void take_item(review_item *dst, const review_item *src)
{
	char *id = dst->item;
	dst->item = NULL;
	review_item_free(dst);
	if (src)
		review_item_copy(dst, src);
	free(dst->item);
	dst->item = id;
}

static void merge_item(review *ours, const char *id, const review_item *b, const review_item *t, merge_stats *st)
{
	review_item *o = review_find(ours, id);
	if (same_item(o, t) || same_item(b, t))
		return;
	if (!o)
		o = review_get(ours, id);
	if (same_item(b, o)) {
		take_item(o, t);
		st->from_theirs++;
		return;
	}
	if (!b)
		b = &empty_item;
	if (!t)
		t = &empty_item;
	st->merged++;
	if (!same_verdict(o, t) && !same_verdict(b, t)) {
		if (same_verdict(b, o)) {
			o->verdict = t->verdict;
			o->verdict_mark = t->verdict_mark;
			raw_pairs extra = o->seen.extra;
			memset(&o->seen.extra, 0, sizeof o->seen.extra);
			answer_free(&o->seen);
			answer_snapshot(&o->seen, t->has_seen ? &t->seen : NULL);
			if (t->has_seen)
				answer_set(&o->seen.status, t->seen.status);
			o->seen.extra = extra;
			o->has_seen = t->has_seen;
		} else {
			conflicts_add(&o->extra, CONFLICT_VERDICT, NULL, 0, verdict_node(b), verdict_node(o),
				      verdict_node(t));
			st->conflicts++;
		}
	}
	merge_text(&o->comment, b->comment, t->comment, &o->extra, CONFLICT_COMMENT, NULL, st);
	merge_pairs(&o->extra, &b->extra, &t->extra, NULL, -1, st);
}

bool merge_review(review *ours, const review *base, const review *theirs, merge_stats *st, problems *ps)
{
	memset(st, 0, sizeof *st);
	if (!no_conflicts_left(ours->path, review_has_conflicts(ours), ps) ||
	    !no_conflicts_left(theirs->path, review_has_conflicts(theirs), ps))
		return false;
	if (!same_text(ours->template_id, theirs->template_id)) {
		if (base->template_id && same_text(base->template_id, ours->template_id))
			answer_set(&ours->template_id, theirs->template_id);
		else if (!base->template_id || !same_text(base->template_id, theirs->template_id)) {
			problems_add(ps, theirs->path, (cs_mark){0, 0}, SEV_FATAL, "merge-template",
				     _("the two sides answer different templates (%s and %s): they cannot be merged item by item"),
				     ours->template_id ? ours->template_id : "?",
				     theirs->template_id ? theirs->template_id : "?");
			return false;
		}
	}
	merge_text(&ours->answers_path, base->answers_path, theirs->answers_path, &ours->extra,
		   CONFLICT_ANSWERS_PATH, NULL, st);
	merge_pairs(&ours->reviewer, &base->reviewer, &theirs->reviewer, &ours->extra, CONFLICT_REVIEWER, st);
	name_list ids;
	memset(&ids, 0, sizeof ids);
	for (size_t i = 0; i < ours->n; i++)
		names_add(&ids, ours->v[i].item);
	for (size_t i = 0; i < theirs->n; i++)
		names_add(&ids, theirs->v[i].item);
	for (size_t k = 0; k < ids.n; k++)
		merge_item(ours, ids.v[k], review_find(base, ids.v[k]), review_find(theirs, ids.v[k]), st);
	names_free(&ids);
	merge_pairs(&ours->extra, &base->extra, &theirs->extra, NULL, -1, st);
	return true;
}
