#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/xalloc.h"
#include "tui_app.h"
#include "tui_keys.h"

char *prompt_line(app *ap, const char *label, const char *initial,
		  void (*on_change)(app *ap, const char *text))
{
	edit_mode saved_mode = ap->editing;
	textfield saved_field = ap->field;
	tf_init(&ap->field, initial ? initial : "", false);
	ap->field.cursor = ap->field.text.len;
	free(ap->prompt_label);
	ap->prompt_label = xstrdup(label);
	ap->editing = EDIT_PROMPT;
	char *result = NULL;
	for (;;) {
		bool fk;
		int k = app_read_edit_key(ap, &fk);
		if (!fk && k == KEY_ESCAPE)
			break;
		if ((!fk && (k == '\n' || k == '\r')) || (fk && k == KEY_ENTER)) {
			result = xstrdup(tf_text(&ap->field));
			break;
		}
		size_t before = ap->field.text.len;
		char *old = xstrdup(tf_text(&ap->field));
		field_key(&ap->field, k, fk, 0);
		if (on_change && (before != ap->field.text.len || strcmp(old, tf_text(&ap->field)) != 0))
			on_change(ap, tf_text(&ap->field));
		free(old);
	}
	tf_free(&ap->field);
	ap->field = saved_field;
	ap->editing = saved_mode;
	return result;
}

int prompt_key(app *ap, const char *question, const char *keys)
{
	app_set_message(ap, false, "%s", question);
	for (;;) {
		draw_screen(ap);
		bool fk;
		int k = app_read_key(ap, &fk);
		if (fk)
			continue;
		if (k == KEY_ESCAPE)
			return k;
		if (k > 0 && k < 128 && strchr(keys, k))
			return k;
		if (k > 0 && k < 128 && strchr(keys, k | 0x20))
			return k | 0x20;
	}
}
