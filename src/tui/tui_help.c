#include <config.h>

/* The help screen: printed from the key tables of the screens, so that it
 * says exactly what the keys do; then what the marks mean. */

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"
#include "tui_map.h"

typedef struct help_data {
	char *text;
	size_t top;
} help_data;

const screen_class *const all_screens[] = {
	&browser_edit_screen, &browser_review_screen, &value_field_screen, &text_editor_screen, &picker_screen,
	&list_screen, &meta_screen, &prompt_screen, &question_screen, &help_screen, &map_screen,
	&map_help_screen,
};
const size_t all_screens_count = sizeof all_screens / sizeof *all_screens;

static char *help_text(app *ap)
{
	strbuf sb;
	sb_init(&sb);
	const screen_class *first = ap->s.review_mode ? &browser_review_screen : &browser_edit_screen;
	char *t = screen_help_text(first);
	sb_printf(&sb, "%s\n", t);
	free(t);
	static const screen_class *const editing[] = {&value_field_screen, &text_editor_screen, &picker_screen,
						       &list_screen, &meta_screen, &prompt_screen};
	static const screen_class *const reviewing[] = {&text_editor_screen, &prompt_screen};
	const screen_class *const *v = ap->s.review_mode ? reviewing : editing;
	size_t n = ap->s.review_mode ? sizeof reviewing / sizeof *reviewing : sizeof editing / sizeof *editing;
	for (size_t i = 0; i < n; i++) {
		t = screen_help_text(v[i]);
		sb_printf(&sb, "%s\n", t);
		free(t);
	}
	t = screen_help_text(&global_screen);
	sb_printf(&sb, "%s\n", t);
	free(t);
	sb_printf(&sb, "%s\n", _("Marks in the item list"));
	sb_printf(&sb, "  +  %s\n  !  %s\n  *  %s\n     %s\n  ?  %s\n", _("answered and valid"),
		  _("answered, but the value has a problem"), _("required, not answered"),
		  _("optional, not answered"), _("an unknown item (not in the template)"));
	if (!ap->s.review_mode)
		sb_printf(&sb, "  d  %s\n", _("a draft to confirm: valid, and saved with status: draft"));
	if (ap->s.has_review || ap->s.has_rq) {
		sb_printf(&sb, "\n%s\n", _("Review marks (after the answer mark)"));
		sb_printf(&sb, "  o  %s\n  ?  %s\n  x  %s\n  ~  %s\n", _("verdict ok"), _("verdict question (要確認)"),
			  _("verdict ng"), _("changed since review: the verdict judged an older answer"));
		sb_printf(&sb, "  =  %s\n  F  %s\n  U  %s\n", _("the policy's rule passes"), _("the rule fails"),
			  _("the rule is unknown (unanswered, unreadable or n/a)"));
	}
	if (!ap->s.review_mode)
		sb_printf(&sb, "\n%s\n%s\n", _("Drafts"),
			  _("A draft is an answer (a value, cases, rows or a note) saved with `status: draft`, "
			    "as the importer saves every value it reads out of prose, so that a person confirms it. "
			    "An answer typed here without a status is not a draft to confirm, nor is a final one. "
			    "f shows only the drafts (when there are any), the title bar counts them, and y confirms "
			    "the current one: it becomes final (u undoes), and in the drafts filter the cursor goes on "
			    "to the next draft. An answer with a problem cannot be confirmed: fix it first."));
	sb_printf(&sb, "\n%s\n  ↑ ↓  %s\n", _("Markers"), _("more items or sections above / below"));
	sb_printf(&sb, "  ▲ ▼  %s\n", _("more of the item's details: < and > page them"));
	return sb_take(&sb);
}

static void draw_help(app *ap, screen *sc)
{
	help_data *d = sc->data;
	erase();
	attron(A_REVERSE);
	draw_clip_fill(0, 0, ap->lay.cols, _(" checksheet help: ↑↓ PgUp PgDn scroll, q or Esc closes"));
	attroff(A_REVERSE);
	text_line *lines;
	size_t n = tf_wrap(d->text, (size_t)(ap->lay.cols > 2 ? ap->lay.cols - 2 : 2), &lines);
	int h = ap->lay.msg_y - 1;
	/* the last page is a full page */
	if (d->top + (size_t)h > n)
		d->top = n > (size_t)h ? n - (size_t)h : 0;
	for (int r = 0; r < h && d->top + (size_t)r < n; r++) {
		text_line li = lines[d->top + (size_t)r];
		char *part = xstrndup(d->text + li.start, li.end - li.start);
		draw_text(1 + r, 1, ap->lay.cols - 2, part);
		free(part);
	}
	if (d->top + (size_t)h < n)
		app_set_message(ap, false, _("%zu%% — more below (↓ PgDn)"), (d->top + (size_t)h) * 100 / n);
	else
		app_set_message(ap, false, "%s", _("End of the help (q closes)."));
	free(lines);
}

static size_t page(app *ap) { return ap->lay.msg_y > 3 ? (size_t)ap->lay.msg_y - 3 : 1; }

static int on_down(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	help_data *d = sc->data;
	d->top++;
	return 0;
}

static int on_up(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	help_data *d = sc->data;
	if (d->top)
		d->top--;
	return 0;
}

static int on_page_down(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	help_data *d = sc->data;
	d->top += page(ap);
	return 0;
}

static int on_page_up(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	help_data *d = sc->data;
	d->top = d->top > page(ap) ? d->top - page(ap) : 0;
	return 0;
}

static int on_close(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	screen_pop(ap);
	app_set_message(ap, false, "%s", "");
	return 0;
}

static void help_free(screen *sc)
{
	help_data *d = sc->data;
	free(d->text);
	free(d);
}

static const screen_key help_keys[] = {
	{KEY_DOWN, true, false, on_down, "↓ j", N_("scroll down"), NULL},
	{'j', false, false, on_down, NULL, NULL, NULL},
	{KEY_UP, true, false, on_up, "↑ k", N_("scroll up"), NULL},
	{'k', false, false, on_up, NULL, NULL, NULL},
	{KEY_NPAGE, true, false, on_page_down, "PgDn Space", N_("page down"), NULL},
	{' ', false, false, on_page_down, NULL, NULL, NULL},
	{KEY_PPAGE, true, false, on_page_up, "PgUp", N_("page up"), NULL},
	{'q', false, false, on_close, "q Esc ? F1", N_("close the help"), N_("Close")},
	{KEY_ESCAPE, false, false, on_close, NULL, NULL, NULL},
	{'?', false, false, on_close, NULL, NULL, NULL},
	{KEY_F(1), true, false, on_close, NULL, NULL, NULL},
};

const screen_class help_screen = {
	"help", N_("The help"), SCREEN_KEYS(help_keys), draw_help, help_free, true, true, NULL,
};

void help_open(app *ap)
{
	help_data *d = xcalloc(1, sizeof *d);
	d->text = help_text(ap);
	screen_push(ap, &help_screen, d);
}
