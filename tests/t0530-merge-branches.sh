#!/bin/sh
# Teams check in on branches: check-ins of different key results of one
# objective merge cleanly with plain git; the same key result changed on
# both is git's conflict, and align check names the record and the lines.
. "$(dirname "$0")/lib.sh"

SQ="'"
f=okrs/2026-Q4/grow.md

test_expect_success 'setup: an objective with two key results' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	align okr kr add grow mql --title MQLs --start 0 --target 50 &&
	git tag start
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

current() {
	sed -n "/^\[kr \"$1\"\]/,/^\[/s/^current = //p" $f
}

test_expect_success 'different key results on two branches: git merges them' '
	git checkout -q -b lee start &&
	as "Lee Park" lee@example.com 2026-11-21 &&
	align okr checkin grow#leads 30 >/dev/null &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-21 &&
	align okr checkin grow#mql 12 >/dev/null &&
	git merge -q --no-edit lee &&
	test "$(current leads)" = 30 &&
	test "$(current mql)" = 12 &&
	align check >out &&
	! grep -q ": error: " out
'

test_expect_success 'the same key result on both: a conflict, named by check with both authors' '
	git checkout -q -b lee2 &&
	as "Lee Park" lee@example.com 2026-11-22 &&
	align okr checkin grow#leads 42 >/dev/null &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-22 &&
	align okr checkin grow#leads 35 >/dev/null &&
	test_must_fail git merge -q --no-edit lee2 >/dev/null 2>&1 &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^<<<<<<<" $f | cut -d: -f1) &&
	echo "$f:$line: error: unresolved merge conflict: ${SQ}current = 35${SQ} here (HEAD, last changed by Dana Reyes <dana@example.com>) and ${SQ}current = 42${SQ} on the other side (MERGE_HEAD, last changed by Lee Park <lee@example.com>); keep one side, remove the markers, then ${SQ}git add${SQ} the file" >expect &&
	grep "^$f:" out >actual &&
	test_cmp expect actual
'

test_expect_success 'writing commands refuse until the merge is concluded' '
	test_expect_code 128 align okr checkin grow#mql 13 2>err &&
	grep -q "a merge is in progress" err
'

test_expect_success 'markers committed: check says so and names the labels, not authors' '
	git add $f &&
	git commit -q --no-edit &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^<<<<<<<" $f | cut -d: -f1) &&
	echo "$f:$line: error: unresolved merge conflict: ${SQ}current = 35${SQ} marked ${SQ}HEAD${SQ} and ${SQ}current = 42${SQ} marked ${SQ}lee2${SQ}; no merge is in progress (it was committed), so who wrote each side is not known; keep one side, remove the markers, then commit the file" >expect &&
	grep "^$f:" out >actual &&
	test_cmp expect actual &&
	git reset -q --hard HEAD^
'

test_done
