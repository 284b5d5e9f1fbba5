#include <config.h>

/* The search index (search.h) and the sheet's search operations. */

#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "fold.h"
#include "sheet_internal.h"
#include "utf8.h"
#include "xalloc.h"

/* Zero bytes kept after the text, so that the vector loop may read a
 * little past the end of what it searches. */
#define PAD 64

struct search_index {
	char *buf;                /* the folded text; [len, cap + PAD) is zero */
	size_t len, cap;
	/* slots in buffer order: where each starts and whose it is (SIZE_MAX
	 * for a dead one, all zero bytes); a slot ends where the next starts */
	size_t *slot_start, *slot_item;
	size_t n_slots, cap_slots;
	size_t n_ordered;         /* slots [0, n_ordered): slot k was item k's */
	size_t n_items;
	size_t *slot_of;          /* per item: its slot */
	size_t *used;             /* per item: its text's length in the slot */
	size_t live;              /* the sum of used */
	size_t hist[256];         /* each byte's count in the live text */
	char *scratch;
	size_t cap_scratch;
	/* the last term (folded) and its matches, in item order, each with
	 * where in buf the term first occurs in it (an extended term can
	 * only start there or after) */
	char *term;
	size_t term_len;
	size_t *hits, *pos, n_hits; /* room for every item */
	struct hit { size_t item, pos; } *tail; /* matches in slots past n_ordered */
	size_t cap_tail;
};

/* ---- an item's text ---- */

static size_t field_bound(const char *f) { return (f ? strlen(f) : 0) + 1; }

/* The room the item's folded text may take (its length unfolded). */
static size_t item_bound(const sheet *s, const tmpl_item *it, const answer *an)
{
	size_t n = field_bound(ltext_get(&it->title, s->lang)) + field_bound(ltext_get(&it->description, s->lang)) +
		   field_bound(it->no);
	if (!an)
		return n;
	n += field_bound(an->value) + field_bound(an->note);
	for (size_t k = 0; k < an->n_cases; k++)
		n += field_bound(an->cases[k].when) + field_bound(an->cases[k].value);
	for (size_t r = 0; r < an->n_rows; r++)
		for (size_t c = 0; c < an->rows[r].cells.n; c++) {
			const raw_node *v = an->rows[r].cells.v[c].value;
			if (v && v->type == RAW_SCALAR)
				n += field_bound(v->scalar);
		}
	return n;
}

static size_t put_field(char *out, const char *f)
{
	size_t n = f ? fold_buf(f, strlen(f), out) : 0;
	out[n] = '\0';
	return n + 1;
}

/* Folds the item's searchable fields into out (item_bound bytes of room),
 * each ended by a NUL, so that no match runs from one field into the
 * next: what the editor searched before there was an index. */
static size_t item_fold(const sheet *s, const tmpl_item *it, const answer *an, char *out)
{
	size_t n = put_field(out, ltext_get(&it->title, s->lang));
	n += put_field(out + n, ltext_get(&it->description, s->lang));
	n += put_field(out + n, it->no);
	if (!an)
		return n;
	n += put_field(out + n, an->value);
	n += put_field(out + n, an->note);
	for (size_t k = 0; k < an->n_cases; k++) {
		n += put_field(out + n, an->cases[k].when);
		n += put_field(out + n, an->cases[k].value);
	}
	for (size_t r = 0; r < an->n_rows; r++)
		for (size_t c = 0; c < an->rows[r].cells.n; c++) {
			const raw_node *v = an->rows[r].cells.v[c].value;
			if (v && v->type == RAW_SCALAR)
				n += put_field(out + n, v->scalar);
		}
	return n;
}

/* ---- the buffer ---- */

static void reserve(search_index *x, size_t more)
{
	if (x->buf && x->len + more <= x->cap)
		return;
	size_t old = x->buf ? x->cap : 0, cap = old ? old : 4096;
	while (cap < x->len + more)
		cap *= 2;
	char *buf = xmalloc_large(cap + PAD);
	if (x->buf)
		memcpy(buf, x->buf, old + PAD);
	free(x->buf);
	x->buf = buf;
	/* [old, old + PAD) was zero already */
	if (old)
		memset(x->buf + old + PAD, 0, cap - old);
	else
		memset(x->buf, 0, cap + PAD);
	x->cap = cap;
}

static size_t slot_end(const search_index *x, size_t k)
{
	return k + 1 < x->n_slots ? x->slot_start[k + 1] : x->len;
}

static void add_slot(search_index *x, size_t item, size_t start)
{
	if (x->n_slots + 1 > x->cap_slots) {
		XGROW(x->slot_start, x->cap_slots, x->n_slots + 1);
		x->slot_item = xreallocarray(x->slot_item, x->cap_slots, sizeof *x->slot_item);
	}
	x->slot_start[x->n_slots] = start;
	x->slot_item[x->n_slots] = item;
	x->slot_of[item] = x->n_slots++;
}

/* Counts the bytes of p[0, n), four tables at a time (the counts of one
 * table would wait on each other). */
static void hist_add(search_index *x, const char *p, size_t n, bool add)
{
	const unsigned char *u = (const unsigned char *)p;
	if (!add) {
		for (size_t i = 0; i < n; i++)
			x->hist[u[i]]--;
		return;
	}
	uint32_t t[4][256];
	memset(t, 0, sizeof t);
	size_t i = 0;
	for (; i + 4 <= n; i += 4) {
		t[0][u[i]]++;
		t[1][u[i + 1]]++;
		t[2][u[i + 2]]++;
		t[3][u[i + 3]]++;
	}
	for (; i < n; i++)
		t[0][u[i]]++;
	for (int b = 0; b < 256; b++)
		x->hist[b] += (size_t)t[0][b] + t[1][b] + t[2][b] + t[3][b];
}

search_index *search_index_begin(const sheet *s)
{
	search_index *x = xcalloc(1, sizeof *x);
	size_t n = sheet_item_count(s);
	x->n_items = n;
	/* the four arrays of one entry per item in one block (huge pages at
	 * 100 000 items: a search reads them at random, as it does buf) */
	x->slot_of = xcalloc_large(4 * (n + 1), sizeof *x->slot_of);
	x->used = x->slot_of + (n + 1);
	x->hits = x->used + (n + 1);
	x->pos = x->hits + (n + 1);
	x->cap_slots = n + 1;
	x->slot_start = xcalloc(x->cap_slots, sizeof *x->slot_start);
	x->slot_item = xcalloc(x->cap_slots, sizeof *x->slot_item);
	/* the room at once (folding never grows text): a buffer grown by
	 * realloc is copied as often as not; zeroed past the text at the end */
	size_t room = 0;
	for (size_t i = 0; i < n; i++)
		room += item_bound(s, sheet_item(s, i), sheet_answer(s, i));
	x->cap = room > 4096 ? room : 4096;
	/* in huge pages: a search reads places all over 30 MB at 100 000
	 * items, and a miss in the TLB for each costs more than the compare */
	x->buf = xmalloc_large(x->cap + PAD);
	return x;
}

bool search_index_step(search_index *x, const sheet *s, size_t budget)
{
	size_t n = x->n_items, end = x->n_slots + budget < n && budget ? x->n_slots + budget : n;
	for (size_t i = x->n_slots; i < end; i++) {
		const tmpl_item *it = sheet_item(s, i);
		const answer *an = sheet_answer(s, i);
		/* an answer changed since begin may need more room */
		reserve(x, item_bound(s, it, an));
		size_t len = item_fold(s, it, an, x->buf + x->len);
		hist_add(x, x->buf + x->len, len, true);
		add_slot(x, i, x->len);
		x->used[i] = len;
		x->len += len;
	}
	if (x->n_slots < n)
		return false;
	memset(x->buf + x->len, 0, x->cap + PAD - x->len);
	x->n_ordered = n;
	x->live = x->len;
	return true;
}

size_t search_index_built(const search_index *x) { return x->n_slots; }

search_index *search_index_build(const sheet *s)
{
	search_index *x = search_index_begin(s);
	search_index_step(x, s, 0);
	return x;
}

void search_index_free(search_index *x)
{
	if (!x)
		return;
	free(x->buf);
	free(x->slot_start);
	free(x->slot_item);
	free(x->slot_of); /* and used, hits, pos */
	free(x->scratch);
	free(x->term);
	free(x->tail);
	free(x);
}

/* Rewrites the buffer with the items in order and no dead space. */
static void compact(search_index *x)
{
	size_t cap = x->live > 4096 ? x->live : 4096;
	char *buf = xmalloc_large(cap + PAD);
	size_t len = 0;
	/* the kept positions, relative to their item's slot meanwhile */
	for (size_t r = 0; r < x->n_hits; r++)
		x->pos[r] -= x->slot_start[x->slot_of[x->hits[r]]];
	for (size_t i = 0; i < x->n_items; i++) {
		memcpy(buf + len, x->buf + x->slot_start[x->slot_of[i]], x->used[i]);
		x->slot_start[i] = len;
		x->slot_item[i] = i;
		x->slot_of[i] = i;
		len += x->used[i];
	}
	memset(buf + len, 0, cap + PAD - len);
	free(x->buf);
	x->buf = buf;
	x->len = len;
	x->cap = cap;
	x->n_slots = x->n_ordered = x->n_items;
	for (size_t r = 0; r < x->n_hits; r++)
		x->pos[r] += x->slot_start[x->hits[r]];
}

/* ---- finding ---- */

/* A folded needle, probed at its two rarest bytes i <= j (by the counts
 * of the text searched): a match needs both, so few places pass. */
typedef struct probe {
	const unsigned char *s;
	size_t len, i, j;
} probe;

static void probe_init(probe *p, const search_index *x, const char *needle, size_t len)
{
	p->s = (const unsigned char *)needle;
	p->len = len;
	size_t a = 0, b = SIZE_MAX;
	for (size_t k = 1; k < len; k++)
		if (x->hist[p->s[k]] < x->hist[p->s[a]])
			a = k;
	for (size_t k = 0; k < len; k++)
		if (k != a && (b == SIZE_MAX || x->hist[p->s[k]] < x->hist[p->s[b]]))
			b = k;
	if (b == SIZE_MAX)
		b = a;
	p->i = a < b ? a : b;
	p->j = a < b ? b : a;
}

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define HAVE_AVX2_FIND 1
/* find's loop 32 places a step, for processors that have AVX2 (chosen at
 * run time): the same filter, twice as wide. */
__attribute__((target("avx2"))) static size_t find_avx2(const unsigned char *h, size_t from, size_t last,
							  const unsigned char *s, size_t len, size_t i, size_t j)
{
	const __m256i vi = _mm256_set1_epi8((char)s[i]), vj = _mm256_set1_epi8((char)s[j]);
	const unsigned char *hi = h + i, *hj = h + j;
	size_t q = from;
	for (; q <= last && last - q >= 63; q += 64) {
		__m256i m0 = _mm256_and_si256(
			_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(hi + q)), vi),
			_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(hj + q)), vj));
		__m256i m1 = _mm256_and_si256(
			_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(hi + q + 32)), vi),
			_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(hj + q + 32)), vj));
		if (_mm256_testz_si256(_mm256_or_si256(m0, m1), _mm256_or_si256(m0, m1)))
			continue;
		uint64_t bits = (uint64_t)(uint32_t)_mm256_movemask_epi8(m0) |
				(uint64_t)(uint32_t)_mm256_movemask_epi8(m1) << 32;
		for (; bits; bits &= bits - 1) {
			size_t at = q + (unsigned)__builtin_ctzll(bits);
			if (memcmp(h + at, s, len) == 0)
				return at;
		}
	}
	for (; q <= last; q++)
		if (h[q + i] == s[i] && h[q + j] == s[j] && memcmp(h + q, s, len) == 0)
			return q;
	return SIZE_MAX;
}

static bool have_avx2(void)
{
	static int have = -1;
	if (have < 0) {
		__builtin_cpu_init();
		have = __builtin_cpu_supports("avx2") ? 1 : 0;
	}
	return have;
}
#endif

/* Where the needle first occurs in h[from, end), or SIZE_MAX. h must have
 * PAD readable bytes after end. */
static size_t find(const char *hay, size_t from, size_t end, const probe *p)
{
	const unsigned char *h = (const unsigned char *)hay;
	if (end < from || end - from < p->len)
		return SIZE_MAX;
	size_t last = end - p->len; /* the last place a match may start */
	if (p->len == 1) {
		const unsigned char *r = memchr(h + from, p->s[0], end - from);
		return r ? (size_t)(r - h) : SIZE_MAX;
	}
#if defined(HAVE_AVX2_FIND)
	if (have_avx2())
		return find_avx2(h, from, last, p->s, p->len, p->i, p->j);
#endif
#if defined(__SSE2__)
	const __m128i vi = _mm_set1_epi8((char)p->s[p->i]), vj = _mm_set1_epi8((char)p->s[p->j]);
	const unsigned char *hi = h + p->i, *hj = h + p->j;
	size_t q = from;
	/* 64 places a round, one test for all four: most rounds find nothing */
	for (; q <= last && last - q >= 63; q += 64) {
		__m128i m[4];
		for (int k = 0; k < 4; k++)
			m[k] = _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(hi + q + 16 * k)), vi),
					     _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(hj + q + 16 * k)), vj));
		if (!_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(m[0], m[1]), _mm_or_si128(m[2], m[3]))))
			continue;
		for (int k = 0; k < 4; k++)
			for (unsigned bits = (unsigned)_mm_movemask_epi8(m[k]); bits; bits &= bits - 1) {
				size_t at = q + 16 * (size_t)k + (unsigned)__builtin_ctz(bits);
				if (memcmp(h + at, p->s, p->len) == 0)
					return at;
			}
	}
	for (; q <= last; q += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(hi + q));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(hj + q));
		unsigned bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, vi), _mm_cmpeq_epi8(b, vj)));
		if (last - q < 15)
			bits &= (1u << (last - q + 1)) - 1;
		for (; bits; bits &= bits - 1) {
			size_t at = q + (unsigned)__builtin_ctz(bits);
			if (memcmp(h + at, p->s, p->len) == 0)
				return at;
		}
	}
	return SIZE_MAX;
#else
	for (size_t q = from; q <= last;) {
		const unsigned char *r = memchr(h + q + p->i, p->s[p->i], last - q + 1);
		if (!r)
			return SIZE_MAX;
		size_t at = (size_t)(r - h) - p->i;
		if (memcmp(h + at, p->s, p->len) == 0)
			return at;
		q = at + 1;
	}
	return SIZE_MAX;
#endif
}

/* The last slot at or after k that starts at or before pos (galloping:
 * hits close together cost O(1)). */
static size_t slot_at(const search_index *x, size_t k, size_t pos)
{
	size_t lo = k, step = 1;
	while (lo + step < x->n_slots && x->slot_start[lo + step] <= pos) {
		lo += step;
		step *= 2;
	}
	size_t hi = lo + step < x->n_slots ? lo + step : x->n_slots;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->slot_start[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Where the needle first occurs in the item's text at or after from (an
 * offset in buf), or SIZE_MAX. */
static size_t first_in(const search_index *x, size_t item, size_t from, const probe *p)
{
	size_t start = x->slot_start[x->slot_of[item]];
	return find(x->buf, from > start ? from : start, start + x->used[item], p);
}

static int cmp_hit(const void *a, const void *b)
{
	size_t x = ((const struct hit *)a)->item, y = ((const struct hit *)b)->item;
	return x < y ? -1 : x > y;
}

/* One pass over the whole buffer. */
static void scan_all(search_index *x, const probe *p)
{
	size_t n_tail = 0, k = 0, pos = 0;
	x->n_hits = 0;
	while ((pos = find(x->buf, pos, x->len, p)) != SIZE_MAX) {
		k = slot_at(x, k, pos);
		size_t item = x->slot_item[k];
		if (k < x->n_ordered) {
			x->hits[x->n_hits] = item;
			x->pos[x->n_hits++] = pos;
		} else {
			XGROW(x->tail, x->cap_tail, n_tail + 1);
			x->tail[n_tail++] = (struct hit){item, pos};
		}
		pos = slot_end(x, k); /* the item matches: on to the next */
	}
	if (!n_tail)
		return;
	/* items moved past the ordered slots by edits: sorted, then merged */
	qsort(x->tail, n_tail, sizeof *x->tail, cmp_hit);
	size_t a = x->n_hits, b = n_tail, w = a + b;
	while (b) {
		if (a && x->hits[a - 1] > x->tail[b - 1].item) {
			--w, --a;
			x->hits[w] = x->hits[a];
			x->pos[w] = x->pos[a];
		} else {
			--w, --b;
			x->hits[w] = x->tail[b].item;
			x->pos[w] = x->tail[b].pos;
		}
	}
	x->n_hits += n_tail;
}

/* The new term holds the last one at offset d: it can only match where
 * the last one did, and start no earlier than d bytes before the last
 * one's first occurrence in the item. Mostly one compare per match. */
static void refine(search_index *x, const probe *p, size_t d)
{
	size_t w = 0;
	for (size_t r = 0; r < x->n_hits; r++) {
		size_t item = x->hits[r], at = x->pos[r];
		size_t start = x->slot_start[x->slot_of[item]], end = start + x->used[item];
		size_t q = SIZE_MAX;
		if (at >= start + d) {
			at -= d;
			if (at + p->len <= end && memcmp(x->buf + at, p->s, p->len) == 0)
				q = at;
			else
				q = first_in(x, item, at + 1, p);
		} else
			q = first_in(x, item, start, p);
		if (q != SIZE_MAX) {
			x->hits[w] = item;
			x->pos[w++] = q;
		}
	}
	x->n_hits = w;
}

size_t search_index_matches(search_index *x, const char *folded, const size_t **items)
{
	size_t len = strlen(folded);
	*items = x->hits;
	if (x->term && len == x->term_len && memcmp(folded, x->term, len) == 0)
		return x->n_hits;
	probe p;
	probe_init(&p, x, folded, len);
	bool none = len == 0 || !utf8_valid(folded, len, NULL);
	for (size_t k = 0; k < len && !none; k++)
		none = x->hist[p.s[k]] == 0; /* a byte the text lacks */
	const char *last = x->term && !none ? memmem(folded, len, x->term, x->term_len) : NULL;
	if (none)
		/* an empty needle matches nothing, as fold_contains says; nor
		 * does one that is not UTF-8 (it would match inside characters) */
		x->n_hits = 0;
	else if (last)
		refine(x, &p, (size_t)(last - folded));
	else
		scan_all(x, &p);
	free(x->term);
	x->term = xstrndup(folded, len);
	x->term_len = len;
	return x->n_hits;
}

/* Keeps the last term's matches exact for one changed item. */
static void update_hit(search_index *x, size_t item)
{
	probe p;
	probe_init(&p, x, x->term, x->term_len);
	size_t at = x->term_len ? first_in(x, item, 0, &p) : SIZE_MAX;
	size_t lo = 0, hi = x->n_hits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->hits[mid] < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	bool was = lo < x->n_hits && x->hits[lo] == item;
	size_t tail = x->n_hits - lo;
	if (at != SIZE_MAX && !was) {
		memmove(x->hits + lo + 1, x->hits + lo, tail * sizeof *x->hits);
		memmove(x->pos + lo + 1, x->pos + lo, tail * sizeof *x->pos);
		x->n_hits++;
	} else if (at == SIZE_MAX && was) {
		memmove(x->hits + lo, x->hits + lo + 1, (tail - 1) * sizeof *x->hits);
		memmove(x->pos + lo, x->pos + lo + 1, (tail - 1) * sizeof *x->pos);
		x->n_hits--;
	}
	if (at != SIZE_MAX) {
		x->hits[lo] = item;
		x->pos[lo] = at;
	}
}

void search_index_refresh(search_index *x, const sheet *s, size_t item)
{
	if (item >= x->n_items)
		return;
	const tmpl_item *it = sheet_item(s, item);
	const answer *an = sheet_answer(s, item);
	XGROW(x->scratch, x->cap_scratch, item_bound(s, it, an));
	size_t n = item_fold(s, it, an, x->scratch);
	size_t k = x->slot_of[item], start = x->slot_start[k], old = x->used[item];
	if (n == old && memcmp(x->buf + start, x->scratch, n) == 0)
		return; /* a verdict, a status: nothing searched changed */
	hist_add(x, x->buf + start, old, false);
	hist_add(x, x->scratch, n, true);
	x->live = x->live - old + n;
	if (k + 1 == x->n_slots && n > old) {
		/* the last slot grows into the free space after it */
		reserve(x, n - old);
		x->len = start + n;
	}
	if (n <= slot_end(x, k) - start) {
		memcpy(x->buf + start, x->scratch, n);
		if (n < old)
			memset(x->buf + start + n, 0, old - n);
	} else {
		/* too long for its slot: moved to the end, the old slot zeroed
		 * (dead: a needle, which has no NUL, never matches there) */
		memset(x->buf + start, 0, old);
		x->slot_item[k] = SIZE_MAX;
		reserve(x, n);
		memcpy(x->buf + x->len, x->scratch, n);
		add_slot(x, item, x->len);
		x->len += n;
	}
	x->used[item] = n;
	if (x->term)
		update_hit(x, item);
	/* dead space is paid back by one compaction when it outweighs the
	 * text: each byte moved costs O(1) amortized */
	if (x->len - x->live > x->live + 4096)
		compact(x);
}

/* ---- the sheet's search (sheet.h) ---- */

/* Steps the build; when it is done, the index becomes the sheet's and the
 * items changed meanwhile are folded again. */
static bool search_build_step(sheet *s, size_t budget)
{
	if (!s->search_building)
		s->search_building = search_index_begin(s);
	if (!search_index_step(s->search_building, s, budget))
		return false;
	s->search = s->search_building;
	s->search_building = NULL;
	for (size_t k = 0; k < s->n_search_dirty; k++)
		search_index_refresh(s->search, s, s->search_dirty[k]);
	free(s->search_dirty);
	s->search_dirty = NULL;
	s->n_search_dirty = s->cap_search_dirty = 0;
	return true;
}

void sheet_search_prepare(sheet *s)
{
	if (!s->search)
		search_build_step(s, 0);
}

bool sheet_search_idle(sheet *s, size_t budget)
{
	return !s->search && !search_build_step(s, budget ? budget : 1);
}

size_t sheet_search_all(sheet *s, const char *text, const size_t **items)
{
	sheet_search_prepare(s);
	char *folded = fold_text(text ? text : "", NULL);
	size_t n = search_index_matches(s->search, folded, items);
	free(folded);
	return n;
}

/* The first index of v[0, n) holding key or more. */
static size_t lower_bound(const size_t *v, size_t n, size_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t sheet_search(sheet *s, const char *text, size_t from, bool forward, bool include_from)
{
	const size_t *v;
	size_t n = sheet_search_all(s, text, &v);
	if (!n)
		return SIZE_MAX;
	if (from == SIZE_MAX)
		return forward ? v[0] : v[n - 1];
	/* the matches after from (or from on) come first, then the wrap */
	if (forward) {
		size_t i = lower_bound(v, n, include_from ? from : from + 1);
		return i < n ? v[i] : v[0];
	}
	size_t i = lower_bound(v, n, include_from ? from + 1 : from);
	return i > 0 ? v[i - 1] : v[n - 1];
}
