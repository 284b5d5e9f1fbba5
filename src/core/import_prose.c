#include <config.h>

/* Reading one answer cell: a value as it is, a leading answer word, one
 * phrase of the item's unit grammar out of prose, cases as the export
 * writes them; else the cell is left whole for a person. The promise:
 * never a value a person would read differently. */

#include "import.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "strbuf.h"
#include "units.h"
#include "utf8.h"
#include "xalloc.h"

void cell_reading_free(cell_reading *r)
{
	free(r->value);
	free(r->note);
	free(r->phrase);
	free(r->why);
	memset(r, 0, sizeof *r);
}

static bool is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000; }

/* The cell without white space (ideographic too) at either end. */
static char *trimmed(const char *s, size_t len)
{
	size_t a = 0, b = len;
	while (a < b) {
		uint32_t cp;
		size_t n = utf8_decode(s + a, b - a, &cp);
		if (!is_space(cp))
			break;
		a += n;
	}
	while (b > a) {
		/* a stray continuation byte at the end would lead back past a,
		 * into the white space already trimmed */
		size_t p = utf8_prev(s, b);
		if (p < a)
			p = a;
		uint32_t cp;
		utf8_decode(s + p, b - p, &cp);
		if (!is_space(cp))
			break;
		b = p;
	}
	return xstrndup(s + a, b - a);
}

static bool reads_exactly(const tmpl_item *it, const char *text)
{
	typed_value v;
	return units_parse_item(it, text, &v) == PARSE_OK;
}

/* ---- a leading answer word: "有 3ヶ月前に通知", "該当なし（オンプレミスのみ）" ---- */

/* What may stand between the word and the rest; brackets stay with the
 * rest (they open it). */
static bool is_word_sep(uint32_t cp)
{
	return is_space(cp) || cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == ';' ||
	       cp == 0xFF1B || cp == ':' || cp == 0xFF1A || cp == '/' || cp == 0xFF0F || cp == 0x30FB ||
	       cp == '-' || cp == 0xFF0D || cp == 0x2014 || cp == 0x2015 || cp == '.' || cp == 0xFF0E;
}

static bool is_open_bracket(uint32_t cp) { return cp == '(' || cp == 0xFF08 || cp == 0x3010 || cp == 0x300C || cp == '['; }

static uint32_t closing_of(uint32_t cp)
{
	switch (cp) {
	case '(': return ')';
	case 0xFF08: return 0xFF09;
	case 0x3010: return 0x3011;
	case 0x300C: return 0x300D;
	case '[': return ']';
	}
	return 0;
}

/* "（理由）" whole: the brackets go, the reason stays. */
static char *unbracketed(char *s)
{
	size_t len = strlen(s);
	uint32_t open, close;
	size_t n = utf8_decode(s, len, &open);
	uint32_t want = closing_of(open);
	if (!want || len <= n)
		return s;
	size_t last = utf8_prev(s, len);
	utf8_decode(s + last, len - last, &close);
	if (close != want || last < n)
		return s;
	/* only when no other bracket of the kind closes before the end */
	for (size_t i = n; i < last;) {
		uint32_t cp;
		i += utf8_decode(s + i, last - i, &cp);
		if (cp == want)
			return s;
	}
	char *inner = trimmed(s + n, last - n);
	free(s);
	return inner;
}

/* The answer words a vendor puts first. The unit decides whether the word
 * is a value for the item (有 for yes-no; 該当なし for any). */
static const char *const leading_words[] = {
	"該当なし", "該当無し", "対象外", "非該当", "非公開", "有り", "無し", "あり", "なし", "はい", "いいえ",
	"一部", "有", "無", "○", "◯", "〇", "×", "✕", "yes", "no", "n/a", "na", "partial", "partly",
};

static bool ascii_word_char(uint32_t cp) { return cp < 0x80 && (cp == '_' || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')); }

static bool read_leading_word(const tmpl_item *it, const char *t, cell_reading *out)
{
	size_t len = strlen(t);
	for (size_t w = 0; w < sizeof leading_words / sizeof *leading_words; w++) {
		size_t k = strlen(leading_words[w]);
		if (k >= len || strncasecmp(t, leading_words[w], k) != 0)
			continue;
		uint32_t next;
		utf8_decode(t + k, len - k, &next);
		if (!is_word_sep(next) && !is_open_bracket(next))
			continue;
		if (ascii_word_char(next))
			continue;
		char *word = xstrndup(t, k);
		if (!reads_exactly(it, word)) {
			free(word);
			continue;
		}
		size_t i = k;
		while (i < len) {
			uint32_t cp;
			size_t n = utf8_decode(t + i, len - i, &cp);
			if (!is_word_sep(cp))
				break;
			i += n;
		}
		out->outcome = IMPORT_PROSE;
		out->value = word;
		out->phrase = xstrdup(word);
		out->note = unbracketed(trimmed(t + i, len - i));
		return true;
	}
	return false;
}

/* ---- one phrase of the unit grammar out of prose ---- */

/* Prose longer than this is not searched: a person reads it. */
#define PROSE_MAX_BYTES 4096
/* A phrase is at most this many characters ("平日 9:00 a.m.–6:00 p.m. JST"). */
#define PHRASE_MAX_CHARS 40

static bool is_digit_like(uint32_t cp)
{
	static const char numerals[] = "〇一二三四五六七八九十百千";
	if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
		return true;
	char buf[4];
	size_t n = utf8_encode(cp, buf);
	for (const char *p = numerals; *p;) {
		uint32_t c;
		p += utf8_decode(p, strlen(p), &c);
		if (c == cp)
			return true;
	}
	(void)n;
	return false;
}

/* Characters that continue a figure: a phrase may not start or end next to
 * one ("1日3回": "1日" is not a duration there). */
static bool is_figure_char(uint32_t cp)
{
	return is_digit_like(cp) || ascii_word_char(cp) || (cp >= 0xFF21 && cp <= 0xFF5A) || cp == '.' || cp == '%' ||
	       cp == 0xFF05 || cp == 0xFF0E;
}

enum script { SC_SPACE, SC_DIGIT, SC_LATIN, SC_HIRAGANA, SC_KATAKANA, SC_KANJI, SC_OTHER };

static enum script script_of(uint32_t cp)
{
	if (is_space(cp))
		return SC_SPACE;
	if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
		return SC_DIGIT;
	if (ascii_word_char(cp) || (cp >= 0xFF21 && cp <= 0xFF5A))
		return SC_LATIN;
	if (cp >= 0x3041 && cp <= 0x309F)
		return SC_HIRAGANA;
	if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F))
		return SC_KATAKANA;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3005 || (cp >= 0x3400 && cp <= 0x4DBF))
		return SC_KANJI;
	return SC_OTHER;
}

/* Is the candidate only a number, with at most qualifier words? In prose a
 * figure needs its unit: a bare "3" is never taken (the item's default
 * scale is for a cell that holds exactly the number). */
static bool bare_number(const char *cand)
{
	char *n = units_normalize(cand);
	typed_value tv;
	memset(&tv, 0, sizeof tv);
	units_strip_words(n, &tv, true);
	bool bare = true;
	size_t len = strlen(n);
	for (size_t i = 0; i < len && bare;) {
		uint32_t cp;
		i += utf8_decode(n + i, len - i, &cp);
		bare = is_digit_like(cp) || cp == '.' || cp == ',' || cp == '-' || cp == '+';
	}
	free(n);
	return bare;
}

static bool reads_as_phrase(const tmpl_item *it, const char *cand)
{
	typed_value v;
	if (units_parse_item(it, cand, &v) != PARSE_OK || v.na)
		return false;
	return !bare_number(cand);
}

typedef struct span {
	size_t start, end; /* bytes */
} span;

/* Words that say how firm or how bounded a figure is, or that it holds
 * only sometimes: found in the cell outside the phrase, they belong to
 * it ("3時間以内の復旧を目標", "4時間以内（夜間・休日は翌営業日）"), and the
 * phrase alone would read differently. Single characters such as 約 or
 * 超 are left out: the grammar takes them where they touch the figure,
 * and elsewhere they are parts of words (契約, 超過). ASCII words match at
 * the start of a word ("guarantee" in "guaranteed"); short ones whole. */
static const char *const figure_words[] = {
	"目標", "保証", "実績", "努力", "原則", "平均", "最大", "最長", "最低", "最短", "以内", "以下", "以上",
	"未満", "程度", "およそ", "概ね", "少なくとも", "除く", "除き", "除外", "夜間", "休日", "土日", "祝日",
	"営業時間", "場合", "別途", "ただし", "但し", "期間中",
	"sla", "target", "guarantee", "best effort", "average", "at least", "at most", "up to", "within",
	"approx", "about", "max", "min", "except", "excluding", "outside", "unless", "only", "holiday",
	"during", "while",
};

static const char *stray_figure_word(const char *outside)
{
	/* lower case and full-width ASCII folded, spaces kept: words stay words */
	strbuf sb;
	sb_init(&sb);
	size_t len = strlen(outside);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(outside + i, len - i, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (is_space(cp))
			cp = ' ';
		char buf[4];
		sb_addn(&sb, buf, utf8_encode(cp, buf));
	}
	const char *n = sb_str(&sb), *hit = NULL;
	for (size_t w = 0; w < sizeof figure_words / sizeof *figure_words && !hit; w++) {
		const char *p = n, *word = figure_words[w];
		size_t k = strlen(word);
		bool ascii = (unsigned char)word[0] < 0x80;
		while ((p = strstr(p, word))) {
			bool alone = !ascii || ((p == n || !ascii_word_char((unsigned char)p[-1])) &&
						(k > 3 || !ascii_word_char((unsigned char)p[k])));
			if (alone) {
				hit = word;
				break;
			}
			p += k;
		}
	}
	sb_free(&sb);
	return hit;
}

/* Does a figure go on from character a to b ("99|.9", "1|日3回": no,
 * "3|時間": no; "4|5", "ho|urs": yes)? A phrase never ends or starts
 * there. A full stop goes on only into a digit. */
static bool figure_goes_on(const uint32_t *cps, size_t n, size_t at)
{
	uint32_t a = cps[at - 1], b = cps[at];
	if (b == '.' || b == 0xFF0E)
		return is_digit_like(a) && at + 1 < n && is_digit_like(cps[at + 1]);
	if (a == '.' || a == 0xFF0E)
		return is_digit_like(b) && at >= 2 && is_digit_like(cps[at - 2]);
	return is_figure_char(a) && is_figure_char(b);
}

/* Two phrases that read the same ("3時間以内" twice, "月1回" and "月次")
 * are one answer said twice. */
static bool same_reading(const tmpl_item *it, const char *a, size_t na, const char *b, size_t nb)
{
	char *x = xstrndup(a, na), *y = xstrndup(b, nb);
	typed_value va, vb;
	bool same = false;
	if (units_parse_item(it, x, &va) == PARSE_OK && units_parse_item(it, y, &vb) == PARSE_OK) {
		char *fa = units_format(&va), *fb = units_format(&vb);
		same = strcmp(fa, fb) == 0;
		free(fa);
		free(fb);
	}
	free(x);
	free(y);
	return same;
}

typedef struct phrases {
	span *v;
	size_t n;
	size_t *off;     /* byte offset of each character, and of the end */
	uint32_t *cps;
	size_t nch;
} phrases;

static void phrases_free(phrases *ph)
{
	free(ph->v);
	free(ph->off);
	free(ph->cps);
}

/* Every longest phrase of the item's unit in t, left to right. A phrase
 * starts after white space or punctuation or where the script changes,
 * never inside a number or a Latin word, and ends likewise. */
static void find_phrases(const tmpl_item *it, const char *t, phrases *ph)
{
	memset(ph, 0, sizeof *ph);
	size_t len = strlen(t);
	ph->off = xcalloc(len + 2, sizeof *ph->off);
	ph->cps = xcalloc(len + 2, sizeof *ph->cps);
	size_t *off = ph->off;
	uint32_t *cps = ph->cps;
	size_t nch = 0;
	for (size_t i = 0; i < len;) {
		off[nch] = i;
		i += utf8_decode(t + i, len - i, &cps[nch]);
		nch++;
	}
	off[nch] = len;
	ph->nch = nch;
	for (size_t s = 0; s < nch; s++) {
		enum script sc = script_of(cps[s]);
		if (sc == SC_SPACE)
			continue;
		if (is_word_sep(cps[s]))
			continue;
		if (s > 0) {
			enum script prev = script_of(cps[s - 1]);
			if (figure_goes_on(cps, nch, s))
				continue;
			if (prev == sc && sc != SC_OTHER && sc != SC_HIRAGANA)
				continue; /* inside a word of one script */
		}
		size_t best = 0;
		for (size_t e = s + 1; e <= nch && e - s <= PHRASE_MAX_CHARS; e++) {
			if (is_word_sep(cps[e - 1]))
				continue;
			if (e < nch && figure_goes_on(cps, nch, e))
				continue;
			char *cand = xstrndup(t + off[s], off[e] - off[s]);
			if (reads_as_phrase(it, cand))
				best = e;
			free(cand);
		}
		if (!best)
			continue;
		/* a phrase inside one found earlier adds nothing */
		if (ph->n && ph->v[ph->n - 1].end >= off[best])
			continue;
		ph->v = xreallocarray(ph->v, ph->n + 1, sizeof *ph->v);
		ph->v[ph->n++] = (span){off[s], off[best]};
	}
}

/* The phrases, if they are more than one answer: "「7日間」, 「最低1年間」"
 * (caller frees); NULL when they all read alike and none overlaps. */
static char *several(const tmpl_item *it, const char *t, const phrases *ph)
{
	bool one = true;
	for (size_t i = 1; i < ph->n && one; i++)
		one = ph->v[i].start >= ph->v[i - 1].end &&
		      same_reading(it, t + ph->v[0].start, ph->v[0].end - ph->v[0].start, t + ph->v[i].start,
				   ph->v[i].end - ph->v[i].start);
	if (one)
		return NULL;
	strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < ph->n && i < 4; i++)
		sb_printf(&sb, "%s「%.*s」", i ? ", " : "", (int)(ph->v[i].end - ph->v[i].start), t + ph->v[i].start);
	if (ph->n > 4)
		sb_add(&sb, ", …");
	return sb_take(&sb);
}

static void read_phrase(const tmpl_item *it, const char *t, cell_reading *out)
{
	if (strlen(t) > PROSE_MAX_BYTES) {
		out->why = xstrdup(_("the cell is too long to search for a value"));
		return;
	}
	phrases ph;
	find_phrases(it, t, &ph);
	char *list = ph.n ? several(it, t, &ph) : NULL;
	if (ph.n == 0)
		out->why = xasprintf(_("no phrase in it reads as %s"), _(unit_table[it->unit].name));
	else if (list)
		out->why = xasprintf(_("several phrases: %s"), list);
	else {
		span f = ph.v[0];
		size_t s = 0, e;
		while (ph.off[s] != f.start)
			s++;
		for (e = s; ph.off[e] != f.end; e++)
			;
		/* "1日3回": a figure right before or after the phrase */
		bool runs_on = (s > 0 && (is_digit_like(ph.cps[s - 1]) || figure_goes_on(ph.cps, ph.nch, s))) ||
			       (e < ph.nch && (is_digit_like(ph.cps[e]) || figure_goes_on(ph.cps, ph.nch, e)));
		strbuf rest;
		sb_init(&rest);
		size_t from = 0;
		for (size_t i = 0; i < ph.n; i++) {
			sb_addn(&rest, t + from, ph.v[i].start - from);
			sb_addc(&rest, ' ');
			from = ph.v[i].end;
		}
		sb_add(&rest, t + from);
		const char *stray = runs_on ? NULL : stray_figure_word(sb_str(&rest));
		/* a remark right after the phrase belongs to it: "24時間以内
		 * （営業日換算）" does not read as 24 hours, and neither may the
		 * phrase taken without it */
		bool remark_refused = false;
		if (!runs_on && !stray && e < ph.nch && is_open_bracket(ph.cps[e])) {
			uint32_t want = closing_of(ph.cps[e]);
			size_t c = e + 1;
			while (c < ph.nch && ph.cps[c] != want)
				c++;
			if (c < ph.nch) {
				char *with = xstrndup(t + f.start, ph.off[c + 1] - f.start);
				remark_refused = !reads_as_phrase(it, with);
				free(with);
			} else
				remark_refused = true;
		}
		sb_free(&rest);
		char *phrase = xstrndup(t + f.start, f.end - f.start);
		if (runs_on) {
			out->why = xasprintf(_("「%s」 runs into the figures around it"), phrase);
			free(phrase);
		} else if (stray) {
			out->why = xasprintf(_("「%s」 is qualified by \"%s\" elsewhere in the text"), phrase, stray);
			free(phrase);
		} else if (remark_refused) {
			out->why = xasprintf(_("「%s」 does not read as it is with the remark after it"), phrase);
			free(phrase);
		} else {
			out->outcome = IMPORT_PROSE;
			out->value = phrase;
			out->phrase = xstrdup(phrase);
			out->note = xstrdup(t); /* the whole cell: nothing is lost */
		}
	}
	free(list);
	phrases_free(&ph);
}

static bool is_quantity(unit_kind u)
{
	return u == UNIT_PERCENT || u == UNIT_DURATION || u == UNIT_TIME_WINDOW || u == UNIT_COUNT ||
	       u == UNIT_FREQUENCY;
}

/* A value with a remark the grammar passes over ("7日間（ログは別途1年間）")
 * is exactly a value only when the remark holds no other figure of the
 * kind: else it answers twice, and a person must say which. */
static char *remark_answers_again(const tmpl_item *it, const char *t)
{
	typed_value v;
	if (!is_quantity(it->unit) || units_parse_item(it, t, &v) != PARSE_OK || !v.remark ||
	    strlen(t) > PROSE_MAX_BYTES)
		return NULL;
	/* brackets become white space (of the same length): the remark's
	 * phrases are then found on their own */
	char *open = xstrdup(t);
	size_t len = strlen(open);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(open + i, len - i, &cp);
		if (is_open_bracket(cp) || cp == ')' || cp == 0xFF09 || cp == 0x3011 || cp == 0x300D || cp == ']')
			memset(open + i, ' ', n);
		i += n;
	}
	phrases ph;
	find_phrases(it, open, &ph);
	char *list = ph.n > 1 ? several(it, open, &ph) : NULL;
	phrases_free(&ph);
	free(open);
	return list;
}

void import_read_cell(const tmpl_item *it, const char *cell, cell_reading *out)
{
	memset(out, 0, sizeof *out);
	char *t = trimmed(cell, strlen(cell));
	if (!*t) {
		out->outcome = IMPORT_EMPTY;
		free(t);
		return;
	}
	char *again = NULL;
	if (it->unit == UNIT_TEXT ||
	    (strlen(t) <= PROSE_MAX_BYTES && reads_exactly(it, t) && !(again = remark_answers_again(it, t)))) {
		out->outcome = IMPORT_COPIED;
		out->value = t;
		return;
	}
	out->outcome = IMPORT_FOR_PERSON;
	if (again) {
		out->why = xasprintf(_("several phrases: %s"), again);
		free(again);
	} else if (!read_leading_word(it, t, out)) {
		if (is_quantity(it->unit))
			read_phrase(it, t, out);
		else
			/* a yes or no inside prose ("有効", "無償") is no answer */
			out->why = xasprintf(_("it does not start with an answer (%s)"), _(unit_table[it->unit].name));
	}
	if (out->outcome == IMPORT_FOR_PERSON) {
		free(out->note);
		out->note = t; /* whole, for a person */
		free(out->value);
		out->value = NULL;
	} else
		free(t);
}

/* ---- cases: "when → value" lines ---- */

#define CASE_ARROW " → "

bool import_read_cases(const tmpl_item *it, const char *cell, answer *an)
{
	if (!strstr(cell, CASE_ARROW) || it->unit == UNIT_TEXT || it->unit == UNIT_TABLE)
		return false;
	/* every line a case, each split at its last arrow, each value reading
	 * exactly as the unit, no when empty: else it is prose with arrows */
	size_t n = 0;
	char **whens = NULL, **values = NULL;
	bool ok = true;
	const char *p = cell;
	while (ok) {
		const char *end = strchr(p, '\n');
		size_t ll = end ? (size_t)(end - p) : strlen(p);
		char *line = xstrndup(p, ll);
		if (ll && line[ll - 1] == '\r')
			line[ll - 1] = '\0';
		char *arrow = NULL;
		for (char *q = line; (q = strstr(q, CASE_ARROW)); q++)
			arrow = q;
		if (!arrow || arrow == line) {
			ok = false;
			free(line);
			break;
		}
		*arrow = '\0';
		const char *value = arrow + strlen(CASE_ARROW);
		if (!*value || !reads_exactly(it, value) || strcmp(value, "") == 0) {
			ok = false;
			free(line);
			break;
		}
		whens = xreallocarray(whens, n + 1, sizeof *whens);
		values = xreallocarray(values, n + 1, sizeof *values);
		whens[n] = xstrdup(line);
		values[n++] = xstrdup(value);
		free(line);
		if (!end)
			break;
		p = end + 1;
	}
	if (ok)
		for (size_t i = 0; i < n; i++)
			answer_add_case(an, whens[i], values[i]);
	for (size_t i = 0; i < n; i++) {
		free(whens[i]);
		free(values[i]);
	}
	free(whens);
	free(values);
	return ok && n;
}
