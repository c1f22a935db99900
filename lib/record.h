#ifndef ALIGN_RECORD_H
#define ALIGN_RECORD_H

#include <stddef.h>

#include "ini.h"
#include "markdown.h"
#include "util/buf.h"
#include "util/diag.h"

/*
 * A record: one file, its exact bytes, and what they say.
 *
 * A Markdown record (.md) is a "# Title" line, one top-level fenced code
 * block with info string "ini" holding the fields, and free prose. An INI
 * record (.ini) is fields only. The first section names the record's kind
 * ("[brief]" makes a brief) and holds its "id".
 *
 * Edits are surgical: align_record_set() rewrites one value inside its
 * line, or inserts one line; every other byte stays as it was.
 */

enum align_record_format {
	ALIGN_RECORD_MD,
	ALIGN_RECORD_INI,
};

struct align_record_limits {
	size_t max_size; /* bytes; 0 means ALIGN_RECORD_MAX_SIZE */
};

#define ALIGN_RECORD_MAX_SIZE (64 * 1024)
#define ALIGN_TITLE_MAX 200

struct align_record {
	char *path; /* relative to the records root */
	struct align_record_limits limits; /* what it was parsed with */
	enum align_record_format format;
	struct align_buf bytes;

	size_t *line_starts; /* byte offset of each line; nlines entries */
	size_t nlines;
	const char *eol; /* "\n" or "\r\n": what new lines are written with */

	char *title; /* Markdown records; NULL for INI records */
	size_t title_line;
	size_t title_end; /* last line of the title (setext: the underline) */
	size_t ini_first; /* first line of the fields (may be > ini_last) */
	size_t ini_last;  /* last line of the fields */
	size_t ini_close; /* closing fence line (Markdown), else 0 */
	struct align_ini ini;
	struct align_md_outline outline;
};

/* The largest record `limits` allows (NULL or 0: ALIGN_RECORD_MAX_SIZE). */
size_t align_record_max_size(const struct align_record_limits *limits);

/* Returns the format a path's extension implies; -1 when neither. */
int align_record_format_of(const char *path);

/*
 * Parses `len` bytes at `path` (relative to the records root; decides
 * the format). On success `*out` is a new record, owned by the caller.
 * Every problem is appended to `diags` as "path:line" findings and
 * ALIGN_EINVALID is returned with `*out` NULL.
 */
int align_record_parse(struct align_record **out, const char *path,
		       const char *data, size_t len,
		       const struct align_record_limits *limits,
		       struct align_diags *diags);

/*
 * As align_record_parse(), sharing `memo` (align_ini_memo_new(); NULL for
 * none) with the other records parsed with it: the same result, with
 * less work for inih on the lines records have in common.
 */
int align_record_parse_memo(struct align_record **out, const char *path,
			    const char *data, size_t len,
			    const struct align_record_limits *limits,
			    struct align_ini_memo *memo,
			    struct align_diags *diags);

void align_record_free(struct align_record *record);

/* The kind (first section's name); never NULL on a parsed record. */
const char *align_record_kind(const struct align_record *record);

/* The id field of the kind's section, or NULL. Borrowed. */
const char *align_record_id(const struct align_record *record);

/*
 * The value of `key` in section `section` (subsection `sub`, or NULL), or
 * NULL when absent. Borrowed until the record is edited or freed.
 */
const char *align_record_get(const struct align_record *record,
			     const char *section, const char *sub,
			     const char *key);

/* The line of a field, or 0 when absent. */
size_t align_record_line(const struct align_record *record,
			 const char *section, const char *sub,
			 const char *key);

/*
 * Sets `key` in the section, creating the field (one new line after the
 * section's last field) or the section (at the end of the fields) when
 * needed. Returns 0; ALIGN_EINVALID with a message in `err` when the key,
 * subsection or value cannot be written so that it reads back the same.
 */
int align_record_set(struct align_record *record, const char *section,
		     const char *sub, const char *key, const char *value,
		     struct align_buf *err);

/*
 * Removes the line of field `key` of the section, its line ending with
 * it; the rest of the bytes stay as they are. Returns 0, also when there
 * is no such field; ALIGN_EINVALID with a message in `err` when what is
 * left would not read back.
 */
int align_record_unset(struct align_record *record, const char *section,
		       const char *sub, const char *key, struct align_buf *err);

/*
 * Sets each field of `fields` (pairs of key and value, `n` of them) whose
 * value is not NULL, in order, as align_record_set() does. Stops at the
 * first failure and returns it.
 */
int align_record_set_fields(struct align_record *record, const char *section,
			    const char *const (*fields)[2], size_t n,
			    struct align_buf *err);

/*
 * Replaces the "# Title" line of a Markdown record. Returns 0, or
 * ALIGN_EINVALID with a message in `err` for a title that is empty, too
 * long, not UTF-8, or holds control characters.
 */
int align_record_set_title(struct align_record *record, const char *title,
			   struct align_buf *err);

/*
 * Appends `line` (one line of Markdown, e.g. "- shipped the deck") to the
 * prose under the "## <heading>" section, after its last line, or adds
 * the section at the end when there is none. Returns 0, or ALIGN_EINVALID
 * with a message in `err` for a line with a line break or control
 * character, or on a record that is not Markdown.
 */
int align_record_append_to_section(struct align_record *record,
				   const char *heading, const char *line,
				   struct align_buf *err);

/*
 * Appends to `out` the lines of the "## <heading>" section that are list
 * items ("- x", "* x"), one per line without the marker. Returns how many.
 */
size_t align_record_section_items(const struct align_record *record,
				  const char *heading, struct align_buf *out);

/*
 * Appends to `out` every line of the "## <heading>" section that is not
 * blank, as written, one per line. Returns how many.
 */
size_t align_record_section_lines(const struct align_record *record,
				  const char *heading, struct align_buf *out);

/*
 * Appends the lines of the "## <heading>" section as written, without the
 * blank lines around them. Returns the bytes appended (0: none, or no
 * such section).
 */
size_t align_record_section_text(const struct align_record *record,
				 const char *heading, struct align_buf *out);

/* Checks a title as align_record_set_title() does; NULL when fine. */
const char *align_title_problem(const char *title);

/*
 * Appends the prose of a Markdown record to `out`: every line but the
 * title and the ini block, without leading and trailing blank lines.
 */
void align_record_prose(const struct align_record *record,
			struct align_buf *out);

#endif
