#ifndef ALIGN_TEXT_H
#define ALIGN_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Longest record id, in bytes. */
#define ALIGN_ID_MAX 64

/* Returns 1 when `len` bytes at `s` are well-formed UTF-8 (no NUL). */
int align_utf8_valid(const char *s, size_t len);

/*
 * Decodes one character at `s` (`n` bytes left): returns its length and
 * sets `*cp`, or returns 0 for a byte that does not start valid UTF-8.
 */
size_t align_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* Characters that reorder or hide text on a terminal or a page. */
int align_cp_is_bidi(unsigned cp);

/*
 * Why text a person typed cannot be kept as it is, or NULL: not UTF-8, a
 * control character (with `lines`, newline and tab are allowed), or a
 * bidirectional control. The phrase follows "it", as in "the note ...".
 */
const char *align_text_problem(const char *s, int lines);

/*
 * Appends to `out` the slug of `title`: ASCII lowercase letters and digits,
 * runs of anything else folded to one '-', Latin-1 letters with accents
 * reduced to their base letter, no leading or trailing '-', cut at a word
 * boundary to at most `max` bytes. `title` must be valid UTF-8. The result
 * may be empty (a title of only symbols or non-Latin script).
 */
void align_slugify(struct align_buf *out, const char *title, size_t max);

/*
 * Returns 1 when `id` is a well-formed record id: 1..ALIGN_ID_MAX bytes of
 * [a-z0-9-], starting with a letter or digit, not ending with '-', no "--".
 */
int align_id_valid(const char *id);

/* Returns 1 when `s` starts with `prefix`. */
/* 1 when `s` starts with 40 lowercase hexadecimal digits (a commit id). */
int align_oid_hex_valid(const char *s);

int align_starts_with(const char *s, const char *prefix);
int align_ends_with(const char *s, const char *suffix);

/*
 * Look-alikes in a name that must be ASCII-identical (a handle, a role, a
 * RACI cell): finds the first code point of `s` that is not ASCII
 * (Cyrillic, Greek, fullwidth, zero-width, bidirectional controls and
 * any other), sets `*col` to its 1-based column counted in characters
 * and `*cp` to it, and returns 1; returns 0 when `s` is all ASCII. A
 * byte that does not start valid UTF-8 counts as one character and is
 * reported as U+FFFD.
 */
int align_text_lookalike(const char *s, size_t *col, unsigned *cp);

/*
 * Appends a readable name for a code point to `out`: "CYRILLIC CAPITAL
 * LETTER A (U+0410)", "ZERO WIDTH SPACE (U+200B)", "FULLWIDTH LATIN
 * SMALL LETTER A (U+FF41)" for the common look-alikes, else the code
 * point as "U+" and its hex digits.
 */
void align_text_codepoint_name(struct align_buf *out, unsigned cp);

/*
 * The ASCII character code point `cp` is mistaken for ('a' for Cyrillic
 * U+0430, 'a' for fullwidth U+FF41), 0 for one that shows nothing
 * (zero-width, bidirectional controls), -1 for one with no ASCII twin.
 */
int align_text_lookalike_ascii(unsigned cp);

/*
 * Appends `s` to `out` with every look-alike replaced by the ASCII it is
 * mistaken for and invisible ones dropped: "mаya" with a Cyrillic 'а'
 * gives "maya". Returns 1 when every non-ASCII code point had an ASCII
 * twin (the result is what the writer meant), else 0.
 */
int align_text_unconfuse(struct align_buf *out, const char *s);

/* The Levenshtein distance between two strings (bytes), for "did you mean". */
size_t align_distance(const char *a, const char *b);

#endif
