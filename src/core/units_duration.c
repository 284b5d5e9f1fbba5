/* Durations: 30秒, 1時間30分, 1-5分, 数秒～5分, 1営業日, 無期限. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "units_internal.h"

/* "No limit" is a bound of its own (+inf), never a large number. */
static const char *const unlimited_words[] = {
	"無期限", "無制限", "期限なし", "期限無し", "制限なし", "制限無し",
	"unlimited", "indefinitely", "indefinite", "nolimit",
};

/* Only the lower figure of a range may be "a few": 数秒～5分 keeps its
 * upper figure; 数秒 alone would be a guess. */
static const char *const few_words[] = {"数", "afew", "several"};

/* 1時間30分: parts in falling scale. A bare number comes back with scale
 * -1: the caller gives it the range's or the item's default scale. */
static bool parse_part(const char **p, bool allow_few, double *secs, int *scale, bool *explicit_scale,
		       bool *several)
{
	const char *s = *p;
	double total = 0, n;
	int last = SCALE_COUNT, sc = -1;
	bool any = false;
	if (allow_few && units_match_any(&s, few_words, N_WORDS(few_words))) {
		/* "a few" is at least two */
		if (!units_match_word(&s, units_scale_words, units_n_scale_words, &sc))
			return false;
		*secs = 2 * scale_table[sc].seconds;
		*scale = sc;
		*explicit_scale = *several = true;
		*p = s;
		return true;
	}
	while (units_parse_number(&s, NUM_DECIMAL, &n)) {
		int k;
		if (units_match_word(&s, units_scale_words, units_n_scale_words, &k)) {
			if (any && (k >= last || k == SCALE_BD))
				return false;
			last = k;
			if (sc < 0)
				sc = k;
			total += n * scale_table[k].seconds;
			*explicit_scale = true;
			any = true;
			continue;
		}
		if (any)
			return false;
		/* a bare number: its scale comes later (range) or by default */
		*secs = n;
		*scale = -1;
		*p = s;
		return true;
	}
	if (!any)
		return false;
	*secs = total;
	*scale = sc;
	*p = s;
	return true;
}

static bool parse_unlimited(const char *s, typed_value *v)
{
	const char *p = s;
	if (!units_match_any(&p, unlimited_words, N_WORDS(unlimited_words)) || *p)
		return false;
	/* 約無期限, 最大無期限: not a statement anyone can hold to */
	if (v->bound != BOUND_NONE || v->stat != STAT_NONE)
		return false;
	v->unlimited = true;
	v->num = INFINITY;
	return true;
}

bool units_parse_duration(const char *s, int default_scale, bool strict, typed_value *v)
{
	double a, b = 0;
	int sa, sb = -1;
	bool explicit_scale = false, several = false;
	if (!strict && parse_unlimited(s, v))
		return true;
	const char *start = s;
	if (!parse_part(&s, true, &a, &sa, &explicit_scale, &several))
		goto bad;
	bool range = false;
	if (*s == '-') {
		s++;
		if (!parse_part(&s, false, &b, &sb, &explicit_scale, NULL))
			goto bad;
		range = true;
	}
	if (*s || (several && !range))
		goto bad;
	if (strict && !explicit_scale)
		return false;
	int fallback = range && sb >= 0 ? sb : default_scale;
	if (sa < 0) {
		if (fallback < 0)
			return false;
		a *= scale_table[fallback].seconds;
		sa = fallback;
	}
	if (range && sb < 0) {
		if (default_scale < 0)
			return false;
		b *= scale_table[default_scale].seconds;
		sb = default_scale;
	}
	/* 24時間（営業日換算）: hours of business time, not of the clock */
	if (v->clock_stops && (sa != SCALE_BD || (range && sb != SCALE_BD))) {
		v->why = WHY_CLOCK_STOPS;
		return false;
	}
	v->several = several;
	v->scale = range ? sb : sa;
	v->lo_scale = sa;
	if (range) {
		if (b < a)
			return false;
		v->range = true;
		v->lo = a;
		v->hi = b;
		v->num = b;
	} else
		v->num = a;
	return true;
bad:
	/* 数時間, 5分～数十分: a vague figure where a number belongs */
	for (const char *p = start; p; p = strchr(p, '-'), p = p ? p + 1 : NULL)
		if (units_at_vague(p)) {
			v->why = WHY_VAGUE;
			break;
		}
	return false;
}
