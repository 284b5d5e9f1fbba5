#include <config.h>

#include "reuse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "table_text.h"
#include "units.h"
#include "xalloc.h"

/* "template/item" names item of template id t. */
static bool link_names(const char *link, const char *t, const char *item)
{
	size_t n = strlen(t);
	return strncmp(link, t, n) == 0 && link[n] == '/' && strcmp(link + n + 1, item) == 0;
}

/* The answer in source s for item it of template t: the same item when s
 * answers t; else an item it links to, or one that links to it. */
static const answer *candidate(const reuse_source *s, const template *t, const tmpl_item *it, const char **from)
{
	if (strcmp(s->t->id, t->id) == 0) {
		const answer *an = answers_find(s->a, it->id);
		*from = it->id;
		return an && !answer_is_empty(an) ? an : NULL;
	}
	for (size_t k = 0; k < it->n_maps_to; k++)
		for (size_t j = 0; j < s->t->n_items; j++) {
			const tmpl_item *o = &s->t->items[j];
			if (!link_names(it->maps_to[k], s->t->id, o->id))
				continue;
			const answer *an = answers_find(s->a, o->id);
			if (an && !answer_is_empty(an)) {
				*from = o->id;
				return an;
			}
		}
	for (size_t j = 0; j < s->t->n_items; j++) {
		const tmpl_item *o = &s->t->items[j];
		for (size_t k = 0; k < o->n_maps_to; k++) {
			if (!link_names(o->maps_to[k], t->id, it->id))
				continue;
			const answer *an = answers_find(s->a, o->id);
			if (an && !answer_is_empty(an)) {
				*from = o->id;
				return an;
			}
		}
	}
	return NULL;
}

static bool reads_as(const tmpl_item *it, const char *text)
{
	if (it->unit == UNIT_TEXT)
		return true;
	typed_value tv;
	return units_parse_item(it, text, &tv) == PARSE_OK;
}

/* The answer taken into item it: what does not fit the new item (a value
 * that does not read as its unit, cases whose values do not, rows where it
 * is not a table) moves into the note, as text, for a person. Returns
 * whether anything moved. */
static bool fit(const tmpl_item *it, const tmpl_item *from_it, const answer *src, answer *dst, const char *lang)
{
	answer_snapshot(dst, src);
	strbuf moved;
	sb_init(&moved);
	if (dst->value && *dst->value && !reads_as(it, dst->value)) {
		sb_add(&moved, dst->value);
		answer_set(&dst->value, NULL);
	}
	bool cases_read = true;
	for (size_t i = 0; i < dst->n_cases; i++)
		cases_read &= reads_as(it, dst->cases[i].value ? dst->cases[i].value : "");
	if (dst->n_cases && (!cases_read || it->unit == UNIT_TABLE)) {
		for (size_t i = 0; i < dst->n_cases; i++)
			sb_printf(&moved, "%s%s → %s", moved.len ? "\n" : "", dst->cases[i].when ? dst->cases[i].when : "",
				  dst->cases[i].value ? dst->cases[i].value : "");
		while (dst->n_cases)
			answer_remove_case(dst, dst->n_cases - 1);
		dst->has_cases = false;
	}
	if (dst->n_rows && it->unit != UNIT_TABLE) {
		char *rows = table_text_encode(from_it, dst, lang);
		sb_printf(&moved, "%s%s", moved.len ? "\n" : "", rows);
		free(rows);
		while (dst->n_rows)
			answer_remove_row(dst, dst->n_rows - 1);
		dst->has_rows = false;
	}
	bool any = moved.len > 0;
	if (any) {
		if (dst->note && *dst->note)
			sb_printf(&moved, "\n%s", dst->note);
		answer_set(&dst->note, sb_str(&moved));
	}
	sb_free(&moved);
	return any;
}

/* Sources by stamp, newest first (ties: the order given). */
static size_t *newest_first(const reuse_source *src, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(src[order[j]].stamp, src[order[j - 1]].stamp) > 0; j--) {
			size_t k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
	return order;
}

void reuse_fill(answers *dst, const template *t, const reuse_source *src, size_t n_src, reuse_report *rep)
{
	memset(rep, 0, sizeof *rep);
	rep->n_sources = n_src;
	rep->filled = xcalloc(n_src + 1, sizeof *rep->filled);
	size_t *order = newest_first(src, n_src);
	const char *lang = dst->language ? dst->language : "ja";
	for (size_t i = 0; i < t->n_items; i++) {
		const tmpl_item *it = &t->items[i];
		/* anything written there already (a note alone too) stays */
		const answer *have = answers_find(dst, it->id);
		if (have && (!answer_is_empty(have) || (have->note && *have->note)))
			continue;
		size_t winner = SIZE_MAX;
		const answer *taken = NULL;
		const char *from = NULL;
		for (size_t k = 0; k < n_src; k++) {
			const reuse_source *s = &src[order[k]];
			const char *id = NULL;
			const answer *an = candidate(s, t, it, &id);
			if (!an)
				continue;
			if (!taken) {
				taken = an;
				winner = order[k];
				from = id;
			} else if (!answer_equal(taken, an, false)) {
				XGROW(rep->conflicts, rep->cap_conflicts, rep->n_conflicts + 1);
				rep->conflicts[rep->n_conflicts++] = (reuse_conflict){i, winner, order[k]};
				break; /* listed once, with the first that differs */
			}
		}
		if (!taken)
			continue;
		answer *an = answers_get(dst, it->id);
		answer fitted;
		rep->to_note += fit(it, template_item(src[winner].t, from), taken, &fitted, lang);
		answer_set(&an->value, fitted.value);
		answer_set(&an->note, fitted.note);
		for (size_t c = 0; c < fitted.n_cases; c++)
			answer_add_case(an, fitted.cases[c].when, fitted.cases[c].value);
		an->has_cases = fitted.n_cases > 0;
		if (fitted.n_rows) {
			an->rows = fitted.rows;
			an->n_rows = fitted.n_rows;
			an->has_rows = true;
			fitted.rows = NULL;
			fitted.n_rows = 0;
		}
		answer_free(&fitted);
		answer_set(&an->status, "draft");
		char *whence = xasprintf("%s#%s", src[winner].path, from);
		raw_pairs_add(&an->extra, "reused-from", raw_scalar(whence), (cs_mark){0, 0});
		free(whence);
		rep->filled[winner]++;
		rep->total++;
	}
	free(order);
}

void reuse_report_free(reuse_report *rep)
{
	free(rep->filled);
	free(rep->conflicts);
	memset(rep, 0, sizeof *rep);
}
