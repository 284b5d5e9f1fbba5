#!/bin/sh
# Review mode: judge, comment in Japanese, save, reopen, see a changed
# answer marked stale; the answers file is never touched. Then the vendor
# sees the review in the editor, and check --requirements judges a policy.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
cat >a.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
answers:
  availability-rate:
    value: 目標99.9%
  rto:
    value: 12時間以内
  backup-generations:
    value: 2世代
  encryption-in-transit:
    value: 有
    note: TLS 1.2以上
YAML
cat >policy.yaml <<'YAML'
kind: checksheet/requirements
template: meti-cloud-sla
title: 当社クラウド利用基準
rules:
  availability-rate: ">= 99.9%"
  rto: "<= 24時間"
  backup-generations: ">= 3"
  encryption-in-transit: "yes"
YAML
sum_before=$(sha256sum a.yaml)
mtime_before=$(stat -c %Y.%N a.yaml)
sleep 1

tui_start 80 24 "$CHECKSHEET review --requirements policy.yaml --reviewer '山田 太郎' --organization 顧客株式会社 a.yaml"
check "review mode opens" wait_for "REVIEW a.yaml"
check "rule totals in the title bar" wait_for "rules 3✓ 1✗ 0?"
keys : 5 Enter
check "No.5 passes as a target" wait_for "Rule >= 99.9%: pass (target)"
keys 2 c
check "the comment editor opens" wait_for "Editing the comment"
type_text "SLA での保証予定はありますか。"
keys Tab
check "comment kept" wait_for "Comment kept."
keys : 1 1 Enter
check "No.11 passes" wait_for "Rule <= 24時間: pass"
keys 1
keys : 3 2 Enter
check "No.32 fails" wait_for "Rule >= 3: fail"
keys 3
keys : 4 2 Enter 1
check "judged 4" wait_for "judged 4"
keys Enter
check "answers are read-only: Enter does nothing" wait_for "That key does nothing here"
keys f
check "filters: not yet judged" wait_for "[not yet judged]"
keys f
check "filters: question" wait_for "[question]"
check "question shows No.5" wait_for "サービス稼働率"
keys f f
check "filters: failed rules" wait_for "[failed or unknown rules]"
check "failed rules show No.32" wait_for "バックアップ世代数"
keys f f
check "filters back to all" wait_for "Showing: all items"
keys C-s
check "review saved" wait_for "Saved the review to a.review.yaml"
keys C-q
check "quits" wait_for "[exit 0]"
check "answers file: same checksum" test "$(sha256sum a.yaml)" = "$sum_before"
check "answers file: same mtime" test "$(stat -c %Y.%N a.yaml)" = "$mtime_before"
check "review file kind" contains a.review.yaml "kind: checksheet/review"
check "verdict saved" contains a.review.yaml "verdict: question"
check "Japanese comment saved" contains a.review.yaml "comment: SLA での保証予定はありますか。"
check "seen saved" contains a.review.yaml "value: 目標99.9%"
check "reviewer saved" contains a.review.yaml "reviewer: {organization: 顧客株式会社, name: 山田 太郎}"

# reopen: the verdicts are there
tui_start 80 24 "$CHECKSHEET review --requirements policy.yaml a.yaml"
check "reopened with 4 judged" wait_for "judged 4"
keys C-q
wait_for "[exit 0]" >/dev/null

# the vendor changes an answer: the verdict is stale on the next open
sed -i 's/目標99.9%/99.95%以上を保証/' a.yaml
tui_start 80 24 "$CHECKSHEET review a.yaml"
check "stale counted" wait_for "stale 1"
keys : 5 Enter
check "stale shown with the old answer" wait_for "changed since review; judged: 目標99.9%"
check "  ... and what changed, as diff says it" wait_for "value: 目標99.9% → 99.95%以上を保証"
check "stale mark in the list" wait_line "\\?~ +5 サービス稼働率"
keys f f f f
check "stale filter" wait_for "[changed since review]"
keys 1
check "judging again clears stale" wait_for "judged 4"
check "stale gone" wait_gone "stale 1"
keys q
check "quit asks for the review" wait_for "Save changes before quitting?"
keys n
wait_for "[exit 0]" >/dev/null

# the loop back: the vendor sees the customer's review in the editor
tui_start 80 24 "$CHECKSHEET edit -r a.review.yaml a.yaml"
wait_for "a.yaml" >/dev/null
keys : 1 Enter p
check "next problem visits the question" wait_for "No.2 計画停止予定通知" 2>/dev/null
keys : 5 Enter
check "the vendor sees the comment" wait_for "SLA での保証予定はありますか。"
check "and the verdict" wait_for "Review: question"
cp a.review.yaml review.before
keys C-q
wait_for "[exit 0]" >/dev/null
check "edit -r leaves the review alone" cmp -s a.review.yaml review.before

# the same policy from the command line
expect_status 1 "check --requirements fails on a failed rule" "$CHECKSHEET" check --requirements policy.yaml a.yaml
check "rule line: pass (guaranteed)" contains "$WORK/out" "a.yaml: pass (guaranteed): No.5 サービス稼働率: >= 99.9%"
check "rule line: fail" contains "$WORK/out" "a.yaml: fail: No.32 バックアップ世代数: >= 3: reads as 2"
check "rule summary" contains "$WORK/out" "rules: 3 pass, 1 fail, 0 unknown"
"$CHECKSHEET" check --requirements policy.yaml --format json a.yaml >"$WORK/json"
check "json rules" contains "$WORK/json" '"rule": ">= 3", "result": "fail", "commitment": null'
check "json summary counts rules" contains "$WORK/json" '"rules_pass": 3, "rules_fail": 1, "rules_unknown": 0'
sed -i 's/99.95%以上を保証/目標99.9%/' a.yaml
sed 's/">= 99.9%"/">= 99.9% guaranteed"/' policy.yaml >strict.yaml
"$CHECKSHEET" check --requirements strict.yaml a.yaml >"$WORK/out"
check "a target fails a guaranteed rule" contains "$WORK/out" "a.yaml: fail: No.5 サービス稼働率: >= 99.9% guaranteed"
printf 'kind: checksheet/requirements\ntemplate: meti-cloud-sla\nrules:\n  nope: yes\n  rto: "<= いつか"\n' >bad.yaml
expect_status 2 "a bad policy is unreadable" "$CHECKSHEET" check --requirements bad.yaml a.yaml
check "unknown item in the policy at its place" contains "$WORK/out" 'bad.yaml:4:9: error: rule for unknown item "nope"'
check "bad rule at its place" contains "$WORK/out" 'bad.yaml:5:8: error: No.11'
