/* The editing state: pure functions, no curses. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/textfield.h"
#include "core/utf8.h"

static void test_insert_and_cursor(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "", false);
	assert_string_equal(tf_text(&tf), "");
	tf_insert(&tf, "99.9");
	tf_insert(&tf, "％");
	assert_string_equal(tf_text(&tf), "99.9％");
	assert_int_equal(tf.cursor, strlen("99.9％"));
	tf_home(&tf);
	tf_insert(&tf, "目標");
	assert_string_equal(tf_text(&tf), "目標99.9％");
	assert_int_equal(tf.cursor, strlen("目標"));
	tf_free(&tf);
}

static void test_cursor_never_inside_wide(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "日本語abc", false);
	tf_home(&tf);
	tf_right(&tf);
	assert_int_equal(tf.cursor, 3);
	tf_right(&tf);
	tf_right(&tf);
	assert_int_equal(tf.cursor, 9);
	tf_right(&tf);
	assert_int_equal(tf.cursor, 10);
	tf_left(&tf);
	tf_left(&tf);
	assert_int_equal(tf.cursor, 6);
	tf_end(&tf);
	tf_right(&tf); /* at the end: stays */
	assert_int_equal(tf.cursor, strlen("日本語abc"));
	tf_home(&tf);
	tf_left(&tf); /* at the start: stays */
	assert_int_equal(tf.cursor, 0);
	tf_free(&tf);
}

static void test_delete(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "あいう", false);
	assert_true(tf_delete_left(&tf));
	assert_string_equal(tf_text(&tf), "あい");
	tf_home(&tf);
	assert_false(tf_delete_left(&tf));
	assert_true(tf_delete_right(&tf));
	assert_string_equal(tf_text(&tf), "い");
	tf_end(&tf);
	assert_false(tf_delete_right(&tf));
	tf_set(&tf, "");
	assert_false(tf_delete_left(&tf));
	assert_false(tf_delete_right(&tf));
	tf_free(&tf);
}

static void test_kill(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "一行目\n二行目", true);
	tf_home(&tf); /* start of the second line */
	tf_right(&tf);
	tf_kill_to_end(&tf);
	assert_string_equal(tf_text(&tf), "一行目\n二");
	tf_kill_to_start(&tf);
	assert_string_equal(tf_text(&tf), "一行目\n");
	tf_set(&tf, "abc");
	tf.cursor = 1;
	tf_kill_to_start(&tf);
	assert_string_equal(tf_text(&tf), "bc");
	assert_int_equal(tf.cursor, 0);
	tf_free(&tf);
}

static void test_single_line_paste(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "", false);
	tf_insert(&tf, "平日\n9:00\t-18:00\r\n");
	assert_string_equal(tf_text(&tf), "平日 9:00 -18:00 ");
	tf_set(&tf, "");
	tf_insert(&tf, "a\xff" "b");
	assert_string_equal(tf_text(&tf), "a\xef\xbf\xbd" "b");
	tf_free(&tf);
	tf_init(&tf, "", true);
	tf_insert(&tf, "a\r\nb\rc");
	assert_string_equal(tf_text(&tf), "a\nb\nc");
	tf_free(&tf);
}

static void test_words(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "alpha beta  gamma", false);
	tf_word_left(&tf);
	assert_int_equal(tf.cursor, 12);
	tf_word_left(&tf);
	assert_int_equal(tf.cursor, 6);
	tf_word_right(&tf);
	assert_int_equal(tf.cursor, 12);
	tf_free(&tf);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("日本語"), 6);
	assert_int_equal(utf8_width("ｱｲｳ"), 3); /* half-width katakana */
	assert_int_equal(utf8_width("９９％"), 6);
	assert_int_equal(utf8_width("a日b"), 4);
	size_t used;
	assert_int_equal(utf8_prefix_fitting("日本語", 5, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(utf8_prefix_fitting("ab日", 3, &used), 2);
}

static void test_wrap(void **state)
{
	(void)state;
	text_line *l;
	size_t n = tf_wrap("あいうえおかきくけこ", 6, &l);
	assert_int_equal(n, 4);
	assert_int_equal(l[0].start, 0);
	assert_int_equal(l[0].end, 9); /* three characters, six columns */
	free(l);
	/* a wide character never straddles: width 5 holds two */
	n = tf_wrap("あいうえ", 5, &l);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].end, 6);
	free(l);
	n = tf_wrap("ab\n\ncd", 10, &l);
	assert_int_equal(n, 3);
	assert_int_equal(l[1].start, l[1].end);
	free(l);
	n = tf_wrap("", 10, &l);
	assert_int_equal(n, 1);
	free(l);
	/* mixed text: wraps by columns, Japanese by character */
	n = tf_wrap("SLA保証なし。昨年実績99.99%以上", 10, &l);
	for (size_t i = 0; i < n; i++) {
		char buf[64];
		memcpy(buf, "SLA保証なし。昨年実績99.99%以上" + l[i].start, l[i].end - l[i].start);
		buf[l[i].end - l[i].start] = '\0';
		assert_true(utf8_width(buf) <= 10);
	}
	free(l);
}

static void test_wrap_words(void **state)
{
	(void)state;
	text_line *l;
	size_t n = tf_wrap("the quick brown fox", 10, &l);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].end, 10); /* after "the quick " */
	free(l);
}

static void test_up_down(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "あいうえおか\nabc", true);
	tf.cursor = 0;
	size_t r, c;
	tf_right(&tf);
	tf_right(&tf);
	tf_cursor_rc(&tf, 8, &r, &c);
	assert_int_equal(r, 0);
	assert_int_equal(c, 4);
	assert_true(tf_down(&tf, 8)); /* second visual row: おか */
	tf_cursor_rc(&tf, 8, &r, &c);
	assert_int_equal(r, 1);
	assert_int_equal(c, 4);
	assert_true(tf_down(&tf, 8)); /* "abc": column 3 at most */
	tf_cursor_rc(&tf, 8, &r, &c);
	assert_int_equal(r, 2);
	assert_int_equal(c, 3);
	assert_false(tf_down(&tf, 8));
	assert_true(tf_up(&tf, 8)); /* back up: the goal column is kept */
	tf_cursor_rc(&tf, 8, &r, &c);
	assert_int_equal(c, 4);
	assert_true(tf_up(&tf, 8));
	assert_false(tf_up(&tf, 8));
	/* odd goal column in wide text: lands before the character */
	tf_set(&tf, "abc\nあいう");
	tf.cursor = 1;
	tf_down(&tf, 20);
	tf_cursor_rc(&tf, 20, &r, &c);
	assert_int_equal(c, 0);
	assert_int_equal(tf.cursor, 4);
	tf_free(&tf);
}

static void test_scroll(void **state)
{
	(void)state;
	textfield tf;
	tf_init(&tf, "", false);
	for (int i = 0; i < 30; i++)
		tf_insert(&tf, "日");
	tf_scroll_single(&tf, 20);
	size_t col = utf8_width_n(tf_text(&tf), tf.cursor);
	assert_true(col >= tf.scroll_col && col - tf.scroll_col < 20);
	tf_home(&tf);
	tf_scroll_single(&tf, 20);
	assert_int_equal(tf.scroll_col, 0);
	tf_free(&tf);
	tf_init(&tf, "1\n2\n3\n4\n5\n6", true);
	tf_scroll_multi(&tf, 10, 3);
	assert_int_equal(tf.scroll_row, 3);
	tf.cursor = 0;
	tf_scroll_multi(&tf, 10, 3);
	assert_int_equal(tf.scroll_row, 0);
	tf_free(&tf);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_cursor), cmocka_unit_test(test_cursor_never_inside_wide),
		cmocka_unit_test(test_delete),           cmocka_unit_test(test_kill),
		cmocka_unit_test(test_single_line_paste), cmocka_unit_test(test_words),
		cmocka_unit_test(test_width),            cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_words),       cmocka_unit_test(test_up_down),
		cmocka_unit_test(test_scroll),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
