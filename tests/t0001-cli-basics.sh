#!/bin/sh
# The command line: help, version, unknown commands and options, exit codes.
. "$(dirname "$0")/lib.sh"

test_expect_success '--version' '
	align --version >out &&
	grep -E "^align version [0-9]+\.[0-9]+\.[0-9]+( \(fault injection\))?$" out
'

test_expect_success 'no command prints the overview and exits 129' '
	test_expect_code 129 align >out &&
	head -n 1 out >first &&
	echo "usage: align [-C <dir>] [--color=<when>] <command> [<args>]" >expect &&
	test_cmp expect first &&
	for c in brief check help init ls show; do
		grep "^    $c " out || return 1
	done
'

test_expect_success 'help lists every command; help <cmd> shows its usage' '
	align help >out &&
	grep "^    brief  *Create campaign briefs" out &&
	align help ls >out &&
	head -n 1 out >first &&
	echo "align ls - List records" >expect &&
	test_cmp expect first &&
	grep "^usage: align ls \[<kind>\]" out
'

test_expect_success 'help on a terminal opens the man page when installed' '
	mkdir -p ../bin &&
	cat >../bin/man <<-\EOF &&
	#!/bin/sh
	echo "$*" >>"$TRASH_DIRECTORY/man.calls"
	test "$1" = -w && test "$2" = align-missing && exit 16
	exit 0
	EOF
	chmod +x ../bin/man &&
	PATH="$TRASH_DIRECTORY/bin:$PATH" script -qec "$ALIGN_BIN help ls" /dev/null >out &&
	cat >expect <<-\EOF &&
	-w align-ls
	align-ls
	EOF
	test_cmp expect "$TRASH_DIRECTORY/man.calls" &&
	PATH="$TRASH_DIRECTORY/bin:$PATH" align help ls >out &&
	test_cmp expect "$TRASH_DIRECTORY/man.calls" &&
	grep "^usage: align ls" out
'

test_expect_success '-h works outside any repository and exits 0' '
	mkdir -p ../outside && cd ../outside &&
	align ls -h >out &&
	grep "^usage: align ls" out &&
	grep "^        --format <format>  *text, json or csv$" out &&
	align brief -h >out &&
	grep "^usage: align brief <verb> \[<args>\]$" out &&
	grep "^    submit  *Send a draft for approval$" out &&
	align brief new -h >out &&
	grep "^        --due <date>  *launch deadline, YYYY-MM-DD$" out
'

test_expect_success 'unknown command suggests the closest' '
	test_expect_code 129 align lss >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: '"'"'lss'"'"' is not an align command (did you mean '"'"'ls'"'"'?)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align frobnicate 2>err &&
	echo "align: error: '"'"'frobnicate'"'"' is not an align command; see '"'"'align help'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'unknown option suggests the closest, exit 129' '
	setup_align_repo &&
	save_state &&
	test_expect_code 129 align ls --stauts draft >out 2>err &&
	test_must_be_empty out &&
	echo "align: error: unknown option '"'"'--stauts'"'"' (did you mean '"'"'--status'"'"'?)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align ls -x 2>err &&
	echo "align: error: unknown option '"'"'-x'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align --bogus ls 2>err &&
	test_expect_code 129 align ls --format yaml 2>err &&
	echo "align: error: invalid value '"'"'yaml'"'"' for --format (one of: text, json, csv)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align ls --status 2>err &&
	echo "align: error: option '"'"'--status'"'"' needs a value" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success '--color accepts auto, always, never only' '
	test_expect_code 129 align --color=sometimes ls 2>err &&
	echo "align: error: invalid value '"'"'sometimes'"'"' for --color (one of: auto, always, never)" >expect &&
	test_cmp expect err
'

test_expect_success 'check colors findings only when asked' '
	printf "# X\n\n\`\`\`ini\n[brief]\nid = x\nstatus = bogus\ncreated = 2026-11-01\n\`\`\`\n" >briefs/x.md &&
	test_expect_code 1 align check >out 2>/dev/null &&
	! grep -q "$(printf "\033")" out &&
	test_expect_code 1 align --color=always check >out 2>/dev/null &&
	grep -q "$(printf "\033")\[1;31m" out &&
	NO_COLOR=1 test_expect_code 1 align check >out 2>/dev/null &&
	! grep -q "$(printf "\033")" out &&
	rm briefs/x.md
'

test_expect_success '-C runs as if started in that directory' '
	cd .. &&
	align -C repo ls >out &&
	test_must_be_empty out &&
	test_expect_code 128 align -C nowhere ls 2>err &&
	grep "^align: error: cannot change to '"'"'nowhere'"'"': " err
'

test_expect_success 'a bad ALIGN_NOW is a usage error' '
	ALIGN_NOW=yesterday test_expect_code 129 align ls 2>err &&
	echo "align: error: invalid ALIGN_NOW '"'"'yesterday'"'"': use YYYY-MM-DD or an ISO date-time" >expect &&
	test_cmp expect err
'

test_expect_success 'a full disk is an error, not silence' '
	if test -w /dev/full; then
		test_expect_code 128 align --version >/dev/full 2>err &&
		grep "^align: error: cannot write output: " err
	fi
'

test_done
