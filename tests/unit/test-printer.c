/* Unit tests of lib/util/printer.c: exact bytes of every back end. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/printer.h"

#include "tap.h"

/* What people might write: quotes, controls, markup, formulas, bidi. */
#define HOSTILE "a \"q\" \\ \x1b[2J\r\b<script>x</script>\xe2\x80\xae|*"

/* One document: a map with a list of two rows, then a nested value. */
static void describe(struct align_printer *p)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "title");
	align_printer_string(p, HOSTILE);
	align_printer_separator(p);
	align_printer_map_key(p, "rows");
	align_printer_begin_list(p);

	align_printer_begin_map(p);
	align_printer_map_key(p, "name");
	align_printer_string(p, "=HYPERLINK(\"http://x\")");
	align_printer_map_key(p, "value");
	align_printer_number_text(p, "007");
	align_printer_map_key(p, "ok");
	align_printer_boolean(p, 1);
	align_printer_map_key(p, "nested");
	align_printer_begin_list(p);
	align_printer_string(p, "hidden in tables");
	align_printer_end(p);
	align_printer_end(p);

	align_printer_begin_map(p);
	align_printer_map_key(p, "name");
	align_printer_string(p, "+cmd|calc");
	align_printer_map_key(p, "value");
	align_printer_number(p, -3.5);
	align_printer_map_key(p, "ok");
	align_printer_null(p);
	align_printer_map_key(p, "nested");
	align_printer_begin_list(p);
	align_printer_end(p);
	align_printer_end(p);

	align_printer_end(p);
	align_printer_map_key(p, "bad");
	align_printer_number_text(p, "12 leads\", \"x\": \"y");
	align_printer_text(p, "\n");
	align_printer_end(p);
}

static char *render(enum align_printer_format format,
		    void (*fn)(struct align_printer *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct align_printer *p = align_printer_new(f, format);

	fn(p);
	ok(align_printer_free(p) == 0, "printer finishes without error");
	fclose(f);
	return buf;
}

static void check(enum align_printer_format format,
		  void (*fn)(struct align_printer *), const char *want,
		  const char *name)
{
	char *got = render(format, fn);

	is_str(got, want, name);
	free(got);
}

static void test_json(void)
{
	check(ALIGN_PRINTER_JSON, describe,
	      "{\n"
	      "  \"format_version\": 1,\n"
	      "  \"title\": \"a \\\"q\\\" \\\\ \\u001b[2J\\r\\b<script>x</script>"
	      "\\u202e|*\",\n"
	      "  \"rows\": [\n"
	      "    {\n"
	      "      \"name\": \"=HYPERLINK(\\\"http://x\\\")\",\n"
	      "      \"value\": 7,\n"
	      "      \"ok\": true,\n"
	      "      \"nested\": [\n"
	      "        \"hidden in tables\"\n"
	      "      ]\n"
	      "    },\n"
	      "    {\n"
	      "      \"name\": \"+cmd|calc\",\n"
	      "      \"value\": -3.5,\n"
	      "      \"ok\": null,\n"
	      "      \"nested\": []\n"
	      "    }\n"
	      "  ],\n"
	      "  \"bad\": null\n"
	      "}\n",
	      "json: escapes, typed numbers, invalid number is null");
}

static void test_text(void)
{
	check(ALIGN_PRINTER_TEXT, describe,
	      "a \"q\" \\ \\e[2J\\r\\b<script>x</script><U+202E>|*\n"
	      "=HYPERLINK(\"http://x\")  7     yes\n"
	      "+cmd|calc               -3.5  -\n"
	      "12 leads\", \"x\": \"y\n",
	      "text: controls and bidi escaped, rows aligned");
}

static void test_markdown(void)
{
	check(ALIGN_PRINTER_MARKDOWN, describe,
	      "a \"q\" \\\\ \\\\e\\[2J\\\\r\\\\b\\<script\\>x\\</script\\>"
	      "\\<U+202E\\>\\|\\*\n"
	      "| name | value | ok |\n"
	      "| --- | --- | --- |\n"
	      "| =HYPERLINK(\"http://x\") | 7 | yes |\n"
	      "| +cmd\\|calc | -3.5 |  |\n"
	      "12 leads\", \"x\": \"y\n",
	      "markdown: markup and pipes escaped, a table");
}

static void test_csv(void)
{
	check(ALIGN_PRINTER_CSV, describe,
	      "name,value,ok\n"
	      "\"'=HYPERLINK(\"\"http://x\"\")\",7,yes\n"
	      "'+cmd|calc,-3.5,\n",
	      "csv: formulas neutralised, negative numbers kept, RFC 4180");
}

static void cells(struct align_printer *p)
{
	static const char *const values[] = {
		"@SUM(1+1)", "-2", "\tx", "\rx", "a,b", "line\nbreak", "",
		"plain",
	};

	align_printer_begin_map(p);
	align_printer_map_key(p, "cells");
	align_printer_begin_list(p);
	align_printer_begin_map(p);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		align_printer_map_key(p, "c");
		align_printer_string(p, values[i]);
	}
	align_printer_map_key(p, "n");
	align_printer_integer(p, -42);
	align_printer_end(p);
	align_printer_end(p);
	align_printer_end(p);
}

static void test_cells(void)
{
	check(ALIGN_PRINTER_CSV, cells,
	      "c,c,c,c,c,c,c,c,n\n"
	      "'@SUM(1+1),'-2,'\tx,\"'\rx\",\"a,b\",\"line\nbreak\",,"
	      "plain,-42\n",
	      "csv: every dangerous first character prefixed, quoting");
	check(ALIGN_PRINTER_TEXT, cells,
	      "@SUM(1+1)  -2  \\tx  \\rx  a,b  line\\nbreak    plain  -42\n",
	      "text: newline and tab escaped inside cells");
	check(ALIGN_PRINTER_MARKDOWN, cells,
	      "| c | c | c | c | c | c | c | c | n |\n"
	      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
	      "| @SUM(1+1) | -2 | \\\\tx | \\\\rx | a,b | line\\\\nbreak |"
	      "  | plain | -42 |\n",
	      "markdown: cells on one line");
}

static void empty(struct align_printer *p)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "items");
	align_printer_begin_list(p);
	align_printer_end(p);
	align_printer_map_key(p, "m");
	align_printer_begin_map(p);
	align_printer_end(p);
	align_printer_end(p);
}

static void unclosed(struct align_printer *p)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "l");
	align_printer_begin_list(p);
	align_printer_integer(p, 1);
}

static void test_structure(void)
{
	check(ALIGN_PRINTER_JSON, empty,
	      "{\n  \"format_version\": 1,\n  \"items\": [],\n  \"m\": {}\n}\n",
	      "json: empty containers");
	check(ALIGN_PRINTER_CSV, empty, "", "csv: no rows, no output");
	check(ALIGN_PRINTER_JSON, unclosed,
	      "{\n  \"format_version\": 1,\n  \"l\": [\n    1\n  ]\n}\n",
	      "json: free closes what is open");
}

static void unicode(struct align_printer *p)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "s");
	/* U+2028, U+2029, C1 CSI, DEL, a lone continuation byte, é,
	 * U+2066, NUL-free form feed, an overlong '/'. */
	align_printer_string(p, "\xe2\x80\xa8\xe2\x80\xa9\xc2\x9b\x7f\x80"
				"\xc3\xa9\xe2\x81\xa6\f\xc0\xaf");
	align_printer_end(p);
}

static void test_unicode(void)
{
	check(ALIGN_PRINTER_JSON, unicode,
	      "{\n  \"format_version\": 1,\n"
	      "  \"s\": \"\\u2028\\u2029\\u009b\\u007f\\ufffd\xc3\xa9"
	      "\\u2066\\f\\ufffd\\ufffd\"\n}\n",
	      "json: line separators, C1, DEL, invalid UTF-8");
	check(ALIGN_PRINTER_TEXT, unicode,
	      "\xe2\x80\xa8\xe2\x80\xa9<U+009B>\\x7f\\x80\xc3\xa9<U+2066>"
	      "\\x0c\\xc0\\xaf",
	      "text: C1, DEL, bidi isolate, invalid bytes escaped");
}

static void number(const char *in, const char *want)
{
	struct align_buf b = ALIGN_BUF_INIT;
	int ret = align_number_normalize(&b, in);

	is_str(ret == 0 ? b.ptr : NULL, want, in);
	align_buf_release(&b);
}

static void test_numbers(void)
{
	number("007", "7");
	number("00.5", "0.5");
	number("0", "0");
	number("-0", "0");
	number("-0.000", "0");
	number("-007.250", "-7.25");
	number("42", "42");
	number("1.0", "1");
	number("NaN", NULL);
	number("nan", NULL);
	number("inf", NULL);
	number("0x10", NULL);
	number("1e3", NULL);
	number("+1", NULL);
	number("1.", NULL);
	number(".5", NULL);
	number("", NULL);
	number("-", NULL);
	number("1 000", NULL);
	number("12 leads", NULL);
	number("1234567890123456789012345678901234567890"
	       "12345678901234567890123456", NULL);
}

static void doubles(struct align_printer *p)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "a");
	align_printer_number(p, 0.575);
	align_printer_map_key(p, "b");
	align_printer_number(p, -0.0);
	align_printer_map_key(p, "c");
	align_printer_number(p, 1.0 / 0.0);
	align_printer_map_key(p, "d");
	align_printer_number(p, 2e20);
	align_printer_end(p);
}

static void test_doubles(void)
{
	check(ALIGN_PRINTER_JSON, doubles,
	      "{\n  \"format_version\": 1,\n  \"a\": 0.575,\n  \"b\": 0,\n"
	      "  \"c\": null,\n  \"d\": 200000000000000000000\n}\n",
	      "json: computed numbers, infinity is null");
}

static void test_formats(void)
{
	enum align_printer_format f;

	ok(align_printer_format_parse(&f, "md") == 0 &&
		   f == ALIGN_PRINTER_MARKDOWN,
	   "md is Markdown");
	ok(align_printer_format_parse(&f, "csv") == 0 &&
		   f == ALIGN_PRINTER_CSV,
	   "csv");
	ok(align_printer_format_parse(&f, "xml") < 0, "xml is refused");
	is_int(align_printer_free(NULL), 0, "free(NULL) is a no-op");
}

int main(void)
{
	test_json();
	test_text();
	test_markdown();
	test_csv();
	test_cells();
	test_structure();
	test_unicode();
	test_numbers();
	test_doubles();
	test_formats();
	return done_testing();
}
