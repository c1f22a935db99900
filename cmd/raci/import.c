/* align raci import: Markdown RACI tables into workflows. */
#include "align.h"
#include "raci/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "raci-import.h"
#include "raci.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

/* Largest Markdown file import reads. */
#define IMPORT_MAX (1024 * 1024)

static const char *layout_words(int layout)
{
	return layout == 2 ? "R, A, C and I as columns"
			   : "people and roles as columns";
}

int raci_import(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align raci import <file.md> [--dry-run] [--no-commit] "
		"[-m <note>]",
		NULL,
	};
	const char *note = NULL;
	int dry_run = 0, no_commit = 0;
	const struct opt opts[] = {
		{ OPT_BOOL, 0, "dry-run", &dry_run, NULL,
		  "only report what the tables say and break", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the files but do not commit them", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		OPT_END_(),
	};
	struct align_raci_import imp = ALIGN_RACI_IMPORT_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_raci_settings st;
	struct align_buf data = ALIGN_BUF_INIT, path = ALIGN_BUF_INIT;
	struct align_buf msg = ALIGN_BUF_INIT, shown = ALIGN_BUF_INIT;
	struct align_record **records = NULL;
	struct align_change *changes = NULL;
	struct align_diags all = ALIGN_DIAGS_INIT;
	const char *problem;
	size_t errors = 0, warnings = 0;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("%s", n ? "too many arguments"
				  : "which file? align raci import <file.md>");
		return EXIT_USAGE;
	}
	if (note && (problem = align_text_problem(note, 1))) {
		error_msg("invalid note given with -m: it %s", problem);
		return EXIT_USAGE;
	}
	if (argv[0][0] == '/') {
		align_buf_adds(&path, argv[0]);
	} else {
		align_path_join(&path, ctx->cwd, argv[0]);
	}
	ret = align_fs_read_regular(&data, path.ptr, IMPORT_MAX);
	if (ret != 0) {
		error_msg("cannot read '%s': %s", argv[0],
			  ret == ALIGN_ENOTFOUND ? "no such file"
			  : ret == ALIGN_ETOOBIG ? "larger than 1 MiB"
			  : ret == 1		 ? "not a plain file"
						 : "read error");
		status = ret == ALIGN_ETOOBIG || ret == ALIGN_ERROR ? EXIT_FATAL
								   : EXIT_FINDINGS;
		goto done;
	}
	if ((status = raci_load_people(ctx, &people)) != 0) {
		goto done;
	}
	if (align_raci_import_parse(&imp, argv[0], data.ptr, data.len,
				    &people) < 0) {
		error_msg("%s", imp.diags.items[0].message);
		status = EXIT_FINDINGS;
		goto done;
	}
	if (!imp.n) {
		error_msg("no RACI table in '%s': a table needs a header row, a "
			  "delimiter row (| --- |) and cells of R, A, C or I",
			  argv[0]);
		status = EXIT_FINDINGS;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	align_raci_settings(&st, ctx->repo);
	records = align_calloc(imp.n, sizeof(*records));
	changes = align_calloc(imp.n, sizeof(*changes));
	for (size_t i = 0; i < imp.n; i++) {
		struct align_raci_table *t = &imp.tables[i];
		struct align_diags parse = ALIGN_DIAGS_INIT;
		struct align_buf ini = ALIGN_BUF_INIT, rel = ALIGN_BUF_INIT;
		struct align_printer *p;

		align_raci_check(&t->raci, &people, &ctx->today, &st, &t->diags);
		align_diags_sort(&t->diags);
		align_buf_addf(&rel, "%s/%s.ini",
			       align_kind_folder(&align_kind_raci, ctx->repo),
			       t->raci.id);
		if (align_catalog_by_id(&cat, t->raci.id) ||
		    align_repo_exists(ctx->repo, rel.ptr)) {
			align_diags_add(&t->diags, argv[0], t->raci.line,
					ALIGN_SEV_ERROR,
					"workflow '%s' exists already (%s); "
					"rename the heading above the table or "
					"change it with 'align raci set'",
					t->raci.id, rel.ptr);
		}
		align_raci_to_ini(&ini, &t->raci);
		if (align_record_parse(&records[i], rel.ptr, ini.ptr, ini.len,
				       align_repo_limits(ctx->repo), &parse) < 0) {
			align_diags_add(&t->diags, argv[0], t->raci.line,
					ALIGN_SEV_ERROR,
					"the table cannot be written as %s: %s",
					rel.ptr,
					parse.count ? parse.items[0].message
						    : "it does not read back");
		}
		align_diags_clear(&parse);
		align_buf_release(&ini);
		align_buf_release(&rel);

		p = align_printer_new(stdout, ALIGN_PRINTER_TEXT);
		align_printer_string(p, argv[0]);
		align_printer_textf(p, ":%zu-%zu: workflow '", t->raci.line,
				    t->raci.last_line);
		align_printer_string(p, t->raci.id);
		align_printer_textf(p, "': %zu step%s, %s, ", t->raci.nsteps,
				    t->raci.nsteps == 1 ? "" : "s",
				    layout_words(t->layout));
		if (t->diags.count) {
			size_t e = align_diags_count(&t->diags, ALIGN_SEV_ERROR);
			size_t w = t->diags.count - e;
			align_printer_textf(p, "%zu error%s, %zu warning%s\n", e,
					    e == 1 ? "" : "s", w,
					    w == 1 ? "" : "s");
		} else {
			align_printer_text(p, "no findings\n");
		}
		align_printer_free(p);
		diags_print(stdout, &t->diags, "text", ctx->color);
		errors += align_diags_count(&t->diags, ALIGN_SEV_ERROR);
		warnings += align_diags_count(&t->diags, ALIGN_SEV_WARNING);
	}
	if (dry_run) {
		status = errors ? EXIT_FINDINGS : EXIT_OK;
		goto done;
	}
	if (errors) {
		error_msg("nothing written: the tables have %zu error%s; fix "
			  "them in '%s' and import again",
			  errors, errors == 1 ? "" : "s", argv[0]);
		status = EXIT_FINDINGS;
		goto done;
	}
	align_buf_addf(&msg, "raci: import %zu workflow%s from %s\n\n", imp.n,
		       imp.n == 1 ? "" : "s", argv[0]);
	if (note) {
		align_buf_addf(&msg, "%s\n\n", note);
	}
	for (size_t i = 0; i < imp.n; i++) {
		changes[i].path = records[i]->path;
		changes[i].data = records[i]->bytes.ptr;
		changes[i].len = records[i]->bytes.len;
		align_buf_addf(&msg, "Align-Record: %s\n", records[i]->path);
	}
	ret = align_repo_write(ctx->repo, changes, imp.n,
			       no_commit ? NULL : msg.ptr, NULL);
	if (ret < 0) {
		status = fail_with(ret, align_repo_error(ctx->repo));
		goto done;
	}
	for (size_t i = 0; i < imp.n; i++) {
		align_buf_clear(&shown);
		align_repo_display_path(ctx->repo, records[i]->path, &shown);
		printf("%s\n", shown.ptr);
	}
done:
	for (size_t i = 0; records && i < imp.n; i++) {
		align_record_free(records[i]);
	}
	free(records);
	free(changes);
	(void)warnings;
	align_diags_clear(&all);
	align_raci_import_release(&imp);
	align_people_release(&people);
	align_catalog_release(&cat);
	align_buf_release(&data);
	align_buf_release(&path);
	align_buf_release(&msg);
	align_buf_release(&shown);
	return status;
}
