#include "blockers.h"

#include <stdlib.h>
#include <string.h>

#include "update.h"
#include "util/error.h"
#include "util/banned.h"

void align_blockers_init(struct align_blockers *b)
{
	memset(b, 0, sizeof(*b));
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

void align_blocker_normalize(struct align_buf *out, const char *text)
{
	size_t start = out->len;
	int space = 0;

	for (const char *p = text; *p; p++) {
		char c = *p;

		if (is_space(c)) {
			space = out->len > start;
			continue;
		}
		if (space) {
			align_buf_addch(out, ' ');
			space = 0;
		}
		align_buf_addch(out, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (out->len > start && strchr(".,;:!? ", out->ptr[out->len - 1])) {
		align_buf_setlen(out, out->len - 1);
	}
}

static void set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = align_strdup(src);
}

int align_blockers_add(struct align_blockers *b, const char *person,
		       const char *week, const char *text,
		       const char *update_id, const char *path)
{
	struct align_buf key = ALIGN_BUF_INIT, norm = ALIGN_BUF_INIT;
	struct align_period w;
	struct align_blocker *it;
	int64_t day;
	size_t i;

	if (align_week_parse(&w, week) < 0) {
		return ALIGN_EINVALID;
	}
	align_blocker_normalize(&norm, text);
	if (!norm.len) {
		align_buf_release(&norm);
		return ALIGN_EINVALID;
	}
	day = align_date_to_days(&w.start);
	align_buf_addf(&key, "%s\n%s", person, norm.ptr);
	if (align_idmap_get(&b->index_, key.ptr, &i)) {
		it = &b->items[i];
		align_buf_release(&key);
		align_buf_release(&norm);
	} else {
		ALIGN_ARRAY_GROW(b->items, b->alloc_, b->n + 1);
		it = &b->items[b->n];
		memset(it, 0, sizeof(*it));
		it->key = align_buf_detach(&norm, NULL);
		it->person = align_strdup(person);
		ALIGN_ARRAY_GROW(b->index_keys_, b->keys_alloc_, b->nkeys_ + 1);
		b->index_keys_[b->nkeys_] = align_buf_detach(&key, NULL);
		align_idmap_add(&b->index_, b->index_keys_[b->nkeys_++], b->n,
				NULL);
		b->n++;
	}
	/* The earliest week gives the text as first written. */
	if (!it->ndays_ || day < it->days_[0]) {
		set_str(&it->text, text);
		set_str(&it->first_update, update_id);
		set_str(&it->first_path, path);
		memcpy(it->first_week, w.name, sizeof(it->first_week));
	}
	if (!it->ndays_ || day > it->days_[it->ndays_ - 1] || !it->last_path) {
		set_str(&it->last_update, update_id);
		set_str(&it->last_path, path);
		memcpy(it->last_week, w.name, sizeof(it->last_week));
	}
	/* Kept sorted, so the first and last are at the ends. */
	ALIGN_ARRAY_GROW(it->days_, it->alloc_, it->ndays_ + 1);
	i = it->ndays_;
	while (i > 0 && it->days_[i - 1] > day) {
		it->days_[i] = it->days_[i - 1];
		i--;
	}
	it->days_[i] = day;
	it->ndays_++;
	return 0;
}

static int by_person_key(const void *a, const void *b)
{
	const struct align_blocker *x = a, *y = b;
	int c = strcmp(x->person, y->person);

	return c ? c : strcmp(x->key, y->key);
}

static void week_name(char out[16], int64_t monday)
{
	struct align_date d;
	struct align_period w;

	align_date_from_days(&d, monday);
	align_week_of(&w, &d);
	memcpy(out, w.name, 16);
}

void align_blockers_finish(struct align_blockers *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct align_blocker *it = &b->items[i];
		size_t kept = 0, run = 0;

		for (size_t k = 0; k < it->ndays_; k++) {
			if (!kept || it->days_[kept - 1] != it->days_[k]) {
				it->days_[kept++] = it->days_[k];
			}
		}
		it->ndays_ = kept;
		it->weeks = kept;
		if (kept) {
			run = 1;
			while (run < kept && it->days_[kept - run] -
							     it->days_[kept - run - 1] ==
						     7) {
				run++;
			}
			week_name(it->run_week, it->days_[kept - run]);
		}
		it->running = run;
	}
	if (b->n > 1) {
		qsort(b->items, b->n, sizeof(*b->items), by_person_key);
	}
	/* Re-index by the sorted positions. */
	align_idmap_release(&b->index_);
	for (size_t k = 0; k < b->nkeys_; k++) {
		free(b->index_keys_[k]);
	}
	b->nkeys_ = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct align_buf key = ALIGN_BUF_INIT;

		align_buf_addf(&key, "%s\n%s", b->items[i].person,
			       b->items[i].key);
		ALIGN_ARRAY_GROW(b->index_keys_, b->keys_alloc_, b->nkeys_ + 1);
		b->index_keys_[b->nkeys_] = align_buf_detach(&key, NULL);
		align_idmap_add(&b->index_, b->index_keys_[b->nkeys_++], i,
				NULL);
	}
}

void align_blockers_load(struct align_blockers *out,
			 const struct align_catalog *catalog,
			 const struct align_date *until)
{
	struct align_buf items = ALIGN_BUF_INIT;

	align_blockers_init(out);
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		const struct align_record *r = e->record;
		const char *week, *person, *id, *line, *nl;
		struct align_period w;

		if (e->kind != &align_kind_update || !r ||
		    strcmp(align_record_kind(r), align_kind_update.name) ||
		    !(week = align_record_get(r, "update", NULL, "week")) ||
		    align_week_parse(&w, week) < 0 ||
		    (until && align_date_to_days(&w.start) >
				      align_date_to_days(until))) {
			continue;
		}
		id = align_record_id(r);
		person = align_record_get(r, "update", NULL, "person");
		if (!person || !*person) {
			person = id ? id : e->path;
		}
		align_buf_clear(&items);
		align_record_section_items(r, align_update_sections[2], &items);
		for (line = items.ptr; (nl = strchr(line, '\n')); line = nl + 1) {
			char *text = align_strndup(line, (size_t)(nl - line));

			align_blockers_add(out, person, week, text,
					   id ? id : "", e->path);
			free(text);
		}
	}
	align_buf_release(&items);
	align_blockers_finish(out);
}

void align_blockers_release(struct align_blockers *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct align_blocker *it = &b->items[i];

		free(it->text);
		free(it->key);
		free(it->person);
		free(it->first_update);
		free(it->first_path);
		free(it->last_update);
		free(it->last_path);
		free(it->days_);
	}
	free(b->items);
	for (size_t k = 0; k < b->nkeys_; k++) {
		free(b->index_keys_[k]);
	}
	free(b->index_keys_);
	align_idmap_release(&b->index_);
	memset(b, 0, sizeof(*b));
}
