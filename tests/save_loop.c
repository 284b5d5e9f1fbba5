/* The kill test's driver (tests/e2e/kill_save.sh): saves a large answers
 * file again and again through the editor's save path (lock, backup,
 * atomic_save), to be SIGKILLed at any moment; and checks that a file is
 * one whole generation of what it writes.
 *
 *   save_loop FILE N      take the lock (over a dead holder's), save N
 *                         generations (0: until killed), release
 *   save_loop verify FILE...  exit 0 when each FILE is byte for byte
 *                         the generation its first line names */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file.h"
#include "core/file_lock.h"
#include "core/file_state.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Twenty items with a long note each: about 2 MB, no value over the
 * reader's per-scalar limit. */
static const char *const items[] = {
	"service-hours", "planned-outage-notice", "termination-notice", "sudden-termination-measures",
	"availability-rate", "disaster-recovery", "major-failure-alternative", "alternative-data-format",
	"upgrade-policy", "mttr", "rto", "incident-count", "monitoring-criteria", "failure-notification-process",
	"failure-notification-time", "monitoring-interval", "status-reporting", "log-provision", "response-time",
	"delay-duration",
};
enum { LINES = 1500 };

/* Generation g: valid answers YAML that names g on its first line. */
static char *generation(unsigned long g, size_t *len)
{
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "# generation %lu\nkind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n", g);
	for (size_t k = 0; k < sizeof items / sizeof *items; k++) {
		sb_printf(&sb, "  %s:\n    note: |-\n", items[k]);
		for (unsigned i = 0; i < LINES; i++)
			sb_printf(&sb, "      %lu/%04u 復旧手順の記録 recovery log line, generation %lu\n", g, i, g);
	}
	*len = sb.len;
	return sb_take(&sb);
}

static bool read_generation(const char *path, unsigned long *g, char **data, size_t *len)
{
	file_state st;
	problems ps;
	problems_init(&ps);
	bool ok = file_read_all(path, 0, data, len, &st, &ps);
	problems_free(&ps);
	return ok && sscanf(*data, "# generation %lu\n", g) == 1;
}

static int verify(const char *path)
{
	unsigned long g;
	char *data = NULL;
	size_t len;
	if (!read_generation(path, &g, &data, &len)) {
		fprintf(stderr, "%s: unreadable or no generation line\n", path);
		free(data);
		return 1;
	}
	size_t want_len;
	char *want = generation(g, &want_len);
	int status = len == want_len && memcmp(data, want, len) == 0 ? 0 : 1;
	if (status)
		fprintf(stderr, "%s: generation %lu is torn (%zu bytes, %zu expected)\n", path, g, len, want_len);
	free(want);
	free(data);
	return status;
}

static void print_problems(const problems *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		fprintf(stderr, "%s: %s\n", ps->v[i].file, ps->v[i].message);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "verify") == 0) {
		int status = 0;
		for (int i = 2; i < argc; i++)
			status |= verify(argv[i]);
		return status;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: save_loop FILE N | save_loop verify FILE...\n");
		return 2;
	}
	const char *path = argv[1];
	long n = strtol(argv[2], NULL, 10);
	problems ps;
	problems_init(&ps);
	file_lock lock;
	lock_holder h;
	if (!file_lock_take(path, &lock, &h, &ps)) {
		/* the killed run before us left its lock: it is stale; a run
		 * killed while writing its lock left garbage, which this driver
		 * takes over as a user asked to would */
		bool dead = file_lock_is_stale(&h);
		if (!(dead || h.kind == LOCK_HOLDER_GARBAGE) ||
		    !file_lock_take_over(path, &h, h.kind == LOCK_HOLDER_GARBAGE, &lock, NULL, &ps)) {
			print_problems(&ps);
			return 3;
		}
	}
	lock_holder_free(&h);
	unsigned long g = 0;
	char *old = NULL;
	size_t old_len;
	if (!read_generation(path, &g, &old, &old_len))
		g = 0;
	free(old);
	save_options o = {.backups = 1, .lock = &lock};
	for (long i = 0; n == 0 || i < n; i++) {
		size_t len;
		char *text = generation(++g, &len);
		problems_free(&ps);
		problems_init(&ps);
		bool ok = atomic_save(path, text, len, &o, NULL, &ps);
		free(text);
		if (!ok || ps.n) {
			print_problems(&ps);
			file_lock_release(&lock);
			return 1;
		}
	}
	file_lock_release(&lock);
	problems_free(&ps);
	return 0;
}
