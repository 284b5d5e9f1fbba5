/* Numbers as people write them in check sheets: 1,000, 1.5 and, where a
 * counter word follows, kanji numerals (三世代, 二十世代, 週一回). Vague
 * figures (数, 何, 若干) are never numbers: a guess would look like a value. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "units_internal.h"

bool units_is_digit(char c) { return c >= '0' && c <= '9'; }

bool units_match_word(const char **p, const unit_word *w, size_t n, int *value)
{
	size_t best = 0;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(w[i].text);
		if (l > best && strncmp(*p, w[i].text, l) == 0) {
			best = l;
			v = w[i].value;
		}
	}
	if (!best)
		return false;
	*p += best;
	if (value)
		*value = v;
	return true;
}

bool units_match_lit(const char **p, const char *lit)
{
	size_t l = strlen(lit);
	if (strncmp(*p, lit, l) != 0)
		return false;
	*p += l;
	return true;
}

const char *units_match_any(const char **p, const char *const *lits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (units_match_lit(p, lits[i]))
			return lits[i];
	return NULL;
}

static const char *const vague_words[] = {"数", "何", "若干", "several", "afew"};

bool units_at_vague(const char *p)
{
	return units_match_any(&p, vague_words, N_WORDS(vague_words)) != NULL;
}

/* 一..九 are digits, 十 百 千 multiply the digit before them (or 1). */
static const unit_word kanji_digits[] = {
	{"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5},
	{"六", 6}, {"七", 7}, {"八", 8}, {"九", 9},
};
static const unit_word kanji_powers[] = {{"十", 10}, {"百", 100}, {"千", 1000}};

bool units_at_kanji_digit(const char *p)
{
	return units_match_word(&p, kanji_digits, N_WORDS(kanji_digits), NULL) ||
	       units_match_word(&p, kanji_powers, N_WORDS(kanji_powers), NULL);
}

/* 二十三, 百五, 千: powers in falling order, each at most once. Digits side
 * by side (二三: "two or three") are not a number. */
static bool parse_kanji(const char **p, double *out)
{
	const char *s = *p;
	int total = 0, last_power = 10000;
	bool any = false;
	for (;;) {
		int d = 0, pw = 0;
		const char *q = s;
		bool digit = units_match_word(&q, kanji_digits, N_WORDS(kanji_digits), &d);
		if (units_match_word(&q, kanji_powers, N_WORDS(kanji_powers), &pw)) {
			if (pw >= last_power)
				return false;
			total += (digit ? d : 1) * pw;
			last_power = pw;
			any = true;
			s = q;
			continue;
		}
		if (digit) {
			/* the ones: the last figure */
			total += d;
			any = true;
			s = q;
			if (units_at_kanji_digit(s))
				return false;
		}
		break;
	}
	if (!any)
		return false;
	*out = total;
	*p = s;
	return true;
}

bool units_parse_number(const char **p, unsigned flags, double *out)
{
	const char *s = *p;
	if ((flags & NUM_KANJI) && parse_kanji(&s, out)) {
		/* 三1 or 1三: not a number */
		if (units_is_digit(*s))
			return false;
		*p = s;
		return true;
	}
	if (!units_is_digit(*s) && !((flags & NUM_DECIMAL) && *s == '.' && units_is_digit(s[1])))
		return false;
	char buf[64];
	size_t n = 0;
	while (n < sizeof buf - 1) {
		if (units_is_digit(*s) || *s == '.') {
			if (*s == '.' && !units_is_digit(s[1]))
				break;
			buf[n++] = *s++;
		} else if (*s == ',' && units_is_digit(s[1]) && units_is_digit(s[2]) &&
			   units_is_digit(s[3]) && !units_is_digit(s[4]))
			s++;
		else
			break;
	}
	buf[n] = '\0';
	if (strchr(buf, '.') != strrchr(buf, '.'))
		return false;
	if (!(flags & NUM_DECIMAL) && strchr(buf, '.'))
		return false;
	char *end;
	*out = strtod(buf, &end);
	if (*end || !isfinite(*out))
		return false;
	/* 3十: digits then kanji */
	if (units_at_kanji_digit(s))
		return false;
	*p = s;
	return true;
}
