/* Terminal-safe text: every class of control and invisible character
 * shown as a visible escape, Japanese and combining marks untouched, the
 * cut of a quoted value, and the JSON form. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/strbuf.h"
#include "core/term_safe.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static void expect_safe(const char *in, unsigned flags, const char *want)
{
	char *got = term_safe(in, flags);
	assert_string_equal(got, want);
	/* idempotent: the escapes themselves are plain */
	char *again = term_safe(got, flags);
	assert_string_equal(again, want);
	assert_true(term_safe_is_plain(got, strlen(got), flags));
	free(again);
	free(got);
}

static void test_c0_and_del(void **state)
{
	(void)state;
	expect_safe("\x1b]0;pwned\a", 0, "^[]0;pwned^G");
	expect_safe("\x1b[2J", 0, "^[[2J");
	expect_safe("\x1b]52;c;cHduZWQ=\a", 0, "^[]52;c;cHduZWQ=^G");
	expect_safe("a\x01z", 0, "a^Az");
	expect_safe("\x1f\x7f", 0, "^_^?");
	expect_safe("bell\a", 0, "bell^G");
	expect_safe("back\bspace", 0, "back^Hspace");
	/* every C0 control but the allowed ones, and DEL */
	for (int c = 1; c < 0x20; c++) {
		char in[2] = {(char)c, 0}, want[3] = {'^', (char)(c + 0x40), 0};
		expect_safe(in, 0, want);
	}
	assert_false(term_safe_is_plain("\x1b", 1, TS_KEEP_NEWLINE | TS_KEEP_TAB));
}

static void test_newline_and_tab(void **state)
{
	(void)state;
	expect_safe("a\nb\tc", 0, "a^Jb^Ic");
	expect_safe("a\nb\tc", TS_KEEP_NEWLINE, "a\nb^Ic");
	expect_safe("a\nb\tc", TS_KEEP_TAB, "a^Jb\tc");
	expect_safe("a\nb\tc", TS_KEEP_NEWLINE | TS_KEEP_TAB, "a\nb\tc");
	/* CR only as part of CRLF (CSV records): a lone CR would overwrite */
	expect_safe("a\r\nb", TS_KEEP_NEWLINE, "a\r\nb");
	expect_safe("safe\rEVIL", TS_KEEP_NEWLINE, "safe^MEVIL");
	expect_safe("a\r\n", 0, "a^M^J");
	expect_safe("end\r", TS_KEEP_NEWLINE, "end^M");
}

static void test_c1(void **state)
{
	(void)state;
	expect_safe("\xc2\x9b" "2J", 0, "<U+009B>2J");  /* CSI */
	expect_safe("\xc2\x9d" "0;x\xc2\x9c", 0, "<U+009D>0;x<U+009C>");  /* OSC ... ST */
	expect_safe("\xc2\x80\xc2\x9f", 0, "<U+0080><U+009F>");
	/* U+00A0 (no-break space) is a character, not a control */
	expect_safe("a\xc2\xa0z", 0, "a\xc2\xa0z");
}

static void test_bidi(void **state)
{
	(void)state;
	/* "exe.txt" shown reversed by RIGHT-TO-LEFT OVERRIDE */
	expect_safe("invoice\xe2\x80\xaetxt.exe", 0, "invoice<U+202E>txt.exe");
	const char *bidi[] = {"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
			      "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9"};
	const char *want[] = {"<U+202A>", "<U+202B>", "<U+202C>", "<U+202D>", "<U+202E>",
			      "<U+2066>", "<U+2067>", "<U+2068>", "<U+2069>"};
	for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++)
		expect_safe(bidi[i], 0, want[i]);
}

static void test_invisible(void **state)
{
	(void)state;
	struct {
		uint32_t cp;
		const char *want;
	} v[] = {
		{0x200B, "<U+200B>"}, {0x200C, "<U+200C>"}, {0x200D, "<U+200D>"}, {0x200E, "<U+200E>"},
		{0x200F, "<U+200F>"}, {0x2060, "<U+2060>"}, {0x2061, "<U+2061>"}, {0x2062, "<U+2062>"},
		{0x2063, "<U+2063>"}, {0x2064, "<U+2064>"}, {0xFEFF, "<U+FEFF>"}, {0x00AD, "<U+00AD>"},
		{0x061C, "<U+061C>"}, {0x180E, "<U+180E>"}, {0x2028, "<U+2028>"}, {0x2029, "<U+2029>"},
		{0xE0041, "<U+E0041>"},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char in[8] = {0};
		utf8_encode(v[i].cp, in);
		expect_safe(in, 0, v[i].want);
		assert_true(term_safe_hidden_cp(v[i].cp));
	}
	expect_safe("pass\xe2\x80\x8bword", 0, "pass<U+200B>word");
	assert_false(term_safe_hidden_cp('a'));
	assert_false(term_safe_hidden_cp(0x3042));
	assert_false(term_safe_hidden_cp(0x2010));
	assert_false(term_safe_hidden_cp(0xFE0F)); /* variation selectors stay */
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	expect_safe("\xff", 0, "<0xFF>");
	expect_safe("a\xe3\x81z", 0, "a<0xE3><0x81>z");  /* cut short */
	expect_safe("\xc0\xaf", 0, "<0xC0><0xAF>");      /* overlong / */
	expect_safe("\xed\xa0\x80", 0, "<0xED><0xA0><0x80>"); /* a surrogate */
	/* a real U+FFFD is a character */
	expect_safe("\xef\xbf\xbd", 0, "\xef\xbf\xbd");
	/* 8-bit text (CP932): only C0 and DEL, every other byte kept */
	expect_safe("\x83\x5c\x82\xa0\x1b[2J", TS_BYTES, "\x83\x5c\x82\xa0^[[2J");
}

static void test_japanese_untouched(void **state)
{
	(void)state;
	const char *ja[] = {
		"サービス稼働率 99.9%以上（計画停止を除く）",
		"平日 9:00-18:00、〜海外移転なし",
		"ﾊﾞｯｸｱｯﾌﾟ 　全角スペース ＴＬＳ",
		"𠮷野家 🍣",
		"",
	};
	for (size_t i = 0; i < sizeof ja / sizeof *ja; i++) {
		expect_safe(ja[i], 0, ja[i]);
		assert_true(term_safe_is_plain(ja[i], strlen(ja[i]), 0));
	}
	char *n = term_safe(NULL, 0);
	assert_string_equal(n, "");
	free(n);
}

static void test_combining_untouched(void **state)
{
	(void)state;
	/* decomposed kana (か + U+3099), e + U+0301, a variation selector */
	const char *s[] = {"\xe3\x81\x8b\xe3\x82\x99", "e\xcc\x81", "\xe8\x91\x9b\xf3\xa0\x84\x81", "\xe2\x9d\xa4\xef\xb8\x8f"};
	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		expect_safe(s[i], 0, s[i]);
}

static void test_append_len(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	/* an embedded NUL is a control like any other */
	term_safe_append(&sb, "a\0b", 3, 0);
	assert_string_equal(sb_str(&sb), "a^@b");
	sb_free(&sb);
}

static void test_cut(void **state)
{
	(void)state;
	char *q = term_quote("abc", TERM_QUOTE_MAX);
	assert_string_equal(q, "\"abc\"");
	free(q);
	q = term_quote("a\x1b]0;x\ab", TERM_QUOTE_MAX);
	assert_string_equal(q, "\"a^[]0;x^Gb\"");
	free(q);
	/* exactly max characters: not cut */
	strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 200; i++)
		sb_add(&sb, "あ");
	char *c = term_safe_cut(sb_str(&sb), 200);
	assert_string_equal(c, sb_str(&sb));
	free(c);
	/* one more: 199 characters and the mark, no sequence split */
	sb_add(&sb, "い");
	c = term_safe_cut(sb_str(&sb), 200);
	assert_true(utf8_valid(c, strlen(c), NULL));
	assert_int_equal(strlen(c), 199 * 3 + strlen("…"));
	assert_string_equal(c + 199 * 3, "…");
	free(c);
	sb_free(&sb);
	/* an escape is never split: it moves past the cut whole */
	c = term_safe_cut("abcd\xe2\x80\xae", 8);
	assert_string_equal(c, "abcd…");
	free(c);
}

static void test_cut_escape_whole(void **state)
{
	(void)state;
	char *c = term_safe_cut("abc\x1b[2J", 5);
	/* "abc" then ^[ would be 5 characters, but the cut needs room for … */
	assert_string_equal(c, "abc…");
	free(c);
	c = term_safe_cut("abc\x1b", 5);
	assert_string_equal(c, "abc^[");
	free(c);
	c = term_safe_cut("abcdef", 1);
	assert_string_equal(c, "…");
	free(c);
	c = term_safe_cut("abcdef", 0);
	assert_string_equal(c, "");
	free(c);
	c = term_safe_cut(NULL, 10);
	assert_string_equal(c, "");
	free(c);
	/* a long hostile value: the bytes bounded, the cut marked */
	strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 10000; i++)
		sb_add(&sb, "\x1b]0;x\a");
	char *q = term_quote(sb_str(&sb), TERM_QUOTE_MAX);
	assert_true(strlen(q) < 220);
	assert_null(strchr(q, '\x1b'));
	assert_non_null(strstr(q, "…\""));
	free(q);
	sb_free(&sb);
}

static void test_json(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	term_safe_json(&sb, "a\"b\\c\nd\x1b]0;x\a\x7f");
	assert_string_equal(sb_str(&sb), "\"a\\\"b\\\\c\\nd\\u001b]0;x\\u0007\\u007f\"");
	sb_clear(&sb);
	term_safe_json(&sb, "\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae\xc2\x9b\xef\xbb\xbf");
	assert_string_equal(sb_str(&sb), "\"\\u2028\\u2029\\u202e\\u009b\\ufeff\"");
	sb_clear(&sb);
	term_safe_json(&sb, "\xf3\xa0\x81\x81");  /* U+E0041 TAG LATIN CAPITAL LETTER A */
	assert_string_equal(sb_str(&sb), "\"\\udb40\\udc41\"");
	sb_clear(&sb);
	term_safe_json(&sb, "日本語\xff");
	assert_string_equal(sb_str(&sb), "\"日本語<0xFF>\"");
	sb_clear(&sb);
	term_safe_json(&sb, NULL);
	assert_string_equal(sb_str(&sb), "null");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c0_and_del),       cmocka_unit_test(test_newline_and_tab),
		cmocka_unit_test(test_c1),               cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_invisible),        cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_japanese_untouched), cmocka_unit_test(test_combining_untouched),
		cmocka_unit_test(test_append_len),       cmocka_unit_test(test_cut),
		cmocka_unit_test(test_cut_escape_whole), cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
