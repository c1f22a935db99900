#ifndef ALIGN_INI_H
#define ALIGN_INI_H

#include <stddef.h>

#include "util/diag.h"
#include "util/idmap.h"

/*
 * The INI dialect of align records, read through inih (the only file that
 * includes <ini.h>). Every line is validated here before inih sees it,
 * because Debian's inih 55 silently splits lines of 199 bytes or more into
 * new keys, stops at NUL, cuts section names at 49 bytes and reads indented
 * lines as continuations.
 *
 * The dialect: blank lines; comments starting with ';' or '#'; section
 * headers "[name]" or "[name "sub"]" at column 1; fields "key = value" at
 * column 1, where everything after a ';' that follows white space is a
 * comment. Each line holds at most ALIGN_INI_LINE_MAX bytes.
 */

#define ALIGN_INI_LINE_MAX 198   /* bytes, without the line ending */
#define ALIGN_INI_SECTION_MAX 49 /* bytes between '[' and ']' */

struct align_ini_section {
	char *name; /* "kr" */
	char *sub;  /* "attendance", or NULL for "[kr]" */
	size_t line;
	/* The section's fields: fields[first_field .. first_field + nfields). */
	size_t first_field;
	size_t nfields;
	/*
	 * A long section's fields by key (the first field of each key), so
	 * that looking up every key of a section of 50,000 costs linear
	 * time; NULL for a section of a few fields, which is scanned.
	 */
	struct align_idmap *keys;
};

struct align_ini_field {
	size_t section; /* index into sections */
	char *key;
	char *value;
	size_t line;
	/* Byte offsets of the value within its line (for surgical edits). */
	size_t value_start;
	size_t value_end;
};

/*
 * Fields are in line order, so the fields of one section are adjacent.
 * Both arrays and every name, key and value they point to live in one
 * allocation, `block`, owned by the struct.
 */
struct align_ini {
	struct align_ini_section *sections;
	size_t nsections;
	size_t sections_alloc;
	struct align_ini_field *fields;
	size_t nfields;
	size_t fields_alloc;
	void *block;
	/*
	 * Sections by "<name>\x1f<sub>" (keys in `index_keys`), so that a
	 * lookup and the duplicate check cost the same for a roster of
	 * 100,000 people as for one.
	 */
	struct align_idmap index;
	char *index_keys;
};

#define ALIGN_INI_INIT { NULL, 0, 0, NULL, 0, 0, NULL, ALIGN_IDMAP_INIT, NULL }

/*
 * Parses `len` bytes of INI text whose first line is line `first_line` of
 * the file `path` (used only in diagnostics). Appends every problem to
 * `diags` and returns ALIGN_EINVALID when there was any, leaving `out`
 * empty; returns 0 with `out` filled otherwise. `out` must be initialized
 * and empty.
 */
int align_ini_parse(struct align_ini *out, const char *text, size_t len,
		    size_t first_line, const char *path,
		    struct align_diags *diags);

/*
 * A memo of field lines inih has read exactly as align does. inih reads
 * a field line the same way whatever comes before it (align refuses the
 * continuation lines that would make it depend on the line before), so
 * a byte-identical line needs no second reading: parses that share a
 * memo hand inih only the lines it has not confirmed yet, and every
 * section line. Records repeat most of their lines. The memo holds at
 * most a few thousand lines; one thread at a time may use it.
 */
struct align_ini_memo;

struct align_ini_memo *align_ini_memo_new(void);
void align_ini_memo_free(struct align_ini_memo *memo);

/*
 * As align_ini_parse(), with `memo` (or NULL for none): the result and
 * the diagnostics are the same.
 */
int align_ini_parse_memo(struct align_ini *out, const char *text, size_t len,
			 size_t first_line, const char *path,
			 struct align_ini_memo *memo,
			 struct align_diags *diags);

void align_ini_release(struct align_ini *ini);

/*
 * Checks that `value` can be written as a field value and read back
 * byte-identical. Returns NULL when it can, or a static description of
 * the first problem ("contains a line break", ...).
 */
const char *align_ini_value_problem(const char *value);

/* Returns 1 when `key` is a valid field key ([A-Za-z][A-Za-z0-9_.-]*). */
int align_ini_key_valid(const char *key);

/*
 * Returns 1 when `sub` is a valid subsection name: 1..32 bytes of
 * [A-Za-z0-9_.@-], starting with a letter or digit.
 */
int align_ini_sub_valid(const char *sub);

/* Finds a section by name and subsection (NULL for none); -1 if absent. */
long align_ini_find_section(const struct align_ini *ini, const char *name,
			    const char *sub);

/* Finds a field in section `section`; NULL if absent. Borrowed. */
const struct align_ini_field *align_ini_find(const struct align_ini *ini,
					     size_t section, const char *key);

#endif
