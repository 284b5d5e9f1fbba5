#ifndef CHECKSHEET_TEXTFIELD_H
#define CHECKSHEET_TEXTFIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* The state of a text field without any curses: text, a cursor that is
 * always on a character boundary, and scrolling. Screens draw it; these
 * small functions are all that change it, and each is tested. */
typedef struct textfield {
	strbuf text;
	size_t cursor;       /* byte offset */
	bool multiline;
	size_t scroll_col;   /* single line: first column shown */
	size_t scroll_row;   /* multi line: first visual row shown */
	size_t goal_col;     /* column kept when moving up and down */
} textfield;

/* A visual line of wrapped text: bytes [start, end). */
typedef struct text_line {
	size_t start, end;
} text_line;

void tf_init(textfield *tf, const char *text, bool multiline);
void tf_free(textfield *tf);
void tf_set(textfield *tf, const char *text);
const char *tf_text(const textfield *tf);

/* Inserts text at the cursor. A single-line field turns line breaks and
 * tabs into spaces (pasted text); invalid UTF-8 becomes U+FFFD. */
void tf_insert(textfield *tf, const char *text);
bool tf_delete_left(textfield *tf);
bool tf_delete_right(textfield *tf);
void tf_left(textfield *tf);
void tf_right(textfield *tf);
void tf_word_left(textfield *tf);
void tf_word_right(textfield *tf);
/* Home and End of the current (logical) line. */
void tf_home(textfield *tf);
void tf_end(textfield *tf);
/* Ctrl-K and Ctrl-U: to the end / start of the line. */
void tf_kill_to_end(textfield *tf);
void tf_kill_to_start(textfield *tf);
/* Alt-Backspace and Alt-d: delete the word before / after the cursor. */
bool tf_delete_word_left(textfield *tf);
bool tf_delete_word_right(textfield *tf);

/* Wraps text into lines of at most width columns, never splitting a
 * character; hard line breaks always start a line. Returns the count;
 * *lines is allocated (caller frees). */
size_t tf_wrap(const char *text, size_t width, text_line **lines);
/* Visual row and column of the cursor when wrapped at width. */
void tf_cursor_rc(const textfield *tf, size_t width, size_t *row, size_t *col);
/* Moves to the visual row above / below, keeping the column as well as
 * wide characters allow. False at the first / last row. */
bool tf_up(textfield *tf, size_t width);
bool tf_down(textfield *tf, size_t width);
/* Keeps the cursor in view: a single line of width columns, or a box of
 * width x height. */
void tf_scroll_single(textfield *tf, size_t width);
void tf_scroll_multi(textfield *tf, size_t width, size_t height);

#endif
