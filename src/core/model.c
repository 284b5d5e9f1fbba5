#include <config.h>

#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

const char *const note_rule_names[NOTE_RULE_COUNT] = {
	[NOTE_NONE] = "none",
	[NOTE_OPTIONAL] = "optional",
	[NOTE_REQUIRED] = "required",
	[NOTE_REQUIRED_IF_YES] = "required-if-yes",
};

void template_free(template *t)
{
	if (!t)
		return;
	free(t->path);
	free(t->sections);
	free(t->items);
	id_index_free(&t->ids);
	arena_free(&t->mem);
	memset(t, 0, sizeof *t);
}

/* Lookups by id first try the element after the one found last: every
 * pass over the items in order (validation, exports, the answers saved in
 * template order) then costs one string compare per item, not a hash and
 * a probe into a table of 100 000 keys. The hint is a cache in an object
 * the caller may hold const: it is written only when the object has
 * elements (never a static empty one). */
static size_t *hint_of(const size_t *hint) { return (size_t *)hint; }

const char *tmpl_item_id_of(size_t pos, const void *items) { return ((const tmpl_item *)items)[pos].id; }

const tmpl_item *template_item(const template *t, const char *id)
{
	/* walks go in order, and ask for one item more than once: the next
	 * one, or the same again, before the index */
	for (size_t k = 0; k < 2 && k <= t->hint; k++) {
		size_t i = t->hint - k;
		if (i < t->n_items && t->items[i].id && strcmp(t->items[i].id, id) == 0) {
			*hint_of(&t->hint) = i + 1;
			return &t->items[i];
		}
	}
	size_t i;
	if (!id_index_find(&t->ids, id, tmpl_item_id_of, t->items, &i))
		return NULL;
	*hint_of(&t->hint) = i + 1;
	return &t->items[i];
}

const tmpl_item *template_item_by_no(const template *t, const char *no)
{
	for (size_t i = 0; i < t->n_items; i++)
		if (t->items[i].no && strcmp(t->items[i].no, no) == 0)
			return &t->items[i];
	return NULL;
}

void answers_init(answers *a) { memset(a, 0, sizeof *a); }

void answer_clear(answer *an)
{
	free(an->value);
	free(an->note);
	free(an->status);
	an->value = an->note = an->status = NULL;
	for (size_t i = 0; i < an->n_cases; i++) {
		free(an->cases[i].when);
		free(an->cases[i].value);
		raw_pairs_free(&an->cases[i].extra);
	}
	free(an->cases);
	an->cases = NULL;
	an->n_cases = 0;
	an->has_cases = false;
	for (size_t i = 0; i < an->n_rows; i++)
		raw_pairs_free(&an->rows[i].cells);
	free(an->rows);
	an->rows = NULL;
	an->n_rows = 0;
	an->has_rows = false;
}

/* An answer whose texts live in its answers' arena: only what the heap
 * holds (arrays, table cells, unknown keys) is freed. */
void answer_free_borrowed(answer *an)
{
	for (size_t i = 0; i < an->n_cases; i++)
		raw_pairs_free(&an->cases[i].extra);
	free(an->cases);
	for (size_t i = 0; i < an->n_rows; i++)
		raw_pairs_free(&an->rows[i].cells);
	free(an->rows);
	raw_pairs_free(&an->extra);
	memset(an, 0, sizeof *an);
}

void answer_free(answer *an)
{
	answer_clear(an);
	raw_pairs_free(&an->extra);
	free(an->item);
	an->item = NULL;
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

void answer_copy(answer *dst, const answer *src)
{
	memset(dst, 0, sizeof *dst);
	*dst = *src;
	dst->item = dup_or_null(src->item);
	dst->value = dup_or_null(src->value);
	dst->note = dup_or_null(src->note);
	dst->status = dup_or_null(src->status);
	dst->cases = src->n_cases ? xreallocarray(NULL, src->n_cases, sizeof *dst->cases) : NULL;
	for (size_t i = 0; i < src->n_cases; i++) {
		dst->cases[i] = src->cases[i];
		dst->cases[i].when = dup_or_null(src->cases[i].when);
		dst->cases[i].value = dup_or_null(src->cases[i].value);
		memset(&dst->cases[i].extra, 0, sizeof dst->cases[i].extra);
		raw_pairs_copy(&dst->cases[i].extra, &src->cases[i].extra);
	}
	dst->rows = src->n_rows ? xreallocarray(NULL, src->n_rows, sizeof *dst->rows) : NULL;
	for (size_t i = 0; i < src->n_rows; i++) {
		dst->rows[i].mark = src->rows[i].mark;
		memset(&dst->rows[i].cells, 0, sizeof dst->rows[i].cells);
		raw_pairs_copy(&dst->rows[i].cells, &src->rows[i].cells);
	}
	memset(&dst->extra, 0, sizeof dst->extra);
	raw_pairs_copy(&dst->extra, &src->extra);
}

void answer_snapshot(answer *dst, const answer *src)
{
	memset(dst, 0, sizeof *dst);
	if (!src)
		return;
	dst->value = dup_or_null(src->value);
	dst->note = dup_or_null(src->note);
	for (size_t i = 0; i < src->n_cases; i++)
		answer_add_case(dst, src->cases[i].when, src->cases[i].value);
	dst->has_cases = src->n_cases > 0;
	for (size_t i = 0; i < src->n_rows; i++) {
		answer_add_row(dst);
		raw_pairs_copy(&dst->rows[i].cells, &src->rows[i].cells);
	}
	dst->has_rows = src->n_rows > 0;
}

static bool same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

bool answer_row_equal(const answer_row *a, const answer_row *b)
{
	if (a->cells.n != b->cells.n)
		return false;
	for (size_t i = 0; i < a->cells.n; i++) {
		const raw_pair *x = &a->cells.v[i], *y = &b->cells.v[i];
		if (strcmp(x->key, y->key) != 0)
			return false;
		const char *tx = x->value && x->value->type == RAW_SCALAR ? x->value->scalar : NULL;
		const char *ty = y->value && y->value->type == RAW_SCALAR ? y->value->scalar : NULL;
		if (!same_text(tx, ty))
			return false;
	}
	return true;
}

bool answer_equal(const answer *a, const answer *b, bool with_status)
{
	static const answer empty;
	if (!a)
		a = &empty;
	if (!b)
		b = &empty;
	if (!same_text(a->value, b->value) || !same_text(a->note, b->note))
		return false;
	if (with_status && !same_text(a->status, b->status))
		return false;
	if (a->n_cases != b->n_cases || a->n_rows != b->n_rows)
		return false;
	for (size_t i = 0; i < a->n_cases; i++)
		if (!same_text(a->cases[i].when, b->cases[i].when) || !same_text(a->cases[i].value, b->cases[i].value))
			return false;
	for (size_t i = 0; i < a->n_rows; i++)
		if (!answer_row_equal(&a->rows[i], &b->rows[i]))
			return false;
	return true;
}

bool answer_is_empty(const answer *an)
{
	return (!an->value || !*an->value) && !an->n_cases && !an->n_rows;
}

void answer_set(char **field, const char *text)
{
	free(*field);
	*field = text && *text ? xstrdup(text) : NULL;
}

void answer_add_case(answer *an, const char *when, const char *value)
{
	an->cases = xreallocarray(an->cases, an->n_cases + 1, sizeof *an->cases);
	answer_case *c = &an->cases[an->n_cases++];
	memset(c, 0, sizeof *c);
	c->when = xstrdup(when ? when : "");
	c->value = xstrdup(value ? value : "");
	an->has_cases = true;
}

void answer_remove_case(answer *an, size_t i)
{
	if (i >= an->n_cases)
		return;
	free(an->cases[i].when);
	free(an->cases[i].value);
	raw_pairs_free(&an->cases[i].extra);
	memmove(&an->cases[i], &an->cases[i + 1], (an->n_cases - i - 1) * sizeof *an->cases);
	an->n_cases--;
}

void answer_add_row(answer *an)
{
	an->rows = xreallocarray(an->rows, an->n_rows + 1, sizeof *an->rows);
	memset(&an->rows[an->n_rows++], 0, sizeof *an->rows);
	an->has_rows = true;
}

void answer_remove_row(answer *an, size_t i)
{
	if (i >= an->n_rows)
		return;
	raw_pairs_free(&an->rows[i].cells);
	memmove(&an->rows[i], &an->rows[i + 1], (an->n_rows - i - 1) * sizeof *an->rows);
	an->n_rows--;
}

void answers_free(answers *a)
{
	if (a->strings) {
		free(a->path);
		raw_pairs_free(&a->subject);
		for (size_t i = 0; i < a->n_revisions; i++)
			raw_pairs_free(&a->revisions[i].extra);
		free(a->revisions);
		for (size_t i = 0; i < a->n; i++)
			answer_free_borrowed(&a->v[i]);
		free(a->v);
		id_index_free(&a->ids);
		raw_pairs_free(&a->extra);
		arena_free(a->strings);
		free(a->strings);
		answers_init(a);
		return;
	}
	free(a->path);
	free(a->template_id);
	free(a->template_version);
	free(a->language);
	raw_pairs_free(&a->subject);
	for (size_t i = 0; i < a->n_revisions; i++) {
		free(a->revisions[i].version);
		free(a->revisions[i].date);
		free(a->revisions[i].note);
		raw_pairs_free(&a->revisions[i].extra);
	}
	free(a->revisions);
	for (size_t i = 0; i < a->n; i++)
		answer_free(&a->v[i]);
	free(a->v);
	strmap_free(&a->index);
	raw_pairs_free(&a->extra);
	answers_init(a);
}

const char *answer_id_of(size_t pos, const void *answers_v) { return ((const answer *)answers_v)[pos].item; }

answer *answers_find(const answers *a, const char *item)
{
	for (size_t k = 0; k < 2 && k <= a->hint; k++) {
		size_t i = a->hint - k;
		if (i < a->n && a->v[i].item && strcmp(a->v[i].item, item) == 0) {
			*hint_of(&a->hint) = i + 1;
			return &a->v[i];
		}
	}
	size_t i;
	if (!(a->strings ? id_index_find(&a->ids, item, answer_id_of, a->v, &i) : strmap_get(&a->index, item, &i)))
		return NULL;
	*hint_of(&a->hint) = i + 1;
	return &a->v[i];
}

answer *answers_get(answers *a, const char *item)
{
	answer *an = answers_find(a, item);
	if (an)
		return an;
	XGROW(a->v, a->cap, a->n + 1);
	an = &a->v[a->n];
	memset(an, 0, sizeof *an);
	an->item = xstrdup(item);
	strmap_put(&a->index, item, a->n);
	a->n++;
	return an;
}

void revision_add(answers *a, const char *version, const char *date, const char *note)
{
	a->revisions = xreallocarray(a->revisions, a->n_revisions + 1, sizeof *a->revisions);
	revision *r = &a->revisions[a->n_revisions++];
	memset(r, 0, sizeof *r);
	r->version = dup_or_null(version);
	r->date = dup_or_null(date);
	r->note = dup_or_null(note);
}

const char *answers_subject(const answers *a, const char *key)
{
	return raw_pairs_scalar(&a->subject, key);
}

void answers_set_subject(answers *a, const char *key, const char *value)
{
	if (value && *value)
		raw_pairs_set_scalar(&a->subject, key, value);
	else
		raw_pairs_remove(&a->subject, key);
}
