/* The workbook's parts (export_xlsx*.c): shared by the writer of the item
 * sheets, the cover sheet and the layout helpers. */
#ifndef CHECKSHEET_EXPORT_XLSX_INTERNAL_H
#define CHECKSHEET_EXPORT_XLSX_INTERNAL_H

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

#include "export.h"

/* The formats every sheet uses. */
typedef struct xlsx_formats {
	lxw_format *head, *wrap, *problem, *number, *title, *label;
} xlsx_formats;

/* The workbook's own words, in the export's language (gettext), and what
 * each printed page carries. */
typedef struct xlsx_labels {
	char *cover;      /* the cover sheet's name */
	char *title;      /* "Title" on the cover */
	char *header;     /* the page header: the document title */
	char *footer;     /* the page footer: "page x of y" */
} xlsx_labels;

/* Fills l in lang (NULL: the UI's) with the document's title. */
void xlsx_labels_init(xlsx_labels *l, const char *lang, const char *doc_title);
void xlsx_labels_free(xlsx_labels *l);

/* The document's title: the answers' subject title, else the template's. */
const char *xlsx_document_title(const export_doc *d);

/* Lines a text takes in a wrapped cell width characters wide (Excel's
 * unit: the width of a digit), line breaks and word wrapping counted, East
 * Asian wide characters as their glyph width; at least 1. */
size_t xlsx_text_lines(const char *text, double width);
/* The height in points of a row whose tallest cell has lines lines, and
 * whether it fits Excel's 409 points (else it is 409). */
double xlsx_row_height(size_t lines, bool *fits);

/* Print setup: A4 landscape, one page wide, the first repeat_rows rows
 * (0: none) on every page, the labels' header and footer. */
void xlsx_print_setup(lxw_worksheet *ws, const xlsx_labels *l, int repeat_rows);

/* The cover sheet (表紙): title, organization, service, contact, the
 * latest version and date, other subject keys, the revision history and
 * the template's source credit. False when libxlsxwriter refused it. */
bool xlsx_write_cover(lxw_workbook *wb, const export_doc *d, const xlsx_formats *f, const xlsx_labels *l,
		      const char *sheet_name);

/* Writes text into a cell, cut (whole characters, with an ellipsis) at
 * the 32 767 characters Excel holds; true when it was cut. */
bool xlsx_write_text(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, const char *text, lxw_format *fmt);

#endif
#endif
