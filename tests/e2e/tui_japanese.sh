#!/bin/sh
# The editor in Japanese (LANGUAGE=ja): every label Japanese, and an 80x24
# screen whose full-width characters are all whole, compared with a golden
# snapshot (UPDATE_SNAPSHOTS=1 rewrites it).
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
cat >a.yaml <<'YAML'
kind: checksheet/answers
template: meti-cloud-sla
language: ja
subject:
  organization: 株式会社サンプル
answers:
  service-hours:
    value: 24時間365日
    note: 計画停止・定期保守を除く
  availability-rate:
    value: 目標99.9%以上
    note: |-
      SLA としての保証はなし。昨年実績は 99.99% 以上で、四半期ごとに稼働状況をお知らせします。
      詳細は利用規約を参照。
YAML
golden="$TOP_SRCDIR/tests/data/snapshots/ja-80x24.txt"

tui_start 80 24 "LANGUAGE=ja LC_ALL=C.UTF-8 $CHECKSHEET a.yaml"
check "opens in Japanese" wait_for "? でヘルプを表示します。"
keys : 5 Enter
wait_for "No.5 サービス稼働率" >/dev/null
settle
screen >snapshot.txt
if [ "${UPDATE_SNAPSHOTS:-}" = 1 ]; then
	cp snapshot.txt "$golden"
fi
check "80x24 matches the golden snapshot" cmp snapshot.txt "$golden" || diff "$golden" snapshot.txt | head -20
check "every line fits 80 columns, no broken characters" python3 -c '
import sys, unicodedata
def w(c):
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert all(sum(w(c) for c in l) <= 80 for l in lines), "too wide"
assert "\ufffd" not in "".join(lines), "replacement character"
' snapshot.txt
for label in "回答:" "補足:" "保存" "終了" "ヘルプ" "検索" "移動" "単位: 稼働率 (%)" "= 目標 ≥ 99.9 %" "ヒント:"; do
	check "shows $label" contains snapshot.txt "$label"
done
check "no English label left" sh -c "! grep -E 'Value:|Note:|Save|Quit|Help|required|optional' snapshot.txt"

keys Enter C-u
type_text "99.9時間"
check "live error in Japanese" wait_for "は時間の長さですが、この項目は百分率です"
keys Escape e End Enter
type_text "全角文字で追記しました"
check "Japanese typed into the note" wait_for "全角文字で追記しました"
keys Tab C-s
check "saved, said in Japanese" wait_for "a.yaml を保存しました"
check "the note was saved" contains a.yaml "全角文字で追記しました"
keys /
type_text "ディザスタ"
check "search in Japanese" wait_for "No.6 ディザスタリカバリ"
keys Enter : 1 Enter
check "the published sample setting is shown" wait_for "設定例: 24時間365日（計画停止／定期保守を除く）"
keys C-q
check "quits" wait_for "[exit 0]"
