#ifndef ALIGN_GLOSSARY_H
#define ALIGN_GLOSSARY_H

#include <stddef.h>

#include "people.h"
#include "repo.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/idmap.h"

/*
 * The team's glossary: glossary.md at the records root, one well-known
 * file as people.ini is (not a kind: it has no id, no folder and no
 * lifecycle). Each entry is a "### <term>" heading with, under it, the
 * lines "owner: <handle>" and "aliases: <a>, <b>" (both optional, each
 * at most once) and the definition, every other line up to the next
 * heading of level 1 to 3. Lines in fenced code blocks are definition,
 * never headings or fields; lines of HTML comments are left out.
 * docs/format.md has the whole grammar.
 */

#define ALIGN_GLOSSARY_FILE "glossary.md"

/* Longest term or alias, in bytes. */
#define ALIGN_GLOSSARY_NAME_MAX 200

/* A term or one of its aliases. */
struct align_glossary_name {
	char *text;   /* as written, trimmed; owned */
	char *key;    /* `text` with ASCII letters lowercased; owned */
	size_t entry; /* the entry it names */
	size_t line;
	int alias;    /* 0 for the entry's term */
};

struct align_glossary_entry {
	const char *term; /* the first of its names; borrowed */
	size_t line;      /* of its heading */
	/* Its names in the glossary's `names`: the term, then the aliases. */
	size_t first_name;
	size_t nnames;
	char *owner; /* NULL when there is no owner line or it is empty */
	size_t owner_line;
	size_t aliases_line; /* 0 when there is no aliases line */
	char *definition; /* lines as written, LF-joined; "" when none */
};

struct align_glossary {
	struct align_glossary_entry *items;
	size_t count;
	size_t alloc;
	struct align_glossary_name *names; /* in file order */
	size_t nnames;
	size_t names_alloc;
	/* Lowercased names to entries: the first entry naming each. */
	struct align_idmap by_name;
};

#define ALIGN_GLOSSARY_INIT { NULL, 0, 0, NULL, 0, 0, ALIGN_IDMAP_INIT }

/*
 * Parses `len` bytes of glossary.md into `out` (initialized and empty).
 * The bytes must be valid UTF-8 without NUL; a CR is allowed only before
 * LF; a "###" heading needs a term, and terms, aliases and owners are at
 * most ALIGN_GLOSSARY_NAME_MAX bytes; a field appears at most once per
 * entry. Every problem is appended to `diags` (path glossary.md) and
 * ALIGN_EINVALID returned with `out` left empty; 0 otherwise.
 */
int align_glossary_parse(struct align_glossary *out, const char *data,
			 size_t len, struct align_diags *diags);

/*
 * Reads glossary.md from the working tree (with the record size limit)
 * and parses it. Returns 0; ALIGN_ENOTFOUND when there is none (an empty
 * glossary); ALIGN_EINVALID with the problems in `diags`; ALIGN_ETOOBIG,
 * or ALIGN_ERROR with the message on `repo`.
 */
int align_glossary_load(struct align_glossary *out, struct align_repo *repo,
			struct align_diags *diags);

void align_glossary_release(struct align_glossary *glossary);

/*
 * The entry that `name` names, as its term or an alias, ignoring ASCII
 * case and blanks around it; the first such entry when two do. NULL when
 * none does. Borrowed until the glossary is released.
 */
const struct align_glossary_entry *align_glossary_find(
	const struct align_glossary *glossary, const char *name);

/*
 * The name (term or alias) closest to `name` for "did you mean" (edit
 * distance at most a third of its length, at least 2, ignoring ASCII
 * case), or NULL.
 */
const struct align_glossary_name *align_glossary_closest(
	const struct align_glossary *glossary, const char *name);

/*
 * The glossary's own rules: a name given twice, as a term or an alias,
 * ignoring ASCII case (an error on the later one); an entry without a
 * definition or an owner (warnings); an owner who is not in `people`
 * (an error with the closest handle). Owners are not checked when there
 * is no roster (`people` NULL or without a file). Appends to `diags`.
 */
void align_glossary_check(const struct align_glossary *glossary,
			  const struct align_people *people,
			  struct align_diags *diags);

/*
 * Appends the glossary `align init` writes: the brief lifecycle's
 * statuses and the funnel's words (pipeline, MQL, SQL, ICP), each owned
 * by `owner` (a handle; NULL or "" writes no owner lines).
 */
void align_glossary_starter(struct align_buf *out, const char *owner);

/*
 * Appends the handle `align init` makes the starter glossary's owner: the
 * roster's person with the git author's email, else the slug of the
 * email's part before '@' (maya@example.com: maya), else the slug of the
 * author's name. Appends nothing when there is no identity.
 */
void align_glossary_default_owner(struct align_buf *out,
				  struct align_repo *repo);

#endif
