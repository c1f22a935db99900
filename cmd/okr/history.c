/* align okr history: every value a key result has had, from git. */
#include "align.h"
#include "okr/verbs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "okr.h"
#include "okr-history.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

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
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags warnings = ALIGN_DIAGS_INIT;
	struct align_okr_history h = ALIGN_OKR_HISTORY_INIT;
	int64_t from = INT64_MIN, to = INT64_MAX;
	const char *id;
	struct align_buf err = ALIGN_BUF_INIT;
	const struct align_entry *e = NULL;
	struct align_date d;
	char *ref = NULL, *kr;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("give one key result: align okr history <okr>#<kr>");
		return EXIT_USAGE;
	}
	if (since) {
		if (parse_day_option(&d, "since", since, ctx) < 0) {
			return EXIT_USAGE;
		}
		from = align_date_to_days(&d) * 86400;
	}
	if (until) {
		if (parse_day_option(&d, "until", until, ctx) < 0) {
			return EXIT_USAGE;
		}
		to = align_date_to_days(&d) * 86400 + 86399;
	}
	ref = align_strdup(argv[0]);
	if (okr_split_ref(ref, &kr) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if ((status = load_catalog_for(ctx, &cat, &align_kind_okr, ref)) !=
	    0) {
		goto done;
	}
	ret = align_catalog_find(&e, &cat, ctx->repo, &align_kind_okr, ref,
				 &err);
	if (ret == 0) {
		id = align_record_id(e->record);
	} else if (ret == ALIGN_ENOTFOUND && align_id_valid(ref)) {
		id = ref; /* an objective deleted since */
	} else {
		status = fail_with(ret, err.ptr);
		goto done;
	}
	if (e && align_ini_find_section(&e->record->ini, "kr", kr) < 0) {
		error_msg("objective '%s' has no key result '%s'", id, kr);
		status = EXIT_FINDINGS;
		goto done;
	}
	if (align_people_load(&people, ctx->repo, &warnings) < 0) {
		align_people_release(&people);
	}
	align_diags_clear(&warnings);
	if (align_okr_history_load(&h, ctx->repo, id, e ? e->path : NULL, kr,
				   from, to, &people,
				   &warnings) < 0) {
		status = fail_with(ALIGN_ERROR, align_repo_error(ctx->repo));
		goto done;
	}
	print_history_warnings(&warnings);
	if (!strcmp(format, "json")) {
		struct json j;
		json_init(&j, stdout);
		json_begin_array(&j);
	for (size_t i = 0; i < h.count; i++) {
			const struct align_okr_value *v = &h.items[i];
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
			json_number_text(&j, v->value);
			json_key(&j, "unit");
			json_string(&j, v->unit);
			json_key(&j, "confidence");
			if (v->confidence) {
				json_number_text(&j, v->confidence);
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
		for (size_t i = 0; i < h.count; i++) {
			const struct align_okr_value *v = &h.items[i];
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
		for (size_t i = 0; i < h.count; i++) {
			const struct align_okr_value *v = &h.items[i];
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
	align_okr_history_release(&h);
	free(ref);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	align_buf_release(&err);
	return status;
}

