/* The unit grammar of FORMAT.md section 5, case by case. */
#include <config.h>

#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/units.h"

enum { ANY = -99 };
#define NONE_SCALE (-1)

typedef struct ucase {
	unit_kind unit;
	int default_scale;
	const char *text;
	parse_status status;
	double num;       /* base unit; NAN: not checked */
	int bound;        /* ANY: not checked */
	int stat;
	int commit;
	int extra;        /* yes-no: yn; mismatch: the unit read; window: days; freq: kind */
} ucase;

#define OK(u, t, n, b, s, c) {u, NONE_SCALE, t, PARSE_OK, n, b, s, c, ANY}
#define OKS(u, sc, t, n, b, s, c) {u, sc, t, PARSE_OK, n, b, s, c, ANY}
#define YN(t, y) {UNIT_YES_NO, NONE_SCALE, t, PARSE_OK, NAN, ANY, ANY, ANY, y}
#define BAD(u, t) {u, NONE_SCALE, t, PARSE_BAD, NAN, ANY, ANY, ANY, ANY}
#define BADS(u, sc, t) {u, sc, t, PARSE_BAD, NAN, ANY, ANY, ANY, ANY}
#define MIS(u, t, as) {u, NONE_SCALE, t, PARSE_MISMATCH, NAN, ANY, ANY, ANY, as}
#define EMPTY(u, t) {u, NONE_SCALE, t, PARSE_EMPTY, NAN, ANY, ANY, ANY, ANY}
#define WIN(t, days) {UNIT_TIME_WINDOW, NONE_SCALE, t, PARSE_OK, NAN, ANY, ANY, ANY, days}
#define FREQ(t, per) {UNIT_FREQUENCY, NONE_SCALE, t, PARSE_OK, per, ANY, ANY, ANY, ANY}

#define H 3600.0
#define D 86400.0
#define MIN 60.0
/* a frequency's month is a twelfth of a year: 3ヶ月に1回 is 四半期 */
#define MON (365 * D / 12)

static const ucase cases[] = {
	/* yes-no: Japanese, English, symbols, full width, partial, undisclosed */
	YN("有", YN_YES), YN("有り", YN_YES), YN("あり", YN_YES), YN("はい", YN_YES), YN("○", YN_YES),
	YN("yes", YN_YES), YN("Yes", YN_YES), YN("YES", YN_YES), YN("ｙｅｓ", YN_YES), YN(" 有 ", YN_YES),
	YN("無", YN_NO), YN("無し", YN_NO), YN("なし", YN_NO), YN("いいえ", YN_NO), YN("×", YN_NO),
	YN("no", YN_NO), YN("No", YN_NO), YN("一部", YN_PARTIAL), YN("一部あり", YN_PARTIAL),
	YN("partial", YN_PARTIAL), YN("非公開", YN_UNDISCLOSED), YN("undisclosed", YN_UNDISCLOSED),
	BAD(UNIT_YES_NO, "たぶん"), BAD(UNIT_YES_NO, "有無"), BAD(UNIT_YES_NO, "maybe"),
	BAD(UNIT_YES_NO, "有ります"), MIS(UNIT_YES_NO, "99.9%", UNIT_PERCENT),
	MIS(UNIT_YES_NO, "3時間", UNIT_DURATION), EMPTY(UNIT_YES_NO, ""), EMPTY(UNIT_YES_NO, "   "),
	EMPTY(UNIT_YES_NO, "　"),
	/* n/a in every unit */
	{UNIT_YES_NO, NONE_SCALE, "該当なし", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_PERCENT, NONE_SCALE, "n/a", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_DURATION, NONE_SCALE, "N/A", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_COUNT, NONE_SCALE, "対象外", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_TIME_WINDOW, NONE_SCALE, "Ｎ／Ａ", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_FREQUENCY, NONE_SCALE, "該当無し", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_TEXT, NONE_SCALE, "非該当", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	/* percent */
	OK(UNIT_PERCENT, "99.9%", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99.95 ％", 99.95, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "９９．９％", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99.9", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "100%", 100, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "0%", 0, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99.9%以上", 99.9, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "目標99.9%以上", 99.9, BOUND_GE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_PERCENT, "目標99.9%", 99.9, BOUND_NONE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_PERCENT, "99.9%を目標", 99.9, BOUND_NONE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_PERCENT, "99.9%以上を保証", 99.9, BOUND_GE, STAT_NONE, COMMIT_GUARANTEED),
	OK(UNIT_PERCENT, "SLA 99.95%", 99.95, BOUND_NONE, STAT_NONE, COMMIT_GUARANTEED),
	OK(UNIT_PERCENT, "保証 99.9%", 99.9, BOUND_NONE, STAT_NONE, COMMIT_GUARANTEED),
	OK(UNIT_PERCENT, "実績99.99%", 99.99, BOUND_NONE, STAT_NONE, COMMIT_ACTUAL),
	OK(UNIT_PERCENT, "99.99% (実績)", 99.99, BOUND_NONE, STAT_NONE, COMMIT_ACTUAL),
	OK(UNIT_PERCENT, "約99%", 99, BOUND_NONE, STAT_APPROX, COMMIT_NONE),
	OK(UNIT_PERCENT, "99%程度", 99, BOUND_NONE, STAT_APPROX, COMMIT_NONE),
	OK(UNIT_PERCENT, "approx. 99%", 99, BOUND_NONE, STAT_APPROX, COMMIT_NONE),
	OK(UNIT_PERCENT, "平均99.9%", 99.9, BOUND_NONE, STAT_AVG, COMMIT_NONE),
	OK(UNIT_PERCENT, ">= 99.9%", 99.9, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "≧99.9%", 99.9, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "at least 99.5%", 99.5, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99.5% or more", 99.5, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "target 99.9%", 99.9, BOUND_NONE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_PERCENT, "99.9% guaranteed", 99.9, BOUND_NONE, STAT_NONE, COMMIT_GUARANTEED),
	OK(UNIT_PERCENT, "99-99.9%", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99%～99.9%", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99.9 percent", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "99.9%（計画停止を除く）", 99.9, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_PERCENT, "101%", 101, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	MIS(UNIT_PERCENT, "99.9時間", UNIT_DURATION), MIS(UNIT_PERCENT, "3回", UNIT_COUNT),
	MIS(UNIT_PERCENT, "毎日", UNIT_FREQUENCY), MIS(UNIT_PERCENT, "24時間365日", UNIT_TIME_WINDOW),
	MIS(UNIT_PERCENT, "有", UNIT_YES_NO), MIS(UNIT_PERCENT, "約3日", UNIT_DURATION),
	BAD(UNIT_PERCENT, "high"), BAD(UNIT_PERCENT, "99.9.9%"), BAD(UNIT_PERCENT, "%"),
	BAD(UNIT_PERCENT, "99.9-90%"), BAD(UNIT_PERCENT, "九十九%"), BAD(UNIT_PERCENT, "目標"),
	/* duration: scales in Japanese and English */
	OK(UNIT_DURATION, "30秒", 30, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "30 s", 30, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "30sec", 30, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "30 seconds", 30, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "10分", 10 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "10分間", 10 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "10 min", 10 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "10 minutes", 10 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "24時間", 24 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "24h", 24 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "2 hours", 2 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1 hour", H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1日", D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "3 days", 3 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1営業日", D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "2 business days", 2 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "2週間", 14 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1週", 7 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "2 weeks", 14 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "3ヶ月", 90 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "3か月", 90 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "3カ月", 90 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "6 months", 180 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1年", 365 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "5 years", 5 * 365 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1時間30分", 90 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "１２時間", 12 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1.5時間", 1.5 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	/* qualifiers and commitments */
	OK(UNIT_DURATION, "12時間以内", 12 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "12時間以下", 12 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "12時間まで", 12 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "2秒未満", 2, BOUND_LT, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "平均2秒未満", 2, BOUND_LT, STAT_AVG, COMMIT_NONE),
	OK(UNIT_DURATION, "平均10分以内", 10 * MIN, BOUND_LE, STAT_AVG, COMMIT_NONE),
	OK(UNIT_DURATION, "最大4時間", 4 * H, BOUND_NONE, STAT_MAX, COMMIT_NONE),
	OK(UNIT_DURATION, "最長1日", D, BOUND_NONE, STAT_MAX, COMMIT_NONE),
	OK(UNIT_DURATION, "最短1時間", H, BOUND_NONE, STAT_MIN, COMMIT_NONE),
	OK(UNIT_DURATION, "少なくとも1時間", H, BOUND_NONE, STAT_MIN, COMMIT_NONE),
	OK(UNIT_DURATION, "1時間以上", H, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1時間超", H, BOUND_GT, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "約3日", 3 * D, BOUND_NONE, STAT_APPROX, COMMIT_NONE),
	OK(UNIT_DURATION, "3日程度", 3 * D, BOUND_NONE, STAT_APPROX, COMMIT_NONE),
	OK(UNIT_DURATION, "目標4時間以内", 4 * H, BOUND_LE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_DURATION, "4時間以内を目標", 4 * H, BOUND_LE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_DURATION, "4時間以内（目標）", 4 * H, BOUND_LE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_DURATION, "SLA 4時間", 4 * H, BOUND_NONE, STAT_NONE, COMMIT_GUARANTEED),
	OK(UNIT_DURATION, "4時間以内を保証", 4 * H, BOUND_LE, STAT_NONE, COMMIT_GUARANTEED),
	OK(UNIT_DURATION, "実績 平均20分", 20 * MIN, BOUND_NONE, STAT_AVG, COMMIT_ACTUAL),
	OK(UNIT_DURATION, "努力目標 1営業日", D, BOUND_NONE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_DURATION, "best effort 1 day", D, BOUND_NONE, STAT_NONE, COMMIT_TARGET),
	OK(UNIT_DURATION, "within 4 hours", 4 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "up to 4 hours", 4 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "avg 10 min", 10 * MIN, BOUND_NONE, STAT_AVG, COMMIT_NONE),
	OK(UNIT_DURATION, "< 3秒", 3, BOUND_LT, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "<=24h", 24 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "≦24時間", 24 * H, BOUND_LE, STAT_NONE, COMMIT_NONE),
	/* ranges: the upper bound counts */
	OK(UNIT_DURATION, "数秒～5分", 5 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1-5分", 5 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1〜5分", 5 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1分～5分", 5 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "30分－2時間", 2 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_DURATION, "1–3 days", 3 * D, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	/* bare numbers only with default-scale */
	OKS(UNIT_DURATION, SCALE_MIN, "5", 5 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OKS(UNIT_DURATION, SCALE_MIN, "5以内", 5 * MIN, BOUND_LE, STAT_NONE, COMMIT_NONE),
	OKS(UNIT_DURATION, SCALE_S, "3", 3, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OKS(UNIT_DURATION, SCALE_S, "平均3", 3, BOUND_NONE, STAT_AVG, COMMIT_NONE),
	OKS(UNIT_DURATION, SCALE_MIN, "1-5", 5 * MIN, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OKS(UNIT_DURATION, SCALE_MIN, "2時間", 2 * H, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	BAD(UNIT_DURATION, "5"), BAD(UNIT_DURATION, "5以内"), BAD(UNIT_DURATION, "すぐ"),
	BAD(UNIT_DURATION, "5-1分"), BAD(UNIT_DURATION, "30分1時間"), BAD(UNIT_DURATION, "時間"),
	BADS(UNIT_DURATION, SCALE_MIN, "abc"),
	MIS(UNIT_DURATION, "3回", UNIT_COUNT), MIS(UNIT_DURATION, "99.9%", UNIT_PERCENT),
	MIS(UNIT_DURATION, "24時間365日", UNIT_TIME_WINDOW), MIS(UNIT_DURATION, "毎月", UNIT_FREQUENCY),
	MIS(UNIT_DURATION, "年2回", UNIT_FREQUENCY), MIS(UNIT_DURATION, "なし", UNIT_YES_NO),
	/* count */
	OK(UNIT_COUNT, "3", 3, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "3回", 3, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "5件", 5, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "7世代", 7, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "10人", 10, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "0", 0, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "1,000人", 1000, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "3世代以上", 3, BOUND_GE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "最低3世代", 3, BOUND_NONE, STAT_MIN, COMMIT_NONE),
	OK(UNIT_COUNT, "2 times", 2, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "7 generations", 7, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "３回", 3, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "1-3件", 3, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	OK(UNIT_COUNT, "約5件", 5, BOUND_NONE, STAT_APPROX, COMMIT_NONE),
	OK(UNIT_COUNT, "実績 0件", 0, BOUND_NONE, STAT_NONE, COMMIT_ACTUAL),
	BAD(UNIT_COUNT, "3.5"), BAD(UNIT_COUNT, "-1"), BAD(UNIT_COUNT, "many"), BAD(UNIT_COUNT, "三"),
	OK(UNIT_COUNT, "三回", 3, BOUND_NONE, STAT_NONE, COMMIT_NONE),
	MIS(UNIT_COUNT, "3時間", UNIT_DURATION), MIS(UNIT_COUNT, "年2回", UNIT_FREQUENCY),
	MIS(UNIT_COUNT, "50%", UNIT_PERCENT),
	/* time windows */
	WIN("24時間365日", -1), WIN("24/365", -1), WIN("24x7", -1), WIN("24X7", -1), WIN("24/7", -1),
	WIN("常時", -1), WIN("２４時間３６５日", -1), WIN("24時間", -1), WIN("always", -1),
	WIN("24時間365日（計画停止／定期保守を除く）", -1),
	WIN("平日 10:00-16:00", DAYS_WEEKDAYS), WIN("平日10:00～16:00", DAYS_WEEKDAYS),
	WIN("平日 9:00-17:30 JST", DAYS_WEEKDAYS), WIN("平日　９：００－１８：００", DAYS_WEEKDAYS),
	WIN("毎日 8:00-20:00", DAYS_ALL), WIN("月-金 10:00-16:00", DAYS_WEEKDAYS),
	WIN("月～金 9時～17時", DAYS_WEEKDAYS), WIN("月曜～金曜 9:00-18:00", DAYS_WEEKDAYS),
	WIN("weekdays 9:00-18:00", DAYS_WEEKDAYS), WIN("Mon-Fri 9:00-17:00", DAYS_WEEKDAYS),
	WIN("daily 0:00-24:00", DAYS_ALL), WIN("土日祝 10:00-15:00", DAY_SAT | DAY_SUN | DAY_HOL),
	WIN("土・日 10:00-15:00", DAY_SAT | DAY_SUN), WIN("平日24時間", DAYS_WEEKDAYS),
	WIN("9:00-18:00", 0), /* days not stated: never "every day" */
	WIN("平日 9:00-18:00 (祝日除く)", DAYS_WEEKDAYS),
	WIN("Mon-Fri 9:00-17:00 UTC+9", DAYS_WEEKDAYS), WIN("sat-sun 10:00-12:00", DAY_SAT | DAY_SUN),
	WIN("平日 22:00-6:00", DAYS_WEEKDAYS),
	BAD(UNIT_TIME_WINDOW, "平日"), BAD(UNIT_TIME_WINDOW, "営業時間内"), BAD(UNIT_TIME_WINDOW, "9-17"),
	BAD(UNIT_TIME_WINDOW, "平日 25:00-26:00"), BAD(UNIT_TIME_WINDOW, "平日 9:00-9:00"),
	BAD(UNIT_TIME_WINDOW, "平日 9:60-10:00"),
	MIS(UNIT_TIME_WINDOW, "99.9%", UNIT_PERCENT), MIS(UNIT_TIME_WINDOW, "4時間以内", UNIT_DURATION),
	/* frequency (num is the period in seconds; 0: no period) */
	FREQ("毎日", D), FREQ("日次", D), FREQ("daily", D), FREQ("毎週", 7 * D), FREQ("週次", 7 * D),
	FREQ("weekly", 7 * D), FREQ("毎月", MON), FREQ("月次", MON), FREQ("monthly", MON),
	FREQ("四半期", 7884000), FREQ("quarterly", 7884000), FREQ("半期", 15768000),
	FREQ("半年", 15768000), FREQ("semiannually", 15768000), FREQ("毎年", 365 * D),
	FREQ("年次", 365 * D), FREQ("annually", 365 * D), FREQ("年2回", 365 * D), FREQ("週1回", 7 * D),
	FREQ("1日3回", D), FREQ("月1回", MON), FREQ("3日ごと", 3 * D), FREQ("5分毎", 5 * MIN),
	FREQ("1時間おき", H), FREQ("毎時", H), FREQ("hourly", H), FREQ("2回/年", 365 * D),
	FREQ("2 times per year", 365 * D), FREQ("every 3 days", 3 * D), FREQ("毎日（深夜）", D),
	FREQ("随時", 0), FREQ("常時", 0), FREQ("リアルタイム", 0), FREQ("real time", 0),
	FREQ("最低月1回", MON), FREQ("目標 週1回", 7 * D), FREQ("ｄａｉｌｙ", D),
	BAD(UNIT_FREQUENCY, "ときどき"), BAD(UNIT_FREQUENCY, "年回"), BAD(UNIT_FREQUENCY, "0回/年"),
	MIS(UNIT_FREQUENCY, "3時間", UNIT_DURATION), MIS(UNIT_FREQUENCY, "99%", UNIT_PERCENT),
	/* text and table */
	{UNIT_TEXT, NONE_SCALE, "ISMS (ISO/IEC 27001) 取得済", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	{UNIT_TEXT, NONE_SCALE, "99.9時間", PARSE_OK, NAN, ANY, ANY, ANY, ANY},
	EMPTY(UNIT_TEXT, ""), EMPTY(UNIT_TEXT, " \n "),
	BAD(UNIT_TABLE, "x"),
};

/* Reports every wrong case, not only the first. */
static int n_failed;
#define case_failed(...) (print_error(__VA_ARGS__), print_error("\n"), n_failed++)

static void check_case(const ucase *c)
{
	typed_value v;
	parse_status st = units_parse(c->unit, c->default_scale, c->text, &v);
	if (st != c->status) {
		case_failed("\"%s\" as %s: status %d, expected %d", c->text, unit_table[c->unit].id, st, c->status);
		return;
	}
	if (st == PARSE_MISMATCH && c->extra != ANY && (int)v.unit != c->extra)
		case_failed("\"%s\": read as %s, expected %s", c->text, unit_table[v.unit].id, unit_table[c->extra].id);
	if (st != PARSE_OK)
		return;
	if (!isnan(c->num)) {
		double got = c->unit == UNIT_FREQUENCY ? (v.freq == FREQ_PERIODIC ? v.period : 0) : v.num;
		if (fabs(got - c->num) > 1e-6)
			case_failed("\"%s\": number %g, expected %g", c->text, got, c->num);
	}
	if (c->bound != ANY && (int)v.bound != c->bound)
		case_failed("\"%s\": bound %d, expected %d", c->text, v.bound, c->bound);
	if (c->stat != ANY && (int)v.stat != c->stat)
		case_failed("\"%s\": stat %d, expected %d", c->text, v.stat, c->stat);
	if (c->commit != ANY && (int)v.commit != c->commit)
		case_failed("\"%s\": commitment %d, expected %d", c->text, v.commit, c->commit);
	if (c->unit == UNIT_YES_NO && c->extra != ANY && (int)v.yn != c->extra)
		case_failed("\"%s\": yes-no %d, expected %d", c->text, v.yn, c->extra);
	if (c->unit == UNIT_TIME_WINDOW && c->extra != ANY) {
		if (c->extra == -1 && !v.always)
			case_failed("\"%s\": expected always", c->text);
		if (c->extra != -1 && (v.always || v.n_windows < 1 || (int)v.windows[0].days != c->extra))
			case_failed("\"%s\": days %#x, expected %#x", c->text, v.n_windows ? v.windows[0].days : 0,
				    (unsigned)c->extra);
	}
}

static void test_grammar_table(void **state)
{
	(void)state;
	size_t n = sizeof cases / sizeof *cases;
	assert_true(n >= 200);
	for (size_t i = 0; i < n; i++)
		check_case(&cases[i]);
	assert_int_equal(n_failed, 0);
}

static void test_bounds_and_ranges(void **state)
{
	(void)state;
	typed_value v;
	assert_int_equal(units_parse(UNIT_DURATION, -1, "12時間以内", &v), PARSE_OK);
	assert_true(v.has_hi && !v.has_lo && v.hi == 12 * H);
	assert_int_equal(units_parse(UNIT_DURATION, -1, "数秒～5分", &v), PARSE_OK);
	assert_true(v.range && v.several && v.lo == 2 && v.hi == 300 && v.has_lo && v.has_hi);
	assert_int_equal(units_parse(UNIT_PERCENT, -1, "99.9%以上", &v), PARSE_OK);
	assert_true(v.has_lo && !v.has_hi && v.lo == 99.9);
	assert_int_equal(units_parse(UNIT_DURATION, -1, "2秒未満", &v), PARSE_OK);
	assert_true(v.has_hi && v.hi_strict);
	assert_int_equal(units_parse(UNIT_DURATION, -1, "1営業日", &v), PARSE_OK);
	assert_int_equal(v.scale, SCALE_BD);
	assert_int_equal(units_parse(UNIT_TIME_WINDOW, -1, "平日 10:00-16:00", &v), PARSE_OK);
	assert_int_equal(v.windows[0].start, 600);
	assert_int_equal(v.windows[0].end, 960);
	assert_int_equal(units_parse(UNIT_TIME_WINDOW, -1, "平日 9:00-18:00, 土 9:00-12:00", &v), PARSE_OK);
	assert_int_equal(v.n_windows, 2);
	assert_int_equal(v.windows[1].days, DAY_SAT);
	assert_int_equal(units_parse(UNIT_FREQUENCY, -1, "年2回", &v), PARSE_OK);
	assert_true(v.times == 2 && v.period == 365 * D);
	assert_int_equal(units_parse(UNIT_FREQUENCY, -1, "随時", &v), PARSE_OK);
	assert_int_equal(v.freq, FREQ_ON_DEMAND);
	assert_int_equal(units_parse(UNIT_FREQUENCY, -1, "リアルタイム", &v), PARSE_OK);
	assert_int_equal(v.freq, FREQ_CONTINUOUS);
	assert_int_equal(units_parse(UNIT_PERCENT, -1, "99.9%（計画停止を除く）", &v), PARSE_OK);
	assert_true(v.remark);
}

static void expect_format(unit_kind u, int scale, const char *text, const char *want)
{
	typed_value v;
	assert_int_equal(units_parse(u, scale, text, &v), PARSE_OK);
	char *got = units_format(&v);
	assert_string_equal(got, want);
	free(got);
}

static void test_format(void **state)
{
	(void)state;
	expect_format(UNIT_DURATION, -1, "12時間以内", "≤ 12 h");
	expect_format(UNIT_DURATION, -1, "平均10分以内", "avg ≤ 10 min");
	expect_format(UNIT_PERCENT, -1, "目標99.9%以上", "target ≥ 99.9 %");
	expect_format(UNIT_PERCENT, -1, "約99%", "approx. 99 %");
	expect_format(UNIT_DURATION, -1, "1-5分", "1–5 min");
	expect_format(UNIT_DURATION, -1, "最大4時間", "≤ 4 h");
	expect_format(UNIT_TIME_WINDOW, -1, "平日 10:00-16:00", "weekdays 10:00–16:00");
	expect_format(UNIT_TIME_WINDOW, -1, "24/365", "24 hours, every day");
	expect_format(UNIT_TIME_WINDOW, -1, "土日祝 10:00-15:00 JST", "Sat, Sun, holidays 10:00–15:00 JST");
	expect_format(UNIT_YES_NO, -1, "有", "yes");
	expect_format(UNIT_YES_NO, -1, "該当なし", "n/a");
	expect_format(UNIT_FREQUENCY, -1, "年2回", "twice a year");
	expect_format(UNIT_FREQUENCY, -1, "3日ごと", "every 3 days");
	expect_format(UNIT_COUNT, -1, "3世代以上", "≥ 3 generations");
	expect_format(UNIT_DURATION, SCALE_MIN, "5", "5 min");
}

static void test_check_message(void **state)
{
	(void)state;
	tmpl_item it;
	memset(&it, 0, sizeof it);
	it.unit = UNIT_PERCENT;
	it.default_scale = -1;
	it.has_min = it.has_max = true;
	it.max = 100;
	const char *code;
	char *msg = units_check_message(&it, "99.9時間", NULL, &code);
	assert_non_null(msg);
	assert_string_equal(code, "unit-mismatch");
	assert_non_null(strstr(msg, "is a duration"));
	assert_non_null(strstr(msg, "99.9%"));
	free(msg);
	assert_null(units_check_message(&it, "99.9%", NULL, &code));
	msg = units_check_message(&it, "101%", NULL, &code);
	assert_string_equal(code, "out-of-range");
	free(msg);
	msg = units_check_message(&it, "≤ 200%", NULL, &code);
	assert_string_equal(code, "out-of-range");
	free(msg);
	msg = units_check_message(&it, "good", NULL, &code);
	assert_string_equal(code, "unparseable-value");
	free(msg);
	/* choice by id and by label in any language */
	tmpl_label opts[2];
	memset(opts, 0, sizeof opts);
	opts[0].id = "basic";
	ltext_add(&opts[0].label, "ja", "ベーシック");
	opts[1].id = "premium";
	it.unit = UNIT_CHOICE;
	it.options = opts;
	it.n_options = 2;
	it.has_min = it.has_max = false;
	typed_value v;
	assert_null(units_check_message(&it, "basic", &v, &code));
	assert_string_equal(v.choice, "basic");
	assert_null(units_check_message(&it, "ベーシック", &v, &code));
	assert_string_equal(v.choice, "basic");
	assert_null(units_check_message(&it, "PREMIUM", &v, &code));
	msg = units_check_message(&it, "gold", NULL, &code);
	assert_string_equal(code, "unparseable-value");
	free(msg);
	ltext_free(&opts[0].label);
}

static void test_normalize(void **state)
{
	(void)state;
	char *n = units_normalize("９９．９％　以上～ABC");
	assert_string_equal(n, "99.9%以上-abc");
	free(n);
	n = units_normalize("1〜5分 – 2—3");
	assert_string_equal(n, "1-5分-2-3");
	free(n);
}

/* A text answer longer than any n/a word skips normalising: the same
 * reading as the long way for n/a words however spaced, prose, and text
 * that is not UTF-8. */
static void test_text_past_na_words(void **state)
{
	(void)state;
	static const char *const short_ones[] = {
		"n/a", "N / A", "Not Applicable", " not　applicable ", "ＮＯＴ　ＡＰＰＬＩＣＡＢＬＥ", "該当なし",
		"\t該 当 な し\n", "なし（該当なし）", "なし(該当なし)", "対象外", "", "   ", "　　", "\xc2\xa0n/a",
		"abcdefghijklm", "あいうえおかきくけこさしす",
	};
	for (size_t i = 0; i < sizeof short_ones / sizeof *short_ones; i++)
		assert_false(units_past_na_words(short_ones[i]));
	static const char *const long_ones[] = {
		"notapplicablex", "abcdefghijklmn", "あいうえおかきくけこさしすせ",
		"当社は、データセンターの入退館を常時記録し、記録を1年間保管しています。",
		"a b c d e f g h i j k l m n", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2",
	};
	for (size_t i = 0; i < sizeof long_ones / sizeof *long_ones; i++)
		assert_true(units_past_na_words(long_ones[i]));
	/* the reading is the same either way */
	typed_value v;
	assert_int_equal(units_parse(UNIT_TEXT, -1, " Not　Applicable ", &v), PARSE_OK);
	assert_true(v.na);
	assert_int_equal(units_parse(UNIT_TEXT, -1, "なし（該当なし）", &v), PARSE_OK);
	assert_true(v.na);
	assert_int_equal(units_parse(UNIT_TEXT, -1, long_ones[3], &v), PARSE_OK);
	assert_false(v.na);
	assert_int_equal(v.unit, UNIT_TEXT);
	assert_int_equal(units_parse(UNIT_TEXT, -1, "　 \n", &v), PARSE_EMPTY);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grammar_table),
		cmocka_unit_test(test_bounds_and_ranges),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_check_message),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_text_past_na_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
