/* libFuzzer target: the XLSX reader (xlsx_open_mem, then xlsx_read_sheet
 * on every sheet, xlsx_sheet_find and xlsx_sheet_default).
 *
 * An input that starts with "PK" is the workbook itself. Anything else is
 * a workbook spelled out as its parts, so that mutations reach the XML
 * rather than break the deflate streams and checksums first:
 *
 *     === xl/workbook.xml
 *     <workbook ...>...</workbook>
 *     === xl/worksheets/sheet1.xml
 *     ...
 *
 * each line "=== NAME" starting a part (stored, uncompressed) of a zip
 * archive built in memory with libzip. Small limits, so that every limit
 * is reached now and then and one input stays fast. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "core/problems.h"
#include "core/sheet_grid.h"
#include "core/xlsx_read.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* The parts of text as a zip archive (the caller frees); NULL when
 * libzip will not have it (a name twice, say). */
static char *zip_parts(const char *text, size_t len, size_t *out_len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
	zip_error_fini(&err);
	if (!za) {
		if (src)
			zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	size_t i = 0;
	int parts = 0;
	while (i < len && parts < 64) {
		const char *head = memmem(text + i, len - i, "=== ", 4);
		if (!head || (head != text && head[-1] != '\n'))
			break;
		const char *name = head + 4;
		const char *eol = memchr(name, '\n', len - (size_t)(name - text));
		if (!eol)
			break;
		const char *body = eol + 1;
		const char *next = memmem(body, len - (size_t)(body - text), "\n=== ", 5);
		size_t body_len = next ? (size_t)(next - body) : len - (size_t)(body - text);
		char *pname = strndup(name, (size_t)(eol - name));
		zip_source_t *s = zip_source_buffer(za, body, body_len, 0);
		zip_int64_t idx = s ? zip_file_add(za, pname, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0 && s)
			zip_source_free(s);
		else if (idx >= 0)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		free(pname);
		parts++;
		i = next ? (size_t)(next - text) + 1 : len;
	}
	char *out = NULL;
	if (zip_close(za) != 0) {
		zip_discard(za);
	} else if (zip_source_open(src) == 0) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
			out = malloc(st.size ? st.size : 1);
			zip_int64_t n = out ? zip_source_read(src, out, st.size) : -1;
			if (n < 0 || (zip_uint64_t)n != st.size) {
				free(out);
				out = NULL;
			} else {
				*out_len = (size_t)n;
			}
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load_limits lim = {
		.max_size = 1 << 20,
		.max_scalar = 4096,
		.max_items = 2000,
		.max_list = 64,
	};
	char *built = NULL;
	const void *bytes = data;
	size_t len = size;
	if (!(size >= 2 && data[0] == 'P' && data[1] == 'K')) {
		built = zip_parts((const char *)data, size, &len);
		if (!built)
			return 0;
		bytes = built;
	}
	problems ps;
	problems_init(&ps);
	xlsx_book *b = NULL;
	if (xlsx_open_mem(bytes, len, "fuzz.xlsx", &lim, &b, &ps)) {
		for (size_t i = 0; i < xlsx_sheet_count(b); i++) {
			sheet_grid g;
			grid_init(&g);
			if (xlsx_read_sheet(b, i, &g, &ps)) {
				/* what the importer relies on */
				for (size_t r = 0; r < g.n; r++) {
					if (r && g.rows[r].line <= g.rows[r - 1].line)
						abort();
					for (size_t c = 0; c < g.rows[r].n; c++)
						if (strlen(g.rows[r].cells[c]) > lim.max_scalar)
							abort();
				}
			}
			grid_free(&g);
			(void)xlsx_sheet_name(b, i);
			(void)xlsx_sheet_hidden(b, i);
		}
		(void)xlsx_sheet_default(b, &ps);
		(void)xlsx_sheet_find(b, "1", &ps);
		(void)xlsx_sheet_find(b, "Sheet1", &ps);
		xlsx_close(b);
	}
	problems_free(&ps);
	free(built);
	return 0;
}
