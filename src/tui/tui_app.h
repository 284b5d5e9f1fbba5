#ifndef CHECKSHEET_TUI_APP_H
#define CHECKSHEET_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"
#include "../core/textfield.h"
#include "../core/validate.h"
#include "tui.h"

#define TUI_MIN_COLS 50
#define TUI_MIN_ROWS 14

typedef enum pane { PANE_SECTIONS, PANE_ITEMS } pane;

typedef enum edit_mode { EDIT_NONE, EDIT_VALUE, EDIT_NOTE, EDIT_PROMPT } edit_mode;

typedef struct undo_entry {
	size_t item;
	bool existed;
	answer before;
} undo_entry;

/* Where each part of the screen is; recomputed on every resize. */
typedef struct layout {
	int rows, cols;
	bool too_small;
	int sec_w;               /* section list width (left) */
	int body_y, body_h;      /* rows between title bar and message line */
	int list_x, list_w, list_h;
	int detail_y, detail_h;
} layout;

typedef struct app app;

struct app {
	const tui_options *opt;
	template t;
	answers a;
	const char *lang;
	/* Cached per-item state and per-section counts, updated one item at a
	 * time, so that a change on a 100 000-item sheet costs O(1). */
	item_state *states;
	size_t *sec_answered, *sec_problems;
	size_t answered, problem_items;
	size_t section;
	size_t *view;            /* items listed for the section (filtered) */
	size_t n_view, cap_view;
	size_t sel, top, sec_top;
	pane focus;
	bool problems_only;
	bool modified;
	char *search;
	char message[512];
	bool message_is_error;
	undo_entry *undo;
	size_t n_undo, cap_undo;
	layout lay;
	/* the field being edited, drawn in place by tui_draw */
	edit_mode editing;
	textfield field;
	char *prompt_label;
	char *live;              /* live reading or error of the value field */
	bool live_is_error;
	bool quit;
	/* drawn over the detail pane by list screens (cases, rows) */
	void (*overlay)(struct app *ap);
	size_t overlay_sel;
};

/* tui_app.c */
void app_set_message(app *ap, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_layout(app *ap);
size_t app_current_item(const app *ap);  /* index in t.items, or SIZE_MAX */
void app_refresh_item(app *ap, size_t item);
void app_select_item(app *ap, size_t item);
void app_push_undo(app *ap, size_t item);
answer *app_answer(app *ap, size_t item);  /* created when absent */
/* Reads one key; resizes are handled here. Returns the key or char. */
int app_read_key(app *ap, bool *function_key);

/* tui_draw.c */
void draw_screen(app *ap);
void draw_help(app *ap);
int draw_text(int y, int x, int width, const char *s);
void draw_clip_fill(int y, int x, int width, const char *s);

/* tui_editor.c */
/* Applies an editing key to a field (width: columns of a wrapped note);
 * false when the key is not an editing key. */
bool field_key(textfield *tf, int key, bool function_key, size_t width);
void editor_edit_value(app *ap);
void editor_edit_note(app *ap);
void editor_edit_cases(app *ap);
void editor_update_live(app *ap, size_t item, const char *text);

/* tui_prompt.c */
/* A one-line prompt; on_change (may be NULL) sees every edit. Returns the
 * text (caller frees) or NULL when cancelled with Esc. */
char *prompt_line(app *ap, const char *label, const char *initial,
		  void (*on_change)(app *ap, const char *text));
/* Asks a question answered by one of the keys in `keys` (Esc gives 27). */
int prompt_key(app *ap, const char *question, const char *keys);
void meta_screen(app *ap);

#endif
