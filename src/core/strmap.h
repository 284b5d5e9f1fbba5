#ifndef CHECKSHEET_STRMAP_H
#define CHECKSHEET_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

/* A hash map from strings to indexes; keys are copied. Built for the
 * 100 000-item sheets: lookups stay O(1). */
typedef struct strmap {
	char **keys;
	size_t *vals;
	size_t n, cap;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Returns false (and leaves the map alone) when key is already present. */
bool strmap_put(strmap *m, const char *key, size_t val);
bool strmap_get(const strmap *m, const char *key, size_t *val);
void strmap_clear(strmap *m);

#endif
