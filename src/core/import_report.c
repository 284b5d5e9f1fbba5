#include <config.h>

/* What an import did, row by row: for a person (one line per row that is
 * not a plain copy) and for tools (--report FILE.json). */

#include "import.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "xalloc.h"

static const char *const outcome_ids[IMPORT_OUTCOME_COUNT] = {
	"copied", "prose", "for-person", "empty", "skipped", "passed-over",
};

const char *import_outcome_id(import_outcome o) { return outcome_ids[o]; }

void import_report_init(import_report *rep) { memset(rep, 0, sizeof *rep); }

void import_report_free(import_report *rep)
{
	for (size_t i = 0; i < rep->n; i++) {
		free(rep->v[i].phrase);
		free(rep->v[i].reading);
		free(rep->v[i].why);
		free(rep->v[i].text);
	}
	free(rep->v);
	free(rep->file);
	free(rep->sheet);
	memset(rep, 0, sizeof *rep);
}

import_entry *import_report_add(import_report *rep, import_outcome outcome, int line, long item)
{
	if (rep->n == rep->cap) {
		rep->cap = rep->cap ? rep->cap * 2 : 64;
		rep->v = xreallocarray(rep->v, rep->cap, sizeof *rep->v);
	}
	import_entry *e = &rep->v[rep->n++];
	memset(e, 0, sizeof *e);
	e->outcome = outcome;
	e->line = line;
	e->item = item;
	rep->count[outcome]++;
	return e;
}

char *import_entry_line(const import_entry *e, const template *t)
{
	char *who = e->item >= 0 ? xasprintf("No.%s %s", t->items[e->item].no,
					     ltext_get(&t->items[e->item].title, "ja"))
				 : NULL;
	char *line = NULL;
	switch (e->outcome) {
	case IMPORT_PROSE:
		line = xasprintf(_("%s: read from prose: 「%s」 → %s (a draft: confirm it)"), who, e->phrase,
				 e->reading ? e->reading : e->phrase);
		break;
	case IMPORT_FOR_PERSON:
		line = xasprintf(_("%s: left for a person (%s); the text is kept in the note"), who,
				 e->why ? e->why : "");
		break;
	case IMPORT_SKIPPED:
		line = xstrdup(e->why ? e->why : "");
		break;
	case IMPORT_PASSED_OVER:
		line = e->text ? xasprintf(_("passed over: %s 「%s」"), e->why, e->text)
			       : xasprintf(_("passed over: %s"), e->why);
		break;
	case IMPORT_COPIED:
	case IMPORT_EMPTY:
	case IMPORT_OUTCOME_COUNT:
		break;
	}
	free(who);
	return line;
}

static void json_key_string(strbuf *out, const char *key, const char *value, bool comma)
{
	sb_printf(out, "%s\"%s\": ", comma ? ", " : "", key);
	json_string(out, value);
}

void import_report_json(const import_report *rep, const template *t, const char *output, strbuf *out)
{
	sb_add(out, "{");
	json_key_string(out, "file", rep->file, false);
	json_key_string(out, "sheet", rep->sheet, true);
	json_key_string(out, "output", output, true);
	json_key_string(out, "template", t->id, true);
	sb_add(out, ",\n \"rows\": [");
	for (size_t i = 0; i < rep->n; i++) {
		const import_entry *e = &rep->v[i];
		sb_printf(out, "%s\n  {\"line\": %d, ", i ? "," : "", e->line);
		json_key_string(out, "outcome", outcome_ids[e->outcome], false);
		json_key_string(out, "item", e->item >= 0 ? t->items[e->item].id : NULL, true);
		json_key_string(out, "no", e->item >= 0 ? t->items[e->item].no : NULL, true);
		json_key_string(out, "phrase", e->phrase, true);
		json_key_string(out, "reading", e->reading, true);
		json_key_string(out, "reason", e->why, true);
		json_key_string(out, "text", e->text, true);
		sb_add(out, "}");
	}
	sb_printf(out, "\n ],\n \"summary\": {\"rows\": %zu", rep->rows);
	for (int o = 0; o < IMPORT_OUTCOME_COUNT; o++)
		sb_printf(out, ", \"%s\": %zu", outcome_ids[o], rep->count[o]);
	sb_add(out, "}\n}\n");
}
