#!/bin/sh
# align raci import: Markdown RACI tables as people write them, in both
# layouts (people as columns with letters in the cells; R, A, C and I as
# columns with names in the cells), with phase rows, repeated headers and
# a table that is not a RACI table; the exact rule report of each table
# (look-alike letters, two Accountables, no Responsible, unknown names);
# --dry-run; one commit for every workflow; refusals that change nothing.
. "$(dirname "$0")/lib.sh"

SQ="'"

test_expect_success 'setup: a repository with a roster and a role' '
	setup_align_repo &&
	printf "%s\n" "[person \"maya\"]" "name = Maya Lind" \
		"email = maya@example.com" "backup = lee" "" \
		"[person \"dana\"]" "name = Dana Reyes" \
		"email = dana@example.com" "backup = lee" "" \
		"[person \"lee\"]" "name = Lee Park" "email = lee@example.com" \
		"backup = maya" "" "[role \"design\"]" "members = lee, maya" \
		>people.ini &&
	git add people.ini &&
	git commit -q -m roster &&
	cat >good.md <<-\EOF &&
	# Launch playbook

	## Webinar launch

	| Step | Maya | Dana | Lee | Design |
	|------|:----:|:----:|-----|--------|
	| **Planning** | | | | |
	| Brief intake | A/R | C | I | |
	| Creative production | R | A, R | | C |
	| **Execution** | | | | |
	| Step | Maya | Dana | Lee | Design |
	| Launch approval | R/A | I | R | |

	## Partner newsletter

	| Task | Responsible | Accountable (A) | Consulted | Informed | SLA | Common blocker |
	| --- | --- | --- | --- | --- | --- | --- |
	| Brief intake | maya | Dana Reyes | lee, design | | 2d | missing audience |
	| Launch approval | @lee | **dana** | | Maya | 24h | |

	| Channel | Budget |
	|---|---|
	| Email | 100 |

	```
	| Step | Maya |
	| --- | --- |
	| Not a step | A |
	```
	EOF
	printf "%s\n" "## Spring promo" "" "| Step | Maya | Dana | Lee |" \
		"| --- | --- | --- | --- |" "| **Planning** | | | |" \
		"| Brief intake | $(printf "\320\220")/R | C | I |" \
		"| Launch approval | A | A | R |" "| Review | C | I | |" \
		"| Close | R | X | |" "" "### Retention emails" "" \
		"| Step | R | A | C | I |" "|---|---|---|---|---|" \
		"| Setup | maya | d$(printf "\320\260")na | a, b, c, design | lee |" \
		"| Send | mya | lee | | maya, lee, dana |" >bad.md &&
	git add good.md bad.md &&
	git commit -q -m fixtures
'

good_report() {
	cat <<-\EOF
	good.md:5-12: workflow 'webinar-launch': 3 steps, people and roles as columns, no findings
	good.md:16-19: workflow 'partner-newsletter': 2 steps, R, A, C and I as columns, no findings
	EOF
}

test_expect_success 'import --dry-run: both layouts read, nothing written' '
	save_state &&
	align raci import good.md --dry-run >out 2>err &&
	good_report >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test_state_unchanged
'

test_expect_success 'import: every workflow in one commit' '
	head=$(git rev-parse HEAD) &&
	align raci import good.md >out &&
	{ good_report && printf "%s\n" raci/webinar-launch.ini \
		raci/partner-newsletter.ini; } >expect &&
	test_cmp expect out &&
	test "$(git rev-parse HEAD~1)" = "$head" &&
	git log -1 --format=%B >msg &&
	printf "%s\n" "raci: import 2 workflows from good.md" "" \
		"Align-Record: raci/webinar-launch.ini" \
		"Align-Record: raci/partner-newsletter.ini" "" >expect &&
	test_cmp expect msg &&
	git status --porcelain raci >status &&
	test_must_be_empty status &&
	align check >out 2>err &&
	test_must_be_empty out
'

test_expect_success 'layout 1: letters under people, phases and repeated headers skipped' '
	align raci show webinar-launch >out &&
	cat >expect <<-\EOF &&
	Webinar launch (webinar-launch)
	step                 maya  dana  lee  design
	Brief intake         A/R   C     I    .
	Creative production  R     A/R   .    C
	Launch approval      A/R   I     R    .
	EOF
	test_cmp expect out
'

test_expect_success 'layout 2: names under letters, matched to handles; SLA and blocker' '
	cat >expect <<-\EOF &&
	[raci]
	id = partner-newsletter
	title = Partner newsletter

	[step "brief-intake"]
	name = Brief intake
	order = 1
	responsible = maya
	accountable = dana
	consulted = lee, design
	informed =
	blocker = missing audience
	sla = 2d

	[step "launch-approval"]
	name = Launch approval
	order = 2
	responsible = lee
	accountable = dana
	consulted =
	informed = maya
	sla = 24h
	EOF
	test_cmp expect raci/partner-newsletter.ini
'

test_expect_success 'import: workflows that exist already are refused, nothing written' '
	save_state &&
	test_expect_code 1 align raci import good.md >out 2>err &&
	cat >expect <<-EOF &&
	good.md:5-12: workflow ${SQ}webinar-launch${SQ}: 3 steps, people and roles as columns, 1 error, 0 warnings
	good.md:5: error: workflow ${SQ}webinar-launch${SQ} exists already (raci/webinar-launch.ini); rename the heading above the table or change it with ${SQ}align raci set${SQ}
	good.md:16-19: workflow ${SQ}partner-newsletter${SQ}: 2 steps, R, A, C and I as columns, 1 error, 0 warnings
	good.md:16: error: workflow ${SQ}partner-newsletter${SQ} exists already (raci/partner-newsletter.ini); rename the heading above the table or change it with ${SQ}align raci set${SQ}
	EOF
	test_cmp expect out &&
	echo "align: error: nothing written: the tables have 2 errors; fix them in ${SQ}good.md${SQ} and import again" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

bad_report() {
	cat <<-EOF
	bad.md:3-9: workflow ${SQ}spring-promo${SQ}: 4 steps, people and roles as columns, 7 errors, 0 warnings
	bad.md:6: error: step ${SQ}Brief intake${SQ}: cell ${SQ}$(printf "\320\220")/R${SQ} under ${SQ}Maya${SQ} has a look-alike character at column 18: CYRILLIC CAPITAL LETTER A (U+0410), which looks like ${SQ}A${SQ}
	bad.md:6: error: step ${SQ}Brief intake${SQ} has no Accountable; name exactly one
	bad.md:7: error: step ${SQ}Launch approval${SQ} has 2 Accountables (maya, dana); exactly one answers for a step
	bad.md:8: error: step ${SQ}Review${SQ} has no Accountable; name exactly one
	bad.md:8: error: step ${SQ}Review${SQ} has no Responsible; name at least one
	bad.md:9: error: step ${SQ}Close${SQ}: cell ${SQ}X${SQ} under ${SQ}Dana${SQ} is not R, A, C or I (write A/R for both)
	bad.md:9: error: step ${SQ}Close${SQ} has no Accountable; name exactly one
	bad.md:13-16: workflow ${SQ}retention-emails${SQ}: 2 steps, R, A, C and I as columns, 5 errors, 1 warning
	bad.md:15: warning: step ${SQ}Setup${SQ} has 4 Consulted, more than 3 ([raci] max-consulted); every one of them slows it down
	bad.md:15: error: step ${SQ}Setup${SQ}: accountable ${SQ}d$(printf "\320\260")na${SQ} has a look-alike character at column 19: CYRILLIC SMALL LETTER A (U+0430); did you mean ${SQ}dana${SQ}?
	bad.md:15: error: step ${SQ}Setup${SQ}: consulted ${SQ}a${SQ} is neither a person nor a role of the roster (people.ini)
	bad.md:15: error: step ${SQ}Setup${SQ}: consulted ${SQ}b${SQ} is neither a person nor a role of the roster (people.ini)
	bad.md:15: error: step ${SQ}Setup${SQ}: consulted ${SQ}c${SQ} is neither a person nor a role of the roster (people.ini)
	bad.md:16: error: step ${SQ}Send${SQ}: responsible ${SQ}mya${SQ} is neither a person nor a role of the roster (did you mean ${SQ}maya${SQ}?)
	EOF
}

test_expect_success 'import: every rule each table breaks, at its lines; nothing written' '
	save_state &&
	test_expect_code 1 align raci import bad.md >out 2>err &&
	bad_report >expect &&
	test_cmp expect out &&
	echo "align: error: nothing written: the tables have 12 errors; fix them in ${SQ}bad.md${SQ} and import again" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align raci import bad.md --dry-run >out 2>err &&
	bad_report >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test_state_unchanged
'

test_expect_success 'import: warnings alone do not stop the write' '
	printf "%s\n" "## Crowded" "" "| Step | R | A | C |" "|---|---|---|---|" \
		"| Plan | lee | maya | dana, lee, design, maya |" >warn.md &&
	align raci import warn.md >out &&
	cat >expect <<-EOF &&
	warn.md:3-5: workflow ${SQ}crowded${SQ}: 1 step, R, A, C and I as columns, 0 errors, 1 warning
	warn.md:5: warning: step ${SQ}Plan${SQ} has 4 Consulted, more than 3 ([raci] max-consulted); every one of them slows it down
	raci/crowded.ini
	EOF
	test_cmp expect out &&
	git log -1 --format=%s >subject &&
	echo "raci: import 1 workflow from warn.md" >expect &&
	test_cmp expect subject
'

test_expect_success 'import: bad input is one error line and changes nothing' '
	save_state &&
	test_expect_code 1 align raci import missing.md >out 2>err &&
	echo "align: error: cannot read ${SQ}missing.md${SQ}: no such file" >expect &&
	test_cmp expect err &&
	printf "# Notes\n\nNo table here.\n" >notes.md &&
	test_expect_code 1 align raci import notes.md >out 2>err &&
	echo "align: error: no RACI table in ${SQ}notes.md${SQ}: a table needs a header row, a delimiter row (| --- |) and cells of R, A, C or I" >expect &&
	test_cmp expect err &&
	printf "| a | b |\n|---|---|\n| x | \377 |\n" >binary.md &&
	test_expect_code 1 align raci import binary.md >out 2>err &&
	echo "align: error: ${SQ}binary.md${SQ} is not UTF-8 text" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align raci import 2>err &&
	test $(wc -l <err) -eq 1 &&
	rm notes.md binary.md &&
	test_state_unchanged
'

test_done
