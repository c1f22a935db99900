#include "raci.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "okr.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/* ---- the kind ----------------------------------------------------------- */

static const struct align_field raci_fields[] = {
	{ "id", ALIGN_FIELD_ID, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL, NULL },
	{ "title", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
	/* Each step: [step "<key>"]. Names are checked by check_raci. */
	{ "name", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "step" },
	{ "responsible", ALIGN_FIELD_TEXT, ALIGN_FIELD_RESPONSIBLE, NULL, NULL,
	  NULL, "step" },
	{ "accountable", ALIGN_FIELD_TEXT, ALIGN_FIELD_ACCOUNTABLE, NULL, NULL,
	  NULL, "step" },
	{ "consulted", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "step" },
	{ "informed", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "step" },
	{ "blocker", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "step" },
	{ "sla", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "step" },
	{ "order", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, "step" },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL },
};

static const char template_text[] =
	"; A RACI matrix: who is Responsible, Accountable, Consulted and\n"
	"; Informed for each step of one workflow. One [step \"<key>\"]\n"
	"; section per step; names are roster handles or roles.\n"
	"; See docs/format.md or align-format(5).\n"
	"\n"
	"[raci]\n"
	"id =\n"
	"title =\n";

static const char *const letter_fields[] = { "responsible", "accountable",
					     "consulted", "informed" };
static const char *const letter_words[] = { "Responsible", "Accountable",
					    "Consulted", "Informed" };

const char *align_raci_field(enum align_raci_letter letter)
{
	return letter_fields[letter];
}

const char *align_raci_word(enum align_raci_letter letter)
{
	return letter_words[letter];
}

char align_raci_char(enum align_raci_letter letter)
{
	return "RACI"[letter];
}

/* ---- the model ---------------------------------------------------------- */

void align_raci_init(struct align_raci *raci)
{
	memset(raci, 0, sizeof(*raci));
}

void align_raci_release(struct align_raci *raci)
{
	for (size_t i = 0; i < raci->nsteps; i++) {
		struct align_raci_step *s = &raci->steps[i];

		for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
			for (size_t k = 0; k < s->cells[l].n; k++) {
				free(s->cells[l].names[k].name);
			}
			free(s->cells[l].names);
		}
		free(s->key);
		free(s->name);
		free(s->blocker);
		free(s->sla);
		free(s->order);
	}
	free(raci->steps);
	free(raci->id);
	free(raci->title);
	free(raci->path);
	memset(raci, 0, sizeof(*raci));
}

struct align_raci_step *align_raci_add_step(struct align_raci *raci,
					    const char *key, const char *name,
					    size_t line)
{
	struct align_raci_step *s;

	ALIGN_ARRAY_GROW(raci->steps, raci->alloc, raci->nsteps + 1);
	s = &raci->steps[raci->nsteps++];
	memset(s, 0, sizeof(*s));
	s->key = align_strdup(key);
	s->name = align_strdup(name && *name ? name : key);
	s->line = line;
	return s;
}

void align_raci_add_name(struct align_raci_step *step,
			 enum align_raci_letter letter, const char *name,
			 size_t len, size_t line, size_t col)
{
	struct align_raci_cell *c = &step->cells[letter];
	struct align_raci_name *n;

	ALIGN_ARRAY_GROW(c->names, c->alloc, c->n + 1);
	n = &c->names[c->n++];
	n->name = align_strndup(name, len);
	n->line = line;
	n->col = col;
}

/* Characters (UTF-8 sequences) in `len` bytes of `s`. */
static size_t chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	}
	return n;
}

/*
 * Adds each comma-separated name of a cell value; `col0` is the
 * character column of the value's first byte (0: unknown).
 */
static void add_names(struct align_raci_step *step,
		      enum align_raci_letter letter, const char *value,
		      size_t line, size_t col0)
{
	const char *p = value;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		size_t a = 0, b = len;

		while (a < b && (p[a] == ' ' || p[a] == '\t')) {
			a++;
		}
		while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t')) {
			b--;
		}
		if (b > a) {
			align_raci_add_name(step, letter, p + a, b - a, line,
					    col0 ? col0 + chars(value,
							       (size_t)(p + a -
									value))
						 : 0);
		}
		p += len;
		if (*p == ',') {
			p++;
		}
	}
}

static int by_order(const void *a, const void *b)
{
	const struct align_raci_step *x = a, *y = b;
	double ox = 0, oy = 0;
	int hx = x->order && align_number_parse(&ox, x->order) == 0;
	int hy = y->order && align_number_parse(&oy, y->order) == 0;

	if (hx != hy) {
		return hx ? -1 : 1;
	}
	if (hx && ox != oy) {
		return ox < oy ? -1 : 1;
	}
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The character column where field `f`'s value starts in its line. */
static size_t value_col(const struct align_record *r,
			const struct align_ini_field *f)
{
	if (!f->line || f->line > r->nlines) {
		return 0;
	}
	return chars(r->bytes.ptr + r->line_starts[f->line - 1],
		     f->value_start) +
	       1;
}

void align_raci_from_record(struct align_raci *out,
			    const struct align_record *r)
{
	const struct align_ini *ini = &r->ini;
	const char *v;

	align_raci_init(out);
	out->path = align_strdup(r->path);
	v = align_record_id(r);
	out->id = align_strdup(v ? v : "");
	v = align_record_get(r, "raci", NULL, "title");
	out->title = v && *v ? align_strdup(v) : NULL;
	out->line = ini->nsections ? ini->sections[0].line : 1;
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		struct align_raci_step *step;

		if (strcmp(sec->name, "step") || !sec->sub) {
			continue;
		}
		v = align_record_get(r, "step", sec->sub, "name");
		step = align_raci_add_step(out, sec->sub, v, sec->line);
		for (size_t k = 0; k < sec->nfields; k++) {
			const struct align_ini_field *f =
				&ini->fields[sec->first_field + k];

			for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
				if (!strcmp(f->key, letter_fields[l])) {
					add_names(step, l, f->value, f->line,
						  value_col(r, f));
					step->letter_line[l] = f->line;
				}
			}
			if (!strcmp(f->key, "blocker") && *f->value) {
				step->blocker = align_strdup(f->value);
			} else if (!strcmp(f->key, "sla") && *f->value) {
				step->sla = align_strdup(f->value);
				step->sla_line = f->line;
			} else if (!strcmp(f->key, "order") && *f->value) {
				step->order = align_strdup(f->value);
			}
		}
	}
	if (out->nsteps > 1) {
		qsort(out->steps, out->nsteps, sizeof(*out->steps), by_order);
	}
}

void align_raci_step_key(struct align_buf *out, const char *name)
{
	align_slugify(out, name, 32);
}

static int ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
		char y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
		if (x != y) {
			return 0;
		}
	}
	return *a == *b;
}

const struct align_raci_step *align_raci_step_find(const struct align_raci *raci,
						   const char *name)
{
	struct align_buf key = ALIGN_BUF_INIT;
	const struct align_raci_step *found = NULL;

	if (align_utf8_valid(name, strlen(name))) {
		align_raci_step_key(&key, name);
	}
	for (size_t i = 0; i < raci->nsteps && !found; i++) {
		const struct align_raci_step *s = &raci->steps[i];
		if (!strcmp(s->key, name) || (key.len && !strcmp(s->key, key.ptr)) ||
		    ascii_caseeq(s->name, name)) {
			found = s;
		}
	}
	align_buf_release(&key);
	return found;
}

void align_raci_settings(struct align_raci_settings *out,
			 const struct align_repo *repo)
{
	const char *v = repo ? align_repo_config(repo, "raci", "max-consulted",
						 NULL)
			     : NULL;
	size_t n = v ? strspn(v, "0123456789") : 0;

	out->max_consulted = 3;
	if (v && n && n < 6 && !v[n]) {
		out->max_consulted = strtol(v, NULL, 10);
	}
}

/* ---- people ------------------------------------------------------------- */

static int have_roster(const struct align_people *people)
{
	return people && people->record;
}

/* The handles `name` stands for, one per line into `out`; their count. */
static size_t expand(const struct align_people *people, const char *name,
		     struct align_buf *out)
{
	align_buf_clear(out);
	if (!have_roster(people)) {
		align_buf_addf(out, "%s\n", name);
		return 1;
	}
	return align_people_expand(people, name, out);
}

/* Calls `fn` on each line of `lines` (NUL-terminated copies). */
#define EACH_LINE(lines, var, body)                                          \
	do {                                                                 \
		struct align_buf var##_b = ALIGN_BUF_INIT;                   \
		for (const char *var##_p = (lines)->ptr; *var##_p;) {        \
			const char *var##_e = strchr(var##_p, '\n');         \
			size_t var##_n = var##_e ? (size_t)(var##_e - var##_p) \
						 : strlen(var##_p);          \
			const char *var;                                     \
			align_buf_clear(&var##_b);                           \
			align_buf_add(&var##_b, var##_p, var##_n);           \
			var = var##_b.ptr;                                   \
			body;                                                \
			var##_p += var##_n + (var##_e ? 1 : 0);              \
		}                                                            \
		align_buf_release(&var##_b);                                 \
	} while (0)

/* A backup of `p` that is there on `day`, or NULL. */
static const struct align_person *backup_there(const struct align_people *people,
					       const struct align_person *p,
					       const struct align_date *day)
{
	const struct align_person *b;

	if (!p->backup || !*p->backup ||
	    !(b = align_people_by_handle(people, p->backup))) {
		return NULL;
	}
	return day && align_person_away(b, day) ? NULL : b;
}

int align_raci_answerer(struct align_buf *out, struct align_buf *accountable,
			const struct align_raci_step *step,
			const struct align_people *people,
			const struct align_date *day)
{
	const struct align_raci_cell *a = &step->cells[ALIGN_RACI_A];
	struct align_buf members = ALIGN_BUF_INIT;
	const struct align_person *first = NULL, *cover = NULL;
	int ret = ALIGN_RACI_UNCOVERED;

	if (!a->n) {
		return ALIGN_RACI_NOBODY;
	}
	if (accountable) {
		align_buf_adds(accountable, a->names[0].name);
	}
	if (!have_roster(people) || !expand(people, a->names[0].name, &members)) {
		align_buf_adds(out, a->names[0].name);
		align_buf_release(&members);
		return ALIGN_RACI_PRESENT;
	}
	EACH_LINE(&members, h, {
		const struct align_person *p = align_people_by_handle(people, h);
		if (p && ret != ALIGN_RACI_PRESENT) {
			if (!first) {
				first = p;
			}
			if (!day || !align_person_away(p, day)) {
				cover = p;
				ret = ALIGN_RACI_PRESENT;
			} else if (!cover && backup_there(people, p, day)) {
				cover = backup_there(people, p, day);
				ret = ALIGN_RACI_BACKUP;
			}
		}
	});
	align_buf_adds(out, cover ? cover->handle
				  : first ? first->handle : a->names[0].name);
	if (!first) {
		ret = ALIGN_RACI_PRESENT; /* not a person: nothing to know */
	}
	align_buf_release(&members);
	return ret;
}

/* ---- the rules ---------------------------------------------------------- */

__attribute__((format(printf, 6, 7))) static void
add(struct align_diags *diags, const char *path, size_t line, size_t col,
    enum align_severity sev, const char *fmt, ...)
{
	struct align_buf msg = ALIGN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	align_diags_add(diags, path, line, sev, "%s", msg.ptr);
	diags->items[diags->count - 1].col = col;
	align_buf_release(&msg);
}

/* The handle or role closest to `name`, or NULL (the roster's rule). */
static const char *closest(const struct align_people *people, const char *name)
{
	return align_people_suggest(people, name);
}

static int is_known(const struct align_people *people, const char *name)
{
	return align_people_by_handle(people, name) ||
	       align_people_role(people, name);
}

/*
 * Each name written at one place is judged once, however many steps it
 * stands for (a column of an imported table): "line:col:name".
 */
struct judged {
	struct align_idmap map;
	char **keys;
	size_t n, alloc;
};

static int first_time(struct judged *j, const struct align_raci_name *n)
{
	struct align_buf key = ALIGN_BUF_INIT;

	align_buf_addf(&key, "%zu:%zu:%s", n->line, n->col, n->name);
	ALIGN_ARRAY_GROW(j->keys, j->alloc, j->n + 1);
	j->keys[j->n] = align_buf_detach(&key, NULL);
	if (!align_idmap_add(&j->map, j->keys[j->n], j->n, NULL)) {
		free(j->keys[j->n]);
		return 0;
	}
	j->n++;
	return 1;
}

static void judged_release(struct judged *j)
{
	for (size_t i = 0; i < j->n; i++) {
		free(j->keys[i]);
	}
	free(j->keys);
	align_idmap_release(&j->map);
}

/* Look-alikes and unknown names in every cell. */
static void check_names(const struct align_raci *raci,
			const struct align_raci_step *s,
			const struct align_people *people,
			struct judged *judged, struct align_diags *diags)
{
	struct align_buf what = ALIGN_BUF_INIT, plain = ALIGN_BUF_INIT;

	for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
		const struct align_raci_cell *c = &s->cells[l];

		for (size_t k = 0; k < c->n; k++) {
			const struct align_raci_name *n = &c->names[k];
			size_t col;
			unsigned cp;
			int twin;

			if (!first_time(judged, n)) {
				continue;
			}
			if (align_text_lookalike(n->name, &col, &cp)) {
				align_buf_clear(&what);
				align_text_codepoint_name(&what, cp);
				twin = align_text_lookalike_ascii(cp);
				align_buf_clear(&plain);
				if (align_text_unconfuse(&plain, n->name) &&
				    have_roster(people) &&
				    is_known(people, plain.ptr)) {
					align_buf_addf(&what, "; did you mean "
							      "'%s'?",
						       plain.ptr);
				} else if (twin > 0) {
					align_buf_addf(&what, ", which looks "
							      "like '%c'",
						       twin);
				}
				add(diags, raci->path, n->line,
				    n->col ? n->col + col - 1 : 0,
				    ALIGN_SEV_ERROR,
				    "step '%s': %s '%s' has a look-alike "
				    "character at column %zu: %s",
				    s->name, letter_fields[l], n->name,
				    n->col ? n->col + col - 1 : col, what.ptr);
				continue;
			}
			if (!have_roster(people) || is_known(people, n->name)) {
				continue;
			}
			if (closest(people, n->name)) {
				add(diags, raci->path, n->line, n->col,
				    ALIGN_SEV_ERROR,
				    "step '%s': %s '%s' is neither a person nor "
				    "a role of the roster (did you mean '%s'?)",
				    s->name, letter_fields[l], n->name,
				    closest(people, n->name));
			} else {
				add(diags, raci->path, n->line, n->col,
				    ALIGN_SEV_ERROR,
				    "step '%s': %s '%s' is neither a person nor "
				    "a role of the roster (%s)",
				    s->name, letter_fields[l], n->name,
				    ALIGN_PEOPLE_FILE);
			}
		}
	}
	align_buf_release(&what);
	align_buf_release(&plain);
}

/* 1 when `handle` holds letter `l` on the step, directly or by a role. */
static int holds(const struct align_people *people,
		 const struct align_raci_step *s, int l, const char *handle)
{
	for (size_t k = 0; k < s->cells[l].n; k++) {
		const char *n = s->cells[l].names[k].name;
		if (!strcmp(n, handle) ||
		    (have_roster(people) && align_people_is(people, handle, n))) {
			return 1;
		}
	}
	return 0;
}

/* One person holding all four letters. */
static void check_all_letters(const struct align_raci *raci,
			      const struct align_raci_step *s,
			      const struct align_people *people,
			      struct align_diags *diags)
{
	struct align_buf seen = ALIGN_BUF_INIT, handles = ALIGN_BUF_INIT;

	for (size_t k = 0; k < s->cells[ALIGN_RACI_R].n; k++) {
		expand(people, s->cells[ALIGN_RACI_R].names[k].name, &handles);
		EACH_LINE(&handles, h, {
			struct align_buf mark = ALIGN_BUF_INIT;
			align_buf_addf(&mark, "\n%s\n", h);
			if (!strstr(seen.ptr, mark.ptr) &&
			    holds(people, s, ALIGN_RACI_A, h) &&
			    holds(people, s, ALIGN_RACI_C, h) &&
			    holds(people, s, ALIGN_RACI_I, h)) {
				add(diags, raci->path, s->line, 0,
				    ALIGN_SEV_WARNING,
				    "step '%s': '%s' holds every letter (R, A, "
				    "C and I); share the work or drop the "
				    "letters that say nothing",
				    s->name, h);
			}
			if (!seen.len) {
				align_buf_addch(&seen, '\n');
			}
			align_buf_addf(&seen, "%s\n", h);
			align_buf_release(&mark);
		});
	}
	align_buf_release(&seen);
	align_buf_release(&handles);
}

/* The Accountable's backup, and cover while they are away. */
static void check_cover(const struct align_raci *raci,
			const struct align_raci_step *s,
			const struct align_people *people,
			const struct align_date *today,
			struct align_diags *diags)
{
	const struct align_raci_name *a = &s->cells[ALIGN_RACI_A].names[0];
	struct align_buf handles = ALIGN_BUF_INIT;
	char day[ALIGN_DATE_STRLEN] = "";

	if (today) {
		align_date_format(day, today);
	}
	expand(people, a->name, &handles);
	EACH_LINE(&handles, h, {
		const struct align_person *p = align_people_by_handle(people, h);
		const struct align_person *b;
		if (!p) {
			continue;
		}
		b = p->backup && *p->backup
			    ? align_people_by_handle(people, p->backup)
			    : NULL;
		if (!b) {
			add(diags, raci->path, a->line, a->col,
			    ALIGN_SEV_WARNING,
			    "step '%s': Accountable '%s' has no backup in the "
			    "roster; set 'backup' for them in %s",
			    s->name, h, ALIGN_PEOPLE_FILE);
		}
		if (today && align_person_away(p, today)) {
			if (!b) {
				add(diags, raci->path, a->line, a->col,
				    ALIGN_SEV_WARNING,
				    "step '%s': Accountable '%s' is away today "
				    "(%s) and has no backup",
				    s->name, h, day);
			} else if (align_person_away(b, today)) {
				add(diags, raci->path, a->line, a->col,
				    ALIGN_SEV_WARNING,
				    "step '%s': Accountable '%s' is away today "
				    "(%s) and their backup '%s' is away too",
				    s->name, h, day, b->handle);
			}
		}
	});
	align_buf_release(&handles);
}

void align_raci_check(const struct align_raci *raci,
		      const struct align_people *people,
		      const struct align_date *today,
		      const struct align_raci_settings *st,
		      struct align_diags *diags)
{
	struct align_buf list = ALIGN_BUF_INIT;
	struct judged judged;
	int64_t secs;

	memset(&judged, 0, sizeof(judged));
	for (size_t i = 0; i < raci->nsteps; i++) {
		const struct align_raci_step *s = &raci->steps[i];
		const struct align_raci_cell *a = &s->cells[ALIGN_RACI_A];
		size_t nc = s->cells[ALIGN_RACI_C].n;

		if (a->n == 0) {
			add(diags, raci->path, s->line, 0, ALIGN_SEV_ERROR,
			    "step '%s' has no Accountable; name exactly one",
			    s->name);
		} else if (a->n > 1) {
			align_buf_clear(&list);
			for (size_t k = 0; k < a->n; k++) {
				align_buf_addf(&list, "%s%s", k ? ", " : "",
					       a->names[k].name);
			}
			add(diags, raci->path,
			    s->letter_line[ALIGN_RACI_A] ? s->letter_line[ALIGN_RACI_A]
							 : s->line,
			    0, ALIGN_SEV_ERROR,
			    "step '%s' has %zu Accountables (%s); exactly one "
			    "answers for a step",
			    s->name, a->n, list.ptr);
		}
		if (s->cells[ALIGN_RACI_R].n == 0) {
			add(diags, raci->path, s->line, 0, ALIGN_SEV_ERROR,
			    "step '%s' has no Responsible; name at least one",
			    s->name);
		}
		if (s->sla && align_duration_parse(&secs, s->sla) < 0) {
			add(diags, raci->path, s->sla_line ? s->sla_line : s->line,
			    0, ALIGN_SEV_ERROR,
			    "step '%s': sla '%s' must be a duration such as "
			    "24h, 3d or 2w",
			    s->name, s->sla);
		}
		if (st && (long)nc > st->max_consulted) {
			add(diags, raci->path,
			    s->letter_line[ALIGN_RACI_C] ? s->letter_line[ALIGN_RACI_C]
							 : s->line,
			    0, ALIGN_SEV_WARNING,
			    "step '%s' has %zu Consulted, more than %ld ([raci] "
			    "max-consulted); every one of them slows it down",
			    s->name, nc, st->max_consulted);
		}
		check_names(raci, s, people, &judged, diags);
		check_all_letters(raci, s, people, diags);
		if (have_roster(people) && a->n == 1) {
			check_cover(raci, s, people, today, diags);
		}
	}
	judged_release(&judged);
	align_buf_release(&list);
}

static void check_raci(const struct align_record *r,
		       const struct align_kind_check *ctx,
		       struct align_diags *diags)
{
	struct align_raci raci;
	struct align_raci_settings st;
	const struct align_ini *ini = &r->ini;

	for (size_t s = 0; s < ini->nsections; s++) {
		if (!strcmp(ini->sections[s].name, "step") &&
		    !ini->sections[s].sub) {
			align_diags_add(diags, r->path, ini->sections[s].line,
					ALIGN_SEV_ERROR,
					"a step section needs a key: [step "
					"\"<key>\"]");
		}
	}
	align_raci_settings(&st, ctx->repo);
	align_raci_from_record(&raci, r);
	if (!raci.nsteps) {
		align_diags_add(diags, r->path, raci.line, ALIGN_SEV_WARNING,
				"workflow '%s' has no steps; add them with "
				"'align raci set'",
				raci.id);
	}
	align_raci_check(&raci, ctx->people, &ctx->today, &st, diags);
	align_raci_release(&raci);
}

/* ---- the matrix and duties ---------------------------------------------- */

static const int display_order[] = { ALIGN_RACI_A, ALIGN_RACI_R, ALIGN_RACI_C,
				     ALIGN_RACI_I };

void align_raci_matrix(struct align_raci_matrix *out,
		       const struct align_raci *raci)
{
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	out->nsteps = raci->nsteps;
	for (size_t i = 0; i < raci->nsteps; i++) {
		for (int o = 0; o < ALIGN_RACI_NLETTERS; o++) {
			const struct align_raci_cell *c =
				&raci->steps[i].cells[display_order[o]];
			for (size_t k = 0; k < c->n; k++) {
				if (align_idmap_add(&out->index_,
						    c->names[k].name,
						    out->nnames, NULL)) {
					ALIGN_ARRAY_GROW(out->names, alloc,
							 out->nnames + 1);
					out->names[out->nnames++] =
						c->names[k].name;
				}
			}
		}
	}
	out->cells = align_calloc(raci->nsteps * out->nnames + 1,
				  sizeof(*out->cells));
	for (size_t i = 0; i < raci->nsteps; i++) {
		for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
			const struct align_raci_cell *c = &raci->steps[i].cells[l];
			for (size_t k = 0; k < c->n; k++) {
				size_t col;
				align_idmap_get(&out->index_, c->names[k].name,
						&col);
				out->cells[i * out->nnames + col] |= 1u << l;
			}
		}
	}
}

void align_raci_matrix_release(struct align_raci_matrix *m)
{
	free(m->names);
	free(m->cells);
	align_idmap_release(&m->index_);
	memset(m, 0, sizeof(*m));
}

void align_raci_cell_text(struct align_buf *out, unsigned letters)
{
	int first = 1;

	for (int o = 0; o < ALIGN_RACI_NLETTERS; o++) {
		if (letters & (1u << display_order[o])) {
			if (!first) {
				align_buf_addch(out, '/');
			}
			align_buf_addch(out, align_raci_char(display_order[o]));
			first = 0;
		}
	}
}

static int letter_rank(enum align_raci_letter l)
{
	for (int o = 0; o < ALIGN_RACI_NLETTERS; o++) {
		if (display_order[o] == (int)l) {
			return o;
		}
	}
	return ALIGN_RACI_NLETTERS;
}

static int by_duty(const void *a, const void *b)
{
	const struct align_raci_duty *x = a, *y = b;
	int c;

	if (letter_rank(x->letter) != letter_rank(y->letter)) {
		return letter_rank(x->letter) - letter_rank(y->letter);
	}
	if ((c = strcmp(x->raci->id, y->raci->id))) {
		return c;
	}
	return x->step < y->step ? -1 : x->step > y->step;
}

size_t align_raci_duties(struct align_raci_duty **out,
			 const struct align_raci *racis, size_t n,
			 const struct align_people *people, const char *who)
{
	size_t count = 0, alloc = 0;

	*out = NULL;
	for (size_t r = 0; r < n; r++) {
		for (size_t i = 0; i < racis[r].nsteps; i++) {
			const struct align_raci_step *s = &racis[r].steps[i];

			for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
				const char *via = NULL;
				int found = 0;

				for (size_t k = 0; k < s->cells[l].n && !found;
				     k++) {
					const char *nm = s->cells[l].names[k].name;
					if (!strcmp(nm, who)) {
						found = 1;
						via = NULL;
					} else if (!via && have_roster(people) &&
						   align_people_role(people, nm) &&
						   align_people_is(people, who,
								   nm)) {
						via = nm;
					}
				}
				if (!found && !via) {
					continue;
				}
				ALIGN_ARRAY_GROW(*out, alloc, count + 1);
				(*out)[count].raci = &racis[r];
				(*out)[count].step = s;
				(*out)[count].letter = l;
				(*out)[count].via = found ? NULL : via;
				count++;
			}
		}
	}
	if (count) {
		qsort(*out, count, sizeof(**out), by_duty);
	}
	return count;
}

/* ---- writing ------------------------------------------------------------ */

static int refuse(struct align_buf *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(struct align_buf *err, int code, const char *fmt, ...)
{
	va_list ap;

	align_buf_clear(err);
	va_start(ap, fmt);
	align_buf_vaddf(err, fmt, ap);
	va_end(ap);
	return code;
}

/* A value of a letter: names, comma separated, each a plain name. */
static const char *names_problem(const char *v)
{
	size_t col;
	unsigned cp;

	if (align_text_lookalike(v, &col, &cp)) {
		return "holds a character that is not ASCII (a look-alike?)";
	}
	for (const char *p = v; *p; p++) {
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.@-, ",
			    *p)) {
			return "holds a character a handle or role cannot "
			       "have; give names separated by commas";
		}
	}
	return NULL;
}

int align_raci_set(struct align_record *r, const char *step,
		   const char *const (*fields)[2], size_t n,
		   struct align_buf *err)
{
	struct align_raci raci;
	struct align_buf key = ALIGN_BUF_INIT;
	const struct align_raci_step *s;
	int ret = 0;

	align_raci_from_record(&raci, r);
	s = align_raci_step_find(&raci, step);
	if (s) {
		align_buf_adds(&key, s->key);
	} else if (align_text_problem(step, 0) ||
		   (align_raci_step_key(&key, step), !key.len)) {
		ret = refuse(err, ALIGN_EINVALID,
			     "cannot make a step key from '%s': give the step "
			     "a name with letters or digits",
			     step);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const char *f = fields[i][0], *v = fields[i][1];
		const char *problem = NULL;
		int64_t secs;
		double num;

		if (!v) {
			continue;
		}
		for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
			if (!strcmp(f, letter_fields[l])) {
				problem = names_problem(v);
			}
		}
		if (!strcmp(f, "sla") && *v && align_duration_parse(&secs, v) < 0) {
			problem = "must be a duration such as 24h, 3d or 2w";
		}
		if (!strcmp(f, "order") && *v && align_number_parse(&num, v) < 0) {
			problem = "must be a number";
		}
		if (problem) {
			ret = refuse(err, ALIGN_EINVALID,
				     "invalid value '%s' for --%s: it %s", v, f,
				     problem);
			goto done;
		}
	}
	if (!s && strcmp(key.ptr, step) &&
	    (ret = align_record_set(r, "step", key.ptr, "name", step, err)) < 0) {
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if (fields[i][1] &&
		    (ret = align_record_set(r, "step", key.ptr, fields[i][0],
					    fields[i][1], err)) < 0) {
			goto done;
		}
	}
	if (!s && n == 0) {
		/* A step of its own with nothing set yet: its name. */
		ret = align_record_set(r, "step", key.ptr, "name", step, err);
	}
done:
	align_buf_release(&key);
	align_raci_release(&raci);
	return ret;
}

struct template_step {
	const char *key;
	const char *name;
	const char *blocker;
};

static const struct template_step campaign_launch[] = {
	{ "brief-intake", "brief intake", "missing objective or audience" },
	{ "creative-production", "creative production",
	  "late feedback cycles" },
	{ "crm-and-tracking-setup", "CRM and tracking setup",
	  "broken field mapping" },
	{ "launch-approval", "launch approval", "approval bottleneck" },
	{ "performance-review", "performance review",
	  "incomplete reporting" },
	{ NULL, NULL, NULL },
};

static const char *const template_names[] = { "campaign-launch", NULL };

const char *const *align_raci_templates(void)
{
	return template_names;
}

int align_raci_apply_template(struct align_record *r, const char *name,
			      struct align_buf *err)
{
	struct align_buf text = ALIGN_BUF_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_record *n = NULL, tmp;
	int ret;

	if (strcmp(name, "campaign-launch")) {
		return refuse(err, ALIGN_ENOTFOUND,
			      "no RACI template '%s' (there is: "
			      "campaign-launch)",
			      name);
	}
	/* Whole sections at the end, the letters left empty to fill in. */
	align_buf_add(&text, r->bytes.ptr, r->bytes.len);
	if (text.len && text.ptr[text.len - 1] != '\n') {
		align_buf_adds(&text, r->eol);
	}
	for (size_t i = 0; campaign_launch[i].key; i++) {
		const struct template_step *t = &campaign_launch[i];

		align_buf_addf(&text,
			       "%s[step \"%s\"]%sname = %s%sorder = %zu%s"
			       "responsible =%saccountable =%sconsulted =%s"
			       "informed =%sblocker = %s%s",
			       r->eol, t->key, r->eol, t->name, r->eol, i + 1,
			       r->eol, r->eol, r->eol, r->eol, r->eol,
			       t->blocker, r->eol);
	}
	ret = align_record_parse(&n, r->path, text.ptr, text.len, &r->limits,
				 &diags);
	if (ret < 0) {
		ret = refuse(err, ALIGN_EINVALID, "template '%s' does not fit: %s",
			     name, diags.count ? diags.items[0].message : "?");
	} else {
		tmp = *r;
		*r = *n;
		*n = tmp;
	}
	align_record_free(n);
	align_diags_clear(&diags);
	align_buf_release(&text);
	return ret;
}

static void add_cell_line(struct align_buf *out, const char *key,
			  const struct align_raci_cell *c)
{
	align_buf_addf(out, "%s =", key);
	for (size_t k = 0; k < c->n; k++) {
		align_buf_addf(out, "%s%s", k ? ", " : " ", c->names[k].name);
	}
	align_buf_addch(out, '\n');
}

void align_raci_to_ini(struct align_buf *out, const struct align_raci *raci)
{
	align_buf_addf(out, "[raci]\nid = %s\n", raci->id);
	if (raci->title) {
		align_buf_addf(out, "title = %s\n", raci->title);
	}
	for (size_t i = 0; i < raci->nsteps; i++) {
		const struct align_raci_step *s = &raci->steps[i];

		align_buf_addf(out, "\n[step \"%s\"]\n", s->key);
		align_buf_addf(out, "name = %s\n", s->name);
		if (s->order) {
			align_buf_addf(out, "order = %s\n", s->order);
		}
		for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
			add_cell_line(out, letter_fields[l], &s->cells[l]);
		}
		if (s->blocker) {
			align_buf_addf(out, "blocker = %s\n", s->blocker);
		}
		if (s->sla) {
			align_buf_addf(out, "sla = %s\n", s->sla);
		}
	}
}

/* ---- history ------------------------------------------------------------ */

/* A step added or removed is one event, said by its name. */
static int describe_raci(const struct align_record *old,
			 const struct align_record *new_,
			 const struct align_record_change *c,
			 enum align_event_type *action, struct align_buf *text)
{
	const struct align_record *r;
	const char *name;
	int added;

	if (strcmp(c->section, "step") || !c->sub) {
		return 0;
	}
	added = !old || align_ini_find_section(&old->ini, "step", c->sub) < 0;
	if (!added && align_ini_find_section(&new_->ini, "step", c->sub) >= 0) {
		return 0;
	}
	/* One line per step: on its first field that changed. */
	r = added ? new_ : old;
	if (r->ini.nsections == 0) {
		return 0;
	}
	{
		int s = align_ini_find_section(&r->ini, "step", c->sub);
		const struct align_ini_section *sec =
			s >= 0 ? &r->ini.sections[s] : NULL;
		if (!sec || !sec->nfields ||
		    strcmp(r->ini.fields[sec->first_field].key, c->key)) {
			return -1;
		}
	}
	name = align_record_get(r, "step", c->sub, "name");
	*action = added ? ALIGN_EVENT_PART_ADDED : ALIGN_EVENT_PART_REMOVED;
	align_buf_addf(text, "%s step '%s' %s %s", added ? "added" : "removed",
		       name && *name ? name : c->sub, added ? "to" : "from",
		       align_record_id(new_));
	return 1;
}

const struct align_kind align_kind_raci = {
	.name = "raci",
	.folder = "raci",
	.summary = "a RACI matrix: who does, answers for, advises on and "
		   "hears of each step of a workflow",
	.fields = raci_fields,
	.id_pattern = "{slug}",
	.subfolder_pattern = NULL,
	.period_field = NULL,
	.states = NULL,
	.moves = NULL,
	.part_section = "step",
	.part_noun = "step",
	.part_added = "added step",
	.part_removed = "removed step",
	.format = ALIGN_RECORD_INI,
	.template_text = template_text,
	.check = check_raci,
	.describe = describe_raci,
};
