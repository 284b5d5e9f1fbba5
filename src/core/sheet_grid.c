#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sheet_grid.h"
#include "xalloc.h"

void grid_init(sheet_grid *g)
{
	memset(g, 0, sizeof *g);
	arena_init(&g->mem);
}

void grid_own_text(sheet_grid *g, char *text)
{
	free(g->text);
	g->text = text;
}

void grid_free(sheet_grid *g)
{
	if (!g->text)
		for (size_t i = 0; i < g->n; i++) {
			for (size_t k = 0; k < g->rows[i].n; k++)
				free(g->rows[i].cells[k]);
			free(g->rows[i].cells);
		}
	free(g->rows);
	free(g->sheet_name);
	free(g->text);
	arena_free(&g->mem);
	memset(g, 0, sizeof *g);
}

grid_row *grid_add_row(sheet_grid *g, int line)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->rows = xreallocarray(g->rows, g->cap, sizeof *g->rows);
	}
	grid_row *r = &g->rows[g->n++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

void grid_set_cell(grid_row *r, size_t col, const char *text)
{
	if (col == 0)
		return;
	if (col > r->n) {
		r->cells = xreallocarray(r->cells, col, sizeof *r->cells);
		for (size_t k = r->n; k < col; k++)
			r->cells[k] = xstrdup("");
		r->n = col;
	}
	free(r->cells[col - 1]);
	r->cells[col - 1] = xstrdup(text);
}

const char *grid_cell(const grid_row *r, int col)
{
	return col >= 1 && (size_t)col <= r->n ? r->cells[col - 1] : "";
}
