#ifndef ALIGN_CHECK_H
#define ALIGN_CHECK_H

#include "catalog.h"
#include "repo.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * Validates every record of `catalog`: what did not parse, ids (present,
 * well-formed, unique), each kind's required fields, statuses and dates,
 * and each kind's own rules as of `today`. Appends findings to `out`,
 * sorted by path and line.
 */
void align_check(const struct align_catalog *catalog,
		 const struct align_repo *repo, const struct align_date *today,
		 struct align_diags *out);

/*
 * Validates the roster (people.ini) when there is one: that it parses,
 * and each person's name, email and unique emails. Appends to `out`.
 */
void align_check_roster(struct align_repo *repo, struct align_diags *out);

#endif
