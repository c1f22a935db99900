/* align okr new, kr add, checkin: the verbs that write. */
#include "align.h"
#include "okr/verbs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "kinds.h"
#include "history.h"
#include "okr.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char *const new_usage[] = {
	"align okr new <objective> [--quarter <quarter>] "
	"[--owner <person>] [--parent <okr>] [--weight <n>] [--id <id>] "
	"[--no-commit] [-m <note>]",
	NULL,
};

static const struct kind_option new_options[] = {
	{ "quarter", "<quarter>",
	  "YYYY-Qn or YYYY (default: the current quarter)", 0 },
	{ "owner", "<person>", "who owns the objective", 0 },
	{ "parent", "<okr>", "the objective this one serves", 0 },
	{ "weight", "<n>", "its weight in the parent's progress (default 1)",
	  1 },
	{ NULL, NULL, NULL, 0 },
};

static const struct kind_new objective_new = {
	.kind = &align_kind_okr,
	.command = "okr",
	.usage = new_usage,
	.title_missing = "an objective needs a title: align okr new "
			 "\"<objective>\"",
	.options = new_options,
	.edit = 0,
	.edit_rule = NULL,
};

int okr_new(int argc, const char **argv, struct align_ctx *ctx)
{
	return kind_cmd_new(&objective_new, argc, argv, ctx);
}

int okr_kr_add(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr kr add <okr> <key> --title <title> --start <n> "
		"--target <n> [--unit <unit>] [--owner <person>] [--due <date>] "
		"[--direction increase|decrease] [--no-commit] [-m <note>]",
		NULL,
	};
	const char *title = NULL, *start = NULL, *target = NULL, *unit = NULL;
	const char *owner = NULL, *due = NULL, *direction = NULL, *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "title", &title, "<title>",
		  "what is measured", NULL },
		{ OPT_STRING, 0, "start", &start, "<n>", "the value at the start",
		  NULL },
		{ OPT_STRING, 0, "target", &target, "<n>", "the value to reach",
		  NULL },
		{ OPT_STRING, 0, "unit", &unit, "<unit>", "%, leads, days, USD, ...",
		  NULL },
		{ OPT_STRING, 0, "owner", &owner, "<person>",
		  "who checks it in (default: the objective's owner)", NULL },
		{ OPT_STRING, 0, "due", &due, "<date>",
		  "a deadline inside the quarter, YYYY-MM-DD", NULL },
		{ OPT_STRING, 0, "direction", &direction, "<direction>",
		  "decrease for metrics that must fall", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, summary = ALIGN_BUF_INIT;
	const struct align_entry *e;
	int n, ret, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 2) {
		error_msg("give the objective and the key result's key: align "
			  "okr kr add <okr> <key> ...");
		return EXIT_USAGE;
	}
	if (!title || !start || !target) {
		error_msg("a key result needs --title, --start and --target");
		return EXIT_USAGE;
	}
	if (check_option_value("title", title) < 0 || check_option_value("unit", unit) < 0 ||
	    check_option_value("owner", owner) < 0) {
		return EXIT_USAGE;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_okr, argv[0])) !=
		    0) {
		goto done;
	}
	ret = align_okr_add_kr(e->record, argv[1], title, start, target, unit,
			       owner, due, direction, &err);
	if (ret < 0) {
		error_msg("%s", err.ptr);
		status = ret == ALIGN_EEXISTS ? EXIT_FINDINGS : EXIT_USAGE;
		goto done;
	}
	align_buf_addf(&summary, "okr: add %s#%s", align_record_id(e->record),
		       argv[1]);
	status = write_one_record(ctx, e->record, summary.ptr, note, no_commit,
			      NULL);
done:
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&summary);
	return status;
}

int okr_checkin(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr checkin <okr>#<kr> <value> [--confidence <c>] "
		"[-m <note>] [--force] [--no-commit]",
		NULL,
	};
	const char *confidence = NULL, *note = NULL;
	int force = 0, no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "confidence", &confidence, "<c>",
		  "how sure the owner is of reaching the target, 0 to 1", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "what moved it, for the history", NULL },
		{ OPT_BOOL, 0, "force", &force, NULL,
		  "check in on an objective of a past quarter", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, summary = ALIGN_BUF_INIT;
	struct align_buf subject = ALIGN_BUF_INIT, trailer = ALIGN_BUF_INIT;
	const struct align_entry *e;
	struct align_period period;
	char *ref = NULL, *kr, *quarter_copy = NULL;
	const char *q;
	int n, ret, status, late = 0;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 2) {
		error_msg("give the key result and the value: align okr checkin "
			  "<okr>#<kr> <value>");
		return EXIT_USAGE;
	}
	ref = align_strdup(argv[0]);
	if (okr_split_ref(ref, &kr) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_okr, ref)) != 0) {
		goto done;
	}
	/* A copy: the check-in re-parses the record, freeing its strings. */
	q = align_record_get(e->record, "objective", NULL, "quarter");
	quarter_copy = q ? align_strdup(q) : NULL;
	q = quarter_copy;
	if (q && align_period_parse(&period, q) == 0 &&
	    align_date_to_days(&ctx->today) > align_date_to_days(&period.end)) {
		if (!force) {
			error_msg("objective '%s' is for %s, which has ended; "
				  "check in late with --force",
				  align_record_id(e->record), q);
			status = EXIT_FINDINGS;
			goto done;
		}
		late = 1;
	}
	ret = align_okr_checkin(e->record, kr, argv[1], confidence, &summary,
				&err);
	if (ret < 0) {
		error_msg("%s", err.ptr);
		status = ret == ALIGN_ENOTFOUND ? EXIT_FINDINGS : EXIT_USAGE;
		goto done;
	}
	align_buf_addf(&subject, "okr: %s%s", summary.ptr, late ? " (late)" : "");
	if (late) {
		align_buf_addf(&trailer, "Align-Late-Checkin: %s", q);
	}
	status = write_one_record(ctx, e->record, subject.ptr, note, no_commit,
			      late ? trailer.ptr : NULL);
	if (status == EXIT_OK) {
		printf("%s#%s: %s\n", align_record_id(e->record), kr,
		       summary.ptr + strlen(kr) + 1);
	}
done:
	free(ref);
	free(quarter_copy);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&summary);
	align_buf_release(&subject);
	align_buf_release(&trailer);
	return status;
}

