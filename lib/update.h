#ifndef ALIGN_UPDATE_H
#define ALIGN_UPDATE_H

#include "kind.h"

/*
 * Asynchronous weekly updates: one Markdown record per person per ISO
 * week, updates/<YYYY-Www>/<yyyy>-w<ww>-<person>.md (named by its id, as
 * every record), with an [update] section (id, week, person) and the three
 * questions as "## Done", "## Next" and "## Blockers", each a list. One file per person keeps ten people
 * posting the same week on separate branches free of merge conflicts.
 */

extern const struct align_kind align_kind_update;

/* The three sections, in order. */
extern const char *const align_update_sections[3];

#endif
