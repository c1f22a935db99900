#!/bin/sh
# okr status for a year and with an unreadable objective: a year rolls up
# its quarters, as the manual says, and an objective file that does not
# parse is an error naming path:line while the rest is still shown.
. "$(dirname "$0")/lib.sh"

SQ="'"

test_expect_success 'setup: a yearly objective served by a Q3 and a Q4 one' '
	as "Maya Lind" maya@example.com 2026-07-01 &&
	setup_align_repo &&
	align okr new Company --quarter 2026 --owner maya --id co >/dev/null &&
	align okr kr add co arr --title ARR --start 0 --target 100 &&
	align okr new Summer --quarter 2026-Q3 --owner maya --parent co \
		--weight 2 --id q3 >/dev/null &&
	align okr kr add q3 x --title X --start 0 --target 10 &&
	as "Maya Lind" maya@example.com 2026-09-20 &&
	align okr checkin q3#x 7 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-10-01 &&
	align okr new Grow --owner maya --parent co --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	as "Maya Lind" maya@example.com 2026-10-30 &&
	align okr checkin grow#leads 40 >/dev/null &&
	align okr checkin co#arr 20 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-02
'

# Objective lines only: the key results have their own tests.
objectives() {
	grep -v "^ *#" "$1"
}

# co: (0.2 * 1 + q3 0.7 * 2 + grow 0.4 * 1) / (1 + 2 + 1) = 0.5
test_expect_success 'okr status --quarter 2026: every objective of the year, the year rolled up' '
	align okr status --quarter 2026 >out 2>err &&
	test_must_be_empty err &&
	objectives out >actual &&
	cat >expect <<-\EOF &&
	co  50%  off-track  maya  Company
	q3  70%  off-track  maya  Summer
	grow  40%  on-track  maya  Grow
	EOF
	test_cmp expect actual &&
	align okr status --quarter 2026 --format json >out &&
	grep -A 10 "\"id\": \"co\"" out >co &&
	test_grep "\"progress\": 0.2,$" co &&
	test_grep "\"rolled_up_progress\": 0.5,$" co
'

test_expect_success 'okr status --tree in Q4: the year counts its Q3 objective too' '
	align okr status --tree >out &&
	objectives out >actual &&
	cat >expect <<-\EOF &&
	co  50%  off-track  maya  Company
	  grow  40%  on-track  maya  Grow
	EOF
	test_cmp expect actual &&
	align okr status >out &&
	objectives out >actual &&
	echo "grow  40%  on-track  maya  Grow" >expect &&
	test_cmp expect actual
'

test_expect_success 'an objective that does not parse: error with path:line, exit 1, the rest shown' '
	mkdir -p okrs/2026-Q4 &&
	cat >okrs/2026-Q4/brand.md <<-\EOF &&
	# Brand

	```ini
	[objective
	id = brand
	quarter = 2026-Q4
	owner = maya
	parent = co
	```
	EOF
	save_state &&
	test_expect_code 1 align okr status >out 2>err &&
	objectives out >actual &&
	echo "grow  40%  on-track  maya  Grow" >expect &&
	test_cmp expect actual &&
	echo "okrs/2026-Q4/brand.md:4: error: malformed section header: missing ${SQ}]${SQ}" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align okr status --tree >out 2>err &&
	objectives out >actual &&
	cat >expect.tree <<-\EOF &&
	co  50%  off-track  maya  Company
	  grow  40%  on-track  maya  Grow
	EOF
	test_cmp expect.tree actual &&
	test_cmp expect err &&
	test_expect_code 1 align okr status --format json >out 2>err &&
	test_grep "\"id\": \"grow\"" out &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'only an unreadable objective: nothing shown, still an error' '
	mkdir -p okrs/2026-Q1 &&
	sed "s/2026-Q4/2026-Q1/" okrs/2026-Q4/brand.md >okrs/2026-Q1/brand.md &&
	test_expect_code 1 align okr status --quarter 2026-Q1 >out 2>err &&
	test_must_be_empty out &&
	echo "okrs/2026-Q1/brand.md:4: error: malformed section header: missing ${SQ}]${SQ}" >expect &&
	test_cmp expect err
'

test_expect_success 'as of a commit holding the broken file: the same error' '
	git add okrs/2026-Q4/brand.md &&
	git commit -q -m "brand, broken" &&
	test_expect_code 1 align okr status --as-of HEAD >out 2>err &&
	objectives out >actual &&
	echo "grow  40%  on-track  maya  Grow" >expect &&
	test_cmp expect actual &&
	test_grep "^okrs/2026-Q4/brand.md:4: error: " err &&
	test_grep "malformed section header" err
'

test_done
