# Shared helpers for the end-to-end tests: a scratch directory, counters
# that print "N passed, M failed" at the end, and a tmux driver that runs
# checksheet in a real terminal (send-keys types, capture-pane reads).
set -u

: "${CHECKSHEET:?CHECKSHEET must name the built binary}"
TOP_BUILDDIR=${TOP_BUILDDIR:-$(pwd)}
mkdir -p "$TOP_BUILDDIR/tests/tmp"
WORK=$(mktemp -d "$TOP_BUILDDIR/tests/tmp/$(basename "$0" .sh).XXXXXX")
SOCKET_BASE="cs-test-$$"
SOCKET="$SOCKET_BASE-0"
tui_runs=0
passed=0
failed=0

finish() {
	tmux -L "$SOCKET" kill-server 2>/dev/null
	echo "$(basename "$0" .sh): $passed passed, $failed failed"
	if [ "$failed" -eq 0 ]; then
		rm -rf "$WORK"
		exit 0
	fi
	echo "(scratch files kept in $WORK)"
	exit 1
}
trap finish EXIT

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# check NAME COMMAND...: a test that passes when the command succeeds
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# expect_status WANT NAME COMMAND...: runs the command, output to $WORK/out
expect_status() {
	want=$1 name=$2
	shift 2
	"$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$name"
	else
		not_ok "$name (exit $got, expected $want)"
		sed 's/^/    /' "$WORK/out" "$WORK/err" | head -20
	fi
}

contains() { grep -qF -- "$2" "$1"; }

require_tmux() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "tmux is not installed: skipping"
		trap - EXIT
		exit 77
	fi
}

# tui_start COLS ROWS COMMAND: runs COMMAND in a fresh detached tmux server
# (a new socket each time: a server being killed may still hold the old)
tui_start() {
	tmux -L "$SOCKET" kill-server 2>/dev/null
	tui_runs=$((tui_runs + 1))
	SOCKET="$SOCKET_BASE-$tui_runs"
	tmux -L "$SOCKET" -f /dev/null new-session -d -x "$1" -y "$2" \
		"cd '$WORK' && $3; echo \"[exit \$?]\"; sleep 600"
	tmux -L "$SOCKET" set-option -g status off >/dev/null
	tmux -L "$SOCKET" resize-window -x "$1" -y "$2" 2>/dev/null
}

keys() { tmux -L "$SOCKET" send-keys "$@"; }
# literal text, Japanese included
type_text() { tmux -L "$SOCKET" send-keys -l "$1"; }
screen() { tmux -L "$SOCKET" capture-pane -p; }
resize() { tmux -L "$SOCKET" resize-window -x "$1" -y "$2"; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT
wait_for() {
	tries=$(( ${2:-5} * 20 ))
	while [ "$tries" -gt 0 ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		tries=$((tries - 1))
	done
	echo "    timed out waiting for: $1" >&2
	screen | sed 's/^/    | /' >&2
	return 1
}

# wait_gone TEXT: until the screen no longer shows TEXT
wait_gone() {
	tries=100
	while [ "$tries" -gt 0 ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		tries=$((tries - 1))
	done
	echo "    still on screen: $1" >&2
	return 1
}

# wait_line REGEX: until a line of the screen matches REGEX (grep -E)
wait_line() {
	tries=100
	while [ "$tries" -gt 0 ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	echo "    no line matches: $1" >&2
	screen | sed 's/^/    | /' >&2
	return 1
}

# settle: waits until two captures in a row agree
settle() {
	prev=""
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.05
	done
}
