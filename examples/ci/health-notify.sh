#!/bin/sh
#
# examples/ci/health-notify.sh: a CI step that runs `align health` and
# posts one chat message per violation to a webhook (Slack, Mattermost,
# Rocket.Chat and Google Chat take the same {"text": "..."} body). Copy it
# into the team's records repository as ci/health-notify.sh and run it on
# a schedule, at the top of a full clone (history needs every commit).
#
#   ci/health-notify.sh [--dry-run] [-- <align health options>]
#
# The webhook URL comes from ALIGN_HEALTH_WEBHOOK (a CI secret). Without
# it, or with --dry-run, nothing is posted: each message's JSON body is
# printed, one a line. Needs align, python3 (to read align's JSON) and,
# to post, curl. The options after -- go to align health (--as-of,
# --fail-on). The exit status is align health's: 0 none at or above
# --fail-on, 1 some, 128 or 129 when it could not run (nothing is posted
# then); a post that fails stops the script with curl's status.
set -eu

die() {
	printf 'health-notify.sh: error: %s\n' "$*" >&2
	exit 128
}

dry=0
while [ $# -gt 0 ]; do
	case $1 in
	--dry-run) dry=1 ;;
	--) shift; break ;;
	-h | --help)
		sed -n '3,19s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*) die "unknown option '$1' (try --help)" ;;
	esac
	shift
done
url=${ALIGN_HEALTH_WEBHOOK:-}
[ -n "$url" ] || dry=1
command -v python3 >/dev/null || die "python3 is needed to read align's JSON"
[ "$dry" -eq 1 ] || command -v curl >/dev/null || die "curl is needed to post"

report=$(mktemp)
bodies=$(mktemp)
trap 'rm -f "$report" "$bodies"' EXIT

status=0
align health --format json "$@" >"$report" || status=$?
case $status in
0 | 1) ;;
*) exit "$status" ;;
esac

# One body a line. People's text is made safe for chat: control and bidi
# characters shown escaped (as align's text format does), then &, < and >
# as chat markup needs them, so no text becomes a link or a mention.
python3 - "$report" >"$bodies" <<'PY'
import json, sys

def visible(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\x1b":
            out.append("\\e")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\n":
            out.append("\\n")
        elif o < 0x20 or o == 0x7f:
            out.append("\\x%02x" % o)
        elif 0x80 <= o < 0xa0 or o in (0x200e, 0x200f, 0x061c) or \
                0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069 or \
                o in (0x2028, 0x2029):
            out.append("<U+%04X>" % o)
        else:
            out.append(ch)
    return "".join(out)

def chat(s):
    s = visible(s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

doc = json.load(open(sys.argv[1]))
for v in doc["violations"]:
    text = "[%s] %s: %s; who: %s" % (v["severity"], v["rule"], v["message"],
                                     ", ".join(v["who"]) or "nobody named")
    s = v.get("since")
    if s:
        text += "; since %s %s %s" % (s["commit"][:7], s["date"], s["author"])
    if v.get("path"):
        text += " (%s)" % v["path"]
    print(json.dumps({"text": chat(text)}))
PY

while IFS= read -r body; do
	if [ "$dry" -eq 1 ]; then
		printf '%s\n' "$body"
	else
		printf '%s' "$body" | curl -fsS -X POST \
			-H 'Content-Type: application/json' --data-binary @- \
			"$url" >/dev/null
	fi
done <"$bodies"
exit "$status"
