#!/bin/sh
# Defects a new user met on the first day, each kept fixed here: -h given
# as an option's value is that value, not a request for help (it crashed);
# --color is accepted after the command name, as git accepts it; 'align
# status' points at 'okr status'; a status
# no kind has is an error that lists the statuses; an empty listing says so
# on a terminal.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"

# on_terminal <command line>: runs it with stdout on a pseudo-terminal;
# what appeared there goes to $S/tty without carriage returns.
on_terminal() {
	script -qec "$1" /dev/null </dev/null >"$S/tty.raw"
	ret=$?
	tr -d '\r' <"$S/tty.raw" >"$S/tty"
	return $ret
}
test_lazy_prereq SCRIPT 'script -qec true /dev/null </dev/null'

test_expect_success 'setup: a brief and an objective with a key result' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	align brief new "Partner webinar" >/dev/null &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

test_expect_success '-h as the value of --author is an author, not help' '
	align log --author -h >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success '-h as the value of -m is the note of brief new' '
	align brief new X -m -h >out 2>err &&
	echo briefs/2026-11-x.md >expect &&
	test_cmp expect out &&
	git log -1 --format=%B >msg &&
	sed -n 3p msg >note &&
	printf "%s\\n" -h >expect &&
	test_cmp expect note
'

test_expect_success '-h as the value of -m is the note of a check-in' '
	align okr checkin grow#leads 20 -m -h >out 2>err &&
	git log -1 --format=%B >msg &&
	sed -n 3p msg >note &&
	printf "%s\\n" -h >expect &&
	test_cmp expect note &&
	grep -qx "current = 20" okrs/2026-Q4/grow.md
'

test_expect_success '-h in option position still prints help, exit 0' '
	align log -h >out &&
	test_grep "^usage: align log" out &&
	align okr checkin -h >out &&
	test_grep "^usage: align okr checkin" out
'

test_expect_success '--color after the command name, as before it' '
	align check --color=always >out &&
	printf "people.ini: \\033[1;33mwarning\\033[m: no roster: person fields are not checked; list the team in people.ini\\n" >expect &&
	grep "^people.ini" out >first &&
	test_cmp expect first &&
	align --color=always check >out2 &&
	test_cmp out out2 &&
	align check --color always >out3 &&
	test_cmp out out3 &&
	align check --color=always --no-color >out4 &&
	! grep -q "$(printf "\\033")" out4
'

test_expect_success '--color with a bad value after the command: exit 129' '
	save_state &&
	test_expect_code 129 align ls --color=sometimes >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: invalid value ${SQ}sometimes${SQ} for --color (one of: auto, always, never)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align ls --color 2>err &&
	echo "align: error: option ${SQ}--color${SQ} needs a value" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'a -m value of --color is a note, not an option' '
	align brief new Y -m --color >out 2>err &&
	test_must_be_empty err &&
	git log -1 --format=%B >msg &&
	sed -n 3p msg >note &&
	printf "%s\\n" --color >expect &&
	test_cmp expect note
'

test_expect_success 'align status suggests okr status' '
	test_expect_code 129 align status >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: ${SQ}status${SQ} is not an align command (did you mean ${SQ}okr status${SQ}?)" >expect &&
	test_cmp expect err
'

test_expect_success 'ls --status with a status no kind has: exit 129, the statuses listed' '
	save_state &&
	test_expect_code 129 align ls --status drafted >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: no record has the status ${SQ}drafted${SQ} (statuses: draft, submitted, approved, live, completed, cancelled, proposed, accepted, rejected, deprecated, superseded)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align ls brief --status drafted 2>err &&
	echo "align: error: no brief has the status ${SQ}drafted${SQ} (statuses: draft, submitted, approved, live, completed, cancelled)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align ls update --status draft 2>err &&
	echo "align: error: updates have no status" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'ls --status with a known status still lists' '
	align ls --status draft >out &&
	test "$(wc -l <out)" -eq 3 &&
	grep -q "^brief  2026-11-partner-webinar  draft " out
'

test_expect_success 'an empty listing is silent in a pipe' '
	align ls --owner nobody >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

if ! test_skip_unless SCRIPT 'an empty listing says so on a terminal'; then
	test_expect_success 'an empty listing says so on a terminal' '
		on_terminal "$ALIGN_BIN ls --owner nobody 2>&1" &&
		echo "align: no records match" >expect &&
		test_cmp expect "$S/tty"
	'
fi

test_done
