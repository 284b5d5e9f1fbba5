#!/bin/sh
# The published page (issue 13): export -f html / md of a whitepaper with
# a document title, per-product cases, tables and lists, and of the METI
# checklist; the Must-show checks read the page as a reader does; a draft
# gets its banner and --final refuses it; Chromium renders the page with no
# console message and no request, and prints it on A4 with no page that
# holds only a heading.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
data="$TOP_SRCDIR/tests/data/publish"
page="python3 $TOP_SRCDIR/tests/e2e/publish_page.py"
paper="$TOP_SRCDIR/data/templates/iso27017-whitepaper.yaml"
meti="$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml"
cp "$data/whitepaper.yaml" "$data/meti.yaml" "$data/hostile.yaml" .

# Must show: the whitepaper as its vendor publishes it
expect_status 0 "export -f html of a finished whitepaper" "$CHECKSHEET" export -f html whitepaper.yaml
cp "$WORK/out" whitepaper.html
check "nothing on stderr" test ! -s "$WORK/err"
check "the same bytes as the golden page" cmp whitepaper.html "$data/whitepaper.html"
check "<h1> is the title, each table item a <table> with its headers, no prompt, no English word" \
	$page must-show whitepaper.html whitepaper.yaml "$paper"
check "the checker sees English words on the English page" \
	sh -c "! $page must-show '$data/whitepaper-en.html' whitepaper.yaml '$paper' >/dev/null"
check "cases are sub-sections in written order" sh -c \
	"grep -n '<h3>Backlog</h3>\|<h3>Cacoo</h3>' whitepaper.html | head -2 | tr '\n' ' ' | grep -q 'Backlog.*Cacoo'"
check "a cell keeps its line break and its |" contains whitepaper.html \
	"<td>日次 | 差分は1時間ごと</td>"
check "an unanswered optional item is left out" sh -c "! grep -q 'ネットワークの分離' whitepaper.html"
check "a heading equal to its chapter's is not repeated" test "$(grep -c '利用者との責任分界点</h' whitepaper.html)" -eq 1
check "no draft banner" sh -c "! grep -q 'class=\"draft\"' whitepaper.html"
check "the whitepaper has no credit line of its own" sh -c "! grep -q '<footer>' whitepaper.html"

# Must show: a <script> in a note shows as text
"$CHECKSHEET" export -f html hostile.yaml >hostile.html 2>/dev/null
check "no element from the answers" sh -c "! grep -qi '<script\|<iframe\|<img\|javascript:alert(2)\"' hostile.html"
check "the <script> typed in the answer is text" contains hostile.html \
	"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 解約後に削除します。"

# Must show: a required item unanswered
python3 -c "
import yaml, sys
a = yaml.safe_load(open('whitepaper.yaml'))
del a['answers']['labeling']
yaml.safe_dump(a, open('draft.yaml', 'w'), allow_unicode=True, sort_keys=False)"
expect_status 0 "a draft is still written (exit 0)" "$CHECKSHEET" export -f html -o draft.html draft.yaml
check "stderr says it is a draft, naming the item" contains "$WORK/err" \
	"draft.yaml: warning: written as a draft: required answers missing or with a problem: 4 ラベル付け機構"
check "the page carries the banner" contains draft.html '<div class="draft" role="note">'
check "the banner names the item" contains draft.html '<li><a href="#i-labeling">4 ラベル付け機構</a>: 必須の回答がありません</li>'
rm -f final.html
expect_status 1 "--final refuses it (exit 1)" "$CHECKSHEET" export -f html --final -o final.html draft.yaml
check "--final names the item" contains "$WORK/err" "4 ラベル付け機構"
check "--final writes nothing" test ! -e final.html
expect_status 0 "--final passes a finished document" "$CHECKSHEET" export -f html --final whitepaper.yaml
check "--final's page is the same page" cmp "$WORK/out" whitepaper.html
expect_status 0 "--form: the review copy" "$CHECKSHEET" export -f html --form draft.yaml
check "--form prints the prompts and every item" sh -c \
	"grep -q '記載してください' '$WORK/out' && grep -q 'ネットワークの分離' '$WORK/out'"
check "--form is not a draft page" sh -c "! grep -q 'class=\"draft\"' '$WORK/out' && ! test -s '$WORK/err'"

# --lang: ja and en only
expect_status 2 "--lang fr is refused" "$CHECKSHEET" export -f html --lang fr whitepaper.yaml
check "with a clear error" contains "$WORK/err" 'unknown language "fr" for --lang (ja, en)'
expect_status 0 "--lang en" "$CHECKSHEET" export -f html --lang en whitepaper.yaml
check "English labels" contains "$WORK/out" "<h2>Contents</h2>"

# Markdown: the same document
expect_status 0 "export -f md" "$CHECKSHEET" export -f md whitepaper.yaml
cp "$WORK/out" whitepaper.md
check "md: the same bytes as the golden file" cmp whitepaper.md "$data/whitepaper.md"
check "md: the title" sh -c "head -1 whitepaper.md | grep -qx '# ヌーラボ クラウドサービス セキュリティホワイトペーパー'"
check "md: a GFM table with the column headers and | escaped" sh -c \
	"grep -qx '| 対象 | 頻度 | 世代数 | 保管場所 |' whitepaper.md && grep -qF '| 日次 \\| 差分は1時間ごと |' whitepaper.md"
check "md: a case is a sub-heading" sh -c "grep -qx '### Backlog' whitepaper.md"
check "md: a list in the answer is passed through" sh -c "grep -qx '  - 対応 IdP: Azure AD、Okta、Google Workspace' whitepaper.md"

# the METI checklist: its credit line stays, its 規定内容 are printed
expect_status 0 "export -f html of the METI checklist" "$CHECKSHEET" export -f html meti.yaml
cp "$WORK/out" meti.html
check "METI: the golden page" cmp meti.html "$data/meti.html"
check "METI: Must-show checks" $page must-show meti.html meti.yaml "$meti"
check "METI: the credit line" contains meti.html "経済産業省『クラウドサービスレベルのチェックリスト』(2010) を加工して作成"
"$CHECKSHEET" export -f md meti.yaml >meti.md
check "METI md: the golden file" cmp meti.md "$data/meti.md"

# a real browser: no console message, no request; printed on A4
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null; then
	echo "chromium or pdftotext (poppler-utils) not installed: the browser checks are skipped"
	exit 0
fi
run_browser() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$WORK/chrome" --no-pdf-header-footer "$@"
}
for doc in whitepaper hostile meti; do
	run_browser --enable-logging=stderr --v=0 --log-net-log="$WORK/net-$doc.json" \
		--dump-dom "file://$WORK/$doc.html" >"dom-$doc.html" 2>"chrome-$doc.log"
	check "$doc: the browser renders the page" test -s "dom-$doc.html"
	check "$doc: no console messages" sh -c "! grep -q 'CONSOLE' chrome-$doc.log"
	# the browser's own background calls to Google are not the page's
	check "$doc: the page makes no network requests" sh -c \
		"! grep -oE '\"(https?|wss?|ftp)://[^\"/]*' net-$doc.json | grep -vE '(google|googleapis|gstatic)\.com' | grep -q ."
done
check "the <script> of a note is text in the browser too" contains dom-hostile.html \
	'&lt;script&gt;alert("x")&lt;/script&gt; 解約後に削除します。'
for doc in whitepaper meti draft; do
	run_browser --print-to-pdf="$WORK/$doc.pdf" "file://$WORK/$doc.html" >/dev/null 2>&1
	check "$doc: printed to PDF" test -s "$doc.pdf"
	check "$doc: A4 pages" sh -c "pdfinfo $doc.pdf | grep -q 'Page size:.*(A4)'"
	$page headings "$doc.html" >"$doc.headings"
	check "$doc: no printed page holds only a heading or ends with one" \
		$page lonely-headings "$doc.pdf" "$doc.headings"
	check "$doc: pages are numbered" sh -c "pdftotext -f 2 -l 2 $doc.pdf - | grep -qE '^ *2 ?/ ?[0-9]+ *$'"
done
# the check itself sees a heading left at a page's end: the last line of
# the whitepaper's second page, taken for a heading, fails it
{ cat whitepaper.headings; pdftotext -f 2 -l 2 -layout whitepaper.pdf - | tr -d '\f' | grep -vE '^ *$|^ *[0-9]+ ?/ ?[0-9]+ *$' | tail -1 | sed 's/^ *//'; } >trap.headings
check "the page check sees a heading at a page's end" sh -c \
	"! $page lonely-headings whitepaper.pdf trap.headings >/dev/null"
# a screenshot at the size of an A4 page (96 dpi): the page fills it
run_browser --screenshot="$WORK/shot.png" --window-size=794,1123 --hide-scrollbars \
	"file://$WORK/whitepaper.html" >/dev/null 2>&1
check "screenshot at A4 size" sh -c "$page png-size shot.png | grep -qx '794 1123'"
check "the screenshot is not blank" test "$(wc -c <shot.png)" -gt 20000
