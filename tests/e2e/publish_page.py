#!/usr/bin/env python3
"""Reads a published page the way a reader does, for publish_html.sh.

  publish_page.py must-show PAGE.html ANSWERS.yaml TEMPLATE.yaml
      <h1> is the document title, every answered table item is a <table>
      with the template's column headers, no prompt of the template is
      printed, and no ASCII word shows in the visible text except those the
      answers or the template's Japanese text hold (names such as Backlog,
      TLS, ISO/IEC) and the credit line.
  publish_page.py headings PAGE.html
      the text of every heading, one a line
  publish_page.py lonely-headings PAGE.pdf HEADINGS.txt
      fails when a printed page holds only headings, or ends with one (a
      heading whose text goes on the next page); the first line of
      HEADINGS.txt is the table of contents' heading: the pages up to it
      and those that go on with its list (title and contents, which list
      the headings) are not judged
  publish_page.py png-size FILE.png
      the width and height of a PNG
"""
import html
import html.parser
import re
import struct
import subprocess
import sys

import yaml


class Page(html.parser.HTMLParser):
    """Visible text, headings, and tables with their header cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.text = []
        self.h1 = []
        self.headings = []
        self.heading = None
        self.tables = []       # (item id, [header texts])
        self.table_kinds = []  # per open table: an answer table or not
        self.item = None
        self.th = None
        self.credit = False
        self.credit_text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("br", "meta", "img", "hr"):
            self.stack.append(tag)
        if tag == "div" and "item" in (a.get("class") or "").split():
            self.item = a.get("id", "")[2:]
        if tag == "table":
            answer_table = "answer-table" in (a.get("class") or "").split()
            self.table_kinds.append(answer_table)
            if answer_table:
                self.tables.append((self.item, []))
        if tag == "th" and self.table_kinds and self.table_kinds[-1] and "thead" in self.stack:
            self.th = []
        if tag in ("h1", "h2", "h3", "h4", "h5"):
            self.heading = []
        if tag == "p" and a.get("class") == "credit":
            self.credit = True

    def handle_endtag(self, tag):
        if tag == "table" and self.table_kinds:
            self.table_kinds.pop()
        if tag == "div" and self.item is not None and self.stack.count("div") == 1:
            self.item = None
        if tag == "th" and self.th is not None:
            self.tables[-1][1].append("".join(self.th))
            self.th = None
        if tag in ("h1", "h2", "h3", "h4", "h5") and self.heading is not None:
            self.headings.append("".join(self.heading))
            self.heading = None
        if tag == "p":
            self.credit = False
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data):
        if "style" in self.stack or "title" in self.stack or "head" in self.stack:
            return
        if self.credit:
            self.credit_text.append(data)
            return
        self.text.append(data)
        if "h1" in self.stack:
            self.h1.append(data)
        if self.heading is not None:
            self.heading.append(data)
        if self.th is not None:
            self.th.append(data)


def read_page(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


def ja(t):
    if isinstance(t, dict):
        return t.get("ja") or t.get("en") or ""
    return t or ""


def words(text):
    return set(re.findall(r"[A-Za-z]+", text))


def is_prompt(description):
    """The rule of checksheet-format(5), "Published documents", written
    again here as the oracle: any text of the description is an
    instruction."""
    verbs = ("describe", "list", "state", "explain", "give", "provide", "enter", "write", "specify",
             "indicate", "please")
    for v in (description or {}).values() if isinstance(description, dict) else [description or ""]:
        t = v.rstrip(" \t\n\r。．　")
        if t.endswith(("ください", "下さい", "?", "？")):
            return True
        first = re.match(r"\s*([A-Za-z]+)", v)
        if first and first.group(1).lower() in verbs:
            return True
    return False


def must_show(page_path, answers_path, template_path):
    p = read_page(page_path)
    raw = open(page_path, encoding="utf-8").read()
    a = yaml.safe_load(open(answers_path, encoding="utf-8"))
    t = yaml.safe_load(open(template_path, encoding="utf-8"))
    bad = []
    title = (a.get("subject") or {}).get("title") or ja(t["title"])
    if "".join(p.h1).strip() != title:
        bad.append("<h1> is %r, not the title %r" % ("".join(p.h1), title))
    tables = dict(p.tables)
    allowed = words(open(answers_path, encoding="utf-8").read())
    for s in t["sections"]:
        allowed |= words(ja(s["title"]))
        for it in s["items"]:
            allowed |= words(ja(it["title"]))
            for c in it.get("columns", []):
                allowed |= words(ja(c["label"]))
            desc = it.get("description") or {}
            if is_prompt(desc):
                for v in desc.values() if isinstance(desc, dict) else [desc]:
                    if html.escape(v, quote=False) in raw:
                        bad.append("No.%s prints its prompt %r" % (it["no"], v))
            else:
                allowed |= words(ja(desc))
            ans = (a.get("answers") or {}).get(it["id"])
            if it["unit"] == "table" and ans and ans.get("rows"):
                want = [ja(c["label"]) for c in it["columns"]]
                if tables.get(it["id"]) != want:
                    bad.append("No.%s: table headers %r, not %r" % (it["no"], tables.get(it["id"]), want))
    shown = words(" ".join(p.text)) - allowed
    if shown:
        bad.append("English words in the visible text: %s" % " ".join(sorted(shown)))
    for b in bad:
        print(b)
    return 1 if bad else 0


def squash(s):
    return re.sub(r"\s+", "", s)


def lonely_headings(pdf, headings_file):
    listed = [h for h in open(headings_file, encoding="utf-8").read().split("\n") if h.strip()]
    toc = squash(listed[0])
    heads = {squash(h) for h in listed}
    judged = in_toc = False
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    bad = []
    for n in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", pdf, "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [squash(l) for l in text.split("\n")]
        # the page number printed by @page, and empty lines
        lines = [l for l in lines if l and not re.fullmatch(r"\d+/\d+", l)]
        # the title and contents pages list the headings: not judged; the
        # contents may go on over a page that holds nothing else
        if not judged:
            if toc in lines:
                in_toc = True
                continue
            if in_toc and all(l in heads for l in lines):
                continue
            judged = in_toc
            if not judged:
                continue
        if not lines:
            bad.append("page %d is empty" % n)
            continue
        # a heading may wrap: try the last one, two and three lines
        rest = list(lines)
        while rest:
            for k in (1, 2, 3):
                if len(rest) >= k and "".join(rest[-k:]) in heads:
                    del rest[-k:]
                    break
            else:
                break
        if not rest:
            bad.append("page %d holds only headings: %s" % (n, " / ".join(lines)))
        elif len(rest) < len(lines) and n < pages:
            bad.append("page %d ends with a heading: %s" % (n, " / ".join(lines[len(rest):])))
    for b in bad:
        print(b)
    if not judged:
        bad.append("no page holds the contents heading %r" % listed[0])
    print("%d pages" % pages)
    return 1 if bad else 0


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        print("not a PNG")
        return 1
    w, h = struct.unpack(">II", head[16:24])
    print(w, h)
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "must-show":
        sys.exit(must_show(*sys.argv[2:5]))
    if cmd == "headings":
        # the contents heading first (see lonely-headings)
        hs = read_page(sys.argv[2]).headings
        for h in hs[1:2] + hs:
            print(h)
        sys.exit(0)
    if cmd == "lonely-headings":
        sys.exit(lonely_headings(sys.argv[2], sys.argv[3]))
    if cmd == "png-size":
        sys.exit(png_size(sys.argv[2]))
    sys.exit(2)
