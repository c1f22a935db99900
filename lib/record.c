#include "record.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

int align_record_format_of(const char *path)
{
	if (align_ends_with(path, ".md")) {
		return ALIGN_RECORD_MD;
	}
	if (align_ends_with(path, ".ini")) {
		return ALIGN_RECORD_INI;
	}
	return -1;
}

static void index_lines(struct align_record *r)
{
	const char *s = r->bytes.ptr;
	size_t len = r->bytes.len, alloc = 1, crlf = 0, lf = 0;

	/* Count the lines first: one allocation of the right size. */
	for (const char *p = s, *end = s + len;
	     p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		alloc++;
	}
	r->line_starts = align_malloc(alloc * sizeof(*r->line_starts));
	r->nlines = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(s + pos, '\n', len - pos);

		ALIGN_ARRAY_GROW(r->line_starts, alloc, r->nlines + 1);
		r->line_starts[r->nlines++] = pos;
		if (!nl) {
			break;
		}
		if (nl > s + pos && nl[-1] == '\r') {
			crlf++;
		} else {
			lf++;
		}
		pos = (size_t)(nl - s) + 1;
	}
	r->eol = crlf > lf ? "\r\n" : "\n";
}

/* Start of line `line` (1-based); one past the end for nlines + 1. */
static size_t line_start(const struct align_record *r, size_t line)
{
	return line <= r->nlines ? r->line_starts[line - 1] : r->bytes.len;
}

/* Length of a line without its line ending. */
static size_t line_len(const struct align_record *r, size_t line)
{
	size_t start = line_start(r, line), end = line_start(r, line + 1);

	if (end > start && r->bytes.ptr[end - 1] == '\n') {
		end--;
		if (end > start && r->bytes.ptr[end - 1] == '\r') {
			end--;
		}
	}
	return end - start;
}

static int line_has_eol(const struct align_record *r, size_t line)
{
	size_t end = line_start(r, line + 1);
	return end > 0 && r->bytes.ptr[end - 1] == '\n';
}

/*
 * The fence on a line: up to 3 spaces, then 3 or more backticks or
 * tildes. Sets the character and run length; returns the index after the
 * run, or 0 when the line holds no fence.
 */
static size_t fence_at(const struct align_record *r, size_t line, char *c,
		       size_t *run)
{
	const char *s = r->bytes.ptr + line_start(r, line);
	size_t n = line_len(r, line), i = 0;

	*run = 0;
	while (i < n && i < 3 && s[i] == ' ') {
		i++;
	}
	if (i >= n || (s[i] != '`' && s[i] != '~')) {
		return 0;
	}
	*c = s[i];
	while (i < n && s[i] == *c) {
		i++;
		(*run)++;
	}
	return *run >= 3 ? i : 0;
}

/* CommonMark: the closing fence repeats the opening character, at least
 * as many times, followed only by blanks. */
static int closes_fence(const struct align_record *r, size_t open,
			size_t line)
{
	const char *s = r->bytes.ptr + line_start(r, line);
	size_t n = line_len(r, line), run, open_run, i;
	char c, open_c;

	if (!fence_at(r, open, &open_c, &open_run) ||
	    !(i = fence_at(r, line, &c, &run)) || c != open_c ||
	    run < open_run) {
		return 0;
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t')) {
		i++;
	}
	return i == n;
}

static int parse_markdown(struct align_record *r, struct align_diags *diags)
{
	size_t depth, depth_line;
	int errors = 0;

	depth = align_md_nesting(r->bytes.ptr, r->bytes.len, &depth_line);
	if (depth > ALIGN_MD_NESTING_MAX) {
		align_diags_add(diags, r->path, depth_line, ALIGN_SEV_ERROR,
				"lists, quotes or indentation nested %zu deep; "
				"the limit is %d",
				depth, ALIGN_MD_NESTING_MAX);
		return ALIGN_EINVALID;
	}
	if (align_md_outline(&r->outline, r->bytes.ptr, r->bytes.len) < 0) {
		align_diags_add(diags, r->path, 0, ALIGN_SEV_ERROR,
				"cannot parse Markdown");
		return ALIGN_EINVALID;
	}
	if (!r->outline.title) {
		align_diags_add(diags, r->path, 1, ALIGN_SEV_ERROR,
				"no '# Title' heading");
		errors++;
	} else {
		r->title = align_strdup(r->outline.title);
		r->title_line = r->outline.title_line;
		r->title_end = r->outline.title_end;
	}
	if (!r->outline.ini_blocks) {
		align_diags_add(diags, r->path, 0, ALIGN_SEV_ERROR,
				"no ```ini block with the record's fields");
		return ALIGN_EINVALID;
	}
	if (r->outline.ini_blocks > 1) {
		align_diags_add(diags, r->path, 0, ALIGN_SEV_ERROR,
				"%zu ```ini blocks; a record has exactly one",
				r->outline.ini_blocks);
		errors++;
	}
	if (r->outline.ini_end <= r->outline.ini_open ||
	    !closes_fence(r, r->outline.ini_open, r->outline.ini_end)) {
		align_diags_add(diags, r->path, r->outline.ini_open,
				ALIGN_SEV_ERROR, "unclosed ```ini block");
		return ALIGN_EINVALID;
	}
	r->ini_first = r->outline.ini_open + 1;
	r->ini_last = r->outline.ini_end - 1;
	r->ini_close = r->outline.ini_end;
	return errors ? ALIGN_EINVALID : 0;
}

size_t align_record_max_size(const struct align_record_limits *limits)
{
	return limits && limits->max_size ? limits->max_size
					  : ALIGN_RECORD_MAX_SIZE;
}

static int parse_bytes(struct align_record *r, struct align_ini_memo *memo,
		       struct align_diags *diags)
{
	size_t max = align_record_max_size(&r->limits);
	const char *nul;
	int ret;

	if (r->bytes.len > max) {
		align_diags_add(diags, r->path, 0, ALIGN_SEV_ERROR,
				"record is %zu bytes; the limit is %zu bytes "
				"(core.max-record-size)",
				r->bytes.len, max);
		return ALIGN_EINVALID;
	}
	nul = memchr(r->bytes.ptr, '\0', r->bytes.len);
	if (nul) {
		align_diags_add(diags, r->path, 0, ALIGN_SEV_ERROR,
				"binary file (NUL byte at offset %zu)",
				(size_t)(nul - r->bytes.ptr));
		return ALIGN_EINVALID;
	}
	index_lines(r);
	if (!align_utf8_valid(r->bytes.ptr, r->bytes.len)) {
		/* Find the first bad line for the message. */
		for (size_t l = 1; l <= r->nlines; l++) {
			if (!align_utf8_valid(r->bytes.ptr + line_start(r, l),
					      line_len(r, l))) {
				align_diags_add(diags, r->path, l,
						ALIGN_SEV_ERROR,
						"line is not valid UTF-8");
				break;
			}
		}
		return ALIGN_EINVALID;
	}
	if (r->format == ALIGN_RECORD_MD) {
		ret = parse_markdown(r, diags);
		if (ret < 0 && !r->ini_close) {
			return ret;
		}
	} else {
		r->ini_first = 1;
		r->ini_last = r->nlines;
		ret = 0;
	}
	{
		size_t start = line_start(r, r->ini_first);
		size_t end = r->ini_last >= r->ini_first
				     ? line_start(r, r->ini_last + 1)
				     : start;
		int iret = align_ini_parse_memo(&r->ini, r->bytes.ptr + start,
						end - start, r->ini_first,
						r->path, memo, diags);
		if (iret < 0) {
			return iret;
		}
	}
	if (ret < 0) {
		return ret;
	}
	if (!r->ini.nsections) {
		align_diags_add(diags, r->path, r->ini_first, ALIGN_SEV_ERROR,
				"no fields: the first section names the kind, "
				"as in '[brief]'");
		return ALIGN_EINVALID;
	}
	return 0;
}

static void reset_parsed(struct align_record *r)
{
	free(r->line_starts);
	r->line_starts = NULL;
	r->nlines = 0;
	free(r->title);
	r->title = NULL;
	r->title_line = r->title_end = 0;
	r->ini_first = r->ini_last = r->ini_close = 0;
	align_ini_release(&r->ini);
	align_md_outline_release(&r->outline);
}

int align_record_parse(struct align_record **out, const char *path,
		       const char *data, size_t len,
		       const struct align_record_limits *limits,
		       struct align_diags *diags)
{
	return align_record_parse_memo(out, path, data, len, limits, NULL,
				       diags);
}

int align_record_parse_memo(struct align_record **out, const char *path,
			    const char *data, size_t len,
			    const struct align_record_limits *limits,
			    struct align_ini_memo *memo,
			    struct align_diags *diags)
{
	struct align_record *r;
	int format = align_record_format_of(path);
	int ret;

	*out = NULL;
	if (format < 0) {
		align_diags_add(diags, path, 0, ALIGN_SEV_ERROR,
				"not a record: records end in .md or .ini");
		return ALIGN_EINVALID;
	}
	r = align_calloc(1, sizeof(*r));
	r->path = align_strdup(path);
	r->format = (enum align_record_format)format;
	if (limits) {
		r->limits = *limits;
	}
	align_buf_init(&r->bytes);
	align_buf_add(&r->bytes, data, len);
	ret = parse_bytes(r, memo, diags);
	if (ret < 0) {
		align_record_free(r);
		return ret;
	}
	*out = r;
	return 0;
}

void align_record_free(struct align_record *record)
{
	if (!record) {
		return;
	}
	reset_parsed(record);
	align_buf_release(&record->bytes);
	free(record->path);
	free(record);
}

const char *align_record_kind(const struct align_record *record)
{
	return record->ini.sections[0].name;
}

const char *align_record_get(const struct align_record *record,
			     const char *section, const char *sub,
			     const char *key)
{
	long s = align_ini_find_section(&record->ini, section, sub);
	const struct align_ini_field *f;

	if (s < 0) {
		return NULL;
	}
	f = align_ini_find(&record->ini, (size_t)s, key);
	return f ? f->value : NULL;
}

size_t align_record_line(const struct align_record *record,
			 const char *section, const char *sub,
			 const char *key)
{
	long s = align_ini_find_section(&record->ini, section, sub);
	const struct align_ini_field *f;

	if (s < 0) {
		return 0;
	}
	f = align_ini_find(&record->ini, (size_t)s, key);
	return f ? f->line : 0;
}

const char *align_record_id(const struct align_record *record)
{
	return align_record_get(record, align_record_kind(record), NULL, "id");
}

/*
 * Replaces bytes [start, end) with `with`, then parses again. On a parse
 * failure (which would be a bug in the writer) the old bytes come back.
 */
static int splice(struct align_record *r, size_t start, size_t end,
		  const struct align_buf *with, struct align_buf *err)
{
	struct align_buf next = ALIGN_BUF_INIT, old = r->bytes;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int ret;

	align_buf_add(&next, r->bytes.ptr, start);
	align_buf_add(&next, with->ptr, with->len);
	align_buf_add(&next, r->bytes.ptr + end, r->bytes.len - end);
	reset_parsed(r);
	r->bytes = next;
	ret = parse_bytes(r, NULL, &diags);
	if (ret < 0) {
		reset_parsed(r);
		align_buf_release(&r->bytes);
		r->bytes = old;
		align_buf_sets(err, diags.count ? diags.items[0].message
						: "edit did not read back");
		align_diags_clear(&diags);
		parse_bytes(r, NULL, &diags);
		align_diags_clear(&diags);
		return ALIGN_EINVALID;
	}
	align_buf_release(&old);
	align_diags_clear(&diags);
	return 0;
}

static void section_header(struct align_buf *out, const char *section,
			   const char *sub)
{
	align_buf_addf(out, "[%s", section);
	if (sub) {
		align_buf_addf(out, " \"%s\"", sub);
	}
	align_buf_addch(out, ']');
}

static int check_line_length(const struct align_buf *line, const char *key,
			     struct align_buf *err)
{
	if (line->len > ALIGN_INI_LINE_MAX) {
		align_buf_clear(err);
		align_buf_addf(err,
			       "value of '%s' is too long: the line would be "
			       "%zu bytes; the limit is %d",
			       key, line->len, ALIGN_INI_LINE_MAX);
		return ALIGN_EINVALID;
	}
	return 0;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Builds a field line with `value` in place of bytes [vs, ve). Setting a
 * value and then the old one gives back the old line byte for byte when
 * both are non-empty. Emptying a value and filling it again can only keep
 * the line's spacing up to blanks: "k=v ;c" and "k= v ;c" both empty to
 * "k= ;c". Blanks are never left at the end of a line.
 */
static void edit_value_line(struct align_buf *out, const char *text,
			    size_t n, size_t vs, size_t ve, const char *value)
{
	if (vs == ve && *value) {
		size_t eq = (size_t)((const char *)memchr(text, '=', n) - text);
		size_t ws = 0, rest;

		while (eq + 1 + ws < n && blank(text[eq + 1 + ws])) {
			ws++;
		}
		rest = eq + 1 + ws;
		if (rest < n) {
			/* A comment follows: keep one blank before it. */
			int spaced = eq > 0 && blank(text[eq - 1]);
			size_t at = eq + 1 + (ws >= 2 || spaced ? 1 : 0);
			align_buf_add(out, text, at);
			align_buf_adds(out, value);
			if (ws == 1 && spaced) {
				align_buf_addch(out, ' ');
			}
			align_buf_add(out, text + at, n - at);
		} else {
			align_buf_add(out, text, eq + 1);
			if (ws || (eq > 0 && blank(text[eq - 1]))) {
				align_buf_addch(out, ' ');
			}
			align_buf_adds(out, value);
		}
		return;
	}
	if (!*value && ve < n && vs > 0 && blank(text[vs - 1]) &&
	    blank(text[ve])) {
		vs--; /* "k = v ; c" empties to "k = ; c", not "k =  ; c" */
	}
	align_buf_add(out, text, vs);
	align_buf_adds(out, value);
	align_buf_add(out, text + ve, n - ve);
	if (!*value && ve == n) {
		align_buf_rtrim(out);
	}
}

int align_record_unset(struct align_record *r, const char *section,
		       const char *sub, const char *key, struct align_buf *err)
{
	struct align_buf none = ALIGN_BUF_INIT;
	const struct align_ini_field *f;
	long s = align_ini_find_section(&r->ini, section, sub);
	int ret;

	f = s < 0 ? NULL : align_ini_find(&r->ini, (size_t)s, key);
	if (!f) {
		return 0;
	}
	ret = splice(r, line_start(r, f->line), line_start(r, f->line + 1),
		     &none, err);
	align_buf_release(&none);
	return ret;
}

int align_record_set(struct align_record *r, const char *section,
		     const char *sub, const char *key, const char *value,
		     struct align_buf *err)
{
	struct align_buf line = ALIGN_BUF_INIT;
	const char *problem;
	long s;
	int ret;

	if (!align_ini_key_valid(section) || !align_ini_key_valid(key) ||
	    (sub && !align_ini_sub_valid(sub))) {
		align_buf_clear(err);
		align_buf_addf(err, "invalid field name '%s%s%s.%s'", section,
			       sub ? "." : "", sub ? sub : "", key);
		return ALIGN_EINVALID;
	}
	if ((problem = align_ini_value_problem(value))) {
		align_buf_clear(err);
		align_buf_addf(err, "value of '%s' %s", key, problem);
		return ALIGN_EINVALID;
	}
	s = align_ini_find_section(&r->ini, section, sub);
	if (s >= 0) {
		const struct align_ini_field *f =
			align_ini_find(&r->ini, (size_t)s, key);

		if (f) {
			size_t ls = line_start(r, f->line);
			const char *text = r->bytes.ptr + ls;
			size_t n = line_len(r, f->line);

			edit_value_line(&line, text, n, f->value_start,
					f->value_end, value);
			ret = check_line_length(&line, key, err);
			if (!ret) {
				ret = splice(r, ls, ls + n, &line, err);
			}
			align_buf_release(&line);
			return ret;
		}
		{
			/* Insert after the section's last field or header. */
			const struct align_ini_section *sec =
				&r->ini.sections[s];
			size_t after = sec->line;

			/* Fields are in line order: the run's last is last. */
			if (sec->nfields) {
				after = r->ini.fields[sec->first_field +
						      sec->nfields - 1]
						.line;
			}
			align_buf_addf(&line, "%s = %s", key, value);
			ret = check_line_length(&line, key, err);
			if (!ret) {
				struct align_buf ins = ALIGN_BUF_INIT;
				size_t at = line_start(r, after + 1);

				if (!line_has_eol(r, after)) {
					align_buf_adds(&ins, r->eol);
					align_buf_add(&ins, line.ptr, line.len);
				} else {
					align_buf_add(&ins, line.ptr, line.len);
					align_buf_adds(&ins, r->eol);
				}
				ret = splice(r, at, at, &ins, err);
				align_buf_release(&ins);
			}
			align_buf_release(&line);
			return ret;
		}
	}
	/* A new section at the end of the fields. */
	align_buf_addf(&line, "%s = %s", key, value);
	ret = check_line_length(&line, key, err);
	if (!ret) {
		struct align_buf ins = ALIGN_BUF_INIT;
		size_t at;

		if (r->format == ALIGN_RECORD_MD) {
			at = line_start(r, r->ini_close);
		} else {
			at = r->bytes.len;
			if (at && r->bytes.ptr[at - 1] != '\n') {
				align_buf_adds(&ins, r->eol);
			}
		}
		if (r->ini_last >= r->ini_first) {
			align_buf_adds(&ins, r->eol);
		}
		section_header(&ins, section, sub);
		align_buf_adds(&ins, r->eol);
		align_buf_add(&ins, line.ptr, line.len);
		align_buf_adds(&ins, r->eol);
		ret = splice(r, at, at, &ins, err);
		align_buf_release(&ins);
	}
	align_buf_release(&line);
	return ret;
}

int align_record_set_fields(struct align_record *record, const char *section,
			    const char *const (*fields)[2], size_t n,
			    struct align_buf *err)
{
	for (size_t i = 0; i < n; i++) {
		int ret;

		if (fields[i][1] &&
		    (ret = align_record_set(record, section, NULL, fields[i][0],
					    fields[i][1], err)) < 0) {
			return ret;
		}
	}
	return 0;
}

const char *align_title_problem(const char *title)
{
	size_t n = strlen(title);
	int visible = 0;

	if (n > ALIGN_TITLE_MAX) {
		return "is too long (the limit is 200 bytes)";
	}
	if (!align_utf8_valid(title, n)) {
		return "is not valid UTF-8";
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)title[i];
		if (c < 0x20 || c == 0x7f) {
			return "contains a control character";
		}
		if (c != ' ') {
			visible = 1;
		}
	}
	if (!visible) {
		return "is empty";
	}
	if (title[0] == ' ' || title[n - 1] == ' ') {
		return "starts or ends with a space";
	}
	return NULL;
}

/*
 * Writes `title` as the text of an ATX heading that cmark reads back as
 * exactly `title`: Markdown's punctuation is backslash-escaped.
 */
static void escape_title(struct align_buf *out, const char *title)
{
	for (const char *p = title; *p; p++) {
		int escape = strchr("\\`*_[]<", *p) != NULL;

		if (*p == '#') {
			/* Only a trailing run of '#' closes an ATX heading. */
			escape = p[strspn(p, "#")] == '\0';
		} else if (*p == '&') {
			/* Only "&name;" or "&#123;" would be read as an entity. */
			size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
						 "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
						 "0123456789#");
			escape = n > 0 && p[1 + n] == ';';
		}
		if (escape) {
			align_buf_addch(out, '\\');
		}
		align_buf_addch(out, *p);
	}
}

int align_record_set_title(struct align_record *r, const char *title,
			   struct align_buf *err)
{
	struct align_buf line = ALIGN_BUF_INIT;
	const char *problem = align_title_problem(title);
	size_t ls, end;
	int ret;

	if (problem) {
		align_buf_clear(err);
		align_buf_addf(err, "title %s", problem);
		return ALIGN_EINVALID;
	}
	if (r->format != ALIGN_RECORD_MD || !r->title_line) {
		align_buf_sets(err, "record has no title line");
		return ALIGN_EINVALID;
	}
	ls = line_start(r, r->title_line);
	/* A setext title ("Title" over "=====") becomes one ATX line. */
	end = r->title_end > r->title_line
		      ? line_start(r, r->title_end) + line_len(r, r->title_end)
		      : ls + line_len(r, r->title_line);
	align_buf_adds(&line, "# ");
	escape_title(&line, title);
	ret = splice(r, ls, end, &line, err);
	if (!ret && (!r->title || strcmp(r->title, title))) {
		align_buf_clear(err);
		align_buf_addf(err, "title '%s' does not read back as written",
			       title);
		ret = ALIGN_EINVALID;
	}
	align_buf_release(&line);
	return ret;
}

static int line_blank(const struct align_record *r, size_t line)
{
	const char *s = r->bytes.ptr + line_start(r, line);
	size_t n = line_len(r, line);

	for (size_t i = 0; i < n; i++) {
		if (!isspace((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

void align_record_prose(const struct align_record *r, struct align_buf *out)
{
	size_t first = 1, last = r->nlines;
	size_t open = r->ini_first ? r->ini_first - 1 : 0;

	if (r->format != ALIGN_RECORD_MD) {
		return;
	}
	while (first <= last &&
	       (first == r->title_line ||
		(first >= open && first <= r->ini_close) ||
		line_blank(r, first))) {
		first++;
	}
	while (last >= first && line_blank(r, last)) {
		last--;
	}
	for (size_t l = first; l <= last; l++) {
		if (l == r->title_line || (l >= open && l <= r->ini_close)) {
			continue;
		}
		align_buf_add(out, r->bytes.ptr + line_start(r, l),
			      line_len(r, l));
		align_buf_addch(out, '\n');
	}
}

static long find_prose_section(const struct align_record *r,
			       const char *heading)
{
	for (size_t i = 0; i < r->outline.nsections; i++) {
		if (!strcmp(r->outline.sections[i].heading, heading)) {
			return (long)i;
		}
	}
	return -1;
}

int align_record_append_to_section(struct align_record *r,
				   const char *heading, const char *line,
				   struct align_buf *err)
{
	struct align_buf ins = ALIGN_BUF_INIT;
	const char *problem = align_title_problem(line);
	long i;
	size_t at;
	int ret;

	if (problem) {
		align_buf_clear(err);
		align_buf_addf(err, "text '%s' %s", line, problem);
		return ALIGN_EINVALID;
	}
	if (r->format != ALIGN_RECORD_MD) {
		align_buf_sets(err, "only Markdown records have prose");
		return ALIGN_EINVALID;
	}
	i = find_prose_section(r, heading);
	if (i >= 0 && r->outline.sections[i].end_line >
			      r->outline.sections[i].line) {
		/* After the section's last line that is not blank. */
		size_t last = r->outline.sections[i].end_line;
		while (last > r->outline.sections[i].line + 1 &&
		       line_blank(r, last)) {
			last--;
		}
		at = line_start(r, last + 1);
		if (!line_has_eol(r, last)) {
			align_buf_adds(&ins, r->eol);
		}
		/* List items join the list; a paragraph stands apart. */
		if (strncmp(line, "- ", 2)) {
			align_buf_adds(&ins, r->eol);
		}
		align_buf_addf(&ins, "%s%s", line, r->eol);
	} else if (i >= 0) {
		/* An empty section: a blank line, then the text. */
		size_t head = r->outline.sections[i].line;
		at = line_start(r, head + 1);
		if (!line_has_eol(r, head)) {
			align_buf_adds(&ins, r->eol);
		}
		align_buf_addf(&ins, "%s%s%s", r->eol, line, r->eol);
	} else {
		at = r->bytes.len;
		if (at && r->bytes.ptr[at - 1] != '\n') {
			align_buf_adds(&ins, r->eol);
		}
		align_buf_addf(&ins, "%s## %s%s%s%s%s", r->eol, heading, r->eol,
			       r->eol, line, r->eol);
	}
	ret = splice(r, at, at, &ins, err);
	align_buf_release(&ins);
	return ret;
}

/* The lines of section `heading`: list items only, or every non-blank one. */
static size_t section_lines(const struct align_record *r, const char *heading,
			    int items, struct align_buf *out)
{
	long i = find_prose_section(r, heading);
	size_t count = 0;

	if (i < 0) {
		return 0;
	}
	for (size_t l = r->outline.sections[i].line + 1;
	     l <= r->outline.sections[i].end_line && l <= r->nlines; l++) {
		const char *s = r->bytes.ptr + line_start(r, l);
		size_t n = line_len(r, l);

		if (items && n > 2 && (s[0] == '-' || s[0] == '*') &&
		    s[1] == ' ') {
			align_buf_add(out, s + 2, n - 2);
		} else if (!items && n && strspn(s, " \t") < n) {
			align_buf_add(out, s, n);
		} else {
			continue;
		}
		align_buf_addch(out, '\n');
		count++;
	}
	return count;
}

size_t align_record_section_items(const struct align_record *r,
				  const char *heading, struct align_buf *out)
{
	return section_lines(r, heading, 1, out);
}

size_t align_record_section_lines(const struct align_record *r,
				  const char *heading, struct align_buf *out)
{
	return section_lines(r, heading, 0, out);
}

size_t align_record_section_text(const struct align_record *r,
				 const char *heading, struct align_buf *out)
{
	long i = find_prose_section(r, heading);
	size_t first, last, start = out->len;

	if (i < 0) {
		return 0;
	}
	first = r->outline.sections[i].line + 1;
	last = r->outline.sections[i].end_line;
	if (last > r->nlines) {
		last = r->nlines;
	}
	/* Without the blank lines around it. */
	while (first <= last &&
	       strspn(r->bytes.ptr + line_start(r, first), " \t") >=
		       line_len(r, first)) {
		first++;
	}
	while (last >= first &&
	       strspn(r->bytes.ptr + line_start(r, last), " \t") >=
		       line_len(r, last)) {
		last--;
	}
	for (size_t l = first; l <= last; l++) {
		align_buf_add(out, r->bytes.ptr + line_start(r, l),
			      line_len(r, l));
		align_buf_addch(out, '\n');
	}
	return out->len - start;
}
