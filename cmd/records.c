/* Helpers the record commands share: loading and finding records. */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "history.h"
#include "options.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

int load_catalog(struct align_ctx *ctx, struct align_catalog *out)
{
	int ret = align_catalog_load(out, ctx->repo);

	if (ret < 0) {
		return fail_with(ret, align_repo_error(ctx->repo));
	}
	return 0;
}

int load_outside(struct align_ctx *ctx, struct align_catalog *cat,
		 const char *verb)
{
	size_t n;

	if (align_catalog_add_outside(cat, ctx->repo, &n) < 0) {
		return fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
	}
	if (n) {
		fflush(stdout);
		fprintf(stderr,
			"align: %zu record%s %s outside the sparse checkout "
			"(%s from HEAD)\n",
			n, n == 1 ? "" : "s", n == 1 ? "is" : "are", verb);
	}
	return 0;
}

int load_catalog_for(struct align_ctx *ctx, struct align_catalog *out,
		     const struct align_kind *kind, const char *ref)
{
	int ret = align_catalog_load_for(out, ctx->repo, kind, ref);

	if (ret < 0) {
		return fail_with(ret, align_repo_error(ctx->repo));
	}
	return 0;
}

/*
 * A reference not in the working tree may name a record HEAD has that a
 * sparse checkout left out: says so, and returns 1, when it does.
 */
static int outside_checkout(struct align_ctx *ctx,
			    const struct align_kind *kind, const char *ref)
{
	struct align_catalog head = ALIGN_CATALOG_INIT;
	struct align_buf err = ALIGN_BUF_INIT, shown = ALIGN_BUF_INIT;
	const struct align_entry *e = NULL;
	int found = 0;

	if (align_catalog_load_at(&head, ctx->repo, "HEAD") == 0 &&
	    align_catalog_find(&e, &head, ctx->repo, kind, ref, &err) == 0 &&
	    !align_repo_exists(ctx->repo, e->path)) {
		align_repo_display_path(ctx->repo, e->path, &shown);
		error_msg("'%s' is in HEAD as '%s' but not in the working tree "
			  "(a sparse checkout?); bring it back with 'git "
			  "sparse-checkout add' or 'git checkout -- <path>'",
			  ref, shown.ptr);
		found = 1;
	}
	align_catalog_release(&head);
	align_buf_release(&err);
	align_buf_release(&shown);
	return found;
}

int find_record(const struct align_entry **out, struct align_ctx *ctx,
		const struct align_catalog *catalog,
		const struct align_kind *kind, const char *ref)
{
	struct align_buf err = ALIGN_BUF_INIT;
	int ret = align_catalog_find(out, catalog, ctx->repo, kind, ref, &err);

	if (ret == ALIGN_ENOTFOUND && outside_checkout(ctx, kind, ref)) {
		align_buf_release(&err);
		return EXIT_FINDINGS;
	}
	if (ret < 0) {
		ret = fail_with(ret, err.ptr);
	}
	align_buf_release(&err);
	return ret;
}

const struct align_kind *kind_from_arg(const char *arg,
				       const struct align_repo *repo)
{
	const struct align_kind *const *kinds = align_kinds();

	for (size_t i = 0; kinds[i]; i++) {
		if (!strcmp(kinds[i]->name, arg) ||
		    !strcmp(align_kind_folder(kinds[i], repo), arg)) {
			return kinds[i];
		}
	}
	return NULL;
}

int load_catalog_at(struct align_ctx *ctx, struct align_catalog *out,
		    const char *rev)
{
	int ret = align_catalog_load_at(out, ctx->repo, rev);

	if (ret < 0) {
		return fail_with(ret == ALIGN_ENOTFOUND ? ALIGN_ERROR : ret,
				 align_repo_error(ctx->repo));
	}
	return 0;
}

int load_catalog_as_of(struct align_ctx *ctx, struct align_catalog *out,
		       const char *as_of, char out_rev[ALIGN_OID_HEXSZ + 1])
{
	char rev[ALIGN_OID_HEXSZ + 1] = "";
	struct align_date day;
	int64_t when;
	int status;

	if (as_of && (status = resolve_as_of(ctx, as_of, rev, &day, &when)) !=
			     0) {
		return status;
	}
	if (out_rev) {
		memcpy(out_rev, rev, sizeof(rev));
	}
	return as_of ? load_catalog_at(ctx, out, rev) : load_catalog(ctx, out);
}

int commit_by(struct align_ctx *ctx, int64_t when,
	      char rev[ALIGN_OID_HEXSZ + 1])
{
	return commits_by(ctx, &when, 1, (char(*)[ALIGN_OID_HEXSZ + 1])rev);
}

int commits_by(struct align_ctx *ctx, const int64_t *when, size_t n,
	       char (*rev)[ALIGN_OID_HEXSZ + 1])
{
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	int ret = align_history_commits_by(ctx->repo, when, n, rev, &warnings);

	print_history_warnings(&warnings);
	align_diags_clear(&warnings);
	if (ret < 0) {
		return fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
	}
	return 0;
}

int day_commit(struct align_ctx *ctx, const struct align_date *day,
	       const char *arg, char rev[ALIGN_OID_HEXSZ + 1], int64_t *end)
{
	/* The end of that day, UTC: what had landed by then. */
	int64_t when = align_date_to_days(day) * 86400 + 86399;
	int ret = commit_by(ctx, when, rev);

	if (ret != 0) {
		return ret;
	}
	if (!*rev) {
		error_msg("no commit on or before %s", arg);
		return EXIT_FINDINGS;
	}
	*end = when;
	return 0;
}

int resolve_as_of(struct align_ctx *ctx, const char *arg,
		  char rev[ALIGN_OID_HEXSZ + 1], struct align_date *today,
		  int64_t *now)
{
	struct align_git *git = align_repo_git(ctx->repo);
	struct align_buf err = ALIGN_BUF_INIT;
	struct align_date day;
	struct align_time t;
	int ret;

	if (align_date_parse_human(&day, arg, &ctx->today) == 0) {
		if ((ret = day_commit(ctx, &day, arg, rev, now)) != 0) {
			return ret;
		}
		*today = day;
		return 0;
	}
	ret = align_git_resolve(git, arg, rev, &err);
	if (ret == 0) {
		ret = align_git_commit_time(git, rev, &t, &err);
	}
	if (ret < 0) {
		error_msg("--as-of '%s' is neither a date nor a revision%s%s",
			  arg, ret == ALIGN_ENOTFOUND ? "" : ": ",
			  ret == ALIGN_ENOTFOUND ? "" : err.ptr);
		align_buf_release(&err);
		return EXIT_USAGE;
	}
	align_buf_release(&err);
	align_time_date(today, &t);
	*now = t.seconds;
	return 0;
}

void record_commit_message(struct align_buf *out, const char *summary,
			   const char *note, const char *path,
			   const char *trailer)
{
	align_buf_adds(out, summary);
	align_buf_adds(out, "\n\n");
	if (note && *note) {
		align_buf_adds(out, note);
		align_buf_rtrim(out);
		align_buf_adds(out, "\n\n");
	}
	align_buf_addf(out, "Align-Record: %s\n", path);
	if (trailer) {
		align_buf_addf(out, "%s\n", trailer);
	}
}

int write_one_record(struct align_ctx *ctx, const struct align_record *r,
		     const char *summary, const char *note, int no_commit,
		     const char *trailer)
{
	struct align_buf msg = ALIGN_BUF_INIT;
	struct align_change change;
	const char *problem;
	int ret;

	/* A note is shown on terminals and pages: text, not control. */
	if (note && (problem = align_text_problem(note, 1))) {
		error_msg("invalid note given with -m: it %s", problem);
		return EXIT_USAGE;
	}
	record_commit_message(&msg, summary, note, r->path, trailer);
	change.path = r->path;
	change.data = r->bytes.ptr;
	change.len = r->bytes.len;
	ret = align_repo_write(ctx->repo, &change, 1, no_commit ? NULL : msg.ptr,
			       NULL);
	align_buf_release(&msg);
	return ret < 0 ? fail_with(ret, align_repo_error(ctx->repo)) : EXIT_OK;
}

int check_option_value(const char *option, const char *value)
{
	const char *problem;

	if (value && (problem = align_ini_value_problem(value))) {
		error_msg("invalid value for --%s: it %s", option, problem);
		return -1;
	}
	return 0;
}

int write_new_record(struct align_ctx *ctx, const struct align_record *r,
		     const char *summary, const char *note, int no_commit)
{
	struct align_buf shown = ALIGN_BUF_INIT;
	int status, ret = align_repo_committed(ctx->repo, r->path);

	if (ret < 0) {
		return fail_with(ret, align_repo_error(ctx->repo));
	}
	if (ret && !align_repo_exists(ctx->repo, r->path)) {
		/* Committed but not here: left out by a sparse checkout. */
		align_repo_display_path(ctx->repo, r->path, &shown);
		error_msg("'%s' exists already in HEAD but not in the working "
			  "tree (a sparse checkout?); bring it back with 'git "
			  "sparse-checkout add' or 'git checkout -- <path>'",
			  shown.ptr);
		align_buf_release(&shown);
		return EXIT_FINDINGS;
	}
	status = write_one_record(ctx, r, summary, note, no_commit, NULL);
	if (status == EXIT_OK) {
		align_repo_display_path(ctx->repo, r->path, &shown);
		printf("%s\n", shown.ptr);
	}
	align_buf_release(&shown);
	return status;
}

int write_records(struct align_ctx *ctx, const struct align_record *const *records,
		  size_t n, const char *const *deleted, const char *summary,
		  const char *note, int no_commit)
{
	struct align_buf msg = ALIGN_BUF_INIT;
	struct align_change *changes;
	size_t ndel = 0, k = 0;
	const char *problem;
	int ret;

	if (note && (problem = align_text_problem(note, 1))) {
		error_msg("invalid note given with -m: it %s", problem);
		return EXIT_USAGE;
	}
	while (deleted && deleted[ndel]) {
		ndel++;
	}
	changes = align_calloc(n + ndel + 1, sizeof(*changes));
	align_buf_adds(&msg, summary);
	align_buf_adds(&msg, "\n\n");
	if (note && *note) {
		align_buf_adds(&msg, note);
		align_buf_rtrim(&msg);
		align_buf_adds(&msg, "\n\n");
	}
	for (size_t i = 0; i < n; i++, k++) {
		changes[k].path = records[i]->path;
		changes[k].data = records[i]->bytes.ptr;
		changes[k].len = records[i]->bytes.len;
		align_buf_addf(&msg, "Align-Record: %s\n", records[i]->path);
	}
	for (size_t i = 0; i < ndel; i++, k++) {
		changes[k].path = deleted[i];
		changes[k].data = NULL;
		changes[k].len = 0;
		align_buf_addf(&msg, "Align-Record: %s\n", deleted[i]);
	}
	ret = align_repo_write(ctx->repo, changes, k, no_commit ? NULL : msg.ptr,
			       NULL);
	free(changes);
	align_buf_release(&msg);
	return ret < 0 ? fail_with(ret, align_repo_error(ctx->repo)) : EXIT_OK;
}
