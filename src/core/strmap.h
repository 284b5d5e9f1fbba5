#ifndef CHECKSHEET_STRMAP_H
#define CHECKSHEET_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A hash map from strings to indexes; keys are copied (strmap_put) or
 * borrowed from a caller that keeps them alive and unchanged as long as
 * the map (strmap_put_ref). Built for the 100 000-item sheets: lookups
 * stay O(1). The table holds only 32 bits of each key's hash and the
 * number of its entry, so that a probe compares strings only when the
 * hashes agree and a table of 100 000 keys takes a few megabytes; the
 * copies of the keys live in a few large blocks (one allocation per
 * block, not per key). */
typedef struct strmap_entry {
	const char *key;
	size_t val;
} strmap_entry;

typedef struct strmap_block strmap_block;
typedef struct strmap {
	uint64_t *table;        /* per slot: 0 empty, else hash << 32 | entry + 1 */
	strmap_entry *entries;  /* in the order put */
	size_t n, cap, cap_entries;
	strmap_block *blocks;   /* the copied keys' bytes */
	char *p, *end;
} strmap;

/* The 32-bit hash of key the map stores (FNV-1a); its length into *len. */
uint32_t strmap_hash(const char *key, size_t *len);

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* The map will hold about n keys (guessed from a file's size): its table
 * and entries are made that big at once, not grown by doubling (each
 * step copied and faulted in again). */
void strmap_expect(strmap *m, size_t n);
/* Returns false (and leaves the map alone) when key is already present. */
bool strmap_put(strmap *m, const char *key, size_t val);
/* The same without copying key: it must outlive the map, unchanged. */
bool strmap_put_ref(strmap *m, const char *key, size_t val);
bool strmap_get(const strmap *m, const char *key, size_t *val);
/* Takes back the last key put (its copy stays until the map is freed). */
void strmap_pop(strmap *m);
void strmap_clear(strmap *m);

#endif
