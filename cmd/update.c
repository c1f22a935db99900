/*
 * align update: post this week's asynchronous update (done, next,
 * blockers) as updates/<week>/<person>.md, and commit it.
 */
#include "align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "options.h"
#include "people.h"
#include "update.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/*
 * Who is posting: the roster handle for the git identity's email into
 * `handle` (else a slug of the git name), and its slug, for file names and
 * ids, into `slug`.
 */
static int poster(struct align_ctx *ctx, struct align_buf *handle,
		  struct align_buf *slug)
{
	struct align_buf name = ALIGN_BUF_INIT, email = ALIGN_BUF_INIT;
	struct align_buf err = ALIGN_BUF_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	const struct align_person *p = NULL;
	int ret;

	ret = align_git_author(align_repo_git(ctx->repo), &name, &email, &err);
	if (ret < 0) {
		ret = fail_with(ret, err.ptr);
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &diags) == 0) {
		p = align_people_by_email(&people, email.ptr);
	}
	align_slugify(slug, p ? p->handle : name.ptr, 32);
	if (!slug->len) {
		align_slugify(slug, email.ptr, 32);
	}
	align_buf_adds(handle, p ? p->handle : slug->ptr);
	ret = 0;
done:
	align_people_release(&people);
	align_diags_clear(&diags);
	align_buf_release(&name);
	align_buf_release(&email);
	align_buf_release(&err);
	return ret;
}

static const char *keeps_identity(const struct align_record *edited)
{
	(void)edited;
	return NULL;
}

int cmd_update(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align update [--done <text>]... [--next <text>]... "
		"[--blocker <text>]... [-m <note>] [--week <week>] [--no-commit]",
		NULL,
	};
	struct opt_list done_ = { NULL, 0, 0 }, next = { NULL, 0, 0 };
	struct opt_list blockers = { NULL, 0, 0 };
	const char *note = NULL, *week = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_LIST, 0, "done", &done_, "<text>",
		  "something finished since the last update", NULL },
		{ OPT_LIST, 0, "next", &next, "<text>",
		  "something planned for the coming week", NULL },
		{ OPT_LIST, 0, "blocker", &blockers, "<text>",
		  "something in the way, that someone must act on", NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "a note for the team (a paragraph under Notes)", NULL },
		{ OPT_STRING, 0, "week", &week, "<week>",
		  "the ISO week, YYYY-Www (default: this week)", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the file but do not commit it", NULL },
		OPT_END_(),
	};
	const struct { struct opt_list *list; const char *heading; } parts[] = {
		{ &done_, "Done" }, { &next, "Next" }, { &blockers, "Blockers" },
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_buf who = ALIGN_BUF_INIT, id = ALIGN_BUF_INIT;
	struct align_buf slug = ALIGN_BUF_INIT, before = ALIGN_BUF_INIT;
	struct align_buf title = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct align_buf item = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	struct align_record *r = NULL;
	const struct align_entry *e;
	struct align_period period;
	struct align_kind_vars vars = { NULL, NULL, NULL, { 0, 0, 0 }, NULL };
	int n, ret, status = EXIT_OK, fresh = 0;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		status = n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
		goto done;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s' (quote the text of --done, "
			  "--next or --blocker)",
			  argv[0]);
		status = EXIT_USAGE;
		goto done;
	}
	if (week) {
		if (align_week_parse(&period, week) < 0) {
			error_msg("invalid week '%s': use YYYY-Www, as in "
				  "2026-W47",
				  week);
			status = EXIT_USAGE;
			goto done;
		}
	} else {
		align_week_of(&period, &ctx->today);
	}
	for (size_t p = 0; p < 3; p++) {
		for (size_t i = 0; i < parts[p].list->count; i++) {
			const char *problem =
				align_title_problem(parts[p].list->items[i]);
			if (problem) {
				error_msg("invalid --%s text: it %s",
					  p == 0 ? "done"
					  : p == 1 ? "next"
						   : "blocker",
					  problem);
				status = EXIT_USAGE;
				goto done;
			}
		}
	}
	if (note && align_title_problem(note)) {
		error_msg("invalid note: it %s", align_title_problem(note));
		status = EXIT_USAGE;
		goto done;
	}
	if (!done_.count && !next.count && !blockers.count && !note &&
	    !editor_wanted()) {
		error_msg("nothing to post: give --done, --next or --blocker "
			  "(or run it on a terminal to write in the editor)");
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = poster(ctx, &who, &slug)) != 0 ||
	    (status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	align_buf_addf(&title, "%s update: %s", period.name, who.ptr);
	vars.title = title.ptr;
	vars.period = period.name;
	vars.person = slug.ptr;
	vars.today = ctx->today;
	if ((ret = align_kind_expand(&id, align_kind_update.id_pattern, &vars,
				     &err)) < 0) {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	e = align_catalog_by_id(&cat, id.ptr);
	if (e && e->kind == &align_kind_update) {
		r = e->record;
	} else {
		ret = align_catalog_new_record(&r, &cat, ctx->repo,
					       &align_kind_update, &vars, NULL,
					       &err);
		if (ret < 0 ||
		    (ret = align_record_set(r, "update", NULL, "person",
					    who.ptr, &err)) < 0) {
			status = fail_with(ret, err.ptr);
			goto done;
		}
		fresh = 1;
	}
	for (size_t p = 0; p < 3; p++) {
		for (size_t i = 0; i < parts[p].list->count; i++) {
			align_buf_clear(&item);
			align_buf_addf(&item, "- %s", parts[p].list->items[i]);
			if ((ret = align_record_append_to_section(
				     r, parts[p].heading, item.ptr, &err)) < 0) {
				status = fail_with(ret, err.ptr);
				goto done;
			}
		}
	}
	if (note) {
		/* A paragraph of text: never a heading or list of its own. */
		align_buf_clear(&item);
		if (strchr("#>-*+=|", note[0]) ||
		    (note[0] >= '0' && note[0] <= '9' &&
		     strchr(".)", note[strspn(note, "0123456789")]))) {
			align_buf_addch(&item, '\\');
		}
		align_buf_adds(&item, note);
		if ((ret = align_record_append_to_section(r, "Notes", item.ptr,
							  &err)) < 0) {
			status = fail_with(ret, err.ptr);
			goto done;
		}
	}
	if (!done_.count && !next.count && !blockers.count && !note) {
		align_buf_add(&before, r->bytes.ptr, r->bytes.len);
		if (edit_new_record(ctx, &r, keeps_identity) < 0) {
			status = EXIT_FINDINGS;
			goto done;
		}
		if (!fresh) {
			/* `r` was the catalog's; the editor gave a new one. */
			cat.entries[e - cat.entries].record = r;
		}
		if (r->bytes.len == before.len &&
		    !memcmp(r->bytes.ptr, before.ptr, before.len)) {
			error_msg("nothing changed in the editor; nothing was "
				  "posted");
			status = EXIT_FINDINGS;
			goto done;
		}
	}
	align_buf_addf(&msg, "update: %s %s", period.name, who.ptr);
	status = write_new_record(ctx, r, msg.ptr, NULL, no_commit);
done:
	if (fresh) {
		align_record_free(r);
	}
	opt_list_release(&done_);
	opt_list_release(&next);
	opt_list_release(&blockers);
	align_catalog_release(&cat);
	align_buf_release(&who);
	align_buf_release(&slug);
	align_buf_release(&before);
	align_buf_release(&id);
	align_buf_release(&title);
	align_buf_release(&err);
	align_buf_release(&item);
	align_buf_release(&msg);
	return status;
}
