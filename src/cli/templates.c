#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/template_load.h"
#include "../core/term_safe.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

static const cli_option templates_options[] = {
	{"lang", OPT_LANG, N_("LANG"), N_("language of the titles (ja, en)")},
	{NULL, 0, NULL, NULL},
};

static bool on_lang(int key, const char *arg, void *ctx)
{
	if (key != OPT_LANG)
		return false;
	*(const char **)ctx = arg;
	return true;
}

static void pad(size_t width, size_t to)
{
	for (size_t i = width; i < to; i++)
		putchar(' ');
}

static int run_templates(int argc, char **argv)
{
	const char *lang = NULL;
	int first = cli_parse(&verb_templates, argc, argv, on_lang, &lang);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (!lang)
		lang = i18n_ui_language();
	catalog_entry *v;
	size_t n = catalog_list(&v, lang);
	/* ids, versions and titles come from template files: shown safe */
	char **id = xcalloc(n + 1, sizeof *id), **ver = xcalloc(n + 1, sizeof *ver);
	char **title = xcalloc(n + 1, sizeof *title);
	size_t wid = utf8_width(_("ID")), wver = utf8_width(_("VERSION")), witems = utf8_width(_("ITEMS"));
	for (size_t i = 0; i < n; i++) {
		id[i] = term_safe(v[i].id, 0);
		ver[i] = term_safe(v[i].version, 0);
		title[i] = term_safe(v[i].title, 0);
		if (utf8_width(id[i]) > wid)
			wid = utf8_width(id[i]);
		if (utf8_width(ver[i]) > wver)
			wver = utf8_width(ver[i]);
	}
	fputs(_("ID"), stdout);
	pad(utf8_width(_("ID")), wid + 2);
	fputs(_("VERSION"), stdout);
	pad(utf8_width(_("VERSION")), wver + 2);
	fputs(_("ITEMS"), stdout);
	pad(utf8_width(_("ITEMS")), witems + 2);
	printf("%s\n", _("TITLE"));
	for (size_t i = 0; i < n; i++) {
		fputs(id[i], stdout);
		pad(utf8_width(id[i]), wid + 2);
		fputs(ver[i], stdout);
		pad(utf8_width(ver[i]), wver + 2);
		printf("%*zu  %s%s\n", (int)witems, v[i].n_items, title[i],
		       v[i].ok ? "" : _(" (has errors: see `checksheet template check`)"));
		free(id[i]);
		free(ver[i]);
		free(title[i]);
	}
	free(id);
	free(ver);
	free(title);
	if (n == 0)
		fprintf(stderr, _("no templates found\n"));
	catalog_free(v, n);
	return n ? EXIT_OK : EXIT_PROBLEMS;
}

const cli_verb verb_templates = {
	"templates", N_("[--lang LANG]"),
	N_("List the templates found: id, version, item count and title."),
	templates_options, run_templates,
};

typedef struct template_opts {
	report_format format;
	load_limits limits;
} template_opts;

static const cli_option template_options[] = {
	{"format", OPT_FORMAT, N_("FORMAT"), N_("output format: text (default) or json")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static bool on_template_option(int key, const char *arg, void *ctx)
{
	template_opts *o = ctx;
	if (key == OPT_FORMAT && (strcmp(arg, "json") == 0 || strcmp(arg, "text") == 0)) {
		o->format = strcmp(arg, "json") == 0 ? REPORT_JSON : REPORT_TEXT;
		return true;
	}
	if (key == OPT_MAX_SIZE && cli_parse_size(arg, &o->limits.max_size))
		return true;
	char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
	cli_error(_("bad value \"%s\""), shown);
	free(shown);
	return false;
}

static int run_template(int argc, char **argv)
{
	template_opts o = {.format = REPORT_TEXT, .limits = load_limits_default};
	int first = cli_parse(&verb_template, argc, argv, on_template_option, &o);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first >= argc || strcmp(argv[first], "check") != 0 || first + 1 >= argc) {
		cli_error(_("template: usage: checksheet template check FILE..."));
		return EXIT_UNREADABLE;
	}
	problems ps;
	problems_init(&ps);
	check_summary sum = {0};
	for (int i = first + 1; i < argc; i++) {
		template t;
		problems local;
		problems_init(&local);
		template_load_file(argv[i], &o.limits, &t, &local);
		sum.files++;
		sum.items += t.n_items;
		sum.errors += problems_count(&local, SEV_ERROR) + problems_count(&local, SEV_FATAL);
		sum.warnings += problems_count(&local, SEV_WARNING);
		problems_move(&ps, &local);
		template_free(&t);
	}
	report_problems(stdout, &ps, &sum, NULL, o.format);
	int status = report_exit_status(&ps);
	problems_free(&ps);
	return status;
}

const cli_verb verb_template = {
	"template", N_("check [OPTIONS] FILE..."),
	N_("Validate template files: unique ids, known units, required keys, sane min and max."),
	template_options, run_template,
};
