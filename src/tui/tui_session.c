#include <config.h>

/* Keeping a session safe: the terminal is restored however the program
 * ends, signals are handled in the main loop (the handlers only set a
 * flag), and unsaved work is kept in a recovery file a few seconds after
 * typing stops and at least every 30 seconds. */

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "../core/recovery.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

#define JOURNAL_IDLE_MS 2000
#define JOURNAL_MAX_MS 30000

static volatile sig_atomic_t screen_active;
static volatile sig_atomic_t pending_signal;
static struct termios saved_termios;
static bool have_termios;

/* Restores the terminal from the main loop (or atexit). */
void session_restore_terminal(void)
{
	if (screen_active) {
		screen_active = 0;
		fputs("\033[?2004l", stdout);  /* bracketed paste off */
		fflush(stdout);
		endwin();
	}
}

/* A crash: only async-signal-safe calls. The escapes leave the alternate
 * screen, show the cursor and end bracketed paste; termios comes back as
 * it was before the editor started. */
static void on_crash(int sig)
{
	if (screen_active) {
		static const char reset[] = "\033[?2004l\033[?1049l\033[?25h\033[0m\r\n";
		ssize_t r = write(STDOUT_FILENO, reset, sizeof reset - 1);
		(void)r;
		if (have_termios)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A request to end (hangup, kill, Ctrl-\ ...): the main loop sees the flag,
 * keeps the unsaved work, restores the terminal and ends as the signal asks. */
static void on_stop(int sig) { pending_signal = sig; }

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;  /* no SA_RESTART: a blocked read returns, the loop runs */
	sigaction(sig, &sa, NULL);
}

void session_start_terminal(void)
{
	have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
	atexit(session_restore_terminal);
	xalloc_set_die_hook(session_restore_terminal);
	set_escdelay(25);
	initscr();
	screen_active = 1;
	raw(); /* ^S, ^Q and ^Z reach us instead of the terminal driver */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* after initscr, so that ours replace the library's */
	static const int stops[] = {SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ,
				    SIGVTALRM, SIGPROF};
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
		set_handler(stops[i], on_stop);
	static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGTRAP};
	for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++)
		set_handler(crashes[i], on_crash);
	signal(SIGPIPE, SIG_IGN);  /* a closed pipe is an error to report, not a death */
	fputs("\033[?2004h", stdout);  /* bracketed paste: a paste is never typed commands */
	fflush(stdout);
	if (has_colors() && !getenv("NO_COLOR")) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_GREEN, -1);
		init_pair(3, COLOR_YELLOW, -1);
		init_pair(4, COLOR_CYAN, -1);
	}
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool journaling(const app *ap) { return !ap->s.review_mode && !ap->journal_off && !ap->s.read_only; }

void session_journal_write(app *ap)
{
	if (!journaling(ap))
		return;
	problems ps;
	problems_init(&ps);
	if (!recovery_write(&ap->s, &ps) && ps.n)
		app_set_message(ap, true, "%s", ps.v[0].message);
	problems_free(&ps);
	ap->journal_changes = ap->s.changes;
	ap->journal_since = 0;
}

/* After a key: unsaved changes start the clock. */
void session_after_key(app *ap)
{
	if (!journaling(ap) || ap->s.changes == ap->journal_changes)
		return;
	long now = now_ms();
	if (!ap->journal_since)
		ap->journal_since = now;
	ap->journal_last_key = now;
	if (now - ap->journal_since >= JOURNAL_MAX_MS)
		session_journal_write(ap);
}

/* How long the next read may wait: until the journal is due. */
int session_read_timeout(app *ap)
{
	if (!journaling(ap) || !ap->journal_since)
		return 1000;  /* signals are seen within a second even if one races the read */
	long due = ap->journal_last_key + JOURNAL_IDLE_MS, max = ap->journal_since + JOURNAL_MAX_MS;
	if (max < due)
		due = max;
	long wait = due - now_ms();
	return wait < 0 ? 0 : wait > 1000 ? 1000 : (int)wait;
}

/* Called when a read ended without a key: a signal, or time passed. */
void session_idle(app *ap)
{
	int sig = pending_signal;
	if (sig) {
		/* keep the work, restore the terminal, end as the signal asks */
		if (journaling(ap) && sheet_modified(&ap->s))
			session_journal_write(ap);
		sheet_unlock(&ap->s);
		session_restore_terminal();
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
	if (journaling(ap) && ap->journal_since) {
		long now = now_ms();
		if (now - ap->journal_last_key >= JOURNAL_IDLE_MS || now - ap->journal_since >= JOURNAL_MAX_MS)
			session_journal_write(ap);
	}
}

void session_after_save(app *ap)
{
	if (ap->s.review_mode || ap->journal_off)
		return;
	recovery_remove(ap->s.answers_path);
	ap->journal_changes = ap->s.changes;
	ap->journal_since = 0;
}

void session_discard(app *ap)
{
	if (!ap->s.review_mode && !ap->journal_off)
		recovery_remove(ap->s.answers_path);
}

/* ---- recovery at open ---- */

typedef struct offer {
	recovery r;
} offer;

static void recover_answer(app *ap, void *ctx, int key)
{
	offer *o = ctx;
	if (key == 'y') {
		size_t n = recovery_apply(&ap->s, &o->r);
		app_set_message(ap, false, _("Restored the unsaved changes (%zu items); ^S saves them, u undoes the restore."),
				n);
		ap->journal_changes = 0;  /* keep them journaled until saved */
		session_after_key(ap);
	} else if (key == 'n') {
		recovery_remove(ap->s.answers_path);
		app_set_message(ap, false, "%s", _("Discarded the unsaved changes."));
	} else {
		/* decided later: the file stays; this session does not touch it */
		ap->journal_off = true;
		app_set_message(ap, true, "%s",
				_("The recovery file is kept; changes made now are not kept for recovery until you reopen and decide."));
	}
	recovery_free(&o->r);
	free(o);
}

void session_offer_recovery(app *ap)
{
	if (ap->s.review_mode || ap->s.read_only)
		return;
	problems ps;
	problems_init(&ps);
	offer *o = xcalloc(1, sizeof *o);
	bool found = false;
	if (!recovery_load(&ap->s, &o->r, &found, &ps)) {
		ap->journal_off = true;  /* never overwrite what could not be read */
		app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("the recovery file cannot be read"));
		problems_free(&ps);
		free(o);
		return;
	}
	problems_free(&ps);
	if (!found || o->r.differ == 0) {
		if (found)
			recovery_remove(ap->s.answers_path);  /* nothing in it that the file lacks */
		recovery_free(&o->r);
		free(o);
		return;
	}
	char *path = recovery_path(ap->s.answers_path);
	char *q = xasprintf(_("Unsaved changes to %zu items of %s were kept in %s (written %s). (y) restore them, (n) discard them, (Esc) decide later"),
			    o->r.differ, ap->opt->path, path, o->r.written ? o->r.written : "?");
	question_open(ap, q, "yn", recover_answer, o);
	free(q);
	free(path);
}

/* ---- one editor per file ---- */

typedef struct lock_offer {
	lock_holder holder;
	bool stale;
} lock_offer;

static void lock_answer(app *ap, void *ctx, int key)
{
	lock_offer *o = ctx;
	if (key == 't') {
		problems ps;
		problems_init(&ps);
		/* offered only for a stale lock, or a damaged one (forced) */
		if (sheet_lock_take_over(&ap->s, &o->holder, !o->stale, &ps)) {
			ap->s.read_only = false;
			app_set_message(ap, false, "%s", _("The lock is yours now."));
			session_offer_recovery(ap);
		} else
			app_set_message(ap, true, "%s", ps.n ? ps.v[0].message : _("could not take over the lock"));
		problems_free(&ps);
	} else if (key == 'q' || key == KEY_ESCAPE) {
		ap->quit = true;
	} else
		app_set_message(ap, false, "%s", _("Opened read-only: nothing can be changed or saved here."));
	lock_holder_free(&o->holder);
	free(o);
}

void session_take_lock(app *ap)
{
	problems ps;
	problems_init(&ps);
	lock_offer *o = xcalloc(1, sizeof *o);
	if (sheet_lock(&ap->s, &o->holder, &ps)) {
		problems_free(&ps);
		free(o);
		session_offer_recovery(ap);
		return;
	}
	/* until the user decides: read-only */
	ap->s.read_only = true;
	const char *path = sheet_path(&ap->s);
	char *who = lock_holder_describe(&o->holder);
	char *q;
	if (o->holder.kind == LOCK_HOLDER_NONE) {
		/* the lock could not be made at all (a link planted, no write access) */
		app_set_message(ap, true, _("Opened read-only: %s"), ps.n ? ps.v[0].message : path);
		lock_holder_free(&o->holder);
		free(o);
		free(who);
		problems_free(&ps);
		return;
	}
	o->stale = file_lock_is_stale(&o->holder);
	if (o->stale)
		q = xasprintf(_("%s was being edited by %s, which is no longer running. (t) take over the lock and edit, (r) open read-only, (q) quit"),
			      path, who);
	else if (o->holder.kind == LOCK_HOLDER_GARBAGE)
		q = xasprintf(_("%s is locked, but the lock file is damaged: %s. (t) take over the lock, (r) open read-only, (q) quit"),
			      path, who);
	else
		q = xasprintf(_("%s is being edited by %s. (r) open read-only, (q) quit"), path, who);
	question_open(ap, q, o->stale || o->holder.kind == LOCK_HOLDER_GARBAGE ? "trq" : "rq", lock_answer, o);
	free(q);
	free(who);
	problems_free(&ps);
}
