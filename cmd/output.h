#ifndef ALIGN_CMD_OUTPUT_H
#define ALIGN_CMD_OUTPUT_H

#include <stdio.h>

#include "catalog.h"
#include "events.h"
#include "util/diag.h"
#include "util/printer.h"

/*
 * Structured output goes through the one printer (util/printer.h): these
 * open it for a --format and describe what several commands show.
 */

/*
 * A printer on stdout for a --format value ("text", "md", "json", "csv";
 * anything else is text). Free it with align_printer_free().
 */
struct align_printer *printer_for(const char *format);

/*
 * Writes `s` as a GitHub workflow command needs it: '%', CR and LF
 * escaped, and in a property (`property` 1: file=, title=) also ':' and
 * ','.
 */
void github_escape(FILE *out, const char *s, int property);

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

/*
 * One field's change, {section, sub, key, old, new}: the shape an event's
 * "field" and diff's "fields" share.
 */
void field_change_print(struct align_printer *p, const char *section,
			const char *sub, const char *key, const char *old,
			const char *new_);

#endif
