#include "ini.h"

#include <ini.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/work.h"
#include "util/banned.h"

/* One physical line, as found by align's own scan. */
struct line {
	const char *start;
	size_t len; /* without the line ending */
	enum { L_BLANK, L_SECTION, L_FIELD } type;
	/* For L_SECTION: name and sub spans. For L_FIELD: key and value. */
	size_t a_start, a_len, b_start, b_len;
	int has_sub;
	long section; /* index of the section in effect, -1 before any */
	size_t inih_line; /* its number among the lines inih read, or 0 */
	int confirmed; /* inih read this field as the scan did */
};

/*
 * Character classes as <ctype.h> has them in the C locale, the only one
 * align runs in (inih sees the same): spelled out so the scan of every
 * line needs no call per byte.
 */
static int is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int key_char(char c, int first)
{
	if (is_alpha(c)) {
		return 1;
	}
	return !first && (is_digit(c) || c == '_' || c == '.' || c == '-');
}

static int sub_char(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '.' ||
	       c == '@' || c == '-';
}

int align_ini_key_valid(const char *key)
{
	if (!key_char(key[0], 1)) {
		return 0;
	}
	for (const char *k = key + 1; *k; k++) {
		if (!key_char(*k, 0)) {
			return 0;
		}
	}
	return 1;
}

int align_ini_sub_valid(const char *sub)
{
	size_t n = strlen(sub);

	if (n == 0 || n > 32 || !(is_alpha(sub[0]) || is_digit(sub[0]))) {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (!sub_char(sub[i])) {
			return 0;
		}
	}
	return 1;
}

const char *align_ini_value_problem(const char *value)
{
	size_t n = strlen(value);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)value[i];
		if (c == '\n' || c == '\r') {
			return "contains a line break";
		}
		if (c < 0x20 || c == 0x7f) {
			return "contains a control character";
		}
		if (c == ';' && i > 0 && is_space(value[i - 1])) {
			return "contains ' ;', which would start a comment";
		}
	}
	if (n && (is_space(value[0]) || is_space(value[n - 1]))) {
		return "starts or ends with white space";
	}
	if (value[0] == ';') {
		return "starts with ';', which would start a comment";
	}
	if (!align_utf8_valid(value, n)) {
		return "is not valid UTF-8";
	}
	return NULL;
}

/*
 * Classifies one line, or describes why it is not part of the dialect.
 * Returns NULL when fine.
 */
static const char *scan_line(struct line *l)
{
	const char *s = l->start;
	size_t n = l->len, i = 0;

	l->type = L_BLANK;
	while (i < n && is_space(s[i])) {
		i++;
	}
	if (i == n || s[i] == ';' || s[i] == '#') {
		return NULL;
	}
	if (i > 0) {
		return "indented line (inih would read it as a continuation "
		       "of the previous value)";
	}
	if (s[0] == '[') {
		size_t j = 1;

		l->type = L_SECTION;
		l->a_start = 1;
		while (j < n && key_char(s[j], j == 1)) {
			j++;
		}
		l->a_len = j - 1;
		if (!l->a_len) {
			return "malformed section header: expected '[name]' or "
			       "'[name \"sub\"]'";
		}
		l->has_sub = 0;
		if (j < n && s[j] == ' ') {
			size_t k;

			if (j + 1 >= n || s[j + 1] != '"') {
				return "malformed section header: expected "
				       "'[name \"sub\"]'";
			}
			k = j + 2;
			while (k < n && sub_char(s[k])) {
				k++;
			}
			if (k >= n || s[k] != '"' || k == j + 2 ||
			    !(is_alpha(s[j + 2]) || is_digit(s[j + 2])) ||
			    k - j - 2 > 32) {
				return "malformed subsection name: use 1-32 of "
				       "letters, digits, '_', '.', '@', '-' "
				       "in double quotes";
			}
			l->has_sub = 1;
			l->b_start = j + 2;
			l->b_len = k - j - 2;
			j = k + 1;
		}
		if (j >= n || s[j] != ']') {
			return "malformed section header: missing ']'";
		}
		if (j - 1 > ALIGN_INI_SECTION_MAX) {
			return "section header longer than 49 bytes";
		}
		for (j++; j < n; j++) {
			if (!is_space(s[j])) {
				return "unexpected text after section header";
			}
		}
		return NULL;
	}
	if (!key_char(s[0], 1)) {
		/* git's conflict markers: say what they are. */
		if (n >= 7 && (!memcmp(s, "<<<<<<<", 7) ||
			       !memcmp(s, "=======", 7) ||
			       !memcmp(s, ">>>>>>>", 7) ||
			       !memcmp(s, "|||||||", 7))) {
			return "unresolved merge conflict: keep one side, "
			       "remove the markers, then 'git add' the file";
		}
		return "expected '[section]' or 'key = value'";
	}
	l->type = L_FIELD;
	l->a_start = 0;
	while (i < n && key_char(s[i], i == 0)) {
		i++;
	}
	l->a_len = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t')) {
		i++;
	}
	if (i >= n || s[i] != '=') {
		return "expected '[section]' or 'key = value'";
	}
	i++;
	{
		/* inih's rule: ';' after white space starts a comment. */
		size_t end = i, vs;
		int was_space = 0;

		while (end < n && !(was_space && s[end] == ';')) {
			was_space = is_space(s[end]);
			end++;
		}
		vs = i;
		while (vs < end && is_space(s[vs])) {
			vs++;
		}
		while (end > vs && is_space(s[end - 1])) {
			end--;
		}
		l->b_start = vs;
		l->b_len = end - vs;
	}
	return NULL;
}

/* Lines kept on the stack; a longer text moves them to the heap. */
#define STACK_LINES 64

struct reader;

struct parse_state {
	struct align_ini *ini;
	struct reader *reader;
	const char *text;  /* what the lines point into */
	char *strings;     /* its copy in ini->block, cut into strings */
	size_t fields_cap; /* room for fields in ini->block */
	size_t nsection_lines;
	size_t first_line;
	const char *path;
	struct align_ini_memo *memo; /* or NULL */
	struct align_diags *diags;
	int errors;
};

struct reader {
	struct line *lines;
	size_t nlines;
	size_t alloc;
	size_t next; /* next line to hand to inih */
	size_t current; /* index of the line inih is reading */
	size_t handed; /* lines inih has read */
	struct parse_state *st;
	struct line stack[STACK_LINES];
};

static struct line *add_line(struct reader *r)
{
	if (r->nlines == r->alloc) {
		size_t want = r->alloc * 2;

		if (r->lines == r->stack) {
			r->lines = align_malloc(want * sizeof(*r->lines));
			memcpy(r->lines, r->stack, r->nlines * sizeof(*r->lines));
		} else {
			r->lines = align_realloc(r->lines,
						 want * sizeof(*r->lines));
		}
		r->alloc = want;
	}
	return &r->lines[r->nlines++];
}

/*
 * The memo: field lines inih has read exactly as the scan does, by their
 * bytes. An open-addressing table of hashes, lengths and offsets into a
 * pool of the lines themselves; a hit is confirmed byte for byte.
 */
#define MEMO_LINES 2048 /* at most; then it only answers */

struct memo_slot {
	uint64_t hash; /* 0: free */
	size_t at;     /* in pool */
	size_t len;
};

struct align_ini_memo {
	struct memo_slot *slots; /* 2 * MEMO_LINES, or NULL while empty */
	size_t count;
	struct align_buf pool;
};

struct align_ini_memo *align_ini_memo_new(void)
{
	struct align_ini_memo *memo = align_calloc(1, sizeof(*memo));

	/* The table comes with the first line. */
	align_buf_init(&memo->pool);
	return memo;
}

void align_ini_memo_free(struct align_ini_memo *memo)
{
	if (!memo) {
		return;
	}
	free(memo->slots);
	align_buf_release(&memo->pool);
	free(memo);
}

/* FNV-1a, never 0 (which marks a free slot). */
static uint64_t memo_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

/* The slot of line `s`, or the free one where it would go. */
static struct memo_slot *memo_slot(const struct align_ini_memo *memo,
				   const char *s, size_t n, uint64_t h)
{
	size_t mask = 2 * MEMO_LINES - 1, i = (size_t)h & mask;

	for (;; i = (i + 1) & mask) {
		struct memo_slot *slot = &memo->slots[i];

		ALIGN_WORK_STEP();
		if (!slot->hash || (slot->hash == h && slot->len == n &&
				    !memcmp(memo->pool.ptr + slot->at, s, n))) {
			return slot;
		}
	}
}

static int memo_has(const struct align_ini_memo *memo, const struct line *l)
{
	return memo->slots && memo_slot(memo, l->start, l->len,
					memo_hash(l->start, l->len))->hash;
}

static void memo_add(struct align_ini_memo *memo, const struct line *l)
{
	uint64_t h = memo_hash(l->start, l->len);
	struct memo_slot *slot;

	if (memo->count >= MEMO_LINES) {
		return;
	}
	if (!memo->slots) {
		memo->slots = align_calloc(2 * MEMO_LINES,
					   sizeof(*memo->slots));
	}
	slot = memo_slot(memo, l->start, l->len, h);
	if (slot->hash) {
		return;
	}
	slot->hash = h;
	slot->at = memo->pool.len;
	slot->len = l->len;
	align_buf_add(&memo->pool, l->start, l->len);
	memo->count++;
}

static void add_field(struct parse_state *st, size_t index);

/*
 * Hands inih one whole line at a time; lines were checked to fit. Blank
 * lines and comments are nothing to inih, and a field line it has read
 * before (in the memo) would be read the same way again: those it does
 * not see. Every section line it sees, so it knows the section.
 */
static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const struct align_ini_memo *memo = r->st->memo;
	struct line *l;
	size_t n;

	for (;; r->next++) {
		if (r->next >= r->nlines) {
			return NULL;
		}
		l = &r->lines[r->next];
		if (l->type == L_BLANK) {
			continue;
		}
		if (l->type == L_FIELD && memo && memo_has(memo, l)) {
			add_field(r->st, r->next);
			continue;
		}
		break;
	}
	r->current = r->next++;
	l->inih_line = ++r->handed;
	n = l->len;
	if ((size_t)num < n + 2) {
		/* Cannot happen: lines over ALIGN_INI_LINE_MAX were refused. */
		n = (size_t)num - 2;
	}
	memcpy(str, l->start, n);
	str[n] = '\n';
	str[n + 1] = '\0';
	return str;
}


/* A span of line `l` as a string in the copy: cut after it, point at it. */
static char *cut(struct parse_state *st, const struct line *l, size_t start,
		 size_t len)
{
	char *s = st->strings + (l->start - st->text) + start;

	s[len] = '\0';
	return s;
}

/* Appends the field of line `index`, as the scan read it. */
static void add_field(struct parse_state *st, size_t index)
{
	const struct line *l = &st->reader->lines[index];
	struct align_ini_field *f = &st->ini->fields[st->ini->nfields++];

	f->section = (size_t)l->section;
	f->key = st->strings + (l->start - st->text) + l->a_start;
	f->value = st->strings + (l->start - st->text) + l->b_start;
	f->line = st->first_line + index;
	f->value_start = l->b_start;
	f->value_end = l->b_start + l->b_len;
}

static int handle_field(void *user, const char *section, const char *key,
			const char *value)
{
	struct parse_state *st = user;
	struct align_ini *ini = st->ini;
	struct line *l = &st->reader->lines[st->reader->current];
	size_t lineno = st->first_line + st->reader->current;

	/*
	 * inih and align's scan must agree on every field, or we stop; the
	 * field's strings are then the scan's own, cut in the copy.
	 */
	if (l->type != L_FIELD || l->section < 0 ||
	    ini->nfields >= st->fields_cap ||
	    memcmp(key, l->start, l->a_len) || key[l->a_len] ||
	    memcmp(value, l->start + l->b_start, l->b_len) ||
	    value[l->b_len]) {
		align_diags_add(st->diags, st->path, lineno, ALIGN_SEV_ERROR,
				"inih read this line differently than align "
				"(section '%s', key '%s')", section, key);
		st->errors++;
		return 1;
	}
	add_field(st, st->reader->current);
	l->confirmed = 1;
	return 1;
}

/*
 * Names, keys and subsections are a few bytes long: comparing them here
 * is quicker than a call to strcmp, and lookups are most of what check
 * does with a record.
 */
static int same_str(const char *a, const char *b)
{
	ALIGN_WORK_STEP();
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static int same_section(const struct align_ini_section *s, const char *name,
			const char *sub)
{
	if (!same_str(s->name, name)) {
		return 0;
	}
	/* Callers often pass a section's own sub back. */
	return s->sub == sub || (sub && s->sub && same_str(sub, s->sub));
}

/* The index key of a section: "<name>\x1f<sub>" (sub "" for none). */
static size_t section_key(char *out, size_t cap, const char *name,
			  const char *sub)
{
	size_t n = strlen(name), m = sub ? strlen(sub) : 0;

	if (n + m + 2 > cap) {
		return 0;
	}
	memcpy(out, name, n);
	out[n] = '\x1f';
	memcpy(out + n + 1, sub ? sub : "", m);
	out[n + 1 + m] = '\0';
	return n + m + 2;
}

long align_ini_find_section(const struct align_ini *ini, const char *name,
			    const char *sub)
{
	char key[128];
	size_t i;

	if (ini->index.count && section_key(key, sizeof(key), name, sub)) {
		return align_idmap_get(&ini->index, key, &i) ? (long)i : -1;
	}
	for (i = 0; i < ini->nsections; i++) {
		if (same_section(&ini->sections[i], name, sub)) {
			return (long)i;
		}
	}
	return -1;
}

const struct align_ini_field *align_ini_find(const struct align_ini *ini,
					     size_t section, const char *key)
{
	const struct align_ini_section *s;

	if (section >= ini->nsections) {
		return NULL;
	}
	s = &ini->sections[section];
	if (s->keys) {
		size_t i;
		return align_idmap_get(s->keys, key, &i) ? &ini->fields[i]
							 : NULL;
	}
	for (size_t i = s->first_field; i < s->first_field + s->nfields; i++) {
		const struct align_ini_field *f = &ini->fields[i];
		if (same_str(f->key, key)) {
			return f;
		}
	}
	return NULL;
}

static void describe_section(struct align_buf *out,
			     const struct align_ini_section *s)
{
	align_buf_addf(out, "[%s", s->name);
	if (s->sub) {
		align_buf_addf(out, " \"%s\"", s->sub);
	}
	align_buf_addch(out, ']');
}

/*
 * What inih 55 would misread in one line, in order of precedence: a NUL,
 * a carriage return inside the line, more than ALIGN_INI_LINE_MAX bytes,
 * invalid UTF-8. One pass over the bytes finds the first three; UTF-8 is
 * decoded only when a byte is not ASCII.
 */
static const char *check_bytes(const char *s, size_t n, int *too_long)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t nul8 = 0, cr8 = 0, any8 = 0;
	unsigned char any = 0;
	int nul = 0, cr = 0;
	size_t i = 0;

	*too_long = 0;
	/* Eight bytes at a time: a zero byte of w, or of w ^ CRs, shows. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w, x;

		memcpy(&w, s + i, sizeof(w));
		x = w ^ (ones * '\r');
		nul8 |= (w - ones) & ~w & high;
		cr8 |= (x - ones) & ~x & high;
		any8 |= w;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		nul |= c == '\0';
		cr |= c == '\r';
		any |= c;
	}
	nul |= nul8 != 0;
	cr |= cr8 != 0;
	any |= (any8 & high) ? 0x80 : 0;
	if (nul) {
		return "contains a NUL byte";
	}
	if (cr) {
		return "contains a carriage return that does not end the line";
	}
	if (n > ALIGN_INI_LINE_MAX) {
		*too_long = 1;
		return NULL;
	}
	if ((any & 0x80) && !align_utf8_valid(s, n)) {
		return "is not valid UTF-8";
	}
	return NULL;
}

/* Splits the text into lines and checks each one. */
static void scan_lines(struct reader *r, const char *text, size_t len,
		       struct parse_state *st)
{
	size_t pos = 0;

	/* A UTF-8 byte order mark is allowed before the first line. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) && st->first_line == 1) {
		pos = 3;
	}
	while (pos < len) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;
		size_t lineno = st->first_line + r->nlines;
		struct line *l;
		const char *problem;
		int too_long;

		pos += n + (nl ? 1 : 0);
		if (n && start[n - 1] == '\r') {
			n--;
		}
		l = add_line(r);
		memset(l, 0, sizeof(*l));
		l->start = start;
		l->len = n;
		problem = check_bytes(start, n, &too_long);
		if (too_long) {
			align_diags_add(st->diags, st->path, lineno,
					ALIGN_SEV_ERROR,
					"line is %zu bytes long; the limit is "
					"%d bytes",
					n, ALIGN_INI_LINE_MAX);
			st->errors++;
			continue;
		}
		if (!problem) {
			problem = scan_line(l);
		}
		if (problem) {
			align_diags_add(st->diags, st->path, lineno,
					ALIGN_SEV_ERROR, "%s%s",
					align_starts_with(problem, "contains") ||
							align_starts_with(problem,
									  "is ")
						? "line "
						: "",
					problem);
			st->errors++;
			continue;
		}
		if (l->type == L_SECTION) {
			st->nsection_lines++;
		} else if (l->type == L_FIELD) {
			st->fields_cap++;
		}
	}
}

/*
 * Makes the one block of `ini`: room for every section and field line
 * found, then a copy of the text to cut the strings from.
 */
static void make_block(struct parse_state *st, size_t len)
{
	struct align_ini *ini = st->ini;
	size_t sections = st->nsection_lines * sizeof(*ini->sections);
	size_t fields = st->fields_cap * sizeof(*ini->fields);
	char *block = align_malloc(sections + fields + len + 1);

	ini->block = block;
	ini->sections = st->nsection_lines
				? (struct align_ini_section *)(void *)block
				: NULL;
	ini->sections_alloc = st->nsection_lines;
	ini->fields = st->fields_cap ? (struct align_ini_field *)(void *)(
					       block + sections)
				     : NULL;
	ini->fields_alloc = st->fields_cap;
	st->strings = block + sections + fields;
	memcpy(st->strings, st->text, len);
	st->strings[len] = '\0';
}

/* Indexes the sections by name and sub; reports a duplicate. */
static void index_sections(struct parse_state *st)
{
	struct align_ini *ini = st->ini;
	size_t total = 0, at = 0;

	for (size_t i = 0; i < ini->nsections; i++) {
		const struct align_ini_section *s = &ini->sections[i];
		total += strlen(s->name) + (s->sub ? strlen(s->sub) : 0) + 2;
	}
	/* One buffer that no longer grows: the map borrows its keys. */
	ini->index_keys = align_malloc(total ? total : 1);
	for (size_t i = 0; i < ini->nsections; i++) {
		const struct align_ini_section *s = &ini->sections[i];
		char *key = ini->index_keys + at;
		size_t first;

		at += section_key(key, total - at, s->name, s->sub);
		if (!align_idmap_add(&ini->index, key, i, &first)) {
			struct align_buf d = ALIGN_BUF_INIT;
			describe_section(&d, s);
			align_diags_add(st->diags, st->path, s->line,
					ALIGN_SEV_ERROR,
					"duplicate section %s (first at line "
					"%zu)",
					d.ptr, ini->sections[first].line);
			align_buf_release(&d);
			st->errors++;
		}
	}
}

/*
 * Records sections and catches duplicates and fields outside sections;
 * cuts the names, keys and values of the copy into strings.
 */
static void collect_sections(struct reader *r, struct parse_state *st)
{
	struct align_ini *ini = st->ini;

	for (size_t i = 0; i < r->nlines; i++) {
		struct line *l = &r->lines[i];
		size_t lineno = st->first_line + i;

		l->section = (long)ini->nsections - 1;
		if (l->type == L_FIELD) {
			if (!ini->nsections) {
				align_diags_add(st->diags, st->path, lineno,
						ALIGN_SEV_ERROR,
						"field outside any section");
				st->errors++;
			}
			cut(st, l, l->a_start, l->a_len);
			cut(st, l, l->b_start, l->b_len);
		}
		if (l->type != L_SECTION) {
			continue;
		}
		{
			struct align_ini_section s;

			s.name = cut(st, l, l->a_start, l->a_len);
			s.sub = l->has_sub ? cut(st, l, l->b_start, l->b_len)
					   : NULL;
			s.line = lineno;
			s.first_field = 0;
			s.nfields = 0;
			s.keys = NULL;
			l->section = (long)ini->nsections;
			ini->sections[ini->nsections++] = s;
		}
	}
	index_sections(st);
}

/* Each section's run of fields: fields come in line order. */
static void index_fields(struct align_ini *ini)
{
	for (size_t i = 0; i < ini->nfields; i++) {
		struct align_ini_section *s =
			&ini->sections[ini->fields[i].section];

		if (!s->nfields++) {
			s->first_field = i;
		}
	}
}

/* Sections longer than this have their keys indexed. */
#define LONG_SECTION 16

/*
 * Catches a key given twice in a section, and indexes the keys of each
 * long section (kept for align_ini_find).
 */
static void check_duplicate_keys(struct parse_state *st)
{
	struct align_ini *ini = st->ini;

	for (size_t i = 0; i < ini->nfields; i++) {
		const struct align_ini_field *f = &ini->fields[i];
		struct align_ini_section *s = &ini->sections[f->section];
		size_t from = s->first_field, to = i;

		/* A long section: an earlier field with this key, by hash. */
		if (s->nfields > LONG_SECTION) {
			size_t first;

			if (!s->keys) {
				s->keys = align_calloc(1, sizeof(*s->keys));
			}
			if (align_idmap_add(s->keys, f->key, i, &first)) {
				continue;
			}
			from = first;
			to = first + 1;
		}
		/* An earlier field of the same section is in its run. */
		for (size_t j = from; j < to; j++) {
			const struct align_ini_field *g = &ini->fields[j];

			if (same_str(f->key, g->key)) {
				struct align_buf d = ALIGN_BUF_INIT;
				describe_section(&d, s);
				align_diags_add(st->diags, st->path, f->line,
						ALIGN_SEV_ERROR,
						"duplicate key '%s' in %s (first "
						"at line %zu)",
						f->key, d.ptr, g->line);
				align_buf_release(&d);
				st->errors++;
				break;
			}
		}
	}
}

/* The line of the file where inih's line number `n` is. */
static size_t inih_to_line(const struct reader *r, size_t first_line,
			   size_t n)
{
	for (size_t i = 0; i < r->nlines; i++) {
		if (r->lines[i].inih_line == n) {
			return first_line + i;
		}
	}
	return first_line + n - 1;
}

int align_ini_parse(struct align_ini *out, const char *text, size_t len,
		    size_t first_line, const char *path,
		    struct align_diags *diags)
{
	return align_ini_parse_memo(out, text, len, first_line, path, NULL,
				    diags);
}

int align_ini_parse_memo(struct align_ini *out, const char *text, size_t len,
			 size_t first_line, const char *path,
			 struct align_ini_memo *memo, struct align_diags *diags)
{
	struct reader r;
	struct parse_state st;
	int ret;

	memset(&st, 0, sizeof(st));
	r.lines = r.stack;
	r.nlines = 0;
	r.alloc = STACK_LINES;
	r.next = r.current = r.handed = 0;
	r.st = &st;
	st.ini = out;
	st.reader = &r;
	st.text = text;
	st.first_line = first_line;
	st.path = path;
	st.memo = memo;
	st.diags = diags;
	scan_lines(&r, text, len, &st);
	if (!st.errors) {
		make_block(&st, len);
		collect_sections(&r, &st);
	}
	if (!st.errors) {
		ret = ini_parse_stream(read_line, &r, handle_field, &st);
		if (ret != 0) {
			align_diags_add(diags, path,
					ret > 0 ? inih_to_line(&r, first_line,
							       (size_t)ret)
						: 0,
					ALIGN_SEV_ERROR,
					"inih could not parse this line");
			st.errors++;
		}
	}
	if (!st.errors && memo) {
		for (size_t i = 0; i < r.nlines; i++) {
			if (r.lines[i].confirmed) {
				memo_add(memo, &r.lines[i]);
			}
		}
	}
	if (!st.errors) {
		index_fields(out);
		check_duplicate_keys(&st);
	}
	if (r.lines != r.stack) {
		free(r.lines);
	}
	if (st.errors) {
		align_ini_release(out);
		return ALIGN_EINVALID;
	}
	return 0;
}

void align_ini_release(struct align_ini *ini)
{
	for (size_t i = 0; i < ini->nsections; i++) {
		if (ini->sections[i].keys) {
			align_idmap_release(ini->sections[i].keys);
			free(ini->sections[i].keys);
		}
	}
	align_idmap_release(&ini->index);
	free(ini->index_keys);
	free(ini->block);
	memset(ini, 0, sizeof(*ini));
}
