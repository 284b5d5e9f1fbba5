#include <config.h>

/* Numbers as dates and times, as Excel shows them: serial days from
 * 1899-12-30 (with Excel's 29th of February 1900) or, in the 1904 date
 * system, from 1904-01-01; the time of day is the fraction. Years,
 * months, days, weekdays (English, and Japanese with aaa), hours,
 * minutes, seconds and their fractions, AM/PM, elapsed times ([h]), and
 * the Japanese eras (g, gg, ggg, e). */

#include "xlsx_numfmt.h"

#include <math.h>
#include <string.h>

static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static const struct era {
	int y, m, d;
	const char *letter, *kanji, *name;
} eras[] = {
	{2019, 5, 1, "R", "令", "令和"},
	{1989, 1, 8, "H", "平", "平成"},
	{1926, 12, 25, "S", "昭", "昭和"},
	{1912, 7, 30, "T", "大", "大正"},
	{1868, 9, 8, "M", "明", "明治"},
};

static const struct era *era_of(int y, int m, int d)
{
	for (size_t i = 0; i < sizeof eras / sizeof *eras; i++)
		if (y > eras[i].y || (y == eras[i].y && (m > eras[i].m || (m == eras[i].m && d >= eras[i].d))))
			return &eras[i];
	return NULL;
}

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June", "July",
					     "August", "September", "October", "November", "December"};
static const char *const day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
					 "Saturday"};
static const char *const day_names_ja[7] = {"日", "月", "火", "水", "木", "金", "土"};

bool xlsx_fmt_date(strbuf *out, const xdec *x, const section *sec, bool date1904)
{
	if (x->neg || x->point > 7)
		return false;
	long days = 0;
	for (long k = 0; k < x->point; k++)
		days = days * 10 + (dec_digit(x, k) - '0');
	double frac = 0, unit_of_digit = 0.1;
	for (long j = 1; j <= 20 && x->point + j - 1 < x->nd; j++, unit_of_digit /= 10)
		frac += (dec_digit(x, x->point + j - 1) - '0') * unit_of_digit;
	int sub = 0;
	bool ampm = false;
	for (int k = 0; k < sec->n; k++) {
		if (sec->t[k].k == TK_SUBSEC && sec->t[k].n > sub)
			sub = sec->t[k].n;
		ampm |= sec->t[k].k == TK_AMPM;
	}
	long per_sec = 1;
	for (int k = 0; k < sub; k++)
		per_sec *= 10;
	long per_day = 86400L * per_sec;
	long ticks = lround(frac * (double)per_day);
	if (ticks >= per_day) {
		days++;
		ticks -= per_day;
	}
	if (days > SERIAL_MAX)
		return false;
	int y, mo, d, wd;
	if (date1904) {
		civil_from_days(days_from_civil(1904, 1, 1) + days, &y, &mo, &d);
		wd = (int)((days + 5) % 7);
	} else {
		/* Excel's 1900 system counts the 29th of February 1900, which
		 * never was, and shows serial 0 as the 0th of January */
		if (days == 0) {
			y = 1900, mo = 1, d = 0;
		} else if (days == 60) {
			y = 1900, mo = 2, d = 29;
		} else {
			long base = days < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
			civil_from_days(base + days, &y, &mo, &d);
		}
		wd = (int)((days + 6) % 7);
	}
	long secs = ticks / per_sec, fr = ticks % per_sec;
	long h = secs / 3600, mi = secs / 60 % 60, s = secs % 60;
	const struct era *era = era_of(y, mo, d);
	for (int k = 0; k < sec->n; k++) {
		const tok *t = &sec->t[k];
		int w = t->n >= 2 ? 2 : 1;
		switch (t->k) {
		case TK_LIT:
			sb_addn(out, t->s, t->len);
			break;
		case TK_YEAR:
			if (t->n <= 2)
				sb_printf(out, "%02d", y % 100);
			else
				sb_printf(out, "%04d", y);
			break;
		case TK_MONTH:
			if (t->n <= 2)
				sb_printf(out, "%0*d", w, mo);
			else if (t->n == 3)
				sb_addn(out, month_names[mo - 1], 3);
			else if (t->n == 4)
				sb_add(out, month_names[mo - 1]);
			else
				sb_addc(out, month_names[mo - 1][0]);
			break;
		case TK_DAY:
			if (t->n <= 2)
				sb_printf(out, "%0*d", w, d);
			else if (t->n == 3)
				sb_addn(out, day_names[wd], 3);
			else
				sb_add(out, day_names[wd]);
			break;
		case TK_HOUR:
			sb_printf(out, "%0*ld", w, ampm ? (h % 12 ? h % 12 : 12) : h);
			break;
		case TK_MINUTE:
			sb_printf(out, "%0*ld", w, mi);
			break;
		case TK_SECOND:
			sb_printf(out, "%0*ld", w, s);
			break;
		case TK_SUBSEC:
			if (t->n > 0) {
				long div = 1;
				for (int q = t->n; q < sub; q++)
					div *= 10;
				sb_printf(out, ".%0*ld", t->n, fr / div);
			} else {
				sb_addc(out, '.');
			}
			break;
		case TK_AMPM:
			if (t->ch == 'M')
				sb_add(out, h < 12 ? "AM" : "PM");
			else
				sb_addc(out, (char)((h < 12 ? 'A' : 'P') | (t->ch & 0x20)));
			break;
		case TK_ELAPSED_H:
			sb_printf(out, "%0*ld", t->n, days * 24 + h);
			break;
		case TK_ELAPSED_M:
			sb_printf(out, "%0*ld", t->n, (days * 24 + h) * 60 + mi);
			break;
		case TK_ELAPSED_S:
			sb_printf(out, "%0*ld", t->n, ((days * 24 + h) * 60 + mi) * 60 + s);
			break;
		case TK_ERA_NAME:
			if (era)
				sb_add(out, t->n == 1 ? era->letter : t->n == 2 ? era->kanji : era->name);
			break;
		case TK_ERA_YEAR:
			if (era)
				sb_printf(out, "%0*d", w, y - era->y + 1);
			else
				sb_printf(out, "%d", y);
			break;
		case TK_WEEKDAY_JA:
			sb_add(out, day_names_ja[wd]);
			if (t->n >= 4)
				sb_add(out, "曜日");
			break;
		case TK_DIGIT:
			sb_addc(out, t->ch);
			break;
		case TK_POINT:
			sb_addc(out, '.');
			break;
		case TK_COMMA:
			sb_addc(out, ',');
			break;
		case TK_PERCENT:
			sb_addc(out, '%');
			break;
		default:
			break;
		}
	}
	return true;
}
