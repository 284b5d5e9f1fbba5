#include <config.h>

/* Writing answers into the customer's own package, in place. A sheet's
 * XML is parsed (expat, no entities, no DOCTYPE, sizes counted) only to
 * learn where its rows and cells begin and end; the new cells are then
 * spliced into the original bytes, so that every byte around them stays
 * as it was. Each cell is an inline string (t="inlineStr"): the shared
 * strings part need not change. A cell keeps its style (s=); a missing
 * cell goes in column order into its row, a missing row in row order.
 * The package is copied beside the output and only the changed sheets'
 * entries are replaced there (libzip copies every other entry's
 * compressed bytes as they are); then one rename makes it the output. */

#include "fill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <expat.h>
#include <zip.h>

#include "i18n.h"
#include "xalloc.h"
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
	xcell *c;
	size_t n, cap;
} xrow;

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
	/* while parsing */
	XML_Parser p;
	const char *stack[XLSX_MAX_XML_DEPTH + 1];
	int depth;
	int collect;    /* 1 sqref, 2 formula of the last validation */
	const char *error;
	cs_mark error_at;
};

void fill_sheet_xml_free(struct fill_sheet_xml *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_rows; i++) {
		for (size_t k = 0; k < x->rows[i].n; k++)
			free(x->rows[i].c[k].style);
		free(x->rows[i].c);
	}
	free(x->rows);
	for (size_t i = 0; i < x->n_dv; i++) {
		sb_free(&x->dv[i].sqref);
		sb_free(&x->dv[i].formula);
	}
	free(x->dv);
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

/* "D7" → column 4, row 7; false when it is not a cell reference. */
static bool parse_ref(const char *s, int *col, int *row)
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
	static const char *const known[] = {"sheetData", "row", "c", "f", "dataValidation", "formula1", "sqref", ""};
	const char *kept = known[7];
	for (size_t i = 0; i < 7; i++)
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
	} else if (kept == known[2] && strcmp(up, "row") == 0 && x->n_rows) {
		xrow *row = &x->rows[x->n_rows - 1];
		const char *r = att(atts, "r");
		int col = row->n ? row->c[row->n - 1].col + 1 : 1, rr = row->r;
		if (r && (!parse_ref(r, &col, &rr) || rr != row->r)) {
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

static struct fill_sheet_xml *sheet_xml(fill_book *fb, size_t si, problems *ps)
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

static xrow *find_row(struct fill_sheet_xml *x, int r)
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
	struct fill_sheet_xml *x = sheet_xml(fb, si, ps);
	xrow *r = x ? find_row(x, row) : NULL;
	for (size_t i = 0; r && i < r->n; i++)
		if (r->c[i].col == col)
			return r->c[i].formula;
	return false;
}

/* Does the sqref ("D7:D100 F2") hold the cell? */
static bool sqref_has(const char *sq, int row, int col)
{
	char buf[64];
	while (*sq) {
		while (*sq == ' ')
			sq++;
		size_t n = strcspn(sq, " ");
		if (n && n < sizeof buf) {
			memcpy(buf, sq, n);
			buf[n] = '\0';
			char *colon = strchr(buf, ':');
			int c1, r1, c2, r2;
			if (colon)
				*colon = '\0';
			if (parse_ref(buf, &c1, &r1)) {
				if (!colon || !parse_ref(colon + 1, &c2, &r2)) {
					c2 = c1;
					r2 = r1;
				}
				if (row >= r1 && row <= r2 && col >= c1 && col <= c2)
					return true;
			}
		}
		sq += n;
	}
	return false;
}

/* ---- data-validation lists ---- */

typedef struct dn_state {
	fill_book *fb;
	strbuf name_text;
	char *name;
} dn_state;

static bool dn_start(xlsx_xml *x, int kind, const char **atts)
{
	dn_state *d = x->ud;
	if (kind == 1) {
		const char *n = xlsx_attr(atts, "name");
		free(d->name);
		d->name = xstrdup(n ? n : "");
		sb_clear(&d->name_text);
		x->want_text = true;
	}
	return true;
}

static bool dn_text(xlsx_xml *x, const char *s, size_t len)
{
	dn_state *d = x->ud;
	return xlsx_collect(x, &d->name_text, 65536, s, len, (cs_mark){0, 0});
}

static bool dn_end(xlsx_xml *x, int kind)
{
	dn_state *d = x->ud;
	if (kind == 1) {
		fill_book *fb = d->fb;
		fb->names = xrealloc(fb->names, (fb->n_names + 1) * 2 * sizeof *fb->names);
		fb->names[fb->n_names * 2] = d->name;
		fb->names[fb->n_names * 2 + 1] = xstrdup(sb_str(&d->name_text));
		d->name = NULL;
		fb->n_names++;
		x->want_text = false;
	}
	return true;
}

static bool read_names(fill_book *fb, problems *ps)
{
	if (fb->names_read)
		return true;
	fb->names_read = true;
	static const char *const names[] = {"definedName"};
	dn_state d = {.fb = fb};
	sb_init(&d.name_text);
	xlsx_xml x = {.names = names, .n_names = 1, .start = dn_start, .end = dn_end, .text = dn_text, .ud = &d};
	bool ok = xlsx_part_parse(&fb->b->z, fb->b->workbook_part, &x, ps);
	sb_free(&d.name_text);
	free(d.name);
	return ok;
}

static void list_add(char ***list, size_t *n, const char *s, size_t len)
{
	while (len && *s == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (!len)
		return;
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = xstrndup(s, len);
}

/* The entries a formula1 names: "a,b,c" inline, a range on this or
 * another sheet, or a defined name (followed once). Formulas it cannot
 * read (INDIRECT, OFFSET) give no entries: then nothing fits. */
static bool list_of(fill_book *fb, size_t si, const char *formula, int depth, char ***list, size_t *n,
		    problems *ps)
{
	while (*formula == '=' || *formula == ' ')
		formula++;
	size_t len = strlen(formula);
	if (len >= 2 && formula[0] == '"' && formula[len - 1] == '"') {
		const char *s = formula + 1, *end = formula + len - 1;
		while (s < end) {
			const char *comma = memchr(s, ',', (size_t)(end - s));
			const char *stop = comma ? comma : end;
			list_add(list, n, s, (size_t)(stop - s));
			s = stop + 1;
		}
		return true;
	}
	const char *bang = strrchr(formula, '!');
	char *sheet_name = NULL;
	const char *range = formula;
	if (bang) {
		const char *a = formula, *b = bang;
		if (*a == '\'' && b > a + 1 && b[-1] == '\'') {
			a++;
			b--;
		}
		strbuf nm;
		sb_init(&nm);
		for (const char *p = a; p < b; p++) {
			sb_addn(&nm, p, 1);
			if (*p == '\'' && p + 1 < b && p[1] == '\'')
				p++;
		}
		sheet_name = sb_take(&nm);
		range = bang + 1;
	}
	char buf[64];
	int c1, r1, c2, r2;
	bool is_range = false;
	if (strlen(range) < sizeof buf) {
		strcpy(buf, range);
		char *colon = strchr(buf, ':');
		if (colon)
			*colon = '\0';
		is_range = parse_ref(buf, &c1, &r1) && (!colon || parse_ref(colon + 1, &c2, &r2));
		if (is_range && !colon) {
			c2 = c1;
			r2 = r1;
		}
	}
	if (!is_range) {
		free(sheet_name);
		if (bang || depth > 0)
			return true;
		if (!read_names(fb, ps))
			return false;
		for (size_t i = 0; i < fb->n_names; i++)
			if (strcmp(fb->names[i * 2], formula) == 0)
				return list_of(fb, si, fb->names[i * 2 + 1], depth + 1, list, n, ps);
		return true;
	}
	size_t at = si;
	if (sheet_name) {
		bool found = false;
		for (size_t i = 0; i < xlsx_sheet_count(fb->b) && !found; i++)
			if (strcmp(xlsx_sheet_name(fb->b, i), sheet_name) == 0) {
				at = i;
				found = true;
			}
		free(sheet_name);
		if (!found)
			return true;
	}
	sheet_grid g;
	grid_init(&g);
	bool ok = xlsx_read_sheet(fb->b, at, &g, ps);
	for (size_t i = 0; ok && i < g.n; i++) {
		if (g.rows[i].line < r1 || g.rows[i].line > r2)
			continue;
		for (int c = c1; c <= c2; c++) {
			const char *t = grid_cell(&g.rows[i], c);
			list_add(list, n, t, strlen(t));
		}
	}
	grid_free(&g);
	return ok;
}

bool fill_cell_list(fill_book *fb, size_t si, int row, int col, char ***list, size_t *n, problems *ps)
{
	*list = NULL;
	*n = 0;
	struct fill_sheet_xml *x = sheet_xml(fb, si, ps);
	if (!x)
		return false;
	for (size_t i = 0; i < x->n_dv; i++)
		if (sqref_has(sb_str(&x->dv[i].sqref), row, col)) {
			list_of(fb, si, sb_str(&x->dv[i].formula), 0, list, n, ps);
			return true;
		}
	return false;
}

/* ---- the splice ---- */

typedef struct edit {
	size_t from, to;   /* bytes of the original replaced (from == to: inserted) */
	size_t order;      /* insertions at one place keep the order made */
	char *text;
} edit;

static int edit_cmp(const void *a, const void *b)
{
	const edit *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Text as an inline string: XML escapes, and the characters XML cannot
 * hold (and a literal "_xHHHH_", which Excel would decode) as Excel's
 * own escapes. */
static void add_escaped(strbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			sb_add(b, "&amp;");
		else if (c == '<')
			sb_add(b, "&lt;");
		else if (c == '>')
			sb_add(b, "&gt;");
		else if (c < 0x20 && c != '\n' && c != '\t')
			sb_printf(b, "_x%04X_", c);
		else if (c == '_' && s[1] == 'x' && strspn(s + 2, "0123456789abcdefABCDEF") >= 4 && s[6] == '_')
			sb_add(b, "_x005F_");
		else
			sb_addn(b, s, 1);
	}
}

static void cell_xml(strbuf *b, int row, int col, const char *style, const char *text)
{
	char name[8];
	fill_col_name(col, name);
	sb_printf(b, "<c r=\"%s%d\"", name, row);
	if (style) {
		sb_add(b, " s=\"");
		add_escaped(b, style);
		sb_add(b, "\"");
	}
	sb_add(b, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
	add_escaped(b, text);
	sb_add(b, "</t></is></c>");
}

typedef struct edits {
	edit *v;
	size_t n, cap;
} edits;

static void edit_add(edits *e, size_t from, size_t to, strbuf *text)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->v = xrealloc(e->v, e->cap * sizeof *e->v);
	}
	e->v[e->n] = (edit){from, to, e->n, sb_take(text)};
	e->n++;
}

static int cell_cmp(const void *a, const void *b)
{
	const fill_cell *x = *(const fill_cell *const *)a, *y = *(const fill_cell *const *)b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* The edits that set cells (all of one sheet, sorted by row and column). */
static void plan(struct fill_sheet_xml *x, const fill_cell *const *cells, size_t n, edits *e)
{
	strbuf b;
	sb_init(&b);
	strbuf new_rows; /* for a <sheetData/> with no rows at all */
	sb_init(&new_rows);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && cells[j]->row == cells[i]->row)
			j++;
		int r = cells[i]->row;
		xrow *row = find_row(x, r);
		if (row && row->self_closing) {
			/* <row r="7" .../> becomes <row r="7" ...>cells</row> */
			size_t slash = row->tag_end - 2;
			while (slash > row->start && x->data[slash] != '/')
				slash--;
			if (row->spans_from && row->spans_to < slash) {
				int lo = row->span_lo, hi = row->span_hi;
				for (size_t k = i; k < j; k++) {
					lo = cells[k]->col < lo ? cells[k]->col : lo;
					hi = cells[k]->col > hi ? cells[k]->col : hi;
				}
				sb_addn(&b, x->data + row->start, row->spans_from - row->start);
				sb_printf(&b, "%d:%d", lo, hi);
				sb_addn(&b, x->data + row->spans_to, slash - row->spans_to);
			} else
				sb_addn(&b, x->data + row->start, slash - row->start);
			sb_add(&b, ">");
			for (size_t k = i; k < j; k++)
				cell_xml(&b, r, cells[k]->col, NULL, cells[k]->text);
			sb_add(&b, "</row>");
			edit_add(e, row->start, row->end, &b);
		} else if (row) {
			if (row->spans_from) {
				int lo = row->span_lo, hi = row->span_hi;
				for (size_t k = i; k < j; k++) {
					lo = cells[k]->col < lo ? cells[k]->col : lo;
					hi = cells[k]->col > hi ? cells[k]->col : hi;
				}
				if (lo != row->span_lo || hi != row->span_hi) {
					sb_printf(&b, "%d:%d", lo, hi);
					edit_add(e, row->spans_from, row->spans_to, &b);
				}
			}
			size_t c = 0;
			for (size_t k = i; k < j; k++) {
				int col = cells[k]->col;
				while (c < row->n && row->c[c].col < col)
					c++;
				if (c < row->n && row->c[c].col == col) {
					cell_xml(&b, r, col, row->c[c].style, cells[k]->text);
					edit_add(e, row->c[c].start, row->c[c].end, &b);
				} else {
					size_t at = c < row->n ? row->c[c].start : row->close_start;
					cell_xml(&b, r, col, NULL, cells[k]->text);
					edit_add(e, at, at, &b);
				}
			}
		} else {
			sb_printf(&b, "<row r=\"%d\">", r);
			for (size_t k = i; k < j; k++)
				cell_xml(&b, r, cells[k]->col, NULL, cells[k]->text);
			sb_add(&b, "</row>");
			if (x->sd_self)
				sb_addn(&new_rows, sb_str(&b), b.len), sb_clear(&b);
			else {
				size_t at = x->sd_close;
				for (size_t k = 0; k < x->n_rows; k++)
					if (x->rows[k].r > r) {
						at = x->rows[k].start;
						break;
					}
				edit_add(e, at, at, &b);
			}
		}
		i = j;
	}
	if (new_rows.len) {
		size_t slash = x->sd_tag_end - 2;
		while (slash > x->sd_start && x->data[slash] != '/')
			slash--;
		sb_addn(&b, x->data + x->sd_start, slash - x->sd_start);
		sb_add(&b, ">");
		sb_addn(&b, sb_str(&new_rows), new_rows.len);
		sb_add(&b, "</sheetData>");
		edit_add(e, x->sd_start, x->sd_tag_end, &b);
	}
	sb_free(&new_rows);
	sb_free(&b);
}

static char *apply(const struct fill_sheet_xml *x, edits *e, size_t *len)
{
	qsort(e->v, e->n, sizeof *e->v, edit_cmp);
	strbuf out;
	sb_init(&out);
	size_t pos = 0;
	for (size_t i = 0; i < e->n; i++) {
		sb_addn(&out, x->data + pos, e->v[i].from - pos);
		sb_add(&out, e->v[i].text);
		pos = e->v[i].to > pos ? e->v[i].to : pos;
	}
	sb_addn(&out, x->data + pos, x->len - pos);
	*len = out.len;
	return sb_take(&out);
}

static void io_error(problems *ps, const char *path, const char *what, const char *why)
{
	problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("could not write (%s: %s); nothing was written"),
		     what, why);
}

bool fill_write(fill_book *fb, const fill_cell *cells, size_t n, const char *out_path, problems *ps)
{
	size_t n_sheets = xlsx_sheet_count(fb->b);
	char **new_data = xcalloc(n_sheets ? n_sheets : 1, sizeof *new_data);
	size_t *new_len = xcalloc(n_sheets ? n_sheets : 1, sizeof *new_len);
	const fill_cell **sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	bool ok = true;
	for (size_t s = 0; s < n_sheets && ok; s++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (cells[i].sheet == s)
				sorted[m++] = &cells[i];
		if (!m)
			continue;
		struct fill_sheet_xml *x = sheet_xml(fb, s, ps);
		if (!x) {
			ok = false;
			break;
		}
		qsort(sorted, m, sizeof *sorted, cell_cmp);
		edits e = {0};
		plan(x, sorted, m, &e);
		new_data[s] = apply(x, &e, &new_len[s]);
		for (size_t i = 0; i < e.n; i++)
			free(e.v[i].text);
		free(e.v);
	}
	free(sorted);

	/* the copy beside the output, so that the rename stays on one file
	 * system */
	char *tmp = NULL;
	int fd = -1;
	if (ok) {
		const char *slash = strrchr(out_path, '/');
		tmp = slash ? xasprintf("%.*s/.%s.fill-XXXXXX", (int)(slash - out_path), out_path, slash + 1)
			    : xasprintf(".%s.fill-XXXXXX", out_path);
		fd = mkstemp(tmp);
		if (fd < 0) {
			io_error(ps, out_path, tmp, strerror(errno));
			free(tmp);
			tmp = NULL;
			ok = false;
		}
	}
	if (ok) {
		mode_t mask = umask(0);
		umask(mask);
		const char *p = fb->b->z.data;
		size_t left = fb->b->z.len;
		while (left) {
			ssize_t w = write(fd, p, left);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				io_error(ps, out_path, tmp, strerror(errno));
				ok = false;
				break;
			}
			p += w;
			left -= (size_t)w;
		}
		if (ok && (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0)) {
			io_error(ps, out_path, tmp, strerror(errno));
			ok = false;
		}
		if (close(fd) != 0 && ok) {
			io_error(ps, out_path, tmp, strerror(errno));
			ok = false;
		}
	}
	zip_t *za = NULL;
	if (ok) {
		int err = 0;
		za = zip_open(tmp, 0, &err);
		if (!za) {
			zip_error_t ze;
			zip_error_init_with_code(&ze, err);
			io_error(ps, out_path, tmp, zip_error_strerror(&ze));
			zip_error_fini(&ze);
			ok = false;
		}
	}
	for (size_t s = 0; ok && s < n_sheets; s++) {
		if (!new_data[s])
			continue;
		const char *part = fb->xml[s]->part;
		zip_int64_t idx = zip_name_locate(za, part, ZIP_FL_NOCASE);
		zip_stat_t st;
		zip_source_t *src = idx >= 0 ? zip_source_buffer(za, new_data[s], new_len[s], 0) : NULL;
		if (!src || zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0 ||
		    zip_file_replace(za, (zip_uint64_t)idx, src, 0) != 0) {
			if (src && idx >= 0)
				zip_source_free(src);
			io_error(ps, out_path, part, zip_strerror(za));
			ok = false;
			break;
		}
		/* the entry keeps its time: a second fill gives the same bytes */
		if ((st.valid & ZIP_STAT_MTIME) && zip_file_set_mtime(za, (zip_uint64_t)idx, st.mtime, 0) != 0) {
			io_error(ps, out_path, part, zip_strerror(za));
			ok = false;
			break;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 0);
	}
	if (za) {
		if (ok && zip_close(za) != 0) {
			io_error(ps, out_path, tmp, zip_strerror(za));
			ok = false;
		}
		if (!ok)
			zip_discard(za);
	}
	if (ok && rename(tmp, out_path) != 0) {
		io_error(ps, out_path, out_path, strerror(errno));
		ok = false;
	}
	if (!ok && tmp)
		unlink(tmp);
	free(tmp);
	for (size_t s = 0; s < n_sheets; s++)
		free(new_data[s]);
	free(new_data);
	free(new_len);
	return ok;
}
