#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite twice:
# a normal build (gcc, warnings as errors) and a sanitizer build (clang,
# AddressSanitizer + UndefinedBehaviorSanitizer). Safe to run again, from
# any directory.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

need=""
for pkg in meson ninja-build pkg-config gcc clang libgit2-dev libcmark-dev \
	libinih-dev git util-linux; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
		need="$need $pkg"
done
if [ -n "$need" ]; then
	echo "==> installing:$need"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
fi

echo "==> build (gcc) in build/"
[ -f build/build.ninja ] || meson setup build
meson compile -C build

echo "==> test (gcc)"
meson test -C build --print-errorlogs

echo "==> build (clang, address + undefined sanitizers) in build-sanitize/"
[ -f build-sanitize/build.ninja ] ||
	CC=clang meson setup build-sanitize -Db_sanitize=address,undefined \
		-Db_lundef=false
meson compile -C build-sanitize

echo "==> test (sanitizers)"
meson test -C build-sanitize --print-errorlogs

echo "==> all tests passed"
