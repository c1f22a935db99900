#include "text.h"

#include <string.h>

#include "banned.h"

int align_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned int cp;

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

/* Base letters of U+00C0..U+00FF; 0 where there is none. */
static const char latin1_base[64] = "AAAAAAACEEEEIIII"
				    "DNOOOOO\0OUUUUY\0s"
				    "aaaaaaaceeeeiiii"
				    "dnooooo\0ouuuuy\0y";

void align_slugify(struct align_buf *out, const char *title, size_t max)
{
	const unsigned char *s = (const unsigned char *)title;
	size_t start = out->len;
	int dash = 0;

	while (*s) {
		int c = 0;

		if (*s < 0x80) {
			c = *s++;
		} else if ((s[0] == 0xc3) && (s[1] & 0xc0) == 0x80) {
			c = latin1_base[(s[1] & 0x3f)];
			s += 2;
		} else {
			s++;
			while ((*s & 0xc0) == 0x80) {
				s++;
			}
		}
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
