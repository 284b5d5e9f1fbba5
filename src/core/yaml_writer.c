#include <config.h>

#include "yaml_writer.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "atomic_file.h"
#include "i18n.h"
#include "xalloc.h"

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	sb_addn(data, (const char *)buffer, size);
	return 1;
}

static void emit(ywriter *w, yaml_event_t *ev)
{
	if (w->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&w->emitter, ev))
		w->failed = true;
}

void yw_init(ywriter *w)
{
	memset(w, 0, sizeof *w);
	sb_init(&w->out);
	if (!yaml_emitter_initialize(&w->emitter))
		xalloc_die();
	yaml_emitter_set_output(&w->emitter, write_handler, &w->out);
	yaml_emitter_set_unicode(&w->emitter, 1);
	yaml_emitter_set_width(&w->emitter, -1);
	yaml_emitter_set_indent(&w->emitter, 2);
	yaml_emitter_set_break(&w->emitter, YAML_LN_BREAK);
	yaml_event_t ev;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(w, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(w, &ev);
}

char *yw_finish(ywriter *w, size_t *len)
{
	yaml_event_t ev;
	yaml_document_end_event_initialize(&ev, 1);
	emit(w, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(w, &ev);
	yaml_emitter_flush(&w->emitter);
	yaml_emitter_delete(&w->emitter);
	if (w->failed) {
		sb_free(&w->out);
		return NULL;
	}
	if (len)
		*len = w->out.len;
	return sb_take(&w->out);
}

static void map_begin(ywriter *w, yaml_mapping_style_t style)
{
	yaml_event_t ev;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, style);
	emit(w, &ev);
}

void yw_map_begin(ywriter *w) { map_begin(w, YAML_BLOCK_MAPPING_STYLE); }
void yw_map_begin_flow(ywriter *w) { map_begin(w, YAML_FLOW_MAPPING_STYLE); }

void yw_map_end(ywriter *w)
{
	yaml_event_t ev;
	yaml_mapping_end_event_initialize(&ev);
	emit(w, &ev);
}

static void seq_begin(ywriter *w, yaml_sequence_style_t style)
{
	yaml_event_t ev;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, style);
	emit(w, &ev);
}

void yw_seq_begin(ywriter *w) { seq_begin(w, YAML_BLOCK_SEQUENCE_STYLE); }

void yw_seq_end(ywriter *w)
{
	yaml_event_t ev;
	yaml_sequence_end_event_initialize(&ev);
	emit(w, &ev);
}

/* Whether a plain scalar would be read as something other than a string by
 * a YAML 1.1 or 1.2 reader: such text is written double-quoted, so that
 * PyYAML (`no:` is False), Ruby's Psych, SnakeYAML, go-yaml and the YAML
 * 1.2 core schema all read the same string we do. The test is the union
 * of their implicit types, a little wider where that costs nothing:
 *  - null and booleans: empty, ~, null, true, false, yes, no, on, off, y,
 *    n, in any case (Psych ignores case); YAML 1.1's value key `=` and
 *    merge key `<<`; Psych's symbols (`:name`);
 *  - numbers: integers (1_000, 1,000, 010, 0o17, 0x1F, 0b101), floats
 *    (1.0, .5, 1., 1.2.3, 1e3, 6.02e+23), sexagesimal (1:20, 9:00:00,
 *    1:20.5), .inf and .nan with a sign, in any case;
 *  - timestamps: 2026-11-01, 2026-1-5, 2026-11-01T10:00:00+09:00.
 * Everything else (99.9%, 24時間, 9:00-18:00, 1-2) stays plain. */
static bool typed_word(const char *s, size_t n)
{
	static const char *const words[] = {"~", "=", "<<", "y", "n", "no", "on", "yes", "off", "null", "true", "false"};
	if (n == 0)
		return true;
	if (n > 5)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return true;
	return false;
}

/* Bytes that numbers, timestamps, .inf and .nan are made of. */
static bool number_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || strchr("+-._,: \tabcdefxoinzABCDEFXOINZtT", c);
}

static bool looks_typed(const char *s)
{
	size_t n = strlen(s);
	if (typed_word(s, n))
		return true;
	if (s[0] == ':' && s[1])
		return true;
	for (size_t i = 0; i < n; i++)
		if (!number_byte((unsigned char)s[i]))
			return false;
	static regex_t number;
	static bool compiled;
	if (!compiled) {
		if (regcomp(&number,
			    "^([-+]?[0-9_][0-9_,]*"			   /* integers, 1.1 octal */
			    "|[-+]?[0-9_,]*\\.[0-9_.,]*(e[-+]?[0-9]+)?"   /* floats */
			    "|[-+]?[0-9_][0-9_,]*e[-+]?[0-9]+"		   /* 1.2: 1e3 */
			    "|[-+]?0x[0-9a-f_,]+|[-+]?0o[0-7_]+|[-+]?0b[01_,]+"
			    "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?" /* sexagesimal */
			    "|[-+]?\\.(inf|nan)"
			    "|-?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"		   /* timestamps */
			    "(([t]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
			    "([ \t]*(z|[-+][0-9]{1,2}(:?[0-9]{2})?))?)?"
			    ")$",
			    REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
			xalloc_die();
		compiled = true;
	}
	return regexec(&number, s, 0, NULL, 0) == 0;
}

static void scalar_styled(ywriter *w, const char *text, yaml_scalar_style_t style)
{
	if (strchr(text, '\n'))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (looks_typed(text))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	yaml_event_t ev;
	/* libyaml refuses text that is not UTF-8: the save fails, nothing crashes */
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)text, (int)strlen(text), 1, 1,
					  style)) {
		w->failed = true;
		return;
	}
	emit(w, &ev);
}

void yw_scalar(ywriter *w, const char *text) { scalar_styled(w, text, YAML_PLAIN_SCALAR_STYLE); }

void yw_pair(ywriter *w, const char *key, const char *text)
{
	if (!text)
		return;
	yw_scalar(w, key);
	yw_scalar(w, text);
}

void yw_raw(ywriter *w, const raw_node *n)
{
	switch (n->type) {
	case RAW_SCALAR: {
		/* Keep what the author wrote: a plain 1 stays a number for
		 * other tools, a quoted "1" a string. Folded text is written
		 * literal, since nothing we write folds. */
		yaml_scalar_style_t style = (yaml_scalar_style_t)n->style;
		if (style == YAML_ANY_SCALAR_STYLE) { /* made by us, not read */
			yw_scalar(w, n->scalar);
			break;
		}
		if (style == YAML_FOLDED_SCALAR_STYLE || strchr(n->scalar, '\n'))
			style = YAML_LITERAL_SCALAR_STYLE;
		yaml_event_t ev;
		if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)n->scalar,
						  (int)strlen(n->scalar), 1, 1, style)) {
			w->failed = true;
			break;
		}
		emit(w, &ev);
		break;
	}
	case RAW_SEQ:
		seq_begin(w, n->flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
		for (size_t i = 0; i < n->n; i++)
			yw_raw(w, n->kids[i]);
		yw_seq_end(w);
		break;
	case RAW_MAP:
		map_begin(w, n->flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
		for (size_t i = 0; i < n->n; i++)
			yw_raw(w, n->kids[i]);
		yw_map_end(w);
		break;
	}
}

void yw_raw_pairs(ywriter *w, const raw_pairs *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		yw_scalar(w, ps->v[i].key);
		yw_raw(w, ps->v[i].value);
	}
}

void yw_text_pairs(ywriter *w, const raw_pairs *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		const raw_node *v = ps->v[i].value;
		yw_scalar(w, ps->v[i].key);
		if (v->type == RAW_SCALAR && v->style == YAML_PLAIN_SCALAR_STYLE)
			yw_scalar(w, v->scalar); /* text, whatever it looks like */
		else
			yw_raw(w, v);
	}
}

bool yw_save(char *text, size_t len, const char *path, problems *ps)
{
	if (!text) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error",
			     _("could not write YAML (a value holds text YAML cannot carry)"));
		return false;
	}
	bool ok = atomic_write(path, text, len, ps);
	free(text);
	return ok;
}
