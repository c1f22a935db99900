#!/bin/sh
# examples/demo.sh with the suite's align (ALIGN_BIN: nothing is installed
# or built, nothing is written outside <dir>): the example team's two
# quarters replay as examples/team/README.md tells them, and the demo ends
# in the quarterly review of 2026-Q4, the Markdown printed and the web
# page written inside the demo repository, its path on the last line. Then
# the quarterly review's CI steps (examples/ci/align-ci.sh report and
# comment, as github-review.yml and gitlab-ci.yml run them) on the demo's
# repository.
. "$(dirname "$0")/lib.sh"

# What a forge's runner sets stays out: each test sets what it needs.
unset GITHUB_ACTIONS GITHUB_SERVER_URL GITHUB_REPOSITORY GITHUB_RUN_ID \
	GITLAB_CI CI_PROJECT_URL CI_API_V4_URL CI_PROJECT_ID \
	ALIGN_COMMIT_URL ALIGN_REVIEW_TOKEN

T=$TRASH_DIRECTORY
top=$(cd "$TEST_DIRECTORY/.." && pwd)
demo="$T/demo"
html="$demo/.git/review-2026-Q4.html"
out="$T/demo-out"
ci_script="$top/examples/ci/align-ci.sh"
build=$(dirname "$(dirname "$ALIGN_BIN")")
dest="$T/dest"

# Every package the script would install is there: the test never runs
# apt-get.
test_lazy_prereq CI_PACKAGES '
	for p in meson ninja-build pkg-config gcc git ca-certificates \
		libgit2-dev libcmark-dev libinih-dev scdoc; do
		dpkg-query -W -f="\${Status}" $p | grep -q "ok installed" ||
			exit 1
	done
'
test_lazy_prereq CURL_PACKAGES '
	for p in curl ca-certificates; do
		dpkg-query -W -f="\${Status}" $p | grep -q "ok installed" ||
			exit 1
	done
'
test_lazy_prereq MESON_BUILD 'test -f "$build/build.ninja"'

test_expect_success 'the demo replays the story with the built align' '
	ALIGN_BIN=$ALIGN_BIN sh "$top/examples/demo.sh" "$demo" >out 2>err &&
	grep "^==> Using $ALIGN_BIN$" out &&
	! grep "Building align" out &&
	test -f "$demo/.git/align-demo" &&
	cp out "$out"
'

test_expect_success 'the demo ends with the web page of the review, named last' '
	tail -n 2 "$out" >actual &&
	printf "==> Open it in a browser:\n      %s\n" "$html" >expect &&
	test_cmp expect actual &&
	test -s "$html" &&
	grep "^<meta http-equiv=\"Content-Security-Policy\" content=\"default-src '"'"'none'"'"';" "$html" &&
	grep "^<title>Quarterly review 2026-Q4: Northwind Marketing</title>$" "$html" &&
	! grep -i "<script" "$html"
'

test_expect_success 'the demo prints the Markdown review, as align makes it' '
	(cd "$demo" && align report quarterly --quarter 2026-Q4 --format md) |
		sed "s/^/      /" >expect &&
	sed -n "/^   \$ align report quarterly --quarter 2026-Q4 --format md\$/,/^\$/p" \
		"$out" | sed "1d;\$d" >actual &&
	test_cmp expect actual &&
	head -n 1 actual >title &&
	grep "^      # Quarterly review 2026-Q4: Northwind Marketing$" title
'

test_expect_success 'the story is in git: by its people, on its dates, a clean tree' '
	cd "$demo" &&
	git status --porcelain >out &&
	test_must_be_empty out &&
	git log --format=%ae | sort -u >authors &&
	grep -v "^#" "$top/examples/team/people.txt" | cut -d"|" -f3 |
		sort >roster &&
	comm -23 authors roster >out &&
	test_must_be_empty out &&
	test $(wc -l <authors) -eq 4 &&
	git log --reverse --format=%aI >dates &&
	test "$(head -n 1 dates)" = 2026-07-01T09:00:00+02:00 &&
	test "$(tail -n 1 dates)" = 2027-01-05T09:00:00+01:00 &&
	sort -c dates &&
	ALIGN_NOW=2027-01-05 align check
'

# The figures examples/team/README.md says the story is built to show.
test_expect_success 'the review shows the figures the story was built for' '
	cd "$demo" &&
	align report quarterly --quarter 2026-Q4 --format md >md &&
	c="(\`[0-9a-f]*\`)" &&
	grep -A1 "^| 2026-q4-grow-partner-sourced-pipeline | Grow partner-sourced pipeline | dana | - | 0% $c | 70% $c | 72% |" md |
		grep "^|   2026-q4-equip-partners-to-co-sell | .* | hannah | 2026-q4-grow-partner-sourced-pipeline | 0% $c | 77% $c | 77% |" &&
	grep "^| hannah | 2 | 6 | 62% | 77% | -15% |$" md &&
	grep "^| priya | 1 | 5 | 84% | 40% | 44% |$" md &&
	grep "^| tomas | 1 | 4 | 75% | 100% | -25% |$" md &&
	grep "^4 launched in the quarter. On-time launch rate: 3 of 5 (60%)" md &&
	grep "^| 2026-10-insights-3-0-launch-email | .* | completed | .* | 35 $c | 4.2 $c | 2 | yes |$" md &&
	grep "^| 2026-10-linkedin-retargeting | .* | cancelled | .* | - | - | 1 | - |$" md &&
	grep "^| 2026-10-partner-webinar-co-selling | .* | completed | .* | 17 $c | 0.7 $c | 1 | yes |$" md &&
	grep "^| 2026-11-partner-deal-registration-kit | .* | approved | .* | 2026-12-11 | - | 2.3 $c | 1 | missed |$" md &&
	grep "^| 2026-11-roi-calculator-page | .* | live | .* | 29 $c | 6 $c | 1 | no |$" md &&
	grep "^| 2026-11-year-end-customer-newsletter | .* | live | .* | 22.8 $c | 0.2 $c | 1 | yes |$" md &&
	grep "^| Partner portal export is broken | priya | 2026-W46 $c | 2026-W50 $c | 5 | 5 |$" md &&
	grep "^| priya | 11 | 14 | 79% |$" md &&
	grep "^| dana | 2 | 14 | 14% |$" md &&
	grep "^| 2027-q1-turn-partner-pipeline-into-revenue | Turn partner pipeline into revenue | dana | 2 |$" md &&
	grep "^None: every record and version was read.$" md
'

test_expect_success 'the demo refuses a folder it did not make, and leaves it alone' '
	mkdir "$TRASH_DIRECTORY/precious" &&
	echo keep >"$TRASH_DIRECTORY/precious/file" &&
	test_expect_code 1 env ALIGN_BIN="$ALIGN_BIN" \
		sh "$top/examples/demo.sh" "$TRASH_DIRECTORY/precious" >out 2>err &&
	grep "is not a demo repository" err &&
	test "$(cat "$TRASH_DIRECTORY/precious/file")" = keep
'

# ci <step>...: the script as CI runs it, with align's source and build
# here and the installation in the trash directory. (meson install also
# notes what it installed in the build folder's meson-logs/.)
ci() {
	ALIGN_SOURCE=$top ALIGN_BUILD=$build DESTDIR=$dest sh "$ci_script" "$@"
}

test_expect_success CI_PACKAGES,MESON_BUILD 'the review step writes the quarter as md and html, linked to GitHub' '
	cd "$demo" &&
	save_state &&
	GITHUB_SERVER_URL=https://github.example GITHUB_REPOSITORY=northwind/records \
		ci report 2026-Q4 "$T/review" >"$T/ci-out" 2>"$T/ci-err" &&
	grep "^==> wrote $T/review/review-2026-Q4.md and $T/review/review-2026-Q4.html$" "$T/ci-out" &&
	ls "$T/review" >"$T/files" &&
	printf "review-2026-Q4.html\nreview-2026-Q4.md\n" >"$T/expect" &&
	test_cmp "$T/expect" "$T/files" &&
	md="$T/review/review-2026-Q4.md" &&
	test "$(head -n 1 "$md")" = "# Quarterly review 2026-Q4: Northwind Marketing" &&
	grep -E "\(https://github\.example/northwind/records/commit/[0-9a-f]{40}\)" "$md" &&
	align report quarterly --quarter 2026-Q4 --format md \
		--commit-url "https://github.example/northwind/records/commit/%H" >"$T/expect" &&
	test_cmp "$T/expect" "$md" &&
	page="$T/review/review-2026-Q4.html" &&
	grep "^<meta http-equiv=\"Content-Security-Policy\" content=\"default-src '"'"'none'"'"';" "$page" &&
	grep "^<title>Quarterly review 2026-Q4: Northwind Marketing</title>$" "$page" &&
	grep "href=\"https://github.example/northwind/records/commit/[0-9a-f]*\"" "$page" &&
	test_state_unchanged
'

test_expect_success CI_PACKAGES,MESON_BUILD 'the current quarter is the one of the day it runs; GitLab links' '
	cd "$demo" &&
	ALIGN_NOW=2026-12-31 CI_PROJECT_URL=https://gitlab.example/northwind/records \
		ci report current "$T/current" >"$T/ci-out" 2>"$T/ci-err" &&
	grep -E "\(https://gitlab\.example/northwind/records/-/commit/[0-9a-f]{40}\)" \
		"$T/current/review-2026-Q4.md" &&
	test -s "$T/current/review-2026-Q4.html" &&
	ALIGN_NOW=2026-09-30T18:00:00Z ci report current "$T/q3" >"$T/ci-out" 2>"$T/ci-err" &&
	test "$(head -n 1 "$T/q3/review-2026-Q3.md")" = "# Quarterly review 2026-Q3: Northwind Marketing" &&
	! grep "](http" "$T/q3/review-2026-Q3.md"
'

test_expect_success CI_PACKAGES,MESON_BUILD 'the review step refuses a shallow clone' '
	git clone -q --depth 1 "file://$demo" "$T/shallow" &&
	cd "$T/shallow" &&
	test_expect_code 128 ci report 2026-Q4 "$T/shallow-review" >"$T/ci-out" 2>"$T/ci-err" &&
	grep "this clone is shallow: fetch-depth: 0" "$T/ci-err" &&
	test ! -e "$T/shallow-review"
'

# A gh and a curl that note what they were asked to do, in the trash
# directory's bin/ (first on PATH only where a test puts it there).
test_expect_success 'setup: a review to post, and a gh and a curl that take notes' '
	mkdir "$T/posted" "$T/bin" &&
	(cd "$demo" && align report quarterly --quarter 2026-Q4 --format md) \
		>"$T/posted/review-2026-Q4.md" &&
	(cd "$demo" && align report quarterly --quarter 2026-Q4 --format html) \
		>"$T/posted/review-2026-Q4.html" &&
	printf "%s\n" "#!/bin/sh" \
		"printf \"%s\\\\n\" \"\$*\" >>\"\$TRASH_DIRECTORY/gh-args\"" \
		"while [ \$# -gt 0 ]; do" \
		"	[ \"\$1\" != --body-file ] || cat \"\$2\" >\"\$TRASH_DIRECTORY/gh-body\"" \
		"	shift" \
		"done" >"$T/bin/gh" &&
	printf "%s\n" "#!/bin/sh" \
		"printf \"%s\\\\n\" \"\$@\" >\"\$TRASH_DIRECTORY/curl-args\"" >"$T/bin/curl" &&
	chmod +x "$T/bin/gh" "$T/bin/curl" &&
	PATH="$T/bin:$PATH" gh issue comment 1 --body-file "$T/posted/review-2026-Q4.md" &&
	test "$(cat "$T/gh-args")" = "issue comment 1 --body-file $T/posted/review-2026-Q4.md" &&
	test_cmp "$T/posted/review-2026-Q4.md" "$T/gh-body" &&
	rm "$T/gh-args" "$T/gh-body"
'

test_expect_success 'the comment step posts the Markdown on the tracking issue with gh' '
	GITHUB_ACTIONS=true PATH="$T/bin:$PATH" \
		sh "$ci_script" comment 7 "$T/posted" >"$T/ci-out" 2>"$T/ci-err" &&
	echo "issue comment 7 --body-file $T/posted/review-2026-Q4.md" >"$T/expect" &&
	test_cmp "$T/expect" "$T/gh-args" &&
	test_cmp "$T/posted/review-2026-Q4.md" "$T/gh-body"
'

test_expect_success 'a review too long for a GitHub comment points to the artifacts' '
	mkdir "$T/long" &&
	{
		echo "# Quarterly review 2026-Q4: Northwind Marketing" &&
		awk "BEGIN { for (i = 0; i < 2000; i++) print \"| a row of a very long table of key results |\" }"
	} >"$T/long/review-2026-Q4.md" &&
	rm -f "$T/gh-args" &&
	GITHUB_ACTIONS=true GITHUB_SERVER_URL=https://github.example \
		GITHUB_REPOSITORY=northwind/records GITHUB_RUN_ID=42 PATH="$T/bin:$PATH" \
		sh "$ci_script" comment 7 "$T/long" >"$T/ci-out" 2>"$T/ci-err" &&
	grep "^issue comment 7 --body-file $T/long/review-2026-Q4.comment.md$" "$T/gh-args" &&
	test "$(head -n 1 "$T/gh-body")" = "# Quarterly review 2026-Q4: Northwind Marketing" &&
	grep "too long for a comment; it is in the artifacts of https://github.example/northwind/records/actions/runs/42" "$T/gh-body" &&
	test $(wc -c <"$T/gh-body") -lt 65000
'

test_expect_success CURL_PACKAGES 'on GitLab the comment is a note on the issue, through the API' '
	GITLAB_CI=true ALIGN_REVIEW_TOKEN=secret CI_API_V4_URL=https://gitlab.example/api/v4 \
		CI_PROJECT_ID=12 PATH="$T/bin:$PATH" \
		sh "$ci_script" comment 7 "$T/posted" >"$T/ci-out" 2>"$T/ci-err" &&
	grep -x "PRIVATE-TOKEN: secret" "$T/curl-args" &&
	grep -x "body@$T/posted/review-2026-Q4.md" "$T/curl-args" &&
	grep -x "https://gitlab.example/api/v4/projects/12/issues/7/notes" "$T/curl-args"
'

test_expect_success 'the comment step without an issue, a review or a forge' '
	rm -f "$T/gh-args" &&
	GITHUB_ACTIONS=true PATH="$T/bin:$PATH" \
		sh "$ci_script" comment "" "$T/posted" >"$T/ci-out" 2>"$T/ci-err" &&
	grep "^==> no issue to comment on: the review is in $T/posted/review-2026-Q4.md only$" "$T/ci-out" &&
	test ! -e "$T/gh-args" &&
	mkdir "$T/empty" &&
	test_expect_code 128 sh "$ci_script" comment 7 "$T/empty" 2>"$T/ci-err" &&
	grep "expected one review-<quarter>.md in '"'"'$T/empty'"'"', found 0" "$T/ci-err" &&
	cp "$T/posted/review-2026-Q4.md" "$T/long/review-2026-Q3.md" &&
	test_expect_code 128 sh "$ci_script" comment 7 "$T/long" 2>"$T/ci-err" &&
	grep "found 2" "$T/ci-err" &&
	test_expect_code 128 sh "$ci_script" comment 7 "$T/posted" 2>"$T/ci-err" &&
	grep "comment runs on GitHub Actions (gh) or GitLab CI" "$T/ci-err" &&
	test_expect_code 128 env GITLAB_CI=true sh "$ci_script" comment 7 "$T/posted" 2>"$T/ci-err" &&
	grep "set ALIGN_REVIEW_TOKEN" "$T/ci-err" &&
	test ! -e "$T/gh-args"
'

test_done
