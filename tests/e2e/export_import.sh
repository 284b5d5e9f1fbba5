#!/bin/sh
# export and import from the command line: encodings, xlsx read back by a
# real spreadsheet, the html page in a real browser, 1 000 files with a
# progress bar, and sheets from Excel imported back.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
cp "$TOP_SRCDIR/tests/data/export/sample.yaml" a.yaml

# CP932 holds the same cells as UTF-8
"$CHECKSHEET" export -f csv -e utf-8 a.yaml >utf8.csv
expect_status 0 "export csv in cp932" "$CHECKSHEET" export -f csv -e cp932 a.yaml
iconv -f CP932 -t UTF-8 "$WORK/out" >back.csv
sed 's/〜/～/g' utf8.csv >utf8-folded.csv
check "cp932 export has the same cells as utf-8" cmp back.csv utf8-folded.csv
"$CHECKSHEET" export -f csv a.yaml >bom.csv
check "csv starts with a BOM by default" sh -c "head -c 3 bom.csv | od -An -tx1 | grep -q 'ef bb bf'"
check "records end in CRLF" sh -c "head -1 bom.csv | od -c | grep -q '\\\\r  \\\\n'"

# an emoji cannot be written in CP932
sed 's/初版/初版/; s/計画停止・定期保守を除く/計画停止・定期保守を除く😀/' a.yaml >emoji.yaml
expect_status 1 "an emoji fails the cp932 export" "$CHECKSHEET" export -f csv -e cp932 emoji.yaml
check "names the item and U+1F600" contains "$WORK/err" "No.1 サービス時間: U+1F600"
check "writes nothing" test ! -s "$WORK/out"
# into a file (written as the export is made): the file stays as it was
printf 'earlier export\n' >kept.csv
expect_status 1 "-o: an emoji fails the cp932 export" "$CHECKSHEET" export -f csv -e cp932 emoji.yaml -o kept.csv
check "the earlier file is untouched" sh -c "test \"\$(cat kept.csv)\" = 'earlier export'"
check "and no temporary file is left" sh -c "! ls kept.csv.tmp* 2>/dev/null"
expect_status 0 "--substitute replaces it" "$CHECKSHEET" export -f csv -e cp932 --substitute emoji.yaml
check "and lists the substitution" contains "$WORK/err" 'U+1F600 "😀" cannot be written in cp932; written as "?"'

# formula guard, documented, and its switch
"$CHECKSHEET" export -f csv a.yaml >g.csv
check "formula guard on by default" contains g.csv ",'=ディスク100GB まで,"
"$CHECKSHEET" export -f csv --no-formula-guard a.yaml >ng.csv
check "--no-formula-guard" contains ng.csv ",=ディスク100GB まで,"

# deterministic output
for f in csv tsv md html json; do
	"$CHECKSHEET" export -f $f a.yaml >one.$f
	"$CHECKSHEET" export -f $f a.yaml >two.$f
	check "$f is deterministic" cmp one.$f two.$f
done
"$CHECKSHEET" export -f xlsx -o one.xlsx a.yaml
"$CHECKSHEET" export -f xlsx -o two.xlsx a.yaml
check "xlsx is deterministic" cmp one.xlsx two.xlsx
check "--lang en headers" sh -c "'$CHECKSHEET' export -f csv --lang en a.yaml | head -1 | grep -q 'No.,Section,Item,Description,Unit,Answer,Note,Status'"

# xlsx read back by a real spreadsheet reader
if command -v libreoffice >/dev/null 2>&1; then
	mkdir lo
	# the items' sheet, the second after the cover (the 12th option: which
	# sheet; LibreOffice names the file after it)
	(cd lo && HOME="$WORK" timeout 180 libreoffice --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' \
		../one.xlsx >/dev/null 2>&1)
	check "LibreOffice converts the workbook" test -s lo/one-全項目.csv
	for v in 24時間365日 目標99.9%以上 平均30分以内 4時間以内 "営業時間内 → 1営業日以内" 平日 7世代 毎日; do
		check "LibreOffice CSV has $v" contains lo/one-全項目.csv "$v"
	done
else
	echo "libreoffice not installed: the LibreOffice read-back is skipped"
fi
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	check "openpyxl reads every answer" /usr/bin/python3 - one.xlsx a.yaml <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[:2] == ["表紙", "全項目"] and wb.sheetnames[-1] == "集計", wb.sheetnames
ws = wb["全項目"]
assert ws.freeze_panes == "A2"
rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
assert len(rows) == 49
assert rows[5][5] == "目標99.9%以上" and rows[5][6].startswith("SLA としての保証はなし。\n")
assert rows[7][5] is None and rows[7][7] == "要確認"
summary = wb["集計"]
assert [c.value for c in summary[9]] == ["全項目", 49, 12, 37], [c.value for c in summary[9]]
PY
fi

# the html page in a real browser: no console errors, no network
"$CHECKSHEET" export -f html a.yaml >page.html
check "html escapes <script>" contains page.html "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
check "html has no script element" sh -c "! grep -qi '<script' page.html"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$WORK/chrome" --enable-logging=stderr --v=0 \
		--log-net-log="$WORK/net.json" --dump-dom "file://$WORK/page.html" >dom.html 2>chrome.log
	check "the browser renders the page" contains dom.html "サービス稼働率"
	check "<script> typed in a note shows as text" contains dom.html "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; more"
	check "no console messages" sh -c "! grep -q 'CONSOLE' chrome.log"
	# the browser's own background calls to Google are not the page's
	check "the page makes no network requests" sh -c \
		"! grep -oE '\"(https?|wss?|ftp)://[^\"/]*' net.json | grep -vE '(google|googleapis|gstatic)\.com' | grep -q ."
else
	echo "chromium not installed: the browser check is skipped"
fi

# md and json
"$CHECKSHEET" export -f md a.yaml >a.md
check "md has a heading per section" test "$(grep -c '^## ' a.md)" -ge 8
"$CHECKSHEET" export -f json a.yaml >a.json
check "json parses, with typed readings" python3 -c "
import json; d = json.load(open('a.json'))
it = {i['id']: i for i in d['items']}
assert it['rto']['typed']['number'] == 14400 and it['rto']['typed']['bound'] == 'le'
assert it['availability-rate']['typed']['commitment'] == 'target'
assert it['failure-notification-time']['cases'][0]['typed']['scale'] == 'bd'"

# a review adds columns
printf 'kind: checksheet/review\nanswers: a.yaml\ntemplate: meti-cloud-sla\nitems:\n  rto: {verdict: question, comment: 根拠は?}\n' >a.review.yaml
"$CHECKSHEET" export -f csv -r a.review.yaml a.yaml >r.csv
check "review columns" contains r.csv ",判定,コメント"
check "review values" contains r.csv ",要確認,根拠は?"

# 1 000 files with -O DIR and a progress bar on a terminal
mkdir many
i=0
while [ $i -lt 1000 ]; do
	cp a.yaml many/a$i.yaml
	i=$((i + 1))
done
if command -v tmux >/dev/null 2>&1; then
	tui_start 100 10 "$CHECKSHEET export -f csv -O exported many/*.yaml"
	check "a progress bar on the terminal" wait_line '\[[#-]{30}\] [0-9]+/1000'
	check "all exported" wait_for "Exported 1000 file(s) to exported." 120
	check "1 000 files written" test "$(ls exported | wc -l)" -eq 1000
	check "named after the inputs" test -s exported/a999.csv
fi
"$CHECKSHEET" export -f md -O quiet many/a1.yaml many/a2.yaml 2>progress.err
check "no progress bar when stderr is not a terminal" sh -c "! grep -q '#' progress.err"
expect_status 2 "several inputs need -O" "$CHECKSHEET" export -f csv a.yaml a.yaml
expect_status 2 "unknown format" "$CHECKSHEET" export -f pdf a.yaml
expect_status 2 "unknown encoding" "$CHECKSHEET" export -f csv -e latin1 a.yaml

# import: prose split, HTML, bad rows, round trip
cat >sheet.csv <<'CSV'
番号,項目,回答,備考
2,計画停止予定通知,有 3ヶ月前にメールで通知します,
5,サービス稼働率,当社の稼働率は99.95%です（昨年実績）,
10,平均復旧時間(MTTR),"<ul><li>通常: 2時間</li><li>最大: 8時間</li></ul>",
11,目標復旧時間(RTO),4時間以内,目標値
99,存在しない項目,x,
CSV
expect_status 1 "a skipped row gives exit 1" "$CHECKSHEET" import -t meti-cloud-sla sheet.csv -o imported.yaml
check "the skipped row is named" contains "$WORK/err" "row 6 skipped"
check "the summary counts" contains "$WORK/err" "Imported 5 rows into imported.yaml: 1 copied as they were, 1 read from prose (drafts to confirm), 2 left for a person (kept in the note), 0 empty, 1 skipped"
check "items for a person" contains "$WORK/err" "sheet.csv:4: No.10 平均復旧時間(MTTR): left for a person"
check "a value read from prose is named" contains "$WORK/err" "sheet.csv:2: No.2 計画停止予定通知: read from prose: 「有」"
check "yes split from prose" contains imported.yaml "note: 3ヶ月前にメールで通知します"
check "HTML became text" contains imported.yaml "・通常: 2時間"
expect_status 2 "import refuses to overwrite" "$CHECKSHEET" import -t meti-cloud-sla sheet.csv -o imported.yaml
for e in utf-8 utf-8-bom cp932 euc-jp; do
	"$CHECKSHEET" export -f csv -e $e a.yaml >rt.$e.csv
	"$CHECKSHEET" import -t meti-cloud-sla -e $e rt.$e.csv -o rt.$e.yaml 2>/dev/null
	"$CHECKSHEET" export -f csv -e utf-8 rt.$e.yaml >rt.$e.again.csv
	sed 's/〜/～/g' rt.$e.again.csv >rt1
	check "csv round trip in $e keeps every cell" cmp rt1 utf8-folded.csv
done
"$CHECKSHEET" export -f tsv a.yaml >rt.tsv
"$CHECKSHEET" import -t meti-cloud-sla rt.tsv -o rt.tsv.yaml 2>/dev/null
check "tsv round trip" sh -c "'$CHECKSHEET' export -f tsv rt.tsv.yaml | cmp - rt.tsv"
