/* align raci show, who: the matrix of a workflow, a person's letters. */
#include "align.h"
#include "raci/verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "raci.h"
#include "util/banned.h"

static const char *const formats[] = { "text", "md", "json", "csv", NULL };

static void names_list(struct align_printer *p, const struct align_raci_cell *c)
{
	align_printer_begin_list(p);
	for (size_t k = 0; k < c->n; k++) {
		align_printer_string(p, c->names[k].name);
	}
	align_printer_end(p);
}

/* JSON: the whole workflow. */
static void show_json(struct align_printer *p, const struct align_raci *raci,
		      const struct align_raci_matrix *m)
{
	struct align_buf cell = ALIGN_BUF_INIT;

	align_printer_begin_map(p);
	align_printer_map_key(p, "workflow");
	align_printer_string(p, raci->id);
	align_printer_map_key(p, "title");
	align_printer_string(p, raci->title);
	align_printer_map_key(p, "path");
	align_printer_string(p, raci->path);
	align_printer_map_key(p, "columns");
	align_printer_begin_list(p);
	for (size_t c = 0; c < m->nnames; c++) {
		align_printer_string(p, m->names[c]);
	}
	align_printer_end(p);
	align_printer_map_key(p, "steps");
	align_printer_begin_list(p);
	for (size_t i = 0; i < raci->nsteps; i++) {
		const struct align_raci_step *s = &raci->steps[i];

		align_printer_begin_map(p);
		align_printer_map_key(p, "key");
		align_printer_string(p, s->key);
		align_printer_map_key(p, "name");
		align_printer_string(p, s->name);
		align_printer_map_key(p, "order");
		if (s->order) {
			align_printer_number_text(p, s->order);
		} else {
			align_printer_null(p);
		}
		for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
			align_printer_map_key(p, align_raci_field(l));
			names_list(p, &s->cells[l]);
		}
		align_printer_map_key(p, "blocker");
		align_printer_string(p, s->blocker);
		align_printer_map_key(p, "sla");
		align_printer_string(p, s->sla);
		align_printer_map_key(p, "cells");
		align_printer_begin_map(p);
		for (size_t c = 0; c < m->nnames; c++) {
			unsigned bits = m->cells[i * m->nnames + c];
			if (!bits) {
				continue;
			}
			align_buf_clear(&cell);
			align_raci_cell_text(&cell, bits);
			align_printer_map_key(p, m->names[c]);
			align_printer_string(p, cell.ptr);
		}
		align_printer_end(p);
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_end(p);
	align_buf_release(&cell);
}

/* Text, Markdown, CSV: one row per step, one column per name. */
static void show_table(struct align_printer *p, const struct align_raci *raci,
		       const struct align_raci_matrix *m)
{
	enum align_printer_format f = align_printer_format(p);
	struct align_buf cell = ALIGN_BUF_INIT;

	align_printer_begin_map(p);
	if (f != ALIGN_PRINTER_CSV) {
		align_printer_text(p, f == ALIGN_PRINTER_MARKDOWN ? "# " : "");
		align_printer_string(p, raci->title ? raci->title : raci->id);
		if (raci->title) {
			align_printer_text(p, " (");
			align_printer_string(p, raci->id);
			align_printer_text(p, ")");
		}
		align_printer_separator(p);
		if (f == ALIGN_PRINTER_MARKDOWN) {
			align_printer_separator(p);
		}
	}
	align_printer_map_key(p, "steps");
	align_printer_begin_list(p);
	if (f == ALIGN_PRINTER_TEXT && raci->nsteps) {
		/* Text tables have no header of their own. */
		align_printer_begin_map(p);
		align_printer_map_key(p, "step");
		align_printer_string(p, "step");
		for (size_t c = 0; c < m->nnames; c++) {
			align_printer_map_key(p, m->names[c]);
			align_printer_string(p, m->names[c]);
		}
		align_printer_end(p);
	}
	for (size_t i = 0; i < raci->nsteps; i++) {
		align_printer_begin_map(p);
		align_printer_map_key(p, "step");
		align_printer_string(p, raci->steps[i].name);
		for (size_t c = 0; c < m->nnames; c++) {
			unsigned bits = m->cells[i * m->nnames + c];
			align_printer_map_key(p, m->names[c]);
			if (!bits) {
				align_printer_string(p, f == ALIGN_PRINTER_TEXT
								? "."
								: "");
				continue;
			}
			align_buf_clear(&cell);
			align_raci_cell_text(&cell, bits);
			align_printer_string(p, cell.ptr);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
	if (f != ALIGN_PRINTER_CSV && !raci->nsteps) {
		align_printer_text(p, "no steps yet: add them with 'align raci "
				      "set'\n");
	}
	align_printer_end(p);
	align_buf_release(&cell);
}

int raci_show(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align raci show <workflow> [--format <format>]", NULL
	};
	const char *format = "text";
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, md, json or csv", formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	const struct align_entry *e;
	struct align_raci raci;
	struct align_raci_matrix m;
	struct align_printer *p;
	int n, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("%s", n ? "too many arguments"
				  : "which workflow? align raci show "
				    "<workflow>");
		return EXIT_USAGE;
	}
	if ((status = load_catalog_for(ctx, &cat, &align_kind_raci,
				       argv[0])) != 0 ||
	    (status = find_record(&e, ctx, &cat, &align_kind_raci, argv[0])) !=
		    0) {
		align_catalog_release(&cat);
		return status;
	}
	align_raci_from_record(&raci, e->record);
	align_raci_matrix(&m, &raci);
	p = printer_for(format);
	if (!strcmp(format, "json")) {
		show_json(p, &raci, &m);
	} else {
		show_table(p, &raci, &m);
	}
	align_printer_free(p);
	align_raci_matrix_release(&m);
	align_raci_release(&raci);
	align_catalog_release(&cat);
	return EXIT_OK;
}

int raci_who(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align raci who <person|role> [--format <format>]", NULL
	};
	static const int groups[] = { ALIGN_RACI_A, ALIGN_RACI_R, ALIGN_RACI_C,
				      ALIGN_RACI_I };
	const char *format = "text";
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, md, json or csv", formats },
		OPT_END_(),
	};
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_raci *racis = NULL;
	struct align_raci_duty *duties = NULL;
	struct align_printer *p;
	size_t nracis = 0, nduties;
	enum align_printer_format f;
	int n, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		error_msg("%s", n ? "too many arguments"
				  : "whose letters? align raci who "
				    "<person|role>");
		return EXIT_USAGE;
	}
	if ((status = raci_load_people(ctx, &people)) != 0 ||
	    (status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	if (people.record && !align_people_by_handle(&people, argv[0]) &&
	    !align_people_role(&people, argv[0])) {
		const struct align_person *close =
			align_people_closest(&people, argv[0]);
		if (close) {
			error_msg("'%s' is neither a person nor a role of the "
				  "roster (did you mean '%s'?)",
				  argv[0], close->handle);
		} else {
			error_msg("'%s' is neither a person nor a role of the "
				  "roster (%s)",
				  argv[0], ALIGN_PEOPLE_FILE);
		}
		status = EXIT_FINDINGS;
		goto done;
	}
	racis = align_calloc(cat.count + 1, sizeof(*racis));
	for (size_t i = 0; i < cat.count; i++) {
		const struct align_entry *e = &cat.entries[i];
		if (e->kind == &align_kind_raci && e->record &&
		    !strcmp(align_record_kind(e->record), "raci")) {
			align_raci_from_record(&racis[nracis++], e->record);
		}
	}
	nduties = align_raci_duties(&duties, racis, nracis, &people, argv[0]);
	p = printer_for(format);
	f = align_printer_format(p);
	align_printer_begin_map(p);
	align_printer_map_key(p, "who");
	if (f == ALIGN_PRINTER_JSON) {
		align_printer_string(p, argv[0]);
	} else if (f != ALIGN_PRINTER_CSV && !nduties) {
		align_printer_string(p, argv[0]);
		align_printer_text(p, " holds no letter in any workflow\n");
	}
	for (size_t g = 0; g < 4; g++) {
		int l = groups[g], any = 0;
		for (size_t i = 0; i < nduties; i++) {
			any |= (int)duties[i].letter == l;
		}
		if (!any && f != ALIGN_PRINTER_JSON) {
			continue;
		}
		if (f == ALIGN_PRINTER_TEXT || f == ALIGN_PRINTER_MARKDOWN) {
			align_printer_textf(p, "%s%s%s\n",
					    f == ALIGN_PRINTER_MARKDOWN ? "## "
									: "",
					    align_raci_word(l),
					    f == ALIGN_PRINTER_MARKDOWN ? "\n"
									: "");
		}
		if (f == ALIGN_PRINTER_TEXT) {
			/* Text: lines, not a table. */
			for (size_t i = 0; i < nduties; i++) {
				const struct align_raci_duty *d = &duties[i];
				if ((int)d->letter != l) {
					continue;
				}
				align_printer_text(p, "  ");
				align_printer_string(p, d->raci->id);
				align_printer_text(p, ": ");
				align_printer_string(p, d->step->name);
				if (d->via) {
					align_printer_text(p, " (through ");
					align_printer_string(p, d->via);
					align_printer_text(p, ")");
				}
				align_printer_separator(p);
			}
			continue;
		}
		align_printer_map_key(p, align_raci_field(l));
		align_printer_begin_list(p);
		for (size_t i = 0; i < nduties; i++) {
			const struct align_raci_duty *d = &duties[i];
			if ((int)d->letter != l) {
				continue;
			}
			align_printer_begin_map(p);
			if (f == ALIGN_PRINTER_CSV) {
				align_printer_map_key(p, "letter");
				align_printer_string(p, align_raci_word(l));
			}
			align_printer_map_key(p, "workflow");
			align_printer_string(p, d->raci->id);
			align_printer_map_key(p, "step");
			align_printer_string(p, d->step->name);
			if (f == ALIGN_PRINTER_JSON) {
				align_printer_map_key(p, "key");
				align_printer_string(p, d->step->key);
				align_printer_map_key(p, "path");
				align_printer_string(p, d->raci->path);
			}
			align_printer_map_key(p, "through");
			align_printer_string(p, d->via);
			align_printer_end(p);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_free(p);
done:
	for (size_t i = 0; i < nracis; i++) {
		align_raci_release(&racis[i]);
	}
	free(racis);
	free(duties);
	align_people_release(&people);
	align_catalog_release(&cat);
	return status;
}
