#!/bin/sh
# The README's "Using it" examples, run verbatim: the commands are read
# from README.md, so this test breaks when the README does. $EDITOR is a
# script that answers the six questions, as a person would.
. "$(dirname "$0")/lib.sh"

readme="$TEST_DIRECTORY/../README.md"
commands="$TRASH_DIRECTORY/commands"

# The indented code of the "Using it" section, one command a line.
sed -n '/^## Using it$/,/^## /p' "$readme" | sed -n 's/^    //p' >"$commands"

test_expect_success 'the README has its examples' '
	test $(wc -l <"$commands") -ge 10 &&
	grep "^align init" "$commands" &&
	grep "^\$EDITOR briefs/" "$commands"
'

# The editor keeps the title and the ini block that align wrote and puts
# the answers to the six questions after them.
cat >"$TRASH_DIRECTORY/answer" <<-\EDITOR_SCRIPT
	#!/bin/sh
	awk '{ print } /^```ini$/ { f = 1; next } f && /^```$/ { exit }' \
		"$1" >"$1.new"
	cat >>"$1.new" <<-\ANSWERS

	## Why are we doing this?

	Pipeline from partners fell 20% last quarter.

	## Who is it for?

	Partner marketing managers at mid-size agencies.

	## What is the offer?

	A live session on co-selling, with a recording.

	## What systems are involved?

	Webinar platform, CRM campaign, email nurture.

	## What is the deadline?

	Live on 2026-12-10.

	## How will success be measured?

	300 registrations, 40 sourced opportunities.
	ANSWERS
	mv "$1.new" "$1"
EDITOR_SCRIPT
chmod +x "$TRASH_DIRECTORY/answer"
EDITOR="$TRASH_DIRECTORY/answer"
export EDITOR

# Each line is one test, run where the previous one left off (the first
# one changes into the new repository).
pwd >"$TRASH_DIRECTORY/cwd"
while IFS= read -r line; do
	test_expect_success "$line" '
		cd "$(cat "$TRASH_DIRECTORY/cwd")" &&
		'"$line"'
		ret=$?
		pwd >"$TRASH_DIRECTORY/cwd"
		exit $ret
	'
done <"$commands"

test_expect_success 'the story is in git: one commit per step, a clean tree' '
	cd growth &&
	git log --format=%s >subjects &&
	test $(wc -l <subjects) -eq 13 &&
	git status --porcelain >out &&
	test_must_be_empty out &&
	grep "^status = completed$" briefs/2026-11-partner-webinar.md &&
	align okr status --format json >out &&
	grep "\"current\": 180" out
'

test_done
