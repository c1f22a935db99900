#!/bin/sh
# Hostile input costs bounded work: a record over the size limit in a
# historical commit is refused by its blob's size, before its content is
# read, by every command that reads history.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
b=2026-11-partner-webinar

test_expect_success 'setup: a brief that was once 2 MB' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	write_answered_brief briefs/$b.md &&
	git add briefs && git commit -q -m brief &&
	cp briefs/$b.md "$S/small" &&
	head -c 2000000 /dev/zero | tr "\\0" x >>briefs/$b.md &&
	git commit -q -am "pasted a file by mistake" &&
	big=$(git rev-parse --short=12 HEAD) &&
	echo $big >"$S/big" &&
	cp "$S/small" briefs/$b.md &&
	git commit -q -am "mended"
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

test_expect_success 'log: the big version is named and skipped by its size' '
	align log $b >out 2>err &&
	echo "align: warning: briefs/$b.md: skipped the version in commit $(cat "$S/big"): larger than 65536 bytes (core.max-record-size): not read" >expect &&
	grep -F "$(cat expect)" err &&
	grep -q "created brief $b" out
'

test_expect_success 'ls --as-of the big version: skipped, not read' '
	align ls --as-of HEAD~1 >out 2>err &&
	echo "align: warning: skipping ${SQ}briefs/$b.md${SQ}: it does not parse (see ${SQ}align check${SQ})" >expect &&
	test_cmp expect err &&
	test_must_be_empty out
'

test_expect_success 'diff across it: the big side is not read' '
	align diff HEAD~2 HEAD~1 >out 2>err &&
	grep -q "does not parse on the new side" err
'

test_done
