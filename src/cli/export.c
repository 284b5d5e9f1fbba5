#include <config.h>

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/atomic_file.h"
#include "../core/export.h"
#include "../core/i18n.h"
#include "../core/paths.h"
#include "../core/review.h"
#include "../core/sheet.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

typedef struct export_args {
	const exporter *fmt;
	const char *output, *outdir, *review_path, *lang;
	export_options opt;
	load_limits limits;
} export_args;

static const cli_option export_options_table[] = {
	{"format", 'f', N_("FORMAT"), N_("csv, tsv, xlsx, md, html or json")},
	{"output", 'o', N_("FILE"), N_("write to FILE (default: standard output)")},
	{"output-dir", 'O', N_("DIR"), N_("write one file per input into DIR, named after it")},
	{"encoding", 'e', N_("ENCODING"), N_("csv/tsv: utf-8, utf-8-bom (csv default), cp932 (shift_jis), euc-jp")},
	{"substitute", OPT_SUBSTITUTE, NULL, N_("replace characters the encoding cannot hold with ? (listed on stderr)")},
	{"no-formula-guard", OPT_NO_FORMULA_GUARD, NULL, N_("keep cells starting with = + - @ as they are")},
	{"review", 'r', N_("REVIEW"), N_("add the verdicts and comments of a review file")},
	{"lang", OPT_LANG, N_("LANG"), N_("language of headers and template text (ja, en)")},
	{"one-sheet", OPT_ONE_SHEET, NULL, N_("xlsx: all items on one sheet")},
	{"max-size", OPT_MAX_SIZE, N_("BYTES"), N_("refuse files larger than this (default 64MiB)")},
	{NULL, 0, NULL, NULL},
};

static bool on_option(int key, const char *arg, void *ctx)
{
	export_args *e = ctx;
	switch (key) {
	case 'f':
		e->fmt = exporter_find(arg);
		if (!e->fmt) {
			cli_error(_("unknown format \"%s\" (csv, tsv, xlsx, md, html, json)"), arg);
			return false;
		}
		return true;
	case 'o': e->output = arg; return true;
	case 'O': e->outdir = arg; return true;
	case 'e':
		if (!encoding_lookup(arg, &e->opt.encoding)) {
			cli_error(_("unknown encoding \"%s\" (utf-8, utf-8-bom, cp932, shift_jis, euc-jp)"), arg);
			return false;
		}
		e->opt.encoding_set = true;
		return true;
	case OPT_SUBSTITUTE: e->opt.substitute = true; return true;
	case OPT_NO_FORMULA_GUARD: e->opt.formula_guard = false; return true;
	case 'r': e->review_path = arg; return true;
	case OPT_LANG: e->lang = arg; return true;
	case OPT_ONE_SHEET: e->opt.one_sheet = true; return true;
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &e->limits.max_size))
			return true;
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\""), arg);
		return false;
	}
	return false;
}

static char *output_name(const export_args *e, const char *input)
{
	const char *base = strrchr(input, '/') ? strrchr(input, '/') + 1 : input;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return xasprintf("%s/%.*s.%s", e->outdir, (int)n, base, e->fmt->extension);
}

static bool copy_to_stdout(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
	return true;
}

/* Exports one answers file to dest (NULL: standard output). */
static int export_one(const export_args *e, const char *input, const char *dest, problems *ps)
{
	sheet sh;
	int status = EXIT_OK;
	if (!sheet_open(&sh, &(sheet_options){.answers_path = input, .lang = e->lang,
					      .review_path = e->review_path, .limits = e->limits},
			ps)) {
		sheet_close(&sh);
		return EXIT_UNREADABLE;
	}
	export_options opt = e->opt;
	opt.lang = sh.lang;
	opt.review = sh.has_review ? &sh.rv : NULL;
	if (!opt.encoding_set)
		opt.encoding = e->fmt->default_encoding;
	export_doc d;
	export_doc_build(&d, &sh.a, &sh.t, &opt);
	problems local;
	problems_init(&local);
	if (e->fmt->text) {
		strbuf out;
		sb_init(&out);
		bool ok = e->fmt->write(&d, &out, dest, &local);
		if (!ok) /* a character the encoding cannot hold: nothing is written */
			status = EXIT_PROBLEMS;
		else if (!dest)
			fwrite(out.s ? out.s : "", 1, out.len, stdout);
		else if (!atomic_write(dest, out.s ? out.s : "", out.len, &local))
			status = EXIT_UNREADABLE;
		sb_free(&out);
	} else {
		/* binary: into a temporary file beside the target, then renamed */
		char *tmp = dest ? xasprintf("%s.tmp%d", dest, (int)getpid()) : xstrdup("/tmp/checksheet-export-XXXXXX");
		if (!dest) {
			int fd = mkstemp(tmp);
			if (fd >= 0)
				close(fd);
		}
		if (!e->fmt->write(&d, NULL, tmp, &local))
			status = EXIT_UNREADABLE;
		else if (!dest)
			copy_to_stdout(tmp);
		else if (rename(tmp, dest) != 0) {
			problems_add(&local, dest, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot write: %s"),
				     strerror(errno));
			status = EXIT_UNREADABLE;
		}
		if (status != EXIT_OK || !dest)
			unlink(tmp);
		free(tmp);
	}
	problems_move(ps, &local);
	export_doc_free(&d);
	sheet_close(&sh);
	return status;
}

static void progress(size_t done, size_t total, const char *name)
{
	int width = 30, filled = total ? (int)(done * (size_t)width / total) : width;
	fprintf(stderr, "\r[");
	for (int i = 0; i < width; i++)
		fputc(i < filled ? '#' : '-', stderr);
	fprintf(stderr, "] %zu/%zu %-30.30s", done, total, name ? name : "");
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int run(int argc, char **argv)
{
	export_args e = {.limits = load_limits_default};
	e.opt.formula_guard = true;
	int first = cli_parse(&verb_export, argc, argv, on_option, &e);
	if (first == -1) {
		/* the formats, from the same table the exporter walks */
		printf("\n%s\n", _("Formats:"));
		for (int i = 0; i < exporters_count; i++)
			printf("  %-6s %s\n", exporters[i].id, _(exporters[i].summary));
		return EXIT_OK;
	}
	if (first < 0)
		return EXIT_UNREADABLE;
	int n = argc - first;
	if (!e.fmt || n < 1) {
		cli_error(_("export: usage: checksheet export -f FORMAT [-o FILE | -O DIR] ANSWERS..."));
		return EXIT_UNREADABLE;
	}
	if (n > 1 && !e.outdir) {
		cli_error(_("export: several inputs need -O DIR (one output per input)"));
		return EXIT_UNREADABLE;
	}
	if (e.output && e.outdir) {
		cli_error(_("export: -o and -O do not go together"));
		return EXIT_UNREADABLE;
	}
	if (e.review_path && n > 1) {
		cli_error(_("export: -r takes one answers file"));
		return EXIT_UNREADABLE;
	}
	struct stat dir_st;
	if (e.outdir && mkdir(e.outdir, 0777) != 0 &&
	    (errno != EEXIST || stat(e.outdir, &dir_st) != 0 || !S_ISDIR(dir_st.st_mode))) {
		cli_error(_("cannot create the directory %s: %s"), e.outdir,
			  strerror(errno == EEXIST ? ENOTDIR : errno));
		return EXIT_UNREADABLE;
	}
	if (!e.fmt->text && !e.output && !e.outdir && isatty(STDOUT_FILENO)) {
		cli_error(_("export: an xlsx workbook is not for a terminal; use -o FILE"));
		return EXIT_UNREADABLE;
	}
	bool show = isatty(STDERR_FILENO) && n > 1;
	problems ps;
	problems_init(&ps);
	int status = EXIT_OK;
	for (int i = 0; i < n; i++) {
		const char *input = argv[first + i];
		char *dest = e.outdir ? output_name(&e, input) : e.output ? xstrdup(e.output) : NULL;
		int st = export_one(&e, input, dest, &ps);
		if (st > status)
			status = st;
		free(dest);
		if (show)
			progress((size_t)i + 1, (size_t)n, input);
	}
	report_problem_lines(stderr, &ps);
	if (e.outdir && status == EXIT_OK && n > 1)
		fprintf(stderr, _("Exported %d file(s) to %s.\n"), n, e.outdir);
	problems_free(&ps);
	return status;
}

const cli_verb verb_export = {
	"export", N_("-f FORMAT [OPTIONS] ANSWERS..."),
	N_("Write answers as csv, tsv, xlsx, md, html or json: to standard output, -o FILE, or -O DIR "
	   "for many. Cells that start with = + - @ are neutralised for spreadsheets unless "
	   "--no-formula-guard."),
	export_options_table, run,
};
