#!/bin/sh
# A brief that names its workflow:  sends a late approval to
# the Accountable of the workflow's launch approval step, to their backup
# while they are away, and says when nobody covers (raci-away); step-sla
# holds the step's own sla. The quarterly report's ownership section:
# its gaps and the SLA compliance of the approvals.
. "$(dirname "$0")/lib.sh"

SQ="'"
b=briefs/2026-11-partner-webinar.md
test_lazy_prereq PYTHON3 'command -v python3'

# health_at <now> [<args>]: align health at that instant.
health_at() {
	now=$1 && shift &&
	ALIGN_NOW=$now align health "$@"
}

short() {
	git rev-parse --short=7 "$1"
}

test_expect_success 'setup: a workflow whose approver is away from 2026-11-09' '
	as "Maya Lind" maya@example.com 2026-11-02 &&
	setup_align_repo &&
	printf "\n[health]\nupdate-missing-severity = off\n" >>align.ini &&
	printf "%s\n" "[person \"maya\"]" "name = Maya Lind" \
		"email = maya@example.com" "backup = lee" "" \
		"[person \"dana\"]" "name = Dana Reyes" \
		"email = dana@example.com" "backup = lee" \
		"away = 2026-11-09..2026-11-20" "" \
		"[person \"lee\"]" "name = Lee Park" "email = lee@example.com" \
		>people.ini &&
	git add align.ini people.ini &&
	git commit -q -m roster &&
	align raci new campaign-launch --template campaign-launch >/dev/null &&
	align raci set campaign-launch "launch approval" --responsible maya \
		--accountable dana --sla 48h >/dev/null &&
	write_answered_brief $b &&
	sed -i "s/^due = 2026-12-10$/&\nworkflow = campaign-launch/" $b &&
	git add $b &&
	git commit -q -m "brief: new 2026-11-partner-webinar" &&
	as "Maya Lind" maya@example.com 2026-11-03 &&
	align brief submit 2026-11-partner >/dev/null &&
	git rev-parse HEAD >submit
'

test_expect_success 'the approver is there: approval-sla goes to them, step-sla waits for 48h' '
	c=$(short $(cat submit)) &&
	test_expect_code 1 health_at 2026-11-04T12:00:00Z  >out &&
	echo "$b: error: approval-sla: brief ${SQ}2026-11-partner-webinar${SQ} has waited 1d 2h for approval, over 24h; escalated to dana, Accountable for launch approval in campaign-launch; who: dana; since $c 2026-11-03 Maya Lind" >expect &&
	test_cmp expect out &&
	test_expect_code 1 health_at 2026-11-05T12:00:00Z  >out &&
	cat >expect <<-EOF &&
	$b: error: approval-sla: brief ${SQ}2026-11-partner-webinar${SQ} has waited 2d 2h for approval, over 24h; escalated to dana, Accountable for launch approval in campaign-launch; who: dana; since $c 2026-11-03 Maya Lind
	$b: error: step-sla: brief ${SQ}2026-11-partner-webinar${SQ} has waited 2d 2h for launch approval, over the sla 48h of campaign-launch; escalated to dana, Accountable for launch approval in campaign-launch; who: dana; since $c 2026-11-03 Maya Lind
	EOF
	test_cmp expect out
'

test_expect_success 'the approver is away: the escalation goes to the backup' '
	c=$(short $(cat submit)) &&
	test_expect_code 1 health_at 2026-11-10T12:00:00Z  >out &&
	cat >expect <<-EOF &&
	$b: error: approval-sla: brief ${SQ}2026-11-partner-webinar${SQ} has waited 7d 2h for approval, over 24h; escalated to lee, backup of dana (away), Accountable for launch approval in campaign-launch; who: lee; since $c 2026-11-03 Maya Lind
	$b: error: step-sla: brief ${SQ}2026-11-partner-webinar${SQ} has waited 7d 2h for launch approval, over the sla 48h of campaign-launch; escalated to lee, backup of dana (away), Accountable for launch approval in campaign-launch; who: lee; since $c 2026-11-03 Maya Lind
	EOF
	test_cmp expect out
'

test_expect_success PYTHON3 'the same in JSON: who is the backup' '
	test_expect_code 1 health_at 2026-11-10T12:00:00Z  --format json >out.json &&
	python3 - out.json <<-\EOF
	import json, sys
	v = json.load(open(sys.argv[1]))["violations"]
	assert [x["rule"] for x in v] == ["approval-sla", "step-sla"], v
	assert all(x["who"] == ["lee"] for x in v), v
	EOF
'

test_expect_success 'nobody covers: raci-away, and the approval names the gap' '
	sed -i "/^backup = lee$/d" people.ini &&
	git commit -q -m "no backups" people.ini &&
	line=$(grep -n "^accountable = dana$" raci/campaign-launch.ini | cut -d: -f1) &&
	test_expect_code 1 health_at 2026-11-10T12:00:00Z  >out &&
	grep "^$b: error: approval-sla: .*; dana, Accountable for launch approval in campaign-launch, is away with no backup there; who: dana; " out &&
	grep -x "raci/campaign-launch.ini:$line: warning: raci-away: dana, Accountable for launch approval in campaign-launch, is away and no backup is there; who: dana, maya" out &&
	ALIGN_NOW=2026-11-21T12:00:00Z  >out2 ||
	! grep raci-away out2
'

test_expect_success 'a brief without a workflow still goes to its accountable' '
	sed -i "/^workflow = campaign-launch$/d" $b &&
	git commit -q -m "no workflow" $b &&
	test_expect_code 1 health_at 2026-11-10T12:00:00Z  >out &&
	grep "^$b: error: approval-sla: .* over 24h; who: dana; " out &&
	! grep step-sla out &&
	git revert --no-edit HEAD >/dev/null
'

test_expect_success PYTHON3 'the quarterly report: ownership gaps and the approval step measured' '
	as "Lee Park" lee@example.com 2026-11-06 &&
	align brief approve 2026-11-partner >/dev/null &&
	as "Maya Lind" maya@example.com 2026-11-10 &&
	align raci set campaign-launch "launch approval" --informed lee >/dev/null &&
	align report quarterly --quarter 2026-Q4 --format json >report.json &&
	python3 - report.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	s = [x for x in d["sections"] if x["key"] == "ownership"]
	assert len(s) == 1, [x["key"] for x in d["sections"]]
	text = json.dumps(s[0])
	assert "launch approval" in text, text
	gaps = s[0]["tables"]["gaps"]
	rows = [(g["step"], g["gap"], g["who"]) for g in gaps]
	assert ("brief intake", "no Accountable", None) in rows, rows
	assert ("launch approval", "Accountable has no backup", "dana") in rows, rows
	assert ("launch approval", "Accountable away, nobody covering", "dana") in rows, rows
	sla = s[0]["tables"]["sla"]
	assert len(sla) == 1, sla
	r = sla[0]
	assert r["step"] == "launch approval" and r["sla"] == "48h", r
	assert r["measured"] == 1 and r["within"] == 0, r
	assert r["slowest_days"] == 3, r
	EOF
'

test_expect_success 'the report says what it cannot measure' '
	align raci set campaign-launch "creative production" --sla 3d >/dev/null &&
	align report quarterly --quarter 2026-Q4 --format md >report.md &&
	grep "step ${SQ}creative production${SQ} of campaign-launch has an sla of 3d, but no record says when it starts and ends; it is not measured" report.md
'

test_done
