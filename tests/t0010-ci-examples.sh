#!/bin/sh
# The CI examples: the YAML files call examples/ci/align-ci.sh, and that
# script's steps (packages, build, install, align check and align health)
# work on the example team's repository; once installed, align help opens
# man pages. t0011 runs the review's steps (report, comment).
. "$(dirname "$0")/lib.sh"

top=$(cd "$TEST_DIRECTORY/.." && pwd)
ci="$top/examples/ci"
team="$top/examples/team"
build=$(dirname "$(dirname "$ALIGN_BIN")")
dest="$TRASH_DIRECTORY/dest"

test_lazy_prereq PYTHON_YAML 'python3 -c "import yaml"'
# Every package the script would install is there: the test never runs
# apt-get.
test_lazy_prereq CI_PACKAGES '
	for p in meson ninja-build pkg-config gcc git ca-certificates \
		libgit2-dev libcmark-dev libinih-dev scdoc; do
		dpkg-query -W -f="\${Status}" $p | grep -q "ok installed" ||
			exit 1
	done
'
test_lazy_prereq MESON_BUILD 'test -f "$build/build.ninja"'
test_lazy_prereq MAN 'command -v man && command -v script'
test_lazy_prereq MAN_PAGES 'test -f "$dest/usr/local/share/man/man1/align-brief.1"'

# Every step of the YAML files is a line of the script, exactly.
test_expect_success 'the YAML files call the script on a full clone (grep)' '
	grep -x "        run: sh ci/align-ci.sh check github" "$ci/github-actions.yml" &&
	grep -x "        run: sh ci/align-ci.sh health github" "$ci/github-actions.yml" &&
	grep "^          fetch-depth: 0 " "$ci/github-actions.yml" &&
	grep -x "        run: sh ci/align-ci.sh report \"\${QUARTER:-current}\" review" \
		"$ci/github-review.yml" &&
	grep -x "        run: sh ci/align-ci.sh comment \"\$ALIGN_REVIEW_ISSUE\" review" \
		"$ci/github-review.yml" &&
	grep "^          fetch-depth: 0 " "$ci/github-review.yml" &&
	grep -x "    - cron: \"0 18 31 3,12 \*\"" "$ci/github-review.yml" &&
	grep -x "    - cron: \"0 18 30 6,9 \*\"" "$ci/github-review.yml" &&
	grep -x "  workflow_dispatch:" "$ci/github-review.yml" &&
	grep -x "    - sh ci/align-ci.sh check text" "$ci/gitlab-ci.yml" &&
	grep -x "    - sh ci/align-ci.sh health text" "$ci/gitlab-ci.yml" &&
	grep -x "    - sh ci/align-ci.sh report \"\${QUARTER:-current}\" review" \
		"$ci/gitlab-ci.yml" &&
	grep -x "    - sh ci/align-ci.sh comment \"\${ALIGN_REVIEW_ISSUE:-}\" review" \
		"$ci/gitlab-ci.yml" &&
	grep "^    GIT_DEPTH: \"0\" " "$ci/gitlab-ci.yml"
'

test_expect_success 'every script step in the YAML files is a command of the script' '
	cat "$ci"/*.yml | sed -n "s/.*sh ci\/align-ci.sh \([a-z]*\).*/\1/p" |
		sort -u >commands &&
	printf "check\ncomment\nhealth\nreport\n" >expect &&
	test_cmp expect commands &&
	for c in $(cat commands); do
		grep "^$c | \|| $c | \|| $c)$" "$ci/align-ci.sh" || exit 1
	done
'

test_expect_success PYTHON_YAML 'the GitHub workflow runs check and health on a full clone in bookworm' '
	python3 - "$ci/github-actions.yml" <<-\EOF
	import sys, yaml
	doc = yaml.safe_load(open(sys.argv[1]))
	on = doc[True]  # YAML 1.1 reads the key "on" as true
	assert "pull_request" in on and "push" in on, on
	job = doc["jobs"]["check"]
	assert job["container"] == "debian:bookworm", job["container"]
	steps = job["steps"]
	checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
	assert checkout and checkout[0]["with"]["fetch-depth"] == 0, checkout
	runs = [s.get("run") for s in steps]
	check = runs.index("sh ci/align-ci.sh check github")
	health = runs.index("sh ci/align-ci.sh health github")
	assert steps.index(checkout[0]) < check < health, runs
	assert steps[health]["if"] == "success() || failure()", steps[health]
	notify = [s for s in steps if "sh ci/health-notify.sh" in (s.get("run") or "")]
	assert notify and steps.index(notify[0]) > health, steps
	assert "env.ALIGN_HEALTH_WEBHOOK != \x27\x27" in notify[0]["if"], notify
	assert job["env"]["ALIGN_HEALTH_WEBHOOK"] == "${{ secrets.ALIGN_HEALTH_WEBHOOK }}", job["env"]
	EOF
'

test_expect_success PYTHON_YAML 'the review workflow: the last day of each quarter, on demand, artifacts and an issue comment' '
	python3 - "$ci/github-review.yml" <<-\EOF
	import calendar, sys, yaml
	doc = yaml.safe_load(open(sys.argv[1]))
	on = doc[True]
	assert "workflow_dispatch" in on, on
	assert "pull_request" not in on and "push" not in on, on
	# The crons fire on exactly the last day of March, June, September
	# and December.
	days = set()
	for c in on["schedule"]:
	    minute, hour, dom, months, dow = c["cron"].split()
	    assert dow == "*", c
	    for m in months.split(","):
	        days.add((int(m), int(dom)))
	last = {(m, calendar.monthrange(2026, m)[1]) for m in (3, 6, 9, 12)}
	assert days == last, (days, last)
	review = doc["jobs"]["review"]
	assert review["container"] == "debian:bookworm", review
	steps = review["steps"]
	uses = [s.get("uses", "") for s in steps]
	runs = [s.get("run") for s in steps]
	co = [i for i, u in enumerate(uses) if u.startswith("actions/checkout@")][0]
	assert steps[co]["with"]["fetch-depth"] == 0, steps[co]
	rep = runs.index("sh ci/align-ci.sh report \"${QUARTER:-current}\" review")
	up = [i for i, u in enumerate(uses) if u.startswith("actions/upload-artifact@")][0]
	assert co < rep < up, steps
	assert steps[up]["with"]["path"] == "review/", steps[up]
	assert review["env"]["QUARTER"] == "${{ inputs.quarter }}", review["env"]
	comment = doc["jobs"]["comment"]
	assert comment["needs"] == "review", comment
	assert comment["permissions"]["issues"] == "write", comment
	assert comment["env"]["GH_TOKEN"] == "${{ github.token }}", comment
	csteps = comment["steps"]
	down = [s for s in csteps if s.get("uses", "").startswith("actions/download-artifact@")]
	assert down and down[0]["with"]["name"] == steps[up]["with"]["name"], csteps
	assert csteps[-1]["run"] == "sh ci/align-ci.sh comment \"$ALIGN_REVIEW_ISSUE\" review", csteps
	EOF
'

test_expect_success PYTHON_YAML 'the GitLab jobs run the script on a full clone in bookworm' '
	python3 - "$ci/gitlab-ci.yml" <<-\EOF
	import sys, yaml
	doc = yaml.safe_load(open(sys.argv[1]))
	base = doc[".align"]
	assert base["image"] == "debian:bookworm", base["image"]
	assert base["variables"]["GIT_DEPTH"] == "0", base["variables"]
	for name, script in (("align-check", ["sh ci/align-ci.sh check text"]),
	             ("align-health", ["sh ci/align-ci.sh health text"])):
	    job = doc[name]
	    assert job["extends"] == ".align", job
	    assert job["script"] == script, job["script"]
	    assert job["rules"] == [{"if": "$CI_PIPELINE_SOURCE != \"schedule\""}], job
	job = doc["align-review"]
	assert job["extends"] == ".align", job
	assert job["script"] == [
	    "sh ci/align-ci.sh report \"${QUARTER:-current}\" review",
	    "sh ci/align-ci.sh comment \"${ALIGN_REVIEW_ISSUE:-}\" review",
	], job["script"]
	assert "schedule" in job["rules"][0]["if"], job["rules"]
	assert job["artifacts"]["paths"] == ["review/"], job["artifacts"]
	EOF
'

# The example team as a records repository: its roster, and one brief per
# file of examples/team/briefs/ with that file's answers as its prose.
test_expect_success 'setup: the example team in a git repository' '
	git init -q -b main . &&
	align init --name "Northwind Marketing" >/dev/null &&
	grep -v "^#" "$team/people.txt" |
	while IFS="|" read -r handle name email role; do
		printf "[person \"%s\"]\nname = %s\nemail = %s\n\n" \
			"$handle" "$name" "$email"
	done >people.ini &&
	sed "s/^owner: maya\$/owner: priya/" glossary.md >new &&
	mv new glossary.md &&
	git add people.ini glossary.md &&
	git commit -q -m "Add the team roster; Priya owns the glossary" &&
	for f in "$team"/briefs/*.md; do
		title=$(basename "$f" .md | tr - " ") &&
		path=$(align brief new "$title" --owner tomas \
			--accountable dana --due 2026-12-10 --no-edit) &&
		awk "{ print } /^\`\`\`ini\$/ { f = 1; next } f && /^\`\`\`\$/ { exit }" \
			"$path" >new && printf "\n" >>new && cat "$f" >>new &&
		mv new "$path" || exit 1
	done &&
	git add briefs && git commit -q -m "The team answers its briefs" &&
	test $(ls briefs | wc -l) -eq $(ls "$team"/briefs | wc -l) &&
	align check
'

# ci <format>: the script as CI runs it, with align's source and build
# here and the installation in the trash directory. (meson install also
# notes what it installed in the build folder's meson-logs/.)
ci() {
	ALIGN_SOURCE=$top ALIGN_BUILD=$build DESTDIR=$dest \
		sh "$ci/align-ci.sh" "$@"
}

test_expect_success CI_PACKAGES,MESON_BUILD 'the CI steps install align and pass a clean repository' '
	save_state &&
	ci github >out 2>err &&
	test -x "$dest/usr/local/bin/align" &&
	grep "^==> installing align under $dest$" out &&
	grep "^==> align check --format github$" out &&
	grep "^align version " out &&
	ci check text >out 2>err &&
	grep "^==> align check --format text$" out &&
	test_state_unchanged
'

test_expect_success CI_PACKAGES,MESON_BUILD 'the health step is align health, its exit status included' '
	save_state &&
	want=0 &&
	{ align health --format github >expect || want=$?; } &&
	test_expect_code $want ci health github >out 2>err &&
	grep "^==> align health --format github$" out &&
	grep "^::" out >actual &&
	grep "^::" expect >want && mv want expect &&
	test_cmp expect actual &&
	test_state_unchanged
'

test_expect_success 'a step with a wrong word or a missing argument is refused' '
	test_expect_code 128 ci health yaml 2>err &&
	grep "unknown format '"'"'yaml'"'"'" err &&
	test_expect_code 128 ci check 2>err &&
	grep "^align-ci.sh: error: usage: " err &&
	test_expect_code 128 ci report 2026-Q4 2>err &&
	grep "^align-ci.sh: error: usage: " err &&
	test_expect_code 128 ci report 2026-Q5 review 2>err &&
	grep "unknown quarter '"'"'2026-Q5'"'"'" err &&
	test ! -e review
'

test_expect_success CI_PACKAGES,MESON_BUILD 'the CI steps fail on a finding, annotated for GitHub' '
	sed -i "s/^status = draft$/status = parked/" \
		briefs/2026-11-case-studies.md &&
	git commit -q -am "park it" &&
	test_expect_code 1 ci github >out 2>err &&
	grep "^::error file=briefs/2026-11-case-studies.md,line=6::unknown status" out &&
	test_expect_code 1 ci text >out 2>err &&
	grep "^briefs/2026-11-case-studies.md:6: error: unknown status '"'"'parked'"'"'" out &&
	test_expect_code 1 ci check text >out 2>err &&
	grep "^briefs/2026-11-case-studies.md:6: error: unknown status '"'"'parked'"'"'" out &&
	test_expect_code 128 ci yaml 2>err &&
	grep "unknown format '"'"'yaml'"'"'" err
'

test_expect_success 'align help prints -h when no page is installed or not on a terminal' '
	align brief -h >expect &&
	MANPATH="$dest/usr/local/share/man" align help brief >out &&
	sed 1,2d out >actual &&
	test_cmp expect actual &&
	MANPATH="$TRASH_DIRECTORY/nowhere" align help brief >out &&
	sed 1,2d out >actual &&
	test_cmp expect actual
'

test_expect_success MAN,MAN_PAGES 'align help opens the installed man page on a terminal' '
	MANPATH="$dest/usr/local/share/man" MANPAGER=cat PAGER=cat \
		MANWIDTH=80 script -qec "$ALIGN_BIN help brief" /dev/null >out &&
	tr -d "\r" <out >page &&
	grep "^align-brief(1) *General Commands Manual *align-brief(1)$" page &&
	! grep "^usage: align brief" page &&
	MANPATH="$TRASH_DIRECTORY/nowhere" MANPAGER=cat PAGER=cat \
		script -qec "$ALIGN_BIN help brief" /dev/null >out &&
	tr -d "\r" <out >page &&
	grep "^usage: align brief" page
'

test_done
