#include <config.h>

#include "textfield.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

void tf_init(textfield *tf, const char *text, bool multiline)
{
	memset(tf, 0, sizeof *tf);
	sb_init(&tf->text);
	tf->multiline = multiline;
	tf_set(tf, text);
}

void tf_free(textfield *tf) { sb_free(&tf->text); }

const char *tf_text(const textfield *tf) { return sb_str(&tf->text); }

void tf_set(textfield *tf, const char *text)
{
	sb_clear(&tf->text);
	tf->cursor = 0;
	tf->scroll_col = tf->scroll_row = 0;
	tf_insert(tf, text ? text : "");
}

void tf_insert(textfield *tf, const char *text)
{
	if (!tf->text.s)
		sb_add(&tf->text, ""); /* a terminated buffer to move text within */
	strbuf clean;
	sb_init(&clean);
	size_t len = strlen(text), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == '\r' && i + 1 < len && text[i + 1] == '\n') {
			i++;
			continue;
		}
		if (!tf->multiline && (cp == '\n' || cp == '\r' || cp == '\t'))
			cp = ' ';
		else if (cp == '\r')
			cp = '\n';
		else if (cp == '\t')
			cp = ' ';
		else if ((cp < 0x20 && cp != '\n') || cp == 0x7F) {
			i += n;
			continue;
		}
		char buf[4];
		sb_addn(&clean, buf, utf8_encode(cp, buf));
		i += n;
	}
	strbuf *t = &tf->text;
	size_t add = clean.len;
	tf->goal_col = 0;
	if (add) {
		XGROW(t->s, t->cap, t->len + add + 1);
		memmove(t->s + tf->cursor + add, t->s + tf->cursor, t->len - tf->cursor + 1);
		memcpy(t->s + tf->cursor, clean.s, add);
		t->len += add;
		tf->cursor += add;
	}
	sb_free(&clean);
}

static void delete_range(textfield *tf, size_t from, size_t to)
{
	tf->goal_col = 0;
	strbuf *t = &tf->text;
	memmove(t->s + from, t->s + to, t->len - to + 1);
	t->len -= to - from;
	tf->cursor = from;
}

bool tf_delete_left(textfield *tf)
{
	if (tf->cursor == 0)
		return false;
	delete_range(tf, utf8_prev(tf->text.s, tf->cursor), tf->cursor);
	return true;
}

bool tf_delete_right(textfield *tf)
{
	if (tf->cursor >= tf->text.len)
		return false;
	delete_range(tf, tf->cursor, utf8_next(tf->text.s, tf->text.len, tf->cursor));
	return true;
}

void tf_left(textfield *tf)
{
	tf->goal_col = 0;
	if (tf->cursor)
		tf->cursor = utf8_prev(tf->text.s, tf->cursor);
}

void tf_right(textfield *tf)
{
	tf->goal_col = 0;
	if (tf->text.s)
		tf->cursor = utf8_next(tf->text.s, tf->text.len, tf->cursor);
}

/* Words: runs of letters and digits; each CJK character is a word stop
 * only where the script changes, which is good enough for a cursor. */
static bool is_word_byte(const char *s, size_t off, size_t len)
{
	uint32_t cp;
	utf8_decode(s + off, len - off, &cp);
	return cp > 0x7F || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 'A' && cp <= 'Z') || cp == '_';
}

void tf_word_left(textfield *tf)
{
	tf->goal_col = 0;
	const char *s = tf_text(tf);
	size_t len = tf->text.len;
	while (tf->cursor && !is_word_byte(s, utf8_prev(s, tf->cursor), len))
		tf->cursor = utf8_prev(s, tf->cursor);
	while (tf->cursor && is_word_byte(s, utf8_prev(s, tf->cursor), len))
		tf->cursor = utf8_prev(s, tf->cursor);
}

void tf_word_right(textfield *tf)
{
	tf->goal_col = 0;
	const char *s = tf_text(tf);
	size_t len = tf->text.len;
	while (tf->cursor < len && is_word_byte(s, tf->cursor, len))
		tf->cursor = utf8_next(s, len, tf->cursor);
	while (tf->cursor < len && !is_word_byte(s, tf->cursor, len))
		tf->cursor = utf8_next(s, len, tf->cursor);
}

static size_t line_start(const textfield *tf)
{
	size_t i = tf->cursor;
	while (i > 0 && tf->text.s[i - 1] != '\n')
		i--;
	return i;
}

static size_t line_end(const textfield *tf)
{
	size_t i = tf->cursor;
	while (i < tf->text.len && tf->text.s[i] != '\n')
		i++;
	return i;
}

void tf_home(textfield *tf)
{
	tf->goal_col = 0;
	tf->cursor = line_start(tf);
}

void tf_end(textfield *tf)
{
	tf->goal_col = 0;
	tf->cursor = line_end(tf);
}

void tf_kill_to_end(textfield *tf)
{
	size_t e = line_end(tf);
	if (e == tf->cursor && e < tf->text.len)
		e++; /* at the end of a line, join the next one (as nano does) */
	delete_range(tf, tf->cursor, e);
}

void tf_kill_to_start(textfield *tf) { delete_range(tf, line_start(tf), tf->cursor); }

bool tf_delete_word_left(textfield *tf)
{
	size_t end = tf->cursor;
	tf_word_left(tf);
	if (tf->cursor == end)
		return false;
	delete_range(tf, tf->cursor, end);
	return true;
}

bool tf_delete_word_right(textfield *tf)
{
	size_t start = tf->cursor;
	tf_word_right(tf);
	size_t end = tf->cursor;
	tf->cursor = start;
	if (end == start)
		return false;
	delete_range(tf, start, end);
	return true;
}

/* Japanese line-breaking rules (kinsoku), the common part: closing
 * brackets and punctuation never start a line. */
static bool no_line_start(uint32_t cp)
{
	static const uint32_t chars[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09,
					 0x3011, 0x30FC, 0x3063, 0x30C3, 0xFF01, 0xFF1F, ')', ',', '.'};
	for (size_t i = 0; i < sizeof chars / sizeof *chars; i++)
		if (cp == chars[i])
			return true;
	return false;
}

size_t tf_wrap(const char *text, size_t width, text_line **lines)
{
	if (width < 2)
		width = 2;
	size_t n = 0, cap = 0, len = strlen(text), i = 0, start = 0, cols = 0;
	size_t brk = 0, brk_cols = 0; /* just after the line's last space */
	text_line *v = NULL;
	while (i < len) {
		if (text[i] == '\n') {
			XGROW(v, cap, n + 1);
			v[n++] = (text_line){start, i};
			i++;
			start = i;
			cols = brk = 0;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(text + i, len - i, &cp);
		size_t w = (size_t)utf8_cp_width(cp);
		if (cols + w > width && i > start) {
			XGROW(v, cap, n + 1);
			/* Latin words break at spaces; Japanese has none and
			 * breaks between any two characters */
			if (brk > start && cp != ' ' && cp < 0x2E80) {
				v[n++] = (text_line){start, brk};
				start = brk;
				cols -= brk_cols;
			} else if (no_line_start(cp) && utf8_prev(text, i) > start) {
				/* 、。」 never open a line: the character before goes down too */
				size_t prev = utf8_prev(text, i);
				v[n++] = (text_line){start, prev};
				start = prev;
				cols = utf8_width_n(text + prev, i - prev);
			} else {
				v[n++] = (text_line){start, i};
				start = i;
				cols = 0;
			}
			brk = 0;
		}
		cols += w;
		i += k;
		if (cp == ' ') {
			brk = i;
			brk_cols = cols;
		}
	}
	XGROW(v, cap, n + 1);
	v[n++] = (text_line){start, len};
	*lines = v;
	return n;
}

void tf_cursor_rc(const textfield *tf, size_t width, size_t *row, size_t *col)
{
	text_line *lines;
	size_t n = tf_wrap(tf_text(tf), width, &lines);
	size_t r = 0;
	/* the cursor belongs to the last line that starts at or before it,
	 * except that the end of a full wrapped line shows at its end */
	for (size_t i = 0; i < n; i++)
		if (lines[i].start <= tf->cursor)
			r = i;
	*row = r;
	*col = utf8_width_n(tf_text(tf) + lines[r].start, tf->cursor - lines[r].start);
	/* after a character that filled the row, the cursor waits on the next */
	if (*col >= (width < 2 ? 2 : width)) {
		(*row)++;
		*col = 0;
	}
	free(lines);
}

/* Byte offset in line whose column is closest to col without passing it. */
static size_t offset_at_col(const char *s, text_line l, size_t col)
{
	size_t i = l.start, c = 0;
	while (i < l.end) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, l.end - i, &cp);
		size_t w = (size_t)utf8_cp_width(cp);
		if (c + w > col)
			break;
		c += w;
		i += k;
	}
	return i;
}

static bool move_row(textfield *tf, size_t width, int delta)
{
	text_line *lines;
	size_t n = tf_wrap(tf_text(tf), width, &lines);
	size_t row, col;
	tf_cursor_rc(tf, width, &row, &col);
	bool moved = false;
	if ((delta < 0 && row > 0) || (delta > 0 && row + 1 < n)) {
		size_t goal = tf->goal_col > col ? tf->goal_col : col;
		size_t target = row >= n ? n - 1 : row + (size_t)delta;
		tf->cursor = offset_at_col(tf_text(tf), lines[target], goal);
		tf->goal_col = goal;
		moved = true;
	}
	free(lines);
	return moved;
}

bool tf_up(textfield *tf, size_t width) { return move_row(tf, width, -1); }
bool tf_down(textfield *tf, size_t width) { return move_row(tf, width, 1); }

void tf_scroll_single(textfield *tf, size_t width)
{
	if (width < 4)
		width = 4;
	size_t col = utf8_width_n(tf_text(tf), tf->cursor);
	if (col < tf->scroll_col)
		tf->scroll_col = col > width / 4 ? col - width / 4 : 0;
	else if (col >= tf->scroll_col + width - 1)
		tf->scroll_col = col - width + width / 4 + 1;
}

void tf_scroll_multi(textfield *tf, size_t width, size_t height)
{
	size_t row, col;
	tf_cursor_rc(tf, width, &row, &col);
	if (height == 0)
		height = 1;
	if (row < tf->scroll_row)
		tf->scroll_row = row;
	else if (row >= tf->scroll_row + height)
		tf->scroll_row = row - height + 1;
}
