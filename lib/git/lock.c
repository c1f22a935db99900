/*
 * Lock files: waiting for git's, diagnosing stale ones, and the index
 * lock align takes around its index update.
 */

#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../util/error.h"
#include "../util/fs.h"
#include "../util/banned.h"

/* What align writes into index.lock while it holds it. */
#define OWN_MARK "align index lock, pid "

int align_git__lock_problem(const char *lock, struct align_buf *err)
{
	struct stat st;

	if (lstat(lock, &st) < 0) {
		return 0;
	}
	align_buf_clear(err);
	align_buf_addf(err,
		       "'%s' exists (%lld seconds old): another git process "
		       "seems to be running; if none is, remove the file and "
		       "try again",
		       lock, (long long)(time(NULL) - st.st_mtime));
	return ALIGN_ELOCKED;
}

/*
 * Waits up to about a second for a lock file to go away (git holds its
 * locks only briefly); reports it with its age when it stays.
 */
static int wait_for_lock(const char *lock, struct align_buf *err)
{
	struct timespec start, now;
	int attempt = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (align_git__lock_problem(lock, err)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 +
			(now.tv_nsec - start.tv_nsec) / 1000000 >
		    1000) {
			return ALIGN_ELOCKED;
		}
		align_git__backoff(attempt++);
	}
	return 0;
}

int align_git_check_locks(struct align_git *git, struct align_buf *err)
{
	struct align_buf path = ALIGN_BUF_INIT, ref = ALIGN_BUF_INIT;
	int ret;

	align_git__index_lock_path(&path, git);
	ret = wait_for_lock(path.ptr, err);
	if (!ret && (ret = align_git__head_refname(git, &ref, err)) == 0) {
		align_buf_clear(&path);
		align_path_join(&path, git->gitdir, ref.ptr);
		align_buf_adds(&path, ".lock");
		ret = wait_for_lock(path.ptr, err);
	}
	align_buf_release(&path);
	align_buf_release(&ref);
	return ret;
}

void align_git__backoff(int attempt)
{
	struct timespec ts;
	long ms = 1L << (attempt < 6 ? attempt : 6);

	ms += rand() % (ms + 1);
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

void align_git__index_lock_path(struct align_buf *out, struct align_git *git)
{
	align_buf_clear(out);
	align_path_join(out, git->gitdir, "index.lock");
}

int align_git_lock_index(struct align_git *git, struct align_buf *err)
{
	struct align_buf path = ALIGN_BUF_INIT;
	struct timespec start, now;
	int attempt = 0, ret = 0;

	if (git->index_lock >= 0) {
		return 0;
	}
	align_git__index_lock_path(&path, git);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		git->index_lock = open(
		    path.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (git->index_lock >= 0) {
			/*
			 * Signed, so a later align knows the lock as its own
			 * when this process dies holding it. git only looks
			 * at whether the file exists; the new index replaces
			 * it whole.
			 */
			char mark[64];
			int n = snprintf(mark, sizeof(mark), OWN_MARK "%ld\n",
					 (long)getpid());
			if (write(git->index_lock, mark, (size_t)n) != n) {
				/* Unsigned: only costs the clean-up. */
			}
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (errno != EEXIST ||
		    (now.tv_sec - start.tv_sec) * 1000 +
			    (now.tv_nsec - start.tv_nsec) / 1000000 >
			1000) {
			if (errno == EEXIST && (ret = align_git__lock_problem(
						    path.ptr, err)) != 0) {
				break;
			}
			align_buf_clear(err);
			align_buf_addf(err, "cannot create '%s': %s", path.ptr,
				       strerror(errno));
			ret = ALIGN_ERROR;
			break;
		}
		align_git__backoff(attempt++);
	}
	align_buf_release(&path);
	return ret;
}

int align_git_clear_dead_index_lock(struct align_git *git)
{
	struct align_buf path = ALIGN_BUF_INIT, data = ALIGN_BUF_INIT;
	int ret = 0;
	long pid;
	char *end;

	align_git__index_lock_path(&path, git);
	if (git->index_lock < 0 && align_fs_read(&data, path.ptr, 64) == 0 &&
	    !strncmp(data.ptr, OWN_MARK, strlen(OWN_MARK))) {
		pid = strtol(data.ptr + strlen(OWN_MARK), &end, 10);
		/* The writer lock is held: no live align can own it. */
		if (pid > 0 && *end == '\n' &&
		    (kill((pid_t)pid, 0) < 0 && errno == ESRCH) &&
		    unlink(path.ptr) == 0) {
			ret = 1;
		}
	}
	align_buf_release(&path);
	align_buf_release(&data);
	return ret;
}

void align_git_unlock_index(struct align_git *git)
{
	struct align_buf path = ALIGN_BUF_INIT;

	if (git->index_lock < 0) {
		return;
	}
	close(git->index_lock);
	git->index_lock = -1;
	align_git__index_lock_path(&path, git);
	unlink(path.ptr);
	align_buf_release(&path);
}
