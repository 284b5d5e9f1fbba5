#ifndef CHECKSHEET_XLSX_INTERNAL_H
#define CHECKSHEET_XLSX_INTERNAL_H

/* What the parts of the XLSX reader share (xlsx_zip.c, xlsx_read.c,
 * xlsx_sheet.c, xlsx_numfmt.c); not an API. The unit test reads it for
 * xlsx_format_number and xlsx_resolve_target. */

#include <stdbool.h>
#include <stddef.h>

#include <expat.h>
#include <zip.h>

#include "problems.h"
#include "strbuf.h"
#include "xlsx_read.h"
#include "yaml_reader.h"

/* The archive, over a copy of the file in memory. */
typedef struct xlsx_zip {
	zip_t *za;
	char *data;        /* the file; libzip reads it in place */
	size_t len;
	const char *path;  /* as shown in problems (owned by the book) */
	size_t part_limit, total_limit;  /* inflated bytes */
	size_t total_read;
} xlsx_zip;

/* Checks the first bytes (empty, .xls, not a zip) and opens the archive
 * over data, which it then owns (freed by xlsx_zip_close, even on
 * failure). */
bool xlsx_zip_open(xlsx_zip *z, char *data, size_t len, const char *path, const load_limits *lim,
		   problems *ps);
void xlsx_zip_close(xlsx_zip *z);
/* The index of an entry named exactly name, else the same ignoring case
 * (part names are case-insensitive in OPC); -1 when absent. */
long xlsx_zip_find(const xlsx_zip *z, const char *name);

/* Resolves target (a relationship's Target) against the part source_part
 * it was found in ("" for the package): an absolute target from the top
 * of the archive, a relative one from source_part's folder, "." and ".."
 * segments folded. False when ".." would leave the archive. Caller frees
 * *out. */
bool xlsx_resolve_target(const char *source_part, const char *target, char **out);

/* A streaming parse of one part. The caller fills names (element local
 * names it cares about: kind i+1; anything else is kind 0), the handlers
 * and ud; the wrapper keeps the stack of kinds (kinds[1..depth], the
 * current element last) and turns a handler's false into a stop: the
 * handler has then added its problem. Character data reach `text` only
 * while want_text is set. Names are local: namespace prefixes and URIs
 * are dropped (Transitional and Strict OOXML, "x:" prefixes alike). */
typedef struct xlsx_xml xlsx_xml;
struct xlsx_xml {
	const char *const *names;
	size_t n_names;
	bool (*start)(xlsx_xml *x, int kind, const char **atts);
	bool (*end)(xlsx_xml *x, int kind);
	bool (*text)(xlsx_xml *x, const char *s, size_t len);
	void *ud;
	bool want_text;
	int kinds[XLSX_MAX_XML_DEPTH + 1];
	int depth;
	/* set by xlsx_part_parse */
	const char *part;
	problems *ps;
	const char *path;
	XML_Parser parser;
	bool stopped;
	unsigned long events;  /* every callback from expat, for xlsx_part_parse */
};
/* The element one up from the current one (0 at the top). */
static inline int xlsx_parent(const xlsx_xml *x) { return x->depth >= 2 ? x->kinds[x->depth - 1] : 0; }
/* The value of attribute local (namespace dropped), or NULL. */
const char *xlsx_attr(const char **atts, const char *local);

/* Inflates part (an entry name) chunk by chunk into x. False with a
 * problem when the part is missing (xlsx-missing-part), encrypted, too
 * large, not well-formed, has a DOCTYPE, or a handler stopped. */
bool xlsx_part_parse(xlsx_zip *z, const char *part, xlsx_xml *x, problems *ps);

/* Text of a cell or shared string as stored: decodes the escapes
 * _xHHHH_ (UTF-16 code units, pairs joined; _x005F_ is "_"), turns
 * "\r\n" and a lone "\r" into "\n". Sets *nul when the text holds a NUL
 * (which is then left out). */
void xlsx_decode_text(const char *s, size_t len, strbuf *out, bool *nul);

/* ---- the book (xlsx_read.c), read by xlsx_sheet.c ---- */

/* Beyond Excel's own limit (64 000 cell formats): damage or an attack. */
#define XLSX_MAX_XFS 65536

typedef struct xlsx_sheet {
	char *name;
	char *rid;      /* its relationship in the workbook */
	char *part;     /* the entry, NULL when the relationship is missing */
	bool hidden;
	bool worksheet;
} xlsx_sheet;

typedef struct xlsx_custom_fmt {
	long id;
	char *code;
} xlsx_custom_fmt;

struct xlsx_book {
	char *path;
	xlsx_zip z;
	load_limits lim;
	bool date1904;
	char *workbook_part;
	xlsx_sheet *sheets;
	size_t n_sheets, cap_sheets;
	/* shared strings, each NUL-terminated, one after the other: one
	 * allocation for a million strings */
	strbuf sst;
	size_t *sst_off;
	size_t n_sst, cap_sst;
	/* cellXfs: the number format id of each, then its code (NULL:
	 * General) */
	long *xf_id;
	const char **xf_code;
	size_t n_xf, cap_xf;
	xlsx_custom_fmt *numfmts;
	size_t n_numfmts, cap_numfmts;
};

/* A string being read (<si>, <is>): its runs joined, phonetic runs
 * (furigana) left out. */
typedef struct text_state {
	strbuf raw;   /* the <t> being read, as stored */
	strbuf text;  /* the string so far, decoded */
	bool nul;
	int rph;      /* inside phonetic runs (furigana): left out */
} text_state;

/* The most stored text kept for one value: an escape _xHHHH_ is 7 bytes
 * for as little as 1. */
size_t xlsx_raw_cap(const xlsx_book *b);
/* Adds an xlsx-damaged problem ("PART: the workbook is damaged: WHAT");
 * returns false. */
bool xlsx_damaged(const char *path, problems *ps, cs_mark at, const char *part, const char *what);
/* A whole number in 0..max, spaces around; -1 otherwise (NULL too). */
long xlsx_parse_index(const char *s, long max);
/* Appends character data to into, or stops with too-long past cap. */
bool xlsx_collect(xlsx_xml *x, strbuf *into, size_t cap, const char *s, size_t len, cs_mark at);

/* Number formats (xlsx_numfmt.c). The format code of a built-in format
 * id, or NULL for General and ids Excel leaves to the locale. */
const char *xlsx_builtin_format(long id);
/* Appends number (the text of a <v>, e.g. "0.9995" or "4.5E-3") as
 * format code shows it (NULL: General). False, appending nothing, when
 * number is not a number. */
bool xlsx_format_number(strbuf *out, const char *number, const char *code, bool date1904);

#endif
