#!/bin/sh
# Checks the include rules of docs/architecture.md ("Public and internal
# headers"): cmd/ includes only lib/'s public headers, and each third-party
# library is included by its one wrapper. TAP output.
# Usage: layers.sh <source root>
root=${1:-.}
cd "$root" || exit 1

# Headers of lib/ that only lib/ may include.
internal='git\.h|ini\.h|markdown\.h|cache\.h|git/[^"]*'
# Includes cmd/ still has that are about to move into lib/: "file:header".
pending='cmd/okr/status.c:cache.h'

n=0
failed=0
check() {
	# check <description> <offending lines, empty when none>
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$2" | sed 's/^/# /'
		failed=1
	fi
}

files() {
	find "$@" -name '*.[ch]' | LC_ALL=C sort
}

bad=$(files cmd | xargs grep -nE \
	"^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([./]*lib/)?($internal)\"" |
	while IFS= read -r line; do
		file=${line%%:*}
		header=$(printf '%s\n' "$line" | sed 's/.*"\(.*\)".*/\1/')
		case " $pending " in
		*" $file:$header "*) ;;
		*) printf '%s\n' "$line" ;;
		esac
	done)
check "cmd/ includes no lib-internal header" "$bad"

only() {
	# only <header> <allowed file pattern (grep -E)> <allowed, in words>
	bad=$(files cmd lib tests/unit | xargs grep -nE \
		"^[[:space:]]*#[[:space:]]*include[[:space:]]*<$1\\.h>" |
		grep -vE "^($2):")
	check "only $3 includes <$1.h>" "$bad"
}
only git2 'lib/git/[^:/]*' 'lib/git/'
only cmark 'lib/markdown\.c' 'lib/markdown.c'
only ini 'lib/ini\.c' 'lib/ini.c'

bad=$(files cmd lib tests/unit | grep -v '^lib/git/' |
	xargs grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*/)?git/[^"]*"')
check "only lib/git/ includes the headers in lib/git/" "$bad"

echo "1..$n"
exit $failed
