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

#include "fill_sheet.h"

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
		xrow *row = fill_sheet_row(x, r);
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
				cell_xml(&b, r, cells[k]->col, fill_sheet_inherited_style(x, row, cells[k]->col),
					 cells[k]->text);
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
					cell_xml(&b, r, col, fill_sheet_inherited_style(x, row, col), cells[k]->text);
					edit_add(e, at, at, &b);
				}
			}
		} else {
			sb_printf(&b, "<row r=\"%d\">", r);
			for (size_t k = i; k < j; k++)
				cell_xml(&b, r, cells[k]->col, fill_sheet_inherited_style(x, NULL, cells[k]->col),
					 cells[k]->text);
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
	/* the used range Excel reads from <dimension> takes in the new cells */
	if (x->dim_from && n) {
		int c1 = x->dim_c1, r1 = x->dim_r1, c2 = x->dim_c2, r2 = x->dim_r2;
		for (size_t k = 0; k < n; k++) {
			c1 = cells[k]->col < c1 ? cells[k]->col : c1;
			c2 = cells[k]->col > c2 ? cells[k]->col : c2;
			r1 = cells[k]->row < r1 ? cells[k]->row : r1;
			r2 = cells[k]->row > r2 ? cells[k]->row : r2;
		}
		if (c1 != x->dim_c1 || r1 != x->dim_r1 || c2 != x->dim_c2 || r2 != x->dim_r2) {
			char a[8], z[8];
			fill_col_name(c1, a);
			fill_col_name(c2, z);
			sb_printf(&b, "%s%d:%s%d", a, r1, z, r2);
			edit_add(e, x->dim_from, x->dim_to, &b);
		}
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
		struct fill_sheet_xml *x = fill_sheet_xml_get(fb, s, ps);
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
