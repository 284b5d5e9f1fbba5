#!/bin/sh
# Hostile input beyond the named cases: a few hundred mutations of real
# files (bytes flipped, cut, repeated, spliced) through every reader. Each
# run must end in 0, 1 or 2, never a crash or a hang. Seeded: repeatable.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1
cp "$TOP_SRCDIR/tests/data/export/sample.yaml" answers.yaml
cp "$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml" template.yaml
printf 'kind: checksheet/review\nanswers: answers.yaml\ntemplate: meti-cloud-sla\nitems:\n  rto: {verdict: ok, comment: よし, seen: {value: 4時間以内}}\n' >review.yaml
printf 'kind: checksheet/requirements\ntemplate: meti-cloud-sla\nrules:\n  rto: "<= 24時間"\n  availability-rate: ">= 99.9%%"\n' >policy.yaml
"$CHECKSHEET" export -f csv answers.yaml >sheet.csv
python3 - <<'PY'
import os, random
random.seed(int(os.environ.get("MUTATION_SEED", "20261123")))
os.makedirs("m", exist_ok=True)
for name in ["answers.yaml", "template.yaml", "review.yaml", "policy.yaml", "sheet.csv"]:
    data = open(name, "rb").read()
    for i in range(60):
        b = bytearray(data)
        for _ in range(random.randint(1, 8)):
            op = random.randrange(6)
            p = random.randrange(len(b)) if b else 0
            if op == 0 and b:
                b[p] = random.randrange(256)
            elif op == 1:
                del b[p:p + random.randint(1, 40)]
            elif op == 2:
                b[p:p] = bytes(random.choice([b"&a ", b"*a", b"{", b"[", b"- ", b":", b"\n  ", b"\t", b"'", b'"', b"|", b"\xef\xbb\xbf", b"\x00", b"%", b"!!binary "]))
            elif op == 3 and b:
                q = random.randrange(len(b))
                b[p:p] = b[q:q + random.randint(1, 200)]
            elif op == 4:
                b = b[:p]
            else:
                b[p:p] = "〜～−‖—¢😀\u3000ｱ".encode()[random.randrange(10):]
        open(f"m/{name}.{i}", "wb").write(bytes(b))
PY

bad=0
run() { # run COMMAND...: exit 0, 1 or 2 within 10 s
	timeout 10 "$@" >/dev/null 2>&1
	st=$?
	if [ $st -gt 2 ]; then
		echo "    exit $st: $*"
		bad=$((bad + 1))
	fi
}
for f in m/answers.yaml.*; do
	run "$CHECKSHEET" check "$f"
	run "$CHECKSHEET" export -f json "$f"
done
for f in m/template.yaml.*; do run "$CHECKSHEET" template check "$f"; done
for f in m/review.yaml.*; do run "$CHECKSHEET" export -f csv -r "$f" answers.yaml; done
for f in m/policy.yaml.*; do run "$CHECKSHEET" check --requirements "$f" answers.yaml; done
for f in m/sheet.csv.*; do run "$CHECKSHEET" import -t meti-cloud-sla "$f" -o "$f.yaml"; done
check "360 mutated files: no crash, no hang" test $bad -eq 0
