#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "units_internal.h"
#include "xalloc.h"

const char *units_commitment_id(commitment c)
{
	static const char *const ids[] = {NULL, "guaranteed", "target", "actual"};
	return ids[c];
}

const char *units_commitment_label(commitment c)
{
	switch (c) {
	case COMMIT_GUARANTEED: return _("guaranteed");
	case COMMIT_TARGET: return _("target");
	case COMMIT_ACTUAL: return _("actual");
	case COMMIT_NONE: break;
	}
	return "";
}

const char *units_yesno_label(yesno y)
{
	switch (y) {
	case YN_YES: return _("yes");
	case YN_NO: return _("no");
	case YN_PARTIAL: return _("partial");
	case YN_UNDISCLOSED: return _("undisclosed");
	}
	return "";
}

static const char *stat_label(statistic s)
{
	switch (s) {
	case STAT_AVG: return _("avg");
	case STAT_APPROX: return _("approx.");
	case STAT_MAX: return _("max");
	case STAT_MIN: return _("min.");
	case STAT_NONE: break;
	}
	return NULL;
}

static const char *bound_symbol(bound b)
{
	static const char *const sym[] = {NULL, "≤", "<", "≥", ">"};
	return sym[b];
}

static bool whole(double x) { return fabs(x - round(x)) <= 1e-9 * fmax(1, fabs(x)); }

/* 1,000 as people write it; fractions as they are (99.95). */
static void num_text(char *buf, size_t n, double x)
{
	if (!whole(x) || fabs(x) < 1000 || fabs(x) >= 1e15) {
		snprintf(buf, n, "%.10g", whole(x) ? round(x) : x);
		return;
	}
	char digits[32];
	snprintf(digits, sizeof digits, "%.0f", fabs(round(x)));
	size_t len = strlen(digits), o = 0;
	if (x < 0 && o + 1 < n)
		buf[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* The number that picks a plural form: a fraction reads as plural ("1.5
 * days"), as in English. */
static unsigned long plural_n(double x)
{
	if (!whole(x) || x < 0 || x > 1e9)
		return 2;
	return (unsigned long)round(x);
}

/* ngettext(one, many) applied to a number already written as text. */
static void add_counted(strbuf *sb, const char *one, const char *many, double n, const char *text)
{
	sb_printf(sb, ngettext(one, many, plural_n(n)), text);
}

static void add_range_text(strbuf *sb, double lo, double hi)
{
	char a[64], b[64];
	num_text(a, sizeof a, lo);
	num_text(b, sizeof b, hi);
	/* TRANSLATORS: a range of numbers or days, as in 1–5 or Mon–Fri */
	sb_printf(sb, _("%s–%s"), a, b);
}

/* A finer scale for the rest of a figure: 1.5 h reads 1 h 30 min. */
static int finer_scale(int k)
{
	switch (k) {
	case SCALE_D: return SCALE_H;
	case SCALE_H: return SCALE_MIN;
	case SCALE_MIN: return SCALE_S;
	default: return -1;
	}
}

static void add_duration(strbuf *sb, double secs, int k)
{
	const scale_info *sc = &scale_table[k];
	double q = secs / sc->seconds;
	int f = finer_scale(k);
	if (!whole(q) && f >= 0 && whole(secs / scale_table[f].seconds)) {
		double w = floor(q);
		if (w < 1) {
			add_duration(sb, secs, f);
			return;
		}
		strbuf a, b;
		sb_init(&a);
		sb_init(&b);
		add_duration(&a, w * sc->seconds, k);
		add_duration(&b, secs - w * sc->seconds, f);
		/* TRANSLATORS: a duration in two parts: "1 h 30 min" */
		sb_printf(sb, _("%s %s"), sb_str(&a), sb_str(&b));
		sb_free(&a);
		sb_free(&b);
		return;
	}
	char t[64];
	num_text(t, sizeof t, q);
	add_counted(sb, sc->one, sc->many, q, t);
}

static void add_duration_value(strbuf *sb, const typed_value *v)
{
	if (v->unlimited) {
		sb_add(sb, _("no limit"));
		return;
	}
	int k = v->scale >= 0 ? v->scale : SCALE_S;
	if (!v->range) {
		add_duration(sb, v->num, k);
		return;
	}
	int lk = v->lo_scale >= 0 ? v->lo_scale : k;
	if (lk == k && !v->several) {
		/* 1–5 min: one scale, said once */
		strbuf r;
		sb_init(&r);
		add_range_text(&r, v->lo / scale_table[k].seconds, v->hi / scale_table[k].seconds);
		add_counted(sb, scale_table[k].one, scale_table[k].many, v->hi / scale_table[k].seconds,
			    sb_str(&r));
		sb_free(&r);
		return;
	}
	/* a few s – 5 min, 30 min – 2 h: each figure with its own scale */
	strbuf lo, hi;
	sb_init(&lo);
	sb_init(&hi);
	if (v->several)
		sb_add(&lo, _(scale_table[lk].few));
	else
		add_duration(&lo, v->lo, lk);
	add_duration(&hi, v->hi, k);
	/* TRANSLATORS: a range whose ends have their own units: "a few s – 5 min" */
	sb_printf(sb, _("%s – %s"), sb_str(&lo), sb_str(&hi));
	sb_free(&lo);
	sb_free(&hi);
}

static void add_count(strbuf *sb, const typed_value *v)
{
	strbuf n;
	sb_init(&n);
	if (v->range)
		add_range_text(&n, v->lo, v->hi);
	else {
		char t[64];
		num_text(t, sizeof t, v->num);
		sb_add(&n, t);
	}
	const counter_info *c = &units_counter_table[v->counter];
	if (c->one)
		add_counted(sb, c->one, c->many, v->num, sb_str(&n));
	else
		sb_add(sb, sb_str(&n));
	sb_free(&n);
}

static void add_percent(strbuf *sb, const typed_value *v)
{
	if (v->range)
		add_range_text(sb, v->lo, v->hi);
	else {
		char t[64];
		num_text(t, sizeof t, v->num);
		sb_add(sb, t);
	}
	sb_add(sb, " %");
}

/* Periods with a name: once a week, twice a year, 3 times a month. */
static const struct freq_name {
	double seconds;
	const char *once, *twice, *one, *many;
} freq_names[] = {
	{FREQ_HOUR, N_("once an hour"), N_("twice an hour"), NP_("%s time an hour", "%s times an hour")},
	{FREQ_DAY, N_("once a day"), N_("twice a day"), NP_("%s time a day", "%s times a day")},
	{FREQ_WEEK, N_("once a week"), N_("twice a week"), NP_("%s time a week", "%s times a week")},
	{FREQ_MONTH, N_("once a month"), N_("twice a month"), NP_("%s time a month", "%s times a month")},
	{FREQ_QUARTER, N_("once a quarter"), N_("twice a quarter"),
	 NP_("%s time a quarter", "%s times a quarter")},
	{FREQ_HALF_YEAR, N_("once every 6 months"), N_("twice every 6 months"),
	 NP_("%s time every 6 months", "%s times every 6 months")},
	{FREQ_YEAR, N_("once a year"), N_("twice a year"), NP_("%s time a year", "%s times a year")},
};

/* Scales a period may be counted in, largest first (business days never). */
static const int freq_scales[] = {SCALE_Y, SCALE_MON, SCALE_W, SCALE_D, SCALE_H, SCALE_MIN, SCALE_S};

static void add_frequency(strbuf *sb, const typed_value *v)
{
	char n[64];
	num_text(n, sizeof n, v->times);
	for (size_t i = 0; i < sizeof freq_names / sizeof *freq_names; i++) {
		const struct freq_name *f = &freq_names[i];
		if (fabs(f->seconds - v->period) >= 1)
			continue;
		if (v->times == 1)
			sb_add(sb, _(f->once));
		else if (v->times == 2)
			sb_add(sb, _(f->twice));
		else
			add_counted(sb, f->one, f->many, v->times, n);
		return;
	}
	/* every 2 weeks, 3 times every 2 days: the period in the largest whole scale */
	strbuf per;
	sb_init(&per);
	int k = SCALE_S;
	for (size_t i = 0; i < sizeof freq_scales / sizeof *freq_scales; i++)
		if (whole(v->period / units_freq_scale_seconds(freq_scales[i])) &&
		    v->period >= units_freq_scale_seconds(freq_scales[i])) {
			k = freq_scales[i];
			break;
		}
	double m = v->period / units_freq_scale_seconds(k);
	char mt[64];
	num_text(mt, sizeof mt, m);
	add_counted(&per, scale_table[k].one, scale_table[k].many, m, mt);
	if (v->times == 1)
		/* TRANSLATORS: "every 2 weeks"; %s is a period such as "2 weeks" */
		sb_printf(sb, _("every %s"), sb_str(&per));
	else if (v->times == 2)
		sb_printf(sb, _("twice every %s"), sb_str(&per));
	else
		/* TRANSLATORS: "3 times every 2 weeks": the count, then the period */
		sb_printf(sb, ngettext("%s time every %s", "%s times every %s", plural_n(v->times)), n,
			  sb_str(&per));
	sb_free(&per);
}

static const char *const day_keys[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
				       N_("Sat"), N_("Sun"), N_("holidays")};

/* weekdays, every day, Mon–Thu, Sat, Sun, holidays: three days or more in a
 * row read as a range. */
static void add_days(strbuf *sb, unsigned days)
{
	if (days == DAYS_ALL) {
		sb_add(sb, _("every day"));
		return;
	}
	if (days == DAYS_WEEKDAYS) {
		sb_add(sb, _("weekdays"));
		return;
	}
	bool first = true;
	for (int i = 0; i < 8; i++) {
		if (!(days & (1u << i)))
			continue;
		int j = i;
		while (i < 7 && j + 1 < 7 && (days & (1u << (j + 1))))
			j++;
		if (!first)
			sb_add(sb, _(", "));
		first = false;
		if (j - i >= 2) {
			sb_printf(sb, _("%s–%s"), _(day_keys[i]), _(day_keys[j]));
			i = j;
		} else
			sb_add(sb, _(day_keys[i]));
	}
}

static void add_window(strbuf *sb, const time_window *w)
{
	if (w->days) {
		add_days(sb, w->days);
		sb_addc(sb, ' ');
	}
	char a[16], b[16];
	snprintf(a, sizeof a, "%02d:%02d", w->start / 60, w->start % 60);
	snprintf(b, sizeof b, "%02d:%02d", w->end / 60, w->end % 60);
	if (w->end < w->start)
		/* TRANSLATORS: a time span past midnight: 22:00–06:00 (next day) */
		sb_printf(sb, _("%s–%s (next day)"), a, b);
	else
		sb_printf(sb, _("%s–%s"), a, b);
}

char *units_format(const typed_value *v)
{
	strbuf sb;
	sb_init(&sb);
	if (v->na) {
		sb_add(&sb, _("n/a"));
		return sb_take(&sb);
	}
	if (v->as_rule) {
		/* TRANSLATORS: 原則: the figure holds as a rule, with exceptions */
		sb_add(&sb, _("as a rule"));
		sb_addc(&sb, ' ');
	}
	if (v->commit) {
		sb_add(&sb, units_commitment_label(v->commit));
		sb_addc(&sb, ' ');
	}
	const char *st = stat_label(v->stat);
	if (st && !(v->stat == STAT_MAX && v->bound == BOUND_NONE && !v->range) &&
	    !(v->stat == STAT_MIN && v->bound == BOUND_NONE && !v->range)) {
		sb_add(&sb, st);
		sb_addc(&sb, ' ');
	}
	bound b = v->bound;
	if (b == BOUND_NONE && !v->range && v->stat == STAT_MAX)
		b = BOUND_LE;
	if (b == BOUND_NONE && !v->range && v->stat == STAT_MIN)
		b = BOUND_GE;
	if (b && !v->range && unit_table[v->unit].qualifiers) {
		sb_add(&sb, bound_symbol(b));
		sb_addc(&sb, ' ');
	}
	switch (v->unit) {
	case UNIT_YES_NO:
		sb_add(&sb, units_yesno_label(v->yn));
		break;
	case UNIT_PERCENT:
		add_percent(&sb, v);
		break;
	case UNIT_DURATION:
		add_duration_value(&sb, v);
		break;
	case UNIT_COUNT:
		add_count(&sb, v);
		break;
	case UNIT_FREQUENCY:
		if (v->freq == FREQ_CONTINUOUS)
			sb_add(&sb, _("continuous"));
		else if (v->freq == FREQ_ON_DEMAND)
			sb_add(&sb, _("as needed"));
		else
			add_frequency(&sb, v);
		break;
	case UNIT_TIME_WINDOW:
		if (v->always) {
			sb_add(&sb, _("24 hours, every day"));
			break;
		}
		for (int i = 0; i < v->n_windows; i++) {
			if (i)
				sb_add(&sb, _(", "));
			add_window(&sb, &v->windows[i]);
		}
		if (v->tz[0]) {
			sb_addc(&sb, ' ');
			for (const char *c = v->tz; *c; c++)
				sb_addc(&sb, (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : *c);
		}
		break;
	case UNIT_CHOICE:
		sb_add(&sb, v->choice ? v->choice : "");
		break;
	case UNIT_TEXT:
	case UNIT_TABLE:
	case UNIT_KIND_COUNT:
		break;
	}
	/* trailing blank from a prefix with nothing after it */
	while (sb.len && sb.s[sb.len - 1] == ' ')
		sb.s[--sb.len] = '\0';
	return sb_take(&sb);
}

static char *format_limit(const tmpl_item *item, double x)
{
	typed_value v;
	memset(&v, 0, sizeof v);
	v.unit = item->unit;
	v.num = x;
	v.lo_scale = -1;
	v.scale = item->unit == UNIT_DURATION ? (item->default_scale >= 0 ? item->default_scale : SCALE_S) : -1;
	/* the largest whole scale reads best: 86400 s is 1 day */
	if (item->unit == UNIT_DURATION && item->default_scale < 0)
		for (int k = SCALE_Y; k >= SCALE_S; k--)
			if (k != SCALE_BD && x >= scale_table[k].seconds &&
			    fmod(x, scale_table[k].seconds) == 0) {
				v.scale = k;
				break;
			}
	return units_format(&v);
}

/* Why a value does not read, when there is more to say than the forms. */
static char *bad_message(parse_why why, const char *text, const unit_info *ui)
{
	switch (why) {
	case WHY_VAGUE:
		return xasprintf(_("\"%s\" is too vague to read as %s: give a figure; accepted: %s"), text,
				 _(ui->name), _(ui->hint));
	case WHY_AMBIGUOUS:
		return xasprintf(_("\"%s\" can be read more than one way, so it is not read as %s; accepted: %s"),
				 text, _(ui->name), _(ui->hint));
	case WHY_CLOCK_STOPS:
		return xasprintf(_("\"%s\" counts business time only (the clock stops), so it is not a plain duration: write it in business days (1営業日), or give the hours and put the condition in the note"),
				 text);
	case WHY_NONE:
		break;
	}
	return xasprintf(_("\"%s\" does not read as %s; accepted: %s"), text, _(ui->name), _(ui->hint));
}

char *units_check_message(const tmpl_item *item, const char *text, typed_value *out,
			  const char **code)
{
	typed_value tmp;
	if (!out)
		out = &tmp;
	parse_status st = units_parse_item(item, text, out);
	const unit_info *ui = &unit_table[item->unit];
	char *msg = NULL;
	*code = NULL;
	switch (st) {
	case PARSE_EMPTY:
		*code = "missing-required";
		msg = xstrdup(_("no value"));
		break;
	case PARSE_BAD:
		*code = "unparseable-value";
		if (item->unit == UNIT_CHOICE) {
			strbuf ids;
			sb_init(&ids);
			for (size_t i = 0; i < item->n_options; i++) {
				if (i)
					sb_add(&ids, ", ");
				sb_add(&ids, item->options[i].id);
			}
			msg = xasprintf(_("\"%s\" is not one of the options (%s)"), text, sb_str(&ids));
			sb_free(&ids);
		} else
			msg = bad_message(out->why, text, ui);
		break;
	case PARSE_MISMATCH:
		*code = "unit-mismatch";
		msg = xasprintf(_("\"%s\" is %s, but this item takes %s; accepted: %s"), text,
				_(unit_table[out->unit].name), _(ui->name), _(ui->hint));
		break;
	case PARSE_OK:
		if (!ui->numeric || out->na)
			break;
		if ((item->has_min && ((out->has_lo && out->lo < item->min) ||
				       (out->has_hi && out->hi < item->min))) ||
		    (item->has_max && ((out->has_hi && out->hi > item->max) ||
				       (out->has_lo && out->lo > item->max)))) {
			char *lo = item->has_min ? format_limit(item, item->min) : xstrdup("-");
			char *hi = item->has_max ? format_limit(item, item->max) : xstrdup("-");
			*code = "out-of-range";
			msg = xasprintf(_("\"%s\" is out of range: allowed %s to %s"), text, lo, hi);
			free(lo);
			free(hi);
		}
		break;
	}
	return msg;
}
