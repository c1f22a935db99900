#include "printer.h"
#include "text.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/*
 * The core keeps the nesting and the tables; a back end is a table of
 * operations (struct ops), so another one (HTML) is one more table and
 * no caller changes.
 */

enum scalar_type { S_STRING, S_NUMBER, S_BOOL, S_NULL };

/* A scalar: strings as given (escaped by the back end), numbers in JSON's
 * grammar, booleans as 0/1. */
struct scalar {
	enum scalar_type type;
	const char *s;
	size_t len;
	int b;
};

struct frame {
	int map;
	size_t count; /* values written in it */
};

/* A table being collected (text, Markdown, CSV). */
struct table {
	size_t depth; /* the list's depth; 0 when no table is open */
	char **cells; /* escaped, owned */
	size_t count, alloc;
	size_t *row_len; /* cells per row */
	size_t nrows, rows_alloc;
	char **keys; /* of the first row, owned */
	size_t nkeys, keys_alloc;
};

struct align_printer;

struct ops {
	void (*begin)(struct align_printer *p, int map);
	void (*end)(struct align_printer *p, int map);
	void (*key)(struct align_printer *p, const char *key);
	void (*scalar)(struct align_printer *p, const struct scalar *v);
	/* A cell of a table row, escaped for the format. */
	void (*cell)(struct align_buf *out, const struct scalar *v);
	void (*flush)(struct align_printer *p);
	void (*text)(struct align_printer *p, const char *s);
	void (*finish)(struct align_printer *p);
};

struct align_printer {
	FILE *out;
	enum align_printer_format format;
	const struct ops *ops;
	struct frame *stack;
	size_t depth, alloc;
	int after_key;     /* JSON: the value follows its key */
	const char *key;   /* human formats: the pending key (borrowed) */
	size_t skip;       /* human formats: depth of a skipped container */
	int header_done;   /* CSV: one header per document */
	struct table t;
};

/* ---- escaping ------------------------------------------------------------ */

void align_printer_escape_text(struct align_buf *out, const char *str,
			       size_t len, int in_cell)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = align_utf8_decode(s + i, len - i, &cp);

		if (!n) {
			align_buf_addf(out, "\\x%02x", s[i]);
			i++;
			continue;
		}
		if (cp == '\n' || cp == '\t') {
			if (in_cell) {
				align_buf_adds(out, cp == '\n' ? "\\n" : "\\t");
			} else {
				align_buf_addch(out, (int)cp);
			}
		} else if (cp == 0x1b) {
			align_buf_adds(out, "\\e");
		} else if (cp == '\r') {
			align_buf_adds(out, "\\r");
		} else if (cp == '\b') {
			align_buf_adds(out, "\\b");
		} else if (cp < 0x20 || cp == 0x7f) {
			align_buf_addf(out, "\\x%02x", cp);
		} else if ((cp >= 0x80 && cp <= 0x9f) || align_cp_is_bidi(cp)) {
			align_buf_addf(out, "<U+%04X>", cp);
		} else {
			align_buf_add(out, s + i, n);
		}
		i += n;
	}
}

void align_printer_escape_md(struct align_buf *out, const char *s, size_t len,
			     int in_cell)
{
	struct align_buf t = ALIGN_BUF_INIT;
	/* A table cell cannot open a list or a heading. */
	int line_start = !in_cell;

	align_printer_escape_text(&t, s, len, in_cell);
	for (size_t i = 0; i < t.len; i++) {
		char c = t.ptr[i];

		if (c == '\n') {
			align_buf_addch(out, c);
			line_start = 1;
			continue;
		}
		if (strchr("\\`*_[]<>|~#!&", c) ||
		    (line_start && strchr("-+=", c))) {
			align_buf_addch(out, '\\');
		} else if (line_start && c >= '0' && c <= '9') {
			/* "1." or "1)" opening a line would start a list. */
			size_t j = i;
			while (j < t.len && t.ptr[j] >= '0' && t.ptr[j] <= '9') {
				j++;
			}
			align_buf_add(out, t.ptr + i, j - i);
			if (j < t.len && (t.ptr[j] == '.' || t.ptr[j] == ')')) {
				align_buf_addch(out, '\\');
			}
			i = j - 1;
			line_start = 0;
			continue;
		}
		if (c != ' ') {
			line_start = 0;
		}
		align_buf_addch(out, c);
	}
	align_buf_release(&t);
}

static void escape_json(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	fputc('"', out);
	while (i < len) {
		unsigned cp;
		size_t n = align_utf8_decode(s + i, len - i, &cp);

		if (!n) {
			fputs("\\ufffd", out); /* not UTF-8 */
			i++;
			continue;
		}
		switch (cp) {
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
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		default:
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
			    cp == 0x2028 || cp == 0x2029 || align_cp_is_bidi(cp)) {
				fprintf(out, "\\u%04x", cp);
			} else {
				fwrite(s + i, 1, n, out);
			}
		}
		i += n;
	}
	fputc('"', out);
}

int align_number_normalize(struct align_buf *out, const char *s)
{
	const char *p = s, *int_start, *int_end, *frac = NULL, *frac_end;
	size_t before = out->len;

	if (strlen(s) > 64) {
		return -1;
	}
	if (*p == '-') {
		p++;
	}
	int_start = p;
	p += strspn(p, "0123456789");
	int_end = p;
	if (int_end == int_start) {
		return -1;
	}
	if (*p == '.') {
		frac = ++p;
		p += strspn(p, "0123456789");
		if (p == frac) {
			return -1;
		}
	}
	if (*p) {
		return -1;
	}
	frac_end = p;
	while (int_start + 1 < int_end && *int_start == '0') {
		int_start++;
	}
	if (frac) {
		while (frac_end > frac && frac_end[-1] == '0') {
			frac_end--;
		}
	}
	if (*s == '-') {
		align_buf_addch(out, '-');
	}
	align_buf_add(out, int_start, (size_t)(int_end - int_start));
	if (frac && frac_end > frac) {
		align_buf_addch(out, '.');
		align_buf_add(out, frac, (size_t)(frac_end - frac));
	}
	if (!strcmp(out->ptr + before, "-0")) {
		align_buf_setlen(out, before);
		align_buf_addch(out, '0');
	}
	return 0;
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_newline(struct align_printer *p)
{
	fputc('\n', p->out);
	for (size_t i = 0; i < p->depth; i++) {
		fputs("  ", p->out);
	}
}

/* Before a value or a key: the comma and the line, unless after a key. */
static void json_before(struct align_printer *p)
{
	if (p->after_key) {
		p->after_key = 0;
		return;
	}
	if (p->depth > 0) {
		if (p->stack[p->depth - 1].count) {
			fputc(',', p->out);
		}
		json_newline(p);
	}
}

static void json_begin(struct align_printer *p, int map)
{
	json_before(p);
	fputc(map ? '{' : '[', p->out);
}

static void json_end(struct align_printer *p, int map)
{
	/* p->depth is already the parent's. */
	if (p->stack[p->depth].count) {
		json_newline(p);
	}
	fputc(map ? '}' : ']', p->out);
}

static void json_key(struct align_printer *p, const char *key)
{
	json_before(p);
	escape_json(p->out, key, strlen(key));
	fputs(": ", p->out);
	p->after_key = 1;
}

static void json_scalar(struct align_printer *p, const struct scalar *v)
{
	json_before(p);
	switch (v->type) {
	case S_STRING:
		escape_json(p->out, v->s, v->len);
		break;
	case S_NUMBER:
		fwrite(v->s, 1, v->len, p->out);
		break;
	case S_BOOL:
		fputs(v->b ? "true" : "false", p->out);
		break;
	case S_NULL:
		fputs("null", p->out);
		break;
	}
}

static void json_finish(struct align_printer *p)
{
	fputc('\n', p->out);
}

static void ignore_text(struct align_printer *p, const char *s)
{
	(void)p;
	(void)s;
}

static const struct ops json_ops = {
	json_begin, json_end, json_key, json_scalar, NULL, NULL, ignore_text,
	json_finish,
};

/* ---- tables (text, Markdown, CSV) ---------------------------------------- */

static void table_clear(struct table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->cells[i]);
	}
	for (size_t i = 0; i < t->nkeys; i++) {
		free(t->keys[i]);
	}
	free(t->cells);
	free(t->row_len);
	free(t->keys);
	memset(t, 0, sizeof(*t));
}

/* Display width in code points, right for the Latin text here. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++) {
		w += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return w;
}

/* The cell of row `r`, column `c`, or NULL past the row's end. */
static const char *cell_at(const struct table *t, size_t r, size_t c)
{
	size_t start = 0;

	for (size_t i = 0; i < r; i++) {
		start += t->row_len[i];
	}
	return c < t->row_len[r] ? t->cells[start + c] : NULL;
}

static size_t table_ncols(const struct table *t)
{
	size_t n = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		if (t->row_len[r] > n) {
			n = t->row_len[r];
		}
	}
	return n;
}

static void text_flush(struct align_printer *p)
{
	const struct table *t = &p->t;
	size_t ncols = table_ncols(t), start = 0;
	size_t *widths = align_calloc(ncols ? ncols : 1, sizeof(*widths));

	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->row_len[r]; c++) {
			size_t w = width(t->cells[start + c]);
			if (w > widths[c]) {
				widths[c] = w;
			}
		}
		start += t->row_len[r];
	}
	start = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->row_len[r]; c++) {
			const char *cell = t->cells[start + c];
			fputs(cell, p->out);
			if (c + 1 < t->row_len[r]) {
				for (size_t w = width(cell); w < widths[c] + 2;
				     w++) {
					fputc(' ', p->out);
				}
			}
		}
		fputc('\n', p->out);
		start += t->row_len[r];
	}
	free(widths);
}

static void md_flush(struct align_printer *p)
{
	const struct table *t = &p->t;
	size_t ncols = table_ncols(t);
	struct align_buf k = ALIGN_BUF_INIT;

	if (!t->nrows) {
		return;
	}
	fputs("|", p->out);
	for (size_t c = 0; c < ncols; c++) {
		align_buf_clear(&k);
		if (c < t->nkeys) {
			align_printer_escape_md(&k, t->keys[c], strlen(t->keys[c]), 1);
		}
		fprintf(p->out, " %s |", k.ptr);
	}
	fputs("\n|", p->out);
	for (size_t c = 0; c < ncols; c++) {
		fputs(" --- |", p->out);
	}
	fputc('\n', p->out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("|", p->out);
		for (size_t c = 0; c < ncols; c++) {
			const char *cell = cell_at(t, r, c);
			fprintf(p->out, " %s |", cell ? cell : "");
		}
		fputc('\n', p->out);
	}
	align_buf_release(&k);
}

static void csv_quoted(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"') {
			fputc('"', out);
		}
		fputc(*s, out);
	}
	fputc('"', out);
}

static void csv_flush(struct align_printer *p)
{
	const struct table *t = &p->t;
	size_t ncols = table_ncols(t);

	if (!t->nrows) {
		return;
	}
	if (!p->header_done) {
		for (size_t c = 0; c < ncols; c++) {
			const char *key = c < t->nkeys ? t->keys[c] : "";
			struct align_buf k = ALIGN_BUF_INIT;

			/* Keys may be names people wrote (a RACI column). */
			if (*key && strchr("=+-@\t\r", key[0])) {
				align_buf_addch(&k, '\'');
			}
			align_buf_adds(&k, key);
			csv_quoted(p->out, k.ptr);
			align_buf_release(&k);
			fputc(c + 1 < ncols ? ',' : '\n', p->out);
		}
		p->header_done = 1;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			const char *cell = cell_at(t, r, c);
			csv_quoted(p->out, cell ? cell : "");
			fputc(c + 1 < ncols ? ',' : '\n', p->out);
		}
	}
}

static void text_cell(struct align_buf *out, const struct scalar *v)
{
	switch (v->type) {
	case S_STRING:
		align_printer_escape_text(out, v->s, v->len, 1);
		break;
	case S_NUMBER:
		align_buf_add(out, v->s, v->len);
		break;
	case S_BOOL:
		align_buf_adds(out, v->b ? "yes" : "no");
		break;
	case S_NULL:
		align_buf_addch(out, '-');
		break;
	}
}

static void md_cell(struct align_buf *out, const struct scalar *v)
{
	if (v->type == S_STRING) {
		align_printer_escape_md(out, v->s, v->len, 1);
	} else if (v->type == S_NULL) {
		return;
	} else {
		text_cell(out, v);
	}
}

static void csv_cell(struct align_buf *out, const struct scalar *v)
{
	if (v->type == S_STRING) {
		if (v->len && strchr("=+-@\t\r", v->s[0])) {
			align_buf_addch(out, '\'');
		}
		align_buf_add(out, v->s, v->len);
	} else if (v->type != S_NULL) {
		text_cell(out, v);
	}
}

/*
 * Human formats. A list whose first element is a map becomes a table;
 * what is nested inside a row is skipped.
 */
static void human_begin(struct align_printer *p, int map)
{
	struct table *t = &p->t;

	/* Called before the frame is pushed: p->depth is the parent's. */
	if (p->skip) {
		return;
	}
	if (t->depth) {
		if (map && p->depth == t->depth) {
			ALIGN_ARRAY_GROW(t->row_len, t->rows_alloc,
					 t->nrows + 1);
			t->row_len[t->nrows++] = 0;
		} else {
			p->skip = p->depth + 1;
		}
		return;
	}
	if (map && p->depth > 0 && !p->stack[p->depth - 1].map &&
	    p->stack[p->depth - 1].count == 0) {
		t->depth = p->depth;
		ALIGN_ARRAY_GROW(t->row_len, t->rows_alloc, t->nrows + 1);
		t->row_len[t->nrows++] = 0;
	}
}

static void human_end(struct align_printer *p, int map)
{
	(void)map;
	/* p->depth is already the parent's. */
	if (p->skip) {
		if (p->depth + 1 == p->skip) {
			p->skip = 0;
		}
		return;
	}
	if (p->t.depth && p->depth + 1 == p->t.depth) {
		p->ops->flush(p);
		table_clear(&p->t);
	}
}

static void human_key(struct align_printer *p, const char *key)
{
	p->key = key;
}

static void human_scalar(struct align_printer *p, const struct scalar *v)
{
	struct table *t = &p->t;
	struct align_buf b = ALIGN_BUF_INIT;

	if (p->skip) {
		return;
	}
	if (t->depth) {
		if (p->depth != t->depth + 1) {
			return; /* a scalar beside the rows */
		}
		p->ops->cell(&b, v);
		ALIGN_ARRAY_GROW(t->cells, t->alloc, t->count + 1);
		t->cells[t->count++] = align_buf_detach(&b, NULL);
		t->row_len[t->nrows - 1]++;
		if (t->nrows == 1) {
			ALIGN_ARRAY_GROW(t->keys, t->keys_alloc, t->nkeys + 1);
			t->keys[t->nkeys++] = align_strdup(p->key ? p->key : "");
		}
		return;
	}
	if (p->format == ALIGN_PRINTER_CSV) {
		return;
	}
	if (v->type == S_STRING) {
		if (p->format == ALIGN_PRINTER_MARKDOWN) {
			align_printer_escape_md(&b, v->s, v->len, 0);
		} else {
			align_printer_escape_text(&b, v->s, v->len, 0);
		}
	} else if (v->type != S_NULL) {
		text_cell(&b, v);
	}
	fwrite(b.ptr, 1, b.len, p->out);
	align_buf_release(&b);
}

static void human_text(struct align_printer *p, const char *s)
{
	if (p->format != ALIGN_PRINTER_CSV && !p->skip && !p->t.depth) {
		fputs(s, p->out);
	}
}

static void human_finish(struct align_printer *p)
{
	(void)p;
}

static const struct ops text_ops = {
	human_begin, human_end,	 human_key,  human_scalar,
	text_cell,   text_flush, human_text, human_finish,
};

static const struct ops md_ops = {
	human_begin, human_end, human_key,  human_scalar,
	md_cell,     md_flush,	human_text, human_finish,
};

static const struct ops csv_ops = {
	human_begin, human_end,	human_key,  human_scalar,
	csv_cell,    csv_flush, human_text, human_finish,
};

/* ---- the core ------------------------------------------------------------ */

int align_printer_format_parse(enum align_printer_format *out,
			       const char *name)
{
	static const struct {
		const char *name;
		enum align_printer_format format;
	} names[] = {
		{ "text", ALIGN_PRINTER_TEXT },
		{ "md", ALIGN_PRINTER_MARKDOWN },
		{ "markdown", ALIGN_PRINTER_MARKDOWN },
		{ "json", ALIGN_PRINTER_JSON },
		{ "csv", ALIGN_PRINTER_CSV },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(names[i].name, name)) {
			*out = names[i].format;
			return 0;
		}
	}
	return -1;
}

struct align_printer *align_printer_new(FILE *out,
					enum align_printer_format format)
{
	struct align_printer *p = align_calloc(1, sizeof(*p));

	p->out = out;
	p->format = format;
	switch (format) {
	case ALIGN_PRINTER_JSON:
		p->ops = &json_ops;
		break;
	case ALIGN_PRINTER_MARKDOWN:
		p->ops = &md_ops;
		break;
	case ALIGN_PRINTER_CSV:
		p->ops = &csv_ops;
		break;
	case ALIGN_PRINTER_TEXT:
	default:
		p->ops = &text_ops;
		break;
	}
	return p;
}

enum align_printer_format align_printer_format(const struct align_printer *p)
{
	return p->format;
}

int align_printer_free(struct align_printer *p)
{
	int ret;

	if (!p) {
		return 0;
	}
	while (p->depth) {
		align_printer_end(p);
	}
	p->ops->finish(p);
	ret = ferror(p->out) ? -1 : 0;
	table_clear(&p->t);
	free(p->stack);
	free(p);
	return ret;
}

/* Counts a value in the enclosing container. */
static void counted(struct align_printer *p)
{
	if (p->depth) {
		p->stack[p->depth - 1].count++;
	}
	p->key = NULL;
}

static void begin(struct align_printer *p, int map)
{
	p->ops->begin(p, map);
	counted(p);
	ALIGN_ARRAY_GROW(p->stack, p->alloc, p->depth + 1);
	p->stack[p->depth].map = map;
	p->stack[p->depth].count = 0;
	p->depth++;
	if (map && p->depth == 1 && p->format == ALIGN_PRINTER_JSON) {
		/* Every JSON document says which shape it has. */
		align_printer_map_key(p, "format_version");
		align_printer_integer(p, 1);
	}
}

void align_printer_begin_map(struct align_printer *p)
{
	begin(p, 1);
}

void align_printer_begin_list(struct align_printer *p)
{
	begin(p, 0);
}

void align_printer_end(struct align_printer *p)
{
	int map;

	if (!p->depth) {
		return;
	}
	map = p->stack[--p->depth].map;
	p->after_key = 0;
	p->ops->end(p, map);
}

void align_printer_map_key(struct align_printer *p, const char *key)
{
	p->ops->key(p, key);
}

static void scalar(struct align_printer *p, const struct scalar *v)
{
	p->ops->scalar(p, v);
	counted(p);
}

void align_printer_string_len(struct align_printer *p, const char *s,
			      size_t len)
{
	struct scalar v = { S_STRING, s, len, 0 };

	if (!s) {
		v.type = S_NULL;
		v.len = 0;
	}
	scalar(p, &v);
}

void align_printer_string(struct align_printer *p, const char *s)
{
	align_printer_string_len(p, s, s ? strlen(s) : 0);
}

void align_printer_integer(struct align_printer *p, long long value)
{
	char buf[32];
	struct scalar v = { S_NUMBER, buf, 0, 0 };

	v.len = (size_t)snprintf(buf, sizeof(buf), "%lld", value);
	scalar(p, &v);
}

void align_printer_number(struct align_printer *p, double value)
{
	struct align_buf b = ALIGN_BUF_INIT;
	struct scalar v = { S_NULL, NULL, 0, 0 };

	if (isfinite(value)) {
		char buf[400];
		snprintf(buf, sizeof(buf), "%.10f", value);
		if (align_number_normalize(&b, buf) == 0) {
			v.type = S_NUMBER;
			v.s = b.ptr;
			v.len = b.len;
		} else {
			/* Too long for a number people read: keep it exact. */
			align_buf_sets(&b, buf);
			if (strchr(b.ptr, '.')) {
				while (b.ptr[b.len - 1] == '0') {
					align_buf_setlen(&b, b.len - 1);
				}
				if (b.ptr[b.len - 1] == '.') {
					align_buf_setlen(&b, b.len - 1);
				}
			}
			v.type = S_NUMBER;
			v.s = b.ptr;
			v.len = b.len;
		}
	}
	scalar(p, &v);
	align_buf_release(&b);
}

void align_printer_number_text(struct align_printer *p, const char *s)
{
	struct align_buf b = ALIGN_BUF_INIT;
	struct scalar v = { S_NULL, NULL, 0, 0 };

	if (s && align_number_normalize(&b, s) == 0) {
		v.type = S_NUMBER;
		v.s = b.ptr;
		v.len = b.len;
	} else if (s && p->format != ALIGN_PRINTER_JSON) {
		v.type = S_STRING;
		v.s = s;
		v.len = strlen(s);
	}
	scalar(p, &v);
	align_buf_release(&b);
}

void align_printer_boolean(struct align_printer *p, int value)
{
	struct scalar v = { S_BOOL, NULL, 0, value != 0 };

	scalar(p, &v);
}

void align_printer_null(struct align_printer *p)
{
	struct scalar v = { S_NULL, NULL, 0, 0 };

	scalar(p, &v);
}

void align_printer_text(struct align_printer *p, const char *s)
{
	p->ops->text(p, s);
}

void align_printer_textf(struct align_printer *p, const char *fmt, ...)
{
	struct align_buf b = ALIGN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	p->ops->text(p, b.ptr);
	align_buf_release(&b);
}

void align_printer_separator(struct align_printer *p)
{
	p->ops->text(p, "\n");
}
