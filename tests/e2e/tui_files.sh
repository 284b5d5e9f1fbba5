#!/bin/sh
# Two people never silently overwrite each other: one editor per file (a
# lock that says who holds it), a change on disk is caught at ^S, every
# save keeps a backup, and a save through a symbolic link keeps the link.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
"$CHECKSHEET" new -t meti-cloud-sla -o a.yaml >/dev/null 2>&1

# a second tmux server for the second editor
SOCKET2="$SOCKET_BASE-second"
second() { tmux -L "$SOCKET2" "$@"; }
screen2() { second capture-pane -p; }
wait_for2() {
	tries=100
	while [ "$tries" -gt 0 ]; do
		screen2 | grep -qF -- "$1" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	echo "    timed out waiting for: $1" >&2
	screen2 | sed 's/^/    | /' >&2
	return 1
}
cleanup_second() { second kill-server 2>/dev/null; }

tui_start 80 24 "$CHECKSHEET a.yaml"
check "the first editor opens" wait_for "0/49 ["
check "it holds the lock" test -f .a.yaml.lock
check "the lock says who" sh -c "grep -q '^pid: ' .a.yaml.lock && grep -q '^user: ' .a.yaml.lock && grep -q '^host: ' .a.yaml.lock"
second -f /dev/null new-session -d -x 80 -y 24 "cd '$WORK' && $CHECKSHEET a.yaml; echo \"[exit \$?]\"; sleep 600"
check "the second editor is told who holds the lock" wait_for2 "a.yaml is being edited by"
check "with user, host and pid" wait_for2 "pid $(sed -n 's/^pid: //p' .a.yaml.lock)"
second send-keys r
check "it may open read-only" wait_for2 "[read-only]"
second send-keys Enter
check "read-only: nothing can be changed" wait_for2 "Opened read-only"
second send-keys C-q
check "the read-only editor quits without asking" wait_for2 "[exit 0]"
check "and leaves the first editor's lock alone" test -f .a.yaml.lock
cleanup_second

# a change on disk is caught at ^S
keys : 5 Enter Enter
type_text "99.9%"
keys Enter
sed -i 's/^language: ja$/language: ja\nx-edited-by: colleague/' a.yaml
cp a.yaml colleague.yaml
keys C-s
check "^S asks instead of overwriting" wait_for "changed on disk since you opened it"
keys Escape
check "Esc saves nothing" wait_for "Nothing was saved."
check "the colleague's file is untouched" cmp a.yaml colleague.yaml
keys C-s
wait_for "changed on disk since you opened it" >/dev/null
keys s
check "save as offers a name" wait_for "Save as: a.yaml.mine.yaml"
keys Enter
check "saved under another name" wait_for "Saved a.yaml.mine.yaml"
check "the colleague's file is still untouched" cmp a.yaml colleague.yaml
check "ours has our answer" contains a.yaml.mine.yaml "value: 99.9%"
check "the new file is the one edited now" wait_for " a.yaml.mine.yaml "
keys C-q
wait_for "[exit 0]" >/dev/null
check "the locks are released" sh -c "! ls .a.yaml.lock .a.yaml.mine.yaml.lock 2>/dev/null"

# overwrite, when the user says so; reload drops our changes
tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "0/49 [" >/dev/null
keys : 1 1 Enter Enter
type_text "4時間以内"
keys Enter
echo "# a comment from git" >>a.yaml
keys C-s
wait_for "changed on disk since you opened it" >/dev/null
keys o
check "o overwrites" wait_for "Saved a.yaml"
check "with our answer" contains a.yaml "value: 4時間以内"
check "the version on disk before it is the backup" contains a.yaml~ "# a comment from git"
keys : 1 2 Enter Enter
type_text "3件"
keys Enter
printf '\n' >>a.yaml
keys C-s
wait_for "changed on disk since you opened it" >/dev/null
keys r
check "r reloads from disk" wait_for "Reloaded a.yaml from disk"
check "our unsaved answer was dropped" wait_gone "3件"
keys C-q
check "quits without asking after a reload" wait_for "[exit 0]"

# a stale lock (the editor was killed) is offered for taking over
tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "a.yaml" >/dev/null
pid=$(sed -n 's/^pid: //p' .a.yaml.lock)
kill -KILL "$pid"
wait_for "[exit 13" >/dev/null
check "a killed editor leaves its lock" test -f .a.yaml.lock
tui_start 80 24 "$CHECKSHEET a.yaml"
check "the next editor sees it is stale" wait_for "longer running"
keys t
check "and may take it over" wait_for "The lock is yours now."
check "the lock is ours now" test "$(sed -n 's/^pid: //p' .a.yaml.lock)" != "$pid"
keys C-q
wait_for "[exit 0]" >/dev/null

# backups and symbolic links
rm -f a.yaml~
mkdir -p real
cp a.yaml real/target.yaml
ln -s real/target.yaml link.yaml
cp real/target.yaml before-link.yaml
tui_start 80 24 "$CHECKSHEET link.yaml"
wait_for "link.yaml" >/dev/null
keys : 1 3 Enter Enter
type_text "監視項目を定義"
keys Tab Tab C-s
check "saved through the link" wait_for "Saved link.yaml"
keys C-q
wait_for "[exit 0]" >/dev/null
check "the link is still a link" test -L link.yaml
check "the target has the answer" contains real/target.yaml "監視項目を定義"
check "the backup of the target is the old file" cmp real/target.yaml~ before-link.yaml
