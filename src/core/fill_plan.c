#include <config.h>

/* What each customer question gets: our answer in their words, or the
 * reason it is left for a person. A cell that already holds an answer is
 * kept (unless --overwrite); a formula is never written over; a dropdown
 * gets one of its own entries or nothing. */

#include "fill.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "validate.h"
#include "xalloc.h"

static const char *const outcome_ids[FILL_OUTCOME_COUNT] = {
	"filled", "low-score", "unmapped", "unanswered", "problem", "no-entry", "kept", "not-ours",
};

const char *fill_outcome_id(fill_outcome o) { return o >= 0 && o < FILL_OUTCOME_COUNT ? outcome_ids[o] : "?"; }

bool fill_outcome_for_person(fill_outcome o) { return o != FILL_FILLED && o != FILL_KEPT && o != FILL_NOT_OURS; }

void fill_cells_free(fill_cell *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i].text);
	free(cells);
}

/* Our answer as people write it in one cell: the value, or the cases a
 * line each. NULL when it has neither (a table). */
static char *plain_value(const answer *an)
{
	if (an->value && *an->value)
		return xstrdup(an->value);
	if (!an->n_cases)
		return NULL;
	strbuf b;
	sb_init(&b);
	for (size_t i = 0; i < an->n_cases; i++)
		sb_printf(&b, "%s%s: %s", i ? "\n" : "", an->cases[i].when ? an->cases[i].when : "",
			  an->cases[i].value ? an->cases[i].value : "");
	return sb_take(&b);
}

/* Do the other answers of the column use marks (○ × △)? Then a yes is
 * written ○ there too. */
static bool column_uses_marks(const fill_book *fb, size_t table)
{
	static const char *const marks[] = {"○", "◯", "×", "△"};
	for (size_t i = 0; i < fb->n_q; i++)
		if (fb->q[i].table == table)
			for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
				if (strcmp(fb->q[i].answer_cell, marks[k]) == 0)
					return true;
	return false;
}

static void push(fill_cell **cells, size_t *n, size_t *cap, size_t si, int row, int col, const char *text)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*cells = xrealloc(*cells, *cap * sizeof **cells);
	}
	(*cells)[(*n)++] = (fill_cell){si, row, col, xstrdup(text)};
}

static fill_outcome decide(fill_book *fb, const fill_items *fi, const fill_options *o, fill_question *q, problems *ps)
{
	const fill_table *t = &fb->tables[q->table];
	const fill_item *f = q->item >= 0 ? &fi->v[q->item] : NULL;
	if (!f && !q->own_answer && q->confirmed) {
		q->why = N_("the mapping file says no item of ours answers this question");
		return FILL_NOT_OURS;
	}
	if (!f && !q->own_answer) {
		q->why = N_("no item of our answers matches this question");
		return FILL_UNMAPPED;
	}
	if (*q->answer_cell && !o->overwrite) {
		q->why = N_("the answer cell is not empty (--overwrite writes over it)");
		return FILL_KEPT;
	}
	if (fill_cell_has_formula(fb, t->sheet, q->row, t->col_ans, ps)) {
		q->why = N_("the answer cell holds a formula: never written over");
		return FILL_PROBLEM;
	}
	if (fill_cell_hidden_by_merge(fb, t->sheet, q->row, t->col_ans, ps)) {
		q->why = N_("the answer cell lies under merged cells, where only the first shows: write it by hand");
		return FILL_PROBLEM;
	}
	/* a remarks cell under merged cells is no remarks cell for this row:
	 * the note then follows the value */
	bool note_col = t->col_note && !fill_cell_hidden_by_merge(fb, t->sheet, q->row, t->col_note, ps);
	const answer *an = f ? f->an : NULL;
	answer own = {0};
	if (q->own_answer) {
		own.value = q->own_answer;
		an = &own;
	} else if (!an || !answer_is_answered(an)) {
		q->why = N_("the item has no answer yet");
		return FILL_UNANSWERED;
	} else if (f->state == ITEM_INVALID) {
		q->why = N_("the item's answer has a problem (see checksheet check)");
		return FILL_PROBLEM;
	}
	char **list;
	size_t n_list;
	bool has_list = fill_cell_list(fb, t->sheet, q->row, t->col_ans, &list, &n_list, ps);
	fill_word w = f ? fill_word_of(f->it, an) : FILL_WORD_NONE;
	fill_outcome out = FILL_FILLED;
	if (has_list) {
		const char *pick = fill_vocab_pick(w, list, n_list);
		/* a customer-only answer typed as one of the entries */
		for (size_t i = 0; !pick && q->own_answer && i < n_list; i++)
			if (strcmp(list[i], q->own_answer) == 0)
				pick = list[i];
		if (!pick) {
			q->why = w == FILL_WORD_NONE ? N_("the answer cell has a dropdown, and our answer is not a yes/no "
							 "kind of answer: a person chooses the entry")
						     : N_("no entry of the answer cell's dropdown says our answer");
			out = FILL_NO_ENTRY;
		} else {
			q->written = xstrdup(pick);
			if (an->note && *an->note && note_col)
				q->note_written = xstrdup(an->note);
		}
	} else {
		/* a column answered with marks gets marks; otherwise our value
		 * as we wrote it (有, 99.95%, 平日9時～18時) */
		const char *mark = !q->own_answer && column_uses_marks(fb, q->table) ? fill_vocab_plain(w, true) : NULL;
		char *value = mark ? xstrdup(mark) : plain_value(an);
		if (!value) {
			q->why = N_("the item's answer is a table, which one cell cannot hold");
			out = FILL_PROBLEM;
		} else if (an->note && *an->note && note_col) {
			q->written = value;
			q->note_written = xstrdup(an->note);
		} else if (an->note && *an->note) {
			q->written = xasprintf("%s\n%s", value, an->note);
			free(value);
		} else
			q->written = value;
	}
	for (size_t i = 0; i < n_list; i++)
		free(list[i]);
	free(list);
	if (out != FILL_FILLED)
		return out;
	/* a remarks cell that holds something is the customer's: kept */
	if (q->note_written && *q->note_cell && !o->overwrite) {
		free(q->note_written);
		q->note_written = NULL;
	}
	bool sure = q->how == FILL_HOW_TITLE || q->how == FILL_HOW_NO || q->confirmed ||
		    (q->score >= FILL_CONFIDENT && q->score - q->runner_score >= FILL_MARGIN);
	if (!sure)
		q->why = N_("filled from an item that only looks like the question: check the mapping");
	return sure ? FILL_FILLED : FILL_LOW_SCORE;
}

bool fill_plan(fill_book *fb, const fill_items *fi, const fill_options *o, fill_cell **cells, size_t *n,
	       problems *ps)
{
	*cells = NULL;
	*n = 0;
	size_t cap = 0;
	size_t before = problems_count(ps, SEV_FATAL);
	for (size_t i = 0; i < fb->n_q; i++) {
		fill_question *q = &fb->q[i];
		free(q->written);
		free(q->note_written);
		q->written = q->note_written = NULL;
		q->why = NULL;
		q->outcome = decide(fb, fi, o, q, ps);
		if (problems_count(ps, SEV_FATAL) > before)
			return false;
		const fill_table *t = &fb->tables[q->table];
		if (q->written)
			push(cells, n, &cap, t->sheet, q->row, t->col_ans, q->written);
		if (q->note_written)
			push(cells, n, &cap, t->sheet, q->row, t->col_note, q->note_written);
	}
	return true;
}
