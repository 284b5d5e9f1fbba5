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
#include <xlsxwriter.h>

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


typedef struct formats {
	lxw_format *head, *wrap, *problem;
} formats;

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

/* Column widths in characters; Japanese text counts double. */
static const double widths[COL_COUNT] = {6, 14, 28, 48, 14, 30, 40, 10, 10, 10, 36};

static void write_header(lxw_worksheet *ws, const export_doc *d, const formats *f, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], c == COL_NO ? NULL : f->wrap);
		worksheet_write_string(ws, 0, (lxw_col_t)c, export_header((export_column)c, d->opt->lang), f->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(ncols - 1));
}

static void write_row(lxw_worksheet *ws, lxw_row_t y, const export_doc *d, const export_row *r,
		      const formats *f, int ncols, const char *path, bool *cut_seen, problems *ps)
{
	const char *lang = d->opt->lang;
	const char *cells[COL_COUNT] = {
		r->it->no,
		ltext_get(&r->sec->title, lang),
		ltext_get(&r->it->title, lang),
		ltext_get(&r->it->description, lang),
		ltext_empty(&r->it->unit_label) ? unit_table[r->it->unit].id : ltext_get(&r->it->unit_label, lang),
		r->value,
		r->note,
		export_state_word(r, lang),
		export_status_word(r, lang),
		export_verdict_word(r, lang),
		r->review && r->review->comment ? r->review->comment : "",
	};
	for (int c = 0; c < ncols; c++) {
		/* always strings: a workbook never runs what an answer says */
		if (!*cells[c])
			continue;
		lxw_format *fmt = c == COL_STATE && r->state != ITEM_VALID ? f->problem : f->wrap;
		if (units_of(cells[c]) <= CELL_MAX_UNITS) {
			worksheet_write_string(ws, y, (lxw_col_t)c, cells[c], fmt);
			continue;
		}
		/* longer than a cell holds: cut (whole characters), and said */
		strbuf sb;
		sb_init(&sb);
		add_cut(&sb, cells[c], CELL_MAX_UNITS - 1);
		sb_add(&sb, "…");
		worksheet_write_string(ws, y, (lxw_col_t)c, sb_str(&sb), fmt);
		sb_free(&sb);
		if (ps && cut_seen && !cut_seen[r - d->rows]) {
			cut_seen[r - d->rows] = true;
			problem *p = problems_add(ps, path, (cs_mark){0, 0}, SEV_WARNING, "cell-truncated",
						  _("a cell is longer than the %d characters Excel holds; it is cut there"),
						  CELL_MAX_UNITS);
			problem_set_item(p, r->it->id, r->it->no, ltext_get(&r->it->title, lang));
		}
	}
}

/* A cell's text as Excel holds it: cut by whole characters when longer
 * (the item's row on the main sheet says so). */
static void write_cut(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, const char *text, lxw_format *fmt)
{
	if (units_of(text) <= CELL_MAX_UNITS) {
		worksheet_write_string(ws, y, x, text, fmt);
		return;
	}
	strbuf sb;
	sb_init(&sb);
	add_cut(&sb, text, CELL_MAX_UNITS - 1);
	sb_add(&sb, "…");
	worksheet_write_string(ws, y, x, sb_str(&sb), fmt);
	sb_free(&sb);
}

/* A table item's rows with real columns, on a sheet of its own: the
 * answer cell of the item's row holds the same rows as text (which is
 * what import reads back). */
static bool write_table_sheet(lxw_workbook *wb, const export_doc *d, const export_row *r, const formats *f,
			      sheet_names *used)
{
	const char *lang = d->opt->lang;
	char *wanted = xasprintf("No.%s %s", r->it->no, ltext_get(&r->it->title, lang));
	char *name = export_sheet_name(wanted, used);
	free(wanted);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	free(name);
	if (!ws)
		return false;
	char *title = xasprintf("No.%s %s", r->it->no, ltext_get(&r->it->title, lang));
	worksheet_write_string(ws, 0, 0, title, f->head);
	free(title);
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
	for (size_t c = 0; c < n_keys && c < 16384; c++) {
		const char *label = keys[c];
		if (c < r->it->n_columns && !ltext_empty(&r->it->columns[c].label))
			label = ltext_get(&r->it->columns[c].label, lang);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 30, f->wrap);
		write_cut(ws, 1, (lxw_col_t)c, label, f->head);
	}
	for (size_t i = 0; i < r->an->n_rows && i + 2 < 1048576; i++)
		for (size_t c = 0; c < n_keys && c < 16384; c++) {
			const char *v = raw_pairs_scalar(&r->an->rows[i].cells, keys[c]);
			if (v && *v)
				write_cut(ws, (lxw_row_t)(i + 2), (lxw_col_t)c, v, f->wrap);
		}
	worksheet_freeze_panes(ws, 2, 0);
	free(keys);
	return true;
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
	/* a fixed creation time keeps exports byte-for-byte repeatable */
	lxw_doc_properties props = {0};
	/* no control character may reach the workbook's XML */
	char *doc_title = xml_text(ltext_get(&d->t->title, d->opt->lang));
	char *company = xml_text(answers_subject(d->a, "organization"));
	props.title = doc_title;
	props.company = company;
	props.created = 946684800; /* 2000-01-01 */
	workbook_set_properties(wb, &props);
	formats f;
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_bg_color(f.head, 0xDDE5EE);
	format_set_text_wrap(f.head);
	format_set_border(f.head, LXW_BORDER_THIN);
	f.wrap = workbook_add_format(wb);
	format_set_text_wrap(f.wrap);
	format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
	f.problem = workbook_add_format(wb);
	format_set_text_wrap(f.problem);
	format_set_font_color(f.problem, LXW_COLOR_RED);
	int ncols = d->opt->review ? COL_COUNT : COL_VERDICT;
	const char *lang = d->opt->lang;

	/* every item on the first sheet: what a reader (or a converter that
	 * takes only the first sheet) sees first; then a sheet per section */
	sheet_names used;
	sheet_names_init(&used);
	bool *cut_seen = xcalloc(d->n_rows + 1, sizeof *cut_seen);
	bool ok = true;
	char *all_name = export_sheet_name(export_word("all", lang), &used);
	char *sum_name = export_sheet_name(export_word("summary", lang), &used);
	lxw_worksheet *all = workbook_add_worksheet(wb, all_name);
	ok &= all != NULL;
	if (all) {
		write_header(all, d, &f, ncols);
		for (size_t i = 0; i < d->n_rows; i++)
			write_row(all, (lxw_row_t)(i + 1), d, &d->rows[i], &f, ncols, path, cut_seen, ps);
	}
	/* a sheet per section and per table item helps a reader who tabs
	 * through a few dozen; past XLSX_MAX_EXTRA_SHEETS they help nobody, and
	 * each costs libxlsxwriter memory of its own: every item stays on the
	 * first sheet, and the reader is told */
	size_t tables = 0;
	for (size_t i = 0; i < d->n_rows; i++)
		tables += d->rows[i].it->unit == UNIT_TABLE && d->rows[i].an && d->rows[i].an->n_rows;
	bool section_sheets = !d->opt->one_sheet && d->t->n_sections <= XLSX_MAX_EXTRA_SHEETS;
	bool table_sheets = !d->opt->one_sheet && tables <= XLSX_MAX_EXTRA_SHEETS;
	if (!d->opt->one_sheet && (!section_sheets || !table_sheets))
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
		write_header(ws, d, &f, ncols);
		for (size_t i = 0; i < sec->count; i++)
			write_row(ws, (lxw_row_t)(i + 1), d, &d->rows[sec->first + i], &f, ncols, path, NULL, NULL);
	}
	for (size_t i = 0; ok && section_sheets && table_sheets && i < d->n_rows; i++)
		if (d->rows[i].it->unit == UNIT_TABLE && d->rows[i].an && d->rows[i].an->n_rows)
			ok = write_table_sheet(wb, d, &d->rows[i], &f, &used);
	lxw_worksheet *sum = ok ? workbook_add_worksheet(wb, sum_name) : NULL;
	free(all_name);
	free(sum_name);
	free(cut_seen);
	sheet_names_free(&used);
	if (!sum) {
		/* libxlsxwriter refused a sheet: a clean error, never a crash */
		workbook_close(wb);
		free(doc_title);
		free(company);
		unlink(path);
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot create the workbook"));
		return false;
	}
	worksheet_set_column(sum, 0, 0, 30, NULL);
	worksheet_set_column(sum, 1, 3, 12, NULL);
	worksheet_write_string(sum, 0, 0, export_word("section", lang), f.head);
	worksheet_write_string(sum, 0, 1, export_word("items", lang), f.head);
	worksheet_write_string(sum, 0, 2, export_word("answered", lang), f.head);
	worksheet_write_string(sum, 0, 3, export_word("problems", lang), f.head);
	size_t total_items = 0, total_answered = 0, total_problems = 0;
	for (size_t s = 0; s < d->t->n_sections; s++) {
		const tmpl_section *sec = &d->t->sections[s];
		size_t answered = 0, bad = 0;
		for (size_t i = sec->first; i < sec->first + sec->count; i++) {
			answered += answer_is_answered(d->rows[i].an);
			bad += d->rows[i].state == ITEM_INVALID || d->rows[i].state == ITEM_EMPTY_REQUIRED;
		}
		worksheet_write_string(sum, (lxw_row_t)(s + 1), 0, ltext_get(&sec->title, lang), NULL);
		worksheet_write_number(sum, (lxw_row_t)(s + 1), 1, (double)sec->count, NULL);
		worksheet_write_number(sum, (lxw_row_t)(s + 1), 2, (double)answered, NULL);
		worksheet_write_number(sum, (lxw_row_t)(s + 1), 3, (double)bad, NULL);
		total_items += sec->count;
		total_answered += answered;
		total_problems += bad;
	}
	lxw_row_t last = (lxw_row_t)(d->t->n_sections + 1);
	worksheet_write_string(sum, last, 0, export_word("all", lang), f.head);
	worksheet_write_number(sum, last, 1, (double)total_items, f.head);
	worksheet_write_number(sum, last, 2, (double)total_answered, f.head);
	worksheet_write_number(sum, last, 3, (double)total_problems, f.head);
	worksheet_freeze_panes(sum, 1, 0);

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
