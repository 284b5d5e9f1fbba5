#!/bin/sh
# Hostile files: one clear message with file, line and column, exit 2,
# quickly, whatever the input.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

python3 - <<'PY'
import os
open('bomb.yaml', 'w').write('kind: checksheet/answers\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + ''.join(f'{chr(98+i)}: &{chr(98+i)} [' + ','.join([f'*{chr(97+i)}'] * 9) + ']\n' for i in range(8)))
open('utf8.yaml', 'wb').write(b'kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n  rto: {value: "\xe3\x81\x82\xff"}\n')
open('deep.yaml', 'w').write('kind: checksheet/answers\nx: ' + '[' * 50000 + ']' * 50000 + '\n')
open('deepmap.yaml', 'w').write('kind: checksheet/answers\nx:\n' + ''.join(' ' * i + f'k{i}:\n' for i in range(1, 3000)))
import random
random.seed(7)
open('garbage.yaml', 'wb').write(bytes(random.randrange(256) for _ in range(200000)))
with open('big.yaml', 'w') as f:
    f.write('kind: checksheet/answers\n')
    line = '# ' + 'x' * 1000 + '\n'
    for _ in range(100 * 1024):
        f.write(line)
open('nul.yaml', 'wb').write(b'kind: checksheet/answers\n\x00\n')
open('scalar.yaml', 'w').write('just a string\n')
open('dup.yaml', 'w').write('kind: checksheet/answers\ntemplate: meti-cloud-sla\nanswers:\n  rto: {value: 1h}\n  rto: {value: 2h}\n')
PY

hostile() {
	file=$1 code=$2 pos=$3
	start=$(date +%s%N)
	"$CHECKSHEET" check "$file" >"$WORK/out" 2>&1
	status=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	lines=$(grep -c ': error: ' "$WORK/out")
	if [ "$status" -eq 2 ] && [ "$lines" -eq 1 ] && grep -q "^$file:$pos: error: " "$WORK/out"; then
		ok "$file: exit 2, one message at $pos (${ms} ms)"
	else
		not_ok "$file: exit $status, $lines messages"
		sed 's/^/    /' "$WORK/out" | head -5
	fi
	"$CHECKSHEET" check --format json "$file" >"$WORK/json" 2>&1
	check "$file: json code $code" contains "$WORK/json" "\"code\": \"$code\""
}

hostile bomb.yaml alias-refused 3:8
hostile utf8.yaml invalid-utf8 4:18
hostile deep.yaml too-deep 2:67
hostile deepmap.yaml too-deep 66:65
hostile garbage.yaml invalid-utf8 1:1
hostile big.yaml too-large 1:1
hostile nul.yaml yaml-syntax 2:1
hostile scalar.yaml wrong-type 1:1
hostile dup.yaml duplicate-key 5:3
check "invalid UTF-8 names the byte offset" sh -c "'$CHECKSHEET' check utf8.yaml | grep -q 'byte offset 78'"
expect_status 2 "--max-size lowers the limit" "$CHECKSHEET" check --max-size 50 dup.yaml
check "too-large with --max-size" contains "$WORK/out" "too large"
expect_status 2 "bad --max-size" "$CHECKSHEET" check --max-size lots dup.yaml
