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

test_done
