#ifndef CHECKSHEET_STRBUF_H
#define CHECKSHEET_STRBUF_H

#include <stddef.h>

/* A growable, always NUL-terminated byte string. */
typedef struct strbuf {
	char *s;
	size_t len, cap;
} strbuf;

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
