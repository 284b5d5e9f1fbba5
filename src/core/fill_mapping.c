#include <config.h>

/* The mapping file: read (yaml_fields tables), applied to a workbook's
 * questions, and written canonically (yaml_writer), one entry per
 * question in sheet order, so that a person's confirmations show in git
 * as one-line changes. */

#include "fill_mapping.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ltext.h"
#include "yaml_fields.h"
#include "yaml_writer.h"
#include "xalloc.h"

/* A question of next year's workbook takes the confirmed choice of one
 * this like it (reworded a little: a date, a particle, the closing
 * phrase: 0.67 to 0.88 in the tests), while two different questions
 * of one sheet stay lower (at most 0.42 among the tests' 60). */
#define FILL_MAP_SIMILAR 0.6
/* Past this many (question, entry) pairs left after the exact matches,
 * the similar ones are not looked for: the mapping is made afresh. */
#define FILL_MAP_MAX_PAIRS ((size_t)250000)

void fill_mapping_init(fill_mapping *m) { memset(m, 0, sizeof *m); }

static void entry_free(fill_map_entry *e)
{
	free(e->sheet);
	free(e->row);
	free(e->no);
	free(e->question);
	free(e->tmpl);
	free(e->item);
	free(e->score);
	free(e->confirmed);
	free(e->answer);
	raw_pairs_free(&e->extra);
}

void fill_mapping_free(fill_mapping *m)
{
	for (size_t i = 0; i < m->n; i++)
		entry_free(&m->v[i]);
	free(m->v);
	free(m->workbook);
	free(m->fingerprint);
	raw_pairs_free(&m->extra);
	memset(m, 0, sizeof *m);
}

char *fill_mapping_default_path(const char *output)
{
	size_t n = strlen(output);
	if (n > 5 && strcasecmp(output + n - 5, ".xlsx") == 0)
		n -= 5;
	return xasprintf("%.*s.mapping.yaml", (int)n, output);
}

static const field_spec entry_fields[] = {
	{"sheet", field_read_string, offsetof(fill_map_entry, sheet), 0},
	{"row", field_read_string, offsetof(fill_map_entry, row), 0},
	{"no", field_read_string, offsetof(fill_map_entry, no), 0},
	{"question", field_read_string, offsetof(fill_map_entry, question), 0},
	{"template", field_read_string, offsetof(fill_map_entry, tmpl), 0},
	{"item", field_read_string, offsetof(fill_map_entry, item), 0},
	{"score", field_read_string, offsetof(fill_map_entry, score), 0},
	{"confirmed", field_read_string, offsetof(fill_map_entry, confirmed), 0},
	{"answer", field_read_string, offsetof(fill_map_entry, answer), 0},
};

static void read_questions(yreader *yr, void *obj, const field_spec *f)
{
	fill_mapping *m = obj;
	if (!yr_seq_begin(yr, f->key))
		return;
	while (yr_seq_next(yr)) {
		if (!yr_limit(yr, m->n + 1, yr->lim.max_items, "too-many-items",
			      _("too many questions (the limit is %zu)")))
			break;
		fill_map_entry e;
		memset(&e, 0, sizeof e);
		cs_mark at = yr_mark(yr);
		if (!fields_read_map(yr, &e, entry_fields, sizeof entry_fields / sizeof *entry_fields, &e.extra,
				     f->key)) {
			entry_free(&e);
			continue;
		}
		if (!e.question) {
			problems_add(yr->ps, yr->file, at, SEV_ERROR, "missing-key",
				     _("a question of the mapping has no question: text"));
			entry_free(&e);
			continue;
		}
		m->v = grow_for(m->v, m->n, sizeof *m->v);
		m->v[m->n++] = e;
	}
}

static const field_spec mapping_fields[] = {
	{"workbook", field_read_string, offsetof(fill_mapping, workbook), 0},
	{"fingerprint", field_read_string, offsetof(fill_mapping, fingerprint), 0},
	{"questions", read_questions, 0, 0},
};

static const doc_spec mapping_doc = {
	"checksheet/mapping", N_("a mapping file"), mapping_fields, sizeof mapping_fields / sizeof *mapping_fields,
};

static bool load_buf(const char *file, const char *buf, size_t len, const load_limits *limits, void *obj,
		     problems *ps)
{
	fill_mapping *m = obj;
	problems local;
	problems_init(&local);
	doc_read(file, buf, len, limits, &mapping_doc, m, &m->extra, NULL, &local);
	bool ok = !problems_have_fatal(&local) && !problems_count(&local, SEV_ERROR);
	problems_move(ps, &local);
	return ok;
}

bool fill_mapping_load(fill_mapping *m, const char *path, const load_limits *lim, problems *ps)
{
	fill_mapping_init(m);
	return doc_load_file(path, lim, load_buf, m, ps);
}

static bool is_true(const char *s) { return s && (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0); }

static long item_index(const fill_items *fi, const char *tmpl, const char *id)
{
	for (size_t k = 0; k < fi->n; k++)
		if (strcmp(fi->v[k].it->id, id) == 0 && (!tmpl || strcmp(fi->v[k].s->t.id, tmpl) == 0))
			return (long)k;
	return -1;
}

static void take(fill_map_entry *e, fill_question *q, const fill_items *fi, long k)
{
	e->used = true;
	if (k != q->item) {
		q->runner = q->item;
		q->runner_score = q->score;
	}
	q->item = k;
	q->score = e->score ? strtod(e->score, NULL) : 0;
	q->how = FILL_HOW_MAPPING;
	q->confirmed = true;
	free(q->own_answer);
	q->own_answer = e->answer && *e->answer ? xstrdup(e->answer) : NULL;
	(void)fi;
}

typedef struct pair {
	double sim;
	size_t q, e;
} pair;

static int pair_cmp(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	if (x->q != y->q)
		return x->q < y->q ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

/* Whether entry e can decide a question: confirmed, and its item (if
 * any) still among ours; *k gets the item. */
static bool usable(const fill_map_entry *e, const fill_items *fi, long *k)
{
	if (e->used || !is_true(e->confirmed))
		return false;
	*k = e->item ? item_index(fi, e->tmpl, e->item) : -1;
	return !e->item || *k >= 0; /* an item gone from our answers: map afresh */
}

size_t fill_mapping_apply(fill_mapping *m, fill_book *fb, const fill_items *fi)
{
	size_t n = 0;
	bool *done = xcalloc(fb->n_q ? fb->n_q : 1, sizeof *done);
	/* the same sheet and text, then the same text */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < fb->n_q; i++) {
			const char *sheet_name = fb->tables[fb->q[i].table].sheet_name;
			for (size_t j = 0; j < m->n && !done[i]; j++) {
				fill_map_entry *e = &m->v[j];
				long k;
				if (strcmp(e->question, fb->q[i].text) != 0 || (pass == 0 && (!e->sheet || strcmp(e->sheet, sheet_name) != 0)) ||
				    !usable(e, fi, &k))
					continue;
				take(e, &fb->q[i], fi, k);
				done[i] = true;
				n++;
			}
		}
	/* then the pairs most alike first (next year's wording), each
	 * question and entry taken once */
	size_t left_q = 0, left_e = 0;
	for (size_t i = 0; i < fb->n_q; i++)
		left_q += !done[i];
	for (size_t j = 0; j < m->n; j++)
		left_e += !m->v[j].used && is_true(m->v[j].confirmed);
	if (left_q && left_e && left_q * left_e <= FILL_MAP_MAX_PAIRS) {
		pair *p = NULL;
		size_t np = 0, cap = 0;
		for (size_t i = 0; i < fb->n_q; i++)
			for (size_t j = 0; !done[i] && j < m->n; j++) {
				if (m->v[j].used || !is_true(m->v[j].confirmed))
					continue;
				double sim = fill_similarity(m->v[j].question, fb->q[i].text);
				if (sim < FILL_MAP_SIMILAR)
					continue;
				if (np == cap) {
					cap = cap ? cap * 2 : 64;
					p = xrealloc(p, cap * sizeof *p);
				}
				p[np++] = (pair){sim, i, j};
			}
		qsort(p, np, sizeof *p, pair_cmp);
		for (size_t x = 0; x < np; x++) {
			fill_map_entry *e = &m->v[p[x].e];
			long k;
			if (done[p[x].q] || !usable(e, fi, &k))
				continue;
			take(e, &fb->q[p[x].q], fi, k);
			done[p[x].q] = true;
			n++;
		}
		free(p);
	}
	free(done);
	return n;
}

char *fill_fingerprint(const fill_book *fb)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < fb->n_q; i++) {
		const char *parts[2] = {fb->tables[fb->q[i].table].sheet_name, fb->q[i].text};
		for (int k = 0; k < 2; k++) {
			for (const unsigned char *p = (const unsigned char *)parts[k]; *p; p++) {
				h ^= *p;
				h *= 1099511628211u;
			}
			h ^= 0xFF;
			h *= 1099511628211u;
		}
	}
	return xasprintf("fnv1a64:%016llx", (unsigned long long)h);
}

void fill_mapping_update(fill_mapping *m, const fill_book *fb, const fill_items *fi, const char *workbook)
{
	/* unknown keys stay: the document's, and each question's when the
	 * question is still there */
	fill_mapping old = *m;
	memset(m, 0, sizeof *m);
	m->extra = old.extra;
	memset(&old.extra, 0, sizeof old.extra);
	const char *slash = strrchr(workbook, '/');
	m->workbook = xstrdup(slash ? slash + 1 : workbook);
	m->fingerprint = fill_fingerprint(fb);
	m->v = xcalloc(fb->n_q ? fb->n_q : 1, sizeof *m->v);
	for (size_t i = 0; i < fb->n_q; i++) {
		const fill_question *q = &fb->q[i];
		fill_map_entry *e = &m->v[m->n++];
		e->sheet = xstrdup(fb->tables[q->table].sheet_name);
		e->row = xasprintf("%d", q->row);
		e->no = q->no ? xstrdup(q->no) : NULL;
		e->question = xstrdup(q->text);
		if (q->item >= 0) {
			e->tmpl = xstrdup(fi->v[q->item].s->t.id);
			e->item = xstrdup(fi->v[q->item].it->id);
		}
		e->score = xasprintf("%.2f", q->score);
		e->confirmed = xstrdup(q->confirmed ? "true" : "false");
		e->answer = q->own_answer ? xstrdup(q->own_answer) : NULL;
		for (size_t k = 0; k < old.n; k++)
			if (old.v[k].extra.n && strcmp(old.v[k].question, q->text) == 0 && old.v[k].sheet &&
			    strcmp(old.v[k].sheet, e->sheet) == 0) {
				raw_pairs_copy(&e->extra, &old.v[k].extra);
				break;
			}
	}
	fill_mapping_free(&old);
}

/* A number or a boolean written plain (row: 7, confirmed: true), as
 * people type them; the reader takes either form as text. */
static void plain_pair(ywriter *w, const char *key, const char *text)
{
	if (!text)
		return;
	raw_node n = {.type = RAW_SCALAR, .scalar = (char *)text, .style = YAML_PLAIN_SCALAR_STYLE};
	yw_scalar(w, key);
	yw_raw(w, &n);
}

char *fill_mapping_to_yaml(const fill_mapping *m, size_t *len)
{
	ywriter w;
	yw_init(&w);
	yw_map_begin(&w);
	yw_pair(&w, "kind", "checksheet/mapping");
	yw_pair(&w, "workbook", m->workbook);
	yw_pair(&w, "fingerprint", m->fingerprint);
	yw_scalar(&w, "questions");
	yw_seq_begin(&w);
	for (size_t i = 0; i < m->n; i++) {
		const fill_map_entry *e = &m->v[i];
		yw_map_begin(&w);
		yw_pair(&w, "sheet", e->sheet);
		plain_pair(&w, "row", e->row);
		yw_pair(&w, "no", e->no);
		yw_pair(&w, "question", e->question);
		yw_pair(&w, "template", e->tmpl);
		yw_pair(&w, "item", e->item);
		plain_pair(&w, "score", e->score);
		plain_pair(&w, "confirmed", is_true(e->confirmed) ? "true" : "false");
		yw_pair(&w, "answer", e->answer);
		yw_raw_pairs(&w, &e->extra);
		yw_map_end(&w);
	}
	yw_seq_end(&w);
	yw_raw_pairs(&w, &m->extra);
	yw_map_end(&w);
	return yw_finish(&w, len);
}

bool fill_mapping_save(const fill_mapping *m, const char *path, problems *ps)
{
	size_t len = 0;
	char *text = fill_mapping_to_yaml(m, &len);
	return yw_save(text, len, path, ps);
}
