/*
 * The history walk (newest first, shallow clones tolerated) and the
 * first-parent walk to a date.
 */

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/banned.h"

/*
 * A commit waiting in the walk's queue, read once: libgit2's object cache
 * is off, and the queue holds only the walk's frontier.
 */
struct queued {
	git_oid id;
	int64_t time;
	size_t order; /* insertion order breaks ties: stable output */
	git_commit *commit; /* NULL when its header came from `get` */
	struct align_git_commit_header *header;
};

/*
 * align walks history itself instead of through git_revwalk: libgit2 1.5
 * cannot walk a shallow clone (it fails on the missing parents), and align
 * must report from what is there. Newest commit time first, like git log.
 */
struct align_git_walk {
	struct align_git *git;
	char *prefix;
	struct queued *heap;
	size_t nheap;
	size_t heap_alloc;
	size_t inserted;
	git_oid *seen; /* open addressing; zero id marks a free slot */
	size_t seen_cap;
	size_t nseen;
	struct align_git_commit_info info;
	git_commit *current; /* the commit `info` describes, once read */
	git_oid current_id;
	int (*get)(const char *id, struct align_git_commit_header *out,
		   void *payload);
	void *get_payload;
	int truncated;
	int tree_known; /* info.records_tree is filled in */
};

static size_t oid_hash(const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof(h));
	return h;
}

static int oid_is_zero(const git_oid *id)
{
	static const git_oid zero;
	return !memcmp(id, &zero, sizeof(zero));
}

/* Adds `id` to the seen set; returns 0 when it was there already. */
static int seen_add(struct align_git_walk *w, const git_oid *id)
{
	size_t i;

	if ((w->nseen + 1) * 2 > w->seen_cap) {
		git_oid *old = w->seen;
		size_t old_cap = w->seen_cap;

		w->seen_cap = old_cap ? old_cap * 2 : 1024;
		w->seen = align_calloc(w->seen_cap, sizeof(*w->seen));
		w->nseen = 0;
		for (size_t k = 0; k < old_cap; k++) {
			if (!oid_is_zero(&old[k])) {
				seen_add(w, &old[k]);
			}
		}
		free(old);
	}
	for (i = oid_hash(id) & (w->seen_cap - 1); !oid_is_zero(&w->seen[i]);
	     i = (i + 1) & (w->seen_cap - 1)) {
		if (git_oid_equal(&w->seen[i], id)) {
			return 0;
		}
	}
	git_oid_cpy(&w->seen[i], id);
	w->nseen++;
	return 1;
}

static int queued_before(const struct queued *a, const struct queued *b)
{
	if (a->time != b->time) {
		return a->time > b->time;
	}
	return a->order < b->order;
}

static void heap_push(struct align_git_walk *w, const git_oid *id,
		      git_commit *commit, struct align_git_commit_header *hdr)
{
	size_t i;

	ALIGN_ARRAY_GROW(w->heap, w->heap_alloc, w->nheap + 1);
	i = w->nheap++;
	git_oid_cpy(&w->heap[i].id, id);
	w->heap[i].time = commit ? (int64_t)git_commit_time(commit)
				 : hdr->commit_time.seconds;
	w->heap[i].order = w->inserted++;
	w->heap[i].commit = commit;
	w->heap[i].header = hdr;
	while (i > 0 && queued_before(&w->heap[i], &w->heap[(i - 1) / 2])) {
		struct queued t = w->heap[i];
		w->heap[i] = w->heap[(i - 1) / 2];
		w->heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static struct queued heap_pop(struct align_git_walk *w)
{
	struct queued top = w->heap[0];
	size_t i = 0;

	w->heap[0] = w->heap[--w->nheap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < w->nheap && queued_before(&w->heap[l], &w->heap[m])) {
			m = l;
		}
		if (r < w->nheap && queued_before(&w->heap[r], &w->heap[m])) {
			m = r;
		}
		if (m == i) {
			break;
		}
		{
			struct queued t = w->heap[i];
			w->heap[i] = w->heap[m];
			w->heap[m] = t;
		}
		i = m;
	}
	return top;
}

/* Queues a commit unless seen; a missing one marks the walk truncated. */
static int walk_queue(struct align_git_walk *w, const git_oid *id)
{
	git_commit *commit = NULL;

	if (!seen_add(w, id)) {
		return 0;
	}
	if (w->get) {
		struct align_git_commit_header *hdr =
			align_calloc(1, sizeof(*hdr));
		char hex[ALIGN_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), id);
		if (w->get(hex, hdr, w->get_payload) == 1) {
			heap_push(w, id, NULL, hdr);
			return 0;
		}
		free(hdr->parents);
		free(hdr);
	}
	if (git_commit_lookup(&commit, w->git->repo, id) < 0) {
		w->truncated = 1;
		return 0;
	}
	heap_push(w, id, commit, NULL);
	return 0;
}

static void header_free(struct align_git_commit_header *hdr)
{
	if (hdr) {
		free(hdr->parents);
		free(hdr);
	}
}

void align_git_walk_use_headers(
	struct align_git_walk *walk,
	int (*get)(const char *id, struct align_git_commit_header *out,
		   void *payload),
	void *payload)
{
	walk->get = get;
	walk->get_payload = payload;
}

/* The commit align_git_walk_next() returned last, read when it was not. */
static git_commit *current_commit(struct align_git_walk *w,
				  struct align_buf *err)
{
	if (!w->current &&
	    git_commit_lookup(&w->current, w->git->repo, &w->current_id) < 0) {
		w->current = NULL;
		align_git__fail(err, ALIGN_ERROR, "cannot read commit");
	}
	return w->current;
}

static void info_clear(struct align_git_commit_info *info)
{
	free(info->author_name);
	free(info->author_email);
	free(info->summary);
	free(info->message);
	memset(info, 0, sizeof(*info));
}

int align_git_walk_new(struct align_git_walk **out, struct align_git *git,
		       const char *rev, const char *prefix,
		       struct align_buf *err)
{
	struct align_git_walk *w;
	char start[ALIGN_OID_HEXSZ + 1];
	git_oid id;
	int ret;

	*out = NULL;
	if (rev) {
		ret = align_git_resolve(git, rev, start, err);
	} else {
		ret = align_git_head(git, start, err);
		if (!ret && !*start) {
			align_buf_sets(err, "no commits yet");
			ret = ALIGN_ENOTFOUND;
		}
	}
	if (ret < 0) {
		return ret;
	}
	w = align_calloc(1, sizeof(*w));
	w->git = git;
	w->prefix = align_strdup(prefix);
	git_oid_fromstr(&id, start);
	walk_queue(w, &id);
	*out = w;
	return 0;
}

static void set_time(struct align_time *out, const git_time *t)
{
	out->seconds = (int64_t)t->time;
	out->offset = t->offset;
}

int align_git_walk_next(struct align_git_walk *w,
			const struct align_git_commit_info **out,
			struct align_buf *err)
{
	git_commit *commit;
	const git_signature *author;
	struct queued q;

	*out = NULL;
	git_commit_free(w->current);
	w->current = NULL;
	if (!w->nheap) {
		return 0;
	}
	q = heap_pop(w);
	commit = w->current = q.commit;
	git_oid_cpy(&w->current_id, &q.id);
	info_clear(&w->info);
	git_oid_tostr(w->info.id, sizeof(w->info.id), &q.id);
	w->info.records_tree[0] = '\0';
	w->tree_known = 0;
	if (!commit) {
		/* A known header: no object read. */
		struct align_git_commit_header *hdr = q.header;

		w->info.nparents = hdr->nparents;
		for (size_t i = 0; i < hdr->nparents; i++) {
			git_oid pid;

			if (i < 4) {
				memcpy(w->info.parents[i], hdr->parents[i],
				       sizeof(w->info.parents[i]));
			}
			if (git_oid_fromstr(&pid, hdr->parents[i]) == 0) {
				walk_queue(w, &pid);
			}
		}
		w->info.author_name = align_strdup("");
		w->info.author_email = align_strdup("");
		w->info.author_time = hdr->author_time;
		w->info.commit_time = hdr->commit_time;
		w->info.summary = align_strdup("");
		w->info.message = align_strdup("");
		header_free(hdr);
		*out = &w->info;
		return 1;
	}
	w->info.nparents = git_commit_parentcount(commit);
	for (unsigned int i = 0; i < w->info.nparents; i++) {
		const git_oid *pid = git_commit_parent_id(commit, i);
		if (i < 4) {
			git_oid_tostr(w->info.parents[i],
				      sizeof(w->info.parents[i]), pid);
		}
		walk_queue(w, pid);
	}
	author = git_commit_author(commit);
	w->info.author_name = align_strdup(author->name);
	w->info.author_email = align_strdup(author->email);
	set_time(&w->info.author_time, &author->when);
	set_time(&w->info.commit_time, &git_commit_committer(commit)->when);
	w->info.summary = align_strdup(
	    git_commit_summary(commit) ? git_commit_summary(commit) : "");
	w->info.message = align_strdup(
	    git_commit_message(commit) ? git_commit_message(commit) : "");
	/* The tree is read only when asked for: cached commits never are. */
	w->info.records_tree[0] = '\0';
	w->tree_known = 0;
	*out = &w->info;
	return 1;
}

int align_git_walk_records_tree(struct align_git_walk *w, const char **out,
				struct align_buf *err)
{
	int ret = 0;

	if (!w->tree_known) {
		if (!current_commit(w, err)) {
			return ALIGN_ERROR;
		}
		ret = align_git__commit_records_tree(w->git, w->current,
						     w->prefix,
						     w->info.records_tree, err);
		w->tree_known = ret == 0;
	}
	*out = w->info.records_tree;
	return ret;
}

int align_git_walk_parent_tree(struct align_git_walk *w, unsigned int i,
			       char out[ALIGN_OID_HEXSZ + 1],
			       struct align_buf *err)
{
	char hex[ALIGN_OID_HEXSZ + 1];
	const git_oid *id;

	out[0] = '\0';
	if (!current_commit(w, err)) {
		return ALIGN_ERROR;
	}
	if (i >= git_commit_parentcount(w->current)) {
		return 0;
	}
	id = git_commit_parent_id(w->current, i);
	for (size_t k = 0; k < w->nheap; k++) {
		if (git_oid_equal(&w->heap[k].id, id) && w->heap[k].commit) {
			return align_git__commit_records_tree(
				w->git, w->heap[k].commit, w->prefix, out, err);
		}
	}
	git_oid_tostr(hex, sizeof(hex), id);
	return align_git_records_tree(w->git, hex, w->prefix, out, err);
}

int align_git_walk_truncated(const struct align_git_walk *walk)
{
	return walk->truncated;
}

void align_git_walk_free(struct align_git_walk *walk)
{
	if (!walk) {
		return;
	}
	info_clear(&walk->info);
	git_commit_free(walk->current);
	for (size_t i = 0; i < walk->nheap; i++) {
		git_commit_free(walk->heap[i].commit);
		header_free(walk->heap[i].header);
	}
	free(walk->heap);
	free(walk->seen);
	free(walk->prefix);
	free(walk);
}

/*
 * From a raw commit's header: whether it has a parent (the first goes to
 * `parent`) and its committer time. Returns 0, or -1 when the header is
 * not a commit's.
 */
static int commit_header(const char *data, size_t len, git_oid *parent,
			 int *has_parent, int64_t *time)
{
	const char *p = data, *end = data + len;
	int have_time = 0;

	*has_parent = 0;
	while (p < end && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);

		if (!*has_parent && n >= 7 + ALIGN_OID_HEXSZ &&
		    !memcmp(p, "parent ", 7)) {
			if (git_oid_fromstrn(parent, p + 7, ALIGN_OID_HEXSZ) < 0) {
				return -1;
			}
			*has_parent = 1;
		} else if (n > 10 && !memcmp(p, "committer ", 10)) {
			const char *gt = p + n;
			char *stop;

			while (gt > p && gt[-1] != '>') {
				gt--;
			}
			if (gt == p) {
				return -1;
			}
			*time = (int64_t)strtoll(gt, &stop, 10);
			have_time = stop != gt;
		}
		if (!eol) {
			break;
		}
		p = eol + 1;
	}
	return have_time ? 0 : -1;
}

struct align_git_line {
	git_odb *odb;
	git_oid next;
	int more;  /* `next` is to be read */
	int first; /* `next` is the start: missing is an error */
};

int align_git_line_new(struct align_git_line **out, struct align_git *git,
		       const char *start, struct align_buf *err)
{
	struct align_git_line *l = align_calloc(1, sizeof(*l));
	int code;

	*out = NULL;
	if ((code = git_oid_fromstr(&l->next, start)) < 0 ||
	    (code = git_repository_odb(&l->odb, git->repo)) < 0) {
		free(l);
		return align_git__fail(err, code, "cannot read commit");
	}
	l->more = l->first = 1;
	*out = l;
	return 0;
}

int align_git_line_next(struct align_git_line *l,
			char id[ALIGN_OID_HEXSZ + 1], int64_t *time,
			struct align_buf *err)
{
	git_odb_object *obj = NULL;
	git_oid parent;
	int code, more;

	if (!l->more) {
		return 0;
	}
	if ((code = git_odb_read(&obj, l->odb, &l->next)) < 0) {
		l->more = 0;
		/* A missing parent is a shallow clone's boundary. */
		return l->first ? align_git__fail(err, code,
						  "cannot read commit")
				: 0;
	}
	l->first = 0;
	if (git_odb_object_type(obj) != GIT_OBJECT_COMMIT ||
	    commit_header(git_odb_object_data(obj), git_odb_object_size(obj),
			  &parent, &more, time) < 0) {
		git_odb_object_free(obj);
		l->more = 0;
		align_buf_sets(err, "cannot read commit: not a commit");
		return ALIGN_ERROR;
	}
	git_odb_object_free(obj);
	git_oid_tostr(id, ALIGN_OID_HEXSZ + 1, &l->next);
	git_oid_cpy(&l->next, &parent);
	l->more = more;
	return 1;
}

void align_git_line_free(struct align_git_line *line)
{
	if (line) {
		git_odb_free(line->odb);
		free(line);
	}
}
