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
	char *action; /* "approved", "checked in", "changed", ... */
	char *text;   /* the sentence after the person's name */
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

#endif
