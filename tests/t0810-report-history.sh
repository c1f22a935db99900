#!/bin/sh
# align report quarterly reads the whole history, but before the quarter
# only what the report shows of it: briefs' lifecycles and the values of
# the quarter's key results before it. Those must be the same as a walk
# of everything would give; and the advisory cache must not change a
# byte of the report.
. "$(dirname "$0")/lib.sh"

brief=briefs/2026-11-partner-webinar.md

test_expect_success 'setup: a brief and objectives that start before the quarter' '
	as "Maya Lind" maya@example.com 2026-03-02 &&
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster &&
	align brief new "Partner webinar" --id 2026-11-partner-webinar \
		--type webinar --owner maya \
		--accountable dana --due 2026-12-10 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-03-05 &&
	align okr new "Grow pipeline" --quarter 2026-Q4 --owner maya \
		--id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	align okr kr add grow mql --title MQLs --start 0 --target 50 &&
	align okr new "Summer" --quarter 2026-Q3 --owner lee --id summer \
		>/dev/null &&
	align okr kr add summer signups --title Signups --start 0 --target 10 &&
	as "Dana Reyes" dana@example.com 2026-04-14 &&
	write_answered_brief "$brief" &&
	sed -i "s/^status = draft/status = submitted/" "$brief" &&
	git commit -q -m "submit the webinar" -- "$brief" &&
	as "Dana Reyes" dana@example.com 2026-05-11 &&
	align brief approve 2026-11-partner-webinar >/dev/null &&
	as "Lee Park" lee@example.com 2026-06-15 &&
	align okr checkin grow#leads 10 >/dev/null &&
	as "Lee Park" lee@example.com 2026-08-03 &&
	align okr checkin summer#signups 4 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-10-12 &&
	align brief launch 2026-11-partner-webinar >/dev/null &&
	as "Lee Park" lee@example.com 2026-10-20 &&
	align okr checkin grow#leads 40 >/dev/null &&
	as "Maya Lind" maya@example.com 2027-01-05 &&
	align okr checkin summer#signups 9 --force >/dev/null
'

commit_of() {
	git rev-parse --short=7 "$(git log -1 --format=%H --grep="$1")"
}

test_expect_success 'what lies before the quarter is read all the same' '
	ALIGN_NO_CACHE=1 align report quarterly --quarter 2026-Q4 >report &&
	created=$(commit_of "brief: new") &&
	submitted=$(commit_of "submit the webinar") &&
	approved=$(commit_of "brief: approve") &&
	leads=$(commit_of "leads 0 → 10") &&
	mql=$(commit_of "add grow#mql") &&
	test_grep "2026-11-partner-webinar .* live  *2026-03-02 ($created)  *2026-04-14 ($submitted)  *2026-05-11 ($approved)  *2026-10-12 " report &&
	test_grep "grow  *leads  *maya  *10 ($leads)  *40 " report &&
	test_grep "grow  *mql  *maya  *0 ($mql)  *0 ($mql) .*  -  *yes$" report
'

test_expect_success 'no cache, a cold cache and a warm one give the same report' '
	for format in text json html; do
		ALIGN_NO_CACHE=1 align report quarterly --quarter 2026-Q4 \
			--format $format >expect.$format || return 1
	done &&
	rm -rf .git/align &&
	for format in text json html; do
		align report quarterly --quarter 2026-Q4 \
			--format $format >cold.$format &&
		test_cmp expect.$format cold.$format &&
		align report quarterly --quarter 2026-Q4 \
			--format $format >warm.$format &&
		test_cmp expect.$format warm.$format || return 1
	done
'

# The timeline cache says what each commit did to each record. Poisoned
# to say the launch made the brief completed, it must show.
test_expect_success 'the cache is read: a poisoned entry changes the report' '
	launch=$(git log -1 --format=%H --grep="brief: launch") &&
	cache=$(ls .git/align/cache-report-timeline-*) &&
	grep "^$launch E	2026-11-partner-webinar	brief	$brief	live	$" $cache &&
	sed -i "s/^\($launch .*\)	live	$/\1	completed	/" $cache &&
	align report quarterly --quarter 2026-Q4 >out &&
	test_grep "2026-11-partner-webinar .* completed  *2026-03-02 " out &&
	rm -r .git/align &&
	align report quarterly --quarter 2026-Q4 >out &&
	test_cmp expect.text out
'

# Stopping early: once past the quarter's start, the walk ends when it
# has seen appear every record whose past the report shows (a brief that
# launched in the quarter, an objective's key result). A brief from the
# year before that only its old versions tell about is then never read:
# with one of them lost, the report is unchanged, to the byte.
test_expect_success 'setup: records made long before the quarter' '
	mkdir early &&
	(
		cd early &&
		as "Maya Lind" maya@example.com 2025-05-01 &&
		setup_align_repo &&
		write_roster &&
		git add people.ini &&
		git commit -q -m roster &&
		align brief new "Old promo" --id 2025-05-old-promo \
			--type email --owner maya --accountable dana \
			--due 2025-06-30 >/dev/null &&
		as "Dana Reyes" dana@example.com 2025-05-15 &&
		align brief cancel 2025-05-old-promo >/dev/null &&
		as "Maya Lind" maya@example.com 2025-06-01 &&
		align brief new "Winter launch" --id 2026-12-winter-launch \
			--type launch --owner maya --accountable dana \
			--due 2026-11-20 >/dev/null &&
		launch=briefs/2026-12-winter-launch.md &&
		as "Maya Lind" maya@example.com 2025-06-10 &&
		sed -i "s/^status = .*/status = submitted/" $launch &&
		git commit -q -m "submit the winter launch" -- $launch &&
		as "Dana Reyes" dana@example.com 2025-07-01 &&
		sed -i "s/^status = .*/status = approved/" $launch &&
		git commit -q -m "approve the winter launch" -- $launch &&
		as "Maya Lind" maya@example.com 2025-07-02 &&
		align okr new "Win winter" --quarter 2026-Q4 --owner maya \
			--id winter >/dev/null &&
		align okr kr add winter signups --title Signups --start 0 \
			--target 100 &&
		as "Lee Park" lee@example.com 2025-08-01 &&
		align okr checkin winter#signups 5 --force >/dev/null &&
		for d in 2025-11-03 2026-02-02 2026-05-04 2026-08-03; do
			as "Lee Park" lee@example.com $d &&
			align okr new "Filler $d" --quarter 2026-Q1 --owner lee \
				--id filler-$d >/dev/null || return 1
		done &&
		as "Maya Lind" maya@example.com 2026-10-05 &&
		sed -i "s/^status = .*/status = live/" $launch &&
		git commit -q -m "the winter launch is live" -- $launch &&
		as "Lee Park" lee@example.com 2026-10-12 &&
		align okr checkin winter#signups 20 >/dev/null
	)
'

test_expect_success 'the early stop gives what lies far before the quarter' '
	(
		cd early &&
		ALIGN_NO_CACHE=1 align report quarterly --quarter 2026-Q4 \
			>../early.txt &&
		created=$(commit_of "brief: new 2026-12-winter") &&
		submitted=$(commit_of "submit the winter launch") &&
		approved=$(commit_of "approve the winter launch") &&
		five=$(commit_of "signups 0 → 5") &&
		test_grep "2026-12-winter-launch .* live  *2025-06-01 ($created)  *2025-06-10 ($submitted)  *2025-07-01 ($approved)  *2026-10-05 " ../early.txt &&
		test_grep "winter  *signups  *maya  *5 ($five)  *20 " ../early.txt
	)
'

test_expect_success 'a walk past the stop would read a version that is lost' '
	(
		cd early &&
		first=$(git rev-parse "$(commit_of "brief: new 2025-05-old"):briefs/2025-05-old-promo.md") &&
		test "$first" != "$(git rev-parse HEAD:briefs/2025-05-old-promo.md)" &&
		rm .git/objects/$(echo $first | cut -c1-2)/$(echo $first | cut -c3-) &&
		test_must_fail git cat-file -e $first &&
		rm -rf .git/align &&
		for run in no-cache cold warm; do
			if test $run = no-cache; then
				ALIGN_NO_CACHE=1 align report quarterly \
					--quarter 2026-Q4 >../early.$run
			else
				align report quarterly --quarter 2026-Q4 \
					>../early.$run
			fi &&
			test_cmp ../early.txt ../early.$run || return 1
		done
	)
'

test_done
