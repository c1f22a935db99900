/*
 * Unit tests of lib/record.c: parsing records, the surgical writer, and a
 * property test of the writer over thousands of generated records.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "record.h"
#include "util/buf.h"
#include "util/error.h"

#include "tap.h"

static void dump_diags(const struct align_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		printf("#   diag %s:%zu: %s\n", diags->items[i].path,
		       diags->items[i].line, diags->items[i].message);
	}
}

/* Prints bytes as TAP comments, one line per line, CR and NUL visible. */
static void dump_bytes(const char *label, const char *s, size_t len)
{
	printf("# %s (%zu bytes):\n#   |", label, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			printf("\\n\n#   |");
		} else if (c == '\r') {
			printf("\\r");
		} else if (c == '\t') {
			printf("\\t");
		} else if (c < 0x20 || c == 0x7f) {
			printf("\\x%02x", c);
		} else {
			putchar(c);
		}
	}
	printf("<EOF>\n");
}

static struct align_record *parse(const char *path, const char *text,
				  size_t len)
{
	struct align_record *r = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;

	if (align_record_parse(&r, path, text, len, NULL, &diags) < 0) {
		printf("# unexpected parse failure of %s\n", path);
		dump_diags(&diags);
		dump_bytes("input", text, len);
		printf("Bail out! a fixture does not parse\n");
		exit(1);
	}
	align_diags_clear(&diags);
	return r;
}

static int same_bytes(const struct align_record *r, const char *want)
{
	size_t n = strlen(want);
	int same = r->bytes.len == n && !memcmp(r->bytes.ptr, want, n);

	if (!same) {
		dump_bytes("got", r->bytes.ptr, r->bytes.len);
		dump_bytes("want", want, n);
	}
	return same;
}

/* ---- parsing ---------------------------------------------------------- */

#define SAMPLE                                                                 \
	"# Partner webinar\n"	      /* 1 */                                  \
	"\n"			      /* 2 */                                  \
	"Intro paragraph.\n"	      /* 3 */                                  \
	"\n"			      /* 4 */                                  \
	"```ini\n"		      /* 5 */                                  \
	"[brief]\n"		      /* 6 */                                  \
	"id = partner-webinar\n"      /* 7 */                                  \
	"status = draft\n"	      /* 8 */                                  \
	"owner = ana ; lead\n"	      /* 9 */                                  \
	"\n"			      /* 10 */                                 \
	"[kr \"attendance\"]\n"	      /* 11 */                                 \
	"target = 45%\n"	      /* 12 */                                 \
	"```\n"			      /* 13 */                                 \
	"\n"			      /* 14 */                                 \
	"## Why are we doing this?\n" /* 15 */                                 \
	"\n"			      /* 16 */                                 \
	"Because.\n"		      /* 17 */

static void test_parse_md(void)
{
	struct align_record *r =
	    parse("briefs/partner-webinar.md", SAMPLE, strlen(SAMPLE));

	if (!ok(r != NULL, "a Markdown record parses")) {
		return;
	}
	is_int(r->format, ALIGN_RECORD_MD, "format is Markdown");
	is_str(r->path, "briefs/partner-webinar.md", "path is kept");
	is_str(r->title, "Partner webinar", "title");
	is_int((long long)r->title_line, 1, "title line");
	is_str(align_record_kind(r), "brief", "kind is the first section");
	is_str(align_record_id(r), "partner-webinar", "id");
	is_str(align_record_get(r, "brief", NULL, "status"), "draft",
	       "get status");
	is_str(align_record_get(r, "brief", NULL, "owner"), "ana",
	       "get drops the inline comment");
	is_str(align_record_get(r, "kr", "attendance", "target"), "45%",
	       "get in a subsection");
	ok(align_record_get(r, "kr", NULL, "target") == NULL,
	   "get without the subsection finds nothing");
	ok(align_record_get(r, "brief", NULL, "nope") == NULL,
	   "get of a missing key");
	ok(align_record_get(r, "nope", NULL, "id") == NULL,
	   "get of a missing section");
	is_int((long long)align_record_line(r, "brief", NULL, "status"), 8,
	       "status is on line 8 of the file");
	is_int((long long)align_record_line(r, "kr", "attendance", "target"),
	       12, "target is on line 12 of the file");
	is_int((long long)align_record_line(r, "brief", NULL, "nope"), 0,
	       "line of a missing field is 0");
	is_int((long long)r->nlines, 17, "17 lines");
	is_str(r->eol, "\n", "LF line endings");
	ok(r->ini_first == 6 && r->ini_last == 12 && r->ini_close == 13,
	   "the fields are lines 6-12, the fence closes at 13");
	align_record_free(r);
	align_record_free(NULL);
	ok(1, "align_record_free(NULL) is a no-op");
}

/* Records parsed with a shared memo are those parsed without one. */
static void test_parse_memo(void)
{
	struct align_ini_memo *memo = align_ini_memo_new();
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int good = 1;

	for (int i = 0; i < 3; i++) {
		struct align_record *a = parse("briefs/x.md", SAMPLE,
					       strlen(SAMPLE));
		struct align_record *b = NULL;

		align_record_parse_memo(&b, "briefs/x.md", SAMPLE,
					strlen(SAMPLE), NULL, memo, &diags);
		good = good && a && b && a->ini.nfields == b->ini.nfields &&
		       a->ini.nsections == b->ini.nsections;
		for (size_t f = 0; good && f < a->ini.nfields; f++) {
			const struct align_ini_field *x = &a->ini.fields[f];
			const struct align_ini_field *y = &b->ini.fields[f];
			good = !strcmp(x->key, y->key) &&
			       !strcmp(x->value, y->value) &&
			       x->line == y->line && x->section == y->section &&
			       x->value_start == y->value_start &&
			       x->value_end == y->value_end;
		}
		align_record_free(a);
		align_record_free(b);
	}
	ok(good && diags.count == 0,
	   "a record parses the same, three times, with a shared memo");
	align_diags_clear(&diags);
	align_ini_memo_free(memo);
}

static struct align_record *parse_str(const char *path, const char *text)
{
	return parse(path, text, strlen(text));
}

/* Replaces every "\n" of `lf` by "\r\n". */
static void to_crlf(struct align_buf *out, const char *lf)
{
	align_buf_clear(out);
	for (; *lf; lf++) {
		if (*lf == '\n') {
			align_buf_addch(out, '\r');
		}
		align_buf_addch(out, *lf);
	}
}

static void test_parse_crlf_ini(void)
{
	struct align_buf crlf = ALIGN_BUF_INIT, prose = ALIGN_BUF_INIT;
	struct align_record *r;
	const char *ini = "; an okr\n[okr]\nid = q4-growth\n\n[kr \"mql\"]\n"
			  "target=300\nactual =";

	to_crlf(&crlf, SAMPLE);
	r = parse("briefs/x.md", crlf.ptr, crlf.len);
	if (ok(r != NULL, "a CRLF Markdown record parses")) {
		is_str(r->eol, "\r\n", "CRLF line endings are detected");
		is_str(r->title, "Partner webinar", "CRLF title has no CR");
		is_str(align_record_get(r, "brief", NULL, "owner"), "ana",
		       "CRLF values have no CR");
		is_int((long long)align_record_line(r, "kr", "attendance",
						    "target"),
		       12, "CRLF line numbers");
		align_record_prose(r, &prose);
		is_str(prose.ptr,
		       "Intro paragraph.\n\n\n## Why are we doing this?\n\n"
		       "Because.\n",
		       "CRLF prose comes out with LF");
	}
	align_record_free(r);

	r = parse("okrs/q4.ini", ini, strlen(ini));
	if (ok(r != NULL, "an INI record parses")) {
		is_int(r->format, ALIGN_RECORD_INI, "format is INI");
		ok(r->title == NULL, "an INI record has no title");
		is_str(align_record_kind(r), "okr", "INI kind");
		is_str(align_record_id(r), "q4-growth", "INI id");
		is_str(align_record_get(r, "kr", "mql", "target"), "300",
		       "INI key=value without spaces");
		is_str(align_record_get(r, "kr", "mql", "actual"), "",
		       "INI empty value on the last line without newline");
		is_int((long long)align_record_line(r, "kr", "mql", "actual"),
		       7, "INI line numbers");
		align_buf_clear(&prose);
		align_record_prose(r, &prose);
		is_int((long long)prose.len, 0, "an INI record has no prose");
	}
	align_record_free(r);
	align_buf_release(&crlf);
	align_buf_release(&prose);

	is_int(align_record_format_of("a/b.md"), ALIGN_RECORD_MD,
	       "format of .md");
	is_int(align_record_format_of("a/b.ini"), ALIGN_RECORD_INI,
	       "format of .ini");
	is_int(align_record_format_of("a/b.txt"), -1, "format of .txt");
	is_int(align_record_format_of("md"), -1, "format of 'md'");
}

/*
 * `text` at `path` is refused: NULL record, ALIGN_EINVALID, and a
 * diagnostic at `line` whose message holds `word`.
 */
static void refused(const char *name, const char *path, const char *text,
		    size_t len, const struct align_record_limits *limits,
		    size_t line, const char *word)
{
	struct align_record *r = (struct align_record *)&r;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret = align_record_parse(&r, path, text, len, limits, &diags);
	int found = 0;

	for (size_t i = 0; i < diags.count; i++) {
		if (diags.items[i].line == line &&
		    strstr(diags.items[i].message, word) &&
		    !strcmp(diags.items[i].path, path)) {
			found = 1;
		}
	}
	if (!ok(ret == ALIGN_EINVALID && r == NULL && found,
		"refused: %s (line %zu, '%s')", name, line, word)) {
		printf("#   ret %d\n", ret);
		dump_diags(&diags);
	}
	align_record_free(r == (struct align_record *)&r ? NULL : r);
	align_diags_clear(&diags);
}

#define REFUSED(name, path, lit, line, word)                                   \
	refused((name), (path), (lit), sizeof(lit) - 1, NULL, (line), (word))

static void test_parse_errors(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	struct align_record_limits limits = {100};
	struct align_record *r = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret;

	REFUSED("no title", "x.md", "Text.\n\n```ini\n[brief]\nid = x\n```\n",
		1, "Title");
	REFUSED("a level-2 heading is not a title", "x.md",
		"## Sub\n\n```ini\n[brief]\nid = x\n```\n", 1, "Title");
	REFUSED("no ini block", "x.md", "# T\n\nJust prose.\n", 0, "```ini");
	REFUSED("an ini block inside a list is not the record's", "x.md",
		"# T\n\n- item\n\n  ```ini\n  [brief]\n  id = x\n  ```\n", 0,
		"```ini");
	REFUSED("a ```inix block is not an ini block", "x.md",
		"# T\n\n```inix\n[brief]\nid = x\n```\n", 0, "```ini");
	REFUSED("two ini blocks", "x.md",
		"# T\n\n```ini\n[brief]\nid = x\n```\n\n```ini\n[okr]\n```\n",
		0, "2 ```ini blocks");
	REFUSED("an unclosed ini block", "x.md",
		"# T\n\n```ini\n[brief]\nid = x\n\nMore text.\n", 3,
		"unclosed");
	REFUSED("a ```` block closed by ```", "x.md",
		"# T\n\n````ini\n[brief]\nid = x\n```\n", 3, "unclosed");
	REFUSED("a NUL byte", "x.md", "# T\n\n```\0ini\n", 0, "offset 8");
	REFUSED("a NUL byte in an INI record", "x.ini", "[a]\nk = \0\n", 0,
		"NUL");
	REFUSED("invalid UTF-8", "x.md",
		"# T\n\n```ini\n[brief]\nid = \xc3\x28\n```\n", 5, "UTF-8");
	REFUSED("invalid UTF-8 in prose", "x.md",
		"# T\n\n```ini\n[brief]\nid = x\n```\n\nOl\xe9 \xff\n", 8,
		"UTF-8");
	REFUSED("an ini error is reported at its file line", "x.md",
		"# T\n\n```ini\n[brief]\nid = x\n  more = y\n```\n", 6,
		"indented");
	REFUSED("a duplicate key at its file line", "x.md",
		"# T\n\nText.\n\n```ini\n[brief]\nid = x\nid = y\n```\n", 8,
		"duplicate key");
	{
		/*
		 * A first section with a subsection parses (people.ini is all
		 * [person "x"]); check refuses it in a kind's folder.
		 */
		struct align_diags d = ALIGN_DIAGS_INIT;
		struct align_record *rec = NULL;
		static const char text[] =
			"# T\n\n```ini\n[brief \"x\"]\nid = x\n```\n";
		int parsed = align_record_parse(&rec, "x.md", text,
						sizeof(text) - 1, NULL, &d);
		ok(parsed == 0 && rec && !align_record_id(rec) &&
			   !strcmp(align_record_kind(rec), "brief"),
		   "a first section with a subsection parses, with no id");
		align_record_free(rec);
		align_diags_clear(&d);
	}
	REFUSED("an ini block with only comments", "x.md",
		"# T\n\n```ini\n; nothing\n```\n", 4, "no fields");
	REFUSED("an empty INI record", "x.ini", "", 1, "no fields");
	REFUSED("not a record", "x.txt", "[a]\nk = v\n", 0, ".md or .ini");

	/* Size limits. */
	align_buf_sets(&b, "[a]\nk = ");
	while (b.len < 99) {
		align_buf_addch(&b, 'v');
	}
	align_buf_addch(&b, '\n');
	ret = align_record_parse(&r, "x.ini", b.ptr, b.len, &limits, &diags);
	ok(ret == 0 && r != NULL, "a record of exactly max_size bytes parses");
	align_record_free(r);
	align_buf_adds(&b, ";\n");
	refused("a record over max_size", "x.ini", b.ptr, b.len, &limits, 0,
		"the limit is 100 bytes");
	align_buf_sets(&b, "[a]\nk = v\n");
	while (b.len <= ALIGN_RECORD_MAX_SIZE) {
		align_buf_adds(&b, "; padding padding padding padding\n");
	}
	refused("a record over the default 64 KiB", "x.ini", b.ptr, b.len, NULL,
		0, "65536");
	limits.max_size = 2 * ALIGN_RECORD_MAX_SIZE;
	ret = align_record_parse(&r, "x.ini", b.ptr, b.len, &limits, &diags);
	ok(ret == 0 && r != NULL, "a larger max_size admits it");
	align_record_free(r);
	align_diags_clear(&diags);

	/* Nesting that cmark 0.30.2 would take quadratic time over. */
	align_buf_sets(&b, "# T\n\n```ini\n[brief]\nid = x\n```\n\n");
	for (int i = 0; i < ALIGN_MD_NESTING_MAX; i++) {
		align_buf_addch(&b, '>');
	}
	align_buf_adds(&b, " deep\n");
	ret = align_record_parse(&r, "x.md", b.ptr, b.len, NULL, &diags);
	ok(ret == 0 && r != NULL,
	   "quotes nested ALIGN_MD_NESTING_MAX deep parse");
	dump_diags(&diags);
	align_record_free(r);
	align_diags_clear(&diags);
	align_buf_setlen(&b, b.len - 6);
	align_buf_adds(&b, "> deep\n");
	refused("quotes nested one deeper than the limit", "x.md", b.ptr, b.len,
		NULL, 8, "nested");
	align_buf_sets(&b, "# T\n\n```ini\n[brief]\nid = x\n```\n\nText.\n");
	for (int i = 0; i < 100; i++) {
		align_buf_adds(&b, "> ");
	}
	align_buf_adds(&b, "x\n");
	refused("100 nested '> ' quotes", "x.md", b.ptr, b.len, NULL, 9,
		"the limit is 64");
	align_buf_sets(&b, "# T\n\n```ini\n[brief]\nid = x\n```\n\n");
	for (int i = 0; i < 100; i++) {
		for (int k = 0; k < i; k++) {
			align_buf_adds(&b, "  ");
		}
		align_buf_adds(&b, "- item\n");
	}
	refused("a list nested 100 deep", "x.md", b.ptr, b.len, NULL, 107,
		"nested");
	align_buf_sets(&b, "# T\n\n");
	for (int i = 0; i < 100; i++) {
		align_buf_adds(&b, "- ");
	}
	align_buf_adds(&b, "x\n\n```ini\n[brief]\nid = x\n```\n");
	refused("100 '- ' list markers on one line", "x.md", b.ptr, b.len, NULL,
		3, "nested");
	align_buf_release(&b);
}

/* ---- the writer ------------------------------------------------------- */

static void test_set(void)
{
	struct align_buf err = ALIGN_BUF_INIT, crlf = ALIGN_BUF_INIT;
	struct align_buf want = ALIGN_BUF_INIT;
	struct align_record *r;
	int ret;

	r = parse("x.md", SAMPLE, strlen(SAMPLE));
	ret = align_record_set(r, "brief", NULL, "status", "approved", &err);
	is_int(ret, 0, "set an existing field");
	ok(same_bytes(r, "# Partner webinar\n\nIntro paragraph.\n\n```ini\n"
			 "[brief]\nid = partner-webinar\nstatus = approved\n"
			 "owner = ana ; lead\n\n[kr \"attendance\"]\n"
			 "target = 45%\n```\n\n## Why are we doing this?\n\n"
			 "Because.\n"),
	   "only the value changes");
	is_str(align_record_get(r, "brief", NULL, "status"), "approved",
	       "get returns the new value");

	ret =
	    align_record_set(r, "brief", NULL, "owner", "bo@example.com", &err);
	ok(ret == 0 &&
	       strstr(r->bytes.ptr, "\nowner = bo@example.com ; lead\n"),
	   "an inline comment after the value is kept");

	ret = align_record_set(r, "brief", NULL, "channel", "email", &err);
	is_int(ret, 0, "set a new key");
	ok(same_bytes(r, "# Partner webinar\n\nIntro paragraph.\n\n```ini\n"
			 "[brief]\nid = partner-webinar\nstatus = approved\n"
			 "owner = bo@example.com ; lead\nchannel = email\n\n"
			 "[kr \"attendance\"]\ntarget = 45%\n```\n\n"
			 "## Why are we doing this?\n\nBecause.\n"),
	   "the new key is one line after the section's last field");
	is_int((long long)align_record_line(r, "brief", NULL, "channel"), 10,
	       "the new field's line");
	is_int((long long)align_record_line(r, "kr", "attendance", "target"),
	       13, "later fields move down one line");

	ret = align_record_set(r, "kr", "attendance", "actual", "", &err);
	is_int(ret, 0, "set a new key with an empty value");
	ok(strstr(r->bytes.ptr, "target = 45%\nactual = \n```\n") != NULL,
	   "appended to the last section, before the closing fence");
	is_str(align_record_get(r, "kr", "attendance", "actual"), "",
	       "the empty value reads back");

	ret = align_record_set(r, "kr", "reach", "target", "10000", &err);
	is_int(ret, 0, "set in a new section");
	ok(same_bytes(r, "# Partner webinar\n\nIntro paragraph.\n\n```ini\n"
			 "[brief]\nid = partner-webinar\nstatus = approved\n"
			 "owner = bo@example.com ; lead\nchannel = email\n\n"
			 "[kr \"attendance\"]\ntarget = 45%\nactual = \n\n"
			 "[kr \"reach\"]\ntarget = 10000\n```\n\n"
			 "## Why are we doing this?\n\nBecause.\n"),
	   "the new section is added at the end of the block, before the "
	   "fence");
	is_str(align_record_get(r, "kr", "reach", "target"), "10000",
	       "the new section's field reads back");
	ret = align_record_set(r, "kr", "reach", "actual", "0", &err);
	ok(ret == 0 &&
	       strstr(r->bytes.ptr, "target = 10000\nactual = 0\n```\n"),
	   "a key added to the new section goes after its field");
	align_record_free(r);

	/* CRLF: new lines use the file's line ending. */
	to_crlf(&crlf, SAMPLE);
	r = parse("x.md", crlf.ptr, crlf.len);
	ret = align_record_set(r, "brief", NULL, "status", "live", &err);
	ret |= align_record_set(r, "brief", NULL, "channel", "email", &err);
	ret |= align_record_set(r, "kr", "reach", "target", "1", &err);
	is_int(ret, 0, "edits of a CRLF record");
	to_crlf(&want, "# Partner webinar\n\nIntro paragraph.\n\n```ini\n"
		       "[brief]\nid = partner-webinar\nstatus = live\n"
		       "owner = ana ; lead\nchannel = email\n\n"
		       "[kr \"attendance\"]\ntarget = 45%\n\n[kr \"reach\"]\n"
		       "target = 1\n```\n\n## Why are we doing this?\n\n"
		       "Because.\n");
	ok(same_bytes(r, want.ptr), "CRLF is kept and used for new lines");
	align_record_free(r);

	/* An INI record without a final newline. */
	r = parse_str("x.ini", "[okr]\nid = q4\n\n[kr \"a\"]\nk=v");
	ret = align_record_set(r, "kr", "a", "j", "w", &err);
	is_int(ret, 0, "add a key on the last line without newline");
	ok(same_bytes(r, "[okr]\nid = q4\n\n[kr \"a\"]\nk=v\nj = w"),
	   "the file still ends without a newline");
	ret = align_record_set(r, "kr", "a", "k", "x y", &err);
	ok(ret == 0 &&
	       same_bytes(r, "[okr]\nid = q4\n\n[kr \"a\"]\nk=x y\nj = w"),
	   "key=value without spaces stays without spaces");
	ret = align_record_set(r, "meta", NULL, "owner", "ana", &err);
	is_int(ret, 0, "add a section to an INI record without newline");
	ok(same_bytes(r,
		      "[okr]\nid = q4\n\n[kr \"a\"]\nk=x y\nj = w\n\n[meta]\n"
		      "owner = ana\n"),
	   "the section goes at the end after a blank line");
	ret = align_record_set(r, "okr", NULL, "status", "draft", &err);
	ok(ret == 0 && same_bytes(r, "[okr]\nid = q4\nstatus = draft\n\n"
				     "[kr \"a\"]\nk=x y\nj = w\n\n[meta]\n"
				     "owner = ana\n"),
	   "a key added to the first section goes before the blank line");
	align_record_free(r);

	/* Empty values. */
	r = parse_str("x.ini", "[a]\nk =\nj=\nl = ; c\n");
	ret = align_record_set(r, "a", NULL, "k", "1", &err);
	ret |= align_record_set(r, "a", NULL, "j", "2", &err);
	ret |= align_record_set(r, "a", NULL, "l", "3", &err);
	ok(ret == 0 && same_bytes(r, "[a]\nk = 1\nj=2\nl = 3 ; c\n"),
	   "filling empty values keeps each line's style");
	align_record_free(r);

	align_buf_release(&err);
	align_buf_release(&crlf);
	align_buf_release(&want);
}

/* set() refuses, says why (naming `word`), and changes nothing. */
static void set_refused(struct align_record *r, const char *section,
			const char *sub, const char *key, const char *value,
			const char *word, const char *name)
{
	struct align_buf err = ALIGN_BUF_INIT;
	char *before = align_strndup(r->bytes.ptr, r->bytes.len);
	size_t len = r->bytes.len;
	int ret = align_record_set(r, section, sub, key, value, &err);

	if (!ok(ret == ALIGN_EINVALID && strstr(err.ptr, word) &&
		    r->bytes.len == len && !memcmp(before, r->bytes.ptr, len),
		"set refused: %s", name)) {
		printf("#   ret %d err '%s'\n", ret, err.ptr);
	}
	free(before);
	align_buf_release(&err);
}

static void test_set_refused(void)
{
	struct align_record *r = parse("x.md", SAMPLE, strlen(SAMPLE));
	char big[200];

	memset(big, 'x', 190);
	big[190] = '\0';
	set_refused(r, "brief", NULL, "status", "a\nb", "line break",
		    "newline");
	set_refused(r, "brief", NULL, "status", "a\rb", "line break", "CR");
	set_refused(r, "brief", NULL, "status", "a\tb", "control", "tab");
	set_refused(r, "brief", NULL, "status", " a", "white space",
		    "leading space");
	set_refused(r, "brief", NULL, "status", "a ", "white space",
		    "trailing space");
	set_refused(r, "brief", NULL, "status", "a ;b", "comment", "' ;'");
	set_refused(r, "brief", NULL, "status", ";b", "comment", "leading ';'");
	set_refused(r, "brief", NULL, "status", "\xc3(", "UTF-8",
		    "invalid UTF-8");
	set_refused(r, "brief", NULL, "status", big, "too long",
		    "a line over 198 bytes");
	set_refused(r, "brief", NULL, "newkey", big, "too long",
		    "a new line over 198 bytes");
	set_refused(r, "kr", "new", "newkey", big, "too long",
		    "a new section's line over 198 bytes");
	set_refused(r, "brief", NULL, "status", "a\nb", "status",
		    "the message names the key");
	set_refused(r, "brief", NULL, "bad key", "v", "invalid", "bad key");
	set_refused(r, "brief", NULL, "", "v", "invalid", "empty key");
	set_refused(r, "1brief", NULL, "k", "v", "invalid", "bad section");
	set_refused(r, "kr", "a b", "k", "v", "invalid", "bad subsection");
	set_refused(r, "kr", "", "k", "v", "invalid", "empty subsection");
	is_str(align_record_get(r, "brief", NULL, "status"), "draft",
	       "the record is intact after refusals");
	align_record_free(r);
}

static void test_limits_kept(void)
{
	struct align_record_limits limits = {4 * ALIGN_RECORD_MAX_SIZE};
	struct align_buf b = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *r = NULL;
	int ret;

	/* A record over the default size, admitted by a configured limit. */
	align_buf_sets(&b,
		       "# Big\n\n```ini\n[brief]\nid = big\nstatus = draft\n"
		       "```\n\n");
	while (b.len < ALIGN_RECORD_MAX_SIZE + 1000) {
		align_buf_adds(&b,
			       "A long paragraph of prose, line after line.\n");
	}
	ret = align_record_parse(&r, "big.md", b.ptr, b.len, &limits, &diags);
	if (!ok(ret == 0 && r, "a 65 KB record parses under a 256 KiB limit")) {
		dump_diags(&diags);
		align_buf_release(&b);
		align_diags_clear(&diags);
		return;
	}
	ret = align_record_set(r, "brief", NULL, "status", "approved", &err);
	if (!is_int(ret, 0,
		    "it can be edited under the limit it was read with")) {
		printf("#   err '%s'\n", err.ptr);
	}
	is_str(align_record_get(r, "brief", NULL, "id"), "big",
	       "and its fields are still readable afterwards");
	align_record_free(r);
	align_buf_release(&b);
	align_buf_release(&err);
	align_diags_clear(&diags);
}

static void test_title(void)
{
	struct align_buf err = ALIGN_BUF_INIT, prose = ALIGN_BUF_INIT;
	struct align_record *r = parse("x.md", SAMPLE, strlen(SAMPLE));
	char big[ALIGN_TITLE_MAX + 2];
	char *before;
	int ret;

	ret = align_record_set_title(r, "Webinar for partners", &err);
	is_int(ret, 0, "set_title");
	is_str(r->title, "Webinar for partners", "the new title reads back");
	{
		const char *sample = SAMPLE;
		size_t n = strlen(sample);

		ok(r->bytes.len == n + 5 &&
		       !memcmp(r->bytes.ptr, "# Webinar for partners\n", 23) &&
		       !memcmp(r->bytes.ptr + 23, sample + 18, n - 18),
		   "only the title line changes");
	}

	memset(big, 't', ALIGN_TITLE_MAX);
	big[ALIGN_TITLE_MAX] = '\0';
	ret = align_record_set_title(r, big, &err);
	ok(ret == 0 && r->title && strlen(r->title) == ALIGN_TITLE_MAX,
	   "a title of exactly 200 bytes");
	before = align_strndup(r->bytes.ptr, r->bytes.len);
	big[ALIGN_TITLE_MAX] = 't';
	big[ALIGN_TITLE_MAX + 1] = '\0';
	ok(align_record_set_title(r, big, &err) == ALIGN_EINVALID &&
	       strstr(err.ptr, "too long"),
	   "a 201-byte title is refused");
	ok(align_record_set_title(r, "", &err) == ALIGN_EINVALID &&
	       strstr(err.ptr, "empty"),
	   "an empty title is refused");
	ok(align_record_set_title(r, "   ", &err) == ALIGN_EINVALID,
	   "a blank title is refused");
	ok(align_record_set_title(r, "a\nb", &err) == ALIGN_EINVALID &&
	       strstr(err.ptr, "control"),
	   "a title with a newline is refused");
	ok(align_record_set_title(r, "a\tb", &err) == ALIGN_EINVALID,
	   "a title with a tab is refused");
	ok(align_record_set_title(r, "\xff", &err) == ALIGN_EINVALID &&
	       strstr(err.ptr, "UTF-8"),
	   "a title that is not UTF-8 is refused");
	ok(r->bytes.len == strlen(before) && !strcmp(r->bytes.ptr, before),
	   "refused titles change nothing");
	free(before);
	align_record_free(r);

	r = parse_str("x.ini", "[a]\nk = v\n");
	ok(align_record_set_title(r, "T", &err) == ALIGN_EINVALID &&
	       strstr(err.ptr, "title"),
	   "an INI record has no title to set");
	align_record_free(r);

	/* Whatever set_title accepts must read back as the same title. */
	{
		const char *titles[] = {
		    "Issue #",	 "Q4 *launch*", "Budget <b>2027</b>",
		    "A &amp; B", "Price \\$5",	"`code` title"};

		for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++) {
			r = parse("x.md", SAMPLE, strlen(SAMPLE));
			ret = align_record_set_title(r, titles[i], &err);
			if (!ok(ret == ALIGN_EINVALID ||
				    (ret == 0 && r->title &&
				     !strcmp(r->title, titles[i])),
				"title '%s' is refused or reads back the same",
				titles[i])) {
				printf("#   reads back as '%s'\n", r->title);
			}
			align_record_free(r);
		}
	}

	/* A setext title is two lines; replacing one must not leave '==='. */
	{
		const char *setext = "Old title\n=========\n\n```ini\n[brief]\n"
				     "id = x\n```\n\nBody.\n";

		r = parse("x.md", setext, strlen(setext));
		is_str(r->title, "Old title", "a setext title is read");
		ret = align_record_set_title(r, "New", &err);
		align_record_prose(r, &prose);
		ok(ret == ALIGN_EINVALID ||
		       (ret == 0 && r->title && !strcmp(r->title, "New") &&
			!strcmp(prose.ptr, "Body.\n")),
		   "set_title on a setext title leaves no stray underline");
		if (ret == 0 && strcmp(prose.ptr, "Body.\n")) {
			dump_bytes("prose after set_title", prose.ptr,
				   prose.len);
		}
		align_record_free(r);
	}
	align_buf_release(&err);
	align_buf_release(&prose);
}

static void test_prose(void)
{
	struct align_buf out = ALIGN_BUF_INIT;
	struct align_record *r = parse("x.md", SAMPLE, strlen(SAMPLE));
	const char *top = "Lead.\n```ini\n[brief]\nid = x\n```\n# Title\n\n\n";

	align_record_prose(r, &out);
	is_str(out.ptr,
	       "Intro paragraph.\n\n\n## Why are we doing this?\n\nBecause.\n",
	       "prose is every line but the title and the ini block");
	align_record_free(r);

	align_buf_sets(&out, "keep:");
	r = parse("x.md", top, strlen(top));
	align_record_prose(r, &out);
	is_str(out.ptr, "keep:Lead.\n",
	       "prose appends, and trailing blank lines are dropped");
	align_record_free(r);

	align_buf_clear(&out);
	r = parse_str("x.md", "# T\n```ini\n[a]\n```");
	align_record_prose(r, &out);
	is_int((long long)out.len, 0,
	       "a record of title and fields has no prose");
	align_record_free(r);
	align_buf_release(&out);
}

/* ---- property test ---------------------------------------------------- */

struct rng {
	uint64_t s;
};

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned rnd(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

static int chance(struct rng *r, unsigned percent)
{
	return rnd(r, 100) < percent;
}

#define G_SECTIONS 8
#define G_FIELDS 64

struct gfield {
	int section;
	char key[16];
	char value[80];
	char pre[32]; /* the line up to and including '=' */
	char cmt[64]; /* the inline comment from its ';', or "" */
	size_t line;
};

struct gsection {
	char name[16];
	char sub[24]; /* "" for none */
	size_t line;
};

struct gen {
	struct rng rng;
	int md;
	int eol_mode; /* 0 LF, 1 CRLF, 2 mixed */
	struct align_buf text;
	size_t *starts; /* byte offset of each line */
	size_t *lens;	/* length of each line without its ending */
	size_t nlines, alloc, alloc2;
	size_t crlf, lf;
	int last_eol; /* the last line has a line ending */
	struct gsection sections[G_SECTIONS];
	int nsections;
	struct gfield fields[G_FIELDS];
	int nfields;
	size_t close_line; /* Markdown: the closing fence */
};

static void add_line(struct gen *g, const char *content)
{
	int crlf =
	    g->eol_mode == 1 || (g->eol_mode == 2 && chance(&g->rng, 50));

	ALIGN_ARRAY_GROW(g->starts, g->alloc, g->nlines + 1);
	ALIGN_ARRAY_GROW(g->lens, g->alloc2, g->nlines + 1);
	g->starts[g->nlines] = g->text.len;
	g->lens[g->nlines] = strlen(content);
	g->nlines++;
	align_buf_adds(&g->text, content);
	align_buf_adds(&g->text, crlf ? "\r\n" : "\n");
	if (crlf) {
		g->crlf++;
	} else {
		g->lf++;
	}
	g->last_eol = 1;
}

static const char *const atoms[] = {
    "a",
    "b",
    "c",
    "d",
    "e",
    "k",
    "m",
    "q",
    "x",
    "z",
    "A",
    "Q",
    "0",
    "1",
    "4",
    "9",
    ";",
    "#",
    "%",
    "=",
    ":",
    "\"",
    "'",
    "[",
    "]",
    "/",
    "?",
    "&",
    "(",
    ")",
    ",",
    ".",
    "-",
    "_",
    "@",
    "!",
    "*",
    "`",
    "~",
    "<",
    ">",
    "\\",
    "+",
    "$",
    " ",
    " ",
    " ",
    "\xc3\xa9",
    "\xe2\x98\x95",
    "\xe6\x97\xa5",
    "\xf0\x9f\x98\x80",
    "\xc2\xa0",
};

/* A value that the dialect can hold: by construction, not by filtering. */
static void gen_value(struct rng *r, char *out, size_t max)
{
	size_t n = 0, atoms_n = 1 + rnd(r, chance(r, 20) ? 50 : 12);

	out[0] = '\0';
	for (size_t i = 0; i < atoms_n; i++) {
		const char *a = atoms[rnd(r, sizeof(atoms) / sizeof(*atoms))];
		size_t al = strlen(a);
		int prev_space = n > 0 && out[n - 1] == ' ';

		if ((a[0] == ' ' || a[0] == ';') && (n == 0 || prev_space)) {
			continue;
		}
		if (n + al >= max) {
			break;
		}
		memcpy(out + n, a, al + 1);
		n += al;
	}
	while (n > 0 && out[n - 1] == ' ') {
		out[--n] = '\0';
	}
}

static void gen_word(struct rng *r, char *out, size_t max, const char *first,
		     const char *rest)
{
	size_t n = 1 + rnd(r, (unsigned)max - 1);

	out[0] = first[rnd(r, (unsigned)strlen(first))];
	for (size_t i = 1; i < n; i++) {
		out[i] = rest[rnd(r, (unsigned)strlen(rest))];
	}
	out[n] = '\0';
}

static void gen_key(struct rng *r, char *out)
{
	static const char *const common[] = {
	    "id",     "status",	 "owner",  "due",  "target",
	    "actual", "channel", "budget", "note", "url"};

	if (chance(r, 50)) {
		snprintf(out, 16, "%s", common[rnd(r, 10)]);
	} else {
		gen_word(r, out, 10, "abcdefghijklmnopqrstuvwxyzABCZ",
			 "abcdefghijklmnopqrstuvwxyz0123456789_.-");
	}
}

static void gen_text(struct rng *r, struct align_buf *out, int words)
{
	static const char *const vocab[] = {
	    "pipeline",
	    "webinar",
	    "Q4",
	    "partners",
	    "=",
	    "key = value",
	    "[brief]",
	    "; not",
	    "# not",
	    "50%",
	    "caf\xc3\xa9",
	    "`ini`",
	    "*launch*",
	    "\xe6\x97\xa5\xe6\x9c\xac",
	    "a;b",
	    "x:y",
	    "http://x/?a=1",
	};

	for (int i = 0; i < words; i++) {
		if (i) {
			align_buf_addch(out, ' ');
		}
		align_buf_adds(out,
			       vocab[rnd(r, sizeof(vocab) / sizeof(*vocab))]);
	}
}

static void gen_comment(struct gen *g)
{
	struct align_buf c = ALIGN_BUF_INIT;
	static const char *const lead[] = {";",	   "#",	   "; ", "# ",
					   "  ; ", "\t# ", ";;"};

	align_buf_adds(&c, lead[rnd(&g->rng, 7)]);
	gen_text(&g->rng, &c, (int)rnd(&g->rng, 6));
	add_line(g, c.ptr);
	align_buf_release(&c);
}

static void gen_blank(struct gen *g)
{
	static const char *const blanks[] = {"", "", "", " ", "\t", "   "};

	add_line(g, blanks[rnd(&g->rng, 6)]);
}

static int find_gsection(const struct gen *g, const char *name, const char *sub)
{
	for (int i = 0; i < g->nsections; i++) {
		if (!strcmp(g->sections[i].name, name) &&
		    !strcmp(g->sections[i].sub, sub)) {
			return i;
		}
	}
	return -1;
}

static int find_gfield(const struct gen *g, int section, const char *key)
{
	for (int i = 0; i < g->nfields; i++) {
		if (g->fields[i].section == section &&
		    !strcmp(g->fields[i].key, key)) {
			return i;
		}
	}
	return -1;
}

static void gen_section_name(struct rng *r, char *name, char *sub)
{
	static const char *const names[] = {"kr",  "owner", "budget", "meta",
					    "x.y", "a-b",   "Links",  "brief"};

	if (chance(r, 70)) {
		snprintf(name, 16, "%s", names[rnd(r, 8)]);
	} else {
		gen_word(r, name, 10, "abcdefghijklmnopqrstuvwxyz",
			 "abcdefghijklmnopqrstuvwxyz0123456789_.-");
	}
	sub[0] = '\0';
	if (chance(r, 60)) {
		gen_word(r, sub, 14, "abcdefghijklmnopqrstuvwxyz0123456789",
			 "abcdefghijklmnopqrstuvwxyz0123456789_.@-");
	}
}

static void gen_field(struct gen *g, int section, const char *key)
{
	static const char *const seps[][2] = {
	    {" ", " "},	   {"", ""},	 {" ", ""},  {"", " "},
	    {"  ", "   "}, {"\t", "\t"}, {" ", " "}, {" ", " "},
	};
	struct gfield *f = &g->fields[g->nfields++];
	struct align_buf line = ALIGN_BUF_INIT;
	unsigned s = rnd(&g->rng, 8);

	f->section = section;
	snprintf(f->key, sizeof(f->key), "%s", key);
	if (chance(&g->rng, 15)) {
		f->value[0] = '\0';
	} else {
		gen_value(&g->rng, f->value, 60);
	}
	snprintf(f->pre, sizeof(f->pre), "%s%s=", key, seps[s][0]);
	f->cmt[0] = '\0';
	align_buf_adds(&line, f->pre);
	align_buf_adds(&line, seps[s][1]);
	align_buf_adds(&line, f->value);
	if (chance(&g->rng, 25)) {
		static const char *const ws[] = {" ", "  ", "\t"};
		struct align_buf c = ALIGN_BUF_INIT;

		align_buf_addch(&c, ';');
		gen_text(&g->rng, &c, (int)rnd(&g->rng, 4));
		snprintf(f->cmt, sizeof(f->cmt), "%s", c.ptr);
		align_buf_adds(&line, ws[rnd(&g->rng, 3)]);
		align_buf_adds(&line, f->cmt);
		align_buf_release(&c);
	}
	f->line = g->nlines + 1;
	add_line(g, line.ptr);
	align_buf_release(&line);
}

static void gen_ini(struct gen *g)
{
	int nsections = 1 + (int)rnd(&g->rng, 4);

	while (chance(&g->rng, 30)) {
		chance(&g->rng, 50) ? gen_comment(g) : gen_blank(g);
	}
	for (int s = 0; s < nsections; s++) {
		struct gsection *sec = &g->sections[g->nsections];
		struct align_buf hdr = ALIGN_BUF_INIT;
		int nfields = (int)rnd(&g->rng, 7), id_at;

		if (s == 0) {
			static const char *const kinds[] = {"brief", "okr",
							    "raci", "campaign"};
			snprintf(sec->name, sizeof(sec->name), "%s",
				 kinds[rnd(&g->rng, 4)]);
			sec->sub[0] = '\0';
		} else {
			do {
				gen_section_name(&g->rng, sec->name, sec->sub);
			} while (find_gsection(g, sec->name, sec->sub) >= 0);
		}
		align_buf_addf(&hdr, "[%s", sec->name);
		if (sec->sub[0]) {
			align_buf_addf(&hdr, " \"%s\"", sec->sub);
		}
		align_buf_addch(&hdr, ']');
		sec->line = g->nlines + 1;
		add_line(g, hdr.ptr);
		align_buf_release(&hdr);
		g->nsections++;

		id_at = s == 0 ? (int)rnd(&g->rng, (unsigned)nfields + 1) : -1;
		for (int i = 0; i < nfields || i == id_at; i++) {
			char key[16];

			while (chance(&g->rng, 15)) {
				chance(&g->rng, 60) ? gen_comment(g)
						    : gen_blank(g);
			}
			if (i == id_at) {
				snprintf(key, sizeof(key), "id");
			} else {
				do {
					gen_key(&g->rng, key);
				} while (!strcmp(key, "id") ||
					 find_gfield(g, s, key) >= 0);
			}
			gen_field(g, s, key);
		}
		while (chance(&g->rng, 35)) {
			chance(&g->rng, 40) ? gen_comment(g) : gen_blank(g);
		}
	}
}

static void gen_prose(struct gen *g)
{
	struct align_buf l = ALIGN_BUF_INIT;
	unsigned kind = rnd(&g->rng, 9);
	int n = 1 + (int)rnd(&g->rng, 3);

	switch (kind) {
	case 0: /* heading */
		align_buf_adds(&l, chance(&g->rng, 70) ? "## " : "### ");
		gen_text(&g->rng, &l, 1 + (int)rnd(&g->rng, 4));
		add_line(g, l.ptr);
		break;
	case 1: /* list, sometimes nested */
		for (int i = 0; i < n + 1; i++) {
			align_buf_clear(&l);
			align_buf_adds(&l, i && chance(&g->rng, 30) ? "  - "
					   : chance(&g->rng, 50)    ? "- "
								    : "1. ");
			gen_text(&g->rng, &l, 1 + (int)rnd(&g->rng, 5));
			add_line(g, l.ptr);
		}
		break;
	case 2: /* quote */
		for (int i = 0; i < n; i++) {
			align_buf_clear(&l);
			align_buf_adds(&l, "> ");
			gen_text(&g->rng, &l, 1 + (int)rnd(&g->rng, 5));
			add_line(g, l.ptr);
		}
		break;
	case 3: /* another code block, holding ini-looking text */
		add_line(g, chance(&g->rng, 50) ? "```sh" : "```");
		add_line(g, "[brief]");
		add_line(g, "id = not-this-one");
		add_line(g, "```");
		break;
	case 4: /* an HTML comment */
		add_line(g, "<!-- a comment, not an answer -->");
		break;
	default: /* paragraph */
		for (int i = 0; i < n; i++) {
			align_buf_clear(&l);
			align_buf_adds(&l,
				       chance(&g->rng, 50) ? "Text " : "We ");
			gen_text(&g->rng, &l, (int)rnd(&g->rng, 8));
			add_line(g, l.ptr);
		}
		break;
	}
	align_buf_release(&l);
	gen_blank(g);
}

static void gen_record(struct gen *g, uint64_t seed)
{
	memset(g, 0, sizeof(*g));
	align_buf_init(&g->text);
	g->rng.s = seed;
	g->md = chance(&g->rng, 60);
	g->eol_mode = (int)rnd(&g->rng, 3);
	if (g->md) {
		static const char *const fences[][2] = {
		    {"```ini", "```"},	     {"````ini", "`````"},
		    {"~~~ini", "~~~"},	     {"``` ini", "```  "},
		    {"```ini title", "```"},
		};
		unsigned f = rnd(&g->rng, 5);
		struct align_buf t = ALIGN_BUF_INIT;
		int before = (int)rnd(&g->rng, 4), after = (int)rnd(&g->rng, 5);

		align_buf_adds(&t, chance(&g->rng, 50) ? "# Webinar "
						       : "# Q4 plan ");
		align_buf_addf(&t, "%u", rnd(&g->rng, 1000));
		add_line(g, t.ptr);
		align_buf_release(&t);
		if (chance(&g->rng, 70)) {
			gen_blank(g);
		}
		for (int i = 0; i < before; i++) {
			gen_prose(g);
		}
		add_line(g, fences[f][0]);
		gen_ini(g);
		add_line(g, fences[f][1]);
		g->close_line = g->nlines;
		if (after && chance(&g->rng, 70)) {
			gen_blank(g);
		}
		for (int i = 0; i < after; i++) {
			gen_prose(g);
		}
	} else {
		if (chance(&g->rng, 5)) {
			align_buf_adds(&g->text, "\xef\xbb\xbf");
		}
		gen_ini(g);
	}
	/* Sometimes no final newline (only after a non-empty line). */
	if (g->nlines && g->lens[g->nlines - 1] && chance(&g->rng, 25)) {
		if (g->text.ptr[g->text.len - 2] == '\r') {
			align_buf_setlen(&g->text, g->text.len - 2);
			g->crlf--;
		} else {
			align_buf_setlen(&g->text, g->text.len - 1);
			g->lf--;
		}
		g->last_eol = 0;
	}
}

static void gen_release(struct gen *g)
{
	align_buf_release(&g->text);
	free(g->starts);
	free(g->lens);
}

enum {
	P_PARSE,
	P_SET,
	P_REPARSE,
	P_NEWVALUE,
	P_OTHERS,
	P_BYTES,
	P_PROSE,
	P_RESTORE,
	P_RESTORE_EMPTY,
	P_COUNT
};

static const char *const p_names[P_COUNT] = {
    "every generated record parses with the generator's fields and lines",
    "align_record_set succeeds for every valid edit",
    "the edited bytes parse again",
    "get() returns the new value, at the expected line",
    "every other field keeps its value and its (shifted) line",
    "bytes outside the edited or inserted line are unchanged",
    "title and prose are unchanged by field edits",
    "setting the original value back restores the file byte for byte",
    "... and through an empty value, up to blanks",
};

struct prop {
	unsigned long failures[P_COUNT];
	unsigned long runs[P_COUNT];
	uint64_t base_seed;
	/* What the generator produced, to show the inputs were varied. */
	unsigned long md, crlf, mixed, no_final_eol, empty, comments,
	    subsections, edits[3];
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

struct edit {
	int type;    /* 0 change, 1 new key, 2 new section */
	int section; /* generator's index, or -1 for a new section */
	char name[16], sub[24], key[16], value[80];
	int field; /* for a change */
};

static void describe_edit(const struct edit *e)
{
	static const char *const types[] = {"change", "new key", "new section"};

	printf("# edit: %s [%s%s%s%s] %s = '%s'\n", types[e->type], e->name,
	       e->sub[0] ? " \"" : "", e->sub, e->sub[0] ? "\"" : "", e->key,
	       e->value);
}

static void fail(struct prop *p, int prop, unsigned long iter, uint64_t seed,
		 const struct gen *g, const struct edit *e,
		 const struct align_buf *got, const char *why)
{
	if (p->failures[prop]++ == 0) {
		printf("# property '%s' failed: %s\n", p_names[prop], why);
		printf(
		    "# base seed %llu, iteration %lu (record seed %llu); rerun "
		    "with ALIGN_PROPERTY_SEED=%llu\n",
		    (unsigned long long)p->base_seed, iter,
		    (unsigned long long)seed, (unsigned long long)p->base_seed);
		describe_edit(e);
		dump_bytes(g->md ? "input (.md)" : "input (.ini)", g->text.ptr,
			   g->text.len);
		if (got) {
			dump_bytes("after", got->ptr, got->len);
		}
	}
}

static const char *gsub(const struct gen *g, int s)
{
	return g->sections[s].sub[0] ? g->sections[s].sub : NULL;
}

/* The generator's knowledge of a record, checked against a parse. */
static const char *check_model(const struct gen *g,
			       const struct align_record *r)
{
	if ((int)r->ini.nsections != g->nsections) {
		return "section count differs";
	}
	if ((int)r->ini.nfields != g->nfields) {
		return "field count differs";
	}
	if (strcmp(align_record_kind(r), g->sections[0].name)) {
		return "kind differs";
	}
	if (g->md && r->ini_close != g->close_line) {
		return "closing fence line differs";
	}
	for (int i = 0; i < g->nsections; i++) {
		long s = align_ini_find_section(&r->ini, g->sections[i].name,
						gsub(g, i));
		if (s < 0 || r->ini.sections[s].line != g->sections[i].line) {
			return "section missing or at another line";
		}
	}
	for (int i = 0; i < g->nfields; i++) {
		const struct gfield *f = &g->fields[i];
		const char *name = g->sections[f->section].name;
		const char *v =
		    align_record_get(r, name, gsub(g, f->section), f->key);
		if (!v || strcmp(v, f->value)) {
			return "a field's value differs";
		}
		if (align_record_line(r, name, gsub(g, f->section), f->key) !=
		    f->line) {
			return "a field's line differs";
		}
		if (align_ini_value_problem(f->value)) {
			return "value_problem refuses a value the dialect "
			       "holds";
		}
	}
	return NULL;
}

static void pick_edit(struct gen *g, struct edit *e)
{
	struct rng *r = &g->rng;

	memset(e, 0, sizeof(*e));
	e->type = g->nfields && chance(r, 50) ? 0 : chance(r, 50) ? 1 : 2;
	if (chance(r, 10)) {
		e->value[0] = '\0';
	} else {
		gen_value(r, e->value, 60);
	}
	if (e->type == 0) {
		const struct gfield *f;

		e->field = (int)rnd(r, (unsigned)g->nfields);
		f = &g->fields[e->field];
		e->section = f->section;
		snprintf(e->key, sizeof(e->key), "%s", f->key);
	} else if (e->type == 1) {
		e->section = (int)rnd(r, (unsigned)g->nsections);
		do {
			gen_key(r, e->key);
		} while (find_gfield(g, e->section, e->key) >= 0);
	} else {
		e->section = -1;
		do {
			gen_section_name(r, e->name, e->sub);
		} while (find_gsection(g, e->name, e->sub) >= 0);
		gen_key(r, e->key);
	}
	if (e->section >= 0) {
		snprintf(e->name, sizeof(e->name), "%s",
			 g->sections[e->section].name);
		snprintf(e->sub, sizeof(e->sub), "%s",
			 g->sections[e->section].sub);
	}
}

/* Runs one generated record through the checks. */
/* Equal once spaces and tabs are removed from both. */
static int same_but_blanks(const struct align_buf *a, const struct align_buf *b)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < a->len && (a->ptr[i] == ' ' || a->ptr[i] == '\t')) {
			i++;
		}
		while (j < b->len && (b->ptr[j] == ' ' || b->ptr[j] == '\t')) {
			j++;
		}
		if (i == a->len || j == b->len) {
			return i == a->len && j == b->len;
		}
		if (a->ptr[i++] != b->ptr[j++]) {
			return 0;
		}
	}
}

static void property_once(struct prop *p, unsigned long iter, uint64_t seed)
{
	struct gen g;
	struct edit e;
	struct align_record *r = NULL, *again = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf err = ALIGN_BUF_INIT, want = ALIGN_BUF_INIT;
	struct align_buf prose = ALIGN_BUF_INIT, prose2 = ALIGN_BUF_INIT;
	char *title = NULL;
	const char *why, *eol;
	const char *sub;
	size_t new_line = 0, shift_from = (size_t)-1;
	int ret;

	gen_record(&g, seed);
	pick_edit(&g, &e);
	p->md += g.md;
	p->crlf += g.eol_mode == 1;
	p->mixed += g.eol_mode == 2 && g.crlf && g.lf;
	p->no_final_eol += !g.last_eol;
	p->edits[e.type]++;
	for (int i = 0; i < g.nfields; i++) {
		p->empty += !g.fields[i].value[0];
		p->comments += g.fields[i].cmt[0] != '\0';
	}
	for (int i = 0; i < g.nsections; i++) {
		p->subsections += g.sections[i].sub[0] != '\0';
	}
	sub = e.sub[0] ? e.sub : NULL;
	eol = g.crlf > g.lf ? "\r\n" : "\n";

	p->runs[P_PARSE]++;
	ret = align_record_parse(&r, g.md ? "r.md" : "r.ini", g.text.ptr,
				 g.text.len, NULL, &diags);
	if (ret < 0) {
		fail(p, P_PARSE, iter, seed, &g, &e, NULL, "parse failed");
		if (p->failures[P_PARSE] == 1) {
			dump_diags(&diags);
		}
		goto done;
	}
	if ((why = check_model(&g, r))) {
		fail(p, P_PARSE, iter, seed, &g, &e, NULL, why);
		goto done;
	}
	if (g.md) {
		title = align_strdup(r->title ? r->title : "(null)");
		align_record_prose(r, &prose);
	}

	p->runs[P_SET]++;
	ret = align_record_set(r, e.name, sub, e.key, e.value, &err);
	if (ret < 0) {
		fail(p, P_SET, iter, seed, &g, &e, NULL, err.ptr);
		goto done;
	}

	/* (1) the result parses again, from scratch. */
	p->runs[P_REPARSE]++;
	align_diags_clear(&diags);
	if (align_record_parse(&again, g.md ? "r.md" : "r.ini", r->bytes.ptr,
			       r->bytes.len, NULL, &diags) < 0) {
		fail(p, P_REPARSE, iter, seed, &g, &e, &r->bytes,
		     "the edited record does not parse");
		if (p->failures[P_REPARSE] == 1) {
			dump_diags(&diags);
		}
		goto done;
	}

	/* (4) the bytes: exactly one line changed or inserted. */
	p->runs[P_BYTES]++;
	if (e.type == 0) {
		const struct gfield *f = &g.fields[e.field];
		size_t ls = g.starts[f->line - 1];
		size_t tail = g.text.len - (ls + g.lens[f->line - 1]);
		const char *nl, *mid, *mid_end;
		size_t n, pl = strlen(f->pre), cl = strlen(f->cmt);

		new_line = f->line;
		why = NULL;
		if (r->bytes.len < ls + tail ||
		    memcmp(r->bytes.ptr, g.text.ptr, ls) ||
		    memcmp(r->bytes.ptr + r->bytes.len - tail,
			   g.text.ptr + g.text.len - tail, tail)) {
			why = "bytes before or after the field's line changed";
		} else {
			nl = r->bytes.ptr + ls;
			n = r->bytes.len - tail - ls;
			if (n < pl + cl || memcmp(nl, f->pre, pl) ||
			    memcmp(nl + n - cl, f->cmt, cl)) {
				why = "the key or the inline comment changed";
			} else {
				mid = nl + pl;
				mid_end = nl + n - cl;
				while (mid < mid_end && is_ws(*mid)) {
					mid++;
				}
				while (mid_end > mid && is_ws(mid_end[-1])) {
					mid_end--;
				}
				if ((size_t)(mid_end - mid) !=
					strlen(e.value) ||
				    memcmp(mid, e.value, strlen(e.value)) ||
				    memchr(nl, '\n', n)) {
					why = "the line does not hold the new "
					      "value";
				}
			}
		}
		if (why) {
			fail(p, P_BYTES, iter, seed, &g, &e, &r->bytes, why);
		}
	} else {
		size_t pos;

		align_buf_clear(&want);
		if (e.type == 1) {
			size_t after = g.sections[e.section].line;

			for (int i = 0; i < g.nfields; i++) {
				if (g.fields[i].section == e.section &&
				    g.fields[i].line > after) {
					after = g.fields[i].line;
				}
			}
			pos = after < g.nlines ? g.starts[after] : g.text.len;
			align_buf_add(&want, g.text.ptr, pos);
			if (after == g.nlines && !g.last_eol) {
				align_buf_adds(&want, eol);
				align_buf_addf(&want, "%s = %s", e.key,
					       e.value);
			} else {
				align_buf_addf(&want, "%s = %s", e.key,
					       e.value);
				align_buf_adds(&want, eol);
			}
			new_line = after + 1;
			shift_from = after + 1;
		} else {
			if (g.md) {
				pos = g.starts[g.close_line - 1];
				new_line = g.close_line + 2;
				shift_from = g.close_line;
			} else {
				pos = g.text.len;
				new_line = g.nlines + 3;
			}
			align_buf_add(&want, g.text.ptr, pos);
			if (!g.md && !g.last_eol) {
				align_buf_adds(&want, eol);
			}
			align_buf_adds(&want, eol);
			align_buf_addf(&want, "[%s", e.name);
			if (sub) {
				align_buf_addf(&want, " \"%s\"", sub);
			}
			align_buf_adds(&want, "]");
			align_buf_adds(&want, eol);
			align_buf_addf(&want, "%s = %s", e.key, e.value);
			align_buf_adds(&want, eol);
		}
		align_buf_add(&want, g.text.ptr + pos, g.text.len - pos);
		if (want.len != r->bytes.len ||
		    memcmp(want.ptr, r->bytes.ptr, want.len)) {
			fail(p, P_BYTES, iter, seed, &g, &e, &r->bytes,
			     "not the original with exactly one line (or one "
			     "section) inserted");
			if (p->failures[P_BYTES] == 1) {
				dump_bytes("expected", want.ptr, want.len);
			}
		}
	}

	/* (2) the new value, in the edited record and in a fresh parse. */
	p->runs[P_NEWVALUE]++;
	{
		const char *v1 = align_record_get(r, e.name, sub, e.key);
		const char *v2 = align_record_get(again, e.name, sub, e.key);

		if (!v1 || !v2 || strcmp(v1, e.value) || strcmp(v2, e.value) ||
		    align_record_line(again, e.name, sub, e.key) != new_line) {
			fail(p, P_NEWVALUE, iter, seed, &g, &e, &r->bytes,
			     "the new value does not read back where expected");
		}
	}

	/* (3) every other field as it was. */
	p->runs[P_OTHERS]++;
	for (int i = 0; i < g.nfields; i++) {
		const struct gfield *f = &g.fields[i];
		const char *name = g.sections[f->section].name;
		const char *fsub = gsub(&g, f->section);
		const char *v;
		size_t line = f->line + (f->line >= shift_from ? 1 : 0);

		if (e.type == 0 && i == e.field) {
			continue;
		}
		v = align_record_get(again, name, fsub, f->key);
		if (!v || strcmp(v, f->value) ||
		    align_record_line(again, name, fsub, f->key) != line ||
		    (int)again->ini.nfields != g.nfields + (e.type != 0)) {
			fail(p, P_OTHERS, iter, seed, &g, &e, &r->bytes,
			     "another field changed or moved");
			break;
		}
	}

	if (g.md) {
		p->runs[P_PROSE]++;
		align_record_prose(again, &prose2);
		if (!again->title || strcmp(again->title, title) ||
		    strcmp(prose.ptr, prose2.ptr)) {
			fail(p, P_PROSE, iter, seed, &g, &e, &r->bytes,
			     "title or prose changed");
		}
	}

	/* (5) putting the old value back restores every byte. */
	if (e.type == 0) {
		const struct gfield *f = &g.fields[e.field];
		int empty = !f->value[0] || !e.value[0];
		int prop = empty ? P_RESTORE_EMPTY : P_RESTORE;
		struct align_buf edited = ALIGN_BUF_INIT;

		align_buf_add(&edited, r->bytes.ptr, r->bytes.len);
		p->runs[prop]++;
		ret = align_record_set(r, e.name, sub, e.key, f->value, &err);
		/*
		 * Through an empty value only blanks may differ: "k=v ;c" and
		 * "k= v ;c" both empty to "k= ;c" (see record.c).
		 */
		if (ret < 0 || (empty ? !same_but_blanks(&r->bytes, &g.text)
				      : (r->bytes.len != g.text.len ||
					 memcmp(r->bytes.ptr, g.text.ptr,
						g.text.len)))) {
			fail(p, prop, iter, seed, &g, &e, &r->bytes,
			     "the file differs after restoring the value");
			if (p->failures[prop] == 1) {
				printf("# original value '%s'\n", f->value);
				dump_bytes("edited", edited.ptr, edited.len);
			}
		}
		align_buf_release(&edited);
	}

done:
	free(title);
	align_record_free(r);
	align_record_free(again);
	align_diags_clear(&diags);
	align_buf_release(&err);
	align_buf_release(&want);
	align_buf_release(&prose);
	align_buf_release(&prose2);
	gen_release(&g);
}

static void test_property(void)
{
	struct prop p;
	const char *env_seed = getenv("ALIGN_PROPERTY_SEED");
	const char *env_n = getenv("ALIGN_PROPERTY_ITERATIONS");
	unsigned long n = env_n ? strtoul(env_n, NULL, 10) : 3000;
	struct rng seeds;

	memset(&p, 0, sizeof(p));
	p.base_seed = env_seed ? strtoull(env_seed, NULL, 10) : 20261120;
	seeds.s = p.base_seed;
	printf("# property test: %lu records from seed %llu\n", n,
	       (unsigned long long)p.base_seed);
	for (unsigned long i = 0; i < n; i++) {
		property_once(&p, i, rng_next(&seeds));
	}
	printf("# %lu Markdown, %lu CRLF, %lu mixed endings, %lu without final "
	       "newline; %lu empty values, %lu inline comments, %lu "
	       "subsections; edits: %lu changes, %lu new keys, %lu new "
	       "sections\n",
	       p.md, p.crlf, p.mixed, p.no_final_eol, p.empty, p.comments,
	       p.subsections, p.edits[0], p.edits[1], p.edits[2]);
	for (int i = 0; i < P_COUNT; i++) {
		ok(p.failures[i] == 0 && p.runs[i] > 0,
		   "property: %s (%lu of %lu failed)", p_names[i],
		   p.failures[i], p.runs[i]);
	}
	ok(p.runs[P_PARSE] >= 2000 || n < 2000,
	   "at least 2000 records were generated (%lu)", p.runs[P_PARSE]);
}

/*
 * A record near the size limit: cmark's memory for it outgrows the first
 * chunk of the parse's arena many times over, and the outline is whole.
 */
static void test_large_outline(void)
{
	struct align_buf text = ALIGN_BUF_INIT, items = ALIGN_BUF_INIT;
	struct align_record *r;
	int good = 1;

	align_buf_adds(&text, "# Big *record*\n\n```ini\n[brief]\nid = big\n"
			      "```\n");
	for (int i = 0; i < 250; i++) {
		align_buf_addf(&text, "\n## Part %d\n\n", i);
		for (int k = 0; k < 3; k++) {
			align_buf_addf(&text, "- item %d.%d with *stress* and "
					      "[a link](http://x/%d) `code`\n",
				       i, k, k);
		}
	}
	ok(text.len > 32768 && text.len < ALIGN_RECORD_MAX_SIZE,
	   "the record is between 32 KiB and the size limit");
	r = parse("briefs/big.md", text.ptr, text.len);
	if (!ok(r != NULL, "a large record parses")) {
		align_buf_release(&text);
		return;
	}
	is_str(r->title, "Big record", "its title is plain text");
	is_int((long long)r->outline.nsections, 250, "250 sections");
	for (size_t i = 0; i < r->outline.nsections && good; i++) {
		struct align_buf want = ALIGN_BUF_INIT;

		align_buf_addf(&want, "Part %zu", i);
		good = !strcmp(r->outline.sections[i].heading, want.ptr) &&
		       r->outline.sections[i].line == 8 + 6 * i &&
		       /* A list ends after its blank line, but the last. */
		       r->outline.sections[i].end_line ==
			       (i == 249 ? 12 : 13) + 6 * i &&
		       r->outline.sections[i].answered;
		align_buf_release(&want);
	}
	ok(good, "every section has its heading, lines and answer");
	is_int((long long)align_record_section_items(r, "Part 249", &items), 3,
	       "the last section has its three items");
	is_str(items.ptr,
	       "item 249.0 with *stress* and [a link](http://x/0) `code`\n"
	       "item 249.1 with *stress* and [a link](http://x/1) `code`\n"
	       "item 249.2 with *stress* and [a link](http://x/2) `code`\n",
	       "as written");
	align_record_free(r);
	align_buf_release(&items);
	align_buf_release(&text);
}

/* The nesting pre-scan reads lines as cmark does: LF, CRLF, a lone CR. */
static void test_nesting_lines(void)
{
	static const char lf[] = "a\n> > b\n> c\n";
	static const char cr[] = "a\r> > > b\r> c";
	static const char crlf[] = "a\r\nb\r\n> > > > c\r\n";
	size_t line;

	is_int((int)align_md_nesting(lf, sizeof(lf) - 1, &line), 2,
	       "nesting: two quotes deep");
	is_int((int)line, 2, "nesting: on line 2");
	is_int((int)align_md_nesting(cr, sizeof(cr) - 1, &line), 3,
	       "nesting: a lone CR ends a line");
	is_int((int)line, 2, "nesting: lines counted at each CR");
	is_int((int)align_md_nesting(crlf, sizeof(crlf) - 1, &line), 4,
	       "nesting: CRLF lines");
	is_int((int)line, 3, "nesting: CRLF counted once");
}

int main(void)
{
	test_nesting_lines();
	test_parse_md();
	test_parse_memo();
	test_parse_crlf_ini();
	test_parse_errors();
	test_set();
	test_set_refused();
	test_limits_kept();
	test_title();
	test_prose();
	test_large_outline();
	test_property();
	return done_testing();
}
