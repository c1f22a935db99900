#!/bin/sh
#
# examples/ci/align-ci.sh: the steps of the CI examples (github-actions.yml,
# github-review.yml, gitlab-ci.yml), in one script they all call, so a test
# runs exactly them. Copy it into the team's records repository as
# ci/align-ci.sh.
#
#   ci/align-ci.sh [check] github|text      align check on the records
#   ci/align-ci.sh health github|text       align health on the records
#   ci/align-ci.sh report <quarter> <dir>   the quarterly review, md and html
#   ci/align-ci.sh comment <issue> <dir>    post <dir>'s review on an issue
#
# Run at the top of a full clone of the records repository (history needs
# every commit: fetch-depth 0 on GitHub, GIT_DEPTH 0 on GitLab), on Debian
# 12 (bookworm), as root or with sudo. check, health and report
#   1. install the Debian packages align needs (those missing only),
#   2. build align from ALIGN_SOURCE (a folder, or a git URL to clone,
#      ALIGN_REF its branch or tag) in ALIGN_BUILD (default: a build
#      folder in the source), with its man pages (an existing ALIGN_BUILD
#      is used as it is configured; a clone already made by an earlier
#      step of the same job is used again),
#   3. install it (meson install; under DESTDIR when that is set),
#   4. run align in the records:
#      check   `align check` in the given format: github makes annotations
#              on the pull request, text is one finding a line. The exit
#              status is align's: 0 clean, 1 findings, 128 fatal.
#      health  `align health` in the given format (ALIGN_HEALTH_FAIL_ON:
#              its --fail-on, warning or error), exit status align's.
#      report  `align report quarterly` for <quarter> (YYYY-Qn, or current:
#              the quarter of today, UTC, or of ALIGN_NOW) as
#              <dir>/review-<quarter>.md and <dir>/review-<quarter>.html.
#              Figures link to their commits: ALIGN_COMMIT_URL, else the
#              forge's commit page on GitHub Actions or GitLab CI. A
#              shallow clone is refused: the review reads all history.
# comment posts <dir>/review-<quarter>.md, the one review report wrote, as
# a comment on issue <issue>: with gh on GitHub Actions (GH_TOKEN), with
# GitLab's API on GitLab CI (ALIGN_REVIEW_TOKEN, a token that may write
# notes). With no <issue> it posts nothing and says so.
set -eu

step() {
	printf '==> %s\n' "$*"
}

die() {
	printf 'align-ci.sh: error: %s\n' "$*" >&2
	exit 128
}

usage() {
	die "usage: align-ci.sh [check|health] github|text, align-ci.sh report <quarter> <dir>, align-ci.sh comment <issue> <dir>"
}

# need_packages <package>...: apt-get install those not installed.
need_packages() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed" || missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	step "installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing
}

# install_align: steps 1 to 3; align is on PATH after it.
install_align() {
	[ -n "${ALIGN_SOURCE:-}" ] ||
		die "set ALIGN_SOURCE to align's source: a folder or a git URL"

	# 1. Packages.
	need_packages meson ninja-build pkg-config gcc git ca-certificates \
		libgit2-dev libcmark-dev libinih-dev scdoc

	# 2. Build. A clone is kept for the job's next steps, marked with
	# what it is a clone of.
	if [ -d "$ALIGN_SOURCE" ]; then
		src=$(cd "$ALIGN_SOURCE" && pwd)
	else
		src=${TMPDIR:-/tmp}/align-source
		mark="$ALIGN_SOURCE ${ALIGN_REF:-}"
		if [ "$(cat "$src/.align-ci-source" 2>/dev/null)" != "$mark" ]; then
			step "cloning $ALIGN_SOURCE${ALIGN_REF:+ ($ALIGN_REF)}"
			rm -rf "$src"
			git clone -q --depth 1 ${ALIGN_REF:+--branch "$ALIGN_REF"} \
				"$ALIGN_SOURCE" "$src"
			printf '%s\n' "$mark" >"$src/.align-ci-source"
		fi
	fi
	build=${ALIGN_BUILD:-$src/build}
	step "building align in $build"
	[ -f "$build/build.ninja" ] ||
		meson setup "$build" "$src" -Dman-pages=enabled --buildtype=release
	meson compile -C "$build"

	# 3. Install.
	step "installing align${DESTDIR:+ under $DESTDIR}"
	sudo=""
	[ -n "${DESTDIR:-}" ] || [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo meson install -C "$build" --no-rebuild --quiet \
		${DESTDIR:+--destdir "$DESTDIR"}
	prefix=$(meson configure "$build" | awk '$1 == "prefix" { print $2 }')
	PATH="${DESTDIR:-}$prefix/bin:$PATH"
	export PATH

	# A CI checkout belongs to another user than the container's root:
	# libgit2 1.5 accepts only the exact path in safe.directory.
	cd "$records"
	git config --global --get-all safe.directory 2>/dev/null |
		grep -qxF "$records" ||
		git config --global --add safe.directory "$records"
	align --version
}

# format <word>: the format of check and health.
format() {
	case ${1:-} in
	github | text) ;;
	*) die "unknown format '${1:-}' (github or text)" ;;
	esac
}

# current_quarter: the quarter holding today (UTC), or ALIGN_NOW's day.
current_quarter() {
	if [ -n "${ALIGN_NOW:-}" ]; then
		day=$(printf '%s' "$ALIGN_NOW" | cut -c1-10)
	else
		day=$(date -u +%Y-%m-%d)
	fi
	year=${day%%-*}
	month=${day#*-}
	month=${month%%-*}
	month=${month#0}
	printf '%s-Q%d\n' "$year" $(((month + 2) / 3))
}

# commit_url: how a commit becomes a link, or nothing.
commit_url() {
	if [ -n "${ALIGN_COMMIT_URL:-}" ]; then
		printf '%s\n' "$ALIGN_COMMIT_URL"
	elif [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
		printf '%s\n' "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/commit/%H"
	elif [ -n "${CI_PROJECT_URL:-}" ]; then
		printf '%s\n' "$CI_PROJECT_URL/-/commit/%H"
	fi
}

# review_in <dir>: the one review-<quarter>.md in <dir>.
review_in() {
	dir=$1
	set -- "$dir"/review-[0-9][0-9][0-9][0-9]-Q[1-4].md
	[ -f "$1" ] || set --
	[ $# -eq 1 ] ||
		die "expected one review-<quarter>.md in '$dir', found $#"
	printf '%s\n' "$1"
}

records=$(pwd)
command=check
case ${1:-} in
check | health | report | comment)
	command=$1
	shift
	;;
esac

case $command in
check | health)
	[ $# -eq 1 ] || usage
	format "$1"
	install_align
	if [ "$command" = health ]; then
		step "align health --format $1"
		exec align health --format "$1" \
			${ALIGN_HEALTH_FAIL_ON:+--fail-on "$ALIGN_HEALTH_FAIL_ON"}
	fi
	step "align check --format $1"
	exec align check --format "$1"
	;;
report)
	[ $# -eq 2 ] || usage
	quarter=$1
	out=$2
	[ "$quarter" != current ] || quarter=$(current_quarter)
	case $quarter in
	[0-9][0-9][0-9][0-9]-Q[1-4]) ;;
	*) die "unknown quarter '$quarter' (YYYY-Qn or current)" ;;
	esac
	install_align
	[ "$(git rev-parse --is-shallow-repository)" = false ] ||
		die "the review reads the whole history and this clone is shallow: fetch-depth: 0 (GitHub), GIT_DEPTH: 0 (GitLab)"
	url=$(commit_url)
	mkdir -p "$out"
	for f in md html; do
		step "align report quarterly --quarter $quarter --format $f"
		align report quarterly --quarter "$quarter" --format "$f" \
			${url:+--commit-url "$url"} -o "$out/review-$quarter.$f"
	done
	step "wrote $out/review-$quarter.md and $out/review-$quarter.html"
	;;
comment)
	[ $# -eq 2 ] || usage
	issue=$1
	file=$(review_in "$2")
	if [ -z "$issue" ]; then
		step "no issue to comment on: the review is in $file only"
		exit 0
	fi
	if [ -n "${GITHUB_ACTIONS:-}" ]; then
		# A comment holds 65,536 characters: a longer review says where
		# the whole one is.
		body=$file
		if [ "$(wc -c <"$file")" -gt 65000 ]; then
			body=${file%.md}.comment.md
			{
				head -n 1 "$file"
				printf '\nThe review is too long for a comment; it is in the artifacts of %s.\n' \
					"${GITHUB_SERVER_URL:-}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
			} >"$body"
		fi
		step "gh issue comment $issue --body-file $body"
		exec gh issue comment "$issue" --body-file "$body"
	elif [ -n "${GITLAB_CI:-}" ]; then
		[ -n "${ALIGN_REVIEW_TOKEN:-}" ] ||
			die "set ALIGN_REVIEW_TOKEN to a token that may comment on issues"
		need_packages curl ca-certificates
		step "commenting on issue #$issue"
		exec curl --fail --silent --show-error --output /dev/null \
			--header "PRIVATE-TOKEN: $ALIGN_REVIEW_TOKEN" \
			--data-urlencode "body@$file" \
			"$CI_API_V4_URL/projects/$CI_PROJECT_ID/issues/$issue/notes"
	fi
	die "comment runs on GitHub Actions (gh) or GitLab CI"
	;;
esac
