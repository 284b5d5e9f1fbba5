#include <config.h>

#include "template_load.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "i18n.h"
#include "units.h"
#include "xalloc.h"
#include "yaml_fields.h"

/* An item as read, before its text fields are given meaning. Those texts
 * (unit, required...) are short words, kept in words[] while the item is
 * read, or allocated when they do not fit. */
typedef struct item_in {
	tmpl_item it;
	char *unit, *required, *note, *min, *max, *scale;
	cs_mark unit_mark, required_mark, note_mark, min_mark, max_mark, scale_mark;
	bool seen_options, seen_columns;
	char *allocated[6];
	size_t n_allocated, words_used;
	char words[120];
} item_in;

typedef struct load_ctx {
	template *t;
	template_keep keep;
	size_t cap_items, cap_sections;
	strmap section_ids;
} load_ctx;

static load_ctx *current;  /* the field readers below need the template */

/* Whether id is among the first n labels: lists of options and columns are
 * short, so they are compared one by one; a long list gets a map (ids). */
#define LABELS_LINEAR 16

static bool label_id_seen(const tmpl_label *v, size_t n, const char *id, strmap *ids)
{
	if (n < LABELS_LINEAR) {
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i].id, id) == 0)
				return true;
		return false;
	}
	if (n == LABELS_LINEAR)
		for (size_t i = 0; i < n; i++)
			strmap_put(ids, v[i].id, 0);
	return !strmap_put(ids, id, 0);
}

static void read_labels(yreader *yr, tmpl_label **out, uint32_t *n_out, const char *what)
{
	if (!yr_seq_begin(yr, what))
		return;
	strmap ids;
	strmap_init(&ids);
	tmpl_label small[8], *v = small;
	size_t n = 0, cap = sizeof small / sizeof *small;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, n + 1, yr->lim.max_list, "too-many-entries",
			      _("too many options or columns in one item (the limit is %zu)")))
			break;
		tmpl_label l = {0};
		cs_mark at = yr_mark(yr);
		if (yr_is_scalar(yr)) {
			l.id = arena_strndup(yr->mem, yr_scalar(yr), yr_scalar_len(yr));
		} else {
			yr_map m;
			if (!yr_map_begin(yr, &m, what))
				continue;
			while (yr_map_next(yr, &m)) {
				if (strcmp(m.key, "id") == 0)
					yr_scalar_dup(yr, "id", &l.id);
				else if (strcmp(m.key, "label") == 0)
					ltext_read(yr, &l.label, "label");
				else {
					problems_add(yr->ps, yr->file, m.key_mark, SEV_WARNING, "unknown-key",
						     _("unknown key \"%s\" (ignored)"), m.key);
					yr_skip(yr);
				}
			}
			yr_map_end(&m);
		}
		if (!l.id) {
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
				     _("%s entry without \"id\""), what);
			continue;
		}
		if (label_id_seen(v, n, l.id, &ids))
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "duplicate-id",
				     _("duplicate %s id \"%s\""), what, l.id);
		if (n == cap) {
			cap *= 2;
			v = v == small ? memcpy(xreallocarray(NULL, cap, sizeof *v), small, sizeof small)
				       : xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = l;
	}
	strmap_free(&ids);
	/* a second options: (a duplicate key) is never read: *out is empty */
	if (n) {
		*out = arena_memdup(yr->mem, v, n * sizeof *v);
		*n_out = n;
	}
	if (v != small)
		free(v);
}

static void read_options(yreader *yr, void *obj, const field_spec *f)
{
	(void)f;
	item_in *in = obj;
	in->seen_options = true;
	read_labels(yr, &in->it.options, &in->it.n_options, "options");
}

static void read_columns(yreader *yr, void *obj, const field_spec *f)
{
	(void)f;
	item_in *in = obj;
	in->seen_columns = true;
	read_labels(yr, &in->it.columns, &in->it.n_columns, "columns");
}

static void read_maps_to(yreader *yr, void *obj, const field_spec *f)
{
	item_in *in = obj;
	if (yr_is_scalar(yr)) {
		in->it.maps_to = arena_alloc(yr->mem, sizeof(char *));
		in->it.maps_to[0] = arena_strndup(yr->mem, yr_scalar(yr), yr_scalar_len(yr));
		in->it.n_maps_to = 1;
		return;
	}
	if (!yr_seq_begin(yr, f->key))
		return;
	char *small[8], **v = small;
	size_t n = 0, cap = sizeof small / sizeof *small;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, n + 1, yr->lim.max_list, "too-many-entries",
			      _("too many maps-to links in one item (the limit is %zu)")))
			break;
		char *s = NULL;
		if (!yr_scalar_dup(yr, f->key, &s))
			continue;
		if (n == cap) {
			cap *= 2;
			v = v == small ? memcpy(xreallocarray(NULL, cap, sizeof *v), small, sizeof small)
				       : xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = s;
	}
	if (n) {
		in->it.maps_to = arena_memdup(yr->mem, v, n * sizeof *v);
		in->it.n_maps_to = n;
	}
	if (v != small)
		free(v);
}

/* A word that finish_item gives meaning to: kept in the item_in. */
static void read_word(yreader *yr, void *obj, const field_spec *f)
{
	item_in *in = obj;
	char **dst = (char **)((char *)obj + f->offset);
	if (!yr_is_scalar(yr)) {
		char *ignored = NULL;
		yr_scalar_dup(yr, f->key, &ignored);  /* reports the wrong type */
		return;
	}
	size_t n = yr_scalar_len(yr);
	if (n < sizeof in->words - in->words_used) {
		*dst = in->words + in->words_used;
		in->words_used += n + 1;
	} else {
		*dst = xmalloc(n + 1);
		in->allocated[in->n_allocated++] = *dst;
	}
	memcpy(*dst, yr_scalar(yr), n);
	(*dst)[n] = '\0';
}

/* Titles and prose of items and sections, as much as the command keeps. */
static void read_title(yreader *yr, void *obj, const field_spec *f)
{
	ltext_read_kept(yr, (ltext *)((char *)obj + f->offset), f->key, true, current->keep.lang);
}

static void read_prose(yreader *yr, void *obj, const field_spec *f)
{
	ltext_read_kept(yr, (ltext *)((char *)obj + f->offset), f->key, !current->keep.no_prose,
			current->keep.lang);
}

/* Hints and examples: what the one who answers is told, which neither a
 * check nor an export shows. */
static void read_guidance(yreader *yr, void *obj, const field_spec *f)
{
	ltext_read_kept(yr, (ltext *)((char *)obj + f->offset), f->key,
			!current->keep.no_prose && !current->keep.no_guidance, current->keep.lang);
}

#define IF(key, fn, field) {key, fn, offsetof(item_in, field), 0}
#define IFM(key, fn, field, mark) {key, fn, offsetof(item_in, field), offsetof(item_in, mark)}

static const field_spec item_fields[] = {
	IF("id", field_read_string, it.id),
	IF("no", field_read_string, it.no),
	IF("clause", field_read_string, it.clause),
	IF("title", read_title, it.title),
	IF("description", read_prose, it.description),
	IFM("unit", read_word, unit, unit_mark),
	IF("unit-label", read_prose, it.unit_label),
	IFM("required", read_word, required, required_mark),
	IFM("note", read_word, note, note_mark),
	IF("hint", read_guidance, it.hint),
	IFM("min", read_word, min, min_mark),
	IFM("max", read_word, max, max_mark),
	IF("example", read_guidance, it.example),
	IF("maps-to", read_maps_to, it.maps_to),
	IFM("default-scale", read_word, scale, scale_mark),
	IF("options", read_options, it.options),
	IF("columns", read_columns, it.columns),
};

static bool is_slug(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

static bool is_section_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "True", "TRUE", "Yes"};
	static const char *const no[] = {"false", "no", "off", "False", "FALSE", "No"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_limit(const char *s, double *out)
{
	char *end;
	*out = strtod(s, &end);
	return *s && !*end && isfinite(*out);
}

/* Gives meaning to an item's text fields, reporting what does not fit. */
static void finish_item(load_ctx *c, yreader *yr, item_in *in, cs_mark at)
{
	tmpl_item *it = &in->it;
	it->mark = at;
	it->required = true;
	it->note = NOTE_OPTIONAL;
	it->default_scale = -1;
	const char *what = it->id ? it->id : "?";
	if (!it->id)
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key", _("item without \"id\""));
	else if (!is_slug(it->id))
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "bad-id",
			     _("item id \"%s\" must use only a-z, 0-9 and -"), it->id);
	if (!it->no)
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
			     _("item %s has no \"no\""), what);
	if (ltext_empty(&it->title))
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
			     _("item %s has no \"title\""), what);
	if (!in->unit)
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
			     _("item %s has no \"unit\""), what);
	else if (!units_lookup(in->unit, &it->unit))
		problems_add(yr->ps, yr->file, in->unit_mark, SEV_ERROR, "unknown-unit",
			     _("item %s: unknown unit \"%s\""), what, in->unit);
	if (in->required && !parse_bool(in->required, &it->required))
		problems_add(yr->ps, yr->file, in->required_mark, SEV_ERROR, "bad-value",
			     _("item %s: \"required\" must be true or false"), what);
	if (in->note) {
		int k = -1;
		for (int i = 0; i < NOTE_RULE_COUNT; i++)
			if (strcmp(note_rule_names[i], in->note) == 0)
				k = i;
		if (k < 0)
			problems_add(yr->ps, yr->file, in->note_mark, SEV_ERROR, "bad-value",
				     _("item %s: \"note\" must be none, optional, required or required-if-yes"),
				     what);
		else
			it->note = (note_rule)k;
		if (k == NOTE_REQUIRED_IF_YES && in->unit && it->unit != UNIT_YES_NO)
			problems_add(yr->ps, yr->file, in->note_mark, SEV_ERROR, "bad-value",
				     _("item %s: required-if-yes needs a yes-no unit"), what);
	}
	bool numeric = in->unit && units_lookup(in->unit, &it->unit) && unit_table[it->unit].numeric;
	if (in->min) {
		if (!parse_limit(in->min, &it->min))
			problems_add(yr->ps, yr->file, in->min_mark, SEV_ERROR, "bad-value",
				     _("item %s: \"min\" must be a number"), what);
		else
			it->has_min = true;
	}
	if (in->max) {
		if (!parse_limit(in->max, &it->max))
			problems_add(yr->ps, yr->file, in->max_mark, SEV_ERROR, "bad-value",
				     _("item %s: \"max\" must be a number"), what);
		else
			it->has_max = true;
	}
	if ((it->has_min || it->has_max) && in->unit && !numeric)
		problems_add(yr->ps, yr->file, in->min ? in->min_mark : in->max_mark, SEV_ERROR,
			     "bad-value", _("item %s: min and max apply only to numeric units"), what);
	if (it->has_min && it->has_max && it->min > it->max)
		problems_add(yr->ps, yr->file, in->min_mark, SEV_ERROR, "bad-value",
			     _("item %s: min is greater than max"), what);
	if (in->scale) {
		it->default_scale = units_scale_lookup(in->scale);
		if (it->default_scale < 0)
			problems_add(yr->ps, yr->file, in->scale_mark, SEV_ERROR, "bad-value",
				     _("item %s: unknown default-scale \"%s\" (s, min, h, d)"), what, in->scale);
		else if (in->unit && it->unit != UNIT_DURATION)
			problems_add(yr->ps, yr->file, in->scale_mark, SEV_ERROR, "bad-value",
				     _("item %s: default-scale applies only to duration items"), what);
	}
	if (in->unit && it->unit == UNIT_CHOICE && it->n_options == 0)
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
			     _("item %s: a choice item needs \"options\""), what);
	if (in->unit && it->unit == UNIT_TABLE && it->n_columns == 0)
		problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
			     _("item %s: a table item needs \"columns\""), what);
	for (size_t i = 0; i < in->n_allocated; i++)
		free(in->allocated[i]);
	XGROW(c->t->items, c->cap_items, c->t->n_items + 1);
	c->t->items[c->t->n_items++] = *it;
}

static void read_items(yreader *yr, void *obj, const field_spec *f)
{
	tmpl_section *sec = obj;
	load_ctx *c = current;
	if (!yr_seq_begin(yr, f->key))
		return;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, c->t->n_items + 1, yr->lim.max_items, "too-many-items",
			      _("too many items (the limit is %zu)")))
			return;
		item_in in;
		memset(&in, 0, offsetof(item_in, words));
		cs_mark at = yr_mark(yr);
		if (!fields_read_map(yr, &in, item_fields, sizeof item_fields / sizeof *item_fields, NULL,
				     "item"))
			continue;
		in.it.section = (size_t)(sec - c->t->sections);
		finish_item(c, yr, &in, at);
		sec->count++;
	}
}

static const field_spec section_fields[] = {
	{"id", field_read_string, offsetof(tmpl_section, id), 0},
	{"group", read_title, offsetof(tmpl_section, group), 0},
	{"title", read_title, offsetof(tmpl_section, title), 0},
	{"items", read_items, 0, 0},
};

static void read_sections(yreader *yr, void *obj, const field_spec *f)
{
	template *t = obj;
	load_ctx *c = current;
	if (!yr_seq_begin(yr, f->key))
		return;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, t->n_sections + 1, yr->lim.max_sections, "too-many-sections",
			      _("too many sections (the limit is %zu)")))
			return;
		cs_mark at = yr_mark(yr);
		XGROW(t->sections, c->cap_sections, t->n_sections + 1);
		tmpl_section *sec = &t->sections[t->n_sections];
		memset(sec, 0, sizeof *sec);
		sec->first = t->n_items;
		sec->mark = at;
		t->n_sections++;
		if (!fields_read_map(yr, sec, section_fields,
				     sizeof section_fields / sizeof *section_fields, NULL, "section")) {
			t->n_sections--;
			continue;
		}
		if (!sec->id)
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
				     _("section without \"id\""));
		else if (!is_section_id(sec->id))
			/* it becomes an anchor in html exports and a key of
			 * links: the same rule as FORMAT.md's slugs */
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "bad-id",
				     _("section id \"%s\" must use only a-z, 0-9 and -"), sec->id);
		else if (!strmap_put(&c->section_ids, sec->id, 0))
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "duplicate-id",
				     _("duplicate section id \"%s\""), sec->id);
		if (ltext_empty(&sec->title))
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
				     _("section %s has no \"title\""), sec->id ? sec->id : "?");
	}
}

static const field_spec template_fields[] = {
	{"id", field_read_string, offsetof(template, id), 0},
	{"version", field_read_string, offsetof(template, version), 0},
	{"title", field_read_ltext, offsetof(template, title), 0},
	{"publisher", field_read_ltext, offsetof(template, publisher), 0},
	{"source", field_read_string, offsetof(template, source), 0},
	{"sections", read_sections, 0, 0},
};

static const doc_spec template_doc = {
	"checksheet/template", N_("a template"), template_fields,
	sizeof template_fields / sizeof *template_fields,
};

#define ITEM_BYTES 128

typedef struct duplicates_ctx {
	const template *t;
	problems *ps;
} duplicates_ctx;

static void report_duplicate(size_t later, void *ctx)
{
	duplicates_ctx *d = ctx;
	const tmpl_item *it = &d->t->items[later];
	problems_add(d->ps, d->t->path, it->mark, SEV_ERROR, "duplicate-id", _("duplicate item id \"%s\""), it->id);
}

/* The index by id, built in one go once every item is read; a repeated id
 * is reported at the later item. */
static void index_items(template *t, problems *ps)
{
	id_index_build(&t->ids, t->n_items, tmpl_item_id_of, t->items);
	id_index_duplicates(&t->ids, tmpl_item_id_of, t->items, report_duplicate, &(duplicates_ctx){t, ps});
}

static bool template_load_in(const char *file, const char *buf, size_t len, int fd, const load_limits *limits,
			     const template_keep *keep, template *t, problems *ps)
{
	memset(t, 0, sizeof *t);
	t->path = xstrdup(file);
	size_t bytes = input_size(fd, len);
	/* the texts kept are a part of the file (all of them for the editor) */
	arena_expect(&t->mem, bytes / 8);
	if (keep) {
		t->kept.no_prose = keep->no_prose;
		t->kept.no_guidance = keep->no_guidance;
		t->kept.lang = keep->lang ? arena_strdup(&t->mem, keep->lang) : NULL;
	}
	problems local;
	problems_init(&local);
	load_ctx c = {.t = t, .keep = t->kept};
	/* room for as many items as the file holds at ITEM_BYTES of YAML each
	 * (real ones take 500 and more), taken before they are read: the
	 * array is never moved nor copied while it fills (a file of terser
	 * items grows it as before) */
	t->items = xreserve(bytes / ITEM_BYTES, sizeof *t->items, &c.cap_items);
	strmap_init(&c.section_ids);
	current = &c;
	bool done = doc_read_in(file, buf, len, fd, limits, &template_doc, t, NULL, NULL, &t->mem, &local);
	current = NULL;
	strmap_free(&c.section_ids);
	index_items(t, &local);
	if (done && !problems_have_fatal(&local)) {
		cs_mark top = {1, 1};
		if (!t->id)
			problems_add(&local, file, top, SEV_ERROR, "missing-key", _("template without \"id\""));
		else if (!is_slug(t->id))
			problems_add(&local, file, top, SEV_ERROR, "bad-id",
				     _("template id \"%s\" must use only a-z, 0-9 and -"), t->id);
		if (!t->version)
			problems_add(&local, file, top, SEV_ERROR, "missing-key", _("template without \"version\""));
		if (ltext_empty(&t->title))
			problems_add(&local, file, top, SEV_ERROR, "missing-key", _("template without \"title\""));
		if (t->n_sections == 0)
			problems_add(&local, file, top, SEV_ERROR, "missing-key", _("template without sections"));
	}
	bool ok = !problems_have_fatal(&local) && problems_count(&local, SEV_ERROR) == 0;
	problems_sort(&local);
	problems_move(ps, &local);
	return ok;
}

bool template_load_buffer_kept(const char *file, const char *buf, size_t len, const load_limits *limits,
				const template_keep *keep, template *t, problems *ps)
{
	return template_load_in(file, buf, len, -1, limits, keep, t, ps);
}

bool template_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			  template *t, problems *ps)
{
	return template_load_in(file, buf, len, -1, limits, NULL, t, ps);
}

static bool load_template(const char *file, const char *buf, size_t len, const load_limits *limits, void *obj,
			  problems *ps)
{
	return template_load_buffer(file, buf, len, limits, obj, ps);
}

bool template_load_file(const char *path, const load_limits *limits, template *t, problems *ps)
{
	return template_load_file_kept(path, limits, NULL, t, ps);
}

bool template_load_file_kept(const char *path, const load_limits *limits, const template_keep *keep,
			     template *t, problems *ps)
{
	memset(t, 0, sizeof *t);
	if (strcmp(path, "-") == 0)
		return doc_load_file(path, limits, load_template, t, ps);
	/* a file is parsed as it is read: a 40 MB template is never held
	 * whole beside the model built from it */
	struct stat st;
	int fd = file_open_input(path, load_limits_resolve(limits).max_size, false, &st, ps);
	if (fd < 0)
		return false;
	bool ok = template_load_in(path, NULL, 0, fd, limits, keep, t, ps);
	close(fd);
	return ok;
}
