#ifndef CHECKSHEET_TUI_KEYS_H
#define CHECKSHEET_TUI_KEYS_H

/* Key codes and the helpers that walk the screens' key tables. */

#include <curses.h>

#include "../core/i18n.h"
#include "tui_screen.h"

#undef CTRL /* <termios.h> may have one of its own */
#define CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27

/* Bindings in table order, for help screens and hint bars. */
#define SCREEN_KEYS(table) (table), (sizeof(table) / sizeof *(table))

/* Editing keys shared by every text field (editors and prompts): fn
 * applies field_edit_key, save_fn answers ^S. */
#define FIELD_EDIT_KEYS(fn, save_fn) \
	{KEY_LEFT, true, false, fn, "← → ^B ^F", N_("move by character"), NULL}, \
	{KEY_RIGHT, true, false, fn, NULL, NULL, NULL}, \
	{CTRL('b'), false, false, fn, NULL, NULL, NULL}, \
	{CTRL('f'), false, false, fn, NULL, NULL, NULL}, \
	{'b', false, true, fn, "M-b M-f", N_("move by word (Alt, or Esc then the key)"), NULL}, \
	{'f', false, true, fn, NULL, NULL, NULL}, \
	{'B', false, true, fn, NULL, NULL, NULL}, \
	{'F', false, true, fn, NULL, NULL, NULL}, \
	{KEY_LEFT, true, true, fn, "M-← M-→", N_("move by word"), NULL}, \
	{KEY_RIGHT, true, true, fn, NULL, NULL, NULL}, \
	{KEY_SLEFT, true, false, fn, NULL, NULL, NULL}, \
	{KEY_SRIGHT, true, false, fn, NULL, NULL, NULL}, \
	{KEY_HOME, true, false, fn, "Home End ^A ^E", N_("start / end of the line"), NULL}, \
	{KEY_END, true, false, fn, NULL, NULL, NULL}, \
	{CTRL('a'), false, false, fn, NULL, NULL, NULL}, \
	{CTRL('e'), false, false, fn, NULL, NULL, NULL}, \
	{KEY_BACKSPACE, true, false, fn, "Backspace Del ^D", N_("delete a character"), NULL}, \
	{127, false, false, fn, NULL, NULL, NULL}, \
	{CTRL('h'), false, false, fn, NULL, NULL, NULL}, \
	{KEY_DC, true, false, fn, NULL, NULL, NULL}, \
	{CTRL('d'), false, false, fn, NULL, NULL, NULL}, \
	{127, false, true, fn, "M-Backspace ^W", N_("delete the word before the cursor"), NULL}, \
	{CTRL('h'), false, true, fn, NULL, NULL, NULL}, \
	{KEY_BACKSPACE, true, true, fn, NULL, NULL, NULL}, \
	{CTRL('w'), false, false, fn, NULL, NULL, NULL}, \
	{'d', false, true, fn, "M-d", N_("delete the word after the cursor"), NULL}, \
	{'D', false, true, fn, NULL, NULL, NULL}, \
	{CTRL('k'), false, false, fn, "^K ^U", N_("delete to the end / start of the line"), NULL}, \
	{CTRL('u'), false, false, fn, NULL, NULL, NULL}, \
	{CTRL('s'), false, false, save_fn, "^S", N_("save: commit the text first"), NULL}, \
	{SCREEN_KEY_TEXT, false, false, NULL, N_("any character"), N_("typed at the cursor (full-width too)"), NULL}, \
	{SCREEN_KEY_PASTE, false, false, NULL, N_("paste"), N_("inserted at the cursor, never run as keys"), NULL}

#endif
