/* Shared by the units_*.c files only: the matchers every unit's grammar
 * is written with, and each unit's parser. Strings are normalized
 * (units_normalize): lower case, no spaces, ASCII digits and '-'. */
#ifndef CHECKSHEET_UNITS_INTERNAL_H
#define CHECKSHEET_UNITS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "units.h"

#define N_WORDS(a) (sizeof(a) / sizeof *(a))

/* A word and what it stands for; in a table the longest match wins. */
typedef struct unit_word {
	const char *text;
	int value;
} unit_word;

bool units_match_word(const char **p, const unit_word *w, size_t n, int *value);
bool units_match_lit(const char **p, const char *lit);
/* The first of lits that *p starts with, skipped; NULL when none. */
const char *units_match_any(const char **p, const char *const *lits, size_t n);
bool units_is_digit(char c);

/* What a number may be written as. */
enum {
	NUM_DECIMAL = 1, /* 1.5 (else a whole number) */
	NUM_KANJI = 2,   /* 三, 十, 二十 (only where a counter word follows) */
};

/* A number: 1,000, 1.5, or with NUM_KANJI 二十. "数" (a few) is never a
 * number: see units_at_vague. */
bool units_parse_number(const char **p, unsigned flags, double *out);
/* Does *p start with a vague figure (数, 何, 若干)? */
bool units_at_vague(const char *p);
/* Is a kanji numeral next (一..九, 十, 百, 千)? */
bool units_at_kanji_digit(const char *p);

/* Scale words (秒 s min 時間 日 営業日 週 ヶ月 年 ...) with their duration_scale. */
extern const unit_word units_scale_words[];
extern const size_t units_n_scale_words;

/* Each unit's grammar, on the stripped core of a value. `strict` (used to
 * say what a value of another unit *is*) demands a unit word. */
bool units_parse_duration(const char *s, int default_scale, bool strict, typed_value *v);
bool units_parse_count(const char *s, bool strict, typed_value *v);
bool units_parse_frequency(const char *s, typed_value *v);
bool units_parse_window(const char *s, typed_value *v);

/* Frequencies count months as twelfths of a year, so that 3ヶ月に1回 is
 * exactly 四半期 and 6ヶ月に1回 半年 (a duration's month is 30 days). */
double units_freq_scale_seconds(int scale);
#define FREQ_HOUR 3600.0
#define FREQ_DAY 86400.0
#define FREQ_WEEK 604800.0
#define FREQ_YEAR 31536000.0
#define FREQ_MONTH (FREQ_YEAR / 12)
#define FREQ_QUARTER (FREQ_YEAR / 4)
#define FREQ_HALF_YEAR (FREQ_YEAR / 2)

/* Counter words and their readings (units_count.c). */
typedef struct counter_info {
	const char *id;         /* for exports: "generations" */
	const char *one, *many; /* NP_() "%s generation" / "%s generations" */
} counter_info;
extern const counter_info units_counter_table[COUNTER_COUNT];

/* Words that must stay errors however close they look: 十分 is "enough",
 * biweekly twice a week or every two weeks. */
bool units_is_ambiguous_word(const char *s);

#endif
