/* libFuzzer target: markdown_to_html on a note as typed. The first byte
 * picks the level of a `#` heading (b % 7: 0 is the default); the rest is
 * the text, NUL bytes and broken UTF-8 included. Whatever comes out must
 * be tame (tests/markdown_tame.h): only Markdown's own tags and
 * attributes, every href a safe one, no stray < or >, and valid UTF-8. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "../markdown_tame.h"
#include "core/markdown.h"
#include "core/utf8.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	markdown_options opt = {.heading_top = data[0] % 7};
	strbuf sb;
	sb_init(&sb);
	markdown_to_html((const char *)data + 1, size - 1, &opt, &sb);
	const char *why = markdown_untamed(sb_str(&sb));
	size_t bad;
	if (why || !utf8_valid(sb_str(&sb), sb.len, &bad)) {
		fprintf(stderr, "untamed output (%s):\n%s\n", why ? why : "invalid UTF-8", sb_str(&sb));
		abort();
	}
	sb_free(&sb);
	return 0;
}
