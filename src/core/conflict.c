#include <config.h>

#include "conflict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

const char *const conflict_field_names[CONFLICT_FIELD_COUNT] = {
	"value",   "note",    "status",  "case",     "rows",    "subject", "revision",
	"template-version", "language", "verdict", "comment", "reviewer", "answers",
};

static const char *const side_names[3] = {"base", "ours", "theirs"};

static const cs_mark no_mark = {0, 0};

/* Fields whose record names what it is about with key: */
static bool field_has_key(conflict_field f)
{
	return f == CONFLICT_CASE || f == CONFLICT_SUBJECT || f == CONFLICT_REVISION || f == CONFLICT_REVIEWER;
}

static raw_pair *list_pair(const raw_pairs *extra) { return raw_pairs_find(extra, CONFLICTS_KEY); }

size_t conflicts_count(const raw_pairs *extra)
{
	raw_pair *p = list_pair(extra);
	if (!p)
		return 0;
	/* anything else under the key is one malformed record, so that check
	 * reports it rather than passing over it */
	return p->value && p->value->type == RAW_SEQ ? p->value->n : 1;
}

static raw_node *record_at(const raw_pairs *extra, size_t i)
{
	raw_pair *p = list_pair(extra);
	if (!p || !p->value)
		return NULL;
	if (p->value->type != RAW_SEQ)
		return i == 0 ? p->value : NULL;
	return i < p->value->n ? p->value->kids[i] : NULL;
}

static bool parse_index(const char *text, size_t *out)
{
	if (!text || !*text || strlen(text) > 9)
		return false;
	size_t v = 0;
	for (const char *c = text; *c; c++) {
		if (*c < '0' || *c > '9')
			return false;
		v = v * 10 + (size_t)(*c - '0');
	}
	*out = v;
	return true;
}

bool conflicts_get(const raw_pairs *extra, size_t i, conflict *c)
{
	memset(c, 0, sizeof *c);
	raw_pair *p = list_pair(extra);
	const raw_node *rec = record_at(extra, i);
	if (!p || !rec)
		return false;
	c->mark = rec->mark.line ? rec->mark : p->mark;
	if (rec->type != RAW_MAP)
		return false;
	const raw_node *f = raw_map_get(rec, "field");
	if (!f || f->type != RAW_SCALAR)
		return false;
	size_t k = 0;
	while (k < CONFLICT_FIELD_COUNT && strcmp(conflict_field_names[k], f->scalar) != 0)
		k++;
	if (k == CONFLICT_FIELD_COUNT)
		return false;
	c->field = (conflict_field)k;
	const raw_node *key = raw_map_get(rec, "key");
	if (key && key->type != RAW_SCALAR)
		return false;
	c->key = key ? key->scalar : NULL;
	if (field_has_key(c->field) && !c->key)
		return false;
	if (c->field == CONFLICT_ROWS) {
		const raw_node *at = raw_map_get(rec, "at");
		if (!at || at->type != RAW_SCALAR || !parse_index(at->scalar, &c->at))
			return false;
	}
	for (int s = 0; s < 3; s++)
		c->side[s] = raw_map_get(rec, side_names[s]);
	return true;
}

void conflicts_add(raw_pairs *extra, conflict_field field, const char *key, size_t at, raw_node *base,
		   raw_node *ours, raw_node *theirs)
{
	raw_pair *p = list_pair(extra);
	if (p && (!p->value || p->value->type != RAW_SEQ)) {
		raw_pairs_remove(extra, CONFLICTS_KEY);
		p = NULL;
	}
	if (!p) {
		raw_pairs_add(extra, CONFLICTS_KEY, raw_new(RAW_SEQ, no_mark), no_mark);
		p = list_pair(extra);
	}
	raw_node *rec = raw_new(RAW_MAP, no_mark);
	raw_map_put(rec, "field", raw_scalar(conflict_field_names[field]));
	if (key)
		raw_map_put(rec, "key", raw_scalar(key));
	if (field == CONFLICT_ROWS) {
		char buf[32];
		snprintf(buf, sizeof buf, "%zu", at);
		raw_map_put(rec, "at", raw_scalar(buf));
	}
	raw_map_put(rec, "base", base);
	raw_map_put(rec, "ours", ours);
	raw_map_put(rec, "theirs", theirs);
	raw_append(p->value, rec);
}

void conflicts_remove(raw_pairs *extra, size_t i)
{
	raw_pair *p = list_pair(extra);
	if (!p)
		return;
	if (p->value && p->value->type == RAW_SEQ && i < p->value->n) {
		raw_free(p->value->kids[i]);
		memmove(&p->value->kids[i], &p->value->kids[i + 1], (p->value->n - i - 1) * sizeof *p->value->kids);
		p->value->n--;
		if (p->value->n)
			return;
	}
	raw_pairs_remove(extra, CONFLICTS_KEY);
}

bool answers_have_conflicts(const answers *a)
{
	if (conflicts_count(&a->extra))
		return true;
	for (size_t i = 0; i < a->n; i++)
		if (conflicts_count(&a->v[i].extra))
			return true;
	return false;
}

bool review_has_conflicts(const review *r)
{
	if (conflicts_count(&r->extra))
		return true;
	for (size_t i = 0; i < r->n; i++)
		if (conflicts_count(&r->v[i].extra))
			return true;
	return false;
}

/* ---- words ---- */

static void put_node(strbuf *sb, const raw_node *n, int depth)
{
	switch (n->type) {
	case RAW_SCALAR:
		for (const char *c = n->scalar ? n->scalar : ""; *c; c++) {
			if (*c == '\n')
				sb_add(sb, c[1] ? " ↵ " : "");
			else
				sb_addc(sb, *c);
		}
		break;
	case RAW_SEQ:
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				sb_add(sb, " | ");
			put_node(sb, n->kids[i], depth + 1);
		}
		break;
	case RAW_MAP:
		if (depth)
			sb_add(sb, "{");
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			if (i)
				sb_add(sb, "; ");
			put_node(sb, n->kids[i], depth + 1);
			sb_add(sb, ": ");
			put_node(sb, n->kids[i + 1], depth + 1);
		}
		if (depth)
			sb_add(sb, "}");
		break;
	}
}

char *conflict_side_text(const raw_node *n)
{
	if (!n || (n->type != RAW_SCALAR && !n->n) || (n->type == RAW_SCALAR && !*n->scalar))
		return xstrdup(_("(none)"));
	strbuf sb;
	sb_init(&sb);
	put_node(&sb, n, 0);
	return sb_take(&sb);
}

/* A verdict's side is {verdict, seen}: the verdict is what a person weighs */
static char *side_text(const conflict *c, conflict_side s)
{
	const raw_node *n = c->side[s];
	if (c->field == CONFLICT_VERDICT && n && n->type == RAW_MAP)
		n = raw_map_get(n, "verdict");
	return conflict_side_text(n);
}

char *conflict_field_words(const conflict *c)
{
	switch (c->field) {
	case CONFLICT_VALUE: return xstrdup(_("value"));
	case CONFLICT_NOTE: return xstrdup(_("note"));
	case CONFLICT_STATUS: return xstrdup(_("status"));
	case CONFLICT_CASE: return xasprintf(_("case 「%s」"), c->key);
	case CONFLICT_ROWS: return xasprintf(_("table rows from row %zu"), c->at + 1);
	case CONFLICT_SUBJECT: return xasprintf(_("subject %s"), c->key);
	case CONFLICT_REVISION: return xasprintf(_("revision %s"), c->key);
	case CONFLICT_TEMPLATE_VERSION: return xstrdup(_("template version"));
	case CONFLICT_LANGUAGE: return xstrdup(_("language"));
	case CONFLICT_VERDICT: return xstrdup(_("verdict"));
	case CONFLICT_COMMENT: return xstrdup(_("comment"));
	case CONFLICT_REVIEWER: return xasprintf(_("reviewer %s"), c->key);
	case CONFLICT_ANSWERS_PATH: return xstrdup(_("answers file"));
	case CONFLICT_FIELD_COUNT: break;
	}
	return xstrdup("?");
}

char *conflict_describe(const conflict *c)
{
	char *what = conflict_field_words(c);
	char *o = side_text(c, CONFLICT_OURS), *t = side_text(c, CONFLICT_THEIRS), *b = side_text(c, CONFLICT_BASE);
	char *text = xasprintf(_("%s changed on both sides: ours 「%s」, theirs 「%s」, base 「%s」"), what, o, t, b);
	free(what);
	free(o);
	free(t);
	free(b);
	return text;
}

/* ---- nodes from the model and back ---- */

raw_node *conflict_text_node(const char *text) { return text && *text ? raw_scalar(text) : NULL; }

static raw_node *row_node(const answer_row *row)
{
	raw_node *m = raw_new(RAW_MAP, no_mark);
	m->flow = 1;
	for (size_t c = 0; c < row->cells.n; c++)
		raw_map_put(m, row->cells.v[c].key, raw_copy(row->cells.v[c].value));
	return m;
}

raw_node *conflict_rows_node(const answer_row *rows, size_t n)
{
	raw_node *seq = raw_new(RAW_SEQ, no_mark);
	for (size_t i = 0; i < n; i++)
		raw_append(seq, row_node(&rows[i]));
	return seq;
}

raw_node *conflict_answer_node(const answer *an)
{
	raw_node *m = raw_new(RAW_MAP, no_mark);
	if (!an)
		return m;
	raw_map_put(m, "value", conflict_text_node(an->value));
	if (an->n_cases) {
		raw_node *cases = raw_new(RAW_SEQ, no_mark);
		for (size_t i = 0; i < an->n_cases; i++) {
			raw_node *cm = raw_new(RAW_MAP, no_mark);
			raw_map_put(cm, "when", raw_scalar(an->cases[i].when ? an->cases[i].when : ""));
			raw_map_put(cm, "value", raw_scalar(an->cases[i].value ? an->cases[i].value : ""));
			raw_append(cases, cm);
		}
		raw_map_put(m, "cases", cases);
	}
	if (an->n_rows)
		raw_map_put(m, "rows", conflict_rows_node(an->rows, an->n_rows));
	raw_map_put(m, "note", conflict_text_node(an->note));
	raw_map_put(m, "status", conflict_text_node(an->status));
	return m;
}

raw_node *conflict_revision_node(const revision *r)
{
	raw_node *m = raw_new(RAW_MAP, no_mark);
	raw_map_put(m, "version", conflict_text_node(r->version));
	raw_map_put(m, "date", conflict_text_node(r->date));
	raw_map_put(m, "note", conflict_text_node(r->note));
	for (size_t i = 0; i < r->extra.n; i++)
		raw_map_put(m, r->extra.v[i].key, raw_copy(r->extra.v[i].value));
	return m;
}

static const char *scalar_of(const raw_node *n) { return n && n->type == RAW_SCALAR ? n->scalar : NULL; }

static bool row_from_node(const raw_node *n, answer_row *row)
{
	memset(row, 0, sizeof *row);
	if (!n || n->type != RAW_MAP)
		return false;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		if (n->kids[i]->type != RAW_SCALAR || n->kids[i + 1]->type != RAW_SCALAR) {
			raw_pairs_free(&row->cells);
			return false;
		}
		raw_pairs_add(&row->cells, n->kids[i]->scalar, raw_copy(n->kids[i + 1]), n->kids[i]->mark);
	}
	return true;
}

void conflict_answer_from_node(const raw_node *n, answer *out)
{
	memset(out, 0, sizeof *out);
	if (!n || n->type != RAW_MAP)
		return;
	answer_set(&out->value, scalar_of(raw_map_get(n, "value")));
	answer_set(&out->note, scalar_of(raw_map_get(n, "note")));
	answer_set(&out->status, scalar_of(raw_map_get(n, "status")));
	const raw_node *cases = raw_map_get(n, "cases");
	for (size_t i = 0; cases && cases->type == RAW_SEQ && i < cases->n; i++)
		answer_add_case(out, scalar_of(raw_map_get(cases->kids[i], "when")),
				scalar_of(raw_map_get(cases->kids[i], "value")));
	out->has_cases = out->n_cases > 0;
	const raw_node *rows = raw_map_get(n, "rows");
	for (size_t i = 0; rows && rows->type == RAW_SEQ && i < rows->n; i++) {
		answer_row row;
		if (!row_from_node(rows->kids[i], &row))
			continue;
		answer_add_row(out);
		out->rows[out->n_rows - 1].cells = row.cells;
	}
	out->has_rows = out->n_rows > 0;
}

/* ---- taking a side ---- */

static const char *malformed(void) { return _("the conflict record is malformed: edit the file by hand"); }

/* A side that must be a text (or absent) */
static bool text_side(const raw_node *n, const char **text)
{
	if (n && n->type != RAW_SCALAR)
		return false;
	*text = n ? n->scalar : NULL;
	return true;
}

static raw_node *mutable_record(raw_pairs *extra, size_t i) { return record_at(extra, i); }

/* After a run of rows changed length, later runs of the same answer move. */
static void shift_rows_records(raw_pairs *extra, size_t skip, size_t after, long delta)
{
	size_t n = conflicts_count(extra);
	for (size_t j = 0; j < n; j++) {
		conflict c;
		if (j == skip || !conflicts_get(extra, j, &c) || c.field != CONFLICT_ROWS || c.at <= after)
			continue;
		raw_node *rec = mutable_record(extra, j);
		for (size_t k = 0; k + 1 < rec->n; k += 2) {
			if (rec->kids[k]->type != RAW_SCALAR || strcmp(rec->kids[k]->scalar, "at") != 0)
				continue;
			char buf[32];
			long at = (long)c.at + delta;
			snprintf(buf, sizeof buf, "%ld", at < 0 ? 0 : at);
			free(rec->kids[k + 1]->scalar);
			rec->kids[k + 1]->scalar = xstrdup(buf);
		}
	}
}

static bool take_rows(answer *an, size_t i, const conflict *c, conflict_side side, const char **why)
{
	const raw_node *ours = c->side[CONFLICT_OURS], *want = c->side[side];
	size_t n_ours = ours && ours->type == RAW_SEQ ? ours->n : 0;
	if ((ours && ours->type != RAW_SEQ) || (want && want->type != RAW_SEQ)) {
		*why = malformed();
		return false;
	}
	if (side == CONFLICT_OURS)
		return true;
	/* our rows must still be where the record says: else a person edited
	 * them since, and a blind splice would lose or double rows */
	bool there = c->at + n_ours <= an->n_rows;
	for (size_t k = 0; there && k < n_ours; k++) {
		answer_row row;
		there = row_from_node(ours->kids[k], &row) && answer_row_equal(&row, &an->rows[c->at + k]);
		raw_pairs_free(&row.cells);
	}
	if (!there) {
		*why = _("the table rows changed since the merge: edit them, then keep them as they are (o)");
		return false;
	}
	size_t n_want = want ? want->n : 0;
	answer_row *fresh = xcalloc(n_want ? n_want : 1, sizeof *fresh);
	for (size_t k = 0; k < n_want; k++)
		if (!row_from_node(want->kids[k], &fresh[k])) {
			for (size_t j = 0; j < k; j++)
				raw_pairs_free(&fresh[j].cells);
			free(fresh);
			*why = malformed();
			return false;
		}
	for (size_t k = 0; k < n_ours; k++)
		raw_pairs_free(&an->rows[c->at + k].cells);
	size_t n = an->n_rows - n_ours + n_want;
	answer_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	size_t after = an->n_rows - c->at - n_ours;
	if (c->at)
		memcpy(rows, an->rows, c->at * sizeof *rows);
	if (n_want)
		memcpy(rows + c->at, fresh, n_want * sizeof *rows);
	if (after)
		memcpy(rows + c->at + n_want, an->rows + c->at + n_ours, after * sizeof *rows);
	free(fresh);
	free(an->rows);
	an->rows = rows;
	an->n_rows = n;
	an->has_rows = true;
	shift_rows_records(&an->extra, i, c->at, (long)n_want - (long)n_ours);
	return true;
}

static bool take_case(answer *an, const conflict *c, const raw_node *n)
{
	const char *text;
	if (!text_side(n, &text))
		return false;
	for (size_t k = 0; k < an->n_cases; k++) {
		if (strcmp(an->cases[k].when ? an->cases[k].when : "", c->key) != 0)
			continue;
		if (n)
			answer_set(&an->cases[k].value, text);
		else
			answer_remove_case(an, k);
		return true;
	}
	if (n) {
		answer_add_case(an, c->key, text);
		an->has_cases = true;
	}
	return true;
}

bool conflict_resolve_answer(answer *an, size_t i, conflict_side side, const char **why)
{
	conflict c;
	*why = NULL;
	if (!conflicts_get(&an->extra, i, &c)) {
		*why = malformed();
		return false;
	}
	const raw_node *n = c.side[side];
	const char *text = NULL;
	bool ok = true;
	/* ours is what the file holds now (or what was typed since): keeping
	 * it changes nothing but the record */
	switch (c.field) {
	case CONFLICT_VALUE:
	case CONFLICT_NOTE:
	case CONFLICT_STATUS:
		if (!(ok = text_side(n, &text)))
			break;
		if (side != CONFLICT_OURS)
			answer_set(c.field == CONFLICT_VALUE ? &an->value
				   : c.field == CONFLICT_NOTE ? &an->note
							       : &an->status,
				   text);
		break;
	case CONFLICT_CASE:
		ok = side == CONFLICT_OURS || take_case(an, &c, n);
		break;
	case CONFLICT_ROWS:
		if (!take_rows(an, i, &c, side, why))
			return false;
		break;
	default:
		*why = _("this conflict is not about an answer");
		return false;
	}
	if (!ok) {
		*why = malformed();
		return false;
	}
	conflicts_remove(&an->extra, i);
	return true;
}

static bool take_revision(answers *a, const conflict *c, const raw_node *n)
{
	if (n && n->type != RAW_MAP)
		return false;
	size_t k = 0;
	while (k < a->n_revisions && strcmp(a->revisions[k].version ? a->revisions[k].version : "", c->key) != 0)
		k++;
	if (!n) {
		if (k < a->n_revisions) {
			revision *r = &a->revisions[k];
			free(r->version);
			free(r->date);
			free(r->note);
			raw_pairs_free(&r->extra);
			memmove(r, r + 1, (a->n_revisions - k - 1) * sizeof *r);
			a->n_revisions--;
		}
		return true;
	}
	if (k == a->n_revisions)
		revision_add(a, c->key, NULL, NULL);
	revision *r = &a->revisions[k];
	answer_set(&r->version, c->key);
	answer_set(&r->date, scalar_of(raw_map_get(n, "date")));
	answer_set(&r->note, scalar_of(raw_map_get(n, "note")));
	raw_pairs_free(&r->extra);
	for (size_t j = 0; j + 1 < n->n; j += 2) {
		const char *key = scalar_of(n->kids[j]);
		if (key && strcmp(key, "version") && strcmp(key, "date") && strcmp(key, "note"))
			raw_pairs_add(&r->extra, key, raw_copy(n->kids[j + 1]), no_mark);
	}
	return true;
}

/* A key of a free map (subject, reviewer) set to a side, or removed */
static void take_pair(raw_pairs *ps, const char *key, const raw_node *n)
{
	if (!n) {
		raw_pairs_remove(ps, key);
		return;
	}
	raw_pair *p = raw_pairs_find(ps, key);
	if (p) {
		raw_free(p->value);
		p->value = raw_copy(n);
	} else
		raw_pairs_add(ps, key, raw_copy(n), no_mark);
}

bool conflict_resolve_file(answers *a, size_t i, conflict_side side, const char **why)
{
	conflict c;
	*why = NULL;
	if (!conflicts_get(&a->extra, i, &c)) {
		*why = malformed();
		return false;
	}
	const raw_node *n = c.side[side];
	const char *text = NULL;
	bool ok = true;
	if (side != CONFLICT_OURS) {
		switch (c.field) {
		case CONFLICT_SUBJECT:
			take_pair(&a->subject, c.key, n);
			break;
		case CONFLICT_REVISION:
			ok = take_revision(a, &c, n);
			break;
		case CONFLICT_TEMPLATE_VERSION:
		case CONFLICT_LANGUAGE:
			if ((ok = text_side(n, &text)))
				answer_set(c.field == CONFLICT_LANGUAGE ? &a->language : &a->template_version, text);
			break;
		default:
			*why = _("this conflict is not about the file's subject or revisions");
			return false;
		}
	} else if (c.field != CONFLICT_SUBJECT && c.field != CONFLICT_REVISION &&
		   c.field != CONFLICT_TEMPLATE_VERSION && c.field != CONFLICT_LANGUAGE) {
		*why = _("this conflict is not about the file's subject or revisions");
		return false;
	}
	if (!ok) {
		*why = malformed();
		return false;
	}
	conflicts_remove(&a->extra, i);
	return true;
}

static bool take_verdict(review_item *ri, const raw_node *n)
{
	if (n && n->type != RAW_MAP)
		return false;
	verdict v = VERDICT_NONE;
	const char *id = scalar_of(raw_map_get(n, "verdict"));
	for (int k = 1; id && k < 4; k++)
		if (strcmp(id, verdict_ids[k]) == 0)
			v = (verdict)k;
	if (id && v == VERDICT_NONE)
		return false;
	ri->verdict = v;
	const raw_node *seen = raw_map_get(n, "seen");
	if (seen) {
		raw_pairs extra = ri->seen.extra;
		memset(&ri->seen.extra, 0, sizeof ri->seen.extra);
		answer_free(&ri->seen);
		conflict_answer_from_node(seen, &ri->seen);
		ri->seen.extra = extra;
		ri->has_seen = true;
	}
	return true;
}

bool conflict_resolve_review_item(review_item *ri, size_t i, conflict_side side, const char **why)
{
	conflict c;
	*why = NULL;
	if (!conflicts_get(&ri->extra, i, &c)) {
		*why = malformed();
		return false;
	}
	if (c.field != CONFLICT_VERDICT && c.field != CONFLICT_COMMENT) {
		*why = _("this conflict is not about a verdict or a comment");
		return false;
	}
	const char *text = NULL;
	bool ok = side == CONFLICT_OURS ||
		  (c.field == CONFLICT_VERDICT ? take_verdict(ri, c.side[side]) : text_side(c.side[side], &text));
	if (ok && side != CONFLICT_OURS && c.field == CONFLICT_COMMENT)
		answer_set(&ri->comment, text);
	if (!ok) {
		*why = malformed();
		return false;
	}
	conflicts_remove(&ri->extra, i);
	return true;
}

bool conflict_resolve_review(review *r, size_t i, conflict_side side, const char **why)
{
	conflict c;
	*why = NULL;
	if (!conflicts_get(&r->extra, i, &c)) {
		*why = malformed();
		return false;
	}
	const raw_node *n = c.side[side];
	const char *text = NULL;
	bool ok = true;
	if (c.field == CONFLICT_REVIEWER) {
		if (side != CONFLICT_OURS)
			take_pair(&r->reviewer, c.key, n);
	} else if (c.field == CONFLICT_ANSWERS_PATH) {
		if ((ok = text_side(n, &text)) && side != CONFLICT_OURS)
			answer_set(&r->answers_path, text);
	} else {
		*why = _("this conflict is not about the review's reviewer or answers file");
		return false;
	}
	if (!ok) {
		*why = malformed();
		return false;
	}
	conflicts_remove(&r->extra, i);
	return true;
}
