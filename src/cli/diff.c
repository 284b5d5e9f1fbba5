#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/answers_diff.h"
#include "../core/i18n.h"
#include "../core/json.h"
#include "../core/sheet.h"
#include "../core/strbuf.h"
#include "../core/term_safe.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

/* checksheet diff OLD NEW: what changed, item by item; a value written
 * differently that reads the same is said to be only that. */

enum { DIFF_FORMAT_TEXT, DIFF_FORMAT_MD, DIFF_FORMAT_JSON };
enum { OPT_REVISION_NOTE = 1000 };

typedef struct diff_opts {
	int format;
	bool revision_note;
	const char *lang;
	load_limits limits;
} diff_opts;

static const cli_option diff_options[] = {
	{"format", OPT_FORMAT, N_("FORMAT"), N_("output format: text (default), md or json")},
	{"revision-note", OPT_REVISION_NOTE, NULL,
	 N_("print a line for the revision history (改定内容) from the changes, in the document's language")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of item titles (ja, en); default: the file's")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	diff_opts *o = ctx;
	switch (key) {
	case OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			o->format = DIFF_FORMAT_TEXT;
		else if (strcmp(arg, "md") == 0)
			o->format = DIFF_FORMAT_MD;
		else if (strcmp(arg, "json") == 0)
			o->format = DIFF_FORMAT_JSON;
		else {
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("unknown format \"%s\" (text, md, json)"), shown);
			free(shown);
			return false;
		}
		return true;
	case OPT_REVISION_NOTE:
		o->revision_note = true;
		return true;
	case OPT_LANG:
		if (!i18n_export_language_ok(arg)) {
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("--lang takes ja or en, not \"%s\""), shown);
			free(shown);
			return false;
		}
		o->lang = arg;
		return true;
	}
	return false;
}

/* Machine names (json): stable, never translated. */
static const char *what_id(diff_what w)
{
	static const char *const ids[] = {"value", "note", "status", "cases", "rows", "subject", "revision"};
	return ids[w];
}

static const char *how_id(diff_how h)
{
	static const char *const ids[] = {"added", "removed", "changed", "spelling"};
	return ids[h];
}

/* Who an entry is about: "No.5 サービス稼働率", "[retired-item]",
 * "subject organization", "revision 2.0". */
static char *who(const diff_entry *e, const template *t, const char *lang)
{
	if (e->what == DIFF_SUBJECT || e->what == DIFF_REVISION)
		return xasprintf("%s %s", answers_diff_field_name(e->what), e->key);
	if (e->item != SIZE_MAX)
		return xasprintf("No.%s %s", t->items[e->item].no ? t->items[e->item].no : "?",
				 ltext_get(&t->items[e->item].title, lang));
	return xasprintf("[%s]", e->key);
}

static void write_text(strbuf *out, const answers_diff *d, const template *t, const char *lang)
{
	char *last = NULL;
	for (size_t i = 0; i < d->n; i++) {
		char *w = who(&d->v[i], t, lang);
		bool heading = d->v[i].what != DIFF_SUBJECT && d->v[i].what != DIFF_REVISION;
		if (heading && (!last || strcmp(last, w) != 0))
			sb_printf(out, "%s\n", w);
		if (heading)
			answers_diff_entry_text(&d->v[i], out);
		else {
			sb_printf(out, "%s\n", w);
			answers_diff_entry_text(&d->v[i], out);
		}
		free(last);
		last = w;
	}
	free(last);
	size_t items = answers_diff_items(d);
	if (d->n)
		sb_printf(out, ngettext("%zu item changed\n", "%zu items changed\n", items), items);
	else
		sb_add(out, _("No differences.\n"));
}

/* A cell of a Markdown table: one line, | escaped. */
static void md_cell(strbuf *out, const char *s)
{
	sb_add(out, " ");
	for (; *s; s++) {
		if (*s == '|')
			sb_add(out, "\\|");
		else if (*s == '\n')
			sb_add(out, "<br>");
		else
			sb_addc(out, *s);
	}
	sb_add(out, " |");
}

static void write_md(strbuf *out, const answers_diff *d, const template *t, const char *lang)
{
	sb_printf(out, "| %s | %s | %s | %s |\n|---|---|---|---|\n", _("Item"), _("Field"), _("Before"), _("After"));
	for (size_t i = 0; i < d->n; i++) {
		const diff_entry *e = &d->v[i];
		char *w = who(e, t, lang);
		sb_add(out, "|");
		md_cell(out, w);
		md_cell(out, answers_diff_field_name(e->what));
		md_cell(out, e->old_text);
		char *after = e->how == DIFF_SPELLING ? xasprintf(_("%s (the same reading: %s)"), e->new_text, e->new_reading)
						      : xstrdup(e->new_text);
		md_cell(out, after);
		free(after);
		sb_addc(out, '\n');
		free(w);
	}
}

static void json_opt(strbuf *out, const char *key, const char *v)
{
	sb_printf(out, ", \"%s\": ", key);
	if (v)
		json_string(out, v);
	else
		sb_add(out, "null");
}

static void write_json(strbuf *out, const answers_diff *d, const template *t, const char *lang)
{
	sb_add(out, "{\"items_changed\": ");
	sb_printf(out, "%zu, \"changes\": [", answers_diff_items(d));
	for (size_t i = 0; i < d->n; i++) {
		const diff_entry *e = &d->v[i];
		const tmpl_item *it = e->item != SIZE_MAX ? &t->items[e->item] : NULL;
		sb_add(out, i ? ",\n  {" : "\n  {");
		sb_add(out, "\"key\": ");
		json_string(out, e->key);
		json_opt(out, "no", it ? it->no : NULL);
		json_opt(out, "title", it ? ltext_get(&it->title, lang) : NULL);
		sb_printf(out, ", \"field\": \"%s\", \"change\": \"%s\"", what_id(e->what), how_id(e->how));
		json_opt(out, "old", e->old_text);
		json_opt(out, "new", e->new_text);
		json_opt(out, "old_reading", e->old_reading);
		json_opt(out, "new_reading", e->new_reading);
		sb_add(out, "}");
	}
	sb_add(out, d->n ? "\n]}\n" : "]}\n");
}

/* One line for the revision history, in the document's language: the
 * items whose answers changed (up to five by name). */
static void write_revision_note(strbuf *out, const answers_diff *d, const template *t, const char *lang)
{
	i18n_push_language(lang);
	size_t items = answers_diff_items(d), named = 0;
	strbuf names;
	sb_init(&names);
	for (size_t i = 0; i < d->n && named < 5; i++) {
		const diff_entry *e = &d->v[i];
		if (e->what == DIFF_SUBJECT || e->what == DIFF_REVISION || e->how == DIFF_SPELLING)
			continue;
		if (i && d->v[i - 1].item == e->item && strcmp(d->v[i - 1].key, e->key) == 0)
			continue;
		char *w = who(e, t, lang);
		sb_printf(&names, "%s%s", named ? _(", ") : "", w);
		free(w);
		named++;
	}
	if (!named)
		sb_add(out, _("No change to the answers\n"));
	else if (items > named)
		sb_printf(out, ngettext("Updated the answers to %s and %zu more item\n",
					"Updated the answers to %s and %zu more items\n", items - named),
			  sb_str(&names), items - named);
	else
		sb_printf(out, _("Updated the answers to %s\n"), sb_str(&names));
	sb_free(&names);
	i18n_pop_language();
}

/* Exact bytes into a pipe or a file; on a terminal, what the files say in
 * its visible form (nothing in an answer may act on the terminal). */
static bool print_text(const strbuf *out)
{
	if (!isatty(STDOUT_FILENO))
		return cli_stdout_write(sb_str(out), out->len);
	strbuf safe;
	sb_init(&safe);
	term_safe_append(&safe, sb_str(out), out->len, TS_KEEP_NEWLINE | TS_KEEP_TAB);
	bool ok = cli_stdout_write(sb_str(&safe), safe.len);
	sb_free(&safe);
	return ok;
}

static bool open_side(sheet *s, const char *path, const diff_opts *o, problems *ps)
{
	return sheet_open(s, &(sheet_options){.answers_path = path, .lang = o->lang, .limits = o->limits,
					      .texts = SHEET_TEXTS_PRINTED, .only_reads = true},
			  ps);
}

static int run(int argc, char **argv)
{
	diff_opts o = {.format = DIFF_FORMAT_TEXT, .limits = load_limits_default};
	int first = cli_parse(&verb_diff, argc, argv, on_option, &o);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (argc - first != 2) {
		cli_error(_("diff: name two answers files, the older first"));
		return EXIT_UNREADABLE;
	}
	problems ps;
	problems_init(&ps);
	sheet a, b;
	bool ok_a = open_side(&a, argv[first], &o, &ps);
	bool ok_b = ok_a && open_side(&b, argv[first + 1], &o, &ps);
	int status = EXIT_OK;
	if (ok_a && ok_b && strcmp(a.t.id, b.t.id) != 0) {
		problems_add(&ps, argv[first + 1], b.a.template_mark, SEV_FATAL, "other-template",
			     _("answers template %s, but %s answers %s: only answers of one template compare"), b.t.id,
			     argv[first], a.t.id);
		ok_b = false;
	}
	if (!ok_a || !ok_b) {
		report_problem_lines(stderr, &ps);
		status = EXIT_UNREADABLE;
	} else {
		answers_diff d;
		answers_diff_build(&d, &a.a, &b.a, &a.t, a.lang);
		strbuf out;
		sb_init(&out);
		if (o.revision_note)
			write_revision_note(&out, &d, &a.t, b.lang);
		else if (o.format == DIFF_FORMAT_JSON)
			write_json(&out, &d, &a.t, a.lang);
		else if (o.format == DIFF_FORMAT_MD)
			write_md(&out, &d, &a.t, a.lang);
		else
			write_text(&out, &d, &a.t, a.lang);
		if (!print_text(&out))
			status = EXIT_UNREADABLE;
		else if (d.n)
			status = EXIT_PROBLEMS;
		sb_free(&out);
		answers_diff_free(&d);
	}
	if (ok_a)
		sheet_close(&b);
	sheet_close(&a);
	problems_free(&ps);
	return status;
}

const cli_verb verb_diff = {
	"diff", N_("[OPTIONS] OLD NEW"),
	N_("Say what changed between two answers files of one template, item by item: values (compared by "
	   "their reading), notes, status, cases, table rows, subject and revisions. Exit 0 equal, 1 "
	   "different, 2 unreadable."),
	diff_options, run,
};
