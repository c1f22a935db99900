#ifndef ALIGN_PRINTER_H
#define ALIGN_PRINTER_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

/*
 * One printer for every structured output, after notmuch's sprinter: a
 * caller describes its data once (maps, lists, keys, typed scalars) and a
 * back end writes it as text, Markdown, JSON or CSV to the caller's FILE.
 * Nothing is written anywhere else: lib/ code may fill a printer it is
 * handed, it never opens one on stdout by itself.
 *
 * Every back end is safe by construction for what people wrote (strings):
 *
 * - JSON (RFC 8259): strings escaped ('"', '\\', every control character,
 *   U+2028, U+2029, bidi controls as \uXXXX; invalid UTF-8 becomes
 *   U+FFFD); numbers only ever in JSON's grammar. A map at the root gets
 *   "format_version": 1 as its first member. Pretty-printed, two spaces.
 * - Text: control characters and bidi controls are shown escaped, as git
 *   quotes paths: ESC as \e, CR as \r, backspace as \b, other C0 bytes and
 *   DEL as \xNN, C1 controls and bidi controls as <U+XXXX>, bytes that
 *   are not UTF-8 as \xNN. Newline and tab stay, except in table cells.
 * - Markdown: as text, and markup characters are backslash-escaped, so
 *   people's text never becomes a link, HTML, emphasis, a heading or a
 *   table column.
 * - CSV: RFC 4180 quoting (records end with LF); a string cell starting
 *   with '=', '+', '-', '@', tab or CR is prefixed with "'" so no
 *   spreadsheet runs it as a formula. Numbers are never prefixed, so
 *   negative numbers stay numbers.
 *
 * How structure is shown:
 *
 * - JSON shows everything.
 * - Text, Markdown and CSV show a list whose elements are maps as a table:
 *   each map is a row, each scalar in it a cell, in order (the keys of the
 *   first row are the Markdown and CSV header, escaped and neutralised as
 *   cells are). Lists and maps inside a
 *   row are left out of these formats. Text prints aligned columns without
 *   a header (null as "-"); Markdown a table; CSV the rows, with one
 *   header line per document.
 * - Outside tables, text and Markdown write scalars as they come (keys are
 *   not shown) and align_printer_text() adds align's own words and markup;
 *   CSV writes nothing outside tables.
 *
 * Typed scalars in each format:
 *
 *   call            JSON            text / Markdown       CSV
 *   string          "escaped"       escaped               neutralised
 *   string(NULL)    null            "-" in a cell         empty
 *   integer         123             123                   123
 *   number          1.5 (no exp.)   1.5                   1.5
 *   number_text     normalised      normalised            normalised
 *     (invalid)     null            the text, escaped     the text, neutr.
 *   boolean         true/false      yes/no                yes/no
 *   null            null            "-" in a cell         empty
 */

enum align_printer_format {
	ALIGN_PRINTER_TEXT,
	ALIGN_PRINTER_MARKDOWN,
	ALIGN_PRINTER_JSON,
	ALIGN_PRINTER_CSV,
};

struct align_printer;

/*
 * Returns 0 and sets `out` for "text", "md" (or "markdown"), "json" and
 * "csv"; -1 for anything else.
 */
int align_printer_format_parse(enum align_printer_format *out,
			       const char *name);

/*
 * A printer writing `format` to `out` (borrowed: it must outlive the
 * printer). Free it with align_printer_free().
 */
struct align_printer *align_printer_new(FILE *out,
					enum align_printer_format format);

/*
 * Closes what is still open, ends the document (JSON: a newline) and
 * frees the printer. Returns 0, or -1 when writing to the FILE failed.
 * align_printer_free(NULL) returns 0.
 */
int align_printer_free(struct align_printer *p);

enum align_printer_format align_printer_format(const struct align_printer *p);

/* Structure. Every begin_* is closed by one align_printer_end(). */
void align_printer_begin_map(struct align_printer *p);
void align_printer_begin_list(struct align_printer *p);
void align_printer_end(struct align_printer *p);
/* The key of the next value in a map (align's own words, not escaped). */
void align_printer_map_key(struct align_printer *p, const char *key);

/* Scalars. `s` may be NULL: a null. */
void align_printer_string(struct align_printer *p, const char *s);
void align_printer_string_len(struct align_printer *p, const char *s,
			      size_t len);
void align_printer_integer(struct align_printer *p, long long value);
/* A computed number: shortest decimal, at most 10 decimals; not finite is
 * null. */
void align_printer_number(struct align_printer *p, double value);
/*
 * A number as written in a file or given by a person: normalised by
 * align_number_normalize() when valid; otherwise see the table above.
 */
void align_printer_number_text(struct align_printer *p, const char *s);
void align_printer_boolean(struct align_printer *p, int value);
void align_printer_null(struct align_printer *p);

/*
 * align's own words and markup for text and Markdown (a title line, a
 * heading, spacing), written as given; JSON and CSV leave it out. Never
 * pass what people wrote here: that goes through align_printer_string().
 */
void align_printer_text(struct align_printer *p, const char *s);
void align_printer_textf(struct align_printer *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Ends a line in text and Markdown; nothing in JSON and CSV. */
void align_printer_separator(struct align_printer *p);

/*
 * Appends the normalised form of the decimal number `s` to `out` and
 * returns 0: an optional '-', digits, optionally '.' and digits, at most
 * 64 bytes; leading zeros of the integer part and trailing zeros of the
 * fraction removed ("007" is 7, "00.50" is 0.5, "-0" is 0). Returns -1
 * and appends nothing for anything else ("NaN", "0x10", "1e3", "+1",
 * "1.", ".5", "", text).
 */
int align_number_normalize(struct align_buf *out, const char *s);

/*
 * Appends `len` bytes of `s` as the text back end shows them (see above).
 * `in_cell` also escapes newline and tab (as \n and \t).
 */
void align_printer_escape_text(struct align_buf *out, const char *s,
			       size_t len, int in_cell);

/*
 * Appends `len` bytes of `s` as the Markdown back end shows them: as text,
 * then markup characters backslash-escaped (and "-", "+", "=", "1." where
 * they would open a line's block; never in a cell).
 */
void align_printer_escape_md(struct align_buf *out, const char *s, size_t len,
			     int in_cell);

#endif
