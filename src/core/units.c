#include <config.h>

#include "units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

const unit_info unit_table[UNIT_KIND_COUNT] = {
	[UNIT_YES_NO] = {"yes-no", N_("yes or no"),
			 N_("有, 無, あり, なし, はい, いいえ, ○, ×, yes, no, 一部 (partial), 非公開 (undisclosed), 該当なし (n/a)"),
			 false, false},
	[UNIT_PERCENT] = {"percent", N_("a percentage"),
			  N_("99.9%, 99.95 ％, 目標99.9%以上, 約99% (a bare number means %)"), true, true},
	[UNIT_DURATION] = {"duration", N_("a duration"),
			   N_("a number and a scale: 30秒, 10分, 24時間, 1日, 1営業日, 2週間, 3ヶ月, 1年 (s, min, h, d, business days, weeks, months, years); 平均10分以内, 1-5分"),
			   true, true},
	[UNIT_TIME_WINDOW] = {"time-window", N_("a time window"),
			      N_("24時間365日, 24/365, 24x7, 常時, or days and hours: 平日 9:00-17:00, 毎日 8:00-20:00 JST, 月-金 10:00-16:00, weekdays 9:00-18:00"),
			      false, false},
	[UNIT_COUNT] = {"count", N_("a count"), N_("a whole number: 3, 3回, 5件, 7世代, 10人; 3世代以上"),
			true, true},
	[UNIT_FREQUENCY] = {"frequency", N_("a frequency"),
			    N_("随時, 常時, リアルタイム, 毎日, 毎週, 毎月, 四半期, 半年, 毎年, 年2回, 週1回, 3日ごと, daily, weekly, monthly"),
			    false, true},
	[UNIT_TEXT] = {"text", N_("a text"), N_("any text"), false, false},
	[UNIT_CHOICE] = {"choice", N_("a choice"), N_("one of the listed options, by id or label"), false,
			 false},
	[UNIT_TABLE] = {"table", N_("a table"), N_("rows with the listed columns"), false, false},
};

const scale_info scale_table[SCALE_COUNT] = {
	[SCALE_S] = {"s", 1, N_("s")},
	[SCALE_MIN] = {"min", 60, N_("min")},
	[SCALE_H] = {"h", 3600, N_("h")},
	[SCALE_D] = {"d", 86400, N_("days")},
	[SCALE_BD] = {"bd", 86400, N_("business days")},
	[SCALE_W] = {"w", 604800, N_("weeks")},
	[SCALE_MON] = {"mon", 2592000, N_("months")},
	[SCALE_Y] = {"y", 31536000, N_("years")},
};

bool units_lookup(const char *id, unit_kind *out)
{
	for (int i = 0; i < UNIT_KIND_COUNT; i++)
		if (strcmp(unit_table[i].id, id) == 0) {
			*out = (unit_kind)i;
			return true;
		}
	return false;
}

int units_scale_lookup(const char *id)
{
	for (int i = 0; i < SCALE_COUNT; i++)
		if (strcmp(scale_table[i].id, id) == 0)
			return i;
	return -1;
}

/* Words are normalized (lower case, no spaces); the longest match wins. */
typedef struct unit_word {
	const char *text;
	int value;
} unit_word;

static const unit_word scale_words[] = {
	{"businessdays", SCALE_BD}, {"businessday", SCALE_BD}, {"営業日", SCALE_BD},
	{"seconds", SCALE_S}, {"second", SCALE_S}, {"secs", SCALE_S}, {"sec", SCALE_S},
	{"秒間", SCALE_S}, {"秒", SCALE_S}, {"s", SCALE_S},
	{"minutes", SCALE_MIN}, {"minute", SCALE_MIN}, {"mins", SCALE_MIN}, {"min", SCALE_MIN},
	{"分間", SCALE_MIN}, {"分", SCALE_MIN},
	{"hours", SCALE_H}, {"hour", SCALE_H}, {"hrs", SCALE_H}, {"hr", SCALE_H},
	{"時間", SCALE_H}, {"h", SCALE_H},
	{"days", SCALE_D}, {"day", SCALE_D}, {"日間", SCALE_D}, {"日", SCALE_D}, {"d", SCALE_D},
	{"weeks", SCALE_W}, {"week", SCALE_W}, {"週間", SCALE_W}, {"週", SCALE_W}, {"w", SCALE_W},
	{"months", SCALE_MON}, {"month", SCALE_MON}, {"ヶ月間", SCALE_MON}, {"ヶ月", SCALE_MON},
	{"か月間", SCALE_MON}, {"か月", SCALE_MON}, {"カ月", SCALE_MON}, {"ヵ月", SCALE_MON},
	{"ケ月", SCALE_MON}, {"箇月", SCALE_MON}, {"ヶ月", SCALE_MON},
	{"years", SCALE_Y}, {"year", SCALE_Y}, {"yrs", SCALE_Y}, {"yr", SCALE_Y},
	{"年間", SCALE_Y}, {"年", SCALE_Y}, {"y", SCALE_Y},
};

static const unit_word count_words[] = {
	{"回", 0}, {"件", 0}, {"世代", 0}, {"人", 0}, {"名", 0}, {"個", 0}, {"台", 0},
	{"times", 0}, {"time", 0}, {"generations", 0}, {"generation", 0}, {"users", 0},
	{"people", 0}, {"items", 0},
};

static const unit_word percent_words[] = {{"%", 0}, {"percent", 0}, {"パーセント", 0}};

static const unit_word yesno_words[] = {
	{"有", YN_YES}, {"有り", YN_YES}, {"あり", YN_YES}, {"はい", YN_YES}, {"○", YN_YES},
	{"◯", YN_YES}, {"〇", YN_YES}, {"yes", YN_YES}, {"対応", YN_YES}, {"実施", YN_YES},
	{"無", YN_NO}, {"無し", YN_NO}, {"なし", YN_NO}, {"いいえ", YN_NO}, {"×", YN_NO},
	{"✕", YN_NO}, {"no", YN_NO}, {"未対応", YN_NO}, {"未実施", YN_NO},
	{"一部", YN_PARTIAL}, {"一部有", YN_PARTIAL}, {"一部あり", YN_PARTIAL}, {"一部有り", YN_PARTIAL},
	{"partial", YN_PARTIAL}, {"partially", YN_PARTIAL},
	{"非公開", YN_UNDISCLOSED}, {"非開示", YN_UNDISCLOSED}, {"undisclosed", YN_UNDISCLOSED},
	{"notdisclosed", YN_UNDISCLOSED},
};

#define N_WORDS(a) (sizeof(a) / sizeof *(a))

static bool match_word(const char **p, const unit_word *w, size_t n, int *value)
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

static bool match_lit(const char **p, const char *lit)
{
	size_t l = strlen(lit);
	if (strncmp(*p, lit, l) != 0)
		return false;
	*p += l;
	return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* 1,000.5 or .5; "数" (several) reads as 2 and is flagged vague. */
static bool parse_number(const char **p, double *out, bool *several)
{
	const char *s = *p;
	if (match_lit(&s, "数")) {
		*out = 2;
		if (several)
			*several = true;
		*p = s;
		return true;
	}
	if (!is_digit(*s) && !(*s == '.' && is_digit(s[1])))
		return false;
	char buf[64];
	size_t n = 0;
	while (n < sizeof buf - 1) {
		if (is_digit(*s) || *s == '.') {
			if (*s == '.' && !is_digit(s[1]))
				break;
			buf[n++] = *s++;
		} else if (*s == ',' && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
			   !is_digit(s[4]))
			s++;
		else
			break;
	}
	buf[n] = '\0';
	if (strchr(buf, '.') != strrchr(buf, '.'))
		return false;
	char *end;
	*out = strtod(buf, &end);
	if (*end || !isfinite(*out))
		return false;
	*p = s;
	return true;
}

static bool parse_integer(const char **p, double *out)
{
	const char *s = *p;
	if (!parse_number(&s, out, NULL) || *out != floor(*out) || *out < 0)
		return false;
	*p = s;
	return true;
}

static void set_bounds(typed_value *v)
{
	if (v->range) {
		v->has_lo = v->has_hi = true;
		if (v->bound == BOUND_LT)
			v->hi_strict = true;
		return;
	}
	v->lo = v->hi = v->num;
	switch (v->bound) {
	case BOUND_LE: v->has_hi = true; break;
	case BOUND_LT: v->has_hi = v->hi_strict = true; break;
	case BOUND_GE: v->has_lo = true; break;
	case BOUND_GT: v->has_lo = v->lo_strict = true; break;
	case BOUND_NONE:
		if (v->stat == STAT_MAX)
			v->has_hi = true;
		else if (v->stat == STAT_MIN)
			v->has_lo = true;
		else
			v->has_lo = v->has_hi = true;
		break;
	}
}

/* One or two numbers with an optional unit word after either. */
static bool parse_simple_quantity(const char *s, const unit_word *w, size_t nw, bool need_word,
				  bool integer, typed_value *v)
{
	double a, b;
	bool word = false;
	if (!(integer ? parse_integer(&s, &a) : parse_number(&s, &a, &v->several)))
		return false;
	word |= match_word(&s, w, nw, NULL);
	if (*s == '-') {
		s++;
		if (!(integer ? parse_integer(&s, &b) : parse_number(&s, &b, NULL)) || b < a)
			return false;
		word |= match_word(&s, w, nw, NULL);
		v->range = true;
		v->lo = a;
		v->hi = b;
		v->num = b;
	} else
		v->num = a;
	return !*s && (word || !need_word);
}

/* 1時間30分: parts in falling scale. A bare number comes back with scale
 * -1: the caller gives it the range's or the item's default scale. */
static bool parse_duration_part(const char **p, double *secs, int *scale, bool *explicit_scale,
				bool *several)
{
	const char *s = *p;
	double total = 0, n;
	int last = SCALE_COUNT, sc = -1;
	bool any = false;
	while (parse_number(&s, &n, several)) {
		int k;
		if (match_word(&s, scale_words, N_WORDS(scale_words), &k)) {
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

static bool parse_duration(const char *s, int default_scale, bool need_word, typed_value *v)
{
	double a, b = 0;
	int sa, sb = -1;
	bool explicit_scale = false;
	if (!parse_duration_part(&s, &a, &sa, &explicit_scale, &v->several))
		return false;
	bool range = false;
	if (*s == '-') {
		s++;
		if (!parse_duration_part(&s, &b, &sb, &explicit_scale, NULL))
			return false;
		range = true;
	}
	if (*s)
		return false;
	if (need_word && !explicit_scale)
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
	v->scale = range ? sb : sa;
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
}

static const unit_word freq_words[] = {
	{"随時", -1}, {"都度", -1}, {"ondemand", -1}, {"asneeded", -1}, {"anytime", -1},
	{"常時", -2}, {"リアルタイム", -2}, {"realtime", -2}, {"continuous", -2},
	{"continuously", -2}, {"always", -2},
	{"毎時", 3600}, {"hourly", 3600},
	{"毎日", 86400}, {"日次", 86400}, {"daily", 86400}, {"everyday", 86400}, {"1日1回", 86400},
	{"毎週", 604800}, {"週次", 604800}, {"weekly", 604800},
	{"毎月", 2592000}, {"月次", 2592000}, {"monthly", 2592000},
	{"四半期", 7884000}, {"四半期ごと", 7884000}, {"四半期毎", 7884000}, {"quarterly", 7884000},
	{"半期", 15768000}, {"半年", 15768000}, {"半年ごと", 15768000}, {"半期ごと", 15768000},
	{"semiannually", 15768000}, {"biannually", 15768000}, {"twiceayear", 15768000},
	{"毎年", 31536000}, {"年次", 31536000}, {"annually", 31536000}, {"yearly", 31536000},
};

/* Periods that may stand before "N回": 年2回, 1日3回, 月1回. */
static const unit_word freq_periods[] = {
	{"1年", 31536000}, {"年", 31536000}, {"年間", 31536000}, {"毎年", 31536000},
	{"半年", 15768000}, {"半期", 15768000}, {"四半期", 7884000},
	{"1ヶ月", 2592000}, {"1か月", 2592000}, {"1カ月", 2592000}, {"月", 2592000}, {"毎月", 2592000},
	{"1週間", 604800}, {"週", 604800}, {"毎週", 604800},
	{"1日", 86400}, {"日", 86400}, {"毎日", 86400}, {"1時間", 3600}, {"毎時", 3600},
};

static const unit_word freq_periods_en[] = {
	{"year", 31536000}, {"month", 2592000}, {"quarter", 7884000}, {"week", 604800},
	{"day", 86400}, {"hour", 3600}, {"年", 31536000}, {"月", 2592000}, {"週", 604800},
	{"日", 86400}, {"時間", 3600},
};

static const char *const every_words[] = {"ごと", "毎", "おき", "に1回", "に一回", "間隔"};

static bool parse_frequency(const char *s, typed_value *v)
{
	const char *p = s;
	int k;
	double n;
	v->freq = FREQ_PERIODIC;
	if (match_word(&p, freq_words, N_WORDS(freq_words), &k) && !*p) {
		if (k == -1)
			v->freq = FREQ_ON_DEMAND;
		else if (k == -2)
			v->freq = FREQ_CONTINUOUS;
		else {
			v->times = 1;
			v->period = k;
		}
		return true;
	}
	/* 年2回, 1日3回 */
	p = s;
	if (match_word(&p, freq_periods, N_WORDS(freq_periods), &k) && parse_number(&p, &n, NULL) &&
	    n > 0 && match_lit(&p, "回") && !*p) {
		v->times = n;
		v->period = k;
		return true;
	}
	/* 2回/年, 3times/day, 2timesperyear, 1/day */
	p = s;
	if (parse_number(&p, &n, NULL) && n > 0) {
		const char *q = p;
		(void)(match_lit(&q, "回") || match_lit(&q, "times") || match_lit(&q, "time"));
		if (match_lit(&q, "/") || match_lit(&q, "per") || match_lit(&q, "a")) {
			if (match_word(&q, freq_periods_en, N_WORDS(freq_periods_en), &k) && !*q) {
				v->times = n;
				v->period = k;
				return true;
			}
		}
		/* 3日ごと, 5分毎, 1時間おき */
		q = p;
		int sc;
		if (match_word(&q, scale_words, N_WORDS(scale_words), &sc) && sc != SCALE_BD) {
			for (size_t i = 0; i < N_WORDS(every_words); i++) {
				const char *r = q;
				if (match_lit(&r, every_words[i]) && !*r) {
					v->times = 1;
					v->period = n * scale_table[sc].seconds;
					return true;
				}
			}
		}
	}
	/* every3days, everyhour, 毎3日 */
	p = s;
	if (match_lit(&p, "every") || match_lit(&p, "毎")) {
		double m = 1;
		parse_number(&p, &m, NULL);
		int sc;
		if (m > 0 && match_word(&p, scale_words, N_WORDS(scale_words), &sc) && sc != SCALE_BD &&
		    !*p) {
			v->times = 1;
			v->period = m * scale_table[sc].seconds;
			return true;
		}
	}
	return false;
}

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

static int single_day_index(int bits)
{
	for (int i = 0; i < 7; i++)
		if (bits == 1 << i)
			return i;
	return -1;
}

static bool parse_days(const char **p, unsigned *days)
{
	const char *s = *p;
	unsigned acc = 0;
	int k;
	bool any = false;
	while (match_word(&s, day_words, N_WORDS(day_words), &k)) {
		any = true;
		const char *q = s;
		int k2;
		int a = single_day_index(k);
		if (a >= 0 && *q == '-' && (q++, match_word(&q, day_words, N_WORDS(day_words), &k2)) &&
		    single_day_index(k2) >= 0) {
			int b = single_day_index(k2);
			for (int d = a;; d = (d + 1) % 7) {
				acc |= 1u << d;
				if (d == b)
					break;
			}
			s = q;
		} else
			acc |= (unsigned)k;
		const char *r = s;
		if ((match_lit(&r, "・") || match_lit(&r, "/") || match_lit(&r, "、") || match_lit(&r, ",") ||
		     match_lit(&r, "and") || match_lit(&r, "及び") || match_lit(&r, "および")) &&
		    match_word(&(const char *){r}, day_words, N_WORDS(day_words), NULL))
			s = r;
	}
	if (!any)
		return false;
	*days = acc;
	*p = s;
	return true;
}

/* 9:00, 9時, 9時30分, 17 (hours), 24:00 */
static bool parse_clock(const char **p, int *minutes, bool *marked)
{
	const char *s = *p;
	double h, m = 0;
	if (!parse_integer(&s, &h) || h > 24)
		return false;
	if (match_lit(&s, ":")) {
		if (!is_digit(s[0]) || !is_digit(s[1]) || !parse_integer(&s, &m) || m > 59)
			return false;
		*marked = true;
	} else if (match_lit(&s, "時")) {
		if (is_digit(*s)) {
			if (!parse_integer(&s, &m) || m > 59 || !match_lit(&s, "分"))
				return false;
		} else
			if (match_lit(&s, "半"))
				m = 30;
		*marked = true;
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
	bool word = false;
	for (size_t i = 0; i < sizeof tz_words / sizeof *tz_words; i++)
		if (match_lit(&s, tz_words[i])) {
			word = true;
			break;
		}
	if (*s == '+' || (*s == '-' && word)) {
		s++;
		double h;
		if (!parse_integer(&s, &h) || h > 14)
			return false;
		if (match_lit(&s, ":")) {
			double m;
			if (!parse_integer(&s, &m))
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

static bool parse_window(const char *s, typed_value *v)
{
	for (size_t i = 0; i < sizeof always_words / sizeof *always_words; i++)
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
		w->days = have_days ? days : DAYS_ALL;
		if (have_days && (match_lit(&s, "24時間") || match_lit(&s, "24h") || match_lit(&s, "終日") ||
				  match_lit(&s, "allday"))) {
			w->start = 0;
			w->end = 1440;
		} else {
			bool m1 = false, m2 = false;
			if (!parse_clock(&s, &w->start, &m1) || !match_lit(&s, "-") ||
			    !parse_clock(&s, &w->end, &m2))
				return false;
			if (!m1 && !m2 && !have_days)
				return false;
			if (w->start == w->end)
				return false;
		}
		v->n_windows++;
		parse_tz(&s, v->tz, sizeof v->tz);
		if (!*s)
			break;
		if (!(match_lit(&s, ",") || match_lit(&s, "、") || match_lit(&s, ";") || match_lit(&s, "/") ||
		      match_lit(&s, "・")))
			return false;
	}
	return v->n_windows > 0;
}

static bool parse_yesno(const char *s, typed_value *v)
{
	int k;
	const char *p = s;
	if (match_word(&p, yesno_words, N_WORDS(yesno_words), &k) && !*p) {
		v->yn = (yesno)k;
		return true;
	}
	return false;
}

/* Parses the stripped, normalized core of a value as unit. `strict`
 * demands a unit word, so that a bare number does not count as evidence
 * of another dimension. */
static bool parse_core(unit_kind unit, int default_scale, const char *s, bool strict, typed_value *v)
{
	switch (unit) {
	case UNIT_YES_NO:
		return parse_yesno(s, v);
	case UNIT_PERCENT:
		return parse_simple_quantity(s, percent_words, N_WORDS(percent_words), strict, false, v);
	case UNIT_DURATION:
		return parse_duration(s, strict ? -1 : default_scale, strict, v);
	case UNIT_TIME_WINDOW:
		return parse_window(s, v);
	case UNIT_COUNT:
		return parse_simple_quantity(s, count_words, N_WORDS(count_words), strict, true, v);
	case UNIT_FREQUENCY:
		return parse_frequency(s, v);
	case UNIT_TEXT:
	case UNIT_CHOICE:
	case UNIT_TABLE:
	case UNIT_KIND_COUNT:
		break;
	}
	return false;
}

static bool parse_as(unit_kind unit, int default_scale, const char *norm, bool strict, typed_value *v)
{
	memset(v, 0, sizeof *v);
	v->unit = unit;
	v->scale = -1;
	char *s = xstrdup(norm);
	units_strip_words(s, v, unit_table[unit].qualifiers);
	bool ok = *s && parse_core(unit, default_scale, s, strict, v);
	free(s);
	if (ok && unit_table[unit].qualifiers)
		set_bounds(v);
	return ok;
}

/* Units tried, in order, to say what a value that failed *is*. */
static const unit_kind mismatch_order[] = {
	UNIT_DURATION, UNIT_PERCENT, UNIT_FREQUENCY, UNIT_COUNT, UNIT_TIME_WINDOW, UNIT_YES_NO,
};

static bool only_space(const char *text)
{
	char *n = units_normalize(text);
	bool empty = !*n;
	free(n);
	return empty;
}

parse_status units_parse(unit_kind unit, int default_scale, const char *text, typed_value *out)
{
	memset(out, 0, sizeof *out);
	out->unit = unit;
	out->scale = -1;
	if (!text || only_space(text))
		return PARSE_EMPTY;
	char *norm = units_normalize(text);
	parse_status st = PARSE_BAD;
	if (units_is_na(norm)) {
		out->na = true;
		st = PARSE_OK;
	} else if (unit == UNIT_TEXT) {
		st = PARSE_OK;
	} else if (unit == UNIT_TABLE || unit == UNIT_CHOICE) {
		st = PARSE_BAD;
	} else if (parse_as(unit, default_scale, norm, false, out)) {
		st = PARSE_OK;
	} else {
		for (size_t i = 0; i < sizeof mismatch_order / sizeof *mismatch_order; i++) {
			typed_value other;
			if (mismatch_order[i] == unit)
				continue;
			if (parse_as(mismatch_order[i], -1, norm, true, &other)) {
				*out = other;
				st = PARSE_MISMATCH;
				break;
			}
		}
		if (st != PARSE_MISMATCH) {
			memset(out, 0, sizeof *out);
			out->unit = unit;
			out->scale = -1;
		}
	}
	free(norm);
	return st;
}

parse_status units_parse_item(const tmpl_item *item, const char *text, typed_value *out)
{
	if (item->unit != UNIT_CHOICE)
		return units_parse(item->unit, item->default_scale, text, out);
	parse_status st = units_parse(UNIT_CHOICE, -1, text, out);
	if (st != PARSE_BAD)
		return st;
	char *norm = units_normalize(text);
	for (size_t i = 0; i < item->n_options && st == PARSE_BAD; i++) {
		const tmpl_label *o = &item->options[i];
		char *id = units_normalize(o->id);
		if (strcmp(id, norm) == 0)
			st = PARSE_OK;
		free(id);
		for (size_t j = 0; j < o->label.n && st == PARSE_BAD; j++) {
			char *l = units_normalize(o->label.v[j].text);
			if (strcmp(l, norm) == 0)
				st = PARSE_OK;
			free(l);
		}
		if (st == PARSE_OK)
			out->choice = o->id;
	}
	free(norm);
	return st;
}
