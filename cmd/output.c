#include "output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "util/error.h"
#include "util/idmap.h"
#include "util/banned.h"

__attribute__((format(printf, 2, 0))) static void vmsg(const char *level,
							  const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "align: %s: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("error", fmt, ap);
	va_end(ap);
}

void warning_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("warning", fmt, ap);
	va_end(ap);
}

int exit_for(int code)
{
	switch (code) {
	case 0:
		return EXIT_OK;
	case ALIGN_EEXISTS:
	case ALIGN_EREFUSED:
	case ALIGN_ECONFLICT:
	case ALIGN_ENOTFOUND:
	case ALIGN_EINVALID:
		return EXIT_FINDINGS;
	default:
		return EXIT_FATAL;
	}
}

int fail_with(int code, const char *message)
{
	error_msg("%s", message);
	return exit_for(code);
}

void github_escape(FILE *out, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%') {
			fputs("%25", out);
		} else if (*s == '\r') {
			fputs("%0D", out);
		} else if (*s == '\n') {
			fputs("%0A", out);
		} else if (property && *s == ':') {
			fputs("%3A", out);
		} else if (property && *s == ',') {
			fputs("%2C", out);
		} else {
			fputc(*s, out);
		}
	}
}

struct align_printer *printer_for(const char *format)
{
	enum align_printer_format f = ALIGN_PRINTER_TEXT;

	if (format && align_printer_format_parse(&f, format) < 0) {
		f = ALIGN_PRINTER_TEXT;
	}
	return align_printer_new(stdout, f);
}

static void print_github(FILE *out, const struct align_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct align_diag *d = &diags->items[i];

		fprintf(out, "::%s file=",
			d->severity == ALIGN_SEV_ERROR ? "error" : "warning");
		github_escape(out, d->path, 1);
		if (d->line) {
			fprintf(out, ",line=%zu", d->line);
		}
		fputs("::", out);
		github_escape(out, d->message, 0);
		fputc('\n', out);
	}
}

void diags_print(FILE *out, const struct align_diags *diags,
		 const char *format, int color)
{
	struct align_printer *p;
	int json = !strcmp(format, "json");

	if (!strcmp(format, "github")) {
		print_github(out, diags);
		return;
	}
	p = align_printer_new(out, json ? ALIGN_PRINTER_JSON
					: ALIGN_PRINTER_TEXT);
	align_printer_begin_map(p);
	align_printer_map_key(p, "diagnostics");
	align_printer_begin_list(p);
	for (size_t i = 0; i < diags->count; i++) {
		const struct align_diag *d = &diags->items[i];
		const char *sev = d->severity == ALIGN_SEV_ERROR ? "error"
								 : "warning";

		if (!json) {
			/* Text: one line, not a table. */
			align_printer_string(p, d->path);
			if (d->line) {
				align_printer_textf(p, ":%zu", d->line);
			}
			align_printer_textf(p, ": %s%s%s: ",
					    !color ? ""
					    : d->severity == ALIGN_SEV_ERROR
						    ? "\033[1;31m"
						    : "\033[1;33m",
					    sev, color ? "\033[m" : "");
			align_printer_string(p, d->message);
			align_printer_separator(p);
			continue;
		}
		align_printer_begin_map(p);
		align_printer_map_key(p, "path");
		align_printer_string(p, d->path);
		align_printer_map_key(p, "line");
		if (d->line) {
			align_printer_integer(p, (long long)d->line);
		} else {
			align_printer_null(p);
		}
		align_printer_map_key(p, "severity");
		align_printer_string(p, sev);
		align_printer_map_key(p, "message");
		align_printer_string(p, d->message);
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	align_printer_free(p);
}

void record_print(struct align_printer *p, const struct align_entry *entry)
{
	align_printer_begin_map(p);
	record_print_members(p, entry);
	align_printer_end(p);
}

void record_print_members(struct align_printer *p,
			  const struct align_entry *entry)
{
	const struct align_record *r = entry->record;
	const struct align_ini *ini = &r->ini;
	struct align_idmap names = ALIGN_IDMAP_INIT;

	align_printer_map_key(p, "path");
	align_printer_string(p, entry->path);
	align_printer_map_key(p, "kind");
	align_printer_string(p, align_record_kind(r));
	align_printer_map_key(p, "title");
	align_printer_string(p, r->title);
	/* The kind's own section: flat. */
	for (size_t f = ini->sections[0].first_field;
	     f < ini->sections[0].first_field + ini->sections[0].nfields; f++) {
		if (strcmp(ini->fields[f].key, "path") &&
		    strcmp(ini->fields[f].key, "kind") &&
		    strcmp(ini->fields[f].key, "title")) {
			align_printer_map_key(p, ini->fields[f].key);
			align_printer_string(p, ini->fields[f].value);
		}
	}
	/* Other sections: "name": {"sub": {...}} or "name": {...}. */
	for (size_t s = 1; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];

		/* Each name once, where it first stands (a few names). */
		if (!align_idmap_add(&names, sec->name, s, NULL)) {
			continue;
		}
		align_printer_map_key(p, sec->name);
		align_printer_begin_map(p);
		for (size_t t = s; t < ini->nsections; t++) {
			const struct align_ini_section *cur = &ini->sections[t];
			if (strcmp(cur->name, sec->name)) {
				continue;
			}
			if (cur->sub) {
				align_printer_map_key(p, cur->sub);
				align_printer_begin_map(p);
			}
			for (size_t f = cur->first_field;
			     f < cur->first_field + cur->nfields; f++) {
				align_printer_map_key(p, ini->fields[f].key);
				align_printer_string(p, ini->fields[f].value);
			}
			if (cur->sub) {
				align_printer_end(p);
			}
		}
		align_printer_end(p);
	}
	align_idmap_release(&names);
}

void field_change_print(struct align_printer *p, const char *section,
			const char *sub, const char *key, const char *old,
			const char *new_)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "section");
	align_printer_string(p, section);
	align_printer_map_key(p, "sub");
	align_printer_string(p, sub);
	align_printer_map_key(p, "key");
	align_printer_string(p, key);
	align_printer_map_key(p, "old");
	align_printer_string(p, old);
	align_printer_map_key(p, "new");
	align_printer_string(p, new_);
	align_printer_end(p);
}

void event_print(struct align_printer *p, const struct align_event *ev)
{
	char date[ALIGN_DATE_STRLEN];
	struct align_date d;

	align_time_date(&d, &ev->when);
	align_date_format(date, &d);
	align_printer_begin_map(p);
	align_printer_map_key(p, "date");
	align_printer_string(p, date);
	align_printer_map_key(p, "time");
	align_printer_integer(p, (long long)ev->when.seconds);
	align_printer_map_key(p, "who");
	align_printer_string(p, ev->who);
	align_printer_map_key(p, "email");
	align_printer_string(p, ev->email);
	align_printer_map_key(p, "commit");
	align_printer_string(p, ev->commit);
	align_printer_map_key(p, "kind");
	align_printer_string(p, ev->kind);
	align_printer_map_key(p, "id");
	align_printer_string(p, ev->id);
	align_printer_map_key(p, "path");
	align_printer_string(p, ev->path);
	align_printer_map_key(p, "action");
	align_printer_string(p, align_event_action(ev));
	align_printer_map_key(p, "text");
	align_printer_string(p, ev->text);
	align_printer_map_key(p, "note");
	align_printer_string(p, ev->note);
	align_printer_map_key(p, "field");
	if (ev->key) {
		field_change_print(p, ev->section, ev->sub, ev->key,
				   ev->old_value, ev->new_value);
	} else {
		align_printer_null(p);
	}
	align_printer_end(p);
}
