#!/bin/sh
# Times align's commands that scale with records or commits beside their
# git floor, on generated organisation repositories (gen.sh) at two sizes,
# and prints medians and ratios measured in one run. Numbers, not
# assertions: machines here are shared and noisy, so run it with nice and
# compare ratios, not milliseconds.
#
#   tests/bench/run.sh [runs] [size...]
#
# A size is <records>-<commits>; the default is the two sizes of the
# organisation benchmark, 5500-20000 and 10700-80000. Repositories are
# generated once under $BENCH_DIR (default /tmp/bench-align), outside any
# repository, and kept.
#
# Rows and targets:
#   show <record>                 <= 30 ms      (floor: git rev-parse HEAD)
#   check                         <= 1.0x       (floor: cat every record | cmark)
#   diff --quarter 2026-Q2        <= 3x         (floor: git diff --stat of the same two commits),
#                                 warm first-parent cache; cold beside the floor that
#                                 also finds the two commits (git rev-list --before, twice)
#   okr history <okr>#<kr>        <= 2x         (floor: git log --format=%H -- <file>), cold cache;
#                                 max RSS <= 100 MB (from /usr/bin/time -v)
#
# `align report quarterly` has its own rows, cold and warm, in report.sh.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
[ $# -gt 0 ] && shift
sizes=${*:-5500-20000 10700-80000}
align=${ALIGN_BIN:-$top/build/cmd/align}
dir=${BENCH_DIR:-/tmp/bench-align}

[ -x "$align" ] || { echo "build align first (meson compile -C build)" >&2; exit 1; }
command -v cmark >/dev/null || { echo "cmark(1) is needed for the check floor (apt-get install cmark)" >&2; exit 1; }
export ALIGN_NOW=2026-12-20 LC_ALL=C TZ=UTC

. "$top/tests/bench/common.sh"
row() { printf '%-46s %7s ms  %7s ms  %6sx  %s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")" "$4"; }

# The floors as commands.
cat_cmark() { find okrs briefs updates -name '*.md' 2>/dev/null | xargs cat | cmark; }
okr_history_cold() { rm -rf .git/align-cache* .git/align/cache*; "$align" okr history "$kr"; }
diff_quarter_cold() { rm -f .git/align/first-parent; "$align" diff --quarter 2026-Q2; }
git_diff_quarter() {
	git diff --stat "$(git rev-list -1 --first-parent --before=2026-03-31T23:59:59Z HEAD)" \
		"$(git rev-list -1 --first-parent --before=2026-06-30T23:59:59Z HEAD)"
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
	okr=$(ls okrs/2026-Q4 | head -n 1 | sed 's/\.md$//')
	kr=$okr#kr1
	file=okrs/2026-Q4/$okr.md
	q_from=$(git rev-list -1 --first-parent --before=2026-03-31T23:59:59Z HEAD)
	q_to=$(git rev-list -1 --first-parent --before=2026-06-30T23:59:59Z HEAD)
	echo "==> $(git rev-list --count HEAD) commits, $(git ls-files okrs | wc -l) records; median of $runs runs"
	printf '%-46s %10s  %10s  %7s  %s\n' command align floor ratio target
	t=$(median_ms "$align" show "$okr")
	f=$(median_ms git rev-parse HEAD)
	row "show $okr" "$t" "$f" "<= 30 ms"
	t=$(median_ms "$align" check)
	f=$(median_ms cat_cmark)
	row "check (floor: cat | cmark)" "$t" "$f" "<= 1.0x"
	t=$(median_ms "$align" diff --quarter 2026-Q2)
	f=$(median_ms git diff --stat "$q_from" "$q_to")
	row "diff --quarter 2026-Q2 (floor: git diff --stat)" "$t" "$f" "<= 3x"
	t=$(median_ms diff_quarter_cold)
	f=$(median_ms git_diff_quarter)
	row "diff --quarter, cold (floor: rev-list + diff)" "$t" "$f" "-"
	t=$(median_ms okr_history_cold)
	f=$(median_ms git log --format=%H -- "$file")
	row "okr history $kr, cold (floor: git log)" "$t" "$f" "<= 2x"
	rm -rf .git/align-cache* .git/align/cache*
	rss=$( { /usr/bin/time -v "$align" okr history "$kr" >/dev/null; } 2>&1 |
		awk -F: '/Maximum resident/ { print int($2 / 1024) }')
	printf '%-46s %7s MB  (target <= 100 MB)\n' "okr history $kr max RSS" "$rss"
	t=$(median_ms "$align" okr status)
	printf '%-46s %7s ms  (target < 100 ms)\n' "okr status" "$t"
	cd "$top"
done
