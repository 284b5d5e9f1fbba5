/* Search folding: width, ASCII case and half-width / decomposed kana. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/fold.h"
#include "core/xalloc.h"

/* The way the editor searches: fold the needle once, then each item. */
static bool finds(const char *hay, const char *needle)
{
	char *f = fold_text(needle, NULL);
	bool r = fold_contains(hay, f);
	free(f);
	return r;
}

static bool find_at(const char *hay, const char *needle, size_t *start, size_t *len)
{
	char *f = fold_text(needle, NULL);
	bool r = fold_find(hay, f, start, len);
	free(f);
	return r;
}

static void assert_folds_to(const char *s, const char *want)
{
	char *f = fold_text(s, NULL);
	assert_string_equal(f, want);
	/* folding twice changes nothing: a folded needle stays valid */
	char *ff = fold_text(f, NULL);
	assert_string_equal(ff, f);
	free(ff);
	free(f);
}

static void test_width_and_case(void **state)
{
	(void)state;
	assert_folds_to("ＴＬＳ", "tls");
	assert_folds_to("TLS 1.3", "tls 1.3");
	assert_folds_to("９９．９％", "99.9%");
	assert_folds_to("ａ　Ｂ", "a b");
	assert_folds_to("！～", "!~"); /* both ends of U+FF01..U+FF5E */
	assert_true(finds("TLS 1.2 以上", "ＴＬＳ"));
	assert_true(finds("TLS", "tls"));
	assert_true(finds("tls", "TLS"));
	assert_true(finds("ＴＬＳ", "tls"));
	assert_true(finds("稼働率99.9%以上", "９９．９％"));
	assert_true(finds("稼働率９９．９％以上", "99.9%"));
	assert_true(finds("平日 9:00", "平日　9:00"));
	assert_true(finds("平日　9:00", "平日 9"));
	assert_false(finds("99.9%", "99.99"));
	assert_false(finds("TLS", "ssl"));
}

static void test_halfwidth_kana(void **state)
{
	(void)state;
	assert_folds_to("ﾊﾞｯｸｱｯﾌﾟ", "バックアップ");
	assert_folds_to("ｶﾞ", "ガ");
	assert_folds_to("ﾊﾟ", "パ");
	assert_folds_to("ｳﾞｧ", "ヴァ");
	assert_folds_to("ｦｰﾝ", "ヲーン");
	assert_folds_to("｡｢･｣､", "。「・」、");
	assert_true(finds("定期バックアップを取得", "ﾊﾞｯｸｱｯﾌﾟ"));
	assert_true(finds("定期ﾊﾞｯｸｱｯﾌﾟを取得", "バックアップ"));
	assert_true(finds("ガ", "ｶﾞ"));
	assert_true(finds("ｶﾞ", "ガ"));
	assert_true(finds("パスワード", "ﾊﾟｽﾜｰﾄﾞ"));
	assert_true(finds("ﾊﾟｽﾜｰﾄﾞ", "パ"));
	/* ﾊﾞ is one unit バ: its base alone is not in it */
	assert_false(finds("ﾊﾞｯｸｱｯﾌﾟ", "ハ"));
	assert_false(finds("ﾊﾞｯｸｱｯﾌﾟ", "ﾊ"));
}

static void test_decomposed(void **state)
{
	(void)state;
	assert_folds_to("か\u3099", "が");
	assert_folds_to("は\u309a", "ぱ");
	assert_folds_to("カ\u3099", "ガ");
	assert_folds_to("ウ\u3099", "ヴ");
	assert_folds_to("か゛", "が"); /* spacing mark typed after the kana */
	assert_true(finds("が", "か\u3099"));
	assert_true(finds("か\u3099き", "がき"));
	assert_true(finds("ガイド", "カ\u3099イド"));
	size_t start, len;
	assert_true(find_at("あか\u3099い", "が", &start, &len));
	assert_int_equal(start, strlen("あ"));
	assert_int_equal(len, strlen("か\u3099"));
}

static void test_lone_marks(void **state)
{
	(void)state;
	/* nothing to join: all three forms of a mark become the spacing one */
	assert_folds_to("ｱﾞ", "ア゛");
	assert_folds_to("ア\u3099", "ア゛");
	assert_folds_to("\u3099", "゛");
	assert_folds_to("ﾟ", "゜");
	assert_folds_to("a\u309a", "a゜");
	assert_folds_to("ﾞﾞ", "゛゛");
	/* one mark joins; a second has nothing left to join */
	assert_folds_to("ｶﾞﾞ", "ガ゛");
	assert_folds_to("が\u3099", "が゛");
	assert_true(finds("ｱﾞ", "ア\u3099"));
}

static void test_kana_distinct(void **state)
{
	(void)state;
	assert_folds_to("ばっくあっぷ", "ばっくあっぷ");
	assert_false(finds("バックアップ", "ばっくあっぷ"));
	assert_false(finds("ばっくあっぷ", "バックアップ"));
	assert_false(finds("ﾊﾞｯｸｱｯﾌﾟ", "ばっく"));
	assert_false(finds("が", "ガ"));
}

static void test_map(void **state)
{
	(void)state;
	size_t *map;
	/* "A" 0, ﾊ 1..3, ﾞ 4..6, ｶ 7..9 */
	char *f = fold_text("Aﾊﾞｶ", &map);
	assert_string_equal(f, "aバカ");
	const size_t want[] = { 0, 1, 1, 1, 7, 7, 7, 10 };
	assert_int_equal(strlen(f) + 1, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(map[i], want[i]);
	free(map);
	free(f);

	f = fold_text("ＴＬＳ", &map);
	assert_string_equal(f, "tls");
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 3);
	assert_int_equal(map[2], 6);
	assert_int_equal(map[3], 9);
	free(map);
	free(f);

	f = fold_text("", &map);
	assert_string_equal(f, "");
	assert_int_equal(map[0], 0);
	free(map);
	free(f);
}

static void test_find_positions(void **state)
{
	(void)state;
	const char *hay = "定期ﾊﾞｯｸｱｯﾌﾟを取得";
	size_t start, len;
	assert_true(find_at(hay, "バックアップ", &start, &len));
	assert_int_equal(start, strlen("定期"));
	assert_int_equal(len, strlen("ﾊﾞｯｸｱｯﾌﾟ"));
	/* a match of バ covers both ﾊ and ﾞ */
	assert_true(find_at(hay, "バ", &start, &len));
	assert_int_equal(start, strlen("定期"));
	assert_int_equal(len, strlen("ﾊﾞ"));
	assert_int_equal(len, 6);
	assert_true(find_at(hay, "プを", &start, &len));
	assert_int_equal(start, strlen("定期ﾊﾞｯｸｱｯ"));
	assert_int_equal(len, strlen("ﾌﾟを"));
	assert_true(find_at(hay, "ｯ", &start, &len)); /* the first of two */
	assert_int_equal(start, strlen("定期ﾊﾞ"));
	assert_int_equal(len, 3);

	assert_true(find_at("SLAはＴＬＳ1.3", "tls", &start, &len));
	assert_int_equal(start, strlen("SLAは"));
	assert_int_equal(len, strlen("ＴＬＳ"));

	/* the map gives the same range for a folded copy's match */
	size_t *map;
	char *f = fold_text(hay, &map);
	char *needle = fold_text("アップ", NULL);
	const char *p = strstr(f, needle);
	assert_non_null(p);
	size_t fs = (size_t)(p - f), fe = fs + strlen(needle);
	assert_true(fold_find(hay, needle, &start, &len));
	assert_int_equal(start, map[fs]);
	assert_int_equal(start + len, map[fe]);
	free(needle);
	free(map);
	free(f);

	/* start and len may be NULL */
	f = fold_text("TLS", NULL);
	assert_true(fold_find("ＴＬＳ", f, NULL, NULL));
	free(f);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	size_t *map;
	/* a stray byte, an overlong '/', a truncated sequence at the end */
	const char *s = "A\xff" "B\xc0\xaf" "C\xe3\x81";
	char *f = fold_text(s, &map);
	assert_string_equal(f, "a\xff" "b\xc0\xaf" "c\xe3\x81");
	for (size_t i = 0; i <= strlen(s); i++)
		assert_int_equal(map[i], i);
	free(map);
	free(f);

	size_t start, len;
	assert_true(find_at("x\xffY", "\xffy", &start, &len));
	assert_int_equal(start, 1);
	assert_int_equal(len, 2);
	assert_true(finds("ﾊﾞ\xfe" "ｶ", "バ\xfe" "カ"));
	/* an invalid needle byte never matches inside a valid character */
	assert_false(fold_contains("あ", "\xe3"));
	assert_false(fold_contains("あ", "\xe3\x81"));
	assert_false(fold_contains("\xff", "\xfe"));
}

static void test_empty_and_long(void **state)
{
	(void)state;
	size_t start = 42, len = 42;
	assert_false(fold_contains("TLS", ""));
	assert_false(fold_find("TLS", "", &start, &len));
	assert_int_equal(start, 42);
	assert_int_equal(len, 42);
	assert_false(fold_contains("", ""));
	assert_false(fold_contains("", "a"));
	assert_false(finds("TL", "TLS"));
	assert_false(finds("ﾊﾞｯｸ", "バックアップ"));
	/* hay longer in bytes than the folded needle, and the whole of it */
	assert_true(finds("ＴＬＳ", "tls"));
	assert_true(finds("ﾊﾞｯｸｱｯﾌﾟ", "ﾊﾞｯｸｱｯﾌﾟ"));
	/* the match must be at the end exactly, not run past it */
	assert_false(finds("バックアッ", "バックアップ"));
}

static void test_large_hay(void **state)
{
	(void)state;
	const char *unit = "ﾃｽﾄ test ＡＢＣ 平日 ";
	const char *tail = "定期ﾊﾞｯｸｱｯﾌﾟ";
	size_t ul = strlen(unit), size = 1024 * 1024;
	char *hay = xmalloc(size + strlen(tail) + 1);
	size_t off = 0;
	while (off + ul <= size) {
		memcpy(hay + off, unit, ul);
		off += ul;
	}
	strcpy(hay + off, tail);
	assert_true(strlen(hay) >= size - ul);

	size_t start, len;
	assert_true(find_at(hay, "バックアップ", &start, &len));
	assert_int_equal(start, off + strlen("定期"));
	assert_int_equal(len, strlen("ﾊﾞｯｸｱｯﾌﾟ"));
	assert_true(finds(hay, "テスト TEST abc"));
	assert_false(finds(hay, "リストア"));
	assert_false(finds(hay, "ばっくあっぷ"));
	free(hay);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_and_case), cmocka_unit_test(test_halfwidth_kana),
		cmocka_unit_test(test_decomposed),     cmocka_unit_test(test_lone_marks),
		cmocka_unit_test(test_kana_distinct),  cmocka_unit_test(test_map),
		cmocka_unit_test(test_find_positions), cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_empty_and_long), cmocka_unit_test(test_large_hay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
