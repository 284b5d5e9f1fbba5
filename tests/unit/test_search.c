/* Search: the fast folding of the index against the unit-by-unit one; the
 * sheet's search index against what the editor searched before it had
 * one (every field folded on the fly), after every kind of edit, undo and
 * redo; the order of next and previous matches with wrap-around; and the
 * editor's / n N driven through the main loop's key path without a
 * terminal. */
#include <config.h>

#include <curses.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/fold.h"
#include "core/sheet.h"
#include "core/strbuf.h"
#include "testutil.h"
#include "tui/tui_app.h"
#include "tui/tui_keys.h"

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_search.XXXXXX";
	tmpdir = xstrdup(mkdtemp(tmpl));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(tmpdir);
	return 0;
}

static unsigned long rng = 12345;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

/* ---- folding ---- */

/* fold_buf's shortcuts give the bytes of the unit-by-unit folding (which
 * fold_text uses when it maps offsets), whatever the text: marks after
 * every kind of character, width forms, invalid and truncated bytes. */
static void test_fold_buf_same_as_units(void **state)
{
	(void)state;
	static const char *const parts[] = {
		"a", "Z", " ", "ＴＬＳ", "ｔ", "　", "ﾊ", "ﾞ", "ﾟ", "ｶ", "ｳ", "か", "は", "\xe3\x82\x99", "\xe3\x82\x9a",
		"゛", "゜", "ハ", "ン", "漢", "字", "é", "ß", "😀", "\xe3\x81", "\xe3", "\x82", "\xff", "\xed\xa0\x80",
		"\xe0\x80\x80", "\xef\xbd", "ｰ", "｡", "ヽ", "ゝ", "ワ", "\xc3", "！", "～", "Ａ", "ｚ",
	};
	size_t n_parts = sizeof parts / sizeof *parts;
	char text[256];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		for (unsigned k = rnd(12); k > 0; k--) {
			const char *p = parts[rnd((unsigned)n_parts)];
			size_t l = strlen(p);
			if (len + l >= sizeof text)
				break;
			memcpy(text + len, p, l);
			len += l;
		}
		text[len] = '\0';
		size_t *map;
		char *slow = fold_text(text, &map);
		char *fast = fold_text(text, NULL);
		if (strcmp(slow, fast) != 0)
			fail_msg("fold_buf differs on \"%s\": \"%s\" vs \"%s\"", text, fast, slow);
		char out[256];
		size_t n = fold_buf(text, len, out);
		assert_int_equal(n, strlen(slow));
		assert_memory_equal(out, slow, n);
		free(slow);
		free(fast);
		free(map);
	}
}

/* ---- the index against the reference ---- */

/* What the editor searched before the index: each field folded on the
 * fly (fold_contains). */
static bool reference_matches(const sheet *s, size_t i, const char *folded)
{
	const tmpl_item *it = sheet_item(s, i);
	if (fold_contains(ltext_get(&it->title, s->lang), folded) ||
	    fold_contains(ltext_get(&it->description, s->lang), folded) || (it->no && fold_contains(it->no, folded)))
		return true;
	const answer *an = sheet_answer(s, i);
	if (!an)
		return false;
	if ((an->value && fold_contains(an->value, folded)) || (an->note && fold_contains(an->note, folded)))
		return true;
	for (size_t k = 0; k < an->n_cases; k++)
		if (fold_contains(an->cases[k].value, folded) || fold_contains(an->cases[k].when, folded))
			return true;
	for (size_t r = 0; r < an->n_rows; r++)
		for (size_t c = 0; c < an->rows[r].cells.n; c++) {
			const raw_node *v = an->rows[r].cells.v[c].value;
			if (v && v->type == RAW_SCALAR && v->scalar && fold_contains(v->scalar, folded))
				return true;
		}
	return false;
}

/* The index's matches are the reference's, in item order; returns how
 * many. */
static size_t check_term(sheet *s, const char *term)
{
	char *f = fold_text(term, NULL);
	const size_t *v;
	size_t n = sheet_search_all(s, term, &v), k = 0;
	for (size_t i = 0; i < sheet_item_count(s); i++)
		if (reference_matches(s, i, f)) {
			if (k >= n || v[k] != i)
				fail_msg("\"%s\": item %zu matches but the index says %zu", term, i,
					 k < n ? v[k] : SIZE_MAX);
			k++;
		}
	if (k != n)
		fail_msg("\"%s\": the index has %zu matches, the reference %zu", term, n, k);
	free(f);
	return n;
}

static char *answers_file(const char *name, const char *tmpl, const char *body)
{
	char *tpath = src_path(tmpl);
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "kind: checksheet/answers\ntemplate: %s\n%s", tpath, body);
	assert_int_equal(fclose(f), 0);
	free(tpath);
	return path;
}

static void open_ok(sheet *s, const char *path, const char *lang)
{
	problems ps;
	problems_init(&ps);
	bool ok = sheet_open(s, &(sheet_options){.answers_path = path, .lang = lang, .limits = load_limits_default}, &ps);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	problems_free(&ps);
}

/* Whether item is among term's matches (checked against the reference). */
static bool has(sheet *s, const char *term, size_t item)
{
	check_term(s, term);
	return sheet_search(s, term, item, true, true) == item;
}

static const char iso[] = "data/templates/iso27017-whitepaper.yaml";

/* Each field is searched, folded; a match never runs from one field into
 * the next; the title in another language than the sheet's is not. */
static void test_every_field(void **state)
{
	(void)state;
	char *path = answers_file("fields.yaml", iso,
				  "answers:\n"
				  "  data-location:\n    rows:\n      - {service: 本番環境ＡＬＰＨＡ, region: 東京}\n");
	sheet s;
	open_ok(&s, path, NULL);
	size_t loc = sheet_find(&s, "data-location");
	size_t a = loc > 3 ? 0 : loc + 1, b = a + 1, c = a + 2;
	assert_true(sheet_set_value(&s, a, "TLS 1.3 で暗号化"));
	assert_true(sheet_set_note(&s, b, "ﾊﾞｯｸｱｯﾌﾟは毎日"));
	assert_true(sheet_add_case(&s, c, "平日ＷＨＥＮ", "４時間ＶＡＬＵＥ"));
	const size_t *v;
	/* value, folded both ways */
	assert_int_equal(sheet_search(&s, "ｔｌｓ　1.3", SIZE_MAX, true, true), a);
	assert_int_equal(sheet_search(&s, "tls 1.3", SIZE_MAX, true, true), a);
	/* note: full-width katakana finds half-width */
	assert_int_equal(sheet_search(&s, "バックアップは毎日", SIZE_MAX, true, true), b);
	/* case condition and value */
	assert_int_equal(sheet_search(&s, "平日when", SIZE_MAX, true, true), c);
	assert_int_equal(sheet_search(&s, "4時間value", SIZE_MAX, true, true), c);
	/* table cell */
	assert_int_equal(sheet_search(&s, "本番環境alpha", SIZE_MAX, true, true), loc);
	/* No. */
	assert_int_equal(sheet_search_all(&s, "25", &v), check_term(&s, "25"));
	/* title and description in the sheet's language only */
	const tmpl_item *it = sheet_item(&s, c);
	assert_true(has(&s, ltext_get(&it->title, "ja"), c));
	assert_true(has(&s, ltext_get(&it->description, "ja"), c));
	assert_false(has(&s, ltext_get(&it->title, "en"), c));
	/* fields are apart: the end of one and the start of the next is no match */
	assert_int_equal(sheet_search_all(&s, "whenvalue", &v), 0);
	assert_int_equal(sheet_search_all(&s, "alpha東京", &v), 0);
	sheet_close(&s);

	open_ok(&s, path, "en");
	assert_true(has(&s, ltext_get(&sheet_item(&s, c)->title, "en"), c));
	assert_true(has(&s, ltext_get(&sheet_item(&s, c)->description, "en"), c));
	assert_false(has(&s, ltext_get(&sheet_item(&s, c)->title, "ja"), c));
	sheet_close(&s);
	free(path);
}

static const char *const words[] = {
	"TLS", "ｔｌｓ", "バックアップ", "ﾊﾞｯｸｱｯﾌﾟ", "暗号化", "本番", "日本", "Tokyo", "９９．９％", "99.9%", "ガ", "ｶﾞ",
	"は\xe3\x82\x99", "ｱｸｾｽ", "アクセス", "　", " ", "監視", "A", "zz",
};

static char *random_text(void)
{
	strbuf sb;
	sb_init(&sb);
	/* now and then a long one, which no longer fits its slot */
	unsigned n = rnd(10) == 0 ? 20 + rnd(60) : rnd(4);
	for (unsigned i = 0; i < n; i++)
		sb_add(&sb, words[rnd(sizeof words / sizeof *words)]);
	return sb_take(&sb);
}

static const char *const terms[] = {
	"バックアップ", "ﾊﾞｯｸ", "ＴＬＳ", "tls", "tlsバ", "暗号", "暗号化", "ｱｸｾｽ", "本番", "日本", "a", "9", "%", "ガ",
	"ば", "zzz", "　", "tokyo", "利用", "データ", "1", "2", "責任", "ｶﾞｶﾞ", "暗", "ア", "アク", "アクセ", "本", "日",
	"99", "99.9", "99.9%", "9%", "ok", "oky", "toky", "ップ", "ックア", "s ", "ls", "ガガガ",
};

/* A term whose folding holds the folding of last (the index then looks
 * only among last's matches), or NULL. */
static const char *extension_of(const char *last)
{
	char *fl = fold_text(last, NULL);
	const char *pick = NULL;
	size_t seen = 0;
	for (size_t k = 0; k < sizeof terms / sizeof *terms; k++) {
		char *f = fold_text(terms[k], NULL);
		if (strcmp(f, fl) != 0 && strstr(f, fl) && rnd((unsigned)++seen) == 0)
			pick = terms[k];
		free(f);
	}
	free(fl);
	return pick;
}

/* The index and the kept matches stay exact through every operation,
 * undo and redo: slots rewritten in place, moved to the end, compacted. */
static void test_exact_after_edits(void **state)
{
	(void)state;
	char *path = answers_file("edits.yaml", iso, "answers: {}\n");
	sheet s;
	open_ok(&s, path, NULL);
	size_t n = sheet_item_count(&s), loc = sheet_find(&s, "data-location");
	size_t n_terms = sizeof terms / sizeof *terms;
	const char *last = terms[0];
	check_term(&s, last);
	int rounds = under_valgrind() ? 300 : 3000;
	for (int round = 0; round < rounds; round++) {
		size_t item = rnd(4) == 0 ? loc : rnd((unsigned)n);
		const answer *an = sheet_answer(&s, item);
		char *t1 = random_text(), *t2 = random_text();
		switch (rnd(13)) {
		case 0: sheet_set_value(&s, item, t1); break;
		case 1: sheet_set_note(&s, item, t1); break;
		case 2: sheet_clear(&s, item); break;
		case 3: sheet_add_case(&s, item, t1, t2); break;
		case 4:
			if (an && an->n_cases)
				sheet_set_case(&s, item, rnd((unsigned)an->n_cases), t1, t2);
			break;
		case 5:
			if (an && an->n_cases)
				sheet_remove_case(&s, item, rnd((unsigned)an->n_cases));
			break;
		case 6: sheet_add_row(&s, item); break;
		case 7:
			if (an && an->n_rows)
				sheet_set_cell(&s, item, rnd((unsigned)an->n_rows), rnd(2) ? "service" : "region", t1);
			break;
		case 8:
			if (an && an->n_rows)
				sheet_remove_row(&s, item, rnd((unsigned)an->n_rows));
			break;
		case 9:
			if (an && an->n_rows > 1)
				sheet_move_row(&s, item, 0, true);
			break;
		case 10: sheet_undo(&s, NULL); break;
		case 11: sheet_redo(&s, NULL); break;
		case 12: sheet_set_status(&s, item, rnd(2) ? "final" : "draft"); break;
		}
		free(t1);
		free(t2);
		/* the kept matches of the last term, corrected for the edit */
		check_term(&s, last);
		if (round % 5 == 0) {
			/* a new term: a whole pass, or (extending the last, as
			 * typing does) a look among the last matches */
			const char *ext = rnd(2) ? extension_of(last) : NULL;
			last = ext ? ext : terms[rnd((unsigned)n_terms)];
			check_term(&s, last);
		}
	}
	for (size_t k = 0; k < n_terms; k++)
		check_term(&s, terms[k]);
	/* everything undone: as loaded */
	while (sheet_undo(&s, NULL))
		;
	for (size_t k = 0; k < n_terms; k++)
		check_term(&s, terms[k]);
	sheet_close(&s);
	free(path);
}

/* The index built in idle steps, with edits between the steps (to items
 * folded already and to items not yet reached), is exact when done: the
 * first search finishes what is left. */
static void test_built_while_idle(void **state)
{
	(void)state;
	char *path = answers_file("idle.yaml", iso, "answers: {}\n");
	size_t n_terms = sizeof terms / sizeof *terms;
	for (int finish_by_search = 0; finish_by_search < 2; finish_by_search++) {
		sheet s;
		open_ok(&s, path, NULL);
		size_t n = sheet_item_count(&s);
		assert_true(n > 6);
		int steps = 0;
		for (;;) {
			size_t item = rnd((unsigned)n);
			char *t1 = random_text();
			if (rnd(2))
				sheet_set_note(&s, item, t1);
			else
				sheet_set_value(&s, item, t1);
			free(t1);
			if (finish_by_search && steps == 3)
				break;
			steps++;
			if (!sheet_search_idle(&s, 2))
				break;
		}
		assert_true(steps >= 3);
		/* the edits of items folded before them are not lost */
		for (size_t k = 0; k < n_terms; k++)
			check_term(&s, terms[k]);
		assert_false(sheet_search_idle(&s, 2));  /* nothing left */
		sheet_close(&s);
	}
	free(path);
}

/* Typing a term character by character (each extends the last) and
 * erasing it again gives the reference's matches at every step. */
static void test_typing(void **state)
{
	(void)state;
	char *path = answers_file("typing.yaml", "data/templates/meti-cloud-sla.yaml", "answers: {}\n");
	sheet s;
	open_ok(&s, path, NULL);
	static const char *const steps[] = {"ﾊ", "ﾊﾞ", "ﾊﾞｯ", "ﾊﾞｯｸ", "ﾊﾞｯｸｱ", "ﾊﾞｯｸｱｯﾌﾟ", "ﾊﾞｯｸｱｯﾌ", "ﾊﾞｯ",
					    "サ", "サー", "サービ", "サービス", "ービス", "ス", "s", "sl", "sla", "sl", "s"};
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
		check_term(&s, steps[k]);
	sheet_close(&s);
	free(path);
}

/* Next and previous from anywhere, with and without the item itself,
 * wrapping at both ends; nothing found; an empty term. */
static void test_order_and_wrap(void **state)
{
	(void)state;
	char *path = answers_file("order.yaml", "data/templates/meti-cloud-sla.yaml", "answers: {}\n");
	sheet s;
	open_ok(&s, path, NULL);
	size_t n = sheet_item_count(&s);
	assert_true(n > 30);
	const size_t at[] = {3, 17, 30};
	for (size_t k = 0; k < 3; k++)
		assert_true(sheet_set_note(&s, at[k], "ｑｕｉｘｏｔｅ"));
	for (size_t from = 0; from < n; from++) {
		size_t next = from < 3 ? 3 : from < 17 ? 17 : from < 30 ? 30 : 3;
		size_t next_incl = from == 3 || from == 17 || from == 30 ? from : next;
		size_t prev = from > 30 ? 30 : from > 17 ? 17 : from > 3 ? 3 : 30;
		size_t prev_incl = from == 3 || from == 17 || from == 30 ? from : prev;
		assert_int_equal(sheet_search(&s, "QUIXOTE", from, true, false), next);
		assert_int_equal(sheet_search(&s, "QUIXOTE", from, true, true), next_incl);
		assert_int_equal(sheet_search(&s, "quixote", from, false, false), prev);
		assert_int_equal(sheet_search(&s, "quixote", from, false, true), prev_incl);
	}
	assert_int_equal(sheet_search(&s, "quixote", SIZE_MAX, true, false), 3);
	assert_int_equal(sheet_search(&s, "quixote", SIZE_MAX, false, false), 30);
	/* the only match: n stays on it */
	assert_true(sheet_set_note(&s, 17, "only"));
	assert_true(sheet_set_note(&s, 30, NULL));
	assert_int_equal(sheet_search(&s, "quixote", 3, true, false), 3);
	assert_int_equal(sheet_search(&s, "quixote", 3, false, false), 3);
	/* none */
	assert_int_equal(sheet_search(&s, "no such text anywhere", 0, true, false), SIZE_MAX);
	assert_int_equal(sheet_search(&s, "", 0, true, true), SIZE_MAX);
	assert_int_equal(sheet_search(&s, "\xff", 0, true, true), SIZE_MAX);
	const size_t *v;
	assert_int_equal(sheet_search_all(&s, "", &v), 0);
	sheet_close(&s);
	free(path);
}

/* ---- the editor ---- */

static int press(app *ap, int code)
{
	key_event k = {code, false, false};
	return app_handle_key(ap, &k);
}

static void type(app *ap, const char *utf8)
{
	if (!(screen_deliver_text(ap, utf8, false) & KEY_RESULT_HANDLED))
		fail_msg("the prompt did not take \"%s\"", utf8);
}

/* / finds as it is typed, Enter keeps the term, n and N go round the
 * matches in order, an edit shows at once; Esc goes back to where the
 * search began. */
static void test_editor_keys(void **state)
{
	(void)state;
	char *path = answers_file("keys.yaml", "data/templates/meti-cloud-sla.yaml",
				  "answers:\n  availability-rate: {value: 99.9%, note: ＴＬＳで通信}\n");
	tui_options opt = {.path = path, .limits = load_limits_default, .backups = 0};
	app ap;
	problems ps;
	problems_init(&ps);
	if (!app_open(&ap, &opt, &ps)) {
		dump_problems(&ps);
		fail_msg("cannot open %s", path);
	}
	problems_free(&ps);
	size_t rate = sheet_find(&ap.s, "availability-rate");
	press(&ap, 'n');
	assert_non_null(strstr(ap.message, "/"));
	/* incremental: found while typing, folded */
	press(&ap, '/');
	type(&ap, "tl");
	assert_int_equal(app_current_item(&ap), rate);
	type(&ap, "s");
	press(&ap, '\n');
	assert_int_equal(app_current_item(&ap), rate);
	/* the only match: n stays */
	press(&ap, 'n');
	assert_int_equal(app_current_item(&ap), rate);
	/* more matches: n goes round them in order, N back */
	sheet_set_value(&ap.s, 2, "tls");
	sheet_set_note(&ap.s, 40, "ＴＬＳ");
	const size_t order[] = {40, 2, rate};
	for (size_t k = 0; k < 6; k++) {
		press(&ap, 'n');
		assert_int_equal(app_current_item(&ap), order[k % 3]);
	}
	press(&ap, 'N');
	assert_int_equal(app_current_item(&ap), 2);
	press(&ap, 'N');
	assert_int_equal(app_current_item(&ap), 40);
	press(&ap, 'N');
	assert_int_equal(app_current_item(&ap), rate);
	/* an answer cleared is no match any more, undone it is again */
	sheet_clear(&ap.s, 40);
	press(&ap, 'N');
	assert_int_equal(app_current_item(&ap), 2);
	press(&ap, 'N');
	assert_int_equal(app_current_item(&ap), rate);
	press(&ap, 'u');
	app_select_item(&ap, rate);
	press(&ap, 'n');
	assert_int_equal(app_current_item(&ap), 40);
	/* not found: said, and the place kept */
	press(&ap, '/');
	type(&ap, "ｚｚｚｑ");
	assert_non_null(strstr(ap.message, "ｚｚｚｑ"));
	assert_int_equal(app_current_item(&ap), 40);
	/* Esc: back where the search began, the last term kept */
	press(&ap, KEY_ESCAPE);
	assert_int_equal(app_current_item(&ap), 40);
	press(&ap, 'n');
	assert_int_equal(app_current_item(&ap), 2);
	app_close(&ap);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_buf_same_as_units),
		cmocka_unit_test(test_every_field),
		cmocka_unit_test(test_exact_after_edits),
		cmocka_unit_test(test_built_while_idle),
		cmocka_unit_test(test_typing),
		cmocka_unit_test(test_order_and_wrap),
		cmocka_unit_test(test_editor_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
