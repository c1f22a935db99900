/*
 * Unit tests of lib/people.c: a roster of tens of thousands of people
 * loads, checks and answers lookups by handle and by email in linear
 * work, counted in steps (lib/util/work.h) rather than timed.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "people.h"
#include "repo.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/work.h"

#include "tap.h"

/* Writes `dir`/people.ini with `n` people, two emails each. */
static int write_roster(const char *dir, size_t n)
{
	struct align_buf path = ALIGN_BUF_INIT;
	FILE *f;
	int ret = 0;

	align_buf_addf(&path, "%s/people.ini", dir);
	f = fopen(path.ptr, "w");
	for (size_t i = 0; f && i < n; i++) {
		fprintf(f,
			"[person \"p%zu\"]\nname = Person %zu\n"
			"email = p%zu@example.com, P%zu@Alt.example\n"
			"team = t%zu\n\n",
			i, i, i, i, i % 10);
	}
	if (!f || fclose(f) != 0) {
		ret = -1;
	}
	align_buf_release(&path);
	return ret;
}

/*
 * The steps of loading a roster of `n` people, checking it, and looking
 * each person up by handle and by both emails; 0 when one failed.
 */
static size_t work_of(struct align_repo *repo, const char *dir, size_t n)
{
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf key = ALIGN_BUF_INIT;
	size_t before, steps = 0, found = 0;

	if (write_roster(dir, n) < 0) {
		return 0;
	}
	before = align_work__count();
	if (align_people_load(&people, repo, &diags) < 0 ||
	    people.count != n) {
		printf("#   load: %s\n", diags.count ? diags.items[0].message
						 : align_repo_error(repo));
		goto done;
	}
	align_people_check(&people, &diags);
	for (size_t i = 0; i < n; i++) {
		const struct align_person *p;

		align_buf_clear(&key);
		align_buf_addf(&key, "p%zu", i);
		p = align_people_by_handle(&people, key.ptr);
		align_buf_clear(&key);
		align_buf_addf(&key, "P%zu@example.COM", i);
		found += p && p == align_people_by_email(&people, key.ptr);
		align_buf_clear(&key);
		align_buf_addf(&key, "p%zu@alt.example", i);
		found += p && p == align_people_by_email(&people, key.ptr);
	}
	if (diags.count == 0 && found == 2 * n) {
		steps = align_work__count() - before;
	} else {
		printf("#   %zu problems, %zu of %zu found\n", diags.count, found,
		       2 * n);
	}
done:
	align_people_release(&people);
	align_diags_clear(&diags);
	align_buf_release(&key);
	return steps;
}

static void test_linear_work(void)
{
	char dir[] = "/tmp/align-test-people.XXXXXX";
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, cmd = ALIGN_BUF_INIT;
	const size_t n = 20000;
	size_t one, two;

	if (!mkdtemp(dir)) {
		ok(1, "work # SKIP cannot make a folder");
		return;
	}
	align_buf_addf(&cmd,
		       "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && "
		       "git init -q -b main . && "
		       "printf '[align]\\nversion = 1\\nname = T\\n\\n[core]\\n"
		       "max-record-size = 16000000\\n' >align.ini",
		       dir, dir);
	if (system(cmd.ptr) != 0) {
		ok(1, "work # SKIP cannot make a git repository");
		goto done;
	}
	if (!ok(align_repo_open(&repo, dir, &err) == 0, "the repository opens")) {
		printf("#   %s\n", err.ptr);
		goto done;
	}
	one = work_of(repo, dir, n);
	two = work_of(repo, dir, 2 * n);
	ok(one > 0 && two > 0,
	   "work: rosters of %zu and %zu people load, check and are found", n,
	   2 * n);
	/* Per person: four lines, two emails, three lookups. */
	if (!ok(one < 40 * n, "work: %zu steps for %zu people, under 40 each",
		one, n)) {
		printf("#   %zu steps\n", one);
	}
	if (!ok(one > 0 && (double)two <= 2.2 * (double)one,
		"work: twice the people, at most 2.2 times the steps")) {
		printf("#   %zu steps, then %zu: %.2f times\n", one, two,
		       one ? (double)two / (double)one : 0.0);
	}
done:
	align_repo_free(repo);
	align_buf_clear(&cmd);
	align_buf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&cmd);
	align_buf_release(&err);
}

int main(void)
{
	test_linear_work();
	return done_testing();
}
