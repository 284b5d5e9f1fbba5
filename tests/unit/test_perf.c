/* The loading machinery of issue 12 (speed): the arena a template lives
 * in, the string map (stored hashes, borrowed keys, taking back the last
 * key), lookups by id that try the next element first, a template read as
 * a stream (in chunks) against the same text read whole, errors found in
 * a later chunk, and the stop message kept over what a loader says while
 * it unwinds. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/arena.h"
#include "core/id_index.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "testutil.h"

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_perf.XXXXXX";
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

static char *write_file(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void test_arena(void **state)
{
	(void)state;
	arena a;
	arena_init(&a);
	char *prev = NULL;
	for (int i = 0; i < 100000; i++) {
		char buf[32];
		int n = snprintf(buf, sizeof buf, "text %d", i);
		char *s = arena_strndup(&a, buf, (size_t)n);
		assert_string_equal(s, buf);
		double *d = arena_alloc(&a, sizeof *d);
		assert_int_equal((uintptr_t)d % _Alignof(double), 0);
		*d = i;
		if (prev)
			assert_ptr_not_equal(prev, s);
		prev = s;
	}
	/* bigger than a block: one of its own, and the bumping goes on */
	size_t big = (size_t)20 << 20;
	char *b = arena_alloc(&a, big);
	memset(b, 'x', big);
	char *after = arena_strdup(&a, "after");
	assert_string_equal(after, "after");
	assert_int_equal(b[big - 1], 'x');
	int v[3] = {1, 2, 3};
	int *c = arena_memdup(&a, v, sizeof v);
	assert_int_equal(c[2], 3);
	arena_free(&a);
	arena_free(&a); /* empty again: freeing twice is harmless */
}

/* Sized from a guess: fewer items than guessed, and more (the guess is
 * not a limit), give the same map, array and arena as growing would. */
static void test_expected_sizes(void **state)
{
	(void)state;
	for (size_t guess = 0; guess <= 40000; guess += 20000) {
		strmap m;
		strmap_init(&m);
		strmap_expect(&m, guess);
		size_t cap;
		size_t *v = xreserve(guess, sizeof *v, &cap);
		assert_true(cap >= 8);
		arena a;
		arena_init(&a);
		arena_expect(&a, guess * 16);
		char key[32];
		size_t n = 0;
		for (size_t i = 0; i < 30000; i++) {
			snprintf(key, sizeof key, "item-%zu", i);
			const char *k = arena_strdup(&a, key);
			assert_true(strmap_put_ref(&m, k, i));
			XGROW(v, cap, n + 1);
			v[n++] = i;
		}
		for (size_t i = 0; i < 30000; i++) {
			snprintf(key, sizeof key, "item-%zu", i);
			size_t got = SIZE_MAX;
			assert_true(strmap_get(&m, key, &got));
			assert_int_equal(got, i);
			assert_int_equal(v[i], i);
		}
		assert_false(strmap_put(&m, "item-7", 1));
		/* a silly guess is cut, not taken */
		strmap_expect(&m, SIZE_MAX / 2);
		assert_true(strmap_get(&m, "item-29999", NULL));
		free(v);
		strmap_free(&m);
		arena_free(&a);
	}
}

static void test_strmap(void **state)
{
	(void)state;
	strmap m;
	strmap_init(&m);
	assert_false(strmap_get(&m, "absent", NULL));
	char key[32];
	for (size_t i = 0; i < 50000; i++) {
		snprintf(key, sizeof key, "item-%zu", i);
		assert_true(strmap_put(&m, key, i));
	}
	for (size_t i = 0; i < 50000; i++) {
		snprintf(key, sizeof key, "item-%zu", i);
		size_t v = SIZE_MAX;
		assert_true(strmap_get(&m, key, &v));
		assert_int_equal(v, i);
		assert_false(strmap_put(&m, key, 7)); /* present: left alone */
	}
	assert_false(strmap_get(&m, "item-50000", NULL));
	/* the last key taken back, whatever run of the table it sits in */
	for (size_t i = 50000; i < 60000; i++) {
		snprintf(key, sizeof key, "item-%zu", i);
		assert_true(strmap_put(&m, key, i));
		if (i % 2) {
			strmap_pop(&m);
			assert_false(strmap_get(&m, key, NULL));
		}
	}
	for (size_t i = 0; i < 60000; i++) {
		snprintf(key, sizeof key, "item-%zu", i);
		size_t v;
		bool in = i < 50000 || i % 2 == 0;
		assert_int_equal(strmap_get(&m, key, &v), in);
		if (in)
			assert_int_equal(v, i);
	}
	assert_int_equal(m.n, 55000);
	/* keys are copied: the caller's buffer changes nothing */
	strcpy(key, "copied");
	assert_true(strmap_put(&m, key, 1));
	strcpy(key, "changed");
	assert_true(strmap_get(&m, "copied", NULL));
	strmap_free(&m);

	/* borrowed keys stay the caller's */
	const char *keys[] = {"a", "b", "c"};
	strmap r;
	strmap_init(&r);
	for (size_t i = 0; i < 3; i++)
		assert_true(strmap_put_ref(&r, keys[i], i));
	size_t v;
	assert_true(strmap_get(&r, "c", &v));
	assert_int_equal(v, 2);
	assert_false(strmap_put(&r, "b", 9));
	strmap_clear(&r);
	assert_false(strmap_get(&r, "a", NULL));
	strmap_free(&r);
}

/* A template of n items, each with every kind of text. */
static void template_text(strbuf *sb, size_t n)
{
	sb_add(sb, "kind: checksheet/template\nid: perf\nversion: \"1\"\ntitle: {ja: 試験, en: Test}\nsections:\n");
	for (size_t i = 0; i < n; i++) {
		if (i % 50 == 0)
			sb_printf(sb, "  - id: s%zu\n    title: {ja: \"節%zu\", en: \"Section %zu\"}\n    items:\n", i / 50, i / 50, i / 50);
		sb_printf(sb,
			  "      - id: i%zu\n        \"no\": \"%zu\"\n        title: {ja: \"項目%zuの題\", en: \"Item %zu\"}\n"
			  "        description: \"説明 %zu: サービスを提供する時間帯\"\n",
			  i, i + 1, i, i, i);
		if (i % 3 == 0)
			sb_add(sb, "        unit: choice\n        options:\n          - {id: a, label: {ja: あ, en: A}}\n          - b\n");
		else if (i % 3 == 1)
			sb_add(sb, "        unit: table\n        columns: [{id: x, label: エックス}, {id: y}]\n        maps-to: [other/one, other/two]\n");
		else
			sb_add(sb, "        unit: percent\n        min: 0\n        max: 100\n        note: required\n        hint: ヒント\n");
	}
}

static bool same_ltext(const ltext *a, const ltext *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].text, b->v[i].text) != 0 || (a->v[i].lang == NULL) != (b->v[i].lang == NULL) ||
		    (a->v[i].lang && strcmp(a->v[i].lang, b->v[i].lang) != 0))
			return false;
	return true;
}

static void test_stream_equals_buffer(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	template_text(&sb, 3000); /* about 600 KiB: several chunks */
	assert_true(sb.len > ((size_t)512 << 10));
	char *path = write_file("perf.yaml", sb.s, sb.len);
	template a, b;
	problems pa, pb;
	problems_init(&pa);
	problems_init(&pb);
	assert_true(template_load_buffer(path, sb.s, sb.len, NULL, &a, &pa));
	assert_true(template_load_file(path, NULL, &b, &pb));
	assert_int_equal(pa.n, 0);
	assert_int_equal(pb.n, 0);
	assert_int_equal(a.n_items, 3000);
	assert_int_equal(b.n_items, 3000);
	assert_int_equal(a.n_sections, b.n_sections);
	for (size_t i = 0; i < a.n_items; i++) {
		const tmpl_item *x = &a.items[i], *y = &b.items[i];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->no, y->no);
		assert_true(same_ltext(&x->title, &y->title));
		assert_true(same_ltext(&x->description, &y->description));
		assert_true(same_ltext(&x->hint, &y->hint));
		assert_int_equal(x->unit, y->unit);
		assert_int_equal(x->note, y->note);
		assert_int_equal(x->n_options, y->n_options);
		for (size_t k = 0; k < x->n_options; k++) {
			assert_string_equal(x->options[k].id, y->options[k].id);
			assert_true(same_ltext(&x->options[k].label, &y->options[k].label));
		}
		assert_int_equal(x->n_columns, y->n_columns);
		assert_int_equal(x->n_maps_to, y->n_maps_to);
		for (size_t k = 0; k < x->n_maps_to; k++)
			assert_string_equal(x->maps_to[k], y->maps_to[k]);
		assert_int_equal(x->mark.line, y->mark.line);
		assert_int_equal(x->has_max, y->has_max);
	}
	/* the language tags of a loaded template are shared, one copy each */
	assert_ptr_equal(a.items[0].title.v[0].lang, a.items[2999].title.v[0].lang);
	/* lookups by id, in order (the hint) and out of order (the map) */
	for (size_t i = 0; i < b.n_items; i++)
		assert_ptr_equal(template_item(&b, b.items[i].id), &b.items[i]);
	for (size_t i = b.n_items; i-- > 0;)
		assert_ptr_equal(template_item(&b, b.items[i].id), &b.items[i]);
	assert_null(template_item(&b, "absent"));
	template_free(&a);
	template_free(&b);
	problems_free(&pa);
	problems_free(&pb);
	free(path);
	sb_free(&sb);
}

/* The same problem, whether the text is read whole or in chunks. */
static void load_both(const char *name, const char *text, size_t len, problems *pa, problems *pb)
{
	char *path = write_file(name, text, len);
	template a, b;
	problems_init(pa);
	problems_init(pb);
	template_load_buffer(path, text, len, NULL, &a, pa);
	template_load_file(path, NULL, &b, pb);
	assert_int_equal(pa->n, pb->n);
	for (size_t i = 0; i < pa->n; i++) {
		assert_string_equal(pa->v[i].code, pb->v[i].code);
		assert_string_equal(pa->v[i].message, pb->v[i].message);
		assert_int_equal(pa->v[i].mark.line, pb->v[i].mark.line);
		assert_int_equal(pa->v[i].mark.column, pb->v[i].mark.column);
	}
	template_free(&a);
	template_free(&b);
	free(path);
}

static void test_errors_in_a_later_chunk(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	template_text(&sb, 3000);
	size_t at = sb.len - 1000;
	while (sb.s[at] != '\n')
		at++;
	problems pa, pb;
	static const struct {
		const char *insert, *code;
	} cases[] = {
		{"\xE3\x81", "invalid-utf8"},     /* a cut character, far past the first chunk */
		{"\xFF", "invalid-utf8"},
		{"      - [\n", "yaml-syntax"},
		{"      - *alias\n", "alias-refused"},
		{"      - \"a\\0b\"\n", "nul-character"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		strbuf t;
		sb_init(&t);
		sb_addn(&t, sb.s, at + 1);
		sb_add(&t, cases[k].insert);
		sb_add(&t, sb.s + at + 1);
		load_both("bad.yaml", t.s, t.len, &pa, &pb);
		assert_int_equal(pb.n, 1);
		assert_string_equal(pb.v[0].code, cases[k].code);
		problems_free(&pa);
		problems_free(&pb);
		sb_free(&t);
	}
	/* invalid UTF-8 late in the file, a syntax error early: the file is
	 * refused for its UTF-8, as when the whole text was checked first */
	strbuf t;
	sb_init(&t);
	sb_add(&t, "kind: checksheet/template\nid: [\n");
	sb_addn(&t, sb.s, sb.len);
	sb_add(&t, "\xC0\xAF\n");
	load_both("both.yaml", t.s, t.len, &pa, &pb);
	assert_int_equal(pb.n, 1);
	assert_string_equal(pb.v[0].code, "invalid-utf8");
	problems_free(&pa);
	problems_free(&pb);
	sb_free(&t);
	/* a UTF-16 byte order mark is refused before libyaml reads UTF-16 */
	load_both("bom.yaml", "\xFF\xFEk\0i\0", 6, &pa, &pb);
	assert_int_equal(pb.n, 1);
	assert_string_equal(pb.v[0].code, "invalid-utf8");
	problems_free(&pa);
	problems_free(&pb);
	sb_free(&sb);
}

static void test_stop_message_kept(void **state)
{
	(void)state;
	/* a syntax error inside an item: the loader still finishes the item
	 * (no unit, no title), but what the user reads is the syntax error */
	const char *text = "kind: checksheet/template\nid: t\nversion: \"1\"\ntitle: T\nsections:\n"
			   "  - id: s\n    title: S\n    items:\n      - id: a\n        \"no\": \"1\"\n"
			   "        description: [x\n        unit: text\n";
	problems pa, pb;
	load_both("stop.yaml", text, strlen(text), &pa, &pb);
	assert_int_equal(pa.n, 1);
	assert_string_equal(pa.v[0].code, "yaml-syntax");
	problems_free(&pa);
	problems_free(&pb);
}

/* Both loads of the same answers: the one for editing (a hash map filled
 * as it reads) and the one for reading only (an index built at the end)
 * find the same answers and report the same repeated key. */
static void test_answers_lookup(void **state)
{
	(void)state;
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "kind: checksheet/answers\ntemplate: perf\nanswers:\n");
	for (int i = 0; i < 2000; i++)
		sb_printf(&sb, "  i%d:\n    value: \"%d\"\n", i, i);
	/* an empty value is no answer: the key is taken back, and may come again */
	sb_add(&sb, "  empty:\n  empty:\n    value: later\n  i5:\n    value: twice\n");
	char *path = write_file("lookup.yaml", sb.s, sb.len);
	for (int read_only = 0; read_only <= 1; read_only++) {
		answers a;
		problems ps;
		problems_init(&ps);
		if (read_only)
			assert_false(answers_load_file_read_only(path, NULL, &a, &ps));
		else
			answers_load_buffer(path, sb.s, sb.len, NULL, &a, &ps);
		assert_int_equal(count_code(&ps, "duplicate-key"), 1);
		for (size_t k = 0; k < ps.n; k++)
			if (strcmp(ps.v[k].code, "duplicate-key") == 0) {
				assert_int_equal(ps.v[k].mark.line, 2 * 2000 + 4 + 3);
				assert_int_equal(ps.v[k].mark.column, 3);
				assert_string_equal(ps.v[k].file, path);
				assert_int_equal(ps.v[k].sev, SEV_FATAL);
			}
		/* the repeated answer is left out */
		assert_int_equal(a.n, 2001);
		assert_string_equal(answers_find(&a, "empty")->value, "later");
		assert_string_equal(answers_find(&a, "i5")->value, "5");
		for (int i = 0; i < 2000; i++) {
			char id[16];
			snprintf(id, sizeof id, "i%d", i);
			answer *an = answers_find(&a, id);
			assert_non_null(an);
			assert_string_equal(an->item, id);
		}
		/* a walk that asks for each one twice (the same again, then the next) */
		for (int i = 0; i < 2000; i++) {
			char id[16];
			snprintf(id, sizeof id, "i%d", i);
			assert_string_equal(answers_find(&a, id)->item, id);
			assert_string_equal(answers_find(&a, id)->item, id);
		}
		for (int i = 1999; i >= 0; i -= 7) {
			char id[16];
			snprintf(id, sizeof id, "i%d", i);
			assert_string_equal(answers_find(&a, id)->item, id);
		}
		assert_null(answers_find(&a, "absent"));
		assert_null(answers_find(&a, ""));
		if (!read_only) {
			/* new answers are found too (the hint is only a first guess) */
			answers_get(&a, "new")->value = xstrdup("n");
			assert_string_equal(answers_find(&a, "new")->value, "n");
			assert_string_equal(answers_find(&a, "i0")->value, "0");
		}
		answers_free(&a);
		problems_free(&ps);
	}
	free(path);
	sb_free(&sb);
}

static const char *string_at(size_t pos, const void *array) { return ((const char *const *)array)[pos]; }

static void note_duplicate(size_t later, void *ctx)
{
	size_t *seen = ctx;
	seen[later]++;
}

/* The index built once: every id found at its first position, ids left
 * out (NULL), every repeat reported once, and ids made to share a bucket
 * (the sorted bucket searched, not scanned). */
static void test_id_index(void **state)
{
	(void)state;
	id_index x;
	id_index_init(&x);
	assert_false(id_index_find(&x, "a", string_at, NULL, NULL));
	const char *none[1] = {NULL};
	id_index_build(&x, 0, string_at, none);
	assert_false(id_index_find(&x, "a", string_at, none, NULL));
	id_index_build(&x, 1, string_at, none);
	assert_false(id_index_find(&x, "", string_at, none, NULL));

	enum { N = 5000 };
	char **ids = xcalloc(N, sizeof *ids);
	for (size_t i = 0; i < N; i++)
		ids[i] = i % 97 == 13 ? NULL : i % 10 == 9 ? xasprintf("id-%zu", i - 9) : xasprintf("id-%zu", i);
	id_index_build(&x, N, string_at, ids);
	for (size_t i = 0; i < N; i++) {
		if (!ids[i])
			continue;
		size_t pos = SIZE_MAX;
		assert_true(id_index_find(&x, ids[i], string_at, ids, &pos));
		/* a repeat finds the first: id-(i - 9), unless that one was left out */
		size_t first = i % 10 == 9 && ids[i - 9] ? i - 9 : i;
		assert_int_equal(pos, first);
	}
	assert_false(id_index_find(&x, "id-", string_at, ids, NULL));
	assert_false(id_index_find(&x, "id-9", string_at, ids, NULL));
	size_t *seen = xcalloc(N, sizeof *seen);
	id_index_duplicates(&x, string_at, ids, note_duplicate, seen);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(seen[i], ids[i] && i % 10 == 9 && ids[i - 9] ? 1 : 0);
	free(seen);
	for (size_t i = 0; i < N; i++)
		free(ids[i]);
	free(ids);

	/* 64 ids, 40 of which share the top 6 bits of their hash: one bucket
	 * of 40 (sorted with qsort, searched by halves) */
	char **crowd = xcalloc(64, sizeof *crowd);
	size_t n = 0, k = 0, shared = 0;
	id_index probe;
	id_index_init(&probe);
	while (n < 64) {
		char *id = xasprintf("crowd-%zu", k++);
		/* the bucket of one id in an index of 64 slots: build one */
		const char *one[64];
		for (size_t j = 0; j < 64; j++)
			one[j] = id;
		id_index_build(&probe, 64, string_at, one);
		bool in_first = probe.start[1] == 64;
		if ((in_first && shared < 40) || (!in_first && n - shared < 24)) {
			crowd[n++] = id;
			shared += in_first;
		} else {
			free(id);
		}
	}
	id_index_free(&probe);
	id_index_build(&x, 64, string_at, crowd);
	assert_int_equal(x.start[1] - x.start[0], 40);
	for (size_t i = 0; i < 64; i++) {
		size_t pos;
		assert_true(id_index_find(&x, crowd[i], string_at, crowd, &pos));
		assert_int_equal(pos, i);
		free(crowd[i]);
	}
	free(crowd);
	id_index_free(&x);
	id_index_free(&x); /* freeing twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_expected_sizes),
		cmocka_unit_test(test_stream_equals_buffer),
		cmocka_unit_test(test_errors_in_a_later_chunk),
		cmocka_unit_test(test_stop_message_kept),
		cmocka_unit_test(test_answers_lookup),
		cmocka_unit_test(test_id_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
