#!/bin/sh
# Briefs whose fields are off, references to broken files, the roster and
# align.ini checked, the writer lock, the local calendar.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	setup_align_repo &&
	align brief new "Spring email" --no-edit >/dev/null
'

test_expect_success 'a brief without status cannot move, and says why' '
	sed -i "s/^status = draft$/status =/" briefs/2026-11-spring-email.md &&
	save_state &&
	test_expect_code 1 align brief submit spring 2>err &&
	test_expect_code 1 align brief submit 2026-11-spring 2>err &&
	echo "align: error: cannot submit brief '"'"'2026-11-spring-email'"'"': it has no status; set '"'"'status = draft'"'"' first" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'an unknown status is refused and reported once by check' '
	sed -i "s/^status =$/status = parked/" briefs/2026-11-spring-email.md &&
	save_state &&
	test_expect_code 1 align brief cancel 2026-11-spring 2>err &&
	echo "align: error: cannot cancel brief '"'"'2026-11-spring-email'"'"': unknown status '"'"'parked'"'"' (see '"'"'align check'"'"')" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align check >out 2>/dev/null &&
	echo "briefs/2026-11-spring-email.md:6: error: unknown status '"'"'parked'"'"' (one of: draft, submitted, approved, live, completed, cancelled)" >expect &&
	test_cmp expect out &&
	test_state_unchanged &&
	git checkout -q -- briefs
'

test_expect_success 'a broken brief named by prefix says why it cannot be read' '
	printf "# Broken\n\n\`\`\`ini\n[brief\nid = 2026-11-broken\n\`\`\`\n" \
		>briefs/2026-11-broken-brief.md &&
	save_state &&
	test_expect_code 1 align brief submit 2026-11-broken 2>err &&
	echo "align: error: record '"'"'briefs/2026-11-broken-brief.md'"'"' cannot be read: line 4: malformed section header: missing '"'"']'"'"' (see '"'"'align check'"'"')" >expect &&
	test_cmp expect err &&
	align show 2026-11-spr >/dev/null &&
	test_state_unchanged &&
	rm briefs/2026-11-broken-brief.md
'

test_expect_success 'check validates the roster' '
	cat >people.ini <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com

	[person "lee"]
	email = maya@example.com

	[person "sam"]
	name = Sam Ortiz
	EOF
	test_expect_code 1 align check >out 2>/dev/null &&
	cat >expect <<-\EOF &&
	people.ini:5: error: person '"'"'lee'"'"' has no name
	people.ini:5: error: email '"'"'maya@example.com'"'"' belongs to both '"'"'maya'"'"' and '"'"'lee'"'"'
	people.ini:8: error: person '"'"'sam'"'"' has no email
	EOF
	test_cmp expect out &&
	printf "[person \"x\"\nname = X\n" >people.ini &&
	test_expect_code 1 align check >out 2>/dev/null &&
	echo "people.ini:1: error: malformed section header: missing '"'"']'"'"'" >expect &&
	test_cmp expect out &&
	rm people.ini
'

test_expect_success 'a folder outside the records root is refused' '
	cp align.ini ../align.ini.saved &&
	sed -i "s|^brief = briefs$|brief = ../elsewhere|" align.ini &&
	test_expect_code 128 align ls 2>err &&
	echo "align: error: align.ini:13: folder '"'"'../elsewhere'"'"' for '"'"'brief'"'"' must be a relative path inside the records root, without '"'"'..'"'"', '"'"'.'"'"' or '"'"'.git'"'"'" >expect &&
	test_cmp expect err &&
	sed -i "s|^brief = .*|brief = /tmp|" align.ini &&
	test_expect_code 128 align ls 2>err &&
	cp ../align.ini.saved align.ini &&
	align ls >/dev/null
'

test_expect_success 'a renamed folder in align.ini is where records go' '
	sed -i "s|^brief = briefs$|brief = campaigns/briefs|" align.ini &&
	git commit -q -am "move briefs" &&
	align brief new "Autumn" --no-edit >out &&
	echo campaigns/briefs/2026-11-autumn.md >expect &&
	test_cmp expect out &&
	align ls >out &&
	echo "brief  2026-11-autumn  draft  -  -  Autumn" >expect &&
	test_cmp expect out &&
	git checkout -q HEAD~2 -- align.ini && git commit -q -m back align.ini
'

test_expect_success 'log leaves out fields that only went from empty to absent' '
	sed -i "/^type =$/d" briefs/2026-11-spring-email.md &&
	git commit -q -am "drop empty type" &&
	align log --since 2026-11-01 >out &&
	! grep "(none) → (none)" out &&
	! grep "drop" out
'

test_expect_success 'without ALIGN_NOW, today is the local calendar day' '
	(
		unset ALIGN_NOW &&
		export TZ=Pacific/Kiritimati &&
		align brief new "Far east" --no-edit --no-commit >out &&
		today=$(date +%Y-%m-%d) &&
		grep "^created = $today$" briefs/$(date +%Y-%m)-far-east.md
	)
'

test_lazy_prereq FLOCK 'command -v flock'

# The lock is held by a flock(1) process from the moment it says so on the
# fifo "locked" until it reads a line from the fifo "release": no timing
# assumption either way. Both ends open "release" read-write, which never
# blocks, so a holder that died cannot hang the test.
test_expect_success FLOCK 'a second writer waits for the first, then gives up clearly' '
	mkfifo ../locked ../release || exit 1
	{
		flock .git/align.flock sh -c "exec 3<>../release; \
			echo locked >../locked; read x <&3"
		echo gone 1<>../locked
	} >/dev/null 2>&1 &
	read held <../locked &&
	test "$held" = locked &&
	save_state &&
	test_expect_code 128 align brief new "Blocked" --no-edit 2>err
	ret=$?
	echo go 1<>../release &&
	wait &&
	test $ret -eq 0 &&
	echo "align: error: another align process has been writing for 10 seconds (lock '"'"'$(pwd -P)/.git/align.flock'"'"'); try again when it is done" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	align brief new "Unblocked" --no-edit >out &&
	echo briefs/2026-11-unblocked.md >expect &&
	test_cmp expect out
'

test_done
