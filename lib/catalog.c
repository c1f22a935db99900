#include "catalog.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git.h"
#include "history.h"
#include "util/idmap.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/idmap.h"
#include "util/text.h"
#include "util/banned.h"

static void add_entry(struct align_catalog *c, const char *path,
		      const struct align_kind *kind, struct align_record *r)
{
	struct align_entry *e;

	ALIGN_ARRAY_GROW(c->entries, c->alloc, c->count + 1);
	e = &c->entries[c->count++];
	e->path = align_strdup(path);
	e->kind = kind;
	e->record = r;
	e->skipped = NULL;
	e->outside = 0;
	e->blob[0] = '\0';
	e->borrowed_ = 0;
}

/* A file the listing saw as a link, FIFO or device: named, never opened. */
static void add_skipped(struct align_catalog *c, const char *path,
			const struct align_kind *kind)
{
	align_diags_add(&c->problems, path, 0, ALIGN_SEV_WARNING, "%s",
			ALIGN_NOT_REGULAR);
	add_entry(c, path, kind, NULL);
	c->entries[c->count - 1].skipped = ALIGN_NOT_REGULAR;
}

/* Which listed files to read: all when `ref` is NULL. */
struct load_filter {
	const char *ref; /* only files whose name `ref` could mean */
	size_t nskipped; /* record files left unread */
};

static int load_kinds_in(struct align_catalog *out, struct align_repo *repo,
			 const struct align_kind *const *kinds,
			 const char *folder, struct load_filter *filter);

/* Loads the records below `folder`, as records of `kind`. */
static int load_folder(struct align_catalog *out, struct align_repo *repo,
		       const struct align_kind *kind, const char *folder)
{
	const struct align_kind *one[2] = { kind, NULL };
	return load_kinds_in(out, repo, one, folder, NULL);
}

static void stem(struct align_buf *out, const char *path);

/* Reads and parses one record file into the catalog (`data` is scratch). */
static int load_file(struct align_catalog *out, struct align_repo *repo,
		     const struct align_kind *kind, const char *path,
		     struct align_buf *data)
{
	struct align_record *r = NULL;
	int ret;

	align_buf_clear(data);
	ret = align_repo_read(repo, path, data);
	if (ret == ALIGN_EINVALID) {
		add_skipped(out, path, kind);
		return 0;
	}
	if (ret == ALIGN_ETOOBIG) {
		align_diags_add(&out->problems, path, 0, ALIGN_SEV_ERROR, "%s",
				align_repo_error(repo));
	} else if (ret < 0) {
		return ret;
	} else {
		align_record_parse(&r, path, data->ptr, data->len,
				   align_repo_limits(repo), &out->problems);
	}
	add_entry(out, path, kind, r);
	return 0;
}

/*
 * Reading and parsing records is most of loading a catalog, and each file
 * is parsed on its own (cmark and inih are reentrant; libgit2 is not used
 * here), so threads share the files of a folder. Each file has a slot;
 * slots are merged in listing order, so the catalog, its problems and the
 * repository's message come out as one thread would make them.
 */
#define CATALOG_THREADS ALIGN_CATALOG_THREADS_MAX
#define PARALLEL_MIN 32 /* fewer files are not worth a thread */

struct slot {
	const char *path; /* in the listing */
	int regular;	  /* the listing saw a regular file */
	int done;	  /* a worker read (and parsed) it */
	int ret;	  /* what the read returned */
	int err;	  /* its errno */
	struct align_record *record;
	struct align_diags diags;
};

struct batch {
	const struct align_repo *repo;
	struct slot *slots;
	size_t n;
	atomic_size_t next; /* the next slot to take */
	atomic_int stop;    /* a read failed: later files are not needed */
};

/*
 * Takes slots in order until none is left. Files that are not regular
 * (a FIFO would block) are left for the merge to read in order, as is
 * everything once a read has failed.
 */
static void work(struct batch *b)
{
	struct align_buf data = ALIGN_BUF_INIT;
	struct align_ini_memo *memo = align_ini_memo_new();
	size_t i;

	while (!atomic_load(&b->stop) &&
	       (i = atomic_fetch_add(&b->next, 1)) < b->n) {
		struct slot *s = &b->slots[i];
		int ret;

		if (s->regular != ALIGN_LIST_REGULAR) {
			continue;
		}
		align_buf_clear(&data);
		ret = align_repo__read_regular(b->repo, s->path, &data, &s->err);
		if (ret > 0) {
			continue;
		}
		s->ret = ret;
		if (ret == 0) {
			align_record_parse_memo(&s->record, s->path, data.ptr,
						data.len,
						align_repo_limits(b->repo),
						memo, &s->diags);
		} else if (ret != ALIGN_ETOOBIG) {
			atomic_store(&b->stop, 1);
		}
		s->done = 1;
	}
	align_ini_memo_free(memo);
	align_buf_release(&data);
}

static void *worker(void *payload)
{
	work(payload);
	return NULL;
}

/* Runs `work` on `nthreads` threads, this one included. */
static void work_on(struct batch *b, int nthreads)
{
	pthread_t helpers[CATALOG_THREADS];
	int started = 0;

	while (started < nthreads - 1 && started < CATALOG_THREADS &&
	       pthread_create(&helpers[started], NULL, worker, b) == 0) {
		started++;
	}
	work(b);
	while (started) {
		pthread_join(helpers[--started], NULL);
	}
}

/*
 * Adds the slots' files to the catalog in order, as load_file() would
 * have one by one: the first failed read stops it, and what a worker did
 * not read is read here.
 */
static int merge(struct align_catalog *out, struct align_repo *repo,
		 const struct align_kind *kind, struct batch *b)
{
	struct align_buf data = ALIGN_BUF_INIT;
	int ret = 0;

	for (size_t i = 0; i < b->n; i++) {
		struct slot *s = &b->slots[i];

		if (ret < 0) {
			/* Not needed: a file before it could not be read. */
		} else if (s->regular == ALIGN_LIST_OTHER) {
			add_skipped(out, s->path, kind);
		} else if (!s->done) {
			ret = load_file(out, repo, kind, s->path, &data);
		} else if (s->ret == 0 || s->ret == ALIGN_ETOOBIG) {
			if (s->ret == ALIGN_ETOOBIG) {
				align_repo__read_failed(repo, s->path, s->ret,
							s->err);
				align_diags_add(&out->problems, s->path, 0,
						ALIGN_SEV_ERROR, "%s",
						align_repo_error(repo));
			}
			align_diags_move(&out->problems, &s->diags);
			add_entry(out, s->path, kind, s->record);
			s->record = NULL;
		} else {
			ret = align_repo__read_failed(repo, s->path, s->ret,
						      s->err);
		}
		align_record_free(s->record);
		align_diags_clear(&s->diags);
	}
	align_buf_release(&data);
	return ret;
}

/* How many threads to read with: one unless there are cores to spare. */
static int threads_to_use(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus > 1 ? CATALOG_THREADS : 1;
}

static int load_kinds_threads(struct align_catalog *out,
			      struct align_repo *repo,
			      const struct align_kind *const *kinds,
			      const char *folder, struct load_filter *filter,
			      int nthreads)
{
	struct align_buf name = ALIGN_BUF_INIT;
	struct align_buf list = ALIGN_BUF_INIT, regular = ALIGN_BUF_INIT;
	struct batch b;
	size_t alloc = 0;
	int ret = 0;

	memset(&b, 0, sizeof(b));
	b.repo = repo;
	for (size_t k = 0; kinds[k] && !ret; k++) {
		size_t nth = 0;

		align_buf_clear(&list);
		align_buf_clear(&regular);
		ret = align_repo__list_typed(
			repo, folder ? folder : align_kind_folder(kinds[k], repo),
			&list, &regular);
		b.n = 0;
		for (size_t pos = 0; !ret && pos < list.len;
		     pos += strlen(list.ptr + pos) + 1, nth++) {
			const char *path = list.ptr + pos;
			struct slot *s;

			if (align_record_format_of(path) < 0) {
				continue;
			}
			if (filter) {
				stem(&name, path);
				if (!align_catalog_match(name.ptr,
							 filter->ref)) {
					filter->nskipped++;
					continue;
				}
			}
			ALIGN_ARRAY_GROW(b.slots, alloc, b.n + 1);
			s = &b.slots[b.n++];
			memset(s, 0, sizeof(*s));
			s->path = path;
			s->regular = regular.ptr[nth];
		}
		if (ret) {
			break;
		}
		atomic_store(&b.next, 0);
		atomic_store(&b.stop, 0);
		work_on(&b, b.n >= PARALLEL_MIN ? nthreads : 1);
		ret = merge(out, repo, kinds[k], &b);
	}
	free(b.slots);
	align_buf_release(&list);
	align_buf_release(&regular);
	align_buf_release(&name);
	return ret;
}

static int load_kinds_in(struct align_catalog *out, struct align_repo *repo,
			 const struct align_kind *const *kinds,
			 const char *folder, struct load_filter *filter)
{
	return load_kinds_threads(out, repo, kinds, folder, filter,
				  threads_to_use());
}

int align_catalog__load_threads(struct align_catalog *out,
				struct align_repo *repo, int nthreads)
{
	return load_kinds_threads(out, repo, align_kinds(), NULL, NULL,
				  nthreads);
}

int align_catalog_load(struct align_catalog *out, struct align_repo *repo)
{
	return load_kinds_in(out, repo, align_kinds(), NULL, NULL);
}

/*
 * Does the subset hold everything the full catalog would answer `ref`
 * with? Only when each record read carries the id its file name says
 * (ids are file names unless someone renamed one by hand), and at least
 * one was found: "no such record" needs every id.
 */
static int subset_decides(const struct align_catalog *c)
{
	struct align_buf name = ALIGN_BUF_INIT;
	int ok = c->count > 0;

	for (size_t i = 0; ok && i < c->count; i++) {
		const struct align_record *r = c->entries[i].record;
		const char *id = r ? align_record_id(r) : NULL;

		stem(&name, c->entries[i].path);
		ok = id && !strcmp(id, name.ptr);
	}
	align_buf_release(&name);
	return ok;
}

int align_catalog_load_for(struct align_catalog *out, struct align_repo *repo,
			   const struct align_kind *kind, const char *ref)
{
	const struct align_kind *one[2] = { kind, NULL };
	struct load_filter filter = { ref, 0 };
	int ret;

	if (strchr(ref, '/') || align_record_format_of(ref) >= 0) {
		struct align_buf rel = ALIGN_BUF_INIT;
		const struct align_kind *k;

		/* A path names one file: read it alone when it is a record. */
		if (align_repo_path_from_user(repo, ref, &rel) == 0 &&
		    align_record_format_of(rel.ptr) >= 0 &&
		    (k = align_catalog_kind_of(repo, rel.ptr)) &&
		    align_repo_exists(repo, rel.ptr)) {
			struct align_buf data = ALIGN_BUF_INIT;

			ret = load_file(out, repo, k, rel.ptr, &data);
			align_buf_release(&data);
		} else {
			/* Not a record: the full catalog says why. */
			ret = align_catalog_load(out, repo);
		}
		align_buf_release(&rel);
		return ret;
	}
	ret = load_kinds_in(out, repo, kind ? one : align_kinds(), NULL,
			    &filter);
	if (ret < 0 || !filter.nskipped || subset_decides(out)) {
		return ret;
	}
	align_catalog_release(out);
	return load_kinds_in(out, repo, kind ? one : align_kinds(), NULL, NULL);
}

int align_catalog_load_within(struct align_catalog *out,
			      struct align_repo *repo,
			      const struct align_kind *kind,
			      const char *const *subfolders)
{
	struct align_buf folder = ALIGN_BUF_INIT;
	int ret = 0;

	for (size_t i = 0; subfolders[i] && !ret; i++) {
		align_buf_clear(&folder);
		align_path_join(&folder, align_kind_folder(kind, repo),
				subfolders[i]);
		ret = load_folder(out, repo, kind, folder.ptr);
	}
	align_buf_release(&folder);
	return ret;
}

struct snapshot_state {
	struct align_catalog *out;
	struct align_repo *repo;
	/* Loading near a base: its records by path. */
	const struct align_catalog *base;
	struct align_idmap base_paths;
};

const struct align_kind *align_catalog_kind_of(struct align_repo *repo,
					       const char *path)
{
	const struct align_kind *const *kinds = align_kinds();

	for (size_t k = 0; kinds[k]; k++) {
		const char *f = align_kind_folder(kinds[k], repo);
		size_t n = strlen(f);
		if (!strncmp(path, f, n) && path[n] == '/') {
			return kinds[k];
		}
	}
	return NULL;
}

/* The base's readable entry at `path` when it is blob `blob`, or NULL. */
static const struct align_entry *base_entry(const struct snapshot_state *st,
					    const char *path, const char *blob)
{
	const struct align_entry *e;
	size_t i;

	if (!st->base || !align_idmap_get(&st->base_paths, path, &i)) {
		return NULL;
	}
	e = &st->base->entries[i];
	return e->record && !strcmp(e->blob, blob) ? e : NULL;
}

static int known_blob(const char *path, const char *blob, void *payload)
{
	return base_entry(payload, path, blob) != NULL;
}

static int add_snapshot(const char *path, const char *blob,
			struct align_record *record, void *payload)
{
	struct snapshot_state *st = payload;
	struct align_entry *e;

	if (!record) {
		/* The same blob as the base's: its record, borrowed. */
		const struct align_entry *b = base_entry(st, path, blob);

		add_entry(st->out, path, b->kind, b->record);
		e = &st->out->entries[st->out->count - 1];
		e->borrowed_ = 1;
	} else {
		add_entry(st->out, path, align_catalog_kind_of(st->repo, path),
			  record);
		e = &st->out->entries[st->out->count - 1];
	}
	memcpy(e->blob, blob, sizeof(e->blob));
	return 0;
}

static int load_at(struct align_catalog *out, struct align_repo *repo,
		   const char *rev, const struct align_catalog *base)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct snapshot_state st;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	int ret;

	memset(&st, 0, sizeof(st));
	st.out = out;
	st.repo = repo;
	st.base = base;
	for (size_t i = 0; base && i < base->count; i++) {
		if (base->entries[i].record && base->entries[i].blob[0]) {
			align_idmap_add(&st.base_paths, base->entries[i].path,
					i, NULL);
		}
	}
	align_kind_folders(folders, repo);
	ret = align_history__snapshot_own(repo, rev, folders,
					  base ? known_blob : NULL,
					  add_snapshot, &st, NULL, &warnings);
	/* Unreadable versions: entries without a record, as in the tree. */
	for (size_t i = 0; i < warnings.count; i++) {
		const struct align_diag *d = &warnings.items[i];
		if (*d->path) {
			add_entry(out, d->path, align_catalog_kind_of(repo, d->path),
				  NULL);
			align_diags_add(&out->problems, d->path, d->line,
					ALIGN_SEV_ERROR, "%s", d->message);
		}
	}
	align_diags_clear(&warnings);
	align_idmap_release(&st.base_paths);
	return ret;
}

/* Reads one record file from HEAD into the catalog, marked outside. */
static int add_from_head(struct align_catalog *c, struct align_repo *repo,
			 const char *path, const char *git_path,
			 struct align_buf *data, struct align_buf *err)
{
	struct align_git *git = align_repo_git(repo);
	char id[ALIGN_OID_HEXSZ + 1];
	struct align_record *r = NULL;
	size_t max = align_record_max_size(align_repo_limits(repo));
	int ret;

	if ((ret = align_git_head_blob(git, git_path, id, err)) < 0) {
		return ret;
	}
	if (!*id) {
		return 0; /* only in the index: not committed */
	}
	align_buf_clear(data);
	ret = align_git_blob_capped(git, id, max, data, err);
	if (ret == ALIGN_ETOOBIG) {
		align_diags_add(&c->problems, path, 0, ALIGN_SEV_ERROR,
				"'%s' in HEAD is larger than %zu bytes "
				"(core.max-record-size)",
				path, max);
	} else if (ret < 0) {
		return ret;
	} else {
		align_record_parse(&r, path, data->ptr, data->len,
				   align_repo_limits(repo), &c->problems);
	}
	add_entry(c, path, align_catalog_kind_of(repo, path), r);
	c->entries[c->count - 1].outside = 1;
	return 1;
}

int align_catalog_add_outside(struct align_catalog *c, struct align_repo *repo,
			      size_t *added)
{
	struct align_buf paths = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT,
			 data = ALIGN_BUF_INIT;
	struct align_idmap have = ALIGN_IDMAP_INIT;
	const char *prefix = align_repo_prefix(repo);
	size_t plen = strlen(prefix), ours = c->count;
	int ret;

	*added = 0;
	ret = align_git_sparse_paths(align_repo_git(repo), &paths, &err);
	for (size_t i = 0; ret >= 0 && paths.len && i < ours; i++) {
		align_idmap_add(&have, c->entries[i].path, i, NULL);
	}
	for (size_t at = 0; ret >= 0 && at < paths.len;) {
		const char *git_path = paths.ptr + at, *path = git_path + plen;
		size_t ignored;

		at += strlen(git_path) + 1;
		if (strncmp(git_path, prefix, plen) ||
		    !align_catalog_kind_of(repo, path) ||
		    align_record_format_of(path) < 0 ||
		    align_idmap_get(&have, path, &ignored)) {
			continue;
		}
		ret = add_from_head(c, repo, path, git_path, &data, &err);
		*added += ret > 0;
	}
	if (ret < 0) {
		align_repo__fail(repo, ret, err.ptr);
		ret = ALIGN_ERROR;
	} else {
		ret = 0;
	}
	align_idmap_release(&have);
	align_buf_release(&paths);
	align_buf_release(&err);
	align_buf_release(&data);
	return ret;
}

int align_catalog_load_at(struct align_catalog *out, struct align_repo *repo,
			  const char *rev)
{
	return load_at(out, repo, rev, NULL);
}

int align_catalog_load_near(struct align_catalog *out,
			    struct align_repo *repo, const char *rev,
			    const struct align_catalog *base)
{
	return load_at(out, repo, rev, base);
}

void align_catalog_release(struct align_catalog *catalog)
{
	for (size_t i = 0; i < catalog->count; i++) {
		free(catalog->entries[i].path);
		if (!catalog->entries[i].borrowed_) {
			align_record_free(catalog->entries[i].record);
		}
	}
	free(catalog->entries);
	align_diags_clear(&catalog->problems);
	memset(catalog, 0, sizeof(*catalog));
}

const struct align_entry *align_catalog_by_id(
	const struct align_catalog *catalog, const char *id)
{
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_record *r = catalog->entries[i].record;
		const char *rid = r ? align_record_id(r) : NULL;
		if (rid && !strcmp(rid, id)) {
			return &catalog->entries[i];
		}
	}
	return NULL;
}

/* The file name without folder and extension. */
static void stem(struct align_buf *out, const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	align_buf_clear(out);
	align_buf_add(out, base, dot ? (size_t)(dot - base) : strlen(base));
}

/* The first problem recorded for `path`. */
static const struct align_diag *problem_of(const struct align_catalog *c,
					   const char *path)
{
	for (size_t i = 0; i < c->problems.count; i++) {
		if (!strcmp(c->problems.items[i].path, path)) {
			return &c->problems.items[i];
		}
	}
	return NULL;
}

static int unreadable(const struct align_catalog *c,
		      const struct align_entry *e, struct align_buf *err)
{
	const struct align_diag *d = problem_of(c, e->path);

	align_buf_clear(err);
	align_buf_addf(err, "record '%s' cannot be read: ", e->path);
	if (d && d->line) {
		align_buf_addf(err, "line %zu: ", d->line);
	}
	align_buf_adds(err, d ? d->message : "unknown problem");
	align_buf_adds(err, " (see 'align check')");
	return ALIGN_EINVALID;
}

static int find_by_path(const struct align_entry **out,
			const struct align_catalog *c, struct align_repo *repo,
			const struct align_kind *kind, const char *ref,
			struct align_buf *err)
{
	struct align_buf rel = ALIGN_BUF_INIT;
	int ret = ALIGN_ENOTFOUND;

	if (align_repo_path_from_user(repo, ref, &rel) < 0) {
		align_buf_sets(err, align_repo_error(repo));
		align_buf_release(&rel);
		return ALIGN_EINVALID;
	}
	for (size_t i = 0; i < c->count; i++) {
		const struct align_entry *e = &c->entries[i];
		if (strcmp(e->path, rel.ptr)) {
			continue;
		}
		if (kind && e->kind != kind) {
			align_buf_clear(err);
			align_buf_addf(err, "'%s' is a %s, not a %s", ref,
				       e->kind->name, kind->name);
			ret = ALIGN_EINVALID;
		} else if (!e->record) {
			ret = unreadable(c, e, err);
		} else {
			*out = e;
			ret = 0;
		}
		goto done;
	}
	align_buf_clear(err);
	if (align_repo_exists(repo, rel.ptr)) {
		align_buf_addf(err, "'%s' is not a record (records are .md or "
				    ".ini files in a records folder)",
			       ref);
		ret = ALIGN_EINVALID;
	} else {
		align_buf_addf(err, "no record at '%s'", ref);
	}
done:
	align_buf_release(&rel);
	return ret;
}

/* Is `seg` (of length n) a date part of an id: digits, or q/w and digits? */
static int date_segment(const char *seg, size_t n)
{
	size_t i = (n > 1 && (*seg == 'q' || *seg == 'w')) ? 1 : 0;

	if (n == 0 || n > 4) {
		return 0;
	}
	for (; i < n; i++) {
		if (seg[i] < '0' || seg[i] > '9') {
			return 0;
		}
	}
	return 1;
}

const char *align_catalog_id_words(const char *id)
{
	const char *p = id;

	for (;;) {
		size_t n = strcspn(p, "-");
		if (!p[n] || !date_segment(p, n)) {
			return p;
		}
		p += n + 1;
	}
}

int align_catalog_match(const char *id, const char *ref)
{
	const char *w;

	if (!*ref) {
		return ALIGN_MATCH_NONE;
	}
	if (!strcmp(id, ref)) {
		return ALIGN_MATCH_EXACT;
	}
	if (align_starts_with(id, ref)) {
		return ALIGN_MATCH_PREFIX;
	}
	for (w = align_catalog_id_words(id); *w; w++) {
		if ((w == id || w[-1] == '-') && align_starts_with(w, ref)) {
			return ALIGN_MATCH_WORDS;
		}
	}
	return ALIGN_MATCH_NONE;
}

/* Matches of one kind: how many, the first, and their ids listed. */
struct matches {
	size_t count;
	const struct align_entry *first;
	struct align_buf list;
};

static void matches_add(struct matches *m, const struct align_entry *e,
			const char *id)
{
	if (!m->count++) {
		m->first = e;
	}
	align_buf_addf(&m->list, "%s%s", m->count > 1 ? ", " : "", id);
}

int align_catalog_find(const struct align_entry **out,
		       const struct align_catalog *c, struct align_repo *repo,
		       const struct align_kind *kind, const char *ref,
		       struct align_buf *err)
{
	const struct align_entry *broken = NULL, *broken_match = NULL;
	struct matches m[ALIGN_MATCH_EXACT + 1];
	struct align_buf name = ALIGN_BUF_INIT;
	int ret = ALIGN_ENOTFOUND;

	*out = NULL;
	if (strchr(ref, '/') || align_record_format_of(ref) >= 0) {
		return find_by_path(out, c, repo, kind, ref, err);
	}
	memset(m, 0, sizeof(m));
	for (int l = 0; l <= ALIGN_MATCH_EXACT; l++) {
		align_buf_init(&m[l].list);
	}
	for (size_t i = 0; i < c->count; i++) {
		const struct align_entry *e = &c->entries[i];
		const char *id;
		int level;

		if (kind && e->kind != kind) {
			continue;
		}
		if (!e->record) {
			/* Its id is unknown: its file name stands in. */
			stem(&name, e->path);
			level = align_catalog_match(name.ptr, ref);
			if (level == ALIGN_MATCH_EXACT) {
				broken = e;
			} else if (level) {
				broken_match = e;
			}
			continue;
		}
		id = align_record_id(e->record);
		if (id && (level = align_catalog_match(id, ref))) {
			matches_add(&m[level], e, id);
		}
	}
	align_buf_clear(err);
	if (m[ALIGN_MATCH_EXACT].count > 1) {
		align_buf_addf(err, "several records have id '%s'; name one by "
				    "its path (see 'align check')",
			       ref);
		ret = ALIGN_EINVALID;
		goto done;
	}
	if (!m[ALIGN_MATCH_EXACT].count && broken) {
		ret = unreadable(c, broken, err);
		goto done;
	}
	/* The closest kind of match decides: exact, then prefix, then words. */
	for (int l = ALIGN_MATCH_EXACT; l > ALIGN_MATCH_NONE; l--) {
		if (m[l].count == 1) {
			*out = m[l].first;
			ret = 0;
			goto done;
		}
		if (m[l].count > 1) {
			align_buf_addf(err, "'%s' is ambiguous: it could be %s",
				       ref, m[l].list.ptr);
			ret = ALIGN_EINVALID;
			goto done;
		}
	}
	if (broken_match) {
		ret = unreadable(c, broken_match, err);
	} else {
		align_buf_addf(err, "no %s '%s'", kind ? kind->name : "record",
			       ref);
	}
done:
	for (int l = 0; l <= ALIGN_MATCH_EXACT; l++) {
		align_buf_release(&m[l].list);
	}
	align_buf_release(&name);
	return ret;
}

struct serial_max {
	long max;
};

static int see_branch_file(const char *ref, const char *name, void *payload)
{
	struct serial_max *m = payload;
	long n = align_kind_serial_of(name);

	(void)ref;
	if (n > m->max && align_record_format_of(name) >= 0) {
		m->max = n;
	}
	return 0;
}

long align_catalog_next_serial(const struct align_catalog *catalog,
			       struct align_repo *repo,
			       const struct align_kind *kind)
{
	const struct align_field *f = align_kind_serial(kind);
	struct align_buf folder = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct serial_max m = { 0 };
	int ret;

	for (size_t i = 0; f && i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		const char *v = e->record && e->kind == kind
					? align_record_get(e->record, kind->name,
							   NULL, f->name)
					: NULL;
		long n = -1;

		if (e->kind != kind) {
			continue;
		}
		if (v && *v && strspn(v, "0123456789") == strlen(v) &&
		    strlen(v) <= 9) {
			n = strtol(v, NULL, 10);
		}
		if (n < 0) {
			n = align_kind_serial_of(e->path);
		}
		if (n > m.max) {
			m.max = n;
		}
	}
	/* Every branch's folder, by file name: ids are file names. */
	align_buf_addf(&folder, "%s%s", align_repo_prefix(repo),
		       align_kind_folder(kind, repo));
	ret = align_git_branch_files(align_repo_git(repo), folder.ptr,
				     see_branch_file, &m, &err);
	if (ret < 0) {
		align_repo__fail(repo, ALIGN_ERROR, err.ptr);
	}
	align_buf_release(&folder);
	align_buf_release(&err);
	return ret < 0 ? ALIGN_ERROR : m.max + 1;
}

int align_catalog_new_record(struct align_record **out,
			     const struct align_catalog *catalog,
			     struct align_repo *repo,
			     const struct align_kind *kind,
			     const struct align_kind_vars *vars, const char *id,
			     struct align_buf *err)
{
	struct align_buf tmpl = ALIGN_BUF_INIT, newid = ALIGN_BUF_INIT;
	struct align_buf path = ALIGN_BUF_INIT, name = ALIGN_BUF_INIT;
	struct align_buf sub = ALIGN_BUF_INIT, value = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *r = NULL;
	struct align_kind_vars numbered;
	char number[24];
	const char *problem;
	int ret;

	*out = NULL;
	align_buf_clear(err);
	if (align_kind_serial(kind) && !vars->number) {
		/* A numbered kind: its id starts with the number. */
		long n = id ? align_kind_serial_of(id)
			    : align_catalog_next_serial(catalog, repo, kind);
		if (!id && n < 0) {
			align_buf_sets(err, align_repo_error(repo));
			ret = ALIGN_ERROR;
			goto done;
		}
		if (n < 0) {
			align_buf_addf(err, "invalid id '%s': a %s's id starts "
					    "with its number, as in 0007-%s",
				       id, kind->name, id);
			ret = ALIGN_EINVALID;
			goto done;
		}
		snprintf(number, sizeof(number), "%04ld", n);
		numbered = *vars;
		numbered.number = number;
		vars = &numbered;
	}
	if ((problem = align_title_problem(vars->title ? vars->title : ""))) {
		align_buf_addf(err, "title %s", problem);
		ret = ALIGN_EINVALID;
		goto done;
	}
	if (id) {
		if (!align_id_valid(id)) {
			align_buf_addf(err, "invalid id '%s': use up to %d "
					    "lowercase letters, digits and "
					    "single dashes",
				       id, ALIGN_ID_MAX);
			ret = ALIGN_EINVALID;
			goto done;
		}
		align_buf_adds(&newid, id);
	} else if ((ret = align_kind_expand(&newid, kind->id_pattern, vars,
					    err)) < 0) {
		goto done;
	} else if (!align_id_valid(newid.ptr)) {
		align_buf_addf(err, "cannot make an id from '%s'; give one with "
				    "--id",
			       newid.ptr);
		ret = ALIGN_EINVALID;
		goto done;
	}
	if (kind->subfolder_pattern &&
	    (ret = align_kind_expand(&sub, kind->subfolder_pattern, vars,
				     err)) < 0) {
		goto done;
	}
	align_buf_addf(&path, "%s/%s%s%s%s", align_kind_folder(kind, repo),
		       sub.ptr, sub.len ? "/" : "", newid.ptr,
		       align_kind_ext(kind));
	{
		const struct align_entry *dup = align_catalog_by_id(catalog,
								    newid.ptr);
		for (size_t i = 0; !dup && i < catalog->count; i++) {
			stem(&name, catalog->entries[i].path);
			if (!strcmp(name.ptr, newid.ptr)) {
				dup = &catalog->entries[i];
			}
		}
		if (dup || align_repo_exists(repo, path.ptr)) {
			align_buf_addf(err, "id '%s' exists already (%s); choose "
					    "another with --id",
				       newid.ptr, dup ? dup->path : path.ptr);
			ret = ALIGN_EEXISTS;
			goto done;
		}
	}
	if ((ret = align_kind_template(kind, repo, &tmpl)) < 0) {
		align_buf_sets(err, align_repo_error(repo));
		goto done;
	}
	ret = align_record_parse(&r, path.ptr, tmpl.ptr, tmpl.len, NULL, &diags);
	if (ret < 0 || strcmp(align_record_kind(r), kind->name)) {
		align_buf_addf(err, "template for %s is invalid: %s", kind->name,
			       ret < 0 ? diags.items[0].message
				       : "its first section is not the kind");
		ret = ALIGN_EINVALID;
		goto done;
	}
	/* An INI record has no title line: its title is a field, if any. */
	if (kind->format == ALIGN_RECORD_INI) {
		ret = align_kind_field(kind, "title")
			      ? align_record_set(r, kind->name, NULL, "title",
						 vars->title, err)
			      : 0;
	} else {
		ret = align_record_set_title(r, vars->title, err);
	}
	if (ret < 0 ||
	    (ret = align_record_set(r, kind->name, NULL, "id", newid.ptr,
				    err)) < 0) {
		goto done;
	}
	if (align_kind_initial_status(kind) &&
	    (ret = align_record_set(r, kind->name, NULL, "status",
				    align_kind_initial_status(kind), err)) < 0) {
		goto done;
	}
	for (const struct align_field *f = kind->fields; f && f->name; f++) {
		if (!f->initial || f->section) {
			continue;
		}
		align_buf_clear(&value);
		if ((ret = align_kind_expand(&value, f->initial, vars, err)) < 0 ||
		    (ret = align_record_set(r, kind->name, NULL, f->name,
					    value.ptr, err)) < 0) {
			goto done;
		}
	}
	if (kind->prepare_new && (ret = kind->prepare_new(r, repo, err)) < 0) {
		goto done;
	}
	*out = r;
	r = NULL;
done:
	align_record_free(r);
	align_buf_release(&tmpl);
	align_buf_release(&newid);
	align_buf_release(&path);
	align_buf_release(&name);
	align_buf_release(&sub);
	align_buf_release(&value);
	align_diags_clear(&diags);
	return ret;
}
