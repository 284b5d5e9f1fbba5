#ifndef CHECKSHEET_FILL_SHEET_H
#define CHECKSHEET_FILL_SHEET_H

/* A worksheet's XML as fill reads it (fill_sheet.c): where each row and
 * cell begins and ends in the original bytes (for the splice of
 * fill_write.c), the list validations and the merged ranges (for
 * fill_lists.c and fill_plan.c). Shared by fill's files only. */

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>

#include "fill.h"
#include "strbuf.h"
#include "xlsx_internal.h"

typedef struct xcell {
	int col;
	size_t start, end;
	char *style;
	bool formula;
} xcell;

typedef struct xrow {
	int r;
	size_t start, tag_end, close_start, end;
	size_t spans_from, spans_to; /* the spans="a:b" value, 0 for none */
	int span_lo, span_hi;
	bool self_closing;
	char *style;   /* the row's own format (s= with customFormat), or NULL */
	xcell *c;
	size_t n, cap;
} xrow;

/* A <col> range's format: what Excel shows in its cells that have none. */
typedef struct xcol {
	int min, max;
	char *style;
} xcol;

typedef struct xdv {
	strbuf sqref, formula;
} xdv;

struct fill_sheet_xml {
	char *part;
	char *data;
	size_t len;
	xrow *rows;
	size_t n_rows, cap_rows;
	bool have_sd, sd_self;
	size_t sd_start, sd_tag_end, sd_close;
	xdv *dv;
	size_t n_dv;
	strbuf merges;  /* the merged ranges' refs, space-separated ("D7:E7 B2:B3") */
	xcol *cols;
	size_t n_cols;
	/* <dimension ref="A1:E66"/>: where its value is (0: none) and what it says */
	size_t dim_from, dim_to;
	int dim_c1, dim_r1, dim_c2, dim_r2;
	/* while parsing */
	XML_Parser p;
	const char *stack[XLSX_MAX_XML_DEPTH + 1];
	int depth;
	int collect;    /* 1 sqref, 2 formula of the last validation */
	const char *error;
	cs_mark error_at;
};

/* The sheet's XML, parsed when first needed and kept in fb->xml; NULL
 * with a problem when it cannot be read or written into. */
struct fill_sheet_xml *fill_sheet_xml_get(fill_book *fb, size_t si, problems *ps);
/* The row numbered r, or NULL. */
xrow *fill_sheet_row(struct fill_sheet_xml *x, int r);
/* "D7" → column 4, row 7; false when it is not a cell reference. */
bool fill_parse_ref(const char *s, int *col, int *row);
/* The format a new cell at row, col takes: the row's own, else its
 * column's (NULL: none), as Excel shows an empty cell there. */
const char *fill_sheet_inherited_style(const struct fill_sheet_xml *x, const xrow *row, int col);
/* Does a space-separated list of cells and ranges ("D7:D100 F2") hold the cell? */
bool fill_sqref_has(const char *sq, int row, int col);

#endif
