#ifndef CHECKSHEET_TUI_APP_H
#define CHECKSHEET_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"
#include "../core/requirements.h"
#include "../core/review.h"
#include "../core/textfield.h"
#include "../core/validate.h"
#include "tui.h"

#define TUI_MIN_COLS 50
#define TUI_MIN_ROWS 14

typedef enum pane { PANE_SECTIONS, PANE_ITEMS } pane;

typedef enum edit_mode { EDIT_NONE, EDIT_VALUE, EDIT_NOTE, EDIT_PROMPT, EDIT_COMMENT } edit_mode;

/* Which items the list shows. */
typedef enum item_filter {
	FILTER_ALL,
	FILTER_PROBLEMS,   /* unanswered, invalid (and question / ng with a review) */
	FILTER_UNJUDGED,
	FILTER_QUESTION,
	FILTER_NG,
	FILTER_RULES,      /* a rule failed or is unknown */
	FILTER_STALE,      /* changed since review */
	FILTER_COUNT
} item_filter;

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
	item_filter filter;
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
	/* a review: written in review mode, shown beside the answers in edit */
	bool review_mode;
	bool has_review;
	review rv;
	char *review_path;
	bool review_modified;
	bool *stale;            /* per item: judged, and changed since */
	size_t judged, n_stale;
	/* a requirements policy, judged once at open */
	bool has_rq;
	requirements rq;
	rule_outcome *outcomes; /* per rule */
	long *rule_of;          /* per item: index in rq.v, or -1 */
	size_t rules_pass, rules_fail, rules_unknown;
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
/* For editing loops: draws, then reads a key; resizes and ^L (redraw)
 * are dealt with here. */
int app_read_edit_key(app *ap, bool *function_key);

/* tui_draw.c */
void draw_screen(app *ap);
void draw_help(app *ap);
int draw_text(int y, int x, int width, const char *s);
void draw_clip_fill(int y, int x, int width, const char *s);

/* tui_editor.c */
/* Applies an editing key to a field (width: columns of a wrapped note);
 * false when the key is not an editing key. */
bool field_key(textfield *tf, int key, bool function_key, size_t width);
/* Edits text in the multi-line field drawn in the detail pane; returns the
 * new text (caller frees) on Tab, NULL on Esc. */
char *editor_multiline(app *ap, edit_mode mode, const char *initial, const char *hint);
/* Draws the multi-line field at rows [y, end) of the detail pane. */
void draw_multiline_field(app *ap, int y, int end, int x, int w, int *cur_y, int *cur_x);
void editor_edit_value(app *ap);
void editor_edit_note(app *ap);
void editor_edit_cases(app *ap);
void editor_update_live(app *ap, size_t item, const char *text);

/* tui_review.c */
bool review_open(app *ap, problems *ps);
void review_close(app *ap);
bool review_save_file(app *ap);
void review_set_verdict(app *ap, verdict v);
void review_edit_comment(app *ap);
void review_refresh_item(app *ap, size_t item);
/* Lines for the detail pane: verdict, comment, stale, rule. */
void review_draw_detail(app *ap, size_t item, int *y, int end, int x, int w);
/* The marks before an item's No. in the list. */
void review_marks(app *ap, size_t item, char *out);
bool app_item_visible(app *ap, size_t item);
const char *filter_label(item_filter f);

/* tui_prompt.c */
/* A one-line prompt; on_change (may be NULL) sees every edit. Returns the
 * text (caller frees) or NULL when cancelled with Esc. */
char *prompt_line(app *ap, const char *label, const char *initial,
		  void (*on_change)(app *ap, const char *text));
/* Asks a question answered by one of the keys in `keys` (Esc gives 27). */
int prompt_key(app *ap, const char *question, const char *keys);
void meta_screen(app *ap);

#endif
