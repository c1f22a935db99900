#ifndef ALIGN_WORKFLOW_H
#define ALIGN_WORKFLOW_H

#include "kind.h"

/*
 * The workflow engine: applies a kind's moves (struct align_move) to a
 * record and holds records to their state (struct align_state), for any
 * kind with a lifecycle. The state is the "status" field of the kind's
 * section.
 */

/* The move `verb` of `kind`, or NULL. */
const struct align_move *align_workflow_find(const struct align_kind *kind,
					     const char *verb);

/* 1 when `state` is one of the move's from-states. */
int align_workflow_allows(const struct align_move *move, const char *state);

/*
 * Appends to `out` the verbs legal from `state`, comma separated, or
 * "nothing (it is final)". Returns how many there are.
 */
size_t align_workflow_legal(struct align_buf *out,
			    const struct align_kind *kind, const char *state);

/*
 * The move that history says took a record from `from` (may be NULL) to
 * `to`: the one with that to-state allowing `from`, else the first with
 * that to-state; NULL when no move leads to `to`.
 */
const struct align_move *align_workflow_move_to(const struct align_kind *kind,
						const char *from,
						const char *to);

/*
 * Applies `verb` to `record` of `kind`: the verb must be one of the
 * kind's moves and legal from the record's state; the fields the move
 * and its to-state need must be set and their rules hold (judged on
 * `ctx`, which may be NULL). Then the status is written in place
 * (align_record_set), `from` (may be NULL) gets the state it left and
 * `subject` the commit subject "<kind>: <verb> <id>". Returns 0;
 * ALIGN_EREFUSED with the reason in `err` (for an illegal move, with the
 * legal moves from the record's state); ALIGN_EINVALID for a verb the
 * kind does not have.
 */
int align_workflow_apply(struct align_record *record,
			 const struct align_kind *kind, const char *verb,
			 const struct align_kind_check *ctx,
			 struct align_buf *from, struct align_buf *subject,
			 struct align_buf *err);

/*
 * Holds a record to its state: each field the state needs is set
 * ("submitted brief has no owner") and its rule holds ("approved brief
 * has unanswered questions: ...") as errors, and its advice, if any, as
 * a warning. A status that is not a state is left to the generic check.
 * Appends findings to `diags`.
 */
void align_workflow_check(const struct align_record *record,
			  const struct align_kind *kind,
			  const struct align_kind_check *ctx,
			  struct align_diags *diags);

/*
 * The advice of the state the record is in (struct align_state): returns
 * 1 with why it does not hold in `why` ("unticked strategic filters:
 * ..."), 0 when it holds or the state has none. A move calls it on the
 * record it moved, to warn.
 */
int align_workflow_advice(const struct align_record *record,
			  const struct align_kind *kind,
			  const struct align_kind_check *ctx,
			  struct align_buf *why);

#endif
