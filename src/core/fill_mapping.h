#ifndef CHECKSHEET_FILL_MAPPING_H
#define CHECKSHEET_FILL_MAPPING_H

/* The mapping file (kind: checksheet/mapping): which of our items answers
 * each question of a customer's workbook, as fill found it or a person
 * confirmed it. fill writes it next to its output and reads it back, so
 * that a confirmed choice is never made again, also for next year's
 * version of the workbook (questions matched by their folded text). */

#include <stdbool.h>
#include <stddef.h>

#include "fill.h"
#include "problems.h"
#include "raw.h"
#include "yaml_reader.h"

typedef struct fill_map_entry {
	char *sheet, *row, *no, *question;
	char *tmpl, *item;     /* NULL item: no item of ours answers it */
	char *score, *confirmed;
	char *answer;          /* an answer for this customer only */
	raw_pairs extra;
	bool used;
} fill_map_entry;

typedef struct fill_mapping {
	char *workbook, *fingerprint;
	fill_map_entry *v;
	size_t n;
	raw_pairs extra;
} fill_mapping;

void fill_mapping_init(fill_mapping *m);
void fill_mapping_free(fill_mapping *m);
/* OUTPUT.mapping.yaml, the .xlsx cut off (caller frees). */
char *fill_mapping_default_path(const char *output);
bool fill_mapping_load(fill_mapping *m, const char *path, const load_limits *lim, problems *ps);
/* Applies the confirmed entries to the questions they match (the same
 * sheet and text, else the same folded text, else a text very like it);
 * returns how many questions it decided. */
size_t fill_mapping_apply(fill_mapping *m, fill_book *fb, const fill_items *fi);
/* Makes m the mapping of fb as it stands: an entry per question, those
 * confirmed before kept confirmed. */
void fill_mapping_update(fill_mapping *m, const fill_book *fb, const fill_items *fi, const char *workbook);
char *fill_mapping_to_yaml(const fill_mapping *m, size_t *len);
bool fill_mapping_save(const fill_mapping *m, const char *path, problems *ps);
/* The workbook's fingerprint: its sheets' names and questions. */
char *fill_fingerprint(const fill_book *fb);

#endif
