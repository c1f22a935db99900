#ifndef ALIGN_RACI_IMPORT_H
#define ALIGN_RACI_IMPORT_H

#include <stddef.h>

#include "people.h"
#include "raci.h"
#include "util/diag.h"

/*
 * RACI tables as people write them in Markdown, read line by line (cmark
 * 0.30 has no tables). A table is a header row, a delimiter row
 * (| --- | :-: |) and the rows up to a blank line, outside fenced code.
 * Two layouts:
 *
 *  1. steps as rows, people or roles as columns, cells of letters:
 *     R, A, A/R, "A, R", R/A, C, I or empty;
 *  2. steps as rows, R, A, C and I as columns (Responsible, "A
 *     (Accountable)", ...), names in the cells, comma separated.
 *
 * The first column names the step. A column called Blocker (or Common
 * blocker) gives the step's blocker, SLA its sla; Notes, Comments and
 * Description are ignored. A row whose first cell is bold and the rest
 * empty is a phase (| **Planning** | | |), and a row repeating the
 * header or all bold a sub-header: both are skipped. A table with no
 * letters at all is not a RACI table and is passed over. Each table
 * becomes one workflow, named by the slug of the heading before it (the
 * file's name when there is none), made unique within the file.
 */

struct align_raci_table {
	struct align_raci raci; /* lines and columns are the Markdown's */
	int layout;             /* 1 or 2, as above */
	struct align_diags diags; /* what the table itself breaks */
};

struct align_raci_import {
	struct align_raci_table *tables;
	size_t n;
	size_t alloc;
	struct align_diags diags; /* about the file as a whole */
};

#define ALIGN_RACI_IMPORT_INIT { NULL, 0, 0, ALIGN_DIAGS_INIT }

/*
 * Reads every RACI table of `len` bytes of Markdown at `path` (for the
 * diagnostics). Names are made roster handles where `people` (may be
 * NULL) knows them: a handle or role in any letter case, a person's
 * name, or a first name only one person has. Problems of a table's cells
 * (a letter that is not R, A, C or I, a look-alike character in a
 * letter, a row without a step name) go to its `diags` as errors; the
 * rules (align_raci_check) are the caller's to run. Returns 0, or
 * ALIGN_EINVALID when the text is not UTF-8 or holds a NUL (in
 * out->diags). Release `out` in every case.
 */
int align_raci_import_parse(struct align_raci_import *out, const char *path,
			    const char *text, size_t len,
			    const struct align_people *people);

void align_raci_import_release(struct align_raci_import *imp);

#endif
