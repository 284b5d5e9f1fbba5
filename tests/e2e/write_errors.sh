#!/bin/sh
# Every write is checked: a full disk or a closed pipe on standard output,
# a full disk under -o; a reader that goes away (| head) ends us quietly.
# And a mistyped verb is an unknown command, never a file to edit.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

"$CHECKSHEET" new -t meti-cloud-sla -o a.yaml 2>/dev/null
NOSPACE="cannot write to standard output: No space left on device"

# --- standard output into a full disk -------------------------------------

full_stdout() {
	name=$1
	shift
	"$@" >/dev/full 2>"$WORK/err"
	got=$?
	if [ "$got" -eq 2 ] && grep -qF "checksheet: $NOSPACE" "$WORK/err"; then
		ok "$name > /dev/full: exit 2, says so"
	else
		not_ok "$name > /dev/full (exit $got)"
		sed 's/^/    /' "$WORK/err" | head -5
	fi
	check "$name > /dev/full: said once" test "$(grep -c 'cannot write' "$WORK/err")" -eq 1
}

if [ -c /dev/full ]; then
	full_stdout "export -f csv" "$CHECKSHEET" export -f csv a.yaml
	full_stdout "export -f md" "$CHECKSHEET" export -f md a.yaml
	full_stdout "export -f json" "$CHECKSHEET" export -f json a.yaml
	full_stdout "export -f xlsx" "$CHECKSHEET" export -f xlsx a.yaml
	full_stdout "check" "$CHECKSHEET" check a.yaml
	full_stdout "check --format json" "$CHECKSHEET" check --format json a.yaml
	full_stdout "templates" "$CHECKSHEET" templates
	full_stdout "template check" "$CHECKSHEET" template check "$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml"
	full_stdout "new -o -" "$CHECKSHEET" new -t meti-cloud-sla -o -
	full_stdout "--help" "$CHECKSHEET" --help
	full_stdout "check --help" "$CHECKSHEET" check --help
	full_stdout "--version" "$CHECKSHEET" --version

	# -o /dev/full: a device is written in place, never replaced by a
	# renamed temporary file (as root that would replace /dev/full)
	for f in csv md xlsx; do
		expect_status 2 "export -f $f -o /dev/full: exit 2" "$CHECKSHEET" export -f $f -o /dev/full a.yaml
		check "export -f $f -o /dev/full: no space left" contains "$WORK/err" "/dev/full: error: cannot write: No space left on device"
		check "export -f $f -o /dev/full: /dev/full is still a device" test -c /dev/full
	done
else
	echo "no /dev/full: skipping its cases"
fi

# -o into a disk that fills: a file size limit stands in for it (the
# signal ignored, so that write fails with EFBIG as on a full disk)
# (notes of 30000 characters: under the 32767 a spreadsheet cell holds)
long=$(head -c 30000 /dev/zero | tr '\0' x)
{
	printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nlanguage: ja\nanswers:\n'
	for id in service-hours planned-outage-notice availability-rate mttr rto backup-generations; do
		printf '  %s:\n    note: "%s"\n' "$id" "$long"
	done
} >big.yaml
echo "the old export" >kept.md
(
	ulimit -f 16 2>/dev/null || exit 77
	trap '' XFSZ
	exec "$CHECKSHEET" export -f md -o kept.md big.yaml
) >"$WORK/out" 2>"$WORK/err"
got=$?
if [ "$got" -eq 77 ]; then
	echo "ulimit -f is not available: skipping the full -o case"
else
	check "-o into a full disk: exit 2" test "$got" -eq 2
	check "-o into a full disk: says so" contains "$WORK/err" "kept.md: error: could not save (cannot write: File too large)"
	check "-o into a full disk: the old file is kept" test "$(cat kept.md)" = "the old export"
	check "-o into a full disk: no temporary file left" sh -c "! ls kept.md.tmp* 2>/dev/null | grep -q ."
fi

# -o through a symbolic link: the link stays, its target is replaced
echo old >target.md
ln -s target.md link.md
expect_status 0 "-o through a symbolic link" "$CHECKSHEET" export -f md -o link.md a.yaml
check "the link is still a link" test -L link.md
check "its target has the export" contains target.md "# クラウドサービスレベルのチェックリスト"

# --- a reader that goes away ----------------------------------------------

# pipe_head NAME WANT COMMAND...: COMMAND | head -1 with a time limit;
# quiet on stderr, and killed by SIGPIPE (141, as the shell reports it)
# or, had it finished before head left, its own status WANT. Warnings
# about the content (a workbook row too tall to print, when the export
# ends before head does) are not noise about the pipe.
pipe_head() {
	name=$1 want=$2
	shift 2
	{ timeout 20 "$@" 2>"$WORK/err"; echo $? >"$WORK/status"; } | head -1 >/dev/null
	st=$(cat "$WORK/status")
	grep -v ': warning: ' "$WORK/err" >"$WORK/err.noise"
	if { [ "$st" -eq 141 ] || [ "$st" -eq "$want" ]; } && [ ! -s "$WORK/err.noise" ]; then
		ok "$name | head -1: quiet (status $st)"
	else
		not_ok "$name | head -1: status $st"
		sed 's/^/    /' "$WORK/err.noise" | head -5
	fi
}

pipe_head "export -f csv" 0 "$CHECKSHEET" export -f csv big.yaml
pipe_head "export -f md" 0 "$CHECKSHEET" export -f md big.yaml
pipe_head "export -f json" 0 "$CHECKSHEET" export -f json big.yaml
pipe_head "export -f xlsx" 0 "$CHECKSHEET" export -f xlsx big.yaml
# 200 files of 49 problems each: far more than a pipe holds
set --
i=0
while [ $i -lt 200 ]; do
	set -- "$@" a.yaml
	i=$((i + 1))
done
pipe_head "check of 200 files" 1 "$CHECKSHEET" check "$@"
{ timeout 20 "$CHECKSHEET" export -f csv big.yaml 2>/dev/null; echo $? >"$WORK/status"; } | head -1 >/dev/null
check "export | head -1 ends by SIGPIPE" test "$(cat "$WORK/status")" -eq 141
# a parent that ignores SIGPIPE (some CI runners do): still quiet
pipe_head "export -f csv, SIGPIPE ignored" 0 sh -c 'trap "" PIPE; exec "$0" "$@"' "$CHECKSHEET" export -f csv big.yaml

# --- unknown commands -----------------------------------------------------

unknown() {
	name=$1 suggestion=$2
	shift 2
	"$@" </dev/null >"$WORK/out" 2>"$WORK/err"
	got=$?
	if [ "$got" -eq 2 ] && grep -q '^checksheet: unknown command "' "$WORK/err" &&
		! grep -q "editor" "$WORK/err"; then
		ok "$name: unknown command, exit 2"
	else
		not_ok "$name: exit $got"
		sed 's/^/    /' "$WORK/err" | head -5
	fi
	if [ -n "$suggestion" ]; then
		check "$name: suggests $suggestion" contains "$WORK/err" "Did you mean \"checksheet $suggestion\"?"
	else
		check "$name: lists the verbs" contains "$WORK/err" "edit, review, check, export, import, new, templates, template"
	fi
}

unknown "frobnicate" "" "$CHECKSHEET" frobnicate
unknown "chek a.yaml" check "$CHECKSHEET" chek a.yaml
unknown "sign --help" "" "$CHECKSHEET" sign --help
unknown "expotr" export "$CHECKSHEET" expotr -f md a.yaml
unknown "Check (case)" check "$CHECKSHEET" Check a.yaml
unknown "templtes" templates "$CHECKSHEET" templtes
unknown "revew" review "$CHECKSHEET" revew a.yaml
unknown "imp (a prefix)" import "$CHECKSHEET" imp
unknown "missing.yaml" "" "$CHECKSHEET" missing.yaml
check "missing.yaml: says no such file" contains "$WORK/err" 'unknown command "missing.yaml", and no such file'
check "the unknown word is not created" test ! -e missing.yaml
check "unknown command: no output on stdout" test ! -s "$WORK/out"

# an existing file still opens the editor (here without a terminal, so
# the editor says it needs one)
"$CHECKSHEET" a.yaml </dev/null >"$WORK/out" 2>"$WORK/err"
check "checksheet a.yaml: the editor, not an unknown command" sh -c \
	"grep -q 'the editor needs a terminal' '$WORK/err' && ! grep -q 'unknown command' '$WORK/err'"
# a file named like a verb's typo is a file
cp a.yaml chek
"$CHECKSHEET" chek </dev/null >"$WORK/out" 2>"$WORK/err"
check "an existing file named chek is opened" contains "$WORK/err" "the editor needs a terminal"
expect_status 2 "an option first is still a usage error" "$CHECKSHEET" --frobnicate
check "it says so" contains "$WORK/err" 'unknown verb or option "--frobnicate"'
