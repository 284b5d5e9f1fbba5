#!/bin/sh
# checksheet fill on customers' own workbooks (made by the unit test with
# libxlsxwriter): what it says it found, exit statuses, the mapping file
# written next to the output and reused (a confirmed choice is not asked
# again, the same bytes come out), hostile and refused input writing
# nothing, and LibreOffice headless reading the filled workbook with the
# answers in the customer's cells and only dropdown entries in the
# dropdown column.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
MAKER=$TOP_BUILDDIR/tests/unit/test_fill
OURS=$TOP_SRCDIR/tests/data/publish/meti.yaml

if [ ! -x "$MAKER" ]; then
	echo "tests/unit/test_fill not built (no cmocka): skipping"
	trap - EXIT
	exit 77
fi
FILL_KEEP_DIR=$WORK/books "$MAKER" >/dev/null 2>&1
check "the unit test made the customers' workbooks" test -s books/freeform.xlsx -a -s books/meti-order.xlsx

expect_status 1 "fill the free-form questionnaire: some questions are left for a person" \
	"$CHECKSHEET" fill books/freeform.xlsx --answers "$OURS" -o out.xlsx --report out.json
check "  ... it says which table it found" contains err \
	"sheet セキュリティチェックシート: header on row 6, questions in column C, answers in D, remarks in E: 60 questions"
check "  ... and the second question sheet" contains err "sheet 追加質問: header on row 3"
check "  ... names each question left for a person by its cell" contains err "セキュリティチェックシート!D47: unmapped"
check "  ... and says where the mapping went" contains err "Mapping: out.mapping.yaml"
check "  ... the mapping file is written next to the output" contains out.mapping.yaml "kind: checksheet/mapping"
check "  ... the report is JSON with every question" /usr/bin/python3 -c '
import json, sys
r = json.load(open("out.json"))
assert len(r["questions"]) == 63, len(r["questions"])
assert r["summary"]["filled"] + r["summary"]["low-score"] >= 20, r["summary"]
' 

expect_status 2 "an existing output is refused" "$CHECKSHEET" fill books/freeform.xlsx --answers "$OURS" -o out.xlsx
expect_status 2 "the customer's own file is never the output" \
	"$CHECKSHEET" fill books/freeform.xlsx --answers "$OURS" -o books/freeform.xlsx --force

# a second fill with the mapping: the same bytes
expect_status 1 "a second fill with the mapping file" "$CHECKSHEET" fill books/freeform.xlsx --answers "$OURS" \
	--mapping out.mapping.yaml -o again.xlsx
check "  ... gives the same bytes" cmp -s out.xlsx again.xlsx

# a person confirms every mapping: nothing is asked again
sed 's/^  confirmed: false$/  confirmed: true/' out.mapping.yaml >confirmed.yaml
expect_status 1 "with every mapping confirmed" "$CHECKSHEET" fill books/freeform.xlsx --answers "$OURS" \
	--mapping confirmed.yaml -o confirmed.xlsx
check "  ... no question is asked about its mapping" sh -c '! grep -q "low-score\|: unmapped" err'
check "  ... the confirmations are kept" sh -c '! grep -q "confirmed: false" confirmed.yaml'
check "  ... and the workbook is the same" cmp -s out.xlsx confirmed.xlsx

expect_status 0 "the METI-based sheet in its own column order fills whole" \
	"$CHECKSHEET" fill books/meti-order.xlsx --answers "$OURS" -o meti.xlsx
check "  ... answers in column A, remarks in E" contains err "questions in column C, answers in A, remarks in E: 49 questions"

# refused input: nothing written
printf 'not a workbook' >bad.xlsx
expect_status 2 "a file that is no workbook is refused" "$CHECKSHEET" fill bad.xlsx --answers "$OURS" -o bad-out.xlsx
check "  ... nothing is written" test ! -e bad-out.xlsx -a ! -e bad-out.mapping.yaml
expect_status 2 "a workbook with no question table is refused" \
	"$CHECKSHEET" fill books/freeform.xlsx --sheet リスト --answers "$OURS" -o none.xlsx
check "  ... saying so" contains err "no question table found"
check "  ... and nothing is written" test ! -e none.xlsx
if /usr/bin/python3 -c 'import zipfile' 2>/dev/null; then
	/usr/bin/python3 - books/freeform.xlsx doctype.xlsx <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        data = z.read(i)
        if i.filename == "xl/worksheets/sheet1.xml":
            data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1)
        o.writestr(i, data)
PY
	expect_status 2 "a sheet with a DOCTYPE is refused" "$CHECKSHEET" fill doctype.xlsx --answers "$OURS" -o dt.xlsx
	check "  ... naming the file and the part" contains err "xl/worksheets/sheet1.xml"
	check "  ... nothing is written" test ! -e dt.xlsx
fi

# --- LibreOffice reads the filled workbook ---
if ! command -v soffice >/dev/null 2>&1; then
	echo "ok - # SKIP LibreOffice not installed: the filled workbook is not opened"
	exit 0
fi
HOME=$WORK timeout 300 soffice -env:UserInstallation="file://$WORK/lo" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir "$WORK/csv" out.xlsx >"$WORK/lo.log" 2>&1
check "LibreOffice converts every sheet to CSV" test -s "csv/out-セキュリティチェックシート.csv" -a -s "csv/out-追加質問.csv"
check "  ... with the answers in the customer's cells, dropdown values only from the list" \
	/usr/bin/python3 - "csv/out-セキュリティチェックシート.csv" out.json <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
report = json.load(open(sys.argv[2]))
assert rows[5][2] == "確認事項", rows[5]
written = 0
for q in report["questions"]:
    if q["sheet"] != "セキュリティチェックシート":
        continue
    row = rows[q["row"] - 1]
    assert row[2] == q["question"], (row, q["question"])
    if q["written"]:
        assert row[3] == q["written"], (row, q)
        written += 1
    else:
        assert row[3] == "", row
    if q["note_written"]:
        assert row[4] == q["note_written"], (row, q)
    assert row[3] in ("", "○", "×", "△", "－"), row
assert written >= 20, written
PY
