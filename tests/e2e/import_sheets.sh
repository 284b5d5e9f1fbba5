#!/bin/sh
# Reading real answers from the command line: the METI checklist's own
# sheet (CP932, title block, group rows, the header again on page 2) with
# no flags; the same sheet as XLSX; prose read only where one phrase
# stands; `present` never passing a negative; round trips through CSV in
# every encoding that keep tables, n/a reasons, statuses and cases;
# `--into` that changes only the sheet's items; --report for tools.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
DATA="$TOP_SRCDIR/tests/data/import"

# --- the METI sheet as it is, no flags ---
expect_status 0 "METI-format CP932 sheet: no flags, exit 0" \
	"$CHECKSHEET" import -t meti-cloud-sla "$DATA/meti-sheet-cp932.csv" -o meti.yaml --report meti.json
cp "$WORK/err" meti.err
check "49 items, nothing skipped" contains meti.err "Imported 49 rows into meti.yaml: 33 copied as they were, 13 read from prose (drafts to confirm), 3 left for a person (kept in the note), 0 empty, 0 skipped; 9 rows passed over."
check "four group rows passed over" test "$(grep -c 'passed over: group row' meti.err)" -eq 4
check "the repeated header passed over" contains meti.err "passed over: repeated header"
check "No.20 read as target <= 3 h" contains meti.err "No.20 遅延: read from prose: 「3時間以内を目標」 → target ≤ 3 h (a draft: confirm it)"
check "No.30 left for a person" contains meti.err "No.30 バックアップデータの保存期間: left for a person (several phrases: 「7日間」, 「最低1年間」)"
check "the value is the phrase, never 3" grep -A3 '^  delay-duration:' meti.yaml
check "  ... and a draft" sh -c "grep -A3 '^  delay-duration:' meti.yaml | grep -q 'status: draft'"
check "  ... with the sentence whole in the note" sh -c "grep -A3 '^  delay-duration:' meti.yaml | grep -q 'note: 応答遅延が続く時間は3時間以内を目標としています。'"
check "  ... which check reads in Japanese as 目標 ≤ 3時間" sh -c "'$CHECKSHEET' export -f json --lang ja meti.yaml | grep -q '\"display\": \"目標 ≤ 3時間\"'"
check "the report is JSON for tools" /usr/bin/python3 -c "
import json; d = json.load(open('meti.json'))
assert d['summary']['skipped'] == 0 and d['summary']['prose'] == 13, d['summary']
r = [x for x in d['rows'] if x['no'] == '20'][0]
assert r['outcome'] == 'prose' and r['phrase'] == '3時間以内を目標', r
assert sum(1 for x in d['rows'] if x['outcome'] == 'passed-over' and x['reason'] == 'group row') == 4"
expect_status 0 "the UTF-8 (BOM) sheet too" "$CHECKSHEET" import -t meti-cloud-sla "$DATA/meti-sheet-bom.csv" -o bom.yaml
check "  ... gives the same answers" cmp meti.yaml bom.yaml

# --- the same sheet as XLSX ---
if command -v soffice >/dev/null 2>&1; then
	cp "$DATA/meti-sheet-bom.csv" sheet.csv
	timeout 180 soffice -env:UserInstallation=file://$WORK/lo --headless --infilter="CSV:44,34,76,1" \
		--convert-to xlsx sheet.csv >/dev/null 2>&1
	expect_status 0 "the sheet saved as .xlsx by LibreOffice imports" \
		"$CHECKSHEET" import -t meti-cloud-sla sheet.xlsx -o xlsx.yaml
	check "  ... the same answers as the CSV" cmp meti.yaml xlsx.yaml
else
	echo "ok - # SKIP LibreOffice not installed"
fi
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	# a workbook as a customer makes one: a cover sheet first, a merged
	# title, the header on row 5, merged group rows, a percentage stored as
	# a number with a percent format, a line break in a cell
	/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
cover = wb.active
cover.title = "表紙"
cover["A1"] = "クラウドサービス調査票"
cover["A3"] = "ご回答は「回答」シートにお願いします。"
ws = wb.create_sheet("回答")
ws["A1"] = "サービスレベル確認シート"
ws.merge_cells("A1:D1")
ws["A3"] = "回答日"
ws["B3"] = "2026/11/01"
ws.append([])
for col, name in enumerate(["項番", "確認項目", "回答（有・無）", "補足説明"], 1):
    ws.cell(row=5, column=col, value=name)
ws["A6"] = "アプリケーション運用"
ws.merge_cells("A6:D6")
ws.append([5, "サービス稼働率", 0.9995, "月間"])
ws["C7"].number_format = "0.00%"
ws.append([2, "計画停止予定通知", "有\n30日前にメールで通知", None])
ws.append([11, "目標復旧時間(RTO)", "4時間以内に復旧します", None])
ws["A10"] = "データ管理"
ws.merge_cells("A10:D10")
ws.append([32, "バックアップ世代数", 7, "日次"])
wb.save("customer.xlsx")
PY
	expect_status 0 "a customer's workbook: cover sheet, merged title, header on row 5" \
		"$CHECKSHEET" import -t meti-cloud-sla customer.xlsx -o customer.yaml
	cp "$WORK/err" customer.err
	check "  ... the answers sheet was found" contains customer.err "Imported 4 rows into customer.yaml: 2 copied as they were, 2 read from prose"
	check "  ... the percentage as displayed" contains customer.yaml "value: 99.95%"
	check "  ... a number as displayed" contains customer.yaml 'value: "7"'
	check "  ... two group rows passed over" test "$(grep -c 'passed over: group row' customer.err)" -eq 2
	expect_status 0 "--sheet by name" "$CHECKSHEET" import -t meti-cloud-sla --sheet 回答 customer.xlsx -o by-name.yaml
	check "  ... the same answers" cmp customer.yaml by-name.yaml
	expect_status 0 "--sheet by number" "$CHECKSHEET" import -t meti-cloud-sla --sheet 2 customer.xlsx -o by-number.yaml
	check "  ... the same answers" cmp customer.yaml by-number.yaml
	expect_status 2 "--sheet that is not there" "$CHECKSHEET" import -t meti-cloud-sla --sheet 9 customer.xlsx -o none.yaml
	check "  ... names the sheets there are" contains "$WORK/err" "回答"
	expect_status 2 "the cover sheet has no header" "$CHECKSHEET" import -t meti-cloud-sla --sheet 1 customer.xlsx -o none.yaml
	check "  ... and says how to name the columns" contains "$WORK/err" "--columns"
else
	echo "ok - # SKIP openpyxl not installed"
fi

# --- present never passes a negative ---
cat >policy.yaml <<'YAML'
kind: checksheet/requirements
template: meti-cloud-sla
rules:
  certifications: present
YAML
for v in 無 該当なし 有; do
	cat >"cert-$v.yaml" <<YAML
kind: checksheet/answers
template: meti-cloud-sla
answers:
  certifications:
    value: $v
    note: ISMS (ISO/IEC 27001) 取得
YAML
	"$CHECKSHEET" check --requirements policy.yaml --format json "cert-$v.yaml" >"cert-$v.json" 2>/dev/null
done
check "present fails for 無" grep -q '"result": "fail"' cert-無.json
check "present fails for 該当なし" grep -q '"result": "fail"' cert-該当なし.json
check "present passes for 有 with its note" grep -q '"result": "pass"' cert-有.json

# --- round trips: export, import --into the original: nothing changes ---
for sample in roundtrip-whitepaper roundtrip-meti; do
	for e in utf-8-bom cp932 utf-8 euc-jp; do
		cp "$DATA/$sample.yaml" orig.yaml
		"$CHECKSHEET" export -f csv -e $e orig.yaml >rt.csv 2>/dev/null
		# saved once first: the file is then in canonical form
		"$CHECKSHEET" import -e $e --into orig.yaml rt.csv >/dev/null 2>&1
		cp orig.yaml before.yaml
		expect_status 0 "$sample: csv ($e) → import --into" "$CHECKSHEET" import -e $e --into orig.yaml rt.csv
		check "  ... changes no answer" contains "$WORK/err" "0 answers changed in orig.yaml."
		check "  ... and leaves the file as it was" cmp before.yaml orig.yaml
		"$CHECKSHEET" import -t "$(sed -n 's/^template: //p' orig.yaml)" -e $e rt.csv -o fresh.$sample.$e.yaml --force 2>/dev/null
	done
done
check "table rows with line breaks come back exactly" sh -c "sed -n '/^  data-location:/,/^  [a-z]/p' fresh.roundtrip-whitepaper.cp932.yaml | grep -A3 'region: |-' | grep -q '※ 災害対策用'"
check "  ... five rows" sh -c "test \$(sed -n '/^  data-location:/,/^  [a-z]/p' fresh.roundtrip-whitepaper.utf-8-bom.yaml | grep -c '^    - ') -eq 5"
check "該当なし keeps its reason" sh -c "grep -A2 '^  labeling:' fresh.roundtrip-whitepaper.cp932.yaml | grep -q 'note: ラベル付けの機能は提供していません。'"
check "the status comes back" sh -c "grep -A12 '^  responsibility-split:' fresh.roundtrip-whitepaper.utf-8-bom.yaml | grep -q 'status: final'"

# --- --into: only the sheet's items change ---
cat >base.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
subject:
  organization: 株式会社サンプル
  service: サンプルクラウド
revisions:
  - version: "1.0"
    date: 2026-11-01
    note: 初版
x-vendor-id: 42
answers:
  availability-rate:
    value: 99.5%
    x-source: 2025年版
  rto:
    value: 48時間以内
    status: final
YAML
cat >update.csv <<'CSV'
No.,項目,回答,補足
5,サービス稼働率,99.95%,月間
2,計画停止予定通知,有 30日前に通知,
11,目標復旧時間(RTO),,
CSV
cp base.yaml into.yaml
expect_status 0 "import --into" "$CHECKSHEET" import --into into.yaml update.csv
check "  ... says how many answers changed" contains "$WORK/err" "2 answers changed in into.yaml."
check "  ... subject kept" contains into.yaml "organization: 株式会社サンプル"
check "  ... revisions kept" contains into.yaml "note: 初版"
check "  ... an unknown key of the file kept" contains into.yaml "x-vendor-id: 42"
check "  ... an unknown key of the answer kept" contains into.yaml "x-source: 2025年版"
check "  ... the sheet's value in" contains into.yaml "value: 99.95%"
check "  ... an item the sheet leaves empty keeps its answer" contains into.yaml "value: 48時間以内"
check "  ... a backup of what it was" test -f into.yaml~
expect_status 2 "an existing output is refused" "$CHECKSHEET" import -t meti-cloud-sla update.csv -o into.yaml
check "  ... and --into is suggested" contains "$WORK/err" "use --into to update it"
check "  ... the file untouched" contains into.yaml "x-vendor-id: 42"
expect_status 0 "--force overwrites" "$CHECKSHEET" import -t meti-cloud-sla update.csv -o into.yaml --force
expect_status 2 "--into a file of another template with -t" "$CHECKSHEET" import -t iso27017-whitepaper --into base.yaml update.csv

# --- Japanese messages ---
LANGUAGE=ja "$CHECKSHEET" import -t meti-cloud-sla "$DATA/meti-sheet-cp932.csv" -o ja.yaml 2>ja.err
check "the report in Japanese" contains ja.err "No.20 遅延: 文章から読み取りました: 「3時間以内を目標」 → 目標 ≤ 3時間 (下書き: 確認してください)"
check "  ... and its summary" contains ja.err "49 行を ja.yaml に取り込みました"

# --- --into never writes under someone who is editing the file ---
if command -v tmux >/dev/null 2>&1; then
	cp base.yaml edited.yaml
	tui_start 80 24 "$CHECKSHEET edited.yaml"
	wait_for "edited.yaml" >/dev/null
	expect_status 2 "--into a file open in the editor is refused" "$CHECKSHEET" import --into edited.yaml update.csv
	check "  ... saying who edits it" contains "$WORK/err" "pid"
	check "  ... and the file is untouched" cmp base.yaml edited.yaml
	keys q
else
	echo "ok - # SKIP tmux not installed"
fi
