/* libFuzzer target: the CSV/TSV importer (import_csv) into the METI
 * template. The bytes are the file; it is read once with each encoding
 * the importer takes (-e: automatic, utf-8, cp932, shift_jis, euc-jp) and
 * once more with a column map instead of a header row. What imported is
 * written out as `import` does (answers_to_yaml). */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "core/answers_save.h"
#include "core/import.h"
#include "fuzz_common.h"

static int fd = -1;
static char path[64];
static char tmp_path[4096];

static void remove_tmp(void)
{
	if (*tmp_path)
		unlink(tmp_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_meti_template();
#if defined(__linux__) && defined(MFD_CLOEXEC)
	/* a file in memory, named through /proc: nothing is left behind
	 * when libFuzzer stops on a crash or a timeout */
	fd = memfd_create("fuzz-import.csv", MFD_CLOEXEC);
	if (fd >= 0)
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
#endif
	if (fd < 0) {
		const char *dir = getenv("TMPDIR");
		snprintf(tmp_path, sizeof tmp_path, "%s/fuzz-import-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(tmp_path);
		if (fd < 0) {
			perror("fuzz_import_csv: mkstemp");
			exit(2);
		}
		atexit(remove_tmp);
		snprintf(path, sizeof path, "%s", "");
	}
	return 0;
}

static void import_once(const template *t, const import_options *opt)
{
	answers a;
	answers_init(&a);
	import_report rep;
	problems ps;
	problems_init(&ps);
	if (import_csv(*path ? path : tmp_path, t, opt, &a, &rep, &ps)) {
		size_t len = 0;
		free(answers_to_yaml(&a, t, &len));
	}
	import_report_free(&rep);
	answers_free(&a);
	problems_free(&ps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const template *t = fuzz_meti_template();
	if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz_import_csv: write");
		abort();
	}
	static const char *const encodings[] = {NULL, "utf-8", "cp932", "shift_jis", "euc-jp"};
	for (size_t i = 0; i < sizeof encodings / sizeof *encodings; i++) {
		import_options opt = {.encoding = encodings[i]};
		import_once(t, &opt);
	}
	import_options cols = {.encoding = NULL};
	if (import_parse_columns("no=1,title=3,value=6,note=7", &cols))
		import_once(t, &cols);
	return 0;
}
