#include "output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "util/error.h"
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

void json_init(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void indent(struct json *j)
{
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++) {
		fputs("  ", j->out);
	}
}

/* Before a value: a comma and a new line unless it follows a key. */
static void before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->need_comma[j->depth]) {
			fputc(',', j->out);
		}
		indent(j);
	}
	j->need_comma[j->depth] = 1;
}

static void open_(struct json *j, int c)
{
	before_value(j);
	fputc(c, j->out);
	if (j->depth < 31) {
		j->depth++;
	}
	j->need_comma[j->depth] = 0;
}

static void close_(struct json *j, int c)
{
	int had = j->need_comma[j->depth];
	j->depth--;
	if (had) {
		indent(j);
	}
	fputc(c, j->out);
}

void json_begin_object(struct json *j)
{
	open_(j, '{');
}

void json_end_object(struct json *j)
{
	close_(j, '}');
}

void json_begin_array(struct json *j)
{
	open_(j, '[');
}

void json_end_array(struct json *j)
{
	close_(j, ']');
}

static void json_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(out, "\\u%04x", c);
			} else {
				fputc(c, out);
			}
		}
	}
	fputc('"', out);
}

void json_key(struct json *j, const char *key)
{
	before_value(j);
	json_quoted(j->out, key);
	fputs(": ", j->out);
	j->after_key = 1;
}

void json_string(struct json *j, const char *value)
{
	before_value(j);
	json_quoted(j->out, value);
}

void json_int(struct json *j, long long value)
{
	before_value(j);
	fprintf(j->out, "%lld", value);
}

void json_null(struct json *j)
{
	before_value(j);
	fputs("null", j->out);
}

void json_raw(struct json *j, const char *literal)
{
	before_value(j);
	fputs(literal, j->out);
}

void json_number_text(struct json *j, const char *s)
{
	struct align_buf b = ALIGN_BUF_INIT;

	if (s && align_number_normalize(&b, s) == 0) {
		json_raw(j, b.ptr);
	} else {
		json_null(j);
	}
	align_buf_release(&b);
}

void json_finish(struct json *j)
{
	fputc('\n', j->out);
}

void csv_field(FILE *out, const char *value, int sep)
{
	if (strpbrk(value, ",\"\n\r")) {
		fputc('"', out);
		for (const char *s = value; *s; s++) {
			if (*s == '"') {
				fputc('"', out);
			}
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(value, out);
	}
	fputc(sep, out);
}

void table_init(struct table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

void table_add(struct table *t, const char *cell)
{
	ALIGN_ARRAY_GROW(t->cells, t->alloc, t->count + 1);
	t->cells[t->count++] = cell ? cell : "";
}

/* Display width: code points, which is right for the Latin text here. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++) {
		w += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return w;
}

void table_print(struct table *t, FILE *out)
{
	size_t *widths = align_calloc(t->ncols, sizeof(*widths));

	for (size_t i = 0; i < t->count; i++) {
		size_t w = width(t->cells[i]);
		if (w > widths[i % t->ncols]) {
			widths[i % t->ncols] = w;
		}
	}
	for (size_t i = 0; i < t->count; i++) {
		size_t col = i % t->ncols;
		fputs(t->cells[i], out);
		if (col + 1 == t->ncols) {
			fputc('\n', out);
		} else {
			for (size_t w = width(t->cells[i]); w < widths[col] + 2;
			     w++) {
				fputc(' ', out);
			}
		}
	}
	free(widths);
}

void table_release(struct table *t)
{
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* GitHub workflow commands need '%', CR and LF escaped. */
static void github_escape(FILE *out, const char *s, int property)
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

	align_printer_map_key(p, "path");
	align_printer_string(p, entry->path);
	align_printer_map_key(p, "kind");
	align_printer_string(p, align_record_kind(r));
	align_printer_map_key(p, "title");
	align_printer_string(p, r->title);
	/* The kind's own section: flat. */
	for (size_t f = 0; f < ini->nfields; f++) {
		if (ini->fields[f].section == 0 &&
		    strcmp(ini->fields[f].key, "path") &&
		    strcmp(ini->fields[f].key, "kind") &&
		    strcmp(ini->fields[f].key, "title")) {
			align_printer_map_key(p, ini->fields[f].key);
			align_printer_string(p, ini->fields[f].value);
		}
	}
	/* Other sections: "name": {"sub": {...}} or "name": {...}. */
	for (size_t s = 1; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		int first_of_name = 1;

		for (size_t q = 1; q < s; q++) {
			if (!strcmp(ini->sections[q].name, sec->name)) {
				first_of_name = 0;
			}
		}
		if (!first_of_name) {
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
			for (size_t f = 0; f < ini->nfields; f++) {
				if (ini->fields[f].section == t) {
					align_printer_map_key(
						p, ini->fields[f].key);
					align_printer_string(
						p, ini->fields[f].value);
				}
			}
			if (cur->sub) {
				align_printer_end(p);
			}
		}
		align_printer_end(p);
	}
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
		align_printer_begin_map(p);
		align_printer_map_key(p, "section");
		align_printer_string(p, ev->section);
		align_printer_map_key(p, "sub");
		align_printer_string(p, ev->sub);
		align_printer_map_key(p, "key");
		align_printer_string(p, ev->key);
		align_printer_map_key(p, "old");
		align_printer_string(p, ev->old_value);
		align_printer_map_key(p, "new");
		align_printer_string(p, ev->new_value);
		align_printer_end(p);
	} else {
		align_printer_null(p);
	}
	align_printer_end(p);
}
