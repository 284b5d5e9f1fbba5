#include <config.h>

#include "yaml_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

const load_limits load_limits_default = {LOAD_DEFAULT_MAX_SIZE, LOAD_DEFAULT_MAX_DEPTH};

static const cs_mark no_mark = {0, 0};

bool file_read(const char *path, size_t max_size, char **buf, size_t *len, problems *ps)
{
	*buf = NULL;
	*len = 0;
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot open: %s"),
			     strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("is a directory"));
		close(fd);
		return false;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max_size) {
		problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
			     _("file is too large (%lld bytes; the limit is %zu bytes, see --max-size)"),
			     (long long)st.st_size, max_size);
		close(fd);
		return false;
	}
	strbuf sb;
	sb_init(&sb);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			problems_add(ps, path, no_mark, SEV_FATAL, "io-error", _("cannot read: %s"),
				     strerror(errno));
			sb_free(&sb);
			close(fd);
			return false;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > max_size) {
			problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "too-large",
				     _("input is too large (over %zu bytes, see --max-size)"), max_size);
			sb_free(&sb);
			close(fd);
			return false;
		}
		sb_addn(&sb, chunk, (size_t)n);
	}
	close(fd);
	*len = sb.len;
	*buf = sb_take(&sb);
	return true;
}

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

static void stop_at(yreader *yr, cs_mark mark, const char *code, const char *msg)
{
	problems_add(yr->ps, yr->file, mark, SEV_FATAL, code, "%s", msg);
	yr->stopped = true;
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

bool yr_open(yreader *yr, const char *file, const char *buf, size_t len,
	     const load_limits *limits, problems *ps)
{
	memset(yr, 0, sizeof *yr);
	yr->file = file;
	yr->ps = ps;
	yr->buf = buf;
	yr->len = len;
	yr->max_depth = limits ? limits->max_depth : LOAD_DEFAULT_MAX_DEPTH;
	size_t bad;
	if (!utf8_valid(buf, len, &bad)) {
		char *msg = xasprintf(_("invalid UTF-8 at byte offset %zu (byte 0x%02X); the file must be UTF-8"),
				      bad, (unsigned)(unsigned char)buf[bad]);
		stop_at(yr, mark_at_offset(buf, bad), "invalid-utf8", msg);
		free(msg);
		return false;
	}
	if (!yaml_parser_initialize(&yr->parser))
		xalloc_die();
	yaml_parser_set_input_string(&yr->parser, (const unsigned char *)buf, len);
	return true;
}

void yr_keep_stop_only(const yreader *yr, problems *ps)
{
	if (!yr->stopped || ps->n < 2)
		return;
	problem last = ps->v[ps->n - 1];
	ps->n--;
	problems other = *ps;
	problems_init(ps);
	problems_free(&other);
	XGROW(ps->v, ps->cap, 1);
	ps->v[0] = last;
	ps->n = 1;
}

void yr_close(yreader *yr)
{
	if (yr->has_ev)
		yaml_event_delete(&yr->ev);
	yr->has_ev = false;
	yaml_parser_delete(&yr->parser);
}

bool yr_next(yreader *yr)
{
	if (yr->stopped)
		return false;
	if (yr->has_ev)
		yaml_event_delete(&yr->ev);
	yr->has_ev = false;
	if (!yaml_parser_parse(&yr->parser, &yr->ev)) {
		cs_mark m = mark_of(yr->parser.problem_mark);
		char *msg;
		if (yr->parser.error == YAML_READER_ERROR && yr->parser.problem_offset <= yr->len)
			m = mark_at_offset(yr->buf, yr->parser.problem_offset);
		if (yr->parser.error == YAML_READER_ERROR)
			msg = xasprintf(_("cannot read the text: %s (byte offset %zu)"),
					yr->parser.problem ? yr->parser.problem : "?",
					yr->parser.problem_offset);
		else if (yr->parser.context)
			msg = xasprintf(_("YAML syntax error: %s %s"), yr->parser.problem ? yr->parser.problem : "",
					yr->parser.context);
		else
			msg = xasprintf(_("YAML syntax error: %s"),
					yr->parser.problem ? yr->parser.problem : "?");
		stop_at(yr, m, "yaml-syntax", msg);
		free(msg);
		return false;
	}
	yr->has_ev = true;
	switch (yr->ev.type) {
	case YAML_ALIAS_EVENT:
		stop_at(yr, yr_mark(yr), "alias-refused",
			_("YAML aliases (*name) are not accepted in checksheet files"));
		return false;
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
		free(*out);
		*out = xstrndup((const char *)yr->ev.data.scalar.value, yr->ev.data.scalar.length);
		return true;
	}
	yr_problem(yr, SEV_FATAL, "wrong-type", _("%s must be a text value, not %s"), what,
		   node_kind_name(yr));
	yr_skip(yr);
	return false;
}

bool yr_map_begin(yreader *yr, yr_map *m, const char *what)
{
	memset(m, 0, sizeof *m);
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

bool yr_map_next(yreader *yr, yr_map *m)
{
	for (;;) {
		free(m->key);
		m->key = NULL;
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
		m->key = xstrndup((const char *)yr->ev.data.scalar.value, yr->ev.data.scalar.length);
		if (!strmap_put(&m->seen, m->key, 0)) {
			yr_problem(yr, SEV_FATAL, "duplicate-key", _("duplicate key \"%s\""), m->key);
			if (!yr_next(yr))
				return false;
			yr_skip(yr);
			continue;
		}
		return yr_next(yr);
	}
}

void yr_map_end(yr_map *m)
{
	strmap_free(&m->seen);
	free(m->key);
	m->key = NULL;
}

void yr_map_keep_unknown(yreader *yr, yr_map *m, raw_pairs *extra)
{
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
