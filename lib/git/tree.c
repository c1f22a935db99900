/*
 * Records trees, changes between two trees, and blobs.
 */

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/banned.h"

int align_git__tree(git_tree **out, struct align_git *git, const git_oid *id,
		    struct align_buf *err)
{
	git_tree **slot;
	int code;

	for (size_t i = 0; i < ALIGN_GIT_TREE_CACHE; i++) {
		if (git->trees[i] && git_oid_equal(git_tree_id(git->trees[i]), id)) {
			return git_object_dup((git_object **)out,
					      (git_object *)git->trees[i]) < 0
				       ? align_git__fail(err, -1,
							 "cannot read tree")
				       : 0;
		}
	}
	if ((code = git_tree_lookup(out, git->repo, id)) < 0) {
		*out = NULL;
		return align_git__fail(err, code, "cannot read tree");
	}
	slot = &git->trees[git->next_tree];
	git->next_tree = (git->next_tree + 1) % ALIGN_GIT_TREE_CACHE;
	git_tree_free(*slot);
	if (git_object_dup((git_object **)slot, (git_object *)*out) < 0) {
		*slot = NULL;
	}
	return 0;
}

void align_git__trees_clear(struct align_git *git)
{
	for (size_t i = 0; i < ALIGN_GIT_TREE_CACHE; i++) {
		git_tree_free(git->trees[i]);
		git->trees[i] = NULL;
	}
}

/* The tree id at `prefix` inside `tree` ("" when absent). */
static void subtree_id(char out[ALIGN_OID_HEXSZ + 1], git_tree *tree,
		       const char *prefix)
{
	git_tree_entry *entry = NULL;
	struct align_buf path = ALIGN_BUF_INIT;

	out[0] = '\0';
	if (!*prefix) {
		git_oid_tostr(out, ALIGN_OID_HEXSZ + 1, git_tree_id(tree));
		return;
	}
	align_buf_adds(&path, prefix);
	while (path.len && path.ptr[path.len - 1] == '/') {
		align_buf_setlen(&path, path.len - 1);
	}
	if (git_tree_entry_bypath(&entry, tree, path.ptr) == 0) {
		if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
				      git_tree_entry_id(entry));
		}
		git_tree_entry_free(entry);
	}
	align_buf_release(&path);
}

int align_git_records_tree(struct align_git *git, const char *commit_id,
			   const char *prefix, char out[ALIGN_OID_HEXSZ + 1],
			   struct align_buf *err)
{
	git_commit *commit = NULL;
	git_oid id;
	int code;

	out[0] = '\0';
	if ((code = git_oid_fromstr(&id, commit_id)) < 0 ||
	    (code = git_commit_lookup(&commit, git->repo, &id)) < 0) {
		if (code == GIT_ENOTFOUND) {
			/* A parent beyond a shallow boundary: unknown. */
			align_buf_clear(err);
			align_buf_addf(err, "commit %.12s is not in this clone",
				       commit_id);
			return ALIGN_ENOTFOUND;
		}
		return align_git__fail(err, code, "cannot read commit");
	}
	code = align_git__commit_records_tree(git, commit, prefix, out, err);
	git_commit_free(commit);
	return code;
}

int align_git__commit_records_tree(struct align_git *git,
				   const git_commit *commit, const char *prefix,
				   char out[ALIGN_OID_HEXSZ + 1],
				   struct align_buf *err)
{
	git_tree *tree = NULL;
	int ret;

	out[0] = '\0';
	if (!*prefix) {
		/* The root: no tree to read. */
		git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
			      git_commit_tree_id(commit));
		return 0;
	}
	if ((ret = align_git__tree(&tree, git, git_commit_tree_id(commit),
				   err)) < 0) {
		return ret;
	}
	subtree_id(out, tree, prefix);
	git_tree_free(tree);
	return 0;
}

int align_git__lookup_tree(git_tree **out, struct align_git *git,
			   const char *id, struct align_buf *err)
{
	git_oid oid;
	int code;

	*out = NULL;
	if (!id || !*id) {
		return 0;
	}
	if ((code = git_oid_fromstr(&oid, id)) < 0) {
		return align_git__fail(err, code, "cannot read tree");
	}
	return align_git__tree(out, git, &oid, err);
}

struct tree_walk {
	struct align_git *git;
	int (*fn)(const struct align_git_delta *, void *);
	void *payload;
	struct align_buf *err;
	struct align_buf path;
	const char *const *within; /* folders to descend to, or NULL: all */
};

/*
 * Whether the subtree at `path` (`len` bytes, ending in '/') is one of
 * tw->within, inside one, or on the way to one.
 */
static int descend(const struct tree_walk *tw, const char *path, size_t len)
{
	if (!tw->within) {
		return 1;
	}
	for (size_t i = 0; tw->within[i]; i++) {
		const char *f = tw->within[i];
		size_t n = strlen(f);

		if (len - 1 <= n && !strncmp(f, path, len - 1) &&
		    (f[len - 1] == '/' || f[len - 1] == '\0')) {
			return 1; /* the folder or on the way to it */
		}
		if (len - 1 > n && !strncmp(path, f, n) && path[n] == '/') {
			return 1; /* inside it */
		}
	}
	return 0;
}

static int emit(struct tree_walk *tw, const char *name, const git_oid *old,
		const git_oid *new_)
{
	char o[ALIGN_OID_HEXSZ + 1] = "", n[ALIGN_OID_HEXSZ + 1] = "";
	struct align_git_delta d;
	size_t len = tw->path.len;
	int ret;

	if (old) {
		git_oid_tostr(o, sizeof(o), old);
	}
	if (new_) {
		git_oid_tostr(n, sizeof(n), new_);
	}
	align_buf_adds(&tw->path, name);
	d.path = tw->path.ptr;
	d.old_id = o;
	d.new_id = n;
	ret = tw->fn(&d, tw->payload);
	align_buf_setlen(&tw->path, len);
	return ret;
}

static int diff_trees(struct tree_walk *tw, git_tree *a, git_tree *b);

/* Descends into the subtree pair named `name`; either may be missing. */
static int diff_entry_trees(struct tree_walk *tw, const char *name,
			    const git_tree_entry *ea, const git_tree_entry *eb)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t len = tw->path.len;
	int ret = 0;

	align_buf_adds(&tw->path, name);
	align_buf_addch(&tw->path, '/');
	if (!descend(tw, tw->path.ptr, tw->path.len)) {
		align_buf_setlen(&tw->path, len);
		return 0;
	}
	align_buf_setlen(&tw->path, len);
	/*
	 * Through the wrapper's small cache: walking newest first, this
	 * commit's subtrees are the next commit's parent's.
	 */
	if (ea && (ret = align_git__tree(&ta, tw->git, git_tree_entry_id(ea),
					 tw->err)) < 0) {
		return ret;
	}
	if (eb && (ret = align_git__tree(&tb, tw->git, git_tree_entry_id(eb),
					 tw->err)) < 0) {
		git_tree_free(ta);
		return ret;
	}
	align_buf_adds(&tw->path, name);
	align_buf_addch(&tw->path, '/');
	ret = diff_trees(tw, ta, tb);
	align_buf_setlen(&tw->path, len);
	git_tree_free(ta);
	git_tree_free(tb);
	return ret;
}

static int is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static int is_blob(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

/* Merge-walks two sorted trees; equal ids are skipped without descent. */
static int diff_trees(struct tree_walk *tw, git_tree *a, git_tree *b)
{
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	int ret = 0;

	while (!ret && (i < na || j < nb)) {
		const git_tree_entry *ea =
		    i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb =
		    j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c;
		const char *name;

		if (ea && eb) {
			c = strcmp(git_tree_entry_name(ea),
				   git_tree_entry_name(eb));
		} else {
			c = ea ? -1 : 1;
		}
		if (c < 0) {
			eb = NULL;
			i++;
		} else if (c > 0) {
			ea = NULL;
			j++;
		} else {
			i++;
			j++;
			if (!git_oid_cmp(git_tree_entry_id(ea),
					 git_tree_entry_id(eb))) {
				continue;
			}
		}
		name = git_tree_entry_name(ea ? ea : eb);
		if (is_tree(ea) || is_tree(eb)) {
			ret =
			    diff_entry_trees(tw, name, is_tree(ea) ? ea : NULL,
					     is_tree(eb) ? eb : NULL);
		}
		if (!ret && (is_blob(ea) || is_blob(eb))) {
			ret = emit(tw, name,
				   is_blob(ea) ? git_tree_entry_id(ea) : NULL,
				   is_blob(eb) ? git_tree_entry_id(eb) : NULL);
		}
	}
	return ret;
}

int align_git_tree_changes_within(struct align_git *git, const char *old_tree,
				  const char *new_tree,
				  const char *const *within,
				  int (*fn)(const struct align_git_delta *delta,
					    void *payload),
				  void *payload, struct align_buf *err)
{
	struct tree_walk tw = {git, fn, payload, err, ALIGN_BUF_INIT, within};
	git_tree *a = NULL, *b = NULL;
	int ret;

	if (!strcmp(old_tree, new_tree)) {
		return 0;
	}
	if ((ret = align_git__lookup_tree(&a, git, old_tree, err)) < 0 ||
	    (ret = align_git__lookup_tree(&b, git, new_tree, err)) < 0) {
		git_tree_free(a);
		return ret;
	}
	ret = diff_trees(&tw, a, b);
	git_tree_free(a);
	git_tree_free(b);
	align_buf_release(&tw.path);
	return ret;
}

int align_git_tree_changes(struct align_git *git, const char *old_tree,
			   const char *new_tree,
			   int (*fn)(const struct align_git_delta *delta,
				     void *payload),
			   void *payload, struct align_buf *err)
{
	return align_git_tree_changes_within(git, old_tree, new_tree, NULL, fn,
					     payload, err);
}

int align_git_tree_files(struct align_git *git, const char *tree,
			 int (*fn)(const struct align_git_delta *delta,
				   void *payload),
			 void *payload, struct align_buf *err)
{
	return align_git_tree_changes(git, "", tree, fn, payload, err);
}

int align_git_tree_blob(struct align_git *git, const char *tree_id,
			const char *path, char out[ALIGN_OID_HEXSZ + 1],
			struct align_buf *err)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int ret;

	out[0] = '\0';
	if ((ret = align_git__lookup_tree(&tree, git, tree_id, err)) < 0 ||
	    !tree) {
		return ret;
	}
	if (git_tree_entry_bypath(&entry, tree, path) == 0) {
		if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
			git_oid_tostr(out, ALIGN_OID_HEXSZ + 1,
				      git_tree_entry_id(entry));
		}
		git_tree_entry_free(entry);
	}
	git_tree_free(tree);
	return 0;
}

/* The entry `name` of `tree` (NULL when `tree` is NULL or lacks it). */
static const git_tree_entry *entry_named(git_tree *tree, const char *name,
					 size_t len, struct align_buf *scratch)
{
	if (!tree) {
		return NULL;
	}
	align_buf_clear(scratch);
	align_buf_add(scratch, name, len);
	return git_tree_entry_byname(tree, scratch->ptr);
}

int align_git_path_changed(struct align_git *git, const char *old_tree,
			   const char *new_tree, const char *path,
			   char old_blob[ALIGN_OID_HEXSZ + 1],
			   char new_blob[ALIGN_OID_HEXSZ + 1],
			   struct align_buf *err)
{
	struct align_buf name = ALIGN_BUF_INIT;
	git_tree *a = NULL, *b = NULL;
	const char *p = path;
	int ret = 0;

	old_blob[0] = new_blob[0] = '\0';
	if (!strcmp(old_tree, new_tree)) {
		return 0;
	}
	if ((ret = align_git__lookup_tree(&a, git, old_tree, err)) < 0 ||
	    (ret = align_git__lookup_tree(&b, git, new_tree, err)) < 0) {
		goto done;
	}
	for (;;) {
		size_t len = strcspn(p, "/");
		const git_tree_entry *ea = entry_named(a, p, len, &name);
		const git_tree_entry *eb = entry_named(b, p, len, &name);
		git_tree *na = NULL, *nb = NULL;

		if ((!ea && !eb) ||
		    (ea && eb && !git_oid_cmp(git_tree_entry_id(ea),
					      git_tree_entry_id(eb)) &&
		     git_tree_entry_filemode(ea) ==
			     git_tree_entry_filemode(eb))) {
			ret = 0;
			break;
		}
		if (!p[len]) {
			if (ea && git_tree_entry_type(ea) == GIT_OBJECT_BLOB) {
				git_oid_tostr(old_blob, ALIGN_OID_HEXSZ + 1,
					      git_tree_entry_id(ea));
			}
			if (eb && git_tree_entry_type(eb) == GIT_OBJECT_BLOB) {
				git_oid_tostr(new_blob, ALIGN_OID_HEXSZ + 1,
					      git_tree_entry_id(eb));
			}
			ret = strcmp(old_blob, new_blob) != 0;
			break;
		}
		if (ea && git_tree_entry_type(ea) == GIT_OBJECT_TREE &&
		    (ret = align_git__tree(&na, git, git_tree_entry_id(ea),
					   err)) < 0) {
			break;
		}
		if (eb && git_tree_entry_type(eb) == GIT_OBJECT_TREE &&
		    (ret = align_git__tree(&nb, git, git_tree_entry_id(eb),
					   err)) < 0) {
			git_tree_free(na);
			break;
		}
		git_tree_free(a);
		git_tree_free(b);
		a = na;
		b = nb;
		p += len + 1;
	}
done:
	git_tree_free(a);
	git_tree_free(b);
	align_buf_release(&name);
	return ret;
}

int align_git_blob(struct align_git *git, const char *id, struct align_buf *out,
		   struct align_buf *err)
{
	git_blob *blob = NULL;
	git_oid oid;
	int code;

	if ((code = git_oid_fromstr(&oid, id)) < 0 ||
	    (code = git_blob_lookup(&blob, git->repo, &oid)) < 0) {
		return align_git__fail(err, code, "cannot read blob");
	}
	align_buf_add(out, git_blob_rawcontent(blob),
		      (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

int align_git_blob_capped(struct align_git *git, const char *id, size_t max,
			  struct align_buf *out, struct align_buf *err)
{
	git_odb *odb = NULL;
	git_object_t type;
	git_oid oid;
	size_t size = 0;
	int code;

	if ((code = git_oid_fromstr(&oid, id)) < 0 ||
	    (code = git_repository_odb(&odb, git->repo)) < 0) {
		return align_git__fail(err, code, "cannot read blob");
	}
	code = git_odb_read_header(&size, &type, odb, &oid);
	git_odb_free(odb);
	if (code < 0) {
		return align_git__fail(err, code, "cannot read blob");
	}
	if (size > max) {
		align_buf_clear(err);
		align_buf_addf(err, "larger than %zu bytes "
			       "(core.max-record-size): not read", max);
		return ALIGN_ETOOBIG;
	}
	return align_git_blob(git, id, out, err);
}

int align_git_merge_text(struct align_buf *out, const char *base, size_t blen,
			 const char *ours, size_t olen, const char *theirs,
			 size_t tlen, enum align_git_merge_style style,
			 struct align_buf *err)
{
	git_merge_file_input b, o, t;
	git_merge_file_options opts;
	git_merge_file_result res;
	int code;

	align_git__lib_init();
	git_merge_file_input_init(&b, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&o, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&t, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	b.ptr = base;
	b.size = blen;
	o.ptr = ours;
	o.size = olen;
	t.ptr = theirs;
	t.size = tlen;
	opts.our_label = "ours";
	opts.their_label = "theirs";
	opts.ancestor_label = "base";
	if (style == ALIGN_GIT_MERGE_UNION) {
		opts.favor = GIT_MERGE_FILE_FAVOR_UNION;
	} else if (style == ALIGN_GIT_MERGE_DIFF3) {
		opts.flags |= GIT_MERGE_FILE_STYLE_DIFF3;
	}
	memset(&res, 0, sizeof(res));
	if ((code = git_merge_file(&res, &b, &o, &t, &opts)) < 0) {
		return align_git__fail(err, code, "cannot merge");
	}
	align_buf_add(out, res.ptr, res.len);
	code = res.automergeable ? 0 : 1;
	git_merge_file_result_free(&res);
	return code;
}

/* What align_git_branch_files() passes through git_tree_walk(). */
struct branch_walk {
	const char *ref;
	int (*fn)(const char *ref, const char *name, void *payload);
	void *payload;
	int ret;
};

static int branch_entry(const char *root, const git_tree_entry *entry,
			void *payload)
{
	struct branch_walk *bw = payload;
	struct align_buf name = ALIGN_BUF_INIT;

	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		return 0;
	}
	align_buf_addf(&name, "%s%s", root, git_tree_entry_name(entry));
	bw->ret = bw->fn(bw->ref, name.ptr, bw->payload);
	align_buf_release(&name);
	return bw->ret ? -1 : 0;
}

int align_git_branch_files(struct align_git *git, const char *folder,
			   int (*fn)(const char *ref, const char *name,
				     void *payload),
			   void *payload, struct align_buf *err)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	git_oid *seen = NULL;
	size_t nseen = 0, alloc = 0;
	struct branch_walk bw = { NULL, fn, payload, 0 };
	int code, ret = 0;

	if ((code = git_reference_iterator_new(&it, git->repo)) < 0) {
		return align_git__fail(err, code, "cannot list branches");
	}
	while ((code = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref);
		git_object *obj = NULL;
		git_tree_entry *entry = NULL;
		git_tree *tree = NULL;
		int known = 0;

		if (git_reference_type(ref) != GIT_REFERENCE_DIRECT ||
		    (strncmp(name, "refs/heads/", 11) &&
		     strncmp(name, "refs/remotes/", 13)) ||
		    git_reference_peel(&obj, ref, GIT_OBJECT_TREE) < 0) {
			/* A tag, a symbolic ref, or one pointing at no tree. */
			git_reference_free(ref);
			continue;
		}
		if (git_tree_entry_bypath(&entry, (git_tree *)obj, folder) == 0 &&
		    git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
			/* Branches mostly share the folder: read each once. */
			for (size_t i = 0; i < nseen && !known; i++) {
				known = git_oid_equal(&seen[i],
						      git_tree_entry_id(entry));
			}
			if (!known) {
				ALIGN_ARRAY_GROW(seen, alloc, nseen + 1);
				git_oid_cpy(&seen[nseen++],
					    git_tree_entry_id(entry));
			}
			if (!known && git_tree_lookup(&tree, git->repo,
						      git_tree_entry_id(entry)) <
					      0) {
				ret = align_git__fail(err, -1, "cannot read tree");
			} else if (!known) {
				bw.ref = name;
				git_tree_walk(tree, GIT_TREEWALK_PRE,
					      branch_entry, &bw);
				ret = bw.ret;
			}
		}
		git_tree_free(tree);
		git_tree_entry_free(entry);
		git_object_free(obj);
		git_reference_free(ref);
		if (ret) {
			break;
		}
	}
	if (!ret && code != GIT_ITEROVER) {
		ret = align_git__fail(err, code, "cannot list branches");
	}
	free(seen);
	git_reference_iterator_free(it);
	return ret;
}
