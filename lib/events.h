#ifndef ALIGN_EVENTS_H
#define ALIGN_EVENTS_H

#include "history.h"
#include "kind.h"
#include "people.h"

/*
 * Events: history entries told as what people did ("dana approved brief
 * 2026-11-webinar"). Each kind may describe its own field changes (a
 * brief's status, a key result's check-in); everything else is
 * "created", "deleted", "moved", "changed" (fields) or "edited" (prose).
 */

struct align_event {
	char commit[ALIGN_OID_HEXSZ + 1];
	struct align_time when; /* author time */
	char *who;              /* roster handle, else the git author name */
	char *name;             /* roster name, else the git author name */
	char *email;
	char *kind;
	char *id;
	char *path;
	enum align_event_type type;
	/* ALIGN_EVENT_MOVED_TO_STATE: the move (the kind's static data). */
	const struct align_move *move;
	const struct align_kind *kind_of; /* NULL for an unknown kind */
	char *text;   /* the sentence after the person's name */
	/*
	 * The note given with -m to the align command that made the commit
	 * (align_events_note), on one line; NULL when there is none.
	 */
	char *note;
	/* The field change behind the event, when there is one. */
	char *section;
	char *sub;
	char *key;
	char *old_value;
	char *new_value;
};

struct align_events {
	struct align_event *items;
	size_t count;
	size_t alloc;
};

#define ALIGN_EVENTS_INIT { NULL, 0, 0 }

/* Appends the events of one history entry, in a stable order. */
void align_events_add_entry(struct align_events *out,
			    const struct align_history_entry *entry,
			    const struct align_people *people);

void align_events_release(struct align_events *events);

/*
 * The recent history of record `id`: its last `max` events, newest first,
 * from a history walk of the kinds' folders starting at `rev` (NULL for
 * HEAD) that stops once it has them or reaches the record's creation;
 * `path`, the record's file at `rev` when known (else NULL), lets the walk
 * follow that file alone (align_history_opts.path). Appends to `out` (release with align_events_release()); warnings of the
 * walk go to `warnings`. Returns 0, or an ALIGN_* error with the message
 * on `repo`.
 */
int align_events_recent(struct align_events *out, struct align_repo *repo,
			const char *id, const char *path, const char *rev,
			size_t max,
			const struct align_people *people,
			struct align_diags *warnings);

/*
 * Reads the message of a commit that align wrote for the record at `path`
 * (relative to the records root): "<summary>", a blank line, optionally
 * the note and a blank line, then the trailer block: "Align-Record:
 * <path>" lines (one per record of the commit, `path` among them) and
 * further "Align-<Name>: <value>" lines, an Align-Record line first. Returns 1 when
 * `message` has exactly that shape, with the note's lines joined by
 * spaces in `note` ("" when none) and `*late` set when the trailers hold
 * Align-Late-Checkin; returns 0 otherwise (a commit made with plain git,
 * or one for another record), leaving `note` empty and `*late` 0. Only
 * the last paragraph is read as trailers, so a note cannot forge one.
 */
int align_events_note(struct align_buf *note, int *late, const char *message,
		      const char *path);

/*
 * The word output uses for an event's action: "created", "deleted",
 * "moved" (the file), a workflow move's past word ("approved"),
 * "checked in", "added <part>", "removed <part>", "changed", "edited".
 * Static or the kind's data; never compare it: compare `type`.
 */
const char *align_event_action(const struct align_event *event);

#endif
