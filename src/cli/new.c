#include <config.h>

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "../core/answers_load.h"
#include "../core/answers_save.h"
#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/reuse.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

typedef struct new_opts {
	const char *template_name, *output, *lang;
	const char *organization, *service, *contact;
	bool force;
	const char **from;   /* earlier answers files to reuse (--from) */
	size_t n_from;
} new_opts;

static const cli_option new_options[] = {
	{"template", 't', N_("TEMPLATE"), N_("template id (see `checksheet templates`) or file")},
	{"output", 'o', N_("FILE"), N_("the answers file to write (- for standard output)")},
	{"organization", OPT_ORG, N_("NAME"), N_("the answering organization")},
	{"service", OPT_SERVICE, N_("NAME"), N_("the service the answers describe")},
	{"contact", OPT_CONTACT, N_("ADDRESS"), N_("who to ask about the answers")},
	{"lang", OPT_LANG, N_("LANG"), N_("the answers' language (default ja)")},
	{"force", OPT_FORCE, NULL, N_("overwrite an existing file")},
	{"from", OPT_FROM, N_("FILE"),
	 N_("fill the new file from earlier answers (again for more files): the same items, or items "
	    "linked by maps-to; each a draft to confirm")},
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
	case OPT_FROM:
		o->from = xreallocarray(o->from, o->n_from + 1, sizeof *o->from);
		o->from[o->n_from++] = arg;
		return true;
	}
	return false;
}

/* How new an earlier file is: its latest revision's date, else the time
 * it was last changed (ISO 8601, so that the texts sort). */
static char *stamp_of(const char *path, const answers *a)
{
	const char *latest = NULL;
	for (size_t i = 0; i < a->n_revisions; i++)
		if (a->revisions[i].date && (!latest || strcmp(a->revisions[i].date, latest) > 0))
			latest = a->revisions[i].date;
	if (latest)
		return xstrdup(latest);
	struct stat st;
	char buf[32] = "";
	if (stat(path, &st) == 0)
		strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", gmtime(&st.st_mtime));
	return xstrdup(buf);
}

typedef struct loaded_source {
	answers a;
	template t;
	bool have_t;
	char *stamp;
} loaded_source;

/* Loads the earlier files and fills a from them; false (problems in ps)
 * when one cannot be read: then nothing is written. */
static bool reuse_from(const new_opts *o, answers *a, const template *t, problems *ps)
{
	loaded_source *ls = xcalloc(o->n_from + 1, sizeof *ls);
	reuse_source *src = xcalloc(o->n_from + 1, sizeof *src);
	bool ok = true;
	for (size_t i = 0; i < o->n_from && ok; i++) {
		answers_init(&ls[i].a);
		ok = answers_load_file(o->from[i], NULL, &ls[i].a, ps);
		if (ok) {
			char *copy = xstrdup(o->from[i]);
			ok = ls[i].have_t = catalog_load(ls[i].a.template_id, dirname(copy), NULL, &ls[i].t, ps, o->from[i],
							 ls[i].a.template_mark);
			free(copy);
		}
		ls[i].stamp = stamp_of(o->from[i], &ls[i].a);
		src[i] = (reuse_source){o->from[i], &ls[i].a, &ls[i].t, ls[i].stamp};
	}
	if (ok) {
		reuse_report rep;
		reuse_fill(a, t, src, o->n_from, &rep);
		fprintf(stderr,
			_("Filled %zu of %zu items from earlier answers, each a draft to confirm (in the editor, f "
			  "shows the drafts and y confirms one):\n"),
			rep.total, t->n_items);
		for (size_t i = 0; i < o->n_from; i++)
			fprintf(stderr, _("  %zu from %s\n"), rep.filled[i], o->from[i]);
		if (rep.to_note)
			fprintf(stderr, _("  %zu of them with a value that does not read as the new item's unit: kept in the note\n"),
				rep.to_note);
		for (size_t k = 0; k < rep.n_conflicts; k++) {
			const reuse_conflict *c = &rep.conflicts[k];
			const tmpl_item *it = &t->items[c->item];
			fprintf(stderr, _("  No.%s %s: %s and %s answer differently; the newer, %s, was taken\n"),
				it->no ? it->no : "?", ltext_get(&it->title, a->language), o->from[c->winner],
				o->from[c->other], o->from[c->winner]);
		}
		fprintf(stderr, _("%zu items left to answer.\n"), t->n_items - rep.total);
		reuse_report_free(&rep);
	}
	for (size_t i = 0; i < o->n_from; i++) {
		answers_free(&ls[i].a);
		if (ls[i].have_t)
			template_free(&ls[i].t);
		free(ls[i].stamp);
	}
	free(ls);
	free(src);
	return ok;
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
	if (o.n_from && !reuse_from(&o, &a, &t, &ps)) {
		report_problem_lines(stderr, &ps);
		answers_free(&a);
		status = EXIT_UNREADABLE;
		goto out;
	}
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
	free(o.from);
	return status;
}

const cli_verb verb_new = {
	"new", N_("-t TEMPLATE -o FILE [--from EARLIER.yaml]... [OPTIONS]"),
	N_("Write an answers file for a template, empty or filled from earlier answers (--from); an existing "
	   "file is kept unless --force."),
	new_options, run,
};
