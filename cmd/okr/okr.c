/*
 * align okr: objectives and key results.
 *   align okr new <objective> [...]
 *   align okr kr add <okr> <key> --title <t> --start <n> --target <n> [...]
 *   align okr checkin <okr>#<kr> <value> [--confidence <c>] [-m <note>]
 *   align okr status [--quarter <q>] [--owner <p>] [--tree] [--as-of <x>]
 *   align okr history <okr>#<kr> [--since <d>] [--until <d>]
 * This file: the verb table okr_verbs[] and what the verbs share.
 */
#include "align.h"
#include "okr/verbs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "history.h"
#include "okr.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/* Splits "<okr>#<kr>" in place; prints the error and returns -1. */
int okr_split_ref(char *ref, char **out_kr)
{
	char *hash = strrchr(ref, '#');

	if (!hash || hash == ref || !hash[1]) {
		error_msg("name the key result as <okr>#<key>, as in "
			  "2026-q4-pipeline#attendance");
		return -1;
	}
	*hash = '\0';
	*out_kr = hash + 1;
	return 0;
}

const char *okr_or_dash(const char *s)
{
	return s && *s ? s : "-";
}

#define OKR_READS CMD_NEEDS_REPO
#define OKR_WRITES (CMD_NEEDS_REPO | CMD_WRITES)

/* Only the verbs that write wait for the writer lock. */
const struct command okr_verbs[] = {
	{ "new", okr_new, OKR_WRITES, "Create an objective for a quarter or year",
	  NULL, NULL },
	{ "kr add", okr_kr_add, OKR_WRITES, "Add a key result to an objective",
	  NULL, NULL },
	{ "checkin", okr_checkin, OKR_WRITES,
	  "Record a key result's current value", NULL, NULL },
	{ "status", okr_status, OKR_READS,
	  "Show progress, pace and health of a period's objectives", NULL,
	  NULL },
	{ "history", okr_history, OKR_READS,
	  "Show every check-in of one key result", NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
