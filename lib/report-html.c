/*
 * The report as one self-contained HTML page: inline CSS (a print
 * stylesheet too), inline SVG charts, no script, and a Content-Security-
 * Policy that forbids scripts and every outside resource. Everything
 * people wrote is escaped here; their prose goes through cmark's safe
 * renderer with raw HTML shown as text (align_md_render_safe).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "okr.h"
#include "report-write.h"
#include "util/printer.h"
#include "util/banned.h"

static const char style_sheet[] =
	"*{box-sizing:border-box}"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',"
	"sans-serif;color:#1d232a;background:#fff;overflow-wrap:break-word}"
	"main{max-width:72rem;margin:0 auto;padding:1rem}"
	"h1{font-size:1.5rem;margin:.5rem 0}"
	"h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid "
	"#d5dbe1;padding-bottom:.2rem}"
	"h3{font-size:1rem;margin:1.2rem 0 .3rem}"
	".meta{color:#57606a;margin:0 0 1rem}"
	".scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}"
	"table{border-collapse:collapse;font-size:.85rem}"
	"caption{text-align:left;font-weight:600;padding:.2rem 0}"
	/* Words stay whole in a cell, a wide table scrolls in its box, and
	 * a cell's width is capped so that one long word cannot make it
	 * wider (max-width on cells is honoured by current browsers). */
	"th,td{border:1px solid #d5dbe1;padding:.25rem .45rem;text-align:left;"
	"vertical-align:top;max-width:22rem}"
	"th{background:#f3f5f7}"
	"td.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}"
	"a.c{font:.75rem ui-monospace,monospace;color:#0b5cad;margin-left:.3em}"
	".charts{display:flex;flex-wrap:wrap;gap:1rem}"
	/* A chart keeps its own size (its width and height attributes) and
	 * shrinks with the page below it. */
	"figure{margin:0;flex:0 1 auto;min-width:0;max-width:100%}"
	"figcaption{font-size:.8rem;color:#57606a;overflow-wrap:anywhere}"
	"svg{max-width:100%;height:auto;display:block}"
	"blockquote{margin:.3rem 0 1rem;padding:0 .8rem;border-left:3px solid "
	"#d5dbe1;overflow-wrap:anywhere}"
	"pre{white-space:pre-wrap}"
	"ul.gaps li{margin:.2rem 0}"
	"@media print{body{font-size:11pt}main{max-width:none;padding:0}"
	".scroll{overflow:visible}a{color:inherit;text-decoration:none}"
	/* Paper cannot scroll: a table narrows to the page instead. */
	"table{font-size:8pt}th,td{overflow-wrap:anywhere;max-width:none}"
	"td.n,td.d{white-space:normal}"
	"h2{break-after:avoid}figure,tr{break-inside:avoid}}";

/* Appends `s` as HTML text: control characters shown as the text back
 * end shows them, then &, <, >, " and ' as entities. */
static void esc(struct align_buf *out, const char *s)
{
	struct align_buf t = ALIGN_BUF_INIT;

	align_printer_escape_text(&t, s, strlen(s), 0);
	for (size_t i = 0; i < t.len; i++) {
		switch (t.ptr[i]) {
		case '&':
			align_buf_adds(out, "&amp;");
			break;
		case '<':
			align_buf_adds(out, "&lt;");
			break;
		case '>':
			align_buf_adds(out, "&gt;");
			break;
		case '"':
			align_buf_adds(out, "&quot;");
			break;
		case '\'':
			align_buf_adds(out, "&#39;");
			break;
		default:
			align_buf_addch(out, t.ptr[i]);
		}
	}
	align_buf_release(&t);
}

/* A link to a commit: its URL when one is known, else its row below. */
static void commit_link(struct align_buf *out, const struct align_report *r,
			int source, const struct align_report_style *style)
{
	const struct align_report_source *src;
	char when[ALIGN_TIME_STRLEN];
	struct align_buf url = ALIGN_BUF_INIT;

	if (source < 0) {
		return;
	}
	src = r->sources[source];
	align_time_format(when, &src->when);
	if (style->commit_url) {
		align_report_commit_link(&url, style->commit_url, src->commit);
	} else {
		align_buf_addf(&url, "#c-%.*s", ALIGN_REPORT_SHORT, src->commit);
	}
	align_buf_adds(out, "<a class=\"c\" href=\"");
	esc(out, url.ptr);
	align_buf_adds(out, "\" title=\"");
	esc(out, src->author);
	align_buf_addf(out, ", %s\">%.*s</a>", when, ALIGN_REPORT_SHORT,
		       src->commit);
	align_buf_release(&url);
}

static void html_table(struct align_buf *out, const struct align_report *r,
		       const struct align_report_table *t,
		       const struct align_report_style *style)
{
	if (!t->nrows) {
		if (t->caption) {
			align_buf_adds(out, "<p><strong>");
			esc(out, t->caption);
			align_buf_adds(out, "</strong>: none.</p>\n");
		} else {
			align_buf_adds(out, "<p>None.</p>\n");
		}
		return;
	}
	align_buf_adds(out, "<div class=\"scroll\"><table");
	align_buf_addf(out, " data-key=\"%s\">", t->key);
	if (t->caption) {
		align_buf_adds(out, "<caption>");
		esc(out, t->caption);
		align_buf_adds(out, "</caption>");
	}
	align_buf_adds(out, "<thead><tr>");
	for (size_t c = 0; c < t->ncolumns; c++) {
		align_buf_addf(out, "<th scope=\"col\">%s</th>",
			       t->columns[c].label);
	}
	align_buf_adds(out, "</tr></thead><tbody>\n");
	for (size_t row = 0; row < t->nrows; row++) {
		align_buf_adds(out, "<tr>");
		for (size_t c = 0; c < t->ncolumns; c++) {
			const struct align_report_cell *cell =
				&t->cells[row * t->ncolumns + c];
			struct align_buf v = ALIGN_BUF_INIT;
			int numeric = cell->type == ALIGN_CELL_NUMBER ||
				      cell->type == ALIGN_CELL_PERCENT;

			align_report_cell_value(&v, cell);
			align_buf_adds(out, numeric ? "<td class=\"n\">"
					   : cell->type == ALIGN_CELL_DATE
						   ? "<td class=\"d\">"
						   : "<td>");
			esc(out, v.ptr);
			commit_link(out, r, cell->source, style);
			align_buf_adds(out, "</td>");
			align_buf_release(&v);
		}
		align_buf_adds(out, "</tr>\n");
	}
	align_buf_adds(out, "</tbody></table></div>\n");
}

static void num(struct align_buf *out, double v)
{
	align_buf_addf(out, "%.1f", v);
}

/*
 * Opens a chart of `w` by `h` units, drawn at one and a half pixels a
 * unit (its text at 15px) and narrowed with the page below that.
 */
static void svg_open(struct align_buf *out, const char *class, double w,
		     double h)
{
	align_buf_addf(out, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
			    "height=\"%.0f\" role=\"img\" class=\"%s\">",
		       w, h, w * 1.5, h * 1.5, class);
}

/*
 * A row's label at (x, y), in the `max` characters the chart leaves for
 * it: a longer one ends in an ellipsis and is whole on hover.
 */
static void svg_label(struct align_buf *out, double x, double y,
		      const char *s, size_t max)
{
	size_t n = 0, i, cut = 0;

	for (i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max - 1) {
			cut = i; /* where the ellipsis goes, if one is needed */
		}
	}
	align_buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">",
		       x, y);
	if (n <= max) {
		esc(out, s);
	} else {
		char *head = align_strndup(s, cut);

		align_buf_adds(out, "<title>");
		esc(out, s);
		align_buf_adds(out, "</title>");
		esc(out, head);
		align_buf_adds(out, "\xe2\x80\xa6");
		free(head);
	}
	align_buf_adds(out, "</text>");
}

/* A key result's values (steps) and its expected pace (dashed). */
static void svg_line(struct align_buf *out, const struct align_report *r,
		     const struct align_report_chart *c)
{
	const double W = 320, H = 160, L = 40, R = 10, T = 10, B = 24;
	double lo = fmin(c->y0, c->y1), hi = fmax(c->y0, c->y1);
	double span = c->x1 > c->x0 ? c->x1 - c->x0 : 1;
	char a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];
	struct align_date d;
	struct align_buf v = ALIGN_BUF_INIT;

	for (size_t i = 0; i < c->npoints; i++) {
		lo = fmin(lo, c->points[i].y);
		hi = fmax(hi, c->points[i].y);
	}
	if (hi <= lo) {
		hi = lo + 1;
	}
#define X(x) (L + ((x) - c->x0) / span * (W - L - R))
#define Y(y) (T + (hi - (y)) / (hi - lo) * (H - T - B))
	svg_open(out, "line", W, H);
	align_buf_addf(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" "
			    "height=\"%.0f\" fill=\"#f8f9fa\" stroke=\"#d5dbe1\"/>",
		       L, T, W - L - R, H - T - B);
	align_buf_adds(out, "<line class=\"pace\" stroke=\"#8a949e\" "
			    "stroke-dasharray=\"4 3\" x1=\"");
	num(out, X(c->x0));
	align_buf_adds(out, "\" y1=\"");
	num(out, Y(c->y0));
	align_buf_adds(out, "\" x2=\"");
	num(out, X(c->x1));
	align_buf_adds(out, "\" y2=\"");
	num(out, Y(c->y1));
	align_buf_adds(out, "\"/>");
	if (c->npoints) {
		align_buf_adds(out, "<polyline class=\"values\" fill=\"none\" "
				    "stroke=\"#0b5cad\" stroke-width=\"2\" "
				    "points=\"");
		for (size_t i = 0; i < c->npoints; i++) {
			if (i) {
				/* A value holds until the next check-in. */
				num(out, X(c->points[i].x));
				align_buf_adds(out, ",");
				num(out, Y(c->points[i - 1].y));
				align_buf_adds(out, " ");
			}
			num(out, X(c->points[i].x));
			align_buf_adds(out, ",");
			num(out, Y(c->points[i].y));
			align_buf_adds(out, " ");
		}
		out->len--;
		out->ptr[out->len] = '\0';
		align_buf_adds(out, "\"/>");
	}
	for (size_t i = 0; i < c->npoints; i++) {
		struct align_time t = { (int64_t)c->points[i].x, 0 };
		char day[ALIGN_DATE_STRLEN];

		align_time_date(&d, &t);
		align_date_format(day, &d);
		align_buf_adds(out, "<circle r=\"3\" fill=\"#0b5cad\" cx=\"");
		num(out, X(c->points[i].x));
		align_buf_adds(out, "\" cy=\"");
		num(out, Y(c->points[i].y));
		align_buf_adds(out, "\"><title>");
		align_buf_clear(&v);
		align_number_format(&v, c->points[i].y);
		align_buf_addf(out, "%s on %s", v.ptr, day);
		if (c->points[i].source >= 0) {
			align_buf_addf(out, " (%.*s, ", ALIGN_REPORT_SHORT,
				       r->sources[c->points[i].source]->commit);
			esc(out, r->sources[c->points[i].source]->author);
			align_buf_adds(out, ")");
		}
		align_buf_adds(out, "</title></circle>");
	}
	{
		struct align_time t0 = { (int64_t)c->x0, 0 };
		struct align_time t1 = { (int64_t)c->x1, 0 };
		align_time_date(&d, &t0);
		align_date_format(a, &d);
		align_time_date(&d, &t1);
		align_date_format(b, &d);
	}
	align_buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">%s"
			    "</text>", L, H - 8, a);
	align_buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" "
			    "text-anchor=\"end\">%s</text>", W - R, H - 8, b);
	align_buf_clear(&v);
	align_number_format(&v, hi);
	align_buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" "
			    "text-anchor=\"end\">%s</text>", L - 4, T + 8, v.ptr);
	align_buf_clear(&v);
	align_number_format(&v, lo);
	align_buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" "
			    "text-anchor=\"end\">%s</text>", L - 4, H - B, v.ptr);
	align_buf_adds(out, "</svg>");
	align_buf_release(&v);
#undef X
#undef Y
}

static const char *column_name(const struct align_report_chart *c, size_t i)
{
	return c->column_names ? c->column_names[i] : c->columns[i];
}

/* Horizontal bars: one group a row, one bar a series. */
static void svg_bars(struct align_buf *out, const struct align_report_chart *c)
{
	static const char *const colors[] = { "#0b5cad", "#e08a1e", "#2e8540" };
	const double W = 320, L = 110, R = 40, bar = 9, gap = 8;
	double hi = 0, H;
	double y = 4;
	struct align_buf v = ALIGN_BUF_INIT;

	for (size_t i = 0; i < c->nrows * c->ncolumns; i++) {
		if (isfinite(c->values[i])) {
			hi = fmax(hi, c->values[i]);
		}
	}
	if (hi <= 0) {
		hi = 1;
	}
	H = 4 + (double)c->nrows * ((double)c->ncolumns * bar + gap) + 16;
	svg_open(out, "bars", W, H);
	for (size_t i = 0; i < c->nrows; i++) {
		svg_label(out, 0, y + bar, c->rows[i], 16);
		for (size_t j = 0; j < c->ncolumns; j++) {
			double val = c->values[i * c->ncolumns + j];
			double w = isfinite(val) ? val / hi * (W - L - R) : 0;

			align_buf_clear(&v);
			if (isfinite(val)) {
				align_number_format(&v, val);
			} else {
				align_buf_adds(&v, "none");
			}
			align_buf_addf(out, "<rect x=\"%.0f\" y=\"%.1f\" "
					    "width=\"%.1f\" height=\"%.0f\" "
					    "fill=\"%s\"><title>",
				       L, y, w, bar, colors[j % 3]);
			esc(out, column_name(c, j));
			align_buf_addf(out, ": %s</title></rect>", v.ptr);
			align_buf_addf(out, "<text x=\"%.1f\" y=\"%.1f\" "
					    "font-size=\"9\">%s</text>",
				       L + w + 3, y + bar - 1, v.ptr);
			y += bar;
		}
		y += gap;
	}
	for (size_t j = 0; j < c->ncolumns; j++) {
		align_buf_addf(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"8\" "
				    "height=\"8\" fill=\"%s\"/>",
			       L + (double)j * 100, H - 10, colors[j % 3]);
		align_buf_addf(out, "<text x=\"%.0f\" y=\"%.0f\" "
				    "font-size=\"9\">",
			       L + (double)j * 100 + 11, H - 3);
		esc(out, column_name(c, j));
		align_buf_adds(out, "</text>");
	}
	align_buf_adds(out, "</svg>");
	align_buf_release(&v);
}

/* A heat strip: rows by columns, darker for more. */
static void svg_heat(struct align_buf *out, const struct align_report_chart *c)
{
	const double L = 80, cell = 16, top = 4;
	double hi = 0, W = L + (double)c->ncolumns * cell + 4;
	double H = top + (double)c->nrows * cell + 48;

	for (size_t i = 0; i < c->nrows * c->ncolumns; i++) {
		if (isfinite(c->values[i])) {
			hi = fmax(hi, c->values[i]);
		}
	}
	if (hi <= 0) {
		hi = 1;
	}
	svg_open(out, "heat", W, H);
	for (size_t i = 0; i < c->nrows; i++) {
		svg_label(out, 0, top + (double)i * cell + 11, c->rows[i], 12);
		for (size_t j = 0; j < c->ncolumns; j++) {
			double val = c->values[i * c->ncolumns + j];
			double shade = isfinite(val) ? val / hi : 0;

			align_buf_addf(out, "<rect x=\"%.0f\" y=\"%.0f\" "
					    "width=\"%.0f\" height=\"%.0f\" "
					    "fill=\"#2e8540\" fill-opacity=\"%.2f\" "
					    "stroke=\"#d5dbe1\"><title>",
				       L + (double)j * cell,
				       top + (double)i * cell, cell - 1,
				       cell - 1, 0.08 + 0.92 * shade);
			esc(out, c->rows[i]);
			align_buf_addf(out, ", %s: %s</title></rect>",
				       column_name(c, j),
				       isfinite(val) && val > 0 ? "posted"
								: "none");
		}
	}
	for (size_t j = 0; j < c->ncolumns; j++) {
		double x = L + (double)j * cell + 10;
		double y = top + (double)c->nrows * cell + 4;

		align_buf_addf(out, "<text font-size=\"8\" transform=\"translate("
				    "%.0f %.0f) rotate(90)\">", x, y);
		esc(out, column_name(c, j));
		align_buf_adds(out, "</text>");
	}
	align_buf_adds(out, "</svg>");
}

static void html_chart(struct align_buf *out, const struct align_report *r,
		       const struct align_report_chart *c)
{
	align_buf_adds(out, "<figure>");
	switch (c->type) {
	case ALIGN_CHART_LINE:
		svg_line(out, r, c);
		break;
	case ALIGN_CHART_BARS:
		svg_bars(out, c);
		break;
	case ALIGN_CHART_HEAT:
		svg_heat(out, c);
		break;
	}
	align_buf_adds(out, "<figcaption>");
	esc(out, c->title);
	align_buf_adds(out, "</figcaption></figure>\n");
}

static void html_block(struct align_buf *out, const struct align_report *r,
		       const struct align_report_block *b,
		       const struct align_report_style *style)
{
	switch (b->type) {
	case ALIGN_BLOCK_PARAGRAPH:
		align_buf_adds(out, "<p>");
		esc(out, b->text);
		commit_link(out, r, b->source, style);
		align_buf_adds(out, "</p>\n");
		break;
	case ALIGN_BLOCK_GAP:
		align_buf_adds(out, "<li>");
		esc(out, b->text);
		align_buf_adds(out, "</li>\n");
		break;
	case ALIGN_BLOCK_HEADING:
		align_buf_adds(out, "<h3>");
		esc(out, b->text);
		commit_link(out, r, b->source, style);
		align_buf_adds(out, "</h3>\n");
		break;
	case ALIGN_BLOCK_PROSE: {
		struct align_buf html = ALIGN_BUF_INIT;

		align_buf_adds(out, "<blockquote class=\"prose\">");
		if (align_md_render_safe(&html, b->text, strlen(b->text), 1)) {
			align_buf_adds(out, "<pre>");
			esc(out, b->text);
			align_buf_adds(out, "</pre>");
		} else {
			align_buf_add(out, html.ptr, html.len);
		}
		align_buf_adds(out, "</blockquote>\n");
		align_buf_release(&html);
		break;
	}
	case ALIGN_BLOCK_TABLE:
		html_table(out, r, b->table, style);
		break;
	case ALIGN_BLOCK_CHART:
		break; /* grouped by html_section */
	}
}

static void html_section(struct align_buf *out, const struct align_report *r,
			 const struct align_report_section *s, size_t n,
			 const struct align_report_style *style)
{
	int charts = 0;

	align_buf_addf(out, "<section id=\"%s\">\n<h2>%zu. %s</h2>\n", s->key,
		       n, s->title);
	for (size_t i = 0; i < s->nblocks; i++) {
		html_block(out, r, &s->blocks[i], style);
	}
	for (size_t i = 0; i < s->nblocks; i++) {
		if (s->blocks[i].type != ALIGN_BLOCK_CHART) {
			continue;
		}
		if (!charts++) {
			align_buf_adds(out, "<div class=\"charts\">\n");
		}
		html_chart(out, r, s->blocks[i].chart);
	}
	if (charts) {
		align_buf_adds(out, "</div>\n");
	}
	align_buf_adds(out, "</section>\n");
}

void align_report_html(struct align_buf *out, const struct align_report *r,
		       const struct align_report_style *style)
{
	char made[ALIGN_TIME_STRLEN], a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];

	align_time_format(made, &r->made_at);
	align_date_format(a, &r->period.start);
	align_date_format(b, &r->period.end);
	align_buf_adds(out,
		       "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" "
		       "content=\"default-src 'none'; style-src 'unsafe-inline'; "
		       "img-src data:; base-uri 'none'; form-action 'none'\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n<title>");
	esc(out, r->title);
	align_buf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n"
			    "<main>\n<h1>", style_sheet);
	esc(out, r->title);
	align_buf_addf(out, "</h1>\n<p class=\"meta\">%s to %s, as of %s: commit "
			    "<code>%.*s</code> (%s).</p>\n",
		       a, b, r->day, ALIGN_REPORT_SHORT, r->commit, made);
	for (size_t s = 0; s < r->nsections; s++) {
		html_section(out, r, &r->sections[s], s + 1, style);
	}
	align_buf_adds(out, "<section id=\"gaps\">\n<h2>Gaps</h2>\n");
	if (!r->ngaps) {
		align_buf_adds(out, "<p>None: every record and version was "
				    "read.</p>\n");
	} else {
		align_buf_adds(out, "<ul class=\"gaps\">\n");
		for (size_t i = 0; i < r->ngaps; i++) {
			html_block(out, r, &r->gaps[i], style);
		}
		align_buf_adds(out, "</ul>\n");
	}
	align_buf_adds(out, "</section>\n");
	if (r->nsources) {
		align_buf_adds(out, "<section id=\"commits\">\n<h2>Commits</h2>\n"
				    "<div class=\"scroll\"><table><thead><tr>"
				    "<th>Commit</th><th>Author</th><th>Date</th>"
				    "</tr></thead><tbody>\n");
		for (size_t i = 0; i < r->nsources; i++) {
			char when[ALIGN_TIME_STRLEN];

			align_time_format(when, &r->sources[i]->when);
			align_buf_addf(out, "<tr id=\"c-%.*s\"><td><code>%s"
					    "</code></td><td>",
				       ALIGN_REPORT_SHORT, r->sources[i]->commit,
				       r->sources[i]->commit);
			esc(out, r->sources[i]->author);
			align_buf_addf(out, "</td><td>%s</td></tr>\n", when);
		}
		align_buf_adds(out, "</tbody></table></div>\n</section>\n");
	}
	align_buf_adds(out, "</main>\n</body>\n</html>\n");
}
