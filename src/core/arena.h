#ifndef CHECKSHEET_ARENA_H
#define CHECKSHEET_ARENA_H

#include <stddef.h>

/* A bump allocator for a document that is read once and freed whole (a
 * template): its strings and small arrays come from a few large blocks,
 * so that loading 100 000 items costs a few dozen mallocs instead of
 * millions, and freeing it costs one free per block.
 *
 * Built with AddressSanitizer, every allocation is a malloc of its own
 * (chained for arena_free), so that the sanitizer still sees each one's
 * bounds; the leak checkers (ASan, valgrind) see every block either way. */
typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *blocks;  /* newest first */
	char *p, *end;        /* room left in the newest block */
	size_t next_size;     /* of the next block */
} arena;

void arena_init(arena *a);
/* The arena will hold about this many bytes (read from a file of known
 * size): its blocks start as big as that calls for, up to a huge page,
 * rather than at 16 KiB (a fault per 4 KiB page of the small ones). */
void arena_expect(arena *a, size_t bytes);
/* Frees every block; the arena is empty (and usable) afterwards. */
void arena_free(arena *a);
/* size bytes aligned for any object; never NULL (out of memory ends the
 * program like xmalloc). */
void *arena_alloc(arena *a, size_t size);
/* An array of n elements of size bytes, checked for overflow. */
void *arena_array(arena *a, size_t n, size_t size);
void *arena_memdup(arena *a, const void *p, size_t size);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);

#endif
