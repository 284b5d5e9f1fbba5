#include <config.h>

#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void sb_init(strbuf *sb)
{
	sb->s = NULL;
	sb->len = sb->cap = 0;
	sb->sink = NULL;
	sb->sink_ctx = NULL;
}

void sb_set_sink(strbuf *sb, sb_sink_fn sink, void *ctx)
{
	sb->sink = sink;
	sb->sink_ctx = ctx;
}

void sb_flush(strbuf *sb)
{
	if (sb->sink && sb->len) {
		sb->sink(sb->sink_ctx, sb->s, sb->len);
		sb_clear(sb);
	}
}

/* Room for need bytes more and the NUL: a stream that holds enough is
 * emptied into its sink first; otherwise the buffer grows. */
static inline void sb_room(strbuf *sb, size_t need)
{
	if (sb->len + need + 1 <= sb->cap)
		return;
	if (sb->sink && sb->len >= SB_SINK_AT)
		sb_flush(sb);
	if (sb->len + need + 1 > sb->cap)
		XGROW(sb->s, sb->cap, sb->len + need + 1);
}

void sb_free(strbuf *sb) { free(sb->s); sb_init(sb); }

void sb_clear(strbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

void sb_addn(strbuf *sb, const char *s, size_t n)
{
	sb_room(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_add(strbuf *sb, const char *s) { sb_addn(sb, s, strlen(s)); }

void sb_addc(strbuf *sb, char c)
{
	sb_room(sb, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_room(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *sb_take(strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");
	sb_init(sb);
	return s;
}

const char *sb_str(const strbuf *sb) { return sb->s ? sb->s : ""; }
