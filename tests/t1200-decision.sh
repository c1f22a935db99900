#!/bin/sh
# align decision: new numbers and writes a proposed decision; accept,
# reject and deprecate move it; supersede writes both records in one
# commit; ls (text, JSON, CSV), revisit (--exit-code), show with the
# whole lifecycle and its notes; check --history flags an acceptance by
# someone who is not a decider, naming the commit and the author; the
# health rule decision-revisit and the quarterly report's decisions.
# Bad input: one line, its exit code, nothing changed.
. "$(dirname "$0")/lib.sh"

SQ="'"
test_lazy_prereq PYTHON3 'command -v python3'

# py <file> <python>: the file's JSON as d.
py() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

# test_line_count_1 <file>: exactly one line (an error is one line).
test_line_count_1() {
	test "$(wc -l <"$1")" -eq 1 || { cat "$1"; return 1; }
}

d1=decisions/0001-use-markdown-for-briefs.md
d2=decisions/0002-track-campaigns-in-the-crm.md
d3=decisions/0003-weekly-updates-in-git.md
d4=decisions/0004-one-review-a-quarter.md

test_expect_success 'setup: a repository with a roster' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster
'
as "Maya Lind" maya@example.com 2026-11-02

test_expect_success 'new: the first decision is 0001, proposed, dated today' '
	align decision new "Use Markdown for briefs" --deciders "maya, dana" \
		--consulted "Legal team" --informed growth \
		--revisit 2027-01-15 --no-edit >out &&
	echo "$d1" >expect &&
	test_cmp expect out &&
	git log -1 --format=%s >actual &&
	echo "decision: new 0001-use-markdown-for-briefs" >expect &&
	test_cmp expect actual &&
	sed -n "/^\[decision\]/,/^\`\`\`$/p" $d1 >actual &&
	cat >expect <<-\EOF &&
	[decision]
	id = 0001-use-markdown-for-briefs
	number = 0001
	status = proposed
	date = 2026-11-02
	deciders = maya, dana
	consulted = Legal team
	informed = growth
	supersedes =
	superseded-by =
	revisit = 2027-01-15
	```
	EOF
	test_cmp expect actual &&
	grep "^## " $d1 >actual &&
	printf "## %s\n" Context Options Decision Consequences >expect &&
	test_cmp expect actual &&
	align check
'

test_expect_success 'new: the next decisions take the next numbers' '
	align decision new "Track campaigns in the CRM" --deciders dana \
		--no-edit >out &&
	echo "$d2" >expect && test_cmp expect out &&
	align decision new "Weekly updates in git" --deciders maya \
		--no-edit >out &&
	echo "$d3" >expect && test_cmp expect out &&
	align decision new "One review a quarter" --no-edit >out &&
	echo "$d4" >expect && test_cmp expect out
'

test_expect_success 'bad input to new: one line, exit 129, nothing changed' '
	save_state &&
	test_expect_code 129 align decision new 2>err &&
	echo "align: error: a decision needs a title: align decision new \"<title>\"" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align decision new "X" --revisit 2027-02-30 2>err &&
	echo "align: error: invalid date ${SQ}2027-02-30${SQ} for --revisit: use YYYY-MM-DD, a real calendar date" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align decision new "X" --id use-x --no-edit 2>err &&
	test_line_count_1 err &&
	test_grep "a decision${SQ}s id starts with its number" err &&
	test_expect_code 129 align decision frobnicate 2>err &&
	test_line_count_1 err &&
	test_state_unchanged
'

test_expect_success 'accept needs deciders: refused, one line, exit 1, nothing changed' '
	save_state &&
	test_expect_code 1 align decision accept 4 2>err &&
	echo "align: error: cannot accept decision ${SQ}0004-one-review-a-quarter${SQ}: set deciders first" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align decision accept 9 2>err &&
	test_line_count_1 err &&
	test_grep "no decision ${SQ}0009-${SQ}" err &&
	test_state_unchanged
'

as "Dana Reyes" dana@example.com 2026-11-05
test_expect_success 'accept by number, with a note, by a decider' '
	align decision accept 1 -m "Agreed in the planning review" >out &&
	echo "0001-use-markdown-for-briefs: proposed → accepted" >expect &&
	test_cmp expect out &&
	git log -1 --format=%B >msg &&
	cat >expect <<-EOF &&
	decision: accept 0001-use-markdown-for-briefs

	Agreed in the planning review

	Align-Record: $d1

	EOF
	test_cmp expect msg &&
	grep -qx "status = accepted" $d1
'

test_expect_success 'an illegal move lists the legal ones; reject and deprecate' '
	save_state &&
	test_expect_code 1 align decision reject 1 2>err &&
	echo "align: error: cannot reject decision ${SQ}0001-use-markdown-for-briefs${SQ}: it is accepted; from accepted it can: deprecate, supersede" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	align decision reject 0004 >out &&
	echo "0004-one-review-a-quarter: proposed → rejected" >expect &&
	test_cmp expect out &&
	test_expect_code 1 align decision accept 4 2>err &&
	test_grep "it is rejected; from rejected it can: nothing (it is final)" err
'

as "Lee Park" lee@example.com 2026-11-06
test_expect_success 'an acceptance by someone who is not a decider' '
	align decision accept 2 -m "Shipping it" >out &&
	git rev-parse HEAD >head
'
as "Maya Lind" maya@example.com 2026-11-06
test_expect_success 'an acceptance by a decider' '
	align decision accept 3 >out
'

test_expect_success 'check --history flags it, naming the commit and the author' '
	align check >out 2>err &&
	! grep "not among its deciders" out &&
	align check --history >out 2>err &&
	c=$(cut -c1-12 head) &&
	echo "$d2:7: warning: decision ${SQ}0002-track-campaigns-in-the-crm${SQ} was accepted in commit $c by Lee Park <lee@example.com> (lee), who is not among its deciders (dana)" >expect &&
	grep "not among" out >actual &&
	test_cmp expect actual &&
	test_expect_code 1 align check --history --strict >/dev/null 2>&1
'

test_expect_success 'an author outside the roster is named by email' '
	git checkout -q -b outsider &&
	align decision new "Ask an outsider" --deciders maya --no-edit >out &&
	as "Sam Guest" sam@elsewhere.example 2026-11-07 &&
	align decision accept 5 >out &&
	align check --history >out 2>err &&
	test_grep "0005-ask-an-outsider${SQ} was accepted in commit [0-9a-f]* by Sam Guest <sam@elsewhere.example>, who is not in the roster nor among its deciders (maya)" out &&
	git checkout -q main &&
	git branch -q -D outsider
'
as "Maya Lind" maya@example.com 2026-11-08

test_expect_success 'supersede: both records in one commit, each field set' '
	align decision new "Briefs in the wiki" --deciders maya --no-edit >out &&
	d5=$(cat out) &&
	align decision supersede 1 --by 5 -m "The wiki has review" >out &&
	echo "0001-use-markdown-for-briefs: accepted → superseded by 0005-briefs-in-the-wiki" >expect &&
	test_cmp expect out &&
	git show --name-only --format=%s HEAD >actual &&
	printf "%s\n" "decision: supersede 0001-use-markdown-for-briefs by 0005-briefs-in-the-wiki" "" "$d1" "$d5" >expect &&
	test_cmp expect actual &&
	grep -qx "status = superseded" $d1 &&
	grep -qx "superseded-by = 0005-briefs-in-the-wiki" $d1 &&
	grep -qx "supersedes = 0001-use-markdown-for-briefs" $d5 &&
	grep -qx "status = proposed" $d5 &&
	git status --porcelain >status &&
	test_must_be_empty status &&
	align check
'

test_expect_success 'supersede refusals: one line, exit code, nothing changed' '
	save_state &&
	test_expect_code 129 align decision supersede 3 2>err &&
	echo "align: error: say which decision replaces it: --by <decision>" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align decision supersede 3 --by 3 2>err &&
	echo "align: error: decision ${SQ}0003-weekly-updates-in-git${SQ} cannot supersede itself" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align decision supersede 3 --by 4 2>err &&
	test_line_count_1 err &&
	test_grep "it is rejected" err &&
	test_expect_code 1 align decision supersede 3 --by 5 2>err &&
	echo "align: error: cannot supersede ${SQ}0003-weekly-updates-in-git${SQ} by ${SQ}0005-briefs-in-the-wiki${SQ}: it supersedes ${SQ}0001-use-markdown-for-briefs${SQ} already" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align decision supersede 4 --by 3 2>err &&
	test_grep "cannot supersede decision ${SQ}0004-one-review-a-quarter${SQ}: it is rejected" err &&
	test_state_unchanged
'

test_expect_success 'ls: by number, text' '
	align decision ls >out &&
	cat >expect <<-\EOF &&
	0001  superseded  2026-11-02  0001-use-markdown-for-briefs   Use Markdown for briefs
	0002  accepted    2026-11-02  0002-track-campaigns-in-the-crm  Track campaigns in the CRM
	0003  accepted    2026-11-02  0003-weekly-updates-in-git     Weekly updates in git
	0004  rejected    2026-11-02  0004-one-review-a-quarter      One review a quarter
	0005  proposed    2026-11-08  0005-briefs-in-the-wiki        Briefs in the wiki
	EOF
	sed "s/  */ /g" expect >e && sed "s/  */ /g" out >o && test_cmp e o &&
	align decision ls --status accepted >out &&
	test $(wc -l <out) -eq 2 &&
	save_state &&
	test_expect_code 129 align decision ls --status approved 2>err &&
	echo "align: error: no decision has the status ${SQ}approved${SQ} (statuses: proposed, accepted, rejected, deprecated, superseded)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align decision ls --format yaml 2>err &&
	test_line_count_1 err &&
	test_state_unchanged
'

test_expect_success PYTHON3 'ls --format json loads, with typed lists' '
	align decision ls --format json >ls.json &&
	py ls.json "
ds = d[\"decisions\"]
assert d[\"format_version\"] == 1
assert [x[\"number\"] for x in ds] == [\"0001\", \"0002\", \"0003\", \"0004\", \"0005\"], ds
a = ds[0]
assert a[\"deciders\"] == [\"maya\", \"dana\"], a
assert a[\"superseded_by\"] == \"0005-briefs-in-the-wiki\", a
assert a[\"consulted\"] == \"Legal team\" and a[\"revisit\"] == \"2027-01-15\", a
assert ds[3][\"deciders\"] == [] and ds[3][\"revisit\"] is None, ds[3]
assert ds[4][\"supersedes\"] == \"0001-use-markdown-for-briefs\"
assert a[\"path\"] == \"decisions/0001-use-markdown-for-briefs.md\"
"
'

test_expect_success 'ls --format csv and md have a header and every row' '
	align decision ls --format csv >out &&
	head -n 1 out >actual &&
	echo "number,status,date,id,title,deciders,consulted,informed,revisit,supersedes,superseded_by,path" >expect &&
	test_cmp expect actual &&
	test $(wc -l <out) -eq 6 &&
	align decision ls --format md >out &&
	test_grep "^| number | status |" out
'

test_expect_success 'show: the fields, the whole lifecycle with who, when and the notes' '
	align decision show 1 >out &&
	sed -n "/^Lifecycle$/,/^$/p" out >actual &&
	c1=$(git log --format=%h --abbrev=12 --reverse -- $d1 | sed -n 1p) &&
	c2=$(git log --format=%h --abbrev=12 --reverse -- $d1 | sed -n 2p) &&
	c3=$(git log --format=%h --abbrev=12 --reverse -- $d1 | sed -n 3p) &&
	cat >expect <<-EOF &&
	Lifecycle
	    2026-11-02 maya created it, proposed ($c1)
	    2026-11-05 dana accepted ($c2)  Agreed in the planning review
	    2026-11-08 maya superseded ($c3)  The wiki has review

	EOF
	test_cmp expect actual &&
	head -n 2 out >actual &&
	printf "%s\n" "Use Markdown for briefs" "decision 0001-use-markdown-for-briefs ($d1)" >expect &&
	test_cmp expect actual &&
	test_grep "^    superseded-by   0005-briefs-in-the-wiki$" out &&
	test_grep "^## Context$" out
'

test_expect_success PYTHON3 'show --format json: the record and its lifecycle' '
	align decision show 0001-use-markdown --format json >show.json &&
	py show.json "
life = d[\"lifecycle\"]
assert [s[\"action\"] for s in life] == [\"created\", \"accepted\", \"superseded\"], life
assert [s[\"who\"] for s in life] == [\"maya\", \"dana\", \"maya\"], life
assert life[1][\"note\"] == \"Agreed in the planning review\", life
assert life[0][\"note\"] is None
assert life[1][\"email\"] == \"dana@example.com\" and len(life[1][\"commit\"]) == 40
assert d[\"decision\"][\"status\"] == \"superseded\", d[\"decision\"]
"
'

test_expect_success 'show refusals: one line, exit code' '
	save_state &&
	test_expect_code 129 align decision show 2>err &&
	test_line_count_1 err &&
	test_expect_code 1 align decision show nothing-like-it 2>err &&
	test_line_count_1 err &&
	test_state_unchanged
'

test_expect_success 'revisit: nothing due before the day; due from it, --exit-code' '
	align decision revisit >out &&
	test_must_be_empty out &&
	sed -i "s/^revisit =$/revisit = 2026-12-01/" $d3 &&
	git commit -q -m "revisit in December" $d3 &&
	ALIGN_NOW=2026-11-30 align decision revisit --exit-code >out &&
	test_must_be_empty out &&
	ALIGN_NOW=2026-12-01 align decision revisit >out &&
	echo "0003  2026-12-01  0003-weekly-updates-in-git  maya  Weekly updates in git" >expect &&
	test_cmp expect out &&
	ALIGN_NOW=2026-12-01 test_expect_code 1 align decision revisit --exit-code >/dev/null
'

test_expect_success PYTHON3 'revisit --format json loads' '
	ALIGN_NOW=2026-12-03 align decision revisit --format json >rv.json &&
	py rv.json "
r = d[\"revisit\"]
assert [x[\"id\"] for x in r] == [\"0003-weekly-updates-in-git\"], r
assert r[0][\"deciders\"] == [\"maya\"] and r[0][\"path\"] == \"$d3\"
"
'

test_expect_success 'health: decision-revisit names the decision, its deciders and since when' '
	ALIGN_NOW=2026-12-03 align health >out &&
	c=$(git log --format=%h --abbrev=7 -1 --grep="accept 0003" | cut -c1-7) &&
	grep "decision-revisit" out >actual &&
	echo "$d3:14: warning: decision-revisit: decision ${SQ}0003-weekly-updates-in-git${SQ} was due for revisit on 2026-12-01 (2 days ago); who: maya; since $c 2026-11-06 Maya Lind" >expect &&
	test_cmp expect actual &&
	sed -i "s/^\[health\]$//" align.ini &&
	printf "\n[health]\ndecision-revisit-severity = off\n" >>align.ini &&
	ALIGN_NOW=2026-12-03 align health >out &&
	! grep decision-revisit out &&
	git checkout -q align.ini
'

test_expect_success PYTHON3 'the quarterly report: decisions accepted, superseded and due, with who and the commit' '
	align report quarterly --quarter 2026-Q4 --format json >q.json &&
	a1=$(git log --format=%H -1 --grep="accept 0001") &&
	s1=$(git log --format=%H -1 --grep="supersede 0001") &&
	py q.json "
sec = [s for s in d[\"sections\"] if s[\"key\"] == \"decisions\"][0]
made = sec[\"tables\"][\"made\"]
assert [r[\"decision\"] for r in made] == [\"0001-use-markdown-for-briefs\", \"0002-track-campaigns-in-the-crm\", \"0003-weekly-updates-in-git\"], made
assert [r[\"accepted_by\"] for r in made] == [\"dana\", \"lee\", \"maya\"], made
assert made[0][\"note\"] == \"Agreed in the planning review\"
assert made[0][\"commits\"][\"accepted\"] == \"$a1\", made[0]
sup = sec[\"tables\"][\"superseded\"]
assert [r[\"decision\"] for r in sup] == [\"0001-use-markdown-for-briefs\"]
assert sup[0][\"superseded_by\"] == \"0005-briefs-in-the-wiki\"
assert sup[0][\"commits\"][\"superseded\"] == \"$s1\"
due = sec[\"tables\"][\"revisit\"]
assert [r[\"decision\"] for r in due] == [\"0003-weekly-updates-in-git\"], due
"
'

test_expect_success 'the report in a quarter with no decisions says so' '
	align report quarterly --quarter 2026-Q3 --format md >out 2>err &&
	test_grep "No decision was accepted, superseded or due for revisit in this quarter." out
'

test_done
