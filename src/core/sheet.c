#include <config.h>

#include "sheet.h"

#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "answers_load.h"
#include "i18n.h"
#include "paths.h"
#include "search.h"
#include "sheet_internal.h"
#include "units.h"
#include "xalloc.h"

size_t sheet_item_count(const sheet *s) { return s->t.n_items; }

const tmpl_item *sheet_item(const sheet *s, size_t item) { return &s->t.items[item]; }

const answer *sheet_answer(const sheet *s, size_t item)
{
	return answers_find(&s->a, s->t.items[item].id);
}

item_state sheet_state(const sheet *s, size_t item) { return s->states[item]; }

static bool state_is_problem(item_state st) { return st == ITEM_INVALID || st == ITEM_EMPTY_REQUIRED; }
static bool state_is_answered(item_state st) { return st == ITEM_VALID || st == ITEM_INVALID; }

bool sheet_is_problem(const sheet *s, size_t item) { return state_is_problem(s->states[item]); }

bool sheet_is_draft(const sheet *s, size_t item) { return s->draft && s->draft[item]; }

static bool answer_is_draft(const answer *an)
{
	return an && an->status && strcmp(an->status, "draft") == 0 && (!answer_is_empty(an) || (an->note && *an->note));
}

void sheet_item_problems(const sheet *s, size_t item, problems *out)
{
	const tmpl_item *it = &s->t.items[item];
	validate_item(&s->a, &s->t, it, sheet_answer(s, item), s->lang, s->a.answers_mark, out);
}

void sheet_problems(const sheet *s, problems *ps, check_summary *sum)
{
	problems local;
	problems_init(&local);
	cs_mark fallback = validate_fallback_mark(&s->a);
	size_t answered = 0;
	for (size_t i = 0; i < s->t.n_items; i++) {
		const tmpl_item *it = &s->t.items[i];
		const answer *an = answers_find(&s->a, it->id);
		answered += answer_is_answered(an);
		if (s->findings[i])
			validate_item(&s->a, &s->t, it, an, s->lang, fallback, &local);
	}
	validate_file_level(&s->a, &s->t, &local);
	problems_sort(&local);
	if (sum) {
		sum->files++;
		sum->items += s->t.n_items;
		sum->answered += answered;
	}
	problems_move(ps, &local);
}

char *sheet_reading(const sheet *s, size_t item, const char *text, bool *is_error)
{
	const tmpl_item *it = &s->t.items[item];
	char *norm = units_normalize(text ? text : "");
	bool empty = !*norm;
	free(norm);
	*is_error = false;
	if (empty) {
		*is_error = it->required;
		return xstrdup(it->required ? _("✗ a required answer is missing")
					    : _("(empty: the answer will be removed)"));
	}
	const char *code;
	typed_value tv;
	char *msg = units_check_message(it, text, &tv, &code);
	if (msg) {
		char *r = xasprintf("✗ %s", msg);
		free(msg);
		*is_error = true;
		return r;
	}
	if (it->unit == UNIT_TEXT)
		return xstrdup(_("✓ text"));
	char *f = units_format(&tv);
	char *r = xasprintf("= %s", f);
	free(f);
	return r;
}

const review_item *sheet_review_item(const sheet *s, size_t item)
{
	return s->has_review ? review_find(&s->rv, s->t.items[item].id) : NULL;
}

verdict sheet_verdict(const sheet *s, size_t item)
{
	const review_item *ri = sheet_review_item(s, item);
	return ri ? ri->verdict : VERDICT_NONE;
}

bool sheet_is_stale(const sheet *s, size_t item) { return s->stale && s->stale[item]; }

const rule *sheet_rule(const sheet *s, size_t item, const rule_outcome **outcome)
{
	long r = s->rule_of ? s->rule_of[item] : -1;
	if (r < 0)
		return NULL;
	if (outcome)
		*outcome = &s->outcomes[r];
	return &s->rq.v[r];
}

size_t sheet_find(const sheet *s, const char *id)
{
	const tmpl_item *it = template_item(&s->t, id);
	return it ? (size_t)(it - s->t.items) : SIZE_MAX;
}

size_t sheet_find_no(const sheet *s, const char *no)
{
	const tmpl_item *it = template_item_by_no(&s->t, no);
	return it ? (size_t)(it - s->t.items) : SIZE_MAX;
}

bool sheet_answers_writable(const sheet *s) { return !s->review_mode && !s->read_only; }
bool sheet_review_writable(const sheet *s) { return s->review_mode && s->has_review && !s->read_only; }

void sheet_note_change(sheet *s, unsigned flags, size_t item)
{
	if (s->pending.flags && s->pending.item != item)
		flags |= SHEET_CHANGED_MANY;
	s->pending.flags |= flags;
	s->pending.item = item;
}

sheet_change sheet_take_change(sheet *s)
{
	sheet_change c = s->pending;
	s->pending.flags = 0;
	s->pending.item = SIZE_MAX;
	return c;
}

/* Brings every derived fact of one item up to date: O(1) in the size of
 * the sheet, so that an edit on a 100 000-item sheet costs the same as on
 * 49 items. */
void sheet_refresh_item(sheet *s, size_t item)
{
	const tmpl_item *it = &s->t.items[item];
	const answer *an = answers_find(&s->a, it->id);
	problems ps;
	problems_init(&ps);
	item_state now = validate_item(&s->a, &s->t, it, an, s->lang, (cs_mark){0, 0}, &ps);
	s->findings[item] = ps.n > 0;
	problems_free(&ps);
	item_state old = s->states[item];
	size_t sec = it->section;
	unsigned flags = 0;
	if (now != old) {
		s->answered += (size_t)state_is_answered(now) - (size_t)state_is_answered(old);
		s->sec_answered[sec] += (size_t)state_is_answered(now) - (size_t)state_is_answered(old);
		s->problem_items += (size_t)state_is_problem(now) - (size_t)state_is_problem(old);
		s->sec_problems[sec] += (size_t)state_is_problem(now) - (size_t)state_is_problem(old);
		s->states[item] = now;
		flags |= SHEET_CHANGED_STATE | SHEET_CHANGED_COUNTS;
	}
	bool conflicted = sheet_conflicts(s, item) > 0;
	if (conflicted != s->conflicted[item]) {
		s->n_conflicted += (size_t)conflicted - (size_t)s->conflicted[item];
		s->conflicted[item] = conflicted;
		flags |= SHEET_CHANGED_COUNTS;
	}
	bool draft = answer_is_draft(an);
	if (draft != s->draft[item]) {
		s->n_drafts += (size_t)draft - (size_t)s->draft[item];
		s->draft[item] = draft;
		flags |= SHEET_CHANGED_COUNTS;
	}
	if (s->has_review) {
		const review_item *ri = review_find(&s->rv, it->id);
		bool stale = review_is_stale(ri, an);
		if (stale != s->stale[item]) {
			s->n_stale += (size_t)stale - (size_t)s->stale[item];
			s->stale[item] = stale;
			flags |= SHEET_CHANGED_STALE | SHEET_CHANGED_COUNTS;
		}
	}
	long r = s->rule_of ? s->rule_of[item] : -1;
	if (r >= 0) {
		rule_outcome *o = &s->outcomes[r];
		rule_outcome fresh;
		rule_evaluate(&s->rq.v[r], it, an, &fresh);
		s->rules_pass -= o->result == RESULT_PASS;
		s->rules_fail -= o->result == RESULT_FAIL;
		s->rules_unknown -= o->result == RESULT_UNKNOWN;
		if (fresh.result != o->result)
			flags |= SHEET_CHANGED_COUNTS;
		free(o->message);
		*o = fresh;
		s->rules_pass += o->result == RESULT_PASS;
		s->rules_fail += o->result == RESULT_FAIL;
		s->rules_unknown += o->result == RESULT_UNKNOWN;
		flags |= SHEET_CHANGED_RULE;
	}
	if (s->search)
		search_index_refresh(s->search, s, item);
	else if (s->search_building && item < search_index_built(s->search_building)) {
		XGROW(s->search_dirty, s->cap_search_dirty, s->n_search_dirty + 1);
		s->search_dirty[s->n_search_dirty++] = item;
	}
	sheet_note_change(s, flags, item);
}

void sheet_recount_judged(sheet *s)
{
	s->judged = 0;
	for (size_t i = 0; i < s->t.n_items; i++)
		s->judged += sheet_verdict(s, i) != VERDICT_NONE;
}

/* The review file's `answers:` path: relative to where the review lives. */
static char *relative_answers_path(const char *answers_file, const char *review_path)
{
	char *rcopy = xstrdup(review_path), *acopy = xstrdup(answers_file);
	char *rdir = dirname(rcopy), *adir = dirname(acopy);
	char *result;
	const char *base = strrchr(answers_file, '/') ? strrchr(answers_file, '/') + 1 : answers_file;
	if (strcmp(rdir, adir) == 0)
		result = xstrdup(base);
	else
		result = realpath(answers_file, NULL);
	if (!result)
		result = xstrdup(answers_file);
	free(rcopy);
	free(acopy);
	return result;
}

static void set_reviewer(sheet *s, const char *key, const char *value)
{
	const char *old = raw_pairs_scalar(&s->rv.reviewer, key);
	if (!value || (old && strcmp(old, value) == 0))
		return;
	raw_pairs_set_scalar(&s->rv.reviewer, key, value);
	s->dirty_base = true;
}

static bool open_review(sheet *s, const sheet_options *opt, problems *ps)
{
	s->review_path = opt->review_path ? xstrdup(opt->review_path) : review_default_path(opt->answers_path);
	s->has_review = true;
	struct stat st;
	if (stat(s->review_path, &st) == 0) {
		char *buf;
		size_t len;
		file_state fs;
		if (!file_read_all(s->review_path, opt->limits.max_size, &buf, &len, &fs, ps))
			return false;
		bool ok = review_load_buffer(s->review_path, buf, len, &opt->limits, &s->rv, ps);
		free(buf);
		if (!ok)
			return false;
		if (opt->review_mode)
			s->disk = fs;
	} else if (!opt->review_mode) {
		problems_add(ps, s->review_path, (cs_mark){0, 0}, SEV_FATAL, "io-error", "%s",
			     _("cannot open the review file"));
		return false;
	} else {
		review_init(&s->rv);
		s->rv.answers_path = relative_answers_path(opt->answers_path, s->review_path);
		s->rv.template_id = xstrdup(s->t.id);
		s->dirty_base = true;
	}
	if (s->rv.template_id && strcmp(s->rv.template_id, s->t.id) != 0) {
		problems_add(ps, s->review_path, (cs_mark){0, 0}, SEV_FATAL, "unknown-template",
			     _("the review is of template %s, the answers of %s"), s->rv.template_id, s->t.id);
		return false;
	}
	if (opt->review_mode) {
		/* who judges: given on the command line, kept in the file */
		set_reviewer(s, "organization", opt->reviewer_org);
		set_reviewer(s, "name", opt->reviewer_name);
	}
	return true;
}

static bool open_requirements(sheet *s, const sheet_options *opt, problems *ps)
{
	if (!requirements_load_file(opt->requirements_path, &opt->limits, &s->t, &s->rq, ps))
		return false;
	s->has_rq = true;
	s->outcomes = xcalloc(s->rq.n + 1, sizeof *s->outcomes);
	/* only a sheet with a policy has rules on its items */
	s->rule_of = xmalloc((s->t.n_items + 1) * sizeof *s->rule_of);
	for (size_t i = 0; i <= s->t.n_items; i++)
		s->rule_of[i] = -1;
	for (size_t k = 0; k < s->rq.n; k++) {
		const rule *r = &s->rq.v[k];
		/* the first rule on an item is shown with it; all are counted */
		if (s->rule_of[r->item_index] < 0)
			s->rule_of[r->item_index] = (long)k;
		rule_evaluate(r, &s->t.items[r->item_index], sheet_answer(s, r->item_index), &s->outcomes[k]);
		s->rules_pass += s->outcomes[k].result == RESULT_PASS;
		s->rules_fail += s->outcomes[k].result == RESULT_FAIL;
		s->rules_unknown += s->outcomes[k].result == RESULT_UNKNOWN;
	}
	return true;
}

bool sheet_open(sheet *s, const sheet_options *opt, problems *ps)
{
	memset(s, 0, sizeof *s);
	s->pending.item = SIZE_MAX;
	s->next_id = 1;
	s->answers_path = xstrdup(opt->answers_path);
	s->backups = opt->backups < 0 ? 1 : opt->backups;
	bool loaded;
	file_state st;
	memset(&st, 0, sizeof st);
	if (opt->only_reads) {
		loaded = answers_load_file_read_only(opt->answers_path, &opt->limits, &s->a, ps);
	} else {
		/* the bytes parsed and their fingerprint come from one read */
		char *buf;
		size_t len;
		if (!file_read_all(opt->answers_path, opt->limits.max_size, &buf, &len, &st, ps))
			return false;
		loaded = answers_load_buffer(opt->answers_path, buf, len, &opt->limits, &s->a, ps);
		free(buf);
	}
	if (!loaded)
		return false;
	s->read_only = opt->only_reads;
	if (!opt->review_mode && !opt->only_reads)
		s->disk = st;
	const char *lang = opt->lang ? opt->lang : s->a.language ? s->a.language : "ja";
	snprintf(s->lang_buf, sizeof s->lang_buf, "%s", lang);
	s->lang = s->lang_buf;
	template_keep keep = {.no_prose = opt->texts == SHEET_TEXTS_TITLES,
			      .no_guidance = opt->texts == SHEET_TEXTS_PRINTED,
			      .lang = opt->texts == SHEET_TEXTS_ALL ? NULL : s->lang};
	char *copy = xstrdup(opt->answers_path);
	bool ok = catalog_load_kept(s->a.template_id, dirname(copy), &opt->limits, &keep, &s->t, ps,
				    opt->answers_path, s->a.template_mark);
	free(copy);
	if (!ok)
		return false;
	if (s->t.n_sections == 0) {
		problems_add(ps, opt->answers_path, (cs_mark){0, 0}, SEV_FATAL, "unknown-template", "%s",
			     _("the template has no sections"));
		return false;
	}
	if (opt->no_states) {
		/* an export: its rows are validated as they are made */
		s->review_mode = opt->review_mode;
		return !opt->review_path || open_review(s, opt, ps);
	}
	size_t n = s->t.n_items;
	s->states = xcalloc(n + 1, sizeof *s->states);
	s->stale = xcalloc(n + 1, sizeof *s->stale);
	s->draft = xcalloc(n + 1, sizeof *s->draft);
	s->conflicted = xcalloc(n + 1, sizeof *s->conflicted);
	s->findings = xcalloc(n + 1, sizeof *s->findings);
	s->sec_answered = xcalloc(s->t.n_sections, sizeof *s->sec_answered);
	s->sec_problems = xcalloc(s->t.n_sections, sizeof *s->sec_problems);
	s->dirty = xcalloc(n + 1, sizeof *s->dirty);
	s->dirty_list = xcalloc(n + 1, sizeof *s->dirty_list);
	s->review_mode = opt->review_mode;
	if ((opt->review_mode || opt->review_path) && !open_review(s, opt, ps))
		return false;
	for (size_t i = 0; i < n; i++) {
		s->states[i] = ITEM_EMPTY_OPTIONAL;
		sheet_refresh_item(s, i);
	}
	sheet_recount_judged(s);
	s->unknown = xcalloc(s->a.n + 1, sizeof *s->unknown);
	for (size_t k = 0; k < s->a.n; k++)
		if (!template_item(&s->t, s->a.v[k].item))
			s->unknown[s->n_unknown++] = k;
	sheet_take_change(s);
	/* last: a bad policy leaves a sheet that can still be checked */
	if (opt->requirements_path && !open_requirements(s, opt, ps)) {
		s->policy_failed = true;
		return false;
	}
	return true;
}

#if defined(__SANITIZE_ADDRESS__)
#define SHEET_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHEET_FREE_AT_EXIT 1
#endif
#endif

#ifndef SHEET_FREE_AT_EXIT
/* the sheet left to the process's end, reachable from here */
static sheet *left_at_exit;
#endif

void sheet_close_at_exit(sheet *s)
{
#ifdef SHEET_FREE_AT_EXIT
	sheet_close(s);
#else
	if (left_at_exit) {
		sheet_close(s);
		return;
	}
	sheet_unlock(s);
	left_at_exit = xmalloc(sizeof *left_at_exit);
	*left_at_exit = *s;
	memset(s, 0, sizeof *s);
#endif
}

void sheet_close(sheet *s)
{
	sheet_unlock(s);
	sheet_history_free(s);
	search_index_free(s->search);
	search_index_free(s->search_building);
	free(s->search_dirty);
	free(s->states);
	free(s->stale);
	free(s->draft);
	free(s->conflicted);
	free(s->findings);
	free(s->rule_of);
	free(s->sec_answered);
	free(s->sec_problems);
	free(s->unknown);
	free(s->dirty);
	free(s->dirty_list);
	if (s->has_rq)
		for (size_t k = 0; k < s->rq.n; k++)
			free(s->outcomes[k].message);
	free(s->outcomes);
	requirements_free(&s->rq);
	review_free(&s->rv);
	free(s->review_path);
	answers_free(&s->a);
	template_free(&s->t);
	free(s->answers_path);
	memset(s, 0, sizeof *s);
}
