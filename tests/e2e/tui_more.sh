#!/bin/sh
# The editor: every unit, search, sections, problems, filter, help, cases,
# a terminal that is too small.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
"$CHECKSHEET" new -t meti-cloud-sla -o a.yaml 2>/dev/null

tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "0/49 [" >/dev/null

answer() { # answer NO VALUE READING: types VALUE for item NO, expects READING
	keys : "$1" Enter
	wait_for "No.$1 " >/dev/null
	keys Enter
	type_text "$2"
	check "No.$1 '$2' reads as '$3'" wait_for "= $3"
	keys Enter
}
answer 12 "3件" "3"
answer 16 "5" "5 min"
answer 19 "平均2秒未満" "avg < 2 s"
answer 26 "平日　９：００－１８：００" "weekdays 09:00–18:00"
answer 29 "24時間以内" "≤ 24 h"
answer 47 "毎日" "once a day"
answer 32 "3世代以上" "≥ 3"
# text with a required note: Tab goes on to the note
keys : 2 5 Enter Enter
type_text "ディスク100GBまで"
check "text reads as text" wait_for "✓ text"
keys Tab
type_text "追加購入可"
keys Tab
# yes/no typed rather than picked: Enter commits and stays
keys : 2 Enter Enter
wait_for "Pick with a number key" >/dev/null
type_text "有"
check "typing replaces the picker" wait_for "Value: 有"
keys Enter
check "yes without a note is a problem" wait_for "needs a note"
keys e
type_text "30日前にメールで通知"
keys Tab
check "with a note it is fine" wait_for "= yes"
# n/a needs a note
keys : 3 Enter Enter 5
check "n/a goes to the note" wait_for "Editing the note"
type_text "提供終了の予定なし"
keys Tab
check "n/a with a note" wait_for "= n/a"
keys C-s
check "saved" wait_for "Saved a.yaml"
"$CHECKSHEET" check a.yaml >check.out
check "no value problems after saving" sh -c "! grep -v 'required answer is missing' check.out | grep -q ': error: '"
check "10 answered" contains check.out "49 items, 10 answered"

# search, next and previous match
keys /
type_text "稼働率"
check "incremental search finds No.5" wait_for "No.5 サービス稼働率"
keys Enter
keys n
check "n finds the next match" wait_for "No.5 サービス稼働率"
keys /
type_text "メールで通知"
check "search looks in notes" wait_for "No.2 計画停止予定通知"
keys Enter
keys /
type_text "zzzz"
check "not found is said" wait_for "Not found: zzzz"
keys Escape

# sections and problems
keys : 1 Enter
keys ']'
check "] goes to the next section" wait_for "信頼性  (アプリケーション運用)"
keys '['
check "[ goes back" wait_for "可用性  (アプリケーション運用)"
keys : 1 Enter p
check "p jumps to the next problem" wait_for "No.4 突然のサービス提供停止に対する対処"
keys f
check "f filters to problems" wait_for "[problems only]"
check "answered items are hidden" wait_gone "+   2 計画停止予定通知"
keys f
check "f shows all again" wait_for "+   2 計画停止予定通知"

# cases: a conditional answer
keys : 1 5 Enter c
check "the cases list opens" wait_for "Cases of No.15"
keys a
type_text "営業時間内"
keys Enter
type_text "1営業日以内"
check "a case's value reads as it is typed" wait_for "= ≤ 1 business day"
keys Tab a
type_text "営業時間外"
keys Enter
type_text "1日以内"
keys Tab
check "two cases listed" wait_for "営業時間外 → 1日以内"
keys Escape
check "the item shows its cases" wait_for "2 cases"
keys C-s
wait_for "Saved a.yaml" >/dev/null
check "cases saved" contains a.yaml "when: 営業時間外"

# help is made from the key table
keys '?'
check "help lists the jump key" wait_for "jump to an item by its No."
keys NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage
check "help scrolls to the marks" wait_for "required, not answered"
keys q
check "help closes" wait_gone "checksheet help"

# subject and revisions
keys i
check "the metadata screen opens" wait_for "Subject and revisions"
keys Enter
type_text "株式会社サンプル"
keys Enter a
wait_for "Version:" >/dev/null
keys Enter Enter
type_text "初版"
keys Enter
check "a revision is added" wait_for "初版"
keys Escape C-s
wait_for "Saved a.yaml" >/dev/null
check "subject saved" contains a.yaml "organization: 株式会社サンプル"
check "revision saved" contains a.yaml "note: 初版"

# a terminal that is too small
resize 40 10
check "too small is said" wait_for "Terminal too small"
resize 80 24
check "and the editor comes back" wait_for "可用性"
keys C-q
check "quits cleanly" wait_for "[exit 0]"

# a larger terminal: the same editor, more room
tui_start 120 40 "$CHECKSHEET a.yaml"
check "opens at 120x40" wait_for "可用性"
check "the wide layout uses the room" wait_line "│─{95}$"
keys : 5 Enter Enter
type_text "99.95%"
keys Enter
check "answers at 120x40" wait_for "= 99.95 %"
keys C-s
wait_for "Saved a.yaml" >/dev/null
keys C-q
check "quits at 120x40" wait_for "[exit 0]"
check "saved at 120x40" contains a.yaml "value: 99.95%"
