#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite twice:
# a normal build (gcc, warnings as errors) and a sanitizer build (gcc,
# AddressSanitizer + UndefinedBehaviorSanitizer, whose runtimes come with
# gcc on Debian). A clang build proves the code warning-free there too.
# Safe to run again, from any directory.
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
[ -f build/build.ninja ] || CC=gcc meson setup build
meson compile -C build

echo "==> test (gcc)"
meson test -C build --print-errorlogs

echo "==> build (clang, warnings as errors) in build-clang/"
[ -f build-clang/build.ninja ] || CC=clang meson setup build-clang
meson compile -C build-clang

echo "==> build (gcc, address + undefined sanitizers) in build-asan/"
[ -f build-asan/build.ninja ] ||
	CC=gcc meson setup build-asan -Db_sanitize=address,undefined
meson compile -C build-asan

echo "==> test (sanitizers)"
meson test -C build-asan --print-errorlogs

echo "==> all tests passed"
