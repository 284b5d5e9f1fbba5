#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "../core/i18n.h"
#include "../core/merge.h"
#include "../core/term_safe.h"
#include "cli.h"
#include "verbs.h"

/* checksheet merge BASE OURS THEIRS: git's merge driver for answers and
 * review files (git config merge.checksheet.driver "checksheet merge %O
 * %A %B"). The result replaces OURS; exit 0 merged cleanly, 1 conflicts
 * left in the file for the editor, 2 nothing written. */

typedef struct merge_opts {
	load_limits limits;
} merge_opts;

static const cli_option merge_options[] = {
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	merge_opts *o = ctx;
	const char *why;
	if (key != OPT_MAX_SIZE)
		return false;
	if (!load_parse_size(arg, &o->limits.max_size, &why)) {
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\": %s"), shown, why);
		free(shown);
		return false;
	}
	return true;
}

static int run(int argc, char **argv)
{
	merge_opts o = {.limits = load_limits_default};
	int first = cli_parse(&verb_merge, argc, argv, on_option, &o);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (argc - first != 3) {
		cli_error(_("merge: name three files: the common base, ours (written with the result) and theirs"));
		return EXIT_UNREADABLE;
	}
	const char *ours = argv[first + 1];
	problems ps, conflicts;
	problems_init(&ps);
	problems_init(&conflicts);
	merge_stats st;
	int status = EXIT_OK;
	if (!merge_files(argv[first], ours, argv[first + 2], &o.limits, &st, &conflicts, &ps)) {
		report_problem_lines(stderr, &ps);
		cli_error(_("merge: nothing was written to %s"), ours);
		status = EXIT_UNREADABLE;
	} else {
		report_problem_lines(stderr, &ps);
		report_problem_lines(stderr, &conflicts);
		fprintf(stderr,
			_("checksheet merge: %zu taken from theirs, %zu merged field by field, %zu conflicts\n"),
			st.from_theirs, st.merged, st.conflicts);
		if (st.conflicts) {
			fprintf(stderr, _("checksheet merge: resolve them in the editor (checksheet edit FILE: p goes to "
					  "each, o keeps ours, t takes theirs), then git add the file\n"));
			status = EXIT_PROBLEMS;
		}
	}
	problems_free(&conflicts);
	problems_free(&ps);
	return status;
}

const cli_verb verb_merge = {
	"merge", N_("[OPTIONS] BASE OURS THEIRS"),
	N_("Merge two versions of an answers or review file from their common base, item by item and field by "
	   "field (git's merge driver: the result replaces OURS). Different changes to one field are kept in "
	   "the file as conflicts to resolve in the editor. Exit 0 merged, 1 conflicts left, 2 nothing "
	   "written."),
	merge_options, run,
};
