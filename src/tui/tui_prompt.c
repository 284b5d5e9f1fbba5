#include <config.h>

/* A one-line prompt in the message area (search, jump, a case's
 * condition, a table cell...) and a question answered with one key. Both
 * sit on top of the screen that asked, which stays drawn beneath. */

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

typedef struct prompt_data {
	char *label;
	textfield tf;
	prompt_done done;
	prompt_change change;
	void *ctx;
	void (*ctx_free)(void *);
} prompt_data;

static void prompt_free(screen *sc)
{
	prompt_data *d = sc->data;
	free(d->label);
	tf_free(&d->tf);
	if (d->ctx_free)
		d->ctx_free(d->ctx);
	free(d);
}

static void changed(app *ap, prompt_data *d, const char *before)
{
	if (d->change && strcmp(before, tf_text(&d->tf)) != 0)
		d->change(ap, d->ctx, tf_text(&d->tf));
}

static int on_edit(app *ap, screen *sc, const key_event *k)
{
	prompt_data *d = sc->data;
	char *before = xstrdup(tf_text(&d->tf));
	field_edit_key(&d->tf, k, 0);
	changed(ap, d, before);
	free(before);
	return 0;
}

static int on_text(app *ap, screen *sc, const char *utf8)
{
	prompt_data *d = sc->data;
	char *before = xstrdup(tf_text(&d->tf));
	tf_insert(&d->tf, utf8);
	changed(ap, d, before);
	free(before);
	return 0;
}

/* The callback may open the next prompt: take what it needs first. */
static void finish(app *ap, screen *sc, bool ok)
{
	prompt_data *d = sc->data;
	prompt_done done = d->done;
	void *ctx = d->ctx;
	void (*ctx_free)(void *) = d->ctx_free;
	char *text = ok ? xstrdup(tf_text(&d->tf)) : NULL;
	d->ctx_free = NULL;
	screen_pop(ap);
	if (done)
		done(ap, ctx, text);
	if (ctx_free)
		ctx_free(ctx);
	free(text);
}

static int on_enter(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	finish(ap, sc, true);
	return 0;
}

static int on_cancel(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	finish(ap, sc, false);
	return 0;
}

static int on_save(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	app_set_message(ap, true, "%s", _("Press Enter to finish the prompt first, then ^S."));
	return 0;
}

static void draw_prompt(app *ap, screen *sc)
{
	prompt_data *d = sc->data;
	const layout *l = &ap->lay;
	int y = l->msg_y + l->msg_h - 1;
	int lw = (int)utf8_width(d->label);
	if (lw > l->cols / 2)
		lw = l->cols / 2;
	attron(A_BOLD);
	draw_clip_fill(y, 0, lw, d->label);
	attroff(A_BOLD);
	tf_scroll_single(&d->tf, (size_t)(l->cols - lw));
	int used = draw_span(y, lw, l->cols - lw, tf_text(&d->tf), d->tf.scroll_col);
	move(y, lw + used);
	for (; lw + used < l->cols; used++)
		addch(' ');
	sc->cursor_y = y;
	sc->cursor_x = lw + (int)(utf8_width_n(tf_text(&d->tf), d->tf.cursor) - d->tf.scroll_col);
}

static const screen_key prompt_keys[] = {
	{'\n', false, false, on_enter, "Enter", N_("done"), N_("OK")},
	{KEY_ESCAPE, false, false, on_cancel, "Esc", N_("cancel"), N_("Cancel")},
	FIELD_EDIT_KEYS(on_edit, on_save),
};

const screen_class prompt_screen = {
	"prompt", N_("A prompt"), SCREEN_KEYS(prompt_keys), draw_prompt, prompt_free, false, false, on_text,
};

void prompt_open(app *ap, const char *label, const char *initial, prompt_done done, prompt_change change,
		 void *ctx, void (*ctx_free)(void *))
{
	prompt_data *d = xcalloc(1, sizeof *d);
	d->label = xstrdup(label);
	tf_init(&d->tf, initial ? initial : "", false);
	d->tf.cursor = d->tf.text.len;
	d->done = done;
	d->change = change;
	d->ctx = ctx;
	d->ctx_free = ctx_free;
	screen_push(ap, &prompt_screen, d);
}

/* ---- a question ---- */

typedef struct question_data {
	char *keys;
	question_done done;
	void *ctx;
} question_data;

static void question_free(screen *sc)
{
	question_data *d = sc->data;
	free(d->keys);
	free(d);
}

static void give_answer(app *ap, screen *sc, int key)
{
	question_data *d = sc->data;
	question_done done = d->done;
	void *ctx = d->ctx;
	screen_pop(ap);
	app_set_message(ap, false, "%s", "");
	done(ap, ctx, key);
}

static int on_key(app *ap, screen *sc, const key_event *k)
{
	question_data *d = sc->data;
	int key = k->code >= 'A' && k->code <= 'Z' ? k->code + 32 : k->code;
	if (!strchr(d->keys, key)) {
		/* keep asking: the question stays in the message area */
		return 0;
	}
	give_answer(ap, sc, key);
	return 0;
}

static int on_escape(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	give_answer(ap, sc, KEY_ESCAPE);
	return 0;
}

static void draw_question(app *ap, screen *sc)
{
	(void)ap, (void)sc;  /* the question is the message; the screen below stays */
}

/* Every answer a question may offer; each question names the ones it
 * takes in its text, and the others are passed over. */
static const screen_key question_keys[] = {
	{'y', false, false, on_key, "y n", N_("yes / no"), NULL},
	{'n', false, false, on_key, NULL, NULL, NULL},
	{'o', false, false, on_key, "o r s t q", N_("the other answers a question may offer: overwrite, reload or read-only, save as, take over, quit"), NULL},
	{'r', false, false, on_key, NULL, NULL, NULL},
	{'s', false, false, on_key, NULL, NULL, NULL},
	{'t', false, false, on_key, NULL, NULL, NULL},
	{'q', false, false, on_key, NULL, NULL, NULL},
	{'Y', false, false, on_key, "Y N O R S T Q", N_("the same, in capitals"), NULL},
	{'N', false, false, on_key, NULL, NULL, NULL},
	{'O', false, false, on_key, NULL, NULL, NULL},
	{'R', false, false, on_key, NULL, NULL, NULL},
	{'S', false, false, on_key, NULL, NULL, NULL},
	{'T', false, false, on_key, NULL, NULL, NULL},
	{'Q', false, false, on_key, NULL, NULL, NULL},
	{KEY_ESCAPE, false, false, on_escape, "Esc", N_("back, changing nothing"), N_("Back")},
};

const screen_class question_screen = {
	"question", N_("A question"), SCREEN_KEYS(question_keys), draw_question, question_free, false, true, NULL,
};

void question_open(app *ap, const char *question, const char *keys, question_done done, void *ctx)
{
	question_data *d = xcalloc(1, sizeof *d);
	d->keys = xstrdup(keys);
	d->done = done;
	d->ctx = ctx;
	screen_push(ap, &question_screen, d);
	app_set_message(ap, false, "%s", question);
}
