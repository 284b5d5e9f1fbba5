#include <config.h>

#include <string.h>

#include "export.h"
#include "i18n.h"
#include "units.h"
#include "xalloc.h"

/* RFC 4180: a cell with the separator, a quote or a line break is quoted,
 * quotes doubled. Records end in CRLF, as Excel writes them. With the
 * formula guard, a cell starting with = + - @ tab or CR gets a ' before
 * it (inside the quotes when it is quoted). */
static void add_cell(strbuf *line, const char *cell, char sep, bool guard)
{
	static const char lead[] = "=+-@\t\r";
	bool guarded = guard && cell[0] && strchr(lead, cell[0]);
	char special[5] = {sep, '"', '\n', '\r', '\0'};
	size_t plain = strcspn(cell, special);
	if (!cell[plain]) {
		if (guarded)
			sb_addc(line, '\'');
		sb_addn(line, cell, plain);
		return;
	}
	sb_addc(line, '"');
	if (guarded)
		sb_addc(line, '\'');
	for (const char *c = cell;;) {
		const char *q = strchr(c, '"');
		if (!q) {
			sb_add(line, c);
			break;
		}
		sb_addn(line, c, (size_t)(q - c) + 1);
		sb_addc(line, '"');
		c = q + 1;
	}
	sb_addc(line, '"');
}

/* A record straight into out for UTF-8; other encodings convert the
 * record (and name the row, where, if a character cannot be held). */
static bool write_record(const export_doc *d, const char *const *cells, int n, char sep,
			 const export_row *r, strbuf *out, problems *ps)
{
	bool utf8 = d->opt->encoding == ENC_UTF8 || d->opt->encoding == ENC_UTF8_BOM;
	strbuf line;
	strbuf *to = out;
	if (!utf8) {
		sb_init(&line);
		to = &line;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(to, sep);
		add_cell(to, cells[i], sep, d->opt->formula_guard);
	}
	sb_addn(to, "\r\n", 2);
	if (utf8)
		return true;
	char *where = r ? xasprintf("No.%s %s", r->it->no, ltext_get(&r->it->title, d->opt->lang)) : NULL;
	bool ok = encode_text(d->opt->encoding, sb_str(&line), d->opt->substitute, where ? where : _("header"),
			      d->a->path, out, ps);
	free(where);
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
	bool ok = write_record(d, head, ncols, sep, NULL, out, ps);
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
		cells[COL_NOTE] = export_row_note(r);
		cells[COL_STATE] = export_state_word(r, lang);
		cells[COL_STATUS] = export_status_word(r, lang);
		cells[COL_VERDICT] = export_verdict_word(r, lang);
		cells[COL_COMMENT] = r->review && r->review->comment ? r->review->comment : "";
		ok &= write_record(d, cells, ncols, sep, r, out, ps);
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
