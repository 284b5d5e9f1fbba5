/* libFuzzer target: the unit value parser. The first byte b picks the unit
 * (b % 9: every unit kind) and a default scale for the bare parser
 * ((b / 9) % 9 - 1); the rest is the value as typed. It is read by
 * units_parse, units_parse_item (an item of that unit, with options for a
 * choice), units_check_message (the editor's and `check`'s verdict) and
 * units_format. When b has its high bit set, the duration item is the one
 * with a default scale, and the text is also read as prose by
 * import_read_cell (a value taken out of a sentence, as `import` does);
 * that costs many parses per input, hence only for half the inputs. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "core/template_load.h"
#include "core/units.h"
#include "fuzz_common.h"

/* One item of each unit kind, a choice with options, a table with
 * columns, and a duration with a default scale. */
static const char units_template[] =
	"kind: checksheet/template\n"
	"id: fuzz-units\n"
	"version: \"1\"\n"
	"title: {ja: 単位, en: Units}\n"
	"sections:\n"
	"  - id: all\n"
	"    title: {ja: すべて, en: All}\n"
	"    items:\n"
	"      - {id: yn, no: \"1\", title: {ja: 有無}, unit: yes-no, note: required-if-yes}\n"
	"      - {id: pct, no: \"2\", title: {ja: 稼働率}, unit: percent, min: 0, max: 100}\n"
	"      - {id: dur, no: \"3\", title: {ja: 時間}, unit: duration}\n"
	"      - {id: tw, no: \"4\", title: {ja: 時間帯}, unit: time-window}\n"
	"      - {id: cnt, no: \"5\", title: {ja: 世代}, unit: count, min: 1, max: 1000}\n"
	"      - {id: freq, no: \"6\", title: {ja: 頻度}, unit: frequency}\n"
	"      - {id: txt, no: \"7\", title: {ja: 内容}, unit: text}\n"
	"      - id: ch\n"
	"        no: \"8\"\n"
	"        title: {ja: 形態}\n"
	"        unit: choice\n"
	"        options:\n"
	"          - {id: public, label: {ja: パブリック, en: Public}}\n"
	"          - {id: private, label: {ja: プライベート, en: Private}}\n"
	"          - {id: hybrid, label: {ja: ハイブリッド}}\n"
	"      - id: tbl\n"
	"        no: \"9\"\n"
	"        title: {ja: 委託先}\n"
	"        unit: table\n"
	"        columns:\n"
	"          - {id: service, label: {ja: サービス, en: Service}}\n"
	"          - {id: company, label: {ja: 会社, en: Company}}\n"
	"      - {id: dur-min, no: \"10\", title: {ja: 復旧}, unit: duration, default-scale: min, max: 86400}\n";

static template units_t;
static const tmpl_item *by_unit[UNIT_KIND_COUNT];
static const tmpl_item *dur_scaled;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	problems ps;
	problems_init(&ps);
	if (!template_load_buffer("fuzz-units.yaml", units_template, sizeof units_template - 1,
				  &load_limits_default, &units_t, &ps)) {
		for (size_t i = 0; i < ps.n; i++)
			fprintf(stderr, "fuzz-units.yaml:%d:%d: %s\n", ps.v[i].mark.line, ps.v[i].mark.column,
				ps.v[i].message);
		exit(2);
	}
	problems_free(&ps);
	for (size_t i = 0; i < units_t.n_items; i++) {
		const tmpl_item *it = &units_t.items[i];
		if (!by_unit[it->unit])
			by_unit[it->unit] = it;
		else if (it->unit == UNIT_DURATION)
			dur_scaled = it;
	}
	for (int k = 0; k < UNIT_KIND_COUNT; k++)
		if (!by_unit[k]) {
			fprintf(stderr, "fuzz-units.yaml: no item of unit %s\n", unit_table[k].id);
			exit(2);
		}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unit_kind unit = (unit_kind)(data[0] % UNIT_KIND_COUNT);
	int scale = (int)((data[0] / UNIT_KIND_COUNT) % (SCALE_COUNT + 1)) - 1;
	const tmpl_item *it = by_unit[unit];
	if (unit == UNIT_DURATION && (data[0] & 0x80) && dur_scaled)
		it = dur_scaled;
	char *text = fuzz_cstr(data + 1, size - 1);

	free(units_normalize(text));

	typed_value tv;
	memset(&tv, 0, sizeof tv);
	if (units_parse(unit, scale, text, &tv) == PARSE_OK)
		free(units_format(&tv));

	memset(&tv, 0, sizeof tv);
	if (units_parse_item(it, text, &tv) == PARSE_OK)
		free(units_format(&tv));

	const char *code = NULL;
	memset(&tv, 0, sizeof tv);
	free(units_check_message(it, text, &tv, &code));

	if (data[0] & 0x80) {
		cell_reading cr;
		import_read_cell(it, text, &cr);
		/* whatever is taken out of prose reads on its own */
		if (cr.value && units_parse_item(it, cr.value, &tv) != PARSE_OK)
			abort();
		cell_reading_free(&cr);
	}
	free(text);
	return 0;
}
