/* align decision import: an adr-tools or MADR folder as decisions. */
#include "align.h"
#include "decision/verbs.h"

int decision_import(int argc, const char **argv, struct align_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	return EXIT_OK;
}
