#ifndef CHECKSHEET_FILL_THESAURUS_H
#define CHECKSHEET_FILL_THESAURUS_H

/* Words of the security and service-level domain that say the same
 * thing (稼働率 and 可用性, RTO and 目標復旧時間): fill_match.c gives a
 * text one more feature for each group of them it holds, so that a
 * question and an item meet on the concept whatever word each uses. The
 * groups are data, in fill_thesaurus.c. */

#include <stddef.h>
#include <stdint.h>

typedef struct fill_thesaurus fill_thesaurus;

/* The groups with their words folded as fill_text_chars folds a text. */
fill_thesaurus *fill_thesaurus_new(void);
void fill_thesaurus_free(fill_thesaurus *t);

/* Calls found(group, at, len, ctx) for every word of a group found in c
 * (n code points from fill_text_chars), at c[at], len code points long.
 * A word inside a longer one counts too, as a search tokenizer splits a
 * compound (目標復旧時間 is RTO and 復旧); a word of Latin letters matches
 * only as a whole word (DR is not in "drive"). */
void fill_thesaurus_scan(const fill_thesaurus *t, const uint32_t *c, size_t n,
			 void (*found)(size_t group, size_t at, size_t len, void *ctx), void *ctx);
/* How many groups there are. */
size_t fill_thesaurus_groups(void);

#endif
