#include <config.h>

#include "term_safe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

bool term_safe_hidden_cp(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) ||      /* C1 controls: 0x9B is CSI, 0x9D OSC */
	       cp == 0x00AD ||                    /* soft hyphen */
	       cp == 0x061C ||                    /* Arabic letter mark */
	       cp == 0x180E ||                    /* Mongolian vowel separator */
	       (cp >= 0x200B && cp <= 0x200F) ||  /* zero widths, LRM, RLM */
	       cp == 0x2028 || cp == 0x2029 ||    /* line and paragraph separators */
	       (cp >= 0x202A && cp <= 0x202E) ||  /* bidi embeddings and overrides */
	       (cp >= 0x2060 && cp <= 0x206F) ||  /* word joiner, invisible operators, isolates */
	       cp == 0xFEFF ||                    /* zero width no-break space, BOM */
	       (cp >= 0xFFF9 && cp <= 0xFFFB) ||  /* interlinear annotation */
	       (cp >= 0xE0000 && cp <= 0xE007F);  /* tags: invisible ASCII */
}

/* One unit of s (a character, or a byte that is not UTF-8). Returns the
 * bytes of s it covers. When it is shown as it is, *esc_len is 0;
 * otherwise esc (16 bytes room) holds its escape, *esc_len long. */
static size_t unit(const char *s, size_t len, unsigned flags, char *esc, size_t *esc_len)
{
	unsigned char c = (unsigned char)s[0];
	*esc_len = 0;
	if (c < 0x20 || c == 0x7F) {
		if (c == '\n' && (flags & TS_KEEP_NEWLINE))
			return 1;
		if (c == '\r' && (flags & TS_KEEP_NEWLINE) && len > 1 && s[1] == '\n')
			return 1;
		if (c == '\t' && (flags & TS_KEEP_TAB))
			return 1;
		esc[0] = '^';
		esc[1] = c == 0x7F ? '?' : (char)(c + 0x40);
		esc[2] = '\0';
		*esc_len = 2;
		return 1;
	}
	if (c < 0x80 || (flags & TS_BYTES))
		return 1;
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);
	if (cp == 0xFFFD && n == 1) {
		*esc_len = (size_t)snprintf(esc, 16, "<0x%02X>", c);
		return 1;
	}
	if (term_safe_hidden_cp(cp))
		*esc_len = (size_t)snprintf(esc, 16, "<U+%04X>", (unsigned)cp);
	return n;
}

void term_safe_append(strbuf *out, const char *s, size_t len, unsigned flags)
{
	size_t i = 0, plain = 0; /* s[plain..i) is shown as it is */
	while (i < len) {
		char esc[16];
		size_t esc_len;
		size_t n = unit(s + i, len - i, flags, esc, &esc_len);
		if (esc_len) {
			sb_addn(out, s + plain, i - plain);
			sb_addn(out, esc, esc_len);
			plain = i + n;
		}
		i += n;
	}
	sb_addn(out, s + plain, len - plain);
}

char *term_safe(const char *s, unsigned flags)
{
	strbuf sb;
	sb_init(&sb);
	if (s)
		term_safe_append(&sb, s, strlen(s), flags);
	return sb_take(&sb);
}

bool term_safe_is_plain(const char *s, size_t len, unsigned flags)
{
	for (size_t i = 0; i < len;) {
		char esc[16];
		size_t esc_len;
		i += unit(s + i, len - i, flags, esc, &esc_len);
		if (esc_len)
			return false;
	}
	return true;
}

char *term_safe_cut(const char *s, size_t max)
{
	strbuf sb;
	sb_init(&sb);
	if (!s)
		return sb_take(&sb);
	size_t len = strlen(s);
	/* the characters shown, first in full */
	size_t total = 0;
	for (size_t i = 0; i < len && total <= max;) {
		char esc[16];
		size_t esc_len;
		i += unit(s + i, len - i, 0, esc, &esc_len);
		total += esc_len ? esc_len : 1;
	}
	if (total <= max) {
		term_safe_append(&sb, s, len, 0);
		return sb_take(&sb);
	}
	if (max == 0)
		return sb_take(&sb);
	size_t shown = 0;
	for (size_t i = 0; i < len;) {
		char esc[16];
		size_t esc_len;
		size_t n = unit(s + i, len - i, 0, esc, &esc_len);
		size_t w = esc_len ? esc_len : 1;
		if (shown + w > max - 1)
			break;
		if (esc_len)
			sb_addn(&sb, esc, esc_len);
		else
			sb_addn(&sb, s + i, n);
		shown += w;
		i += n;
	}
	sb_add(&sb, "…");
	return sb_take(&sb);
}

char *term_quote(const char *s, size_t max)
{
	char *cut = term_safe_cut(s, max);
	char *q = xasprintf("\"%s\"", cut);
	free(cut);
	return q;
}

static void json_u(strbuf *sb, uint32_t cp)
{
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		sb_printf(sb, "\\u%04x\\u%04x", 0xD800 + (unsigned)(cp >> 10), 0xDC00 + (unsigned)(cp & 0x3FF));
	} else
		sb_printf(sb, "\\u%04x", (unsigned)cp);
}

void term_safe_json(strbuf *sb, const char *s)
{
	if (!s) {
		sb_add(sb, "null");
		return;
	}
	sb_addc(sb, '"');
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			switch (c) {
			case '"': sb_add(sb, "\\\""); break;
			case '\\': sb_add(sb, "\\\\"); break;
			case '\n': sb_add(sb, "\\n"); break;
			case '\r': sb_add(sb, "\\r"); break;
			case '\t': sb_add(sb, "\\t"); break;
			default:
				if (c < 0x20 || c == 0x7F)
					json_u(sb, c);
				else
					sb_addc(sb, (char)c);
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			sb_printf(sb, "<0x%02X>", c);
		else if (term_safe_hidden_cp(cp))
			json_u(sb, cp);
		else
			sb_addn(sb, s + i, n);
		i += n;
	}
	sb_addc(sb, '"');
}
