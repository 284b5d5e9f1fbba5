#include <config.h>

#include <string.h>

#include "../core/i18n.h"
#include "../core/json.h"
#include "../core/requirements.h"
#include "../core/xalloc.h"
#include "../core/strbuf.h"
#include "../core/units.h"
#include "cli.h"

static const char *severity_word(severity s)
{
	return s == SEV_WARNING ? "warning" : "error";
}

static void print_text(FILE *out, const problem *p)
{
	if (p->mark.line)
		fprintf(out, "%s:%d:%d: %s: ", p->file, p->mark.line, p->mark.column, severity_word(p->sev));
	else
		fprintf(out, "%s: %s: ", p->file, severity_word(p->sev));
	if (p->no)
		fprintf(out, "No.%s %s: ", p->no, p->title ? p->title : "");
	else if (p->item)
		fprintf(out, "%s: ", p->item);
	fprintf(out, "%s\n", p->message);
}

void report_problem_lines(FILE *out, const problems *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		print_text(out, &ps->v[i]);
}

void rule_results_add(rule_results *rr, const char *file, const struct tmpl_item *it, const char *lang,
		      const char *rule_text, const struct rule_outcome *o)
{
	XGROW(rr->v, rr->cap, rr->n + 1);
	rule_line *l = &rr->v[rr->n++];
	l->file = xstrdup(file);
	l->item = xstrdup(it->id);
	l->no = xstrdup(it->no ? it->no : "");
	l->title = xstrdup(ltext_get(&it->title, lang));
	l->rule = xstrdup(rule_text);
	l->message = xstrdup(o->message ? o->message : "");
	l->result = o->result;
	l->commit = o->commit;
	rr->pass += o->result == RESULT_PASS;
	rr->fail += o->result == RESULT_FAIL;
	rr->unknown += o->result == RESULT_UNKNOWN;
}

void rule_results_free(rule_results *rr)
{
	for (size_t i = 0; i < rr->n; i++) {
		rule_line *l = &rr->v[i];
		free(l->file);
		free(l->item);
		free(l->no);
		free(l->title);
		free(l->rule);
		free(l->message);
	}
	free(rr->v);
	memset(rr, 0, sizeof *rr);
}

static void print_rules_text(FILE *out, const rule_results *rr)
{
	for (size_t i = 0; i < rr->n; i++) {
		const rule_line *l = &rr->v[i];
		rule_outcome o = {(rule_result)l->result, (commitment)l->commit, NULL};
		char *label = rule_outcome_label(&o);
		fprintf(out, "%s: %s: No.%s %s: %s: %s\n", l->file, label, l->no, l->title, l->rule, l->message);
		free(label);
	}
	fprintf(out, _("rules: %zu pass, %zu fail, %zu unknown\n"), rr->pass, rr->fail, rr->unknown);
}

static void print_rules_json(strbuf *sb, const rule_results *rr)
{
	sb_add(sb, "  \"rules\": [");
	for (size_t i = 0; i < rr->n; i++) {
		const rule_line *l = &rr->v[i];
		sb_add(sb, i ? ",\n    {" : "\n    {");
		sb_add(sb, "\"file\": ");
		json_string(sb, l->file);
		sb_add(sb, ", \"item\": ");
		json_string(sb, l->item);
		sb_add(sb, ", \"no\": ");
		json_string(sb, l->no);
		sb_add(sb, ", \"rule\": ");
		json_string(sb, l->rule);
		sb_add(sb, ", \"result\": ");
		json_string(sb, rule_result_id((rule_result)l->result));
		sb_add(sb, ", \"commitment\": ");
		json_string(sb, units_commitment_id((commitment)l->commit));
		sb_add(sb, ", \"message\": ");
		json_string(sb, l->message);
		sb_addc(sb, '}');
	}
	sb_add(sb, rr->n ? "\n  ],\n" : "],\n");
}

static void print_json(FILE *out, const problems *ps, const check_summary *sum, const rule_results *rr)
{
	strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "{\n  \"problems\": [");
	for (size_t i = 0; i < ps->n; i++) {
		const problem *p = &ps->v[i];
		sb_add(&sb, i ? ",\n    {" : "\n    {");
		sb_add(&sb, "\"file\": ");
		json_string(&sb, p->file);
		if (p->mark.line)
			sb_printf(&sb, ", \"line\": %d, \"column\": %d", p->mark.line, p->mark.column);
		else
			sb_add(&sb, ", \"line\": null, \"column\": null");
		sb_add(&sb, ", \"item\": ");
		json_string(&sb, p->item);
		sb_add(&sb, ", \"no\": ");
		json_string(&sb, p->no);
		sb_add(&sb, ", \"title\": ");
		json_string(&sb, p->title);
		sb_add(&sb, ", \"severity\": ");
		json_string(&sb, severity_word(p->sev));
		sb_add(&sb, ", \"code\": ");
		json_string(&sb, p->code);
		sb_add(&sb, ", \"message\": ");
		json_string(&sb, p->message);
		sb_addc(&sb, '}');
	}
	sb_add(&sb, ps->n ? "\n  ],\n" : "],\n");
	if (rr && rr->enabled)
		print_rules_json(&sb, rr);
	sb_printf(&sb,
		  "  \"summary\": {\"files\": %zu, \"items\": %zu, \"answered\": %zu, \"errors\": %zu, "
		  "\"warnings\": %zu, \"rules_pass\": %zu, \"rules_fail\": %zu, \"rules_unknown\": %zu}\n}\n",
		  sum->files, sum->items, sum->answered, sum->errors, sum->warnings, rr ? rr->pass : 0,
		  rr ? rr->fail : 0, rr ? rr->unknown : 0);
	fputs(sb_str(&sb), out);
	sb_free(&sb);
}

void report_problems(FILE *out, const problems *ps, const check_summary *sum, const rule_results *rr,
		     report_format fmt)
{
	if (fmt == REPORT_JSON) {
		print_json(out, ps, sum, rr);
		return;
	}
	report_problem_lines(out, ps);
	if (rr && rr->enabled)
		print_rules_text(out, rr);
	fprintf(out, _("%zu file(s), %zu items, %zu answered: %zu error(s), %zu warning(s)\n"), sum->files,
		sum->items, sum->answered, sum->errors, sum->warnings);
}

int report_exit_status(const problems *ps)
{
	if (problems_have_fatal(ps))
		return EXIT_UNREADABLE;
	return problems_count(ps, SEV_ERROR) ? EXIT_PROBLEMS : EXIT_OK;
}
