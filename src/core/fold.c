#include <config.h>

#include "fold.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* U+FF61..U+FF9D in order: their NFKC full-width forms. The two
 * half-width marks after them are handled as marks, not through here. */
static const uint16_t halfwidth_kana[] = {
	0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, /* ｡｢｣､･ｦｧｨ */
	0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, /* ｩｪｫｬｭｮｯｰ */
	0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, /* ｱｲｳｴｵｶｷｸ */
	0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, /* ｹｺｻｼｽｾｿﾀ */
	0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, /* ﾁﾂﾃﾄﾅﾆﾇﾈ */
	0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, /* ﾉﾊﾋﾌﾍﾎﾏﾐ */
	0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, /* ﾑﾒﾓﾔﾕﾖﾗﾘ */
	0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3,                         /* ﾙﾚﾛﾜﾝ */
};

enum mark { MARK_NONE, MARK_VOICED, MARK_SEMI };

/* The kana that take a mark, sorted by base, with their canonical
 * compositions (Unicode NFC); 0 where none exists. */
static const struct {
	uint16_t base, voiced, semi;
} kana_compose[] = {
	{ 0x3046, 0x3094, 0 },      /* う */
	{ 0x304B, 0x304C, 0 },      /* か */
	{ 0x304D, 0x304E, 0 },      /* き */
	{ 0x304F, 0x3050, 0 },      /* く */
	{ 0x3051, 0x3052, 0 },      /* け */
	{ 0x3053, 0x3054, 0 },      /* こ */
	{ 0x3055, 0x3056, 0 },      /* さ */
	{ 0x3057, 0x3058, 0 },      /* し */
	{ 0x3059, 0x305A, 0 },      /* す */
	{ 0x305B, 0x305C, 0 },      /* せ */
	{ 0x305D, 0x305E, 0 },      /* そ */
	{ 0x305F, 0x3060, 0 },      /* た */
	{ 0x3061, 0x3062, 0 },      /* ち */
	{ 0x3064, 0x3065, 0 },      /* つ */
	{ 0x3066, 0x3067, 0 },      /* て */
	{ 0x3068, 0x3069, 0 },      /* と */
	{ 0x306F, 0x3070, 0x3071 }, /* は */
	{ 0x3072, 0x3073, 0x3074 }, /* ひ */
	{ 0x3075, 0x3076, 0x3077 }, /* ふ */
	{ 0x3078, 0x3079, 0x307A }, /* へ */
	{ 0x307B, 0x307C, 0x307D }, /* ほ */
	{ 0x309D, 0x309E, 0 },      /* ゝ */
	{ 0x30A6, 0x30F4, 0 },      /* ウ */
	{ 0x30AB, 0x30AC, 0 },      /* カ */
	{ 0x30AD, 0x30AE, 0 },      /* キ */
	{ 0x30AF, 0x30B0, 0 },      /* ク */
	{ 0x30B1, 0x30B2, 0 },      /* ケ */
	{ 0x30B3, 0x30B4, 0 },      /* コ */
	{ 0x30B5, 0x30B6, 0 },      /* サ */
	{ 0x30B7, 0x30B8, 0 },      /* シ */
	{ 0x30B9, 0x30BA, 0 },      /* ス */
	{ 0x30BB, 0x30BC, 0 },      /* セ */
	{ 0x30BD, 0x30BE, 0 },      /* ソ */
	{ 0x30BF, 0x30C0, 0 },      /* タ */
	{ 0x30C1, 0x30C2, 0 },      /* チ */
	{ 0x30C4, 0x30C5, 0 },      /* ツ */
	{ 0x30C6, 0x30C7, 0 },      /* テ */
	{ 0x30C8, 0x30C9, 0 },      /* ト */
	{ 0x30CF, 0x30D0, 0x30D1 }, /* ハ */
	{ 0x30D2, 0x30D3, 0x30D4 }, /* ヒ */
	{ 0x30D5, 0x30D6, 0x30D7 }, /* フ */
	{ 0x30D8, 0x30D9, 0x30DA }, /* ヘ */
	{ 0x30DB, 0x30DC, 0x30DD }, /* ホ */
	{ 0x30EF, 0x30F7, 0 },      /* ワ */
	{ 0x30F0, 0x30F8, 0 },      /* ヰ */
	{ 0x30F1, 0x30F9, 0 },      /* ヱ */
	{ 0x30F2, 0x30FA, 0 },      /* ヲ */
	{ 0x30FD, 0x30FE, 0 },      /* ヽ */
};

/* The spacing marks count too: older text types "か゛" for "が". */
static enum mark mark_kind(uint32_t cp)
{
	switch (cp) {
	case 0x3099:
	case 0x309B:
	case 0xFF9E:
		return MARK_VOICED;
	case 0x309A:
	case 0x309C:
	case 0xFF9F:
		return MARK_SEMI;
	default:
		return MARK_NONE;
	}
}

/* The precomposed form of base with mark, or 0. */
static uint32_t kana_join(uint32_t base, enum mark m)
{
	size_t lo = 0, hi = sizeof kana_compose / sizeof kana_compose[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (kana_compose[mid].base < base)
			lo = mid + 1;
		else if (kana_compose[mid].base > base)
			hi = mid;
		else
			return m == MARK_VOICED ? kana_compose[mid].voiced : kana_compose[mid].semi;
	}
	return 0;
}

static uint32_t fold_cp(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFF01 - 0x21;
	else if (cp == 0x3000)
		return ' ';
	else if (cp >= 0xFF61 && cp <= 0xFF9D)
		return halfwidth_kana[cp - 0xFF61];
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

/* Folds the unit at s + i (i < len) into out (4 bytes room), sets *outlen
 * and returns the source bytes used. A unit never folds to more bytes than
 * it used, which fold_text relies on. Only what follows i is looked at, so
 * a scan restarted at a unit boundary sees the same units as a full one. */
static size_t fold_unit(const char *s, size_t len, size_t i, char *out, size_t *outlen)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		/* most text is ASCII: skip decoding */
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		*outlen = 1;
		return 1;
	}
	uint32_t cp;
	size_t n = utf8_decode(s + i, len - i, &cp);
	if (cp == 0xFFFD && n == 1) {
		out[0] = s[i];
		*outlen = 1;
		return 1;
	}
	enum mark m = mark_kind(cp);
	if (m != MARK_NONE) {
		/* a mark with nothing to join: one spacing form for all three */
		cp = m == MARK_VOICED ? 0x309B : 0x309C;
	} else {
		cp = fold_cp(cp);
		if (cp >= 0x3040 && cp <= 0x30FF && i + n < len) {
			uint32_t next;
			size_t nn = utf8_decode(s + i + n, len - i - n, &next);
			enum mark nm = mark_kind(next);
			uint32_t joined = nm != MARK_NONE ? kana_join(cp, nm) : 0;
			if (joined) {
				cp = joined;
				n += nn;
			}
		}
	}
	*outlen = utf8_encode(cp, out);
	return n;
}

char *fold_text(const char *s, size_t **map)
{
	size_t len = strlen(s);
	char *out = xmalloc(len + 1);
	if (!map) {
		out[fold_buf(s, len, out)] = '\0';
		return out;
	}
	size_t *m = map ? xreallocarray(NULL, len + 1, sizeof *m) : NULL;
	size_t i = 0, o = 0;
	while (i < len) {
		char u[4];
		size_t ul;
		size_t n = fold_unit(s, len, i, u, &ul);
		memcpy(out + o, u, ul);
		if (m)
			for (size_t k = 0; k < ul; k++)
				m[o + k] = i;
		o += ul;
		i += n;
	}
	out[o] = '\0';
	if (m) {
		m[o] = len;
		*map = m;
	}
	return out;
}

static inline bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Whether a voiced or semi-voiced mark (U+3099..U+309C, U+FF9E, U+FF9F)
 * starts at p, rem bytes left. */
static inline bool mark_at(const unsigned char *p, size_t rem)
{
	return rem >= 3 && ((p[0] == 0xE3 && p[1] == 0x82 && p[2] >= 0x99 && p[2] <= 0x9C) ||
			    (p[0] == 0xEF && p[1] == 0xBE && (p[2] == 0x9E || p[2] == 0x9F)));
}

size_t fold_buf(const char *s, size_t len, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	while (i < len) {
		unsigned char c = u[i];
		if (c < 0x80) {
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
			i++;
			continue;
		}
		/* A character that no rule changes is copied as it is: U+0080..
		 * U+2FFF, U+4000..U+EFFF (kanji among them) and kana with no mark
		 * after them. Whatever fold_unit would decode as invalid is copied
		 * through by it too, byte by byte: the same bytes. */
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len && is_cont(u[i + 1])) {
			out[o++] = (char)c;
			out[o++] = (char)u[i + 1];
			i += 2;
			continue;
		}
		if (c >= 0xE0 && c <= 0xEE && i + 2 < len && is_cont(u[i + 1]) && is_cont(u[i + 2]) &&
		    (c != 0xE3 || (!(u[i + 1] == 0x80 && u[i + 2] == 0x80) && !mark_at(u + i, len - i) &&
				   !mark_at(u + i + 3, len - i - 3)))) {
			out[o++] = (char)c;
			out[o++] = (char)u[i + 1];
			out[o++] = (char)u[i + 2];
			i += 3;
			continue;
		}
		char f[4];
		size_t fl;
		i += fold_unit(s, len, i, f, &fl);
		memcpy(out + o, f, fl);
		o += fl;
	}
	return o;
}

/* Matches needle from byte k on against hay's units from offset j on;
 * the match must end on a unit boundary. *end is the offset after it. */
static bool match_rest(const char *hay, size_t hlen, size_t j, const char *needle, size_t nlen, size_t k,
		       size_t *end)
{
	while (k < nlen) {
		if (j >= hlen)
			return false;
		char u[4];
		size_t ul;
		j += fold_unit(hay, hlen, j, u, &ul);
		if (ul > nlen - k || memcmp(u, needle + k, ul) != 0)
			return false;
		k += ul;
	}
	*end = j;
	return true;
}

bool fold_find(const char *hay, const char *needle_folded, size_t *start, size_t *len)
{
	if (!hay || !needle_folded || !*needle_folded)
		return false;
	size_t hlen = strlen(hay), nlen = strlen(needle_folded);
	/* folding never grows text, so a longer needle cannot match */
	if (nlen > hlen)
		return false;
	for (size_t i = 0; i < hlen;) {
		char u[4];
		size_t ul;
		size_t n = fold_unit(hay, hlen, i, u, &ul);
		size_t end;
		if (ul <= nlen && memcmp(u, needle_folded, ul) == 0 &&
		    match_rest(hay, hlen, i + n, needle_folded, nlen, ul, &end)) {
			if (start)
				*start = i;
			if (len)
				*len = end - i;
			return true;
		}
		i += n;
	}
	return false;
}

bool fold_contains(const char *hay, const char *needle_folded)
{
	return fold_find(hay, needle_folded, NULL, NULL);
}
