#include <config.h>

#include "requirements.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"
#include "yaml_fields.h"

void requirements_free(requirements *rq)
{
	free(rq->path);
	free(rq->template_id);
	free(rq->title);
	for (size_t i = 0; i < rq->n; i++) {
		free(rq->v[i].item);
		free(rq->v[i].text);
	}
	free(rq->v);
	raw_pairs_free(&rq->extra);
	memset(rq, 0, sizeof *rq);
}

const char *rule_result_id(rule_result r)
{
	static const char *const ids[] = {"pass", "fail", "unknown"};
	return ids[r];
}

const char *rule_result_label(rule_result r)
{
	switch (r) {
	case RESULT_PASS: return _("pass");
	case RESULT_FAIL: return _("fail");
	case RESULT_UNKNOWN: return _("unknown");
	}
	return "";
}

char *rule_outcome_label(const rule_outcome *o)
{
	if (o->result == RESULT_PASS && o->commit != COMMIT_NONE)
		return xasprintf("%s (%s)", rule_result_label(o->result), units_commitment_label(o->commit));
	return xstrdup(rule_result_label(o->result));
}

static bool strip_prefix(char **s, const char *p)
{
	size_t n = strlen(p);
	if (strncmp(*s, p, n) != 0)
		return false;
	*s += n;
	return true;
}

static bool strip_suffix(char *s, const char *p)
{
	size_t n = strlen(s), k = strlen(p);
	if (n < k || strcmp(s + n - k, p) != 0)
		return false;
	s[n - k] = '\0';
	return true;
}

static const struct {
	const char *text;
	rule_op op;
} ops[] = {{">=", OP_GE}, {"<=", OP_LE}, {"==", OP_EQ}, {">", OP_GT}, {"<", OP_LT}, {"=", OP_EQ}};

char *rule_parse(const tmpl_item *it, const char *text, rule *out)
{
	char *norm = units_normalize(text);
	char *s = norm;
	char *err = NULL;
	memset(&out->q, 0, sizeof out->q);
	out->guaranteed = false;
	if (strcmp(s, "yes") == 0 || strcmp(s, "有") == 0 || strcmp(s, "あり") == 0 ||
	    strcmp(s, "no") == 0 || strcmp(s, "無") == 0 || strcmp(s, "なし") == 0) {
		out->kind = (s[0] == 'y' || strcmp(s, "有") == 0 || strcmp(s, "あり") == 0) ? RULE_YES : RULE_NO;
		if (it->unit != UNIT_YES_NO)
			err = xasprintf(_("\"%s\" fits only yes-no items; this item takes %s"), text,
					_(unit_table[it->unit].name));
	} else if (strcmp(s, "present") == 0) {
		out->kind = RULE_PRESENT;
	} else if (strcmp(s, "answered") == 0) {
		out->kind = RULE_ANSWERED;
	} else if (strip_prefix(&s, "covers")) {
		out->kind = RULE_COVERS;
		if (it->unit != UNIT_TIME_WINDOW)
			err = xasprintf(_("\"covers\" fits only time-window items; this item takes %s"),
					_(unit_table[it->unit].name));
		else if (units_parse(UNIT_TIME_WINDOW, -1, s, &out->q) != PARSE_OK || out->q.na)
			err = xasprintf(_("\"%s\" is not a time window; accepted: %s"), s,
					_(unit_table[UNIT_TIME_WINDOW].hint));
		else
			for (int i = 0; i < out->q.n_windows && !err; i++)
				if (!out->q.windows[i].days)
					err = xasprintf(_("\"%s\": say which days the window must cover (weekdays, daily, Mon-Fri)"),
							s);
	} else {
		size_t i;
		for (i = 0; i < sizeof ops / sizeof *ops; i++)
			if (strip_prefix(&s, ops[i].text))
				break;
		if (i == sizeof ops / sizeof *ops) {
			err = xasprintf(_("\"%s\" is not a rule: use yes, no, present, answered, >= < <= > == QUANTITY, or covers WINDOW"),
					text);
		} else {
			out->kind = RULE_COMPARE;
			out->op = ops[i].op;
			out->guaranteed = strip_suffix(s, "guaranteed") || strip_suffix(s, "保証");
			if (it->unit != UNIT_PERCENT && it->unit != UNIT_DURATION && it->unit != UNIT_COUNT &&
			    it->unit != UNIT_FREQUENCY)
				err = xasprintf(_("a comparison does not fit %s"), _(unit_table[it->unit].name));
			else if (units_parse(it->unit, it->default_scale, s, &out->q) != PARSE_OK || out->q.na ||
				 (it->unit == UNIT_FREQUENCY && out->q.freq != FREQ_PERIODIC))
				err = xasprintf(_("\"%s\" does not read as %s; accepted: %s"), s,
						_(unit_table[it->unit].name), _(unit_table[it->unit].hint));
		}
	}
	free(norm);
	return err;
}

static void read_rules(yreader *yr, void *obj, const field_spec *f);

static const field_spec req_fields[] = {
	{"template", field_read_string, offsetof(requirements, template_id), offsetof(requirements, template_mark)},
	{"title", field_read_string, offsetof(requirements, title), 0},
	{"rules", read_rules, 0, 0},
};

static void read_rules(yreader *yr, void *obj, const field_spec *f)
{
	requirements *rq = obj;
	yr_map m;
	if (!yr_map_begin(yr, &m, f->key))
		return;
	while (yr_map_next(yr, &m)) {
		if (!yr_limit_key(yr, &m, rq->n + 1, yr->lim.max_rules, "too-many-rules",
			      _("too many rules (the limit is %zu)")))
			break;
		char *text = NULL;
		cs_mark at = yr_mark(yr);
		if (!yr_scalar_dup(yr, m.key, &text))
			continue;
		XGROW(rq->v, rq->cap, rq->n + 1);
		rule *r = &rq->v[rq->n++];
		memset(r, 0, sizeof *r);
		r->item = xstrdup(m.key);
		r->text = text;
		r->mark = at;
		r->item_index = (size_t)-1;
	}
	yr_map_end(&m);
}

bool requirements_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			      const template *t, requirements *rq, problems *ps)
{
	memset(rq, 0, sizeof *rq);
	rq->path = xstrdup(file);
	problems local;
	problems_init(&local);
	static const doc_spec req_doc = {
		"checksheet/requirements", N_("a requirements file"), req_fields,
		sizeof req_fields / sizeof *req_fields,
	};
	doc_read(file, buf, len, limits, &req_doc, rq, &rq->extra, NULL, &local);
	if (!problems_have_fatal(&local) && t) {
		if (rq->template_id && strcmp(rq->template_id, t->id) != 0)
			problems_add(&local, file, rq->template_mark, SEV_FATAL, "unknown-template",
				     _("the requirements are for template %s, the answers for %s"), rq->template_id,
				     t->id);
		for (size_t i = 0; i < rq->n; i++) {
			rule *r = &rq->v[i];
			const tmpl_item *it = template_item(t, r->item);
			if (!it) {
				problems_add(&local, file, r->mark, SEV_FATAL, "unknown-item",
					     _("rule for unknown item \"%s\""), r->item);
				continue;
			}
			size_t k = (size_t)(it - t->items);
			r->item_index = k;
			char *err = rule_parse(it, r->text, r);
			if (err) {
				/* named like every item problem: No. and title (the
				 * policy has no language of its own: the template's
				 * first choice; check shows it in the answers') */
				problem *p = problems_add(&local, file, r->mark, SEV_FATAL, "bad-rule", "%s", err);
				problem_set_item(p, r->item, t->items[k].no, ltext_get(&t->items[k].title, NULL));
				free(err);
			}
		}
	}
	bool ok = !problems_have_fatal(&local) && !problems_count(&local, SEV_ERROR);
	problems_sort(&local);
	problems_move(ps, &local);
	return ok;
}

typedef struct req_load {
	requirements *rq;
	const template *t;
} req_load;

static bool load_requirements(const char *file, const char *buf, size_t len, const load_limits *limits,
			      void *obj, problems *ps)
{
	req_load *l = obj;
	return requirements_load_buffer(file, buf, len, limits, l->t, l->rq, ps);
}

bool requirements_load_file(const char *path, const load_limits *limits, const template *t,
			    requirements *rq, problems *ps)
{
	memset(rq, 0, sizeof *rq);
	req_load l = {rq, t};
	return doc_load_file(path, limits, load_requirements, &l, ps);
}
/* Frequencies compare as rates (times per second). */
static void frequency_interval(const typed_value *v, double *lo, double *hi, bool *has_lo, bool *has_hi)
{
	double rate = v->freq == FREQ_CONTINUOUS ? INFINITY : v->times / v->period;
	*lo = *hi = rate;
	*has_lo = *has_hi = true;
	if (v->stat == STAT_MIN || v->bound == BOUND_GE || v->bound == BOUND_GT)
		*has_hi = false;
	else if (v->stat == STAT_MAX || v->bound == BOUND_LE || v->bound == BOUND_LT)
		*has_lo = false;
}

/* No limit (+inf, 無期限) is near only itself: inf - x would be inf, within
 * any tolerance scaled by inf. */
static bool near(double a, double b)
{
	if (isinf(a) || isinf(b))
		return a == b;
	return fabs(a - b) <= 1e-9 * fmax(1, fmax(fabs(a), fabs(b)));
}

static rule_result compare(const rule *r, const typed_value *a)
{
	double lo = a->lo, hi = a->hi, x = r->q.num;
	bool has_lo = a->has_lo, has_hi = a->has_hi;
	bool lo_strict = a->lo_strict, hi_strict = a->hi_strict;
	if (a->unit == UNIT_FREQUENCY) {
		typed_value q = r->q;
		q.stat = STAT_NONE;
		q.bound = BOUND_NONE;
		double qlo, qhi;
		bool a1, a2;
		frequency_interval(&q, &qlo, &qhi, &a1, &a2);
		x = qlo;
		frequency_interval(a, &lo, &hi, &has_lo, &has_hi);
		lo_strict = hi_strict = false;
	}
	if (a->unit == UNIT_DURATION && a->scale == SCALE_BD)
		/* N business days can stretch over weekends: N + 2 per 5 days */
		hi += 2 * ceil(hi / 86400 / 5) * 86400;
	/* an approximate figure does not meet a bound it only touches */
	bool approx = a->stat == STAT_APPROX;
	bool below = has_hi && hi < x && !near(hi, x);           /* surely under x */
	bool above = has_lo && lo > x && !near(lo, x);           /* surely over x */
	bool hi_at = has_hi && near(hi, x) && !approx;           /* up to exactly x */
	bool lo_at = has_lo && near(lo, x) && !approx && !a->several; /* from exactly x */
	bool pass = false;
	switch (r->op) {
	case OP_LE: pass = below || hi_at; break;
	case OP_LT: pass = below || (hi_at && hi_strict); break;
	case OP_GE: pass = above || lo_at; break;
	case OP_GT: pass = above || (lo_at && lo_strict); break;
	case OP_EQ: pass = hi_at && lo_at && !lo_strict && !hi_strict; break;
	}
	return pass ? RESULT_PASS : RESULT_FAIL;
}

/* The minutes of a week, Monday 0:00 first, with holidays as an eighth day:
 * an overnight window (22:00-6:00) runs on into the next day, Sunday's into
 * Monday, so that Monday 1:00 is covered only if Sunday night is. */
enum { DAY_MINUTES = 1440, N_DAYS = 8 };
typedef struct week_map {
	unsigned char m[N_DAYS][DAY_MINUTES];
} week_map;

static void mark(week_map *wm, int d, int from, int to)
{
	if (to > from)
		memset(&wm->m[d][from], 1, (size_t)(to - from));
}

/* The day after a holiday is unknown: a window's early hours after a
 * holiday count when it runs every day and every holiday (have), and are
 * demanded of every day (need): never a pass that a calendar could break. */
static void mark_window(week_map *wm, const time_window *w, bool need)
{
	for (int d = 0; d < N_DAYS; d++) {
		if (!(w->days & (1u << d)))
			continue;
		if (w->start < w->end) {
			mark(wm, d, w->start, w->end);
			continue;
		}
		mark(wm, d, w->start, DAY_MINUTES);
		if (d < 7)
			mark(wm, (d + 1) % 7, 0, w->end);
		else if (need)
			for (int k = 0; k < N_DAYS; k++)
				mark(wm, k, 0, w->end);
	}
	if (!need && w->start > w->end && w->days == DAYS_ALL)
		mark(wm, 7, 0, w->end);
}

static rule_result covers(const typed_value *have, const typed_value *need)
{
	if (have->always)
		return RESULT_PASS;
	if (need->always)
		return RESULT_FAIL;
	week_map *h = xcalloc(2, sizeof *h), *n = h + 1;
	bool days_unstated = false;
	for (int k = 0; k < have->n_windows; k++) {
		days_unstated |= have->windows[k].days == 0;
		mark_window(h, &have->windows[k], false);
	}
	for (int i = 0; i < need->n_windows; i++)
		mark_window(n, &need->windows[i], true);
	bool all = true;
	for (int d = 0; d < N_DAYS && all; d++)
		for (int m = 0; m < DAY_MINUTES && all; m++)
			all = !n->m[d][m] || h->m[d][m];
	free(h);
	/* 9:00-18:00 without its days: it may or may not cover them */
	if (!all && days_unstated)
		return RESULT_UNKNOWN;
	return all ? RESULT_PASS : RESULT_FAIL;
}

/* A negative answer: "no" on a yes-no item, or a text answer that is
 * only a negative word (無, なし, no, ×). n/a is handled by the caller. */
static bool is_negative(const tmpl_item *it, const typed_value *v, const char *text)
{
	if (it->unit == UNIT_YES_NO)
		return v->yn == YN_NO;
	if (it->unit != UNIT_TEXT)
		return false;
	typed_value yn;
	return units_parse(UNIT_YES_NO, -1, text, &yn) == PARSE_OK && !yn.na && yn.yn == YN_NO;
}

/* Judges one value; *why says how it read. */
static rule_result judge(const rule *r, const tmpl_item *it, const char *text, commitment *commit,
			 char **why)
{
	typed_value v;
	const char *code;
	*commit = COMMIT_NONE;
	if (!text || !*text) {
		*why = xstrdup(_("not answered"));
		return RESULT_UNKNOWN;
	}
	/* an invalid answer (unreadable, wrong kind, out of range) is never
	 * judged: unknown, whatever the rule */
	char *invalid = units_check_message(it, text, &v, &code);
	if (invalid) {
		*why = invalid;
		return RESULT_UNKNOWN;
	}
	if (v.na) {
		*why = xstrdup(_("answered n/a"));
		return r->kind == RULE_ANSWERED ? RESULT_PASS
		       : r->kind == RULE_PRESENT ? RESULT_FAIL
						 : RESULT_UNKNOWN;
	}
	*commit = v.commit;
	char *reading = it->unit == UNIT_TEXT ? xstrdup(text) : units_format(&v);
	*why = xasprintf(_("reads as %s"), reading);
	free(reading);
	rule_result res = RESULT_FAIL;
	switch (r->kind) {
	case RULE_YES:
		res = v.yn == YN_YES ? RESULT_PASS : v.yn == YN_UNDISCLOSED ? RESULT_UNKNOWN : RESULT_FAIL;
		break;
	case RULE_NO:
		res = v.yn == YN_NO ? RESULT_PASS : v.yn == YN_UNDISCLOSED ? RESULT_UNKNOWN : RESULT_FAIL;
		break;
	case RULE_PRESENT:
		/* 非公開 says neither yes nor no */
		res = is_negative(it, &v, text)                              ? RESULT_FAIL
		      : it->unit == UNIT_YES_NO && v.yn == YN_UNDISCLOSED ? RESULT_UNKNOWN
									     : RESULT_PASS;
		break;
	case RULE_ANSWERED:
		res = RESULT_PASS;
		break;
	case RULE_COMPARE:
		if (it->unit == UNIT_FREQUENCY && v.freq == FREQ_ON_DEMAND)
			res = RESULT_UNKNOWN;
		else
			res = compare(r, &v);
		break;
	case RULE_COVERS:
		res = covers(&v, &r->q);
		break;
	}
	if (res == RESULT_PASS && r->guaranteed && v.commit != COMMIT_GUARANTEED) {
		char *old = *why;
		*why = xasprintf(_("%s, but not guaranteed"), old);
		free(old);
		res = RESULT_FAIL;
	}
	return res;
}

/* How firm a passing figure is: a target is the weakest. */
static int firmness(commitment c)
{
	static const int rank[] = {[COMMIT_TARGET] = 0, [COMMIT_ACTUAL] = 1, [COMMIT_NONE] = 2,
				   [COMMIT_GUARANTEED] = 3};
	return rank[c];
}

void rule_evaluate(const rule *r, const tmpl_item *it, const answer *an, rule_outcome *out)
{
	memset(out, 0, sizeof *out);
	if (it->unit == UNIT_TABLE && an && an->n_rows &&
	    (r->kind == RULE_PRESENT || r->kind == RULE_ANSWERED)) {
		out->result = RESULT_PASS;
		out->message = xasprintf(_("table rows: %zu"), an->n_rows);
		return;
	}
	if (!an || (!an->n_cases && (!an->value || !*an->value))) {
		out->result = RESULT_UNKNOWN;
		out->message = xstrdup(_("not answered"));
		return;
	}
	if (!an->n_cases) {
		out->result = judge(r, it, an->value, &out->commit, &out->message);
		return;
	}
	/* cases: the worst decides (fail, then unknown, then the least firm pass) */
	static const int badness[] = {[RESULT_PASS] = 0, [RESULT_UNKNOWN] = 1, [RESULT_FAIL] = 2};
	for (size_t i = 0; i < an->n_cases; i++) {
		commitment c;
		char *why;
		rule_result res = judge(r, it, an->cases[i].value, &c, &why);
		bool worse = i == 0 || badness[res] > badness[out->result] ||
			     (res == RESULT_PASS && out->result == RESULT_PASS && firmness(c) < firmness(out->commit));
		if (worse) {
			out->result = res;
			out->commit = c;
			free(out->message);
			out->message = xasprintf("%s: %s", an->cases[i].when ? an->cases[i].when : "", why);
		}
		free(why);
	}
}
