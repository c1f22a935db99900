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

/*
 * Strategic filters: the criteria every new initiative must meet, the
 * keys of align.ini's [filters] section (fit = Serves the ICP). A new
 * brief gets them as a checklist under "## Strategic filters", one
 * "- [ ] <criterion>" item each; "- [x]" (or "[X]") ticks one. Approving
 * a brief with one unticked warns, and check warns on such a brief while
 * it is approved.
 */
#define ALIGN_BRIEF_FILTERS "Strategic filters"

/*
 * Appends each criterion of [filters] (in file order; empty values
 * skipped) that the brief's "## Strategic filters" section does not list
 * yet, as "- [ ] <criterion>", adding the section at the end when there
 * is none. Returns 0; ALIGN_ERROR with the message in `err` for a
 * criterion that cannot be written as one line of the brief.
 */
int align_brief_add_filters(struct align_record *brief,
			    const struct align_repo *repo,
			    struct align_buf *err);

/*
 * Appends to `out` the criteria of the brief's "## Strategic filters"
 * checklist that are not ticked ("- [ ] ..."), "; " separated, and sets
 * `*line` (may be NULL) to the section's heading line. Returns how many.
 */
size_t align_brief_unticked(const struct align_record *brief,
			    struct align_buf *out, size_t *line);

/*
 * Checks [filters] in align.ini: each criterion must fit as a checklist
 * item (an error at its line otherwise). Appends to `diags`.
 */
void align_brief_filters_check(const struct align_repo *repo,
			       struct align_diags *diags);

#endif
