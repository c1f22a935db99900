#ifndef ALIGN_BRIEF_H
#define ALIGN_BRIEF_H

#include "kind.h"

/*
 * Campaign briefs: the six questions, and the lifecycle
 * draft -> submitted -> approved -> live -> completed, with cancelled
 * reachable from every state before completed and "reopen" taking a
 * submitted, approved or cancelled brief back to draft.
 */

extern const struct align_kind align_kind_brief;

/* The lifecycle verbs, NULL-terminated: submit, approve, ... */
extern const char *const align_brief_verbs[];

/*
 * Applies lifecycle `verb` to a brief: checks the move is legal from its
 * status and that the brief is ready for it (submit needs owner,
 * accountable and due; approve needs the six questions answered), then
 * sets the status. Returns 0; ALIGN_EREFUSED with the reason and the legal
 * moves in `err`; ALIGN_EINVALID for an unknown verb.
 */
int align_brief_transition(struct align_record *brief, const char *verb,
			   struct align_buf *err);

/* The status `verb` leads to ("submit" -> "submitted"), or NULL. */
const char *align_brief_target(const char *verb);

/*
 * Appends to `out` the questions a brief leaves unanswered, comma
 * separated; returns how many.
 */
size_t align_brief_unanswered(const struct align_record *brief,
			      struct align_buf *out);

#endif
