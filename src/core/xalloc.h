#ifndef CHECKSHEET_XALLOC_H
#define CHECKSHEET_XALLOC_H

#include <stddef.h>

/* Allocation never returns NULL: running out of memory ends the program
 * through xalloc_die, which first runs the hook a screen may have set. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xalloc_set_die_hook(void (*hook)(void));
_Noreturn void xalloc_die(void);

/* xmalloc for a block of megabytes (an arena's, a big array): from 2 MiB
 * on, aligned to and backed by huge pages where the system has them
 * (a fault per 2 MiB instead of one per 4 KiB page). Freed with free(). */
void *xmalloc_large(size_t size);
/* An array of about n elements to come, read from a file of known size:
 * its room set at once (xmalloc_large), so that it never moves while it
 * fills. Room only costs address space until it is written. */
void *xreserve(size_t n, size_t size, size_t *cap);
/* xcalloc the same way (a hash table of megabytes). */
void *xcalloc_large(size_t n, size_t size);

/* Grows *v (holding *cap elements of size) to hold at least need. */
void xgrow(void **v, size_t *cap, size_t need, size_t size);
#define XGROW(v, cap, need) xgrow((void **)&(v), &(cap), (need), sizeof *(v))

#endif
