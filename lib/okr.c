#include "okr.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

static const char *const directions[] = { "increase", "decrease", NULL };

static const struct align_field fields[] = {
	{ "id", ALIGN_FIELD_ID, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL, NULL },
	{ "quarter", ALIGN_FIELD_PERIOD, ALIGN_FIELD_REQUIRED, NULL, NULL,
	  "{Period}", NULL },
	{ "owner", ALIGN_FIELD_PERSON,
	  ALIGN_FIELD_REQUIRED | ALIGN_FIELD_ACCOUNTABLE, NULL, NULL, NULL,
	  NULL },
	{ "parent", ALIGN_FIELD_REF, 0, NULL, "objective", NULL, NULL },
	{ "weight", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, NULL },
	/* Each key result: [kr "<key>"]. */
	{ "title", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "kr" },
	{ "start", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, "kr" },
	{ "target", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, "kr" },
	{ "current", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, "kr" },
	{ "unit", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, "kr" },
	{ "owner", ALIGN_FIELD_PERSON, ALIGN_FIELD_ACCOUNTABLE, NULL, NULL,
	  NULL, "kr" },
	{ "confidence", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, "kr" },
	{ "due", ALIGN_FIELD_DATE, 0, NULL, NULL, NULL, "kr" },
	{ "weight", ALIGN_FIELD_NUMBER, 0, NULL, NULL, NULL, "kr" },
	{ "direction", ALIGN_FIELD_ENUM, 0, directions, NULL, NULL, "kr" },
	{ "workflow", ALIGN_FIELD_REF, 0, NULL, "raci", NULL, "kr" },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL },
};

static const char template_text[] =
	"# Objective\n"
	"\n"
	"```ini\n"
	"[objective]\n"
	"id =\n"
	"quarter =\n"
	"owner =\n"
	"```\n"
	"\n"
	"## Why it matters\n"
	"\n"
	"<!-- What changes for the team or the customer when this is done. "
	"-->\n";

int align_number_parse(double *out, const char *str)
{
	const char *p = str;
	char *end;
	double v;

	/* JSON's decimal form: -?digits(.digits)?, so values print as is. */
	if (*p == '-') {
		p++;
	}
	if (!(*p >= '0' && *p <= '9')) {
		return -1;
	}
	p += strspn(p, "0123456789");
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9')) {
			return -1;
		}
		p += strspn(p, "0123456789");
	}
	if (*p) {
		return -1;
	}
	errno = 0;
	v = strtod(str, &end);
	if (*end || errno == ERANGE || !isfinite(v)) {
		return -1;
	}
	*out = v;
	return 0;
}

void align_number_format(struct align_buf *out, double value)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.10f", value);
	/* Trim trailing zeros and a trailing point: 41.500 -> 41.5. */
	if (strchr(buf, '.')) {
		size_t n = strlen(buf);
		while (n && buf[n - 1] == '0') {
			buf[--n] = '\0';
		}
		if (n && buf[n - 1] == '.') {
			buf[--n] = '\0';
		}
	}
	if (!strcmp(buf, "-0")) {
		buf[0] = '0';
		buf[1] = '\0';
	}
	align_buf_adds(out, buf);
}

static double setting(const struct align_repo *repo, const char *key,
		      double fallback)
{
	const char *v = repo ? align_repo_config(repo, "okr", key, NULL) : NULL;
	double d;

	return v && align_number_parse(&d, v) == 0 ? d : fallback;
}

void align_okr_settings(struct align_okr_settings *out,
			const struct align_repo *repo)
{
	out->on_track_gap = setting(repo, "on-track-gap", 0.10);
	out->off_track_gap = setting(repo, "off-track-gap", 0.25);
	out->on_track_confidence = setting(repo, "on-track-confidence", 0.7);
	out->off_track_confidence = setting(repo, "off-track-confidence", 0.4);
	out->cadence_days = (int)setting(repo, "checkin-cadence-days", 7);
	out->min_krs = (int)setting(repo, "min-krs", 2);
	out->max_krs = (int)setting(repo, "max-krs", 5);
}

const char *align_health_name(enum align_health health)
{
	switch (health) {
	case ALIGN_ON_TRACK:
		return "on-track";
	case ALIGN_AT_RISK:
		return "at-risk";
	case ALIGN_OFF_TRACK:
		return "off-track";
	}
	return "?";
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

double align_okr_pace(const struct align_date *start,
		      const struct align_date *end,
		      const struct align_date *today)
{
	double s = (double)align_date_to_days(start);
	double e = (double)align_date_to_days(end) + 1;
	double t = (double)align_date_to_days(today) + 1;

	return e <= s ? 1 : clamp01((t - s) / (e - s));
}

enum align_health align_okr_health(double progress, double expected,
				   double confidence,
				   const struct align_okr_settings *st)
{
	double behind = expected - progress;

	if (progress >= 1) {
		return ALIGN_ON_TRACK;
	}
	if (behind > st->off_track_gap ||
	    (confidence >= 0 && confidence < st->off_track_confidence)) {
		return ALIGN_OFF_TRACK;
	}
	if (behind > st->on_track_gap ||
	    (confidence >= 0 && confidence < st->on_track_confidence)) {
		return ALIGN_AT_RISK;
	}
	return ALIGN_ON_TRACK;
}

void align_okr_evaluate(struct align_okr_status *out,
			const struct align_record *r,
			const struct align_date *today,
			const struct align_okr_settings *st)
{
	const struct align_ini *ini = &r->ini;
	struct align_period quarter;
	int have_quarter;
	double wsum = 0, psum = 0;
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	out->record = r;
	out->id = align_record_id(r);
	out->quarter = align_record_get(r, "objective", NULL, "quarter");
	out->owner = align_record_get(r, "objective", NULL, "owner");
	out->parent = align_record_get(r, "objective", NULL, "parent");
	if (!out->parent || !*out->parent) {
		out->parent = NULL;
	}
	if (!out->quarter ||
	    align_number_parse(&out->weight,
			       align_record_get(r, "objective", NULL, "weight")
				       ? align_record_get(r, "objective", NULL,
							  "weight")
				       : "1") < 0) {
		out->weight = 1;
	}
	have_quarter = out->quarter &&
		       align_period_parse(&quarter, out->quarter) == 0;
	out->health = ALIGN_ON_TRACK;
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		struct align_kr_status k;
		const char *v;
		struct align_date due;
		struct align_period span;

		if (strcmp(sec->name, "kr") || !sec->sub) {
			continue;
		}
		memset(&k, 0, sizeof(k));
		k.key = sec->sub;
		k.title = align_record_get(r, "kr", sec->sub, "title");
		k.unit = align_record_get(r, "kr", sec->sub, "unit");
		k.owner = align_record_get(r, "kr", sec->sub, "owner");
		if (!k.owner || !*k.owner) {
			k.owner = out->owner;
		}
		if (!(v = align_record_get(r, "kr", sec->sub, "start")) ||
		    align_number_parse(&k.start, v) < 0 ||
		    !(v = align_record_get(r, "kr", sec->sub, "target")) ||
		    align_number_parse(&k.target, v) < 0 ||
		    k.target == k.start) {
			continue;
		}
		v = align_record_get(r, "kr", sec->sub, "current");
		if (!v || !*v || align_number_parse(&k.current, v) < 0) {
			k.current = k.start;
		}
		v = align_record_get(r, "kr", sec->sub, "confidence");
		if (!v || !*v || align_number_parse(&k.confidence, v) < 0) {
			k.confidence = -1;
		}
		v = align_record_get(r, "kr", sec->sub, "weight");
		if (!v || !*v || align_number_parse(&k.weight, v) < 0 ||
		    k.weight < 0) {
			k.weight = 1;
		}
		/* (current - start) / (target - start) also holds for metrics
		 * that must fall: target < start flips both signs. */
		k.progress = clamp01((k.current - k.start) / (k.target - k.start));
		if (have_quarter) {
			span = quarter;
			v = align_record_get(r, "kr", sec->sub, "due");
			if (v && align_date_parse(&due, v) == 0) {
				span.end = due;
			}
			k.expected = align_okr_pace(&span.start, &span.end, today);
		} else {
			k.expected = 0;
		}
		k.health = align_okr_health(k.progress, k.expected, k.confidence,
					    st);
		if (k.health > out->health) {
			out->health = k.health;
		}
		wsum += k.weight;
		psum += k.weight * k.progress;
		ALIGN_ARRAY_GROW(out->krs, alloc, out->nkrs + 1);
		out->krs[out->nkrs++] = k;
	}
	out->progress = wsum > 0 ? psum / wsum : 0;
}

void align_okr_status_release(struct align_okr_status *status)
{
	free(status->krs);
	memset(status, 0, sizeof(*status));
}

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

int align_okr_add_kr(struct align_record *r, const char *key,
		     const char *title, const char *start, const char *target,
		     const char *unit, const char *owner, const char *due,
		     const char *direction, struct align_buf *err)
{
	double s, t;
	struct align_date d;
	int ret;

	if (!align_ini_sub_valid(key)) {
		return refuse(err, ALIGN_EINVALID,
			      "invalid key result key '%s': use up to 32 "
			      "letters, digits, '_', '.', '@' or '-'",
			      key);
	}
	if (align_ini_find_section(&r->ini, "kr", key) >= 0) {
		return refuse(err, ALIGN_EEXISTS,
			      "objective '%s' has a key result '%s' already",
			      align_record_id(r), key);
	}
	if (!title || !*title) {
		return refuse(err, ALIGN_EINVALID,
			      "a key result needs a title (--title)");
	}
	if (!start || align_number_parse(&s, start) < 0 || !target ||
	    align_number_parse(&t, target) < 0) {
		return refuse(err, ALIGN_EINVALID,
			      "--start and --target must be numbers");
	}
	if (s == t) {
		return refuse(err, ALIGN_EINVALID,
			      "--start and --target must differ: a key result "
			      "measures a change");
	}
	if (due && align_date_parse(&d, due) < 0) {
		return refuse(err, ALIGN_EINVALID,
			      "invalid date '%s' for --due: use YYYY-MM-DD", due);
	}
	if (direction && strcmp(direction, "increase") &&
	    strcmp(direction, "decrease")) {
		return refuse(err, ALIGN_EINVALID,
			      "--direction is increase or decrease");
	}
	if (direction && !strcmp(direction, "decrease") && t > s) {
		return refuse(err, ALIGN_EINVALID,
			      "a decreasing key result needs a target below its "
			      "start");
	}
	{
		const char *kr_fields[][2] = {
			{ "title", title }, { "start", start },
			{ "target", target }, { "current", start },
			{ "unit", unit },   { "owner", owner },
			{ "due", due },     { "direction", direction },
		};
		size_t n = sizeof(kr_fields) / sizeof(kr_fields[0]);
		for (size_t i = 0; i < n; i++) {
			if (kr_fields[i][1] &&
			    (ret = align_record_set(r, "kr", key, kr_fields[i][0],
						    kr_fields[i][1], err)) < 0) {
				return ret;
			}
		}
	}
	return 0;
}

int align_okr_checkin(struct align_record *r, const char *key,
		      const char *value, const char *confidence,
		      struct align_buf *summary, struct align_buf *err)
{
	const char *old, *unit;
	double v, c;
	int ret;

	if (align_ini_find_section(&r->ini, "kr", key) < 0) {
		struct align_buf keys = ALIGN_BUF_INIT;
		for (size_t s = 0; s < r->ini.nsections; s++) {
			if (!strcmp(r->ini.sections[s].name, "kr") &&
			    r->ini.sections[s].sub) {
				align_buf_addf(&keys, "%s%s",
					       keys.len ? ", " : "",
					       r->ini.sections[s].sub);
			}
		}
		ret = refuse(err, ALIGN_ENOTFOUND,
			     "objective '%s' has no key result '%s' (it has: "
			     "%s)",
			     align_record_id(r), key,
			     keys.len ? keys.ptr : "none");
		align_buf_release(&keys);
		return ret;
	}
	if (align_number_parse(&v, value) < 0) {
		return refuse(err, ALIGN_EINVALID,
			      "check-in value '%s' is not a number", value);
	}
	if (confidence && (align_number_parse(&c, confidence) < 0 || c < 0 ||
			   c > 1)) {
		return refuse(err, ALIGN_EINVALID,
			      "confidence '%s' is not a number from 0 to 1",
			      confidence);
	}
	old = align_record_get(r, "kr", key, "current");
	unit = align_record_get(r, "kr", key, "unit");
	align_buf_clear(summary);
	align_buf_addf(summary, "%s %s → %s", key, old && *old ? old : "-",
		       value);
	if (unit && *unit) {
		align_buf_addf(summary, " %s", unit);
	}
	if ((ret = align_record_set(r, "kr", key, "current", value, err)) < 0) {
		return ret;
	}
	if (confidence) {
		if ((ret = align_record_set(r, "kr", key, "confidence",
					    confidence, err)) < 0) {
			return ret;
		}
		align_buf_addf(summary, " (confidence %s)", confidence);
	}
	return 0;
}

/* Per-objective rules: SMART key results and the count of them. */
static void check_okr(const struct align_record *r,
		      const struct align_kind_check *ctx,
		      struct align_diags *diags)
{
	const struct align_ini *ini = &r->ini;
	const char *quarter = align_record_get(r, "objective", NULL, "quarter");
	const char *owner = align_record_get(r, "objective", NULL, "owner");
	struct align_okr_settings st;
	struct align_period period;
	int have_period;
	size_t nkrs = 0;

	align_okr_settings(&st, ctx->repo);
	/* The generic check reports fields that are not of their type. */
	have_period = quarter && align_period_parse(&period, quarter) == 0;
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		const char *k = sec->sub, *v;
		double start = 0, target = 0, num;
		int ok_start, ok_target, missing;
		struct align_date due;

		if (strcmp(sec->name, "kr")) {
			continue;
		}
		if (!k) {
			align_diags_add(diags, r->path, sec->line,
					ALIGN_SEV_ERROR,
					"a key result section needs a key: "
					"[kr \"<key>\"]");
			continue;
		}
		nkrs++;
		v = align_record_get(r, "kr", k, "title");
		if (!v || !*v) {
			align_diags_add(diags, r->path, sec->line,
					ALIGN_SEV_ERROR,
					"key result '%s' has no title", k);
		}
		v = align_record_get(r, "kr", k, "start");
		ok_start = v && align_number_parse(&start, v) == 0;
		missing = !v || !*v;
		v = align_record_get(r, "kr", k, "target");
		ok_target = v && align_number_parse(&target, v) == 0;
		missing = missing || !v || !*v;
		if (missing) {
			align_diags_add(diags, r->path, sec->line,
					ALIGN_SEV_ERROR,
					"key result '%s' needs numeric start and "
					"target (measurable)",
					k);
		} else if (ok_start && ok_target && start == target) {
			align_diags_add(diags, r->path,
					align_record_line(r, "kr", k, "target"),
					ALIGN_SEV_ERROR,
					"key result '%s' has the same start and "
					"target",
					k);
		}
		v = align_record_get(r, "kr", k, "confidence");
		if (v && *v && align_number_parse(&num, v) == 0 &&
		    (num < 0 || num > 1)) {
			align_diags_add(diags, r->path,
					align_record_line(r, "kr", k,
							  "confidence"),
					ALIGN_SEV_ERROR,
					"key result '%s': confidence '%s' is not "
					"a number from 0 to 1",
					k, v);
		}
		v = align_record_get(r, "kr", k, "owner");
		if ((!v || !*v) && (!owner || !*owner)) {
			align_diags_add(diags, r->path, sec->line,
					ALIGN_SEV_ERROR,
					"key result '%s' has no owner", k);
		}
		v = align_record_get(r, "kr", k, "due");
		if (v && *v) {
			if (align_date_parse(&due, v) == 0 && have_period &&
				   !align_period_has(&period, &due)) {
				align_diags_add(diags, r->path,
						align_record_line(r, "kr", k,
								  "due"),
						ALIGN_SEV_ERROR,
						"key result '%s' is due %s, "
						"outside %s",
						k, v, quarter);
			}
		}
		v = align_record_get(r, "kr", k, "direction");
		if (v && !strcmp(v, "decrease") && ok_start &&
			   ok_target && target > start) {
			align_diags_add(diags, r->path,
					align_record_line(r, "kr", k, "target"),
					ALIGN_SEV_ERROR,
					"key result '%s' must decrease but its "
					"target is above its start",
					k);
		}
	}
	if (have_period && ctx->repo) {
		/* okr status reads okrs/<quarter>/ and okrs/<year>/ only. */
		struct align_buf folder = ALIGN_BUF_INIT;
		align_buf_addf(&folder, "%s/%s/",
			       align_kind_folder(&align_kind_okr, ctx->repo),
			       period.name);
		if (strncmp(r->path, folder.ptr, folder.len)) {
			align_diags_add(diags, r->path, ini->sections[0].line,
					ALIGN_SEV_WARNING,
					"an objective for %s belongs in %s "
					"(align okr status looks only there)",
					period.name, folder.ptr);
		}
		align_buf_release(&folder);
	}
	if ((int)nkrs < st.min_krs || (int)nkrs > st.max_krs) {
		align_diags_add(diags, r->path, ini->sections[0].line,
				ALIGN_SEV_WARNING,
				"objective has %zu key result%s; aim for %d to "
				"%d",
				nkrs, nkrs == 1 ? "" : "s", st.min_krs,
				st.max_krs);
	}
	/* The alignment tree: the parent exists, is no narrower, no cycle. */
	{
		const char *parent = align_record_get(r, "objective", NULL,
						      "parent");
		const char *id = align_record_id(r);
		const struct align_record *p = NULL;
		size_t hops = 0;

		if (!parent || !*parent) {
			return;
		}
		for (const char *cur = parent; cur && *cur && hops <= ctx->nrecords;
		     hops++) {
			p = NULL;
			for (size_t i = 0; i < ctx->nrecords; i++) {
				const char *oid = align_record_id(ctx->records[i]);
				if (oid && !strcmp(oid, cur) &&
				    !strcmp(align_record_kind(ctx->records[i]),
					    "objective")) {
					p = ctx->records[i];
					break;
				}
			}
			if (!p) {
				return; /* the generic check reports it */
			}
			if (hops == 0) {
				const char *pq = align_record_get(
					p, "objective", NULL, "quarter");
				struct align_period pp;
				if (have_period && pq &&
				    align_period_parse(&pp, pq) == 0 &&
				    !align_period_within(&period, &pp)) {
					align_diags_add(
						diags, r->path,
						align_record_line(r, "objective",
								  NULL, "parent"),
						ALIGN_SEV_ERROR,
						"parent '%s' is for %s, narrower "
						"than or apart from %s",
						parent, pq, quarter);
				}
			}
			if (id && !strcmp(align_record_id(p) ? align_record_id(p)
							     : "",
					  id)) {
				align_diags_add(diags, r->path,
						align_record_line(r, "objective",
								  NULL, "parent"),
						ALIGN_SEV_ERROR,
						"parent cycle: '%s' is its own "
						"ancestor",
						id);
				return;
			}
			cur = align_record_get(p, "objective", NULL, "parent");
		}
	}
}

/* A change of a key result's current value is a check-in. */
static int describe_okr(const struct align_record *old,
			const struct align_record *new_,
			const struct align_record_change *c,
			enum align_event_type *action, struct align_buf *text)
{
	const char *unit, *conf;
	const struct align_record_change *cc = c;

	if (strcmp(c->section, "kr") || !c->sub) {
		return 0;
	}
	/* A key result added or removed is one event, said by its title. */
	if (!old || align_ini_find_section(&old->ini, "kr", c->sub) < 0) {
		const char *title, *start, *target, *u;

		if (strcmp(c->key, "title")) {
			return -1;
		}
		title = align_record_get(new_, "kr", c->sub, "title");
		start = align_record_get(new_, "kr", c->sub, "start");
		target = align_record_get(new_, "kr", c->sub, "target");
		u = align_record_get(new_, "kr", c->sub, "unit");
		*action = ALIGN_EVENT_PART_ADDED;
		align_buf_addf(text, "added key result %s#%s: %s (%s → %s%s%s)",
			       align_record_id(new_), c->sub, title ? title : "",
			       start ? start : "?", target ? target : "?",
			       u && *u ? " " : "", u ? u : "");
		return 1;
	}
	if (align_ini_find_section(&new_->ini, "kr", c->sub) < 0) {
		if (strcmp(c->key, "title")) {
			return -1;
		}
		*action = ALIGN_EVENT_PART_REMOVED;
		align_buf_addf(text, "removed key result %s#%s",
			       align_record_id(new_), c->sub);
		return 1;
	}
	if (!strcmp(c->key, "confidence")) {
		/* Said with the check-in when current changed too. */
		const char *was = align_record_get(old, "kr", c->sub, "current");
		const char *now = align_record_get(new_, "kr", c->sub, "current");
		if (was && now && strcmp(was, now)) {
			return -1;
		}
		return 0;
	}
	if (strcmp(c->key, "current") || !cc->old_value || !cc->new_value) {
		return 0;
	}
	unit = align_record_get(new_, "kr", c->sub, "unit");
	conf = align_record_get(new_, "kr", c->sub, "confidence");
	*action = ALIGN_EVENT_CHECKED_IN;
	align_buf_addf(text, "checked in %s#%s %s → %s",
		       align_record_id(new_), c->sub, c->old_value,
		       c->new_value);
	if (unit && *unit) {
		align_buf_addf(text, " %s", unit);
	}
	if (conf && *conf) {
		align_buf_addf(text, " (confidence %s)", conf);
	}
	return 1;
}

const struct align_kind align_kind_okr = {
	.name = "objective",
	.folder = "okrs",
	.summary = "an objective of a quarter or a year, with its key results",
	.fields = fields,
	.id_pattern = "{period}-{slug}",
	.subfolder_pattern = "{Period}",
	.period_field = "quarter",
	.states = NULL,
	.moves = NULL,
	.part_section = "kr",
	.part_noun = "key result",
	.part_added = "added key result",
	.part_removed = "removed key result",
	.template_text = template_text,
	.check = check_okr,
	.describe = describe_okr,
};
