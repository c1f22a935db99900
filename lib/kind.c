#include "kind.h"

#include <string.h>

#include "brief.h"
#include "decision.h"
#include "okr.h"
#include "raci.h"
#include "update.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const struct align_kind *const kinds[] = {
	&align_kind_brief,
	&align_kind_decision,
	&align_kind_okr,
	&align_kind_raci,
	&align_kind_update,
	NULL,
};

const struct align_kind *const *align_kinds(void)
{
	return kinds;
}

const struct align_kind *align_kind_find(const char *name)
{
	for (size_t i = 0; kinds[i]; i++) {
		if (!strcmp(kinds[i]->name, name)) {
			return kinds[i];
		}
	}
	return NULL;
}

const char *align_kind_folder(const struct align_kind *kind,
			      const struct align_repo *repo)
{
	return align_repo_config(repo, "folders", kind->name, kind->folder);
}

void align_kind_folders(const char *out[ALIGN_KINDS_MAX + 1],
			const struct align_repo *repo)
{
	size_t n = 0;

	for (size_t i = 0; kinds[i] && n < ALIGN_KINDS_MAX; i++) {
		out[n++] = align_kind_folder(kinds[i], repo);
	}
	out[n] = NULL;
}

const struct align_field *align_kind_field(const struct align_kind *kind,
					   const char *name)
{
	for (const struct align_field *f = kind->fields; f && f->name; f++) {
		if (!f->section && !strcmp(f->name, name)) {
			return f;
		}
	}
	return NULL;
}

const struct align_field *align_kind_serial(const struct align_kind *kind)
{
	for (const struct align_field *f = kind->fields; f && f->name; f++) {
		if (!f->section && f->type == ALIGN_FIELD_SERIAL) {
			return f;
		}
	}
	return NULL;
}

long align_kind_serial_of(const char *name)
{
	const char *base = strrchr(name, '/');
	size_t n;
	long v = 0;

	base = base ? base + 1 : name;
	n = strspn(base, "0123456789");
	if (n == 0 || n > 9 || base[n] != '-') {
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (base[i] - '0');
	}
	return v;
}

const char *align_field_type_name(enum align_field_type type)
{
	static const char *const names[] = {
		[ALIGN_FIELD_TEXT] = "text",	 [ALIGN_FIELD_ID] = "id",
		[ALIGN_FIELD_DATE] = "date",	 [ALIGN_FIELD_NUMBER] = "number",
		[ALIGN_FIELD_PERSON] = "person", [ALIGN_FIELD_PERSONS] = "persons",
		[ALIGN_FIELD_ENUM] = "enum",	 [ALIGN_FIELD_REF] = "reference",
		[ALIGN_FIELD_PERIOD] = "period", [ALIGN_FIELD_WEEK] = "week",
		[ALIGN_FIELD_SERIAL] = "serial",
	};
	return (size_t)type < sizeof(names) / sizeof(names[0]) ? names[type]
								: "?";
}

const struct align_state *align_kind_state(const struct align_kind *kind,
					   const char *name)
{
	for (const struct align_state *s = kind->states; s && s->name; s++) {
		if (!strcmp(s->name, name)) {
			return s;
		}
	}
	return NULL;
}

int align_kind_has_status(const struct align_kind *kind, const char *status)
{
	return align_kind_state(kind, status) != NULL;
}

const char *align_kind_initial_status(const struct align_kind *kind)
{
	return kind->states ? kind->states[0].name : NULL;
}

/* Appends `s` lowercased. */
static void add_lower(struct align_buf *out, const char *s)
{
	for (; *s; s++) {
		align_buf_addch(out, *s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	}
}

int align_kind_expand(struct align_buf *out, const char *pattern,
		      const struct align_kind_vars *vars,
		      struct align_buf *err)
{
	char date[ALIGN_DATE_STRLEN];

	align_date_format(date, &vars->today);
	for (const char *p = pattern; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		size_t n;
		const char *value = NULL;

		if (!close) {
			align_buf_addch(out, *p++);
			continue;
		}
		n = (size_t)(close - p - 1);
#define IS(name) (n == strlen(name) && !strncmp(p + 1, name, n))
		if (IS("slug")) {
			size_t before = out->len;
			size_t rest = strlen(close + 1);
			size_t room = ALIGN_ID_MAX > before + rest
					      ? ALIGN_ID_MAX - before - rest
					      : 0;
			if (vars->title) {
				align_slugify(out, vars->title, room);
			}
			if (out->len == before) {
				align_buf_clear(err);
				align_buf_addf(err, "cannot make an id from title "
						    "'%s'; give one with --id",
					       vars->title ? vars->title : "");
				return ALIGN_EINVALID;
			}
		} else if (IS("Period") || IS("period")) {
			if (!(value = vars->period)) {
				goto missing;
			}
			if (p[1] == 'P') {
				align_buf_adds(out, value);
			} else {
				add_lower(out, value);
			}
		} else if (IS("person")) {
			if (!(value = vars->person)) {
				goto missing;
			}
			align_buf_adds(out, value);
		} else if (IS("date")) {
			align_buf_adds(out, date);
		} else if (IS("yyyy")) {
			align_buf_add(out, date, 4);
		} else if (IS("mm")) {
			align_buf_add(out, date + 5, 2);
		} else if (IS("number")) {
			if (!(value = vars->number)) {
				goto missing;
			}
			align_buf_adds(out, value);
		} else {
			goto missing;
		}
#undef IS
		p = close + 1;
		continue;
missing:
		align_buf_clear(err);
		align_buf_addf(err, "pattern '%s' needs '%.*s', which is not "
				    "given",
			       pattern, (int)(n + 2), p);
		return ALIGN_EINVALID;
	}
	return 0;
}

const char *align_kind_ext(const struct align_kind *kind)
{
	return kind->format == ALIGN_RECORD_INI ? ".ini" : ".md";
}

const char *align_templates_folder(const struct align_repo *repo)
{
	return align_repo_config(repo, "folders", "templates", "templates");
}

int align_kind_template(const struct align_kind *kind, struct align_repo *repo,
			struct align_buf *out)
{
	struct align_buf path = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(&path, "%s/%s%s", align_templates_folder(repo),
		       kind->name, align_kind_ext(kind));
	ret = align_repo_read(repo, path.ptr, out);
	if (ret == ALIGN_ENOTFOUND) {
		align_buf_adds(out, kind->template_text);
		ret = 0;
	}
	align_buf_release(&path);
	return ret;
}

enum align_duty align_field_duty(const struct align_field *f)
{
	static const char *const accountable[] = { "accountable", "deciders",
						   "owner", "approver", NULL };
	static const char *const responsible[] = { "responsible", "person",
						   "assignee", NULL };

	/* A flag says it for any field whose values name people (a RACI
	 * cell is text the kind checks itself: handles and roles). */
	if (f && (f->flags & ALIGN_FIELD_ACCOUNTABLE)) {
		return ALIGN_DUTY_ACCOUNTABLE;
	}
	if (f && (f->flags & ALIGN_FIELD_RESPONSIBLE)) {
		return ALIGN_DUTY_RESPONSIBLE;
	}
	if (!f || (f->type != ALIGN_FIELD_PERSON &&
		   f->type != ALIGN_FIELD_PERSONS)) {
		return ALIGN_DUTY_NONE;
	}
	for (size_t i = 0; accountable[i]; i++) {
		if (!strcmp(f->name, accountable[i])) {
			return ALIGN_DUTY_ACCOUNTABLE;
		}
	}
	for (size_t i = 0; responsible[i]; i++) {
		if (!strcmp(f->name, responsible[i])) {
			return ALIGN_DUTY_RESPONSIBLE;
		}
	}
	return ALIGN_DUTY_NAMED;
}

const char *align_duty_name(enum align_duty duty)
{
	switch (duty) {
	case ALIGN_DUTY_ACCOUNTABLE:
		return "accountable";
	case ALIGN_DUTY_RESPONSIBLE:
		return "responsible";
	case ALIGN_DUTY_NAMED:
		return "named";
	case ALIGN_DUTY_NONE:
		break;
	}
	return "none";
}
