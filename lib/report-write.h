#ifndef ALIGN_REPORT_WRITE_H
#define ALIGN_REPORT_WRITE_H

#include "report.h"
#include "util/buf.h"

/* Internal to the report's back ends (lib/report-write.c, -html.c). */

/* Digits of a commit id a report shows, as git's shortest default. */
#define ALIGN_REPORT_SHORT 7

/* A cell's value as text, unescaped ("-" for none, "42%" for a share). */
void align_report_cell_value(struct align_buf *out,
			     const struct align_report_cell *cell);

/* `template` with %H and %h replaced by `commit`'s full and short id. */
void align_report_commit_link(struct align_buf *out, const char *template,
			      const char *commit);

/* The HTML page: one self-contained file. */
void align_report_html(struct align_buf *out, const struct align_report *r,
		       const struct align_report_style *style);

#endif
