#!/bin/sh
# examples/demo.sh with the suite's align (ALIGN_BIN: nothing is installed
# or built, nothing is written outside <dir>): the example team's two
# quarters replay as examples/team/README.md tells them, and the demo ends
# in the quarterly review of 2026-Q4, the Markdown printed and the web
# page written inside the demo repository, its path on the last line.
. "$(dirname "$0")/lib.sh"

top=$(cd "$TEST_DIRECTORY/.." && pwd)
demo="$TRASH_DIRECTORY/demo"
html="$demo/.git/review-2026-Q4.html"
out="$TRASH_DIRECTORY/demo-out"

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
	grep "^| 2026-q4-grow-partner-sourced-pipeline | Grow partner-sourced pipeline | dana | - | 0% | 70% | 72% |" md &&
	grep "^|   2026-q4-equip-partners-to-co-sell | .* | hannah | 2026-q4-grow-partner-sourced-pipeline | 0% | 77% | 77% |" md &&
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

test_done
