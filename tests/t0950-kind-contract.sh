#!/bin/sh
# The kind contract: every kind in the table (lib/kind.c), discovered from
# the table itself through tests/kinds-dump, gets the same checks, so a
# kind added later is tested for free:
#   - align init writes its template, its folder and its [folders] entry;
#   - align new makes a record of it that align check passes;
#   - align ls, show, log and diff know the record;
#   - its JSON (show, ls) has every field the kind declares;
#   - a record breaking each typed field of the kind's own section, or
#     leaving out a required one, is flagged at that field's path:line.
# Fields of repeated subsections (an objective's [kr "<key>"]) are checked
# by the kind's own tests.
. "$(dirname "$0")/lib.sh"

S=$TRASH_DIRECTORY
SQ="'"
: "${ALIGN_KINDS_DUMP:=$(dirname "$ALIGN_BIN")/../tests/kinds-dump}"

if ! "$ALIGN_KINDS_DUMP" >"$S/kinds" 2>/dev/null || ! test -s "$S/kinds"; then
	printf '1..0 # SKIP kinds-dump not built (%s)\n' "$ALIGN_KINDS_DUMP"
	rm -rf "$TRASH_DIRECTORY"
	exit 0
fi

# The JSON test needs a real JSON parser.
if command -v python3 >/dev/null; then
	json_test=test_expect_success
else
	json_test=skip_test
fi
skip_test() {
	test_count=$((test_count + 1))
	printf 'ok %d - %s # SKIP python3 not installed\n' "$test_count" "$1"
}

# A value of each type that check accepts (with write_roster's handles),
# and one it refuses; nothing for types new cannot write on its own.
good_value() {
	case $1 in
	text) echo "sample text" ;;
	date) echo 2026-11-20 ;;
	number) echo 3 ;;
	person) echo maya ;;
	persons) echo "maya, dana" ;;
	enum) echo "${2%%,*}" ;;
	period) echo 2026-Q4 ;;
	week) echo 2026-W47 ;;
	esac
}

bad_value() {
	case $1 in
	id) echo Bad_Id ;;
	date) echo 2026-02-30 ;;
	number) echo many ;;
	person) echo nobody ;;
	persons) echo "maya, nobody" ;;
	enum) echo bogus-value ;;
	reference) echo no-such-record ;;
	period) echo 2026-Q5 ;;
	week) echo 2026-W54 ;;
	serial) echo 12x ;;
	esac
}

# make_record <kind> <title> <with refs>: align new with a good value for
# each field of the kind's own section; with refs 1, a reference field
# names a record of its kind made first. Prints what align new prints.
make_record() {
	mk_kind=$1 mk_title=$2 mk_refs=$3
	mk_initial=$(awk -v k="$1" '$1 == "kind" && $2 == k { print $4 }' \
		"$S/kinds")
	set -- new "$mk_kind" "$mk_title"
	while read -r name type req values; do
		case $type in
		id | serial) continue ;;
		reference)
			test "$mk_refs" = 1 || continue
			target=$(make_record "$values" "Target of $mk_title" 0 |
				tail -n 1) || return 1
			target=$(basename "$target") &&
			set -- "$@" --$name "${target%.*}"
			continue
			;;
		esac
		test "$name" = status && test "$mk_initial" != - && continue
		v=$(good_value $type "$values")
		test -n "$v" || continue
		set -- "$@" --$name "$v"
	done <"$S/fields.$mk_kind"
	align "$@"
}

test_expect_success 'the table has kinds, each with fields' '
	grep -q "^kind " "$S/kinds" &&
	for k in $(awk "\$1 == \"kind\" { print \$2 }" "$S/kinds"); do
		grep -q "^field $k " "$S/kinds" || {
			echo "kind $k declares no fields"; exit 1
		}
	done
'

test_expect_success 'setup: a repository with a roster' '
	ALIGN_NOW=2026-11-20 &&
	export ALIGN_NOW &&
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster
'
ALIGN_NOW=2026-11-20
export ALIGN_NOW

test_expect_success 'align new: a kind and a title are needed' '
	save_state &&
	test_expect_code 129 align new 2>"$S/err" &&
	test_grep "^usage: align new <kind> <title>" "$S/err" &&
	test_expect_code 129 align new frobnicate "X" 2>"$S/err" &&
	echo "align: error: unknown kind ${SQ}frobnicate${SQ}" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 129 align new brief 2>"$S/err" &&
	echo "align: error: a brief needs a title: align new brief \"<title>\"" \
		>"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 129 align new brief "X" --due 2026-13-01 2>"$S/err" &&
	echo "align: error: invalid date ${SQ}2026-13-01${SQ} for --due: use YYYY-MM-DD, a real calendar date" \
		>"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

# Each kind's own section's fields: name type required values.
for kind in $(awk '$1 == "kind" { print $2 }' "$S/kinds"); do
	awk -v k="$kind" '$1 == "field" && $2 == k && $6 == "-" {
		print $3, $4, $5, $7 }' "$S/kinds" >"$S/fields.$kind"
done

while read -r tag kind folder initial ext; do
	test "$tag" = kind || continue

	test_expect_success "$kind: init writes its template, folder and [folders] entry" '
		test -f templates/$kind$ext &&
		test -d $folder &&
		sed -n "/^\[folders\]/,/^\[/p" align.ini >"$S/folders" &&
		grep -qx "$kind = $folder" "$S/folders"
	'

	test_expect_success "$kind: new makes a record that check passes" '
		make_record $kind "Contract $kind" 1 >"$S/new.out" &&
		path=$(tail -n 1 "$S/new.out") &&
		test -f "$path" &&
		case $path in $folder/*) ;; *) false ;; esac &&
		echo "$path" >"$S/path.$kind" &&
		git log -1 --format=%s >"$S/subject" &&
		echo "$kind: new $(basename "$path" "$ext")" >"$S/expect" &&
		test_cmp "$S/expect" "$S/subject" &&
		align check >"$S/out" 2>"$S/err" &&
		! grep ": error: " "$S/out"
	'
	path=$(cat "$S/path.$kind" 2>/dev/null)
	id=$(basename "$path" "$ext")

	test_expect_success "$kind: ls, show, log and diff know it" '
		align ls $kind >"$S/out" &&
		grep -q "^$kind  *$id " "$S/out" &&
		align show $id >"$S/out" &&
		grep -q "^$kind $id ($path)$" "$S/out" &&
		align log >"$S/out" &&
		grep -q " created $kind $id$" "$S/out" &&
		align diff HEAD~1 HEAD >"$S/out" &&
		grep -q "^added $kind $id ($path)$" "$S/out"
	'

	$json_test "$kind: its JSON has every declared field" '
		align show $id --format json >"$S/show.json" &&
		align ls $kind --format json >"$S/ls.json" &&
		cut -d" " -f1 "$S/fields.$kind" >"$S/names" &&
		python3 - "$S/show.json" "$S/ls.json" "$S/names" <<-\EOF
		import json, sys
		show = json.load(open(sys.argv[1]))
		ls = json.load(open(sys.argv[2]))["records"]
		names = open(sys.argv[3]).read().split()
		missing = [n for n in names if n not in show or n not in ls[0]]
		if missing:
		    sys.exit("missing in JSON: " + ", ".join(missing))
		EOF
	'

	# The section header's line; a bad value goes on the line after it.
	hdr=$(grep -n "^\[$kind\]\$" "$path" | cut -d: -f1)
	while read -r name type req values; do
		bad=$(bad_value $type)
		if test -n "$bad"; then
			test_expect_success "$kind: a bad $type in $name is flagged at $path:$((hdr + 1))" '
				sed -i -e "/^$name = /d" -e "${hdr}a $name = $bad" "$path" &&
				test_expect_code 1 align check >"$S/out" 2>/dev/null &&
				grep "^$path:$((hdr + 1)): error: .*$name" "$S/out" &&
				git checkout -q -- "$path"
			'
		fi
		if test "$req" = required; then
			test_expect_success "$kind: a missing $name is flagged at $path:$hdr" '
				sed -i "/^$name = /d" "$path" &&
				test_expect_code 1 align check >"$S/out" 2>/dev/null &&
				grep -x "$path:$hdr: error: missing required field .$name." "$S/out" &&
				git checkout -q -- "$path"
			'
		fi
	done <"$S/fields.$kind"
done <"$S/kinds"

test_done
