#include "okr-history.h"

#include <stdlib.h>
#include <string.h>

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

/*
 * Appends the version of key result `kr` in `e` to `h` when its `current`
 * changed there (or the key result appeared with one).
 */
static void collect_kr(struct align_okr_history *h,
		       const struct align_history_entry *e, const char *kr,
		       const struct align_people *people)
{
	const char *now, *was, *unit;
	const struct align_person *p;
	struct align_okr_value *v;
	int added = 1;

	now = align_record_get(e->new_, "kr", kr, "current");
	if (e->old && align_ini_find_section(&e->old->ini, "kr", kr) >= 0) {
		added = 0;
		was = align_record_get(e->old, "kr", kr, "current");
		if (was && now && !strcmp(was, now)) {
			return;
		}
	}
	if (!now || !*now) {
		return;
	}
	p = align_people_by_email(people, e->commit->author_email);
	unit = align_record_get(e->new_, "kr", kr, "unit");
	ALIGN_ARRAY_GROW(h->items, h->alloc, h->count + 1);
	v = &h->items[h->count++];
	memset(v, 0, sizeof(*v));
	memcpy(v->commit, e->commit->id, sizeof(v->commit));
	v->when = e->commit->author_time;
	v->who = align_strdup(p ? p->handle : e->commit->author_name);
	v->email = align_strdup(e->commit->author_email);
	v->value = align_strdup(now);
	v->confidence = dup_or_null(
		align_record_get(e->new_, "kr", kr, "confidence"));
	v->unit = align_strdup(unit && *unit ? unit : "-");
	v->note = value_note(e, &v->late);
	v->added = added;
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

static int collect_trails(const struct align_history_entry *e, void *payload)
{
	struct align_okr_trails *t = payload;
	const struct align_ini *ini;
	const char *id;

	if (!e->new_ || e->commit->author_time.seconds < t->since ||
	    e->commit->author_time.seconds > t->until ||
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

		if (!strcmp(sec->name, "kr") && sec->sub) {
			collect_kr(&trail_of(t, id, sec->sub, 1)->values, e,
				   sec->sub, t->people);
		}
	}
	return 0;
}

struct align_history_consumer align_okr_trails_consumer(
	struct align_okr_trails *t)
{
	struct align_history_consumer c = { collect_trails, t };
	return c;
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
	memset(t, 0, sizeof(*t));
}
