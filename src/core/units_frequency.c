/* Frequencies as people write them: 毎日, 年2回, 年に2回, 半期に一度, 週一回,
 * 2週間に1回, 隔週, 3日ごと, once a week, twice a year, every 2 weeks, 2回/年.
 * The meaning is `times` per `period` seconds, or continuous / on demand. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "units_internal.h"

enum { ON_DEMAND = -1, CONTINUOUS = -2 };

#define DAY ((int)FREQ_DAY)
#define WEEK ((int)FREQ_WEEK)
#define MONTH ((int)FREQ_MONTH)
#define QUARTER ((int)FREQ_QUARTER)
#define HALF ((int)FREQ_HALF_YEAR)
#define YEAR ((int)FREQ_YEAR)

double units_freq_scale_seconds(int scale)
{
	return scale == SCALE_MON ? FREQ_MONTH : scale_table[scale].seconds;
}

/* The whole value in one word: once per period (or a kind). */
static const unit_word whole_words[] = {
	{"随時", ON_DEMAND}, {"都度", ON_DEMAND}, {"必要時", ON_DEMAND}, {"必要に応じて", ON_DEMAND},
	{"ondemand", ON_DEMAND}, {"asneeded", ON_DEMAND}, {"anytime", ON_DEMAND},
	{"常時", CONTINUOUS}, {"リアルタイム", CONTINUOUS}, {"realtime", CONTINUOUS},
	{"real-time", CONTINUOUS}, {"continuous", CONTINUOUS}, {"continuously", CONTINUOUS},
	{"always", CONTINUOUS},
	{"毎時", 3600}, {"毎時間", 3600}, {"hourly", 3600},
	{"毎日", DAY}, {"日次", DAY}, {"daily", DAY}, {"everyday", DAY},
	{"隔日", 2 * DAY}, {"everyotherday", 2 * DAY},
	{"毎週", WEEK}, {"週次", WEEK}, {"weekly", WEEK},
	{"隔週", 2 * WEEK}, {"fortnightly", 2 * WEEK}, {"everyotherweek", 2 * WEEK},
	{"毎月", MONTH}, {"月次", MONTH}, {"monthly", MONTH},
	{"隔月", 2 * MONTH}, {"everyothermonth", 2 * MONTH},
	{"四半期", QUARTER}, {"四半期ごと", QUARTER}, {"四半期毎", QUARTER}, {"毎四半期", QUARTER},
	{"quarterly", QUARTER},
	{"半期", HALF}, {"半年", HALF}, {"半年ごと", HALF}, {"半期ごと", HALF}, {"半年毎", HALF},
	{"半期毎", HALF}, {"semiannually", HALF}, {"half-yearly", HALF}, {"halfyearly", HALF},
	{"毎年", YEAR}, {"年次", YEAR}, {"annually", YEAR}, {"yearly", YEAR},
	{"隔年", 2 * YEAR}, {"everyotheryear", 2 * YEAR},
};

/* A period before "N回": 年2回, 1日3回, 2週間に1回, 半期に一度. */
enum { NUM_NO, NUM_MAY, NUM_MUST };
typedef struct jp_period {
	const char *text;
	double seconds;
	int number; /* may a count of periods stand before it: 2週間, not 2月 (February) */
} jp_period;

static const jp_period jp_periods[] = {
	{"毎年", FREQ_YEAR, NUM_NO}, {"年", FREQ_YEAR, NUM_MAY}, {"年間", FREQ_YEAR, NUM_MAY},
	{"半年", FREQ_HALF_YEAR, NUM_NO}, {"半期", FREQ_HALF_YEAR, NUM_NO},
	{"四半期", FREQ_QUARTER, NUM_NO}, {"毎四半期", FREQ_QUARTER, NUM_NO},
	{"毎月", FREQ_MONTH, NUM_NO}, {"月", FREQ_MONTH, NUM_NO},
	{"ヶ月", FREQ_MONTH, NUM_MUST}, {"ヶ月間", FREQ_MONTH, NUM_MUST}, {"か月", FREQ_MONTH, NUM_MUST},
	{"か月間", FREQ_MONTH, NUM_MUST}, {"カ月", FREQ_MONTH, NUM_MUST}, {"ヵ月", FREQ_MONTH, NUM_MUST},
	{"ケ月", FREQ_MONTH, NUM_MUST}, {"箇月", FREQ_MONTH, NUM_MUST},
	{"毎週", FREQ_WEEK, NUM_NO}, {"週", FREQ_WEEK, NUM_MAY}, {"週間", FREQ_WEEK, NUM_MUST},
	{"毎日", FREQ_DAY, NUM_NO}, {"日", FREQ_DAY, NUM_MAY}, {"日間", FREQ_DAY, NUM_MUST},
	{"毎時", FREQ_HOUR, NUM_NO}, {"時間", FREQ_HOUR, NUM_MUST},
	{"分", 60, NUM_MUST}, {"分間", 60, NUM_MUST},
};

static const char *const jp_joiners[] = {"ごとに", "毎に", "あたり", "当たり", "につき", "に", "で"};

/* 毎週月曜, every Monday: once a week */
static const char *const weekly_on[] = {"毎週", "every"};
static const char *const weekday_names[] = {
	"月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日",
	"月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};
static const char *const times_words[] = {"回", "度"};

/* Periods in English words, and the Japanese ones after a slash (2回/年). */
static const unit_word en_periods[] = {
	{"years", YEAR}, {"year", YEAR}, {"yr", YEAR}, {"quarters", QUARTER}, {"quarter", QUARTER},
	{"months", MONTH}, {"month", MONTH}, {"fortnight", 2 * WEEK}, {"weeks", WEEK}, {"week", WEEK},
	{"days", DAY}, {"day", DAY}, {"hours", 3600}, {"hour", 3600}, {"hr", 3600},
	{"minutes", 60}, {"minute", 60}, {"mins", 60}, {"min", 60}, {"seconds", 1}, {"second", 1},
	{"年", YEAR}, {"月", MONTH}, {"週", WEEK}, {"日", DAY}, {"時間", 3600},
};

static const unit_word en_times[] = {{"once", 1}, {"twice", 2}, {"thrice", 3}};
static const char *const en_times_words[] = {"times", "time", "x", "回"};
/* "an" before "a": the first match is taken */
static const char *const en_joiners[] = {"every", "each", "per", "/", "an", "a"};

/* After an interval: 3日ごと, 5分毎, 1時間間隔, 10分おき */
static const char *const interval_words[] = {"ごとに", "ごと", "毎に", "毎", "間隔で", "間隔", "おきに", "おき"};

/* Words that say "now and then" and no more. */
static const char *const vague_words[] = {
	"数", "何", "若干", "時々", "ときどき", "適宜", "定期", "不定期", "随意",
	"regularly", "periodically", "occasionally", "sometimes", "several", "afew",
};

static bool set_periodic(typed_value *v, double times, double period)
{
	if (!(times >= 1) || times != floor(times) || !(period > 0) || !isfinite(period))
		return false;
	v->freq = FREQ_PERIODIC;
	v->times = times;
	v->period = period;
	return true;
}

/* N回, 一度: a whole number of times, at least one. */
static bool parse_jp_times(const char **p, double *n)
{
	const char *s = *p;
	if (!units_parse_number(&s, NUM_KANJI, n) || !units_match_any(&s, times_words, N_WORDS(times_words)))
		return false;
	*p = s;
	return true;
}

/* [M] PERIOD: 年, 半期, 2週間, 3ヶ月. M in kanji before 分 is refused: 十分
 * is also "enough". */
static const jp_period *match_jp_period(const char *s)
{
	const jp_period *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < N_WORDS(jp_periods); i++) {
		size_t l = strlen(jp_periods[i].text);
		if (l > best_len && strncmp(s, jp_periods[i].text, l) == 0) {
			best = &jp_periods[i];
			best_len = l;
		}
	}
	return best;
}

static bool parse_jp_period(const char **p, double *secs, typed_value *v)
{
	const char *s = *p;
	double m = 1;
	bool has_m = false, kanji = false;
	/* 四半期 before 四 + 半期 */
	const jp_period *per = match_jp_period(s);
	if (!per && (units_is_digit(*s) || units_at_kanji_digit(s))) {
		kanji = !units_is_digit(*s);
		if (!units_parse_number(&s, NUM_DECIMAL | NUM_KANJI, &m) || !(m > 0))
			return false;
		has_m = true;
		per = match_jp_period(s);
	}
	if (!per || (per->number == NUM_NO && has_m) || (per->number == NUM_MUST && !has_m))
		return false;
	if (kanji && per->seconds == 60) {
		v->why = WHY_AMBIGUOUS;
		return false;
	}
	*secs = m * per->seconds;
	*p = s + strlen(per->text);
	return true;
}

/* 年2回, 年に2回, 1日3回, 半期に一度, 2週間に1回 */
static bool parse_jp_per_period(const char *s, typed_value *v)
{
	double period, n;
	if (!parse_jp_period(&s, &period, v))
		return false;
	units_match_any(&s, jp_joiners, N_WORDS(jp_joiners));
	return parse_jp_times(&s, &n) && !*s && set_periodic(v, n, period);
}

/* 3日ごと, 5分毎, 1時間間隔, 毎3日, 3日ごとに1回; おき with days and longer
 * is refused: 1日おき is every other day to some, every day to others. */
static bool parse_interval(const char *s, typed_value *v)
{
	double m = 1, n = 1;
	int sc;
	bool every_first = units_match_lit(&s, "毎");
	bool kanji = !units_is_digit(*s);
	bool has_m = units_parse_number(&s, NUM_DECIMAL | NUM_KANJI, &m);
	if (!every_first && !has_m)
		return false;
	if (!units_match_word(&s, units_scale_words, units_n_scale_words, &sc) || sc == SCALE_BD || !(m > 0))
		return false;
	if (has_m && kanji && sc == SCALE_MIN) {
		v->why = WHY_AMBIGUOUS;
		return false;
	}
	if (!every_first) {
		const char *w = units_match_any(&s, interval_words, N_WORDS(interval_words));
		if (!w)
			return false;
		if (strncmp(w, "おき", strlen("おき")) == 0 && sc >= SCALE_D) {
			v->why = WHY_AMBIGUOUS;
			return false;
		}
		if (*s && (!parse_jp_times(&s, &n) || *s))
			return false;
	} else if (*s)
		return false;
	return set_periodic(v, n, m * units_freq_scale_seconds(sc));
}

/* [every|each] [M|other] PERIOD, after "once a" or alone: every 2 weeks */
static bool parse_en_period(const char **p, bool may_count, double *secs)
{
	const char *s = *p;
	double m = 1;
	int k;
	if (may_count) {
		if (units_match_lit(&s, "other"))
			m = 2;
		else
			(void)units_parse_number(&s, NUM_DECIMAL, &m);
	}
	if (!(m > 0) || !units_match_word(&s, en_periods, N_WORDS(en_periods), &k))
		return false;
	*secs = m * k;
	*p = s;
	return true;
}

/* once a week, twice a year, 3 times a month, 2回/年, 1/day, once every 2
 * weeks, every 3 days */
static bool parse_english(const char *s, typed_value *v)
{
	double n = 1, period;
	int k;
	const char *joiner;
	if (units_match_word(&s, en_times, N_WORDS(en_times), &k)) {
		n = k;
		joiner = units_match_any(&s, en_joiners, N_WORDS(en_joiners));
	} else if (units_parse_number(&s, 0, &n)) {
		units_match_any(&s, en_times_words, N_WORDS(en_times_words));
		joiner = units_match_any(&s, en_joiners, N_WORDS(en_joiners));
	} else {
		n = 1;
		joiner = units_match_lit(&s, "every") ? "every" : NULL;
	}
	if (!joiner)
		return false;
	bool every = strcmp(joiner, "every") == 0;
	return parse_en_period(&s, every, &period) && !*s && set_periodic(v, n, period);
}

static bool vague(const char *s)
{
	for (size_t i = 0; i < N_WORDS(vague_words); i++)
		if (strstr(s, vague_words[i]))
			return true;
	return false;
}

bool units_parse_frequency(const char *s, typed_value *v)
{
	const char *p = s;
	int k;
	if (units_match_word(&p, whole_words, N_WORDS(whole_words), &k) && !*p) {
		if (k == ON_DEMAND)
			v->freq = FREQ_ON_DEMAND;
		else if (k == CONTINUOUS)
			v->freq = FREQ_CONTINUOUS;
		else
			return set_periodic(v, 1, k);
		return true;
	}
	p = s;
	if (units_match_any(&p, weekly_on, N_WORDS(weekly_on)) &&
	    units_match_any(&p, weekday_names, N_WORDS(weekday_names)) && !*p)
		return set_periodic(v, 1, WEEK);
	if (parse_jp_per_period(s, v) || parse_interval(s, v) || parse_english(s, v))
		return true;
	if (v->why == WHY_NONE && vague(s))
		v->why = WHY_VAGUE;
	return false;
}
