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

static int collect(const struct align_history_entry *e, void *payload)
{
	struct collect *c = payload;
	struct align_okr_history *h = c->out;
	const char *now, *was, *unit;
	const struct align_person *p;
	struct align_okr_value *v;

	if (!e->new_ || align_ini_find_section(&e->new_->ini, "kr", c->kr) < 0) {
		return 0;
	}
	now = align_record_get(e->new_, "kr", c->kr, "current");
	if (e->old && align_ini_find_section(&e->old->ini, "kr", c->kr) >= 0) {
		was = align_record_get(e->old, "kr", c->kr, "current");
		if (was && now && !strcmp(was, now)) {
			return 0;
		}
	}
	if (!now || !*now) {
		return 0;
	}
	p = align_people_by_email(c->people, e->commit->author_email);
	unit = align_record_get(e->new_, "kr", c->kr, "unit");
	ALIGN_ARRAY_GROW(h->items, h->alloc, h->count + 1);
	v = &h->items[h->count++];
	memset(v, 0, sizeof(*v));
	memcpy(v->commit, e->commit->id, sizeof(v->commit));
	v->when = e->commit->author_time;
	v->who = align_strdup(p ? p->handle : e->commit->author_name);
	v->email = align_strdup(e->commit->author_email);
	v->value = align_strdup(now);
	v->confidence = dup_or_null(
		align_record_get(e->new_, "kr", c->kr, "confidence"));
	v->unit = align_strdup(unit && *unit ? unit : "-");
	v->note = value_note(e, &v->late);
	return 0;
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
	/* The walk goes newest first; a history reads oldest first. */
	for (size_t i = 0; i < out->count / 2; i++) {
		struct align_okr_value t = out->items[i];
		out->items[i] = out->items[out->count - 1 - i];
		out->items[out->count - 1 - i] = t;
	}
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
