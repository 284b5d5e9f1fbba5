#include <config.h>

#include "yaml_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

static const cs_mark no_mark = {0, 0};

void yr_problem(yreader *yr, severity sev, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		xalloc_die();
	va_end(ap);
	problems_add(yr->ps, yr->file, yr_mark(yr), sev, code, "%s", msg);
	free(msg);
}

static void stop_utf8(yreader *yr, size_t bad);
static void load_text(yreader *yr);

static void stop_at(yreader *yr, cs_mark mark, const char *code, const char *msg)
{
	if (yr->stopped)
		return;
	/* whatever stopped the reading, a file with invalid UTF-8 anywhere
	 * is refused for that, as when the whole text was checked first */
	size_t bad;
	if (!yr->utf8_checked) {
		yr->utf8_checked = true;
		load_text(yr);
		if (!utf8_valid(yr->buf, yr->len, &bad)) {
			stop_utf8(yr, bad);
			return;
		}
	}
	problems_add(yr->ps, yr->file, mark, SEV_FATAL, code, "%s", msg);
	yr->stopped = true;
	yr->stop_problem = yr->ps->n - 1;
}

static cs_mark mark_of(yaml_mark_t m)
{
	return (cs_mark){(int)m.line + 1, (int)m.column + 1};
}

/* Line and column (1-based, in characters) of a byte offset. */
static cs_mark mark_at_offset(const char *buf, size_t off)
{
	cs_mark m = {1, 1};
	size_t line_start = 0;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n') {
			m.line++;
			line_start = i + 1;
		}
	size_t i = line_start;
	while (i < off) {
		i = utf8_next(buf, off, i);
		m.column++;
	}
	return m;
}

static bool has_bom(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
}

/* The byte offset of a libyaml mark: its index counts characters. */
static size_t offset_of_mark(yreader *yr, yaml_mark_t m)
{
	load_text(yr);
	size_t i = has_bom(yr->buf, yr->len) ? 3 : 0;
	for (size_t k = 0; k < m.index && i < yr->len; k++)
		i = utf8_next(yr->buf, yr->len, i);
	return i;
}

static void stop_utf8(yreader *yr, size_t bad)
{
	char *msg = xasprintf(_("invalid UTF-8 at byte offset %zu (byte 0x%02X); the file must be UTF-8"),
			      bad, (unsigned)(unsigned char)yr->buf[bad]);
	problems_add(yr->ps, yr->file, mark_at_offset(yr->buf, bad), SEV_FATAL, "invalid-utf8", "%s", msg);
	yr->stopped = true;
	yr->stop_problem = yr->ps->n - 1;
	free(msg);
}

bool yr_check_utf8(yreader *yr)
{
	if (yr->stopped)
		return false;
	if (yr->utf8_checked)
		return true;
	yr->utf8_checked = true;
	load_text(yr);
	size_t bad;
	if (utf8_valid(yr->buf, yr->len, &bad))
		return true;
	stop_utf8(yr, bad);
	return false;
}

static size_t count_chars(const char *buf, size_t len)
{
	size_t n = 0;
	for (size_t i = has_bom(buf, len) ? 3 : 0; i < len; i++)
		n += ((unsigned char)buf[i] & 0xC0) != 0x80;
	return n;
}

static void init(yreader *yr, const char *file, const load_limits *limits, problems *ps)
{
	memset(yr, 0, sizeof *yr);
	yr->file = file;
	yr->ps = ps;
	yr->fd = -1;
	yr->lim = load_limits_resolve(limits);
	yr->max_depth = yr->lim.max_depth;
}

/* libyaml checks UTF-8 as it reads (the same rules: no overlongs,
 * surrogates or code points past U+10FFFF), but a UTF-16 byte order mark
 * would make it read UTF-16: such a text is checked whole here. */
static bool utf16_bom(const unsigned char *b, size_t len)
{
	return len >= 2 && (b[0] == 0xFE || b[0] == 0xFF);
}

bool yr_open(yreader *yr, const char *file, const char *buf, size_t len,
	     const load_limits *limits, problems *ps)
{
	init(yr, file, limits, ps);
	yr->buf = buf;
	yr->len = len;
	yr->text_loaded = true;
	if (utf16_bom((const unsigned char *)buf, len) && !yr_check_utf8(yr))
		return false;
	if (!yaml_parser_initialize(&yr->parser))
		xalloc_die();
	yaml_parser_set_input_string(&yr->parser, (const unsigned char *)buf, len);
	return true;
}

#define STREAM_CHUNK ((size_t)256 << 10)

/* Reads the next chunk; false on an error (stream_errno) or past the
 * size limit (EFBIG). At the end of the file chunk_len is 0. */
static bool read_chunk(yreader *yr)
{
	yr->chunk_pos = yr->chunk_len = 0;
	ssize_t n;
	do
		n = read(yr->fd, yr->chunk, STREAM_CHUNK);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		yr->stream_errno = errno;
		return false;
	}
	if ((size_t)n > yr->lim.max_size - yr->stream_read) {
		yr->stream_errno = EFBIG;
		return false;
	}
	yr->stream_read += (size_t)n;
	yr->chunk_len = (size_t)n;
	return true;
}

static int stream_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	yreader *yr = data;
	*size_read = 0;
	if (yr->chunk_pos == yr->chunk_len && !read_chunk(yr))
		return 0;
	size_t k = yr->chunk_len - yr->chunk_pos;
	if (k > size)
		k = size;
	memcpy(buffer, yr->chunk + yr->chunk_pos, k);
	yr->chunk_pos += k;
	*size_read = k;
	return 1;
}

/* A read error or the size limit, said as file_read_ex says them. */
static void report_stream_error(yreader *yr)
{
	if (yr->stream_errno == EFBIG)
		problems_add(yr->ps, yr->file, (cs_mark){1, 1}, SEV_FATAL, "too-large",
			     _("input is too large (over %zu bytes, see --max-size)"), yr->lim.max_size);
	else
		problems_add(yr->ps, yr->file, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"),
			     strerror(yr->stream_errno));
	yr->stopped = true;
	yr->stop_problem = yr->ps->n - 1;
}

bool yr_open_fd(yreader *yr, const char *file, int fd, const load_limits *limits, problems *ps)
{
	init(yr, file, limits, ps);
	yr->fd = fd;
	yr->chunk = xmalloc(STREAM_CHUNK);
	/* the first chunk now: a UTF-16 mark is refused before libyaml sees it */
	if (!read_chunk(yr)) {
		report_stream_error(yr);
		return false;
	}
	if (utf16_bom((const unsigned char *)yr->chunk, yr->chunk_len) && !yr_check_utf8(yr))
		return false;
	if (!yaml_parser_initialize(&yr->parser))
		xalloc_die();
	yaml_parser_set_input(&yr->parser, stream_handler, yr);
	return true;
}

/* The whole text, for an error that needs to say where it is: read again
 * from the start of the file (up to the size limit). */
static void load_text(yreader *yr)
{
	if (yr->text_loaded)
		return;
	yr->text_loaded = true;
	size_t cap = yr->stream_read + 1, n = 0;
	char *b = xmalloc(cap);
	for (;;) {
		if (n + 1 == cap) {
			if (cap - 1 >= yr->lim.max_size)
				break;
			cap = cap - 1 > yr->lim.max_size / 2 ? yr->lim.max_size + 1 : cap * 2;
			b = xrealloc(b, cap);
		}
		ssize_t r = pread(yr->fd, b + n, cap - 1 - n, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	yr->text_owned = b;
	yr->buf = b;
	yr->len = n;
}

void yr_keep_stop_only(const yreader *yr, problems *ps)
{
	if (!yr->stopped || ps->n < 2)
		return;
	/* the stop's own problem: a loader unwinding from a stop in the
	 * middle of an item may still add (say) that the item has no unit */
	size_t k = ps == yr->ps && yr->stop_problem < ps->n ? yr->stop_problem : ps->n - 1;
	problem keep = ps->v[k];
	ps->v[k] = ps->v[ps->n - 1];
	ps->n--;
	problems other = *ps;
	problems_init(ps);
	problems_free(&other);
	XGROW(ps->v, ps->cap, 1);
	ps->v[0] = keep;
	ps->n = 1;
}

void yr_close(yreader *yr)
{
	if (yr->has_ev)
		yaml_event_delete(&yr->ev);
	yr->has_ev = false;
	yaml_parser_delete(&yr->parser);
	free(yr->chunk);
	free(yr->text_owned);
	yr->chunk = yr->text_owned = NULL;
}

/* libyaml's words for what went wrong, and ours: translated, and in terms
 * of what a person editing a checksheet file can do about it. */
static const struct {
	const char *yaml, *ours;
} yaml_problems[] = {
	{"did not find expected node content", N_("a value is missing here")},
	{"did not find expected ',' or ']'", N_("expected \",\" or \"]\"")},
	{"did not find expected ',' or '}'", N_("expected \",\" or \"}\"")},
	{"did not find expected key", N_("expected a key (key: value) at this indentation")},
	{"did not find expected '-' indicator", N_("expected a list entry (- ...) at this indentation")},
	{"mapping values are not allowed in this context",
	 N_("a \": \" where no key can start; put text that holds \": \" in quotes")},
	{"could not find expected ':'",
	 N_("a key without \":\" (a key must be on one line and shorter than 1024 characters)")},
	{"found character that cannot start any token",
	 N_("a character that cannot start a value (such as @ or `); put the text in quotes")},
	{"found a tab character that violates indentation", N_("a tab in the indentation; indent with spaces")},
	{"found a tab character where an indentation space is expected",
	 N_("a tab in the indentation; indent with spaces")},
	{"found unexpected end of stream", N_("the file ends inside quoted text: the closing quote is missing")},
	{"found unknown escape character", N_("an unknown escape sequence (\\) in double-quoted text")},
	{"found invalid Unicode character escape code", N_("an escape sequence names an invalid Unicode character")},
	{"did not find expected hexdecimal number", N_("an escape sequence needs hexadecimal digits")},
	{"found unexpected document indicator", N_("a document marker (--- or ...) inside quoted text")},
	{"block sequence entries are not allowed in this context", N_("a list entry (- ...) where none can start")},
	{"mapping keys are not allowed in this context", N_("a complex key (?) where none can start")},
	{"did not find expected comment or line break",
	 N_("more text after a value; a comment or a line break was expected")},
	{"did not find expected whitespace or line break", N_("unexpected text after a block indicator (| or >)")},
	{"found an indentation indicator equal to 0", N_("the indentation indicator of a block text is 0")},
	{"did not find expected <document start>", N_("expected the start of a document (---)")},
	{"found unexpected ':'", N_("an unexpected \":\"")},
	{"did not find expected alphabetic or numeric character", N_("an anchor or alias without a valid name")},
	{"found undefined tag handle", N_("a malformed or unknown tag (!...)")},
	{"did not find expected tag URI", N_("a malformed or unknown tag (!...)")},
	{"did not find URI escaped octet", N_("a malformed or unknown tag (!...)")},
	{"did not find expected '!'", N_("a malformed or unknown tag (!...)")},
	{"did not find the expected '>'", N_("a malformed or unknown tag (!...)")},
	{"did not find expected whitespace", N_("a malformed or unknown tag (!...)")},
	{"found unknown directive name", N_("a malformed or unsupported YAML directive")},
	{"found incompatible YAML document", N_("a malformed or unsupported YAML directive")},
	{"found duplicate %YAML directive", N_("a malformed or unsupported YAML directive")},
	{"found duplicate %TAG directive", N_("a malformed or unsupported YAML directive")},
	{"did not find expected version number", N_("a malformed or unsupported YAML directive")},
	{"did not find expected digit or '.' character", N_("a malformed or unsupported YAML directive")},
	{"found extremely long version number", N_("a malformed or unsupported YAML directive")},
	{"could not find expected directive name", N_("a malformed or unsupported YAML directive")},
	{"found unexpected non-alphabetical character", N_("a malformed or unsupported YAML directive")},
	{"input is too long", N_("the input is too long")},
	{"invalid leading UTF-8 octet", N_("invalid UTF-8")},
	{"invalid trailing UTF-8 octet", N_("invalid UTF-8")},
	{"invalid length of a UTF-8 sequence", N_("invalid UTF-8")},
	{"incomplete UTF-8 octet sequence", N_("invalid UTF-8")},
	{"invalid Unicode character", N_("invalid UTF-8")},
	{"found an incorrect leading UTF-8 octet", N_("invalid UTF-8")},
	{"found an incorrect trailing UTF-8 octet", N_("invalid UTF-8")},
};

/* Where libyaml was when it found the problem, as a phrase with the line
 * and column it started at. */
static const struct {
	const char *yaml, *ours;
} yaml_contexts[] = {
	{"while parsing a flow sequence", N_("in the [ ] list opened at line %d, column %d")},
	{"while parsing a flow mapping", N_("in the { } mapping opened at line %d, column %d")},
	{"while scanning a quoted scalar", N_("in the quoted text opened at line %d, column %d")},
	{"while parsing a quoted scalar", N_("in the quoted text opened at line %d, column %d")},
	{"while parsing a block mapping", N_("in the mapping that starts at line %d, column %d")},
	{"while parsing a block collection", N_("in the list that starts at line %d, column %d")},
	{"while scanning a simple key", N_("in the key that starts at line %d, column %d")},
	{"while scanning a plain scalar", N_("in the text that starts at line %d, column %d")},
	{"while scanning a block scalar", N_("in the block text (| or >) that starts at line %d, column %d")},
	{"while parsing a flow node", N_("in the value that starts at line %d, column %d")},
	{"while parsing a block node", N_("in the value that starts at line %d, column %d")},
	{"while parsing a node", N_("in the value that starts at line %d, column %d")},
};

static const char *lookup(const char *yaml, bool contexts)
{
	if (!yaml)
		return NULL;
	if (contexts) {
		for (size_t i = 0; i < sizeof yaml_contexts / sizeof *yaml_contexts; i++)
			if (strcmp(yaml_contexts[i].yaml, yaml) == 0)
				return _(yaml_contexts[i].ours);
		return NULL;
	}
	for (size_t i = 0; i < sizeof yaml_problems / sizeof *yaml_problems; i++)
		if (strcmp(yaml_problems[i].yaml, yaml) == 0)
			return _(yaml_problems[i].ours);
	return NULL;
}

/* Turns libyaml's error into one problem: our words, translated, at
 * libyaml's problem mark, or, when the problem is only that the file
 * ended, where the unclosed thing was opened (its context mark). */
static void report_yaml_error(yreader *yr)
{
	const yaml_parser_t *p = &yr->parser;
	char *msg;
	cs_mark m = mark_of(p->problem_mark);
	if (p->error == YAML_READER_ERROR && yr->stream_errno) {
		report_stream_error(yr);
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		load_text(yr);
		size_t off = p->problem_offset <= yr->len ? p->problem_offset : yr->len;
		m = mark_at_offset(yr->buf, off);
		char *what;
		if (p->problem && strcmp(p->problem, "control characters are not allowed") == 0)
			what = xasprintf(_("a control character (U+%04X) is not allowed in YAML; write it as an escape in double quotes"),
					 (unsigned)p->problem_value);
		else {
			const char *ours = lookup(p->problem, false);
			what = xstrdup(ours ? ours : p->problem ? p->problem : "?");
		}
		msg = xasprintf(_("cannot read the text: %s (byte offset %zu)"), what, off);
		free(what);
		stop_at(yr, m, "yaml-syntax", msg);
		free(msg);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR)
		xalloc_die();
	const char *ours = lookup(p->problem, false);
	if (p->problem && strcmp(p->problem, "found character that cannot start any token") == 0) {
		/* most often a tab where YAML wants spaces */
		size_t off = offset_of_mark(yr, p->problem_mark);
		if (off < yr->len && yr->buf[off] == '\t')
			ours = _("a tab in the indentation; indent with spaces");
	}
	const char *said = ours ? ours : p->problem ? p->problem : "?";
	const char *ctx = p->context ? lookup(p->context, true) : NULL;
	cs_mark cm = mark_of(p->context_mark);
	if (!yr->n_chars) {
		load_text(yr);
		yr->n_chars = count_chars(yr->buf, yr->len);
	}
	bool at_end = p->problem_mark.index >= yr->n_chars;
	bool ctx_elsewhere = p->context && (cm.line != m.line || cm.column != m.column);
	if (at_end && ctx_elsewhere && p->context &&
	    (strcmp(p->context, "while parsing a flow sequence") == 0 ||
	     strcmp(p->context, "while parsing a flow mapping") == 0 ||
	     strcmp(p->context, "while scanning a quoted scalar") == 0)) {
		/* the file ended: the error is the bracket or quote never closed */
		const char *what = strstr(p->context, "quoted") ? _("this quoted text is never closed: the file ends before its closing quote")
				   : strstr(p->context, "sequence") ? _("this [ ] list is never closed: the file ends before its \"]\"")
								    : _("this { } mapping is never closed: the file ends before its \"}\"");
		msg = xasprintf(_("YAML syntax error: %s"), what);
		stop_at(yr, cm, "yaml-syntax", msg);
		free(msg);
		return;
	}
	if (ctx && ctx_elsewhere) {
		char *where = xasprintf(ctx, cm.line, cm.column);
		msg = xasprintf(_("YAML syntax error: %s (%s)"), said, where);
		free(where);
	} else
		msg = xasprintf(_("YAML syntax error: %s"), said);
	stop_at(yr, m, "yaml-syntax", msg);
	free(msg);
}

/* Where the escape that makes a NUL starts in the double-quoted scalar
 * opening at byte off ("a\0b", "\x00", "\u0000", "\U00000000"). */
static size_t find_nul_escape(const char *buf, size_t len, size_t off)
{
	if (off >= len || buf[off] != '"')
		return off;
	static const struct {
		char c;
		size_t digits;
	} esc[] = {{'0', 0}, {'x', 2}, {'u', 4}, {'U', 8}};
	for (size_t i = off + 1; i < len && buf[i] != '"'; i++) {
		if (buf[i] != '\\' || i + 1 >= len)
			continue;
		char c = buf[i + 1];
		for (size_t k = 0; k < sizeof esc / sizeof *esc; k++) {
			if (c != esc[k].c)
				continue;
			bool zero = i + 2 + esc[k].digits <= len;
			for (size_t d = 0; zero && d < esc[k].digits; d++)
				zero = buf[i + 2 + d] == '0';
			if (zero)
				return i;
		}
		i++; /* the escaped character (\" \\ ...) */
	}
	return off;
}

/* The checks every scalar passes: no NUL (C strings would cut the text
 * there, silently), and no text longer than the limit. */
static bool check_scalar(yreader *yr)
{
	const char *v = (const char *)yr->ev.data.scalar.value;
	size_t n = yr->ev.data.scalar.length;
	if (n > yr->lim.max_scalar) {
		char *msg = xasprintf(_("a text value is too long (%zu bytes; the limit is %zu bytes)"), n,
				      yr->lim.max_scalar);
		stop_at(yr, yr_mark(yr), "too-long", msg);
		free(msg);
		return false;
	}
	/* a NUL byte in the text itself libyaml refuses (a control
	 * character): only an escape in double quotes makes one */
	if (yr->ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && memchr(v, '\0', n)) {
		size_t at = offset_of_mark(yr, yr->ev.start_mark);  /* loads the text */
		size_t off = find_nul_escape(yr->buf, yr->len, at);
		stop_at(yr, mark_at_offset(yr->buf, off), "nul-character",
			_("the text holds a NUL character (\\0, \\x00 or \\u0000), which checksheet does not accept"));
		return false;
	}
	return true;
}

bool yr_next(yreader *yr)
{
	if (yr->stopped)
		return false;
	if (yr->has_ev)
		yaml_event_delete(&yr->ev);
	yr->has_ev = false;
	if (!yaml_parser_parse(&yr->parser, &yr->ev)) {
		report_yaml_error(yr);
		return false;
	}
	yr->has_ev = true;
	switch (yr->ev.type) {
	case YAML_ALIAS_EVENT:
		stop_at(yr, yr_mark(yr), "alias-refused",
			_("YAML aliases (*name) are not accepted in checksheet files"));
		return false;
	case YAML_SCALAR_EVENT:
		return check_scalar(yr);
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++yr->depth > yr->max_depth) {
			char *msg = xasprintf(_("nesting is deeper than %d levels"), yr->max_depth);
			stop_at(yr, yr_mark(yr), "too-deep", msg);
			free(msg);
			return false;
		}
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		yr->depth--;
		break;
	default:
		break;
	}
	return true;
}

static bool limit_at(yreader *yr, cs_mark at, size_t count, size_t limit, const char *code, const char *fmt)
{
	if (count <= limit)
		return true;
	if (yr->stopped)
		return false;
	char *msg = xasprintf(fmt, limit);
	stop_at(yr, at, code, msg);
	free(msg);
	return false;
}

bool yr_limit_stop_(yreader *yr, const yr_map *m, const char *code, const char *fmt)
{
	return limit_at(yr, m ? m->key_mark : yr_mark(yr), yr->limit_count, yr->limit_value, code, fmt);
}

cs_mark yr_mark(const yreader *yr)
{
	return yr->has_ev ? mark_of(yr->ev.start_mark) : no_mark;
}

bool yr_is_scalar(const yreader *yr) { return yr->has_ev && yr->ev.type == YAML_SCALAR_EVENT; }
bool yr_is_map(const yreader *yr) { return yr->has_ev && yr->ev.type == YAML_MAPPING_START_EVENT; }
bool yr_is_seq(const yreader *yr) { return yr->has_ev && yr->ev.type == YAML_SEQUENCE_START_EVENT; }

const char *yr_scalar(const yreader *yr)
{
	return yr_is_scalar(yr) ? (const char *)yr->ev.data.scalar.value : NULL;
}

size_t yr_scalar_len(const yreader *yr) { return yr_is_scalar(yr) ? yr->ev.data.scalar.length : 0; }

bool yr_begin_document(yreader *yr)
{
	if (!yr_next(yr) || yr->ev.type != YAML_STREAM_START_EVENT)
		return false;
	if (!yr_next(yr))
		return false;
	if (yr->ev.type == YAML_STREAM_END_EVENT) {
		stop_at(yr, yr_mark(yr), "wrong-kind", _("the file is empty"));
		return false;
	}
	return yr_next(yr);
}

bool yr_end_document(yreader *yr)
{
	if (yr->stopped || !yr_next(yr))
		return false;
	if (!yr_next(yr))
		return false;
	if (yr->ev.type != YAML_STREAM_END_EVENT) {
		stop_at(yr, yr_mark(yr), "yaml-syntax",
			_("more than one YAML document in the file; a checksheet file holds one"));
		return false;
	}
	return true;
}

void yr_skip(yreader *yr)
{
	if (!yr->has_ev || yr->stopped)
		return;
	if (yr->ev.type != YAML_MAPPING_START_EVENT && yr->ev.type != YAML_SEQUENCE_START_EVENT)
		return;
	int level = 1;
	while (level > 0 && yr_next(yr)) {
		if (yr->ev.type == YAML_MAPPING_START_EVENT || yr->ev.type == YAML_SEQUENCE_START_EVENT)
			level++;
		else if (yr->ev.type == YAML_MAPPING_END_EVENT || yr->ev.type == YAML_SEQUENCE_END_EVENT)
			level--;
	}
}

raw_node *yr_capture(yreader *yr)
{
	if (!yr->has_ev || yr->stopped)
		return NULL;
	/* what is kept as it was read costs memory for every node: limited */
	if (!yr_limit(yr, ++yr->unknown_kept, yr->lim.max_unknown, "too-many-unknown",
		      _("too many unknown keys and values to keep (the limit is %zu)")))
		return NULL;
	cs_mark m = yr_mark(yr);
	if (yr->ev.type == YAML_SCALAR_EVENT) {
		raw_node *n = raw_new(RAW_SCALAR, m);
		n->scalar = xstrndup((const char *)yr->ev.data.scalar.value, yr->ev.data.scalar.length);
		n->style = yr->ev.data.scalar.style;
		return n;
	}
	bool map = yr->ev.type == YAML_MAPPING_START_EVENT;
	if (!map && yr->ev.type != YAML_SEQUENCE_START_EVENT)
		return NULL;
	raw_node *n = raw_new(map ? RAW_MAP : RAW_SEQ, m);
	n->flow = map ? yr->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
		      : yr->ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	while (yr_next(yr)) {
		if (yr->ev.type == YAML_MAPPING_END_EVENT || yr->ev.type == YAML_SEQUENCE_END_EVENT)
			return n;
		raw_node *kid = yr_capture(yr);
		if (!kid)
			break;
		raw_append(n, kid);
	}
	raw_free(n);
	return NULL;
}

static const char *node_kind_name(const yreader *yr)
{
	if (yr_is_map(yr))
		return _("a mapping");
	if (yr_is_seq(yr))
		return _("a list");
	return _("a text value");
}

bool yr_scalar_dup(yreader *yr, const char *what, char **out)
{
	if (yr->stopped)
		return false;
	if (yr_is_scalar(yr)) {
		const char *v = (const char *)yr->ev.data.scalar.value;
		size_t n = yr->ev.data.scalar.length;
		if (yr->mem)
			*out = arena_strndup(yr->mem, v, n);
		else {
			free(*out);
			*out = xstrndup(v, n);
		}
		return true;
	}
	yr_problem(yr, SEV_FATAL, "wrong-type", _("%s must be a text value, not %s"), what,
		   node_kind_name(yr));
	yr_skip(yr);
	return false;
}

bool yr_map_begin(yreader *yr, yr_map *m, const char *what)
{
	/* the key buffers need no clearing */
	strmap_init(&m->seen);
	m->n_small = 0;
	m->small_heap = 0;
	m->key = m->key_alloc = NULL;
	m->caller_checks_duplicates = false;
	m->key_mark = (cs_mark){0, 0};
	m->inline_used = 0;
	if (yr->stopped)
		return false;
	if (yr_is_map(yr))
		return true;
	/* An empty value (`answers:`) reads as an empty mapping. */
	if (yr_is_scalar(yr) && yr->ev.data.scalar.length == 0 &&
	    yr->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return false;
	yr_problem(yr, SEV_FATAL, "wrong-type", _("%s must be a mapping (key: value), not %s"), what,
		   node_kind_name(yr));
	yr_skip(yr);
	return false;
}

/* The current key, copied where it stays while its value is read: into
 * the struct when it is short, else allocated. */
static char *hold_key(yr_map *m, const char *v, size_t n)
{
	if (n < sizeof m->cur) {
		memcpy(m->cur, v, n);
		m->cur[n] = '\0';
		return m->cur;
	}
	m->key_alloc = xstrndup(v, n);
	return m->key_alloc;
}

/* Records the key (n bytes at v) as seen and sets m->key; false when it
 * was seen before. */
static bool map_see(yr_map *m, const char *v, size_t n)
{
	for (size_t i = 0; i < m->n_small; i++)
		if (m->small_len[i] == n && memcmp(m->small[i], v, n) == 0) {
			m->key = hold_key(m, v, n);
			return false;
		}
	if (m->n_small < YR_MAP_SMALL) {
		char *k;
		if (n < sizeof m->inline_keys - m->inline_used) {
			k = m->inline_keys + m->inline_used;
			memcpy(k, v, n);
			k[n] = '\0';
			m->inline_used += n + 1;
		} else {
			k = xstrndup(v, n);
			m->small_heap |= 1u << m->n_small;
		}
		m->small_len[m->n_small] = n;
		m->small[m->n_small++] = k;
		m->key = k;
		return true;
	}
	m->key = hold_key(m, v, n);
	return strmap_put(&m->seen, m->key, 0);
}

static void map_drop_key(yr_map *m)
{
	free(m->key_alloc);
	m->key_alloc = NULL;
	m->key = NULL;
}

bool yr_map_next(yreader *yr, yr_map *m)
{
	for (;;) {
		map_drop_key(m);
		if (!yr_next(yr) || yr->ev.type == YAML_MAPPING_END_EVENT)
			return false;
		m->key_mark = yr_mark(yr);
		yr->last_key_mark = m->key_mark;
		if (!yr_is_scalar(yr)) {
			yr_problem(yr, SEV_FATAL, "wrong-type", _("a key must be a text value"));
			yr_skip(yr);
			if (!yr_next(yr))
				return false;
			yr_skip(yr);
			continue;
		}
		const char *v = (const char *)yr->ev.data.scalar.value;
		size_t n = yr->ev.data.scalar.length;
		if (m->caller_checks_duplicates)
			m->key = hold_key(m, v, n);
		else if (!map_see(m, v, n)) {
			yr_problem(yr, SEV_FATAL, "duplicate-key", _("duplicate key \"%s\""), m->key);
			if (!yr_next(yr))
				return false;
			yr_skip(yr);
			continue;
		}
		return yr_next(yr);
	}
}

void yr_duplicate_key(yreader *yr, cs_mark at, const char *key)
{
	problems_add(yr->ps, yr->file, at, SEV_FATAL, "duplicate-key", _("duplicate key \"%s\""), key);
}

void yr_map_duplicate(yreader *yr, yr_map *m)
{
	yr_duplicate_key(yr, m->key_mark, m->key);
	yr_skip(yr);
}

void yr_map_end(yr_map *m)
{
	map_drop_key(m);
	strmap_free(&m->seen);
	for (size_t i = 0; i < m->n_small; i++)
		if (m->small_heap & (1u << i))
			free(m->small[i]);
	m->n_small = 0;
	m->small_heap = 0;
	m->inline_used = 0;
}

void yr_map_keep_unknown(yreader *yr, yr_map *m, raw_pairs *extra)
{
	/* past the limit: said at the key (yr_capture counts every node) */
	if (!yr_limit_key(yr, m, yr->unknown_kept + 1, yr->lim.max_unknown, "too-many-unknown",
			  _("too many unknown keys and values to keep (the limit is %zu)")))
		return;
	problems_add(yr->ps, yr->file, m->key_mark, SEV_WARNING, "unknown-key",
		     _("unknown key \"%s\" (kept as it is)"), m->key);
	raw_node *v = yr_capture(yr);
	if (v)
		raw_pairs_add(extra, m->key, v, m->key_mark);
}

bool yr_seq_begin(yreader *yr, const char *what)
{
	if (yr->stopped)
		return false;
	if (yr_is_seq(yr))
		return true;
	if (yr_is_scalar(yr) && yr->ev.data.scalar.length == 0 &&
	    yr->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return false;
	yr_problem(yr, SEV_FATAL, "wrong-type", _("%s must be a list, not %s"), what,
		   node_kind_name(yr));
	yr_skip(yr);
	return false;
}

bool yr_seq_next(yreader *yr)
{
	return yr_next(yr) && yr->ev.type != YAML_SEQUENCE_END_EVENT;
}
