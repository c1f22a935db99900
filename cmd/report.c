/*
 * align report quarterly|monthly|weekly: the review of a period, built
 * from one commit and its history (lib/report.c), written as Markdown,
 * HTML, JSON or text to stdout or a file.
 */
#include "align.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "options.h"
#include "report.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

static const char *const formats[] = { "md", "html", "json", "text", NULL };

/* The terminal's width for text on a terminal; 0 elsewhere. */
static int terminal_width(void)
{
	struct winsize ws;
	const char *columns = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO)) {
		return 0;
	}
	if (columns && atoi(columns) > 0) {
		return atoi(columns);
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		return ws.ws_col;
	}
	return 80;
}

/* Writes the report to `path` through a temporary file and a rename. */
static int write_file(const char *path, const struct align_report *report,
		      const struct align_report_style *style)
{
	char *data = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&data, &len);
	struct align_buf tmp = ALIGN_BUF_INIT;
	int ret = -1;

	if (!mem) {
		error_msg("cannot write '%s': %s", path, strerror(errno));
		return EXIT_FATAL;
	}
	if (align_report_write(mem, report, style) == 0 && fclose(mem) == 0) {
		mem = NULL;
		if (align_fs_write_temp(&tmp, path, data, len) == 0) {
			if (rename(tmp.ptr, path) == 0) {
				ret = 0;
			} else {
				unlink(tmp.ptr);
			}
		}
	}
	if (mem) {
		fclose(mem);
	}
	if (ret) {
		error_msg("cannot write '%s': %s", path, strerror(errno));
	}
	free(data);
	align_buf_release(&tmp);
	return ret ? EXIT_FATAL : EXIT_OK;
}

/*
 * An http or https URL of printable ASCII without the characters that
 * could end an attribute, a Markdown link or a URL ("'<>\\`{}|^ and
 * blanks): a link built from it stays one link, in every format.
 */
static int valid_commit_url(const char *url)
{
	if (!align_starts_with(url, "https://") &&
	    !align_starts_with(url, "http://")) {
		return 0;
	}
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= ' ' || *p >= 0x7f || strchr("\"'<>\\`{}|^", *p)) {
			return 0;
		}
	}
	return 1;
}

static int run(int argc, const char **argv, struct align_ctx *ctx,
	       enum align_report_type type)
{
	static const char *const usage_q[] = {
		"align report quarterly [--quarter <quarter>] [--format <format>] "
		"[-o <file>] [--as-of <date|rev>] [--commit-url <url>]",
		NULL
	};
	static const char *const usage_m[] = {
		"align report monthly [--month <month>] [--format <format>] "
		"[-o <file>] [--as-of <date|rev>] [--commit-url <url>]",
		NULL
	};
	static const char *const usage_w[] = {
		"align report weekly [--week <week>] [--format <format>] "
		"[-o <file>] [--as-of <date|rev>] [--commit-url <url>]",
		NULL
	};
	static const char *const *const usages[] = { usage_q, usage_m, usage_w };
	static const char *const period_opts[] = { "quarter", "month", "week" };
	static const char *const period_arghs[] = { "<quarter>", "<month>",
						    "<week>" };
	static const char *const period_help[] = {
		"the quarter, YYYY-Qn (default: the report's day's)",
		"the month, YYYY-MM (default: the report's day's)",
		"the ISO week, YYYY-Www (default: the report's day's)",
	};
	const char *period_arg = NULL, *format = "text", *output = NULL;
	const char *as_of = NULL, *commit_url = NULL;
	const struct opt opts[] = {
		{ OPT_STRING, 0, period_opts[type], &period_arg,
		  period_arghs[type], period_help[type], NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "md (Markdown), html, json or text (default)", formats },
		{ OPT_STRING, 'o', "output", &output, "<file>",
		  "write to <file> instead of stdout", NULL },
		{ OPT_STRING, 0, "as-of", &as_of, "<date|rev>",
		  "report from the commit of that day or revision (default: "
		  "HEAD)", NULL },
		{ OPT_STRING, 0, "commit-url", &commit_url, "<url>",
		  "link commits to <url>, %H the full id, %h the short one "
		  "(default: align.ini's report.commit-url)", NULL },
		OPT_END_(),
	};
	struct align_report_opts ro;
	struct align_report_style style;
	struct align_report report;
	struct align_buf err = ALIGN_BUF_INIT;
	struct align_git *git;
	char commit[ALIGN_OID_HEXSZ + 1] = "";
	struct align_time t;
	int n, ret, status = EXIT_OK;

	memset(&report, 0, sizeof(report));
	memset(&ro, 0, sizeof(ro));
	memset(&style, 0, sizeof(style));
	n = opts_parse(argc, argv, opts, usages[type], 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (!commit_url) {
		commit_url = align_repo_config(ctx->repo, "report", "commit-url",
					       NULL);
		if (commit_url && !*commit_url) {
			commit_url = NULL;
		}
	}
	if (commit_url && !valid_commit_url(commit_url)) {
		error_msg("invalid commit URL '%s': use an http or https URL "
			  "with %%H or %%h for the commit",
			  commit_url);
		return EXIT_USAGE;
	}
	if (period_arg) {
		int bad;
		switch (type) {
		case ALIGN_REPORT_QUARTERLY:
			bad = align_period_parse(&ro.period, period_arg) < 0 ||
			      !strchr(period_arg, 'Q');
			break;
		case ALIGN_REPORT_MONTHLY:
			bad = align_month_parse(&ro.period, period_arg) < 0;
			break;
		default:
			bad = align_week_parse(&ro.period, period_arg) < 0;
			break;
		}
		if (bad) {
			static const char *const forms[] = {
				"YYYY-Qn, as in 2026-Q4", "YYYY-MM, as in 2026-11",
				"YYYY-Www, as in 2026-W47"
			};
			error_msg("invalid %s '%s': use %s", period_opts[type],
				  period_arg, forms[type]);
			return EXIT_USAGE;
		}
	}

	git = align_repo_git(ctx->repo);
	if (as_of) {
		if ((status = resolve_as_of(ctx, as_of, commit, &ro.today,
					    &ro.now)) != 0) {
			return status;
		}
	} else {
		ret = align_git_head(git, commit, &err);
		if (ret == 0 && !*commit) {
			align_buf_release(&err);
			error_msg("no commits yet: a report is made from history");
			return EXIT_FINDINGS;
		}
		if (ret == 0) {
			ret = align_git_commit_time(git, commit, &t, &err);
		}
		if (ret < 0) {
			status = fail_with(ret, err.ptr);
			align_buf_release(&err);
			return status;
		}
		align_time_date(&ro.today, &t);
		ro.now = t.seconds;
	}
	align_buf_release(&err);
	if (!period_arg) {
		switch (type) {
		case ALIGN_REPORT_QUARTERLY:
			align_quarter_of(&ro.period, &ro.today);
			break;
		case ALIGN_REPORT_MONTHLY:
			align_month_of(&ro.period, &ro.today);
			break;
		default:
			align_week_of(&ro.period, &ro.today);
			break;
		}
	}
	ro.type = type;
	ro.commit = commit;
	if ((ret = align_report_build(&report, ctx->repo, &ro)) < 0) {
		status = fail_with(ret, align_repo_error(ctx->repo));
		goto done;
	}
	align_report_format_parse(&style.format, format);
	style.commit_url = commit_url;
	if (output) {
		status = write_file(output, &report, &style);
		goto done;
	}
	if (style.format == ALIGN_REPORT_TEXT) {
		style.width = terminal_width();
		style.color = ctx->color;
	}
	if (align_report_write(stdout, &report, &style) < 0) {
		status = EXIT_FATAL; /* the dispatcher reports stdout */
	}
done:
	align_report_release(&report);
	return status;
}

static int report_quarterly(int argc, const char **argv,
			    struct align_ctx *ctx)
{
	return run(argc, argv, ctx, ALIGN_REPORT_QUARTERLY);
}

static int report_monthly(int argc, const char **argv, struct align_ctx *ctx)
{
	return run(argc, argv, ctx, ALIGN_REPORT_MONTHLY);
}

static int report_weekly(int argc, const char **argv, struct align_ctx *ctx)
{
	return run(argc, argv, ctx, ALIGN_REPORT_WEEKLY);
}

const struct command report_verbs[] = {
	{ "monthly", report_monthly, CMD_NEEDS_REPO,
	  "The month's recap: check-ins, launches, upcoming briefs", NULL,
	  NULL },
	{ "quarterly", report_quarterly, CMD_NEEDS_REPO,
	  "The quarterly review: objectives, campaigns, execution, next",
	  NULL, NULL },
	{ "weekly", report_weekly, CMD_NEEDS_REPO,
	  "The sprint review: done, blocked, changed, next", NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
