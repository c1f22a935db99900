#!/bin/sh
# The CI examples: both YAML files call examples/ci/align-ci.sh, and that
# script's steps (packages, build, install, align check) work on the
# example team's repository; once installed, align help opens man pages.
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

test_expect_success PYTHON_YAML 'the GitHub workflow runs the script on a full clone in bookworm' '
	python3 - "$ci/github-actions.yml" <<-\EOF
	import sys, yaml
	doc = yaml.safe_load(open(sys.argv[1]))
	job = doc["jobs"]["check"]
	assert job["container"] == "debian:bookworm", job["container"]
	steps = job["steps"]
	checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
	assert checkout and checkout[0]["with"]["fetch-depth"] == 0, checkout
	runs = [s["run"] for s in steps if "run" in s]
	assert "sh ci/align-ci.sh github" in runs, runs
	assert steps.index(checkout[0]) < [s.get("run") for s in steps].index("sh ci/align-ci.sh github")
	EOF
'

test_expect_success PYTHON_YAML 'the GitLab job runs the script on a full clone in bookworm' '
	python3 - "$ci/gitlab-ci.yml" <<-\EOF
	import sys, yaml
	job = yaml.safe_load(open(sys.argv[1]))["align-check"]
	assert job["image"] == "debian:bookworm", job["image"]
	assert job["variables"]["GIT_DEPTH"] == "0", job["variables"]
	assert job["script"] == ["sh ci/align-ci.sh text"], job["script"]
	EOF
'

test_expect_success !PYTHON_YAML 'both YAML files call the script on a full clone (grep)' '
	grep "^        run: sh ci/align-ci.sh github$" "$ci/github-actions.yml" &&
	grep "^          fetch-depth: 0 " "$ci/github-actions.yml" &&
	grep "^    - sh ci/align-ci.sh text$" "$ci/gitlab-ci.yml" &&
	grep "^    GIT_DEPTH: \"0\" " "$ci/gitlab-ci.yml"
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
	test $(ls briefs | wc -l) -eq 6 &&
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
	test_state_unchanged
'

test_expect_success CI_PACKAGES,MESON_BUILD 'the CI steps fail on a finding, annotated for GitHub' '
	sed -i "s/^status = draft$/status = parked/" \
		briefs/2026-11-case-studies.md &&
	git commit -q -am "park it" &&
	test_expect_code 1 ci github >out 2>err &&
	grep "^::error file=briefs/2026-11-case-studies.md,line=6::unknown status" out &&
	test_expect_code 1 ci text >out 2>err &&
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
