#!/bin/sh
# Saves SIGKILLed at random moments (tests/save_loop: lock, backup and
# atomic save of a 2 MB answers file, in a loop): after every kill the
# file and its backup are each one whole version, byte for byte, and the
# file still parses; the next save leaves no temporary file and no lock.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
LOOP="$TOP_BUILDDIR/tests/save_loop"
KILLS=${KILL_SAVE_KILLS:-30}
f="$WORK/answers.yaml"

expect_status 0 "a first save" "$LOOP" "$f" 1
check "it reads back whole" "$LOOP" verify "$f"
expect_status 1 "checksheet reads it (answers missing, no read error)" "$CHECKSHEET" check "$f"

torn=0 unreadable=0 next_failed=0 temps_left=0 locks_left=0 mid_save=0
i=0
while [ "$i" -lt "$KILLS" ]; do
	"$LOOP" "$f" 0 >"$WORK/loop.out" 2>&1 &
	pid=$!
	# somewhere in the first 0.15 s (a save takes some 30 ms): in
	# start-up, taking the lock, writing, making the backup, renaming
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' \n')
	sleep "$(printf '0.%03d' $((r % 150)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	ls -A | grep -q '\.tmp' && mid_save=$((mid_save + 1))
	if [ -e "$f~" ]; then bak="$f~"; else bak=; fi
	if ! "$LOOP" verify "$f" $bak; then torn=$((torn + 1)); cp "$f" "$WORK/torn.$i"; fi
	"$CHECKSHEET" check "$f" >/dev/null 2>&1
	[ $? -eq 1 ] || unreadable=$((unreadable + 1))
	# the next save: takes the dead run's lock over, removes its leftovers
	if ! "$LOOP" "$f" 1 >"$WORK/next.out" 2>&1; then
		next_failed=$((next_failed + 1))
		sed 's/^/    /' "$WORK/next.out"
	fi
	if ls -A | grep '\.tmp'; then temps_left=$((temps_left + 1)); fi
	[ -e "$WORK/.answers.yaml.lock" ] && locks_left=$((locks_left + 1))
	i=$((i + 1))
done
echo "# $KILLS kills, $mid_save of them left a temporary file behind"
check "after every kill the file and its backup were whole versions" test "$torn" -eq 0
check "after every kill checksheet could read the file" test "$unreadable" -eq 0
check "the save after every kill succeeded" test "$next_failed" -eq 0
check "the save after every kill left no temporary file" test "$temps_left" -eq 0
check "and released its lock" test "$locks_left" -eq 0
check "the last version reads back whole" "$LOOP" verify "$f"
check "so does its backup" "$LOOP" verify "$f~"
check "nothing else is left beside them" test "$(ls -A | grep -c 'answers')" -eq 2
