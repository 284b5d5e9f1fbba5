#ifndef CHECKSHEET_VERBS_H
#define CHECKSHEET_VERBS_H

#include "cli.h"

extern const cli_verb verb_check;
extern const cli_verb verb_new;
extern const cli_verb verb_templates;
extern const cli_verb verb_template;
extern const cli_verb verb_export;
extern const cli_verb verb_import;
extern const cli_verb verb_diff;
extern const cli_verb verb_textconv;
extern const cli_verb verb_merge;
extern const cli_verb verb_fill;

#endif
