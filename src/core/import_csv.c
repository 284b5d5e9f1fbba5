#include <config.h>

#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "units.h"
#include "utf8.h"
#include "xalloc.h"

/* CSV and TSV as Excel writes them, in the encodings of Japanese offices,
 * read into a grid of rows: the importer does the rest (import_sheet.c). */

/* A NUL-terminated copy of n bytes that may hold NULs themselves. */
static char *xmemdup0(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Line and column (1-based, in characters) of byte off of text. */
static cs_mark text_mark(const char *text, size_t off)
{
	cs_mark m = {1, 1};
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n') {
			m.line++;
			start = i + 1;
		}
	for (size_t i = start; i < off;) {
		uint32_t cp;
		i += utf8_decode(text + i, off - i, &cp);
		m.column++;
	}
	return m;
}

/* The encoding names iconv knows for -e. */
static const char *iconv_name(const char *enc)
{
	if (strcasecmp(enc, "shift_jis") == 0 || strcasecmp(enc, "shift-jis") == 0 || strcasecmp(enc, "sjis") == 0 ||
	    strcasecmp(enc, "cp932") == 0 || strcasecmp(enc, "windows-31j") == 0)
		return "CP932";
	if (strcasecmp(enc, "euc-jp") == 0 || strcasecmp(enc, "eucjp") == 0)
		return "EUC-JP";
	return enc;
}

static bool is_utf8_name(const char *enc)
{
	return strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0 || strcasecmp(enc, "utf-8-bom") == 0 ||
	       strcasecmp(enc, "utf8-bom") == 0;
}

/* Converts buf from an encoding into UTF-8. A byte sequence that is not
 * valid there is a fatal problem at its line and column (counted in the
 * text converted so far: the line breaks of CP932 and EUC-JP are ASCII). */
static char *to_utf8(const char *buf, size_t len, const char *from, const char *shown, const char *path,
		     size_t *out_len, problems *ps)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("unknown encoding %s"), shown);
		return NULL;
	}
	strbuf sb;
	sb_init(&sb);
	char *in = (char *)buf;
	size_t il = len;
	char tmp[4096];
	while (il) {
		char *op = tmp;
		size_t ol = sizeof tmp;
		size_t r = iconv(cd, &in, &il, &op, &ol);
		sb_addn(&sb, tmp, sizeof tmp - ol);
		if (r == (size_t)-1 && errno != E2BIG) {
			size_t off = (size_t)(in - buf);
			cs_mark at = text_mark(sb_str(&sb), sb.len);
			problems_add(ps, path, at, SEV_FATAL, "invalid-encoding",
				     _("the file is not valid %s: byte 0x%02X at byte offset %zu cannot be read"),
				     shown, (unsigned)(unsigned char)buf[off], off);
			sb_free(&sb);
			iconv_close(cd);
			return NULL;
		}
	}
	iconv_close(cd);
	*out_len = sb.len;
	return sb_take(&sb);
}

/* Whether bytes that are not valid UTF-8 are still meant as UTF-8 with a
 * few broken bytes: many valid multi-byte sequences, few invalid bytes.
 * Japanese in CP932 or EUC-JP read as UTF-8 gives the opposite. */
static bool looks_like_utf8(const char *buf, size_t len)
{
	size_t valid = 0, invalid = 0;
	for (size_t i = 0; i < len;) {
		if ((unsigned char)buf[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(buf + i, len - i, &cp);
		if (n > 1)
			valid++;
		else
			invalid++;
		i += n;
	}
	return valid > 0 && valid >= 4 * invalid;
}

enum utf8_hint { HINT_NONE, HINT_READS_AS_UTF8, HINT_NEITHER };

static void invalid_utf8(const char *path, const char *buf, size_t len, size_t skip, enum utf8_hint hint,
			 problems *ps)
{
	size_t bad = 0;
	utf8_valid(buf + skip, len - skip, &bad);
	bad += skip;
	const char *fmt = hint == HINT_READS_AS_UTF8
				  ? _("invalid UTF-8: byte 0x%02X at byte offset %zu (the file reads as UTF-8 elsewhere; if "
				      "it is not UTF-8, name its encoding with -e)")
			  : hint == HINT_NEITHER
				  ? _("invalid UTF-8: byte 0x%02X at byte offset %zu (the file is neither UTF-8 nor CP932; "
				      "name its encoding with -e)")
				  : _("invalid UTF-8: byte 0x%02X at byte offset %zu");
	problems_add(ps, path, text_mark(buf + skip, bad - skip), SEV_FATAL, "invalid-utf8", fmt,
		     (unsigned)(unsigned char)buf[bad], bad);
}

/* The file's text in UTF-8: a BOM decides (UTF-8, UTF-16), else -e, else
 * UTF-8 when it is valid or nearly so (one bad byte in a UTF-8 file is
 * reported as invalid UTF-8 where it is, not as some other encoding),
 * else CP932. */
static char *decode(const char *path, const char *buf, size_t len, const char *enc, size_t *out_len,
		    problems *ps)
{
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		if (!utf8_valid(buf + 3, len - 3, NULL)) {
			invalid_utf8(path, buf, len, 3, HINT_NONE, ps);
			return NULL;
		}
		*out_len = len - 3;
		return xmemdup0(buf + 3, len - 3);
	}
	if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0))
		/* Excel's "Unicode text" */
		return to_utf8(buf, len, "UTF-16", "UTF-16", path, out_len, ps);
	if (enc && !is_utf8_name(enc))
		return to_utf8(buf, len, iconv_name(enc), enc, path, out_len, ps);
	if (utf8_valid(buf, len, NULL)) {
		*out_len = len;
		return xmemdup0(buf, len);
	}
	if (enc || looks_like_utf8(buf, len)) {
		invalid_utf8(path, buf, len, 0, enc ? HINT_NONE : HINT_READS_AS_UTF8, ps);
		return NULL;
	}
	problems local;
	problems_init(&local);
	char *text = to_utf8(buf, len, "CP932", "CP932", path, out_len, &local);
	if (text) {
		problems_free(&local);
		return text;
	}
	/* neither: UTF-8 is what a file is expected to be */
	problems_free(&local);
	invalid_utf8(path, buf, len, 0, HINT_NEITHER, ps);
	return NULL;
}

/* RFC 4180 records; quoted cells may hold separators and line breaks. A
 * NUL in a cell, a quote never closed, and more rows, cells or text than
 * the limits are fatal problems (false): nothing is cut short silently. */
static bool parse_records(const char *s, size_t len, char sep, const char *path, const load_limits *lim,
			  sheet_grid *g, problems *ps)
{
	int line = 1;
	size_t i = 0;
	bool ok = true;
	while (i < len && ok) {
		if (g->n + 1 > lim->max_items) {
			problems_add(ps, path, text_mark(s, i), SEV_FATAL, "too-many-rows",
				     _("too many rows (the limit is %zu)"), lim->max_items);
			ok = false;
			break;
		}
		grid_row *r = grid_add_row(g, line);
		size_t rcap = 0;
		for (;;) {
			strbuf cell;
			sb_init(&cell);
			size_t cell_start = i;
			if (i < len && s[i] == '"') {
				size_t open_at = i;
				bool closed = false;
				i++;
				while (i < len) {
					if (s[i] == '"' && i + 1 < len && s[i + 1] == '"') {
						sb_addc(&cell, '"');
						i += 2;
					} else if (s[i] == '"') {
						i++;
						closed = true;
						break;
					} else {
						if (s[i] == '\n')
							line++;
						if (s[i] == '\0')
							break;
						if (s[i] != '\r')
							sb_addc(&cell, s[i]);
						i++;
					}
				}
				if (!closed && (i >= len)) {
					cs_mark at = text_mark(s, open_at);
					problems_add(ps, path, at, SEV_FATAL, "unterminated-quote",
						     _("row %d, column %zu: the quote that opens this cell is never closed (the file ends inside it)"),
						     r->line, r->n + 1);
					sb_free(&cell);
					ok = false;
					break;
				}
			}
			while (i < len && s[i] != sep && s[i] != '\n' && s[i] != '\r' && s[i] != '\0')
				sb_addc(&cell, s[i++]);
			if (i < len && s[i] == '\0') {
				problems_add(ps, path, text_mark(s, i), SEV_FATAL, "nul-character",
					     _("row %d, column %zu: the cell holds a NUL byte (is the file UTF-16 without a BOM, or not text at all?)"),
					     r->line, r->n + 1);
				sb_free(&cell);
				ok = false;
				break;
			}
			if (cell.len > lim->max_scalar) {
				problems_add(ps, path, text_mark(s, cell_start), SEV_FATAL, "too-long",
					     _("row %d, column %zu: the cell is too long (%zu bytes; the limit is %zu bytes)"),
					     r->line, r->n + 1, cell.len, lim->max_scalar);
				sb_free(&cell);
				ok = false;
				break;
			}
			if (r->n + 1 > lim->max_list) {
				problems_add(ps, path, text_mark(s, cell_start), SEV_FATAL, "too-many-entries",
					     _("row %d: too many cells (the limit is %zu)"), r->line, lim->max_list);
				sb_free(&cell);
				ok = false;
				break;
			}
			XGROW(r->cells, rcap, r->n + 1);
			r->cells[r->n++] = sb_take(&cell);
			if (i < len && s[i] == sep) {
				i++;
				continue;
			}
			if (i < len && s[i] == '\r')
				i++;
			if (i < len && s[i] == '\n') {
				i++;
				line++;
			}
			break;
		}
	}
	return ok;
}


bool import_csv_grid(const char *path, const import_options *opt, sheet_grid *g, problems *ps)
{
	grid_init(g);
	load_limits lim = load_limits_resolve(&(load_limits){.max_size = opt->max_size});
	char *buf;
	size_t len;
	if (!file_read(path, lim.max_size, &buf, &len, ps))
		return false;
	size_t text_len = 0;
	char *text = decode(path, buf, len, opt->encoding, &text_len, ps);
	free(buf);
	if (!text)
		return false;
	/* tab or comma: whichever the first line holds more of */
	size_t commas = 0, tabs = 0;
	for (const char *p = text; p < text + text_len && *p != '\n'; p++) {
		commas += *p == ',';
		tabs += *p == '\t';
	}
	bool parsed = parse_records(text, text_len, tabs > commas ? '\t' : ',', path, &lim, g, ps);
	free(text);
	return parsed;
}
