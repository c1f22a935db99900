#!/bin/sh
# A merge, rebase, cherry-pick, revert, bisect or am in progress: a commit
# made then is lost (rebase --abort) or gets the wrong parents (a merge),
# so every writing command refuses, says what is in progress and what to
# run, and changes nothing; reading commands still work.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
b=2026-11-partner-webinar

test_expect_success 'setup: a brief and an objective; two branches that conflict' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	write_answered_brief briefs/$b.md &&
	git add briefs && git commit -q -m brief &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	git checkout -q -b side &&
	align okr checkin grow#leads 10 >/dev/null &&
	git checkout -q main &&
	align okr checkin grow#leads 20 >/dev/null &&
	git tag start
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

# refuses <operation phrase> <how>: every writing command exits 128 with
# the one line, and nothing changes; ls still lists.
refuses() {
	printf "align: error: %s is in progress: %s, then run align again\n" \
		"$1" "$2" >"$S/expect" &&
	save_state &&
	for cmd in "brief submit $b" "okr checkin grow#leads 30" \
		"update --done Shipped" "new brief Another" \
		"okr new Other --owner maya"; do
		test_expect_code 128 align $cmd >"$S/out" 2>"$S/err" &&
		test_must_be_empty "$S/out" &&
		test_cmp "$S/expect" "$S/err" || {
			echo "not refused: align $cmd"
			return 1
		}
	done &&
	test_state_unchanged &&
	align ls >"$S/out" &&
	grep -q "^brief  *$b " "$S/out"
}

test_expect_success 'a merge with a conflict' '
	test_must_fail git merge -q side >/dev/null 2>&1 &&
	test -f .git/MERGE_HEAD &&
	refuses "a merge" "conclude it with ${SQ}git commit${SQ} or abandon it with ${SQ}git merge --abort${SQ}" &&
	git merge --abort
'

test_expect_success 'a merge stopped before its commit (--no-commit)' '
	git checkout -q -b clean start~1 &&
	align brief submit $b >/dev/null &&
	git checkout -q main &&
	git merge -q --no-commit --no-ff clean >/dev/null 2>&1 &&
	test -f .git/MERGE_HEAD &&
	refuses "a merge" "conclude it with ${SQ}git commit${SQ} or abandon it with ${SQ}git merge --abort${SQ}" &&
	git merge --abort
'

test_expect_success 'a rebase stopped at a conflict' '
	git checkout -q side &&
	test_must_fail git rebase -q main >/dev/null 2>&1 &&
	test -d .git/rebase-merge -o -d .git/rebase-apply &&
	refuses "a rebase" "finish it with ${SQ}git rebase --continue${SQ} or abandon it with ${SQ}git rebase --abort${SQ}" &&
	git rebase --abort &&
	git checkout -q main
'

test_expect_success 'a cherry-pick stopped at a conflict' '
	test_must_fail git cherry-pick side >/dev/null 2>&1 &&
	test -f .git/CHERRY_PICK_HEAD &&
	refuses "a cherry-pick" "finish it with ${SQ}git cherry-pick --continue${SQ} or abandon it with ${SQ}git cherry-pick --abort${SQ}" &&
	git cherry-pick --abort
'

test_expect_success 'a revert stopped at a conflict' '
	align okr checkin grow#leads 25 >/dev/null &&
	test_must_fail git revert --no-edit HEAD~1 >/dev/null 2>&1 &&
	test -f .git/REVERT_HEAD &&
	refuses "a revert" "finish it with ${SQ}git revert --continue${SQ} or abandon it with ${SQ}git revert --abort${SQ}" &&
	git revert --abort
'

test_expect_success 'a bisect' '
	git bisect start -q HEAD start >/dev/null 2>&1 ||
	git bisect start HEAD start >/dev/null 2>&1 &&
	test -f .git/BISECT_LOG &&
	refuses "a bisect" "end it with ${SQ}git bisect reset${SQ}" &&
	git bisect reset -q >/dev/null 2>&1 ||
	git bisect reset >/dev/null 2>&1
'

test_expect_success 'git am stopped at a patch that does not apply' '
	git format-patch -1 --stdout side >"$S/patch" &&
	test_must_fail git am -q "$S/patch" >/dev/null 2>&1 &&
	test -d .git/rebase-apply &&
	refuses "a ${SQ}git am${SQ}" "finish it with ${SQ}git am --continue${SQ} or abandon it with ${SQ}git am --abort${SQ}" &&
	git am --abort
'

test_expect_success 'with nothing in progress, writing works again' '
	git status --porcelain >"$S/status" &&
	test_must_be_empty "$S/status" &&
	align okr checkin grow#leads 30 >/dev/null &&
	git log -1 --format=%s >"$S/subject" &&
	echo "okr: leads 25 → 30" >"$S/expect" &&
	test_cmp "$S/expect" "$S/subject"
'

test_done
