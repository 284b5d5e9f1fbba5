#include <config.h>

#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/verbs.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/term_safe.h"
#include "core/textfield.h"
#include "core/utf8.h"
#include "tui/tui.h"
#include "tui/tui_map.h"
#include "core/fill_mapping.h"
#include "core/xalloc.h"

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
	{"backups", OPT_BACKUPS, N_("N"), N_("each save keeps the old file: 1 as FILE~ (default), N > 1 as FILE.~1~... (newest N), 0 none")},
	{NULL, 0, NULL, NULL},
};

static const cli_option review_options[] = {
	{"review", 'r', N_("REVIEW"), N_("the review file (default: ANSWERS.review.yaml beside the answers)")},
	{"requirements", OPT_REQUIREMENTS, N_("POLICY"), N_("judge the answers by a requirements file")},
	{"reviewer", OPT_REVIEWER, N_("NAME"), N_("who reviews (written to the review file)")},
	{"organization", OPT_ORG, N_("NAME"), N_("the reviewing organization")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of the template text (ja, en)")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{"backups", OPT_BACKUPS, N_("N"), N_("each save keeps the old file: 1 as FILE~ (default), N > 1 as FILE.~1~... (newest N), 0 none")},
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
	case OPT_BACKUPS: {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end || n > 100) {
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("--backups needs a number from 0 to 100, not \"%s\""), shown);
			free(shown);
			return false;
		}
		e->opt.backups = (int)n;
		return true;
	}
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &e->opt.limits.max_size))
			return true;
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\""), shown);
		free(shown);
		return false;
	}
	return false;
}

static const cli_verb verb_edit, verb_review, verb_map;

/* checksheet map CUSTOMER.xlsx --answers OURS.yaml [--mapping MAP.yaml] */
typedef struct map_args {
	tui_options opt;
	const char *mapping;
} map_args;

static const cli_option map_options[] = {
	{"answers", 'a', N_("FILE"), N_("our answers (read only)")},
	{"mapping", OPT_MAPPING, N_("FILE"), N_("the mapping file to read and write (default: CUSTOMER.mapping.yaml)")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of our items' texts (ja, en)")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static bool on_map_option(int key, const char *arg, void *ctx)
{
	map_args *m = ctx;
	switch (key) {
	case 'a': m->opt.path = arg; return true;
	case OPT_MAPPING: m->mapping = arg; return true;
	case OPT_LANG: m->opt.lang = arg; return true;
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &m->opt.limits.max_size))
			return true;
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\""), shown);
		free(shown);
		return false;
	}
	return false;
}

static int run_map(int argc, char **argv)
{
	map_args m = {.opt = {.limits = load_limits_default, .backups = -1}};
	int first = cli_parse(&verb_map, argc, argv, on_map_option, &m);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first + 1 != argc || !m.opt.path) {
		cli_error(_("map: name the customer's workbook and --answers (see checksheet map --help)"));
		return EXIT_UNREADABLE;
	}
	char *path = m.mapping ? xstrdup(m.mapping) : fill_mapping_default_path(argv[first]);
	problems ps;
	problems_init(&ps);
	int status = tui_map(&m.opt, argv[first], path, &ps);
	if (ps.n)
		report_problem_lines(stderr, &ps);
	problems_free(&ps);
	free(path);
	return status;
}

static int run_screen(const cli_verb *verb, bool review_mode, int argc, char **argv)
{
	edit_args e = {.opt = {.limits = load_limits_default, .review_mode = review_mode, .backups = -1}};
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
		report_problems(stderr, &ps,
				&(check_summary){.files = 1,
						 .errors = problems_count(&ps, SEV_ERROR) + problems_count(&ps, SEV_FATAL),
						 .warnings = problems_count(&ps, SEV_WARNING)},
				NULL, REPORT_TEXT);
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

static const cli_verb verb_map = {
	"map", N_("CUSTOMER.xlsx --answers OURS.yaml [--mapping MAP.yaml]"),
	N_("Go through a customer workbook's questions one at a time and confirm which item of our answers "
	   "answers each (or none, or an answer for this customer only); checksheet fill then follows the "
	   "mapping file."),
	map_options, run_map,
};

/* The verbs, in the order --help lists them. `checksheet FILE` is edit. */
static const cli_verb *const verbs[] = {
	&verb_edit, &verb_review, &verb_check, &verb_export, &verb_import, &verb_new, &verb_templates,
	&verb_template, &verb_diff, &verb_textconv, &verb_merge, &verb_fill, &verb_map,
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

static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Edit distance (insert, delete, substitute, swap two neighbours),
 * ASCII case folded; words longer than 32 bytes are never near. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return SIZE_MAX;
	size_t d[33][33];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = ascii_lower(a[i - 1]) != ascii_lower(b[j - 1]);
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
			    ascii_lower(a[i - 2]) == ascii_lower(b[j - 1]) && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* The verb a mistyped word most likely meant: the nearest by edit
 * distance when it is 1, else the first the word begins, else the nearest
 * at distance 2 (less than the word's length); NULL when none is near. */
static const cli_verb *nearest_verb(const char *word)
{
	const cli_verb *best = NULL;
	size_t best_d = SIZE_MAX, len = strlen(word);
	for (size_t i = 0; i < N_VERBS; i++) {
		size_t d = edit_distance(word, verbs[i]->name);
		if (d < best_d) {
			best_d = d;
			best = verbs[i];
		}
	}
	if (best && best_d <= 1 && best_d < len)
		return best;
	/* a verb the word begins says more than two letters changed ("imp"
	 * is import, not map) */
	for (size_t i = 0; len >= 2 && i < N_VERBS; i++)
		if (strncmp(verbs[i]->name, word, len) == 0)
			return verbs[i];
	if (best && best_d <= 2 && best_d < len)
		return best;
	return NULL;
}

/* A first word that is neither a verb nor a file: never opened as an
 * answers file, which would only start the editor on nothing. */
static int unknown_command(const char *word)
{
	char *shown = term_quote(word, TERM_QUOTE_MAX);
	if (strchr(word, '/') || strchr(word, '.'))
		cli_error(_("unknown command %s, and no such file"), shown);
	else
		cli_error(_("unknown command %s"), shown);
	free(shown);
	const cli_verb *near = nearest_verb(word);
	if (near)
		fprintf(stderr, _("Did you mean \"checksheet %s\"?\n"), near->name);
	else {
		strbuf names;
		sb_init(&names);
		for (size_t i = 0; i < N_VERBS; i++)
			sb_printf(&names, "%s%s", i ? ", " : "", verbs[i]->name);
		fprintf(stderr, _("The verbs: %s.\n"), sb_str(&names));
		sb_free(&names);
	}
	fprintf(stderr, _("Try 'checksheet --help'.\n"));
	return EXIT_UNREADABLE;
}

static int run_main(int argc, char **argv)
{
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
	if (first[0] != '-') {
		struct stat st;
		if (stat(first, &st) == 0)
			return verb_edit.run(argc, argv);
		return unknown_command(first);
	}
	char *shown = term_safe_cut(first, TERM_QUOTE_MAX);
	cli_error(_("unknown verb or option \"%s\""), shown);
	free(shown);
	fprintf(stderr, _("Try 'checksheet --help'.\n"));
	return EXIT_UNREADABLE;
}

int main(int argc, char **argv)
{
	/* a reader that goes away (| head) ends us quietly, even when the
	 * parent left SIGPIPE ignored */
	signal(SIGPIPE, SIG_DFL);
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
	/* blocks from 256 KiB on in mappings of their own, always: glibc
	 * otherwise raises the threshold to the size of the first big block
	 * freed (the answers file read for its fingerprint), and the big
	 * arrays that follow grow on the heap, copied as they grow, leaving
	 * holes that are never given back (14 MiB more peak RSS for check at
	 * 100 000 items, 20 MiB for an export) */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
	i18n_init();
	/* every write to standard output is checked, the last ones here */
	return cli_stdout_close(run_main(argc, argv));
}
