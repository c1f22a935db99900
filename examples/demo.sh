#!/bin/sh
#
# examples/demo.sh: build align and replay the example team's autumn in a
# throwaway git repository, then show what align makes of it.
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
	pages among them) and replays the example team's autumn in a new git
	repository <dir>, then shows what align makes of it.

	<dir>  where the demo repository goes (default: \${TMPDIR:-/tmp}/align-demo).
	       A previous demo there is removed first, and said so on stderr;
	       any other existing, non-empty <dir> is refused.
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

packages="meson ninja-build pkg-config gcc libgit2-dev libcmark-dev libinih-dev git scdoc"

if command -v dpkg-query >/dev/null 2>&1; then
	missing=
	for p in $packages; do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q 'ok installed$'; then
			missing="$missing $p"
		fi
	done
	if [ -n "$missing" ]; then
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
	else
		say "Build dependencies are installed"
	fi
else
	say "No dpkg-query (not Debian or Ubuntu): assuming these are installed: $packages"
fi

# --- 2. Build -------------------------------------------------------------

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

# --- 4. The story ---------------------------------------------------------

step priya 2026-10-01T09:00:00+0200 "sets up the team's records repository"
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

step dana 2026-10-01T10:00:00+0200 "sets the quarter's objective"
run align okr new "Grow partner-sourced pipeline" --quarter 2026-Q4 --owner dana
okr=$(id_of "$last")
run align okr kr add "$okr" registrations --title "Webinar registrations" \
	--start 0 --target 250 --owner tomas --due 2026-11-19
run align okr kr add "$okr" opportunities --title "Partner-sourced opportunities" \
	--start 0 --target 40 --owner priya

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

step dana 2026-10-08T09:30:00+0200 "approves the webinar"
run align brief approve "$(id_of "$webinar")" \
	-m "Approved. Keep the extended trial to one client per partner."

step hannah 2026-10-12T10:15:00+0200 "submits the launch email brief"
run align brief submit "$(id_of "$launch")"

step dana 2026-10-13T09:00:00+0200 "tries to approve the launch email, and align refuses"
if run align brief approve "$(id_of "$launch")"; then
	die "approving a brief with an unanswered question should be refused"
fi
say "refused, as it should be: one of the six questions has no answer"
run align brief reopen "$(id_of "$launch")" -m "Answer the systems question. Pricing \
changes slip to the January release; send the email with them."

step tomas 2026-10-19T11:30:00+0200 "opens a brief for LinkedIn retargeting"
run align brief new "LinkedIn retargeting" --no-edit \
	--type paid-social --owner tomas --accountable dana --due 2026-11-02
social=$last

step hannah 2026-10-19T16:00:00+0200 "answers the systems question and moves the launch email to January"
answer "$launch" "$team/briefs/launch-email-january.md"
sed 's/^due = 2026-11-10$/due = 2027-01-14/' "$launch" >"$launch.new"
mv "$launch.new" "$launch"
commit "briefs: launch email moves to the January release"

step tomas 2026-10-20T10:00:00+0200 "answers the six questions for the retargeting flight"
answer "$social" "$team/briefs/paid-social.md"
commit "briefs: answer the six questions for LinkedIn retargeting"

step priya 2026-10-22T08:30:00+0200 "opens registration: the webinar is live"
run align brief launch "$(id_of "$webinar")" \
	-m "Registration page and invite 1 are live; HubSpot campaign '2026-11 Partner webinar'."

step tomas 2026-10-23T14:10:00+0200 "submits the retargeting brief"
run align brief submit "$(id_of "$social")"

step dana 2026-10-29T17:10:00+0100 "cancels the retargeting flight after the Q4 reforecast"
run align brief cancel "$(id_of "$social")" -m "Q4 reforecast: the EUR 18k goes to the \
webinar follow-up. Revisit in Q1 with the new audience lists."

step hannah 2026-11-16T10:00:00+0100 "opens a brief for a Q1 case-study series"
run align brief new "Q1 customer case studies" --no-edit \
	--type content --owner hannah --accountable dana --due 2027-02-26
stories=$last

step tomas 2026-11-20T09:00:00+0100 "checks in the webinar's registrations"
run align okr checkin "$okr#registrations" 312 --confidence 1 \
	-m "Final count from the webinar platform."

step priya 2026-11-23T16:00:00+0100 "posts her weekly update and checks in opportunities"
run align okr checkin "$okr#opportunities" 11 --confidence 0.6
run align update --done "Synced webinar attendees to the CRM" \
	--next "Score the follow-up leads" --blocker "Partner portal export is broken"

step tomas 2026-11-24T15:30:00+0100 "writes up the webinar's results"
cat "$team/briefs/partner-webinar-results.md" >>"$webinar"
printf '   (edits %s by hand)\n' "$webinar"
commit "briefs: partner webinar results"

step dana 2026-11-25T09:15:00+0100 "closes the webinar"
run align brief complete "$(id_of "$webinar")" -m "312 registrations against 250. Well done."

step hannah 2026-11-26T11:00:00+0100 "answers the first two questions for the case studies"
answer "$stories" "$team/briefs/case-studies.md"
commit "briefs: case studies, why and who"

# --- 5. What align makes of it --------------------------------------------

# Look at the repository as of the end of the story, not today's date.
ALIGN_NOW=2026-11-30
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
run align show "$(id_of "$webinar")"

echo
say "The quarter's objectives"
run align okr status

echo
say "The week of 2026-11-23, without a meeting"
run align digest --week 2026-W48

echo
say "Who did what, when (read from git content, hand edits included)"
run align log

echo
say "The demo repository is $demo; try it:"
printf '      cd %s\n' "$demo"
# shellcheck disable=SC2016 # $PATH is for the user's shell to expand
printf '      export PATH="%s:$PATH" ALIGN_NOW=%s\n' "$root/build/cmd" "$ALIGN_NOW"
printf '      align ls --status draft\n'
printf '      align show %s\n' "$(id_of "$launch")"
printf '      git log -p -- %s\n' "$launch"
