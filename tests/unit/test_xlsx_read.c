/* The XLSX reader: workbooks as Excel-like writers make them (made here
 * with libxlsxwriter) read as their cells display, and hand-made archives
 * (made here with libzip) for what libxlsxwriter never writes: phonetic
 * runs, escapes, cells without references, the 1904 date system, and
 * hostile files (entities, zip bombs, paths out of the archive, files
 * that are no workbook). Every test asserts exact texts or exact codes. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>
#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "core/problems.h"
#include "core/sheet_grid.h"
#include "core/strbuf.h"
#include "core/xlsx_internal.h"
#include "core/xlsx_read.h"
#include "testutil.h"

static char tmp_dir[] = "/tmp/cs-xlsx-XXXXXX";

/* Under valgrind everything is some fifty times slower: smaller bombs,
 * and no timing. */
static bool slow_run(void)
{
	const char *p = getenv("LD_PRELOAD");
	return p && (strstr(p, "vgpreload") || strstr(p, "valgrind"));
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *tmp_path(const char *name) { return xasprintf("%s/%s", tmp_dir, name); }

/* ---- archives made by hand ---- */

typedef struct part {
	const char *name;
	const char *data;
	size_t len;    /* 0: strlen(data) */
	bool deflate;  /* else stored */
} part;

/* The parts as a zip archive in memory (the caller frees). */
static char *zip_build(const part *parts, size_t n, size_t *out_len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	zip_error_fini(&err);
	zip_source_keep(src);
	for (size_t i = 0; i < n; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(za, parts[i].data, len, 0);
		assert_non_null(s);
		zip_int64_t idx = zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
							  parts[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
							  parts[i].deflate ? 1 : 0),
				 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_stat_t st;
	zip_stat_init(&st);
	assert_int_equal(zip_source_stat(src, &st), 0);
	char *out = xmalloc(st.size);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	*out_len = st.size;
	return out;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define REL(id, type, target) \
	"<Relationship Id=\"" id "\" Type=\"" NS_R "/" type "\" Target=\"" target "\"/>"

static const char root_rels[] =
	XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	REL("rId1", "officeDocument", "xl/workbook.xml") "</Relationships>";

static const char wb_rels[] =
	XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	REL("rId1", "worksheet", "worksheets/sheet1.xml")
	REL("rId2", "worksheet", "/xl/worksheets/sheet2.xml")
	REL("rId3", "sharedStrings", "sharedStrings.xml")
	REL("rId4", "styles", "styles.xml") "</Relationships>";

static const char one_sheet_wb[] =
	XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
	"<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char default_styles[] =
	XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\">"
	"<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"10\"/></cellStyleXfs>"
	"<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
	"<xf numFmtId=\"20\"/></cellXfs></styleSheet>";

static const char empty_sst[] = XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"0\" uniqueCount=\"0\"/>";

static char *sheet_xml(const char *rows_and_more)
{
	return xasprintf(XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">%s</worksheet>",
			 rows_and_more);
}

/* A workbook of one sheet (sheet1.xml: inner is what goes inside
 * <worksheet>), with shared strings and styles; workbook NULL for the
 * usual one. */
static char *book_bytes_raw(const char *workbook, const char *sheet, const char *sst, size_t *len)
{
	part parts[] = {
		{"_rels/.rels", root_rels, 0, true},
		{"xl/workbook.xml", workbook ? workbook : one_sheet_wb, 0, true},
		{"xl/_rels/workbook.xml.rels", wb_rels, 0, true},
		{"xl/worksheets/sheet1.xml", sheet, 0, true},
		{"xl/sharedStrings.xml", sst ? sst : empty_sst, 0, true},
		{"xl/styles.xml", default_styles, 0, true},
	};
	return zip_build(parts, sizeof parts / sizeof *parts, len);
}

static char *book_bytes(const char *workbook, const char *inner, const char *sst, size_t *len)
{
	char *sheet = sheet_xml(inner);
	char *zip = book_bytes_raw(workbook, sheet, sst, len);
	free(sheet);
	return zip;
}

static const grid_row *row_at(const sheet_grid *g, int line)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->rows[i].line == line)
			return &g->rows[i];
	return NULL;
}

/* Cell col of row line as read: "" when absent. */
static const char *cell(const sheet_grid *g, int line, int col)
{
	const grid_row *r = row_at(g, line);
	return r ? grid_cell(r, col) : "";
}

static void dump_grid(const sheet_grid *g)
{
	for (size_t i = 0; i < g->n; i++) {
		fprintf(stderr, "  row %d:", g->rows[i].line);
		for (size_t c = 0; c < g->rows[i].n; c++)
			fprintf(stderr, " [%s]", g->rows[i].cells[c]);
		fprintf(stderr, "\n");
	}
}

#define assert_cell(g, line, col, text)                                                                   \
	do {                                                                                              \
		if (strcmp(cell(g, line, col), text) != 0) {                                              \
			dump_grid(g);                                                                     \
			fail_msg("row %d col %d: \"%s\", expected \"%s\"", line, col, cell(g, line, col), \
				 text);                                                                   \
		}                                                                                         \
	} while (0)

/* Opens bytes and reads sheet 0; both must succeed. */
static void read_bytes(const char *bytes, size_t len, const load_limits *lim, sheet_grid *g)
{
	problems ps;
	problems_init(&ps);
	xlsx_book *b = NULL;
	bool ok = xlsx_open_mem(bytes, len, "t.xlsx", lim, &b, &ps);
	grid_init(g);
	if (ok)
		ok = xlsx_read_sheet(b, 0, g, &ps);
	if (!ok) {
		dump_problems(&ps);
		fail_msg("the workbook could not be read");
	}
	xlsx_close(b);
	problems_free(&ps);
}

static void read_sheet_xml(const char *inner, const char *sst, sheet_grid *g)
{
	size_t len;
	char *bytes = book_bytes(NULL, inner, sst, &len);
	read_bytes(bytes, len, NULL, g);
	free(bytes);
}

/* Opening (and, when it opens, reading sheet 0) must stop with exactly
 * one fatal problem of this code; its message must hold `words`. */
static void expect_refusal(const char *what, const char *bytes, size_t len, const load_limits *lim,
			   const char *code, const char *words)
{
	problems ps;
	problems_init(&ps);
	xlsx_book *b = NULL;
	bool ok = xlsx_open_mem(bytes, len, "bad.xlsx", lim, &b, &ps);
	sheet_grid g;
	grid_init(&g);
	if (ok) {
		ok = xlsx_read_sheet(b, 0, &g, &ps);
		assert_int_equal(g.n, 0);  /* nothing half read */
		assert_null(g.sheet_name);
	} else {
		assert_null(b);
	}
	const problem *p = find_code(&ps, code);
	if (ok || !p || problems_count(&ps, SEV_FATAL) != 1 || (words && !strstr(p->message, words))) {
		dump_problems(&ps);
		fail_msg("%s: expected %s with \"%s\"", what, code, words ? words : "");
	}
	assert_int_equal(p->sev, SEV_FATAL);
	assert_string_equal(p->file, "bad.xlsx");
	grid_free(&g);
	xlsx_close(b);
	problems_free(&ps);
}

static void expect_sheet_refusal(const char *what, const char *inner, const char *sst, const char *code,
				 const char *words, int line, int column)
{
	size_t len;
	char *bytes = book_bytes(NULL, inner, sst, &len);
	expect_refusal(what, bytes, len, NULL, code, words);
	problems ps;
	problems_init(&ps);
	xlsx_book *b = NULL;
	if (xlsx_open_mem(bytes, len, "bad.xlsx", NULL, &b, &ps)) {
		sheet_grid g;
		grid_init(&g);
		assert_false(xlsx_read_sheet(b, 0, &g, &ps));
		const problem *p = find_code(&ps, code);
		assert_non_null(p);
		if (p->mark.line != line || p->mark.column != column) {
			dump_problems(&ps);
			fail_msg("%s: at %d:%d, expected %d:%d", what, p->mark.line, p->mark.column, line, column);
		}
		grid_free(&g);
	}
	xlsx_close(b);
	problems_free(&ps);
	free(bytes);
}

/* ---- workbooks made with libxlsxwriter ---- */

#ifdef HAVE_XLSXWRITER
static void write_answers_workbook(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_align(title, LXW_ALIGN_CENTER);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.00%");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy/m/d");
	lxw_format *date_ja = workbook_add_format(wb);
	format_set_num_format(date_ja, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *thousands = workbook_add_format(wb);
	format_set_num_format(thousands, "#,##0");
	lxw_format *two = workbook_add_format(wb);
	format_set_num_format(two, "0.00");
	lxw_format *hm = workbook_add_format(wb);
	format_set_num_format(hm, "h:mm");
	lxw_format *iso = workbook_add_format(wb);
	format_set_num_format(iso, "[$-ja-JP]yyyy-mm-dd");
	lxw_format *signs = workbook_add_format(wb);
	format_set_num_format(signs, "[Red]0.0;[Blue]\\(0.0\\)");
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);

	lxw_worksheet *ws = workbook_add_worksheet(wb, "回答");
	worksheet_merge_range(ws, 0, 0, 0, 5, "クラウドサービスレベルのチェックリスト", title);
	worksheet_write_string(ws, 2, 0, "株式会社サンプル", NULL);
	/* the header on row 5 */
	const char *head[] = {"No.", "項目", "回答", "備考"};
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 4, (lxw_col_t)c, head[c], bold);
	worksheet_write_string(ws, 5, 0, "1", NULL);
	lxw_rich_string_tuple f1 = {.format = bold, .string = "稼働率"};
	lxw_rich_string_tuple f2 = {.format = NULL, .string = "(月間)"};
	lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
	worksheet_write_rich_string(ws, 5, 1, rich, NULL);
	worksheet_write_number(ws, 5, 2, 99.95, NULL);
	worksheet_write_string(ws, 5, 3, "月間\n計画停止を除く", wrap);
	worksheet_write_string(ws, 6, 0, "2", NULL);
	worksheet_write_number(ws, 6, 2, 0.9995, pct);
	worksheet_write_string(ws, 6, 3, "a\r\nb", wrap);
	worksheet_write_number(ws, 7, 2, 45292, date);
	lxw_datetime when = {2024, 4, 1, 0, 0, 0};
	worksheet_write_datetime(ws, 7, 3, &when, date);
	worksheet_write_number(ws, 8, 2, 3, NULL);
	worksheet_write_number(ws, 8, 3, 0.1, NULL);
	worksheet_write_number(ws, 8, 4, 0.1 + 0.2, NULL);
	worksheet_write_boolean(ws, 9, 2, 1, NULL);
	worksheet_write_boolean(ws, 9, 3, 0, NULL);
	worksheet_write_formula_str(ws, 10, 2, "=\"A\"&\"B\"", NULL, "AB");
	worksheet_write_formula_num(ws, 10, 3, "=1+2", NULL, 3);
	worksheet_write_number(ws, 11, 2, 1234567, thousands);
	worksheet_write_number(ws, 11, 3, 3.14159, two);
	worksheet_write_number(ws, 11, 4, 45292, date_ja);
	worksheet_write_number(ws, 12, 2, 0.5, hm);
	worksheet_write_number(ws, 12, 3, 45292, iso);
	worksheet_write_number(ws, 12, 4, -2.25, signs);
	worksheet_write_number(ws, 12, 5, 2.25, signs);
	worksheet_write_string(ws, 13, 2, "平日 9:00-18:00", NULL);
	worksheet_write_blank(ws, 14, 2, bold); /* a style, no value */

	lxw_worksheet *hidden = workbook_add_worksheet(wb, "設定");
	worksheet_write_string(hidden, 0, 0, "内部", NULL);
	worksheet_hide(hidden);
	lxw_worksheet *third = workbook_add_worksheet(wb, "English");
	worksheet_write_number(third, 1, 1, 7, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_libxlsxwriter_workbook(void **state)
{
	(void)state;
	char *path = tmp_path("answers.xlsx");
	write_answers_workbook(path);
	problems ps;
	problems_init(&ps);
	xlsx_book *b;
	assert_true(xlsx_open(path, NULL, &b, &ps));
	assert_int_equal(ps.n, 0);
	assert_int_equal(xlsx_sheet_count(b), 3);
	assert_string_equal(xlsx_sheet_name(b, 0), "回答");
	assert_string_equal(xlsx_sheet_name(b, 1), "設定");
	assert_string_equal(xlsx_sheet_name(b, 2), "English");
	assert_false(xlsx_sheet_hidden(b, 0));
	assert_true(xlsx_sheet_hidden(b, 1));
	assert_true(xlsx_sheet_is_worksheet(b, 2));
	assert_int_equal(xlsx_sheet_default(b, &ps), 0);

	sheet_grid g;
	grid_init(&g);
	assert_true(xlsx_read_sheet(b, 0, &g, &ps));
	assert_int_equal(ps.n, 0);
	assert_string_equal(g.sheet_name, "回答");
	/* the merged title stays in A1, and B1:F1 read empty */
	const grid_row *r1 = row_at(&g, 1);
	assert_non_null(r1);
	assert_int_equal(r1->n, 1);
	assert_cell(&g, 1, 1, "クラウドサービスレベルのチェックリスト");
	assert_null(row_at(&g, 2)); /* empty rows are left out */
	assert_cell(&g, 3, 1, "株式会社サンプル");
	assert_cell(&g, 5, 1, "No.");
	assert_cell(&g, 5, 4, "備考");
	assert_cell(&g, 6, 1, "1");
	assert_cell(&g, 6, 2, "稼働率(月間)");
	assert_cell(&g, 6, 3, "99.95");
	assert_cell(&g, 6, 4, "月間\n計画停止を除く");
	assert_cell(&g, 7, 3, "99.95%");
	assert_cell(&g, 7, 4, "a\nb");
	assert_cell(&g, 8, 3, "2024/1/1");
	assert_cell(&g, 8, 4, "2024/4/1");
	assert_cell(&g, 9, 3, "3");
	assert_cell(&g, 9, 4, "0.1");
	assert_cell(&g, 9, 5, "0.3");
	assert_cell(&g, 10, 3, "TRUE");
	assert_cell(&g, 10, 4, "FALSE");
	assert_cell(&g, 11, 3, "AB");
	assert_cell(&g, 11, 4, "3");
	assert_cell(&g, 12, 3, "1,234,567");
	assert_cell(&g, 12, 4, "3.14");
	assert_cell(&g, 12, 5, "2024年1月1日");
	assert_cell(&g, 13, 3, "12:00");
	assert_cell(&g, 13, 4, "2024-01-01");
	assert_cell(&g, 13, 5, "(2.3)");
	assert_cell(&g, 13, 6, "2.3");
	assert_cell(&g, 14, 3, "平日 9:00-18:00");
	assert_null(row_at(&g, 15)); /* a blank cell with a style is empty */
	for (size_t i = 1; i < g.n; i++)
		assert_true(g.rows[i].line > g.rows[i - 1].line);

	/* selection: by name, by number, ignoring case, the hidden one */
	assert_int_equal(xlsx_sheet_find(b, "設定", &ps), 1);
	assert_int_equal(xlsx_sheet_find(b, "3", &ps), 2);
	assert_int_equal(xlsx_sheet_find(b, "english", &ps), 2);
	assert_int_equal(ps.n, 0);
	assert_true(xlsx_read_sheet(b, 1, &g, &ps));
	assert_string_equal(g.sheet_name, "設定");
	assert_int_equal(g.n, 1);
	assert_cell(&g, 1, 1, "内部");
	assert_true(xlsx_read_sheet(b, 2, &g, &ps));
	assert_int_equal(g.n, 1);
	assert_cell(&g, 2, 2, "7");
	assert_string_equal(grid_cell(&g.rows[0], 1), "");

	assert_int_equal(xlsx_sheet_find(b, "4", &ps), -1);
	assert_int_equal(xlsx_sheet_find(b, "Summary", &ps), -1);
	assert_int_equal(count_code(&ps, "no-such-sheet"), 2);
	assert_non_null(strstr(ps.v[1].message, "\"Summary\""));
	assert_non_null(strstr(ps.v[1].message, "1 \"回答\", 2 \"設定\" (hidden), 3 \"English\""));
	assert_string_equal(ps.v[1].file, path);
	grid_free(&g);
	xlsx_close(b);
	problems_free(&ps);
	unlink(path);
	free(path);
}

/* constant_memory: strings are written inline, rows as they come. */
static void test_constant_memory(void **state)
{
	(void)state;
	char *path = tmp_path("constant.xlsx");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = tmp_dir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "シート1");
	for (int r = 0; r < 500; r++) {
		char no[16];
		snprintf(no, sizeof no, "%d", r + 1);
		worksheet_write_string(ws, (lxw_row_t)r, 0, no, NULL);
		worksheet_write_string(ws, (lxw_row_t)r, 2, "回答\nあり", NULL);
		worksheet_write_number(ws, (lxw_row_t)r, 3, r / 4.0, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	/* the test is worth something only if the strings are inline */
	int err;
	zip_t *za = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(za);
	zip_file_t *f = zip_fopen(za, "xl/worksheets/sheet1.xml", 0);
	assert_non_null(f);
	char head[4096];
	zip_int64_t n = zip_fread(f, head, sizeof head - 1);
	assert_true(n > 0);
	head[n] = '\0';
	assert_non_null(strstr(head, "t=\"inlineStr\""));
	zip_fclose(f);
	zip_discard(za);

	problems ps;
	problems_init(&ps);
	xlsx_book *b;
	assert_true(xlsx_open(path, NULL, &b, &ps));
	assert_int_equal(xlsx_sheet_find(b, "シート1", &ps), 0);
	sheet_grid g;
	grid_init(&g);
	assert_true(xlsx_read_sheet(b, 0, &g, &ps));
	assert_int_equal(g.n, 500);
	assert_cell(&g, 1, 1, "1");
	assert_cell(&g, 1, 2, "");
	assert_cell(&g, 1, 3, "回答\nあり");
	assert_cell(&g, 1, 4, "0");
	assert_cell(&g, 2, 4, "0.25");
	assert_cell(&g, 500, 1, "500");
	assert_cell(&g, 500, 4, "124.75");
	assert_int_equal(ps.n, 0);
	grid_free(&g);
	xlsx_close(b);
	problems_free(&ps);
	unlink(path);
	free(path);
}
#endif

/* ---- hand-made archives ---- */

static void test_phonetic_runs_and_rich_text(void **state)
{
	(void)state;
	const char *sst = XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"4\" uniqueCount=\"4\">"
		"<si><r><rPr><b/></rPr><t>東京</t></r><r><t xml:space=\"preserve\">都 </t></r>"
		"<rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><rPh sb=\"2\" eb=\"3\"><t>ト</t></rPh>"
		"<phoneticPr fontId=\"1\" type=\"noConversion\"/></si>"
		"<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>カンジ</t></rPh><phoneticPr fontId=\"1\"/></si>"
		"<si><t/></si>"
		"<si><t xml:space=\"preserve\">  両端に空白  </t></si>"
		"</sst>";
	sheet_grid g;
	read_sheet_xml("<sheetData><row r=\"1\">"
		       "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		       "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
		       "<c r=\"E1\" t=\"inlineStr\"><is><r><t>振</t></r><r><t>仮名</t></r>"
		       "<rPh sb=\"0\" eb=\"1\"><t>フリ</t></rPh></is></c></row></sheetData>",
		       sst, &g);
	assert_cell(&g, 1, 1, "東京都 ");
	assert_cell(&g, 1, 2, "漢字");
	assert_cell(&g, 1, 3, "");
	assert_cell(&g, 1, 4, "  両端に空白  ");
	assert_cell(&g, 1, 5, "振仮名");
	grid_free(&g);
}

static void test_escapes_and_line_breaks(void **state)
{
	(void)state;
	const char *sst = XML_DECL "<sst xmlns=\"" NS_MAIN "\">"
		"<si><t>一行目_x000D_\n二行目</t></si>"
		"<si><t>a_x000D__x000A_b_x000d_c&#13;&#10;d&#13;e</t></si>"
		"<si><t>_x005F_x0041_ is _x0041_, _x41_ and _x00zz_ are not escapes</t></si>"
		"<si><t>_xD83D__xDE00_ _xD800_</t></si>"
		"<si><t>tab\there_x0009_</t></si>"
		"</sst>";
	sheet_grid g;
	read_sheet_xml("<sheetData><row r=\"2\">"
		       "<c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
		       "<c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\" t=\"s\"><v>3</v></c>"
		       "<c r=\"E2\" t=\"s\"><v>4</v></c>"
		       "<c r=\"F2\" t=\"str\"><f>A1</f><v>x_x000D__x000A_y</v></c>"
		       "<c r=\"G2\" t=\"inlineStr\"><is><t>p_x000A_q</t></is></c></row></sheetData>",
		       sst, &g);
	assert_cell(&g, 2, 1, "一行目\n二行目");
	assert_cell(&g, 2, 2, "a\nb\nc\nd\ne");
	assert_cell(&g, 2, 3, "_x0041_ is A, _x41_ and _x00zz_ are not escapes");
	assert_cell(&g, 2, 4, "\xF0\x9F\x98\x80 _xD800_");
	assert_cell(&g, 2, 5, "tab\there\t");
	assert_cell(&g, 2, 6, "x\ny");
	assert_cell(&g, 2, 7, "p\nq");
	grid_free(&g);
}

static void test_cells_without_references(void **state)
{
	(void)state;
	sheet_grid g;
	read_sheet_xml("<sheetData>"
		       "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c/><c t=\"inlineStr\"><is><t>c</t></is></c></row>"
		       "<row><c><v>1</v></c></row>"
		       "<row r=\"5\"><c r=\"C5\"><v>3</v></c><c><v>4</v></c><c r=\"F5\"><v>6</v></c><c><v>7</v></c></row>"
		       "<row><c r=\"B\"><v>2</v></c></row>"
		       "</sheetData>",
		       NULL, &g);
	assert_int_equal(g.n, 4);
	assert_cell(&g, 1, 1, "a");
	assert_cell(&g, 1, 2, "");
	assert_cell(&g, 1, 3, "c");
	assert_int_equal(row_at(&g, 1)->n, 3);
	assert_cell(&g, 2, 1, "1");
	assert_cell(&g, 5, 3, "3");
	assert_cell(&g, 5, 4, "4");
	assert_cell(&g, 5, 6, "6");
	assert_cell(&g, 5, 7, "7");
	assert_cell(&g, 6, 2, "2");
	grid_free(&g);
}

static void test_cell_types(void **state)
{
	(void)state;
	sheet_grid g;
	read_sheet_xml("<sheetData><row r=\"1\">"
		       "<c r=\"A1\" t=\"e\"><f>NA()</f><v>#N/A</v></c>"
		       "<c r=\"B1\" t=\"b\"><v>1</v></c><c r=\"C1\" t=\"b\"><v>0</v></c>"
		       "<c r=\"D1\" s=\"1\"><v>45292</v></c>"
		       "<c r=\"E1\" s=\"2\"><v>45292.75</v></c>"
		       "<c r=\"F1\" s=\"3\"><v>0.12345</v></c>"
		       "<c r=\"G1\" s=\"4\"><v>0.75</v></c>"
		       "<c r=\"H1\"><f>1/0</f></c>"
		       "<c r=\"I1\" s=\"99\"><v>2.5</v></c>"
		       "<c r=\"J1\"><v>not a number</v></c>"
		       "<c r=\"K1\"><v>1.0000000000000002</v></c>"
		       "<c r=\"L1\"><v>123456789012</v></c>"
		       "<c r=\"M1\"><v>-0.00001234567</v></c>"
		       "<c r=\"N1\" t=\"d\"><v>2024-01-01T00:00:00</v></c>"
		       "<c r=\"O1\" t=\"s\"/>"
		       "</row></sheetData>",
		       NULL, &g);
	assert_cell(&g, 1, 1, "#N/A");
	assert_cell(&g, 1, 2, "TRUE");
	assert_cell(&g, 1, 3, "FALSE");
	assert_cell(&g, 1, 4, "2024/1/1");
	assert_cell(&g, 1, 5, "2024年1月1日");
	assert_cell(&g, 1, 6, "12.3%");
	assert_cell(&g, 1, 7, "18:00");
	assert_cell(&g, 1, 8, "");  /* a formula never calculated */
	assert_cell(&g, 1, 9, "2.5"); /* an unknown style is General */
	assert_cell(&g, 1, 10, "not a number");
	assert_cell(&g, 1, 11, "1");
	assert_cell(&g, 1, 12, "1.23457E+11");
	assert_cell(&g, 1, 13, "-1.23457E-05");
	assert_cell(&g, 1, 14, "2024-01-01T00:00:00");
	assert_int_equal(row_at(&g, 1)->n, 14);
	grid_free(&g);
}

static void test_date1904(void **state)
{
	(void)state;
	const char *wb = XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">"
		"<workbookPr date1904=\"1\"/><sheets><sheet name=\"Mac\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	size_t len;
	char *bytes = book_bytes(wb, "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c>"
				     "<c r=\"B1\" s=\"1\"><v>366</v></c><c r=\"C1\" s=\"2\"><v>43830</v></c>"
				     "</row></sheetData>",
				 NULL, &len);
	sheet_grid g;
	read_bytes(bytes, len, NULL, &g);
	assert_string_equal(g.sheet_name, "Mac");
	assert_cell(&g, 1, 1, "1904/1/1");
	assert_cell(&g, 1, 2, "1905/1/1");
	assert_cell(&g, 1, 3, "2024年1月1日"); /* 43830 is 2019/12/31 in the 1900 system */
	grid_free(&g);
	free(bytes);
}

static void test_merged_ranges(void **state)
{
	(void)state;
	sheet_grid g;
	/* values inside a merged range (Excel drops them, a generator may
	 * not): only the top-left one is kept, never copied */
	read_sheet_xml("<sheetData>"
		       "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>見出し</t></is></c>"
		       "<c r=\"B1\" t=\"inlineStr\"><is><t>hidden</t></is></c><c r=\"D1\"><v>4</v></c></row>"
		       "<row r=\"2\"><c r=\"A2\"><v>5</v></c><c r=\"B2\"><v>6</v></c></row>"
		       "<row r=\"3\"><c r=\"A3\"><v>7</v></c><c r=\"C3\"><v>8</v></c><c r=\"D3\"><v>9</v></c></row>"
		       "</sheetData>"
		       "<mergeCells count=\"3\"><mergeCell ref=\"A1:B2\"/><mergeCell ref=\"C3:D3\"/>"
		       "<mergeCell ref=\"bogus\"/></mergeCells>",
		       NULL, &g);
	assert_int_equal(g.n, 2);
	assert_cell(&g, 1, 1, "見出し");
	assert_cell(&g, 1, 2, "");
	assert_cell(&g, 1, 4, "4");
	assert_null(row_at(&g, 2));
	assert_cell(&g, 3, 1, "7");
	assert_cell(&g, 3, 3, "8");
	assert_int_equal(row_at(&g, 3)->n, 3);
	grid_free(&g);
}

static void test_namespace_prefixes(void **state)
{
	(void)state;
	/* the Open XML SDK writes "x:" prefixes; Strict OOXML other URIs */
	const char *wb = XML_DECL "<x:workbook xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
		"xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
		"<x:sheets><x:sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>";
	char *sheet = xasprintf(XML_DECL "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\">"
				"<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>ok</x:t></x:is></x:c>"
				"</x:row></x:sheetData></x:worksheet>");
	const char *rels = XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" "
		"Target=\"worksheets/./../worksheets/sheet1.xml\"/></Relationships>";
	const char *root = XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" "
		"Target=\"/xl/workbook.xml\"/></Relationships>";
	part parts[] = {
		{"_rels/.rels", root, 0, false},
		{"xl/workbook.xml", wb, 0, false},
		{"xl/_rels/workbook.xml.rels", rels, 0, false},
		{"xl/worksheets/sheet1.xml", sheet, 0, false},
	};
	size_t len;
	char *bytes = zip_build(parts, 4, &len);
	sheet_grid g;
	read_bytes(bytes, len, NULL, &g);
	assert_cell(&g, 1, 1, "ok");
	grid_free(&g);
	free(bytes);
	free(sheet);
}

static void test_sheet_selection(void **state)
{
	(void)state;
	/* a hidden first sheet, a chart sheet, a sheet named "1", names
	 * equal but for case */
	const char *wb = XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\"><sheets>"
		"<sheet name=\"隠し\" sheetId=\"1\" state=\"veryHidden\" r:id=\"rId1\"/>"
		"<sheet name=\"Chart\" sheetId=\"2\" r:id=\"rId5\"/>"
		"<sheet name=\"1\" sheetId=\"3\" r:id=\"rId2\"/>"
		"<sheet name=\"Data\" sheetId=\"4\" r:id=\"rId1\"/>"
		"<sheet name=\"DATA\" sheetId=\"5\" r:id=\"rId1\"/>"
		"</sheets></workbook>";
	const char *rels = XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		REL("rId1", "worksheet", "worksheets/sheet1.xml") REL("rId2", "worksheet", "worksheets/sheet1.xml")
		REL("rId5", "chartsheet", "chartsheets/sheet1.xml") "</Relationships>";
	char *sheet = sheet_xml("<sheetData/>");
	part parts[] = {
		{"_rels/.rels", root_rels, 0, false},
		{"xl/workbook.xml", wb, 0, false},
		{"xl/_rels/workbook.xml.rels", rels, 0, false},
		{"xl/worksheets/sheet1.xml", sheet, 0, false},
		{"xl/chartsheets/sheet1.xml", "<chartsheet/>", 0, false},
	};
	size_t len;
	char *bytes = zip_build(parts, 5, &len);
	problems ps;
	problems_init(&ps);
	xlsx_book *b;
	assert_true(xlsx_open_mem(bytes, len, "sel.xlsx", NULL, &b, &ps));
	assert_int_equal(xlsx_sheet_count(b), 5);
	assert_int_equal(xlsx_sheet_default(b, &ps), 2); /* not the hidden one, not the chart */
	assert_false(xlsx_sheet_is_worksheet(b, 1));
	assert_true(xlsx_sheet_hidden(b, 0));
	assert_int_equal(xlsx_sheet_find(b, "2", &ps), 1);
	assert_int_equal(xlsx_sheet_find(b, "Data", &ps), 3);
	assert_int_equal(xlsx_sheet_find(b, "DATA", &ps), 4);
	assert_int_equal(ps.n, 0);
	/* "1" is a sheet's name: the name wins, with a warning */
	assert_int_equal(xlsx_sheet_find(b, "1", &ps), 2);
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.v[0].code, "ambiguous-sheet");
	assert_int_equal(ps.v[0].sev, SEV_WARNING);
	/* "data" matches two sheets ignoring case: neither */
	assert_int_equal(xlsx_sheet_find(b, "data", &ps), -1);
	assert_int_equal(xlsx_sheet_find(b, "0", &ps), -1);
	assert_int_equal(xlsx_sheet_find(b, "", &ps), -1);
	assert_int_equal(count_code(&ps, "no-such-sheet"), 3);
	assert_non_null(strstr(ps.v[1].message, "1 \"隠し\" (hidden), 2 \"Chart\", 3 \"1\""));
	sheet_grid g;
	grid_init(&g);
	assert_false(xlsx_read_sheet(b, 1, &g, &ps));
	assert_non_null(find_code(&ps, "not-a-worksheet"));
	grid_free(&g);
	xlsx_close(b);
	problems_free(&ps);
	free(bytes);
	free(sheet);
}

/* ---- hostile and foreign files ---- */

static void test_doctype_refused(void **state)
{
	(void)state;
	const char *laughs = XML_DECL "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
		"<sst xmlns=\"" NS_MAIN "\"><si><t>&lol3;</t></si></sst>";
	size_t len;
	char *bytes = book_bytes(NULL, "<sheetData/>", laughs, &len);
	expect_refusal("billion laughs in the shared strings", bytes, len, NULL, "doctype-refused",
		       "xl/sharedStrings.xml: ");
	free(bytes);
	/* an external entity in a sheet: refused when the sheet is read */
	const char *sheet_start = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData>";
	char *inner = sheet_xml(sheet_start);
	char *evil = xasprintf("%s", inner);
	/* the DOCTYPE goes after the XML declaration */
	char *decl_end = strstr(evil, "?>\n") + 3;
	char *hostile = xasprintf("%.*s<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>%s",
				  (int)(decl_end - evil), evil, decl_end);
	part parts[] = {
		{"_rels/.rels", root_rels, 0, true},
		{"xl/workbook.xml", one_sheet_wb, 0, true},
		{"xl/_rels/workbook.xml.rels", wb_rels, 0, true},
		{"xl/worksheets/sheet1.xml", hostile, 0, true},
		{"xl/sharedStrings.xml", empty_sst, 0, true},
		{"xl/styles.xml", default_styles, 0, true},
	};
	bytes = zip_build(parts, 6, &len);
	expect_refusal("external entity in a sheet", bytes, len, NULL, "doctype-refused",
		       "xl/worksheets/sheet1.xml: ");
	free(bytes);
	free(hostile);
	free(evil);
	free(inner);
}

/* Sets the uncompressed size the archive gives for every entry named
 * name, in its local header and in the central directory. */
static void lie_about_size(char *zip, size_t len, const char *name, uint32_t size)
{
	size_t nlen = strlen(name);
	const unsigned char *eocd = (const unsigned char *)zip + len - 22;
	assert_memory_equal(eocd, "PK\5\6", 4);
	size_t cd = eocd[16] | eocd[17] << 8 | eocd[18] << 16 | (size_t)eocd[19] << 24;
	size_t entries = eocd[10] | eocd[11] << 8;
	unsigned char *p = (unsigned char *)zip + cd;
	bool found = false;
	for (size_t i = 0; i < entries; i++) {
		assert_memory_equal(p, "PK\1\2", 4);
		size_t fn = p[28] | p[29] << 8, ex = p[30] | p[31] << 8, cm = p[32] | p[33] << 8;
		size_t local = p[42] | p[43] << 8 | p[44] << 16 | (size_t)p[45] << 24;
		if (fn == nlen && memcmp(p + 46, name, nlen) == 0) {
			unsigned char le[4] = {size & 0xff, size >> 8 & 0xff, size >> 16 & 0xff, size >> 24 & 0xff};
			memcpy(p + 24, le, 4);
			unsigned char *lh = (unsigned char *)zip + local;
			assert_memory_equal(lh, "PK\3\4", 4);
			memcpy(lh + 22, le, 4);
			found = true;
		}
		p += 46 + fn + ex + cm;
	}
	assert_true(found);
}

static void test_zip_bomb(void **state)
{
	(void)state;
	size_t big = slow_run() ? (size_t)16 << 20 : (size_t)100 << 20;
	load_limits lim = {.max_size = slow_run() ? (size_t)512 << 10 : (size_t)4 << 20};
	const char *head = XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>";
	const char *tail = "</sheetData></worksheet>";
	char *sheet = xmalloc(big);
	memset(sheet, ' ', big);
	memcpy(sheet, head, strlen(head));
	memcpy(sheet + big - strlen(tail), tail, strlen(tail));
	part parts[] = {
		{"xl/worksheets/sheet1.xml", sheet, big, true},
		{"_rels/.rels", root_rels, 0, true},
		{"xl/workbook.xml", one_sheet_wb, 0, true},
		{"xl/_rels/workbook.xml.rels", wb_rels, 0, true},
		{"xl/sharedStrings.xml", empty_sst, 0, true},
		{"xl/styles.xml", default_styles, 0, true},
	};
	size_t len;
	char *bytes = zip_build(parts, 6, &len);
	free(sheet);
	assert_true(len < lim.max_size / 4); /* small on disk */
	/* a bomb that says what it is: refused before a byte is inflated */
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_refusal("zip bomb", bytes, len, &lim, "too-large", "xl/worksheets/sheet1.xml: ");
	/* one that lies about its size: refused when the limit is reached */
	lie_about_size(bytes, len, "xl/worksheets/sheet1.xml", 1000);
	expect_refusal("lying zip bomb", bytes, len, &lim, "too-large", "a zip bomb?");
	double secs = seconds_since(&t0);
	if (!slow_run() && secs > time_bound(1.0))
		fail_msg("refusing the zip bombs took %.2f s", secs);
	free(bytes);

	/* all parts together: each within the limit, a sheet read twice not */
	lim.max_size = 64 << 10; /* parts 256 KiB, the workbook 512 KiB */
	size_t mid = 200 << 10;
	sheet = xmalloc(mid);
	memset(sheet, ' ', mid);
	memcpy(sheet, head, strlen(head));
	memcpy(sheet + mid - strlen(tail), tail, strlen(tail));
	parts[0].data = sheet;
	parts[0].len = mid;
	bytes = zip_build(parts, 6, &len);
	problems ps;
	problems_init(&ps);
	xlsx_book *b;
	assert_true(xlsx_open_mem(bytes, len, "x.xlsx", &lim, &b, &ps));
	sheet_grid g;
	grid_init(&g);
	assert_true(xlsx_read_sheet(b, 0, &g, &ps));
	assert_true(xlsx_read_sheet(b, 0, &g, &ps));
	assert_false(xlsx_read_sheet(b, 0, &g, &ps));
	assert_non_null(find_code(&ps, "too-large"));
	grid_free(&g);
	xlsx_close(b);
	problems_free(&ps);
	free(bytes);
	free(sheet);
}

/* One huge token (an attribute, a comment) costs expat before 2.6 a
 * rescan per chunk fed: the reader must stay linear. Quadratic, 32 MiB
 * took some 15 s here; linear, well under a second. */
/* CPU seconds to read one sheet whose only row holds a token of n bytes
 * (an attribute or a comment, by kind). */
static double token_seconds(size_t kind, size_t n)
{
	static const char *const kinds[][2] = {
		{"<row r=\"1\"><c r=\"A1\" x=\"", "\"><v>1</v></c></row>"},
		{"<!--", "--><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"},
	};
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
	sb_add(&sb, kinds[kind][0]);
	size_t at = sb.len;
	XGROW(sb.s, sb.cap, sb.len + n + 1);
	memset(sb.s + at, 'a', n);
	sb.len += n;
	sb.s[sb.len] = '\0';
	sb_add(&sb, kinds[kind][1]);
	sb_add(&sb, "</sheetData></worksheet>");
	size_t len;
	char *bytes = book_bytes_raw(NULL, sb_str(&sb), NULL, &len);
	sb_free(&sb);
	clock_t t0 = clock();
	sheet_grid g;
	read_bytes(bytes, len, NULL, &g);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_cell(&g, 1, 1, "1");
	grid_free(&g);
	free(bytes);
	return secs;
}

/* expat 2.5 rescans an unfinished token on every chunk: fed in small
 * chunks, one long token costs quadratic time. Told apart from linear by
 * the growth from n/4 to n in CPU time (4x linear, 16x quadratic), which a
 * loaded machine does not change the way it changes a wall clock. */
static void test_long_token(void **state)
{
	(void)state;
	size_t big = slow_run() ? (size_t)2 << 20 : (size_t)32 << 20;
	for (size_t k = 0; k < 2; k++) {
		double small = token_seconds(k, big / 4), large = token_seconds(k, big);
		if (small < 0.02)
			small = 0.02;
		if (!slow_run() && large > 1.0 && large > 8 * small)
			fail_msg("a token of %zu bytes took %.2f s, of %zu bytes %.2f s: not linear", big, large,
				 big / 4, small);
	}
}

static void test_paths_stay_inside(void **state)
{
	(void)state;
	static const struct {
		const char *target;
		bool unsafe;  /* else missing */
	} cases[] = {
		{"../../../etc/passwd", true},
		{"worksheets/../../../sheet1.xml", true},
		{"/../xl/worksheets/sheet1.xml", true},
		{"..\\..\\sheet1.xml", true},
		{"file:///etc/passwd\" TargetMode=\"External", true},
		{"worksheets/sheet9.xml", false},
		{"/etc/passwd", false},
	};
	char *sheet = sheet_xml("<sheetData/>");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *rels = xasprintf(XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
					       "2006/relationships\">" REL("rId1", "worksheet", "%s") "</Relationships>",
				       cases[i].target);
		part parts[] = {
			{"_rels/.rels", root_rels, 0, true},
			{"xl/workbook.xml", one_sheet_wb, 0, true},
			{"xl/_rels/workbook.xml.rels", rels, 0, true},
			{"xl/worksheets/sheet1.xml", sheet, 0, true},
		};
		size_t len;
		char *bytes = zip_build(parts, 4, &len);
		expect_refusal(cases[i].target, bytes, len, NULL,
			       cases[i].unsafe ? "unsafe-part-path" : "xlsx-missing-part",
			       cases[i].unsafe ? "outside the workbook" : "is missing");
		free(bytes);
		free(rels);
	}
	free(sheet);
	/* a sheet part missing: the workbook opens, the sheet says so */
	char *missing = NULL;
	assert_true(xlsx_resolve_target("xl/workbook.xml", "worksheets/sheet9.xml", &missing));
	assert_string_equal(missing, "xl/worksheets/sheet9.xml");
	free(missing);
	assert_true(xlsx_resolve_target("xl/workbook.xml", "/xl/./a//b.xml", &missing));
	assert_string_equal(missing, "xl/a/b.xml");
	free(missing);
	assert_true(xlsx_resolve_target("", "xl/../xl/workbook.xml", &missing));
	assert_string_equal(missing, "xl/workbook.xml");
	free(missing);
	assert_false(xlsx_resolve_target("xl/workbook.xml", "../../x", &missing));
	assert_null(missing);
}

static void test_not_a_workbook(void **state)
{
	(void)state;
	expect_refusal("empty", "", 0, NULL, "not-xlsx", "empty");
	const char csv[] = "No,項目,回答\n1,稼働率,99.9%\n";
	expect_refusal("CSV", csv, sizeof csv - 1, NULL, "not-xlsx", "not an XLSX workbook (a zip archive)");
	const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
	expect_refusal("xls", ole, sizeof ole - 1, NULL, "not-xlsx", "(.xls)");
	/* cut short: the table of contents at the end is gone */
	size_t len;
	char *bytes = book_bytes(NULL, "<sheetData/>", NULL, &len);
	expect_refusal("truncated", bytes, len / 2, NULL, "not-xlsx", "cut short");
	expect_refusal("truncated", bytes, 3, NULL, "not-xlsx", "not an XLSX workbook (a zip archive)");
	free(bytes);
	/* an OpenDocument spreadsheet named .xlsx */
	part ods[] = {
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0, false},
		{"content.xml", "<office:document-content/>", 0, true},
	};
	bytes = zip_build(ods, 2, &len);
	expect_refusal("ods", bytes, len, NULL, "not-xlsx", "(.ods)");
	free(bytes);
	/* a zip of something else */
	part other[] = {{"readme.txt", "hello", 0, true}};
	bytes = zip_build(other, 1, &len);
	expect_refusal("zip", bytes, len, NULL, "not-xlsx", "xl/workbook.xml");
	free(bytes);
	/* an Excel binary workbook */
	const char *xlsb_rels = XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		REL("rId1", "officeDocument", "xl/workbook.bin") "</Relationships>";
	part xlsb[] = {{"_rels/.rels", xlsb_rels, 0, true}, {"xl/workbook.bin", "\x83\x01", 0, false}};
	bytes = zip_build(xlsb, 2, &len);
	expect_refusal("xlsb", bytes, len, NULL, "not-xlsx", "(.xlsb)");
	free(bytes);
	/* files that are not there or not regular */
	problems ps;
	problems_init(&ps);
	xlsx_book *b;
	char *path = tmp_path("none.xlsx");
	assert_false(xlsx_open(path, NULL, &b, &ps));
	assert_null(b);
	assert_non_null(find_code(&ps, "io-error"));
	assert_false(xlsx_open(tmp_dir, NULL, &b, &ps));
	assert_int_equal(count_code(&ps, "io-error"), 2);
	problems_free(&ps);
	free(path);
}

static void test_xml_syntax(void **state)
{
	(void)state;
	expect_sheet_refusal("unclosed", "<sheetData><row r=\"1\">\n<c r=\"A1\"><v>1</v></c>", NULL, "xml-syntax",
			     "xl/worksheets/sheet1.xml: mismatched tag (line 3, column 25)", 0, 0);
	/* a part cut short, and an empty one */
	size_t len;
	char *bytes = book_bytes_raw(NULL, XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">", NULL,
				     &len);
	expect_refusal("cut short", bytes, len, NULL, "xml-syntax",
		       "xl/worksheets/sheet1.xml: no element found (the part is empty or cut short) (line 2, column 100)");
	free(bytes);
	bytes = book_bytes_raw(NULL, "", NULL, &len);
	expect_refusal("empty part", bytes, len, NULL, "xml-syntax", "xl/worksheets/sheet1.xml: no element found");
	free(bytes);
	expect_sheet_refusal("mismatched", "<sheetData><row r=\"1\"></c></sheetData>", NULL, "xml-syntax",
			     "xl/worksheets/sheet1.xml: mismatched tag (line 2, column ", 0, 0);
	expect_sheet_refusal("bad UTF-8", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\xff</t>"
			     "</is></c></row></sheetData>", NULL, "xml-syntax", "not well-formed (invalid token)", 0, 0);
	expect_sheet_refusal("NUL reference", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&#0;</t>"
			     "</is></c></row></sheetData>", NULL, "xml-syntax", "reference to invalid character number",
			     0, 0);
	/* deep nesting */
	strbuf deep;
	sb_init(&deep);
	for (int i = 0; i < 100; i++)
		sb_add(&deep, "<a>");
	for (int i = 0; i < 100; i++)
		sb_add(&deep, "</a>");
	expect_sheet_refusal("deep", sb_str(&deep), NULL, "too-deep", "nested deeper than 64", 0, 0);
	sb_free(&deep);
}

static void test_damaged_cells(void **state)
{
	(void)state;
	expect_sheet_refusal("NUL escape", "<sheetData><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>a_x0000_b</t>"
			     "</is></c></row></sheetData>", NULL, "nul-character", "row 3, column 2", 3, 2);
	const char *sst_nul = XML_DECL "<sst xmlns=\"" NS_MAIN "\"><si><t>ok</t></si><si><t>_x0000_</t></si></sst>";
	size_t len;
	char *bytes = book_bytes(NULL, "<sheetData/>", sst_nul, &len);
	expect_refusal("NUL in a shared string", bytes, len, NULL, "nul-character", "shared string 1 ");
	free(bytes);
	expect_sheet_refusal("rows backwards", "<sheetData><row r=\"5\"/><row r=\"4\"/></sheetData>", NULL,
			     "xlsx-damaged", "out of order", 4, 1);
	expect_sheet_refusal("row too far", "<sheetData><row r=\"1048577\"/></sheetData>", NULL, "xlsx-damaged",
			     "out of range", 1, 1);
	expect_sheet_refusal("cells backwards", "<sheetData><row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"B2\"><v>1</v>"
			     "</c></row></sheetData>", NULL, "xlsx-damaged", "out of order", 2, 2);
	expect_sheet_refusal("cell of another row", "<sheetData><row r=\"2\"><c r=\"C7\"><v>1</v></c></row>"
			     "</sheetData>", NULL, "xlsx-damaged", "does not belong", 2, 1);
	expect_sheet_refusal("shared string past LONG_MAX", "<sheetData><row r=\"2\"><c r=\"D2\" t=\"s\">"
			     "<v>99999999999999999999999</v></c></row></sheetData>", NULL, "xlsx-damaged", "shared string",
			     2, 4);
	expect_sheet_refusal("no such shared string", "<sheetData><row r=\"2\"><c r=\"D2\" t=\"s\"><v>5</v></c></row>"
			     "</sheetData>", NULL, "xlsx-damaged", "shared string", 2, 4);
}

static void test_limits(void **state)
{
	(void)state;
	size_t len;
	char *bytes = book_bytes(NULL, "<sheetData><row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>"
				       "<row r=\"3\"/><row r=\"4\"><c><v>3</v></c></row><row r=\"9\"><c><v>4</v></c>"
				       "</row></sheetData>",
				 NULL, &len);
	load_limits lim = {.max_items = 3};
	expect_refusal("rows", bytes, len, &lim, "too-many-rows", "(the limit is 3)");
	free(bytes);

	bytes = book_bytes(NULL, "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>12345678901</t></is>"
				 "</c></row></sheetData>",
			   NULL, &len);
	lim = (load_limits){.max_scalar = 10};
	expect_refusal("long cell", bytes, len, &lim, "too-long", "row 1, column 1");
	lim.max_scalar = 11;
	sheet_grid g;
	read_bytes(bytes, len, &lim, &g);
	assert_cell(&g, 1, 1, "12345678901");
	grid_free(&g);
	free(bytes);

	/* escapes shrink: 10 escapes are 70 bytes stored and 10 shown */
	bytes = book_bytes(NULL, "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
				 "_x0041__x0041__x0041__x0041__x0041__x0041__x0041__x0041__x0041__x0041_"
				 "</t></is></c></row></sheetData>",
			   NULL, &len);
	lim.max_scalar = 10;
	read_bytes(bytes, len, &lim, &g);
	assert_cell(&g, 1, 1, "AAAAAAAAAA");
	grid_free(&g);
	free(bytes);

	/* shared strings: XLSX_SHARED_PER_ITEM per item */
	strbuf sst;
	sb_init(&sst);
	sb_add(&sst, XML_DECL "<sst xmlns=\"" NS_MAIN "\">");
	for (int i = 0; i <= XLSX_SHARED_PER_ITEM; i++)
		sb_add(&sst, "<si><t>x</t></si>");
	sb_add(&sst, "</sst>");
	bytes = book_bytes(NULL, "<sheetData/>", sb_str(&sst), &len);
	lim = (load_limits){.max_items = 1};
	expect_refusal("shared strings", bytes, len, &lim, "too-many-entries", "too many shared strings");
	lim.max_items = 2;
	read_bytes(bytes, len, &lim, &g);
	grid_free(&g);
	free(bytes);
	sb_free(&sst);
}

static void test_columns_beyond_limit(void **state)
{
	(void)state;
	size_t len;
	char *bytes = book_bytes(NULL, "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"E1\"><v>5</v></c>"
				       "<c r=\"XFD1\"><v>9</v></c></row><row r=\"2\"><c r=\"F2\"><v>6</v></c></row>"
				       "</sheetData>",
				 NULL, &len);
	load_limits lim = {.max_list = 4};
	problems ps;
	problems_init(&ps);
	xlsx_book *b;
	assert_true(xlsx_open_mem(bytes, len, "w.xlsx", &lim, &b, &ps));
	sheet_grid g;
	grid_init(&g);
	assert_true(xlsx_read_sheet(b, 0, &g, &ps));
	/* left out, and said once, where it starts */
	assert_int_equal(g.n, 1);
	assert_int_equal(g.rows[0].n, 1);
	assert_cell(&g, 1, 1, "1");
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.v[0].code, "too-many-entries");
	assert_int_equal(ps.v[0].sev, SEV_WARNING);
	assert_int_equal(ps.v[0].mark.line, 1);
	assert_int_equal(ps.v[0].mark.column, 5);
	grid_free(&g);
	xlsx_close(b);
	problems_free(&ps);
	free(bytes);
}

static void test_encrypted_entry(void **state)
{
	(void)state;
	if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1))
		skip();
	char *sheet = sheet_xml("<sheetData/>");
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	zip_source_keep(src);
	const part parts[] = {
		{"_rels/.rels", root_rels, 0, true},
		{"xl/workbook.xml", one_sheet_wb, 0, true},
		{"xl/_rels/workbook.xml.rels", wb_rels, 0, true},
		{"xl/worksheets/sheet1.xml", sheet, 0, true},
		{"xl/sharedStrings.xml", empty_sst, 0, true},
		{"xl/styles.xml", default_styles, 0, true},
	};
	for (size_t i = 0; i < 6; i++) {
		zip_int64_t idx = zip_file_add(za, parts[i].name,
					       zip_source_buffer(za, parts[i].data, strlen(parts[i].data), 0), 0);
		assert_true(idx >= 0);
		if (i == 3)
			assert_int_equal(zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "secret"), 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_stat_t st;
	zip_stat_init(&st);
	assert_int_equal(zip_source_stat(src, &st), 0);
	char *bytes = xmalloc(st.size);
	assert_int_equal(zip_source_read(src, bytes, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	expect_refusal("encrypted", bytes, st.size, NULL, "xlsx-encrypted", "xl/worksheets/sheet1.xml: ");
	free(bytes);
	free(sheet);
}

/* ---- number formats ---- */

static void test_number_formats(void **state)
{
	(void)state;
	static const struct {
		const char *number, *code, *shown;
	} cases[] = {
		/* General: 15 significant digits, then at most 11 characters */
		{"99.95", NULL, "99.95"},
		{"3", NULL, "3"},
		{"0.1", NULL, "0.1"},
		{"0.10000000000000001", NULL, "0.1"},
		{"0.30000000000000004", NULL, "0.3"},
		{"-0", NULL, "0"},
		{"1E3", NULL, "1000"},
		{"0.333333333333333", NULL, "0.333333333"},
		{"3.14159265358979", NULL, "3.141592654"},
		{"12345678901", NULL, "12345678901"},
		{"123456789012", NULL, "1.23457E+11"},
		{"0.00001", NULL, "0.00001"},
		{"0.000012345", NULL, "0.000012345"},
		{"0.0000123456", NULL, "1.23456E-05"},
		{"1E-20", NULL, "1E-20"},
		{"-45.5", "General", "-45.5"},
		{"45.5", "G/標準\"円\"", "45.5円"},
		/* built-in codes */
		{"2.5", "0", "3"},
		{"-2.5", "0", "-3"},
		{"1.005", "0.00", "1.01"},
		{"1234567.891", "#,##0.00", "1,234,567.89"},
		{"-1234", "#,##0", "-1,234"},
		{"0.9995", "0%", "100%"},
		{"0.145", "0%", "15%"},
		{"0.9995", "0.00%", "99.95%"},
		{"12345", "0.00E+00", "1.23E+04"},
		{"0.00012", "0.00E+00", "1.20E-04"},
		{"12345", "##0.0E+0", "12.3E+3"},
		{"1.5", "@", "1.5"},
		/* custom codes */
		{"0.5", "0.0#", "0.5"},
		{"0.5", "#.00", ".50"},
		{"12.5", ".00", "12.50"},
		{"3", "0.#", "3."},
		{"5", "000", "005"},
		{"1234567", "#,##0,", "1,235"},
		{"1234567", "0.0,,\"M\"", "1.2M"},
		{"99.9", "0.0\"%\"", "99.9%"},
		{"-5", "0;(0)", "(5)"},
		{"0", "0;(0);\"zero\"", "zero"},
		{"-0.001", "0.00;(0.00);\"zero\"", "(0.00)"},
		{"5", "[Red]0.0;[Blue]0.00", "5.0"},
		{"5", "\"¥\"#,##0", "¥5"},
		{"-5", "[$¥-411]#,##0", "-¥5"},
		{"5", "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "5"},
		{"-5", "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "(5)"},
		{"0", "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)", "-"},
		{"5", ";;;", ""},
		{"1.5", "# ?/?", "1.5"},
		/* dates and times */
		{"45292", "yyyy/m/d", "2024/1/1"},
		{"45292", "yyyy-mm-dd", "2024-01-01"},
		{"45292", "yyyy\"年\"m\"月\"d\"日\"", "2024年1月1日"},
		{"45292", "m/d/yyyy", "1/1/2024"},
		{"45292", "[$-ja-JP]yyyy/mm/dd;@", "2024/01/01"},
		{"45292", "[$-411]ggge\"年\"m\"月\"d\"日\"", "令和6年1月1日"},
		{"32516", "[$-411]ge.m.d", "H1.1.8"},
		{"32515", "[$-411]gge", "昭64"},
		{"45292", "d-mmm-yy", "1-Jan-24"},
		{"45292", "dddd, mmmm d", "Monday, January 1"},
		{"45292", "yyyy/m/d(aaa)", "2024/1/1(月)"},
		{"45292", "aaaa", "月曜日"},
		{"45292.75", "yyyy/m/d h:mm", "2024/1/1 18:00"},
		{"0.75", "h:mm AM/PM", "6:00 PM"},
		{"0.25", "h:mm a/p", "6:00 a"},
		{"0.5", "h:mm", "12:00"},
		{"0.99998", "h:mm:ss", "23:59:58"},
		{"0.999999", "h:mm:ss", "0:00:00"},
		{"0.9999999", "h:mm:ss", "0:00:00"},
		{"0.00001", "mm:ss.00", "00:00.86"},
		{"1.5", "[h]:mm", "36:00"},
		{"0.0625", "[mm]", "90"},
		{"0.5", "h\"時\"mm\"分\"", "12時00分"},
		{"1", "yyyy/m/d", "1900/1/1"},
		{"60", "yyyy/m/d", "1900/2/29"},
		{"61", "yyyy/m/d", "1900/3/1"},
		{"0", "yyyy/m/d", "1900/1/0"},
		{"-1", "yyyy/m/d", "-1"},
		{"2958466", "yyyy/m/d", "2958466"},
		{"2958465", "yyyy/m/d", "9999/12/31"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		strbuf sb;
		sb_init(&sb);
		assert_true(xlsx_format_number(&sb, cases[i].number, cases[i].code, false));
		if (strcmp(sb_str(&sb), cases[i].shown) != 0)
			fail_msg("%s in \"%s\": \"%s\", expected \"%s\"", cases[i].number,
				 cases[i].code ? cases[i].code : "General", sb_str(&sb), cases[i].shown);
		sb_free(&sb);
	}
	/* not numbers: shown as stored by the caller */
	const char *not_numbers[] = {"", " ", "abc", "1.2.3", "1e", "--1", "inf", "nan", "0x10", "1e400", "1,5"};
	for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++) {
		strbuf sb;
		sb_init(&sb);
		if (xlsx_format_number(&sb, not_numbers[i], NULL, false))
			fail_msg("\"%s\" taken as a number: \"%s\"", not_numbers[i], sb_str(&sb));
		assert_int_equal(sb.len, 0);
		sb_free(&sb);
	}
	/* built-in ids */
	assert_null(xlsx_builtin_format(0));
	assert_string_equal(xlsx_builtin_format(10), "0.00%");
	assert_string_equal(xlsx_builtin_format(14), "yyyy/m/d");
	assert_null(xlsx_builtin_format(164));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!mkdtemp(tmp_dir))
		return 1;
	const struct CMUnitTest tests[] = {
#ifdef HAVE_XLSXWRITER
		cmocka_unit_test(test_libxlsxwriter_workbook),
		cmocka_unit_test(test_constant_memory),
#endif
		cmocka_unit_test(test_phonetic_runs_and_rich_text),
		cmocka_unit_test(test_escapes_and_line_breaks),
		cmocka_unit_test(test_cells_without_references),
		cmocka_unit_test(test_cell_types),
		cmocka_unit_test(test_date1904),
		cmocka_unit_test(test_merged_ranges),
		cmocka_unit_test(test_namespace_prefixes),
		cmocka_unit_test(test_sheet_selection),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_long_token),
		cmocka_unit_test(test_paths_stay_inside),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_xml_syntax),
		cmocka_unit_test(test_damaged_cells),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_columns_beyond_limit),
		cmocka_unit_test(test_encrypted_entry),
		cmocka_unit_test(test_number_formats),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmp_dir);
	return failed;
}
