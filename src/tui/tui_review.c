#include <config.h>

#include <curses.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "tui_app.h"

static const char verdict_mark[] = {' ', 'o', '?', 'x'};

static const char *verdict_label(verdict v)
{
	switch (v) {
	case VERDICT_OK: return _("ok");
	case VERDICT_QUESTION: return _("question");
	case VERDICT_NG: return _("ng");
	case VERDICT_NONE: break;
	}
	return _("not judged");
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

void review_refresh_item(app *ap, size_t item)
{
	const tmpl_item *it = &ap->t.items[item];
	const review_item *ri = review_find(&ap->rv, it->id);
	bool stale = review_is_stale(ri, answers_find(&ap->a, it->id));
	ap->n_stale += (size_t)stale - (size_t)ap->stale[item];
	ap->stale[item] = stale;
}

static void count_judged(app *ap)
{
	ap->judged = 0;
	for (size_t i = 0; i < ap->t.n_items; i++) {
		const review_item *ri = review_find(&ap->rv, ap->t.items[i].id);
		ap->judged += ri && ri->verdict != VERDICT_NONE;
	}
}

static bool load_requirements(app *ap, problems *ps)
{
	if (!requirements_load_file(ap->opt->requirements_path, &ap->opt->limits, &ap->t, &ap->rq, ps)) {
		requirements_free(&ap->rq);
		return false;
	}
	ap->has_rq = true;
	ap->outcomes = xcalloc(ap->rq.n + 1, sizeof *ap->outcomes);
	for (size_t i = 0; i < ap->t.n_items; i++)
		ap->rule_of[i] = -1;
	for (size_t k = 0; k < ap->rq.n; k++) {
		const rule *r = &ap->rq.v[k];
		const tmpl_item *it = &ap->t.items[r->item_index];
		rule_evaluate(r, it, answers_find(&ap->a, it->id), &ap->outcomes[k]);
		ap->rule_of[r->item_index] = (long)k;
		ap->rules_pass += ap->outcomes[k].result == RESULT_PASS;
		ap->rules_fail += ap->outcomes[k].result == RESULT_FAIL;
		ap->rules_unknown += ap->outcomes[k].result == RESULT_UNKNOWN;
	}
	return true;
}

static void set_reviewer(app *ap, const char *key, const char *value)
{
	const char *old = raw_pairs_scalar(&ap->rv.reviewer, key);
	if (!value || (old && strcmp(old, value) == 0))
		return;
	raw_pairs_set_scalar(&ap->rv.reviewer, key, value);
	ap->review_modified = true;
}

bool review_open(app *ap, problems *ps)
{
	size_t n = ap->t.n_items;
	ap->stale = xcalloc(n + 1, sizeof *ap->stale);
	ap->rule_of = xcalloc(n + 1, sizeof *ap->rule_of);
	for (size_t i = 0; i < n; i++)
		ap->rule_of[i] = -1;
	review_init(&ap->rv);
	if (ap->opt->requirements_path && !load_requirements(ap, ps))
		return false;
	if (!ap->review_mode && !ap->opt->review_path)
		return true;
	ap->review_path = ap->opt->review_path ? xstrdup(ap->opt->review_path)
					       : review_default_path(ap->opt->path);
	ap->has_review = true;
	FILE *f = fopen(ap->review_path, "r");
	if (f) {
		fclose(f);
		if (!review_load_file(ap->review_path, &ap->opt->limits, &ap->rv, ps))
			return false;
	} else if (!ap->review_mode) {
		problems_add(ps, ap->review_path, (cs_mark){0, 0}, SEV_FATAL, "io-error",
			     _("cannot open the review file"));
		return false;
	} else {
		ap->rv.answers_path = relative_answers_path(ap->opt->path, ap->review_path);
		ap->rv.template_id = xstrdup(ap->t.id);
	}
	/* who judges: given on the command line, kept in the file */
	set_reviewer(ap, "organization", ap->opt->reviewer_org);
	set_reviewer(ap, "name", ap->opt->reviewer_name);
	if (ap->rv.template_id && strcmp(ap->rv.template_id, ap->t.id) != 0) {
		problems_add(ps, ap->review_path, (cs_mark){0, 0}, SEV_FATAL, "unknown-template",
			     _("the review is of template %s, the answers of %s"), ap->rv.template_id, ap->t.id);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		review_refresh_item(ap, i);
	count_judged(ap);
	return true;
}

void review_close(app *ap)
{
	review_free(&ap->rv);
	free(ap->review_path);
	free(ap->stale);
	free(ap->rule_of);
	if (ap->has_rq) {
		for (size_t k = 0; k < ap->rq.n; k++)
			free(ap->outcomes[k].message);
		requirements_free(&ap->rq);
	}
	free(ap->outcomes);
	ap->stale = NULL;
	ap->rule_of = NULL;
	ap->outcomes = NULL;
	ap->review_path = NULL;
}

bool review_save_file(app *ap)
{
	problems ps;
	problems_init(&ps);
	bool ok = review_save(&ap->rv, &ap->t, ap->review_path, &ps);
	if (ok) {
		ap->review_modified = false;
		app_set_message(ap, false, _("Saved the review to %s (%zu of %zu judged)."), ap->review_path,
				ap->judged, ap->t.n_items);
	} else
		app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not save"));
	problems_free(&ps);
	return ok;
}

void review_set_verdict(app *ap, verdict v)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const tmpl_item *it = &ap->t.items[item];
	review_item *ri = review_get(&ap->rv, it->id);
	bool was = ri->verdict != VERDICT_NONE;
	ri->verdict = v;
	/* the verdict is about the answer as it is now */
	review_mark_seen(ri, answers_find(&ap->a, it->id));
	ap->judged += (size_t)(v != VERDICT_NONE) - (size_t)was;
	review_refresh_item(ap, item);
	ap->review_modified = true;
	app_set_message(ap, false, _("No.%s: %s."), it->no, verdict_label(v));
}

void review_edit_comment(app *ap)
{
	size_t item = app_current_item(ap);
	if (item == SIZE_MAX)
		return;
	const tmpl_item *it = &ap->t.items[item];
	review_item *ri = review_find(&ap->rv, it->id);
	char *text = editor_multiline(ap, EDIT_COMMENT, ri ? ri->comment : NULL,
				      _("Editing the comment: Enter starts a new line, Tab commits, Esc cancels."));
	if (!text) {
		app_set_message(ap, false, "%s", _("Edit cancelled; the old comment is kept."));
		return;
	}
	ri = review_get(&ap->rv, it->id);
	if (strcmp(ri->comment ? ri->comment : "", text) != 0) {
		answer_set(&ri->comment, text);
		review_mark_seen(ri, answers_find(&ap->a, it->id));
		review_refresh_item(ap, item);
		ap->review_modified = true;
	}
	free(text);
	app_set_message(ap, false, "%s", _("Comment kept."));
}

void review_marks(app *ap, size_t item, char *out)
{
	const review_item *ri = review_find(&ap->rv, ap->t.items[item].id);
	out[0] = verdict_mark[ri ? ri->verdict : VERDICT_NONE];
	out[1] = ap->stale[item] ? '~' : ' ';
	out[2] = '\0';
	if (ap->has_rq) {
		long r = ap->rule_of[item];
		out[2] = r < 0 ? ' ' : "=FU"[ap->outcomes[r].result];
		out[3] = '\0';
	}
}

static void line(int *y, int end, int x, int w, const char *text, int attr)
{
	text_line *lines;
	size_t n = tf_wrap(text, (size_t)w, &lines);
	for (size_t i = 0; i < n && *y < end; i++) {
		char *part = xstrndup(text + lines[i].start, lines[i].end - lines[i].start);
		if (attr)
			attron(attr);
		draw_clip_fill((*y)++, x, w, part);
		if (attr)
			attroff(attr);
		free(part);
	}
	free(lines);
}

void review_draw_detail(app *ap, size_t item, int *y, int end, int x, int w)
{
	const tmpl_item *it = &ap->t.items[item];
	if (ap->has_rq && ap->rule_of[item] >= 0) {
		const rule_outcome *o = &ap->outcomes[ap->rule_of[item]];
		char *label = rule_outcome_label(o);
		char *text = xasprintf(_("Rule %s: %s (%s)"), ap->rq.v[ap->rule_of[item]].text, label, o->message);
		line(y, end, x, w, text, o->result == RESULT_PASS ? 0 : A_BOLD);
		free(text);
		free(label);
	}
	const review_item *ri = review_find(&ap->rv, it->id);
	if (!ap->has_review)
		return;
	char *text = xasprintf(_("Review: %s"), verdict_label(ri ? ri->verdict : VERDICT_NONE));
	line(y, end, x, w, text, A_BOLD);
	free(text);
	if (ap->stale[item]) {
		char *was = xasprintf(_("! changed since review; judged: %s%s%s"), ri->seen.value ? ri->seen.value : "",
				      ri->seen.note ? " / " : "", ri->seen.note ? ri->seen.note : "");
		line(y, end, x, w, was, A_BOLD);
		free(was);
	}
	if (ri && ri->comment && ap->editing != EDIT_COMMENT) {
		line(y, end, x + 2, w - 2, ri->comment, 0);
	}
}
