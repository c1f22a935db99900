/*
 * Unit tests of lib/glossary.c: the line parser of glossary.md (terms,
 * fields, definitions, fences, comments, what it refuses), lookups by
 * term or alias, the glossary's own rules, the starter align init writes,
 * and linear work on a glossary of thousands of terms.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "kind.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/work.h"

#include "tap.h"

static int parse(struct align_glossary *g, const char *text,
		 struct align_diags *diags)
{
	memset(g, 0, sizeof(*g));
	return align_glossary_parse(g, text, strlen(text), diags);
}

static void test_entries(void)
{
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;
	const struct align_glossary_entry *e;
	const char *text = "# Glossary\n"
			   "\n"
			   "Intro prose with owner: nobody.\n"
			   "owner: not-a-field\n"
			   "\n"
			   "## Lifecycle\n"
			   "\n"
			   "### live ##\n"
			   "\n"
			   "Owner: maya\n"
			   "aliases:  launched , go-live,, in market \n"
			   "\n"
			   "Running in market.\n"
			   "\n"
			   "\n"
			   "Second paragraph.\n"
			   "#### Examples\n"
			   "\n"
			   "## Funnel\n"
			   "Not part of live.\n"
			   "   ### MQL\n"
			   "<!-- a comment\n"
			   "### not a term\n"
			   "-->\n"
			   "Marketing qualified.\n"
			   "```\n"
			   "### code, not a term\n"
			   "owner: code\n"
			   "```\n"
			   "### empty\r\n"
			   "<!-- define me -->\r\n";

	is_int(parse(&g, text, &d), 0, "a glossary parses");
	is_int((long long)g.count, 3, "three entries: live, MQL, empty");
	e = &g.items[0];
	is_str(e->term, "live", "the closing #s are not the term");
	is_int((long long)e->line, 8, "the entry's line is its heading's");
	is_str(e->owner, "maya", "Owner: in any case is the owner");
	is_int((long long)e->owner_line, 10, "the owner's line");
	is_int((long long)e->nnames, 4, "the term and three aliases");
	is_str(g.names[e->first_name + 1].text, "launched",
	       "aliases are trimmed");
	is_str(g.names[e->first_name + 3].text, "in market",
	       "empty aliases are skipped");
	is_str(e->definition,
	       "Running in market.\n\n\nSecond paragraph.\n#### Examples",
	       "the definition: its lines, a #### heading among them");
	e = &g.items[1];
	is_str(e->term, "MQL", "an indented ### heading is a term");
	ok(!e->owner, "a field inside a code block is not a field");
	is_str(e->definition,
	       "Marketing qualified.\n```\n### code, not a term\nowner: "
	       "code\n```",
	       "comments are left out, code blocks kept whole");
	e = &g.items[2];
	is_str(e->term, "empty", "a CRLF line ends without its CR");
	is_str(e->definition, "", "a comment is no definition");
	ok(align_glossary_find(&g, "GO-LIVE") == &g.items[0],
	   "an alias names its entry, ignoring case");
	ok(align_glossary_find(&g, "  mql ") == &g.items[1],
	   "blanks around a name are ignored");
	ok(!align_glossary_find(&g, "not a term"),
	   "a heading in a comment is no term");
	ok(!align_glossary_find(&g, "code, not a term"),
	   "a heading in a code block is no term");
	ok(align_glossary_closest(&g, "MQX") &&
		   !strcmp(align_glossary_closest(&g, "MQX")->text, "MQL"),
	   "the closest name to a typo");
	ok(!align_glossary_closest(&g, "completely different"),
	   "no name is close to something else");
	align_glossary_release(&g);
	align_diags_clear(&d);
}

static void refused(const char *text, size_t len, const char *message,
		    size_t line, const char *name)
{
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;
	int ret;

	memset(&g, 0, sizeof(g));
	ret = align_glossary_parse(&g, text, len, &d);
	ok(ret == ALIGN_EINVALID && d.count >= 1 &&
		   strstr(d.items[0].message, message) &&
		   d.items[0].line == line && g.count == 0,
	   "refused: %s", name);
	if (d.count) {
		printf("#   %zu: %s\n", d.items[0].line, d.items[0].message);
	}
	align_glossary_release(&g);
	align_diags_clear(&d);
}

static void test_refused(void)
{
	char big[400];

	refused("### a\n\0owner: x\n", 16, "binary file", 0, "a NUL byte");
	refused("### a\nbad \xff byte\n", 16, "not valid UTF-8", 2,
		"invalid UTF-8");
	refused("### a\nx\ry\n", 10, "carriage return", 2, "a lone CR");
	refused("###\n", 4, "needs a term", 1, "a heading without a term");
	refused("### #\n", 6, "needs a term", 1, "a term of only #s");
	refused("### a\nowner: x\nowner: y\n", 23,
		"'owner' is set twice for 'a' (first on line 2)", 3,
		"an owner twice");
	refused("### a\naliases: x\naliases: y\n", 27, "'aliases' is set twice",
		3, "aliases twice");
	memset(big, 'x', sizeof(big));
	memcpy(big, "### ", 4);
	big[sizeof(big) - 1] = '\n';
	refused(big, sizeof(big), "longer than 200 bytes", 1, "a long term");
	memcpy(big, "aliases: ", 9);
	{
		struct align_buf b = ALIGN_BUF_INIT;
		align_buf_adds(&b, "### a\n");
		align_buf_add(&b, big, sizeof(big));
		refused(b.ptr, b.len, "an alias of 'a' is longer", 2,
			"a long alias");
		align_buf_release(&b);
	}
}

static void test_not_headings(void)
{
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;

	is_int(parse(&g,
		     "###term\n"
		     "    ### indented four: code\n"
		     "### t\n"
		     "\\### escaped\n"
		     "####### seven\n"
		     "~~~~\n"
		     "~~~\n"
		     "### still code\n"
		     "~~~~~\n"
		     "```not`a fence\n"
		     "### u\n",
		     &d),
	       0, "a glossary with lookalike headings parses");
	is_int((long long)g.count, 2, "only '### t' and '### u' are terms");
	is_str(g.count ? g.items[0].definition : NULL,
	       "\\### escaped\n####### seven\n~~~~\n~~~\n### still code\n~~~~~"
	       "\n```not`a fence",
	       "a shorter fence does not close a longer one");
	align_glossary_release(&g);
	align_diags_clear(&d);
}

static void test_bom_and_empty(void)
{
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;

	is_int(parse(&g, "\xef\xbb\xbf### a\nA.\n", &d), 0,
	       "a byte order mark at the start is allowed");
	is_str(g.count ? g.items[0].term : NULL, "a", "and not in the term");
	align_glossary_release(&g);
	is_int(parse(&g, "", &d), 0, "an empty file is an empty glossary");
	is_int((long long)g.count, 0, "with no entries");
	align_glossary_release(&g);
	is_int(parse(&g, "### a", &d), 0, "no final newline");
	is_str(g.count ? g.items[0].definition : NULL, "", "no definition");
	align_glossary_release(&g);
	align_diags_clear(&d);
}

static void test_check(void)
{
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_person team[] = {
		{ .handle = "maya", .name = "Maya", .email = "maya@example.com", .line = 1 },
		{ .handle = "dana", .name = "Dana", .email = "dana@example.com", .line = 5 },
	};
	struct align_record *fake = (struct align_record *)&people;

	is_int(parse(&g,
		     "### live\nowner: maya\naliases: launched\nRunning.\n"
		     "### Launched\nowner: mya\nAgain.\n"
		     "### quiet\naliases: LIVE\n"
		     "### far\nowner: zzzzzzzz\nFar.\n",
		     &d),
	       0, "a glossary with problems for check parses");
	people.items = team;
	people.count = 2;
	people.record = fake; /* only tested for NULL: there is a roster */
	align_glossary_check(&g, &people, &d);
	align_diags_sort(&d);
	is_int((long long)d.count, 6, "six findings");
	if (d.count == 6) {
		is_str(d.items[0].message,
		       "'Launched' is defined twice: a term and an alias of "
		       "'live' (line 3); keep one",
		       "a term that is another's alias");
		is_int((long long)d.items[0].line, 5, "on the later line");
		is_str(d.items[1].message,
		       "term 'Launched': owner 'mya' is not in the roster (did "
		       "you mean 'maya'?)",
		       "an owner not in the roster, with the closest");
		is_int(d.items[1].severity, ALIGN_SEV_ERROR, "is an error");
		is_str(d.items[2].message,
		       "term 'quiet' has no definition", "no definition");
		is_int(d.items[2].severity, ALIGN_SEV_WARNING, "is a warning");
		is_str(d.items[3].message,
		       "term 'quiet' has no owner; add 'owner: <handle>' under "
		       "its heading",
		       "no owner");
		is_str(d.items[4].message,
		       "'LIVE' is defined twice: an alias of 'quiet' and a "
		       "term (line 1); keep one",
		       "an alias that is another's term, in any case");
		is_str(d.items[5].message,
		       "term 'far': owner 'zzzzzzzz' is not in the roster "
		       "(people.ini)",
		       "an owner nobody is close to");
	}
	align_diags_clear(&d);
	align_glossary_check(&g, NULL, &d);
	is_int((long long)align_diags_count(&d, ALIGN_SEV_ERROR), 2,
	       "without a roster, only the names given twice are errors");
	align_diags_clear(&d);
	align_glossary_release(&g);
}

static void test_starter(void)
{
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;
	static const char *const shipped[] = { "ready", "approved", "live",
					       "completed", "pipeline", "MQL",
					       "SQL", "ICP", NULL };
	const struct align_kind *const *kinds = align_kinds();
	int all = 1;

	align_glossary_starter(&text, "maya");
	is_int(parse(&g, text.ptr, &d), 0, "the starter parses");
	for (size_t i = 0; shipped[i]; i++) {
		const struct align_glossary_entry *e =
			align_glossary_find(&g, shipped[i]);
		if (!e || strcmp(e->term, shipped[i]) || !*e->definition ||
		    !e->owner || strcmp(e->owner, "maya")) {
			printf("#   %s\n", shipped[i]);
			all = 0;
		}
	}
	ok(all, "it defines each shipped term, owned by maya");
	all = 1;
	for (size_t k = 0; kinds[k]; k++) {
		for (size_t s = 0; kinds[k]->states && kinds[k]->states[s].name;
		     s++) {
			if (!align_glossary_find(&g, kinds[k]->states[s].name)) {
				printf("#   %s\n", kinds[k]->states[s].name);
				all = 0;
			}
		}
	}
	ok(all, "it defines every status of every kind");
	align_glossary_check(&g, NULL, &d);
	is_int((long long)d.count, 0, "the starter has no findings");
	align_glossary_release(&g);
	align_buf_clear(&text);
	align_glossary_starter(&text, NULL);
	ok(!strstr(text.ptr, "\nowner:"), "without an owner, no owner lines");
	align_buf_release(&text);
	align_diags_clear(&d);
}

/* Steps of parsing, checking and looking up a glossary of n terms. */
static size_t work_of(size_t n)
{
	struct align_buf text = ALIGN_BUF_INIT, name = ALIGN_BUF_INIT;
	struct align_glossary g;
	struct align_diags d = ALIGN_DIAGS_INIT;
	size_t before, found = 0;

	for (size_t i = 0; i < n; i++) {
		align_buf_addf(&text,
			       "### term %zu\nowner: maya\naliases: a%zu, b%zu\n"
			       "Definition %zu.\n\n",
			       i, i, i, i);
	}
	before = align_work__count();
	if (parse(&g, text.ptr, &d) < 0) {
		return 0;
	}
	align_glossary_check(&g, NULL, &d);
	for (size_t i = 0; i < n; i++) {
		align_buf_clear(&name);
		align_buf_addf(&name, "B%zu", i);
		found += align_glossary_find(&g, name.ptr) == &g.items[i];
	}
	before = align_work__count() - before;
	align_glossary_release(&g);
	align_buf_release(&text);
	align_buf_release(&name);
	align_diags_clear(&d);
	return found == n && !d.count ? before : 0;
}

static void test_linear(void)
{
	size_t small = work_of(2000), large = work_of(20000);

	ok(small && large && large <= small * 12,
	   "ten times the terms is at most twelve times the work "
	   "(%zu, %zu steps)",
	   small, large);
}

int main(void)
{
	test_entries();
	test_refused();
	test_not_headings();
	test_bom_and_empty();
	test_check();
	test_starter();
	test_linear();
	return done_testing();
}
