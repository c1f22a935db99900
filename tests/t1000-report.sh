#!/bin/sh
# align report: every figure of a quarter built from a history this test
# writes itself, checked against values computed here from the test's own
# ledger (dates and values below), never from align's output.

. "$(dirname "$0")/lib.sh"

test_lazy_prereq PYTHON 'command -v python3'
test_lazy_prereq JSONSCHEMA 'python3 -c "import jsonschema"'

M="Maya Lind maya@example.com"
D="Dana Reyes dana@example.com"
L="Lee Park lee@example.com"

# on <who> <date>: the next steps are that person's, at 10:00 UTC.
on() {
	case $1 in
	maya) as "Maya Lind" maya@example.com "$2" ;;
	dana) as "Dana Reyes" dana@example.com "$2" ;;
	lee) as "Lee Park" lee@example.com "$2" ;;
	sam) as "Sam Roe" sam@example.com "$2" ;;
	esac
}

# brief <slug> <title> <due>: a draft brief with its six questions
# answered, committed by hand (its first commit).
brief() {
	cat >"briefs/2026-10-$1.md" <<-EOF
	# $2

	\`\`\`ini
	[brief]
	id = 2026-10-$1
	status = draft
	type = email
	owner = maya
	accountable = dana
	due = $3
	created = $ALIGN_NOW
	\`\`\`

	## Why are we doing this?

	Pipeline.

	## Who is it for?

	Partners.

	## What is the offer?

	A session.

	## What systems are involved?

	CRM.

	## What is the deadline?

	$3.

	## How will success be measured?

	Registrations.
	EOF
	git add "briefs/2026-10-$1.md" &&
	git commit -q -m "brief $1"
}

# The ledger. Quarter 2026-Q4; every step at 10:00 UTC.
test_expect_success 'the story of a quarter' '
	git init -q -b main . &&
	on dana 2026-09-20 &&
	align init --name "Growth team" >/dev/null &&
	write_roster &&
	git add people.ini && git commit -q -m roster &&
	align okr new "Grow pipeline" --quarter 2026-Q4 --owner dana \
		--id 2026-q4-pipeline >/dev/null &&
	align okr kr add 2026-q4-pipeline leads --title Leads --start 0 \
		--target 100 --owner maya >/dev/null &&
	align okr kr add 2026-q4-pipeline mql --title MQLs --start 0 \
		--target 50 --owner lee >/dev/null &&
	align okr kr add 2026-q4-pipeline nps --title NPS --start 0 \
		--target 10 --owner lee >/dev/null &&
	on maya 2026-09-28 &&
	align okr checkin 2026-q4-pipeline#leads 10 --force >/dev/null &&

	on maya 2026-10-01 && brief webinar "Partner webinar" 2026-10-25 &&
	on maya 2026-10-02 && brief email "Launch email" 2026-11-15 &&
	on maya 2026-10-03 && brief social "Paid social" 2026-11-01 &&
	on maya 2026-10-04 && brief event "Field event" 2026-12-01 &&
	on maya 2026-10-03 && align brief submit 2026-10-webinar >/dev/null &&
	on dana 2026-10-05 && align brief approve 2026-10-webinar >/dev/null &&
	on maya 2026-10-05 && align brief submit 2026-10-social >/dev/null &&
	on maya 2026-10-06 && align brief submit 2026-10-email >/dev/null &&
	on dana 2026-10-07 && align brief reopen 2026-10-email >/dev/null &&
	on maya 2026-10-09 && align brief submit 2026-10-email >/dev/null &&
	on dana 2026-10-10 && align brief approve 2026-10-email >/dev/null &&
	on dana 2026-10-12 && align brief cancel 2026-10-social >/dev/null &&
	on maya 2026-10-12 &&
	align update --week 2026-W42 --done "Deck" \
		--blocker "CRM sync is broken" >/dev/null &&
	on maya 2026-10-15 &&
	align okr checkin 2026-q4-pipeline#leads 40 --confidence 0.8 >/dev/null &&
	on maya 2026-10-19 &&
	align update --week 2026-W43 --blocker "CRM sync is broken." >/dev/null &&
	on lee 2026-10-19 &&
	align update --week 2026-W43 --blocker "Waiting on legal" >/dev/null &&
	on maya 2026-10-20 && align brief launch 2026-10-webinar >/dev/null &&
	on maya 2026-10-20 && align brief submit 2026-10-event >/dev/null &&
	on lee 2026-10-20 &&
	align okr checkin 2026-q4-pipeline#mql 10 --confidence 0.5 >/dev/null &&
	on dana 2026-10-22 && align brief approve 2026-10-event >/dev/null &&
	on maya 2026-10-26 &&
	align update --week 2026-W44 --blocker "crm  SYNC is broken" >/dev/null &&
	on sam 2026-10-26 &&
	align update --week 2026-W44 --done "Helped" >/dev/null &&
	on maya 2026-11-10 &&
	align okr checkin 2026-q4-pipeline#leads 70 --confidence 0.7 >/dev/null &&
	on maya 2026-11-15 &&
	printf "\n## Results\n\n- 312 registrations.\n- 9 opportunities.\n" \
		>>briefs/2026-10-webinar.md &&
	git commit -q -am "webinar results" &&
	on dana 2026-11-15 && align brief complete 2026-10-webinar >/dev/null &&
	on maya 2026-11-20 && align brief launch 2026-10-email >/dev/null &&
	on lee 2026-12-01 &&
	align okr checkin 2026-q4-pipeline#mql 30 --confidence 0.6 >/dev/null &&
	on dana 2026-12-15 &&
	align okr new "Expand" --quarter 2027-Q1 --owner dana \
		--id 2027-q1-expand >/dev/null &&
	on maya 2026-12-20 &&
	align okr checkin 2026-q4-pipeline#leads 90 --confidence 0.9 >/dev/null &&
	git rev-parse HEAD >quarter-end
'

# Field <table> <key column> <key> <column> of the report's JSON.
cat >"$TRASH_DIRECTORY/field.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
section, table, keycol, key, col = sys.argv[2:7]
for s in doc["sections"]:
    if s["key"] == section:
        for row in s["tables"][table]:
            if str(row[keycol]).strip() == key:
                print(json.dumps(row[col], ensure_ascii=False, sort_keys=True))
                sys.exit(0)
sys.exit("no row %s=%s in %s.%s" % (keycol, key, section, table))
PY

field() {
	python3 "$TRASH_DIRECTORY/field.py" q4.json "$@"
}

test_expect_success PYTHON 'the quarter as JSON' '
	align report quarterly --quarter 2026-Q4 --format json \
		--as-of 2026-12-31 >q4.json &&
	python3 -c "import json; json.load(open(\"q4.json\"))"
'

# What the ledger says, computed here.
test_expect_success PYTHON 'key results at the start and the end of the quarter' '
	test "$(field performance key_results kr leads value_start)" = 10 &&
	test "$(field performance key_results kr leads value_end)" = 90 &&
	test "$(field performance key_results kr leads score_start)" = 0.1 &&
	test "$(field performance key_results kr leads score_end)" = 0.9 &&
	test "$(field performance key_results kr mql value_end)" = 30 &&
	test "$(field performance key_results kr mql score_end)" = 0.6 &&
	test "$(field performance key_results kr nps value_end)" = 0 &&
	test "$(field performance key_results kr leads checkins)" = 3 &&
	test "$(field performance key_results kr mql checkins)" = 2 &&
	test "$(field performance key_results kr nps checkins)" = 0 &&
	test "$(field performance key_results kr leads trajectory)" = "\"40 → 70 → 90\"" &&
	test "$(field performance key_results kr leads last_checkin)" = "\"2026-12-20\""
'

test_expect_success PYTHON 'every figure names the commit it comes from' '
	last=$(git log -1 --format=%H --author=maya@example.com \
		--before=2026-12-21 -- okrs) &&
	test "$(field performance key_results kr leads commits)" = \
		"{\"last_checkin\": \"$last\", \"score_end\": \"$last\", \"value_end\": \"$last\", \"value_start\": \"$(git log -1 --format=%H --before=2026-09-29 -- okrs)\"}" ||
	{ field performance key_results kr leads commits; exit 1; }
'

test_expect_success PYTHON 'objective progress rolled up, and at the start' '
	# (0.9 + 0.6 + 0) / 3 = 0.5 at the end; (0.1 + 0 + 0) / 3 at the start
	test "$(field performance objectives objective 2026-q4-pipeline progress_end)" = 0.5 &&
	python3 -c "import sys; sys.exit(abs($(field performance objectives objective 2026-q4-pipeline progress_start) - 0.1/3) > 1e-9)"
'

test_expect_success PYTHON 'confidence calibration per owner' '
	# maya: mean of 0.8, 0.7, 0.9 against 0.9; lee: 0.5, 0.6 against (0.6 + 0) / 2
	python3 - <<-EOF
	import json
	doc = json.load(open("q4.json"))
	rows = {r["owner"]: r for s in doc["sections"] if s["key"] == "performance"
	        for r in s["tables"]["calibration"]}
	def near(a, b): assert abs(a - b) < 1e-9, (a, b)
	near(rows["maya"]["confidence"], 0.8); near(rows["maya"]["score"], 0.9)
	near(rows["maya"]["gap"], -0.1); assert rows["maya"]["checkins"] == 3
	near(rows["lee"]["confidence"], 0.55); near(rows["lee"]["score"], 0.3)
	near(rows["lee"]["gap"], 0.25); assert rows["lee"]["key_results"] == 2
	EOF
'

test_expect_success PYTHON 'campaigns: time to launch, approval cycle, submissions' '
	test "$(field campaigns briefs brief 2026-10-webinar days_to_launch)" = 19 &&
	test "$(field campaigns briefs brief 2026-10-webinar approval_days)" = 2 &&
	test "$(field campaigns briefs brief 2026-10-webinar submissions)" = 1 &&
	test "$(field campaigns briefs brief 2026-10-webinar on_time)" = "\"yes\"" &&
	test "$(field campaigns briefs brief 2026-10-email days_to_launch)" = 49 &&
	test "$(field campaigns briefs brief 2026-10-email approval_days)" = 4 &&
	test "$(field campaigns briefs brief 2026-10-email submissions)" = 2 &&
	test "$(field campaigns briefs brief 2026-10-email on_time)" = "\"no\"" &&
	test "$(field campaigns briefs brief 2026-10-social status)" = "\"cancelled\"" &&
	test "$(field campaigns briefs brief 2026-10-event on_time)" = "\"missed\"" &&
	test "$(field campaigns briefs brief 2026-10-event approval_days)" = 2 &&
	approved=$(git log -1 --format=%H --author=dana@example.com \
		--before=2026-10-06 -- briefs) &&
	test "$(field campaigns briefs brief 2026-10-webinar commits | \
		python3 -c "import json,sys; print(json.load(sys.stdin)[\"approved\"])")" = "$approved"
'

test_expect_success PYTHON 'campaigns: on-time launch rate and results' '
	python3 - <<-EOF
	import json
	doc = json.load(open("q4.json"))
	s = [s for s in doc["sections"] if s["key"] == "campaigns"][0]
	assert s["paragraphs"] == ["2 launched in the quarter. On-time launch rate: 1 of 3 (33%), against each brief\x27s due date."], s["paragraphs"]
	assert s["prose"] == [{"title": "Partner webinar", "markdown": "- 312 registrations.\n- 9 opportunities.\n"}], s["prose"]
	EOF
'

test_expect_success PYTHON 'execution: blockers, updates posted, cadence kept' '
	python3 - <<-EOF
	import json, datetime
	doc = json.load(open("q4.json"))
	s = [s for s in doc["sections"] if s["key"] == "execution"][0]["tables"]
	b = {(r["raised_by"], r["blocker"]): r for r in s["blockers"]}
	crm = b[("maya", "CRM sync is broken")]
	assert (crm["first_week"], crm["last_week"], crm["weeks"], crm["running"]) == ("2026-W42", "2026-W44", 3, 3), crm
	legal = b[("lee", "Waiting on legal")]
	assert (legal["weeks"], legal["running"]) == (1, 1), legal
	# ISO weeks overlapping the quarter (the report day is its last day)
	start, end = datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)
	monday = start - datetime.timedelta(days=start.weekday())
	weeks = 0
	while monday <= end:
	    weeks += 1
	    monday += datetime.timedelta(days=7)
	up = {r["person"]: r for r in s["updates"]}
	assert up["maya"]["posted"] == 3 and up["maya"]["expected"] == weeks, up["maya"]
	assert up["lee"]["posted"] == 1 and up["dana"]["posted"] == 0
	assert up["sam-roe"]["posted"] == 1
	# seven-day windows from the quarter start that have ended by its end
	windows = (end - start).days // 7 + (1 if (end - start).days % 7 == 6 else 0)
	cad = {r["owner"]: r for r in s["cadence"]}
	assert cad["maya"]["windows"] == windows and cad["maya"]["kept"] == 3, cad
	assert cad["lee"]["windows"] == 2 * windows and cad["lee"]["kept"] == 2, cad
	EOF
'

test_expect_success PYTHON 'next quarter and what carries over' '
	test "$(field next objectives objective 2027-q1-expand owner)" = "\"dana\"" &&
	test "$(field next carry_over_key_results kr nps score_end)" = 0 &&
	test "$(field next carry_over_briefs brief 2026-10-event status)" = "\"approved\""
'

test_expect_success PYTHON 'gaps are stated, not dropped' '
	python3 - <<-EOF
	import json
	gaps = json.load(open("q4.json"))["gaps"]
	assert "2026-q4-pipeline#nps had no check-in in 2026-Q4" in gaps, gaps
	assert "sam-roe posted updates but has no entry in people.ini" in gaps, gaps
	EOF
'

test_expect_success 'two runs give the same bytes, in every format' '
	for f in md html json text; do
		align report quarterly --quarter 2026-Q4 --format $f >one.$f &&
		align report quarterly --quarter 2026-Q4 --format $f >two.$f &&
		test_cmp one.$f two.$f || exit 1
	done &&
	ALIGN_NOW=2030-01-01 align report quarterly --quarter 2026-Q4 \
		--format md >three.md &&
	test_cmp one.md three.md
'

test_expect_success PYTHON 'a check-in after the quarter changes none of its figures' '
	align report quarterly --quarter 2026-Q4 --format json \
		--as-of 2026-12-31 >before.json &&
	on maya 2027-01-05 &&
	align okr checkin 2026-q4-pipeline#leads 120 --force >/dev/null &&
	on dana 2027-01-06 && align brief launch 2026-10-event >/dev/null &&
	align report quarterly --quarter 2026-Q4 --format json >after.json &&
	python3 - <<-EOF
	import json
	a, b = json.load(open("before.json")), json.load(open("after.json"))
	assert a["commit"] != b["commit"]
	assert a["sections"] == b["sections"], "the sections changed"
	EOF
'

test_expect_success '--as-of reproduces a report made earlier' '
	align report quarterly --quarter 2026-Q4 --format md \
		--as-of "$(cat quarter-end)" >again.md &&
	test_cmp one.md again.md &&
	align report quarterly --quarter 2026-Q4 --format html \
		--as-of 2026-12-20 >again.html &&
	test_cmp one.html again.html
'

test_expect_success 'Markdown names commits, and links them with a URL' '
	short=$(git rev-parse --short=7 "$(cat quarter-end)") &&
	grep -F "| 90 (\`$short\`) |" one.md &&
	align report quarterly --quarter 2026-Q4 --format md --as-of \
		"$(cat quarter-end)" \
		--commit-url "https://git.example.com/r/commit/%H" >linked.md &&
	grep -F "| 90 ([$short](https://git.example.com/r/commit/$(cat quarter-end))) |" linked.md &&
	! grep -i "<[a-z]" linked.md
'

test_expect_success 'HTML is one page with a script-forbidding policy' '
	grep -F "Content-Security-Policy\" content=\"default-src '\''none'\''" one.html &&
	! grep -i "<script" one.html &&
	grep -c "<svg" one.html >svgs &&
	test "$(cat svgs)" -ge 5 &&
	grep -F "title=\"maya, 2026-12-20T10:00:00+00:00\"" one.html
'

test_expect_success 'text on a terminal width fits it' '
	COLUMNS=60 script -qec "$ALIGN_BIN report quarterly --quarter 2026-Q4 --as-of $(cat quarter-end)" /dev/null >tty.out &&
	tr -d "\r" <tty.out | sed "s/\x1b\[[0-9;]*m//g" >tty.txt &&
	awk "{ if (length(\$0) > 60) { print; bad = 1 } } END { exit bad }" tty.txt &&
	grep -qx "  Key result:            leads" tty.txt &&
	grep -q "$(printf "\033")\[1m" tty.out &&
	COLUMNS=200 script -qec "$ALIGN_BIN report quarterly --quarter 2026-Q4 --as-of $(cat quarter-end)" /dev/null >wide.out &&
	sed "s/\x1b\[[0-9;]*m//g" wide.out | grep -q "^  Objective  *Key result  *Owner  *Start value" &&
	! grep -q "$(printf "\033")" one.text &&
	grep -q "^  Objective  *Key result  *Owner  *Start value" one.text
'

test_expect_success 'monthly: the month check-ins and launches' '
	align report monthly --month 2026-10 --format json --as-of \
		"$(cat quarter-end)" >m.json &&
	python3 - <<-EOF
	import json
	doc = json.load(open("m.json"))
	s = {x["key"]: x for x in doc["sections"]}
	got = [(r["date"], r["kr"], r["value"]) for r in s["checkins"]["tables"]["checkins"]]
	assert got == [("2026-10-15", "leads", 40), ("2026-10-20", "mql", 10)], got
	assert [r["brief"] for r in s["launches"]["tables"]["launches"]] == ["2026-10-webinar"]
	assert [r["brief"] for r in s["upcoming"]["tables"]["upcoming"]] == ["2026-10-email", "2026-10-event"]
	EOF
'

test_expect_success 'weekly: done, blocked, changed, next' '
	align report weekly --week 2026-W43 --format json --as-of \
		"$(cat quarter-end)" >w.json &&
	python3 - <<-EOF
	import json
	t = json.load(open("w.json"))["sections"][0]["tables"]
	assert sorted((r["person"], r["blocker"], r["running"]) for r in t["blocked"]) == [("lee", "Waiting on legal", 1), ("maya", "CRM sync is broken", 2)], t["blocked"]
	changes = sorted((r["date"], r["record"], r["change"]) for r in t["changed"])
	assert ("2026-10-20", "2026-10-webinar", "moved to live") in changes, changes
	assert ("2026-10-20", "2026-q4-pipeline#mql", "checked in 10") in changes, changes
	EOF
'

test_expect_success JSONSCHEMA 'the JSON follows its schema' '
	for f in q4.json m.json w.json; do
		python3 -c "import json, jsonschema, sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
			$f "$TEST_DIRECTORY/../docs/report.schema.json" || exit 1
	done
'

test_expect_success 'a shallow clone says where its history ends' '
	git clone -q --depth 3 "file://$(pwd)" shallow &&
	(cd shallow && align report quarterly --quarter 2026-Q4 --format json >../shallow.json) &&
	python3 -c "import json; d = json.load(open(\"shallow.json\")); assert d[\"shallow\"] is True; assert any(\"shallow\" in g for g in d[\"gaps\"]), d[\"gaps\"]"
'

test_expect_success 'bad arguments: one line, exit 129, nothing changed' '
	save_state &&
	test_expect_code 129 align report quarterly --quarter 2026-Q5 2>err &&
	test_grep "invalid quarter .2026-Q5.: use YYYY-Qn" err &&
	test "$(wc -l <err)" = 1 &&
	test_expect_code 129 align report quarterly --quarter 2026 2>err &&
	test_expect_code 129 align report monthly --month 2026-13 2>err &&
	test_grep "invalid month" err &&
	test_expect_code 129 align report weekly --week 2026-W60 2>err &&
	test_expect_code 129 align report quarterly --format pdf 2>err &&
	test_expect_code 129 align report quarterly --as-of nowhere 2>err &&
	test_expect_code 129 align report quarterly \
		--commit-url "javascript:alert(1)" 2>err &&
	test_grep "invalid commit URL" err &&
	test_expect_code 129 align report quarterly extra 2>err &&
	test_expect_code 1 align report quarterly --as-of 2020-01-01 2>err &&
	test_grep "no commit on or before 2020-01-01" err &&
	test_state_unchanged
'

test_expect_success '-o writes the file, and a bad path writes nothing' '
	save_state &&
	align report quarterly --quarter 2026-Q4 --format md -o ../out.md &&
	test_cmp ../out.md "$(align report quarterly --quarter 2026-Q4 --format md >../stdout.md && echo ../stdout.md)" &&
	test_expect_code 128 align report quarterly -o ../missing/dir/r.md 2>err &&
	test_grep "cannot write" err &&
	test ! -e ../missing &&
	test_state_unchanged
'

test_expect_success PYTHON 'a version that does not parse is a gap naming its commit' '
	mkdir broken && (
		cd broken && git init -q -b main . && on maya 2026-10-02 &&
		align init >/dev/null &&
		align okr new Grow --quarter 2026-Q4 --owner maya \
			--id 2026-q4-grow >/dev/null &&
		cp okrs/2026-Q4/2026-q4-grow.md ../good.md &&
		sed "s/^quarter = 2026-Q4\$/&\n[broken/" ../good.md \
			>okrs/2026-Q4/2026-q4-grow.md &&
		git commit -q -am broken && bad=$(git rev-parse --short=12 HEAD) &&
		cp ../good.md okrs/2026-Q4/2026-q4-grow.md &&
		git commit -q -am fixed &&
		align report quarterly --format json >../broken.json &&
		python3 -c "import json, sys; g = json.load(open(\"../broken.json\"))[\"gaps\"]; sys.exit(g != [\"okrs/2026-Q4/2026-q4-grow.md: skipped the version in commit $bad: malformed section header: missing \x27]\x27\"])" ||
		{ cat ../broken.json; exit 1; }
	)
'

test_expect_success 'an empty quarter, month and week say so' '
	for f in md html json text; do
		align report quarterly --quarter 2025-Q1 --format $f >empty.$f &&
		align report monthly --month 2025-01 --format $f >/dev/null &&
		align report weekly --week 2025-W02 --format $f >/dev/null || exit 1
	done &&
	grep -x "No objectives for this quarter\\." empty.md &&
	grep -x "No brief launched, completed, cancelled or fell due in this quarter\\." empty.md
'

test_expect_success 'a repository without a commit has nothing to report' '
	mkdir empty && (
		cd empty && git init -q -b main . &&
		printf "[align]\nversion = 1\n" >align.ini &&
		test_expect_code 1 align report quarterly 2>err &&
		test_grep "no commits yet" err
	)
'

test_done
