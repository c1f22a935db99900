#include "markdown.h"

#include <cmark.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/banned.h"

/*
 * cmark makes dozens of small allocations per document and frees them all
 * with it: they come from an arena that lives for one parse, its first
 * chunk on the stack, so a record usually costs no malloc at all. cmark's
 * allocator functions take no context, hence the thread's own arena.
 */
#define ARENA_ALIGN 16
#define ARENA_STACK 16384

struct arena_chunk {
	struct arena_chunk *prev; /* NULL for the first, on the stack */
	size_t size; /* bytes at data */
	size_t used;
	unsigned char *data;
};

struct arena {
	struct arena_chunk *chunk; /* where blocks are cut now */
	unsigned char *last;	   /* the latest block: it can grow in place */
};

static _Thread_local struct arena *current_arena;

static size_t arena_round(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/* Each block is preceded by its size, for realloc. */
static void *arena_alloc(size_t size)
{
	struct arena *a = current_arena;
	struct arena_chunk *c = a->chunk;
	size_t need;
	unsigned char *p;

	if (size > SIZE_MAX / 4) {
		/* Cannot be met: align_malloc says so and aborts. */
		return align_malloc(size);
	}
	need = ARENA_ALIGN + arena_round(size ? size : 1);
	if (c->size - c->used < need) {
		size_t grow = c->size * 2 > need ? c->size * 2 : need;
		struct arena_chunk *next;

		/* The header's size keeps the data aligned. */
		next = align_malloc(arena_round(sizeof(*next)) + grow);
		next->prev = c;
		next->size = grow;
		next->used = 0;
		next->data = (unsigned char *)next + arena_round(sizeof(*next));
		a->chunk = c = next;
	}
	p = c->data + c->used;
	memcpy(p, &size, sizeof(size));
	c->used += need;
	a->last = p + ARENA_ALIGN;
	return a->last;
}

static void *arena_calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / 4 / size) {
		return align_calloc(n, size); /* aborts, as above */
	}
	p = arena_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *arena_realloc(void *ptr, size_t size)
{
	struct arena *a = current_arena;
	struct arena_chunk *c = a->chunk;
	unsigned char *p = ptr, *q;
	size_t old;

	if (!p) {
		return arena_alloc(size);
	}
	memcpy(&old, p - ARENA_ALIGN, sizeof(old));
	if (p == a->last && size <= SIZE_MAX / 4 &&
	    (size_t)(p - c->data) + arena_round(size ? size : 1) <= c->size) {
		memcpy(p - ARENA_ALIGN, &size, sizeof(size));
		c->used = (size_t)(p - c->data) + arena_round(size ? size : 1);
		return p;
	}
	q = arena_alloc(size);
	memcpy(q, p, old < size ? old : size);
	return q;
}

static void arena_free(void *ptr)
{
	struct arena *a = current_arena;
	unsigned char *p = ptr;

	/* Only the latest block is given back; the rest go with the arena. */
	if (p && p == a->last) {
		a->chunk->used = (size_t)(p - ARENA_ALIGN - a->chunk->data);
		a->last = NULL;
	}
}

static void arena_release(struct arena *a)
{
	while (a->chunk->prev) {
		struct arena_chunk *prev = a->chunk->prev;
		free(a->chunk);
		a->chunk = prev;
	}
}

static void plain_text(struct align_buf *out, cmark_node *node)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER) {
			continue;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			align_buf_adds(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			align_buf_addch(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
}

/* An HTML block that is nothing but comments counts as no answer. */
static int is_comment_only(cmark_node *node)
{
	const char *s = cmark_node_get_literal(node);

	if (!s) {
		return 0;
	}
	for (;;) {
		while (isspace((unsigned char)*s)) {
			s++;
		}
		if (!*s) {
			return 1;
		}
		if (strncmp(s, "<!--", 4)) {
			return 0;
		}
		s = strstr(s + 4, "-->");
		if (!s) {
			return 1;
		}
		s += 3;
	}
}

static int is_ini_info(const char *info)
{
	size_t n;

	if (!info) {
		return 0;
	}
	while (*info == ' ') {
		info++;
	}
	n = strcspn(info, " \t");
	return n == 3 && !strncmp(info, "ini", 3);
}

int align_md_outline(struct align_md_outline *out, const char *text,
		     size_t len)
{
	_Alignas(ARENA_ALIGN) unsigned char stack[ARENA_STACK];
	struct arena_chunk first = { NULL, sizeof(stack), 0, stack };
	struct arena arena = { &first, NULL };
	cmark_mem mem = { arena_calloc, arena_realloc, arena_free };
	struct arena *outer = current_arena;
	struct align_md_section *current = NULL;
	cmark_parser *parser;
	cmark_node *doc;

	memset(out, 0, sizeof(*out));
	current_arena = &arena;
	parser = cmark_parser_new_with_mem(
		CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8, &mem);
	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!doc) {
		current_arena = outer;
		arena_release(&arena);
		return ALIGN_ERROR;
	}
	for (cmark_node *n = cmark_node_first_child(doc); n;
	     n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);
		size_t start = (size_t)cmark_node_get_start_line(n);
		size_t end = (size_t)cmark_node_get_end_line(n);

		if (type == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n);

			if (level == 1 && !out->title) {
				struct align_buf t = ALIGN_BUF_INIT;
				plain_text(&t, n);
				out->title = align_buf_detach(&t, NULL);
				out->title_line = start;
				out->title_end = end;
			}
			if (level <= 2) {
				current = NULL;
			}
			if (level == 2) {
				struct align_buf t = ALIGN_BUF_INIT;

				ALIGN_ARRAY_GROW(out->sections,
						 out->sections_alloc,
						 out->nsections + 1);
				current = &out->sections[out->nsections++];
				plain_text(&t, n);
				current->heading = align_buf_detach(&t, NULL);
				current->line = start;
				current->end_line = end;
				current->answered = 0;
				continue;
			}
		}
		if (type == CMARK_NODE_CODE_BLOCK &&
		    is_ini_info(cmark_node_get_fence_info(n))) {
			if (!out->ini_blocks++) {
				out->ini_open = start;
				out->ini_end = end;
			}
		}
		if (current) {
			current->end_line = end;
			if (!(type == CMARK_NODE_HTML_BLOCK &&
			      is_comment_only(n))) {
				current->answered = 1;
			}
		}
	}
	cmark_node_free(doc);
	current_arena = outer;
	arena_release(&arena);
	return 0;
}

void align_md_outline_release(struct align_md_outline *outline)
{
	free(outline->title);
	for (size_t i = 0; i < outline->nsections; i++) {
		free(outline->sections[i].heading);
	}
	free(outline->sections);
	memset(outline, 0, sizeof(*outline));
}

size_t align_md_nesting(const char *text, size_t len, size_t *out_line)
{
	size_t pos = 0, line = 1, deepest = 0;

	*out_line = 0;
	while (pos < len) {
		size_t depth = 0, indent = 0;
		const char *s = text + pos;
		const char *end = s;

		/* A line ends at LF, CRLF or a lone CR, as cmark reads it. */
		while (end < text + len && *end != '\n' && *end != '\r') {
			end++;
		}

		for (;;) {
			/* Blanks before the first marker nest lists; blanks
			 * after a marker only separate it from the text. */
			while (s < end && (*s == ' ' || *s == '\t')) {
				if (!depth) {
					indent += *s == '\t' ? 4 : 1;
				}
				s++;
			}
			if (s < end && *s == '>') {
				depth++;
				s++;
				continue;
			}
			if (s + 1 < end && (*s == '-' || *s == '+' || *s == '*') &&
			    (s[1] == ' ' || s[1] == '\t')) {
				depth++;
				s++;
				continue;
			}
			if (s < end && isdigit((unsigned char)*s)) {
				const char *d = s;
				while (d < end && isdigit((unsigned char)*d)) {
					d++;
				}
				if (d + 1 < end && (*d == '.' || *d == ')') &&
				    (d[1] == ' ' || d[1] == '\t')) {
					depth++;
					s = d + 1;
					continue;
				}
			}
			break;
		}
		depth += indent / 2;
		if (depth > deepest) {
			deepest = depth;
			*out_line = line;
		}
		pos = (size_t)(end - text) + 1;
		if (end < text + len && *end == '\r' && pos < len &&
		    text[pos] == '\n') {
			pos++;
		}
		line++;
	}
	return deepest;
}

/*
 * 1 when a link may point at `url`: http, https and mailto, or a
 * reference without a scheme (a relative path or an anchor). Anything
 * else (javascript:, vbscript:, data:, file:) is dropped.
 */
static int url_safe(const char *url)
{
	size_t scheme = strcspn(url, ":/?#");

	if (url[scheme] != ':') {
		return 1;
	}
	return (scheme == 4 && !strncasecmp(url, "http", 4)) ||
	       (scheme == 5 && !strncasecmp(url, "https", 5)) ||
	       (scheme == 6 && !strncasecmp(url, "mailto", 6));
}

/* `node` (raw HTML) replaced by its source shown as text. */
static void html_as_text(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	size_t n = lit ? strlen(lit) : 0;

	while (n && (lit[n - 1] == '\n' || lit[n - 1] == '\r')) {
		n--;
	}
	{
		char *copy = align_strndup(lit ? lit : "", n);
		cmark_node_set_literal(text, copy);
		free(copy);
	}
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
		cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(para, text);
		text = para;
	}
	cmark_node_replace(node, text);
	cmark_node_free(node);
}

int align_md_render_safe(struct align_buf *out, const char *text, size_t len,
			 int html)
{
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8);
	cmark_node **raw = NULL, *doc;
	size_t nraw = 0, alloc = 0;
	cmark_iter *iter;
	cmark_event_type ev;
	char *rendered;

	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!doc) {
		return ALIGN_ERROR;
	}
	iter = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER) {
			continue;
		}
		if (type == CMARK_NODE_HTML_BLOCK ||
		    type == CMARK_NODE_HTML_INLINE) {
			ALIGN_ARRAY_GROW(raw, alloc, nraw + 1);
			raw[nraw++] = n;
		} else if ((type == CMARK_NODE_LINK ||
			    type == CMARK_NODE_IMAGE) &&
			   !url_safe(cmark_node_get_url(n)
					     ? cmark_node_get_url(n)
					     : "")) {
			cmark_node_set_url(n, "");
		}
	}
	cmark_iter_free(iter);
	for (size_t i = 0; i < nraw; i++) {
		html_as_text(raw[i]);
	}
	free(raw);
	rendered = html ? cmark_render_html(doc, CMARK_OPT_DEFAULT)
			: cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	if (!rendered) {
		return ALIGN_ERROR;
	}
	align_buf_adds(out, rendered);
	free(rendered);
	return 0;
}
