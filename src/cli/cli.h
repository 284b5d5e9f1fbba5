#ifndef CHECKSHEET_CLI_H
#define CHECKSHEET_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../core/problems.h"
#include "../core/validate.h"
#include "../core/yaml_reader.h"

/* Exit statuses shared by every verb (FORMAT.md section 5). */
enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_UNREADABLE = 2 };

/* One option of a verb: the getopt table, the parser and --help are all
 * made from an array of these. */
typedef struct cli_option {
	const char *name;   /* long name */
	int key;            /* short letter, or a code >= 256 */
	const char *arg;    /* N_() argument name, NULL for a flag */
	const char *help;   /* N_() */
} cli_option;

typedef struct cli_verb {
	const char *name;
	const char *usage;    /* N_() argument synopsis */
	const char *summary;  /* N_() one line */
	const cli_option *options;
	int (*run)(int argc, char **argv);
} cli_verb;

/* Parses argv against opts, calling on_option for each; prints --help
 * from the table. Returns the index of the first operand, -1 after
 * --help (exit 0) or -2 on a usage error (exit 2). */
int cli_parse(const cli_verb *verb, int argc, char **argv,
	      bool (*on_option)(int key, const char *arg, void *ctx), void *ctx);
void cli_print_help(const cli_verb *verb, FILE *out);
/* "checksheet: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool cli_parse_size(const char *text, size_t *out);

/* Options every verb that reads files shares. */
enum { OPT_MAX_SIZE = 256, OPT_LANG, OPT_FORMAT, OPT_FORCE, OPT_ORG, OPT_SERVICE, OPT_CONTACT,
       OPT_REQUIREMENTS, OPT_NO_FORMULA_GUARD, OPT_SUBSTITUTE, OPT_ONE_SHEET, OPT_SECTION_SHEETS, OPT_COLUMNS,
       OPT_REVIEWER, OPT_BACKUPS, OPT_INTO, OPT_SHEET, OPT_REPORT, OPT_FROM, OPT_MAPPING, OPT_QUESTION_COL,
       OPT_ANSWER_COL, OPT_NOTE_COL, OPT_OVERWRITE };

typedef enum report_format { REPORT_TEXT, REPORT_JSON } report_format;

/* Rule results of `check --requirements`, in the order judged. */
typedef struct rule_line {
	char *file, *item, *no, *title, *rule, *message;
	int result;      /* rule_result */
	int commit;      /* commitment */
} rule_line;

typedef struct rule_results {
	bool enabled;
	rule_line *v;
	size_t n, cap;
	size_t pass, fail, unknown;
} rule_results;

struct tmpl_item;
struct rule_outcome;
void rule_results_add(rule_results *rr, const char *file, const struct tmpl_item *it, const char *lang,
		      const char *rule_text, const struct rule_outcome *o);
void rule_results_free(rule_results *rr);

/* Prints problems one per line (FILE:LINE:COL: error: No.5 TITLE: MSG) or
 * as the JSON object of FORMAT.md section 6. */
void report_problems(FILE *out, const problems *ps, const check_summary *sum, const rule_results *rr,
		     report_format fmt);

/* The problem lines alone, without a summary (export, import). */
void report_problem_lines(FILE *out, const problems *ps);

/* The status a run ends with, from what was found. */
int report_exit_status(const problems *ps);

/* Standard output, checked: flushes it, and on a write error says once
 * "cannot write to standard output: REASON" and returns false (and false
 * ever after). A reader that has gone (EPIPE, `| head`) ends the program
 * quietly, as SIGPIPE does. */
bool cli_stdout_flush(void);
/* Writes len bytes of data to standard output, checked as above. */
bool cli_stdout_write(const char *data, size_t len);
/* At exit: flushes and closes standard output; returns status, or
 * EXIT_UNREADABLE after any write error. */
int cli_stdout_close(int status);

#endif
