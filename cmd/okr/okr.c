/*
 * align okr: objectives and key results.
 *   align okr new <objective> [...]
 *   align okr kr add <okr> <key> --title <t> --start <n> --target <n> [...]
 *   align okr checkin <okr>#<kr> <value> [--confidence <c>] [-m <note>]
 *   align okr status [--quarter <q>] [--owner <p>] [--tree] [--as-of <x>]
 *   align okr history <okr>#<kr> [--since <d>] [--until <d>]
 * This file: the verb table and what the verbs share.
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

static const char *const okr_usage[] = {
	"align okr new <objective> [<options>]",
	"align okr kr add <okr> <key> --title <title> --start <n> --target <n> "
	"[<options>]",
	"align okr checkin <okr>#<kr> <value> [--confidence <c>] [-m <note>] "
	"[--force] [--no-commit]",
	"align okr status [--quarter <quarter>] [--owner <person>] [--tree] "
	"[--as-of <date|rev>] [--format <format>]",
	"align okr history <okr>#<kr> [--since <date>] [--until <date>] "
	"[--format <format>]",
	NULL,
};

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

int cmd_okr(int argc, const char **argv, struct align_ctx *ctx)
{
	static const struct {
		const char *name;
		int (*fn)(int, const char **, struct align_ctx *);
		int writes;
	} verbs[] = {
		{ "checkin", okr_checkin, 1 }, { "history", okr_history, 0 },
		{ "kr", okr_kr, 1 },	       { "new", okr_new, 1 },
		{ "status", okr_status, 0 },
	};

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		FILE *out = argc < 2 ? stderr : stdout;
		for (size_t i = 0; okr_usage[i]; i++) {
			fprintf(out, "%s %s\n", i ? "   or:" : "usage:",
				okr_usage[i]);
		}
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (!strcmp(argv[1], verbs[i].name)) {
			/* Only the verbs that write wait for other writers. */
			if (verbs[i].writes && ctx->repo &&
			    align_repo_begin_write(ctx->repo) < 0) {
				return fail_with(ALIGN_ELOCKED,
						 align_repo_error(ctx->repo));
			}
			return verbs[i].fn(argc - 1, argv + 1, ctx);
		}
	}
	{
		static const char *const names[] = { "checkin", "history", "kr",
						     "new", "status", NULL };
		return unknown_action("okr", argv[1], names);
	}
}
