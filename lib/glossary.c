#include "glossary.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "git.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/* What the parser is inside of, line by line. */
struct scan {
	struct align_glossary *g;
	struct align_diags *diags;
	size_t errors;
	char fence;       /* '`' or '~' inside a fenced code block, else 0 */
	size_t fence_len;
	int comment;      /* inside an HTML comment */
	long entry;       /* the open entry, or -1 */
	struct align_buf def; /* the open entry's definition lines */
	size_t blank_run; /* blank lines waiting to join `def` */
};

static void fail(struct scan *s, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct scan *s, size_t line, const char *fmt, ...)
{
	struct align_buf msg = ALIGN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	s->errors++;
	align_diags_add(s->diags, ALIGN_GLOSSARY_FILE, line, ALIGN_SEV_ERROR,
			"%s", msg.ptr);
	align_buf_release(&msg);
}

static int blank(int c)
{
	return c == ' ' || c == '\t';
}

/* `n` bytes at `p` without blanks at either end: adjusts both. */
static void trim(const char **p, size_t *n)
{
	while (*n && blank(**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n && blank((*p)[*n - 1])) {
		(*n)--;
	}
}

static char *lower_key(const char *s, size_t n)
{
	char *k = align_malloc(n + 1);

	for (size_t i = 0; i < n; i++) {
		k[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	}
	k[n] = '\0';
	return k;
}

/* A fence line: up to 3 spaces, then 3 or more of ` or ~. */
static size_t fence_of(const char *p, size_t n, char *c)
{
	size_t i = 0, run;

	while (i < n && i < 3 && p[i] == ' ') {
		i++;
	}
	if (i >= n || (p[i] != '`' && p[i] != '~')) {
		return 0;
	}
	*c = p[i];
	for (run = 0; i + run < n && p[i + run] == *c; run++) {
	}
	/* A backtick fence's info string holds no backtick. */
	if (run < 3 || (*c == '`' && memchr(p + i + run, '`', n - i - run))) {
		return 0;
	}
	return run;
}

/*
 * An ATX heading: its level (1 to 6) with the text trimmed and the
 * closing run of '#' removed into `*text`/`*tn`, or 0.
 */
static int heading_of(const char *p, size_t n, const char **text, size_t *tn)
{
	size_t i = 0;
	int level = 0;

	while (i < n && i < 3 && p[i] == ' ') {
		i++;
	}
	while (i < n && p[i] == '#' && level < 7) {
		i++;
		level++;
	}
	if (!level || level > 6 || (i < n && !blank(p[i]))) {
		return 0;
	}
	*text = p + i;
	*tn = n - i;
	trim(text, tn);
	/* A closing sequence: '#'s after a blank (or the whole text). */
	{
		size_t e = *tn;
		while (e && (*text)[e - 1] == '#') {
			e--;
		}
		if (e < *tn && (!e || blank((*text)[e - 1]))) {
			*tn = e;
			trim(text, tn);
		}
	}
	return level;
}

static size_t add_name(struct scan *s, const char *p, size_t n, size_t line,
		       int alias)
{
	struct align_glossary *g = s->g;
	struct align_glossary_name *nm;

	ALIGN_ARRAY_GROW(g->names, g->names_alloc, g->nnames + 1);
	nm = &g->names[g->nnames];
	nm->text = align_strndup(p, n);
	nm->key = lower_key(p, n);
	nm->entry = (size_t)s->entry;
	nm->line = line;
	nm->alias = alias;
	g->items[s->entry].nnames++;
	return g->nnames++;
}

static void close_entry(struct scan *s)
{
	struct align_glossary_entry *e;

	if (s->entry < 0) {
		return;
	}
	e = &s->g->items[s->entry];
	e->definition = align_buf_detach(&s->def, NULL);
	s->entry = -1;
	s->blank_run = 0;
}

static void open_entry(struct scan *s, const char *term, size_t n,
		       size_t line)
{
	struct align_glossary *g = s->g;
	struct align_glossary_entry *e;

	close_entry(s);
	ALIGN_ARRAY_GROW(g->items, g->alloc, g->count + 1);
	e = &g->items[g->count];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->first_name = g->nnames;
	s->entry = (long)g->count++;
	{
		/* add_name() may move the names: index them after it. */
		size_t at = add_name(s, term, n, line, 0);
		e->term = g->names[at].text;
	}
}

/* A definition line; blank lines are held until text follows them. */
static void add_def_line(struct scan *s, const char *p, size_t n)
{
	const char *t = p;
	size_t tn = n;

	trim(&t, &tn);
	if (!tn) {
		s->blank_run++;
		return;
	}
	if (s->def.len) {
		align_buf_addch(&s->def, '\n');
		for (; s->blank_run; s->blank_run--) {
			align_buf_addch(&s->def, '\n');
		}
	}
	s->blank_run = 0;
	align_buf_add(&s->def, p, n);
}

/*
 * "owner:" or "aliases:" (any ASCII case) at the start of a line: the
 * field's index (0 owner, 1 aliases) with the value in `*v`/`*vn`, or -1.
 */
static int field_of(const char *p, size_t n, const char **v, size_t *vn)
{
	static const char *const keys[] = { "owner", "aliases" };

	for (int k = 0; k < 2; k++) {
		size_t kn = strlen(keys[k]), i;

		if (n <= kn || p[kn] != ':') {
			continue;
		}
		for (i = 0; i < kn; i++) {
			char c = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] + 32)
							    : p[i];
			if (c != keys[k][i]) {
				break;
			}
		}
		if (i == kn) {
			*v = p + kn + 1;
			*vn = n - kn - 1;
			trim(v, vn);
			return k;
		}
	}
	return -1;
}

static void set_field(struct scan *s, int k, const char *v, size_t vn,
		      size_t line)
{
	struct align_glossary_entry *e = &s->g->items[s->entry];
	size_t *at = k == 0 ? &e->owner_line : &e->aliases_line;

	if (*at) {
		fail(s, line, "'%s' is set twice for '%s' (first on line %zu)",
		     k == 0 ? "owner" : "aliases", e->term, *at);
		return;
	}
	*at = line;
	if (k == 0) {
		if (vn > ALIGN_GLOSSARY_NAME_MAX) {
			fail(s, line, "owner of '%s' is longer than 200 bytes",
			     e->term);
		} else if (vn) {
			e->owner = align_strndup(v, vn);
		}
		return;
	}
	while (vn) {
		size_t m = 0;
		const char *a = v;

		while (m < vn && v[m] != ',') {
			m++;
		}
		v += m;
		vn -= m;
		if (vn) {
			v++;
			vn--;
		}
		trim(&a, &m);
		if (m > ALIGN_GLOSSARY_NAME_MAX) {
			fail(s, line, "an alias of '%s' is longer than 200 bytes",
			     e->term);
		} else if (m) {
			add_name(s, a, m, line, 1);
		}
	}
}

static void one_line(struct scan *s, const char *p, size_t n, size_t line)
{
	const char *t, *v;
	size_t tn, vn;
	char c;
	size_t run;
	int level, k;

	if (s->fence) {
		run = fence_of(p, n, &c);
		if (run >= s->fence_len && c == s->fence) {
			/* A closing fence has nothing after its run. */
			t = p;
			tn = n;
			trim(&t, &tn);
			if (tn == run) {
				s->fence = 0;
			}
		}
		if (s->entry >= 0) {
			add_def_line(s, p, n);
		}
		return;
	}
	if (s->comment) {
		for (size_t i = 0; i + 3 <= n; i++) {
			if (!memcmp(p + i, "-->", 3)) {
				s->comment = 0;
				break;
			}
		}
		return;
	}
	if ((run = fence_of(p, n, &c)) != 0) {
		s->fence = c;
		s->fence_len = run;
		if (s->entry >= 0) {
			add_def_line(s, p, n);
		}
		return;
	}
	t = p;
	tn = n;
	trim(&t, &tn);
	if (tn >= 4 && !memcmp(t, "<!--", 4)) {
		int closed = 0;
		for (size_t i = 4; i + 3 <= tn; i++) {
			if (!memcmp(t + i, "-->", 3)) {
				closed = 1;
				break;
			}
		}
		s->comment = !closed;
		return;
	}
	if ((level = heading_of(p, n, &t, &tn)) != 0 && level <= 3) {
		close_entry(s);
		if (level < 3) {
			return;
		}
		if (!tn) {
			fail(s, line, "%s", "a '###' heading needs a term");
		} else if (tn > ALIGN_GLOSSARY_NAME_MAX) {
			fail(s, line, "%s", "term is longer than 200 bytes");
		} else {
			open_entry(s, t, tn, line);
		}
		return;
	}
	if (s->entry < 0) {
		return; /* prose before the first term, or under a ## */
	}
	if ((k = field_of(p, n, &v, &vn)) >= 0) {
		set_field(s, k, v, vn, line);
		return;
	}
	add_def_line(s, p, n);
}

static void index_names(struct align_glossary *g)
{
	for (size_t i = 0; i < g->nnames; i++) {
		align_idmap_add(&g->by_name, g->names[i].key, g->names[i].entry,
				NULL);
	}
}

int align_glossary_parse(struct align_glossary *out, const char *data,
			 size_t len, struct align_diags *diags)
{
	struct scan s;
	size_t line = 1;

	memset(&s, 0, sizeof(s));
	s.g = out;
	s.diags = diags;
	s.entry = -1;
	align_buf_init(&s.def);
	{
		const char *nul = memchr(data, '\0', len);
		if (nul) {
			align_diags_add(diags, ALIGN_GLOSSARY_FILE, 0,
					ALIGN_SEV_ERROR,
					"binary file (NUL byte at offset %zu)",
					(size_t)(nul - data));
			return ALIGN_EINVALID;
		}
	}
	/* Skip a byte order mark, as editors on Windows write one. */
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	for (size_t at = 0; at < len; line++) {
		const char *p = data + at;
		const char *nl = memchr(p, '\n', len - at);
		size_t n = nl ? (size_t)(nl - p) : len - at;
		const char *cr;

		at += n + (nl != NULL);
		if (!align_utf8_valid(p, n)) {
			fail(&s, line, "%s", "line is not valid UTF-8");
			continue;
		}
		if (n && p[n - 1] == '\r') {
			n--;
		}
		if ((cr = memchr(p, '\r', n)) != NULL) {
			fail(&s, line, "%s",
			     "a carriage return (CR) inside a line; end lines "
			     "with LF or CRLF");
			continue;
		}
		one_line(&s, p, n, line);
	}
	close_entry(&s);
	align_buf_release(&s.def);
	if (s.errors) {
		align_glossary_release(out);
		return ALIGN_EINVALID;
	}
	index_names(out);
	return 0;
}

int align_glossary_load(struct align_glossary *out, struct align_repo *repo,
			struct align_diags *diags)
{
	struct align_buf data = ALIGN_BUF_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = align_repo_read(repo, ALIGN_GLOSSARY_FILE, &data);
	if (!ret) {
		ret = align_glossary_parse(out, data.ptr, data.len, diags);
	}
	align_buf_release(&data);
	return ret;
}

void align_glossary_release(struct align_glossary *g)
{
	for (size_t i = 0; i < g->count; i++) {
		free(g->items[i].owner);
		free(g->items[i].definition);
	}
	for (size_t i = 0; i < g->nnames; i++) {
		free(g->names[i].text);
		free(g->names[i].key);
	}
	free(g->items);
	free(g->names);
	align_idmap_release(&g->by_name);
	memset(g, 0, sizeof(*g));
}

const struct align_glossary_entry *align_glossary_find(
	const struct align_glossary *g, const char *name)
{
	const char *p = name;
	size_t n = strlen(name), i;
	char *key;
	int found;

	trim(&p, &n);
	key = lower_key(p, n);
	found = align_idmap_get(&g->by_name, key, &i);
	free(key);
	return found ? &g->items[i] : NULL;
}

const struct align_glossary_name *align_glossary_closest(
	const struct align_glossary *g, const char *name)
{
	const struct align_glossary_name *best = NULL;
	char *key = lower_key(name, strlen(name));
	size_t best_d = strlen(name) / 3;

	if (best_d < 2) {
		best_d = 2;
	}
	for (size_t i = 0; i < g->nnames; i++) {
		size_t d = align_distance(key, g->names[i].key);
		if (d <= best_d && (!best || d < best_d)) {
			best = &g->names[i];
			best_d = d;
		}
	}
	free(key);
	return best;
}

void align_glossary_check(const struct align_glossary *g,
			  const struct align_people *people,
			  struct align_diags *diags)
{
	struct align_idmap seen = ALIGN_IDMAP_INIT;
	int roster = people && people->record;

	for (size_t i = 0; i < g->nnames; i++) {
		const struct align_glossary_name *nm = &g->names[i];
		const struct align_glossary_name *first;
		size_t at;

		if (align_idmap_add(&seen, nm->key, i, &at)) {
			continue;
		}
		first = &g->names[at];
		align_diags_add(diags, ALIGN_GLOSSARY_FILE, nm->line,
				ALIGN_SEV_ERROR,
				"'%s' is defined twice: %s%s%s and %s%s%s "
				"(line %zu); keep one",
				nm->text, nm->alias ? "an alias of '" : "a term",
				nm->alias ? g->items[nm->entry].term : "",
				nm->alias ? "'" : "",
				first->alias ? "an alias of '" : "a term",
				first->alias ? g->items[first->entry].term : "",
				first->alias ? "'" : "", first->line);
	}
	align_idmap_release(&seen);
	for (size_t i = 0; i < g->count; i++) {
		const struct align_glossary_entry *e = &g->items[i];
		const struct align_person *close;

		if (!*e->definition) {
			align_diags_add(diags, ALIGN_GLOSSARY_FILE, e->line,
					ALIGN_SEV_WARNING,
					"term '%s' has no definition", e->term);
		}
		if (!e->owner) {
			align_diags_add(diags, ALIGN_GLOSSARY_FILE, e->line,
					ALIGN_SEV_WARNING,
					"term '%s' has no owner; add 'owner: "
					"<handle>' under its heading",
					e->term);
			continue;
		}
		if (!roster || align_people_by_handle(people, e->owner)) {
			continue;
		}
		close = align_people_closest(people, e->owner);
		if (close) {
			align_diags_add(diags, ALIGN_GLOSSARY_FILE, e->owner_line,
					ALIGN_SEV_ERROR,
					"term '%s': owner '%s' is not in the "
					"roster (did you mean '%s'?)",
					e->term, e->owner, close->handle);
		} else {
			align_diags_add(diags, ALIGN_GLOSSARY_FILE, e->owner_line,
					ALIGN_SEV_ERROR,
					"term '%s': owner '%s' is not in the "
					"roster (%s)",
					e->term, e->owner, ALIGN_PEOPLE_FILE);
		}
	}
}

/* The starter glossary: term, aliases, definition. */
static const char *const starter[][3] = {
	{ NULL, "Brief lifecycle", NULL },
	{ "draft", NULL,
	  "A brief its owner is still writing. Nothing is promised yet: no\n"
	  "budget, no date, no approval. Every brief starts here\n"
	  "(`align brief new`)." },
	{ "ready", "submitted, ready for review",
	  "A brief sent for approval (`align brief submit`): its owner,\n"
	  "accountable person and due date are set, and it waits for the\n"
	  "accountable person's decision. Ready is not approved: nothing is\n"
	  "built or spent on it yet. In align its status is `submitted`." },
	{ "approved", "greenlit, signed off",
	  "The accountable person has said yes to a submitted brief whose six\n"
	  "questions are answered (`align brief approve`). Work and budget may\n"
	  "start; the campaign is not in market yet." },
	{ "live", "launched, go-live, in market",
	  "The campaign is running: its audience can see it (`align brief\n"
	  "launch`, from approved). Results are measured from this day." },
	{ "completed", "done, wrapped",
	  "The campaign has ended and its results are written up in the\n"
	  "brief's `## Results` (`align brief complete`, from live). Final:\n"
	  "a completed brief does not move again." },
	{ "cancelled", "canceled",
	  "Stopped before it was completed, and kept for the record (`align\n"
	  "brief cancel`). `align brief reopen` takes it back to draft." },
	{ NULL, "Decision lifecycle", NULL },
	{ "proposed", NULL,
	  "A decision written up for its deciders to take (`align decision\n"
	  "new`): context and options are set out, nothing is settled yet." },
	{ "accepted", NULL,
	  "One of the decision's deciders has taken it (`align decision\n"
	  "accept`): the team acts on it until it is revisited, deprecated or\n"
	  "superseded." },
	{ "rejected", NULL,
	  "The deciders turned the proposal down (`align decision reject`);\n"
	  "kept so the same question is not argued again from nothing." },
	{ "deprecated", NULL,
	  "An accepted decision that no longer holds and has no successor\n"
	  "(`align decision deprecate`)." },
	{ "superseded", NULL,
	  "An accepted decision replaced by a later one, which it names in\n"
	  "`superseded-by` (`align decision supersede`)." },
	{ NULL, "Funnel", NULL },
	{ "ICP", "ideal customer profile",
	  "Ideal customer profile: the companies that get the most value from\n"
	  "us and that we win most often, by industry, size, region and the\n"
	  "problem they need solved. A new initiative should serve it." },
	{ "MQL", "marketing qualified lead",
	  "Marketing qualified lead: a lead that fits the ICP and whose\n"
	  "engagement score has reached the threshold marketing and sales\n"
	  "agreed, handed to sales for follow-up." },
	{ "SQL", "sales qualified lead",
	  "Sales qualified lead: an MQL that sales has accepted and qualified\n"
	  "as a real buying opportunity (need, budget, authority and timing\n"
	  "confirmed); an opportunity is opened for it in the CRM." },
	{ "pipeline", "pipe",
	  "The total value of the open sales opportunities marketing sourced\n"
	  "or influenced, in the CRM's currency, on a given day. An\n"
	  "opportunity counts once, from the day sales accepts it as an SQL." },
};

void align_glossary_starter(struct align_buf *out, const char *owner)
{
	align_buf_adds(out,
		       "# Glossary\n"
		       "\n"
		       "The words the team agrees on. Each term is a `###` "
		       "heading, then an\n"
		       "`owner:` line (a handle of people.ini), an optional "
		       "`aliases:` line\n"
		       "(comma separated) and the definition. `align check` "
		       "wants every\n"
		       "status of every record kind defined here; `align "
		       "glossary <term>`\n"
		       "looks one up. See align-format(5).\n");
	for (size_t i = 0; i < sizeof(starter) / sizeof(starter[0]); i++) {
		if (!starter[i][0]) {
			align_buf_addf(out, "\n## %s\n", starter[i][1]);
			continue;
		}
		align_buf_addf(out, "\n### %s\n\n", starter[i][0]);
		if (owner && *owner) {
			align_buf_addf(out, "owner: %s\n", owner);
		}
		if (starter[i][1]) {
			align_buf_addf(out, "aliases: %s\n", starter[i][1]);
		}
		if ((owner && *owner) || starter[i][1]) {
			align_buf_addch(out, '\n');
		}
		align_buf_addf(out, "%s\n", starter[i][2]);
	}
}

void align_glossary_default_owner(struct align_buf *out,
				  struct align_repo *repo)
{
	struct align_buf name = ALIGN_BUF_INIT, email = ALIGN_BUF_INIT;
	struct align_buf err = ALIGN_BUF_INIT, local = ALIGN_BUF_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags ignored = ALIGN_DIAGS_INIT;
	const struct align_person *p = NULL;

	if (align_git_author(align_repo_git(repo), &name, &email, &err) < 0) {
		goto done;
	}
	if (align_people_load(&people, repo, &ignored) == 0) {
		p = align_people_by_email(&people, email.ptr);
	}
	if (p) {
		align_buf_adds(out, p->handle);
		goto done;
	}
	align_buf_add(&local, email.ptr, strcspn(email.ptr, "@"));
	if (align_utf8_valid(local.ptr, local.len)) {
		align_slugify(out, local.ptr, 32);
	}
	if (!out->len && align_utf8_valid(name.ptr, name.len)) {
		align_slugify(out, name.ptr, 32);
	}
done:
	align_people_release(&people);
	align_diags_clear(&ignored);
	align_buf_release(&name);
	align_buf_release(&email);
	align_buf_release(&err);
	align_buf_release(&local);
}
