#include "duties.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/*
 * Does the field's value name `handle`? Sets `*via` to the role that
 * names them when no entry names them directly.
 */
static int names(const struct align_people *people, const char *value,
		 const char *handle, const char **via)
{
	struct align_buf one = ALIGN_BUF_INIT;
	const char *list = value, *item;
	size_t n, len = strlen(handle);
	int found = 0;

	*via = NULL;
	while (align_people_next(&list, &item, &n)) {
		const struct align_role *role;

		if (n == len && !memcmp(item, handle, n)) {
			found = 1;
			*via = NULL;
			break;
		}
		align_buf_clear(&one);
		align_buf_add(&one, item, n);
		role = align_people_role(people, one.ptr);
		if (!found && role && align_people_is(people, handle, one.ptr)) {
			found = 1;
			*via = role->name;
		}
	}
	align_buf_release(&one);
	return found;
}

static void add(struct align_duties *out, const struct align_entry *e,
		const struct align_field *f, const char *part,
		const char *via, size_t line)
{
	struct align_duty_item *it;

	ALIGN_ARRAY_GROW(out->items, out->alloc, out->count + 1);
	it = &out->items[out->count++];
	it->entry = e;
	it->field = f;
	it->part = part;
	it->duty = align_field_duty(f);
	it->via = via;
	it->line = line;
}

void align_duties_of(struct align_duties *out,
		     const struct align_catalog *catalog,
		     const struct align_people *people, const char *handle)
{
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		const struct align_record *r = e->record;
		const struct align_ini *ini;
		long own;

		if (!r || !e->kind ||
		    strcmp(align_record_kind(r), e->kind->name)) {
			continue;
		}
		ini = &r->ini;
		own = align_ini_find_section(ini, e->kind->name, NULL);
		for (const struct align_field *f = e->kind->fields;
		     f && f->name; f++) {
			const struct align_ini_field *fld;
			const char *via;

			if (align_field_duty(f) == ALIGN_DUTY_NONE) {
				continue;
			}
			if (!f->section) {
				fld = own < 0 ? NULL
					      : align_ini_find(ini, (size_t)own,
							       f->name);
				if (fld && names(people, fld->value, handle,
						 &via)) {
					add(out, e, f, NULL, via, fld->line);
				}
				continue;
			}
			for (size_t s = 0; s < ini->nsections; s++) {
				const struct align_ini_section *sec =
					&ini->sections[s];

				if (!sec->sub || strcmp(sec->name, f->section)) {
					continue;
				}
				fld = align_ini_find(ini, s, f->name);
				if (fld && names(people, fld->value, handle,
						 &via)) {
					add(out, e, f, sec->sub, via,
					    fld->line);
				}
			}
		}
	}
}

size_t align_duties_count(const struct align_duties *duties,
			  enum align_duty duty)
{
	size_t n = 0;

	for (size_t i = 0; i < duties->count; i++) {
		n += duties->items[i].duty == duty;
	}
	return n;
}

void align_duties_release(struct align_duties *duties)
{
	free(duties->items);
	memset(duties, 0, sizeof(*duties));
}
