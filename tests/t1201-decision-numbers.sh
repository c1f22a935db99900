#!/bin/sh
# Decision numbers across branches: align decision new numbers after the
# highest on every local and remote-tracking branch; two clones that had
# not fetched each other take the same number, the merge brings both,
# align check names both paths, and align decision renumber gives one the
# next free number, renames the file and rewrites every reference to its
# old id (links in decisions' prose, supersedes, superseded-by, a brief's
# field and prose, an objective's prose) in one commit.
. "$(dirname "$0")/lib.sh"

SQ="'"
T=$TRASH_DIRECTORY

test_line_count_1() {
	test "$(wc -l <"$1")" -eq 1 || { cat "$1"; return 1; }
}

test_expect_success 'setup: an origin with one decision, two clones' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	write_roster &&
	git add people.ini && git commit -q -m roster &&
	align decision new "Record decisions" --deciders maya --no-edit &&
	git clone -q --bare . "$T/origin.git" &&
	git clone -q "$T/origin.git" "$T/a" &&
	git clone -q "$T/origin.git" "$T/b"
'

test_expect_success 'clone a: two decisions, pushed' '
	cd "$T/a" &&
	as "Dana Reyes" dana@example.com 2026-11-03 &&
	align decision new "Use Postgres" --deciders dana --no-edit >out &&
	echo decisions/0002-use-postgres.md >expect && test_cmp expect out &&
	align decision new "Use Kafka" --deciders dana --no-edit >out &&
	echo decisions/0003-use-kafka.md >expect && test_cmp expect out &&
	git push -q origin main
'

test_expect_success 'clone b, not fetched: the same number, and references to it' '
	cd "$T/b" &&
	as "Lee Park" lee@example.com 2026-11-04 &&
	align decision new "Use Snowflake" --deciders lee --no-edit >out &&
	echo decisions/0002-use-snowflake.md >expect && test_cmp expect out &&
	align decision accept 2 >out &&
	mkdir -p briefs &&
	cat >briefs/2026-11-warehouse.md <<-\EOF &&
	# Warehouse launch

	```ini
	[brief]
	id = 2026-11-warehouse
	status = draft
	created = 2026-11-04
	decision = 0002-use-snowflake
	```

	## Why are we doing this?

	Because of [the decision](../decisions/0002-use-snowflake.md); see
	also 0002-use-snowflake-v2, another idea, and 0002-use-postgres.
	Not x0002-use-snowflake either.
	EOF
	mkdir -p okrs/2026-Q4 &&
	cat >okrs/2026-Q4/2026-q4-warehouse.md <<-\EOF &&
	# Warehouse live

	```ini
	[objective]
	id = 2026-q4-warehouse
	quarter = 2026-Q4
	owner = lee

	[kr "tables"]
	title = Tables moved
	start = 0
	target = 40
	```

	Follows 0002-use-snowflake.
	EOF
	git add briefs okrs && git commit -q -m "brief and objective" &&
	git fetch -q origin
'

test_expect_success 'new numbers after the highest on a remote-tracking branch' '
	cd "$T/b" &&
	as "Lee Park" lee@example.com 2026-11-04 &&
	align decision new "Use dbt" --deciders lee --no-edit >out &&
	echo decisions/0004-use-dbt.md >expect && test_cmp expect out &&
	printf "\nUnlike [Snowflake alone](0002-use-snowflake.md), dbt models.\n" \
		>>decisions/0004-use-dbt.md &&
	git commit -q -am "dbt links snowflake" &&
	align decision supersede 0002-use-snowflake --by 4 >out &&
	grep -qx "supersedes = 0002-use-snowflake" decisions/0004-use-dbt.md
'

test_expect_success 'new numbers after the highest on a local branch' '
	cd "$T/b" &&
	git checkout -q -b side &&
	align decision new "Side idea" --no-edit >out &&
	echo decisions/0005-side-idea.md >expect && test_cmp expect out &&
	git checkout -q main &&
	align decision new "Main idea" --no-commit --no-edit >out &&
	echo decisions/0006-main-idea.md >expect && test_cmp expect out &&
	rm decisions/0006-main-idea.md &&
	git branch -q -D side
'

test_expect_success 'the merge brings both 0002s: check names both paths' '
	cd "$T/b" &&
	git merge -q --no-edit origin/main &&
	ls decisions >actual &&
	printf "%s\n" 0001-record-decisions.md 0002-use-postgres.md \
		0002-use-snowflake.md 0003-use-kafka.md 0004-use-dbt.md >expect &&
	test_cmp expect actual &&
	test_expect_code 1 align check >out 2>err &&
	grep "error:" out >actual &&
	echo "decisions/0002-use-snowflake.md:6: error: number 0002 is also the number of decisions/0002-use-postgres.md; give one the next free number with ${SQ}align decision renumber${SQ}" >expect &&
	test_cmp expect actual
'

test_expect_success 'a number alone is ambiguous; bad input changes nothing' '
	cd "$T/b" &&
	save_state &&
	test_expect_code 1 align decision renumber 2 2>err &&
	test_line_count_1 err &&
	test_grep "ambiguous" err &&
	test_expect_code 129 align decision renumber 2>err &&
	test_line_count_1 err &&
	test_expect_code 1 align decision renumber no-such-decision 2>err &&
	test_line_count_1 err &&
	test_state_unchanged
'

test_expect_success 'renumber: the next free number, every reference rewritten, one commit' '
	cd "$T/b" &&
	as "Lee Park" lee@example.com 2026-11-05 &&
	align decision renumber 0002-use-snowflake -m "collided with 0002-use-postgres" >out &&
	cat >expect <<-\EOF &&
	0002-use-snowflake → 0005-use-snowflake
	rewrote briefs/2026-11-warehouse.md
	rewrote decisions/0004-use-dbt.md
	rewrote okrs/2026-Q4/2026-q4-warehouse.md
	EOF
	test_cmp expect out &&
	git show --no-renames --name-status --format=%s HEAD >actual &&
	cat >expect <<-\EOF &&
	decision: renumber 0002-use-snowflake as 0005-use-snowflake

	M	briefs/2026-11-warehouse.md
	D	decisions/0002-use-snowflake.md
	M	decisions/0004-use-dbt.md
	A	decisions/0005-use-snowflake.md
	M	okrs/2026-Q4/2026-q4-warehouse.md
	EOF
	test_cmp expect actual &&
	git status --porcelain >status &&
	test_must_be_empty status &&
	test ! -e decisions/0002-use-snowflake.md
'

test_expect_success 'the renamed decision: id, number, renumbered-from, the rest as it was' '
	cd "$T/b" &&
	git show HEAD~1:decisions/0002-use-snowflake.md >old &&
	sed -e "s/^id = 0002-use-snowflake$/id = 0005-use-snowflake/" \
		-e "s/^number = 0002$/number = 0005/" \
		-e "s/^revisit =$/revisit =\nrenumbered-from = 0002-use-snowflake/" \
		old >expect &&
	test_cmp expect decisions/0005-use-snowflake.md
'

test_expect_success 'every reference rewritten, nothing else' '
	cd "$T/b" &&
	git diff HEAD~1 HEAD -- briefs okrs decisions/0004-use-dbt.md >actual.diff &&
	grep "^[-+][^-+]" actual.diff >actual &&
	cat >expect <<-\EOF &&
	-decision = 0002-use-snowflake
	+decision = 0005-use-snowflake
	-Because of [the decision](../decisions/0002-use-snowflake.md); see
	+Because of [the decision](../decisions/0005-use-snowflake.md); see
	-supersedes = 0002-use-snowflake
	+supersedes = 0005-use-snowflake
	-Unlike [Snowflake alone](0002-use-snowflake.md), dbt models.
	+Unlike [Snowflake alone](0005-use-snowflake.md), dbt models.
	-Follows 0002-use-snowflake.
	+Follows 0005-use-snowflake.
	EOF
	test_cmp expect actual &&
	grep -q "also 0002-use-snowflake-v2, another idea, and 0002-use-postgres." \
		briefs/2026-11-warehouse.md &&
	grep -qx "Not x0002-use-snowflake either." briefs/2026-11-warehouse.md &&
	grep -qx "superseded-by = 0004-use-dbt" decisions/0005-use-snowflake.md &&
	git diff --quiet HEAD~1 HEAD -- decisions/0002-use-postgres.md &&
	align check
'

test_expect_success 'show follows the decision across its renumbering' '
	cd "$T/b" &&
	align decision show 5 >out &&
	sed -n "/^Lifecycle$/,/^$/p" out | cut -d"(" -f1 >actual &&
	cat >expect <<-\EOF &&
	Lifecycle
	    2026-11-04 lee created it, proposed 
	    2026-11-04 lee accepted 
	    2026-11-04 lee superseded 
	    2026-11-05 lee renumbered as 0005-use-snowflake 

	EOF
	test_cmp expect actual &&
	test_grep "renumbered as 0005-use-snowflake (.*)  collided with 0002-use-postgres" out
'

test_expect_success 'an acceptance before the renumbering is still judged, and only it' '
	cd "$T/b" &&
	align check --history >out 2>err &&
	! grep "not among" out &&
	git checkout -q -b judged &&
	sed -i "s/^deciders = lee$/deciders = dana/" decisions/0005-use-snowflake.md &&
	git commit -q -am "dana decides now" &&
	align check --history >out 2>err &&
	! grep "not among" out &&
	git checkout -q main
'

test_done
