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
/* A mapping of free keys (subject, reviewer) into the raw_pairs at offset. */
void field_read_raw_pairs(yreader *yr, void *obj, const field_spec *f);
/* A known key kept as read among the object's other keys (the raw_pairs
 * at offset), and written back with them: reused-from, conflicts. */
void field_read_kept(yreader *yr, void *obj, const field_spec *f);
bool ltext_read(yreader *yr, ltext *t, const char *what);
/* ltext_read into the reader's arena (yr->mem), keeping less: with keep
 * false nothing is stored (the node is still checked as a text); with
 * lang, only the entry ltext_get(lang) would give (lang, else en, else ja,
 * else the first). */
bool ltext_read_kept(yreader *yr, ltext *t, const char *what, bool keep, const char *lang);

/* Reads the mapping at the current event into obj through fields; other
 * keys go to extra (or are reported and dropped when extra is NULL).
 * Returns false when the node was not a mapping. */
bool fields_read_map(yreader *yr, void *obj, const field_spec *fields, size_t n_fields,
		     raw_pairs *extra, const char *what);

/* A document of one kind: a mapping that says `kind: checksheet/...`. */
typedef struct doc_spec {
	const char *kind;      /* "checksheet/answers" */
	const char *what;      /* N_() "an answers file" */
	const field_spec *fields;
	size_t n_fields;
} doc_spec;

/* Reads a whole document into obj: a missing or wrong `kind:` is fatal
 * (wrong-kind), known keys go through the fields, others into extra. After
 * a stop (syntax, alias, depth, UTF-8) only its reason stays in ps.
 * Returns true when the document was read to its end. */
bool doc_read(const char *file, const char *buf, size_t len, const load_limits *limits,
	      const doc_spec *spec, void *obj, raw_pairs *extra, cs_mark *kind_mark, problems *ps);
/* The same, with every string and ltext of the document taken from mem
 * (field_read_string, field_read_ltext, yr_scalar_dup): for a document
 * that is read-only once loaded and freed whole (a template). Unknown
 * keys kept in extra stay on the heap. With fd >= 0 (and buf NULL), the
 * text is read from fd as it is parsed (yr_open_fd). */
bool doc_read_in(const char *file, const char *buf, size_t len, int fd, const load_limits *limits,
		 const doc_spec *spec, void *obj, raw_pairs *extra, cs_mark *kind_mark, struct arena *mem,
		 problems *ps);

/* Makes room for element n (0-based) of an array that keeps no capacity
 * of its own: it grows to powers of two, so that reading n elements costs
 * O(n) copying, not O(n^2). The array must have been grown only this way,
 * from empty. */
void *grow_for(void *v, size_t n, size_t size);

typedef bool (*doc_loader)(const char *file, const char *buf, size_t len, const load_limits *limits,
			   void *obj, problems *ps);
/* Reads path whole (within the size limit) and hands it to load. */
bool doc_load_file(const char *path, const load_limits *limits, doc_loader load, void *obj, problems *ps);

#endif
