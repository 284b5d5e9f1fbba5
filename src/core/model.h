#ifndef CHECKSHEET_MODEL_H
#define CHECKSHEET_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "id_index.h"
#include "ltext.h"
#include "problems.h"
#include "raw.h"
#include "strmap.h"

typedef enum unit_kind {
	UNIT_YES_NO,
	UNIT_PERCENT,
	UNIT_DURATION,
	UNIT_TIME_WINDOW,
	UNIT_COUNT,
	UNIT_FREQUENCY,
	UNIT_TEXT,
	UNIT_CHOICE,
	UNIT_TABLE,
	UNIT_KIND_COUNT
} unit_kind;

typedef enum note_rule {
	NOTE_NONE,
	NOTE_OPTIONAL,
	NOTE_REQUIRED,
	NOTE_REQUIRED_IF_YES,
	NOTE_RULE_COUNT
} note_rule;

extern const char *const note_rule_names[NOTE_RULE_COUNT];

/* An option of a choice item, or a column of a table item. */
typedef struct tmpl_label {
	char *id;
	ltext label;
} tmpl_label;

typedef struct tmpl_item {
	char *id;
	char *no;
	char *clause;  /* the standard's clause a disclosure answers, if any */
	ltext title, description, unit_label, hint, example;
	double min, max;
	tmpl_label *options;
	tmpl_label *columns;
	char **maps_to;
	/* 32-bit counts: 100 000 items are held at once (the limits keep
	 * every count far below) */
	uint32_t n_options, n_columns, n_maps_to;
	uint32_t section;  /* index of its section */
	unit_kind unit;
	int default_scale;  /* index into the duration scales, -1 for none */
	note_rule note;
	bool required;
	bool has_min, has_max;
	cs_mark mark;
} tmpl_item;

typedef struct tmpl_section {
	char *id;
	ltext group, title;
	size_t first, count;  /* its items in template.items */
	cs_mark mark;
} tmpl_section;

/* What of a template's texts a command keeps, so that one that shows
 * little of them holds little: the editor keeps everything; a check needs
 * titles in one language; an export every text in one language; an
 * import titles in every language (to match rows by title). */
typedef struct template_keep {
	bool no_prose;     /* descriptions, unit labels, hints, examples left out */
	bool no_guidance;  /* hints and examples left out (an export) */
	const char *lang;  /* item and section titles and prose only in the
	                      language ltext_get(lang) gives, or NULL: all */
} template_keep;

/* A template: sections hold runs of one flat item array, so that screens
 * and checks walk 100 000 items without chasing pointers. A loaded
 * template is read-only: the strings and small arrays of its items and
 * sections (ids, texts, options, columns, maps-to) live in mem and go
 * with it in template_free; items, sections and path are malloc'd. */
typedef struct template {
	char *path;
	char *id, *version, *source;
	ltext title, publisher;
	tmpl_section *sections;
	size_t n_sections;
	tmpl_item *items;
	size_t n_items;
	id_index ids;  /* item id -> index in items, built once loaded */
	arena mem;
	/* where the next lookup by id looks first: passes in item order (over
	 * the answers, which are saved in template order) find each item
	 * there, without hashing; a cache that template_item changes */
	size_t hint;
	/* what was kept (template_keep); lang points into mem */
	template_keep kept;
} template;

void template_free(template *t);
/* The item with this id, or NULL. */
const tmpl_item *template_item(const template *t, const char *id);
/* The id of items[pos] (a template's item array), for id_index. */
const char *tmpl_item_id_of(size_t pos, const void *items);
const tmpl_item *template_item_by_no(const template *t, const char *no);
/* Number of items answered in t by a (for progress). */

typedef struct answer_case {
	char *when, *value;
	cs_mark when_mark, value_mark;
	raw_pairs extra;
} answer_case;

/* One table row: column id -> text, in the order read. */
typedef struct answer_row {
	raw_pairs cells;
	cs_mark mark;
} answer_row;

typedef struct answer {
	char *item;  /* item id */
	char *value;
	char *note;
	char *status;
	answer_case *cases;
	size_t n_cases;
	answer_row *rows;
	size_t n_rows;
	bool has_cases;
	bool has_rows;
	raw_pairs extra;  /* unknown keys, kept */
	cs_mark key_mark, value_mark, note_mark, status_mark, cases_mark, rows_mark;
} answer;

typedef struct revision {
	char *version, *date, *note;
	raw_pairs extra;
	cs_mark mark;
} revision;

typedef struct answers {
	char *path;
	char *template_id, *template_version, *language;
	raw_pairs subject;   /* free keys; title, organization, service, contact known */
	revision *revisions;
	size_t n_revisions;
	answer *v;           /* in file order; saved in template order */
	size_t n, cap;
	strmap index;        /* item id -> index in v, for answers that change */
	id_index ids;        /* the same for answers read for reading only
	                        (built once, after the last is read) */
	size_t hint;         /* as template.hint: where answers_find looks first */
	raw_pairs extra;     /* unknown top-level keys */
	cs_mark answers_mark, kind_mark, template_mark;
	/* loaded for reading only (answers_load_file_read_only): the texts
	 * of the answers and revisions and the file's own keys live here and
	 * go at once; such answers are never changed */
	struct arena *strings;
} answers;

void answers_init(answers *a);
void answers_free(answers *a);
answer *answers_find(const answers *a, const char *item);
/* The id of answers_v[pos] (an answer array), for id_index. */
const char *answer_id_of(size_t pos, const void *answers_v);
/* The answer for item, created empty when absent. */
answer *answers_get(answers *a, const char *item);
void answer_clear(answer *an);
void answer_free(answer *an);
/* Frees what an answer loaded for reading only holds on the heap (arrays,
 * table cells, unknown keys), not its texts, which live in its answers'
 * arena (answers.strings). */
void answer_free_borrowed(answer *an);
/* A deep copy of every field, marks and unknown keys included. */
void answer_copy(answer *dst, const answer *src);
/* The content a reader judges (value, note, cases, table rows), without
 * status, marks or unknown keys; src NULL gives an empty answer. */
void answer_snapshot(answer *dst, const answer *src);
/* Equal content: value, note, every case and every table row (cells by
 * column and text); with_status also compares status. NULL and "" are
 * equal, and a NULL answer equals an empty one. */
bool answer_equal(const answer *a, const answer *b, bool with_status);
bool answer_is_empty(const answer *an);
/* Same cells (column and text) in the same order. */
bool answer_row_equal(const answer_row *a, const answer_row *b);
/* Sets a string field (value, note) to text; NULL or "" clears it. */
void answer_set(char **field, const char *text);
void answer_add_case(answer *an, const char *when, const char *value);
void answer_remove_case(answer *an, size_t i);
void answer_add_row(answer *an);
void answer_remove_row(answer *an, size_t i);
void revision_add(answers *a, const char *version, const char *date, const char *note);
/* The subject value for key (title, organization, service, contact) or NULL. */
const char *answers_subject(const answers *a, const char *key);
void answers_set_subject(answers *a, const char *key, const char *value);

#endif
