/* fill: customers' own workbooks made here with libxlsxwriter (a
 * free-form questionnaire of 60 questions below a merged title, with a
 * ○/×/△/－ dropdown, a formula column, an image, a print area and a
 * second question sheet whose dropdown is a defined name; a METI-based
 * sheet in its own column order), filled from our METI answers. For
 * each: only answer and remarks cells change, every other entry of the
 * package is byte-identical, every dropdown value written is one of its
 * entries, and a second fill gives the same bytes. The mapping quality
 * on the 40 questions about METI items is printed (README keeps it).
 * With FILL_KEEP_DIR set, the workbooks are left there for the e2e test
 * (LibreOffice). */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "core/fill.h"
#include "core/fill_mapping.h"
#include "core/sheet.h"
#include "core/sheet_grid.h"
#include "core/xlsx_read.h"
#include "testutil.h"

static char *tmpdir;

static char *tmp_path(const char *name) { return xasprintf("%s/%s", tmpdir, name); }

/* A 1×1 PNG, for "an image". */
static const unsigned char png[] = {
	0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
	0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
	0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
	0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
};

typedef struct qline {
	char *expect; /* item id, or "-" */
	char *text;
} qline;

static size_t load_questions_from(const char *file, qline **out)
{
	char *path = src_path(file);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[2048];
	size_t n = 0;
	*out = NULL;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		*out = xrealloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = (qline){xstrdup(line), xstrdup(tab + 1)};
	}
	fclose(f);
	free(path);
	return n;
}

static size_t load_questions(qline **out) { return load_questions_from("tests/data/fill/freeform-questions.tsv", out); }

static void free_questions(qline *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].expect);
		free(q[i].text);
	}
	free(q);
}

/* The text of entry name of the package at path (caller frees). */
static char *entry_text(const char *path, const char *name)
{
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(z);
	zip_stat_t st;
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	char *buf = xmalloc(st.size + 1);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	buf[st.size] = '\0';
	zip_fclose(f);
	zip_close(z);
	return buf;
}

/* Replaces entry name of the package at path by text with a string
 * substituted (what libxlsxwriter never writes). */
static void patch_entry(const char *path, const char *name, const char *find, const char *put)
{
	int err;
	zip_t *z = zip_open(path, 0, &err);
	assert_non_null(z);
	zip_int64_t idx = zip_name_locate(z, name, 0);
	assert_true(idx >= 0);
	zip_stat_t st;
	assert_int_equal(zip_stat_index(z, (zip_uint64_t)idx, 0, &st), 0);
	char *buf = xmalloc(st.size + 1);
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	buf[st.size] = '\0';
	char *at = strstr(buf, find);
	assert_non_null(at);
	char *text = xasprintf("%.*s%s%s", (int)(at - buf), buf, put, at + strlen(find));
	zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
	assert_int_equal(zip_file_replace(z, (zip_uint64_t)idx, src, 0), 0);
	assert_int_equal(zip_close(z), 0);
	free(text);
	free(buf);
}

/* The free-form questionnaire: title merged over A1:F1, the header on
 * row 6 (No. 分類 確認事項 ご回答 備考 状態), answers D7:D66 with a ○/×/△/－
 * dropdown (half the cells styled blanks, half missing), a formula in F,
 * an image, a print area; a second sheet 追加質問 (header on row 3) whose
 * dropdown is the defined name 回答リスト on a sheet リスト. */
static void make_freeform(const char *path, const qline *q, size_t n)
{
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	lxw_format *box = workbook_add_format(wb);
	format_set_border(box, LXW_BORDER_THIN);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);

	lxw_worksheet *ws = workbook_add_worksheet(wb, "セキュリティチェックシート");
	worksheet_merge_range(ws, 0, 0, 0, 5, "クラウドサービス利用に関するセキュリティ確認シート", title);
	worksheet_write_string(ws, 2, 0, "ご回答者様", NULL);
	worksheet_write_string(ws, 3, 0, "ご回答日", NULL);
	const char *heads[] = {"No.", "分類", "確認事項", "ご回答（○/×/△/－）", "備考", "状態"};
	for (int c = 0; c < 6; c++)
		worksheet_write_string(ws, 5, (lxw_col_t)c, heads[c], head);
	worksheet_set_column(ws, 2, 2, 60, wrap);
	worksheet_set_column(ws, 4, 4, 40, NULL);
	for (size_t i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(6 + i);
		worksheet_write_number(ws, r, 0, (double)(i + 1), box);
		worksheet_write_string(ws, r, 1, i < 20 ? "運用" : i < 40 ? "データ管理" : "その他", box);
		worksheet_write_string(ws, r, 2, q[i].text, wrap);
		if (i % 2 == 0)
			worksheet_write_blank(ws, r, 3, box);
		char f[64];
		snprintf(f, sizeof f, "=IF(D%u=\"\",\"未回答\",\"回答済\")", (unsigned)r + 1);
		worksheet_write_formula(ws, r, 5, f, NULL);
	}
	char *marks[] = {"○", "×", "△", "－", NULL};
	lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = marks};
	worksheet_data_validation_range(ws, 6, 3, (lxw_row_t)(5 + n), 3, &dv);
	worksheet_insert_image_buffer(ws, 1, 4, png, sizeof png);
	worksheet_print_area(ws, 0, 0, (lxw_row_t)(5 + n), 5);
	worksheet_repeat_rows(ws, 5, 5);

	lxw_worksheet *extra = workbook_add_worksheet(wb, "追加質問");
	worksheet_write_string(extra, 0, 0, "追加のご質問", title);
	const char *h2[] = {"項番", "質問", "回答", "補足"};
	for (int c = 0; c < 4; c++)
		worksheet_write_string(extra, 2, (lxw_col_t)c, h2[c], head);
	const char *q2[] = {"サービス稼働率", "バックアップの方法", "データの保存場所となる国を教えてください。"};
	for (int i = 0; i < 3; i++) {
		worksheet_write_number(extra, (lxw_row_t)(3 + i), 0, i + 1, NULL);
		worksheet_write_string(extra, (lxw_row_t)(3 + i), 1, q2[i], NULL);
	}

	lxw_worksheet *lists = workbook_add_worksheet(wb, "リスト");
	const char *words[] = {"対応済", "未対応", "一部対応", "該当なし"};
	for (int i = 0; i < 4; i++)
		worksheet_write_string(lists, (lxw_row_t)i, 0, words[i], NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	/* the list by a defined name, written here: libxlsxwriter (as packaged)
	 * leaks a list formula's text (LeakSanitizer) */
	patch_entry(path, "xl/workbook.xml", "<definedNames>",
		    "<definedNames><definedName name=\"回答リスト\">リスト!$A$1:$A$4</definedName>");
	patch_entry(path, "xl/worksheets/sheet2.xml", "<pageMargins",
		    "<dataValidations count=\"1\"><dataValidation type=\"list\" allowBlank=\"1\" "
		    "showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"C4:C6\"><formula1>回答リスト</formula1>"
		    "</dataValidation></dataValidations><pageMargins");
}

/* A sheet after the METI checklist, in the customer's own column order:
 * 貴社回答 first, then No., the item, what it means, 補足説明. */
static void make_meti(const char *path, const template *t)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "SLA");
	const char *heads[] = {"貴社回答", "No.", "サービスレベル項目", "規定内容", "補足説明"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, heads[c], NULL);
	lxw_row_t r = 2;
	for (size_t s = 0; s < t->n_sections; s++) {
		/* a group row, as the METI sheet has */
		worksheet_write_string(ws, r++, 2, ltext_get(&t->sections[s].title, "ja"), NULL);
		for (size_t i = t->sections[s].first; i < t->sections[s].first + t->sections[s].count; i++) {
			worksheet_write_string(ws, r, 1, t->items[i].no, NULL);
			worksheet_write_string(ws, r, 2, ltext_get(&t->items[i].title, "ja"), NULL);
			worksheet_write_string(ws, r, 3, ltext_get(&t->items[i].description, "ja"), NULL);
			r++;
		}
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

typedef struct run {
	sheet s;
	fill_book fb;
	fill_items fi;
	fill_cell *cells;
	size_t n_cells;
} run;

static void run_fill(run *r, const char *in, const char *out, const fill_mapping *map)
{
	memset(r, 0, sizeof *r);
	problems ps;
	problems_init(&ps);
	char *ours = src_path("tests/data/publish/meti.yaml");
	bool ok = sheet_open(&r->s, &(sheet_options){.answers_path = ours, .lang = "ja",
						     .texts = SHEET_TEXTS_ONE_LANGUAGE, .only_reads = true},
			     &ps);
	free(ours);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	ok = fill_book_open(&r->fb, in, NULL, &(fill_overrides){0}, &ps);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	sheet *sheets[1] = {&r->s};
	fill_items_build(&r->fi, sheets, 1, "ja");
	fill_match_book(&r->fb, &r->fi);
	if (map)
		fill_mapping_apply((fill_mapping *)map, &r->fb, &r->fi);
	ok = fill_plan(&r->fb, &r->fi, &(fill_options){.lang = "ja"}, &r->cells, &r->n_cells, &ps) &&
	     fill_write(&r->fb, r->cells, r->n_cells, out, &ps);
	if (!ok)
		dump_problems(&ps);
	assert_true(ok);
	problems_free(&ps);
}

static void run_free(run *r)
{
	fill_cells_free(r->cells, r->n_cells);
	fill_items_free(&r->fi);
	fill_book_free(&r->fb);
	sheet_close(&r->s);
}

/* Every entry of two packages: the same names in the same order, and the
 * same bytes (inflated, and as stored) but for the entries named. */
static void assert_entries_same(const char *a, const char *b, const char *const *except, size_t n_except)
{
	int err;
	zip_t *za = zip_open(a, ZIP_RDONLY, &err), *zb = zip_open(b, ZIP_RDONLY, &err);
	assert_non_null(za);
	assert_non_null(zb);
	assert_int_equal(zip_get_num_entries(za, 0), zip_get_num_entries(zb, 0));
	for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		assert_string_equal(name, zip_get_name(zb, (zip_uint64_t)i, 0));
		bool skip = false;
		for (size_t k = 0; k < n_except; k++)
			skip |= strcmp(name, except[k]) == 0;
		if (skip)
			continue;
		for (int raw = 0; raw < 2; raw++) {
			zip_flags_t fl = raw ? ZIP_FL_COMPRESSED : 0;
			zip_stat_t sa, sb;
			assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &sa), 0);
			assert_int_equal(zip_stat_index(zb, (zip_uint64_t)i, 0, &sb), 0);
			size_t len = raw ? (size_t)sa.comp_size : (size_t)sa.size;
			assert_int_equal(len, raw ? (size_t)sb.comp_size : (size_t)sb.size);
			char *x = xmalloc(len + 1), *y = xmalloc(len + 1);
			zip_file_t *fa = zip_fopen_index(za, (zip_uint64_t)i, fl), *fb = zip_fopen_index(zb, (zip_uint64_t)i, fl);
			assert_int_equal(zip_fread(fa, x, len), (zip_int64_t)len);
			assert_int_equal(zip_fread(fb, y, len), (zip_int64_t)len);
			if (memcmp(x, y, len) != 0)
				fail_msg("entry %s differs", name);
			zip_fclose(fa);
			zip_fclose(fb);
			free(x);
			free(y);
		}
	}
	zip_close(za);
	zip_close(zb);
}

/* Cells of every sheet of a and b: equal but for the answer and remarks
 * columns of the rows filled; those were empty and now hold what the
 * plan wrote. */
static void assert_only_answers_changed(const char *a, const char *b, const run *r)
{
	problems ps;
	problems_init(&ps);
	xlsx_book *ba, *bb;
	assert_true(xlsx_open(a, NULL, &ba, &ps));
	assert_true(xlsx_open(b, NULL, &bb, &ps));
	for (size_t s = 0; s < xlsx_sheet_count(ba); s++) {
		sheet_grid ga, gb;
		grid_init(&ga);
		grid_init(&gb);
		assert_true(xlsx_read_sheet(ba, s, &ga, &ps));
		assert_true(xlsx_read_sheet(bb, s, &gb, &ps));
		/* every cell of either, by row number and column */
		int max_row = 0;
		for (size_t i = 0; i < gb.n; i++)
			max_row = gb.rows[i].line > max_row ? gb.rows[i].line : max_row;
		for (int row = 1; row <= max_row; row++) {
			const grid_row *ra = NULL, *rb = NULL;
			for (size_t i = 0; i < ga.n; i++)
				if (ga.rows[i].line == row)
					ra = &ga.rows[i];
			for (size_t i = 0; i < gb.n; i++)
				if (gb.rows[i].line == row)
					rb = &gb.rows[i];
			size_t cols = (ra ? ra->n : 0) > (rb ? rb->n : 0) ? ra->n : rb ? rb->n : 0;
			for (int c = 1; c <= (int)cols; c++) {
				const char *x = ra ? grid_cell(ra, c) : "", *y = rb ? grid_cell(rb, c) : "";
				if (strcmp(x, y) == 0)
					continue;
				/* a changed cell must be one the plan wrote */
				const char *want = NULL;
				for (size_t k = 0; k < r->n_cells; k++)
					if (r->cells[k].sheet == s && r->cells[k].row == row && r->cells[k].col == c)
						want = r->cells[k].text;
				if (!want || strcmp(want, y) != 0 || *x)
					fail_msg("sheet %zu row %d col %d changed: \"%s\" -> \"%s\"", s, row, c, x, y);
			}
		}
		grid_free(&ga);
		grid_free(&gb);
	}
	/* and every cell the plan wrote reads back */
	for (size_t k = 0; k < r->n_cells; k++) {
		sheet_grid g;
		grid_init(&g);
		assert_true(xlsx_read_sheet(bb, r->cells[k].sheet, &g, &ps));
		bool found = false;
		for (size_t i = 0; i < g.n; i++)
			if (g.rows[i].line == r->cells[k].row)
				found = strcmp(grid_cell(&g.rows[i], r->cells[k].col), r->cells[k].text) == 0;
		if (!found)
			fail_msg("cell row %d col %d does not read \"%s\"", r->cells[k].row, r->cells[k].col,
				 r->cells[k].text);
		grid_free(&g);
	}
	xlsx_close(ba);
	xlsx_close(bb);
	problems_free(&ps);
}

static char *slurp(const char *path, size_t *len)
{
	char *buf;
	problems ps;
	problems_init(&ps);
	assert_true(file_read(path, (size_t)1 << 30, &buf, len, &ps));
	problems_free(&ps);
	return buf;
}

static bool confident(const fill_question *q)
{
	return q->item >= 0 && (q->how == FILL_HOW_TITLE || q->how == FILL_HOW_NO || q->how == FILL_HOW_MAPPING ||
				(q->score >= FILL_CONFIDENT && q->score - q->runner_score >= FILL_MARGIN));
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static void test_freeform(void **state)
{
	(void)state;
	qline *q;
	size_t n = load_questions(&q);
	assert_int_equal(n, 60);
	char *in = tmp_path("freeform.xlsx"), *out = tmp_path("freeform-filled.xlsx");
	make_freeform(in, q, n);
	run r;
	run_fill(&r, in, out, NULL);

	/* both question sheets, each with its header, the list sheet not */
	assert_int_equal(r.fb.n_tables, 2);
	const fill_table *t = &r.fb.tables[0];
	assert_string_equal(t->sheet_name, "セキュリティチェックシート");
	assert_int_equal(t->header_row, 6);
	assert_int_equal(t->col_q, 3);
	assert_int_equal(t->col_ans, 4);
	assert_int_equal(t->col_note, 5);
	assert_string_equal(r.fb.tables[1].sheet_name, "追加質問");
	assert_int_equal(r.fb.tables[1].header_row, 3);
	assert_int_equal(r.fb.n_q, n + 3);

	size_t right = 0, wrong_sure = 0, others_mapped = 0, sure = 0;
	for (size_t i = 0; i < n; i++) {
		const fill_question *fq = &r.fb.q[i];
		assert_int_equal(fq->row, (int)(7 + i));
		const char *got = fq->item >= 0 ? r.fi.v[fq->item].it->id : "-";
		bool is_sure = confident(fq);
		sure += is_sure;
		if (strcmp(q[i].expect, "-") == 0) {
			others_mapped += fq->item >= 0;
			wrong_sure += fq->item >= 0 && is_sure;
		} else if (strcmp(got, q[i].expect) == 0)
			right++;
		else
			wrong_sure += is_sure;
		if (getenv("FILL_VERBOSE") || (strcmp(got, q[i].expect) != 0 && (is_sure || strcmp(q[i].expect, "-"))))
			fprintf(stderr, "  %-28s %-28s %.2f (%.2f %s)%s %s\n", q[i].expect, got, fq->score,
				fq->runner_score, fq->runner >= 0 ? r.fi.v[fq->runner].it->id : "-",
				is_sure ? " sure" : "", q[i].text);
	}
	printf("fill mapping quality: %zu of 40 questions about METI items mapped right first time; %zu mapped "
	       "with confidence; %zu wrong mappings above the confident score; %zu of the 20 other questions "
	       "mapped (low score, to check)\n",
	       right, sure, wrong_sure, others_mapped);
	/* 38 with the cosine of n-grams alone; 40 since the thesaurus,
	 * the question's boilerplate cut and coverage joined the cosine */
	assert_true(right >= 40);
	assert_int_equal(wrong_sure, 0);

	/* only answer and remarks cells, everything else as it was */
	assert_only_answers_changed(in, out, &r);
	const char *changed[] = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"};
	assert_entries_same(in, out, changed, 2);
	for (size_t k = 0; k < r.n_cells; k++)
		assert_true(r.cells[k].col == (int)(r.cells[k].sheet == 0 ? 4 : 3) ||
			    r.cells[k].col == (int)(r.cells[k].sheet == 0 ? 5 : 4));

	/* a dropdown gets its own entries only */
	const char *marks[] = {"○", "×", "△", "－", NULL};
	const char *words[] = {"対応済", "未対応", "一部対応", "該当なし", NULL};
	size_t in_dropdown = 0;
	for (size_t i = 0; i < r.fb.n_q; i++) {
		const fill_question *fq = &r.fb.q[i];
		if (!fq->written)
			continue;
		assert_true(in_list(fq->written, fq->table == 0 ? marks : words));
		in_dropdown++;
	}
	assert_true(in_dropdown >= 25);
	/* No.2 計画停止 is 有 in our answers: ○, our note beside it */
	assert_string_equal(r.fb.q[1].written, "○");
	assert_non_null(strstr(r.fb.q[1].note_written, "30日前"));
	/* 稼働率 (99.95%) has no mark: left for a person */
	assert_int_equal(r.fb.q[3].outcome, FILL_NO_ENTRY);

	/* the same fill again: the same bytes */
	char *again = tmp_path("freeform-again.xlsx");
	run r2;
	run_fill(&r2, in, again, NULL);
	size_t la, lb;
	char *a = slurp(out, &la), *b = slurp(again, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	run_free(&r2);
	free(again);

	run_free(&r);
	free(in);
	free(out);
	free_questions(q, n);
}

/* Fills a questionnaire of the customer's own wording and counts how
 * many of its questions about METI items are mapped right first time;
 * every figure printed. A wrong item is never proposed with confidence:
 * below the confident score a person checks it. */
static size_t questionnaire_right(const char *path, const char *name, size_t *about_out)
{
	qline *q;
	size_t n = load_questions_from(path, &q);
	assert_int_equal(n, 50);
	char *in = tmp_path("questionnaire.xlsx"), *out = tmp_path("questionnaire-filled.xlsx");
	make_freeform(in, q, n);
	run r;
	run_fill(&r, in, out, NULL);
	size_t right = 0, wrong_sure = 0, others_mapped = 0, about = 0, sure = 0;
	for (size_t i = 0; i < n; i++) {
		const fill_question *fq = &r.fb.q[i];
		const char *got = fq->item >= 0 ? r.fi.v[fq->item].it->id : "-";
		bool is_sure = confident(fq);
		sure += is_sure;
		bool other = strcmp(q[i].expect, "-") == 0;
		if (other) {
			others_mapped += fq->item >= 0;
			wrong_sure += fq->item >= 0 && is_sure;
		} else {
			about++;
			if (strcmp(got, q[i].expect) == 0)
				right++;
			else
				wrong_sure += is_sure;
		}
		if (getenv("FILL_VERBOSE") || (!other && strcmp(got, q[i].expect) != 0) || (other && is_sure))
			fprintf(stderr, "  %-28s %-28s %.2f (%.2f %s)%s %s\n", q[i].expect, got, fq->score,
				fq->runner_score, fq->runner >= 0 ? r.fi.v[fq->runner].it->id : "-",
				is_sure ? " sure" : "", q[i].text);
	}
	printf("fill mapping quality, %s: %zu of %zu about METI items mapped right first time; "
	       "%zu mapped with confidence; %zu wrong mappings above the confident score; %zu of the %zu other "
	       "questions mapped (low score)\n",
	       name, right, about, sure, wrong_sure, others_mapped, n - about);
	assert_int_equal(wrong_sure, 0);
	run_free(&r);
	free(in);
	free(out);
	free_questions(q, n);
	*about_out = about;
	return right;
}

/* The second questionnaire was written after the first scores were set
 * and held out from them (29 of 40 then); the thesaurus and weights were
 * then chosen with it in view, so it is tuning material now. */
static void test_heldout(void **state)
{
	(void)state;
	size_t about, right = questionnaire_right("tests/data/fill/heldout-questions.tsv",
						  "second questionnaire (seen while tuning)", &about);
	assert_int_equal(about, 40);
	assert_true(right >= 39);
}

/* The third was written by someone who had seen neither the matcher nor
 * the other questionnaires, and was first run after the method was
 * fixed: the figure for a customer's wording nobody tuned on. */
static void test_unseen(void **state)
{
	(void)state;
	size_t about, right = questionnaire_right("tests/data/fill/heldout2-questions.tsv",
						  "third questionnaire (never tuned on)", &about);
	assert_int_equal(about, 40);
	/* 38 of 40 when it was first run */
	assert_true(right >= 38);
}

static void test_meti_own_order(void **state)
{
	(void)state;
	template t;
	assert_true(load_builtin_template("meti-cloud-sla", &t));
	char *in = tmp_path("meti-order.xlsx"), *out = tmp_path("meti-order-filled.xlsx");
	make_meti(in, &t);
	run r;
	run_fill(&r, in, out, NULL);
	assert_int_equal(r.fb.n_tables, 1);
	assert_int_equal(r.fb.tables[0].col_ans, 1);
	assert_int_equal(r.fb.tables[0].col_no, 2);
	assert_int_equal(r.fb.tables[0].col_q, 3);
	assert_int_equal(r.fb.tables[0].col_note, 5);
	/* group rows passed over: one question per item */
	assert_int_equal(r.fb.n_q, t.n_items);
	for (size_t i = 0; i < r.fb.n_q; i++) {
		assert_true(r.fb.q[i].item >= 0);
		assert_string_equal(r.fi.v[r.fb.q[i].item].it->id, t.items[i].id);
		assert_int_equal(r.fb.q[i].how, FILL_HOW_TITLE);
	}
	/* values as we wrote them, notes in 補足説明 */
	const fill_question *rate = &r.fb.q[4];
	assert_string_equal(rate->written, "99.95%");
	assert_non_null(strstr(rate->note_written, "返金"));
	assert_only_answers_changed(in, out, &r);
	const char *changed[] = {"xl/worksheets/sheet1.xml"};
	assert_entries_same(in, out, changed, 1);
	run_free(&r);
	template_free(&t);
	free(in);
	free(out);
}

/* Merged cells in the answer and remarks columns: the first cell of a
 * range is written, a cell under it never (it would not show); a row
 * whose remarks cell is hidden gets its note after the value. */
static void test_merged_cells(void **state)
{
	(void)state;
	template t;
	assert_true(load_builtin_template("meti-cloud-sla", &t));
	char *in = tmp_path("merged.xlsx"), *out = tmp_path("merged-filled.xlsx");
	lxw_workbook *wb = workbook_new(in);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "SLA");
	const char *heads[] = {"貴社回答", "No.", "サービスレベル項目", "規定内容", "補足説明"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, heads[c], NULL);
	for (size_t i = 0; i < 8; i++) {
		worksheet_write_string(ws, (lxw_row_t)(2 + i), 1, t.items[i].no, NULL);
		worksheet_write_string(ws, (lxw_row_t)(2 + i), 2, ltext_get(&t.items[i].title, "ja"), NULL);
	}
	/* the answer column formatted as a whole (borders, wrapping): a cell
	 * written there takes the column's format, as Excel shows it */
	lxw_format *boxed = workbook_add_format(wb);
	format_set_border(boxed, LXW_BORDER_THIN);
	format_set_text_wrap(boxed);
	worksheet_set_column(ws, 0, 0, 30, boxed);
	/* answers of No.1 and No.2 (rows 3, 4) in one merged cell; the
	 * remarks of No.5 and No.6 (rows 7, 8) too */
	worksheet_merge_range(ws, 2, 0, 3, 0, "", NULL);
	worksheet_merge_range(ws, 6, 4, 7, 4, "", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	/* a used range that leaves out the answer column (as a workbook whose
	 * column A held nothing but its header's format would say it) */
	patch_entry(in, "xl/worksheets/sheet1.xml", "<dimension ref=\"A2:E10\"/>", "<dimension ref=\"B2:E10\"/>");
	run r;
	run_fill(&r, in, out, NULL);
	assert_int_equal(r.fb.n_q, 8);
	assert_int_equal(r.fb.q[0].outcome, FILL_FILLED);   /* the range's first cell */
	assert_int_equal(r.fb.q[1].outcome, FILL_PROBLEM);  /* under it */
	assert_null(r.fb.q[1].written);
	assert_non_null(strstr(r.fb.q[1].why, "merged"));
	/* No.5: its remarks cell is the range's first: the note goes there */
	assert_non_null(r.fb.q[4].note_written);
	/* No.6: its remarks cell is hidden: no note cell, the note after the value */
	const answer *an6 = sheet_answer(&r.s, sheet_find(&r.s, t.items[5].id));
	if (an6 && an6->note) {
		assert_null(r.fb.q[5].note_written);
		assert_non_null(strstr(r.fb.q[5].written, an6->note));
	}
	for (size_t i = 0; i < r.n_cells; i++)
		assert_false(r.cells[i].row == 4 && r.cells[i].col == 1);
	assert_only_answers_changed(in, out, &r);
	char *before = entry_text(in, "xl/worksheets/sheet1.xml"), *after = entry_text(out, "xl/worksheets/sheet1.xml");
	/* the column's format, as the <col> element says it */
	const char *col = strstr(before, "<col min=\"1\" max=\"1\"");
	assert_non_null(col);
	const char *st = strstr(col, "style=\"");
	assert_non_null(st);
	char *want = xasprintf("<c r=\"A6\" s=\"%.*s\" t=\"inlineStr\"", (int)strcspn(st + 7, "\""), st + 7);
	assert_non_null(strstr(after, want));
	free(want);
	/* the used range takes in the cells written in column A */
	assert_non_null(strstr(before, "<dimension ref=\"B2:E10\"/>"));
	assert_non_null(strstr(after, "<dimension ref=\"A2:E10\"/>"));
	free(before);
	free(after);
	run_free(&r);
	template_free(&t);
	free(in);
	free(out);
}

/* A sheet that follows METI's numbering in its own words: the No. decides
 * where the question reads like that item; the customer's own numbering
 * of the free-form sheet (1, 2, 3...) was never taken for METI's. */
static void test_meti_numbers(void **state)
{
	(void)state;
	template t;
	assert_true(load_builtin_template("meti-cloud-sla", &t));
	qline *q;
	size_t n = load_questions(&q);
	char *in = tmp_path("meti-numbers.xlsx"), *out = tmp_path("meti-numbers-filled.xlsx");
	lxw_workbook *wb = workbook_new(in);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "確認表");
	const char *heads[] = {"No.", "確認内容", "回答", "備考"};
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], NULL);
	size_t rows = 0;
	for (size_t i = 0; i < n; i++) {
		const tmpl_item *it = template_item(&t, q[i].expect);
		if (!it)
			continue;
		worksheet_write_string(ws, (lxw_row_t)(1 + rows), 0, it->no, NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + rows), 1, q[i].text, NULL);
		rows++;
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	run r;
	run_fill(&r, in, out, NULL);
	assert_int_equal(r.fb.n_q, 40);
	size_t right = 0, by_no = 0;
	for (size_t i = 0; i < r.fb.n_q; i++) {
		const fill_question *fq = &r.fb.q[i];
		const tmpl_item *want = template_item_by_no(&t, fq->no);
		right += fq->item >= 0 && strcmp(r.fi.v[fq->item].it->id, want->id) == 0;
		by_no += fq->how == FILL_HOW_NO;
		if (confident(fq) && strcmp(r.fi.v[fq->item].it->id, want->id) != 0)
			fail_msg("No.%s mapped with confidence to %s", fq->no, r.fi.v[fq->item].it->id);
	}
	printf("fill with METI numbers: %zu of 40 right, %zu by their No.\n", right, by_no);
	assert_true(right >= 39);
	assert_true(by_no >= 20);
	run_free(&r);
	template_free(&t);
	free_questions(q, n);
	free(in);
	free(out);
}

static void test_mapping_file(void **state)
{
	(void)state;
	qline *q;
	size_t n = load_questions(&q);
	char *in = tmp_path("map.xlsx"), *out = tmp_path("map-filled.xlsx");
	make_freeform(in, q, n);
	run r;
	run_fill(&r, in, out, NULL);
	fill_mapping m;
	fill_mapping_init(&m);
	fill_mapping_update(&m, &r.fb, &r.fi, in);
	/* a person confirms everything, says question 41 is not ours and
	 * answers question 42 by hand */
	for (size_t i = 0; i < m.n; i++) {
		free(m.v[i].confirmed);
		m.v[i].confirmed = xstrdup("true");
	}
	free(m.v[40].item);
	m.v[40].item = NULL;
	m.v[41].answer = xstrdup("○");
	problems ps;
	problems_init(&ps);
	char *path = tmp_path("map.mapping.yaml");
	assert_true(fill_mapping_save(&m, path, &ps));
	fill_mapping_free(&m);
	fill_mapping loaded;
	if (!fill_mapping_load(&loaded, path, NULL, &ps))
		dump_problems(&ps);
	assert_int_equal(loaded.n, r.fb.n_q);
	char *out2 = tmp_path("map-filled-2.xlsx");
	run r2;
	run_fill(&r2, in, out2, &loaded);
	for (size_t i = 0; i < r.fb.n_q; i++) {
		if (i == 40 || i == 41)
			continue;
		assert_int_equal(r2.fb.q[i].item, r.fb.q[i].item);
		assert_true(r2.fb.q[i].confirmed);
		assert_int_not_equal(r2.fb.q[i].outcome, FILL_LOW_SCORE);
		assert_int_not_equal(r2.fb.q[i].outcome, FILL_UNMAPPED);
	}
	assert_int_equal(r2.fb.q[40].outcome, FILL_NOT_OURS);
	assert_string_equal(r2.fb.q[41].written, "○");
	/* written again, the mapping is the same text */
	fill_mapping again;
	fill_mapping_init(&again);
	fill_mapping_update(&again, &r2.fb, &r2.fi, in);
	size_t l1, l2;
	char *y1 = fill_mapping_to_yaml(&again, &l1);
	char *y0 = slurp(path, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(y0, y1, l1);
	free(y0);
	free(y1);
	fill_mapping_free(&again);

	/* next year's version of the workbook: questions reworded a little,
	 * one moved; the confirmed choices follow the questions */
	for (size_t i = 0; i < n; i++) {
		char *t = q[i].text;
		size_t len = strlen(t);
		const char *end = "教えてください。";
		if (len > strlen(end) && strcmp(t + len - strlen(end), end) == 0)
			q[i].text = xasprintf("%.*sご記入ください。", (int)(len - strlen(end)), t);
		else
			q[i].text = xasprintf("（2027年度）%s", t);
		free(t);
	}
	qline moved = q[5];
	memmove(q + 5, q + 6, (n - 6) * sizeof *q);
	q[n - 1] = moved;
	char *next = tmp_path("map-2027.xlsx"), *next_out = tmp_path("map-2027-filled.xlsx");
	make_freeform(next, q, n);
	fill_mapping reread;
	assert_true(fill_mapping_load(&reread, path, NULL, &ps));
	run r3;
	run_fill(&r3, next, next_out, &reread);
	size_t followed = 0;
	for (size_t i = 0; i < n; i++) {
		size_t was = i < 5 ? i : i < n - 1 ? i + 1 : 5;
		const fill_question *fq = &r3.fb.q[i];
		if (was == 40 || was == 41)
			continue;
		followed += fq->confirmed && fq->item == r.fb.q[was].item;
	}
	assert_int_equal(followed, n - 2);
	fill_mapping_free(&reread);
	run_free(&r3);
	free(next);
	free(next_out);
	fill_mapping_free(&loaded);
	run_free(&r2);
	run_free(&r);
	problems_free(&ps);
	free(out2);
	free(path);
	free(in);
	free(out);
	free_questions(q, n);
}

/* A dropdown Excel keeps in its x14 extension (a list on another sheet,
 * as Excel 2010 and later write it); the answer cells do not exist and
 * go into their rows in column order */
static void test_x14_list(void **state)
{
	(void)state;
	char *in = tmp_path("x14.xlsx"), *out = tmp_path("x14-filled.xlsx");
	lxw_workbook *wb = workbook_new(in);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "質問");
	lxw_worksheet *opts = workbook_add_worksheet(wb, "選択肢");
	worksheet_write_string(ws, 0, 0, "質問", NULL);
	worksheet_write_string(ws, 0, 1, "回答", NULL);
	worksheet_write_string(ws, 1, 0, "計画停止予定通知", NULL);
	worksheet_write_string(ws, 3, 0, "突然のサービス提供停止に対する対処", NULL);
	worksheet_write_string(ws, 5, 0, "会計監査報告書における情報セキュリティ関連事項の確認", NULL);
	const char *words[] = {"はい", "いいえ", "該当なし"};
	for (int i = 0; i < 3; i++)
		worksheet_write_string(opts, (lxw_row_t)i, 0, words[i], NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	patch_entry(in, "xl/worksheets/sheet1.xml", "</worksheet>",
		    "<extLst><ext uri=\"{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}\" "
		    "xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
		    "<x14:dataValidations count=\"1\" xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
		    "<x14:dataValidation type=\"list\" allowBlank=\"1\"><x14:formula1><xm:f>選択肢!$A$1:$A$3</xm:f>"
		    "</x14:formula1><xm:sqref>B2:B6</xm:sqref></x14:dataValidation></x14:dataValidations></ext>"
		    "</extLst></worksheet>");
	/* a row whose spans hint covers its own cells only, as Excel writes it */
	patch_entry(in, "xl/worksheets/sheet1.xml", "<row r=\"2\" spans=\"1:2\">", "<row r=\"2\" spans=\"1:1\">");
	run r;
	run_fill(&r, in, out, NULL);
	assert_int_equal(r.fb.n_q, 3);
	assert_string_equal(r.fb.q[0].written, "はい");   /* 有 */
	assert_string_equal(r.fb.q[1].written, "いいえ"); /* 無 */
	assert_null(r.fb.q[2].written);                   /* 非公開: no entry says it */
	assert_int_equal(r.fb.q[2].outcome, FILL_NO_ENTRY);
	/* no remarks column: the note goes nowhere in a dropdown cell */
	assert_null(r.fb.q[0].note_written);
	/* the cells went in after A, and the rows' spans hint covers them */
	char *before = entry_text(in, "xl/worksheets/sheet1.xml"), *after = entry_text(out, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(before, "<row r=\"2\" spans=\"1:1\">"));
	assert_non_null(strstr(after, "<row r=\"2\" spans=\"1:2\"><c r=\"A2\""));
	assert_non_null(strstr(after, "</c><c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">はい</t></is></c></row>"));
	assert_null(strstr(after, "<row r=\"3\""));
	free(before);
	free(after);
	assert_only_answers_changed(in, out, &r);
	const char *changed[] = {"xl/worksheets/sheet1.xml"};
	assert_entries_same(in, out, changed, 1);
	run_free(&r);
	free(in);
	free(out);
}

/* Keys the mapping does not know stay where they were. */
static void test_mapping_unknown_keys(void **state)
{
	(void)state;
	char *in = tmp_path("keys.xlsx"), *out = tmp_path("keys-filled.xlsx"), *path = tmp_path("keys.yaml");
	lxw_workbook *wb = workbook_new(in);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Q");
	worksheet_write_string(ws, 0, 0, "Question", NULL);
	worksheet_write_string(ws, 0, 1, "Answer", NULL);
	worksheet_write_string(ws, 1, 0, "貴社の従業員数を教えてください。", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("kind: checksheet/mapping\nowner: 営業部\nquestions:\n- sheet: Q\n  row: 2\n"
	      "  question: 貴社の従業員数を教えてください。\n  confirmed: true\n  answer: 約120名\n"
	      "  checked-by: 山田\n",
	      f);
	fclose(f);
	problems ps;
	problems_init(&ps);
	fill_mapping m;
	assert_true(fill_mapping_load(&m, path, NULL, &ps));
	run r;
	run_fill(&r, in, out, &m);
	assert_string_equal(r.fb.q[0].written, "約120名");
	assert_int_equal(r.fb.q[0].outcome, FILL_FILLED);
	fill_mapping_update(&m, &r.fb, &r.fi, in);
	size_t len;
	char *y = fill_mapping_to_yaml(&m, &len);
	assert_non_null(strstr(y, "owner: 営業部"));
	assert_non_null(strstr(y, "checked-by: 山田"));
	assert_non_null(strstr(y, "answer: 約120名"));
	free(y);
	fill_mapping_free(&m);
	run_free(&r);
	problems_free(&ps);
	free(in);
	free(out);
	free(path);
}

static void test_vocab(void **state)
{
	(void)state;
	char *marks[] = {"○", "×", "△", "－"};
	assert_string_equal(fill_vocab_pick(FILL_WORD_YES, marks, 4), "○");
	assert_string_equal(fill_vocab_pick(FILL_WORD_NO, marks, 4), "×");
	assert_string_equal(fill_vocab_pick(FILL_WORD_PARTIAL, marks, 4), "△");
	assert_string_equal(fill_vocab_pick(FILL_WORD_NA, marks, 4), "－");
	char *words[] = {"はい", "いいえ", "N/A"};
	assert_string_equal(fill_vocab_pick(FILL_WORD_YES, words, 3), "はい");
	assert_string_equal(fill_vocab_pick(FILL_WORD_NA, words, 3), "N/A");
	assert_null(fill_vocab_pick(FILL_WORD_PARTIAL, words, 3));
	char *status[] = {"未対応", "対応済み", "一部対応", "対象外"};
	assert_string_equal(fill_vocab_pick(FILL_WORD_YES, status, 4), "対応済み");
	assert_string_equal(fill_vocab_pick(FILL_WORD_NO, status, 4), "未対応");
	assert_string_equal(fill_vocab_pick(FILL_WORD_NA, status, 4), "対象外");
	char *hinted[] = {"○（対応済）", "×（未対応）"};
	assert_string_equal(fill_vocab_pick(FILL_WORD_YES, hinted, 2), "○（対応済）");
	assert_null(fill_vocab_pick(FILL_WORD_NONE, marks, 4));
}

static void test_similarity(void **state)
{
	(void)state;
	assert_true(fill_similarity("バックアップ", "ﾊﾞｯｸｱｯﾌﾟ") > 0.99);
	assert_true(fill_similarity("ＴＬＳ暗号化", "tls暗号化") > 0.99);
	assert_true(fill_similarity("稼働率", "従業員数") < 0.01);
	assert_int_equal(fill_parse_col("C"), 3);
	assert_int_equal(fill_parse_col("aa"), 27);
	assert_int_equal(fill_parse_col("5"), 5);
	assert_int_equal(fill_parse_col("C3"), 0);
	char name[8];
	fill_col_name(28, name);
	assert_string_equal(name, "AB");
}

static int setup(void **state)
{
	(void)state;
	const char *keep = getenv("FILL_KEEP_DIR");
	if (keep && *keep) {
		mkdir(keep, 0777);
		tmpdir = xstrdup(keep);
		return 0;
	}
	tmpdir = xstrdup("/tmp/test_fill.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (!getenv("FILL_KEEP_DIR")) {
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
		free(cmd);
	}
	free(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab),
		cmocka_unit_test(test_similarity),
		cmocka_unit_test(test_meti_own_order),
		cmocka_unit_test(test_merged_cells),
		cmocka_unit_test(test_heldout),
		cmocka_unit_test(test_unseen),
		cmocka_unit_test(test_freeform),
		cmocka_unit_test(test_meti_numbers),
		cmocka_unit_test(test_mapping_file),
		cmocka_unit_test(test_x14_list),
		cmocka_unit_test(test_mapping_unknown_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
