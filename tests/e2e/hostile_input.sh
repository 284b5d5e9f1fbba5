#!/bin/sh
# The hostile corpus (tests/hostile): every file gets the exit status and
# the problem code (at its position) that tests/hostile/EXPECTED.tsv says,
# within seconds, without a control character, bidi override or invalid
# byte of its own reaching the terminal. FIFOs, links, directories and
# big files are made here, at test time. Then workbooks of hostile
# templates (10 001 sections, long Japanese titles) must open.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

CORPUS=$TOP_SRCDIR/tests/hostile
mkdir corpus
cp "$CORPUS"/*.yaml "$CORPUS"/*.csv corpus/
cd corpus || exit 1

# --- made at test time ---
mkfifo fifo.yaml fifo.csv fifo-template.yaml
mkdir directory.yaml
ln -s valid.yaml symlink.yaml
cp "$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml" ../outside.yaml
ln -s ../outside.yaml link-out.yaml
python3 - <<'PY'
head = 'kind: checksheet/answers\ntemplate: meti-cloud-sla\n'
with open('big-scalar.yaml', 'w') as f:
    f.write(head + 'answers:\n  rto:\n    note: ' + 'x' * (1 << 20) + 'y\n')
with open('many-cases.yaml', 'w') as f:
    f.write(head + 'answers:\n  rto:\n    cases:\n')
    f.writelines(f'    - {{when: w{i}, value: 1h}}\n' for i in range(1000000))
with open('many-revisions.yaml', 'w') as f:
    f.write(head + 'revisions:\n')
    f.writelines(f'- {{version: "{i}"}}\n' for i in range(1000000))
with open('many-unknown-keys.yaml', 'w') as f:
    f.write(head)
    f.writelines(f'x{i}: 1\n' for i in range(1000000))
with open('many-answers.yaml', 'w') as f:
    f.write(head + 'answers:\n')
    f.writelines(f'  x{i}: {{value: a}}\n' for i in range(1000000))
with open('many-unknown-items.yaml', 'w') as f:
    f.write(head + 'answers:\n')
    f.writelines(f'  x{i}: {{value: a}}\n' for i in range(10001))
PY

# No byte of a hostile file may act on the terminal: C0 controls but line
# breaks, DEL, C1 controls (UTF-8 C2 80-9F), bidi overrides and isolates,
# and bytes that are not UTF-8.
raw_controls() {
	python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
bad = re.search(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c', data)
try:
    data.decode('utf-8')
except UnicodeDecodeError:
    bad = True
sys.exit(0 if bad else 1)
PY
}

run_one() {
	file=$1 verb=$2
	if [ "$verb" = import ]; then
		rm -f "$WORK/imported.yaml"
		timeout 60 "$CHECKSHEET" import -t meti-cloud-sla "$file" -o "$WORK/imported.yaml" >"$WORK/out" 2>&1
	else
		timeout 60 "$CHECKSHEET" check "$file" >"$WORK/out" 2>&1
	fi
}

# every stored file has its line, and every line its file
for f in "$CORPUS"/*; do
	name=$(basename "$f")
	case $name in EXPECTED.tsv|README) continue ;; esac
	check "$name is in EXPECTED.tsv" grep -q "^$name	.*	stored\$" "$CORPUS/EXPECTED.tsv"
done

grep -v '^#' "$CORPUS/EXPECTED.tsv" >"$WORK/expected"
while IFS='	' read -r file verb want code pos origin; do
	[ -n "$file" ] || continue
	if [ ! -e "$file" ] && [ ! -L "$file" ]; then
		not_ok "$file: missing ($origin)"
		continue
	fi
	start=$(date +%s%N)
	run_one "$file" "$verb"
	status=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	if [ "$status" -eq 124 ]; then
		not_ok "$file: hung (killed after 60 s)"
		continue
	fi
	if [ "$status" -eq "$want" ]; then
		ok "$file: $verb exits $status (${ms} ms)"
	else
		not_ok "$file: $verb exits $status, expected $want"
		sed 's/^/    /' "$WORK/out" | head -5
	fi
	if [ "$code" != - ]; then
		if [ "$verb" = check ]; then
			timeout 60 "$CHECKSHEET" check --format json "$file" >"$WORK/json" 2>/dev/null
			check "$file: json has code $code" python3 -c "
import json, sys
d = json.load(open('$WORK/json'))
sys.exit(0 if any(p['code'] == '$code' for p in d['problems']) else 1)"
		fi
		if [ "$pos" = - ]; then
			check "$file: says $code" grep -q "^$file: error: " "$WORK/out"
		else
			check "$file: $code at $pos" grep -q "^$file:$pos: " "$WORK/out"
		fi
		# every problem line has a position, unless the file could not be opened
		if [ "$pos" != - ]; then
			check "$file: every problem has FILE:LINE:COL" sh -c \
				"! grep -E '^[^ ]+: (error|warning): ' '$WORK/out' | grep -Ev '^[^ ]*:[0-9]+:[0-9]+: ' | grep -q ."
		fi
	fi
	if raw_controls "$WORK/out"; then
		not_ok "$file: a control character or invalid byte reached the output"
		od -c "$WORK/out" | head -5 | sed 's/^/    /'
	else
		ok "$file: the output is safe for a terminal"
	fi
	# a fatal problem is counted in the summary
	if [ "$verb" = check ] && [ "$want" -eq 2 ]; then
		check "$file: the summary counts the error" sh -c "! grep -q ' 0 error(s)' '$WORK/out'"
	fi
done <"$WORK/expected"

# what an import of escapes writes is YAML that loads again
"$CHECKSHEET" import -t meti-cloud-sla csv-escapes.csv -o "$WORK/esc.yaml" >/dev/null 2>&1
expect_status 1 "imported escapes load and check" "$CHECKSHEET" check "$WORK/esc.yaml"

# --- workbooks of hostile templates ---
cd "$WORK" || exit 1
python3 - <<'PY'
n = 10001
with open('many-sections.yaml', 'w') as f:
    f.write('kind: checksheet/template\nid: many\nversion: "1"\ntitle: Many\nsections:\n')
    for i in range(n):
        # plain long titles (what crashed: "10001 " and 26 characters is 32)
        # and titles of nothing but what a sheet name may not hold
        title = f'Section {i} has a long plain title' if i % 2 == 0 else f"'[{i}]: a title/that*is?too\\\\long'"
        f.write(f'- id: s{i}\n  title: "{title}"\n'
                f'  items:\n  - {{id: i{i}, no: "{i}", title: T{i}, unit: text, required: false}}\n')
with open('many.yaml', 'w') as f:
    f.write('kind: checksheet/answers\ntemplate: many-sections.yaml\nanswers:\n  i1: {value: "\\e[31mred"}\n')
title = '情報セキュリティ管理体制とクラウドサービス事業者の責任範囲に関する詳細な説明😀'
with open('japanese.yaml', 'w') as f:
    f.write('kind: checksheet/template\nid: ja\nversion: "1"\ntitle: 日本語\nsections:\n')
    for i in range(3):
        f.write(f'- id: s{i}\n  title: "{title}"\n  items:\n  - {{id: i{i}, no: "{i}", title: 項目{i}, unit: text}}\n')
    f.write('- id: quote\n  title: "\'引用\'"\n  items:\n  - {id: q, no: "q", title: Q, unit: text}\n')
    f.write('- id: empty\n  title: "[]:*?/\\\\"\n  items:\n  - {id: e, no: "e", title: E, unit: text}\n')
with open('ja.yaml', 'w') as f:
    f.write('kind: checksheet/answers\ntemplate: japanese.yaml\nanswers:\n  i0: {value: テスト}\n')
PY
expect_status 0 "xlsx with 10 001 sections" timeout 300 "$CHECKSHEET" export -f xlsx --section-sheets -o many.xlsx many.yaml
check "the workbook is written" test -s many.xlsx
check "  ... with every item on its first sheet, and says so" contains "$WORK/err" "10001 sections and 0 tables: the sheets per section and per table are left out (more than 100)"
expect_status 0 "xlsx with long Japanese titles" "$CHECKSHEET" export -f xlsx --section-sheets -o ja.xlsx ja.yaml
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	check "openpyxl opens 10 001 sections on one sheet" /usr/bin/python3 - many.xlsx <<'PY'
import sys, openpyxl
names = openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames
assert len(names) == 3, len(names)
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)[names[1]]
assert sum(1 for _ in ws.iter_rows()) == 10002
PY
	check "openpyxl opens the Japanese sheets" /usr/bin/python3 - ja.xlsx <<'PY'
import sys, openpyxl
names = openpyxl.load_workbook(sys.argv[1]).sheetnames
print(names)
assert len(names) == 8 and len(set(names)) == 8, names
for n in names:
    units = sum(2 if ord(c) > 0xFFFF else 1 for c in n)
    assert 0 < units <= 31 and not set(n) & set('[]:*?/\\') and n[0] != "'" and n[-1] != "'", n
PY
else
	echo "openpyxl not installed: the workbook read-back is skipped"
fi
if command -v libreoffice >/dev/null 2>&1; then
	mkdir lo
	# the items' sheet, after the cover
	(cd lo && HOME="$WORK" timeout 180 libreoffice --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' \
		../ja.xlsx >/dev/null 2>&1)
	check "LibreOffice opens the Japanese workbook" contains lo/ja-全項目.csv "テスト"
else
	echo "libreoffice not installed: the LibreOffice read-back is skipped"
fi
