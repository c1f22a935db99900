#!/bin/sh
# What a write keeps and what it refuses: index flags stay as git keeps
# them; a note holding control characters is refused before anything
# changes; a negative check-in value is a number, not an option; a record
# inside a submodule is never committed over the submodule; a record a
# clean filter command would change on 'git add' is refused, since align
# cannot run it and the commit would not hold what git stores.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
f=okrs/2026-Q4/grow.md
b=2026-11-partner-webinar

test_expect_success 'setup: an objective and a brief' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow delta --title Delta --start 0 --target -10 &&
	write_answered_brief briefs/$b.md &&
	git add briefs && git commit -q -m brief
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

test_expect_success 'a negative check-in value without --' '
	align okr checkin grow#delta -3.5 >out &&
	echo "grow#delta: 0 → -3.5" >expect &&
	test_cmp expect out &&
	sed -n "/^\[kr \"delta\"\]/,/^\[/s/^current = //p" $f >actual &&
	echo -3.5 >expect &&
	test_cmp expect actual
'

test_expect_success 'a note with a control character is refused, nothing changes' '
	save_state &&
	for note in "$(printf "clear \\033[2J")" "$(printf "a\\rb")" \
		"$(printf "right \\342\\200\\256left")"; do
		test_expect_code 129 align brief submit $b -m "$note" \
			>"$S/out" 2>"$S/err" &&
		test_must_be_empty "$S/out" || return 1
	done &&
	echo "align: error: invalid note given with -m: it contains a bidirectional control character" >expect &&
	test_cmp expect "$S/err" &&
	test_state_unchanged
'

test_expect_success 'a note of several lines and a tab is kept' '
	align brief submit $b -m "$(printf "Ready.\\n\\nBudget\\tagreed")" \
		>/dev/null &&
	git log -1 --format=%B >msg &&
	sed -n 3,5p msg >actual &&
	printf "Ready.\\n\\nBudget\\tagreed\\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a written record keeps skip-worktree and assume-unchanged' '
	git update-index --skip-worktree $f &&
	align okr checkin grow#delta -5 >/dev/null &&
	git ls-files -v $f >actual &&
	echo "S $f" >expect &&
	test_cmp expect actual &&
	git update-index --no-skip-worktree $f &&
	git update-index --assume-unchanged briefs/$b.md &&
	align brief approve $b >/dev/null &&
	git ls-files -v briefs/$b.md >actual &&
	echo "h briefs/$b.md" >expect &&
	test_cmp expect actual &&
	git update-index --no-assume-unchanged briefs/$b.md &&
	git status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'a submodule inside a records folder: not listed, never written over' '
	mkdir "$S/sub" &&
	(
		cd "$S/sub" &&
		git init -q -b main . &&
		write_answered_brief x.md &&
		sed -i "s/^id = .*/id = vendored/" x.md &&
		git add x.md && git commit -q -m vendored
	) &&
	git -c protocol.file.allow=always submodule --quiet add "$S/sub" \
		briefs/vendor >/dev/null 2>&1 &&
	git commit -q -m "submodule" &&
	git ls-files -s briefs/vendor >before &&
	grep -q "^160000 " before &&
	save_state &&
	test_expect_code 1 align brief submit briefs/vendor/x.md >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: ${SQ}briefs/vendor/x.md${SQ} is not a record (records are .md or .ini files in a records folder)" >expect &&
	test_cmp expect err &&
	align ls >out &&
	! grep vendored out &&
	test_state_unchanged &&
	git ls-files -s briefs/vendor >after &&
	test_cmp before after &&
	git -C briefs/vendor status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'a record under a clean filter align cannot run: refused, nothing changes' '
	printf "%s\n" "briefs/** filter=stamp" "okrs/** filter=stamp" >.gitattributes &&
	git add .gitattributes && git commit -q -m "a filter" &&
	git config filter.stamp.clean "sed s/draft/DRAFT/" &&
	git config filter.stamp.smudge cat &&
	save_state &&
	test_expect_code 1 align okr checkin grow#delta -4 >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: cannot write ${SQ}$f${SQ}: its attribute filter=stamp runs a clean command (filter.stamp.clean or .process) that git applies on ${SQ}git add${SQ} and align cannot, so the commit would not hold what git stores; take the records out of the filter (${SQ}<folder>/** -filter${SQ} in .gitattributes)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align brief new "Filtered" >out 2>err &&
	grep -q "^align: error: cannot write ${SQ}briefs/2026-11-filtered.md${SQ}: its attribute filter=stamp runs a clean command" err &&
	test_state_unchanged
'

test_expect_success 'a required filter without a clean command: refused as git refuses it' '
	git config --unset filter.stamp.clean &&
	git config --unset filter.stamp.smudge &&
	git config filter.stamp.required true &&
	save_state &&
	test_expect_code 1 align okr checkin grow#delta -4 >out 2>err &&
	echo "align: error: cannot write ${SQ}$f${SQ}: its attribute filter=stamp is required (filter.stamp.required) but has no clean command, so git would refuse it too" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'a filter with no command: written, the blob what git add stores' '
	git config --unset filter.stamp.required &&
	align okr checkin grow#delta -4 >/dev/null &&
	test "$(git rev-parse HEAD:$f)" = "$(git hash-object $f)" &&
	grep -q "^current = -4$" $f &&
	git status --porcelain --untracked-files=no >status &&
	test_must_be_empty status
'

test_done
