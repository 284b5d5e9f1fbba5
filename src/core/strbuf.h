#ifndef CHECKSHEET_STRBUF_H
#define CHECKSHEET_STRBUF_H

#include <stddef.h>

/* A growable, always NUL-terminated byte string. With a sink, it is a
 * stream: once it holds SB_SINK_AT bytes, the text so far goes to the sink
 * before it would grow, so that a writer that only appends (an exporter)
 * never holds its whole output. */
typedef void (*sb_sink_fn)(void *ctx, const char *s, size_t n);
typedef struct strbuf {
	char *s;
	size_t len, cap;
	sb_sink_fn sink;
	void *sink_ctx;
} strbuf;

#define SB_SINK_AT ((size_t)1 << 18)

/* Makes sb a stream into sink (NULL: an ordinary buffer again). */
void sb_set_sink(strbuf *sb, sb_sink_fn sink, void *ctx);
/* Hands what sb holds to its sink now (at the end of a stream). */
void sb_flush(strbuf *sb);

void sb_init(strbuf *sb);
void sb_free(strbuf *sb);
void sb_clear(strbuf *sb);
void sb_addn(strbuf *sb, const char *s, size_t n);
void sb_add(strbuf *sb, const char *s);
void sb_addc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands over the string; the buffer is empty afterwards. */
char *sb_take(strbuf *sb);
const char *sb_str(const strbuf *sb);

#endif
