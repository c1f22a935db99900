#!/bin/sh
# align update and align digest: the weekly standup without the meeting.
# Four people on the roster, one contractor outside it, a brief and an
# objective whose check-ins fall inside and outside the week in question.
. "$(dirname "$0")/lib.sh"

SQ="'"

# at <time>: the commits of the next step at that exact instant (UTC).
at() {
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}

b=briefs/2026-11-partner-webinar.md
o=2026-q4-grow-partner-pipeline
w47=updates/2026-W47

test_expect_success 'setup: a roster of four, a brief, an objective with two KRs' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	cat >people.ini <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com
	team = growth

	[person "dana"]
	name = Dana Okafor
	email = dana@example.com
	team = leadership

	[person "lee"]
	name = Lee Park
	email = lee@example.com, lee.park@old.example
	team = growth

	[person "kim"]
	name = Kim Ito
	email = kim@example.com
	team = growth
	EOF
	git add people.ini && git commit -q -m roster &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 --no-edit >/dev/null &&
	write_answered_brief "$b" &&
	git commit -q -m answers -- "$b" &&
	align okr new "Grow partner pipeline" --quarter 2026-Q4 \
		--owner maya >/dev/null &&
	align okr kr add $o signups --title "Webinar signups" --start 0 \
		--target 300 --unit signups --owner lee >/dev/null &&
	align okr kr add $o opps --title "Sourced opportunities" --start 0 \
		--target 40 --owner maya >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align brief submit 2026-11-partner >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-10 &&
	align okr checkin $o#signups 25 >/dev/null &&
	test -f okrs/2026-Q4/$o.md
'

# 2026-W47 runs from Monday 2026-11-16 to Sunday 2026-11-22.
test_expect_success 'setup: check-ins on both sides of the edges of 2026-W47' '
	as "Lee Park" lee@example.com 2026-11-15 &&
	at 2026-11-15T23:59:59Z &&
	align okr checkin $o#signups 40 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-16 &&
	at 2026-11-16T00:00:00Z &&
	align okr checkin $o#opps 2 >/dev/null
'

test_expect_success 'update writes the week'"$SQ"'s record under the roster handle and commits only it' '
	as "Maya Lind" maya@example.com 2026-11-17 &&
	align update --done "Landing page live" --done "Speakers booked" \
		--next "Send invites" --blocker "Budget sign-off from dana" \
		>out 2>err &&
	echo "$w47/2026-w47-maya.md" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	# 2026-W47 update: maya

	```ini
	[update]
	id = 2026-w47-maya
	week = 2026-W47
	person = maya
	```

	## Done

	- Landing page live
	- Speakers booked

	## Next

	- Send invites

	## Blockers

	- Budget sign-off from dana
	EOF
	test_cmp expect $w47/2026-w47-maya.md &&
	git log -1 --format=%s >out &&
	echo "update: 2026-W47 maya" >expect &&
	test_cmp expect out &&
	git show --name-only --format= HEAD >out &&
	echo "$w47/2026-w47-maya.md" >expect &&
	test_cmp expect out &&
	git status --porcelain >out &&
	test_must_be_empty out
'

test_expect_success 'a second update the same week adds to the same file, each item in its section' '
	as "Dana Okafor" dana@example.com 2026-11-18 &&
	align brief approve 2026-11-partner >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-18 &&
	align okr checkin $o#signups 120 --confidence 0.7 \
		-m "partner newsletter" >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-19 &&
	head=$(git rev-parse HEAD) &&
	align update --next "Draft the agenda" --done "Wrote the copy" \
		-m "Out on Friday" >out &&
	echo "$w47/2026-w47-maya.md" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	# 2026-W47 update: maya

	```ini
	[update]
	id = 2026-w47-maya
	week = 2026-W47
	person = maya
	```

	## Done

	- Landing page live
	- Speakers booked
	- Wrote the copy

	## Next

	- Send invites
	- Draft the agenda

	## Blockers

	- Budget sign-off from dana

	## Notes

	Out on Friday
	EOF
	test_cmp expect $w47/2026-w47-maya.md &&
	test "$(git rev-parse HEAD~1)" = "$head" &&
	git log --format=%s -- $w47 >out &&
	cat >expect <<-\EOF &&
	update: 2026-W47 maya
	update: 2026-W47 maya
	EOF
	test_cmp expect out &&
	git show --name-only --format= HEAD >out &&
	echo "$w47/2026-w47-maya.md" >expect &&
	test_cmp expect out &&
	ls $w47 >out &&
	echo "2026-w47-maya.md" >expect &&
	test_cmp expect out
'

test_expect_success 'a second note is a paragraph of its own' '
	as "Maya Lind" maya@example.com 2026-11-19 &&
	align update -m "Back on Monday" >/dev/null &&
	sed -n "/^## Notes$/,\$p" $w47/2026-w47-maya.md >out &&
	cat >expect <<-\EOF &&
	## Notes

	Out on Friday

	Back on Monday
	EOF
	test_cmp expect out &&
	git show --name-only --format= HEAD >out &&
	echo "$w47/2026-w47-maya.md" >expect &&
	test_cmp expect out
'

test_expect_success 'the author is found on the roster by any of their emails' '
	as "L. Park" lee.park@old.example 2026-11-19 &&
	align update --done "Partner newsletter sent" \
		--next "Follow up with agencies" >out &&
	echo "$w47/2026-w47-lee.md" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	# 2026-W47 update: lee

	```ini
	[update]
	id = 2026-w47-lee
	week = 2026-W47
	person = lee
	```

	## Done

	- Partner newsletter sent

	## Next

	- Follow up with agencies

	## Blockers
	EOF
	test_cmp expect $w47/2026-w47-lee.md &&
	git log -1 --format=%s >out &&
	echo "update: 2026-W47 lee" >expect &&
	test_cmp expect out
'

test_expect_success 'an author outside the roster posts under a slug of the git name' '
	as "Sam Rivera" sam@contractor.example 2026-11-20 &&
	align update --done "Designed the banner" \
		--blocker "Waiting for the logo files" >out &&
	echo "$w47/2026-w47-sam-rivera.md" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	[update]
	id = 2026-w47-sam-rivera
	week = 2026-W47
	person = sam-rivera
	EOF
	sed -n "/^\[update\]$/,/^person/p" $w47/2026-w47-sam-rivera.md >out &&
	test_cmp expect out &&
	git log -1 --format=%s >out &&
	echo "update: 2026-W47 sam-rivera" >expect &&
	test_cmp expect out &&
	git show --name-only --format= HEAD >out &&
	echo "$w47/2026-w47-sam-rivera.md" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: the rest of 2026-W47 and the start of W48' '
	as "Maya Lind" maya@example.com 2026-11-20 &&
	align okr checkin $o#opps 5 >/dev/null &&
	as "Kim Ito" kim@example.com 2026-11-21 &&
	align brief new "Spring launch" --owner kim --no-edit >/dev/null &&
	as "Dana Okafor" dana@example.com 2026-11-21 &&
	at 2026-11-21T15:00:00Z &&
	sed -i "/^\[kr \"opps\"\]/,/^\$/s/^current = 5\$/current = 6/" \
		okrs/2026-Q4/$o.md &&
	git commit -q -m "opps by hand" okrs/2026-Q4/$o.md &&
	git show --stat --format= HEAD >out &&
	test_grep "1 insertion(+), 1 deletion(-)" out &&
	as "Lee Park" lee@example.com 2026-11-22 &&
	at 2026-11-22T23:59:59Z &&
	align okr checkin $o#signups 130 >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-23 &&
	at 2026-11-23T00:00:00Z &&
	align okr checkin $o#signups 150 >/dev/null
'

# 2026 starts on a Thursday, so it has 53 ISO weeks (2026-W53 is
# 2026-12-28 to 2027-01-03); 2025 starts on a Wednesday and 2027 on a
# Friday, neither a leap year, so they have 52.
test_expect_success 'update --week refuses a week that does not exist' '
	as "Maya Lind" maya@example.com 2026-11-23 &&
	save_state &&
	for w in 2025-W53 2027-W53 2026-47 2026-W00 2026-W5 W47; do
		test_expect_code 129 align update --week $w --done x \
			>out 2>err &&
		test_must_be_empty out &&
		echo "align: error: invalid week $SQ$w$SQ: use YYYY-Www, as in 2026-W47" >expect &&
		test_cmp expect err || return 1
	done &&
	test_state_unchanged
'

test_expect_success 'update --week 2026-W53 posts to the last week of 2026' '
	as "Maya Lind" maya@example.com 2026-11-23 &&
	align update --week 2026-W53 --next "Year-end report" >out &&
	echo "updates/2026-W53/2026-w53-maya.md" >expect &&
	test_cmp expect out &&
	grep "^week = " updates/2026-W53/2026-w53-maya.md >out &&
	echo "week = 2026-W53" >expect &&
	test_cmp expect out &&
	git log -1 --format=%s >out &&
	echo "update: 2026-W53 maya" >expect &&
	test_cmp expect out
'

test_expect_success 'update with nothing to post, and no terminal, is a usage error' '
	save_state &&
	test_expect_code 129 align update </dev/null >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: nothing to post: give --done, --next or --blocker (or run it on a terminal to write in the editor)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align update --week 2026-W47 </dev/null \
		>out 2>err &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'update refuses text with a newline or a control character' '
	save_state &&
	nl=$(printf "two\nlines") &&
	tab=$(printf "a\tb") &&
	esc=$(printf "red\033[31m") &&
	test_expect_code 129 align update --done "$nl" >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: invalid --done text: it contains a control character" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align update --done ok --next "$tab" 2>err &&
	echo "align: error: invalid --next text: it contains a control character" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align update --blocker "$esc" 2>err &&
	echo "align: error: invalid --blocker text: it contains a control character" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align update --done ok -m "$nl" 2>err &&
	echo "align: error: invalid note: it contains a control character" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align update --done "" 2>err &&
	echo "align: error: invalid --done text: it is empty" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align update --done Shipped the page 2>err &&
	echo "align: error: unexpected argument ${SQ}the$SQ (quote the text of --done, --next or --blocker)" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'update --no-commit writes the file and commits nothing' '
	as "Kim Ito" kim@example.com 2026-11-24 &&
	head=$(git rev-parse HEAD) &&
	align update --no-commit --done "Drafted the survey" >out &&
	echo "updates/2026-W48/2026-w48-kim.md" >expect &&
	test_cmp expect out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git status --porcelain --untracked-files=all >out &&
	echo "?? updates/2026-W48/2026-w48-kim.md" >expect &&
	test_cmp expect out &&
	grep "^- " updates/2026-W48/2026-w48-kim.md >out &&
	echo "- Drafted the survey" >expect &&
	test_cmp expect out &&
	align update --next "Send the survey" >out &&
	test "$(git rev-parse HEAD~1)" = "$head" &&
	git show --name-only --format= HEAD >out &&
	echo "updates/2026-W48/2026-w48-kim.md" >expect &&
	test_cmp expect out &&
	grep "^- " updates/2026-W48/2026-w48-kim.md >out &&
	cat >expect <<-\EOF &&
	- Drafted the survey
	- Send the survey
	EOF
	test_cmp expect out &&
	git status --porcelain >out &&
	test_must_be_empty out
'

test_expect_success 'people posting the same week on separate branches merge without conflict' '
	base=$(git rev-parse HEAD) &&
	for who in "Lee Park:lee@example.com:lee" \
		"Dana Okafor:dana@example.com:dana" \
		"Sam Rivera:sam@contractor.example:sam"; do
		name=${who%%:*} && rest=${who#*:} &&
		email=${rest%%:*} && branch=${rest#*:} &&
		git checkout -q -b "$branch" "$base" &&
		as "$name" "$email" 2026-11-25 &&
		align update --done "$branch finished a thing" \
			--blocker "$branch waits on something" >/dev/null &&
		if test $branch = lee
		then
			align okr checkin $o#signups 160 >/dev/null
		fi &&
		git checkout -q main || return 1
	done &&
	as "Maya Lind" maya@example.com 2026-11-25 &&
	align update --done "maya finished a thing" >/dev/null &&
	as "Kim Ito" kim@example.com 2026-11-25 &&
	git checkout -q -b kim2 "$base" &&
	align update --done "kim finished another thing" >/dev/null &&
	git checkout -q main &&
	as "Maya Lind" maya@example.com 2026-11-26 &&
	git merge -q --no-edit lee dana sam kim2 &&
	git ls-files -u >out &&
	test_must_be_empty out &&
	git status --porcelain >out &&
	test_must_be_empty out &&
	git rev-list --parents -1 HEAD | wc -w >out &&
	echo 6 >expect &&
	test_cmp expect out &&
	ls updates/2026-W48 >out &&
	cat >expect <<-\EOF &&
	2026-w48-dana.md
	2026-w48-kim.md
	2026-w48-lee.md
	2026-w48-maya.md
	2026-w48-sam-rivera.md
	EOF
	test_cmp expect out &&
	grep "^- " updates/2026-W48/2026-w48-kim.md >out &&
	cat >expect <<-\EOF &&
	- Drafted the survey
	- kim finished another thing
	- Send the survey
	EOF
	test_cmp expect out
'

test_expect_success 'digest --week: updates, blockers, check-ins, changes, who is missing' '
	as "Maya Lind" maya@example.com 2026-11-26 &&
	align digest --week 2026-W47 >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-EOF &&
	Week 2026-W47 (2026-11-16 to 2026-11-22)

	Updates
	  lee
	    done: Partner newsletter sent
	    next: Follow up with agencies
	  maya
	    done: Landing page live
	    done: Speakers booked
	    done: Wrote the copy
	    next: Send invites
	    next: Draft the agenda
	    blocker: Budget sign-off from dana
	    note: Out on Friday
	    note: Back on Monday
	  sam-rivera
	    done: Designed the banner
	    blocker: Waiting for the logo files

	Blockers
	  maya: Budget sign-off from dana
	  sam-rivera: Waiting for the logo files

	Check-ins
	  2026-11-22 lee $o#signups 120 → 130 signups (confidence 0.7)
	  2026-11-21 dana $o#opps 5 → 6
	  2026-11-20 maya $o#opps 2 → 5
	  2026-11-18 lee $o#signups 40 → 120 signups (confidence 0.7)  partner newsletter
	  2026-11-16 maya $o#opps 0 → 2

	Changes
	  2026-11-21 kim created brief 2026-11-spring-launch
	  2026-11-18 dana approved brief 2026-11-partner-webinar

	No update from
	  dana
	  kim
	EOF
	test_cmp expect out
'

# Markdown: what people wrote is escaped, so "#" in a check-in is "\#".
test_expect_success 'digest --format md' '
	align digest --week 2026-W47 --format md >out &&
	cat >expect <<-EOF &&
	# Week 2026-W47 (2026-11-16 to 2026-11-22)

	## Updates

	### lee

	- done: Partner newsletter sent
	- next: Follow up with agencies

	### maya

	- done: Landing page live
	- done: Speakers booked
	- done: Wrote the copy
	- next: Send invites
	- next: Draft the agenda
	- blocker: Budget sign-off from dana
	- note: Out on Friday
	- note: Back on Monday

	### sam-rivera

	- done: Designed the banner
	- blocker: Waiting for the logo files

	## Blockers

	- Budget sign-off from dana (owner: maya)
	- Waiting for the logo files (owner: sam-rivera)

	## Check-ins

	- 2026-11-22 lee $o\#signups 120 → 130 signups (confidence 0.7)
	- 2026-11-21 dana $o\#opps 5 → 6
	- 2026-11-20 maya $o\#opps 2 → 5
	- 2026-11-18 lee $o\#signups 40 → 120 signups (confidence 0.7)  partner newsletter
	- 2026-11-16 maya $o\#opps 0 → 2

	## Changes

	- 2026-11-21 kim created brief 2026-11-spring-launch
	- 2026-11-18 dana approved brief 2026-11-partner-webinar

	## No update from

	- dana
	- kim
	EOF
	test_cmp expect out
'

test_expect_success 'digest --format json' '
	align digest --week 2026-W47 --format json >out.json &&
	sed -E "s/\"commit\": \"[0-9a-f]{40}\"/\"commit\": \"<commit>\"/" \
		out.json >out &&
	cat >expect <<-EOF &&
	{
	  "format_version": 1,
	  "week": "2026-W47",
	  "start": "2026-11-16",
	  "end": "2026-11-22",
	  "updates": [
	    {
	      "person": "lee",
	      "path": "$w47/2026-w47-lee.md",
	      "done": [
	        "Partner newsletter sent"
	      ],
	      "next": [
	        "Follow up with agencies"
	      ],
	      "blockers": [],
	      "notes": []
	    },
	    {
	      "person": "maya",
	      "path": "$w47/2026-w47-maya.md",
	      "done": [
	        "Landing page live",
	        "Speakers booked",
	        "Wrote the copy"
	      ],
	      "next": [
	        "Send invites",
	        "Draft the agenda"
	      ],
	      "blockers": [
	        "Budget sign-off from dana"
	      ],
	      "notes": [
	        "Out on Friday",
	        "Back on Monday"
	      ]
	    },
	    {
	      "person": "sam-rivera",
	      "path": "$w47/2026-w47-sam-rivera.md",
	      "done": [
	        "Designed the banner"
	      ],
	      "next": [],
	      "blockers": [
	        "Waiting for the logo files"
	      ],
	      "notes": []
	    }
	  ],
	  "blockers": [
	    {
	      "owner": "maya",
	      "text": "Budget sign-off from dana"
	    },
	    {
	      "owner": "sam-rivera",
	      "text": "Waiting for the logo files"
	    }
	  ],
	  "checkins": [
	    {
	      "date": "2026-11-22",
	      "time": 1795391999,
	      "who": "lee",
	      "email": "lee@example.com",
	      "commit": "<commit>",
	      "kind": "objective",
	      "id": "$o",
	      "path": "okrs/2026-Q4/$o.md",
	      "action": "checked in",
	      "text": "checked in $o#signups 120 → 130 signups (confidence 0.7)",
	      "note": null,
	      "field": {
	        "section": "kr",
	        "sub": "signups",
	        "key": "current",
	        "old": "120",
	        "new": "130"
	      }
	    },
	    {
	      "date": "2026-11-21",
	      "time": 1795273200,
	      "who": "dana",
	      "email": "dana@example.com",
	      "commit": "<commit>",
	      "kind": "objective",
	      "id": "$o",
	      "path": "okrs/2026-Q4/$o.md",
	      "action": "checked in",
	      "text": "checked in $o#opps 5 → 6",
	      "note": null,
	      "field": {
	        "section": "kr",
	        "sub": "opps",
	        "key": "current",
	        "old": "5",
	        "new": "6"
	      }
	    },
	    {
	      "date": "2026-11-20",
	      "time": 1795168800,
	      "who": "maya",
	      "email": "maya@example.com",
	      "commit": "<commit>",
	      "kind": "objective",
	      "id": "$o",
	      "path": "okrs/2026-Q4/$o.md",
	      "action": "checked in",
	      "text": "checked in $o#opps 2 → 5",
	      "note": null,
	      "field": {
	        "section": "kr",
	        "sub": "opps",
	        "key": "current",
	        "old": "2",
	        "new": "5"
	      }
	    },
	    {
	      "date": "2026-11-18",
	      "time": 1794996000,
	      "who": "lee",
	      "email": "lee@example.com",
	      "commit": "<commit>",
	      "kind": "objective",
	      "id": "$o",
	      "path": "okrs/2026-Q4/$o.md",
	      "action": "checked in",
	      "text": "checked in $o#signups 40 → 120 signups (confidence 0.7)",
	      "note": "partner newsletter",
	      "field": {
	        "section": "kr",
	        "sub": "signups",
	        "key": "current",
	        "old": "40",
	        "new": "120"
	      }
	    },
	    {
	      "date": "2026-11-16",
	      "time": 1794787200,
	      "who": "maya",
	      "email": "maya@example.com",
	      "commit": "<commit>",
	      "kind": "objective",
	      "id": "$o",
	      "path": "okrs/2026-Q4/$o.md",
	      "action": "checked in",
	      "text": "checked in $o#opps 0 → 2",
	      "note": null,
	      "field": {
	        "section": "kr",
	        "sub": "opps",
	        "key": "current",
	        "old": "0",
	        "new": "2"
	      }
	    }
	  ],
	  "changes": [
	    {
	      "date": "2026-11-21",
	      "time": 1795255200,
	      "who": "kim",
	      "email": "kim@example.com",
	      "commit": "<commit>",
	      "kind": "brief",
	      "id": "2026-11-spring-launch",
	      "path": "briefs/2026-11-spring-launch.md",
	      "action": "created",
	      "text": "created brief 2026-11-spring-launch",
	      "note": null,
	      "field": null
	    },
	    {
	      "date": "2026-11-18",
	      "time": 1794996000,
	      "who": "dana",
	      "email": "dana@example.com",
	      "commit": "<commit>",
	      "kind": "brief",
	      "id": "2026-11-partner-webinar",
	      "path": "briefs/2026-11-partner-webinar.md",
	      "action": "approved",
	      "text": "approved brief 2026-11-partner-webinar",
	      "note": null,
	      "field": {
	        "section": "brief",
	        "sub": null,
	        "key": "status",
	        "old": "submitted",
	        "new": "approved"
	      }
	    }
	  ],
	  "missing": [
	    "dana",
	    "kim"
	  ]
	}
	EOF
	test_cmp expect out &&
	# Each commit named is the one that made the event, on its day.
	sed -n "s/^      \"date\": \"\(.*\)\",\$/\1/p" out.json >dates &&
	sed -n "s/^      \"commit\": \"\(.*\)\",\$/\1/p" out.json >commits &&
	test $(wc -l <commits) -eq 7 &&
	for c in $(cat commits)
	do
		git log -1 --format=%ad --date=short $c || exit 1
	done >actual &&
	test_cmp dates actual
'

test_expect_success 'digest defaults to this week; merged branches count once' '
	as "Maya Lind" maya@example.com 2026-11-27 &&
	align digest >out &&
	cat >expect <<-EOF &&
	Week 2026-W48 (2026-11-23 to 2026-11-29)

	Updates
	  dana
	    done: dana finished a thing
	    blocker: dana waits on something
	  kim
	    done: Drafted the survey
	    done: kim finished another thing
	    next: Send the survey
	  lee
	    done: lee finished a thing
	    blocker: lee waits on something
	  maya
	    done: maya finished a thing
	  sam-rivera
	    done: sam finished a thing
	    blocker: sam waits on something

	Blockers
	  dana: dana waits on something
	  lee: lee waits on something
	  sam-rivera: sam waits on something

	Check-ins
	  2026-11-25 lee $o#signups 150 → 160 signups (confidence 0.7)
	  2026-11-23 lee $o#signups 130 → 150 signups (confidence 0.7)

	Changes
	  none

	No update from
	  everyone posted
	EOF
	test_cmp expect out
'

test_expect_success 'digest of a week across the new year: 2026-W53 and 2027-W01' '
	as "Dana Okafor" dana@example.com 2026-12-29 &&
	sed -i "s/^due = .*/due = 2027-01-20/" "$b" &&
	git commit -q -m "push the date" -- "$b" &&
	as "Kim Ito" kim@example.com 2027-01-02 &&
	align update --done "Closed the year" >out &&
	echo "updates/2026-W53/2026-w53-kim.md" >expect &&
	test_cmp expect out &&
	as "Kim Ito" kim@example.com 2027-01-04 &&
	align update --done "Opened the year" >out &&
	echo "updates/2027-W01/2027-w01-kim.md" >expect &&
	test_cmp expect out &&
	ALIGN_NOW=2027-01-03 align digest >out &&
	cat >expect <<-\EOF &&
	Week 2026-W53 (2026-12-28 to 2027-01-03)

	Updates
	  kim
	    done: Closed the year
	  maya
	    next: Year-end report

	Blockers
	  none

	Check-ins
	  none

	Changes
	  2026-12-29 dana changed brief 2026-11-partner-webinar: due 2026-12-10 → 2027-01-20

	No update from
	  dana
	  lee
	EOF
	test_cmp expect out &&
	align digest --week 2027-W01 --format json >out &&
	cat >expect <<-\EOF &&
	{
	  "format_version": 1,
	  "week": "2027-W01",
	  "start": "2027-01-04",
	  "end": "2027-01-10",
	  "updates": [
	    {
	      "person": "kim",
	      "path": "updates/2027-W01/2027-w01-kim.md",
	      "done": [
	        "Opened the year"
	      ],
	      "next": [],
	      "blockers": [],
	      "notes": []
	    }
	  ],
	  "blockers": [],
	  "checkins": [],
	  "changes": [],
	  "missing": [
	    "maya",
	    "dana",
	    "lee"
	  ]
	}
	EOF
	test_cmp expect out
'

test_expect_success 'digest of a week with nothing in it' '
	align digest --week 2026-W40 >out &&
	cat >expect <<-\EOF &&
	Week 2026-W40 (2026-09-28 to 2026-10-04)

	Updates
	  none

	Blockers
	  none

	Check-ins
	  none

	Changes
	  none

	No update from
	  maya
	  dana
	  lee
	  kim
	EOF
	test_cmp expect out &&
	align digest --week 2026-W40 --format md >out &&
	cat >expect <<-\EOF &&
	# Week 2026-W40 (2026-09-28 to 2026-10-04)

	## Updates

	None.

	## Blockers

	None.

	## Check-ins

	None.

	## Changes

	None.

	## No update from

	- maya
	- dana
	- lee
	- kim
	EOF
	test_cmp expect out
'

test_expect_success 'digest refuses a bad week or format, and changes nothing' '
	save_state &&
	test_expect_code 129 align digest --week 2027-W53 >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: invalid week ${SQ}2027-W53$SQ: use YYYY-Www, as in 2026-W47" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align digest --week 2026-47 >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 129 align digest --format csv >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 129 align digest 2026-W47 >out 2>err &&
	test_must_be_empty out &&
	test_state_unchanged
'

test_done
