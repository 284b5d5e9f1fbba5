#ifndef CHECKSHEET_FILL_TEXT_H
#define CHECKSHEET_FILL_TEXT_H

/* The text of a question or an item as the matcher sees it (fill_match.c,
 * fill_thesaurus.c): the code points that carry meaning after the search
 * folding (fold.c), in runs. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Between two runs: where punctuation, a bracket or a space stood, or
 * where a question's boilerplate was cut out. No n-gram spans it. */
#define FILL_BREAK 0u

/* Folds s (width, kana marks, case) and keeps letters, digits, kana and
 * kanji; whatever else stood between them becomes one FILL_BREAK. With
 * question, the boilerplate of a question (ご記入ください, 貴社,
 * していますか: fill_text.c lists it) is cut out too. *out gets the code
 * points (caller frees); returns how many. */
size_t fill_text_chars(const char *s, bool question, uint32_t **out);

static inline bool fill_is_latin(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static inline bool fill_is_hiragana(uint32_t c) { return c >= 0x3041 && c <= 0x309F; }

#endif
