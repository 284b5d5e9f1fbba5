#ifndef CHECKSHEET_YAML_READER_H
#define CHECKSHEET_YAML_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "problems.h"
#include "raw.h"
#include "strmap.h"

#define LOAD_DEFAULT_MAX_SIZE ((size_t)64 << 20)
#define LOAD_DEFAULT_MAX_DEPTH 64

typedef struct load_limits {
	size_t max_size;
	int max_depth;
} load_limits;

extern const load_limits load_limits_default;

/* Reads a file whole, refusing anything larger than max_size bytes. */
bool file_read(const char *path, size_t max_size, char **buf, size_t *len, problems *ps);

/* A pull reader over libyaml's events. It refuses aliases, nesting deeper
 * than the limit, invalid UTF-8 and more than one document, and it turns
 * libyaml's errors into problems. Once `stopped` is set, every call
 * returns false: the loaders then unwind without further work. */
typedef struct yreader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool has_ev;
	bool stopped;
	const char *file;
	problems *ps;
	int depth, max_depth;
	cs_mark last_key_mark;  /* of the key yr_map_next last read */
	const char *buf;        /* the text, to place reader errors */
	size_t len;
} yreader;

bool yr_open(yreader *yr, const char *file, const char *buf, size_t len,
	     const load_limits *limits, problems *ps);
void yr_close(yreader *yr);
/* After a stop (syntax, alias, depth, UTF-8), the one message that says
 * why is what the user needs: drops everything else found in ps. */
void yr_keep_stop_only(const yreader *yr, problems *ps);

/* Moves to the first event of the root node. */
bool yr_begin_document(yreader *yr);
/* After the root node: expects the end of the only document. */
bool yr_end_document(yreader *yr);

bool yr_next(yreader *yr);
cs_mark yr_mark(const yreader *yr);
bool yr_is_scalar(const yreader *yr);
bool yr_is_map(const yreader *yr);
bool yr_is_seq(const yreader *yr);
const char *yr_scalar(const yreader *yr);
/* Passes over the current node, ending on its last event. */
void yr_skip(yreader *yr);
/* Copies the current node, ending on its last event. */
raw_node *yr_capture(yreader *yr);

/* Adds a problem at the current event; `fatal` problems make the file
 * unreadable (exit 2), others are content errors. */
void yr_problem(yreader *yr, severity sev, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The current node as text: a scalar is copied into *out; anything else
 * is reported as a wrong type (naming `what`) and passed over. */
bool yr_scalar_dup(yreader *yr, const char *what, char **out);

typedef struct yr_map {
	strmap seen;
	char *key;
	cs_mark key_mark;
} yr_map;

/* Starts reading a mapping; anything else is reported and passed over. */
bool yr_map_begin(yreader *yr, yr_map *m, const char *what);
/* Moves to the next key; on true, m->key is set and the current event is
 * the first one of its value. Duplicate and non-text keys are reported. */
bool yr_map_next(yreader *yr, yr_map *m);
void yr_map_end(yr_map *m);
/* Reports an unknown key (warning) and keeps its value in extra. */
void yr_map_keep_unknown(yreader *yr, yr_map *m, raw_pairs *extra);

bool yr_seq_begin(yreader *yr, const char *what);
/* Moves to the next element; false at the end of the sequence. */
bool yr_seq_next(yreader *yr);

#endif
