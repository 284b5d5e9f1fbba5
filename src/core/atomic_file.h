#ifndef CHECKSHEET_ATOMIC_FILE_H
#define CHECKSHEET_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "problems.h"

/* Replaces path with data, or leaves it untouched: a temporary file in the
 * same directory, fsync, rename, fsync of the directory. The new file keeps
 * the old one's mode. */
bool atomic_write(const char *path, const char *data, size_t len, problems *ps);

#endif
