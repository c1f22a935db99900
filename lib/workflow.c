#include "workflow.h"

#include <string.h>

#include "util/error.h"
#include "util/banned.h"

/* 1 when `word` is one of the space-separated words of `list`. */
static int word_in(const char *word, const char *list)
{
	size_t n = strlen(word);

	for (const char *p = list; *p;) {
		size_t m = strcspn(p, " ");
		if (m == n && !strncmp(p, word, n)) {
			return 1;
		}
		p += m;
		p += strspn(p, " ");
	}
	return 0;
}

const struct align_move *align_workflow_find(const struct align_kind *kind,
					     const char *verb)
{
	for (const struct align_move *m = kind->moves; m && m->verb; m++) {
		if (!strcmp(m->verb, verb)) {
			return m;
		}
	}
	return NULL;
}

int align_workflow_allows(const struct align_move *move, const char *state)
{
	return word_in(state, move->from);
}

size_t align_workflow_legal(struct align_buf *out,
			    const struct align_kind *kind, const char *state)
{
	size_t n = 0;

	for (const struct align_move *m = kind->moves; m && m->verb; m++) {
		if (word_in(state, m->from)) {
			align_buf_adds(out, n++ ? ", " : "");
			align_buf_adds(out, m->verb);
		}
	}
	if (!n) {
		align_buf_adds(out, "nothing (it is final)");
	}
	return n;
}

const struct align_move *align_workflow_move_to(const struct align_kind *kind,
						const char *from,
						const char *to)
{
	const struct align_move *first = NULL;

	for (const struct align_move *m = kind->moves; m && m->verb; m++) {
		if (strcmp(m->to, to)) {
			continue;
		}
		if (from && word_in(from, m->from)) {
			return m;
		}
		if (!first) {
			first = m;
		}
	}
	return first;
}

/* Appends the unset fields of `needs` to `out`; returns how many. */
static size_t missing_fields(struct align_buf *out,
			     const struct align_record *r,
			     const struct align_kind *kind,
			     const char *const *needs)
{
	size_t n = 0;

	for (size_t i = 0; needs && needs[i]; i++) {
		const char *v = align_record_get(r, kind->name, NULL, needs[i]);
		if (!v || !*v) {
			align_buf_adds(out, n++ ? ", " : "");
			align_buf_adds(out, needs[i]);
		}
	}
	return n;
}

int align_workflow_apply(struct align_record *r,
			 const struct align_kind *kind, const char *verb,
			 const struct align_kind_check *ctx,
			 struct align_buf *from, struct align_buf *subject,
			 struct align_buf *err)
{
	const struct align_move *m = align_workflow_find(kind, verb);
	const char *status = align_record_get(r, kind->name, NULL, "status");
	const char *id = align_record_id(r);
	const struct align_state *to;
	struct align_buf why = ALIGN_BUF_INIT;
	size_t line = 0;
	int ret = ALIGN_EREFUSED;

	align_buf_clear(err);
	if (!id) {
		id = r->path;
	}
	if (!m) {
		align_buf_addf(err, "unknown %s action '%s'", kind->name, verb);
		return ALIGN_EINVALID;
	}
	to = align_kind_state(kind, m->to);
	if (!status || !*status) {
		align_buf_addf(err, "cannot %s %s '%s': it has no status; set "
				    "'status = %s' first",
			       verb, kind->name, id,
			       align_kind_initial_status(kind));
		goto done;
	}
	if (!align_kind_has_status(kind, status)) {
		align_buf_addf(err, "cannot %s %s '%s': unknown status '%s' "
				    "(see 'align check')",
			       verb, kind->name, id, status);
		goto done;
	}
	if (!word_in(status, m->from)) {
		align_buf_addf(err, "cannot %s %s '%s': it is %s; from %s it "
				    "can: ",
			       verb, kind->name, id, status, status);
		align_workflow_legal(err, kind, status);
		goto done;
	}
	if (missing_fields(&why, r, kind, m->needs) +
		    missing_fields(&why, r, kind, to ? to->needs : NULL) >
	    0) {
		align_buf_addf(err, "cannot %s %s '%s': set %s first", verb,
			       kind->name, id, why.ptr);
		goto done;
	}
	if ((m->rule && m->rule(r, ctx, &why, &line)) ||
	    (to && to->rule && to->rule(r, ctx, &why, &line))) {
		align_buf_addf(err, "cannot %s %s '%s': %s", verb, kind->name,
			       id, why.ptr);
		goto done;
	}
	if (from) {
		align_buf_sets(from, status);
	}
	if (subject) {
		align_buf_clear(subject);
		align_buf_addf(subject, "%s: %s %s", kind->name, verb, id);
	}
	/* `status` and `id` point into the record: done with them first. */
	ret = align_record_set(r, kind->name, NULL, "status", m->to, err);
done:
	align_buf_release(&why);
	return ret;
}

void align_workflow_check(const struct align_record *r,
			  const struct align_kind *kind,
			  const struct align_kind_check *ctx,
			  struct align_diags *diags)
{
	const char *status = align_record_get(r, kind->name, NULL, "status");
	const struct align_state *st;
	struct align_buf why = ALIGN_BUF_INIT;
	size_t head = r->ini.nsections ? r->ini.sections[0].line : 0;
	size_t line = head;

	if (!status || !(st = align_kind_state(kind, status))) {
		return;
	}
	for (size_t i = 0; st->needs && st->needs[i]; i++) {
		const char *v = align_record_get(r, kind->name, NULL,
						 st->needs[i]);
		if (!v || !*v) {
			align_diags_add(diags, r->path, head, ALIGN_SEV_ERROR,
					"%s %s has no %s", status, kind->name,
					st->needs[i]);
		}
	}
	if (st->rule && st->rule(r, ctx, &why, &line)) {
		align_diags_add(diags, r->path, line, ALIGN_SEV_ERROR,
				"%s %s has %s", status, kind->name, why.ptr);
	}
	align_buf_clear(&why);
	line = head;
	if (st->advice && st->advice(r, ctx, &why, &line)) {
		align_diags_add(diags, r->path, line, ALIGN_SEV_WARNING,
				"%s %s has %s", status, kind->name, why.ptr);
	}
	align_buf_release(&why);
}

int align_workflow_advice(const struct align_record *r,
			  const struct align_kind *kind,
			  const struct align_kind_check *ctx,
			  struct align_buf *why)
{
	const char *status = align_record_get(r, kind->name, NULL, "status");
	const struct align_state *st;
	size_t line = 0;

	if (!status || !(st = align_kind_state(kind, status)) || !st->advice) {
		return 0;
	}
	return st->advice(r, ctx, why, &line);
}
