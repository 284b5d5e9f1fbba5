#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/answers_save.h"
#include "../core/i18n.h"
#include "../core/import.h"
#include "../core/paths.h"
#include "../core/term_safe.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

typedef struct import_args {
	const char *template_name, *output, *lang;
	import_options opt;
	bool force;
} import_args;

static const cli_option import_options_table[] = {
	{"template", 't', N_("TEMPLATE"), N_("the template the sheet answers")},
	{"output", 'o', N_("FILE"), N_("the answers file to write")},
	{"encoding", 'e', N_("ENCODING"), N_("utf-8, cp932 (shift_jis) or euc-jp; default: BOM, UTF-8, else CP932")},
	{"columns", OPT_COLUMNS, N_("MAP"), N_("columns by number, e.g. no=1,value=6,note=7")},
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

static int run(int argc, char **argv)
{
	import_args m = {0};
	int first = cli_parse(&verb_import, argc, argv, on_option, &m);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (!m.template_name || !m.output || first + 1 != argc) {
		cli_error(_("import: usage: checksheet import -t TEMPLATE FILE.csv -o ANSWERS.yaml"));
		return EXIT_UNREADABLE;
	}
	/* names from the command line may hold controls too */
	char *out_shown = term_safe(m.output, 0);
	if (!m.force && access(m.output, F_OK) == 0) {
		cli_error(_("%s already exists; use --force to overwrite it"), out_shown);
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
	memset(&rep, 0, sizeof rep);
	if (!catalog_load(m.template_name, NULL, NULL, &t, &ps, NULL, (cs_mark){0, 0}) ||
	    !import_csv(argv[first], &t, &m.opt, &a, &rep, &ps)) {
		report_problems(stderr, &ps,
				&(check_summary){.files = 1,
						 .errors = problems_count(&ps, SEV_ERROR) + problems_count(&ps, SEV_FATAL),
						 .warnings = problems_count(&ps, SEV_WARNING)},
				NULL, REPORT_TEXT);
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
	fprintf(stderr,
		_("Imported %zu rows into %s: %zu filled as they were, %zu split (value taken, the rest kept in the note), "
		  "%zu kept in the note only, %zu empty, %zu skipped.\n"),
		rep.rows, out_shown, rep.filled, rep.split, rep.to_note, rep.empty, rep.skipped);
	if (rep.for_person.len) {
		/* item numbers and titles, from the template */
		char *list = term_safe(sb_str(&rep.for_person), TS_KEEP_NEWLINE);
		fprintf(stderr, _("For a person to finish (no single value could be read):\n%s"), list);
		free(list);
	}
	if (rep.skipped)
		status = EXIT_PROBLEMS;
out:
	free(out_shown);
	import_report_free(&rep);
	answers_free(&a);
	template_free(&t);
	problems_free(&ps);
	return status;
}

const cli_verb verb_import = {
	"import", N_("-t TEMPLATE [-e ENCODING] [--columns MAP] FILE.csv -o ANSWERS.yaml"),
	N_("Fill an answers file from a sheet exported from Excel (CSV or TSV): rows match items by No. "
	   "or title, a typed value is taken out of prose where one reads unambiguously, and the rest is "
	   "kept in the note. Exit 1 if a row was skipped."),
	import_options_table, run,
};
