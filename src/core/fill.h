#ifndef CHECKSHEET_FILL_H
#define CHECKSHEET_FILL_H

/* Answering a customer's own workbook (`checksheet fill`): find their
 * question table (fill_find.c), map each question to an item of our
 * answers (fill_match.c), say our typed answer in their words and their
 * dropdown's entries (fill_vocab.c), and write only the answer and
 * remarks cells into a copy of their package, every other entry kept as
 * it was (fill_write.c). No curses; nothing here prints. */

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "sheet.h"
#include "strbuf.h"
#include "xlsx_read.h"

/* ---- the question table ---- */

typedef struct fill_question {
	size_t table;      /* index in fill_book.tables */
	int row;           /* 1-based row number in the sheet */
	char *no;          /* the No. cell, or NULL */
	char *text;        /* the question as written */
	char *answer_cell; /* what the answer cell holds now ("" empty) */
	char *note_cell;   /* what the remarks cell holds now */
	/* the mapping */
	long item, runner; /* index in fill_items, -1 for none */
	double score, runner_score;
	int how;           /* fill_how */
	bool confirmed;    /* from a mapping file */
	char *own_answer;  /* a customer-only answer from the mapping file */
	/* what fill_plan made of it */
	int outcome;       /* fill_outcome */
	char *written;     /* the answer cell's new text, or NULL */
	char *note_written;/* the remarks cell's new text, or NULL */
	const char *why;   /* untranslated (N_) reason for the outcome, or NULL */
} fill_question;

typedef struct fill_table {
	size_t sheet;      /* index in the workbook */
	char *sheet_name;
	int header_row;
	int col_no, col_q, col_ans, col_note; /* 1-based, 0 for none */
} fill_table;

typedef struct fill_overrides {
	const char *sheet;             /* --sheet NAME|NUMBER */
	int col_q, col_ans, col_note;  /* 1-based, 0: found */
} fill_overrides;

typedef struct fill_book {
	xlsx_book *b;
	char *path;
	fill_table *tables;
	size_t n_tables;
	fill_question *q;
	size_t n_q, cap_q;
	/* per sheet of the workbook, parsed when first needed (fill_write.c):
	 * where rows and cells are, validations, formulas */
	struct fill_sheet_xml **xml;
	char **names;        /* defined names of the workbook, name then formula */
	size_t n_names;
	bool names_read;
} fill_book;

/* Opens the workbook and finds every question table in it (or the one
 * the overrides name). False with a problem when the file cannot be read
 * or no table is found. */
bool fill_book_open(fill_book *fb, const char *path, const load_limits *lim, const fill_overrides *ov,
		    problems *ps);
void fill_book_free(fill_book *fb);
void fill_sheet_xml_free(struct fill_sheet_xml *x);
/* "A" for 1, "AA" for 27 (out has room for 4 letters and a NUL). */
void fill_col_name(int col, char out[8]);
/* Parses a column given as a letter (D) or a 1-based number; 0 when bad. */
int fill_parse_col(const char *s);

/* ---- our items ---- */

typedef struct fill_item {
	const sheet *s;     /* the answers file it comes from */
	const tmpl_item *it;
	const answer *an;   /* NULL when unanswered */
	item_state state;
} fill_item;

typedef struct fill_items {
	fill_item *v;
	size_t n;
	struct fill_index *index; /* n-gram vectors (fill_match.c) */
} fill_items;

/* Every item of every answers file, in order (the first file that
 * answers an item comes first). */
void fill_items_build(fill_items *fi, sheet *const *sheets, size_t n_sheets, const char *lang);
void fill_items_free(fill_items *fi);

/* ---- mapping ---- */

typedef enum fill_how {
	FILL_HOW_NONE,       /* no item matches */
	FILL_HOW_TITLE,      /* the question is an item's title */
	FILL_HOW_NO,         /* the METI No. and a like question */
	FILL_HOW_SIMILAR,    /* by text similarity */
	FILL_HOW_MAPPING,    /* a mapping file says so */
	FILL_HOW_COUNT
} fill_how;

/* At or above: filled without a second look; between LOW and CONFIDENT:
 * filled, listed "to check"; below LOW: not mapped. The runner-up must
 * also trail by FILL_MARGIN for a confident mapping (0.06 until a
 * questionnaire nobody had tuned on showed a wrong item ahead by 0.065:
 * two METI items about the same failure; a close runner-up asks for a
 * person). */
#define FILL_CONFIDENT 0.40
#define FILL_LOW 0.15
#define FILL_MARGIN 0.08

/* Similarity of two texts in 0..1 (character bigrams and trigrams after
 * folding; for tests and the mapping file's "similar workbook"). */
double fill_similarity(const char *a, const char *b);
/* Maps question q: best item and runner-up with their scores; with
 * meti_numbers, the question's No. names the item when the question
 * reads like it. */
void fill_match(const fill_items *fi, fill_question *q, bool meti_numbers);
/* Maps every question of fb. A table's numbers are taken for METI's only
 * when the table follows METI: for at least half of its numbered
 * questions the item of that No. is already the best by similarity (a
 * customer numbering 1, 2, 3... of their own does not). */
void fill_match_book(fill_book *fb, const fill_items *fi);
const char *fill_how_id(fill_how h);

/* ---- vocabulary ---- */

typedef enum fill_word {
	FILL_WORD_YES,
	FILL_WORD_NO,
	FILL_WORD_PARTIAL,
	FILL_WORD_NA,
	FILL_WORD_NONE,     /* not a yes/no kind of answer */
} fill_word;

/* What our answer says as a yes/no kind of word (n/a of any unit too). */
fill_word fill_word_of(const tmpl_item *it, const answer *an);
/* The entry of list (n entries) that says w; NULL when none does. */
const char *fill_vocab_pick(fill_word w, char *const *list, size_t n);
/* The word people write for w where no list constrains it (○ × △ 該当なし
 * when the column's other cells use marks, else 有 無 一部 該当なし). */
const char *fill_vocab_plain(fill_word w, bool marks);

/* ---- writing ---- */

typedef struct fill_cell {
	size_t sheet;   /* index in the workbook */
	int row, col;   /* 1-based */
	char *text;
} fill_cell;

/* The data-validation list of a cell (inline, a range, a defined name,
 * x14 too): *list gets the entries (caller frees each and the array);
 * false when the cell has none. */
bool fill_cell_list(fill_book *fb, size_t si, int row, int col, char ***list, size_t *n, problems *ps);
/* Whether a cell holds a formula (never written over). */
bool fill_cell_has_formula(fill_book *fb, size_t si, int row, int col, problems *ps);
/* Whether a cell lies under a merged range other than as its first
 * (top-left) cell: what is written there does not show. */
bool fill_cell_hidden_by_merge(fill_book *fb, size_t si, int row, int col, problems *ps);

/* Writes the workbook with cells set (inline strings, their style kept)
 * to out_path: a copy of the package with only the changed sheets'
 * entries replaced, written beside out_path and renamed over it. Nothing
 * is written to out_path unless all of it succeeds. */
bool fill_write(fill_book *fb, const fill_cell *cells, size_t n, const char *out_path, problems *ps);

/* ---- what to write ---- */

typedef enum fill_outcome {
	FILL_FILLED,      /* written, mapped with confidence */
	FILL_LOW_SCORE,   /* written, the mapping to check */
	FILL_UNMAPPED,    /* no item of ours matches */
	FILL_UNANSWERED,  /* the item has no answer */
	FILL_PROBLEM,     /* the item's answer has a problem, or cannot be written here */
	FILL_NO_ENTRY,    /* no entry of the dropdown says our answer */
	FILL_KEPT,        /* the answer cell holds something: left as it is */
	FILL_NOT_OURS,    /* confirmed in the mapping: no item of ours answers it */
	FILL_OUTCOME_COUNT
} fill_outcome;

const char *fill_outcome_id(fill_outcome o);
/* True for the outcomes a person has to look at. */
bool fill_outcome_for_person(fill_outcome o);

typedef struct fill_options {
	bool overwrite;
	const char *lang;
} fill_options;

/* Decides what each question gets (q->outcome, written, note_written)
 * and the cells to write (*cells, caller frees with fill_cells_free). */
bool fill_plan(fill_book *fb, const fill_items *fi, const fill_options *o, fill_cell **cells, size_t *n,
	       problems *ps);
void fill_cells_free(fill_cell *cells, size_t n);

#endif
