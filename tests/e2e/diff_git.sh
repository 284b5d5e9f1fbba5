#!/bin/sh
# Teams in git: `checksheet diff` between two revisions of an answers file
# lists exactly the changed items, a change of spelling with the same
# reading said as such; `checksheet textconv` gives git a per-item text, so
# that `git diff` shows which items changed.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

cat >v1.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
subject:
  organization: ハコブネ・システムズ株式会社
  service: ハコブネクラウド
revisions:
  - version: "1.0"
    date: "2025-04-01"
    note: 初版
answers:
  service-hours:
    value: 24時間365日
    note: 計画停止を除きます。
    status: final
  availability-rate:
    value: 99.9%
    note: |-
      SLA としての保証はありません。
      昨年度の実績は 99.99% でした。
  rto:
    value: 24時間
  rpo:
    value: 1時間
  planned-outage-notice:
    cases:
      - when: 通常の保守
        value: 7日前
YAML
sed -e 's/value: 99.9%/value: 99.95%/' -e 's/value: 24時間$/value: 24h/' \
    -e 's/昨年度の実績は 99.99% でした。/昨年度の実績は 99.995% でした。/' v1.yaml >v2.yaml
# a new revision, a new case
cat >>v2.yaml <<'YAML'
      - when: 緊急の保守
        value: 1日前
YAML
sed -i 's/    note: 初版/    note: 初版\n  - version: "2.0"\n    date: "2026-04-01"\n    note: 稼働率の目標を改定/' v2.yaml

expect_status 0 "a file against itself: exit 0" "$CHECKSHEET" diff v1.yaml v1.yaml
check "  ... and says so" contains "$WORK/out" "No differences."
expect_status 1 "two revisions: exit 1" "$CHECKSHEET" diff v1.yaml v2.yaml
check "the changed value with both readings" contains "$WORK/out" "No.5 サービス稼働率"
check "  ... 99.9% → 99.95%" grep -q "value: 99.9% → 99.95% (" "$WORK/out"
check "a change of spelling only is said as such" contains "$WORK/out" "value written differently, the same reading"
check "  ... 24時間 → 24h" grep -q "24時間 → 24h" "$WORK/out"
check "the note's lines, old and new" grep -q "^    + 昨年度の実績は 99.995% でした。" "$WORK/out"
check "the added case" grep -q "^    + 緊急の保守 → 1日前" "$WORK/out"
check "the added revision" grep -q "revision 2.0" "$WORK/out"
check "items not changed are not listed" sh -c "! grep -q 'No.1 サービス時間\|目標復旧時点' '$WORK/out'"
check "the count" contains "$WORK/out" "3 items changed"

expect_status 1 "--format json" "$CHECKSHEET" diff --format json v1.yaml v2.yaml
check "  ... reads, with the changed items and the spelling change" /usr/bin/python3 - "$WORK/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["items_changed"] == 3, d["items_changed"]
keys = {(c["key"], c["field"]): c for c in d["changes"]}
assert keys[("rto", "value")]["change"] == "spelling"
assert keys[("availability-rate", "value")]["change"] == "changed"
assert keys[("availability-rate", "value")]["no"] == "5"
assert keys[("2.0", "revision")]["change"] == "added"
assert ("rpo", "value") not in keys
PY
expect_status 1 "--format md" "$CHECKSHEET" diff --format md v1.yaml v2.yaml
check "  ... a table" grep -q "^| No.5 サービス稼働率 | 値 | 99.9% | 99.95% |$\|^| No.5 サービス稼働率 | value | 99.9% | 99.95% |$" "$WORK/out"
expect_status 1 "--revision-note" "$CHECKSHEET" diff --revision-note v1.yaml v2.yaml
check "  ... a line in the document's language" grep -q "No.5 サービス稼働率" "$WORK/out"

printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers: [\n' >broken.yaml

# reuse: a new whitepaper filled from the METI answers through maps-to
expect_status 0 "new --from fills a whitepaper from METI answers" "$CHECKSHEET" new -t iso27017-whitepaper --from v2.yaml -o wp-from.yaml
check "  ... says how many and from where" grep -q "from v2.yaml" "$WORK/err"
check "  ... every reused answer a draft" sh -c "test \$(grep -c 'status: draft' wp-from.yaml) -eq \$(grep -c 'reused-from: v2.yaml#' wp-from.yaml)"
check "  ... and there is at least one" grep -q "reused-from: v2.yaml#" wp-from.yaml
"$CHECKSHEET" check wp-from.yaml >"$WORK/out" 2>&1
check "  ... reused-from is a known key (no warning)" sh -c "! grep -q 'unknown key' '$WORK/out'"
expect_status 0 "new --from the same template" "$CHECKSHEET" new -t meti-cloud-sla --from v1.yaml --from v2.yaml -o meti-from.yaml
check "  ... 99.95% (v2, revision 2026) over 99.9% (v1)" sh -c "grep -A1 '^  availability-rate:' meti-from.yaml | grep -q 'value: 99.95%'"
check "  ... and the disagreement is listed" grep -q "answer differently; the newer, v2.yaml, was taken" "$WORK/err"
expect_status 2 "new --from a file that does not load" "$CHECKSHEET" new -t meti-cloud-sla --from broken.yaml -o never.yaml
check "  ... writes nothing" test ! -e never.yaml

# errors: exit 2, the file named
"$CHECKSHEET" new -t iso27017-whitepaper -o wp.yaml >/dev/null 2>&1
expect_status 2 "answers of another template" "$CHECKSHEET" diff v1.yaml wp.yaml
check "  ... says why" contains "$WORK/err" "only answers of one template compare"
expect_status 2 "a file that does not load" "$CHECKSHEET" diff v1.yaml broken.yaml
check "  ... names it" contains "$WORK/err" "broken.yaml"
expect_status 2 "one file only" "$CHECKSHEET" diff v1.yaml

# a hostile answer never reaches a terminal raw (textconv is shown by git's pager)
printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n  rto: {value: "\\e]0;pwned\\a24時間"}\n' >evil.yaml
"$CHECKSHEET" textconv evil.yaml >evil.txt 2>&1
check "textconv shows control characters in their visible form" sh -c "! grep -q \"\$(printf '\\033')\" evil.txt"

# git: textconv makes `git diff` per item
if command -v git >/dev/null 2>&1; then
	mkdir repo && cd repo || exit 1
	git init -q . && git config user.email t@example.jp && git config user.name テスト
	printf '*.yaml diff=checksheet\n' >.gitattributes
	git config diff.checksheet.textconv "$CHECKSHEET textconv"
	cp ../v1.yaml answers.yaml
	git add . && git commit -qm v1
	cp ../v2.yaml answers.yaml
	git commit -qam v2
	git diff HEAD~1 HEAD -- answers.yaml >"$WORK/gitdiff"
	check "git diff through textconv names the item" grep -q "No.5 サービス稼働率 \[availability-rate\]" "$WORK/gitdiff"
	check "  ... with the values and their readings" grep -q "^+  value: 99.95%  (= " "$WORK/gitdiff"
	check "  ... and leaves unchanged items out of the hunks" sh -c "! grep -q '^[-+].*service-hours' '$WORK/gitdiff'"
	cd ..
fi
