/*
 * Unit tests of lib/history.c: one walk feeding several consumers gives
 * each exactly what a walk of its own gives, also when one of them stops
 * early; a walk that follows one file (opts.path) gives what the walk of
 * every record gives for that id, across a move.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "repo.h"
#include "util/buf.h"
#include "util/error.h"

#include "tap.h"

/* Builds a small history of records in a new repository under `dir`. */
static int make_repo(const char *dir)
{
	struct align_buf cmd = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(
		&cmd,
		"cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' "
		"GIT_AUTHOR_NAME=M GIT_AUTHOR_EMAIL=m@x GIT_COMMITTER_NAME=M "
		"GIT_COMMITTER_EMAIL=m@x && git init -q -b main . && "
		"printf '[align]\\nversion = 1\\nname = T\\n' >align.ini && "
		"mkdir briefs && n=1 && for s in draft submitted approved; do "
		"for id in a b c; do "
		"printf '# %%s\\n\\n```ini\\n[brief]\\nid = %%s\\nstatus = "
		"%%s\\n```\\n' $id $id $s >briefs/$id.md && git add -A && "
		"GIT_AUTHOR_DATE=\"2026-11-0${n}T10:00:00Z\" "
		"GIT_COMMITTER_DATE=\"2026-11-0${n}T10:00:00Z\" "
		"git commit -q -m \"$id $s\" || exit 1; done; n=$((n + 1)); "
		"done",
		dir, dir);
	ret = system(cmd.ptr);
	align_buf_release(&cmd);
	return ret;
}

/* A consumer that writes what it sees and may stop after `limit`. */
struct seen {
	struct align_buf log;
	int count;
	int limit; /* 0: no limit */
	const char *only; /* only entries of this id, or NULL */
};

static int see(const struct align_history_entry *e, void *payload)
{
	struct seen *s = payload;
	const struct align_record *r = e->new_ ? e->new_ : e->old;
	const char *id = align_record_id(r);

	if (s->only && strcmp(id, s->only)) {
		return 0;
	}
	align_buf_addf(&s->log, "%.12s %s %s %s\n", e->commit->id, e->path,
		       id, align_record_get(r, "brief", NULL, "status"));
	s->count++;
	return s->limit && s->count >= s->limit ? 1 : 0;
}

static int never(const struct align_git_commit_info *c, void *payload)
{
	(void)c;
	(void)payload;
	return 0;
}

static void seen_init(struct seen *s, int limit, const char *only)
{
	align_buf_init(&s->log);
	s->count = 0;
	s->limit = limit;
	s->only = only;
}

/* Runs a shell command in `dir` with the test's git identity. */
static int git_sh(const char *dir, const char *script)
{
	struct align_buf cmd = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(&cmd,
		       "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' "
		       "GIT_AUTHOR_NAME=M GIT_AUTHOR_EMAIL=m@x "
		       "GIT_COMMITTER_NAME=M GIT_COMMITTER_EMAIL=m@x "
		       "GIT_AUTHOR_DATE=2026-11-20T10:00:00Z "
		       "GIT_COMMITTER_DATE=2026-11-20T10:00:00Z && %s",
		       dir, dir, script);
	ret = system(cmd.ptr);
	align_buf_release(&cmd);
	return ret;
}

/* Walks for record `id`, following `path` (may be NULL), into `out`. */
static int walk_id(struct align_repo *repo, const char *const *folders,
		   const char *id, const char *path, struct seen *out)
{
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_history_opts opts;
	int ret;

	align_history_opts_init(&opts);
	opts.folders = folders;
	opts.id = id;
	opts.path = path;
	seen_init(out, 0, NULL);
	ret = align_history_walk(repo, &opts, see, out, &warnings);
	align_diags_clear(&warnings);
	return ret;
}

/*
 * b moves into a subfolder and changes there, c changes in the same
 * commit, and a copy of a is added: following b's file gives what the walk
 * of every record gives for b.
 */
static void test_follow(const char *dir, const char *const *folders)
{
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT;
	struct seen full, follow, absent;

	if (!ok(git_sh(dir,
		       "mkdir briefs/done && git mv briefs/b.md briefs/done/b.md "
		       "&& git commit -q -m 'move b' && "
		       "sed -i 's/approved/live/' briefs/done/b.md briefs/c.md "
		       "&& git commit -q -am 'b and c live' && "
		       "sed 's/id = a/id = e/' briefs/a.md >briefs/e.md && "
		       "git add briefs/e.md && git commit -q -m 'e'") == 0,
		"a history with a move") ||
	    !ok(align_repo_open(&repo, dir, &err) == 0,
		"the repository opens again")) {
		goto done;
	}
	is_int(walk_id(repo, folders, "b", NULL, &full), 0,
	       "the walk of every record, for b");
	is_int(walk_id(repo, folders, "b", "briefs/done/b.md", &follow), 0,
	       "the walk following b's file");
	is_int(follow.count, 5, "five changes of b: three, the move, live");
	is_str(follow.log.ptr, full.log.ptr, "following b's file sees the same");
	is_int(walk_id(repo, folders, "b", "briefs/b.md", &absent), 0,
	       "a path absent at the start is not followed");
	is_str(absent.log.ptr, full.log.ptr, "and the walk sees the same");
	align_buf_release(&full.log);
	align_buf_release(&follow.log);
	align_buf_release(&absent.log);
done:
	align_repo_free(repo);
	align_buf_release(&err);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096];
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, rm = ALIGN_BUF_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	const char *folders[] = { "briefs", NULL };
	struct align_history_opts opts;
	struct seen all, first4, only_b, all2, first4_2, only_b2;
	struct align_history_consumer consumers[3];
	int ret;

	snprintf(dir, sizeof(dir), "%s/align-test-history.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || make_repo(dir) != 0) {
		printf("1..0 # SKIP cannot make a git repository\n");
		return 0;
	}
	ret = align_repo_open(&repo, dir, &err);
	if (!ok(ret == 0, "the repository opens")) {
		printf("#   %s\n", err.ptr);
		goto done;
	}
	align_history_opts_init(&opts);
	opts.folders = folders;

	seen_init(&all, 0, NULL);
	seen_init(&first4, 4, NULL);
	seen_init(&only_b, 0, "b");
	is_int(align_history_walk(repo, &opts, see, &all, &warnings), 0,
	       "a walk of its own: all");
	is_int(align_history_walk(repo, &opts, see, &first4, &warnings), 1,
	       "a walk of its own: the first four, then stop");
	is_int(align_history_walk(repo, &opts, see, &only_b, &warnings), 0,
	       "a walk of its own: one record");
	is_int(all.count, 9, "nine changes in all");
	is_int(only_b.count, 3, "three of record b");

	seen_init(&all2, 0, NULL);
	seen_init(&first4_2, 4, NULL);
	seen_init(&only_b2, 0, "b");
	memset(consumers, 0, sizeof(consumers));
	consumers[0].fn = see;
	consumers[0].payload = &first4_2;
	consumers[1].fn = see;
	consumers[1].payload = &all2;
	consumers[2].fn = see;
	consumers[2].payload = &only_b2;
	is_int(align_history_walk_many(repo, &opts, consumers, 3, &warnings),
	       0, "one walk, three consumers");
	is_str(all2.log.ptr, all.log.ptr, "the full consumer sees the same");
	is_str(first4_2.log.ptr, first4.log.ptr,
	       "the consumer that stops early sees the same");
	is_str(only_b2.log.ptr, only_b.log.ptr,
	       "the one-record consumer sees the same");

	/* All stop early: the walk stops too. */
	align_buf_release(&all2.log);
	align_buf_release(&first4_2.log);
	seen_init(&all2, 2, NULL);
	seen_init(&first4_2, 4, NULL);
	consumers[0].payload = &all2;
	consumers[1].payload = &first4_2;
	is_int(align_history_walk_many(repo, &opts, consumers, 2, &warnings),
	       0, "a walk whose consumers all stop");
	is_int(all2.count + first4_2.count, 6, "each got what it asked for");

	opts.commit_done = NULL;
	opts.cached = never;
	is_int(align_history_walk_many(repo, &opts, consumers, 2, &warnings),
	       ALIGN_EINVALID, "a per-commit cache is refused");
	is_int((int)warnings.count, 0, "no warnings");

	align_buf_release(&all.log);
	align_buf_release(&first4.log);
	align_buf_release(&only_b.log);
	align_buf_release(&all2.log);
	align_buf_release(&first4_2.log);
	align_buf_release(&only_b2.log);
	test_follow(dir, folders);
done:
	align_repo_free(repo);
	align_diags_clear(&warnings);
	align_buf_addf(&rm, "rm -rf '%s'", dir);
	if (system(rm.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&rm);
	align_buf_release(&err);
	return done_testing();
}
