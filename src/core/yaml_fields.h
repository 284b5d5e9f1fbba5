#ifndef CHECKSHEET_YAML_FIELDS_H
#define CHECKSHEET_YAML_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "ltext.h"
#include "yaml_reader.h"

/* Loaders walk a table of known keys instead of a ladder of strcmp. Each
 * reader stores the current node into the field at `offset` of obj. */
typedef struct field_spec field_spec;
typedef void (*field_read_fn)(yreader *yr, void *obj, const field_spec *f);

struct field_spec {
	const char *key;
	field_read_fn read;
	size_t offset;
	size_t mark_offset;  /* where to store the value's position, or 0 */
};

void field_read_string(yreader *yr, void *obj, const field_spec *f);
void field_read_ltext(yreader *yr, void *obj, const field_spec *f);
bool ltext_read(yreader *yr, ltext *t, const char *what);

/* Reads the mapping at the current event into obj through fields; other
 * keys go to extra (or are reported and dropped when extra is NULL).
 * Returns false when the node was not a mapping. */
bool fields_read_map(yreader *yr, void *obj, const field_spec *fields, size_t n_fields,
		     raw_pairs *extra, const char *what);

#define FIELD_MARK_NONE 0

#endif
