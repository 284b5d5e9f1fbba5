#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "../core/answers_save.h"
#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

typedef struct new_opts {
	const char *template_name, *output, *lang;
	const char *organization, *service, *contact;
	bool force;
} new_opts;

static const cli_option new_options[] = {
	{"template", 't', N_("TEMPLATE"), N_("template id (see `checksheet templates`) or file")},
	{"output", 'o', N_("FILE"), N_("the answers file to write (- for standard output)")},
	{"organization", OPT_ORG, N_("NAME"), N_("the answering organization")},
	{"service", OPT_SERVICE, N_("NAME"), N_("the service the answers describe")},
	{"contact", OPT_CONTACT, N_("ADDRESS"), N_("who to ask about the answers")},
	{"lang", OPT_LANG, N_("LANG"), N_("the answers' language (default ja)")},
	{"force", OPT_FORCE, NULL, N_("overwrite an existing file")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	new_opts *o = ctx;
	switch (key) {
	case 't': o->template_name = arg; return true;
	case 'o': o->output = arg; return true;
	case OPT_ORG: o->organization = arg; return true;
	case OPT_SERVICE: o->service = arg; return true;
	case OPT_CONTACT: o->contact = arg; return true;
	case OPT_LANG: o->lang = arg; return true;
	case OPT_FORCE: o->force = true; return true;
	}
	return false;
}

static int run(int argc, char **argv)
{
	new_opts o = {0};
	int first = cli_parse(&verb_new, argc, argv, on_option, &o);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first < argc && !o.output)
		o.output = argv[first++];
	if (!o.template_name || !o.output || first < argc) {
		cli_error(_("new: usage: checksheet new -t TEMPLATE -o FILE"));
		return EXIT_UNREADABLE;
	}
	bool to_stdout = strcmp(o.output, "-") == 0;
	if (!to_stdout && !o.force && access(o.output, F_OK) == 0) {
		cli_error(_("%s already exists; use --force to overwrite it"), o.output);
		return EXIT_UNREADABLE;
	}
	problems ps;
	problems_init(&ps);
	template t;
	int status = EXIT_OK;
	if (!catalog_load(o.template_name, NULL, NULL, &t, &ps, NULL, (cs_mark){0, 0})) {
		report_problems(stderr, &ps,
				&(check_summary){.errors = problems_count(&ps, SEV_ERROR) + problems_count(&ps, SEV_FATAL),
						 .warnings = problems_count(&ps, SEV_WARNING)},
				NULL, REPORT_TEXT);
		status = EXIT_UNREADABLE;
		goto out;
	}
	answers a;
	answers_init(&a);
	a.template_id = xstrdup(t.id);
	a.template_version = t.version ? xstrdup(t.version) : NULL;
	a.language = xstrdup(o.lang ? o.lang : "ja");
	answers_set_subject(&a, "organization", o.organization);
	answers_set_subject(&a, "service", o.service);
	answers_set_subject(&a, "contact", o.contact);
	if (to_stdout) {
		size_t len;
		char *text = answers_to_yaml(&a, &t, &len);
		fwrite(text, 1, len, stdout);
		free(text);
	} else if (!answers_save(&a, &t, o.output, &ps)) {
		for (size_t i = 0; i < ps.n; i++)
			cli_error("%s: %s", ps.v[i].file, ps.v[i].message);
		status = EXIT_UNREADABLE;
	} else
		fprintf(stderr, _("Wrote %s: %zu items of %s to answer.\n"), o.output, t.n_items, t.id);
	answers_free(&a);
out:
	template_free(&t);
	problems_free(&ps);
	return status;
}

const cli_verb verb_new = {
	"new", N_("-t TEMPLATE -o FILE [OPTIONS]"),
	N_("Write an empty answers file for a template; an existing file is kept unless --force."),
	new_options, run,
};
