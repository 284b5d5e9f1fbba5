#!/bin/sh
# make bench: measurements that take too long for make check, printed, never
# asserted against a clock. For now the long kill test: saves of a 2 MB
# answers file SIGKILLed at random moments, BENCH_KILLS times (237 by
# default); each kill must leave the old or the new file whole.
set -u
top_srcdir=${TOP_SRCDIR:?}
top_builddir=${TOP_BUILDDIR:?}
kills=${BENCH_KILLS:-237}
echo "bench: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -srm), $(nproc) cores"
start=$(date +%s)
KILL_SAVE_KILLS=$kills CHECKSHEET="$top_builddir/checksheet" TOP_SRCDIR="$top_srcdir" \
	TOP_BUILDDIR="$top_builddir" sh "$top_srcdir/tests/e2e/kill_save.sh" >"$top_builddir/bench-kill.log" 2>&1
status=$?
grep -E 'kills|mid-save|torn|passed' "$top_builddir/bench-kill.log" | tail -5
echo "bench: kill test, $kills kills, $(( $(date +%s) - start )) s, exit $status"
exit "$status"
