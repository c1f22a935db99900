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

/* "-" is how the history says a key result has no unit. */
static const char *unit_or_null(const char *unit)
{
	return unit && *unit && strcmp(unit, "-") ? unit : NULL;
}

/*
 * One value as a map: JSON has every member; CSV's row leaves out `time`
 * and `email`, its columns since the first release.
 */
static void value_print(struct align_printer *p,
			const struct align_okr_value *v, int csv)
{
	char date[ALIGN_DATE_STRLEN];
	struct align_date d;

	align_time_date(&d, &v->when);
	align_date_format(date, &d);
	align_printer_begin_map(p);
	align_printer_map_key(p, "date");
	align_printer_string(p, date);
	if (!csv) {
		align_printer_map_key(p, "time");
		align_printer_integer(p, (long long)v->when.seconds);
	}
	align_printer_map_key(p, "who");
	align_printer_string(p, v->who);
	if (!csv) {
		align_printer_map_key(p, "email");
		align_printer_string(p, v->email);
	}
	align_printer_map_key(p, "commit");
	align_printer_string(p, v->commit);
	align_printer_map_key(p, "value");
	align_printer_number_text(p, v->value);
	align_printer_map_key(p, "unit");
	align_printer_string(p, unit_or_null(v->unit));
	align_printer_map_key(p, "confidence");
	align_printer_number_text(p, v->confidence);
	align_printer_map_key(p, "note");
	align_printer_string(p, v->note);
	align_printer_map_key(p, "late");
	align_printer_boolean(p, v->late);
	align_printer_end(p);
}

/*
 * Text: one line a value, "date  value unit  who  commit  confidence c
 * note (late)".
 */
static void value_line(struct align_printer *p,
		       const struct align_okr_value *v)
{
	char date[ALIGN_DATE_STRLEN];
	struct align_date d;
	const char *unit = unit_or_null(v->unit);

	align_time_date(&d, &v->when);
	align_date_format(date, &d);
	align_printer_textf(p, "%s  ", date);
	align_printer_number_text(p, v->value);
	if (unit) {
		align_printer_text(p, " ");
		align_printer_string(p, unit);
	}
	align_printer_text(p, "  ");
	align_printer_string(p, v->who);
	align_printer_text(p, "  ");
	align_printer_string_len(p, v->commit, strnlen(v->commit, 7));
	align_printer_text(p, "  ");
	if (v->confidence) {
		align_printer_text(p, "confidence ");
		align_printer_number_text(p, v->confidence);
		if (*v->note) {
			align_printer_text(p, "  ");
		}
	}
	align_printer_string(p, v->note);
	if (v->late) {
		align_printer_text(p, "  (late)");
	}
	align_printer_separator(p);
}

/* The values, oldest first: {"values": [...]} in JSON, rows in CSV. */
static void print_values(const struct align_okr_history *h,
			 const char *format)
{
	struct align_printer *p = printer_for(format);
	int text = align_printer_format(p) == ALIGN_PRINTER_TEXT;
	int csv = align_printer_format(p) == ALIGN_PRINTER_CSV;

	align_printer_begin_map(p);
	align_printer_map_key(p, "values");
	align_printer_begin_list(p);
	for (size_t i = 0; i < h->count; i++) {
		if (text) {
			value_line(p, &h->items[i]);
		} else {
			value_print(p, &h->items[i], csv);
		}
	}
	align_printer_end(p);
	align_printer_end(p);
	align_printer_free(p);
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
	print_values(&h, format);
done:
	align_okr_history_release(&h);
	free(ref);
	align_people_release(&people);
	align_diags_clear(&warnings);
	align_catalog_release(&cat);
	align_buf_release(&err);
	return status;
}

