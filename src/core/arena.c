#include <config.h>

#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EACH_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EACH_MALLOC 1
#endif
#endif

/* what the arena holds: pointers, sizes, doubles */
#define ALIGN (alignof(double) > alignof(void *) ? alignof(double) : alignof(void *))
#define FIRST_BLOCK ((size_t)16 << 10)
/* from 2 MiB on, blocks are whole huge pages (xmalloc_large): a block
 * is a little smaller than a power of two, so that with its header it
 * fills them */
#define MAX_BLOCK ((size_t)8 << 20)
#define HUGE_BLOCK ((size_t)2 << 20)

struct arena_block {
	arena_block *next;
	alignas(max_align_t) char data[];
};

void arena_init(arena *a) { memset(a, 0, sizeof *a); }

void arena_expect(arena *a, size_t bytes)
{
	size_t size = FIRST_BLOCK;
	while (size < bytes && size < HUGE_BLOCK)
		size *= 2;
	if (size - sizeof(arena_block) > a->next_size)
		a->next_size = size - sizeof(arena_block);
}

void arena_free(arena *a)
{
	arena_block *b = a->blocks;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

static arena_block *new_block(arena *a, size_t room)
{
	if (room > SIZE_MAX - sizeof(arena_block))
		xalloc_die();
	arena_block *b = xmalloc_large(sizeof *b + room);
	b->next = a->blocks;
	a->blocks = b;
	return b;
}

#ifdef ARENA_EACH_MALLOC
static char *take(arena *a, size_t size, size_t align)
{
	(void)align;
	return new_block(a, size)->data;
}
#else
static char *take(arena *a, size_t size, size_t align)
{
	uintptr_t p = ((uintptr_t)a->p + (align - 1)) & ~(uintptr_t)(align - 1);
	if (a->p && p <= (uintptr_t)a->end && size <= (uintptr_t)a->end - p) {
		a->p = (char *)p + size;
		return (char *)p;
	}
	if (!a->next_size)
		a->next_size = FIRST_BLOCK - sizeof(arena_block);
	if (size > a->next_size / 4) {
		/* a big one gets a block of its own; bumping goes on in the
		 * current block (p and end), wherever it is in the list */
		return new_block(a, size)->data;
	}
	arena_block *b = new_block(a, a->next_size);
	a->p = b->data + size;
	a->end = b->data + a->next_size;
	if (a->next_size < MAX_BLOCK / 2)
		a->next_size = 2 * (a->next_size + sizeof(arena_block)) - sizeof(arena_block);
	return b->data;
}
#endif

void *arena_alloc(arena *a, size_t size) { return take(a, size ? size : 1, ALIGN); }

void *arena_array(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die();
	return arena_alloc(a, n * size);
}

void *arena_memdup(arena *a, const void *p, size_t size)
{
	void *d = arena_alloc(a, size);
	if (size)
		memcpy(d, p, size);
	return d;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		xalloc_die();
	char *d = take(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }
