#!/bin/sh
# The document title is edited in the editor with the other subject
# fields (i), saved as subject: title:, and heads the published page;
# cleared, the template's title comes back.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
"$CHECKSHEET" new -t iso27017-whitepaper -o t.yaml --organization 株式会社サンプル 2>/dev/null

tui_start 100 30 "$CHECKSHEET t.yaml"
check "the editor opens" wait_for "0/31"
keys i
check "the subject screen opens" wait_for "Subject and revisions"
check "it has a document title row" wait_for "Document title:"
keys Down Down Down Enter
wait_for "Enter OK" >/dev/null
type_text "サンプルクラウド セキュリティホワイトペーパー 2026年版"
keys Enter
check "the title is shown" wait_for "> Document title: サンプルクラウド セキュリティホワイトペーパー 2026年版"
keys Escape C-s
wait_for "Saved t.yaml" >/dev/null
check "saved as subject: title:" contains t.yaml "  title: サンプルクラウド セキュリティホワイトペーパー 2026年版"
keys q
wait_for "[exit 0]" >/dev/null

"$CHECKSHEET" export -f html t.yaml >t.html 2>/dev/null
check "the page's <h1> is the title" contains t.html "<h1>サンプルクラウド セキュリティホワイトペーパー 2026年版</h1>"
check "and its <title>" contains t.html "<title>サンプルクラウド セキュリティホワイトペーパー 2026年版</title>"
"$CHECKSHEET" export -f md t.yaml >t.md 2>/dev/null
check "the md document's first line" sh -c "head -1 t.md | grep -qx '# サンプルクラウド セキュリティホワイトペーパー 2026年版'"

# cleared: the template's title
tui_start 100 30 "$CHECKSHEET t.yaml"
wait_for "0/31" >/dev/null
keys i
wait_for "Subject and revisions" >/dev/null
keys Down Down Down Enter
wait_for "Enter OK" >/dev/null
keys C-u Enter
keys Escape C-s
wait_for "Saved t.yaml" >/dev/null
keys q
wait_for "[exit 0]" >/dev/null
check "no title: key left" sh -c "! grep -q 'title:' t.yaml"
"$CHECKSHEET" export -f html t.yaml >t.html 2>/dev/null
check "the template's title heads the page" contains t.html "<h1>セキュリティホワイトペーパー (ISO/IEC 27017)</h1>"
