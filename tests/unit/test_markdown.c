/* Markdown in notes: what vendors write (nested lists, tables with | in
 * cells, links, autolinks, Japanese emphasis) comes out as its elements;
 * what an attacker writes (raw HTML, javascript: in every disguise, remote
 * images, entities, deep nesting, NUL bytes, broken UTF-8) comes out as
 * inert text. Every output is also checked by markdown_untamed: only
 * Markdown's own tags, only safe links. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../markdown_tame.h"
#include "core/markdown.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* The HTML of text (heading_top 0: the default), checked tame and valid
 * UTF-8; the caller frees. */
static char *render_n(const char *text, size_t len, int heading_top)
{
	strbuf sb;
	sb_init(&sb);
	markdown_options opt = {.heading_top = heading_top};
	assert_true(markdown_to_html(text, len, &opt, &sb));
	const char *why = markdown_untamed(sb_str(&sb));
	if (why)
		fail_msg("untamed output (%s) for %.60s:\n%s", why, text, sb_str(&sb));
	size_t bad;
	assert_true(utf8_valid(sb_str(&sb), sb.len, &bad));
	return sb_take(&sb);
}

static char *render(const char *text) { return render_n(text, strlen(text), 0); }

#define assert_contains(hay, needle)                                                       \
	do {                                                                               \
		if (!strstr((hay), (needle)))                                              \
			fail_msg("expected %s\nin:\n%s", (needle), (hay));                 \
	} while (0)
#define assert_lacks(hay, needle)                                                          \
	do {                                                                               \
		if (strstr((hay), (needle)))                                               \
			fail_msg("did not expect %s\nin:\n%s", (needle), (hay));           \
	} while (0)

static void test_nested_lists(void **state)
{
	(void)state;
	char *h = render("バックアップは以下の方針で取得しています。\n"
			 "\n"
			 "- 日次バックアップ\n"
			 "  - 取得時刻: 毎日 2:00 (JST)\n"
			 "  - 保存期間: 7日間\n"
			 "- 週次バックアップ\n"
			 "  1. 東京リージョンに保存\n"
			 "  2. 大阪リージョンへ複製\n");
	assert_string_equal(h, "<p>バックアップは以下の方針で取得しています。</p>\n"
			       "<ul>\n"
			       "<li>日次バックアップ\n"
			       "<ul>\n"
			       "<li>取得時刻: 毎日 2:00 (JST)</li>\n"
			       "<li>保存期間: 7日間</li>\n"
			       "</ul>\n"
			       "</li>\n"
			       "<li>週次バックアップ\n"
			       "<ol>\n"
			       "<li>東京リージョンに保存</li>\n"
			       "<li>大阪リージョンへ複製</li>\n"
			       "</ol>\n"
			       "</li>\n"
			       "</ul>\n");
	free(h);
}

static void test_table_with_pipes(void **state)
{
	(void)state;
	char *h = render("データの保管場所は次のとおりです。\n"
			 "\n"
			 "| データ | 保管場所 | 備考 |\n"
			 "|:---|---|---:|\n"
			 "| 顧客データ | 東京 \\| 大阪 | 暗号化 (AES-256) |\n"
			 "| アクセスログ | 東京 | `grep a|b` で検索 |\n");
	assert_contains(h, "<table>\n<thead>\n<tr>\n<th align=\"left\">データ</th>\n<th>保管場所</th>\n"
			   "<th align=\"right\">備考</th>\n</tr>\n</thead>\n<tbody>\n");
	assert_contains(h, "<td>東京 | 大阪</td>");
	assert_contains(h, "<td align=\"right\">暗号化 (AES-256)</td>");
	/* an unescaped | ends the cell, even inside backquotes (GFM) */
	assert_contains(h, "<td align=\"left\">アクセスログ</td>");
	free(h);
}

static void test_links_and_autolinks(void **state)
{
	(void)state;
	char *h = render("詳細は[セキュリティホワイトペーパー](https://example.com/security \"最新版\")を、"
			 "稼働状況は https://status.example.com を、\n"
			 "お問い合わせは security@example.com まで。参照: www.example.jp 。"
			 "[目次](#toc) [規約](../terms.html)");
	assert_contains(h, "<a href=\"https://example.com/security\" title=\"最新版\">セキュリティホワイトペーパー</a>");
	assert_contains(h, "<a href=\"https://status.example.com\">https://status.example.com</a>");
	assert_contains(h, "<a href=\"mailto:security@example.com\">security@example.com</a>");
	assert_contains(h, "<a href=\"http://www.example.jp\">www.example.jp</a>");
	assert_contains(h, "<a href=\"#toc\">目次</a>");
	assert_contains(h, "<a href=\"../terms.html\">規約</a>");
	/* the typed line break is kept */
	assert_contains(h, "を、<br />\nお問い合わせ");
	free(h);
	/* an address typed into Japanese with no blank after it ends where
	 * the Japanese starts; a written link keeps its address as typed */
	h = render("障害はステータスページ（https://status.example.com/incidents）でお知らせします。"
		   "旧ページ http://www.example.co.jp/sla。を参照。詳細は www.example.jp/ja/ご利用ガイド。\n"
		   "[日本語の住所](https://example.jp/ガイド)");
	assert_contains(h, "（<a href=\"https://status.example.com/incidents\">https://status.example.com/incidents</a>）"
			   "でお知らせします。");
	assert_contains(h, "<a href=\"http://www.example.co.jp/sla\">http://www.example.co.jp/sla</a>。を参照。");
	assert_contains(h, "<a href=\"http://www.example.jp/ja/\">www.example.jp/ja/</a>ご利用ガイド。");
	assert_contains(h, "<a href=\"https://example.jp/%E3%82%AC%E3%82%A4%E3%83%89\">日本語の住所</a>");
	free(h);
}

static void test_emphasis_and_tildes(void **state)
{
	(void)state;
	char *h = render("**重要:** 障害時は*直ちに*通知します。~~旧窓口~~は廃止。\n"
			 "受付は平日 9:00~18:00、土曜 10:00~12:00 です。");
	assert_contains(h, "<strong>重要:</strong> 障害時は<em>直ちに</em>通知します。<del>旧窓口</del>は廃止。");
	/* a single ~ is a range, not a strikethrough */
	assert_contains(h, "平日 9:00~18:00、土曜 10:00~12:00 です。");
	assert_lacks(h, "<del>9");
	free(h);
}

static void test_headings_moved_down(void **state)
{
	(void)state;
	char *h = render("# 概要\n\n本文\n\n## 詳細\n\n###### 注記\n");
	assert_string_equal(h, "<h4>概要</h4>\n<p>本文</p>\n<h5>詳細</h5>\n<h6>注記</h6>\n");
	free(h);
	h = render_n("# 概要\n### 小見出し\n", strlen("# 概要\n### 小見出し\n"), 2);
	assert_string_equal(h, "<h2>概要</h2>\n<h4>小見出し</h4>\n");
	free(h);
	/* out of range: the default */
	h = render_n("# a\n", 4, 9);
	assert_string_equal(h, "<h4>a</h4>\n");
	free(h);
	strbuf sb;
	sb_init(&sb);
	assert_true(markdown_to_html("# a", 3, NULL, &sb));
	assert_string_equal(sb_str(&sb), "<h4>a</h4>\n");
	sb_free(&sb);
}

static void test_empty(void **state)
{
	(void)state;
	char *h = render("");
	assert_string_equal(h, "");
	free(h);
	h = render("  \n\n");
	assert_string_equal(h, "");
	free(h);
}

static void test_raw_html_shown_as_typed(void **state)
{
	(void)state;
	char *h = render("<script>alert(document.cookie)</script>");
	assert_string_equal(h, "<p>&lt;script&gt;alert(document.cookie)&lt;/script&gt;</p>\n");
	free(h);
	h = render("画像: <img src=x onerror=\"alert(1)\"> を確認");
	assert_string_equal(h, "<p>画像: &lt;img src=x onerror=&quot;alert(1)&quot;&gt; を確認</p>\n");
	free(h);
	/* an HTML block: each typed line, as typed */
	h = render("<div onclick=\"steal()\">\n<b>太字</b>\n</div>\n\n後の段落");
	assert_string_equal(h, "<p>&lt;div onclick=&quot;steal()&quot;&gt;<br />\n&lt;b&gt;太字&lt;/b&gt;<br />\n"
			       "&lt;/div&gt;</p>\n<p>後の段落</p>\n");
	free(h);
	h = render("<!-- コメント -->\n<?php echo 1; ?>\n\n<style>body{display:none}</style>");
	assert_contains(h, "&lt;!-- コメント --&gt;");
	assert_contains(h, "&lt;?php echo 1; ?&gt;");
	assert_contains(h, "&lt;style&gt;body{display:none}&lt;/style&gt;");
	free(h);
	/* in a table cell and in a link's text */
	h = render("| a | b |\n|---|---|\n| <iframe src=//evil> | [<b>x</b>](https://ok.example) |\n");
	assert_contains(h, "<td>&lt;iframe src=//evil&gt;</td>");
	assert_contains(h, "<a href=\"https://ok.example\">&lt;b&gt;x&lt;/b&gt;</a>");
	free(h);
}

static void test_unsafe_links_never_live(void **state)
{
	(void)state;
	static const struct {
		const char *md, *shown;
	} cases[] = {
		{"[押す](javascript:alert(1))", "押す (javascript:alert(1))"},
		{"[押す](JAVASCRIPT:alert(1))", "押す (JAVASCRIPT:alert(1))"},
		{"[押す](JavaScript:alert(1))", "押す (JavaScript:alert(1))"},
		{"[押す](&#106;avascript:alert(1))", "押す (javascript:alert(1))"},
		{"[押す](&#x6A;&#x61;vascript&#58;alert(1))", "押す (javascript:alert(1))"},
		{"[押す](java&#x09;script:alert(1))", "押す (java\tscript:alert(1))"},
		{"[押す](java&#x0A;script:alert(1))", "押す (java\nscript:alert(1))"},
		{"[押す](&#x20;javascript:alert(1))", "押す ( javascript:alert(1))"},
		{"[押す](&#x01;javascript:alert(1))", "押す (\x01javascript:alert(1))"},
		{"[押す](<javascript:alert(1)>)", "押す (javascript:alert(1))"},
		{"[押す](vbscript:msgbox(1))", "押す (vbscript:msgbox(1))"},
		{"[押す](data:text/html;base64,PHNjcmlwdD4=)", "押す (data:text/html;base64,PHNjcmlwdD4=)"},
		{"[押す](file:///etc/passwd)", "押す (file:///etc/passwd)"},
		{"[押す][r]\n\n[r]: javascript:alert(1)", "押す (javascript:alert(1))"},
		{"<javascript:alert(1)>", "javascript:alert(1)"},
		{"<vbscript:msgbox(1)>", "vbscript:msgbox(1)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *h = render(cases[i].md);
		assert_lacks(h, "<a");
		assert_lacks(h, "href");
		/* the text and the address, as text (cmark escapes only & < > ") */
		assert_contains(h, cases[i].shown);
		free(h);
	}
}

static void test_link_safety_rule(void **state)
{
	(void)state;
	static const struct {
		const char *url;
		bool safe;
	} cases[] = {
		{"https://example.com/a?b=c#d", true},
		{"HTTP://EXAMPLE.COM", true},
		{"mailto:security@example.com", true},
		{"MailTo:a@b", true},
		{"#section-2", true},
		{"?page=2", true},
		{"../docs/sla.html", true},
		{"/status", true},
		{"//cdn.example.com/x", true},
		{"", true},
		{NULL, true},
		{"docs:v2/a", false},
		{"javascript:alert(1)", false},
		{"  javascript:alert(1)", false},
		{"\x01\x02javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\r\nscript:alert(1)", false},
		{"jAvAsCrIpT:alert(1)", false},
		{"vbscript:x", false},
		{"data:image/png;base64,AAAA", false},
		{"file:///etc/passwd", false},
		{"ftp://example.com", false},
		{"a-very-long-scheme-name-indeed:x", false},
		/* not a scheme at all: a relative address the browser keeps */
		{"java script:alert(1)", true},
		{"1http:x", true},
		{"%6Aavascript:alert(1)", true},
		{"ｊａｖａｓｃｒｉｐｔ:alert(1)", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (markdown_link_is_safe(cases[i].url) != cases[i].safe)
			fail_msg("%s: expected %s", cases[i].url ? cases[i].url : "(null)",
				 cases[i].safe ? "safe" : "unsafe");
}

static void test_images_load_nothing(void **state)
{
	(void)state;
	char *h = render("![構成図](https://evil.example/track.png \"図1\")");
	assert_string_equal(h, "<p><a href=\"https://evil.example/track.png\" title=\"図1\">構成図</a></p>\n");
	free(h);
	h = render("![](https://evil.example/empty.png)");
	assert_string_equal(h, "<p><a href=\"https://evil.example/empty.png\">https://evil.example/empty.png</a></p>\n");
	free(h);
	/* a badge inside a link: the alt text, one link */
	h = render("[![build passing](https://ci.example/badge.svg)](https://ci.example/job)");
	assert_string_equal(h, "<p><a href=\"https://ci.example/job\">build passing</a></p>\n");
	free(h);
	/* an image of an unsafe source: its alt text, the source as text */
	h = render("![ロゴ](javascript:alert(1))");
	assert_string_equal(h, "<p>ロゴ (javascript:alert(1))</p>\n");
	free(h);
	/* a link inside an image's description (CommonMark allows it) */
	h = render("![図 [詳細](https://a.example)](https://b.example/x.png)");
	assert_string_equal(h, "<p><a href=\"https://b.example/x.png\">図 詳細</a></p>\n");
	free(h);
	h = render("![a](data:image/png;base64,iVBORw0KGgo=)");
	assert_lacks(h, "<a");
	assert_lacks(h, "<img");
	free(h);
}

static void test_entities(void **state)
{
	(void)state;
	char *h = render("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &copy; &#0; &#x110000; &bogus;");
	assert_string_equal(h, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; © \xEF\xBF\xBD \xEF\xBF\xBD &amp;bogus;</p>\n");
	free(h);
	/* an entity in a title or a code span stays text */
	h = render("[a](https://x.example \"&quot;&gt;&lt;script&gt;\") `<b>&amp;</b>`");
	assert_contains(h, "title=\"&quot;&gt;&lt;script&gt;\"");
	assert_contains(h, "<code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code>");
	free(h);
}

static void test_code_blocks(void **state)
{
	(void)state;
	char *h = render("```sh\"><script>\ncurl https://api.example.com/v1 | jq .\n```\n");
	assert_string_equal(h, "<pre><code class=\"language-sh&quot;&gt;&lt;script&gt;\">curl https://api.example.com/v1 | jq .\n"
			       "</code></pre>\n");
	free(h);
}

static void test_nul_and_invalid_utf8(void **state)
{
	(void)state;
	char *h = render_n("前\0後", strlen("前") + 1 + strlen("後"), 0);
	assert_string_equal(h, "<p>前\xEF\xBF\xBD後</p>\n");
	free(h);
	h = render("壊れた\xFF\xFE文字 \xE6\x97 と \xED\xA0\x80 サロゲート");
	assert_lacks(h, "\xFF");
	assert_contains(h, "\xEF\xBF\xBD");
	assert_contains(h, "壊れた");
	assert_contains(h, "サロゲート");
	free(h);
}

/* A text of n copies of unit, then tail. */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = xmalloc(u * n + t + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * n, tail, t + 1);
	return s;
}

static void test_deep_nesting(void **state)
{
	(void)state;
	static const struct {
		const char *unit, *tail;
	} cases[] = {
		{">", " 引用"},
		{"- ", "項目"},
		{"1. ", "項目"},
		{"[", "x"},
		{"![", "x"},
		{"*", "x"},
		{"<a>", "x"},
		{"[a](javascript:x)", ""},
		{"![", "](javascript:x)"},
	};
	size_t depth = 50000;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = repeat(cases[i].unit, depth, cases[i].tail);
		char *h = render(s);
		assert_true(strlen(h) > 0);
		free(h);
		free(s);
	}
	/* many links nested in an image description */
	char *s = repeat("![a [b](javascript:c) ", 2000, "");
	char *h = render(s);
	assert_lacks(h, "javascript:c\"");
	free(h);
	free(s);
}

static void test_too_long_is_plain(void **state)
{
	(void)state;
	size_t n = MARKDOWN_MAX_BYTES + 1;
	char *s = xmalloc(n + 1);
	memset(s, 'a', n);
	memcpy(s, "<script>\n# x", 12);
	s[n] = '\0';
	strbuf sb;
	sb_init(&sb);
	assert_false(markdown_to_html(s, n, NULL, &sb));
	assert_true(strncmp(sb_str(&sb), "<p>&lt;script&gt;<br />\n# xaaa", 30) == 0);
	assert_null(markdown_untamed(sb_str(&sb)));
	sb_free(&sb);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_lists),        cmocka_unit_test(test_table_with_pipes),
		cmocka_unit_test(test_links_and_autolinks), cmocka_unit_test(test_emphasis_and_tildes),
		cmocka_unit_test(test_headings_moved_down), cmocka_unit_test(test_empty),
		cmocka_unit_test(test_raw_html_shown_as_typed), cmocka_unit_test(test_unsafe_links_never_live),
		cmocka_unit_test(test_link_safety_rule),    cmocka_unit_test(test_images_load_nothing),
		cmocka_unit_test(test_entities),            cmocka_unit_test(test_code_blocks),
		cmocka_unit_test(test_nul_and_invalid_utf8), cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_too_long_is_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
