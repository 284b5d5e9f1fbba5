#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "../core/requirements.h"
#include "../core/xalloc.h"
#include "../core/strbuf.h"
#include "../core/term_safe.h"
#include "../core/units.h"
#include "cli.h"

/* Set once a write error on standard output has been reported. */
static int stdout_error;

static bool stdout_failed(int err)
{
	if (err == EPIPE) {
		/* the reader has gone (| head): end as SIGPIPE would, quietly */
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
		_exit(128 + SIGPIPE);
	}
	if (!stdout_error) {
		stdout_error = err ? err : EIO;
		cli_error(_("cannot write to standard output: %s"), strerror(stdout_error));
	}
	return false;
}

bool cli_stdout_flush(void)
{
	if (stdout_error)
		return false;
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return stdout_failed(errno);
	return true;
}

bool cli_stdout_write(const char *data, size_t len)
{
	if (stdout_error)
		return false;
	errno = 0;
	if (fwrite(data, 1, len, stdout) != len || ferror(stdout))
		return stdout_failed(errno);
	return true;
}

/* A report's text to out; on standard output, a write error is said at
 * once with its reason (a later flush may no longer know it). */
static void emit(FILE *out, const strbuf *sb)
{
	if (out == stdout)
		cli_stdout_write(sb_str(sb), sb->len);
	else
		fputs(sb_str(sb), out);
}

static const char *severity_word(severity s)
{
	return s == SEV_WARNING ? "warning" : "error";
}

/* Text from a file (names, titles, values quoted in messages) in the
 * visible form of term_safe: one problem stays one line, and nothing in
 * it reaches the terminal as a control. */
static void add_safe(strbuf *sb, const char *s)
{
	if (s)
		term_safe_append(sb, s, strlen(s), 0);
}

static void print_text(FILE *out, const problem *p)
{
	strbuf sb;
	sb_init(&sb);
	add_safe(&sb, p->file);
	if (p->mark.line)
		sb_printf(&sb, ":%d:%d", p->mark.line, p->mark.column);
	sb_printf(&sb, ": %s: ", severity_word(p->sev));
	if (p->no) {
		sb_add(&sb, "No.");
		add_safe(&sb, p->no);
		sb_addc(&sb, ' ');
		add_safe(&sb, p->title);
		sb_add(&sb, ": ");
	} else if (p->item) {
		add_safe(&sb, p->item);
		sb_add(&sb, ": ");
	}
	add_safe(&sb, p->message);
	sb_addc(&sb, '\n');
	emit(out, &sb);
	sb_free(&sb);
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
		strbuf sb;
		sb_init(&sb);
		add_safe(&sb, l->file);
		sb_printf(&sb, ": %s: No.", label);
		add_safe(&sb, l->no);
		sb_addc(&sb, ' ');
		add_safe(&sb, l->title);
		sb_add(&sb, ": ");
		add_safe(&sb, l->rule);
		sb_add(&sb, ": ");
		add_safe(&sb, l->message);
		sb_addc(&sb, '\n');
		emit(out, &sb);
		sb_free(&sb);
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
		term_safe_json(sb, l->file);
		sb_add(sb, ", \"item\": ");
		term_safe_json(sb, l->item);
		sb_add(sb, ", \"no\": ");
		term_safe_json(sb, l->no);
		sb_add(sb, ", \"rule\": ");
		term_safe_json(sb, l->rule);
		sb_add(sb, ", \"result\": ");
		term_safe_json(sb, rule_result_id((rule_result)l->result));
		sb_add(sb, ", \"commitment\": ");
		term_safe_json(sb, units_commitment_id((commitment)l->commit));
		sb_add(sb, ", \"message\": ");
		term_safe_json(sb, l->message);
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
		term_safe_json(&sb, p->file);
		if (p->mark.line)
			sb_printf(&sb, ", \"line\": %d, \"column\": %d", p->mark.line, p->mark.column);
		else
			sb_add(&sb, ", \"line\": null, \"column\": null");
		sb_add(&sb, ", \"item\": ");
		term_safe_json(&sb, p->item);
		sb_add(&sb, ", \"no\": ");
		term_safe_json(&sb, p->no);
		sb_add(&sb, ", \"title\": ");
		term_safe_json(&sb, p->title);
		sb_add(&sb, ", \"severity\": ");
		term_safe_json(&sb, severity_word(p->sev));
		sb_add(&sb, ", \"code\": ");
		term_safe_json(&sb, p->code);
		sb_add(&sb, ", \"message\": ");
		term_safe_json(&sb, p->message);
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
	emit(out, &sb);
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

int cli_stdout_close(int status)
{
	bool ok = cli_stdout_flush();
	if (ok) {
		errno = 0;
		if (fclose(stdout) != 0 && errno != EBADF)
			ok = stdout_failed(errno);
	}
	if (!ok && status < EXIT_UNREADABLE)
		status = EXIT_UNREADABLE;
	return status;
}

int report_exit_status(const problems *ps)
{
	if (problems_have_fatal(ps))
		return EXIT_UNREADABLE;
	return problems_count(ps, SEV_ERROR) ? EXIT_PROBLEMS : EXIT_OK;
}
