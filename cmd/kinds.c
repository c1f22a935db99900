/*
 * The generic verbs of record kinds: new, and the moves of a workflow
 * table. Each kind's command file (brief.c, okr/plan.c) configures them.
 */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "okr.h"
#include "options.h"
#include "workflow.h"
#include "util/printer.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

#define KIND_OPTIONS_MAX 24

/* Checks an option's value by its field's type; prints why, -1. */
static int check_typed(const struct align_field *f,
		       const struct kind_option *o, const char *v)
{
	struct align_date d;
	struct align_period p;
	double num;

	switch (f->type) {
	case ALIGN_FIELD_DATE:
		if (align_date_parse(&d, v) < 0) {
			error_msg("invalid date '%s' for --%s: use YYYY-MM-DD, a "
				  "real calendar date",
				  v, f->name);
			return -1;
		}
		return 0;
	case ALIGN_FIELD_PERIOD:
		if (align_period_parse(&p, v) < 0) {
			error_msg("invalid %s '%s': use YYYY-Qn with n from 1 to "
				  "4, or YYYY",
				  f->name, v);
			return -1;
		}
		return 0;
	case ALIGN_FIELD_WEEK:
		if (align_week_parse(&p, v) < 0) {
			error_msg("invalid %s '%s': use YYYY-Www, as in 2026-W47",
				  f->name, v);
			return -1;
		}
		return 0;
	case ALIGN_FIELD_NUMBER:
		if (align_number_parse(&num, v) < 0 ||
		    (o->nonnegative && num < 0)) {
			error_msg("invalid %s '%s': use a number%s", f->name, v,
				  o->nonnegative ? " of 0 or more" : "");
			return -1;
		}
		return 0;
	case ALIGN_FIELD_ENUM:
		for (size_t i = 0; f->values && f->values[i]; i++) {
			if (!strcmp(f->values[i], v)) {
				return 0;
			}
		}
		if (f->values) {
			error_msg("invalid %s '%s'", f->name, v);
			return -1;
		}
		return check_option_value(f->name, v);
	default:
		return check_option_value(f->name, v);
	}
}

/* The title without surrounding spaces, allocated. */
static char *trimmed(const char *title)
{
	size_t len;

	while (*title == ' ') {
		title++;
	}
	len = strlen(title);
	while (len && title[len - 1] == ' ') {
		len--;
	}
	return align_strndup(title, len);
}

int kind_cmd_new(const struct kind_new *cfg, int argc, const char **argv,
		 struct align_ctx *ctx)
{
	const struct align_kind *kind = cfg->kind;
	const char *values[KIND_OPTIONS_MAX] = { NULL };
	const struct align_field *fields[KIND_OPTIONS_MAX] = { NULL };
	const char *id = NULL, *note = NULL;
	int edit = 1, no_commit = 0;
	struct opt opts[KIND_OPTIONS_MAX + 5];
	size_t nopts = 0, nfields = 0;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_record *r = NULL;
	struct align_buf err = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	struct align_buf person = ALIGN_BUF_INIT;
	struct align_kind_vars vars = { NULL, NULL, NULL, { 0, 0, 0 }, NULL };
	struct align_period period;
	char *title = NULL;
	int n, ret, status = EXIT_OK;

	for (const struct kind_option *o = cfg->options;
	     o->field && nfields < KIND_OPTIONS_MAX; o++, nfields++) {
		const struct opt one = { OPT_STRING, 0, o->field,
					 &values[nfields], o->argh, o->help,
					 NULL };
		fields[nfields] = align_kind_field(kind, o->field);
		opts[nopts++] = one;
	}
	{
		const struct opt common[] = {
			{ OPT_STRING, 0, "id", &id, "<id>",
			  "use this id instead of one made from the title",
			  NULL },
			{ OPT_BOOL, 0, "edit", &edit, NULL,
			  "open the editor on a terminal (default; --no-edit "
			  "skips it)",
			  NULL },
			{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
			  "write the file but do not commit it", NULL },
			{ OPT_STRING, 'm', "message", &note, "<note>",
			  "add a note to the commit message", NULL },
			OPT_END_(),
		};
		for (size_t i = 0; i < sizeof(common) / sizeof(common[0]);
		     i++) {
			if (i == 1 && !cfg->edit) {
				continue;
			}
			opts[nopts++] = common[i];
		}
	}
	n = opts_parse(argc, argv, opts, cfg->usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("%s", n ? "too many arguments (quote a title with "
				    "spaces)"
				  : cfg->title_missing);
		return EXIT_USAGE;
	}
	title = trimmed(argv[0]);
	for (size_t i = 0; i < nfields; i++) {
		if (values[i] && fields[i] &&
		    check_typed(fields[i], &cfg->options[i], values[i]) < 0) {
			status = EXIT_USAGE;
			goto done;
		}
	}
	/* The period the id scheme and the period field use. */
	if (kind->period_field) {
		const struct align_field *pf =
			align_kind_field(kind, kind->period_field);
		const char *given = NULL;
		for (size_t i = 0; i < nfields; i++) {
			if (fields[i] == pf && values[i]) {
				given = values[i];
			}
		}
		if (given && pf->type == ALIGN_FIELD_WEEK) {
			align_week_parse(&period, given);
		} else if (given) {
			align_period_parse(&period, given);
		} else if (pf && pf->type == ALIGN_FIELD_WEEK) {
			align_week_of(&period, &ctx->today);
		} else {
			align_quarter_of(&period, &ctx->today);
		}
		vars.period = period.name;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	/* A reference names its record as the user likes; write its id. */
	for (size_t i = 0; i < nfields; i++) {
		const struct align_entry *e;
		const struct align_kind *to;
		if (!values[i] || !fields[i] ||
		    fields[i]->type != ALIGN_FIELD_REF ||
		    !(to = align_kind_find(fields[i]->ref))) {
			continue;
		}
		if ((status = find_record(&e, ctx, &cat, to, values[i])) != 0) {
			goto done;
		}
		values[i] = align_record_id(e->record);
	}
	/* {person} in an id scheme: the first person field given. */
	for (size_t i = 0; i < nfields && !vars.person; i++) {
		if (values[i] && fields[i] &&
		    fields[i]->type == ALIGN_FIELD_PERSON) {
			align_slugify(&person, values[i], 32);
			vars.person = person.ptr;
		}
	}
	vars.title = title;
	vars.today = ctx->today;
	ret = align_catalog_new_record(&r, &cat, ctx->repo, kind, &vars, id,
				       &err);
	if (ret < 0) {
		status = ret == ALIGN_EINVALID && !strstr(err.ptr, "template")
				 ? EXIT_USAGE
				 : exit_for(ret);
		error_msg("%s", err.ptr);
		goto done;
	}
	for (size_t i = 0; i < nfields; i++) {
		if (values[i] && (ret = align_record_set(r, kind->name, NULL,
							 cfg->options[i].field,
							 values[i], &err)) < 0) {
			error_msg("%s", err.ptr);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (cfg->edit && edit && editor_wanted() &&
	    edit_new_record(ctx, &r, cfg->edit_rule) < 0) {
		status = EXIT_FINDINGS;
		goto done;
	}
	align_buf_addf(&msg, "%s: new %s", cfg->command, align_record_id(r));
	status = write_new_record(ctx, r, msg.ptr, note, no_commit);
done:
	free(title);
	align_buf_release(&person);
	align_record_free(r);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&msg);
	return status;
}

int kind_cmd_move(const struct align_kind *kind, const char *verb, int argc,
		  const char **argv, struct align_ctx *ctx)
{
	const char *usage[] = { NULL, NULL };
	const char *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		OPT_END_(),
	};
	struct align_buf line = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct align_buf msg = ALIGN_BUF_INIT, from = ALIGN_BUF_INIT;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_entry *e;
	struct align_record *r;
	int n, ret, status;

	align_buf_addf(&line, "align %s %s <%s> [-m <note>] [--no-commit]",
		       kind->name, verb, kind->name);
	usage[0] = line.ptr;
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		status = n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
		goto done;
	}
	if (n != 1) {
		if (n) {
			error_msg("too many arguments");
		} else {
			error_msg("which %s? give an id, an id prefix or a path",
				  kind->name);
		}
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, kind, argv[0])) != 0) {
		goto done;
	}
	r = e->record;
	if ((ret = align_workflow_apply(r, kind, verb, NULL, &from, &msg,
					&err)) < 0) {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	if ((status = write_one_record(ctx, r, msg.ptr, note, no_commit,
				       NULL)) != 0) {
		goto done;
	}
	printf("%s: %s → %s\n", align_record_id(r), from.ptr,
	       align_record_get(r, kind->name, NULL, "status"));
	/* The state's advice: said, and the move stands. */
	align_buf_clear(&err);
	if (align_workflow_advice(r, kind, NULL, &err)) {
		struct align_buf shown = ALIGN_BUF_INIT;

		align_printer_escape_text(&shown, err.ptr, err.len, 1);
		warning_msg("%s '%s' is %s with %s", kind->name,
			    align_record_id(r),
			    align_record_get(r, kind->name, NULL, "status"),
			    shown.ptr);
		align_buf_release(&shown);
	}
done:
	align_catalog_release(&cat);
	align_buf_release(&line);
	align_buf_release(&err);
	align_buf_release(&msg);
	align_buf_release(&from);
	return status;
}

int kind_verb_new(int argc, const char **argv, struct align_ctx *ctx)
{
	return kind_cmd_new(ctx->command->data, argc, argv, ctx);
}

int kind_verb_move(int argc, const char **argv, struct align_ctx *ctx)
{
	return kind_cmd_move(ctx->command->data, argv[0], argc, argv, ctx);
}

static const char *const new_usage[] = {
	"align new <kind> <title> [--<field> <value>]... [--id <id>] "
	"[--no-commit] [-m <note>]",
	NULL,
};

int cmd_new(int argc, const char **argv, struct align_ctx *ctx)
{
	static const struct opt no_opts[] = { OPT_END_() };
	const struct align_kind *kind = NULL;
	struct kind_option options[KIND_OPTIONS_MAX + 1];
	struct align_buf text[KIND_OPTIONS_MAX];
	struct align_buf line = ALIGN_BUF_INIT, missing = ALIGN_BUF_INIT;
	const char *usage[] = { NULL, NULL };
	struct kind_new cfg;
	size_t n = 0;
	int status;

	if (argc < 2 || argv[1][0] == '-') {
		int h = argc >= 2 && (!strcmp(argv[1], "-h") ||
				      !strcmp(argv[1], "--help"));
		if (!h && argc >= 2) {
			error_msg("give the kind first: %s", new_usage[0]);
			return EXIT_USAGE;
		}
		opts_usage(h ? stdout : stderr, no_opts, new_usage);
		return h ? EXIT_OK : EXIT_USAGE;
	}
	if (!(kind = ctx->repo ? kind_from_arg(argv[1], ctx->repo)
			       : align_kind_find(argv[1]))) {
		error_msg("unknown kind '%s'", argv[1]);
		return EXIT_USAGE;
	}
	/* Every field of the kind's own section but its id and status. */
	for (const struct align_field *f = kind->fields;
	     f && f->name && n < KIND_OPTIONS_MAX; f++) {
		/* The id, the number and the state are the kind's to give. */
		if (f->section || f->type == ALIGN_FIELD_ID ||
		    f->type == ALIGN_FIELD_SERIAL ||
		    (kind->states && !strcmp(f->name, "status"))) {
			continue;
		}
		align_buf_init(&text[n]);
		align_buf_addf(&text[n], "<%s>", align_field_type_name(f->type));
		options[n].field = f->name;
		options[n].argh = text[n].ptr;
		options[n].help = f->flags & ALIGN_FIELD_REQUIRED
					  ? "a required field"
					  : "an optional field";
		options[n].nonnegative = 0;
		n++;
	}
	options[n].field = NULL;
	align_buf_addf(&line, "align new %s <title> [--<field> <value>]... "
			      "[--id <id>] [--no-commit] [-m <note>]",
		       kind->name);
	usage[0] = line.ptr;
	align_buf_addf(&missing, "a %s needs a title: align new %s \"<title>\"",
		       kind->name, kind->name);
	cfg.kind = kind;
	cfg.command = kind->name;
	cfg.usage = usage;
	cfg.title_missing = missing.ptr;
	cfg.options = options;
	cfg.edit = 0;
	cfg.edit_rule = NULL;
	status = kind_cmd_new(&cfg, argc - 1, argv + 1, ctx);
	for (size_t i = 0; i < n; i++) {
		align_buf_release(&text[i]);
	}
	align_buf_release(&line);
	align_buf_release(&missing);
	return status;
}
