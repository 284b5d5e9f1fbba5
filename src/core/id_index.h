#ifndef CHECKSHEET_ID_INDEX_H
#define CHECKSHEET_ID_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An index of the ids of an array that no longer changes: a template, or
 * answers read for reading only. Built once, after the last element is
 * read: a counting sort by the top bits of each id's 32-bit hash puts
 * every (hash, position) in one array, sorted by hash. Beside a hash map
 * filled one key at a time it writes a third of the memory, in two
 * passes, not 100 000 probes scattered over megabytes: on a 100 000-item
 * sheet that is a few percent of a check.
 *
 * The index holds no ids: the array's own are read through id_of
 * (NULL: an element without an id, left out). Buckets are sorted, so
 * that ids made to share one cost a binary search, not a scan. */
typedef const char *(*id_index_id_of)(size_t pos, const void *array);

typedef struct id_index {
	uint32_t *start;  /* 2^bits + 1 bucket starts in slots */
	uint64_t *slots;  /* hash << 32 | position, sorted */
	size_t n;         /* slots */
	unsigned bits;
} id_index;

void id_index_init(id_index *x);
void id_index_free(id_index *x);
/* (Re)builds x over the ids of positions 0 .. n - 1. */
void id_index_build(id_index *x, size_t n, id_index_id_of id_of, const void *array);
/* The first position whose id is id (into *pos, unless NULL); false when
 * none or x is not built. */
bool id_index_find(const id_index *x, const char *id, id_index_id_of id_of, const void *array, size_t *pos);
/* Calls duplicate(later, ctx) once for every position whose id is that
 * of an earlier position, in the order of the hashes. */
void id_index_duplicates(const id_index *x, id_index_id_of id_of, const void *array,
			 void (*duplicate)(size_t later, void *ctx), void *ctx);

#endif
