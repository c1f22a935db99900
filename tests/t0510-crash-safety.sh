#!/bin/sh
# Crash safety of the write path: align killed (SIGKILL, as kill -9 or a
# crash) at each step of a write leaves git consistent (git fsck), the
# record entirely before or entirely after, no temporary file where git
# status shows it, and the next align write finishes or undoes what was
# interrupted, so HEAD, the index and the working tree agree and nothing
# committed is reverted. Needs a build with -Dfault_injection=true.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
f=okrs/2026-Q4/grow.md

if ! "$ALIGN_BIN" --version | grep -q "(fault injection)"; then
	skip_all "align was built without -Dfault_injection=true"
fi

# leads_at <rev>: the leads key result's current value at that commit.
leads_at() {
	git show "$1:$f" | sed -n '/^\[kr "leads"\]/,/^\[/s/^current = //p'
}

test_expect_success 'setup: an objective with two key results, as a template' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	mkdir "$S/template" && cd "$S/template" &&
	setup_align_repo &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 &&
	align okr kr add grow mql --title MQLs --start 0 --target 50 &&
	align okr checkin grow#leads 10 >/dev/null &&
	test "$(leads_at HEAD)" = 10
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

for point in after-journal after-temp after-blob after-tree \
	after-commit-object before-commit after-ref before-rename \
	before-index after-index; do
	test_expect_success "killed at $point: consistent, and the next write agrees" '
		rm -rf "$S/r" && cp -a "$S/template" "$S/r" && cd "$S/r" &&
		start=$(git rev-parse HEAD) &&
		test_expect_code 137 env ALIGN_FAULT='$point' \
			"$ALIGN_BIN" okr checkin grow#leads 42 >/dev/null 2>&1 &&
		git fsck --no-progress >"$S/fsck" 2>&1 &&
		! grep -E "error|missing|broken" "$S/fsck" &&
		now=$(leads_at HEAD) &&
		{ test "$now" = 10 || test "$now" = 42; } &&
		if test "$(git rev-parse HEAD)" = "$start"; then
			landed=10
		else
			landed=42
		fi &&
		align okr checkin grow#mql 7 >"$S/out" 2>"$S/err" &&
		test "$(leads_at HEAD)" = "$landed" &&
		test "$(git show HEAD:$f | sed -n "/^\[kr \"mql\"\]/,/^\[/s/^current = //p")" = 7 &&
		git status --porcelain --ignored >"$S/status" &&
		test_must_be_empty "$S/status" &&
		test ! -e .git/align/write &&
		git fsck --no-progress >"$S/fsck" 2>&1 &&
		! grep -E "error|missing|broken" "$S/fsck" &&
		git diff --exit-code HEAD -- $f
	'
done

test_expect_success 'killed after the commit: the next write says what it finished' '
	rm -rf "$S/r" && cp -a "$S/template" "$S/r" && cd "$S/r" &&
	test_expect_code 137 env ALIGN_FAULT=before-rename \
		"$ALIGN_BIN" okr checkin grow#leads 42 >/dev/null 2>&1 &&
	test "$(leads_at HEAD)" = 42 &&
	grep -q "^current = 10$" $f &&
	align okr checkin grow#mql 7 >"$S/out" 2>"$S/err" &&
	echo "align: warning: finished a write that was interrupted: $f" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test "$(leads_at HEAD)" = 42
'

test_expect_success 'a reader after the crash changes nothing and names align recover, which finishes it' '
	rm -rf "$S/r" && cp -a "$S/template" "$S/r" && cd "$S/r" &&
	test_expect_code 137 env ALIGN_FAULT=before-rename \
		"$ALIGN_BIN" okr checkin grow#leads 42 >/dev/null 2>&1 &&
	git status --porcelain >"$S/status-before" &&
	head=$(git rev-parse HEAD) &&
	align ls >"$S/out" 2>"$S/err" &&
	echo "align: warning: a write was interrupted and is not finished; run ${SQ}align recover${SQ} to finish it" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	align check >"$S/out" 2>"$S/err" &&
	grep -q "^align: warning: a write was interrupted and is not finished; run ${SQ}align recover${SQ} to finish it$" "$S/err" &&
	test -f .git/align/write &&
	git status --porcelain >"$S/status-after" &&
	test_cmp "$S/status-before" "$S/status-after" &&
	test "$(git rev-parse HEAD)" = "$head" &&
	align recover >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: warning: finished a write that was interrupted: $f" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test ! -e .git/align/write &&
	grep -q "^current = 42$" $f &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git status --porcelain --untracked-files=no >"$S/status" &&
	test_must_be_empty "$S/status" &&
	align ls >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/err" &&
	align recover >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/err"
'

test_expect_success 'a file edited by hand after the crash is kept, not overwritten' '
	rm -rf "$S/r" && cp -a "$S/template" "$S/r" && cd "$S/r" &&
	test_expect_code 137 env ALIGN_FAULT=before-rename \
		"$ALIGN_BIN" okr checkin grow#leads 42 >/dev/null 2>&1 &&
	echo "hand edit" >>$f &&
	cp $f "$S/edited" &&
	align brief new "Something else" >/dev/null 2>"$S/err" &&
	test_cmp "$S/edited" $f &&
	ls -a okrs/2026-Q4 >"$S/files" &&
	! grep "align-" "$S/files"
'

test_expect_success 'killed between the files of a multi-file write (init)' '
	mkdir "$S/i" && cd "$S/i" &&
	git init -q -b main . &&
	test_expect_code 137 env ALIGN_FAULT=between-renames \
		"$ALIGN_BIN" init >/dev/null 2>&1 &&
	git fsck --no-progress >"$S/fsck" 2>&1 &&
	! grep -E "error|missing|broken" "$S/fsck" &&
	align okr new Grow --owner maya --id grow >/dev/null 2>"$S/err" &&
	grep -q "^align: warning: finished a write that was interrupted: " "$S/err" &&
	git status --porcelain --ignored >"$S/status" &&
	test_must_be_empty "$S/status"
'

test_expect_success 'killed before the journal has blob ids: only undone' '
	rm -rf "$S/r" && cp -a "$S/template" "$S/r" && cd "$S/r" &&
	start=$(git rev-parse HEAD) &&
	test_expect_code 137 env ALIGN_FAULT=after-temp \
		"$ALIGN_BIN" okr checkin grow#leads 42 >/dev/null 2>&1 &&
	test -e .git/align/write &&
	ls okrs/2026-Q4 >"$S/files" &&
	grep -q "grow.md.align-" "$S/files" &&
	align okr checkin grow#mql 7 >/dev/null 2>"$S/err" &&
	test_must_be_empty "$S/err" &&
	ls okrs/2026-Q4 >"$S/files" &&
	! grep -q "align-" "$S/files" &&
	test "$(git rev-parse HEAD~1)" = "$start" &&
	test "$(leads_at HEAD)" = 10
'

test_done
