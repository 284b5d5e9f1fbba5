#include <config.h>

#include "id_index.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

/* The hash strmap stores. */
static uint32_t hash_of(const char *id)
{
	size_t len;
	return strmap_hash(id, &len);
}

void id_index_init(id_index *x) { memset(x, 0, sizeof *x); }

void id_index_free(id_index *x)
{
	free(x->start);
	free(x->slots);
	id_index_init(x);
}

static size_t bucket_of(const id_index *x, uint32_t hash)
{
	return x->bits ? hash >> (32 - x->bits) : 0;
}

static int slot_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static void sort_bucket(uint64_t *v, size_t n)
{
	if (n > 16) {
		qsort(v, n, sizeof *v, slot_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t s = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > s; j--)
			v[j] = v[j - 1];
		v[j] = s;
	}
}

void id_index_build(id_index *x, size_t n, id_index_id_of id_of, const void *array)
{
	id_index_free(x);
	/* positions are kept in 32 bits (the load limits keep them far below) */
	if (n > UINT32_MAX)
		xalloc_die();
	/* about one id a bucket: a lookup reads one or two slots */
	unsigned bits = 0;
	while (bits < 31 && ((size_t)1 << bits) < n)
		bits++;
	size_t nb = (size_t)1 << bits;
	x->bits = bits;
	x->start = xcalloc_large(nb + 1, sizeof *x->start);
	uint32_t *hashes = xmalloc_large((n ? n : 1) * sizeof *hashes);
	/* counted into start[b + 1]; summed, start[b] is where bucket b
	 * begins (an element without an id is hashed to nothing) */
	for (size_t k = 0; k < n; k++) {
		const char *id = id_of(k, array);
		if (!id)
			continue;
		hashes[k] = hash_of(id);
		x->start[bucket_of(x, hashes[k]) + 1]++;
		x->n++;
	}
	for (size_t b = 1; b <= nb; b++)
		x->start[b] += x->start[b - 1];
	x->slots = xmalloc_large((x->n ? x->n : 1) * sizeof *x->slots);
	/* placed in the order of the positions: each start moves on to the
	 * next bucket's, and is moved back after */
	for (size_t k = 0; k < n; k++)
		if (id_of(k, array))
			x->slots[x->start[bucket_of(x, hashes[k])]++] = (uint64_t)hashes[k] << 32 | (uint32_t)k;
	free(hashes);
	for (size_t b = nb; b > 0; b--)
		x->start[b] = x->start[b - 1];
	x->start[0] = 0;
	for (size_t b = 0; b < nb; b++)
		sort_bucket(x->slots + x->start[b], x->start[b + 1] - x->start[b]);
}

bool id_index_find(const id_index *x, const char *id, id_index_id_of id_of, const void *array, size_t *pos)
{
	if (!x->start)
		return false;
	uint32_t hash = hash_of(id);
	size_t b = bucket_of(x, hash);
	const uint64_t *lo = x->slots + x->start[b], *end = x->slots + x->start[b + 1], *hi = end;
	/* the first slot of this hash: buckets are short, unless ids were
	 * made to share one */
	uint64_t key = (uint64_t)hash << 32;
	while (hi - lo > 8) {
		const uint64_t *mid = lo + (hi - lo) / 2;
		if (*mid < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < end && *lo < key; lo++)
		;
	for (; lo < end && (uint32_t)(*lo >> 32) == hash; lo++)
		if (strcmp(id_of((uint32_t)*lo, array), id) == 0) {
			if (pos)
				*pos = (uint32_t)*lo;
			return true;
		}
	return false;
}

void id_index_duplicates(const id_index *x, id_index_id_of id_of, const void *array,
			 void (*duplicate)(size_t later, void *ctx), void *ctx)
{
	/* slots are sorted by hash: equal ids sit side by side, earlier
	 * positions first */
	for (size_t r = 0; r < x->n;) {
		uint32_t hash = (uint32_t)(x->slots[r] >> 32);
		size_t end = r + 1;
		while (end < x->n && (uint32_t)(x->slots[end] >> 32) == hash)
			end++;
		for (size_t i = r + 1; i < end; i++)
			for (size_t j = r; j < i; j++)
				if (strcmp(id_of((uint32_t)x->slots[j], array), id_of((uint32_t)x->slots[i], array)) ==
				    0) {
					duplicate((uint32_t)x->slots[i], ctx);
					break;
				}
		r = end;
	}
}
