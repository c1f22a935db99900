#!/bin/sh
# A version of a record broken in one commit and mended in the next is
# said once, where it matters: align log (for that record) and align check
# --history name the commit; okr status, okr history, digest and diff,
# which read the same history, stay quiet about it.
. "$(dirname "$0")/lib.sh"

SQ="'"
f=okrs/2026-Q4/grow.md

test_expect_success 'setup: an objective broken by hand in one commit, mended in the next' '
	as "Maya Lind" maya@example.com 2026-10-01 &&
	setup_align_repo &&
	printf "[person \"maya\"]\nname = Maya Lind\nemail = maya@example.com\n\n[person \"dana\"]\nname = Dana Okafor\nemail = dana@example.com\n" >people.ini &&
	write_answered_brief briefs/2026-11-partner-webinar.md &&
	git add people.ini briefs && git commit -q -m "a brief" &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	git tag before &&
	as "Maya Lind" maya@example.com 2026-10-05 &&
	sed -i "s/^\[objective\]$/[objective/" $f &&
	git commit -q -am "grow: by hand" &&
	git rev-parse --short=12 HEAD >broken &&
	as "Maya Lind" maya@example.com 2026-10-06 &&
	sed -i "s/^\[objective$/[objective]/; s/^current = 0$/current = 5/" $f &&
	git commit -q -am "grow: mended, 5 leads" &&
	as "Maya Lind" maya@example.com 2026-10-07
'

test_expect_success 'okr status, okr history, digest and diff do not warn about it' '
	save_state &&
	align okr status >out 2>err &&
	test_must_be_empty err &&
	test_grep "#leads  5/100" out &&
	align okr history grow#leads >out 2>err &&
	test_must_be_empty err &&
	test $(wc -l <out) -eq 2 &&
	align digest --week 2026-W41 >out 2>err &&
	test_must_be_empty err &&
	test_grep "grow#leads 0 → 5" out &&
	align diff before HEAD >out 2>err &&
	test_must_be_empty err &&
	test_state_unchanged
'

test_expect_success 'align log warns once, naming the commit; for that record too' '
	cat >expect <<-EOF &&
	align: warning: $f: skipped the version in commit $(cat broken): malformed section header: missing ${SQ}]${SQ}
	EOF
	align log >out 2>err &&
	test_cmp expect err &&
	test_grep "checked in grow#leads 0 → 5" out &&
	align log grow >out 2>err &&
	test_cmp expect err &&
	align log --kind objective >out 2>err &&
	test_cmp expect err
'

test_expect_success 'align log of another record or kind says nothing of it' '
	align log 2026-11-partner-webinar >out 2>err &&
	test_must_be_empty err &&
	echo "2026-10-01 maya created brief 2026-11-partner-webinar" >expect &&
	test_cmp expect out &&
	align log --kind brief >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'check --history reports the version with its commit; a warning' '
	save_state &&
	align check >out 2>err &&
	! grep "skipped" out &&
	align check --history >out 2>err &&
	cat >expect <<-EOF &&
	$f:4: warning: objective has 1 key result; aim for 2 to 5
	$f:4: warning: skipped the version in commit $(cat broken): malformed section header: missing ${SQ}]${SQ}
	EOF
	test_cmp expect out &&
	echo "0 errors, 2 warnings in 2 records" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align check --history --strict >out 2>err &&
	align check --history --format json >out &&
	test_grep "\"message\": \"skipped the version in commit $(cat broken): " out &&
	test_state_unchanged
'

test_expect_success 'check --history before the broken commit: nothing more than check' '
	git checkout -q -b earlier before &&
	align check >expect 2>expect.err &&
	align check --history >out 2>err &&
	test_cmp expect out &&
	test_cmp expect.err err &&
	git checkout -q main
'

test_done
