#include <config.h>

/* Finding the customer's question table: on every visible worksheet, the
 * row among the first ones whose cells name a question column and an
 * answer column (the header words import knows: 質問, 設問, 確認事項,
 * 回答, ご回答, 対応状況, 備考, Question, Answer...), whatever title rows
 * or merged banners stand above it. Each row below with a question is a
 * question; group rows (a section name alone) and repeated headers are
 * passed over. */

#include "fill.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "sheet_grid.h"
#include "utf8.h"
#include "xalloc.h"

/* The header is looked for on the first rows only: further down, a cell
 * that reads 回答 is an answer, not a column's name. */
#define FILL_HEADER_ROWS 30

void fill_col_name(int col, char out[8])
{
	char tmp[8];
	int n = 0;
	while (col > 0 && n < 7) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

int fill_parse_col(const char *s)
{
	if (!s || !*s)
		return 0;
	long v = 0;
	if (*s >= '0' && *s <= '9') {
		for (; *s; s++) {
			if (*s < '0' || *s > '9' || v > XLSX_MAX_COL)
				return 0;
			v = v * 10 + (*s - '0');
		}
	} else {
		for (; *s; s++) {
			char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
			if (c < 'A' || c > 'Z' || v > XLSX_MAX_COL)
				return 0;
			v = v * 26 + (c - 'A' + 1);
		}
	}
	return v >= 1 && v <= XLSX_MAX_COL ? (int)v : 0;
}

static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || strncmp(s, "\u3000", 3) == 0)
		s += *s == ' ' || *s == '\n' || *s == '\t' ? 1 : 3;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		n--;
	while (n >= 3 && strncmp(s + n - 3, "\u3000", 3) == 0)
		n -= 3;
	return xstrndup(s, n);
}

/* The average length of the texts under column col: of two columns that
 * both read as a question's (項目 and 質問), the questions are the longer. */
static size_t column_weight(const sheet_grid *g, size_t from, int col)
{
	size_t total = 0, n = 0;
	for (size_t i = from; i < g->n && n < 200; i++) {
		const char *c = grid_cell(&g->rows[i], col);
		if (*c) {
			total += strlen(c);
			n++;
		}
	}
	return n ? total / n : 0;
}

typedef struct header {
	int score;
	size_t row_index;
	int col_no, col_q, col_ans, col_note;
} header;

static header header_of(const sheet_grid *g, size_t ri)
{
	header h = {.row_index = ri};
	const grid_row *r = &g->rows[ri];
	int second_note = 0;
	for (size_t c = 0; c < r->n; c++) {
		int col = (int)c + 1;
		switch (import_header_kind(r->cells[c])) {
		case IMPORT_HEAD_NO:
			if (!h.col_no)
				h.col_no = col;
			break;
		case IMPORT_HEAD_TITLE:
			if (!h.col_q || column_weight(g, ri + 1, col) > column_weight(g, ri + 1, h.col_q))
				h.col_q = col;
			break;
		case IMPORT_HEAD_VALUE:
			if (!h.col_ans)
				h.col_ans = col;
			break;
		case IMPORT_HEAD_NOTE:
			if (!h.col_note)
				h.col_note = col;
			else if (!second_note)
				second_note = col;
			break;
		default:
			break;
		}
	}
	/* 備考 alone after the question: the answers go there, and a second
	 * remarks column (補足) takes the notes */
	if (!h.col_ans && h.col_note) {
		h.col_ans = h.col_note;
		h.col_note = second_note;
	}
	if (h.col_q && h.col_ans)
		h.score = 4 + (h.col_note != 0) + (h.col_no != 0);
	return h;
}

static bool find_header(const sheet_grid *g, header *out)
{
	header best = {0};
	for (size_t i = 0; i < g->n && g->rows[i].line <= FILL_HEADER_ROWS; i++) {
		header h = header_of(g, i);
		if (h.score > best.score)
			best = h;
	}
	*out = best;
	return best.score > 0;
}

static bool only_cell(const grid_row *r, int col)
{
	for (size_t c = 0; c < r->n; c++)
		if ((int)c + 1 != col && *r->cells[c])
			return false;
	return true;
}

static void add_questions(fill_book *fb, size_t ti, const sheet_grid *g, size_t from)
{
	const fill_table *t = &fb->tables[ti];
	for (size_t i = from; i < g->n; i++) {
		const grid_row *r = &g->rows[i];
		char *q = trimmed(grid_cell(r, t->col_q));
		const char *no = t->col_no ? grid_cell(r, t->col_no) : "";
		/* a repeated header (each printed page), or a group row: a
		 * section's name alone on its row, no No. */
		bool pass = !*q || import_header_kind(q) != IMPORT_HEAD_NONE ||
			    (t->col_no && !*no && only_cell(r, t->col_q));
		if (pass) {
			free(q);
			continue;
		}
		if (fb->n_q == fb->cap_q) {
			fb->cap_q = fb->cap_q ? fb->cap_q * 2 : 64;
			fb->q = xrealloc(fb->q, fb->cap_q * sizeof *fb->q);
		}
		fill_question *fq = &fb->q[fb->n_q++];
		memset(fq, 0, sizeof *fq);
		fq->table = ti;
		fq->row = r->line;
		fq->text = q;
		fq->no = *no ? trimmed(no) : NULL;
		fq->answer_cell = trimmed(grid_cell(r, t->col_ans));
		fq->note_cell = t->col_note ? trimmed(grid_cell(r, t->col_note)) : xstrdup("");
		fq->item = fq->runner = -1;
	}
}

static void add_table(fill_book *fb, size_t si, const sheet_grid *g, const header *h, const fill_overrides *ov)
{
	fb->tables = xrealloc(fb->tables, (fb->n_tables + 1) * sizeof *fb->tables);
	fill_table *t = &fb->tables[fb->n_tables];
	t->sheet = si;
	t->sheet_name = xstrdup(xlsx_sheet_name(fb->b, si));
	t->header_row = h->score ? g->rows[h->row_index].line : 0;
	t->col_no = h->col_no;
	t->col_q = ov->col_q ? ov->col_q : h->col_q;
	t->col_ans = ov->col_ans ? ov->col_ans : h->col_ans;
	t->col_note = ov->col_note ? ov->col_note : h->col_note;
	if (t->col_note == t->col_ans || t->col_note == t->col_q)
		t->col_note = 0;
	fb->n_tables++;
	add_questions(fb, fb->n_tables - 1, g, h->score ? h->row_index + 1 : 0);
}

bool fill_book_open(fill_book *fb, const char *path, const load_limits *lim, const fill_overrides *ov,
		    problems *ps)
{
	memset(fb, 0, sizeof *fb);
	fb->path = xstrdup(path);
	if (!xlsx_open(path, lim, &fb->b, ps))
		return false;
	size_t n = xlsx_sheet_count(fb->b);
	fb->xml = xcalloc(n ? n : 1, sizeof *fb->xml);
	long only = -1;
	if (ov->sheet && (only = xlsx_sheet_find(fb->b, ov->sheet, ps)) < 0)
		return false;
	bool manual = ov->col_q && ov->col_ans;
	sheet_grid g;
	grid_init(&g);
	for (size_t i = 0; i < n; i++) {
		if (only >= 0 ? (long)i != only : !xlsx_sheet_is_worksheet(fb->b, i) || xlsx_sheet_hidden(fb->b, i))
			continue;
		if (!xlsx_read_sheet(fb->b, i, &g, ps)) {
			grid_free(&g);
			return false;
		}
		header h;
		if (find_header(&g, &h) || (manual && only >= 0))
			add_table(fb, i, &g, &h, ov);
	}
	grid_free(&g);
	if (!fb->n_tables) {
		problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "no-question-table",
			     _("no question table found: no row names a question column (質問, 設問, 確認事項, "
			       "Question...) and an answer column (回答, 対応状況, Answer...) in its first %d rows; "
			       "name them with --sheet, --question-col and --answer-col"),
			     FILL_HEADER_ROWS);
		return false;
	}
	return true;
}

void fill_book_free(fill_book *fb)
{
	for (size_t i = 0; i < fb->n_q; i++) {
		free(fb->q[i].no);
		free(fb->q[i].text);
		free(fb->q[i].answer_cell);
		free(fb->q[i].note_cell);
		free(fb->q[i].own_answer);
		free(fb->q[i].written);
		free(fb->q[i].note_written);
	}
	free(fb->q);
	for (size_t i = 0; i < fb->n_tables; i++)
		free(fb->tables[i].sheet_name);
	free(fb->tables);
	if (fb->xml && fb->b)
		for (size_t i = 0; i < xlsx_sheet_count(fb->b); i++)
			fill_sheet_xml_free(fb->xml[i]);
	free(fb->xml);
	for (size_t i = 0; i < fb->n_names * 2; i++)
		free(fb->names[i]);
	free(fb->names);
	if (fb->b)
		xlsx_close(fb->b);
	free(fb->path);
	memset(fb, 0, sizeof *fb);
}
