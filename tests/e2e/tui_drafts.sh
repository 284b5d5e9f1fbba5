#!/bin/sh
# Drafts to confirm: answers saved with `status: draft` (the importer's
# values read out of prose). f shows only them, y confirms one (final) and
# goes on to the next, u undoes, an answer that does not read is refused;
# answers typed without a status and final ones are never listed.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
SOCKET_BASE="drafts-$$"
SOCKET="$SOCKET_BASE-0"
cd "$WORK" || exit 1

# In the first section: No.1 typed (no status), No.3 final, No.2, No.4
# and No.5 drafts; No.10 typed, in the second section.
cat >a.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
template-version: "2010"
language: ja
answers:
  service-hours:
    value: 24時間365日
  planned-outage-notice:
    value: 有
    note: 30日前にメールで通知
    status: draft
  termination-notice:
    value: 有
    note: 90日前に通知
    status: final
  sudden-termination-measures:
    value: 無
    status: draft
  availability-rate:
    value: 99.9%
    note: 昨年実績
    status: draft
  mttr:
    value: 平均30分以内
YAML
cp a.yaml original.yaml

# the list rows of the item pane: "│d   2 計画停止予定通知 ..."
rows() { screen | grep -E '│[-+!*d?] +[0-9]+ ' | sed 's/^[^│]*│//'; }
row_nos() { rows | awk '{print $2}' | tr '\n' ' '; }

tui_start 80 24 "$CHECKSHEET a.yaml"
check "opens" wait_for "6/49 ["
check "the title bar counts the drafts" wait_for "3 drafts"
check "the first message says there are drafts to confirm" wait_for "a.yaml: 6 of 49 answered, 3 drafts to confirm (y"
check "a draft is marked d in the list" wait_line '│d +2 計画停止予定通知'
check "a typed answer is not marked" wait_line '│\+ +1 サービス時間'
check "a final answer is not marked" wait_line '│\+ +3 サービス提供終了時'

keys f
check "f: problems first" wait_for "[problems only]"
keys f
check "f again: the drafts" wait_for "[drafts to confirm]"
check "it says what it shows" wait_for "Showing: drafts to confirm"
settle
check "exactly the three drafts are listed" test "$(row_nos)" = "2 4 5 " || echo "    listed: $(row_nos)"
check "all marked d" test "$(rows | grep -c '^d ')" -eq 3
check "the cursor is on the first draft" wait_for "No.2 計画停止予定通知"
check "the details say draft and how to confirm" wait_for "(draft: y"

keys y
check "y confirms" wait_for "Confirmed No.2: now final (u undoes). Drafts left to confirm: 2."
check "the cursor goes on to the next draft" wait_for "No.4 突然のサービス提供停止に対する対処"
settle
check "the confirmed one left the list" test "$(row_nos)" = "4 5 " || echo "    listed: $(row_nos)"
check "the count follows" wait_for "2 drafts"
check "the title says modified" wait_for "a.yaml [+]"

keys u
check "u undoes the confirmation" wait_for "Undid the last change to No.2."
check "on the item undone" wait_for "No.2 計画停止予定通知"
settle
check "it is listed again" test "$(row_nos)" = "2 4 5 " || echo "    listed: $(row_nos)"
check "and counted again" wait_for "3 drafts"
check "still in the drafts filter" wait_for "[drafts to confirm]"

keys y
wait_for "No.4 突然のサービス提供停止に対する対処" >/dev/null
keys y
check "one left" wait_for "Drafts left to confirm: 1."
check "on the last draft" wait_for "No.5 サービス稼働率"
keys y
check "none left, said in the message line" wait_for "Confirmed No.5: now final (u undoes). No drafts left to confirm;"
check "the list shows all items" wait_gone "[drafts to confirm]"
settle
check "all the items of the section" test "$(row_nos)" = "1 2 3 4 5 6 7 8 " || echo "    listed: $(row_nos)"
check "on the one just confirmed" wait_for "No.5 サービス稼働率"
check "and final" wait_for "(final)"
check "no count of drafts in the title bar" sh -c "! tmux -L '$SOCKET' capture-pane -p | head -1 | grep -q drafts"
keys f f
check "f: with no drafts left, from problems back to all" wait_for "Showing: all items"
keys : 5 Enter y
check "y on a final answer says so" wait_for "No.5 is already final."
keys : 6 Enter y
check "y on no answer says so" wait_for "No.6 has no answer to confirm."

keys C-s
check "saved" wait_for "Saved a.yaml"
keys C-q
check "quits" wait_for "[exit 0]"

sed -e '/^  planned-outage-notice:/,/^  [a-z]/s/status: draft/status: final/' \
	-e '/^  sudden-termination-measures:/,/^  [a-z]/s/status: draft/status: final/' \
	-e '/^  availability-rate:/,/^  [a-z]/s/status: draft/status: final/' original.yaml >expected.yaml
check "the three are final, the others untouched" cmp a.yaml expected.yaml || diff expected.yaml a.yaml
check "no draft is left in the file" sh -c "! grep -q 'status: draft' a.yaml"

# A draft that does not read cannot be final: refused until fixed. The
# drafts are in three sections: y goes on across them.
cat >b.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
template-version: "2010"
language: ja
answers:
  availability-rate:
    value: 99.9時間
    status: draft
  incident-count:
    value: 3件
    status: draft
  rpo:
    value: 1日
    status: draft
YAML
tui_start 80 24 "$CHECKSHEET b.yaml"
check "b.yaml opens" wait_for "3/49 ["
keys f f
check "the drafts filter" wait_for "[drafts to confirm]"
check "on the draft that does not read" wait_for "No.5 サービス稼働率"
check "marked as a problem, not d" wait_line '│! +5 サービス稼働率'
keys y
check "y refuses it, saying why" wait_for "No.5 cannot be final while its answer has a problem"
check "the reason is the value's" wait_for "is a duration, but this item takes a"
check "nothing changed" wait_for "3 drafts"
check "the file is not modified" sh -c "! tmux -L '$SOCKET' capture-pane -p | grep -qF 'b.yaml [+]'"
keys s
check "s refuses it too" wait_for "No.5 cannot be final while its answer has a problem"
keys Enter C-u
type_text "99.9%"
keys Enter
check "fixed: a valid draft" wait_line '│d +5 サービス稼働率'
keys y
check "now it is confirmed" wait_for "Confirmed No.5: now final (u undoes). Drafts left to confirm: 2."
check "on to the next draft, in the next section" wait_for "No.12 障害発生件数"
check "the section is shown" wait_for "信頼性  (アプリケーション運用)"
keys y
check "on to the section after" wait_for "No.29 バックアップデータを取得するタイミング(RPO)"
keys y
check "none left" wait_for "No drafts left to confirm"
keys C-s
wait_for "Saved b.yaml" >/dev/null
keys C-q
check "quits" wait_for "[exit 0]"
check "all three final" test "$(grep -c 'status: final' b.yaml)" -eq 3
check "the fixed value is saved" contains b.yaml "value: 99.9%"

# The help says what a draft is, and names y.
# in_help REGEX: pages the help down until a line matches
in_help() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		screen | grep -qE -- "$1" && return 0
		keys NPage
		settle
	done
	echo "    not in the help: $1" >&2
	return 1
}
tui_start 100 40 "$CHECKSHEET b.yaml"
wait_for "3/49 [" >/dev/null
keys '?'
check "the help names y" in_help '^ +y +confirm the answer: mark it final'
check "and the mark" in_help '^ +d +a draft to confirm'
check "the help says what a draft is" in_help '^ *A draft is an answer \(a value, cases, rows or a note\) saved with'
keys q C-q
check "quits" wait_for "[exit 0]"
