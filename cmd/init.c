/* align init: make the current folder a records root and commit it. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "kind.h"
#include "options.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/banned.h"

/* The .gitattributes lines that give records the merge driver. */
static void attributes_wanted(struct align_buf *out, struct align_repo *repo)
{
	const struct align_kind *const *kinds = align_kinds();

	for (size_t i = 0; kinds[i]; i++) {
		align_buf_addf(out, "%s/** merge=align\n",
			       align_kind_folder(kinds[i], repo));
	}
	align_buf_adds(out, "people.ini merge=align\n");
}

/*
 * align init --merge-driver: the driver for this clone (git config, which
 * a clone does not share) and the records' attributes (.gitattributes,
 * committed when lines are missing). The driver is run as "align", so
 * align must be on PATH wherever git merges.
 */
static int set_up_merge_driver(struct align_ctx *ctx, int no_commit)
{
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, have = ALIGN_BUF_INIT;
	struct align_buf want = ALIGN_BUF_INIT, data = ALIGN_BUF_INIT;
	int ret, status = EXIT_OK, added = 0;

	if ((ret = align_repo_open(&repo, ctx->cwd, &err)) < 0) {
		error_msg("%s", err.ptr);
		status = EXIT_FATAL;
		goto done;
	}
	if ((ret = align_repo_begin_write(repo)) < 0) {
		status = fail_with(ret, align_repo_error(repo));
		goto done;
	}
	ret = align_repo_read(repo, ".gitattributes", &have);
	if (ret < 0 && ret != ALIGN_ENOTFOUND) {
		status = fail_with(ret, align_repo_error(repo));
		goto done;
	}
	attributes_wanted(&want, repo);
	align_buf_add(&data, have.ptr, have.len);
	if (data.len && data.ptr[data.len - 1] != '\n') {
		align_buf_addch(&data, '\n');
	}
	for (const char *l = want.ptr; *l; l += strcspn(l, "\n") + 1) {
		size_t n = strcspn(l, "\n");
		struct align_buf line = ALIGN_BUF_INIT;

		align_buf_addch(&line, '\n');
		align_buf_add(&line, l, n + 1);
		/* Each line once: already there, at the start or after one. */
		if (strncmp(have.ptr, l, n + 1) && !strstr(have.ptr, line.ptr)) {
			align_buf_add(&data, l, n + 1);
			added = 1;
		}
		align_buf_release(&line);
	}
	if (added) {
		struct align_change change = { ".gitattributes", data.ptr,
					       data.len };

		if ((ret = align_repo_write(repo, &change, 1,
					    no_commit ? NULL
						      : "align: merge driver",
					    NULL)) < 0) {
			status = fail_with(ret, align_repo_error(repo));
			goto done;
		}
	}
	if ((ret = align_repo_set_git_config(repo, "merge.align.name",
					     "align records, field by field")) <
		    0 ||
	    (ret = align_repo_set_git_config(
		     repo, "merge.align.driver",
		     "align merge-driver %O %A %B %P")) < 0) {
		status = fail_with(ret, align_repo_error(repo));
		goto done;
	}
	printf("Set up the align merge driver%s\n",
	       added ? "; .gitattributes names the records" : "");
done:
	align_repo_free(repo);
	align_buf_release(&err);
	align_buf_release(&have);
	align_buf_release(&want);
	align_buf_release(&data);
	return status;
}

static void config_text(struct align_buf *out, const char *name)
{
	const struct align_kind *const *kinds = align_kinds();

	align_buf_adds(out,
		       "; The align records root: settings shared by the "
		       "team.\n"
		       "; See docs/format.md or align-format(5).\n"
		       "\n"
		       "[align]\n"
		       "version = " ALIGN_FORMAT_VERSION "\n");
	align_buf_addf(out, "name = %s\n", name);
	align_buf_addf(out,
		       "\n"
		       "[core]\n"
		       "; Largest record align reads, in bytes.\n"
		       "max-record-size = %d\n"
		       "\n"
		       "[folders]\n",
		       ALIGN_RECORD_MAX_SIZE);
	for (size_t i = 0; kinds[i]; i++) {
		align_buf_addf(out, "%s = %s\n", kinds[i]->name,
			       kinds[i]->folder);
	}
	align_buf_adds(out, "templates = templates\n");
}

int cmd_init(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align init [--name <team>] [--no-commit]",
		"align init --merge-driver [--no-commit]", NULL
	};
	const char *name = NULL;
	int no_commit = 0, merge_driver = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "name", &name, "<team>",
		  "the team's name (default: the folder's name)", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the files but do not commit them", NULL },
		{ OPT_BOOL, 0, "merge-driver", &merge_driver, NULL,
		  "set up align's merge driver for the records", NULL },
		OPT_END_(),
	};
	const struct align_kind *const *kinds = align_kinds();
	struct align_buf err = ALIGN_BUF_INIT, config = ALIGN_BUF_INIT;
	struct align_buf *paths = NULL, full = ALIGN_BUF_INIT;
	struct align_buf glossary = ALIGN_BUF_INIT, owner = ALIGN_BUF_INIT;
	struct align_change *changes = NULL;
	struct align_repo *repo = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *check = NULL;
	const char *problem;
	size_t nkinds = 0, nchanges = 0;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if (merge_driver) {
		return set_up_merge_driver(ctx, no_commit);
	}
	if (!name) {
		name = strrchr(ctx->cwd, '/');
		name = name && name[1] ? name + 1 : "team";
	}
	if ((problem = align_ini_value_problem(name)) || !*name) {
		error_msg("invalid team name '%s': it %s", name,
			  problem ? problem : "is empty");
		return EXIT_USAGE;
	}
	config_text(&config, name);
	if (align_record_parse(&check, ALIGN_CONFIG_FILE, config.ptr,
			       config.len, NULL, &diags) < 0) {
		error_msg("invalid team name '%s': %s", name,
			  diags.items[0].message);
		status = EXIT_USAGE;
		goto done;
	}
	ret = align_repo_open_for_init(&repo, ctx->cwd, &err);
	if (ret < 0) {
		error_msg("%s", err.ptr);
		status = ret == ALIGN_EEXISTS ? EXIT_FINDINGS : EXIT_FATAL;
		goto done;
	}
	if ((ret = align_repo_begin_write(repo)) < 0) {
		status = fail_with(ret, align_repo_error(repo));
		goto done;
	}
	while (kinds[nkinds]) {
		nkinds++;
	}
	paths = align_calloc(nkinds, sizeof(*paths));
	changes = align_calloc(nkinds + 2, sizeof(*changes));
	changes[nchanges].path = ALIGN_CONFIG_FILE;
	changes[nchanges].data = config.ptr;
	changes[nchanges++].len = config.len;
	/* A team's own glossary stays: the starter is for a new one. */
	if (!align_repo_exists(repo, ALIGN_GLOSSARY_FILE) &&
	    align_repo_committed(repo, ALIGN_GLOSSARY_FILE) == 0) {
		align_glossary_default_owner(&owner, repo);
		align_glossary_starter(&glossary, owner.ptr);
		changes[nchanges].path = ALIGN_GLOSSARY_FILE;
		changes[nchanges].data = glossary.ptr;
		changes[nchanges++].len = glossary.len;
	}
	for (size_t i = 0; i < nkinds; i++) {
		align_buf_init(&paths[i]);
		align_buf_addf(&paths[i], "templates/%s%s", kinds[i]->name,
			       align_kind_ext(kinds[i]));
		changes[nchanges].path = paths[i].ptr;
		changes[nchanges].data = kinds[i]->template_text;
		changes[nchanges++].len = strlen(kinds[i]->template_text);
	}
	ret = align_repo_write(repo, changes, nchanges,
			       no_commit ? NULL : "align: init", NULL);
	if (ret < 0) {
		status = fail_with(ret, align_repo_error(repo));
		goto done;
	}
	/* Empty folders for each kind; git tracks them once they hold records. */
	for (size_t i = 0; i < nkinds; i++) {
		align_buf_clear(&full);
		align_path_join(&full, align_repo_root(repo), kinds[i]->folder);
		(void)align_fs_mkdirs(full.ptr);
	}
	printf("Initialized align repository '%s' in %s\n", name,
	       align_repo_root(repo));
done:
	for (size_t i = 0; paths && i < nkinds; i++) {
		align_buf_release(&paths[i]);
	}
	free(paths);
	free(changes);
	align_record_free(check);
	align_diags_clear(&diags);
	align_repo_free(repo);
	align_buf_release(&err);
	align_buf_release(&config);
	align_buf_release(&full);
	align_buf_release(&glossary);
	align_buf_release(&owner);
	return status;
}
