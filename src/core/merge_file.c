#include <config.h>

/* `checksheet merge BASE OURS THEIRS` on files: the three loaded, of one
 * kind (answers or review), merged (merge.c), and the result written over
 * OURS atomically; the conflicts left are read back from what was
 * written, so that each is named with its line and column. */

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "answers_load.h"
#include "answers_save.h"
#include "conflict.h"
#include "i18n.h"
#include "merge.h"
#include "paths.h"
#include "validate.h"
#include "xalloc.h"

typedef enum doc_kind { DOC_ANSWERS, DOC_REVIEW, DOC_OTHER } doc_kind;

/* What a file is; an empty file (git's base when both sides added the
 * file) is nothing, and merges as an empty document. */
static bool read_kind(const char *path, const load_limits *lim, doc_kind *kind, bool *empty, problems *ps)
{
	char *buf = NULL;
	size_t len = 0;
	if (!file_read(path, lim->max_size, &buf, &len, ps))
		return false;
	*empty = true;
	for (size_t i = 0; i < len && *empty; i++)
		*empty = buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t';
	char *k = *empty ? NULL : yaml_peek_kind(buf, len);
	*kind = !k ? DOC_OTHER
		: strcmp(k, "checksheet/answers") == 0 ? DOC_ANSWERS
		: strcmp(k, "checksheet/review") == 0  ? DOC_REVIEW
						       : DOC_OTHER;
	free(k);
	free(buf);
	if (!*empty && *kind == DOC_OTHER) {
		problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "wrong-kind",
			     _("not an answers or review file (its first key must be kind: checksheet/answers or "
			       "checksheet/review): merge it as text"));
		return false;
	}
	return true;
}

/* The template, for the canonical order of what is written; without it
 * (not installed) items keep the order of ours, then theirs. */
static bool load_template(const char *id, const char *ours, const load_limits *lim, template *t)
{
	if (!id)
		return false;
	problems quiet;
	problems_init(&quiet);
	char *copy = xstrdup(ours);
	template_keep keep = {.no_prose = true, .lang = NULL};
	bool ok = catalog_load_kept(id, dirname(copy), lim, &keep, t, &quiet, ours, (cs_mark){0, 0});
	free(copy);
	problems_free(&quiet);
	return ok;
}

static void list_records(problems *out, const char *path, const raw_pairs *extra, const template *t,
			 const char *lang, const char *item, cs_mark fallback)
{
	size_t n = conflicts_count(extra);
	for (size_t i = 0; i < n; i++) {
		conflict c;
		bool ok = conflicts_get(extra, i, &c);
		char *what = ok ? conflict_describe(&c) : xstrdup(_("malformed merge conflict record"));
		problem *p = problems_add(out, path, c.mark.line ? c.mark : fallback, SEV_ERROR, "merge-conflict",
					  "%s", what);
		const tmpl_item *it = item && t ? template_item(t, item) : NULL;
		if (it)
			problem_set_item(p, it->id, it->no, ltext_get(&it->title, lang));
		else if (item)
			problem_set_item(p, item, NULL, NULL);
		free(what);
	}
}

static bool merge_answers_files(const char *base, bool base_empty, const char *ours, const char *theirs,
				const load_limits *lim, merge_stats *st, problems *conflicts, problems *ps)
{
	answers b, o, t;
	answers_init(&b);
	answers_init(&t);
	bool ok = answers_load_file(ours, lim, &o, ps);
	ok = answers_load_file(theirs, lim, &t, ps) && ok;
	if (base_empty) {
		b.path = xstrdup(base);
	} else
		ok = answers_load_file(base, lim, &b, ps) && ok;
	template tmpl;
	memset(&tmpl, 0, sizeof tmpl);
	bool have_t = false;
	if (ok && (ok = merge_answers(&o, &b, &t, st, ps))) {
		have_t = load_template(o.template_id, ours, lim, &tmpl);
		ok = answers_save(&o, have_t ? &tmpl : NULL, ours, ps);
	}
	if (ok && st->conflicts) {
		answers again;
		if (answers_load_file(ours, lim, &again, ps)) {
			list_records(conflicts, ours, &again.extra, NULL, NULL, NULL, validate_fallback_mark(&again));
			for (size_t i = 0; i < again.n; i++)
				list_records(conflicts, ours, &again.v[i].extra, have_t ? &tmpl : NULL,
					     again.language ? again.language : "ja", again.v[i].item, again.v[i].key_mark);
		}
		answers_free(&again);
		problems_sort(conflicts);
	}
	if (have_t)
		template_free(&tmpl);
	answers_free(&b);
	answers_free(&o);
	answers_free(&t);
	return ok;
}

static bool merge_review_files(const char *base, bool base_empty, const char *ours, const char *theirs,
			       const load_limits *lim, merge_stats *st, problems *conflicts, problems *ps)
{
	review b, o, t;
	review_init(&b);
	review_init(&t);
	bool ok = review_load_file(ours, lim, &o, ps);
	ok = review_load_file(theirs, lim, &t, ps) && ok;
	if (base_empty)
		b.path = xstrdup(base);
	else
		ok = review_load_file(base, lim, &b, ps) && ok;
	template tmpl;
	memset(&tmpl, 0, sizeof tmpl);
	bool have_t = false;
	if (ok && (ok = merge_review(&o, &b, &t, st, ps))) {
		have_t = load_template(o.template_id, ours, lim, &tmpl);
		ok = review_save(&o, have_t ? &tmpl : NULL, ours, ps);
	}
	if (ok && st->conflicts) {
		review again;
		if (review_load_file(ours, lim, &again, ps)) {
			list_records(conflicts, ours, &again.extra, NULL, NULL, NULL, (cs_mark){1, 1});
			for (size_t i = 0; i < again.n; i++)
				list_records(conflicts, ours, &again.v[i].extra, have_t ? &tmpl : NULL, "ja",
					     again.v[i].item, again.v[i].key_mark);
		}
		review_free(&again);
		problems_sort(conflicts);
	}
	if (have_t)
		template_free(&tmpl);
	review_free(&b);
	review_free(&o);
	review_free(&t);
	return ok;
}

bool merge_files(const char *base, const char *ours, const char *theirs, const load_limits *lim, merge_stats *st,
		 problems *conflicts, problems *ps)
{
	memset(st, 0, sizeof *st);
	doc_kind kb = DOC_OTHER, ko = DOC_OTHER, kt = DOC_OTHER;
	bool eb = false, eo = false, et = false;
	bool ok = read_kind(ours, lim, &ko, &eo, ps);
	ok = read_kind(theirs, lim, &kt, &et, ps) && ok;
	ok = read_kind(base, lim, &kb, &eb, ps) && ok;
	if (!ok)
		return false;
	if (eo || et) {
		problems_add(ps, eo ? ours : theirs, (cs_mark){1, 1}, SEV_FATAL, "merge-empty",
			     _("the file is empty on this side: merge it as text"));
		return false;
	}
	if (ko != kt || (!eb && kb != ko)) {
		problems_add(ps, kt != ko ? theirs : base, (cs_mark){1, 1}, SEV_FATAL, "wrong-kind",
			     _("the three versions are not of one kind (answers or review): they cannot be merged"));
		return false;
	}
	return ko == DOC_ANSWERS ? merge_answers_files(base, eb, ours, theirs, lim, st, conflicts, ps)
				 : merge_review_files(base, eb, ours, theirs, lim, st, conflicts, ps);
}
