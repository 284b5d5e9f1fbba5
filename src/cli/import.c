#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/answers_save.h"
#include "../core/atomic_file.h"
#include "../core/i18n.h"
#include "../core/import.h"
#include "../core/paths.h"
#include "../core/sheet.h"
#include "../core/term_safe.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

typedef struct import_args {
	const char *template_name, *output, *into, *lang, *report;
	import_options opt;
	bool force;
} import_args;

static const cli_option import_options_table[] = {
	{"template", 't', N_("TEMPLATE"), N_("the template the sheet answers (with --into: the file's own)")},
	{"output", 'o', N_("FILE"), N_("the answers file to write")},
	{"into", OPT_INTO, N_("FILE"), N_("update this answers file: only the items in the sheet change")},
	{"sheet", OPT_SHEET, N_("NAME|NUMBER"), N_("xlsx: the sheet to read (default: the first with a header row)")},
	{"encoding", 'e', N_("ENCODING"), N_("csv: utf-8, cp932 (shift_jis) or euc-jp; default: BOM, UTF-8, else CP932")},
	{"columns", OPT_COLUMNS, N_("MAP"), N_("columns by number, e.g. no=1,value=6,note=7,status=8")},
	{"report", OPT_REPORT, N_("FILE"), N_("write what became of every row as JSON")},
	{"lang", OPT_LANG, N_("LANG"), N_("the answers' language (default ja)")},
	{"force", OPT_FORCE, NULL, N_("overwrite an existing file")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	import_args *m = ctx;
	switch (key) {
	case 't': m->template_name = arg; return true;
	case 'o': m->output = arg; return true;
	case 'e': m->opt.encoding = arg; return true;
	case OPT_INTO: m->into = arg; return true;
	case OPT_SHEET: m->opt.sheet = arg; return true;
	case OPT_REPORT: m->report = arg; return true;
	case OPT_LANG: m->lang = arg; return true;
	case OPT_FORCE: m->force = true; return true;
	case OPT_COLUMNS:
		if (import_parse_columns(arg, &m->opt))
			return true;
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--columns needs a map such as no=1,value=6,note=7, not \"%s\""), shown);
		free(shown);
		return false;
	}
	return false;
}

static void print_problems(const problems *ps)
{
	report_problems(stderr, ps,
			&(check_summary){.files = 1,
					 .errors = problems_count(ps, SEV_ERROR) + problems_count(ps, SEV_FATAL),
					 .warnings = problems_count(ps, SEV_WARNING)},
			NULL, REPORT_TEXT);
}

/* One line per row that is not a plain copy, then the counts. */
static void print_report(const import_report *rep, const template *t, const char *out_shown)
{
	char *file = term_safe(rep->file, 0);
	for (size_t i = 0; i < rep->n; i++) {
		char *line = import_entry_line(&rep->v[i], t);
		if (!line || rep->v[i].outcome == IMPORT_SKIPPED) {
			free(line); /* skipped rows are among the problems already */
			continue;
		}
		char *shown = term_safe(line, 0);
		fprintf(stderr, "%s:%d: %s\n", file, rep->v[i].line, shown);
		free(shown);
		free(line);
	}
	free(file);
	fprintf(stderr,
		_("Imported %zu rows into %s: %zu copied as they were, %zu read from prose (drafts to confirm), "
		  "%zu left for a person (kept in the note), %zu empty, %zu skipped; %zu rows passed over.\n"),
		rep->rows - rep->count[IMPORT_PASSED_OVER], out_shown, rep->count[IMPORT_COPIED],
		rep->count[IMPORT_PROSE], rep->count[IMPORT_FOR_PERSON], rep->count[IMPORT_EMPTY],
		rep->count[IMPORT_SKIPPED], rep->count[IMPORT_PASSED_OVER]);
}

static bool write_json_report(const char *path, const import_report *rep, const template *t,
			      const char *output, problems *ps)
{
	strbuf sb;
	sb_init(&sb);
	import_report_json(rep, t, output, &sb);
	bool ok = atomic_write(path, sb.s ? sb.s : "", sb.len, ps);
	sb_free(&sb);
	return ok;
}

/* The items the sheet holds replace theirs in the open sheet; everything
 * else in the file (subject, revisions, unknown keys, other items, an
 * answer's own unknown keys) stays. An empty row changes nothing. */
static size_t merge_into(sheet *s, const answers *in, const import_report *rep)
{
	size_t changed = 0;
	for (size_t i = 0; i < rep->n; i++) {
		const import_entry *e = &rep->v[i];
		if (e->item < 0 || e->outcome == IMPORT_EMPTY || e->outcome == IMPORT_SKIPPED)
			continue;
		const tmpl_item *it = sheet_item(s, (size_t)e->item);
		const answer *got = answers_find(in, it->id);
		const answer *had = sheet_answer(s, (size_t)e->item);
		answer merged;
		memset(&merged, 0, sizeof merged);
		if (had)
			answer_copy(&merged, had);
		else
			merged.item = xstrdup(it->id);
		/* what the sheet says replaces what the file said */
		answer fresh;
		memset(&fresh, 0, sizeof fresh);
		if (got)
			answer_copy(&fresh, got);
		raw_pairs_free(&fresh.extra);
		raw_pairs_copy(&fresh.extra, &merged.extra);
		if (!answer_equal(&fresh, &merged, true)) {
			sheet_set_answer(s, (size_t)e->item, &fresh);
			changed++;
		}
		answer_free(&fresh);
		answer_free(&merged);
	}
	return changed;
}

static int run_into(import_args *m, const char *input)
{
	char *into_shown = term_safe(m->into, 0);
	problems ps;
	problems_init(&ps);
	sheet s;
	int status = EXIT_OK;
	sheet_options so = {.answers_path = m->into, .lang = m->lang, .backups = -1};
	answers got;
	answers_init(&got);
	import_report rep;
	import_report_init(&rep);
	if (!sheet_open(&s, &so, &ps)) {
		print_problems(&ps);
		status = EXIT_UNREADABLE;
		goto out;
	}
	if (m->template_name && strcmp(m->template_name, s.t.id) != 0 && !strstr(m->template_name, "/")) {
		char *want = term_safe(m->template_name, 0), *have = term_safe(s.t.id, 0);
		cli_error(_("%s answers the template %s, not %s"), into_shown, have, want);
		free(want);
		free(have);
		status = EXIT_UNREADABLE;
		goto close;
	}
	lock_holder other;
	memset(&other, 0, sizeof other);
	if (!sheet_lock(&s, &other, &ps)) {
		if (!ps.n) {
			/* someone edits it: say who, never write under them */
			char *who = lock_holder_describe(&other), *shown = term_safe(who, 0);
			cli_error("%s: %s", into_shown, shown);
			free(shown);
			free(who);
		} else
			print_problems(&ps);
		lock_holder_free(&other);
		status = EXIT_UNREADABLE;
		goto close;
	}
	lock_holder_free(&other);
	if (!import_file(input, &s.t, &m->opt, &got, &rep, &ps)) {
		print_problems(&ps);
		status = EXIT_UNREADABLE;
		goto unlock;
	}
	report_problem_lines(stderr, &ps);
	size_t changed = merge_into(&s, &got, &rep);
	if (changed && !sheet_save(&s, &ps)) {
		char *msg = term_safe(ps.v[ps.n - 1].message, 0);
		cli_error("%s: %s", into_shown, msg);
		free(msg);
		status = EXIT_UNREADABLE;
		goto unlock;
	}
	print_report(&rep, &s.t, into_shown);
	fprintf(stderr, _("%zu answers changed in %s.\n"), changed, into_shown);
	if (m->report && !write_json_report(m->report, &rep, &s.t, m->into, &ps)) {
		print_problems(&ps);
		status = EXIT_UNREADABLE;
		goto unlock;
	}
	if (rep.count[IMPORT_SKIPPED])
		status = EXIT_PROBLEMS;
unlock:
	sheet_unlock(&s);
close:
	sheet_close(&s);
out:
	import_report_free(&rep);
	answers_free(&got);
	problems_free(&ps);
	free(into_shown);
	return status;
}

static int run(int argc, char **argv)
{
	import_args m = {0};
	int first = cli_parse(&verb_import, argc, argv, on_option, &m);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first + 1 != argc || (m.into ? m.output != NULL : !m.template_name || !m.output)) {
		cli_error(_("import: usage: checksheet import -t TEMPLATE FILE -o ANSWERS.yaml, or "
			    "checksheet import --into ANSWERS.yaml FILE"));
		return EXIT_UNREADABLE;
	}
	if (m.into)
		return run_into(&m, argv[first]);
	/* names from the command line may hold controls too */
	char *out_shown = term_safe(m.output, 0);
	if (!m.force && access(m.output, F_OK) == 0) {
		cli_error(_("%s already exists; use --into to update it, or --force to overwrite it"), out_shown);
		free(out_shown);
		return EXIT_UNREADABLE;
	}
	problems ps;
	problems_init(&ps);
	template t;
	int status = EXIT_OK;
	answers a;
	answers_init(&a);
	import_report rep;
	import_report_init(&rep);
	/* rows are matched by No. or by a title in any language; the
	 * template's prose is never looked at */
	if (!catalog_load_kept(m.template_name, NULL, NULL, &(template_keep){.no_prose = true}, &t, &ps, NULL,
			       (cs_mark){0, 0})) {
		print_problems(&ps);
		status = EXIT_UNREADABLE;
		goto out;
	}
	if (!import_file(argv[first], &t, &m.opt, &a, &rep, &ps)) {
		print_problems(&ps);
		status = EXIT_UNREADABLE;
		goto out;
	}
	a.template_id = xstrdup(t.id);
	a.template_version = t.version ? xstrdup(t.version) : NULL;
	a.language = xstrdup(m.lang ? m.lang : "ja");
	report_problem_lines(stderr, &ps);
	if (!answers_save(&a, &t, m.output, &ps)) {
		char *msg = term_safe(ps.v[ps.n - 1].message, 0);
		cli_error("%s: %s", out_shown, msg);
		free(msg);
		status = EXIT_UNREADABLE;
		goto out;
	}
	print_report(&rep, &t, out_shown);
	if (m.report && !write_json_report(m.report, &rep, &t, m.output, &ps)) {
		print_problems(&ps);
		status = EXIT_UNREADABLE;
		goto out;
	}
	if (rep.count[IMPORT_SKIPPED])
		status = EXIT_PROBLEMS;
out:
	template_free(&t);
	free(out_shown);
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
	return status;
}

const cli_verb verb_import = {
	"import", N_("-t TEMPLATE [-e ENCODING] [--sheet S] [--columns MAP] FILE -o ANSWERS.yaml | --into ANSWERS.yaml FILE"),
	N_("Fill an answers file from a sheet (CSV or TSV exported from Excel, or an XLSX workbook): the header is "
	   "found on any of the first 20 rows, group and repeated header rows are passed over, rows match items by "
	   "No. or title. A cell that holds exactly a value is copied; one phrase of the item's unit grammar read "
	   "out of prose is kept as a draft to confirm; anything else is left whole in the note for a person. "
	   "Exit 1 if a row was skipped."),
	import_options_table, run,
};
