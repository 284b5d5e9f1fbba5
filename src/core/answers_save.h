#ifndef CHECKSHEET_ANSWERS_SAVE_H
#define CHECKSHEET_ANSWERS_SAVE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "yaml_writer.h"

/* The canonical text of an answers file: FORMAT.md key order, answers in
 * template order (t may be NULL: file order), unknown keys and unknown
 * items kept at the end. NULL only if the emitter failed. */
char *answers_to_yaml(const answers *a, const template *t, size_t *len);
/* Writes `ITEM: {value, cases, rows, note, status, ...}` into the open map. */
void answer_write(ywriter *w, const answer *an);
/* Writes `cases:` and `rows:` of an answer (when it has them) into the
 * open map; shared with a review's `seen:`. */
void answer_write_cases_rows(ywriter *w, const answer *an);
/* Writes it atomically to path. */
bool answers_save(const answers *a, const template *t, const char *path, problems *ps);

#endif
