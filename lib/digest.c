#include "digest.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "update.h"
#include "util/banned.h"

void align_digest_init(struct align_digest *d, const struct align_period *week)
{
	memset(d, 0, sizeof(*d));
	d->week = *week;
}

/*
 * The "## Notes" lines (align update -m adds one a note), without the
 * backslash that keeps a note from reading as Markdown markup.
 */
static void read_notes(const struct align_record *r, struct align_buf *out)
{
	struct align_buf raw = ALIGN_BUF_INIT;
	const char *line = NULL, *nl;

	align_record_section_lines(r, "Notes", &raw);
	for (line = raw.ptr; (nl = strchr(line, '\n')); line = nl + 1) {
		if (line[0] == '\\' && line + 1 < nl &&
		    strchr("\\#>-*+=|.)0123456789`_[]!", line[1])) {
			line++;
		}
		align_buf_add(out, line, (size_t)(nl - line + 1));
	}
	align_buf_release(&raw);
}

int align_digest_add_update(struct align_digest *d,
			    const struct align_record *r)
{
	const char *w, *who;
	struct align_digest_update *u;

	if (!r || strcmp(align_record_kind(r), align_kind_update.name) ||
	    !(w = align_record_get(r, "update", NULL, "week")) ||
	    strcmp(w, d->week.name)) {
		return 0;
	}
	who = align_record_get(r, "update", NULL, "person");
	ALIGN_ARRAY_GROW(d->updates, d->alloc, d->nupdates + 1);
	u = &d->updates[d->nupdates++];
	u->record = r;
	u->person = who && *who ? who : align_record_id(r);
	for (int k = 0; k < 3; k++) {
		align_buf_init(&u->items[k]);
		align_record_section_items(r, align_update_sections[k],
					   &u->items[k]);
	}
	align_buf_init(&u->notes);
	read_notes(r, &u->notes);
	return 1;
}

static size_t count_lines(const struct align_buf *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->len; i++) {
		n += b->ptr[i] == '\n';
	}
	return n;
}

/* Is this event a check-in of a key result? */
static int is_checkin(const struct align_event *ev)
{
	return ev->type == ALIGN_EVENT_CHECKED_IN;
}

void align_digest_group(struct align_digest *d,
			const struct align_people *roster)
{
	free(d->checkins);
	free(d->changes);
	free(d->missing);
	d->ncheckins = d->nchanges = d->nmissing = d->nblockers = 0;
	d->checkins = align_calloc(d->events.count + 1, sizeof(*d->checkins));
	d->changes = align_calloc(d->events.count + 1, sizeof(*d->changes));
	for (size_t i = 0; i < d->events.count; i++) {
		if (is_checkin(&d->events.items[i])) {
			d->checkins[d->ncheckins++] = i;
		} else {
			d->changes[d->nchanges++] = i;
		}
	}
	for (size_t i = 0; i < d->nupdates; i++) {
		d->nblockers += count_lines(&d->updates[i].items[2]);
	}
	d->missing = align_calloc(roster->count + 1, sizeof(*d->missing));
	for (size_t p = 0; p < roster->count; p++) {
		const char *handle = roster->items[p].handle;
		int posted = 0;

		for (size_t i = 0; i < d->nupdates && !posted; i++) {
			posted = handle && !strcmp(d->updates[i].person, handle);
		}
		if (!posted && handle) {
			d->missing[d->nmissing++] = handle;
		}
	}
}

struct walk_state {
	struct align_digest *digest;
	const struct align_people *roster;
};

static int keep_event(const struct align_history_entry *e, void *payload)
{
	struct walk_state *st = payload;
	const struct align_record *r = e->new_ ? e->new_ : e->old;

	if (!strcmp(align_record_kind(r), align_kind_update.name)) {
		return 0; /* the updates are shown whole */
	}
	align_events_add_entry(&st->digest->events, e, st->roster);
	return 0;
}

int align_digest_load(struct align_digest *out, struct align_repo *repo,
		      const struct align_period *week,
		      const struct align_catalog *catalog,
		      const struct align_people *roster,
		      struct align_diags *warnings)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_history_opts ho;
	struct walk_state st;
	int ret;

	align_digest_init(out, week);
	for (size_t i = 0; i < catalog->count; i++) {
		if (catalog->entries[i].kind == &align_kind_update) {
			align_digest_add_update(out, catalog->entries[i].record);
		}
	}
	align_history_opts_init(&ho);
	align_kind_folders(folders, repo);
	ho.folders = folders;
	ho.since = align_date_to_days(&week->start) * (int64_t)86400;
	ho.until = align_date_to_days(&week->end) * (int64_t)86400 + 86399;
	st.digest = out;
	st.roster = roster;
	ret = align_history_walk(repo, &ho, keep_event, &st, warnings);
	align_digest_group(out, roster);
	return ret < 0 ? ret : 0;
}

void align_digest_release(struct align_digest *d)
{
	for (size_t i = 0; i < d->nupdates; i++) {
		for (int k = 0; k < 3; k++) {
			align_buf_release(&d->updates[i].items[k]);
		}
		align_buf_release(&d->updates[i].notes);
	}
	free(d->updates);
	align_events_release(&d->events);
	free(d->checkins);
	free(d->changes);
	free(d->missing);
	memset(d, 0, sizeof(*d));
}
