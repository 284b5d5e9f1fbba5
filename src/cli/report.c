#include <config.h>

#include <string.h>

#include "../core/i18n.h"
#include "../core/json.h"
#include "../core/strbuf.h"
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

static void print_json(FILE *out, const problems *ps, const check_summary *sum)
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
	sb_printf(&sb,
		  "  \"summary\": {\"files\": %zu, \"items\": %zu, \"answered\": %zu, \"errors\": %zu, "
		  "\"warnings\": %zu, \"rules_pass\": 0, \"rules_fail\": 0, \"rules_unknown\": 0}\n}\n",
		  sum->files, sum->items, sum->answered, sum->errors, sum->warnings);
	fputs(sb_str(&sb), out);
	sb_free(&sb);
}

void report_problems(FILE *out, const problems *ps, const check_summary *sum, report_format fmt)
{
	if (fmt == REPORT_JSON) {
		print_json(out, ps, sum);
		return;
	}
	for (size_t i = 0; i < ps->n; i++)
		print_text(out, &ps->v[i]);
	fprintf(out, _("%zu file(s), %zu items, %zu answered: %zu error(s), %zu warning(s)\n"), sum->files,
		sum->items, sum->answered, sum->errors, sum->warnings);
}

int report_exit_status(const problems *ps)
{
	if (problems_have_fatal(ps))
		return EXIT_UNREADABLE;
	return problems_count(ps, SEV_ERROR) ? EXIT_PROBLEMS : EXIT_OK;
}
