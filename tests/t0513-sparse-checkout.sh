#!/bin/sh
# A sparse checkout leaves committed records out of the working tree:
# making a record whose file HEAD already holds would overwrite it in the
# commit, so it is refused, with what to run; a reference to such a record
# says where it is instead of "no such record".
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
