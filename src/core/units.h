#ifndef CHECKSHEET_UNITS_H
#define CHECKSHEET_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef enum yesno { YN_YES, YN_NO, YN_PARTIAL, YN_UNDISCLOSED } yesno;

typedef enum bound { BOUND_NONE, BOUND_LE, BOUND_LT, BOUND_GE, BOUND_GT } bound;

typedef enum statistic { STAT_NONE, STAT_AVG, STAT_APPROX, STAT_MAX, STAT_MIN } statistic;

typedef enum commitment {
	COMMIT_NONE,
	COMMIT_GUARANTEED,
	COMMIT_TARGET,
	COMMIT_ACTUAL
} commitment;

typedef enum duration_scale {
	SCALE_S,
	SCALE_MIN,
	SCALE_H,
	SCALE_D,
	SCALE_BD, /* business days: a scale of its own, never silently days */
	SCALE_W,
	SCALE_MON,
	SCALE_Y,
	SCALE_COUNT
} duration_scale;

typedef enum freq_kind { FREQ_PERIODIC, FREQ_CONTINUOUS, FREQ_ON_DEMAND } freq_kind;

/* The counter word of a count, kept for its reading: 7世代 reads
 * "7 generations", not a bare 7. */
typedef enum counter {
	COUNTER_NONE,
	COUNTER_TIMES,       /* 回 times */
	COUNTER_RUNS_WORTH,  /* 回分: 14回分 (of backups) */
	COUNTER_CASES,       /* 件 cases */
	COUNTER_GENERATIONS, /* 世代 世代分 generations */
	COUNTER_PEOPLE,      /* 人 名 people */
	COUNTER_USERS,       /* users */
	COUNTER_ITEMS,       /* 個 items */
	COUNTER_DEVICES,     /* 台 */
	COUNTER_COUNT
} counter;

/* Why a value was refused, when it is more than "does not read": the
 * check message says so instead of listing the accepted forms. */
typedef enum parse_why {
	WHY_NONE,
	WHY_VAGUE,       /* 数世代, 年に数回: no figure to keep */
	WHY_AMBIGUOUS,   /* 十分, biweekly, 1日おき, 9-6pm: more than one reading */
	WHY_CLOCK_STOPS, /* 24時間以内（営業日換算）: not wall-clock time */
} parse_why;

enum {
	DAY_MON = 1 << 0,
	DAY_TUE = 1 << 1,
	DAY_WED = 1 << 2,
	DAY_THU = 1 << 3,
	DAY_FRI = 1 << 4,
	DAY_SAT = 1 << 5,
	DAY_SUN = 1 << 6,
	DAY_HOL = 1 << 7,
	DAYS_WEEKDAYS = 0x1F,
	DAYS_ALL = 0xFF,
};

#define UNITS_MAX_WINDOWS 4

typedef struct time_window {
	unsigned days;       /* DAY_* bits; 0: the days were not stated (9:00-18:00) */
	int start, end;      /* minutes from midnight, end may be 1440; end < start:
			      * overnight, ending on the next day */
} time_window;

/* The typed meaning of a value; computed from the text, never stored. */
typedef struct typed_value {
	unit_kind unit;
	bool na;               /* n/a, 該当なし */
	yesno yn;
	/* A quantity in the unit's base: percent, seconds, count. */
	double num;
	bool has_lo, has_hi, lo_strict, hi_strict;
	double lo, hi;
	bool range;
	bool several;          /* "数秒": a vague lower figure (only below a range) */
	int scale;             /* duration scale as typed (a range: its upper figure's) */
	int lo_scale;          /* duration range: the lower figure's scale (30分-2時間) */
	bool unlimited;        /* 無期限 unlimited: no limit; num, lo and hi are +inf */
	bool as_rule;          /* 原則 "as a rule": judged by its figure, shown in its reading */
	counter counter;       /* count: the counter word typed */
	bound bound;
	statistic stat;
	commitment commit;
	/* time-window */
	bool always;
	time_window windows[UNITS_MAX_WINDOWS];
	int n_windows;
	char tz[16];
	/* frequency: `times` per `period` seconds, or a kind without period */
	freq_kind freq;
	double times, period;
	/* choice: the option id (points into the template) */
	const char *choice;
	bool remark;           /* a parenthesised remark was passed over */
	bool clock_stops;      /* the remark says the clock stops (営業日換算, 土日祝除く) */
	parse_why why;         /* on PARSE_BAD: a reason worth telling, if any */
} typed_value;

typedef enum parse_status {
	PARSE_OK,
	PARSE_EMPTY,
	PARSE_BAD,      /* does not read as this unit */
	PARSE_MISMATCH, /* reads as a quantity of another unit */
} parse_status;

typedef struct unit_info {
	const char *id;      /* as in templates: "yes-no" */
	const char *name;    /* N_() noun for messages: "a percentage" */
	const char *hint;    /* N_() accepted forms */
	bool numeric;        /* min/max apply */
	bool qualifiers;     /* takes qualifier and commitment words */
} unit_info;

extern const unit_info unit_table[UNIT_KIND_COUNT];

typedef struct scale_info {
	const char *id;      /* default-scale value: s, min, h, d ... */
	double seconds;
	/* NP_() "%s day" / "%s days" and N_() "a few days" (数日), for readings */
	const char *one, *many, *few;
} scale_info;

extern const scale_info scale_table[SCALE_COUNT];

/* Looks a unit up by its id; false when unknown. */
bool units_lookup(const char *id, unit_kind *out);
/* Looks a default-scale id up; -1 when unknown. */
int units_scale_lookup(const char *id);

/* Rewrites full-width ASCII, ideographic space and the dash family, lower-
 * cases ASCII and drops white space: the form every matcher reads. */
char *units_normalize(const char *text);

/* Parses text as unit (default_scale -1 for none). On PARSE_MISMATCH,
 * out->unit says which unit the text reads as. */
parse_status units_parse(unit_kind unit, int default_scale, const char *text, typed_value *out);
/* Same, with the item's options for choice items. */
parse_status units_parse_item(const tmpl_item *item, const char *text, typed_value *out);

/* The verdict on a value for an item, in words: NULL when it reads well,
 * else a translated message (caller frees) and its problem code. This is
 * the one message `check` prints and the editor shows as you type. */
char *units_check_message(const tmpl_item *item, const char *text, typed_value *out,
			  const char **code);

/* A typed value for people: "≤ 12 時間", "平日 10:00–16:00". */
char *units_format(const typed_value *v);

/* Translated words for the enums, for messages and exports. */
const char *units_commitment_id(commitment c);   /* "guaranteed"..., NULL */
const char *units_commitment_label(commitment c);
const char *units_yesno_label(yesno y);
const char *units_counter_id(counter c);         /* "generations"..., NULL for none */

/* Strips qualifier and commitment words and parenthesised remarks off a
 * normalized string in place (units_words.c); the importer uses it too. */
void units_strip_words(char *s, typed_value *out, bool allow_qualifiers);
/* Is s an n/a word (normalized)? */
bool units_is_na(const char *s);
/* Whether text (not normalised) has more characters other than spaces
 * than any n/a word: normalising drops only spaces, so such a text is
 * neither empty nor n/a, whatever else it holds. Lets a long prose
 * answer skip the normalising a short value needs. */
bool units_past_na_words(const char *text);

#endif
