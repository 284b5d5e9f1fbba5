#include <config.h>

#include "yaml_writer.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

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

/* Plain scalars that YAML 1.1 or 1.2 would read as something other than a
 * string: null, booleans, numbers. They get double quotes. */
static bool looks_typed(const char *s)
{
	static const char *const words[] = {
		"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
		"y", "Y", "n", "N", ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	static regex_t number;
	static bool compiled;
	if (!compiled) {
		regcomp(&number,
			"^[-+]?(0|[0-9][0-9_,]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+"
			"|([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+"
			"|[0-9][0-9_]*\\.[0-9_]*([eE][-+]?[0-9]+)?)$",
			REG_EXTENDED | REG_NOSUB);
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
