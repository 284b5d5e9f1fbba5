/* The workbook on paper and on screen: how many lines a cell's text takes
 * (Excel never grows a row written by a library, so every row's height is
 * set from its text), the print setup of every sheet, and the workbook's
 * own words in the export's language. */
#include <config.h>

#ifdef HAVE_XLSXWRITER

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "export_xlsx_internal.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* Pixels at 96 dpi of the default font, Calibri 11 (Carlito in
 * LibreOffice): a column "width" is counted in digits of 7 px; a wide
 * (Japanese) glyph of the fallback font is 1 em, 14.7 px. Every narrow
 * character counts as a digit, which is wider than most letters. */
#define PX_NARROW 7
#define PX_WIDE 15
/* Points per line of wrapped text: Noto Sans CJK, the Japanese fallback
 * LibreOffice picks, spaces lines 1.45 em (Calibri alone 1.22 em), and a
 * row keeps a little room above and below. */
#define LINE_PT 16.0
#define ROW_PAD_PT 3.0
/* The tallest row Excel allows. */
#define ROW_MAX_PT 409.0

/* Characters a line may not start with (Japanese line breaking, kinsoku):
 * they stay with the character before them. */
static bool no_line_start(uint32_t cp)
{
	static const uint32_t closing[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F, 0x3011,
					   0x3015, 0xFF01, 0xFF1F, 0xFF1A, 0xFF1B, 0x30FC, 0x30FB, 0x3063,
					   0x30C3, 0x3083, 0x3085, 0x3087, 0x30E3, 0x30E5, 0x30E7, 0x3041,
					   0x3043, 0x3045, 0x3047, 0x3049, 0x30A1, 0x30A3, 0x30A5, 0x30A7,
					   0x30A9, 0x301C, 0xFF5E, ')', ']', '}', ',', '.', ':', ';', '!', '?'};
	for (size_t i = 0; i < sizeof closing / sizeof *closing; i++)
		if (closing[i] == cp)
			return true;
	return false;
}

/* Characters a line may not end with: they go with the one after. */
static bool no_line_end(uint32_t cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3014 || cp == '(' ||
	       cp == '[' || cp == '{';
}

static int px_of(uint32_t cp) { return utf8_cp_width(cp) == 2 ? PX_WIDE : PX_NARROW; }

/* Lines of one paragraph (no line break in it) at avail pixels: greedy
 * filling by tokens, as Excel and LibreOffice wrap: a run of narrow
 * non-space characters (a word) breaks only when it is longer than a
 * line; each wide character is a token of its own, with the punctuation
 * that may not start or end a line glued to it. */
static size_t paragraph_lines(const char *s, size_t len, int avail)
{
	size_t lines = 1;
	int used = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == ' ' || cp == '\t') {
			/* a space at the end of a line hangs; else it takes room */
			if (used + PX_NARROW <= avail)
				used += PX_NARROW;
			i += n;
			continue;
		}
		/* the token: openers, a word or one wide character, closers */
		int w = 0;
		size_t j = i;
		uint32_t c = cp;
		while (j < len && no_line_end(c)) {
			w += px_of(c);
			j += n;
			n = j < len ? utf8_decode(s + j, len - j, &c) : 0;
		}
		if (j < len) {
			if (utf8_cp_width(c) == 2 || no_line_start(c)) {
				w += px_of(c);
				j += n;
			} else {
				while (j < len && c != ' ' && c != '\t' && utf8_cp_width(c) != 2 && !no_line_end(c)) {
					w += px_of(c);
					j += n;
					n = j < len ? utf8_decode(s + j, len - j, &c) : 0;
				}
			}
		}
		while (j < len) {
			n = utf8_decode(s + j, len - j, &c);
			if (!no_line_start(c))
				break;
			w += px_of(c);
			j += n;
		}
		if (j == i) { /* nothing taken: one character, whatever it is */
			w = px_of(cp);
			j = i + utf8_decode(s + i, len - i, &cp);
		}
		if (used + w <= avail) {
			used += w;
		} else if (w <= avail) {
			lines++;
			used = w;
		} else {
			/* longer than a line: broken by characters */
			for (size_t k = i; k < j;) {
				uint32_t kc;
				k += utf8_decode(s + k, j - k, &kc);
				int kw = px_of(kc);
				if (used + kw > avail && used > 0) {
					lines++;
					used = 0;
				}
				used += kw;
			}
		}
		i = j;
	}
	return lines;
}

size_t xlsx_text_lines(const char *text, double width)
{
	int avail = (int)(width * PX_NARROW);
	if (avail < PX_WIDE)
		avail = PX_WIDE;
	size_t lines = 0, len = strlen(text);
	for (size_t i = 0; i <= len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t plen = end - i;
		if (plen && text[i + plen - 1] == '\r')
			plen--;
		lines += paragraph_lines(text + i, plen, avail);
		i = end + 1;
	}
	return lines ? lines : 1;
}

double xlsx_row_height(size_t lines, bool *fits)
{
	double h = (double)lines * LINE_PT + ROW_PAD_PT;
	*fits = h <= ROW_MAX_PT;
	return *fits ? h : ROW_MAX_PT;
}

/* Text for a page header or footer: control characters left out, at most
 * max characters, and & doubled unless codes (Excel's codes, &P, start
 * with it). */
static void add_hf_text(strbuf *sb, const char *s, size_t max, bool codes)
{
	size_t len = strlen(s), chars = 0;
	for (size_t i = 0; i < len && chars < max;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == '&' && !codes)
			sb_add(sb, "&&");
		else if (cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F) && !(cp == 0xFFFD && n == 1))
			sb_addn(sb, s + i, n);
		chars++;
		i += n;
	}
}

/* The language for the workbook's own words. i18n_push_language does not
 * nest: when the export's language is already in force (a caller pushed
 * it), it is left alone, and so is the caller's pop. */
static bool push_language(const char *lang)
{
	const char *cur = getenv("LANGUAGE");
	const char *loc = setlocale(LC_MESSAGES, NULL);
	bool plain_c = !loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0;
	if (!lang || (cur && strcmp(cur, lang) == 0 && !plain_c))
		return false;
	i18n_push_language(lang);
	return true;
}

void xlsx_labels_init(xlsx_labels *l, const char *lang, const char *doc_title)
{
	bool pushed = push_language(lang);
	/* TRANSLATORS: the name of the workbook's first sheet, which holds the
	 * document's title, the vendor and the revision history; at most 31
	 * characters */
	l->cover = xstrdup(_("Cover"));
	/* TRANSLATORS: on the workbook's cover sheet, the label of the
	 * document's title */
	l->title = xstrdup(_("Title"));
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "&C");
	/* TRANSLATORS: the footer of every printed page of the workbook. &P is
	 * the page's number and &N the number of pages (Excel's codes): keep
	 * both, each once */
	add_hf_text(&sb, _("Page &P of &N"), 60, true);
	l->footer = sb_take(&sb);
	if (pushed)
		i18n_pop_language();
	/* a translation that lost a code: the codes alone */
	if (!strstr(l->footer, "&P") || !strstr(l->footer, "&N")) {
		free(l->footer);
		l->footer = xstrdup("&C&P / &N");
	}
	sb_add(&sb, "&C");
	add_hf_text(&sb, doc_title, 120, false);
	l->header = sb_take(&sb);
}

void xlsx_labels_free(xlsx_labels *l)
{
	free(l->cover);
	free(l->title);
	free(l->header);
	free(l->footer);
	memset(l, 0, sizeof *l);
}

const char *xlsx_document_title(const export_doc *d)
{
	const char *title = answers_subject(d->a, "title");
	return title && *title ? title : ltext_get(&d->t->title, d->opt->lang);
}

void xlsx_print_setup(lxw_worksheet *ws, const xlsx_labels *l, int repeat_rows)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.65, 0.65);
	lxw_header_footer_options hf = {.margin = 0.3};
	worksheet_set_header_opt(ws, l->header, &hf);
	worksheet_set_footer_opt(ws, l->footer, &hf);
	worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
	if (repeat_rows > 0)
		worksheet_repeat_rows(ws, 0, (lxw_row_t)(repeat_rows - 1));
}

#endif
