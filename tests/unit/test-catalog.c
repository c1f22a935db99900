/*
 * Unit tests of lib/catalog.c: how a reference names a record (exact id,
 * id prefix, the words after the id's date part) and what an ambiguous
 * one says.
 */

#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "catalog.h"
#include "util/buf.h"
#include "util/error.h"

#include "tap.h"

/* Adds a parsed brief with `id` at briefs/<id>.md to `c`. */
static void add_brief(struct align_catalog *c, const char *id)
{
	struct align_buf text = ALIGN_BUF_INIT, path = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_entry *e;

	align_buf_addf(&text, "# %s\n\n```ini\n[brief]\nid = %s\n"
			      "status = draft\n```\n", id, id);
	align_buf_addf(&path, "briefs/%s.md", id);
	ALIGN_ARRAY_GROW(c->entries, c->alloc, c->count + 1);
	e = &c->entries[c->count++];
	e->path = align_buf_detach(&path, NULL);
	e->kind = &align_kind_brief;
	e->record = NULL;
	if (align_record_parse(&e->record, e->path, text.ptr, text.len, NULL,
			       &diags) < 0) {
		printf("# cannot parse %s\n", id);
	}
	align_diags_clear(&diags);
	align_buf_release(&text);
}

/* The id align_catalog_find() gives for `ref`, or the error. */
static void find(struct align_buf *out, const struct align_catalog *c,
		 const char *ref)
{
	const struct align_entry *e = NULL;
	struct align_buf err = ALIGN_BUF_INIT;
	int ret = align_catalog_find(&e, c, NULL, NULL, ref, &err);

	align_buf_clear(out);
	if (ret == 0) {
		align_buf_adds(out, align_record_id(e->record));
	} else {
		align_buf_addf(out, "%d: %s", ret, err.ptr);
	}
	align_buf_release(&err);
}

int main(void)
{
	struct align_catalog c = ALIGN_CATALOG_INIT;
	struct align_buf got = ALIGN_BUF_INIT;

	is_str(align_catalog_id_words("2026-11-partner-webinar"),
	       "partner-webinar", "words after a month id's date");
	is_str(align_catalog_id_words("2026-q4-grow-pipeline"),
	       "grow-pipeline", "words after a quarter id's date");
	is_str(align_catalog_id_words("2026-w45-maya"), "maya",
	       "words after a week id's date");
	is_str(align_catalog_id_words("spring-email"), "spring-email",
	       "an id without a date is all words");
	is_str(align_catalog_id_words("2026-q4"), "q4",
	       "an id that is all date keeps its last part");

	is_int(align_catalog_match("2026-11-partner-webinar",
				   "2026-11-partner-webinar"),
	       ALIGN_MATCH_EXACT, "an exact id");
	is_int(align_catalog_match("2026-11-partner-webinar", "2026-11-par"),
	       ALIGN_MATCH_PREFIX, "an id prefix");
	is_int(align_catalog_match("2026-11-partner-webinar", "partner"),
	       ALIGN_MATCH_WORDS, "the first word");
	is_int(align_catalog_match("2026-11-partner-webinar", "partner-web"),
	       ALIGN_MATCH_WORDS, "words and part of the next");
	is_int(align_catalog_match("2026-11-partner-webinar", "webinar"),
	       ALIGN_MATCH_WORDS, "a later word");
	is_int(align_catalog_match("2026-11-partner-webinar", "artner"),
	       ALIGN_MATCH_NONE, "not inside a word");
	is_int(align_catalog_match("2026-11-partner-webinar", "11-partner"),
	       ALIGN_MATCH_NONE, "not inside the date part");
	is_int(align_catalog_match("2026-11-partner-webinar", ""),
	       ALIGN_MATCH_NONE, "an empty reference matches nothing");

	add_brief(&c, "2026-11-partner-webinar");
	add_brief(&c, "2026-10-partner-newsletter");
	add_brief(&c, "2026-11-paid-social");
	add_brief(&c, "social");

	find(&got, &c, "partner-web");
	is_str(got.ptr, "2026-11-partner-webinar", "a unique word match finds");
	find(&got, &c, "newsletter");
	is_str(got.ptr, "2026-10-partner-newsletter", "a later word finds");
	find(&got, &c, "2026-11-pa");
	is_str(got.ptr,
	       "-4: '2026-11-pa' is ambiguous: it could be "
	       "2026-11-partner-webinar, 2026-11-paid-social",
	       "an ambiguous prefix lists the candidates");
	find(&got, &c, "partner");
	is_str(got.ptr,
	       "-4: 'partner' is ambiguous: it could be "
	       "2026-11-partner-webinar, 2026-10-partner-newsletter",
	       "an ambiguous word match lists the candidates");
	find(&got, &c, "social");
	is_str(got.ptr, "social", "an exact id wins over a word match");
	find(&got, &c, "2026-11-paid");
	is_str(got.ptr, "2026-11-paid-social", "a prefix finds");
	find(&got, &c, "s");
	is_str(got.ptr, "social", "a prefix wins over word matches");
	find(&got, &c, "webinars");
	is_str(got.ptr, "-2: no record 'webinars'", "no match");

	align_catalog_release(&c);
	align_buf_release(&got);
	return done_testing();
}
