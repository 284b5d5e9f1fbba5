#ifndef CHECKSHEET_REQUIREMENTS_H
#define CHECKSHEET_REQUIREMENTS_H

#include <stdbool.h>

#include "model.h"
#include "units.h"
#include "yaml_reader.h"

/* present: answered, valid and not a negative (無, no, 該当なし, n/a);
 * answered: any valid answer at all, negatives included. */
typedef enum rule_kind { RULE_YES, RULE_NO, RULE_PRESENT, RULE_ANSWERED, RULE_COMPARE, RULE_COVERS } rule_kind;
typedef enum rule_op { OP_GE, OP_GT, OP_LE, OP_LT, OP_EQ } rule_op;
typedef enum rule_result { RESULT_PASS, RESULT_FAIL, RESULT_UNKNOWN } rule_result;

/* A customer's rule for one item: "yes", ">= 99.9%", "covers weekdays
 * 10:00-16:00", "<= 24時間 guaranteed". */
typedef struct rule {
	char *item;
	char *text;
	cs_mark mark;
	rule_kind kind;
	rule_op op;
	bool guaranteed;     /* only a guaranteed figure passes */
	typed_value q;       /* the quantity or window */
	size_t item_index;   /* in the template */
} rule;

typedef struct requirements {
	char *path, *template_id, *title;
	rule *v;
	size_t n, cap;
	raw_pairs extra;
	cs_mark template_mark;
} requirements;

typedef struct rule_outcome {
	rule_result result;
	commitment commit;   /* of the answer that decided */
	char *message;       /* why, in words (caller frees) */
} rule_outcome;

void requirements_free(requirements *rq);
/* Loads a policy and parses each rule against t: a rule on an unknown
 * item, or one that does not fit its item's unit, is an error with its
 * position. Returns false when any rule cannot be used. */
bool requirements_load_file(const char *path, const load_limits *limits, const template *t,
			    requirements *rq, problems *ps);
bool requirements_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			      const template *t, requirements *rq, problems *ps);
/* Parses one rule's text for an item; NULL on success, else a message. */
char *rule_parse(const tmpl_item *it, const char *text, rule *out);
/* Judges an answer (NULL: unanswered). Unknown is never reported as pass;
 * cases are judged by the worst one. */
void rule_evaluate(const rule *r, const tmpl_item *it, const answer *an, rule_outcome *out);
const char *rule_result_id(rule_result r);      /* pass, fail, unknown */
const char *rule_result_label(rule_result r);   /* translated */
/* "pass (target)" and the like, translated (caller frees). */
char *rule_outcome_label(const rule_outcome *o);

#endif
