#include "conflict.h"

#include <stdlib.h>
#include <string.h>

#include "git.h"
#include "history.h"
#include "merge.h"
#include "util/error.h"
#include "util/banned.h"

/* How much of one side a message quotes. */
#define SIDE_MAX 120

/* The authors of the two sides of one file, found on first use. */
struct sides {
	struct align_conflicts *c;
	const char *path;
	int known;
	struct align_buf ours, theirs; /* "Name <email>", or "" */
};

static int merging(struct align_conflicts *c)
{
	char id[ALIGN_OID_HEXSZ + 1];
	struct align_buf err = ALIGN_BUF_INIT;

	if (c->merging < 0) {
		c->merging = align_git_resolve(align_repo_git(c->repo),
					       "MERGE_HEAD", id, &err) == 0;
	}
	align_buf_release(&err);
	return c->merging;
}

static void author_of(struct align_conflicts *c, const char *rev,
		      const char *path, struct align_buf *out)
{
	struct align_buf name = ALIGN_BUF_INIT, email = ALIGN_BUF_INIT;

	if (align_history_last_author(c->repo, rev, path, &name, &email) ==
	    0) {
		align_buf_addf(out, "%s <%s>", name.ptr, email.ptr);
	}
	align_buf_release(&name);
	align_buf_release(&email);
}

/* " (HEAD, last changed by Name <email>)" for `rev`, when merging. */
static void add_side(struct align_buf *msg, struct sides *s, int theirs)
{
	const struct align_buf *who;

	if (!merging(s->c)) {
		return;
	}
	if (!s->known) {
		author_of(s->c, "HEAD", s->path, &s->ours);
		author_of(s->c, "MERGE_HEAD", s->path, &s->theirs);
		s->known = 1;
	}
	who = theirs ? &s->theirs : &s->ours;
	align_buf_addf(msg, " (%s", theirs ? "MERGE_HEAD" : "HEAD");
	if (who->len) {
		align_buf_addf(msg, ", last changed by %s", who->ptr);
	}
	align_buf_addch(msg, ')');
}

static void add_committed(struct align_buf *msg, struct sides *s)
{
	if (!merging(s->c)) {
		align_buf_adds(msg, "; no merge is in progress (it was "
				    "committed), so who wrote each side is "
				    "not known");
	}
}

/* One line: its bytes without the line ending. */
struct span {
	const char *p;
	size_t n;
};

static int is_mark(struct span l, char c, int labelled)
{
	for (size_t i = 0; i < 7; i++) {
		if (i >= l.n || l.p[i] != c) {
			return 0;
		}
	}
	return l.n == 7 || (labelled && l.p[7] == ' ');
}

/* The label after a marker, trimmed. */
static void add_label(struct align_buf *out, struct span l)
{
	if (l.n > 8) {
		align_buf_add(out, l.p + 8, l.n - 8);
	}
}

/* A side's lines quoted in one line: "a; b", cut at SIDE_MAX bytes. */
static void add_quoted(struct align_buf *out, const struct span *lines,
		       size_t from, size_t to)
{
	size_t start = out->len;

	for (size_t i = from; i < to; i++) {
		if (!lines[i].n) {
			continue;
		}
		if (out->len > start) {
			align_buf_adds(out, "; ");
		}
		align_buf_add(out, lines[i].p, lines[i].n);
	}
	if (out->len == start) {
		align_buf_adds(out, "nothing");
		return;
	}
	if (out->len - start > SIDE_MAX) {
		size_t cut = start + SIDE_MAX;

		/* Not inside a UTF-8 sequence. */
		while (cut > start &&
		       ((unsigned char)out->ptr[cut] & 0xc0) == 0x80) {
			cut--;
		}
		align_buf_setlen(out, cut);
		align_buf_adds(out, "...");
	}
}

/* The file's lines, without their line endings. */
static size_t split_lines(struct span **out, const char *bytes, size_t len)
{
	size_t n = 0, alloc = 0;
	const char *at = bytes, *end = bytes + len;

	*out = NULL;
	while (at < end) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		struct span l;

		l.p = at;
		l.n = nl ? (size_t)(nl - at) : (size_t)(end - at);
		at = nl ? nl + 1 : end;
		if (l.n && l.p[l.n - 1] == '\r') {
			l.n--;
		}
		ALIGN_ARRAY_GROW(*out, alloc, n + 1);
		(*out)[n++] = l;
	}
	return n;
}

static void add_marker_line(struct align_conflicts *c, size_t line)
{
	ALIGN_ARRAY_GROW(c->marker_lines, c->marker_lines_alloc,
			 c->nmarker_lines + 1);
	c->marker_lines[c->nmarker_lines++] = line;
}

/* Each whole block of git's markers; returns how many. */
static size_t check_markers(struct sides *s, const char *bytes, size_t len,
			    struct align_diags *out)
{
	struct span *lines;
	size_t n = split_lines(&lines, bytes, len), found = 0;
	struct align_buf msg = ALIGN_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		size_t base = 0, sep = 0, end = 0;

		if (!is_mark(lines[i], '<', 1)) {
			continue;
		}
		for (size_t j = i + 1; j < n && !end; j++) {
			if (is_mark(lines[j], '<', 1)) {
				break;
			} else if (!sep && !base && is_mark(lines[j], '|', 1)) {
				base = j;
			} else if (!sep && is_mark(lines[j], '=', 0)) {
				sep = j;
			} else if (sep && is_mark(lines[j], '>', 1)) {
				end = j;
			}
		}
		if (!end) {
			continue; /* not a whole block: the parser says what */
		}
		align_buf_clear(&msg);
		align_buf_adds(&msg, "unresolved merge conflict: '");
		add_quoted(&msg, lines, i + 1, base ? base : sep);
		align_buf_addch(&msg, '\'');
		if (merging(s->c)) {
			align_buf_adds(&msg, " here");
			add_side(&msg, s, 0);
			align_buf_adds(&msg, " and '");
			add_quoted(&msg, lines, sep + 1, end);
			align_buf_adds(&msg, "' on the other side");
			add_side(&msg, s, 1);
			align_buf_adds(&msg, "; keep one side, remove the "
					     "markers, then 'git add' the file");
		} else {
			align_buf_adds(&msg, " marked '");
			add_label(&msg, lines[i]);
			align_buf_adds(&msg, "' and '");
			add_quoted(&msg, lines, sep + 1, end);
			align_buf_adds(&msg, "' marked '");
			add_label(&msg, lines[end]);
			align_buf_addch(&msg, '\'');
			add_committed(&msg, s);
			align_buf_adds(&msg, "; keep one side, remove the "
					     "markers, then commit the file");
		}
		align_diags_add(out, s->path, i + 1, ALIGN_SEV_ERROR, "%s",
				msg.ptr);
		add_marker_line(s->c, i + 1);
		if (base) {
			add_marker_line(s->c, base + 1);
		}
		add_marker_line(s->c, sep + 1);
		add_marker_line(s->c, end + 1);
		found++;
		i = end;
	}
	align_buf_release(&msg);
	free(lines);
	return found;
}

/* `key` ends with `suffix` after at least one byte: its length before. */
static size_t stem(const char *key, const char *suffix)
{
	size_t kl = strlen(key), sl = strlen(suffix);

	return kl > sl && !strcmp(key + kl - sl, suffix) ? kl - sl : 0;
}

/* What the merge driver kept of a conflict: both values, in sight. */
static size_t check_fields(struct sides *s, const struct align_record *r,
			   struct align_diags *out)
{
	const struct align_ini *ini = &r->ini;
	struct align_buf key = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	size_t found = 0;

	for (size_t i = 0; i < ini->nfields; i++) {
		const struct align_ini_field *f = &ini->fields[i];
		const struct align_ini_section *sec = &ini->sections[f->section];
		size_t removed = stem(f->key, ALIGN_MERGE_REMOVED_THEIRS);
		size_t kl = removed ? removed : stem(f->key, ALIGN_MERGE_THEIRS);
		const char *ours;

		if (!kl) {
			continue;
		}
		align_buf_clear(&key);
		align_buf_add(&key, f->key, kl);
		ours = align_record_get(r, sec->name, sec->sub, key.ptr);
		align_buf_clear(&msg);
		align_buf_addf(&msg, "unresolved merge conflict: '%s' ",
			       key.ptr);
		if (ours) {
			align_buf_addf(&msg, "is '%s' here", ours);
		} else {
			align_buf_adds(&msg, "was removed here");
		}
		add_side(&msg, s, 0);
		if (removed) {
			align_buf_adds(&msg, " and was removed on the other "
					     "side");
		} else {
			align_buf_addf(&msg, " and %s'%s' on the other side",
				       ours ? "" : "is ", f->value);
		}
		add_side(&msg, s, 1);
		add_committed(&msg, s);
		align_buf_addf(&msg, "; keep one and remove '%s'", f->key);
		align_diags_add(out, r->path, f->line, ALIGN_SEV_ERROR, "%s",
				msg.ptr);
		found++;
	}
	align_buf_release(&key);
	align_buf_release(&msg);
	return found;
}

/* Most records: one pass over the line starts, and done. */
static int has_opening_marker(const char *bytes, size_t len)
{
	for (size_t at = 0; at + 7 <= len;) {
		const char *nl;

		if (!memcmp(bytes + at, "<<<<<<<", 7)) {
			return 1;
		}
		nl = memchr(bytes + at, '\n', len - at);
		if (!nl) {
			break;
		}
		at = (size_t)(nl - bytes) + 1;
	}
	return 0;
}

size_t align_conflicts_check(struct align_conflicts *c, const char *path,
			     const char *bytes, size_t len,
			     const struct align_record *record,
			     struct align_diags *out)
{
	struct sides s;
	size_t found = 0;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.path = path;
	align_buf_init(&s.ours);
	align_buf_init(&s.theirs);
	c->nmarker_lines = 0;
	if (has_opening_marker(bytes, len)) {
		found += check_markers(&s, bytes, len, out);
	}
	if (record) {
		found += check_fields(&s, record, out);
	}
	align_buf_release(&s.ours);
	align_buf_release(&s.theirs);
	return found;
}

int align_conflicts_marker(const struct align_conflicts *c, size_t line)
{
	for (size_t i = 0; i < c->nmarker_lines; i++) {
		if (c->marker_lines[i] == line) {
			return 1;
		}
	}
	return 0;
}

void align_conflicts_release(struct align_conflicts *c)
{
	free(c->marker_lines);
	c->marker_lines = NULL;
	c->nmarker_lines = c->marker_lines_alloc = 0;
}
