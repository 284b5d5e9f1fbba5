#!/bin/sh
# Teams in git: `checksheet merge` as git's merge driver. Two branches that
# change different items of one answers file merge cleanly with both
# changes; changing one item differently stops the merge with a conflict
# kept in the file, which the editor resolves ("take theirs"), after which
# `git commit` completes and `checksheet check` is clean. Review files
# merge the same way; a side that does not load leaves OURS untouched.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
command -v git >/dev/null 2>&1 || { echo "git not found: skipped"; exit 77; }

mkdir repo && cd repo || exit 1
git init -q -b main . 2>/dev/null || { git init -q . && git checkout -q -b main; }
git config user.email t@example.jp && git config user.name テスト
git config merge.checksheet.name "checksheet answers and reviews"
git config merge.checksheet.driver "$CHECKSHEET merge %O %A %B"
printf '*.yaml merge=checksheet\n' >.gitattributes
cp "$TOP_SRCDIR/tests/data/publish/meti.yaml" answers.yaml
git add . && git commit -qm base

# clean: one branch the RTO, the other the generations and a revision
git checkout -q -b rto
sed -i 's/value: 目標4時間以内/value: 目標2時間以内/' answers.yaml
git commit -qam "RTO 2h"
git checkout -q main
sed -i 's/value: 35世代/value: 40世代/' answers.yaml
git commit -qam "40 generations"
git merge -q --no-edit rto >"$WORK/out" 2>&1
check "two branches changing different items merge cleanly" test $? -eq 0
check "  ... with the RTO of one" grep -q "value: 目標2時間以内" answers.yaml
check "  ... and the generations of the other" grep -q "value: 40世代" answers.yaml
check "  ... no conflict left in the file" sh -c "! grep -q '^ *conflicts:' answers.yaml"
expect_status 0 "  ... and check is clean" "$CHECKSHEET" check answers.yaml

# conflict: both branches change the availability rate differently
git checkout -q -b theirs
sed -i 's/value: 99.95%/value: 99.99%/' answers.yaml
git commit -qam "99.99%"
git checkout -q main
sed -i 's/value: 99.95%/value: 99.9%/' answers.yaml
git commit -qam "99.9%"
git merge --no-edit theirs >"$WORK/out" 2>&1
check "the same item changed differently stops the merge" test $? -ne 0
check "  ... git names the conflict" grep -q "CONFLICT" "$WORK/out"
check "  ... checksheet says what is in conflict" grep -q "value changed on both sides: ours 「99.9%」, theirs 「99.99%」" "$WORK/out"
check "  ... the file keeps a record the loader reads, ours in place" sh -c "grep -q '^    conflicts:' answers.yaml && grep -q '^    value: 99.9%$' answers.yaml"
expect_status 1 "  ... check reports it as an error" "$CHECKSHEET" check answers.yaml
check "  ... with its code and item" grep -q "No.5 サービス稼働率: merge conflict" "$WORK/out"

tui_start 100 30 "cd repo && LANG=C.UTF-8 $CHECKSHEET edit answers.yaml"
check "the editor shows the conflict count" wait_for "1 conflicts"
keys p
check "p goes to the item in conflict" wait_for "Merge conflict 1 of 1: value"
check "  ... ours, theirs and the base side by side" sh -c "$(cat <<'SH'
tmux -L "$0" capture-pane -p | grep -q 'ours:   99.9%' &&
tmux -L "$0" capture-pane -p | grep -q 'theirs: 99.99%' &&
tmux -L "$0" capture-pane -p | grep -q 'base:   99.95%'
SH
)" "$SOCKET"
keys t
check "t takes theirs" wait_for "Took theirs for No.5"
check "  ... the value is theirs" wait_for "Value: 99.99%"
keys u
check "u undoes it: the conflict is back" wait_for "Merge conflict 1 of 1: value"
keys U
check "redo takes theirs again" wait_gone "Merge conflict 1 of 1"
keys C-s
check "saved" wait_for "Saved answers.yaml"
keys C-q
wait_for "[exit 0]" >/dev/null
check "  ... the file holds theirs and no record" sh -c "grep -q '^    value: 99.99%$' answers.yaml && ! grep -q 'conflicts:' answers.yaml"
expect_status 0 "checksheet check is clean" "$CHECKSHEET" check answers.yaml
git add answers.yaml && git commit -qm "merge theirs" >/dev/null 2>&1
check "git commit completes the merge" sh -c "git log -1 --format=%P | grep -q ' '"

# items added on both sides, and a revision on each
cp answers.yaml base.yaml
python3 - <<'PY'
import re
t = open("base.yaml", encoding="utf-8").read()
o = t.replace("revisions:\n", 'revisions:\n- version: "9.1"\n  date: "2026-12-01"\n  note: RTO見直し\n', 1)
th = t.replace("revisions:\n", 'revisions:\n- version: "9.2"\n  date: "2026-12-02"\n  note: 連絡先変更\n', 1)
open("ours.yaml", "w", encoding="utf-8").write(o)
open("theirs.yaml", "w", encoding="utf-8").write(th)
PY
expect_status 0 "revisions added on both sides merge" "$CHECKSHEET" merge base.yaml ours.yaml theirs.yaml
check "  ... both are kept" sh -c "grep -q 'version: \"9.1\"' ours.yaml && grep -q 'version: \"9.2\"' ours.yaml"

# bad input: a side that does not load; OURS is left untouched
cp answers.yaml keep.yaml
printf 'kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers: [\n' >broken.yaml
expect_status 2 "a side that does not load is an error" "$CHECKSHEET" merge answers.yaml keep.yaml broken.yaml
check "  ... naming the file" grep -q "broken.yaml" "$WORK/err"
check "  ... and ours is untouched" cmp -s keep.yaml answers.yaml
expect_status 2 "a file of another kind" "$CHECKSHEET" merge answers.yaml keep.yaml .gitattributes
check "  ... ours untouched again" cmp -s keep.yaml answers.yaml

# review files: verdicts and comments per item
cat >rb.yaml <<'YAML'
kind: checksheet/review
answers: answers.yaml
template: meti-cloud-sla
items:
  rto:
    verdict: question
    comment: 根拠を教えてください。
    seen: {value: 目標2時間以内}
YAML
sed 's/verdict: question/verdict: ok/' rb.yaml >ro.yaml
sed 's/根拠を教えてください。/根拠と実績を教えてください。/' rb.yaml >rt.yaml
expect_status 0 "reviews: a verdict on one side and a comment on the other merge" "$CHECKSHEET" merge rb.yaml ro.yaml rt.yaml
check "  ... both kept" sh -c "grep -q 'verdict: ok' ro.yaml && grep -q '根拠と実績' ro.yaml"
sed 's/verdict: question/verdict: ng/' rb.yaml >ro2.yaml
sed 's/verdict: question/verdict: ok/' rb.yaml >rt2.yaml
expect_status 1 "reviews: two verdicts on one item are a conflict" "$CHECKSHEET" merge rb.yaml ro2.yaml rt2.yaml
check "  ... kept in the review file" grep -q "field: verdict" ro2.yaml

# the review's conflict resolved in review mode: theirs (ok) taken
tui_start 100 30 "cd repo && LANG=C.UTF-8 $CHECKSHEET review -r ro2.yaml answers.yaml"
check "review mode counts the review's conflict" wait_for "1 conflicts"
keys p
check "  ... p goes to it, the verdicts side by side" wait_for "Merge conflict 1 of 1: verdict"
check "  ... ours ng, theirs ok" sh -c "tmux -L \"\$0\" capture-pane -p | grep -q 'ours:   ng' && tmux -L \"\$0\" capture-pane -p | grep -q 'theirs: ok'" "$SOCKET"
keys t
check "  ... t takes theirs" wait_for "Took theirs for No.11"
keys C-s
check "  ... saved" wait_for "Saved"
keys C-q
wait_for "[exit 0]" >/dev/null
check "  ... the review holds ok and no record" sh -c "grep -q 'verdict: ok' ro2.yaml && ! grep -q 'conflicts:' ro2.yaml"
