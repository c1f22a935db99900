#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "util/error.h"
#include "util/idmap.h"
#include "util/text.h"
#include "util/banned.h"

void align_history_opts_init(struct align_history_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->since = INT64_MIN;
	opts->until = INT64_MAX;
	opts->narrow_before = INT64_MIN;
}

/* One changed record file in one commit. */
struct delta {
	char *path;
	char old_id[ALIGN_OID_HEXSZ + 1];
	char new_id[ALIGN_OID_HEXSZ + 1];
	struct align_record *old;
	struct align_record *new_;
	char *old_path;
	int merged;  /* consumed by a move */
	int invalid; /* a version exists but does not parse */
	int old_invalid;
	char old_id_kept[ALIGN_OID_HEXSZ + 1]; /* the blob `old` came from */
	int synthetic; /* `old` was edited for a merge: not a real version */
	struct align_record *others[3]; /* a merge's other parents' versions */
	size_t nothers;
};

/*
 * Walking newest first, the old version of a file in one commit is the new
 * version in the next commit that touches it: each path's last old version
 * is kept, so every version is parsed once, not twice.
 */
struct parsed {
	char *path;
	char blob[ALIGN_OID_HEXSZ + 1];
	struct align_record *record;
};

struct commit_state {
	struct align_repo *repo;
	const struct align_history_opts *opts;
	const char *const *folders; /* the commit's: opts' or the narrow ones */
	struct delta *deltas;
	size_t count;
	size_t alloc;
	struct parsed *parsed;
	size_t nparsed;
	size_t parsed_alloc;
	/*
	 * Following one file that appears in this commit: only that file
	 * and files deleted here (where it may have moved from) count.
	 */
	const char *follow;
	/* A version that could not be read because git lacks it: fatal. */
	int corrupt;
	struct align_buf corrupt_msg;
	size_t emitted; /* entries given for the commit being read */
	struct align_idmap parsed_index; /* path -> its slot in `parsed` */
	struct align_ini_memo *memo; /* shared by the versions parsed, or NULL */
};

static void state_init(struct commit_state *st, struct align_repo *repo,
		       const struct align_history_opts *opts)
{
	memset(st, 0, sizeof(*st));
	st->repo = repo;
	st->opts = opts;
	st->folders = opts->folders;
	align_buf_init(&st->corrupt_msg);
}

static struct parsed *parsed_slot(struct commit_state *st, const char *path)
{
	size_t i;

	return align_idmap_get(&st->parsed_index, path, &i) ? &st->parsed[i]
							     : NULL;
}

/* Takes the kept version of `path` when it is blob `blob`. */
static struct align_record *take_parsed(struct commit_state *st,
					const char *path, const char *blob)
{
	struct parsed *p = parsed_slot(st, path);
	struct align_record *r = NULL;

	if (p && p->record && !strcmp(p->blob, blob)) {
		r = p->record;
		p->record = NULL;
	}
	return r;
}

static void keep_parsed(struct commit_state *st, const char *path,
			const char *blob, struct align_record *r)
{
	struct parsed *p = parsed_slot(st, path);

	if (!p) {
		ALIGN_ARRAY_GROW(st->parsed, st->parsed_alloc, st->nparsed + 1);
		p = &st->parsed[st->nparsed];
		p->path = align_strdup(path);
		p->record = NULL;
		align_idmap_add(&st->parsed_index, p->path, st->nparsed++, NULL);
	}
	align_record_free(p->record);
	memcpy(p->blob, blob, sizeof(p->blob));
	p->record = r;
}

static void release_parsed(struct commit_state *st)
{
	for (size_t i = 0; i < st->nparsed; i++) {
		free(st->parsed[i].path);
		align_record_free(st->parsed[i].record);
	}
	free(st->parsed);
	align_idmap_release(&st->parsed_index);
}

static int in_folders(const char *path, const char *const *folders)
{
	if (align_record_format_of(path) < 0) {
		return 0;
	}
	for (size_t i = 0; folders && folders[i]; i++) {
		size_t n = strlen(folders[i]);
		if (!strncmp(path, folders[i], n) && path[n] == '/') {
			return 1;
		}
	}
	return 0;
}

static int collect(const struct align_git_delta *d, void *payload)
{
	struct commit_state *st = payload;
	struct delta *x;

	if (!in_folders(d->path, st->folders)) {
		return 0;
	}
	if (st->follow && *d->new_id && strcmp(d->path, st->follow)) {
		return 0;
	}
	ALIGN_ARRAY_GROW(st->deltas, st->alloc, st->count + 1);
	x = &st->deltas[st->count++];
	memset(x, 0, sizeof(*x));
	x->path = align_strdup(d->path);
	memcpy(x->old_id, d->old_id, sizeof(x->old_id));
	memcpy(x->new_id, d->new_id, sizeof(x->new_id));
	return 0;
}

static void clear_deltas(struct commit_state *st)
{
	for (size_t i = 0; i < st->count; i++) {
		struct delta *d = &st->deltas[i];

		if (d->old && d->synthetic) {
			align_record_free(d->old);
			d->old = NULL;
		}
		if (d->old) {
			/* The next older commit's new version, probably. */
			keep_parsed(st, d->old_path ? d->old_path : d->path,
				    d->old_id_kept, d->old);
			d->old = NULL;
		}
		free(d->path);
		free(d->old_path);
		align_record_free(d->new_);
		for (size_t k = 0; k < d->nothers; k++) {
			align_record_free(d->others[k]);
		}
		d->nothers = 0;
	}
	st->count = 0;
}

/*
 * Reads and parses one version; NULL when it does not parse, with a
 * warning when `warnings` is not NULL (each broken version is reported
 * once: by the commit that made it).
 */
static struct align_record *load(struct commit_state *st, const char *blob,
				 const char *path, const char *commit,
				 struct align_diags *warnings, int *invalid)
{
	struct align_buf data = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *r = NULL;
	struct align_repo *repo = st->repo;
	int ret;

	if (!*blob) {
		return NULL;
	}
	if ((ret = align_git_blob_capped(
		     align_repo_git(repo), blob,
		     align_record_max_size(align_repo_limits(repo)), &data,
		     &err)) == ALIGN_ECORRUPT) {
		/* Not a broken version: git has lost one. Nothing holds. */
		*invalid = 1;
		if (!st->corrupt) {
			st->corrupt = 1;
			align_buf_sets(&st->corrupt_msg, err.ptr);
		}
	} else if (ret < 0) {
		*invalid = 1;
		if (warnings) {
			align_diags_add(warnings, path, 0, ALIGN_SEV_WARNING,
					"skipped the version in commit %.12s: "
					"%s",
					commit, err.ptr);
		}
	} else if (align_record_parse_memo(&r, path, data.ptr, data.len,
					   align_repo_limits(repo), st->memo,
					   &diags) < 0) {
		*invalid = 1;
		if (warnings) {
			align_diags_add(warnings, path, diags.items[0].line,
					ALIGN_SEV_WARNING,
					"skipped the version in commit %.12s: "
					"%s",
					commit, diags.items[0].message);
		}
	}
	align_diags_clear(&diags);
	align_buf_release(&data);
	align_buf_release(&err);
	return r;
}

static const char *id_of(const struct align_record *r)
{
	return r ? align_record_id(r) : NULL;
}

/* A delete and an add of the same id in one commit are one move. */
static void pair_moves(struct commit_state *st)
{
	for (size_t i = 0; i < st->count; i++) {
		struct delta *gone = &st->deltas[i];
		const char *id = id_of(gone->old);

		if (gone->new_ || !id || gone->merged) {
			continue;
		}
		for (size_t j = 0; j < st->count; j++) {
			struct delta *came = &st->deltas[j];
			if (j == i || came->old || came->merged ||
			    !id_of(came->new_) || strcmp(id_of(came->new_), id)) {
				continue;
			}
			came->old = gone->old;
			memcpy(came->old_id_kept, gone->old_id_kept,
			       sizeof(came->old_id_kept));
			gone->old = NULL;
			came->old_path = align_strdup(gone->path);
			gone->merged = 1;
			break;
		}
	}
}

static int wanted(const struct align_history_opts *opts, const struct delta *d)
{
	const char *a = id_of(d->old), *b = id_of(d->new_);

	/* Across a version that does not parse, nothing can be said. */
	if (d->merged || d->invalid || (!d->old && !d->new_)) {
		return 0;
	}
	return !opts->id || (a && !strcmp(a, opts->id)) ||
	       (b && !strcmp(b, opts->id));
}

/* Drops merge deltas whose new blob one of the other parents has. */
static int filter_merge(struct commit_state *st,
			const struct align_git_commit_info *c,
			struct align_buf *err)
{
	struct align_git *git = align_repo_git(st->repo);
	const char *prefix = align_repo_prefix(st->repo);
	size_t np = c->nparents < 4 ? c->nparents : 4;
	size_t keep = 0;

	for (size_t i = 0; i < st->count; i++) {
		struct delta *d = &st->deltas[i];
		int from_parent = 0;

		for (size_t p = 1; p < np && !from_parent; p++) {
			char tree[ALIGN_OID_HEXSZ + 1], blob[ALIGN_OID_HEXSZ + 1];
			int ret = align_git_records_tree(git, c->parents[p],
							 prefix, tree, err);
			if (ret == ALIGN_ENOTFOUND) {
				break;
			}
			if (ret < 0 ||
			    (ret = align_git_tree_blob(git, tree, d->path, blob,
						       err)) < 0) {
				return ret;
			}
			from_parent = !strcmp(blob, d->new_id);
		}
		if (from_parent) {
			free(d->path);
		} else {
			st->deltas[keep++] = *d;
		}
	}
	st->count = keep;
	return 0;
}

/*
 * The version of `d`'s file before it stopped parsing: follows first
 * parents from `c` while the file holds versions that do not parse (at
 * most 1000 commits). NULL when the file did not exist before them.
 */
static struct align_record *last_valid(struct commit_state *st,
				       const struct align_git_commit_info *c,
				       const struct delta *d)
{
	struct align_git *git = align_repo_git(st->repo);
	const char *prefix = align_repo_prefix(st->repo);
	struct align_buf err = ALIGN_BUF_INIT;
	char at[ALIGN_OID_HEXSZ + 1], tree[ALIGN_OID_HEXSZ + 1];
	char blob[ALIGN_OID_HEXSZ + 1];
	struct align_record *r = NULL;

	memcpy(at, c->parents[0], sizeof(at));
	for (int hops = 0; *at && hops < 1000 && !r; hops++) {
		int invalid = 0;

		if (align_git_records_tree(git, at, prefix, tree, &err) < 0 ||
		    align_git_tree_blob(git, tree, d->path, blob, &err) < 0 ||
		    !*blob) {
			break;
		}
		r = load(st, blob, d->path, at, NULL, &invalid);
		if (!r) {
			char parent[ALIGN_OID_HEXSZ + 1];
			if (align_git_first_parent(git, at, parent, &err) < 0) {
				break;
			}
			memcpy(at, parent, sizeof(at));
		}
	}
	align_buf_release(&err);
	return r;
}

/*
 * A merge changes a field only where its value differs from every parent:
 * a value some other parent already had was changed on that branch, and
 * that branch's own commit tells it. Such fields are copied into `old`
 * (the first parent's version), so the diff shows only what the merge
 * itself decided. Prose sections are compared whole as before.
 */
static void merge_blame(struct commit_state *st, struct delta *d,
			const struct align_git_commit_info *c)
{
	struct align_git *git = align_repo_git(st->repo);
	const char *prefix = align_repo_prefix(st->repo);
	size_t np = c->nparents < 4 ? c->nparents : 4;
	struct align_buf err = ALIGN_BUF_INIT;

	for (size_t p = 1; p < np; p++) {
		char tree[ALIGN_OID_HEXSZ + 1], blob[ALIGN_OID_HEXSZ + 1];
		struct align_record *other;
		int invalid = 0;

		if (align_git_records_tree(git, c->parents[p], prefix, tree,
					   &err) < 0 ||
		    align_git_tree_blob(git, tree, d->path, blob, &err) < 0 ||
		    !*blob) {
			continue;
		}
		other = load(st, blob, d->path, c->id, NULL, &invalid);
		if (!other) {
			continue;
		}
		for (size_t f = 0; f < d->new_->ini.nfields; f++) {
			const struct align_ini_field *fld = &d->new_->ini.fields[f];
			const struct align_ini_section *sec =
				&d->new_->ini.sections[fld->section];
			const char *theirs = align_record_get(other, sec->name,
							      sec->sub, fld->key);
			const char *ours = align_record_get(d->old, sec->name,
							    sec->sub, fld->key);

			if (theirs && !strcmp(theirs, fld->value) &&
			    (!ours || strcmp(ours, fld->value)) &&
			    align_record_set(d->old, sec->name, sec->sub,
					     fld->key, fld->value, &err) == 0) {
				d->synthetic = 1;
			}
		}
		if (d->nothers < 3) {
			d->others[d->nothers++] = other;
		} else {
			align_record_free(other);
		}
	}
	align_buf_release(&err);
}

static int emit_commit(struct commit_state *st,
		       const struct align_git_commit_info *c,
		       int (*fn)(const struct align_history_entry *, void *),
		       void *payload, struct align_diags *warnings)
{
	int ret = 0;

	for (size_t i = 0; i < st->count; i++) {
		struct delta *d = &st->deltas[i];
		d->old = load(st, d->old_id, d->path, c->id, NULL,
			      &d->old_invalid);
		memcpy(d->old_id_kept, d->old_id, sizeof(d->old_id_kept));
		d->new_ = take_parsed(st, d->path, d->new_id);
		if (!d->new_) {
			d->new_ = load(st, d->new_id, d->path, c->id,
				       warnings, &d->invalid);
		}
	}
	for (size_t i = 0; i < st->count; i++) {
		struct delta *d = &st->deltas[i];
		if (d->old_invalid && d->new_ && !d->invalid) {
			/* A fix: compare with the last version that parsed. */
			d->old = last_valid(st, c, d);
			d->synthetic = 1; /* not the blob old_id names */
		} else if (d->old_invalid) {
			d->invalid = 1;
		}
	}
	pair_moves(st);
	if (c->nparents > 1) {
		for (size_t i = 0; i < st->count; i++) {
			if (st->deltas[i].old && st->deltas[i].new_) {
				merge_blame(st, &st->deltas[i], c);
			}
		}
	}
	for (size_t i = 0; i < st->count && !ret; i++) {
		struct delta *d = &st->deltas[i];
		struct align_history_entry e;

		if (!wanted(st->opts, d)) {
			continue;
		}
		e.commit = c;
		e.path = d->path;
		e.old_path = d->old_path ? d->old_path : d->path;
		e.old = d->old;
		e.new_ = d->new_;
		e.others = (const struct align_record *const *)d->others;
		e.nothers = d->nothers;
		st->emitted++;
		ret = fn(&e, payload);
	}
	return ret;
}

/*
 * Following one file (opts->path): collects the commit's delta for that
 * file alone. Returns 0 (st->count says whether it changed), 1 when the
 * file appears or disappears in this commit, so the commit must be
 * compared whole to tell a move from a creation or a deletion, or an
 * error.
 */
static int follow_path(struct commit_state *st, const char *path,
		       const char *parent_tree, const char *tree,
		       struct align_buf *err)
{
	char old_blob[ALIGN_OID_HEXSZ + 1], new_blob[ALIGN_OID_HEXSZ + 1];
	struct align_git_delta d;
	int ret;

	ret = align_git_path_changed(align_repo_git(st->repo), parent_tree,
				     tree, path, old_blob, new_blob, err);
	if (ret <= 0) {
		return ret;
	}
	if (!*old_blob || !*new_blob) {
		return 1;
	}
	d.path = path;
	d.old_id = old_blob;
	d.new_id = new_blob;
	return collect(&d, st);
}

/* After a commit compared whole: where the followed file came from. */
static void follow_move(const struct commit_state *st, struct align_buf *path)
{
	for (size_t i = 0; i < st->count; i++) {
		const struct delta *d = &st->deltas[i];

		if (d->old_path && !strcmp(d->path, path->ptr)) {
			align_buf_sets(path, d->old_path);
			return;
		}
	}
}

/* Follows opts->path only when it names a file at the walk's start. */
static int follow_start(struct align_repo *repo, const char *tree,
			const struct align_history_opts *opts,
			struct align_buf *path, struct align_buf *err)
{
	char blob[ALIGN_OID_HEXSZ + 1];
	int ret;

	if (!opts->id || !opts->path || !*opts->path) {
		return 0;
	}
	ret = align_git_tree_blob(align_repo_git(repo), tree, opts->path,
				  blob, err);
	if (ret == 0 && *blob) {
		align_buf_sets(path, opts->path);
	}
	return ret;
}

static void shallow_warning(struct align_diags *warnings)
{
	if (warnings) {
		align_diags_add(warnings, "", 0, ALIGN_SEV_WARNING,
				"history ends early: this is a shallow clone; "
				"fetch all of it with 'git fetch --unshallow' "
				"(in CI: fetch-depth: 0)");
	}
}

/*
 * A commit's header from the cache, as fields: author time and offset,
 * committer time and offset, the number of parents, the parents.
 */
static int header_get(const char *id, struct align_git_commit_header *out,
		      void *payload)
{
	const char *p = align_cache_get(payload, id);
	long long v[5];
	char *f;
	int ok = 1;

	if (!p) {
		return 0;
	}
	for (int i = 0; i < 5 && ok; i++) {
		char *end;

		if (align_cache_field_next(&f, &p) < 0 || !f) {
			return 0;
		}
		v[i] = strtoll(f, &end, 10);
		ok = *f && !*end;
		free(f);
	}
	if (!ok || v[4] < 0 || v[4] > 64) {
		return 0;
	}
	out->nparents = (size_t)v[4];
	out->parents = align_calloc(out->nparents + 1,
				    sizeof(*out->parents));
	for (size_t i = 0; i < out->nparents && ok; i++) {
		ok = align_cache_field_next(&f, &p) == 0 && f &&
		     strlen(f) == ALIGN_OID_HEXSZ;
		if (ok) {
			memcpy(out->parents[i], f, ALIGN_OID_HEXSZ + 1);
		}
		free(f);
	}
	if (!ok || *p) {
		free(out->parents);
		out->parents = NULL;
		return 0;
	}
	out->author_time.seconds = v[0];
	out->author_time.offset = (int)v[1];
	out->commit_time.seconds = v[2];
	out->commit_time.offset = (int)v[3];
	return 1;
}

/* Keeps the header of a commit that gave nothing (up to four parents). */
static void header_put(struct align_cache *cache,
		       const struct align_git_commit_info *c)
{
	struct align_buf line = ALIGN_BUF_INIT;
	char num[32];
	long long v[5] = { c->author_time.seconds, c->author_time.offset,
			   c->commit_time.seconds, c->commit_time.offset,
			   (long long)c->nparents };

	if (!cache || c->nparents > 4) {
		return;
	}
	for (int i = 0; i < 5; i++) {
		snprintf(num, sizeof(num), "%lld", v[i]);
		align_cache_field_add(&line, num);
	}
	for (size_t i = 0; i < c->nparents; i++) {
		align_cache_field_add(&line, c->parents[i]);
	}
	align_cache_put(cache, c->id, line.ptr);
	align_buf_release(&line);
}

int align_history_walk(struct align_repo *repo,
		       const struct align_history_opts *opts,
		       int (*fn)(const struct align_history_entry *entry,
				 void *payload),
		       void *payload, struct align_diags *warnings)
{
	struct align_git *git = align_repo_git(repo);
	const char *prefix = align_repo_prefix(repo);
	struct commit_state st;
	struct align_git_walk *walk = NULL;
	struct align_buf err = ALIGN_BUF_INIT, follow = ALIGN_BUF_INIT;
	const struct align_git_commit_info *c;
	struct align_cache *headers = NULL;
	int ret, shallow = 0, started = 0;

	state_init(&st, repo, opts);
	ret = align_git_walk_new(&walk, git, opts->rev, prefix, &err);
	if (ret == ALIGN_ENOTFOUND && !opts->rev) {
		ret = 0; /* no commits: no history */
		goto done;
	}
	if (ret < 0) {
		goto done;
	}
	if (opts->header_cache && opts->cached &&
	    (headers = align_cache_open(repo, opts->header_cache))) {
		align_git_walk_use_headers(walk, header_get, headers);
	}
	while ((ret = align_git_walk_next(walk, &c, &err)) == 1) {
		char parent_tree[ALIGN_OID_HEXSZ + 1] = "";
		const char *tree;
		size_t nwarnings;

		if (c->commit_time.seconds < opts->since) {
			ret = 0;
			break;
		}
		if (c->author_time.seconds > opts->until ||
		    c->author_time.seconds < opts->since) {
			continue;
		}
		if (opts->cached) {
			int known = opts->cached(c, payload);
			if (known == 2) {
				ret = 0;
				break;
			}
			if (known) {
				continue;
			}
		}
		if ((ret = align_git_walk_records_tree(walk, &tree, &err)) < 0) {
			break;
		}
		if (!started) {
			started = 1;
			if ((ret = follow_start(repo, tree, opts, &follow,
						&err)) < 0) {
				break;
			}
		}
		if (c->nparents > 0) {
			ret = align_git_walk_parent_tree(walk, 0, parent_tree,
							 &err);
			if (ret == ALIGN_ENOTFOUND) {
				/* Beyond a shallow boundary: nothing to compare. */
				shallow = 1;
				continue;
			}
			if (ret < 0) {
				break;
			}
		}
		if (!strcmp(parent_tree, tree)) {
			if (opts->commit_done) {
				opts->commit_done(c, payload);
			}
			header_put(headers, c);
			continue; /* records untouched: the common case */
		}
		ret = follow.len ? follow_path(&st, follow.ptr, parent_tree,
					       tree, &err)
				 : 1;
		if (ret == 1) {
			st.follow = follow.len ? follow.ptr : NULL;
			st.folders = opts->folders;
			if (opts->narrow_folders &&
			    c->commit_time.seconds < opts->narrow_before &&
			    c->author_time.seconds < opts->narrow_before) {
				st.folders = opts->narrow_folders;
			}
			ret = align_git_tree_changes_within(
				git, parent_tree, tree, st.folders, collect,
				&st, &err);
			st.follow = NULL;
		}
		if (!ret && c->nparents > 1) {
			ret = filter_merge(&st, c, &err);
		}
		st.emitted = 0;
		nwarnings = warnings ? warnings->count : 0;
		if (!ret) {
			ret = emit_commit(&st, c, fn, payload, warnings);
		}
		if (st.corrupt && ret >= 0) {
			ret = ALIGN_ECORRUPT;
			align_buf_sets(&err, st.corrupt_msg.ptr);
		}
		if (!ret && opts->commit_done) {
			opts->commit_done(c, payload);
		}
		if (!ret && !st.emitted &&
		    (!warnings || warnings->count == nwarnings)) {
			header_put(headers, c);
		}
		if (follow.len) {
			follow_move(&st, &follow);
		}
		clear_deltas(&st);
		if (ret) {
			break;
		}
	}
	if (ret == 0 && (shallow || align_git_walk_truncated(walk))) {
		shallow_warning(warnings);
	}
done:
	if (ret < 0) {
		align_repo__fail(repo, ret, err.ptr);
	}
	clear_deltas(&st);
	free(st.deltas);
	release_parsed(&st);
	align_buf_release(&st.corrupt_msg);
	align_git_walk_free(walk);
	align_cache_close(headers);
	align_buf_release(&follow);
	align_buf_release(&err);
	return ret;
}

/* The consumers of one walk, and which still want entries. */
struct fanout {
	const struct align_history_consumer *consumers;
	unsigned char *done;
	unsigned char *known; /* for the commit being read: cached already */
	size_t n;
	size_t active;
	struct align_diags *warnings;
	size_t nwarnings; /* before the commit being read */
};

static int fan_out(const struct align_history_entry *entry, void *payload)
{
	struct fanout *f = payload;

	for (size_t i = 0; i < f->n; i++) {
		int ret;

		if (f->done[i] || f->known[i]) {
			continue;
		}
		ret = f->consumers[i].fn(entry, f->consumers[i].payload);
		if (ret < 0) {
			return ret;
		}
		if (ret > 0) {
			f->done[i] = 1;
			f->active--;
		}
	}
	return f->active ? 0 : 1;
}

/* Asks each consumer that caches whether it knows the commit. */
static int fan_cached(const struct align_git_commit_info *c, void *payload)
{
	struct fanout *f = payload;
	size_t unknown = 0;

	f->nwarnings = f->warnings ? f->warnings->count : 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct align_history_consumer *k = &f->consumers[i];
		int known = 0;

		f->known[i] = 0;
		if (f->done[i]) {
			continue;
		}
		if (k->cached) {
			known = k->cached(c, k->payload);
		}
		if (known == 2) {
			f->done[i] = 1;
			f->active--;
		} else if (known) {
			f->known[i] = 1;
		} else {
			unknown++;
		}
	}
	return !f->active ? 2 : unknown ? 0 : 1;
}

static void fan_done(const struct align_git_commit_info *c, void *payload)
{
	struct fanout *f = payload;

	if (f->warnings && f->warnings->count != f->nwarnings) {
		return; /* not kept: the warnings must come again */
	}
	for (size_t i = 0; i < f->n; i++) {
		const struct align_history_consumer *k = &f->consumers[i];

		if (!f->done[i] && !f->known[i] && k->commit_done) {
			k->commit_done(c, k->payload);
		}
	}
}

int align_history_walk_many(struct align_repo *repo,
			    const struct align_history_opts *opts,
			    const struct align_history_consumer *consumers,
			    size_t n, struct align_diags *warnings)
{
	struct fanout f = { consumers, NULL, NULL, n, n, warnings, 0 };
	struct align_history_opts o = *opts;
	int ret;

	if (opts->cached || opts->commit_done) {
		align_repo__fail(repo, ALIGN_EINVALID,
				 "a walk with several consumers cannot use "
				 "a per-commit cache");
		return ALIGN_EINVALID;
	}
	if (!n) {
		return 0;
	}
	f.done = align_calloc(n, 1);
	f.known = align_calloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		if (consumers[i].cached || consumers[i].commit_done) {
			o.cached = fan_cached;
			o.commit_done = fan_done;
		}
	}
	ret = align_history_walk(repo, &o, fan_out, &f, warnings);
	free(f.done);
	free(f.known);
	return ret > 0 ? 0 : ret;
}

/* align_history_snapshot() through align_history__snapshot_own(). */
struct snapshot_entries {
	int (*fn)(const struct align_history_entry *entry, void *payload);
	void *payload;
	struct align_git_commit_info info;
};

static int snapshot_entry(const char *path, const char *blob,
			  struct align_record *record, void *payload)
{
	struct snapshot_entries *se = payload;
	struct align_history_entry e;
	int ret;

	(void)blob;
	e.commit = &se->info;
	e.path = e.old_path = path;
	e.old = NULL;
	e.new_ = record;
	e.others = NULL;
	e.nothers = 0;
	ret = se->fn(&e, se->payload);
	align_record_free(record);
	return ret;
}

int align_history_snapshot(struct align_repo *repo, const char *rev,
			   const char *const *folders,
			   int (*fn)(const struct align_history_entry *entry,
				     void *payload),
			   void *payload, struct align_diags *warnings)
{
	struct snapshot_entries se;

	memset(&se, 0, sizeof(se));
	se.fn = fn;
	se.payload = payload;
	return align_history__snapshot_own(repo, rev, folders, NULL,
					   snapshot_entry, &se, &se.info,
					   warnings);
}

int align_history__snapshot_own(
	struct align_repo *repo, const char *rev, const char *const *folders,
	int (*known)(const char *path, const char *blob, void *payload),
	int (*fn)(const char *path, const char *blob,
		  struct align_record *record, void *payload),
	void *payload, struct align_git_commit_info *info,
	struct align_diags *warnings)
{
	struct align_history_opts opts;
	struct commit_state st;
	struct align_git *git = align_repo_git(repo);
	struct align_buf err = ALIGN_BUF_INIT;
	struct align_git_commit_info scratch;
	char tree[ALIGN_OID_HEXSZ + 1];
	int ret;

	if (!info) {
		info = &scratch;
	}
	align_history_opts_init(&opts);
	opts.folders = folders;
	state_init(&st, repo, &opts);
	memset(info, 0, sizeof(*info));
	if ((ret = align_git_resolve(git, rev, info->id, &err)) < 0 ||
	    (ret = align_git_records_tree(git, info->id,
					  align_repo_prefix(repo), tree,
					  &err)) < 0 ||
	    (ret = align_git_tree_files(git, tree, collect, &st, &err)) <
		    0) {
		align_repo__fail(repo, ret, err.ptr);
		goto done;
	}
	memcpy(info->records_tree, tree, sizeof(tree));
	/* Every record of a tree: most of their lines are alike. */
	st.memo = align_ini_memo_new();
	for (size_t i = 0; i < st.count && !ret; i++) {
		struct delta *d = &st.deltas[i];
		struct align_record *r;

		if (known && known(d->path, d->new_id, payload)) {
			ret = fn(d->path, d->new_id, NULL, payload);
			continue;
		}
		r = load(&st, d->new_id, d->path, info->id, warnings,
			 &d->invalid);
		if (st.corrupt) {
			align_record_free(r);
			ret = align_repo__fail(repo, ALIGN_ECORRUPT,
					       st.corrupt_msg.ptr);
			break;
		}
		if (r) {
			ret = fn(d->path, d->new_id, r, payload);
		}
	}
done:
	align_ini_memo_free(st.memo);
	clear_deltas(&st);
	release_parsed(&st);
	align_buf_release(&st.corrupt_msg);
	free(st.deltas);
	align_buf_release(&err);
	return ret;
}

/* Reads both versions of a changed file; says which side does not parse. */
static void load_pair(struct commit_state *st, struct delta *d,
		      const char *from, const char *to,
		      struct align_diags *warnings)
{
	d->old = load(st, d->old_id, d->path, from, NULL,
		      &d->old_invalid);
	d->new_ = load(st, d->new_id, d->path, to, NULL, &d->invalid);
	if (d->old_invalid) {
		align_diags_add(warnings, d->path, 0, ALIGN_SEV_WARNING,
				"does not parse on the old side");
	}
	if (d->invalid) {
		align_diags_add(warnings, d->path, 0, ALIGN_SEV_WARNING,
				"does not parse on the new side");
	}
}

int align_history_compare(struct align_repo *repo, const char *from,
			  const char *to, const char *const *folders,
			  int (*fn)(const struct align_history_entry *entry,
				    void *payload),
			  void *payload, struct align_diags *warnings)
{
	struct align_history_opts opts;
	struct commit_state st;
	struct align_git *git = align_repo_git(repo);
	const char *prefix = align_repo_prefix(repo);
	struct align_buf err = ALIGN_BUF_INIT;
	struct align_git_commit_info info;
	struct align_idmap gone = ALIGN_IDMAP_INIT;
	char old_tree[ALIGN_OID_HEXSZ + 1] = "";
	unsigned char *paired = NULL;
	int ret = 0;

	align_history_opts_init(&opts);
	opts.folders = folders;
	state_init(&st, repo, &opts);
	memset(&info, 0, sizeof(info));
	memcpy(info.id, to, sizeof(info.id));
	if ((*from && (ret = align_git_records_tree(git, from, prefix, old_tree,
						    &err)) < 0) ||
	    (ret = align_git_records_tree(git, to, prefix, info.records_tree,
					  &err)) < 0 ||
	    (ret = align_git_tree_changes(git, old_tree, info.records_tree,
					  collect, &st, &err)) < 0) {
		align_repo__fail(repo, ret, err.ptr);
		goto done;
	}
	/* Only files whose blobs differ are read: the rest did not change. */
	paired = align_calloc(st.count + 1, 1);
	for (size_t i = 0; i < st.count; i++) {
		struct delta *d = &st.deltas[i];

		load_pair(&st, d, *from ? from : to, to, warnings);
		if (st.corrupt) {
			ret = align_repo__fail(repo, ALIGN_ECORRUPT,
					       st.corrupt_msg.ptr);
			goto done;
		}
		if (d->old && id_of(d->old)) {
			align_idmap_add(&gone, id_of(d->old), i, NULL);
		}
	}
	/* Each version on the new side, paired by id with the old one. */
	for (size_t i = 0; i < st.count && !ret; i++) {
		struct delta *d = &st.deltas[i];
		struct align_history_entry e;
		size_t k;

		if (!d->new_) {
			continue;
		}
		memset(&e, 0, sizeof(e));
		e.commit = &info;
		e.path = e.old_path = d->path;
		e.new_ = d->new_;
		if (id_of(d->new_) && align_idmap_get(&gone, id_of(d->new_), &k)) {
			e.old = st.deltas[k].old;
			e.old_path = st.deltas[k].path;
			paired[k] = 1;
		}
		ret = fn(&e, payload);
	}
	/* Then what is gone: not a file that stopped parsing. */
	for (size_t i = 0; i < st.count && !ret; i++) {
		struct delta *d = &st.deltas[i];
		struct align_history_entry e;

		if (!d->old || paired[i] || d->invalid) {
			continue;
		}
		memset(&e, 0, sizeof(e));
		e.commit = &info;
		e.path = e.old_path = d->path;
		e.old = d->old;
		ret = fn(&e, payload);
	}
done:
	for (size_t i = 0; i < st.count; i++) {
		align_record_free(st.deltas[i].old);
		st.deltas[i].old = NULL;
	}
	clear_deltas(&st);
	release_parsed(&st);
	align_buf_release(&st.corrupt_msg);
	free(st.deltas);
	free(paired);
	align_idmap_release(&gone);
	align_buf_release(&err);
	return ret;
}

/*
 * HEAD's first-parent line is kept in the advisory cache file
 * <gitdir>/align/first-parent, newest first, one "<commit> <committer
 * time>" line each: a commit's parent and time never change, so a line
 * read once holds for good, and a later run reads only the commits made
 * since its first line. A file that does not parse whole is ignored.
 */
#define LINE_FILE "first-parent"
#define LINE_HEADER "align-first-parent 1\n"
#define LINE_ENTRY (ALIGN_OID_HEXSZ + 1 + 20 + 1) /* fixed width */

struct line_cache {
	struct align_buf data; /* the file */
	const char *entries;   /* the first entry, in data */
	size_t count;
};

/* Reads the cached line; an empty one when absent or damaged. */
static int line_load(struct line_cache *lc, struct align_repo *repo)
{
	size_t hl = strlen(LINE_HEADER);

	align_buf_init(&lc->data);
	lc->entries = NULL;
	lc->count = 0;
	if (align_cache_file_read(repo, LINE_FILE, &lc->data) < 0) {
		return -1;
	}
	if (lc->data.len < hl || memcmp(lc->data.ptr, LINE_HEADER, hl) ||
	    (lc->data.len - hl) % LINE_ENTRY) {
		return -1;
	}
	lc->entries = lc->data.ptr + hl;
	lc->count = (lc->data.len - hl) / LINE_ENTRY;
	for (size_t i = 0; i < lc->count; i++) {
		const char *e = lc->entries + i * LINE_ENTRY;

		if (!align_oid_hex_valid(e) || e[ALIGN_OID_HEXSZ] != ' ' ||
		    e[LINE_ENTRY - 1] != '\n') {
			lc->count = 0;
			return -1;
		}
	}
	return 0;
}

/* Entry `i`: its commit id (not NUL-terminated) and time. */
static int64_t line_time(const struct line_cache *lc, size_t i)
{
	return (int64_t)strtoll(lc->entries + i * LINE_ENTRY +
					ALIGN_OID_HEXSZ + 1,
				NULL, 10);
}

static void line_entry(struct align_buf *out, const char *id, int64_t time)
{
	align_buf_addf(out, "%s %20lld\n", id, (long long)time);
}

int align_history_commits_by(struct align_repo *repo, const int64_t *when,
			     size_t n, char (*out)[ALIGN_OID_HEXSZ + 1],
			     struct align_diags *warnings)
{
	struct align_git *git = align_repo_git(repo);
	struct align_buf err = ALIGN_BUF_INIT, walked = ALIGN_BUF_INIT;
	struct align_git_line *line = NULL;
	struct line_cache lc;
	char head[ALIGN_OID_HEXSZ + 1], id[ALIGN_OID_HEXSZ + 1];
	int64_t time;
	int ret, missing = 0, caching, reached = 0;
	size_t left = n;

	for (size_t i = 0; i < n; i++) {
		out[i][0] = '\0';
	}
	/*
	 * A shallow clone's line may grow at its far end: it is not kept.
	 * Without a usable file the whole line is read once, and kept.
	 */
	caching = !align_git_is_shallow(git) && align_cache_enabled();
	line_load(&lc, repo);
	if ((ret = align_git_head(git, head, &err)) < 0 || !*head ||
	    (ret = align_git_line_new(&line, git, head, &err)) < 0) {
		goto done;
	}
	align_buf_adds(&walked, LINE_HEADER);
	/* The commits since the cached line's first, or all of them. */
	while ((caching || left) &&
	       (ret = align_git_line_next(line, id, &time, &err)) == 1) {
		if (lc.count && !memcmp(id, lc.entries, ALIGN_OID_HEXSZ)) {
			reached = 1;
			break;
		}
		line_entry(&walked, id, time);
		for (size_t i = 0; i < n; i++) {
			if (!out[i][0] && time <= when[i]) {
				memcpy(out[i], id, sizeof(out[i]));
				left--;
			}
		}
	}
	if (ret < 0) {
		goto done;
	}
	ret = 0;
	for (size_t k = 0; reached && left && k < lc.count; k++) {
		time = line_time(&lc, k);
		for (size_t i = 0; i < n; i++) {
			if (!out[i][0] && time <= when[i]) {
				memcpy(out[i], lc.entries + k * LINE_ENTRY,
				       ALIGN_OID_HEXSZ);
				out[i][ALIGN_OID_HEXSZ] = '\0';
				left--;
			}
		}
	}
	if (caching && walked.len > strlen(LINE_HEADER)) {
		if (reached) {
			align_buf_add(&walked, lc.entries,
				      lc.count * LINE_ENTRY);
		}
		align_cache_file_write(repo, LINE_FILE, walked.ptr, walked.len);
	}
done:
	for (size_t i = 0; i < n; i++) {
		missing |= !out[i][0];
	}
	if (ret < 0) {
		align_repo__fail(repo, ret, err.ptr);
	} else if (missing && *head && align_git_is_shallow(git)) {
		/* The answer may lie beyond the boundary. */
		shallow_warning(warnings);
	}
	align_git_line_free(line);
	align_buf_release(&lc.data);
	align_buf_release(&walked);
	align_buf_release(&err);
	return ret;
}

int align_history_commit_by(struct align_repo *repo, int64_t when,
			    char out[ALIGN_OID_HEXSZ + 1],
			    struct align_diags *warnings)
{
	return align_history_commits_by(repo, &when, 1,
					(char(*)[ALIGN_OID_HEXSZ + 1])out,
					warnings);
}

int align_history_commit_at(struct align_repo *repo, int64_t when,
			    char out[ALIGN_OID_HEXSZ + 1])
{
	return align_history_commit_by(repo, when, out, NULL);
}

/* 1 when the commit the walk is at changed `path` from every parent. */
static int changed_from_parents(struct align_git *git,
				struct align_git_walk *walk,
				const struct align_git_commit_info *c,
				const char *path, struct align_buf *err)
{
	char parent[ALIGN_OID_HEXSZ + 1], old_blob[ALIGN_OID_HEXSZ + 1],
		new_blob[ALIGN_OID_HEXSZ + 1];
	const char *tree;
	int ret;

	if ((ret = align_git_walk_records_tree(walk, &tree, err)) < 0) {
		return ret;
	}
	if (!c->nparents) {
		return align_git_path_changed(git, "", tree, path, old_blob,
					      new_blob, err);
	}
	for (unsigned int i = 0; i < c->nparents; i++) {
		if ((ret = align_git_walk_parent_tree(walk, i, parent, err)) <
			    0 ||
		    (ret = align_git_path_changed(git, parent, tree, path,
						  old_blob, new_blob, err)) <=
			    0) {
			return ret;
		}
	}
	return 1;
}

int align_history_last_author(struct align_repo *repo, const char *rev,
			      const char *path, struct align_buf *name,
			      struct align_buf *email)
{
	struct align_git *git = align_repo_git(repo);
	struct align_git_walk *walk = NULL;
	const struct align_git_commit_info *c;
	struct align_buf err = ALIGN_BUF_INIT;
	int ret;

	ret = align_git_walk_new(&walk, git, rev, align_repo_prefix(repo),
				 &err);
	while (ret >= 0 && (ret = align_git_walk_next(walk, &c, &err)) > 0) {
		ret = changed_from_parents(git, walk, c, path, &err);
		if (ret > 0) {
			align_buf_sets(name, c->author_name);
			align_buf_sets(email, c->author_email);
			break;
		}
	}
	if (ret == 0) {
		ret = ALIGN_ENOTFOUND;
	} else if (ret > 0) {
		ret = 0;
	} else if (ret != ALIGN_ENOTFOUND) {
		align_repo__fail(repo, ret, err.ptr);
	}
	align_git_walk_free(walk);
	align_buf_release(&err);
	return ret;
}
