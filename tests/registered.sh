#!/bin/sh
# Fails when a test file on disk is not registered in tests/meson.build.
# Usage: registered.sh <tests source dir> <registered name>...
dir=$1
shift
status=0
for f in "$dir"/t[0-9]*.sh "$dir"/unit/test-*.c; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	found=0
	for r in "$@"; do
		[ "$r" = "$name" ] && found=1
	done
	if [ $found -eq 0 ]; then
		echo "tests/$name is not registered in tests/meson.build" >&2
		status=1
	fi
done
exit $status
