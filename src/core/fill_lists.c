#include <config.h>

/* The entries a customer's dropdown offers: the list validation that
 * holds a cell, and its formula read as an inline list, a range on this
 * or another sheet, or a defined name of the workbook. */

#include "fill_sheet.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

bool fill_sqref_has(const char *sq, int row, int col)
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
			if (fill_parse_ref(buf, &c1, &r1)) {
				if (!colon || !fill_parse_ref(colon + 1, &c2, &r2)) {
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
		is_range = fill_parse_ref(buf, &c1, &r1) && (!colon || fill_parse_ref(colon + 1, &c2, &r2));
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
	struct fill_sheet_xml *x = fill_sheet_xml_get(fb, si, ps);
	if (!x)
		return false;
	for (size_t i = 0; i < x->n_dv; i++)
		if (fill_sqref_has(sb_str(&x->dv[i].sqref), row, col)) {
			list_of(fb, si, sb_str(&x->dv[i].formula), 0, list, n, ps);
			return true;
		}
	return false;
}
