#!/bin/sh
# The advisory cache of HEAD's first-parent line behind dates (--as-of,
# diff --quarter, diff --since): every answer identical with and without
# it, cold or warm, extended by new commits, damaged, or written on a line
# that history since left; and it is read, so a test can see it matter.
. "$(dirname "$0")/lib.sh"

line=.git/align/first-parent

# answers: what the dates give, one block per question.
answers() {
	for d in 2026-10-05 2026-10-15 2026-11-01 2026-11-20 2026-12-31; do
		echo "as of $d:" &&
		align ls --as-of $d || return 1
	done &&
	align diff --quarter 2026-Q4 &&
	align diff --since 2026-10-10 --until 2026-11-15
}

test_expect_success 'setup: a brief moved on over two months, a merge among it' '
	as "Maya Lind" maya@example.com 2026-10-01 &&
	setup_align_repo &&
	write_answered_brief briefs/webinar.md &&
	git add briefs && git commit -q -m "brief" &&
	as "Maya Lind" maya@example.com 2026-10-10 &&
	align brief submit webinar >/dev/null &&
	git checkout -q -b side &&
	as "Dana Okafor" dana@example.com 2026-10-12 &&
	align new brief "Side work" >/dev/null &&
	git checkout -q main &&
	as "Maya Lind" maya@example.com 2026-10-20 &&
	align brief approve webinar >/dev/null &&
	git merge -q --no-ff side -m "merge side" &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align brief launch webinar >/dev/null
'

test_expect_success 'no cache and a cold one give the same answers; the line is kept' '
	ALIGN_NO_CACHE=1 answers >expect &&
	test ! -e $line &&
	answers >out.cold &&
	test_cmp expect out.cold &&
	head -n 1 $line >head &&
	echo "align-first-parent 1" >want &&
	test_cmp want head &&
	git rev-list --first-parent HEAD >ids &&
	tail -n +2 $line | cut -d" " -f1 >cached &&
	test_cmp ids cached
'

test_expect_success 'a warm cache gives the same answers' '
	answers >out.warm &&
	test_cmp expect out.warm
'

test_expect_success 'new commits extend the line from its first entry' '
	as "Maya Lind" maya@example.com 2026-11-25 &&
	align brief complete webinar >/dev/null &&
	ALIGN_NO_CACHE=1 answers >expect &&
	answers >out &&
	test_cmp expect out &&
	git rev-list --first-parent HEAD >ids &&
	tail -n +2 $line | cut -d" " -f1 >cached &&
	test_cmp ids cached
'

# The cache is read: an entry that says the commit of 2026-11-25 was made
# on 2026-10-02 (1790937000) makes it the answer for 2026-10-05.
test_expect_success 'a poisoned entry shows, so the cache is what answers' '
	cp $line saved &&
	head=$(git rev-parse HEAD) &&
	sed -i "s/^$head .*/$head $(printf "%20d" 1790937000)/" $line &&
	align ls --as-of 2026-10-05 >out &&
	grep -q " completed " out &&
	ALIGN_NO_CACHE=1 align ls --as-of 2026-10-05 >expect &&
	! grep -q " completed " expect &&
	cp saved $line
'

test_expect_success 'a damaged line is ignored and written anew' '
	ALIGN_NO_CACHE=1 answers >expect &&
	printf "align-first-parent 1\nnot an entry\n" >$line &&
	answers >out &&
	test_cmp expect out &&
	git rev-list --first-parent HEAD >ids &&
	tail -n +2 $line | cut -d" " -f1 >cached &&
	test_cmp ids cached &&
	head -c 100 saved >$line &&
	answers >out &&
	test_cmp expect out
'

test_expect_success 'a line history has left (a reset) is not trusted' '
	git reset -q --hard HEAD~2 &&
	as "Lee Park" lee@example.com 2026-11-28 &&
	align new brief "After the reset" >/dev/null &&
	ALIGN_NO_CACHE=1 answers >expect &&
	answers >out &&
	test_cmp expect out &&
	git rev-list --first-parent HEAD >ids &&
	tail -n +2 $line | cut -d" " -f1 >cached &&
	test_cmp ids cached
'

test_expect_success 'a cache that cannot be written costs nothing but time' '
	rm -rf .git/align &&
	echo "a file where the folder would be" >.git/align &&
	answers >out 2>err &&
	test_cmp expect out &&
	test_must_be_empty err &&
	rm .git/align
'

test_expect_success 'ALIGN_NO_CACHE: nothing is read or written' '
	rm -rf .git/align &&
	ALIGN_NO_CACHE=1 answers >out &&
	test_cmp expect out &&
	test ! -e $line
'

test_done
