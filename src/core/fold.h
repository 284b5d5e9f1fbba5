#ifndef CHECKSHEET_FOLD_H
#define CHECKSHEET_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Search folding, so that a search for "ＴＬＳ" finds "tls" and
 * "バックアップ" finds "ﾊﾞｯｸｱｯﾌﾟ":
 *  - full-width ASCII U+FF01..U+FF5E becomes ASCII, U+3000 a space;
 *  - ASCII letters become lower case;
 *  - half-width katakana U+FF61..U+FF9F becomes full-width;
 *  - a voiced or semi-voiced mark (U+3099/U+309A combining, U+309B/U+309C
 *    spacing, U+FF9E/U+FF9F half-width) joins the kana before it when a
 *    precomposed form exists (か+U+3099 → が, ﾊﾟ → パ); on its own it
 *    becomes U+309B/U+309C, whichever form it was written in.
 * Hiragana and katakana stay distinct. Each folded character comes from
 * one "unit" of the source: one character, a kana with its mark, or one
 * invalid byte, which is copied through unchanged. */

/* Returns a newly allocated folded copy of UTF-8 text s (caller frees).
 * When map is not NULL, *map gets a malloc'd array of len(result)+1
 * offsets: map[i] is the byte offset in s of the unit that produced
 * result byte i, and map[len(result)] is strlen(s). */
char *fold_text(const char *s, size_t **map);

/* Folds len bytes of s into out, which has room for len bytes (folding
 * never grows text); returns the folded length. No NUL is added. The same
 * bytes as fold_text, with the common characters (ASCII, kanji, kana
 * without a mark) copied without decoding: the search index folds a whole
 * sheet with it. */
size_t fold_buf(const char *s, size_t len, char *out);

/* True when needle_folded (already folded with fold_text) occurs in hay
 * folded. hay is folded on the fly, without allocating. An empty needle
 * matches nothing. */
bool fold_contains(const char *hay, const char *needle_folded);

/* As fold_contains, and sets *start and *len (either may be NULL) to the
 * first match's byte range in hay itself. A match begins and ends on unit
 * boundaries, so the range covers a kana's mark too ("ﾊﾞ" is 6 bytes). */
bool fold_find(const char *hay, const char *needle_folded, size_t *start, size_t *len);

#endif
