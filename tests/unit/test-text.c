/* Unit tests of lib/util/text.c: UTF-8, slugs, ids. */

#include <stdio.h>
#include <string.h>

#include "util/text.h"

#include "tap.h"

static void utf8(const char *s, size_t len, int want, const char *name)
{
	is_int(align_utf8_valid(s, len), want, name);
}

static void test_utf8(void)
{
	utf8("", 0, 1, "empty string is valid");
	utf8("plain ascii ~", 13, 1, "ASCII");
	utf8("caf\xc3\xa9", 5, 1, "2-byte sequence");
	utf8("\xe2\x82\xac", 3, 1, "3-byte sequence (euro sign)");
	utf8("\xf0\x9f\x98\x80", 4, 1, "4-byte sequence (emoji)");
	utf8("\xc2\x80", 2, 1, "U+0080, the smallest 2-byte");
	utf8("\xe0\xa0\x80", 3, 1, "U+0800, the smallest 3-byte");
	utf8("\xf0\x90\x80\x80", 4, 1, "U+10000, the smallest 4-byte");
	utf8("\xf4\x8f\xbf\xbf", 4, 1, "U+10FFFF, the largest");
	utf8("\xed\x9f\xbf", 3, 1, "U+D7FF, just below the surrogates");
	utf8("\xee\x80\x80", 3, 1, "U+E000, just above the surrogates");
	utf8("\xef\xbb\xbf", 3, 1, "BOM is a valid character");

	utf8("a\0b", 3, 0, "NUL inside the length is refused");
	utf8("\0", 1, 0, "a lone NUL is refused");
	utf8("\xc0\xaf", 2, 0, "overlong 2-byte '/' (C0 AF)");
	utf8("\xc1\xbf", 2, 0, "overlong 2-byte (C1 BF)");
	utf8("\xe0\x80\xaf", 3, 0, "overlong 3-byte '/'");
	utf8("\xe0\x9f\xbf", 3, 0, "overlong 3-byte U+07FF");
	utf8("\xf0\x80\x80\xaf", 4, 0, "overlong 4-byte '/'");
	utf8("\xf0\x8f\xbf\xbf", 4, 0, "overlong 4-byte U+FFFF");
	utf8("\xed\xa0\x80", 3, 0, "surrogate U+D800");
	utf8("\xed\xbf\xbf", 3, 0, "surrogate U+DFFF");
	utf8("\xf4\x90\x80\x80", 4, 0, "U+110000 is beyond Unicode");
	utf8("\xf5\x80\x80\x80", 4, 0, "lead byte F5");
	utf8("\xff", 1, 0, "byte FF");
	utf8("\x80", 1, 0, "lone continuation byte");
	utf8("a\xbf", 2, 0, "continuation byte after ASCII");
	utf8("\xc3", 1, 0, "truncated 2-byte sequence");
	utf8("\xe2\x82", 2, 0, "truncated 3-byte sequence");
	utf8("\xf0\x9f\x98", 3, 0, "truncated 4-byte sequence");
	utf8("\xe2\x82\xac", 2, 0, "sequence cut by the length argument");
	utf8("\xc3x", 2, 0, "lead byte followed by ASCII");
	utf8("\xe2\x28\xa1", 3, 0, "bad second byte in a 3-byte sequence");
	{
		/* ASCII is read eight bytes at a time: every offset counts. */
		char buf[40];
		int good = 1;

		for (size_t at = 0; at < 24; at++) {
			memset(buf, 'a', sizeof(buf));
			good &= align_utf8_valid(buf, sizeof(buf)) == 1;
			buf[at] = '\0';
			good &= align_utf8_valid(buf, sizeof(buf)) == 0;
			buf[at] = '\x80';
			good &= align_utf8_valid(buf, sizeof(buf)) == 0;
			buf[at] = '\xc3';
			buf[at + 1] = '\xa9';
			good &= align_utf8_valid(buf, sizeof(buf)) == 1;
			buf[at + 1] = 'a';
			good &= align_utf8_valid(buf, sizeof(buf)) == 0;
			memcpy(buf + at, "\xf0\x9f\x98\x80", 4);
			good &= align_utf8_valid(buf, sizeof(buf)) == 1;
			good &= align_utf8_valid(buf, at + 3) == 0;
			memset(buf, 'a', sizeof(buf));
			good &= align_utf8_valid(buf, at) == 1;
		}
		ok(good, "NUL, bad and good sequences at every offset of a "
			 "long line");
	}
	utf8("ok\xc3\xa9\xe2\x82", 6, 0, "valid text then a truncated tail");
}

static void slug(const char *title, size_t max, const char *want)
{
	struct align_buf out = ALIGN_BUF_INIT;

	align_slugify(&out, title, max);
	if (!is_str(out.ptr, want, "slugify")) {
		printf("#   title '%s' max %zu\n", title, max);
	}
	align_buf_release(&out);
}

static void test_slugify(void)
{
	struct align_buf out = ALIGN_BUF_INIT;
	int good = 1;

	slug("Webinar: Pipeline Q4!", 64, "webinar-pipeline-q4");
	slug("Caf\xc3\xa9 Cr\xc3\xa8me", 64, "cafe-creme");
	slug("../../etc/passwd", 64, "etc-passwd");
	slug("!!!", 64, "");
	slug("", 64, "");
	slug("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 64, "");
	slug("\xe6\x97\xa5\xe6\x9c\xac 2026", 64, "2026");
	slug("  --Leading and trailing--  ", 64, "leading-and-trailing");
	slug("\xc3\x80 la fa\xc3\xa7on de \xc3\x89milie", 64,
	     "a-la-facon-de-emilie");
	slug("Stra\xc3\x9f"
	     "e \xc3\x98resund \xc3\x91"
	     "and\xc3\xba",
	     64, "strasse-oresund-nandu");
	slug("Multiplication \xc3\x97 sign", 64, "multiplication-sign");
	slug("emoji \xf0\x9f\x9a\x80 launch", 64, "emoji-launch");
	slug("a_b.c", 64, "a-b-c");

	/* Cut at a word boundary that fits. */
	slug("partner webinar results", 15, "partner-webinar");
	slug("partner webinar results", 16, "partner-webinar");
	slug("partner webinar results", 14, "partner");
	slug("partner webinar results", 7, "partner");
	slug("partner webinar results", 23, "partner-webinar-results");
	slug("supercalifragilistic", 5, "super");
	slug("ab cdefghijkl", 5, "ab");

	/* Every cut is at most max, never ends in '-', is a prefix. */
	{
		const char *t = "Q4 Partner Webinar: selling analytics into "
				"client retainers, with a 90-day trial";
		struct align_buf full = ALIGN_BUF_INIT;

		align_slugify(&full, t, 1000);
		for (size_t max = 1; max <= full.len + 2; max++) {
			align_buf_clear(&out);
			align_slugify(&out, t, max);
			if (out.len > max || out.len == 0 ||
			    out.ptr[out.len - 1] == '-' ||
			    strncmp(full.ptr, out.ptr, out.len) ||
			    (out.len < full.len && full.ptr[out.len] != '-' &&
			     max > 2)) {
				good = 0;
				printf("#   max %zu gave '%s'\n", max, out.ptr);
				break;
			}
		}
		align_buf_release(&full);
	}
	ok(good,
	   "long titles are cut at a dash within max, never ending in '-'");

	/* Appends: existing contents are kept and not counted. */
	align_buf_sets(&out, "briefs/");
	align_slugify(&out, "Hello World", 8);
	is_str(out.ptr, "briefs/hello",
	       "slugify appends after existing contents");
	align_buf_release(&out);
}

static void test_id_valid(void)
{
	char longid[ALIGN_ID_MAX + 2];

	is_int(align_id_valid("partner-webinar"), 1, "id with a dash");
	is_int(align_id_valid("q4"), 1, "short id");
	is_int(align_id_valid("2026-okr"), 1, "id starting with a digit");
	is_int(align_id_valid("a"), 1, "one-letter id");
	is_int(align_id_valid(""), 0, "empty id");
	is_int(align_id_valid("-a"), 0, "leading dash");
	is_int(align_id_valid("a-"), 0, "trailing dash");
	is_int(align_id_valid("a--b"), 0, "double dash");
	is_int(align_id_valid("Abc"), 0, "uppercase");
	is_int(align_id_valid("a_b"), 0, "underscore");

	is_int(align_oid_hex_valid("0123456789abcdef0123456789abcdef01234567"),
	       1, "a commit id");
	is_int(align_oid_hex_valid("0123456789abcdef0123456789abcdef01234567 x"),
	       1, "a commit id followed by more");
	is_int(align_oid_hex_valid("0123456789ABCDEF0123456789abcdef01234567"),
	       0, "uppercase is not git's form");
	is_int(align_oid_hex_valid("0123456789abcdef"), 0,
	       "too short: stops at the NUL");
	is_int(align_oid_hex_valid("0123456789abcdeg0123456789abcdef01234567"),
	       0, "a letter past f");
	is_int(align_id_valid("a b"), 0, "space");
	is_int(align_id_valid("a/b"), 0, "slash");
	is_int(align_id_valid("../x"), 0, "dot-dot");
	is_int(align_id_valid("caf\xc3\xa9"), 0, "non-ASCII");
	memset(longid, 'a', ALIGN_ID_MAX);
	longid[ALIGN_ID_MAX] = '\0';
	is_int(align_id_valid(longid), 1, "id of exactly ALIGN_ID_MAX bytes");
	longid[ALIGN_ID_MAX] = 'a';
	longid[ALIGN_ID_MAX + 1] = '\0';
	is_int(align_id_valid(longid), 0, "id one byte over ALIGN_ID_MAX");

	is_int(align_starts_with("briefs/x.md", "briefs/"), 1, "starts_with");
	is_int(align_starts_with("brief", "briefs/"), 0,
	       "starts_with, shorter");
	is_int(align_ends_with("x.md", ".md"), 1, "ends_with");
	is_int(align_ends_with("md", ".md"), 0, "ends_with, shorter");
	is_int(align_ends_with("x.mdx", ".md"), 0, "ends_with, mismatch");
}

static void test_distance(void)
{
	is_int((long long)align_distance("maya", "maya"), 0, "same: 0");
	is_int((long long)align_distance("mya", "maya"), 1, "one insertion");
	is_int((long long)align_distance("dnaa", "dana"), 2, "a transposition "
							 "is two edits");
	is_int((long long)align_distance("", "lee"), 3, "from empty");
	is_int((long long)align_distance("kitten", "sitting"), 3,
	       "kitten -> sitting");
}

static void lookalike(const char *s, int want, size_t want_col,
		      unsigned want_cp, const char *name)
{
	size_t col = 0;
	unsigned cp = 0;
	int got = align_text_lookalike(s, &col, &cp);

	if (!ok(got == want && (!want || (col == want_col && cp == want_cp)),
		"lookalike: %s", name)) {
		printf("#   got %d at %zu U+%04X\n", got, col, cp);
	}
}

static void cp_name(unsigned cp, const char *want)
{
	struct align_buf out = ALIGN_BUF_INIT;

	align_text_codepoint_name(&out, cp);
	is_str(out.ptr, want, want);
	align_buf_release(&out);
}

static void unconfuse(const char *s, const char *want, int want_all)
{
	struct align_buf out = ALIGN_BUF_INIT;
	int all = align_text_unconfuse(&out, s);

	if (!ok(!strcmp(out.ptr, want) && all == want_all, "unconfuse: %s",
		want)) {
		printf("#   got '%s' %d\n", out.ptr, all);
	}
	align_buf_release(&out);
}

static void test_lookalike(void)
{
	lookalike("maya", 0, 0, 0, "ASCII has none");
	lookalike("", 0, 0, 0, "the empty string has none");
	lookalike("m\xd0\xb0ya", 1, 2, 0x430, "Cyrillic a at column 2");
	lookalike("\xd0\x90lex", 1, 1, 0x410, "Cyrillic A at column 1");
	lookalike("\xd0\x86van", 1, 1, 0x406, "Cyrillic I");
	lookalike("\xd0\xa1" "arl", 1, 1, 0x421, "Cyrillic ES");
	lookalike("b\xd0\x9e" "bby", 1, 2, 0x41e, "Cyrillic O");
	lookalike("\xd0\xa0" "at", 1, 1, 0x420, "Cyrillic ER");
	lookalike("\xce\x91nna", 1, 1, 0x391, "Greek Alpha");
	lookalike("lee\xe2\x80\x8b", 1, 4, 0x200b, "zero-width space at the end");
	lookalike("le\xe2\x80\xae" "e", 1, 3, 0x202e, "a bidi override");
	lookalike("\xef\xbd\x8d" "aya", 1, 1, 0xff4d, "fullwidth m");
	lookalike("caf\xc3\xa9", 1, 4, 0xe9, "any other non-ASCII");
	lookalike("\xc3\xa9\xd0\xb0", 1, 1, 0xe9, "the first one counts");
	lookalike("ab\xff", 1, 3, 0xfffd, "a byte that is not UTF-8");
	lookalike("\xe2\x82\xac\xd0\xb0" "x", 1, 1, 0x20ac,
		  "columns count characters, not bytes");
	{
		size_t col;
		unsigned cp;
		ok(align_text_lookalike("\xe2\x82\xac\xd0\xb0", &col, &cp) &&
			   col == 1,
		   "lookalike: a three-byte character is one column");
	}

	cp_name(0x410, "CYRILLIC CAPITAL LETTER A (U+0410)");
	cp_name(0x430, "CYRILLIC SMALL LETTER A (U+0430)");
	cp_name(0x406, "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I "
		       "(U+0406)");
	cp_name(0x421, "CYRILLIC CAPITAL LETTER ES (U+0421)");
	cp_name(0x41e, "CYRILLIC CAPITAL LETTER O (U+041E)");
	cp_name(0x420, "CYRILLIC CAPITAL LETTER ER (U+0420)");
	cp_name(0x3bf, "GREEK SMALL LETTER OMICRON (U+03BF)");
	cp_name(0x200b, "ZERO WIDTH SPACE (U+200B)");
	cp_name(0x200d, "ZERO WIDTH JOINER (U+200D)");
	cp_name(0xfeff, "ZERO WIDTH NO-BREAK SPACE (U+FEFF)");
	cp_name(0x202e, "RIGHT-TO-LEFT OVERRIDE (U+202E)");
	cp_name(0x2067, "RIGHT-TO-LEFT ISOLATE (U+2067)");
	cp_name(0xff21, "FULLWIDTH LATIN CAPITAL LETTER A (U+FF21)");
	cp_name(0xff4d, "FULLWIDTH LATIN SMALL LETTER M (U+FF4D)");
	cp_name(0xff10, "FULLWIDTH DIGIT ZERO (U+FF10)");
	cp_name(0xff0d, "FULLWIDTH FORM OF '-' (U+FF0D)");
	cp_name(0xe9, "U+00E9");
	cp_name(0x1f600, "U+1F600");

	unconfuse("m\xd0\xb0ya", "maya", 1);
	unconfuse("lee\xe2\x80\x8b", "lee", 1);
	unconfuse("\xef\xbd\x8d\xef\xbd\x81" "ya", "maya", 1);
	unconfuse("\xce\x91nna", "Anna", 1);
	unconfuse("caf\xc3\xa9", "caf", 0);
	unconfuse("plain", "plain", 1);
}

int main(void)
{
	test_lookalike();
	test_utf8();
	test_slugify();
	test_id_valid();
	test_distance();
	return done_testing();
}
