#!/bin/sh
# The story of issue 3: a team of three (maya, lee, dana) plans 2026-Q4 -
# a company objective and two team objectives under it - and checks in for
# seven weeks, partly with align and partly by editing the files and
# committing with plain git on branches that are merged, one hand edit
# leaving the INI broken until a later commit fixes it. okr status, okr
# history and log must then tell exactly what happened, against numbers
# this script computes from the story's own data.
. "$(dirname "$0")/lib.sh"

SQ="'"

# Scratch files live beside the repository, so that writing them never
# changes what the repository holds.
S=$TRASH_DIRECTORY

# by <handle> <date>: that person, on that day.
by() {
	who=$1
	case $1 in
	maya) as "Maya Lind" maya@example.com "$2" ;;
	lee) as "Lee Park" lee@example.com "$2" ;;
	dana) as "Dana Okafor" dana@example.com "$2" ;;
	esac
}

. "$TEST_DIRECTORY/okr-model.sh"


rev=2026-q4-partner-revenue
pipe=2026-q4-pipeline
content=2026-q4-content-engine

# The story's data, kept as it happens.
#
# $S/defs: the objectives and key results as planned, in the order align
# lists them (by path; key results in file order):
#   O|<id>|<quarter>|<owner>|<parent>|<weight>|<title>
#   K|<objective>|<key>|<title>|<owner>|<start>|<target>|<unit>|<weight>|<due>
#
# $S/ledger: every value a key result took, in the order it happened:
#   L|<objective>|<key>|<value>|<confidence>|<who>|<day>|<landed>|<commit>|<note>
# <landed> is the day the commit reached main: its own day on main, the
# merge's day for a commit on a branch ("@<branch>" until then).
ledger=$S/ledger
: >"$ledger"

cat >"$S/defs" <<EOF
O|$content|2026-Q4|dana|$rev|1|Content engine
K|$content|articles|Articles published||0|12|articles||
K|$content|cycle|Review cycle||20|10|days||
O|$rev|2026-Q4|maya||1|Partner revenue
K|$rev|arr|New partner ARR||0|200000|USD|3|
K|$rev|partners|Active partners||10|30|partners||
O|$pipe|2026-Q4|lee|$rev|2|Pipeline
K|$pipe|attendance|Webinar attendance||38|60|%||
K|$pipe|leads|Partner leads||0|400|leads||
EOF

# record <okr>#<kr> <value> <confidence or -> <note>: notes the value the
# commit at HEAD gave the key result (- : the confidence stays).
record() {
	r_obj=${1%#*} r_key=${1#*#} r_conf=$3
	if test "$r_conf" = -
	then
		r_conf=$(awk -F"|" -v o="$r_obj" -v k="$r_key" \
			'$2 == o && $3 == k { c = $5 } END { print c }' "$ledger")
	fi
	r_landed=$ALIGN_NOW
	r_branch=$(git symbolic-ref --short HEAD) &&
	if test "$r_branch" != main
	then
		r_landed="@$r_branch"
	fi &&
	printf "L|%s|%s|%s|%s|%s|%s|%s|%s|%s\n" "$r_obj" "$r_key" "$2" \
		"$r_conf" "$who" "$ALIGN_NOW" "$r_landed" \
		"$(git rev-parse HEAD)" "$4" >>"$ledger"
}

# kr_add <okr> <key> <title> <start> <target> <unit> [<options>...]
kr_add() {
	ka_obj=$1 ka_key=$2 ka_title=$3 ka_start=$4 ka_target=$5 ka_unit=$6
	shift 6
	align okr kr add "$ka_obj" "$ka_key" --title "$ka_title" \
		--start "$ka_start" --target "$ka_target" --unit "$ka_unit" \
		"$@" &&
	record "$ka_obj#$ka_key" "$ka_start" "" ""
}

# checkin <okr>#<kr> <value> <confidence or -> [<note>]: with align.
checkin() {
	ci_ref=$1 ci_value=$2 ci_conf=$3 ci_note=${4-}
	set -- align okr checkin "$ci_ref" "$ci_value"
	test "$ci_conf" = - || set -- "$@" --confidence "$ci_conf"
	test -z "$ci_note" || set -- "$@" -m "$ci_note"
	"$@" >/dev/null &&
	record "$ci_ref" "$ci_value" "$ci_conf" "$ci_note"
}

# set_kr <okr>#<kr> <field> <value>: edits the file by hand.
set_kr() {
	sed -i "/^\[kr \"${1#*#}\"\]\$/,/^\$/s/^$2 = .*/$2 = $3/" \
		"okrs/2026-Q4/${1%#*}.md"
}

# hand_checkin <okr>#<kr> <value> <confidence or -> <message>: edits the
# file and commits with plain git.
hand_checkin() {
	set_kr "$1" current "$2" &&
	if test "$3" != -
	then
		set_kr "$1" confidence "$3"
	fi &&
	git commit -q -am "$4" &&
	record "$1" "$2" "$3" "$4"
}

# merge <branch>: a merge commit into main, even when main has not moved.
merge() {
	git checkout -q main &&
	git merge -q --no-ff -m "Merge branch $SQ$1$SQ" "$1" &&
	sed -i "s/|@$1|/|$ALIGN_NOW|/" "$ledger"
}

# story_model <day>: the model (see okr.awk) of what had reached main by
# the end of that day: each key result's value and confidence then, and
# the day of its last change (the author's day, branch or not).
story_model() {
	awk -F"|" -v cut="$1" '
	NR == FNR { def[++n] = $0; next }
	$8 !~ /^@/ && $8 <= cut {
		k = $2 "|" $3; cur[k] = $4; conf[k] = $5
		if ($7 > last[k]) last[k] = $7
	}
	END {
		for (i = 1; i <= n; i++) {
			split(def[i], d, "|")
			if (d[1] == "O") { print def[i]; continue }
			k = d[2] "|" d[3]
			print "K|" d[2] "|" d[3] "|" d[4] "|" d[5] "|" d[6] "|" \
				d[7] "|" cur[k] "|" d[8] "|" conf[k] "|" d[9] "|" \
				d[10] "|" last[k]
		}
	}' "$S/defs" "$ledger"
}

# history_expect <okr>#<kr> <format> [<since> [<until>]]: okr history as
# the ledger ($hledger, default the whole ledger) says, oldest first.
history_expect() {
	awk -F"|" -v o="${1%#*}" -v k="${1#*#}" -v fmt="$2" \
		-v since="${3-}" -v until="${4-}" '
	function days(s,   y, m, d, era, yoe, doy) {
		y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0
		d = substr(s, 9, 2) + 0
		if (m <= 2) y--
		era = int(y / 400); yoe = y - era * 400
		doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
		return era * 146097 + yoe * 365 + int(yoe / 4) - \
			int(yoe / 100) + doy - 719468
	}
	NR == FNR { if ($1 == "K" && $2 == o && $3 == k) unit = $8; next }
	$2 == o && $3 == k && (since == "" || $7 >= since) &&
	(until == "" || $7 <= until) { line[++n] = $0 }
	END {
		if (fmt == "csv" && n) print "date,who,commit,value,unit,confidence,note,late"
		if (fmt == "json") {
			print "{"
			print "  \"format_version\": 1,"
			printf "  \"values\": [%s\n", (n ? "" : "]")
		}
		for (i = 1; i <= n; i++) {
			split(line[i], f, "|")
			if (fmt == "text") {
				s = f[7] "  " f[4] " " unit "  " f[6] "  " \
					substr(f[9], 1, 7) "  "
				if (f[5] != "") s = s "confidence " f[5]
				if (f[5] != "" && f[10] != "") s = s "  "
				s = s f[10]
				sub(/ +$/, "", s)
				print s
			}
			if (fmt == "csv")
				print f[7] "," f[6] "," f[9] "," f[4] "," unit "," \
					f[5] "," f[10] ",no"
			if (fmt == "json") {
				print "    {"
				print "      \"date\": \"" f[7] "\","
				print "      \"time\": " (days(f[7]) * 86400 + 36000) ","
				print "      \"who\": \"" f[6] "\","
				print "      \"email\": \"" f[6] "@example.com\","
				print "      \"commit\": \"" f[9] "\","
				print "      \"value\": " f[4] ","
				print "      \"unit\": \"" unit "\","
				print "      \"confidence\": " (f[5] == "" ? "null" : f[5]) ","
				print "      \"note\": \"" f[10] "\","
				print "      \"late\": false"
				print "    }" (i < n ? "," : "")
			}
		}
		if (fmt == "json") {
			if (n) print "  ]"
			print "}"
		}
	}' "$S/defs" "${hledger:-$ledger}"
}

# history_matches <okr>#<kr>: okr history in text, JSON and CSV.
history_matches() {
	history_expect "$1" text >"$S/expect" &&
	align okr history "$1" >"$S/out" 2>"$S/err" &&
	sed "s/ *\$//" "$S/out" >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual" &&
	history_expect "$1" json >"$S/expect" &&
	align okr history "$1" --format json >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/out" &&
	history_expect "$1" csv >"$S/expect" &&
	align okr history "$1" --format csv >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/out"
}

# log_expect: the check-in lines align log should print, newest first.
# The note (-m) of a check-in follows it, for commits align wrote only.
log_expect() {
	git log --all --format=%H --grep="^okr: " >"$S/align-commits" &&
	awk -F"|" '
	FILENAME ~ /align-commits$/ { byalign[$1] = 1; next }
	FILENAME ~ /defs$/ { if ($1 == "K") unit[$2 "|" $3] = $8; next }
	{
		k = $2 "|" $3
		if (k in prev) {
			s = $6 " checked in " $2 "#" $3 " " prev[k] " → " $4
			if (unit[k] != "") s = s " " unit[k]
			if ($5 != "") s = s " (confidence " $5 ")"
			if ($10 != "" && ($9 in byalign)) s = s "  " $10
			print $7 " " s
		}
		prev[k] = $4
	}' "$S/align-commits" "$S/defs" "$ledger" | sort -r
}

# status_as_of <as-of> <model file> <day>: okr status --as-of in text,
# JSON and CSV, is what the model says on that day.
status_as_of() {
	sa_at=$1 sa_model=$2 sa_day=$3
	model "$sa_model" "$sa_day" text >"$S/expect" &&
	align okr status --as-of "$sa_at" >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/out" &&
	model "$sa_model" "$sa_day" fields >"$S/expect" &&
	align okr status --as-of "$sa_at" --format json >"$S/out.json" \
		2>"$S/err" &&
	fields "$S/out.json" >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	model "$sa_model" "$sa_day" csv >"$S/expect" &&
	align okr status --as-of "$sa_at" --format csv >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/out"
}

test_expect_success 'Oct 1-2: the team plans the quarter' '
	by maya 2026-10-01 &&
	setup_align_repo &&
	cat >people.ini <<-\EOF &&
	[person "maya"]
	name = Maya Lind
	email = maya@example.com
	team = leadership

	[person "lee"]
	name = Lee Park
	email = lee@example.com
	team = growth

	[person "dana"]
	name = Dana Okafor
	email = dana@example.com
	team = content
	EOF
	git add people.ini &&
	git commit -q -m "the team" &&
	align okr new "Partner revenue" --owner maya >"$S/out" &&
	echo okrs/2026-Q4/$rev.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	kr_add $rev arr "New partner ARR" 0 200000 USD &&
	kr_add $rev partners "Active partners" 10 30 partners &&
	sed -i "/^\[kr \"arr\"\]\$/,/^\$/s/^unit = USD\$/&\\
weight = 3/" okrs/2026-Q4/$rev.md &&
	git commit -q -am "ARR counts three times" &&
	by lee 2026-10-02 &&
	align okr new Pipeline --owner lee --parent $rev --weight 2 >"$S/out" &&
	echo okrs/2026-Q4/$pipe.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	kr_add $pipe attendance "Webinar attendance" 38 60 % &&
	kr_add $pipe leads "Partner leads" 0 400 leads &&
	by dana 2026-10-02 &&
	align okr new "Content engine" --owner dana --parent $rev >"$S/out" &&
	echo okrs/2026-Q4/$content.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	kr_add $content articles "Articles published" 0 12 articles &&
	kr_add $content cycle "Review cycle" 20 10 days --direction decrease &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	test $(wc -l <"$ledger") -eq 6
'

test_expect_success 'October: check-ins with align, and by hand on a branch' '
	by dana 2026-10-09 &&
	checkin $content#articles 2 0.9 "two guides live" &&
	by lee 2026-10-12 &&
	checkin $pipe#attendance 41 0.7 "partner promo" &&
	by maya 2026-10-15 &&
	checkin $rev#arr 30000 0.6 "first two deals" &&
	by dana 2026-10-16 &&
	checkin $content#cycle 18 0.5 &&
	by lee 2026-10-19 &&
	checkin $pipe#leads 90 0.8 "webinar leads" &&
	git branch lee-oct &&
	by dana 2026-10-23 &&
	checkin $content#articles 4 - &&
	by lee 2026-10-26 &&
	git checkout -q lee-oct &&
	hand_checkin $pipe#attendance 45 0.8 "attendance up after the newsletter" &&
	by maya 2026-10-27 &&
	merge lee-oct &&
	git rev-parse HEAD >"$S/merge-oct" &&
	by maya 2026-10-30 &&
	checkin $rev#partners 14 0.3 "slow start"
'

test_expect_success 'November: a broken hand edit on a branch, fixed, merged' '
	git branch lee-leads &&
	by lee 2026-11-02 &&
	git checkout -q lee-leads &&
	sed -i "/^\[kr \"leads\"\]\$/,/^\$/s/^current = 90\$/current 170/" \
		okrs/2026-Q4/$pipe.md &&
	git commit -q -am "leads from the partner fair" &&
	git rev-parse HEAD >"$S/broken" &&
	test_must_fail align check >/dev/null 2>&1 &&
	by lee 2026-11-03 &&
	sed -i "s/^current 170\$/current = 170/" okrs/2026-Q4/$pipe.md &&
	git commit -q -am "fix the leads line" &&
	record $pipe#leads 170 - "fix the leads line" &&
	by dana 2026-11-05 &&
	git checkout -q main &&
	hand_checkin $content#articles 7 - "articles: 7 published" &&
	by dana 2026-11-06 &&
	merge lee-leads &&
	git branch dana-cycle &&
	by dana 2026-11-10 &&
	git checkout -q dana-cycle &&
	checkin $content#cycle 15 0.6 "new review template" &&
	by lee 2026-11-11 &&
	git checkout -q main &&
	checkin $pipe#attendance 47 0.6 "fewer signups this week" &&
	by maya 2026-11-13 &&
	merge dana-cycle &&
	by lee 2026-11-16 &&
	checkin $pipe#leads 236 0.7 &&
	by maya 2026-11-18 &&
	checkin $rev#arr 90000 0.5 "two more partners signed"
'

test_expect_success 'the story left what it should in git' '
	test -z "$(git status --porcelain)" &&
	git log --merges --format="%ad %an %s" --date=short >"$S/out" &&
	cat >"$S/expect" <<-EOF &&
	2026-11-13 Maya Lind Merge branch ${SQ}dana-cycle${SQ}
	2026-11-06 Dana Okafor Merge branch ${SQ}lee-leads${SQ}
	2026-10-27 Maya Lind Merge branch ${SQ}lee-oct${SQ}
	EOF
	test_cmp "$S/expect" "$S/out" &&
	git log --format=%an | sort -u >"$S/out" &&
	printf "%s\n" "Dana Okafor" "Lee Park" "Maya Lind" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test $(grep -c "|@" "$ledger") -eq 0 &&
	test $(wc -l <"$ledger") -eq 20 &&
	align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err"
'

test_expect_success 'okr status on Nov 20: every objective and key result' '
	story_model 9999-12-31 >"$S/model" &&
	status_matches "$S/model" 2026-11-20
'

test_expect_success 'okr status on Nov 20: the figures worked out by hand' '
	ALIGN_NOW=2026-11-20T12:00:00Z align okr status >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	$content  54%  at-risk  dana  Content engine
	  #articles  7/12 articles  58% of 55% expected  on-track  confidence 0.9  dana  stale 15d
	  #cycle  15/10 days  50% of 55% expected  at-risk  confidence 0.6  dana  stale 10d
	$rev  39%  off-track  maya  Partner revenue
	  #arr  90000/200000 USD  45% of 55% expected  at-risk  confidence 0.5  maya
	  #partners  14/30 partners  20% of 55% expected  off-track  confidence 0.3  maya  stale 21d
	$pipe  50%  at-risk  lee  Pipeline
	  #attendance  47/60 %  41% of 55% expected  at-risk  confidence 0.6  lee  stale 9d
	  #leads  236/400 leads  59% of 55% expected  on-track  confidence 0.7  lee
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'okr status --tree rolls the team objectives up' '
	story_model 9999-12-31 >"$S/model" &&
	model "$S/model" 2026-11-20 tree >"$S/expect" &&
	ALIGN_NOW=2026-11-20T12:00:00Z align okr status --tree >"$S/out" \
		2>"$S/err" &&
	test_cmp "$S/expect" "$S/out" &&
	head -n 1 "$S/out" >"$S/actual" &&
	echo "$rev  44%  off-track  maya  Partner revenue" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	ALIGN_NOW=2026-11-20T12:00:00Z align okr status --format json \
		>"$S/out.json" 2>"$S/err" &&
	grep "^      \"rolled_up_progress\"" "$S/out.json" >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	      "rolled_up_progress": 0.5417,
	      "rolled_up_progress": 0.4415,
	      "rolled_up_progress": 0.4995,
	EOF
	test_cmp "$S/expect" "$S/out"
'

for kr in $content#articles $content#cycle $rev#arr $rev#partners \
	$pipe#attendance
do
	test_expect_success "okr history $kr: every value, who, when, commit" '
		history_matches '"$kr"'
	'
done

test_expect_success "okr history $pipe#leads: the value a fixed file shows" '
	history_matches $pipe#leads
'

test_expect_success 'okr history names the commits git log names' '
	c=$(git log --format=%H --author=lee -1 \
		--grep="^attendance up after the newsletter\$") &&
	test -n "$c" &&
	echo "2026-10-26  45 %  lee  $(git rev-parse --short=7 $c)  confidence 0.8  attendance up after the newsletter" \
		>"$S/expect" &&
	align okr history $pipe#attendance >"$S/out" &&
	grep "^2026-10-26 " "$S/out" >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual" &&
	c=$(git log --format=%H --author=dana -1 --grep="^new review template\$") &&
	test -n "$c" &&
	align okr history $content#cycle --format csv >"$S/out" &&
	test_grep "^2026-11-10,dana,$c,15,days,0.6,new review template,no\$" \
		"$S/out"
'

test_expect_success 'okr history --since and --until (days inclusive)' '
	history_expect $pipe#attendance csv 2026-10-12 2026-10-26 >"$S/expect" &&
	align okr history $pipe#attendance --since 2026-10-12 \
		--until 2026-10-26 --format csv >"$S/out" &&
	test_cmp "$S/expect" "$S/out" &&
	test $(wc -l <"$S/out") -eq 3 &&
	history_expect $rev#arr text 2026-10-16 >"$S/expect" &&
	align okr history $rev#arr --since 2026-10-16 >"$S/out" &&
	sed "s/ *\$//" "$S/out" >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual" &&
	test $(wc -l <"$S/out") -eq 1 &&
	align okr history $rev#arr --until 2026-10-14 --format csv >"$S/out" &&
	history_expect $rev#arr csv "" 2026-10-14 >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test $(wc -l <"$S/out") -eq 2
'

test_expect_success 'the broken version: align log warns once, by commit; okr history does not' '
	broken=$(cut -c1-12 "$S/broken") &&
	cat >"$S/expect" <<-EOF &&
	align: warning: okrs/2026-Q4/$pipe.md: skipped the version in commit $broken: expected ${SQ}[section]${SQ} or ${SQ}key = value${SQ}
	EOF
	align okr history $pipe#attendance >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/err" &&
	align log >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/err"
'

test_expect_success 'align log: each check-in once, merges not counted again' '
	log_expect | grep -v "#leads " >"$S/expect" &&
	test $(wc -l <"$S/expect") -eq 11 &&
	align log >"$S/out" 2>"$S/err" &&
	grep " checked in " "$S/out" | grep -v "#leads " >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual" &&
	test $(grep -c "#attendance 41 → 45 " "$S/out") -eq 1 &&
	test $(grep -c "#cycle 18 → 15 " "$S/out") -eq 1
'

test_expect_success 'align log: the leads check-ins, the fixed one included' '
	log_expect | grep "#leads " >"$S/expect" &&
	cat >"$S/expect.hand" <<-EOF &&
	2026-11-16 lee checked in $pipe#leads 170 → 236 leads (confidence 0.7)
	2026-11-03 lee checked in $pipe#leads 90 → 170 leads (confidence 0.8)
	2026-10-19 lee checked in $pipe#leads 0 → 90 leads (confidence 0.8)  webinar leads
	EOF
	test_cmp "$S/expect.hand" "$S/expect" &&
	align log >"$S/out" 2>"$S/err" &&
	grep " checked in $pipe#leads " "$S/out" >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'align log --since/--author: the November check-ins of lee' '
	log_expect | awk "\$1 >= \"2026-11-01\" && \$2 == \"lee\"" >"$S/expect" &&
	test $(wc -l <"$S/expect") -eq 3 &&
	align log --since 2026-11-01 --author lee >"$S/out" 2>"$S/err" &&
	grep " checked in " "$S/out" >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'okr status --as-of a commit: as it stood after the merge' '
	story_model 2026-10-27 >"$S/model" &&
	grep "|attendance|.*|45|%|0.8|" "$S/model" &&
	status_as_of "$(cat "$S/merge-oct")" "$S/model" 2026-10-27 &&
	status_as_of "$(git rev-parse --short "$(cat "$S/merge-oct")")" \
		"$S/model" 2026-10-27
'

test_expect_success 'okr status --as-of 2026-11-10, from git objects' '
	story_model 2026-11-10 >"$S/model" &&
	grep "|leads|.*|170|leads|0.8|||2026-11-03\$" "$S/model" &&
	grep "|cycle|.*|18|days|0.5|||2026-10-16\$" "$S/model" &&
	status_as_of 2026-11-10 "$S/model" 2026-11-10
'

test_expect_success 'okr status --as-of ignores uncommitted changes' '
	story_model 2026-10-31 >"$S/model" &&
	set_kr $content#articles current 11 &&
	sed "s/^id = .*/id = 2026-q4-draft/" okrs/2026-Q4/$rev.md \
		>okrs/2026-Q4/2026-q4-draft.md &&
	ALIGN_NOW=2026-11-20T12:00:00Z align okr status >"$S/now" &&
	status_as_of 2026-10-31 "$S/model" 2026-10-31
	ret=$? &&
	git checkout -q -- okrs && rm okrs/2026-Q4/2026-q4-draft.md &&
	test -z "$(git status --porcelain)" &&
	test $ret = 0 &&
	grep "^  #articles  11/12 articles" "$S/now" &&
	grep "^2026-q4-draft  " "$S/now"
'

test_expect_success 'a shallow clone reports what it has, and says so' '
	git clone -q --depth 3 "file://$(pwd)" "$S/shallow" &&
	cd "$S/shallow" &&
	git rev-list HEAD >"$S/have" &&
	grep -v -F -f .git/shallow "$S/have" >"$S/walkable" &&
	grep -F -f "$S/walkable" "$ledger" >"$S/ledger.shallow" &&
	hledger=$S/ledger.shallow &&
	echo "align: warning: history ends early: this is a shallow clone; fetch all of it with ${SQ}git fetch --unshallow${SQ} (in CI: fetch-depth: 0)" \
		>"$S/expect.err" &&
	for kr in $pipe#leads $rev#arr
	do
		history_expect $kr csv >"$S/expect" &&
		test $(wc -l <"$S/expect") -eq 2 &&
		align okr history $kr --format csv >"$S/out" 2>"$S/err" &&
		test_cmp "$S/expect" "$S/out" &&
		test_cmp "$S/expect.err" "$S/err" &&
		history_expect $kr text >"$S/expect" &&
		align okr history $kr >"$S/out" 2>"$S/err" &&
		sed "s/ *\$//" "$S/out" >"$S/actual" &&
		test_cmp "$S/expect" "$S/actual" || exit 1
	done &&
	hledger= &&
	test $(history_expect $pipe#leads csv | wc -l) -eq 5
'

test_done
