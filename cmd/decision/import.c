/*
 * align decision import <dir> [--dry-run] [-m <note>]: an adr-tools or
 * MADR folder as decision records, in one commit whose note lists what
 * could not be mapped (lib/decision-import.c does the converting).
 */
#include "align.h"
#include "decision/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "decision-import.h"
#include "options.h"
#include "people.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/banned.h"

int decision_import(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align decision import <dir> [--dry-run] [-m <note>] "
		"[--no-commit]",
		NULL,
	};
	const char *note = NULL;
	int dry_run = 0, no_commit = 0;
	const struct opt opts[] = {
		{ OPT_BOOL, 'n', "dry-run", &dry_run, NULL,
		  "say what would be imported, write nothing", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the files but do not commit them", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags ignored = ALIGN_DIAGS_INIT;
	struct align_decision_import im;
	struct align_buf err = ALIGN_BUF_INIT, summary = ALIGN_BUF_INIT;
	struct align_buf message = ALIGN_BUF_INIT, dir = ALIGN_BUF_INIT;
	const struct align_record **records = NULL;
	size_t n = 0, notes = 0;
	int nargs, ret, status = EXIT_OK;

	memset(&im, 0, sizeof(im));
	nargs = opts_parse(argc, argv, opts, usage, 0);
	if (nargs < 0) {
		return nargs == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (nargs != 1) {
		error_msg("%s", nargs ? "too many arguments"
				      : "which folder? give the folder of the "
					"ADRs, as in doc/adr");
		return EXIT_USAGE;
	}
	if (argv[0][0] == '/') {
		align_buf_adds(&dir, argv[0]);
	} else {
		align_path_join(&dir, ctx->cwd, argv[0]);
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &ignored) < 0) {
		align_people_release(&people); /* check reports it */
	}
	if ((ret = align_decision_import_load(&im, ctx->repo, &cat, &people,
					      dir.ptr, &ctx->today, &err)) <
	    0) {
		status = fail_with(ret == ALIGN_ENOTFOUND ? ALIGN_ERROR : ret,
				   err.ptr);
		goto done;
	}
	records = align_calloc(im.n + 1, sizeof(*records));
	for (size_t i = 0; i < im.n; i++) {
		const struct align_decision_import_item *it = &im.items[i];

		if (it->skipped) {
			printf("%s: skipped: %s\n", it->source, it->skipped);
			continue;
		}
		printf("%s → %s (%s, %s)\n", it->source, it->record->path,
		       it->format,
		       align_record_get(it->record, "decision", NULL,
					"status"));
		for (size_t pos = 0, k = 0; k < it->nnotes; k++) {
			const char *line = it->notes.ptr + pos;
			printf("    not mapped: %s\n", line);
			align_buf_addf(&message, "%s%s: %s", notes++ ? "\n" : "",
				       it->source, line);
			pos += strlen(line) + 1;
		}
		records[n++] = it->record;
	}
	if (!n) {
		error_msg("nothing to import in '%s'", argv[0]);
		status = EXIT_FINDINGS;
		goto done;
	}
	align_buf_addf(&summary, "decision: import %zu decision%s from %s", n,
		       n == 1 ? "" : "s", argv[0]);
	if (dry_run) {
		printf("would import %zu decision%s; nothing written\n", n,
		       n == 1 ? "" : "s");
		goto done;
	}
	{
		/* The note: the user's, then what could not be mapped. */
		struct align_buf all = ALIGN_BUF_INIT;
		if (note && *note) {
			align_buf_addf(&all, "%s\n\n", note);
		}
		if (notes) {
			align_buf_addf(&all, "Not mapped:\n%s", message.ptr);
		} else {
			align_buf_adds(&all, "Everything was mapped.");
		}
		status = write_records(ctx, records, n, NULL, summary.ptr,
				       all.ptr, no_commit);
		align_buf_release(&all);
	}
	if (status == EXIT_OK) {
		printf("imported %zu decision%s\n", n, n == 1 ? "" : "s");
	}
done:
	free(records);
	align_decision_import_release(&im);
	align_people_release(&people);
	align_diags_clear(&ignored);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&summary);
	align_buf_release(&message);
	align_buf_release(&dir);
	return status;
}
