#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "units.h"
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

static void add_num(strbuf *sb, double n)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.10g", n);
	sb_add(sb, buf);
}

static void add_quantity(strbuf *sb, const typed_value *v, double div, const char *unit_label)
{
	if (v->range) {
		add_num(sb, v->lo / div);
		sb_add(sb, "–");
		add_num(sb, v->hi / div);
	} else
		add_num(sb, v->num / div);
	if (unit_label) {
		sb_addc(sb, ' ');
		sb_add(sb, unit_label);
	}
}

static const char *const day_keys[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
				       N_("Sat"), N_("Sun"), N_("holidays")};

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
		if (!first)
			sb_add(sb, _(", "));
		sb_add(sb, _(day_keys[i]));
		first = false;
	}
}

static void add_period(strbuf *sb, const typed_value *v)
{
	static const struct {
		double seconds;
		const char *fmt;
	} periods[] = {
		{3600, N_("%s times per hour")},  {86400, N_("%s times per day")},
		{604800, N_("%s times per week")}, {2592000, N_("%s times per month")},
		{7884000, N_("%s times per quarter")}, {15768000, N_("%s times per half year")},
		{31536000, N_("%s times per year")},
	};
	char n[64];
	snprintf(n, sizeof n, "%.10g", v->times);
	for (size_t i = 0; i < sizeof periods / sizeof *periods; i++)
		if (fabs(periods[i].seconds - v->period) < 1) {
			sb_printf(sb, _(periods[i].fmt), n);
			return;
		}
	/* every N of the largest scale that divides the period */
	for (int k = SCALE_Y; k >= SCALE_S; k--) {
		if (k == SCALE_BD)
			continue;
		double q = v->period / scale_table[k].seconds;
		if (q >= 1 && fabs(q - round(q)) < 1e-9) {
			snprintf(n, sizeof n, "%.10g", q);
			sb_printf(sb, _("every %s %s"), n, _(scale_table[k].label));
			return;
		}
	}
	snprintf(n, sizeof n, "%.10g", v->period);
	sb_printf(sb, _("every %s %s"), n, _(scale_table[SCALE_S].label));
}

char *units_format(const typed_value *v)
{
	strbuf sb;
	sb_init(&sb);
	if (v->na) {
		sb_add(&sb, _("n/a"));
		return sb_take(&sb);
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
		add_quantity(&sb, v, 1, "%");
		break;
	case UNIT_DURATION: {
		int k = v->scale >= 0 ? v->scale : SCALE_S;
		add_quantity(&sb, v, scale_table[k].seconds, _(scale_table[k].label));
		break;
	}
	case UNIT_COUNT:
		add_quantity(&sb, v, 1, NULL);
		break;
	case UNIT_FREQUENCY:
		if (v->freq == FREQ_CONTINUOUS)
			sb_add(&sb, _("continuous"));
		else if (v->freq == FREQ_ON_DEMAND)
			sb_add(&sb, _("as needed"));
		else
			add_period(&sb, v);
		break;
	case UNIT_TIME_WINDOW:
		if (v->always) {
			sb_add(&sb, _("24 hours, every day"));
			break;
		}
		for (int i = 0; i < v->n_windows; i++) {
			const time_window *w = &v->windows[i];
			if (i)
				sb_add(&sb, _(", "));
			add_days(&sb, w->days);
			sb_printf(&sb, " %02d:%02d–%02d:%02d", w->start / 60, w->start % 60, w->end / 60,
				  w->end % 60);
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
			msg = xasprintf(_("\"%s\" does not read as %s; accepted: %s"), text, _(ui->name),
					_(ui->hint));
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
