#!/usr/bin/env python3
"""The Python peer of make bench: what `checksheet export -f csv` does, the
way a Python programmer would write it with PyYAML's C loader
(yaml.CSafeLoader, Debian's python3-yaml) and the csv module.

    peer.py TEMPLATE ANSWERS OUT.csv

Same columns as checksheet's CSV (No., 種別, 項目, 規定内容, 測定単位, 回答,
補足, 状態, 回答状況), UTF-8 with a BOM, CRLF, the formula guard; cases
and table rows written as checksheet writes them. The state column comes
from a light check (answered, required, a number in range for percent),
not checksheet's unit grammar: similar work, not the same bytes.

YAML 1.1 reads a plain `no:` key as the boolean False (and `yes`/`no`
values as booleans): the peer accepts both the plain and the quoted form.
"""

import csv
import sys

import yaml

LOADER = getattr(yaml, "CSafeLoader", None)
if LOADER is None:
    sys.exit("peer.py: PyYAML without its C loader (apt-get install python3-yaml)")

HEADER = ["No.", "種別", "項目", "規定内容", "測定単位", "回答", "補足", "状態", "回答状況"]
STATUS_WORDS = {"final": "確定", "draft": "下書き"}


def key(m, name):
    """m[name], also when a YAML 1.1 reader made the key a boolean."""
    if name in m:
        return m[name]
    if name in ("no", "n", "off"):
        return m.get(False)
    if name in ("yes", "y", "on"):
        return m.get(True)
    return None


def text(v):
    """A scalar as the text the file holds (YAML 1.1 booleans back to words)."""
    if v is None:
        return ""
    if v is True:
        return "yes"
    if v is False:
        return "no"
    return str(v)


def ltext(v, lang="ja"):
    if isinstance(v, dict):
        for k in (lang, "en", "ja"):
            if v.get(k):
                return text(v[k])
        return text(next(iter(v.values()), ""))
    return text(v)


def guard(cell):
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def table_text(item, rows):
    cols = item.get("columns") or []
    out = []
    for row in rows or []:
        row = row or {}
        lines = []
        for c in cols:
            v = text(row.get(c.get("id")))
            if v:
                lines.append("%s: %s" % (ltext(c.get("label")) or c.get("id"), v.replace("\n", "\n  ")))
        ids = {c.get("id") for c in cols}
        for k, v in row.items():
            if k not in ids and text(v):
                lines.append("%s: %s" % (text(k), text(v).replace("\n", "\n  ")))
        out.append("\n".join(lines) if lines else "%s:" % (ltext(cols[0].get("label")) if cols else "-"))
    return "\n\n".join(out)


def state(item, ans, value):
    required = item.get("required", True) is not False
    if ans is None or (not value and not ans.get("cases") and not ans.get("rows")):
        return "problem" if required else ""
    if item.get("unit") == "percent" and value:
        digits = "".join(ch for ch in value if ch.isdigit() or ch == ".")
        try:
            if not 0 <= float(digits) <= 100:
                return "problem"
        except ValueError:
            return "problem"
    if item.get("unit") == "choice" and value:
        ids = {text(o.get("id")) for o in item.get("options") or []}
        labels = {ltext(o.get("label")) for o in item.get("options") or []}
        if value not in ids and value not in labels:
            return "problem"
    return "valid"


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: peer.py TEMPLATE ANSWERS OUT.csv\n")
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        tpl = yaml.load(f, Loader=LOADER)
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = yaml.load(f, Loader=LOADER)
    lang = text(doc.get("language")) or "ja"
    answers = doc.get("answers") or {}
    with open(sys.argv[3], "w", encoding="utf-8-sig", newline="") as out:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(HEADER)
        for sec in tpl.get("sections") or []:
            sec_title = ltext(sec.get("title"), lang)
            for item in sec.get("items") or []:
                ans = answers.get(item.get("id"))
                if ans is not None and not isinstance(ans, dict):
                    ans = {"value": ans}
                value = ""
                if ans:
                    if ans.get("cases"):
                        value = "\n".join("%s → %s" % (text(c.get("when")), text(c.get("value")))
                                          for c in ans["cases"])
                    elif item.get("unit") == "table":
                        value = table_text(item, ans.get("rows"))
                    else:
                        value = text(ans.get("value"))
                label = ltext(item.get("unit-label"), lang) or text(item.get("unit"))
                status = text(ans.get("status")) if ans else ""
                w.writerow([guard(c) for c in (
                    text(key(item, "no")), sec_title, ltext(item.get("title"), lang),
                    ltext(item.get("description"), lang), label, value,
                    text(ans.get("note")) if ans else "", state(item, ans, value),
                    STATUS_WORDS.get(status, status))])
    return 0


if __name__ == "__main__":
    sys.exit(main())
