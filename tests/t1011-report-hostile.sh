#!/bin/sh
# Every report in every format on records full of hostile text: text and
# Markdown never carry a raw control character or bidi override, Markdown
# has no raw HTML or script link from what people wrote, HTML has no
# script, image or handler, and JSON gives every text back exactly as
# written. A commit URL that could break out of a link is refused.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/report-hostile.sh"

test_lazy_prereq PYTHON3 'command -v python3'

# The reports: quarterly, each month of the quarter's story, the week of
# the hand-written blocker.
reports="quarterly:--quarter=2026-Q4 monthly:--month=2026-10
monthly:--month=2026-11 weekly:--week=2026-W42"

# each <format> '<commands>': runs the commands on every report's file of
# that format ($f), stopping at the first failure.
each() {
	for r in $reports; do
		f="$TRASH_DIRECTORY/${r%%:*}${r##*=}.$1"
		eval "$2" || {
			echo "failed on $f" >&2
			return 1
		}
	done
}

# no_raw <file>: no raw ESC, CR or U+202E in it.
no_raw() {
	for b in '\033' '\r' '\342\200\256'; do
		if grep -q "$(printf "$b")" "$1"; then
			echo "raw $b in $1:" >&2
			grep -n "$(printf "$b")" "$1" | od -c | head -20 >&2
			return 1
		fi
	done
}

test_expect_success 'setup: a quarter of records holding hostile text' '
	setup_hostile_report &&
	for r in $reports; do
		type=${r%%:*} arg=${r#*:} &&
		for format in text md html json; do
			align report $type "${arg%%=*}" "${arg#*=}" \
				--format $format \
				>"$TRASH_DIRECTORY/$type${arg#*=}.$format" ||
			return 1
		done
	done
'

test_expect_success 'text: no raw control character or bidi override' '
	each text '"'"'no_raw "$f"'"'"' &&
	grep -F "\\e[31mred\\e[m \\rover <U+202E>txt.exe" \
		"$TRASH_DIRECTORY/quarterly2026-Q4.text" &&
	grep -F "Terminal: \\e[2J \\e]52;c;cHduZWQ=\\e\\ <U+202E>fdp.exe" \
		"$TRASH_DIRECTORY/quarterly2026-Q4.text"
'

test_expect_success 'Markdown: no raw control character or bidi override' '
	each md '"'"'no_raw "$f"'"'"' &&
	grep -F "Terminal: \\\\e\\[2J" "$TRASH_DIRECTORY/quarterly2026-Q4.md" &&
	grep -F "\\<U+202E\\>fdp.exe" "$TRASH_DIRECTORY/quarterly2026-Q4.md"
'

test_expect_success 'Markdown: HTML people wrote is escaped, never raw' '
	each md "! grep -inE \"(^|[^\\\\])<(script|img|div|a |!--|/)\" \"\$f\"" &&
	grep -F "\\<script\\>window.\\_\\_pwned=1\\</script\\>" \
		"$TRASH_DIRECTORY/quarterly2026-Q4.md" &&
	grep -F "> \\<div onmouseover=" "$TRASH_DIRECTORY/quarterly2026-Q4.md"
'

test_expect_success 'Markdown: no link to a script or data' '
	each md "! grep -inE \"(^|[^\\\\])\\]\\( *<?(javascript|data|vbscript):|(^|[^\\\\])<(javascript|data|vbscript):\" \"\$f\"" &&
	grep -F "Inline \\<img src=x onerror=\"window.\\_\\_pwned=2\"\\> and x and d and i" \
		"$TRASH_DIRECTORY/quarterly2026-Q4.md"
'

test_expect_success 'HTML: no script, image, handler, script link or raw control character' '
	each html '"'"'no_raw "$f"'"'"' &&
	each html "! grep -iE \"<(script|img|iframe|object|embed|form)\" \"\$f\"" &&
	each html "! grep -iE \"<[a-z][^>]* on[a-z]+ *=\" \"\$f\"" &&
	each html "! grep -iE \"(href|src) *= *\\\"? *(javascript|data|vbscript):\" \"\$f\"" &&
	each html "grep -q \"<meta http-equiv=.Content-Security-Policy. content=.default-src '"'none'"';\" \"\$f\""
'

test_expect_success 'HTML: what people wrote is shown as text' '
	p="$TRASH_DIRECTORY/quarterly2026-Q4.html" &&
	grep -F "&lt;script&gt;window.__pwned=1&lt;/script&gt;" "$p" &&
	grep -F "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" "$p" &&
	grep -F "&lt;!-- a comment for reviewers --&gt;" "$p" &&
	grep -F "Terminal: \\e[2J \\e]52;c;cHduZWQ=\\e\\ &lt;U+202E&gt;fdp.exe" "$p" &&
	grep -F "&quot;quotes&#39; &amp; ampersands" "$p"
'

test_expect_success 'JSON: every report loads with a real parser' '
	each json '"'"'python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$f"'"'"'

'

# js <report> <python>: runs the python with the report's JSON as d,
# its sections by key as s and tables by key as t (the first of a key).
js() {
	python3 -c "import json, os, sys
d = json.load(open(sys.argv[1]))
e = os.environ
s = {x['key']: x for x in d['sections']}
t = {}
for x in d['sections']:
    for k, v in x['tables'].items():
        t.setdefault(k, v)
$2" "$TRASH_DIRECTORY/$1.json"
}

test_expect_success PYTHON3 'JSON: titles, blockers and authors as written' '
	js quarterly2026-Q4 "
assert d[\"title\"] == \"Quarterly review 2026-Q4: \" + e[\"TEAM\"], d[\"title\"]
o = t[\"objectives\"][0]
assert o[\"title\"] == e[\"O_TITLE_RAW\"], o
b = t[\"briefs\"][0]
assert b[\"title\"] == e[\"B_TITLE\"], b
blockers = sorted(r[\"blocker\"] for r in t[\"blockers\"])
want = sorted([e[\"BLOCKER1\"], e[\"BLOCKER2\"], e[\"P3\"] + \" \" + e[\"P4\"]])
assert blockers == want, (blockers, want)
assert e[\"AUTHOR\"] in [c[\"author\"] for c in d[\"commits\"]], d[\"commits\"]
"
'

test_expect_success PYTHON3 'JSON: the results section exactly as its people wrote it' '
	b=$(ls briefs/*.md) &&
	sed -n "/^## Results\$/,\$p" "$b" | sed 1d >results &&
	js quarterly2026-Q4 "
p = s[\"campaigns\"][\"prose\"]
assert len(p) == 1 and p[0][\"title\"] == e[\"B_TITLE\"], p
got = p[0][\"markdown\"].strip(\"\\n\")
want = open(\"results\", newline=\"\").read().strip(\"\\n\")
assert got == want, (got, want)
for x in (e[\"P1\"], e[\"P2\"], e[\"P3\"], e[\"P4\"], e[\"ESC\"] + \"[2J\",
          e[\"CR\"], e[\"RLO\"], e[\"F1\"]):
    assert x in got, x
"
'

test_expect_success PYTHON3 'JSON: check-in notes, done items and blockers as written' '
	js monthly2026-10 "
notes = [c[\"note\"] for c in t[\"checkins\"]]
assert e[\"NOTE1\"] in notes, notes
" &&
	js monthly2026-11 "
notes = [c[\"note\"] for c in t[\"checkins\"]]
assert e[\"NOTE2\"] in notes, notes
" &&
	js weekly2026-W42 "
done = sorted(r[\"item\"] for r in t[\"done\"])
assert done == sorted([e[\"P4\"], e[\"F2\"]]), done
blocked = [r[\"blocker\"] for r in t[\"blocked\"]]
assert e[\"BLOCKER2\"] in blocked, blocked
"
'

test_expect_success 'a commit URL that is not plain http(s) is refused' '
	save_state &&
	for url in "javascript:alert(1)//%H" "data:text/html,%H" \
		"https://x/%H\"onmouseover=alert(1)" "https://x/%H'"'"'><b>" \
		"https://x/<%H>" "https://x/%H\\" "https://x/%H\`" \
		"https://x/%H y" "$(printf "https://x/%%H\033[2J")" \
		" https://x/%H" "HTTPS:x"
	do
		test_expect_code 129 align report quarterly --format html \
			--commit-url "$url" >out 2>err &&
		test_must_be_empty out &&
		test_grep "invalid commit URL" err || return 1
	done &&
	test_state_unchanged
'

test_expect_success 'the same refusal for a commit URL from align.ini' '
	cp align.ini ../align.ini.orig &&
	for url in "javascript:alert(1)" "https://x/%H'"'"'><b>"; do
		cp ../align.ini.orig align.ini &&
		printf "\n[report]\ncommit-url = %s\n" "$url" >>align.ini &&
		test_expect_code 129 align report quarterly --format md \
			>out 2>err &&
		test_must_be_empty out &&
		test_grep "invalid commit URL" err || return 1
	done &&
	git checkout -q -- align.ini
'

test_expect_success 'a plain commit URL links every figure in Markdown and HTML' '
	url="https://git.example.com/team/records/commit/%H" &&
	align report quarterly --format md --commit-url "$url" >out.md &&
	align report quarterly --format html --commit-url "$url" >out.html &&
	c=$(git log -1 --format=%H --grep="^brief: launch") &&
	test_grep "\[$(echo $c | cut -c1-7)\](https://git.example.com/team/records/commit/$c)" out.md &&
	test_grep "href=\"https://git.example.com/team/records/commit/$c\"" out.html
'

test_done
