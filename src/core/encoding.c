#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

static const struct {
	const char *name;
	export_encoding enc;
} names[] = {
	{"utf-8", ENC_UTF8}, {"utf8", ENC_UTF8}, {"utf-8-bom", ENC_UTF8_BOM}, {"utf8-bom", ENC_UTF8_BOM},
	{"cp932", ENC_CP932}, {"shift_jis", ENC_CP932}, {"shift-jis", ENC_CP932}, {"sjis", ENC_CP932},
	{"windows-31j", ENC_CP932}, {"euc-jp", ENC_EUC_JP}, {"eucjp", ENC_EUC_JP},
};

bool encoding_lookup(const char *name, export_encoding *out)
{
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(names[i].name, name) == 0) {
			*out = names[i].enc;
			return true;
		}
	return false;
}

const char *encoding_name(export_encoding e)
{
	static const char *const n[ENC_COUNT] = {"utf-8", "utf-8-bom", "cp932", "euc-jp"};
	return n[e];
}

/* The characters whose Unicode form differs between the JIS mappings and
 * Microsoft's: each pair is (JIS side, Microsoft side). CP932 wants the
 * right column, EUC-JP the left; text from either comes out whole. */
static const uint32_t pitfalls[][2] = {
	{0x301C, 0xFF5E}, /* 〜 wave dash / ～ full-width tilde */
	{0x2212, 0xFF0D}, /* − minus sign / － full-width hyphen-minus */
	{0x2016, 0x2225}, /* ‖ double vertical line / ∥ parallel to */
	{0x2014, 0x2015}, /* — em dash / ― horizontal bar */
	{0x00A2, 0xFFE0}, /* ¢ / ￠ */
	{0x00A3, 0xFFE1}, /* £ / ￡ */
	{0x00AC, 0xFFE2}, /* ¬ / ￢ */
};

static uint32_t map_pitfall(export_encoding e, uint32_t cp)
{
	for (size_t i = 0; i < sizeof pitfalls / sizeof *pitfalls; i++) {
		if (e == ENC_CP932 && cp == pitfalls[i][0])
			return pitfalls[i][1];
		if (e == ENC_EUC_JP && cp == pitfalls[i][1])
			return pitfalls[i][0];
	}
	return cp;
}

bool encode_text(export_encoding e, const char *utf8, bool substitute, const char *where,
		 const char *file, strbuf *out, problems *ps)
{
	if (e == ENC_UTF8 || e == ENC_UTF8_BOM) {
		sb_add(out, utf8);
		return true;
	}
	iconv_t cd = iconv_open(e == ENC_CP932 ? "CP932" : "EUC-JP", "UTF-8");
	if (cd == (iconv_t)-1) {
		problems_add(ps, file, (cs_mark){0, 0}, SEV_FATAL, "io-error",
			     _("this system cannot convert to %s"), encoding_name(e));
		return false;
	}
	bool ok = true;
	size_t len = strlen(utf8), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(utf8 + i, len - i, &cp);
		i += n;
		char in[4], outb[16];
		size_t in_len = utf8_encode(map_pitfall(e, cp), in);
		char *ip = in, *op = outb;
		size_t il = in_len, ol = sizeof outb;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il) {
			char shown[8];
			shown[utf8_encode(cp, shown)] = '\0';
			if (substitute) {
				problems_add(ps, file, (cs_mark){0, 0}, SEV_WARNING, "substituted",
					     _("%s: U+%04X \"%s\" cannot be written in %s; written as \"?\""), where,
					     (unsigned)cp, shown, encoding_name(e));
				sb_addc(out, '?');
			} else {
				problems_add(ps, file, (cs_mark){0, 0}, SEV_FATAL, "unmappable",
					     _("%s: U+%04X \"%s\" cannot be written in %s (use --substitute to replace it)"),
					     where, (unsigned)cp, shown, encoding_name(e));
				ok = false;
			}
			continue;
		}
		sb_addn(out, outb, sizeof outb - ol);
	}
	iconv_close(cd);
	return ok;
}
