#!/bin/sh
# align check holds every person field of every kind (a brief's owner and
# accountable, an objective's and a key result's owner, an update's
# person) to the roster people.ini, suggesting the closest handle; with no
# roster at all it says so once.
. "$(dirname "$0")/lib.sh"

SQ="'"
S=$TRASH_DIRECTORY

test_expect_success 'setup: a roster and one record of each kind' '
	setup_align_repo &&
	write_roster &&
	write_answered_brief briefs/2026-11-partner-webinar.md &&
	mkdir -p okrs/2026-Q4 updates/2026-W47 &&
	cat >okrs/2026-Q4/grow.md <<-\EOF &&
	# Grow pipeline

	```ini
	[objective]
	id = 2026-q4-grow
	quarter = 2026-Q4
	owner = maya

	[kr "leads"]
	title = Leads
	start = 0
	target = 10
	owner = lee

	[kr "mql"]
	title = MQLs
	start = 0
	target = 5
	```
	EOF
	cat >updates/2026-W47/2026-w47-dana.md <<-\EOF &&
	# 2026-W47 update: dana

	```ini
	[update]
	id = 2026-w47-dana
	week = 2026-W47
	person = dana
	```

	## Done

	- shipped the deck
	EOF
	git add . &&
	git commit -q -m records &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err"
'

test_expect_success 'an unknown handle in any kind is an error at its line, with the closest one' '
	sed -i "s/^owner = maya$/owner = mya/; s/^accountable = dana$/accountable = xavier/" \
		briefs/2026-11-partner-webinar.md &&
	sed -i "s/^owner = lee$/owner = leee/" okrs/2026-Q4/grow.md &&
	sed -i "s/^person = dana$/person = dnaa/" updates/2026-W47/2026-w47-dana.md &&
	save_state &&
	test_expect_code 1 align check >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	briefs/2026-11-partner-webinar.md:8: error: owner ${SQ}mya${SQ} is not in the roster (did you mean ${SQ}maya${SQ}?)
	briefs/2026-11-partner-webinar.md:9: error: accountable ${SQ}xavier${SQ} is not in the roster (people.ini)
	okrs/2026-Q4/grow.md:13: error: key result ${SQ}leads${SQ}: owner ${SQ}leee${SQ} is not in the roster (did you mean ${SQ}lee${SQ}?)
	updates/2026-W47/2026-w47-dana.md:7: error: person ${SQ}dnaa${SQ} is not in the roster (did you mean ${SQ}dana${SQ}?)
	EOF
	test_cmp "$S/expect" "$S/out" &&
	echo "4 errors, 0 warnings in 3 records" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'the same findings as GitHub annotations' '
	test_expect_code 1 align check --format github >"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	::error file=briefs/2026-11-partner-webinar.md,line=8::owner ${SQ}mya${SQ} is not in the roster (did you mean ${SQ}maya${SQ}?)
	::error file=briefs/2026-11-partner-webinar.md,line=9::accountable ${SQ}xavier${SQ} is not in the roster (people.ini)
	::error file=okrs/2026-Q4/grow.md,line=13::key result ${SQ}leads${SQ}: owner ${SQ}leee${SQ} is not in the roster (did you mean ${SQ}lee${SQ}?)
	::error file=updates/2026-W47/2026-w47-dana.md,line=7::person ${SQ}dnaa${SQ} is not in the roster (did you mean ${SQ}dana${SQ}?)
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'a handle added to the roster is accepted' '
	printf "%s\n" "" "[person \"xavier\"]" "name = Xavier" \
		"email = x@example.com" "" "[person \"mya\"]" "name = Mya" \
		"email = mya@example.com" >>people.ini &&
	test_expect_code 1 align check >"$S/out" 2>/dev/null &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/grow.md:13: error: key result ${SQ}leads${SQ}: owner ${SQ}leee${SQ} is not in the roster (did you mean ${SQ}lee${SQ}?)
	updates/2026-W47/2026-w47-dana.md:7: error: person ${SQ}dnaa${SQ} is not in the roster (did you mean ${SQ}dana${SQ}?)
	EOF
	test_cmp "$S/expect" "$S/out" &&
	git checkout -q -- people.ini
'

test_expect_success 'no roster: one warning, not one error per field' '
	git rm -q people.ini &&
	git commit -q -m "no roster" &&
	save_state &&
	align check >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-\EOF &&
	people.ini: warning: no roster: person fields are not checked; list the team in people.ini
	EOF
	test_cmp "$S/expect" "$S/out" &&
	echo "0 errors, 1 warning in 3 records" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align check --strict >/dev/null 2>&1 &&
	test_state_unchanged
'

test_expect_success 'no roster and no person field set: nothing to say' '
	git checkout -q -- . &&
	git rm -q -r okrs updates &&
	sed -i "/^owner = /d; /^accountable = /d; s/^status = .*/status = draft/" \
		briefs/2026-11-partner-webinar.md &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err"
'

test_done
