/* Every key a screen acts on is in its table, and every key in a table
 * reaches its handler: each key is sent through the main loop's own key
 * path (app_handle_key) to every screen, without a terminal. The help
 * screen and hint bars are printed from the same tables; a key left out
 * of them is caught too. */
#include <config.h>

#include <curses.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"
#include "tui/tui_app.h"
#include "tui/tui_keys.h"

static char *tmpdir, *answers_path;

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/test_tui_keys.XXXXXX";
	tmpdir = xstrdup(mkdtemp(tmpl));
	answers_path = xasprintf("%s/a.yaml", tmpdir);
	char *tpath = src_path("data/templates/meti-cloud-sla.yaml");
	FILE *f = fopen(answers_path, "w");
	assert_non_null(f);
	fprintf(f, "kind: checksheet/answers\ntemplate: %s\nanswers:\n"
		   "  availability-rate: {value: 99.9%%, note: 昨年実績}\n"
		   "  mttr:\n    cases:\n      - {when: 平日, value: 4時間}\n",
		tpath);
	assert_int_equal(fclose(f), 0);
	free(tpath);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(tmpdir);
	free(answers_path);
	return 0;
}

typedef void (*opener)(app *ap);

static size_t item_no(app *ap, const char *no) { return sheet_find_no(&ap->s, no); }
static void open_none(app *ap) { (void)ap; }
static void open_value(app *ap) { field_open_value(ap, item_no(ap, "5"), NULL); }
static void open_note(app *ap) { field_open_note(ap, item_no(ap, "5"), false); }
static void open_picker(app *ap) { picker_open(ap, item_no(ap, "2")); }
static void open_list(app *ap) { list_open(ap, item_no(ap, "10")); }
static void open_meta(app *ap) { meta_open(ap); }
static void open_prompt(app *ap) { prompt_open(ap, "x: ", "", NULL, NULL, NULL, NULL); }
static void quiet_done(app *ap, void *ctx, int key) { (void)ap, (void)ctx, (void)key; }
static void open_question(app *ap) { question_open(ap, "?", "yn", quiet_done, NULL); }
static void open_help(app *ap) { help_open(ap); }
static void open_comment(app *ap) { field_open_comment(ap, item_no(ap, "5")); }

typedef struct case_def {
	const screen_class *cls;
	bool review;
	opener open;
} case_def;

static const case_def cases[] = {
	{&browser_edit_screen, false, open_none},
	{&browser_review_screen, true, open_none},
	{&value_field_screen, false, open_value},
	{&text_editor_screen, false, open_note},
	{&text_editor_screen, true, open_comment},
	{&picker_screen, false, open_picker},
	{&list_screen, false, open_list},
	{&meta_screen, false, open_meta},
	{&prompt_screen, false, open_prompt},
	{&question_screen, false, open_question},
	{&help_screen, false, open_help},
};

/* Puts the app back to one screen under test, fresh. */
static void reset(app *ap, const case_def *c)
{
	while (ap->n_stack > 1)
		screen_pop(ap);
	ap->quit = false;
	ap->message[0] = '\0';
	c->open(ap);
}

static bool in_table(const screen_class *cls, const key_event *k)
{
	return screen_key_find(cls, k) || screen_key_find(&global_screen, k);
}

static bool takes_text(const screen_class *cls)
{
	key_event t = {SCREEN_KEY_TEXT, false, false};
	return cls->on_text && screen_key_find(cls, &t);
}

/* The keys tried: every ASCII code, the curses keys, each with Meta. */
static size_t all_keys(key_event *out, size_t max)
{
	size_t n = 0;
	for (int m = 0; m < 2; m++) {
		for (int c = 0; c < 0x80 && n < max; c++)
			out[n++] = (key_event){c, false, m == 1};
		for (int c = KEY_MIN; c <= KEY_MAX && n < max; c++)
			out[n++] = (key_event){c, true, m == 1};
		/* full-width keys typed with an input method on */
		static const int wide[] = {0xFF11, 0xFF4A, 0xFF1F, 0xFF1A, 0x3000};
		for (size_t i = 0; i < sizeof wide / sizeof *wide && n < max; i++)
			out[n++] = (key_event){wide[i], false, m == 1};
	}
	return n;
}

/* The key as the main loop sees it after folding (Enter, full-width). */
static key_event as_dispatched(const screen_class *cls, key_event k)
{
	if (cls->fold_fullwidth && !k.function_key) {
		if (k.code >= 0xFF01 && k.code <= 0xFF5E)
			k.code -= 0xFEE0;
		else if (k.code == 0x3000)
			k.code = ' ';
	}
	if (!k.function_key && k.code == '\r')
		k.code = '\n';
	if (k.function_key && k.code == KEY_ENTER)
		k = (key_event){'\n', false, k.meta};
	return k;
}

static void test_every_key_matches_the_table(void **state)
{
	(void)state;
	static key_event keys[2 * (0x80 + KEY_MAX - KEY_MIN + 1 + 8)];
	size_t n_keys = all_keys(keys, sizeof keys / sizeof *keys);
	for (size_t ci = 0; ci < sizeof cases / sizeof *cases; ci++) {
		const case_def *c = &cases[ci];
		tui_options opt = {.path = answers_path, .review_mode = c->review, .limits = load_limits_default};
		app ap;
		problems ps;
		problems_init(&ps);
		if (!app_open(&ap, &opt, &ps)) {
			dump_problems(&ps);
			fail_msg("cannot open the sheet");
		}
		problems_free(&ps);
		size_t checked = 0;
		for (size_t i = 0; i < n_keys; i++) {
			reset(&ap, c);
			assert_ptr_equal(screen_top(&ap)->cls, c->cls);
			key_event k = keys[i];
			key_event d = as_dispatched(c->cls, k);
			bool is_bound = in_table(c->cls, &d);
			/* Meta with no chord falls back to Esc, then the key */
			bool meta_fallback = d.meta && !is_bound;
			bool text = !d.function_key && !d.meta && d.code >= 0x20 && d.code != 0x7F && takes_text(c->cls);
			int r = app_handle_key(&ap, &k);
			if (meta_fallback)
				continue;  /* two keys: each checked on its own */
			if (is_bound || text) {
				if (!(r & KEY_RESULT_HANDLED))
					fail_msg("%s: key %d (fk %d, meta %d) is in the table but not handled", c->cls->name,
						 k.code, k.function_key, k.meta);
			} else if (r & KEY_RESULT_HANDLED)
				fail_msg("%s: key %d (fk %d, meta %d) is handled but missing from the table",
					 c->cls->name, k.code, k.function_key, k.meta);
			checked++;
		}
		assert_true(checked > 300);
		app_close(&ap);
	}
}

/* How a key is written in a label. */
static void label_of_key(const screen_key *b, char *out, size_t size)
{
	char base[32];
	int c = b->code;
	if (b->function_key) {
		static const struct {
			int code;
			const char *name;
		} names[] = {
			{KEY_UP, "↑"}, {KEY_DOWN, "↓"}, {KEY_LEFT, "←"}, {KEY_RIGHT, "→"}, {KEY_HOME, "Home"},
			{KEY_END, "End"}, {KEY_PPAGE, "PgUp"}, {KEY_NPAGE, "PgDn"}, {KEY_BACKSPACE, "Backspace"},
			{KEY_DC, "Del"}, {KEY_F(1), "F1"}, {KEY_SLEFT, "M-←"}, {KEY_SRIGHT, "M-→"},
		};
		snprintf(base, sizeof base, "key%d", c);
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (names[i].code == c)
				snprintf(base, sizeof base, "%s", names[i].name);
	} else if (c == '\n')
		snprintf(base, sizeof base, "Enter");
	else if (c == '\t')
		snprintf(base, sizeof base, "Tab");
	else if (c == 27)
		snprintf(base, sizeof base, "Esc");
	else if (c == 127 || c == CTRL('h'))
		snprintf(base, sizeof base, "Backspace");
	else if (c == ' ')
		snprintf(base, sizeof base, "Space");
	else if (c < 0x20)
		snprintf(base, sizeof base, "^%c", c + 0x40);
	else
		snprintf(base, sizeof base, "%c", c);
	snprintf(out, size, "%s%s", b->meta && strncmp(base, "M-", 2) != 0 ? "M-" : "", base);
}

static bool named_as(const screen_class *cls, const char *name);

static bool named(const screen_class *cls, const screen_key *b)
{
	char name[40];
	label_of_key(b, name, sizeof name);
	/* digits may be named as a range */
	if (!b->function_key && !b->meta && b->code >= '1' && b->code <= '9' && named_as(cls, "1-9"))
		return true;
	return named_as(cls, name);
}

static bool named_as(const screen_class *cls, const char *name)
{
	for (size_t i = 0; i < cls->n_keys; i++) {
		const char *label = cls->keys[i].label;
		if (!label)
			continue;
		/* a label names its keys separated by spaces, letters in either case */
		size_t n = strlen(name);
		for (const char *p = label; (p = strcasestr(p, name)) != NULL; p++) {
			bool start = p == label || p[-1] == ' ';
			bool end = p[n] == '\0' || p[n] == ' ';
			if (start && end)
				return true;
		}
	}
	return false;
}

/* Each binding has a handler (or is text taken by on_text), no binding is
 * shadowed by another for the same key, and the help text shows every
 * labelled one. */
static void test_tables_are_whole(void **state)
{
	(void)state;
	for (size_t s = 0; s < all_screens_count; s++) {
		const screen_class *cls = all_screens[s];
		char *help = screen_help_text(cls);
		bool text = false;
		for (size_t i = 0; i < cls->n_keys; i++) {
			const screen_key *b = &cls->keys[i];
			if (b->code < 0) {
				text = true;
				assert_null(b->fn);
			} else if (!b->fn)
				fail_msg("%s: key %d has no handler", cls->name, b->code);
			for (size_t j = 0; j < i; j++)
				if (cls->keys[j].code == b->code && cls->keys[j].function_key == b->function_key &&
				    cls->keys[j].meta == b->meta)
					fail_msg("%s: key %d is bound twice", cls->name, b->code);
			/* every key is named in some label of its table */
			if (b->code >= 0 && !named(cls, b))
				fail_msg("%s: key %d (fk %d, meta %d) is named in no help line", cls->name, b->code,
					 b->function_key, b->meta);
			if (b->label && b->help && !strstr(help, b->label))
				fail_msg("%s: %s missing from the help", cls->name, b->label);
		}
		if (text != (cls->on_text != NULL))
			fail_msg("%s: text bindings and on_text disagree", cls->name);
		free(help);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_are_whole),
		cmocka_unit_test(test_every_key_matches_the_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
