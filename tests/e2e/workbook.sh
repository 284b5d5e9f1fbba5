#!/bin/sh
# The workbook a customer prints (export -f xlsx): read back with openpyxl
# (the cover sheet, row heights, print setup, No. as numbers, labels in the
# document's language, the formula guard) and printed to PDF by LibreOffice
# headless: the 49 METI items with long answers on at most 12 A4 pages, no
# column split across pages, and every answer whole on paper.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
DATA=$TOP_SRCDIR/tests/data
LONG=$DATA/workbook/meti-long.yaml

if ! /usr/bin/python3 -c 'import openpyxl, yaml' 2>/dev/null; then
	echo "python3-openpyxl or python3-yaml not installed: skipping"
	trap - EXIT
	exit 77
fi

expect_status 0 "the METI answers export" "$CHECKSHEET" export -f xlsx -o long.xlsx "$LONG"
check "  ... without a warning" test ! -s "$WORK/err"
expect_status 0 "  ... in English too" "$CHECKSHEET" export -f xlsx --lang en -o long-en.xlsx "$LONG"
expect_status 0 "  ... and on one sheet" "$CHECKSHEET" export -f xlsx --one-sheet -o one.xlsx "$LONG"
expect_status 0 "  ... and with a sheet per section" "$CHECKSHEET" export -f xlsx --section-sheets -o sections.xlsx "$LONG"

check "the cover sheet comes first, with the document's identity" /usr/bin/python3 - long.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[:2] == ["表紙", "全項目"] and wb.sheetnames[-1] == "集計", wb.sheetnames
rows = [[c for c in r] for r in wb["表紙"].iter_rows(values_only=True)]
i = [r[0] for r in rows].index("改訂履歴")
pairs = {r[0]: r[1] for r in rows[:i] + rows[-1:] if r[0]}
want = {"タイトル": "ハコブネクラウド サービスレベル説明書", "組織": "ハコブネ・システムズ株式会社",
        "サービス": "ハコブネクラウド ファイル共有",
        "連絡先": "security@hakobune.example.jp（セキュリティ窓口）", "版数": "2.0", "改定日": "2026-11-01"}
for k, v in want.items():
    assert pairs.get(k) == v, (k, pairs.get(k))
# the revision history as a table, oldest first, as the file keeps it
assert list(rows[i + 1]) == ["版数", "改定日", "改定内容"], rows[i + 1]
assert [r[0] for r in rows[i + 2:i + 5]] == ["1.0", "1.1", "2.0"], rows[i + 2:i + 5]
assert rows[i + 4][2].startswith("ISMS クラウドセキュリティ認証"), rows[i + 4]
# the METI credit, as the template words it
assert pairs["出典"].startswith("経済産業省『クラウドサービスレベルのチェックリスト』(2010) を加工して作成"), pairs["出典"]
# the title's cell spans the value columns and uses the title font
assert "B1:C1" in [str(m) for m in wb["表紙"].merged_cells.ranges]
assert wb["表紙"]["B1"].font.b and wb["表紙"]["B1"].font.sz == 14
PY

check "every sheet is set up for A4 landscape, one page wide, header and footer" /usr/bin/python3 - long.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    ps = ws.page_setup
    assert ps.orientation == "landscape" and str(ps.paperSize) == "9", (ws.title, ps.orientation, ps.paperSize)
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert ps.fitToWidth in (None, 1, "1") and str(ps.fitToHeight) == "0", (ws.title, ps.fitToWidth, ps.fitToHeight)
    assert ws.oddHeader.center.text == "ハコブネクラウド サービスレベル説明書", (ws.title, ws.oddHeader.center.text)
    assert ws.oddFooter.center.text == "&P / &N ページ", (ws.title, ws.oddFooter.center.text)
    # the header row on every printed page of the item sheets
    if ws.title not in ("表紙",):
        assert ws.print_title_rows == "$1:$1", (ws.title, ws.print_title_rows)
PY

check "item sheets: Japanese headers, No. as numbers, every row's height set from its text" /usr/bin/python3 - long.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["全項目"]
head = [c.value for c in ws[1]]
assert head == ["No.", "種別", "項目", "規定内容", "測定単位", "回答", "補足", "状態", "回答状況"], head
nos = [ws.cell(row=r, column=1) for r in range(2, 51)]
assert [c.value for c in nos] == list(range(1, 50)), [c.value for c in nos]
assert all(c.data_type == "n" for c in nos)
heights = {}
for r in range(1, 51):
    d = ws.row_dimensions[r]
    assert d.height and d.customHeight, (r, d.height)
    heights[ws.cell(row=r, column=1).value] = d.height
# two lines (the description's); three of note; five (No.2: two
# paragraphs, a URL)
assert heights[15] < heights[5] < heights[2], (heights[15], heights[5], heights[2])
assert all(h <= 409 for h in heights.values())
# wrapped, top-aligned text in the long columns
for col in (3, 4, 6, 7):
    c = ws.cell(row=3, column=col)
    assert c.alignment.wrap_text and c.alignment.vertical == "top", (col, c.alignment)
assert ws.freeze_panes == "A2"
# the final answers say so in Japanese, and so does the state
assert ws.cell(row=2, column=9).value == "確定" and ws.cell(row=7, column=9).value is None
assert {ws.cell(row=r, column=8).value for r in range(2, 51)} == {"有効"}
# each item once by default: no sheet per section
assert "2 信頼性" not in wb.sheetnames, wb.sheetnames
# asked for, a section's sheet likewise
sec = openpyxl.load_workbook(sys.argv[1].replace("long.xlsx", "sections.xlsx"))["2 信頼性"]
assert [c.value for c in sec[1]] == head and sec.cell(row=2, column=1).value == 10
assert sec.row_dimensions[2].height == heights[10] and sec.row_dimensions[3].height == heights[11]
PY

check "the English workbook speaks English" /usr/bin/python3 - long-en.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[:2] == ["Cover", "All items"] and wb.sheetnames[-1] == "Summary", wb.sheetnames
assert wb["Cover"]["A1"].value == "Title" and wb["Cover"]["A2"].value == "Organization"
assert [c.value for c in wb["All items"][1]][:3] == ["No.", "Section", "Item"]
assert wb["All items"].oddFooter.center.text == "Page &P of &N"
PY

# the formula guard: whatever an answer says stays text; a title with & in
# the page header is Excel's && (a lone & starts a code)
cat >guard.yaml <<'EOF'
kind: checksheet/answers
template: meti-cloud-sla
template-version: "2010"
language: ja
subject:
  title: "R&D 部門向け =サービス説明"
answers:
  resource-limits:
    value: =HYPERLINK("http://evil.example","押す")
    note: "@SUM(A1:A9) +1 -1"
EOF
expect_status 0 "answers that look like formulas export" "$CHECKSHEET" export -f xlsx -o guard.xlsx guard.yaml
check "  ... as text, never formulas" /usr/bin/python3 - guard.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["全項目"]
row = [c for c in ws[26]]
assert row[0].value == 25, row[0].value
assert row[5].data_type == "s" and row[5].value == '=HYPERLINK("http://evil.example","押す")', (row[5].data_type, row[5].value)
assert row[6].data_type == "s" and row[6].value == "@SUM(A1:A9) +1 -1"
assert wb["表紙"]["B1"].value == "R&D 部門向け =サービス説明"
PY
check "  ... and & doubled in the page header" sh -c \
	"unzip -p guard.xlsx xl/worksheets/sheet2.xml | grep -qF '<oddHeader>&amp;CR&amp;&amp;D 部門向け =サービス説明</oddHeader>'"

# no subject title: the template's; no revisions: no history
printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nsubject:\n  organization: 株式会社サンプル\nanswers: {}\n' >plain.yaml
expect_status 0 "answers without a title export" "$CHECKSHEET" export -f xlsx -o plain.xlsx plain.yaml
check "  ... under the template's title" /usr/bin/python3 - plain.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rows = list(wb["表紙"].iter_rows(values_only=True))
assert rows[0][:2] == ("タイトル", "クラウドサービスレベルのチェックリスト"), rows[0]
assert rows[1][:2] == ("組織", "株式会社サンプル"), rows[1]
assert "改訂履歴" not in [r[0] for r in rows] and "版数" not in [r[0] for r in rows], rows
assert wb["全項目"].oddHeader.center.text == "クラウドサービスレベルのチェックリスト"
PY

# a note longer than Excel's tallest row: said, and the cell holds it all
/usr/bin/python3 - <<'PY'
lines = "\n".join(f"      {i}. 手順{i}: 担当者が確認し、結果を記録します。" for i in range(1, 41))
open("tall.yaml", "w").write("kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n"
                             "  backup-method:\n    value: 有\n    note: |-\n" + lines + "\n")
PY
expect_status 0 "a 40-line note exports" "$CHECKSHEET" export -f xlsx -o tall.xlsx tall.yaml
check "  ... with a warning naming the item" sh -c "grep -q 'No.28' '$WORK/err' && grep -q '409' '$WORK/err'"
check "  ... the row at Excel's tallest, the note whole" /usr/bin/python3 - tall.xlsx <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["全項目"]
assert ws.row_dimensions[29].height == 409, ws.row_dimensions[29].height
assert ws.cell(row=29, column=7).value.endswith("40. 手順40: 担当者が確認し、結果を記録します。")
PY

# a table item: its own sheet with real columns, printed the same way
expect_status 0 "the whitepaper exports" "$CHECKSHEET" export -f xlsx -o paper.xlsx "$DATA/export/whitepaper.yaml"
check "  ... each table on a sheet of its own, set up for print" /usr/bin/python3 - paper.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
tables = [n for n in wb.sheetnames if n.startswith("No.")]
assert tables, wb.sheetnames
for n in tables:
    ws = wb[n]
    assert ws.print_title_rows == "$1:$2", (n, ws.print_title_rows)
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)), n
    assert ws.cell(row=3, column=1).value, n
PY

# --- on paper: LibreOffice prints the workbook to PDF ---
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
	echo "ok - # SKIP LibreOffice or poppler-utils not installed: the printout is not checked"
	exit 0
fi
topdf() { # topdf FILE.xlsx: FILE.pdf beside it
	HOME=$WORK timeout 300 soffice -env:UserInstallation="file://$WORK/lo" --headless \
		--convert-to pdf --outdir "$WORK" "$1" >/dev/null 2>&1
}
topdf one.xlsx
check "LibreOffice prints the one-sheet workbook" test -s one.pdf
check "  ... the 49 items on at most 12 A4 landscape pages, no column split, every answer whole" \
	/usr/bin/python3 - one.pdf "$LONG" <<'PY'
import re, subprocess, sys, yaml
pdf, answers = sys.argv[1], yaml.safe_load(open(sys.argv[2]))["answers"]
info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
assert abs(float(size.group(1)) - 841.9) < 1 and abs(float(size.group(2)) - 595.3) < 1, size.group(0)
# the cover, the items, the summary
item_pages = pages - 2
assert 1 <= item_pages <= 12, pages
titles = ["No.", "種別", "項目", "規定内容", "測定単位", "回答", "補足", "状態", "回答状況"]
def words(p):
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(p), "-l", str(p), pdf, "-"],
                          capture_output=True, text=True).stdout
    return [(float(a), float(b), w) for a, b, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)]
def crop(p, x0, x1):
    out = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-x", str(int(x0)), "-y", "0",
                          "-W", str(int(x1 - x0)), "-H", "600", pdf, "-"], capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)
answer_text = note_text = ""
for p in range(2, 2 + item_pages):
    ws = words(p)
    # the header row on every page, every column title on it: none split off
    top = min(y for x, y, w in ws if w == "No.")
    head = {w: x for x, y, w in ws if abs(y - top) < 6}
    missing = [t for t in titles if t not in head]
    assert not missing, (p, missing)
    answer_text += crop(p, head["回答"] - 2, head["補足"] - 2)
    note_text += crop(p, head["補足"] - 2, head["状態"] - 2)
footer = subprocess.run(["pdftotext", "-f", "2", "-l", "2", pdf, "-"], capture_output=True, text=True).stdout
assert "2 / %d ページ" % pages in footer, "no page x of y on page 2"
assert "ハコブネクラウド サービスレベル説明書" in footer
missing = []
for item, a in answers.items():
    for field, text in (("value", answer_text), ("note", note_text)):
        want = re.sub(r"\s+", "", str(a.get(field) or ""))
        if want and want not in text:
            missing.append((item, field))
assert not missing, missing
print("# %d item pages" % item_pages)
PY
topdf long.xlsx
topdf sections.xlsx
check "the whole workbook as exported prints on at most 12 A4 pages" /usr/bin/python3 - long.pdf <<'PY'
import re, subprocess, sys
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", sys.argv[1]], capture_output=True, text=True).stdout).group(1))
assert pages <= 12, pages
print("# %d pages" % pages)
PY
check "with a sheet per section, every column is on each page" /usr/bin/python3 - sections.pdf <<'PY'
import re, subprocess, sys
pdf = sys.argv[1]
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
titles = ["No.", "種別", "項目", "規定内容", "測定単位", "回答", "補足", "状態", "回答状況"]
with_items = 0
for p in range(1, pages + 1):
    text = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
                          capture_output=True, text=True).stdout
    if "規定内容" in text:
        with_items += 1
        head = next(l for l in text.splitlines() if "規定内容" in l).split()
        assert head == titles, (p, head)
# the item sheet and the seven section sheets
assert with_items >= 8, with_items
PY
