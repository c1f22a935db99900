/* align okr history: every value a key result has had, from git. */
#include "align.h"
#include "okr/verbs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "history.h"
#include "okr.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

/* ---- history ----------------------------------------------------------- */

struct kr_value {
	char commit[ALIGN_OID_HEXSZ + 1];
	struct align_time when;
	char *who;
	char *email;
	char *value;
	char *confidence; /* NULL when not given */
	char *unit;
	char *note;
	int late;
};

struct kr_history {
	const char *kr;
	const struct align_people *people;
	struct kr_value *items;
	size_t count;
	size_t alloc;
};

/*
 * The note of a check-in: the body an align commit carries (between the
 * summary and the trailers), or the summary of a plain git commit.
 */
static char *commit_note(const char *message, int *late)
{
	const char *body = strstr(message, "\n\n");
	struct align_buf out = ALIGN_BUF_INIT;
	int align_commit = !strncmp(message, "okr: ", 5);

	*late = strstr(message, "\nAlign-Late-Checkin: ") != NULL;
	if (!align_commit) {
		align_buf_add(&out, message, strcspn(message, "\n"));
		return align_buf_detach(&out, NULL);
	}
	while (body && *body) {
		const char *para;
		size_t n;

		while (*body == '\n') {
			body++;
		}
		para = body;
		body = strstr(para, "\n\n");
		n = body ? (size_t)(body - para) : strlen(para);
		if (!strncmp(para, "Align-", 6)) {
			break; /* the trailers */
		}
		if (out.len) {
			align_buf_addch(&out, ' ');
		}
		for (size_t i = 0; i < n; i++) {
			align_buf_addch(&out, para[i] == '\n' ? ' ' : para[i]);
		}
	}
	align_buf_rtrim(&out);
	return align_buf_detach(&out, NULL);
}

static int collect_kr(const struct align_history_entry *e, void *payload)
{
	struct kr_history *h = payload;
	const char *now, *was = NULL, *conf;
	const struct align_person *p;
	struct kr_value *v;

	if (!e->new_ || align_ini_find_section(&e->new_->ini, "kr", h->kr) < 0) {
		return 0;
	}
	now = align_record_get(e->new_, "kr", h->kr, "current");
	if (e->old && align_ini_find_section(&e->old->ini, "kr", h->kr) >= 0) {
		was = align_record_get(e->old, "kr", h->kr, "current");
		if (was && now && !strcmp(was, now)) {
			return 0;
		}
	}
	if (!now || !*now) {
		return 0;
	}
	conf = align_record_get(e->new_, "kr", h->kr, "confidence");
	p = align_people_by_email(h->people, e->commit->author_email);
	ALIGN_ARRAY_GROW(h->items, h->alloc, h->count + 1);
	v = &h->items[h->count++];
	memset(v, 0, sizeof(*v));
	memcpy(v->commit, e->commit->id, sizeof(v->commit));
	v->when = e->commit->author_time;
	v->who = align_strdup(p ? p->handle : e->commit->author_name);
	v->email = align_strdup(e->commit->author_email);
	v->value = align_strdup(now);
	v->confidence = conf && *conf ? align_strdup(conf) : NULL;
	v->unit = align_strdup(okr_or_dash(align_record_get(e->new_, "kr", h->kr,
							"unit")));
	v->note = commit_note(e->commit->message, &v->late);
	return 0;
}

int okr_history(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align okr history <okr>#<kr> [--since <date>] [--until <date>] "
		"[--format <format>]",
		NULL,
	};
	static const char *const formats[] = { "text", "json", "csv", NULL };
	const char *since = NULL, *until = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "since", &since, "<date>",
		  "only values from this day on", NULL },
		{ OPT_STRING, 0, "until", &until, "<date>",
		  "only values up to this day", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json or csv", formats },
		OPT_END_(),
	};
	const char *folders[2] = { NULL, NULL };
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_history_opts ho;
	struct kr_history h;
	struct align_buf err = ALIGN_BUF_INIT;
	const struct align_entry *e = NULL;
	struct align_date d;
	char *ref = NULL, *kr;
	int n, ret, status = EXIT_OK;

	memset(&h, 0, sizeof(h));
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("give one key result: align okr history <okr>#<kr>");
		return EXIT_USAGE;
	}
	align_history_opts_init(&ho);
	if (since) {
		if (parse_day_option(&d, "since", since, ctx) < 0) {
			return EXIT_USAGE;
		}
		ho.since = align_date_to_days(&d) * 86400;
	}
	if (until) {
		if (parse_day_option(&d, "until", until, ctx) < 0) {
			return EXIT_USAGE;
		}
		ho.until = align_date_to_days(&d) * 86400 + 86399;
	}
	ref = align_strdup(argv[0]);
	if (okr_split_ref(ref, &kr) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	ret = align_catalog_find(&e, &cat, ctx->repo, &align_kind_okr, ref,
				 &err);
	if (ret == 0) {
		ho.id = align_record_id(e->record);
	} else if (ret == ALIGN_ENOTFOUND && align_id_valid(ref)) {
		ho.id = ref; /* an objective deleted since */
	} else {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	if (e && align_ini_find_section(&e->record->ini, "kr", kr) < 0) {
		error_msg("objective '%s' has no key result '%s'", ho.id, kr);
		status = EXIT_FINDINGS;
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &warnings) < 0) {
		align_people_release(&people);
	}
	align_diags_clear(&warnings);
	folders[0] = align_kind_folder(&align_kind_okr, ctx->repo);
	ho.folders = folders;
	h.kr = kr;
	h.people = &people;
	if (align_history_walk(ctx->repo, &ho, collect_kr, &h, &warnings) < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	if (!strcmp(format, "json")) {
		struct json j;
		json_init(&j, stdout);
		json_begin_array(&j);
	for (size_t i = h.count; i-- > 0;) {
			const struct kr_value *v = &h.items[i];
			char date[ALIGN_DATE_STRLEN];
			align_time_date(&d, &v->when);
			align_date_format(date, &d);
			json_begin_object(&j);
			json_key(&j, "date");
			json_string(&j, date);
			json_key(&j, "time");
			json_int(&j, (long long)v->when.seconds);
			json_key(&j, "who");
			json_string(&j, v->who);
			json_key(&j, "email");
			json_string(&j, v->email);
			json_key(&j, "commit");
			json_string(&j, v->commit);
			json_key(&j, "value");
			json_raw(&j, v->value);
			json_key(&j, "unit");
			json_string(&j, v->unit);
			json_key(&j, "confidence");
			if (v->confidence) {
				json_raw(&j, v->confidence);
			} else {
				json_null(&j);
			}
			json_key(&j, "note");
			json_string(&j, v->note);
			json_key(&j, "late");
			json_raw(&j, v->late ? "true" : "false");
			json_end_object(&j);
		}
		json_end_array(&j);
		json_finish(&j);
	} else if (!strcmp(format, "csv")) {
		fputs("date,who,commit,value,unit,confidence,note,late\n",
		      stdout);
		for (size_t i = h.count; i-- > 0;) {
			const struct kr_value *v = &h.items[i];
			char date[ALIGN_DATE_STRLEN];
			align_time_date(&d, &v->when);
			align_date_format(date, &d);
			csv_field(stdout, date, ',');
			csv_field(stdout, v->who, ',');
			csv_field(stdout, v->commit, ',');
			csv_field(stdout, v->value, ',');
			csv_field(stdout, v->unit, ',');
			csv_field(stdout, v->confidence ? v->confidence : "",
				  ',');
			csv_field(stdout, v->note, ',');
			csv_field(stdout, v->late ? "yes" : "no", '\n');
		}
	} else {
		for (size_t i = h.count; i-- > 0;) {
			const struct kr_value *v = &h.items[i];
			char date[ALIGN_DATE_STRLEN];
			align_time_date(&d, &v->when);
			align_date_format(date, &d);
			printf("%s  %s%s%s  %s  %.7s  %s%s%s%s%s\n", date,
			       v->value, strcmp(v->unit, "-") ? " " : "",
			       strcmp(v->unit, "-") ? v->unit : "", v->who,
			       v->commit,
			       v->confidence ? "confidence " : "",
			       v->confidence ? v->confidence : "",
			       v->confidence && *v->note ? "  " : "", v->note,
			       v->late ? "  (late)" : "");
		}
	}
done:
	for (size_t i = 0; i < h.count; i++) {
		free(h.items[i].who);
		free(h.items[i].email);
		free(h.items[i].value);
		free(h.items[i].confidence);
		free(h.items[i].unit);
		free(h.items[i].note);
	}
	free(h.items);
	free(ref);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	align_buf_release(&err);
	return status;
}

