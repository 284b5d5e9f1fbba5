#include <config.h>

/* A customer's question → one of our items. Japanese has no spaces to
 * split words at, so texts are compared as sets of character bigrams and
 * trigrams after the search folding (width, kana marks, case; fill_text.c,
 * which also cuts a question's boilerplate: ご記入ください, 貴社), with
 * two more kinds of feature: a Latin word whole (TLS, RPO), and a concept
 * of the domain thesaurus (fill_thesaurus.c: 稼働率 and 可用性 are one),
 * so that a question and an item meet whatever word each uses.
 *
 * An item is a document of its texts: title (counted twice), description
 * and our answer (value, cases, note) once, unit label, hint, example and
 * its section's names at half weight. A feature's count saturates as in
 * BM25 (a word said four times is not four times the subject) and is
 * weighed by how rare it is among the items (idf): words every item
 * shares say nothing, and a word no item has says the question is about
 * something else (it weighs as the rarest), unless the thesaurus knows
 * it (its concept speaks for it). N-grams of hiragana alone
 * (する, ますか) weigh little, and those that begin or end in hiragana
 * (の利用, る時) less than those of kanji and katakana: they are the
 * grammar of a sentence, not its subject.
 *
 * The score joins two views: the cosine of the two weighted vectors
 * (symmetric: an item that says much beyond the question loses; its
 * length normalised with a pivot, so a long item loses less) and the
 * question's coverage, the share of its weight the item holds
 * (asymmetric: a long description is not held against the item). */

#include "fill.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fill_text.h"
#include "fill_thesaurus.h"
#include "fold.h"
#include "ltext.h"
#include "utf8.h"
#include "validate.h"
#include "xalloc.h"

typedef struct gram {
	uint32_t h;
	double w;    /* times seen, each by the weight of its field */
	double kind; /* the weight of its kind (kana, concept...) */
	bool known;  /* each time inside a word of the thesaurus */
} gram;

typedef struct vec {
	gram *v;
	size_t n;
	double norm;
} vec;

typedef struct grams {
	gram *v;
	size_t n, cap;
} grams;

struct fill_index {
	vec *items;      /* per fill_items.v */
	char **titles;   /* folded, kept to words: for the exact title match */
	uint32_t *df_h;  /* sorted n-gram hashes with their document frequency */
	size_t *df_n;
	size_t n_df;
	size_t n_docs;
	double avg_norm; /* the items' mean vector length */
	fill_thesaurus *th;
};

/* The weight of an n-gram of hiragana alone, and of one with hiragana
 * at either end. */
#define FILL_KANA_WEIGHT 0.3
#define FILL_EDGE_WEIGHT 0.5
/* A whole word of Latin letters (TLS, API, RPO) beside its n-grams. */
#define FILL_LATIN_WEIGHT 1.0
/* A concept of the thesaurus weighs what the n-grams of a word of three
 * characters weigh (two bigrams and a trigram). */
#define FILL_CONCEPT_WEIGHT 3.0
/* How much the texts of an item other than its title and description
 * count: unit label, hint, example, section and group names say less of
 * the item itself. */
#define FILL_SIDE_WEIGHT 0.5
/* BM25's saturation of a feature's count: tf (k1 + 1) / (tf + k1), with
 * the usual k1. */
#define FILL_K1 1.2
/* score = cosine^share × coverage^(1 - share): mostly the cosine, which
 * keeps the scores of questions about other things low, with coverage to
 * rank items whose texts say more than the question. */
#define FILL_COSINE_SHARE 0.7
/* The cosine divides by the item's length; a long item (a description
 * of three lines, a note) would lose to a short one on the same words.
 * Pivoted normalisation (Singhal, Buckley, Mitra 1996) divides by a mix
 * of its length and the mean length instead, with a slope (0.25) in the
 * range usually used. */
#define FILL_PIVOT_SLOPE 0.25

/* Features that are not n-grams hash from a code point no text has. */
#define FILL_MARK_LATIN 0x110000u
#define FILL_MARK_CONCEPT 0x110001u

static uint32_t gram_hash(uint32_t seed, const uint32_t *c, size_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)n;
	h ^= seed;
	h *= 16777619u;
	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 16777619u;
	}
	return h;
}

static int gram_cmp(const void *a, const void *b)
{
	uint32_t x = ((const gram *)a)->h, y = ((const gram *)b)->h;
	return x < y ? -1 : x > y;
}

static void push(grams *g, uint32_t h, double w, double kind, bool known)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->v = xrealloc(g->v, g->cap * sizeof *g->v);
	}
	g->v[g->n++] = (gram){h, w, kind, known};
}

static bool all_known(const bool *known, size_t at, size_t len)
{
	for (size_t i = at; i < at + len; i++)
		if (!known[i])
			return false;
	return true;
}

typedef struct concept_ctx {
	grams *g;
	double w;
	bool *seen;   /* per group: its concept is counted once a text */
	bool *known;  /* per code point: inside a word of the thesaurus */
} concept_ctx;

static void add_concept(size_t group, size_t at, size_t len, void *ctx)
{
	concept_ctx *k = ctx;
	for (size_t i = at; i < at + len; i++)
		k->known[i] = true;
	if (k->seen[group])
		return;
	k->seen[group] = true;
	uint32_t c = (uint32_t)group;
	push(k->g, gram_hash(FILL_MARK_CONCEPT, &c, 1), k->w, FILL_CONCEPT_WEIGHT, true);
}

/* The features of text, each weighing times: character bigrams and
 * trigrams within each run, whole Latin words, the thesaurus' concepts
 * (th NULL: none). A question's boilerplate is cut first. */
static void add_grams(grams *g, const char *text, double times, bool question, const fill_thesaurus *th)
{
	if (!text || !*text)
		return;
	uint32_t *c;
	size_t len = fill_text_chars(text, question, &c);
	bool *known = xcalloc(len + 1, sizeof *known);
	if (th) {
		bool *seen = xcalloc(fill_thesaurus_groups(), sizeof *seen);
		fill_thesaurus_scan(th, c, len, add_concept, &(concept_ctx){g, times, seen, known});
		free(seen);
	}
	for (size_t k = 2; k <= 3; k++)
		for (size_t i = 0; i + k <= len; i++) {
			bool kana = true, broken = false;
			for (size_t j = 0; j < k; j++) {
				kana = kana && fill_is_hiragana(c[i + j]);
				broken = broken || c[i + j] == FILL_BREAK;
			}
			bool edge = fill_is_hiragana(c[i]) || fill_is_hiragana(c[i + k - 1]);
			if (!broken)
				push(g, gram_hash(0, c + i, k), times, kana ? FILL_KANA_WEIGHT : edge ? FILL_EDGE_WEIGHT : 1.0,
				     all_known(known, i, k));
		}
	/* a text of one character still says something */
	if (len == 1)
		push(g, gram_hash(0, c, 1), times, 1.0, known[0]);
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && fill_is_latin(c[j]))
			j++;
		if (j - i >= 2)
			push(g, gram_hash(FILL_MARK_LATIN, c + i, j - i), times, FILL_LATIN_WEIGHT,
			     all_known(known, i, j - i));
		i = j > i ? j : i + 1;
	}
	free(known);
	free(c);
}

/* Sums the weights of equal n-grams. */
static void merge(vec *out, grams *g)
{
	gram *v = g->v;
	size_t n = g->n;
	if (n)
		qsort(v, n, sizeof *v, gram_cmp);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && v[m - 1].h == v[i].h) {
			v[m - 1].w += v[i].w;
			v[m - 1].known = v[m - 1].known && v[i].known;
		} else
			v[m++] = v[i];
	}
	out->v = v;
	out->n = m;
	out->norm = 0;
}

/* How rare n-gram h is among the items; one no item has weighs as the
 * rarest (*seen false). */
static double idf_of(const struct fill_index *x, uint32_t h, bool *seen)
{
	size_t lo = 0, hi = x->n_df;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->df_h[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	*seen = lo < x->n_df && x->df_h[lo] == h;
	return log(1.0 + (double)x->n_docs / (double)(*seen ? x->df_n[lo] : 1));
}

static void weigh(vec *v, const struct fill_index *x)
{
	double s = 0;
	for (size_t i = 0; i < v->n; i++) {
		gram *g = &v->v[i];
		bool seen = true;
		double idf = x ? idf_of(x, g->h, &seen) : 1.0;
		if (x)
			g->w = g->w * (FILL_K1 + 1) / (g->w + FILL_K1);
		/* an n-gram of a word the thesaurus knows, which no item has,
		 * does not say the question is about something else: its
		 * concept speaks for it (レスポンスタイム is 応答時間) */
		if (!seen && g->known)
			idf = 0;
		g->w *= g->kind * idf;
		s += g->w * g->w;
	}
	v->norm = sqrt(s);
}

static double cosine(const vec *a, const vec *b)
{
	if (a->norm == 0 || b->norm == 0)
		return 0;
	double dot = 0;
	for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
		if (a->v[i].h < b->v[j].h)
			i++;
		else if (a->v[i].h > b->v[j].h)
			j++;
		else
			dot += a->v[i++].w * b->v[j++].w;
	}
	return dot / (a->norm * b->norm);
}

/* How much of the question's weight the item holds (0..1): the
 * asymmetric side of the score. The cosine alone punishes an item for
 * all it says beyond the question (a long description), coverage does
 * not; coverage alone favours the longest items, the cosine does not. */
static double coverage(const vec *q, const vec *d)
{
	double all = 0, hit = 0;
	for (size_t i = 0; i < q->n; i++)
		all += q->v[i].w;
	for (size_t i = 0, j = 0; i < q->n && j < d->n;) {
		if (q->v[i].h < d->v[j].h)
			i++;
		else if (q->v[i].h > d->v[j].h)
			j++;
		else {
			hit += q->v[i].w;
			i++;
			j++;
		}
	}
	return all > 0 ? hit / all : 0;
}

static double score_of(const struct fill_index *x, const vec *q, const vec *d)
{
	double cos = cosine(q, d), cov = coverage(q, d);
	/* pivoted: the item's length counts for FILL_PIVOT_SLOPE of what
	 * the plain cosine gives it, the mean length for the rest */
	if (x->avg_norm > 0 && d->norm > 0) {
		cos *= d->norm / ((1 - FILL_PIVOT_SLOPE) * x->avg_norm + FILL_PIVOT_SLOPE * d->norm);
		if (cos > 1)
			cos = 1;
	}
	return pow(cos, FILL_COSINE_SHARE) * pow(cov, 1 - FILL_COSINE_SHARE);
}

static void text_vec(vec *out, const char *text, bool question, const fill_thesaurus *th)
{
	grams g = {0};
	add_grams(&g, text, 1.0, question, th);
	merge(out, &g);
}

static char *folded_words(const char *s)
{
	uint32_t *c;
	size_t n = fill_text_chars(s ? s : "", false, &c);
	strbuf b;
	sb_init(&b);
	for (size_t i = 0; i < n; i++) {
		char u[8];
		if (c[i] == FILL_BREAK)
			continue;
		size_t k = utf8_encode(c[i], u);
		sb_addn(&b, u, k);
	}
	free(c);
	return sb_take(&b);
}

double fill_similarity(const char *a, const char *b)
{
	vec va, vb;
	text_vec(&va, a, false, NULL);
	text_vec(&vb, b, false, NULL);
	weigh(&va, NULL);
	weigh(&vb, NULL);
	double s = cosine(&va, &vb);
	free(va.v);
	free(vb.v);
	return s;
}

/* An item as a document: its title counts twice, its description and
 * our answer (value, cases, note) once, the rest at FILL_SIDE_WEIGHT. */
static void item_grams(grams *g, const fill_item *f, const char *lang, const fill_thesaurus *th)
{
	const tmpl_item *it = f->it;
	add_grams(g, ltext_get(&it->title, lang), 2.0, false, th);
	add_grams(g, ltext_get(&it->description, lang), 1.0, false, th);
	add_grams(g, ltext_get(&it->unit_label, lang), FILL_SIDE_WEIGHT, false, th);
	add_grams(g, ltext_get(&it->hint, lang), FILL_SIDE_WEIGHT, false, th);
	add_grams(g, ltext_get(&it->example, lang), FILL_SIDE_WEIGHT, false, th);
	if (it->section < f->s->t.n_sections) {
		const tmpl_section *sec = &f->s->t.sections[it->section];
		add_grams(g, ltext_get(&sec->title, lang), FILL_SIDE_WEIGHT, false, th);
		add_grams(g, ltext_get(&sec->group, lang), FILL_SIDE_WEIGHT, false, th);
	}
	if (f->an) {
		add_grams(g, f->an->value, 1.0, false, th);
		add_grams(g, f->an->note, 1.0, false, th);
		for (size_t i = 0; i < f->an->n_cases; i++) {
			add_grams(g, f->an->cases[i].when, 1.0, false, th);
			add_grams(g, f->an->cases[i].value, 1.0, false, th);
		}
	}
}

void fill_items_build(fill_items *fi, sheet *const *sheets, size_t n_sheets, const char *lang)
{
	memset(fi, 0, sizeof *fi);
	size_t total = 0;
	for (size_t s = 0; s < n_sheets; s++)
		total += sheets[s]->t.n_items;
	fi->v = xcalloc(total ? total : 1, sizeof *fi->v);
	struct fill_index *x = xcalloc(1, sizeof *x);
	fi->index = x;
	x->items = xcalloc(total ? total : 1, sizeof *x->items);
	x->titles = xcalloc(total ? total : 1, sizeof *x->titles);
	x->th = fill_thesaurus_new();
	/* answered items first, so that of two files answering one item the
	 * first answered one is chosen */
	for (int pass = 0; pass < 2; pass++)
		for (size_t s = 0; s < n_sheets; s++)
			for (size_t i = 0; i < sheets[s]->t.n_items; i++) {
				const tmpl_item *it = &sheets[s]->t.items[i];
				const answer *an = answers_find(&sheets[s]->a, it->id);
				bool answered = an && answer_is_answered(an);
				if (answered != (pass == 0))
					continue;
				bool dup = false;
				for (size_t k = 0; k < fi->n && !dup; k++)
					dup = strcmp(fi->v[k].it->id, it->id) == 0 && fi->v[k].an;
				if (dup)
					continue;
				fi->v[fi->n++] = (fill_item){sheets[s], it, an, sheets[s]->states[i]};
			}
	grams all = {0};
	for (size_t k = 0; k < fi->n; k++) {
		const fill_item *f = &fi->v[k];
		grams g = {0};
		item_grams(&g, f, lang, x->th);
		merge(&x->items[k], &g);
		x->titles[k] = folded_words(ltext_get(&f->it->title, lang));
		for (size_t i = 0; i < x->items[k].n; i++)
			push(&all, x->items[k].v[i].h, 1, 1, false);
	}
	if (all.n)
		qsort(all.v, all.n, sizeof *all.v, gram_cmp);
	x->df_h = xmalloc((all.n ? all.n : 1) * sizeof *x->df_h);
	x->df_n = xmalloc((all.n ? all.n : 1) * sizeof *x->df_n);
	for (size_t i = 0; i < all.n; i++) {
		if (x->n_df && x->df_h[x->n_df - 1] == all.v[i].h)
			x->df_n[x->n_df - 1]++;
		else {
			x->df_h[x->n_df] = all.v[i].h;
			x->df_n[x->n_df++] = 1;
		}
	}
	free(all.v);
	x->n_docs = fi->n;
	for (size_t k = 0; k < fi->n; k++) {
		weigh(&x->items[k], x);
		x->avg_norm += x->items[k].norm / (double)fi->n;
	}
}

void fill_items_free(fill_items *fi)
{
	if (fi->index) {
		for (size_t k = 0; k < fi->n; k++) {
			free(fi->index->items[k].v);
			free(fi->index->titles[k]);
		}
		free(fi->index->items);
		free(fi->index->titles);
		free(fi->index->df_h);
		free(fi->index->df_n);
		fill_thesaurus_free(fi->index->th);
		free(fi->index);
	}
	free(fi->v);
	memset(fi, 0, sizeof *fi);
}

static const char *const how_ids[FILL_HOW_COUNT] = {"none", "title", "no", "similar", "mapping"};

const char *fill_how_id(fill_how h) { return h >= 0 && h < FILL_HOW_COUNT ? how_ids[h] : "none"; }

/* "No.5", "5.", "(5)": the number alone. */
static char *bare_no(const char *s)
{
	char *f = fold_text(s, NULL);
	strbuf b;
	sb_init(&b);
	const char *p = f;
	if (strncmp(p, "no", 2) == 0)
		p += 2;
	for (; *p; p++)
		if ((*p >= '0' && *p <= '9') || *p == '-')
			sb_addn(&b, p, 1);
		else if (!strchr(".() ", *p))
			break;
	bool whole = !*p && b.len;
	free(f);
	if (!whole) {
		sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
}

void fill_match(const fill_items *fi, fill_question *q, bool meti_numbers)
{
	const struct fill_index *x = fi->index;
	q->item = q->runner = -1;
	q->score = q->runner_score = 0;
	q->how = FILL_HOW_NONE;
	vec qv;
	text_vec(&qv, q->text, true, x->th);
	weigh(&qv, x);
	char *qt = folded_words(q->text);
	long by_title = -1;
	for (size_t k = 0; k < fi->n && *qt; k++) {
		double s = score_of(x, &qv, &x->items[k]);
		if (by_title < 0 && strcmp(qt, x->titles[k]) == 0)
			by_title = (long)k;
		if (s > q->score) {
			if (q->item < 0 || strcmp(fi->v[q->item].it->id, fi->v[k].it->id) != 0) {
				q->runner = q->item;
				q->runner_score = q->score;
			}
			q->item = (long)k;
			q->score = s;
		} else if (s > q->runner_score && strcmp(fi->v[q->item].it->id, fi->v[k].it->id) != 0) {
			q->runner = (long)k;
			q->runner_score = s;
		}
	}
	free(qt);
	if (by_title >= 0) {
		if (q->item != by_title) {
			q->runner = q->item;
			q->runner_score = q->score;
		}
		q->item = by_title;
		q->score = 1.0;
		q->how = FILL_HOW_TITLE;
	} else if (meti_numbers && q->no && q->item >= 0) {
		/* the customer's No. is METI's when the question there reads
		 * like that item's: their own numbering 1, 2, 3... must not
		 * map by number alone */
		char *no = bare_no(q->no);
		for (size_t k = 0; no && k < fi->n; k++) {
			if (!fi->v[k].it->no || strcmp(fi->v[k].it->no, no) != 0)
				continue;
			double s = score_of(x, &qv, &x->items[k]);
			if (s >= FILL_LOW && s >= 0.8 * q->score) {
				if ((long)k != q->item) {
					q->runner = q->item;
					q->runner_score = q->score;
				}
				q->item = (long)k;
				q->score = s > FILL_CONFIDENT ? s : FILL_CONFIDENT;
				q->how = FILL_HOW_NO;
			}
			break;
		}
		free(no);
	}
	if (q->how == FILL_HOW_NONE && q->item >= 0)
		q->how = q->score >= FILL_LOW ? FILL_HOW_SIMILAR : FILL_HOW_NONE;
	if (q->how == FILL_HOW_NONE) {
		q->runner = q->item;
		q->runner_score = q->score;
		q->item = -1;
	}
	free(qv.v);
}

void fill_match_book(fill_book *fb, const fill_items *fi)
{
	for (size_t i = 0; i < fb->n_q; i++)
		fill_match(fi, &fb->q[i], false);
	for (size_t t = 0; t < fb->n_tables; t++) {
		size_t numbered = 0, agree = 0;
		for (size_t i = 0; i < fb->n_q; i++) {
			const fill_question *q = &fb->q[i];
			if (q->table != t || !q->no)
				continue;
			numbered++;
			long best = q->item >= 0 ? q->item : q->runner;
			char *no = bare_no(q->no);
			agree += no && best >= 0 && fi->v[best].it->no && strcmp(fi->v[best].it->no, no) == 0;
			free(no);
		}
		if (!numbered || agree * 2 < numbered)
			continue;
		for (size_t i = 0; i < fb->n_q; i++)
			if (fb->q[i].table == t)
				fill_match(fi, &fb->q[i], true);
	}
}
