#ifndef ALIGN_CMD_KINDS_H
#define ALIGN_CMD_KINDS_H

#include "align.h"
#include "kind.h"

/*
 * The generic verbs of a record kind: `new`, made by the kind's id scheme
 * with options that set its typed fields, and each move of its workflow
 * table. A kind's command file configures them (struct kind_new) rather
 * than copying them.
 */

/* One option of `new`: the field it sets, checked by the field's type. */
struct kind_option {
	const char *field; /* a field of the kind's own section */
	const char *argh;  /* "<person>" */
	const char *help;
	int nonnegative;   /* number fields: refuse values below 0 */
};

struct kind_new {
	const struct align_kind *kind;
	const char *command; /* "brief", "okr": commit subjects, usage */
	const char *const *usage;
	const char *title_missing; /* the error when no title is given */
	/* The options, terminated by one with a NULL field. */
	const struct kind_option *options;
	int edit; /* offers the editor on a terminal (--edit / --no-edit) */
	/* What an edited new record must keep; may be NULL. */
	const char *(*edit_rule)(const struct align_record *edited);
};

/*
 * `align <command> new <title> [<options>]`: makes a record of the kind by
 * its id scheme in its folder, sets the fields given, opens the editor
 * when configured and wanted, writes and commits it ("<command>: new
 * <id>"). Returns the exit status.
 */
int kind_cmd_new(const struct kind_new *cfg, int argc, const char **argv,
		 struct align_ctx *ctx);

/*
 * `align <kind> <verb> <record> [-m <note>] [--no-commit]`: applies the
 * move `verb` of the kind's workflow table to one record
 * (align_workflow_apply), commits it and prints "<id>: <from> → <to>".
 * Returns the exit status.
 */
int kind_cmd_move(const struct align_kind *kind, const char *verb, int argc,
		  const char **argv, struct align_ctx *ctx);

/*
 * The same as rows of a family's verb table (struct command): `new` with
 * `data` the struct kind_new, a move with `data` the struct align_kind and
 * the row's name the move's verb.
 */
int kind_verb_new(int argc, const char **argv, struct align_ctx *ctx);
int kind_verb_move(int argc, const char **argv, struct align_ctx *ctx);

/*
 * `align new <kind> <title> [--<field> <value>]...`: kind_cmd_new() for any
 * kind of the table, with an option for each field of its own section
 * (but id and status). Returns the exit status.
 */
int cmd_new(int argc, const char **argv, struct align_ctx *ctx);

#endif
