#ifndef ALIGN_MARKDOWN_H
#define ALIGN_MARKDOWN_H

#include <stddef.h>

/*
 * The Markdown side of records, read through cmark (the only file that
 * includes <cmark.h>). cmark 0.30.2 has quadratic inputs, so callers cap
 * the size of what they pass and check align_md_nesting() first.
 */

/* Deepest container nesting allowed in a record (see align_md_nesting). */
#define ALIGN_MD_NESTING_MAX 64

struct align_md_section {
	char *heading;   /* plain text of the "## " heading; owned */
	size_t line;     /* line of the heading */
	size_t end_line; /* last line before the next heading of level <= 2 */
	int answered;    /* 1 when any content follows other than comments */
};

struct align_md_outline {
	char *title;       /* text of the first level-1 heading, or NULL */
	size_t title_line;
	size_t title_end;  /* its last line (a setext heading has two) */
	size_t ini_blocks; /* top-level fenced code blocks with info "ini" */
	size_t ini_open;   /* line of the first one's opening fence */
	size_t ini_end;    /* its last line as cmark sees it */
	struct align_md_section *sections; /* level-2 headings, in order */
	size_t nsections;
	size_t sections_alloc;
};

/*
 * Reads the outline of `len` bytes of Markdown: the title, where the first
 * top-level ```ini block is, and the level-2 sections. Invalid UTF-8 is
 * replaced, not refused. Returns 0, or ALIGN_ERROR when cmark fails.
 * Release `out` with align_md_outline_release().
 */
int align_md_outline(struct align_md_outline *out, const char *text,
		     size_t len);
void align_md_outline_release(struct align_md_outline *outline);

/*
 * Estimates the deepest nesting of block quotes and lists in `text` by a
 * linear scan of line prefixes, so that input cmark would take quadratic
 * time over can be refused before parsing. Returns the depth and sets
 * `out_line` to the line where it occurs.
 */
size_t align_md_nesting(const char *text, size_t len, size_t *out_line);

/*
 * Renders Markdown people wrote so that it can be shown to others: raw
 * HTML (blocks and inline, comments too) becomes visible text; control
 * characters and bidi overrides in text, code and titles are shown as
 * the text printer shows them ("\e", "<U+202E>") and percent-encoded in
 * link targets; a link or image to anything but http, https, mailto or a
 * relative reference becomes its text; in HTML an image becomes a link
 * to it, so that nothing is fetched. The rest is rendered by cmark's safe
 * HTML renderer (`html`) or back to CommonMark. Appends to `out`; returns
 * 0 or ALIGN_ERROR. Callers cap the size and nesting as for records.
 */
struct align_buf;
int align_md_render_safe(struct align_buf *out, const char *text, size_t len,
			 int html);

#endif
