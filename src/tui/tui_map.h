#ifndef CHECKSHEET_TUI_MAP_H
#define CHECKSHEET_TUI_MAP_H

/* checksheet map: a person goes through a customer workbook's questions
 * one at a time and confirms which of our items answers each (or none,
 * or an answer for this customer only); the mapping file keeps it for
 * checksheet fill. */

#include "../core/problems.h"
#include "tui.h"

struct screen_class;
extern const struct screen_class map_screen, map_help_screen;

/* opt->path is our answers file (read only). Writes the mapping to
 * mapping_path. Returns an exit status. */
int tui_map(const tui_options *opt, const char *workbook, const char *mapping_path, problems *ps);

#endif
