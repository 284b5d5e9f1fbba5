/* Time windows: 24時間365日, 平日 9:00-18:00 JST, 月～金 9時-17時, Mon-Fri
 * 9am-6pm, weekdays 9:00-17:30, 平日 22:00-6:00 (overnight: it ends on the
 * next day). Days not stated (9:00-18:00) stay not stated: never "every day". */
#include <config.h>

#include <string.h>

#include "units_internal.h"

static const char *const always_words[] = {
	"24時間365日", "365日24時間", "24/365", "24x7", "24×7", "24/7", "24*7", "24h365d", "24h/365d",
	"24時間/365日", "24時間年中無休", "年中無休24時間", "24時間", "24h", "24hours", "常時", "always",
	"24時間365日対応", "24時間対応",
};

static const unit_word day_words[] = {
	{"平日", DAYS_WEEKDAYS}, {"weekdays", DAYS_WEEKDAYS}, {"weekday", DAYS_WEEKDAYS},
	{"毎日", DAYS_ALL}, {"全日", DAYS_ALL}, {"daily", DAYS_ALL}, {"everyday", DAYS_ALL},
	{"年中無休", DAYS_ALL},
	{"休日", DAY_SAT | DAY_SUN | DAY_HOL}, {"土日祝日", DAY_SAT | DAY_SUN | DAY_HOL},
	{"祝日", DAY_HOL}, {"祝祭日", DAY_HOL}, {"祝", DAY_HOL}, {"holidays", DAY_HOL},
	{"holiday", DAY_HOL}, {"weekends", DAY_SAT | DAY_SUN}, {"weekend", DAY_SAT | DAY_SUN},
	{"月曜日", DAY_MON}, {"月曜", DAY_MON}, {"月", DAY_MON},
	{"火曜日", DAY_TUE}, {"火曜", DAY_TUE}, {"火", DAY_TUE},
	{"水曜日", DAY_WED}, {"水曜", DAY_WED}, {"水", DAY_WED},
	{"木曜日", DAY_THU}, {"木曜", DAY_THU}, {"木", DAY_THU},
	{"金曜日", DAY_FRI}, {"金曜", DAY_FRI}, {"金", DAY_FRI},
	{"土曜日", DAY_SAT}, {"土曜", DAY_SAT}, {"土", DAY_SAT},
	{"日曜日", DAY_SUN}, {"日曜", DAY_SUN}, {"日", DAY_SUN},
	{"monday", DAY_MON}, {"mon", DAY_MON}, {"tuesday", DAY_TUE}, {"tue", DAY_TUE},
	{"wednesday", DAY_WED}, {"wed", DAY_WED}, {"thursday", DAY_THU}, {"thu", DAY_THU},
	{"friday", DAY_FRI}, {"fri", DAY_FRI}, {"saturday", DAY_SAT}, {"sat", DAY_SAT},
	{"sunday", DAY_SUN}, {"sun", DAY_SUN},
};

static const char *const day_joiners[] = {"・", "/", "、", ",", "and", "及び", "および"};
static const char *const window_joiners[] = {",", "、", ";", "/", "・"};
static const char *const all_day_words[] = {"24時間", "24h", "終日", "allday"};

static int single_day_index(unsigned bits)
{
	for (int i = 0; i < 7; i++)
		if (bits == 1u << i)
			return i;
	return -1;
}

static bool parse_days(const char **p, unsigned *days)
{
	const char *s = *p;
	unsigned acc = 0;
	int k;
	bool any = false;
	while (units_match_word(&s, day_words, N_WORDS(day_words), &k)) {
		any = true;
		const char *q = s;
		int k2;
		int a = single_day_index((unsigned)k);
		if (a >= 0 && *q == '-' && (q++, units_match_word(&q, day_words, N_WORDS(day_words), &k2)) &&
		    single_day_index((unsigned)k2) >= 0) {
			int b = single_day_index((unsigned)k2);
			for (int d = a;; d = (d + 1) % 7) {
				acc |= 1u << d;
				if (d == b)
					break;
			}
			s = q;
		} else
			acc |= (unsigned)k;
		const char *r = s;
		if (units_match_any(&r, day_joiners, N_WORDS(day_joiners)) &&
		    units_match_word(&(const char *){r}, day_words, N_WORDS(day_words), NULL))
			s = r;
	}
	if (!any)
		return false;
	*days = acc;
	*p = s;
	return true;
}

/* How a time of day was written: 17 alone says little, 17:00 or 5pm much. */
enum clock_mark { CLOCK_BARE, CLOCK_MARKED, CLOCK_MERIDIEM };

static const unit_word meridiem_after[] = {{"a.m.", 0}, {"a.m", 0}, {"am", 0},
					   {"p.m.", 12}, {"p.m", 12}, {"pm", 12}};
static const unit_word meridiem_before[] = {{"午前", 0}, {"午後", 12}};

/* 9:00, 9時, 9時30分, 9時半, 9am, 6:30 p.m., 午後6時, 17 (hours), 24:00 */
static bool parse_clock(const char **p, int *minutes, enum clock_mark *mark)
{
	const char *s = *p;
	double h, m = 0;
	int half = -1;
	units_match_word(&s, meridiem_before, N_WORDS(meridiem_before), &half);
	if (!units_parse_number(&s, 0, &h) || h > 24)
		return false;
	*mark = CLOCK_BARE;
	if (units_match_lit(&s, ":")) {
		if (!units_is_digit(s[0]) || !units_is_digit(s[1]) || !units_parse_number(&s, 0, &m) || m > 59)
			return false;
		*mark = CLOCK_MARKED;
	} else if (units_match_lit(&s, "時")) {
		if (units_is_digit(*s)) {
			if (!units_parse_number(&s, 0, &m) || m > 59 || !units_match_lit(&s, "分"))
				return false;
		} else if (units_match_lit(&s, "半"))
			m = 30;
		*mark = CLOCK_MARKED;
	}
	if (half < 0)
		units_match_word(&s, meridiem_after, N_WORDS(meridiem_after), &half);
	if (half >= 0) {
		/* 12-hour clock: 12am is midnight, 12pm noon */
		if (h < 1 || h > 12)
			return false;
		h = (h == 12 ? 0 : h) + half;
		*mark = CLOCK_MERIDIEM;
	}
	if (h * 60 + m > 1440)
		return false;
	*minutes = (int)(h * 60 + m);
	*p = s;
	return true;
}

static const char *const tz_words[] = {"日本時間", "jst", "utc", "gmt", "ist", "cet", "pst", "est"};

static bool parse_tz(const char **p, char *tz, size_t tzlen)
{
	const char *s = *p, *start = s;
	bool word = units_match_any(&s, tz_words, N_WORDS(tz_words)) != NULL;
	if (*s == '+' || (*s == '-' && word)) {
		s++;
		double h;
		if (!units_parse_number(&s, 0, &h) || h > 14)
			return false;
		if (units_match_lit(&s, ":")) {
			double m;
			if (!units_parse_number(&s, 0, &m))
				return false;
		}
	} else if (!word)
		return false;
	size_t n = (size_t)(s - start);
	if (n >= tzlen)
		n = tzlen - 1;
	memcpy(tz, start, n);
	tz[n] = '\0';
	*p = s;
	return true;
}

/* HH:MM-HH:MM; false with v->why set when the two ends disagree on the clock
 * (9-6pm: 9am or 9pm?). */
static bool parse_span(const char **p, bool have_days, time_window *w, typed_value *v)
{
	const char *s = *p;
	enum clock_mark m1, m2;
	if (!parse_clock(&s, &w->start, &m1) || !units_match_lit(&s, "-") || !parse_clock(&s, &w->end, &m2))
		return false;
	if (m1 == CLOCK_BARE && m2 == CLOCK_BARE && !have_days)
		return false;
	if ((m1 == CLOCK_BARE && m2 == CLOCK_MERIDIEM) || (m1 == CLOCK_MERIDIEM && m2 == CLOCK_BARE)) {
		v->why = WHY_AMBIGUOUS;
		return false;
	}
	if (w->start == w->end || w->start == 1440)
		return false;
	/* 22:00-0:00 ends at midnight, not at the start of the day */
	if (w->end == 0)
		w->end = 1440;
	*p = s;
	return true;
}

bool units_parse_window(const char *s, typed_value *v)
{
	for (size_t i = 0; i < N_WORDS(always_words); i++)
		if (strcmp(s, always_words[i]) == 0) {
			v->always = true;
			return true;
		}
	while (*s) {
		if (v->n_windows == UNITS_MAX_WINDOWS)
			return false;
		time_window *w = &v->windows[v->n_windows];
		unsigned days = 0;
		bool have_days = parse_days(&s, &days);
		w->days = have_days ? days : 0;
		if (have_days && units_match_any(&s, all_day_words, N_WORDS(all_day_words))) {
			w->start = 0;
			w->end = 1440;
		} else if (!parse_span(&s, have_days, w, v))
			return false;
		v->n_windows++;
		parse_tz(&s, v->tz, sizeof v->tz);
		if (!*s)
			break;
		if (!units_match_any(&s, window_joiners, N_WORDS(window_joiners)))
			return false;
	}
	return v->n_windows > 0;
}
