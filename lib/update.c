#include "update.h"

#include <string.h>

#include "util/date.h"
#include "util/banned.h"

static const char *const required[] = { "id", "week", "person", NULL };
static const char *const dates[] = { NULL };

const char *const align_update_sections[3] = { "Done", "Next", "Blockers" };

static const char template_text[] = "# Weekly update\n"
				    "\n"
				    "```ini\n"
				    "[update]\n"
				    "id =\n"
				    "week =\n"
				    "person =\n"
				    "```\n"
				    "\n"
				    "## Done\n"
				    "\n"
				    "## Next\n"
				    "\n"
				    "## Blockers\n";

static void check_update(const struct align_record *r,
			 const struct align_kind_check *ctx,
			 struct align_diags *diags)
{
	const char *week = align_record_get(r, "update", NULL, "week");
	struct align_period p;

	(void)ctx;
	if (week && *week && align_week_parse(&p, week) < 0) {
		align_diags_add(diags, r->path,
				align_record_line(r, "update", NULL, "week"),
				ALIGN_SEV_ERROR,
				"week '%s' is not an ISO week (YYYY-Www)", week);
	}
}

const struct align_kind align_kind_update = {
	.name = "update",
	.folder = "updates",
	.statuses = NULL,
	.initial_status = NULL,
	.required = required,
	.dates = dates,
	.template_text = template_text,
	.check = check_update,
	.describe = NULL,
};
