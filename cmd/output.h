#ifndef ALIGN_CMD_OUTPUT_H
#define ALIGN_CMD_OUTPUT_H

#include <stdio.h>

#include "catalog.h"
#include "events.h"
#include "util/diag.h"
#include "util/printer.h"

/*
 * Printers for structured output. Commands describe their data once and
 * pick a back end by --format.
 */

/* A JSON writer: pretty-printed, UTF-8 passed through, escapes as RFC 8259. */
struct json {
	FILE *out;
	int depth;
	int need_comma[32];
	int after_key;
};

void json_init(struct json *j, FILE *out);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *value);
void json_int(struct json *j, long long value);
void json_null(struct json *j);
/* A value written as given: a number, true or false. */
void json_raw(struct json *j, const char *literal);
/*
 * A number read from a file or git, normalised (007 is 7); null when it is
 * not a number, so the document stays valid JSON.
 */
void json_number_text(struct json *j, const char *s);
/* Ends the document with a newline. */
void json_finish(struct json *j);

/* Writes one CSV field (RFC 4180 quoting), then `sep` (',' or '\n'). */
void csv_field(FILE *out, const char *value, int sep);

/* A text table: rows of cells, printed with aligned columns. */
struct table {
	size_t ncols;
	const char **cells; /* row-major, borrowed */
	size_t count;       /* cells */
	size_t alloc;
};

void table_init(struct table *t, size_t ncols);
void table_add(struct table *t, const char *cell);
/* Prints with two spaces between columns; the last column unpadded. */
void table_print(struct table *t, FILE *out);
void table_release(struct table *t);

/*
 * A printer on stdout for a --format value ("text", "md", "json", "csv";
 * anything else is text). Free it with align_printer_free().
 */
struct align_printer *printer_for(const char *format);

/* Diagnostics in one of: "text", "github", "json". */
void diags_print(FILE *out, const struct align_diags *diags,
		 const char *format, int color);

/*
 * Every field of a record as one map: path, kind, title, then the kind's
 * section flat and every other section as "name": {...} or
 * "name": {"sub": {...}}. Field values are strings, as written.
 */
void record_print(struct align_printer *p, const struct align_entry *entry);

/* The same members, written into a map the caller has begun. */
void record_print_members(struct align_printer *p,
			  const struct align_entry *entry);

/*
 * One event as one map, the same shape wherever events are shown (log,
 * digest): date, time, who, email, commit, kind, id, path, action, text,
 * note (the -m note, or null), and "field" (section, sub, key, old, new)
 * when a field changed, else null.
 */
void event_print(struct align_printer *p, const struct align_event *ev);

#endif
