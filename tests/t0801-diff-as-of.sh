#!/bin/sh
# align diff: records compared field by field between the working tree and
# revisions or across a quarter; --as-of on ls, show and okr status: the
# records as they stood at a day or a revision, read from git objects.
. "$(dirname "$0")/lib.sh"

SQ="'"

# at <time>: the commits of the next step at that exact instant (UTC).
at() {
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}

b=briefs/2026-11-partner-webinar.md
fall=briefs/2026-09-fall-campaign.md
o=2026-q4-grow-partner-pipeline
f=okrs/2026-Q4/$o.md

test_expect_success 'setup: a roster, a brief and an objective with two KRs' '
	as "Maya Lind" maya@example.com 2026-09-10 &&
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
	email = lee@example.com
	team = growth
	EOF
	git add people.ini && git commit -q -m roster &&
	as "Maya Lind" maya@example.com 2026-09-14 &&
	write_answered_brief "$b" &&
	git add "$b" && git commit -q -m "partner webinar brief" &&
	align okr new "Grow partner pipeline" --quarter 2026-Q4 \
		--owner maya >/dev/null &&
	align okr kr add $o signups --title "Webinar signups" --start 0 \
		--target 300 --unit signups --owner lee >/dev/null &&
	align okr kr add $o opps --title "Sourced opportunities" --start 0 \
		--target 40 --owner maya >/dev/null &&
	test -f $f
'

test_expect_success 'diff with a clean working tree says nothing' '
	align diff >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	align diff --format json >out &&
	printf "{\n  \"format_version\": 1,\n  \"changes\": []\n}\n" >expect &&
	test_cmp expect out
'

test_expect_success 'diff: hand edits of fields and prose, working tree against HEAD' '
	sed -i "s/^status = draft$/status = submitted/" "$b" &&
	sed -i "s/^A live session on co-selling.*/A live session, recorded./" \
		"$b" &&
	sed -i "/^\\[kr \"signups\"\\]/,/^\$/s/^current = 0\$/current = 30/" \
		$f &&
	save_state &&
	align diff >out 2>err &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: draft → submitted
	    prose: What is the offer?
	changed objective $o ($f)
	    kr signups current: 0 → 30
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	test_state_unchanged
'

test_expect_success 'diff --format json: the same changes' '
	align diff --format json >out &&
	cat >expect <<-EOF &&
	{
	  "format_version": 1,
	  "changes": [
	    {
	      "id": "2026-11-partner-webinar",
	      "kind": "brief",
	      "change": "changed",
	      "path": "$b",
	      "old_path": "$b",
	      "fields": [
	        {
	          "section": "brief",
	          "sub": null,
	          "key": "status",
	          "old": "draft",
	          "new": "submitted"
	        }
	      ],
	      "prose": [
	        "What is the offer?"
	      ]
	    },
	    {
	      "id": "$o",
	      "kind": "objective",
	      "change": "changed",
	      "path": "$f",
	      "old_path": "$f",
	      "fields": [
	        {
	          "section": "kr",
	          "sub": "signups",
	          "key": "current",
	          "old": "0",
	          "new": "30"
	        }
	      ],
	      "prose": []
	    }
	  ]
	}
	EOF
	test_cmp expect out &&
	git checkout -q -- . &&
	align diff >out &&
	test_must_be_empty out
'

test_expect_success 'diff: a record added, one removed, one moved with git mv' '
	cat >briefs/spring.md <<-\EOF &&
	# Spring launch

	```ini
	[brief]
	id = 2026-09-spring-launch
	status = draft
	owner = lee
	```
	EOF
	rm $f &&
	mkdir briefs/2026 &&
	git mv "$b" briefs/2026/webinar.md &&
	align diff >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar (moved $b → briefs/2026/webinar.md)
	added brief 2026-09-spring-launch (briefs/spring.md)
	removed objective $o ($f)
	EOF
	test_cmp expect out &&
	align diff --format json >out &&
	cat >expect <<-EOF &&
	{
	  "format_version": 1,
	  "changes": [
	    {
	      "id": "2026-11-partner-webinar",
	      "kind": "brief",
	      "change": "changed",
	      "path": "briefs/2026/webinar.md",
	      "old_path": "$b",
	      "fields": [],
	      "prose": []
	    },
	    {
	      "id": "2026-09-spring-launch",
	      "kind": "brief",
	      "change": "added",
	      "path": "briefs/spring.md",
	      "old_path": null,
	      "fields": [],
	      "prose": []
	    },
	    {
	      "id": "$o",
	      "kind": "objective",
	      "change": "removed",
	      "path": "$f",
	      "old_path": "$f",
	      "fields": [],
	      "prose": []
	    }
	  ]
	}
	EOF
	test_cmp expect out &&
	git reset -q --hard &&
	git clean -q -f -d &&
	git status --porcelain >out &&
	test_must_be_empty out
'

# Q3 ends at 2026-09-30T23:59:59Z; Q4 runs to 2026-12-31T23:59:59Z.
test_expect_success 'setup: history on both sides of the edges of 2026-Q4' '
	as "Lee Park" lee@example.com 2026-09-30 &&
	at 2026-09-30T23:59:59Z &&
	align brief new "Fall campaign" --owner lee --no-edit >out &&
	echo $fall >expect &&
	test_cmp expect out &&
	git tag before-q4 &&
	as "Lee Park" lee@example.com 2026-10-01 &&
	at 2026-10-01T00:00:00Z &&
	align okr checkin $o#signups 50 --confidence 0.8 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-10-20 &&
	align brief submit 2026-11-partner >/dev/null &&
	as "Dana Okafor" dana@example.com 2026-11-05 &&
	align brief approve 2026-11-partner >/dev/null &&
	git tag approved &&
	as "Lee Park" lee@example.com 2026-11-12 &&
	git rm -q $fall &&
	git commit -q -m "drop the fall campaign" &&
	as "Maya Lind" maya@example.com 2026-12-01 &&
	align okr checkin $o#opps 10 >/dev/null &&
	as "Lee Park" lee@example.com 2026-12-31 &&
	at 2026-12-31T23:59:59Z &&
	align okr checkin $o#signups 200 --confidence 0.9 >/dev/null &&
	as "Dana Okafor" dana@example.com 2027-01-01 &&
	at 2027-01-01T00:00:00Z &&
	sed -i "s/^status = approved$/status = live/" "$b" &&
	git commit -q -m "we are live" -- "$b" &&
	as "Maya Lind" maya@example.com 2027-01-05 &&
	git log --format="%ci %s" >out &&
	cat >expect <<-EOF &&
	2027-01-01 00:00:00 +0000 we are live
	2026-12-31 23:59:59 +0000 okr: signups 50 → 200 signups (confidence 0.9)
	2026-12-01 10:00:00 +0000 okr: opps 0 → 10
	2026-11-12 10:00:00 +0000 drop the fall campaign
	2026-11-05 10:00:00 +0000 brief: approve 2026-11-partner-webinar
	2026-10-20 10:00:00 +0000 brief: submit 2026-11-partner-webinar
	2026-10-01 00:00:00 +0000 okr: signups 0 → 50 signups (confidence 0.8)
	2026-09-30 23:59:59 +0000 brief: new 2026-09-fall-campaign
	2026-09-14 10:00:00 +0000 okr: add $o#opps
	2026-09-14 10:00:00 +0000 okr: add $o#signups
	2026-09-14 10:00:00 +0000 okr: new $o
	2026-09-14 10:00:00 +0000 partner webinar brief
	2026-09-10 10:00:00 +0000 roster
	2026-09-10 10:00:00 +0000 align: init
	EOF
	test_cmp expect out
'

test_expect_success 'diff <rev> <rev>: between two commits' '
	align diff before-q4 approved >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: draft → approved
	changed objective $o ($f)
	    kr signups current: 0 → 50
	    kr signups confidence: (none) → 0.8
	EOF
	test_cmp expect out &&
	align diff approved HEAD >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: approved → live
	changed objective $o ($f)
	    kr signups current: 50 → 200
	    kr signups confidence: 0.8 → 0.9
	    kr opps current: 0 → 10
	removed brief 2026-09-fall-campaign ($fall)
	EOF
	test_cmp expect out &&
	align diff HEAD approved >out &&
	cat >expect <<-EOF &&
	added brief 2026-09-fall-campaign ($fall)
	changed brief 2026-11-partner-webinar ($b)
	    status: live → approved
	changed objective $o ($f)
	    kr signups current: 200 → 50
	    kr signups confidence: 0.9 → 0.8
	    kr opps current: 10 → 0
	EOF
	test_cmp expect out
'

test_expect_success 'diff <rev>: that commit against the working tree' '
	sed -i "s/^status = live$/status = done/" "$b" &&
	sed -i "/^\\[kr \"opps\"\\]/,/^\$/s/^current = 10\$/current = 12/" $f &&
	cat >briefs/spring.md <<-\EOF &&
	# Spring launch

	```ini
	[brief]
	id = 2026-09-spring-launch
	status = draft
	owner = lee
	```
	EOF
	save_state &&
	align diff approved >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: approved → done
	added brief 2026-09-spring-launch (briefs/spring.md)
	changed objective $o ($f)
	    kr signups current: 50 → 200
	    kr signups confidence: 0.8 → 0.9
	    kr opps current: 0 → 12
	removed brief 2026-09-fall-campaign ($fall)
	EOF
	test_cmp expect out &&
	align diff >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: live → done
	added brief 2026-09-spring-launch (briefs/spring.md)
	changed objective $o ($f)
	    kr opps current: 10 → 12
	EOF
	test_cmp expect out &&
	test_state_unchanged
'

test_expect_success 'diff --quarter: the last commit before it against its last commit' '
	save_state &&
	align diff --quarter 2026-Q4 >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: draft → approved
	changed objective $o ($f)
	    kr signups current: 0 → 200
	    kr signups confidence: (none) → 0.9
	    kr opps current: 0 → 10
	removed brief 2026-09-fall-campaign ($fall)
	EOF
	test_cmp expect out &&
	align diff --quarter 2026-Q4 --format json >out &&
	cat >expect <<-EOF &&
	{
	  "format_version": 1,
	  "changes": [
	    {
	      "id": "2026-11-partner-webinar",
	      "kind": "brief",
	      "change": "changed",
	      "path": "$b",
	      "old_path": "$b",
	      "fields": [
	        {
	          "section": "brief",
	          "sub": null,
	          "key": "status",
	          "old": "draft",
	          "new": "approved"
	        }
	      ],
	      "prose": []
	    },
	    {
	      "id": "$o",
	      "kind": "objective",
	      "change": "changed",
	      "path": "$f",
	      "old_path": "$f",
	      "fields": [
	        {
	          "section": "kr",
	          "sub": "signups",
	          "key": "current",
	          "old": "0",
	          "new": "200"
	        },
	        {
	          "section": "kr",
	          "sub": "signups",
	          "key": "confidence",
	          "old": null,
	          "new": "0.9"
	        },
	        {
	          "section": "kr",
	          "sub": "opps",
	          "key": "current",
	          "old": "0",
	          "new": "10"
	        }
	      ],
	      "prose": []
	    },
	    {
	      "id": "2026-09-fall-campaign",
	      "kind": "brief",
	      "change": "removed",
	      "path": "$fall",
	      "old_path": "$fall",
	      "fields": [],
	      "prose": []
	    }
	  ]
	}
	EOF
	test_cmp expect out &&
	test_state_unchanged
'

test_expect_success 'diff --quarter with no commit before it: everything is added' '
	align diff --quarter 2026-Q3 >out &&
	cat >expect <<-EOF &&
	added brief 2026-09-fall-campaign ($fall)
	added brief 2026-11-partner-webinar ($b)
	added objective $o ($f)
	EOF
	test_cmp expect out &&
	align diff --quarter 2027-Q1 >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: approved → live
	EOF
	test_cmp expect out &&
	test_expect_code 1 align diff --quarter 2026-Q2 >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: no commit on or before the end of 2026-Q2" >expect &&
	test_cmp expect err
'

test_expect_success 'diff refuses a bad revision, a bad quarter, too many arguments' '
	save_state &&
	test_expect_code 129 align diff nosuch >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: unknown revision ${SQ}nosuch$SQ" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align diff HEAD nosuch >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err &&
	test_expect_code 129 align diff --quarter 2026-Q5 >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: invalid quarter ${SQ}2026-Q5$SQ: use YYYY-Qn with n from 1 to 4" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align diff --quarter 2026-Q4 HEAD >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: give at most two revisions, or --quarter alone" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align diff before-q4 approved HEAD >out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err &&
	test_expect_code 129 align diff --format csv >out 2>err &&
	test_must_be_empty out &&
	test_state_unchanged
'

test_expect_success 'diff does not call a record that stopped parsing removed' '
	sed -i "s/^\\[brief\\]\$/[brief/" "$b" &&
	save_state &&
	cat >expect.broken <<-EOF &&
	added brief 2026-09-spring-launch (briefs/spring.md)
	changed objective $o ($f)
	    kr opps current: 10 → 12
	EOF
	if align diff >out 2>err &&
		test_cmp expect.broken out &&
		test_grep "$b" err &&
		test_grep "does not parse" err &&
		test_state_unchanged
	then
		ok=yes
	else
		ok=no
	fi &&
	sed -i "s/^\\[brief\$/[brief]/" "$b" &&
	align diff >out &&
	cat >expect <<-EOF &&
	changed brief 2026-11-partner-webinar ($b)
	    status: live → done
	added brief 2026-09-spring-launch (briefs/spring.md)
	changed objective $o ($f)
	    kr opps current: 10 → 12
	EOF
	test_cmp expect out &&
	test $ok = yes
'

test_expect_success 'ls --as-of <date>: the records at the end of that day' '
	save_state &&
	align ls --as-of 2026-11-04 >out &&
	cat >expect <<-EOF &&
	brief      2026-09-fall-campaign          draft      lee   -           Fall campaign
	brief      2026-11-partner-webinar        submitted  maya  2026-12-10  Partner webinar
	objective  $o  -          maya  -           Grow partner pipeline
	EOF
	test_cmp expect out &&
	align ls --as-of 2026-11-05 >out &&
	cat >expect <<-EOF &&
	brief      2026-09-fall-campaign          draft     lee   -           Fall campaign
	brief      2026-11-partner-webinar        approved  maya  2026-12-10  Partner webinar
	objective  $o  -         maya  -           Grow partner pipeline
	EOF
	test_cmp expect out &&
	align ls --as-of 2026-12-31 >out &&
	cat >expect <<-EOF &&
	brief      2026-11-partner-webinar        approved  maya  2026-12-10  Partner webinar
	objective  $o  -         maya  -           Grow partner pipeline
	EOF
	test_cmp expect out &&
	test_state_unchanged
'

test_expect_success 'ls --as-of <rev>: committed content only, never the working tree' '
	save_state &&
	align ls --as-of before-q4 brief >out &&
	cat >expect <<-\EOF &&
	brief  2026-09-fall-campaign    draft  lee   -           Fall campaign
	brief  2026-11-partner-webinar  draft  maya  2026-12-10  Partner webinar
	EOF
	test_cmp expect out &&
	align ls --as-of $(git rev-parse --short approved) brief >out &&
	cat >expect <<-\EOF &&
	brief  2026-09-fall-campaign    draft     lee   -           Fall campaign
	brief  2026-11-partner-webinar  approved  maya  2026-12-10  Partner webinar
	EOF
	test_cmp expect out &&
	align ls --as-of HEAD >out &&
	cat >expect <<-EOF &&
	brief      2026-11-partner-webinar        live  maya  2026-12-10  Partner webinar
	objective  $o  -     maya  -           Grow partner pipeline
	EOF
	test_cmp expect out &&
	align ls >out &&
	cat >expect <<-EOF &&
	brief      2026-11-partner-webinar        done   maya  2026-12-10  Partner webinar
	brief      2026-09-spring-launch          draft  lee   -           Spring launch
	objective  $o  -      maya  -           Grow partner pipeline
	EOF
	test_cmp expect out &&
	test_state_unchanged
'

test_expect_success 'show --as-of: the old field values, and a record deleted since' '
	save_state &&
	align show 2026-11-partner --as-of before-q4 >out &&
	cat >expect <<-EOF &&
	Partner webinar
	brief 2026-11-partner-webinar ($b)

	    id           2026-11-partner-webinar
	    status       draft
	    type         webinar
	    owner        maya
	    accountable  dana
	    due          2026-12-10
	    created      2026-11-02

	## Why are we doing this?
	EOF
	sed -n 1,12p out >actual &&
	test_cmp expect actual &&
	align show $o --as-of 2026-12-15 >out &&
	cat >expect <<-EOF &&
	Grow partner pipeline
	objective $o ($f)

	    id          $o
	    quarter     2026-Q4
	    owner       maya

	[kr "signups"]
	    title       Webinar signups
	    start       0
	    target      300
	    current     50
	    unit        signups
	    owner       lee
	    confidence  0.8

	[kr "opps"]
	    title       Sourced opportunities
	    start       0
	    target      40
	    current     10
	    owner       maya

	## Why it matters
	EOF
	sed -n 1,24p out >actual &&
	test_cmp expect actual &&
	align show $o >out &&
	grep "^    current" out >actual &&
	cat >expect <<-\EOF &&
	    current     200
	    current     12
	EOF
	test_cmp expect actual &&
	align show 2026-09-fall --as-of 2026-11-11 >out &&
	sed -n 1,5p out >actual &&
	cat >expect <<-EOF &&
	Fall campaign
	brief 2026-09-fall-campaign ($fall)

	    id           2026-09-fall-campaign
	    status       draft
	EOF
	test_cmp expect actual &&
	test_expect_code 1 align show 2026-09-fall >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: no record ${SQ}2026-09-fall$SQ" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align show 2026-09-fall --as-of 2026-11-12 \
		>out 2>err &&
	test_must_be_empty out &&
	test_cmp expect err &&
	test_state_unchanged
'

# Expected pace, computed here: 2026-Q4 has 31 + 30 + 31 = 92 days.
#   to the end of 2026-11-10: 31 + 10 = 41 days, 41/92 = 0.4457 -> 45%
#   to the end of 2026-12-15: 31 + 30 + 15 = 76 days, 76/92 = 0.8261 -> 83%
#   to 2026-11-05 (tag approved): 31 + 5 = 36 days or less, 0.39 -> 39%
# signups stood at 50/300 = 0.1667 (17%) from 2026-10-01 to 2026-12-31;
# opps at 0/40 until 2026-12-01, then 10/40 = 25% (12 only in the tree).
# Health: behind pace by more than 0.25 is off-track, by more than 0.10
# at-risk. Days since a check-in count from 2026-10-01 (signups) and
# 2026-12-01 (opps): 40 on 2026-11-10, 75 and 14 on 2026-12-15, 35 on
# 2026-11-05.
test_expect_success 'okr status --as-of <date> takes that day as today' '
	save_state &&
	align okr status --as-of 2026-11-10 >out &&
	cat >expect <<-EOF &&
	$o  8%  off-track  maya  Grow partner pipeline
	  #signups  50/300 signups  17% of 45% expected  off-track  confidence 0.8  lee  stale 40d
	  #opps  0/40  0% of 45% expected  off-track  maya  stale (no check-in this quarter)
	EOF
	test_cmp expect out &&
	align okr status --as-of 2026-12-15 --quarter 2026-Q4 >out &&
	cat >expect <<-EOF &&
	$o  21%  off-track  maya  Grow partner pipeline
	  #signups  50/300 signups  17% of 83% expected  off-track  confidence 0.8  lee  stale 75d
	  #opps  10/40  25% of 83% expected  off-track  maya  stale 14d
	EOF
	test_cmp expect out &&
	align okr status --as-of approved >out &&
	cat >expect <<-EOF &&
	$o  8%  off-track  maya  Grow partner pipeline
	  #signups  50/300 signups  17% of 39% expected  at-risk  confidence 0.8  lee  stale 35d
	  #opps  0/40  0% of 39% expected  off-track  maya  stale (no check-in this quarter)
	EOF
	test_cmp expect out &&
	align okr status --as-of 2026-11-10 --format csv >out &&
	cat >expect <<-EOF &&
	objective,quarter,objective_owner,kr,title,owner,start,target,current,unit,confidence,progress,expected,health,days_since_checkin,stale
	$o,2026-Q4,maya,signups,Webinar signups,lee,0,300,50,signups,0.8,0.1667,0.4457,off-track,40,yes
	$o,2026-Q4,maya,opps,Sourced opportunities,maya,0,40,0,,,0,0.4457,off-track,,yes
	EOF
	test_cmp expect out &&
	test_state_unchanged
'

test_expect_success '--as-of before the first commit finds nothing; garbage is a usage error' '
	save_state &&
	for cmd in "ls" "show 2026-11-partner" "okr status"; do
		test_expect_code 1 align $cmd --as-of 2026-09-09 >out 2>err &&
		test_must_be_empty out &&
		echo "align: error: no commit on or before 2026-09-09" >expect &&
		test_cmp expect err &&
		test_expect_code 129 align $cmd --as-of garbage >out 2>err &&
		test_must_be_empty out &&
		echo "align: error: --as-of ${SQ}garbage$SQ is neither a date nor a revision" >expect &&
		test_cmp expect err &&
		test_expect_code 129 align $cmd --as-of 2026-13-01 >out 2>err &&
		test_must_be_empty out || return 1
	done &&
	align ls --as-of 2026-09-10 >out &&
	test_must_be_empty out &&
	test_state_unchanged
'

test_done
