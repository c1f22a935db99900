# A repository whose records hold everything a reader's browser, terminal
# or spreadsheet could be turned by, shared by t1010 and t1011. Sourced
# after lib.sh. setup_hostile_report builds it in the current directory:
# one quarter (2026-Q4) of real commits at fixed dates, through align
# where align accepts the text and by hand (plain git) where it refuses
# it (control characters).

# What people may write. P1..P4 try to run a script (each sets
# window.__pwned to its number); Q is punctuation HTML and JSON must
# escape; F1..F3 are spreadsheet formulas; ESC, CR and RLO (U+202E) are
# control characters a terminal obeys.
P1='<script>window.__pwned=1</script>'
P2='<img src=x onerror="window.__pwned=2">'
P3='[x](javascript:window.__pwned=3)'
P4='[d](data:text/html,<script>window.__pwned=4</script>)'
Q="\"quotes' & ampersands"
F1='=HYPERLINK("http://x")'
F2='+cmd|calc'
F3='@SUM(1+1)'
ESC=$(printf '\033')
CR=$(printf '\r')
RLO=$(printf '\342\200\256')
export P1 P2 P3 P4 Q F1 F2 F3 ESC CR RLO

# The texts as they are written into the records (and must come back
# from JSON exactly so).
TEAM="Growth $P1 & co"
O_TITLE="$F1 Grow $P1"
# By hand: the objective's title also holds a screen clear and a bidi
# override.
O_TITLE_RAW="$O_TITLE ${ESC}[2J ${RLO}evil"
KR_TITLE="$F2 Leads $P2 $Q"
NOTE1="$F3 $P3 $P4 <!-- note -->"
# A check-in committed by hand: the note is the commit's summary line.
NOTE2="$F1 $P1 ${ESC}]0;pwned${ESC}\\ ${RLO}gnp.exe"
B_TITLE="$F1 Webinar $P2 $Q"
DONE1="$P1 shipped"
BLOCKER1="$F2 $P2 $Q"
# By hand: a blocker holding ESC, CR and RLO.
BLOCKER2="$F3 ${ESC}[31mred${ESC}[m ${CR}over ${RLO}txt.exe $P1"
# A commit author outside the roster: their name shows as the source.
AUTHOR="Eve $Q $F1"
export TEAM O_TITLE O_TITLE_RAW KR_TITLE NOTE1 NOTE2 B_TITLE DONE1 \
	BLOCKER1 BLOCKER2 AUTHOR

# A results section: raw HTML blocks and inline HTML, comments, unsafe
# links and images, formulas, control characters, a long unbroken word
# and a long code line (for the page's width).
write_results() {
	long=$(printf 'w%.0s' $(seq 1 240))
	cat <<-EOF

	## Results

	412 registrations, $Q, 38 opportunities.

	$P1

	<div onmouseover="window.__pwned=5" style="width:4000px">raw block</div>

	<!-- a comment for reviewers -->

	Inline $P2 and $P3 and $P4 and ![i](javascript:window.__pwned=6)
	and [e](JaVaScRiPt:window.__pwned=7) and [f](&#106;avascript:window.__pwned=8)
	and <javascript:window.__pwned=9> and <a href="javascript:window.__pwned=10">a</a>.

	$F1 $F2 $F3

	Terminal: ${ESC}[2J ${ESC}]52;c;cHduZWQ=${ESC}\\ ${RLO}fdp.exe and a ${CR}carriage return.

	$long

	    code $long

	| a | wide | table |
	| --- | --- | --- |
	| $long | $long | $long |
	EOF
}

setup_hostile_report() {
	as "Maya Lind" maya@example.com 2026-10-01 &&
	git init -q -b main . &&
	align init --name "$TEAM" >/dev/null &&
	printf "%s\n" "[person \"maya\"]" "name = Maya $P2 $Q" \
		"email = maya@example.com" "" "[person \"dana\"]" \
		"name = Dana $F1 $P1" "email = dana@example.com" "" \
		"[person \"lee\"]" "name = Lee ${RLO}kraP" \
		"email = lee@example.com" >people.ini &&
	git add people.ini &&
	git commit -q -m "roster: $P1 $Q" &&

	as "Maya Lind" maya@example.com 2026-10-02 &&
	align okr new "$O_TITLE" --owner maya --id grow >/dev/null &&
	align okr kr add grow leads --title "$KR_TITLE" --start 0 \
		--target 100 --unit leads >/dev/null &&
	o=okrs/2026-Q4/grow.md &&
	sed -i "1s|\$| ${ESC}[2J ${RLO}evil|" $o &&
	git commit -q -m "objective: title by hand" -- $o &&

	as "Maya Lind" maya@example.com 2026-10-05 &&
	b=$(align brief new "$B_TITLE" --type webinar --owner maya \
		--accountable dana --due 2026-11-10 --no-edit) &&
	id=$(basename "$b" .md) &&

	as "Maya Lind" maya@example.com 2026-10-07 &&
	write_answered_brief ../answered.md &&
	sed -i "/^## Why are we/,\$d" $b &&
	sed -n "/^## Why are we/,\$p" ../answered.md >>$b &&
	git commit -q -m "brief: answers $P2" -- $b &&
	align brief submit "$id" >/dev/null &&

	as "Maya Lind" maya@example.com 2026-10-09 &&
	align update --week 2026-W41 --done "$DONE1" --blocker "$BLOCKER1" \
		--next "$F3" >/dev/null &&

	as "Dana Reyes" dana@example.com 2026-10-12 &&
	align okr checkin grow#leads 12 --confidence 0.6 -m "$NOTE1" \
		>/dev/null &&
	align brief approve "$id" -m "$Q $F2" >/dev/null &&

	as "Maya Lind" maya@example.com 2026-10-16 &&
	align update --week 2026-W42 --done "$F2" --blocker "$BLOCKER1" \
		--blocker Placeholder >/dev/null &&
	u=updates/2026-W42/2026-w42-maya.md &&
	sed -i "s|^- Placeholder\$|- $BLOCKER2|" $u &&
	grep -q "$CR" $u &&
	git commit -q -m "update: blocker by hand" -- $u &&
	as "Dana Reyes" dana@example.com 2026-10-16 &&
	align update --week 2026-W42 --done "$P4" --blocker "$P3 $P4" \
		>/dev/null &&

	as "Maya Lind" maya@example.com 2026-10-20 &&
	align brief launch "$id" >/dev/null &&

	as "Maya Lind" maya@example.com 2026-11-03 &&
	align okr checkin grow#leads 30 --no-commit >/dev/null &&
	GIT_AUTHOR_NAME=$AUTHOR GIT_AUTHOR_EMAIL=eve@example.net \
		git commit -q -m "$NOTE2" -- $o &&

	as "Maya Lind" maya@example.com 2026-11-12 &&
	write_results >>$b &&
	git commit -q -m "brief: results $P1" -- $b &&
	test "$(git log --format=%s | wc -l)" -ge 14
}
