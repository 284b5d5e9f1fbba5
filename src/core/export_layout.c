#include <config.h>

/* What the published document (html and md without --form) prints, and
 * how it is titled and numbered: the decisions both formats share. */

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "i18n.h"
#include "strbuf.h"

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t t = strlen(tail);
	return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* Trailing spaces, full stops and their Japanese forms, as byte length. */
static size_t trimmed_length(const char *s)
{
	static const char *const tails[] = {" ", "\t", "\n", "\r", "。", "．", "　"};
	size_t n = strlen(s);
	for (bool again = true; again;) {
		again = false;
		for (size_t i = 0; i < sizeof tails / sizeof *tails; i++)
			if (ends_with(s, n, tails[i])) {
				n -= strlen(tails[i]);
				again = true;
			}
	}
	return n;
}

static bool starts_with_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return strncasecmp(s, word, n) == 0 && !((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'));
}

static bool text_is_prompt(const char *s)
{
	static const char *const verbs[] = {"Describe", "List",    "State",    "Explain", "Give",  "Provide",
					    "Enter",    "Write",   "Specify", "Indicate", "Please"};
	size_t n = trimmed_length(s);
	if (ends_with(s, n, "ください") || ends_with(s, n, "下さい") || ends_with(s, n, "?") ||
	    ends_with(s, n, "？"))
		return true;
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (starts_with_word(s, verbs[i]))
			return true;
	return false;
}

bool export_is_prompt(const ltext *description)
{
	for (size_t i = 0; i < description->n; i++)
		if (description->v[i].text && text_is_prompt(description->v[i].text))
			return true;
	return false;
}

const char *export_title(const export_doc *d)
{
	const char *t = answers_subject(d->a, "title");
	return t && *t ? t : ltext_get(&d->t->title, d->opt->lang);
}

const revision *export_latest_revision(const export_doc *d)
{
	return d->a->n_revisions ? &d->a->revisions[d->a->n_revisions - 1] : NULL;
}

bool export_row_unfinished(const export_row *r)
{
	return r->state == ITEM_EMPTY_REQUIRED || r->state == ITEM_INVALID;
}

char *export_unfinished_list(const export_doc *d, size_t max, size_t *count)
{
	strbuf sb;
	sb_init(&sb);
	size_t n = 0;
	for (size_t i = 0; i < d->n_rows; i++) {
		const export_row *r = &d->rows[i];
		if (!export_row_unfinished(r))
			continue;
		if (max && n >= max) {
			n++;
			continue;
		}
		sb_add(&sb, n++ ? export_word("list-sep", d->opt->lang) : "");
		sb_printf(&sb, "%s %s", r->it->no ? r->it->no : "", ltext_get(&r->it->title, d->opt->lang));
	}
	if (max && n > max)
		/* TRANSLATORS: after a list of items cut short: how many were left out */
		sb_printf(&sb, i18n_text_in(d->opt->lang, "list", " and %zu more"), n - max);
	if (count)
		*count = n;
	if (!n) {
		sb_free(&sb);
		return NULL;
	}
	return sb_take(&sb);
}

bool export_row_printed(const export_row *r)
{
	return r->state != ITEM_EMPTY_OPTIONAL || *export_row_note(r);
}

/* The digits an item's No. starts with, up to its first '.', as length;
 * 0 when it does not start with a number. */
static size_t leading_number(const char *no)
{
	size_t n = 0;
	while (no && no[n] >= '0' && no[n] <= '9')
		n++;
	return n && (no[n] == '\0' || no[n] == '.') ? n : 0;
}

/* The leading number every item of section s shares, as length (0: none). */
static size_t section_number(const template *t, size_t s)
{
	const tmpl_section *sec = &t->sections[s];
	if (!sec->count)
		return 0;
	const char *first = t->items[sec->first].no;
	size_t len = leading_number(first);
	for (size_t i = sec->first + 1; len && i < sec->first + sec->count; i++)
		if (leading_number(t->items[i].no) != len || memcmp(t->items[i].no, first, len) != 0)
			return 0;
	return len;
}

bool export_chapters_numbered(const template *t)
{
	size_t numbered = 0;
	for (size_t s = 0; s < t->n_sections; s++)
		numbered += section_number(t, s) > 0;
	return numbered * 2 > t->n_sections;
}

const char *export_chapter_no(const export_doc *d, size_t section, char *buf, size_t size)
{
	size_t len = d->chapters_numbered ? section_number(d->t, section) : 0;
	if (!len)
		return NULL;
	snprintf(buf, size, "%.*s", (int)len, d->t->items[d->t->sections[section].first].no);
	return buf;
}

bool export_heading_repeats(const export_row *r, const char *lang)
{
	return strcmp(ltext_get(&r->it->title, lang), ltext_get(&r->sec->title, lang)) == 0;
}

bool export_credit_needed(const export_doc *d)
{
	const ltext *p = &d->t->publisher;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].text && strcmp(p->v[i].text, PACKAGE) == 0)
			return false;
	return true;
}
