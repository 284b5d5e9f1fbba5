#include <config.h>

/* The mapping screen (checksheet map): one customer question at a time,
 * with the item fill proposes, our answer to it, the score and the
 * runner-up. Enter accepts; s chooses another item by a search; x says no
 * item of ours answers it; t types an answer for this customer only.
 * Every choice is confirmed in the mapping file, which fill then follows
 * without asking again. Our answers are only read. */

#include "tui_map.h"

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/fill.h"
#include "../core/fill_mapping.h"
#include "../core/fold.h"
#include "../core/i18n.h"
#include "../core/ltext.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

typedef struct map_data {
	fill_book fb;
	fill_items fi;
	fill_mapping map;
	const char *workbook, *path;
	size_t cur;
	bool dirty;
} map_data;

static map_data *data_of(screen *sc) { return sc->data; }

static char *item_line(const map_data *d, long k, const char *lang)
{
	if (k < 0)
		return xstrdup(_("(no item of ours)"));
	const tmpl_item *it = d->fi.v[k].it;
	return xasprintf("No.%s %s", it->no ? it->no : "?", ltext_get(&it->title, lang));
}

static bool save(app *ap, map_data *d)
{
	problems ps;
	problems_init(&ps);
	fill_mapping_update(&d->map, &d->fb, &d->fi, d->workbook);
	bool ok = fill_mapping_save(&d->map, d->path, &ps);
	if (ok) {
		d->dirty = false;
		app_set_message(ap, false, _("Saved the mapping to %s."), d->path);
	} else
		app_set_message(ap, true, "%s", ps.n ? ps.v[ps.n - 1].message : _("could not save the mapping"));
	problems_free(&ps);
	return ok;
}

/* After a choice: the next question not confirmed yet, else the next. */
static void advance(map_data *d)
{
	for (size_t i = d->cur + 1; i < d->fb.n_q; i++)
		if (!d->fb.q[i].confirmed) {
			d->cur = i;
			return;
		}
	if (d->cur + 1 < d->fb.n_q)
		d->cur++;
}

static void confirm(app *ap, map_data *d, long item, const char *own)
{
	fill_question *q = &d->fb.q[d->cur];
	if (item != q->item) {
		q->runner = q->item;
		q->runner_score = q->score;
		q->item = item;
		q->score = item >= 0 ? fill_similarity(q->text, ltext_get(&d->fi.v[item].it->title, ap->s.lang)) : 0;
		q->how = FILL_HOW_MAPPING;
	}
	free(q->own_answer);
	q->own_answer = own && *own ? xstrdup(own) : NULL;
	q->confirmed = true;
	d->dirty = true;
	size_t done = 0;
	for (size_t i = 0; i < d->fb.n_q; i++)
		done += d->fb.q[i].confirmed;
	char *what = item_line(d, item, ap->s.lang);
	app_set_message(ap, false, _("Question %zu: %s (%zu of %zu confirmed)."), d->cur + 1, what, done, d->fb.n_q);
	free(what);
	advance(d);
}

static int on_accept(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	map_data *d = data_of(sc);
	fill_question *q = &d->fb.q[d->cur];
	confirm(ap, d, q->item, q->own_answer);
	return 0;
}

static int on_none(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	confirm(ap, data_of(sc), -1, NULL);
	return 0;
}

/* The item a search names: "No.12" or "12" by its No., else the item
 * whose title holds the text (folded), else the one most like it. */
static long find_item(const map_data *d, const char *text, const char *lang)
{
	const char *p = text;
	while (*p == ' ')
		p++;
	if ((p[0] == 'N' || p[0] == 'n') && (p[1] == 'o' || p[1] == 'O'))
		p += 2 + (p[2] == '.');
	if (*p >= '0' && *p <= '9')
		for (size_t k = 0; k < d->fi.n; k++)
			if (d->fi.v[k].it->no && strcmp(d->fi.v[k].it->no, p) == 0)
				return (long)k;
	char *needle = fold_text(text, NULL);
	long best = -1;
	double best_s = 0.05;
	for (size_t k = 0; k < d->fi.n && *needle; k++) {
		const char *title = ltext_get(&d->fi.v[k].it->title, lang);
		if (fold_contains(title, needle)) {
			best = (long)k;
			break;
		}
		double s = fill_similarity(text, title);
		if (s > best_s) {
			best_s = s;
			best = (long)k;
		}
	}
	free(needle);
	return best;
}

/* The prompts get the data itself: a screen's place in the stack moves
 * when the stack grows. */
static void search_done(app *ap, void *ctx, const char *text)
{
	map_data *d = ctx;
	if (!text || !*text)
		return;
	long k = find_item(d, text, ap->s.lang);
	if (k < 0) {
		app_set_message(ap, true, _("No item of ours matches \"%s\"."), text);
		return;
	}
	confirm(ap, d, k, NULL);
}

static int on_search(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	prompt_open(ap, _("Another item (No. or words of its title):"), "", search_done, NULL, data_of(sc), NULL);
	return 0;
}

static void own_done(app *ap, void *ctx, const char *text)
{
	map_data *d = ctx;
	if (!text || !*text)
		return;
	confirm(ap, d, d->fb.q[d->cur].item, text);
}

static int on_own(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	map_data *d = data_of(sc);
	const char *had = d->fb.q[d->cur].own_answer;
	prompt_open(ap, _("Answer for this customer only:"), had ? had : "", own_done, NULL, d, NULL);
	return 0;
}

static int on_next(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	map_data *d = data_of(sc);
	if (d->cur + 1 < d->fb.n_q)
		d->cur++;
	return 0;
}

static int on_prev(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	map_data *d = data_of(sc);
	if (d->cur)
		d->cur--;
	return 0;
}

static int on_save(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	save(ap, data_of(sc));
	return 0;
}

static int on_quit(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	map_data *d = data_of(sc);
	if (!d->dirty || save(ap, d))
		return KEY_RESULT_QUIT;
	return 0;
}

/* Wrapped lines of text at x, width w, from row y; returns the next row. */
static int wrapped(int y, int end, int x, int w, const char *text)
{
	while (*text && y < end) {
		size_t used;
		size_t n = utf8_prefix_fitting(text, (size_t)w, &used);
		const char *nl = memchr(text, '\n', n ? n : 1);
		if (nl)
			n = (size_t)(nl - text);
		if (!n && !nl)
			n = utf8_next(text, strlen(text), 0);
		char *line = xstrndup(text, n);
		draw_clip_fill(y++, x, w, line);
		free(line);
		text += n + (nl != NULL);
	}
	return y;
}

/* ---- its help: these keys and the prompt's, not the editor's ---- */

extern const screen_class map_screen;

static int on_help_close(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	screen_pop(ap);
	app_set_message(ap, false, "%s", "");
	return 0;
}

static void map_help_free(screen *sc) { free(sc->data); }

static void draw_map_help(app *ap, screen *sc)
{
	erase();
	attron(A_REVERSE);
	draw_clip_fill(0, 0, ap->lay.cols, _(" checksheet map: the keys; q or Esc closes"));
	attroff(A_REVERSE);
	wrapped(1, ap->lay.msg_y, 1, ap->lay.cols - 2, sc->data);
}

static const screen_key map_help_keys[] = {
	{'q', false, false, on_help_close, "q Esc ?", N_("close the help"), N_("Close")},
	{KEY_ESCAPE, false, false, on_help_close, NULL, NULL, NULL},
	{'?', false, false, on_help_close, NULL, NULL, NULL},
};

const screen_class map_help_screen = {
	"map-help", N_("The mapping screen's help"), SCREEN_KEYS(map_help_keys), draw_map_help, map_help_free,
	true, true, NULL,
};

static int on_help(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	char *a = screen_help_text(&map_screen), *b = screen_help_text(&prompt_screen);
	screen_push(ap, &map_help_screen, xasprintf("%s\n%s", a, b));
	free(a);
	free(b);
	return 0;
}

static void draw_map(app *ap, screen *sc)
{
	map_data *d = data_of(sc);
	const layout *l = &ap->lay;
	int w = l->cols - 2, end = l->msg_y;
	for (int r = 0; r < end; r++)
		draw_fill(r, 0, l->cols);
	const fill_question *q = &d->fb.q[d->cur];
	const fill_table *t = &d->fb.tables[q->table];
	size_t done = 0;
	for (size_t i = 0; i < d->fb.n_q; i++)
		done += d->fb.q[i].confirmed;
	char *head = xasprintf(_("%s — question %zu of %zu (%zu confirmed)%s"), d->workbook, d->cur + 1, d->fb.n_q,
			       done, d->dirty ? _(" [not saved]") : "");
	attron(A_REVERSE);
	draw_clip_fill(0, 0, l->cols, head);
	attroff(A_REVERSE);
	free(head);
	char col[8];
	fill_col_name(t->col_ans, col);
	char *where = xasprintf(_("Sheet %s, row %d (answer cell %s%d)%s%s"), t->sheet_name, q->row, col, q->row,
				q->no ? "  No." : "", q->no ? q->no : "");
	int y = 2;
	draw_clip_fill(y++, 1, w, where);
	free(where);
	attron(A_BOLD);
	y = wrapped(y, end, 3, w - 2, q->text);
	attroff(A_BOLD);
	y++;
	char *best = item_line(d, q->item, ap->s.lang);
	char *line = q->confirmed ? xasprintf(_("Confirmed: %s"), best)
				  : xasprintf(_("Proposed: %s  (score %.2f)"), best, q->score);
	if (y < end)
		draw_clip_fill(y++, 1, w, line);
	free(line);
	free(best);
	if (q->own_answer && y < end) {
		char *own = xasprintf(_("Answer for this customer only: %s"), q->own_answer);
		y = wrapped(y, end, 3, w - 2, own);
		free(own);
	} else if (q->item >= 0) {
		const answer *an = d->fi.v[q->item].an;
		char *ours = xasprintf(_("Our answer: %s"), an && an->value ? an->value : _("(none)"));
		y = wrapped(y, end, 3, w - 2, ours);
		free(ours);
		if (an && an->note)
			y = wrapped(y, end, 5, w - 4, an->note);
	}
	if (q->runner >= 0 && y + 1 < end) {
		char *r = item_line(d, q->runner, ap->s.lang);
		char *rl = xasprintf(_("Runner-up: %s  (score %.2f)"), r, q->runner_score);
		draw_clip_fill(++y, 1, w, rl);
		free(rl);
		free(r);
	}
}

static void map_free(screen *sc)
{
	(void)sc; /* the data belongs to tui_map */
}

static const screen_key map_keys[] = {
	{'\n', false, false, on_accept, "Enter a", N_("accept the proposed item for this question"), N_("Accept")},
	{'a', false, false, on_accept, NULL, NULL, NULL},
	{'s', false, false, on_search, "s /", N_("choose another item: by its No. or words of its title"), N_("Other")},
	{'/', false, false, on_search, NULL, NULL, NULL},
	{'x', false, false, on_none, "x", N_("no item of ours answers this question"), N_("None")},
	{'t', false, false, on_own, "t", N_("type an answer for this customer only (kept in the mapping)"), N_("Type")},
	{KEY_DOWN, true, false, on_next, "↓ ↑ j k", N_("next / previous question"), NULL},
	{KEY_UP, true, false, on_prev, NULL, NULL, NULL},
	{'j', false, false, on_next, NULL, NULL, NULL},
	{'k', false, false, on_prev, NULL, NULL, NULL},
	{'w', false, false, on_save, "w", N_("save the mapping"), N_("Save")},
	{'q', false, false, on_quit, "q", N_("save the mapping and leave"), N_("Quit")},
	{'?', false, false, on_help, "?", N_("help"), N_("Help")},
};

const screen_class map_screen = {
	"map", N_("Mapping a customer's questions"), SCREEN_KEYS(map_keys), draw_map, map_free, true, true, NULL,
};

int tui_map(const tui_options *opt, const char *workbook, const char *mapping_path, problems *ps)
{
	app ap;
	if (!app_open(&ap, opt, ps)) {
		app_close(&ap);
		return 2;
	}
	map_data d;
	memset(&d, 0, sizeof d);
	d.workbook = workbook;
	d.path = mapping_path;
	fill_mapping_init(&d.map);
	int status = 0;
	if (!fill_book_open(&d.fb, workbook, &opt->limits, &(fill_overrides){0}, ps) ||
	    (access(mapping_path, F_OK) == 0 && !fill_mapping_load(&d.map, mapping_path, &opt->limits, ps))) {
		status = 2;
		goto out;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		problems_add(ps, workbook, (cs_mark){0, 0}, SEV_FATAL, "no-terminal", "%s",
			     _("the mapping screen needs a terminal; checksheet fill writes the mapping without one"));
		status = 2;
		goto out;
	}
	sheet *sheets[1] = {&ap.s};
	fill_items_build(&d.fi, sheets, 1, ap.s.lang);
	fill_match_book(&d.fb, &d.fi);
	fill_mapping_apply(&d.map, &d.fb, &d.fi);
	for (size_t i = 0; i < d.fb.n_q && d.fb.q[i].confirmed; i++)
		d.cur = i + 1 < d.fb.n_q ? i + 1 : i;
	session_start_terminal();
	screen_push(&ap, &map_screen, &d);
	app_set_message(&ap, false, _("%zu questions in %s. Enter accepts, s another item, x none, t an answer by hand, q saves and leaves."),
			d.fb.n_q, workbook);
	/* the editor's loop, until the map screen is left (the sheet's
	 * browser stays beneath it, never shown) */
	app_run(&ap, 1);
	session_restore_terminal();
out:
	fill_mapping_free(&d.map);
	fill_items_free(&d.fi);
	fill_book_free(&d.fb);
	app_close(&ap);
	return status;
}
