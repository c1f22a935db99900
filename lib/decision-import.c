/*
 * adr-tools and MADR folders as decision records (decision-import.h).
 */
#include "decision-import.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decision.h"
#include "util/idmap.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

__attribute__((format(printf, 2, 3))) static void
note(struct align_decision_import_item *it, const char *fmt, ...)
{
	struct align_buf line = ALIGN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&line, fmt, ap);
	va_end(ap);
	/* People's text goes into a commit message: no control bytes. */
	for (size_t i = 0; i < line.len; i++) {
		if ((unsigned char)line.ptr[i] < 0x20 || line.ptr[i] == 0x7f) {
			line.ptr[i] = '?';
		}
	}
	align_buf_add(&it->notes, line.ptr, line.len + 1);
	it->nnotes++;
	align_buf_release(&line);
}

static char *dup_trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1])) {
		n--;
	}
	return align_strndup(s, n);
}

static int lower_eq(const char *s, const char *word)
{
	for (; *s && *word; s++, word++) {
		if (tolower((unsigned char)*s) != *word) {
			return 0;
		}
	}
	return !*s && !*word;
}

static int lower_prefix(const char *s, const char *word)
{
	for (; *word; s++, word++) {
		if (tolower((unsigned char)*s) != *word) {
			return 0;
		}
	}
	return 1;
}

/* A status word align knows, lowercased, or NULL. */
static const char *status_word(const char *s)
{
	static const char *const words[] = { "proposed", "accepted",
					     "rejected", "deprecated",
					     "superseded", NULL };

	for (size_t i = 0; words[i]; i++) {
		if (lower_eq(s, words[i])) {
			return words[i];
		}
	}
	return NULL;
}

/*
 * Where "...[text](<target>)..." links: the target's file name without
 * ".md"; else "ADR-0005" or a number: "#5". NULL when neither.
 */
static char *link_target(const char *s)
{
	const char *open = strstr(s, "](");
	const char *p;

	if (open) {
		const char *t = open + 2, *close = strchr(t, ')');
		const char *slash, *end;

		if (close) {
			end = close;
			for (slash = t; slash < close; slash++) {
				if (*slash == '/') {
					t = slash + 1;
				}
			}
			if (end - t > 3 && !strncmp(end - 3, ".md", 3)) {
				end -= 3;
			}
			if (end > t) {
				return align_strndup(t, (size_t)(end - t));
			}
		}
	}
	for (p = s; *p; p++) {
		if (isdigit((unsigned char)*p) &&
		    (p == s || !isalnum((unsigned char)p[-1]))) {
			struct align_buf b = ALIGN_BUF_INIT;
			align_buf_addf(&b, "#%ld", strtol(p, NULL, 10));
			return align_buf_detach(&b, NULL);
		}
	}
	return NULL;
}

/* One status line of adr-tools' "## Status" section. */
static void status_line(struct align_decision_import_item *it,
			const char *line)
{
	const char *w;

	if (lower_prefix(line, "superseded by")) {
		free(it->status_);
		it->status_ = align_strdup("superseded");
		free(it->superseded_by_);
		it->superseded_by_ = link_target(line + 13);
		if (!it->superseded_by_) {
			note(it, "'%s' names no decision: set superseded-by by "
				 "hand",
			     line);
		}
	} else if (lower_prefix(line, "supersedes")) {
		if (it->supersedes_) {
			note(it, "'%s' was not mapped: supersedes names one "
				 "decision",
			     line);
			return;
		}
		it->supersedes_ = link_target(line + 10);
		if (!it->supersedes_) {
			note(it, "'%s' names no decision", line);
		}
	} else if ((w = status_word(line))) {
		if (!it->status_ || strcmp(it->status_, "superseded")) {
			free(it->status_);
			it->status_ = align_strdup(w);
		}
	} else {
		note(it, "status '%s' was not mapped", line);
	}
}

/* The lines of `data`: each line's start, the last ending at `len`. */
struct lines {
	size_t *start;
	size_t n;
	size_t alloc;
};

static void split_lines(struct lines *l, const char *data, size_t len)
{
	memset(l, 0, sizeof(*l));
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);

		ALIGN_ARRAY_GROW(l->start, l->alloc, l->n + 2);
		l->start[l->n++] = i;
		i = nl ? (size_t)(nl - data) + 1 : len;
	}
	ALIGN_ARRAY_GROW(l->start, l->alloc, l->n + 1);
	l->start[l->n] = len;
}

/* Line `k` without its line ending, as a new string. */
static char *line_text(const struct lines *l, const char *data, size_t k)
{
	size_t a = l->start[k], b = l->start[k + 1];

	while (b > a && (data[b - 1] == '\n' || data[b - 1] == '\r')) {
		b--;
	}
	return align_strndup(data + a, b - a);
}

static int blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* Appends line `k` as it was written (its line ending too). */
static void keep_line(struct align_decision_import_item *it,
		      const struct lines *l, const char *data, size_t k)
{
	/* The prose starts at its first line that is not blank. */
	if (!it->body_.len) {
		char *t = line_text(l, data, k);
		int empty = blank(t);
		free(t);
		if (empty) {
			return;
		}
	}
	align_buf_add(&it->body_, data + l->start[k],
		      l->start[k + 1] - l->start[k]);
}

/* "# 1. Title": the title (number dropped) into it->title_. */
static void take_title(struct align_decision_import_item *it, const char *text)
{
	const char *t = text + 2;
	size_t n;

	t += strspn(t, " ");
	n = strspn(t, "0123456789");
	if (n && n <= 9 && t[n] == '.' && t[n + 1] == ' ') {
		if (it->number_ < 0 && !it->dated_) {
			it->number_ = strtol(t, NULL, 10);
		}
		t += n + 2;
	}
	it->title_ = dup_trimmed(t, strlen(t));
}

static void parse_adr_tools(struct align_decision_import_item *it,
			    const char *data, size_t len)
{
	struct lines l;
	size_t k = 0;
	int in_status = 0, before_sections = 1;

	split_lines(&l, data, len);
	for (; k < l.n; k++) {
		char *t = line_text(&l, data, k);
		int is_title = !strncmp(t, "# ", 2);

		if (!is_title && !blank(t)) {
			note(it, "text before the title was left out: '%s'", t);
		}
		if (is_title) {
			take_title(it, t);
		}
		free(t);
		if (is_title) {
			k++;
			break;
		}
	}
	for (; k < l.n; k++) {
		char *t = line_text(&l, data, k);

		if (!strncmp(t, "## ", 3)) {
			char *h = dup_trimmed(t + 3, strlen(t + 3));
			before_sections = 0;
			in_status = lower_eq(h, "status");
			free(h);
			if (in_status) {
				free(t);
				continue;
			}
		}
		if (before_sections && lower_prefix(t, "date:")) {
			free(it->date_);
			it->date_ = dup_trimmed(t + 5, strlen(t + 5));
		} else if (in_status) {
			if (!blank(t)) {
				char *s = dup_trimmed(t, strlen(t));
				status_line(it, s);
				free(s);
			}
		} else {
			keep_line(it, &l, data, k);
		}
		free(t);
	}
	free(l.start);
}

/* A front-matter value without quotes or YAML list brackets. */
static char *yaml_value(const char *v)
{
	char *s = dup_trimmed(v, strlen(v));
	size_t n = strlen(s);

	if (n >= 2 && ((s[0] == '"' && s[n - 1] == '"') ||
		       (s[0] == '\'' && s[n - 1] == '\'') ||
		       (s[0] == '[' && s[n - 1] == ']'))) {
		char *inner = dup_trimmed(s + 1, n - 2);
		free(s);
		s = inner;
	}
	return s;
}

static void front_matter_key(struct align_decision_import_item *it,
			     const char *key, char *value)
{
	char **slot = NULL;

	if (lower_eq(key, "status")) {
		const char *w = status_word(value);
		if (lower_prefix(value, "superseded by")) {
			it->status_ = align_strdup("superseded");
			it->superseded_by_ = link_target(value + 13);
			if (!it->superseded_by_) {
				note(it, "status '%s' names no decision: set "
					 "superseded-by by hand",
				     value);
			}
		} else if (w) {
			it->status_ = align_strdup(w);
		} else if (*value) {
			note(it, "status '%s' was not mapped", value);
		}
		free(value);
		return;
	}
	if (lower_eq(key, "date")) {
		slot = &it->date_;
	} else if (lower_eq(key, "decision-makers") ||
		   lower_eq(key, "deciders")) {
		slot = &it->deciders_;
	} else if (lower_eq(key, "consulted")) {
		slot = &it->consulted_;
	} else if (lower_eq(key, "informed")) {
		slot = &it->informed_;
	}
	if (!slot) {
		if (*value) {
			note(it, "front matter '%s: %s' was not mapped", key,
			     value);
		}
		free(value);
		return;
	}
	free(*slot);
	*slot = value;
}

static void parse_madr(struct align_decision_import_item *it,
		       const char *data, size_t len)
{
	struct lines l;
	size_t k = 1;
	char *key = NULL;
	struct align_buf list = ALIGN_BUF_INIT;

	split_lines(&l, data, len);
	for (; k < l.n; k++) {
		char *t = line_text(&l, data, k);
		const char *colon;

		if (!strcmp(t, "---")) {
			free(t);
			k++;
			break;
		}
		if (key && (t[0] == ' ' || t[0] == '-') &&
		    t[strspn(t, " ")] == '-') {
			/* A YAML list below its key: "  - maya". */
			char *item = yaml_value(t + strspn(t, " ") + 1);
			align_buf_addf(&list, "%s%s", list.len ? ", " : "", item);
			free(item);
		} else if ((colon = strchr(t, ':')) && t[0] != ' ' &&
			   t[0] != '#') {
			if (key) {
				front_matter_key(it, key, align_buf_detach(&list,
									   NULL));
				free(key);
			}
			key = dup_trimmed(t, (size_t)(colon - t));
			align_buf_release(&list);
			align_buf_init(&list);
			{
				char *v = yaml_value(colon + 1);
				align_buf_adds(&list, v);
				free(v);
			}
		} else if (!blank(t)) {
			note(it, "front matter line '%s' was not mapped", t);
		}
		free(t);
	}
	if (key) {
		front_matter_key(it, key, align_buf_detach(&list, NULL));
		free(key);
	}
	align_buf_release(&list);
	for (; k < l.n; k++) {
		char *t = line_text(&l, data, k);
		int is_title = !strncmp(t, "# ", 2);

		if (is_title) {
			take_title(it, t);
		} else if (!blank(t)) {
			note(it, "text before the title was left out: '%s'", t);
		}
		free(t);
		if (is_title) {
			k++;
			break;
		}
	}
	for (; k < l.n; k++) {
		keep_line(it, &l, data, k);
	}
	free(l.start);
}

/* A roster handle for a MADR decision-maker, or NULL. */
static const char *handle_for(const struct align_people *people,
			      const char *who)
{
	const struct align_person *p;

	if (!people || !people->record) {
		return NULL;
	}
	if ((p = align_people_by_handle(people, who)) ||
	    (strchr(who, '@') && (p = align_people_by_email(people, who)))) {
		return p->handle;
	}
	for (size_t i = 0; i < people->count; i++) {
		const char *name = people->items[i].name;
		size_t n = name ? strlen(name) : 0;

		if (n && n == strlen(who)) {
			size_t j = 0;
			while (j < n && tolower((unsigned char)name[j]) ==
					       tolower((unsigned char)who[j])) {
				j++;
			}
			if (j == n) {
				return people->items[i].handle;
			}
		}
	}
	return NULL;
}

static void map_deciders(struct align_decision_import_item *it,
			 const struct align_people *people,
			 struct align_buf *out)
{
	for (const char *q = it->deciders_ ? it->deciders_ : ""; *q;) {
		size_t n = strcspn(q, ",;");
		char *who = dup_trimmed(q, n);
		const char *h = *who ? handle_for(people, who) : NULL;

		if (h) {
			align_buf_addf(out, "%s%s", out->len ? ", " : "", h);
		} else if (*who) {
			note(it, "decision-maker '%s' is not in the roster: "
				 "left out of deciders",
			     who);
		}
		free(who);
		q += n;
		q += *q == ',' || *q == ';';
	}
}

static int dated_name(const char *name, struct align_date *out)
{
	char day[ALIGN_DATE_STRLEN];

	if (strlen(name) < 11 || name[10] != '-') {
		return 0;
	}
	memcpy(day, name, 10);
	day[10] = '\0';
	return align_date_parse(out, day) == 0;
}

static int skipped_name(const char *name, const char **why)
{
	static const char *const indexes[] = { "readme.md", "index.md", NULL };
	static const char *const templates[] = { "template.md",
						 "adr-template.md",
						 "_template.md", NULL };

	for (size_t i = 0; indexes[i]; i++) {
		if (lower_eq(name, indexes[i])) {
			*why = "an index file";
			return 1;
		}
	}
	for (size_t i = 0; templates[i]; i++) {
		if (lower_eq(name, templates[i])) {
			*why = "a template";
			return 1;
		}
	}
	return 0;
}

static int by_source(const void *a, const void *b)
{
	return strcmp(((const struct align_decision_import_item *)a)->source,
		      ((const struct align_decision_import_item *)b)->source);
}

/* The stem of a file name: without ".md". */
static char *stem_of(const char *name)
{
	size_t n = strlen(name);

	return align_strndup(name, n > 3 ? n - 3 : n);
}

/* The id an import target ("0002-x" or "#2") stands for, or NULL. */
static const char *resolve(const struct align_decision_import *im,
			   const char *target)
{
	long want = target[0] == '#' ? strtol(target + 1, NULL, 10) : -1;

	for (size_t i = 0; i < im->n; i++) {
		const struct align_decision_import_item *it = &im->items[i];
		char *stem;
		int hit;

		if (!it->id_) {
			continue;
		}
		if (want >= 0) {
			if (it->number_ == want) {
				return it->id_;
			}
			continue;
		}
		stem = stem_of(it->source);
		hit = !strcmp(stem, target) || !strcmp(it->id_, target);
		free(stem);
		if (hit) {
			return it->id_;
		}
	}
	return NULL;
}

static void set_field(struct align_decision_import_item *it, const char *key,
		      const char *value)
{
	struct align_buf err = ALIGN_BUF_INIT;

	if (value && *value &&
	    align_record_set(it->record, "decision", NULL, key, value, &err) <
		    0) {
		note(it, "%s '%s' was not mapped: %s", key, value, err.ptr);
	}
	align_buf_release(&err);
}

/* The old ids of the catalog's decisions (renumbered-from), to paths. */
struct old_ids {
	struct align_idmap map;
	struct align_buf ids; /* NUL-separated, never moved once built */
	const char **paths;
};

static void old_ids_load(struct old_ids *o, const struct align_catalog *cat)
{
	size_t n = 0;

	memset(o, 0, sizeof(*o));
	align_buf_init(&o->ids);
	for (size_t i = 0; i < cat->count; i++) {
		const struct align_entry *e = &cat->entries[i];

		if (e->kind == &align_kind_decision && e->record) {
			n += align_decision_old_ids(e->record, &o->ids);
		}
	}
	o->paths = align_calloc(n + 1, sizeof(*o->paths));
	for (size_t i = 0, pos = 0, k = 0; i < cat->count; i++) {
		const struct align_entry *e = &cat->entries[i];
		struct align_buf mine = ALIGN_BUF_INIT;
		size_t m;

		if (e->kind != &align_kind_decision || !e->record) {
			continue;
		}
		m = align_decision_old_ids(e->record, &mine);
		for (; m--; k++) {
			o->paths[k] = e->path;
			align_idmap_add(&o->map, o->ids.ptr + pos, k, NULL);
			pos += strlen(o->ids.ptr + pos) + 1;
		}
		align_buf_release(&mine);
	}
}

static void old_ids_release(struct old_ids *o)
{
	align_idmap_release(&o->map);
	align_buf_release(&o->ids);
	free(o->paths);
}

static void build(struct align_decision_import *im,
		  struct align_decision_import_item *it, struct align_repo *repo,
		  const struct align_catalog *catalog,
		  const struct old_ids *old,
		  const struct align_people *people,
		  const struct align_date *today)
{
	struct align_buf bytes = ALIGN_BUF_INIT, path = ALIGN_BUF_INIT;
	struct align_buf deciders = ALIGN_BUF_INIT, skip = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	char number[24], day[ALIGN_DATE_STRLEN];
	struct align_date d;
	const char *target;

	snprintf(number, sizeof(number), "%04ld", it->number_);
	align_buf_addf(&path, "%s/%s.md",
		       align_kind_folder(&align_kind_decision, repo), it->id_);
	if (align_catalog_by_id(catalog, it->id_) ||
	    align_repo_exists(repo, path.ptr)) {
		align_buf_addf(&skip, "%s exists already", path.ptr);
		goto skipped;
	}
	{
		size_t k;
		if (align_idmap_get(&old->map, it->id_, &k)) {
			align_buf_addf(&skip, "imported already, renumbered as "
					      "%s",
				       old->paths[k]);
			goto skipped;
		}
	}
	align_buf_addf(&bytes, "# %s\n\n```ini\n[decision]\nid = %s\n```\n",
		       it->title_, it->id_);
	if (it->body_.len) {
		align_buf_addch(&bytes, '\n');
		align_buf_add(&bytes, it->body_.ptr, it->body_.len);
	}
	if (align_record_parse(&it->record, path.ptr, bytes.ptr, bytes.len,
			       align_repo_limits(repo), &diags) < 0) {
		align_buf_addf(&skip, "it cannot be a record: %s",
			       diags.count ? diags.items[0].message : "invalid");
		goto skipped;
	}
	if (!it->status_) {
		note(it, "no status: imported as proposed");
	}
	if (it->date_ && align_date_parse(&d, it->date_) < 0) {
		align_date_format(day, today);
		note(it, "date '%s' is not YYYY-MM-DD: set to %s", it->date_,
		     day);
		free(it->date_);
		it->date_ = align_strdup(day);
	} else if (!it->date_) {
		align_date_format(day, today);
		note(it, "no date: set to %s", day);
		it->date_ = align_strdup(day);
	}
	set_field(it, "number", number);
	set_field(it, "status", it->status_ ? it->status_ : "proposed");
	set_field(it, "date", it->date_);
	map_deciders(it, people, &deciders);
	set_field(it, "deciders", deciders.ptr);
	set_field(it, "consulted", it->consulted_);
	set_field(it, "informed", it->informed_);
	if (it->supersedes_) {
		if ((target = resolve(im, it->supersedes_))) {
			set_field(it, "supersedes", target);
		} else {
			note(it, "supersedes '%s', which is not among the "
				 "imported decisions",
			     it->supersedes_);
		}
	}
	if (it->superseded_by_) {
		if ((target = resolve(im, it->superseded_by_))) {
			set_field(it, "superseded-by", target);
		} else {
			note(it, "superseded by '%s', which is not among the "
				 "imported decisions: set superseded-by by hand",
			     it->superseded_by_);
		}
	}
	goto done;
skipped:
	it->skipped = align_buf_detach(&skip, NULL);
	align_record_free(it->record);
	it->record = NULL;
done:
	align_buf_release(&bytes);
	align_buf_release(&path);
	align_buf_release(&deciders);
	align_buf_release(&skip);
	align_diags_clear(&diags);
}

static int read_folder(struct align_decision_import *out, const char *dir,
		       struct align_buf *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		int e = errno;
		align_buf_addf(err, "cannot read folder '%s': %s", dir,
			       strerror(e));
		return e == ENOENT || e == ENOTDIR ? ALIGN_ENOTFOUND
						   : ALIGN_ERROR;
	}
	while ((de = readdir(d))) {
		struct align_decision_import_item *it;
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.' || n < 4 ||
		    strcmp(de->d_name + n - 3, ".md")) {
			continue;
		}
		ALIGN_ARRAY_GROW(out->items, out->alloc, out->n + 1);
		it = &out->items[out->n++];
		memset(it, 0, sizeof(*it));
		it->source = align_strdup(de->d_name);
		align_buf_init(&it->notes);
		align_buf_init(&it->body_);
		it->number_ = -1;
	}
	closedir(d);
	if (out->n > 1) {
		qsort(out->items, out->n, sizeof(*out->items), by_source);
	}
	return 0;
}

int align_decision_import_load(struct align_decision_import *out,
			       struct align_repo *repo,
			       const struct align_catalog *catalog,
			       const struct align_people *people,
			       const char *dir, const struct align_date *today,
			       struct align_buf *err)
{
	struct align_buf data = ALIGN_BUF_INIT, full = ALIGN_BUF_INIT;
	struct old_ids old;
	long highest, next;
	int ret;

	memset(out, 0, sizeof(*out));
	align_buf_clear(err);
	if ((ret = read_folder(out, dir, err)) < 0) {
		return ret;
	}
	if ((next = align_catalog_next_serial(catalog, repo,
					      &align_kind_decision)) < 0) {
		align_buf_sets(err, align_repo_error(repo));
		return ALIGN_ERROR;
	}
	highest = next - 1;
	for (size_t i = 0; i < out->n; i++) {
		struct align_decision_import_item *it = &out->items[i];
		const char *why = NULL;
		struct align_date d;
		struct stat st;

		if (skipped_name(it->source, &why)) {
			it->skipped = align_strdup(why);
			continue;
		}
		if (dated_name(it->source, &d)) {
			char day[ALIGN_DATE_STRLEN];
			align_date_format(day, &d);
			it->dated_ = 1;
			it->date_ = align_strdup(day);
		} else if ((it->number_ = align_kind_serial_of(it->source)) < 0) {
			it->skipped = align_strdup(
				"not a decision's file name (NNNN-<title>.md "
				"or YYYY-MM-DD-<title>.md)");
			continue;
		}
		align_buf_clear(&full);
		align_path_join(&full, dir, it->source);
		align_buf_clear(&data);
		if (lstat(full.ptr, &st) < 0 || !S_ISREG(st.st_mode)) {
			it->skipped = align_strdup("not a plain file");
			continue;
		}
		ret = align_fs_read(&data, full.ptr,
				    align_record_max_size(
					    align_repo_limits(repo)));
		if (ret < 0) {
			struct align_buf why_buf = ALIGN_BUF_INIT;
			align_buf_addf(&why_buf, "cannot be read: %s",
				       ret == ALIGN_ETOOBIG
					       ? "larger than the record size "
						 "limit"
					       : strerror(errno));
			it->skipped = align_buf_detach(&why_buf, NULL);
			continue;
		}
		if (data.len >= 4 && (!strncmp(data.ptr, "---\n", 4) ||
				      !strncmp(data.ptr, "---\r\n", 5))) {
			it->format = "madr";
			parse_madr(it, data.ptr, data.len);
		} else {
			it->format = "adr-tools";
			parse_adr_tools(it, data.ptr, data.len);
		}
		if (!it->title_ || !*it->title_) {
			it->skipped = align_strdup("no '# Title' heading");
			it->format = NULL;
			continue;
		}
		if (it->number_ > highest) {
			highest = it->number_;
		}
	}
	/* Dated files take the numbers after every other, in name order. */
	for (size_t i = 0; i < out->n; i++) {
		struct align_decision_import_item *it = &out->items[i];
		struct align_buf id = ALIGN_BUF_INIT;
		char *stem;

		if (it->skipped) {
			continue;
		}
		if (it->dated_ && it->number_ < 0) {
			it->number_ = ++highest;
		}
		stem = stem_of(it->source);
		if (!it->dated_ && align_id_valid(stem)) {
			align_buf_adds(&id, stem);
		} else {
			const char *rest = it->dated_ ? stem + 11
						      : stem + strspn(stem,
								      "0123456"
								      "789-");
			align_buf_addf(&id, "%04ld-", it->number_);
			align_slugify(&id, *rest ? rest : it->title_,
				      ALIGN_ID_MAX - id.len);
			if (!align_id_valid(id.ptr)) {
				align_buf_clear(&id);
				align_buf_addf(&id, "%04ld-decision",
					       it->number_);
			}
		}
		free(stem);
		it->id_ = align_buf_detach(&id, NULL);
	}
	/* One number twice is noted, not merged. */
	for (size_t i = 0; i < out->n; i++) {
		struct align_decision_import_item *it = &out->items[i];

		if (it->skipped) {
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (!out->items[j].skipped &&
			    out->items[j].number_ == it->number_) {
				note(it, "number %04ld is also %s's: renumber "
					 "one after the import with 'align "
					 "decision renumber %s'",
				     it->number_, out->items[j].source, it->id_);
				break;
			}
		}
		for (size_t c = 0; c < catalog->count; c++) {
			const struct align_entry *e = &catalog->entries[c];
			if (e->kind == &align_kind_decision &&
			    align_kind_serial_of(e->path) == it->number_) {
				note(it, "number %04ld is also %s's: renumber "
					 "one after the import",
				     it->number_, e->path);
				break;
			}
		}
	}
	old_ids_load(&old, catalog);
	for (size_t i = 0; i < out->n; i++) {
		if (!out->items[i].skipped) {
			build(out, &out->items[i], repo, catalog, &old, people,
			      today);
		}
	}
	old_ids_release(&old);
	align_buf_release(&data);
	align_buf_release(&full);
	return 0;
}

void align_decision_import_release(struct align_decision_import *im)
{
	for (size_t i = 0; i < im->n; i++) {
		struct align_decision_import_item *it = &im->items[i];

		free(it->source);
		align_record_free(it->record);
		free(it->skipped);
		align_buf_release(&it->notes);
		free(it->title_);
		free(it->date_);
		free(it->status_);
		free(it->supersedes_);
		free(it->superseded_by_);
		free(it->deciders_);
		free(it->consulted_);
		free(it->informed_);
		align_buf_release(&it->body_);
		free(it->id_);
	}
	free(im->items);
	memset(im, 0, sizeof(*im));
}
