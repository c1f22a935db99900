/* align people: the roster (people.ini). */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "options.h"
#include "output.h"
#include "people.h"
#include "util/banned.h"

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

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
	struct align_printer *p;
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
	p = printer_for(format);
	align_printer_begin_map(p);
	align_printer_map_key(p, "people");
	align_printer_begin_list(p);
	for (size_t i = 0; i < people.count; i++) {
		const struct align_person *person = &people.items[i];
		if (team && (!person->team || strcmp(person->team, team))) {
			continue;
		}
		align_printer_begin_map(p);
		align_printer_map_key(p, "handle");
		align_printer_string(p, person->handle);
		align_printer_map_key(p, "name");
		align_printer_string(p, or_null(person->name));
		align_printer_map_key(p, "team");
		align_printer_string(p, or_null(person->team));
		align_printer_map_key(p, "email");
		align_printer_string(p, or_null(person->email));
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	align_printer_free(p);
	align_people_release(&people);
	align_diags_clear(&diags);
	return EXIT_OK;
}

const struct command people_verbs[] = {
	{ "ls", people_ls, CMD_NEEDS_REPO, "List the people of the roster",
	  NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
