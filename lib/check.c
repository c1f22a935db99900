#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/idmap.h"

#include "conflict.h"
#include "okr.h"
#include "people.h"
#include "workflow.h"
#include "util/text.h"
#include "util/banned.h"

/* Appends the kind's states to `out`, comma separated. */
static void add_values(struct align_buf *out, const struct align_kind *kind,
		       const struct align_field *f)
{
	if (f->values) {
		for (size_t i = 0; f->values[i]; i++) {
			align_buf_addf(out, "%s%s", i ? ", " : "", f->values[i]);
		}
		return;
	}
	for (size_t i = 0; kind->states && kind->states[i].name; i++) {
		align_buf_addf(out, "%s%s", i ? ", " : "", kind->states[i].name);
	}
}

static int enum_has(const struct align_kind *kind, const struct align_field *f,
		    const char *v)
{
	if (!f->values) {
		return align_kind_has_status(kind, v);
	}
	for (size_t i = 0; f->values[i]; i++) {
		if (!strcmp(f->values[i], v)) {
			return 1;
		}
	}
	return 0;
}

/* Findings of one run: the missing roster is said once. */
struct typed_state {
	const struct align_kind_check *ctx;
	int roster_missing; /* a person field was seen without a roster */
	/*
	 * Records by id, made at the first reference: `ids` maps an id to
	 * the first record that has it, `next` chains the later ones in
	 * order (SIZE_MAX ends a chain) and `last` is where each chain ends.
	 */
	int indexed;
	struct align_idmap ids;
	size_t *next;
	size_t *last;
	/* The record's subsections of the section `parts_of`, in order. */
	const char *parts_of;
	size_t *parts;
	size_t nparts;
	size_t parts_alloc;
};

/* The subsections of `ini` named `section` into st->parts. */
static void find_parts(struct typed_state *st, const struct align_ini *ini,
		       const char *section)
{
	if (st->parts_of && !strcmp(st->parts_of, section)) {
		return;
	}
	st->parts_of = section;
	st->nparts = 0;
	for (size_t s = 0; s < ini->nsections; s++) {
		if (ini->sections[s].sub &&
		    !strcmp(ini->sections[s].name, section)) {
			ALIGN_ARRAY_GROW(st->parts, st->parts_alloc,
					 st->nparts + 1);
			st->parts[st->nparts++] = s;
		}
	}
}

static void index_ids(struct typed_state *st)
{
	const struct align_kind_check *ctx = st->ctx;

	st->indexed = 1;
	st->next = align_calloc(ctx->nrecords + 1, sizeof(*st->next));
	st->last = align_calloc(ctx->nrecords + 1, sizeof(*st->last));
	for (size_t i = 0; i < ctx->nrecords; i++) {
		const char *rid = align_record_id(ctx->records[i]);
		size_t head;

		st->next[i] = SIZE_MAX;
		st->last[i] = i;
		if (rid && !align_idmap_add(&st->ids, rid, i, &head)) {
			st->next[st->last[head]] = i;
			st->last[head] = i;
		}
	}
}

static void typed_state_release(struct typed_state *st)
{
	align_idmap_release(&st->ids);
	free(st->next);
	free(st->last);
	free(st->parts);
}

/* The first record of kind `kname` with id `id`, or NULL. */
static const struct align_record *by_id(struct typed_state *st,
					const char *kname, const char *id)
{
	const struct align_kind_check *ctx = st->ctx;
	size_t i;

	if (!st->indexed) {
		index_ids(st);
	}
	if (!align_idmap_get(&st->ids, id, &i)) {
		return NULL;
	}
	for (; i != SIZE_MAX; i = st->next[i]) {
		if (!strcmp(align_record_kind(ctx->records[i]), kname)) {
			return ctx->records[i];
		}
	}
	return NULL;
}

/*
 * How findings name a field: "owner", or "key result 'kr1': owner" for a
 * field of a subsection, formatted only when a finding needs it.
 */
struct field_name {
	const char *noun; /* NULL for a field of the kind's own section */
	const char *sub;
	const char *field;
	struct align_buf buf;
};

static const char *name_of(struct field_name *n)
{
	if (!n->noun) {
		return n->field;
	}
	if (!n->buf.len) {
		align_buf_addf(&n->buf, "%s '%s': %s", n->noun, n->sub,
			       n->field);
	}
	return n->buf.ptr;
}

/*
 * One name of a person field: a roster handle or role, else a look-alike
 * named by character and column, else unknown with the closest.
 */
static void check_handle(struct typed_state *st, const struct align_record *r,
			 size_t line, struct field_name *name,
			 const char *handle, struct align_diags *out)
{
	const struct align_people *people = st->ctx->people;
	struct align_buf why = ALIGN_BUF_INIT;
	const char *close;

	if (!people || !people->record) {
		st->roster_missing = 1;
		return;
	}
	if (align_people_by_handle(people, handle) ||
	    align_people_role(people, handle)) {
		return;
	}
	if (align_people_lookalike(people, handle, &why)) {
		align_diags_add(out, r->path, line, ALIGN_SEV_ERROR, "%s %s",
				name_of(name), why.ptr);
		align_buf_release(&why);
		return;
	}
	close = align_people_suggest(people, handle);
	if (close) {
		align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
				"%s '%s' is not in the roster (did you mean "
				"'%s'?)",
				name_of(name), handle, close);
	} else {
		align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
				"%s '%s' is not in the roster (%s)",
				name_of(name), handle, ALIGN_PEOPLE_FILE);
	}
}

/* One value of a typed field, at `line`; `name` is how to call it. */
static void check_value(struct typed_state *st, const struct align_kind *kind,
			const struct align_record *r,
			const struct align_field *f, struct field_name *name,
			const char *v, size_t line, struct align_diags *out)
{
	struct align_date d;
	struct align_period p;
	double num;

	switch (f->type) {
	case ALIGN_FIELD_TEXT:
		break;
	case ALIGN_FIELD_ID:
		if (!align_id_valid(v)) {
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"invalid %s '%s': use lowercase letters, "
					"digits and single dashes",
					name_of(name), v);
		}
		break;
	case ALIGN_FIELD_DATE:
		if (align_date_parse(&d, v) < 0) {
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"%s '%s' is not a date (YYYY-MM-DD)",
					name_of(name), v);
		}
		break;
	case ALIGN_FIELD_NUMBER:
		if (align_number_parse(&num, v) < 0) {
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"%s '%s' is not a number",
					name_of(name), v);
		}
		break;
	case ALIGN_FIELD_PERIOD:
		if (align_period_parse(&p, v) < 0) {
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"%s '%s' is not YYYY-Qn (n 1-4) or YYYY",
					name_of(name), v);
		}
		break;
	case ALIGN_FIELD_WEEK:
		if (align_week_parse(&p, v) < 0) {
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"%s '%s' is not an ISO week (YYYY-Www)",
					name_of(name), v);
		}
		break;
	case ALIGN_FIELD_ENUM:
		if (!enum_has(kind, f, v)) {
			struct align_buf list = ALIGN_BUF_INIT;
			add_values(&list, kind, f);
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"unknown %s '%s' (one of: %s)",
					name_of(name), v, list.ptr);
			align_buf_release(&list);
		}
		break;
	case ALIGN_FIELD_REF:
		if (!by_id(st, f->ref, v)) {
			align_diags_add(out, r->path, line, ALIGN_SEV_ERROR,
					"%s %s '%s' does not exist",
					name_of(name), f->ref, v);
		}
		break;
	case ALIGN_FIELD_PERSON:
		check_handle(st, r, line, name, v, out);
		break;
	case ALIGN_FIELD_PERSONS: {
		struct align_buf one = ALIGN_BUF_INIT;
		for (const char *q = v; *q;) {
			size_t n;
			q += strspn(q, " ");
			n = strcspn(q, ",");
			align_buf_clear(&one);
			align_buf_add(&one, q, n);
			align_buf_rtrim(&one);
			if (one.len) {
				check_handle(st, r, line, name, one.ptr, out);
			}
			q += n;
			q += *q == ',';
		}
		align_buf_release(&one);
		break;
	}
	}
}

/* Every declared field of the record against its type. */
static void check_typed(struct typed_state *st, const struct align_entry *e,
			struct align_diags *out)
{
	const struct align_record *r = e->record;
	const struct align_kind *kind = e->kind;
	const struct align_ini *ini = &r->ini;
	size_t head = ini->sections[0].line;
	long own = align_ini_find_section(ini, kind->name, NULL);
	struct field_name name;

	memset(&name, 0, sizeof(name));
	align_buf_init(&name.buf);
	st->parts_of = NULL;
	for (const struct align_field *f = kind->fields; f && f->name; f++) {
		const struct align_ini_field *fld;

		if (f->section) {
			/* Sections are unique, so each is its own lookup. */
			find_parts(st, ini, f->section);
			for (size_t p = 0; p < st->nparts; p++) {
				size_t s = st->parts[p];
				const char *sub = ini->sections[s].sub;

				fld = align_ini_find(ini, s, f->name);
				if (!fld || !*fld->value) {
					continue;
				}
				align_buf_clear(&name.buf);
				name.noun = kind->part_noun ? kind->part_noun
							    : f->section;
				name.sub = sub;
				name.field = f->name;
				check_value(st, kind, r, f, &name, fld->value,
					    fld->line, out);
			}
			continue;
		}
		fld = own < 0 ? NULL : align_ini_find(ini, (size_t)own, f->name);
		if (!fld || !*fld->value) {
			if (f->flags & ALIGN_FIELD_REQUIRED) {
				align_diags_add(out, r->path, head,
						ALIGN_SEV_ERROR,
						"missing required field '%s'",
						f->name);
			}
			continue;
		}
		name.noun = NULL;
		name.field = f->name;
		check_value(st, kind, r, f, &name, fld->value, fld->line, out);
	}
	align_buf_release(&name.buf);
}

static void check_generic(struct typed_state *st, const struct align_entry *e,
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
	check_typed(st, e, out);
	if (kind->states) {
		align_workflow_check(r, kind, st->ctx, out);
	}
	if (kind->check) {
		kind->check(r, st->ctx, out);
	}
}

/*
 * Entry `i`'s id against those of the entries before it. A hash of ids:
 * pairwise comparison was most of check's time.
 */
static void check_unique_id(const struct align_catalog *c, size_t i,
			    struct align_idmap *seen, struct align_diags *out)
{
	const struct align_record *r = c->entries[i].record;
	const char *id = r ? align_record_id(r) : NULL;
	size_t first;

	if (!id || !*id || align_idmap_add(seen, id, i, &first)) {
		return;
	}
	align_diags_add(out, r->path,
			align_record_line(r, align_record_kind(r), NULL, "id"),
			ALIGN_SEV_ERROR, "duplicate id '%s' (also in %s)", id,
			c->entries[first].record->path);
}

/* The lines of git's conflict markers, by "<path>\x1f<line>". */
struct marker_set {
	struct align_idmap map;
	char **keys;
	size_t count;
	size_t alloc;
};

static void marker_set_release(struct marker_set *m)
{
	align_idmap_release(&m->map);
	for (size_t i = 0; i < m->count; i++) {
		free(m->keys[i]);
	}
	free(m->keys);
}

/*
 * Every record's unresolved merge conflicts, read also where the record
 * did not parse (markers in its fields); the lines of their markers into
 * `markers`.
 */
static void check_conflicts(const struct align_catalog *catalog,
			    struct align_repo *repo, struct marker_set *markers,
			    struct align_diags *out)
{
	struct align_conflicts conflicts = ALIGN_CONFLICTS_INIT(repo);
	struct align_buf bytes = ALIGN_BUF_INIT;

	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		const struct align_record *r = e->record;

		if (!r) {
			align_buf_clear(&bytes);
			if (e->skipped ||
			    align_repo_read(repo, e->path, &bytes) < 0) {
				continue;
			}
		}
		if (!align_conflicts_check(&conflicts, e->path,
					   r ? r->bytes.ptr : bytes.ptr,
					   r ? r->bytes.len : bytes.len, r,
					   out)) {
			continue;
		}
		for (size_t j = 0; j < conflicts.nmarker_lines; j++) {
			struct align_buf key = ALIGN_BUF_INIT;

			align_buf_addf(&key, "%s\x1f%zu", e->path,
				       conflicts.marker_lines[j]);
			ALIGN_ARRAY_GROW(markers->keys, markers->alloc,
					 markers->count + 1);
			markers->keys[markers->count] =
				align_buf_detach(&key, NULL);
			align_idmap_add(&markers->map,
					markers->keys[markers->count++], 0,
					NULL);
		}
	}
	align_conflicts_release(&conflicts);
	align_buf_release(&bytes);
}

void align_check(const struct align_catalog *catalog, struct align_repo *repo,
		 const struct align_date *today,
		 const struct align_people *people, struct align_diags *out)
{
	struct marker_set markers = { ALIGN_IDMAP_INIT, NULL, 0, 0 };
	struct align_kind_check ctx;
	struct typed_state st;
	struct align_idmap seen = ALIGN_IDMAP_INIT;
	const struct align_record **all =
		align_calloc(catalog->count + 1, sizeof(*all));
	size_t nall = 0;

	for (size_t i = 0; i < catalog->count; i++) {
		if (catalog->entries[i].record) {
			all[nall++] = catalog->entries[i].record;
		}
	}
	memset(&st, 0, sizeof(st));
	st.ctx = &ctx;
	ctx.today = *today;
	ctx.repo = repo;
	ctx.records = all;
	ctx.nrecords = nall;
	ctx.people = people;
	check_conflicts(catalog, repo, &markers, out);
	for (size_t i = 0; i < catalog->problems.count; i++) {
		const struct align_diag *d = &catalog->problems.items[i];
		struct align_buf at = ALIGN_BUF_INIT;
		size_t ignored;

		/* A marker line: said better by check_conflicts(). */
		align_buf_addf(&at, "%s\x1f%zu", d->path, d->line);
		if (!align_idmap_get(&markers.map, at.ptr, &ignored)) {
			align_diags_add(out, d->path, d->line, d->severity,
					"%s", d->message);
		}
		align_buf_release(&at);
	}
	/*
	 * Each record's findings, then its id against the ids before it,
	 * while the record is at hand; sorting puts the findings in order.
	 */
	for (size_t i = 0; i < catalog->count; i++) {
		const struct align_entry *e = &catalog->entries[i];
		if (!e->record) {
			continue;
		}
		check_generic(&st, e, out);
		check_unique_id(catalog, i, &seen, out);
	}
	if (st.roster_missing && align_repo_exists(repo, ALIGN_PEOPLE_FILE)) {
		/* Its own errors say why; this says what it costs. */
		align_diags_add(out, ALIGN_PEOPLE_FILE, 0, ALIGN_SEV_WARNING,
				"the roster does not parse: person fields are "
				"not checked until it does");
	} else if (st.roster_missing) {
		align_diags_add(out, ALIGN_PEOPLE_FILE, 0, ALIGN_SEV_WARNING,
				"no roster: person fields are not checked; "
				"list the team in %s",
				ALIGN_PEOPLE_FILE);
	}
	align_diags_sort(out);
	align_idmap_release(&seen);
	marker_set_release(&markers);
	typed_state_release(&st);
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
