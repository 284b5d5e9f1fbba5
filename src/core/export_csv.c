#include <config.h>

#include <string.h>

#include "export.h"
#include "units.h"
#include "xalloc.h"

/* RFC 4180: a cell with the separator, a quote or a line break is quoted,
 * quotes doubled. Records end in CRLF, as Excel writes them. */
static void add_cell(strbuf *line, const char *cell, char sep)
{
	bool quote = strchr(cell, sep) || strchr(cell, '"') || strchr(cell, '\n') || strchr(cell, '\r');
	if (!quote) {
		sb_add(line, cell);
		return;
	}
	sb_addc(line, '"');
	for (const char *c = cell; *c; c++) {
		if (*c == '"')
			sb_addc(line, '"');
		sb_addc(line, *c);
	}
	sb_addc(line, '"');
}

static bool write_record(const export_doc *d, const char *const *cells, int n, char sep, const char *where,
			 strbuf *out, problems *ps)
{
	strbuf line;
	sb_init(&line);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&line, sep);
		char *c = d->opt->formula_guard ? formula_guard(cells[i]) : xstrdup(cells[i]);
		add_cell(&line, c, sep);
		free(c);
	}
	sb_add(&line, "\r\n");
	bool ok = encode_text(d->opt->encoding, sb_str(&line), d->opt->substitute, where, d->a->path, out, ps);
	sb_free(&line);
	return ok;
}

static bool export_separated(const export_doc *d, strbuf *out, problems *ps, char sep)
{
	const char *lang = d->opt->lang;
	int ncols = d->opt->review ? COL_COUNT : COL_VERDICT;
	if (d->opt->encoding == ENC_UTF8_BOM)
		sb_add(out, "\xEF\xBB\xBF");
	const char *head[COL_COUNT];
	for (int c = 0; c < COL_COUNT; c++)
		head[c] = export_header((export_column)c, lang);
	bool ok = write_record(d, head, ncols, sep, "header", out, ps);
	for (size_t i = 0; i < d->n_rows; i++) {
		const export_row *r = &d->rows[i];
		const char *cells[COL_COUNT];
		cells[COL_NO] = r->it->no;
		cells[COL_SECTION] = ltext_get(&r->sec->title, lang);
		cells[COL_ITEM] = ltext_get(&r->it->title, lang);
		cells[COL_DESCRIPTION] = ltext_get(&r->it->description, lang);
		cells[COL_UNIT] = ltext_empty(&r->it->unit_label) ? unit_table[r->it->unit].id
								    : ltext_get(&r->it->unit_label, lang);
		cells[COL_ANSWER] = r->value;
		cells[COL_NOTE] = r->note;
		cells[COL_STATE] = export_state_word(r, lang);
		cells[COL_STATUS] = export_status_word(r, lang);
		cells[COL_VERDICT] = export_verdict_word(r, lang);
		cells[COL_COMMENT] = r->review && r->review->comment ? r->review->comment : "";
		char *where = xasprintf("No.%s %s", r->it->no, ltext_get(&r->it->title, lang));
		ok &= write_record(d, cells, ncols, sep, where, out, ps);
		free(where);
	}
	return ok;
}

bool export_csv(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	return export_separated(d, out, ps, ',');
}

bool export_tsv(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	return export_separated(d, out, ps, '\t');
}
