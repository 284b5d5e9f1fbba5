#include <config.h>

/* Our typed answer in the customer's words. A dropdown (a data-validation
 * list) allows only its entries: the entry written is the first one that
 * says the same as our answer by the table below, in its order; when none
 * does, nothing is written and a person decides. The table is the
 * documented one (checksheet-format(5), "fill"): add a word here and
 * there together. */

#include "fill.h"

#include <stdlib.h>
#include <string.h>

#include "units.h"
#include "xalloc.h"

/* Words that say each answer, as check sheets write them; compared after
 * units_normalize (width, case, the dash family, spaces), and also with a
 * bracketed hint cut off ("○（対応済）" is ○). */
static const struct {
	fill_word w;
	const char *word;
} equivalents[] = {
	{FILL_WORD_YES, "○"}, {FILL_WORD_YES, "◯"}, {FILL_WORD_YES, "〇"}, {FILL_WORD_YES, "はい"},
	{FILL_WORD_YES, "対応済"}, {FILL_WORD_YES, "対応済み"}, {FILL_WORD_YES, "対応"}, {FILL_WORD_YES, "有"},
	{FILL_WORD_YES, "有り"}, {FILL_WORD_YES, "あり"}, {FILL_WORD_YES, "実施"}, {FILL_WORD_YES, "実施済"},
	{FILL_WORD_YES, "実施済み"}, {FILL_WORD_YES, "適合"}, {FILL_WORD_YES, "可"}, {FILL_WORD_YES, "yes"},
	{FILL_WORD_YES, "y"}, {FILL_WORD_YES, "true"},
	{FILL_WORD_NO, "×"}, {FILL_WORD_NO, "✕"}, {FILL_WORD_NO, "いいえ"}, {FILL_WORD_NO, "未対応"},
	{FILL_WORD_NO, "非対応"}, {FILL_WORD_NO, "無"}, {FILL_WORD_NO, "無し"}, {FILL_WORD_NO, "なし"},
	{FILL_WORD_NO, "未実施"}, {FILL_WORD_NO, "不適合"}, {FILL_WORD_NO, "不可"}, {FILL_WORD_NO, "no"},
	{FILL_WORD_NO, "n"}, {FILL_WORD_NO, "false"},
	{FILL_WORD_PARTIAL, "△"}, {FILL_WORD_PARTIAL, "一部対応"}, {FILL_WORD_PARTIAL, "一部対応済"},
	{FILL_WORD_PARTIAL, "一部"}, {FILL_WORD_PARTIAL, "一部有"}, {FILL_WORD_PARTIAL, "一部実施"},
	{FILL_WORD_PARTIAL, "部分的"}, {FILL_WORD_PARTIAL, "partial"}, {FILL_WORD_PARTIAL, "partially"},
	{FILL_WORD_NA, "該当なし"}, {FILL_WORD_NA, "該当無し"}, {FILL_WORD_NA, "対象外"}, {FILL_WORD_NA, "非該当"},
	{FILL_WORD_NA, "-"}, {FILL_WORD_NA, "－"}, {FILL_WORD_NA, "―"}, {FILL_WORD_NA, "ー"},
	{FILL_WORD_NA, "n/a"}, {FILL_WORD_NA, "na"}, {FILL_WORD_NA, "not applicable"},
};

fill_word fill_word_of(const tmpl_item *it, const answer *an)
{
	if (!an || !an->value || !*an->value)
		return FILL_WORD_NONE;
	typed_value v;
	if (units_parse_item(it, an->value, &v) != PARSE_OK)
		return FILL_WORD_NONE;
	if (v.na)
		return FILL_WORD_NA;
	if (it->unit != UNIT_YES_NO)
		return FILL_WORD_NONE;
	switch (v.yn) {
	case YN_YES: return FILL_WORD_YES;
	case YN_NO: return FILL_WORD_NO;
	case YN_PARTIAL: return FILL_WORD_PARTIAL;
	case YN_UNDISCLOSED: return FILL_WORD_NONE;
	}
	return FILL_WORD_NONE;
}

/* The entry normalized, and the same with a bracketed hint cut off. */
static void entry_forms(const char *entry, char **whole, char **head)
{
	*whole = units_normalize(entry);
	*head = xstrdup(*whole);
	for (char *p = *head; *p; p++)
		if (p != *head && *p == '(') {
			*p = '\0';
			break;
		}
}

const char *fill_vocab_pick(fill_word w, char *const *list, size_t n)
{
	if (w == FILL_WORD_NONE)
		return NULL;
	const char *found = NULL;
	for (size_t e = 0; e < sizeof equivalents / sizeof *equivalents && !found; e++) {
		if (equivalents[e].w != w)
			continue;
		char *word = units_normalize(equivalents[e].word);
		for (size_t i = 0; i < n && !found; i++) {
			char *whole, *head;
			entry_forms(list[i], &whole, &head);
			if (strcmp(whole, word) == 0 || strcmp(head, word) == 0)
				found = list[i];
			free(whole);
			free(head);
		}
		free(word);
	}
	return found;
}

const char *fill_vocab_plain(fill_word w, bool marks)
{
	static const char *const mark_words[] = {"○", "×", "△", "該当なし"};
	static const char *const plain_words[] = {"有", "無", "一部", "該当なし"};
	if (w == FILL_WORD_NONE)
		return NULL;
	return marks ? mark_words[w] : plain_words[w];
}
