#ifndef CHECKSHEET_TERM_SAFE_H
#define CHECKSHEET_TERM_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Text from a file (a vendor's answers, a template, a file name) printed
 * to a terminal must never act on it: no title, no clearing, no clipboard
 * (OSC 52), no reordering, nothing hidden. These functions turn such text
 * into a visible form:
 *
 *   C0 controls and DEL       ^[ ^G ^M ^? (as cat -v): ESC ] 0 ; x BEL
 *                             reads ^[]0;x^G
 *   C1 controls U+0080-U+009F <U+009B>
 *   bidi overrides, embeddings, isolates (U+202A-U+202E, U+2066-U+2069),
 *   zero-width and other invisible format characters (U+200B-U+200F,
 *   U+2060-U+2064, U+206A-U+206F, U+FEFF, U+00AD, U+061C, U+180E,
 *   U+2028, U+2029, U+FFF9-U+FFFB, tags U+E0000-U+E007F)
 *                             <U+202E>
 *   a byte that is not UTF-8  <0xFF>
 *
 * Everything else, Japanese and combining marks included, is kept as it
 * is. The escapes are plain printable ASCII, so the form is idempotent:
 * making safe text safe again changes nothing. */

enum {
	TS_KEEP_NEWLINE = 1 << 0, /* \n stays a line break (and \r right before it) */
	TS_KEEP_TAB = 1 << 1,     /* \t stays a tab */
	/* the text is in an 8-bit encoding (CP932, EUC-JP), not UTF-8: only
	 * C0 controls and DEL are escaped, every other byte is kept */
	TS_BYTES = 1 << 2,
};

/* The longest value term_quote and term_safe_cut show, in characters. */
#define TERM_QUOTE_MAX 200

/* True when the code point is shown as <U+XXXX> (C1, bidi, invisible). */
bool term_safe_hidden_cp(uint32_t cp);

/* Appends len bytes of s to out in the safe form. */
void term_safe_append(strbuf *out, const char *s, size_t len, unsigned flags);

/* A new string: s in the safe form (NULL gives ""). */
char *term_safe(const char *s, unsigned flags);

/* True when s is shown as it is (nothing in it would be escaped). */
bool term_safe_is_plain(const char *s, size_t len, unsigned flags);

/* A new string: s in the safe form (\n escaped too), cut to at most max
 * characters with "…" as the last one when cut. Characters are counted
 * as shown: an escape counts its letters and is never split, nor is a
 * UTF-8 sequence. NULL gives "". */
char *term_safe_cut(const char *s, size_t max);

/* The same between double quotes, for a value in a message:
 * term_quote("abc", 200) is "\"abc\"". The quotes are not counted. */
char *term_quote(const char *s, size_t max);

/* Appends s as a JSON string literal that is safe to print to a terminal:
 * besides the escapes JSON needs, C0, DEL, C1, U+2028, U+2029, bidi and
 * invisible characters are written \uXXXX (surrogate pairs above
 * U+FFFF); a byte that is not UTF-8 is written as the text <0xFF>, so the
 * literal stays valid JSON. NULL gives null. */
void term_safe_json(strbuf *sb, const char *s);

#endif
