#!/bin/sh
# align raci: new (empty and from the template), set (surgical), show in
# every format, who (through roles); align check holding a workflow to
# each rule, broken then fixed, look-alike characters included; refusals
# that change nothing. Import and health: t1301-raci-import.sh,
# t1302-raci-health.sh.
. "$(dirname "$0")/lib.sh"

SQ="'"
T=$TRASH_DIRECTORY
test_lazy_prereq PYTHON3 'command -v python3'

# The roster: maya and dana have backups, lee none; dana is away in
# November; design is a role of lee and maya.
roster() {
	printf "%s\n" "[person \"maya\"]" "name = Maya Lind" \
		"email = maya@example.com" "backup = lee" "" \
		"[person \"dana\"]" "name = Dana Reyes" "email = dana@example.com" \
		"backup = lee" "away = 2026-11-01..2026-11-20" "" \
		"[person \"lee\"]" "name = Lee Park" "email = lee@example.com" "" \
		"[role \"design\"]" "members = lee, maya" >people.ini
}

test_expect_success 'setup: a repository with a roster and roles' '
	setup_align_repo &&
	roster &&
	git add people.ini &&
	git commit -q -m roster
'

test_expect_success 'raci new: an empty workflow, titled from its name' '
	align raci new partner-review >out &&
	echo raci/partner-review.ini >expect &&
	test_cmp expect out &&
	git log -1 --format=%s >subject &&
	echo "raci: new partner-review" >expect &&
	test_cmp expect subject &&
	grep -v "^;" raci/partner-review.ini >actual &&
	printf "%s\n" "" "[raci]" "id = partner-review" \
		"title = Partner review" >expect &&
	test_cmp expect actual &&
	align check >out 2>err &&
	grep -x "raci/partner-review.ini:6: warning: workflow ${SQ}partner-review${SQ} has no steps; add them with ${SQ}align raci set${SQ}" out
'

test_expect_success 'raci new --template campaign-launch: five steps, their blockers, empty letters' '
	align raci new campaign-launch --template campaign-launch >out &&
	echo raci/campaign-launch.ini >expect &&
	test_cmp expect out &&
	sed -n "/^\[step/,\$p" raci/campaign-launch.ini >actual &&
	for s in "brief-intake|brief intake|1|missing objective or audience" \
		"creative-production|creative production|2|late feedback cycles" \
		"crm-and-tracking-setup|CRM and tracking setup|3|broken field mapping" \
		"launch-approval|launch approval|4|approval bottleneck" \
		"performance-review|performance review|5|incomplete reporting"; do
		IFS="|" read -r key name order blocker <<-EOF2
		$s
		EOF2
		printf "%s\n" "[step \"$key\"]" "name = $name" "order = $order" \
			"responsible =" "accountable =" "consulted =" \
			"informed =" "blocker = $blocker" ""
	done | sed "\$d" >expect &&
	test_cmp expect actual
'

test_expect_success 'raci new: a bad name, an unknown template, an existing workflow change nothing' '
	save_state &&
	test_expect_code 129 align raci new "Campaign Launch" 2>err &&
	echo "align: error: invalid workflow name ${SQ}Campaign Launch${SQ}: use up to 64 lowercase letters, digits and single dashes" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align raci new x --template webinar 2>err &&
	echo "align: error: no RACI template ${SQ}webinar${SQ} (there is: campaign-launch)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align raci new campaign-launch 2>err &&
	echo "align: error: id ${SQ}campaign-launch${SQ} exists already (raci/campaign-launch.ini); choose another with --id" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align raci new 2>err &&
	test_line_count=$(wc -l <err) && test "$test_line_count" -eq 1 &&
	test_state_unchanged
'

test_expect_success 'raci set: only the values given change, and one commit' '
	cp raci/campaign-launch.ini before &&
	align raci set campaign-launch "launch approval" --responsible maya \
		--accountable dana --consulted design --informed lee \
		--sla 24h >out &&
	echo "campaign-launch: step ${SQ}launch approval${SQ}: responsible = maya, accountable = dana, consulted = design, informed = lee, sla = 24h" >expect &&
	test_cmp expect out &&
	git log -1 --format=%s >subject &&
	echo "raci: set campaign-launch launch-approval" >expect &&
	test_cmp expect subject &&
	diff before raci/campaign-launch.ini >actual;
	cat >expect <<-\EOF &&
	40,43c40,43
	< responsible =
	< accountable =
	< consulted =
	< informed =
	---
	> responsible = maya
	> accountable = dana
	> consulted = design
	> informed = lee
	44a45
	> sla = 24h
	EOF
	test_cmp expect actual &&
	git status --porcelain raci >status &&
	test_must_be_empty status
'

test_expect_success 'raci set: by key, and a new step with its name' '
	align raci set campaign-launch brief-intake --responsible maya \
		--accountable maya --informed dana >/dev/null &&
	align raci set campaign-launch "Legal sign-off" --responsible lee \
		--accountable maya --order 4.5 >out &&
	echo "campaign-launch: step ${SQ}Legal sign-off${SQ}: responsible = lee, accountable = maya, order = 4.5" >expect &&
	test_cmp expect out &&
	tail -n 6 raci/campaign-launch.ini >actual &&
	printf "%s\n" "" "[step \"legal-sign-off\"]" "name = Legal sign-off" \
		"responsible = lee" "accountable = maya" "order = 4.5" >expect &&
	test_cmp expect actual
'

test_expect_success 'raci set: bad values and unknown workflows change nothing' '
	save_state &&
	test_expect_code 129 align raci set campaign-launch "launch approval" --sla soon 2>err &&
	echo "align: error: invalid value ${SQ}soon${SQ} for --sla: it must be a duration such as 24h, 3d or 2w" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align raci set campaign-launch "launch approval" --order first 2>err &&
	echo "align: error: invalid value ${SQ}first${SQ} for --order: it must be a number" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align raci set campaign-launch "launch approval" --accountable "dana ;x" 2>err &&
	test_grep "^align: error: invalid value for --accountable: it contains" err &&
	test_expect_code 129 align raci set campaign-launch "!!!" --accountable dana 2>err &&
	echo "align: error: cannot make a step key from ${SQ}!!!${SQ}: give the step a name with letters or digits" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align raci set no-such "x" --accountable dana 2>err &&
	test $(wc -l <err) -eq 1 &&
	test_grep "^align: error: no raci " err &&
	test_expect_code 129 align raci set campaign-launch 2>err &&
	test $(wc -l <err) -eq 1 &&
	test_state_unchanged
'

test_expect_success 'raci show: the matrix, Accountable first in each cell' '
	align raci show campaign-launch >out &&
	cat >expect <<-\EOF &&
	Campaign launch (campaign-launch)
	step                    maya  dana  design  lee
	brief intake            A/R   I     .       .
	creative production     .     .     .       .
	CRM and tracking setup  .     .     .       .
	launch approval         R     A     C       I
	Legal sign-off          A     .     .       R
	performance review      .     .     .       .
	EOF
	test_cmp expect out &&
	align raci show campaign-launch --format md >out &&
	cat >expect <<-\EOF &&
	# Campaign launch (campaign-launch)

	| step | maya | dana | design | lee |
	| --- | --- | --- | --- | --- |
	| brief intake | A/R | I |  |  |
	| creative production |  |  |  |  |
	| CRM and tracking setup |  |  |  |  |
	| launch approval | R | A | C | I |
	| Legal sign-off | A |  |  | R |
	| performance review |  |  |  |  |
	EOF
	test_cmp expect out
'

test_expect_success PYTHON3 'raci show --format json: the whole workflow' '
	align raci show campaign-launch --format json >out.json &&
	python3 - out.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["format_version"] == 1
	assert d["workflow"] == "campaign-launch", d
	assert d["title"] == "Campaign launch"
	assert d["columns"] == ["maya", "dana", "design", "lee"], d["columns"]
	steps = d["steps"]
	assert [s["key"] for s in steps] == ["brief-intake",
	    "creative-production", "crm-and-tracking-setup", "launch-approval",
	    "legal-sign-off", "performance-review"], steps
	la = steps[3]
	assert la["name"] == "launch approval" and la["order"] == 4
	assert la["accountable"] == ["dana"] and la["consulted"] == ["design"]
	assert la["sla"] == "24h" and la["blocker"] == "approval bottleneck"
	assert la["cells"] == {"maya": "R", "dana": "A", "lee": "I",
	    "design": "C"}, la["cells"]
	assert steps[0]["cells"] == {"maya": "A/R", "dana": "I"}
	assert steps[4]["order"] == 4.5 and steps[1]["sla"] is None
	EOF
'

test_expect_success 'raci show --format csv: hostile names are neutralised' '
	cat >raci/hostile.ini <<-\EOF &&
	[raci]
	id = hostile

	[step "one"]
	name = =HYPERLINK("http://x")
	responsible = -2+3
	accountable = @SUM(A1)
	EOF
	align raci show hostile --format csv >out &&
	cat >expect <<-EOF &&
	step,${SQ}@SUM(A1),${SQ}-2+3
	"${SQ}=HYPERLINK(""http://x"")",A,R
	EOF
	test_cmp expect out &&
	rm raci/hostile.ini
'

test_expect_success 'raci show: an unknown workflow is one error line, exit 1' '
	test_expect_code 1 align raci show nothing-here >out 2>err &&
	test_must_be_empty out &&
	test $(wc -l <err) -eq 1 &&
	test_grep "^align: error: no raci " err
'

test_expect_success 'raci who: every letter, grouped, also through roles' '
	align raci who lee >out &&
	cat >expect <<-\EOF &&
	Responsible
	  campaign-launch: Legal sign-off
	Consulted
	  campaign-launch: launch approval (through design)
	Informed
	  campaign-launch: launch approval
	EOF
	test_cmp expect out &&
	align raci who design >out &&
	printf "%s\n" Consulted "  campaign-launch: launch approval" >expect &&
	test_cmp expect out &&
	align raci who maya >out &&
	cat >expect <<-\EOF &&
	Accountable
	  campaign-launch: brief intake
	  campaign-launch: Legal sign-off
	Responsible
	  campaign-launch: brief intake
	  campaign-launch: launch approval
	Consulted
	  campaign-launch: launch approval (through design)
	EOF
	test_cmp expect out
'

test_expect_success PYTHON3 'raci who --format json' '
	align raci who lee --format json >out.json &&
	python3 - out.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["who"] == "lee"
	assert d["accountable"] == []
	assert [x["step"] for x in d["responsible"]] == ["Legal sign-off"]
	c = d["consulted"][0]
	assert c["through"] == "design" and c["key"] == "launch-approval", c
	assert c["path"] == "raci/campaign-launch.ini"
	assert d["informed"][0]["through"] is None
	EOF
'

test_expect_success 'raci who: a name the roster does not know' '
	test_expect_code 1 align raci who mya >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: ${SQ}mya${SQ} is neither a person nor a role of the roster (did you mean ${SQ}maya${SQ}?)" >expect &&
	test_cmp expect err
'

# ---- the rules -------------------------------------------------------------

test_expect_success 'setup: a workflow that keeps every rule' '
	git rm -q raci/campaign-launch.ini raci/partner-review.ini &&
	git commit -q -m "start over" &&
	mkdir -p raci &&
	cat >raci/review.ini <<-\EOF &&
	[raci]
	id = review
	title = Review

	[step "draft"]
	name = draft
	order = 1
	responsible = maya
	accountable = maya
	consulted = dana, lee
	informed = design
	EOF
	git add raci/review.ini &&
	git commit -q -m review &&
	align check >out 2>err &&
	test_must_be_empty out
'

# broken <what> <sed script> <exit> <expected check output>: the rule
# broken, then the file put back and check clean again.
broken() {
	sed -i "$2" raci/review.ini &&
	test_expect_code "$3" align check >out 2>err
	status=$?
	if test -n "$4"; then printf "%s\n" "$4"; fi >expect &&
	git checkout -q -- raci/review.ini &&
	test $status -eq 0 &&
	test_cmp expect out &&
	align check >out 2>err &&
	test_must_be_empty out
}

test_expect_success 'rule: a step without an Accountable (error), fixed' '
	broken a "/^accountable/d" 1 \
		"raci/review.ini:5: error: step ${SQ}draft${SQ} has no Accountable; name exactly one"
'

test_expect_success 'rule: two Accountables (error), fixed' '
	broken a "s/^accountable = maya/accountable = maya, dana/" 1 \
		"raci/review.ini:9: error: step ${SQ}draft${SQ} has 2 Accountables (maya, dana); exactly one answers for a step"
'

test_expect_success 'rule: no Responsible (error), fixed' '
	broken r "s/^responsible = maya/responsible =/" 1 \
		"raci/review.ini:5: error: step ${SQ}draft${SQ} has no Responsible; name at least one"
'

test_expect_success 'rule: an Accountable without a backup (warning), fixed' '
	broken b "s/^accountable = maya/accountable = lee/" 0 \
		"raci/review.ini:9: warning: step ${SQ}draft${SQ}: Accountable ${SQ}lee${SQ} has no backup in the roster; set ${SQ}backup${SQ} for them in people.ini"
'

test_expect_success 'rule: too many Consulted (warning), and [raci] max-consulted' '
	broken c "s/^consulted = dana, lee/consulted = dana, lee, design, maya/; s/^informed = design/informed = dana/" 0 \
		"raci/review.ini:10: warning: step ${SQ}draft${SQ} has 4 Consulted, more than 3 ([raci] max-consulted); every one of them slows it down" &&
	printf "\n[raci]\nmax-consulted = 1\n" >>align.ini &&
	align check >out &&
	echo "raci/review.ini:10: warning: step ${SQ}draft${SQ} has 2 Consulted, more than 1 ([raci] max-consulted); every one of them slows it down" >expect &&
	test_cmp expect out &&
	git checkout -q -- align.ini
'

test_expect_success 'rule: one person holding every letter (warning), also through a role' '
	broken all "s/^consulted = dana, lee/consulted = maya/" 0 \
		"raci/review.ini:5: warning: step ${SQ}draft${SQ}: ${SQ}maya${SQ} holds every letter (R, A, C and I); share the work or drop the letters that say nothing"
'

test_expect_success 'rule: an Accountable away today with no backup there (warning)' '
	broken away "s/^accountable = maya/accountable = dana/" 0 "" &&
	sed -i "s/^backup = lee$//" people.ini &&
	sed -i "s/^accountable = maya/accountable = dana/" raci/review.ini &&
	align check >out &&
	cat >expect <<-EOF &&
	raci/review.ini:9: warning: step ${SQ}draft${SQ}: Accountable ${SQ}dana${SQ} has no backup in the roster; set ${SQ}backup${SQ} for them in people.ini
	raci/review.ini:9: warning: step ${SQ}draft${SQ}: Accountable ${SQ}dana${SQ} is away today (2026-11-02) and has no backup
	EOF
	test_cmp expect out &&
	ALIGN_NOW=2026-11-21 align check >out &&
	head -n 1 expect >expect.1 &&
	test_cmp expect.1 out &&
	git checkout -q -- people.ini raci/review.ini
'

test_expect_success 'rule: an unknown name, with the closest handle (error), fixed' '
	broken name "s/^informed = design/informed = desgin, lea, zorro/" 1 \
		"raci/review.ini:11: error: step ${SQ}draft${SQ}: informed ${SQ}desgin${SQ} is neither a person nor a role of the roster (did you mean ${SQ}design${SQ}?)
raci/review.ini:11: error: step ${SQ}draft${SQ}: informed ${SQ}lea${SQ} is neither a person nor a role of the roster (did you mean ${SQ}lee${SQ}?)
raci/review.ini:11: error: step ${SQ}draft${SQ}: informed ${SQ}zorro${SQ} is neither a person nor a role of the roster (people.ini)"
'

test_expect_success 'rule: look-alike characters, named with their column (error), fixed' '
	broken cyrillic "s/^responsible = maya/responsible = m\xd0\xb0ya/" 1 \
		"raci/review.ini:8: error: step ${SQ}draft${SQ}: responsible ${SQ}m$(printf "\320\260")ya${SQ} has a look-alike character at column 16: CYRILLIC SMALL LETTER A (U+0430); did you mean ${SQ}maya${SQ}?" &&
	broken zwsp "s/^consulted = dana, lee/consulted = dana, l\xe2\x80\x8bee/" 1 \
		"raci/review.ini:10: error: step ${SQ}draft${SQ}: consulted ${SQ}l$(printf "\342\200\213")ee${SQ} has a look-alike character at column 20: ZERO WIDTH SPACE (U+200B); did you mean ${SQ}lee${SQ}?"
'

test_expect_success 'rule: an sla that is not a duration (error), fixed' '
	broken sla "\$a sla = 2 days" 1 \
		"raci/review.ini:12: error: step ${SQ}draft${SQ}: sla ${SQ}2 days${SQ} must be a duration such as 24h, 3d or 2w"
'

test_expect_success 'a brief names its workflow; an unknown one is an error' '
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 --no-edit >/dev/null &&
	b=$(ls briefs/*.md) &&
	sed -i "s/^due = 2026-12-10$/&\nworkflow = review/" "$b" &&
	align check >out &&
	test_must_be_empty out &&
	sed -i "s/^workflow = review$/workflow = reviw/" "$b" &&
	test_expect_code 1 align check >out &&
	test_grep "^$b:[0-9]*: error: .*workflow.*reviw" out &&
	git checkout -q -- "$b"
'

test_expect_success 'people show lists the RACI steps a person is accountable or responsible for' '
	mkdir duties && (
		cd duties && git init -q -b main . && align init >/dev/null &&
		align people add maya --name Maya --email maya@example.com >/dev/null &&
		align people add dana --name Dana --email dana@example.com \
			--backup maya >/dev/null &&
		align raci new campaign-launch --template campaign-launch >/dev/null &&
		align raci set campaign-launch "launch approval" \
			--accountable dana --responsible maya >/dev/null &&
		align people show dana >../dana.out &&
		grep -x "raci  campaign-launch  step launch-approval: accountable  -  -  -" ../dana.out &&
		align people show maya --format json >../maya.json &&
		python3 -c "import json; d = json.load(open(\"../maya.json\")); r = [(x[\"kind\"], x[\"id\"], x[\"field\"], x[\"part\"]) for x in d[\"responsible\"]]; assert r == [(\"raci\", \"campaign-launch\", \"responsible\", \"launch-approval\")], r"
	)
'

test_done
