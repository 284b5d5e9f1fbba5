#ifndef CHECKSHEET_PROBLEMS_H
#define CHECKSHEET_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>

/* A position in a file, 1-based; 0 means unknown. */
typedef struct cs_mark {
	int line, column;
} cs_mark;

typedef enum severity {
	SEV_WARNING,
	SEV_ERROR,
	/* The file could not be read at all (syntax, hostile input, I/O). */
	SEV_FATAL,
} severity;

/* One finding about a file: also the error a failing function fills. */
typedef struct problem {
	char *file;
	cs_mark mark;
	char *item;  /* item id, or NULL for file-level problems */
	char *no;    /* the item's display number */
	char *title; /* the item's title in the display language */
	severity sev;
	char *code;  /* stable identifier, FORMAT.md section 6 */
	char *message;
} problem;

typedef struct problems {
	problem *v;
	size_t n, cap;
} problems;

/* A value quoted in a message may be a megabyte long: every message is
 * stored with each quoted part ("..." or 「...」) longer than
 * PROBLEM_QUOTE_MAX characters cut there with "…", and the whole text at
 * PROBLEM_TEXT_MAX characters; the other texts (file, item, no, title) at
 * PROBLEM_TEXT_MAX. Texts are kept exact otherwise: control characters
 * are made visible where they are printed (term_safe). */
#define PROBLEM_QUOTE_MAX 200
#define PROBLEM_TEXT_MAX 2000
/* s cut as a message is (caller frees; NULL gives ""). */
char *problem_cut_text(const char *s);

void problems_init(problems *ps);
void problems_free(problems *ps);
problem *problems_add(problems *ps, const char *file, cs_mark mark, severity sev,
		      const char *code, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void problem_set_item(problem *p, const char *id, const char *no, const char *title);
size_t problems_count(const problems *ps, severity sev);
bool problems_have_fatal(const problems *ps);
/* Orders by file, line, column, keeping insertion order for ties. */
void problems_sort(problems *ps);
/* Moves every problem of src to the end of dst. */
void problems_move(problems *dst, problems *src);
/* Keeps the first n problems, freeing the others. */
void problems_truncate(problems *ps, size_t n);
/* Drops repeated findings (same file, place, code and message). */
void problems_dedupe(problems *ps);

#endif
