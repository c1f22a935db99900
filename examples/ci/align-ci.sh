#!/bin/sh
#
# examples/ci/align-ci.sh: the steps of the CI examples (github-actions.yml,
# gitlab-ci.yml), in one script both call, so a test runs exactly them.
# Copy it into the team's records repository as ci/align-ci.sh.
#
#   ci/align-ci.sh [github|text]
#
# Run at the top of a full clone of the records repository (history needs
# every commit: fetch-depth 0 on GitHub, GIT_DEPTH 0 on GitLab), on Debian
# 12 (bookworm), as root or with sudo. It
#   1. installs the Debian packages align needs (those missing only),
#   2. builds align from ALIGN_SOURCE (a folder, or a git URL to clone,
#      ALIGN_REF its branch or tag) in ALIGN_BUILD (default: a build
#      folder in the source), with its man pages (an existing ALIGN_BUILD
#      is used as it is configured),
#   3. installs it (meson install; under DESTDIR when that is set),
#   4. runs `align check` on the records in the given format: github makes
#      annotations on the pull request, text is one finding a line. The
#      exit status is align's: 0 clean, 1 findings, 128 fatal.
set -eu

format=${1:-text}
records=$(pwd)

step() {
	printf '==> %s\n' "$*"
}

die() {
	printf 'align-ci.sh: error: %s\n' "$*" >&2
	exit 128
}

case $format in
github | text) ;;
*) die "unknown format '$format' (github or text)" ;;
esac
[ -n "${ALIGN_SOURCE:-}" ] ||
	die "set ALIGN_SOURCE to align's source: a folder or a git URL"

# 1. Packages.
packages="meson ninja-build pkg-config gcc git ca-certificates libgit2-dev
libcmark-dev libinih-dev scdoc"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	step "installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing
fi

# 2. Build.
if [ -d "$ALIGN_SOURCE" ]; then
	src=$(cd "$ALIGN_SOURCE" && pwd)
else
	src=${TMPDIR:-/tmp}/align-source
	step "cloning $ALIGN_SOURCE${ALIGN_REF:+ ($ALIGN_REF)}"
	rm -rf "$src"
	git clone -q --depth 1 ${ALIGN_REF:+--branch "$ALIGN_REF"} \
		"$ALIGN_SOURCE" "$src"
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

# 4. Check. A CI checkout belongs to another user than the container's
# root: libgit2 1.5 accepts only the exact path in safe.directory.
cd "$records"
git config --global --get-all safe.directory 2>/dev/null |
	grep -qxF "$records" ||
	git config --global --add safe.directory "$records"
step "align check --format $format"
align --version
exec align check --format "$format"
