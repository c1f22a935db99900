#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

static void add(struct align_record_diff *d, enum align_change_type type,
		const char *section, const char *sub, const char *key,
		const char *old, const char *new_)
{
	struct align_record_change *c;

	ALIGN_ARRAY_GROW(d->items, d->alloc, d->count + 1);
	c = &d->items[d->count++];
	c->type = type;
	c->section = section;
	c->sub = sub;
	c->key = key;
	c->old_value = old;
	c->new_value = new_;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* An empty field says nothing: adding or removing one is no change. */
static int same_value(const char *a, const char *b)
{
	return same_str(a && *a ? a : NULL, b && *b ? b : NULL);
}

static const char *value_in(const struct align_record *r,
			    const struct align_ini_section *s, const char *key)
{
	return r ? align_record_get(r, s->name, s->sub, key) : NULL;
}

static void diff_fields(struct align_record_diff *d,
			const struct align_record *old,
			const struct align_record *new_)
{
	if (new_) {
		for (size_t i = 0; i < new_->ini.nfields; i++) {
			const struct align_ini_field *f = &new_->ini.fields[i];
			const struct align_ini_section *s =
				&new_->ini.sections[f->section];
			const char *was = value_in(old, s, f->key);

			if (!same_value(was, f->value)) {
				add(d, ALIGN_CHANGE_FIELD, s->name, s->sub,
				    f->key, was, f->value);
			}
		}
	}
	if (old) {
		for (size_t i = 0; i < old->ini.nfields; i++) {
			const struct align_ini_field *f = &old->ini.fields[i];
			const struct align_ini_section *s =
				&old->ini.sections[f->section];

			if (!value_in(new_, s, f->key) && *f->value) {
				add(d, ALIGN_CHANGE_FIELD, s->name, s->sub,
				    f->key, f->value, NULL);
			}
		}
	}
}

/* The bytes of the prose section at index `i` (heading line excluded). */
static void section_text(struct align_buf *out, const struct align_record *r,
			 size_t i)
{
	const struct align_md_section *s = &r->outline.sections[i];
	size_t first = s->line + 1, last = s->end_line;

	align_buf_clear(out);
	for (size_t l = first; l <= last && l <= r->nlines; l++) {
		size_t start = r->line_starts[l - 1];
		size_t end = l < r->nlines ? r->line_starts[l] : r->bytes.len;
		align_buf_add(out, r->bytes.ptr + start, end - start);
	}
	align_buf_rtrim(out);
}

static long find_section(const struct align_record *r, const char *heading)
{
	for (size_t i = 0; r && i < r->outline.nsections; i++) {
		if (!strcmp(r->outline.sections[i].heading, heading)) {
			return (long)i;
		}
	}
	return -1;
}

static void diff_prose(struct align_record_diff *d,
		       const struct align_record *old,
		       const struct align_record *new_)
{
	struct align_buf a = ALIGN_BUF_INIT, b = ALIGN_BUF_INIT;

	for (size_t i = 0; new_ && i < new_->outline.nsections; i++) {
		const char *h = new_->outline.sections[i].heading;
		long j = find_section(old, h);

		section_text(&b, new_, i);
		if (j >= 0) {
			section_text(&a, old, (size_t)j);
			if (a.len == b.len && !memcmp(a.ptr, b.ptr, a.len)) {
				continue;
			}
		}
		add(d, ALIGN_CHANGE_PROSE, NULL, NULL, h, j >= 0 ? h : NULL, h);
	}
	for (size_t i = 0; old && i < old->outline.nsections; i++) {
		const char *h = old->outline.sections[i].heading;
		if (find_section(new_, h) < 0) {
			add(d, ALIGN_CHANGE_PROSE, NULL, NULL, h, h, NULL);
		}
	}
	align_buf_release(&a);
	align_buf_release(&b);
}

void align_record_diff(struct align_record_diff *out,
		       const struct align_record *old,
		       const struct align_record *new_)
{
	const char *ot = old ? old->title : NULL;
	const char *nt = new_ ? new_->title : NULL;

	if (!same_str(ot, nt)) {
		add(out, ALIGN_CHANGE_TITLE, NULL, NULL, "title", ot, nt);
	}
	diff_fields(out, old, new_);
	diff_prose(out, old, new_);
}

void align_record_diff_release(struct align_record_diff *diff)
{
	free(diff->items);
	memset(diff, 0, sizeof(*diff));
}

const struct align_record_change *align_record_diff_field(
	const struct align_record_diff *diff, const char *section,
	const char *sub, const char *key)
{
	for (size_t i = 0; i < diff->count; i++) {
		const struct align_record_change *c = &diff->items[i];
		if (c->type == ALIGN_CHANGE_FIELD && !strcmp(c->section, section) &&
		    same_str(c->sub, sub) && !strcmp(c->key, key)) {
			return c;
		}
	}
	return NULL;
}
