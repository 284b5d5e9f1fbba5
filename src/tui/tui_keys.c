#include <config.h>

#include "tui_keys.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

const screen_key *screen_key_find(const screen_class *cls, const key_event *k)
{
	for (size_t i = 0; i < cls->n_keys; i++) {
		const screen_key *b = &cls->keys[i];
		if (b->code == k->code && b->function_key == k->function_key && b->meta == k->meta)
			return b;
	}
	return NULL;
}

char *screen_help_text(const screen_class *cls)
{
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s\n", _(cls->title));
	for (size_t i = 0; i < cls->n_keys; i++) {
		const screen_key *b = &cls->keys[i];
		if (!b->label || !b->help)
			continue;
		const char *label = b->label;
		sb_printf(&sb, "  %s", label);
		for (size_t w = utf8_width(label); w < 16; w++)
			sb_addc(&sb, ' ');
		sb_printf(&sb, " %s\n", _(b->help));
	}
	return sb_take(&sb);
}
