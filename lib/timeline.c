#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "events.h"
#include "util/error.h"
#include "util/banned.h"

void align_timeline_init(struct align_timeline *t)
{
	memset(t, 0, sizeof(*t));
	align_buf_init(&t->line_);
}

/* The state field of a kind with a lifecycle, "" for the others. */
static const char *state_of(const struct align_kind *kind,
			    const struct align_record *r)
{
	const char *s;

	if (!kind->states || !r) {
		return "";
	}
	s = align_record_get(r, kind->name, NULL, "status");
	return s ? s : "";
}

static struct align_timeline_record *slot(struct align_timeline *t,
					  const char *id,
					  const struct align_kind *kind,
					  const char *path, int *created)
{
	struct align_timeline_record *rec;
	size_t i;

	*created = 0;
	if (align_idmap_get(&t->index_, id, &i)) {
		return &t->records[i];
	}
	ALIGN_ARRAY_GROW(t->records, t->alloc_, t->n + 1);
	rec = &t->records[t->n];
	memset(rec, 0, sizeof(*rec));
	rec->id = align_strdup(id);
	rec->kind = kind;
	rec->path = align_strdup(path);
	align_idmap_add(&t->index_, rec->id, t->n, NULL);
	t->n++;
	*created = 1;
	return rec;
}

/* Record `id` needs its whole past; `done` when it was seen appear. */
static void need_add(struct align_timeline *t, const char *id, int done)
{
	char *key;
	size_t at;

	if (align_idmap_get(&t->need_, id, &at)) {
		return;
	}
	key = align_strdup(id);
	ALIGN_ARRAY_GROW(t->need_ids_, t->need_alloc_, t->nneed_ + 1);
	t->need_done_ = align_realloc(t->need_done_, t->need_alloc_);
	t->need_ids_[t->nneed_] = key;
	t->need_done_[t->nneed_] = (unsigned char)done;
	align_idmap_add(&t->need_, key, t->nneed_++, NULL);
	if (!done) {
		t->pending_++;
	}
}

/* Record `id` appeared: its past is whole. */
static void need_met(struct align_timeline *t, const char *id)
{
	size_t i;

	if (align_idmap_get(&t->need_, id, &i) && !t->need_done_[i]) {
		t->need_done_[i] = 1;
		t->pending_--;
	}
}

/*
 * What one entry does to the timeline: 'D' a deletion (only names the
 * record), 'S' a version in the same state (only names it), 'E' an
 * event: the record entered `state` in commit `c`, 'C' the event of its
 * appearance (no older version).
 */
static void apply(struct align_timeline *t, char op, const char *id,
		  const struct align_kind *kind, const char *path,
		  const char *state, const struct align_git_commit_info *c)
{
	struct align_timeline_record *rec;
	struct align_timeline_event *ev;
	int created;

	rec = slot(t, id, kind, path, &created);
	if (op == 'D') {
		if (created) {
			rec->deleted = 1;
		}
		return;
	}
	if (op != 'E' && op != 'C') {
		return;
	}
	ALIGN_ARRAY_GROW(rec->events, rec->alloc_, rec->nevents + 1);
	ev = &rec->events[rec->nevents++];
	ev->state = align_strdup(state);
	memcpy(ev->commit, c->id, sizeof(ev->commit));
	ev->author = align_strdup(c->author_name ? c->author_name : "");
	ev->email = align_strdup(c->author_email ? c->author_email : "");
	ev->when = c->author_time.seconds;
	ev->offset = c->author_time.offset;
	ev->note = NULL;
	if (c->message) {
		struct align_buf note = ALIGN_BUF_INIT;
		int late;

		if (align_events_note(&note, &late, c->message, path) &&
		    note.len) {
			ev->note = align_buf_detach(&note, NULL);
		}
		align_buf_release(&note);
	}
	if (op == 'C') {
		rec->created_ = 1;
		need_met(t, id);
	}
	if (t->stopping_ && kind == t->stop_kind_ &&
	    ev->when >= t->stop_before_) {
		need_add(t, id, rec->created_);
	}
}

/* Newest commit first: a record's first entry is its newest version. */
static int see(const struct align_history_entry *e, void *payload)
{
	struct align_timeline *t = payload;
	const struct align_record *r = e->new_ ? e->new_ : e->old;
	const struct align_kind *kind;
	const char *id, *now;
	char op = 'E';

	if (!r || !(id = align_record_id(r)) || !*id ||
	    !(kind = align_kind_find(align_record_kind(r)))) {
		return 0;
	}
	now = e->new_ ? state_of(kind, e->new_) : "";
	if (!e->new_) {
		op = 'D'; /* a deletion is no state */
	} else if (!e->old) {
		op = 'C';
	} else {
		if (!strcmp(state_of(kind, e->old), now)) {
			op = 'S';
		}
		/* A merge that took the state from another parent. */
		for (size_t k = 0; op == 'E' && k < e->nothers; k++) {
			if (!strcmp(state_of(kind, e->others[k]), now)) {
				op = 'S';
			}
		}
	}
	if (t->cache_) {
		char o[2] = { op, '\0' };

		align_cache_field_add(&t->line_, o);
		align_cache_field_add(&t->line_, id);
		align_cache_field_add(&t->line_, kind->name);
		align_cache_field_add(&t->line_, e->path);
		align_cache_field_add(&t->line_, now);
	}
	apply(t, op, id, kind, e->path, now, e->commit);
	return 0;
}

/*
 * A commit the cache knows: what it did without reading it. Or one the
 * consumer needs no more (2): past the stop, every record needed seen.
 */
static int known(const struct align_git_commit_info *c, void *payload)
{
	struct align_timeline *t = payload;
	const char *v, *p;
	char *f[5];
	int n;

	if (t->stopping_ && !t->pending_ &&
	    c->commit_time.seconds < t->stop_before_ &&
	    c->author_time.seconds < t->stop_before_) {
		return 2;
	}
	align_buf_clear(&t->line_);
	v = t->cache_ ? align_cache_get(t->cache_, c->id) : NULL;
	p = v;
	if (!v) {
		return 0;
	}
	/* Checked whole first: a damaged line is read from git instead. */
	while (*p) {
		for (n = 0; n < 5; n++) {
			if (align_cache_field_next(&f[n], &p) < 0) {
				break;
			}
			free(f[n]);
		}
		if (n < 5) {
			return 0;
		}
	}
	while (*v) {
		const struct align_kind *kind;

		for (n = 0; n < 5; n++) {
			align_cache_field_next(&f[n], &v);
		}
		if (f[0] && f[1] && f[2] && f[3] && f[4] &&
		    (kind = align_kind_find(f[2]))) {
			apply(t, f[0][0], f[1], kind, f[3], f[4], c);
		}
		for (n = 0; n < 5; n++) {
			free(f[n]);
		}
	}
	return 1;
}

static void read_to_end(const struct align_git_commit_info *c, void *payload)
{
	struct align_timeline *t = payload;

	align_cache_put(t->cache_, c->id, t->line_.ptr);
	align_buf_clear(&t->line_);
}

struct align_history_consumer align_timeline_consumer(struct align_timeline *t)
{
	struct align_history_consumer c;

	memset(&c, 0, sizeof(c));
	c.fn = see;
	c.payload = t;
	if (t->cache_ || t->stopping_) {
		c.cached = known;
	}
	if (t->cache_) {
		c.commit_done = read_to_end;
	}
	return c;
}

void align_timeline_stop_early(struct align_timeline *t, int64_t before,
			       const struct align_kind *kind)
{
	t->stopping_ = 1;
	t->stop_before_ = before;
	t->stop_kind_ = kind;
}

void align_timeline_need(struct align_timeline *t, const char *id)
{
	if (id && *id) {
		need_add(t, id, 0);
	}
}

void align_timeline_use_cache(struct align_timeline *t,
			      struct align_repo *repo, const char *name)
{
	t->cache_ = align_cache_open(repo, name);
}

static void event_release(struct align_timeline_event *ev)
{
	free(ev->state);
	free(ev->author);
	free(ev->email);
	free(ev->note);
}

static int by_id(const void *a, const void *b)
{
	const struct align_timeline_record *x = a, *y = b;

	return strcmp(x->id, y->id);
}

void align_timeline_finish(struct align_timeline *t)
{
	if (t->finished_) {
		return;
	}
	t->finished_ = 1;
	for (size_t i = 0; i < t->n; i++) {
		struct align_timeline_record *rec = &t->records[i];
		size_t n = rec->nevents, kept = 0;

		for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
			struct align_timeline_event tmp = rec->events[a];
			rec->events[a] = rec->events[b];
			rec->events[b] = tmp;
		}
		/*
		 * A version that could not be read looks like a new record
		 * in the commit after it: the same state twice is one event.
		 */
		for (size_t k = 0; k < n; k++) {
			if (kept && !strcmp(rec->events[kept - 1].state,
					    rec->events[k].state)) {
				event_release(&rec->events[k]);
				continue;
			}
			rec->events[kept++] = rec->events[k];
		}
		rec->nevents = kept;
	}
	if (t->n > 1) {
		qsort(t->records, t->n, sizeof(*t->records), by_id);
	}
	align_idmap_release(&t->index_);
	for (size_t i = 0; i < t->n; i++) {
		align_idmap_add(&t->index_, t->records[i].id, i, NULL);
	}
}

int align_timeline_load(struct align_timeline *out, struct align_repo *repo,
			const char *rev, struct align_diags *warnings)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_history_opts ho;
	int ret;

	align_timeline_init(out);
	align_history_opts_init(&ho);
	align_kind_folders(folders, repo);
	ho.folders = folders;
	ho.rev = rev;
	ret = align_history_walk(repo, &ho, see, out, warnings);
	align_timeline_finish(out);
	return ret < 0 ? ret : 0;
}

const struct align_timeline_record *align_timeline_find(
	const struct align_timeline *t, const char *id)
{
	size_t i;

	return id && align_idmap_get(&t->index_, id, &i) ? &t->records[i]
							  : NULL;
}

const struct align_timeline_event *align_timeline_entered(
	const struct align_timeline_record *r, const char *state,
	int64_t until)
{
	for (size_t k = r ? r->nevents : 0; k > 0; k--) {
		const struct align_timeline_event *ev = &r->events[k - 1];

		if (ev->when <= until && !strcmp(ev->state, state)) {
			return ev;
		}
	}
	return NULL;
}

int64_t align_timeline_entered_at(const struct align_timeline_record *r,
				  const char *state, int64_t until)
{
	const struct align_timeline_event *ev =
		align_timeline_entered(r, state, until);

	return ev ? ev->when : INT64_MIN;
}

const struct align_timeline_event *align_timeline_at(
	const struct align_timeline_record *r, int64_t until)
{
	for (size_t k = r ? r->nevents : 0; k > 0; k--) {
		if (r->events[k - 1].when <= until) {
			return &r->events[k - 1];
		}
	}
	return NULL;
}

void align_timeline_release(struct align_timeline *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct align_timeline_record *rec = &t->records[i];

		for (size_t k = 0; k < rec->nevents; k++) {
			event_release(&rec->events[k]);
		}
		free(rec->events);
		free(rec->id);
		free(rec->path);
	}
	free(t->records);
	align_idmap_release(&t->index_);
	align_cache_close(t->cache_);
	align_buf_release(&t->line_);
	for (size_t i = 0; i < t->nneed_; i++) {
		free(t->need_ids_[i]);
	}
	free(t->need_ids_);
	free(t->need_done_);
	align_idmap_release(&t->need_);
	memset(t, 0, sizeof(*t));
}
