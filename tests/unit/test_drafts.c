/* Drafts to confirm: the core's predicate and count (sheet_is_draft,
 * n_drafts) kept exact by every operation, undo and redo included; and
 * the editor's drafts filter and confirm key (y), driven through the main
 * loop's key path (app_handle_key) without a terminal. */
#include <config.h>

#include <curses.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/sheet.h"
#include "testutil.h"
#include "tui/tui_app.h"
#include "tui/tui_keys.h"

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_drafts.XXXXXX";
	tmpdir = xstrdup(mkdtemp(tmpl));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(tmpdir);
	return 0;
}

/* An answers file on the METI template, by path. */
static char *answers_file(const char *name, const char *body)
{
	char *tpath = src_path("data/templates/meti-cloud-sla.yaml");
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "kind: checksheet/answers\ntemplate: %s\nanswers:\n%s", tpath, body);
	assert_int_equal(fclose(f), 0);
	free(tpath);
	return path;
}

/* In the first section: No.1 typed (no status), No.2, No.4 and No.5
 * drafts, No.3 final; in the second, No.10 a draft that does not read (a
 * percentage where a duration is asked). */
static const char body[] =
	"  service-hours: {value: 24時間365日}\n"
	"  planned-outage-notice: {value: 有, note: 30日前に通知, status: draft}\n"
	"  termination-notice: {value: 有, note: 90日前, status: final}\n"
	"  sudden-termination-measures: {value: 無, status: draft}\n"
	"  availability-rate: {value: 99.9%, status: draft}\n"
	"  mttr: {value: 99%, status: draft}\n";

/* More for the core: No.6 a draft with only a note (a problem: the item
 * requires an answer, but a draft to confirm all the same), No.7 a status
 * with nothing else. */
static const char more[] =
	"  disaster-recovery: {note: 検討中, status: draft}\n"
	"  major-failure-alternative: {status: draft}\n";

static size_t no(const sheet *s, const char *n)
{
	size_t i = sheet_find_no(s, n);
	assert_int_not_equal(i, SIZE_MAX);
	return i;
}

static void open_sheet(sheet *s, const char *path, bool review_mode)
{
	sheet_options o = {.answers_path = path, .review_mode = review_mode, .limits = load_limits_default, .backups = 0};
	problems ps;
	problems_init(&ps);
	if (!sheet_open(s, &o, &ps)) {
		dump_problems(&ps);
		fail_msg("cannot open %s", path);
	}
	problems_free(&ps);
}

static size_t count_drafts(const sheet *s)
{
	size_t n = 0;
	for (size_t i = 0; i < sheet_item_count(s); i++)
		n += sheet_is_draft(s, i);
	return n;
}

static void test_the_core_counts_drafts(void **state)
{
	(void)state;
	char *text = xasprintf("%s%s", body, more);
	char *path = answers_file("core.yaml", text);
	free(text);
	sheet s;
	open_sheet(&s, path, false);
	assert_false(sheet_is_draft(&s, no(&s, "1")));   /* no status: typed by hand */
	assert_true(sheet_is_draft(&s, no(&s, "2")));
	assert_false(sheet_is_draft(&s, no(&s, "3")));   /* final */
	assert_true(sheet_is_draft(&s, no(&s, "4")));
	assert_true(sheet_is_draft(&s, no(&s, "5")));
	assert_true(sheet_is_draft(&s, no(&s, "6")));    /* a note is an answer to confirm */
	assert_true(sheet_is_problem(&s, no(&s, "6")));
	assert_false(sheet_is_draft(&s, no(&s, "7")));   /* a status alone confirms nothing */
	assert_true(sheet_is_draft(&s, no(&s, "10")));   /* does not read: still a draft */
	assert_false(sheet_is_draft(&s, no(&s, "11")));  /* no answer */
	assert_int_equal(s.n_drafts, 5);

	/* final, undo, redo */
	sheet_take_change(&s);
	assert_true(sheet_set_status(&s, no(&s, "2"), "final"));
	assert_true(sheet_take_change(&s).flags & SHEET_CHANGED_COUNTS);
	assert_int_equal(s.n_drafts, 4);
	size_t item;
	assert_true(sheet_undo(&s, &item));
	assert_int_equal(item, no(&s, "2"));
	assert_int_equal(s.n_drafts, 5);
	assert_true(sheet_is_draft(&s, no(&s, "2")));
	assert_true(sheet_redo(&s, &item));
	assert_int_equal(s.n_drafts, 4);
	assert_true(sheet_undo(&s, NULL));

	/* an answer emptied stops being a draft; given a value again, it is one */
	assert_true(sheet_set_value(&s, no(&s, "5"), ""));
	assert_false(sheet_is_draft(&s, no(&s, "5")));
	assert_int_equal(s.n_drafts, 4);
	assert_true(sheet_set_value(&s, no(&s, "5"), "99.95%"));
	assert_true(sheet_is_draft(&s, no(&s, "5")));
	assert_int_equal(s.n_drafts, 5);
	/* the status given to a typed answer makes it one; cleared, none */
	assert_true(sheet_set_status(&s, no(&s, "1"), "draft"));
	assert_int_equal(s.n_drafts, 6);
	assert_true(sheet_clear(&s, no(&s, "1")));
	assert_true(sheet_set_status(&s, no(&s, "4"), NULL));
	assert_int_equal(s.n_drafts, 4);
	/* a case is an answer */
	assert_true(sheet_add_case(&s, no(&s, "7"), "平日", "有"));
	assert_true(sheet_is_draft(&s, no(&s, "7")));
	assert_int_equal(s.n_drafts, 5);
	assert_int_equal(s.n_drafts, count_drafts(&s));
	/* undoing everything gives back the counts as loaded */
	while (sheet_undo(&s, NULL))
		assert_int_equal(s.n_drafts, count_drafts(&s));
	assert_int_equal(s.n_drafts, 5);
	sheet_close(&s);
	free(path);
}

static int press(app *ap, int code)
{
	key_event k = {code, false, false};
	return app_handle_key(ap, &k);
}

static void open_app(app *ap, tui_options *opt, const char *path, bool review_mode)
{
	*opt = (tui_options){.path = path, .review_mode = review_mode, .limits = load_limits_default, .backups = 0};
	problems ps;
	problems_init(&ps);
	if (!app_open(ap, opt, &ps)) {
		dump_problems(&ps);
		fail_msg("cannot open %s", path);
	}
	problems_free(&ps);
}

static const char *status_of(app *ap, const char *n)
{
	const answer *an = sheet_answer(&ap->s, no(&ap->s, n));
	return an && an->status ? an->status : "";
}

static void test_filter_and_confirm(void **state)
{
	(void)state;
	char *path = answers_file("keys.yaml", body);
	tui_options opt;
	app ap;
	open_app(&ap, &opt, path, false);
	/* f: problems, then drafts, then all */
	press(&ap, 'f');
	assert_int_equal(ap.filter, FILTER_PROBLEMS);
	press(&ap, 'f');
	assert_int_equal(ap.filter, FILTER_DRAFTS);
	assert_non_null(strstr(ap.message, filter_label(FILTER_DRAFTS)));
	assert_int_equal(app_current_item(&ap), no(&ap.s, "2"));
	assert_int_equal(ap.n_view, 3);  /* No.2, 4, 5 in the first section */

	/* y confirms and goes on to the next draft */
	press(&ap, 'y');
	assert_string_equal(status_of(&ap, "2"), "final");
	assert_int_equal(ap.s.n_drafts, 3);
	assert_int_equal(app_current_item(&ap), no(&ap.s, "4"));
	assert_int_equal(ap.n_view, 2);
	assert_int_equal(ap.filter, FILTER_DRAFTS);
	assert_non_null(strstr(ap.message, "Drafts left to confirm: 3"));
	/* u undoes it, on the item */
	press(&ap, 'u');
	assert_string_equal(status_of(&ap, "2"), "draft");
	assert_int_equal(app_current_item(&ap), no(&ap.s, "2"));
	assert_int_equal(ap.filter, FILTER_DRAFTS);
	assert_int_equal(ap.n_view, 3);

	/* the three of the first section, then on into the next section */
	press(&ap, 'y');
	press(&ap, 'y');
	assert_int_equal(app_current_item(&ap), no(&ap.s, "5"));
	press(&ap, 'y');
	assert_int_equal(app_current_item(&ap), no(&ap.s, "10"));
	/* an invalid draft is refused, by y and by s */
	press(&ap, 'y');
	assert_true(ap.message_is_error);
	assert_non_null(strstr(ap.message, "cannot be final"));
	assert_string_equal(status_of(&ap, "10"), "draft");
	press(&ap, 's');
	assert_true(ap.message_is_error);
	assert_string_equal(status_of(&ap, "10"), "draft");
	assert_int_equal(ap.s.n_drafts, 1);
	/* fixed, it is confirmed: the last one */
	assert_true(sheet_set_value(&ap.s, no(&ap.s, "10"), "30分"));
	press(&ap, 'y');
	assert_false(ap.message_is_error);
	assert_string_equal(status_of(&ap, "10"), "final");
	assert_int_equal(ap.s.n_drafts, 0);
	assert_non_null(strstr(ap.message, "No drafts left to confirm"));
	assert_int_equal(ap.filter, FILTER_ALL);
	assert_int_equal(app_current_item(&ap), no(&ap.s, "10"));
	assert_int_equal(ap.n_view, ap.s.t.sections[ap.section].count);  /* every item of the section */
	/* y on a final answer, on no answer */
	press(&ap, 'y');
	assert_non_null(strstr(ap.message, "already final"));
	press(&ap, 'j');
	press(&ap, 'y');
	assert_non_null(strstr(ap.message, "no answer to confirm"));
	/* no drafts left: f goes from problems back to all */
	press(&ap, 'f');
	assert_int_equal(ap.filter, FILTER_PROBLEMS);
	press(&ap, 'f');
	assert_int_equal(ap.filter, FILTER_ALL);
	app_close(&ap);
	free(path);
}

/* A typed answer without a status is confirmed too, but was no draft. */
static void test_confirm_a_typed_answer(void **state)
{
	(void)state;
	char *path = answers_file("typed.yaml", "  service-hours: {value: 24時間365日}\n");
	tui_options opt;
	app ap;
	open_app(&ap, &opt, path, false);
	assert_int_equal(ap.s.n_drafts, 0);
	assert_int_equal(app_current_item(&ap), no(&ap.s, "1"));
	press(&ap, 'y');
	assert_string_equal(status_of(&ap, "1"), "final");
	assert_null(strstr(ap.message, "drafts"));
	assert_true(sheet_modified(&ap.s));
	press(&ap, 'u');
	assert_string_equal(status_of(&ap, "1"), "");
	assert_false(sheet_modified(&ap.s));
	app_close(&ap);
	free(path);
}

/* Reviewing: the answers are read-only, and f never offers drafts. */
static void test_review_has_no_drafts_filter(void **state)
{
	(void)state;
	char *path = answers_file("review.yaml", body);
	tui_options opt;
	app ap;
	open_app(&ap, &opt, path, true);
	for (int i = 0; i < 2 * FILTER_COUNT; i++) {
		press(&ap, 'f');
		assert_int_not_equal(ap.filter, FILTER_DRAFTS);
	}
	app_close(&ap);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_core_counts_drafts),
		cmocka_unit_test(test_filter_and_confirm),
		cmocka_unit_test(test_confirm_a_typed_answer),
		cmocka_unit_test(test_review_has_no_drafts_filter),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
