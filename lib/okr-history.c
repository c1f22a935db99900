#include "okr-history.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "events.h"
#include "okr.h"
#include "util/banned.h"

struct collect {
	struct align_okr_history *out;
	const char *kr;
	const struct align_people *people;
};

/*
 * The note of a version: the -m text of an align commit, or the summary
 * line of a commit made otherwise.
 */
static char *value_note(const struct align_history_entry *e, int *late)
{
	struct align_buf note = ALIGN_BUF_INIT;
	const char *message = e->commit->message ? e->commit->message : "";

	if (!align_events_note(&note, late, message, e->path)) {
		align_buf_add(&note, message, strcspn(message, "\n"));
	}
	return align_buf_detach(&note, NULL);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? align_strdup(s) : NULL;
}

/* Appends one value to `h`: version `path` of commit `c`. */
static void push_value(struct align_okr_history *h,
		       const struct align_git_commit_info *c, const char *path,
		       const char *now, const char *confidence,
		       const char *unit, int added,
		       const struct align_people *people)
{
	const struct align_person *p =
		align_people_by_email(people, c->author_email);
	struct align_history_entry e;
	struct align_okr_value *v;

	memset(&e, 0, sizeof(e));
	e.commit = c;
	e.path = path;
	ALIGN_ARRAY_GROW(h->items, h->alloc, h->count + 1);
	v = &h->items[h->count++];
	memset(v, 0, sizeof(*v));
	memcpy(v->commit, c->id, sizeof(v->commit));
	v->when = c->author_time;
	v->who = align_strdup(p ? p->handle : c->author_name);
	v->email = align_strdup(c->author_email);
	v->value = align_strdup(now);
	v->confidence = dup_or_null(confidence);
	v->unit = align_strdup(unit && *unit ? unit : "-");
	v->note = value_note(&e, &v->late);
	v->added = added;
}

/*
 * Whether the version of key result `kr` in `e` is a value of its
 * history: its `current` changed there (or the key result appeared with
 * one). Sets `*added` for an appearance.
 */
static int kr_changed(const struct align_history_entry *e, const char *kr,
		      int *added)
{
	const char *now = align_record_get(e->new_, "kr", kr, "current");
	const char *was;

	*added = 1;
	if (e->old && align_ini_find_section(&e->old->ini, "kr", kr) >= 0) {
		*added = 0;
		was = align_record_get(e->old, "kr", kr, "current");
		if (was && now && !strcmp(was, now)) {
			return 0;
		}
	}
	return now && *now;
}

/*
 * Appends the version of key result `kr` in `e` to `h` when its `current`
 * changed there (or the key result appeared with one).
 */
static void collect_kr(struct align_okr_history *h,
		       const struct align_history_entry *e, const char *kr,
		       const struct align_people *people)
{
	int added;

	if (kr_changed(e, kr, &added)) {
		push_value(h, e->commit, e->path,
			   align_record_get(e->new_, "kr", kr, "current"),
			   align_record_get(e->new_, "kr", kr, "confidence"),
			   align_record_get(e->new_, "kr", kr, "unit"), added,
			   people);
	}
}

static int collect(const struct align_history_entry *e, void *payload)
{
	struct collect *c = payload;

	if (e->new_ && align_ini_find_section(&e->new_->ini, "kr", c->kr) >= 0) {
		collect_kr(c->out, e, c->kr, c->people);
	}
	return 0;
}

/* The walk goes newest first; a history reads oldest first. */
static void oldest_first(struct align_okr_history *h)
{
	for (size_t i = 0; i < h->count / 2; i++) {
		struct align_okr_value t = h->items[i];
		h->items[i] = h->items[h->count - 1 - i];
		h->items[h->count - 1 - i] = t;
	}
}

int align_okr_history_load(struct align_okr_history *out,
			   struct align_repo *repo, const char *id,
			   const char *path, const char *kr, int64_t since, int64_t until,
			   const struct align_people *people,
			   struct align_diags *warnings)
{
	const char *folders[2] = { align_kind_folder(&align_kind_okr, repo),
				   NULL };
	struct align_history_opts ho;
	struct collect c;
	int ret;

	align_history_opts_init(&ho);
	ho.folders = folders;
	ho.id = id;
	ho.path = path;
	ho.since = since;
	ho.until = until;
	c.out = out;
	c.kr = kr;
	c.people = people;
	ret = align_history_walk(repo, &ho, collect, &c, warnings);
	oldest_first(out);
	return ret < 0 ? ret : 0;
}

void align_okr_history_release(struct align_okr_history *h)
{
	for (size_t i = 0; i < h->count; i++) {
		free(h->items[i].who);
		free(h->items[i].email);
		free(h->items[i].value);
		free(h->items[i].confidence);
		free(h->items[i].unit);
		free(h->items[i].note);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}

void align_okr_trails_init(struct align_okr_trails *t,
			   const struct align_people *people, int64_t since,
			   int64_t until)
{
	memset(t, 0, sizeof(*t));
	t->people = people;
	t->since = since;
	t->until = until;
	align_buf_init(&t->line);
}

/* The trail of `kr` of objective `id`, made when `add`; NULL otherwise. */
static struct align_okr_trail *trail_of(struct align_okr_trails *t,
					const char *id, const char *kr, int add)
{
	struct align_buf key = ALIGN_BUF_INIT;
	struct align_okr_trail *tr;
	size_t at;

	align_buf_addf(&key, "%s%c%s", id, '\n', kr);
	if (align_idmap_get(&t->index, key.ptr, &at)) {
		align_buf_release(&key);
		return t->items[at];
	}
	if (!add) {
		align_buf_release(&key);
		return NULL;
	}
	tr = align_calloc(1, sizeof(*tr));
	tr->key = align_buf_detach(&key, NULL);
	tr->objective = align_strdup(id);
	tr->kr = align_strdup(kr);
	ALIGN_ARRAY_GROW(t->items, t->alloc, t->count + 1);
	t->items[t->count] = tr;
	align_idmap_add(&t->index, tr->key, t->count, NULL);
	t->count++;
	return tr;
}

/* A value of `kr` of `id`: enough of its past when it is one. */
static void need_seen(struct align_okr_trails *t, const char *id,
		      const char *kr, int64_t when, int added)
{
	struct align_buf key = ALIGN_BUF_INIT;
	size_t i;

	if (!t->pending_ || (!added && when >= t->stop_before_)) {
		return;
	}
	align_buf_addf(&key, "%s%c%s", id, '\n', kr);
	if (align_idmap_get(&t->need_, key.ptr, &i) && !t->need_done_[i]) {
		t->need_done_[i] = 1;
		t->pending_--;
	}
	align_buf_release(&key);
}

void align_okr_trails_stop_early(struct align_okr_trails *t, int64_t before)
{
	t->stopping_ = 1;
	t->stop_before_ = before;
}

void align_okr_trails_need(struct align_okr_trails *t, const char *id,
			   const char *kr)
{
	struct align_buf key = ALIGN_BUF_INIT;
	char *k;
	size_t at;

	align_buf_addf(&key, "%s%c%s", id, '\n', kr);
	if (align_idmap_get(&t->need_, key.ptr, &at)) {
		align_buf_release(&key);
		return;
	}
	k = align_buf_detach(&key, NULL);
	ALIGN_ARRAY_GROW(t->need_keys_, t->need_alloc_, t->nneed_ + 1);
	t->need_done_ = align_realloc(t->need_done_, t->need_alloc_);
	t->need_keys_[t->nneed_] = k;
	t->need_done_[t->nneed_] = 0;
	align_idmap_add(&t->need_, k, t->nneed_++, NULL);
	t->pending_++;
}

/* Past the stop with every key result needed seen far enough. */
static int had_enough(const struct align_okr_trails *t,
		      const struct align_git_commit_info *c)
{
	return t->stopping_ && !t->pending_ &&
	       c->commit_time.seconds < t->stop_before_ &&
	       c->author_time.seconds < t->stop_before_;
}

static int in_range(const struct align_okr_trails *t,
		    const struct align_git_commit_info *c)
{
	return c->author_time.seconds >= t->since &&
	       c->author_time.seconds <= t->until;
}

static int collect_trails(const struct align_history_entry *e, void *payload)
{
	struct align_okr_trails *t = payload;
	const struct align_ini *ini;
	const char *id;

	if (!e->new_ || (!t->cache && !in_range(t, e->commit)) ||
	    strcmp(align_record_kind(e->new_), align_kind_okr.name)) {
		return 0;
	}
	id = align_record_id(e->new_);
	if (!id) {
		return 0;
	}
	ini = &e->new_->ini;
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		const char *kr = sec->sub;
		int added;

		if (strcmp(sec->name, "kr") || !kr || !kr_changed(e, kr, &added)) {
			continue;
		}
		if (t->cache) {
			/* What the commit says, whatever the bounds. */
			align_cache_field_add(&t->line, id);
			align_cache_field_add(&t->line, kr);
			align_cache_field_add(
				&t->line,
				align_record_get(e->new_, "kr", kr, "current"));
			align_cache_field_add(&t->line,
					      align_record_get(e->new_, "kr", kr,
							       "confidence"));
			align_cache_field_add(
				&t->line,
				align_record_get(e->new_, "kr", kr, "unit"));
			align_cache_field_add(&t->line, e->path);
			align_cache_field_add(&t->line, added ? "1" : "0");
		}
		if (in_range(t, e->commit)) {
			need_seen(t, id, kr, e->commit->author_time.seconds,
				  added);
			collect_kr(&trail_of(t, id, kr, 1)->values, e, kr,
				   t->people);
		}
	}
	return 0;
}

/* A commit the cache knows: its values without reading it. */
static int trails_known(const struct align_git_commit_info *c, void *payload)
{
	struct align_okr_trails *t = payload;
	const char *v, *p;
	char *f[7];
	int n;

	if (had_enough(t, c)) {
		return 2;
	}
	align_buf_clear(&t->line);
	v = t->cache ? align_cache_get(t->cache, c->id) : NULL;
	p = v;
	if (!v) {
		return 0;
	}
	/* Checked whole first: a damaged line is read from git instead. */
	while (*p) {
		for (n = 0; n < 7; n++) {
			if (align_cache_field_next(&f[n], &p) < 0) {
				break;
			}
			free(f[n]);
		}
		if (n < 7) {
			return 0;
		}
	}
	while (*v) {
		for (n = 0; n < 7; n++) {
			align_cache_field_next(&f[n], &v);
		}
		if (f[0] && f[1] && in_range(t, c)) {
			need_seen(t, f[0], f[1], c->author_time.seconds,
				  f[6] && !strcmp(f[6], "1"));
		}
		if (f[0] && f[1] && f[2] && f[5] && in_range(t, c)) {
			push_value(&trail_of(t, f[0], f[1], 1)->values, c, f[5],
				   f[2], f[3], f[4], f[6] && !strcmp(f[6], "1"),
				   t->people);
		}
		for (n = 0; n < 7; n++) {
			free(f[n]);
		}
	}
	return 1;
}

static void trails_read(const struct align_git_commit_info *c, void *payload)
{
	struct align_okr_trails *t = payload;

	align_cache_put(t->cache, c->id, t->line.ptr);
	align_buf_clear(&t->line);
}

struct align_history_consumer align_okr_trails_consumer(
	struct align_okr_trails *t)
{
	struct align_history_consumer c;

	memset(&c, 0, sizeof(c));
	c.fn = collect_trails;
	c.payload = t;
	if (t->cache || t->stopping_) {
		c.cached = trails_known;
	}
	if (t->cache) {
		c.commit_done = trails_read;
	}
	return c;
}

void align_okr_trails_use_cache(struct align_okr_trails *t,
				struct align_repo *repo, const char *name)
{
	t->cache = align_cache_open(repo, name);
}

void align_okr_trails_finish(struct align_okr_trails *t)
{
	for (size_t i = 0; i < t->count; i++) {
		oldest_first(&t->items[i]->values);
	}
}

const struct align_okr_history *align_okr_trails_find(
	const struct align_okr_trails *t, const char *id, const char *kr)
{
	struct align_okr_trail *tr =
		trail_of((struct align_okr_trails *)t, id, kr, 0);
	return tr ? &tr->values : NULL;
}

void align_okr_trails_release(struct align_okr_trails *t)
{
	for (size_t i = 0; i < t->count; i++) {
		align_okr_history_release(&t->items[i]->values);
		free(t->items[i]->key);
		free(t->items[i]->objective);
		free(t->items[i]->kr);
		free(t->items[i]);
	}
	free(t->items);
	align_idmap_release(&t->index);
	align_cache_close(t->cache);
	align_buf_release(&t->line);
	for (size_t i = 0; i < t->nneed_; i++) {
		free(t->need_keys_[i]);
	}
	free(t->need_keys_);
	free(t->need_done_);
	align_idmap_release(&t->need_);
	memset(t, 0, sizeof(*t));
}
