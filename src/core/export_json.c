#include <config.h>

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "i18n.h"
#include "json.h"
#include "units.h"

static const char *const bound_ids[] = {NULL, "le", "lt", "ge", "gt"};
static const char *const stat_ids[] = {NULL, "average", "approximately", "max", "min"};
static const char *const yn_ids[] = {"yes", "no", "partial", "undisclosed"};

static void key(strbuf *sb, const char *k)
{
	json_string(sb, k);
	sb_add(sb, ": ");
}

/* JSON has no infinity: a "no limit" figure is null (and says unlimited). */
static void num(strbuf *sb, double v)
{
	if (!isfinite(v)) {
		sb_add(sb, "null");
		return;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%.15g", v);
	sb_add(sb, buf);
}

/* The typed meaning of one value, for programs. */
static void typed(strbuf *sb, const tmpl_item *it, const char *text, const char *lang)
{
	typed_value v;
	if (units_parse_item(it, text, &v) != PARSE_OK) {
		sb_add(sb, "null");
		return;
	}
	sb_add(sb, "{");
	key(sb, "unit");
	json_string(sb, unit_table[it->unit].id);
	if (v.na) {
		sb_add(sb, ", \"na\": true}");
		return;
	}
	if (unit_table[it->unit].qualifiers && it->unit != UNIT_FREQUENCY) {
		sb_add(sb, ", ");
		key(sb, "number");
		num(sb, v.num);
		if (v.range) {
			sb_add(sb, ", \"from\": ");
			num(sb, v.lo);
			sb_add(sb, ", \"to\": ");
			num(sb, v.hi);
		}
		if (it->unit == UNIT_DURATION) {
			sb_add(sb, ", \"scale\": ");
			json_string(sb, v.scale >= 0 ? scale_table[v.scale].id : "s");
			sb_add(sb, ", \"base\": \"s\"");
		}
	}
	sb_add(sb, ", \"bound\": ");
	json_string(sb, bound_ids[v.bound]);
	sb_add(sb, ", \"qualifier\": ");
	json_string(sb, stat_ids[v.stat]);
	sb_add(sb, ", \"commitment\": ");
	json_string(sb, units_commitment_id(v.commit));
	if (v.unlimited)
		sb_add(sb, ", \"unlimited\": true");
	if (v.as_rule)
		sb_add(sb, ", \"as_a_rule\": true");
	if (it->unit == UNIT_COUNT && units_counter_id(v.counter)) {
		sb_add(sb, ", \"counter\": ");
		json_string(sb, units_counter_id(v.counter));
	}
	if (it->unit == UNIT_YES_NO) {
		sb_add(sb, ", \"answer\": ");
		json_string(sb, yn_ids[v.yn]);
	} else if (it->unit == UNIT_FREQUENCY) {
		sb_add(sb, ", \"frequency\": ");
		json_string(sb, v.freq == FREQ_CONTINUOUS ? "continuous" : v.freq == FREQ_ON_DEMAND ? "on-demand" : "periodic");
		if (v.freq == FREQ_PERIODIC) {
			sb_add(sb, ", \"times\": ");
			num(sb, v.times);
			sb_add(sb, ", \"period_s\": ");
			num(sb, v.period);
		}
	} else if (it->unit == UNIT_TIME_WINDOW) {
		sb_printf(sb, ", \"always\": %s, \"windows\": [", v.always ? "true" : "false");
		for (int i = 0; i < v.n_windows; i++) {
			static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "holidays"};
			sb_add(sb, i ? ", {\"days\": [" : "{\"days\": [");
			bool first = true;
			for (int dd = 0; dd < 8; dd++)
				if (v.windows[i].days & (1u << dd)) {
					sb_add(sb, first ? "" : ", ");
					json_string(sb, days[dd]);
					first = false;
				}
			sb_printf(sb, "], \"from\": \"%02d:%02d\", \"to\": \"%02d:%02d\"}", v.windows[i].start / 60,
				  v.windows[i].start % 60, v.windows[i].end / 60, v.windows[i].end % 60);
		}
		sb_add(sb, "]");
	} else if (it->unit == UNIT_CHOICE) {
		sb_add(sb, ", \"option\": ");
		json_string(sb, v.choice);
	}
	/* the reading in the export's language, not the desktop's */
	i18n_push_language(lang);
	char *f = units_format(&v);
	i18n_pop_language();
	sb_add(sb, ", \"display\": ");
	json_string(sb, f);
	free(f);
	sb_add(sb, "}");
}

bool export_json(const export_doc *d, strbuf *out, const char *path, problems *ps)
{
	(void)path;
	(void)ps;
	const char *lang = d->opt->lang;
	const template *t = d->t;
	const answers *a = d->a;
	sb_add(out, "{\n  \"template\": {\"id\": ");
	json_string(out, t->id);
	sb_add(out, ", \"version\": ");
	json_string(out, t->version);
	sb_add(out, ", \"title\": ");
	json_string(out, ltext_get(&t->title, lang));
	sb_add(out, "},\n  \"language\": ");
	json_string(out, lang);
	sb_add(out, ",\n  \"subject\": {");
	for (size_t i = 0; i < a->subject.n; i++) {
		sb_add(out, i ? ", " : "");
		key(out, a->subject.v[i].key);
		json_string(out, raw_pairs_scalar(&a->subject, a->subject.v[i].key));
	}
	sb_add(out, "},\n  \"revisions\": [");
	for (size_t i = 0; i < a->n_revisions; i++) {
		sb_add(out, i ? ", {\"version\": " : "{\"version\": ");
		json_string(out, a->revisions[i].version);
		sb_add(out, ", \"date\": ");
		json_string(out, a->revisions[i].date);
		sb_add(out, ", \"note\": ");
		json_string(out, a->revisions[i].note);
		sb_add(out, "}");
	}
	sb_add(out, "],\n  \"items\": [");
	for (size_t i = 0; i < d->n_rows; i++) {
		const export_row *r = &d->rows[i];
		sb_add(out, i ? ",\n    {" : "\n    {");
		key(out, "id");
		json_string(out, r->it->id);
		sb_add(out, ", \"no\": ");
		json_string(out, r->it->no);
		sb_add(out, ", \"section\": ");
		json_string(out, r->sec->id);
		sb_add(out, ", \"title\": ");
		json_string(out, ltext_get(&r->it->title, lang));
		sb_add(out, ", \"unit\": ");
		json_string(out, unit_table[r->it->unit].id);
		sb_add(out, ", \"required\": ");
		sb_add(out, r->it->required ? "true" : "false");
		const answer *an = r->an;
		sb_add(out, ", \"value\": ");
		json_string(out, an && an->value ? an->value : NULL);
		sb_add(out, ", \"typed\": ");
		if (an && an->value && !an->n_cases && r->it->unit != UNIT_TEXT && r->it->unit != UNIT_TABLE)
			typed(out, r->it, an->value, lang);
		else
			sb_add(out, "null");
		if (an && an->n_cases) {
			sb_add(out, ", \"cases\": [");
			for (size_t k = 0; k < an->n_cases; k++) {
				sb_add(out, k ? ", {\"when\": " : "{\"when\": ");
				json_string(out, an->cases[k].when);
				sb_add(out, ", \"value\": ");
				json_string(out, an->cases[k].value);
				sb_add(out, ", \"typed\": ");
				typed(out, r->it, an->cases[k].value ? an->cases[k].value : "", lang);
				sb_add(out, "}");
			}
			sb_add(out, "]");
		}
		if (an && an->n_rows) {
			sb_add(out, ", \"rows\": [");
			for (size_t k = 0; k < an->n_rows; k++) {
				sb_add(out, k ? ", {" : "{");
				for (size_t c = 0; c < an->rows[k].cells.n; c++) {
					sb_add(out, c ? ", " : "");
					key(out, an->rows[k].cells.v[c].key);
					json_string(out, raw_pairs_scalar(&an->rows[k].cells, an->rows[k].cells.v[c].key));
				}
				sb_add(out, "}");
			}
			sb_add(out, "]");
		}
		sb_add(out, ", \"note\": ");
		json_string(out, an && an->note ? an->note : NULL);
		sb_add(out, ", \"status\": ");
		json_string(out, r->state == ITEM_VALID ? "valid" : r->state == ITEM_EMPTY_OPTIONAL ? "empty" : "problem");
		sb_add(out, ", \"problem\": ");
		json_string(out, r->problem);
		if (r->review) {
			sb_add(out, ", \"verdict\": ");
			json_string(out, verdict_ids[r->review->verdict]);
			sb_add(out, ", \"comment\": ");
			json_string(out, r->review->comment);
		}
		sb_add(out, "}");
	}
	sb_add(out, "\n  ]\n}\n");
	return true;
}
