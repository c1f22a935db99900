#!/bin/sh
# A sparse checkout leaves committed records out of the working tree:
# ls lists them and check validates them as HEAD has them, and each says
# how many it read from HEAD; making a record whose file HEAD already
# holds would overwrite it in the commit, so it is refused, with what to
# run; a reference to such a record says where it is instead of "no such
# record".
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"

test_expect_success 'setup: an objective and an update, then a checkout without them' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	align update --done "Planned the quarter" >/dev/null &&
	git sparse-checkout set --no-cone "/align.ini" "/templates/" \
		"/briefs/" >/dev/null 2>&1 &&
	test ! -e okrs/2026-Q4/grow.md &&
	test ! -e updates &&
	git cat-file -e HEAD:okrs/2026-Q4/grow.md
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

test_expect_success 'ls lists records outside the checkout from HEAD, and says so' '
	save_state &&
	align ls >out 2>err &&
	grep -q "^objective  *grow " out &&
	grep -q "^update  *2026-w47-maya-lind " out &&
	echo "align: 2 records are outside the sparse checkout (read from HEAD)" >expect &&
	test_cmp expect err &&
	align ls --format json >out 2>err &&
	test_cmp expect err &&
	grep -q "\"path\": \"okrs/2026-Q4/grow.md\"" out &&
	test "$(grep -c "^      \"outside_checkout\": true$" out)" = 2 &&
	test_state_unchanged
'

test_expect_success 'records inside the checkout only: ls says nothing more' '
	git sparse-checkout disable >/dev/null 2>&1 &&
	align ls --format json >out 2>err &&
	test_must_be_empty err &&
	! grep -q outside_checkout out &&
	git sparse-checkout set --no-cone "/align.ini" "/templates/" \
		"/briefs/" >/dev/null 2>&1 &&
	test ! -e okrs/2026-Q4/grow.md
'

test_expect_success 'check validates records outside the checkout as HEAD has them' '
	align check >out 2>err &&
	echo "align: 2 records are outside the sparse checkout (checked from HEAD)" >expect &&
	head -n 1 err >first &&
	test_cmp expect first &&
	grep -q "^okrs/2026-Q4/grow.md:4: warning: objective has 1 key result" out &&
	git show HEAD:okrs/2026-Q4/grow.md | sed "s/^quarter = 2026-Q4$/quarter = 2026-Q9/" >grow &&
	blob=$(git hash-object -w grow) &&
	git update-index --cacheinfo 100644,$blob,okrs/2026-Q4/grow.md &&
	git update-index --skip-worktree okrs/2026-Q4/grow.md &&
	git commit -q -m "a bad quarter, committed elsewhere" &&
	test ! -e okrs/2026-Q4/grow.md &&
	test_expect_code 1 align check >out 2>err &&
	grep -q "^okrs/2026-Q4/grow.md:[0-9]*: error: .*2026-Q9" out &&
	git reset -q --soft HEAD^ &&
	git update-index --cacheinfo 100644,$(git rev-parse HEAD:okrs/2026-Q4/grow.md),okrs/2026-Q4/grow.md &&
	git update-index --skip-worktree okrs/2026-Q4/grow.md &&
	git status --porcelain --untracked-files=no >status &&
	test_must_be_empty status
'

test_expect_success 'okr new with the id of a record outside the checkout: refused' '
	save_state &&
	test_expect_code 1 align okr new Grow --owner maya --id grow >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: ${SQ}okrs/2026-Q4/grow.md${SQ} exists already in HEAD but not in the working tree (a sparse checkout?); bring it back with ${SQ}git sparse-checkout add${SQ} or ${SQ}git checkout -- <path>${SQ}" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	git show HEAD:okrs/2026-Q4/grow.md >committed &&
	grep -q "^\[kr \"leads\"\]" committed
'

test_expect_success 'update for a week whose file is outside the checkout: refused' '
	save_state &&
	test_expect_code 1 align update --done "More" >out 2>err &&
	grep -q "^align: error: ${SQ}updates/2026-W47/2026-w47-maya-lind.md${SQ} exists already in HEAD but not in the working tree" err &&
	test_state_unchanged
'

test_expect_success 'show and checkin of a record outside the checkout say where it is' '
	save_state &&
	echo "align: error: ${SQ}grow${SQ} is in HEAD as ${SQ}okrs/2026-Q4/grow.md${SQ} but not in the working tree (a sparse checkout?); bring it back with ${SQ}git sparse-checkout add${SQ} or ${SQ}git checkout -- <path>${SQ}" >expect &&
	test_expect_code 1 align show grow >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err &&
	test_expect_code 1 align okr checkin grow#leads 5 >out 2>err &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'a new record elsewhere is written as usual' '
	align brief new "Inside the checkout" >out &&
	echo briefs/2026-11-inside-the-checkout.md >expect &&
	test_cmp expect out &&
	git cat-file -e HEAD:okrs/2026-Q4/grow.md
'

test_done
