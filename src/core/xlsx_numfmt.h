#ifndef CHECKSHEET_XLSX_NUMFMT_H
#define CHECKSHEET_XLSX_NUMFMT_H

/* What xlsx_numfmt.c (numbers) and xlsx_datefmt.c (dates and times)
 * share: a number as decimal digits, and a format section as tokens. */

#include <stdbool.h>

#include "strbuf.h"

/* Excel's number format codes are at most 255 characters long: a longer
 * one is damage and reads as General, which also bounds every loop over
 * a code. */
#define FMT_MAX 255
#define SIG_DIGITS 15
/* 9999-12-31, the last day Excel shows. */
#define SERIAL_MAX 2958465L

/* value = (neg ? -1 : 1) * 0.d[0]d[1]...d[nd-1] * 10^point; nd == 0 is
 * zero. The first and the last digit are never '0'. */
typedef struct xdec {
	bool neg;
	int nd;
	int point;
	char d[SIG_DIGITS + 2];
} xdec;

static inline bool dec_zero(const xdec *x) { return x->nd == 0; }

/* The digit at position pos of 0.d0d1d2...: integer digit k is at k,
 * decimal j (1-based) at point + j - 1. */
static inline char dec_digit(const xdec *x, long pos) { return pos >= 0 && pos < x->nd ? x->d[pos] : '0'; }

typedef enum tok_kind {
	TK_LIT, TK_DIGIT, TK_POINT, TK_COMMA, TK_PERCENT, TK_EXP, TK_GENERAL, TK_AT,
	/* dates and times: every kind from here on */
	TK_YEAR, TK_MONTH, TK_MINUTE, TK_DAY, TK_HOUR, TK_SECOND, TK_SUBSEC, TK_AMPM,
	TK_ELAPSED_H, TK_ELAPSED_M, TK_ELAPSED_S, TK_ERA_NAME, TK_ERA_YEAR, TK_WEEKDAY_JA,
} tok_kind;

enum { COMMA_LITERAL, COMMA_THOUSANDS, COMMA_SCALE };

typedef struct tok {
	tok_kind k;
	int n;          /* letters in a run (yyyy: 4); digits of a fraction of a second
			   or of an exponent; the role of a comma */
	char ch;        /* TK_DIGIT: 0 # ?; TK_EXP: + or -; TK_AMPM: M (AM/PM), A or a (A/P) */
	const char *s;  /* TK_LIT, TK_EXP (the E as written) */
	size_t len;
} tok;

typedef struct section {
	tok t[FMT_MAX + 1];
	int n;
	bool date, text;
} section;

static inline bool is_date_kind(tok_kind k) { return k >= TK_YEAR; }

/* x as a date or time in section sec; false (nothing added) when it is
 * neither, negative or past 9999-12-31: Excel shows #### there. */
bool xlsx_fmt_date(strbuf *out, const xdec *x, const section *sec, bool date1904);

#endif
