#ifndef ALIGN_DECISION_H
#define ALIGN_DECISION_H

#include "kind.h"

/*
 * Decisions: an architecture decision log in the manner of Michael
 * Nygard's ADRs and MADR, one numbered record per decision in
 * decisions/NNNN-<slug>.md. The id is the file name without ".md"; the
 * number is the ADR number, given by `new` as the next after the highest
 * on every branch. The lifecycle is the descriptor's workflow table:
 *
 *   proposed -> accepted (accept: needs deciders) -> deprecated
 *   proposed -> rejected
 *   accepted -> superseded (supersede: needs superseded-by)
 *
 * Prose sections: ## Context, ## Options, ## Decision, ## Consequences.
 */

extern const struct align_kind align_kind_decision;

/* The states as the descriptor names them. */
#define ALIGN_DECISION_ACCEPTED "accepted"
#define ALIGN_DECISION_SUPERSEDED "superseded"

/*
 * 1 when `handle` is one of the decision's deciders (the comma-separated
 * `deciders` field, blanks around commas ignored), else 0.
 */
int align_decision_is_decider(const struct align_record *decision,
			      const char *handle);

/* 1 when `handle` is one of the comma-separated handles of `list`. */
int align_decision_list_has(const char *list, const char *handle);

/*
 * The ids the decision had before it was renumbered (`renumbered-from`,
 * newest first, comma separated), each appended to `out` NUL-separated
 * ("a\0b\0"). Returns how many.
 */
size_t align_decision_old_ids(const struct align_record *decision,
			      struct align_buf *out);

#endif
