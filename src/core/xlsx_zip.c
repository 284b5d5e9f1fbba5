#include <config.h>

/* The archive under an XLSX workbook: what it is (or why it is not one),
 * its parts found by name inside it, and each part inflated chunk by
 * chunk into expat with every byte counted. Nothing is ever written to
 * disk, no entity is ever declared, and a part name can only ever name
 * an entry of this archive. */

#include "xlsx_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

static const cs_mark no_mark = {0, 0};

/* Inflated bytes read at a time, and the most handed to expat at once
 * (it takes an int). */
#define XLSX_CHUNK 65536
#define XLSX_SLICE_MAX ((size_t)1 << 30)

/* An OLE compound file: Excel 97-2003 workbooks, and Excel's
 * password-protected workbooks of every version. */
static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static size_t mul_sat(size_t a, size_t b) { return b && a > SIZE_MAX / b ? SIZE_MAX : a * b; }

static void not_xlsx(const char *path, problems *ps, const char *msg)
{
	problems_add(ps, path, no_mark, SEV_FATAL, "not-xlsx", "%s", msg);
}

bool xlsx_zip_open(xlsx_zip *z, char *data, size_t len, const char *path, const load_limits *lim,
		   problems *ps)
{
	memset(z, 0, sizeof *z);
	z->data = data;
	z->len = len;
	z->path = path;
	load_limits l = load_limits_resolve(lim);
	z->part_limit = mul_sat(l.max_size, XLSX_PART_FACTOR);
	z->total_limit = mul_sat(l.max_size, XLSX_TOTAL_FACTOR);
	if (len == 0) {
		not_xlsx(path, ps, _("the file is empty, not an XLSX workbook"));
		return false;
	}
	if (len > l.max_size) {
		problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
			     _("file is too large (%lld bytes; the limit is %zu bytes, see --max-size)"),
			     (long long)len, l.max_size);
		return false;
	}
	if (len >= sizeof ole_magic && memcmp(data, ole_magic, sizeof ole_magic) == 0) {
		not_xlsx(path, ps,
			 _("is an Excel 97-2003 workbook (.xls) or a password-protected workbook, not an XLSX "
			   "workbook: open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx) "
			   "without a password"));
		return false;
	}
	/* every XLSX starts with a local file header; libzip would also take
	 * an archive after a prefix (a self-extracting one), which no
	 * spreadsheet writes */
	if (len < 4 || memcmp(data, "PK\3\4", 4) != 0) {
		not_xlsx(path, ps, _("not an XLSX workbook (a zip archive): is it a CSV file, or another kind of "
				     "file named .xlsx?"));
		return false;
	}
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
	if (src)
		z->za = zip_open_from_source(src, ZIP_RDONLY, &err);
	if (!z->za) {
		if (src)
			zip_source_free(src);
		if (zip_error_code_zip(&err) == ZIP_ER_NOZIP)
			not_xlsx(path, ps, _("not an XLSX workbook (a zip archive), or one cut short: its table "
					     "of contents is missing"));
		else
			problems_add(ps, path, no_mark, SEV_FATAL, "not-xlsx",
				     _("not an XLSX workbook, or a damaged one: the zip archive cannot be read (%s)"),
				     zip_error_strerror(&err));
		zip_error_fini(&err);
		return false;
	}
	zip_error_fini(&err);
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	if (n < 0 || n > XLSX_MAX_ENTRIES) {
		problems_add(ps, path, no_mark, SEV_FATAL, "too-many-entries",
			     _("the zip archive has too many entries (%lld; the limit is %d)"), (long long)n,
			     XLSX_MAX_ENTRIES);
		return false;
	}
	return true;
}

void xlsx_zip_close(xlsx_zip *z)
{
	if (z->za)
		zip_discard(z->za);
	free(z->data);
	memset(z, 0, sizeof *z);
}

long xlsx_zip_find(const xlsx_zip *z, const char *name)
{
	if (!z->za || !*name)
		return -1;
	zip_int64_t i = zip_name_locate(z->za, name, 0);
	if (i < 0)
		i = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	return i < 0 || i > XLSX_MAX_ENTRIES ? -1 : (long)i;
}

/* Appends segment seg (len n) to path, folding "." and ".."; false when
 * ".." would climb above the top of the archive. */
static bool push_segment(strbuf *path, const char *seg, size_t n)
{
	if (n == 0 || (n == 1 && seg[0] == '.'))
		return true;
	if (n == 2 && seg[0] == '.' && seg[1] == '.') {
		if (path->len == 0)
			return false;
		char *slash = strrchr(path->s, '/');
		path->len = slash ? (size_t)(slash - path->s) : 0;
		path->s[path->len] = '\0';
		return true;
	}
	if (path->len)
		sb_addc(path, '/');
	sb_addn(path, seg, n);
	return true;
}

/* Pushes each segment of s (up to len bytes; '/' and '\\' separate). */
static bool push_path(strbuf *path, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == '/' || s[i] == '\\') {
			if (!push_segment(path, s + start, i - start))
				return false;
			start = i + 1;
		}
	return true;
}

bool xlsx_resolve_target(const char *source_part, const char *target, char **out)
{
	strbuf path;
	sb_init(&path);
	sb_add(&path, ""); /* path.s is never NULL below */
	*out = NULL;
	bool ok = true;
	if (target[0] != '/' && target[0] != '\\') {
		const char *slash = strrchr(source_part, '/');
		if (slash)
			ok = push_path(&path, source_part, (size_t)(slash - source_part));
	}
	ok = ok && push_path(&path, target, strlen(target));
	if (!ok) {
		sb_free(&path);
		return false;
	}
	*out = sb_take(&path);
	return true;
}

static const char *local_name(const char *name)
{
	const char *sep = strrchr(name, '\x01');
	return sep ? sep + 1 : name;
}

const char *xlsx_attr(const char **atts, const char *local)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

static void stop(xlsx_xml *x)
{
	x->stopped = true;
	XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xlsx_xml *x = ud;
	x->events++;
	if (x->stopped)
		return;
	if (x->depth >= XLSX_MAX_XML_DEPTH) {
		problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-deep",
			     _("%s: elements nested deeper than %d levels"), x->part, XLSX_MAX_XML_DEPTH);
		stop(x);
		return;
	}
	const char *local = local_name(name);
	int kind = 0;
	for (size_t i = 0; i < x->n_names; i++)
		if (strcmp(local, x->names[i]) == 0) {
			kind = (int)i + 1;
			break;
		}
	x->kinds[++x->depth] = kind;
	if (x->start && !x->start(x, kind, atts))
		stop(x);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	(void)name;
	xlsx_xml *x = ud;
	x->events++;
	if (x->stopped || x->depth <= 0)
		return;
	if (x->end && !x->end(x, x->kinds[x->depth]))
		stop(x);
	x->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	xlsx_xml *x = ud;
	x->events++;
	if (!x->stopped && x->want_text && x->text && len > 0 && !x->text(x, s, (size_t)len))
		stop(x);
}

/* Comments and processing instructions: events too (see
 * xlsx_part_parse), nothing else. */
static void XMLCALL on_comment(void *ud, const XML_Char *data)
{
	(void)data;
	((xlsx_xml *)ud)->events++;
}

static void XMLCALL on_pi(void *ud, const XML_Char *target, const XML_Char *data)
{
	(void)target;
	(void)data;
	((xlsx_xml *)ud)->events++;
}

/* No part of a workbook has a DOCTYPE: refusing it at its first bytes
 * leaves no room for entities, internal (billion laughs) or external
 * (files of this machine). */
static void refuse_doctype(xlsx_xml *x)
{
	if (x->stopped)
		return;
	problems_add(x->ps, x->path, no_mark, SEV_FATAL, "doctype-refused",
		     _("%s: a DOCTYPE or entity declaration is refused (workbooks have none; entities could "
		       "expand without end or read other files)"),
		     x->part);
	stop(x);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	refuse_doctype(ud);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_parameter_entity, const XML_Char *value,
			      int value_length, const XML_Char *base, const XML_Char *system_id,
			      const XML_Char *public_id, const XML_Char *notation_name)
{
	(void)name;
	(void)is_parameter_entity;
	(void)value;
	(void)value_length;
	(void)base;
	(void)system_id;
	(void)public_id;
	(void)notation_name;
	refuse_doctype(ud);
}

/* expat's messages, in the user's language; others are shown as expat
 * words them. */
static const struct {
	enum XML_Error code;
	const char *msg;
} xml_errors[] = {
	{XML_ERROR_NO_MEMORY, N_("out of memory")},
	{XML_ERROR_SYNTAX, N_("syntax error")},
	{XML_ERROR_NO_ELEMENTS, N_("no element found (the part is empty or cut short)")},
	{XML_ERROR_INVALID_TOKEN, N_("not well-formed (invalid token)")},
	{XML_ERROR_UNCLOSED_TOKEN, N_("unclosed token")},
	{XML_ERROR_PARTIAL_CHAR, N_("partial character (invalid UTF-8?)")},
	{XML_ERROR_TAG_MISMATCH, N_("mismatched tag")},
	{XML_ERROR_DUPLICATE_ATTRIBUTE, N_("duplicate attribute")},
	{XML_ERROR_JUNK_AFTER_DOC_ELEMENT, N_("junk after document element")},
	{XML_ERROR_UNDEFINED_ENTITY, N_("undefined entity")},
	{XML_ERROR_BAD_CHAR_REF, N_("reference to invalid character number")},
	{XML_ERROR_UNKNOWN_ENCODING, N_("unknown encoding")},
	{XML_ERROR_INCORRECT_ENCODING, N_("encoding specified in XML declaration is incorrect")},
	{XML_ERROR_UNCLOSED_CDATA_SECTION, N_("unclosed CDATA section")},
	{XML_ERROR_UNBOUND_PREFIX, N_("unbound namespace prefix")},
	{XML_ERROR_MISPLACED_XML_PI, N_("XML declaration not at the start")},
	{XML_ERROR_XML_DECL, N_("XML declaration not well-formed")},
};

static void xml_error(xlsx_xml *x, problems *ps)
{
	enum XML_Error e = XML_GetErrorCode(x->parser);
	const char *what = NULL;
	for (size_t i = 0; i < sizeof xml_errors / sizeof *xml_errors; i++)
		if (xml_errors[i].code == e)
			what = _(xml_errors[i].msg);
	if (!what)
		what = XML_ErrorString(e);
	problems_add(ps, x->path, no_mark, SEV_FATAL, "xml-syntax", _("%s: %s (line %lu, column %lu)"), x->part,
		     what ? what : "?", (unsigned long)XML_GetCurrentLineNumber(x->parser),
		     (unsigned long)XML_GetCurrentColumnNumber(x->parser) + 1);
}

static void too_large(xlsx_zip *z, const char *part, problems *ps)
{
	problems_add(ps, z->path, no_mark, SEV_FATAL, "too-large",
		     _("%s: the part inflates to more than the limit (%zu bytes for one part, %zu for the whole "
		       "workbook: %d and %d times --max-size); a zip bomb?"),
		     part, z->part_limit, z->total_limit, XLSX_PART_FACTOR, XLSX_TOTAL_FACTOR);
}

static void damaged(xlsx_zip *z, const char *part, const char *why, problems *ps)
{
	problems_add(ps, z->path, no_mark, SEV_FATAL, "not-xlsx",
		     _("%s: this part of the zip archive cannot be read (%s); the workbook is damaged"), part,
		     why);
}

bool xlsx_part_parse(xlsx_zip *z, const char *part, xlsx_xml *x, problems *ps)
{
	long idx = xlsx_zip_find(z, part);
	if (idx < 0) {
		problems_add(ps, z->path, no_mark, SEV_FATAL, "xlsx-missing-part",
			     _("the workbook is incomplete: its part %s is missing from the archive"), part);
		return false;
	}
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0) {
		damaged(z, part, zip_strerror(z->za), ps);
		return false;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		problems_add(ps, z->path, no_mark, SEV_FATAL, "xlsx-encrypted",
			     _("%s: the part is encrypted in the zip archive; checksheet reads no encrypted entries"),
			     part);
		return false;
	}
	/* what the archive says first (a bomb that owns up stops here), then
	 * what actually comes out (one that lies stops below) */
	size_t room = z->total_read < z->total_limit ? z->total_limit - z->total_read : 0;
	if ((st.valid & ZIP_STAT_SIZE) && (st.size > z->part_limit || st.size > room)) {
		too_large(z, part, ps);
		return false;
	}
	zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!f) {
		damaged(z, part, zip_strerror(z->za), ps);
		return false;
	}
	XML_Parser p = XML_ParserCreateNS(NULL, '\x01');
	if (!p)
		xalloc_die();
	x->parser = p;
	x->part = part;
	x->ps = ps;
	x->path = z->path;
	x->stopped = false;
	x->depth = 0;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetEntityDeclHandler(p, on_entity);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetCommentHandler(p, on_comment);
	XML_SetProcessingInstructionHandler(p, on_pi);
	/* expat before 2.6 scans an unfinished token again from its start
	 * on every call: one token of n bytes fed in chunks costs n * n /
	 * chunk. So when expat made no event of what it was last given, the
	 * next slice is at least as large as everything since its last
	 * event: each token is scanned a bounded number of times. */
	char *slice = NULL;
	size_t slice_len = 0, slice_cap = 0, stalled = 0, part_read = 0;
	bool ok = true;
	for (;;) {
		XGROW(slice, slice_cap, slice_len + XLSX_CHUNK);
		zip_int64_t n = zip_fread(f, slice + slice_len, XLSX_CHUNK);
		if (n < 0) {
			damaged(z, part, zip_file_strerror(f), ps);
			ok = false;
			break;
		}
		part_read += (size_t)n;
		z->total_read += (size_t)n;
		if (part_read > z->part_limit || z->total_read > z->total_limit) {
			too_large(z, part, ps);
			ok = false;
			break;
		}
		slice_len += (size_t)n;
		if (n > 0 && slice_len < XLSX_SLICE_MAX && (slice_len < XLSX_CHUNK || slice_len < stalled))
			continue;
		unsigned long events = x->events;
		if (XML_Parse(p, slice, (int)slice_len, n == 0) != XML_STATUS_OK) {
			if (!x->stopped)
				xml_error(x, ps);
			ok = false;
			break;
		}
		stalled = x->events == events ? stalled + slice_len : 0;
		slice_len = 0;
		if (n == 0)
			break;
	}
	free(slice);
	zip_fclose(f);
	XML_ParserFree(p);
	x->parser = NULL;
	return ok;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code unit of an escape _xHHHH_ at s (len bytes left), or -1. */
static long escape_at(const char *s, size_t len)
{
	if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long v = 0;
	for (int k = 2; k < 6; k++) {
		int h = hexval(s[k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

void xlsx_decode_text(const char *s, size_t len, strbuf *out, bool *nul)
{
	size_t start = out->len;
	size_t i = 0;
	while (i < len) {
		const char *us = memchr(s + i, '_', len - i);
		size_t run = us ? (size_t)(us - s) - i : len - i;
		if (run) {
			sb_addn(out, s + i, run);
			i += run;
			continue;
		}
		long u = escape_at(s + i, len - i);
		if (u < 0) {
			sb_addc(out, s[i++]);
			continue;
		}
		size_t used = 7;
		uint32_t cp = (uint32_t)u;
		if (u >= 0xD800 && u <= 0xDBFF) {
			long lo = escape_at(s + i + 7, len - i - 7);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + (((uint32_t)u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
				used = 14;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			/* a lone half of a pair encodes nothing: kept as written */
			sb_addn(out, s + i, 7);
			i += 7;
			continue;
		}
		if (cp == 0) {
			*nul = true;
		} else {
			char enc[4];
			sb_addn(out, enc, utf8_encode(cp, enc));
		}
		i += used;
	}
	/* line ends as the rest of the program has them */
	size_t w = start;
	for (size_t r = start; r < out->len; r++) {
		if (out->s[r] == '\r') {
			out->s[w++] = '\n';
			if (r + 1 < out->len && out->s[r + 1] == '\n')
				r++;
		} else {
			out->s[w++] = out->s[r];
		}
	}
	out->len = w;
	if (out->s)
		out->s[w] = '\0';
}
