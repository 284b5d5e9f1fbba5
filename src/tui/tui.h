#ifndef CHECKSHEET_TUI_H
#define CHECKSHEET_TUI_H

#include <stdbool.h>

#include "../core/yaml_reader.h"

typedef struct tui_options {
	const char *path;
	const char *review_path;   /* the review shown (edit) or written (review) */
	const char *requirements_path; /* a policy judged against the answers */
	bool review_mode;          /* answers read-only; verdicts and comments */
	const char *reviewer_name, *reviewer_org; /* recorded in the review */
	const char *lang;          /* template text language, NULL: file/locale */
	int backups;               /* saves keep FILE~ (1), FILE.~N~ (N > 1), none (0); -1 default */
	load_limits limits;
} tui_options;

/* Runs the full-screen editor on an answers file. Problems that keep the
 * file from opening are printed by the caller from *ps. Returns an exit
 * status. */
#include "../core/problems.h"
/* With opt->review_mode the answers are read-only, never written, and
 * verdicts and comments go to the review file. */
int tui_edit(const tui_options *opt, problems *ps);

#endif
