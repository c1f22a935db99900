#ifndef ALIGN_KIND_H
#define ALIGN_KIND_H

#include "diff.h"
#include "record.h"
#include "repo.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * Record kinds. Each kind lives in its own file (brief.c, ...) and is
 * listed once in kind.c; everything generic (listing, resolving, checking,
 * creating) works from this table.
 */

/* What a kind's rules may look at besides the record itself. */
struct align_kind_check {
	struct align_date today;
	const struct align_repo *repo;            /* for align.ini settings */
	const struct align_record *const *records; /* every parsed record */
	size_t nrecords;
};

/*
 * What a kind may say about one of its field changes in history. Returns
 * 1 when it wrote `action` ("approved") and `text` ("approved brief x"),
 * -1 when the change belongs to another event and needs no line of its
 * own, 0 for the generic words ("changed brief x: owner a → b").
 */
typedef int (*align_describe_fn)(const struct align_record *old,
				 const struct align_record *new_,
				 const struct align_record_change *change,
				 struct align_buf *action,
				 struct align_buf *text);

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
	align_describe_fn describe; /* may be NULL */
};

/* Every kind, NULL-terminated. */
const struct align_kind *const *align_kinds(void);

/* The kind called `name`, or NULL. */
const struct align_kind *align_kind_find(const char *name);

/* The kind's folder: align.ini's [folders] entry, else the default. */
const char *align_kind_folder(const struct align_kind *kind,
			      const struct align_repo *repo);

#define ALIGN_KINDS_MAX 32

/*
 * Fills `out` with every kind's folder, NULL-terminated (at most
 * ALIGN_KINDS_MAX + 1 entries), for the history engine.
 */
void align_kind_folders(const char *out[ALIGN_KINDS_MAX + 1],
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
