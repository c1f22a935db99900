/*
 * The decision log across records and history: lives, decision rights,
 * revisits and renumbering.
 */
#include "decision-log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decision.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char *field(const struct align_record *r, const char *key)
{
	const char *v = r ? align_record_get(r, "decision", NULL, key) : NULL;

	return v && *v ? v : NULL;
}

static int is_decision(const struct align_record *r)
{
	return r && !strcmp(align_record_kind(r), align_kind_decision.name) &&
	       align_record_id(r) && *align_record_id(r);
}

/* ---- a decision's life -------------------------------------------------- */

static void add_step(struct align_decision_life *out,
		     const struct align_timeline_event *ev, const char *id,
		     int renumbered, const struct align_people *people)
{
	const struct align_person *p =
		people ? align_people_by_email(people, ev->email) : NULL;
	struct align_decision_step *s;

	ALIGN_ARRAY_GROW(out->steps, out->alloc, out->n + 1);
	s = &out->steps[out->n++];
	s->event = ev;
	s->id = id;
	s->renumbered = renumbered;
	s->who = p ? p->handle : ev->author;
}

void align_decision_life(struct align_decision_life *out,
			 const struct align_timeline *timeline,
			 const struct align_record *decision,
			 const struct align_people *people)
{
	struct align_buf old = ALIGN_BUF_INIT;
	const char **ids;
	size_t n = align_decision_old_ids(decision, &old), k = 0;

	memset(out, 0, sizeof(*out));
	ids = align_calloc(n + 2, sizeof(*ids));
	/* renumbered-from is newest first: walk it backwards. */
	for (size_t pos = 0, i = 0; i < n; i++) {
		ids[n - 1 - i] = old.ptr + pos;
		pos += strlen(old.ptr + pos) + 1;
	}
	ids[n] = align_record_id(decision);
	for (k = 0; k <= n; k++) {
		const struct align_timeline_record *tl =
			align_timeline_find(timeline, ids[k]);

		for (size_t e = 0; tl && e < tl->nevents; e++) {
			add_step(out, &tl->events[e], tl->id,
				 e == 0 && out->n > 0, people);
		}
	}
	free(ids);
	align_buf_release(&old);
}

void align_decision_life_release(struct align_decision_life *life)
{
	free(life->steps);
	memset(life, 0, sizeof(*life));
}

/* ---- decision rights ---------------------------------------------------- */

void align_decision_rights_init(struct align_decision_rights *r)
{
	memset(r, 0, sizeof(*r));
}

static const char *status_of(const struct align_record *r)
{
	const char *s = field(r, "status");

	return s ? s : "";
}

static int see_acceptance(const struct align_history_entry *e, void *payload)
{
	struct align_decision_rights *r = payload;
	struct align_decision_acceptance *a;
	const char *id;
	size_t first;

	if (!is_decision(e->new_) || !is_decision(e->old) ||
	    strcmp(status_of(e->new_), ALIGN_DECISION_ACCEPTED) ||
	    !strcmp(status_of(e->old), ALIGN_DECISION_ACCEPTED)) {
		return 0;
	}
	/* A merge that took the acceptance from the branch that made it. */
	for (size_t k = 0; k < e->nothers; k++) {
		if (!strcmp(status_of(e->others[k]), ALIGN_DECISION_ACCEPTED)) {
			return 0;
		}
	}
	id = align_record_id(e->new_);
	ALIGN_ARRAY_GROW(r->items, r->alloc, r->n + 1);
	ALIGN_ARRAY_GROW(r->next_, r->next_alloc_, r->n + 1);
	a = &r->items[r->n];
	a->id = align_strdup(id);
	a->deciders = align_strdup(field(e->old, "deciders")
					   ? field(e->old, "deciders")
					   : "");
	memcpy(a->commit, e->commit->id, sizeof(a->commit));
	a->author = align_strdup(e->commit->author_name ? e->commit->author_name
							: "");
	a->email = align_strdup(e->commit->author_email
					? e->commit->author_email
					: "");
	a->when = e->commit->author_time.seconds;
	r->next_[r->n] = SIZE_MAX;
	if (!align_idmap_add(&r->first_, a->id, r->n, &first)) {
		/* Newest first: chain this older one after the others. */
		size_t i = first;
		while (r->next_[i] != SIZE_MAX) {
			i = r->next_[i];
		}
		r->next_[i] = r->n;
	}
	r->n++;
	return 0;
}

struct align_history_consumer align_decision_rights_consumer(
	struct align_decision_rights *r)
{
	struct align_history_consumer c = { see_acceptance, r, NULL, NULL };

	return c;
}

static void check_one(const struct align_decision_rights *r,
		      const struct align_entry *e, const char *id,
		      const struct align_people *people,
		      struct align_diags *out)
{
	size_t i;

	if (!align_idmap_get(&r->first_, id, &i)) {
		return;
	}
	for (; i != SIZE_MAX; i = r->next_[i]) {
		const struct align_decision_acceptance *a = &r->items[i];
		const struct align_person *p =
			people ? align_people_by_email(people, a->email) : NULL;
		size_t line = align_record_line(e->record, "decision", NULL,
						"status");

		if (p && align_decision_list_has(a->deciders, p->handle)) {
			continue;
		}
		if (p) {
			align_diags_add(out, e->path, line, ALIGN_SEV_WARNING,
					"decision '%s' was accepted in commit "
					"%.12s by %s <%s> (%s), who is not "
					"among its deciders (%s)",
					id, a->commit, a->author, a->email,
					p->handle,
					*a->deciders ? a->deciders : "none");
		} else {
			align_diags_add(out, e->path, line, ALIGN_SEV_WARNING,
					"decision '%s' was accepted in commit "
					"%.12s by %s <%s>, who is not in the "
					"roster nor among its deciders (%s)",
					id, a->commit, a->author, a->email,
					*a->deciders ? a->deciders : "none");
		}
	}
}

void align_decision_rights_check(const struct align_decision_rights *r,
				 const struct align_catalog *catalog,
				 const struct align_people *people,
				 struct align_diags *out)
{
	struct align_buf old = ALIGN_BUF_INIT;

	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		size_t n;

		if (e->kind != &align_kind_decision || !is_decision(e->record)) {
			continue;
		}
		check_one(r, e, align_record_id(e->record), people, out);
		align_buf_clear(&old);
		n = align_decision_old_ids(e->record, &old);
		for (size_t pos = 0; n--; pos += strlen(old.ptr + pos) + 1) {
			check_one(r, e, old.ptr + pos, people, out);
		}
	}
	align_buf_release(&old);
}

void align_decision_rights_release(struct align_decision_rights *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].id);
		free(r->items[i].deciders);
		free(r->items[i].author);
		free(r->items[i].email);
	}
	free(r->items);
	free(r->next_);
	align_idmap_release(&r->first_);
	memset(r, 0, sizeof(*r));
}

/* ---- revisits ----------------------------------------------------------- */

int align_decision_revisit_due(const struct align_record *r,
			       const struct align_date *today)
{
	const char *revisit = field(r, "revisit");
	struct align_date d;

	return is_decision(r) && !strcmp(status_of(r), ALIGN_DECISION_ACCEPTED) &&
	       revisit && align_date_parse(&d, revisit) == 0 &&
	       align_date_to_days(&d) <= align_date_to_days(today);
}

/* ---- renumbering -------------------------------------------------------- */

static int word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

size_t align_decision_replace_id(struct align_buf *out, const char *text,
				 size_t len, const char *old,
				 const char *new_)
{
	size_t olen = strlen(old), count = 0, i = 0;

	while (i < len) {
		const char *hit = olen && len - i >= olen
					  ? memchr(text + i, old[0], len - i)
					  : NULL;
		size_t at;

		if (!hit) {
			break;
		}
		at = (size_t)(hit - text);
		if (len - at >= olen && !memcmp(hit, old, olen) &&
		    (at == 0 || !word_byte(text[at - 1])) &&
		    (at + olen == len || !word_byte(text[at + olen]))) {
			align_buf_add(out, text + i, at - i);
			align_buf_adds(out, new_);
			i = at + olen;
			count++;
			continue;
		}
		align_buf_add(out, text + i, at + 1 - i);
		i = at + 1;
	}
	align_buf_add(out, text + i, len - i);
	return count;
}

/* Parses `bytes` at `path` into a record, or says why not in `err`. */
static int reparse(struct align_record **out, const char *path,
		   const struct align_buf *bytes,
		   const struct align_record_limits *limits,
		   struct align_buf *err)
{
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret = align_record_parse(out, path, bytes->ptr, bytes->len, limits,
				     &diags);

	if (ret < 0) {
		align_buf_addf(err, "'%s' would not read back with the new id: "
				    "%s",
			       path,
			       diags.count ? diags.items[0].message : "invalid");
	}
	align_diags_clear(&diags);
	return ret;
}

int align_decision_renumber(struct align_decision_renumber *out,
			    const struct align_catalog *catalog,
			    struct align_repo *repo,
			    const struct align_entry *decision,
			    struct align_buf *err)
{
	const struct align_record *d = decision->record;
	const char *old_id = align_record_id(d);
	struct align_buf bytes = ALIGN_BUF_INIT, path = ALIGN_BUF_INIT;
	struct align_buf value = ALIGN_BUF_INIT;
	struct align_record *r = NULL;
	char number[24];
	const char *rest = old_id + strspn(old_id, "0123456789");
	const char *prev;
	long next;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	align_buf_init(&out->unreadable);
	align_buf_clear(err);
	if ((next = align_catalog_next_serial(catalog, repo,
					      &align_kind_decision)) < 0) {
		align_buf_sets(err, align_repo_error(repo));
		return ALIGN_ERROR;
	}
	snprintf(number, sizeof(number), "%04ld", next);
	out->old_id = align_strdup(old_id);
	align_buf_addf(&value, "%s%s", number, *rest == '-' ? rest : "-x");
	out->new_id = align_buf_detach(&value, NULL);
	out->old_path = align_strdup(decision->path);
	out->records = align_calloc(catalog->count + 1, sizeof(*out->records));

	/* The decision itself, at its new path. */
	{
		const char *slash = strrchr(decision->path, '/');
		align_buf_add(&path, decision->path,
			      slash ? (size_t)(slash - decision->path + 1) : 0);
		align_buf_addf(&path, "%s.md", out->new_id);
	}
	align_decision_replace_id(&bytes, d->bytes.ptr, d->bytes.len, old_id,
				  out->new_id);
	if ((ret = reparse(&r, path.ptr, &bytes, &d->limits, err)) < 0) {
		goto done;
	}
	prev = field(d, "renumbered-from");
	align_buf_clear(&value);
	align_buf_addf(&value, "%s%s%s", old_id, prev ? ", " : "",
		       prev ? prev : "");
	if ((ret = align_record_set(r, "decision", NULL, "id", out->new_id,
				    err)) < 0 ||
	    (ret = align_record_set(r, "decision", NULL, "number", number,
				    err)) < 0 ||
	    (ret = align_record_set(r, "decision", NULL, "renumbered-from",
				    value.ptr, err)) < 0) {
		goto done;
	}
	out->records[out->n++] = r;
	r = NULL;

	/* Every other record that names the old id. */
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		struct align_buf raw = ALIGN_BUF_INIT;

		if (e == decision) {
			continue;
		}
		if (!e->record) {
			/* Not readable: say so when it names the old id. */
			if (!e->skipped && align_repo_read(repo, e->path, &raw) ==
						   0) {
				align_buf_clear(&bytes);
				if (align_decision_replace_id(&bytes, raw.ptr,
							      raw.len, old_id,
							      out->new_id)) {
					align_buf_adds(&out->unreadable,
						       e->path);
					align_buf_addch(&out->unreadable, '\0');
				}
			}
			align_buf_release(&raw);
			continue;
		}
		align_buf_clear(&bytes);
		if (!align_decision_replace_id(&bytes, e->record->bytes.ptr,
					       e->record->bytes.len, old_id,
					       out->new_id)) {
			continue;
		}
		if ((ret = reparse(&r, e->path, &bytes, &e->record->limits,
				   err)) < 0) {
			goto done;
		}
		out->records[out->n++] = r;
		r = NULL;
	}
done:
	align_record_free(r);
	align_buf_release(&bytes);
	align_buf_release(&path);
	align_buf_release(&value);
	return ret;
}

void align_decision_renumber_release(struct align_decision_renumber *r)
{
	for (size_t i = 0; i < r->n; i++) {
		align_record_free(r->records[i]);
	}
	free(r->records);
	free(r->old_id);
	free(r->new_id);
	free(r->old_path);
	align_buf_release(&r->unreadable);
	memset(r, 0, sizeof(*r));
}
