#!/bin/sh
# Strategic filters: align.ini's [filters] copied into every new brief as
# a "## Strategic filters" checklist, approve warning (and approving) while
# a criterion is unticked, check warning on an approved brief with one
# unticked; what it refuses, one line and nothing changed.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"

test_lazy_prereq PYTHON3 'command -v python3'

# answer <brief>: the template's comments become answers, committed.
answer() {
	sed "s/^<!--.*-->\$/Answered./" "$1" >"$S/answered" &&
	cp "$S/answered" "$1" &&
	git commit -q -m "answers" -- "$1"
}

# new_brief <title>: a brief with owner, accountable and due; its path.
new_brief() {
	align brief new "$1" --owner maya --accountable dana \
		--due 2026-12-10 --no-edit
}

test_expect_success 'setup: a roster and three strategic filters' '
	setup_align_repo &&
	write_roster &&
	cat >>align.ini <<-\EOF &&

	[filters]
	fit = Serves the ICP
	revenue = Moves pipeline this quarter
	later =
	focus = Fits one of this quarter${SQ}s objectives
	EOF
	sed -i "s/\${SQ}/$SQ/" align.ini &&
	git add people.ini align.ini &&
	git commit -q -m "roster and filters" &&
	grep -q "^focus = Fits one of this quarter${SQ}s objectives\$" align.ini
'

test_expect_success 'brief new copies the filters as an unticked checklist at the end' '
	new_brief "Partner webinar" >out &&
	echo briefs/2026-11-partner-webinar.md >expect &&
	test_cmp expect out &&
	tail -n 6 briefs/2026-11-partner-webinar.md >actual &&
	cat >expect <<-EOF &&

	## Strategic filters

	- [ ] Serves the ICP
	- [ ] Moves pipeline this quarter
	- [ ] Fits one of this quarter${SQ}s objectives
	EOF
	test_cmp expect actual &&
	git show HEAD:briefs/2026-11-partner-webinar.md >committed &&
	test_cmp briefs/2026-11-partner-webinar.md committed &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a draft or submitted brief with unticked filters checks clean' '
	align check >out 2>err &&
	test_must_be_empty out &&
	answer briefs/2026-11-partner-webinar.md &&
	align brief submit 2026-11-partner-webinar >/dev/null &&
	align check >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'approve with unticked filters: approves, warns on stderr' '
	align brief approve 2026-11-partner-webinar >out 2>err &&
	echo "2026-11-partner-webinar: submitted → approved" >expect &&
	test_cmp expect out &&
	echo "align: warning: brief ${SQ}2026-11-partner-webinar${SQ} is approved with unticked strategic filters: Serves the ICP; Moves pipeline this quarter; Fits one of this quarter${SQ}s objectives" >expect &&
	test_cmp expect err &&
	git show HEAD:briefs/2026-11-partner-webinar.md >committed &&
	grep -qx "status = approved" committed &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'check warns on the approved brief, at the section heading' '
	save_state &&
	align check >out 2>err &&
	line=$(grep -n "^## Strategic filters\$" briefs/2026-11-partner-webinar.md | cut -d: -f1) &&
	echo "briefs/2026-11-partner-webinar.md:$line: warning: approved brief has unticked strategic filters: Serves the ICP; Moves pipeline this quarter; Fits one of this quarter${SQ}s objectives" >expect &&
	test_cmp expect out &&
	echo "0 errors, 1 warning in 1 record" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align check --strict >/dev/null 2>&1 &&
	test_state_unchanged
'

test_expect_success PYTHON3 'check --format json: the warning, typed' '
	align check --format json >out &&
	python3 -c "import json, sys
d = json.load(open(\"out\"))[\"diagnostics\"]
assert len(d) == 1 and d[0][\"severity\"] == \"warning\", d
assert d[0][\"path\"] == \"briefs/2026-11-partner-webinar.md\", d
assert \"Serves the ICP\" in d[0][\"message\"], d
"
'

test_expect_success 'ticking with [x] or [X] clears them one by one' '
	f=briefs/2026-11-partner-webinar.md &&
	sed -i "s/^- \[ \] Serves the ICP\$/- [x] Serves the ICP/" $f &&
	align check >out &&
	test_grep "filters: Moves pipeline this quarter; Fits one" out &&
	! grep "Serves the ICP" out &&
	sed -i "s/^- \[ \] Moves/* [X] Moves/; s/^- \[ \] Fits/- [x] Fits/" $f &&
	align check >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	git commit -q -am "ticked"
'

test_expect_success 'once live, unticked filters are not warned about' '
	f=briefs/2026-11-partner-webinar.md &&
	align brief launch 2026-11-partner-webinar >out 2>err &&
	test_must_be_empty err &&
	sed -i "s/^- \[x\] Serves/- [ ] Serves/" $f &&
	align check >out 2>err &&
	test_must_be_empty out &&
	git checkout -q $f
'

test_expect_success 'approve with every filter ticked: no warning' '
	p=$(new_brief "Spring email") &&
	answer "$p" &&
	sed -i "s/^- \[ \]/- [x]/" "$p" &&
	git commit -q -am ticked &&
	align brief submit 2026-11-spring-email >/dev/null &&
	align brief approve 2026-11-spring-email >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'a refused approve says nothing of filters and changes nothing' '
	p=$(new_brief "Unanswered") &&
	sed -i "s/^owner =.*/owner = maya/" "$p" &&
	align brief submit 2026-11-unanswered >/dev/null &&
	save_state &&
	test_expect_code 1 align brief approve 2026-11-unanswered >out 2>err &&
	test_must_be_empty out &&
	test "$(wc -l <err)" -eq 1 &&
	test_grep "^align: error: cannot approve brief ${SQ}2026-11-unanswered${SQ}: unanswered questions" err &&
	! grep "filter" err &&
	test_state_unchanged
'

test_expect_success 'approve --no-commit warns too' '
	p=$(new_brief "No commit") &&
	answer "$p" &&
	align brief submit 2026-11-no-commit >/dev/null &&
	align brief approve 2026-11-no-commit --no-commit >out 2>err &&
	test_grep "^align: warning: brief ${SQ}2026-11-no-commit${SQ} is approved with unticked strategic filters: Serves the ICP" err &&
	grep -qx "status = approved" "$p" &&
	git checkout -q "$p"
'

test_expect_success 'align new brief copies them too' '
	align new brief "Generic way" --owner maya >out &&
	p=$(tail -n 1 out) &&
	test_grep "^- \[ \] Serves the ICP\$" "$p" &&
	test "$(grep -c "^- \[ \]" "$p")" -eq 3
'

test_expect_success 'a template that lists a criterion already gets the rest, once each' '
	cat >>templates/brief.md <<-\EOF &&

	## Strategic filters

	- [ ] Serves the ICP
	EOF
	git commit -q -am "template lists a filter" &&
	p=$(new_brief "From template") &&
	test "$(grep -c "Serves the ICP" "$p")" -eq 1 &&
	sed -n "/^## Strategic filters\$/,\$p" "$p" >actual &&
	cat >expect <<-EOF &&
	## Strategic filters

	- [ ] Serves the ICP
	- [ ] Moves pipeline this quarter
	- [ ] Fits one of this quarter${SQ}s objectives
	EOF
	test_cmp expect actual &&
	git checkout -q HEAD~2 -- templates/brief.md &&
	git commit -q -m "template back" -- templates/brief.md
'

test_expect_success 'a criterion too long for a checklist item: new refused, check errs' '
	cp align.ini "$S/align.ini" &&
	v=$(printf "%0196d" 0 | tr 0 x) &&
	printf "x=%s\n" "$v" >>align.ini &&
	n=$(wc -l <align.ini) &&
	git commit -q -am "a long filter" &&
	save_state &&
	test_expect_code 128 align brief new "Too long" --no-edit >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: align.ini:$n: strategic filter ${SQ}x${SQ} cannot be a checklist item of a brief: the item is too long (the limit is 200 bytes)" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	test_expect_code 1 align check >out 2>err &&
	echo "align.ini:$n: error: strategic filter ${SQ}x${SQ} cannot be a checklist item of a brief: the item is too long (the limit is 200 bytes)" >expect &&
	grep "^align.ini" out >actual &&
	test_cmp expect actual &&
	cp "$S/align.ini" align.ini &&
	git commit -q -am "long filter gone"
'

test_expect_success 'hostile text typed into the checklist is escaped' '
	p=$(new_brief "Hostile") &&
	answer "$p" &&
	printf -- "- [ ] \033[2J=cmd|calc <script>\n" >>"$p" &&
	git commit -q -am hostile &&
	align brief submit 2026-11-hostile >/dev/null &&
	align brief approve 2026-11-hostile >out 2>err &&
	! grep -q "$(printf "\033")" err &&
	test_grep "\\\\e\[2J=cmd|calc <script>\$" err &&
	align check >out 2>&1 &&
	! grep -q "$(printf "\033")" out &&
	test_grep "\\\\e\[2J=cmd|calc <script>\$" out
'

test_expect_success 'without [filters], new briefs get no checklist (and no warning)' '
	mkdir "$S/plain" && cd "$S/plain" &&
	setup_align_repo &&
	write_roster && git add people.ini && git commit -q -m roster &&
	p=$(new_brief "Plain") &&
	! grep -q "Strategic filters" "$p" &&
	answer "$p" &&
	align brief submit 2026-11-plain >/dev/null &&
	align brief approve 2026-11-plain >out 2>err &&
	test_must_be_empty err &&
	align check >out 2>err &&
	test_must_be_empty out
'

test_expect_success 'an empty [filters] section adds nothing' '
	cd "$S/plain" &&
	printf "\n[filters]\nfit =\n" >>align.ini &&
	git commit -q -am "empty filters" &&
	p=$(new_brief "Still plain") &&
	! grep -q "Strategic filters" "$p"
'

test_done
