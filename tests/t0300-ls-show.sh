#!/bin/sh
# align ls and align show: text, JSON and CSV.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: three briefs' '
	setup_align_repo &&
	align brief new "Partner webinar" --owner maya --accountable dana \
		--due 2026-12-10 --type webinar >/dev/null &&
	align brief new "Spring email, \"big\" launch" --owner lee \
		--id spring-email >/dev/null &&
	align brief new "Paid social" --owner maya --due 2026-11-30 >/dev/null &&
	align brief submit partner >/dev/null 2>&1 || align brief submit 2026-11-partner >/dev/null
'

test_expect_success 'ls: one aligned line per record, sorted by path' '
	align ls >out &&
	cat >expect <<-\EOF &&
	brief  2026-11-paid-social      draft      maya  2026-11-30  Paid social
	brief  2026-11-partner-webinar  submitted  maya  2026-12-10  Partner webinar
	brief  spring-email             draft      lee   -           Spring email, "big" launch
	EOF
	test_cmp expect out
'

test_expect_success 'ls filters by kind, status and owner' '
	align ls briefs --status draft --owner maya >out &&
	echo "brief  2026-11-paid-social  draft  maya  2026-11-30  Paid social" >expect &&
	test_cmp expect out &&
	align ls brief --status live >out &&
	test_must_be_empty out &&
	test_expect_code 129 align ls okrs-that-do-not-exist 2>err &&
	echo "align: error: unknown kind '"'"'okrs-that-do-not-exist'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'ls --format=json: every field plus path and kind' '
	align ls --format=json --owner lee >out &&
	cat >expect <<-\EOF &&
	{
	  "format_version": 1,
	  "records": [
	    {
	      "path": "briefs/spring-email.md",
	      "kind": "brief",
	      "title": "Spring email, \"big\" launch",
	      "id": "spring-email",
	      "status": "draft",
	      "type": "",
	      "owner": "lee",
	      "accountable": "",
	      "due": "",
	      "created": "2026-11-02"
	    }
	  ]
	}
	EOF
	test_cmp expect out &&
	align ls --format json --status cancelled >out &&
	printf "{\n  \"format_version\": 1,\n  \"records\": []\n}\n" >expect &&
	test_cmp expect out
'

test_expect_success 'ls --format=csv quotes fields as RFC 4180 says' '
	align ls --format=csv --owner lee >out &&
	cat >expect <<-\EOF &&
	path,kind,id,title,status,owner,due,type,accountable,created
	briefs/spring-email.md,brief,spring-email,"Spring email, ""big"" launch",draft,lee,,,,2026-11-02
	EOF
	test_cmp expect out
'

test_expect_success 'show: title, id, fields, prose' '
	align show spring >out &&
	cat >expect <<-\EOF &&
	Spring email, "big" launch
	brief spring-email (briefs/spring-email.md)

	    id           spring-email
	    status       draft
	    type
	    owner        lee
	    accountable
	    due
	    created      2026-11-02

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
	test_cmp expect out
'

test_expect_success 'show takes an id, a unique prefix or a path from anywhere' '
	align show 2026-11-partner-webinar >by-id &&
	align show 2026-11-partner >out.prefix &&
	test_cmp by-id out.prefix &&
	(cd briefs && align show 2026-11-partner-webinar.md) >out.path &&
	sed "s|(briefs/|(|" by-id >expect &&
	test_cmp expect out.path &&
	align show "$(pwd)/briefs/2026-11-partner-webinar.md" >out.abs &&
	test_cmp by-id out.abs
'

test_expect_success 'show --format=json is the ls object' '
	align show spring-email --format=json >out &&
	align ls --format=json --owner lee | sed -e 1,3d -e "s/^    //" |
		sed -e "\$d" | sed -e "\$d" | sed -e "1a\\
  \"format_version\": 1," >expect &&
	test_cmp expect out
'

test_expect_success 'show refuses unknown, ambiguous and outside paths' '
	save_state &&
	test_expect_code 1 align show nosuch 2>err &&
	echo "align: error: no record '"'"'nosuch'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align show 2026-11-pa 2>err &&
	echo "align: error: '"'"'2026-11-pa'"'"' is ambiguous: it could be 2026-11-paid-social, 2026-11-partner-webinar" >expect &&
	test_cmp expect err &&
	test_expect_code 1 align show ../../etc/passwd 2>err &&
	grep "is outside the records root" err &&
	test_expect_code 1 align show align.ini 2>err &&
	echo "align: error: '"'"'align.ini'"'"' is not a record (records are .md or .ini files in a records folder)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 align show 2>err &&
	test_state_unchanged
'

test_expect_success 'ls skips a record that does not parse, with a warning' '
	printf "no title, no fields\n" >briefs/broken.md &&
	align ls >out 2>err &&
	test_line_count() { test "$(wc -l <"$2")" -eq "$1"; } &&
	test_line_count 3 out &&
	echo "align: warning: skipping '"'"'briefs/broken.md'"'"': it does not parse (see '"'"'align check'"'"')" >expect &&
	test_cmp expect err &&
	rm briefs/broken.md
'

test_expect_success 'attachments in a records folder are not records' '
	printf "\211PNG\r\n\032\n\000\000" >briefs/logo.png &&
	align ls >out 2>err &&
	test_must_be_empty err &&
	align check
'

test_done
