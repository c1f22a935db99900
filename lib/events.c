#include "events.h"

#include <stdlib.h>
#include <string.h>

#include "workflow.h"
#include "util/banned.h"

static char *dup_or_null(const char *s)
{
	return s ? align_strdup(s) : NULL;
}

static int is_trailer(const char *line, size_t len)
{
	size_t n = 6;

	if (len < 8 || strncmp(line, "Align-", 6)) {
		return 0;
	}
	while (n < len && ((line[n] >= 'A' && line[n] <= 'Z') ||
			   (line[n] >= 'a' && line[n] <= 'z') || line[n] == '-')) {
		n++;
	}
	return n > 6 && n + 1 < len && line[n] == ':' && line[n + 1] == ' ';
}

int align_events_note(struct align_buf *note, int *late, const char *message,
		      const char *path)
{
	const char *summary_end = strchr(message, '\n');
	const char *end = message + strlen(message);
	const char *trailers = NULL, *p;
	size_t plen = strlen(path);
	int named = 0;

	align_buf_clear(note);
	*late = 0;
	while (end > message && end[-1] == '\n') {
		end--;
	}
	/* The trailer block: the last paragraph. */
	for (p = end; p - message >= 2; p--) {
		if (p[-1] == '\n' && p[-2] == '\n') {
			trailers = p;
			break;
		}
	}
	if (!trailers || !summary_end || summary_end[1] != '\n' ||
	    summary_end == message || !plen ||
	    strncmp(trailers, "Align-Record: ", 14)) {
		return 0;
	}
	/* A commit of several records names each: one must be `path`. */
	for (p = trailers; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (!is_trailer(p, len)) {
			return 0;
		}
		if (len == 14 + plen && !strncmp(p, "Align-Record: ", 14) &&
		    !strncmp(p + 14, path, plen)) {
			named = 1;
		}
		if (len > 20 && !strncmp(p, "Align-Late-Checkin: ", 20)) {
			*late = 1;
		}
		p += len + (nl != NULL);
	}
	if (!named) {
		return 0;
	}
	/* The note: every line between the summary and the trailers. */
	for (p = summary_end + 2; p < trailers - 2; p++) {
		if (*p != '\n') {
			align_buf_addch(note, *p);
		} else if (note->len && note->ptr[note->len - 1] != ' ') {
			align_buf_addch(note, ' ');
		}
	}
	align_buf_rtrim(note);
	return 1;
}

/* The note of an align commit for `path`, or NULL. */
static char *commit_note(const char *message, const char *path)
{
	struct align_buf note = ALIGN_BUF_INIT;
	int late;

	if (!message || !align_events_note(&note, &late, message, path) ||
	    !note.len) {
		align_buf_release(&note);
		return NULL;
	}
	return align_buf_detach(&note, NULL);
}

static struct align_event *new_event(struct align_events *out,
				     const struct align_history_entry *e,
				     const struct align_people *people,
				     const struct align_record *r)
{
	const struct align_person *p =
		align_people_by_email(people, e->commit->author_email);
	struct align_event *ev;

	ALIGN_ARRAY_GROW(out->items, out->alloc, out->count + 1);
	ev = &out->items[out->count++];
	memset(ev, 0, sizeof(*ev));
	memcpy(ev->commit, e->commit->id, sizeof(ev->commit));
	ev->when = e->commit->author_time;
	ev->who = align_strdup(p ? p->handle : e->commit->author_name);
	ev->name = align_strdup(p && p->name ? p->name
					    : e->commit->author_name);
	ev->email = align_strdup(e->commit->author_email);
	ev->kind = align_strdup(align_record_kind(r));
	ev->kind_of = align_kind_find(ev->kind);
	ev->id = align_strdup(align_record_id(r) ? align_record_id(r) : e->path);
	ev->path = align_strdup(e->path);
	ev->note = commit_note(e->commit->message, e->path);
	return ev;
}

static void set_change(struct align_event *ev,
		       const struct align_record_change *c)
{
	ev->section = dup_or_null(c->section);
	ev->sub = dup_or_null(c->sub);
	ev->key = dup_or_null(c->key);
	ev->old_value = dup_or_null(c->old_value);
	ev->new_value = dup_or_null(c->new_value);
}

static void field_name(struct align_buf *out, const struct align_record *r,
		       const struct align_record_change *c)
{
	if (!strcmp(c->section, align_record_kind(r)) && !c->sub) {
		align_buf_adds(out, c->key);
	} else if (c->sub) {
		align_buf_addf(out, "%s %s %s", c->section, c->sub, c->key);
	} else {
		align_buf_addf(out, "%s %s", c->section, c->key);
	}
}

static int same_change(const struct align_record_change *a,
		       const struct align_record_change *b)
{
	return a->type == b->type && !strcmp(a->key, b->key) &&
	       ((!a->section && !b->section) ||
		(a->section && b->section && !strcmp(a->section, b->section))) &&
	       ((!a->sub && !b->sub) ||
		(a->sub && b->sub && !strcmp(a->sub, b->sub)));
}

/* For a merge: is `c` also a change against every other parent? */
static int changed_from_others(const struct align_history_entry *e,
			       const struct align_record_change *c)
{
	for (size_t k = 0; k < e->nothers; k++) {
		struct align_record_diff d = ALIGN_RECORD_DIFF_INIT;
		int found = 0;

		align_record_diff(&d, e->others[k], e->new_);
		for (size_t i = 0; i < d.count && !found; i++) {
			found = same_change(&d.items[i], c);
		}
		align_record_diff_release(&d);
		if (!found) {
			return 0;
		}
	}
	return 1;
}

static const char *shown(const char *v)
{
	return v && *v ? v : "(none)";
}

/* The workflow move a change of the kind's status stands for, or NULL. */
static const struct align_move *state_move(const struct align_kind *kind,
					   const struct align_record *r,
					   const struct align_record_change *c)
{
	if (!kind || !kind->moves || strcmp(c->section, kind->name) ||
	    strcmp(align_record_kind(r), kind->name) || c->sub ||
	    strcmp(c->key, "status") || !c->new_value) {
		return NULL;
	}
	return align_workflow_move_to(kind, c->old_value, c->new_value);
}

void align_events_add_entry(struct align_events *out,
			    const struct align_history_entry *e,
			    const struct align_people *people)
{
	const struct align_record *r = e->new_ ? e->new_ : e->old;
	const struct align_kind *kind = align_kind_find(align_record_kind(r));
	struct align_record_diff diff = ALIGN_RECORD_DIFF_INIT;
	struct align_buf text = ALIGN_BUF_INIT;
	enum align_event_type action;
	struct align_buf changed = ALIGN_BUF_INIT, edited = ALIGN_BUF_INIT;
	struct align_event *ev;
	size_t nchanged = 0;

	if (!e->old || !e->new_) {
		ev = new_event(out, e, people, r);
		ev->type = e->old ? ALIGN_EVENT_DELETED : ALIGN_EVENT_CREATED;
		align_buf_addf(&text, "%s %s %s", align_event_action(ev),
			       ev->kind, ev->id);
		ev->text = align_buf_detach(&text, NULL);
		return;
	}
	if (strcmp(e->old_path, e->path)) {
		ev = new_event(out, e, people, r);
		ev->type = ALIGN_EVENT_RENAMED;
		align_buf_addf(&text, "moved %s %s to %s", ev->kind, ev->id,
			       e->path);
		ev->text = align_buf_detach(&text, NULL);
	}
	align_record_diff(&diff, e->old, e->new_);
	for (size_t i = 0; i < diff.count; i++) {
		const struct align_record_change *c = &diff.items[i];
		const struct align_move *move = NULL;
		int said = 0;

		if (!changed_from_others(e, c)) {
			continue; /* a merge brought it from another parent */
		}

		if (c->type == ALIGN_CHANGE_PROSE) {
			align_buf_addf(&edited, "%s%s", edited.len ? ", " : "",
				       c->key);
			continue;
		}
		if (c->type == ALIGN_CHANGE_TITLE) {
			align_buf_addf(&changed, "%stitle %s → %s",
				       nchanged++ ? ", " : "",
				       shown(c->old_value), shown(c->new_value));
			continue;
		}
		align_buf_clear(&text);
		if (kind && kind->describe) {
			said = kind->describe(e->old, e->new_, c, &action,
					      &text);
		}
		if (said < 0) {
			continue;
		}
		if (!said && (move = state_move(kind, r, c))) {
			said = 1;
			action = ALIGN_EVENT_MOVED_TO_STATE;
			align_buf_addf(&text, "%s %s %s", move->past, kind->name,
				       align_record_id(r) ? align_record_id(r)
							  : e->path);
		}
		if (said > 0) {
			ev = new_event(out, e, people, r);
			ev->type = action;
			ev->move = action == ALIGN_EVENT_MOVED_TO_STATE ? move
									: NULL;
			ev->text = align_strdup(text.ptr);
			set_change(ev, c);
			continue;
		}
		align_buf_adds(&changed, nchanged++ ? ", " : "");
		field_name(&changed, r, c);
		align_buf_addf(&changed, " %s → %s", shown(c->old_value),
			       shown(c->new_value));
	}
	if (nchanged) {
		ev = new_event(out, e, people, r);
		ev->type = ALIGN_EVENT_FIELD_CHANGED;
		align_buf_clear(&text);
		align_buf_addf(&text, "changed %s %s: %s", ev->kind, ev->id,
			       changed.ptr);
		ev->text = align_buf_detach(&text, NULL);
	}
	if (edited.len) {
		ev = new_event(out, e, people, r);
		ev->type = ALIGN_EVENT_EDITED;
		align_buf_clear(&text);
		align_buf_addf(&text, "edited %s %s: %s", ev->kind, ev->id,
			       edited.ptr);
		ev->text = align_buf_detach(&text, NULL);
	}
	align_record_diff_release(&diff);
	align_buf_release(&text);
	align_buf_release(&changed);
	align_buf_release(&edited);
}

static void event_release(struct align_event *ev)
{
	free(ev->who);
	free(ev->name);
	free(ev->email);
	free(ev->kind);
	free(ev->id);
	free(ev->path);
	free(ev->text);
	free(ev->note);
	free(ev->section);
	free(ev->sub);
	free(ev->key);
	free(ev->old_value);
	free(ev->new_value);
}

void align_events_release(struct align_events *events)
{
	for (size_t i = 0; i < events->count; i++) {
		event_release(&events->items[i]);
	}
	free(events->items);
	memset(events, 0, sizeof(*events));
}

const char *align_event_action(const struct align_event *ev)
{
	switch (ev->type) {
	case ALIGN_EVENT_CREATED:
		return "created";
	case ALIGN_EVENT_DELETED:
		return "deleted";
	case ALIGN_EVENT_RENAMED:
		return "moved";
	case ALIGN_EVENT_MOVED_TO_STATE:
		return ev->move ? ev->move->past : "moved";
	case ALIGN_EVENT_CHECKED_IN:
		return "checked in";
	case ALIGN_EVENT_PART_ADDED:
		return ev->kind_of && ev->kind_of->part_added
			       ? ev->kind_of->part_added
			       : "added";
	case ALIGN_EVENT_PART_REMOVED:
		return ev->kind_of && ev->kind_of->part_removed
			       ? ev->kind_of->part_removed
			       : "removed";
	case ALIGN_EVENT_FIELD_CHANGED:
		return "changed";
	case ALIGN_EVENT_EDITED:
		return "edited";
	}
	return "changed";
}

struct recent {
	struct align_events *out;
	const struct align_people *people;
	size_t max;
};

static int add_recent(const struct align_history_entry *e, void *payload)
{
	struct recent *st = payload;

	align_events_add_entry(st->out, e, st->people);
	/* Newest first: enough once `max` are in, or at the creation. */
	return st->out->count >= st->max || (!e->old && e->new_);
}

int align_events_recent(struct align_events *out, struct align_repo *repo,
			const char *id, const char *path, const char *rev,
			size_t max,
			const struct align_people *people,
			struct align_diags *warnings)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_history_opts ho;
	struct recent st = { out, people, max };
	int ret;

	if (!max) {
		return 0;
	}
	align_history_opts_init(&ho);
	align_kind_folders(folders, repo);
	ho.folders = folders;
	ho.id = id;
	ho.path = path;
	ho.rev = rev;
	ret = align_history_walk(repo, &ho, add_recent, &st, warnings);
	while (out->count > max) {
		event_release(&out->items[--out->count]);
	}
	return ret < 0 ? ret : 0;
}
