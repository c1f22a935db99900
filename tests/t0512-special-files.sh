#!/bin/sh
# Links, FIFOs, devices and loops in records folders: align never reads or
# writes through a symbolic link (git stores a link as a link), never opens
# what could block, never lists records through a linked folder, and says
# what it skipped; align.ini cannot point a folder into git's own.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
b=2026-11-partner-webinar
skip="is not a plain file (a symbolic link, FIFO or device): skipped"

test_expect_success 'setup: a brief, and a secret outside the repository' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	mkdir repo && cd repo &&
	setup_align_repo &&
	write_answered_brief briefs/$b.md &&
	git add briefs && git commit -q -m brief &&
	mkdir "$S/outside" &&
	sed "s/^id = .*/id = secret-plan/" briefs/$b.md >"$S/outside/secret.md" &&
	echo "TOP SECRET" >>"$S/outside/secret.md" &&
	cp "$S/outside/secret.md" "$S/secret.before"
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW
cd repo

test_expect_success 'a linked record: skipped with a warning, never read' '
	ln -s "$S/outside/secret.md" briefs/link.md &&
	align ls >out 2>err &&
	echo "align: warning: ${SQ}briefs/link.md${SQ} $skip" >expect &&
	test_cmp expect err &&
	! grep -q "secret" out &&
	align check >out 2>err &&
	grep -q "^briefs/link.md: warning: $skip" out &&
	! grep -q "SECRET" out err &&
	test_expect_code 1 align show secret-plan >out 2>err &&
	! grep -q "SECRET" out err
'

test_expect_success 'a linked record is never written through' '
	save_state &&
	test_must_fail align brief submit briefs/link.md >out 2>err &&
	! grep -q "SECRET" out err &&
	test_state_unchanged &&
	test_cmp "$S/secret.before" "$S/outside/secret.md" &&
	rm briefs/link.md
'

test_expect_success 'a FIFO and a link to /dev/tty: skipped, nothing waits' '
	mkfifo briefs/pipe.md &&
	ln -s /dev/tty briefs/tty.md &&
	timeout 60 "$ALIGN_BIN" ls >out 2>err &&
	grep -q "^brief  *$b " out &&
	grep -q "${SQ}briefs/pipe.md${SQ} $skip" err &&
	grep -q "${SQ}briefs/tty.md${SQ} $skip" err &&
	timeout 60 "$ALIGN_BIN" check >out &&
	grep -q "^briefs/pipe.md: warning: " out &&
	timeout 60 "$ALIGN_BIN" brief submit $b >out &&
	echo "$b: draft → submitted" >expect &&
	test_cmp expect out &&
	rm briefs/pipe.md briefs/tty.md
'

test_expect_success 'a loop and a link to / in a folder: not followed' '
	ln -s . briefs/loop &&
	ln -s / briefs/root &&
	ln -s "$S/outside" briefs/elsewhere &&
	timeout 60 "$ALIGN_BIN" ls >out 2>err &&
	test "$(wc -l <out)" -eq 1 &&
	! grep -q "secret" out &&
	timeout 60 "$ALIGN_BIN" check >out &&
	! grep -q "loop/\|root/\|elsewhere/" out &&
	rm briefs/loop briefs/root briefs/elsewhere
'

test_expect_success 'a records folder that is a link outside: nothing written there' '
	mkdir "$S/outside/updates" &&
	rmdir updates 2>/dev/null || rm -rf updates &&
	ln -s "$S/outside/updates" updates &&
	save_state &&
	test_expect_code 1 align update --done "Shipped" >out 2>err &&
	echo "align: error: cannot write ${SQ}updates/2026-W47/2026-w47-maya-lind.md${SQ}: ${SQ}updates${SQ} is a symbolic link" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	test -z "$(ls -A "$S/outside/updates")"
'

test_expect_success 'align.ini may not put a folder inside .git' '
	cp align.ini align.ini.saved &&
	sed -i "s|^brief = briefs\$|brief = .git/briefs|" align.ini &&
	test_expect_code 128 align ls >out 2>err &&
	grep -q "^align: error: align.ini:[0-9]*: folder ${SQ}.git/briefs${SQ} for ${SQ}brief${SQ} must be a relative path inside the records root" err &&
	cp align.ini.saved align.ini
'

test_done
