#!/bin/sh
# `checksheet check`: exit codes, positions, messages, JSON.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

expect_status 0 "new writes an answers file" "$CHECKSHEET" new -t meti-cloud-sla -o a.yaml
expect_status 1 "an empty file has problems" "$CHECKSHEET" check a.yaml
check "49 missing required answers" test "$(grep -c 'error: No\.[0-9]* .*: a required answer is missing' "$WORK/out")" -eq 49
check "each names No. and Japanese title" contains "$WORK/out" "a.yaml:5:1: error: No.5 サービス稼働率: a required answer is missing"
check "a summary line" contains "$WORK/out" "1 file(s), 49 items, 0 answered: 49 error(s), 0 warning(s)"

cat >b.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
answers:
  availability-rate:
    value: 99.9時間
  support-hours-incident:
    value: 平日 10:00-16:00
YAML
expect_status 1 "unit mismatch is an error" "$CHECKSHEET" check b.yaml
check "mismatch at the value, with a hint" contains "$WORK/out" 'b.yaml:6:12: error: No.5 サービス稼働率: "99.9時間" is a duration, but this item takes a percentage; accepted: 99.9%'
check "No.26 weekday window passes" sh -c "! grep -q 'No.26 ' '$WORK/out'"

sed -i 's/99.9時間/99.9%/' b.yaml
"$CHECKSHEET" check b.yaml >"$WORK/out"
check "99.9% passes" sh -c "! grep -q 'No.5 ' '$WORK/out'"
sed -i 's/99.9%/101%/' b.yaml
"$CHECKSHEET" check b.yaml >"$WORK/out"
check "101% is out of range" contains "$WORK/out" 'b.yaml:6:12: error: No.5 サービス稼働率: "101%" is out of range'

LANGUAGE=ja LC_ALL=C.UTF-8 "$CHECKSHEET" check b.yaml >"$WORK/out"
check "messages follow LANGUAGE=ja" contains "$WORK/out" "範囲外"

expect_status 1 "json output" "$CHECKSHEET" check --format json b.yaml
check "json has the problem with its code" contains "$WORK/out" '"item": "availability-rate", "no": "5"'
check "json code out-of-range" contains "$WORK/out" '"code": "out-of-range"'
check "json summary" contains "$WORK/out" '"summary": {"files": 1, "items": 49, "answered": 2, "errors": 48'
if command -v python3 >/dev/null; then
	check "json parses" python3 -c "import json,sys; d=json.load(open('$WORK/out')); assert d['summary']['errors']==48"
fi

# a complete, valid file exits 0
python3 - "$TOP_SRCDIR/tests/data/meti-cloud-sla-items.tsv" >full.yaml <<'PY'
import csv, sys
vals = {"yes-no": "無", "percent": "99.9%", "duration": "4時間以内", "time-window": "24時間365日",
        "count": "3", "frequency": "毎日", "text": "記述"}
print("kind: checksheet/answers\ntemplate: meti-cloud-sla\nlanguage: ja\nanswers:")
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"):
    note = "  note: 補足" if r["note_rule"] == "required" else ""
    print(f"  {r['id']}:\n    value: \"{vals[r['unit']]}\"")
    if note:
        print("  " + note)
PY
expect_status 0 "a complete file is clean" "$CHECKSHEET" check full.yaml
check "clean summary" contains "$WORK/out" "49 answered: 0 error(s), 0 warning(s)"

# several files: the worst status wins
expect_status 1 "several files" "$CHECKSHEET" check full.yaml b.yaml
check "both files counted" contains "$WORK/out" "2 file(s), 98 items"
printf 'kind: [\n' >broken.yaml
expect_status 2 "an unreadable file gives 2" "$CHECKSHEET" check full.yaml broken.yaml
expect_status 2 "a missing file gives 2" "$CHECKSHEET" check nothere.yaml
check "names the file" contains "$WORK/out" "nothere.yaml: error: cannot open"
printf 'kind: checksheet/answers\ntemplate: no-such-template\nanswers: {}\n' >u.yaml
expect_status 2 "unknown template" "$CHECKSHEET" check u.yaml
check "unknown template at its line" contains "$WORK/out" "u.yaml:2:11: error: unknown template"

# unknown keys are warnings; unknown items are errors
printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nx-extra: 1\nanswers:\n  bogus: {value: x}\n' >k.yaml
"$CHECKSHEET" check k.yaml >"$WORK/out"
check "unknown key warning" contains "$WORK/out" 'k.yaml:3:1: warning: unknown key "x-extra"'
check "unknown item error" contains "$WORK/out" 'k.yaml:5:3: error: unknown item "bogus"'

# usage errors
expect_status 2 "check without files" "$CHECKSHEET" check
expect_status 2 "unknown option" "$CHECKSHEET" check --bogus a.yaml
expect_status 2 "bad format" "$CHECKSHEET" check --format xml a.yaml
expect_status 0 "check --help" "$CHECKSHEET" check --help
check "help lists --format" contains "$WORK/out" "--format"
