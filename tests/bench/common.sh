# Sourced by the benchmarks: medians and ratios. Needs $runs and $dir.

# median_ms <command...>: runs it $runs times, prints the median in ms.
median_ms() {
	i=0
	: >"$dir/.times"
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || :
		e=$(date +%s%N)
		echo $(((e - s) / 1000000)) >>"$dir/.times"
		i=$((i + 1))
	done
	sort -n "$dir/.times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# ratio <a> <b>: a / b with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }'; }
