#include "raci-import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/idmap.h"
#include "util/text.h"
#include "util/banned.h"

/* One line of the text, without its line ending. */
struct line {
	const char *s;
	size_t len;
};

/* One cell of a row: its bytes as written, trimmed, and where. */
struct cell {
	const char *s;
	size_t len;
	size_t off; /* byte offset in the line */
};

struct row {
	struct cell *cells;
	size_t n;
	size_t alloc;
};

/* What a column of a table holds. */
enum column {
	COL_STEP,
	COL_NAME,    /* layout 1: a person or role */
	COL_LETTER,  /* layout 2: R, A, C or I */
	COL_BLOCKER,
	COL_SLA,
	COL_IGNORED,
};

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Characters in `len` bytes: a column is counted in characters. */
static size_t chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	}
	return n;
}

static void split_row(struct row *row, const struct line *l)
{
	size_t p = 0;

	row->n = 0;
	while (p < l->len && is_space(l->s[p])) {
		p++;
	}
	if (p < l->len && l->s[p] == '|') {
		p++;
	}
	while (p < l->len) {
		size_t start = p, a, b;
		int closed;

		while (p < l->len &&
		       !(l->s[p] == '|' && (p == 0 || l->s[p - 1] != '\\'))) {
			p++;
		}
		closed = p < l->len;
		a = start;
		b = p;
		while (a < b && is_space(l->s[a])) {
			a++;
		}
		while (b > a && is_space(l->s[b - 1])) {
			b--;
		}
		if (closed || b > a) {
			ALIGN_ARRAY_GROW(row->cells, row->alloc, row->n + 1);
			row->cells[row->n].s = l->s + a;
			row->cells[row->n].len = b - a;
			row->cells[row->n].off = a;
			row->n++;
		}
		if (closed) {
			p++;
		}
	}
}

static int has_pipe(const struct line *l)
{
	return memchr(l->s, '|', l->len) != NULL;
}

/* | --- | :-: | ---: | */
static int is_delimiter(const struct line *l, struct row *row)
{
	if (!has_pipe(l) || !memchr(l->s, '-', l->len)) {
		return 0;
	}
	split_row(row, l);
	if (!row->n) {
		return 0;
	}
	for (size_t i = 0; i < row->n; i++) {
		const struct cell *c = &row->cells[i];
		size_t a = 0, b = c->len;

		if (a < b && c->s[a] == ':') {
			a++;
		}
		if (b > a && c->s[b - 1] == ':') {
			b--;
		}
		if (a == b) {
			return 0;
		}
		for (size_t k = a; k < b; k++) {
			if (c->s[k] != '-') {
				return 0;
			}
		}
	}
	return 1;
}

/*
 * The text of a cell without emphasis or code marks around it
 * ("**Planning**" is "Planning", bold) and with "\|" as "|". `*skip` is
 * how many bytes were taken off the start.
 */
static void clean(struct align_buf *out, const char *s, size_t len, int *bold,
		  size_t *skip)
{
	static const char *const marks[] = { "**", "__", "*", "_", "`" };
	size_t a = 0, b = len;
	int again = 1;

	*bold = 0;
	while (again) {
		again = 0;
		for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++) {
			size_t ml = strlen(marks[m]);
			if (b - a >= 2 * ml + 1 && !memcmp(s + a, marks[m], ml) &&
			    !memcmp(s + b - ml, marks[m], ml)) {
				a += ml;
				b -= ml;
				*bold |= ml == 2;
				again = 1;
				break;
			}
		}
		while (a < b && is_space(s[a])) {
			a++;
		}
		while (b > a && is_space(s[b - 1])) {
			b--;
		}
	}
	if (skip) {
		*skip = a;
	}
	align_buf_clear(out);
	for (size_t i = a; i < b; i++) {
		if (s[i] == '\\' && i + 1 < b && s[i + 1] == '|') {
			continue;
		}
		align_buf_addch(out, s[i]);
	}
}

/* The first word of a header, lowercased: "responsible" of "Responsible (R)". */
static void first_word(struct align_buf *out, const char *s)
{
	align_buf_clear(out);
	while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
		s++;
	}
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
		align_buf_addch(out, lower(*s++));
	}
}

static const char *const letter_words[] = { "responsible", "accountable",
					    "consulted", "informed" };

/* The letter a word names, or -1: "R", "a", "Consulted". */
static int letter_of(const char *s, size_t len)
{
	if (len == 1) {
		const char *p = strchr("raci", lower(*s));
		return p && *s ? (int)(p - "raci") : -1;
	}
	for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
		if (len == strlen(letter_words[l])) {
			size_t k = 0;
			while (k < len && lower(s[k]) == letter_words[l][k]) {
				k++;
			}
			if (k == len) {
				return l;
			}
		}
	}
	return -1;
}

static enum column classify(const char *header, int *letter)
{
	struct align_buf w = ALIGN_BUF_INIT;
	enum column c = COL_NAME;
	int l;

	first_word(&w, header);
	*letter = -1;
	if (!*header) {
		c = COL_IGNORED;
	} else if ((l = letter_of(w.ptr, w.len)) >= 0 &&
		   (w.len > 1 || strlen(header) <= 3 ||
		    strchr(header, '(') || strchr(header, '-'))) {
		/* "R", "R (Responsible)", "Responsible"; not "Rita Lee". */
		c = COL_LETTER;
		*letter = l;
	} else if (!strcmp(w.ptr, "blocker") || !strcmp(w.ptr, "blockers") ||
		   (!strcmp(w.ptr, "common") && strstr(header, "locker"))) {
		c = COL_BLOCKER;
	} else if (!strcmp(w.ptr, "sla")) {
		c = COL_SLA;
	} else if (!strcmp(w.ptr, "notes") || !strcmp(w.ptr, "note") ||
		   !strcmp(w.ptr, "comments") || !strcmp(w.ptr, "comment") ||
		   !strcmp(w.ptr, "description")) {
		c = COL_IGNORED;
	}
	align_buf_release(&w);
	return c;
}

static int ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		if (lower(*a) != lower(*b)) {
			return 0;
		}
	}
	return *a == *b;
}

/* The roster's name for what a table calls `name` (into `out`). */
static void map_name(struct align_buf *out, const char *name,
		     const struct align_people *people)
{
	const char *found = NULL;
	size_t nfirst = 0;

	if (*name == '@') {
		name++;
	}
	align_buf_sets(out, name);
	if (!people || !people->record) {
		return;
	}
	if (align_people_by_handle(people, name) ||
	    align_people_role(people, name)) {
		return;
	}
	for (size_t i = 0; i < people->count && !found; i++) {
		const struct align_person *p = &people->items[i];
		if (ascii_caseeq(p->handle, name) ||
		    (p->name && ascii_caseeq(p->name, name))) {
			found = p->handle;
		}
	}
	for (size_t i = 0; i < people->nroles && !found; i++) {
		if (ascii_caseeq(people->roles[i].name, name)) {
			found = people->roles[i].name;
		}
	}
	/* A first name only one person has. */
	for (size_t i = 0; i < people->count && !found; i++) {
		const struct align_person *p = &people->items[i];
		size_t n = p->name ? strcspn(p->name, " ") : 0;
		if (n && n == strlen(name)) {
			size_t k = 0;
			while (k < n && lower(p->name[k]) == lower(name[k])) {
				k++;
			}
			if (k == n) {
				nfirst++;
				if (nfirst == 1) {
					align_buf_sets(out, p->handle);
				}
			}
		}
	}
	if (found) {
		align_buf_sets(out, found);
	} else if (nfirst > 1) {
		align_buf_sets(out, name);
	}
}

__attribute__((format(printf, 5, 6))) static void
add(struct align_diags *diags, const char *path, size_t line, size_t col,
    const char *fmt, ...)
{
	struct align_buf msg = ALIGN_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	align_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	align_diags_add(diags, path, line, ALIGN_SEV_ERROR, "%s", msg.ptr);
	diags->items[diags->count - 1].col = col;
	align_buf_release(&msg);
}

/* A unique key among `used` for `name`, into `out`. */
static void unique_key(struct align_buf *out, const char *name,
		       struct align_idmap *used, char ***keys, size_t *nkeys,
		       size_t *alloc, const char *fallback, size_t max)
{
	struct align_buf base = ALIGN_BUF_INIT;

	align_slugify(&base, name, max);
	if (!base.len) {
		align_buf_adds(&base, fallback);
	}
	align_buf_sets(out, base.ptr);
	for (size_t n = 2, at; align_idmap_get(used, out->ptr, &at); n++) {
		align_buf_clear(out);
		align_buf_addf(out, "%s-%zu", base.ptr, n);
	}
	ALIGN_ARRAY_GROW(*keys, *alloc, *nkeys + 1);
	(*keys)[*nkeys] = align_strdup(out->ptr);
	align_idmap_add(used, (*keys)[*nkeys], *nkeys, NULL);
	(*nkeys)++;
	align_buf_release(&base);
}

struct keys {
	struct align_idmap map;
	char **items;
	size_t n, alloc;
};

static void keys_release(struct keys *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->items[i]);
	}
	free(k->items);
	align_idmap_release(&k->map);
	memset(k, 0, sizeof(*k));
}

/*
 * Reads a letter cell of layout 1 into the step: 1 when it held a
 * letter, 2 when a look-alike of one, else 0.
 */
static int letter_cell(struct align_raci_table *t, struct align_raci_step *step,
		       const struct line *l, size_t lineno,
		       const struct cell *c, const char *column,
		       const struct align_buf *name, size_t name_line,
		       size_t name_col)
{
	struct align_buf text = ALIGN_BUF_INIT, tok = ALIGN_BUF_INIT;
	struct align_buf what = ALIGN_BUF_INIT;
	size_t skip;
	int bold, any = 0;

	clean(&text, c->s, c->len, &bold, &skip);
	for (size_t p = 0; p < text.len;) {
		size_t start, n;
		int letter;

		while (p < text.len && strchr("/,+&; \t", text.ptr[p])) {
			p++;
		}
		start = p;
		while (p < text.len && !strchr("/,+&; \t", text.ptr[p])) {
			p++;
		}
		if ((n = p - start) == 0) {
			continue;
		}
		letter = letter_of(text.ptr + start, n);
		if (letter >= 0) {
			int dup = 0;
			for (size_t k = 0; k < step->cells[letter].n; k++) {
				dup |= !strcmp(step->cells[letter].names[k].name,
					       name->ptr);
			}
			if (!dup) {
				align_raci_add_name(step, letter, name->ptr,
						    name->len, name_line,
						    name_col);
			}
			if (!step->letter_line[letter]) {
				step->letter_line[letter] = lineno;
			}
			any |= 1;
			continue;
		}
		align_buf_clear(&tok);
		align_buf_add(&tok, text.ptr + start, n);
		{
			size_t col, at;
			unsigned cp;
			int twin;

			at = chars(l->s, c->off + skip + start) + 1;
			if (align_text_lookalike(tok.ptr, &col, &cp)) {
				align_buf_clear(&what);
				align_text_codepoint_name(&what, cp);
				twin = align_text_lookalike_ascii(cp);
				if (twin > 0) {
					align_buf_addf(&what, ", which looks "
							      "like '%c'",
						       twin);
				}
				any |= 2;
				add(&t->diags, t->raci.path, lineno, at + col - 1,
				    "step '%s': cell '%s' under '%s' has a "
				    "look-alike character at column %zu: %s",
				    step->name, text.ptr, column, at + col - 1,
				    what.ptr);
			} else {
				add(&t->diags, t->raci.path, lineno, at,
				    "step '%s': cell '%s' under '%s' is not R, "
				    "A, C or I (write A/R for both)",
				    step->name, text.ptr, column);
			}
		}
	}
	align_buf_release(&text);
	align_buf_release(&tok);
	align_buf_release(&what);
	return any;
}

/* Names in a cell of layout 2, comma (or ; / & "and") separated. */
static void name_cell(struct align_raci_step *step, int letter,
		      const struct line *l, size_t lineno, const struct cell *c,
		      const struct align_people *people)
{
	struct align_buf text = ALIGN_BUF_INIT, one = ALIGN_BUF_INIT;
	struct align_buf mapped = ALIGN_BUF_INIT;
	size_t skip;
	int bold;

	clean(&text, c->s, c->len, &bold, &skip);
	for (size_t p = 0; p < text.len;) {
		size_t start, end;

		while (p < text.len && strchr(",;/& \t", text.ptr[p])) {
			p++;
		}
		start = p;
		while (p < text.len && !strchr(",;/&", text.ptr[p])) {
			/* " and " separates names too. */
			if (p + 5 <= text.len &&
			    !memcmp(text.ptr + p, " and ", 5)) {
				break;
			}
			p++;
		}
		end = p;
		while (end > start && is_space(text.ptr[end - 1])) {
			end--;
		}
		if (end == start) {
			if (p < text.len) {
				p++;
			}
			continue;
		}
		align_buf_clear(&one);
		align_buf_add(&one, text.ptr + start, end - start);
		{
			int b;
			size_t s2;
			struct align_buf inner = ALIGN_BUF_INIT;
			clean(&inner, one.ptr, one.len, &b, &s2);
			map_name(&mapped, inner.ptr, people);
			align_buf_release(&inner);
		}
		if (mapped.len) {
			align_raci_add_name(step, letter, mapped.ptr, mapped.len,
					    lineno,
					    chars(l->s, c->off + skip + start) +
						    1);
		}
		if (p < text.len && text.ptr[p] == ' ') {
			p += 5; /* " and " */
		}
	}
	if (text.len && !step->letter_line[letter]) {
		step->letter_line[letter] = lineno;
	}
	align_buf_release(&text);
	align_buf_release(&one);
	align_buf_release(&mapped);
}

static int same_as_header(const struct row *row, const struct row *header)
{
	struct align_buf a = ALIGN_BUF_INIT, b = ALIGN_BUF_INIT;
	int same = row->n == header->n;
	int bold;
	size_t skip;

	for (size_t i = 0; same && i < row->n; i++) {
		clean(&a, row->cells[i].s, row->cells[i].len, &bold, &skip);
		clean(&b, header->cells[i].s, header->cells[i].len, &bold, &skip);
		same = ascii_caseeq(a.ptr, b.ptr);
	}
	align_buf_release(&a);
	align_buf_release(&b);
	return same;
}

/* Reads the table whose header is lines[h] and whose rows end before `end`. */
static void read_table(struct align_raci_import *imp, const char *path,
		       const struct line *lines, size_t h, size_t end,
		       const char *heading, struct keys *workflows,
		       const char *stem, const struct align_people *people)
{
	struct row header = { NULL, 0, 0 }, row = { NULL, 0, 0 };
	struct align_raci_table *t;
	struct align_buf text = ALIGN_BUF_INIT, key = ALIGN_BUF_INIT;
	struct align_buf *names = NULL;
	enum column *kinds = NULL;
	int *letters = NULL;
	struct keys steps;
	size_t nletters = 0, nnames = 0, order = 0;
	int any = 0, bold;
	size_t skip;

	memset(&steps, 0, sizeof(steps));
	split_row(&header, &lines[h]);
	if (header.n < 2) {
		goto done;
	}
	kinds = align_calloc(header.n, sizeof(*kinds));
	letters = align_calloc(header.n, sizeof(*letters));
	names = align_calloc(header.n, sizeof(*names));
	for (size_t c = 0; c < header.n; c++) {
		align_buf_init(&names[c]);
		clean(&text, header.cells[c].s, header.cells[c].len, &bold,
		      &skip);
		if (c == 0) {
			kinds[c] = COL_STEP;
			continue;
		}
		kinds[c] = classify(text.ptr, &letters[c]);
		nletters += kinds[c] == COL_LETTER;
		nnames += kinds[c] == COL_NAME;
		map_name(&names[c], text.ptr, people);
	}
	/* Letters as columns: the other unknown columns say nothing. */
	if (nletters >= 2) {
		for (size_t c = 1; c < header.n; c++) {
			if (kinds[c] == COL_NAME) {
				kinds[c] = COL_IGNORED;
			}
		}
	} else if (!nnames) {
		goto done;
	} else {
		for (size_t c = 1; c < header.n; c++) {
			if (kinds[c] == COL_LETTER) {
				kinds[c] = COL_NAME; /* a person called "A" */
			}
		}
	}
	ALIGN_ARRAY_GROW(imp->tables, imp->alloc, imp->n + 1);
	t = &imp->tables[imp->n];
	memset(t, 0, sizeof(*t));
	align_raci_init(&t->raci);
	t->layout = nletters >= 2 ? 2 : 1;
	t->raci.path = align_strdup(path);
	t->raci.line = h + 1;
	t->raci.last_line = end;
	if (heading && *heading) {
		t->raci.title = align_strdup(heading);
	}

	for (size_t i = h + 2; i < end; i++) {
		struct align_raci_step *step;
		char ord[24];
		int rest_empty = 1, all_bold = 1, nonempty = 0;

		split_row(&row, &lines[i]);
		for (size_t c = 0; c < row.n; c++) {
			clean(&text, row.cells[c].s, row.cells[c].len, &bold,
			      &skip);
			if (text.len) {
				nonempty++;
				all_bold &= bold;
				if (c > 0) {
					rest_empty = 0;
				}
			}
		}
		if (!nonempty) {
			continue;
		}
		clean(&text, row.cells[0].s, row.cells[0].len, &bold, &skip);
		/* A phase (| **Planning** | | |) or a sub-header. */
		if ((bold && rest_empty) || (all_bold && nonempty > 1) ||
		    same_as_header(&row, &header)) {
			continue;
		}
		if (!text.len) {
			add(&t->diags, path, i + 1, 1,
			    "a row of the table names no step (first column "
			    "empty)");
			continue;
		}
		align_buf_clear(&key);
		unique_key(&key, text.ptr, &steps.map, &steps.items, &steps.n,
			   &steps.alloc, "step", 32);
		step = align_raci_add_step(&t->raci, key.ptr, text.ptr, i + 1);
		snprintf(ord, sizeof(ord), "%zu", ++order);
		step->order = align_strdup(ord);
		for (size_t c = 1; c < row.n && c < header.n; c++) {
			const struct cell *cell = &row.cells[c];

			switch (kinds[c]) {
			case COL_NAME:
				clean(&text, header.cells[c].s,
				      header.cells[c].len, &bold, &skip);
				any |= letter_cell(
					t, step, &lines[i], i + 1, cell, text.ptr,
					&names[c], h + 1,
					chars(lines[h].s,
					      header.cells[c].off + skip) + 1);
				break;
			case COL_LETTER:
				name_cell(step, letters[c], &lines[i], i + 1,
					  cell, people);
				any |= cell->len > 0;
				break;
			case COL_BLOCKER:
				clean(&text, cell->s, cell->len, &bold, &skip);
				if (text.len && !step->blocker) {
					step->blocker = align_strdup(text.ptr);
				}
				break;
			case COL_SLA:
				clean(&text, cell->s, cell->len, &bold, &skip);
				if (text.len && !step->sla) {
					step->sla = align_strdup(text.ptr);
					step->sla_line = i + 1;
				}
				break;
			case COL_STEP:
			case COL_IGNORED:
				break;
			}
		}
	}
	if (!any) {
		/* No letter anywhere: some other table. */
		align_raci_release(&t->raci);
		align_diags_clear(&t->diags);
		goto done;
	}
	align_buf_clear(&key);
	unique_key(&key, heading && *heading ? heading : stem, &workflows->map,
		   &workflows->items, &workflows->n, &workflows->alloc,
		   "workflow", ALIGN_ID_MAX);
	t->raci.id = align_strdup(key.ptr);
	imp->n++;
done:
	for (size_t c = 0; names && c < header.n; c++) {
		align_buf_release(&names[c]);
	}
	free(names);
	free(kinds);
	free(letters);
	free(header.cells);
	free(row.cells);
	keys_release(&steps);
	align_buf_release(&text);
	align_buf_release(&key);
}

/* "## Launch *plan* ##" -> "Launch plan"; 0 when the line is no heading. */
static int heading_of(struct align_buf *out, const struct line *l)
{
	size_t p = 0, n = 0, b;
	int bold;
	size_t skip;

	while (p < l->len && p < 3 && l->s[p] == ' ') {
		p++;
	}
	while (p + n < l->len && l->s[p + n] == '#') {
		n++;
	}
	if (n < 1 || n > 6 || (p + n < l->len && !is_space(l->s[p + n]))) {
		return 0;
	}
	p += n;
	b = l->len;
	while (b > p && (is_space(l->s[b - 1]) || l->s[b - 1] == '#')) {
		b--;
	}
	clean(out, l->s + p, b - p, &bold, &skip);
	/* Emphasis inside the words: drop its marks. */
	{
		struct align_buf plain = ALIGN_BUF_INIT;
		for (size_t i = 0; i < out->len; i++) {
			if (out->ptr[i] != '*' && out->ptr[i] != '`') {
				align_buf_addch(&plain, out->ptr[i]);
			}
		}
		align_buf_sets(out, plain.ptr);
		align_buf_release(&plain);
	}
	return 1;
}

/* A fence opener or closer: its character and length, else 0. */
static size_t fence_of(const struct line *l, char *ch)
{
	size_t p = 0, n = 0;

	while (p < l->len && p < 3 && l->s[p] == ' ') {
		p++;
	}
	if (p >= l->len || (l->s[p] != '`' && l->s[p] != '~')) {
		return 0;
	}
	*ch = l->s[p];
	while (p + n < l->len && l->s[p + n] == *ch) {
		n++;
	}
	return n >= 3 ? n : 0;
}

static int blank(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++) {
		if (!is_space(l->s[i]) && l->s[i] != '\r') {
			return 0;
		}
	}
	return 1;
}

int align_raci_import_parse(struct align_raci_import *out, const char *path,
			    const char *text, size_t len,
			    const struct align_people *people)
{
	struct line *lines = NULL;
	size_t nlines = 0, alloc = 0;
	struct align_buf heading = ALIGN_BUF_INIT, h = ALIGN_BUF_INIT;
	struct align_buf stem = ALIGN_BUF_INIT;
	struct row scratch = { NULL, 0, 0 };
	struct keys workflows;
	size_t fence = 0;
	char fence_ch = 0;
	const char *base;

	memset(&workflows, 0, sizeof(workflows));
	if (memchr(text, '\0', len) || !align_utf8_valid(text, len)) {
		align_diags_add(&out->diags, path, 0, ALIGN_SEV_ERROR,
				"'%s' is not UTF-8 text", path);
		return ALIGN_EINVALID;
	}
	for (size_t p = 0; p < len;) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t n = nl ? (size_t)(nl - (text + p)) : len - p;

		ALIGN_ARRAY_GROW(lines, alloc, nlines + 1);
		lines[nlines].s = text + p;
		lines[nlines].len = n && text[p + n - 1] == '\r' ? n - 1 : n;
		nlines++;
		p += n + (nl ? 1 : 0);
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	align_buf_add(&stem, base, strcspn(base, "."));
	for (size_t i = 0; i < nlines; i++) {
		char ch = 0;
		size_t f = fence_of(&lines[i], &ch);

		if (fence) {
			if (f >= fence && ch == fence_ch) {
				fence = 0;
			}
			continue;
		}
		if (f) {
			fence = f;
			fence_ch = ch;
			continue;
		}
		if (heading_of(&h, &lines[i])) {
			align_buf_sets(&heading, h.ptr);
			continue;
		}
		if (i + 1 < nlines && has_pipe(&lines[i]) &&
		    is_delimiter(&lines[i + 1], &scratch)) {
			size_t end = i + 2;

			while (end < nlines && !blank(&lines[end]) &&
			       has_pipe(&lines[end])) {
				end++;
			}
			read_table(out, path, lines, i, end, heading.ptr,
				   &workflows, stem.ptr, people);
			i = end - 1;
		}
	}
	free(lines);
	free(scratch.cells);
	keys_release(&workflows);
	align_buf_release(&heading);
	align_buf_release(&h);
	align_buf_release(&stem);
	return 0;
}

void align_raci_import_release(struct align_raci_import *imp)
{
	for (size_t i = 0; i < imp->n; i++) {
		align_raci_release(&imp->tables[i].raci);
		align_diags_clear(&imp->tables[i].diags);
	}
	free(imp->tables);
	align_diags_clear(&imp->diags);
	memset(imp, 0, sizeof(*imp));
}
