#!/bin/sh
# Times align's history commands next to git's own path-limited walk on a
# generated repository (gen.sh), and prints medians and ratios. Numbers,
# not assertions: machines here are shared and noisy.
#
#   tests/bench/run.sh [objectives] [commits] [runs]
#
# Targets (issue 3): okr status under 100 ms; okr history of one key
# result and log --since 90.days within 3x `git log --format=%H -- okrs`.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
objectives=${1:-2000}
commits=${2:-20000}
runs=${3:-7}
align=${ALIGN_BIN:-$top/build/cmd/align}
repo=${TMPDIR:-/tmp}/align-bench-$objectives-$commits

[ -x "$align" ] || { echo "build align first (meson compile -C build)" >&2; exit 1; }
if [ ! -d "$repo/.git" ]; then
	echo "==> generating $repo"
	sh "$top/tests/bench/gen.sh" "$repo" "$objectives" "$commits"
fi
cd "$repo"
export ALIGN_NOW=2026-12-20 LC_ALL=C

# median_ms <command...>: runs it $runs times, prints the median in ms.
median_ms() {
	i=0
	: >"$repo/.times"
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000000)) >>"$repo/.times"
		i=$((i + 1))
	done
	sort -n "$repo/.times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

kr=$(ls okrs/2026-Q4 | head -n 1 | sed 's/\.md$//')#kr1
echo "==> $(git rev-list --count HEAD) commits, $objectives objectives; median of $runs runs"
base=$(median_ms git log --format=%H -- okrs)
status=$(median_ms "$align" okr status)
history=$(median_ms "$align" okr history "$kr")
log=$(median_ms "$align" log --since 90.days)
gitlog90=$(median_ms git log --format=%H --since=2026-09-21 -- okrs)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }'; }
printf '%-40s %8s ms\n' "git log --format=%H -- okrs" "$base"
printf '%-40s %8s ms\n' "git log --since=90 days -- okrs" "$gitlog90"
printf '%-40s %8s ms  (target < 100 ms)\n' "align okr status" "$status"
printf '%-40s %8s ms  %sx git log (target <= 3x)\n' "align okr history $kr" "$history" "$(ratio "$history" "$base")"
printf '%-40s %8s ms  %sx git log (target <= 3x)\n' "align log --since 90.days" "$log" "$(ratio "$log" "$base")"
