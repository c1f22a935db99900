#!/bin/sh
# Record references: an id, a unique prefix, a path, or a unique match on
# the words after the id's date part; ambiguous ones list the candidates.
. "$(dirname "$0")/lib.sh"

test_expect_success "the README's brief commands, verbatim" '
	mkdir readme && cd readme &&
	EDITOR="sh $TRASH_DIRECTORY/answer.sh" &&
	cat >"$TRASH_DIRECTORY/answer.sh" <<-EOF &&
	#!/bin/sh
	cp "$TRASH_DIRECTORY/answered.md" "\$1"
	EOF
	(cd "$TRASH_DIRECTORY" && write_answered_brief answered.md) &&
	git init -q growth && cd growth &&
	align init --name "Growth team" &&
	align brief new "Partner webinar" --owner maya --accountable dana --due 2026-12-10 &&
	$EDITOR briefs/2026-11-partner-webinar.md &&  # answer the six questions
	git commit -am "Answer the webinar brief'"'"'s questions" &&
	align brief submit partner &&       # an id, a unique id prefix, or a path
	align brief approve partner -m "Budget signed off" &&
	align brief launch partner &&
	align brief complete partner &&
	align ls --format json >ls.json &&
	align show partner >show.out &&
	align check --format github &&       # annotations in a CI job
	grep "^status = completed$" briefs/2026-11-partner-webinar.md &&
	sed -n 2p show.out >actual &&
	echo "brief 2026-11-partner-webinar (briefs/2026-11-partner-webinar.md)" >expect &&
	test_cmp expect actual &&
	git log --format=%s >log &&
	test_grep "brief: complete 2026-11-partner-webinar" log
'

test_expect_success 'setup: briefs whose words overlap' '
	setup_align_repo &&
	align brief new "Partner webinar" >/dev/null &&
	align brief new "Partner newsletter" >/dev/null &&
	align brief new "Paid social" >/dev/null &&
	git add -A && git commit -qm briefs
'

test_expect_success 'a reference by words, whole or cut short' '
	for ref in webinar partner-web partner-webinar 2026-11-partner-w \
		2026-11-partner-webinar briefs/2026-11-partner-webinar.md
	do
		align show "$ref" >out &&
		sed -n 2p out >actual &&
		echo "brief 2026-11-partner-webinar (briefs/2026-11-partner-webinar.md)" >expect &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'an ambiguous reference lists the candidates, exit 1' '
	test_expect_code 1 align show partner 2>err &&
	echo "align: error: '"'"'partner'"'"' is ambiguous: it could be 2026-11-partner-newsletter, 2026-11-partner-webinar" >expect &&
	test_cmp expect err
'

test_expect_success 'an ambiguous reference changes nothing' '
	save_state &&
	test_expect_code 1 align brief submit partner 2>err &&
	test_grep "is ambiguous: it could be" err &&
	test_state_unchanged
'

test_expect_success 'a prefix of the id wins over a match on words' '
	align brief new "Social plan" --id social-plan >/dev/null &&
	align show social >out &&
	sed -n 2p out >actual &&
	echo "brief social-plan (briefs/social-plan.md)" >expect &&
	test_cmp expect actual
'

test_expect_success 'no match: the usual error' '
	test_expect_code 1 align show nothing-like-it 2>err &&
	echo "align: error: no record '"'"'nothing-like-it'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'a record whose id is not its file name is still found' '
	sed "s/^id = 2026-11-paid-social$/id = 2026-11-paid-ads/" \
		briefs/2026-11-paid-social.md >briefs/renamed.md &&
	rm briefs/2026-11-paid-social.md &&
	align show ads >out &&
	sed -n 2p out >actual &&
	echo "brief 2026-11-paid-ads (briefs/renamed.md)" >expect &&
	test_cmp expect actual &&
	align show 2026-11-paid-ads >out &&
	sed -n 2p out >actual &&
	test_cmp expect actual
'

test_expect_success 'a file named like the reference but holding another id' '
	sed "s/^id = 2026-11-partner-newsletter$/id = 2026-11-news/" \
		briefs/2026-11-partner-newsletter.md >tmp &&
	mv tmp briefs/2026-11-partner-newsletter.md &&
	align show partner >out &&
	sed -n 2p out >actual &&
	echo "brief 2026-11-partner-webinar (briefs/2026-11-partner-webinar.md)" >expect &&
	test_cmp expect actual
'

test_expect_success 'a record that does not parse, named by words' '
	printf "# Broken\n\n\`\`\`ini\n[brief\n\`\`\`\n" >briefs/2026-11-broken-thing.md &&
	test_expect_code 1 align show broken 2>err &&
	test_grep "record '"'"'briefs/2026-11-broken-thing.md'"'"' cannot be read" err
'

test_done
