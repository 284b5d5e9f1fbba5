#include <config.h>

/* checksheet fill CUSTOMER.xlsx --answers OURS.yaml... -o FILLED.xlsx:
 * the customer's own workbook with our answers in their cells. Says what
 * table it found, then a line for each question a person has to look at,
 * then the counts. Exit 0 when everything was filled with confidence, 1
 * when anything is left for a person, 2 on errors (nothing written). */

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/atomic_file.h"
#include "../core/fill.h"
#include "../core/fill_mapping.h"
#include "../core/i18n.h"
#include "../core/json.h"
#include "../core/ltext.h"
#include "../core/sheet.h"
#include "../core/term_safe.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

#define FILL_MAX_ANSWERS 16

typedef struct fill_args {
	const char *answers[FILL_MAX_ANSWERS];
	size_t n_answers;
	const char *output, *mapping, *report, *lang;
	fill_overrides ov;
	fill_options fo;
	load_limits limits;
	bool force;
} fill_args;

static const cli_option fill_options_table[] = {
	{"answers", 'a', N_("FILE"), N_("our answers (repeat for more files)")},
	{"output", 'o', N_("FILE"), N_("the filled workbook to write (never the customer's own file)")},
	{"mapping", OPT_MAPPING, N_("FILE"), N_("questions mapped before (default: OUTPUT.mapping.yaml when it exists)")},
	{"sheet", OPT_SHEET, N_("NAME|NUMBER"), N_("the sheet with the questions (default: every sheet with a question table)")},
	{"question-col", OPT_QUESTION_COL, N_("COL"), N_("the question column (a letter such as C, or a number)")},
	{"answer-col", OPT_ANSWER_COL, N_("COL"), N_("the answer column")},
	{"note-col", OPT_NOTE_COL, N_("COL"), N_("the remarks column")},
	{"overwrite", OPT_OVERWRITE, NULL, N_("write over answer and remarks cells that are not empty")},
	{"report", OPT_REPORT, N_("FILE"), N_("write what became of every question as JSON")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of our items' texts to match against (default ja)")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{"force", OPT_FORCE, NULL, N_("overwrite an existing output file")},
	{NULL, 0, NULL, NULL},
};

static bool col_option(const char *arg, int *out)
{
	*out = fill_parse_col(arg);
	if (*out)
		return true;
	char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
	cli_error(_("a column is a letter such as C or a number from 1, not \"%s\""), shown);
	free(shown);
	return false;
}

static bool on_option(int key, const char *arg, void *ctx)
{
	fill_args *m = ctx;
	switch (key) {
	case 'a':
		if (m->n_answers == FILL_MAX_ANSWERS) {
			cli_error(_("at most %d answers files"), FILL_MAX_ANSWERS);
			return false;
		}
		m->answers[m->n_answers++] = arg;
		return true;
	case 'o': m->output = arg; return true;
	case OPT_MAPPING: m->mapping = arg; return true;
	case OPT_SHEET: m->ov.sheet = arg; return true;
	case OPT_QUESTION_COL: return col_option(arg, &m->ov.col_q);
	case OPT_ANSWER_COL: return col_option(arg, &m->ov.col_ans);
	case OPT_NOTE_COL: return col_option(arg, &m->ov.col_note);
	case OPT_OVERWRITE: m->fo.overwrite = true; return true;
	case OPT_REPORT: m->report = arg; return true;
	case OPT_LANG: m->lang = arg; return true;
	case OPT_FORCE: m->force = true; return true;
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &m->limits.max_size))
			return true;
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\""), shown);
		free(shown);
		return false;
	}
	return false;
}

static void say_tables(const fill_book *fb, const char *shown)
{
	for (size_t i = 0; i < fb->n_tables; i++) {
		const fill_table *t = &fb->tables[i];
		char q[8], a[8], n[8];
		fill_col_name(t->col_q, q);
		fill_col_name(t->col_ans, a);
		fill_col_name(t->col_note, n);
		char *sheet_shown = term_safe(t->sheet_name, 0);
		size_t count = 0;
		for (size_t k = 0; k < fb->n_q; k++)
			count += fb->q[k].table == i;
		if (t->col_note)
			fprintf(stderr,
				_("%s: sheet %s: header on row %d, questions in column %s, answers in %s, remarks in %s: "
				  "%zu questions\n"),
				shown, sheet_shown, t->header_row, q, a, n, count);
		else
			fprintf(stderr,
				_("%s: sheet %s: header on row %d, questions in column %s, answers in %s, no remarks "
				  "column: %zu questions\n"),
				shown, sheet_shown, t->header_row, q, a, count);
		free(sheet_shown);
	}
}

static char *item_label(const fill_items *fi, long k, const char *lang)
{
	if (k < 0)
		return xstrdup("-");
	const tmpl_item *it = fi->v[k].it;
	return xasprintf("No.%s %s", it->no ? it->no : "?", ltext_get(&it->title, lang));
}

static void say_question(const fill_book *fb, const fill_items *fi, const fill_question *q, const char *shown,
			 const char *lang)
{
	const fill_table *t = &fb->tables[q->table];
	char col[8];
	fill_col_name(t->col_ans, col);
	char *sheet_shown = term_safe(t->sheet_name, 0);
	char *qt = term_safe_cut(q->text, 60);
	char *best = item_label(fi, q->item, lang), *runner = item_label(fi, q->runner, lang);
	char *b = term_safe(best, 0), *r = term_safe(runner, 0);
	fprintf(stderr, "%s:%s!%s%d: %s: 「%s」 → %s (%.2f; %s %s %.2f): %s\n", shown, sheet_shown, col, q->row,
		fill_outcome_id(q->outcome), qt, b, q->score, _("runner-up"), r, q->runner_score,
		q->why ? _(q->why) : "");
	free(b);
	free(r);
	free(best);
	free(runner);
	free(qt);
	free(sheet_shown);
}

static void json_report(strbuf *sb, const fill_book *fb, const fill_items *fi, const char *output, const char *lang)
{
	sb_add(sb, "{\"file\": ");
	json_string(sb, fb->path);
	sb_add(sb, ", \"output\": ");
	json_string(sb, output);
	sb_add(sb, ",\n \"tables\": [");
	for (size_t i = 0; i < fb->n_tables; i++) {
		const fill_table *t = &fb->tables[i];
		sb_printf(sb, "%s\n  {\"sheet\": ", i ? "," : "");
		json_string(sb, t->sheet_name);
		sb_printf(sb, ", \"header_row\": %d, \"question_col\": %d, \"answer_col\": %d, \"note_col\": %d}",
			  t->header_row, t->col_q, t->col_ans, t->col_note);
	}
	sb_add(sb, "],\n \"questions\": [");
	size_t count[FILL_OUTCOME_COUNT] = {0};
	for (size_t i = 0; i < fb->n_q; i++) {
		const fill_question *q = &fb->q[i];
		count[q->outcome]++;
		sb_printf(sb, "%s\n  {\"sheet\": ", i ? "," : "");
		json_string(sb, fb->tables[q->table].sheet_name);
		sb_printf(sb, ", \"row\": %d, \"no\": ", q->row);
		json_string(sb, q->no);
		sb_add(sb, ", \"question\": ");
		json_string(sb, q->text);
		sb_add(sb, ", \"outcome\": ");
		json_string(sb, fill_outcome_id(q->outcome));
		sb_add(sb, ", \"how\": ");
		json_string(sb, fill_how_id(q->how));
		sb_add(sb, ", \"item\": ");
		json_string(sb, q->item >= 0 ? fi->v[q->item].it->id : NULL);
		sb_add(sb, ", \"item_no\": ");
		json_string(sb, q->item >= 0 ? fi->v[q->item].it->no : NULL);
		sb_add(sb, ", \"title\": ");
		json_string(sb, q->item >= 0 ? ltext_get(&fi->v[q->item].it->title, lang) : NULL);
		sb_printf(sb, ", \"score\": %.3f, \"runner_up\": ", q->score);
		json_string(sb, q->runner >= 0 ? fi->v[q->runner].it->id : NULL);
		sb_printf(sb, ", \"runner_up_score\": %.3f, \"written\": ", q->runner_score);
		json_string(sb, q->written);
		sb_add(sb, ", \"note_written\": ");
		json_string(sb, q->note_written);
		sb_add(sb, ", \"why\": ");
		json_string(sb, q->why ? _(q->why) : NULL);
		sb_add(sb, "}");
	}
	sb_add(sb, "],\n \"summary\": {");
	for (int o = 0; o < FILL_OUTCOME_COUNT; o++)
		sb_printf(sb, "%s\"%s\": %zu", o ? ", " : "", fill_outcome_id((fill_outcome)o), count[o]);
	sb_add(sb, "}}\n");
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int run(int argc, char **argv);

const cli_verb verb_fill = {
	"fill", N_("CUSTOMER.xlsx --answers OURS.yaml [--answers MORE.yaml...] [--mapping MAP.yaml] -o FILLED.xlsx"),
	N_("Answer a customer's own workbook: find their question table, map each question to an item of our "
	   "answers, and write our answers into their answer cells (in their dropdown's words), changing "
	   "nothing else. Exit 1 when something is left for a person."),
	fill_options_table, run,
};

static int run(int argc, char **argv)
{
	fill_args m = {.limits = load_limits_default};
	int first = cli_parse(&verb_fill, argc, argv, on_option, &m);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_UNREADABLE;
	if (first + 1 != argc || !m.n_answers || !m.output) {
		cli_error(_("fill: name the customer's workbook, --answers and -o (see checksheet fill --help)"));
		return EXIT_UNREADABLE;
	}
	const char *input = argv[first];
	const char *lang = m.lang ? m.lang : "ja";
	m.fo.lang = lang;
	if (same_file(input, m.output)) {
		cli_error(_("fill: -o names the customer's workbook itself; write the filled workbook to another file"));
		return EXIT_UNREADABLE;
	}
	struct stat st;
	if (!m.force && stat(m.output, &st) == 0) {
		char *shown = term_safe(m.output, 0);
		cli_error(_("%s exists (--force writes over it)"), shown);
		free(shown);
		return EXIT_UNREADABLE;
	}
	char *in_shown = term_safe(input, 0), *out_shown = term_safe(m.output, 0);
	char *map_path = m.mapping ? xstrdup(m.mapping) : fill_mapping_default_path(m.output);
	problems ps;
	problems_init(&ps);
	int status = EXIT_OK;
	sheet *sheets[FILL_MAX_ANSWERS];
	size_t n_open = 0;
	fill_book fb;
	fill_items fi = {0};
	fill_mapping map;
	fill_mapping_init(&map);
	fill_cell *cells = NULL;
	size_t n_cells = 0;
	memset(&fb, 0, sizeof fb);
	for (size_t i = 0; i < m.n_answers; i++) {
		sheets[n_open] = xcalloc(1, sizeof **sheets);
		if (!sheet_open(sheets[n_open++], &(sheet_options){.answers_path = m.answers[i], .lang = lang,
						  .limits = m.limits, .texts = SHEET_TEXTS_ONE_LANGUAGE,
						  .only_reads = true},
				&ps)) {
			status = EXIT_UNREADABLE;
			goto out;
		}
	}
	bool have_map = m.mapping || access(map_path, F_OK) == 0;
	if (have_map && !fill_mapping_load(&map, map_path, &m.limits, &ps)) {
		status = EXIT_UNREADABLE;
		goto out;
	}
	if (!fill_book_open(&fb, input, &m.limits, &m.ov, &ps)) {
		status = EXIT_UNREADABLE;
		goto out;
	}
	say_tables(&fb, in_shown);
	fill_items_build(&fi, sheets, n_open, lang);
	fill_match_book(&fb, &fi);
	size_t from_map = fill_mapping_apply(&map, &fb, &fi);
	if (!fill_plan(&fb, &fi, &m.fo, &cells, &n_cells, &ps) || !fill_write(&fb, cells, n_cells, m.output, &ps)) {
		status = EXIT_UNREADABLE;
		goto out;
	}
	size_t count[FILL_OUTCOME_COUNT] = {0};
	for (size_t i = 0; i < fb.n_q; i++) {
		count[fb.q[i].outcome]++;
		if (fill_outcome_for_person(fb.q[i].outcome))
			say_question(&fb, &fi, &fb.q[i], in_shown, lang);
	}
	fill_mapping_update(&map, &fb, &fi, input);
	if (!fill_mapping_save(&map, map_path, &ps)) {
		status = EXIT_UNREADABLE;
		goto out;
	}
	if (m.report) {
		strbuf sb;
		sb_init(&sb);
		json_report(&sb, &fb, &fi, m.output, lang);
		bool ok = atomic_write(m.report, sb_str(&sb), sb.len, &ps);
		sb_free(&sb);
		if (!ok) {
			status = EXIT_UNREADABLE;
			goto out;
		}
	}
	char *map_shown = term_safe(map_path, 0);
	fprintf(stderr,
		_("Wrote %s: %zu questions filled, %zu of them to check (low score); %zu not mapped, %zu whose item "
		  "is unanswered, %zu with a problem, %zu with no dropdown entry for our answer, %zu kept as they "
		  "were; %zu mapped as the mapping file says. Mapping: %s\n"),
		out_shown, count[FILL_FILLED] + count[FILL_LOW_SCORE], count[FILL_LOW_SCORE], count[FILL_UNMAPPED],
		count[FILL_UNANSWERED], count[FILL_PROBLEM], count[FILL_NO_ENTRY], count[FILL_KEPT], from_map,
		map_shown);
	free(map_shown);
	for (int o = 0; o < FILL_OUTCOME_COUNT; o++)
		if (count[o] && fill_outcome_for_person((fill_outcome)o))
			status = EXIT_PROBLEMS;
out:
	if (ps.n)
		report_problem_lines(stderr, &ps);
	fill_cells_free(cells, n_cells);
	fill_mapping_free(&map);
	fill_items_free(&fi);
	fill_book_free(&fb);
	for (size_t i = 0; i < n_open; i++) {
		sheet_close(sheets[i]);
		free(sheets[i]);
	}
	problems_free(&ps);
	free(map_path);
	free(in_shown);
	free(out_shown);
	return status;
}
