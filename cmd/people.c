/* align people: the roster (people.ini). */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "options.h"
#include "output.h"
#include "people.h"
#include "util/banned.h"

static int people_ls(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align people ls [--team <team>] [--format <format>]", NULL
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	const char *team = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "team", &team, "<team>",
		  "only people of this team", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json or csv", formats },
		OPT_END_(),
	};
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct table t;
	struct json j;
	int n;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (align_people_load(&people, ctx->repo, &diags) < 0) {
		const struct align_diag *d = diags.count ? &diags.items[0] : NULL;
		if (d) {
			error_msg("%s:%zu: %s", d->path, d->line, d->message);
		} else {
			error_msg("%s", align_repo_error(ctx->repo));
		}
		align_diags_clear(&diags);
		return EXIT_FINDINGS;
	}
	table_init(&t, 4);
	if (!strcmp(format, "json")) {
		json_init(&j, stdout);
		json_begin_array(&j);
	} else if (!strcmp(format, "csv")) {
		fputs("handle,name,email,team\n", stdout);
	}
	for (size_t i = 0; i < people.count; i++) {
		const struct align_person *p = &people.items[i];
		if (team && (!p->team || strcmp(p->team, team))) {
			continue;
		}
		if (!strcmp(format, "json")) {
			json_begin_object(&j);
			json_key(&j, "handle");
			json_string(&j, p->handle);
			json_key(&j, "name");
			json_string(&j, p->name ? p->name : "");
			json_key(&j, "email");
			json_string(&j, p->email ? p->email : "");
			json_key(&j, "team");
			json_string(&j, p->team ? p->team : "");
			json_end_object(&j);
		} else if (!strcmp(format, "csv")) {
			csv_field(stdout, p->handle, ',');
			csv_field(stdout, p->name ? p->name : "", ',');
			csv_field(stdout, p->email ? p->email : "", ',');
			csv_field(stdout, p->team ? p->team : "", '\n');
		} else {
			table_add(&t, p->handle);
			table_add(&t, p->name && *p->name ? p->name : "-");
			table_add(&t, p->team && *p->team ? p->team : "-");
			table_add(&t, p->email && *p->email ? p->email : "-");
		}
	}
	if (!strcmp(format, "json")) {
		json_end_array(&j);
		json_finish(&j);
	} else if (!strcmp(format, "text")) {
		table_print(&t, stdout);
	}
	table_release(&t);
	align_people_release(&people);
	align_diags_clear(&diags);
	return EXIT_OK;
}

const struct command people_verbs[] = {
	{ "ls", people_ls, CMD_NEEDS_REPO, "List the people of the roster",
	  NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
