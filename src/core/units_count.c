/* Counts: 3, 3回, 7世代, 三世代, 二十世代, 14回分, 1-3件. The counter word is
 * kept for the reading ("7 generations"). */
#include <config.h>

#include <string.h>

#include "i18n.h"
#include "units_internal.h"

const counter_info units_counter_table[COUNTER_COUNT] = {
	[COUNTER_NONE] = {NULL, NULL, NULL},
	[COUNTER_TIMES] = {"times", NP_("%s time", "%s times")},
	/* TRANSLATORS: 14回分: fourteen runs' worth (of backups) */
	[COUNTER_RUNS_WORTH] = {"runs-worth", NP_("%s run's worth", "%s runs' worth")},
	[COUNTER_CASES] = {"cases", NP_("%s case", "%s cases")},
	[COUNTER_GENERATIONS] = {"generations", NP_("%s generation", "%s generations")},
	[COUNTER_PEOPLE] = {"people", NP_("%s person", "%s people")},
	[COUNTER_USERS] = {"users", NP_("%s user", "%s users")},
	[COUNTER_ITEMS] = {"items", NP_("%s item", "%s items")},
	/* TRANSLATORS: 台: machines, appliances */
	[COUNTER_DEVICES] = {"devices", NP_("%s device", "%s devices")},
};

static const unit_word counter_words[] = {
	{"回", COUNTER_TIMES}, {"times", COUNTER_TIMES}, {"time", COUNTER_TIMES},
	{"回分", COUNTER_RUNS_WORTH},
	{"件", COUNTER_CASES}, {"cases", COUNTER_CASES}, {"case", COUNTER_CASES},
	{"世代", COUNTER_GENERATIONS}, {"世代分", COUNTER_GENERATIONS},
	{"generations", COUNTER_GENERATIONS}, {"generation", COUNTER_GENERATIONS},
	{"人", COUNTER_PEOPLE}, {"名", COUNTER_PEOPLE}, {"people", COUNTER_PEOPLE},
	{"persons", COUNTER_PEOPLE}, {"person", COUNTER_PEOPLE},
	{"users", COUNTER_USERS}, {"user", COUNTER_USERS},
	{"個", COUNTER_ITEMS}, {"items", COUNTER_ITEMS}, {"item", COUNTER_ITEMS},
	{"台", COUNTER_DEVICES}, {"devices", COUNTER_DEVICES}, {"device", COUNTER_DEVICES},
};

const char *units_counter_id(counter c) { return units_counter_table[c].id; }

/* A figure and its counter, if any; kanji only with a counter (三世代, not 三:
 * 十分 is "enough", 一部 "some"). */
static bool parse_figure(const char **p, double *n, int *ctr)
{
	const char *s = *p;
	bool kanji = !units_is_digit(*s);
	if (!units_parse_number(&s, NUM_KANJI, n))
		return false;
	*ctr = COUNTER_NONE;
	units_match_word(&s, counter_words, N_WORDS(counter_words), ctr);
	if (kanji && *ctr == COUNTER_NONE)
		return false;
	*p = s;
	return true;
}

bool units_parse_count(const char *s, bool strict, typed_value *v)
{
	const char *start = s;
	double a, b;
	int ca, cb = COUNTER_NONE;
	if (!parse_figure(&s, &a, &ca))
		goto bad;
	if (*s == '-') {
		s++;
		if (!parse_figure(&s, &b, &cb) || b < a)
			goto bad;
		/* 1-3件: the counter said once; 3回-5件: two things */
		if (ca != COUNTER_NONE && cb != COUNTER_NONE && ca != cb)
			return false;
		v->range = true;
		v->lo = a;
		v->hi = b;
		v->num = b;
	} else
		v->num = a;
	if (*s)
		goto bad;
	v->counter = (counter)(cb != COUNTER_NONE ? cb : ca);
	return !strict || v->counter != COUNTER_NONE;
bad:
	for (const char *p = start; p; p = strchr(p, '-'), p = p ? p + 1 : NULL)
		if (units_at_vague(p)) {
			v->why = WHY_VAGUE;
			break;
		}
	return false;
}
