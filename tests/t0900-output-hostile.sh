#!/bin/sh
# Output that cannot be turned against its reader: values people wrote
# into records and committed with plain git reach JSON typed and escaped,
# text without raw control or bidi characters, CSV without formulas.
. "$(dirname "$0")/lib.sh"

if command -v python3 >/dev/null; then
	json_ok() { python3 -c 'import json,sys; json.load(sys.stdin)' <"$1"; }
elif command -v jq >/dev/null; then
	json_ok() { jq . <"$1" >/dev/null; }
else
	skip_all "neither python3 nor jq: no JSON parser to load the output"
fi

test_expect_success 'setup: a key result whose value a hand edit broke' '
	setup_align_repo &&
	align okr new "Grow" >out &&
	f=$(cat out) &&
	id=$(basename "$f" .md) &&
	echo "$id" >../id &&
	align okr kr add "$id" leads --title Leads --start 0 --target 10 \
		>/dev/null &&
	sed -i "s/^current = .*/current = 12 leads\", \"x\": \"y/" "$f" &&
	grep -q "^current = 12 leads\", " "$f" &&
	git commit -q -am "hand edit"
'

test_expect_success 'okr history --format json loads with a real parser' '
	align okr history "$(cat ../id)#leads" --format json >out &&
	json_ok out &&
	! grep "\"x\": \"y\"" out &&
	grep "\"value\": null" out
'

# What people may write: quotes, a screen clear, a CR, a right-to-left
# override, HTML and a spreadsheet formula at the start. $T is the same
# without the CR, for an ini value (a line of its own).
H=$(printf '=HYPERLINK("http://x") "quotes" \033[2J \r \342\200\256 <script>alert(1)</script>')
T=$(printf '=HYPERLINK("http://x") "quotes" \033[2J \342\200\256 <script>alert(1)</script>')
export H T
hostile="$TRASH_DIRECTORY/hostile"
SQ="'"

test_lazy_prereq PYTHON3 'command -v python3'

# no_raw <file>: no raw ESC, CR or U+202E in it.
no_raw() {
	for b in '\033' '\r' '\342\200\256'; do
		if grep -q "$(printf "$b")" "$1"; then
			echo "raw $b in $1:" >&2
			od -c "$1" >&2
			return 1
		fi
	done
}

# py <file> <python>: runs the python with the file's JSON as d, $H as h
# and $T as t.
py() {
	python3 -c "import json, os, sys
d = json.load(open(sys.argv[1]))
h = os.environ['H']
t = os.environ['T']
$2" "$1"
}

# csv_ok <file> <cell>: the CSV parses, no cell starts a formula, and
# one cell is the given one.
csv_ok() {
	python3 -c "import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
cells = [c for r in rows for c in r]
assert rows and all(len(r) == len(rows[0]) for r in rows), rows
assert not [c for c in cells if c[:1] in ('=', '+', '@')], cells
assert sys.argv[2] in cells, (sys.argv[2], cells)" "$1" "$2"
}

# Tuesday of 2026-W47, for every test below.
as "Maya Lind" maya@example.com 2026-11-17

test_expect_success 'setup: a check-in note, an update item and a title holding hostile text' '
	mkdir "$hostile" &&
	cd "$hostile" &&
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster &&
	align okr new Grow --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title Leads --start 0 --target 100 \
		--unit leads &&
	test_expect_code 129 align okr checkin grow#leads 007 -m "$H" \
		2>err &&
	echo "align: error: invalid note given with -m: it contains a control character" >expect &&
	test_cmp expect err &&
	align okr checkin grow#leads 007 --no-commit >/dev/null &&
	grep -q "^current = 007\$" okrs/2026-Q4/grow.md &&
	printf "%s\n\n%s\n\n%s\n" "okr: leads 0 → 007" "$H" \
		"Align-Record: okrs/2026-Q4/grow.md" >msg &&
	git commit -q -a -F msg &&
	sed -i "s|^title = Leads\$|title = $T|; s|^# Grow\$|# $T|" \
		okrs/2026-Q4/grow.md &&
	git commit -q -am "titles by hand" &&
	align update --done Placeholder --blocker Block >/dev/null &&
	f=updates/2026-W47/2026-w47-maya.md &&
	sed -i "s|^- Placeholder\$|- $H|; s|^- Block\$|- $H|" $f &&
	grep -q "$(printf "\r")" $f &&
	git commit -q -am "update by hand"
'

test_expect_success 'okr history: text escapes what people wrote' '
	cd "$hostile" &&
	align okr history grow#leads >out 2>err &&
	test_must_be_empty err &&
	no_raw out &&
	tail -n 1 out >actual &&
	c=$(git log -1 --format=%H --grep="^okr: leads 0 → 007") &&
	c=$(git rev-parse --short=7 $c) &&
	printf "%s\n" "2026-11-17  7 leads  maya  $c  =HYPERLINK(\"http://x\") \"quotes\" \\e[2J \\r <U+202E> <script>alert(1)</script>" >expect &&
	test_cmp expect actual
'

test_expect_success 'okr history: JSON loads, the note whole, 007 a number' '
	cd "$hostile" &&
	align okr history grow#leads --format json >out &&
	json_ok out &&
	test_grep "^  \"format_version\": 1,\$" out &&
	test_grep "\"value\": 7,\$" out
'

test_expect_success PYTHON3 'okr history: JSON values as written' '
	cd "$hostile" &&
	align okr history grow#leads --format json >out &&
	py out "v = d[\"values\"][-1]
assert v[\"note\"] == h, v
assert v[\"value\"] == 7 and type(v[\"value\"]) is int, v
assert v[\"confidence\"] is None and v[\"unit\"] == \"leads\", v"
'

test_expect_success PYTHON3 'okr history: CSV cells are never formulas' '
	cd "$hostile" &&
	align okr history grow#leads --format csv >out &&
	head -n 1 out >actual &&
	echo "date,who,commit,value,unit,confidence,note,late" >expect &&
	test_cmp expect actual &&
	csv_ok out "${SQ}$H" &&
	test_grep ",7,leads,," out
'

test_expect_success 'okr status: text and tree escape what people wrote' '
	cd "$hostile" &&
	for tree in "" --tree
	do
		align okr status $tree >out 2>err &&
		test_must_be_empty err &&
		no_raw out &&
		cat >expect <<-\EOF &&
		grow  7%  off-track  maya  =HYPERLINK("http://x") "quotes" \e[2J <U+202E> alert(1)
		  #leads  7/100 leads  7% of 52% expected  off-track  maya
		EOF
		test_cmp expect out || return 1
	done
'

test_expect_success 'okr status: JSON loads, current a number' '
	cd "$hostile" &&
	align okr status --format json >out &&
	json_ok out &&
	test_grep "^  \"format_version\": 1,\$" out &&
	test_grep "^  \"objectives\": \[\$" out &&
	test_grep "\"current\": 7,\$" out
'

test_expect_success PYTHON3 'okr status: JSON strings as written, CSV without formulas' '
	cd "$hostile" &&
	align okr status --format json >out &&
	py out "k = d[\"objectives\"][0][\"key_results\"][0]
assert k[\"title\"] == t, k
assert k[\"current\"] == 7 and k[\"confidence\"] is None, k" &&
	align okr status --format csv >out &&
	csv_ok out "${SQ}$T"
'

test_expect_success 'digest: text and Markdown escape what people wrote' '
	cd "$hostile" &&
	align digest >out 2>err &&
	test_must_be_empty err &&
	no_raw out &&
	e="=HYPERLINK(\"http://x\") \"quotes\" \\e[2J \\r <U+202E> <script>alert(1)</script>" &&
	printf "%s\n" "    done: $e" "    blocker: $e" "  maya: $e" \
		"  2026-11-17 maya grow#leads 0 → 007 leads  $e" >expect &&
	grep -F -e "done: " -e "blocker: " -e "maya: " -e "grow#leads 0" out >actual &&
	test_cmp expect actual &&
	align digest --format md >out 2>err &&
	test_must_be_empty err &&
	no_raw out &&
	! grep "<script>" out &&
	m="\\=HYPERLINK(\"http://x\") \"quotes\" \\\\e\\[2J \\\\r \\<U+202E\\> \\<script\\>alert(1)\\</script\\>" &&
	printf "%s\n" "- done: $m" >expect &&
	grep -F -e "- done: " out >actual &&
	test_cmp expect actual
'

test_expect_success 'digest: JSON loads' '
	cd "$hostile" &&
	align digest --format json >out &&
	json_ok out &&
	test_grep "^  \"format_version\": 1,\$" out
'

test_expect_success PYTHON3 'digest: JSON strings as written' '
	cd "$hostile" &&
	align digest --format json >out &&
	py out "u = d[\"updates\"][0]
assert u[\"done\"] == [h] and u[\"blockers\"] == [h], u
assert d[\"blockers\"] == [{\"owner\": \"maya\", \"text\": h}], d
c = d[\"checkins\"][0]
assert c[\"note\"] == h, c
assert c[\"field\"][\"new\"] == \"007\", c"
'

test_expect_success PYTHON3 'log and digest give the same JSON for the same event' '
	cd "$hostile" &&
	align digest --format json >digest.json &&
	align log --format json >log.json &&
	python3 -c "import json
d = json.load(open(\"digest.json\"))
log = json.load(open(\"log.json\"))[\"events\"]
events = d[\"checkins\"] + d[\"changes\"]
assert len(d[\"checkins\"]) == 1 and len(d[\"changes\"]) >= 2, d
for e in events:
    same = [l for l in log if l[\"commit\"] == e[\"commit\"] and
            l[\"id\"] == e[\"id\"] and l[\"action\"] == e[\"action\"]]
    assert same == [e], (e, same)
assert sorted(log[0].keys()) == sorted(events[0].keys())"
'

test_done
