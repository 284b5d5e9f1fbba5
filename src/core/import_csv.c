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

void import_report_free(import_report *rep) { sb_free(&rep->for_person); }

bool import_parse_columns(const char *map, import_options *opt)
{
	char *copy = xstrdup(map), *save = NULL;
	bool ok = true;
	for (char *tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		char *end = NULL;
		long v = eq ? strtol(eq + 1, &end, 10) : 0;
		int n = eq && end != eq + 1 && !*end && v >= 1 && v <= (long)LOAD_DEFAULT_MAX_LIST ? (int)v : 0;
		if (!eq || n < 1) {
			ok = false;
			break;
		}
		*eq = '\0';
		if (strcmp(tok, "no") == 0)
			opt->col_no = n;
		else if (strcmp(tok, "title") == 0 || strcmp(tok, "item") == 0)
			opt->col_title = n;
		else if (strcmp(tok, "value") == 0 || strcmp(tok, "answer") == 0)
			opt->col_value = n;
		else if (strcmp(tok, "note") == 0)
			opt->col_note = n;
		else
			ok = false;
	}
	free(copy);
	return ok && (opt->col_no || opt->col_title) && opt->col_value;
}

/* Only cells with formatting markup are HTML: a note that merely
 * mentions <script> is text and stays as it is. */
static bool looks_like_html(const char *s)
{
	static const char *const marks[] = {"<br", "<ul", "<ol", "<li", "<p>", "<p ", "<div", "<span",
					    "<b>", "<strong", "<table", "<tr", "<td", "</p>", "<i>", "<em>"};
	for (const char *p = s; (p = strchr(p, '<')); p++)
		for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
			if (strncasecmp(p, marks[i], strlen(marks[i])) == 0)
				return true;
	return false;
}

char *html_to_text(const char *s)
{
	if (!looks_like_html(s))
		return xstrdup(s);
	static const struct {
		const char *tag, *text;
	} tags[] = {
		{"br", "\n"}, {"br/", "\n"}, {"/p", "\n"}, {"/div", "\n"}, {"/li", "\n"}, {"li", "・"},
		{"/tr", "\n"}, {"/td", " "}, {"/th", " "}, {"p", ""}, {"ul", ""}, {"/ul", ""}, {"ol", ""},
		{"/ol", ""},
	};
	static const struct {
		const char *name, *text;
	} entities[] = {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
	strbuf sb;
	sb_init(&sb);
	/* the next '>' is looked for once, not once per '<': a cell of a
	 * million "<a" stays linear */
	const char *gt = s;
	bool no_gt = false;
	for (const char *p = s; *p;) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/')) {
			if (!no_gt && gt <= p) {
				gt = strchr(p, '>');
				no_gt = !gt;
			}
			const char *end = no_gt ? NULL : gt;
			if (end) {
				char name[16];
				size_t n = 0;
				for (const char *q = p + 1; q < end && n < sizeof name - 1 && !isspace((unsigned char)*q);
				     q++)
					name[n++] = (char)tolower((unsigned char)*q);
				name[n] = '\0';
				if (n && name[n - 1] == '/' && strcmp(name, "br/") != 0)
					name[n - 1] = '\0';
				for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
					if (strcmp(name, tags[k].tag) == 0) {
						sb_add(&sb, tags[k].text);
						break;
					}
				p = end + 1;
				continue;
			}
		}
		if (*p == '&') {
			const char *semi = memchr(p, ';', strnlen(p, 10));
			if (semi) {
				bool done = false;
				if (p[1] == '#') {
					unsigned long cp = p[2] == 'x' || p[2] == 'X' ? strtoul(p + 3, NULL, 16)
										      : strtoul(p + 2, NULL, 10);
					if (cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
						char buf[4];
						sb_addn(&sb, buf, utf8_encode((uint32_t)cp, buf));
						done = true;
					}
				} else
					for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
						if ((size_t)(semi - p - 1) == strlen(entities[k].name) &&
						    strncmp(p + 1, entities[k].name, strlen(entities[k].name)) == 0) {
							sb_add(&sb, entities[k].text);
							done = true;
						}
				if (done) {
					p = semi + 1;
					continue;
				}
			}
		}
		sb_addc(&sb, *p++);
	}
	/* no blank runs or trailing line breaks from closing tags */
	char *t = sb_take(&sb);
	size_t n = strlen(t);
	while (n && (t[n - 1] == '\n' || t[n - 1] == ' '))
		t[--n] = '\0';
	return t;
}

static bool parses(const tmpl_item *it, const char *text)
{
	typed_value v;
	return units_parse_item(it, text, &v) == PARSE_OK && !v.na;
}

/* Separators between the words of a cell. */
static bool is_sep(uint32_t cp)
{
	return cp == ' ' || cp == '\n' || cp == '\t' || cp == 0x3000 || cp == 0x3001 || cp == 0x3002 ||
	       cp == ',' || cp == ';' || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF08 || cp == 0xFF09 ||
	       cp == '(' || cp == ')' || cp == 0x300C || cp == 0x300D || cp == 0xFF1A || cp == ':' ||
	       cp == 0x30FB || cp == '/';
}

static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\n' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t'))
		len--;
	/* an ideographic space is white space too */
	while (len >= 3 && strncmp(s, "\u3000", 3) == 0) {
		s += 3;
		len -= 3;
	}
	return xstrndup(s, len);
}

/* Prose longer than this is not searched for a value: the search tries
 * every word boundary, and a typed value is never that long. */
#define SPLIT_MAX_BYTES 4096

bool import_split_value(const tmpl_item *it, const char *text, char **value, char **rest)
{
	*value = *rest = NULL;
	char *t = trimmed(text, strlen(text));
	if (!*t) {
		free(t);
		return false;
	}
	if (it->unit == UNIT_TEXT || (strlen(t) <= SPLIT_MAX_BYTES && parses(it, t))) {
		*value = t;
		*rest = xstrdup("");
		return true;
	}
	if (strlen(t) > SPLIT_MAX_BYTES) {
		free(t);
		return false;
	}
	/* word boundaries: starts and ends of runs between separators */
	size_t len = strlen(t), nb = 0;
	size_t bounds[256];
	bounds[nb++] = 0;
	/* and where the script changes: 稼働率は|99.95%|です */
	int prev_class = -1;
	for (size_t i = 0; i < len && nb < 254;) {
		uint32_t cp;
		size_t n = utf8_decode(t + i, len - i, &cp);
		int cls = cp < 0x80 ? 0 : 1;
		if (is_sep(cp)) {
			if (bounds[nb - 1] != i)
				bounds[nb++] = i;
			bounds[nb++] = i + n;
			cls = -1;
		} else if (prev_class >= 0 && cls != prev_class && bounds[nb - 1] != i)
			bounds[nb++] = i;
		prev_class = cls;
		i += n;
	}
	if (bounds[nb - 1] != len)
		bounds[nb++] = len;
	/* a leading value: the longest prefix that reads ("有 3ヶ月前に...",
	 * "4時間以内に復旧"), ending at a word boundary or before a particle */
	for (size_t end = len; end > 0; end = utf8_prev(t, end)) {
		bool at_bound = false;
		for (size_t b = 0; b < nb && !at_bound; b++)
			at_bound = bounds[b] == end;
		uint32_t next = 0;
		if (end < len)
			utf8_decode(t + end, len - end, &next);
		if (!at_bound && !(next >= 0x3041 && next <= 0x309F))
			continue;
		char *cand = trimmed(t, end);
		if (*cand && parses(it, cand)) {
			*value = cand;
			*rest = trimmed(t + end, len - end);
			free(t);
			return true;
		}
		free(cand);
	}
	/* else exactly one reading anywhere (of up to four words) */
	char *found = NULL;
	bool several = false;
	for (size_t b = 1; b < nb && !several; b++)
		for (size_t e = b + 1; e < nb && e <= b + 8; e++) {
			char *cand = trimmed(t + bounds[b], bounds[e] - bounds[b]);
			if (*cand && parses(it, cand)) {
				if (found && !strstr(found, cand) && !strstr(cand, found))
					several = true;
				if (!found || strlen(cand) > strlen(found)) {
					free(found);
					found = cand;
					cand = NULL;
				}
			}
			free(cand);
		}
	if (found && !several) {
		*value = found;
		*rest = t; /* the whole cell stays in the note: nothing is lost */
		return true;
	}
	free(found);
	free(t);
	return false;
}

/* --- reading the file --- */

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

typedef struct record {
	char **cells;
	size_t n;
	int line;
} record;

static void records_free(record *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < v[i].n; k++)
			free(v[i].cells[k]);
		free(v[i].cells);
	}
	free(v);
}

/* RFC 4180 records; quoted cells may hold separators and line breaks. A
 * NUL in a cell, a quote never closed, and more rows, cells or text than
 * the limits are fatal problems (false): nothing is cut short silently. */
static bool parse_records(const char *s, size_t len, char sep, const char *path, const load_limits *lim,
			  record **out, size_t *count, problems *ps)
{
	record *v = NULL;
	size_t n = 0, cap = 0;
	int line = 1;
	size_t i = 0;
	bool ok = true;
	while (i < len && ok) {
		if (n + 1 > lim->max_items) {
			problems_add(ps, path, text_mark(s, i), SEV_FATAL, "too-many-rows",
				     _("too many rows (the limit is %zu)"), lim->max_items);
			ok = false;
			break;
		}
		XGROW(v, cap, n + 1);
		record *r = &v[n++];
		memset(r, 0, sizeof *r);
		r->line = line;
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
	*out = v;
	*count = n;
	return ok;
}

static char *norm_key(const char *s)
{
	char *n = units_normalize(s);
	/* brackets, dots and separators do not tell headers or titles apart;
	 * one pass, so that a long cell of them costs no more than its length */
	static const char *const drop[] = {"（", "）", "・", "／", "【", "】", "「", "」"};
	char *o = n;
	for (char *p = n; *p;) {
		if (strchr("().[]:", *p)) { /* ASCII only: bytes of Japanese stay whole */
			p++;
			continue;
		}
		bool dropped = false;
		for (size_t i = 0; i < sizeof drop / sizeof *drop && !dropped; i++) {
			size_t k = strlen(drop[i]);
			if (strncmp(p, drop[i], k) == 0) {
				p += k;
				dropped = true;
			}
		}
		if (!dropped)
			*o++ = *p++;
	}
	*o = '\0';
	return n;
}

typedef enum { HEAD_NONE, HEAD_NO, HEAD_TITLE, HEAD_VALUE, HEAD_NOTE } head_kind;

static head_kind header_kind(const char *cell)
{
	static const struct {
		const char *name;
		head_kind k;
	} names[] = {
		{"no", HEAD_NO}, {"番号", HEAD_NO}, {"項番", HEAD_NO}, {"#", HEAD_NO},
		{"項目", HEAD_TITLE}, {"項目名", HEAD_TITLE}, {"item", HEAD_TITLE}, {"title", HEAD_TITLE},
		{"チェック項目", HEAD_TITLE}, {"サービスレベル項目", HEAD_TITLE},
		{"回答", HEAD_VALUE}, {"回答内容", HEAD_VALUE}, {"answer", HEAD_VALUE}, {"value", HEAD_VALUE},
		{"設定値", HEAD_VALUE}, {"回答値", HEAD_VALUE}, {"値", HEAD_VALUE},
		{"補足", HEAD_NOTE}, {"note", HEAD_NOTE}, {"notes", HEAD_NOTE}, {"備考", HEAD_NOTE},
		{"補足説明", HEAD_NOTE},
	};
	char *k = norm_key(cell);
	head_kind r = HEAD_NONE;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(k, names[i].name) == 0)
			r = names[i].k;
	free(k);
	return r;
}

static const char *cell_at(const record *r, int col)
{
	return col >= 1 && (size_t)col <= r->n ? r->cells[col - 1] : "";
}

/* Undoes the export's formula guard: '=1+2 was =1+2. */
static char *unguard(const char *s)
{
	if (s[0] == '\'' && strchr("=+-@\t\r", s[1]) && s[1])
		return xstrdup(s + 1);
	return xstrdup(s);
}

/* The template's items by No. and by normalised title, built once: a
 * sheet of many rows against a template of many items stays linear. */
typedef struct item_lookup {
	strmap by_no, by_title;
	bool titles_built;
} item_lookup;

static void lookup_init(item_lookup *l, const template *t)
{
	memset(l, 0, sizeof *l);
	strmap_init(&l->by_no);
	strmap_init(&l->by_title);
	for (size_t i = 0; i < t->n_items; i++)
		if (t->items[i].no)
			strmap_put(&l->by_no, t->items[i].no, i); /* the first wins */
}

static void lookup_free(item_lookup *l)
{
	strmap_free(&l->by_no);
	strmap_free(&l->by_title);
}

static const tmpl_item *match_item(const template *t, item_lookup *l, const char *no, const char *title)
{
	size_t k;
	if (*no) {
		char *n = units_normalize(no);
		char *p = n;
		if (strncmp(p, "no.", 3) == 0)
			p += 3;
		else if (strncmp(p, "no", 2) == 0)
			p += 2;
		const tmpl_item *it = strmap_get(&l->by_no, p, &k) ? &t->items[k] : NULL;
		if (!it)
			it = template_item(t, no);
		free(n);
		if (it)
			return it;
	}
	if (*title) {
		if (!l->titles_built) {
			for (size_t i = 0; i < t->n_items; i++)
				for (size_t j = 0; j < t->items[i].title.n; j++) {
					char *have = norm_key(t->items[i].title.v[j].text);
					strmap_put(&l->by_title, have, i);
					free(have);
				}
			l->titles_built = true;
		}
		char *want = norm_key(title);
		const tmpl_item *found = strmap_get(&l->by_title, want, &k) ? &t->items[k] : NULL;
		free(want);
		return found;
	}
	return NULL;
}

/* Fills one answer from its cells; false (and nothing changed) when the
 * cells cannot be taken as they are. */
static void fill_answer(const tmpl_item *it, const char *value_cell, const char *note_cell, answers *a,
			import_report *rep)
{
	answer *an = answers_get(a, it->id);
	char *val = html_to_text(value_cell), *note = html_to_text(note_cell);
	if (it->unit == UNIT_TABLE) {
		char *save = NULL, *copy = xstrdup(val);
		for (char *ln = strtok_r(copy, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
			answer_add_row(an);
			answer_row *row = &an->rows[an->n_rows - 1];
			char *cell = ln;
			for (size_t c = 0; c < it->n_columns && cell; c++) {
				char *bar = strstr(cell, " | ");
				if (bar)
					*bar = '\0';
				char *v = trimmed(cell, strlen(cell));
				if (*v)
					raw_pairs_set_scalar(&row->cells, it->columns[c].id, v);
				free(v);
				cell = bar ? bar + 3 : NULL;
			}
		}
		free(copy);
		answer_set(&an->note, note);
		rep->filled += an->n_rows > 0;
		rep->empty += an->n_rows == 0;
		free(val);
		free(note);
		return;
	}
	/* "when → value" on every line: conditional answers, as exported */
	if (strstr(val, " → ")) {
		char *copy = xstrdup(val), *save = NULL;
		bool all = true;
		for (char *ln = strtok_r(copy, "\n", &save); ln && all; ln = strtok_r(NULL, "\n", &save))
			all = strstr(ln, " → ") != NULL;
		free(copy);
		if (all) {
			copy = xstrdup(val);
			for (char *ln = strtok_r(copy, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
				char *arrow = strstr(ln, " → ");
				*arrow = '\0';
				answer_add_case(an, ln, arrow + strlen(" → "));
			}
			free(copy);
			answer_set(&an->note, note);
			rep->filled++;
			free(val);
			free(note);
			return;
		}
	}
	char *value, *rest;
	if (!*val) {
		answer_set(&an->note, note);
		rep->empty++;
	} else if (import_split_value(it, val, &value, &rest)) {
		answer_set(&an->value, value);
		if (*rest && *note) {
			char *both = xasprintf("%s\n%s", rest, note);
			answer_set(&an->note, both);
			free(both);
		} else
			answer_set(&an->note, *rest ? rest : note);
		if (*rest)
			rep->split++;
		else
			rep->filled++;
		free(value);
		free(rest);
	} else {
		char *both = *note ? xasprintf("%s\n%s", val, note) : xstrdup(val);
		answer_set(&an->note, both);
		free(both);
		rep->to_note++;
		sb_printf(&rep->for_person, "No.%s %s\n", it->no, ltext_get(&it->title, "ja"));
	}
	free(val);
	free(note);
}

bool import_csv(const char *path, const template *t, const import_options *opt, answers *a,
		import_report *rep, problems *ps)
{
	memset(rep, 0, sizeof *rep);
	sb_init(&rep->for_person);
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
	size_t nrec;
	record *recs;
	bool parsed = parse_records(text, text_len, tabs > commas ? '\t' : ',', path, &lim, &recs, &nrec, ps);
	free(text);
	if (!parsed) {
		records_free(recs, nrec);
		return false;
	}

	int col_no = opt->col_no, col_title = opt->col_title, col_value = opt->col_value, col_note = opt->col_note;
	size_t first_data = 0;
	for (size_t i = 0; i < nrec && i < 20; i++) {
		int no = 0, title = 0, value = 0, note = 0, hits = 0;
		for (size_t c = 0; c < recs[i].n; c++) {
			head_kind k = header_kind(recs[i].cells[c]);
			int col = (int)c + 1;
			if (k == HEAD_NO && !no)
				no = col, hits++;
			else if (k == HEAD_TITLE && !title)
				title = col, hits++;
			else if (k == HEAD_VALUE && !value)
				value = col, hits++;
			else if (k == HEAD_NOTE && !note)
				note = col, hits++;
		}
		if (hits >= 2 && value) {
			first_data = i + 1;
			if (!opt->col_value) {
				col_no = opt->col_no ? opt->col_no : no;
				col_title = opt->col_title ? opt->col_title : title;
				col_value = value;
				col_note = opt->col_note ? opt->col_note : note;
			}
			break;
		}
	}
	if (!col_value || (!col_no && !col_title)) {
		problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "no-header",
			     _("no header row names the answer column (回答 / answer) and No. or 項目; use --columns no=1,value=6,note=7"));
		records_free(recs, nrec);
		return false;
	}
	item_lookup lookup;
	lookup_init(&lookup, t);
	size_t *filled_by = xcalloc(t->n_items + 1, sizeof *filled_by);
	for (size_t i = first_data; i < nrec; i++) {
		const record *r = &recs[i];
		bool blank = true;
		for (size_t c = 0; c < r->n && blank; c++)
			blank = !*r->cells[c];
		if (blank)
			continue;
		rep->rows++;
		const char *no = cell_at(r, col_no), *title = cell_at(r, col_title);
		const tmpl_item *it = match_item(t, &lookup, no, title);
		cs_mark at = {r->line, 1};
		if (!it) {
			if (rep->skipped < LOAD_DEFAULT_MAX_PROBLEMS)
				problems_add(ps, path, at, SEV_ERROR, "no-such-item",
					     _("row %d skipped: no item has No. \"%s\" or title \"%s\""), r->line, no,
					     title);
			rep->skipped++;
			continue;
		}
		size_t idx = (size_t)(it - t->items);
		if (filled_by[idx]) {
			if (rep->skipped < LOAD_DEFAULT_MAX_PROBLEMS)
				problems_add(ps, path, at, SEV_ERROR, "duplicate-row",
					     _("row %d skipped: No.%s was already filled by row %zu"), r->line, it->no,
					     filled_by[idx]);
			rep->skipped++;
			continue;
		}
		filled_by[idx] = (size_t)r->line;
		char *value = unguard(cell_at(r, col_value)), *note = unguard(cell_at(r, col_note));
		fill_answer(it, value, note, a, rep);
		free(value);
		free(note);
	}
	if (rep->skipped > LOAD_DEFAULT_MAX_PROBLEMS)
		/* every skipped row counts; the first ones are listed */
		problems_add(ps, path, (cs_mark){recs[nrec - 1].line, 1}, SEV_ERROR, "skipped-rows",
			     _("%zu more rows skipped and not listed (only the first %zu are)"),
			     rep->skipped - LOAD_DEFAULT_MAX_PROBLEMS, (size_t)LOAD_DEFAULT_MAX_PROBLEMS);
	free(filled_by);
	lookup_free(&lookup);
	records_free(recs, nrec);
	return true;
}
