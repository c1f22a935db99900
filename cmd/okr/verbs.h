#ifndef ALIGN_CMD_OKR_VERBS_H
#define ALIGN_CMD_OKR_VERBS_H

/* align okr's verbs, one file each family (plan.c, status.c, history.c). */

#include "align.h"

int okr_new(int argc, const char **argv, struct align_ctx *ctx);
int okr_kr_add(int argc, const char **argv, struct align_ctx *ctx);
int okr_checkin(int argc, const char **argv, struct align_ctx *ctx);
int okr_status(int argc, const char **argv, struct align_ctx *ctx);
int okr_history(int argc, const char **argv, struct align_ctx *ctx);

/*
 * Splits "<okr>#<kr>" in place; prints the error and returns -1 when the
 * reference is not of that form.
 */
int okr_split_ref(char *ref, char **out_kr);

/* `s`, or "-" when it is NULL or empty. */
const char *okr_or_dash(const char *s);

#endif
