#include <config.h>

/* A text as the matcher compares it: folded (fold.c), with only the code
 * points that carry meaning, punctuation and spaces turned into breaks
 * so that no n-gram joins the end of one phrase to the start of the next
 * ("時間帯（計画" says nothing as "帯計").
 *
 * A customer's question also carries the wording of a request, the same
 * in every question and in none of our items: "ご記入ください", "貴社",
 * "していますか". Its n-grams are not rare among our items (none has
 * them), so idf would weigh them as if they were the subject; they are
 * cut out of questions before the n-grams are made. */

#include "fill_text.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "utf8.h"
#include "xalloc.h"

/* The boilerplate of a question, as written in Japanese questionnaires
 * (request and question forms of polite Japanese, and the words for the
 * company asked). Longer phrases are tried first at each place, so that
 * "していますか" goes whole rather than leaving "してい". Not the
 * subject of any question: nothing here names a thing METI asks about. */
static const char *const boilerplate[] = {
	/* asking for an answer */
	"ご記入ください", "記入してください", "ご記載ください", "記載してください", "記述してください",
	"ご回答ください", "回答してください", "ご説明ください", "説明してください", "教えてください",
	"お教えください", "お知らせください", "ご教示ください", "ご提示ください", "提示してください",
	"明記してください", "ご確認ください", "ください",
	/* the company asked */
	"貴社", "御社", "貴殿",
	/* the question's ending */
	"されていますか", "していますか", "されますか", "しますか", "できますか", "ありますか", "いますか",
	"でしょうか", "ますか", "ですか",
	/* framing */
	"についての", "について", "に関して", "に関する", "どのように", "どのような", "どの程度", "どのくらい",
	"どれくらい", "どれぐらい",
};

/* Folds s and keeps what carries meaning; a run of anything else becomes
 * one FILL_BREAK. */
static size_t meaning_chars(const char *s, uint32_t *v)
{
	char *f = fold_text(s, NULL);
	size_t len = strlen(f), n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = utf8_decode(f + i, len - i, &c);
		if (!k) {
			i++;
			continue;
		}
		i += k;
		bool keep = c < 0x80 ? fill_is_latin(c)
				     : !(c >= 0x3000 && c <= 0x303F) && c != 0x30FB && !(c >= 0xFF00 && c <= 0xFF65) &&
					       !(c >= 0x2000 && c <= 0x2BFF);
		if (keep)
			v[n++] = c;
		else if (n && v[n - 1] != FILL_BREAK)
			v[n++] = FILL_BREAK;
	}
	free(f);
	while (n && v[n - 1] == FILL_BREAK)
		n--;
	return n;
}

/* Cuts the boilerplate out of v (n code points), each phrase leaving a
 * break; returns the new length. */
static size_t cut_boilerplate(uint32_t *v, size_t n)
{
	size_t np = sizeof boilerplate / sizeof *boilerplate;
	uint32_t *ph[sizeof boilerplate / sizeof *boilerplate];
	size_t pl[sizeof boilerplate / sizeof *boilerplate];
	for (size_t p = 0; p < np; p++) {
		ph[p] = xmalloc((strlen(boilerplate[p]) + 1) * sizeof **ph);
		pl[p] = meaning_chars(boilerplate[p], ph[p]);
	}
	size_t m = 0;
	for (size_t i = 0; i < n;) {
		size_t best = 0;
		for (size_t p = 0; p < np; p++)
			if (pl[p] > best && i + pl[p] <= n && memcmp(v + i, ph[p], pl[p] * sizeof *v) == 0)
				best = pl[p];
		if (best) {
			if (m && v[m - 1] != FILL_BREAK)
				v[m++] = FILL_BREAK;
			i += best;
		} else if (v[i] != FILL_BREAK || (m && v[m - 1] != FILL_BREAK))
			v[m++] = v[i++];
		else
			i++;
	}
	for (size_t p = 0; p < np; p++)
		free(ph[p]);
	while (m && v[m - 1] == FILL_BREAK)
		m--;
	return m;
}

size_t fill_text_chars(const char *s, bool question, uint32_t **out)
{
	if (!s)
		s = "";
	/* folding never grows text: a byte each is room enough */
	uint32_t *v = xmalloc((strlen(s) + 1) * sizeof *v);
	size_t n = meaning_chars(s, v);
	if (question)
		n = cut_boilerplate(v, n);
	*out = v;
	return n;
}
