#!/usr/bin/env python3
"""Writes the METI-format test sheets from meti-answers.tsv (answers
written for the tests, not copied from any vendor) and the reference item
list: a title block, the checklist's own header, a group row before each
group, the header repeated where a printed page would start, cells with
line breaks. Run from this directory; the outputs are committed."""
import csv, io, sys

ref = sys.argv[1] if len(sys.argv) > 1 else '../meti-cloud-sla-items.tsv'
items = list(csv.DictReader(open(ref, encoding='utf-8'), delimiter='\t'))
answers = {}
for line in open('meti-answers.tsv', encoding='utf-8'):
    no, text = line.rstrip('\n').split('\t', 1)
    answers[no] = text.replace('\\n', '\n')

header = ['No.', '種別', 'サービスレベル項目例', '規定内容', '測定単位', '設定']
rows = [['クラウドサービスレベルのチェックリスト　回答書'], ['株式会社サンプル　サンプルクラウド', '', '', '', '', '2026年11月'], [], header]
group = None
for n, it in enumerate(items):
    if it['group_ja'] != group:
        group = it['group_ja']
        if it['group_ja'] == 'データ管理':
            rows.append(header)          # page 2 of the printed sheet
        rows.append([group])
    rows.append([it['no'], it['section_ja'], it['item_ja'], it['description_ja'], it['unit_label_ja'], answers[it['no']]])
rows.append([])
rows.append(['※ 本回答書の内容は2026年11月時点のものです。'])

def write(name, encoding, bom=False):
    buf = io.StringIO()
    csv.writer(buf, lineterminator='\r\n').writerows(rows)
    data = buf.getvalue().encode(encoding)
    with open(name, 'wb') as f:
        f.write((b'\xef\xbb\xbf' if bom else b'') + data)

write('meti-sheet-cp932.csv', 'cp932')
write('meti-sheet-bom.csv', 'utf-8', bom=True)
