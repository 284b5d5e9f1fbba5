#ifndef CHECKSHEET_TUI_SCREEN_H
#define CHECKSHEET_TUI_SCREEN_H

/* A stack of screens (htop's ScreenManager, tig's request table): each
 * screen draws itself and handles keys through its own table of bindings.
 * The help screen and the hint bar are printed from the same tables, and
 * one main loop acts on what the handlers return. */

#include <stdbool.h>
#include <stddef.h>

typedef struct app app;
typedef struct screen screen;

/* What a handler returns; the main loop acts on it. */
enum {
	KEY_RESULT_HANDLED = 1 << 0,
	KEY_RESULT_REDRAW = 1 << 1,   /* clear and paint everything again */
	KEY_RESULT_QUIT = 1 << 2,
};

/* A key as read: a character, a curses KEY_* code, or either with Meta
 * (Alt, or Esc typed just before). */
typedef struct key_event {
	int code;
	bool function_key;
	bool meta;
} key_event;

typedef int (*key_handler)(app *ap, screen *sc, const key_event *k);

/* One binding. Several keys may share a handler and a help line: only the
 * first of them carries the label and the help text. */
typedef struct screen_key {
	int code;
	bool function_key;
	bool meta;
	key_handler fn;
	const char *label;  /* how the key is written: "^S", "Enter"; NULL: not listed */
	const char *help;   /* N_() what it does, for the help screen */
	const char *hint;   /* N_() one word for the hint bar, or NULL */
} screen_key;

/* Pseudo-codes for bindings that are not one key. */
#define SCREEN_KEY_TEXT (-1)   /* any printable character: typed into a field */
#define SCREEN_KEY_PASTE (-2)  /* a bracketed paste */

typedef struct screen_class {
	const char *name;       /* for tests and debugging */
	const char *title;      /* N_() heading in the help screen */
	const screen_key *keys;
	size_t n_keys;
	void (*draw)(app *ap, screen *sc);
	void (*free)(screen *sc);
	bool covers;            /* draws the whole terminal: screens below are not drawn */
	bool fold_fullwidth;    /* full-width １ ｊ ？ ： act as their ASCII keys */
	/* text typed (SCREEN_KEY_TEXT) and pastes (SCREEN_KEY_PASTE), when the
	 * table binds them */
	int (*on_text)(app *ap, screen *sc, const char *utf8);
} screen_class;

struct screen {
	const screen_class *cls;
	void *data;
	int cursor_y, cursor_x;  /* set by draw when the screen shows a cursor */
};

/* The binding for a key in a table, or NULL. */
const screen_key *screen_key_find(const screen_class *cls, const key_event *k);
/* Dispatches a key to the top screen's table; 0 when nothing is bound. */
int screen_dispatch(app *ap, const key_event *k);
/* Delivers text (a paste, or a typed character) to the top screen. */
int screen_deliver_text(app *ap, const char *utf8, bool paste);

void screen_push(app *ap, const screen_class *cls, void *data);
void screen_pop(app *ap);
screen *screen_top(app *ap);
/* The screen below sc, or NULL. */
screen *screen_below(app *ap, const screen *sc);

/* The help text of one screen class, from its table (caller frees). */
char *screen_help_text(const screen_class *cls);

#endif
