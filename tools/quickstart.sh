#!/bin/sh
# Quick start for a fresh Debian 12 machine.
#   ./tools/quickstart.sh        install what is missing, build, install
#                                checksheet into /usr/local, and open the
#                                editor on sample.yaml (from the METI template)
#   ./tools/quickstart.sh test   install what is missing, then build with
#                                -Werror and run the whole test suite, run it
#                                again under ASan + UBSan, and make distcheck
set -eu
mode=${1:-edit}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

packages="build-essential autoconf automake autopoint gettext pkg-config
	libncurses-dev libyaml-dev libcmocka-dev libxlsxwriter-dev libzip-dev libexpat1-dev
	libcmark-gfm-dev libcmark-gfm-extensions-dev
	tmux python3"
# The suite also reads exports back with real programs: a spreadsheet
# (LibreOffice, openpyxl) and a browser (Chromium, whose printed PDF
# poppler-utils' pdftotext reads page by page); written YAML is read
# back with PyYAML (a YAML 1.1 reader), which make bench's peer uses too.
# The workbook is printed to PDF with a Japanese font and Calibri's
# metrics, as a customer prints it, and read with poppler's pdftotext.
if [ "$mode" = test ]; then
	packages="$packages libreoffice-calc-nogui python3-openpyxl chromium valgrind
		clang libclang-rt-14-dev python3-yaml poppler-utils
		fonts-noto-cjk fonts-crosextra-carlito"
fi

missing=""
for p in $packages; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "quickstart: installing$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# Out-of-tree builds: build/ for use and tests, build-asan/ for sanitizers.
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi
jobs=$(nproc 2>/dev/null || echo 2)

build() { # build DIR CONFIGURE-OPTIONS...
	dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && { [ -f Makefile ] || ../configure -q "$@"; } && make -s -j"$jobs")
}

# `checksheet` on the PATH: install into /usr/local (as root or through sudo)
install_program() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd build && make -s install) >/dev/null
	elif command -v sudo >/dev/null 2>&1; then
		(cd build && sudo make -s install) >/dev/null
	else
		echo "quickstart: cannot install without root; use build/checksheet" >&2
	fi
}

# cmocka's own summaries, which the harness keeps in the logs
cmocka_summaries() {
	for log in "$1"/tests/unit/*.log; do
		[ -f "$log" ] || continue
		printf '%s: ' "$(basename "$log" .log)"
		grep -a -E '^\[  (PASSED|FAILED)  \] [0-9]+ test' "$log" | tr '\n' ' '
		echo
	done
}

case "$mode" in
edit)
	build build --enable-werror
	install_program
	[ -f sample.yaml ] || build/checksheet new -t meti-cloud-sla -o sample.yaml \
		--organization 株式会社サンプル --service サンプルクラウド
	exec build/checksheet sample.yaml
	;;
test)
	start=$(date +%s)
	build build --enable-werror
	install_program
	(cd build && make -s -j"$jobs" check) || { cat build/test-suite.log; exit 1; }
	cmocka_summaries build
	echo "quickstart: the suite again under AddressSanitizer and UndefinedBehaviorSanitizer"
	build build-asan --enable-werror --enable-sanitizers
	(cd build-asan && ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		make -s -j"$jobs" check) || { cat build-asan/test-suite.log; exit 1; }
	cmocka_summaries build-asan
	echo "quickstart: the unit tests under valgrind memcheck"
	for t in build/tests/unit/test_*; do
		case $t in *.o | *.log | *.trs | *.valgrind) continue ;; esac
		# these two fork children that exit with the parent's heap and
		# time file-system events in milliseconds: under valgrind that
		# measures valgrind; ASan and UBSan above run them
		case $t in */test_atomic_file | */test_file_lock) continue ;; esac
		[ -x "$t" ] || continue
		TOP_SRCDIR="$top" valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp \
			"$t" >"$t.valgrind" 2>&1 ||
			{ echo "valgrind: $(basename "$t") failed"; tail -30 "$t.valgrind"; exit 1; }
	done
	echo "valgrind: every unit test clean"
	echo "quickstart: fuzzing smoke run (libFuzzer, every target for a few seconds)"
	sh tests/fuzz/smoke.sh || exit 1
	echo "quickstart: make distcheck"
	(cd build && make -s distcheck) >build/distcheck.log 2>&1 || { tail -50 build/distcheck.log; exit 1; }
	tail -4 build/distcheck.log
	echo "quickstart: all passed in $(( $(date +%s) - start )) s"
	;;
*)
	echo "usage: $0 [edit|test]" >&2
	exit 2
	;;
esac
