#include <config.h>

#include "json.h"

void json_string(strbuf *sb, const char *s)
{
	if (!s) {
		sb_add(sb, "null");
		return;
	}
	sb_addc(sb, '"');
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"': sb_add(sb, "\\\""); break;
		case '\\': sb_add(sb, "\\\\"); break;
		case '\n': sb_add(sb, "\\n"); break;
		case '\r': sb_add(sb, "\\r"); break;
		case '\t': sb_add(sb, "\\t"); break;
		default:
			if (*c < 0x20)
				sb_printf(sb, "\\u%04x", *c);
			else
				sb_addc(sb, (char)*c);
		}
	}
	sb_addc(sb, '"');
}
