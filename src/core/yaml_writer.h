#ifndef CHECKSHEET_YAML_WRITER_H
#define CHECKSHEET_YAML_WRITER_H

#include <stdbool.h>
#include <yaml.h>

#include "raw.h"
#include "strbuf.h"

/* Canonical YAML: block style, Japanese as-is, no folding, literal blocks
 * for multi-line text, double quotes where a YAML 1.1 or 1.2 reader would
 * read a plain scalar as another type than a string (keys too: `"no":`).
 * Output collects in `out`. */
typedef struct ywriter {
	yaml_emitter_t emitter;
	strbuf out;
	bool failed;
} ywriter;

void yw_init(ywriter *w);
/* Ends the document; returns the text (caller frees) or NULL on failure. */
char *yw_finish(ywriter *w, size_t *len);
void yw_map_begin(ywriter *w);
void yw_map_begin_flow(ywriter *w);
void yw_map_end(ywriter *w);
void yw_seq_begin(ywriter *w);
void yw_seq_end(ywriter *w);
void yw_scalar(ywriter *w, const char *text);
/* key: text, skipped when text is NULL. */
void yw_pair(ywriter *w, const char *key, const char *text);
void yw_raw(ywriter *w, const raw_node *n);
void yw_raw_pairs(ywriter *w, const raw_pairs *ps);
/* Like yw_raw_pairs, for pairs whose values the tool reads as text (the
 * subject, the reviewer): a plain scalar that another reader would take
 * for a number, boolean or null is quoted, not kept plain. */
void yw_text_pairs(ywriter *w, const raw_pairs *ps);

#include "problems.h"
/* Saves text from yw_finish atomically to path and frees it; NULL text
 * (the emitter failed) is reported as such. */
bool yw_save(char *text, size_t len, const char *path, problems *ps);

#endif
