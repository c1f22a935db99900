/*
 * Writing a report: Markdown (a pull-request comment: tables, no raw
 * HTML), text (aligned columns that fit the terminal), JSON (through the
 * printer, shape in docs/json.md) and HTML (lib/report-html.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "okr.h"
#include "report-write.h"
#include "util/printer.h"
#include "util/banned.h"

void align_report_cell_value(struct align_buf *out,
			     const struct align_report_cell *cell)
{
	switch (cell->type) {
	case ALIGN_CELL_NULL:
		align_buf_adds(out, "-");
		break;
	case ALIGN_CELL_TEXT:
	case ALIGN_CELL_DATE:
		align_buf_adds(out, cell->text);
		break;
	case ALIGN_CELL_NUMBER:
		align_number_format(out, cell->number);
		break;
	case ALIGN_CELL_PERCENT:
		align_buf_addf(out, "%.0f%%", round(cell->number * 100));
		break;
	}
}

void align_report_commit_link(struct align_buf *out, const char *template,
			      const char *commit)
{
	for (const char *p = template; *p; p++) {
		if (p[0] == '%' && p[1] == 'H') {
			align_buf_adds(out, commit);
			p++;
		} else if (p[0] == '%' && p[1] == 'h') {
			align_buf_add(out, commit, ALIGN_REPORT_SHORT);
			p++;
		} else {
			align_buf_addch(out, *p);
		}
	}
}

/* Markdown. */

static void md_escape(struct align_buf *out, const char *s, int in_cell)
{
	align_printer_escape_md(out, s, strlen(s), in_cell);
}

static void md_source(struct align_buf *out, const struct align_report *r,
		      int source, const struct align_report_style *style)
{
	const char *id;

	if (source < 0) {
		return;
	}
	id = r->sources[source]->commit;
	if (style->commit_url) {
		align_buf_adds(out, " ([");
		align_buf_add(out, id, ALIGN_REPORT_SHORT);
		align_buf_adds(out, "](");
		{
			struct align_buf url = ALIGN_BUF_INIT;
			align_report_commit_link(&url, style->commit_url, id);
			/* A URL in Markdown: no spaces or parentheses. */
			for (size_t i = 0; i < url.len; i++) {
				unsigned char c = (unsigned char)url.ptr[i];
				if (c <= ' ' || c == '(' || c == ')' ||
				    c == '<' || c == '>' || c >= 0x7f) {
					align_buf_addf(out, "%%%02X", c);
				} else {
					align_buf_addch(out, (char)c);
				}
			}
			align_buf_release(&url);
		}
		align_buf_adds(out, "))");
	} else {
		align_buf_adds(out, " (`");
		align_buf_add(out, id, ALIGN_REPORT_SHORT);
		align_buf_adds(out, "`)");
	}
}

static void md_table(struct align_buf *out, const struct align_report *r,
		     const struct align_report_table *t,
		     const struct align_report_style *style)
{
	if (t->caption) {
		align_buf_addf(out, "**%s**\n\n", t->caption);
	}
	if (!t->nrows) {
		align_buf_adds(out, "None.\n\n");
		return;
	}
	align_buf_adds(out, "|");
	for (size_t c = 0; c < t->ncolumns; c++) {
		align_buf_addf(out, " %s |", t->columns[c].label);
	}
	align_buf_adds(out, "\n|");
	for (size_t c = 0; c < t->ncolumns; c++) {
		align_buf_adds(out, " --- |");
	}
	align_buf_adds(out, "\n");
	for (size_t row = 0; row < t->nrows; row++) {
		align_buf_adds(out, "|");
		for (size_t c = 0; c < t->ncolumns; c++) {
			const struct align_report_cell *cell =
				&t->cells[row * t->ncolumns + c];
			struct align_buf v = ALIGN_BUF_INIT;

			align_report_cell_value(&v, cell);
			align_buf_adds(out, " ");
			if (cell->type == ALIGN_CELL_TEXT) {
				md_escape(out, v.ptr, 1);
			} else {
				align_buf_add(out, v.ptr, v.len);
			}
			md_source(out, r, cell->source, style);
			align_buf_adds(out, " |");
			align_buf_release(&v);
		}
		align_buf_adds(out, "\n");
	}
	align_buf_adds(out, "\n");
}

static void md_block(struct align_buf *out, const struct align_report *r,
		     const struct align_report_block *b,
		     const struct align_report_style *style)
{
	switch (b->type) {
	case ALIGN_BLOCK_PARAGRAPH:
		md_escape(out, b->text, 0);
		md_source(out, r, b->source, style);
		align_buf_adds(out, "\n\n");
		break;
	case ALIGN_BLOCK_GAP:
		align_buf_adds(out, "- ");
		md_escape(out, b->text, 1);
		align_buf_adds(out, "\n");
		break;
	case ALIGN_BLOCK_HEADING:
		align_buf_adds(out, "### ");
		md_escape(out, b->text, 1);
		md_source(out, r, b->source, style);
		align_buf_adds(out, "\n\n");
		break;
	case ALIGN_BLOCK_PROSE: {
		/* People's Markdown, quoted, with raw HTML made text. */
		struct align_buf md = ALIGN_BUF_INIT;
		size_t start = 0;

		if (align_md_render_safe(&md, b->text, strlen(b->text), 0)) {
			align_buf_sets(&md, "");
			md_escape(&md, b->text, 0);
		}
		align_buf_rtrim(&md);
		for (size_t i = 0; i <= md.len; i++) {
			if (i == md.len || md.ptr[i] == '\n') {
				align_buf_adds(out, i > start ? "> " : ">");
				align_buf_add(out, md.ptr + start, i - start);
				align_buf_adds(out, "\n");
				start = i + 1;
			}
		}
		align_buf_adds(out, "\n");
		align_buf_release(&md);
		break;
	}
	case ALIGN_BLOCK_TABLE:
		md_table(out, r, b->table, style);
		break;
	case ALIGN_BLOCK_CHART:
		/* Charts are HTML's; their data is in the tables. */
		break;
	}
}

static void write_md(struct align_buf *out, const struct align_report *r,
		     const struct align_report_style *style)
{
	char made[ALIGN_TIME_STRLEN], a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];

	align_buf_adds(out, "# ");
	md_escape(out, r->title, 1);
	align_time_format(made, &r->made_at);
	align_date_format(a, &r->period.start);
	align_date_format(b, &r->period.end);
	align_buf_addf(out, "\n\n%s to %s, as of %s: commit `%.*s` (%s).\n\n",
		       a, b, r->day, ALIGN_REPORT_SHORT, r->commit, made);
	for (size_t s = 0; s < r->nsections; s++) {
		const struct align_report_section *sec = &r->sections[s];

		align_buf_addf(out, "## %zu. %s\n\n", s + 1, sec->title);
		for (size_t i = 0; i < sec->nblocks; i++) {
			md_block(out, r, &sec->blocks[i], style);
		}
	}
	align_buf_adds(out, "## Gaps\n\n");
	if (!r->ngaps) {
		align_buf_adds(out, "None: every record and version was read.\n");
	}
	for (size_t i = 0; i < r->ngaps; i++) {
		md_block(out, r, &r->gaps[i], style);
	}
	if (r->nsources) {
		align_buf_adds(out, "\n## Commits\n\n| Commit | Author | Date |\n"
				    "| --- | --- | --- |\n");
		for (size_t i = 0; i < r->nsources; i++) {
			char when[ALIGN_TIME_STRLEN];

			align_time_format(when, &r->sources[i]->when);
			align_buf_addf(out, "| `%.*s` | ", ALIGN_REPORT_SHORT,
				       r->sources[i]->commit);
			md_escape(out, r->sources[i]->author, 1);
			align_buf_addf(out, " | %s |\n", when);
		}
	}
}

/* Text. */

/* Columns a string takes: its code points (wide characters are rare). */
static size_t text_width(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			w++;
		}
	}
	return w;
}

/* The first bytes of `s` that fit in `width` columns. */
static size_t text_fit(const char *s, size_t len, size_t width)
{
	size_t w = 0, i;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (w == width) {
				break;
			}
			w++;
		}
	}
	return i;
}

/*
 * Appends `s` (escaped already) after `indent` spaces, broken at spaces so
 * that no line is wider than `width` columns (0: one line), each line
 * ending in a newline.
 */
static void text_wrap(struct align_buf *out, const char *s, size_t len,
		      size_t indent, int width)
{
	size_t col = 0, i = 0;

	while (i < len) {
		size_t word = i, wlen;

		while (word < len && s[word] == ' ') {
			word++;
		}
		wlen = strcspn(s + word, " ");
		if (word + wlen > len) {
			wlen = len - word;
		}
		if (!wlen) {
			break;
		}
		if (col && width > 0 &&
		    col + 1 + text_width(s + word, wlen) > (size_t)width) {
			align_buf_adds(out, "\n");
			col = 0;
		}
		if (!col) {
			for (size_t k = 0; k < indent; k++) {
				align_buf_addch(out, ' ');
			}
			col = indent;
		} else {
			align_buf_addch(out, ' ');
			col++;
		}
		align_buf_add(out, s + word, wlen);
		col += text_width(s + word, wlen);
		i = word + wlen;
	}
	align_buf_adds(out, "\n");
}

static void text_cell(struct align_buf *out, const struct align_report *r,
		      const struct align_report_cell *cell)
{
	struct align_buf v = ALIGN_BUF_INIT;

	align_report_cell_value(&v, cell);
	align_printer_escape_text(out, v.ptr, v.len, 1);
	if (cell->source >= 0) {
		align_buf_addf(out, " (%.*s)", ALIGN_REPORT_SHORT,
			       r->sources[cell->source]->commit);
	}
	align_buf_release(&v);
}

/* Columns a text table may be cut down to before it is shown by rows. */
#define TEXT_MIN_COLUMN 12

/*
 * A table too wide for the terminal: each row as "label: value" lines,
 * values cut to the width, a blank line between rows. `cells` holds the
 * labels, then the rows.
 */
static void text_rows(struct align_buf *out, const struct align_buf *cells,
		      const struct align_report_table *t, size_t width)
{
	size_t label = 0;

	for (size_t c = 0; c < t->ncolumns; c++) {
		size_t w = text_width(cells[c].ptr, cells[c].len);
		label = w > label ? w : label;
	}
	for (size_t row = 1; row <= t->nrows; row++) {
		for (size_t c = 0; c < t->ncolumns; c++) {
			const struct align_buf *v = &cells[row * t->ncolumns + c];
			size_t room = width > label + 4 ? width - label - 4 : 1;
			size_t w = text_width(cells[c].ptr, cells[c].len);

			align_buf_adds(out, "  ");
			align_buf_add(out, cells[c].ptr, cells[c].len);
			align_buf_addch(out, ':');
			for (size_t k = w; k <= label; k++) {
				align_buf_addch(out, ' ');
			}
			if (text_width(v->ptr, v->len) > room) {
				align_buf_add(out, v->ptr,
					      text_fit(v->ptr, v->len, room - 1));
				align_buf_adds(out, "\xe2\x80\xa6");
			} else {
				align_buf_add(out, v->ptr, v->len);
			}
			align_buf_adds(out, "\n");
		}
		align_buf_adds(out, "\n");
	}
}

static void text_table(struct align_buf *out, const struct align_report *r,
		       const struct align_report_table *t,
		       const struct align_report_style *style)
{
	struct align_buf *cells;
	size_t *widths, n = t->nrows * t->ncolumns, total = 0;

	if (t->caption) {
		align_buf_adds(out, style->color ? "\033[1m" : "");
		text_wrap(out, t->caption, strlen(t->caption), 0, style->width);
		if (style->color) {
			out->len--;
			align_buf_adds(out, "\033[m\n");
		}
	}
	if (!t->nrows) {
		align_buf_adds(out, "  none\n\n");
		return;
	}
	cells = align_calloc(n + t->ncolumns, sizeof(*cells));
	widths = align_calloc(t->ncolumns, sizeof(*widths));
	for (size_t c = 0; c < t->ncolumns; c++) {
		align_buf_adds(&cells[c], t->columns[c].label);
	}
	for (size_t i = 0; i < n; i++) {
		text_cell(&cells[t->ncolumns + i], r, &t->cells[i]);
	}
	for (size_t i = 0; i < n + t->ncolumns; i++) {
		size_t w = text_width(cells[i].ptr, cells[i].len);
		size_t c = i % t->ncolumns;
		if (w > widths[c]) {
			widths[c] = w;
		}
	}
	for (size_t c = 0; c < t->ncolumns; c++) {
		total += widths[c] + 2;
	}
	/*
	 * On a terminal, shorten the widest columns until the table fits;
	 * when it cannot without cutting columns below a readable width,
	 * show each row as "label: value" lines instead.
	 */
	while (style->width > 0 && total + 2 > (size_t)style->width) {
		size_t widest = 0;
		for (size_t c = 1; c < t->ncolumns; c++) {
			if (widths[c] > widths[widest]) {
				widest = c;
			}
		}
		if (widths[widest] <= TEXT_MIN_COLUMN) {
			text_rows(out, cells, t, (size_t)style->width);
			goto done;
		}
		widths[widest]--;
		total--;
	}
	for (size_t row = 0; row <= t->nrows; row++) {
		size_t line = out->len;

		align_buf_adds(out, "  ");
		if (!row && style->color) {
			align_buf_adds(out, "\033[2m");
		}
		for (size_t c = 0; c < t->ncolumns; c++) {
			const struct align_buf *v = &cells[row * t->ncolumns + c];
			size_t w = text_width(v->ptr, v->len);
			size_t fit = v->len;

			if (w > widths[c]) {
				fit = text_fit(v->ptr, v->len, widths[c] - 1);
				align_buf_add(out, v->ptr, fit);
				align_buf_adds(out, "\xe2\x80\xa6");
				w = widths[c];
			} else {
				align_buf_add(out, v->ptr, fit);
			}
			if (c + 1 < t->ncolumns) {
				for (size_t k = w; k < widths[c] + 2; k++) {
					align_buf_addch(out, ' ');
				}
			}
		}
		if (!row && style->color) {
			align_buf_adds(out, "\033[m");
		}
		while (out->len > line && out->ptr[out->len - 1] == ' ') {
			out->ptr[--out->len] = '\0';
		}
		align_buf_adds(out, "\n");
	}
	align_buf_adds(out, "\n");
done:
	for (size_t i = 0; i < n + t->ncolumns; i++) {
		align_buf_release(&cells[i]);
	}
	free(cells);
	free(widths);
}

static void text_block(struct align_buf *out, const struct align_report *r,
		       const struct align_report_block *b,
		       const struct align_report_style *style)
{
	switch (b->type) {
	case ALIGN_BLOCK_PARAGRAPH:
	case ALIGN_BLOCK_HEADING:
	case ALIGN_BLOCK_GAP: {
		struct align_buf t = ALIGN_BUF_INIT;

		if (b->type == ALIGN_BLOCK_GAP) {
			align_buf_adds(&t, "- ");
		}
		align_printer_escape_text(&t, b->text, strlen(b->text), 1);
		if (b->source >= 0) {
			align_buf_addf(&t, " (%.*s)", ALIGN_REPORT_SHORT,
				       r->sources[b->source]->commit);
		}
		text_wrap(out, t.ptr, t.len,
			  b->type == ALIGN_BLOCK_HEADING ? 0 : 2, style->width);
		if (b->type == ALIGN_BLOCK_PARAGRAPH) {
			align_buf_adds(out, "\n");
		}
		align_buf_release(&t);
		break;
	}
	case ALIGN_BLOCK_PROSE: {
		struct align_buf esc = ALIGN_BUF_INIT;
		size_t start = 0;

		align_printer_escape_text(&esc, b->text, strlen(b->text), 0);
		align_buf_rtrim(&esc);
		for (size_t i = 0; i <= esc.len; i++) {
			if (i == esc.len || esc.ptr[i] == '\n') {
				text_wrap(out, esc.ptr + start, i - start, 4,
					  style->width);
				start = i + 1;
			}
		}
		align_buf_adds(out, "\n");
		align_buf_release(&esc);
		break;
	}
	case ALIGN_BLOCK_TABLE:
		text_table(out, r, b->table, style);
		break;
	case ALIGN_BLOCK_CHART:
		break;
	}
}

static void write_text(struct align_buf *out, const struct align_report *r,
		       const struct align_report_style *style)
{
	char a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];
	const char *bold = style->color ? "\033[1m" : "";
	const char *reset = style->color ? "\033[m" : "";

	align_date_format(a, &r->period.start);
	align_date_format(b, &r->period.end);
	align_buf_adds(out, bold);
	align_printer_escape_text(out, r->title, strlen(r->title), 1);
	align_buf_addf(out, "%s\n%s to %s, as of %s: commit %.*s\n\n", reset, a,
		       b, r->day, ALIGN_REPORT_SHORT, r->commit);
	for (size_t s = 0; s < r->nsections; s++) {
		const struct align_report_section *sec = &r->sections[s];

		align_buf_addf(out, "%s%zu. %s%s\n\n", bold, s + 1, sec->title,
			       reset);
		for (size_t i = 0; i < sec->nblocks; i++) {
			text_block(out, r, &sec->blocks[i], style);
		}
	}
	align_buf_addf(out, "%sGaps%s\n", bold, reset);
	if (!r->ngaps) {
		align_buf_adds(out, "  none\n");
	}
	for (size_t i = 0; i < r->ngaps; i++) {
		text_block(out, r, &r->gaps[i], style);
	}
}

/* JSON. */

static void json_cell(struct align_printer *p,
		      const struct align_report_cell *cell)
{
	switch (cell->type) {
	case ALIGN_CELL_NULL:
		align_printer_null(p);
		break;
	case ALIGN_CELL_TEXT:
	case ALIGN_CELL_DATE:
		align_printer_string(p, cell->text);
		break;
	case ALIGN_CELL_NUMBER:
	case ALIGN_CELL_PERCENT:
		align_printer_number(p, cell->number);
		break;
	}
}

static void json_date(struct align_printer *p, double seconds)
{
	struct align_time t = { (int64_t)seconds, 0 };
	char s[ALIGN_TIME_STRLEN];

	align_time_format(s, &t);
	align_printer_string(p, s);
}

static void json_source(struct align_printer *p, const struct align_report *r,
			int source)
{
	if (source >= 0) {
		align_printer_string(p, r->sources[source]->commit);
	} else {
		align_printer_null(p);
	}
}

static void json_table(struct align_printer *p, const struct align_report *r,
		       const struct align_report_table *t)
{
	align_printer_map_key(p, t->key);
	align_printer_begin_list(p);
	for (size_t row = 0; row < t->nrows; row++) {
		const struct align_report_cell *cells =
			&t->cells[row * t->ncolumns];
		int sourced = 0;

		align_printer_begin_map(p);
		for (size_t c = 0; c < t->ncolumns; c++) {
			align_printer_map_key(p, t->columns[c].key);
			json_cell(p, &cells[c]);
			sourced |= cells[c].source >= 0;
		}
		align_printer_map_key(p, "commits");
		align_printer_begin_map(p);
		for (size_t c = 0; sourced && c < t->ncolumns; c++) {
			if (cells[c].source >= 0) {
				align_printer_map_key(p, t->columns[c].key);
				json_source(p, r, cells[c].source);
			}
		}
		align_printer_end(p);
		align_printer_end(p);
	}
	align_printer_end(p);
}

static void json_chart(struct align_printer *p, const struct align_report *r,
		       const struct align_report_chart *c)
{
	static const char *const types[] = { "line", "bars", "heat" };

	align_printer_begin_map(p);
	align_printer_map_key(p, "type");
	align_printer_string(p, types[c->type]);
	align_printer_map_key(p, "title");
	align_printer_string(p, c->title);
	if (c->type == ALIGN_CHART_LINE) {
		align_printer_map_key(p, "points");
		align_printer_begin_list(p);
		for (size_t i = 0; i < c->npoints; i++) {
			align_printer_begin_map(p);
			align_printer_map_key(p, "date");
			json_date(p, c->points[i].x);
			align_printer_map_key(p, "value");
			align_printer_number(p, c->points[i].y);
			align_printer_map_key(p, "commit");
			json_source(p, r, c->points[i].source);
			align_printer_end(p);
		}
		align_printer_end(p);
		align_printer_map_key(p, "pace");
		align_printer_begin_list(p);
		for (int i = 0; i < 2; i++) {
			align_printer_begin_map(p);
			align_printer_map_key(p, "date");
			json_date(p, i ? c->x1 : c->x0);
			align_printer_map_key(p, "value");
			align_printer_number(p, i ? c->y1 : c->y0);
			align_printer_end(p);
		}
		align_printer_end(p);
	} else {
		align_printer_map_key(p, "columns");
		align_printer_begin_list(p);
		for (size_t i = 0; i < c->ncolumns; i++) {
			align_printer_string(p, c->column_names
							? c->column_names[i]
							: c->columns[i]);
		}
		align_printer_end(p);
		align_printer_map_key(p, "rows");
		align_printer_begin_list(p);
		for (size_t i = 0; i < c->nrows; i++) {
			align_printer_begin_map(p);
			align_printer_map_key(p, "label");
			align_printer_string(p, c->rows[i]);
			align_printer_map_key(p, "values");
			align_printer_begin_list(p);
			for (size_t j = 0; j < c->ncolumns; j++) {
				align_printer_number(
					p, c->values[i * c->ncolumns + j]);
			}
			align_printer_end(p);
			align_printer_end(p);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
}

static void json_section(struct align_printer *p, const struct align_report *r,
			 const struct align_report_section *s)
{
	const char *heading = NULL;

	align_printer_begin_map(p);
	align_printer_map_key(p, "key");
	align_printer_string(p, s->key);
	align_printer_map_key(p, "title");
	align_printer_string(p, s->title);
	align_printer_map_key(p, "paragraphs");
	align_printer_begin_list(p);
	for (size_t i = 0; i < s->nblocks; i++) {
		if (s->blocks[i].type == ALIGN_BLOCK_PARAGRAPH) {
			align_printer_string(p, s->blocks[i].text);
		}
	}
	align_printer_end(p);
	align_printer_map_key(p, "tables");
	align_printer_begin_map(p);
	for (size_t i = 0; i < s->nblocks; i++) {
		if (s->blocks[i].type == ALIGN_BLOCK_TABLE) {
			json_table(p, r, s->blocks[i].table);
		}
	}
	align_printer_end(p);
	align_printer_map_key(p, "prose");
	align_printer_begin_list(p);
	for (size_t i = 0; i < s->nblocks; i++) {
		if (s->blocks[i].type == ALIGN_BLOCK_HEADING) {
			heading = s->blocks[i].text;
		} else if (s->blocks[i].type == ALIGN_BLOCK_PROSE) {
			align_printer_begin_map(p);
			align_printer_map_key(p, "title");
			align_printer_string(p, heading);
			align_printer_map_key(p, "markdown");
			align_printer_string(p, s->blocks[i].text);
			align_printer_end(p);
		}
	}
	align_printer_end(p);
	align_printer_map_key(p, "charts");
	align_printer_begin_list(p);
	for (size_t i = 0; i < s->nblocks; i++) {
		if (s->blocks[i].type == ALIGN_BLOCK_CHART) {
			json_chart(p, r, s->blocks[i].chart);
		}
	}
	align_printer_end(p);
	align_printer_end(p);
}

static int write_json(FILE *out, const struct align_report *r)
{
	struct align_printer *p = align_printer_new(out, ALIGN_PRINTER_JSON);
	char made[ALIGN_TIME_STRLEN], a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];

	align_time_format(made, &r->made_at);
	align_date_format(a, &r->period.start);
	align_date_format(b, &r->period.end);
	align_printer_begin_map(p);
	align_printer_map_key(p, "report");
	align_printer_string(p, r->type_name);
	align_printer_map_key(p, "title");
	align_printer_string(p, r->title);
	align_printer_map_key(p, "period");
	align_printer_begin_map(p);
	align_printer_map_key(p, "name");
	align_printer_string(p, r->period.name);
	align_printer_map_key(p, "start");
	align_printer_string(p, a);
	align_printer_map_key(p, "end");
	align_printer_string(p, b);
	align_printer_end(p);
	align_printer_map_key(p, "day");
	align_printer_string(p, r->day);
	align_printer_map_key(p, "commit");
	align_printer_string(p, r->commit);
	align_printer_map_key(p, "commit_date");
	align_printer_string(p, made);
	align_printer_map_key(p, "shallow");
	align_printer_boolean(p, r->shallow);
	align_printer_map_key(p, "sections");
	align_printer_begin_list(p);
	for (size_t s = 0; s < r->nsections; s++) {
		json_section(p, r, &r->sections[s]);
	}
	align_printer_end(p);
	align_printer_map_key(p, "gaps");
	align_printer_begin_list(p);
	for (size_t i = 0; i < r->ngaps; i++) {
		align_printer_string(p, r->gaps[i].text);
	}
	align_printer_end(p);
	align_printer_map_key(p, "commits");
	align_printer_begin_list(p);
	for (size_t i = 0; i < r->nsources; i++) {
		char when[ALIGN_TIME_STRLEN];

		align_time_format(when, &r->sources[i]->when);
		align_printer_begin_map(p);
		align_printer_map_key(p, "id");
		align_printer_string(p, r->sources[i]->commit);
		align_printer_map_key(p, "author");
		align_printer_string(p, r->sources[i]->author);
		align_printer_map_key(p, "date");
		align_printer_string(p, when);
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	return align_printer_free(p);
}

int align_report_format_parse(enum align_report_format *out, const char *name)
{
	static const struct {
		const char *name;
		enum align_report_format format;
	} names[] = {
		{ "md", ALIGN_REPORT_MD },     { "markdown", ALIGN_REPORT_MD },
		{ "html", ALIGN_REPORT_HTML }, { "json", ALIGN_REPORT_JSON },
		{ "text", ALIGN_REPORT_TEXT },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i].name)) {
			*out = names[i].format;
			return 0;
		}
	}
	return -1;
}

int align_report_write(FILE *out, const struct align_report *report,
		       const struct align_report_style *style)
{
	struct align_buf text = ALIGN_BUF_INIT;
	int ret = 0;

	switch (style->format) {
	case ALIGN_REPORT_JSON:
		return write_json(out, report);
	case ALIGN_REPORT_MD:
		write_md(&text, report, style);
		break;
	case ALIGN_REPORT_TEXT:
		write_text(&text, report, style);
		break;
	case ALIGN_REPORT_HTML:
		align_report_html(&text, report, style);
		break;
	}
	if (text.len && fwrite(text.ptr, 1, text.len, out) != text.len) {
		ret = -1;
	}
	align_buf_release(&text);
	return ret;
}
