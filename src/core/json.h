#ifndef CHECKSHEET_JSON_H
#define CHECKSHEET_JSON_H

#include "strbuf.h"

/* Appends s as a JSON string literal (quoted, escaped); NULL gives null. */
void json_string(strbuf *sb, const char *s);

#endif
