#!/bin/sh
# Fuzzes each target with libFuzzer for <seconds> (default 60), growing its
# corpus in tests/fuzz/corpus/<target>/ (commit what is new: tests/run.sh
# replays it in the sanitizer build). A crash is written to
# tests/fuzz/crash-<target>-*; once fixed, move it into the corpus.
#
#   tests/fuzz/run.sh [seconds] [target...]
#
# Needs clang and Debian's libclang-rt-14-dev (libFuzzer's runtime).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-record set date ini glossary raci-import}
build=$top/build-fuzz

cd "$top"
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" -Dman-pages=disabled \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
meson compile -C "$build" align:static_library >/dev/null 2>&1 ||
	meson compile -C "$build" >/dev/null
libs=$(pkg-config --libs libgit2 libcmark inih)
for t in $targets; do
	exe=$build/fuzz-$t
	clang -g -O1 -fsanitize=fuzzer,address,undefined -I lib \
		-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
		tests/fuzz/fuzz-$t.c "$build/lib/libalign.a" $libs -lm -o "$exe"
	mkdir -p "tests/fuzz/corpus/$t"
	"$exe" -max_total_time="$secs" -max_len=8192 -timeout=10 \
		-artifact_prefix="tests/fuzz/crash-$t-" \
		"tests/fuzz/corpus/$t" >"$build/fuzz-$t.log" 2>&1 || {
		echo "==> $t: a crash, see $build/fuzz-$t.log" >&2
		tail -n 30 "$build/fuzz-$t.log" >&2
		exit 1
	}
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$build/fuzz-$t.log")
	echo "==> $t: ${runs:-?} runs in ${secs}s, no crash; corpus $(ls "tests/fuzz/corpus/$t" | wc -l) inputs"
done
