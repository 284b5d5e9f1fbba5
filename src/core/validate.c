#include <config.h>

#include "validate.h"

#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "i18n.h"
#include "xalloc.h"

static problem *item_problem(problems *ps, const answers *a, const tmpl_item *it, const char *lang,
			     cs_mark at, severity sev, const char *code, const char *msg)
{
	problem *p = problems_add(ps, a->path, at, sev, code, "%s", msg);
	problem_set_item(p, it->id, it->no, ltext_get(&it->title, lang));
	return p;
}

bool answer_is_answered(const answer *an)
{
	if (!an)
		return false;
	if (an->value && *an->value)
		return true;
	for (size_t i = 0; i < an->n_cases; i++)
		if (an->cases[i].value && *an->cases[i].value)
			return true;
	return an->n_rows > 0;
}

static bool note_empty(const answer *an)
{
	if (!an->note)
		return true;
	for (const char *c = an->note; *c; c++)
		if (*c != ' ' && *c != '\n' && *c != '\t')
			return false;
	return true;
}

static bool check_value(const answers *a, const tmpl_item *it, const char *lang, const char *text,
			cs_mark at, problems *ps, typed_value *tv)
{
	const char *code;
	char *msg = units_check_message(it, text, tv, &code);
	if (!msg)
		return true;
	item_problem(ps, a, it, lang, at, SEV_ERROR, code, msg);
	free(msg);
	return false;
}

static bool check_rows(const answers *a, const tmpl_item *it, const char *lang, const answer *an,
		       problems *ps)
{
	bool ok = true;
	for (size_t r = 0; r < an->n_rows; r++) {
		const answer_row *row = &an->rows[r];
		for (size_t c = 0; c < row->cells.n; c++) {
			bool known = false;
			for (size_t k = 0; k < it->n_columns; k++)
				known |= strcmp(it->columns[k].id, row->cells.v[c].key) == 0;
			if (!known) {
				char *msg = xasprintf(_("unknown column \"%s\""), row->cells.v[c].key);
				item_problem(ps, a, it, lang, row->cells.v[c].mark, SEV_WARNING, "unknown-key",
					     msg);
				free(msg);
			}
		}
	}
	return ok;
}

item_state validate_item(const answers *a, const template *t, const tmpl_item *it, const answer *an,
			 const char *lang, cs_mark fallback, problems *ps)
{
	return validate_item_typed(a, t, it, an, lang, fallback, ps, NULL, NULL);
}

/* Each merge conflict left in a record (conflict.h) is an error: the
 * file holds our side of it, which nobody has chosen yet. */
static bool check_conflicts(const answers *a, const raw_pairs *extra, const tmpl_item *it, const char *lang,
			    cs_mark fallback, problems *ps)
{
	size_t n = conflicts_count(extra);
	for (size_t i = 0; i < n; i++) {
		conflict c;
		char *msg;
		if (conflicts_get(extra, i, &c)) {
			char *what = conflict_describe(&c);
			msg = xasprintf(_("merge conflict: %s; pick one in the editor (o keeps ours, t takes theirs)"),
					what);
			free(what);
		} else
			msg = xstrdup(_("malformed merge conflict record: it needs field, and the sides as merge writes them"));
		cs_mark at = c.mark.line ? c.mark : fallback;
		if (it)
			item_problem(ps, a, it, lang, at, SEV_ERROR, "merge-conflict", msg);
		else
			problems_add(ps, a->path, at, SEV_ERROR, "merge-conflict", "%s", msg);
		free(msg);
	}
	return n == 0;
}

static item_state validate_content(const answers *a, const tmpl_item *it, const answer *an, const char *lang,
				   cs_mark fallback, problems *ps, typed_value *value, bool *has_value);

item_state validate_item_typed(const answers *a, const template *t, const tmpl_item *it, const answer *an,
			       const char *lang, cs_mark fallback, problems *ps, typed_value *value,
			       bool *has_value)
{
	(void)t;
	item_state state = validate_content(a, it, an, lang, fallback, ps, value, has_value);
	if (an && !check_conflicts(a, &an->extra, it, lang, an->key_mark, ps))
		state = ITEM_INVALID;
	return state;
}

static item_state validate_content(const answers *a, const tmpl_item *it, const answer *an, const char *lang,
				   cs_mark fallback, problems *ps, typed_value *value, bool *has_value)
{
	if (has_value)
		*has_value = false;
	cs_mark at = an ? an->key_mark : fallback;
	if (!answer_is_answered(an)) {
		if (an && an->has_cases && an->n_cases) {
			item_problem(ps, a, it, lang, an->cases_mark, SEV_ERROR, "missing-required",
				     _("every case needs a value"));
			return ITEM_INVALID;
		}
		if (!it->required)
			return ITEM_EMPTY_OPTIONAL;
		item_problem(ps, a, it, lang, at, SEV_ERROR, "missing-required",
			     _("a required answer is missing"));
		return ITEM_EMPTY_REQUIRED;
	}
	bool ok = true;
	bool yes = false, na = false;
	typed_value tv;
	if (it->unit == UNIT_TABLE) {
		if (an->value && *an->value) {
			item_problem(ps, a, it, lang, an->value_mark, SEV_ERROR, "unparseable-value",
				     _("a table item is answered with rows, not a value"));
			ok = false;
		}
		ok &= check_rows(a, it, lang, an, ps);
	} else if (an->n_cases) {
		if (an->value && *an->value) {
			item_problem(ps, a, it, lang, an->value_mark, SEV_ERROR, "unparseable-value",
				     _("an answer has either a value or cases, not both"));
			ok = false;
		}
		for (size_t i = 0; i < an->n_cases; i++) {
			const answer_case *c = &an->cases[i];
			if (!c->when || !*c->when) {
				item_problem(ps, a, it, lang, c->when_mark, SEV_ERROR, "missing-condition",
					     _("a case needs a condition (when)"));
				ok = false;
			}
			if (!c->value || !*c->value) {
				item_problem(ps, a, it, lang, c->value_mark, SEV_ERROR, "missing-required",
					     _("every case needs a value"));
				ok = false;
				continue;
			}
			if (check_value(a, it, lang, c->value, c->value_mark, ps, &tv)) {
				yes |= it->unit == UNIT_YES_NO && !tv.na &&
				       (tv.yn == YN_YES || tv.yn == YN_PARTIAL);
				na |= tv.na;
			} else
				ok = false;
		}
	} else if (check_value(a, it, lang, an->value,
			       /* no value key (rows on an item that is not a
			        * table): the rows, else the item's key */
			       an->value_mark.line ? an->value_mark
			       : an->rows_mark.line ? an->rows_mark
						    : an->key_mark,
			       ps, &tv)) {
		yes = it->unit == UNIT_YES_NO && !tv.na && (tv.yn == YN_YES || tv.yn == YN_PARTIAL);
		na = tv.na;
		if (an->value && value && has_value) {
			*value = tv;
			*has_value = true;
		}
	} else
		ok = false;
	cs_mark vat = an->value_mark.line ? an->value_mark : an->key_mark;
	if (na && note_empty(an)) {
		item_problem(ps, a, it, lang, vat, SEV_ERROR, "na-without-note",
			     _("\"n/a\" needs a note saying why"));
		ok = false;
	} else if (note_empty(an) && (it->note == NOTE_REQUIRED || (it->note == NOTE_REQUIRED_IF_YES && yes))) {
		item_problem(ps, a, it, lang, vat, SEV_ERROR, "missing-note",
			     it->note == NOTE_REQUIRED ? _("this item needs a note")
						       : _("an answer of yes needs a note with the details"));
		ok = false;
	}
	if (an->status && strcmp(an->status, "draft") != 0 && strcmp(an->status, "final") != 0) {
		item_problem(ps, a, it, lang, an->status_mark, SEV_ERROR, "invalid-status",
			     _("status must be draft or final"));
		ok = false;
	}
	return ok ? ITEM_VALID : ITEM_INVALID;
}

cs_mark validate_fallback_mark(const answers *a)
{
	return a->answers_mark.line ? a->answers_mark : (cs_mark){1, 1};
}

void validate_file_level(const answers *a, const template *t, problems *ps)
{
	for (size_t k = 0; k < a->n; k++) {
		if (template_item(t, a->v[k].item))
			continue;
		problems_add(ps, a->path, a->v[k].key_mark, SEV_ERROR, "unknown-item",
			     _("unknown item \"%s\": the template %s has no such item"), a->v[k].item, t->id);
	}
	for (size_t k = 0; k < a->n; k++)
		if (!template_item(t, a->v[k].item))
			check_conflicts(a, &a->v[k].extra, NULL, NULL, a->v[k].key_mark, ps);
	check_conflicts(a, &a->extra, NULL, NULL, validate_fallback_mark(a), ps);
	if (a->template_version && t->version && strcmp(a->template_version, t->version) != 0)
		problems_add(ps, a->path, a->template_mark, SEV_WARNING, "template-version",
			     _("the file answers version %s of the template, but version %s is installed"),
			     a->template_version, t->version);
}

void validate_answers(const answers *a, const template *t, const char *lang, problems *ps,
		      check_summary *sum)
{
	problems local;
	problems_init(&local);
	cs_mark fallback = validate_fallback_mark(a);
	size_t answered = 0;
	for (size_t i = 0; i < t->n_items; i++) {
		const tmpl_item *it = &t->items[i];
		const answer *an = answers_find(a, it->id);
		answered += answer_is_answered(an);
		validate_item(a, t, it, an, lang, fallback, &local);
	}
	validate_file_level(a, t, &local);
	problems_sort(&local);
	if (sum) {
		sum->files++;
		sum->items += t->n_items;
		sum->answered += answered;
	}
	problems_move(ps, &local);
}
