/* align show: one record's fields and prose. */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "options.h"
#include "output.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "json", NULL };

static void show_text(const struct align_entry *e, struct align_ctx *ctx)
{
	const struct align_record *r = e->record;
	const struct align_ini *ini = &r->ini;
	struct align_buf shown = ALIGN_BUF_INIT, prose = ALIGN_BUF_INIT;
	size_t width = 0;

	for (size_t f = 0; f < ini->nfields; f++) {
		size_t w = strlen(ini->fields[f].key);
		if (w > width) {
			width = w;
		}
	}
	align_repo_display_path(ctx->repo, e->path, &shown);
	if (r->title) {
		printf("%s\n", r->title);
	}
	printf("%s %s (%s)\n", align_record_kind(r),
	       align_record_id(r) ? align_record_id(r) : "-", shown.ptr);
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		if (s > 0) {
			printf("\n[%s", sec->name);
			if (sec->sub) {
				printf(" \"%s\"", sec->sub);
			}
			printf("]\n");
		} else {
			putchar('\n');
		}
		for (size_t f = 0; f < ini->nfields; f++) {
			if (ini->fields[f].section != s) {
				continue;
			}
			if (*ini->fields[f].value) {
				printf("    %-*s  %s\n", (int)width,
				       ini->fields[f].key, ini->fields[f].value);
			} else {
				printf("    %s\n", ini->fields[f].key);
			}
		}
	}
	align_record_prose(r, &prose);
	if (prose.len) {
		printf("\n%s", prose.ptr);
	}
	align_buf_release(&shown);
	align_buf_release(&prose);
}

int cmd_show(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align show <record> [--as-of <date|rev>] [--format <format>]",
		NULL
	};
	const char *format = "text", *as_of = NULL;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "as-of", &as_of, "<date|rev>",
		  "as it stood at that day or revision", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>", "text or json",
		  formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_entry *e;
	int n, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg(n ? "too many arguments" : "which record? give an id, "
						     "an id prefix or a path");
		return EXIT_USAGE;
	}
	status = as_of ? load_catalog_as_of(ctx, &cat, as_of)
		       : load_catalog_for(ctx, &cat, NULL, argv[0]);
	if (status != 0) {
		goto done;
	}
	if ((status = find_record(&e, ctx, &cat, NULL, argv[0])) != 0) {
		goto done;
	}
	if (!strcmp(format, "json")) {
		struct json j;
		json_init(&j, stdout);
		record_json(&j, e);
		json_finish(&j);
	} else {
		show_text(e, ctx);
	}
done:
	align_catalog_release(&cat);
	return status;
}
