#!/bin/sh
# The team's glossary: glossary.md at the records root, the starter align
# init writes, align glossary looking terms up by name or alias in text,
# md and json, and align check holding it to its rules (every status of
# every kind defined, no name twice, definitions, owners in the roster);
# what it refuses, one line and nothing changed; hostile text escaped.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"

test_lazy_prereq PYTHON3 'command -v python3'

# py <file> <python>: runs the python with the file's JSON as d.
py() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
$2" "$1"
}

# check_out <code>: align check exits <code>; stdout in $S/out, stderr in
# $S/err; nothing changes.
check_out() {
	save_state &&
	test_expect_code "$1" align check >"$S/out" 2>"$S/err" &&
	test_state_unchanged
}

# glossary_of <file>: the starter with this file instead (not committed).
use_glossary() {
	cp "$1" glossary.md
}

test_expect_success 'setup: init ships glossary.md, a roster' '
	setup_align_repo &&
	git ls-files glossary.md >out &&
	echo glossary.md >expect &&
	test_cmp expect out &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster &&
	cp glossary.md "$S/starter.md"
'

test_expect_success 'the starter defines the shipped terms, owned by the one who ran init' '
	for t in ready approved live completed pipeline MQL SQL ICP draft \
		cancelled proposed accepted rejected deprecated superseded; do
		grep -qx "### $t" glossary.md || { echo "no $t"; exit 1; }
	done &&
	grep "^owner: " glossary.md | sort -u >out &&
	echo "owner: maya" >expect &&
	test_cmp expect out &&
	grep -qx "aliases: submitted, ready for review" glossary.md
'

test_expect_success 'a fresh repository with a roster checks clean' '
	check_out 0 &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err"
'

test_expect_success 'glossary.md is not a record: ls does not list it' '
	align ls >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'align glossary lists every term in file order' '
	save_state &&
	align glossary >out 2>err &&
	test_must_be_empty err &&
	cut -d" " -f1 out >"$S/terms" &&
	printf "%s\n" draft ready approved live completed cancelled proposed \
		accepted rejected deprecated superseded ICP MQL SQL pipeline \
		>expect &&
	test_cmp expect "$S/terms" &&
	grep "^live  *maya  *The campaign is running: its audience can see it (\`align brief launch\`, from approved)\. Results" out &&
	test_state_unchanged
'

test_expect_success 'align glossary <term> shows one entry' '
	align glossary live >out &&
	cat >expect <<-\EOF &&
	live
	aliases: launched, go-live, in market
	owner: maya

	The campaign is running: its audience can see it (`align brief
	launch`, from approved). Results are measured from this day.
	EOF
	test_cmp expect out
'

test_expect_success 'a term is found by an alias, ignoring case and blanks' '
	align glossary live >expect &&
	align glossary GO-LIVE >out &&
	test_cmp expect out &&
	align glossary " In Market " >out &&
	test_cmp expect out &&
	align glossary submitted >out &&
	head -n 1 out >first &&
	echo ready >expect &&
	test_cmp expect first &&
	align glossary mql >out &&
	head -n 1 out >first &&
	echo MQL >expect &&
	test_cmp expect first
'

test_expect_success 'align glossary from a subfolder and with -C' '
	(cd briefs && align glossary icp >../out) &&
	head -n 1 out >first && echo ICP >expect && test_cmp expect first &&
	(cd / && align -C "$S/repo" glossary icp >"$S/out") &&
	head -n 1 "$S/out" >first && test_cmp expect first
'

test_expect_success '--format md: a document, one heading per term' '
	align glossary --format md >out &&
	head -n 1 out >first &&
	echo "# Glossary" >expect &&
	test_cmp expect first &&
	test "$(grep -c "^## " out)" -eq 15 &&
	align glossary live --format md >out &&
	cat >expect <<-\EOF &&
	## live

	- Aliases: launched, go-live, in market
	- Owner: maya

	The campaign is running: its audience can see it (\`align brief
	launch\`, from approved). Results are measured from this day.
	EOF
	test_cmp expect out
'

test_expect_success PYTHON3 '--format json: every entry whole' '
	align glossary --format json >out &&
	py out "
assert d[\"format_version\"] == 1, d
terms = d[\"terms\"]
assert [t[\"term\"] for t in terms] == [\"draft\", \"ready\", \"approved\",
    \"live\", \"completed\", \"cancelled\", \"proposed\", \"accepted\",
    \"rejected\", \"deprecated\", \"superseded\", \"ICP\", \"MQL\",
    \"SQL\", \"pipeline\"], terms
live = terms[3]
assert live[\"aliases\"] == [\"launched\", \"go-live\", \"in market\"], live
assert live[\"owner\"] == \"maya\", live
assert live[\"definition\"].startswith(\"The campaign is running\"), live
assert \"\\n\" in live[\"definition\"], live
assert isinstance(live[\"line\"], int) and live[\"line\"] > 1, live
assert terms[0][\"aliases\"] == [], terms[0]
"
'

test_expect_success PYTHON3 '--format json for one term: the query and the entry' '
	align glossary Go-Live --format json >out &&
	py out "
assert d[\"query\"] == \"Go-Live\", d
assert d[\"term\"][\"term\"] == \"live\", d
assert set(d) == {\"format_version\", \"query\", \"term\"}, d
"
'

test_expect_success 'an unknown term: one line, the closest name, exit 1' '
	save_state &&
	test_expect_code 1 align glossary MQX >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: no term ${SQ}MQX${SQ} in glossary.md (did you mean ${SQ}MQL${SQ}?)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align glossary "brand awareness" 2>err &&
	echo "align: error: no term ${SQ}brand awareness${SQ} in glossary.md" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'usage errors: exit 129, nothing changed' '
	save_state &&
	test_expect_code 129 align glossary live MQL 2>err &&
	echo "align: error: too many arguments (quote a term with spaces)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align glossary "  " 2>err &&
	echo "align: error: which term? give a term or an alias" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align glossary --format csv 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	test_grep "csv" err &&
	test_expect_code 129 align glossary --nope 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	align glossary -h >out &&
	test_grep "^usage: align glossary \[<term>\] \[--format <format>\]$" out &&
	test_state_unchanged
'

test_expect_success 'outside a records root: exit 128' '
	mkdir "$S/plain" && (cd "$S/plain" && git init -q . &&
	test_expect_code 128 align glossary 2>err &&
	test "$(wc -l <err)" -eq 1)
'

# A glossary with every problem check knows: the brief's statuses but
# cancelled, names given twice, an entry without a definition or owner,
# owners not in the roster.
cat >"$S/problems.md" <<-\EOF
# Glossary

### draft

owner: maya

Being written.

### ready

owner: maya
aliases: submitted

Sent for approval.

### approved

owner: maya

Said yes.

### live

owner: mya
aliases: launched

Running.

### Launched

owner: dana

Also running.

### completed

aliases: LIVE

### quiet

owner: lee

### proposed

owner: maya
aliases: accepted, rejected, deprecated, superseded

The states of a decision.
EOF

test_expect_success 'check: statuses not defined, names twice, no definition or owner, owners not in the roster' '
	use_glossary "$S/problems.md" &&
	check_out 1 &&
	cat >expect <<-EOF &&
	glossary.md: warning: status ${SQ}cancelled${SQ} of brief records is not defined; add a ${SQ}### cancelled${SQ} entry or an alias
	glossary.md:24: error: term ${SQ}live${SQ}: owner ${SQ}mya${SQ} is not in the roster (did you mean ${SQ}maya${SQ}?)
	glossary.md:29: error: ${SQ}Launched${SQ} is defined twice: a term and an alias of ${SQ}live${SQ} (line 25); keep one
	glossary.md:35: warning: term ${SQ}completed${SQ} has no definition
	glossary.md:35: warning: term ${SQ}completed${SQ} has no owner; add ${SQ}owner: <handle>${SQ} under its heading
	glossary.md:37: error: ${SQ}LIVE${SQ} is defined twice: an alias of ${SQ}completed${SQ} and a term (line 22); keep one
	glossary.md:39: warning: term ${SQ}quiet${SQ} has no definition
	EOF
	test_cmp expect "$S/out" &&
	echo "3 errors, 4 warnings in 0 records" >expect &&
	test_cmp expect "$S/err"
'

test_expect_success 'check: a status an alias defines is defined' '
	sed "s/^aliases: LIVE\$/aliases: cancelled/" "$S/problems.md" >glossary.md &&
	check_out 1 &&
	! grep "status ${SQ}cancelled${SQ}" "$S/out" &&
	grep "status" "$S/out" >statuses || true &&
	test_must_be_empty statuses
'

test_expect_success 'check: warnings alone exit 0, 1 with --strict' '
	sed "/^### cancelled\$/,/^## Decision lifecycle\$/{/^## Decision lifecycle\$/!d}" "$S/starter.md" \
		>glossary.md &&
	! grep -q "### cancelled" glossary.md &&
	check_out 0 &&
	echo "glossary.md: warning: status ${SQ}cancelled${SQ} of brief records is not defined; add a ${SQ}### cancelled${SQ} entry or an alias" >expect &&
	test_cmp expect "$S/out" &&
	save_state &&
	test_expect_code 1 align check --strict >/dev/null 2>&1 &&
	test_state_unchanged
'

test_expect_success PYTHON3 'check --format json names the glossary' '
	use_glossary "$S/problems.md" &&
	test_expect_code 1 align check --format json >out &&
	py out "
g = [x for x in d[\"diagnostics\"] if x[\"path\"] == \"glossary.md\"]
assert len(g) == 7, g
assert {x[\"severity\"] for x in g} == {\"error\", \"warning\"}, g
"
'

test_expect_success 'check: without a roster, owners are not checked' '
	use_glossary "$S/problems.md" &&
	mv people.ini "$S/people.ini" &&
	check_out 1 &&
	! grep "roster" "$S/out" &&
	test "$(grep -c ": error: " "$S/out")" -eq 2 &&
	mv "$S/people.ini" people.ini
'

test_expect_success 'without glossary.md (a repository made before it): no glossary findings' '
	git checkout -q glossary.md &&
	git rm -q glossary.md &&
	git commit -q -m "no glossary" &&
	check_out 0 &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	save_state &&
	test_expect_code 1 align glossary 2>err &&
	echo "align: error: no glossary: there is no glossary.md at the records root; write one (see align-format(5))" >expect &&
	test_cmp expect err &&
	test_state_unchanged &&
	git revert --no-edit HEAD >/dev/null &&
	test -f glossary.md
'

test_expect_success 'a glossary that does not parse: check lists each problem, glossary the first' '
	printf "### a\nowner: maya\nowner: dana\nA.\n###\nx\r y\n" >glossary.md &&
	check_out 1 &&
	cat >expect <<-EOF &&
	glossary.md:3: error: ${SQ}owner${SQ} is set twice for ${SQ}a${SQ} (first on line 2)
	glossary.md:5: error: a ${SQ}###${SQ} heading needs a term
	glossary.md:6: error: a carriage return (CR) inside a line; end lines with LF or CRLF
	EOF
	test_cmp expect "$S/out" &&
	save_state &&
	test_expect_code 1 align glossary a >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: glossary.md:3: ${SQ}owner${SQ} is set twice for ${SQ}a${SQ} (first on line 2)" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'a NUL byte or invalid UTF-8 is refused' '
	printf "### a\nA.\000 hidden\n" >glossary.md &&
	check_out 1 &&
	echo "glossary.md: error: binary file (NUL byte at offset 8)" >expect &&
	test_cmp expect "$S/out" &&
	test_expect_code 1 align glossary 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	printf "### a\nA \377.\n" >glossary.md &&
	check_out 1 &&
	echo "glossary.md:2: error: line is not valid UTF-8" >expect &&
	test_cmp expect "$S/out"
'

test_expect_success 'a glossary over core.max-record-size is not read' '
	cp "$S/starter.md" glossary.md &&
	awk "BEGIN { for (i = 0; i < 700; i++) print \"padding line number \" i }" \
		>>glossary.md &&
	test "$(wc -c <glossary.md)" -gt 65536 || {
		awk "BEGIN { for (i = 0; i < 3000; i++) print \"padding line \" i }" \
			>>glossary.md
	} &&
	check_out 1 &&
	echo "glossary.md: error: ${SQ}glossary.md${SQ} is larger than 65536 bytes (core.max-record-size)" >expect &&
	test_cmp expect "$S/out" &&
	save_state &&
	test_expect_code 1 align glossary live 2>err &&
	cp expect expect.full &&
	echo "align: error: ${SQ}glossary.md${SQ} is larger than 65536 bytes (core.max-record-size)" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'a glossary.md that is a symbolic link is never read' '
	rm glossary.md &&
	ln -s "$S/starter.md" glossary.md &&
	check_out 1 &&
	echo "glossary.md: error: ${SQ}glossary.md${SQ} is not a plain file (a symbolic link, FIFO or device): skipped" >expect &&
	test_cmp expect "$S/out" &&
	test_expect_code 1 align glossary live >out 2>err &&
	test_must_be_empty out &&
	test "$(wc -l <err)" -eq 1 &&
	rm glossary.md &&
	git checkout -q glossary.md
'

# What people may write: a screen clear, an OSC title sequence, a
# right-to-left override, HTML, a javascript: link and spreadsheet
# formulas.
test_expect_success 'setup: a hostile term, alias, owner and definition' '
	{
		printf "### =HYPERLINK(\"http://x\") \033[2J <script>alert(1)</script>\n\n" &&
		printf "owner: maya\n" &&
		printf "aliases: @SUM(1), +cmd, \342\200\256evil\n\n" &&
		printf "Line \033]0;title\007 one <img src=x onerror=alert(1)>\n" &&
		printf -- "- [x](javascript:alert(1))\n=SUM(A1)\n"
	} >"$S/hostile.md" &&
	cat "$S/starter.md" "$S/hostile.md" >glossary.md
'

# no_raw <file>: no raw ESC, BEL or U+202E in it.
no_raw() {
	for b in "\033" "\007" "\342\200\256"; do
		if grep -q "$(printf "$b")" "$1"; then
			echo "raw $b in $1:" >&2
			od -c "$1" >&2
			return 1
		fi
	done
}

test_expect_success 'hostile text: text output escapes control characters' '
	align glossary "+CMD" >out &&
	no_raw out &&
	head -n 1 out >first &&
	printf "%s\n" "=HYPERLINK(\"http://x\") \\e[2J <script>alert(1)</script>" >expect &&
	test_cmp expect first &&
	grep -F "aliases: @SUM(1), +cmd, <U+202E>evil" out &&
	grep -F "Line \\e]0;title\\x07 one" out &&
	align glossary >out &&
	no_raw out
'

test_expect_success 'hostile text: md output escapes markup as well' '
	align glossary "@sum(1)" --format md >out &&
	no_raw out &&
	head -n 1 out >first &&
	printf "%s\n" "## \\=HYPERLINK(\"http://x\") \\\\e\\[2J \\<script\\>alert(1)\\</script\\>" >expect &&
	test_cmp expect first &&
	! grep "<script>" out &&
	! grep -F " <img" out &&
	grep -F "\\=SUM(A1)" out &&
	grep -F "\\- \\[x\\](javascript:alert(1))" out &&
	align glossary --format md >out &&
	no_raw out &&
	! grep "<script>" out
'

test_expect_success PYTHON3 'hostile text: json output parses and keeps every byte' '
	align glossary --format json >out &&
	no_raw out &&
	py out "
t = d[\"terms\"][-1]
assert t[\"term\"] == \"=HYPERLINK(\\\"http://x\\\") \\x1b[2J <script>alert(1)</script>\", t
assert t[\"aliases\"] == [\"@SUM(1)\", \"+cmd\", \"\\u202eevil\"], t
assert t[\"definition\"].startswith(\"Line \\x1b]0;title\\x07 one <img\"), t
assert t[\"definition\"].endswith(\"(javascript:alert(1))\\n=SUM(A1)\"), t
"
'

test_expect_success 'hostile text: check and the not-found error escape it too' '
	printf "### \033[2J\nowner: nobody\nx\n" >>glossary.md &&
	check_out 1 &&
	no_raw "$S/out" &&
	grep -F "term ${SQ}\\e[2J${SQ}: owner ${SQ}nobody${SQ} is not in the roster" "$S/out" &&
	test_expect_code 1 align glossary "$(printf "\033[2K")" 2>err &&
	no_raw err &&
	git checkout -q glossary.md
'

test_expect_success 'init keeps a glossary.md that is already there' '
	mkdir "$S/own" && cd "$S/own" &&
	git init -q -b main . &&
	printf "# Ours\n\n### ship\n\nowner: sam\n\nTo release.\n" >glossary.md &&
	cp glossary.md expect &&
	align init >/dev/null &&
	test_cmp expect glossary.md &&
	git ls-files glossary.md >out &&
	test_must_be_empty out
'

test_expect_success 'init names the owner by the email before @, else by the roster' '
	mkdir "$S/sam" && cd "$S/sam" &&
	git init -q -b main . &&
	as "Sam Über" "Sam.Uber@example.com" 2026-11-03 &&
	align init >/dev/null &&
	grep "^owner: " glossary.md | sort -u >out &&
	echo "owner: sam-uber" >expect &&
	test_cmp expect out &&
	mkdir "$S/roster" && cd "$S/roster" &&
	git init -q -b main . &&
	printf "[person \"su\"]\nname = Sam\nemail = sam.uber@example.com\n" \
		>people.ini &&
	align init >/dev/null &&
	grep "^owner: " glossary.md | sort -u >out &&
	echo "owner: su" >expect &&
	test_cmp expect out &&
	align check >out 2>err &&
	test_must_be_empty out
'

test_done
