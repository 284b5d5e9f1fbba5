#include <config.h>

#include "units_internal.h"

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
			   N_("a number and a scale: 30秒, 10分, 24時間, 1日, 1営業日, 2週間, 3ヶ月, 1年 (s, min, h, d, business days, weeks, months, years); 平均10分以内, 原則4時間以内, 数秒～5分, 無期限 (no limit)"),
			   true, true},
	[UNIT_TIME_WINDOW] = {"time-window", N_("a time window"),
			      N_("24時間365日, 24/365, 24x7, 常時, or days and hours: 平日 9:00-17:00, 毎日 8:00-20:00 JST, 月～金 9時～17時, weekdays 9:00-18:00, Mon-Fri 9am-6pm"),
			      false, false},
	[UNIT_COUNT] = {"count", N_("a count"),
			N_("a whole number, with a counter for kanji: 3, 3回, 5件, 7世代, 三世代, 14回分, 10人; 3世代以上"),
			true, true},
	[UNIT_FREQUENCY] = {"frequency", N_("a frequency"),
			    N_("随時, 常時, リアルタイム, 毎日, 毎週, 隔週, 毎月, 四半期, 半年, 毎年, 年2回, 年に2回, 週一回, 半期に一度, 2週間に1回, 3日ごと, daily, once a week, twice a year, every 2 weeks"),
			    false, true},
	[UNIT_TEXT] = {"text", N_("a text"), N_("any text"), false, false},
	[UNIT_CHOICE] = {"choice", N_("a choice"), N_("one of the listed options, by id or label"), false,
			 false},
	[UNIT_TABLE] = {"table", N_("a table"), N_("rows with the listed columns"), false, false},
};

/* TRANSLATORS: "%s" is a number: "12 h" reads 12時間, "3 days" 3日. */
const scale_info scale_table[SCALE_COUNT] = {
	[SCALE_S] = {"s", 1, NP_("%s s", "%s s"), N_("a few s")},
	[SCALE_MIN] = {"min", 60, NP_("%s min", "%s min"), N_("a few min")},
	[SCALE_H] = {"h", 3600, NP_("%s h", "%s h"), N_("a few h")},
	[SCALE_D] = {"d", 86400, NP_("%s day", "%s days"), N_("a few days")},
	[SCALE_BD] = {"bd", 86400, NP_("%s business day", "%s business days"), N_("a few business days")},
	[SCALE_W] = {"w", 604800, NP_("%s week", "%s weeks"), N_("a few weeks")},
	[SCALE_MON] = {"mon", 2592000, NP_("%s month", "%s months"), N_("a few months")},
	[SCALE_Y] = {"y", 31536000, NP_("%s year", "%s years"), N_("a few years")},
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
const unit_word units_scale_words[] = {
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
const size_t units_n_scale_words = N_WORDS(units_scale_words);

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

/* 99.9%, 99-99.9%: one or two numbers with an optional % after either. */
static bool parse_percent(const char *s, bool strict, typed_value *v)
{
	double a, b;
	bool word = false;
	if (units_at_vague(s)) {
		v->why = WHY_VAGUE;
		return false;
	}
	if (!units_parse_number(&s, NUM_DECIMAL, &a))
		return false;
	word |= units_match_word(&s, percent_words, N_WORDS(percent_words), NULL);
	if (*s == '-') {
		s++;
		if (!units_parse_number(&s, NUM_DECIMAL, &b) || b < a)
			return false;
		word |= units_match_word(&s, percent_words, N_WORDS(percent_words), NULL);
		v->range = true;
		v->lo = a;
		v->hi = b;
		v->num = b;
	} else
		v->num = a;
	return !*s && (word || !strict);
}

static bool parse_yesno(const char *s, typed_value *v)
{
	int k;
	const char *p = s;
	if (units_match_word(&p, yesno_words, N_WORDS(yesno_words), &k) && !*p) {
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
		return parse_percent(s, strict, v);
	case UNIT_DURATION:
		return units_parse_duration(s, strict ? -1 : default_scale, strict, v);
	case UNIT_TIME_WINDOW:
		return units_parse_window(s, v);
	case UNIT_COUNT:
		return units_parse_count(s, strict, v);
	case UNIT_FREQUENCY:
		return units_parse_frequency(s, v);
	case UNIT_TEXT:
	case UNIT_CHOICE:
	case UNIT_TABLE:
	case UNIT_KIND_COUNT:
		break;
	}
	return false;
}

static void clear(typed_value *v, unit_kind unit)
{
	memset(v, 0, sizeof *v);
	v->unit = unit;
	v->scale = v->lo_scale = -1;
}

static bool parse_as(unit_kind unit, int default_scale, const char *norm, bool strict, typed_value *v)
{
	clear(v, unit);
	char *s = xstrdup(norm);
	units_strip_words(s, v, unit_table[unit].qualifiers);
	bool ok = false;
	if (units_is_ambiguous_word(s))
		v->why = WHY_AMBIGUOUS;
	else
		ok = *s && parse_core(unit, default_scale, s, strict, v);
	free(s);
	if (ok && unit_table[unit].qualifiers)
		set_bounds(v);
	if (ok)
		v->why = WHY_NONE;
	return ok;
}

/* Units tried, in order, to say what a value that failed *is*. */
static const unit_kind mismatch_order[] = {
	UNIT_DURATION, UNIT_PERCENT, UNIT_FREQUENCY, UNIT_COUNT, UNIT_TIME_WINDOW, UNIT_YES_NO,
};

parse_status units_parse(unit_kind unit, int default_scale, const char *text, typed_value *out)
{
	clear(out, unit);
	if (!text)
		return PARSE_EMPTY;
	/* prose: read as it is, unless it is a (short) n/a */
	if (unit == UNIT_TEXT && units_past_na_words(text))
		return PARSE_OK;
	char *norm = units_normalize(text);
	if (!*norm) { /* only spaces */
		free(norm);
		return PARSE_EMPTY;
	}
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
		parse_why why = out->why;
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
			clear(out, unit);
			out->why = why;
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
