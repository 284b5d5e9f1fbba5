#include <config.h>

/* Which reader a file needs (XLSX by its content, else CSV or TSV), and
 * which of a workbook's sheets holds the answers. */

#include "import.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "xalloc.h"
#include "xlsx_read.h"

/* A zip archive starts "PK\3\4"; so does every XLSX. Looked at without
 * blocking on a FIFO: the readers refuse what is not a regular file. */
static bool looks_like_zip(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	unsigned char magic[4] = {0};
	ssize_t n = read(fd, magic, sizeof magic);
	close(fd);
	return n == 4 && memcmp(magic, "PK\3\4", 4) == 0;
}

static bool has_extension(const char *path, const char *ext)
{
	size_t n = strlen(path), k = strlen(ext);
	return n > k && strcasecmp(path + n - k, ext) == 0;
}

static void no_header_problem(const char *path, problems *ps)
{
	problems_add(ps, path, (cs_mark){1, 1}, SEV_FATAL, "no-header",
		     _("no header row names the answer column (回答 / 設定 / answer) and No. or 項目 in the first 20 rows; "
		       "use --columns no=1,value=6,note=7"));
}

bool import_csv(const char *path, const template *t, const import_options *opt, answers *a,
		import_report *rep, problems *ps)
{
	import_report_init(rep);
	rep->file = xstrdup(path);
	sheet_grid g;
	if (!import_csv_grid(path, opt, &g, ps)) {
		grid_free(&g);
		return false;
	}
	bool no_header, ok = import_grid(&g, path, t, opt, a, rep, ps, &no_header);
	grid_free(&g);
	if (ok && no_header) {
		no_header_problem(path, ps);
		ok = false;
	}
	return ok;
}

static bool import_xlsx(const char *path, const template *t, const import_options *opt, answers *a,
			import_report *rep, problems *ps)
{
	load_limits lim = load_limits_resolve(&(load_limits){.max_size = opt->max_size});
	xlsx_book *b;
	if (!xlsx_open(path, &lim, &b, ps))
		return false;
	long chosen = -1;
	if (opt->sheet)
		chosen = xlsx_sheet_find(b, opt->sheet, ps);
	else if (opt->col_value)
		chosen = xlsx_sheet_default(b, ps);
	bool ok = !(opt->sheet || opt->col_value) || chosen >= 0;
	sheet_grid g;
	grid_init(&g);
	bool done = false;
	/* no sheet named: the first worksheet whose header names the columns
	 * (a cover or instructions sheet comes first in many workbooks) */
	for (size_t i = 0; ok && !done && i < xlsx_sheet_count(b); i++) {
		if (chosen >= 0 && (size_t)chosen != i)
			continue;
		if (chosen < 0 && (!xlsx_sheet_is_worksheet(b, i) || xlsx_sheet_hidden(b, i)))
			continue;
		if (!xlsx_read_sheet(b, i, &g, ps)) {
			ok = false;
			break;
		}
		import_report r;
		import_report_init(&r);
		bool no_header;
		problems local;
		problems_init(&local);
		/* a sheet without a header adds nothing to a */
		ok = import_grid(&g, path, t, opt, a, &r, &local, &no_header);
		if (ok && !no_header) {
			/* this sheet: its report and problems are the import's */
			r.file = rep->file;
			rep->file = NULL;
			import_report_free(rep);
			*rep = r;
			rep->sheet = xstrdup(xlsx_sheet_name(b, i));
			problems_move(ps, &local);
			done = true;
		} else
			import_report_free(&r);
		problems_free(&local);
		if (chosen >= 0 && no_header && ok) {
			no_header_problem(path, ps);
			ok = false;
		}
	}
	if (ok && !done) {
		no_header_problem(path, ps);
		ok = false;
	}
	grid_free(&g);
	xlsx_close(b);
	return ok;
}

bool import_file(const char *path, const template *t, const import_options *opt, answers *a,
		 import_report *rep, problems *ps)
{
	if (looks_like_zip(path) || has_extension(path, ".xlsx") || has_extension(path, ".xlsm") ||
	    has_extension(path, ".xls") || has_extension(path, ".ods")) {
		import_report_init(rep);
		rep->file = xstrdup(path);
		return import_xlsx(path, t, opt, a, rep, ps);
	}
	return import_csv(path, t, opt, a, rep, ps);
}
