#!/bin/sh
#
# examples/demo.sh: build align and replay the example team's second half
# of 2026 in a throwaway git repository, then show what align makes of it,
# ending in the review of the autumn quarter.
#
#   examples/demo.sh [<dir>]
#
# <dir> defaults to ${TMPDIR:-/tmp}/align-demo and is rebuilt from scratch
# on every run. Missing build dependencies are installed with apt-get (with
# sudo when not root). The team, its people and the prose of its briefs
# live in examples/team/; see examples/team/README.md for the story.

set -eu

usage() {
	cat <<-EOF
	usage: examples/demo.sh [<dir>]

	Builds align (installing missing Debian packages, scdoc for the man
	pages among them) and replays the example team's July 2026 to
	January 2027 in a new git repository <dir>, then shows what align
	makes of it, ending in the quarterly review of 2026-Q4: printed as
	Markdown, and written as a web page to <dir>/.git/review-2026-Q4.html.

	<dir>  where the demo repository goes (default: \${TMPDIR:-/tmp}/align-demo).
	       A previous demo there is removed first, and said so on stderr;
	       any other existing, non-empty <dir> is refused.

	With ALIGN_BIN set to an align that is already built, nothing is
	installed or built and nothing is written outside <dir>.
	EOF
}

case ${1-} in
-h | --help)
	usage
	exit 0
	;;
-*)
	usage >&2
	exit 129
	;;
esac
[ $# -le 1 ] || {
	usage >&2
	exit 129
}

say() {
	printf '==> %s\n' "$*"
}

die() {
	printf 'demo.sh: error: %s\n' "$*" >&2
	exit 1
}

script_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$script_dir")
team=$script_dir/team
people=$team/people.txt

demo=${1:-${TMPDIR:-/tmp}/align-demo}
case $demo in
/*) ;;
*) demo=$(pwd)/$demo ;;
esac

# --- 1. Build dependencies ------------------------------------------------

install_dependencies() {
	packages="meson ninja-build pkg-config gcc libgit2-dev libcmark-dev libinih-dev git scdoc"

	if ! command -v dpkg-query >/dev/null 2>&1; then
		say "No dpkg-query (not Debian or Ubuntu): assuming these are installed: $packages"
		return 0
	fi
	missing=
	for p in $packages; do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q 'ok installed$'; then
			missing="$missing $p"
		fi
	done
	if [ -z "$missing" ]; then
		say "Build dependencies are installed"
		return 0
	fi
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		die "missing packages:$missing; install them as root (no sudo here)"
	fi
	say "Installing missing packages:$missing"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	# shellcheck disable=SC2086 # one word per package
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

# --- 2. Build -------------------------------------------------------------

build_align() {
	say "Building align in $root/build"
	cd "$root"
	if [ -f build/build.ninja ]; then
		meson configure build -Dman-pages=enabled
	else
		meson setup build -Dman-pages=enabled
	fi
	meson compile -C build
	ALIGN=$root/build/cmd/align
	[ -x "$ALIGN" ] || die "the build did not produce '$ALIGN'"
}

# ALIGN_BIN names an align that is already built (the test suite's, or an
# installed one): then nothing is installed or built, and nothing outside
# <dir> is written.
if [ -n "${ALIGN_BIN:-}" ]; then
	case $ALIGN_BIN in
	/*) ALIGN=$ALIGN_BIN ;;
	*) ALIGN=$(pwd)/$ALIGN_BIN ;;
	esac
	[ -x "$ALIGN" ] || die "ALIGN_BIN '$ALIGN_BIN' is not an executable"
	say "Using $ALIGN"
else
	install_dependencies
	build_align
fi

# --- 3. A fresh demo repository -------------------------------------------

# Only ever remove a directory this script made (it leaves a mark in .git)
# or an empty one: <dir> might be a typo for something precious.
if [ -e "$demo" ] || [ -L "$demo" ]; then
	if [ -f "$demo/.git/align-demo" ] ||
		{ [ -d "$demo" ] && [ -z "$(ls -A "$demo")" ]; }; then
		say "Removing the previous demo repository $demo" >&2
		rm -rf "$demo"
	else
		die "'$demo' exists and is not a demo repository; give another path"
	fi
fi
mkdir -p "$demo"
cd "$demo"

# Keep the user's own git configuration (signing, hooks, templates) out of
# the story; every commit below names its author and date explicitly.
GIT_CONFIG_NOSYSTEM=1
GIT_CONFIG_GLOBAL=/dev/null
export GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

align() {
	"$ALIGN" "$@"
}

# show_cmd <word>...: print a command line as a user would type it.
show_cmd() {
	line='   $'
	for w in "$@"; do
		case $w in
		*\'*) line="$line \"$w\"" ;;
		--*=*[!A-Za-z0-9_./:=@%+,-]*) line="$line ${w%%=*}='${w#*=}'" ;;
		*[!A-Za-z0-9_./:=@%+,-]* | '') line="$line '$w'" ;;
		*) line="$line $w" ;;
		esac
	done
	printf '%s\n' "$line"
}

# run <command>...: show it, run it, indent its output. The last line of
# output is kept in $last; the exit status is the command's.
# Kept inside the demo repository: nothing is written outside <dir>.
out_file=$demo/.git/align-demo-output
trap 'rm -f "$out_file"' EXIT
run() {
	show_cmd "$@"
	if "$@" >"$out_file" 2>&1; then
		rc=0
	else
		rc=$?
	fi
	sed 's/^/      /' "$out_file"
	last=$(tail -n 1 "$out_file")
	return "$rc"
}

# as <handle> <date>: the next steps are this person's, at this time.
# ALIGN_NOW follows the story's clock, so created= dates match the commits.
as() {
	entry=$(grep "^$1|" "$people") || die "no '$1' in $people"
	who=$(printf '%s\n' "$entry" | cut -d'|' -f2)
	email=$(printf '%s\n' "$entry" | cut -d'|' -f3)
	GIT_AUTHOR_NAME=$who GIT_COMMITTER_NAME=$who
	GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_EMAIL=$email
	GIT_AUTHOR_DATE=$2 GIT_COMMITTER_DATE=$2 ALIGN_NOW=$2
	export GIT_AUTHOR_NAME GIT_COMMITTER_NAME GIT_AUTHOR_EMAIL \
		GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE ALIGN_NOW
}

# step <handle> <date> <what>: start one step of the story.
step() {
	as "$1" "$2"
	echo
	say "$(printf '%s' "$2" | cut -c1-10)  $who: $3"
}

# id_of <path>: a brief's id is its file name.
id_of() {
	basename "$1" .md
}

# answer <brief> <prose>: a hand edit. Keeps the title and the ini block
# align wrote and puts the team's answers to the six questions after it.
answer() {
	awk '{ print } /^```ini$/ { f = 1; next } f && /^```$/ { exit }' \
		"$1" >"$1.new"
	printf '\n' >>"$1.new"
	cat "$2" >>"$1.new"
	mv "$1.new" "$1"
	printf '   (edits %s by hand)\n' "$1"
}

# commit <message>: hand edits are committed with plain git; align reads
# whatever is committed, however it got there.
commit() {
	git add -A briefs
	show_cmd git commit -m "$1"
	git commit -q --no-verify -m "$1"
}

# redate <brief> <from> <to>: a hand edit of the brief's due date.
redate() {
	sed "s/^due = $2\$/due = $3/" "$1" >"$1.new"
	mv "$1.new" "$1"
	printf '   (edits %s by hand: due %s -> %s)\n' "$1" "$2" "$3"
}

# results <brief> <prose>: a hand edit that adds the brief's ## Results.
results() {
	cat "$2" >>"$1"
	printf '   (edits %s by hand)\n' "$1"
}

# --- 4. The story ---------------------------------------------------------

# Two quarters of Northwind Marketing. The summer (2026-Q3) builds the
# partner programme; the autumn (2026-Q4) turns it into pipeline, and is
# the quarter the review at the end looks back on. Clocks are CEST (+0200)
# until 25 October and CET (+0100) after it.

# --- 2026-Q3: the partner programme

step priya 2026-07-01T09:00:00+0200 "sets up the team's records repository"
git init -q .
git symbolic-ref HEAD refs/heads/main
: >.git/align-demo
run align init --name "Northwind Marketing"
# The roster: history names people by handle, matched by their email.
grep -v '^#' "$people" | while IFS='|' read -r handle name email role; do
	printf '[person "%s"]\nname = %s\nemail = %s\nteam = marketing\n\n' \
		"$handle" "$name" "$email"
done | sed '$d' >people.ini
# align init made Priya's email name (priya-raman) the glossary's owner;
# her handle in the roster is priya.
show_cmd sed -i 's/^owner: .*/owner: priya/' glossary.md
sed -i 's/^owner: .*/owner: priya/' glossary.md
show_cmd git add people.ini glossary.md
git add people.ini glossary.md
show_cmd git commit -m "Add the team roster"
git commit -q --no-verify -m "Add the team roster"

step dana 2026-07-01T10:00:00+0200 "sets the summer's objective"
run align okr new "Launch the partner programme" --quarter 2026-Q3 --owner dana
q3=$(id_of "$last")
run align okr kr add "$q3" partners --title "Partners signed to the new tiers" \
	--start 0 --target 20 --owner priya
run align okr kr add "$q3" page-visits --title "Visits to the programme page" \
	--start 0 --target 4000 --owner hannah

step hannah 2026-07-13T10:00:00+0200 "opens a brief for the partner programme page"
run align brief new "Partner programme page" --no-edit \
	--type web --owner hannah --accountable dana --due 2026-08-31
page=$last

step priya 2026-07-15T17:00:00+0200 "checks in the first partners"
run align okr checkin "$q3#partners" 4 --confidence 0.7 \
	-m "Four of the informal partners moved to Silver."

step hannah 2026-07-16T15:00:00+0200 "answers the six questions for the programme page"
answer "$page" "$team/briefs/partner-programme-page.md"
commit "briefs: answer the six questions for the partner programme page"

step hannah 2026-07-20T14:00:00+0200 "submits the programme page"
run align brief submit "$(id_of "$page")"

step dana 2026-07-22T10:30:00+0200 "approves the programme page"
run align brief approve "$(id_of "$page")" -m "Approved; Gold margin as in the deck."

step priya 2026-08-12T11:00:00+0200 "checks in partners"
run align okr checkin "$q3#partners" 9 --confidence 0.7

step priya 2026-08-17T09:00:00+0200 "takes the programme page live"
run align brief launch "$(id_of "$page")" -m "northwind.example/partners is live."

step hannah 2026-08-24T16:00:00+0200 "checks in the page's visits"
run align okr checkin "$q3#page-visits" 1400 --confidence 0.6

step priya 2026-09-04T16:30:00+0200 "posts her weekly update"
run align update --done "Reviewed 12 partner applications" \
	--next "Send the partner survey"

step priya 2026-09-09T10:00:00+0200 "checks in partners"
run align okr checkin "$q3#partners" 15 --confidence 0.8

step tomas 2026-09-11T16:00:00+0200 "posts his weekly update"
run align update --done "Drafted the Q4 webinar plan" \
	--next "Find two partner speakers"

step hannah 2026-09-15T12:00:00+0200 "checks in the page's visits"
run align okr checkin "$q3#page-visits" 3100 --confidence 0.7 \
	-m "The partner survey email sent 900 visitors."

step priya 2026-09-18T16:00:00+0200 "posts her weekly update"
run align update --done "Partner survey: 64 answers" \
	--next "Share the survey's findings with Dana"

step dana 2026-09-24T10:00:00+0200 "commits the autumn's objective before the quarter starts"
run align okr new "Grow partner-sourced pipeline" --quarter 2026-Q4 --owner dana
okr=$(id_of "$last")
run align okr kr add "$okr" registrations --title "Webinar registrations" \
	--start 0 --target 250 --owner tomas --due 2026-11-19
run align okr kr add "$okr" opportunities --title "Partner-sourced opportunities" \
	--start 0 --target 40 --owner priya

step hannah 2026-09-25T11:00:00+0200 "aligns her objective under Dana's"
run align okr new "Equip partners to co-sell" --quarter 2026-Q4 \
	--owner hannah --parent "$okr"
kit=$(id_of "$last")
run align okr kr add "$kit" downloads --title "Co-selling kit downloads" \
	--start 0 --target 60 --owner hannah
run align okr kr add "$kit" case-studies --title "Partner case studies published" \
	--start 0 --target 3 --owner hannah

step hannah 2026-09-28T15:00:00+0200 "writes up the programme page's results"
results "$page" "$team/briefs/partner-programme-page-results.md"
commit "briefs: partner programme page results"

step dana 2026-09-28T17:00:00+0200 "closes the programme page"
run align brief complete "$(id_of "$page")" -m "21 partners signed. On to co-selling."

step priya 2026-09-29T17:30:00+0200 "checks in the quarter's last partners"
run align okr checkin "$q3#partners" 21 --confidence 0.9

step hannah 2026-09-29T18:00:00+0200 "checks in the page's visits"
run align okr checkin "$q3#page-visits" 3700 --confidence 0.7

# --- 2026-Q4: partner pipeline

step tomas 2026-10-05T09:40:00+0200 "opens a brief for the partner webinar"
run align brief new "Partner webinar: co-selling" --no-edit \
	--type webinar --owner tomas --accountable dana --due 2026-11-19
webinar=$last

step hannah 2026-10-06T11:00:00+0200 "opens a brief for the Insights 3.0 launch email"
run align brief new "Insights 3.0 launch email" --no-edit \
	--type email --owner hannah --accountable dana --due 2026-11-10
launch=$last

step tomas 2026-10-06T15:20:00+0200 "answers the six questions for the webinar"
answer "$webinar" "$team/briefs/partner-webinar.md"
commit "briefs: answer the six questions for the partner webinar"

step hannah 2026-10-07T10:05:00+0200 "drafts the launch email brief (systems still open)"
answer "$launch" "$team/briefs/launch-email.md"
commit "briefs: first draft of the Insights 3.0 launch email"

step tomas 2026-10-07T16:45:00+0200 "submits the webinar brief for approval"
run align brief submit "$(id_of "$webinar")" -m "Speakers confirmed: Lumen Digital and Forde & Co."

step dana 2026-10-08T09:30:00+0200 "approves the webinar the next morning"
run align brief approve "$(id_of "$webinar")" \
	-m "Approved. Keep the extended trial to one client per partner."

step priya 2026-10-09T16:00:00+0200 "posts her weekly update"
run align update --done "Partner tiers live in the portal" \
	--next "Webinar registration page with Tomas"

step tomas 2026-10-09T16:30:00+0200 "posts his weekly update"
run align update --done "Webinar brief approved" --next "Invite 1 copy"

step hannah 2026-10-12T10:15:00+0200 "submits the launch email brief"
run align brief submit "$(id_of "$launch")"

step dana 2026-10-13T09:00:00+0200 "tries to approve the launch email, and align refuses"
if run align brief approve "$(id_of "$launch")"; then
	die "approving a brief with an unanswered question should be refused"
fi
say "refused, as it should be: one of the six questions has no answer"
run align brief reopen "$(id_of "$launch")" -m "Answer the systems question, and \
say what happens to the pricing page."

step hannah 2026-10-14T11:00:00+0200 "answers the systems question"
answer "$launch" "$team/briefs/launch-email-systems.md"
commit "briefs: the launch email's systems, and no pricing change"

step hannah 2026-10-14T16:30:00+0200 "submits the launch email again"
run align brief submit "$(id_of "$launch")" -m "Systems answered; pricing waits for January."

step dana 2026-10-16T14:00:00+0200 "approves the launch email, four days after it was first submitted"
run align brief approve "$(id_of "$launch")" -m "Approved. Send it with the release notes."

step priya 2026-10-16T16:00:00+0200 "posts her weekly update"
run align update --done "Registration page ready for review" \
	--next "Open registration on 22 October"

step hannah 2026-10-16T16:30:00+0200 "posts her weekly update"
run align update --done "Launch email brief approved" \
	--next "Launch email copy to legal"

step tomas 2026-10-19T11:30:00+0200 "opens a brief for LinkedIn retargeting"
run align brief new "LinkedIn retargeting" --no-edit \
	--type paid-social --owner tomas --accountable dana --due 2026-11-02
social=$last

step tomas 2026-10-20T10:00:00+0200 "answers the six questions for the retargeting flight"
answer "$social" "$team/briefs/paid-social.md"
commit "briefs: answer the six questions for LinkedIn retargeting"

step priya 2026-10-22T08:30:00+0200 "opens registration: the webinar is live"
run align brief launch "$(id_of "$webinar")" \
	-m "Registration page and invite 1 are live; HubSpot campaign '2026-11 Partner webinar'."

step tomas 2026-10-23T14:10:00+0200 "submits the retargeting brief and checks in registrations"
run align brief submit "$(id_of "$social")"
run align okr checkin "$okr#registrations" 40 --confidence 0.5 \
	-m "Day two of registration."

step priya 2026-10-23T16:00:00+0200 "posts her weekly update"
run align update --done "Registration and invite 1 live" \
	--next "Partner newsletter banner"

step tomas 2026-10-23T16:30:00+0200 "posts his weekly update, with a blocker"
run align update --done "Invite 1 sent to 140 partners" \
	--next "Invite 2" \
	--blocker "Legal has not cleared the recording consent text"

step dana 2026-10-29T17:10:00+0100 "cancels the retargeting flight after the Q4 reforecast"
run align brief cancel "$(id_of "$social")" -m "Q4 reforecast: the EUR 18k goes to the \
webinar follow-up. Revisit in Q1 with the new audience lists."

step priya 2026-10-30T15:00:00+0100 "checks in opportunities, sure of the target"
run align okr checkin "$okr#opportunities" 2 --confidence 0.9 \
	-m "Two opportunities from the programme page's applicants."
run align update --done "Partner newsletter out" --next "Scope the deal-registration kit"

step hannah 2026-10-30T16:00:00+0100 "posts her weekly update, with a blocker"
run align update --done "Launch email copy with legal" \
	--next "Co-selling kit, first draft" \
	--blocker "Pricing page copy is waiting on product sign-off"

step dana 2026-10-30T17:00:00+0100 "posts her weekly update"
run align update --done "Q4 reforecast: EUR 18k to the webinar follow-up" \
	--next "Review the deal-registration kit"

step priya 2026-11-02T09:00:00+0100 "opens a brief for a partner deal-registration kit"
run align brief new "Partner deal-registration kit" --no-edit \
	--type enablement --owner priya --accountable dana --due 2026-12-11
dealreg=$last

step tomas 2026-11-02T10:00:00+0100 "checks in registrations"
run align okr checkin "$okr#registrations" 120 --confidence 0.7 -m "Invite 2 sent."

step priya 2026-11-03T14:00:00+0100 "answers the six questions for the kit"
answer "$dealreg" "$team/briefs/deal-registration-kit.md"
commit "briefs: answer the six questions for the deal-registration kit"

step priya 2026-11-04T09:00:00+0100 "submits the kit"
run align brief submit "$(id_of "$dealreg")"

step dana 2026-11-06T16:00:00+0100 "approves the kit after two days"
run align brief approve "$(id_of "$dealreg")" -m "Approved. Gold partners first."

step hannah 2026-11-06T16:30:00+0100 "checks in the co-selling kit's downloads"
run align okr checkin "$kit#downloads" 8 --confidence 0.7

step priya 2026-11-06T17:00:00+0100 "posts her weekly update"
run align update --done "Deal-registration kit approved" \
	--next "Registration form in the partner portal"

step tomas 2026-11-06T17:30:00+0100 "posts his weekly update"
run align update --done "Invite 2 sent; recording consent cleared" \
	--next "Dry run with the speakers"

step tomas 2026-11-09T10:00:00+0100 "opens a brief for an ROI calculator page"
run align brief new "ROI calculator page" --no-edit \
	--type web --owner tomas --accountable dana --due 2026-12-01
roi=$last

step priya 2026-11-10T09:00:00+0100 "sends the launch email on its due day"
run align brief launch "$(id_of "$launch")" -m "Sent 10:00 CET to both segments."

step tomas 2026-11-10T15:00:00+0100 "answers the six questions for the ROI calculator"
answer "$roi" "$team/briefs/roi-calculator.md"
commit "briefs: answer the six questions for the ROI calculator"

step tomas 2026-11-12T09:30:00+0100 "checks in registrations"
run align okr checkin "$okr#registrations" 210 --confidence 0.8 -m "Invite 3 sent."

step priya 2026-11-13T15:00:00+0100 "checks in opportunities and posts her update: the portal export breaks"
run align okr checkin "$okr#opportunities" 6 --confidence 0.9
run align update --done "Registration form built in the portal" \
	--next "Connect the form to Salesforce" \
	--blocker "Partner portal export is broken"

step hannah 2026-11-13T16:00:00+0100 "posts her weekly update: the pricing copy again"
run align update --done "Co-selling kit published in the portal" \
	--next "First partner case study" \
	--blocker "Pricing page copy is waiting on product sign-off"

step hannah 2026-11-16T10:00:00+0100 "opens a brief for a Q1 case-study series"
run align brief new "Q1 customer case studies" --no-edit \
	--type content --owner hannah --accountable dana --due 2027-02-26
stories=$last

step hannah 2026-11-17T14:00:00+0100 "opens a brief for the year-end newsletter"
run align brief new "Year-end customer newsletter" --no-edit \
	--type email --owner hannah --accountable dana --due 2026-12-10
newsletter=$last

step tomas 2026-11-18T10:00:00+0100 "submits the ROI calculator"
run align brief submit "$(id_of "$roi")"

step tomas 2026-11-20T09:00:00+0100 "checks in the webinar's registrations"
run align okr checkin "$okr#registrations" 312 --confidence 1 \
	-m "Final count from the webinar platform."
run align update --done "Webinar held: 312 registered, 51% attended" \
	--next "Recording and follow-up email"

step hannah 2026-11-20T15:00:00+0100 "checks in the kit's downloads"
run align okr checkin "$kit#downloads" 25 --confidence 0.6

step priya 2026-11-20T16:00:00+0100 "posts her weekly update: still blocked"
run align update --done "Webinar attendees tagged in HubSpot" \
	--next "Chase the portal vendor" \
	--blocker "Partner portal export is broken"

step priya 2026-11-23T16:00:00+0100 "checks in opportunities and posts her weekly update"
run align okr checkin "$okr#opportunities" 11 --confidence 0.8
run align update --done "Synced webinar attendees to the CRM" \
	--next "Score the follow-up leads" --blocker "Partner portal export is broken"

step dana 2026-11-24T11:00:00+0100 "approves the ROI calculator, six days after it was submitted"
run align brief approve "$(id_of "$roi")" -m "Approved. Check the savings formula with finance."

step tomas 2026-11-24T15:30:00+0100 "writes up the webinar's results"
results "$webinar" "$team/briefs/partner-webinar-results.md"
commit "briefs: partner webinar results"

step dana 2026-11-25T09:15:00+0100 "closes the webinar"
run align brief complete "$(id_of "$webinar")" -m "312 registrations against 250. Well done."

step hannah 2026-11-26T11:00:00+0100 "answers the first two questions for the case studies"
answer "$stories" "$team/briefs/case-studies.md"
commit "briefs: case studies, why and who"

step hannah 2026-11-27T11:00:00+0100 "answers the six questions for the newsletter"
answer "$newsletter" "$team/briefs/year-end-newsletter.md"
commit "briefs: answer the six questions for the year-end newsletter"
run align okr checkin "$kit#case-studies" 1 --confidence 0.5 -m "Lumen Digital's story is up."
run align update --done "First partner case study published" \
	--next "Newsletter copy"

step tomas 2026-11-27T16:00:00+0100 "posts his weekly update"
run align update --done "Follow-up email to webinar attendees" \
	--next "ROI calculator build with the web team"

step hannah 2026-11-30T10:00:00+0100 "submits the newsletter"
run align brief submit "$(id_of "$newsletter")"

step dana 2026-11-30T15:30:00+0100 "approves the newsletter the same afternoon"
run align brief approve "$(id_of "$newsletter")"

step hannah 2026-12-03T15:00:00+0100 "writes up the launch email's results"
results "$launch" "$team/briefs/launch-email-results.md"
commit "briefs: launch email results"

step dana 2026-12-04T09:30:00+0100 "closes the launch email"
run align brief complete "$(id_of "$launch")" -m "Opens and clicks above target; trials short."

step hannah 2026-12-04T14:00:00+0100 "checks in both key results and posts her update"
run align okr checkin "$kit#downloads" 41 --confidence 0.6
run align okr checkin "$kit#case-studies" 2 --confidence 0.6 -m "Forde & Co.'s story is up."
run align update --done "Second partner case study published" \
	--next "Send the newsletter on 10 December"

step priya 2026-12-04T16:00:00+0100 "posts her weekly update: blocked a fourth week"
run align update --done "Follow-up leads scored" \
	--next "Deal-registration kit launch" \
	--blocker "Partner portal export is broken"

step priya 2026-12-07T10:00:00+0100 "checks in opportunities"
run align okr checkin "$okr#opportunities" 14 --confidence 0.8

step tomas 2026-12-08T10:00:00+0100 "takes the ROI calculator live, a week late"
run align brief launch "$(id_of "$roi")" -m "Live after the web team's sprint slipped a week."

step hannah 2026-12-10T09:00:00+0100 "sends the newsletter on its due day"
run align brief launch "$(id_of "$newsletter")"

step priya 2026-12-11T15:00:00+0100 "posts her weekly update: the kit misses its date"
run align update --done "Registration guide written" \
	--next "Launch the kit once the export works" \
	--blocker "Partner portal export is broken" \
	-m "The deal-registration kit was due today; it cannot go live without the export."

step tomas 2026-12-11T16:00:00+0100 "posts his weekly update"
run align update --done "ROI calculator live" --next "Calculator in the sales deck"

step dana 2026-12-11T17:00:00+0100 "posts her weekly update"
run align update --done "Q1 planning with the team" \
	--next "Commit the Q1 objective"

step dana 2026-12-14T10:00:00+0100 "commits the objective for 2027-Q1"
run align okr new "Turn partner pipeline into revenue" --quarter 2027-Q1 --owner dana
q1=$(id_of "$last")
run align okr kr add "$q1" revenue --title "Partner-sourced revenue, EUR k" \
	--start 0 --target 400 --owner priya
run align okr kr add "$q1" deals --title "Partner-sourced deals closed" \
	--start 0 --target 12 --owner tomas

step priya 2026-12-18T15:00:00+0100 "posts her weekly update: the export works again"
run align update --done "Portal vendor fixed the export" \
	--next "Deal-registration kit: a new date in January"

step hannah 2026-12-18T16:00:00+0100 "posts her weekly update"
run align update --done "Newsletter sent: 44% opened" --next "Holidays"

step hannah 2026-12-29T11:00:00+0100 "checks in the kit's downloads for the quarter's end"
run align okr checkin "$kit#downloads" 52 --confidence 0.7

step priya 2026-12-30T11:00:00+0100 "checks in opportunities for the quarter's end"
run align okr checkin "$okr#opportunities" 16 --confidence 0.8 \
	-m "Sixteen: the kit's registrations come in January."

# --- 2027-Q1: the review

step dana 2027-01-05T09:00:00+0100 "gives the deal-registration kit a new date at the quarter's review"
redate "$dealreg" 2026-12-11 2027-01-29
commit "briefs: the deal-registration kit moves to 29 January"

# --- 5. What align makes of it --------------------------------------------

# Look at the repository as of the end of the story, not today's date.
ALIGN_NOW=2027-01-05
export ALIGN_NOW
echo
say "The records on $ALIGN_NOW"
run align ls

echo
say "Checking every record"
run align check || die "align check found problems in the demo repository"
say "align check: clean (exit 0)"

echo
say "One brief in full"
run align show "$(id_of "$launch")"

echo
say "The autumn's objectives, in their alignment tree"
run align okr status --quarter 2026-Q4 --tree

echo
say "The week of 2026-12-07, without a meeting"
run align digest --week 2026-W50

echo
say "Who did what in December (read from git content, hand edits included)"
run align log --since 2026-12-01

echo
say "The demo repository is $demo; try it:"
printf '      cd %s\n' "$demo"
# shellcheck disable=SC2016 # $PATH is for the user's shell to expand
printf '      export PATH="%s:$PATH" ALIGN_NOW=%s\n' "$(dirname "$ALIGN")" "$ALIGN_NOW"
printf '      align ls --status approved\n'
printf '      align show %s\n' "$(id_of "$dealreg")"
printf '      git log -p -- %s\n' "$launch"
printf '      align report quarterly --quarter 2026-Q3\n'

# The review ends the story, read from history alone. The page goes in
# .git/, beside git's own files, not in the working tree: the tree holds
# only the team's committed records, so 'git status' stays clean and every
# file in it is one the story committed. The page is made from the commits
# and can be made again with the same command.
html=$demo/.git/review-2026-Q4.html
echo
say "The quarterly review of 2026-Q4, for an issue or a pull request"
run align report quarterly --quarter 2026-Q4 --format md
echo
say "The same review as one web page (no script, nothing fetched)"
run align report quarterly --quarter 2026-Q4 --format html -o "$html"
[ -s "$html" ] || die "the report did not write '$html'"
say "Open it in a browser:"
printf '      %s\n' "$html"
