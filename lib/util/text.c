#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* 1 when the 8 bytes at `s` are ASCII and none is NUL. */
static int ascii8(const unsigned char *s)
{
	const uint64_t high = 0x8080808080808080ULL;
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return !(w & high) && !((w - ones) & ~w & high);
}

int align_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned int cp;

		/* Most text is ASCII: eight bytes at a time. */
		if (len - i >= 8 && ascii8(s + i)) {
			i += 8;
			continue;
		}
		if (c == 0) {
			return 0;
		} else if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + n >= len) {
			return 0;
		}
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80) {
				return 0;
			}
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
			return 0;
		}
		i += n + 1;
	}
	return 1;
}

/*
 * ASCII for the letters of U+00C0..U+017F (Latin-1 and Latin Extended-A):
 * one base letter each, a digit for the few that fold to two letters
 * (see `pairs`), 0 for the two signs that are not letters.
 */
static const char latin_fold[192] =
	/* U+00C0 */ "AAAAAA3CEEEEIIII" "DNOOOOO\0OUUUUY54"
	/* U+00E0 */ "aaaaaa3ceeeeiiii" "dnooooo\0ouuuuy5y"
	/* U+0100 */ "aaaaaacccccccccc" "ddddeeeeeeeeeegg"
	/* U+0120 */ "gggghhhhiiiiiiii" "ii11jjkkklllllll"
	/* U+0140 */ "lllnnnnnnnnnoooo" "oo22rrrrrrssssss"
	/* U+0160 */ "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
static const char *const pairs[] = { NULL, "ij", "oe", "ae", "ss", "th" };

/* Decodes one UTF-8 sequence at `s` (valid input); returns its length. */
static size_t decode(const unsigned char *s, unsigned int *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0) {
		*cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
		      (s[2] & 0x3fu);
		return 3;
	}
	*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
	      ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
	return 4;
}

void align_slugify(struct align_buf *out, const char *title, size_t max)
{
	const unsigned char *s = (const unsigned char *)title;
	size_t start = out->len;
	int dash = 0;

	while (*s) {
		unsigned int cp;
		const char *ascii = NULL;
		char one[2] = { 0, 0 };

		s += decode(s, &cp);
		if (cp < 0x80) {
			one[0] = (char)cp;
		} else if (cp >= 0xc0 && cp < 0x180) {
			one[0] = latin_fold[cp - 0xc0];
			if (one[0] >= '1' && one[0] <= '5') {
				ascii = pairs[one[0] - '0'];
			}
		}
		if (!ascii) {
			ascii = one;
		}
		if (!*ascii) {
			dash = 1; /* what align cannot spell ends a word */
		}
		for (; *ascii; ascii++) {
			int c = *ascii;
			if (c >= 'A' && c <= 'Z') {
				c += 'a' - 'A';
			}
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (dash && out->len > start) {
					align_buf_addch(out, '-');
				}
				dash = 0;
				align_buf_addch(out, c);
			} else {
				dash = 1;
			}
		}
	}
	if (out->len - start > max) {
		size_t cut = start + max;
		/* Cut at the last word boundary that fits. */
		while (cut > start && out->ptr[cut] != '-') {
			cut--;
		}
		if (cut == start) {
			cut = start + max;
		}
		align_buf_setlen(out, cut);
		while (out->len > start && out->ptr[out->len - 1] == '-') {
			align_buf_setlen(out, out->len - 1);
		}
	}
}

int align_id_valid(const char *id)
{
	size_t len = strlen(id);

	if (len == 0 || len > ALIGN_ID_MAX || id[0] == '-' ||
	    id[len - 1] == '-') {
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		char c = id[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-')) {
			return 0;
		}
		if (c == '-' && id[i + 1] == '-') {
			return 0;
		}
	}
	return 1;
}

int align_starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int align_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

size_t align_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t *row = align_calloc(m + 1, sizeof(*row));
	size_t result;

	for (size_t j = 0; j <= m; j++) {
		row[j] = j;
	}
	for (size_t i = 1; i <= n; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best) {
				best = row[j] + 1;
			}
			if (row[j - 1] + 1 < best) {
				best = row[j - 1] + 1;
			}
			row[j] = best;
			prev = cur;
		}
	}
	result = row[m];
	free(row);
	return result;
}

int align_oid_hex_valid(const char *s)
{
	/* A table: history checks every entry of a long cached line. */
	static const unsigned char hex[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,
		['f'] = 1,
	};
	for (int i = 0; i < 40; i++) {
		if (!hex[(unsigned char)s[i]]) {
			return 0; /* also at a NUL: never reads past it */
		}
	}
	return 1;
}

size_t align_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len) {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		return 0;
	}
	*cp = c;
	return len;
}

int align_cp_is_bidi(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

const char *align_text_problem(const char *s, int lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = align_utf8_decode(p + i, n - i, &cp);

		if (!len) {
			return "is not valid UTF-8";
		}
		if ((cp < 0x20 && !(lines && (cp == '\n' || cp == '\t'))) ||
		    (cp >= 0x7f && cp <= 0x9f)) {
			return "contains a control character";
		}
		if (align_cp_is_bidi(cp)) {
			return "contains a bidirectional control character";
		}
		i += len;
	}
	return NULL;
}

int align_text_lookalike(const char *s, size_t *col, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), column = 0;

	for (size_t i = 0; i < n;) {
		unsigned c;
		size_t len = align_utf8_decode(p + i, n - i, &c);

		column++;
		if (!len) {
			*col = column;
			*cp = 0xfffd;
			return 1;
		}
		if (c >= 0x80) {
			*col = column;
			*cp = c;
			return 1;
		}
		i += len;
	}
	return 0;
}

/*
 * The common look-alikes: what they are called and the ASCII they pass
 * for (0: invisible, -1: none). Sorted by code point for bsearch().
 */
struct lookalike {
	unsigned cp;
	int ascii;
	const char *name;
};

static const struct lookalike lookalikes[] = {
	{ 0x00a0, ' ', "NO-BREAK SPACE" },
	{ 0x00ad, 0, "SOFT HYPHEN" },
	{ 0x0131, 'i', "LATIN SMALL LETTER DOTLESS I" },
	{ 0x0391, 'A', "GREEK CAPITAL LETTER ALPHA" },
	{ 0x0392, 'B', "GREEK CAPITAL LETTER BETA" },
	{ 0x0395, 'E', "GREEK CAPITAL LETTER EPSILON" },
	{ 0x0396, 'Z', "GREEK CAPITAL LETTER ZETA" },
	{ 0x0397, 'H', "GREEK CAPITAL LETTER ETA" },
	{ 0x0399, 'I', "GREEK CAPITAL LETTER IOTA" },
	{ 0x039a, 'K', "GREEK CAPITAL LETTER KAPPA" },
	{ 0x039c, 'M', "GREEK CAPITAL LETTER MU" },
	{ 0x039d, 'N', "GREEK CAPITAL LETTER NU" },
	{ 0x039f, 'O', "GREEK CAPITAL LETTER OMICRON" },
	{ 0x03a1, 'P', "GREEK CAPITAL LETTER RHO" },
	{ 0x03a4, 'T', "GREEK CAPITAL LETTER TAU" },
	{ 0x03a5, 'Y', "GREEK CAPITAL LETTER UPSILON" },
	{ 0x03a7, 'X', "GREEK CAPITAL LETTER CHI" },
	{ 0x03b1, 'a', "GREEK SMALL LETTER ALPHA" },
	{ 0x03b9, 'i', "GREEK SMALL LETTER IOTA" },
	{ 0x03ba, 'k', "GREEK SMALL LETTER KAPPA" },
	{ 0x03bd, 'v', "GREEK SMALL LETTER NU" },
	{ 0x03bf, 'o', "GREEK SMALL LETTER OMICRON" },
	{ 0x03c1, 'p', "GREEK SMALL LETTER RHO" },
	{ 0x03c5, 'u', "GREEK SMALL LETTER UPSILON" },
	{ 0x0405, 'S', "CYRILLIC CAPITAL LETTER DZE" },
	{ 0x0406, 'I', "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I" },
	{ 0x0408, 'J', "CYRILLIC CAPITAL LETTER JE" },
	{ 0x0410, 'A', "CYRILLIC CAPITAL LETTER A" },
	{ 0x0412, 'B', "CYRILLIC CAPITAL LETTER VE" },
	{ 0x0415, 'E', "CYRILLIC CAPITAL LETTER IE" },
	{ 0x041a, 'K', "CYRILLIC CAPITAL LETTER KA" },
	{ 0x041c, 'M', "CYRILLIC CAPITAL LETTER EM" },
	{ 0x041d, 'H', "CYRILLIC CAPITAL LETTER EN" },
	{ 0x041e, 'O', "CYRILLIC CAPITAL LETTER O" },
	{ 0x0420, 'P', "CYRILLIC CAPITAL LETTER ER" },
	{ 0x0421, 'C', "CYRILLIC CAPITAL LETTER ES" },
	{ 0x0422, 'T', "CYRILLIC CAPITAL LETTER TE" },
	{ 0x0425, 'X', "CYRILLIC CAPITAL LETTER HA" },
	{ 0x0430, 'a', "CYRILLIC SMALL LETTER A" },
	{ 0x0435, 'e', "CYRILLIC SMALL LETTER IE" },
	{ 0x043e, 'o', "CYRILLIC SMALL LETTER O" },
	{ 0x0440, 'p', "CYRILLIC SMALL LETTER ER" },
	{ 0x0441, 'c', "CYRILLIC SMALL LETTER ES" },
	{ 0x0443, 'y', "CYRILLIC SMALL LETTER U" },
	{ 0x0445, 'x', "CYRILLIC SMALL LETTER HA" },
	{ 0x0455, 's', "CYRILLIC SMALL LETTER DZE" },
	{ 0x0456, 'i', "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I" },
	{ 0x0458, 'j', "CYRILLIC SMALL LETTER JE" },
	{ 0x04bb, 'h', "CYRILLIC SMALL LETTER SHHA" },
	{ 0x04cf, 'l', "CYRILLIC SMALL LETTER PALOCHKA" },
	{ 0x061c, 0, "ARABIC LETTER MARK" },
	{ 0x200b, 0, "ZERO WIDTH SPACE" },
	{ 0x200c, 0, "ZERO WIDTH NON-JOINER" },
	{ 0x200d, 0, "ZERO WIDTH JOINER" },
	{ 0x200e, 0, "LEFT-TO-RIGHT MARK" },
	{ 0x200f, 0, "RIGHT-TO-LEFT MARK" },
	{ 0x2010, '-', "HYPHEN" },
	{ 0x2011, '-', "NON-BREAKING HYPHEN" },
	{ 0x2013, '-', "EN DASH" },
	{ 0x2024, '.', "ONE DOT LEADER" },
	{ 0x202a, 0, "LEFT-TO-RIGHT EMBEDDING" },
	{ 0x202b, 0, "RIGHT-TO-LEFT EMBEDDING" },
	{ 0x202c, 0, "POP DIRECTIONAL FORMATTING" },
	{ 0x202d, 0, "LEFT-TO-RIGHT OVERRIDE" },
	{ 0x202e, 0, "RIGHT-TO-LEFT OVERRIDE" },
	{ 0x2060, 0, "WORD JOINER" },
	{ 0x2066, 0, "LEFT-TO-RIGHT ISOLATE" },
	{ 0x2067, 0, "RIGHT-TO-LEFT ISOLATE" },
	{ 0x2068, 0, "FIRST STRONG ISOLATE" },
	{ 0x2069, 0, "POP DIRECTIONAL ISOLATE" },
	{ 0x2212, '-', "MINUS SIGN" },
	{ 0x3000, ' ', "IDEOGRAPHIC SPACE" },
	{ 0xfeff, 0, "ZERO WIDTH NO-BREAK SPACE" },
	{ 0xfffd, -1, "REPLACEMENT CHARACTER" },
};

static int lookalike_cmp(const void *key, const void *elem)
{
	unsigned cp = *(const unsigned *)key;
	const struct lookalike *l = elem;

	return cp < l->cp ? -1 : cp > l->cp;
}

static const struct lookalike *lookalike_find(unsigned cp)
{
	return bsearch(&cp, lookalikes, sizeof(lookalikes) / sizeof(*lookalikes),
		       sizeof(*lookalikes), lookalike_cmp);
}

static const char *const digit_names[10] = {
	"ZERO", "ONE", "TWO", "THREE", "FOUR",
	"FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
};

void align_text_codepoint_name(struct align_buf *out, unsigned cp)
{
	const struct lookalike *l = lookalike_find(cp);

	if (l) {
		align_buf_addf(out, "%s (U+%04X)", l->name, cp);
	} else if (cp >= 0xff21 && cp <= 0xff3a) {
		align_buf_addf(out, "FULLWIDTH LATIN CAPITAL LETTER %c (U+%04X)",
			       (int)('A' + (cp - 0xff21)), cp);
	} else if (cp >= 0xff41 && cp <= 0xff5a) {
		align_buf_addf(out, "FULLWIDTH LATIN SMALL LETTER %c (U+%04X)",
			       (int)('A' + (cp - 0xff41)), cp);
	} else if (cp >= 0xff10 && cp <= 0xff19) {
		align_buf_addf(out, "FULLWIDTH DIGIT %s (U+%04X)",
			       digit_names[cp - 0xff10], cp);
	} else if (cp >= 0xff01 && cp <= 0xff5e) {
		align_buf_addf(out, "FULLWIDTH FORM OF '%c' (U+%04X)",
			       (int)(0x21 + (cp - 0xff01)), cp);
	} else {
		align_buf_addf(out, "U+%04X", cp);
	}
}

int align_text_lookalike_ascii(unsigned cp)
{
	const struct lookalike *l;

	if (cp < 0x80) {
		return (int)cp;
	}
	if (cp >= 0xff01 && cp <= 0xff5e) {
		return (int)(0x21 + (cp - 0xff01));
	}
	l = lookalike_find(cp);
	return l ? l->ascii : -1;
}

int align_text_unconfuse(struct align_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int all = 1;

	for (size_t i = 0; i < n;) {
		unsigned c;
		size_t len = align_utf8_decode(p + i, n - i, &c);
		int a;

		if (!len) {
			all = 0;
			i++;
			continue;
		}
		a = align_text_lookalike_ascii(c);
		if (a > 0) {
			align_buf_addch(out, a);
		} else if (a < 0) {
			all = 0;
		}
		i += len;
	}
	return all;
}
