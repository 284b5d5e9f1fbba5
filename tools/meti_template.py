#!/usr/bin/env python3
"""Builds data/templates/meti-cloud-sla.yaml from the reference TSV.

The Japanese text is taken from the TSV exactly; the English titles and
descriptions are ours. The maps-to links (answer reuse, `new --from`) are
the whitepaper template's links read the other way, so that the two
templates link both ways and cannot disagree. Run from the top of the tree:
    python3 tools/meti_template.py tests/data/meti-cloud-sla-items.tsv > data/templates/meti-cloud-sla.yaml
"""
import csv
import os
import re
import sys

SECTIONS_EN = {
    "availability": "Availability", "reliability": "Reliability", "performance": "Performance",
    "extensibility": "Extensibility", "support": "Support", "data-management": "Data management",
    "security": "Security",
}
GROUPS_EN = {"アプリケーション運用": "Application operation", "サポート": "Support",
             "データ管理": "Data management", "セキュリティ": "Security"}

EN = {
 "service-hours": ("Service hours", "Hours during which the service is provided, including planned outages for inspection or maintenance of equipment and networks"),
 "planned-outage-notice": ("Notice of planned outages", "Advance notice of regular maintenance outages, including when and how customers are notified"),
 "termination-notice": ("Notice before the service ends", "Advance notice if the service is discontinued, including when and how customers are notified"),
 "sudden-termination-measures": ("Measures against a sudden end of service", "Whether programs and system configuration data are placed in escrow or similar measures are taken"),
 "availability-rate": ("Service availability", "Probability that the service can be used: (planned service time - downtime) / planned service time"),
 "disaster-recovery": ("Disaster recovery", "System recovery and support arrangements when a disaster strikes"),
 "major-failure-alternative": ("Alternatives in a major failure", "Substitute measures when early recovery is not possible"),
 "alternative-data-format": ("Data format of the alternative", "Definition of the data format provided by the substitute measures"),
 "upgrade-policy": ("Upgrade policy", "Policy on version upgrades, change management and patch management"),
 "mttr": ("Mean time to repair (MTTR)", "Average time from a failure to completed repair (sum of repair times / number of failures)"),
 "rto": ("Recovery time objective (RTO)", "Target time set for resuming the service after a failure"),
 "incident-count": ("Number of failures", "Failures in one year, and failures in one year that took long (a day or more) to handle"),
 "monitoring-criteria": ("System monitoring criteria", "Monitoring based on defined criteria (what is monitored, monitoring and notification thresholds)"),
 "failure-notification-process": ("Failure notification process", "How customers are contacted when a failure occurs (recipients, means, route)"),
 "failure-notification-time": ("Failure notification time", "Time from detecting an anomaly to notifying the designated contact"),
 "monitoring-interval": ("Failure monitoring interval", "Interval at which failure incidents are collected and aggregated"),
 "status-reporting": ("Service status reporting", "How and how often the state of the service is reported"),
 "log-provision": ("Logs provided", "Kinds of logs that can be given to customers (access, operation, error logs and so on)"),
 "response-time": ("Response time", "Response time of processing"),
 "delay-duration": ("Delay", "How long a delay in processing response time lasts"),
 "batch-time": ("Batch processing time", "Response time of batch (bulk) processing"),
 "customizability": ("Customizability", "What can be customized (changed), its scope, specifications and conditions, and the information needed to customize"),
 "external-connectivity": ("External connectivity", "Specifications for connecting to existing systems and other cloud services (APIs, languages and so on)"),
 "concurrent-users": ("Concurrent users", "Number of online users who can be connected and use the service at the same time"),
 "resource-limits": ("Resource limits", "Upper limits of disk capacity and page views"),
 "support-hours-incident": ("Support hours (incidents)", "Hours during which inquiries about failures are accepted"),
 "support-hours-general": ("Support hours (general inquiries)", "Hours during which general inquiries are accepted"),
 "backup-method": ("Backup method", "How data owned by the customer is handled: what is backed up (frequency, restore method), where and in what form it is kept, who may access it"),
 "rpo": ("Backup timing (RPO)", "The point in time to which backed-up data is guaranteed"),
 "backup-retention": ("Backup retention period", "How long media holding backups are kept"),
 "data-deletion": ("Data deletion", "Whether and when data is erased and storage media destroyed after cancellation, data migration, and how customer-owned data is erased"),
 "backup-generations": ("Backup generations", "Number of generations guaranteed"),
 "encryption-at-rest": ("Encryption of stored data", "Whether encryption is required to protect data"),
 "multitenant-key-management": ("Key management in multi-tenant storage", "Whether there are key management requirements for multi-tenant storage, and what they are"),
 "breach-compensation": ("Compensation or insurance for data leaks", "Whether compensation or insurance covers leaks or destruction of data"),
 "data-portability": ("Data portability on cancellation", "On cancellation the original data is returned complete and promptly, or erased responsibly with no risk of leaking"),
 "data-integrity-verification": ("Integrity checks of entrusted data", "Methods to verify data integrity are implemented and verification reports are reviewed"),
 "input-format-restriction": ("Input data format restrictions", "Whether input data formats can be restricted"),
 "certifications": ("Public certifications", "Public certifications for information management (ISMS, PrivacyMark and the like, accredited by JIPDEC, JQA and others) have been obtained"),
 "third-party-assessment": ("Third-party assessment of the application", "Measures against intrusion, manipulation and data theft have been objectively assessed by a third party"),
 "data-handling-environment": ("Data handling environment", "The provider's environment for handling data is appropriately secured"),
 "encryption-in-transit": ("Encryption of communication", "Strength of encryption of communication with the system"),
 "audit-reports": ("Security matters in financial audit reports", "During audits of security matters in financial audit reports, the latest SAS70 Type2 and No.18 audit reports are provided to the person in charge"),
 "multitenant-isolation": ("Security in multi-tenancy", "Separation of information between customers and containment of failures"),
 "data-handler-restriction": ("Restriction of data handlers", "Only limited persons can access customer data, with the same access restrictions as the customer's own organization defines"),
 "incident-traceability": ("Traceability of security incidents", "Unit of ID assignment, whether IDs can be used to search logs, whether logs are kept long enough and provided within an acceptable time when needed"),
 "virus-scan": ("Virus scanning", "How often virus scans run"),
 "secondary-media-protection": ("Protection of secondary storage media", "Backup media are always stored encrypted, data is completely erased and verified on disposal, USB ports are disabled to limit data extraction"),
 "data-location-policy": ("Policy on storing data abroad", "Whether the constraints on handling and using data under the laws where it is stored are understood"),
}

UNIT_LABEL_EN = {"時間帯": "Time window", "有無": "Yes / no", "稼働率 (%)": "Availability (%)",
                 "時間": "Time", "回": "Times", "時間（分）": "Time (minutes)", "時間 (秒)": "Time (seconds)",
                 "時間 (分)": "Time (minutes)", "処理能力": "Capacity", "世代数": "Generations",
                 "頻度": "Frequency", "設定状況": "Settings", "把握状況": "Awareness"}

HINTS = {
    "yes-no": ("有 / 無 / 一部 / 非公開 / 該当なし", "yes / no / partial / undisclosed / n/a"),
    "percent": ("例: 99.9%、目標99.95%以上", "e.g. 99.9%, target 99.95% or more"),
    "duration": ("例: 4時間以内、平均30分、1営業日", "e.g. 4時間以内 (within 4 h), 平均30分, 1 business day"),
    "time-window": ("例: 24時間365日、平日 9:00-18:00", "e.g. 24/365, weekdays 9:00-18:00"),
    "count": ("例: 3、年2件、7世代", "e.g. 3, 7 generations"),
    "frequency": ("例: 毎日、月次、リアルタイム", "e.g. daily, monthly, real time"),
    "text": ("内容を記述してください", "describe"),
}


def q(s):
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# What a YAML 1.1 reader (PyYAML reads `no:` as False) or a YAML 1.2 reader
# would take for null, a boolean, a number or a date; the same rule as
# looks_typed() in src/core/yaml_writer.c.
TYPED_WORDS = {"", "~", "=", "<<", "y", "n", "no", "on", "yes", "off", "null", "true", "false"}
TYPED = re.compile(r"""^([-+]?[0-9_][0-9_,]*
  |[-+]?[0-9_,]*\.[0-9_.,]*(e[-+]?[0-9]+)?
  |[-+]?[0-9_][0-9_,]*e[-+]?[0-9]+
  |[-+]?0x[0-9a-f_,]+|[-+]?0o[0-7_]+|[-+]?0b[01_,]+
  |[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?
  |[-+]?\.(inf|nan)
  |-?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}
   (([t]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(z|[-+][0-9]{1,2}(:?[0-9]{2})?))?)?
  )$""", re.X | re.I | re.A)


def p(s):
    """A plain YAML scalar, double-quoted when another type would be read."""
    if s.lower() in TYPED_WORDS or (s.startswith(":") and len(s) > 1) or TYPED.match(s):
        return q(s)
    return s


WHITEPAPER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "templates",
                          "iso27017-whitepaper.yaml")


def links_from_whitepaper(path=WHITEPAPER):
    """meti item id -> whitepaper items whose maps-to names it, in file order."""
    back = {}
    item = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^      - id: (\S+)$", line)
        if m:
            item = m.group(1)
            continue
        m = re.match(r"^        maps-to: \[(.*)\]$", line)
        if m and item:
            for target in (t.strip() for t in m.group(1).split(",")):
                if target.startswith("meti-cloud-sla/"):
                    back.setdefault(target.split("/", 1)[1], []).append("iso27017-whitepaper/" + item)
    return back


def main(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    links = links_from_whitepaper()
    out = []
    w = out.append
    w("kind: checksheet/template")
    w("id: meti-cloud-sla")
    w('version: "2010"')
    w("title: {ja: クラウドサービスレベルのチェックリスト, en: Cloud Service Level Checklist}")
    w("publisher: {ja: 経済産業省, en: METI}")
    w("source: " + q("経済産業省『クラウドサービスレベルのチェックリスト』(2010) を加工して作成"
                     " (adapted from METI, Cloud Service Level Checklist, 2010)"))
    w("sections:")
    current = None
    for r in rows:
        if r["section"] != current:
            current = r["section"]
            w(f"  - id: {p(current)}")
            w(f"    group: {{ja: {r['group_ja']}, en: {GROUPS_EN[r['group_ja']]}}}")
            w(f"    title: {{ja: {r['section_ja']}, en: {SECTIONS_EN[current]}}}")
            w("    items:")
        en_title, en_desc = EN[r["id"]]
        w(f"      - id: {p(r['id'])}")
        w(f'        "no": {q(r["no"])}')
        w(f"        title: {{ja: {q(r['item_ja'])}, en: {q(en_title)}}}")
        w(f"        description: {{ja: {q(r['description_ja'])}, en: {q(en_desc)}}}")
        w(f"        unit: {p(r['unit'])}")
        w(f"        unit-label: {{ja: {q(r['unit_label_ja'])}, en: {q(UNIT_LABEL_EN.get(r['unit_label_ja'], r['unit_label_ja']))}}}")
        w(f"        note: {p(r['note_rule'])}")
        if r["default_scale"]:
            w(f"        default-scale: {p(r['default_scale'])}")
        hj, he = HINTS[r["unit"]]
        w(f"        hint: {{ja: {q(hj)}, en: {q(he)}}}")
        if r["unit"] == "percent":
            w("        min: 0")
            w("        max: 100")
        if r["example_ja"]:
            w(f"        example: {{ja: {q(r['example_ja'])}}}")
        if r["id"] in links:
            w(f"        maps-to: [{', '.join(links[r['id']])}]")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
