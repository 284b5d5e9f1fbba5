#include <config.h>

#include <errno.h>
#include <fcntl.h>
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
#include "../core/term_safe.h"
#include "../core/utf8.h"
#include "../core/xalloc.h"
#include "cli.h"
#include "verbs.h"

/* Options of this verb alone. */
enum { OPT_FINAL = 1000, OPT_FORM };

typedef struct export_args {
	const exporter *fmt;
	const char *output, *outdir, *review_path, *lang;
	export_options opt;
	load_limits limits;
	bool to_terminal;  /* standard output is a terminal: text is shown safe */
	bool final;        /* refuse a document with required answers missing */
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
	{"section-sheets", OPT_SECTION_SHEETS, NULL, N_("xlsx: also a sheet per section (each item then prints twice)")},
	{"final", OPT_FINAL, NULL, N_("refuse a draft: a required answer missing or with a problem (exit 1)")},
	{"form", OPT_FORM, NULL, N_("html, md: every item with its fields, for review (default: the document)")},
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
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("unknown format \"%s\" (csv, tsv, xlsx, md, html, json)"), shown);
			free(shown);
			return false;
		}
		return true;
	case 'o': e->output = arg; return true;
	case 'O': e->outdir = arg; return true;
	case 'e':
		if (!encoding_lookup(arg, &e->opt.encoding)) {
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("unknown encoding \"%s\" (utf-8, utf-8-bom, cp932, shift_jis, euc-jp)"), shown);
			free(shown);
			return false;
		}
		e->opt.encoding_set = true;
		return true;
	case OPT_SUBSTITUTE: e->opt.substitute = true; return true;
	case OPT_NO_FORMULA_GUARD: e->opt.formula_guard = false; return true;
	case 'r': e->review_path = arg; return true;
	case OPT_LANG:
		if (!i18n_export_language_ok(arg)) {
			char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
			cli_error(_("unknown language \"%s\" for --lang (ja, en)"), shown);
			free(shown);
			return false;
		}
		e->lang = arg;
		return true;
	case OPT_FINAL: e->final = true; return true;
	case OPT_FORM: e->opt.form = true; return true;
	case OPT_ONE_SHEET: e->opt.one_sheet = true; return true;
	case OPT_SECTION_SHEETS: e->opt.section_sheets = true; return true;
	case OPT_MAX_SIZE:
		if (cli_parse_size(arg, &e->limits.max_size))
			return true;
		char *shown = term_safe_cut(arg, TERM_QUOTE_MAX);
		cli_error(_("--max-size needs a size such as 1000000 or 64MiB, not \"%s\""), shown);
		free(shown);
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

static bool io_error(problems *ps, const char *path, int err)
{
	problems_add(ps, path, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot write: %s"), strerror(err));
	return false;
}

/* Writes all of data to fd; false with errno set on an error. */
static bool write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* The file an -o or -O output replaces atomically, or NULL when it is
 * written in place: a target that is not a regular file (/dev/stdout,
 * /dev/full, a FIFO) would itself be replaced by a renamed temporary
 * file. A symbolic link is followed, so that the link stays. */
static char *atomic_target(const char *dest)
{
	struct stat st;
	if (stat(dest, &st) == 0 && !S_ISREG(st.st_mode))
		return NULL;
	if (lstat(dest, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *r = realpath(dest, NULL);
		if (r)
			return r;
	}
	return xstrdup(dest);
}

/* Export text in the visible form of term_safe, lines and tabs kept, for
 * a terminal: nothing in the answers may act on it (title, screen,
 * clipboard). Our own byte order mark is for Excel, not for the eye. */
static void terminal_form(const export_options *opt, const char *data, size_t len, strbuf *safe)
{
	unsigned flags = TS_KEEP_NEWLINE | TS_KEEP_TAB;
	if (opt->encoding == ENC_CP932 || opt->encoding == ENC_EUC_JP)
		flags |= TS_BYTES;
	if (opt->encoding == ENC_UTF8_BOM && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	term_safe_append(safe, data, len, flags);
}

/* -o into a device (a terminal too: /dev/tty) or a FIFO. */
static bool write_in_place(const export_options *opt, const char *dest, const char *data, size_t len,
			   problems *ps)
{
	int fd = open(dest, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return io_error(ps, dest, errno);
	strbuf safe;
	sb_init(&safe);
	if (isatty(fd)) {
		terminal_form(opt, data, len, &safe);
		data = sb_str(&safe);
		len = safe.len;
	}
	bool ok = write_all(fd, data, len);
	int err = errno;
	sb_free(&safe);
	if (!ok) {
		close(fd);
		return io_error(ps, dest, err);
	}
	if (close(fd) != 0)
		return io_error(ps, dest, errno);
	return true;
}

/* Text to standard output: exact bytes into a pipe or a file, the
 * terminal form on a terminal. */
static bool text_to_stdout(const export_args *e, const export_options *opt, const strbuf *out)
{
	const char *data = out->s ? out->s : "";
	if (!e->to_terminal) {
		return cli_stdout_write(data, out->len) && cli_stdout_flush();
	}
	strbuf safe;
	sb_init(&safe);
	terminal_form(opt, data, out->len, &safe);
	bool ok = cli_stdout_write(sb_str(&safe), safe.len) && cli_stdout_flush();
	sb_free(&safe);
	return ok;
}

/* Copies the file at path to fd, or to standard output when fd is -1. */
static bool copy_file(const char *path, int fd, const char *dest, problems *ps)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return io_error(ps, path, errno);
	char buf[65536];
	size_t n;
	bool ok = true;
	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (fd < 0)
			ok = cli_stdout_write(buf, n) && cli_stdout_flush();
		else if (!write_all(fd, buf, n))
			ok = io_error(ps, dest, errno);
	}
	if (ok && ferror(f))
		ok = io_error(ps, path, EIO);
	fclose(f);
	return ok;
}

/* A text export into a file is written as it is made (strbuf sink): an
 * export never holds its whole output. */
static void to_atomic_out(void *ctx, const char *s, size_t n)
{
	atomic_out_write(ctx, s, n);
}

/* Exports one answers file to dest (NULL: standard output). */
static int export_one(const export_args *e, const char *input, const char *dest, bool last, problems *ps)
{
	sheet sh;
	int status = EXIT_OK;
	if (!sheet_open(&sh, &(sheet_options){.answers_path = input, .lang = e->lang,
					      .review_path = e->review_path, .limits = e->limits,
					      .texts = SHEET_TEXTS_PRINTED, .only_reads = true,
					      .no_states = true},
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
	/* a release refuses a draft; a page is written with its draft banner */
	size_t n_unfinished;
	char *unfinished = export_unfinished_list(&d, 10, &n_unfinished);
	if (unfinished && e->final) {
		problems_add(ps, input, (cs_mark){0, 0}, SEV_ERROR, "not-final",
			     _("not exported (--final): required answers missing or with a problem: %s"), unfinished);
		free(unfinished);
		export_doc_free(&d);
		sheet_close(&sh);
		return EXIT_PROBLEMS;
	}
	if (unfinished && !opt.form && (e->fmt->write == export_html || e->fmt->write == export_md))
		problems_add(&local, input, (cs_mark){0, 0}, SEV_WARNING, "draft",
			     _("written as a draft: required answers missing or with a problem: %s"), unfinished);
	free(unfinished);
	char *real = dest ? atomic_target(dest) : NULL; /* NULL: standard output or in place */
	if (e->fmt->text) {
		strbuf out;
		sb_init(&out);
		atomic_out w;
		bool streamed = dest && real;
		bool ok = !streamed || atomic_out_open(&w, real, NULL, &local);
		if (!ok) {
			status = EXIT_UNREADABLE;
		} else if (streamed) {
			sb_set_sink(&out, to_atomic_out, &w);
			if (!e->fmt->write(&d, &out, dest, &local)) {
				/* a character the encoding cannot hold: the file stays as it was */
				atomic_out_abort(&w);
				status = EXIT_PROBLEMS;
			} else {
				sb_flush(&out);
				if (!atomic_out_commit(&w, NULL, NULL, &local))
					status = EXIT_UNREADABLE;
			}
		} else if (!e->fmt->write(&d, &out, dest, &local)) /* nothing is written */
			status = EXIT_PROBLEMS;
		else if (!dest) {
			if (!text_to_stdout(e, &opt, &out))
				status = EXIT_UNREADABLE;
		} else if (!write_in_place(&opt, dest, out.s ? out.s : "", out.len, &local))
			status = EXIT_UNREADABLE;
		sb_free(&out);
	} else {
		/* binary: into a temporary file beside the target, then renamed;
		 * for standard output or a device, in /tmp and then copied */
		char *tmp = real ? xasprintf("%s.tmp%d", real, (int)getpid()) : xstrdup("/tmp/checksheet-export-XXXXXX");
		if (!real) {
			int fd = mkstemp(tmp);
			if (fd >= 0)
				close(fd);
		}
		if (!e->fmt->write(&d, NULL, tmp, &local))
			status = EXIT_UNREADABLE;
		else if (!dest) {
			if (!copy_file(tmp, -1, NULL, &local))
				status = EXIT_UNREADABLE;
		} else if (!real) {
			int fd = open(dest, O_WRONLY | O_TRUNC | O_CLOEXEC);
			bool ok = fd >= 0 ? copy_file(tmp, fd, dest, &local) : io_error(&local, dest, errno);
			if (fd >= 0 && close(fd) != 0 && ok)
				ok = io_error(&local, dest, errno);
			if (!ok)
				status = EXIT_UNREADABLE;
		} else if (rename(tmp, real) != 0) {
			problems_add(&local, dest, (cs_mark){0, 0}, SEV_FATAL, "io-error", _("cannot write: %s"),
				     strerror(errno));
			status = EXIT_UNREADABLE;
		}
		if (status != EXIT_OK || !real)
			unlink(tmp);
		free(tmp);
	}
	free(real);
	problems_move(ps, &local);
	export_doc_free(&d);
	if (last)
		sheet_close_at_exit(&sh);
	else
		sheet_close(&sh);
	return status;
}

static void progress(size_t done, size_t total, const char *name)
{
	int width = 30, filled = total ? (int)(done * (size_t)width / total) : width;
	fprintf(stderr, "\r[");
	for (int i = 0; i < width; i++)
		fputc(i < filled ? '#' : '-', stderr);
	/* the name as given, shown safe, in 30 columns of whole characters */
	char *shown = term_safe(name, 0);
	size_t cols;
	size_t bytes = utf8_prefix_fitting(shown, 30, &cols);
	fprintf(stderr, "] %zu/%zu %.*s%*s", done, total, (int)bytes, shown, (int)(30 - cols), "");
	free(shown);
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
		int err = errno == EEXIST ? ENOTDIR : errno;
		char *shown = term_safe(e.outdir, 0);
		cli_error(_("cannot create the directory %s: %s"), shown, strerror(err));
		free(shown);
		return EXIT_UNREADABLE;
	}
	e.to_terminal = !e.output && !e.outdir && isatty(STDOUT_FILENO);
	if (!e.fmt->text && e.to_terminal) {
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
		int st = export_one(&e, input, dest, i + 1 == n, &ps);
		if (st > status)
			status = st;
		free(dest);
		if (show)
			progress((size_t)i + 1, (size_t)n, input);
	}
	report_problem_lines(stderr, &ps);
	if (e.outdir && status == EXIT_OK && n > 1) {
		char *shown = term_safe(e.outdir, 0);
		fprintf(stderr, _("Exported %d file(s) to %s.\n"), n, shown);
		free(shown);
	}
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
