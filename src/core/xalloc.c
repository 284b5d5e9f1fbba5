#include <config.h>

#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "i18n.h"

static void (*die_hook)(void);

void xalloc_set_die_hook(void (*hook)(void)) { die_hook = hook; }

_Noreturn void xalloc_die(void)
{
	if (die_hook)
		die_hook();
	fprintf(stderr, "checksheet: %s\n", _("out of memory"));
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_die();
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

#define HUGE_PAGE ((size_t)2 << 20)

void *xmalloc_large(size_t size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	/* whole huge pages: a few faults instead of thousands, fewer TLB
	 * misses; where the kernel has none (or they are off) the hint does
	 * nothing */
	if (size >= HUGE_PAGE && size <= SIZE_MAX - HUGE_PAGE) {
		size_t room = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		void *p = aligned_alloc(HUGE_PAGE, room);
		if (!p)
			xalloc_die();
		(void)madvise(p, room, MADV_HUGEPAGE);
		return p;
	}
#endif
	return xmalloc(size);
}

void *xreserve(size_t n, size_t size, size_t *cap)
{
	if (n < 8)
		n = 8;
	/* a guess from a file's size, not a promise: past 256 MiB (a file far
	 * past the default size limit) the array grows as it fills */
	if (size && n > ((size_t)256 << 20) / size)
		n = ((size_t)256 << 20) / size;
	*cap = n;
	return xmalloc_large(n * size);
}

void *xcalloc_large(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die();
	if (n * size < HUGE_PAGE)
		return xcalloc(n, size);
	void *p = xmalloc_large(n * size);
	memset(p, 0, n * size);
	return p;
}

void xgrow(void **v, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			xalloc_die();
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		xalloc_die();
	/* an array of megabytes (100 000 items, a whole export) moves into
	 * huge pages: copying it costs far less than faulting it in 4 KiB at
	 * a time (realloc would move it with mremap, but into small pages) */
	if (n * size >= HUGE_PAGE) {
		void *p = xmalloc_large(n * size);
		if (*v)
			memcpy(p, *v, *cap * size);
		free(*v);
		*v = p;
		*cap = n;
		return;
	}
	*v = xreallocarray(*v, n, size);
	*cap = n;
}
