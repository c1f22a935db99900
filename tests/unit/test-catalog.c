/*
 * Unit tests of lib/catalog.c: how a reference names a record (exact id,
 * id prefix, the words after the id's date part) and what an ambiguous
 * one says; a catalog read with one thread or with several is the same.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brief.h"
#include "catalog.h"
#include "repo.h"
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
	memset(e, 0, sizeof(*e));
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

/*
 * A repository with enough records for threads to share, in three
 * folders, with records that do not parse, one over the size limit,
 * files that are not records, links to a record and to a folder (neither
 * followed).
 */
static int make_repo(const char *dir)
{
	struct align_buf cmd = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(
		&cmd,
		"cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && "
		"git init -q -b main . && "
		"printf '[align]\\nversion = 1\\nname = T\\n\\n[core]\\n"
		"max-record-size = 2000\\n' >align.ini && "
		"mkdir -p briefs/2026 okrs/2026-Q4 updates && "
		"for i in $(seq 100 299); do "
		"printf '# B %%s\\n\\n```ini\\n[brief]\\nid = b%%s\\n"
		"status = draft\\nowner = ana\\n```\\n\\n## Why\\n\\n"
		"Text.\\n' $i $i >briefs/b$i.md; done && "
		"for i in $(seq 100 159); do "
		"printf '# O\\n\\n```ini\\n[objective]\\nid = o%%s\\n"
		"quarter = 2026-Q4\\n\\n[kr \"a\"]\\ntitle = A\\n```\\n' "
		"$i >okrs/2026-Q4/o$i.md; done && "
		"printf '# Bad\\n\\n```ini\\n[brief]\\nid = x\\nid = y\\n"
		"```\\n' >briefs/b150.md && "
		"printf 'no title\\n' >briefs/b151.md && "
		"printf '[brief]\\n  indented = 1\\n' >briefs/2026/c.ini && "
		"head -c 3000 /dev/zero | tr '\\0' x >briefs/b152.md && "
		"printf 'x' >briefs/notes.txt && "
		"ln -s b100.md briefs/b153-link.md && "
		"ln -s ../okrs/2026-Q4 briefs/linked && "
		"printf '# U\\n\\n```ini\\n[update]\\nid = u\\n```\\n' "
		">updates/u.md",
		dir, dir);
	ret = system(cmd.ptr);
	align_buf_release(&cmd);
	return ret;
}

/* Everything a load gave, one line each, to compare two loads. */
static void describe_load(struct align_buf *out, int ret,
			  const struct align_catalog *c,
			  struct align_repo *repo)
{
	align_buf_addf(out, "ret %d: %s\n", ret,
		       ret < 0 ? align_repo_error(repo) : "");
	for (size_t i = 0; i < c->count; i++) {
		const struct align_entry *e = &c->entries[i];
		align_buf_addf(out, "%s %s %s\n", e->path, e->kind->name,
			       e->record ? align_record_id(e->record)
					 : "(unreadable)");
	}
	for (size_t i = 0; i < c->problems.count; i++) {
		const struct align_diag *d = &c->problems.items[i];
		align_buf_addf(out, "%s:%zu: %s\n", d->path, d->line,
			       d->message);
	}
}

static void load_with(struct align_buf *out, struct align_repo *repo,
		      int nthreads)
{
	struct align_catalog c = ALIGN_CATALOG_INIT;
	int ret = nthreads ? align_catalog__load_threads(&c, repo, nthreads)
			   : align_catalog_load(&c, repo);

	align_buf_clear(out);
	describe_load(out, ret, &c, repo);
	align_catalog_release(&c);
}

static void test_threads(void)
{
	char dir[] = "/tmp/align-test-catalog.XXXXXX";
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, path = ALIGN_BUF_INIT;
	struct align_buf one = ALIGN_BUF_INIT, two = ALIGN_BUF_INIT;
	struct align_buf cmd = ALIGN_BUF_INIT;

	if (!mkdtemp(dir) || make_repo(dir) != 0) {
		ok(1, "threads # SKIP cannot make a git repository");
		return;
	}
	if (!ok(align_repo_open(&repo, dir, &err) == 0, "the repository opens")) {
		printf("#   %s\n", err.ptr);
		goto done;
	}
	load_with(&one, repo, 1);
	load_with(&two, repo, 2);
	is_str(two.ptr, one.ptr, "two threads load what one loads");
	ok(strstr(one.ptr, "ret 0") == one.ptr &&
		   strstr(one.ptr, "briefs/b299.md brief b299\n") &&
		   !strstr(one.ptr, "briefs/linked/") &&
		   strstr(one.ptr, "briefs/b152.md brief (unreadable)\n") &&
		   strstr(one.ptr, "briefs/b152.md:0: 'briefs/b152.md' is "
				   "larger than 2000 bytes") &&
		   strstr(one.ptr, "briefs/b150.md:6: duplicate key 'id'") &&
		   strstr(one.ptr, "briefs/2026/c.ini:2: indented line") &&
		   strstr(one.ptr, "briefs/b153-link.md brief (unreadable)\n") &&
		   strstr(one.ptr, "briefs/b153-link.md:0: is not a plain file") &&
		   strstr(one.ptr, "updates/u.md update u\n"),
	   "with every record, unreadable ones and their problems");
	for (int i = 0; i < 5; i++) {
		load_with(&two, repo, 2);
		if (strcmp(two.ptr, one.ptr)) {
			break;
		}
	}
	is_str(two.ptr, one.ptr, "and again, five times");
	load_with(&two, repo, 0);
	is_str(two.ptr, one.ptr, "as many threads as there are cores, too");

	/*
	 * A link to nothing and a FIFO are named and never opened (a FIFO
	 * would wait for a writer for ever); the load goes on past them.
	 */
	align_buf_addf(&cmd, "cd '%s' && ln -s nowhere.md briefs/b200-gone.md && "
			     "mkfifo briefs/b201-fifo.md", dir);
	if (system(cmd.ptr) != 0) {
		ok(1, "a failed read # SKIP cannot make a FIFO");
		goto done;
	}
	load_with(&one, repo, 1);
	load_with(&two, repo, 2);
	is_str(two.ptr, one.ptr, "links and FIFOs load the same with threads");
	ok(strstr(one.ptr, "ret 0") == one.ptr &&
		   strstr(one.ptr, "briefs/b200-gone.md brief (unreadable)\n") &&
		   strstr(one.ptr, "briefs/b201-fifo.md brief (unreadable)\n") &&
		   strstr(one.ptr, "briefs/b201-fifo.md:0: is not a plain file") &&
		   strstr(one.ptr, "briefs/b202.md brief b202\n"),
	   "with the records before and after them");
done:
	align_repo_free(repo);
	align_buf_clear(&cmd);
	align_buf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&cmd);
	align_buf_release(&err);
	align_buf_release(&path);
	align_buf_release(&one);
	align_buf_release(&two);
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
	test_threads();
	return done_testing();
}
