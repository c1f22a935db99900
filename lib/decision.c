#include "decision.h"

#include <string.h>

#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char template_text[] =
	"# Decision\n"
	"\n"
	"```ini\n"
	"[decision]\n"
	"id =\n"
	"number =\n"
	"status = proposed\n"
	"date =\n"
	"deciders =\n"
	"consulted =\n"
	"informed =\n"
	"supersedes =\n"
	"superseded-by =\n"
	"revisit =\n"
	"```\n"
	"\n"
	"## Context\n"
	"\n"
	"<!-- The forces at play, and why a decision is needed now. -->\n"
	"\n"
	"## Options\n"
	"\n"
	"<!-- The options considered, each with its pros and cons. -->\n"
	"\n"
	"## Decision\n"
	"\n"
	"<!-- What we decided, in full sentences: \"We will ...\". -->\n"
	"\n"
	"## Consequences\n"
	"\n"
	"<!-- What becomes easier or harder, and what we must do now. -->\n";

/* What a superseded decision must say: which decision replaced it. */
static const char *const replaced[] = { "superseded-by", NULL };
/* Who may accept it: the accept move needs them named. */
static const char *const decided_by[] = { "deciders", NULL };

static const struct align_state states[] = {
	{ "proposed", NULL, NULL, NULL },
	{ "accepted", NULL, NULL, NULL },
	{ "rejected", NULL, NULL, NULL },
	{ "deprecated", NULL, NULL, NULL },
	{ "superseded", replaced, NULL, NULL },
	{ NULL, NULL, NULL, NULL },
};

static const struct align_move moves[] = {
	{ "accept", "proposed", "accepted", "accepted", decided_by, NULL },
	{ "reject", "proposed", "rejected", "rejected", NULL, NULL },
	{ "deprecate", "accepted", "deprecated", "deprecated", NULL, NULL },
	{ "supersede", "accepted", "superseded", "superseded", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct align_field fields[] = {
	{ "id", ALIGN_FIELD_ID, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL, NULL },
	{ "number", ALIGN_FIELD_SERIAL, ALIGN_FIELD_REQUIRED, NULL, NULL,
	  "{number}", NULL },
	{ "status", ALIGN_FIELD_ENUM, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL,
	  NULL },
	{ "date", ALIGN_FIELD_DATE, ALIGN_FIELD_REQUIRED, NULL, NULL, "{date}",
	  NULL },
	{ "deciders", ALIGN_FIELD_PERSONS, 0, NULL, NULL, NULL, NULL },
	{ "consulted", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
	{ "informed", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
	{ "supersedes", ALIGN_FIELD_REF, 0, NULL, "decision", NULL, NULL },
	{ "superseded-by", ALIGN_FIELD_REF, 0, NULL, "decision", NULL, NULL },
	{ "revisit", ALIGN_FIELD_DATE, 0, NULL, NULL, NULL, NULL },
	{ "renumbered-from", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL },
};

static const char *field(const struct align_record *r, const char *key)
{
	const char *v = align_record_get(r, "decision", NULL, key);

	return v && *v ? v : NULL;
}

int align_decision_list_has(const char *list, const char *handle)
{
	size_t len = handle ? strlen(handle) : 0;

	for (const char *q = list ? list : ""; len && *q;) {
		size_t n, m;

		q += strspn(q, " ");
		n = strcspn(q, ",");
		m = n;
		while (m && q[m - 1] == ' ') {
			m--;
		}
		if (m == len && !strncmp(q, handle, len)) {
			return 1;
		}
		q += n;
		q += *q == ',';
	}
	return 0;
}

int align_decision_is_decider(const struct align_record *r,
			      const char *handle)
{
	return align_decision_list_has(field(r, "deciders"), handle);
}

size_t align_decision_old_ids(const struct align_record *r,
			      struct align_buf *out)
{
	const char *v = field(r, "renumbered-from");
	size_t count = 0;

	for (const char *q = v ? v : ""; *q;) {
		size_t n, m;

		q += strspn(q, " ");
		n = strcspn(q, ",");
		m = n;
		while (m && q[m - 1] == ' ') {
			m--;
		}
		if (m) {
			align_buf_add(out, q, m);
			align_buf_addch(out, '\0');
			count++;
		}
		q += n;
		q += *q == ',';
	}
	return count;
}

/* A run of at most 9 digits as a number. */
static long digits_value(const char *s)
{
	long v = 0;

	for (size_t i = 0; s[i] && i < 9; i++) {
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The file name without folder and extension. */
static void stem(struct align_buf *out, const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	align_buf_clear(out);
	align_buf_add(out, base, dot ? (size_t)(dot - base) : strlen(base));
}

static void check_decision(const struct align_record *r,
			   const struct align_kind_check *ctx,
			   struct align_diags *diags)
{
	const char *id = field(r, "id");
	const char *number = field(r, "number");
	const char *sup = field(r, "supersedes");
	const char *by = field(r, "superseded-by");
	struct align_buf name = ALIGN_BUF_INIT;

	(void)ctx;
	if (!id) {
		return; /* the generic check reports it */
	}
	/* Links between decisions name files: the id is the file name. */
	stem(&name, r->path);
	if (strcmp(name.ptr, id)) {
		align_diags_add(diags, r->path,
				align_record_line(r, "decision", NULL, "id"),
				ALIGN_SEV_ERROR,
				"decision id '%s' is not its file name '%s'; "
				"rename the file or the id",
				id, name.ptr);
	}
	if (number && strspn(number, "0123456789") == strlen(number) &&
	    strlen(number) <= 9 && align_kind_serial_of(id) >= 0 &&
	    align_kind_serial_of(id) != digits_value(number)) {
		align_diags_add(diags, r->path,
				align_record_line(r, "decision", NULL,
						  "number"),
				ALIGN_SEV_ERROR,
				"number %s is not the number id '%s' starts "
				"with",
				number, id);
	} else if (align_kind_serial_of(id) < 0) {
		align_diags_add(diags, r->path,
				align_record_line(r, "decision", NULL, "id"),
				ALIGN_SEV_ERROR,
				"decision id '%s' does not start with its "
				"number (0007-<slug>)",
				id);
	}
	if ((sup && !strcmp(sup, id)) || (by && !strcmp(by, id))) {
		align_diags_add(diags, r->path,
				align_record_line(r, "decision", NULL,
						  sup && !strcmp(sup, id)
							  ? "supersedes"
							  : "superseded-by"),
				ALIGN_SEV_ERROR,
				"decision '%s' cannot supersede itself", id);
	}
	align_buf_release(&name);
}

const struct align_kind align_kind_decision = {
	.name = "decision",
	.folder = "decisions",
	.summary = "a decision: its context, options and consequences, "
		   "who decides, and its lifecycle",
	.fields = fields,
	.id_pattern = "{number}-{slug}",
	.subfolder_pattern = NULL,
	.period_field = NULL,
	.states = states,
	.moves = moves,
	.template_text = template_text,
	.check = check_decision,
	.describe = NULL,
};
