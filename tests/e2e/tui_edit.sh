#!/bin/sh
# The editor as a person uses it: tmux runs checksheet at 80x24,
# send-keys types (Japanese too), capture-pane reads the screen.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
"$CHECKSHEET" new -t meti-cloud-sla -o a.yaml 2>/dev/null

tui_start 80 24 "$CHECKSHEET a.yaml"
check "opens at 80x24" wait_for "0/49 [----------]"
check "starts on No.1" wait_for "No.1 サービス時間"

# No.1: a time window
keys : 1 Enter
keys Enter
type_text "24時間365日"
check "No.1 reads as it is typed" wait_for "= 24 hours, every day"
keys Enter
check "No.1 committed" wait_for "1/49 ["

# No.5: an invalid value is flagged as it is typed
keys : 5 Enter
check "jump to No.5" wait_for "No.5 サービス稼働率"
keys Enter
type_text "99.9時間"
check "99.9時間 is flagged while typing" wait_for "is a duration, but this item takes a"
screen_verdict=$(screen | sed 's/^[^│]*│//' | sed -n '/^Value: 99.9時間/,/^Note:/p' | sed '1d;$d' | tr -d ' \n')
printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nlanguage: ja\nanswers:\n  availability-rate: {value: 99.9時間}\n' >bad.yaml
check_msg=$("$CHECKSHEET" check bad.yaml | sed -n 's/^bad.yaml:5:30: error: No.5 サービス稼働率: //p' | tr -d ' \n')
check "the screen says what check says" test -n "$check_msg" -a "$screen_verdict" = "✗$check_msg" || echo "    screen: $screen_verdict
    check:  $check_msg"
keys C-u
type_text "99.9%"
check "fixed value reads" wait_for "= 99.9 %"
keys Tab
check "Tab moves to the note" wait_for "Editing the note"
type_text "SLA保証なし。"
keys Enter
type_text "昨年実績 99.99%"
keys Tab
check "note committed" wait_for "Note kept."

# No.10: a duration with qualifiers
keys : 1 0 Enter Enter
type_text "平均30分以内"
check "No.10 reading" wait_for "= avg ≤ 30 min"
keys Enter

# No.42: yes/no from the picker, then the note the template asks for
keys : 4 2 Enter Enter
check "the picker opens" wait_for "Pick with a number key"
keys 1
check "yes moves to the note" wait_for "Editing the note"
type_text "TLS 1.2以上で暗号化"
keys Tab
check "title bar counts 4" wait_for "4/49 ["
keys C-s
check "saved" wait_for "Saved a.yaml"
keys C-q
check "quits" wait_for "[exit 0]"

cat >expected.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
template-version: "2010"
language: ja
answers:
  service-hours:
    value: 24時間365日
  availability-rate:
    value: 99.9%
    note: |-
      SLA保証なし。
      昨年実績 99.99%
  mttr:
    value: 平均30分以内
  encryption-in-transit:
    value: 有
    note: TLS 1.2以上で暗号化
YAML
check "a.yaml holds exactly those answers" cmp a.yaml expected.yaml || diff expected.yaml a.yaml
"$CHECKSHEET" check a.yaml >check.out
check "check agrees: 45 missing, nothing else" test "$(grep -c ': error: ' check.out)" -eq 45 -a \
	"$(grep -c 'a required answer is missing' check.out)" -eq 45
check "check agrees: 4 answered" contains check.out "49 items, 4 answered"

# Resize to 60x20 and back while a note is being edited
cp a.yaml before-resize.yaml
tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "4/49 [" >/dev/null
keys : 5 Enter
wait_for "No.5 サービス稼働率" >/dev/null
keys e
check "note editor opens" wait_for "Editing the note"
keys End
type_text "追記"
resize 60 20
check "60x20 shows the note" wait_for "昨年実績 99.99%追記"
type_text "テスト"
check "typing goes on at 60x20" wait_for "追記テスト"
resize 80 24
# the rule under the item list is 59 columns wide only in the 80x24 layout
check "the 80x24 layout is redrawn" wait_line "│─{59}$"
settle
before=$(screen)
keys C-l
settle
after=$(screen)
check "no garbage after resizing back" test "$before" = "$after"
check "80x24 layout is back" wait_for "4/49 [----------]"
keys Tab
wait_for "Note kept." >/dev/null
keys C-s
wait_for "Saved a.yaml" >/dev/null
check "nothing lost across resizes" contains a.yaml "昨年実績 99.99%追記テスト"

# Esc cancels an edit; u undoes a change
keys : 1 0 Enter Enter C-u
type_text "1日"
keys Escape
check "Esc keeps the old value" wait_for "Edit cancelled"
check "old value still shown" wait_for "Value: 平均30分以内"
keys Enter C-u
type_text "2時間"
keys Enter
check "new value shown" wait_for "Value: 2時間"
keys u
check "undo restores it" wait_for "Value: 平均30分以内"
keys u
check "undo goes back further (the note)" wait_for "Undid the last change to No.5"
check "and the note is as it was" sh -c "! tmux -L $SOCKET capture-pane -p | grep -q 追記テスト"

# Quit with unsaved changes: Esc goes back, n discards, y saves
keys C-q
check "quit asks" wait_for "Save changes before quitting?"
keys Escape
check "Esc goes back to the editor" wait_gone "Save changes before quitting?"
cp a.yaml before-quit.yaml
keys C-q
wait_for "Save changes before quitting?" >/dev/null
keys n
check "n quits" wait_for "[exit 0]"
check "n leaves the file alone" cmp -s a.yaml before-quit.yaml

tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "4/49 [" >/dev/null
keys : 1 2 Enter Enter
type_text "3件"
keys Enter
wait_for "5/49 [" >/dev/null
keys q
wait_for "Save changes before quitting?" >/dev/null
keys y
check "y saves and quits" wait_for "[exit 0]"
check "the answer was saved" contains a.yaml "value: 3件"
