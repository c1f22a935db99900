#ifndef ALIGN_CMD_RACI_VERBS_H
#define ALIGN_CMD_RACI_VERBS_H

/* align raci's verbs: raci.c (new, set), show.c (show, who), import.c. */

#include "align.h"

struct align_catalog;
struct align_people;
struct align_raci;

int raci_new(int argc, const char **argv, struct align_ctx *ctx);
int raci_set(int argc, const char **argv, struct align_ctx *ctx);
int raci_show(int argc, const char **argv, struct align_ctx *ctx);
int raci_who(int argc, const char **argv, struct align_ctx *ctx);
int raci_import(int argc, const char **argv, struct align_ctx *ctx);

/*
 * Loads the roster for a raci verb; a roster that does not parse is
 * said on stderr and left empty. Returns 0 or the exit status.
 */
int raci_load_people(struct align_ctx *ctx, struct align_people *out);

#endif
