#!/bin/sh
# Never lose an answer: an editor killed by SIGHUP with unsaved answers
# leaves a recovery file; the next open offers it and restores every
# answer. SIGQUIT and SIGUSR1 leave the terminal usable.
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1
export XDG_STATE_HOME="$WORK/state"
"$CHECKSHEET" new -t meti-cloud-sla -o a.yaml >/dev/null 2>&1
cp a.yaml original.yaml

# the pid of the editor running in this test's pane: from its lock file
# (other tests run editors on files of the same name at the same time)
editor_pid() {
	for _ in $(seq 1 50); do
		[ -f .a.yaml.lock ] && { sed -n 's/^pid: //p' .a.yaml.lock; return; }
		sleep 0.1
	done
}

tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "0/49 [" >/dev/null
keys : 5 Enter Enter
type_text "99.95%"
keys Enter : 1 1 Enter Enter
type_text "4時間以内"
keys Enter : 2 Enter 1
type_text "30日前にメールで通知"
keys Tab
check "three unsaved answers" wait_for "3/49 ["
check "the recovery file appears after a pause in typing" sh -c '
	for i in $(seq 1 60); do [ -f .a.yaml.swp ] && exit 0; sleep 0.1; done; exit 1'
check "it is private (0600)" test "$(stat -c %a .a.yaml.swp)" = 600
pid=$(editor_pid)
check "the editor runs" test -n "$pid"
kill -HUP "$pid"
check "SIGHUP ends the editor" wait_for "[exit 129]"
check "the answers file was not written" cmp a.yaml original.yaml
check "the recovery file is kept" test -f .a.yaml.swp

tui_start 80 24 "$CHECKSHEET a.yaml"
check "the next open offers recovery" wait_for "Unsaved changes to 3 items"
keys y
check "restored" wait_for "Restored the unsaved changes"
check "all three are back" wait_for "3/49 ["
keys : 5 Enter
check "No.5 restored" wait_for "Value: 99.95%"
keys : 2 Enter
check "No.2's note restored" wait_for "30日前にメールで通知"
keys C-s
check "saved" wait_for "Saved a.yaml"
check "the recovery file is gone after the save" test ! -f .a.yaml.swp
check "the answers are on disk" sh -c 'grep -q "value: 99.95%" a.yaml && grep -q "value: 4時間以内" a.yaml && grep -q "30日前にメールで通知" a.yaml'
keys C-q
wait_for "[exit 0]" >/dev/null

# discarding removes it; nothing else changes
cp a.yaml saved.yaml
tui_start 80 24 "$CHECKSHEET a.yaml"
wait_for "3/49 [" >/dev/null
keys : 1 0 Enter Enter
type_text "1時間"
keys Enter
sleep 2.5
pid=$(editor_pid)
kill -TERM "$pid"
check "SIGTERM ends the editor" wait_for "[exit 143]"
check "and leaves a recovery file" test -f .a.yaml.swp
tui_start 80 24 "$CHECKSHEET a.yaml"
check "offered again" wait_for "Unsaved changes to 1 items"
keys n
check "discarded" wait_for "Discarded the unsaved changes"
check "the recovery file is removed" test ! -f .a.yaml.swp
keys C-q
wait_for "[exit 0]" >/dev/null
check "the answers are as saved" cmp a.yaml saved.yaml

# signals that used to leave the terminal raw: the shell after them works
for sig in QUIT USR1 PIPE; do
	tmux -L "$SOCKET" kill-server 2>/dev/null
	tui_runs=$((tui_runs + 1))
	SOCKET="$SOCKET_BASE-$tui_runs"
	tmux -L "$SOCKET" -f /dev/null new-session -d -x 80 -y 24 \
		"cd '$WORK' && $CHECKSHEET a.yaml; echo \"[exit \$?]\"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo '[stty]'; tput cnorm >/dev/null 2>&1; sleep 600"
	tmux -L "$SOCKET" set-option -g status off >/dev/null
	wait_for "3/49 [" >/dev/null
	pid=$(editor_pid)
	kill -$sig "$pid"
	if [ "$sig" = PIPE ]; then
		# SIGPIPE is ignored: the editor goes on
		sleep 0.3
		check "SIGPIPE does not end the editor" wait_for "3/49 ["
		keys C-q
	fi
	check "after SIG$sig the terminal is cooked again (icanon, echo)" wait_for "icanon echo [stty]"
	check "after SIG$sig the editor's screen is gone" wait_gone "3/49 ["
done
