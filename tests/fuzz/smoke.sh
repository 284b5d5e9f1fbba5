#!/bin/sh
# Fuzz smoke for CI: run from the top of the source tree.
#
#   sh tests/fuzz/smoke.sh
#
# When clang can link libFuzzer targets, configures build-fuzz/ (at the top
# of the tree, an out-of-tree build) with CC=clang --enable-fuzzing, runs
# `make fuzz-smoke` and prints one line per target with its executions and
# its crashes. Otherwise prints "clang not installed: fuzz smoke skipped"
# and exits 0.
#
# Environment: FUZZ_SECONDS (per target, default 10), FUZZ_JOBS (targets
# run at a time, default: the number of processors), FUZZ_TARGETS (a
# subset), FUZZ_BUILDDIR (default build-fuzz), CLANG (default clang).
# Exit status: 0 when every target ran without a crash (or when skipped),
# 1 when one crashed, 2 when the build failed.

set -u

top=$(pwd)
if [ ! -f "$top/configure.ac" ] || [ ! -f "$top/mk/fuzz.am" ]; then
	echo "smoke.sh: run me from the top of the checksheet tree" >&2
	exit 2
fi

CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "clang not installed: fuzz smoke skipped"
	exit 0
fi

# clang without compiler-rt's libFuzzer cannot link a target: skip too.
probe=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-probe.XXXXXX") || exit 2
cat >"$probe/t.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { (void)data; (void)size; return 0; }
EOF
if ! "$CLANG" -fsanitize=fuzzer,address,undefined "$probe/t.c" -o "$probe/t" >"$probe/log" 2>&1; then
	rm -rf "$probe"
	echo "clang not installed: fuzz smoke skipped ($CLANG cannot link -fsanitize=fuzzer; on Debian: apt-get install clang libclang-rt-14-dev)"
	exit 0
fi
rm -rf "$probe"

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
seconds=${FUZZ_SECONDS:-10}
build=${FUZZ_BUILDDIR:-build-fuzz}
case $build in
/*) ;;
*) build=$top/$build ;;
esac

if [ ! -x "$top/configure" ]; then
	echo "smoke.sh: no configure script: running autoreconf -fi"
	(cd "$top" && autoreconf -fi) || exit 2
fi
mkdir -p "$build" || exit 2
cd "$build" || exit 2
if [ ! -f Makefile ] || ! grep -q '^FUZZ_CFLAGS = .*fuzzer' Makefile; then
	echo "smoke.sh: configuring $build (CC=$CLANG --enable-fuzzing)"
	if ! CC=$CLANG "$top/configure" --enable-fuzzing >configure.log 2>&1; then
		tail -n 20 configure.log
		echo "smoke.sh: configure failed (see $build/configure.log)"
		exit 2
	fi
fi
echo "smoke.sh: building the fuzz targets"
if ! make -j"$jobs" fuzz >build.log 2>&1; then
	tail -n 40 build.log
	echo "smoke.sh: the build failed (see $build/build.log)"
	exit 2
fi

set -- FUZZ_SECONDS="$seconds"
[ -n "${FUZZ_TARGETS:-}" ] && set -- "$@" FUZZ_TARGETS="$FUZZ_TARGETS"
make -s -j"$jobs" fuzz-smoke "$@" >fuzz-smoke.log 2>&1
status=$?

# One line per target, from libFuzzer's final stats
# (stat::number_of_executed_units, read by tests/fuzz/fuzz-smoke.sh).
sed -n '/^fuzz-smoke: results/,$p' fuzz-smoke.log |
	grep -E '^fuzz-smoke: [a-z_]+: |^    (artifact|log): '
if [ "$status" -ne 0 ]; then
	# the sanitizer reports, and make's own errors
	sed '/^fuzz-smoke: results/,$d' fuzz-smoke.log | grep -v -E '^fuzz-smoke: [a-z_]+: ' | tail -n 80
	echo "smoke.sh: fuzz smoke FAILED (full output: $build/fuzz-smoke.log)"
	exit 1
fi
echo "smoke.sh: fuzz smoke passed: every target ran $seconds s without a crash"
exit 0
