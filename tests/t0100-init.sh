#!/bin/sh
# align init: align.ini, templates, folders, one commit.
. "$(dirname "$0")/lib.sh"

test_expect_success 'init in a git repository writes and commits the files' '
	git init -q -b main . &&
	align init --name "Growth team" >out &&
	echo "Initialized align repository '"'"'Growth team'"'"' in $(pwd -P)" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	; The align records root: settings shared by the team.
	; See docs/format.md or align-format(5).

	[align]
	version = 1
	name = Growth team

	[core]
	; Largest record align reads, in bytes.
	max-record-size = 65536

	[folders]
	brief = briefs
	decision = decisions
	objective = okrs
	raci = raci
	update = updates
	templates = templates
	EOF
	test_cmp expect align.ini &&
	test -d briefs && test -d okrs &&
	git log --format=%s >subjects &&
	echo "align: init" >expect &&
	test_cmp expect subjects &&
	git show --name-only --format= HEAD >files &&
	cat >expect <<-\EOF &&
	align.ini
	glossary.md
	templates/brief.md
	templates/decision.md
	templates/objective.md
	templates/raci.ini
	templates/update.md
	EOF
	test_cmp expect files &&
	git status --porcelain >status &&
	test_must_be_empty status
'

test_expect_success 'the template is a valid brief with the six questions' '
	head -n 1 templates/brief.md >first &&
	echo "# Campaign brief" >expect &&
	test_cmp expect first &&
	grep "^## " templates/brief.md >questions &&
	cat >expect <<-\EOF &&
	## Why are we doing this?
	## Who is it for?
	## What is the offer?
	## What systems are involved?
	## What is the deadline?
	## How will success be measured?
	EOF
	test_cmp expect questions
'

test_expect_success 'init twice is refused and changes nothing' '
	save_state &&
	test_expect_code 1 align init 2>err &&
	echo "align: error: '"'"'$(pwd -P)/align.ini'"'"' exists already: this folder is an align repository" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'the team name defaults to the folder name' '
	mkdir ../acme && cd ../acme &&
	git init -q -b main . &&
	align init >/dev/null &&
	grep "^name = acme$" align.ini
'

test_expect_success 'a name that would not read back is refused' '
	mkdir ../bad && cd ../bad &&
	git init -q -b main . &&
	save_state &&
	test_expect_code 129 align init --name "Growth ; team" 2>err &&
	echo "align: error: invalid team name '"'"'Growth ; team'"'"': it contains '"'"' ;'"'"', which would start a comment" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align init --name " padded" 2>err &&
	test_expect_code 129 align init extra 2>err &&
	test_state_unchanged
'

test_expect_success '--no-commit writes the files without a commit' '
	mkdir ../nocommit && cd ../nocommit &&
	git init -q -b main . &&
	align init --no-commit >/dev/null &&
	test_must_fail git rev-parse -q --verify HEAD >/dev/null &&
	test -f align.ini && test -f templates/brief.md &&
	git status --porcelain >status &&
	cat >expect <<-\EOF &&
	?? align.ini
	?? glossary.md
	?? templates/
	EOF
	test_cmp expect status
'

test_expect_success 'outside a repository, init creates one' '
	mkdir ../fresh && cd ../fresh &&
	align init --name Fresh >/dev/null &&
	test -d .git &&
	git log --format=%s >subjects &&
	echo "align: init" >expect &&
	test_cmp expect subjects
'

test_expect_success 'without an identity nothing is created, not even .git' '
	mkdir ../anon && cd ../anon &&
	(
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
			GIT_COMMITTER_EMAIL &&
		test_expect_code 128 align init 2>../anon.err
	) &&
	echo "align: error: identity unknown: set your name and email with '"'"'git config user.name \"Your Name\"'"'"' and '"'"'git config user.email you@example.com'"'"'" >expect &&
	test_cmp expect ../anon.err &&
	ls -A >files &&
	test_cmp expect ../anon.err &&
	grep -v -e "^expect$" -e "^files$" files >left || : &&
	test_must_be_empty left
'

test_done
