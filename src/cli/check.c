#include <config.h>

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/problems.h"
#include "../core/term_safe.h"
#include "../core/sheet.h"
#include "../core/validate.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

typedef struct check_opts {
	report_format format;
	const char *lang;
	const char *requirements;
	load_limits limits;
} check_opts;

static const cli_option check_options[] = {
	{"format", OPT_FORMAT, N_("FORMAT"), N_("output format: text (default) or json")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of item titles (ja, en); default: the file's")},
	{"requirements", OPT_REQUIREMENTS, N_("POLICY"), N_("also judge the answers by a requirements file")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	check_opts *o = ctx;
	switch (key) {
	case OPT_FORMAT:
		if (strcmp(arg, "json") == 0)
			o->format = REPORT_JSON;
		else if (strcmp(arg, "text") == 0)
			o->format = REPORT_TEXT;
		else {
			cli_error(_("unknown format \"%s\" (text, json)"), arg);
			return false;
		}
		return true;
	case OPT_LANG:
		o->lang = arg;
		return true;
	case OPT_REQUIREMENTS:
		o->requirements = arg;
		return true;
	case OPT_MAX_SIZE: {
		const char *why;
		if (!load_parse_size(arg, &o->limits.max_size, &why)) {
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\": %s"), shown, why);
			free(shown);
			return false;
		}
		return true;
	}
	}
	return false;
}

/* A rule line quotes the rule and the answer: cut like a message. */
static void cut_field(char **field)
{
	char *cut = problem_cut_text(*field);
	free(*field);
	*field = cut;
}

/* A policy's bad rule names its item in the language the answers are
 * shown in. */
static void name_rule_items(problems *ps, size_t from, const sheet *s)
{
	for (size_t i = from; i < ps->n; i++) {
		problem *p = &ps->v[i];
		const tmpl_item *it;
		if (strcmp(p->code, "bad-rule") != 0 || !p->item || !(it = template_item(&s->t, p->item)))
			continue;
		problem_set_item(p, it->id, it->no, ltext_get(&it->title, s->lang));
	}
}

static void check_file(const char *path, const check_opts *o, problems *ps, check_summary *sum,
		       rule_results *results, bool last)
{
	problems local;
	problems_init(&local);
	sheet s;
	bool ok = sheet_open(&s, &(sheet_options){.answers_path = path, .lang = o->lang,
						  .requirements_path = o->requirements, .limits = o->limits,
						  /* problems name items by their titles */
						  .texts = SHEET_TEXTS_TITLES, .only_reads = true},
			     &local);
	load_limits lim = load_limits_resolve(&o->limits);
	if ((ok || s.policy_failed) && s.n_unknown > lim.max_unknown_items) {
		/* a million answers for items the template does not have are
		 * not a million findings worth printing: the file is refused */
		const answer *an = &s.a.v[s.unknown[lim.max_unknown_items]];
		problems_add(&local, path, an->key_mark, SEV_FATAL, "too-many-unknown-items",
			     _("too many answers for items the template %s does not have (%zu; the limit is %zu)"),
			     s.t.id, s.n_unknown, lim.max_unknown_items);
		sum->files++;
	} else if (ok || s.policy_failed) {
		if (s.policy_failed)
			name_rule_items(&local, 0, &s);
		sheet_problems(&s, &local, sum);
		for (size_t k = 0; s.has_rq && k < s.rq.n; k++) {
			const rule *r = &s.rq.v[k];
			rule_results_add(results, path, &s.t.items[r->item_index], s.lang, r->text, &s.outcomes[k]);
			rule_line *l = &results->v[results->n - 1];
			cut_field(&l->rule);
			cut_field(&l->message);
		}
	} else
		sum->files++;
	sum->errors += problems_count(&local, SEV_ERROR) + problems_count(&local, SEV_FATAL);
	sum->warnings += problems_count(&local, SEV_WARNING);
	problems_move(ps, &local);
	if (last)
		sheet_close_at_exit(&s);
	else
		sheet_close(&s);
}

static int run(int argc, char **argv)
{
	check_opts o = {.format = REPORT_TEXT, .limits = load_limits_default};
	int first = cli_parse(&verb_check, argc, argv, on_option, &o);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first >= argc) {
		cli_error(_("check: name at least one answers file"));
		return EXIT_UNREADABLE;
	}
	problems ps;
	problems_init(&ps);
	check_summary sum = {0};
	rule_results results = {0};
	results.enabled = o.requirements != NULL;
	for (int i = first; i < argc; i++) {
		check_summary one = {0};
		check_file(argv[i], &o, &ps, &one, &results, i + 1 == argc);
		sum.files += one.files;
		sum.items += one.items;
		sum.answered += one.answered;
		sum.errors += one.errors;
		sum.warnings += one.warnings;
	}
	if (o.requirements)
		problems_dedupe(&ps);
	int status = report_exit_status(&ps);
	if (status == EXIT_OK && results.fail)
		status = EXIT_PROBLEMS;
	/* every problem counts; the first LOAD_DEFAULT_MAX_PROBLEMS are printed */
	size_t hidden = 0;
	if (ps.n > LOAD_DEFAULT_MAX_PROBLEMS) {
		hidden = ps.n - LOAD_DEFAULT_MAX_PROBLEMS;
		problems_truncate(&ps, LOAD_DEFAULT_MAX_PROBLEMS);
	}
	report_problems(stdout, &ps, &sum, &results, o.format);
	if (hidden)
		fprintf(o.format == REPORT_JSON ? stderr : stdout,
			_("%zu more problem(s) not shown: only the first %zu are printed\n"), hidden,
			(size_t)LOAD_DEFAULT_MAX_PROBLEMS);
	rule_results_free(&results);
	problems_free(&ps);
	return status;
}

const cli_verb verb_check = {
	"check", N_("[OPTIONS] ANSWERS..."),
	N_("Check answers files against their template: missing answers, values that do not read "
	   "as the item's unit, out of range, missing notes; with --requirements, judge them by a "
	   "policy. Exit 0 clean, 1 problems or failed rules, 2 unreadable."),
	check_options, run,
};
