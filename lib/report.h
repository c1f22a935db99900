#ifndef ALIGN_REPORT_H
#define ALIGN_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "git.h"
#include "repo.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/idmap.h"

/*
 * The reports (`align report quarterly|monthly|weekly`): a document of
 * sections built from one commit of the repository and the history that
 * leads to it, then written as Markdown, HTML, JSON or text.
 *
 * A report is a list of sections, each a function of lib/ (the table in
 * lib/report.c) that reads what the core prepared once for all sections
 * (the records at the report's commit and at the period's start and end,
 * and one history walk through align_history_walk_many) and fills plain
 * data below: tables of cells, charts and notes. Every figure may name
 * the commit it comes from (`source`), so each back end can link it.
 *
 * Nothing depends on the clock: the report's "now" is the commit time of
 * its commit (HEAD, or --as-of), so the same repository and arguments
 * give the same bytes, and --as-of reproduces an earlier report.
 */

enum align_report_type {
	ALIGN_REPORT_QUARTERLY,
	ALIGN_REPORT_MONTHLY,
	ALIGN_REPORT_WEEKLY,
};

/* Where a figure comes from: a commit, its author and author date. */
struct align_report_source {
	char commit[ALIGN_OID_HEXSZ + 1];
	char *author;
	struct align_time when;
};

enum align_report_cell_type {
	ALIGN_CELL_NULL,   /* no value: shown as "-" (or null) */
	ALIGN_CELL_TEXT,   /* what people wrote, or align's words */
	ALIGN_CELL_NUMBER, /* a computed number */
	ALIGN_CELL_PERCENT, /* a share 0..1, shown as a whole percent */
	ALIGN_CELL_DATE,   /* "YYYY-MM-DD" in `text` */
};

struct align_report_cell {
	enum align_report_cell_type type;
	char *text;
	double number;
	int source; /* index into the report's sources, -1 for none */
};

struct align_report_column {
	const char *key;   /* JSON key, CSV-like header: align's words */
	const char *label; /* heading in Markdown, HTML and text */
};

struct align_report_table {
	const char *key; /* the section's JSON member holding the rows */
	const char *caption; /* align's words, or NULL */
	const struct align_report_column *columns;
	size_t ncolumns;
	struct align_report_cell *cells; /* nrows * ncolumns, row by row */
	size_t nrows;
	size_t alloc;
};

enum align_report_chart_type {
	/* A key result's value over the period, with the expected pace. */
	ALIGN_CHART_LINE,
	/* One bar per row label and series (days to launch, approval days). */
	ALIGN_CHART_BARS,
	/* A grid of rows by columns: updates posted per person per week. */
	ALIGN_CHART_HEAT,
};

struct align_report_point {
	double x; /* seconds */
	double y;
	int source;
};

struct align_report_chart {
	enum align_report_chart_type type;
	char *title; /* may hold what people wrote */
	/* LINE: the values in time order, the pace from (x0,y0) to (x1,y1). */
	struct align_report_point *points;
	size_t npoints;
	size_t points_alloc;
	double x0, y0, x1, y1;
	/* BARS and HEAT: rows x columns of values (NaN: none). */
	char **rows;
	size_t nrows;
	const char *const *columns; /* align's words (series, weeks) */
	char **column_names;        /* or owned names */
	size_t ncolumns;
	double *values;
};

enum align_report_block_type {
	ALIGN_BLOCK_PARAGRAPH, /* a sentence of align's, may quote people */
	ALIGN_BLOCK_GAP,       /* what the report could not know */
	ALIGN_BLOCK_PROSE,     /* Markdown people wrote (a results section) */
	ALIGN_BLOCK_HEADING,   /* a sub-heading: a record's title */
	ALIGN_BLOCK_TABLE,
	ALIGN_BLOCK_CHART,
};

struct align_report_block {
	enum align_report_block_type type;
	char *text; /* PARAGRAPH, GAP, PROSE, HEADING */
	int source; /* PARAGRAPH, HEADING: the commit it names, or -1 */
	struct align_report_table *table;
	struct align_report_chart *chart;
};

struct align_report_section {
	const char *key;   /* JSON member: "performance" */
	const char *title; /* heading */
	struct align_report_block *blocks;
	size_t nblocks;
	size_t alloc;
};

struct align_report {
	enum align_report_type type;
	struct align_period period;
	const char *type_name;  /* "quarterly" */
	char *title;            /* "Quarterly review 2026-Q4: <team>" */
	char commit[ALIGN_OID_HEXSZ + 1]; /* what it was built from */
	struct align_time made_at; /* that commit's commit time */
	char day[ALIGN_DATE_STRLEN]; /* the report's day (see report-section.h) */
	int shallow;            /* the history ends at a shallow boundary */
	struct align_report_section *sections;
	size_t nsections;
	struct align_report_source **sources; /* in order of first use */
	size_t nsources;
	size_t sources_alloc;
	struct align_report_block *gaps; /* report-wide gaps (GAP blocks) */
	size_t ngaps;
	size_t gaps_alloc;
	/* commit id -> index into sources, for align_report_source() */
	struct align_idmap source_index;
};

struct align_report_opts {
	enum align_report_type type;
	struct align_period period; /* the quarter, month or ISO week */
	/* The commit to report from (a full id), and the report's day and
	 * instant: --as-of's, or that commit's commit time. */
	const char *commit;
	struct align_date today;
	int64_t now;
};

/*
 * Builds the report of `opts->period` from `opts->commit`. Returns 0, or an
 * ALIGN_* error with the message on `repo`. Problems reading old versions
 * become gaps in the report, never errors. Release `out` in every case.
 */
int align_report_build(struct align_report *out, struct align_repo *repo,
		       const struct align_report_opts *opts);

void align_report_release(struct align_report *report);

/* Parses "YYYY-MM" into the month's period. Returns 0 or -1. */
int align_month_parse(struct align_period *out, const char *str);

/* The month holding `date`. */
void align_month_of(struct align_period *out, const struct align_date *date);

/* Output. */

enum align_report_format {
	ALIGN_REPORT_MD,
	ALIGN_REPORT_HTML,
	ALIGN_REPORT_JSON,
	ALIGN_REPORT_TEXT,
};

/* "md" (or "markdown"), "html", "json", "text". Returns 0 or -1. */
int align_report_format_parse(enum align_report_format *out,
			      const char *name);

struct align_report_style {
	enum align_report_format format;
	/*
	 * How a commit becomes a link in Markdown and HTML: "%H" is replaced
	 * by the full id, "%h" by the short one
	 * ("https://git.example.com/team/records/commit/%H"). NULL: Markdown
	 * names the short id, HTML links to its row in the sources table.
	 */
	const char *commit_url;
	int width; /* text: the terminal's width, 0 for no limit */
	int color; /* text: colour */
};

/*
 * Writes `report` to `out`. Everything people wrote is escaped for the
 * format (HTML: every field, and prose through cmark's safe renderer with
 * raw HTML and unsafe links dropped). Returns 0, or -1 when writing
 * failed.
 */
int align_report_write(FILE *out, const struct align_report *report,
		       const struct align_report_style *style);

/* Internal to the report's modules (lib/report*.c). */

struct align_report_section *
align_report_add_section(struct align_report *report, const char *key,
			 const char *title);
struct align_report_block *
align_report_add_block(struct align_report_section *section,
		       enum align_report_block_type type, const char *text);
struct align_report_table *
align_report_add_table(struct align_report_section *section, const char *key,
		       const char *caption,
		       const struct align_report_column *columns,
		       size_t ncolumns);
/* Starts a row of `table` with every cell NULL; returns its cells. */
struct align_report_cell *align_report_add_row(struct align_report_table *t);
void align_report_cell_text(struct align_report_cell *cell, const char *s);
void align_report_cell_number(struct align_report_cell *cell, double v);
void align_report_cell_percent(struct align_report_cell *cell, double v);
void align_report_cell_date(struct align_report_cell *cell,
			    const struct align_date *date);
/*
 * The index of commit `id` among the report's sources, adding it with
 * `author` and `when` the first time.
 */
int align_report_source(struct align_report *report, const char *id,
			const char *author, const struct align_time *when);
/* A report-wide gap: printf-like, align's words with people's values. */
void align_report_gap(struct align_report *report, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct align_report_chart *
align_report_add_chart(struct align_report_section *section,
		       enum align_report_chart_type type, const char *title);

#endif
