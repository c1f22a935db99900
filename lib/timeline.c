#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "util/error.h"
#include "util/banned.h"

void align_timeline_init(struct align_timeline *t)
{
	memset(t, 0, sizeof(*t));
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

/* Newest commit first: a record's first entry is its newest version. */
static int see(const struct align_history_entry *e, void *payload)
{
	struct align_timeline *t = payload;
	const struct align_record *r = e->new_ ? e->new_ : e->old;
	const struct align_kind *kind;
	struct align_timeline_record *rec;
	struct align_timeline_event *ev;
	const char *id, *now;
	int created;

	if (!r || !(id = align_record_id(r)) || !*id ||
	    !(kind = align_kind_find(align_record_kind(r)))) {
		return 0;
	}
	rec = slot(t, id, kind, e->path, &created);
	if (!e->new_) {
		if (created) {
			rec->deleted = 1;
		}
		return 0; /* a deletion is no state */
	}
	now = state_of(kind, e->new_);
	if (e->old) {
		if (!strcmp(state_of(kind, e->old), now)) {
			return 0;
		}
		/* A merge that took the state from another parent. */
		for (size_t k = 0; k < e->nothers; k++) {
			if (!strcmp(state_of(kind, e->others[k]), now)) {
				return 0;
			}
		}
	}
	ALIGN_ARRAY_GROW(rec->events, rec->alloc_, rec->nevents + 1);
	ev = &rec->events[rec->nevents++];
	ev->state = align_strdup(now);
	memcpy(ev->commit, e->commit->id, sizeof(ev->commit));
	ev->author = align_strdup(e->commit->author_name
					  ? e->commit->author_name
					  : "");
	ev->email = align_strdup(e->commit->author_email
					 ? e->commit->author_email
					 : "");
	ev->when = e->commit->author_time.seconds;
	ev->note = NULL;
	if (e->commit->message) {
		struct align_buf note = ALIGN_BUF_INIT;
		int late;

		if (align_events_note(&note, &late, e->commit->message,
				      e->path) &&
		    note.len) {
			ev->note = align_buf_detach(&note, NULL);
		}
		align_buf_release(&note);
	}
	return 0;
}

struct align_history_consumer align_timeline_consumer(struct align_timeline *t)
{
	struct align_history_consumer c = { see, t };

	return c;
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
	memset(t, 0, sizeof(*t));
}
