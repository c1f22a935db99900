#!/bin/sh
# align diff between dates (--since/--until too), by the first-parent,
# commit-date rule of --as-of; commits compared blob by blob agree with
# the catalog comparison; a shallow clone warns when a date lies beyond it.
. "$(dirname "$0")/lib.sh"

SQ="'"

test_expect_success 'setup: briefs changed over three months' '
	as "Maya Lind" maya@example.com 2026-09-10 &&
	setup_align_repo &&
	align brief new "Fall campaign" --owner maya >/dev/null &&
	align brief new "Spring email" --owner lee >/dev/null &&
	git tag sept &&
	as "Maya Lind" maya@example.com 2026-10-20 &&
	align brief new "Partner webinar" --owner maya >/dev/null &&
	sed -i "s/^owner = lee$/owner = dana/" briefs/2026-09-spring-email.md &&
	git commit -q -am "spring email to dana" &&
	git tag oct &&
	as "Maya Lind" maya@example.com 2026-11-12 &&
	align brief cancel 2026-09-fall -m "No budget" >/dev/null &&
	mkdir -p briefs/2026 &&
	git mv briefs/2026-09-spring-email.md briefs/2026/spring.md &&
	git commit -q -m "file the spring email" &&
	git rm -q briefs/2026-10-partner-webinar.md &&
	git commit -q -m "drop the webinar" &&
	git tag nov
'

test_expect_success 'two dates are the commits they stood at' '
	align diff sept oct >expect &&
	test -s expect &&
	align diff 2026-09-30 2026-10-31 >out &&
	test_cmp expect out &&
	align diff 2026-09-10 2026-10-20 >out &&
	test_cmp expect out &&
	align diff oct 2026-11-30 >out &&
	align diff oct nov >expect &&
	test_cmp expect out
'

test_expect_success 'what a date range shows' '
	align diff 2026-10-31 2026-11-30 >out &&
	cat >expect <<-\EOF &&
	changed brief 2026-09-fall-campaign (briefs/2026-09-fall-campaign.md)
	    status: draft → cancelled
	changed brief 2026-09-spring-email (moved briefs/2026-09-spring-email.md → briefs/2026/spring.md)
	removed brief 2026-10-partner-webinar (briefs/2026-10-partner-webinar.md)
	EOF
	test_cmp expect out
'

test_expect_success '--since and --until name the same two points' '
	align diff 2026-09-30 2026-10-31 >expect &&
	align diff --since 2026-09-30 --until 2026-10-31 >out &&
	test_cmp expect out &&
	align diff --since sept --until 2026-10-31 --format json >out &&
	align diff sept oct --format json >expect &&
	test_cmp expect out &&
	align diff oct >expect &&
	align diff --since 2026-10-25 >out &&
	test_cmp expect out
'

test_expect_success 'a date before the first commit is an error, exit 1' '
	save_state &&
	test_expect_code 1 align diff 2026-08-01 HEAD >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: no commit on or before 2026-08-01" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'misused --since and --until are usage errors' '
	test_expect_code 129 align diff --until 2026-10-31 >out 2>err &&
	echo "align: error: --until needs --since" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align diff --since sept HEAD >out 2>err &&
	test_must_be_empty out &&
	test_grep "give one way, not both" err &&
	test_expect_code 129 align diff --since sept --quarter 2026-Q4 2>err &&
	test_grep "give one way, not both" err
'

# With commit $2 checked out, compares it with $1 both ways: catalogs of
# every record (the working tree) and changed blobs only (two commits).
# Records come in path order, which the working tree and git's trees
# sort differently: the lines are compared sorted.
same_both_ways() {
	git checkout -q "$2" &&
	align diff "$1" >catalogs 2>catalogs.err &&
	align diff "$1" "$2" >commits 2>commits.err &&
	test -s commits &&
	sort catalogs >catalogs.sorted && sort commits >commits.sorted &&
	test_cmp catalogs.sorted commits.sorted &&
	test_cmp catalogs.err commits.err &&
	align diff "$1" --format json | sort >catalogs &&
	align diff "$1" "$2" --format json | sort >commits &&
	test_cmp catalogs commits &&
	git checkout -q main
}

test_expect_success 'commits compared blob by blob agree with whole catalogs' '
	same_both_ways sept oct &&
	same_both_ways oct nov &&
	same_both_ways sept nov &&
	same_both_ways nov sept
'

test_expect_success 'a version that does not parse is warned about, not removed' '
	sed -i "s/^\\[brief\\]\$/[brief/" briefs/2026/spring.md &&
	git commit -q -am "break the spring email" &&
	align diff nov HEAD >out 2>err &&
	test_must_be_empty out &&
	echo "align: warning: ${SQ}briefs/2026/spring.md$SQ does not parse on the new side; not compared (see ${SQ}align check$SQ)" >expect &&
	test_cmp expect err &&
	align diff nov >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err &&
	git reset -q --hard HEAD~1
'

test_expect_success 'shallow clone: a date beyond it warns' '
	git clone -q --depth 1 "file://$(pwd)" shallow &&
	(
		cd shallow &&
		test_expect_code 1 align diff 2026-10-01 HEAD >out 2>err &&
		test_grep "shallow clone" err &&
		test_grep "no commit on or before 2026-10-01" err &&
		test_expect_code 1 align ls --as-of 2026-10-01 >out 2>err &&
		test_grep "shallow clone" err &&
		align diff --quarter 2026-Q4 >out 2>err &&
		test_grep "shallow clone" err &&
		align diff HEAD >out 2>err &&
		test_must_be_empty err
	)
'

test_done
