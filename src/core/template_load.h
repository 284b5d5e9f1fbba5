#ifndef CHECKSHEET_TEMPLATE_LOAD_H
#define CHECKSHEET_TEMPLATE_LOAD_H

#include <stdbool.h>

#include "model.h"
#include "problems.h"
#include "yaml_reader.h"

/* Loads and checks a template (unique ids, known units, required keys,
 * sane min/max). Every problem goes to ps; returns false when the template
 * cannot be used (a fatal problem or an error). */
bool template_load_buffer(const char *file, const char *buf, size_t len, const load_limits *limits,
			  template *t, problems *ps);
bool template_load_file(const char *path, const load_limits *limits, template *t, problems *ps);
/* The same, keeping only what keep says (NULL: everything); the template
 * records it in t->kept. */
bool template_load_buffer_kept(const char *file, const char *buf, size_t len, const load_limits *limits,
				const template_keep *keep, template *t, problems *ps);
bool template_load_file_kept(const char *path, const load_limits *limits, const template_keep *keep,
			     template *t, problems *ps);

#endif
