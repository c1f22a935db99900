#include "health.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blockers.h"
#include "brief.h"
#include "decision-log.h"
#include "decision.h"
#include "history.h"
#include "okr-board.h"
#include "okr.h"
#include "raci.h"
#include "update.h"
#include "util/error.h"
#include "util/banned.h"

/* ---- what the rules share ---------------------------------------------- */

/* A key result's last check-in: "<objective>#<kr>" and its commit. */
struct checkin {
	char *key;
	struct align_timeline_event ev;
};

struct checkins {
	struct checkin *items;
	size_t n;
	size_t alloc;
	struct align_idmap index;
	struct align_buf scratch;
};

/* A person's updates: the weeks they posted in and their last update. */
struct poster {
	const char *person; /* borrowed from the catalog */
	size_t last;        /* catalog index of the update of the latest week */
	int64_t last_monday;
};

struct align_health_run {
	struct align_health_report *out;
	const struct align_health_opts *opts;
	struct align_repo *repo;
	const struct align_health_setting *setting; /* the rule being run */
	struct align_timeline timeline;
	struct checkins checkins;
	struct align_blockers blockers;
	struct align_okr_settings okr;
	struct align_period week;      /* the current ISO week */
	struct align_idmap ids;        /* record id -> catalog index */
	struct align_idmap posted;     /* "<person>\n<week>" */
	char **posted_keys;
	size_t nposted;
	size_t posted_alloc;
	struct poster *posters;
	size_t nposters;
	size_t posters_alloc;
	struct align_idmap by_person;  /* person -> posters index */
};

static void event_copy(struct align_timeline_event *dst,
		       const struct align_timeline_event *src)
{
	memset(dst, 0, sizeof(*dst));
	if (!src) {
		return;
	}
	memcpy(dst->commit, src->commit, sizeof(dst->commit));
	dst->state = align_strdup(src->state ? src->state : "");
	dst->author = align_strdup(src->author ? src->author : "");
	dst->email = align_strdup(src->email ? src->email : "");
	dst->when = src->when;
	dst->offset = src->offset;
	dst->note = src->note ? align_strdup(src->note) : NULL;
}

static void event_clear(struct align_timeline_event *ev)
{
	free(ev->state);
	free(ev->author);
	free(ev->email);
	free(ev->note);
	memset(ev, 0, sizeof(*ev));
}

__attribute__((format(printf, 6, 7))) static struct align_health_violation *
violation(struct align_health_run *run, const struct align_health_rule *rule,
	  const char *record, const char *path,
	  const struct align_timeline_event *since, const char *fmt, ...)
{
	struct align_health_report *out = run->out;
	struct align_health_violation *v;
	struct align_buf msg = ALIGN_BUF_INIT;
	va_list ap;

	ALIGN_ARRAY_GROW(out->items, out->alloc, out->n + 1);
	v = &out->items[out->n++];
	memset(v, 0, sizeof(*v));
	v->rule = rule;
	v->severity = run->setting->severity;
	v->record = record ? align_strdup(record) : NULL;
	v->path = path ? align_strdup(path) : NULL;
	event_copy(&v->since, since);
	va_start(ap, fmt);
	align_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	v->message = align_buf_detach(&msg, NULL);
	return v;
}

static void add_str(char ***list, size_t *n, const char *s)
{
	if (!s || !*s) {
		return;
	}
	for (size_t i = 0; i < *n; i++) {
		if (!strcmp((*list)[i], s)) {
			return;
		}
	}
	*list = align_realloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = align_strdup(s);
}

static void add_who(struct align_health_violation *v, const char *handle)
{
	add_str(&v->who, &v->nwho, handle);
}

static void add_record(struct align_health_violation *v, const char *id)
{
	add_str(&v->records, &v->nrecords, id);
}

/* A field of the record's own section, or NULL when absent or empty. */
static const char *field(const struct align_record *r, const char *key)
{
	const char *v = align_record_get(r, align_record_kind(r), NULL, key);

	return v && *v ? v : NULL;
}

static const struct align_record *brief_at(const struct align_health_run *run,
					   size_t i)
{
	const struct align_entry *e = &run->opts->catalog->entries[i];

	return e->kind == &align_kind_brief && e->record &&
			       !strcmp(align_record_kind(e->record),
				       align_kind_brief.name) &&
			       field(e->record, "id")
		       ? e->record
		       : NULL;
}

static const struct align_timeline_record *history_of(
	const struct align_health_run *run, const struct align_record *r)
{
	return align_timeline_find(&run->timeline, align_record_id(r));
}

static void percent(char out[16], double v)
{
	snprintf(out, 16, "%d%%", (int)(v * 100 + 0.5 + 1e-9));
}

/* ---- RACI: who answers for a brief's approval ---------------------------- */

/* The raci record with id `id`, or NULL. */
static const struct align_record *raci_record(const struct align_health_run *run,
					      const char *id)
{
	const struct align_catalog *cat = run->opts->catalog;
	size_t i;

	if (align_idmap_get(&run->ids, id, &i) &&
	    cat->entries[i].kind == &align_kind_raci) {
		return cat->entries[i].record;
	}
	for (i = 0; i < cat->count; i++) {
		const struct align_record *r = cat->entries[i].record;
		if (cat->entries[i].kind == &align_kind_raci && r &&
		    align_record_id(r) && !strcmp(align_record_id(r), id)) {
			return r;
		}
	}
	return NULL;
}

/*
 * The "launch approval" step of the workflow brief `r` names, read into
 * `raci` (released by the caller in every case), or NULL.
 */
static const struct align_raci_step *approval_step(
	const struct align_health_run *run, const struct align_record *r,
	struct align_raci *raci)
{
	const char *wf = field(r, "workflow");
	const struct align_record *rr;

	align_raci_init(raci);
	if (!wf || !(rr = raci_record(run, wf))) {
		return NULL;
	}
	align_raci_release(raci);
	align_raci_from_record(raci, rr);
	return align_raci_step_find(raci, "launch approval");
}

/*
 * Whom a late approval goes to by the step: adds them to `v` and appends
 * the words saying so to `why`. Returns 0 when the step names nobody
 * (the caller falls back to the brief's own people).
 */
static int escalate(const struct align_health_run *run,
		    struct align_health_violation *v,
		    const struct align_raci *raci,
		    const struct align_raci_step *step, struct align_buf *why)
{
	struct align_buf who = ALIGN_BUF_INIT, acc = ALIGN_BUF_INIT;
	int cover = align_raci_answerer(&who, &acc, step, run->opts->roster,
					&run->opts->today);

	switch (cover) {
	case ALIGN_RACI_PRESENT:
		align_buf_addf(why, "; escalated to %s, Accountable for %s in %s",
			       who.ptr, step->name, raci->id);
		break;
	case ALIGN_RACI_BACKUP:
		align_buf_addf(why, "; escalated to %s, backup of %s (away), "
				    "Accountable for %s in %s",
			       who.ptr, acc.ptr, step->name, raci->id);
		break;
	case ALIGN_RACI_UNCOVERED:
		align_buf_addf(why, "; %s, Accountable for %s in %s, is away "
				    "with no backup there",
			       acc.ptr, step->name, raci->id);
		break;
	default:
		break;
	}
	if (cover != ALIGN_RACI_NOBODY) {
		add_who(v, who.ptr);
	}
	align_buf_release(&who);
	align_buf_release(&acc);
	return cover != ALIGN_RACI_NOBODY;
}

/* Appends `more` to a violation's message. */
static void message_add(struct align_health_violation *v,
			const struct align_buf *more)
{
	struct align_buf m = ALIGN_BUF_INIT;

	if (!more->len) {
		return;
	}
	align_buf_adds(&m, v->message);
	align_buf_add(&m, more->ptr, more->len);
	free(v->message);
	v->message = align_buf_detach(&m, NULL);
}

/* ---- the rules ---------------------------------------------------------- */

/* A brief in `submitted` for longer than the threshold. */
static void rule_approval_sla(struct align_health_run *run,
			      const struct align_health_rule *rule,
			      int64_t threshold)
{
	const struct align_catalog *cat = run->opts->catalog;
	struct align_buf waited = ALIGN_BUF_INIT;

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_record *r = brief_at(run, i);
		const struct align_timeline_event *ev;
		struct align_health_violation *v;
		const char *status;

		if (!r || !(status = field(r, "status")) ||
		    strcmp(status, "submitted")) {
			continue;
		}
		ev = align_timeline_entered(history_of(run, r), "submitted",
					    run->opts->now);
		if (!ev || run->opts->now - ev->when <= threshold) {
			continue; /* not committed as submitted: no clock yet */
		}
		align_buf_clear(&waited);
		align_health_format_duration(&waited, run->opts->now - ev->when);
		v = violation(run, rule, align_record_id(r), cat->entries[i].path,
			      ev,
			      "brief '%s' has waited %s for approval, over "
			      "%s",
			      align_record_id(r), waited.ptr,
			      run->setting->text);
		{
			struct align_raci raci;
			struct align_buf why = ALIGN_BUF_INIT;
			const struct align_raci_step *step =
				approval_step(run, r, &raci);

			/* The workflow's approver first, when it names one. */
			if (!step || !escalate(run, v, &raci, step, &why)) {
				add_who(v, field(r, "accountable")
						   ? field(r, "accountable")
						   : field(r, "owner"));
			}
			message_add(v, &why);
			align_buf_release(&why);
			align_raci_release(&raci);
		}
		add_record(v, align_record_id(r));
	}
	align_buf_release(&waited);
}

/* A brief waiting longer than its workflow's approval step allows. */
static void rule_step_sla(struct align_health_run *run,
			  const struct align_health_rule *rule,
			  int64_t threshold)
{
	const struct align_catalog *cat = run->opts->catalog;
	struct align_buf waited = ALIGN_BUF_INIT, why = ALIGN_BUF_INIT;

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_record *r = brief_at(run, i);
		const struct align_timeline_event *ev;
		const struct align_raci_step *step;
		struct align_health_violation *v;
		struct align_raci raci;
		const char *status;
		int64_t sla;

		if (!r || !(status = field(r, "status")) ||
		    strcmp(status, "submitted")) {
			continue;
		}
		step = approval_step(run, r, &raci);
		ev = align_timeline_entered(history_of(run, r), "submitted",
					    run->opts->now);
		if (!step || !step->sla ||
		    align_duration_parse(&sla, step->sla) < 0 || !ev ||
		    run->opts->now - ev->when <= sla) {
			align_raci_release(&raci);
			continue;
		}
		align_buf_clear(&waited);
		align_health_format_duration(&waited, run->opts->now - ev->when);
		v = violation(run, rule, align_record_id(r), cat->entries[i].path,
			      ev,
			      "brief '%s' has waited %s for %s, over the sla "
			      "%s of %s",
			      align_record_id(r), waited.ptr, step->name,
			      step->sla, raci.id);
		align_buf_clear(&why);
		if (!escalate(run, v, &raci, step, &why)) {
			add_who(v, field(r, "accountable"));
		}
		message_add(v, &why);
		add_record(v, align_record_id(r));
		align_raci_release(&raci);
	}
	align_buf_release(&waited);
	align_buf_release(&why);
}

/* A step whose Accountable is away today, with no backup there. */
static void rule_raci_away(struct align_health_run *run,
			   const struct align_health_rule *rule,
			   int64_t threshold)
{
	const struct align_catalog *cat = run->opts->catalog;
	const struct align_people *roster = run->opts->roster;
	struct align_buf who = ALIGN_BUF_INIT, acc = ALIGN_BUF_INIT;

	if (!roster || !roster->record) {
		return;
	}
	for (size_t i = 0; i < cat->count; i++) {
		const struct align_entry *e = &cat->entries[i];
		struct align_raci raci;

		if (e->kind != &align_kind_raci || !e->record ||
		    strcmp(align_record_kind(e->record), "raci")) {
			continue;
		}
		align_raci_from_record(&raci, e->record);
		for (size_t k = 0; k < raci.nsteps; k++) {
			const struct align_raci_step *s = &raci.steps[k];
			struct align_health_violation *v;
			struct align_buf ref = ALIGN_BUF_INIT;

			align_buf_clear(&who);
			align_buf_clear(&acc);
			if (align_raci_answerer(&who, &acc, s, roster,
						&run->opts->today) !=
			    ALIGN_RACI_UNCOVERED) {
				continue;
			}
			align_buf_addf(&ref, "%s#%s", raci.id, s->key);
			v = violation(run, rule, ref.ptr, e->path, NULL,
				      "%s, Accountable for %s in %s, is away "
				      "and no backup is there",
				      acc.ptr, s->name, raci.id);
			v->line = s->letter_line[ALIGN_RACI_A]
					  ? s->letter_line[ALIGN_RACI_A]
					  : s->line;
			add_who(v, who.ptr);
			for (size_t n = 0; n < s->cells[ALIGN_RACI_R].n; n++) {
				add_who(v, s->cells[ALIGN_RACI_R].names[n].name);
			}
			add_record(v, raci.id);
			align_buf_release(&ref);
		}
		align_raci_release(&raci);
	}
	align_buf_release(&who);
	align_buf_release(&acc);
}

struct waiting {
	const struct align_record *brief;
	const struct align_timeline_event *since; /* NULL: not in history */
};

static int by_since(const void *a, const void *b)
{
	const struct waiting *x = a, *y = b;
	int64_t wx = x->since ? x->since->when : INT64_MAX;
	int64_t wy = y->since ? y->since->when : INT64_MAX;

	if (wx != wy) {
		return wx < wy ? -1 : 1;
	}
	return strcmp(align_record_id(x->brief), align_record_id(y->brief));
}

/* Too many briefs waiting for approval at once: one violation. */
static void rule_approval_queue(struct align_health_run *run,
				const struct align_health_rule *rule,
				int64_t threshold)
{
	const struct align_catalog *cat = run->opts->catalog;
	struct waiting *w = align_calloc(cat->count + 1, sizeof(*w));
	struct align_buf ids = ALIGN_BUF_INIT;
	struct align_health_violation *v;
	size_t n = 0;

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_record *r = brief_at(run, i);
		const char *status;

		if (r && (status = field(r, "status")) &&
		    !strcmp(status, "submitted")) {
			w[n].brief = r;
			w[n].since = align_timeline_entered(history_of(run, r),
							    "submitted",
							    run->opts->now);
			n++;
		}
	}
	if (n == 0 || (int64_t)n < threshold) {
		goto done;
	}
	qsort(w, n, sizeof(*w), by_since);
	for (size_t i = 0; i < n; i++) {
		align_buf_addf(&ids, "%s%s", i ? ", " : "",
			       align_record_id(w[i].brief));
	}
	/* Since the brief whose submission made it a queue. */
	v = violation(run, rule, NULL,
		      align_kind_folder(&align_kind_brief, run->repo),
		      w[threshold - 1].since,
		      "%zu briefs wait for approval at once, %lld or more is a "
		      "queue: %s",
		      n, (long long)threshold, ids.ptr);
	for (size_t i = 0; i < n; i++) {
		const struct align_record *r = w[i].brief;

		add_who(v, field(r, "accountable") ? field(r, "accountable")
						   : field(r, "owner"));
		add_record(v, align_record_id(r));
	}
done:
	align_buf_release(&ids);
	free(w);
}

/* A brief not live, completed or cancelled, past its due date. */
static void rule_launch_late(struct align_health_run *run,
			     const struct align_health_rule *rule,
			     int64_t threshold)
{
	static const char *const done[] = { "live", "completed", "cancelled",
					    NULL };
	const struct align_catalog *cat = run->opts->catalog;
	int64_t today = align_date_to_days(&run->opts->today);

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_record *r = brief_at(run, i);
		const char *status, *due;
		struct align_health_violation *v;
		struct align_date d;
		int64_t late;
		int finished = 0;

		if (!r || !(status = field(r, "status")) ||
		    !(due = field(r, "due")) || align_date_parse(&d, due) < 0) {
			continue;
		}
		for (size_t k = 0; done[k]; k++) {
			finished |= !strcmp(status, done[k]);
		}
		late = today - align_date_to_days(&d);
		if (finished || late * 86400 <= threshold) {
			continue;
		}
		v = violation(run, rule, align_record_id(r), cat->entries[i].path,
			      align_timeline_at(history_of(run, r),
						run->opts->now),
			      "brief '%s' is %lld day%s past its due date %s "
			      "and still %s",
			      align_record_id(r), (long long)late,
			      late == 1 ? "" : "s", due, status);
		add_who(v, field(r, "owner") ? field(r, "owner")
					     : field(r, "accountable"));
		add_record(v, align_record_id(r));
	}
}

/*
 * Calls `fn` for each key result of each objective whose period holds
 * today, scored as of today.
 */
static void each_kr(struct align_health_run *run,
		    const struct align_health_rule *rule, int64_t threshold,
		    void (*fn)(struct align_health_run *run,
			       const struct align_health_rule *rule,
			       int64_t threshold, const struct align_entry *e,
			       const struct align_okr_status *st,
			       const struct align_kr_status *kr,
			       const struct align_period *period))
{
	const struct align_catalog *cat = run->opts->catalog;

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_entry *e = &cat->entries[i];
		struct align_okr_status st;
		struct align_period period;
		const char *q;

		if (e->kind != &align_kind_okr || !e->record ||
		    strcmp(align_record_kind(e->record), "objective") ||
		    !align_record_id(e->record) ||
		    !(q = field(e->record, "quarter")) ||
		    align_period_parse(&period, q) < 0 ||
		    !align_period_has(&period, &run->opts->today)) {
			continue;
		}
		align_okr_evaluate(&st, e->record, &run->opts->today, &run->okr);
		for (size_t k = 0; k < st.nkrs; k++) {
			fn(run, rule, threshold, e, &st, &st.krs[k], &period);
		}
		align_okr_status_release(&st);
	}
}

static const struct align_timeline_event *last_checkin(
	struct align_health_run *run, const char *id, const char *kr)
{
	struct checkins *c = &run->checkins;
	size_t i;

	align_buf_clear(&c->scratch);
	align_buf_addf(&c->scratch, "%s#%s", id, kr);
	return align_idmap_get(&c->index, c->scratch.ptr, &i) ? &c->items[i].ev
							       : NULL;
}

static void kr_stale(struct align_health_run *run,
		     const struct align_health_rule *rule, int64_t threshold,
		     const struct align_entry *e,
		     const struct align_okr_status *st,
		     const struct align_kr_status *kr,
		     const struct align_period *period)
{
	const struct align_timeline_event *last =
		last_checkin(run, st->id, kr->key);
	struct align_kr_freshness f;
	struct align_health_violation *v;
	struct align_buf id = ALIGN_BUF_INIT;

	(void)threshold;
	(void)period;
	align_okr_board_freshness(&f, last ? last->when : INT64_MIN,
				  run->opts->now, run->okr.cadence_days);
	if (!f.stale) {
		return;
	}
	align_buf_addf(&id, "%s#%s", st->id, kr->key);
	if (last) {
		v = violation(run, rule, id.ptr, e->path, last,
			      "key result '%s' has had no check-in for %lld "
			      "days, over the %d-day cadence",
			      id.ptr, (long long)f.age_days,
			      run->okr.cadence_days);
	} else {
		v = violation(run, rule, id.ptr, e->path, NULL,
			      "key result '%s' has no check-in in history",
			      id.ptr);
	}
	add_who(v, kr->owner);
	add_record(v, id.ptr);
	align_buf_release(&id);
}

static void rule_kr_stale(struct align_health_run *run,
			  const struct align_health_rule *rule,
			  int64_t threshold)
{
	each_kr(run, rule, threshold, kr_stale);
}

static void kr_off_track(struct align_health_run *run,
			 const struct align_health_rule *rule,
			 int64_t threshold, const struct align_entry *e,
			 const struct align_okr_status *st,
			 const struct align_kr_status *kr,
			 const struct align_period *period)
{
	int64_t left = align_date_to_days(&period->end) -
		       align_date_to_days(&run->opts->today);
	struct align_health_violation *v;
	struct align_buf id = ALIGN_BUF_INIT;
	char done[16], expected[16];

	if (kr->health != ALIGN_OFF_TRACK || left >= threshold * 7) {
		return;
	}
	percent(done, kr->progress);
	percent(expected, kr->expected);
	align_buf_addf(&id, "%s#%s", st->id, kr->key);
	v = violation(run, rule, id.ptr, e->path,
		      last_checkin(run, st->id, kr->key),
		      "key result '%s' is off track, %s done against %s "
		      "expected, with %lld day%s left in %s",
		      id.ptr, done, expected, (long long)left,
		      left == 1 ? "" : "s", period->name);
	add_who(v, kr->owner);
	add_record(v, id.ptr);
	align_buf_release(&id);
}

static void rule_kr_off_track(struct align_health_run *run,
			      const struct align_health_rule *rule,
			      int64_t threshold)
{
	each_kr(run, rule, threshold, kr_off_track);
}

static int has_posted(const struct align_health_run *run, const char *person,
		      const char *week)
{
	struct align_buf key = ALIGN_BUF_INIT;
	size_t i;
	int found;

	align_buf_addf(&key, "%s\n%s", person, week);
	found = align_idmap_get(&run->posted, key.ptr, &i);
	align_buf_release(&key);
	return found;
}

static void week_before(struct align_period *out,
			const struct align_period *week, int n)
{
	struct align_date d;

	align_date_from_days(&d, align_date_to_days(&week->start) - 7 * n);
	align_week_of(out, &d);
}

/* The accountables of the records a blocker names by id. */
static void named_accountables(struct align_health_run *run,
			       struct align_health_violation *v,
			       const char *text)
{
	const struct align_catalog *cat = run->opts->catalog;
	struct align_buf word = ALIGN_BUF_INIT;

	for (const char *p = text; *p;) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
		size_t i;

		if (n) {
			align_buf_clear(&word);
			align_buf_add(&word, p, n);
			if (align_idmap_get(&run->ids, word.ptr, &i)) {
				add_who(v, field(cat->entries[i].record,
						 "accountable"));
			}
			p += n;
		} else {
			p++;
		}
	}
	align_buf_release(&word);
}

/* A blocker in each person's updates for weeks on end, still raised. */
static void rule_blocker_recurring(struct align_health_run *run,
				   const struct align_health_rule *rule,
				   int64_t threshold)
{
	struct align_period prev;

	week_before(&prev, &run->week, 1);
	for (size_t i = 0; i < run->blockers.n; i++) {
		const struct align_blocker *b = &run->blockers.items[i];
		const struct align_timeline_record *first;
		struct align_health_violation *v;

		if ((int64_t)b->running < threshold) {
			continue;
		}
		/*
		 * Still raised: in this week's update, or in last week's
		 * when this week's is not posted yet.
		 */
		if (strcmp(b->last_week, run->week.name) &&
		    (strcmp(b->last_week, prev.name) ||
		     has_posted(run, b->person, run->week.name))) {
			continue;
		}
		first = align_timeline_find(&run->timeline, b->first_update);
		v = violation(run, rule, b->last_update, b->last_path,
			      first && first->nevents ? &first->events[0]
						      : NULL,
			      "blocker raised by %s %zu weeks running "
			      "(%s to %s): %s",
			      b->person, b->running, b->run_week, b->last_week,
			      b->text);
		add_who(v, b->person);
		named_accountables(run, v, b->text);
		add_record(v, b->last_update);
	}
}

/* A person on the roster with no update in the last weeks. */
static void rule_update_missing(struct align_health_run *run,
				const struct align_health_rule *rule,
				int64_t threshold)
{
	const struct align_people *roster = run->opts->roster;
	const struct align_catalog *cat = run->opts->catalog;
	struct align_period oldest;

	week_before(&oldest, &run->week, (int)threshold - 1);
	for (size_t p = 0; roster && p < roster->count; p++) {
		const char *handle = roster->items[p].handle;
		const struct align_timeline_event *since = NULL;
		struct align_health_violation *v;
		int posted = 0;
		size_t k;

		if (!handle || !*handle) {
			continue;
		}
		for (int64_t n = 0; n < threshold && !posted; n++) {
			struct align_period w;

			week_before(&w, &run->week, (int)n);
			posted = has_posted(run, handle, w.name);
		}
		if (posted) {
			continue;
		}
		if (align_idmap_get(&run->by_person, handle, &k)) {
			const struct align_record *u =
				cat->entries[run->posters[k].last].record;
			const struct align_timeline_record *t =
				history_of(run, u);

			since = t && t->nevents ? &t->events[0] : NULL;
		}
		if (threshold == 1) {
			v = violation(run, rule, NULL, ALIGN_PEOPLE_FILE, since,
				      "no update from %s in %s", handle,
				      run->week.name);
		} else {
			v = violation(run, rule, NULL, ALIGN_PEOPLE_FILE, since,
				      "no update from %s in the last %lld "
				      "weeks (%s to %s)",
				      handle, (long long)threshold, oldest.name,
				      run->week.name);
		}
		v->line = roster->items[p].line;
		add_who(v, handle);
	}
}

/* An accepted decision whose revisit date has come: its deciders act. */
static void rule_decision_revisit(struct align_health_run *run,
				  const struct align_health_rule *rule,
				  int64_t threshold)
{
	const struct align_catalog *cat = run->opts->catalog;
	struct align_buf one = ALIGN_BUF_INIT;

	(void)threshold;
	for (size_t i = 0; i < cat->count; i++) {
		const struct align_entry *e = &cat->entries[i];
		const struct align_record *r = e->record;
		struct align_health_violation *v;
		const char *revisit, *deciders;
		struct align_date d;
		int64_t late;

		if (e->kind != &align_kind_decision || !r ||
		    !align_decision_revisit_due(r, &run->opts->today)) {
			continue;
		}
		revisit = field(r, "revisit");
		align_date_parse(&d, revisit);
		late = align_date_to_days(&run->opts->today) -
		       align_date_to_days(&d);
		v = violation(run, rule, align_record_id(r), e->path,
			      align_timeline_entered(history_of(run, r),
						     ALIGN_DECISION_ACCEPTED,
						     run->opts->now),
			      "decision '%s' was due for revisit on %s (%lld "
			      "day%s ago)",
			      align_record_id(r), revisit, (long long)late,
			      late == 1 ? "" : "s");
		v->line = align_record_line(r, "decision", NULL, "revisit");
		deciders = field(r, "deciders");
		for (const char *q = deciders ? deciders : ""; *q;) {
			size_t n;
			q += strspn(q, " ");
			n = strcspn(q, ",");
			align_buf_clear(&one);
			align_buf_add(&one, q, n);
			align_buf_rtrim(&one);
			add_who(v, one.ptr);
			q += n;
			q += *q == ',';
		}
		add_record(v, align_record_id(r));
	}
	align_buf_release(&one);
}

static const struct align_health_rule rules[] = {
	{ "approval-sla", ALIGN_SEV_ERROR, ALIGN_HEALTH_DURATION, "24h",
	  "a brief has waited in submitted for longer than this",
	  rule_approval_sla },
	{ "approval-queue", ALIGN_SEV_WARNING, ALIGN_HEALTH_COUNT, "2",
	  "this many briefs or more wait for approval at once",
	  rule_approval_queue },
	{ "launch-late", ALIGN_SEV_ERROR, ALIGN_HEALTH_DURATION, "3d",
	  "a brief not yet live is more than this past its due date",
	  rule_launch_late },
	{ "kr-stale", ALIGN_SEV_WARNING, ALIGN_HEALTH_NONE, NULL,
	  "a key result has had no check-in for longer than the [okr] "
	  "cadence",
	  rule_kr_stale },
	{ "kr-off-track", ALIGN_SEV_ERROR, ALIGN_HEALTH_WEEKS, "4",
	  "a key result is off track with fewer than this many weeks left",
	  rule_kr_off_track },
	{ "blocker-recurring", ALIGN_SEV_WARNING, ALIGN_HEALTH_WEEKS, "3",
	  "a blocker has been raised this many weeks running",
	  rule_blocker_recurring },
	{ "update-missing", ALIGN_SEV_WARNING, ALIGN_HEALTH_WEEKS, "2",
	  "a person on the roster has posted no update for this many weeks",
	  rule_update_missing },
	{ "decision-revisit", ALIGN_SEV_WARNING, ALIGN_HEALTH_NONE, NULL,
	  "an accepted decision's revisit date has come",
	  rule_decision_revisit },
	{ "step-sla", ALIGN_SEV_ERROR, ALIGN_HEALTH_NONE, NULL,
	  "a brief has waited longer than its workflow's launch approval "
	  "step's sla",
	  rule_step_sla },
	{ "raci-away", ALIGN_SEV_WARNING, ALIGN_HEALTH_NONE, NULL,
	  "a RACI step's Accountable is away today and no backup is there",
	  rule_raci_away },
};

const struct align_health_rule *align_health_rules(size_t *count)
{
	*count = sizeof(rules) / sizeof(rules[0]);
	return rules;
}

/* ---- settings ----------------------------------------------------------- */

int align_health_parse_duration(int64_t *out, const char *s)
{
	return align_duration_parse(out, s);
}

void align_health_format_duration(struct align_buf *out, int64_t s)
{
	long long d, h, m;

	if (s < 0) {
		s = 0;
	}
	d = s / 86400;
	h = s % 86400 / 3600;
	m = s % 3600 / 60;
	if (d) {
		align_buf_addf(out, "%lldd", d);
		if (h) {
			align_buf_addf(out, " %lldh", h);
		}
	} else if (h) {
		align_buf_addf(out, "%lldh", h);
		if (m) {
			align_buf_addf(out, " %lldm", m);
		}
	} else {
		align_buf_addf(out, "%lldm", m);
	}
}

/* A whole number from `min` to `max`; 0 or -1. */
static int parse_whole(int64_t *out, const char *s, int64_t min, int64_t max)
{
	size_t n = strspn(s, "0123456789");
	int64_t v = 0;

	if (n == 0 || n > 6 || s[n]) {
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
	}
	if (v < min || v > max) {
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_threshold(int64_t *out, enum align_health_unit unit,
			   const char *s)
{
	switch (unit) {
	case ALIGN_HEALTH_DURATION:
		return align_health_parse_duration(out, s);
	case ALIGN_HEALTH_COUNT:
		return parse_whole(out, s, 1, 999999);
	case ALIGN_HEALTH_WEEKS:
		return parse_whole(out, s, 1, 52);
	case ALIGN_HEALTH_NONE:
		break;
	}
	*out = 0;
	return 0;
}

static const char *unit_words(enum align_health_unit unit)
{
	switch (unit) {
	case ALIGN_HEALTH_DURATION:
		return "a duration such as 24h, 3d or 2w (hours, days, weeks)";
	case ALIGN_HEALTH_COUNT:
		return "a whole number of at least 1";
	case ALIGN_HEALTH_WEEKS:
		return "a whole number of weeks from 1 to 52";
	case ALIGN_HEALTH_NONE:
		break;
	}
	return "empty";
}

int align_health_settings(struct align_health_settings *out,
			  const struct align_repo *repo,
			  struct align_diags *problems)
{
	struct align_buf key = ALIGN_BUF_INIT;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	out->n = sizeof(rules) / sizeof(rules[0]);
	for (size_t i = 0; i < out->n; i++) {
		const struct align_health_rule *rule = &rules[i];
		struct align_health_setting *s = &out->rules[i];
		const char *v;

		s->severity = rule->severity;
		if (rule->threshold) {
			snprintf(s->text, sizeof(s->text), "%s", rule->threshold);
			parse_threshold(&s->threshold, rule->unit,
					rule->threshold);
		}
		v = repo && rule->unit != ALIGN_HEALTH_NONE
			    ? align_repo_config(repo, "health", rule->name, NULL)
			    : NULL;
		if (v && (strlen(v) >= sizeof(s->text) ||
			  parse_threshold(&s->threshold, rule->unit, v) < 0)) {
			align_diags_add(problems, ALIGN_CONFIG_FILE,
					align_repo_config_line(repo, "health",
							       rule->name),
					ALIGN_SEV_ERROR,
					"health.%s must be %s, not '%s'",
					rule->name, unit_words(rule->unit), v);
			parse_threshold(&s->threshold, rule->unit,
					rule->threshold);
			ret = ALIGN_EINVALID;
		} else if (v) {
			snprintf(s->text, sizeof(s->text), "%s", v);
		}
		align_buf_clear(&key);
		align_buf_addf(&key, "%s-severity", rule->name);
		v = repo ? align_repo_config(repo, "health", key.ptr, NULL)
			 : NULL;
		if (!v) {
			continue;
		}
		if (!strcmp(v, "error")) {
			s->severity = ALIGN_SEV_ERROR;
		} else if (!strcmp(v, "warning")) {
			s->severity = ALIGN_SEV_WARNING;
		} else if (!strcmp(v, "off")) {
			s->off = 1;
		} else {
			align_diags_add(problems, ALIGN_CONFIG_FILE,
					align_repo_config_line(repo, "health",
							       key.ptr),
					ALIGN_SEV_ERROR,
					"health.%s must be warning, error or "
					"off, not '%s'",
					key.ptr, v);
			ret = ALIGN_EINVALID;
		}
	}
	align_buf_release(&key);
	return ret;
}

/* ---- one walk, then the rules ------------------------------------------ */

/* Newest first: the first change of a key result seen is its last. */
static int see_checkin(const struct align_history_entry *e, void *payload)
{
	struct checkins *c = payload;
	const struct align_record *r = e->new_;
	const char *id;

	if (!r || strcmp(align_record_kind(r), "objective") ||
	    !(id = align_record_id(r))) {
		return 0;
	}
	for (size_t s = 0; s < r->ini.nsections; s++) {
		const struct align_ini_section *sec = &r->ini.sections[s];
		struct align_timeline_event ev;
		struct checkin *it;
		size_t i;

		if (strcmp(sec->name, "kr") || !sec->sub ||
		    !align_okr_board_checked_in(e->old, r, sec->sub)) {
			continue;
		}
		align_buf_clear(&c->scratch);
		align_buf_addf(&c->scratch, "%s#%s", id, sec->sub);
		if (align_idmap_get(&c->index, c->scratch.ptr, &i)) {
			continue;
		}
		ALIGN_ARRAY_GROW(c->items, c->alloc, c->n + 1);
		it = &c->items[c->n];
		it->key = align_strdup(c->scratch.ptr);
		memset(&ev, 0, sizeof(ev));
		memcpy(ev.commit, e->commit->id, sizeof(ev.commit));
		ev.state = "";
		ev.author = e->commit->author_name ? e->commit->author_name
						   : (char *)"";
		ev.email = e->commit->author_email ? e->commit->author_email
						   : (char *)"";
		ev.when = e->commit->author_time.seconds;
		event_copy(&it->ev, &ev);
		align_idmap_add(&c->index, it->key, c->n, NULL);
		c->n++;
	}
	return 0;
}

/* Who posted which week, and each person's latest update. */
static void index_catalog(struct align_health_run *run)
{
	const struct align_catalog *cat = run->opts->catalog;
	int64_t this_monday = align_date_to_days(&run->week.start);

	for (size_t i = 0; i < cat->count; i++) {
		const struct align_record *r = cat->entries[i].record;
		const char *id = r ? align_record_id(r) : NULL;
		const char *week, *person;
		struct align_period w;
		struct align_buf key = ALIGN_BUF_INIT;
		size_t k;
		int64_t monday;

		if (!id || !*id) {
			continue;
		}
		align_idmap_add(&run->ids, id, i, NULL);
		if (cat->entries[i].kind != &align_kind_update ||
		    strcmp(align_record_kind(r), align_kind_update.name) ||
		    !(week = field(r, "week")) || align_week_parse(&w, week) < 0 ||
		    (monday = align_date_to_days(&w.start)) > this_monday) {
			continue;
		}
		person = field(r, "person") ? field(r, "person") : id;
		align_buf_addf(&key, "%s\n%s", person, w.name);
		ALIGN_ARRAY_GROW(run->posted_keys, run->posted_alloc,
				 run->nposted + 1);
		run->posted_keys[run->nposted] = align_buf_detach(&key, NULL);
		if (align_idmap_add(&run->posted,
				    run->posted_keys[run->nposted], 0, NULL)) {
			run->nposted++;
		} else {
			free(run->posted_keys[run->nposted]);
		}
		if (align_idmap_get(&run->by_person, person, &k)) {
			if (monday > run->posters[k].last_monday) {
				run->posters[k].last = i;
				run->posters[k].last_monday = monday;
			}
			continue;
		}
		ALIGN_ARRAY_GROW(run->posters, run->posters_alloc,
				 run->nposters + 1);
		run->posters[run->nposters].person = person;
		run->posters[run->nposters].last = i;
		run->posters[run->nposters].last_monday = monday;
		align_idmap_add(&run->by_person, person, run->nposters, NULL);
		run->nposters++;
	}
}

static void run_release(struct align_health_run *run)
{
	align_timeline_release(&run->timeline);
	for (size_t i = 0; i < run->checkins.n; i++) {
		free(run->checkins.items[i].key);
		event_clear(&run->checkins.items[i].ev);
	}
	free(run->checkins.items);
	align_idmap_release(&run->checkins.index);
	align_buf_release(&run->checkins.scratch);
	align_blockers_release(&run->blockers);
	align_idmap_release(&run->ids);
	align_idmap_release(&run->posted);
	for (size_t i = 0; i < run->nposted; i++) {
		free(run->posted_keys[i]);
	}
	free(run->posted_keys);
	free(run->posters);
	align_idmap_release(&run->by_person);
}

int align_health_check(struct align_health_report *out,
		       struct align_repo *repo,
		       const struct align_health_opts *opts,
		       struct align_diags *warnings)
{
	const char *folders[ALIGN_KINDS_MAX + 1];
	struct align_health_settings defaults;
	const struct align_health_settings *settings = opts->settings;
	struct align_history_consumer consumers[2];
	struct align_history_opts ho;
	struct align_health_run run;
	int ret;

	memset(&run, 0, sizeof(run));
	run.out = out;
	run.opts = opts;
	run.repo = repo;
	align_buf_init(&run.checkins.scratch);
	align_timeline_init(&run.timeline);
	align_blockers_init(&run.blockers);
	if (!settings) {
		align_health_settings(&defaults, NULL, NULL);
		settings = &defaults;
	}
	align_okr_settings(&run.okr, repo);
	align_week_of(&run.week, &opts->today);

	/* History once: the records' states and the key results' check-ins. */
	align_history_opts_init(&ho);
	align_kind_folders(folders, repo);
	ho.folders = folders;
	ho.rev = opts->rev;
	consumers[0] = align_timeline_consumer(&run.timeline);
	memset(&consumers[1], 0, sizeof(consumers[1]));
	consumers[1].fn = see_checkin;
	consumers[1].payload = &run.checkins;
	ret = align_history_walk_many(repo, &ho, consumers, 2, warnings);
	if (ret < 0) {
		goto done;
	}
	align_timeline_finish(&run.timeline);
	align_blockers_load(&run.blockers, opts->catalog, &opts->today);
	index_catalog(&run);
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		run.setting = &settings->rules[i];
		if (!run.setting->off) {
			rules[i].fn(&run, &rules[i], run.setting->threshold);
		}
	}
	ret = 0;
done:
	run_release(&run);
	return ret;
}

size_t align_health_count_at_least(const struct align_health_report *report,
				   enum align_severity severity)
{
	size_t n = 0;

	for (size_t i = 0; i < report->n; i++) {
		/* ALIGN_SEV_ERROR is 0: lower is worse. */
		n += report->items[i].severity <= severity;
	}
	return n;
}

void align_health_report_release(struct align_health_report *report)
{
	for (size_t i = 0; i < report->n; i++) {
		struct align_health_violation *v = &report->items[i];

		free(v->record);
		free(v->path);
		for (size_t k = 0; k < v->nwho; k++) {
			free(v->who[k]);
		}
		free(v->who);
		for (size_t k = 0; k < v->nrecords; k++) {
			free(v->records[k]);
		}
		free(v->records);
		event_clear(&v->since);
		free(v->message);
	}
	free(report->items);
	memset(report, 0, sizeof(*report));
}
