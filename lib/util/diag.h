#ifndef ALIGN_DIAG_H
#define ALIGN_DIAG_H

#include <stddef.h>

/*
 * Diagnostics: what validation found, where. The library collects them;
 * cmd/ renders them ("path:line: error: message", GitHub annotations,
 * JSON).
 */

enum align_severity {
	ALIGN_SEV_ERROR,
	ALIGN_SEV_WARNING,
};

struct align_diag {
	char *path; /* relative to the records root; owned */
	size_t line; /* 1-based; 0 when the finding is about the whole file */
	size_t col;  /* 1-based; 0 when unknown */
	enum align_severity severity;
	char *message; /* owned */
};

struct align_diags {
	struct align_diag *items;
	size_t count;
	size_t alloc;
};

#define ALIGN_DIAGS_INIT { NULL, 0, 0 }

/* Appends a diagnostic; `path` and the formatted message are copied. */
void align_diags_add(struct align_diags *diags, const char *path,
		     size_t line, enum align_severity severity,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Number of diagnostics of `severity`. */
size_t align_diags_count(const struct align_diags *diags,
			 enum align_severity severity);

/* Sorts by path, line, then insertion order. */
void align_diags_sort(struct align_diags *diags);

/* Moves every diagnostic of `from` to the end of `to`; `from` is emptied. */
void align_diags_move(struct align_diags *to, struct align_diags *from);

void align_diags_clear(struct align_diags *diags);

#endif
