#include <config.h>

/* One worksheet streamed into a grid: <sheetData> row by row, cell by
 * cell, each cell's text as displayed; then the merged ranges, which
 * come after the cells in the part, clear what they cover. */

#include "xlsx_read.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xlsx_internal.h"

static const cs_mark no_mark = {0, 0};

#define XLSX_MAX_MERGES ((size_t)1 << 20)
/* Cells visited while clearing merged ranges: beyond, the ranges overlap
 * on purpose. */
#define XLSX_MERGE_WORK_MAX ((size_t)64 << 20)

enum { SH_SHEETDATA = 1, SH_ROW, SH_C, SH_V, SH_IS, SH_T, SH_RPH, SH_MERGECELL };
static const char *const sh_names[] = {"sheetData", "row", "c", "v", "is", "t", "rPh", "mergeCell"};

typedef enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR } cell_type;

static const struct {
	const char *t;
	cell_type type;
} cell_types[] = {
	{"n", CT_NUMBER}, {"s", CT_SHARED}, {"inlineStr", CT_INLINE}, {"str", CT_STR},
	{"b", CT_BOOL},   {"e", CT_ERROR},  {"d", CT_STR},
};

typedef struct merge {
	long r1, c1, r2, c2;
} merge;

typedef struct sheet_state {
	xlsx_book *b;
	sheet_grid *g;
	long row, col, last_col;
	grid_row *gr;           /* the current row's, once it holds a value */
	/* the current cell */
	cell_type type;
	long style;
	bool has_v, has_is, in_is;
	strbuf v;               /* <v> as stored */
	text_state t;           /* <is> */
	strbuf out;
	bool warned_cols;
	merge *merges;
	size_t n_merges, cap_merges;
} sheet_state;

static cs_mark cell_mark(const sheet_state *s) { return (cs_mark){(int)s->row, (int)s->col}; }

/* "B5" into column 2 and row 5; row 0 when the reference has no row. */
static bool parse_ref(const char *ref, long *col, long *row)
{
	long c = 0, r = 0;
	const char *p = ref;
	if (*p == '$')
		p++;
	for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
		c = c * 26 + ((*p | 0x20) - 'a' + 1);
		if (c > XLSX_MAX_COL)
			return false;
	}
	if (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		r = r * 10 + (*p - '0');
		if (r > XLSX_MAX_ROW)
			return false;
	}
	*col = c;
	*row = r;
	return c >= 1 && *p == '\0';
}

static bool sh_start(xlsx_xml *x, int kind, const char **atts)
{
	sheet_state *s = x->ud;
	int parent = xlsx_parent(x);
	switch (kind) {
	case SH_ROW: {
		if (parent != SH_SHEETDATA)
			break;
		const char *r = xlsx_attr(atts, "r");
		long row = r ? xlsx_parse_index(r, XLSX_MAX_ROW) : s->row + 1;
		if (row < 1 || row > XLSX_MAX_ROW || row <= s->row) {
			s->col = 1;
			return xlsx_damaged(x->path, x->ps, (cs_mark){(int)(row >= 1 ? row : s->row + 1), 1}, x->part,
				       _("a row number is out of order or out of range"));
		}
		s->row = row;
		s->last_col = 0;
		s->gr = NULL;
		break;
	}
	case SH_C: {
		if (parent != SH_ROW)
			break;
		const char *r = xlsx_attr(atts, "r");
		long col = s->last_col + 1, row = s->row;
		if (r && (!parse_ref(r, &col, &row) || (row != 0 && row != s->row))) {
			s->col = s->last_col + 1;
			return xlsx_damaged(x->path, x->ps, cell_mark(s), x->part,
				       _("a cell reference does not belong to its row"));
		}
		if (col <= s->last_col || col > XLSX_MAX_COL) {
			s->col = col;
			return xlsx_damaged(x->path, x->ps, cell_mark(s), x->part,
				       _("the cells of a row are out of order"));
		}
		s->col = s->last_col = col;
		s->type = CT_NUMBER;
		const char *t = xlsx_attr(atts, "t");
		for (size_t i = 0; t && i < sizeof cell_types / sizeof *cell_types; i++)
			if (strcmp(t, cell_types[i].t) == 0)
				s->type = cell_types[i].type;
		s->style = xlsx_parse_index(xlsx_attr(atts, "s"), XLSX_MAX_XFS);
		s->has_v = s->has_is = s->in_is = false;
		sb_clear(&s->v);
		sb_clear(&s->t.text);
		s->t.nul = false;
		s->t.rph = 0;
		break;
	}
	case SH_V:
		if (parent == SH_C) {
			s->has_v = true;
			x->want_text = true;
		}
		break;
	case SH_IS:
		if (parent == SH_C)
			s->has_is = s->in_is = true;
		break;
	case SH_RPH:
		if (s->in_is)
			s->t.rph++;
		break;
	case SH_T:
		if (s->in_is && s->t.rph == 0) {
			sb_clear(&s->t.raw);
			x->want_text = true;
		}
		break;
	case SH_MERGECELL: {
		const char *ref = xlsx_attr(atts, "ref");
		const char *colon = ref ? strchr(ref, ':') : NULL;
		if (!colon || colon - ref > 16)
			break;
		char first[17];
		memcpy(first, ref, (size_t)(colon - ref));
		first[colon - ref] = '\0';
		merge m;
		/* a range that cannot be read merges nothing: values are only
		 * ever cleared by a merge, never made */
		if (!parse_ref(first, &m.c1, &m.r1) || !parse_ref(colon + 1, &m.c2, &m.r2) || !m.r1 || !m.r2)
			break;
		if (s->n_merges >= XLSX_MAX_MERGES) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-many-entries",
				     _("%s: too many merged ranges (the limit is %zu)"), x->part, XLSX_MAX_MERGES);
			return false;
		}
		XGROW(s->merges, s->cap_merges, s->n_merges + 1);
		s->merges[s->n_merges++] = m;
		break;
	}
	default:
		break;
	}
	return true;
}

static bool sh_text(xlsx_xml *x, const char *str, size_t len)
{
	sheet_state *s = x->ud;
	strbuf *into = x->kinds[x->depth] == SH_V ? &s->v : &s->t.raw;
	return xlsx_collect(x, into, xlsx_raw_cap(s->b), str, len, cell_mark(s));
}

/* The text of the cell just read, as displayed, into s->out. */
static bool cell_text(xlsx_xml *x, sheet_state *s, bool *nul)
{
	xlsx_book *b = s->b;
	const char *v = sb_str(&s->v);
	sb_clear(&s->out);
	*nul = false;
	if (s->has_is && s->type != CT_SHARED && s->type != CT_STR) {
		sb_addn(&s->out, sb_str(&s->t.text), s->t.text.len);
		*nul = s->t.nul;
		return true;
	}
	if (!s->has_v)
		return true; /* a style alone, or a formula never calculated */
	switch (s->type) {
	case CT_SHARED: {
		long i = xlsx_parse_index(v, LONG_MAX - 1);
		if (i < 0 || (size_t)i >= b->n_sst)
			return xlsx_damaged(x->path, x->ps, cell_mark(s), x->part,
				       _("a cell names a shared string that does not exist"));
		sb_add(&s->out, b->sst.s + b->sst_off[i]);
		return true;
	}
	case CT_BOOL:
		sb_add(&s->out, xlsx_parse_index(v, 1) == 1 ? "TRUE" : xlsx_parse_index(v, 1) == 0 ? "FALSE" : v);
		return true;
	case CT_NUMBER: {
		const char *code = s->style >= 0 && (size_t)s->style < b->n_xf ? b->xf_code[s->style] : NULL;
		if (xlsx_format_number(&s->out, v, code, b->date1904))
			return true;
		break; /* not a number: shown as stored */
	}
	default:
		break;
	}
	xlsx_decode_text(v, s->v.len, &s->out, nul);
	return true;
}

static bool cell_end(xlsx_xml *x, sheet_state *s)
{
	xlsx_book *b = s->b;
	bool nul;
	if (!cell_text(x, s, &nul))
		return false;
	if (nul) {
		problems_add(x->ps, x->path, cell_mark(s), SEV_FATAL, "nul-character",
			     _("row %ld, column %ld: the cell holds a NUL character (_x0000_)"), s->row, s->col);
		return false;
	}
	if (s->out.len == 0)
		return true;
	if (s->out.len > b->lim.max_scalar) {
		problems_add(x->ps, x->path, cell_mark(s), SEV_FATAL, "too-long",
			     _("row %d, column %zu: the cell is too long (%zu bytes; the limit is %zu bytes)"),
			     (int)s->row, (size_t)s->col, s->out.len, b->lim.max_scalar);
		return false;
	}
	if ((size_t)s->col > b->lim.max_list) {
		if (!s->warned_cols)
			problems_add(x->ps, x->path, cell_mark(s), SEV_WARNING, "too-many-entries",
				     _("cells right of column %zu are left out (the limit on cells in a row)"),
				     b->lim.max_list);
		s->warned_cols = true;
		return true;
	}
	if (!s->gr) {
		if (s->g->n >= b->lim.max_items) {
			problems_add(x->ps, x->path, cell_mark(s), SEV_FATAL, "too-many-rows",
				     _("too many rows (the limit is %zu)"), b->lim.max_items);
			return false;
		}
		s->gr = grid_add_row(s->g, (int)s->row);
	}
	grid_set_cell(s->gr, (size_t)s->col, sb_str(&s->out));
	return true;
}

static bool sh_end(xlsx_xml *x, int kind)
{
	sheet_state *s = x->ud;
	switch (kind) {
	case SH_V:
		x->want_text = false;
		break;
	case SH_T:
		if (x->want_text) {
			x->want_text = false;
			xlsx_decode_text(sb_str(&s->t.raw), s->t.raw.len, &s->t.text, &s->t.nul);
			sb_clear(&s->t.raw);
		}
		break;
	case SH_RPH:
		if (s->in_is)
			s->t.rph--;
		break;
	case SH_IS:
		s->in_is = false;
		break;
	case SH_C:
		if (xlsx_parent(x) == SH_ROW)
			return cell_end(x, s);
		break;
	default:
		break;
	}
	return true;
}

/* The first row of g at or after line (rows are in order). */
static size_t first_row_from(const sheet_grid *g, long line)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->rows[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* In a merged range only the top-left cell keeps its value; then
 * trailing empty cells and rows left empty go. */
static bool apply_merges(xlsx_book *b, sheet_state *s, const char *part, problems *ps)
{
	sheet_grid *g = s->g;
	size_t work = 0;
	for (size_t k = 0; k < s->n_merges; k++) {
		merge m = s->merges[k];
		long r1 = m.r1 < m.r2 ? m.r1 : m.r2, r2 = m.r1 < m.r2 ? m.r2 : m.r1;
		long c1 = m.c1 < m.c2 ? m.c1 : m.c2, c2 = m.c1 < m.c2 ? m.c2 : m.c1;
		for (size_t i = first_row_from(g, r1); i < g->n && g->rows[i].line <= r2; i++) {
			grid_row *row = &g->rows[i];
			long last = c2 < (long)row->n ? c2 : (long)row->n;
			work += 1 + (size_t)(last >= c1 ? last - c1 + 1 : 0);
			if (work > XLSX_MERGE_WORK_MAX) {
				problems_add(ps, b->path, no_mark, SEV_FATAL, "too-many-entries",
					     _("%s: merged ranges overlap too much"), part);
				return false;
			}
			for (long c = c1; c <= last; c++)
				if ((row->line != r1 || c != c1) && row->cells[c - 1][0]) {
					free(row->cells[c - 1]);
					row->cells[c - 1] = xstrdup("");
				}
		}
	}
	size_t kept = 0;
	for (size_t i = 0; i < g->n; i++) {
		grid_row *row = &g->rows[i];
		while (row->n > 0 && !row->cells[row->n - 1][0])
			free(row->cells[--row->n]);
		if (row->n == 0) {
			free(row->cells);
			continue;
		}
		g->rows[kept++] = *row;
	}
	g->n = kept;
	return true;
}

bool xlsx_read_sheet(xlsx_book *b, size_t i, sheet_grid *g, problems *ps)
{
	grid_free(g);
	grid_init(g);
	if (i >= b->n_sheets)
		return false;
	xlsx_sheet *sh = &b->sheets[i];
	if (!sh->part) {
		problems_add(ps, b->path, no_mark, SEV_FATAL, "xlsx-missing-part",
			     _("the workbook is incomplete: sheet \"%s\" has no part"), sh->name);
		return false;
	}
	if (!sh->worksheet) {
		problems_add(ps, b->path, no_mark, SEV_FATAL, "not-a-worksheet",
			     _("sheet \"%s\" is a chart or dialog sheet, not a worksheet: it has no cells"), sh->name);
		return false;
	}
	sheet_state s = {.b = b, .g = g};
	xlsx_xml x = {.names = sh_names, .n_names = sizeof sh_names / sizeof *sh_names,
		      .start = sh_start, .end = sh_end, .text = sh_text, .ud = &s};
	bool ok = xlsx_part_parse(&b->z, sh->part, &x, ps) && apply_merges(b, &s, sh->part, ps);
	sb_free(&s.v);
	sb_free(&s.t.raw);
	sb_free(&s.t.text);
	sb_free(&s.out);
	free(s.merges);
	if (!ok) {
		grid_free(g);
		grid_init(g);
		return false;
	}
	g->sheet_name = xstrdup(sh->name);
	return true;
}
