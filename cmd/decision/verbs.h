#ifndef ALIGN_CMD_DECISION_VERBS_H
#define ALIGN_CMD_DECISION_VERBS_H

/*
 * align decision's verbs: decision.c (the table, new, the moves,
 * supersede, renumber), list.c (ls, revisit, show), import.c (import).
 */

#include "align.h"
#include "util/buf.h"

int decision_ls(int argc, const char **argv, struct align_ctx *ctx);
int decision_revisit(int argc, const char **argv, struct align_ctx *ctx);
int decision_show(int argc, const char **argv, struct align_ctx *ctx);
int decision_import(int argc, const char **argv, struct align_ctx *ctx);

/*
 * A decision as the user names it: a number alone ("7", "0007") is the
 * decision numbered so (the id prefix "0007-"); anything else is a
 * reference as for every record. Points into `buf` or at `arg`.
 */
const char *decision_ref(struct align_buf *buf, const char *arg);

#endif
