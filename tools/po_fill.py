#!/usr/bin/env python3
"""Writes po/ja.po from po/checksheet.pot and tools/ja_translations.py.

Every msgid must have a translation: a missing one is an error, so that
po/ja.po never ships untranslated strings. Run after `make -C po update-po`.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from ja_translations import JA  # noqa: E402

top = os.path.join(os.path.dirname(__file__), "..")
pot = open(os.path.join(top, "po", "checksheet.pot"), encoding="utf-8").read()
entries = re.split(r"\n\n", pot.strip())
header = """# Japanese messages for checksheet.
# This file is distributed under the same license as the checksheet package.
msgid ""
msgstr ""
"Project-Id-Version: checksheet\\n"
"Report-Msgid-Bugs-To: \\n"
"PO-Revision-Date: 2026-11-23 00:00+0900\\n"
"Last-Translator: checksheet authors\\n"
"Language-Team: Japanese\\n"
"Language: ja\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""
out = [header]
missing = []
for e in entries[1:]:
    m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ""', e, re.M)
    if not m:
        continue
    msgid = "".join(re.findall(r'"(.*)"', m.group(1)))
    comments = e[: m.start()].rstrip("\n")
    if msgid not in JA:
        missing.append(msgid)
        continue
    flags = "\n".join(l for l in comments.split("\n") if not l.startswith("#, fuzzy"))
    out.append(f'{flags}\nmsgid "{msgid}"\nmsgstr "{JA[msgid]}"\n')
if missing:
    sys.stderr.write("untranslated:\n" + "\n".join(missing) + "\n")
    sys.exit(1)
open(os.path.join(top, "po", "ja.po"), "w", encoding="utf-8").write("\n".join(out))
