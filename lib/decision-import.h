#ifndef ALIGN_DECISION_IMPORT_H
#define ALIGN_DECISION_IMPORT_H

#include <stddef.h>

#include "catalog.h"
#include "people.h"
#include "record.h"
#include "util/date.h"

/*
 * Converting a folder of architecture decision records written with
 * adr-tools (Michael Nygard's format: "# 1. Title", "Date: ...", a
 * "## Status" section) or MADR (YAML front matter with status, date,
 * decision-makers, consulted, informed; "# Title") into decision
 * records. The prose is kept byte for byte: everything after the title
 * but the Date line and the Status section (adr-tools), everything after
 * the title (MADR), without the blank lines before it.
 */

struct align_decision_import_item {
	char *source;        /* the file name in the folder */
	const char *format;  /* "adr-tools" or "madr"; NULL when skipped */
	struct align_record *record; /* the decision; NULL when skipped */
	char *skipped;       /* why the file is not imported, or NULL */
	/* What could not be mapped, one line each, NUL-separated. */
	struct align_buf notes;
	size_t nnotes;
	/* Private: what the parse found, before links are resolved. */
	char *title_;
	char *date_;
	char *status_;
	char *supersedes_;    /* a link target's stem, or "#<number>" */
	char *superseded_by_;
	char *deciders_;
	char *consulted_;
	char *informed_;
	struct align_buf body_;
	long number_;
	int dated_;           /* a YYYY-MM-DD- file name: numbered after */
	char *id_;
};

struct align_decision_import {
	struct align_decision_import_item *items; /* by file name */
	size_t n;
	size_t alloc;
};

/*
 * Reads every `.md` file of folder `dir` (not below it) and converts it:
 * files named NNNN-<title>.md keep their number and name (so the links
 * between them still work); YYYY-MM-DD-<title>.md files are numbered
 * after the highest number of the folder and of `catalog`, in name
 * order, their date taken from the name when the file gives none;
 * templates (template.md, adr-template.md) and indexes (README.md,
 * index.md) and other names are skipped with the reason. Status words,
 * "Superseded by [...](<file>)", "Supersedes [...](<file>)" and MADR's
 * "superseded by ADR-0005" become fields; a missing status becomes
 * proposed; MADR's decision-makers are mapped to roster handles (by
 * handle, name or email; `people` may be NULL). Whatever was not mapped
 * is a note on its item; two files with one number, or a number an
 * existing decision has, are noted too (not merged: renumber one
 * afterwards). A file whose id or path exists already is skipped.
 * Returns 0, or ALIGN_ENOTFOUND / ALIGN_ERROR with the message in `err`
 * when the folder cannot be read.
 */
int align_decision_import_load(struct align_decision_import *out,
			       struct align_repo *repo,
			       const struct align_catalog *catalog,
			       const struct align_people *people,
			       const char *dir, const struct align_date *today,
			       struct align_buf *err);

void align_decision_import_release(struct align_decision_import *im);

#endif
