#!/bin/sh
# Generates a large, deterministic team repository for the benchmarks:
# OBJECTIVES objectives of 4 key results each, spread over 8 quarters
# (2025-Q1 to 2026-Q4), then COMMITS check-ins, one commit each, about an
# hour apart, by five people, through git fast-import (align itself would
# take hours to make 20,000 commits).
#
#   tests/bench/gen.sh <dir> [objectives] [commits]
set -eu

dir=${1:?usage: gen.sh <dir> [objectives] [commits]}
objectives=${2:-2000}
commits=${3:-20000}

rm -rf "$dir"
mkdir -p "$dir"
git -C "$dir" init -q -b main

awk -v nobj="$objectives" -v ncommits="$commits" '
function quarter(i) { return 2025 + int((i % 8) / 4) "-Q" (i % 4) + 1 }
function qid(i) { return tolower(quarter(i)) }
function id(i) { return qid(i) "-objective-" i }
function path(i) { return "okrs/" quarter(i) "/" id(i) ".md" }
function record(i,    s, k) {
	s = "# Objective " i "\n\n```ini\n[objective]\nid = " id(i) \
	    "\nquarter = " quarter(i) "\nowner = " people[i % 5] "\n"
	for (k = 0; k < 4; k++) {
		s = s "\n[kr \"kr" k "\"]\ntitle = Key result " k \
		    "\nstart = 0\ntarget = 100\ncurrent = " cur[i, k] \
		    "\nunit = %\nowner = " people[(i + k) % 5] \
		    "\nconfidence = 0." (5 + (i + k) % 5) "\n"
	}
	return s "```\n\n## Why it matters\n\nBenchmark data.\n"
}
function blob(s) { printf "data %d\n%s\n", length(s), s }
BEGIN {
	split("maya lee dana sam ana", p, " ")
	for (k = 1; k <= 5; k++) people[k - 1] = p[k]
	t = 1735722000 # 2025-01-01T09:00:00Z
	config = "[align]\nversion = 1\nname = Bench\n\n[folders]\n" \
		 "brief = briefs\nobjective = okrs\nupdate = updates\n" \
		 "templates = templates\n"
	printf "commit refs/heads/main\nmark :1\n"
	printf "author maya <maya@example.com> %d +0000\n", t
	printf "committer maya <maya@example.com> %d +0000\n", t
	blob("plan the objectives")
	printf "M 100644 inline align.ini\n"
	blob(config)
	for (i = 0; i < nobj; i++) {
		for (k = 0; k < 4; k++) cur[i, k] = 0
		printf "M 100644 inline %s\n", path(i)
		blob(record(i))
	}
	printf "\n"
	span = 2 * 365 * 86400 / ncommits
	for (c = 1; c <= ncommits; c++) {
		t2 = t + int(c * span)
		q = int((t2 - t) / (91.25 * 86400))
		if (q > 7) q = 7
		# an objective of the current quarter, a key result of it
		i = q + 8 * ((c * 7919) % int(nobj / 8))
		k = c % 4
		cur[i, k] = (cur[i, k] + 1 + c % 3) % 101
		who = people[c % 5]
		printf "commit refs/heads/main\nmark :%d\n", c + 1
		printf "author %s <%s@example.com> %d +0000\n", who, who, t2
		printf "committer %s <%s@example.com> %d +0000\n", who, who, t2
		blob("okr: kr" k " of " id(i) " to " cur[i, k])
		printf "from :%d\nM 100644 inline %s\n", c, path(i)
		blob(record(i))
		printf "\n"
	}
}' | git -C "$dir" fast-import --quiet
git -C "$dir" checkout -q main
echo "$dir: $(git -C "$dir" rev-list --count HEAD) commits, $objectives objectives"
