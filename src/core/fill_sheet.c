#include <config.h>

/* Reading a worksheet's XML for fill: expat, no entities, no DOCTYPE,
 * sizes counted; only where rows and cells begin and end is learnt (the
 * splice of fill_write.c keeps every other byte), with the sheet's list
 * validations and merged ranges. */

#include "fill_sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "i18n.h"
#include "xalloc.h"

void fill_sheet_xml_free(struct fill_sheet_xml *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_rows; i++) {
		for (size_t k = 0; k < x->rows[i].n; k++)
			free(x->rows[i].c[k].style);
		free(x->rows[i].c);
		free(x->rows[i].style);
	}
	for (size_t i = 0; i < x->n_cols; i++)
		free(x->cols[i].style);
	free(x->cols);
	free(x->rows);
	for (size_t i = 0; i < x->n_dv; i++) {
		sb_free(&x->dv[i].sqref);
		sb_free(&x->dv[i].formula);
	}
	free(x->dv);
	sb_free(&x->merges);
	free(x->part);
	free(x->data);
	free(x);
}

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *att(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

bool fill_parse_ref(const char *s, int *col, int *row)
{
	long c = 0, r = 0;
	if (*s == '$')
		s++;
	for (; *s >= 'A' && *s <= 'Z'; s++)
		if ((c = c * 26 + (*s - 'A' + 1)) > XLSX_MAX_COL)
			return false;
	if (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((r = r * 10 + (*s - '0')) > XLSX_MAX_ROW)
			return false;
	if (*s || !c || !r)
		return false;
	*col = (int)c;
	*row = (int)r;
	return true;
}

static void fail(struct fill_sheet_xml *x, const char *why)
{
	if (!x->error) {
		x->error = why;
		x->error_at = (cs_mark){(int)XML_GetCurrentLineNumber(x->p), (int)XML_GetCurrentColumnNumber(x->p) + 1};
	}
	XML_StopParser(x->p, XML_FALSE);
}

/* Where the row tag's spans="a:b" is (Excel's hint of the columns the
 * row uses): a cell written outside it widens it. */
static void find_spans(const struct fill_sheet_xml *x, xrow *row)
{
	for (size_t i = row->start; i + 8 < row->tag_end; i++) {
		char q = x->data[i + 7];
		if (memcmp(x->data + i, " spans=", 7) != 0 || (q != '"' && q != '\''))
			continue;
		size_t v = i + 8, end = v;
		while (end < row->tag_end && x->data[end] != q)
			end++;
		int lo, hi;
		char buf[32];
		if (end - v >= sizeof buf)
			return;
		memcpy(buf, x->data + v, end - v);
		buf[end - v] = '\0';
		if (sscanf(buf, "%d:%d", &lo, &hi) != 2)
			return;
		row->spans_from = v;
		row->spans_to = end;
		row->span_lo = lo;
		row->span_hi = hi;
		return;
	}
}

/* Where <dimension ref="A1:E66"/>'s value is, and the range it says; a
 * value that cannot be read is left alone. */
static void find_dimension(struct fill_sheet_xml *x, size_t from, size_t to)
{
	for (size_t i = from; i + 6 < to; i++) {
		char q = x->data[i + 5];
		if (memcmp(x->data + i, " ref=", 5) != 0 || (q != '"' && q != '\''))
			continue;
		size_t v = i + 6, end = v;
		while (end < to && x->data[end] != q)
			end++;
		char buf[32];
		if (end - v >= sizeof buf)
			return;
		memcpy(buf, x->data + v, end - v);
		buf[end - v] = '\0';
		char *colon = strchr(buf, ':');
		if (colon)
			*colon = '\0';
		int c1, r1, c2, r2;
		if (!fill_parse_ref(buf, &c1, &r1))
			return;
		if (!colon || !fill_parse_ref(colon + 1, &c2, &r2)) {
			c2 = c1;
			r2 = r1;
		}
		x->dim_from = v;
		x->dim_to = end;
		x->dim_c1 = c1, x->dim_r1 = r1, x->dim_c2 = c2, x->dim_r2 = r2;
		return;
	}
}

const char *fill_sheet_inherited_style(const struct fill_sheet_xml *x, const xrow *row, int col)
{
	if (row && row->style)
		return row->style;
	for (size_t i = 0; i < x->n_cols; i++)
		if (col >= x->cols[i].min && col <= x->cols[i].max)
			return x->cols[i].style;
	return NULL;
}

static const char *parent(const struct fill_sheet_xml *x) { return x->depth >= 1 ? x->stack[x->depth - 1] : ""; }

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct fill_sheet_xml *x = ud;
	const char *n = local(name);
	size_t at = (size_t)XML_GetCurrentByteIndex(x->p), len = (size_t)XML_GetCurrentByteCount(x->p);
	if (x->depth >= XLSX_MAX_XML_DEPTH) {
		fail(x, N_("the XML is nested too deeply"));
		return;
	}
	if (at >= x->len || x->data[at] != '<') {
		fail(x, N_("the sheet is not in UTF-8"));
		return;
	}
	const char *up = parent(x);
	/* names are kept as pointers to our constants, so that the stack
	 * holds nothing to free */
	static const char *const known[] = {"sheetData", "row", "c", "f", "dataValidation", "formula1", "sqref",
					    "mergeCell", "col", "dimension", ""};
	const char *kept = known[10];
	for (size_t i = 0; i < 10; i++)
		if (strcmp(n, known[i]) == 0)
			kept = known[i];
	x->stack[x->depth++] = kept;
	if (kept == known[0]) {
		x->have_sd = true;
		x->sd_start = at;
		x->sd_tag_end = at + len;
	} else if (kept == known[1] && strcmp(up, "sheetData") == 0) {
		const char *r = att(atts, "r");
		long v = r ? xlsx_parse_index(r, XLSX_MAX_ROW) : (x->n_rows ? x->rows[x->n_rows - 1].r + 1 : 1);
		if (v < 1 || (x->n_rows && v <= x->rows[x->n_rows - 1].r)) {
			fail(x, N_("rows are out of order"));
			return;
		}
		if (x->n_rows == x->cap_rows) {
			x->cap_rows = x->cap_rows ? x->cap_rows * 2 : 64;
			x->rows = xrealloc(x->rows, x->cap_rows * sizeof *x->rows);
		}
		x->rows[x->n_rows++] = (xrow){.r = (int)v, .start = at, .tag_end = at + len};
		find_spans(x, &x->rows[x->n_rows - 1]);
		const char *rs = att(atts, "s"), *custom = att(atts, "customFormat");
		if (rs && custom && (strcmp(custom, "1") == 0 || strcmp(custom, "true") == 0))
			x->rows[x->n_rows - 1].style = xstrdup(rs);
	} else if (kept == known[2] && strcmp(up, "row") == 0 && x->n_rows) {
		xrow *row = &x->rows[x->n_rows - 1];
		const char *r = att(atts, "r");
		int col = row->n ? row->c[row->n - 1].col + 1 : 1, rr = row->r;
		if (r && (!fill_parse_ref(r, &col, &rr) || rr != row->r)) {
			fail(x, N_("a cell's reference is not in its row"));
			return;
		}
		if (row->n && col <= row->c[row->n - 1].col) {
			fail(x, N_("cells are out of order"));
			return;
		}
		if (row->n == row->cap) {
			row->cap = row->cap ? row->cap * 2 : 16;
			row->c = xrealloc(row->c, row->cap * sizeof *row->c);
		}
		const char *s = att(atts, "s");
		row->c[row->n++] = (xcell){.col = col, .start = at, .end = at + len, .style = s ? xstrdup(s) : NULL};
	} else if (kept == known[3] && strcmp(up, "c") == 0 && x->n_rows && x->rows[x->n_rows - 1].n) {
		xrow *row = &x->rows[x->n_rows - 1];
		row->c[row->n - 1].formula = true;
	} else if (kept == known[4]) {
		const char *type = att(atts, "type");
		if (type && strcmp(type, "list") == 0) {
			x->dv = xrealloc(x->dv, (x->n_dv + 1) * sizeof *x->dv);
			sb_init(&x->dv[x->n_dv].sqref);
			sb_init(&x->dv[x->n_dv].formula);
			const char *sq = att(atts, "sqref");
			if (sq)
				sb_add(&x->dv[x->n_dv].sqref, sq);
			x->n_dv++;
			x->stack[x->depth - 1] = "dataValidation-list";
		}
	} else if (kept == known[5] && strcmp(up, "dataValidation-list") == 0) {
		x->collect = 2;
	} else if (kept == known[3] && strcmp(up, "formula1") == 0 && x->depth >= 3 &&
		   strcmp(x->stack[x->depth - 3], "dataValidation-list") == 0) {
		x->collect = 2; /* x14: <x14:formula1><xm:f>...</xm:f> */
	} else if (kept == known[6] && strcmp(up, "dataValidation-list") == 0) {
		x->collect = 1;
	} else if (kept == known[8] && strcmp(up, "") == 0 && att(atts, "style") && att(atts, "min") &&
		   att(atts, "max")) {
		/* <cols><col min= max= style=/> (cols is not kept by name) */
		long lo = xlsx_parse_index(att(atts, "min"), XLSX_MAX_COL),
		     hi = xlsx_parse_index(att(atts, "max"), XLSX_MAX_COL);
		if (lo >= 1 && hi >= lo && x->n_cols < 16384) {
			x->cols = xrealloc(x->cols, (x->n_cols + 1) * sizeof *x->cols);
			x->cols[x->n_cols++] = (xcol){(int)lo, (int)hi, xstrdup(att(atts, "style"))};
		}
	} else if (kept == known[9] && att(atts, "ref")) {
		find_dimension(x, at, at + len);
	} else if (kept == known[7] && att(atts, "ref")) {
		if (x->merges.len + strlen(att(atts, "ref")) > ((size_t)16 << 20)) {
			fail(x, N_("too many merged ranges"));
			return;
		}
		sb_add(&x->merges, att(atts, "ref"));
		sb_addc(&x->merges, ' ');
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct fill_sheet_xml *x = ud;
	(void)name;
	size_t at = (size_t)XML_GetCurrentByteIndex(x->p), len = (size_t)XML_GetCurrentByteCount(x->p);
	const char *n = x->stack[--x->depth];
	const char *up = parent(x);
	if (strcmp(n, "sheetData") == 0) {
		x->sd_self = len == 0;
		x->sd_close = len == 0 ? x->sd_tag_end : at;
	} else if (strcmp(n, "row") == 0 && strcmp(up, "sheetData") == 0 && x->n_rows) {
		xrow *row = &x->rows[x->n_rows - 1];
		row->self_closing = len == 0;
		row->close_start = len == 0 ? row->tag_end : at;
		row->end = len == 0 ? row->tag_end : at + len;
	} else if (strcmp(n, "c") == 0 && strcmp(up, "row") == 0 && x->n_rows && x->rows[x->n_rows - 1].n) {
		xrow *row = &x->rows[x->n_rows - 1];
		if (len)
			row->c[row->n - 1].end = at + len;
	}
	if (strcmp(n, "formula1") == 0 || strcmp(n, "f") == 0 || strcmp(n, "sqref") == 0)
		x->collect = 0;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct fill_sheet_xml *x = ud;
	if (!x->collect || !x->n_dv)
		return;
	strbuf *into = x->collect == 1 ? &x->dv[x->n_dv - 1].sqref : &x->dv[x->n_dv - 1].formula;
	if (into->len + (size_t)len > 65536) {
		fail(x, N_("a validation's list is too long"));
		return;
	}
	sb_addn(into, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *a, const XML_Char *b, const XML_Char *c, int d)
{
	(void)a, (void)b, (void)c, (void)d;
	fail(ud, N_("has a DOCTYPE, which no workbook needs (refused: entities could expand)"));
}

static void XMLCALL on_entity(void *ud, const XML_Char *a, int b, const XML_Char *c, int d, const XML_Char *e,
			      const XML_Char *f, const XML_Char *g, const XML_Char *h)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f, (void)g, (void)h;
	fail(ud, N_("declares an entity (refused)"));
}

/* Reads entry part whole, within the reader's size limit. */
static bool read_part(fill_book *fb, const char *part, char **out, size_t *out_len, problems *ps)
{
	xlsx_zip *z = &fb->b->z;
	long idx = xlsx_zip_find(z, part);
	zip_stat_t st;
	zip_file_t *f = idx >= 0 ? zip_fopen_index(z->za, (zip_uint64_t)idx, 0) : NULL;
	if (!f || zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0) {
		if (f)
			zip_fclose(f);
		problems_add(ps, fb->path, (cs_mark){0, 0}, SEV_FATAL, "xlsx-damaged",
			     _("%s: the workbook is damaged: the part cannot be read"), part);
		return false;
	}
	strbuf b;
	sb_init(&b);
	char chunk[65536];
	zip_int64_t n;
	bool ok = true;
	while ((n = zip_fread(f, chunk, sizeof chunk)) > 0) {
		if (b.len + (size_t)n > z->part_limit) {
			problems_add(ps, fb->path, (cs_mark){0, 0}, SEV_FATAL, "too-large",
				     _("%s: the part inflates to more than %zu bytes (see --max-size)"), part,
				     z->part_limit);
			ok = false;
			break;
		}
		sb_addn(&b, chunk, (size_t)n);
	}
	if (ok && n < 0) {
		problems_add(ps, fb->path, (cs_mark){0, 0}, SEV_FATAL, "xlsx-damaged",
			     _("%s: the workbook is damaged: %s"), part, zip_file_strerror(f));
		ok = false;
	}
	zip_fclose(f);
	if (!ok) {
		sb_free(&b);
		return false;
	}
	*out_len = b.len;
	*out = sb_take(&b);
	return true;
}

struct fill_sheet_xml *fill_sheet_xml_get(fill_book *fb, size_t si, problems *ps)
{
	if (fb->xml[si])
		return fb->xml[si];
	const xlsx_sheet *sh = &fb->b->sheets[si];
	if (!sh->part || !sh->worksheet) {
		problems_add(ps, fb->path, (cs_mark){0, 0}, SEV_FATAL, "not-a-worksheet",
			     _("sheet %s is not a worksheet"), sh->name);
		return NULL;
	}
	struct fill_sheet_xml *x = xcalloc(1, sizeof *x);
	x->part = xstrdup(sh->part);
	if (!read_part(fb, sh->part, &x->data, &x->len, ps)) {
		fill_sheet_xml_free(x);
		return NULL;
	}
	x->p = XML_ParserCreate(NULL);
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	bool ok = x->len <= INT32_MAX && XML_Parse(x->p, x->data, (int)x->len, XML_TRUE) == XML_STATUS_OK;
	if (!ok && !x->error) {
		x->error = XML_ErrorString(XML_GetErrorCode(x->p));
		x->error_at = (cs_mark){(int)XML_GetCurrentLineNumber(x->p), (int)XML_GetCurrentColumnNumber(x->p) + 1};
	}
	if (ok && !x->have_sd)
		x->error = N_("it has no sheetData");
	XML_ParserFree(x->p);
	x->p = NULL;
	if (x->error) {
		problems_add(ps, fb->path, (cs_mark){0, 0}, SEV_FATAL, "xlsx-damaged",
			     _("%s (sheet %s), line %d column %d: cannot write into it: %s"), sh->part, sh->name,
			     x->error_at.line, x->error_at.column, _(x->error));
		fill_sheet_xml_free(x);
		return NULL;
	}
	fb->xml[si] = x;
	return x;
}

xrow *fill_sheet_row(struct fill_sheet_xml *x, int r)
{
	size_t lo = 0, hi = x->n_rows;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->rows[mid].r < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n_rows && x->rows[lo].r == r ? &x->rows[lo] : NULL;
}

bool fill_cell_has_formula(fill_book *fb, size_t si, int row, int col, problems *ps)
{
	struct fill_sheet_xml *x = fill_sheet_xml_get(fb, si, ps);
	xrow *r = x ? fill_sheet_row(x, row) : NULL;
	for (size_t i = 0; r && i < r->n; i++)
		if (r->c[i].col == col)
			return r->c[i].formula;
	return false;
}

/* Under a merged range only its first (top-left) cell shows: a value
 * written into another of its cells would stand in the file unseen. */
bool fill_cell_hidden_by_merge(fill_book *fb, size_t si, int row, int col, problems *ps)
{
	struct fill_sheet_xml *x = fill_sheet_xml_get(fb, si, ps);
	if (!x || !x->merges.len)
		return false;
	const char *s = sb_str(&x->merges);
	while (*s) {
		size_t n = strcspn(s, " ");
		char buf[64];
		int c1, r1, c2, r2;
		if (n && n < sizeof buf) {
			memcpy(buf, s, n);
			buf[n] = '\0';
			char *colon = strchr(buf, ':');
			if (colon) {
				*colon = '\0';
				if (fill_parse_ref(buf, &c1, &r1) && fill_parse_ref(colon + 1, &c2, &r2) && row >= r1 &&
				    row <= r2 && col >= c1 && col <= c2 && (row != r1 || col != c1))
					return true;
			}
		}
		s += n;
		while (*s == ' ')
			s++;
	}
	return false;
}
