#ifndef CHECKSHEET_EXPORT_H
#define CHECKSHEET_EXPORT_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"
#include "review.h"
#include "strbuf.h"
#include "strmap.h"
#include "validate.h"

/* One item as every exporter sees it. */
typedef struct export_row {
	const tmpl_item *it;
	const tmpl_section *sec;
	const answer *an;
	/* value; cases as "when → value" lines; rows as table_text_encode
	 * writes them (those made for the row live in the doc's arena) */
	const char *value;
	const char *reading; /* the typed reading ("≤ 12 h"), NULL for text or unanswered */
	const char *problem; /* the first problem's message, or NULL */
	const review_item *review;
	item_state state;
} export_row;

/* The answer's note, or "" (not the row's). */
static inline const char *export_row_note(const export_row *r)
{
	return r->an && r->an->note ? r->an->note : "";
}

typedef enum export_encoding {
	ENC_UTF8,
	ENC_UTF8_BOM,
	ENC_CP932,
	ENC_EUC_JP,
	ENC_COUNT
} export_encoding;

typedef struct export_options {
	const char *lang;          /* template text and headers: ja or en */
	export_encoding encoding;
	bool encoding_set;         /* -e given (else the format's default) */
	bool substitute;           /* replace what the encoding cannot hold */
	bool formula_guard;        /* neutralise = + - @ at a cell's start */
	bool one_sheet;            /* xlsx: every item on one sheet */
	bool section_sheets;       /* xlsx: also a sheet per section (a printed
	                              workbook holds each item once) */
	bool form;                 /* html, md: the item-by-item form layout (else the document) */
	const review *review;      /* adds verdict and comment columns */
} export_options;

typedef struct export_doc {
	const answers *a;
	const template *t;
	const export_options *opt;
	export_row *rows;
	size_t n_rows;
	arena mem;                 /* the texts made for the rows */
	problems problems;         /* validation, for the problem column */
	bool chapters_numbered;    /* see export_chapter_no */
} export_doc;

void export_doc_build(export_doc *d, const answers *a, const template *t, const export_options *opt);
void export_doc_free(export_doc *d);

/* An exporter writes a whole document; binary formats write to path. */
typedef struct exporter {
	const char *id;
	const char *extension;
	const char *summary;       /* N_() */
	export_encoding default_encoding;
	bool text;                 /* writes text into out; else a file at path */
	bool (*write)(const export_doc *d, strbuf *out, const char *path, problems *ps);
} exporter;

extern const exporter exporters[];
extern const int exporters_count;
const exporter *exporter_find(const char *id);

/* Column headers in the export language. */
typedef enum export_column {
	COL_NO, COL_SECTION, COL_ITEM, COL_DESCRIPTION, COL_UNIT, COL_ANSWER, COL_NOTE, COL_STATE,
	COL_STATUS, COL_VERDICT, COL_COMMENT, COL_COUNT
} export_column;
const char *export_header(export_column c, const char *lang);
/* Words of the export language (not the UI): "valid", section labels... */
const char *export_word(const char *key, const char *lang);
/* The 状態 cell (valid / problem / empty) and the 判定 cell of a row. */
const char *export_state_word(const export_row *r, const char *lang);
const char *export_verdict_word(const export_row *r, const char *lang);
/* The answer's status (draft / final) in the export language, "" when none. */
const char *export_status_word(const export_row *r, const char *lang);

/* export_layout.c: the published document (html and md without --form).
 *
 * A description is a prompt, written to the one who answers and not
 * printed, when any of its texts is an instruction: Japanese text that
 * ends (before 。 or spaces) in ください or 下さい, English text that
 * starts with Describe, List, State, Explain, Give, Provide, Enter,
 * Write, Specify, Indicate or Please, or any text that ends with a
 * question mark. Its translations are then prompts too. */
bool export_is_prompt(const ltext *description);
/* The document's title: the subject's title:, else the template's. */
const char *export_title(const export_doc *d);
/* The newest revision (the last), or NULL. */
const revision *export_latest_revision(const export_doc *d);
/* A row the document cannot be final with: a required item unanswered,
 * or an answer with a problem. */
bool export_row_unfinished(const export_row *r);
/* "3 データの削除、8.1 保存データの暗号化" (No. and title of the
 * unfinished rows, in the export language; past max of them (0: no
 * limit), how many more), or NULL when there is none; *count: all. */
char *export_unfinished_list(const export_doc *d, size_t max, size_t *count);
/* Whether the document prints the row: answered, a note, or required. */
bool export_row_printed(const export_row *r);
/* A section's items may share a leading number ("3", "3.1"): that is
 * its chapter number when the template numbers its chapters, which it
 * does when more than half of its sections have one (the others, an
 * appendix of loose items, stay unnumbered). The number, else NULL. */
const char *export_chapter_no(const export_doc *d, size_t section, char *buf, size_t size);
bool export_chapters_numbered(const template *t);
/* Whether an item heading repeats its chapter's (the same title). */
bool export_heading_repeats(const export_row *r, const char *lang);
/* Whether the template credits someone else (its source line is then
 * printed): a publisher other than checksheet itself. */
bool export_credit_needed(const export_doc *d);

/* encoding.c: converts UTF-8 text into the target encoding, mapping the
 * Unicode / CP932 pitfalls the way Excel on Japanese Windows expects. A
 * character the encoding cannot hold is an error naming `where` and the
 * code point, or with substitute a '?' and a warning. */
bool encoding_lookup(const char *name, export_encoding *out);
const char *encoding_name(export_encoding e);
bool encode_text(export_encoding e, const char *utf8, bool substitute, const char *where,
		 const char *file, strbuf *out, problems *ps);

/* Neutralises a cell a spreadsheet would run as a formula. */
char *formula_guard(const char *cell);

/* The sheet names of a workbook so far (folded), and per name asked for
 * twice, the next "~N" to try. */
typedef struct sheet_names {
	strmap taken, bases;
	size_t *next, n_next, cap_next;
} sheet_names;
void sheet_names_init(sheet_names *sn);
void sheet_names_free(sheet_names *sn);
/* An Excel sheet name from any text: at most 31 characters (counted as
 * Excel does, in UTF-16 units, and cut by whole characters), without
 * []:*?/\ or control characters, no apostrophe or space at either end,
 * never empty ("Sheet"), not "History", and unique without regard to case
 * among the names in used, to which it is added: "~2", "~3"... make it
 * so. */
char *export_sheet_name(const char *wanted, sheet_names *used);

/* Each exporter, for the table. */
bool export_csv(const export_doc *d, strbuf *out, const char *path, problems *ps);
bool export_tsv(const export_doc *d, strbuf *out, const char *path, problems *ps);
bool export_md(const export_doc *d, strbuf *out, const char *path, problems *ps);
bool export_html(const export_doc *d, strbuf *out, const char *path, problems *ps);
bool export_json(const export_doc *d, strbuf *out, const char *path, problems *ps);
bool export_xlsx(const export_doc *d, strbuf *out, const char *path, problems *ps);

#endif
