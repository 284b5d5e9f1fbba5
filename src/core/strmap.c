#include <config.h>

#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct strmap_block {
	strmap_block *next;
	char data[];
};

#define BLOCK_MIN ((size_t)4096)
#define BLOCK_MAX ((size_t)1 << 20)

void strmap_init(strmap *m) { memset(m, 0, sizeof *m); }

void strmap_clear(strmap *m)
{
	free(m->table);
	free(m->entries);
	for (strmap_block *b = m->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	strmap_init(m);
}

void strmap_free(strmap *m) { strmap_clear(m); }

/* FNV-1a, folded to 32 bits. */
uint32_t strmap_hash(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p = s;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	*len = (size_t)(p - s);
	return (uint32_t)(h ^ (h >> 32));
}

/* The slot of key, or the empty slot where it would go. */
static size_t find(const strmap *m, const char *key, uint32_t h)
{
	size_t mask = m->cap - 1, i = h & mask;
	for (;; i = (i + 1) & mask) {
		uint64_t s = m->table[i];
		if (!s)
			return i;
		if ((uint32_t)(s >> 32) == h && strcmp(m->entries[(uint32_t)s - 1].key, key) == 0)
			return i;
	}
}

static void rehash(strmap *m, size_t cap)
{
	uint64_t *table = xcalloc_large(cap, sizeof *table);
	for (size_t i = 0; i < m->cap; i++) {
		uint64_t s = m->table[i];
		if (!s)
			continue;
		size_t j = (uint32_t)(s >> 32) & (cap - 1);
		while (table[j])
			j = (j + 1) & (cap - 1);
		table[j] = s;
	}
	free(m->table);
	m->table = table;
	m->cap = cap;
}

void strmap_expect(strmap *m, size_t n)
{
	/* a guess, not a promise: past a million keys the map grows as it
	 * fills */
	if (n > ((size_t)1 << 20))
		n = (size_t)1 << 20;
	size_t cap = m->cap ? m->cap : 16;
	while (cap < 2 * n)
		cap *= 2;
	if (cap > m->cap)
		rehash(m, cap);
	XGROW(m->entries, m->cap_entries, n);
}

static const char *copy_key(strmap *m, const char *key, size_t len)
{
	size_t need = len + 1;
	if ((size_t)(m->end - m->p) < need) {
		size_t size = m->blocks ? (size_t)(m->end - m->blocks->data) : 0;
		size = size < BLOCK_MIN ? BLOCK_MIN : size < BLOCK_MAX ? size * 2 : size;
		if (size < need)
			size = need;
		strmap_block *b = xmalloc(sizeof *b + size);
		b->next = m->blocks;
		m->blocks = b;
		m->p = b->data;
		m->end = b->data + size;
	}
	char *k = m->p;
	memcpy(k, key, need);
	m->p += need;
	return k;
}

static bool put(strmap *m, const char *key, size_t val, bool copy)
{
	if (m->n >= UINT32_MAX - 1)
		xalloc_die();
	if ((m->n + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 16);
	size_t len;
	uint32_t h = strmap_hash(key, &len);
	size_t i = find(m, key, h);
	if (m->table[i])
		return false;
	XGROW(m->entries, m->cap_entries, m->n + 1);
	m->entries[m->n].key = copy ? copy_key(m, key, len) : key;
	m->entries[m->n].val = val;
	m->n++;
	m->table[i] = (uint64_t)h << 32 | (uint32_t)m->n;
	return true;
}

bool strmap_put(strmap *m, const char *key, size_t val) { return put(m, key, val, true); }

bool strmap_put_ref(strmap *m, const char *key, size_t val) { return put(m, key, val, false); }

bool strmap_get(const strmap *m, const char *key, size_t *val)
{
	if (!m->cap)
		return false;
	size_t len;
	uint32_t h = strmap_hash(key, &len);
	uint64_t s = m->table[find(m, key, h)];
	if (!s)
		return false;
	if (val)
		*val = m->entries[(uint32_t)s - 1].val;
	return true;
}

void strmap_pop(strmap *m)
{
	if (!m->n)
		return;
	/* its slot: the one that names the last entry */
	size_t len, mask = m->cap - 1, i;
	uint32_t h = strmap_hash(m->entries[m->n - 1].key, &len);
	for (i = h & mask; (uint32_t)m->table[i] != m->n; i = (i + 1) & mask)
		;
	/* backward shift: the keys after it in its run move up where they can */
	for (size_t j = (i + 1) & mask; m->table[j]; j = (j + 1) & mask) {
		size_t home = (uint32_t)(m->table[j] >> 32) & mask;
		/* j may move to i when its home is not in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			m->table[i] = m->table[j];
			i = j;
		}
	}
	m->table[i] = 0;
	m->n--;
}
