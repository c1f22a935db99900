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

/* The next line of [*at, end) into [*line, *n), with its line ending. */
static int next_line(const char **at, const char *end, const char **line,
		     size_t *n)
{
	const char *nl;

	if (*at >= end) {
		return 0;
	}
	nl = memchr(*at, '\n', (size_t)(end - *at));
	*line = *at;
	*n = nl ? (size_t)(nl + 1 - *at) : (size_t)(end - *at);
	*at += *n;
	return 1;
}

/* Whether a line is the marker `mark` (7 bytes) with `label`, if any. */
static int is_marker(const char *line, size_t n, const char *mark,
		     const char *label)
{
	size_t ml = strlen(mark), ll = label ? strlen(label) : 0;

	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
		n--;
	}
	if (n < ml || memcmp(line, mark, ml)) {
		return 0;
	}
	return label ? n == ml + 1 + ll && line[ml] == ' ' &&
			       !memcmp(line + ml + 1, label, ll)
		     : n == ml;
}

/*
 * git's diff3 output made into what a record wants: where both sides
 * only added lines (the base between them is empty: items added to one
 * list), both sides' lines, ours first; where both changed the same
 * lines, git's conflict markers without the base. Returns 1 when a
 * conflict is left, -1 when the markers were not git's.
 */
static int resolve_additions(struct align_buf *out, const char *text,
			     size_t len)
{
	enum { TEXT, OURS, BASE, THEIRS } state = TEXT;
	const char *at = text, *end = text + len, *line;
	const char *ours = NULL, *theirs = NULL;
	size_t ours_n = 0, base_n = 0, theirs_n = 0, n;
	int conflict = 0;

	while (next_line(&at, end, &line, &n)) {
		switch (state) {
		case TEXT:
			if (is_marker(line, n, "<<<<<<<", "ours")) {
				state = OURS;
				ours = at;
				ours_n = base_n = theirs_n = 0;
			} else {
				align_buf_add(out, line, n);
			}
			break;
		case OURS:
			if (is_marker(line, n, "|||||||", "base")) {
				state = BASE;
			} else {
				ours_n += n;
			}
			break;
		case BASE:
			if (is_marker(line, n, "=======", NULL)) {
				state = THEIRS;
				theirs = at;
			} else {
				base_n += n;
			}
			break;
		case THEIRS:
			if (!is_marker(line, n, ">>>>>>>", "theirs")) {
				theirs_n += n;
				break;
			}
			state = TEXT;
			if (!base_n) {
				align_buf_add(out, ours, ours_n);
				align_buf_add(out, theirs, theirs_n);
				break;
			}
			align_buf_adds(out, "<<<<<<< ours\n");
			align_buf_add(out, ours, ours_n);
			align_buf_adds(out, "=======\n");
			align_buf_add(out, theirs, theirs_n);
			align_buf_adds(out, ">>>>>>> theirs\n");
			conflict = 1;
			break;
		}
	}
	return state == TEXT ? conflict : -1;
}

/*
 * One part of the prose: the side that changed it; changed on both,
 * git's merge, lines both added all kept and lines both changed left to
 * a person as git's conflict markers. Returns 1 when markers are left.
 */
static int merge_part(struct align_buf *out, const char *b, size_t bn,
		      const char *o, size_t on, const char *t, size_t tn,
		      struct align_buf *err)
{
	struct align_buf diff3 = ALIGN_BUF_INIT;
	int ret;

	if (same(t, tn, b, bn) || same(t, tn, o, on)) {
		align_buf_add(out, o, on);
		return 0;
	}
	if (same(o, on, b, bn)) {
		align_buf_add(out, t, tn);
		return 0;
	}
	ret = align_git_merge_text(&diff3, b, bn, o, on, t, tn,
				   ALIGN_GIT_MERGE_DIFF3, err);
	if (ret == 0) {
		align_buf_add(out, diff3.ptr, diff3.len);
	} else if (ret == 1) {
		struct align_buf resolved = ALIGN_BUF_INIT;

		ret = resolve_additions(&resolved, diff3.ptr, diff3.len);
		if (ret < 0) {
			/* A line of the text looked like a marker. */
			ret = align_git_merge_text(out, b, bn, o, on, t, tn,
						   ALIGN_GIT_MERGE_MARKERS,
						   err);
		} else {
			align_buf_add(out, resolved.ptr, resolved.len);
		}
		align_buf_release(&resolved);
	} else {
		ret = ALIGN_ERROR;
	}
	align_buf_release(&diff3);
	return ret;
}

static int eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Sets `<key><suffix>` beside `key`: a conflict in sight. */
static int keep_conflict(struct align_record *ours,
			 const struct align_ini_section *s, const char *key,
			 const char *suffix, const char *value,
			 struct align_buf *err)
{
	struct align_buf name = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(&name, "%s%s", key, suffix);
	ret = align_record_set(ours, s->name, s->sub, name.ptr, value, err);
	align_buf_release(&name);
	return ret;
}

/* Theirs' field changes onto ours; 1 when one conflicts. */
static int merge_fields(struct align_record *ours,
			const struct align_record *base,
			const struct align_record *theirs, struct align_buf *err)
{
	const struct align_ini *ti = &theirs->ini, *bi = &base->ini;
	int conflict = 0, ret = 0;

	/* What theirs has: changed, added, or left as it was. */
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
		/* Changed differently on both, or removed here: in sight. */
		ret = keep_conflict(ours, s, f->key, ALIGN_MERGE_THEIRS,
				    f->value, err);
		conflict = 1;
	}
	/* What theirs removed: removed here too, unless ours changed it. */
	for (size_t i = 0; i < bi->nfields && ret >= 0; i++) {
		const struct align_ini_field *f = &bi->fields[i];
		const struct align_ini_section *s = &bi->sections[f->section];
		const char *ov = align_record_get(ours, s->name, s->sub, f->key);

		if (align_record_get(theirs, s->name, s->sub, f->key) || !ov) {
			continue;
		}
		if (eq(ov, f->value)) {
			ret = align_record_unset(ours, s->name, s->sub, f->key,
						 err);
			continue;
		}
		ret = keep_conflict(ours, s, f->key, ALIGN_MERGE_REMOVED_THEIRS,
				    "", err);
		conflict = 1;
	}
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
					   tlen, ALIGN_GIT_MERGE_MARKERS, err);
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
	conflict |= ret;
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
	conflict |= ret;
	/* What is written must read as a record. */
	align_diags_clear(&diags);
	if (align_record_parse(&check, path, merged.ptr, merged.len, NULL,
			       &diags) < 0) {
		ret = align_git_merge_text(out, base, blen, ours, olen, theirs,
					   tlen, ALIGN_GIT_MERGE_MARKERS, err);
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
