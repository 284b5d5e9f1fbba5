#ifndef CHECKSHEET_IMPORT_H
#define CHECKSHEET_IMPORT_H

#include <stdbool.h>

#include "model.h"
#include "strbuf.h"
#include "yaml_reader.h"

typedef struct import_options {
	const char *encoding;   /* NULL: BOM, then UTF-8, then CP932 */
	int col_no, col_title, col_value, col_note; /* 1-based; 0: from the header */
	size_t max_size;
} import_options;

typedef struct import_report {
	size_t rows;           /* data rows read */
	size_t filled;         /* items with a typed value, as the cell was */
	size_t split;          /* a value taken out of prose, the rest in the note */
	size_t to_note;        /* nothing typed could be read: all in the note */
	size_t empty;          /* rows with nothing to import */
	size_t skipped;        /* bad rows, left out whole */
	strbuf for_person;     /* items a person must finish, one per line */
} import_report;

/* Reads a sheet exported from Excel (CSV or TSV; UTF-8 with or without
 * BOM, CP932, EUC-JP) into answers for template t. Bad rows are skipped
 * whole and reported (with their row number) in ps as errors; fatal
 * problems mean the file could not be read. */
bool import_csv(const char *path, const template *t, const import_options *opt, answers *a,
		import_report *rep, problems *ps);
void import_report_free(import_report *rep);

/* Plain text of a cell that holds pasted HTML (<br>, <ul><li>, &amp;). */
char *html_to_text(const char *s);
/* Takes a typed value out of prose: returns true with *value set when
 * one reading is unambiguous; *rest is what remains for the note. */
bool import_split_value(const tmpl_item *it, const char *text, char **value, char **rest);
/* Parses --columns no=1,value=6,note=7; false on a bad map. */
bool import_parse_columns(const char *map, import_options *opt);

#endif
