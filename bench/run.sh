#!/bin/sh
# make bench: measurements that take too long for make check, printed, never
# asserted against a clock (bench/RESULTS.md says what and how).
#   1. bench/bench.py: checksheet against the libyaml floor and a Python
#      peer on synthetic sheets of BENCH_SIZES items (default
#      "49 1000 10000 100000"): one table and the ratios of issue 12.
#   2. The long kill test (BENCH_KILL=0 skips it): saves of a 2 MB answers
#      file SIGKILLed at random moments, BENCH_KILLS times (237 by
#      default); each kill must leave the old or the new file whole.
# Exit status: non-zero only when a measured command failed.
set -u
top_srcdir=${TOP_SRCDIR:?}
top_builddir=${TOP_BUILDDIR:?}
kills=${BENCH_KILLS:-237}
python=${BENCH_PYTHON:-python3}
status=0

echo "bench: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -srm), $(nproc) cores"
PYTHONDONTWRITEBYTECODE=1 BENCH_PYTHON=$python TOP_SRCDIR="$top_srcdir" TOP_BUILDDIR="$top_builddir" \
	"$python" "$top_srcdir/bench/bench.py" || status=1

if [ "${BENCH_KILL:-1}" != 0 ]; then
	start=$(date +%s)
	KILL_SAVE_KILLS=$kills CHECKSHEET="$top_builddir/checksheet" TOP_SRCDIR="$top_srcdir" \
		TOP_BUILDDIR="$top_builddir" sh "$top_srcdir/tests/e2e/kill_save.sh" >"$top_builddir/bench-kill.log" 2>&1
	kill_status=$?
	grep -E 'kills|mid-save|torn|passed' "$top_builddir/bench-kill.log" | tail -5
	echo "bench: kill test, $kills kills, $(( $(date +%s) - start )) s, exit $kill_status"
	[ "$kill_status" -eq 0 ] || status=1
fi
exit "$status"
