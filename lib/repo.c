#include "repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdarg.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fault.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

/* How long a writer waits for another align writing here. */
#define ALIGN_WRITE_WAIT_SECONDS 10.0

struct align_repo {
	struct align_git *git;
	char *root;   /* absolute, no trailing '/' */
	char *prefix; /* root relative to the working tree: "" or "sub/" */
	char *cwd;    /* absolute */
	struct align_record *config;
	struct align_record_limits limits;
	struct align_buf error;
	char base[ALIGN_OID_HEXSZ + 1];
	int lock_fd;
	struct align_buf recovered; /* what the last recovery did */
};

static int fail(struct align_repo *repo, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct align_repo *repo, int code, const char *fmt, ...)
{
	va_list ap;

	align_buf_clear(&repo->error);
	va_start(ap, fmt);
	align_buf_vaddf(&repo->error, fmt, ap);
	va_end(ap);
	return code;
}

static char *real_dir(const char *path)
{
	char *r = realpath(path, NULL);
	char *out;

	if (!r) {
		return NULL;
	}
	out = align_strdup(r);
	free(r);
	return out;
}

static struct align_repo *repo_new(void)
{
	struct align_repo *repo = align_calloc(1, sizeof(*repo));

	align_buf_init(&repo->error);
	align_buf_init(&repo->recovered);
	repo->lock_fd = -1;
	return repo;
}

/* Sets root and prefix from an absolute root and the git working tree. */
static int set_root(struct align_repo *repo, const char *root)
{
	char *wd = real_dir(align_git_workdir(repo->git));
	size_t n;

	if (!wd) {
		return fail(repo, ALIGN_ERROR, "cannot resolve '%s': %s",
			    align_git_workdir(repo->git), strerror(errno));
	}
	repo->root = align_strdup(root);
	n = strlen(wd);
	if (!strcmp(wd, "/")) {
		n = 0;
	}
	if (strncmp(root, wd, n) || (root[n] && root[n] != '/')) {
		free(wd);
		return fail(repo, ALIGN_ERROR,
			    "records root '%s' is outside the working tree",
			    root);
	}
	repo->prefix = align_strdup(root[n] ? root + n + 1 : "");
	if (*repo->prefix) {
		char *p = align_malloc(strlen(repo->prefix) + 2);
		snprintf(p, strlen(repo->prefix) + 2, "%s/", repo->prefix);
		free(repo->prefix);
		repo->prefix = p;
	}
	free(wd);
	return 0;
}

/* A folder setting: "a" or "a/b" of [A-Za-z0-9_.-], no "." or ".." part. */
static int folder_valid(const char *v)
{
	const char *p = v;

	if (!*v) {
		return 0;
	}
	while (*p) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.') ||
		    (n == 4 && !strncasecmp(p, ".git", 4))) {
			/* Nothing of align's lives in git's own folder. */
			return 0;
		}
		p += n;
		if (*p == '/') {
			p++;
			if (!*p) {
				return 0;
			}
		} else if (*p) {
			return 0;
		}
	}
	return 1;
}

static int load_config(struct align_repo *repo)
{
	struct align_buf data = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	const char *size, *version;
	int ret;

	ret = align_repo_read(repo, ALIGN_CONFIG_FILE, &data);
	if (ret < 0) {
		ret = fail(repo, ret == ALIGN_ENOTFOUND ? ALIGN_ENOTFOUND : ret,
			   "cannot read '%s': %s", ALIGN_CONFIG_FILE,
			   ret == ALIGN_ETOOBIG ? "file too large"
						: strerror(errno));
		goto done;
	}
	ret = align_record_parse(&repo->config, ALIGN_CONFIG_FILE, data.ptr,
				 data.len, NULL, &diags);
	if (ret < 0) {
		const struct align_diag *d = &diags.items[0];
		ret = fail(repo, ALIGN_EINVALID, "%s:%zu: %s", d->path, d->line,
			   d->message);
		goto done;
	}
	version = align_repo_config(repo, "align", "version", NULL);
	if (!version || strcmp(version, ALIGN_FORMAT_VERSION)) {
		ret = fail(repo, ALIGN_EINVALID,
			   "%s: unsupported format version '%s' (this align "
			   "reads version %s)",
			   ALIGN_CONFIG_FILE, version ? version : "",
			   ALIGN_FORMAT_VERSION);
		goto done;
	}
	{
		/* Folders must stay inside the records root. */
		long sec = align_ini_find_section(&repo->config->ini, "folders",
						  NULL);
		for (size_t i = 0; sec >= 0 && i < repo->config->ini.nfields;
		     i++) {
			const struct align_ini_field *f =
				&repo->config->ini.fields[i];
			if (f->section == (size_t)sec &&
			    !folder_valid(f->value)) {
				ret = fail(repo, ALIGN_EINVALID,
					   "%s:%zu: folder '%s' for '%s' must be "
					   "a relative path inside the records "
					   "root, without '..', '.' or '.git'",
					   ALIGN_CONFIG_FILE, f->line, f->value,
					   f->key);
				goto done;
			}
		}
	}
	size = align_repo_config(repo, "core", "max-record-size", NULL);
	if (size) {
		char *end;
		unsigned long long v = strtoull(size, &end, 10);
		if (*end || !*size || v < 1024 || v > 16 * 1024 * 1024) {
			ret = fail(repo, ALIGN_EINVALID,
				   "%s:%zu: core.max-record-size must be a "
				   "number of bytes from 1024 to 16777216",
				   ALIGN_CONFIG_FILE,
				   align_record_line(repo->config, "core",
						     NULL, "max-record-size"));
			goto done;
		}
		repo->limits.max_size = (size_t)v;
	}
done:
	align_buf_release(&data);
	align_diags_clear(&diags);
	return ret;
}

int align_repo_open(struct align_repo **out, const char *cwd,
		    struct align_buf *err)
{
	struct align_repo *repo = repo_new();
	struct align_buf dir = ALIGN_BUF_INIT, probe = ALIGN_BUF_INIT;
	char *wd = NULL;
	int ret;

	*out = NULL;
	repo->cwd = real_dir(cwd);
	if (!repo->cwd) {
		ret = fail(repo, ALIGN_ERROR, "cannot resolve '%s': %s", cwd,
			   strerror(errno));
		goto done;
	}
	ret = align_git_open(&repo->git, repo->cwd, &repo->error);
	if (ret < 0) {
		goto done;
	}
	wd = real_dir(align_git_workdir(repo->git));
	if (!wd) {
		ret = fail(repo, ALIGN_ERROR, "cannot resolve the working tree");
		goto done;
	}
	/* Walk up from cwd to the top of the working tree. */
	align_buf_adds(&dir, repo->cwd);
	for (;;) {
		align_buf_clear(&probe);
		align_path_join(&probe, dir.ptr, ALIGN_CONFIG_FILE);
		if (align_fs_exists(probe.ptr)) {
			break;
		}
		if (!strcmp(dir.ptr, wd) || !strcmp(dir.ptr, "/")) {
			ret = fail(repo, ALIGN_ENOTFOUND,
				   "not an align repository (no %s here or in "
				   "any parent up to '%s'); run 'align init' "
				   "to make one",
				   ALIGN_CONFIG_FILE, wd);
			goto done;
		}
		while (dir.len > 1 && dir.ptr[dir.len - 1] != '/') {
			dir.len--;
		}
		if (dir.len > 1) {
			dir.len--;
		}
		align_buf_setlen(&dir, dir.len);
	}
	if ((ret = set_root(repo, dir.ptr)) < 0 ||
	    (ret = load_config(repo)) < 0) {
		goto done;
	}
done:
	free(wd);
	align_buf_release(&dir);
	align_buf_release(&probe);
	if (ret < 0) {
		align_buf_sets(err, repo->error.ptr);
		align_repo_free(repo);
		return ret;
	}
	*out = repo;
	return 0;
}

int align_repo_open_for_init(struct align_repo **out, const char *cwd,
			     struct align_buf *err)
{
	struct align_repo *repo = repo_new();
	struct align_buf probe = ALIGN_BUF_INIT;
	int ret;

	*out = NULL;
	repo->cwd = real_dir(cwd);
	if (!repo->cwd) {
		ret = fail(repo, ALIGN_ERROR, "cannot resolve '%s': %s", cwd,
			   strerror(errno));
		goto done;
	}
	align_path_join(&probe, repo->cwd, ALIGN_CONFIG_FILE);
	if (align_fs_exists(probe.ptr)) {
		ret = fail(repo, ALIGN_EEXISTS,
			   "'%s' exists already: this folder is an align "
			   "repository",
			   probe.ptr);
		goto done;
	}
	ret = align_git_open(&repo->git, repo->cwd, &repo->error);
	if (ret == ALIGN_ENOTFOUND) {
		if ((ret = align_git_check_identity(NULL, &repo->error)) < 0) {
			goto done;
		}
		ret = align_git_init(&repo->git, repo->cwd, &repo->error);
	}
	if (ret < 0) {
		goto done;
	}
	ret = set_root(repo, repo->cwd);
done:
	align_buf_release(&probe);
	if (ret < 0) {
		align_buf_sets(err, repo->error.ptr);
		align_repo_free(repo);
		return ret;
	}
	*out = repo;
	return 0;
}

void align_repo_free(struct align_repo *repo)
{
	if (!repo) {
		return;
	}
	if (repo->lock_fd >= 0) {
		close(repo->lock_fd);
	}
	align_record_free(repo->config);
	align_git_free(repo->git);
	align_buf_release(&repo->error);
	align_buf_release(&repo->recovered);
	free(repo->root);
	free(repo->prefix);
	free(repo->cwd);
	free(repo);
}

int align_repo__fail(struct align_repo *repo, int code, const char *message)
{
	align_buf_sets(&repo->error, message);
	return code;
}

const char *align_repo_error(const struct align_repo *repo)
{
	return repo->error.ptr;
}

const char *align_repo_root(const struct align_repo *repo)
{
	return repo->root;
}

const char *align_repo_prefix(const struct align_repo *repo)
{
	return repo->prefix;
}

struct align_git *align_repo_git(struct align_repo *repo)
{
	return repo->git;
}

const char *align_repo_config(const struct align_repo *repo,
			      const char *section, const char *key,
			      const char *fallback)
{
	const char *v = repo->config ? align_record_get(repo->config, section,
							NULL, key)
				     : NULL;
	return v && *v ? v : fallback;
}

const struct align_record *align_repo_settings(const struct align_repo *repo)
{
	return repo->config;
}

size_t align_repo_config_line(const struct align_repo *repo,
			      const char *section, const char *key)
{
	return repo->config ? align_record_line(repo->config, section, NULL,
						key)
			    : 0;
}

const struct align_record_limits *align_repo_limits(
	const struct align_repo *repo)
{
	return &repo->limits;
}

static void full_path(const struct align_repo *repo, const char *path,
		      struct align_buf *out)
{
	align_buf_clear(out);
	align_path_join(out, repo->root, path);
}

static size_t read_max(const struct align_repo *repo)
{
	return align_record_max_size(&repo->limits);
}

int align_repo__read_failed(struct align_repo *repo, const char *path,
			    int ret, int err)
{
	if (ret == ALIGN_ENOTFOUND) {
		fail(repo, ret, "'%s' does not exist", path);
	} else if (ret == ALIGN_ETOOBIG) {
		fail(repo, ret, "'%s' is larger than %zu bytes "
				"(core.max-record-size)", path, read_max(repo));
	} else if (ret < 0) {
		fail(repo, ret, "cannot read '%s': %s", path, strerror(err));
	}
	return ret;
}

int align_repo_read(struct align_repo *repo, const char *path,
		    struct align_buf *out)
{
	struct align_buf full = ALIGN_BUF_INIT;
	int ret;

	full_path(repo, path, &full);
	ret = align_fs_read_regular(out, full.ptr, read_max(repo));
	if (ret == 1) {
		ret = fail(repo, ALIGN_EINVALID, "'%s' %s", path,
			   ALIGN_NOT_REGULAR);
	} else {
		align_repo__read_failed(repo, path, ret, errno);
	}
	align_buf_release(&full);
	return ret;
}

int align_repo__read_regular(const struct align_repo *repo, const char *path,
			     struct align_buf *out, int *out_errno)
{
	struct align_buf full = ALIGN_BUF_INIT;
	int ret;

	full_path(repo, path, &full);
	ret = align_fs_read_regular(out, full.ptr, read_max(repo));
	*out_errno = ret < 0 ? errno : 0;
	align_buf_release(&full);
	return ret;
}

int align_repo_exists(struct align_repo *repo, const char *path)
{
	struct align_buf full = ALIGN_BUF_INIT;
	int ret;

	full_path(repo, path, &full);
	ret = align_fs_exists(full.ptr);
	align_buf_release(&full);
	return ret;
}

/* One name of a folder: where it is in the names buffer, and its type. */
struct dir_name {
	const char *name;
	size_t at;
	int dir; /* 1 folder, 0 not, -1 unknown (stat decides) */
	int regular; /* known to be a regular file */
};

int align_repo_committed(struct align_repo *repo, const char *path)
{
	struct align_buf gpath = ALIGN_BUF_INIT;
	char blob[ALIGN_OID_HEXSZ + 1];
	int ret;

	align_buf_addf(&gpath, "%s%s", repo->prefix, path);
	ret = align_git_head_blob(repo->git, gpath.ptr, blob, &repo->error);
	align_buf_release(&gpath);
	return ret < 0 ? ret : *blob != '\0';
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct dir_name *)a)->name,
		      ((const struct dir_name *)b)->name);
}

/*
 * What readdir's d_type says of an entry without a stat, when it can:
 * whether it is a folder, and whether a regular file.
 */
static int dirent_type(const struct dirent *de, int *out_regular)
{
	*out_regular = 0;
#ifdef _DIRENT_HAVE_D_TYPE
	if (de->d_type == DT_DIR) {
		return 1;
	}
	/* A link may point to a folder; some file systems do not say. */
	if (de->d_type != DT_LNK && de->d_type != DT_UNKNOWN) {
		*out_regular = de->d_type == DT_REG;
		return 0;
	}
#else
	(void)de;
#endif
	return -1;
}

/*
 * 1 when folder `rel` holds a `.git` (a submodule's working tree, or a
 * repository of its own): its files belong there. `scratch` is clobbered.
 */
static int holds_repository(const struct align_repo *repo, const char *rel,
			    struct align_buf *scratch)
{
	struct stat st;

	align_buf_clear(scratch);
	full_path(repo, rel, scratch);
	align_buf_adds(scratch, "/.git");
	return lstat(scratch->ptr, &st) == 0;
}

/*
 * Lists `rel` into `out`; with `regular` not NULL, appends to it one byte
 * per path: 1 when the listing saw a regular file, else 0.
 */
static int list_dir(struct align_repo *repo, const char *rel,
		    struct align_buf *out, struct align_buf *regular,
		    int depth)
{
	struct align_buf full = ALIGN_BUF_INIT, child = ALIGN_BUF_INIT;
	struct align_buf buf = ALIGN_BUF_INIT;
	struct dir_name *names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (depth > 16) {
		return fail(repo, ALIGN_ERROR, "'%s' is nested too deep", rel);
	}
	full_path(repo, rel, &full);
	d = opendir(full.ptr);
	if (!d) {
		ret = errno == ENOENT || errno == ENOTDIR
			      ? 0
			      : fail(repo, ALIGN_ERROR, "cannot list '%s': %s",
				     rel, strerror(errno));
		align_buf_release(&full);
		return ret;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.') {
			continue;
		}
		ALIGN_ARRAY_GROW(names, alloc, n + 1);
		names[n].at = buf.len;
		names[n].dir = dirent_type(de, &names[n].regular);
		n++;
		align_buf_add(&buf, de->d_name, strlen(de->d_name) + 1);
	}
	closedir(d);
	/* The names buffer stopped moving: point into it, then sort. */
	for (size_t i = 0; i < n; i++) {
		names[i].name = buf.ptr + names[i].at;
	}
	if (n) {
		qsort(names, n, sizeof(*names), cmp_name);
	}
	for (size_t i = 0; i < n && ret == 0; i++) {
		int dir = names[i].dir, reg = names[i].regular;

		align_buf_clear(&child);
		align_path_join(&child, rel, names[i].name);
		if (dir < 0) {
			/* lstat: a link is listed as a link, never followed. */
			struct stat st;
			int found;

			align_buf_clear(&full);
			full_path(repo, child.ptr, &full);
			found = lstat(full.ptr, &st) == 0;
			dir = found && S_ISDIR(st.st_mode);
			reg = found && S_ISREG(st.st_mode);
		}
		if (dir) {
			if (!holds_repository(repo, child.ptr, &full)) {
				ret = list_dir(repo, child.ptr, out, regular,
					       depth + 1);
			}
		} else {
			align_buf_add(out, child.ptr, child.len + 1);
			if (regular) {
				align_buf_addch(regular, reg ? ALIGN_LIST_REGULAR
							     : ALIGN_LIST_OTHER);
			}
		}
	}
	free(names);
	align_buf_release(&buf);
	align_buf_release(&full);
	align_buf_release(&child);
	return ret;
}

int align_repo_list(struct align_repo *repo, const char *folder,
		    struct align_buf *out)
{
	return list_dir(repo, folder, out, NULL, 0);
}

int align_repo__list_typed(struct align_repo *repo, const char *folder,
			   struct align_buf *out, struct align_buf *regular)
{
	return list_dir(repo, folder, out, regular, 0);
}

int align_repo_path_from_user(struct align_repo *repo, const char *arg,
			      struct align_buf *out)
{
	struct align_buf abs = ALIGN_BUF_INIT, norm = ALIGN_BUF_INIT;
	size_t n = strlen(repo->root);
	int ret = 0;

	if (arg[0] == '/') {
		align_buf_adds(&abs, arg);
	} else {
		align_path_join(&abs, repo->cwd, arg);
	}
	align_path_normalize(&norm, abs.ptr);
	if (strncmp(norm.ptr, repo->root, n) || norm.ptr[n] != '/') {
		ret = fail(repo, ALIGN_EINVALID,
			   "'%s' is outside the records root '%s'", arg,
			   repo->root);
	} else {
		align_buf_adds(out, norm.ptr + n + 1);
	}
	align_buf_release(&abs);
	align_buf_release(&norm);
	return ret;
}

void align_repo_display_path(const struct align_repo *repo, const char *path,
			     struct align_buf *out)
{
	struct align_buf full = ALIGN_BUF_INIT;

	full_path(repo, path, &full);
	align_path_relative(out, full.ptr, repo->cwd);
	align_buf_release(&full);
}

/*
 * The write journal, <gitdir>/align/write: what a write is doing, so that
 * a later one finishes or undoes it when the process died halfway (a
 * crash, kill -9, a full disk). Written whole (temporary file, rename)
 * before the temporary files are made, again with the blob ids before the
 * commit, and removed once the index is written:
 *
 *   align-write 1
 *   <new blob|-> <old blob|-> <temporary file>\t<file>
 *
 * where a new blob of forty zeros marks a file the write deletes (it has
 * no temporary file);
 * paths relative to the work tree. Without blob ids the commit cannot have
 * started: the temporary files are removed. With them, the file's blob in
 * HEAD says whether the commit landed: if it did, the temporary file is
 * renamed into place (unless the file was edited since) and the index
 * entry set; if not, the temporary file is removed.
 */
#define JOURNAL_HEADER "align-write 1\n"
#define JOURNAL_DELETED "0000000000000000000000000000000000000000"

struct journal_entry {
	char new_blob[ALIGN_OID_HEXSZ + 1]; /* "" before the commit */
	char old_blob[ALIGN_OID_HEXSZ + 1]; /* "" when the file was new */
	char *temp;
	char *path;
};

static void journal_path(struct align_buf *out, const struct align_repo *repo)
{
	align_path_join(out, align_git_gitdir(repo->git), "align/write");
}

static int journal_write(struct align_repo *repo,
			 const struct journal_entry *e, size_t n)
{
	struct align_buf data = ALIGN_BUF_INIT, path = ALIGN_BUF_INIT;
	struct align_buf tmp = ALIGN_BUF_INIT;
	int ret = 0;

	align_buf_adds(&data, JOURNAL_HEADER);
	for (size_t i = 0; i < n; i++) {
		align_buf_addf(&data, "%s %s %s\t%s\n",
			       *e[i].new_blob ? e[i].new_blob : "-",
			       *e[i].old_blob ? e[i].old_blob : "-", e[i].temp,
			       e[i].path);
	}
	journal_path(&path, repo);
	align_buf_adds(&tmp, path.ptr);
	align_buf_adds(&tmp, ".new");
	*strrchr(tmp.ptr, '/') = '\0';
	if (align_fs_mkdirs(tmp.ptr) < 0) {
		ret = fail(repo, ALIGN_ERROR, "cannot write '%s': %s", path.ptr,
			   strerror(errno));
		goto done;
	}
	align_buf_clear(&tmp);
	align_buf_addf(&tmp, "%s.new", path.ptr);
	if (align_fs_write_named(tmp.ptr, path.ptr, data.ptr, data.len) < 0 ||
	    rename(tmp.ptr, path.ptr) < 0) {
		ret = fail(repo, ALIGN_ERROR, "cannot write '%s': %s", path.ptr,
			   strerror(errno));
		unlink(tmp.ptr);
	}
done:
	align_buf_release(&data);
	align_buf_release(&path);
	align_buf_release(&tmp);
	return ret;
}

static void journal_remove(struct align_repo *repo)
{
	struct align_buf path = ALIGN_BUF_INIT;

	journal_path(&path, repo);
	unlink(path.ptr);
	align_buf_release(&path);
}

/* Parses one journal line; 0, or -1 when it is not one. */
static int journal_parse(struct journal_entry *e, char *line)
{
	char *tab = strchr(line, '\t');

	memset(e, 0, sizeof(*e));
	if (!tab || strlen(line) < 2 * 2 + 2 || strchr(tab + 1, '\t')) {
		return -1;
	}
	*tab = '\0';
	for (int k = 0; k < 2; k++) {
		char *out = k ? e->old_blob : e->new_blob;
		char *sp = strchr(line, ' ');

		if (!sp) {
			return -1;
		}
		*sp = '\0';
		if (strcmp(line, "-")) {
			if (strlen(line) != ALIGN_OID_HEXSZ ||
			    !align_oid_hex_valid(line)) {
				return -1;
			}
			memcpy(out, line, ALIGN_OID_HEXSZ + 1);
		}
		line = sp + 1;
	}
	e->temp = line;
	e->path = tab + 1;
	return *e->temp && *e->path ? 0 : -1;
}

/* Finishes or undoes one entry; `*done` says whether it was finished. */
static int recover_entry(struct align_repo *repo, const struct journal_entry *e,
			 int *finished)
{
	struct align_buf temp = ALIGN_BUF_INIT, file = ALIGN_BUF_INIT;
	char head[ALIGN_OID_HEXSZ + 1], now[ALIGN_OID_HEXSZ + 1];
	int ret = 0;

	*finished = 0;
	align_path_join(&temp, align_git_workdir(repo->git), e->temp);
	align_path_join(&file, align_git_workdir(repo->git), e->path);
	if (!strcmp(e->new_blob, JOURNAL_DELETED)) {
		/* A deletion: finished when HEAD no longer has the file. */
		if ((ret = align_git_head_blob(repo->git, e->path, head,
					       &repo->error)) < 0 ||
		    *head ||
		    (ret = align_git_file_id(repo->git, e->path, now,
					     &repo->error)) < 0) {
			goto done;
		}
		if (*now && !strcmp(now, e->old_blob)) {
			if (unlink(file.ptr) < 0) {
				ret = fail(repo, ALIGN_ERROR,
					   "cannot finish the interrupted "
					   "write of '%s': %s",
					   e->path, strerror(errno));
				goto done;
			}
			align_buf_addf(&repo->recovered, "%s%s",
				       repo->recovered.len ? ", " : "",
				       e->path);
			*now = '\0';
		}
		/* Edited since: the file stays, its index entry too. */
		*finished = !*now;
		goto done;
	}
	if (!*e->new_blob ||
	    (ret = align_git_head_blob(repo->git, e->path, head,
				       &repo->error)) < 0 ||
	    strcmp(head, e->new_blob)) {
		/* The commit did not land: nothing of this write stays. */
		unlink(temp.ptr);
		goto done;
	}
	if ((ret = align_git_file_id(repo->git, e->path, now, &repo->error)) <
	    0) {
		goto done;
	}
	if (align_fs_exists(temp.ptr)) {
		if (!strcmp(now, e->old_blob)) {
			/* The file still holds what the commit replaced. */
			if (rename(temp.ptr, file.ptr) < 0) {
				ret = fail(repo, ALIGN_ERROR,
					   "cannot finish the interrupted "
					   "write of '%s': %s",
					   e->path, strerror(errno));
				goto done;
			}
			align_buf_addf(&repo->recovered, "%s%s",
				       repo->recovered.len ? ", " : "",
				       e->path);
			memcpy(now, e->new_blob, sizeof(now));
		} else {
			/* Edited since, or in place already: keep the file. */
			unlink(temp.ptr);
		}
	}
	*finished = !strcmp(now, e->new_blob);
done:
	align_buf_release(&temp);
	align_buf_release(&file);
	return ret;
}

/*
 * Finishes or undoes a write that a dead process left half done, from the
 * journal; called with the writer lock held.
 */
static int recover(struct align_repo *repo)
{
	struct align_buf path = ALIGN_BUF_INIT, data = ALIGN_BUF_INIT;
	const char **paths = NULL;
	size_t npaths = 0, alloc = 0;
	char *line, *next;
	int ret = 0;

	align_buf_clear(&repo->recovered);
	align_git_clear_dead_index_lock(repo->git);
	journal_path(&path, repo);
	if (align_fs_read(&data, path.ptr, 0) < 0) {
		goto done; /* no write was interrupted */
	}
	if (strncmp(data.ptr, JOURNAL_HEADER, strlen(JOURNAL_HEADER))) {
		ret = fail(repo, ALIGN_ERROR,
			   "'%s' is not align's write journal; move it away",
			   path.ptr);
		goto done;
	}
	for (line = data.ptr + strlen(JOURNAL_HEADER); *line; line = next) {
		struct journal_entry e;
		char *nl = strchr(line, '\n');
		int finished;

		if (!nl) {
			break; /* torn: the rename makes this impossible */
		}
		*nl = '\0';
		next = nl + 1;
		if (journal_parse(&e, line) < 0) {
			continue;
		}
		if ((ret = recover_entry(repo, &e, &finished)) < 0) {
			goto done;
		}
		if (finished) {
			ALIGN_ARRAY_GROW(paths, alloc, npaths + 1);
			paths[npaths++] = e.path;
		}
	}
	/* The index as the commit left it, for what is now in place. */
	if (npaths && (ret = align_git_index_update(repo->git, paths, npaths,
						    &repo->error)) < 0) {
		goto done;
	}
	unlink(path.ptr);
done:
	free(paths);
	align_buf_release(&path);
	align_buf_release(&data);
	return ret;
}

int align_repo_set_git_config(struct align_repo *repo, const char *name,
			      const char *value)
{
	return align_git_config_set(repo->git, name, value, &repo->error);
}

int align_repo_write_pending(const struct align_repo *repo)
{
	struct align_buf path = ALIGN_BUF_INIT;
	int ret;

	journal_path(&path, repo);
	ret = align_fs_exists(path.ptr);
	align_buf_release(&path);
	return ret;
}

const char *align_repo_recovered(const struct align_repo *repo)
{
	return repo->recovered.len ? repo->recovered.ptr : NULL;
}

/* Seconds since an arbitrary start, for measuring waits. */
static double monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int align_repo_begin_write(struct align_repo *repo)
{
	struct align_buf lock = ALIGN_BUF_INIT;
	const char *what, *how;
	double start = monotonic();
	int ret;

	align_path_join(&lock, align_git_gitdir(repo->git), "align.flock");
	repo->lock_fd = open(lock.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (repo->lock_fd < 0) {
		ret = fail(repo, ALIGN_ERROR, "cannot open '%s': %s", lock.ptr,
			   strerror(errno));
		align_buf_release(&lock);
		return ret;
	}
	/*
	 * Another align writing here: wait for it, but not forever. The
	 * time is measured, not counted in sleeps: under load a sleep of
	 * 50 ms lasts longer.
	 */
	while (flock(repo->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		struct timespec ts = { 0, 50 * 1000000L };

		if (errno != EWOULDBLOCK ||
		    monotonic() - start >= ALIGN_WRITE_WAIT_SECONDS) {
			ret = fail(repo, ALIGN_ELOCKED,
				   "another align process has been writing for "
				   "10 seconds (lock '%s'); try again when it "
				   "is done",
				   lock.ptr);
			align_buf_release(&lock);
			return ret;
		}
		nanosleep(&ts, NULL);
	}
	align_buf_release(&lock);
	if ((ret = recover(repo)) < 0) {
		return ret;
	}
	if ((what = align_git_operation(repo->git, &how))) {
		return fail(repo, ALIGN_EREFUSED,
			    "%s is in progress: %s, then run align again", what,
			    how);
	}
	return align_git_head(repo->git, repo->base, &repo->error);
}

/* Removes the folders in `made` (deepest last in the list). */
static void remove_made_dirs(struct align_buf *made)
{
	/* Entries are NUL-separated, parents before children. */
	size_t count = 0;
	const char **dirs = NULL;
	size_t alloc = 0;

	for (size_t pos = 0; pos < made->len; pos += strlen(made->ptr + pos) + 1) {
		ALIGN_ARRAY_GROW(dirs, alloc, count + 1);
		dirs[count++] = made->ptr + pos;
	}
	while (count) {
		rmdir(dirs[--count]);
	}
	free(dirs);
}

/*
 * Refuses a path below the work tree that goes through a symbolic link
 * (or is one): writing there would write wherever the link points, out
 * of the repository perhaps, and git would store the link, not the file.
 */
static int through_link(struct align_repo *repo, const char *gpath)
{
	struct align_buf full = ALIGN_BUF_INIT;
	const char *workdir = align_git_workdir(repo->git);
	struct stat st;
	int ret = 0;

	align_buf_adds(&full, workdir);
	for (const char *p = gpath; *p && !ret;) {
		size_t n = strcspn(p, "/");

		if (full.len && full.ptr[full.len - 1] != '/') {
			align_buf_addch(&full, '/');
		}
		align_buf_add(&full, p, n);
		if (lstat(full.ptr, &st) < 0) {
			break; /* missing from here on: made as folders */
		}
		if (S_ISLNK(st.st_mode)) {
			/* The path up to this component, as the user wrote it. */
			ret = fail(repo, ALIGN_EREFUSED,
				   "cannot write '%s': '%.*s' is a symbolic link",
				   gpath, (int)(p - gpath + n), gpath);
		} else if (!p[n] && !S_ISREG(st.st_mode)) {
			ret = fail(repo, ALIGN_EREFUSED,
				   "cannot write '%s': %s", gpath,
				   "it is not a plain file");
		}
		p += n + (p[n] == '/');
	}
	align_buf_release(&full);
	return ret;
}

/* Creates the missing parents of `file`, noting each one made in `made`. */
static int make_parents(const char *file, struct align_buf *made)
{
	struct align_buf dir = ALIGN_BUF_INIT;

	align_buf_adds(&dir, file);
	for (size_t i = 1; i < dir.len; i++) {
		if (dir.ptr[i] != '/') {
			continue;
		}
		dir.ptr[i] = '\0';
		if (!align_fs_exists(dir.ptr)) {
			if (mkdir(dir.ptr, 0777) < 0) {
				int e = errno;
				align_buf_release(&dir);
				errno = e;
				return ALIGN_ERROR;
			}
			align_buf_add(made, dir.ptr, i + 1);
		}
		dir.ptr[i] = '/';
	}
	align_buf_release(&dir);
	return 0;
}

int align_repo_write(struct align_repo *repo, const struct align_change *changes,
		     size_t nchanges, const char *message,
		     char out_id[ALIGN_OID_HEXSZ + 1])
{
	struct align_buf made = ALIGN_BUF_INIT, full = ALIGN_BUF_INIT;
	struct align_buf tmp = ALIGN_BUF_INIT, filtered = ALIGN_BUF_INIT;
	struct align_buf *temps = align_calloc(nchanges, sizeof(*temps));
	struct align_buf *bytes = align_calloc(nchanges, sizeof(*bytes));
	struct align_git_change *gc = align_calloc(nchanges, sizeof(*gc));
	char **gpaths = align_calloc(nchanges, sizeof(*gpaths));
	struct journal_entry *journal = align_calloc(nchanges,
						     sizeof(*journal));
	size_t written = 0;
	int ret = 0;

	for (size_t i = 0; i < nchanges; i++) {
		size_t n = strlen(repo->prefix) + strlen(changes[i].path) + 1;

		align_buf_init(&temps[i]);
		align_buf_init(&bytes[i]);
		gpaths[i] = align_malloc(n);
		snprintf(gpaths[i], n, "%s%s", repo->prefix, changes[i].path);
		if ((ret = through_link(repo, gpaths[i])) < 0) {
			goto done;
		}
		ret = align_git_filter_problem(repo->git, gpaths[i], &filtered);
		if (ret != 0) {
			ret = ret < 0 ? fail(repo, ALIGN_ERROR, "%s",
					     filtered.ptr)
				      : fail(repo, ALIGN_EREFUSED,
					     "cannot write '%s': %s",
					     changes[i].path, filtered.ptr);
			goto done;
		}
		/* Named before they exist, so a crash leaves none unknown. */
		journal[i].path = gpaths[i];
		align_buf_addf(&temps[i], "%s.align-%ld", gpaths[i],
			       (long)getpid());
		journal[i].temp = temps[i].ptr;
		if (strchr(gpaths[i], '\t') || strchr(gpaths[i], '\n')) {
			ret = fail(repo, ALIGN_EINVALID,
				   "cannot write '%s': a tab or a line break "
				   "in a path",
				   changes[i].path);
			goto done;
		}
	}
	/*
	 * Everything that can refuse the commit, before anything is written.
	 * The index lock is held from here until the index is written: no git
	 * process changes the index (nor the attributes read from it) while
	 * align prepares, commits and updates it.
	 */
	if (message &&
	    ((ret = align_git_check_identity(repo->git, &repo->error)) < 0 ||
	     (ret = align_git_check_locks(repo->git, &repo->error)) < 0 ||
	     (ret = align_git_lock_index(repo->git, &repo->error)) < 0)) {
		goto done;
	}
	if ((ret = journal_write(repo, journal, nchanges)) < 0) {
		goto undo;
	}
	ALIGN_FAULT_POINT("after-journal");
	for (; written < nchanges; written++) {
		const struct align_change *c = &changes[written];

		if (!c->data) {
			/* A deletion: no temporary file, HEAD's blob noted. */
			gc[written].path = gpaths[written];
			if (message) {
				memcpy(journal[written].new_blob,
				       JOURNAL_DELETED, ALIGN_OID_HEXSZ + 1);
				if ((ret = align_git_head_blob(
					     repo->git, gpaths[written],
					     journal[written].old_blob,
					     &repo->error)) < 0) {
					goto undo;
				}
			}
			continue;
		}
		/* What git would check out: eol and autocrlf honoured. */
		if ((ret = align_git_worktree_bytes(repo->git, gpaths[written],
						    c->data, c->len,
						    &bytes[written],
						    &repo->error)) < 0) {
			goto undo;
		}
		full_path(repo, c->path, &full);
		align_buf_clear(&tmp);
		align_path_join(&tmp, align_git_workdir(repo->git),
				temps[written].ptr);
		if (make_parents(full.ptr, &made) < 0 ||
		    align_fs_write_named(tmp.ptr, full.ptr, bytes[written].ptr,
					 bytes[written].len) < 0) {
			ret = fail(repo, ALIGN_ERROR, "cannot write '%s': %s",
				   c->path, strerror(errno));
			goto undo;
		}
		gc[written].path = gpaths[written];
		gc[written].data = bytes[written].ptr;
		gc[written].len = bytes[written].len;
		if (message &&
		    ((ret = align_git_blob_id(repo->git, gpaths[written],
					      bytes[written].ptr,
					      bytes[written].len,
					      journal[written].new_blob,
					      &repo->error)) < 0 ||
		     (ret = align_git_head_blob(repo->git, gpaths[written],
						journal[written].old_blob,
						&repo->error)) < 0)) {
			written++;
			goto undo;
		}
	}
	ALIGN_FAULT_POINT("after-temp");
	/* Now a crash after the commit can be finished by the next write. */
	if (message && (ret = journal_write(repo, journal, nchanges)) < 0) {
		goto undo;
	}
	ALIGN_FAULT_POINT("before-commit");
	if (message && (ret = align_git_commit(repo->git, repo->base, gc,
					       nchanges, message, out_id,
					       &repo->error)) < 0) {
		goto undo;
	}
	ALIGN_FAULT_POINT("before-rename");
	for (size_t i = 0; i < nchanges; i++) {
		full_path(repo, changes[i].path, &full);
		align_buf_clear(&tmp);
		align_path_join(&tmp, align_git_workdir(repo->git),
				temps[i].ptr);
		if (i == 1) {
			/* One file in place, the next not yet. */
			ALIGN_FAULT_POINT("between-renames");
		}
		if (!changes[i].data) {
			if (unlink(full.ptr) < 0 && errno != ENOENT) {
				ret = fail(repo, ALIGN_ERROR,
					   "%s, but cannot remove '%s': %s",
					   message ? "committed" : "prepared",
					   changes[i].path, strerror(errno));
				align_git_unlock_index(repo->git);
				goto done;
			}
			continue;
		}
		if (rename(tmp.ptr, full.ptr) < 0) {
			ret = fail(repo, ALIGN_ERROR,
				   "%s, but cannot write '%s': %s",
				   message ? "committed" : "prepared",
				   changes[i].path, strerror(errno));
			align_git_unlock_index(repo->git);
			goto done;
		}
	}
	ALIGN_FAULT_POINT("before-index");
	if (message) {
		ret = align_git_index_update(repo->git,
					     (const char *const *)gpaths,
					     nchanges, &repo->error);
		ALIGN_FAULT_POINT("after-index");
		if (ret < 0) {
			struct align_buf msg = ALIGN_BUF_INIT;
			align_buf_addf(&msg,
				       "committed, but the index was not "
				       "updated (%s); run 'git reset -q -- %s'",
				       repo->error.ptr, gpaths[0]);
			align_buf_sets(&repo->error, msg.ptr);
			align_buf_release(&msg);
		}
	}
	/* Done, or the message above says what to run: nothing to finish. */
	journal_remove(repo);
	goto done;
undo:
	for (size_t i = 0; i < written; i++) {
		align_buf_clear(&tmp);
		align_path_join(&tmp, align_git_workdir(repo->git),
				temps[i].ptr);
		unlink(tmp.ptr);
	}
	remove_made_dirs(&made);
	journal_remove(repo);
	align_git_unlock_index(repo->git);
done:
	for (size_t i = 0; i < nchanges; i++) {
		align_buf_release(&temps[i]);
		align_buf_release(&bytes[i]);
		free(gpaths[i]);
	}
	free(temps);
	free(bytes);
	free(gc);
	free(gpaths);
	free(journal);
	align_buf_release(&made);
	align_buf_release(&full);
	align_buf_release(&tmp);
	align_buf_release(&filtered);
	return ret;
}
