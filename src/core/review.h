#ifndef CHECKSHEET_REVIEW_H
#define CHECKSHEET_REVIEW_H

#include <stdbool.h>

#include "model.h"
#include "yaml_reader.h"

typedef enum verdict { VERDICT_NONE, VERDICT_OK, VERDICT_QUESTION, VERDICT_NG } verdict;

extern const char *const verdict_ids[4];  /* NULL, "ok", "question", "ng" */

/* One judged item: the verdict, the comment, and the answer as it was
 * when judged (`seen`), so that a later change shows as stale. */
typedef struct review_item {
	char *item;
	verdict verdict;
	char *comment;
	bool has_seen;
	answer seen;         /* value, note, cases, rows as judged; unknown keys kept */
	raw_pairs extra;
	cs_mark key_mark, verdict_mark;
} review_item;

typedef struct review {
	char *path;
	char *answers_path;   /* relative to the review file */
	char *template_id;
	raw_pairs reviewer;   /* organization, name, free keys */
	review_item *v;
	size_t n, cap;
	strmap index;
	raw_pairs extra;
} review;

void review_init(review *r);
void review_free(review *r);
review_item *review_find(const review *r, const char *item);
review_item *review_get(review *r, const char *item);
/* Records the answer as seen now (at judging time): a snapshot of its
 * value, note, cases and table rows. */
void review_mark_seen(review_item *ri, const answer *an);
/* True when a judged item's answer differs from what was seen
 * (answer_equal over value, note, cases and rows). */
bool review_is_stale(const review_item *ri, const answer *an);
void review_item_copy(review_item *dst, const review_item *src);
void review_item_free(review_item *ri);
bool review_item_is_empty(const review_item *ri);

bool review_load_file(const char *path, const load_limits *limits, review *r, problems *ps);
bool review_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			review *r, problems *ps);
/* Canonical text: items in template order (t may be NULL). */
char *review_to_yaml(const review *r, const template *t, size_t *len);
bool review_save(const review *r, const template *t, const char *path, problems *ps);
/* The default review file of an answers file: dir/a.yaml -> dir/a.review.yaml */
char *review_default_path(const char *answers_path);

#endif
