#include <config.h>

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "../core/answers_diff.h"
#include "../core/answers_load.h"
#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/strbuf.h"
#include "../core/term_safe.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

/* checksheet textconv FILE: the stable per-item text of an answers file,
 * for `git diff` (diff.checksheet.textconv): one block per answered item,
 * "No.N title [id]" and its fields, in template order. The text is always
 * in its visible form: git shows it in a pager on a terminal. */

static const cli_option textconv_options[] = {
	{"lang", OPT_LANG, N_("LANG"), N_("language of item titles (ja, en); default: the file's")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	if (key != OPT_LANG)
		return false;
	if (!i18n_export_language_ok(arg)) {
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--lang takes ja or en, not \"%s\""), shown);
		free(shown);
		return false;
	}
	*(const char **)ctx = arg;
	return true;
}

static int run(int argc, char **argv)
{
	const char *lang = NULL;
	int first = cli_parse(&verb_textconv, argc, argv, on_option, &lang);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (argc - first != 1) {
		cli_error(_("textconv: name one answers file"));
		return EXIT_UNREADABLE;
	}
	const char *path = argv[first];
	problems ps;
	problems_init(&ps);
	answers a;
	if (!answers_load_file(path, NULL, &a, &ps)) {
		report_problem_lines(stderr, &ps);
		answers_free(&a);
		problems_free(&ps);
		return EXIT_UNREADABLE;
	}
	if (!lang)
		lang = a.language && i18n_export_language_ok(a.language) ? a.language : "ja";
	/* git hands over a copy of an old version in a temporary directory:
	 * a template named by a path beside the file may not be there, and
	 * the answers are then listed by id, without titles */
	template t;
	problems quiet;
	problems_init(&quiet);
	char *copy = xstrdup(path);
	bool have_t = a.template_id &&
		      catalog_load_kept(a.template_id, dirname(copy), NULL,
					&(template_keep){.no_prose = true, .lang = lang}, &t, &quiet, path,
					a.template_mark);
	free(copy);
	problems_free(&quiet);
	strbuf out, safe;
	sb_init(&out);
	sb_init(&safe);
	answers_text_form(&a, have_t ? &t : NULL, lang, &out);
	term_safe_append(&safe, sb_str(&out), out.len, TS_KEEP_NEWLINE | TS_KEEP_TAB);
	int status = cli_stdout_write(sb_str(&safe), safe.len) ? EXIT_OK : EXIT_UNREADABLE;
	sb_free(&out);
	sb_free(&safe);
	if (have_t)
		template_free(&t);
	answers_free(&a);
	problems_free(&ps);
	return status;
}

const cli_verb verb_textconv = {
	"textconv", N_("FILE"),
	N_("Print an answers file as stable per-item text, for git diff (git config diff.checksheet.textconv "
	   "\"checksheet textconv\")."),
	textconv_options, run,
};
