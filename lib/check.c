#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#include "people.h"
#include "util/text.h"
#include "util/banned.h"

static void check_generic(const struct align_entry *e,
			  struct align_diags *out)
{
	const struct align_record *r = e->record;
	const struct align_kind *kind = e->kind;
	const char *kname = align_record_kind(r);
	size_t head = r->ini.sections[0].line;

	if (r->ini.sections[0].sub) {
		align_diags_add(out, r->path, head, ALIGN_SEV_ERROR,
				"the first section names the record's kind and "
				"has no subsection: expected [%s]",
				kind->name);
		return;
	}
	if (strcmp(kname, kind->name)) {
		align_diags_add(out, r->path, head, ALIGN_SEV_ERROR,
				"a [%s] record in the %s folder; expected "
				"[%s]",
				kname, kind->folder, kind->name);
		return;
	}
	for (size_t i = 0; kind->required && kind->required[i]; i++) {
		const char *v = align_record_get(r, kind->name, NULL,
						 kind->required[i]);
		if (!v || !*v) {
			align_diags_add(out, r->path, head, ALIGN_SEV_ERROR,
					"missing required field '%s'",
					kind->required[i]);
		}
	}
	{
		const char *id = align_record_id(r);
		if (id && *id && !align_id_valid(id)) {
			align_diags_add(out, r->path,
					align_record_line(r, kind->name, NULL,
							  "id"),
					ALIGN_SEV_ERROR,
					"invalid id '%s': use lowercase letters, "
					"digits and single dashes",
					id);
		}
	}
	if (kind->statuses) {
		const char *s = align_record_get(r, kind->name, NULL, "status");
		if (s && *s && !align_kind_has_status(kind, s)) {
			struct align_buf list = ALIGN_BUF_INIT;
			for (size_t i = 0; kind->statuses[i]; i++) {
				align_buf_addf(&list, "%s%s", i ? ", " : "",
					       kind->statuses[i]);
			}
			align_diags_add(out, r->path,
					align_record_line(r, kind->name, NULL,
							  "status"),
					ALIGN_SEV_ERROR,
					"unknown status '%s' (one of: %s)", s,
					list.ptr);
			align_buf_release(&list);
		}
	}
	for (size_t i = 0; kind->dates && kind->dates[i]; i++) {
		const char *v = align_record_get(r, kind->name, NULL,
						 kind->dates[i]);
		struct align_date d;
		if (v && *v && align_date_parse(&d, v) < 0) {
			align_diags_add(out, r->path,
					align_record_line(r, kind->name, NULL,
							  kind->dates[i]),
					ALIGN_SEV_ERROR,
					"%s '%s' is not a date (YYYY-MM-DD)",
					kind->dates[i], v);
		}
	}
}

static void check_unique_ids(const struct align_catalog *c,
			     struct align_diags *out)
{
	for (size_t i = 0; i < c->count; i++) {
		const struct align_record *r = c->entries[i].record;
		const char *id = r ? align_record_id(r) : NULL;

		if (!id || !*id) {
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			const struct align_record *o = c->entries[j].record;
			const char *oid = o ? align_record_id(o) : NULL;
			if (oid && !strcmp(id, oid)) {
				align_diags_add(out, r->path,
						align_record_line(
							r, align_record_kind(r),
							NULL, "id"),
						ALIGN_SEV_ERROR,
						"duplicate id '%s' (also in %s)",
						id, o->path);
				break;
			}
		}
	}
}

void align_check(const struct align_catalog *catalog,
		 const struct align_repo *repo, const struct align_date *today,
		 struct align_diags *out)
{
	struct align_kind_check ctx;
	const struct align_record **all =
		align_calloc(catalog->count + 1, sizeof(*all));
	size_t nall = 0;

	for (size_t i = 0; i < catalog->count; i++) {
		if (catalog->entries[i].record) {
			all[nall++] = catalog->entries[i].record;
		}
	}
	ctx.today = *today;
	ctx.repo = repo;
	ctx.records = all;
	ctx.nrecords = nall;
	for (size_t i = 0; i < catalog->problems.count; i++) {
		const struct align_diag *d = &catalog->problems.items[i];
		align_diags_add(out, d->path, d->line, d->severity, "%s",
				d->message);
	}
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		if (!e->record) {
			continue;
		}
		check_generic(e, out);
		if (e->kind->check &&
		    !strcmp(align_record_kind(e->record), e->kind->name)) {
			e->kind->check(e->record, &ctx, out);
		}
	}
	check_unique_ids(catalog, out);
	align_diags_sort(out);
	free(all);
}

void align_check_roster(struct align_repo *repo, struct align_diags *out)
{
	struct align_people people = ALIGN_PEOPLE_INIT;
	int ret = align_people_load(&people, repo, out);

	if (ret == ALIGN_ETOOBIG || ret == ALIGN_ERROR) {
		align_diags_add(out, ALIGN_PEOPLE_FILE, 0, ALIGN_SEV_ERROR, "%s",
				align_repo_error(repo));
	} else if (ret == 0) {
		align_people_check(&people, out);
	}
	align_people_release(&people);
}
