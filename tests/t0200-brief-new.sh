#!/bin/sh
# align brief new: the file it writes, the commit it makes, the ids it
# picks, the input it refuses, and when it opens an editor.
. "$(dirname "$0")/lib.sh"

# The editor tests decide for themselves whether CI is set.
unset CI

SQ="'"

# Scratch files live beside the repository, so that writing them never
# changes what save_state fingerprints.
S=$TRASH_DIRECTORY

# A brief made from the built-in template: title, id, type, owner,
# accountable, due; created is ALIGN_NOW's date.
built_in_brief() {
	field() {
		if [ -n "${2-}" ]; then
			printf '%s = %s\n' "$1" "$2"
		else
			printf '%s =\n' "$1"
		fi
	}
	printf '# %s\n\n```ini\n[brief]\n' "$1"
	field id "$2"
	field status draft
	field type "${3-}"
	field owner "${4-}"
	field accountable "${5-}"
	field due "${6-}"
	field created 2026-11-02
	cat <<-\EOF
	```

	## Why are we doing this?

	<!-- The business problem or opportunity, and why now. -->

	## Who is it for?

	<!-- Audience and segment; who is out of scope. -->

	## What is the offer?

	<!-- What we give and what we ask: asset, event, discount, call to action. -->

	## What systems are involved?

	<!-- Channels, tools and data: CRM, marketing automation, ads, web. -->

	## What is the deadline?

	<!-- Launch date, milestones, hard external dates. -->

	## How will success be measured?

	<!-- The metrics and targets that tell us it worked. -->
	EOF
}

# refused <exit code> <message> <align arguments>...: align exits with
# that code, prints exactly "align: error: <message>" on stderr and nothing
# on stdout, and leaves repository, index and working tree as they were.
refused() {
	code=$1
	printf 'align: error: %s\n' "$2" >"$S/expect.err"
	shift 2
	save_state &&
	test_expect_code "$code" align "$@" >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	test_cmp "$S/expect.err" "$S/err" &&
	test_state_unchanged
}

# on_terminal <command line>: runs it with stdin and stdout on a
# pseudo-terminal (stderr goes where the command line sends it), keeps what
# appeared on the terminal in $S/tty without carriage returns, and returns
# the command's exit status.
on_terminal() {
	script -qec "$1" /dev/null </dev/null >"$S/tty.raw"
	ret=$?
	tr -d '\r' <"$S/tty.raw" >"$S/tty"
	return $ret
}

# An editor that only leaves a mark that it ran.
cat >"$S/marker-editor" <<EOF
#!/bin/sh
touch "$S/editor-ran"
EOF
chmod +x "$S/marker-editor"

test_expect_success 'setup: an align repository with one commit' '
	setup_align_repo &&
	git rev-list --count HEAD >"$S/actual" &&
	echo 1 >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	git rev-parse HEAD >"$S/init-commit"
'

test_expect_success 'brief new writes the brief from the template, fields filled' '
	align brief new "Webinar: Pipeline Q4!" --type webinar --owner maya \
		--accountable dana --due 2026-12-10 \
		-m "Kick-off agreed with partner team" >"$S/out" 2>"$S/err" &&
	echo briefs/2026-11-webinar-pipeline-q4.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	test_must_be_empty "$S/err" &&
	built_in_brief "Webinar: Pipeline Q4!" 2026-11-webinar-pipeline-q4 \
		webinar maya dana 2026-12-10 >"$S/expect" &&
	test_cmp "$S/expect" briefs/2026-11-webinar-pipeline-q4.md
'

test_expect_success 'brief new makes one commit: summary, note, trailer' '
	git log --format="%s%n%n%b" "$(cat "$S/init-commit")..HEAD" >"$S/actual" &&
	cat >"$S/expect" <<-\EOF &&
	brief: new 2026-11-webinar-pipeline-q4

	Kick-off agreed with partner team

	Align-Record: briefs/2026-11-webinar-pipeline-q4.md

	EOF
	test_cmp "$S/expect" "$S/actual" &&
	git rev-parse HEAD^ >"$S/actual" &&
	test_cmp "$S/init-commit" "$S/actual"
'

test_expect_success 'the commit holds exactly the new brief, byte for byte' '
	git show --name-status --format= HEAD >"$S/actual" &&
	printf "A\tbriefs/2026-11-webinar-pipeline-q4.md\n" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	git show HEAD:briefs/2026-11-webinar-pipeline-q4.md >"$S/actual" &&
	test_cmp briefs/2026-11-webinar-pipeline-q4.md "$S/actual"
'

test_expect_success 'after brief new the index matches HEAD and the tree is clean' '
	git status --porcelain=v1 --untracked-files=all >"$S/actual" &&
	test_must_be_empty "$S/actual" &&
	git diff --cached --name-only >"$S/actual" &&
	test_must_be_empty "$S/actual"
'

test_expect_success 'the commit author comes from GIT_AUTHOR_*' '
	GIT_AUTHOR_NAME="Dana Osei" GIT_AUTHOR_EMAIL="dana@example.com" \
		align brief new "Spring email" >"$S/out" &&
	git log -1 --format="%an <%ae> %aI|%cn <%ce> %cI" >"$S/actual" &&
	echo "Dana Osei <dana@example.com> 2026-11-02T09:00:00+00:00|Maya Lind <maya@example.com> 2026-11-02T09:00:00+00:00" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'without options the fields stay empty and no note is added' '
	built_in_brief "Spring email" 2026-11-spring-email >"$S/expect" &&
	test_cmp "$S/expect" briefs/2026-11-spring-email.md &&
	git log -1 --format="%B" >"$S/actual" &&
	cat >"$S/expect" <<-\EOF &&
	brief: new 2026-11-spring-email

	Align-Record: briefs/2026-11-spring-email.md

	EOF
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'from a subdirectory the path is printed relative to it' '
	mkdir -p campaigns/q4 &&
	(
		cd campaigns &&
		align brief new "Partner summit" >"$S/out"
	) &&
	echo ../briefs/2026-11-partner-summit.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	(
		cd campaigns/q4 &&
		align brief new "Holiday sale" >"$S/out"
	) &&
	echo ../../briefs/2026-11-holiday-sale.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	rmdir campaigns/q4 campaigns &&
	test -f briefs/2026-11-partner-summit.md &&
	test -f briefs/2026-11-holiday-sale.md &&
	git show --name-only --format=%s HEAD >"$S/actual" &&
	printf "%s\n\n%s\n" "brief: new 2026-11-holiday-sale" \
		briefs/2026-11-holiday-sale.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success '--no-commit writes the file, leaves it untracked, no commit' '
	git rev-parse HEAD >"$S/head-before" &&
	git ls-files --stage >"$S/index-before" &&
	align brief new "Draft only" --no-commit >"$S/out" &&
	echo briefs/2026-11-draft-only.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	built_in_brief "Draft only" 2026-11-draft-only >"$S/expect" &&
	test_cmp "$S/expect" briefs/2026-11-draft-only.md &&
	git rev-parse HEAD >"$S/actual" &&
	test_cmp "$S/head-before" "$S/actual" &&
	git ls-files --stage >"$S/actual" &&
	test_cmp "$S/index-before" "$S/actual" &&
	git status --porcelain=v1 --untracked-files=all >"$S/actual" &&
	echo "?? briefs/2026-11-draft-only.md" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	rm briefs/2026-11-draft-only.md
'

test_expect_success '--id overrides the id made from the title' '
	align brief new "Webinar: Pipeline Q4!" --id q4-pipeline-webinar >"$S/out" &&
	echo briefs/q4-pipeline-webinar.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	built_in_brief "Webinar: Pipeline Q4!" q4-pipeline-webinar >"$S/expect" &&
	test_cmp "$S/expect" briefs/q4-pipeline-webinar.md &&
	git log -1 --format=%s >"$S/actual" &&
	echo "brief: new q4-pipeline-webinar" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'a title whose id exists already is refused (exit 1)' '
	refused 1 "id ${SQ}2026-11-webinar-pipeline-q4${SQ} exists already (briefs/2026-11-webinar-pipeline-q4.md); choose another with --id" \
		brief new "webinar pipeline q4" --type email
'

test_expect_success 'an --id that exists already is refused (exit 1)' '
	refused 1 "id ${SQ}q4-pipeline-webinar${SQ} exists already (briefs/q4-pipeline-webinar.md); choose another with --id" \
		brief new "Another webinar" --id q4-pipeline-webinar
'

test_expect_success 'an id taken by an uncommitted file is refused too' '
	align brief new "Loose draft" --no-commit >"$S/out" &&
	refused 1 "id ${SQ}2026-11-loose-draft${SQ} exists already (briefs/2026-11-loose-draft.md); choose another with --id" \
		brief new "Loose draft" &&
	rm briefs/2026-11-loose-draft.md
'

test_expect_success 'the same title is accepted when --id picks another id' '
	align brief new "webinar pipeline q4" --id webinar-pipeline-q4-rerun >"$S/out" &&
	echo briefs/webinar-pipeline-q4-rerun.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	built_in_brief "webinar pipeline q4" webinar-pipeline-q4-rerun >"$S/expect" &&
	test_cmp "$S/expect" briefs/webinar-pipeline-q4-rerun.md
'

test_expect_success 'slashes and ../ in a title stay inside briefs/' '
	find .. -path ../repo -prune -o -print | grep -v outside- |
	sort >"$S/outside-before" &&
	align brief new "a/b/../../etc/passwd" >"$S/out" &&
	echo briefs/2026-11-a-b-etc-passwd.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	align brief new "../../etc" >"$S/out" &&
	echo briefs/2026-11-etc.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	git diff --name-status HEAD~2 HEAD >"$S/actual" &&
	printf "A\tbriefs/%s\n" 2026-11-a-b-etc-passwd.md 2026-11-etc.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	head -n 1 briefs/2026-11-a-b-etc-passwd.md >"$S/actual" &&
	echo "# a/b/../../etc/passwd" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	git status --porcelain=v1 --untracked-files=all >"$S/actual" &&
	test_must_be_empty "$S/actual" &&
	find .. -path ../repo -prune -o -print | grep -v outside- |
	sort >"$S/outside-after" &&
	test_cmp "$S/outside-before" "$S/outside-after" &&
	test ! -e ../etc && test ! -e ../../etc/passwd.md
'

test_expect_success 'Latin-1 accents are folded in the id' '
	align brief new "Café Crème à Genève, ÉTÉ" >"$S/out" &&
	echo briefs/2026-11-cafe-creme-a-geneve-ete.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	head -n 1 briefs/2026-11-cafe-creme-a-geneve-ete.md >"$S/actual" &&
	echo "# Café Crème à Genève, ÉTÉ" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'accents beyond Latin-1 are folded too, not dropped' '
	align brief new "Dvořák & Čapek" >"$S/out" &&
	echo briefs/2026-11-dvorak-capek.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out"
'

test_expect_success 'the title reads back exactly as given (Markdown is escaped)' '
	align brief new "Sale: 50% off *everything* #" --id markdown-title >"$S/out" &&
	align show markdown-title --format=json >"$S/show" &&
	grep "^  \"title\": " "$S/show" >"$S/actual" &&
	echo "  \"title\": \"Sale: 50% off *everything* #\"," >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'an empty title is refused (exit 129)' '
	refused 129 "title is empty" brief new ""
'

test_expect_success 'a title of only white space is refused (exit 129)' '
	refused 129 "title is empty" brief new "   "
'

test_expect_success 'a 10 KB title is refused (exit 129)' '
	title=$(printf "%10240s" "" | tr " " t) &&
	test ${#title} -eq 10240 &&
	refused 129 "title is too long (the limit is 200 bytes)" brief new "$title"
'

test_expect_success 'a 200-byte title is accepted, a 201-byte one refused' '
	title=$(printf "%200s" "" | tr " " t) &&
	refused 129 "title is too long (the limit is 200 bytes)" brief new "${title}x" &&
	align brief new "$title" --id long-title >"$S/out" &&
	head -n 1 briefs/long-title.md >"$S/actual" &&
	echo "# $title" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'a title with a tab is refused (exit 129)' '
	refused 129 "title contains a control character" \
		brief new "$(printf "a\tb")"
'

test_expect_success 'a title with a newline is refused (exit 129)' '
	refused 129 "title contains a control character" \
		brief new "$(printf "Launch\n# Injected")"
'

test_expect_success 'a title with an escape character is refused (exit 129)' '
	refused 129 "title contains a control character" \
		brief new "$(printf "red \033[31m alert")"
'

test_expect_success 'a title that is not UTF-8 is refused (exit 129)' '
	refused 129 "title is not valid UTF-8" brief new "$(printf "\377")" &&
	refused 129 "title is not valid UTF-8" brief new "$(printf "caf\351")"
'

test_expect_success 'a title of only symbols needs --id (exit 129)' '
	refused 129 "cannot make an id from title ${SQ}!!!${SQ}; give one with --id" \
		brief new "!!!" &&
	align brief new "!!!" --id exclamations >"$S/out" &&
	echo briefs/exclamations.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	head -n 1 briefs/exclamations.md >"$S/actual" &&
	echo "# !!!" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success '--due that is not a calendar date is refused (exit 129)' '
	refused 129 "invalid date ${SQ}2026-02-30${SQ} for --due: use YYYY-MM-DD, a real calendar date" \
		brief new "Bad due" --due 2026-02-30
'

test_expect_success '--due in another format is refused (exit 129)' '
	refused 129 "invalid date ${SQ}26/11/2026${SQ} for --due: use YYYY-MM-DD, a real calendar date" \
		brief new "Bad due" --due 26/11/2026 &&
	refused 129 "invalid date ${SQ}2026-12-1${SQ} for --due: use YYYY-MM-DD, a real calendar date" \
		brief new "Bad due" --due 2026-12-1
'

test_expect_success '--due on a leap day is accepted' '
	align brief new "Leap launch" --due 2028-02-29 >"$S/out" &&
	grep "^due = " briefs/2026-11-leap-launch.md >"$S/actual" &&
	echo "due = 2028-02-29" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'an invalid --id is refused (exit 129)' '
	refused 129 "invalid id ${SQ}Bad ID${SQ}: use up to 64 lowercase letters, digits and single dashes" \
		brief new "Good title" --id "Bad ID" &&
	refused 129 "invalid id ${SQ}../escape${SQ}: use up to 64 lowercase letters, digits and single dashes" \
		brief new "Good title" --id ../escape
'

test_expect_success '--owner with " ;" is refused (exit 129)' '
	refused 129 "invalid value for --owner: it contains ${SQ} ;${SQ}, which would start a comment" \
		brief new "Good title" --owner "maya ;status=approved"
'

test_expect_success 'a missing title or an unknown option is a usage error' '
	save_state &&
	test_expect_code 129 align brief new >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: a brief needs a title: align brief new \"<title>\"" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 129 align brief new "Good title" --colour red >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: unknown option ${SQ}--colour${SQ}" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_expect_code 129 align brief new Two words >"$S/out" 2>"$S/err" &&
	test_must_be_empty "$S/out" &&
	echo "align: error: too many arguments (quote a title with spaces)" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'changes to other files, staged or not, survive brief new' '
	echo "; a local note" >>align.ini &&
	echo "Agenda" >notes.md &&
	git add notes.md &&
	git diff >"$S/diff-before" &&
	git diff --cached >"$S/cached-before" &&
	align brief new "Keep my work" >"$S/out" &&
	git diff >"$S/actual" &&
	test_cmp "$S/diff-before" "$S/actual" &&
	git diff --cached >"$S/actual" &&
	test_cmp "$S/cached-before" "$S/actual" &&
	git status --porcelain=v1 --untracked-files=all >"$S/actual" &&
	printf "%s\n" " M align.ini" "A  notes.md" >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	git show --name-only --format= HEAD >"$S/actual" &&
	echo briefs/2026-11-keep-my-work.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	git show HEAD:align.ini >"$S/actual" &&
	test_must_fail test_grep "a local note" "$S/actual" 2>/dev/null
'

test_expect_success 'a refused brief new leaves those changes alone too' '
	refused 129 "title is empty" brief new " " &&
	git reset -q notes.md &&
	rm notes.md &&
	git checkout -q align.ini &&
	git status --porcelain=v1 --untracked-files=all >"$S/actual" &&
	test_must_be_empty "$S/actual"
'

test_expect_success 'new briefs use the team'"'"'s edited template' '
	cat >templates/brief.md <<-\EOF &&
	# Campaign brief

	```ini
	[brief]
	id =
	status = draft
	owner =
	due =
	created =
	budget = 0
	```

	## Why are we doing this?

	## Who pays?
	EOF
	git add templates/brief.md &&
	git commit -q -m "templates: our own brief" &&
	align brief new "Team template" --owner maya >"$S/out" &&
	cat >"$S/expect" <<-\EOF &&
	# Team template

	```ini
	[brief]
	id = 2026-11-team-template
	status = draft
	owner = maya
	due =
	created = 2026-11-02
	budget = 0
	```

	## Why are we doing this?

	## Who pays?
	EOF
	test_cmp "$S/expect" briefs/2026-11-team-template.md
'

test_expect_success 'a field the template lacks is added to the [brief] section' '
	align brief new "Typed" --type email --accountable dana >"$S/out" &&
	sed -n "/^\[brief\]/,/^\`\`\`$/p" briefs/2026-11-typed.md >"$S/actual" &&
	cat >"$S/expect" <<-\EOF &&
	[brief]
	id = 2026-11-typed
	status = draft
	owner =
	due =
	created = 2026-11-02
	budget = 0
	type = email
	accountable = dana
	```
	EOF
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'with the template deleted, the built-in one is used' '
	git rm -q templates/brief.md &&
	git commit -q -m "templates: drop brief" &&
	align brief new "Built in" >"$S/out" &&
	built_in_brief "Built in" 2026-11-built-in >"$S/expect" &&
	test_cmp "$S/expect" briefs/2026-11-built-in.md &&
	test ! -e templates/brief.md
'

test_expect_success 'outside an align repository brief new is fatal (exit 128)' '
	mkdir "$S/plain" &&
	(
		cd "$S/plain" &&
		git init -q -b main . &&
		test_expect_code 128 align brief new "Nowhere" >"$S/out" 2>"$S/err"
	) &&
	test_must_be_empty "$S/out" &&
	echo "align: error: not an align repository (no align.ini here or in any parent up to ${SQ}$(cd "$S/plain" && pwd -P)${SQ}); run ${SQ}align init${SQ} to make one" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test ! -e "$S/plain/briefs"
'

test_expect_success 'without an identity brief new is fatal and writes nothing' '
	save_state &&
	(
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
			GIT_COMMITTER_EMAIL &&
		test_expect_code 128 align brief new "Anonymous" >"$S/out" 2>"$S/err"
	) &&
	test_must_be_empty "$S/out" &&
	echo "align: error: identity unknown: set your name and email with ${SQ}git config user.name \"Your Name\"${SQ} and ${SQ}git config user.email you@example.com${SQ}" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test_state_unchanged
'

test_expect_success 'no editor runs when stdin and stdout are not a terminal' '
	ALIGN_EDITOR="$S/marker-editor" VISUAL="$S/marker-editor" \
		EDITOR="$S/marker-editor" \
		align brief new "Scripted" </dev/null >"$S/out" 2>"$S/err" &&
	test ! -e "$S/editor-ran" &&
	test_must_be_empty "$S/err" &&
	built_in_brief "Scripted" 2026-11-scripted >"$S/expect" &&
	git show HEAD:briefs/2026-11-scripted.md >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'no editor runs when stdout is not a terminal' '
	export ALIGN_EDITOR="$S/marker-editor" &&
	on_terminal "\"$ALIGN_BIN\" brief new \"Piped out\" >\"$S/out\"" &&
	test ! -e "$S/editor-ran" &&
	test_must_be_empty "$S/tty" &&
	echo briefs/2026-11-piped-out.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/out" &&
	built_in_brief "Piped out" 2026-11-piped-out >"$S/expect" &&
	test_cmp "$S/expect" briefs/2026-11-piped-out.md
'

test_expect_success 'on a terminal the editor opens and its answer is committed' '
	cat >"$S/answer-editor" <<-\EOF &&
	#!/bin/sh
	sed -i "/^## Why are we doing this?/{n;a\\
	Partner pipeline fell 20% last quarter.
	}" "$1"
	EOF
	chmod +x "$S/answer-editor" &&
	export ALIGN_EDITOR="$S/answer-editor" EDITOR="$S/marker-editor" &&
	on_terminal "\"$ALIGN_BIN\" brief new \"Edited brief\" 2>\"$S/err\"" &&
	test ! -e "$S/editor-ran" &&
	echo briefs/2026-11-edited-brief.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/tty" &&
	test_must_be_empty "$S/err" &&
	built_in_brief "Edited brief" 2026-11-edited-brief >"$S/template" &&
	{
		sed -n "1,15p" "$S/template" &&
		echo "Partner pipeline fell 20% last quarter." &&
		sed -n "16,\$p" "$S/template"
	} >"$S/expect" &&
	sed -n "14,18p" "$S/expect" >"$S/actual" &&
	cat >"$S/why" <<-\EOF &&
	## Why are we doing this?

	Partner pipeline fell 20% last quarter.
	<!-- The business problem or opportunity, and why now. -->

	EOF
	test_cmp "$S/why" "$S/actual" &&
	git show HEAD:briefs/2026-11-edited-brief.md >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual" &&
	test_cmp "$S/expect" briefs/2026-11-edited-brief.md &&
	git show --name-only --format=%s HEAD >"$S/actual" &&
	printf "%s\n\n%s\n" "brief: new 2026-11-edited-brief" \
		briefs/2026-11-edited-brief.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/actual" &&
	git status --porcelain=v1 --untracked-files=all --ignored >"$S/actual" &&
	test_must_be_empty "$S/actual" &&
	test ! -e .git/ALIGN_EDIT.md
'

test_expect_success 'an editor that rewrites the whole file is committed as saved' '
	cat >"$S/rewritten.md" <<-\EOF &&
	# Rewritten

	```ini
	[brief]
	id = 2026-11-short-brief
	status = draft
	owner = lee
	created = 2026-11-02
	```

	Just this.
	EOF
	cat >"$S/rewrite-editor" <<-EOF &&
	#!/bin/sh
	cp "$S/rewritten.md" "\$1"
	EOF
	chmod +x "$S/rewrite-editor" &&
	export ALIGN_EDITOR="$S/rewrite-editor" &&
	on_terminal "\"$ALIGN_BIN\" brief new \"Short brief\" 2>\"$S/err\"" &&
	test_must_be_empty "$S/err" &&
	git show HEAD:briefs/2026-11-short-brief.md >"$S/actual" &&
	test_cmp "$S/rewritten.md" "$S/actual"
'

test_expect_success 'an editor exiting non-zero aborts with nothing written' '
	rm -f .git/ALIGN_EDIT.md &&
	cat >"$S/failing-editor" <<-\EOF &&
	#!/bin/sh
	echo "half an answer" >>"$1"
	exit 3
	EOF
	chmod +x "$S/failing-editor" &&
	export ALIGN_EDITOR="$S/failing-editor" &&
	save_state &&
	test_expect_code 1 on_terminal \
		"\"$ALIGN_BIN\" brief new \"Abandoned\" 2>\"$S/err\"" &&
	test_must_be_empty "$S/tty" &&
	echo "align: error: the editor ${SQ}$S/failing-editor${SQ} failed; nothing was saved" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	test ! -e briefs/2026-11-abandoned.md &&
	test_state_unchanged
'

test_expect_success 'an editor that breaks the ini block aborts; nothing committed' '
	rm -f .git/ALIGN_EDIT.md &&
	cat >"$S/breaking-editor" <<-\EOF &&
	#!/bin/sh
	sed -i "s/^\[brief\]$/[brief/" "$1"
	EOF
	chmod +x "$S/breaking-editor" &&
	export ALIGN_EDITOR="$S/breaking-editor" &&
	save_state &&
	test_expect_code 1 on_terminal \
		"\"$ALIGN_BIN\" brief new \"Broken edit\" 2>\"$S/err\"" &&
	test_must_be_empty "$S/tty" &&
	edit=$(pwd -P)/.git/ALIGN_EDIT.md &&
	echo "align: error: briefs/2026-11-broken-edit.md:4: malformed section header: missing ${SQ}]${SQ}; nothing was saved (your text is in ${SQ}$edit${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	built_in_brief "Broken edit" 2026-11-broken-edit |
	sed "s/^\[brief\]$/[brief/" >"$S/expect" &&
	test_cmp "$S/expect" .git/ALIGN_EDIT.md &&
	rm .git/ALIGN_EDIT.md &&
	test ! -e briefs/2026-11-broken-edit.md &&
	test_state_unchanged
'

test_expect_success 'an editor that changes the id aborts; nothing committed' '
	rm -f .git/ALIGN_EDIT.md &&
	cat >"$S/id-editor" <<-\EOF &&
	#!/bin/sh
	sed -i "s/^id = .*/id = renamed/" "$1"
	EOF
	chmod +x "$S/id-editor" &&
	export ALIGN_EDITOR="$S/id-editor" &&
	save_state &&
	test_expect_code 1 on_terminal \
		"\"$ALIGN_BIN\" brief new \"Renamed\" 2>\"$S/err\"" &&
	test_must_be_empty "$S/tty" &&
	edit=$(pwd -P)/.git/ALIGN_EDIT.md &&
	echo "align: error: the id must stay ${SQ}2026-11-renamed${SQ}; nothing was saved (your text is in ${SQ}$edit${SQ})" >"$S/expect" &&
	test_cmp "$S/expect" "$S/err" &&
	rm .git/ALIGN_EDIT.md &&
	test ! -e briefs/renamed.md &&
	test ! -e briefs/2026-11-renamed.md &&
	test_state_unchanged
'

test_expect_success 'CI=true suppresses the editor even on a terminal' '
	export CI=true ALIGN_EDITOR="$S/marker-editor" &&
	on_terminal "\"$ALIGN_BIN\" brief new \"From CI\" 2>\"$S/err\"" &&
	test ! -e "$S/editor-ran" &&
	test_must_be_empty "$S/err" &&
	echo briefs/2026-11-from-ci.md >"$S/expect" &&
	test_cmp "$S/expect" "$S/tty" &&
	built_in_brief "From CI" 2026-11-from-ci >"$S/expect" &&
	git show HEAD:briefs/2026-11-from-ci.md >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success '--no-edit suppresses the editor on a terminal' '
	export ALIGN_EDITOR="$S/marker-editor" &&
	on_terminal "\"$ALIGN_BIN\" brief new \"Quick one\" --no-edit 2>\"$S/err\"" &&
	test ! -e "$S/editor-ran" &&
	test_must_be_empty "$S/err" &&
	built_in_brief "Quick one" 2026-11-quick-one >"$S/expect" &&
	git show HEAD:briefs/2026-11-quick-one.md >"$S/actual" &&
	test_cmp "$S/expect" "$S/actual"
'

test_expect_success 'the marker editor runs on a terminal (the tests above can fail)' '
	export ALIGN_EDITOR="$S/marker-editor" &&
	on_terminal "\"$ALIGN_BIN\" brief new \"Marked\" 2>\"$S/err\"" &&
	test -e "$S/editor-ran" &&
	rm "$S/editor-ran"
'

test_done
