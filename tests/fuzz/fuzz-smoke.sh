#!/bin/sh
# The runner behind `make fuzz-smoke` (mk/fuzz.am); not meant to be called
# by hand.
#
#   fuzz-smoke.sh run TARGET        fuzz one target for FUZZ_SECONDS on a
#                                   scratch copy of its seed corpus, and
#                                   record a one-line result
#   fuzz-smoke.sh report TARGET...  print every target's result line; exit 1
#                                   when one crashed or did not run
#
# Environment (set by the Makefile): FUZZ_SRCDIR (tests/fuzz in the source
# tree: corpus/, dict/), FUZZ_BINDIR (where fuzz_TARGET is built),
# FUZZ_WORKDIR (scratch, in the build tree), FUZZ_SECONDS, FUZZ_FLAGS.
#
# A run passes when libFuzzer ends by its time limit with no artifact: a
# crash, a leak, a sanitizer report, a timeout (-timeout=10) and an
# out-of-memory (-rss_limit_mb=2048) all fail it. The source tree is never
# written: new inputs go to the scratch copy.

set -u

: "${FUZZ_SRCDIR:?}" "${FUZZ_BINDIR:?}" "${FUZZ_WORKDIR:?}"
FUZZ_SECONDS=${FUZZ_SECONDS:-10}
FUZZ_FLAGS=${FUZZ_FLAGS:-}

case $FUZZ_SECONDS in
'' | *[!0-9]*)
	echo "fuzz-smoke: FUZZ_SECONDS must be a whole number of seconds, not \"$FUZZ_SECONDS\"" >&2
	exit 2
	;;
esac

run() {
	t=$1
	prog=$FUZZ_BINDIR/fuzz_$t
	work=$FUZZ_WORKDIR/$t
	if [ ! -x "$prog" ]; then
		echo "fuzz-smoke: $t: $prog is not built" >&2
		exit 2
	fi
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts" || exit 2
	if [ -d "$FUZZ_SRCDIR/corpus/$t" ]; then
		cp "$FUZZ_SRCDIR/corpus/$t"/* "$work/corpus/" 2>/dev/null
		chmod -R u+w "$work/corpus"
	fi
	dict=
	if [ -f "$FUZZ_SRCDIR/dict/$t.dict" ]; then
		dict=-dict=$FUZZ_SRCDIR/dict/$t.dict
	fi
	seeds=$(ls "$work/corpus" | wc -l)
	echo "fuzz-smoke: $t: fuzzing for $FUZZ_SECONDS s from $seeds seeds"
	start=$(date +%s)
	# shellcheck disable=SC2086 # FUZZ_FLAGS and dict are lists of flags
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$prog" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$work/artifacts/" $dict $FUZZ_FLAGS \
		"$work/corpus" >"$work/log" 2>&1
	status=$?
	secs=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' "$work/log" | tail -n 1)
	[ -n "$execs" ] || execs=$(sed -n 's/.*Done \([0-9][0-9]*\) runs in.*/\1/p' "$work/log" | tail -n 1)
	[ -n "$execs" ] || execs=0
	crashes=$(ls "$work/artifacts" | wc -l)
	corpus=$(ls "$work/corpus" | wc -l)
	if [ "$status" -eq 0 ] && [ "$crashes" -eq 0 ]; then
		line="fuzz-smoke: $t: $execs executions in $secs s, corpus $seeds -> $corpus, 0 crashes"
		echo "ok $line" >"$work/result"
	else
		[ "$crashes" -gt 0 ] || crashes=1
		what=$(grep -m 1 -E '^SUMMARY' "$work/log")
		[ -n "$what" ] || what=$(grep -m 1 -E '==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer|^ALARM' "$work/log")
		line="fuzz-smoke: $t: $execs executions in $secs s, $crashes crashes (exit $status): ${what:-see the log}"
		{
			echo "FAIL $line"
			for a in "$work/artifacts"/*; do
				[ -e "$a" ] && echo "    artifact: $a"
			done
			echo "    log: $work/log"
		} >"$work/result"
		# the report, as libFuzzer wrote it, for CI logs
		sed -n '/==[0-9]*==ERROR\|runtime error:\|^ALARM\|== ERROR: libFuzzer/,/^SUMMARY/p' "$work/log" |
			head -n 60 | sed 's/^/    /' >&2
	fi
	echo "$line"
}

report() {
	fail=0
	echo "fuzz-smoke: results, $FUZZ_SECONDS s per target:"
	for t in "$@"; do
		r=$FUZZ_WORKDIR/$t/result
		if [ ! -f "$r" ]; then
			echo "fuzz-smoke: $t: did not run"
			fail=1
			continue
		fi
		sed -n '1s/^[A-Za-z]* //p; 2,$p' "$r"
		head -n 1 "$r" | grep -q '^ok ' || fail=1
	done
	if [ "$fail" -ne 0 ]; then
		echo "fuzz-smoke: FAILED (inputs under $FUZZ_WORKDIR/*/artifacts; reproduce with tests/fuzz/fuzz_TARGET FILE)"
		exit 1
	fi
	echo "fuzz-smoke: all $# targets ran without a crash"
}

case ${1:-} in
run)
	[ $# -eq 2 ] || exit 2
	run "$2"
	;;
report)
	shift
	report "$@"
	;;
*)
	echo "usage: $0 run TARGET | report TARGET..." >&2
	exit 2
	;;
esac
