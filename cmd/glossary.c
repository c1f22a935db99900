/* align glossary: the team's terms (glossary.md), all of them or one. */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "glossary.h"
#include "options.h"
#include "output.h"
#include "util/error.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "md", "json", NULL };

/*
 * `s` as a terminal may show it: what a file says reaches stderr with its
 * control characters escaped, as the printer's text back end does.
 */
static const char *shown(struct align_buf *buf, const char *s)
{
	align_buf_clear(buf);
	align_printer_escape_text(buf, s, strlen(s), 1);
	return buf->ptr;
}

/* The definition's first paragraph on one line, for the text list. */
static void summary(struct align_buf *out, const char *def)
{
	for (const char *p = def; *p; p++) {
		if (*p == '\n' && p[1] == '\n') {
			break;
		}
		align_buf_addch(out, *p == '\n' ? ' ' : *p);
	}
}

static void json_entry(struct align_printer *p, const struct align_glossary *g,
		       const struct align_glossary_entry *e)
{
	align_printer_begin_map(p);
	align_printer_map_key(p, "term");
	align_printer_string(p, e->term);
	align_printer_map_key(p, "aliases");
	align_printer_begin_list(p);
	for (size_t i = 1; i < e->nnames; i++) {
		align_printer_string(p, g->names[e->first_name + i].text);
	}
	align_printer_end(p);
	align_printer_map_key(p, "owner");
	align_printer_string(p, e->owner);
	align_printer_map_key(p, "definition");
	align_printer_string(p, e->definition);
	align_printer_map_key(p, "line");
	align_printer_integer(p, (long long)e->line);
	align_printer_end(p);
}

/* Text and Markdown: the term, its aliases and owner, the definition. */
static void block_entry(struct align_printer *p, const struct align_glossary *g,
			const struct align_glossary_entry *e)
{
	int md = align_printer_format(p) == ALIGN_PRINTER_MARKDOWN;

	align_printer_text(p, md ? "## " : "");
	align_printer_string(p, e->term);
	align_printer_text(p, md ? "\n\n" : "\n");
	if (e->nnames > 1) {
		align_printer_text(p, md ? "- Aliases: " : "aliases: ");
		for (size_t i = 1; i < e->nnames; i++) {
			align_printer_text(p, i > 1 ? ", " : "");
			align_printer_string(p, g->names[e->first_name + i].text);
		}
		align_printer_separator(p);
	}
	align_printer_text(p, md ? "- Owner: " : "owner: ");
	if (e->owner) {
		align_printer_string(p, e->owner);
	} else {
		align_printer_text(p, "none");
	}
	align_printer_separator(p);
	if (*e->definition) {
		align_printer_separator(p);
		align_printer_string(p, e->definition);
		align_printer_separator(p);
	}
}

static void print_one(struct align_printer *p, const struct align_glossary *g,
		      const struct align_glossary_entry *e, const char *query)
{
	if (align_printer_format(p) != ALIGN_PRINTER_JSON) {
		block_entry(p, g, e);
		return;
	}
	align_printer_begin_map(p);
	align_printer_map_key(p, "query");
	align_printer_string(p, query);
	align_printer_map_key(p, "term");
	json_entry(p, g, e);
	align_printer_end(p);
}

static void print_all(struct align_printer *p, const struct align_glossary *g)
{
	enum align_printer_format f = align_printer_format(p);
	struct align_buf line = ALIGN_BUF_INIT;

	if (f == ALIGN_PRINTER_MARKDOWN) {
		align_printer_text(p, "# Glossary\n");
		for (size_t i = 0; i < g->count; i++) {
			align_printer_separator(p);
			block_entry(p, g, &g->items[i]);
		}
		return;
	}
	/* JSON: every entry whole; text: a table of term, owner, summary. */
	align_printer_begin_map(p);
	align_printer_map_key(p, "terms");
	align_printer_begin_list(p);
	for (size_t i = 0; i < g->count; i++) {
		const struct align_glossary_entry *e = &g->items[i];

		if (f == ALIGN_PRINTER_JSON) {
			json_entry(p, g, e);
			continue;
		}
		align_buf_clear(&line);
		summary(&line, e->definition);
		align_printer_begin_map(p);
		align_printer_map_key(p, "term");
		align_printer_string(p, e->term);
		align_printer_map_key(p, "owner");
		align_printer_string(p, e->owner);
		align_printer_map_key(p, "definition");
		align_printer_string(p, line.ptr);
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	align_buf_release(&line);
}

int cmd_glossary(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align glossary [<term>] [--format <format>]", NULL
	};
	const char *format = "text";
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, md or json", formats },
		OPT_END_(),
	};
	struct align_glossary g = ALIGN_GLOSSARY_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	const struct align_glossary_entry *e = NULL;
	struct align_buf a = ALIGN_BUF_INIT, b = ALIGN_BUF_INIT;
	struct align_printer *p;
	int n, ret, status = EXIT_OK;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 1) {
		error_msg("too many arguments (quote a term with spaces)");
		return EXIT_USAGE;
	}
	if (n == 1 && !argv[0][strspn(argv[0], " \t")]) {
		error_msg("which term? give a term or an alias");
		return EXIT_USAGE;
	}
	ret = align_glossary_load(&g, ctx->repo, &diags);
	if (ret == ALIGN_ENOTFOUND) {
		error_msg("no glossary: there is no %s at the records root; "
			  "write one (see align-format(5))",
			  ALIGN_GLOSSARY_FILE);
		status = EXIT_FINDINGS;
		goto done;
	}
	if (ret == ALIGN_EINVALID && diags.count) {
		const struct align_diag *d = &diags.items[0];
		if (d->line) {
			error_msg("%s:%zu: %s", d->path, d->line,
				  shown(&a, d->message));
		} else {
			error_msg("%s: %s", d->path, shown(&a, d->message));
		}
		status = EXIT_FINDINGS;
		goto done;
	}
	if (ret < 0) {
		error_msg("%s", align_repo_error(ctx->repo));
		status = ret == ALIGN_ETOOBIG || ret == ALIGN_EINVALID
				 ? EXIT_FINDINGS
				 : EXIT_FATAL;
		goto done;
	}
	if (n == 1 && !(e = align_glossary_find(&g, argv[0]))) {
		const struct align_glossary_name *close =
			align_glossary_closest(&g, argv[0]);
		if (close) {
			error_msg("no term '%s' in %s (did you mean '%s'?)",
				  shown(&a, argv[0]), ALIGN_GLOSSARY_FILE,
				  shown(&b, close->text));
		} else {
			error_msg("no term '%s' in %s", shown(&a, argv[0]),
				  ALIGN_GLOSSARY_FILE);
		}
		status = EXIT_FINDINGS;
		goto done;
	}
	p = printer_for(format);
	if (e) {
		print_one(p, &g, e, argv[0]);
	} else {
		print_all(p, &g);
	}
	align_printer_free(p);
done:
	align_buf_release(&a);
	align_buf_release(&b);
	align_glossary_release(&g);
	align_diags_clear(&diags);
	return status;
}
