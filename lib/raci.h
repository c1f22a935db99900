#ifndef ALIGN_RACI_H
#define ALIGN_RACI_H

#include <stddef.h>
#include <stdint.h>

#include "kind.h"
#include "people.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/idmap.h"

/*
 * RACI matrices: who is Responsible, Accountable, Consulted and Informed
 * for each step of a workflow. One INI record per workflow,
 * raci/<workflow>.ini:
 *
 *   [raci]
 *   id = campaign-launch
 *   title = Campaign launch
 *
 *   [step "launch-approval"]
 *   name = launch approval
 *   order = 4
 *   responsible = maya
 *   accountable = dana
 *   consulted = legal, brand
 *   informed = sales
 *   blocker = approval bottleneck
 *   sla = 24h
 *
 * A step's key is the slug of its name (the INI dialect allows no spaces
 * in a subsection); `name` keeps the words. Cells name roster handles or
 * roles ([role "<name>"] in people.ini), comma separated.
 *
 * The same rules hold a record (align check, through the kind's check
 * hook) and a Markdown table being imported (lib/raci-import.c): both are
 * first read into a struct align_raci, whose names carry the line and
 * column they were written at, then checked by align_raci_check().
 */

extern const struct align_kind align_kind_raci;

/* The four letters, in the order of the fields. */
enum align_raci_letter {
	ALIGN_RACI_R,
	ALIGN_RACI_A,
	ALIGN_RACI_C,
	ALIGN_RACI_I,
	ALIGN_RACI_NLETTERS,
};

/* "responsible", ... : the field of a letter. */
const char *align_raci_field(enum align_raci_letter letter);
/* "Responsible", ... : the word people use. */
const char *align_raci_word(enum align_raci_letter letter);
/* 'R', 'A', 'C', 'I'. */
char align_raci_char(enum align_raci_letter letter);

/* One name in a cell and where it was written. */
struct align_raci_name {
	char *name;
	size_t line;
	size_t col; /* 1-based, in characters; 0 when unknown */
};

struct align_raci_cell {
	struct align_raci_name *names;
	size_t n;
	size_t alloc;
};

struct align_raci_step {
	char *key;  /* the subsection: "launch-approval" */
	char *name; /* "launch approval" */
	size_t line; /* where the step starts: its header or table row */
	struct align_raci_cell cells[ALIGN_RACI_NLETTERS];
	/* Where each letter is written (its field, its row); 0: nowhere. */
	size_t letter_line[ALIGN_RACI_NLETTERS];
	char *blocker; /* NULL when none */
	char *sla;     /* as written, NULL when none */
	size_t sla_line;
	char *order;   /* as written, NULL when none */
};

struct align_raci {
	char *id;
	char *title; /* NULL when none */
	char *path;  /* the record's path, or the Markdown file's */
	size_t line; /* the [raci] header, or the table's first line */
	size_t last_line; /* the table's last line (import), else 0 */
	struct align_raci_step *steps; /* in order (see align_raci_sort) */
	size_t nsteps;
	size_t alloc;
};

void align_raci_init(struct align_raci *raci);
void align_raci_release(struct align_raci *raci);

/* Adds a step (strings copied); returns it, borrowed until release. */
struct align_raci_step *align_raci_add_step(struct align_raci *raci,
					    const char *key, const char *name,
					    size_t line);

/* Adds `len` bytes of `name` to a step's cell. */
void align_raci_add_name(struct align_raci_step *step,
			 enum align_raci_letter letter, const char *name,
			 size_t len, size_t line, size_t col);

/*
 * Reads a raci record: its id, title and every [step "<key>"] section,
 * sorted by `order` (steps without one after those with one), then as
 * written. Each name's line and column is where it stands in the file.
 */
void align_raci_from_record(struct align_raci *out,
			    const struct align_record *record);

/*
 * Appends to `out` the key of a step called `name`: its slug, at most
 * 32 bytes. Appends nothing for a name without letters or digits.
 */
void align_raci_step_key(struct align_buf *out, const char *name);

/*
 * The step `name` means: its key, its key as the slug of `name`, or its
 * name ignoring ASCII case. NULL when none.
 */
const struct align_raci_step *align_raci_step_find(const struct align_raci *raci,
						   const char *name);

/* Settings from align.ini's [raci] section. */
struct align_raci_settings {
	long max_consulted; /* max-consulted, default 3 */
};

void align_raci_settings(struct align_raci_settings *out,
			 const struct align_repo *repo);

/*
 * Holds `raci` to the rules, appending findings at its path and the
 * lines its names were written at:
 *  - errors: no Accountable, more than one, no Responsible, a name that
 *    is neither a handle nor a role of `people` (with the closest one),
 *    a name with a look-alike character (named, with its column), an
 *    sla that is not a duration;
 *  - warnings: an Accountable without a backup in the roster, more than
 *    st->max_consulted Consulted, one person holding every letter, an
 *    Accountable away on `today` with no backup there.
 * Without a roster (`people` NULL or empty) the rules about people are
 * left out.
 */
void align_raci_check(const struct align_raci *raci,
		      const struct align_people *people,
		      const struct align_date *today,
		      const struct align_raci_settings *st,
		      struct align_diags *diags);

/* Who answers for a step on a day. */
enum align_raci_cover {
	ALIGN_RACI_PRESENT,   /* the Accountable is there */
	ALIGN_RACI_BACKUP,    /* away; their backup answers */
	ALIGN_RACI_UNCOVERED, /* away, and no backup is there */
	ALIGN_RACI_NOBODY,    /* the step names no Accountable */
};

/*
 * Who answers for `step` on `day`: appends the handle to `out` (the
 * Accountable, or the backup of an Accountable away; for a role, its
 * first member there) and, when not NULL, the Accountable as written to
 * `accountable`. Returns an enum align_raci_cover.
 */
int align_raci_answerer(struct align_buf *out, struct align_buf *accountable,
			const struct align_raci_step *step,
			const struct align_people *people,
			const struct align_date *day);

/*
 * The matrix: every name the steps write (columns, in order of first
 * appearance: each step's Accountable, Responsible, Consulted, Informed)
 * by step, each cell a set of letters (bit 1 << letter).
 */
struct align_raci_matrix {
	const char **names; /* borrowed from the raci */
	size_t nnames;
	unsigned *cells;    /* nsteps * nnames, step by step */
	size_t nsteps;
	struct align_idmap index_;
};

void align_raci_matrix(struct align_raci_matrix *out,
		       const struct align_raci *raci);
void align_raci_matrix_release(struct align_raci_matrix *m);

/*
 * Appends a cell's letters as people write them: "A/R", "C", "" for
 * none; Accountable first, then R, C, I.
 */
void align_raci_cell_text(struct align_buf *out, unsigned letters);

/* One role someone holds: a letter on a step of a workflow. */
struct align_raci_duty {
	const struct align_raci *raci;
	const struct align_raci_step *step;
	enum align_raci_letter letter;
	const char *via; /* the role they hold it through, or NULL */
};

/*
 * Every letter `who` (a handle or a role) holds in `racis` (n of them):
 * written as `who`, or, for a handle, through a role it is a member of.
 * Sorted Accountable, Responsible, Consulted, Informed, then by workflow
 * and step order. Returns the count; free(*out).
 */
size_t align_raci_duties(struct align_raci_duty **out,
			 const struct align_raci *racis, size_t n,
			 const struct align_people *people, const char *who);

/*
 * Sets fields of the step `step` (its key or name) of a raci record,
 * pairs of field and value, `n` of them, NULL values skipped: the step
 * is added (with `name` when its key differs from `step`) when there is
 * none. Values of the four letters are names, comma separated; `sla` a
 * duration, `order` a number. Returns 0, or ALIGN_EINVALID with the
 * message in `err`.
 */
int align_raci_set(struct align_record *record, const char *step,
		   const char *const (*fields)[2], size_t n,
		   struct align_buf *err);

/* The built-in templates' names, NULL-terminated. */
const char *const *align_raci_templates(void);

/*
 * Adds the steps of the built-in template `name` to a new raci record:
 * each step's key, name, order and typical blocker, its letters empty.
 * Returns 0, or ALIGN_ENOTFOUND (message in `err`, listing the
 * templates) or the writer's error.
 */
int align_raci_apply_template(struct align_record *record, const char *name,
			      struct align_buf *err);

/*
 * Appends the INI text of a raci record holding `raci` (an imported
 * table): [raci] id and title, then each step with name, order, the
 * four letters, blocker and sla.
 */
void align_raci_to_ini(struct align_buf *out, const struct align_raci *raci);

#endif
