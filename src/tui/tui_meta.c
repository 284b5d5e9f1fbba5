#include <config.h>

/* The subject (document title, organization, service, contact) and the revision history,
 * on a screen of their own. Changes are sheet operations: undo covers them. */

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/i18n.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

static const struct {
	const char *key, *label;
} subject_rows[] = {
	{"organization", N_("Organization")},
	{"service", N_("Service")},
	{"contact", N_("Contact")},
	/* the published document's title (export -f html, md); empty: the template's */
	{"title", N_("Document title")},
};
#define N_SUBJECT (sizeof subject_rows / sizeof *subject_rows)

typedef struct meta_data {
	size_t sel;   /* < N_SUBJECT: a subject row; else revision sel - N_SUBJECT */
} meta_data;

static size_t row_count(app *ap) { return N_SUBJECT + ap->s.a.n_revisions; }

static void draw_meta(app *ap, screen *sc)
{
	meta_data *d = sc->data;
	erase();
	int w = ap->lay.cols, bottom = ap->lay.msg_y;
	attron(A_REVERSE);
	draw_clip_fill(0, 0, w, _(" Subject and revisions: Enter edit, a add a revision, d delete it, Esc back"));
	attroff(A_REVERSE);
	size_t n = row_count(ap);
	if (d->sel >= n)
		d->sel = n - 1;
	int y = 2;
	for (size_t i = 0; i < n && y < bottom; i++) {
		char *line;
		if (i < N_SUBJECT) {
			const char *v = answers_subject(&ap->s.a, subject_rows[i].key);
			line = xasprintf("%s %s: %s", i == d->sel ? ">" : " ", _(subject_rows[i].label), v ? v : "");
		} else {
			const revision *r = &ap->s.a.revisions[i - N_SUBJECT];
			if (i == N_SUBJECT && y + 1 < bottom)
				draw_clip_fill(y++, 0, w, _("  Revision history (version, date, note):"));
			line = xasprintf("%s   %s  %s  %s", i == d->sel ? ">" : " ", r->version ? r->version : "",
					 r->date ? r->date : "", r->note ? r->note : "");
		}
		if (i == d->sel)
			attron(A_BOLD);
		draw_clip_fill(y++, 0, w, line);
		if (i == d->sel)
			attroff(A_BOLD);
		free(line);
	}
	/* merge conflicts of the subject and revisions, first the one o and t take */
	size_t nc = sheet_file_conflicts(&ap->s);
	for (size_t i = 0; i < nc && y + 1 < bottom; i++) {
		conflict c;
		char *line;
		if (conflicts_get(sheet_file_conflict_records(&ap->s), i, &c)) {
			char *what = conflict_describe(&c);
			line = i == 0 ? xasprintf(_("! %s (o keeps ours, t takes theirs)"), what) : xasprintf("! %s", what);
			free(what);
		} else
			line = xstrdup(_("! malformed merge conflict record: edit the file by hand"));
		if (i == 0)
			y++;
		attron(A_BOLD);
		draw_clip_fill(y++, 0, w, line);
		attroff(A_BOLD);
		free(line);
	}
}

static int take_side(app *ap, conflict_side side)
{
	const char *why;
	if (!sheet_file_conflicts(&ap->s))
		app_set_message(ap, false, "%s", _("No merge conflict in the subject or revisions."));
	else if (!sheet_resolve_file_conflict(&ap->s, side, &why))
		app_set_message(ap, true, "%s", why);
	else
		app_set_message(ap, false, side == CONFLICT_THEIRS ? _("Took theirs.") : _("Kept ours."));
	return 0;
}

static int on_keep_ours(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	return take_side(ap, CONFLICT_OURS);
}

static int on_take_theirs(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	return take_side(ap, CONFLICT_THEIRS);
}

static int on_up(app *ap, screen *sc, const key_event *k)
{
	(void)ap, (void)k;
	meta_data *d = sc->data;
	if (d->sel)
		d->sel--;
	return 0;
}

static int on_down(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	meta_data *d = sc->data;
	if (d->sel + 1 < row_count(ap))
		d->sel++;
	return 0;
}

static void subject_done(app *ap, void *ctx, const char *text)
{
	size_t row = (size_t)(uintptr_t)ctx;
	if (text)
		sheet_set_subject(&ap->s, subject_rows[row].key, text);
}

static void revision_note_done(app *ap, void *ctx, const char *text)
{
	size_t i = (size_t)(uintptr_t)ctx;
	if (!text || i >= ap->s.a.n_revisions)
		return;
	const revision *r = &ap->s.a.revisions[i];
	sheet_set_revision(&ap->s, i, r->version, r->date, text);
}

static int on_edit(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	meta_data *d = sc->data;
	if (d->sel < N_SUBJECT) {
		char *label = xasprintf("%s: ", _(subject_rows[d->sel].label));
		prompt_open(ap, label, answers_subject(&ap->s.a, subject_rows[d->sel].key), subject_done, NULL,
			    (void *)(uintptr_t)d->sel, NULL);
		free(label);
	} else {
		size_t i = d->sel - N_SUBJECT;
		prompt_open(ap, _("What changed: "), ap->s.a.revisions[i].note, revision_note_done, NULL,
			    (void *)(uintptr_t)i, NULL);
	}
	return 0;
}

/* Adding a revision asks three things, then adds it as one step. */
typedef struct revision_draft {
	char *version, *date;
} revision_draft;

static void draft_free(void *p)
{
	revision_draft *r = p;
	free(r->version);
	free(r->date);
	free(r);
}

static revision_draft *draft_copy(const revision_draft *r)
{
	revision_draft *c = xcalloc(1, sizeof *c);
	c->version = r->version ? xstrdup(r->version) : NULL;
	c->date = r->date ? xstrdup(r->date) : NULL;
	return c;
}

static void note_done(app *ap, void *ctx, const char *text)
{
	revision_draft *r = ctx;
	if (!text)
		return;
	sheet_add_revision(&ap->s, r->version, r->date, text);
	app_set_message(ap, false, _("Added revision %s."), r->version);
}

static void date_done(app *ap, void *ctx, const char *text)
{
	if (!text)
		return;
	revision_draft *next = draft_copy(ctx);
	next->date = xstrdup(text);
	prompt_open(ap, _("What changed: "), "", note_done, NULL, next, draft_free);
}

static void version_done(app *ap, void *ctx, const char *text)
{
	(void)ctx;
	if (!text)
		return;
	revision_draft *next = xcalloc(1, sizeof *next);
	next->version = xstrdup(text);
	char date[16];
	time_t now = time(NULL);
	struct tm tm;
	strftime(date, sizeof date, "%Y-%m-%d", localtime_r(&now, &tm));
	prompt_open(ap, _("Date: "), date, date_done, NULL, next, draft_free);
}

static char *next_version(const answers *a)
{
	if (!a->n_revisions || !a->revisions[a->n_revisions - 1].version)
		return xstrdup("1.0");
	const char *v = a->revisions[a->n_revisions - 1].version;
	int major, minor;
	if (sscanf(v, "%d.%d", &major, &minor) == 2)
		return xasprintf("%d.%d", major, minor + 1);
	return xstrdup(v);
}

static int on_add(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	char *v = next_version(&ap->s.a);
	prompt_open(ap, _("Version: "), v, version_done, NULL, NULL, NULL);
	free(v);
	return 0;
}

static void delete_answer(app *ap, void *ctx, int key)
{
	if (key == 'y')
		sheet_remove_revision(&ap->s, (size_t)(uintptr_t)ctx);
}

static int on_delete(app *ap, screen *sc, const key_event *k)
{
	(void)k;
	meta_data *d = sc->data;
	if (d->sel < N_SUBJECT)
		return 0;
	size_t i = d->sel - N_SUBJECT;
	char *q = xasprintf(_("Delete revision %s? (y) delete, (n) keep"), ap->s.a.revisions[i].version
										 ? ap->s.a.revisions[i].version : "");
	question_open(ap, q, "yn", delete_answer, (void *)(uintptr_t)i);
	free(q);
	return 0;
}

static int on_back(app *ap, screen *sc, const key_event *k)
{
	(void)sc, (void)k;
	screen_pop(ap);
	app_set_message(ap, false, "%s", "");
	return 0;
}

static void meta_free(screen *sc) { free(sc->data); }

static const screen_key meta_keys[] = {
	{'\n', false, false, on_edit, "Enter", N_("edit the field or the revision's note"), N_("Edit")},
	{'a', false, false, on_add, "a", N_("add a revision"), N_("Add")},
	{'d', false, false, on_delete, "d", N_("delete the revision (asks)"), NULL},
	{'o', false, false, on_keep_ours, "o", N_("merge conflict: keep ours"), NULL},
	{'t', false, false, on_take_theirs, "t", N_("merge conflict: take theirs"), NULL},
	{KEY_UP, true, false, on_up, "↑ ↓ k j", N_("move"), NULL},
	{'k', false, false, on_up, NULL, NULL, NULL},
	{KEY_DOWN, true, false, on_down, NULL, NULL, NULL},
	{'j', false, false, on_down, NULL, NULL, NULL},
	{KEY_ESCAPE, false, false, on_back, "Esc q", N_("back to the items"), N_("Back")},
	{'q', false, false, on_back, NULL, NULL, NULL},
};

const screen_class meta_screen = {
	"meta", N_("Subject and revisions"), SCREEN_KEYS(meta_keys), draw_meta, meta_free, true, true, NULL,
};

void meta_open(app *ap)
{
	screen_push(ap, &meta_screen, xcalloc(1, sizeof(meta_data)));
	app_set_message(ap, false, "%s", "");
}
