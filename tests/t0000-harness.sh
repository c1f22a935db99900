#!/bin/sh
# The harness itself: its helpers must catch what they claim to catch.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the environment is hermetic' '
	test "$HOME" = "$TRASH_DIRECTORY/home" &&
	test "$TZ" = UTC &&
	test "$LC_ALL" = C &&
	test "$ALIGN_NOW" = 2026-11-02 &&
	test "$GIT_CONFIG_NOSYSTEM" = 1 &&
	test -x "$ALIGN_BIN"
'

test_expect_success 'test_expect_code needs the exact status' '
	test_expect_code 3 sh -c "exit 3" &&
	! test_expect_code 1 sh -c "exit 3" 2>/dev/null
'

test_expect_success 'test_must_fail accepts only align failures' '
	test_must_fail sh -c "exit 1" &&
	test_must_fail sh -c "exit 128" &&
	test_must_fail sh -c "exit 129" &&
	! test_must_fail true 2>/dev/null &&
	! test_must_fail sh -c "exit 134" 2>/dev/null
'

test_expect_success 'test_cmp and test_must_be_empty detect differences' '
	echo a >one && echo b >two && : >empty &&
	! test_cmp one two >/dev/null &&
	test_cmp one one &&
	test_must_be_empty empty &&
	! test_must_be_empty one 2>/dev/null
'

test_expect_success 'repo_state sees a staged change, a file and a ref' '
	git init -q -b main . &&
	save_state &&
	test_state_unchanged &&
	echo x >tracked &&
	! test_state_unchanged >/dev/null &&
	save_state && git add tracked &&
	! test_state_unchanged >/dev/null &&
	git commit -q -m x && save_state &&
	git branch other &&
	! test_state_unchanged >/dev/null
'

# changed <commands>: the commands change the state, and the harness sees it.
changed() {
	save_state &&
	eval "$1" &&
	if test_state_unchanged >/dev/null; then
		echo "not seen: $1" >&2
		return 1
	fi
}

test_expect_success 'repo_state sees every kind of change, one at a time' '
	mkdir -p d/e && echo one >d/e/f && echo ignored >d/junk &&
	echo junk >.gitignore && git add .gitignore d/e/f &&
	git commit -q -m two &&
	changed "echo two >d/e/f" &&
	changed "echo One >d/e/f" &&
	changed "git add d/e/f" &&
	changed "git commit -q -m three" &&
	changed "git update-ref refs/heads/other HEAD" &&
	changed "git checkout -q other" &&
	changed "git checkout -q --detach" &&
	changed "git update-index --skip-worktree d/e/f" &&
	changed "echo new >untracked" &&
	changed "echo Junk >d/junk" &&
	changed "mkdir new-folder" &&
	changed "chmod +x d/e/f" &&
	changed "ln -s d/e/f link" &&
	changed "ln -sf d/junk link" &&
	changed "git tag v1" &&
	changed ": >.git/MERGE_HEAD" &&
	save_state && git status >/dev/null && test_state_unchanged
'

test_expect_success 'repo_state leaves out the scratch files of assertions' '
	save_state &&
	echo x >expect.more && echo x >out && echo x >actual &&
	echo x >err.1 && echo x >msg &&
	test_state_unchanged
'

test_expect_success 'temporary files go to the trash directory' '
	test "$TMPDIR" = "$TRASH_DIRECTORY/tmp" &&
	f=$(mktemp) &&
	case $f in "$TRASH_DIRECTORY"/*) ;; *) false ;; esac
'

# run_sub <body>: a test script made of <body> on this harness; its TAP
# output in "out", its exit status in "status".
run_sub() {
	printf ". \"%s/lib.sh\"\n%s\ntest_done\n" "$TEST_DIRECTORY" "$1" \
		>"$TRASH_DIRECTORY/sub.sh" &&
	{ sh "$TRASH_DIRECTORY/sub.sh" >out 2>&1; echo $? >status; }
}

test_expect_success 'a missing prerequisite is a skip, never an ok' '
	run_sub "
		test_lazy_prereq YES true
		test_lazy_prereq NO false
		test_set_prereq SET
		test_expect_success YES \"needs yes\" true
		test_expect_success NO \"needs no\" false
		test_expect_success !NO \"needs not no\" true
		test_expect_success YES,SET \"needs both\" true
		test_expect_success YES,NO \"needs yes and no\" true
		test_expect_success UNKNOWN \"needs unknown\" true
		test_have_prereq !YES && echo wrong
	" &&
	cat >expect <<-\EOF &&
	ok 1 - needs yes
	ok 2 # skip needs no (missing NO)
	ok 3 - needs not no
	ok 4 - needs both
	ok 5 # skip needs yes and no (missing YES,NO)
	ok 6 # skip needs unknown (missing UNKNOWN)
	1..6
	EOF
	test_cmp expect out &&
	echo 0 >expect &&
	test_cmp expect status
'

test_expect_success 'a known breakage is a TODO; a vanished one says so' '
	run_sub "
		test_expect_failure \"still broken\" false
		test_expect_failure \"mended\" true
	" &&
	cat >expect <<-\EOF &&
	not ok 1 - still broken # TODO known breakage
	ok 2 - mended # TODO known breakage vanished
	1..2
	EOF
	test_cmp expect out
'

test_expect_success 'a failing test fails the script and keeps its trash' '
	run_sub "test_expect_success \"fails\" \"echo why; false\"" &&
	echo 1 >expect &&
	test_cmp expect status &&
	sed -n "1,2p" out >actual &&
	printf "not ok 1 - fails\n#   why\n" >expect &&
	test_cmp expect actual &&
	kept=$(sed -n "s/^# failed 1 of 1; trash kept in //p" out) &&
	test -d "$kept" &&
	case $kept in "$TMPDIR"/*) ;; *) false ;; esac
'

test_expect_success 'skip_all skips the whole script' '
	run_sub "skip_all \"no frobnicator\"" &&
	echo "1..0 # SKIP no frobnicator" >expect &&
	test_cmp expect out
'

test_done
