#!/bin/sh
# align okr: new, kr add, checkin and status, held to the numbers this
# script computes itself; the SMART rules of align check; people ls.
. "$(dirname "$0")/lib.sh"

SQ="'"

# Scratch files live beside the repositories, so that writing them never
# changes what save_state fingerprints.
S=$TRASH_DIRECTORY

. "$TEST_DIRECTORY/okr-model.sh"

o=2026-q4-partner-pipeline
f=okrs/2026-Q4/$o.md

test_expect_success 'setup: a repository with a roster of three' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	cat >people.ini <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com, maya.lind@old.example
	team = leadership

	[person "lee"]
	name = Lee Park
	email = lee@example.com
	team = growth

	[person "dana"]
	name = Dana Okafor
	email = dana@example.com
	team = content
	EOF
	git add people.ini &&
	git commit -q -m roster
'

test_expect_success 'people ls: text, JSON, CSV' '
	align people ls >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	maya  Maya Lind    leadership  maya@example.com, maya.lind@old.example  -  -  -
	lee   Lee Park     growth      lee@example.com                          -  -  -
	dana  Dana Okafor  content     dana@example.com                         -  -  -
	EOF
	test_cmp "$S/expect" "$S/out" &&
	align people ls --format json >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	{
	  "format_version": 1,
	  "people": [
	    {
	      "handle": "maya",
	      "name": "Maya Lind",
	      "team": "leadership",
	      "email": "maya@example.com, maya.lind@old.example",
	      "role": null,
	      "backup": null,
	      "away": null,
	      "away_today": false,
	      "roles": []
	    },
	    {
	      "handle": "lee",
	      "name": "Lee Park",
	      "team": "growth",
	      "email": "lee@example.com",
	      "role": null,
	      "backup": null,
	      "away": null,
	      "away_today": false,
	      "roles": []
	    },
	    {
	      "handle": "dana",
	      "name": "Dana Okafor",
	      "team": "content",
	      "email": "dana@example.com",
	      "role": null,
	      "backup": null,
	      "away": null,
	      "away_today": false,
	      "roles": []
	    }
	  ],
	  "roles": []
	}
	EOF
	test_cmp "$S/expect" "$S/out" &&
	align people ls --format csv >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	handle,name,team,email,role,backup,away
	maya,Maya Lind,leadership,"maya@example.com, maya.lind@old.example",,,
	lee,Lee Park,growth,lee@example.com,,,
	dana,Dana Okafor,content,dana@example.com,,,
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'people ls --team keeps that team only' '
	align people ls --team growth >"$S/out" &&
	echo "lee  Lee Park  growth  lee@example.com  -  -  -" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	align people ls --team content --format csv >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	handle,name,team,email,role,backup,away
	dana,Dana Okafor,content,dana@example.com,,,
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'okr new: the current quarter, one commit, one file' '
	head=$(git rev-parse HEAD) &&
	align okr new "Partner pipeline" --owner maya >"$S/out" &&
	echo "$f" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test "$(git rev-parse HEAD~1)" = "$head" &&
	git show --name-only --format= HEAD >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	cat >"$S/expect" <<-EOF &&
	okr: new $o

	Align-Record: $f
	EOF
	message >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	cat >"$S/expect" <<-EOF &&
	# Partner pipeline

	\`\`\`ini
	[objective]
	id = $o
	quarter = 2026-Q4
	owner = maya
	\`\`\`

	## Why it matters

	<!-- What changes for the team or the customer when this is done. -->
	EOF
	test_cmp "$S/expect" "$f" &&
	git diff --exit-code HEAD &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'okr new: the quarter follows the clock, or --quarter' '
	ALIGN_NOW=2027-02-10 align okr new "Spring launch" --owner dana \
		>"$S/out" &&
	echo okrs/2027-Q1/2027-q1-spring-launch.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test_grep "^quarter = 2027-Q1\$" okrs/2027-Q1/2027-q1-spring-launch.md &&
	align okr new "Summer launch" --quarter 2026-Q3 --owner lee >"$S/out" &&
	echo okrs/2026-Q3/2026-q3-summer-launch.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test_grep "^quarter = 2026-Q3\$" okrs/2026-Q3/2026-q3-summer-launch.md &&
	git log -2 --format=%s >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	okr: new 2026-q3-summer-launch
	okr: new 2027-q1-spring-launch
	EOF
	test_cmp "$S/expect" "$S/out"
'

for q in 2026-Q5 2026-Q0 Q4-2026 2026-q4 26-Q4
do
	test_expect_success "okr new --quarter $q is refused" '
		save_state &&
		test_expect_code 129 align okr new "Bad quarter" \
			--quarter '"$q"' >"$S/out" 2>"$S/err" &&
		test_must_be_empty "$S/out" &&
		echo "align: error: invalid quarter ${SQ}'"$q"'${SQ}: use YYYY-Qn with n from 1 to 4, or YYYY" >"$S/expect" &&
		test_cmp "$S/expect" "$S/err" &&
		test_state_unchanged
	'
done

test_expect_success 'okr new --parent: an unknown objective is refused' '
	save_state &&
	test_expect_code 1 align okr new "Orphan" --parent 2026-q4-nothing \
		>"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: no objective ${SQ}2026-q4-nothing${SQ}" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'okr new --parent and --weight are written' '
	align okr new "Content engine" --owner dana --parent $o --weight 2 \
		>"$S/out" &&
	echo okrs/2026-Q4/2026-q4-content-engine.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	sed -n "/^\[objective\]/,/^\`\`\`/p" \
		okrs/2026-Q4/2026-q4-content-engine.md >"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	[objective]
	id = 2026-q4-content-engine
	quarter = 2026-Q4
	owner = dana
	parent = $o
	weight = 2
	\`\`\`
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'kr add: one commit that adds the section, nothing else' '
	cp "$f" "$S/before" &&
	align okr kr add $o attendance --title "Webinar attendance" \
		--start 38 --target 60 --unit % >"$S/out" &&
	test_must_be_empty "$S/out" &&
	echo "$f" >"$S/expect" &&
	git show --name-only --format= HEAD >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	cat >"$S/expect" <<-EOF &&
	okr: add $o#attendance

	Align-Record: $f
	EOF
	message >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	sed "/^owner = maya\$/a\\
\\
[kr \"attendance\"]\\
title = Webinar attendance\\
start = 38\\
target = 60\\
current = 38\\
unit = %" "$S/before" >"$S/expect" &&
	test_cmp "$S/expect" "$f" &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'kr add: owner, due and a decreasing direction' '
	align okr kr add $o cycle --title "Sales cycle" --start 20 \
		--target 10 --unit days --owner lee --due 2026-12-15 \
		--direction decrease &&
	sed -n "/^\[kr \"cycle\"\]/,/^\`\`\`/p" "$f" >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	[kr "cycle"]
	title = Sales cycle
	start = 20
	target = 10
	current = 20
	unit = days
	owner = lee
	due = 2026-12-15
	direction = decrease
	```
	EOF
	test_cmp "$S/expect" "$S/out" &&
	git log -1 --format=%s >"$S/out" &&
	echo "okr: add $o#cycle" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out"
'

# refused_kr_add <code> <message> <key> <options>...
refused_kr_add() {
	rk_code=$1 rk_msg=$2
	shift 2
	save_state &&
	test_expect_code "$rk_code" align okr kr add $o "$@" \
		>"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	printf "align: error: %s\n" "$rk_msg" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
}

test_expect_success 'kr add refuses a key with a space or a #' '
	refused_kr_add 129 "invalid key result key ${SQ}new leads${SQ}: use up to 32 letters, digits, ${SQ}_${SQ}, ${SQ}.${SQ}, ${SQ}@${SQ} or ${SQ}-${SQ}" \
		"new leads" --title Leads --start 0 --target 10 &&
	refused_kr_add 129 "invalid key result key ${SQ}leads#2${SQ}: use up to 32 letters, digits, ${SQ}_${SQ}, ${SQ}.${SQ}, ${SQ}@${SQ} or ${SQ}-${SQ}" \
		"leads#2" --title Leads --start 0 --target 10
'

test_expect_success 'kr add refuses a key that exists' '
	refused_kr_add 1 "objective ${SQ}$o${SQ} has a key result ${SQ}attendance${SQ} already" \
		attendance --title Again --start 0 --target 10
'

test_expect_success 'kr add refuses a start or target that is not a number' '
	refused_kr_add 129 "--start and --target must be numbers" \
		leads --title Leads --start ten --target 400 &&
	refused_kr_add 129 "--start and --target must be numbers" \
		leads --title Leads --start 0 --target 400x &&
	refused_kr_add 129 "--start and --target must be numbers" \
		leads --title Leads --start 0 --target 0x10
'

test_expect_success 'kr add refuses the same start and target' '
	refused_kr_add 129 "--start and --target must differ: a key result measures a change" \
		leads --title Leads --start 5 --target 5.0
'

test_expect_success 'kr add refuses to decrease towards a higher target' '
	refused_kr_add 129 "a decreasing key result needs a target below its start" \
		cost --title "Cost per lead" --start 40 --target 60 \
		--direction decrease
'

test_expect_success 'checkin: the summary, the note, the trailer, one file' '
	cp "$f" "$S/before" &&
	align okr checkin $o#attendance 41 --confidence 0.7 \
		-m "Partner newsletter went out" >"$S/out" &&
	echo "$o#attendance: 38 → 41 % (confidence 0.7)" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	cat >"$S/expect" <<-EOF &&
	okr: attendance 38 → 41 % (confidence 0.7)

	Partner newsletter went out

	Align-Record: $f
	EOF
	message >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	echo "$f" >"$S/expect" &&
	git show --name-only --format= HEAD >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	sed -e "/^\[kr \"attendance\"\]/,/^\$/s/^current = 38\$/current = 41/" \
		-e "/^\[kr \"attendance\"\]/,/^\$/s/^unit = %\$/&\\
confidence = 0.7/" "$S/before" >"$S/expect" &&
	test_cmp "$S/expect" "$f" &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'checkin without --confidence keeps the confidence' '
	align okr checkin $o#attendance 43 >"$S/out" &&
	echo "$o#attendance: 41 → 43 %" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	git log -1 --format=%s >"$S/out" &&
	echo "okr: attendance 41 → 43 %" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	sed -n "/^\[kr \"attendance\"\]/,/^\$/p" "$f" >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	[kr "attendance"]
	title = Webinar attendance
	start = 38
	target = 60
	current = 43
	unit = %
	confidence = 0.7

	EOF
	test_cmp "$S/expect" "$S/out"
'

# refused_checkin <code> <message> <args>...
refused_checkin() {
	rc_code=$1 rc_msg=$2
	shift 2
	save_state &&
	test_expect_code "$rc_code" align okr checkin "$@" \
		>"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	printf "align: error: %s\n" "$rc_msg" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
}

test_expect_success 'checkin on an unknown key result lists the keys' '
	refused_checkin 1 "objective ${SQ}$o${SQ} has no key result ${SQ}leads${SQ} (it has: attendance, cycle)" \
		$o#leads 12
'

test_expect_success 'checkin refuses a value that is not a number' '
	refused_checkin 129 "check-in value ${SQ}forty${SQ} is not a number" \
		$o#attendance forty &&
	refused_checkin 129 "check-in value ${SQ}45%${SQ} is not a number" \
		$o#attendance 45% &&
	refused_checkin 129 "check-in value ${SQ}nan${SQ} is not a number" \
		$o#attendance nan
'

test_expect_success 'checkin refuses a confidence outside 0..1' '
	refused_checkin 129 "confidence ${SQ}1.2${SQ} is not a number from 0 to 1" \
		$o#attendance 45 --confidence 1.2 &&
	refused_checkin 129 "confidence ${SQ}-0.1${SQ} is not a number from 0 to 1" \
		$o#attendance 45 --confidence -0.1 &&
	refused_checkin 129 "confidence ${SQ}high${SQ} is not a number from 0 to 1" \
		$o#attendance 45 --confidence high
'

test_expect_success 'checkin accepts confidence 0 and 1 exactly' '
	align okr checkin $o#attendance 44 --confidence 0 >"$S/out" &&
	echo "$o#attendance: 43 → 44 % (confidence 0)" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	align okr checkin $o#attendance 45 --confidence 1 >"$S/out" &&
	echo "$o#attendance: 44 → 45 % (confidence 1)" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	git log -2 --format=%s >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	okr: attendance 44 → 45 % (confidence 1)
	okr: attendance 43 → 44 % (confidence 0)
	EOF
	test_cmp "$S/expect" "$S/out"
'

q3=2026-q3-summer-launch
f3=okrs/2026-Q3/$q3.md

test_expect_success 'checkin on an objective of a past quarter needs --force' '
	ALIGN_NOW=2026-09-30 align okr kr add $q3 signups --title Signups \
		--start 0 --target 500 --unit signups &&
	refused_checkin 1 "objective ${SQ}$q3${SQ} is for 2026-Q3, which has ended; check in late with --force" \
		$q3#signups 450 --confidence 0.9
'

test_expect_success 'checkin --force records a late check-in as such' '
	align okr checkin --force $q3#signups 450 --confidence 0.9 \
		-m "final count from the CRM" >"$S/out" &&
	echo "$q3#signups: 0 → 450 signups (confidence 0.9)" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	cat >"$S/expect" <<-EOF &&
	okr: signups 0 → 450 signups (confidence 0.9) (late)

	final count from the CRM

	Align-Record: $f3
	Align-Late-Checkin: 2026-Q3
	EOF
	message >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	echo "$f3" >"$S/expect" &&
	git show --name-only --format= HEAD >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	test_grep "^current = 450\$" "$f3"
'

test_expect_success 'history marks the late check-in' '
	c=$(git log -1 --format=%H --grep="^okr: signups 0 → 450") &&
	test -n "$c" &&
	align okr history $q3#signups >"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	2026-11-02  0 signups  maya  $(git rev-parse --short=7 $c~1)
	2026-11-02  450 signups  maya  $(git rev-parse --short=7 $c)  confidence 0.9  final count from the CRM  (late)
	EOF
	sed "s/ *\$//" "$S/out" >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual" &&
	align okr history $q3#signups --format csv >"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	date,who,commit,value,unit,confidence,note,late
	2026-11-02,maya,$(git rev-parse $c~1),0,signups,,,no
	2026-11-02,maya,$c,450,signups,0.9,final count from the CRM,yes
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'checkin inside the quarter is not late' '
	ALIGN_NOW=2026-09-30 align okr checkin $q3#signups 460 >"$S/out" &&
	echo "$q3#signups: 450 → 460 signups" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	git log -1 --format=%B >"$S/out" &&
	test_grep "^okr: signups 450 → 460 signups\$" "$S/out" &&
	! grep Align-Late-Checkin "$S/out"
'

test_expect_success 'status rounds an exact half up: 230 of 400 is 58%' '
	align okr new Leads --owner lee >/dev/null &&
	align okr kr add 2026-q4-leads partner --title "Partner leads" \
		--start 0 --target 400 &&
	align okr kr add 2026-q4-leads events --title "Event leads" \
		--start 0 --target 8 &&
	align okr checkin 2026-q4-leads#partner 230 --confidence 0.9 \
		>/dev/null &&
	align okr checkin 2026-q4-leads#events 3 --confidence 0.9 >/dev/null &&
	align okr status --owner lee >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	2026-q4-leads  48%  on-track  lee  Leads
	  #partner  230/400  58% of 36% expected  on-track  confidence 0.9  lee
	  #events  3/8  38% of 36% expected  on-track  confidence 0.9  lee
	EOF
	test_cmp "$S/expect" "$S/out" &&
	align okr status --owner lee --format csv >"$S/out" &&
	test_grep "^2026-q4-leads,2026-Q4,lee,partner,Partner leads,lee,0,400,230,,0.9,0.575,0.3587,on-track,0,no\$" \
		"$S/out"
'

# ---- status: a fresh repository with check-ins on known days ----------

p=2026-q4-partner-pipeline
c=2026-q4-content-engine

test_expect_success 'status setup: one objective, two key results' '
	mkdir "$S/st" && cd "$S/st" &&
	as "Maya Lind" maya@example.com 2026-10-01 &&
	setup_align_repo &&
	align okr new "Partner pipeline" --owner maya >/dev/null &&
	align okr kr add $p attendance --title "Webinar attendance" \
		--start 38 --target 60 --unit % &&
	align okr kr add $p cycle --title "Sales cycle" --start 20 \
		--target 10 --unit days --direction decrease --owner lee &&
	as "Lee Park" lee@example.com 2026-10-20 &&
	align okr checkin $p#cycle 15 --confidence 0.8 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-10-28 &&
	align okr checkin $p#attendance 41 --confidence 0.7 >/dev/null &&
	cat >"$S/model" <<-EOF
	O|$p|2026-Q4|maya||1|Partner pipeline
	K|$p|attendance|Webinar attendance||38|60|41|%|0.7|||2026-10-28
	K|$p|cycle|Sales cycle|lee|20|10|15|days|0.8|||2026-10-20
	EOF
'

test_expect_success 'status: progress, expected pace, health, staleness' '
	cd "$S/st" &&
	status_matches "$S/model" 2026-11-02
'

test_expect_success 'status: the exact text and JSON of that day' '
	cd "$S/st" &&
	ALIGN_NOW=2026-11-02T12:00:00Z align okr status >"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	$p  32%  at-risk  maya  Partner pipeline
	  #attendance  41/60 %  14% of 36% expected  at-risk  confidence 0.7  maya
	  #cycle  15/10 days  50% of 36% expected  on-track  confidence 0.8  lee  stale 13d
	EOF
	test_cmp "$S/expect" "$S/out" &&
	ALIGN_NOW=2026-11-02T12:00:00Z align okr status --format json \
		>"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	{
	  "format_version": 1,
	  "objectives": [
	    {
	      "id": "$p",
	      "title": "Partner pipeline",
	      "quarter": "2026-Q4",
	      "owner": "maya",
	      "parent": null,
	      "path": "okrs/2026-Q4/$p.md",
	      "progress": 0.3182,
	      "rolled_up_progress": 0.3182,
	      "health": "at-risk",
	      "key_results": [
	        {
	          "key": "attendance",
	          "title": "Webinar attendance",
	          "owner": "maya",
	          "unit": "%",
	          "start": 38,
	          "target": 60,
	          "current": 41,
	          "confidence": 0.7,
	          "progress": 0.1364,
	          "expected": 0.3587,
	          "health": "at-risk",
	          "stale": false,
	          "days_since_checkin": 5,
	          "due": null
	        },
	        {
	          "key": "cycle",
	          "title": "Sales cycle",
	          "owner": "lee",
	          "unit": "days",
	          "start": 20,
	          "target": 10,
	          "current": 15,
	          "confidence": 0.8,
	          "progress": 0.5,
	          "expected": 0.3587,
	          "health": "on-track",
	          "stale": true,
	          "days_since_checkin": 13,
	          "due": null
	        }
	      ]
	    }
	  ]
	}
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'status: pace moves with the clock; progress is clamped' '
	cd "$S/st" &&
	status_matches "$S/model" 2026-10-28 &&
	status_matches "$S/model" 2026-12-31 &&
	as "Lee Park" lee@example.com 2026-11-03 &&
	align okr checkin $p#cycle 8 --confidence 0.9 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-04 &&
	align okr checkin $p#attendance 30 --confidence 0.7 >/dev/null &&
	cat >"$S/model2" <<-EOF &&
	O|$p|2026-Q4|maya||1|Partner pipeline
	K|$p|attendance|Webinar attendance||38|60|30|%|0.7|||2026-11-04
	K|$p|cycle|Sales cycle|lee|20|10|8|days|0.9|||2026-11-03
	EOF
	status_matches "$S/model2" 2026-11-05 &&
	ALIGN_NOW=2026-11-05T12:00:00Z align okr status --format csv >"$S/out" &&
	test_grep "^$p,2026-Q4,maya,cycle,Sales cycle,lee,20,10,8,days,0.9,1,0.3913,on-track,2,no\$" "$S/out" &&
	test_grep "^$p,2026-Q4,maya,attendance,Webinar attendance,maya,38,60,30,%,0.7,0,0.3913,off-track,1,no\$" "$S/out"
'

test_expect_success 'status: a decreasing key result (20 → 10 days, now 15)' '
	cd "$S/st" &&
	as "Lee Park" lee@example.com 2026-11-06 &&
	align okr checkin $p#cycle 15 --confidence 0.8 >/dev/null &&
	ALIGN_NOW=2026-11-06T12:00:00Z align okr status --format csv >"$S/out" &&
	test_grep "^$p,2026-Q4,maya,cycle,Sales cycle,lee,20,10,15,days,0.8,0.5,0.4022,on-track,0,no\$" "$S/out" &&
	as "Lee Park" lee@example.com 2026-11-07 &&
	align okr checkin $p#cycle 22 --confidence 0.8 >/dev/null &&
	ALIGN_NOW=2026-11-07T12:00:00Z align okr status --format csv >"$S/out" &&
	test_grep "^$p,2026-Q4,maya,cycle,Sales cycle,lee,20,10,22,days,0.8,0,0.413,off-track,0,no\$" "$S/out"
'

test_expect_success 'status: weights, and the weakest key result rules' '
	cd "$S/st" &&
	as "Maya Lind" maya@example.com 2026-11-09 &&
	align okr checkin $p#cycle 15 --confidence 0.8 >/dev/null &&
	align okr checkin $p#attendance 41 --confidence 0.7 >/dev/null &&
	sed -i "/^\[kr \"attendance\"\]/,/^\$/s/^unit = %\$/&\\
weight = 3/" okrs/2026-Q4/$p.md &&
	git commit -q -am "attendance counts three times" &&
	align okr kr add $p demos --title "Partner demos" --start 0 \
		--target 20 --unit demos &&
	align okr checkin $p#demos 2 --confidence 0.3 >/dev/null &&
	cat >"$S/model" <<-EOF &&
	O|$p|2026-Q4|maya||1|Partner pipeline
	K|$p|attendance|Webinar attendance||38|60|41|%|0.7|3||2026-11-09
	K|$p|cycle|Sales cycle|lee|20|10|15|days|0.8|||2026-11-09
	K|$p|demos|Partner demos||0|20|2|demos|0.3|||2026-11-09
	EOF
	status_matches "$S/model" 2026-11-10 &&
	ALIGN_NOW=2026-11-10T12:00:00Z align okr status >"$S/out" &&
	head -n 1 "$S/out" >"$S/actual" &&
	echo "$p  20%  off-track  maya  Partner pipeline" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'status --owner shows that owner'"'"'s objectives' '
	cd "$S/st" &&
	as "Dana Okafor" dana@example.com 2026-11-10 &&
	align okr new "Content engine" --owner dana --parent $p \
		--weight 2 >/dev/null &&
	align okr kr add $c articles --title Articles --start 0 \
		--target 12 --unit articles &&
	align okr kr add $c signups --title "Newsletter signups" --start 1000 \
		--target 1500 --owner lee &&
	align okr checkin $c#articles 6 --confidence 0.9 >/dev/null &&
	align okr checkin $c#signups 1200 --confidence 0.6 >/dev/null &&
	cat >"$S/model" <<-EOF &&
	O|$c|2026-Q4|dana|$p|2|Content engine
	K|$c|articles|Articles||0|12|6|articles|0.9|||2026-11-10
	K|$c|signups|Newsletter signups|lee|1000|1500|1200||0.6|||2026-11-10
	O|$p|2026-Q4|maya||1|Partner pipeline
	K|$p|attendance|Webinar attendance||38|60|41|%|0.7|3||2026-11-09
	K|$p|cycle|Sales cycle|lee|20|10|15|days|0.8|||2026-11-09
	K|$p|demos|Partner demos||0|20|2|demos|0.3|||2026-11-09
	EOF
	status_matches "$S/model" 2026-11-12 &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --owner dana >"$S/out" &&
	model "$S/model" 2026-11-12 text -v owner=dana >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test $(wc -l <"$S/out") -eq 3 &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --owner dana \
		--format json >"$S/out.json" &&
	fields "$S/out.json" >"$S/out" &&
	model "$S/model" 2026-11-12 fields -v owner=dana >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --owner dana \
		--format csv >"$S/out" &&
	model "$S/model" 2026-11-12 csv -v owner=dana >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --owner nobody >"$S/out" &&
	test_must_be_empty "$S/out"
'

test_expect_success 'status --tree rolls children up by their weight' '
	cd "$S/st" &&
	model "$S/model" 2026-11-12 tree >"$S/expect" &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --tree >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	head -n 1 "$S/out" >"$S/actual" &&
	echo "$p  27%  off-track  maya  Partner pipeline" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --format json \
		>"$S/out.json" &&
	grep "^      \"rolled_up_progress\"" "$S/out.json" >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	      "rolled_up_progress": 0.45,
	      "rolled_up_progress": 0.2727,
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'status --tree: a grandchild rolls up through its parent' '
	cd "$S/st" &&
	as "Lee Park" lee@example.com 2026-11-12 &&
	align okr new "Lee reaches partners" --owner lee --parent $c \
		>/dev/null &&
	align okr kr add 2026-q4-lee-reaches-partners calls --title Calls \
		--start 0 --target 40 &&
	align okr checkin 2026-q4-lee-reaches-partners#calls 30 \
		--confidence 0.8 >/dev/null &&
	l=2026-q4-lee-reaches-partners &&
	cat >"$S/model" <<-EOF &&
	O|$c|2026-Q4|dana|$p|2|Content engine
	K|$c|articles|Articles||0|12|6|articles|0.9|||2026-11-10
	K|$c|signups|Newsletter signups|lee|1000|1500|1200||0.6|||2026-11-10
	O|$l|2026-Q4|lee|$c||Lee reaches partners
	K|$l|calls|Calls||0|40|30||0.8|||2026-11-12
	O|$p|2026-Q4|maya||1|Partner pipeline
	K|$p|attendance|Webinar attendance||38|60|41|%|0.7|3||2026-11-09
	K|$p|cycle|Sales cycle|lee|20|10|15|days|0.8|||2026-11-09
	K|$p|demos|Partner demos||0|20|2|demos|0.3|||2026-11-09
	EOF
	model "$S/model" 2026-11-12 tree >"$S/expect" &&
	ALIGN_NOW=2026-11-12T12:00:00Z align okr status --tree >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	status_matches "$S/model" 2026-11-12
'

test_expect_success 'status: no check-in for more than the cadence is stale' '
	cd "$S/st" &&
	status_matches "$S/model" 2026-11-16 &&
	status_matches "$S/model" 2026-11-17 &&
	status_matches "$S/model" 2026-11-20 &&
	ALIGN_NOW=2026-11-16T12:00:00Z align okr status --format csv \
		>"$S/out" &&
	test_grep ",attendance,.*,7,no\$" "$S/out" &&
	ALIGN_NOW=2026-11-17T12:00:00Z align okr status --format csv \
		>"$S/out" &&
	test_grep ",attendance,.*,8,yes\$" "$S/out" &&
	ALIGN_NOW=2026-11-17T12:00:00Z align okr status >"$S/out" &&
	test_grep "^  #attendance  41/60 %  .*  maya  stale 8d\$" "$S/out"
'

test_expect_success 'status: a hand edit committed with git is a check-in' '
	cd "$S/st" &&
	as "Dana Okafor" dana@example.com 2026-11-18 &&
	sed -i "/^\[kr \"articles\"\]/,/^\$/s/^current = .*/current = 10/" \
		okrs/2026-Q4/$c.md &&
	git commit -q -am "three more articles" &&
	sed "/|articles|/s/|6|articles|0.9|||2026-11-10\$/|10|articles|0.9|||2026-11-18/" \
		"$S/model" >"$S/model2" &&
	! cmp -s "$S/model" "$S/model2" &&
	mv "$S/model2" "$S/model" &&
	status_matches "$S/model" 2026-11-20
'

test_expect_success 'align.ini [okr] overrides the thresholds and cadence' '
	cd "$S/st" &&
	cat >>align.ini <<-\EOF &&

	[okr]
	checkin-cadence-days = 3
	on-track-gap = 0.3
	off-track-gap = 0.5
	on-track-confidence = 0.5
	off-track-confidence = 0.2
	EOF
	git commit -q -am "our own thresholds" &&
	set -- -v cadence=3 -v ongap=0.3 -v offgap=0.5 -v onconf=0.5 \
		-v offconf=0.2 &&
	status_matches "$S/model" 2026-11-20 "$@" &&
	model "$S/model" 2026-11-20 fields >"$S/default" &&
	model "$S/model" 2026-11-20 fields "$@" >"$S/custom" &&
	! cmp -s "$S/default" "$S/custom" &&
	ALIGN_NOW=2026-11-20T12:00:00Z align okr status --format csv \
		>"$S/out" &&
	test_grep ",attendance,.*,at-risk,11,yes\$" "$S/out" &&
	test_grep ",demos,.*,at-risk,11,yes\$" "$S/out" &&
	test_grep ",articles,.*,2,no\$" "$S/out"
'

# ---- align check: SMART key results and the alignment tree -----------

# objective <id> <quarter> <owner> <parent> [<kr lines>]: an objective
# record on stdout; each further argument is one key result as
# "<key>|<start>|<target>[|<extra line>]".
objective() {
	ob_id=$1 ob_q=$2 ob_owner=$3 ob_parent=$4
	shift 4
	printf "# Objective %s\n\n\`\`\`ini\n[objective]\nid = %s\nquarter = %s\n" \
		"$ob_id" "$ob_id" "$ob_q"
	test -z "$ob_owner" || printf "owner = %s\n" "$ob_owner"
	test -z "$ob_parent" || printf "parent = %s\n" "$ob_parent"
	for kr in "$@"
	do
		printf "%s\n" "$kr" | awk -F"|" "{
			printf \"\\n[kr \\\"%s\\\"]\\ntitle = Key result %s\\n\", \$1, \$1
			if (\$2 != \"-\") printf \"start = %s\\n\", \$2
			if (\$3 != \"-\") printf \"target = %s\\n\", \$3
			if (\$4 != \"\") print \$4
		}"
	done
	printf "\`\`\`\n"
}

# check_says <exit code> <summary> [--strict]: align check exits so with
# exactly $S/expect on stdout and the summary on stderr; changes nothing.
check_says() {
	cs_code=$1 cs_summary=$2
	shift 2
	printf "%s\n" "$cs_summary" >"$S/expect.err" &&
	save_state &&
	test_expect_code "$cs_code" align check "$@" >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/out" &&
	test_cmp "$S/expect.err" "$S/err" &&
	test_state_unchanged
}

test_expect_success 'check setup: a clean objective passes' '
	mkdir "$S/chk" && cd "$S/chk" &&
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster &&
	mkdir -p okrs/2026-Q4 &&
	objective 2026-q4-good 2026-Q4 maya "" "a|0|10" "b|5|1|due = 2026-12-01" \
		>okrs/2026-Q4/good.md &&
	git add okrs && git commit -q -m good &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	align check --strict >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err"
'

test_expect_success 'check: a key result without numeric start and target' '
	cd "$S/chk" &&
	objective 2026-q4-vague 2026-Q4 maya "" "a|-|10" "b|some|more" \
		"c|0|10" >okrs/2026-Q4/vague.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/vague.md:9: error: key result ${SQ}a${SQ} needs numeric start and target (measurable)
	okrs/2026-Q4/vague.md:15: error: key result ${SQ}b${SQ}: start ${SQ}some${SQ} is not a number
	okrs/2026-Q4/vague.md:16: error: key result ${SQ}b${SQ}: target ${SQ}more${SQ} is not a number
	EOF
	check_says 1 "3 errors, 0 warnings in 2 records" &&
	rm okrs/2026-Q4/vague.md
'

test_expect_success 'check: the same start and target' '
	cd "$S/chk" &&
	objective 2026-q4-flat 2026-Q4 maya "" "a|10|10.0" "b|0|10" \
		>okrs/2026-Q4/flat.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/flat.md:12: error: key result ${SQ}a${SQ} has the same start and target
	EOF
	check_says 1 "1 error, 0 warnings in 2 records" &&
	rm okrs/2026-Q4/flat.md
'

test_expect_success 'check: a key result with no owner anywhere' '
	cd "$S/chk" &&
	objective 2026-q4-nobody 2026-Q4 "" "" "a|0|10" "b|0|10|owner = lee" \
		>okrs/2026-Q4/nobody.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/nobody.md:4: error: missing required field ${SQ}owner${SQ}
	okrs/2026-Q4/nobody.md:8: error: key result ${SQ}a${SQ} has no owner
	EOF
	check_says 1 "2 errors, 0 warnings in 2 records" &&
	rm okrs/2026-Q4/nobody.md
'

test_expect_success 'check: a due date outside the quarter' '
	cd "$S/chk" &&
	objective 2026-q4-late 2026-Q4 maya "" "a|0|10|due = 2027-01-15" \
		"b|0|10|due = 2026-09-30" "c|0|10|due = 2026-12-31" \
		>okrs/2026-Q4/late.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/late.md:13: error: key result ${SQ}a${SQ} is due 2027-01-15, outside 2026-Q4
	okrs/2026-Q4/late.md:19: error: key result ${SQ}b${SQ} is due 2026-09-30, outside 2026-Q4
	EOF
	check_says 1 "2 errors, 0 warnings in 2 records" &&
	rm okrs/2026-Q4/late.md
'

test_expect_success 'check: 1 or 6 key results warn; --strict fails on it' '
	cd "$S/chk" &&
	objective 2026-q4-one 2026-Q4 maya "" "a|0|10" >okrs/2026-Q4/one.md &&
	objective 2026-q4-six 2026-Q4 maya "" "a|0|10" "b|0|10" "c|0|10" \
		"d|0|10" "e|0|10" "f|0|10" >okrs/2026-Q4/six.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/one.md:4: warning: objective has 1 key result; aim for 2 to 5
	okrs/2026-Q4/six.md:4: warning: objective has 6 key results; aim for 2 to 5
	EOF
	check_says 0 "0 errors, 2 warnings in 3 records" &&
	check_says 1 "0 errors, 2 warnings in 3 records" --strict
'

test_expect_success 'check: the limits on key results come from align.ini' '
	cd "$S/chk" &&
	cp align.ini "$S/align.ini.saved" &&
	printf "\n[okr]\nmin-krs = 1\nmax-krs = 6\n" >>align.ini &&
	align check --strict >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	cp "$S/align.ini.saved" align.ini &&
	rm okrs/2026-Q4/one.md okrs/2026-Q4/six.md
'

test_expect_success 'check: a quarter that does not exist, in a file' '
	cd "$S/chk" &&
	objective 2026-q5-bad 2026-Q5 maya "" "a|0|10" "b|0|10" \
		>okrs/2026-Q4/q5.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/q5.md:6: error: quarter ${SQ}2026-Q5${SQ} is not YYYY-Qn (n 1-4) or YYYY
	EOF
	check_says 1 "1 error, 0 warnings in 2 records" &&
	rm okrs/2026-Q4/q5.md
'

test_expect_success 'check: a parent that does not exist' '
	cd "$S/chk" &&
	objective 2026-q4-orphan 2026-Q4 maya 2026-q4-gone "a|0|10" "b|0|10" \
		>okrs/2026-Q4/orphan.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/orphan.md:8: error: parent objective ${SQ}2026-q4-gone${SQ} does not exist
	EOF
	check_says 1 "1 error, 0 warnings in 2 records" &&
	rm okrs/2026-Q4/orphan.md
'

test_expect_success 'check: a parent cycle a → b → a' '
	cd "$S/chk" &&
	objective 2026-q4-a 2026-Q4 maya 2026-q4-b "a|0|10" "b|0|10" \
		>okrs/2026-Q4/a.md &&
	objective 2026-q4-b 2026-Q4 maya 2026-q4-a "a|0|10" "b|0|10" \
		>okrs/2026-Q4/b.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026-Q4/a.md:8: error: parent cycle: ${SQ}2026-q4-a${SQ} is its own ancestor
	okrs/2026-Q4/b.md:8: error: parent cycle: ${SQ}2026-q4-b${SQ} is its own ancestor
	EOF
	check_says 1 "2 errors, 0 warnings in 3 records" &&
	rm okrs/2026-Q4/a.md okrs/2026-Q4/b.md
'

test_expect_success 'check: a parent of a narrower period' '
	cd "$S/chk" &&
	mkdir okrs/2026 &&
	objective 2026-brand 2026 maya 2026-q4-good "a|0|10" "b|0|10" \
		>okrs/2026/brand.md &&
	cat >"$S/expect" <<-EOF &&
	okrs/2026/brand.md:8: error: parent ${SQ}2026-q4-good${SQ} is for 2026-Q4, narrower than or apart from 2026
	EOF
	check_says 1 "1 error, 0 warnings in 2 records" &&
	objective 2026-q4-child 2026-Q4 maya 2026-brand "a|0|10" "b|0|10" \
		>okrs/2026-Q4/child.md &&
	sed -i "/^parent = /d" okrs/2026/brand.md &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err"
'

test_expect_success 'objectives not shown never hide a fresh check-in' '
	mkdir "$S/fresh" && cd "$S/fresh" &&
	as "Maya Lind" maya@example.com 2026-11-20 &&
	git init -q -b main . && align init >/dev/null &&
	align okr new "Grow" --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 10 &&
	align okr checkin grow#leads 5 >/dev/null &&
	align okr new "Next year" --quarter 2027-Q1 --owner maya \
		--id later >/dev/null &&
	align okr kr add later x --title X --start 0 --target 1 &&
	align okr status >out &&
	! grep stale out &&
	align okr status --format json >out &&
	grep "\"days_since_checkin\": 0" out
'

test_done
