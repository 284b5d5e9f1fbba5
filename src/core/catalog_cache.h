#ifndef CHECKSHEET_CATALOG_CACHE_H
#define CHECKSHEET_CATALOG_CACHE_H

/* What `checksheet templates` lists of a template file (id, version,
 * title, item count, and whether it loads without errors), remembered in
 * $XDG_CACHE_HOME/checksheet/templates.cache (~/.cache/... without it)
 * while the file is unchanged, so that a listing with a 100 000-item
 * template installed reads none of it again.
 *
 * Why a cache rather than reading only the head of each file: the item
 * count and the errors are facts of the whole file (an error may sit in
 * its last item), and even a bare scan of a 36 MB file takes longer than
 * a listing may. The facts are taken by loading the file whole, exactly
 * as before, and are trusted only while the file is the same one: its
 * device, inode, size, and modification and status-change times to the
 * nanosecond all as they were (the status-change time cannot be set
 * back, so an edit that restores the modification time is seen too).
 * A file changed less than two seconds before it was loaded is not
 * remembered, so that a change within the same clock tick cannot hide.
 * The cache names the version of checksheet that wrote it (a new version
 * may check templates differently) and ends with a mark; a cache of
 * another version, cut short or malformed in any way is ignored whole and
 * written anew. It is written atomically (a temporary file renamed over
 * it) and only when what it holds changed; a cache that cannot be
 * written is no error. It is used for this listing only: opening a
 * template for a sheet always reads the file. */

#include <stdbool.h>
#include <stddef.h>

#include "ltext.h"

typedef struct catalog_info {
	bool has_id;       /* false: no id could be read; the file is not listed */
	char *id, *version;
	ltext title;
	size_t n_items;
	bool ok;           /* loaded without errors */
} catalog_info;

typedef struct catalog_cache catalog_cache;

/* Reads the cache (none, or a bad one: empty). */
catalog_cache *catalog_cache_open(void);
/* The facts of the template file at path: remembered ones while the file
 * is unchanged, else loaded now (and remembered). Free with
 * catalog_info_free. */
void catalog_cache_info(catalog_cache *c, const char *path, catalog_info *out);
void catalog_info_free(catalog_info *inf);
/* Writes the cache when it changed (the files looked at in this listing
 * only), and frees it. */
void catalog_cache_close(catalog_cache *c);
/* The cache file's path (caller frees), or NULL without a home. */
char *catalog_cache_path(void);

#endif
