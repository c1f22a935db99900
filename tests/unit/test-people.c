/*
 * Unit tests of lib/people.c: a roster of tens of thousands of people
 * loads, checks and answers lookups by handle and by email in linear
 * work, counted in steps (lib/util/work.h) rather than timed.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "people.h"
#include "repo.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/work.h"

#include "tap.h"

/* Writes `dir`/people.ini with `n` people, two emails each. */
static int write_roster(const char *dir, size_t n)
{
	struct align_buf path = ALIGN_BUF_INIT;
	FILE *f;
	int ret = 0;

	align_buf_addf(&path, "%s/people.ini", dir);
	f = fopen(path.ptr, "w");
	for (size_t i = 0; f && i < n; i++) {
		fprintf(f,
			"[person \"p%zu\"]\nname = Person %zu\n"
			"email = p%zu@example.com, P%zu@Alt.example\n"
			"team = t%zu\n\n",
			i, i, i, i, i % 10);
	}
	if (!f || fclose(f) != 0) {
		ret = -1;
	}
	align_buf_release(&path);
	return ret;
}

/*
 * The steps of loading a roster of `n` people, checking it, and looking
 * each person up by handle and by both emails; 0 when one failed.
 */
static size_t work_of(struct align_repo *repo, const char *dir, size_t n)
{
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf key = ALIGN_BUF_INIT;
	size_t before, steps = 0, found = 0;

	if (write_roster(dir, n) < 0) {
		return 0;
	}
	before = align_work__count();
	if (align_people_load(&people, repo, &diags) < 0 ||
	    people.count != n) {
		printf("#   load: %s\n", diags.count ? diags.items[0].message
						 : align_repo_error(repo));
		goto done;
	}
	align_people_check(&people, &diags);
	for (size_t i = 0; i < n; i++) {
		const struct align_person *p;

		align_buf_clear(&key);
		align_buf_addf(&key, "p%zu", i);
		p = align_people_by_handle(&people, key.ptr);
		align_buf_clear(&key);
		align_buf_addf(&key, "P%zu@example.COM", i);
		found += p && p == align_people_by_email(&people, key.ptr);
		align_buf_clear(&key);
		align_buf_addf(&key, "p%zu@alt.example", i);
		found += p && p == align_people_by_email(&people, key.ptr);
	}
	if (diags.count == 0 && found == 2 * n) {
		steps = align_work__count() - before;
	} else {
		printf("#   %zu problems, %zu of %zu found\n", diags.count, found,
		       2 * n);
	}
done:
	align_people_release(&people);
	align_diags_clear(&diags);
	align_buf_release(&key);
	return steps;
}

static void test_linear_work(void)
{
	char dir[] = "/tmp/align-test-people.XXXXXX";
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, cmd = ALIGN_BUF_INIT;
	const size_t n = 20000;
	size_t one, two;

	if (!mkdtemp(dir)) {
		ok(1, "work # SKIP cannot make a folder");
		return;
	}
	align_buf_addf(&cmd,
		       "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && "
		       "git init -q -b main . && "
		       "printf '[align]\\nversion = 1\\nname = T\\n\\n[core]\\n"
		       "max-record-size = 16000000\\n' >align.ini",
		       dir, dir);
	if (system(cmd.ptr) != 0) {
		ok(1, "work # SKIP cannot make a git repository");
		goto done;
	}
	if (!ok(align_repo_open(&repo, dir, &err) == 0, "the repository opens")) {
		printf("#   %s\n", err.ptr);
		goto done;
	}
	one = work_of(repo, dir, n);
	two = work_of(repo, dir, 2 * n);
	ok(one > 0 && two > 0,
	   "work: rosters of %zu and %zu people load, check and are found", n,
	   2 * n);
	/* Per person: four lines, two emails, three lookups. */
	if (!ok(one < 40 * n, "work: %zu steps for %zu people, under 40 each",
		one, n)) {
		printf("#   %zu steps\n", one);
	}
	if (!ok(one > 0 && (double)two <= 2.2 * (double)one,
		"work: twice the people, at most 2.2 times the steps")) {
		printf("#   %zu steps, then %zu: %.2f times\n", one, two,
		       one ? (double)two / (double)one : 0.0);
	}
done:
	align_repo_free(repo);
	align_buf_clear(&cmd);
	align_buf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&cmd);
	align_buf_release(&err);
}

/* The messages of `diags` joined by newlines, for matching. */
static void messages(struct align_buf *out, const struct align_diags *diags)
{
	align_buf_clear(out);
	for (size_t i = 0; i < diags->count; i++) {
		align_buf_addf(out, "%zu: %s\n", diags->items[i].line,
			       diags->items[i].message);
	}
}

static int has(const struct align_buf *text, const char *what)
{
	if (strstr(text->ptr, what)) {
		return 1;
	}
	printf("#   no '%s' in:\n%s", what, text->ptr);
	return 0;
}

static const char roster[] =
	"[person \"maya\"]\n"
	"name = Maya Lind\n"
	"email = maya@example.com\n"
	"role = head of growth\n"
	"backup = lee\n"
	"away = 2026-12-20..2027-01-04, 2027-02-01\n"
	"\n"
	"[person \"lee\"]\n"
	"name = Lee Park\n"
	"email = lee@example.com\n"
	"\n"
	"[person \"dana\"]\n"
	"name = Dana Okafor\n"
	"email = dana@example.com\n"
	"\n"
	"[role \"web-team\"]\n"
	"members = lee ,dana,, \n"
	"\n"
	"[role \"empty\"]\n";

/* Roles, expansion, membership and away days on a small roster. */
static void test_roles(struct align_repo *repo, const char *dir)
{
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf path = ALIGN_BUF_INIT, out = ALIGN_BUF_INIT;
	const struct align_person *maya;
	const struct align_role *role;
	struct align_date day;
	FILE *f;

	align_buf_addf(&path, "%s/people.ini", dir);
	f = fopen(path.ptr, "w");
	if (!f || fputs(roster, f) < 0 || fclose(f) != 0) {
		ok(0, "roles: the roster is written");
		goto done;
	}
	if (!ok(align_people_load(&people, repo, &diags) == 0 &&
			people.count == 3 && people.nroles == 2,
		"roles: three people and two roles load")) {
		goto done;
	}
	maya = align_people_by_handle(&people, "maya");
	is_str(maya ? maya->role : NULL, "head of growth", "roles: role key");
	is_str(maya ? maya->backup : NULL, "lee", "roles: backup key");
	is_str(maya ? maya->away : NULL, "2026-12-20..2027-01-04, 2027-02-01",
	       "roles: away kept raw");
	role = align_people_role(&people, "web-team");
	is_str(role ? role->members : NULL, "lee ,dana,,",
	       "roles: members kept raw");
	is_int(role ? (long long)role->line : 0, 16, "roles: the header line");
	ok(!align_people_role(&people, "maya"), "roles: a handle is no role");
	ok(!align_people_role(&people, "Web-team"), "roles: names are exact");

	is_int((long long)align_people_expand(&people, "web-team", &out), 2,
	       "expand: a role gives its members");
	is_str(out.ptr, "lee\ndana\n", "expand: trimmed, in order");
	align_buf_clear(&out);
	is_int((long long)align_people_expand(&people, "maya", &out), 1,
	       "expand: a handle gives itself");
	is_str(out.ptr, "maya\n", "expand: the handle");
	align_buf_clear(&out);
	is_int((long long)align_people_expand(&people, "nobody", &out), 0,
	       "expand: an unknown name gives nothing");
	is_int((long long)align_people_expand(&people, "empty", &out), 0,
	       "expand: a role without members gives nothing");
	is_int((long long)out.len, 0, "expand: nothing appended");

	ok(align_people_is(&people, "dana", "web-team"),
	   "is: a member of the role");
	ok(align_people_is(&people, "maya", "maya"), "is: the handle itself");
	ok(!align_people_is(&people, "maya", "web-team"), "is: not a member");
	ok(!align_people_is(&people, "dan", "web-team"),
	   "is: a prefix of a member is not one");
	ok(!align_people_is(&people, "lee", "maya"), "is: another handle");

	align_date_parse(&day, "2026-12-20");
	ok(align_person_away(maya, &day), "away: the first day of a range");
	align_date_parse(&day, "2027-01-04");
	ok(align_person_away(maya, &day), "away: the last day of a range");
	align_date_parse(&day, "2026-12-31");
	ok(align_person_away(maya, &day), "away: across a new year");
	align_date_parse(&day, "2027-01-05");
	ok(!align_person_away(maya, &day), "away: the day after");
	align_date_parse(&day, "2026-12-19");
	ok(!align_person_away(maya, &day), "away: the day before");
	align_date_parse(&day, "2027-02-01");
	ok(align_person_away(maya, &day), "away: a single date");
	align_date_parse(&day, "2027-02-02");
	ok(!align_person_away(maya, &day), "away: a single date is one day");
	ok(!align_person_away(align_people_by_handle(&people, "lee"), &day),
	   "away: nobody away without a list");

	align_people_check(&people, &diags);
	messages(&out, &diags);
	is_str(out.ptr,
	       "19: role 'empty' has no members; list their handles in "
	       "'members'\n",
	       "check: a good roster has one warning, the empty role");
done:
	align_people_release(&people);
	align_diags_clear(&diags);
	align_buf_release(&path);
	align_buf_release(&out);
}

struct away_seen {
	struct align_buf text;
};

static void away_seen(const char *entry, size_t len,
		      const struct align_date *from,
		      const struct align_date *to, int good, void *payload)
{
	struct away_seen *s = payload;
	char a[ALIGN_DATE_STRLEN], b[ALIGN_DATE_STRLEN];

	align_date_format(a, from);
	align_date_format(b, to);
	align_buf_addf(&s->text, "[%.*s] %d", (int)len, entry, good);
	if (!good) {
		align_buf_addf(&s->text, " %s %s", a, b);
	}
	align_buf_addch(&s->text, '\n');
}

static void test_away_each(void)
{
	struct away_seen s = { ALIGN_BUF_INIT };
	size_t bad;

	bad = align_away_each(" 2026-12-20 .. 2027-01-04,2027-02-01, "
			      "2027-13-01, 2027-03-02..2027-03-01, soon,"
			      "2027-03-01..", away_seen, &s);
	is_int((long long)bad, 4, "away list: four bad entries");
	is_str(s.text.ptr,
	       "[2026-12-20 .. 2027-01-04] 0 2026-12-20 2027-01-04\n"
	       "[2027-02-01] 0 2027-02-01 2027-02-01\n"
	       "[2027-13-01] -1\n"
	       "[2027-03-02..2027-03-01] -2\n"
	       "[soon] -1\n"
	       "[2027-03-01..] -1\n",
	       "away list: each entry, trimmed, with its verdict");
	is_int((long long)align_away_each("", NULL, NULL), 0,
	       "away list: an empty list");
	align_buf_release(&s.text);
}

static const char bad_roster[] =
	"[person \"maya\"]\n"
	"name = Maya Lind\n"
	"email = maya@example.com\n"
	"backup = maya\n"
	"away = 2027-01-04..2026-12-20, someday\n"
	"\n"
	"[person \"lee\"]\n"
	"name = Lee Park\n"
	"email = lee@example.com\n"
	"backup = le\n"
	"\n"
	"[role \"lee\"]\n"
	"members = maya\n"
	"\n"
	"[role \"web\"]\n"
	"members = maya, dana, m\xd0\xb0ya, lee\xe2\x80\x8b\n";

/* Every rule of the roster, one finding each. */
static void test_check(struct align_repo *repo, const char *dir)
{
	struct align_people people = ALIGN_PEOPLE_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf path = ALIGN_BUF_INIT, out = ALIGN_BUF_INIT;
	FILE *f;

	align_buf_addf(&path, "%s/people.ini", dir);
	f = fopen(path.ptr, "w");
	if (!f || fputs(bad_roster, f) < 0 || fclose(f) != 0) {
		ok(0, "check: the roster is written");
		goto done;
	}
	if (!ok(align_people_load(&people, repo, &diags) == 0,
		"check: the roster loads")) {
		goto done;
	}
	align_people_check(&people, &diags);
	messages(&out, &diags);
	ok(has(&out, "4: person 'maya' is their own backup; name someone "
		     "else"),
	   "check: one's own backup");
	ok(has(&out, "5: away range '2027-01-04..2026-12-20' of 'maya' ends "
		     "before it starts"),
	   "check: a range that ends before it starts");
	ok(has(&out, "5: away entry 'someday' of 'maya' is not a date or a "
		     "range (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)"),
	   "check: an entry that is not a date");
	ok(has(&out, "10: backup 'le' of 'lee' is not in the roster (did you "
		     "mean 'lee'?)"),
	   "check: an unknown backup");
	ok(has(&out, "12: role 'lee' has the name of a person; roles and "
		     "handles share one namespace"),
	   "check: a role named like a handle");
	ok(has(&out, "16: member 'dana' of role 'web' is not in the roster"),
	   "check: a member that is not a handle");
	ok(has(&out, "16: member 'm\xd0\xb0ya' of role 'web' has CYRILLIC "
		     "SMALL LETTER A (U+0430) at column 2; did you mean "
		     "'maya'?"),
	   "check: a Cyrillic look-alike in a member");
	ok(has(&out, "16: member 'lee\xe2\x80\x8b' of role 'web' has ZERO "
		     "WIDTH SPACE (U+200B) at column 4; did you mean 'lee'?"),
	   "check: a zero-width space in a member");
	is_int((long long)diags.count, 8, "check: one finding per problem");
done:
	align_people_release(&people);
	align_diags_clear(&diags);
	align_buf_release(&path);
	align_buf_release(&out);
}

static void test_small(void)
{
	char dir[] = "/tmp/align-test-roles.XXXXXX";
	struct align_repo *repo = NULL;
	struct align_buf err = ALIGN_BUF_INIT, cmd = ALIGN_BUF_INIT;

	if (!mkdtemp(dir)) {
		ok(1, "roles # SKIP cannot make a folder");
		return;
	}
	align_buf_addf(&cmd,
		       "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' && "
		       "git init -q -b main . && "
		       "printf '[align]\\nversion = 1\\nname = T\\n' "
		       ">align.ini",
		       dir, dir);
	if (system(cmd.ptr) != 0) {
		ok(1, "roles # SKIP cannot make a git repository");
		goto done;
	}
	if (!ok(align_repo_open(&repo, dir, &err) == 0,
		"roles: the repository opens")) {
		printf("#   %s\n", err.ptr);
		goto done;
	}
	test_roles(repo, dir);
	test_check(repo, dir);
done:
	align_repo_free(repo);
	align_buf_clear(&cmd);
	align_buf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.ptr) != 0) {
		printf("# could not remove %s\n", dir);
	}
	align_buf_release(&cmd);
	align_buf_release(&err);
}

/* Each person field's duty: its flag, else its name. */
static void test_duties(void)
{
	const struct align_field flagged = { "reviewer", ALIGN_FIELD_PERSONS,
					     ALIGN_FIELD_ACCOUNTABLE, NULL,
					     NULL, NULL, NULL };
	const struct align_field by_name[] = {
		{ "deciders", ALIGN_FIELD_PERSONS, 0, NULL, NULL, NULL, NULL },
		{ "responsible", ALIGN_FIELD_PERSONS, 0, NULL, NULL, NULL,
		  NULL },
		{ "consulted", ALIGN_FIELD_PERSONS, 0, NULL, NULL, NULL, NULL },
		{ "owner", ALIGN_FIELD_TEXT, 0, NULL, NULL, NULL, NULL },
	};
	const struct align_kind *brief = align_kind_find("brief");
	const struct align_kind *update = align_kind_find("update");
	const struct align_kind *objective = align_kind_find("objective");
	const struct align_field *kr_owner = NULL;

	is_int(align_field_duty(&flagged), ALIGN_DUTY_ACCOUNTABLE,
	       "duty: a flag wins over the name");
	is_int(align_field_duty(&by_name[0]), ALIGN_DUTY_ACCOUNTABLE,
	       "duty: deciders are accountable by name");
	is_int(align_field_duty(&by_name[1]), ALIGN_DUTY_RESPONSIBLE,
	       "duty: responsible by name");
	is_int(align_field_duty(&by_name[2]), ALIGN_DUTY_NAMED,
	       "duty: another person field is named");
	is_int(align_field_duty(&by_name[3]), ALIGN_DUTY_NONE,
	       "duty: a text field named owner names no one");
	is_str(align_duty_name(ALIGN_DUTY_NAMED), "named", "duty: its name");
	is_int(align_field_duty(align_kind_field(brief, "accountable")),
	       ALIGN_DUTY_ACCOUNTABLE, "duty: a brief's accountable");
	is_int(align_field_duty(align_kind_field(brief, "owner")),
	       ALIGN_DUTY_RESPONSIBLE, "duty: a brief's owner does the work");
	is_int(align_field_duty(align_kind_field(objective, "owner")),
	       ALIGN_DUTY_ACCOUNTABLE, "duty: an objective's owner");
	for (const struct align_field *f = objective->fields; f->name; f++) {
		if (f->section && !strcmp(f->name, "owner")) {
			kr_owner = f;
		}
	}
	is_int(align_field_duty(kr_owner), ALIGN_DUTY_ACCOUNTABLE,
	       "duty: a key result's owner");
	is_int(align_field_duty(align_kind_field(update, "person")),
	       ALIGN_DUTY_RESPONSIBLE, "duty: an update's person");
	for (const struct align_field *f = align_kind_find("raci")->fields;
	     f->name; f++) {
		if (!strcmp(f->name, "accountable")) {
			is_int(align_field_duty(f), ALIGN_DUTY_ACCOUNTABLE,
			       "duty: a RACI step's Accountable");
		} else if (!strcmp(f->name, "responsible")) {
			is_int(align_field_duty(f), ALIGN_DUTY_RESPONSIBLE,
			       "duty: a RACI step's Responsible");
		}
	}
	/* Every person field of every kind has a duty; another field only
	 * by its flag (a RACI cell). */
	for (const struct align_kind *const *k = align_kinds(); *k; k++) {
		for (const struct align_field *f = (*k)->fields; f->name; f++) {
			int person = f->type == ALIGN_FIELD_PERSON ||
				     f->type == ALIGN_FIELD_PERSONS ||
				     (f->flags & (ALIGN_FIELD_ACCOUNTABLE |
						  ALIGN_FIELD_RESPONSIBLE));
			if (person != (align_field_duty(f) != ALIGN_DUTY_NONE)) {
				ok(0, "duty: %s %s", (*k)->name, f->name);
			}
		}
	}
}

int main(void)
{
	test_duties();
	test_linear_work();
	test_small();
	test_away_each();
	return done_testing();
}
