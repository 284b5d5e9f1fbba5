#ifndef CHECKSHEET_SEARCH_H
#define CHECKSHEET_SEARCH_H

/* The sheet's search index: derived state, owned by the sheet like its
 * counts (sheet.h has what screens call: sheet_search and friends).
 *
 * Every item's searchable text (title and description in the sheet's
 * language, No., value, note, each case's condition and value, each table
 * cell) is kept folded (fold.h), each field ended by a NUL, in one buffer
 * of contiguous memory, items one after another in slots. A search is one
 * pass over that buffer: a vector filter on the needle's two rarest bytes,
 * then a compare; a hit skips to the next item, so a term found in every
 * item costs one probe per item. The last term's matches are kept as a
 * sorted list, which makes the next and previous match a binary search;
 * a term that extends the last one (typing in the search prompt) is
 * looked for only in the last one's matches.
 *
 * An operation that changes an answer refreshes the item's slot in place
 * when the new text fits, else moves it to the end of the buffer and
 * zeroes the old slot; when the dead slots outweigh the live text, the
 * buffer is compacted. The kept matches are corrected for the item, so
 * the index and the match list are exact after any edit, undo or redo,
 * and cost O(the item's text) to keep so. No curses. */

#include <stdbool.h>
#include <stddef.h>

struct sheet;
typedef struct search_index search_index;

/* Folds every item of s into a new index. */
search_index *search_index_build(const struct sheet *s);
/* The same in steps, for idle time: begin, then step until it returns
 * true, each step folding the next budget items (0: all that are left).
 * Until then the index may not be searched or refreshed; an item already
 * folded whose answer changes meanwhile is refreshed after the last step
 * (the sheet keeps the list). */
search_index *search_index_begin(const struct sheet *s);
bool search_index_step(search_index *x, const struct sheet *s, size_t budget);
/* Items folded so far. */
size_t search_index_built(const search_index *x);
void search_index_free(search_index *x);
/* Brings one item's text up to date (after its answer changed). */
void search_index_refresh(search_index *x, const struct sheet *s, size_t item);
/* The items matching folded (NUL-terminated, from fold_text), in item
 * order; *items is owned by the index and valid until the next call. */
size_t search_index_matches(search_index *x, const char *folded, const size_t **items);

#endif
