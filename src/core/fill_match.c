#include <config.h>

/* A customer's question → one of our items. Japanese has no spaces to
 * split words at, so texts are compared as sets of character bigrams and
 * trigrams after the search folding (width, kana marks, case): an item is
 * its title (counted twice), description and our answer's text; a
 * question is its text. Each n-gram weighs by how rare it is among the
 * items (idf): words every item shares say nothing. N-grams of hiragana
 * alone (する, ますか, について) weigh little: they are the grammar of a
 * question, not its subject. The score is the cosine of the two weighted
 * vectors. */

#include "fill.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "ltext.h"
#include "utf8.h"
#include "validate.h"
#include "xalloc.h"

typedef struct gram {
	uint32_t h;
	double w;
} gram;

typedef struct vec {
	gram *v;
	size_t n;
	double norm;
} vec;

struct fill_index {
	vec *items;      /* per fill_items.v */
	char **titles;   /* folded, kept to words: for the exact title match */
	uint32_t *df_h;  /* sorted n-gram hashes with their document frequency */
	size_t *df_n;
	size_t n_df;
	size_t n_docs;
};

/* The weight of an n-gram of hiragana alone, and of one no item holds. */
#define FILL_KANA_WEIGHT 0.3
#define FILL_UNSEEN_IDF 1.0

static bool is_hiragana(uint32_t c) { return c >= 0x3041 && c <= 0x309F; }

/* Code points of the folded text that carry meaning: letters, digits,
 * kana and kanji; punctuation, spaces and brackets go. */
static size_t word_chars(const char *s, uint32_t **out)
{
	char *f = fold_text(s, NULL);
	size_t len = strlen(f), n = 0;
	uint32_t *v = xmalloc((len + 1) * sizeof *v);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = utf8_decode(f + i, len - i, &c);
		if (!k) {
			i++;
			continue;
		}
		i += k;
		bool keep = c < 0x80 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
				     : !(c >= 0x3000 && c <= 0x303F) && c != 0x30FB && !(c >= 0xFF00 && c <= 0xFF65) &&
					       !(c >= 0x2000 && c <= 0x2BFF);
		if (keep)
			v[n++] = c;
	}
	free(f);
	*out = v;
	return n;
}

static uint32_t gram_hash(const uint32_t *c, size_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)n;
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

/* The n-grams of text (counted, weight factor of times), appended. */
static void add_grams(gram **v, size_t *n, size_t *cap, const char *text, double times)
{
	if (!text || !*text)
		return;
	uint32_t *c;
	size_t len = word_chars(text, &c);
	for (size_t k = 2; k <= 3; k++)
		for (size_t i = 0; i + k <= len; i++) {
			bool kana = true;
			for (size_t j = 0; j < k; j++)
				kana = kana && is_hiragana(c[i + j]);
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*v = xrealloc(*v, *cap * sizeof **v);
			}
			(*v)[(*n)++] = (gram){gram_hash(c + i, k), times * (kana ? FILL_KANA_WEIGHT : 1.0)};
		}
	/* a text of one character still says something */
	if (len == 1) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xrealloc(*v, *cap * sizeof **v);
		}
		(*v)[(*n)++] = (gram){gram_hash(c, 1), times};
	}
	free(c);
}

/* Sums the weights of equal n-grams. */
static void merge(vec *out, gram *v, size_t n)
{
	qsort(v, n, sizeof *v, gram_cmp);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && v[m - 1].h == v[i].h)
			v[m - 1].w += v[i].w;
		else
			v[m++] = v[i];
	}
	out->v = v;
	out->n = m;
	out->norm = 0;
}

static double idf_of(const struct fill_index *x, uint32_t h)
{
	size_t lo = 0, hi = x->n_df;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->df_h[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->n_df && x->df_h[lo] == h)
		return log(1.0 + (double)x->n_docs / (double)x->df_n[lo]);
	return x ? FILL_UNSEEN_IDF : 1.0;
}

static void weigh(vec *v, const struct fill_index *x)
{
	double s = 0;
	for (size_t i = 0; i < v->n; i++) {
		v->v[i].w *= x ? idf_of(x, v->v[i].h) : 1.0;
		s += v->v[i].w * v->v[i].w;
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

static void text_vec(vec *out, const char *text)
{
	gram *v = NULL;
	size_t n = 0, cap = 0;
	add_grams(&v, &n, &cap, text, 1.0);
	merge(out, v, n);
}

static char *folded_words(const char *s)
{
	uint32_t *c;
	size_t n = word_chars(s ? s : "", &c);
	strbuf b;
	sb_init(&b);
	for (size_t i = 0; i < n; i++) {
		char u[8];
		size_t k = utf8_encode(c[i], u);
		sb_addn(&b, u, k);
	}
	free(c);
	return sb_take(&b);
}

double fill_similarity(const char *a, const char *b)
{
	vec va, vb;
	text_vec(&va, a);
	text_vec(&vb, b);
	weigh(&va, NULL);
	weigh(&vb, NULL);
	double s = cosine(&va, &vb);
	free(va.v);
	free(vb.v);
	return s;
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
	gram *all = NULL;
	size_t n_all = 0, cap_all = 0;
	for (size_t k = 0; k < fi->n; k++) {
		const fill_item *f = &fi->v[k];
		gram *v = NULL;
		size_t n = 0, cap = 0;
		const char *title = ltext_get(&f->it->title, lang);
		add_grams(&v, &n, &cap, title, 2.0);
		add_grams(&v, &n, &cap, ltext_get(&f->it->description, lang), 1.0);
		if (f->an) {
			add_grams(&v, &n, &cap, f->an->value, 1.0);
			add_grams(&v, &n, &cap, f->an->note, 1.0);
		}
		merge(&x->items[k], v, n);
		x->titles[k] = folded_words(title);
		for (size_t i = 0; i < x->items[k].n; i++) {
			if (n_all == cap_all) {
				cap_all = cap_all ? cap_all * 2 : 1024;
				all = xrealloc(all, cap_all * sizeof *all);
			}
			all[n_all++] = (gram){x->items[k].v[i].h, 1};
		}
	}
	qsort(all, n_all, sizeof *all, gram_cmp);
	x->df_h = xmalloc((n_all ? n_all : 1) * sizeof *x->df_h);
	x->df_n = xmalloc((n_all ? n_all : 1) * sizeof *x->df_n);
	for (size_t i = 0; i < n_all; i++) {
		if (x->n_df && x->df_h[x->n_df - 1] == all[i].h)
			x->df_n[x->n_df - 1]++;
		else {
			x->df_h[x->n_df] = all[i].h;
			x->df_n[x->n_df++] = 1;
		}
	}
	free(all);
	x->n_docs = fi->n;
	for (size_t k = 0; k < fi->n; k++)
		weigh(&x->items[k], x);
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
	text_vec(&qv, q->text);
	weigh(&qv, x);
	char *qt = folded_words(q->text);
	long by_title = -1;
	for (size_t k = 0; k < fi->n && *qt; k++) {
		double s = cosine(&qv, &x->items[k]);
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
			double s = cosine(&qv, &x->items[k]);
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
