#ifndef CHECKSHEET_PATHS_H
#define CHECKSHEET_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "problems.h"
#include "yaml_reader.h"

/* True when the running binary sits in the build tree it was built in:
 * templates and translations then come from there, so that the program
 * works before `make install`. */
bool paths_uninstalled(void);

/* Directories searched for templates, in order: $CHECKSHEET_TEMPLATE_PATH,
 * $XDG_DATA_HOME/checksheet/templates, the build tree when uninstalled,
 * the installed $(pkgdatadir)/templates. NULL-terminated; static. */
const char *const *paths_template_dirs(void);
const char *paths_locale_dir(void);

typedef struct catalog_entry {
	char *id, *version, *title, *path;
	size_t n_items;
	bool ok;
} catalog_entry;

/* Every template found, first of each id wins. */
size_t catalog_list(catalog_entry **out, const char *lang);
void catalog_free(catalog_entry *v, size_t n);

/* Resolves a template name: a path (has a slash or ends in .yaml) or an
 * id from the search directories. Loads it into t; problems go to ps (code
 * unknown-template when not found).
 *
 * base_dir given: the name comes from an answers file in that directory,
 * which may come from anyone. A path (relative to base_dir, or absolute)
 * must then end in .yaml and lead (symbolic links followed) to a regular
 * file inside base_dir or below it, or inside one of the template
 * directories; anything else (/etc/passwd, ../x.yaml, a link out of the
 * tree, a FIFO, a device, /proc) is refused with code unsafe-template-path
 * at report_file:report_mark. base_dir NULL: the name comes from the
 * command line (-t), and any regular file may be named. */
bool catalog_load(const char *name, const char *base_dir, const load_limits *limits, template *t,
		  problems *ps, const char *report_file, cs_mark report_mark);
/* The same, keeping only the texts keep names (NULL: all). */
bool catalog_load_kept(const char *name, const char *base_dir, const load_limits *limits,
		       const template_keep *keep, template *t, problems *ps, const char *report_file,
		       cs_mark report_mark);

#endif
