#include <config.h>

/* An XLSX workbook read as its cells display: the package's
 * relationships lead to the workbook, the workbook to its sheets, shared
 * strings and styles; each sheet is then streamed into a grid
 * (xlsx_sheet.c). See xlsx_read.h for the promises and the limits,
 * xlsx_zip.c for the archive and the XML, xlsx_numfmt.c and
 * xlsx_datefmt.c for numbers. */

#include "xlsx_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xlsx_internal.h"

static const cs_mark no_mark = {0, 0};

/* Beyond Excel's own limit (some 250 custom number formats): damage or
 * an attack. */
#define XLSX_MAX_NUMFMTS 4096

/* The stored text of one value may be 7 times its limit: an escape
 * _xHHHH_ is 7 bytes for as little as 1. */
size_t xlsx_raw_cap(const xlsx_book *b)
{
	return b->lim.max_scalar > (SIZE_MAX - 64) / 8 ? SIZE_MAX : b->lim.max_scalar * 8 + 64;
}

bool xlsx_damaged(const char *path, problems *ps, cs_mark at, const char *part, const char *what)
{
	problems_add(ps, path, at, SEV_FATAL, "xlsx-damaged", _("%s: the workbook is damaged: %s"), part, what);
	return false;
}

/* A whole number in 0..max, spaces around; -1 otherwise. */
long xlsx_parse_index(const char *s, long max)
{
	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		long d = *s - '0';
		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	while (*s == ' ')
		s++;
	return *s ? -1 : v;
}

/* Collects character data into a buffer, within the cap. */
bool xlsx_collect(xlsx_xml *x, strbuf *into, size_t cap, const char *s, size_t len, cs_mark at)
{
	if (into->len + len > cap) {
		problems_add(x->ps, x->path, at, SEV_FATAL, "too-long",
			     _("%s: a text is too long (over %zu bytes)"), x->part, cap);
		return false;
	}
	sb_addn(into, s, len);
	return true;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- relationships ---- */

typedef struct rel {
	char *id, *type, *target;
	bool external;
} rel;

typedef struct rels {
	rel *v;
	size_t n, cap;
} rels;

static void rels_free(rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static bool rels_start(xlsx_xml *x, int kind, const char **atts)
{
	rels *r = x->ud;
	if (kind != 1)
		return true;
	if (r->n >= XLSX_MAX_ENTRIES) {
		problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-many-entries",
			     _("%s: too many relationships (the limit is %d)"), x->part, XLSX_MAX_ENTRIES);
		return false;
	}
	const char *id = xlsx_attr(atts, "Id"), *type = xlsx_attr(atts, "Type");
	const char *target = xlsx_attr(atts, "Target"), *mode = xlsx_attr(atts, "TargetMode");
	if (!id || !type || !target)
		return true; /* unusable, and nothing can need it */
	XGROW(r->v, r->cap, r->n + 1);
	r->v[r->n++] = (rel){xstrdup(id), xstrdup(type), xstrdup(target), mode && strcmp(mode, "External") == 0};
	return true;
}

static const char *const rels_names[] = {"Relationship"};

/* The relationships of part ("" for the package's own). */
static bool read_rels(xlsx_book *b, const char *part, rels *out, problems *ps)
{
	memset(out, 0, sizeof *out);
	const char *slash = strrchr(part, '/');
	char *name = slash ? xasprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1)
			   : xasprintf("_rels/%s.rels", part);
	xlsx_xml x = {.names = rels_names, .n_names = 1, .start = rels_start, .ud = out};
	bool ok = xlsx_part_parse(&b->z, name, &x, ps);
	free(name);
	return ok;
}

static const rel *rel_of_type(const rels *r, const char *type_suffix)
{
	for (size_t i = 0; i < r->n; i++)
		if (ends_with(r->v[i].type, type_suffix))
			return &r->v[i];
	return NULL;
}

/* The entry a relationship of part source names; false (with a problem)
 * when it is outside the archive. */
static bool rel_part(xlsx_book *b, const char *source, const rel *r, char **out, problems *ps)
{
	if (r->external || !xlsx_resolve_target(source, r->target, out)) {
		problems_add(ps, b->path, no_mark, SEV_FATAL, "unsafe-part-path",
			     _("%s: a relationship names \"%s\", outside the workbook; refused"),
			     *source ? source : "_rels/.rels", r->target);
		return false;
	}
	return true;
}

/* ---- shared strings ---- */

enum { SS_SI = 1, SS_T, SS_RPH };
static const char *const ss_names[] = {"si", "t", "rPh"};

typedef struct sst_state {
	xlsx_book *b;
	text_state t;
	size_t max_sst;
} sst_state;

static bool sst_start(xlsx_xml *x, int kind, const char **atts)
{
	(void)atts;
	sst_state *s = x->ud;
	if (kind == SS_SI) {
		sb_clear(&s->t.text);
		s->t.nul = false;
		s->t.rph = 0;
	} else if (kind == SS_RPH) {
		s->t.rph++;
	} else if (kind == SS_T && s->t.rph == 0) {
		sb_clear(&s->t.raw);
		x->want_text = true;
	}
	return true;
}

static bool sst_text(xlsx_xml *x, const char *str, size_t len)
{
	sst_state *s = x->ud;
	return xlsx_collect(x, &s->t.raw, xlsx_raw_cap(s->b), str, len, no_mark);
}

static bool sst_end(xlsx_xml *x, int kind)
{
	sst_state *s = x->ud;
	xlsx_book *b = s->b;
	if (kind == SS_RPH) {
		s->t.rph--;
	} else if (kind == SS_T && x->want_text) {
		x->want_text = false;
		xlsx_decode_text(sb_str(&s->t.raw), s->t.raw.len, &s->t.text, &s->t.nul);
		sb_clear(&s->t.raw);
	} else if (kind == SS_SI) {
		if (b->n_sst >= s->max_sst) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-many-entries",
				     _("%s: too many shared strings (the limit is %zu)"), x->part, s->max_sst);
			return false;
		}
		if (s->t.nul) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "nul-character",
				     _("%s: shared string %zu holds a NUL character (_x0000_)"), x->part, b->n_sst);
			return false;
		}
		if (s->t.text.len > b->lim.max_scalar) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-long",
				     _("%s: shared string %zu is too long (%zu bytes; the limit is %zu bytes)"), x->part,
				     b->n_sst, s->t.text.len, b->lim.max_scalar);
			return false;
		}
		XGROW(b->sst_off, b->cap_sst, b->n_sst + 1);
		b->sst_off[b->n_sst++] = b->sst.len;
		sb_addn(&b->sst, sb_str(&s->t.text), s->t.text.len + 1);
	}
	return true;
}

static bool read_sst(xlsx_book *b, const char *part, problems *ps)
{
	sst_state s = {.b = b};
	s.max_sst = b->lim.max_items > SIZE_MAX / XLSX_SHARED_PER_ITEM ? SIZE_MAX
									: b->lim.max_items * XLSX_SHARED_PER_ITEM;
	xlsx_xml x = {.names = ss_names, .n_names = 3, .start = sst_start, .end = sst_end, .text = sst_text, .ud = &s};
	bool ok = xlsx_part_parse(&b->z, part, &x, ps);
	sb_free(&s.t.raw);
	sb_free(&s.t.text);
	return ok;
}

/* ---- styles ---- */

enum { ST_NUMFMTS = 1, ST_NUMFMT, ST_CELLXFS, ST_XF };
static const char *const st_names[] = {"numFmts", "numFmt", "cellXfs", "xf"};

static bool st_start(xlsx_xml *x, int kind, const char **atts)
{
	xlsx_book *b = x->ud;
	if (kind == ST_NUMFMT && xlsx_parent(x) == ST_NUMFMTS) {
		long id = xlsx_parse_index(xlsx_attr(atts, "numFmtId"), 1000000);
		const char *code = xlsx_attr(atts, "formatCode");
		if (id < 0 || !code)
			return true; /* its cells read as General */
		if (b->n_numfmts >= XLSX_MAX_NUMFMTS) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-many-entries",
				     _("%s: too many number formats (the limit is %d)"), x->part, XLSX_MAX_NUMFMTS);
			return false;
		}
		XGROW(b->numfmts, b->cap_numfmts, b->n_numfmts + 1);
		b->numfmts[b->n_numfmts++] = (xlsx_custom_fmt){id, xstrdup(code)};
	} else if (kind == ST_XF && xlsx_parent(x) == ST_CELLXFS) {
		if (b->n_xf >= XLSX_MAX_XFS) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-many-entries",
				     _("%s: too many cell formats (the limit is %d)"), x->part, XLSX_MAX_XFS);
			return false;
		}
		long id = xlsx_parse_index(xlsx_attr(atts, "numFmtId"), 1000000);
		XGROW(b->xf_id, b->cap_xf, b->n_xf + 1);
		b->xf_id[b->n_xf++] = id < 0 ? 0 : id;
	}
	return true;
}

static int numfmt_cmp(const void *a, const void *b)
{
	long x = ((const xlsx_custom_fmt *)a)->id, y = ((const xlsx_custom_fmt *)b)->id;
	return (x > y) - (x < y);
}

static bool read_styles(xlsx_book *b, const char *part, problems *ps)
{
	xlsx_xml x = {.names = st_names, .n_names = 4, .start = st_start, .ud = b};
	if (!xlsx_part_parse(&b->z, part, &x, ps))
		return false;
	/* a format the workbook defines wins over the built-in one of the
	 * same id */
	if (b->n_numfmts)
		qsort(b->numfmts, b->n_numfmts, sizeof *b->numfmts, numfmt_cmp);
	b->xf_code = xcalloc(b->n_xf ? b->n_xf : 1, sizeof *b->xf_code);
	for (size_t i = 0; i < b->n_xf; i++) {
		xlsx_custom_fmt key = {b->xf_id[i], NULL};
		const xlsx_custom_fmt *f = b->n_numfmts ? bsearch(&key, b->numfmts, b->n_numfmts, sizeof key, numfmt_cmp) : NULL;
		b->xf_code[i] = f ? f->code : xlsx_builtin_format(b->xf_id[i]);
	}
	return true;
}

/* ---- workbook.xml ---- */

enum { WB_SHEETS = 1, WB_SHEET, WB_PR };
static const char *const wb_names[] = {"sheets", "sheet", "workbookPr"};

static bool wb_start(xlsx_xml *x, int kind, const char **atts)
{
	xlsx_book *b = x->ud;
	if (kind == WB_PR) {
		const char *v = xlsx_attr(atts, "date1904");
		b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (kind == WB_SHEET && xlsx_parent(x) == WB_SHEETS) {
		if (b->n_sheets >= XLSX_MAX_ENTRIES) {
			problems_add(x->ps, x->path, no_mark, SEV_FATAL, "too-many-entries",
				     _("%s: too many sheets (the limit is %d)"), x->part, XLSX_MAX_ENTRIES);
			return false;
		}
		const char *name = xlsx_attr(atts, "name"), *id = xlsx_attr(atts, "id");
		const char *state = xlsx_attr(atts, "state");
		if (!name || !id)
			return xlsx_damaged(x->path, x->ps, no_mark, x->part, _("a sheet has no name or no relationship"));
		XGROW(b->sheets, b->cap_sheets, b->n_sheets + 1);
		b->sheets[b->n_sheets++] = (xlsx_sheet){
			.name = xstrdup(name),
			.rid = xstrdup(id),
			.hidden = state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0),
		};
	}
	return true;
}

/* The workbook, its sheets' parts, then its shared strings and styles:
 * by relationship, else where Excel puts them (some writers leave the
 * relationship out). */
static bool read_workbook(xlsx_book *b, problems *ps)
{
	rels r;
	bool ok = read_rels(b, b->workbook_part, &r, ps);
	xlsx_xml x = {.names = wb_names, .n_names = 3, .start = wb_start, .ud = b};
	ok = ok && xlsx_part_parse(&b->z, b->workbook_part, &x, ps);
	for (size_t i = 0; ok && i < b->n_sheets; i++) {
		xlsx_sheet *s = &b->sheets[i];
		for (size_t k = 0; k < r.n; k++)
			if (strcmp(r.v[k].id, s->rid) == 0) {
				s->worksheet = ends_with(r.v[k].type, "/worksheet");
				ok = rel_part(b, b->workbook_part, &r.v[k], &s->part, ps);
				break;
			}
	}
	static const struct {
		const char *type, *usual;
		bool (*read)(xlsx_book *, const char *, problems *);
	} parts[] = {
		{"/sharedStrings", "sharedStrings.xml", read_sst},
		{"/styles", "styles.xml", read_styles},
	};
	for (size_t k = 0; ok && k < sizeof parts / sizeof *parts; k++) {
		const rel *rl = rel_of_type(&r, parts[k].type);
		char *part = NULL;
		if (rl)
			ok = rel_part(b, b->workbook_part, rl, &part, ps);
		else if (!xlsx_resolve_target(b->workbook_part, parts[k].usual, &part) || xlsx_zip_find(&b->z, part) < 0) {
			free(part);
			part = NULL;
		}
		if (ok && part)
			ok = parts[k].read(b, part, ps);
		free(part);
	}
	rels_free(&r);
	return ok;
}

/* ---- opening ---- */

/* The workbook part: the package's office document, else where Excel
 * puts it; and what the file is when it is no workbook. */
static bool find_workbook(xlsx_book *b, problems *ps)
{
	if (xlsx_zip_find(&b->z, "_rels/.rels") >= 0) {
		rels r;
		bool ok = read_rels(b, "", &r, ps);
		const rel *doc = ok ? rel_of_type(&r, "/officeDocument") : NULL;
		if (doc)
			ok = rel_part(b, "", doc, &b->workbook_part, ps);
		rels_free(&r);
		if (!ok)
			return false;
	}
	if (!b->workbook_part && xlsx_zip_find(&b->z, "xl/workbook.xml") >= 0)
		b->workbook_part = xstrdup("xl/workbook.xml");
	if (!b->workbook_part) {
		if (xlsx_zip_find(&b->z, "content.xml") >= 0 && xlsx_zip_find(&b->z, "mimetype") >= 0)
			problems_add(ps, b->path, no_mark, SEV_FATAL, "not-xlsx",
				     _("is an OpenDocument file (.ods), not an XLSX workbook: save it from LibreOffice "
				       "as an Excel Workbook (.xlsx)"));
		else
			problems_add(ps, b->path, no_mark, SEV_FATAL, "not-xlsx",
				     _("not an XLSX workbook: the zip archive holds no workbook (xl/workbook.xml)"));
		return false;
	}
	if (ends_with(b->workbook_part, ".bin")) {
		problems_add(ps, b->path, no_mark, SEV_FATAL, "not-xlsx",
			     _("is an Excel Binary Workbook (.xlsb), not an XLSX workbook: save it as an Excel "
			       "Workbook (.xlsx)"));
		return false;
	}
	return true;
}

static bool open_owned(char *data, size_t len, const char *shown_path, const load_limits *lim, xlsx_book **out,
		       problems *ps)
{
	xlsx_book *b = xcalloc(1, sizeof *b);
	b->path = xstrdup(shown_path ? shown_path : "-");
	b->lim = load_limits_resolve(lim);
	*out = NULL;
	if (!xlsx_zip_open(&b->z, data, len, b->path, &b->lim, ps) || !find_workbook(b, ps) ||
	    !read_workbook(b, ps)) {
		xlsx_close(b);
		return false;
	}
	*out = b;
	return true;
}

bool xlsx_open_mem(const void *data, size_t len, const char *shown_path, const load_limits *lim, xlsx_book **out,
		   problems *ps)
{
	char *copy = xmalloc(len ? len : 1);
	if (len)
		memcpy(copy, data, len);
	return open_owned(copy, len, shown_path, lim, out, ps);
}

bool xlsx_open(const char *path, const load_limits *lim, xlsx_book **out, problems *ps)
{
	load_limits l = load_limits_resolve(lim);
	char *buf;
	size_t len;
	*out = NULL;
	if (!file_read(path, l.max_size, &buf, &len, ps))
		return false;
	return open_owned(buf, len, path, &l, out, ps);
}

void xlsx_close(xlsx_book *b)
{
	if (!b)
		return;
	xlsx_zip_close(&b->z);
	for (size_t i = 0; i < b->n_sheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].rid);
		free(b->sheets[i].part);
	}
	free(b->sheets);
	sb_free(&b->sst);
	free(b->sst_off);
	free(b->xf_id);
	free(b->xf_code);
	for (size_t i = 0; i < b->n_numfmts; i++)
		free(b->numfmts[i].code);
	free(b->numfmts);
	free(b->workbook_part);
	free(b->path);
	free(b);
}

/* ---- sheets ---- */

size_t xlsx_sheet_count(const xlsx_book *b) { return b->n_sheets; }

const char *xlsx_sheet_name(const xlsx_book *b, size_t i) { return i < b->n_sheets ? b->sheets[i].name : NULL; }

bool xlsx_sheet_hidden(const xlsx_book *b, size_t i) { return i < b->n_sheets && b->sheets[i].hidden; }

bool xlsx_sheet_is_worksheet(const xlsx_book *b, size_t i) { return i < b->n_sheets && b->sheets[i].worksheet; }

long xlsx_sheet_default(const xlsx_book *b, problems *ps)
{
	long first = -1;
	for (size_t i = 0; i < b->n_sheets; i++) {
		if (!b->sheets[i].worksheet)
			continue;
		if (!b->sheets[i].hidden)
			return (long)i;
		if (first < 0)
			first = (long)i;
	}
	if (first < 0)
		problems_add(ps, b->path, no_mark, SEV_FATAL, "no-such-sheet", _("the workbook has no worksheet"));
	return first;
}

/* The sheets as a list for a message: "A", "B" (hidden), ... */
static char *sheet_list(const xlsx_book *b)
{
	strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < b->n_sheets && sb.len < PROBLEM_TEXT_MAX; i++) {
		sb_printf(&sb, "%s%zu \"%s\"", i ? ", " : "", i + 1, b->sheets[i].name);
		if (b->sheets[i].hidden)
			sb_printf(&sb, " %s", _("(hidden)"));
	}
	return sb_take(&sb);
}

static bool ascii_case_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

long xlsx_sheet_find(const xlsx_book *b, const char *selector, problems *ps)
{
	long number = xlsx_parse_index(selector, (long)XLSX_MAX_ENTRIES + 1);
	for (size_t i = 0; i < b->n_sheets; i++)
		if (strcmp(b->sheets[i].name, selector) == 0) {
			if (number >= 1 && (size_t)number <= b->n_sheets && (size_t)number != i + 1)
				problems_add(ps, b->path, no_mark, SEV_WARNING, "ambiguous-sheet",
					     _("sheet \"%s\" is the sheet of that name (number %zu), not sheet number "
					       "%ld"),
					     selector, i + 1, number);
			return (long)i;
		}
	if (number >= 1 && (size_t)number <= b->n_sheets)
		return number - 1;
	long found = -1;
	size_t matches = 0;
	for (size_t i = 0; i < b->n_sheets; i++)
		if (ascii_case_equal(b->sheets[i].name, selector)) {
			found = (long)i;
			matches++;
		}
	if (matches == 1)
		return found;
	char *list = sheet_list(b);
	problems_add(ps, b->path, no_mark, SEV_FATAL, "no-such-sheet",
		     _("no sheet \"%s\" in the workbook; its sheets are: %s"), selector, list);
	free(list);
	return -1;
}
