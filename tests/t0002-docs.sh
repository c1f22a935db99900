#!/bin/sh
# The documentation keeps up with the binary: a man page per command whose
# SYNOPSIS is exactly what "-h" prints, every page built by meson and
# accepted by scdoc, and format.md and architecture.md naming every command.
. "$(dirname "$0")/lib.sh"

DOCS="$TEST_DIRECTORY/../docs"

# The usage lines of "align <args> -h", without "usage: " and "   or: ".
usage_lines() {
	align "$@" -h >"$TRASH_DIRECTORY/.usage" || return 1
	sed -n -e 's/^usage: //p' -e 's/^   or: //p' "$TRASH_DIRECTORY/.usage"
}

# The verbs of a family, as "align <cmd> -h" lists them under "Verbs:"
# (generated from its verb table; a verb may be two words: "kr add").
verbs_of() {
	align "$1" -h >"$TRASH_DIRECTORY/.verbs" || return 1
	sed -n '/^Verbs:$/,/^$/s/^    \([a-z][a-z ]*[a-z]\)  .*/\1/p' \
		"$TRASH_DIRECTORY/.verbs" | sort -u
}

# Non-blank lines of a page's SYNOPSIS section.
synopsis_of() {
	awk '/^# / { in_synopsis = ($0 == "# SYNOPSIS"); next }
	     in_synopsis && NF' "$1"
}

# Every usage line of the command and of each of its verbs, sorted.
expected_synopsis() {
	{
		usage_lines "$1" || return 1
		verbs_of "$1" >"$TRASH_DIRECTORY/.verb-list" || return 1
		while read -r verb; do
			# $verb unquoted: "kr add" is two words.
			usage_lines "$1" $verb || return 1
		done <"$TRASH_DIRECTORY/.verb-list"
	} | sort -u
}

# A page is built when docs/meson.build lists it: "	'<name>',".
listed_in_meson() {
	grep -q "^[[:space:]]*'$1',\$" "$DOCS/meson.build"
}

align help >help.out 2>&1
commands=$(sed -n '/^Commands:/,/^$/s/^    \([a-z][a-z-]*\) .*/\1/p' help.out)

test_expect_success 'align help lists the commands' '
	test -n "$commands" &&
	for cmd in brief check help init ls show; do
		echo "$commands" | grep -qx "$cmd" || {
			echo "align help does not list $cmd"; cat help.out; exit 1
		}
	done
'

test_expect_success 'every command has a man page' '
	for cmd in $commands; do
		test -f "$DOCS/align-$cmd.1.scd" || {
			echo "missing docs/align-$cmd.1.scd"; exit 1
		}
	done
'

test_expect_success 'every command page names itself in its preamble' '
	for cmd in $commands; do
		head -n 1 "$DOCS/align-$cmd.1.scd" >preamble &&
		echo "align-$cmd(1)" >expect &&
		test_cmp expect preamble || exit 1
	done
'

for cmd in $commands; do
	test_expect_success "align-$cmd(1) SYNOPSIS is exactly the -h usage" "
		expected_synopsis $cmd >expect &&
		test -s expect &&
		synopsis_of \"\$DOCS/align-$cmd.1.scd\" | sort -u >actual &&
		test_cmp expect actual
	"
done

test_expect_success 'the brief family documents each verb' '
	verbs_of brief >verbs &&
	for verb in new submit approve launch complete cancel reopen; do
		grep -qx "$verb" verbs || { echo "no verb $verb"; exit 1; }
	done
'

test_expect_success 'align(1) SYNOPSIS is exactly the global -h usage' '
	usage_lines | sort -u >expect &&
	test -s expect &&
	synopsis_of "$DOCS/align.1.scd" | sort -u >actual &&
	test_cmp expect actual
'

test_expect_success 'align(1) lists every command' '
	for cmd in $commands; do
		grep -q "^\*$cmd\*\$" "$DOCS/align.1.scd" || {
			echo "align.1.scd has no *$cmd* entry"; exit 1
		}
	done
'

test_expect_success 'format and architecture docs exist and mention every command' '
	test -s "$DOCS/format.md" &&
	test -s "$DOCS/architecture.md" &&
	for cmd in $commands; do
		for doc in format.md architecture.md; do
			grep -qw "align $cmd" "$DOCS/$doc" || {
				echo "$doc does not mention align $cmd"; exit 1
			}
		done
	done
'

test_expect_success 'the section 5 and 7 pages exist' '
	test -s "$DOCS/align-format.5.scd" &&
	test -s "$DOCS/align-workflow.7.scd"
'

test_expect_success 'docs/meson.build builds every page' '
	for page in "$DOCS"/*.scd; do
		name=$(basename "$page") &&
		listed_in_meson "$name" || {
			echo "docs/meson.build does not list $name"; exit 1
		}
	done
'

if command -v scdoc >/dev/null 2>&1; then
	test_expect_success 'scdoc accepts every page' '
		for page in "$DOCS"/*.scd; do
			scdoc <"$page" >page.roff 2>scdoc.err || {
				echo "scdoc rejects $(basename "$page"):"
				cat scdoc.err
				exit 1
			}
			test -s page.roff || exit 1
		done
	'
else
	say "scdoc is not installed: pages not compiled"
fi

test_done
