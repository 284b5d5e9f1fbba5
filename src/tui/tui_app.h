#ifndef CHECKSHEET_TUI_APP_H
#define CHECKSHEET_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/sheet.h"
#include "../core/textfield.h"
#include "tui.h"
#include "tui_screen.h"

#define TUI_MIN_COLS 50
#define TUI_MIN_ROWS 14
#define TUI_MAX_MESSAGE_LINES 4

typedef enum pane { PANE_SECTIONS, PANE_ITEMS } pane;

/* Which items the list shows. */
typedef enum item_filter {
	FILTER_ALL,
	FILTER_PROBLEMS,   /* unanswered, invalid (and question / ng with a review) */
	FILTER_UNJUDGED,
	FILTER_QUESTION,
	FILTER_NG,
	FILTER_RULES,      /* a rule failed or is unknown */
	FILTER_STALE,      /* changed since review */
	FILTER_DRAFTS,     /* drafts to confirm (sheet_is_draft); answering only */
	FILTER_COUNT
} item_filter;

/* Where each part of the screen is; recomputed before every draw. */
typedef struct layout {
	int rows, cols;
	bool too_small;
	int sec_w;               /* section list width (left) */
	int body_y, body_h;      /* rows between title bar and message area */
	int list_x, list_w, list_h;
	int detail_y, detail_h;
	int msg_y, msg_h;        /* the message area (wraps long messages) */
	int prompt_rows;         /* its last row holds a prompt */
} layout;

typedef struct raw_key {
	int code;
	bool fk;
} raw_key;

/* The browser's view of the sheet: what the screens show, never facts
 * about the answers (those are asked of the sheet). */
struct app {
	const tui_options *opt;
	sheet s;
	/* the search index is built while no key waits (sheet_search_idle):
	 * the first search of a big sheet finds it ready */
	bool search_idle;
	/* sections: the template's, then (when any) one of unknown items */
	size_t n_sections;
	size_t section;
	size_t *view;            /* items listed (template index; >= n_items: unknown k) */
	size_t n_view, cap_view;
	size_t sel, top, sec_top;
	pane focus;
	item_filter filter;
	item_filter filter_probe; /* the filter f tried last (it may have matched nothing) */
	char *search;            /* folded */
	char *search_text;       /* as typed */
	size_t detail_top;       /* first row of the detail pane shown */
	size_t detail_rows;      /* rows the detail pane had at the last draw */
	size_t detail_item;      /* the item detail_top belongs to */
	char message[1024];
	bool message_is_error;
	layout lay;
	screen *stack;
	size_t n_stack, cap_stack;
	bool quit;
	bool redraw_all;
	/* the recovery journal (tui_session.c) */
	unsigned long journal_changes;  /* s.changes when last written */
	long journal_since, journal_last_key;  /* ms: first unjournaled change, last key */
	bool journal_off;        /* an old recovery file waits for a decision */
	raw_key *queue;          /* keys read ahead: [q_head, n_queue) */
	size_t q_head, n_queue, cap_queue;
};

/* tui_app.c */
/* Opens the sheet and the browser, without the terminal (tests use it). */
/* Reads keys and hands them to the top screen (pastes, resizes, idle
 * work, the journal and signals looked after) until the user quits or
 * no more than keep screens are left on the stack. */
void app_run(app *ap, size_t keep);
bool app_open(app *ap, const tui_options *opt, problems *ps);
void app_close(app *ap);
/* Opens the file again from disk, dropping unsaved changes. */
bool app_reload(app *ap, problems *ps);
/* What the main loop does with a key: returns the handler's flags, 0 when
 * no screen takes it. */
int app_handle_key(app *ap, key_event *k);
void app_set_message(app *ap, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_layout(app *ap);
size_t app_current_item(const app *ap);  /* index in t.items, or SIZE_MAX */
void app_select_item(app *ap, size_t item);
bool app_item_visible(app *ap, size_t item);
void app_build_view(app *ap);
void app_set_section(app *ap, size_t sec);
void app_keep_visible(app *ap);
bool app_is_unknown_section(const app *ap, size_t sec);
const char *filter_label(item_filter f);
/* True when the item needs a look (the p key and the problem filter). */
bool app_needs_attention(app *ap, size_t item);

/* tui_draw.c: helpers every screen uses */
int draw_text(int y, int x, int width, const char *s);
int draw_span(int y, int x, int width, const char *s, size_t skip);
void draw_clip_fill(int y, int x, int width, const char *s);
void draw_fill(int y, int x, int width);
void draw_color_on(int pair);
void draw_color_off(int pair);
/* The browser: title, sections, items, detail, message, hints. */
void draw_browser(app *ap, screen *sc);
void draw_message_area(app *ap);
void draw_hints(app *ap, const screen_class *cls);
void draw_too_small(app *ap);
/* Lines of the detail pane for an item (the current one), with attrs. */
typedef struct detail_line {
	char *text;
	int attr;
	int color;   /* 0: default */
} detail_line;
size_t detail_build(app *ap, size_t item, int width, detail_line **out);
void detail_free(detail_line *v, size_t n);
/* Draws the multi-line field of tf in rows [y, end) at x, width w. */
void draw_multiline_field(textfield *tf, int y, int end, int x, int w, int *cur_y, int *cur_x);

/* tui_browser.c */
extern const screen_class browser_edit_screen, browser_review_screen;

/* tui_field.c: the editors */
extern const screen_class value_field_screen, text_editor_screen;
/* The value of an item in a one-line field (a multi-line editor for text
 * items); initial NULL: the current value. */
void field_open_value(app *ap, size_t item, const char *initial);
/* The note editor; group: close a sheet group when it closes. */
void field_open_note(app *ap, size_t item, bool close_group);
void field_open_comment(app *ap, size_t item);
/* Any text of an item in the multi-line editor (a case's value): done
 * gets the text, or NULL when cancelled; live shows the reading. */
typedef void (*prompt_done)(app *ap, void *ctx, const char *text);
void field_open_text(app *ap, size_t item, const char *label, const char *initial, bool live, prompt_done done,
		     void *ctx, void (*ctx_free)(void *));
/* Applies an editing key to a text field; false when it is not one. */
bool field_edit_key(textfield *tf, const key_event *k, size_t width);

/* tui_picker.c */
extern const screen_class picker_screen;
void picker_open(app *ap, size_t item);

/* tui_lists.c */
extern const screen_class list_screen;
void list_open(app *ap, size_t item);

/* tui_meta.c */
extern const screen_class meta_screen;
void meta_open(app *ap);

/* tui_prompt.c: a line prompt and a question */
extern const screen_class prompt_screen, question_screen;
typedef void (*prompt_change)(app *ap, void *ctx, const char *text);
void prompt_open(app *ap, const char *label, const char *initial, prompt_done done, prompt_change change,
		 void *ctx, void (*ctx_free)(void *));
/* A question answered by one of keys ("yn"); done gets the key or 27. */
typedef void (*question_done)(app *ap, void *ctx, int key);
void question_open(app *ap, const char *question, const char *keys, question_done done, void *ctx);

/* tui_session.c: terminal, signals, recovery journal */
void session_start_terminal(void);
void session_restore_terminal(void);
int session_read_timeout(app *ap);
void session_idle(app *ap);
void session_after_key(app *ap);
void session_journal_write(app *ap);
void session_after_save(app *ap);
void session_discard(app *ap);
void session_offer_recovery(app *ap);
/* Takes the editing lock, or asks what to do when another holds it; then
 * offers recovered work. */
void session_take_lock(app *ap);

/* tui_app.c: keys that every screen takes (^L) */
extern const screen_class global_screen;

/* tui_help.c */
extern const screen_class help_screen;
void help_open(app *ap);

/* The screen classes, for the key-table test and the help screen. */
extern const screen_class *const all_screens[];
extern const size_t all_screens_count;

#endif
