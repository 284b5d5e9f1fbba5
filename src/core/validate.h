#ifndef CHECKSHEET_VALIDATE_H
#define CHECKSHEET_VALIDATE_H

#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "units.h"

typedef struct check_summary {
	size_t files, items, answered, errors, warnings;
} check_summary;

/* The state of one item's answer, for screens and exports. */
typedef enum item_state {
	ITEM_EMPTY_OPTIONAL,
	ITEM_EMPTY_REQUIRED,
	ITEM_VALID,
	ITEM_INVALID,
} item_state;

/* Checks every rule of FORMAT.md section 5 for one answers file; problems
 * carry the item's no and title in lang. Adds files, items and answered to
 * sum; the caller counts errors and warnings over all its problems. */
void validate_answers(const answers *a, const template *t, const char *lang, problems *ps,
		      check_summary *sum);

/* Where validate_answers reports an absent answer: the answers: key. */
cs_mark validate_fallback_mark(const answers *a);
/* The problems of the file as a whole: answers for items the template
 * does not have, another version of the template. */
void validate_file_level(const answers *a, const template *t, problems *ps);

/* Checks one item's answer (an may be NULL) and adds its problems; returns
 * its state. `fallback` is where an absent answer is reported. */
item_state validate_item(const answers *a, const template *t, const tmpl_item *it, const answer *an,
			 const char *lang, cs_mark fallback, problems *ps);

/* The same; when the answer is one value that reads as the item's unit
 * (within its range), *has_value is set and *value is what
 * units_parse_item makes of it: an export's reading costs no second
 * parse. value and has_value may be NULL. */
item_state validate_item_typed(const answers *a, const template *t, const tmpl_item *it, const answer *an,
			       const char *lang, cs_mark fallback, problems *ps, typed_value *value,
			       bool *has_value);
/* True when the item's answer counts as answered (a value, cases or rows). */
bool answer_is_answered(const answer *an);

#endif
