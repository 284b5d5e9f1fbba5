#ifndef CHECKSHEET_POSITION_HISTORY_H
#define CHECKSHEET_POSITION_HISTORY_H

#include <stdbool.h>

/* Where the user left each file, so that the editor reopens it at that item
 * (like nano's positionlog). The history is a text file,
 * $XDG_STATE_HOME/checksheet/positions or else
 * $HOME/.local/state/checksheet/positions, one line per file:
 *
 *	<absolute canonical path> TAB <item id> LF
 *
 * most recent last, at most POSHIST_MAX_ENTRIES lines. Lines that do not
 * parse (no tab or two, a NUL byte, a relative path, an empty item, longer
 * than POSHIST_MAX_LINE bytes, no final newline) are skipped; a file larger
 * than POSHIST_MAX_FILE bytes, or not a regular file, is ignored as corrupt.
 * Whatever was skipped disappears at the next record. */

#define POSHIST_MAX_ENTRIES 200
#define POSHIST_MAX_LINE 8192		/* bytes, without the newline */
#define POSHIST_MAX_FILE (1024 * 1024)	/* bytes */

/* The item id recorded for path (any spelling: resolved with realpath), or
 * NULL (caller frees). NULL too when path does not exist, there is no
 * history, or it cannot be read. */
char *poshist_lookup(const char *path);

/* Records that path was left at item: the file's old line, if any, goes and
 * the new one is appended; the oldest lines beyond POSHIST_MAX_ENTRIES are
 * dropped. The history is replaced atomically (temporary file, fsync,
 * rename) with mode 0600; missing directories are created with mode 0700.
 * Returns false and, when err is not NULL, sets *err to a malloc'd message
 * (caller frees) when the history cannot be written; on success *err is set
 * to NULL. Nothing is recorded, and true is returned, when there is neither
 * HOME nor XDG_STATE_HOME, when path cannot be resolved or its canonical
 * form holds a tab or a newline, or when item is NULL, empty, holds a tab or
 * a newline, or makes the line longer than POSHIST_MAX_LINE. */
bool poshist_record(const char *path, const char *item, char **err);

/* The history file's path, or NULL when there is none (caller frees). An
 * empty or relative XDG_STATE_HOME or HOME counts as unset, as the XDG base
 * directory specification asks. */
char *poshist_file(void);

#endif
