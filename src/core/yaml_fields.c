#include <config.h>

#include "yaml_fields.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "problems.h"
#include "xalloc.h"

void field_read_string(yreader *yr, void *obj, const field_spec *f)
{
	char **dst = (char **)((char *)obj + f->offset);
	yr_scalar_dup(yr, f->key, dst);
}

/* A language tag in the arena: the few that a document uses are kept
 * once (a read-only document shares them). */
static char *arena_lang(yreader *yr, const char *lang)
{
	for (size_t i = 0; i < yr->n_langs; i++)
		if (strcmp(yr->langs[i], lang) == 0)
			return (char *)yr->langs[i];
	char *copy = arena_strdup(yr->mem, lang);
	if (yr->n_langs < sizeof yr->langs / sizeof *yr->langs)
		yr->langs[yr->n_langs++] = copy;
	return copy;
}

/* Into the reader's arena: the entries gathered first (most texts have one
 * or two languages), then copied there once. */
static bool ltext_read_arena(yreader *yr, ltext *t, const char *what)
{
	arena *mem = yr->mem;
	t->v = NULL;
	t->n = 0;
	if (yr_is_scalar(yr)) {
		t->v = arena_alloc(mem, sizeof *t->v);
		t->v[0].lang = NULL;
		t->v[0].text = arena_strndup(mem, yr_scalar(yr), yr_scalar_len(yr));
		t->n = 1;
		return true;
	}
	yr_map m;
	if (!yr_map_begin(yr, &m, what))
		return false;
	ltext_entry small[4], *v = small;
	size_t n = 0, cap = sizeof small / sizeof *small;
	while (yr_map_next(yr, &m)) {
		if (!yr_limit_key(yr, &m, n + 1, yr->lim.max_list, "too-many-entries",
			      _("too many languages in one text (the limit is %zu)")))
			break;
		char *text = NULL;
		if (!yr_scalar_dup(yr, what, &text))
			continue;
		if (n == cap) {
			cap *= 2;
			v = v == small ? memcpy(xreallocarray(NULL, cap, sizeof *v), small, sizeof small)
				       : xreallocarray(v, cap, sizeof *v);
		}
		v[n].lang = arena_lang(yr, m.key);
		v[n].text = text;
		n++;
	}
	yr_map_end(&m);
	if (n) {
		t->v = arena_memdup(mem, v, n * sizeof *v);
		t->n = n;
	}
	if (v != small)
		free(v);
	return true;
}

/* How ltext_get ranks an entry for lang: lower is preferred. */
static int lang_rank(const char *entry, const char *lang)
{
	if (entry && strcmp(entry, lang) == 0)
		return 0;
	if (entry && strcmp(entry, "en") == 0)
		return 1;
	if (entry && strcmp(entry, "ja") == 0)
		return 2;
	return 3;
}

bool ltext_read_kept(yreader *yr, ltext *t, const char *what, bool keep, const char *lang)
{
	if (keep && !lang)
		return ltext_read_arena(yr, t, what);
	t->v = NULL;
	t->n = 0;
	if (yr_is_scalar(yr)) {
		if (keep) {
			t->v = arena_alloc(yr->mem, sizeof *t->v);
			t->v[0].lang = NULL;
			t->v[0].text = arena_strndup(yr->mem, yr_scalar(yr), yr_scalar_len(yr));
			t->n = 1;
		}
		return true;
	}
	yr_map m;
	if (!yr_map_begin(yr, &m, what))
		return false;
	size_t n = 0;
	int best = 4;
	while (yr_map_next(yr, &m)) {
		if (!yr_limit_key(yr, &m, ++n, yr->lim.max_list, "too-many-entries",
				  _("too many languages in one text (the limit is %zu)")))
			break;
		if (!yr_is_scalar(yr)) {
			char *wrong = NULL;
			yr_scalar_dup(yr, what, &wrong);  /* says it is not a text */
			continue;
		}
		int rank = keep ? lang_rank(m.key, lang) : 4;
		if (rank >= best)
			continue;  /* ltext_get would not give it: not copied */
		best = rank;
		if (!t->v)
			t->v = arena_alloc(yr->mem, sizeof *t->v);
		t->v[0].lang = arena_lang(yr, m.key);
		t->v[0].text = arena_strndup(yr->mem, yr_scalar(yr), yr_scalar_len(yr));
		t->n = 1;
	}
	yr_map_end(&m);
	return true;
}

bool ltext_read(yreader *yr, ltext *t, const char *what)
{
	if (yr->mem)
		return ltext_read_arena(yr, t, what);
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

void field_read_kept(yreader *yr, void *obj, const field_spec *f)
{
	raw_pairs *dst = (raw_pairs *)((char *)obj + f->offset);
	cs_mark at = yr->last_key_mark;
	raw_node *v = yr_capture(yr);
	if (v)
		raw_pairs_add(dst, f->key, v, at);
}

/* One key of a mapping, through the table or into extra. */
static void field_dispatch(yreader *yr, yr_map *m, void *obj, const field_spec *fields, size_t n_fields,
			   raw_pairs *extra)
{
	const field_spec *f = NULL;
	for (size_t i = 0; i < n_fields; i++)
		if (fields[i].key[0] == m->key[0] && strcmp(fields[i].key, m->key) == 0) {
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
	return doc_read_in(file, buf, len, -1, limits, spec, obj, extra, kind_mark, NULL, ps);
}

bool doc_read_in(const char *file, const char *buf, size_t len, int fd, const load_limits *limits,
		 const doc_spec *spec, void *obj, raw_pairs *extra, cs_mark *kind_mark, arena *mem,
		 problems *ps)
{
	problems local;
	problems_init(&local);
	yreader yr;
	bool done = false, kind_seen = false;
	bool opened = fd >= 0 ? yr_open_fd(&yr, file, fd, limits, &local)
			      : yr_open(&yr, file, buf, len, limits, &local);
	yr.mem = mem;
	if (opened && yr_begin_document(&yr)) {
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
