#!/bin/sh
# Output that cannot be turned against its reader: values people wrote
# into records and committed with plain git reach JSON typed and escaped.
. "$(dirname "$0")/lib.sh"

if command -v python3 >/dev/null; then
	json_ok() { python3 -c 'import json,sys; json.load(sys.stdin)' <"$1"; }
elif command -v jq >/dev/null; then
	json_ok() { jq . <"$1" >/dev/null; }
else
	skip_all "neither python3 nor jq: no JSON parser to load the output"
fi

test_expect_success 'setup: a key result whose value a hand edit broke' '
	setup_align_repo &&
	align okr new "Grow" >out &&
	f=$(cat out) &&
	id=$(basename "$f" .md) &&
	echo "$id" >../id &&
	align okr kr add "$id" leads --title Leads --start 0 --target 10 \
		>/dev/null &&
	sed -i "s/^current = .*/current = 12 leads\", \"x\": \"y/" "$f" &&
	grep -q "^current = 12 leads\", " "$f" &&
	git commit -q -am "hand edit"
'

test_expect_success 'okr history --format json loads with a real parser' '
	align okr history "$(cat ../id)#leads" --format json >out &&
	json_ok out &&
	! grep "\"x\": \"y\"" out &&
	grep "\"value\": null" out
'

test_done
