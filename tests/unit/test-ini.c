/* Unit tests of lib/ini.c: align's INI dialect on top of inih. */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ini.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/work.h"

#include "tap.h"

static void dump_diags(const struct align_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		printf("#   diag %s:%zu: %s\n", diags->items[i].path,
		       diags->items[i].line, diags->items[i].message);
	}
}

static const struct align_ini_field *field(const struct align_ini *ini,
					   const char *section, const char *sub,
					   const char *key)
{
	long s = align_ini_find_section(ini, section, sub);

	return s < 0 ? NULL : align_ini_find(ini, (size_t)s, key);
}

/* A field has this value, line and value span within its line. */
static void is_field(const struct align_ini *ini, const char *text,
		     size_t first_line, const char *section, const char *sub,
		     const char *key, const char *value, size_t line)
{
	const struct align_ini_field *f = field(ini, section, sub, key);
	const char *ls = text;
	int good;

	if (!ok(f != NULL, "field %s.%s%s%s exists", section, sub ? sub : "",
		sub ? "." : "", key)) {
		return;
	}
	/* Find the start of the field's line in `text` independently. */
	for (size_t l = first_line; l < line && ls; l++) {
		ls = strchr(ls, '\n');
		ls = ls ? ls + 1 : NULL;
	}
	good = !strcmp(f->value, value) && f->line == line && ls &&
	       f->value_end >= f->value_start &&
	       f->value_end - f->value_start == strlen(value) &&
	       !memcmp(ls + f->value_start, value, strlen(value));
	if (!ok(good, "%s = '%s' at line %zu, span matches the bytes", key,
		value, line)) {
		printf("#   got '%s' at line %zu span %zu..%zu\n", f->value,
		       f->line, f->value_start, f->value_end);
	}
}

static void test_fields(void)
{
	const char *text = "; leading comment\n"		  /* 5 */
			   "[brief]\n"				  /* 6 */
			   "id = partner-webinar\n"		  /* 7 */
			   "status=approved\n"			  /* 8 */
			   "# a hash comment\n"			  /* 9 */
			   "\n"					  /* 10 */
			   "   \n"				  /* 11 */
			   "  ; indented comment\n"		  /* 12 */
			   "[kr \"attendance\"]\n"		  /* 13 */
			   "target = 45%\n"			  /* 14 */
			   "note = v ; inline comment\n"	  /* 15 */
			   "semi = a;b\n"			  /* 16 */
			   "hash = 50% of #1\n"			  /* 17 */
			   "empty =\n"				  /* 18 */
			   "url = http://x/?a=1 ;comment\n"	  /* 19 */
			   "quoted = \"a;b\"\n"			  /* 20 */
			   "tabbed\t=\tt v\t\n"			  /* 21 */
			   "colon = a:b=c\n"			  /* 22 */
			   "k.e_y-1 = caf\xc3\xa9 \xe2\x98\x95\n" /* 23 */
			   "[kr \"reach.q4@x\"]\n"		  /* 24 */
			   "[kr]\n"				  /* 25 */
			   "target = 1\n";			  /* 26 */
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret =
	    align_ini_parse(&ini, text, strlen(text), 5, "briefs/x.md", &diags);

	is_int(ret, 0, "a well-formed block parses");
	is_int((long long)diags.count, 0, "with no diagnostics");
	dump_diags(&diags);
	is_int((long long)ini.nsections, 4, "four sections");
	if (ini.nsections == 4) {
		ok(!strcmp(ini.sections[0].name, "brief") &&
		       !ini.sections[0].sub && ini.sections[0].line == 6,
		   "[brief] at line 6 without subsection");
		ok(!strcmp(ini.sections[1].name, "kr") && ini.sections[1].sub &&
		       !strcmp(ini.sections[1].sub, "attendance") &&
		       ini.sections[1].line == 13,
		   "[kr \"attendance\"] at line 13");
		ok(!strcmp(ini.sections[2].sub, "reach.q4@x") &&
		       ini.sections[2].line == 24,
		   "subsection with '.' and '@'");
		ok(!strcmp(ini.sections[3].name, "kr") && !ini.sections[3].sub,
		   "[kr] is distinct from [kr \"...\"]");
	}
	is_int((long long)ini.nfields, 13, "thirteen fields");
	is_field(&ini, text, 5, "brief", NULL, "id", "partner-webinar", 7);
	is_field(&ini, text, 5, "brief", NULL, "status", "approved", 8);
	is_field(&ini, text, 5, "kr", "attendance", "target", "45%", 14);
	is_field(&ini, text, 5, "kr", "attendance", "note", "v", 15);
	is_field(&ini, text, 5, "kr", "attendance", "semi", "a;b", 16);
	is_field(&ini, text, 5, "kr", "attendance", "hash", "50% of #1", 17);
	is_field(&ini, text, 5, "kr", "attendance", "empty", "", 18);
	is_field(&ini, text, 5, "kr", "attendance", "url", "http://x/?a=1", 19);
	is_field(&ini, text, 5, "kr", "attendance", "quoted", "\"a;b\"", 20);
	is_field(&ini, text, 5, "kr", "attendance", "tabbed", "t v", 21);
	is_field(&ini, text, 5, "kr", "attendance", "colon", "a:b=c", 22);
	is_field(&ini, text, 5, "kr", "attendance", "k.e_y-1",
		 "caf\xc3\xa9 \xe2\x98\x95", 23);
	is_field(&ini, text, 5, "kr", NULL, "target", "1", 26);
	{
		const struct align_ini_field *f =
		    field(&ini, "kr", "attendance", "empty");
		ok(f && f->value_start == 7 && f->value_end == 7,
		   "an empty value's span is at the end of 'empty ='");
	}
	if (ini.nsections == 4) {
		const struct align_ini_section *s = ini.sections;
		ok(s[0].first_field == 0 && s[0].nfields == 2 &&
			   s[1].first_field == 2 && s[1].nfields == 10 &&
			   s[2].nfields == 0 && s[3].first_field == 12 &&
			   s[3].nfields == 1,
		   "each section knows its run of fields");
	}
	ok(align_ini_find(&ini, 9, "target") == NULL,
	   "find in a section that does not exist");
	ok(align_ini_find_section(&ini, "kr", "nope") == -1,
	   "find_section of a missing subsection");
	ok(align_ini_find_section(&ini, "brief", "x") == -1,
	   "find_section with a subsection the section lacks");
	ok(field(&ini, "brief", NULL, "target") == NULL,
	   "find does not look in other sections");
	align_ini_release(&ini);
	ok(ini.nsections == 0 && ini.nfields == 0 && !ini.sections,
	   "release empties the struct");
	align_diags_clear(&diags);
}

static void test_line_endings(void)
{
	const char *crlf = "[a]\r\nk = v\r\nj=w ; c\r\n\r\nl = 3";
	const char *bom = "\xef\xbb\xbf[a]\nk = v\n";
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret;

	ret = align_ini_parse(&ini, crlf, strlen(crlf), 1, "a.ini", &diags);
	is_int(ret, 0, "CRLF lines parse");
	is_field(&ini, crlf, 1, "a", NULL, "k", "v", 2);
	is_field(&ini, crlf, 1, "a", NULL, "j", "w", 3);
	is_field(&ini, crlf, 1, "a", NULL, "l", "3", 5);
	align_ini_release(&ini);

	ret = align_ini_parse(&ini, bom, strlen(bom), 1, "a.ini", &diags);
	is_int(ret, 0, "a byte order mark on line 1 is allowed");
	ok(ini.nsections == 1 && !strcmp(ini.sections[0].name, "a"),
	   "the BOM is not part of the section name");
	align_ini_release(&ini);

	ret = align_ini_parse(&ini, "", 0, 1, "a.ini", &diags);
	ok(ret == 0 && ini.nsections == 0 && ini.nfields == 0,
	   "empty text parses to nothing");
	is_int((long long)diags.count, 0, "no diagnostics so far");
	dump_diags(&diags);
	align_ini_release(&ini);
	align_diags_clear(&diags);
}

/*
 * `text` (of `len` bytes, first line 1) is refused with exactly `count`
 * diagnostics, the first at `line` with `word` in its message.
 */
static void refused(const char *name, const char *text, size_t len,
		    size_t count, size_t line, const char *word)
{
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret = align_ini_parse(&ini, text, len, 1, "t.ini", &diags);
	int good = ret == ALIGN_EINVALID && diags.count == count &&
		   diags.items[0].line == line &&
		   strstr(diags.items[0].message, word) &&
		   !strcmp(diags.items[0].path, "t.ini") &&
		   diags.items[0].severity == ALIGN_SEV_ERROR &&
		   ini.nsections == 0 && ini.nfields == 0;

	if (!ok(good, "refused: %s (line %zu, '%s')", name, line, word)) {
		printf("#   ret %d, %zu diagnostics, %zu fields\n", ret,
		       diags.count, ini.nfields);
		dump_diags(&diags);
	}
	align_ini_release(&ini);
	align_diags_clear(&diags);
}

/* For string literals, which may hold NUL bytes. */
#define REFUSED(name, lit, count, line, word)                                  \
	refused((name), (lit), sizeof(lit) - 1, (count), (line), (word))

static void test_traps(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret;

	/* inih #145: a 199+ byte line is split and the rest read as a key. */
	align_buf_adds(&b, "[brief]\nid = x\nnote=");
	for (int i = 0; i < 194; i++) {
		align_buf_addch(&b, 'a');
	}
	align_buf_adds(&b, "status=approved\nowner = ana\n");
	refused("key injection through a 214-byte line", b.ptr, b.len, 1, 3,
		"limit");
	ret = align_ini_parse(&ini, b.ptr, b.len, 10, "t.ini", &diags);
	ok(ret == ALIGN_EINVALID && diags.count == 1 &&
	       diags.items[0].line == 12 &&
	       strstr(diags.items[0].message, "214") &&
	       strstr(diags.items[0].message, "198"),
	   "the diagnostic names the file line, the length and the limit");
	ok(field(&ini, "brief", NULL, "status") == NULL && ini.nfields == 0,
	   "no field named status is produced");
	align_ini_release(&ini);
	align_diags_clear(&diags);

	/* Exactly at the limit, and one byte over. */
	align_buf_sets(&b, "[a]\nk = ");
	while (b.len < 4 + ALIGN_INI_LINE_MAX) {
		align_buf_addch(&b, 'v');
	}
	align_buf_adds(&b, "\r\n");
	ret = align_ini_parse(&ini, b.ptr, b.len, 1, "t.ini", &diags);
	ok(ret == 0 && ini.nfields == 1 &&
	       strlen(ini.fields[0].value) == ALIGN_INI_LINE_MAX - 4,
	   "a line of exactly 198 bytes (plus CRLF) is read whole");
	align_ini_release(&ini);
	align_buf_setlen(&b, b.len - 2);
	align_buf_adds(&b, "v\n");
	refused("a 199-byte line", b.ptr, b.len, 1, 2, "199");
	align_buf_setlen(&b, b.len - 1);
	refused("a 199-byte last line without newline", b.ptr, b.len, 1, 2,
		"limit");
	/* A long comment is split by inih too: its tail would become a key. */
	align_buf_sets(&b, "[a]\n;");
	for (int i = 0; i < 200; i++) {
		align_buf_addch(&b, 'c');
	}
	align_buf_adds(&b, "x=1\n");
	refused("a 204-byte comment line", b.ptr, b.len, 1, 2, "limit");

	REFUSED("a NUL byte", "[a]\nk = v\0w\nj = 1\n", 1, 2, "NUL");
	REFUSED("a NUL byte in a comment", "[a]\n; x\0y\n", 1, 2, "NUL");
	REFUSED("a lone CR", "[a]\nk = v\rstatus = x\n", 1, 2,
		"carriage return");
	REFUSED("a lone CR on line 3", "[a]\nk = v\r\nj = 1\r\r\n", 1, 3,
		"carriage return");

	/* Section names: inih cuts them at 49 bytes. */
	align_buf_sets(&b, "[");
	for (int i = 0; i < ALIGN_INI_SECTION_MAX; i++) {
		align_buf_addch(&b, 's');
	}
	align_buf_adds(&b, "]\nk = v\n");
	ret = align_ini_parse(&ini, b.ptr, b.len, 1, "t.ini", &diags);
	ok(ret == 0 && ini.nsections == 1 &&
	       strlen(ini.sections[0].name) == ALIGN_INI_SECTION_MAX,
	   "a 49-byte section name is read whole");
	align_ini_release(&ini);
	align_buf_sets(&b, "[a]\nk = 1\n[");
	for (int i = 0; i < ALIGN_INI_SECTION_MAX + 1; i++) {
		align_buf_addch(&b, 's');
	}
	align_buf_adds(&b, "]\nk = v\n");
	refused("a 50-byte section name", b.ptr, b.len, 1, 3, "49");
	/* 15 + ' "' + 32 + '"' = 50 bytes between the brackets. */
	REFUSED("a 50-byte section header with subsection",
		"[abcdefghijklmno \"abcdefghijklmnopqrstuvwxyz012345\"]\nk=v\n",
		1, 1, "49");
	ret = align_ini_parse(
	    &ini, "[abcdefghijklmn \"abcdefghijklmnopqrstuvwxyz012345\"]\n", 52,
	    1, "t.ini", &diags);
	ok(ret == 0 && ini.nsections == 1 && strlen(ini.sections[0].sub) == 32,
	   "a 49-byte header with a 32-byte subsection is fine");
	dump_diags(&diags);
	align_ini_release(&ini);
	align_diags_clear(&diags);

	REFUSED("[unterminated", "[a]\nk = 1\n[unterminated\nk = 2\n", 1, 3,
		"]");
	REFUSED("an indented key (continuation)", "[a]\nk = 1\n  j = 2\n", 1, 3,
		"indented");
	REFUSED("a tab-indented value (continuation)", "[a]\nk = 1\n\tmore\n",
		1, 3, "continuation");
	REFUSED("a field before any section", "; c\nk = v\n[a]\nj = 1\n", 1, 2,
		"outside");
	REFUSED("a duplicate key", "[a]\nk = 1\nj = 2\nk = 3\n", 1, 4,
		"duplicate key 'k'");
	REFUSED("a duplicate key names the first line",
		"[a]\nk = 1\nj = 2\nk = 3\n", 1, 4, "line 2");
	REFUSED("a duplicate section", "[a]\nk = 1\n[b]\nk = 2\n[a]\nj = 1\n",
		1, 5, "duplicate section");
	REFUSED("a duplicate subsection",
		"[kr \"x\"]\nk = 1\n[kr \"x\"]\nj = 1\n", 1, 3,
		"duplicate section [kr \"x\"]");
	REFUSED("a malformed header [kr attendance]",
		"[a]\n[kr attendance]\nk = 1\n", 1, 2, "malformed");
	REFUSED("an empty subsection [kr \"\"]", "[kr \"\"]\n", 1, 1,
		"subsection");
	REFUSED("a subsection with a space", "[kr \"a b\"]\n", 1, 1,
		"subsection");
	REFUSED("an unquoted-end subsection", "[kr \"ab]\n", 1, 1,
		"subsection");
	REFUSED("empty brackets", "[]\n", 1, 1, "malformed");
	REFUSED("text after a header", "[a] x\n", 1, 1, "unexpected");
	REFUSED("a key with ':' (inih's other delimiter)", "[a]\nk: v\n", 1, 2,
		"key = value");
	REFUSED("a key with a space", "[a]\nmy key = v\n", 1, 2, "key = value");
	REFUSED("a line without '='", "[a]\njust words\n", 1, 2, "key = value");
	REFUSED("a line starting with '='", "[a]\n= v\n", 1, 2, "key = value");
	REFUSED("invalid UTF-8", "[a]\nk = \xc3\x28\n", 1, 2, "UTF-8");
	REFUSED("a BOM not on line 1", "[a]\n\xef\xbb\xbfk = v\n", 1, 2,
		"key = value");

	/* Every bad line is reported, each with its own line. */
	ret = align_ini_parse(&ini, "[a]\n  x = 1\nk = 2\n\0\n[b\n", 23, 7,
			      "t.ini", &diags);
	if (!ok(ret == ALIGN_EINVALID && diags.count == 3 &&
		    diags.items[0].line == 8 && diags.items[1].line == 10 &&
		    diags.items[2].line == 11,
		"three bad lines give three diagnostics at lines 8, 10, 11")) {
		dump_diags(&diags);
	}
	align_ini_release(&ini);
	align_diags_clear(&diags);
	align_buf_release(&b);
}

static void value_ok(const char *value, const char *name)
{
	const char *p = align_ini_value_problem(value);

	if (!ok(p == NULL, "value accepted: %s", name)) {
		printf("#   problem: %s\n", p);
	}
}

static void value_bad(const char *value, const char *word, const char *name)
{
	const char *p = align_ini_value_problem(value);

	if (!ok(p != NULL && strstr(p, word), "value refused: %s", name)) {
		printf("#   problem: %s\n", p ? p : "(none)");
	}
}

/* A value accepted by value_problem reads back byte-identical. */
static void reads_back(const char *value)
{
	struct align_buf b = ALIGN_BUF_INIT;
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret;

	align_buf_addf(&b, "[a]\nk = %s\nj=%s ; comment\n", value, value);
	ret = align_ini_parse(&ini, b.ptr, b.len, 1, "t.ini", &diags);
	if (!ok(ret == 0 && ini.nfields == 2 &&
		    !strcmp(ini.fields[0].value, value) &&
		    !strcmp(ini.fields[1].value, value),
		"'%s' reads back byte-identical", value)) {
		dump_diags(&diags);
	}
	align_ini_release(&ini);
	align_diags_clear(&diags);
	align_buf_release(&b);
}

static void test_value_problem(void)
{
	const char *good[] = {
	    "a;b",
	    "50% of #1",
	    "#1 first",
	    "",
	    "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80",
	    "a=b",
	    "k: v",
	    "\"a;b\"",
	    "[x]",
	    "a; b",
	    "x;",
	    "http://x/?a=1;b=2"};

	value_bad("a\nb", "line break", "newline");
	value_bad("a\r", "line break", "carriage return");
	value_bad("a\tb", "control", "tab");
	value_bad("a\x01", "control", "control character");
	value_bad("a\x7f", "control", "DEL");
	value_bad("\x1b[31m", "control", "escape");
	value_bad(" a", "white space", "leading space");
	value_bad("a ", "white space", "trailing space");
	value_bad("a ;x", "comment", "' ;x'");
	value_bad(" ;x", "", "leading ' ;x'");
	value_bad(";x", "comment", "';x'");
	value_bad(";", "comment", "';'");
	value_bad("\xff", "UTF-8", "invalid UTF-8 byte");
	value_bad("caf\xc3", "UTF-8", "truncated UTF-8");
	value_bad("\xed\xa0\x80", "UTF-8", "a surrogate");
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		value_ok(good[i], good[i]);
		reads_back(good[i]);
	}
}

static void test_names(void)
{
	char sub[40];

	is_int(align_ini_key_valid("status"), 1, "key 'status'");
	is_int(align_ini_key_valid("a.b-c_d9"), 1, "key with . - _ and digits");
	is_int(align_ini_key_valid("Z"), 1, "one-letter uppercase key");
	is_int(align_ini_key_valid(""), 0, "empty key");
	is_int(align_ini_key_valid("1a"), 0, "key starting with a digit");
	is_int(align_ini_key_valid("_a"), 0, "key starting with '_'");
	is_int(align_ini_key_valid("a b"), 0, "key with a space");
	is_int(align_ini_key_valid("a:b"), 0, "key with ':'");
	is_int(align_ini_key_valid("a=b"), 0, "key with '='");
	is_int(align_ini_key_valid("a;b"), 0, "key with ';'");
	is_int(align_ini_key_valid("caf\xc3\xa9"), 0, "non-ASCII key");

	is_int(align_ini_sub_valid("attendance"), 1, "sub 'attendance'");
	is_int(align_ini_sub_valid("1st"), 1, "sub starting with a digit");
	is_int(align_ini_sub_valid("a@b.c-d_e"), 1, "sub with @ . - _");
	is_int(align_ini_sub_valid(""), 0, "empty sub");
	is_int(align_ini_sub_valid("-a"), 0, "sub starting with '-'");
	is_int(align_ini_sub_valid("_a"), 0, "sub starting with '_'");
	is_int(align_ini_sub_valid("a b"), 0, "sub with a space");
	is_int(align_ini_sub_valid("a\"b"), 0, "sub with a quote");
	is_int(align_ini_sub_valid("a]"), 0, "sub with ']'");
	memset(sub, 'x', 32);
	sub[32] = '\0';
	is_int(align_ini_sub_valid(sub), 1, "32-byte sub");
	sub[32] = 'x';
	sub[33] = '\0';
	is_int(align_ini_sub_valid(sub), 0, "33-byte sub");
}

/* Appends everything a parse gave to `out`, to compare two parses. */
static void describe(struct align_buf *out, int ret, const struct align_ini *ini,
		     const struct align_diags *diags)
{
	align_buf_addf(out, "ret %d\n", ret);
	for (size_t i = 0; i < ini->nsections; i++) {
		const struct align_ini_section *s = &ini->sections[i];
		align_buf_addf(out, "[%s|%s] %zu %zu+%zu\n", s->name,
			       s->sub ? s->sub : "(none)", s->line,
			       s->first_field, s->nfields);
	}
	for (size_t i = 0; i < ini->nfields; i++) {
		const struct align_ini_field *f = &ini->fields[i];
		align_buf_addf(out, "%zu %s=%s %zu %zu-%zu\n", f->section,
			       f->key, f->value, f->line, f->value_start,
			       f->value_end);
	}
	for (size_t i = 0; i < diags->count; i++) {
		align_buf_addf(out, "%s:%zu: %s\n", diags->items[i].path,
			       diags->items[i].line, diags->items[i].message);
	}
}

/*
 * Parses that share a memo give what parses without one give, whatever
 * lines they have in common, in whatever order and sections.
 */
static void test_memo(void)
{
	static const char *const lines[] = {
		"[a]", "[kr \"x\"]", "[kr \"y\"]", "[b]", "k = v", "k = v",
		"j=w ; c", "owner = ana", "status = draft", "empty =",
		"url = http://x/?a=1 ;c", "; comment", "", "   ", "# hash",
		"t\t=\tv\t", "  indented = x", "no equals", "k = w",
		"caf = \xc3\xa9", "bad = \xc3", "[unterminated",
		"colon = a:b", "semi = a;b",
	};
	const size_t nlines = sizeof(lines) / sizeof(*lines);
	struct align_ini_memo *memo = align_ini_memo_new();
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_buf plain = ALIGN_BUF_INIT, memoed = ALIGN_BUF_INIT;
	uint64_t seed = 20261220;
	int same = 1, parsed = 0;

	for (int iter = 0; iter < 3000 && same; iter++) {
		struct align_ini a = ALIGN_INI_INIT, b = ALIGN_INI_INIT;
		struct align_diags da = ALIGN_DIAGS_INIT, db = ALIGN_DIAGS_INIT;
		int n, ra, rb;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (int)((seed >> 33) % 12);
		align_buf_clear(&text);
		align_buf_adds(&text, lines[(seed >> 36) % 4]);
		align_buf_addch(&text, '\n');
		for (int i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ULL +
			       1442695040888963407ULL;
			/* Mostly the well-formed lines, so most texts parse. */
			align_buf_addf(&text, "%s%s",
				       lines[(seed >> 33) %
					     ((seed >> 20) % 4 ? 16 : nlines)],
				       (seed >> 40) % 5 ? "\n" : "\r\n");
		}
		ra = align_ini_parse(&a, text.ptr, text.len, 3, "m.ini", &da);
		rb = align_ini_parse_memo(&b, text.ptr, text.len, 3, "m.ini",
					  memo, &db);
		parsed += ra == 0;
		align_buf_clear(&plain);
		align_buf_clear(&memoed);
		describe(&plain, ra, &a, &da);
		describe(&memoed, rb, &b, &db);
		same = !strcmp(plain.ptr, memoed.ptr);
		if (!same) {
			printf("# text:\n%s# without memo:\n%s# with:\n%s",
			       text.ptr, plain.ptr, memoed.ptr);
		}
		align_ini_release(&a);
		align_ini_release(&b);
		align_diags_clear(&da);
		align_diags_clear(&db);
	}
	ok(same, "3000 texts parse the same with and without a memo");
	ok(parsed > 1000, "most of them parse (%d)", parsed);
	align_ini_memo_free(memo);
	align_ini_memo_free(NULL);
	align_buf_release(&text);
	align_buf_release(&plain);
	align_buf_release(&memoed);
}

/*
 * Many sections and a long section: every section is in the index (so a
 * lookup is one hash probe, not a scan), and duplicates are still found
 * among thousands.
 */
static void test_scale(void)
{
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	const size_t n = 20000;

	for (size_t i = 0; i < n; i++) {
		align_buf_addf(&text, "[person \"p%zu\"]\nname = P\n", i);
	}
	align_buf_adds(&text, "[long]\n");
	for (size_t i = 0; i < 5000; i++) {
		align_buf_addf(&text, "k%zu = v\n", i);
	}
	is_int(align_ini_parse(&ini, text.ptr, text.len, 1, "x.ini", &diags), 0,
	       "scale: 20,000 sections and a section of 5,000 keys parse");
	is_int((int)ini.index.count, (int)n + 1, "scale: every section indexed");
	is_int((int)align_ini_find_section(&ini, "person", "p19999"), 19999,
	       "scale: the last section found by its index");
	is_int((int)align_ini_find_section(&ini, "person", "p20000"), -1,
	       "scale: a missing one is not");
	align_ini_release(&ini);
	align_buf_adds(&text, "k4999 = again\n");
	is_int(align_ini_parse(&ini, text.ptr, text.len, 1, "x.ini", &diags),
	       ALIGN_EINVALID, "scale: a duplicate key among 5,000 refused");
	ok(diags.count == 1 &&
		   strstr(diags.items[0].message, "duplicate key 'k4999'"),
	   "scale: and named");
	align_diags_clear(&diags);
	align_buf_adds(&text, "[person \"p7\"]\n");
	is_int(align_ini_parse(&ini, text.ptr, text.len, 1, "x.ini", &diags),
	       ALIGN_EINVALID, "scale: a duplicate among 20,000 sections refused");
	ok(diags.count >= 1 &&
		   strstr(diags.items[0].message,
			  "duplicate section [person \"p7\"] (first at line 1"),
	   "scale: and named with the first one's line");
	align_diags_clear(&diags);
	align_buf_release(&text);
}

/*
 * The steps (hash probes, key comparisons) of parsing `n` sections of
 * three keys each and a section of 1.5 n keys, then looking up every
 * section, every key of a small section and every key of the long one.
 * Returns 0 when a step failed.
 */
static size_t work_of(size_t n)
{
	struct align_buf text = ALIGN_BUF_INIT, key = ALIGN_BUF_INIT;
	struct align_ini ini = ALIGN_INI_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	size_t before, steps = 0, nlong = n + n / 2, found = 0;
	long s;

	for (size_t i = 0; i < n; i++) {
		align_buf_addf(&text,
			       "[person \"p%zu\"]\nname = P %zu\n"
			       "email = p%zu@x\nteam = t\n",
			       i, i, i);
	}
	align_buf_adds(&text, "[long]\n");
	for (size_t i = 0; i < nlong; i++) {
		align_buf_addf(&text, "k%zu = v%zu\n", i, i);
	}
	before = align_work__count();
	if (align_ini_parse(&ini, text.ptr, text.len, 1, "x.ini", &diags) <
	    0) {
		dump_diags(&diags);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		align_buf_clear(&key);
		align_buf_addf(&key, "p%zu", i);
		s = align_ini_find_section(&ini, "person", key.ptr);
		found += s >= 0 && align_ini_find(&ini, (size_t)s, "name") &&
			 align_ini_find(&ini, (size_t)s, "email") &&
			 align_ini_find(&ini, (size_t)s, "team");
	}
	s = align_ini_find_section(&ini, "long", NULL);
	for (size_t i = 0; s >= 0 && i < nlong; i++) {
		align_buf_clear(&key);
		align_buf_addf(&key, "k%zu", i);
		found += align_ini_find(&ini, (size_t)s, key.ptr) != NULL;
	}
	if (found == n + nlong) {
		steps = align_work__count() - before;
	}
done:
	align_ini_release(&ini);
	align_diags_clear(&diags);
	align_buf_release(&text);
	align_buf_release(&key);
	return steps;
}

/*
 * Linear work, by a count rather than a time: 20,000 sections and 90,000
 * keys (30,000 in one section), each looked up, take a few steps per
 * line; twice the input takes about twice the steps.
 */
static void test_linear_work(void)
{
	const size_t n = 20000, lines = n + 3 * n + n + n / 2;
	size_t one = work_of(n), two = work_of(2 * n);

	ok(one > 0 && two > 0, "work: %zu and %zu sections parse and are found",
	   n, 2 * n);
	if (!ok(one < 5 * lines, "work: %zu steps for %zu lines, under 5 a line",
		one, lines)) {
		printf("#   %zu steps\n", one);
	}
	if (!ok(one > 0 && (double)two <= 2.2 * (double)one,
		"work: twice the input, at most 2.2 times the steps")) {
		printf("#   %zu steps, then %zu: %.2f times\n", one, two,
		       one ? (double)two / (double)one : 0.0);
	}
}

int main(void)
{
	test_linear_work();
	test_scale();
	test_fields();
	test_line_endings();
	test_traps();
	test_value_problem();
	test_names();
	test_memo();
	return done_testing();
}
