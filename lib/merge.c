#include "merge.h"

#include <string.h>

#include "git.h"
#include "record.h"
#include "util/error.h"
#include "util/banned.h"

/* The bytes of a record before its fields (title, opening fence). */
static void prefix_of(const struct align_record *r, const char **p, size_t *n)
{
	*p = r->bytes.ptr;
	*n = r->ini_close && r->ini_first >= 1 && r->ini_first <= r->nlines
		     ? r->line_starts[r->ini_first - 1]
		     : 0;
}

/* The bytes after its fields (closing fence, sections); "" for INI. */
static void suffix_of(const struct align_record *r, const char **p, size_t *n)
{
	size_t at = r->ini_close ? r->line_starts[r->ini_close - 1]
				 : r->bytes.len;

	*p = r->bytes.ptr + at;
	*n = r->bytes.len - at;
}

static int same(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && !memcmp(a, b, an);
}

/* One side of the prose: the side that changed it, or git's union. */
static int merge_part(struct align_buf *out, const char *b, size_t bn,
		      const char *o, size_t on, const char *t, size_t tn,
		      struct align_buf *err)
{
	if (same(t, tn, b, bn) || same(t, tn, o, on)) {
		align_buf_add(out, o, on);
		return 0;
	}
	if (same(o, on, b, bn)) {
		align_buf_add(out, t, tn);
		return 0;
	}
	return align_git_merge_text(out, b, bn, o, on, t, tn, 1, err) < 0
		       ? ALIGN_ERROR
		       : 0;
}

static int eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Theirs' field changes onto ours; 1 when one conflicts. */
static int merge_fields(struct align_record *ours,
			const struct align_record *base,
			const struct align_record *theirs, struct align_buf *err)
{
	const struct align_ini *ti = &theirs->ini;
	struct align_buf key = ALIGN_BUF_INIT;
	int conflict = 0, ret = 0;

	for (size_t i = 0; i < ti->nfields && ret >= 0; i++) {
		const struct align_ini_field *f = &ti->fields[i];
		const struct align_ini_section *s = &ti->sections[f->section];
		const char *bv = align_record_get(base, s->name, s->sub, f->key);
		const char *ov = align_record_get(ours, s->name, s->sub, f->key);

		if (eq(f->value, bv) || eq(f->value, ov)) {
			continue; /* theirs left it, or did what ours did */
		}
		if ((!ov && !bv) || eq(ov, bv)) {
			ret = align_record_set(ours, s->name, s->sub, f->key,
					       f->value, err);
			continue;
		}
		/* Changed differently on both: keep both, in sight. */
		align_buf_clear(&key);
		align_buf_addf(&key, "%s%s", f->key, ALIGN_MERGE_THEIRS);
		ret = align_record_set(ours, s->name, s->sub, key.ptr,
				       f->value, err);
		conflict = 1;
	}
	align_buf_release(&key);
	return ret < 0 ? ret : conflict;
}

int align_merge_record(struct align_buf *out, const char *path,
		       const char *base, size_t blen, const char *ours,
		       size_t olen, const char *theirs, size_t tlen,
		       struct align_buf *err)
{
	struct align_record *b = NULL, *o = NULL, *t = NULL, *check = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf merged = ALIGN_BUF_INIT;
	const char *bp, *op, *tp;
	size_t bn, on, tn, fields_from, fields_to;
	int ret, conflict;

	if (align_record_parse(&b, path, base, blen, NULL, &diags) < 0 ||
	    align_record_parse(&o, path, ours, olen, NULL, &diags) < 0 ||
	    align_record_parse(&t, path, theirs, tlen, NULL, &diags) < 0) {
		/* Not all records: the text merge git would have made. */
		ret = align_git_merge_text(out, base, blen, ours, olen, theirs,
					   tlen, 0, err);
		goto done;
	}
	if ((conflict = merge_fields(o, b, t, err)) < 0) {
		ret = conflict;
		goto done;
	}
	/* The prose around the fields, then ours' fields as merged. */
	prefix_of(b, &bp, &bn);
	prefix_of(o, &op, &on);
	prefix_of(t, &tp, &tn);
	if ((ret = merge_part(&merged, bp, bn, op, on, tp, tn, err)) < 0) {
		goto done;
	}
	fields_from = on;
	suffix_of(o, &op, &on);
	fields_to = (size_t)(op - o->bytes.ptr);
	align_buf_add(&merged, o->bytes.ptr + fields_from,
		      fields_to - fields_from);
	suffix_of(b, &bp, &bn);
	suffix_of(t, &tp, &tn);
	if ((ret = merge_part(&merged, bp, bn, op, on, tp, tn, err)) < 0) {
		goto done;
	}
	/* What is written must read as a record. */
	align_diags_clear(&diags);
	if (align_record_parse(&check, path, merged.ptr, merged.len, NULL,
			       &diags) < 0) {
		ret = align_git_merge_text(out, base, blen, ours, olen, theirs,
					   tlen, 0, err);
		goto done;
	}
	align_buf_add(out, merged.ptr, merged.len);
	ret = conflict;
done:
	align_record_free(b);
	align_record_free(o);
	align_record_free(t);
	align_record_free(check);
	align_diags_clear(&diags);
	align_buf_release(&merged);
	return ret;
}
