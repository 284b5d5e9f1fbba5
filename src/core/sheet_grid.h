#ifndef CHECKSHEET_SHEET_GRID_H
#define CHECKSHEET_SHEET_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* The rows of a spreadsheet as text, whatever file they came from (CSV,
 * TSV, XLSX): what the importer matches against a template. */
typedef struct grid_row {
	char **cells;   /* UTF-8, NUL-free; cells[c] is column c+1 */
	size_t n;       /* cells in this row (trailing empty ones may be left out) */
	int line;       /* where the row starts: CSV line, or XLSX row number */
} grid_row;

typedef struct sheet_grid {
	grid_row *rows;
	size_t n, cap;
	char *sheet_name;   /* XLSX: the worksheet read; NULL for CSV */
	/* a grid cut out of one text (CSV): its cells point into text and
	 * the rows' cell lists come from mem; grid_set_cell is not used on
	 * such a grid */
	char *text;
	arena mem;
} sheet_grid;

void grid_init(sheet_grid *g);
void grid_free(sheet_grid *g);
/* The grid takes text (malloc'd), which its cells will point into. */
void grid_own_text(sheet_grid *g, char *text);
/* Appends an empty row starting at line and returns it. */
grid_row *grid_add_row(sheet_grid *g, int line);
/* Sets cell col (1-based) of row r to a copy of text, growing the row. */
void grid_set_cell(grid_row *r, size_t col, const char *text);
/* Cell col (1-based) of r, "" when out of range. */
const char *grid_cell(const grid_row *r, int col);

#endif
