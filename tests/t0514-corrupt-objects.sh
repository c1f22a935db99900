#!/bin/sh
# An object git should have is missing: every command that needs it says
# the repository is corrupt and to run git fsck, exit 128, instead of an
# empty message, "shallow clone", "does not parse" or a record "added".
. "$(dirname "$0")/lib.sh"

SQ="'"
b=2026-11-partner-webinar

test_expect_success 'setup: a brief made and submitted, its first blob lost' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	write_answered_brief briefs/$b.md &&
	git add briefs && git commit -q -m brief &&
	align brief submit $b >/dev/null &&
	blob=$(git rev-parse HEAD~1:briefs/$b.md) &&
	echo $blob >blob-id &&
	rm .git/objects/$(echo $blob | cut -c1-2)/$(echo $blob | cut -c3-)
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

for cmd in "log" "log $b" "diff HEAD~1 HEAD" "ls --as-of HEAD~1" \
	"show $b --as-of HEAD~1"; do
	test_expect_success "align $cmd: the repository is corrupt, exit 128" '
		test_expect_code 128 align '"$cmd"' >out 2>err &&
		grep -q "^align: error: repository is corrupt: cannot read blob: .*$(cat blob-id).* (run ${SQ}git fsck${SQ})$" err &&
		! grep -q "^added" out
	'
done

test_expect_success 'a missing tree: the same' '
	tree=$(git rev-parse HEAD~1^{tree}) &&
	rm .git/objects/$(echo $tree | cut -c1-2)/$(echo $tree | cut -c3-) &&
	test_expect_code 128 align diff HEAD~1 HEAD >out 2>err &&
	grep -q "^align: error: repository is corrupt: cannot read tree: .*$tree.* (run ${SQ}git fsck${SQ})$" err
'

test_done
