#ifndef CHECKSHEET_XLSX_READ_H
#define CHECKSHEET_XLSX_READ_H

/* Reading an XLSX workbook (Office Open XML, as Excel, LibreOffice and
 * libxlsxwriter write it) into sheet grids, cell by cell as displayed.
 *
 * The file is read whole (within --max-size) and never extracted: each
 * XML part is inflated in chunks by libzip and streamed through expat, a
 * SAX parser, so no document tree is ever built. A workbook from a
 * stranger is hostile input:
 *  - each part may inflate to XLSX_PART_FACTOR times --max-size, and all
 *    the parts read from one workbook together (a sheet read twice
 *    counts twice) to XLSX_TOTAL_FACTOR times; counted as bytes come out
 *    of the inflater, not as the archive says, so a zip bomb stops there.
 *    Encrypted entries and more than XLSX_MAX_ENTRIES entries are
 *    refused;
 *  - part names taken from relationships are resolved inside the archive
 *    (".." never leaves it); nothing is written to disk;
 *  - a DOCTYPE or an entity declaration in any part is refused, so no
 *    entity expands and no external file is ever read; time stays linear
 *    in the size of a part, even for one huge token;
 *  - rows holding a value are limited by max_items (as CSV rows are),
 *    a cell's text by max_scalar, shared strings by
 *    XLSX_SHARED_PER_ITEM times max_items, XML nesting by
 *    XLSX_MAX_XML_DEPTH; cells right of column max_list are left out with
 *    a warning;
 *  - no cell text ever holds a NUL; every text is valid UTF-8.
 *
 * Cell texts are what Excel displays: shared and inline strings (rich
 * text runs joined, phonetic runs <rPh> left out), formula results as
 * cached, TRUE/FALSE, error values (#N/A), and numbers formatted by their
 * cell's number format (built-in or custom: decimals, percent, thousands
 * separators, scientific, dates and times in the 1900 or 1904 date
 * system, Japanese eras). Numbers are rounded to 15 significant digits
 * first, as Excel does. Built-in format 14 (the locale's short date)
 * reads as yyyy/m/d. Line breaks are "\n"; the escapes _xHHHH_ are
 * decoded.
 *
 * Problems name the file as given and, for a cell or a row, the mark
 * {row, column} (1-based, column A = 1); problems of a whole part name
 * the part in the message ("xl/worksheets/sheet1.xml: ...", with the line
 * and column inside the part for XML errors) and have no mark. Every one
 * is fatal but two warnings (ambiguous-sheet, and too-many-entries for
 * cells right of max_list). Codes: not-xlsx (empty, .xls, .ods, .xlsb,
 * not a zip, damaged zip), xlsx-missing-part, xlsx-damaged (structure:
 * rows or cells out of order, a missing shared string...),
 * unsafe-part-path, xml-syntax, doctype-refused, xlsx-encrypted,
 * not-a-worksheet, no-such-sheet, ambiguous-sheet, nul-character
 * (_x0000_), too-large, too-long, too-deep, too-many-rows,
 * too-many-entries, io-error (from file_read). */

#include <stdbool.h>
#include <stddef.h>

#include "problems.h"
#include "sheet_grid.h"
#include "yaml_reader.h"

#define XLSX_PART_FACTOR 4
#define XLSX_TOTAL_FACTOR 8
#define XLSX_MAX_ENTRIES 10000
#define XLSX_SHARED_PER_ITEM 16
#define XLSX_MAX_XML_DEPTH 64
/* Excel's own bounds: a row or column number beyond them is damage. */
#define XLSX_MAX_ROW 1048576
#define XLSX_MAX_COL 16384

typedef struct xlsx_book xlsx_book;

/* Opens a workbook: reads the package relationships, workbook.xml, its
 * relationships, the shared strings and the styles. Refuses with a
 * specific message an empty file, an Excel 97-2003 (.xls) or
 * password-protected workbook, an OpenDocument file, an Excel binary
 * workbook (.xlsb), and anything else that is not an XLSX zip archive.
 * path "-" is standard input. On false, *out is NULL and ps says why. */
bool xlsx_open(const char *path, const load_limits *lim, xlsx_book **out, problems *ps);
/* The same over bytes in memory (copied); shown_path names them in
 * problems. For the fuzzer and the tests. */
bool xlsx_open_mem(const void *data, size_t len, const char *shown_path, const load_limits *lim,
		   xlsx_book **out, problems *ps);
void xlsx_close(xlsx_book *b);

/* The sheets in workbook order (the tabs as Excel shows them, hidden ones
 * too). */
size_t xlsx_sheet_count(const xlsx_book *b);
const char *xlsx_sheet_name(const xlsx_book *b, size_t i);
/* Hidden or "very hidden" (only a macro can show it). */
bool xlsx_sheet_hidden(const xlsx_book *b, size_t i);
/* False for a chart sheet, a dialog sheet or a macro sheet: no cells. */
bool xlsx_sheet_is_worksheet(const xlsx_book *b, size_t i);
/* The sheet to read when none is named: the first visible worksheet, or
 * the first worksheet when all are hidden; -1 (and a problem) when the
 * workbook has no worksheet. */
long xlsx_sheet_default(const xlsx_book *b, problems *ps);
/* "--sheet NAME|NUMBER": a sheet whose name is exactly selector; else a
 * 1-based number; else the only name equal ignoring ASCII case. Returns
 * the 0-based index, or -1 and a problem (no-such-sheet) listing the
 * sheets. A name made of digits that is also a number of another sheet
 * is taken as the name, with a warning. */
long xlsx_sheet_find(const xlsx_book *b, const char *selector, problems *ps);

/* Streams sheet i into g: whatever g held is freed first (g must be
 * initialised, grid_init). g->sheet_name is the sheet's name; each row
 * holding a value becomes a grid row in sheet order whose .line is its
 * row number (1-based), each cell at its column (A = 1); empty rows are
 * left out, trailing empty cells too. In a merged range the value stays
 * in the top-left cell and every other cell of the range reads empty. On
 * false g is empty (nothing half read ever reaches an import) and ps says
 * why. */
bool xlsx_read_sheet(xlsx_book *b, size_t i, sheet_grid *g, problems *ps);

#endif
