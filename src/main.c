#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/verbs.h"
#include "core/i18n.h"
#include "core/textfield.h"
#include "core/utf8.h"
#include "tui/tui.h"

/* The edit verb lives here, where the command line meets the screens:
 * cli/ and tui/ never call each other. */
typedef struct edit_args {
	tui_options opt;
} edit_args;

static const cli_option edit_options[] = {
	{"review", 'r', N_("REVIEW"), N_("show a customer's review file beside the answers")},
	{"requirements", OPT_REQUIREMENTS, N_("POLICY"), N_("judge the answers by a requirements file")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of the template text (ja, en)")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static const cli_option review_options[] = {
	{"review", 'r', N_("REVIEW"), N_("the review file (default: ANSWERS.review.yaml beside the answers)")},
	{"requirements", OPT_REQUIREMENTS, N_("POLICY"), N_("judge the answers by a requirements file")},
	{"reviewer", OPT_REVIEWER, N_("NAME"), N_("who reviews (written to the review file)")},
	{"organization", OPT_ORG, N_("NAME"), N_("the reviewing organization")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of the template text (ja, en)")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static bool on_edit_option(int key, const char *arg, void *ctx)
{
	edit_args *e = ctx;
	switch (key) {
	case OPT_REVIEWER: e->opt.reviewer_name = arg; return true;
	case OPT_ORG: e->opt.reviewer_org = arg; return true;
	case 'r': e->opt.review_path = arg; return true;
	case OPT_REQUIREMENTS: e->opt.requirements_path = arg; return true;
	case OPT_LANG: e->opt.lang = arg; return true;
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &e->opt.limits.max_size))
			return true;
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\""), arg);
		return false;
	}
	return false;
}

static const cli_verb verb_edit, verb_review;

static int run_screen(const cli_verb *verb, bool review_mode, int argc, char **argv)
{
	edit_args e = {.opt = {.limits = load_limits_default, .review_mode = review_mode}};
	int first = cli_parse(verb, argc, argv, on_edit_option, &e);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first + 1 != argc) {
		cli_error(_("%s: name one answers file (make one with `checksheet new`)"), verb->name);
		return EXIT_UNREADABLE;
	}
	e.opt.path = argv[first];
	problems ps;
	problems_init(&ps);
	int status = tui_edit(&e.opt, &ps);
	if (ps.n)
		report_problems(stderr, &ps, &(check_summary){.files = 1}, NULL, REPORT_TEXT);
	problems_free(&ps);
	return status;
}

static int run_edit(int argc, char **argv) { return run_screen(&verb_edit, false, argc, argv); }
static int run_review(int argc, char **argv) { return run_screen(&verb_review, true, argc, argv); }

static const cli_verb verb_edit = {
	"edit", N_("[OPTIONS] ANSWERS"),
	N_("Answer a check sheet in the full-screen editor (also: checksheet ANSWERS)."),
	edit_options, run_edit,
};

static const cli_verb verb_review = {
	"review", N_("[-r REVIEW] [--requirements POLICY] ANSWERS"),
	N_("Review a vendor's answers read-only: verdicts (1 ok, 2 question, 3 ng), comments and policy "
	   "checks, saved to a review file (default ANSWERS.review.yaml); the answers file is never written."),
	review_options, run_review,
};

/* The verbs, in the order --help lists them. `checksheet FILE` is edit. */
static const cli_verb *const verbs[] = {
	&verb_edit, &verb_review, &verb_check, &verb_export, &verb_import, &verb_new, &verb_templates,
	&verb_template,
};

#define N_VERBS (sizeof verbs / sizeof *verbs)

static void print_help(FILE *out)
{
	fprintf(out, "%s\n", _("Usage: checksheet VERB [OPTIONS] [FILE...]\n"
			       "       checksheet FILE              (the same as: checksheet edit FILE)"));
	fprintf(out, "\n%s\n", _("Answer and review security and service-level check sheets."));
	fprintf(out, "\n%s\n", _("Verbs:"));
	for (size_t i = 0; i < N_VERBS; i++) {
		/* summaries wrap under themselves, Japanese by character */
		const char *summary = _(verbs[i]->summary);
		text_line *lines;
		size_t n = tf_wrap(summary, 64, &lines);
		for (size_t k = 0; k < n; k++)
			fprintf(out, "  %-12s%.*s\n", k ? "" : verbs[i]->name, (int)(lines[k].end - lines[k].start),
				summary + lines[k].start);
		free(lines);
	}
	fprintf(out, "\n%s\n", _("Run 'checksheet VERB --help' for a verb's options; 'man checksheet' for more."));
}

int main(int argc, char **argv)
{
	i18n_init();
	if (argc < 2) {
		print_help(stderr);
		return EXIT_UNREADABLE;
	}
	const char *first = argv[1];
	if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "help") == 0) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
		printf("checksheet %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < N_VERBS; i++)
		if (strcmp(first, verbs[i]->name) == 0)
			return verbs[i]->run(argc - 1, argv + 1);
	if (first[0] != '-')
		return verb_edit.run(argc, argv);
	cli_error(_("unknown verb or option \"%s\""), first);
	fprintf(stderr, _("Try 'checksheet --help'.\n"));
	return EXIT_UNREADABLE;
}
