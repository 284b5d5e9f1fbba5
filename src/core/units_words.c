#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "units_internal.h"
#include "utf8.h"
#include "xalloc.h"

char *units_normalize(const char *text)
{
	/* one allocation, written in place: the result is shorter than the
	 * text (a full-width letter, ≤ and the like take fewer bytes) except
	 * where a byte is not UTF-8 (U+FFFD, three bytes, for it); ASCII,
	 * most of a value, without decoding */
	size_t len = strlen(text), i = 0, o = 0;
	char *out = xreallocarray(NULL, len + 1, 3);
	while (i < len) {
		uint32_t cp = (unsigned char)text[i];
		if (cp < 0x80)
			i++;
		else
			i += utf8_decode(text + i, len - i, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		switch (cp) {
		case ' ': case '\t': case '\n': case '\r': case 0x3000: case 0xA0:
			continue;
		case '~': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
		case 0x2015: case 0x2212: case 0x301C:
			cp = '-';
			break;
		case 0x2264: case 0x2266:
			out[o++] = '<';
			out[o++] = '=';
			continue;
		case 0x2265: case 0x2267:
			out[o++] = '>';
			out[o++] = '=';
			continue;
		case 0x3010: case 0x3014:
			cp = '(';
			break;
		case 0x3011: case 0x3015:
			cp = ')';
			break;
		default:
			break;
		}
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (cp < 0x80)
			out[o++] = (char)cp;
		else
			o += utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

/* W_RULE: 原則 "as a rule", a hedge kept for the reading only. */
enum word_kind { W_STAT, W_BOUND, W_COMMIT, W_RULE };
enum { AT_START = 1, AT_END = 2 };

typedef struct word {
	const char *text;
	enum word_kind kind;
	int value;
	int where;
} word;

/* Longer words stand before their prefixes (努力目標 before 努力). */
static const word words[] = {
	{"原則として", W_RULE, 0, AT_START},
	{"原則的に", W_RULE, 0, AT_START},
	{"原則", W_RULE, 0, AT_START | AT_END},
	{"基本的に", W_RULE, 0, AT_START},
	{"asarule", W_RULE, 0, AT_START | AT_END},
	{"inprinciple", W_RULE, 0, AT_START | AT_END},
	{"<=", W_BOUND, BOUND_LE, AT_START},
	{">=", W_BOUND, BOUND_GE, AT_START},
	{"<", W_BOUND, BOUND_LT, AT_START},
	{">", W_BOUND, BOUND_GT, AT_START},
	{"平均", W_STAT, STAT_AVG, AT_START},
	{"average", W_STAT, STAT_AVG, AT_START},
	{"avg.", W_STAT, STAT_AVG, AT_START},
	{"avg", W_STAT, STAT_AVG, AT_START},
	{"mean", W_STAT, STAT_AVG, AT_START},
	{"約", W_STAT, STAT_APPROX, AT_START},
	{"およそ", W_STAT, STAT_APPROX, AT_START},
	{"概ね", W_STAT, STAT_APPROX, AT_START},
	{"approximately", W_STAT, STAT_APPROX, AT_START},
	{"approx.", W_STAT, STAT_APPROX, AT_START},
	{"approx", W_STAT, STAT_APPROX, AT_START},
	{"about", W_STAT, STAT_APPROX, AT_START},
	{"ca.", W_STAT, STAT_APPROX, AT_START},
	{"程度", W_STAT, STAT_APPROX, AT_END},
	{"前後", W_STAT, STAT_APPROX, AT_END},
	{"くらい", W_STAT, STAT_APPROX, AT_END},
	{"ぐらい", W_STAT, STAT_APPROX, AT_END},
	{"最大", W_STAT, STAT_MAX, AT_START},
	{"最長", W_STAT, STAT_MAX, AT_START},
	{"maximum", W_STAT, STAT_MAX, AT_START},
	{"max.", W_STAT, STAT_MAX, AT_START},
	{"max", W_STAT, STAT_MAX, AT_START},
	{"最低", W_STAT, STAT_MIN, AT_START},
	{"最短", W_STAT, STAT_MIN, AT_START},
	{"少なくとも", W_STAT, STAT_MIN, AT_START},
	{"minimum", W_STAT, STAT_MIN, AT_START},
	{"min.", W_STAT, STAT_MIN, AT_START},
	{"upto", W_BOUND, BOUND_LE, AT_START},
	{"atmost", W_BOUND, BOUND_LE, AT_START},
	{"within", W_BOUND, BOUND_LE, AT_START},
	{"atleast", W_BOUND, BOUND_GE, AT_START},
	{"lessthan", W_BOUND, BOUND_LT, AT_START},
	{"under", W_BOUND, BOUND_LT, AT_START},
	{"morethan", W_BOUND, BOUND_GT, AT_START},
	{"over", W_BOUND, BOUND_GT, AT_START},
	{"以内", W_BOUND, BOUND_LE, AT_END},
	{"以下", W_BOUND, BOUND_LE, AT_END},
	{"まで", W_BOUND, BOUND_LE, AT_END},
	{"orless", W_BOUND, BOUND_LE, AT_END},
	{"未満", W_BOUND, BOUND_LT, AT_END},
	{"以上", W_BOUND, BOUND_GE, AT_END},
	{"ormore", W_BOUND, BOUND_GE, AT_END},
	{"超過", W_BOUND, BOUND_GT, AT_END},
	{"超", W_BOUND, BOUND_GT, AT_END},
	{"を保証", W_COMMIT, COMMIT_GUARANTEED, AT_END},
	{"保証", W_COMMIT, COMMIT_GUARANTEED, AT_START | AT_END},
	{"sla", W_COMMIT, COMMIT_GUARANTEED, AT_START | AT_END},
	{"guaranteed", W_COMMIT, COMMIT_GUARANTEED, AT_START | AT_END},
	{"guarantee", W_COMMIT, COMMIT_GUARANTEED, AT_START},
	{"を目標", W_COMMIT, COMMIT_TARGET, AT_END},
	{"努力目標", W_COMMIT, COMMIT_TARGET, AT_START | AT_END},
	{"目標", W_COMMIT, COMMIT_TARGET, AT_START | AT_END},
	{"努力", W_COMMIT, COMMIT_TARGET, AT_START},
	{"target", W_COMMIT, COMMIT_TARGET, AT_START | AT_END},
	{"besteffort", W_COMMIT, COMMIT_TARGET, AT_START | AT_END},
	{"の実績", W_COMMIT, COMMIT_ACTUAL, AT_END},
	{"実績", W_COMMIT, COMMIT_ACTUAL, AT_START | AT_END},
	{"actual", W_COMMIT, COMMIT_ACTUAL, AT_START | AT_END},
	{"measured", W_COMMIT, COMMIT_ACTUAL, AT_START | AT_END},
};

/* Separators that may follow a leading word: 目標: 99.9%, 目標は99.9% */
static const char *const joiners[] = {":", "=", "は", "値", "で", "、", ","};

static void apply(const word *w, typed_value *out)
{
	switch (w->kind) {
	case W_STAT:
		out->stat = (statistic)w->value;
		break;
	case W_BOUND:
		out->bound = (bound)w->value;
		break;
	case W_COMMIT:
		out->commit = (commitment)w->value;
		break;
	case W_RULE:
		out->as_rule = true;
		break;
	}
}

static bool strip_once(char *s, typed_value *out, bool qualifiers)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		const word *w = &words[i];
		if (!qualifiers && w->kind != W_COMMIT)
			continue;
		size_t wl = strlen(w->text);
		if (wl >= len)
			continue;
		/* the first or last byte first: most words are over at once */
		if ((w->where & AT_START) && s[0] == w->text[0] && strncmp(s, w->text, wl) == 0) {
			apply(w, out);
			memmove(s, s + wl, len - wl + 1);
			for (size_t j = 0; j < sizeof joiners / sizeof *joiners; j++) {
				size_t jl = strlen(joiners[j]);
				if (strncmp(s, joiners[j], jl) == 0 && s[jl]) {
					memmove(s, s + jl, strlen(s) - jl + 1);
					break;
				}
			}
			return true;
		}
		if ((w->where & AT_END) && s[len - 1] == w->text[wl - 1] && strcmp(s + len - wl, w->text) == 0) {
			apply(w, out);
			s[len - wl] = '\0';
			return true;
		}
	}
	return false;
}

/* A word alone (as the whole of a parenthesised group). */
static bool whole_word(const char *s, typed_value *out, bool qualifiers)
{
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		if (!qualifiers && words[i].kind != W_COMMIT)
			continue;
		if (strcmp(s, words[i].text) == 0) {
			apply(&words[i], out);
			return true;
		}
	}
	return false;
}

/* A remark that says a duration's clock stops outside some hours: 24時間
 * (営業日換算) or (土日祝除く) is not 24 hours of wall-clock time. (計画停止を
 * 除く) leaves cases out, not hours, and (土日含む) adds them: plain remarks. */
static const char *const business_words[] = {"営業", "稼働日", "business", "working", "office"};
static const char *const restrict_words[] = {"除", "以外", "のみ", "限", "excluding", "except", "only"};
static const char *const off_hours_words[] = {"平日", "土", "日曜", "祝", "休日", "夜間", "深夜",
					      "時間外", "weekday", "weekend", "holiday", "night"};

static bool mentions(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, list[i]))
			return true;
	return false;
}

static bool says_clock_stops(const char *remark)
{
	return mentions(remark, business_words, N_WORDS(business_words)) ||
	       (mentions(remark, restrict_words, N_WORDS(restrict_words)) &&
		mentions(remark, off_hours_words, N_WORDS(off_hours_words)));
}

void units_strip_words(char *s, typed_value *out, bool qualifiers)
{
	/* Parenthesised groups: a known word counts, anything else is a
	 * remark that belongs in the note and is passed over here. */
	char *open;
	while ((open = strchr(s, '('))) {
		char *close = strchr(open, ')');
		if (!close)
			break;
		*close = '\0';
		if (!whole_word(open + 1, out, qualifiers)) {
			out->remark = true;
			out->clock_stops |= says_clock_stops(open + 1);
		}
		memmove(open, close + 1, strlen(close + 1) + 1);
	}
	while (strip_once(s, out, qualifiers))
		;
}

static const char *const na_words[] = {
	"n/a", "na", "notapplicable", "該当なし", "該当無し", "対象外", "非該当", "なし(該当なし)",
};

/* Read one way by some and another by others: an error, never a guess. */
static const char *const ambiguous_words[] = {
	"十分", "充分",                       /* "enough", or 10 minutes */
	"biweekly", "bi-weekly",              /* twice a week, or every two weeks */
	"bimonthly", "bi-monthly",
	"biannually", "biannual", "bi-annually", /* twice a year, or every two years */
};

bool units_is_ambiguous_word(const char *s)
{
	for (size_t i = 0; i < N_WORDS(ambiguous_words); i++)
		if (strcmp(s, ambiguous_words[i]) == 0)
			return true;
	return false;
}

/* Characters of text other than the spaces units_normalize drops; bytes
 * that are not UTF-8 are counted low (a continuation byte not at all),
 * which only makes the answer "no" more often. */
static size_t kept_chars(const char *text, size_t enough)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p && n < enough; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || (*p & 0xC0) == 0x80)
			continue;
		if ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) || (p[0] == 0xC2 && p[1] == 0xA0))
			continue; /* U+3000, U+00A0 */
		n++;
	}
	return n;
}

bool units_past_na_words(const char *text)
{
	static size_t longest;
	if (!longest)
		for (size_t i = 0; i < sizeof na_words / sizeof *na_words; i++) {
			size_t n = kept_chars(na_words[i], SIZE_MAX);
			if (n > longest)
				longest = n;
		}
	return kept_chars(text, longest + 1) > longest;
}

bool units_is_na(const char *s)
{
	for (size_t i = 0; i < sizeof na_words / sizeof *na_words; i++)
		if (strcmp(s, na_words[i]) == 0)
			return true;
	return false;
}
