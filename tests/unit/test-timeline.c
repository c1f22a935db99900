/*
 * Unit tests of lib/timeline.c on a real repository: a brief's states
 * oldest first with who and when, a reopen and a second submission, an
 * edit that changes no state, a state changed on a branch counted at the
 * branch's commit and not again at the merge, a deleted record, a kind
 * without states, and the consumer fed by align_history_walk_many giving
 * what align_timeline_load gives.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history.h"
#include "kind.h"
#include "repo.h"
#include "timeline.h"
#include "util/buf.h"
#include "util/error.h"

#include "tap.h"

/*
 * brief a: draft 11-01 (Maya), submitted 11-02 (Dana), reopened 11-03,
 * submitted 11-04, prose edited 11-05, approved 11-06 on a branch merged
 * 11-07. brief b: created 11-01, deleted 11-05. update u: created 11-02,
 * edited 11-03.
 */
static int make_repo(const char *dir)
{
	struct align_buf cmd = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(
		&cmd,
		"cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && "
		"git init -q -b main . && "
		"printf '[align]\\nversion = 1\\nname = T\\n' >align.ini && "
		"mkdir -p briefs updates/2026-W45 && "
		"brief() { printf '# %%s\\n\\n```ini\\n[brief]\\nid = %%s\\n"
		"status = %%s\\n```\\n%%s\\n' $1 $1 $2 \"$3\" >briefs/$1.md; } && "
		"at() { export GIT_AUTHOR_NAME=\"$1\" GIT_AUTHOR_EMAIL=$2 "
		"GIT_COMMITTER_NAME=\"$1\" GIT_COMMITTER_EMAIL=$2 "
		"GIT_AUTHOR_DATE=2026-11-$3T10:00:00Z "
		"GIT_COMMITTER_DATE=2026-11-$3T10:00:00Z; } && "
		"commit() { git add -A && git commit -q -m \"$1\"; } && "
		"at 'Maya Lind' maya@x 01 && brief a draft '' && "
		"brief b draft '' && commit one && "
		"at 'Dana Reyes' dana@x 02 && brief a submitted '' && "
		"printf '# u\\n\\n```ini\\n[update]\\nid = u\\nweek = "
		"2026-W45\\nperson = lee\\n```\\n' >updates/2026-W45/u.md && "
		"commit two && "
		"at 'Maya Lind' maya@x 03 && brief a draft '' && "
		"echo '## Blockers' >>updates/2026-W45/u.md && commit three && "
		"at 'Maya Lind' maya@x 04 && brief a submitted '' && "
		"commit four && "
		"at 'Maya Lind' maya@x 05 && brief a submitted 'More prose.' && "
		"git rm -q briefs/b.md && commit five && "
		"git checkout -q -b review HEAD~1 && "
		"at 'Dana Reyes' dana@x 06 && brief a approved '' && "
		"commit approve && git rev-parse HEAD >../approve-commit && "
		"git checkout -q main && at 'Maya Lind' maya@x 07 && "
		"git merge -q --no-edit review -X theirs >/dev/null 2>&1 || "
		"{ brief a approved 'More prose.' && git add -A && "
		"git commit -q --no-edit; } ; "
		"grep -q approved briefs/a.md && "
		"test \"$(git log -1 --format=%%p | wc -w)\" = 2",
		dir, dir);
	ret = system(cmd.ptr);
	align_buf_release(&cmd);
	return ret;
}

/* One line a record, its events after it. */
static void dump(struct align_buf *out, const struct align_timeline *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct align_timeline_record *r = &t->records[i];

		align_buf_addf(out, "%s %s %s%s:", r->id, r->kind->name, r->path,
			       r->deleted ? " deleted" : "");
		for (size_t k = 0; k < r->nevents; k++) {
			align_buf_addf(out, " %s/%s/%.7s", r->events[k].state,
				       r->events[k].author, r->events[k].commit);
		}
		align_buf_addch(out, '\n');
	}
}

static int64_t day(int d)
{
	/* 2026-11-01T10:00:00Z is 1793527200. */
	return 1793527200 + (int64_t)(d - 1) * 86400;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200], approve[64] = "";
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, rm = ALIGN_BUF_INIT;
	struct align_buf a = ALIGN_BUF_INIT, b = ALIGN_BUF_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_timeline t, t2;
	const struct align_timeline_record *r;
	const struct align_timeline_event *ev;
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_history_opts opts;
	struct align_history_consumer c;
	FILE *f;

	align_timeline_init(&t);
	align_timeline_init(&t2);
	snprintf(dir, sizeof(dir), "%s/align-test-timeline.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		printf("1..0 # SKIP cannot make a folder\n");
		return 0;
	}
	snprintf(path, sizeof(path), "%s/repo", dir);
	if (mkdir(path, 0700) != 0 || make_repo(path) != 0) {
		printf("1..0 # SKIP cannot make a git repository\n");
		return 0;
	}
	snprintf(path, sizeof(path), "%s/approve-commit", dir);
	if ((f = fopen(path, "r"))) {
		if (!fgets(approve, sizeof(approve), f)) {
			approve[0] = '\0';
		}
		approve[strcspn(approve, "\n")] = '\0';
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/repo", dir);
	if (!ok(align_repo_open(&repo, path, &err) == 0, "the repository opens")) {
		printf("#   %s\n", err.ptr);
		goto done;
	}
	is_int(align_timeline_load(&t, repo, NULL, &warnings), 0,
	       "the timeline loads");
	is_int((int)warnings.count, 0, "no warnings");
	is_int((int)t.n, 3, "three records");
	ok(t.n == 3 && !strcmp(t.records[0].id, "a") &&
		   !strcmp(t.records[1].id, "b") &&
		   !strcmp(t.records[2].id, "u"),
	   "sorted by id");

	r = align_timeline_find(&t, "a");
	if (!ok(r != NULL, "brief a is found")) {
		goto done;
	}
	ok(r->kind == align_kind_find("brief"), "its kind is the brief kind");
	is_str(r->path, "briefs/a.md", "its path");
	is_int(r->deleted, 0, "not deleted");
	is_int((int)r->nevents, 5,
	       "five events: draft, submitted, draft, submitted, approved");
	if (r->nevents == 5) {
		is_str(r->events[0].state, "draft", "first: draft");
		is_str(r->events[0].author, "Maya Lind", "by Maya");
		is_str(r->events[0].email, "maya@x", "her email");
		ok(r->events[0].when == day(1), "on 11-01");
		is_str(r->events[1].state, "submitted", "then submitted");
		is_str(r->events[1].author, "Dana Reyes", "by Dana");
		ok(r->events[1].when == day(2), "on 11-02");
		is_str(r->events[2].state, "draft", "reopened");
		is_str(r->events[3].state, "submitted", "submitted again");
		ok(r->events[3].when == day(4),
		   "on 11-04: the prose edit of 11-05 is no event");
		is_str(r->events[4].state, "approved", "approved");
		is_str(r->events[4].commit, approve,
		       "at the branch's commit, not the merge");
		ok(r->events[4].when == day(6), "on 11-06");
	}
	ev = align_timeline_entered(r, "submitted", day(3));
	ok(ev && ev->when == day(2), "entered submitted by 11-03: on 11-02");
	ev = align_timeline_entered(r, "submitted", INT64_MAX);
	ok(ev && ev->when == day(4), "last entered submitted: on 11-04");
	ok(align_timeline_entered(r, "submitted", day(1)) == NULL,
	   "not submitted by 11-01");
	ok(align_timeline_entered(r, "live", INT64_MAX) == NULL, "never live");
	ok(align_timeline_entered_at(r, "live", INT64_MAX) == INT64_MIN,
	   "never live: INT64_MIN");
	ok(align_timeline_entered_at(r, "draft", INT64_MAX) == day(3),
	   "last entered draft on 11-03");
	ev = align_timeline_at(r, day(5));
	ok(ev && !strcmp(ev->state, "submitted"), "submitted on 11-05");
	ok(align_timeline_at(r, day(1) - 1) == NULL, "nothing before it was");

	r = align_timeline_find(&t, "b");
	ok(r && r->deleted, "b is deleted");
	ok(r && r->nevents == 1 && !strcmp(r->events[0].state, "draft"),
	   "b: its creation only");
	is_str(r ? r->path : "", "briefs/b.md", "b's last path");

	r = align_timeline_find(&t, "u");
	ok(r && r->nevents == 1 && !strcmp(r->events[0].state, "") &&
		   r->events[0].when == day(2),
	   "an update has no state: one event, its creation");
	ok(align_timeline_find(&t, "nope") == NULL, "an unknown id: NULL");

	/* The consumer in a walk of several gives the same. */
	align_history_opts_init(&opts);
	align_kind_folders(folders, repo);
	opts.folders = folders;
	c = align_timeline_consumer(&t2);
	is_int(align_history_walk_many(repo, &opts, &c, 1, &warnings), 0,
	       "one walk with the consumer");
	align_timeline_finish(&t2);
	align_timeline_finish(&t2);
	dump(&a, &t);
	dump(&b, &t2);
	is_str(b.ptr, a.ptr, "the consumer gives what load gives");

	/* As of the fourth commit: a is submitted and b still there. */
	align_timeline_release(&t2);
	is_int(align_timeline_load(&t2, repo, "HEAD~2", &warnings), 0,
	       "the timeline as of HEAD~2");
	r = align_timeline_find(&t2, "a");
	ok(r && r->nevents == 4 &&
		   !strcmp(r->events[r->nevents - 1].state, "submitted"),
	   "as of HEAD~2, a's last state is submitted");
	r = align_timeline_find(&t2, "b");
	ok(r && !r->deleted, "as of HEAD~2, b is not deleted");
done:
	align_timeline_release(&t);
	align_timeline_release(&t2);
	align_repo_free(repo);
	align_diags_clear(&warnings);
	align_buf_addf(&rm, "rm -rf '%s'", dir);
	if (system(rm.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&rm);
	align_buf_release(&err);
	align_buf_release(&a);
	align_buf_release(&b);
	return done_testing();
}
