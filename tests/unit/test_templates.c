/* The built-in templates, and the template checks. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/template_load.h"
#include "core/units.h"
#include "testutil.h"

static void load_builtin(const char *name, template *t)
{
	char *rel = xasprintf("data/templates/%s.yaml", name);
	char *path = src_path(rel);
	problems ps;
	problems_init(&ps);
	bool ok = template_load_file(path, NULL, t, &ps);
	if (!ok || ps.n) {
		dump_problems(&ps);
		fail_msg("%s does not load cleanly", name);
	}
	problems_free(&ps);
	free(path);
	free(rel);
}

/* Splits a TSV line in place into at most max fields. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		fields[n++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	char *nl = strchr(fields[n - 1], '\n');
	if (nl)
		*nl = '\0';
	return n;
}

static void test_meti_matches_reference(void **state)
{
	(void)state;
	template t;
	load_builtin("meti-cloud-sla", &t);
	assert_string_equal(t.id, "meti-cloud-sla");
	assert_string_equal(t.version, "2010");
	assert_int_equal(t.n_items, 49);
	assert_non_null(strstr(t.source, "経済産業省『クラウドサービスレベルのチェックリスト』(2010) を加工して作成"));
	char *path = src_path("tests/data/meti-cloud-sla-items.tsv");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[4096];
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	size_t row = 0;
	while (fgets(line, sizeof line, f)) {
		char *c[12];
		assert_int_equal(split_tabs(line, c, 12), 12);
		const tmpl_item *it = &t.items[row];
		assert_string_equal(it->no, c[0]);
		assert_string_equal(it->id, c[1]);
		assert_string_equal(t.sections[it->section].id, c[2]);
		assert_string_equal(ltext_exact(&t.sections[it->section].title, "ja"), c[3]);
		assert_string_equal(ltext_exact(&t.sections[it->section].group, "ja"), c[4]);
		assert_string_equal(ltext_exact(&it->title, "ja"), c[5]);
		assert_string_equal(ltext_exact(&it->description, "ja"), c[6]);
		assert_string_equal(ltext_exact(&it->unit_label, "ja"), c[7]);
		assert_string_equal(unit_table[it->unit].id, c[8]);
		if (*c[9])
			assert_string_equal(scale_table[it->default_scale].id, c[9]);
		else
			assert_int_equal(it->default_scale, -1);
		assert_string_equal(note_rule_names[it->note], c[10]);
		if (*c[11])
			assert_string_equal(ltext_exact(&it->example, "ja"), c[11]);
		else
			assert_true(ltext_empty(&it->example));
		assert_non_null(ltext_exact(&it->title, "en"));
		assert_non_null(ltext_exact(&it->description, "en"));
		assert_true(it->required);
		row++;
	}
	assert_int_equal(row, 49);
	fclose(f);
	free(path);
	template_free(&t);
}

static void test_reference_copy_is_current(void **state)
{
	(void)state;
	/* tests/data holds a copy of ../shared/reference: when the shared one
	 * is beside the project, the two must agree */
	char *shared = src_path("../shared/reference/meti-cloud-sla-items.tsv");
	char *ours = src_path("tests/data/meti-cloud-sla-items.tsv");
	FILE *a = fopen(shared, "rb");
	if (!a) {
		free(shared);
		free(ours);
		skip();
	}
	FILE *b = fopen(ours, "rb");
	assert_non_null(b);
	int ca, cb;
	do {
		ca = fgetc(a);
		cb = fgetc(b);
		assert_int_equal(ca, cb);
	} while (ca != EOF);
	fclose(a);
	fclose(b);
	free(shared);
	free(ours);
}

static void test_whitepaper(void **state)
{
	(void)state;
	template t;
	load_builtin("iso27017-whitepaper", &t);
	assert_int_equal(t.n_sections, 20); /* 19 and the optional ones */
	const tmpl_item *it = template_item(&t, "deletion-delay");
	assert_non_null(it);
	assert_int_equal(it->unit, UNIT_DURATION);
	it = template_item(&t, "external-services");
	assert_int_equal(it->unit, UNIT_TABLE);
	assert_int_equal(it->n_columns, 3);
	assert_string_equal(it->columns[2].id, "company");
	it = template_item(&t, "backup");
	assert_int_equal(it->n_columns, 4);
	assert_int_equal(it->n_maps_to, 4);
	it = template_item(&t, "scan-frequency");
	assert_int_equal(it->unit, UNIT_FREQUENCY);
	it = template_item(&t, "staff-training");
	assert_false(it->required);
	/* every maps-to names a METI item */
	template meti;
	load_builtin("meti-cloud-sla", &meti);
	for (size_t i = 0; i < t.n_items; i++)
		for (size_t k = 0; k < t.items[i].n_maps_to; k++) {
			const char *m = t.items[i].maps_to[k];
			assert_int_equal(strncmp(m, "meti-cloud-sla/", 15), 0);
			assert_non_null(template_item(&meti, m + 15));
		}
	template_free(&meti);
	template_free(&t);
}

static void test_template_checks(void **state)
{
	(void)state;
	const char *bad =
		"kind: checksheet/template\n"
		"id: Bad Id\n"
		"title: x\n"
		"sections:\n"
		"  - id: s\n"
		"    title: S\n"
		"    items:\n"
		"      - id: a\n"
		"        no: \"1\"\n"
		"        title: A\n"
		"        unit: percentage\n"
		"      - id: a\n"
		"        no: \"2\"\n"
		"        title: B\n"
		"        unit: text\n"
		"        min: 1\n"
		"      - id: c\n"
		"        no: \"3\"\n"
		"        title: C\n"
		"        unit: percent\n"
		"        min: 10\n"
		"        max: 5\n"
		"      - id: d\n"
		"        no: \"4\"\n"
		"        unit: choice\n"
		"        default-scale: min\n"
		"        note: sometimes\n"
		"        colour: blue\n"
		"  - id: s\n"
		"    title: S2\n"
		"    items: []\n";
	template t;
	problems ps;
	problems_init(&ps);
	assert_false(template_load_buffer("bad.yaml", bad, strlen(bad), NULL, &t, &ps));
	assert_non_null(find_code(&ps, "bad-id"));
	assert_non_null(find_code(&ps, "unknown-unit"));
	const problem *p = find_code(&ps, "unknown-unit");
	assert_int_equal(p->mark.line, 11);
	assert_int_equal(p->mark.column, 15);
	assert_int_equal(count_code(&ps, "duplicate-id"), 2); /* item a, section s */
	assert_true(count_code(&ps, "bad-value") >= 4);    /* min on text, min > max, scale, note */
	assert_true(count_code(&ps, "missing-key") >= 3);  /* version, title of d, options of d */
	assert_non_null(find_code(&ps, "unknown-key"));
	problems_free(&ps);
	template_free(&t);
	const char *answers_kind = "kind: checksheet/answers\n";
	problems_init(&ps);
	assert_false(template_load_buffer("x.yaml", answers_kind, strlen(answers_kind), NULL, &t, &ps));
	assert_non_null(find_code(&ps, "wrong-kind"));
	problems_free(&ps);
	template_free(&t);
}

/* A template loaded for a command that shows less keeps less, and reads
 * the same otherwise: titles in one language are what ltext_get gives for
 * it, prose is left out, and a wrong text is still reported. */
static void assert_title_kept(const ltext *full, const ltext *kept, const char *lang)
{
	assert_string_equal(ltext_get(kept, lang), ltext_get(full, lang));
	assert_true(kept->n <= 1);
}

static void test_texts_kept(void **state)
{
	(void)state;
	static const char *const names[] = {"meti-cloud-sla", "iso27017-whitepaper"};
	static const char *const langs[] = {"ja", "en", "fr"};
	for (size_t n = 0; n < 2; n++) {
		template full;
		load_builtin(names[n], &full);
		for (size_t l = 0; l < 3; l++)
			for (int prose = 0; prose < 2; prose++) {
				template_keep keep = {.no_prose = !prose, .lang = langs[l]};
				template t;
				problems ps;
				problems_init(&ps);
				assert_true(template_load_file_kept(full.path, NULL, &keep, &t, &ps));
				assert_int_equal(ps.n, 0);
				assert_int_equal(t.n_items, full.n_items);
				assert_string_equal(t.kept.lang, langs[l]);
				for (size_t i = 0; i < t.n_items; i++) {
					const tmpl_item *a = &full.items[i], *b = &t.items[i];
					assert_string_equal(a->id, b->id);
					assert_int_equal(a->unit, b->unit);
					assert_int_equal(a->n_options, b->n_options);
					assert_title_kept(&a->title, &b->title, langs[l]);
					if (prose) {
						assert_title_kept(&a->description, &b->description, langs[l]);
						assert_title_kept(&a->hint, &b->hint, langs[l]);
						assert_title_kept(&a->unit_label, &b->unit_label, langs[l]);
					} else {
						assert_true(ltext_empty(&b->description));
						assert_true(ltext_empty(&b->hint));
						assert_true(ltext_empty(&b->example));
					}
				}
				for (size_t k = 0; k < t.n_sections; k++)
					assert_title_kept(&full.sections[k].title, &t.sections[k].title, langs[l]);
				template_free(&t);
			}
		template_free(&full);
	}
	/* what is not kept is still read: a description that is not a text
	 * is the same error either way */
	const char *bad = "kind: checksheet/template\nid: t\nversion: \"1\"\ntitle: T\n"
			  "sections:\n  - id: s\n    title: {ja: 節, en: S}\n    items:\n"
			  "      - id: a\n        no: \"1\"\n        title: {en: A, ja: あ}\n        unit: text\n"
			  "        description: {ja: [1, 2]}\n";
	for (int kept = 0; kept < 2; kept++) {
		template t;
		problems ps;
		problems_init(&ps);
		template_keep keep = {.no_prose = true, .lang = "ja"};
		template_load_buffer_kept("bad.yaml", bad, strlen(bad), NULL, kept ? &keep : NULL, &t, &ps);
		const problem *p = find_code(&ps, "wrong-type");
		if (!p)
			dump_problems(&ps);
		assert_non_null(p);
		assert_int_equal(p->mark.line, 13);
		if (kept)
			assert_string_equal(ltext_get(&t.items[0].title, "ja"), "あ");
		problems_free(&ps);
		template_free(&t);
	}
}

static void test_section_ids(void **state)
{
	(void)state;
	/* section ids become html anchors and links: a-z, 0-9 and -, unique */
	static const struct {
		const char *id;
		bool ok;
	} ids[] = {
		{"availability", true}, {"a-1", true}, {"\"Bad Id\"", false}, {"UPPER", false}, {"\"\"", false},
		{"under_score", false}, {"\"a\\\"><script>\"", false}, {"\"日本\"", false}, {"\"a b\"", false},
	};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		char *text = xasprintf("kind: checksheet/template\nid: t\nversion: \"1\"\ntitle: T\nsections:\n"
				       "  - id: %s\n    title: S\n    items:\n"
				       "      - {id: a, no: \"1\", title: A, unit: text}\n",
				       ids[i].id);
		template t;
		problems ps;
		problems_init(&ps);
		bool ok = template_load_buffer("s.yaml", text, strlen(text), NULL, &t, &ps);
		if (ok != ids[i].ok) {
			dump_problems(&ps);
			fail_msg("section id %s: %s", ids[i].id, ok ? "accepted" : "refused");
		}
		if (!ids[i].ok) {
			const problem *p = find_code(&ps, "bad-id");
			assert_non_null(p);
			assert_int_equal(p->mark.line, 6);
			assert_int_equal(p->mark.column, 5);
		}
		template_free(&t);
		problems_free(&ps);
		free(text);
	}
	/* unique */
	const char *dup = "kind: checksheet/template\nid: t\nversion: \"1\"\ntitle: T\nsections:\n"
			  "  - {id: s, title: S}\n  - {id: s, title: S2}\n";
	template t;
	problems ps;
	problems_init(&ps);
	assert_false(template_load_buffer("d.yaml", dup, strlen(dup), NULL, &t, &ps));
	const problem *p = find_code(&ps, "duplicate-id");
	assert_non_null(p);
	assert_int_equal(p->mark.line, 7);
	template_free(&t);
	problems_free(&ps);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meti_matches_reference),
		cmocka_unit_test(test_reference_copy_is_current),
		cmocka_unit_test(test_whitepaper),
		cmocka_unit_test(test_template_checks),
		cmocka_unit_test(test_section_ids),
		cmocka_unit_test(test_texts_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
