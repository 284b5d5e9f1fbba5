#!/bin/sh
# The open sheet and the screen stack, as a person meets them: live rule
# results while editing beside a review, stale verdicts that a comment does
# not clear, pastes that never run as commands, Alt chords and full-width
# keys, long notes scrolled at 80x24 and 60x20, undo and redo back to the
# saved state, the last position remembered, markers, and resizing during
# every screen.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"

cat >a.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
answers:
  availability-rate:
    value: 99.9%
    note: |-
      1行目: SLA としての保証はありません。
      2行目: 計画停止を除きます。
      3行目: 昨年度の実績は 99.99% でした。
      4行目: 一昨年度の実績は 99.97% でした。
      5行目: 障害の報告は月次で行います。
      6行目: 詳細はサービス仕様書を参照ください。
      7行目: リージョン障害は対象外です。
      8行目: メンテナンスは日曜深夜です。
      9行目: 通知は 30 日前に行います。
      10行目: 返金は利用料の 10% までです。
      11行目: 測定は外部監視によります。
      12行目: 最終行です。
  rto:
    value: 12時間以内
  data-location-policy:
    value: 国内リージョンのみ
YAML
cat >p.yaml <<'YAML'
kind: checksheet/requirements
template: meti-cloud-sla
rules:
  availability-rate: ">= 99.9%"
  rto: "<= 24時間"
YAML
# the customer judges No.5 first: the review records the answer it saw
tui_start 80 24 "$CHECKSHEET review -r r.yaml a.yaml"
check "review opens" wait_for "REVIEW a.yaml"
keys : 5 Enter 1 C-s
check "the verdict is saved" wait_for "Saved the review to r.yaml"
keys C-q
wait_for "[exit 0]" >/dev/null

# --- live rule result beside a review (edit -r --requirements) ---
tui_start 80 24 "$CHECKSHEET edit -r r.yaml --requirements p.yaml a.yaml"
check "edit with review and policy opens" wait_for "rules 2✓ 0✗ 0?"
keys : 5 Enter
check "No.5 passes its rule" wait_for "Rule >= 99.9%: pass"
check "and is not stale" wait_gone "changed since review"
keys Enter C-u
type_text "99%"
keys Enter
check "the rule turns to fail on screen" wait_for "Rule >= 99.9%: fail"
check "and the totals follow" wait_for "rules 1✓ 1✗ 0?"
check "the verdict is now stale" wait_for "stale 1"
keys u
check "undo brings the pass back" wait_for "Rule >= 99.9%: pass"
keys C-r
check "redo fails it again" wait_for "Rule >= 99.9%: fail"
keys C-s
check "saved" wait_for "Saved a.yaml"
keys C-q
check "quits without asking after a save" wait_for "[exit 0]"

# --- review: a comment on a stale item leaves it stale, seen unchanged ---
cp r.yaml r-before.yaml
tui_start 80 24 "$CHECKSHEET review -r r.yaml a.yaml"
check "review opens again" wait_for "REVIEW a.yaml"
keys : 5 Enter
check "No.5 is changed since review" wait_for "changed since review"
keys c
type_text "保証の予定はありますか。"
keys Tab
check "comment kept" wait_for "Comment kept."
check "still stale after the comment" wait_for "changed since review"
keys C-s
check "review saved" wait_for "Saved the review to r.yaml"
check "seen: still the judged answer" sh -c "sed -n '/seen:/,\$p' r.yaml | grep -q 'value: 99.9%'"
check "the comment is in the file" contains r.yaml "保証の予定はありますか。"
# the comment field stays on screen while typed, at 60x20 too
resize 60 20
keys c End
type_text "追記"
check "the comment being typed is visible at 60x20" wait_for "ありますか。追記"
keys Escape
# a 12-line note is read to its last line with > (80x24 and 60x20)
check "60x20: a marker says more follows" wait_for "more below (>)"
keys '>' '>' '>' '>' '>' '>' '>' '>' '>' '>'
check "60x20: the note's last line is reached" wait_for "12行目: 最終行です。"
resize 80 24
settle
keys '<' '<' '<' '<' '<' '<' '<' '<' '<' '<'
# the list always shows No.5: the panel is at its top when nothing is above
check "80x24: back at the top" wait_gone "more above (<)"
# how many pages the note takes depends on the panel's height: press on
# past the end (a > at the last line does nothing)
keys '>' '>' '>' '>' '>' '>' '>' '>'
check "80x24: the note's last line is reached" wait_for "12行目: 最終行です。"
keys '<' '<' '<' '<' '<' '<' '<' '<' '1'
check "a verdict judges the new answer" wait_gone "changed since review"
check "the title bar agrees" wait_gone "stale 1"
keys u
check "undo makes it stale again" wait_for "changed since review"
keys '='
check "= confirms the verdict for the new answer" wait_gone "changed since review"
check "and the list mark agrees" wait_line "\+o +5 サービス稼働率"
keys C-q
wait_for "Save changes before quitting?" >/dev/null
keys n
check "review quits" wait_for "[exit 0]"

# --- a paste in the browser never runs as commands ---
sum_before=$(sha256sum a.yaml)
tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "No." >/dev/null
keys : 2 Enter
wait_for "No.2 計画停止予定通知" >/dev/null
tmux -L "$SOCKET" set-buffer -- "$(printf '有\t備考 updated\ndaily')"
tmux -L "$SOCKET" paste-buffer -p
check "the paste opens the value editor" wait_for "Pasted into the value"
check "the pasted text is in the field, not run" wait_for "備考 updated daily"
keys C-s
check "^S in the field does not save it" wait_for "Press Enter to commit the value first"
keys Escape
check "Esc drops the paste" wait_for "the old value is kept"
keys C-s
wait_for "Saved a.yaml" >/dev/null
check "no answer changed on disk" test "$(sha256sum a.yaml)" = "$sum_before"

# the same text typed in one burst by a terminal without bracketed paste
keys : 1 1 Enter
wait_for "No.11 目標復旧時間" >/dev/null
type_text "$(printf '有\t備考 updated\ndaily')"
check "a burst of text is taken as a paste" wait_for "Pasted into the value"
keys Escape C-s
wait_for "Saved a.yaml" >/dev/null
check "still no answer changed on disk" test "$(sha256sum a.yaml)" = "$sum_before"
check "No.11 keeps its value" contains a.yaml "value: 12時間以内"

# --- Alt chords in a field: word moves, never a cancel ---
keys : 1 Enter Enter C-u
type_text "平日 9:00-18:00 JST"
keys M-b
type_text "X"
check "Alt-b moved one word left and kept the text" wait_for "Value: 平日 9:00-18:00 XJST"
keys M-BSpace
check "Alt-Backspace deleted the word before" wait_for "Value: 平日 9:00-18:00 JST"
keys M-b M-b
type_text "Y"
check "Alt-b again, word by word" wait_for "Value: 平日 9:00-Y18:00 JST"
keys Escape
check "a lone Esc still cancels" wait_for "the old value is kept"

# --- full-width keys act as their ASCII keys in the browser ---
type_text "："
type_text "１２"
keys Enter
check "full-width ：１２ jumps to No.12" wait_for "No.12 障害発生件数"
type_text "ｊ"
check "full-width ｊ moves down" wait_for "No.13 システム監視基準"
type_text "？"
check "full-width ？ opens the help" wait_for "checksheet help"
keys q

# --- list markers and moving across sections ---
keys : 1 Enter
check "a marker says more items are below" wait_line "↓$"
keys : 9 Enter j
check "j at the end of a section goes on into the next" wait_for "No.10 平均復旧時間"
keys k
check "k at the top goes back" wait_for "No.9 アップグレード方針"

# --- 20 edits, 20 undos, 20 redos, 20 undos: nothing to save ---
keys C-s
wait_for "Saved a.yaml" >/dev/null
cp a.yaml saved.yaml
for no in 12 13 16 18 19 20 21 22 23 24; do
	keys : $(echo $no | sed 's/./& /g') Enter Enter C-u
	type_text "$no"
	keys Enter
	keys e
	type_text "note $no"
	keys Tab
done
check "20 edits made" wait_for "[+]"
i=0; while [ $i -lt 20 ]; do keys u; i=$((i + 1)); done
check "20 undos: back to saved" wait_gone "[+]"
i=0; while [ $i -lt 20 ]; do keys C-r; i=$((i + 1)); done
check "20 redos" wait_for "[+]"
i=0; while [ $i -lt 20 ]; do keys U; i=$((i + 1)); done
check "nothing more to redo" wait_for "Nothing to redo."
i=0; while [ $i -lt 20 ]; do keys u; i=$((i + 1)); done
check "20 undos again: back to saved" wait_gone "[+]"
keys : 2 3 Enter
wait_for "No.23 外部接続性" >/dev/null
keys C-q
check "^Q quits without asking" wait_for "[exit 0]"
check "the file is byte-identical to the saved one" cmp a.yaml saved.yaml

# --- reopen where the user left the file ---
tui_start 80 24 "$CHECKSHEET a.yaml"
check "reopens at the last item" wait_for "No.23 外部接続性"
keys C-q
wait_for "[exit 0]" >/dev/null

# --- resize during every screen: what it asks stays visible ---
tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "No." >/dev/null
keys : 2 Enter Enter
wait_for "Pick with a number key" >/dev/null
resize 60 20
check "picker survives 60x20" wait_for "Pick with a number key"
resize 80 24
keys Escape : 5 Enter Enter
resize 60 20
check "value field survives 60x20" wait_for "Value: 99%"
resize 80 24
keys Escape e
resize 60 20
check "note editor survives 60x20" wait_for "Editing the note"
keys Escape : 1 0 Enter c
resize 80 24
check "case list survives a resize" wait_for "Cases of No.10"
keys Escape i
resize 60 20
check "metadata screen survives 60x20" wait_for "Subject and revisions"
keys Escape '?'
resize 80 24
check "help survives a resize" wait_for "checksheet help"
keys q /
resize 60 20
check "prompt survives 60x20" wait_for "Search:"
keys Escape
keys : 5 Enter d
resize 50 14
check "the question is asked at the minimum size" wait_for "(n) keep"
keys n
resize 80 24
check "nothing was cleared" wait_for "Nothing was cleared."
keys C-q
wait_for "[exit 0]" >/dev/null

# --- Japanese hint bar in review mode: 1 is OK ---
tui_start 80 24 "LANGUAGE=ja LC_ALL=C.UTF-8 $CHECKSHEET review -r r.yaml a.yaml"
check "review hint bar: 1 OK" wait_line "^1 OK +2 要確認 +3 NG"
keys C-q
wait_for "[exit" >/dev/null

# --- width- and case-folded search; unknown items; a filter that matches nothing ---
cat >u.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
answers:
  encryption-in-transit:
    value: 有
    note: TLS 1.2 以上で暗号化
  retired-question:
    value: 旧様式の回答
    note: 昔のテンプレートの項目
  certifications:
    value: 有
    note: "ISMS認証のか\u3099いよう ❤\ufe0f"
YAML
tui_start 80 24 "$CHECKSHEET u.yaml"
wait_for "No." >/dev/null
keys /
type_text "ＴＬＳ"
check "ＴＬＳ finds TLS in a note" wait_for "TLS 1.2 以上で暗号化"
keys Enter : 1 Enter /
type_text "ﾊﾞｯｸｱｯﾌﾟ"
check "ﾊﾞｯｸｱｯﾌﾟ finds バックアップ" wait_for "No.28 バックアップの方法"
keys Enter n
check "n finds the next one, folded too" wait_for "No.29 バックアップデータを取得する"
keys :
type_text "４２"
keys Enter
check "full-width digits in the jump prompt" wait_for "No.42"
keys : 3 9 Enter
check "combining marks are drawn with their character, never as ?" wait_for "$(printf 'ISMS認証のか\343\202\231')"
check "a variation selector stays with its emoji" wait_for "❤"
check "nothing shows as ?" sh -c "! tmux -L '$SOCKET' capture-pane -p | grep -q 'の?'"
keys ']' ']' ']' ']' ']' ']' ']'
check "unknown items have a section of their own" wait_for "Unknown items"
check "the unknown item is listed" wait_for "retired-question"
check "its answer is shown" wait_for "旧様式の回答"
keys Enter
check "it is read-only" wait_for "Unknown items are read-only"
keys : 1 Enter f
check "f shows problems only" wait_for "[problems only]"
keys C-q
wait_for "[exit 0]" >/dev/null
tui_start 80 24 "$CHECKSHEET review -r u.review.yaml u.yaml"
wait_for "REVIEW u.yaml" >/dev/null
keys : 3 Enter f
check "f: not yet judged, keeping the current item" wait_for "No.3 サービス提供終了時の事前通知"
check "the filter is shown" wait_for "[not yet judged]"
keys f
check "a filter that matches nothing says so" wait_for "No item matches"
check "and the list stays as it was" wait_for "[not yet judged]"
keys f
check "the next f tries the filter after it" wait_for "No item matches"
keys C-q
wait_for "Save changes" >/dev/null
keys n
wait_for "[exit 0]" >/dev/null
