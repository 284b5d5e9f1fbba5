#!/bin/sh
# YAML 1.1 readers: what checksheet writes (new, import, import --into) and
# the built-in templates read back with PyYAML, whose YAML 1.1 resolver
# takes a plain no: for False, 1:20 for 80 and 2026-11-01 for a date, give
# the same strings as checksheet's own `export -f json` view.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import yaml' 2>/dev/null; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "PyYAML (python3-yaml) is not installed: skipping"
	trap - EXIT
	exit 77
fi
# our own templates beside the built-in ones, for this test only
XDG_DATA_HOME="$WORK/xdg"
export XDG_DATA_HOME
mkdir -p "$XDG_DATA_HOME/checksheet/templates"

# compare.py ANSWERS JSON: PyYAML's reading of an answers file against
# checksheet's; every key and scalar must be a string, except under the
# unknown keys named after the files (kept as their author wrote them).
cat >compare.py <<'PY'
import json, sys, yaml

path, js = sys.argv[1], sys.argv[2]
typed_ok = set(sys.argv[3:])
text = open(path, encoding="utf-8").read()
view = json.load(open(js, encoding="utf-8"))
bad = []

def walk(x, where, free=False):
    if isinstance(x, dict):
        for k, v in x.items():
            if not isinstance(k, str):
                bad.append(f"{where}: key {k!r} is a {type(k).__name__}")
            walk(v, f"{where}/{k}", free or k in typed_ok)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            walk(v, f"{where}[{i}]", free)
    elif not isinstance(x, str) and not free:
        bad.append(f"{where}: {x!r} is a {type(x).__name__}")

def same(what, got, want):
    if got != want:
        bad.append(f"{what}: PyYAML reads {got!r}, checksheet {want!r}")

loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
for loader in loaders:
    d = yaml.load(text, Loader=loader)
    walk(d, "")
    same("template", d.get("template"), view["template"]["id"])
    same("language", d.get("language"), view["language"])
    same("subject", d.get("subject", {}), view["subject"])
    revs = [{k: r.get(k) for k in ("version", "date", "note")} for r in d.get("revisions", [])]
    same("revisions", revs, view["revisions"])
    answers = d.get("answers") or {}
    for it in view["items"]:
        a = answers.get(it["id"])
        if a is None:
            if it["value"] is not None or it.get("note") is not None:
                bad.append(f"{it['id']}: answered for checksheet, absent for PyYAML")
            continue
        same(f"{it['id']} value", a.get("value"), it["value"])
        same(f"{it['id']} note", a.get("note"), it["note"])
        if "cases" in it:
            same(f"{it['id']} cases", [(c.get("when"), c.get("value")) for c in a.get("cases", [])],
                 [(c["when"], c["value"]) for c in it["cases"]])
        if "rows" in it:
            same(f"{it['id']} rows", a.get("rows", []), it["rows"])
for b in dict.fromkeys(bad):
    print("  " + b)
sys.exit(1 if bad else 0)
PY

# agree NAME ANSWERS [UNKNOWN-KEY...]: PyYAML and checksheet read the same
agree() {
	name=$1 file=$2
	shift 2
	if ! "$CHECKSHEET" export -f json "$file" >"$file.json" 2>"$WORK/err"; then
		not_ok "$name (export failed)"
		sed 's/^/    /' "$WORK/err" | head -5
		return
	fi
	if "$PY" compare.py "$file" "$file.json" "$@" >"$WORK/out" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		head -20 "$WORK/out"
	fi
}

# --- new: the subject as typed on the command line ---
expect_status 0 "new with yes, no and 1:20 in the subject" "$CHECKSHEET" new -t meti-cloud-sla -o a.yaml \
	--organization yes --service no --contact 1:20
check "  ... written quoted" grep -qx '  service: "no"' a.yaml
agree "  ... PyYAML reads the strings checksheet reads" a.yaml

# --- import: values and notes that YAML 1.1 would read as other types ---
cat >s.csv <<'CSV'
No.,項目,回答,補足
1,サービス時間,9:00,1:20
2,計画停止予定通知,no,yes
3,サービス提供終了時の事前通知,yes,~
4,突然のサービス提供停止に対する対処,off,null
5,サービス稼働率,99.9,1.0
6,ディザスタリカバリ,n,2026-11-01
7,重大障害時の代替手段,No,0x1F
12,障害発生件数,010,.inf
25,提供リソースの上限,"1,000",TRUE
32,バックアップ世代数,7,1e3
46,セキュリティインシデント発生時のトレーサビリティ,=,<<
49,データの外部保存方針,:symbol,On
CSV
expect_status 0 "import of yes, no, 1:20, 010, .inf, ~" "$CHECKSHEET" import -t meti-cloud-sla s.csv -o b.yaml
check "  ... value: \"no\"" grep -qx '    value: "no"' b.yaml
agree "  ... PyYAML reads the strings checksheet reads" b.yaml

# --- every trap, as item ids, values, notes and table cells ---
cat >traps.txt <<'TXT'
~
null
Null
NULL
nUlL
y
Y
yes
Yes
YES
n
N
no
No
NO
true
True
TRUE
false
False
FALSE
on
On
ON
off
Off
OFF
=
<<
:name
0
5
-1
+12
010
09
0o17
0x1F
0X1f
0b101
1_000
1,000
_
1.0
0.5
.5
-.5
1.
1.2.3
1_000.5
1,000.5
1e3
6.02e+23
1.5e-3
.
1:20
9:00
12:3
10:00:00
190:20:30
1:20.5
.inf
-.Inf
+.INF
.nan
.NaN
2026-11-01
2026-1-5
2026-13-45
2026-11-01T10:00:00Z
2026-11-01 10:00:00.5 +09:00
2001-12-14 21:59:43.10 -5
TXT
"$PY" - <<'PY'
import csv
traps = [l.rstrip("\n") for l in open("traps.txt", encoding="utf-8")]
ids = ["no", "yes", "on", "off", "y", "n", "null", "true", "false", "0", "010", "1e3"]
with open("xdg/checksheet/templates/traps.yaml", "w", encoding="utf-8") as t:
    t.write('kind: checksheet/template\nid: traps\nversion: "1.0"\ntitle: Traps\n'
            'sections:\n  - id: "on"\n    title: S\n    items:\n')
    for i, v in enumerate(traps):
        t.write(f'      - {{id: "{ids[i] if i < len(ids) else "t%d" % i}", "no": "{i + 1}", '
                f'title: T{i}, unit: text, required: false}}\n')
    t.write(f'      - {{id: "n-o", "no": "{len(traps) + 1}", title: Table, unit: table, required: false, '
            'columns: [{id: "no"}, {id: "on"}, {id: "1.0"}]}\n')
with open("traps.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["No.", "項目", "回答", "補足"])
    for i, v in enumerate(traps):
        w.writerow([i + 1, f"T{i}", v, v])
    w.writerow([len(traps) + 1, "Table", "no | yes | 1:20\n~ | 2026-11-01 | .inf", ""])
PY
expect_status 0 "import of every trap into a template of text items" "$CHECKSHEET" import -t traps traps.csv -o c.yaml
check "  ... every value copied" contains "$WORK/err" "$(($(wc -l <traps.txt) + 1)) copied as they were"
check "  ... an item id no written quoted" grep -qx '  "no":' c.yaml
agree "  ... PyYAML reads the strings checksheet reads" c.yaml

# --- import --into a file written by hand, unquoted ---
cat >base.yaml <<'YAML'
kind: checksheet/answers
template: iso27017-whitepaper
language: ja
subject:
  organization: yes
  no: 5
revisions:
  - version: 1.0
    date: 2026-11-01
    note: no
x-count: 5
answers:
  responsibility-split:
    rows:
      - {party: no, responsibility: on}
    x-flag: true
YAML
expect_status 1 "check reads the plain forms (missing answers only)" "$CHECKSHEET" check base.yaml
check "  ... nothing unreadable" sh -c "! grep -v 'unknown key\\|a required answer is missing\\|^[0-9]* file' '$WORK/out' '$WORK/err'"
"$CHECKSHEET" export -f json base.yaml >base.json 2>/dev/null
check "  ... as the same strings" contains base.json '"subject": {"organization": "yes", "no": "5"}'
check "  ... the revision" contains base.json '"revisions": [{"version": "1.0", "date": "2026-11-01", "note": "no"}]'
check "  ... the table row" contains base.json '"rows": [{"party": "no", "responsibility": "on"}]'
cp base.yaml into.yaml
printf 'No.,項目,回答,補足\n2,データの保存場所,no,1:20\n' >w.csv
"$CHECKSHEET" import --into into.yaml w.csv >"$WORK/out" 2>"$WORK/err"
check "import --into rewrote the file" sh -c "! cmp -s base.yaml into.yaml"
check "  ... the subject is quoted" grep -qx '  organization: "yes"' into.yaml
check "  ... the revision too" grep -qx '  date: "2026-11-01"' into.yaml
check "  ... an unknown key keeps what its author wrote" grep -qx 'x-count: 5' into.yaml
agree "  ... PyYAML reads the strings checksheet reads" into.yaml x-count x-flag

# --- the built-in templates ---
check "PyYAML reads every item's no as a string, as in the reference" "$PY" - \
	"$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml" "$TOP_SRCDIR/data/templates/iso27017-whitepaper.yaml" \
	"$TOP_SRCDIR/tests/data/meti-cloud-sla-items.tsv" <<'PY'
import csv, sys, yaml
meti, paper, tsv = sys.argv[1:4]
typed = {"required", "min", "max"}  # meant as a boolean and numbers
def walk(x, where, key=None):
    if isinstance(x, dict):
        for k, v in x.items():
            assert isinstance(k, str), f"{where}: key {k!r}"
            walk(v, f"{where}/{k}", k)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            walk(v, f"{where}[{i}]")
    else:
        assert isinstance(x, str) or key in typed, f"{where}: {x!r}"
nos = {}
for path in (meti, paper):
    d = yaml.load(open(path, encoding="utf-8"), Loader=yaml.SafeLoader)
    walk(d, path)
    items = [it for s in d["sections"] for it in s["items"]]
    assert items and all(isinstance(it.get("no"), str) and it["no"] for it in items), path
    nos[path] = [it["no"] for it in items]
ref = [r["no"] for r in csv.DictReader(open(tsv, encoding="utf-8"), delimiter="\t")]
assert nos[meti] == ref, (nos[meti], ref)
assert len(nos[paper]) == len(set(nos[paper]))
PY
check "tools/meti_template.py writes the METI template byte for byte" sh -c \
	"'$PY' '$TOP_SRCDIR/tools/meti_template.py' '$TOP_SRCDIR/tests/data/meti-cloud-sla-items.tsv' | cmp -s - '$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml'"

# --- the loader keeps accepting a plain no: key ---
sed 's/"no": /no: /' "$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml" >plain.yaml
check "the template has plain no: keys now" grep -q '^        no: "5"' plain.yaml
expect_status 0 "and still checks clean" "$CHECKSHEET" template check plain.yaml
