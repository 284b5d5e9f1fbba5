#include <config.h>

#include "answers_diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "table_text.h"
#include "units.h"
#include "xalloc.h"

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The reading of a typed value, or NULL (text, or it does not read). */
static char *reading_of(const tmpl_item *it, const char *text)
{
	if (!it || !text || !*text || it->unit == UNIT_TEXT || it->unit == UNIT_TABLE)
		return NULL;
	typed_value tv;
	if (units_parse_item(it, text, &tv) != PARSE_OK)
		return NULL;
	return units_format(&tv);
}

/* "when → value" lines, in the order written. */
static char *cases_text(const answer *an)
{
	strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; an && i < an->n_cases; i++)
		sb_printf(&sb, "%s%s → %s", i ? "\n" : "", or_empty(an->cases[i].when), or_empty(an->cases[i].value));
	return sb_take(&sb);
}

/* Table rows: as a spreadsheet cell holds them (labels in lang), or, for
 * an item the template lacks, "key: text" lines. */
static char *rows_text(const tmpl_item *it, const answer *an, const char *lang)
{
	if (!an || !an->n_rows)
		return xstrdup("");
	if (it)
		return table_text_encode(it, an, lang);
	strbuf sb;
	sb_init(&sb);
	for (size_t r = 0; r < an->n_rows; r++) {
		if (r)
			sb_add(&sb, "\n\n");
		for (size_t c = 0; c < an->rows[r].cells.n; c++) {
			const raw_pair *p = &an->rows[r].cells.v[c];
			sb_printf(&sb, "%s%s: %s", c ? "\n" : "", p->key,
				  p->value && p->value->type == RAW_SCALAR ? or_empty(p->value->scalar) : "");
		}
	}
	return sb_take(&sb);
}

static void add(answers_diff *d, size_t item, const char *key, diff_what what, const char *old_text,
		const char *new_text, const tmpl_item *it)
{
	old_text = or_empty(old_text);
	new_text = or_empty(new_text);
	if (strcmp(old_text, new_text) == 0)
		return;
	XGROW(d->v, d->cap, d->n + 1);
	diff_entry *e = &d->v[d->n++];
	memset(e, 0, sizeof *e);
	e->item = item;
	e->key = xstrdup(key);
	e->what = what;
	e->old_text = xstrdup(old_text);
	e->new_text = xstrdup(new_text);
	e->how = !*old_text ? DIFF_ADDED : !*new_text ? DIFF_REMOVED : DIFF_CHANGED;
	if (what == DIFF_VALUE) {
		e->old_reading = reading_of(it, old_text);
		e->new_reading = reading_of(it, new_text);
		if (e->how == DIFF_CHANGED && e->old_reading && e->new_reading &&
		    strcmp(e->old_reading, e->new_reading) == 0)
			e->how = DIFF_SPELLING;
	}
}

void answers_diff_answer(answers_diff *d, size_t item, const tmpl_item *it, const answer *x, const answer *y,
			 const char *lang)
{
	const char *id = it ? it->id : x ? x->item : y ? y->item : "";
	add(d, item, id, DIFF_VALUE, x ? x->value : NULL, y ? y->value : NULL, it);
	char *cx = cases_text(x), *cy = cases_text(y);
	add(d, item, id, DIFF_CASES, cx, cy, it);
	free(cx);
	free(cy);
	char *rx = rows_text(it, x, lang), *ry = rows_text(it, y, lang);
	add(d, item, id, DIFF_ROWS, rx, ry, it);
	free(rx);
	free(ry);
	add(d, item, id, DIFF_NOTE, x ? x->note : NULL, y ? y->note : NULL, it);
	add(d, item, id, DIFF_STATUS, x ? x->status : NULL, y ? y->status : NULL, it);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Ids of answers in a or b that t does not have, sorted, each once. */
static size_t unknown_ids(const answers *a, const answers *b, const template *t, const char ***out)
{
	const char **v = xcalloc(a->n + b->n + 1, sizeof *v);
	size_t n = 0;
	const answers *both[] = {a, b};
	for (int s = 0; s < 2; s++)
		for (size_t k = 0; k < both[s]->n; k++) {
			const char *id = both[s]->v[k].item;
			if (!template_item(t, id) && (s == 0 || !answers_find(a, id)))
				v[n++] = id;
		}
	qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

static char *revision_text(const revision *r)
{
	return xasprintf("%s %s", or_empty(r->date), or_empty(r->note));
}

static const revision *revision_find(const answers *a, const char *version)
{
	for (size_t i = 0; i < a->n_revisions; i++)
		if (strcmp(or_empty(a->revisions[i].version), version) == 0)
			return &a->revisions[i];
	return NULL;
}

static void diff_subject_and_revisions(answers_diff *d, const answers *a, const answers *b)
{
	for (size_t i = 0; i < a->subject.n; i++) {
		const char *k = a->subject.v[i].key;
		add(d, SIZE_MAX, k, DIFF_SUBJECT, raw_pairs_scalar(&a->subject, k), raw_pairs_scalar(&b->subject, k),
		    NULL);
	}
	for (size_t i = 0; i < b->subject.n; i++) {
		const char *k = b->subject.v[i].key;
		if (!raw_pairs_find(&a->subject, k))
			add(d, SIZE_MAX, k, DIFF_SUBJECT, NULL, raw_pairs_scalar(&b->subject, k), NULL);
	}
	/* revisions are a list kept by version: each old one, then the new */
	const answers *sides[] = {a, b};
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < sides[s]->n_revisions; i++) {
			const revision *r = &sides[s]->revisions[i];
			const char *v = or_empty(r->version);
			const revision *other = revision_find(sides[!s], v);
			if (s == 1 && other)
				continue; /* compared from the old side */
			char *mine = revision_text(r), *theirs = other ? revision_text(other) : xstrdup("");
			if (s == 0)
				add(d, SIZE_MAX, v, DIFF_REVISION, mine, theirs, NULL);
			else
				add(d, SIZE_MAX, v, DIFF_REVISION, theirs, mine, NULL);
			free(mine);
			free(theirs);
		}
}

void answers_diff_build(answers_diff *d, const answers *a, const answers *b, const template *t, const char *lang)
{
	memset(d, 0, sizeof *d);
	for (size_t i = 0; i < t->n_items; i++) {
		const tmpl_item *it = &t->items[i];
		answers_diff_answer(d, i, it, answers_find(a, it->id), answers_find(b, it->id), lang);
	}
	const char **ids;
	size_t n = unknown_ids(a, b, t, &ids);
	for (size_t k = 0; k < n; k++)
		answers_diff_answer(d, SIZE_MAX, NULL, answers_find(a, ids[k]), answers_find(b, ids[k]), lang);
	free(ids);
	diff_subject_and_revisions(d, a, b);
}

void answers_diff_free(answers_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		diff_entry *e = &d->v[i];
		free(e->key);
		free(e->old_text);
		free(e->new_text);
		free(e->old_reading);
		free(e->new_reading);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

size_t answers_diff_items(const answers_diff *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].what == DIFF_SUBJECT || d->v[i].what == DIFF_REVISION)
			continue;
		/* one item may differ in several fields: counted once */
		n += i == 0 || d->v[i - 1].item != d->v[i].item || strcmp(d->v[i - 1].key, d->v[i].key) != 0 ||
		     d->v[i - 1].what == DIFF_SUBJECT || d->v[i - 1].what == DIFF_REVISION;
	}
	return n;
}

/* ---- in words ---- */

const char *answers_diff_field_name(diff_what w)
{
	static const char *const names[] = {
		[DIFF_VALUE] = N_("value"),     [DIFF_NOTE] = N_("note"),       [DIFF_STATUS] = N_("status"),
		[DIFF_CASES] = N_("cases"),     [DIFF_ROWS] = N_("table rows"), [DIFF_SUBJECT] = N_("subject"),
		[DIFF_REVISION] = N_("revision"),
	};
	return _(names[w]);
}

static void marked_lines(strbuf *out, const char *mark, const char *text)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		sb_printf(out, "    %s ", mark);
		sb_addn(out, p, n);
		sb_addc(out, '\n');
		p += n + (nl != NULL);
	}
}

void answers_diff_entry_text(const diff_entry *e, strbuf *out)
{
	const char *name = answers_diff_field_name(e->what);
	if (e->how == DIFF_SPELLING) {
		sb_printf(out, _("  %s written differently, the same reading (%s): %s → %s\n"), name, e->new_reading,
			  e->old_text, e->new_text);
		return;
	}
	if (!strchr(e->old_text, '\n') && !strchr(e->new_text, '\n')) {
		if (e->how == DIFF_ADDED)
			sb_printf(out, _("  %s added: %s"), name, e->new_text);
		else if (e->how == DIFF_REMOVED)
			sb_printf(out, _("  %s removed (was %s)"), name, e->old_text);
		else
			sb_printf(out, "  %s: %s → %s", name, e->old_text, e->new_text);
		if (e->how == DIFF_CHANGED && e->old_reading && e->new_reading)
			sb_printf(out, " (%s → %s)", e->old_reading, e->new_reading);
		else if (e->how == DIFF_ADDED && e->new_reading)
			sb_printf(out, " (%s)", e->new_reading);
		sb_addc(out, '\n');
		return;
	}
	sb_printf(out, e->how == DIFF_ADDED ? _("  %s added:\n") : e->how == DIFF_REMOVED ? _("  %s removed:\n")
											: _("  %s changed:\n"),
		  name);
	marked_lines(out, "-", e->old_text);
	marked_lines(out, "+", e->new_text);
}

/* ---- the text form ---- */

/* A field: on its line when it is one line, else indented below. */
static void field(strbuf *out, const char *name, const char *text)
{
	if (!text || !*text)
		return;
	if (!strchr(text, '\n')) {
		sb_printf(out, "  %s: %s\n", name, text);
		return;
	}
	sb_printf(out, "  %s:\n", name);
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		sb_add(out, "    ");
		sb_addn(out, p, n);
		sb_addc(out, '\n');
		p += n + (nl != NULL);
	}
}

static void item_form(strbuf *out, const tmpl_item *it, const answer *an, const char *id, const char *lang)
{
	if (!an || (answer_is_empty(an) && !(an->note && *an->note) && !(an->status && *an->status)))
		return;
	if (it)
		sb_printf(out, "No.%s %s [%s]\n", or_empty(it->no), ltext_get(&it->title, lang), id);
	else
		sb_printf(out, "[%s]\n", id);
	if (an->value && *an->value) {
		char *r = reading_of(it, an->value);
		if (r) {
			char *both = xasprintf("%s  (= %s)", an->value, r);
			field(out, "value", both);
			free(both);
			free(r);
		} else
			field(out, "value", an->value);
	}
	char *c = cases_text(an);
	field(out, "cases", c);
	free(c);
	char *rows = rows_text(it, an, lang);
	field(out, "rows", rows);
	free(rows);
	field(out, "note", an->note);
	field(out, "status", an->status);
}

void answers_text_form(const answers *a, const template *t, const char *lang, strbuf *out)
{
	sb_printf(out, "template: %s%s%s\n", or_empty(a->template_id), a->template_version ? " " : "",
		  or_empty(a->template_version));
	if (a->language)
		sb_printf(out, "language: %s\n", a->language);
	for (size_t i = 0; i < a->subject.n; i++) {
		const char *v = raw_pairs_scalar(&a->subject, a->subject.v[i].key);
		if (v)
			sb_printf(out, "subject %s: %s\n", a->subject.v[i].key, v);
	}
	for (size_t i = 0; i < a->n_revisions; i++) {
		const revision *r = &a->revisions[i];
		sb_printf(out, "revision %s %s %s\n", or_empty(r->version), or_empty(r->date), or_empty(r->note));
	}
	sb_addc(out, '\n');
	if (t) {
		for (size_t i = 0; i < t->n_items; i++) {
			const tmpl_item *it = &t->items[i];
			item_form(out, it, answers_find(a, it->id), it->id, lang);
		}
	}
	/* answers the template lacks (all of them without a template), by id */
	const char **ids = xcalloc(a->n + 1, sizeof *ids);
	size_t n = 0;
	for (size_t k = 0; k < a->n; k++)
		if (!t || !template_item(t, a->v[k].item))
			ids[n++] = a->v[k].item;
	qsort(ids, n, sizeof *ids, cmp_str);
	for (size_t k = 0; k < n; k++)
		item_form(out, NULL, answers_find(a, ids[k]), ids[k], lang);
	free(ids);
}
