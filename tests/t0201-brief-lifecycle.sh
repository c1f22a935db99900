#!/bin/sh
# The brief lifecycle: draft -> submitted -> approved -> live -> completed,
# one commit per step containing only the brief, while unrelated staged and
# unstaged work survives every step.
. "$(dirname "$0")/lib.sh"

brief=briefs/2026-11-partner-webinar.md

test_expect_success 'setup: repository with unrelated work in progress' '
	setup_align_repo &&
	write_roster &&
	git add people.ini &&
	git commit -q -m roster &&
	echo "draft copy" >notes.txt &&
	git add notes.txt &&
	echo "; local edit" >>align.ini &&
	git diff >../unstaged.before &&
	git diff --cached >../staged.before
'

test_expect_success 'brief new creates a draft in one commit' '
	align brief new "Partner webinar" --type webinar --owner maya \
		--accountable dana --due 2026-12-10 >out &&
	echo "$brief" >expect &&
	test_cmp expect out &&
	git log -1 --format=%s >subject &&
	echo "brief: new 2026-11-partner-webinar" >expect &&
	test_cmp expect subject &&
	git show --name-only --format= HEAD >files &&
	echo "$brief" >expect &&
	test_cmp expect files
'

test_expect_success 'unrelated staged and unstaged work is untouched' '
	git diff >../unstaged.after &&
	git diff --cached >../staged.after &&
	test_cmp ../unstaged.before ../unstaged.after &&
	test_cmp ../staged.before ../staged.after
'

test_expect_success 'approve is refused while the six questions are open' '
	align brief submit 2026-11-partner >out &&
	echo "2026-11-partner-webinar: draft → submitted" >expect &&
	test_cmp expect out &&
	save_state &&
	test_expect_code 1 align brief approve 2026-11-partner 2>err &&
	cat >expect <<-\EOF &&
	align: error: cannot approve brief '"'"'2026-11-partner-webinar'"'"': unanswered questions: why are we doing this, who is it for, what is the offer, what systems are involved, what is the deadline, how will success be measured
	EOF
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'one unanswered question is named' '
	write_answered_brief "$brief" &&
	sed -i "s/^status = draft/status = submitted/" "$brief" &&
	sed -i "/^Partner marketing managers/d" "$brief" &&
	git commit -q -m "answer the questions" -- "$brief" &&
	save_state &&
	test_expect_code 1 align brief approve 2026-11-partner-webinar 2>err &&
	test_grep "unanswered questions: who is it for$" err &&
	test_state_unchanged
'

test_expect_success 'approve, launch and complete, one commit each' '
	write_answered_brief "$brief" &&
	sed -i "s/^status = draft/status = submitted/" "$brief" &&
	git commit -q -m "answer who it is for" -- "$brief" &&
	align brief approve 2026-11-partner-webinar -m "Budget signed off." &&
	align brief launch "$brief" &&
	(cd briefs && align brief complete 2026-11-partner-webinar.md) &&
	git log -3 --format=%s >subjects &&
	cat >expect <<-\EOF &&
	brief: complete 2026-11-partner-webinar
	brief: launch 2026-11-partner-webinar
	brief: approve 2026-11-partner-webinar
	EOF
	test_cmp expect subjects &&
	for rev in HEAD HEAD~1 HEAD~2; do
		git show --name-only --format= $rev >files &&
		echo "$brief" >expect &&
		test_cmp expect files || return 1
	done &&
	grep "^status = completed$" "$brief"
'

test_expect_success 'the five align commits each contain only the brief' '
	git log --format=%s --grep="^brief: " >subjects &&
	cat >expect <<-\EOF &&
	brief: complete 2026-11-partner-webinar
	brief: launch 2026-11-partner-webinar
	brief: approve 2026-11-partner-webinar
	brief: submit 2026-11-partner-webinar
	brief: new 2026-11-partner-webinar
	EOF
	test_cmp expect subjects &&
	for c in $(git log --format=%H --grep="^brief: "); do
		git show --name-only --format= $c >files &&
		echo "$brief" >expect &&
		test_cmp expect files || return 1
	done
'

test_expect_success 'commit message carries the note and the trailer' '
	git log -1 --format=%B HEAD~2 >msg &&
	cat >expect <<-\EOF &&
	brief: approve 2026-11-partner-webinar

	Budget signed off.

	Align-Record: briefs/2026-11-partner-webinar.md

	EOF
	test_cmp expect msg &&
	git log -1 --format="%(trailers:key=Align-Record,valueonly)" >trailer &&
	printf "%s\n\n" "$brief" >expect &&
	test_cmp expect trailer
'

test_expect_success 'only the status line changed in each step' '
	git diff HEAD~1 HEAD -- "$brief" | grep "^[-+][^-+]" >changed &&
	cat >expect <<-\EOF &&
	-status = live
	+status = completed
	EOF
	test_cmp expect changed
'

test_expect_success 'the unrelated work survived every step' '
	git diff >../unstaged.after &&
	git diff --cached >../staged.after &&
	test_cmp ../unstaged.before ../unstaged.after &&
	test_cmp ../staged.before ../staged.after &&
	git status --porcelain --untracked-files=no >status &&
	cat >expect <<-\EOF &&
	 M align.ini
	A  notes.txt
	EOF
	test_cmp expect status
'

test_expect_success 'ls, show and check see the completed brief' '
	align ls >out &&
	cat >expect <<-\EOF &&
	brief  2026-11-partner-webinar  completed  maya  2026-12-10  Partner webinar
	EOF
	test_cmp expect out &&
	align show 2026-11-partner-webinar >show &&
	head -n 2 show >head &&
	cat >expect <<-\EOF &&
	Partner webinar
	brief 2026-11-partner-webinar (briefs/2026-11-partner-webinar.md)
	EOF
	test_cmp expect head &&
	align check >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'completed is final: every move is refused' '
	save_state &&
	for verb in submit approve launch complete cancel reopen; do
		test_expect_code 1 align brief $verb 2026-11-partner-webinar \
			2>err || return 1
		echo "align: error: cannot $verb brief '"'"'2026-11-partner-webinar'"'"': it is completed; from completed it can: nothing (it is final)" >expect &&
		test_cmp expect err || return 1
	done &&
	test_state_unchanged
'

test_expect_success 'illegal transition lists the legal ones' '
	align brief new "Spring email" --no-edit >/dev/null &&
	save_state &&
	test_expect_code 1 align brief launch spring 2>err &&
	test_must_fail align brief launch 2026-11-spring-email 2>err &&
	echo "align: error: cannot launch brief '"'"'2026-11-spring-email'"'"': it is draft; from draft it can: submit, cancel" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'submit needs owner, accountable and due' '
	save_state &&
	test_expect_code 1 align brief submit 2026-11-spring-email 2>err &&
	echo "align: error: cannot submit brief '"'"'2026-11-spring-email'"'"': set owner, accountable, due first" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'cancel and reopen' '
	align brief cancel 2026-11-spring >out &&
	echo "2026-11-spring-email: draft → cancelled" >expect &&
	test_cmp expect out &&
	align brief reopen 2026-11-spring >out &&
	echo "2026-11-spring-email: cancelled → draft" >expect &&
	test_cmp expect out &&
	git log -2 --format=%s >subjects &&
	cat >expect <<-\EOF &&
	brief: reopen 2026-11-spring-email
	brief: cancel 2026-11-spring-email
	EOF
	test_cmp expect subjects
'

test_expect_success 'ambiguous prefix lists the candidates' '
	save_state &&
	test_expect_code 1 align brief cancel 2026-11 2>err &&
	echo "align: error: '"'"'2026-11'"'"' is ambiguous: it could be 2026-11-partner-webinar, 2026-11-spring-email" >expect &&
	test_cmp expect err &&
	test_state_unchanged
'

test_expect_success 'unknown brief and unknown action' '
	save_state &&
	test_expect_code 1 align brief submit nosuch 2>err &&
	echo "align: error: no brief '"'"'nosuch'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align brief sumbit 2026-11-spring 2>err &&
	echo "align: error: unknown brief action '"'"'sumbit'"'"' (did you mean '"'"'submit'"'"'?)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align brief submit 2>err &&
	test_expect_code 129 align brief submit a b 2>err &&
	test_state_unchanged
'

test_expect_success '--no-commit changes the file and commits nothing' '
	head=$(git rev-parse HEAD) &&
	align brief cancel 2026-11-spring --no-commit &&
	test "$(git rev-parse HEAD)" = "$head" &&
	grep "^status = cancelled$" briefs/2026-11-spring-email.md &&
	git status --porcelain -- briefs >status &&
	echo " M briefs/2026-11-spring-email.md" >expect &&
	test_cmp expect status
'

test_expect_success 'a hand-edited working copy is committed as it is' '
	git checkout -q -- briefs &&
	sed -i "s/^owner =$/owner = lee/" briefs/2026-11-spring-email.md &&
	align brief cancel 2026-11-spring &&
	git show HEAD:briefs/2026-11-spring-email.md >committed &&
	grep "^owner = lee$" committed &&
	grep "^status = cancelled$" committed &&
	git status --porcelain -- briefs >status &&
	test_must_be_empty status
'

test_expect_success 'answers written below the template count' '
	align brief new "Case studies" --owner lee --accountable dana \
		--due 2026-12-20 --no-edit >/dev/null &&
	f=briefs/2026-11-case-studies.md &&
	sed -n "/^## Why/,\$p" briefs/2026-11-partner-webinar.md >>"$f" &&
	git commit -q -m "answer below the prompts" -- "$f" &&
	align brief submit 2026-11-case >/dev/null &&
	align brief approve 2026-11-case >out &&
	echo "2026-11-case-studies: submitted → approved" >expect &&
	test_cmp expect out
'

test_expect_success 'check flags an approved brief whose answer was removed' '
	f=briefs/2026-11-partner-webinar.md &&
	sed -i "/^300 registrations/d" "$f" &&
	test_expect_code 1 align check >out 2>/dev/null &&
	echo "$f:1: error: completed brief has unanswered questions: how will success be measured" >expect &&
	test_cmp expect out &&
	git checkout -q -- "$f"
'

test_done
