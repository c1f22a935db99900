/*
 * align raci: RACI matrices, one record per workflow (lib/raci.c).
 *   align raci new <workflow> [--template <name>] [--title <title>]
 *   align raci set <workflow> <step> [--responsible <names>] [...]
 *   align raci show <workflow> [--format <format>]
 *   align raci who <person|role> [--format <format>]
 *   align raci import <file.md> [--dry-run]
 * This file: the verb table raci_verbs[], new and set.
 */
#include "align.h"
#include "raci/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "options.h"
#include "people.h"
#include "raci.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

int raci_load_people(struct align_ctx *ctx, struct align_people *out)
{
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret = align_people_load(out, ctx->repo, &diags);

	if (ret == ALIGN_EINVALID) {
		warning_msg("%s does not parse; run 'align check' (names are "
			    "taken as written)",
			    ALIGN_PEOPLE_FILE);
		align_people_release(out);
		ret = 0;
	}
	align_diags_clear(&diags);
	return ret < 0 ? fail_with(ret, align_repo_error(ctx->repo)) : 0;
}

/* "campaign-launch" -> "Campaign launch". */
static void title_of(struct align_buf *out, const char *id)
{
	for (const char *p = id; *p; p++) {
		char c = *p == '-' ? ' ' : *p;
		align_buf_addch(out, p == id && c >= 'a' && c <= 'z' ? c - 32 : c);
	}
}

int raci_new(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align raci new <workflow> [--template <template>] "
		"[--title <title>] [--no-commit] [-m <note>]",
		NULL,
	};
	const char *tmpl = NULL, *title = NULL, *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "template", &tmpl, "<template>",
		  "start from a built-in workflow: campaign-launch", NULL },
		{ OPT_STRING, 0, "title", &title, "<title>",
		  "the workflow's title (default: from its name)", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the file but do not commit it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	struct align_buf shown = ALIGN_BUF_INIT;
	struct align_kind_vars vars = { NULL, NULL, NULL, { 0, 0, 0 }, NULL };
	struct align_record *r = NULL;
	const char *const *names = align_raci_templates();
	int n, ret, status, known = 0;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("%s", n ? "too many arguments"
				  : "a workflow needs a name: align raci new "
				    "<workflow>, as in campaign-launch");
		return EXIT_USAGE;
	}
	if (!align_id_valid(argv[0])) {
		error_msg("invalid workflow name '%s': use up to %d lowercase "
			  "letters, digits and single dashes",
			  argv[0], ALIGN_ID_MAX);
		return EXIT_USAGE;
	}
	for (size_t i = 0; tmpl && names[i]; i++) {
		known |= !strcmp(names[i], tmpl);
	}
	if (tmpl && !known) {
		error_msg("no RACI template '%s' (there is: campaign-launch)",
			  tmpl);
		return EXIT_USAGE;
	}
	if (check_option_value("title", title) < 0) {
		return EXIT_USAGE;
	}
	if (!title) {
		title_of(&shown, argv[0]);
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	vars.title = title ? title : shown.ptr;
	vars.today = ctx->today;
	ret = align_catalog_new_record(&r, &cat, ctx->repo, &align_kind_raci,
				       &vars, argv[0], &err);
	if (ret == 0 && tmpl) {
		ret = align_raci_apply_template(r, tmpl, &err);
	}
	if (ret < 0) {
		status = ret == ALIGN_EINVALID && !strstr(err.ptr, "template")
				 ? EXIT_USAGE
				 : exit_for(ret);
		error_msg("%s", err.ptr);
		goto done;
	}
	align_buf_addf(&msg, "raci: new %s", align_record_id(r));
	status = write_new_record(ctx, r, msg.ptr, note, no_commit);
done:
	align_record_free(r);
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&msg);
	align_buf_release(&shown);
	return status;
}

int raci_set(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align raci set <workflow> <step> [--responsible <names>] "
		"[--accountable <name>] [--consulted <names>] "
		"[--informed <names>] [--sla <duration>] [--blocker <text>] "
		"[--order <n>] [--no-commit] [-m <note>]",
		NULL,
	};
	const char *v[7] = { NULL };
	static const char *const keys[7] = { "responsible", "accountable",
					     "consulted",   "informed",
					     "sla",	    "blocker",
					     "order" };
	const char *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "responsible", &v[0], "<names>",
		  "who does the work (handles or roles, comma separated)",
		  NULL },
		{ OPT_STRING, 0, "accountable", &v[1], "<name>",
		  "the one who answers for the step", NULL },
		{ OPT_STRING, 0, "consulted", &v[2], "<names>",
		  "who is asked before", NULL },
		{ OPT_STRING, 0, "informed", &v[3], "<names>",
		  "who is told after", NULL },
		{ OPT_STRING, 0, "sla", &v[4], "<duration>",
		  "how long the step may take: 24h, 3d, 2w", NULL },
		{ OPT_STRING, 0, "blocker", &v[5], "<text>",
		  "what usually holds the step up", NULL },
		{ OPT_STRING, 0, "order", &v[6], "<n>",
		  "the step's place in the workflow", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "change the file but do not commit it", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	const struct align_entry *e;
	struct align_raci raci;
	const struct align_raci_step *s;
	int n, ret, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 2) {
		error_msg("give the workflow and the step: align raci set "
			  "<workflow> \"<step>\" --accountable <name> ...");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < 7; i++) {
		if (check_option_value(keys[i], v[i]) < 0) {
			return EXIT_USAGE;
		}
	}
	if ((status = load_catalog(ctx, &cat)) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_raci, argv[0])) !=
		    0) {
		goto done;
	}
	{
		const char *const pairs[7][2] = {
			{ keys[0], v[0] }, { keys[1], v[1] }, { keys[2], v[2] },
			{ keys[3], v[3] }, { keys[4], v[4] }, { keys[5], v[5] },
			{ keys[6], v[6] },
		};
		ret = align_raci_set(e->record, argv[1], pairs, 7, &err);
	}
	if (ret < 0) {
		status = ret == ALIGN_EINVALID ? EXIT_USAGE : exit_for(ret);
		error_msg("%s", err.ptr);
		goto done;
	}
	align_raci_from_record(&raci, e->record);
	s = align_raci_step_find(&raci, argv[1]);
	align_buf_addf(&msg, "raci: set %s %s", align_record_id(e->record),
		       s ? s->key : argv[1]);
	status = write_one_record(ctx, e->record, msg.ptr, note, no_commit,
				  NULL);
	if (status == EXIT_OK && s) {
		const char *sep = ":";
		printf("%s: step '%s'", raci.id, s->name);
		for (size_t i = 0; i < 7; i++) {
			if (v[i]) {
				printf("%s %s = %s", sep, keys[i], v[i]);
				sep = ",";
			}
		}
		putchar('\n');
	}
	align_raci_release(&raci);
done:
	align_catalog_release(&cat);
	align_buf_release(&err);
	align_buf_release(&msg);
	return status;
}

#define RACI_READS CMD_NEEDS_REPO
#define RACI_WRITES (CMD_NEEDS_REPO | CMD_WRITES)

const struct command raci_verbs[] = {
	{ "new", raci_new, RACI_WRITES,
	  "Create a workflow's RACI matrix, empty or from a template", NULL,
	  NULL },
	{ "set", raci_set, RACI_WRITES,
	  "Set who is R, A, C or I for one step, its SLA or blocker", NULL,
	  NULL },
	{ "show", raci_show, RACI_READS,
	  "Show a workflow's matrix: steps by people", NULL, NULL },
	{ "who", raci_who, RACI_READS,
	  "List every step a person or role holds a letter on", NULL, NULL },
	{ "import", raci_import, RACI_WRITES,
	  "Read RACI tables from Markdown into workflows, with their rules",
	  NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
