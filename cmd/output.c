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

void diags_print(FILE *out, const struct align_diags *diags,
		 const char *format, int color)
{
	struct json j;

	if (!strcmp(format, "json")) {
		json_init(&j, out);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < diags->count; i++) {
		const struct align_diag *d = &diags->items[i];
		const char *sev = d->severity == ALIGN_SEV_ERROR ? "error"
								 : "warning";

		if (!strcmp(format, "github")) {
			fprintf(out, "::%s file=", sev);
			github_escape(out, d->path, 1);
			if (d->line) {
				fprintf(out, ",line=%zu", d->line);
			}
			fputs("::", out);
			github_escape(out, d->message, 0);
			fputc('\n', out);
		} else if (!strcmp(format, "json")) {
			json_begin_object(&j);
			json_key(&j, "path");
			json_string(&j, d->path);
			json_key(&j, "line");
			if (d->line) {
				json_int(&j, (long long)d->line);
			} else {
				json_null(&j);
			}
			json_key(&j, "severity");
			json_string(&j, sev);
			json_key(&j, "message");
			json_string(&j, d->message);
			json_end_object(&j);
		} else {
			fputs(d->path, out);
			if (d->line) {
				fprintf(out, ":%zu", d->line);
			}
			if (color) {
				fprintf(out, ": %s%s\033[m: %s\n",
					d->severity == ALIGN_SEV_ERROR
						? "\033[1;31m"
						: "\033[1;33m",
					sev, d->message);
			} else {
				fprintf(out, ": %s: %s\n", sev, d->message);
			}
		}
	}
	if (!strcmp(format, "json")) {
		json_end_array(&j);
		json_finish(&j);
	}
}

void record_json(struct json *j, const struct align_entry *entry)
{
	json_begin_object(j);
	record_json_members(j, entry);
	json_end_object(j);
}

void record_json_members(struct json *j, const struct align_entry *entry)
{
	const struct align_record *r = entry->record;
	const struct align_ini *ini = &r->ini;

	json_key(j, "path");
	json_string(j, entry->path);
	json_key(j, "kind");
	json_string(j, align_record_kind(r));
	json_key(j, "title");
	if (r->title) {
		json_string(j, r->title);
	} else {
		json_null(j);
	}
	/* The kind's own section: flat. */
	for (size_t f = 0; f < ini->nfields; f++) {
		if (ini->fields[f].section == 0 &&
		    strcmp(ini->fields[f].key, "path") &&
		    strcmp(ini->fields[f].key, "kind") &&
		    strcmp(ini->fields[f].key, "title")) {
			json_key(j, ini->fields[f].key);
			json_string(j, ini->fields[f].value);
		}
	}
	/* Other sections: "name": {"sub": {...}} or "name": {...}. */
	for (size_t s = 1; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		int first_of_name = 1;

		for (size_t p = 1; p < s; p++) {
			if (!strcmp(ini->sections[p].name, sec->name)) {
				first_of_name = 0;
			}
		}
		if (!first_of_name) {
			continue;
		}
		json_key(j, sec->name);
		json_begin_object(j);
		for (size_t t = s; t < ini->nsections; t++) {
			const struct align_ini_section *cur = &ini->sections[t];
			if (strcmp(cur->name, sec->name)) {
				continue;
			}
			if (cur->sub) {
				json_key(j, cur->sub);
				json_begin_object(j);
			}
			for (size_t f = 0; f < ini->nfields; f++) {
				if (ini->fields[f].section == t) {
					json_key(j, ini->fields[f].key);
					json_string(j, ini->fields[f].value);
				}
			}
			if (cur->sub) {
				json_end_object(j);
			}
		}
		json_end_object(j);
	}
}
