#!/bin/sh
# align check: every finding at its file and line, in text, GitHub and JSON
# form; and how the other commands treat a record that does not parse.
. "$(dirname "$0")/lib.sh"

SQ="'"

# Scratch files live beside the repositories, so that writing them never
# changes what save_state fingerprints.
S=$TRASH_DIRECTORY

STATUSES="draft, submitted, approved, live, completed, cancelled"

# fresh_repo <name>: a new align repository in $S/<name> holding the
# answered brief briefs/2026-11-partner-webinar.md, committed. Call it in
# the test's own shell (not in a pipeline): the test continues there.
fresh_repo() {
	mkdir "$S/$1" &&
	cd "$S/$1" &&
	setup_align_repo &&
	write_roster &&
	write_answered_brief briefs/2026-11-partner-webinar.md &&
	git add briefs people.ini &&
	git commit -q -m "brief: partner webinar"
}

# a_brief <id> [<sed script>]: the answered brief with id <id>, edited by
# the sed script, on stdout. Its lines: 1 title, 3 ```ini, 4 [brief], 5 id,
# 6 status, 7 type, 8 owner, 9 accountable, 10 due, 11 created, 12 ```.
a_brief() {
	write_answered_brief "$S/brief.tmp" &&
	sed -e "s/^id = .*/id = $1/" -e "${2-}" "$S/brief.tmp"
}

# pad_to <file> <bytes>: appends a line of prose so the file has that size.
pad_to() {
	size=$(wc -c <"$1") &&
	head -c $(($2 - size - 1)) /dev/zero | tr "\0" a >>"$1" &&
	echo >>"$1" &&
	test $(wc -c <"$1") -eq "$2"
}

# check_reports <summary>: align check exits 1 with exactly $S/expect on
# stdout and the summary line on stderr, and changes nothing.
check_reports() {
	printf '%s\n' "$1" >"$S/expect.err" &&
	save_state &&
	test_expect_code 1 align check >"$S/out" 2>"$S/err" &&
	test_cmp "$S/expect" "$S/out" &&
	test_cmp "$S/expect.err" "$S/err" &&
	test_state_unchanged
}

# check_is_clean: align check exits 0 and prints nothing at all.
check_is_clean() {
	align check >"$S/out" 2>"$S/err"
	code=$?
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	test "$code" = 0 || {
		echo "align check exited $code, expected 0" >&2
		return 1
	}
}

test_expect_success 'a clean repository: check exits 0 and prints nothing' '
	setup_align_repo &&
	write_roster &&
	write_answered_brief briefs/2026-11-partner-webinar.md &&
	git add briefs people.ini &&
	git commit -q -m "brief: partner webinar" &&
	save_state &&
	check_is_clean &&
	align check --format=github >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_must_be_empty "$S/err" &&
	align check --format=json >"$S/out" 2>"$S/err" &&
	printf "{\n  \"format_version\": 1,\n  \"diagnostics\": []\n}\n" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test_must_be_empty "$S/err" &&
	test_state_unchanged
'

test_expect_success 'an empty repository is clean too' '
	mkdir "$S/empty" &&
	cd "$S/empty" &&
	setup_align_repo &&
	check_is_clean
'

test_expect_success 'a brief made by brief new is clean' '
	fresh_repo made &&
	align brief new "Made by align" --owner maya --due 2026-12-01 >"$S/out" &&
	check_is_clean
'

test_expect_success 'unknown status' '
	fresh_repo status &&
	a_brief shipped-one "s/^status = .*/status = shipped/" >briefs/shipped.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/shipped.md:6: error: unknown status ${SQ}shipped${SQ} (one of: $STATUSES)
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'missing required fields: id, status, created' '
	fresh_repo required &&
	a_brief x "/^id = /d" >briefs/no-id.md &&
	a_brief no-status "/^status = /d" >briefs/no-status.md &&
	a_brief no-created "/^created = /d" >briefs/no-created.md &&
	a_brief empty-created "s/^created = .*/created =/" >briefs/empty-created.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/empty-created.md:4: error: missing required field ${SQ}created${SQ}
	briefs/no-created.md:4: error: missing required field ${SQ}created${SQ}
	briefs/no-id.md:4: error: missing required field ${SQ}id${SQ}
	briefs/no-status.md:4: error: missing required field ${SQ}status${SQ}
	EOF
	check_reports "4 errors, 0 warnings in 5 records"
'

test_expect_success 'a due or created date that is not a calendar date' '
	fresh_repo dates &&
	a_brief bad-due "s/^due = .*/due = 2026-02-30/" >briefs/bad-due.md &&
	a_brief bad-created "s/^created = .*/created = 2026-02-30/" \
		>briefs/bad-created.md &&
	a_brief bad-format "s/^due = .*/due = 10\/12\/2026/" >briefs/bad-format.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/bad-created.md:11: error: created ${SQ}2026-02-30${SQ} is not a date (YYYY-MM-DD)
	briefs/bad-due.md:10: error: due ${SQ}2026-02-30${SQ} is not a date (YYYY-MM-DD)
	briefs/bad-format.md:10: error: due ${SQ}10/12/2026${SQ} is not a date (YYYY-MM-DD)
	EOF
	check_reports "3 errors, 0 warnings in 4 records"
'

test_expect_success 'the same id in two files' '
	fresh_repo dup-ids &&
	write_answered_brief briefs/copy.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/copy.md:5: error: duplicate id ${SQ}2026-11-partner-webinar${SQ} (also in briefs/2026-11-partner-webinar.md)
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'past due: flagged while draft, submitted or approved' '
	fresh_repo past-due &&
	for s in draft submitted approved live completed cancelled
	do
		a_brief "late-$s" "s/^status = .*/status = $s/; s/^due = .*/due = 2026-11-01/" \
			>"briefs/late-$s.md" || exit 1
	done &&
	a_brief due-today "s/^status = .*/status = approved/; s/^due = .*/due = 2026-11-02/" \
		>briefs/due-today.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/late-approved.md:10: error: brief is past its due date 2026-11-01 and still approved
	briefs/late-draft.md:10: error: brief is past its due date 2026-11-01 and still draft
	briefs/late-submitted.md:10: error: brief is past its due date 2026-11-01 and still submitted
	EOF
	check_reports "3 errors, 0 warnings in 8 records"
'

test_expect_success 'past due follows ALIGN_NOW' '
	cd "$S/past-due" &&
	export ALIGN_NOW=2026-10-31 &&
	check_is_clean
'

test_expect_success 'a submitted brief without owner, an approved one without accountable' '
	fresh_repo people &&
	a_brief no-owner "s/^status = .*/status = submitted/; /^owner = /d" \
		>briefs/no-owner.md &&
	a_brief empty-owner "s/^status = .*/status = submitted/; s/^owner = .*/owner =/" \
		>briefs/empty-owner.md &&
	a_brief no-accountable "s/^status = .*/status = approved/; /^accountable = /d" \
		>briefs/no-accountable.md &&
	a_brief draft-no-owner "/^owner = /d" >briefs/draft-no-owner.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/empty-owner.md:4: error: submitted brief has no owner
	briefs/no-accountable.md:4: error: approved brief has no accountable
	briefs/no-owner.md:4: error: submitted brief has no owner
	EOF
	check_reports "3 errors, 0 warnings in 5 records"
'

test_expect_success 'an [okr] record in the briefs folder' '
	fresh_repo wrong-kind &&
	a_brief an-okr "s/^\[brief\]$/[okr]/" >briefs/okr.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/okr.md:4: error: a [okr] record in the briefs folder; expected [brief]
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'ini: an unclosed section header' '
	fresh_repo unclosed-section &&
	a_brief half "s/^\[brief\]$/[brief/" >briefs/half.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/half.md:4: error: malformed section header: missing ${SQ}]${SQ}
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'ini: a duplicate section' '
	fresh_repo dup-section &&
	a_brief twice "s/^created = .*/&\n[brief]\nnote = again/" >briefs/twice.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/twice.md:12: error: duplicate section [brief] (first at line 4)
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'ini: a 214-byte line smuggling status=approved is an error' '
	fresh_repo injection &&
	pad=$(printf "%194s" "" | tr " " x) &&
	a_brief smuggled "s/^type = .*/note=${pad}status=approved/" >briefs/smuggled.md &&
	sed -n 7p briefs/smuggled.md >"$S/line" &&
	test $(wc -c <"$S/line") -eq 215 &&
	cat >"$S/expect" <<-EOF &&
	briefs/smuggled.md:7: error: line is 214 bytes long; the limit is 198 bytes
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'the smuggled status is never read: ls skips it, show refuses it' '
	cd "$S/injection" &&
	save_state &&
	align ls --status approved >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: warning: skipping ${SQ}briefs/smuggled.md${SQ}: it does not parse (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align show smuggled >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/smuggled.md${SQ} cannot be read: line 7: line is 214 bytes long; the limit is 198 bytes (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'ini: a 198-byte line is accepted, a 199-byte line is not' '
	fresh_repo line-limit &&
	pad=$(printf "%191s" "" | tr " " v) &&
	a_brief fits "s/^type = .*/note = $pad/" >briefs/fits.md &&
	sed -n 7p briefs/fits.md >"$S/line" &&
	test $(wc -c <"$S/line") -eq 199 &&
	check_is_clean &&
	a_brief too-long "s/^type = .*/note = ${pad}v/" >briefs/too-long.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/too-long.md:7: error: line is 199 bytes long; the limit is 198 bytes
	EOF
	check_reports "1 error, 0 warnings in 3 records"
'

test_expect_success 'ini: an indented key' '
	fresh_repo indented &&
	a_brief indented "s/^owner = /  owner = /" >briefs/indented.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/indented.md:8: error: indented line (inih would read it as a continuation of the previous value)
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'ini: a duplicate key' '
	fresh_repo dup-key &&
	a_brief two-owners "s/^owner = .*/&\nowner = lee/" >briefs/two-owners.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/two-owners.md:9: error: duplicate key ${SQ}owner${SQ} in [brief] (first at line 8)
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'ini: a line that is not valid UTF-8' '
	fresh_repo utf8 &&
	a_brief latin1 "s/^type = .*/type = caf$(printf "\351")/" >briefs/latin1.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/latin1.md:7: error: line is not valid UTF-8
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'markdown: no ```ini block' '
	fresh_repo no-block &&
	a_brief no-block "/^\`\`\`/d" >briefs/no-block.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/no-block.md: error: no \`\`\`ini block with the record${SQ}s fields
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'markdown: no # Title heading' '
	fresh_repo no-title &&
	a_brief untitled "/^# Partner webinar$/d" >briefs/untitled.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/untitled.md:1: error: no ${SQ}# Title${SQ} heading
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'markdown: an unclosed ```ini fence' '
	fresh_repo unclosed-fence &&
	a_brief open "12d" >briefs/open.md &&
	sed -n 11,13p briefs/open.md >"$S/actual" &&
	printf "%s\n" "created = 2026-11-02" "" "## Why are we doing this?" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	cat >"$S/expect" <<-EOF &&
	briefs/open.md:3: error: unclosed \`\`\`ini block
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'a binary file named briefs/x.md' '
	fresh_repo binary &&
	{
		a_brief binary | head -c 100 &&
		printf "\0\0\001\002" &&
		a_brief binary | tail -c +101
	} >briefs/x.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/x.md: error: binary file (NUL byte at offset 100)
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'size: 65536 bytes are accepted, 65537 are not' '
	fresh_repo size &&
	a_brief exact >briefs/exact.md &&
	pad_to briefs/exact.md 65536 &&
	check_is_clean &&
	a_brief over >briefs/over.md &&
	pad_to briefs/over.md 65537 &&
	cat >"$S/expect" <<-EOF &&
	briefs/over.md: error: ${SQ}briefs/over.md${SQ} is larger than 65536 bytes (core.max-record-size)
	EOF
	check_reports "1 error, 0 warnings in 3 records"
'

test_expect_success 'size: core.max-record-size raises the limit' '
	cd "$S/size" &&
	sed "s/^max-record-size = .*/max-record-size = 70000/" align.ini >"$S/ini" &&
	cp "$S/ini" align.ini &&
	check_is_clean
'

test_expect_success 'size: core.max-record-size lowers the limit' '
	cd "$S/size" &&
	rm briefs/exact.md briefs/over.md &&
	a_brief small >briefs/small.md &&
	pad_to briefs/small.md 1024 &&
	a_brief large >briefs/large.md &&
	pad_to briefs/large.md 1025 &&
	sed "s/^max-record-size = .*/max-record-size = 1024/" align.ini >"$S/ini" &&
	cp "$S/ini" align.ini &&
	cat >"$S/expect" <<-EOF &&
	briefs/large.md: error: ${SQ}briefs/large.md${SQ} is larger than 1024 bytes (core.max-record-size)
	glossary.md: error: ${SQ}glossary.md${SQ} is larger than 1024 bytes (core.max-record-size)
	EOF
	check_reports "2 errors, 0 warnings in 3 records"
'

test_expect_success 'size: a core.max-record-size that is not a size is fatal' '
	cd "$S/size" &&
	sed "s/^max-record-size = .*/max-record-size = lots/" align.ini >"$S/ini" &&
	cp "$S/ini" align.ini &&
	save_state &&
	test_expect_code 128 align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: align.ini:10: core.max-record-size must be a number of bytes from 1024 to 16777216" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'deep nesting: 200 levels of > are refused before parsing' '
	fresh_repo nesting &&
	{
		a_brief deep &&
		printf "%200s" "" | tr " " ">" &&
		echo " too deep"
	} >briefs/deep.md &&
	{
		a_brief shallow-enough &&
		printf "%64s" "" | tr " " ">" &&
		echo " deep but allowed"
	} >briefs/shallow-enough.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/deep.md:37: error: lists, quotes or indentation nested 200 deep; the limit is 64
	EOF
	check_reports "1 error, 0 warnings in 3 records"
'

test_expect_success 'deep nesting: 50 levels of "> " are within the limit of 64' '
	fifty=$(printf "> %.0s" $(seq 50)) &&
	test ${#fifty} -eq 100 &&
	fresh_repo nesting-spaced &&
	{
		a_brief quoted &&
		echo "${fifty}deep but allowed"
	} >briefs/quoted.md &&
	check_is_clean
'

test_expect_success 'deep nesting: 200 levels of "> " are reported as 200' '
	fresh_repo nesting-spaced-deep &&
	{
		a_brief deep &&
		printf "> %.0s" $(seq 200) &&
		echo "too deep"
	} >briefs/deep.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/deep.md:37: error: lists, quotes or indentation nested 200 deep; the limit is 64
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'deep nesting: 100 nested list items' '
	fresh_repo nesting-list &&
	{
		a_brief listy &&
		i=0 &&
		while [ $i -lt 100 ]
		do
			printf "%$((i * 2))s- item\n" "" &&
			i=$((i + 1)) || exit 1
		done
	} >briefs/listy.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/listy.md:136: error: lists, quotes or indentation nested 100 deep; the limit is 64
	EOF
	check_reports "1 error, 0 warnings in 2 records"
'

test_expect_success 'a non-record file in briefs/ is ignored by check and ls' '
	fresh_repo logo &&
	printf "\211PNG\r\n\032\n\0\0\0\rIHDR" >briefs/logo.png &&
	printf "notes\n" >briefs/README.txt &&
	check_is_clean &&
	align ls >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/err" &&
	echo "brief  2026-11-partner-webinar  draft  maya  2026-12-10  Partner webinar" >"$S/expect" &&
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'several findings in several files, sorted by path and line' '
	fresh_repo many &&
	a_brief b-status "s/^status = .*/status = shipped/; s/^due = .*/due = 2026-02-30/" \
		>briefs/b.md &&
	a_brief a-half "s/^\[brief\]$/[brief/" >briefs/a.md &&
	write_answered_brief briefs/c.md &&
	cat >"$S/expect" <<-EOF &&
	briefs/a.md:4: error: malformed section header: missing ${SQ}]${SQ}
	briefs/b.md:6: error: unknown status ${SQ}shipped${SQ} (one of: $STATUSES)
	briefs/b.md:10: error: due ${SQ}2026-02-30${SQ} is not a date (YYYY-MM-DD)
	briefs/c.md:5: error: duplicate id ${SQ}2026-11-partner-webinar${SQ} (also in briefs/2026-11-partner-webinar.md)
	EOF
	check_reports "4 errors, 0 warnings in 4 records"
'

test_expect_success '--format=github: workflow annotations, nothing on stderr' '
	cd "$S/many" &&
	save_state &&
	test_expect_code 1 align check --format=github >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	::error file=briefs/a.md,line=4::malformed section header: missing ${SQ}]${SQ}
	::error file=briefs/b.md,line=6::unknown status ${SQ}shipped${SQ} (one of: $STATUSES)
	::error file=briefs/b.md,line=10::due ${SQ}2026-02-30${SQ} is not a date (YYYY-MM-DD)
	::error file=briefs/c.md,line=5::duplicate id ${SQ}2026-11-partner-webinar${SQ} (also in briefs/2026-11-partner-webinar.md)
	EOF
	test_cmp "$S/expect" "$S/out" &&
	test_must_be_empty "$S/err" &&
	test_state_unchanged
'

test_expect_success '--format=github escapes %, and : and , in the file name' '
	fresh_repo github-escape &&
	a_brief q4-launch "s/^status = .*/status = 50%done/" >"briefs/q4,launch:v2.md" &&
	test_expect_code 1 align check --format=github >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	::error file=briefs/q4%2Claunch%3Av2.md,line=6::unknown status ${SQ}50%25done${SQ} (one of: $STATUSES)
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success '--format=github: a finding without a line has no line=' '
	fresh_repo github-noline &&
	a_brief no-block "/^\`\`\`/d" >briefs/no-block.md &&
	test_expect_code 1 align check --format=github >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	::error file=briefs/no-block.md::no \`\`\`ini block with the record${SQ}s fields
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success '--format=github: paths from the top of the git repository' '
	mkdir -p "$S/monorepo/marketing" &&
	cd "$S/monorepo" &&
	git init -q -b main . &&
	(
		cd marketing &&
		align init --name Marketing >"$S/out" &&
		write_roster &&
		a_brief shipped "s/^status = .*/status = shipped/" >briefs/shipped.md &&
		test_expect_code 1 align check --format=github >"$S/out" 2>"$S/err"
	) &&
	cat >"$S/expect" <<-EOF &&
	::error file=marketing/briefs/shipped.md,line=6::unknown status ${SQ}shipped${SQ} (one of: $STATUSES)
	EOF
	test_cmp "$S/expect" "$S/out"
'

test_expect_success '--format=json: an array of {path, line, severity, message}' '
	cd "$S/many" &&
	printf "x\0y" >briefs/d.md &&
	save_state &&
	test_expect_code 1 align check --format=json >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	{
	  "format_version": 1,
	  "diagnostics": [
	    {
	      "path": "briefs/a.md",
	      "line": 4,
	      "severity": "error",
	      "message": "malformed section header: missing ${SQ}]${SQ}"
	    },
	    {
	      "path": "briefs/b.md",
	      "line": 6,
	      "severity": "error",
	      "message": "unknown status ${SQ}shipped${SQ} (one of: $STATUSES)"
	    },
	    {
	      "path": "briefs/b.md",
	      "line": 10,
	      "severity": "error",
	      "message": "due ${SQ}2026-02-30${SQ} is not a date (YYYY-MM-DD)"
	    },
	    {
	      "path": "briefs/c.md",
	      "line": 5,
	      "severity": "error",
	      "message": "duplicate id ${SQ}2026-11-partner-webinar${SQ} (also in briefs/2026-11-partner-webinar.md)"
	    },
	    {
	      "path": "briefs/d.md",
	      "line": null,
	      "severity": "error",
	      "message": "binary file (NUL byte at offset 1)"
	    }
	  ]
	}
	EOF
	test_cmp "$S/expect" "$S/out" &&
	test_must_be_empty "$S/err" &&
	test_state_unchanged
'

test_expect_success '--format=json escapes quotes and backslashes' '
	fresh_repo json-escape &&
	a_brief quoted "s/^status = .*/status = \"done\\\\now\"/" >briefs/quoted.md &&
	grep "^status = " briefs/quoted.md >"$S/actual" &&
	printf "%s\n" "status = \"done\\now\"" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	test_expect_code 1 align check --format=json >"$S/out" &&
	grep "\"message\"" "$S/out" >"$S/actual" &&
	printf "%s\n" "      \"message\": \"unknown status ${SQ}\\\"done\\\\now\\\"${SQ} (one of: $STATUSES)\"" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'check refuses an unknown format or an argument (exit 129)' '
	cd "$S/many" &&
	save_state &&
	test_expect_code 129 align check --format=xml >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: invalid value ${SQ}xml${SQ} for --format (one of: text, github, json)" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 129 align check briefs/a.md >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: unexpected argument ${SQ}briefs/a.md${SQ}" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'check outside an align repository is fatal (exit 128)' '
	mkdir "$S/plain" &&
	cd "$S/plain" &&
	git init -q -b main . &&
	test_expect_code 128 align check >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: not an align repository (no align.ini here or in any parent up to ${SQ}$(pwd -P)${SQ}); run ${SQ}align init${SQ} to make one" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err"
'

test_expect_success 'broken records, committed and uncommitted: setup' '
	fresh_repo broken &&
	a_brief half "s/^\[brief\]$/[brief/" >briefs/half.md &&
	{
		a_brief binary | head -c 100 &&
		printf "\0" &&
		a_brief binary | tail -c +101
	} >briefs/binary.md &&
	a_brief deep >briefs/deep.md &&
	printf "%100s\n" "" | tr " " ">" >>briefs/deep.md &&
	git add briefs &&
	git commit -q -m "briefs: broken ones" &&
	a_brief loose "s/^owner = /  owner = /" >briefs/loose.md &&
	write_answered_brief "$S/ok" &&
	sed "s/^id = .*/id = 2026-11-other/" "$S/ok" >briefs/2026-11-other.md &&
	git add briefs/2026-11-other.md &&
	git commit -q -m "brief: other"
'

test_expect_success 'show <broken> refuses with the file and line (exit 1)' '
	cd "$S/broken" &&
	save_state &&
	test_expect_code 1 align show half >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/half.md${SQ} cannot be read: line 4: malformed section header: missing ${SQ}]${SQ} (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align show briefs/half.md >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align show loose >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/loose.md${SQ} cannot be read: line 8: indented line (inih would read it as a continuation of the previous value) (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align show binary >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/binary.md${SQ} cannot be read: binary file (NUL byte at offset 100) (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'show <broken> from a subdirectory names the same file' '
	cd "$S/broken/briefs" &&
	test_expect_code 1 align show half.md >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/half.md${SQ} cannot be read: line 4: malformed section header: missing ${SQ}]${SQ} (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err"
'

test_expect_success 'brief submit <broken> refuses and changes nothing (exit 1)' '
	cd "$S/broken" &&
	save_state &&
	test_expect_code 1 align brief submit half >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/half.md${SQ} cannot be read: line 4: malformed section header: missing ${SQ}]${SQ} (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align brief submit briefs/deep.md -m "ship it" >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/deep.md${SQ} cannot be read: line 37: lists, quotes or indentation nested 100 deep; the limit is 64 (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 1 align brief submit loose >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: record ${SQ}briefs/loose.md${SQ} cannot be read: line 8: indented line (inih would read it as a continuation of the previous value) (see ${SQ}align check${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'ls warns about each broken record and lists the others' '
	cd "$S/broken" &&
	save_state &&
	align ls >"$S/out" 2>"$S/err" &&
	cat >"$S/expect" <<-EOF &&
	brief  2026-11-other            draft  maya  2026-12-10  Partner webinar
	brief  2026-11-partner-webinar  draft  maya  2026-12-10  Partner webinar
	EOF
	test_cmp "$S/expect" "$S/out" &&
	cat >"$S/expect" <<-EOF &&
	align: warning: skipping ${SQ}briefs/binary.md${SQ}: it does not parse (see ${SQ}align check${SQ})
	align: warning: skipping ${SQ}briefs/deep.md${SQ}: it does not parse (see ${SQ}align check${SQ})
	align: warning: skipping ${SQ}briefs/half.md${SQ}: it does not parse (see ${SQ}align check${SQ})
	align: warning: skipping ${SQ}briefs/loose.md${SQ}: it does not parse (see ${SQ}align check${SQ})
	EOF
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'check reports every broken record and changes nothing' '
	cd "$S/broken" &&
	cat >"$S/expect" <<-EOF &&
	briefs/binary.md: error: binary file (NUL byte at offset 100)
	briefs/deep.md:37: error: lists, quotes or indentation nested 100 deep; the limit is 64
	briefs/half.md:4: error: malformed section header: missing ${SQ}]${SQ}
	briefs/loose.md:8: error: indented line (inih would read it as a continuation of the previous value)
	EOF
	check_reports "4 errors, 0 warnings in 6 records" &&
	git status --porcelain=v1 --untracked-files=all >"$S/actual" &&
	echo "?? briefs/loose.md" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_done
