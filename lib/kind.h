#ifndef ALIGN_KIND_H
#define ALIGN_KIND_H

#include "diff.h"
#include "record.h"
#include "repo.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * Record kinds are data. Each kind lives in its own file (brief.c, ...)
 * as one `struct align_kind` and is listed once in kind.c; everything
 * generic (listing, resolving, checking every typed field, creating a
 * record, applying a workflow move, describing history) works from that
 * table, so a new kind is one file plus one line.
 */

struct align_people;

/* What a kind's rules may look at besides the record itself. */
struct align_kind_check {
	struct align_date today;
	const struct align_repo *repo;            /* for align.ini settings */
	const struct align_record *const *records; /* every parsed record */
	size_t nrecords;
	/* The roster; NULL or empty when there is none. */
	const struct align_people *people;
};

/* The type of a field: what `check` holds its value to. */
enum align_field_type {
	ALIGN_FIELD_TEXT,    /* anything on one line */
	ALIGN_FIELD_ID,      /* the record's id: [a-z0-9-] */
	ALIGN_FIELD_DATE,    /* YYYY-MM-DD */
	ALIGN_FIELD_NUMBER,  /* -?digits[.digits], as JSON writes it */
	ALIGN_FIELD_PERSON,  /* a roster handle */
	ALIGN_FIELD_PERSONS, /* roster handles, comma separated */
	ALIGN_FIELD_ENUM,    /* one of `values` */
	ALIGN_FIELD_REF,     /* the id of a record of kind `ref` */
	ALIGN_FIELD_PERIOD,  /* a quarter YYYY-Qn or a year YYYY */
	ALIGN_FIELD_WEEK,    /* an ISO week YYYY-Www */
	/*
	 * The record's number in its kind's sequence: at least 4 digits
	 * ("0007"), unique among the kind's records, and the start of its
	 * id. `new` gives the next after the highest on every branch
	 * (align_catalog_next_serial); the field's initial is "{number}".
	 */
	ALIGN_FIELD_SERIAL,
};

/* Field flags. */
#define ALIGN_FIELD_REQUIRED 1u /* every record sets it, non-empty */
/*
 * The duty a person or persons field gives the people it names, as
 * `align people show` reports it: accountable (answers for the record:
 * a brief's accountable, an objective's and a key result's owner) or
 * responsible (does the work: a brief's owner, an update's person). A person
 * field with neither flag is judged by its name (align_field_duty()).
 */
#define ALIGN_FIELD_ACCOUNTABLE 2u
#define ALIGN_FIELD_RESPONSIBLE 4u

struct align_field {
	const char *name;
	enum align_field_type type;
	unsigned flags;
	/* ENUM: the values, NULL-terminated. */
	const char *const *values;
	/* REF: the kind whose id it names ("objective"). */
	const char *ref;
	/*
	 * The value `new` writes, expanded as an id pattern is
	 * (align_kind_expand), or NULL: "draft", "{date}", "{Period}".
	 */
	const char *initial;
	/*
	 * NULL: the field is in the kind's own section ([brief]). Otherwise
	 * the name of repeated subsections ("kr" for [kr "<key>"]): the
	 * field may appear in each of them.
	 */
	const char *section;
};

/*
 * A rule a record must satisfy (a state's invariant, or a move's
 * precondition). Returns 0 when it holds; otherwise writes why it does
 * not ("unanswered questions: who is it for") to `why`, may set `*line`
 * to the line it concerns, and returns 1.
 */
typedef int (*align_rule_fn)(const struct align_record *record,
			     const struct align_kind_check *ctx,
			     struct align_buf *why, size_t *line);

/*
 * A state of a kind with a lifecycle, and what holds in it: fields that
 * must be set (NULL-terminated, may be NULL) and a rule (may be NULL).
 * `check` holds every record to its state; a move is refused when the
 * record would break its new state. `advice` (may be NULL) is a rule
 * that should hold but is a person's call: `check` warns when it does
 * not, and a move into the state goes ahead with a warning.
 */
struct align_state {
	const char *name;
	const char *const *needs;
	align_rule_fn rule;
	align_rule_fn advice;
};

/*
 * A row of a workflow table: `verb` takes a record from any of `from`
 * (space separated) to `to`, provided `needs` are set and `rule` holds
 * (both beyond what the state `to` needs; may be NULL). `past` is the
 * word history uses for it ("launched"). The command line's words for a
 * move (its -h summary) are the command's (cmd/brief.c).
 */
struct align_move {
	const char *verb;
	const char *from;
	const char *to;
	const char *past;
	const char *const *needs;
	align_rule_fn rule;
};

/*
 * What happened to a record in one commit, as a type: code compares
 * these, never the English words, which align_event_action() (events.h)
 * makes for output.
 */
enum align_event_type {
	ALIGN_EVENT_CREATED,
	ALIGN_EVENT_DELETED,
	ALIGN_EVENT_RENAMED,      /* the file moved: "moved" */
	ALIGN_EVENT_MOVED_TO_STATE, /* a workflow move: its past word */
	ALIGN_EVENT_CHECKED_IN,   /* a key result's value changed */
	ALIGN_EVENT_PART_ADDED,   /* "added key result" */
	ALIGN_EVENT_PART_REMOVED, /* "removed key result" */
	ALIGN_EVENT_FIELD_CHANGED, /* "changed" */
	ALIGN_EVENT_EDITED,       /* prose changed: "edited" */
};

/*
 * What a kind may say about one of its field changes in history. Returns
 * 1 when it described it: `*action` set and `text` holding the sentence;
 * -1 when the change belongs to another event and needs no line of its
 * own; 0 for the generic description (a workflow move, else "changed").
 */
typedef int (*align_describe_fn)(const struct align_record *old,
				 const struct align_record *new_,
				 const struct align_record_change *change,
				 enum align_event_type *action,
				 struct align_buf *text);

struct align_kind {
	const char *name;   /* section and kind name: "brief" */
	const char *folder; /* default folder below the root: "briefs" */
	const char *summary; /* one line: what a record of it is */
	/* Typed fields, terminated by an entry with a NULL name. */
	const struct align_field *fields;
	/*
	 * The id scheme: how `new` makes a record's id and its subfolder
	 * below the kind's folder (NULL: none), both expanded by
	 * align_kind_expand(): "{yyyy}-{mm}-{slug}", "{period}-{person}".
	 */
	const char *id_pattern;
	const char *subfolder_pattern;
	/* The field the {period} of the patterns comes from, or NULL. */
	const char *period_field;
	/*
	 * The lifecycle, when the kind has one: its states (the "status"
	 * field's values, the first is where `new` starts) and its moves,
	 * each terminated by an entry with a NULL name/verb. NULL: none.
	 */
	const struct align_state *states;
	const struct align_move *moves;
	/*
	 * Repeated subsections ("kr"), and the words history uses when one
	 * is added or removed ("added key result", "removed key result").
	 */
	const char *part_section;
	const char *part_noun; /* "key result", for messages */
	const char *part_added;
	const char *part_removed;
	/*
	 * The file format of its records: ALIGN_RECORD_MD (the default: a
	 * title, an ini block, prose) or ALIGN_RECORD_INI (fields only; the
	 * title `new` is given goes to the kind's `title` field when it has
	 * one). Its records and its template end in align_kind_ext().
	 */
	enum align_record_format format;
	/* built-in template (Markdown, or INI for an INI kind) */
	const char *template_text;
	/*
	 * What a new record gets beyond its template and initial values,
	 * from the repository's settings (a brief's strategic filters); may
	 * be NULL. Returns 0, or an error with the message in `err`.
	 */
	int (*prepare_new)(struct align_record *record,
			   const struct align_repo *repo, struct align_buf *err);
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

/* The field `name` of the kind's own section, or NULL. */
const struct align_field *align_kind_field(const struct align_kind *kind,
					   const char *name);

/* What naming someone in a field makes them. */
enum align_duty {
	ALIGN_DUTY_NONE,        /* not a person field */
	ALIGN_DUTY_NAMED,       /* named otherwise (consulted, informed, ...) */
	ALIGN_DUTY_RESPONSIBLE, /* does the work */
	ALIGN_DUTY_ACCOUNTABLE, /* answers for it */
};

/*
 * The duty of a field: NONE unless its type is person or persons; then
 * ALIGN_FIELD_ACCOUNTABLE or ALIGN_FIELD_RESPONSIBLE when flagged, else
 * by name: "accountable", "deciders", "owner", "approver" are
 * accountable, "responsible", "person", "assignee" responsible, any
 * other named.
 */
enum align_duty align_field_duty(const struct align_field *f);

/* "accountable", "responsible", "named" or "none". */
const char *align_duty_name(enum align_duty duty);

/*
 * The kind's serial field (ALIGN_FIELD_SERIAL, "number" of a decision),
 * or NULL for a kind whose records are not numbered.
 */
const struct align_field *align_kind_serial(const struct align_kind *kind);

/*
 * The number a numbered record's file name or id starts with: the
 * leading digits before a '-' ("0007-use-x" and "0007-use-x.md" give 7),
 * at least one and at most 9 of them; -1 when it has none.
 */
long align_kind_serial_of(const char *name);

/* The name of a field type ("date", "person", ...). */
const char *align_field_type_name(enum align_field_type type);

/* The state called `name`, or NULL (also for a kind without states). */
const struct align_state *align_kind_state(const struct align_kind *kind,
					   const char *name);

/* 1 when `status` is one of the kind's states. */
int align_kind_has_status(const struct align_kind *kind, const char *status);

/* The state a new record starts in, or NULL for a kind without one. */
const char *align_kind_initial_status(const struct align_kind *kind);

/*
 * What the {variables} of an id pattern or an initial value stand for.
 * Any may be NULL when the kind does not use it.
 */
struct align_kind_vars {
	const char *title;  /* {slug}: the title's slug */
	const char *period; /* {Period}: "2026-Q4", {period}: "2026-q4" */
	const char *person; /* {person}: a handle's slug */
	struct align_date today; /* {date}, {yyyy}, {mm} */
	/* {number}: a numbered kind's next number ("0007"); NULL: made by
	 * align_catalog_new_record() */
	const char *number;
};

/*
 * Appends `pattern` to `out` with each {variable} replaced: {slug},
 * {Period}, {period}, {person}, {date}, {yyyy}, {mm}, {number}. The slug is cut so
 * that the whole stays within ALIGN_ID_MAX bytes. Returns 0, or
 * ALIGN_EINVALID with the message in `err` when a variable it needs is
 * missing or the title gives no slug.
 */
int align_kind_expand(struct align_buf *out, const char *pattern,
		      const struct align_kind_vars *vars,
		      struct align_buf *err);

/* The extension of the kind's records and template: ".md" or ".ini". */
const char *align_kind_ext(const struct align_kind *kind);

/* The template folder below the root. */
const char *align_templates_folder(const struct align_repo *repo);

/*
 * Appends the kind's template to `out`: templates/<kind><ext> from the
 * repository when present, else the built-in one. Returns 0 or the
 * repository's read error.
 */
int align_kind_template(const struct align_kind *kind, struct align_repo *repo,
			struct align_buf *out);

#endif
