#!/bin/sh
# Times `align report quarterly` beside its git floor on the generated
# organisation repositories (gen.sh) at two sizes, and prints medians,
# ratios and peak memory measured in one run. Numbers, not assertions:
# machines here are shared and noisy, so run it with nice and compare
# ratios, not milliseconds.
#
#   tests/bench/report.sh [runs] [size...]
#
# A size is <records>-<commits>; the default is the two sizes of the
# organisation benchmark, 5500-20000 and 10700-80000. Repositories are
# generated once under $BENCH_DIR (default /tmp/bench-align) and kept.
#
# The quarter is the generated history's last full quarter (the one
# before the quarter of its last commit); the floor lists that quarter's
# commits under the records root:
#   git log --format=%H --since=<quarter start> -- <records root>
#
# Rows and targets:
#   report quarterly, cold        <= 2x     (.git/align emptied before each run)
#   report quarterly, warm        <= 1x     (the cache of the run before)
#   max RSS, cold and warm        <= 100 MB (from /usr/bin/time -v)
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
[ $# -gt 0 ] && shift
sizes=${*:-5500-20000 10700-80000}
align=${ALIGN_BIN:-$top/build/cmd/align}
dir=${BENCH_DIR:-/tmp/bench-align}

[ -x "$align" ] || { echo "build align first (meson compile -C build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed for max RSS (apt-get install time)" >&2; exit 1; }
export LC_ALL=C TZ=UTC
unset ALIGN_NO_CACHE

. "$top/tests/bench/common.sh"
row() { printf '%-46s %7s ms  %7s ms  %6sx  %s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")" "$4"; }

# The quarter before the one of the last commit, and its first day.
last_full_quarter() {
	git log -1 --format=%ad --date=format:'%Y %m' | awk '{
		y = $1; q = int(($2 - 1) / 3) + 1
		if (--q == 0) { q = 4; y-- }
		printf "%d-Q%d %d-%02d-01\n", y, q, y, (q - 1) * 3 + 1
	}'
}

report_cold() { rm -rf .git/align; "$align" report quarterly --quarter "$quarter"; }
report_warm() { "$align" report quarterly --quarter "$quarter"; }
# max_rss <command...>: peak resident memory of one run, in MB.
max_rss() {
	{ /usr/bin/time -v "$@" >/dev/null; } 2>&1 |
		awk -F: '/Maximum resident/ { print int($2 / 1024) }'
}

mkdir -p "$dir"
for size in $sizes; do
	records=${size%-*}
	commits=${size#*-}
	repo=$dir/org-$records-$commits
	if [ ! -d "$repo/.git" ]; then
		echo "==> generating $repo"
		sh "$top/tests/bench/gen.sh" "$repo" "$records" "$commits"
	fi
	cd "$repo"
	set -- $(last_full_quarter)
	quarter=$1
	since=$2T00:00:00Z
	root=.  # gen.sh puts align.ini at the top
	echo "==> $(git rev-list --count HEAD) commits," \
		"$(git ls-files okrs | wc -l) records, $quarter;" \
		"median of $runs runs"
	printf '%-46s %10s  %10s  %7s  %s\n' command align floor ratio target
	f=$(median_ms git log --format=%H --since="$since" -- "$root")
	t=$(median_ms report_cold)
	row "report quarterly, cold (floor: git log --since)" "$t" "$f" "<= 2x"
	report_warm >/dev/null 2>&1 || :
	t=$(median_ms report_warm)
	row "report quarterly, warm (floor: git log --since)" "$t" "$f" "<= 1x"
	rm -rf .git/align
	rss=$(max_rss "$align" report quarterly --quarter "$quarter")
	printf '%-46s %7s MB  (target <= 100 MB)\n' "report quarterly, cold, max RSS" "$rss"
	rss=$(max_rss "$align" report quarterly --quarter "$quarter")
	printf '%-46s %7s MB  (target <= 100 MB)\n' "report quarterly, warm, max RSS" "$rss"
	rss=$(max_rss git log --format=%H --since="$since" -- "$root")
	printf '%-46s %7s MB\n' "floor max RSS" "$rss"
	cd "$top"
done
