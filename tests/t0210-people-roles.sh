#!/bin/sh
# The roster beyond names and emails: align people add and set write
# people.ini surgically and commit it; roles stand for several people in
# any person field; backups and time away; align people show lists what a
# person answers for across every kind, through their roles too; align
# check holds roles, backups, away ranges and look-alike characters to
# their rules. Every refusal is one line, a documented exit status, and
# leaves the repository as it was.
. "$(dirname "$0")/lib.sh"

if command -v python3 >/dev/null; then
	:
else
	skip_all "python3 is needed to load the JSON output"
fi

S=$TRASH_DIRECTORY
SQ="'"
# A Cyrillic small a (U+0430), a zero-width space (U+200B), a Greek
# capital omicron (U+039F), a fullwidth small m (U+FF4D).
CYR_A=$(printf '\320\260')
ZWSP=$(printf '\342\200\213')
GRK_O=$(printf '\316\237')
FW_M=$(printf '\357\275\215')
export CYR_A ZWSP GRK_O FW_M

# one_line <file>: exactly one line (an error is one line).
one_line() {
	test "$(wc -l <"$1")" -eq 1 || {
		echo "not one line:" >&2
		cat "$1" >&2
		return 1
	}
}

# refused <code> <what to find in stderr> <command...>: fails with that
# exit status, says so in one line, changes nothing.
refused() {
	code=$1
	what=$2
	shift 2
	save_state &&
	test_expect_code "$code" "$@" >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	one_line "$S/err" &&
	test_grep "$what" "$S/err" &&
	test_state_unchanged
}

test_expect_success 'setup: a repository without a roster' '
	setup_align_repo &&
	test ! -e people.ini
'

test_expect_success 'people add makes the roster and commits it alone' '
	align people add maya --name "Maya Lind" --email maya@example.com \
		--team growth >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	cat >"$S/expect" <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com
	team = growth
	EOF
	test_cmp "$S/expect" people.ini &&
	git log -1 --format=%s >"$S/subject" &&
	echo "people: add maya" >"$S/expect" &&
	test_cmp "$S/expect" "$S/subject" &&
	git show --name-only --format= HEAD >"$S/files" &&
	echo people.ini >"$S/expect" &&
	test_cmp "$S/expect" "$S/files" &&
	git status --porcelain >"$S/status" &&
	test_must_be_empty "$S/status"
'

test_expect_success 'people add appends a section with every key given' '
	align people add lee --name "Lee Park" --email "lee@example.com, lee.p@example.org" \
		--role "web lead" --backup maya \
		--away "2026-12-20..2027-01-04, 2027-02-01" -m "joins the web team" &&
	align people add dana --name "Dana Okafor" --email dana@example.com \
		--team content &&
	cat >"$S/expect" <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com
	team = growth

	[person "lee"]
	name = Lee Park
	email = lee@example.com, lee.p@example.org
	role = web lead
	backup = maya
	away = 2026-12-20..2027-01-04, 2027-02-01

	[person "dana"]
	name = Dana Okafor
	email = dana@example.com
	team = content
	EOF
	test_cmp "$S/expect" people.ini &&
	git log --format=%s -3 >"$S/subjects" &&
	printf "%s\n" "people: add dana" "people: add lee" "people: add maya" \
		>"$S/expect" &&
	test_cmp "$S/expect" "$S/subjects" &&
	git log -1 --skip=1 --format=%B >"$S/body" &&
	test_grep "joins the web team" "$S/body" &&
	test_grep "^Align-Record: people.ini$" "$S/body" &&
	align check
'

test_expect_success 'people set changes only the keys given; an empty value removes one' '
	printf "%s\n" "; the growth team" "" >"$S/head" &&
	cat "$S/head" people.ini >"$S/new" && mv "$S/new" people.ini &&
	printf "%s\n" "" "[role \"web-team\"]" "members = lee, dana" >>people.ini &&
	git commit -q -am "comment and a role" &&
	cp people.ini "$S/before" &&
	align people set maya --backup lee --away 2026-11-02 --team "" &&
	{ diff "$S/before" people.ini >"$S/diff"; test $? -eq 1; } &&
	cat >"$S/expect" <<-\EOF &&
	6c6,7
	< team = growth
	---
	> backup = lee
	> away = 2026-11-02
	EOF
	test_cmp "$S/expect" "$S/diff" &&
	git log -1 --format=%s >"$S/subject" &&
	echo "people: set maya" >"$S/expect" &&
	test_cmp "$S/expect" "$S/subject" &&
	align people set lee --role "" &&
	! grep "^role = web lead" people.ini &&
	grep "^; the growth team$" people.ini &&
	git status --porcelain >"$S/status" &&
	test_must_be_empty "$S/status"
'

test_expect_success 'people set --no-commit writes the file only' '
	align people set dana --team "content, social" --no-commit &&
	grep "^team = content, social$" people.ini &&
	git diff --name-only >"$S/changed" &&
	echo people.ini >"$S/expect" &&
	test_cmp "$S/expect" "$S/changed" &&
	git checkout -q people.ini
'

test_expect_success 'people add refuses a handle that is taken, by a person or a role' '
	refused 1 "person .maya. is in the roster already" \
		align people add maya --name M --email m2@example.com &&
	refused 1 ".web-team. is a role; roles and handles share one namespace" \
		align people add web-team --name W --email w@example.com
'

test_expect_success 'people add refuses a look-alike handle, naming the character and column' '
	refused 129 "invalid handle .m${CYR_A}ya. has CYRILLIC SMALL LETTER A (U+0430) at column 2; did you mean .maya.?" \
		align people add "m${CYR_A}ya" --name M --email m2@example.com &&
	refused 129 "ZERO WIDTH SPACE (U+200B) at column 4" \
		align people add "sam${ZWSP}" --name S --email s@example.com &&
	refused 129 "FULLWIDTH LATIN SMALL LETTER M (U+FF4D) at column 1" \
		align people add "${FW_M}ax" --name M --email max@example.com &&
	refused 129 "invalid handle .a b.: use 1-32 of letters" \
		align people add "a b" --name A --email a@example.com
'

test_expect_success 'people add and set refuse bad values with exit 129' '
	refused 129 "a new person needs --name and --email" \
		align people add sam --name Sam &&
	refused 129 "person .sam. needs an email address" \
		align people add sam --name Sam --email nobody &&
	refused 129 "away entry .soon. is not a date or a range" \
		align people add sam --name Sam --email sam@example.com --away soon &&
	refused 129 "away range .2027-01-04..2026-12-20. ends before it starts" \
		align people set maya --away "2026-11-02, 2027-01-04..2026-12-20" &&
	refused 129 "away entry .2026-02-30. is not a date" \
		align people set maya --away 2026-02-30 &&
	refused 129 "person .maya. needs a name" \
		align people set maya --name "" &&
	refused 129 "invalid team: it contains a line break" \
		align people set maya --team "$(printf "a\nstatus = x")" &&
	refused 129 "nothing to set" align people set maya &&
	refused 129 "which person" align people set --team x &&
	refused 129 "unexpected argument .lee." align people show maya lee
'

test_expect_success 'people add and set refuse what the roster rules forbid with exit 1' '
	refused 1 "backup .le. is not in the roster (did you mean .lee.?)" \
		align people add sam --name Sam --email sam@example.com --backup le &&
	refused 1 "person .maya. cannot be their own backup" \
		align people set maya --backup maya &&
	refused 1 "email .LEE@example.com. belongs to .lee. already" \
		align people set maya --email "maya@example.com, LEE@example.com" &&
	refused 1 "person .mia. is not in the roster (did you mean .maya.?)" \
		align people set mia --team x &&
	refused 129 "backup .m${CYR_A}ya. has CYRILLIC SMALL LETTER A" \
		align people set lee --backup "m${CYR_A}ya"
'

test_expect_success 'setup: records naming people and roles in every kind' '
	mkdir -p okrs/2026-Q4 updates/2026-W45 &&
	write_answered_brief briefs/2026-11-partner-webinar.md &&
	sed -i "s/^owner = maya$/owner = web-team/; s/^accountable = dana$/accountable = maya/" \
		briefs/2026-11-partner-webinar.md &&
	cat >okrs/2026-Q4/grow.md <<-\EOF &&
	# Grow pipeline

	```ini
	[objective]
	id = 2026-q4-grow
	quarter = 2026-Q4
	owner = lee

	[kr "leads"]
	title = Leads
	start = 0
	target = 10
	owner = web-team

	[kr "mql"]
	title = MQLs
	start = 0
	target = 5
	owner = maya
	```
	EOF
	cat >updates/2026-W45/2026-w45-dana.md <<-\EOF &&
	# 2026-W45 update: dana

	```ini
	[update]
	id = 2026-w45-dana
	week = 2026-W45
	person = dana
	```

	## Done

	- shipped the deck
	EOF
	git add . &&
	git commit -q -m records &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out"
'

test_expect_success 'people ls: role, backup and away columns in text, csv and md' '
	align people ls >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	maya  Maya Lind    -        maya@example.com                    -  lee   2026-11-02
	lee   Lee Park     -        lee@example.com, lee.p@example.org  -  maya  2026-12-20..2027-01-04, 2027-02-01
	dana  Dana Okafor  content  dana@example.com                    -  -     -
	EOF
	test_cmp "$S/expect" "$S/out" &&
	align people ls --team content --format csv >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	handle,name,team,email,role,backup,away
	dana,Dana Okafor,content,dana@example.com,,,
	EOF
	test_cmp "$S/expect" "$S/out" &&
	align people ls --team content --format md >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	| handle | name | team | email | role | backup | away |
	| --- | --- | --- | --- | --- | --- | --- |
	| dana | Dana Okafor | content | dana@example.com |  |  |  |
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'people ls --format json: away today, roles, and the roles themselves' '
	ALIGN_NOW=2026-12-24 align people ls --format json >"$S/out" &&
	python3 - "$S/out" <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["format_version"] == 1, d
	p = {x["handle"]: x for x in d["people"]}
	assert list(p) == ["maya", "lee", "dana"], list(p)
	assert p["lee"]["away_today"] is True, p["lee"]
	assert p["maya"]["away_today"] is False, p["maya"]
	assert p["lee"]["backup"] == "maya" and p["lee"]["role"] is None
	assert p["lee"]["away"] == "2026-12-20..2027-01-04, 2027-02-01"
	assert p["lee"]["roles"] == ["web-team"], p["lee"]
	assert p["maya"]["roles"] == [], p["maya"]
	assert d["roles"] == [{"name": "web-team", "members": ["lee", "dana"]}], d["roles"]
	EOF
'

test_expect_success 'people show: fields, roles, and what the person answers for through a role' '
	ALIGN_NOW=2026-12-24 align people show lee >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	handle: lee
	name: Lee Park
	team: -
	email: lee@example.com, lee.p@example.org
	role: -
	backup: maya
	away: 2026-12-20..2027-01-04, 2027-02-01
	away today: yes
	roles: web-team

	accountable for:
	objective  2026-q4-grow  owner                    -             -  Grow pipeline
	objective  2026-q4-grow  key result leads: owner  via web-team  -  Grow pipeline

	responsible for:
	brief  2026-11-partner-webinar  owner  via web-team  draft  Partner webinar
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'people show --format json covers every kind' '
	align people show dana --format json >"$S/dana" &&
	align people show maya --format json >"$S/maya" &&
	python3 - "$S/dana" "$S/maya" <<-\EOF
	import json, sys
	dana = json.load(open(sys.argv[1]))
	maya = json.load(open(sys.argv[2]))
	assert dana["handle"] == "dana" and dana["team"] == "content"
	assert dana["emails"] == ["dana@example.com"]
	assert dana["away_ranges"] == [] and dana["away_today"] is False
	assert dana["roles"] == ["web-team"]
	acc = [(x["kind"], x["id"], x["field"], x["part"], x["via"]) for x in dana["accountable"]]
	assert acc == [("objective", "2026-q4-grow", "owner", "leads", "web-team")], acc
	res = [(x["kind"], x["field"], x["via"], x["path"], x["line"]) for x in dana["responsible"]]
	assert res == [("brief", "owner", "web-team", "briefs/2026-11-partner-webinar.md", 8),
		       ("update", "person", None, "updates/2026-W45/2026-w45-dana.md", 7)], res
	assert dana["named"] == []
	assert maya["away_ranges"] == [{"from": "2026-11-02", "to": "2026-11-02"}], maya
	acc = [(x["kind"], x["field"], x["part"], x["via"], x["status"], x["title"]) for x in maya["accountable"]]
	assert acc == [("brief", "accountable", None, None, "draft", "Partner webinar"),
		       ("objective", "owner", "mql", None, None, "Grow pipeline")], acc
	assert maya["responsible"] == [] and maya["roles"] == []
	EOF
'

test_expect_success 'people show refuses an unknown handle and a role' '
	refused 1 "person .lea. is not in the roster (did you mean .lee.?)" \
		align people show lea &&
	refused 1 ".web-team. is a role, not a person" \
		align people show web-team &&
	refused 129 "which person" align people show
'

test_expect_success 'check: a person field may name a role; an unknown name suggests a role too' '
	sed -i "s/^owner = web-team$/owner = web-tem/" briefs/2026-11-partner-webinar.md &&
	test_expect_code 1 align check >"$S/out" 2>/dev/null &&
	test_grep "briefs/2026-11-partner-webinar.md:8: error: owner .web-tem. is not in the roster (did you mean .web-team.?)" "$S/out" &&
	git checkout -q briefs
'

test_expect_success 'check: look-alikes in person fields say which character at which column' '
	sed -i "s/^accountable = maya$/accountable = m${CYR_A}ya/" briefs/2026-11-partner-webinar.md &&
	sed -i "s/^owner = lee$/owner = lee${ZWSP}/" okrs/2026-Q4/grow.md &&
	test_expect_code 1 align check >"$S/out" 2>/dev/null &&
	test_grep "briefs/2026-11-partner-webinar.md:9: error: accountable .m${CYR_A}ya. has CYRILLIC SMALL LETTER A (U+0430) at column 2; did you mean .maya.?" "$S/out" &&
	test_grep "okrs/2026-Q4/grow.md:7: error: owner .lee${ZWSP}. has ZERO WIDTH SPACE (U+200B) at column 4; did you mean .lee.?" "$S/out" &&
	test "$(grep -c error "$S/out")" -eq 2 &&
	git checkout -q briefs okrs
'

test_expect_success 'check: a look-alike in a roster header names the character, not the charset' '
	cp people.ini "$S/roster" &&
	sed -i "s/^\[person \"dana\"\]$/[person \"d${CYR_A}na\"]/" people.ini &&
	test_expect_code 1 align check >"$S/out" 2>/dev/null &&
	test_grep "people.ini:15: error: handle .d${CYR_A}na. has CYRILLIC SMALL LETTER A (U+0430) at column 2; did you mean .dana.?" "$S/out" &&
	! grep "malformed subsection" "$S/out" &&
	test_grep "people.ini: warning: the roster does not parse: person fields are not checked until it does" "$S/out" &&
	cp "$S/roster" people.ini &&
	sed -i "s/^\[role \"web-team\"\]$/[role \"web-te${GRK_O}m\"]/" people.ini &&
	test_expect_code 1 align check >"$S/out" 2>/dev/null &&
	test_grep "people.ini:20: error: role name .web-te${GRK_O}m. has GREEK CAPITAL LETTER OMICRON (U+039F) at column 7" "$S/out" &&
	cp "$S/roster" people.ini
'

test_expect_success 'check: the roster rules on roles, backups and away ranges' '
	cat >>people.ini <<-EOF &&

	[person "sam"]
	name = Sam Ortiz
	email = sam@example.com
	backup = sam
	away = 2027-01-04..2026-12-20, later

	[person "kim"]
	name = Kim Lee
	email = kim@example.com
	backup = web-team

	[person "ana"]
	name = Ana Ruiz
	email = ana@example.com
	backup = samm

	[role "lee"]
	members = maya

	[role "social"]
	members = dana, jo, m${CYR_A}ya, kim${ZWSP}, web-team

	[role "nobody"]
	EOF
	git commit -q -am "a roster with problems" &&
	test_expect_code 1 align check >"$S/out" 2>"$S/err" &&
	grep "^people.ini" "$S/out" >"$S/roster" &&
	cat >"$S/expect" <<-EOF &&
	people.ini:26: error: person ${SQ}sam${SQ} is their own backup; name someone else
	people.ini:27: error: away range ${SQ}2027-01-04..2026-12-20${SQ} of ${SQ}sam${SQ} ends before it starts
	people.ini:27: error: away entry ${SQ}later${SQ} of ${SQ}sam${SQ} is not a date or a range (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)
	people.ini:32: error: backup ${SQ}web-team${SQ} of ${SQ}kim${SQ} is a role; name a person
	people.ini:37: error: backup ${SQ}samm${SQ} of ${SQ}ana${SQ} is not in the roster (did you mean ${SQ}sam${SQ}?)
	people.ini:39: error: role ${SQ}lee${SQ} has the name of a person; roles and handles share one namespace, so rename the role
	people.ini:43: error: member ${SQ}jo${SQ} of role ${SQ}social${SQ} is not in the roster
	people.ini:43: error: member ${SQ}m${CYR_A}ya${SQ} of role ${SQ}social${SQ} has CYRILLIC SMALL LETTER A (U+0430) at column 2; did you mean ${SQ}maya${SQ}?
	people.ini:43: error: member ${SQ}kim${ZWSP}${SQ} of role ${SQ}social${SQ} has ZERO WIDTH SPACE (U+200B) at column 4; did you mean ${SQ}kim${SQ}?
	people.ini:43: error: member ${SQ}web-team${SQ} of role ${SQ}social${SQ} is a role; name a person
	people.ini:45: warning: role ${SQ}nobody${SQ} has no members; list their handles in ${SQ}members${SQ}
	EOF
	test_cmp "$S/expect" "$S/roster" &&
	test_expect_code 1 align check --format json >"$S/json" &&
	python3 - "$S/json" <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	msgs = [x["message"] for x in d["diagnostics"] if x["path"] == "people.ini"]
	assert any("ZERO WIDTH SPACE (U+200B) at column 4" in m for m in msgs), msgs
	assert len(msgs) == 11, msgs
	EOF
'

test_done
