#ifndef ALIGN_TEXT_H
#define ALIGN_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Longest record id, in bytes. */
#define ALIGN_ID_MAX 64

/* Returns 1 when `len` bytes at `s` are well-formed UTF-8 (no NUL). */
int align_utf8_valid(const char *s, size_t len);

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
