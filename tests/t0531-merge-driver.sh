#!/bin/sh
# align merge-driver through real git merges: fields changed on different
# sides merge even on adjacent lines, lines added to one list by both
# sides are all kept, and the same field changed differently is a
# conflict kept in valid record syntax that align check fails on.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
f=okrs/2026-Q4/grow.md
b=2026-11-partner-webinar

kr() {
	sed -n "/^\[kr \"$1\"\]/,/^\[/s/^$2 = //p" $f
}

# git runs the driver as "align": the one under test.
PATH=$(dirname "$ALIGN_BIN"):$PATH
export PATH

test_expect_success 'align init --merge-driver: attributes committed, config set' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	align init --merge-driver >out &&
	echo "Set up the align merge driver; .gitattributes names the records" >expect &&
	test_cmp expect out &&
	printf "%s\n" "briefs/** merge=align" "decisions/** merge=align" "okrs/** merge=align" "raci/** merge=align" \
		"updates/** merge=align" "people.ini merge=align" >expect &&
	test_cmp expect .gitattributes &&
	git log -1 --format=%s >subject &&
	echo "align: merge driver" >expect &&
	test_cmp expect subject &&
	git config --get merge.align.driver >driver &&
	echo "align merge-driver %O %A %B %P" >expect &&
	test_cmp expect driver &&
	head=$(git rev-parse HEAD) &&
	align init --merge-driver >out &&
	echo "Set up the align merge driver" >expect &&
	test_cmp expect out &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'setup: an objective and a brief' '
	echo "*.md merge=align" >>.gitattributes &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	write_answered_brief briefs/$b.md &&
	git add -A && git commit -q -m "brief, attributes" &&
	git tag start
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

test_expect_success 'different fields of one key result, on adjacent lines: merged' '
	git checkout -q -b lee start &&
	align okr checkin grow#leads 30 >/dev/null &&
	git checkout -q main &&
	grep -A1 "^target = 100$" $f | grep -q "^current = " &&
	sed -i "/^\[kr \"leads\"\]/,/^\[/s/^target = 100$/target = 120/" $f &&
	git commit -q -am "target" &&
	git merge -q --no-edit lee >out 2>&1 &&
	test "$(kr leads current)" = 30 &&
	test "$(kr leads target)" = 120 &&
	align check >out &&
	! grep -q ": error: " out &&
	git status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'lines added to one section on both sides: all kept, ours first' '
	git checkout -q -b dana &&
	sed -i "/^## Who is it for?$/,/^## /s/^Partner marketing.*$/&\nFrom dana./" briefs/$b.md &&
	git commit -q -am "dana adds" &&
	git checkout -q main &&
	sed -i "/^## Who is it for?$/,/^## /s/^Partner marketing.*$/&\nFrom maya./" briefs/$b.md &&
	git commit -q -am "maya adds" &&
	git merge -q --no-edit dana >out 2>&1 &&
	grep -n "^From " briefs/$b.md >lines &&
	test "$(sed -n 1p lines | cut -d: -f2)" = "From maya." &&
	test "$(sed -n 2p lines | cut -d: -f2)" = "From dana." &&
	! grep -q "^<<<<<<<" briefs/$b.md
'

test_expect_success 'the same field changed on both: a conflict in record syntax, with both authors' '
	git checkout -q -b lee2 &&
	as "Lee Park" lee@example.com 2026-11-21 &&
	align okr checkin grow#leads 42 >/dev/null &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-21 &&
	align okr checkin grow#leads 35 >/dev/null &&
	test_must_fail git merge -q --no-edit lee2 >out 2>&1 &&
	test "$(kr leads current)" = 35 &&
	test "$(kr leads current-theirs)" = 42 &&
	! grep -q "^<<<<<<<" $f &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^current-theirs = 42$" $f | cut -d: -f1) &&
	echo "$f:$line: error: unresolved merge conflict: ${SQ}current${SQ} is ${SQ}35${SQ} here (HEAD, last changed by Dana Reyes <dana@example.com>) and ${SQ}42${SQ} on the other side (MERGE_HEAD, last changed by Lee Park <lee@example.com>); keep one and remove ${SQ}current-theirs${SQ}" >expect &&
	grep "^$f:[0-9]*: error: " out >actual &&
	test_cmp expect actual &&
	sed -i "/^current-theirs = /d" $f &&
	git add $f &&
	git commit -q --no-edit &&
	align check >out &&
	! grep -q ": error: " out
'

test_expect_success 'a conflict committed: check says who wrote it is not known' '
	git checkout -q -b lee3 &&
	as "Lee Park" lee@example.com 2026-11-22 &&
	align okr checkin grow#leads 50 >/dev/null &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-22 &&
	align okr checkin grow#leads 45 >/dev/null &&
	test_must_fail git merge -q --no-edit lee3 >out 2>&1 &&
	git add $f &&
	git commit -q --no-edit &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^current-theirs = 50$" $f | cut -d: -f1) &&
	echo "$f:$line: error: unresolved merge conflict: ${SQ}current${SQ} is ${SQ}45${SQ} here and ${SQ}50${SQ} on the other side; no merge is in progress (it was committed), so who wrote each side is not known; keep one and remove ${SQ}current-theirs${SQ}" >expect &&
	grep "^$f:[0-9]*: error: " out >actual &&
	test_cmp expect actual &&
	sed -i "/^current-theirs = /d" $f &&
	git commit -q -am "keep 45"
'

test_expect_success 'a field removed on one side and left on the other: removed' '
	git checkout -q -b drop &&
	as "Lee Park" lee@example.com 2026-11-23 &&
	sed -i "/^due = /d" briefs/$b.md &&
	git commit -q -am "no due date" &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-23 &&
	sed -i "s/^owner = maya$/owner = lee/" briefs/$b.md &&
	git commit -q -am "lee owns it" &&
	git merge -q --no-edit drop >out 2>&1 &&
	! grep -q "^due" briefs/$b.md &&
	grep -q "^owner = lee$" briefs/$b.md &&
	git status --porcelain --untracked-files=no >status &&
	test_must_be_empty status
'

test_expect_success 'removed on theirs, changed on ours: a conflict named by check' '
	git checkout -q -b drop3 &&
	as "Lee Park" lee@example.com 2026-11-24 &&
	sed -i "/^accountable = /d" briefs/$b.md &&
	git commit -q -am "no one accountable" &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-24 &&
	sed -i "s/^accountable = dana$/accountable = maya/" briefs/$b.md &&
	git commit -q -am "maya accountable" &&
	test_must_fail git merge -q --no-edit drop3 >out 2>&1 &&
	grep -q "^accountable = maya$" briefs/$b.md &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^accountable-removed-theirs =" briefs/$b.md | cut -d: -f1) &&
	echo "briefs/$b.md:$line: error: unresolved merge conflict: ${SQ}accountable${SQ} is ${SQ}maya${SQ} here (HEAD, last changed by Dana Reyes <dana@example.com>) and was removed on the other side (MERGE_HEAD, last changed by Lee Park <lee@example.com>); keep one and remove ${SQ}accountable-removed-theirs${SQ}" >expect &&
	grep "^briefs/$b.md:$line:" out >actual &&
	test_cmp expect actual &&
	git merge --abort
'

test_expect_success 'removed on ours, changed on theirs: a conflict named by check' '
	git checkout -q -b due &&
	as "Lee Park" lee@example.com 2026-11-25 &&
	sed -i "s/^accountable = maya$/accountable = lee/" briefs/$b.md &&
	git commit -q -am "lee accountable" &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-25 &&
	sed -i "/^accountable = /d" briefs/$b.md &&
	git commit -q -am "no one accountable" &&
	test_must_fail git merge -q --no-edit due >out 2>&1 &&
	! grep -q "^accountable = " briefs/$b.md &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^accountable-theirs = lee$" briefs/$b.md | cut -d: -f1) &&
	echo "briefs/$b.md:$line: error: unresolved merge conflict: ${SQ}accountable${SQ} was removed here (HEAD, last changed by Dana Reyes <dana@example.com>) and is ${SQ}lee${SQ} on the other side (MERGE_HEAD, last changed by Lee Park <lee@example.com>); keep one and remove ${SQ}accountable-theirs${SQ}" >expect &&
	grep "^briefs/$b.md:$line:" out >actual &&
	test_cmp expect actual &&
	git merge --abort &&
	git reset -q --hard main^
'

test_expect_success 'one paragraph edited differently on both: markers, named by check' '
	git checkout -q -b prose &&
	as "Lee Park" lee@example.com 2026-11-26 &&
	sed -i "s/^Pipeline from partners fell 20% last quarter.$/Pipeline from partners fell 30% in Q3./" briefs/$b.md &&
	git commit -q -am "lee: 30%" &&
	git checkout -q main &&
	as "Dana Reyes" dana@example.com 2026-11-26 &&
	sed -i "s/^Pipeline from partners fell 20% last quarter.$/Pipeline from partners fell 25% last quarter./" briefs/$b.md &&
	git commit -q -am "dana: 25%" &&
	test_must_fail git merge -q --no-edit prose >out 2>&1 &&
	! grep -q "^Pipeline from partners fell 20%" briefs/$b.md &&
	test "$(grep -c "^Pipeline from partners" briefs/$b.md)" = 2 &&
	test_expect_code 1 align check >out &&
	line=$(grep -n "^<<<<<<< ours$" briefs/$b.md | cut -d: -f1) &&
	echo "briefs/$b.md:$line: error: unresolved merge conflict: ${SQ}Pipeline from partners fell 25% last quarter.${SQ} here (HEAD, last changed by Dana Reyes <dana@example.com>) and ${SQ}Pipeline from partners fell 30% in Q3.${SQ} on the other side (MERGE_HEAD, last changed by Lee Park <lee@example.com>); keep one side, remove the markers, then ${SQ}git add${SQ} the file" >expect &&
	grep "^briefs/$b.md:[0-9]*: error: " out >actual &&
	test_cmp expect actual &&
	git merge --abort
'

test_expect_success 'a Markdown file that is not a record: git text merge, with markers' '
	printf "# Notes\n\nOne\n" >notes.md &&
	git add notes.md && git commit -q -m notes &&
	git checkout -q -b other &&
	printf "# Notes\n\nTwo\n" >notes.md && git commit -q -am two &&
	git checkout -q main &&
	printf "# Notes\n\nThree\n" >notes.md && git commit -q -am three &&
	test_must_fail git merge -q --no-edit other >out 2>&1 &&
	grep -q "^<<<<<<< " notes.md &&
	grep -q "^>>>>>>> " notes.md &&
	git merge --abort
'

test_expect_success 'merge-driver without its three files: usage, exit 129' '
	test_expect_code 129 align merge-driver a b 2>err &&
	echo "align: error: usage: align merge-driver <base> <ours> <theirs> [<path>]" >expect &&
	test_cmp expect err
'

test_done
