/* Unit tests of lib/util/fs.c: paths, reading, temporary files. */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fs.h"

#include "tap.h"

static void join(const char *a, const char *b, const char *want)
{
	struct align_buf out = ALIGN_BUF_INIT;

	align_path_join(&out, a, b);
	if (!is_str(out.ptr, want, "path_join")) {
		printf("#   '%s' + '%s'\n", a, b);
	}
	align_buf_release(&out);
}

static void norm(const char *path, const char *want)
{
	struct align_buf out = ALIGN_BUF_INIT;

	align_path_normalize(&out, path);
	if (!is_str(out.ptr, want, "path_normalize")) {
		printf("#   '%s'\n", path);
	}
	align_buf_release(&out);
}

static void rel(const char *target, const char *base, const char *want)
{
	struct align_buf out = ALIGN_BUF_INIT;

	align_path_relative(&out, target, base);
	if (!is_str(out.ptr, want, "path_relative")) {
		printf("#   target '%s' base '%s'\n", target, base);
	}
	align_buf_release(&out);
}

static void test_paths(void)
{
	struct align_buf out = ALIGN_BUF_INIT;

	join("a", "b", "a/b");
	join("a/", "b", "a/b");
	join("a", "/b", "a/b");
	join("a/", "/b", "a/b");
	join("/repo", "briefs/x.md", "/repo/briefs/x.md");
	join("/", "etc", "/etc");
	join("", "b", "b");
	join("a", "", "a");

	norm("/a/./b/../c//d", "/a/c/d");
	norm("/..", "/");
	norm("/", "/");
	norm("//", "/");
	norm("/a/b/../../..", "/");
	norm("/a/b/", "/a/b");
	norm("/a/..b/c", "/a/..b/c");
	norm("/a/.b", "/a/.b");
	norm("/a/b/./../c/.", "/a/c");

	/* Normalizing appends: the existing contents are never eaten. */
	align_buf_sets(&out, "X");
	align_path_normalize(&out, "/../../a");
	is_str(out.ptr, "X/a", "normalize appends and '..' stops at its start");
	align_buf_release(&out);

	rel("/a/b", "/a/b", ".");
	rel("/a/b/c", "/a/b", "c");
	rel("/a/b/c/d.md", "/a/b", "c/d.md");
	rel("/a", "/a/b", "..");
	rel("/a", "/a/b/c", "../..");
	rel("/a/x", "/a/b", "../x");
	rel("/a/b/c", "/a/x/y", "../../b/c");
	rel("/a/b", "/", "a/b");
	rel("/", "/", ".");
	rel("/", "/a", "..");
	rel("/ab", "/a", "../ab");
	rel("/a", "/ab", "../a");
	rel("/ab/c", "/a/c", "../../ab/c");
}

static char tmpdir[64];

static void path_in(struct align_buf *out, const char *name)
{
	align_buf_clear(out);
	align_path_join(out, tmpdir, name);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d) {
		return -1;
	}
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			n++;
		}
	}
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static void test_read(void)
{
	struct align_buf path = ALIGN_BUF_INIT, out = ALIGN_BUF_INIT;
	char *big;
	int ret;

	path_in(&path, "missing.md");
	is_int(align_fs_read(&out, path.ptr, 0), ALIGN_ENOTFOUND,
	       "reading a missing file gives ENOTFOUND");
	path_in(&path, "missing/dir/x.md");
	is_int(align_fs_read(&out, path.ptr, 0), ALIGN_ENOTFOUND,
	       "a missing parent directory gives ENOTFOUND");

	path_in(&path, "small.md");
	write_file(path.ptr, "a\0b\n", 4);
	align_buf_sets(&out, "keep:");
	is_int(align_fs_read(&out, path.ptr, 0), 0, "read a small file");
	ok(out.len == 9 && !memcmp(out.ptr, "keep:a\0b\n", 10),
	   "read appends every byte, NUL included");
	align_buf_clear(&out);
	is_int(align_fs_read(&out, path.ptr, 4), 0,
	       "a file of exactly max bytes");
	is_int((long long)out.len, 4, "is read whole");
	align_buf_clear(&out);
	is_int(align_fs_read(&out, path.ptr, 3), ALIGN_ETOOBIG,
	       "a file over max gives ETOOBIG");
	is_int((long long)out.len, 0, "nothing is read from a file over max");

	big = malloc(100000);
	for (int i = 0; i < 100000; i++) {
		big[i] = (char)('a' + i % 26);
	}
	path_in(&path, "big.md");
	write_file(path.ptr, big, 100000);
	align_buf_clear(&out);
	ret = align_fs_read(&out, path.ptr, 0);
	ok(ret == 0 && out.len == 100000 && !memcmp(out.ptr, big, 100000) &&
	       out.ptr[out.len] == '\0',
	   "a 100 KB file is read whole and terminated");
	align_buf_clear(&out);
	is_int(align_fs_read(&out, path.ptr, 65536), ALIGN_ETOOBIG,
	       "a 100 KB file over a 64 KiB max");
	free(big);

	path_in(&path, "empty.md");
	write_file(path.ptr, "", 0);
	align_buf_sets(&out, "keep");
	ok(align_fs_read(&out, path.ptr, 0) == 0 && out.len == 4 &&
	       out.ptr[4] == '\0',
	   "an empty file reads as nothing");
	{
		/* Its size says 0; its bytes are read to the end anyway. */
		struct stat st;

		align_buf_clear(&out);
		if (stat("/proc/self/status", &st) == 0 && st.st_size == 0) {
			ok(align_fs_read(&out, "/proc/self/status", 0) == 0 &&
				   out.len > 0 && strstr(out.ptr, "Pid:"),
			   "a file that reports size 0 is read to its end");
		} else {
			ok(1, "a file that reports size 0 # SKIP no "
			      "/proc/self/status of size 0");
		}
	}

	path_in(&path, "small.md");
	align_buf_sets(&out, "keep:");
	ok(align_fs_read_regular(&out, path.ptr, 0) == 0 && out.len == 9 &&
		   !memcmp(out.ptr, "keep:a\0b\n", 10),
	   "read_regular reads a regular file as read does");
	align_buf_clear(&out);
	is_int(align_fs_read_regular(&out, path.ptr, 3), ALIGN_ETOOBIG,
	       "read_regular keeps the size limit");
	path_in(&path, "missing.md");
	is_int(align_fs_read_regular(&out, path.ptr, 0), ALIGN_ENOTFOUND,
	       "read_regular of a missing file");
	align_buf_sets(&out, "keep");
	is_int(align_fs_read_regular(&out, tmpdir, 0), 1,
	       "read_regular leaves a directory alone");
	path_in(&path, "fifo.md");
	if (mkfifo(path.ptr, 0600) == 0) {
		/* Without a writer, a plain read would wait for ever. */
		ok(align_fs_read_regular(&out, path.ptr, 0) == 1 &&
			   !strcmp(out.ptr, "keep"),
		   "read_regular opens a FIFO without waiting and reads "
		   "nothing");
		unlink(path.ptr);
	} else {
		ok(1, "read_regular of a FIFO # SKIP cannot make a FIFO");
	}

	align_buf_clear(&out);
	errno = 0;
	is_int(align_fs_read(&out, tmpdir, 0), ALIGN_ERROR,
	       "reading a directory is an error");
	is_int(errno, EISDIR, "with errno EISDIR");

	align_buf_release(&path);
	align_buf_release(&out);
}

static void test_write_temp(void)
{
	struct align_buf path = ALIGN_BUF_INIT, tmp = ALIGN_BUF_INIT;
	struct align_buf back = ALIGN_BUF_INIT, prefix = ALIGN_BUF_INIT;
	struct stat st;
	int before, ret;

	path_in(&path, "rec.md");
	ret = align_fs_write_temp(&tmp, path.ptr, "hello\n", 6);
	is_int(ret, 0, "write_temp succeeds");
	align_buf_addf(&prefix, "%s.align-", path.ptr);
	ok(!strncmp(tmp.ptr, prefix.ptr, prefix.len) &&
	       tmp.len == prefix.len + 6,
	   "the temporary file is next to the target");
	ok(!align_fs_exists(path.ptr), "the target itself is not created");
	is_int(align_fs_read(&back, tmp.ptr, 0), 0,
	       "the temporary file exists");
	is_str(back.ptr, "hello\n", "with the data");
	unlink(tmp.ptr);

	/* The mode follows an existing target. */
	write_file(path.ptr, "x", 1);
	chmod(path.ptr, 0640);
	ret = align_fs_write_temp(&tmp, path.ptr, "", 0);
	ok(ret == 0 && stat(tmp.ptr, &st) == 0 && (st.st_mode & 07777) == 0640,
	   "the temporary file takes the target's mode");
	ok(ret == 0 && st.st_size == 0, "an empty write gives an empty file");
	unlink(tmp.ptr);
	unlink(path.ptr);

	before = count_entries(tmpdir);
	path_in(&path, "no-such-dir/rec.md");
	errno = 0;
	ret = align_fs_write_temp(&tmp, path.ptr, "data", 4);
	is_int(ret, ALIGN_ERROR, "write_temp into a missing directory fails");
	is_int(errno, ENOENT, "with errno ENOENT");
	is_int(count_entries(tmpdir), before, "and leaves no file behind");
	ok(!align_fs_exists(tmp.ptr), "the temporary name does not exist");

	/* A read-only directory (skipped as root, who can write anyway). */
	if (geteuid() != 0) {
		struct align_buf ro = ALIGN_BUF_INIT;

		path_in(&ro, "ro");
		mkdir(ro.ptr, 0555);
		align_path_join(&ro, "", "/rec.md");
		ret = align_fs_write_temp(&tmp, ro.ptr, "data", 4);
		ok(ret == ALIGN_ERROR && errno == EACCES,
		   "write_temp into a read-only directory fails with EACCES");
		path_in(&ro, "ro");
		is_int(count_entries(ro.ptr), 0, "and leaves no file there");
		rmdir(ro.ptr);
		align_buf_release(&ro);
	}

	align_buf_release(&path);
	align_buf_release(&tmp);
	align_buf_release(&back);
	align_buf_release(&prefix);
}

static void test_mkdirs(void)
{
	struct align_buf path = ALIGN_BUF_INIT, file = ALIGN_BUF_INIT;

	path_in(&path, "m/n/o");
	is_int(align_fs_mkdirs(path.ptr), 0, "mkdirs creates missing parents");
	is_int(align_fs_is_dir(path.ptr), 1, "the directory exists");
	is_int(align_fs_mkdirs(path.ptr), 0, "mkdirs on an existing directory");
	path_in(&file, "m/f");
	write_file(file.ptr, "x", 1);
	is_int(align_fs_is_dir(file.ptr), 0, "a file is not a directory");
	is_int(align_fs_exists(file.ptr), 1, "but it exists");
	align_buf_adds(&file, "/sub");
	is_int(align_fs_mkdirs(file.ptr), ALIGN_ERROR,
	       "mkdirs below a file fails");
	path_in(&file, "m/f");
	unlink(file.ptr);
	rmdir(path.ptr);
	path_in(&path, "m/n");
	rmdir(path.ptr);
	path_in(&path, "m");
	rmdir(path.ptr);
	align_buf_release(&path);
	align_buf_release(&file);
}

static void cleanup(void)
{
	struct align_buf p = ALIGN_BUF_INIT;
	const char *names[] = {"small.md", "big.md", "empty.md"};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		path_in(&p, names[i]);
		unlink(p.ptr);
	}
	align_buf_release(&p);
	ok(rmdir(tmpdir) == 0, "nothing is left in the test directory");
}

int main(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/align-fs-XXXXXX",
		 base && strlen(base) < 40 ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! cannot create a temporary directory\n");
		return 1;
	}
	test_paths();
	test_read();
	test_write_temp();
	test_mkdirs();
	cleanup();
	return done_testing();
}
