#include "markdown.h"

#include <cmark.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/printer.h"
#include "util/text.h"
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

/* `s` as a reader may see it: control characters and bidi overrides
 * shown as the text back end shows them ("\e", "<U+202E>"). */
static char *shown(const char *s)
{
	struct align_buf t = ALIGN_BUF_INIT;

	align_printer_escape_text(&t, s ? s : "", s ? strlen(s) : 0, 0);
	return align_buf_detach(&t, NULL);
}

static void set_shown_literal(cmark_node *node)
{
	char *t = shown(cmark_node_get_literal(node));

	cmark_node_set_literal(node, t);
	free(t);
}

/*
 * A link's target with every control character, C1 control and bidi
 * override percent-encoded: the CommonMark renderer writes it as it is,
 * and a browser drops tabs and newlines from a URL before reading it.
 */
static char *url_shown(const char *url)
{
	struct align_buf t = ALIGN_BUF_INIT;
	const unsigned char *s = (const unsigned char *)url;
	size_t len = strlen(url);

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = align_utf8_decode(s + i, len - i, &cp);

		if (!n || cp <= ' ' || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
		    align_cp_is_bidi(cp)) {
			n = n ? n : 1;
			for (size_t k = 0; k < n; k++) {
				align_buf_addf(&t, "%%%02X", s[i + k]);
			}
		} else {
			align_buf_add(&t, s + i, n);
		}
		i += n;
	}
	return align_buf_detach(&t, NULL);
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
		char *t = shown(copy);
		cmark_node_set_literal(text, t);
		free(t);
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

/* A link or image to an unsafe target replaced by its text. */
static void unwrap(cmark_node *node)
{
	cmark_node *child;

	while ((child = cmark_node_first_child(node))) {
		cmark_node_insert_before(node, child);
	}
	cmark_node_free(node);
}

/* An image replaced by a link to it: a page that loads nothing from
 * outside shows its description, and the reader may follow it. */
static void image_as_link(cmark_node *node)
{
	cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	struct align_buf alt = ALIGN_BUF_INIT;

	plain_text(&alt, node);
	cmark_node_set_literal(text, alt.len ? alt.ptr : "image");
	cmark_node_set_url(link, cmark_node_get_url(node));
	cmark_node_set_title(link, cmark_node_get_title(node));
	cmark_node_append_child(link, text);
	cmark_node_replace(node, link);
	cmark_node_free(node);
	align_buf_release(&alt);
}

static int inside_link(cmark_node *node)
{
	while ((node = cmark_node_parent(node))) {
		if (cmark_node_get_type(node) == CMARK_NODE_LINK) {
			return 1;
		}
	}
	return 0;
}

enum fix { FIX_HTML, FIX_UNWRAP, FIX_IMAGE };

struct fixup {
	cmark_node *node;
	enum fix fix;
};

int align_md_render_safe(struct align_buf *out, const char *text, size_t len,
			 int html)
{
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8);
	struct fixup *fixes = NULL;
	cmark_node *doc;
	size_t nfixes = 0, alloc = 0;
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
		enum fix fix;

		if (ev != CMARK_EVENT_ENTER) {
			continue;
		}
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			set_shown_literal(n);
			continue;
		case CMARK_NODE_CODE_BLOCK: {
			char *info = shown(cmark_node_get_fence_info(n));

			set_shown_literal(n);
			cmark_node_set_fence_info(n, info);
			free(info);
			continue;
		}
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			fix = FIX_HTML;
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE: {
			const char *url = cmark_node_get_url(n);
			char *u, *title;

			if (!url_safe(url ? url : "")) {
				fix = FIX_UNWRAP;
				break;
			}
			u = url_shown(url ? url : "");
			title = shown(cmark_node_get_title(n));
			cmark_node_set_url(n, u);
			cmark_node_set_title(n, title);
			free(u);
			free(title);
			if (type == CMARK_NODE_LINK || !html) {
				continue;
			}
			/* A link cannot hold a link: inside one, its text. */
			fix = inside_link(n) ? FIX_UNWRAP : FIX_IMAGE;
			break;
		}
		default:
			continue;
		}
		ALIGN_ARRAY_GROW(fixes, alloc, nfixes + 1);
		fixes[nfixes].node = n;
		fixes[nfixes++].fix = fix;
	}
	cmark_iter_free(iter);
	/*
	 * Innermost first: a node met later is inside or after one met
	 * before, so it is changed before its container is replaced.
	 */
	for (size_t i = nfixes; i-- > 0;) {
		switch (fixes[i].fix) {
		case FIX_HTML:
			html_as_text(fixes[i].node);
			break;
		case FIX_UNWRAP:
			unwrap(fixes[i].node);
			break;
		case FIX_IMAGE:
			image_as_link(fixes[i].node);
			break;
		}
	}
	free(fixes);
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
