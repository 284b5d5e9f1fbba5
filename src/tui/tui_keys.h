#ifndef CHECKSHEET_TUI_KEYS_H
#define CHECKSHEET_TUI_KEYS_H

#include <stdbool.h>
#include <wchar.h>

/* What a key does. The key map, the help screen and the hint bar are all
 * made from key_table, so they cannot disagree. */
typedef enum action {
	ACT_NONE,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST,
	ACT_NEXT_SECTION, ACT_PREV_SECTION, ACT_SWITCH_PANE,
	ACT_EDIT_VALUE, ACT_EDIT_NOTE, ACT_EDIT_CASES, ACT_CLEAR,
	ACT_JUMP, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_NEXT_PROBLEM, ACT_PREV_PROBLEM, ACT_FILTER,
	ACT_UNDO, ACT_SAVE, ACT_QUIT, ACT_HELP, ACT_META, ACT_STATUS, ACT_REDRAW,
	ACT_VERDICT_OK, ACT_VERDICT_QUESTION, ACT_VERDICT_NG, ACT_VERDICT_CLEAR, ACT_COMMENT,
	ACT_COUNT
} action;

/* Where a binding applies. */
typedef enum key_context {
	CTX_BROWSE = 1,   /* editing answers */
	CTX_FIELD = 2,
	CTX_NOTE = 4,
	CTX_LIST = 8,
	CTX_REVIEW = 16,  /* reviewing answers (read-only) */
	CTX_NAV = CTX_BROWSE | CTX_REVIEW,
} key_context;

typedef struct key_binding {
	unsigned contexts;
	int key;             /* a curses key code or a character */
	bool function_key;   /* key is a KEY_* code */
	const char *label;   /* how the key is written: "^S", "Enter" */
	action act;          /* ACT_NONE for editing keys handled in place */
	const char *help;    /* N_() what it does */
	const char *hint;    /* N_() short word for the hint bar, or NULL */
} key_binding;

extern const key_binding key_table[];
extern const int key_table_count;

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27

/* The action bound to a key in a context (CTX_BROWSE or CTX_REVIEW). */
action keys_lookup(int key, bool function_key, unsigned context);

#endif
