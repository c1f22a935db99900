#ifndef ALIGN_KIND_H
#define ALIGN_KIND_H

#include "record.h"
#include "repo.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * Record kinds. Each kind lives in its own file (brief.c, ...) and is
 * listed once in kind.c; everything generic (listing, resolving, checking,
 * creating) works from this table.
 */

struct align_kind_check {
	struct align_date today;
};

struct align_kind {
	const char *name;   /* section and kind name: "brief" */
	const char *folder; /* default folder below the root: "briefs" */
	const char *const *statuses; /* NULL-terminated, or NULL: no status */
	const char *initial_status;
	const char *const *required; /* fields every record must set */
	const char *const *dates;    /* fields holding YYYY-MM-DD dates */
	const char *template_text;   /* built-in template (Markdown) */
	/* Rules of this kind beyond the generic ones; may be NULL. */
	void (*check)(const struct align_record *record,
		      const struct align_kind_check *ctx,
		      struct align_diags *diags);
};

/* Every kind, NULL-terminated. */
const struct align_kind *const *align_kinds(void);

/* The kind called `name`, or NULL. */
const struct align_kind *align_kind_find(const char *name);

/* The kind's folder: align.ini's [folders] entry, else the default. */
const char *align_kind_folder(const struct align_kind *kind,
			      const struct align_repo *repo);

/* 1 when `status` is one of the kind's statuses. */
int align_kind_has_status(const struct align_kind *kind, const char *status);

/* The template folder below the root. */
const char *align_templates_folder(const struct align_repo *repo);

/*
 * Appends the kind's template to `out`: templates/<kind>.md from the
 * repository when present, else the built-in one. Returns 0 or the
 * repository's read error.
 */
int align_kind_template(const struct align_kind *kind, struct align_repo *repo,
			struct align_buf *out);

#endif
