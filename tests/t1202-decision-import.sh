#!/bin/sh
# align decision import: an adr-tools folder and a MADR folder written
# here become decision records with their prose byte for byte; templates
# and indexes are skipped; a duplicate number is reported, not merged; a
# missing status becomes proposed with a note; the import commit's note
# lists what could not be mapped; --dry-run writes nothing.
. "$(dirname "$0")/lib.sh"

SQ="'"
T=$TRASH_DIRECTORY
ADR=$T/adr
MADR=$T/madr

test_line_count_1() {
	test "$(wc -l <"$1")" -eq 1 || { cat "$1"; return 1; }
}

# prose_of <decision>: what follows the record's fields and the blank
# line after them.
prose_of() {
	sed '1,/^```$/d' "$1" | sed 1d
}

test_expect_success 'setup: an adr-tools folder' '
	mkdir "$ADR" &&
	cat >"$ADR/0001-record-architecture-decisions.md" <<-\EOF &&
	# 1. Record architecture decisions

	Date: 2026-01-10

	## Status

	Accepted

	## Context

	We need to record the architectural decisions made on this project.

	## Decision

	We will use Architecture Decision Records, as [described by Michael Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).

	## Consequences

	See the article by Michael Nygard, linked above.   
	Trailing blanks and *emphasis* stay.
	EOF
	cat >"$ADR/0002-use-a-crm.md" <<-\EOF &&
	# 2. Use a `CRM`

	Date: 2026-01-12

	## Status

	Superseded by [3. Use HubSpot](0003-use-hubspot.md)

	Amended by [9. Tune it](0009-tune-it.md)

	## Context

	Leads live in spreadsheets.
	EOF
	cat >"$ADR/0003-use-hubspot.md" <<-\EOF &&
	# 3. Use HubSpot

	Date: 2026-02-01

	## Status

	Accepted

	Supersedes [2. Use a CRM](0002-use-a-crm.md)

	## Context

	See [the CRM decision](0002-use-a-crm.md).
	EOF
	cat >"$ADR/0003-weekly-reviews.md" <<-\EOF &&
	# 3. Weekly reviews

	## Context

	No status and no date here.
	EOF
	printf "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n" \
		>"$ADR/template.md" &&
	printf "# Architecture Decision Records\n\n* [1. Record](0001-record-architecture-decisions.md)\n" \
		>"$ADR/README.md" &&
	printf "notes\n" >"$ADR/notes.txt"
'

test_expect_success 'setup: a repository with a roster' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster
'
as "Maya Lind" maya@example.com 2026-11-02

test_expect_success 'import --dry-run reports and writes nothing' '
	save_state &&
	align decision import --dry-run "$ADR" >out &&
	cat >expect <<-EOF &&
	0001-record-architecture-decisions.md → decisions/0001-record-architecture-decisions.md (adr-tools, accepted)
	0002-use-a-crm.md → decisions/0002-use-a-crm.md (adr-tools, superseded)
	    not mapped: status ${SQ}Amended by [9. Tune it](0009-tune-it.md)${SQ} was not mapped
	0003-use-hubspot.md → decisions/0003-use-hubspot.md (adr-tools, accepted)
	0003-weekly-reviews.md → decisions/0003-weekly-reviews.md (adr-tools, proposed)
	    not mapped: number 0003 is also 0003-use-hubspot.md${SQ}s: renumber one after the import with ${SQ}align decision renumber 0003-weekly-reviews${SQ}
	    not mapped: no status: imported as proposed
	    not mapped: no date: set to 2026-11-02
	README.md: skipped: an index file
	template.md: skipped: a template
	would import 4 decisions; nothing written
	EOF
	test_cmp expect out &&
	test_state_unchanged
'

test_expect_success 'import: one commit, its note lists what was not mapped' '
	align decision import "$ADR" >out &&
	tail -n 1 out >actual &&
	echo "imported 4 decisions" >expect &&
	test_cmp expect actual &&
	git log -1 --format=%B >msg &&
	cat >expect <<-EOF &&
	decision: import 4 decisions from $ADR

	Not mapped:
	0002-use-a-crm.md: status ${SQ}Amended by [9. Tune it](0009-tune-it.md)${SQ} was not mapped
	0003-weekly-reviews.md: number 0003 is also 0003-use-hubspot.md${SQ}s: renumber one after the import with ${SQ}align decision renumber 0003-weekly-reviews${SQ}
	0003-weekly-reviews.md: no status: imported as proposed
	0003-weekly-reviews.md: no date: set to 2026-11-02

	Align-Record: decisions/0001-record-architecture-decisions.md
	Align-Record: decisions/0002-use-a-crm.md
	Align-Record: decisions/0003-use-hubspot.md
	Align-Record: decisions/0003-weekly-reviews.md

	EOF
	test_cmp expect msg &&
	git status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'adr-tools: the prose is the source after its Status, byte for byte' '
	for f in 0001-record-architecture-decisions 0002-use-a-crm \
		0003-use-hubspot 0003-weekly-reviews; do
		sed -n "/^## Context$/,\$p" "$ADR/$f.md" >src &&
		prose_of decisions/$f.md >dst &&
		cmp src dst || exit 1
	done
'

test_expect_success 'adr-tools: title, number, status, date and the links mapped' '
	head -n 1 decisions/0002-use-a-crm.md >actual &&
	echo "# Use a \`CRM\`" >expect &&
	test_cmp expect actual &&
	sed -n "/^\[decision\]/,/^\`\`\`$/p" decisions/0002-use-a-crm.md >actual &&
	cat >expect <<-\EOF &&
	[decision]
	id = 0002-use-a-crm
	number = 0002
	status = superseded
	date = 2026-01-12
	superseded-by = 0003-use-hubspot
	```
	EOF
	test_cmp expect actual &&
	grep -qx "supersedes = 0002-use-a-crm" decisions/0003-use-hubspot.md &&
	grep -qx "status = proposed" decisions/0003-weekly-reviews.md &&
	grep -qx "date = 2026-11-02" decisions/0003-weekly-reviews.md
'

test_expect_success 'the duplicate number is caught by check, and renumbered' '
	test_expect_code 1 align check >out 2>err &&
	test_grep "^decisions/0003-weekly-reviews.md:6: error: number 0003 is also the number of decisions/0003-use-hubspot.md" out &&
	align decision renumber 0003-weekly-reviews >out &&
	echo "0003-weekly-reviews → 0004-weekly-reviews" >expect &&
	test_cmp expect out &&
	align check
'

test_expect_success 'import again: what exists is skipped, nothing is left to import' '
	save_state &&
	test_expect_code 1 align decision import "$ADR" >out 2>err &&
	test_grep "^0001-record-architecture-decisions.md: skipped: decisions/0001-record-architecture-decisions.md exists already$" out &&
	test_grep "^0003-weekly-reviews.md: skipped: imported already, renumbered as decisions/0004-weekly-reviews.md$" out &&
	echo "align: error: nothing to import in ${SQ}$ADR${SQ}" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'bad input: one line, exit code, nothing changed' '
	save_state &&
	test_expect_code 129 align decision import 2>err &&
	test_line_count_1 err &&
	test_expect_code 128 align decision import "$T/nowhere" 2>err &&
	echo "align: error: cannot read folder ${SQ}$T/nowhere${SQ}: No such file or directory" >expect &&
	test_cmp expect err &&
	mkdir "$T/empty" &&
	test_expect_code 1 align decision import "$T/empty" 2>err &&
	test_line_count_1 err &&
	test_state_unchanged
'

test_expect_success 'setup: a MADR folder' '
	mkdir "$MADR" &&
	cat >"$MADR/0001-use-madr.md" <<-\EOF &&
	---
	status: accepted
	date: 2026-03-01
	decision-makers: Maya Lind, dana, John Doe
	consulted: Legal team
	informed: "everyone"
	tags: [process]
	---
	# Use MADR for decisions

	## Context and Problem Statement

	We want to record decisions in Markdown.

	## Considered Options

	* MADR 4
	* Nothing

	## Decision Outcome

	Chosen option: "MADR 4", because it is light.
	EOF
	cat >"$MADR/2026-03-05-track-campaigns-in-git.md" <<-\EOF &&
	---
	status: "superseded by [ADR-0001](0001-use-madr.md)"
	decision-makers:
	  - maya
	---

	# Track campaigns in git

	Everything in one repository.
	EOF
	cat >"$MADR/0002-no-status.md" <<-\EOF &&
	---
	date: 2026-03-02
	---
	# No status given

	Text.
	EOF
	cat >"$MADR/0003-fields-in-prose.md" <<-\EOF &&
	---
	status: proposed
	---
	# Fields in prose

	```ini
	[decision]
	id = sneaky
	```
	EOF
	printf -- "---\nstatus: \"{proposed | accepted}\"\n---\n# {title}\n" \
		>"$MADR/adr-template.md" &&
	printf "# Decisions\n" >"$MADR/index.md"
'

test_expect_success 'MADR: imported into a fresh repository' '
	mkdir "$T/m" && cd "$T/m" &&
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo && write_roster &&
	git add people.ini && git commit -q -m roster &&
	align decision import "$MADR" >out &&
	cat >expect <<-EOF &&
	0001-use-madr.md → decisions/0001-use-madr.md (madr, accepted)
	    not mapped: front matter ${SQ}tags: process${SQ} was not mapped
	    not mapped: decision-maker ${SQ}John Doe${SQ} is not in the roster: left out of deciders
	0002-no-status.md → decisions/0002-no-status.md (madr, proposed)
	    not mapped: no status: imported as proposed
	0003-fields-in-prose.md: skipped: it cannot be a record: 2 \`\`\`ini blocks; a record has exactly one
	2026-03-05-track-campaigns-in-git.md → decisions/0004-track-campaigns-in-git.md (madr, superseded)
	adr-template.md: skipped: a template
	index.md: skipped: an index file
	imported 3 decisions
	EOF
	test_cmp expect out &&
	align check
'

test_expect_success 'MADR: the fields from the front matter' '
	cd "$T/m" &&
	sed -n "/^\[decision\]/,/^\`\`\`$/p" decisions/0001-use-madr.md >actual &&
	cat >expect <<-\EOF &&
	[decision]
	id = 0001-use-madr
	number = 0001
	status = accepted
	date = 2026-03-01
	deciders = maya, dana
	consulted = Legal team
	informed = everyone
	```
	EOF
	test_cmp expect actual &&
	grep -qx "date = 2026-03-05" decisions/0004-track-campaigns-in-git.md &&
	grep -qx "superseded-by = 0001-use-madr" decisions/0004-track-campaigns-in-git.md &&
	grep -qx "deciders = maya" decisions/0004-track-campaigns-in-git.md
'

test_expect_success 'MADR: the prose is the source after its title, byte for byte' '
	cd "$T/m" &&
	for pair in 0001-use-madr:0001-use-madr 0002-no-status:0002-no-status \
		2026-03-05-track-campaigns-in-git:0004-track-campaigns-in-git; do
		src=${pair%%:*} dst=${pair#*:} &&
		sed "1,/^# /d" "$MADR/$src.md" | sed "/./,\$!d" >src &&
		prose_of decisions/$dst.md >dst &&
		cmp src dst || exit 1
	done
'

test_expect_success 'MADR: show tells the import as the creation' '
	cd "$T/m" &&
	align decision show 1 >out &&
	test_grep "^    2026-11-02 maya created it, accepted (" out &&
	align check --history >out 2>err &&
	! grep "not among" out
'

test_done
