#include <config.h>

#include "yaml_fields.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "problems.h"
#include "xalloc.h"

void field_read_string(yreader *yr, void *obj, const field_spec *f)
{
	char **dst = (char **)((char *)obj + f->offset);
	yr_scalar_dup(yr, f->key, dst);
}

bool ltext_read(yreader *yr, ltext *t, const char *what)
{
	ltext_free(t);
	if (yr_is_scalar(yr)) {
		ltext_add(t, NULL, yr_scalar(yr));
		return true;
	}
	yr_map m;
	if (!yr_map_begin(yr, &m, what))
		return false;
	while (yr_map_next(yr, &m)) {
		if (!yr_limit_key(yr, &m, t->n + 1, yr->lim.max_list, "too-many-entries",
			      _("too many languages in one text (the limit is %zu)")))
			break;
		char *text = NULL;
		if (yr_scalar_dup(yr, what, &text))
			ltext_add(t, m.key, text);
		free(text);
	}
	yr_map_end(&m);
	return true;
}

void field_read_ltext(yreader *yr, void *obj, const field_spec *f)
{
	ltext_read(yr, (ltext *)((char *)obj + f->offset), f->key);
}

void field_read_raw_pairs(yreader *yr, void *obj, const field_spec *f)
{
	raw_pairs *dst = (raw_pairs *)((char *)obj + f->offset);
	yr_map m;
	if (!yr_map_begin(yr, &m, f->key))
		return;
	while (yr_map_next(yr, &m)) {
		raw_node *v = yr_capture(yr);
		if (v)
			raw_pairs_add(dst, m.key, v, m.key_mark);
	}
	yr_map_end(&m);
}

/* One key of a mapping, through the table or into extra. */
static void field_dispatch(yreader *yr, yr_map *m, void *obj, const field_spec *fields, size_t n_fields,
			   raw_pairs *extra)
{
	const field_spec *f = NULL;
	for (size_t i = 0; i < n_fields; i++)
		if (strcmp(fields[i].key, m->key) == 0) {
			f = &fields[i];
			break;
		}
	if (!f) {
		if (extra)
			yr_map_keep_unknown(yr, m, extra);
		else if (yr_limit_key(yr, m, ++yr->unknown_kept, yr->lim.max_unknown, "too-many-unknown",
				  _("too many unknown keys (the limit is %zu)"))) {
			problems_add(yr->ps, yr->file, m->key_mark, SEV_WARNING, "unknown-key",
				     _("unknown key \"%s\" (ignored)"), m->key);
			yr_skip(yr);
		}
		return;
	}
	if (f->mark_offset)
		*(cs_mark *)((char *)obj + f->mark_offset) = yr_mark(yr);
	f->read(yr, obj, f);
}

bool fields_read_map(yreader *yr, void *obj, const field_spec *fields, size_t n_fields,
		     raw_pairs *extra, const char *what)
{
	yr_map m;
	if (!yr_map_begin(yr, &m, what))
		return false;
	while (yr_map_next(yr, &m))
		field_dispatch(yr, &m, obj, fields, n_fields, extra);
	yr_map_end(&m);
	return true;
}

bool doc_read(const char *file, const char *buf, size_t len, const load_limits *limits,
	      const doc_spec *spec, void *obj, raw_pairs *extra, cs_mark *kind_mark, problems *ps)
{
	problems local;
	problems_init(&local);
	yreader yr;
	bool done = false, kind_seen = false;
	if (yr_open(&yr, file, buf, len, limits, &local) && yr_begin_document(&yr)) {
		yr_map m;
		if (yr_map_begin(&yr, &m, _(spec->what))) {
			while (yr_map_next(&yr, &m)) {
				if (strcmp(m.key, "kind") != 0) {
					field_dispatch(&yr, &m, obj, spec->fields, spec->n_fields, extra);
					continue;
				}
				kind_seen = true;
				if (kind_mark)
					*kind_mark = yr_mark(&yr);
				const char *k = yr_scalar(&yr);
				if (!k || strcmp(k, spec->kind) != 0)
					yr_problem(&yr, SEV_FATAL, "wrong-kind",
						   _("kind is \"%s\", but %s must say \"kind: %s\""), k ? k : "?",
						   _(spec->what), spec->kind);
				yr_skip(&yr);
			}
			yr_map_end(&m);
			done = yr_end_document(&yr);
			if (!yr.stopped && !kind_seen)
				problems_add(&local, file, (cs_mark){1, 1}, SEV_FATAL, "wrong-kind",
					     _("no \"kind:\" key: %s starts with \"kind: %s\""), _(spec->what), spec->kind);
		}
	}
	yr_keep_stop_only(&yr, &local);
	yr_close(&yr);
	problems_move(ps, &local);
	return done;
}

void *grow_for(void *v, size_t n, size_t size)
{
	/* full when n is 0 or a power of two */
	if (n && (n & (n - 1)))
		return v;
	return xreallocarray(v, n ? n * 2 : 1, size);
}

bool doc_load_file(const char *path, const load_limits *limits, doc_loader load, void *obj, problems *ps)
{
	char *buf;
	size_t len;
	if (!file_read(path, load_limits_resolve(limits).max_size, &buf, &len, ps))
		return false;
	bool ok = load(path, buf, len, limits, obj, ps);
	free(buf);
	return ok;
}
