/* The workbook's layout helpers: how many lines a cell's text takes in a
 * column (line breaks, word wrapping, Japanese at double width, words
 * longer than a line, broken UTF-8) and the row height that shows them. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/export_xlsx_internal.h"

#ifdef HAVE_XLSXWRITER

static void test_lines_plain(void **state)
{
	(void)state;
	assert_int_equal(xlsx_text_lines("", 10), 1);
	assert_int_equal(xlsx_text_lines("abc", 10), 1);
	/* ten digits fill a column ten wide; the eleventh wraps */
	assert_int_equal(xlsx_text_lines("0123456789", 10), 1);
	assert_int_equal(xlsx_text_lines("0123456789a", 10), 2);
	/* line breaks, an empty line and a last empty line count */
	assert_int_equal(xlsx_text_lines("a\nb\n\nc", 10), 4);
	assert_int_equal(xlsx_text_lines("a\n", 10), 2);
	assert_int_equal(xlsx_text_lines("a\r\nb", 10), 2);
}

static void test_lines_words(void **state)
{
	(void)state;
	/* a word that does not fit goes to the next line whole */
	assert_int_equal(xlsx_text_lines("aaaa bbbb cccc", 10), 2);
	assert_int_equal(xlsx_text_lines("aaaa bbbbbbbb", 10), 2);
	/* a space at the end of a line takes no room */
	assert_int_equal(xlsx_text_lines("aaaaaaaaaa bbbbbbbbbb", 10), 2);
	/* a word longer than a line is broken by characters */
	assert_int_equal(xlsx_text_lines("https://status.example.jp/incidents/2026", 10), 4);
}

static void test_lines_japanese(void **state)
{
	(void)state;
	/* a column 10 wide holds four Japanese characters (two digits each
	 * and a little more) */
	assert_int_equal(xlsx_text_lines("あいうえ", 10), 1);
	assert_int_equal(xlsx_text_lines("あいうえお", 10), 2);
	assert_int_equal(xlsx_text_lines("サービスを提供する時間帯", 10), 3);
	/* a closing mark never starts a line: it takes the character
	 * before it along */
	assert_int_equal(xlsx_text_lines("あいう。", 10), 1);
	assert_int_equal(xlsx_text_lines("あいうえ。", 10), 2);
	/* mixed: an English word among Japanese */
	assert_int_equal(xlsx_text_lines("通信は TLS 1.2 以上で暗号化", 10), 4);
	/* half-width katakana is narrow */
	assert_int_equal(xlsx_text_lines("ｱｲｳｴｵｶｷｸｹｺ", 10), 1);
}

static void test_lines_hostile(void **state)
{
	(void)state;
	/* broken UTF-8 and control characters count, never crash */
	assert_true(xlsx_text_lines("\xff\xfe\xe6\x97 \x01\x02", 2) >= 1);
	/* a column narrower than one Japanese character still holds one */
	assert_int_equal(xlsx_text_lines("あい", 0.5), 2);
	/* a long text: linear, and as many lines as it needs */
	size_t n = 200000;
	char *s = malloc(n * 3 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * 3, "あ", 3);
	s[n * 3] = '\0';
	assert_int_equal(xlsx_text_lines(s, 10), n / 4);
	free(s);
}

static void test_row_height(void **state)
{
	(void)state;
	bool fits;
	double one = xlsx_row_height(1, &fits);
	assert_true(fits);
	assert_true(one >= 15 && one <= 20);
	double five = xlsx_row_height(5, &fits);
	assert_true(fits);
	assert_true(five > 4 * one && five < 5 * one);
	assert_true(xlsx_row_height(25, &fits) <= 409 && fits);
	assert_true(xlsx_row_height(26, &fits) == 409 && !fits);
	assert_true(xlsx_row_height(100000, &fits) == 409 && !fits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_plain),    cmocka_unit_test(test_lines_words),
		cmocka_unit_test(test_lines_japanese), cmocka_unit_test(test_lines_hostile),
		cmocka_unit_test(test_row_height),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#else

int main(void) { return 77; }

#endif
