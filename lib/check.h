#ifndef ALIGN_CHECK_H
#define ALIGN_CHECK_H

#include "catalog.h"
#include "people.h"
#include "repo.h"
#include "util/date.h"
#include "util/diag.h"

/*
 * Validates every record of `catalog`: what did not parse, ids (present,
 * well-formed, unique), every typed field of each kind's descriptor
 * (required, date, number, period, week, enum, reference, and person
 * fields against `people`), the rules of each record's workflow state,
 * and each kind's own rules as of `today`; unresolved merge conflicts,
 * with both sides and their authors (lib/conflict.h). With no roster
 * (`people` NULL or without a file), person fields give one warning in
 * all. Appends findings to `out`, sorted by path and line.
 */
void align_check(const struct align_catalog *catalog, struct align_repo *repo,
		 const struct align_date *today,
		 const struct align_people *people, struct align_diags *out);

/*
 * Validates the roster (people.ini) when there is one: that it parses,
 * and each person's name, email and unique emails. Appends to `out`.
 */
void align_check_roster(struct align_repo *repo, struct align_diags *out);

/*
 * Validates the glossary (glossary.md) when there is one: that it parses,
 * its own rules (align_glossary_check: names defined twice, entries
 * without a definition or an owner, owners against `people`), and that
 * every status of every kind's lifecycle is a term or an alias of it (a
 * warning for each that is not). Without glossary.md nothing is
 * reported. Appends to `out`.
 */
void align_check_glossary(struct align_repo *repo,
			  const struct align_people *people,
			  struct align_diags *out);

#endif
