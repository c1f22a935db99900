#include "people.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "git.h"
#include "util/error.h"
#include "util/text.h"
#include "util/work.h"
#include "util/banned.h"

/* Calls `fn` for each address of a comma-separated list, trimmed. */
static void each_email(const char *list,
		       void (*fn)(const char *e, size_t n, void *payload),
		       void *payload)
{
	while (list && *list) {
		size_t m;

		while (*list == ' ' || *list == ',') {
			list++;
		}
		m = strcspn(list, ",");
		while (m && list[m - 1] == ' ') {
			m--;
		}
		if (m) {
			fn(list, m, payload);
		}
		list += strcspn(list, ",");
	}
}

static void count_email(const char *e, size_t n, void *payload)
{
	(void)e;
	*(size_t *)payload += n + 1;
}

struct email_fill {
	struct align_people *people;
	size_t at;
	size_t person;
};

static void add_email(const char *e, size_t n, void *payload)
{
	struct email_fill *f = payload;
	char *key = f->people->emails + f->at;
	for (size_t i = 0; i < n; i++) {
		key[i] = (char)tolower((unsigned char)e[i]);
	}
	key[n] = '\0';
	f->at += n + 1;
	align_idmap_add(&f->people->by_email, key, f->person, NULL);
}

/* The handle and email indexes, built once the items stop moving. */
static void index_people(struct align_people *out)
{
	struct email_fill fill = { out, 0, 0 };
	size_t total = 1;

	for (size_t i = 0; i < out->count; i++) {
		align_idmap_add(&out->by_handle, out->items[i].handle, i, NULL);
		each_email(out->items[i].email, count_email, &total);
	}
	out->emails = align_malloc(total);
	for (size_t i = 0; i < out->count; i++) {
		fill.person = i;
		each_email(out->items[i].email, add_email, &fill);
	}
	for (size_t i = 0; i < out->nroles; i++) {
		align_idmap_add(&out->by_role, out->roles[i].name, i, NULL);
	}
}

/* Where a person's key goes, or NULL for a key align does not read. */
static const char **person_slot(struct align_person *p, const char *key)
{
	if (!strcmp(key, "name")) {
		return &p->name;
	} else if (!strcmp(key, "email")) {
		return &p->email;
	} else if (!strcmp(key, "team")) {
		return &p->team;
	} else if (!strcmp(key, "role")) {
		return &p->role;
	} else if (!strcmp(key, "backup")) {
		return &p->backup;
	} else if (!strcmp(key, "away")) {
		return &p->away;
	}
	return NULL;
}

/* The first `key` of section `s` into `*out`, or NULL. */
static void field_of(const struct align_ini *ini, size_t s, const char *key,
		     const char **out)
{
	const struct align_ini_field *f = align_ini_find(ini, s, key);

	*out = f ? f->value : NULL;
}

/*
 * A header the INI reader refused because its handle or role name is
 * not ASCII: says which character, where, and what was meant, instead
 * of the charset ("handle 'mаya' has CYRILLIC SMALL LETTER A (U+0430) at
 * column 2; did you mean 'maya'?").
 */
static void header_lookalike(struct align_diag *d, const struct align_buf *data)
{
	static const char *const heads[][2] = {
		{ "[person \"", "handle" },
		{ "[role \"", "role name" },
	};
	const char *line = data->ptr, *end = data->ptr + data->len;
	struct align_buf name = ALIGN_BUF_INIT, msg = ALIGN_BUF_INIT;
	struct align_buf plain = ALIGN_BUF_INIT;
	size_t col;
	unsigned cp;

	if (!d->line) {
		return;
	}
	for (size_t n = 1; n < d->line && line < end; n++) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		line = nl ? nl + 1 : end;
	}
	for (size_t h = 0; h < 2 && line < end; h++) {
		size_t k = strlen(heads[h][0]), len;
		const char *quote, *eol;

		eol = memchr(line, '\n', (size_t)(end - line));
		eol = eol ? eol : end;
		if ((size_t)(eol - line) <= k || memcmp(line, heads[h][0], k)) {
			continue;
		}
		quote = memchr(line + k, '"', (size_t)(eol - line) - k);
		len = quote ? (size_t)(quote - line) - k : 0;
		align_buf_add(&name, line + k, len);
		if (!len || memchr(name.ptr, '\0', len) ||
		    !align_text_lookalike(name.ptr, &col, &cp)) {
			break;
		}
		align_buf_addf(&msg, "%s '%s' has ", heads[h][1], name.ptr);
		align_text_codepoint_name(&msg, cp);
		align_buf_addf(&msg, " at column %zu", col);
		if (align_text_unconfuse(&plain, name.ptr) && plain.len) {
			align_buf_addf(&msg, "; did you mean '%s'?", plain.ptr);
		} else {
			align_buf_adds(&msg, "; use ASCII letters, digits, '_', "
					     "'.', '@' and '-'");
		}
		free(d->message);
		d->message = align_buf_detach(&msg, NULL);
		break;
	}
	align_buf_release(&name);
	align_buf_release(&msg);
	align_buf_release(&plain);
}

/* Reads the roster from its bytes: every [person "<handle>"] section. */
static int people_parse(struct align_people *out, struct align_repo *repo,
			const struct align_buf *data, struct align_diags *diags)
{
	struct align_diags found = ALIGN_DIAGS_INIT;
	const struct align_ini *ini;
	int ret;

	ret = align_record_parse(&out->record, ALIGN_PEOPLE_FILE, data->ptr,
				 data->len, align_repo_limits(repo), &found);
	if (ret < 0) {
		for (size_t i = 0; i < found.count; i++) {
			header_lookalike(&found.items[i], data);
		}
	}
	align_diags_move(diags, &found);
	if (ret < 0) {
		return ret;
	}
	ini = &out->record->ini;
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		struct align_person *p;

		if (!strcmp(sec->name, "role") && sec->sub) {
			struct align_role *r;

			ALIGN_ARRAY_GROW(out->roles, out->roles_alloc,
					 out->nroles + 1);
			r = &out->roles[out->nroles++];
			memset(r, 0, sizeof(*r));
			r->name = sec->sub;
			r->line = sec->line;
			field_of(ini, s, "members", &r->members);
			continue;
		}
		if (strcmp(sec->name, "person") || !sec->sub) {
			continue;
		}
		ALIGN_ARRAY_GROW(out->items, out->alloc, out->count + 1);
		p = &out->items[out->count++];
		memset(p, 0, sizeof(*p));
		p->handle = sec->sub;
		p->line = sec->line;
		/* One pass over the section's fields, the first of each key. */
		for (size_t f = sec->first_field;
		     f < sec->first_field + sec->nfields; f++) {
			const struct align_ini_field *fld = &ini->fields[f];
			const char **slot = person_slot(p, fld->key);

			if (slot && !*slot) {
				*slot = fld->value;
			}
		}
	}
	index_people(out);
	return 0;
}

int align_people_load(struct align_people *out, struct align_repo *repo,
		      struct align_diags *diags)
{
	struct align_buf data = ALIGN_BUF_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = align_repo_read(repo, ALIGN_PEOPLE_FILE, &data);
	if (!ret) {
		ret = people_parse(out, repo, &data, diags);
	} else if (ret == ALIGN_ENOTFOUND) {
		ret = 0;
	}
	align_buf_release(&data);
	return ret;
}

int align_people_load_at(struct align_people *out, struct align_repo *repo,
			 const char *commit, struct align_diags *diags)
{
	struct align_git *git = align_repo_git(repo);
	struct align_buf data = ALIGN_BUF_INIT, err = ALIGN_BUF_INIT;
	char tree[ALIGN_OID_HEXSZ + 1], blob[ALIGN_OID_HEXSZ + 1];
	int ret;

	memset(out, 0, sizeof(*out));
	ret = align_git_records_tree(git, commit, align_repo_prefix(repo), tree,
				     &err);
	if (!ret && *tree) {
		ret = align_git_tree_blob(git, tree, ALIGN_PEOPLE_FILE, blob,
					  &err);
	} else {
		*blob = '\0';
	}
	if (!ret && *blob) {
		ret = align_git_blob_capped(git, blob,
					    align_record_max_size(align_repo_limits(repo)),
					    &data, &err);
		if (!ret) {
			ret = people_parse(out, repo, &data, diags);
		} else if (ret == ALIGN_ETOOBIG) {
			align_diags_add(diags, ALIGN_PEOPLE_FILE, 0,
					ALIGN_SEV_ERROR, "%s", err.ptr);
			ret = ALIGN_EINVALID;
		}
	}
	if (ret < 0 && ret != ALIGN_EINVALID && err.len) {
		align_repo__fail(repo, ret, err.ptr);
	}
	align_buf_release(&data);
	align_buf_release(&err);
	return ret;
}

const struct align_person *align_people_closest(
	const struct align_people *people, const char *handle)
{
	const struct align_person *best = NULL;
	size_t best_d = strlen(handle) / 3;

	if (best_d < 2) {
		best_d = 2;
	}
	for (size_t i = 0; i < people->count; i++) {
		size_t d = align_distance(handle, people->items[i].handle);
		if (d <= best_d && (!best || d < align_distance(handle, best->handle))) {
			best = &people->items[i];
			best_d = d;
		}
	}
	return best;
}

void align_people_release(struct align_people *people)
{
	align_record_free(people->record);
	free(people->items);
	align_idmap_release(&people->by_handle);
	align_idmap_release(&people->by_email);
	free(people->emails);
	free(people->roles);
	align_idmap_release(&people->by_role);
	memset(people, 0, sizeof(*people));
}

struct email_find {
	const char *email;
	size_t n;
	int found;
};

static void match_email(const char *e, size_t n, void *payload)
{
	struct email_find *f = payload;

	f->found |= n == f->n && !strncasecmp(e, f->email, n);
}

/* Does the comma-separated `list` hold `email`? */
static int list_has(const char *list, const char *email)
{
	struct email_find f = { email, strlen(email), 0 };

	each_email(list, match_email, &f);
	return f.found;
}

const struct align_person *align_people_by_email(
	const struct align_people *people, const char *email)
{
	char small[256];
	size_t n = email ? strlen(email) : 0, i;

	if (!people->by_email.count) {
		/* A roster made by hand, without its index. */
		for (i = 0; email && i < people->count; i++) {
			ALIGN_WORK_STEP();
			if (list_has(people->items[i].email, email)) {
				return &people->items[i];
			}
		}
		return NULL;
	}
	if (!email || n >= sizeof(small)) {
		return NULL;
	}
	for (size_t k = 0; k <= n; k++) {
		small[k] = (char)tolower((unsigned char)email[k]);
	}
	return align_idmap_get(&people->by_email, small, &i) ? &people->items[i]
							    : NULL;
}

const struct align_person *align_people_by_handle(
	const struct align_people *people, const char *handle)
{
	size_t i;

	if (!people->by_handle.count) {
		/* A roster made by hand, without its index. */
		for (i = 0; handle && i < people->count; i++) {
			ALIGN_WORK_STEP();
			if (!strcmp(people->items[i].handle, handle)) {
				return &people->items[i];
			}
		}
		return NULL;
	}
	return handle && align_idmap_get(&people->by_handle, handle, &i)
		       ? &people->items[i]
		       : NULL;
}

struct email_check {
	const struct align_people *people;
	size_t person;
	struct align_diags *diags;
};

/* An email of this person that the index gives to an earlier one. */
static void claimed_email(const char *e, size_t n, void *payload)
{
	struct email_check *c = payload;
	const struct align_person *first;
	char one[256];

	if (n >= sizeof(one)) {
		return;
	}
	memcpy(one, e, n);
	one[n] = '\0';
	first = align_people_by_email(c->people, one);
	if (first && first != &c->people->items[c->person]) {
		align_diags_add(c->diags, ALIGN_PEOPLE_FILE,
				c->people->items[c->person].line,
				ALIGN_SEV_ERROR,
				"email '%s' belongs to both '%s' and '%s'", one,
				first->handle, c->people->items[c->person].handle);
	}
}

/* The line of a key of a person's or role's section, else the header. */
static size_t key_line(const struct align_people *people, const char *section,
		       const char *sub, const char *key, size_t header)
{
	size_t line = people->record
			      ? align_record_line(people->record, section, sub,
						  key)
			      : 0;
	return line ? line : header;
}

/*
 * A name in a field that must be a handle: a look-alike, else unknown
 * (with the closest); `what` says what it is ("backup 'x' of 'maya'" is
 * made from `what` "backup" and `of` "maya"). Returns 1 when it is fine.
 */
static int check_name(const struct align_people *people, const char *name,
		      const char *what, const char *of, size_t line,
		      struct align_diags *diags)
{
	struct align_buf why = ALIGN_BUF_INIT;
	const char *close;

	if (align_people_lookalike(people, name, &why)) {
		/* "member 'mаya' of role 'web' has ...": the name once. */
		const char *rest = why.ptr + strlen(name) + 2;
		align_diags_add(diags, ALIGN_PEOPLE_FILE, line, ALIGN_SEV_ERROR,
				"%s '%s' of %s%s", what, name, of, rest);
		align_buf_release(&why);
		return 0;
	}
	align_buf_release(&why);
	if (align_people_by_handle(people, name)) {
		return 1;
	}
	if (align_people_role(people, name)) {
		align_diags_add(diags, ALIGN_PEOPLE_FILE, line, ALIGN_SEV_ERROR,
				"%s '%s' of %s is a role; name a person",
				what, name, of);
		return 0;
	}
	close = align_people_suggest(people, name);
	if (close) {
		align_diags_add(diags, ALIGN_PEOPLE_FILE, line, ALIGN_SEV_ERROR,
				"%s '%s' of %s is not in the roster (did you "
				"mean '%s'?)",
				what, name, of, close);
	} else {
		align_diags_add(diags, ALIGN_PEOPLE_FILE, line, ALIGN_SEV_ERROR,
				"%s '%s' of %s is not in the roster", what,
				name, of);
	}
	return 0;
}

static void check_backup(const struct align_people *people,
			 const struct align_person *p,
			 struct align_diags *diags)
{
	struct align_buf of = ALIGN_BUF_INIT;
	size_t line;

	if (!p->backup || !*p->backup) {
		return;
	}
	line = key_line(people, "person", p->handle, "backup", p->line);
	if (!strcmp(p->backup, p->handle)) {
		align_diags_add(diags, ALIGN_PEOPLE_FILE, line, ALIGN_SEV_ERROR,
				"person '%s' is their own backup; name "
				"someone else",
				p->handle);
		return;
	}
	align_buf_addf(&of, "'%s'", p->handle);
	check_name(people, p->backup, "backup", of.ptr, line, diags);
	align_buf_release(&of);
}

struct away_check {
	const struct align_person *p;
	size_t line;
	struct align_diags *diags;
};

static void away_problem(const char *entry, size_t len,
			 const struct align_date *from,
			 const struct align_date *to, int ok, void *payload)
{
	struct away_check *c = payload;

	(void)from;
	(void)to;
	if (ok == -1) {
		align_diags_add(c->diags, ALIGN_PEOPLE_FILE, c->line,
				ALIGN_SEV_ERROR,
				"away entry '%.*s' of '%s' is not a date or a "
				"range (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)",
				(int)len, entry, c->p->handle);
	} else if (ok == -2) {
		align_diags_add(c->diags, ALIGN_PEOPLE_FILE, c->line,
				ALIGN_SEV_ERROR,
				"away range '%.*s' of '%s' ends before it "
				"starts",
				(int)len, entry, c->p->handle);
	}
}

static void check_away(const struct align_people *people,
		       const struct align_person *p,
		       struct align_diags *diags)
{
	struct away_check c;

	if (!p->away) {
		return;
	}
	c.p = p;
	c.line = key_line(people, "person", p->handle, "away", p->line);
	c.diags = diags;
	align_away_each(p->away, away_problem, &c);
}

static void check_role(const struct align_people *people,
		       const struct align_role *r, struct align_diags *diags)
{
	struct align_buf of = ALIGN_BUF_INIT, one = ALIGN_BUF_INIT;
	const char *list = r->members, *item;
	size_t n, line, count = 0;

	if (align_people_by_handle(people, r->name)) {
		align_diags_add(diags, ALIGN_PEOPLE_FILE, r->line,
				ALIGN_SEV_ERROR,
				"role '%s' has the name of a person; roles and "
				"handles share one namespace, so rename the "
				"role",
				r->name);
	}
	line = key_line(people, "role", r->name, "members", r->line);
	align_buf_addf(&of, "role '%s'", r->name);
	while (list && align_people_next(&list, &item, &n)) {
		align_buf_clear(&one);
		align_buf_add(&one, item, n);
		check_name(people, one.ptr, "member", of.ptr, line, diags);
		count++;
	}
	if (!count) {
		align_diags_add(diags, ALIGN_PEOPLE_FILE, line,
				ALIGN_SEV_WARNING,
				"role '%s' has no members; list their handles "
				"in 'members'",
				r->name);
	}
	align_buf_release(&of);
	align_buf_release(&one);
}

void align_people_check(const struct align_people *people,
			struct align_diags *diags)
{
	struct email_check check_emails;

	for (size_t i = 0; i < people->count; i++) {
		const struct align_person *p = &people->items[i];

		if (!p->name || !*p->name) {
			align_diags_add(diags, ALIGN_PEOPLE_FILE, p->line,
					ALIGN_SEV_ERROR,
					"person '%s' has no name", p->handle);
		}
		if (!p->email || !strchr(p->email, '@')) {
			align_diags_add(diags, ALIGN_PEOPLE_FILE, p->line,
					ALIGN_SEV_ERROR,
					"person '%s' has no email", p->handle);
			continue;
		}
		check_emails.people = people;
		check_emails.person = i;
		check_emails.diags = diags;
		each_email(p->email, claimed_email, &check_emails);
	}
	for (size_t i = 0; i < people->count; i++) {
		check_backup(people, &people->items[i], diags);
		check_away(people, &people->items[i], diags);
	}
	for (size_t i = 0; i < people->nroles; i++) {
		check_role(people, &people->roles[i], diags);
	}
}

const struct align_role *align_people_role(const struct align_people *people,
					   const char *name)
{
	size_t i;

	if (!name) {
		return NULL;
	}
	if (!people->by_role.count) {
		/* A roster made by hand, without its index. */
		for (i = 0; i < people->nroles; i++) {
			ALIGN_WORK_STEP();
			if (!strcmp(people->roles[i].name, name)) {
				return &people->roles[i];
			}
		}
		return NULL;
	}
	return align_idmap_get(&people->by_role, name, &i) ? &people->roles[i]
							  : NULL;
}

int align_people_next(const char **list, const char **item, size_t *len)
{
	const char *q = *list;

	while (q && *q) {
		size_t n;

		q += strspn(q, " \t,");
		n = strcspn(q, ",");
		*item = q;
		q += n;
		while (n && ((*item)[n - 1] == ' ' || (*item)[n - 1] == '\t')) {
			n--;
		}
		if (n) {
			*len = n;
			*list = q;
			return 1;
		}
	}
	*list = q;
	return 0;
}

size_t align_people_expand(const struct align_people *people,
			   const char *name, struct align_buf *out)
{
	const struct align_role *role;
	const char *list, *item;
	size_t n, count = 0;

	if (!name) {
		return 0;
	}
	if (align_people_by_handle(people, name)) {
		align_buf_adds(out, name);
		align_buf_addch(out, '\n');
		return 1;
	}
	role = align_people_role(people, name);
	if (!role) {
		return 0;
	}
	list = role->members;
	while (align_people_next(&list, &item, &n)) {
		align_buf_add(out, item, n);
		align_buf_addch(out, '\n');
		count++;
	}
	return count;
}

int align_people_is(const struct align_people *people, const char *handle,
		    const char *name)
{
	const struct align_role *role;
	const char *list, *item;
	size_t n, len;

	if (!handle || !name) {
		return 0;
	}
	if (!strcmp(handle, name)) {
		return 1;
	}
	role = align_people_role(people, name);
	if (!role) {
		return 0;
	}
	len = strlen(handle);
	list = role->members;
	while (align_people_next(&list, &item, &n)) {
		if (n == len && !memcmp(item, handle, n)) {
			return 1;
		}
	}
	return 0;
}

/* One date of an away entry: exactly YYYY-MM-DD at `s` (`n` bytes). */
static int away_date(struct align_date *out, const char *s, size_t n)
{
	char one[ALIGN_DATE_STRLEN];

	if (n != ALIGN_DATE_STRLEN - 1) {
		return -1;
	}
	memcpy(one, s, n);
	one[n] = '\0';
	return align_date_parse(out, one);
}

size_t align_away_each(const char *list, align_away_fn fn, void *payload)
{
	const char *item;
	size_t n, bad = 0;

	while (align_people_next(&list, &item, &n)) {
		struct align_date from, to;
		const char *dots = NULL;
		int ok = 0;

		for (size_t i = 0; i + 1 < n; i++) {
			if (item[i] == '.' && item[i + 1] == '.') {
				dots = item + i;
				break;
			}
		}
		memset(&from, 0, sizeof(from));
		memset(&to, 0, sizeof(to));
		if (!dots) {
			ok = away_date(&from, item, n);
			to = from;
		} else {
			size_t a = (size_t)(dots - item), b = n - a - 2;
			const char *end = dots + 2;

			while (a && item[a - 1] == ' ') {
				a--;
			}
			while (b && *end == ' ') {
				end++;
				b--;
			}
			ok = away_date(&from, item, a) < 0 ||
					     away_date(&to, end, b) < 0
				     ? -1
				     : 0;
			if (!ok && align_date_to_days(&to) <
					   align_date_to_days(&from)) {
				ok = -2;
			}
		}
		bad += ok != 0;
		if (fn) {
			fn(item, n, &from, &to, ok, payload);
		}
	}
	return bad;
}

struct away_find {
	int64_t day;
	int found;
};

static void away_match(const char *entry, size_t len,
		       const struct align_date *from,
		       const struct align_date *to, int ok, void *payload)
{
	struct away_find *f = payload;

	(void)entry;
	(void)len;
	if (!ok && align_date_to_days(from) <= f->day &&
	    f->day <= align_date_to_days(to)) {
		f->found = 1;
	}
}

int align_person_away(const struct align_person *p,
		      const struct align_date *day)
{
	struct away_find f;

	if (!p || !p->away || !day) {
		return 0;
	}
	f.day = align_date_to_days(day);
	f.found = 0;
	align_away_each(p->away, away_match, &f);
	return f.found;
}

const char *align_people_suggest(const struct align_people *people,
				 const char *name)
{
	struct align_buf plain = ALIGN_BUF_INIT;
	const struct align_person *p;
	const char *best = NULL;
	size_t best_d;

	if (!name) {
		return NULL;
	}
	align_text_unconfuse(&plain, name);
	if (plain.len && strcmp(plain.ptr, name)) {
		if ((p = align_people_by_handle(people, plain.ptr))) {
			best = p->handle;
		} else if (align_people_role(people, plain.ptr)) {
			best = align_people_role(people, plain.ptr)->name;
		}
	}
	if (!best) {
		const char *probe = plain.len ? plain.ptr : name;

		p = align_people_closest(people, probe);
		best = p ? p->handle : NULL;
		best_d = best ? align_distance(probe, best) : strlen(probe) / 3;
		if (!best && best_d < 2) {
			best_d = 2;
		}
		for (size_t i = 0; i < people->nroles; i++) {
			size_t d = align_distance(probe, people->roles[i].name);
			if (d <= best_d && (!best || d < best_d)) {
				best = people->roles[i].name;
				best_d = d;
			}
		}
	}
	align_buf_release(&plain);
	return best;
}

int align_people_lookalike(const struct align_people *people,
			   const char *name, struct align_buf *out)
{
	const char *close;
	size_t col;
	unsigned cp;

	if (!name || !align_text_lookalike(name, &col, &cp)) {
		return 0;
	}
	align_buf_addf(out, "'%s' has ", name);
	align_text_codepoint_name(out, cp);
	align_buf_addf(out, " at column %zu", col);
	close = align_people_suggest(people, name);
	if (close) {
		align_buf_addf(out, "; did you mean '%s'?", close);
	}
	return 1;
}

/* The first problem of `list` as an away list, into `err`. */
struct away_first {
	struct align_buf *err;
	int bad;
};

static void away_first(const char *entry, size_t len,
		       const struct align_date *from,
		       const struct align_date *to, int ok, void *payload)
{
	struct away_first *f = payload;

	(void)from;
	(void)to;
	if (!ok || f->bad) {
		return;
	}
	f->bad = 1;
	if (ok == -2) {
		align_buf_addf(f->err, "away range '%.*s' ends before it starts",
			       (int)len, entry);
	} else {
		align_buf_addf(f->err,
			       "away entry '%.*s' is not a date or a range "
			       "(YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)",
			       (int)len, entry);
	}
}

struct email_taken {
	const struct align_people *people;
	const char *handle;
	struct align_buf *err;
	int taken;
	int bad;
};

static void email_taken(const char *e, size_t n, void *payload)
{
	struct email_taken *t = payload;
	const struct align_person *p;
	char one[256];

	if (t->taken || t->bad) {
		return;
	}
	if (n >= sizeof(one) || !memchr(e, '@', n)) {
		align_buf_addf(t->err, "email '%.*s' is not an address",
			       (int)n, e);
		t->bad = 1;
		return;
	}
	memcpy(one, e, n);
	one[n] = '\0';
	p = align_people_by_email(t->people, one);
	if (p && strcmp(p->handle, t->handle)) {
		align_buf_addf(t->err, "email '%s' belongs to '%s' already", one,
			       p->handle);
		t->taken = 1;
	}
}

/* The edit's values against the roster; `handle` is the person's. */
static int edit_valid(const struct align_people *people, const char *handle,
		      const struct align_person_edit *edit, int adding,
		      struct align_buf *err)
{
	const char *const values[][2] = {
		{ "name", edit->name },     { "email", edit->email },
		{ "team", edit->team },     { "role", edit->role },
		{ "backup", edit->backup }, { "away", edit->away },
	};
	struct align_buf why = ALIGN_BUF_INIT;

	for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++) {
		const char *problem;

		if (values[i][1] &&
		    (problem = align_ini_value_problem(values[i][1]))) {
			align_buf_addf(err, "invalid %s: it %s", values[i][0],
				       problem);
			return ALIGN_EINVALID;
		}
	}
	if ((adding && (!edit->name || !*edit->name)) ||
	    (edit->name && !*edit->name)) {
		align_buf_addf(err, "person '%s' needs a name", handle);
		return ALIGN_EINVALID;
	}
	if ((adding && (!edit->email || !*edit->email)) ||
	    (edit->email && !strchr(edit->email, '@'))) {
		align_buf_addf(err, "person '%s' needs an email address",
			       handle);
		return ALIGN_EINVALID;
	}
	if (edit->email) {
		struct email_taken t = { people, handle, err, 0, 0 };

		each_email(edit->email, email_taken, &t);
		if (t.bad) {
			return ALIGN_EINVALID;
		}
		if (t.taken) {
			return ALIGN_EEXISTS;
		}
	}
	if (edit->away && *edit->away) {
		struct away_first f = { err, 0 };

		align_away_each(edit->away, away_first, &f);
		if (f.bad) {
			return ALIGN_EINVALID;
		}
	}
	if (edit->backup && *edit->backup) {
		const char *close;

		if (!strcmp(edit->backup, handle)) {
			align_buf_addf(err,
				       "person '%s' cannot be their own backup",
				       handle);
			return ALIGN_EREFUSED;
		}
		if (align_people_lookalike(people, edit->backup, &why)) {
			align_buf_addf(err, "backup %s", why.ptr);
			align_buf_release(&why);
			return ALIGN_EINVALID;
		}
		if (!align_people_by_handle(people, edit->backup)) {
			close = align_people_suggest(people, edit->backup);
			align_buf_addf(err, "backup '%s' is not in the roster",
				       edit->backup);
			if (close) {
				align_buf_addf(err, " (did you mean '%s'?)",
					       close);
			}
			return ALIGN_EREFUSED;
		}
	}
	return 0;
}

/* Rebuilds `people` from its edited record. */
static int people_reload(struct align_people *people, struct align_repo *repo,
			 struct align_record *edited, struct align_buf *err)
{
	struct align_people fresh;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf bytes = ALIGN_BUF_INIT;
	int ret;

	memset(&fresh, 0, sizeof(fresh));
	align_buf_add(&bytes, edited->bytes.ptr, edited->bytes.len);
	ret = people_parse(&fresh, repo, &bytes, &diags);
	if (ret < 0) {
		align_buf_addf(err, "the roster would not read back: %s",
			       diags.count ? diags.items[0].message : "?");
		align_people_release(&fresh);
	} else {
		align_people_release(people);
		*people = fresh;
	}
	align_diags_clear(&diags);
	align_buf_release(&bytes);
	return ret < 0 ? ALIGN_EINVALID : 0;
}

/* Writes the edit's keys into [person "<handle>"] of `r`. */
static int edit_apply(struct align_record *r, const char *handle,
		      const struct align_person_edit *edit,
		      struct align_buf *err)
{
	const char *const values[][2] = {
		{ "name", edit->name },     { "email", edit->email },
		{ "team", edit->team },     { "role", edit->role },
		{ "backup", edit->backup }, { "away", edit->away },
	};
	int ret = 0;

	for (size_t i = 0; !ret && i < sizeof(values) / sizeof(*values); i++) {
		if (!values[i][1]) {
			continue;
		}
		ret = *values[i][1]
			      ? align_record_set(r, "person", handle,
						 values[i][0], values[i][1], err)
			      : align_record_unset(r, "person", handle,
						   values[i][0], err);
	}
	return ret;
}

/*
 * Applies `edit` to the person `handle` in a copy of the roster's bytes
 * (`bytes`, `len`) and reloads `people` from the result: the shared end
 * of align_people_add() and align_people_set().
 */
static int edit_roster(struct align_people *people, struct align_repo *repo,
		       const char *handle, const struct align_person_edit *edit,
		       const char *bytes, size_t len, struct align_buf *err)
{
	struct align_record *r = NULL;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret;

	ret = align_record_parse(&r, ALIGN_PEOPLE_FILE, bytes, len,
				 align_repo_limits(repo), &diags);
	if (ret < 0) {
		align_buf_addf(err, "cannot edit %s: %s", ALIGN_PEOPLE_FILE,
			       diags.count ? diags.items[0].message : "?");
	} else if ((ret = edit_apply(r, handle, edit, err)) >= 0) {
		ret = people_reload(people, repo, r, err);
	}
	align_record_free(r);
	align_diags_clear(&diags);
	return ret;
}

int align_people_add(struct align_people *people, struct align_repo *repo,
		     const char *handle, const struct align_person_edit *edit,
		     struct align_buf *err)
{
	struct align_buf why = ALIGN_BUF_INIT, start = ALIGN_BUF_INIT;
	int ret;

	if (align_people_lookalike(people, handle, &why)) {
		align_buf_addf(err, "invalid handle %s", why.ptr);
		align_buf_release(&why);
		return ALIGN_EINVALID;
	}
	if (!align_ini_sub_valid(handle)) {
		align_buf_addf(err,
			       "invalid handle '%s': use 1-32 of letters, "
			       "digits, '_', '.', '@', '-', starting with a "
			       "letter or digit",
			       handle);
		return ALIGN_EINVALID;
	}
	if (align_people_by_handle(people, handle)) {
		align_buf_addf(err, "person '%s' is in the roster already",
			       handle);
		return ALIGN_EEXISTS;
	}
	if (align_people_role(people, handle)) {
		align_buf_addf(err,
			       "'%s' is a role; roles and handles share one "
			       "namespace, so choose another handle",
			       handle);
		return ALIGN_EEXISTS;
	}
	if ((ret = edit_valid(people, handle, edit, 1, err)) < 0) {
		return ret;
	}
	if (people->record) {
		return edit_roster(people, repo, handle, edit,
				   people->record->bytes.ptr,
				   people->record->bytes.len, err);
	}
	/* A new roster: its first section, then the keys. */
	align_buf_addf(&start, "[person \"%s\"]\n", handle);
	ret = edit_roster(people, repo, handle, edit, start.ptr, start.len, err);
	align_buf_release(&start);
	return ret;
}

int align_people_set(struct align_people *people, struct align_repo *repo,
		     const char *handle, const struct align_person_edit *edit,
		     struct align_buf *err)
{
	int ret;

	if (!align_people_by_handle(people, handle)) {
		const char *close = align_people_suggest(people, handle);

		align_buf_addf(err, "person '%s' is not in the roster", handle);
		if (close) {
			align_buf_addf(err, " (did you mean '%s'?)", close);
		}
		return ALIGN_ENOTFOUND;
	}
	if ((ret = edit_valid(people, handle, edit, 0, err)) < 0) {
		return ret;
	}
	return edit_roster(people, repo, handle, edit, people->record->bytes.ptr,
			   people->record->bytes.len, err);
}
