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

/* The Levenshtein distance between two strings (bytes), for "did you mean". */
size_t align_distance(const char *a, const char *b);

#endif
