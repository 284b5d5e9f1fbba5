#ifndef CHECKSHEET_UTF8_H
#define CHECKSHEET_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Checks that buf holds valid UTF-8 (no overlongs, no surrogates). On
 * failure *bad is the byte offset of the first invalid sequence. */
bool utf8_valid(const char *buf, size_t len, size_t *bad);

/* Decodes one code point at s (at most len bytes). Returns the number of
 * bytes used (>= 1); an invalid sequence yields U+FFFD and 1. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/* Display columns of one code point: 0, 1 or 2. Control and unprintable
 * characters count as 1 because they are drawn as a replacement. */
int utf8_cp_width(uint32_t cp);
/* Display columns of a string. */
size_t utf8_width(const char *s);
size_t utf8_width_n(const char *s, size_t len);
/* Byte length of the longest prefix of s that fits in cols columns. */
size_t utf8_prefix_fitting(const char *s, size_t cols, size_t *used_cols);
/* Offset of the start of the character before offset off in s. */
size_t utf8_prev(const char *s, size_t off);
/* Offset of the start of the character after offset off in s (len bytes). */
size_t utf8_next(const char *s, size_t len, size_t off);

#endif
