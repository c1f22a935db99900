#!/bin/sh
# Work on hostile input grows linearly with its size: a roster of N people
# and a record of N sections, at two sizes with core.max-record-size at its
# largest (16 MiB), timed for check, show, ls and log beside cat of the same
# bytes. Numbers, not assertions: compare how each grows from the first size
# to the second (about 4x more input should cost about 4x).
#
#   tests/bench/hostile.sh [runs] [n1] [n2]
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
n1=${2:-25000}
n2=${3:-100000}
align=${ALIGN_BIN:-$top/build/cmd/align}
dir=${BENCH_DIR:-/tmp/bench-align}/hostile
export ALIGN_NOW=2026-11-20 LC_ALL=C TZ=UTC GIT_AUTHOR_NAME=B \
	GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=B \
	GIT_COMMITTER_EMAIL=b@example.com

. "$top/tests/bench/common.sh"

make_repo() {
	r=$dir/n$1
	[ -d "$r/.git" ] && return 0
	rm -rf "$r" && mkdir -p "$r" && cd "$r"
	git init -q -b main . && "$align" init >/dev/null
	sed -i 's/^max-record-size = .*/max-record-size = 16777216/' align.ini
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "[person \"p%d\"]\nname = P %d\nemail = p%d@example.com\n\n", i, i, i }' \
		>people.ini
	mkdir -p okrs/2026-Q4
	{
		printf '# Big\n\n```ini\n[objective]\nid = big\nquarter = 2026-Q4\nowner = p1\n'
		awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
			printf "\n[kr \"k%d\"]\ntitle = K\nstart = 0\ntarget = 10\ncurrent = 1\n", i }'
		printf '```\n'
	} >okrs/2026-Q4/big.md
	git add -A && git commit -q -m big
	cd "$top"
}

mkdir -p "$dir"
printf '%-28s %10s %10s %8s\n' command "n=$n1" "n=$n2" growth
for n in $n1 $n2; do make_repo $n; done
for c in "check" "show big" "ls" "log"; do
	t1=$(cd "$dir/n$n1" && median_ms "$align" $c)
	t2=$(cd "$dir/n$n2" && median_ms "$align" $c)
	printf '%-28s %7s ms %7s ms %7sx\n' "$c" "$t1" "$t2" "$(ratio "$t2" "$t1")"
done
t1=$(cd "$dir/n$n1" && median_ms sh -c 'cat people.ini okrs/2026-Q4/big.md')
t2=$(cd "$dir/n$n2" && median_ms sh -c 'cat people.ini okrs/2026-Q4/big.md')
printf '%-28s %7s ms %7s ms %7sx\n' "cat (the bytes)" "$t1" "$t2" "$(ratio "$t2" "$t1")"
