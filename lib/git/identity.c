/*
 * Author and committer identities, formed as git forms them.
 */

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util/error.h"
#include "../util/banned.h"

/* git's order: environment, then configuration, then EMAIL for email. */
int align_git__make_signature(git_signature **out, struct align_git *git,
			      const char *who, struct align_buf *err)
{
	char name_var[32], email_var[32], date_var[32];
	const char *name, *email, *date;
	git_config *cfg = NULL;
	git_buf cname = GIT_BUF_INIT, cemail = GIT_BUF_INIT;
	struct align_time when;
	int code, ret = 0;

	snprintf(name_var, sizeof(name_var), "GIT_%s_NAME", who);
	snprintf(email_var, sizeof(email_var), "GIT_%s_EMAIL", who);
	snprintf(date_var, sizeof(date_var), "GIT_%s_DATE", who);
	name = getenv(name_var);
	email = getenv(email_var);
	date = getenv(date_var);
	if ((git ? git_repository_config_snapshot(&cfg, git->repo)
		 : git_config_open_default(&cfg)) == 0) {
		if ((!name || !*name) &&
		    git_config_get_string_buf(&cname, cfg, "user.name") == 0) {
			name = cname.ptr;
		}
		if ((!email || !*email) &&
		    git_config_get_string_buf(&cemail, cfg, "user.email") ==
			0) {
			email = cemail.ptr;
		}
	}
	if (!email || !*email) {
		email = getenv("EMAIL");
	}
	if (!name || !*name || !email || !*email) {
		align_buf_sets(err,
			       "identity unknown: set your name and email "
			       "with 'git config user.name \"Your Name\"' "
			       "and 'git config user.email you@example.com'");
		ret = ALIGN_ERROR;
		goto done;
	}
	if (date && *date) {
		if (align_time_parse(&when, date) < 0) {
			align_buf_clear(err);
			align_buf_addf(err, "invalid date in %s: '%s'",
				       date_var, date);
			ret = ALIGN_ERROR;
			goto done;
		}
		code = git_signature_new(out, name, email,
					 (git_time_t)when.seconds, when.offset);
	} else {
		code = git_signature_now(out, name, email);
	}
	if (code < 0) {
		ret = align_git__fail(err, code, "invalid identity");
	}
done:
	git_buf_dispose(&cname);
	git_buf_dispose(&cemail);
	git_config_free(cfg);
	return ret;
}

int align_git_author(struct align_git *git, struct align_buf *name,
		     struct align_buf *email, struct align_buf *err)
{
	git_signature *a = NULL;
	int ret = align_git__make_signature(&a, git, "AUTHOR", err);

	if (!ret) {
		align_buf_adds(name, a->name);
		align_buf_adds(email, a->email);
	}
	git_signature_free(a);
	return ret;
}

int align_git_check_identity(struct align_git *git, struct align_buf *err)
{
	git_signature *a = NULL, *c = NULL;
	int ret = align_git__make_signature(&a, git, "AUTHOR", err);

	if (!ret) {
		ret = align_git__make_signature(&c, git, "COMMITTER", err);
	}
	git_signature_free(a);
	git_signature_free(c);
	return ret;
}
