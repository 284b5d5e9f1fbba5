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
struct stat;
/* Opens a file for reading with every check of file_read_ex before the
 * first byte (not a regular file, too large): the descriptor (blocking,
 * close-on-exec) and its fstat, or -1 with a problem in ps. */
int file_open_input(const char *path, size_t max_size, bool nofollow, struct stat *st, problems *ps);
/* How many bytes a document to be read holds: the size of the open file fd,
 * or len (a buffer) when fd is -1; 0 when unknown (a pipe). What the
 * loaders size their arrays, arenas and indexes from. */
size_t input_size(int fd, size_t len);

/* A pull reader over libyaml's events. It refuses aliases, nesting deeper
 * than the limit, invalid UTF-8 and more than one document, and it turns
 * libyaml's errors into problems. Once `stopped` is set, every call
 * returns false: the loaders then unwind without further work. */
typedef struct yreader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool has_ev;
	bool stopped;
	size_t stop_problem;    /* index in ps of the problem that stopped it */
	const char *file;
	problems *ps;
	int depth, max_depth;
	cs_mark last_key_mark;  /* of the key yr_map_next last read */
	const char *buf;        /* the text, to place reader errors: given, or
	                           read whole from fd when an error needs it */
	size_t len;
	/* reading a file as a stream (yr_open_fd): the whole text is never
	 * held while all goes well */
	int fd;                 /* -1 for a text in memory */
	char *chunk;            /* what was read and not yet handed to libyaml */
	size_t chunk_len, chunk_pos;
	size_t stream_read;     /* bytes read from fd */
	int stream_errno;       /* a read error, or EFBIG past max_size */
	char *text_owned;       /* buf, when read again for an error */
	bool text_loaded;
	size_t n_chars;         /* characters in buf: where the end of the file is */
	load_limits lim;        /* resolved: no zero field */
	size_t unknown_kept;    /* unknown keys kept so far (max_unknown) */
	/* the text's UTF-8 is checked by libyaml as it reads; the whole
	 * buffer is checked again only when reading stops early, so that an
	 * invalid byte anywhere is what such a file is refused for */
	bool utf8_checked;
	/* where the strings of the document go: NULL for the heap (each its
	 * own malloc, owned by the fields), else an arena freed at once */
	struct arena *mem;
	size_t limit_count, limit_value;  /* of the last yr_limit */
	/* the language tags of texts read into mem, one copy each ("ja",
	 * "en" on every text of a template) */
	const char *langs[4];
	size_t n_langs;
} yreader;

bool yr_open(yreader *yr, const char *file, const char *buf, size_t len,
	     const load_limits *limits, problems *ps);
/* The same over an open file (see file_open_input), read in chunks as
 * libyaml asks for them, within the size limit: a big template is parsed
 * without ever holding all of its text. Errors that need the text to say
 * where they are read it again. fd stays the caller's. */
bool yr_open_fd(yreader *yr, const char *file, int fd, const load_limits *limits, problems *ps);
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
 * current event: fmt (translated) holds one %zu, the limit. fmt is only
 * evaluated past the limit (a _() costs a catalogue lookup, and this is
 * called for every item, text and row). */
#define yr_limit(yr, count, limit, code, fmt) \
	(yr_within_((yr), (count), (limit)) || yr_limit_stop_((yr), NULL, (code), (fmt)))
struct yr_map;
/* The same for the entries of a mapping: at the current key. */
#define yr_limit_key(yr, m, count, limit, code, fmt) \
	(yr_within_((yr), (count), (limit)) || yr_limit_stop_((yr), (m), (code), (fmt)))

/* For the two above: records the count and limit, true within it. */
static inline bool yr_within_(yreader *yr, size_t count, size_t limit)
{
	yr->limit_count = count;
	yr->limit_value = limit;
	return count <= limit;
}
bool yr_limit_stop_(yreader *yr, const struct yr_map *m, const char *code, const char *fmt);

/* Adds a problem at the current event; `fatal` problems make the file
 * unreadable (exit 2), others are content errors. */
void yr_problem(yreader *yr, severity sev, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The current node as text: a scalar is copied into *out (from yr->mem
 * when set, else the heap, freeing what *out held); anything else is
 * reported as a wrong type (naming `what`) and passed over. */
bool yr_scalar_dup(yreader *yr, const char *what, char **out);
/* Bytes of the current scalar (yr_scalar's length). */
size_t yr_scalar_len(const yreader *yr);
/* Checks the whole text for invalid UTF-8 as yr_open once did up front:
 * true when valid; else stops the reader with the invalid-utf8 problem
 * (once). */
bool yr_check_utf8(yreader *yr);

/* The keys seen so far, for duplicates: the first few in a small array
 * compared one by one (most mappings have a handful of keys, and a
 * million of them should not cost a million hash tables), the rest in a
 * hash map. Short keys are kept inside the struct itself, so that reading
 * a key costs no allocation. */
#define YR_MAP_SMALL 8
#define YR_MAP_INLINE 200  /* bytes of the small keys kept inline */
#define YR_MAP_CUR 64      /* bytes of a current key that is not in small[] */
typedef struct yr_map {
	strmap seen;
	char *small[YR_MAP_SMALL];  /* in inline_keys, or allocated (small_heap) */
	size_t small_len[YR_MAP_SMALL];
	size_t n_small;
	unsigned small_heap;        /* bit i: small[i] is allocated */
	char *key;        /* the current key: in small[], cur or key_alloc */
	char *key_alloc;  /* the current key when it is long and not in small[] */
	/* set after yr_map_begin: the caller finds duplicates in an index of
	 * its own (answers, review items) and reports them with
	 * yr_map_duplicate, so that a big mapping is hashed once, not twice */
	bool caller_checks_duplicates;
	cs_mark key_mark;
	size_t inline_used;
	char inline_keys[YR_MAP_INLINE];
	char cur[YR_MAP_CUR];
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
/* The same report for a key found to be a duplicate after its map was
 * read (answers read for reading only find theirs at the end). */
void yr_duplicate_key(yreader *yr, cs_mark at, const char *key);
/* Reports an unknown key (warning) and keeps its value in extra. */
void yr_map_keep_unknown(yreader *yr, yr_map *m, raw_pairs *extra);

bool yr_seq_begin(yreader *yr, const char *what);
/* Moves to the next element; false at the end of the sequence. */
bool yr_seq_next(yreader *yr);

#endif
