#!/bin/sh
# The advisory cache behind okr status: results identical with and
# without it, cold or warm, damaged or foreign; a cache per records root.
. "$(dirname "$0")/lib.sh"

cache=.git/align/cache-okr-checkins-okrs

test_expect_success 'setup: a quarter of check-ins over three weeks' '
	as "Maya Lind" maya@example.com 2026-10-01 &&
	git init -q -b main . && align init >/dev/null &&
	align okr new "Grow pipeline" --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 400 &&
	align okr kr add grow mql --title MQLs --start 10 --target 110 &&
	align okr new "Company" --quarter 2026 --owner maya --id co >/dev/null &&
	align okr kr add co arr --title ARR --start 0 --target 100 &&
	align okr kr add co nps --title NPS --start 30 --target 40 &&
	as "Lee Park" lee@example.com 2026-10-08 &&
	align okr checkin grow#leads 90 --confidence 0.8 >/dev/null &&
	as "Lee Park" lee@example.com 2026-10-20 &&
	sed -i "/^\[kr \"mql\"\]/,/^current/ s/^current = .*/current = 40/" \
		okrs/2026-Q4/grow.md &&
	git commit -q -am "mql by hand" &&
	as "Maya Lind" maya@example.com 2026-10-29 &&
	align okr checkin grow#leads 170 >/dev/null
'

test_expect_success 'no cache, a cold cache and a warm one give the same status' '
	as "Maya Lind" maya@example.com 2026-11-10 &&
	ALIGN_NO_CACHE=1 align okr status --format json >expect &&
	test ! -e $cache &&
	align okr status --format json >out.cold &&
	test -s $cache &&
	align okr status --format json >out.warm &&
	test_cmp expect out.cold &&
	test_cmp expect out.warm &&
	grep "\"days_since_checkin\": 11" expect &&
	ALIGN_NO_CACHE=1 align okr status --tree >expect &&
	align okr status --tree >out &&
	test_cmp expect out
'

test_expect_success 'the cache holds one line per commit read' '
	head -n 1 $cache >out &&
	echo "align-cache 1 okr-checkins-okrs" >expect &&
	test_cmp expect out &&
	c=$(git log --format=%H -1 --grep="mql by hand") &&
	grep "^$c grow#mql$" $cache
'

test_expect_success 'new commits are read and added; old ones come from the cache' '
	as "Lee Park" lee@example.com 2026-11-11 &&
	align okr checkin grow#mql 55 >/dev/null &&
	ALIGN_NO_CACHE=1 align okr status >expect &&
	align okr status >out &&
	test_cmp expect out &&
	grep "^$(git rev-parse HEAD) grow#mql$" $cache
'

# The cache says which key results each commit checked in. Poisoned to
# say that HEAD (MQLs, on 2026-11-11) checked in Leads too, it must show:
# a run that ignored the cache would still find Leads 13 days stale.
test_expect_success 'the cache is read: a poisoned entry changes the status' '
	as "Maya Lind" maya@example.com 2026-11-12 &&
	ALIGN_NO_CACHE=1 align okr status --format json >expect &&
	align okr status --format json >out &&
	test_cmp expect out &&
	grep -A 13 "\"key\": \"leads\"" expect >leads &&
	grep "\"days_since_checkin\": 13," leads &&
	head=$(git rev-parse HEAD) &&
	grep "^$head grow#mql$" $cache &&
	sed -i "s/^$head grow#mql$/$head grow#mql grow#leads/" $cache &&
	align okr status --format json >out &&
	sed "/\"key\": \"leads\"/,/days_since_checkin/ {
		s/\"stale\": true/\"stale\": false/
		s/\"days_since_checkin\": 13/\"days_since_checkin\": 0/
	}" expect >expect.poisoned &&
	! test_cmp expect expect.poisoned >/dev/null &&
	test_cmp expect.poisoned out &&
	rm -r .git/align &&
	align okr status --format json >out &&
	test_cmp expect out &&
	grep "^$head grow#mql$" $cache
'

test_expect_success 'a damaged or foreign cache is read as empty' '
	ALIGN_NO_CACHE=1 align okr status >expect &&
	printf "garbage\n" >$cache &&
	align okr status >out &&
	test_cmp expect out &&
	head -n 1 $cache >first &&
	echo "align-cache 1 okr-checkins-okrs" >expect.head &&
	test_cmp expect.head first &&
	truncate -s -5 $cache &&
	align okr status >out &&
	test_cmp expect out
'

test_expect_success 'a cache that cannot be written costs nothing' '
	rm -rf .git/align && : >.git/align &&
	ALIGN_NO_CACHE=1 align okr status >expect &&
	align okr status >out 2>err &&
	test_cmp expect out &&
	test_must_be_empty err &&
	rm .git/align
'

test_expect_success 'an objective outside its quarter folder: check warns, status skips it' '
	mkdir -p okrs/elsewhere &&
	git mv okrs/2026-Q4/grow.md okrs/elsewhere/grow.md &&
	git commit -q -m "file it elsewhere" &&
	align check >out 2>/dev/null &&
	cat >expect <<-\EOF &&
	okrs/elsewhere/grow.md:4: warning: an objective for 2026-Q4 belongs in okrs/2026-Q4/ (align okr status looks only there)
	people.ini: warning: no roster: person fields are not checked; list the team in people.ini
	EOF
	test_cmp expect out &&
	test_expect_code 1 align check --strict >/dev/null 2>&1 &&
	align okr status >out &&
	! grep "^grow " out
'

test_expect_success 'four runs filling a cold cache at once agree' '
	rm -rf .git/align &&
	ALIGN_NO_CACHE=1 align okr status --quarter 2026 >expect &&
	for i in 1 2 3 4; do
		align okr status --quarter 2026 >out.$i &
	done &&
	wait &&
	for i in 1 2 3 4; do
		test_cmp expect out.$i || return 1
	done &&
	head -n 1 $cache >first &&
	echo "align-cache 1 okr-checkins-okrs" >expect.head &&
	test_cmp expect.head first &&
	align okr status --quarter 2026 >out &&
	test_cmp expect out
'

test_done
