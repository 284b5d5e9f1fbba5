#include <config.h>

#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "i18n.h"
#include "units.h"
#include "utf8.h"
#include "xalloc.h"

/* CSV and TSV as Excel writes them, in the encodings of Japanese offices,
 * read into a grid of rows: the importer does the rest (import_sheet.c). */

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
static char *decode(const char *path, char **bufp, size_t len, const char *enc, size_t *out_len,
		    problems *ps)
{
	/* UTF-8 is taken as it is: the buffer read becomes the text (no copy
	 * of a file that may be tens of megabytes) */
	char *buf = *bufp;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		if (!utf8_valid(buf + 3, len - 3, NULL)) {
			invalid_utf8(path, buf, len, 3, HINT_NONE, ps);
			return NULL;
		}
		*out_len = len - 3;
		memmove(buf, buf + 3, len - 3 + 1);
		*bufp = NULL;
		return buf;
	}
	if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0))
		/* Excel's "Unicode text" */
		return to_utf8(buf, len, "UTF-16", "UTF-16", path, out_len, ps);
	if (enc && !is_utf8_name(enc))
		return to_utf8(buf, len, iconv_name(enc), enc, path, out_len, ps);
	if (utf8_valid(buf, len, NULL)) {
		*out_len = len;
		*bufp = NULL;
		return buf;
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
 * the limits are fatal problems (false): nothing is cut short silently.
 * Cells are cut out of s in place (a doubled quote and a CR in a quoted
 * cell only ever make a cell shorter): the grid points into s, which it
 * owns, and the cell lists of rows come from the grid's arena, so that a
 * sheet of 100 000 rows costs no allocation per cell. Since s changes
 * behind the reader, positions are counted as it reads. */
typedef struct csv_pos {
	size_t i;       /* the next byte to read; bytes from i on are as read */
	cs_mark at;     /* its line and column (characters) */
} csv_pos;

static inline void csv_step(csv_pos *p, const char *s)
{
	unsigned char c = (unsigned char)s[p->i++];
	if (c == '\n') {
		p->at.line++;
		p->at.column = 1;
	} else if ((c & 0xC0) != 0x80)
		p->at.column++;
}

static bool parse_records(char *s, size_t len, char sep, const char *path, const load_limits *lim,
			  sheet_grid *g, problems *ps)
{
	csv_pos p = {0, {1, 1}};
	bool ok = true;
	char **cells = NULL;
	size_t ccap = 0;
	while (p.i < len && ok) {
		if (g->n + 1 > lim->max_items) {
			problems_add(ps, path, p.at, SEV_FATAL, "too-many-rows",
				     _("too many rows (the limit is %zu)"), lim->max_items);
			ok = false;
			break;
		}
		grid_row *r = grid_add_row(g, p.at.line);
		size_t n = 0;
		for (;;) {
			size_t cell_start = p.i, w = p.i;
			cs_mark cell_at = p.at;
			if (p.i < len && s[p.i] == '"') {
				bool closed = false;
				csv_step(&p, s);
				while (p.i < len) {
					char c = s[p.i];
					if (c == '"' && p.i + 1 < len && s[p.i + 1] == '"') {
						s[w++] = '"';
						csv_step(&p, s);
						csv_step(&p, s);
					} else if (c == '"') {
						csv_step(&p, s);
						closed = true;
						break;
					} else {
						if (c == '\0')
							break;
						if (c != '\r')
							s[w++] = c;
						csv_step(&p, s);
					}
				}
				if (!closed && p.i >= len) {
					problems_add(ps, path, cell_at, SEV_FATAL, "unterminated-quote",
						     _("row %d, column %zu: the quote that opens this cell is never closed (the file ends inside it)"),
						     r->line, n + 1);
					ok = false;
					break;
				}
			}
			while (p.i < len && s[p.i] != sep && s[p.i] != '\n' && s[p.i] != '\r' && s[p.i] != '\0') {
				s[w++] = s[p.i];
				csv_step(&p, s);
			}
			if (p.i < len && s[p.i] == '\0') {
				problems_add(ps, path, p.at, SEV_FATAL, "nul-character",
					     _("row %d, column %zu: the cell holds a NUL byte (is the file UTF-16 without a BOM, or not text at all?)"),
					     r->line, n + 1);
				ok = false;
				break;
			}
			if (w - cell_start > lim->max_scalar) {
				problems_add(ps, path, cell_at, SEV_FATAL, "too-long",
					     _("row %d, column %zu: the cell is too long (%zu bytes; the limit is %zu bytes)"),
					     r->line, n + 1, w - cell_start, lim->max_scalar);
				ok = false;
				break;
			}
			if (n + 1 > lim->max_list) {
				problems_add(ps, path, cell_at, SEV_FATAL, "too-many-entries",
					     _("row %d: too many cells (the limit is %zu)"), r->line, lim->max_list);
				ok = false;
				break;
			}
			/* what ends the cell, read before the cell's end is cut
			 * (w may be the terminator's own place); s[len] is NUL */
			char end = s[p.i];
			s[w] = '\0';
			XGROW(cells, ccap, n + 1);
			cells[n++] = s + cell_start;
			if (p.i < len && end == sep) {
				p.i++;
				p.at.column++;
				continue;
			}
			if (p.i < len && end == '\r') {
				p.i++;
				p.at.column++;
				end = s[p.i];
			}
			if (p.i < len && end == '\n') {
				p.i++;
				p.at.line++;
				p.at.column = 1;
			}
			break;
		}
		r->cells = arena_memdup(&g->mem, cells, n * sizeof *cells);
		r->n = n;
	}
	free(cells);
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
	char *text = decode(path, &buf, len, opt->encoding, &text_len, ps);
	free(buf);
	if (!text)
		return false;
	/* tab or comma: whichever the first line holds more of */
	size_t commas = 0, tabs = 0;
	for (const char *p = text; p < text + text_len && *p != '\n'; p++) {
		commas += *p == ',';
		tabs += *p == '\t';
	}
	/* the cells are cut out of the text: the grid keeps it */
	grid_own_text(g, text);
	return parse_records(text, text_len, tabs > commas ? '\t' : ',', path, &lim, g, ps);
}
