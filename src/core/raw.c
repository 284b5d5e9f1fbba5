#include <config.h>

#include "raw.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

raw_node *raw_new(raw_type type, cs_mark mark)
{
	raw_node *n = xcalloc(1, sizeof *n);
	n->type = type;
	n->mark = mark;
	return n;
}

raw_node *raw_scalar(const char *text)
{
	raw_node *n = raw_new(RAW_SCALAR, (cs_mark){0, 0});
	n->scalar = xstrdup(text);
	return n;
}

void raw_append(raw_node *parent, raw_node *kid)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 2;
		parent->kids = xreallocarray(parent->kids, parent->cap, sizeof *parent->kids);
	}
	parent->kids[parent->n++] = kid;
}

raw_node *raw_copy(const raw_node *node)
{
	if (!node)
		return NULL;
	raw_node *c = raw_new(node->type, node->mark);
	c->style = node->style;
	c->flow = node->flow;
	if (node->scalar)
		c->scalar = xstrdup(node->scalar);
	for (size_t i = 0; i < node->n; i++)
		raw_append(c, raw_copy(node->kids[i]));
	return c;
}

void raw_free(raw_node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n; i++)
		raw_free(node->kids[i]);
	free(node->kids);
	free(node->scalar);
	free(node);
}

void raw_pairs_add(raw_pairs *ps, const char *key, raw_node *value, cs_mark mark)
{
	if (ps->n == ps->cap) {
		/* from 2: most hold a few keys (a table row's cells) */
		ps->cap = ps->cap ? ps->cap * 2 : 2;
		ps->v = xreallocarray(ps->v, ps->cap, sizeof *ps->v);
	}
	ps->v[ps->n].key = xstrdup(key);
	ps->v[ps->n].value = value;
	ps->v[ps->n].mark = mark;
	ps->n++;
}

void raw_pairs_free(raw_pairs *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].key);
		raw_free(ps->v[i].value);
	}
	free(ps->v);
	memset(ps, 0, sizeof *ps);
}

void raw_pairs_copy(raw_pairs *dst, const raw_pairs *src)
{
	for (size_t i = 0; i < src->n; i++)
		raw_pairs_add(dst, src->v[i].key, raw_copy(src->v[i].value), src->v[i].mark);
}

raw_pair *raw_pairs_find(const raw_pairs *ps, const char *key)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].key, key) == 0)
			return &ps->v[i];
	return NULL;
}

void raw_pairs_set_scalar(raw_pairs *ps, const char *key, const char *text)
{
	raw_pair *p = raw_pairs_find(ps, key);
	if (p) {
		raw_free(p->value);
		p->value = raw_scalar(text);
		return;
	}
	raw_pairs_add(ps, key, raw_scalar(text), (cs_mark){0, 0});
}

void raw_pairs_remove(raw_pairs *ps, const char *key)
{
	for (size_t i = 0; i < ps->n; i++) {
		if (strcmp(ps->v[i].key, key) != 0)
			continue;
		free(ps->v[i].key);
		raw_free(ps->v[i].value);
		memmove(&ps->v[i], &ps->v[i + 1], (ps->n - i - 1) * sizeof *ps->v);
		ps->n--;
		return;
	}
}

const char *raw_pairs_scalar(const raw_pairs *ps, const char *key)
{
	raw_pair *p = raw_pairs_find(ps, key);
	return p && p->value && p->value->type == RAW_SCALAR ? p->value->scalar : NULL;
}

bool raw_equal(const raw_node *a, const raw_node *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return false;
	if (a->type == RAW_SCALAR && strcmp(a->scalar ? a->scalar : "", b->scalar ? b->scalar : "") != 0)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!raw_equal(a->kids[i], b->kids[i]))
			return false;
	return true;
}

bool raw_pairs_equal(const raw_pairs *a, const raw_pairs *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, b->v[i].key) != 0 || !raw_equal(a->v[i].value, b->v[i].value))
			return false;
	return true;
}

const raw_node *raw_map_get(const raw_node *map, const char *key)
{
	if (!map || map->type != RAW_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->type == RAW_SCALAR && strcmp(map->kids[i]->scalar, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

void raw_map_put(raw_node *map, const char *key, raw_node *value)
{
	if (!value)
		return;
	raw_append(map, raw_scalar(key));
	raw_append(map, value);
}
