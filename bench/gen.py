#!/usr/bin/env python3
"""Synthetic check sheets for make bench: a template and its answers with N items.

    gen.py N OUTDIR

writes OUTDIR/templates/bench-N.yaml (kind: checksheet/template, id bench-N)
and OUTDIR/answers.yaml (template: bench-N), in the style of the built-in
templates and of the files checksheet writes. Sections hold 50 items each;
every unit appears (yes-no, percent, duration with and without
default-scale, time-window, count, frequency, text, choice, table), titles
and descriptions are Japanese with an English text beside them, every
answer has a note, some answers are conditional (cases:) and every table
item has rows. A few answers are wrong on purpose (a missing required
answer, a unit mismatch), as in real sheets.

Two search terms are planted for the editor: RARE_TERM in the note of
exactly one item (the middle one) and COMMON_TERM in about one note in
three. The output depends only on N and this file (seeded random), so a
file written once is reused while this script is unchanged (OUTDIR/stamp).
Python 3 standard library only.
"""

import hashlib
import json
import os
import random
import re
import sys

SECTION_SIZE = 50
RARE_TERM = "量子鍵配送"
COMMON_TERM = "冗長化"

# Words of real cloud check sheets, combined into titles and text.
TOPICS = [
    ("backup", "バックアップ", "Backups"),
    ("encryption", "暗号化", "Encryption"),
    ("access-control", "アクセス制御", "Access control"),
    ("audit-log", "監査ログ", "Audit logs"),
    ("incident", "インシデント対応", "Incident response"),
    ("availability", "可用性", "Availability"),
    ("recovery", "障害復旧", "Recovery"),
    ("monitoring", "システム監視", "Monitoring"),
    ("support", "サポート窓口", "Support desk"),
    ("data-location", "データ保管場所", "Data location"),
    ("deletion", "データ消去", "Data deletion"),
    ("authentication", "認証", "Authentication"),
    ("vulnerability", "脆弱性管理", "Vulnerability management"),
    ("network", "ネットワーク", "Network"),
    ("capacity", "キャパシティ管理", "Capacity management"),
    ("change", "変更管理", "Change management"),
    ("personnel", "人的セキュリティ", "Personnel security"),
    ("physical", "物理的セキュリティ", "Physical security"),
    ("subcontractor", "委託先管理", "Subcontractors"),
    ("compliance", "法令遵守", "Compliance"),
]
ASPECTS = [
    ("policy", "の方針", "policy"),
    ("scope", "の対象範囲", "scope"),
    ("procedure", "の手順", "procedure"),
    ("notice", "の通知", "notification"),
    ("review", "の定期見直し", "periodic review"),
    ("record", "の記録", "records"),
    ("report", "の報告", "reporting"),
    ("test", "の試験", "testing"),
    ("owner", "の責任者", "owner"),
    ("limits", "の制約条件", "limits"),
]
NOUNS = ["利用者データ", "管理者アカウント", "仮想サーバ", "データベース", "ストレージ",
         "ログ", "設定情報", "証跡", "契約情報", "API キー", "運用担当者", "データセンター",
         "バックアップ媒体", "監視項目", "通知先", "保守作業", "外部委託先", "障害情報"]
VERBS = ["定期的に確認する", "記録して保管する", "事前に通知する", "暗号化して保存する",
         "二名で承認する", "第三者が監査する", "自動で検知する", "手順書に従って実施する",
         "年次で見直す", "速やかに報告する"]
QUALS = ["原則として", "契約に基づき", "サービス全体で", "本番環境では", "国内リージョンでは",
         "重要度に応じて", "ISO/IEC 27017 に準拠して", "当社規程により"]
NOTE_ENDS = ["詳細は別紙の運用手順書を参照。", "個別契約で変更可能。", "昨年度の実績に基づく。",
             "第三者認証の範囲内で実施。", "計画停止・定期保守を除く。", "SLA としての保証はなし。",
             "監査報告書を年1回開示。", "お問い合わせ窓口で詳細を案内。"]

# unit, pattern of one half-section (25 items), repeated twice per section
PATTERN = ["yes-no", "text", "duration", "yes-no", "percent", "time-window", "count",
           "yes-no", "frequency", "text", "duration-min", "choice", "yes-no", "table",
           "text", "duration-s", "count", "yes-no", "frequency", "time-window", "text",
           "yes-no", "choice", "duration", "yes-no"]
UNIT_LABELS = {
    "yes-no": ("有無", "Yes / no"), "percent": ("稼働率 (%)", "Rate (%)"),
    "duration": ("時間", "Time"), "duration-min": ("時間（分）", "Time (min)"),
    "duration-s": ("時間 (秒)", "Time (s)"), "time-window": ("時間帯", "Time window"),
    "count": ("回", "Times"), "frequency": ("頻度", "Frequency"),
    "text": ("設定状況", "Description"), "choice": ("区分", "Class"),
    "table": ("一覧", "List"),
}
HINTS = {
    "yes-no": ("有 / 無 / 一部 / 非公開 / 該当なし", "yes / no / partial / undisclosed / n/a"),
    "percent": ("例: 99.9%、目標99.95%以上", "e.g. 99.9%, target 99.95% or more"),
    "duration": ("例: 4時間以内、平均30分、1営業日", "e.g. 4時間以内 (within 4 h), 平均30分"),
    "duration-min": ("分単位で記入 (例: 30)", "in minutes (e.g. 30)"),
    "duration-s": ("秒単位で記入 (例: 5)", "in seconds (e.g. 5)"),
    "time-window": ("例: 24時間365日、平日 9:00-18:00", "e.g. 24/365, weekdays 9:00-18:00"),
    "count": ("例: 3、7世代", "e.g. 3, 7 generations"),
    "frequency": ("例: 毎日、週1回、年2回", "e.g. daily, weekly, twice a year"),
    "text": ("内容を記述してください", "describe"),
    "choice": ("基本 / 標準 / 上位 から選択", "basic / standard / premium"),
    "table": ("行ごとに記入", "one row each"),
}
VALUES = {
    "yes-no": ["有", "有", "有り", "あり", "無", "なし", "一部", "非公開"],
    "percent": ["99.9%", "目標99.95%以上", "99.5 ％", "約99%", "99.99%", "保証99.9%"],
    "duration": ["4時間以内", "平均30分", "1営業日以内", "最大72時間", "24時間以内", "1-5分",
                 "目標2時間以内", "30日"],
    "duration-min": ["30", "15", "60", "5分", "120"],
    "duration-s": ["5", "3", "平均2秒未満", "10"],
    "time-window": ["24時間365日", "平日 9:00-18:00", "24/365", "月-金 10:00-17:00",
                    "毎日 8:00-22:00", "常時"],
    "count": ["3", "7世代", "30世代", "12回", "2件", "0"],
    "frequency": ["毎日", "週1回", "月次", "年2回", "随時", "四半期", "3日ごと"],
    "choice": ["basic", "standard", "premium", "標準"],
}
CASE_WHENS = [("営業時間内", "営業時間外"), ("本番環境", "検証環境"), ("国内リージョン", "海外リージョン")]


def quote(s):
    """A YAML scalar as checksheet writes one: plain when that reads back
    as the same string (in YAML 1.1 and 1.2), else double-quoted."""
    if (not s or s != s.strip() or s[0] in "-?:,[]{}#&*!|>'\"%@`~=+" or ": " in s or " #" in s
            or s.endswith(":") or any(ord(c) < 32 for c in s)
            or re.fullmatch(r"[-+.0-9:_,eE]+", s)
            or s.lower() in ("y", "n", "yes", "no", "on", "off", "true", "false", "null")):
        return json.dumps(s, ensure_ascii=False)
    return s


def dq(s):
    return json.dumps(s, ensure_ascii=False)


def ltext(ja, en):
    return "{ja: %s, en: %s}" % (dq(ja), dq(en))


def block(key, text, indent):
    """key: value, multi-line text as a literal block scalar (|-)."""
    pad = " " * indent
    if "\n" in text:
        body = "".join("%s  %s\n" % (pad, line) if line else "\n" for line in text.split("\n"))
        return "%s%s: |-\n%s" % (pad, key, body)
    return "%s%s: %s\n" % (pad, key, quote(text))


def sentence(rng):
    return "%s%sを%s。" % (rng.choice(QUALS), rng.choice(NOUNS), rng.choice(VERBS))


def generate(n, outdir):
    rng = random.Random(20261101 + n)
    tid = "bench-%d" % n
    nsec = (n + SECTION_SIZE - 1) // SECTION_SIZE
    rare_at = n // 2
    tpl = ["kind: checksheet/template\n", "id: %s\n" % tid, 'version: "1"\n',
           "title: %s\n" % ltext("ベンチマーク用チェックシート (%d項目)" % n, "Benchmark check sheet (%d items)" % n),
           "publisher: %s\n" % ltext("checksheet ベンチマーク", "checksheet benchmark"),
           'source: "bench/gen.py (synthetic; %d items, sections of %d)"\n' % (n, SECTION_SIZE),
           "sections:\n"]
    ans = ["kind: checksheet/answers\n", "template: %s\n" % tid, 'template-version: "1"\n',
           "language: ja\n", "subject:\n", "  organization: 株式会社ベンチマーク\n",
           "  service: ベンチマーククラウド\n", "  contact: bench@example.com\n",
           "revisions:\n", '- version: "1.0"\n', "  date: 2026-11-01\n", "  note: 初版\n",
           "answers:\n"]
    i = 0
    for s in range(nsec):
        topic = TOPICS[s % len(TOPICS)]
        sid = "%s-%d" % (topic[0], s + 1)
        tpl.append("  - id: %s\n" % sid)
        tpl.append("    group: %s\n" % ltext("第%d部 %s" % (s // 20 + 1, "運用"), "Part %d operation" % (s // 20 + 1)))
        tpl.append("    title: %s\n" % ltext("%s (%d)" % (topic[1], s + 1), "%s (%d)" % (topic[2], s + 1)))
        tpl.append("    items:\n")
        for k in range(min(SECTION_SIZE, n - i)):
            i += 1
            kind = PATTERN[k % len(PATTERN)]
            unit = kind.split("-")[0] if kind.startswith("duration") else kind
            aspect = ASPECTS[(i + s) % len(ASPECTS)]
            noun = rng.choice(NOUNS)
            iid = "%s-%s-%d" % (topic[0], aspect[0], i)
            title_ja = "%sにおける%s%s" % (noun, topic[1], aspect[1])
            title_en = "%s %s %d" % (topic[2], aspect[2], i)
            desc_ja = "%s%sについて、%sを%s。" % (topic[1], aspect[1], rng.choice(NOUNS), rng.choice(VERBS))
            desc_en = "How %s %s is handled." % (topic[2].lower(), aspect[2])
            lab = UNIT_LABELS[kind]
            hint = HINTS[kind]
            t = ["      - id: %s\n" % iid, '        no: "%d"\n' % i,
                 "        title: %s\n" % ltext(title_ja, title_en),
                 "        description: %s\n" % ltext(desc_ja, desc_en),
                 "        unit: %s\n" % unit]
            if kind == "duration-min":
                t.append("        default-scale: min\n")
            elif kind == "duration-s":
                t.append("        default-scale: s\n")
            t.append("        unit-label: %s\n" % ltext(*lab))
            if k % 7 == 3:
                t.append("        required: false\n")
            t.append("        note: %s\n" % ("required-if-yes" if unit == "yes-no" else "optional"))
            if k % 5 == 0 or unit in ("duration", "percent", "time-window"):
                t.append("        hint: %s\n" % ltext(*hint))
            if unit == "percent":
                t.append("        min: 0\n        max: 100\n")
            if unit == "choice":
                t.append("        options:\n"
                         "          - {id: basic, label: {ja: 基本, en: Basic}}\n"
                         "          - {id: standard, label: {ja: 標準, en: Standard}}\n"
                         "          - {id: premium, label: {ja: 上位, en: Premium}}\n")
            if unit == "table":
                t.append("        columns:\n"
                         "          - {id: service, label: {ja: サービス, en: Service}}\n"
                         "          - {id: purpose, label: {ja: 用途, en: Purpose}}\n"
                         "          - {id: company, label: {ja: 委託先, en: Company}}\n")
            if i % 3 == 0:
                t.append("        example: {ja: %s}\n" % dq(rng.choice(VALUES.get(kind, ["詳細は別紙参照"]))))
            tpl.append("".join(t))

            # the answer
            note = sentence(rng)
            if i % 3 == 0:
                note = "%sの%sを含む。%s" % (COMMON_TERM, rng.choice(NOUNS), note)
            if i == rare_at:
                note = "%sを試験導入済み。%s" % (RARE_TERM, note)
            if i % 4 == 0:
                note += "\n" + rng.choice(NOTE_ENDS)
            a = ["  %s:\n" % iid]
            if i % 4999 == 48:
                # wrong on purpose: a percent read as a duration, or nothing
                a.append("    value: 99.9時間\n" if unit != "text" else "    note: 未回答\n")
                ans.append("".join(a))
                continue
            if unit == "table":
                a.append("    rows:\n")
                for r in range(1 + i % 3):
                    a.append("    - service: %s\n      purpose: %s\n      company: %s\n" %
                             (quote("%s%d" % (rng.choice(NOUNS), r + 1)), quote(rng.choice(VERBS)),
                              quote("株式会社%s%d" % (rng.choice(["東日本データ", "西日本ネット", "中央クラウド"]), r + 1))))
            elif unit in ("duration", "time-window") and i % 10 == 3:
                w = CASE_WHENS[i % len(CASE_WHENS)]
                a.append("    cases:\n")
                for c in range(2):
                    a.append("    - when: %s\n      value: %s\n" % (quote(w[c]), quote(rng.choice(VALUES[kind]))))
            elif unit == "text":
                text = sentence(rng) + ("\n" + sentence(rng) if i % 5 == 0 else "")
                a.append(block("value", text, 4))
            else:
                a.append("    value: %s\n" % quote(rng.choice(VALUES[kind])))
            a.append(block("note", note, 4))
            if i % 2 == 0:
                a.append("    status: final\n")
            ans.append("".join(a))
    os.makedirs(os.path.join(outdir, "templates"), exist_ok=True)
    for path, parts in ((os.path.join(outdir, "templates", tid + ".yaml"), tpl),
                        (os.path.join(outdir, "answers.yaml"), ans)):
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(parts))
        os.replace(tmp, path)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: gen.py N OUTDIR\n")
        return 2
    n, outdir = int(sys.argv[1]), sys.argv[2]
    with open(os.path.abspath(__file__), "rb") as f:
        stamp = "%d %s\n" % (n, hashlib.sha256(f.read()).hexdigest())
    stamp_path = os.path.join(outdir, "stamp")
    files = [os.path.join(outdir, "templates", "bench-%d.yaml" % n), os.path.join(outdir, "answers.yaml")]
    try:
        with open(stamp_path) as f:
            if f.read() == stamp and all(os.path.exists(p) for p in files):
                return 0
    except OSError:
        pass
    os.makedirs(outdir, exist_ok=True)
    generate(n, outdir)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
