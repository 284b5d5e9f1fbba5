#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "i18n.h"
#include "strmap.h"
#include "units.h"
#include "utf8.h"
#include "xalloc.h"

/* UTF-16 code units of a code point: Excel counts its limits in them. */
static size_t utf16_units(uint32_t cp) { return cp > 0xFFFF ? 2 : 1; }

/* What no sheet name may hold: []:*?/\ and control characters. */
static bool bad_in_sheet_name(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp < 0x80 && strchr("[]:*?/\\", (int)cp));
}

/* A key for uniqueness: Excel compares sheet names without case. */
static char *fold_name(const char *name)
{
	char *k = xstrdup(name);
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

/* Appends up to room UTF-16 units of s (already clean) to sb. */
static void add_cut(strbuf *sb, const char *s, size_t room)
{
	size_t len = strlen(s), used = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (used + utf16_units(cp) > room)
			break;
		sb_addn(sb, s + i, n);
		used += utf16_units(cp);
		i += n;
	}
}

void sheet_names_init(sheet_names *sn)
{
	memset(sn, 0, sizeof *sn);
	strmap_init(&sn->taken);
	strmap_init(&sn->bases);
}

void sheet_names_free(sheet_names *sn)
{
	strmap_free(&sn->taken);
	strmap_free(&sn->bases);
	free(sn->next);
	memset(sn, 0, sizeof *sn);
}

/* Excel sheet names: at most 31 characters (UTF-16 units, cut by whole
 * characters), none of []:*?/\ or control characters, no apostrophe at
 * either end, never empty, unique without case (~2, ~3... when not). */
char *export_sheet_name(const char *wanted, sheet_names *used)
{
	strbuf clean;
	sb_init(&clean);
	size_t len = strlen(wanted);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(wanted + i, len - i, &cp);
		if (!bad_in_sheet_name(cp) && !(cp == 0xFFFD && n == 1))
			sb_addn(&clean, wanted + i, n);
		i += n;
	}
	strbuf cut;
	sb_init(&cut);
	add_cut(&cut, sb_str(&clean), 31);
	sb_free(&clean);
	/* no apostrophe (nor space) at either end */
	char *s = sb_take(&cut);
	char *start = s;
	while (*start == '\'' || *start == ' ')
		start++;
	size_t n = strlen(start);
	while (n && (start[n - 1] == '\'' || start[n - 1] == ' '))
		start[--n] = '\0';
	char *base = xstrdup(*start ? start : "Sheet");
	free(s);
	char *key = fold_name(base);
	if (strcmp(key, "history") != 0 && strmap_put(&used->taken, key, 0)) {
		free(key);
		return base;
	}
	/* taken: suffixes from where this base's last one stopped, so that
	 * ten thousand sections of one title stay linear */
	size_t slot;
	if (!strmap_get(&used->bases, key, &slot)) {
		XGROW(used->next, used->cap_next, used->n_next + 1);
		slot = used->n_next++;
		used->next[slot] = 2;
		strmap_put(&used->bases, key, slot);
	}
	free(key);
	char *name = NULL;
	for (size_t k = used->next[slot];; k++) {
		char suffix[32];
		snprintf(suffix, sizeof suffix, "~%zu", k);
		strbuf sb;
		sb_init(&sb);
		add_cut(&sb, base, 31 - strlen(suffix));
		/* the cut may leave an apostrophe or a space at the end */
		while (sb.len && (sb.s[sb.len - 1] == '\'' || sb.s[sb.len - 1] == ' '))
			sb.s[--sb.len] = '\0';
		sb_add(&sb, suffix);
		name = sb_take(&sb);
		char *folded = fold_name(name);
		bool fresh = strmap_put(&used->taken, folded, 0);
		free(folded);
		if (fresh) {
			used->next[slot] = k + 1;
			break;
		}
		free(name);
	}
	free(base);
	return name;
}

#ifdef HAVE_XLSXWRITER
#include "export_xlsx_internal.h"

static size_t units_of(const char *s)
{
	size_t len = strlen(s), u = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		u += utf16_units(cp);
	}
	return u;
}

/* A section's sheet: its number and title. */
static char *section_sheet_name(const char *title, size_t index, sheet_names *used)
{
	char *wanted = xasprintf("%zu %s", index + 1, title);
	char *name = export_sheet_name(wanted, used);
	free(wanted);
	return name;
}

/* Text for the workbook's document properties, which libxlsxwriter
 * writes into XML as it is: without the control characters XML 1.0 does
 * not allow (cells are escaped by libxlsxwriter itself). */
static char *xml_text(const char *s)
{
	strbuf sb;
	sb_init(&sb);
	for (const char *p = s ? s : ""; *p; p++)
		if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n')
			sb_addc(&sb, *p);
	return sb_take(&sb);
}

/* Sheets per section or per table item, at most (see export_xlsx). */
#define XLSX_MAX_EXTRA_SHEETS 100

/* Excel holds at most 32 767 characters in a cell. */
#define CELL_MAX_UNITS 32767

/* Column widths in characters (digits of the default font; Japanese text
 * counts about double). Printed one page wide on A4 landscape, so their
 * sum sets the print's scale: the long texts (description, answer, note)
 * get the room, so that rows stay short. */
static const double widths[COL_COUNT] = {5, 10, 18, 40, 10, 36, 52, 8, 8, 8, 30};

bool xlsx_write_text(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, const char *text, lxw_format *fmt)
{
	if (units_of(text) <= CELL_MAX_UNITS) {
		worksheet_write_string(ws, y, x, text, fmt);
		return false;
	}
	strbuf sb;
	sb_init(&sb);
	add_cut(&sb, text, CELL_MAX_UNITS - 1);
	sb_add(&sb, "…");
	worksheet_write_string(ws, y, x, sb_str(&sb), fmt);
	sb_free(&sb);
	return true;
}

/* A No. that is a whole number ("12", not "3.1", "A-1" or "007") is
 * written as one, so that the column sorts as numbers. */
static bool no_number(const char *no, double *out)
{
	size_t n = strlen(no);
	if (n == 0 || n > 15 || (no[0] == '0' && n > 1) || strspn(no, "0123456789") != n)
		return false;
	*out = strtod(no, NULL);
	return true;
}

/* The row height for cells (NULL or "" for an empty one) in the columns'
 * widths; fits false when Excel's tallest row is too short for them. */
static double cells_height(const char *const *cells, const double *col_widths, int ncols, bool *fits)
{
	size_t lines = 1;
	for (int c = 0; c < ncols; c++)
		if (cells[c] && *cells[c]) {
			size_t n = xlsx_text_lines(cells[c], col_widths[c]);
			lines = n > lines ? n : lines;
		}
	return xlsx_row_height(lines, fits);
}

static void write_header(lxw_worksheet *ws, const export_doc *d, const xlsx_formats *f, const xlsx_labels *l,
			 int ncols)
{
	const char *heads[COL_COUNT];
	for (int c = 0; c < ncols; c++)
		heads[c] = export_header((export_column)c, d->opt->lang);
	bool fits;
	worksheet_set_row(ws, 0, cells_height(heads, widths, ncols, &fits), NULL);
	for (int c = 0; c < ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], c == COL_NO ? f->number : f->wrap);
		worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], f->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(ncols - 1));
	xlsx_print_setup(ws, l, 1);
}

/* What write_row reports, each kind once per item (the first sheet
 * only): said holds a bit per kind. */
typedef struct row_report {
	const char *path;
	unsigned char *said;
	problems *ps;
} row_report;
enum { SAID_TALL = 1, SAID_CUT = 2 };

static void report_row(const row_report *rr, const export_doc *d, const export_row *r, int kind,
		       const char *code, const char *message)
{
	if (!rr || !rr->ps || (rr->said[r - d->rows] & kind))
		return;
	rr->said[r - d->rows] |= (unsigned char)kind;
	problem *p = problems_add(rr->ps, rr->path, (cs_mark){0, 0}, SEV_WARNING, code, "%s", message);
	problem_set_item(p, r->it->id, r->it->no, ltext_get(&r->it->title, d->opt->lang));
}

static void write_row(lxw_worksheet *ws, lxw_row_t y, const export_doc *d, const export_row *r,
		      const xlsx_formats *f, int ncols, const row_report *rr)
{
	const char *lang = d->opt->lang;
	const char *cells[COL_COUNT] = {
		r->it->no,
		ltext_get(&r->sec->title, lang),
		ltext_get(&r->it->title, lang),
		ltext_get(&r->it->description, lang),
		ltext_empty(&r->it->unit_label) ? unit_table[r->it->unit].id : ltext_get(&r->it->unit_label, lang),
		r->value,
		export_row_note(r),
		export_state_word(r, lang),
		export_status_word(r, lang),
		export_verdict_word(r, lang),
		r->review && r->review->comment ? r->review->comment : "",
	};
	/* constant memory: the row's height before any of its cells */
	bool fits;
	worksheet_set_row(ws, y, cells_height(cells, widths, ncols, &fits), NULL);
	if (!fits)
		report_row(rr, d, r, SAID_TALL, "row-too-tall",
			   _("the answer needs a taller row than the 409 points Excel allows; the printout cuts it "
			     "(the cell holds it all)"));
	double no;
	if (no_number(r->it->no, &no)) {
		worksheet_write_number(ws, y, COL_NO, no, f->number);
		cells[COL_NO] = "";
	}
	for (int c = 0; c < ncols; c++) {
		/* text always as text: a workbook never runs what an answer says */
		if (!*cells[c])
			continue;
		lxw_format *fmt = c == COL_STATE && r->state != ITEM_VALID ? f->problem : f->wrap;
		if (xlsx_write_text(ws, y, (lxw_col_t)c, cells[c], fmt)) {
			char *msg = xasprintf(_("a cell is longer than the %d characters Excel holds; it is cut there"),
					      CELL_MAX_UNITS);
			report_row(rr, d, r, SAID_CUT, "cell-truncated", msg);
			free(msg);
		}
	}
}

/* A table item's rows with real columns, on a sheet of its own: the
 * answer cell of the item's row holds the same rows as text (which is
 * what import reads back). */
static bool write_table_sheet(lxw_workbook *wb, const export_doc *d, const export_row *r, const xlsx_formats *f,
			      const xlsx_labels *l, sheet_names *used)
{
	const char *lang = d->opt->lang;
	char *wanted = xasprintf("No.%s %s", r->it->no, ltext_get(&r->it->title, lang));
	char *name = export_sheet_name(wanted, used);
	free(wanted);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	free(name);
	if (!ws)
		return false;
	/* the template's columns, then any key the rows hold besides */
	size_t n_keys = r->it->n_columns, cap = n_keys + 8;
	const char **keys = xcalloc(cap, sizeof *keys);
	for (size_t c = 0; c < r->it->n_columns; c++)
		keys[c] = r->it->columns[c].id;
	for (size_t i = 0; i < r->an->n_rows; i++) {
		const raw_pairs *cells = &r->an->rows[i].cells;
		for (size_t k = 0; k < cells->n; k++) {
			bool known = false;
			for (size_t j = 0; j < n_keys && !known; j++)
				known = strcmp(keys[j], cells->v[k].key) == 0;
			if (known)
				continue;
			if (n_keys == cap) {
				cap *= 2;
				keys = xreallocarray(keys, cap, sizeof *keys);
			}
			keys[n_keys++] = cells->v[k].key;
		}
	}
	size_t ncols = n_keys < 16384 ? n_keys : 16384;
	double *col_widths = xcalloc(ncols + 1, sizeof *col_widths);
	const char **row = xcalloc(ncols + 1, sizeof *row);
	for (size_t c = 0; c < ncols; c++) {
		col_widths[c] = 30;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_widths[c], f->wrap);
	}
	bool fits;
	char *title = xasprintf("No.%s %s", r->it->no, ltext_get(&r->it->title, lang));
	size_t title_lines = xlsx_text_lines(title, 30.0 * (double)(ncols ? ncols : 1));
	worksheet_set_row(ws, 0, xlsx_row_height(title_lines, &fits), NULL);
	worksheet_write_string(ws, 0, 0, title, f->label);
	free(title);
	for (size_t c = 0; c < ncols; c++) {
		row[c] = keys[c];
		if (c < r->it->n_columns && !ltext_empty(&r->it->columns[c].label))
			row[c] = ltext_get(&r->it->columns[c].label, lang);
	}
	worksheet_set_row(ws, 1, cells_height(row, col_widths, (int)ncols, &fits), NULL);
	for (size_t c = 0; c < ncols; c++)
		xlsx_write_text(ws, 1, (lxw_col_t)c, row[c], f->head);
	for (size_t i = 0; i < r->an->n_rows && i + 2 < 1048576; i++) {
		for (size_t c = 0; c < ncols; c++)
			row[c] = raw_pairs_scalar(&r->an->rows[i].cells, keys[c]);
		worksheet_set_row(ws, (lxw_row_t)(i + 2), cells_height(row, col_widths, (int)ncols, &fits), NULL);
		for (size_t c = 0; c < ncols; c++)
			if (row[c] && *row[c])
				xlsx_write_text(ws, (lxw_row_t)(i + 2), (lxw_col_t)c, row[c], f->wrap);
	}
	worksheet_freeze_panes(ws, 2, 0);
	xlsx_print_setup(ws, l, 2);
	free(row);
	free(col_widths);
	free(keys);
	return true;
}

/* Items, answered, with problems: per section, then in all. */
static bool write_summary(lxw_workbook *wb, const export_doc *d, const xlsx_formats *f, const xlsx_labels *l,
			  const char *name)
{
	lxw_worksheet *sum = workbook_add_worksheet(wb, name);
	if (!sum)
		return false;
	const char *lang = d->opt->lang;
	static const char *const heads[] = {"section", "items", "answered", "problems"};
	const double sum_widths[] = {36, 12, 12, 12};
	const char *cells[4];
	for (int c = 0; c < 4; c++) {
		cells[c] = export_word(heads[c], lang);
		worksheet_set_column(sum, (lxw_col_t)c, (lxw_col_t)c, sum_widths[c], c ? NULL : f->wrap);
	}
	bool fits;
	worksheet_set_row(sum, 0, cells_height(cells, sum_widths, 4, &fits), NULL);
	for (int c = 0; c < 4; c++)
		worksheet_write_string(sum, 0, (lxw_col_t)c, cells[c], f->head);
	size_t total_items = 0, total_answered = 0, total_problems = 0;
	for (size_t s = 0; s < d->t->n_sections; s++) {
		const tmpl_section *sec = &d->t->sections[s];
		size_t answered = 0, bad = 0;
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			answered += answer_is_answered(d->rows[i].an);
			bad += d->rows[i].state == ITEM_INVALID || d->rows[i].state == ITEM_EMPTY_REQUIRED;
		}
		lxw_row_t y = (lxw_row_t)(s + 1);
		const char *title = ltext_get(&sec->title, lang);
		worksheet_set_row(sum, y, cells_height(&title, sum_widths, 1, &fits), NULL);
		xlsx_write_text(sum, y, 0, title, f->wrap);
		worksheet_write_number(sum, y, 1, (double)sec->count, NULL);
		worksheet_write_number(sum, y, 2, (double)answered, NULL);
		worksheet_write_number(sum, y, 3, (double)bad, NULL);
		total_items += sec->count;
		total_answered += answered;
		total_problems += bad;
	}
	lxw_row_t last = (lxw_row_t)(d->t->n_sections + 1);
	worksheet_write_string(sum, last, 0, export_word("all", lang), f->head);
	worksheet_write_number(sum, last, 1, (double)total_items, f->head);
	worksheet_write_number(sum, last, 2, (double)total_answered, f->head);
	worksheet_write_number(sum, last, 3, (double)total_problems, f->head);
	worksheet_freeze_panes(sum, 1, 0);
	xlsx_print_setup(sum, l, 1);
	return true;
}

static void make_formats(lxw_workbook *wb, xlsx_formats *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xDDE5EE);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f->head, LXW_BORDER_THIN);
	f->wrap = workbook_add_format(wb);
	format_set_text_wrap(f->wrap);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
	f->problem = workbook_add_format(wb);
	format_set_text_wrap(f->problem);
	format_set_align(f->problem, LXW_ALIGN_VERTICAL_TOP);
	format_set_font_color(f->problem, LXW_COLOR_RED);
	/* No.: a number, at the top-left like the text beside it */
	f->number = workbook_add_format(wb);
	format_set_align(f->number, LXW_ALIGN_LEFT);
	format_set_align(f->number, LXW_ALIGN_VERTICAL_TOP);
	f->label = workbook_add_format(wb);
	format_set_bold(f->label);
	format_set_text_wrap(f->label);
	format_set_align(f->label, LXW_ALIGN_VERTICAL_TOP);
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	format_set_text_wrap(f->title);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_TOP);
}

bool export_xlsx(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)out;
	/* constant memory: each row goes to a temporary file as it is written
	 * (rows in order; inline strings), so a workbook of 100 000 items takes
	 * no more memory than one of 49. The temporary files go beside the
	 * output, not into a /tmp that may live in memory. */
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	else
		strcpy(dir, ".");
	lxw_workbook_options wopt = {.constant_memory = LXW_TRUE, .tmpdir = dir, .use_zip64 = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &wopt);
	free(dir);
	if (!wb) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot create the workbook"));
		return false;
	}
	const char *lang = d->opt->lang;
	/* a fixed creation time keeps exports byte-for-byte repeatable */
	lxw_doc_properties props = {0};
	/* no control character may reach the workbook's XML */
	char *doc_title = xml_text(xlsx_document_title(d));
	char *company = xml_text(answers_subject(d->a, "organization"));
	props.title = doc_title;
	props.company = company;
	props.created = 946684800; /* 2000-01-01 */
	workbook_set_properties(wb, &props);
	xlsx_formats f;
	make_formats(wb, &f);
	xlsx_labels l;
	xlsx_labels_init(&l, lang, xlsx_document_title(d));
	int ncols = d->opt->review ? COL_COUNT : COL_VERDICT;

	/* the cover first, as a printed document opens; then every item on
	 * one sheet (what import reads back: the first sheet with a header);
	 * then, when asked, a sheet per section; a sheet per table item; and
	 * the summary. By default each item is printed once: the 49 METI
	 * items of a real answers file on a handful of A4 pages */
	sheet_names used;
	sheet_names_init(&used);
	unsigned char *said = xcalloc(d->n_rows + 1, sizeof *said);
	row_report rr = {.path = path, .said = said, .ps = ps};
	char *cover_name = export_sheet_name(l.cover, &used);
	char *all_name = export_sheet_name(export_word("all", lang), &used);
	char *sum_name = export_sheet_name(export_word("summary", lang), &used);
	bool ok = xlsx_write_cover(wb, d, &f, &l, cover_name);
	lxw_worksheet *all = ok ? workbook_add_worksheet(wb, all_name) : NULL;
	ok &= all != NULL;
	if (all) {
		write_header(all, d, &f, &l, ncols);
		for (size_t i = 0; i < d->n_rows; i++)
			write_row(all, (lxw_row_t)(i + 1), d, &d->rows[i], &f, ncols, &rr);
	}
	/* a sheet per section and per table item helps a reader who tabs
	 * through a few dozen; past XLSX_MAX_EXTRA_SHEETS they help nobody, and
	 * each costs libxlsxwriter memory of its own: every item stays on the
	 * first sheet, and the reader is told */
	size_t tables = 0;
	for (size_t i = 0; i < d->n_rows; i++)
		tables += d->rows[i].it->unit == UNIT_TABLE && d->rows[i].an && d->rows[i].an->n_rows;
	bool want_sections = !d->opt->one_sheet && d->opt->section_sheets;
	bool section_sheets = want_sections && d->t->n_sections <= XLSX_MAX_EXTRA_SHEETS;
	bool table_sheets = !d->opt->one_sheet && tables <= XLSX_MAX_EXTRA_SHEETS;
	if ((want_sections && !section_sheets) || (!d->opt->one_sheet && !table_sheets))
		problems_add(ps, d->a->path, (cs_mark){0, 0}, SEV_WARNING, "sheets-left-out",
			     _("%zu sections and %zu tables: the sheets per section and per table are left out "
			       "(more than %d); every item is on the first sheet"),
			     d->t->n_sections, tables, XLSX_MAX_EXTRA_SHEETS);
	for (size_t s = 0; ok && section_sheets && s < d->t->n_sections; s++) {
		const tmpl_section *sec = &d->t->sections[s];
		char *name = section_sheet_name(ltext_get(&sec->title, lang), s, &used);
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		free(name);
		if (!ws) {
			ok = false;
			break;
		}
		write_header(ws, d, &f, &l, ncols);
		for (size_t i = 0; i < sec->count; i++)
			write_row(ws, (lxw_row_t)(i + 1), d, &d->rows[sec->first + i], &f, ncols, NULL);
	}
	for (size_t i = 0; ok && table_sheets && i < d->n_rows; i++)
		if (d->rows[i].it->unit == UNIT_TABLE && d->rows[i].an && d->rows[i].an->n_rows)
			ok = write_table_sheet(wb, d, &d->rows[i], &f, &l, &used);
	ok = ok && write_summary(wb, d, &f, &l, sum_name);
	free(cover_name);
	free(all_name);
	free(sum_name);
	free(said);
	sheet_names_free(&used);
	xlsx_labels_free(&l);
	if (!ok) {
		/* libxlsxwriter refused a sheet: a clean error, never a crash */
		workbook_close(wb);
		free(doc_title);
		free(company);
		unlink(path);
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot create the workbook"));
		return false;
	}
	lxw_error err = workbook_close(wb);
	free(doc_title);
	free(company);
	if (err != LXW_NO_ERROR) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot write the workbook: %s"),
			     lxw_strerror(err));
		return false;
	}
	return true;
}

#else

bool export_xlsx(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)d;
	(void)out;
	problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "unsupported",
		     _("this checksheet was built without libxlsxwriter, so it cannot write xlsx"));
	return false;
}

#endif
