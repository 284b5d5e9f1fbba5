/* The published document (html and md without --form): the prompt rule
 * on the built-in templates, title and identity, chapters, what is left
 * out, the draft list, labels from gettext in the export language, and
 * golden pages for a whitepaper and the METI checklist. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/answers_load.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/template_load.h"
#define TESTUTIL_EXPORT
#include "testutil.h"

static template meti, paper;

static int setup(void **state)
{
	(void)state;
	return load_builtin_template("meti-cloud-sla", &meti) && load_builtin_template("iso27017-whitepaper", &paper) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	template_free(&meti);
	template_free(&paper);
	return 0;
}

static void load_publish(const char *name, answers *a)
{
	char *rel = xasprintf("tests/data/publish/%s", name);
	char *path = src_path(rel);
	problems ps;
	problems_init(&ps);
	if (!answers_load_file(path, NULL, a, &ps)) {
		dump_problems(&ps);
		fail();
	}
	free(a->path);
	a->path = xstrdup(name);
	problems_free(&ps);
	free(path);
	free(rel);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb;
	sb_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_take(&sb);
}

/* Compares with tests/data/publish/NAME; UPDATE_GOLDEN=1 rewrites it. */
static void golden(const char *name, const char *got)
{
	char *rel = xasprintf("tests/data/publish/%s", name);
	char *path = src_path(rel);
	if (getenv("UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	char *want = slurp(path);
	if (!want)
		fail_msg("no golden file %s (UPDATE_GOLDEN=1 writes it)", path);
	if (strcmp(want, got) != 0)
		fail_msg("%s differs from its golden file (UPDATE_GOLDEN=1 rewrites it; look at the diff)", name);
	free(want);
	free(path);
	free(rel);
}

/* Every description of the whitepaper is written to the one who answers;
 * none of the METI checklist's (its 規定内容 define the item). */
static void test_prompt_rule(void **state)
{
	(void)state;
	for (size_t i = 0; i < paper.n_items; i++)
		if (!export_is_prompt(&paper.items[i].description))
			fail_msg("whitepaper No.%s is not taken for a prompt", paper.items[i].no);
	for (size_t i = 0; i < meti.n_items; i++)
		if (export_is_prompt(&meti.items[i].description))
			fail_msg("METI No.%s is taken for a prompt", meti.items[i].no);
	static const struct {
		const char *text;
		bool prompt;
	} cases[] = {
		{"保管場所を記載してください。", true},
		{"保管場所を記載して下さい 。 ", true},
		{"Describe where data is stored.", true},
		{"  please list the regions", true},
		{"Where is the data stored?", true},
		{"データはどこに保管されますか？", true},
		{"利用者データを保管する国・地域", false},
		{"Listing of regions where data is stored", false},
		{"Statement of the provider", false},
		{"", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ltext t = {0};
		ltext_add(&t, "ja", cases[i].text);
		if (export_is_prompt(&t) != cases[i].prompt)
			fail_msg("\"%s\" should%s be a prompt", cases[i].text, cases[i].prompt ? "" : " not");
		/* a translation of a prompt is one too */
		ltext_add(&t, "en", "Regions.");
		assert_int_equal(export_is_prompt(&t), cases[i].prompt);
		ltext_free(&t);
	}
}

static void test_chapters(void **state)
{
	(void)state;
	assert_true(export_chapters_numbered(&paper));
	assert_false(export_chapters_numbered(&meti));
	answers a;
	load_publish("whitepaper.yaml", &a);
	export_options opt = {.lang = "ja"};
	export_doc d;
	export_doc_build(&d, &a, &paper, &opt);
	char buf[32];
	assert_string_equal(export_chapter_no(&d, 2, buf, sizeof buf), "3");      /* 3 and 3.1 */
	assert_null(export_chapter_no(&d, paper.n_sections - 1, buf, sizeof buf)); /* 20 to 25 */
	/* No.3's heading is its chapter's; No.3.1's is not */
	const tmpl_item *it = template_item(&paper, "data-deletion");
	assert_true(export_heading_repeats(&d.rows[it - paper.items], "ja"));
	assert_false(export_heading_repeats(&d.rows[it - paper.items + 1], "ja"));
	export_doc_free(&d);
	answers_free(&a);
}

static void test_title_and_draft(void **state)
{
	(void)state;
	answers a;
	load_publish("whitepaper.yaml", &a);
	export_options opt = {.lang = "ja"};
	export_doc d;
	export_doc_build(&d, &a, &paper, &opt);
	assert_string_equal(export_title(&d), "ヌーラボ クラウドサービス セキュリティホワイトペーパー");
	assert_string_equal(export_latest_revision(&d)->version, "1.1");
	size_t n = 9;
	assert_null(export_unfinished_list(&d, 0, &n));
	assert_int_equal(n, 0);
	/* an unanswered optional item is left out, an answered one printed */
	assert_false(export_row_printed(&d.rows[template_item(&paper, "network-separation") - paper.items]));
	assert_true(export_row_printed(&d.rows[template_item(&paper, "logging") - paper.items]));
	export_doc_free(&d);
	/* no title: the template's; a required item unanswered: a draft */
	answers_set_subject(&a, "title", NULL);
	answer_clear(answers_get(&a, "labeling"));
	answer_set(&answers_get(&a, "notice-period")->value, "7日前まで");
	export_doc_build(&d, &a, &paper, &opt);
	assert_string_equal(export_title(&d), "セキュリティホワイトペーパー (ISO/IEC 27017)");
	char *list = export_unfinished_list(&d, 0, &n);
	assert_int_equal(n, 2);
	assert_string_equal(list, "4 ラベル付け機構、9.1 変更・保守の事前通知期間");
	free(list);
	list = export_unfinished_list(&d, 1, &n);
	assert_int_equal(n, 2);
	assert_string_equal(list, "4 ラベル付け機構、ほか 1 件");
	free(list);
	bool ok;
	problems ps;
	problems_init(&ps);
	char *html = run_export("html", &a, &paper, &opt, &ok, &ps);
	assert_non_null(strstr(html, "<div class=\"draft\" role=\"note\">\n<p><strong>下書き</strong>"));
	assert_non_null(strstr(html, "<li><a href=\"#i-labeling\">4 ラベル付け機構</a>: 必須の回答がありません</li>"));
	assert_non_null(strstr(html, "<h1>セキュリティホワイトペーパー (ISO/IEC 27017)</h1>"));
	free(html);
	char *md = run_export("md", &a, &paper, &opt, &ok, &ps);
	assert_non_null(strstr(md, "> **下書き** "));
	assert_non_null(strstr(md, "> - 4 ラベル付け機構: "));
	free(md);
	problems_free(&ps);
	export_doc_free(&d);
	answers_free(&a);
}

/* Labels come from gettext in the export's language, whatever the
 * desktop speaks; one English word may have two renderings. */
static void test_labels_in_export_language(void **state)
{
	(void)state;
	assert_string_equal(export_word("date", "ja"), "改定日");
	assert_string_equal(export_word("doc-date", "ja"), "発行日");
	assert_string_equal(export_word("date", "en"), "Date");
	assert_string_equal(export_word("doc-date", "en"), "Date");
	assert_string_equal(export_header(COL_STATE, "ja"), "状態");
	assert_string_equal(export_header(COL_STATE, "en"), "Status");
	export_row r = {.state = ITEM_INVALID};
	assert_string_equal(export_state_word(&r, "ja"), "要確認");
	assert_string_equal(export_state_word(&r, "en"), "problem");
	r.state = ITEM_VALID;
	assert_string_equal(export_state_word(&r, "ja"), "有効");
	/* nested pushes: the inner language wins, the outer comes back */
	i18n_push_language("en");
	assert_string_equal(export_word("contents", "ja"), "目次");
	i18n_push_language("ja");
	i18n_push_language("ja");
	assert_string_equal(pgettext("document", "Contents"), "目次");
	i18n_pop_language();
	assert_string_equal(pgettext("document", "Contents"), "目次");
	i18n_pop_language();
	assert_string_equal(pgettext("document", "Contents"), "Contents");
	i18n_pop_language();
	assert_true(i18n_export_language_ok("ja"));
	assert_true(i18n_export_language_ok("en"));
	assert_false(i18n_export_language_ok("fr"));
	assert_false(i18n_export_language_ok("ja-JP"));
	assert_false(i18n_export_language_ok(""));
}

/* Whatever a vendor typed stays text: no element, no live link, no
 * remote load, entities shown as typed. */
static void test_hostile(void **state)
{
	(void)state;
	answers a;
	load_publish("hostile.yaml", &a);
	export_options opt = {.lang = "ja"};
	bool ok;
	problems ps;
	problems_init(&ps);
	char *html = run_export("html", &a, &paper, &opt, &ok, &ps);
	const char *body = strstr(html, "<body>");
	assert_non_null(body);
	static const char *const never[] = {"<script", "<iframe", "<img", "<a href=\"javascript", "<b>",
					    "src=\"http", "<style>body", "href=\"javascript", "href=\"data"};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		if (strstr(body, never[i]))
			fail_msg("the page holds %s", never[i]);
	assert_non_null(strstr(html, "<title>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; 攻撃的な文書名 &amp;amp;</title>"));
	assert_non_null(strstr(body, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 解約後に削除します。"));
	/* notes and text values are Markdown: entities read as the
	 * characters they name, which are then escaped like any text */
	assert_non_null(strstr(body, "&lt;これは実体参照&gt; &amp; &lt;script&gt;"));
	/* only http, https, mailto and relative links are live; an image is a
	 * link to its source, never loaded */
	assert_non_null(strstr(body, "<a href=\"https://nulab.example/security\">安全なリンク</a>"));
	assert_non_null(strstr(body, "<a href=\"#s-backup\">相対リンク</a>"));
	assert_non_null(strstr(body, "<a href=\"https://tracker.example/pixel.png\">追跡画像</a>"));
	assert_non_null(strstr(body, "ここをクリック (javascript:alert(1))"));
	assert_non_null(strstr(body, "<td>&lt;script&gt;alert(&quot;cell&quot;)&lt;/script&gt;</td>"));
	free(html);
	/* the md document passes Markdown through, but not what acts on a
	 * reader: HTML, images, links other than http, https, mailto or relative */
	char *md = run_export("md", &a, &paper, &opt, &ok, &ps);
	static const char *const never_md[] = {"<script", "<iframe", "<img", "<a ", "<style", "![", "<http"};
	for (size_t i = 0; i < sizeof never_md / sizeof *never_md; i++)
		if (strstr(md, never_md[i]))
			fail_msg("the md document holds %s", never_md[i]);
	for (const char *j = md; (j = strstr(j, "](javascript")); j++)
		if (j == md || j[-1] != '\\')
			fail_msg("the md document holds a live javascript: link");
	assert_non_null(strstr(md, "&lt;script>alert(\"x\")&lt;/script> 解約後に削除します。\n"));
	assert_non_null(strstr(md, "[ここをクリック\\](javascript:alert(1)) と &lt;a href=\"javascript:alert(2)\">"));
	assert_non_null(strstr(md, "!\\[追跡画像](https://tracker.example/pixel.png)"));
	assert_non_null(strstr(md, "\n\\[定義]: javascript:alert(4)\n"));
	assert_non_null(strstr(md, "[安全なリンク](https://nulab.example/security) と [相対リンク](#s-backup)"));
	free(md);
	problems_free(&ps);
	answers_free(&a);
}

static void test_golden_documents(void **state)
{
	(void)state;
	static const struct {
		const char *answers, *fmt, *lang, *golden;
		bool form;
	} cases[] = {
		{"whitepaper.yaml", "html", "ja", "whitepaper.html", false},
		{"whitepaper.yaml", "md", "ja", "whitepaper.md", false},
		{"whitepaper.yaml", "html", "en", "whitepaper-en.html", false},
		{"meti.yaml", "html", "ja", "meti.html", false},
		{"meti.yaml", "md", "ja", "meti.md", false},
		{"meti.yaml", "html", "ja", "meti-form.html", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		answers a;
		load_publish(cases[i].answers, &a);
		const template *t = strcmp(a.template_id, "meti-cloud-sla") == 0 ? &meti : &paper;
		export_options opt = {.lang = cases[i].lang, .form = cases[i].form};
		bool ok;
		problems ps;
		problems_init(&ps);
		char *out = run_export(cases[i].fmt, &a, t, &opt, &ok, &ps);
		assert_true(ok);
		golden(cases[i].golden, out);
		char *again = run_export(cases[i].fmt, &a, t, &opt, &ok, &ps);
		assert_string_equal(out, again);
		free(again);
		free(out);
		problems_free(&ps);
		answers_free(&a);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prompt_rule),       cmocka_unit_test(test_chapters),
		cmocka_unit_test(test_title_and_draft),   cmocka_unit_test(test_labels_in_export_language),
		cmocka_unit_test(test_hostile),           cmocka_unit_test(test_golden_documents),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
