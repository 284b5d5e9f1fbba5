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
/* Every dimension of a file has a limit, so that no input makes a loader
 * take much more time or memory than its size says. Each is far beyond a
 * real sheet (the METI checklist has 49 items; sheets of 100 000 items
 * are the design target). */
#define LOAD_DEFAULT_MAX_SCALAR ((size_t)1 << 20)  /* bytes of one text or key */
#define LOAD_DEFAULT_MAX_ITEMS ((size_t)200000)    /* items, answers, review items */
#define LOAD_DEFAULT_MAX_SECTIONS ((size_t)100000)
#define LOAD_DEFAULT_MAX_CASES ((size_t)1000)      /* per answer */
#define LOAD_DEFAULT_MAX_ROWS ((size_t)10000)      /* per table answer */
#define LOAD_DEFAULT_MAX_RULES ((size_t)200000)
#define LOAD_DEFAULT_MAX_REVISIONS ((size_t)10000)
#define LOAD_DEFAULT_MAX_LIST ((size_t)1000)       /* options, columns, maps-to, languages, cells of a row */
#define LOAD_DEFAULT_MAX_UNKNOWN ((size_t)10000)   /* unknown keys kept, per file */
#define LOAD_DEFAULT_MAX_UNKNOWN_ITEMS ((size_t)10000) /* answers for items the template lacks */
#define LOAD_DEFAULT_MAX_PROBLEMS ((size_t)1000)   /* problem lines printed by check */

/* Zero in any field means its default above, so that {size, depth}
 * initialisers keep working. */
typedef struct load_limits {
	size_t max_size;
	int max_depth;
	size_t max_scalar;
	size_t max_items;
	size_t max_sections;
	size_t max_cases;
	size_t max_rows;
	size_t max_rules;
	size_t max_revisions;
	size_t max_list;
	size_t max_unknown;
	size_t max_unknown_items;
} load_limits;

extern const load_limits load_limits_default;

/* The limits in effect: limits with every zero field (or NULL limits)
 * replaced by its default. */
load_limits load_limits_resolve(const load_limits *limits);

/* Parses a size for --max-size: plain bytes ("1000000"), or with a binary
 * suffix k/K/KiB, M/MiB, G/GiB (powers of 1024), or a decimal one kB/KB,
 * MB, GB (powers of 1000); "B" alone is bytes. No sign, fraction, exponent
 * or overflow. On failure returns false and *why says what is wrong
 * (translated, static). */
bool load_parse_size(const char *text, size_t *out, const char **why);

/* Reads a file whole, refusing anything larger than max_size bytes and
 * anything but a regular file (a FIFO, a device, a directory, a socket):
 * the file is opened without blocking and checked with fstat before a
 * byte is read. "-" is standard input, read as it is. */
bool file_read(const char *path, size_t max_size, char **buf, size_t *len, problems *ps);
/* The same; with nofollow, a final symbolic link is refused too. */
bool file_read_ex(const char *path, size_t max_size, bool nofollow, char **buf, size_t *len,
		  problems *ps);

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
	size_t n_chars;         /* characters in buf: where the end of the file is */
	load_limits lim;        /* resolved: no zero field */
	size_t unknown_kept;    /* unknown keys kept so far (max_unknown) */
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

/* Counts one more of something limited (items, rules...): past the
 * limit, stops the reader with a fatal problem of code `code` at the
 * current event: fmt (translated) holds one %zu, the limit. */
bool yr_limit(yreader *yr, size_t count, size_t limit, const char *code, const char *fmt);
struct yr_map;
/* The same for the entries of a mapping: at the current key. */
bool yr_limit_key(yreader *yr, const struct yr_map *m, size_t count, size_t limit, const char *code,
		  const char *fmt);

/* Adds a problem at the current event; `fatal` problems make the file
 * unreadable (exit 2), others are content errors. */
void yr_problem(yreader *yr, severity sev, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The current node as text: a scalar is copied into *out; anything else
 * is reported as a wrong type (naming `what`) and passed over. */
bool yr_scalar_dup(yreader *yr, const char *what, char **out);

/* The keys seen so far, for duplicates: the first few in a small array
 * (most mappings have a handful of keys, and a million of them should not
 * cost a million hash tables), the rest in a hash map. */
#define YR_MAP_SMALL 8
typedef struct yr_map {
	strmap seen;
	char *small[YR_MAP_SMALL];
	size_t n_small;
	char *key;        /* the current key: owned by small[] or by the map */
	bool key_in_small;
	/* set after yr_map_begin: the caller finds duplicates in an index of
	 * its own (answers, review items) and reports them with
	 * yr_map_duplicate, so that a big mapping is hashed once, not twice */
	bool caller_checks_duplicates;
	cs_mark key_mark;
} yr_map;

/* Starts reading a mapping; anything else is reported and passed over. */
bool yr_map_begin(yreader *yr, yr_map *m, const char *what);
/* Moves to the next key; on true, m->key is set and the current event is
 * the first one of its value. Duplicate and non-text keys are reported. */
bool yr_map_next(yreader *yr, yr_map *m);
void yr_map_end(yr_map *m);
/* Reports m->key as a duplicate and passes over its value (the current
 * node); for maps with caller_checks_duplicates. */
void yr_map_duplicate(yreader *yr, yr_map *m);
/* Reports an unknown key (warning) and keeps its value in extra. */
void yr_map_keep_unknown(yreader *yr, yr_map *m, raw_pairs *extra);

bool yr_seq_begin(yreader *yr, const char *what);
/* Moves to the next element; false at the end of the sequence. */
bool yr_seq_next(yreader *yr);

#endif
