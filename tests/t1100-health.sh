#!/bin/sh
# align health: each rule broken by a fixture of real commits at known
# dates, with the exact line, the person who must act and the commit the
# state began in; a healthy team is silent; --fail-on, severities and
# thresholds from align.ini; JSON through a real parser; hostile text in
# every format; bad [health] values; the CI notification example.
. "$(dirname "$0")/lib.sh"

SQ="'"
test_lazy_prereq PYTHON3 'command -v python3'

top=$(cd "$TEST_DIRECTORY/.." && pwd)
notify="$top/examples/ci/health-notify.sh"
T=$TRASH_DIRECTORY
b=briefs/2026-11-partner-webinar.md
o=2026-q4-grow-partner-pipeline
op=okrs/2026-Q4/$o.md

# fixture <name>: a fresh records repository in $T/<name>, made by Maya on
# 2026-11-02.
fixture() {
	mkdir "$T/$1" && cd "$T/$1" &&
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo
}

# health_at <now> [<args>]: align health at that instant.
health_at() {
	now=$1 && shift &&
	ALIGN_NOW=$now align health "$@"
}

# short <rev>: the commit's short id as align prints it.
short() {
	git rev-parse --short=7 "$1"
}

# set_health <key> <value>: a [health] setting in align.ini, committed.
set_health() {
	grep -q "^\[health\]$" align.ini || printf "\n[health]\n" >>align.ini
	if grep -q "^$1 = " align.ini; then
		sed -i "s/^$1 = .*/$1 = $2/" align.ini
	else
		printf "%s = %s\n" "$1" "$2" >>align.ini
	fi &&
	git commit -q -m "health: $1" align.ini
}

# py <file> <python>: the file's JSON as d.
py() {
	python3 -c "import json, os, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

# ---- approval-sla -------------------------------------------------------

test_expect_success 'setup approval-sla: a brief submitted by Maya on 2026-11-10' '
	fixture sla &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 --no-edit >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align brief submit 2026-11-partner >/dev/null &&
	git rev-parse HEAD >../sla-submit
'

test_expect_success 'approval-sla: 23 hours after the submission, silent' '
	cd "$T/sla" &&
	health_at 2026-11-11T09:00:00Z --fail-on warning >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'approval-sla: 25 hours after, the accountable must act, since the submit commit' '
	cd "$T/sla" &&
	test_expect_code 1 health_at 2026-11-11T11:00:00Z >out 2>err &&
	test_must_be_empty err &&
	c=$(short $(cat ../sla-submit)) &&
	echo "$b: error: approval-sla: brief ${SQ}2026-11-partner-webinar${SQ} has waited 1d 1h for approval, over 24h; who: dana; since $c 2026-11-10 Maya Lind" >expect &&
	test_cmp expect out
'

test_expect_success 'approval-sla: json, field by field' '
	cd "$T/sla" &&
	test_expect_code 1 health_at 2026-11-11T11:00:00Z --format json >out &&
	C=$(cat ../sla-submit) py out "
assert d[\"format_version\"] == 1, d
v = d[\"violations\"]
assert len(v) == 1, v
v = v[0]
assert v[\"rule\"] == \"approval-sla\", v
assert v[\"severity\"] == \"error\", v
assert v[\"record\"] == \"2026-11-partner-webinar\", v
assert v[\"path\"] == \"$b\", v
assert v[\"who\"] == [\"dana\"], v
assert v[\"records\"] == [\"2026-11-partner-webinar\"], v
s = v[\"since\"]
assert s[\"commit\"] == os.environ[\"C\"], s
assert s[\"author\"] == \"Maya Lind\" and s[\"email\"] == \"maya@example.com\", s
assert s[\"date\"] == \"2026-11-10\" and s[\"time\"] == 1794304800, s
assert v[\"message\"].startswith(\"brief ${SQ}2026-11-partner-webinar${SQ} has waited 1d 1h\"), v
"
'

test_expect_success 'approval-sla: github annotation on the file' '
	cd "$T/sla" &&
	test_expect_code 1 health_at 2026-11-11T11:00:00Z --format github >out &&
	c=$(short $(cat ../sla-submit)) &&
	echo "::error file=$b,title=approval-sla::brief ${SQ}2026-11-partner-webinar${SQ} has waited 1d 1h for approval, over 24h; who: dana; since $c 2026-11-10 Maya Lind" >expect &&
	test_cmp expect out
'

test_expect_success 'approval-sla: --as-of a day before the submission is silent, the day after measures to its end' '
	cd "$T/sla" &&
	health_at 2026-11-20 --as-of 2026-11-09 >out &&
	test_must_be_empty out &&
	test_expect_code 1 health_at 2026-11-20 --as-of 2026-11-11 >out &&
	grep "has waited 1d 13h for approval, over 24h" out
'

test_expect_success 'approval-sla: a longer limit in align.ini, then the rule as a warning' '
	cd "$T/sla" &&
	set_health approval-sla 3d &&
	health_at 2026-11-11T11:00:00Z --fail-on warning >out &&
	test_must_be_empty out &&
	test_expect_code 1 health_at 2026-11-13T11:00:00Z >out &&
	grep "has waited 3d 1h for approval, over 3d; who: dana" out &&
	set_health approval-sla-severity warning &&
	health_at 2026-11-13T11:00:00Z >out &&
	grep "^$b: warning: approval-sla: " out &&
	test_expect_code 1 health_at 2026-11-13T11:00:00Z --fail-on warning &&
	set_health approval-sla-severity off &&
	health_at 2026-11-13T11:00:00Z --fail-on warning >out &&
	test_must_be_empty out
'

test_expect_success 'approval-sla: reopened and submitted again, the clock starts again' '
	fixture sla2 &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 --no-edit >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-04 &&
	align brief submit 2026-11-partner >/dev/null &&
	as "Dana Reyes" dana@example.com 2026-11-05 &&
	align brief reopen 2026-11-partner >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-09 &&
	align brief submit 2026-11-partner >/dev/null &&
	test_expect_code 1 health_at 2026-11-11 >out &&
	c=$(short HEAD) &&
	grep "has waited 1d 14h for approval, over 24h; who: dana; since $c 2026-11-09 Lee Park$" out
'

# ---- approval-queue -----------------------------------------------------

test_expect_success 'setup approval-queue: two briefs submitted on 11-10 and 11-11' '
	fixture queue &&
	set_health approval-sla 2w &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 --no-edit >/dev/null &&
	align brief new "Spring catalog" --owner lee --accountable maya \
		--due 2026-12-20 --no-edit >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align brief submit 2026-11-partner >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-11 &&
	align brief submit 2026-11-spring >/dev/null &&
	git rev-parse HEAD >../queue-second
'

test_expect_success 'approval-queue: one violation naming both, each accountable, since the second submission' '
	cd "$T/queue" &&
	health_at 2026-11-12 >out &&
	c=$(short $(cat ../queue-second)) &&
	echo "briefs: warning: approval-queue: 2 briefs wait for approval at once, 2 or more is a queue: 2026-11-partner-webinar, 2026-11-spring-catalog; who: dana, maya; since $c 2026-11-11 Lee Park" >expect &&
	test_cmp expect out &&
	test_expect_code 1 health_at 2026-11-12 --fail-on warning >/dev/null
'

test_expect_success PYTHON3 'approval-queue: json names the records and no single record' '
	cd "$T/queue" &&
	health_at 2026-11-12 --format json >out &&
	py out "
v = d[\"violations\"]
assert len(v) == 1 and v[0][\"rule\"] == \"approval-queue\", v
v = v[0]
assert v[\"severity\"] == \"warning\" and v[\"record\"] is None, v
assert v[\"path\"] == \"briefs\", v
assert v[\"records\"] == [\"2026-11-partner-webinar\", \"2026-11-spring-catalog\"], v
assert v[\"who\"] == [\"dana\", \"maya\"], v
assert v[\"since\"][\"author\"] == \"Lee Park\" and v[\"since\"][\"date\"] == \"2026-11-11\", v
"
'

test_expect_success 'approval-queue: a limit of 3 is not reached' '
	cd "$T/queue" &&
	set_health approval-queue 3 &&
	health_at 2026-11-12 --fail-on warning >out &&
	test_must_be_empty out
'

# ---- launch-late --------------------------------------------------------

test_expect_success 'setup launch-late: a brief due 2026-11-20, made by Maya, still a draft' '
	fixture late &&
	align brief new "Partner webinar" --owner lee --accountable dana \
		--due 2026-11-20 --no-edit >/dev/null &&
	git rev-parse HEAD >../late-new
'

test_expect_success 'launch-late: 3 days past due, silent; 4 days, the owner must act' '
	cd "$T/late" &&
	health_at 2026-11-23 --fail-on warning >out &&
	test_must_be_empty out &&
	test_expect_code 1 health_at 2026-11-24 >out &&
	c=$(short $(cat ../late-new)) &&
	echo "$b: error: launch-late: brief ${SQ}2026-11-partner-webinar${SQ} is 4 days past its due date 2026-11-20 and still draft; who: lee; since $c 2026-11-02 Maya Lind" >expect &&
	test_cmp expect out
'

test_expect_success 'launch-late: live is launched; as a warning it does not fail by default' '
	cd "$T/late" &&
	set_health launch-late-severity warning &&
	health_at 2026-11-24 >out &&
	grep "^$b: warning: launch-late: " out &&
	test_expect_code 1 health_at 2026-11-24 --fail-on warning >/dev/null &&
	sed -i "s/^status = draft$/status = live/" $b &&
	git commit -q -am live &&
	health_at 2026-11-24 --fail-on warning >out &&
	test_must_be_empty out
'

# ---- kr-stale and kr-off-track ------------------------------------------

test_expect_success 'setup kr-stale: two key results, one last checked in by Lee on 11-03' '
	fixture stale &&
	align okr new "Grow partner pipeline" --quarter 2026-Q4 \
		--owner maya >/dev/null &&
	align okr kr add $o signups --title "Webinar signups" --start 0 \
		--target 300 --owner lee >/dev/null &&
	align okr kr add $o opps --title "Sourced opportunities" --start 0 \
		--target 40 >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-03 &&
	align okr checkin $o#signups 50 >/dev/null &&
	git rev-parse HEAD >../stale-checkin &&
	as "Maya Lind" maya@example.com 2026-11-11 &&
	align okr checkin $o#opps 10 >/dev/null
'

test_expect_success 'kr-stale: within the cadence, silent; past it, the key result owner' '
	cd "$T/stale" &&
	health_at 2026-11-10T09:00:00Z --fail-on warning >out &&
	test_must_be_empty out &&
	health_at 2026-11-12T12:00:00Z >out &&
	c=$(short $(cat ../stale-checkin)) &&
	echo "$op: warning: kr-stale: key result ${SQ}$o#signups${SQ} has had no check-in for 9 days, over the 7-day cadence; who: lee; since $c 2026-11-03 Lee Park" >expect &&
	test_cmp expect out &&
	test_expect_code 1 health_at 2026-11-12T12:00:00Z --fail-on warning >/dev/null
'

test_expect_success 'kr-stale: the objective owner for a key result without one; the [okr] cadence' '
	cd "$T/stale" &&
	health_at 2026-11-20 >out &&
	grep "#opps${SQ} has had no check-in for 8 days, over the 7-day cadence; who: maya; since .* 2026-11-11 Maya Lind$" out &&
	printf "\n[okr]\ncheckin-cadence-days = 14\n" >>align.ini &&
	git commit -q -am cadence &&
	health_at 2026-11-12T12:00:00Z --fail-on warning >out &&
	test_must_be_empty out
'

test_expect_success 'setup kr-off-track: late in the quarter, signups far behind, opps on pace' '
	fixture offtrack &&
	align okr new "Grow partner pipeline" --quarter 2026-Q4 \
		--owner maya >/dev/null &&
	align okr kr add $o signups --title "Webinar signups" --start 0 \
		--target 300 --owner lee >/dev/null &&
	align okr kr add $o opps --title "Sourced opportunities" --start 0 \
		--target 40 >/dev/null &&
	as "Maya Lind" maya@example.com 2026-12-07 &&
	align okr checkin $o#opps 38 >/dev/null &&
	as "Lee Park" lee@example.com 2026-12-08 &&
	align okr checkin $o#signups 30 >/dev/null &&
	git rev-parse HEAD >../off-checkin
'

test_expect_success 'kr-off-track: 21 days left, under 4 weeks: the key result owner must act' '
	cd "$T/offtrack" &&
	test_expect_code 1 health_at 2026-12-10 >out &&
	c=$(short $(cat ../off-checkin)) &&
	echo "$op: error: kr-off-track: key result ${SQ}$o#signups${SQ} is off track, 10% done against 77% expected, with 21 days left in 2026-Q4; who: lee; since $c 2026-12-08 Lee Park" >expect &&
	test_cmp expect out
'

test_expect_success 'kr-off-track: five weeks left is not yet; a limit of 2 weeks is not reached' '
	cd "$T/offtrack" &&
	health_at 2026-11-26T12:00:00Z >out &&
	! grep kr-off-track out &&
	set_health kr-off-track 2 &&
	health_at 2026-12-10 >out &&
	test_must_be_empty out
'

# ---- blocker-recurring --------------------------------------------------

# roster2: Maya and Lee only.
roster2() {
	printf "%s\n" "[person \"maya\"]" "name = Maya Lind" \
		"email = maya@example.com" "" "[person \"lee\"]" \
		"name = Lee Park" "email = lee@example.com" >people.ini &&
	git add people.ini && git commit -q -m roster
}

test_expect_success 'setup blocker-recurring: Maya raises the same blocker in W45, W46 and W47' '
	fixture blocker &&
	roster2 &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-20 --no-edit >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-03 &&
	align update --done "Outline" \
		--blocker "Waiting for approval of 2026-11-partner-webinar." \
		>/dev/null &&
	git rev-parse HEAD >../blocker-first &&
	as "Lee Park" lee@example.com 2026-11-03 &&
	align update --done "Lists" >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align update --blocker "waiting for  approval of 2026-11-partner-webinar" \
		>/dev/null &&
	as "Lee Park" lee@example.com 2026-11-10 &&
	align update --done "Lists" --blocker "CRM access" >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-17 &&
	align update --blocker "Waiting for approval of 2026-11-partner-webinar" \
		>/dev/null &&
	as "Lee Park" lee@example.com 2026-11-17 &&
	align update --done "Lists" --blocker "CRM access" >/dev/null
'

test_expect_success 'blocker-recurring: three weeks running; who raised it and the accountable it names' '
	cd "$T/blocker" &&
	health_at 2026-11-18 >out &&
	c=$(short $(cat ../blocker-first)) &&
	echo "updates/2026-W47/2026-w47-maya.md: warning: blocker-recurring: blocker raised by maya 3 weeks running (2026-W45 to 2026-W47): Waiting for approval of 2026-11-partner-webinar.; who: maya, dana; since $c 2026-11-03 Maya Lind" >expect &&
	test_cmp expect out &&
	test_expect_code 1 health_at 2026-11-18 --fail-on warning >/dev/null
'

test_expect_success 'blocker-recurring: still raised in the week after, until the new update drops it' '
	cd "$T/blocker" &&
	health_at 2026-11-24 >out &&
	grep "blocker raised by maya 3 weeks running" out &&
	as "Maya Lind" maya@example.com 2026-11-24 &&
	align update --done "Approved at last" >/dev/null &&
	health_at 2026-11-24 >out &&
	! grep "blocker-recurring" out
'

test_expect_success 'blocker-recurring: a limit of 4 weeks is not reached' '
	cd "$T/blocker" &&
	health_at 2026-11-18 --as-of 2026-11-18 >out &&
	grep -c blocker-recurring out >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	set_health blocker-recurring 4 &&
	health_at 2026-11-18 --as-of 2026-11-18 --fail-on warning >out &&
	test_must_be_empty out
'

# ---- update-missing -----------------------------------------------------

test_expect_success 'setup update-missing: Maya posts, Lee stopped after W45, Dana never posted' '
	fixture missing &&
	write_roster &&
	git add people.ini && git commit -q -m roster &&
	as "Lee Park" lee@example.com 2026-11-03 &&
	align update --done "Lists" >/dev/null &&
	git rev-parse HEAD >../lee-last &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align update --done "Deck" >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-17 &&
	align update --done "Deck" >/dev/null
'

test_expect_success 'update-missing: each person who posted nothing in W46 and W47, at their roster line' '
	cd "$T/missing" &&
	health_at 2026-11-18 >out &&
	c=$(short $(cat ../lee-last)) &&
	cat >expect <<-EOF &&
	people.ini:5: warning: update-missing: no update from dana in the last 2 weeks (2026-W46 to 2026-W47); who: dana
	people.ini:9: warning: update-missing: no update from lee in the last 2 weeks (2026-W46 to 2026-W47); who: lee; since $c 2026-11-03 Lee Park
	EOF
	test_cmp expect out &&
	test_expect_code 1 health_at 2026-11-18 --fail-on warning >/dev/null &&
	health_at 2026-11-18 --format github >out &&
	head -n 1 out >actual &&
	echo "::warning file=people.ini,line=5,title=update-missing::no update from dana in the last 2 weeks (2026-W46 to 2026-W47); who: dana" >expect &&
	test_cmp expect actual
'

test_expect_success 'update-missing: in W46 Lee posted within the last 2 weeks; 3 weeks back counts W45' '
	cd "$T/missing" &&
	health_at 2026-11-11 >out &&
	grep -c update-missing out >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	grep "no update from dana" out &&
	set_health update-missing 3 &&
	health_at 2026-11-18 >out &&
	grep "no update from dana in the last 3 weeks (2026-W45 to 2026-W47)" out &&
	! grep "from lee" out
'

test_expect_success PYTHON3 'update-missing: json, a person and no record' '
	cd "$T/missing" &&
	health_at 2026-11-18 --format json >out &&
	py out "
v = d[\"violations\"]
assert [x[\"rule\"] for x in v] == [\"update-missing\"], v
v = v[0]
assert v[\"record\"] is None and v[\"path\"] == \"people.ini\", v
assert v[\"who\"] == [\"dana\"] and v[\"records\"] == [] and v[\"since\"] is None, v
"
'

# ---- a healthy team -----------------------------------------------------

test_expect_success 'setup healthy: everyone posted, key results fresh, a brief approved in time' '
	fixture healthy &&
	roster2 &&
	align okr new "Grow partner pipeline" --quarter 2026-Q4 \
		--owner maya >/dev/null &&
	align okr kr add $o signups --title "Webinar signups" --start 0 \
		--target 300 --owner lee >/dev/null &&
	write_answered_brief $b &&
	sed -i "s/^accountable = dana$/accountable = lee/" $b &&
	git add $b && git commit -q -m brief &&
	as "Maya Lind" maya@example.com 2026-11-16 &&
	align brief submit 2026-11-partner >/dev/null &&
	align update --done "Deck" --blocker "Printer jam" >/dev/null &&
	as "Lee Park" lee@example.com 2026-11-17 &&
	align brief approve 2026-11-partner >/dev/null &&
	align okr checkin $o#signups 100 >/dev/null &&
	align update --done "Lists" >/dev/null
'

test_expect_success 'healthy: silent in text and github, exit 0 even with --fail-on warning' '
	cd "$T/healthy" &&
	save_state &&
	health_at 2026-11-18 --fail-on warning >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	health_at 2026-11-18 --fail-on warning --format github >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	test_state_unchanged
'

test_expect_success PYTHON3 'healthy: json is a document with no violations' '
	cd "$T/healthy" &&
	health_at 2026-11-18 --format json >out &&
	py out "assert d == {\"format_version\": 1, \"violations\": []}, d"
'

# ---- usage and settings -------------------------------------------------

test_expect_success 'usage errors exit 129; -h matches the synopsis' '
	cd "$T/healthy" &&
	test_expect_code 129 align health --fail-on info 2>err &&
	test_expect_code 129 align health --format yaml 2>err &&
	test_expect_code 129 align health extra 2>err &&
	align health -h >out &&
	head -n 1 out >actual &&
	echo "usage: align health [--fail-on <severity>] [--format <format>] [--as-of <date|rev>]" >expect &&
	test_cmp expect actual
'

test_expect_success 'a bad [health] duration: one line, exit 128, nothing changed; check reports it' '
	cd "$T/healthy" &&
	printf "\n[health]\napproval-sla = soon\n" >>align.ini &&
	git commit -q -am "bad sla" &&
	save_state &&
	test_expect_code 128 health_at 2026-11-18 >out 2>err &&
	test_must_be_empty out &&
	line=$(grep -n "^approval-sla" align.ini | cut -d: -f1) &&
	echo "align: error: align.ini:$line: health.approval-sla must be a duration such as 24h, 3d or 2w (hours, days, weeks), not ${SQ}soon${SQ}" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	test_expect_code 1 align check >out 2>err &&
	grep "^align.ini:$line: error: health.approval-sla must be a duration" out &&
	test_state_unchanged
'

test_expect_success 'bad counts, weeks and severities are each refused' '
	cd "$T/healthy" &&
	sed -i "s/^approval-sla = soon$/approval-sla = 24h/" align.ini &&
	for bad in "approval-queue = 0" "approval-queue = two" \
		"kr-off-track = 53" "update-missing = -1" \
		"launch-late = 3 days" "launch-late = 0h" \
		"kr-stale-severity = loud"; do
		cp align.ini ../good.ini &&
		echo "$bad" >>align.ini &&
		save_state &&
		test_expect_code 128 health_at 2026-11-18 >out 2>err &&
		test_must_be_empty out &&
		test $(wc -l <err) -eq 1 &&
		grep "^align: error: align.ini:[0-9]*: health.${bad%% =*} must be " err &&
		test_state_unchanged &&
		cp ../good.ini align.ini || return 1
	done &&
	health_at 2026-11-18 --fail-on warning >out &&
	test_must_be_empty out
'

# ---- hostile text -------------------------------------------------------

H=$(printf '=HYPERLINK("http://x") "quotes" \033[2J \r \342\200\256 <script>alert(1)</script>')
export H

# no_raw <file>: no raw ESC, CR or U+202E in it.
no_raw() {
	for c in '\033' '\r' '\342\200\256'; do
		if grep -q "$(printf "$c")" "$1"; then
			echo "raw $c in $1:" >&2
			od -c "$1" >&2
			return 1
		fi
	done
}

test_expect_success 'setup hostile: a blocker and an author name holding hostile text, three weeks' '
	fixture hostile &&
	roster2 &&
	for d in 03 10 17; do
		as "=HYPERLINK(\"x\") \"Q\" & co" maya@example.com 2026-11-$d &&
		align update --blocker Block >/dev/null &&
		f=$(ls updates/*/*maya.md | tail -n 1) &&
		sed -i "s|^- Block\$|- $H|" $f &&
		git commit -q -am "by hand" &&
		as "Lee Park" lee@example.com 2026-11-$d &&
		align update --done x >/dev/null || return 1
	done
'

test_expect_success 'hostile: text escapes what people wrote' '
	cd "$T/hostile" &&
	health_at 2026-11-18 >out &&
	no_raw out &&
	test $(wc -l <out) -eq 1 &&
	grep "blocker raised by maya 3 weeks running (2026-W45 to 2026-W47): =HYPERLINK(\"http://x\") \"quotes\" \\\\e\[2J \\\\r <U+202E> <script>alert(1)</script>; who: maya; since " out
'

test_expect_success 'hostile: github annotations, one line each, nothing raw' '
	cd "$T/hostile" &&
	health_at 2026-11-18 --format github >out &&
	no_raw out &&
	test $(wc -l <out) -eq 1 &&
	grep "^::warning file=updates/2026-W47/2026-w47-maya.md,title=blocker-recurring::blocker raised by maya .*=HYPERLINK(\"http://x\") \"quotes\" \\\\e\[2J \\\\r <U+202E> <script>" out
'

test_expect_success PYTHON3 'hostile: json holds the text exactly, escaped' '
	cd "$T/hostile" &&
	health_at 2026-11-18 --format json >out &&
	no_raw out &&
	py out "
h = os.environ[\"H\"]
v = d[\"violations\"]
assert len(v) == 1, v
v = v[0]
assert v[\"message\"].endswith(\": \" + h), (v[\"message\"], h)
assert v[\"since\"][\"author\"].startswith(\"=HYPERLINK(\"), v
"
'

# ---- the CI notification example ----------------------------------------

test_expect_success PYTHON3 'health-notify.sh --dry-run: one chat message a violation, as JSON' '
	cd "$T/queue" &&
	cp align.ini ../queue.ini &&
	sed -i "/^approval-queue = 3$/d" align.ini &&
	ALIGN_NOW=2026-11-12 PATH="$(dirname "$ALIGN_BIN"):$PATH" \
		sh "$notify" --dry-run >out 2>err &&
	test $(wc -l <out) -eq 1 &&
	c=$(short $(cat ../queue-second)) &&
	C=$c python3 -c "import json, os, sys
lines = open(sys.argv[1]).read().splitlines()
p = json.loads(lines[0])
assert set(p) == {\"text\"}, p
t = p[\"text\"]
assert t.startswith(\"[warning] approval-queue: 2 briefs wait for approval\"), t
assert \"who: dana, maya\" in t, t
assert \"since \" + os.environ[\"C\"] + \" 2026-11-11 Lee Park\" in t, t
assert \"(briefs)\" in t, t
" out &&
	cp ../queue.ini align.ini
'

test_expect_success PYTHON3 'health-notify.sh posts each message with curl to the webhook, escaped for chat' '
	cd "$T/hostile" &&
	mkdir -p ../fakebin &&
	cat >../fakebin/curl <<-\EOF &&
	#!/bin/sh
	# Records the URL and the body of each post.
	for a in "$@"; do url=$a; done
	printf "%s\n" "$url" >>"$FAKE_LOG.urls"
	cat >>"$FAKE_LOG.bodies"
	printf "\n" >>"$FAKE_LOG.bodies"
	EOF
	chmod +x ../fakebin/curl &&
	FAKE_LOG="$T/posts" ALIGN_NOW=2026-11-18 \
		ALIGN_HEALTH_WEBHOOK=https://chat.example/hook \
		PATH="$T/fakebin:$(dirname "$ALIGN_BIN"):$PATH" \
		sh "$notify" >out 2>err &&
	echo https://chat.example/hook >expect &&
	test_cmp expect "$T/posts.urls" &&
	python3 -c "import json, os, sys
bodies = [l for l in open(sys.argv[1]).read().splitlines() if l]
assert len(bodies) == 1, bodies
t = json.loads(bodies[0])[\"text\"]
assert \"<script>\" not in t and \"&lt;script&gt;\" in t, t
assert \"\\x1b\" not in t and \"\\r\" not in t, t
" "$T/posts.bodies"
'

test_expect_success 'health-notify.sh: healthy posts nothing; a fatal health is its exit status' '
	cd "$T/healthy" &&
	rm -f "$T/posts.urls" &&
	ALIGN_NOW=2026-11-18 FAKE_LOG="$T/posts" \
		ALIGN_HEALTH_WEBHOOK=https://chat.example/hook \
		PATH="$T/fakebin:$(dirname "$ALIGN_BIN"):$PATH" \
		sh "$notify" >out 2>err &&
	test_must_be_empty out &&
	! test -e "$T/posts.urls" &&
	echo "update-missing = soon" >>align.ini &&
	test_expect_code 128 env ALIGN_NOW=2026-11-18 \
		PATH="$T/fakebin:$(dirname "$ALIGN_BIN"):$PATH" \
		sh "$notify" --dry-run >out 2>err &&
	grep "health.update-missing must be" err
'

test_done
