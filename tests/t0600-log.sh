#!/bin/sh
# align log: events read from git content, whoever made the commits.
. "$(dirname "$0")/lib.sh"

b=briefs/2026-11-partner-webinar.md

test_expect_success 'setup: a roster and a brief taken through review' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	cat >people.ini <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com, maya.lind@old.example
	team = growth

	[person "dana"]
	name = Dana Okafor
	email = dana@example.com
	team = leadership
	EOF
	git add people.ini && git commit -q -m "roster" &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-03 &&
	write_answered_brief "$b" &&
	git commit -q -m "answers" -- "$b" &&
	align brief submit 2026-11-partner >/dev/null &&
	as "Dana Okafor" dana@example.com 2026-11-05 &&
	align brief approve 2026-11-partner >/dev/null
'

test_expect_success 'log tells what people did, newest first' '
	align log >out &&
	cat >expect <<-\EOF &&
	2026-11-05 dana approved brief 2026-11-partner-webinar
	2026-11-03 maya submitted brief 2026-11-partner-webinar
	2026-11-03 maya changed brief 2026-11-partner-webinar: type (none) → webinar
	2026-11-03 maya edited brief 2026-11-partner-webinar: Why are we doing this?, Who is it for?, What is the offer?, What systems are involved?, What is the deadline?, How will success be measured?
	2026-11-02 maya created brief 2026-11-partner-webinar
	EOF
	test_cmp expect out
'

test_expect_success 'a plain git edit on a branch, merged, counts once' '
	as "Lee Park" lee@example.com 2026-11-10 &&
	git checkout -q -b launch &&
	sed -i "s/^status = approved/status = live/" "$b" &&
	git commit -q -am "we are live" &&
	git checkout -q main &&
	as "Maya Lind" maya.lind@old.example 2026-11-11 &&
	echo "; note" >>align.ini && git commit -q -am "unrelated" &&
	as "Dana Okafor" dana@example.com 2026-11-12 &&
	git merge -q --no-ff -m "merge launch" launch &&
	align log --since 2026-11-10 >out &&
	cat >expect <<-\EOF &&
	2026-11-10 Lee Park launched brief 2026-11-partner-webinar
	EOF
	test_cmp expect out
'

test_expect_success 'a conflict resolved in the merge is the merge author'"'"'s' '
	as "Lee Park" lee@example.com 2026-11-13 &&
	git checkout -q -b side &&
	sed -i "s/^due = .*/due = 2026-12-11/" "$b" &&
	git commit -q -am "side due" &&
	git checkout -q main &&
	sed -i "s/^due = .*/due = 2026-12-12/" "$b" &&
	git commit -q -am "main due" &&
	as "Dana Okafor" dana@example.com 2026-11-14 &&
	test_must_fail git merge -q side >/dev/null 2>&1 &&
	git checkout -q --theirs "$b" &&
	sed -i "s/^due = .*/due = 2026-12-15/" "$b" &&
	git add "$b" && git commit -q --no-edit &&
	align log --since 2026-11-13 >out &&
	cat >expect <<-\EOF &&
	2026-11-14 dana changed brief 2026-11-partner-webinar: due 2026-12-12 → 2026-12-15
	2026-11-13 Lee Park changed brief 2026-11-partner-webinar: due 2026-12-10 → 2026-12-12
	2026-11-13 Lee Park changed brief 2026-11-partner-webinar: due 2026-12-10 → 2026-12-11
	EOF
	test_cmp expect out
'

test_expect_success 'both sides changed one record: each change is told once' '
	as "Lee Park" lee@example.com 2026-11-15 &&
	git checkout -q -b prose &&
	sed -i "s/^Pipeline from partners fell 20% last quarter.$/Partner pipeline fell 20%./" "$b" &&
	sed -i "/^created = /d" "$b" &&
	git commit -q -am "reword why, drop created" &&
	git checkout -q main &&
	as "Maya Lind" maya@example.com 2026-11-15 &&
	sed -i "s/^owner = maya$/owner = lee/" "$b" &&
	git commit -q -am "lee owns it" &&
	git merge -q --no-edit prose &&
	align log --since 2026-11-15 >out &&
	cat >expect <<-\EOF &&
	2026-11-15 maya changed brief 2026-11-partner-webinar: owner maya → lee
	2026-11-15 Lee Park changed brief 2026-11-partner-webinar: created 2026-11-02 → (none)
	2026-11-15 Lee Park edited brief 2026-11-partner-webinar: Why are we doing this?
	EOF
	test_cmp expect out &&
	git checkout -q HEAD~1 -- "$b" && sed -i "s/^owner = lee$/owner = maya/" "$b" &&
	git commit -q -am "back to the story" 
'

test_expect_success 'a moved file is the same record' '
	as "Maya Lind" maya@example.com 2026-11-16 &&
	mkdir -p briefs/2026 &&
	git mv "$b" briefs/2026/webinar.md &&
	git commit -q -m "file by year" &&
	align log --since 2026-11-16 >out &&
	echo "2026-11-16 maya moved brief 2026-11-partner-webinar to briefs/2026/webinar.md" >expect &&
	test_cmp expect out &&
	b=briefs/2026/webinar.md
'

test_expect_success 'a version that does not parse is skipped with a warning; the fix is compared with the last good one' '
	b=briefs/2026/webinar.md &&
	as "Maya Lind" maya@example.com 2026-11-17 &&
	sed -i "s/^\[brief\]$/[brief/" "$b" &&
	git commit -q -am broken &&
	as "Maya Lind" maya@example.com 2026-11-18 &&
	sed -i "s/^\[brief$/[brief]/" "$b" &&
	sed -i "s/^owner = maya/owner = dana/" "$b" &&
	git commit -q -am fixed &&
	align log --since 2026-11-17 >out 2>err &&
	echo "2026-11-18 maya changed brief 2026-11-partner-webinar: owner maya → dana" >expect &&
	test_cmp expect out &&
	broken=$(git rev-parse --short=12 HEAD~1) &&
	fixed=$(git rev-parse --short=12 HEAD) &&
	cat >expect <<-EOF &&
	align: warning: briefs/2026/webinar.md: skipped the version in commit $broken: malformed section header: missing '"'"']'"'"'
	EOF
	test_cmp expect err
'

test_expect_success 'filters: --author, --until, --kind, a record' '
	align log --author dana --until 2026-11-12 >out &&
	echo "2026-11-05 dana approved brief 2026-11-partner-webinar" >expect &&
	test_cmp expect out &&
	align log --author Okafor --until 2026-11-05 >out &&
	test_cmp expect out &&
	align log --kind brief --until 2026-11-02 >out &&
	echo "2026-11-02 maya created brief 2026-11-partner-webinar" >expect &&
	test_cmp expect out &&
	as "Maya Lind" maya@example.com 2026-11-18 &&
	align brief new "Other" --no-edit >/dev/null &&
	align log 2026-11-partner --until 2026-11-02 >out 2>/dev/null &&
	test_cmp expect out &&
	align log 2026-11-other >out &&
	echo "2026-11-18 maya created brief 2026-11-other" >expect &&
	test_cmp expect out
'

test_expect_success 'log --since N.days counts back from ALIGN_NOW' '
	ALIGN_NOW=2026-11-19 align log --since 1.days >out 2>/dev/null &&
	cat >expect <<-\EOF &&
	2026-11-18 maya created brief 2026-11-other
	2026-11-18 maya changed brief 2026-11-partner-webinar: owner maya → dana
	EOF
	test_cmp expect out &&
	test_expect_code 129 align log --since last-tuesday 2>err &&
	echo "align: error: invalid date '"'"'last-tuesday'"'"' for --since: use YYYY-MM-DD, today, yesterday, N.days or N.weeks" >expect &&
	test_cmp expect err
'

test_expect_success 'log --format=json carries the field change' '
	align log --format=json --author dana --until 2026-11-05 >out &&
	c=$(git log --format=%H --author=dana -1 --until=2026-11-06 --since=2026-11-04) &&
	t=$(git log --format=%at -1 $c) &&
	cat >expect <<-EOF &&
	{
	  "format_version": 1,
	  "events": [
	    {
	      "date": "2026-11-05",
	      "time": $t,
	      "who": "dana",
	      "email": "dana@example.com",
	      "commit": "$c",
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
	  ]
	}
	EOF
	test_cmp expect out
'

test_expect_success 'a shallow clone says its history ends early' '
	cd .. && git clone -q --depth 2 "file://$(pwd)/repo" shallow &&
	cd shallow &&
	align log >out 2>err &&
	test_grep "history ends early: this is a shallow clone" err &&
	test -s out
'

test_done
