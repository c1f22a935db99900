/*
 * align health: the team's intervention thresholds (lib/health.c), each
 * violation with its record, rule, severity, since when and who must act;
 * quiet when there is none, as git is.
 */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "health.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", "github", NULL };
static const char *const severities[] = { "warning", "error", NULL };

static const char *severity_name(enum align_severity s)
{
	return s == ALIGN_SEV_ERROR ? "error" : "warning";
}

static void day_of(char out[ALIGN_DATE_STRLEN], int64_t when)
{
	struct align_time t = { when, 0 };
	struct align_date d;

	align_time_date(&d, &t);
	align_date_format(out, &d);
}

/* "; who: a, b; since <short> <date> <author>", as plain words. */
static void tail_words(struct align_buf *out,
		       const struct align_health_violation *v)
{
	char d[ALIGN_DATE_STRLEN];

	align_buf_adds(out, "; who: ");
	for (size_t i = 0; i < v->nwho; i++) {
		align_buf_addf(out, "%s%s", i ? ", " : "", v->who[i]);
	}
	if (!v->nwho) {
		align_buf_adds(out, "nobody named");
	}
	if (*v->since.commit) {
		day_of(d, v->since.when);
		align_buf_addf(out, "; since %.7s %s %s", v->since.commit, d,
			       v->since.author);
	}
}

static void print_text(struct align_ctx *ctx,
		       const struct align_health_report *report)
{
	struct align_printer *p = printer_for("text");
	struct align_buf path = ALIGN_BUF_INIT, tail = ALIGN_BUF_INIT;

	for (size_t i = 0; i < report->n; i++) {
		const struct align_health_violation *v = &report->items[i];
		const char *sev = severity_name(v->severity);

		if (v->path) {
			align_buf_clear(&path);
			align_repo_display_path(ctx->repo, v->path, &path);
			align_printer_string(p, path.ptr);
			if (v->line) {
				align_printer_textf(p, ":%zu", v->line);
			}
			align_printer_text(p, ": ");
		}
		align_printer_textf(p, "%s%s%s: %s: ",
				    !ctx->color ? ""
				    : v->severity == ALIGN_SEV_ERROR
					    ? "\033[1;31m"
					    : "\033[1;33m",
				    sev, ctx->color ? "\033[m" : "",
				    v->rule->name);
		/* The message and names hold what people wrote: escaped. */
		align_printer_string(p, v->message);
		align_buf_clear(&tail);
		tail_words(&tail, v);
		align_printer_string(p, tail.ptr);
		align_printer_separator(p);
	}
	align_printer_free(p);
	align_buf_release(&path);
	align_buf_release(&tail);
}

static void strings_print(struct align_printer *p, char *const *list, size_t n)
{
	align_printer_begin_list(p);
	for (size_t i = 0; i < n; i++) {
		align_printer_string(p, list[i]);
	}
	align_printer_end(p);
}

static void print_json(const struct align_health_report *report)
{
	struct align_printer *p = printer_for("json");
	char d[ALIGN_DATE_STRLEN];

	align_printer_begin_map(p);
	align_printer_map_key(p, "violations");
	align_printer_begin_list(p);
	for (size_t i = 0; i < report->n; i++) {
		const struct align_health_violation *v = &report->items[i];

		align_printer_begin_map(p);
		align_printer_map_key(p, "rule");
		align_printer_string(p, v->rule->name);
		align_printer_map_key(p, "severity");
		align_printer_string(p, severity_name(v->severity));
		align_printer_map_key(p, "record");
		align_printer_string(p, v->record);
		align_printer_map_key(p, "path");
		align_printer_string(p, v->path);
		align_printer_map_key(p, "who");
		strings_print(p, v->who, v->nwho);
		align_printer_map_key(p, "records");
		strings_print(p, v->records, v->nrecords);
		align_printer_map_key(p, "since");
		if (*v->since.commit) {
			day_of(d, v->since.when);
			align_printer_begin_map(p);
			align_printer_map_key(p, "commit");
			align_printer_string(p, v->since.commit);
			align_printer_map_key(p, "author");
			align_printer_string(p, v->since.author);
			align_printer_map_key(p, "email");
			align_printer_string(p, v->since.email);
			align_printer_map_key(p, "date");
			align_printer_string(p, d);
			align_printer_map_key(p, "time");
			align_printer_integer(p, (long long)v->since.when);
			align_printer_end(p);
		} else {
			align_printer_null(p);
		}
		align_printer_map_key(p, "message");
		align_printer_string(p, v->message);
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	align_printer_free(p);
}

/*
 * GitHub workflow commands: "::error file=<path>,title=<rule>::<text>".
 * The text is first escaped as the text format does (no raw control or
 * bidi character reaches the log), then as GitHub needs.
 */
static void print_github(struct align_ctx *ctx,
			 const struct align_health_report *report)
{
	struct align_buf raw = ALIGN_BUF_INIT, shown = ALIGN_BUF_INIT;

	for (size_t i = 0; i < report->n; i++) {
		const struct align_health_violation *v = &report->items[i];

		printf("::%s ", severity_name(v->severity));
		if (v->path) {
			align_buf_clear(&raw);
			align_buf_clear(&shown);
			align_buf_addf(&raw, "%s%s", align_repo_prefix(ctx->repo),
				       v->path);
			align_printer_escape_text(&shown, raw.ptr, raw.len, 1);
			fputs("file=", stdout);
			github_escape(stdout, shown.ptr, 1);
			if (v->line) {
				printf(",line=%zu", v->line);
			}
			fputc(',', stdout);
		}
		fputs("title=", stdout);
		github_escape(stdout, v->rule->name, 1);
		fputs("::", stdout);
		align_buf_clear(&raw);
		align_buf_clear(&shown);
		align_buf_adds(&raw, v->message);
		tail_words(&raw, v);
		align_printer_escape_text(&shown, raw.ptr, raw.len, 0);
		github_escape(stdout, shown.ptr, 0);
		fputc('\n', stdout);
	}
	align_buf_release(&raw);
	align_buf_release(&shown);
}

int cmd_health(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align health [--fail-on <severity>] [--format <format>] "
		"[--as-of <date|rev>]",
		NULL
	};
	const char *format = "text", *fail_on = "error", *as_of = NULL;
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "fail-on", &fail_on, "<severity>",
		  "exit 1 on a violation this severe: warning or error "
		  "(default)",
		  severities },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json or github (workflow annotations)", formats },
		{ OPT_STRING, 0, "as-of", &as_of, "<date|rev>",
		  "as it stood at that day or revision", NULL },
		OPT_END_(),
	};
	struct align_health_settings settings;
	struct align_health_report report = ALIGN_HEALTH_REPORT_INIT;
	struct align_health_opts ho;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags problems = ALIGN_DIAGS_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	char rev[ALIGN_OID_HEXSZ + 1] = "";
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	/* A malformed align.ini stops the command, as at opening. */
	if (align_health_settings(&settings, ctx->repo, &problems) < 0) {
		for (size_t i = 0; i < problems.count; i++) {
			const struct align_diag *d = &problems.items[i];

			error_msg("%s:%zu: %s", d->path, d->line, d->message);
		}
		status = EXIT_FATAL;
		goto done;
	}
	memset(&ho, 0, sizeof(ho));
	ho.today = ctx->today;
	ho.now = ctx->now.seconds;
	if (as_of && (status = resolve_as_of(ctx, as_of, rev, &ho.today,
					     &ho.now)) != 0) {
		goto done;
	}
	status = *rev ? load_catalog_at(ctx, &cat, rev)
		      : load_catalog(ctx, &cat);
	if (status != 0) {
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &problems) < 0) {
		align_people_release(&people); /* check reports it */
	}
	ho.rev = *rev ? rev : NULL;
	ho.catalog = &cat;
	ho.roster = &people;
	ho.settings = &settings;
	ret = align_health_check(&report, ctx->repo, &ho, &warnings);
	if (ret < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	if (!strcmp(format, "json")) {
		print_json(&report);
	} else if (!strcmp(format, "github")) {
		print_github(ctx, &report);
	} else {
		print_text(ctx, &report);
	}
	status = align_health_count_at_least(
			 &report, !strcmp(fail_on, "warning") ? ALIGN_SEV_WARNING
							      : ALIGN_SEV_ERROR)
			 ? EXIT_FINDINGS
			 : EXIT_OK;
done:
	align_health_report_release(&report);
	align_people_release(&people);
	align_catalog_release(&cat);
	align_diags_clear(&problems);
	align_diags_clear(&warnings);
	return status;
}
