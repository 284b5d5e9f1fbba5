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
	check "$file: the summary counts the error" contains "$WORK/out" " 1 error(s)"
	check "$file: json counts the error" contains "$WORK/json" '"errors": 1,'
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

# --max-size is read exactly: whole bytes, k/M/G (KiB/MiB/GiB), kB/MB/GB
for bad in 1e30 1E3 -1 1.5 0.5M 0 99999999999999999999 17179869184G 5TB 5Mi "" 0x10; do
	expect_status 2 "--max-size '$bad' is refused" "$CHECKSHEET" check --max-size "$bad" dup.yaml
	check "--max-size '$bad': says why" contains "$WORK/err" "--max-size needs a size such as 1000000 or 64MiB, not \"$bad\": "
done
for good in 64MiB 64M 100000k 1GiB 2G 70000000 67108864B 100MB; do
	expect_status 2 "--max-size $good is taken" "$CHECKSHEET" check --max-size "$good" dup.yaml
	check "--max-size $good: the file is read" contains "$WORK/out" "duplicate key"
done
expect_status 2 "--max-size 1kB is 1000 bytes" "$CHECKSHEET" check --max-size 1kB big.yaml
check "the limit is named in bytes" contains "$WORK/out" "the limit is 1000 bytes"
expect_status 2 "--max-size 1k is 1024 bytes" "$CHECKSHEET" check --max-size 1k big.yaml
check "the limit is named in bytes" contains "$WORK/out" "the limit is 1024 bytes"

# check --requirements reports every problem: 38 missing answers are 38
# lines, however many rules judge the items
"$CHECKSHEET" new -t meti-cloud-sla -o some.yaml >/dev/null 2>&1
python3 - "$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml" <<'PY'
import re, sys
ids = re.findall(r'^\s+- id: ([a-z0-9-]+)\n\s+"?no"?:', open(sys.argv[1]).read(), re.M)
assert len(ids) == 49, len(ids)
text = open('some.yaml').read().replace('answers: {}\n', '')
with open('some.yaml', 'w') as f:
    f.write(text.rstrip('\n') + '\nanswers:\n')
    for i in ids[:11]:
        f.write(f'  {i}:\n    value: n/a\n    note: x\n')
with open('policy.yaml', 'w') as f:
    f.write('kind: checksheet/requirements\ntemplate: meti-cloud-sla\nrules:\n')
    for i in ids:
        f.write(f'  {i}: answered\n')
PY
"$CHECKSHEET" check --requirements policy.yaml some.yaml >req.out 2>&1
check "38 missing answers are 38 lines" test "$(grep -c 'a required answer is missing' req.out)" -eq 38
check "and 49 rule lines" test "$(grep -c ': answered: ' req.out)" -eq 49
"$CHECKSHEET" check --requirements policy.yaml --format json some.yaml >req.json 2>&1
check "38 in json too" python3 -c "
import json; d = json.load(open('req.json'))
assert sum(p['code'] == 'missing-required' for p in d['problems']) == 38
assert d['summary']['errors'] == 38 and len(d['rules']) == 49"
