# Test harness for align's end-to-end tests, in the manner of git's
# t/test-lib.sh. Each tNNNN-<area>-<what>.sh sources this file, runs its
# tests in a fresh throwaway repository and ends with test_done. Output is
# TAP. Meson passes the binary as ALIGN_BIN.

set -u

: "${ALIGN_BIN:=$(cd "$(dirname "$0")/.." && pwd)/build/cmd/align}"
case $ALIGN_BIN in
/*) ;;
*) ALIGN_BIN="$(pwd)/$ALIGN_BIN" ;;
esac
TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd)
TEST_NAME=$(basename "$0" .sh)
TRASH_DIRECTORY=$(mktemp -d "${TMPDIR:-/tmp}/align-$TEST_NAME.XXXXXX")
export TEST_DIRECTORY TRASH_DIRECTORY

# Hermetic environment: no user config, fixed clock, fixed identities.
export HOME="$TRASH_DIRECTORY/home"
export LC_ALL=C TZ=UTC GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Maya Lind" GIT_AUTHOR_EMAIL="maya@example.com"
export GIT_COMMITTER_NAME="Maya Lind" GIT_COMMITTER_EMAIL="maya@example.com"
export GIT_AUTHOR_DATE="2026-11-02T09:00:00Z"
export GIT_COMMITTER_DATE="2026-11-02T09:00:00Z"
export ALIGN_NOW="2026-11-02"
unset VISUAL EDITOR ALIGN_EDITOR NO_COLOR GIT_DIR GIT_WORK_TREE EMAIL CI ALIGN_NO_CACHE
mkdir -p "$HOME"

# Whatever a test or align writes to a temporary folder stays in the trash.
export TMPDIR="$TRASH_DIRECTORY/tmp"
mkdir -p "$TMPDIR"

test_count=0
test_failures=0
test_fixed=0
satisfied_prereq=" "
missing_prereq=" "

align() {
	"$ALIGN_BIN" "$@"
}

# as <name> <email> <date>: the identity and clock of the next steps
# (10:00 UTC that day), for tests that tell a story over several days.
as() {
	GIT_AUTHOR_NAME=$1 GIT_COMMITTER_NAME=$1
	GIT_AUTHOR_EMAIL=$2 GIT_COMMITTER_EMAIL=$2
	GIT_AUTHOR_DATE="$3T10:00:00Z" GIT_COMMITTER_DATE="$3T10:00:00Z"
	ALIGN_NOW=$3
	export GIT_AUTHOR_NAME GIT_COMMITTER_NAME GIT_AUTHOR_EMAIL \
		GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE ALIGN_NOW
}

say() {
	printf '# %s\n' "$*"
}

# test_set_prereq <NAME>: the tests that need NAME may run.
test_set_prereq() {
	satisfied_prereq="$satisfied_prereq$1 "
}

# test_lazy_prereq <NAME> '<commands>': NAME holds when the commands
# succeed (in a subshell of the trash directory), asked once, when a test
# first needs it.
test_lazy_prereq() {
	eval "lazy_prereq_$1=\$2"
}

# test_have_prereq <NAME>[,<NAME>...]: all of them hold; !NAME is the
# negation.
test_have_prereq() {
	set -- $(printf '%s' "$1" | tr , ' ')
	for p in "$@"; do
		want=0
		case $p in !*) want=1 p=${p#!} ;; esac
		case "$satisfied_prereq$missing_prereq" in
		*" $p "*) ;;
		*)
			eval "script=\${lazy_prereq_$p-false}"
			if (cd "$TRASH_DIRECTORY" && eval "$script") \
				>/dev/null 2>&1; then
				test_set_prereq "$p"
			else
				missing_prereq="$missing_prereq$p "
			fi
			;;
		esac
		case $satisfied_prereq in
		*" $p "*) [ $want -eq 0 ] || return 1 ;;
		*) [ $want -eq 1 ] || return 1 ;;
		esac
	done
	return 0
}

# test_skip_unless <PREREQ> '<description>': with the prerequisites
# missing, reports the test as skipped (TAP "ok N # skip") and fails, so
# that the caller does not run it.
test_skip_unless() {
	[ -n "$1" ] && ! test_have_prereq "$1" || return 1
	test_count=$((test_count + 1))
	printf 'ok %d # skip %s (missing %s)\n' "$test_count" "$2" "$1"
	return 0
}

test_run() {
	(eval "$1") >"$TRASH_DIRECTORY/.log" 2>&1
}

test_failure() {
	sed 's/^/#   /' "$TRASH_DIRECTORY/.log"
	printf '#   commands were:\n'
	printf '%s\n' "$1" | sed 's/^/#   /'
}

# test_expect_success [<PREREQ>] '<description>' '<commands>'
test_expect_success() {
	prereq=""
	[ $# -eq 3 ] && { prereq=$1; shift; }
	test_skip_unless "$prereq" "$1" && return 0
	test_count=$((test_count + 1))
	if test_run "$2"; then
		printf 'ok %d - %s\n' "$test_count" "$1"
	else
		test_failures=$((test_failures + 1))
		printf 'not ok %d - %s\n' "$test_count" "$1"
		test_failure "$2"
	fi
}

# test_expect_failure [<PREREQ>] '<description>' '<commands>': a known
# breakage, reported as TAP "not ok N # TODO"; when it passes, the TAP
# "ok N # TODO" tells the reader to turn it into test_expect_success.
test_expect_failure() {
	prereq=""
	[ $# -eq 3 ] && { prereq=$1; shift; }
	test_skip_unless "$prereq" "$1" && return 0
	test_count=$((test_count + 1))
	if test_run "$2"; then
		test_fixed=$((test_fixed + 1))
		printf 'ok %d - %s # TODO known breakage vanished\n' \
			"$test_count" "$1"
	else
		printf 'not ok %d - %s # TODO known breakage\n' "$test_count" \
			"$1"
	fi
}

# skip_all '<reason>': the whole script cannot run here (TAP "1..0 # SKIP").
skip_all() {
	printf '1..0 # SKIP %s\n' "$1"
	cd /
	rm -rf "$TRASH_DIRECTORY"
	exit 0
}

# test_expect_code <code> <command>...: exactly that exit status.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "expected exit $want, got $got: $*" >&2
		return 1
	fi
	return 0
}

# test_must_fail <command>...: a failure align reports (1, 128, 129),
# never a crash.
test_must_fail() {
	"$@"
	got=$?
	case $got in
	1 | 128 | 129) return 0 ;;
	0) echo "expected failure, got success: $*" >&2 ;;
	*) echo "unexpected exit $got (crash?): $*" >&2 ;;
	esac
	return 1
}

# test_cmp <expected> <actual>
test_cmp() {
	diff -u "$1" "$2"
}

# test_must_be_empty <file>
test_must_be_empty() {
	if [ -s "$1" ]; then
		echo "'$1' is not empty:" >&2
		cat "$1" >&2
		return 1
	fi
}

# test_grep <pattern> <file>
test_grep() {
	if ! grep -q -- "$1" "$2"; then
		echo "no '$1' in '$2':" >&2
		cat "$2" >&2
		return 1
	fi
}

# A fingerprint of HEAD, the refs, the index, the working tree and the
# untracked and ignored files, so a test can assert that a refused command
# changed nothing at all. Each part is one command (the contents of every
# file are read by one `find -exec cksum {} +`), so a state costs a dozen
# forks whatever the size of the tree. Scratch files that tests write for
# their assertions at the top of the repository are left out: expect*,
# actual*, out*, err*, and the names in scratch_names.
scratch_names="files subjects msg status show head trailer changed committed log"

repo_state() {
	{
		echo "# head"
		read -r head <.git/HEAD && echo "$head"
		echo "# refs"
		git for-each-ref --format="%(objectname) %(refname)"
		for f in .git/*; do
			case $f in
			.git/index | .git/align.flock | .git/align) ;;
			*) echo "$f" ;;
			esac
		done
		echo "# index"
		git ls-files --stage -v
		echo "# status"
		git status --porcelain=v1 --untracked-files=all --ignored
		echo "# tree"
		find . -path ./.git -prune -o -printf '%y %m %l\t%p\n' |
			LC_ALL=C sort
		echo "# contents"
		find . -path ./.git -prune -o \( -type f -o -type l \) \
			-exec cksum {} + | LC_ALL=C sort -k 3
	} 2>&1 | awk -v names="$scratch_names" '
	BEGIN {
		n = split(names, a, " ")
		for (i = 1; i <= n; i++) {
			named["./" a[i]] = 1
		}
	}
	function scratch(p) {
		return p ~ /^\.\/(expect|actual|out|err)/ || p in named
	}
	/^# / { part = $0 }
	part == "# status" && scratch("./" substr($0, 4)) { next }
	part == "# tree" && scratch(substr($0, index($0, "\t") + 1)) { next }
	part == "# contents" {
		p = $0
		sub(/^[^ ]+ [^ ]+ /, "", p)
		if (scratch(p)) {
			next
		}
	}
	{ print }'
}

save_state() {
	repo_state >"$TRASH_DIRECTORY/.state-before"
}

test_state_unchanged() {
	repo_state >"$TRASH_DIRECTORY/.state-after"
	test_cmp "$TRASH_DIRECTORY/.state-before" "$TRASH_DIRECTORY/.state-after"
}

# Sets up an align repository with one commit in the current directory.
setup_align_repo() {
	git init -q -b main . &&
	align init --name "Growth team" >/dev/null
}

# write_roster: a people.ini naming the handles the records use, so that
# check holds person fields to it.
write_roster() {
	printf "%s\n" "[person \"maya\"]" "name = Maya Lind" \
		"email = maya@example.com" "" "[person \"dana\"]" \
		"name = Dana Reyes" "email = dana@example.com" "" \
		"[person \"lee\"]" "name = Lee Park" "email = lee@example.com" \
		>people.ini
}

# Writes a brief whose six questions are answered, to path $1.
write_answered_brief() {
	cat >"$1" <<-'BRIEF'
	# Partner webinar

	```ini
	[brief]
	id = 2026-11-partner-webinar
	status = draft
	type = webinar
	owner = maya
	accountable = dana
	due = 2026-12-10
	created = 2026-11-02
	```

	## Why are we doing this?

	Pipeline from partners fell 20% last quarter.

	## Who is it for?

	Partner marketing managers at mid-size agencies.

	## What is the offer?

	A live session on co-selling, with a recording.

	## What systems are involved?

	Webinar platform, CRM campaign, email nurture.

	## What is the deadline?

	Live on 2026-12-10.

	## How will success be measured?

	300 registrations, 40 sourced opportunities.
	BRIEF
}

test_done() {
	printf '1..%d\n' "$test_count"
	cd /
	if [ "$test_failures" -eq 0 ]; then
		rm -rf "$TRASH_DIRECTORY"
		exit 0
	fi
	printf '# failed %d of %d; trash kept in %s\n' "$test_failures" \
		"$test_count" "$TRASH_DIRECTORY"
	exit 1
}

# git status in a test shows no scratch files (see repo_state).
for p in expect actual out err $scratch_names; do
	case $p in expect | actual | out | err) p="$p*" ;; esac
	printf '/%s\n' "$p"
done >"$HOME/.scratch-ignore"
git config --global core.excludesFile "$HOME/.scratch-ignore"
git config --global init.defaultBranch main

mkdir -p "$TRASH_DIRECTORY/repo"
cd "$TRASH_DIRECTORY/repo" || exit 1
