#!/bin/sh
# The HTML report in a real browser: headless Chromium, driven through the
# DevTools protocol by tests/browser-check.py, loads a quarterly review
# built from records full of hostile text. Nothing on the page runs, every
# hostile text is shown as text, and the page fits a phone, a desktop and
# a printed page with its charts drawn.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/report-hostile.sh"

# ALIGN_CHROMIUM names another build (chromium-headless-shell, chrome).
: "${ALIGN_CHROMIUM:=chromium}"
test_lazy_prereq PYTHON3 'command -v python3'
test_lazy_prereq CHROMIUM 'command -v "$ALIGN_CHROMIUM" && command -v python3'

facts="$TRASH_DIRECTORY/facts.json"

# fact <python expression over d, the facts>: holds, else prints them.
fact() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
ok = $1
if not ok:
    print(json.dumps(d, indent=1, ensure_ascii=False), file=sys.stderr)
sys.exit(0 if ok else 1)" "$facts"
}

test_expect_success 'setup: a quarter of records holding hostile text' '
	setup_hostile_report &&
	align report quarterly --quarter 2026-Q4 --format html \
		-o "$TRASH_DIRECTORY/report.html" &&
	test -s "$TRASH_DIRECTORY/report.html"
'

test_expect_success 'the page carries a policy forbidding scripts, and no script' '
	p="$TRASH_DIRECTORY/report.html" &&
	test_grep "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src '"'none'"';" "$p" &&
	! grep -i "script-src" "$p" &&
	! grep -i "<script" "$p" &&
	! grep -i "<img" "$p" &&
	! grep -iE "<[a-z][^>]* on[a-z]+=" "$p" &&
	! grep -iE "(href|src)=\"(javascript|data):" "$p"
'

# The texts a reader must see as written (those with control characters
# as the report shows them).
test_expect_success PYTHON3 'setup: the texts the page must show' '
	python3 -c "import json, os
e = os.environ
json.dump([e[\"P1\"], e[\"P2\"], e[\"P3\"], e[\"P4\"], e[\"Q\"], e[\"F1\"],
           e[\"F2\"], e[\"F3\"], e[\"TEAM\"], e[\"B_TITLE\"],
           e[\"BLOCKER1\"], e[\"AUTHOR\"],
           \"<div onmouseover=\\\"window.__pwned=5\\\"\",
           \"<!-- a comment for reviewers -->\",
           \"\\\\e[2J\", \"\\\\e[31mred\", \"<U+202E>txt.exe\",
           \"<U+202E>evil\"],
          open(\"$TRASH_DIRECTORY/strings.json\", \"w\"))"
'

test_expect_success CHROMIUM 'Chromium loads the page at phone, desktop and print sizes' '
	python3 "$TEST_DIRECTORY/browser-check.py" "$ALIGN_CHROMIUM" \
		"$TRASH_DIRECTORY/report.html" "$TRASH_DIRECTORY" \
		"$TRASH_DIRECTORY/strings.json" &&
	test -s "$facts" &&
	test -s "$TRASH_DIRECTORY/phone.png" &&
	test -s "$TRASH_DIRECTORY/desktop.png"
'

test_expect_success CHROMIUM 'no console error, no exception, nothing ran' '
	fact "d[\"errors\"] == []" &&
	fact "d[\"pwned\"] == \"undefined\""
'

test_expect_success CHROMIUM 'the policy stops an inline script added to the page' '
	fact "\"default-src '"'none'"'\" in d[\"dom\"][\"csp\"]" &&
	fact "\"script-src\" not in d[\"dom\"][\"csp\"]" &&
	fact "d[\"dom\"][\"csp_in_head\"]" &&
	fact "d[\"csp_blocks\"] == 0"
'

test_expect_success CHROMIUM 'the DOM holds no script, handler or script link' '
	fact "d[\"dom\"][\"scripts\"] == 0 and d[\"dom\"][\"iframes\"] == 0" &&
	fact "d[\"dom\"][\"onattrs\"] == []" &&
	fact "d[\"dom\"][\"badlinks\"] == []"
'

test_expect_success CHROMIUM 'every hostile text is visible as text' '
	fact "d[\"dom\"][\"missing\"] == []"
'

for view in phone:390 desktop:1280 print:794; do
	name=${view%:*} width=${view#*:}
	test_expect_success CHROMIUM "$name ($width px): nothing wider than the page" "
		fact 'd[\"views\"][\"$name\"][\"innerWidth\"] == $width' &&
		fact 'd[\"views\"][\"$name\"][\"scrollWidth\"] <= d[\"views\"][\"$name\"][\"innerWidth\"]' &&
		fact 'd[\"views\"][\"$name\"][\"escaping\"] == []'
	"
	test_expect_success CHROMIUM "$name ($width px): the charts are drawn inside the page" "
		fact 'all(len(d[\"views\"][\"$name\"][\"charts\"][k]) > 0 for k in (\"line\", \"bars\", \"heat\"))' &&
		fact 'all(w > 0 and h > 0 and x >= 0 and x + w <= d[\"views\"][\"$name\"][\"clientWidth\"] + 0.5 for c in d[\"views\"][\"$name\"][\"charts\"].values() for x, y, w, h in c)'
	"
done

test_expect_success CHROMIUM 'print media applies to the print view only' '
	fact "d[\"views\"][\"print\"][\"media\"] == \"print\"" &&
	fact "d[\"views\"][\"phone\"][\"media\"] == \"screen\""
'

test_expect_success CHROMIUM 'a desktop chart is not blown up to the whole width' '
	fact "all(w <= 640 for c in d[\"views\"][\"desktop\"][\"charts\"].values() for x, y, w, h in c)"
'

test_done
