#ifndef CHECKSHEET_IMPORT_H
#define CHECKSHEET_IMPORT_H

#include <stdbool.h>

#include "model.h"
#include "sheet_grid.h"
#include "strbuf.h"
#include "yaml_reader.h"

typedef struct import_options {
	const char *encoding;   /* CSV: NULL is BOM, then UTF-8, then CP932 */
	const char *sheet;      /* XLSX: a sheet's name or 1-based number; NULL: the
	                           first sheet with a header row */
	int col_no, col_title, col_value, col_note, col_status; /* 1-based; 0: from the header */
	size_t max_size;
} import_options;

/* What became of a row. */
typedef enum import_outcome {
	IMPORT_COPIED,      /* the cells held exactly a value (or cases, rows, n/a) */
	IMPORT_PROSE,       /* a value read out of prose: saved as a draft */
	IMPORT_FOR_PERSON,  /* no value could be read: the text is in the note */
	IMPORT_EMPTY,       /* the row's answer cells are empty */
	IMPORT_SKIPPED,     /* a bad row, left out whole (an error) */
	IMPORT_PASSED_OVER, /* a title, group or repeated header row: no item */
	IMPORT_OUTCOME_COUNT
} import_outcome;

typedef struct import_entry {
	import_outcome outcome;
	int line;           /* the row's line (CSV) or row number (XLSX) */
	long item;          /* template index, -1 for rows without an item */
	char *phrase;       /* prose: the phrase the value was read from */
	char *reading;      /* prose: how the value reads */
	char *why;          /* for a person, skipped, passed over: why (translated) */
	char *text;         /* passed over: the row's text */
} import_entry;

typedef struct import_report {
	char *file;
	char *sheet;        /* XLSX: the sheet read */
	import_entry *v;
	size_t n, cap;
	size_t rows;        /* rows that were not blank, header and title rows too */
	size_t count[IMPORT_OUTCOME_COUNT];
} import_report;

void import_report_init(import_report *rep);
void import_report_free(import_report *rep);
import_entry *import_report_add(import_report *rep, import_outcome outcome, int line, long item);
/* The report as JSON for tools (--report): every row and a summary. */
void import_report_json(const import_report *rep, const template *t, const char *output, strbuf *out);
/* One line for a person, without the file name ("No.20 応答時間: read from
 * prose ..."); NULL for a plain copy or an empty row. Caller frees. */
char *import_entry_line(const import_entry *e, const template *t);
const char *import_outcome_id(import_outcome o);

/* Reads a sheet (CSV or TSV exported from Excel, in UTF-8 with or without
 * BOM, CP932 or EUC-JP; or an XLSX workbook, told by its content) into
 * answers for template t. Only items with a row in the sheet are set in a.
 * Bad rows are skipped whole and reported in ps as errors; false when the
 * file could not be read at all. */
bool import_file(const char *path, const template *t, const import_options *opt, answers *a,
		 import_report *rep, problems *ps);
/* The same for CSV and TSV only (the fuzzer's way in). */
bool import_csv(const char *path, const template *t, const import_options *opt, answers *a,
		import_report *rep, problems *ps);

/* The rows of a CSV or TSV file (import_csv.c). */
bool import_csv_grid(const char *path, const import_options *opt, sheet_grid *g, problems *ps);
/* Rows of a sheet into answers: the header found (or opt's columns), group
 * and repeated header rows passed over (import_sheet.c). *no_header is set
 * when no header names the columns (and opt gives none); then nothing is
 * read and no problem added. */
bool import_grid(const sheet_grid *g, const char *path, const template *t, const import_options *opt,
		 answers *a, import_report *rep, problems *ps, bool *no_header);

/* What a header cell names, by the names import knows (回答, 設定,
 * 備考, Question...): fill finds a customer's question table with the
 * same words. */
enum { IMPORT_HEAD_NONE, IMPORT_HEAD_NO, IMPORT_HEAD_TITLE, IMPORT_HEAD_VALUE, IMPORT_HEAD_NOTE, IMPORT_HEAD_OTHER };
int import_header_kind(const char *cell);

/* Plain text of a cell that holds pasted HTML (<br>, <ul><li>, &amp;). */
char *html_to_text(const char *s);

/* How one answer cell reads for an item (import_prose.c). */
typedef struct cell_reading {
	import_outcome outcome; /* COPIED, PROSE, FOR_PERSON or EMPTY */
	char *value;            /* the value to keep, or NULL */
	char *note;             /* what of the cell goes into the note, or NULL */
	char *phrase;           /* PROSE: what was read, as written */
	char *why;              /* FOR_PERSON: why not (translated) */
} cell_reading;
void import_read_cell(const tmpl_item *it, const char *cell, cell_reading *out);
void cell_reading_free(cell_reading *r);
/* Conditional answers as the export writes them, "when → value" a line,
 * every value reading as the item's unit: cases appended to an; false
 * (an unchanged) when the cell is not such a list. */
bool import_read_cases(const tmpl_item *it, const char *cell, answer *an);

/* Parses --columns no=1,value=6,note=7,status=8; false on a bad map. */
bool import_parse_columns(const char *map, import_options *opt);

#endif
