#ifndef CHECKSHEET_RAW_H
#define CHECKSHEET_RAW_H

#include <stdbool.h>
#include <stddef.h>

#include "problems.h"

/* A YAML subtree kept as it was read, for keys the tool does not know:
 * they are written back unchanged so that newer files survive older tools. */
typedef enum raw_type { RAW_SCALAR, RAW_SEQ, RAW_MAP } raw_type;

typedef struct raw_node {
	raw_type type;
	char *scalar;
	int style;  /* yaml_scalar_style_t of a scalar, as read */
	int flow;   /* a collection read in flow style */
	struct raw_node **kids; /* a map alternates key, value */
	size_t n, cap;
	cs_mark mark;
} raw_node;

typedef struct raw_pair {
	char *key;
	raw_node *value;
	cs_mark mark;
} raw_pair;

/* Keys in the order they were read. */
typedef struct raw_pairs {
	raw_pair *v;
	size_t n, cap;
} raw_pairs;

raw_node *raw_new(raw_type type, cs_mark mark);
raw_node *raw_scalar(const char *text);
void raw_append(raw_node *parent, raw_node *kid);
raw_node *raw_copy(const raw_node *node);
void raw_free(raw_node *node);
/* Same content: types, scalar texts and kids alike (styles and marks
 * aside); NULL equals only NULL. */
bool raw_equal(const raw_node *a, const raw_node *b);

void raw_pairs_add(raw_pairs *ps, const char *key, raw_node *value, cs_mark mark);
void raw_pairs_free(raw_pairs *ps);
void raw_pairs_copy(raw_pairs *dst, const raw_pairs *src);
/* The pair with this key, or NULL. */
raw_pair *raw_pairs_find(const raw_pairs *ps, const char *key);
/* Sets key to a scalar, replacing an earlier value or appending. */
void raw_pairs_set_scalar(raw_pairs *ps, const char *key, const char *text);
void raw_pairs_remove(raw_pairs *ps, const char *key);
/* The scalar text of key, or NULL when absent or not a scalar. */
const char *raw_pairs_scalar(const raw_pairs *ps, const char *key);
/* A map node's value for key (a scalar key), or NULL. */
const raw_node *raw_map_get(const raw_node *map, const char *key);
/* Appends key: value to a map node (value taken; NULL appends nothing). */
void raw_map_put(raw_node *map, const char *key, raw_node *value);
/* Same keys in the same order with raw_equal values. */
bool raw_pairs_equal(const raw_pairs *a, const raw_pairs *b);

#endif
