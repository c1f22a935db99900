#!/bin/sh
# Git edge cases: commits that touch only the record (as git commit --only),
# discovery of the repository and the records root, unborn, detached and
# shallow HEADs, ownership, stale locks, identity and dates, line endings,
# read-only trees, concurrent writers and lost updates.
. "$(dirname "$0")/lib.sh"

# Scratch files live in $TRASH_DIRECTORY/repo, which is not a repository;
# every scenario is its own repository below it, so "../x" is scratch.

# test_skip '<description>' '<reason>': a TAP skip line.
test_skip() {
	test_count=$((test_count + 1))
	printf 'ok %d - %s # skip %s\n' "$test_count" "$1" "$2"
}

# one_error <file>: exactly one line, in align's error format.
one_error() {
	if [ "$(wc -l <"$1")" -ne 1 ]; then
		echo "want exactly one line in '$1':" >&2
		cat "$1" >&2
		return 1
	fi
	test_grep '^align: error: ' "$1"
}

count_cr() {
	tr -cd '\r' <"$1" | wc -c | tr -d ' '
}

count_lines() {
	wc -l <"$1" | tr -d ' '
}

# briefs_clean [<pathspec>]: the index matches HEAD and the working tree
# for the records, and its stat data is fresh (diff-files does not
# refresh, so an entry with wrong stat data shows up there).
briefs_clean() {
	spec=${1:-briefs/}
	git diff-files --name-only -- "$spec" >"$TRASH_DIRECTORY/.bc" &&
	test_must_be_empty "$TRASH_DIRECTORY/.bc" &&
	git diff --cached --quiet -- "$spec" &&
	git status --porcelain --untracked-files=all -- "$spec" \
		>"$TRASH_DIRECTORY/.bc" &&
	test_must_be_empty "$TRASH_DIRECTORY/.bc"
}

# The unrelated changes of the "only" repository are exactly as before.
unrelated_unchanged() {
	git status --porcelain >../only.status.now &&
	test_cmp ../only.status ../only.status.now &&
	git diff --cached >../only.cached.now &&
	test_cmp ../only.cached ../only.cached.now &&
	git diff >../only.diff.now &&
	test_cmp ../only.diff ../only.diff.now
}

# copy_base <dir>: a copy of the base repository with a fresh index (a copy
# has new inodes and times, which would make every entry look stale).
copy_base() {
	cp -R base "$1" && (cd "$1" && git update-index -q --refresh)
}

BRIEF_FIELDS="--owner maya --accountable dana --due 2026-12-10"
SQ="'"
CR=$(printf '\r')

test_expect_success 'setup: a base repository with one draft brief' '
	mkdir base && cd base &&
	setup_align_repo &&
	align brief new "Spring email" --no-edit --type email $BRIEF_FIELDS \
		>../out &&
	echo briefs/2026-11-spring-email.md >../expect &&
	test_cmp ../expect ../out &&
	git status --porcelain >../out &&
	test_must_be_empty ../out
'

# 1. Only the record is committed; everything else is left alone.

test_expect_success 'setup: unrelated staged, unstaged and untracked changes' '
	copy_base only && cd only &&
	echo one >notes.txt && git add notes.txt && git commit -q -m notes &&
	echo staged >staged.txt && git add staged.txt &&
	echo two >>notes.txt &&
	echo junk >untracked.txt &&
	git status --porcelain >../only.status &&
	cat >../expect <<-\EOF &&
	 M notes.txt
	A  staged.txt
	?? untracked.txt
	EOF
	test_cmp ../expect ../only.status &&
	git diff --cached >../only.cached &&
	git diff >../only.diff &&
	test_grep "^+staged" ../only.cached &&
	test_grep "^+two" ../only.diff
'

test_expect_success 'brief new commits only the brief' '
	cd only &&
	before=$(git rev-parse HEAD) &&
	align brief new "Partner webinar" --no-edit $BRIEF_FIELDS >../out &&
	echo briefs/2026-11-partner-webinar.md >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD^)" = "$before" &&
	git diff-tree --no-commit-id --name-status -r HEAD >../actual &&
	printf "A\tbriefs/2026-11-partner-webinar.md\n" >../expect &&
	test_cmp ../expect ../actual &&
	test_must_fail git cat-file -e HEAD:staged.txt &&
	git show HEAD:notes.txt >../actual && echo one >../expect &&
	test_cmp ../expect ../actual &&
	briefs_clean &&
	unrelated_unchanged
'

test_expect_success 'brief submit commits only the brief' '
	cd only &&
	before=$(git rev-parse HEAD) &&
	align brief submit 2026-11-partner-webinar >../out &&
	echo "2026-11-partner-webinar: draft → submitted" >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD^)" = "$before" &&
	git diff-tree --no-commit-id --name-status -r HEAD >../actual &&
	printf "M\tbriefs/2026-11-partner-webinar.md\n" >../expect &&
	test_cmp ../expect ../actual &&
	test_grep "^status = submitted" briefs/2026-11-partner-webinar.md &&
	briefs_clean &&
	unrelated_unchanged
'

test_expect_success 'twenty align commits in a row keep the index clean' '
	cd only &&
	start=$(git rev-list --count HEAD) &&
	i=1 &&
	while [ $i -le 10 ]; do
		align brief new "Loop $i" --no-edit $BRIEF_FIELDS >/dev/null &&
		briefs_clean && unrelated_unchanged &&
		align brief submit 2026-11-loop-$i >/dev/null &&
		briefs_clean && unrelated_unchanged || exit 1
		i=$((i + 1))
	done &&
	test "$(git rev-list --count HEAD)" -eq $((start + 20)) &&
	git ls-files -s briefs/ | cut -f2 >../index-paths &&
	git ls-tree -r --name-only HEAD briefs/ >../tree-paths &&
	test_cmp ../tree-paths ../index-paths &&
	test "$(wc -l <../index-paths)" -eq 12 &&
	test_must_fail git cat-file -e HEAD:staged.txt
'

# 2. Finding the repository and the records root.

if (cd "$TRASH_DIRECTORY" && git rev-parse --git-dir >/dev/null 2>&1); then
	test_skip 'outside a git repository, ls is fatal' \
		"the trash directory is inside a git repository"
	test_skip 'outside a git repository, init creates one and commits' \
		"the trash directory is inside a git repository"
else
	test_expect_success 'outside a git repository, ls is fatal' '
		mkdir nogit && cd nogit &&
		test_expect_code 128 align ls >../out 2>../err &&
		test_must_be_empty ../out &&
		one_error ../err &&
		test_grep "not a git repository" ../err &&
		test ! -e .git
	'

	test_expect_success 'outside a git repository, init creates one and commits' '
		mkdir fresh && cd fresh &&
		align init --name "Growth team" >../out &&
		echo "Initialized align repository ${SQ}Growth team${SQ} in $(pwd -P)" \
			>../expect &&
		test_cmp ../expect ../out &&
		test "$(git rev-parse --git-dir)" = .git &&
		test "$(git rev-list --count HEAD)" -eq 1 &&
		test -z "$(git log -1 --format=%P)" &&
		git log --format=%s >../actual &&
		echo "align: init" >../expect &&
		test_cmp ../expect ../actual &&
		git ls-tree -r --name-only HEAD >../actual &&
		printf "align.ini\nglossary.md\ntemplates/brief.md\ntemplates/decision.md\ntemplates/objective.md\ntemplates/raci.ini\ntemplates/update.md\n" >../expect &&
		test_cmp ../expect ../actual &&
		git status --porcelain --untracked-files=all >../actual &&
		test_must_be_empty ../actual &&
		git diff-files --name-only >../actual &&
		test_must_be_empty ../actual &&
		test -d briefs
	'
fi

test_expect_success 'init outside a repository uses the default branch as git init' '
	HOME=$TRASH_DIRECTORY/home-branch && export HOME && mkdir "$HOME" &&
	git config --global init.defaultBranch trunk &&
	mkdir gitinit alinit &&
	git -C gitinit init -q &&
	(cd alinit && align init >/dev/null) &&
	git -C alinit symbolic-ref HEAD >../actual &&
	git -C gitinit symbolic-ref HEAD >../expect &&
	test_cmp ../expect ../actual &&
	echo refs/heads/trunk >../expect &&
	test_cmp ../expect ../actual
'

test_expect_success 'init twice is refused and changes nothing' '
	copy_base twice && cd twice &&
	save_state &&
	test_expect_code 1 align init >../out 2>../err &&
	test_must_be_empty ../out &&
	one_error ../err &&
	test_grep "align.ini. exists already" ../err &&
	test_state_unchanged
'

test_expect_success 'a git repository without align.ini: run align init' '
	mkdir plain && cd plain &&
	git init -q -b main &&
	echo hi >README && git add README && git commit -q -m readme &&
	save_state &&
	test_expect_code 128 align ls >../out 2>../err &&
	test_must_be_empty ../out &&
	one_error ../err &&
	test_grep "run .align init." ../err &&
	test_expect_code 128 align brief new "Nope" --no-edit 2>../err &&
	one_error ../err &&
	test_grep "run .align init." ../err &&
	test_state_unchanged
'

test_expect_success 'an align.ini above the working tree is not used' '
	mkdir outer && cp base/align.ini outer/ &&
	mkdir outer/inner && cd outer/inner &&
	git init -q -b main &&
	test_expect_code 128 align ls 2>../../err &&
	one_error ../../err &&
	test_grep "run .align init." ../../err
'

test_expect_success 'align.ini is found from a subdirectory' '
	copy_base walk && mkdir -p walk/deep/er && cd walk/deep/er &&
	align ls >../../../out &&
	test_grep "^brief  *2026-11-spring-email  *draft" ../../../out &&
	cd ../../templates &&
	align brief new "From below" --no-edit >../../out &&
	echo ../briefs/2026-11-from-below.md >../../expect &&
	test_cmp ../../expect ../../out &&
	cd .. &&
	test -f briefs/2026-11-from-below.md &&
	test ! -e templates/briefs &&
	git diff-tree --no-commit-id --name-only -r HEAD >../actual &&
	echo briefs/2026-11-from-below.md >../expect &&
	test_cmp ../expect ../actual &&
	briefs_clean
'

test_expect_success '-C <dir> works as in git' '
	copy_base dashc &&
	align -C dashc ls >out &&
	test_grep "^brief  *2026-11-spring-email  *draft" out &&
	align -C dashc/briefs brief submit 2026-11-spring-email >out &&
	echo "2026-11-spring-email: draft → submitted" >expect &&
	test_cmp expect out &&
	git -C dashc log -1 --format=%s >actual &&
	echo "brief: submit 2026-11-spring-email" >expect &&
	test_cmp expect actual &&
	align -C dashc show briefs/2026-11-spring-email.md >out &&
	test_grep "submitted" out &&
	test -z "$(git -C dashc status --porcelain)" &&
	test_expect_code 128 align -C no-such-dir ls 2>err &&
	one_error err &&
	test_grep "no-such-dir" err
'

# 3. A records root inside a larger repository.

test_expect_success 'init in a subfolder of a larger repository' '
	mkdir big && cd big &&
	git init -q -b main &&
	echo top >README && git add README && git commit -q -m top &&
	mkdir marketing && cd marketing &&
	align init --name Marketing >/dev/null &&
	git diff-tree --no-commit-id --name-only -r HEAD >../../actual &&
	printf "marketing/align.ini\nmarketing/glossary.md\nmarketing/templates/brief.md\nmarketing/templates/decision.md\nmarketing/templates/objective.md\nmarketing/templates/raci.ini\nmarketing/templates/update.md\n" \
		>../../expect &&
	test_cmp ../../expect ../../actual &&
	git show HEAD:README >../../actual && echo top >../../expect &&
	test_cmp ../../expect ../../actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'subfolder root: commands from the top with -C' '
	cd big &&
	align -C marketing brief new "Launch A" --no-edit $BRIEF_FIELDS >../out &&
	echo briefs/2026-11-launch-a.md >../expect &&
	test_cmp ../expect ../out &&
	git diff-tree --no-commit-id --name-only -r HEAD >../actual &&
	echo marketing/briefs/2026-11-launch-a.md >../expect &&
	test_cmp ../expect ../actual &&
	test ! -e briefs &&
	briefs_clean marketing/ &&
	test -z "$(git status --porcelain)" &&
	test_expect_code 128 align ls 2>../err &&
	test_grep "run .align init." ../err
'

test_expect_success 'subfolder root: commands from inside the records' '
	cd big/marketing/briefs &&
	align brief submit 2026-11-launch-a >../../../out &&
	echo "2026-11-launch-a: draft → submitted" >../../../expect &&
	test_cmp ../../../expect ../../../out &&
	git diff-tree --no-commit-id --name-only -r HEAD >../../../actual &&
	echo marketing/briefs/2026-11-launch-a.md >../../../expect &&
	test_cmp ../../../expect ../../../actual &&
	git show HEAD:marketing/briefs/2026-11-launch-a.md >../../../actual &&
	test_grep "^status = submitted" ../../../actual &&
	align show 2026-11-launch-a.md >../../../out &&
	test_grep submitted ../../../out &&
	cd ../.. &&
	briefs_clean marketing/ &&
	test -z "$(git status --porcelain)" &&
	git ls-tree -r --name-only HEAD >../actual &&
	cat >../expect <<-\EOF &&
	README
	marketing/align.ini
	marketing/briefs/2026-11-launch-a.md
	marketing/glossary.md
	marketing/templates/brief.md
	marketing/templates/decision.md
	marketing/templates/objective.md
	marketing/templates/raci.ini
	marketing/templates/update.md
	EOF
	test_cmp ../expect ../actual
'

# 4. Unborn branch.

test_expect_success 'init on an unborn branch makes its first commit' '
	mkdir unborn && cd unborn &&
	git init -q -b trunk &&
	echo other >other.txt && git add other.txt &&
	echo junk >untracked.txt &&
	align init >/dev/null &&
	test "$(git symbolic-ref HEAD)" = refs/heads/trunk &&
	test "$(git rev-list --count trunk)" -eq 1 &&
	test -z "$(git log -1 --format=%P trunk)" &&
	git for-each-ref --format="%(refname)" >../actual &&
	echo refs/heads/trunk >../expect &&
	test_cmp ../expect ../actual &&
	git ls-tree -r --name-only HEAD >../actual &&
	printf "align.ini\nglossary.md\ntemplates/brief.md\ntemplates/decision.md\ntemplates/objective.md\ntemplates/raci.ini\ntemplates/update.md\n" >../expect &&
	test_cmp ../expect ../actual &&
	git status --porcelain >../actual &&
	printf "A  other.txt\n?? untracked.txt\n" >../expect &&
	test_cmp ../expect ../actual
'

# 5. Detached HEAD.

test_expect_success 'detached HEAD: the commit moves HEAD, not the branch' '
	copy_base detached && cd detached &&
	git checkout -q --detach &&
	main=$(git rev-parse main) &&
	align brief new "Detached one" --no-edit >/dev/null &&
	test "$(git rev-parse main)" = "$main" &&
	test_must_fail git symbolic-ref -q HEAD &&
	test "$(git rev-parse HEAD^)" = "$main" &&
	git diff-tree --no-commit-id --name-only -r HEAD >../actual &&
	echo briefs/2026-11-detached-one.md >../expect &&
	test_cmp ../expect ../actual &&
	test -z "$(git status --porcelain)" &&
	git reflog -1 --format=%gs HEAD >../actual &&
	echo "commit: brief: new 2026-11-detached-one" >../expect &&
	test_cmp ../expect ../actual
'

# 6. Shallow clone.

test_expect_success 'shallow clone: ls, show, check and submit work' '
	copy_base deep && git -C deep commit -q --allow-empty -m later &&
	git clone -q --depth 1 "file://$(pwd -P)/deep" shallow &&
	cd shallow &&
	test "$(git rev-parse --is-shallow-repository)" = true &&
	tip=$(git rev-parse HEAD) &&
	align ls >../out &&
	test_grep "^brief  *2026-11-spring-email  *draft" ../out &&
	align show 2026-11-spring-email >../out &&
	test_grep "Spring email" ../out &&
	align check &&
	align brief submit 2026-11-spring-email >../out &&
	echo "2026-11-spring-email: draft → submitted" >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD^)" = "$tip" &&
	git log -1 --format=%s >../actual &&
	echo "brief: submit 2026-11-spring-email" >../expect &&
	test_cmp ../expect ../actual &&
	test "$(git rev-parse --is-shallow-repository)" = true &&
	test -z "$(git status --porcelain)" &&
	git fsck --no-dangling
'

# 7. Ownership (safe.directory).

OWNED=
if [ "$(id -u)" -eq 0 ] && mkdir "$TRASH_DIRECTORY/own-probe" &&
	chown nobody "$TRASH_DIRECTORY/own-probe" 2>/dev/null &&
	[ "$(stat -c %U "$TRASH_DIRECTORY/own-probe")" = nobody ]; then
	OWNED=yes
fi
rm -rf "$TRASH_DIRECTORY/own-probe"

# git itself refuses the repository too; let it in for the fingerprint.
owned_state() {
	(GIT_CONFIG_PARAMETERS="'safe.directory'='*'" &&
	export GIT_CONFIG_PARAMETERS && "$@")
}

if [ -n "$OWNED" ]; then
	test_expect_success 'owned by another user: one line naming safe.directory' '
		HOME=$TRASH_DIRECTORY/home-own && export HOME && mkdir "$HOME" &&
		copy_base owned && chown -R nobody owned && cd owned &&
		owned_state save_state &&
		test_expect_code 128 align ls >../out 2>../err &&
		test_must_be_empty ../out &&
		one_error ../err &&
		test_grep "safe.directory" ../err &&
		test_expect_code 128 align -C briefs ls 2>../err &&
		one_error ../err &&
		test_grep "safe.directory" ../err &&
		test_expect_code 128 align brief new "Owned" --no-edit 2>../err &&
		one_error ../err &&
		test_grep "safe.directory" ../err &&
		owned_state test_state_unchanged
	'

	test_expect_success 'owned by another user: safe.directory = * is honoured' '
		HOME=$TRASH_DIRECTORY/home-own && export HOME &&
		cd owned &&
		git config --global --add safe.directory "*" &&
		align ls >../out &&
		test_grep "^brief  *2026-11-spring-email" ../out &&
		align brief new "Owned" --no-edit >/dev/null &&
		git log -1 --format=%s >../actual &&
		echo "brief: new 2026-11-owned" >../expect &&
		test_cmp ../expect ../actual &&
		test -z "$(git status --porcelain)" &&
		git config --global --add safe.directory "" &&
		test_expect_code 128 align ls 2>../err &&
		test_grep "safe.directory" ../err &&
		git config --global --unset-all safe.directory
	'

	test_expect_success 'owned by another user: the exact path is honoured' '
		HOME=$TRASH_DIRECTORY/home-own && export HOME &&
		cd owned &&
		test_must_fail git config --global --get-all safe.directory &&
		test_expect_code 128 align ls 2>../err &&
		git config --global --add safe.directory "$(pwd -P)" &&
		align ls >../out &&
		test_grep "^brief  *2026-11-owned" ../out &&
		align brief submit 2026-11-spring-email >/dev/null &&
		git log -1 --format=%s >../actual &&
		echo "brief: submit 2026-11-spring-email" >../expect &&
		test_cmp ../expect ../actual &&
		test -z "$(git status --porcelain)"
	'
else
	for t in 'one line naming safe.directory' 'safe.directory = * is honoured' \
		'the exact path is honoured'; do
		test_skip "owned by another user: $t" \
			"needs root and a working chown"
	done
fi

# 8. Locks left behind by a crashed git.

test_expect_success 'a stale index.lock: refused, named with its age, kept' '
	copy_base ilock && cd ilock &&
	touch -d "@$(($(date +%s) - 3600))" .git/index.lock &&
	save_state &&
	test_expect_code 128 align brief new "Locked" --no-edit \
		>../out 2>../err &&
	test_must_be_empty ../out &&
	one_error ../err &&
	test_grep "$(pwd -P)/.git/index.lock" ../err &&
	test_grep "index.lock. exists (36[0-9][0-9] seconds old)" ../err &&
	test_grep "if none is, remove the file" ../err &&
	test_state_unchanged &&
	test -f .git/index.lock &&
	test_expect_code 128 align brief submit 2026-11-spring-email 2>../err &&
	one_error ../err &&
	test_grep "index.lock" ../err &&
	test_state_unchanged &&
	test -f .git/index.lock
'

test_expect_success 'a stale branch lock: refused, named with its age, kept' '
	copy_base rlock && cd rlock &&
	touch -d "@$(($(date +%s) - 3600))" .git/refs/heads/main.lock &&
	save_state &&
	test_expect_code 128 align brief new "Locked" --no-edit \
		>../out 2>../err &&
	test_must_be_empty ../out &&
	one_error ../err &&
	test_grep "$(pwd -P)/.git/refs/heads/main.lock" ../err &&
	test_grep "main.lock. exists (36[0-9][0-9] seconds old)" ../err &&
	test_grep "if none is, remove the file" ../err &&
	test_state_unchanged &&
	test -f .git/refs/heads/main.lock &&
	test_expect_code 128 align brief submit 2026-11-spring-email 2>../err &&
	one_error ../err &&
	test_grep "main.lock" ../err &&
	test_state_unchanged &&
	test -f .git/refs/heads/main.lock
'

# 9. Identity and dates.

if env -u GIT_CONFIG_NOSYSTEM git config --system --get user.name >/dev/null 2>&1
then
	test_skip 'no identity: refused before anything is written' \
		"the system git config sets user.name"
	test_skip 'no identity and no repository: init creates nothing' \
		"the system git config sets user.name"
else
	test_expect_success 'no identity: refused before anything is written' '
		copy_base noid && cd noid &&
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
			GIT_COMMITTER_EMAIL EMAIL &&
		save_state &&
		test_expect_code 128 align brief new "Nobody" --no-edit \
			>../out 2>../err &&
		test_must_be_empty ../out &&
		one_error ../err &&
		test_grep "user.name" ../err &&
		test_grep "user.email" ../err &&
		test_state_unchanged &&
		test_expect_code 128 align brief submit 2026-11-spring-email \
			2>../err &&
		one_error ../err &&
		test_grep "user.name" ../err &&
		test_state_unchanged
	'

	test_expect_success 'no identity and no repository: init creates nothing' '
		mkdir noid-init && cd noid-init &&
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
			GIT_COMMITTER_EMAIL EMAIL &&
		test_expect_code 128 align init 2>../err &&
		one_error ../err &&
		test_grep "user.name" ../err &&
		ls -A >../actual &&
		test_must_be_empty ../actual
	'
fi

test_expect_success 'identity from git config and EMAIL, as git does' '
	copy_base cfgid && cd cfgid &&
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
		GIT_COMMITTER_EMAIL EMAIL &&
	git config user.name "Dana Config" &&
	env EMAIL=dana@env.example "$ALIGN_BIN" brief new "Configured" \
		--no-edit >/dev/null &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../actual &&
	echo "Dana Config <dana@env.example>|Dana Config <dana@env.example>" \
		>../expect &&
	test_cmp ../expect ../actual
'

test_expect_success 'GIT_AUTHOR_DATE and GIT_COMMITTER_DATE are honoured' '
	copy_base dates && cd dates &&
	env GIT_AUTHOR_DATE="2025-03-04T05:06:07+02:00" \
		GIT_COMMITTER_DATE="2025-03-05T00:00:00Z" \
		"$ALIGN_BIN" brief new "Iso dates" --no-edit $BRIEF_FIELDS \
		>/dev/null &&
	git log -1 --format="%aI %cI" >../actual &&
	echo "2025-03-04T05:06:07+02:00 2025-03-05T00:00:00+00:00" >../expect &&
	test_cmp ../expect ../actual &&
	env GIT_AUTHOR_DATE="@1700000000 +0000" \
		GIT_COMMITTER_DATE="@1700000100 +0000" \
		"$ALIGN_BIN" brief submit 2026-11-iso-dates >/dev/null &&
	git log -1 --format="%aI %cI" >../actual &&
	echo "2023-11-14T22:13:20+00:00 2023-11-14T22:15:00+00:00" >../expect &&
	test_cmp ../expect ../actual
'

test_expect_success 'dates in every format git reads give git'"'"'s result' '
	copy_base dates2 && cd dates2 &&
	n=0 &&
	for d in "Thu, 07 Apr 2005 22:13:13 +0200" "2005-04-07 22:13:13 +0200" \
		"2005-04-07T22:13:13" "1700000000 +0100" "@1700000000"; do
		n=$((n + 1)) &&
		env GIT_AUTHOR_DATE="$d" "$ALIGN_BIN" brief new "Date $n" \
			--no-edit >/dev/null &&
		git log -1 --format=%aI >../actual &&
		env GIT_AUTHOR_DATE="$d" git commit -q --allow-empty -m "date $n" &&
		git log -1 --format=%aI >../expect &&
		test_cmp ../expect ../actual || exit 1
	done
'

test_expect_success 'a garbage date: refused before anything is written' '
	copy_base baddate && cd baddate &&
	save_state &&
	test_expect_code 128 env GIT_AUTHOR_DATE=garbage \
		"$ALIGN_BIN" brief new "Garbage" --no-edit >../out 2>../err &&
	test_must_be_empty ../out &&
	one_error ../err &&
	test_grep "GIT_AUTHOR_DATE" ../err &&
	test_grep "garbage" ../err &&
	test_state_unchanged &&
	test_expect_code 128 env GIT_COMMITTER_DATE="2026-13-45" \
		"$ALIGN_BIN" brief submit 2026-11-spring-email 2>../err &&
	one_error ../err &&
	test_grep "GIT_COMMITTER_DATE" ../err &&
	test_state_unchanged
'

# 10. Line endings.

test_expect_success 'core.autocrlf=true: LF blobs, clean status' '
	copy_base autocrlf && cd autocrlf &&
	git config core.autocrlf true &&
	align brief new "Crlf one" --no-edit $BRIEF_FIELDS >/dev/null &&
	f=briefs/2026-11-crlf-one.md &&
	git show HEAD:$f >../blob &&
	test "$(count_cr ../blob)" -eq 0 &&
	test -z "$(git status --porcelain)" &&
	rm $f && git checkout -- $f &&
	test "$(count_cr $f)" -eq "$(count_lines $f)" &&
	align brief submit 2026-11-crlf-one >/dev/null &&
	test "$(count_cr $f)" -eq "$(count_lines $f)" &&
	git show HEAD:$f >../blob &&
	test "$(count_cr ../blob)" -eq 0 &&
	git diff HEAD^ HEAD -- $f | grep "^[-+][^-+]" >../actual &&
	printf "%s\n" "-status = draft" "+status = submitted" >../expect &&
	test_cmp ../expect ../actual &&
	briefs_clean &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'eol=crlf: align keeps CRLF in the tree, LF in the blob' '
	copy_base eolcrlf && cd eolcrlf &&
	echo "*.md text eol=crlf" >.gitattributes &&
	git add .gitattributes && git commit -q -m attributes &&
	f=briefs/2026-11-spring-email.md &&
	rm $f && git checkout -- $f &&
	test "$(count_cr $f)" -eq "$(count_lines $f)" &&
	test "$(count_lines $f)" -gt 10 &&
	tr -d "\r" <$f | sed "s/^status = draft\$/status = submitted/" \
		>../expect-lf &&
	align brief submit 2026-11-spring-email >/dev/null &&
	test "$(count_cr $f)" -eq "$(count_lines $f)" &&
	tr -d "\r" <$f >../actual-lf &&
	test_cmp ../expect-lf ../actual-lf &&
	git show HEAD:$f >../blob &&
	test_cmp ../expect-lf ../blob &&
	briefs_clean &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'eol=crlf: a new brief is written as git checks it out' '
	cd eolcrlf &&
	align brief new "Crlf new" --no-edit >/dev/null &&
	g=briefs/2026-11-crlf-new.md &&
	git show HEAD:$g >../blob &&
	test "$(count_cr ../blob)" -eq 0 &&
	briefs_clean &&
	test -z "$(git status --porcelain)" &&
	cp $g ../written &&
	rm $g && git checkout -- $g &&
	test "$(count_cr $g)" -eq "$(count_lines $g)" &&
	test_cmp $g ../written
'

test_expect_success 'a CRLF record written by hand is edited surgically' '
	copy_base handcrlf && cd handcrlf &&
	f=briefs/2026-11-hand-written.md &&
	cat >../hand-lf <<-\EOF &&
	# Hand written

	```ini
	[brief]
	id = 2026-11-hand-written
	status = draft
	type = email
	owner = maya
	accountable = dana
	due = 2026-12-10
	created = 2026-11-02
	```

	## Why are we doing this?

	Because  the  spacing   stays.
	EOF
	sed "s/\$/$CR/" ../hand-lf >$f &&
	git add $f && git commit -q -m "hand written" &&
	sed "s/\$/$CR/" ../hand-lf |
		sed "s/^status = draft$CR\$/status = submitted$CR/" >../expect &&
	! cmp -s ../expect $f &&
	align brief submit 2026-11-hand-written >/dev/null &&
	cmp ../expect $f &&
	git show HEAD:$f >../blob &&
	cmp ../expect ../blob &&
	briefs_clean &&
	test -z "$(git status --porcelain)"
'

# 11. A read-only working tree.

RO=
if [ "$(id -u)" -eq 0 ] && mkdir "$TRASH_DIRECTORY/ro-probe" &&
	mount --bind "$TRASH_DIRECTORY/ro-probe" "$TRASH_DIRECTORY/ro-probe" \
		2>/dev/null; then
	if mount -o remount,ro,bind "$TRASH_DIRECTORY/ro-probe" 2>/dev/null &&
		! touch "$TRASH_DIRECTORY/ro-probe/x" 2>/dev/null; then
		RO=mount
	fi
	umount "$TRASH_DIRECTORY/ro-probe"
fi
if [ -z "$RO" ] && [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	chmod 755 "$TRASH_DIRECTORY" &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$ALIGN_BIN" --version >/dev/null 2>&1; then
	RO=setpriv
fi
rmdir "$TRASH_DIRECTORY/ro-probe" 2>/dev/null

ro_refused() {
	test_expect_code 128 $1 "$ALIGN_BIN" brief new "Read only" --no-edit \
		>../out 2>../err &&
	test_must_be_empty ../out &&
	one_error ../err &&
	test_grep "briefs/2026-11-read-only.md" ../err &&
	test_grep "$2" ../err &&
	test_expect_code 128 $1 "$ALIGN_BIN" brief submit 2026-11-spring-email \
		>../out 2>../err &&
	one_error ../err &&
	test_grep "briefs/2026-11-spring-email.md" ../err &&
	test_grep "$2" ../err
}

case $RO in
mount)
	test_expect_success 'read-only records folder: refused, file named, nothing changed' '
		copy_base ro && cd ro &&
		save_state &&
		mount --bind briefs briefs &&
		{
			mount -o remount,ro,bind briefs &&
			ro_refused "" "Read-only file system"
			ret=$?
			umount briefs
			test $ret -eq 0
		} &&
		test_state_unchanged &&
		git log -1 --format=%s >../actual &&
		echo "brief: new 2026-11-spring-email" >../expect &&
		test_cmp ../expect ../actual
	'

	test_expect_success 'read-only repository: reading works, writing is refused' '
		mkdir rofs && mount -t tmpfs tmpfs rofs &&
		{
			cp -R base/. rofs/ &&
			mount -o remount,ro rofs &&
			(
				cd rofs &&
				align ls >../out &&
				test_grep "^brief  *2026-11-spring-email" ../out &&
				align show 2026-11-spring-email >../out &&
				align check &&
				save_state &&
				test_expect_code 128 align brief submit \
					2026-11-spring-email 2>../err &&
				one_error ../err &&
				test_grep "Read-only file system" ../err &&
				test_state_unchanged
			)
			ret=$?
			umount rofs
			test $ret -eq 0
		}
	'
	;;
setpriv)
	test_expect_success 'read-only records folder: refused, file named, nothing changed' '
		copy_base ro && chown -R nobody:nogroup ro && chmod a-w ro/briefs &&
		cd ro &&
		owned_state save_state &&
		ro_refused "setpriv --reuid=nobody --regid=nogroup --clear-groups" \
			"Permission denied" &&
		owned_state test_state_unchanged
	'
	;;
*)
	test_skip 'read-only records folder: refused, file named, nothing changed' \
		"needs root for a read-only mount or setpriv"
	;;
esac

# 12. Concurrent writers.

test_expect_success 'four concurrent align writers: none lost' '
	copy_base conc && cd conc &&
	for i in 1 2 3 4; do
		{
			align brief new "Brief $i" --no-edit >../conc.out$i \
				2>../conc.err$i
			echo $? >../conc.rc$i
		} &
	done &&
	wait &&
	for i in 1 2 3 4; do
		echo 0 >../expect &&
		test_cmp ../expect ../conc.rc$i &&
		test_must_be_empty ../conc.err$i &&
		test "$(git log --format=%H -F --grep="brief: new 2026-11-brief-$i" |
			wc -l)" -eq 1 &&
		c=$(git log --format=%H -F --grep="brief: new 2026-11-brief-$i") &&
		git diff-tree --no-commit-id --name-only -r $c >../actual &&
		echo briefs/2026-11-brief-$i.md >../expect &&
		test_cmp ../expect ../actual &&
		git cat-file -e HEAD:briefs/2026-11-brief-$i.md || exit 1
	done &&
	test "$(git rev-list --count HEAD)" -eq 6 &&
	git fsck --no-dangling >../out 2>&1 &&
	test_must_be_empty ../out &&
	briefs_clean &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'align writers racing git commit loops: none lost' '
	copy_base race && cd race &&
	rm -f ../race.stop &&
	for j in 1 2; do
		{
			n=0
			while [ ! -f ../race.stop ]; do
				git commit -q --allow-empty -m "noise $j $n" \
					>/dev/null 2>&1
				n=$((n + 1))
			done
		} &
	done &&
	r=1 &&
	while [ $r -le 5 ]; do
		pids= &&
		for i in 1 2 3 4; do
			{
				align brief new "Round $r brief $i" --no-edit \
					>/dev/null 2>../race.err$r$i
				echo $? >../race.rc$r$i
			} &
			pids="$pids $!"
		done &&
		wait $pids || :
		r=$((r + 1))
	done
	touch ../race.stop &&
	wait &&
	cat ../race.err* >../errs &&
	test_must_be_empty ../errs &&
	cat ../race.rc* | sort -u >../actual &&
	echo 0 >../expect &&
	test_cmp ../expect ../actual &&
	test "$(git log --format=%s | grep -c "^noise")" -gt 0 &&
	for r in 1 2 3 4 5; do
		for i in 1 2 3 4; do
			id=2026-11-round-$r-brief-$i &&
			c=$(git log --format=%H -F --grep="brief: new $id") &&
			test "$(echo "$c" | wc -w)" -eq 1 &&
			git diff-tree --no-commit-id --name-only -r $c >../actual &&
			echo briefs/$id.md >../expect &&
			test_cmp ../expect ../actual || exit 1
		done
	done &&
	git fsck --no-dangling >../out 2>&1 &&
	test_must_be_empty ../out
'
# Not asserted above: that HEAD still holds every brief. git commit reads
# the index before it takes index.lock, so a commit loop can write back an
# index from before align's commit and commit a tree without the brief;
# git gives no such guarantee among its own concurrent commits either.
# Among align writers (test above) nothing is ever lost.

# 13. Changes made by others are never overwritten.

test_expect_success 'sequential status changes each appear once in history' '
	copy_base seq && cd seq &&
	f=briefs/2026-11-partner-webinar.md &&
	write_answered_brief $f &&
	git add $f && git commit -q -m "partner webinar" &&
	align brief submit 2026-11-partner-webinar >/dev/null &&
	save_state &&
	test_expect_code 1 align brief submit 2026-11-partner-webinar \
		2>../err &&
	one_error ../err &&
	test_state_unchanged &&
	align brief reopen 2026-11-partner-webinar >/dev/null &&
	align brief submit 2026-11-partner-webinar >/dev/null &&
	align brief approve 2026-11-partner-webinar >/dev/null &&
	git log --format=%s -4 >../actual &&
	cat >../expect <<-\EOF &&
	brief: approve 2026-11-partner-webinar
	brief: submit 2026-11-partner-webinar
	brief: reopen 2026-11-partner-webinar
	brief: submit 2026-11-partner-webinar
	EOF
	test_cmp ../expect ../actual &&
	git log -p --format= -- $f | grep "^[-+]status" >../actual &&
	cat >../expect <<-\EOF &&
	-status = submitted
	+status = approved
	-status = draft
	+status = submitted
	-status = submitted
	+status = draft
	-status = draft
	+status = submitted
	+status = draft
	EOF
	test_cmp ../expect ../actual &&
	test "$(git log --format=%H -- $f | wc -l)" -eq 5 &&
	briefs_clean &&
	test -z "$(git status --porcelain)"
'

# An "editor" that commits behind align's back while align waits for it.
if command -v script >/dev/null 2>&1 &&
	script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	HAVE_SCRIPT=yes
else
	HAVE_SCRIPT=
fi

# in_terminal <command line>: runs it on a pseudo-terminal (align only
# opens the editor on one).
in_terminal() {
	TERM=xterm script -qec "$1" /dev/null </dev/null
}

if [ -n "$HAVE_SCRIPT" ]; then
	test_expect_success 'a brief committed by someone else meanwhile is not overwritten' '
		copy_base clash && cd clash &&
		cat >../clash-editor <<-\EOF &&
		#!/bin/sh
		printf "theirs\n" >briefs/2026-11-clash.md &&
		git add briefs/2026-11-clash.md &&
		git commit -q -m "someone else"
		EOF
		chmod +x ../clash-editor &&
		ALIGN_EDITOR=$(pwd -P)/../clash-editor &&
		export ALIGN_EDITOR &&
		test_expect_code 1 in_terminal \
			"\"$ALIGN_BIN\" brief new Clash" >../out 2>&1 &&
		test_grep "align: error: .briefs/2026-11-clash.md. was changed by another commit meanwhile" \
			../out &&
		git log -1 --format=%s >../actual &&
		echo "someone else" >../expect &&
		test_cmp ../expect ../actual &&
		printf "theirs\n" >../expect &&
		test_cmp ../expect briefs/2026-11-clash.md &&
		git show HEAD:briefs/2026-11-clash.md >../actual &&
		test_cmp ../expect ../actual &&
		test ! -e .git/ALIGN_EDIT.md &&
		test -z "$(git status --porcelain --untracked-files=all)"
	'

	test_expect_success 'an unrelated commit meanwhile is kept, align commits on top' '
		copy_base meanwhile && cd meanwhile &&
		cat >../other-editor <<-\EOF &&
		#!/bin/sh
		echo other >other.txt &&
		git add other.txt &&
		git commit -q -m "someone else"
		EOF
		chmod +x ../other-editor &&
		ALIGN_EDITOR=$(pwd -P)/../other-editor &&
		export ALIGN_EDITOR &&
		in_terminal "\"$ALIGN_BIN\" brief new Meanwhile" >../out 2>&1 &&
		git log -2 --format=%s >../actual &&
		printf "%s\n" "brief: new 2026-11-meanwhile" "someone else" \
			>../expect &&
		test_cmp ../expect ../actual &&
		git diff-tree --no-commit-id --name-only -r HEAD >../actual &&
		echo briefs/2026-11-meanwhile.md >../expect &&
		test_cmp ../expect ../actual &&
		git cat-file -e HEAD:other.txt &&
		briefs_clean &&
		test -z "$(git status --porcelain --untracked-files=all)"
	'
else
	test_skip 'a brief committed by someone else meanwhile is not overwritten' \
		"needs script(1) for a terminal"
	test_skip 'an unrelated commit meanwhile is kept, align commits on top' \
		"needs script(1) for a terminal"
fi

test_done
