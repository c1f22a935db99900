#ifndef ALIGN_BRIEF_H
#define ALIGN_BRIEF_H

#include "kind.h"

/*
 * Campaign briefs: the six questions, and the lifecycle
 * draft -> submitted -> approved -> live -> completed, with cancelled
 * reachable from every state before completed and "reopen" taking a
 * submitted, approved or cancelled brief back to draft. The lifecycle is
 * the descriptor's workflow table; lib/workflow.c applies it.
 */

extern const struct align_kind align_kind_brief;

/*
 * Appends to `out` the questions a brief leaves unanswered, comma
 * separated; returns how many.
 */
size_t align_brief_unanswered(const struct align_record *brief,
			      struct align_buf *out);

#endif
