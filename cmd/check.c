/* align check: validate every record; exit 1 on errors. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "catalog.h"
#include "check.h"
#include "decision-log.h"
#include "health.h"
#include "history.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "github", "json", NULL };

/*
 * Every version of a record in history that does not parse, as a warning
 * naming the commit: said here once rather than by every command that
 * walks history. The same walk finds who accepted each decision, against
 * its deciders (align_decision_rights_check). Returns 0 or the exit
 * status of a failed walk.
 */
static int check_history(struct align_ctx *ctx,
			 const struct align_catalog *cat,
			 const struct align_people *people,
			 struct align_diags *diags)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_history_opts ho;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_decision_rights rights;
	struct align_history_consumer c;
	int status = 0, ret;

	align_history_opts_init(&ho);
	align_kind_folders(folders, ctx->repo);
	ho.folders = folders;
	align_decision_rights_init(&rights);
	c = align_decision_rights_consumer(&rights);
	ret = align_history_walk_many(ctx->repo, &ho, &c, 1, &warnings);
	if (ret < 0 && ret != ALIGN_ENOTFOUND) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
	} else {
		print_history_warnings(&warnings);
		for (size_t i = 0; i < warnings.count; i++) {
			const struct align_diag *d = &warnings.items[i];
			if (*d->path) {
				align_diags_add(diags, d->path, d->line,
						ALIGN_SEV_WARNING, "%s",
						d->message);
			}
		}
		align_decision_rights_check(&rights, cat, people, diags);
	}
	align_decision_rights_release(&rights);
	align_diags_clear(&warnings);
	return status;
}

int cmd_check(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align check [--format <format>] [--strict] [--history]", NULL
	};
	const char *format = "text";
	int strict = 0, history = 0;
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, github (workflow annotations) or json", formats },
		{ OPT_BOOL, 0, "strict", &strict, NULL,
		  "warnings fail the check too", NULL },
		{ OPT_BOOL, 0, "history", &history, NULL,
		  "also report versions in history that do not parse, and "
		  "decisions accepted by someone not among their deciders",
		  NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	int n, status;
	size_t errors, warnings;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = load_outside(ctx, &cat, "checked")) != 0) {
		goto done;
	}
	{
		/* Its own problems are the roster check's to report. */
		struct align_diags ignored = ALIGN_DIAGS_INIT;
		if (align_people_load(&people, ctx->repo, &ignored) < 0) {
			align_people_release(&people);
		}
		align_diags_clear(&ignored);
	}
	align_check(&cat, ctx->repo, &ctx->today, &people, &diags);
	align_check_roster(ctx->repo, &diags);
	align_check_glossary(ctx->repo, &people, &diags);
	align_brief_filters_check(ctx->repo, &diags);
	{
		/* align health's [health] settings, each bad value an error. */
		struct align_health_settings hs;
		align_health_settings(&hs, ctx->repo, &diags);
	}
	if (history && (status = check_history(ctx, &cat, &people, &diags)) !=
			       0) {
		goto done;
	}
	align_diags_sort(&diags);
	/*
	 * Paths as the reader needs them: from the current directory for a
	 * person (so an editor can jump there), from the top of the git
	 * repository for GitHub annotations, from the records root in JSON.
	 */
	for (size_t i = 0; i < diags.count; i++) {
		struct align_buf p = ALIGN_BUF_INIT;

		if (!strcmp(format, "github")) {
			align_buf_addf(&p, "%s%s", align_repo_prefix(ctx->repo),
				       diags.items[i].path);
		} else if (!strcmp(format, "text")) {
			align_repo_display_path(ctx->repo, diags.items[i].path,
						&p);
		} else {
			continue;
		}
		free(diags.items[i].path);
		diags.items[i].path = align_buf_detach(&p, NULL);
	}
	diags_print(stdout, &diags, format, ctx->color);
	errors = align_diags_count(&diags, ALIGN_SEV_ERROR);
	warnings = align_diags_count(&diags, ALIGN_SEV_WARNING);
	status = errors || (strict && warnings) ? EXIT_FINDINGS : EXIT_OK;
	if (!strcmp(format, "text") && (errors || warnings)) {
		fflush(stdout);
		fprintf(stderr, "%zu error%s, %zu warning%s in %zu record%s\n",
			errors, errors == 1 ? "" : "s", warnings,
			warnings == 1 ? "" : "s", cat.count,
			cat.count == 1 ? "" : "s");
	}
done:
	align_people_release(&people);
	align_diags_clear(&diags);
	align_catalog_release(&cat);
	return status;
}
