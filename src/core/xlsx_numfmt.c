#include <config.h>

/* Numbers as Excel displays them: General, and the number format codes
 * of ECMA-376 Part 1, 18.8.31 (digits, decimals, thousands, scaling,
 * percent, scientific, literals, dates, times, elapsed times, Japanese
 * eras).
 *
 * The stored text of a number is taken as a decimal (never through the
 * C library's strtod or printf, whose decimal point follows the user's
 * locale) and rounded to 15 significant digits, as Excel does before it
 * displays anything: "0.30000000000000004" shows as 0.3, and 1.005 with
 * two decimals as 1.01. Rounding is half away from zero.
 *
 * Left out: fractions (# ?/?, shown as General), conditions ([>100]),
 * [DBNum] numerals, colours, padding (_x) and fill (*x), the text
 * section (strings are shown as they are). Dates and times are in
 * xlsx_datefmt.c. */

#include "xlsx_internal.h"
#include "xlsx_numfmt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void dec_strip(xdec *x)
{
	while (x->nd > 0 && x->d[x->nd - 1] == '0')
		x->nd--;
	if (x->nd == 0)
		x->point = 0;
}

/* Keeps the first n significant digits, rounding half up. */
static void dec_round_digits(xdec *x, int n)
{
	if (x->nd <= n)
		return;
	if (n < 0) {
		x->nd = 0;
		x->point = 0;
		return;
	}
	bool up = x->d[n] >= '5';
	x->nd = n;
	if (up) {
		int i = n - 1;
		while (i >= 0 && x->d[i] == '9')
			i--;
		if (i < 0) {
			x->d[0] = '1';
			x->nd = 1;
			x->point++;
		} else {
			x->d[i]++;
			x->nd = i + 1;
		}
	}
	dec_strip(x);
}

static void dec_round_decimals(xdec *x, int decimals)
{
	if (!dec_zero(x))
		dec_round_digits(x, x->point + decimals);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The text of a <v>: [sign] digits [. digits] [e [sign] digits], spaces
 * around. False for anything else, and for magnitudes no double holds
 * (no workbook stores them). */
static bool dec_parse(const char *s, xdec *x)
{
	memset(x, 0, sizeof *x);
	while (is_space(*s))
		s++;
	if (*s == '-' || *s == '+')
		x->neg = *s++ == '-';
	bool any = false, seen_point = false, nonzero = false;
	long ni = 0, lead = 0;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			any = true;
			ni += !seen_point;
			if (!nonzero && *s == '0') {
				lead++;
				continue;
			}
			nonzero = true;
			if (x->nd < SIG_DIGITS + 1)
				x->d[x->nd++] = *s;
		} else if (*s == '.' && !seen_point) {
			seen_point = true;
		} else {
			break;
		}
		if (ni > 100000 || lead > 100000)
			return false;
	}
	if (!any)
		return false;
	long e = 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		bool eneg = false;
		if (*s == '-' || *s == '+')
			eneg = *s++ == '-';
		if (*s < '0' || *s > '9')
			return false;
		for (; *s >= '0' && *s <= '9'; s++)
			if (e < 100000)
				e = e * 10 + (*s - '0');
		if (eneg)
			e = -e;
	}
	while (is_space(*s))
		s++;
	if (*s)
		return false;
	if (!nonzero) {
		memset(x, 0, sizeof *x);
		return true;
	}
	long point = ni - lead + e;
	if (point > 310 || point < -330)
		return false;
	x->point = (int)point;
	dec_round_digits(x, SIG_DIGITS);
	dec_strip(x);
	return true;
}

/* ---- General ---- */

/* As Excel's General in a column of standard width: at most 11
 * characters besides the sign, else scientific with 6 significant
 * digits (1.23457E+11). */
static void fmt_general(strbuf *out, const xdec *in)
{
	if (dec_zero(in)) {
		sb_addc(out, '0');
		return;
	}
	int e = in->point - 1;
	bool sci = e >= 11 || e <= -10 || (e <= -5 && in->nd > 10 + e);
	if (!sci) {
		xdec x = *in;
		dec_round_decimals(&x, e >= 9 ? 0 : e >= 0 ? 9 - e : 9);
		if (dec_zero(&x)) {
			sb_addc(out, '0');
			return;
		}
		if (x.point <= 11) {
			if (x.neg)
				sb_addc(out, '-');
			if (x.point <= 0)
				sb_addc(out, '0');
			for (long k = 0; k < x.point; k++)
				sb_addc(out, dec_digit(&x, k));
			if (x.nd > x.point) {
				sb_addc(out, '.');
				for (long p = x.point; p < x.nd; p++)
					sb_addc(out, dec_digit(&x, p));
			}
			return;
		}
	}
	xdec x = *in;
	dec_round_digits(&x, 6);
	if (x.neg)
		sb_addc(out, '-');
	sb_addc(out, x.d[0]);
	if (x.nd > 1) {
		sb_addc(out, '.');
		sb_addn(out, x.d + 1, (size_t)x.nd - 1);
	}
	int ex = x.point - 1;
	sb_printf(out, "E%c%02d", ex < 0 ? '-' : '+', ex < 0 ? -ex : ex);
}

/* ---- format codes ---- */

static size_t char_len(const char *s, size_t left)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return n > left ? left : n;
}

static size_t run_of(const char *s, size_t left, char lower)
{
	size_t n = 0;
	while (n < left && (s[n] | 0x20) == lower)
		n++;
	return n;
}

static bool prefix_ci(const char *s, size_t left, const char *word)
{
	size_t n = strlen(word);
	if (n > left)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != (word[i] | 0x20))
			return false;
	return true;
}

static void add_tok(section *sec, tok t)
{
	if (sec->n < FMT_MAX)
		sec->t[sec->n++] = t;
}

static void add_lit(section *sec, const char *s, size_t len)
{
	if (len)
		add_tok(sec, (tok){.k = TK_LIT, .s = s, .len = len});
}

/* A [...] at s (len bytes inside the brackets). */
static void bracket(section *sec, const char *in, size_t n)
{
	static const struct {
		char letter;
		tok_kind kind;
	} elapsed[] = {{'h', TK_ELAPSED_H}, {'m', TK_ELAPSED_M}, {'s', TK_ELAPSED_S}};
	for (size_t k = 0; k < sizeof elapsed / sizeof *elapsed; k++)
		if (n && run_of(in, n, elapsed[k].letter) == n) {
			add_tok(sec, (tok){.k = elapsed[k].kind, .n = (int)n});
			return;
		}
	if (n && in[0] == '$') {
		/* [$text-locale]: the text is shown, the locale is not */
		const char *dash = memchr(in + 1, '-', n - 1);
		add_lit(sec, in + 1, dash ? (size_t)(dash - in - 1) : n - 1);
	}
	/* colours, conditions, [DBNum1]...: passed over */
}

static const struct {
	char letter;
	tok_kind kind;
} date_letters[] = {
	{'y', TK_YEAR}, {'m', TK_MONTH}, {'d', TK_DAY}, {'h', TK_HOUR},
	{'s', TK_SECOND}, {'e', TK_ERA_YEAR}, {'g', TK_ERA_NAME}, {'a', TK_WEEKDAY_JA},
};

/* m is minutes right after an hour or right before a second; .00 after
 * seconds is a fraction of a second. */
static void date_fixups(section *sec)
{
	for (int k = 0; k < sec->n; k++) {
		tok *t = &sec->t[k];
		if (t->k == TK_MONTH) {
			int p = k - 1, q = k + 1;
			while (p >= 0 && !is_date_kind(sec->t[p].k))
				p--;
			while (q < sec->n && !is_date_kind(sec->t[q].k))
				q++;
			if ((p >= 0 && (sec->t[p].k == TK_HOUR || sec->t[p].k == TK_ELAPSED_H)) ||
			    (q < sec->n && (sec->t[q].k == TK_SECOND || sec->t[q].k == TK_ELAPSED_S)))
				t->k = TK_MINUTE;
		} else if (t->k == TK_POINT && k > 0 &&
			   (sec->t[k - 1].k == TK_SECOND || sec->t[k - 1].k == TK_ELAPSED_S)) {
			int q = k + 1;
			while (q < sec->n && sec->t[q].k == TK_DIGIT && sec->t[q].ch == '0')
				q++;
			int digits = q - k - 1;
			t->k = TK_SUBSEC;
			t->n = digits > 3 ? 3 : digits;
			memmove(&sec->t[k + 1], &sec->t[q], (size_t)(sec->n - q) * sizeof *sec->t);
			sec->n -= digits;
		}
	}
}

/* One section's text (s, len) into tokens. */
static void tokenize(const char *s, size_t len, section *sec)
{
	static const char general_ja[] = "G/\xE6\xA8\x99\xE6\xBA\x96"; /* G/標準, Japanese Excel's General */
	sec->n = 0;
	sec->date = sec->text = false;
	size_t i = 0;
	while (i < len) {
		char c = s[i];
		char lc = (char)(c | 0x20);
		size_t left = len - i;
		if (c == '"') {
			const char *end = memchr(s + i + 1, '"', left - 1);
			size_t stop = end ? (size_t)(end - s) : len;
			add_lit(sec, s + i + 1, stop - i - 1);
			i = end ? stop + 1 : len;
		} else if (c == '\\') {
			size_t n = left > 1 ? char_len(s + i + 1, left - 1) : 0;
			add_lit(sec, s + i + 1, n);
			i += 1 + n;
		} else if (c == '_' || c == '*') {
			/* padding to a character's width, and fill: layout, not text */
			i += 1 + (left > 1 ? char_len(s + i + 1, left - 1) : 0);
		} else if (c == '[') {
			const char *end = memchr(s + i + 1, ']', left - 1);
			size_t stop = end ? (size_t)(end - s) : len;
			bracket(sec, s + i + 1, stop - i - 1);
			i = end ? stop + 1 : len;
		} else if (prefix_ci(s + i, left, "general")) {
			add_tok(sec, (tok){.k = TK_GENERAL});
			i += 7;
		} else if (left >= sizeof general_ja - 1 && memcmp(s + i, general_ja, sizeof general_ja - 1) == 0) {
			add_tok(sec, (tok){.k = TK_GENERAL});
			i += sizeof general_ja - 1;
		} else if (c == '0' || c == '#' || c == '?') {
			add_tok(sec, (tok){.k = TK_DIGIT, .ch = c});
			i++;
		} else if (c == '.' || c == ',' || c == '%' || c == '@') {
			add_tok(sec, (tok){.k = c == '.' ? TK_POINT : c == ',' ? TK_COMMA : c == '%' ? TK_PERCENT : TK_AT});
			i++;
		} else if (lc == 'e' && left > 1 && (s[i + 1] == '+' || s[i + 1] == '-')) {
			size_t k = i + 2;
			while (k < len && (s[k] == '0' || s[k] == '#'))
				k++;
			add_tok(sec, (tok){.k = TK_EXP, .ch = s[i + 1], .n = (int)(k - i - 2), .s = s + i, .len = 1});
			i = k;
		} else if (prefix_ci(s + i, left, "am/pm")) {
			add_tok(sec, (tok){.k = TK_AMPM, .ch = 'M'});
			i += 5;
		} else if (prefix_ci(s + i, left, "a/p")) {
			add_tok(sec, (tok){.k = TK_AMPM, .ch = c});
			i += 3;
		} else if (lc == 'b' && left > 1 && (s[i + 1] == '1' || s[i + 1] == '2')) {
			i += 2; /* a calendar (B1 Gregorian, B2 Hijri): Gregorian here */
		} else if (strchr("ymdhseg", lc) && lc != '\0') {
			size_t n = run_of(s + i, left, lc);
			for (size_t k = 0; k < sizeof date_letters / sizeof *date_letters; k++)
				if (date_letters[k].letter == lc)
					add_tok(sec, (tok){.k = date_letters[k].kind, .n = (int)n});
			i += n;
		} else if (lc == 'a' && run_of(s + i, left, 'a') >= 3) {
			size_t n = run_of(s + i, left, 'a');
			add_tok(sec, (tok){.k = TK_WEEKDAY_JA, .n = (int)n});
			i += n;
		} else {
			size_t n = char_len(s + i, left);
			add_lit(sec, s + i, n);
			i += n;
		}
	}
	for (int k = 0; k < sec->n; k++) {
		sec->date |= is_date_kind(sec->t[k].k);
		sec->text |= sec->t[k].k == TK_AT;
	}
	if (sec->date)
		date_fixups(sec);
}

/* Splits code at the semicolons that are not quoted, escaped or in
 * brackets; returns the number of sections (at most 4). */
static int split_sections(const char *code, size_t len, const char *start[4], size_t slen[4])
{
	int n = 0;
	size_t from = 0;
	for (size_t i = 0; i <= len && n < 4; i++) {
		if (i == len || code[i] == ';') {
			start[n] = code + from;
			slen[n++] = i - from;
			from = i + 1;
			continue;
		}
		const char *end = NULL;
		if (code[i] == '"')
			end = memchr(code + i + 1, '"', len - i - 1);
		else if (code[i] == '[')
			end = memchr(code + i + 1, ']', len - i - 1);
		else if ((code[i] == '\\' || code[i] == '_' || code[i] == '*') && i + 1 < len)
			end = code + i + 1;
		else
			continue;
		/* an unclosed quote or bracket runs to the end */
		i = end ? (size_t)(end - code) : len - 1;
	}
	return n;
}

/* ---- numbers ---- */

typedef struct num_shape {
	int n_int, n_frac;  /* digit placeholders */
	char int_ph[FMT_MAX + 1], frac_ph[FMT_MAX + 1];
	int point;          /* the token of the decimal point, or -1 */
	int last_int;       /* the last integer placeholder, or -1 */
	int pct, scale;     /* percent signs; thousands divided by */
	bool thousands;
	const tok *exp;
	bool fraction;      /* # ?/?, not supported */
} num_shape;

static void shape_of(section *sec, num_shape *sh)
{
	memset(sh, 0, sizeof *sh);
	sh->point = sh->last_int = -1;
	int first = -1, last = -1; /* digit placeholders of the mantissa */
	for (int k = 0; k < sec->n; k++) {
		tok *t = &sec->t[k];
		if (t->k == TK_DIGIT && !sh->exp) {
			if (first < 0)
				first = k;
			last = k;
			if (sh->point >= 0) {
				sh->frac_ph[sh->n_frac++] = t->ch;
			} else {
				sh->int_ph[sh->n_int++] = t->ch;
				sh->last_int = k;
			}
		} else if (t->k == TK_POINT && sh->point < 0 && !sh->exp) {
			sh->point = k;
		} else if (t->k == TK_PERCENT) {
			sh->pct++;
		} else if (t->k == TK_EXP && !sh->exp) {
			sh->exp = t;
		} else if (t->k == TK_LIT && t->len == 1 && t->s[0] == '/' && k > 0 && k + 1 < sec->n &&
			   sec->t[k - 1].k == TK_DIGIT && sec->t[k + 1].k == TK_DIGIT) {
			sh->fraction = true;
		}
	}
	/* a comma between integer placeholders groups thousands; commas
	 * right after the last placeholder each divide by 1000 */
	for (int k = 0; k < sec->n; k++) {
		tok *t = &sec->t[k];
		if (t->k != TK_COMMA)
			continue;
		t->n = COMMA_LITERAL;
		if (first >= 0 && k > first && k < sh->last_int) {
			t->n = COMMA_THOUSANDS;
			sh->thousands = true;
		} else if (last >= 0 && k > last) {
			int p = k - 1;
			while (p > last && sec->t[p].k == TK_COMMA)
				p--;
			if (p == last) {
				t->n = COMMA_SCALE;
				sh->scale++;
			}
		}
	}
}

/* The integer part of x (rounded already) for the placeholders: missing
 * digits are zeros for 0, spaces for ?, nothing for #. */
static void render_int(strbuf *out, const xdec *x, const num_shape *sh)
{
	strbuf digits;
	sb_init(&digits);
	sb_add(&digits, "");
	long have = x->point > 0 ? x->point : 0;
	int spaces = 0, zeros = 0;
	for (long p = 0; p < sh->n_int - have; p++) {
		spaces += sh->int_ph[p] == '?';
		zeros += sh->int_ph[p] == '0';
	}
	for (int k = 0; k < zeros; k++)
		sb_addc(&digits, '0');
	for (long k = 0; k < have; k++)
		sb_addc(&digits, dec_digit(x, k));
	for (int k = 0; k < spaces; k++)
		sb_addc(out, ' ');
	for (size_t k = 0; k < digits.len; k++) {
		sb_addc(out, digits.s[k]);
		if (sh->thousands && k + 1 < digits.len && (digits.len - k - 1) % 3 == 0)
			sb_addc(out, ',');
	}
	sb_free(&digits);
}

/* The decimals of x (rounded to n_frac already): trailing zeros are
 * kept for 0, spaces for ?, left out for #. */
static void render_frac(strbuf *out, const xdec *x, const num_shape *sh)
{
	int last = 0;
	for (int j = 1; j <= sh->n_frac; j++)
		if (dec_digit(x, (long)x->point + j - 1) != '0')
			last = j;
	for (int j = 1; j <= sh->n_frac; j++) {
		char ph = sh->frac_ph[j - 1];
		if (j <= last || ph == '0')
			sb_addc(out, dec_digit(x, (long)x->point + j - 1));
		else if (ph == '?')
			sb_addc(out, ' ');
	}
}

static long floor_div(long a, long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/* x (not negative) in a section of digits. */
static void fmt_num(strbuf *out, const xdec *in, section *sec, bool minus)
{
	num_shape sh;
	shape_of(sec, &sh);
	xdec x = *in;
	long exp10 = 0;
	if (sh.exp) {
		int k = sh.n_int > 0 ? sh.n_int : 1;
		bool eng = sh.n_int > 1 && memchr(sh.int_ph, '#', (size_t)sh.n_int);
		for (int pass = 0; pass < 2 && !dec_zero(in); pass++) {
			long e = in->point - 1 + pass;
			exp10 = eng ? floor_div(e, k) * k : e - (k - 1);
			x = *in;
			x.point = (int)(in->point - exp10);
			dec_round_decimals(&x, sh.n_frac);
			if (x.point <= k)
				break;
		}
	} else if (!dec_zero(&x)) {
		x.point += 2 * sh.pct - 3 * sh.scale;
		dec_round_decimals(&x, sh.n_frac);
	}
	bool has_digits = sh.n_int || sh.n_frac || sh.point >= 0;
	if (minus && (!has_digits || !dec_zero(&x)))
		sb_addc(out, '-');
	bool int_done = false;
	for (int k = 0; k < sec->n; k++) {
		const tok *t = &sec->t[k];
		switch (t->k) {
		case TK_LIT:
			sb_addn(out, t->s, t->len);
			break;
		case TK_DIGIT:
			if (!int_done && k <= sh.last_int) {
				render_int(out, &x, &sh);
				int_done = true;
			}
			break;
		case TK_POINT:
			if (k != sh.point) {
				sb_addc(out, '.');
				break;
			}
			if (!int_done) {
				render_int(out, &x, &sh);
				int_done = true;
			}
			sb_addc(out, '.');
			render_frac(out, &x, &sh);
			break;
		case TK_COMMA:
			if (t->n == COMMA_LITERAL)
				sb_addc(out, ',');
			break;
		case TK_PERCENT:
			sb_addc(out, '%');
			break;
		case TK_EXP:
			if (t == sh.exp) {
				long a = exp10 < 0 ? -exp10 : exp10;
				sb_addc(out, t->s[0]);
				if (exp10 < 0 || t->ch == '+')
					sb_addc(out, exp10 < 0 ? '-' : '+');
				sb_printf(out, "%0*ld", t->n > 0 ? t->n : 1, a);
			}
			break;
		case TK_GENERAL:
			fmt_general(out, in);
			break;
		default:
			break;
		}
	}
}

/* ---- built-in formats ---- */

/* ECMA-376 Part 1, 18.8.30, with the Japanese ones (27-36, 50-58). 14
 * and 22 follow the locale in Excel; they read as a Japanese desktop
 * shows them. The currency formats 5-8 and 42, 44 lose their symbol,
 * which depends on the locale. */
static const struct {
	int id;
	const char *code;
} builtin_formats[] = {
	{1, "0"},
	{2, "0.00"},
	{3, "#,##0"},
	{4, "#,##0.00"},
	{5, "#,##0;-#,##0"},
	{6, "#,##0;[Red]-#,##0"},
	{7, "#,##0.00;-#,##0.00"},
	{8, "#,##0.00;[Red]-#,##0.00"},
	{9, "0%"},
	{10, "0.00%"},
	{11, "0.00E+00"},
	{12, "# ?/?"},
	{13, "# ?\?/??"},
	{14, "yyyy/m/d"},
	{15, "d-mmm-yy"},
	{16, "d-mmm"},
	{17, "mmm-yy"},
	{18, "h:mm AM/PM"},
	{19, "h:mm:ss AM/PM"},
	{20, "h:mm"},
	{21, "h:mm:ss"},
	{22, "yyyy/m/d h:mm"},
	{27, "[$-411]ge.m.d"},
	{28, "[$-411]ggge\"年\"m\"月\"d\"日\""},
	{29, "[$-411]ggge\"年\"m\"月\"d\"日\""},
	{30, "m/d/yy"},
	{31, "yyyy\"年\"m\"月\"d\"日\""},
	{32, "h\"時\"mm\"分\""},
	{33, "h\"時\"mm\"分\"ss\"秒\""},
	{34, "yyyy\"年\"m\"月\""},
	{35, "m\"月\"d\"日\""},
	{36, "[$-411]ge.m.d"},
	{37, "#,##0 ;(#,##0)"},
	{38, "#,##0 ;[Red](#,##0)"},
	{39, "#,##0.00;(#,##0.00)"},
	{40, "#,##0.00;[Red](#,##0.00)"},
	{41, "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)"},
	{42, "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)"},
	{43, "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)"},
	{44, "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)"},
	{45, "mm:ss"},
	{46, "[h]:mm:ss"},
	{47, "mmss.0"},
	{48, "##0.0E+0"},
	{49, "@"},
	{50, "[$-411]ge.m.d"},
	{51, "[$-411]ggge\"年\"m\"月\"d\"日\""},
	{52, "yyyy\"年\"m\"月\""},
	{53, "m\"月\"d\"日\""},
	{54, "[$-411]ggge\"年\"m\"月\"d\"日\""},
	{55, "yyyy\"年\"m\"月\""},
	{56, "m\"月\"d\"日\""},
	{57, "[$-411]ge.m.d"},
	{58, "[$-411]ggge\"年\"m\"月\"d\"日\""},
};

const char *xlsx_builtin_format(long id)
{
	for (size_t i = 0; i < sizeof builtin_formats / sizeof *builtin_formats; i++)
		if (builtin_formats[i].id == id)
			return builtin_formats[i].code;
	return NULL;
}

bool xlsx_format_number(strbuf *out, const char *number, const char *code, bool date1904)
{
	xdec x;
	if (!dec_parse(number, &x))
		return false;
	size_t len = code ? strlen(code) : 0;
	if (len == 0 || len > FMT_MAX) {
		fmt_general(out, &x);
		return true;
	}
	const char *start[4];
	size_t slen[4];
	int nsec = split_sections(code, len, start, slen);
	/* positive (and zero) numbers take the first section, negative ones
	 * the second without their sign, zero the third */
	bool neg = x.neg && !dec_zero(&x);
	int si = 0;
	bool minus = neg;
	if (neg && nsec >= 2) {
		si = 1;
		minus = false;
	} else if (dec_zero(&x) && nsec >= 3) {
		si = 2;
	}
	section secbuf;
	section *sec = &secbuf;
	tokenize(start[si], slen[si], sec);
	xdec mag = x;
	mag.neg = false;
	num_shape sh;
	shape_of(sec, &sh);
	bool done = false;
	if (sec->date)
		done = !neg && xlsx_fmt_date(out, &x, sec, date1904);
	else if (!sec->text && !sh.fraction) {
		fmt_num(out, &mag, sec, minus);
		done = true;
	}
	if (!done)
		fmt_general(out, &x);
	return true;
}
