/* align people: the roster (people.ini): ls, show, add, set. */
#include "align.h"

#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "duties.h"
#include "options.h"
#include "output.h"
#include "people.h"
#include "util/error.h"
#include "util/banned.h"

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/*
 * Loads the roster; a roster that does not parse or cannot be read is
 * printed (its first problem) and gives EXIT_FINDINGS.
 */
static int load_roster(struct align_ctx *ctx, struct align_people *people)
{
	struct align_diags diags = ALIGN_DIAGS_INIT;
	int status = EXIT_OK;

	if (align_people_load(people, ctx->repo, &diags) < 0) {
		const struct align_diag *d = diags.count ? &diags.items[0] : NULL;
		if (d) {
			error_msg("%s:%zu: %s", d->path, d->line, d->message);
		} else {
			error_msg("%s", align_repo_error(ctx->repo));
		}
		status = EXIT_FINDINGS;
	}
	align_diags_clear(&diags);
	return status;
}

/* The usage error of a verb given no handle or more than one. */
static int one_handle(int n, const char **argv)
{
	if (n) {
		error_msg("unexpected argument '%s'", argv[1]);
	} else {
		error_msg("which person? give a handle");
	}
	return EXIT_USAGE;
}

/* The roles `handle` belongs to, as a list of strings. */
static void print_roles_of(struct align_printer *p,
			   const struct align_people *people,
			   const char *handle, int text)
{
	size_t n = 0;

	align_printer_begin_list(p);
	for (size_t i = 0; i < people->nroles; i++) {
		const struct align_role *r = &people->roles[i];

		if (!align_people_is(people, handle, r->name)) {
			continue;
		}
		if (text && n) {
			align_printer_text(p, ", ");
		}
		align_printer_string(p, r->name);
		n++;
	}
	align_printer_end(p);
}

/* The items of a comma list as a list of strings ("a, b" in text). */
static void print_items(struct align_printer *p, const char *list)
{
	const char *item;
	size_t n, count = 0;

	align_printer_begin_list(p);
	while (list && align_people_next(&list, &item, &n)) {
		if (count++) {
			align_printer_text(p, ", ");
		}
		align_printer_string_len(p, item, n);
	}
	align_printer_end(p);
}

static int people_ls(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align people ls [--team <team>] [--format <format>]", NULL
	};
	static const char *const formats[] = { "text", "json", "csv", "md",
					       NULL };
	const char *team = NULL, *format = "text";
	const struct opt opts[] = {
		{ OPT_STRING, 0, "team", &team, "<team>",
		  "only people of this team", NULL },
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text, json, csv or md", formats },
		OPT_END_(),
	};
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_printer *p;
	int n, json, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n > 0) {
		error_msg("unexpected argument '%s'", argv[0]);
		return EXIT_USAGE;
	}
	if ((status = load_roster(ctx, &people)) != EXIT_OK) {
		align_people_release(&people);
		return status;
	}
	json = !strcmp(format, "json");
	p = printer_for(format);
	align_printer_begin_map(p);
	align_printer_map_key(p, "people");
	align_printer_begin_list(p);
	for (size_t i = 0; i < people.count; i++) {
		const struct align_person *person = &people.items[i];
		if (team && (!person->team || strcmp(person->team, team))) {
			continue;
		}
		align_printer_begin_map(p);
		align_printer_map_key(p, "handle");
		align_printer_string(p, person->handle);
		align_printer_map_key(p, "name");
		align_printer_string(p, or_null(person->name));
		align_printer_map_key(p, "team");
		align_printer_string(p, or_null(person->team));
		align_printer_map_key(p, "email");
		align_printer_string(p, or_null(person->email));
		align_printer_map_key(p, "role");
		align_printer_string(p, or_null(person->role));
		align_printer_map_key(p, "backup");
		align_printer_string(p, or_null(person->backup));
		align_printer_map_key(p, "away");
		align_printer_string(p, or_null(person->away));
		if (json) {
			/* Tables show what the file says; JSON adds these. */
			align_printer_map_key(p, "away_today");
			align_printer_boolean(p, align_person_away(person,
								   &ctx->today));
			align_printer_map_key(p, "roles");
			print_roles_of(p, &people, person->handle, 0);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
	if (json) {
		/* The roles: a second table would read as more people. */
		align_printer_map_key(p, "roles");
		align_printer_begin_list(p);
		for (size_t i = 0; i < people.nroles; i++) {
			const struct align_role *r = &people.roles[i];

			align_printer_begin_map(p);
			align_printer_map_key(p, "name");
			align_printer_string(p, r->name);
			align_printer_map_key(p, "members");
			print_items(p, r->members);
			align_printer_end(p);
		}
		align_printer_end(p);
	}
	align_printer_end(p);
	align_printer_free(p);
	align_people_release(&people);
	return EXIT_OK;
}

/* A field as "<label>: <value>" in text, "<key>": value in JSON. */
static void print_line(struct align_printer *p, const char *key,
		       const char *value)
{
	align_printer_map_key(p, key);
	align_printer_textf(p, "%s: ", key);
	if (or_null(value)) {
		align_printer_string(p, value);
	} else {
		align_printer_null(p);
		align_printer_text(p, "-");
	}
	align_printer_separator(p);
}

struct away_out {
	struct align_printer *p;
};

static void away_item(const char *entry, size_t len,
		      const struct align_date *from,
		      const struct align_date *to, int ok, void *payload)
{
	struct align_printer *p = ((struct away_out *)payload)->p;
	char a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];

	(void)entry;
	(void)len;
	if (ok) {
		return; /* align check reports it */
	}
	align_date_format(a, from);
	align_date_format(b, to);
	align_printer_begin_map(p);
	align_printer_map_key(p, "from");
	align_printer_string(p, a);
	align_printer_map_key(p, "to");
	align_printer_string(p, b);
	align_printer_end(p);
}

/* One group of duties: a heading and a table in text, a list in JSON. */
static void print_duties(struct align_printer *p,
			 const struct align_duties *duties,
			 enum align_duty duty, int json)
{
	size_t count = align_duties_count(duties, duty);

	align_printer_map_key(p, align_duty_name(duty));
	if (!json && !count) {
		align_printer_begin_list(p);
		align_printer_end(p);
		return;
	}
	align_printer_textf(p, "\n%s %s:\n", align_duty_name(duty),
			    duty == ALIGN_DUTY_NAMED ? "in" : "for");
	align_printer_begin_list(p);
	for (size_t i = 0; i < duties->count; i++) {
		const struct align_duty_item *it = &duties->items[i];
		const struct align_record *r = it->entry->record;
		const struct align_kind *kind = it->entry->kind;
		struct align_buf field = ALIGN_BUF_INIT, via = ALIGN_BUF_INIT;

		if (it->duty != duty) {
			continue;
		}
		if (it->part) {
			align_buf_addf(&field, "%s %s: %s",
				       kind->part_noun ? kind->part_noun
						       : it->field->section,
				       it->part, it->field->name);
		} else {
			align_buf_adds(&field, it->field->name);
		}
		align_printer_begin_map(p);
		align_printer_map_key(p, "kind");
		align_printer_string(p, kind->name);
		align_printer_map_key(p, "id");
		align_printer_string(p, align_record_id(r));
		align_printer_map_key(p, "field");
		align_printer_string(p, json ? it->field->name : field.ptr);
		if (json) {
			align_printer_map_key(p, "part");
			align_printer_string(p, it->part);
		}
		align_printer_map_key(p, "via");
		if (json || !it->via) {
			align_printer_string(p, it->via);
		} else {
			align_buf_clear(&via);
			align_buf_addf(&via, "via %s", it->via);
			align_printer_string(p, via.ptr);
		}
		align_printer_map_key(p, "status");
		align_printer_string(p, or_null(align_record_get(
					       r, kind->name, NULL, "status")));
		align_printer_map_key(p, "title");
		align_printer_string(p, r->title);
		if (json) {
			align_printer_map_key(p, "path");
			align_printer_string(p, it->entry->path);
			align_printer_map_key(p, "line");
			align_printer_integer(p, (long long)it->line);
		}
		align_printer_end(p);
		align_buf_release(&field);
		align_buf_release(&via);
	}
	align_printer_end(p);
}

static int people_show(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align people show <handle> [--format <format>]", NULL
	};
	static const char *const formats[] = { "text", "json", NULL };
	const char *format = "text";
	const struct opt opts[] = {
		{ OPT_CHOICE, 0, "format", &format, "<format>",
		  "text or json", formats },
		OPT_END_(),
	};
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_catalog cat = ALIGN_CATALOG_INIT;
	struct align_duties duties = ALIGN_DUTIES_INIT;
	const struct align_person *person;
	struct align_printer *p;
	struct away_out away;
	int n, json, status;

	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		return one_handle(n, argv);
	}
	if ((status = load_roster(ctx, &people)) != EXIT_OK) {
		goto done;
	}
	person = align_people_by_handle(&people, argv[0]);
	if (!person) {
		const struct align_role *role = align_people_role(&people,
								  argv[0]);
		const char *close = align_people_suggest(&people, argv[0]);

		if (role) {
			error_msg("'%s' is a role, not a person; show one of "
				  "its members (%s)",
				  argv[0], role->members ? role->members : "");
		} else if (close) {
			error_msg("person '%s' is not in the roster (did you "
				  "mean '%s'?)",
				  argv[0], close);
		} else {
			error_msg("person '%s' is not in the roster", argv[0]);
		}
		status = EXIT_FINDINGS;
		goto done;
	}
	if ((status = load_catalog(ctx, &cat)) != 0) {
		goto done;
	}
	align_duties_of(&duties, &cat, &people, person->handle);
	json = !strcmp(format, "json");
	p = printer_for(format);
	align_printer_begin_map(p);
	print_line(p, "handle", person->handle);
	print_line(p, "name", person->name);
	print_line(p, "team", person->team);
	align_printer_map_key(p, "emails");
	align_printer_text(p, "email: ");
	print_items(p, person->email);
	align_printer_separator(p);
	print_line(p, "role", person->role);
	print_line(p, "backup", person->backup);
	print_line(p, "away", person->away);
	if (json) {
		align_printer_map_key(p, "away_ranges");
		align_printer_begin_list(p);
		away.p = p;
		align_away_each(person->away, away_item, &away);
		align_printer_end(p);
	}
	align_printer_map_key(p, "away_today");
	align_printer_text(p, "away today: ");
	align_printer_boolean(p, align_person_away(person, &ctx->today));
	align_printer_separator(p);
	align_printer_map_key(p, "roles");
	align_printer_text(p, "roles: ");
	print_roles_of(p, &people, person->handle, 1);
	align_printer_separator(p);
	print_duties(p, &duties, ALIGN_DUTY_ACCOUNTABLE, json);
	print_duties(p, &duties, ALIGN_DUTY_RESPONSIBLE, json);
	print_duties(p, &duties, ALIGN_DUTY_NAMED, json);
	align_printer_end(p);
	align_printer_free(p);
done:
	align_duties_release(&duties);
	align_catalog_release(&cat);
	align_people_release(&people);
	return status;
}

/* add and set: the same options, one write of people.ini. */
static int people_write(int argc, const char **argv, struct align_ctx *ctx,
			int adding)
{
	static const char *const add_usage[] = {
		"align people add <handle> --name <name> --email <email> "
		"[--team <team>] [--role <role>] [--backup <handle>] "
		"[--away <dates>] [-m <note>] [--no-commit]",
		NULL,
	};
	static const char *const set_usage[] = {
		"align people set <handle> [--name <name>] [--email <email>] "
		"[--team <team>] [--role <role>] [--backup <handle>] "
		"[--away <dates>] [-m <note>] [--no-commit]",
		NULL,
	};
	struct align_person_edit edit;
	const char *note = NULL;
	int no_commit = 0;
	const struct opt opts[] = {
		{ OPT_STRING, 0, "name", &edit.name, "<name>",
		  "the person's name", NULL },
		{ OPT_STRING, 0, "email", &edit.email, "<email>",
		  "the addresses they commit with, comma separated", NULL },
		{ OPT_STRING, 0, "team", &edit.team, "<team>",
		  "their team (empty: none)", NULL },
		{ OPT_STRING, 0, "role", &edit.role, "<role>",
		  "what they do (empty: none)", NULL },
		{ OPT_STRING, 0, "backup", &edit.backup, "<handle>",
		  "who stands in for them (empty: no one)", NULL },
		{ OPT_STRING, 0, "away", &edit.away, "<dates>",
		  "days away: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, comma "
		  "separated (empty: none)",
		  NULL },
		{ OPT_STRING, 'm', "message", &note, "<note>",
		  "add a note to the commit message", NULL },
		{ OPT_BOOL, 0, "no-commit", &no_commit, NULL,
		  "write the file but do not commit it", NULL },
		OPT_END_(),
	};
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_buf err = ALIGN_BUF_INIT, summary = ALIGN_BUF_INIT;
	int n, ret, status;

	memset(&edit, 0, sizeof(edit));
	n = opts_parse(argc, argv, opts, adding ? add_usage : set_usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n != 1) {
		return one_handle(n, argv);
	}
	if (adding && (!edit.name || !edit.email)) {
		error_msg("a new person needs --name and --email");
		return EXIT_USAGE;
	}
	if (!adding && !edit.name && !edit.email && !edit.team &&
	    !edit.role && !edit.backup && !edit.away) {
		error_msg("nothing to set: give --name, --email, --team, "
			  "--role, --backup or --away");
		return EXIT_USAGE;
	}
	if ((status = load_roster(ctx, &people)) != EXIT_OK) {
		goto done;
	}
	ret = adding ? align_people_add(&people, ctx->repo, argv[0], &edit,
					&err)
		     : align_people_set(&people, ctx->repo, argv[0], &edit,
					&err);
	if (ret < 0) {
		/* A value no field could hold is a bad command line. */
		status = ret == ALIGN_EINVALID ? EXIT_USAGE : exit_for(ret);
		error_msg("%s", err.ptr);
		goto done;
	}
	align_buf_addf(&summary, "people: %s %s", adding ? "add" : "set",
		       argv[0]);
	status = write_one_record(ctx, people.record, summary.ptr, note,
				  no_commit, NULL);
done:
	align_people_release(&people);
	align_buf_release(&err);
	align_buf_release(&summary);
	return status;
}

static int people_add(int argc, const char **argv, struct align_ctx *ctx)
{
	return people_write(argc, argv, ctx, 1);
}

static int people_set(int argc, const char **argv, struct align_ctx *ctx)
{
	return people_write(argc, argv, ctx, 0);
}

#define PEOPLE_WRITES (CMD_NEEDS_REPO | CMD_WRITES)

const struct command people_verbs[] = {
	{ "add", people_add, PEOPLE_WRITES, "Add a person to the roster", NULL,
	  NULL },
	{ "ls", people_ls, CMD_NEEDS_REPO, "List the people of the roster",
	  NULL, NULL },
	{ "set", people_set, PEOPLE_WRITES, "Change a person's entry",
	  NULL, NULL },
	{ "show", people_show, CMD_NEEDS_REPO,
	  "Show a person, their roles and what they answer for", NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL },
};
