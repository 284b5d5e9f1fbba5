#ifndef CHECKSHEET_ANSWERS_LOAD_H
#define CHECKSHEET_ANSWERS_LOAD_H

#include <stdbool.h>

#include "model.h"
#include "yaml_reader.h"

/* Loads an answers file. Problems (unknown keys as warnings, wrong types
 * and hostile input as fatal) go to ps; false when it cannot be used. */
bool answers_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			 answers *a, problems *ps);
bool answers_load_file(const char *path, const load_limits *limits, answers *a, problems *ps);
/* The file, for a command that only reads it (check, export): parsed as it
 * is read, every text in one arena (a->strings), freed at once; the
 * answers must not be changed (answer_set and the sheet's operations would
 * free arena memory). */
bool answers_load_file_read_only(const char *path, const load_limits *limits, answers *a, problems *ps);

/* Reads one answer's map (value, note, status, cases, rows; unknown keys
 * kept in an->extra) at the reader's position into an, zeroed first.
 * False when the node is not a map. Also reads a review's `seen:`. */
bool answer_read(yreader *yr, answer *an, const char *what);

/* Peeks at the `kind:` of a document ("checksheet/answers"...), NULL when
 * there is none; the caller frees. Used to route `check` by kind. */
char *yaml_peek_kind(const char *buf, size_t len);

#endif
