#include "update.h"

#include <string.h>

#include "util/banned.h"

static const struct align_field fields[] = {
	{ "id", ALIGN_FIELD_ID, ALIGN_FIELD_REQUIRED, NULL, NULL, NULL, NULL },
	{ "week", ALIGN_FIELD_WEEK, ALIGN_FIELD_REQUIRED, NULL, NULL,
	  "{Period}", NULL },
	{ "person", ALIGN_FIELD_PERSON,
	  ALIGN_FIELD_REQUIRED | ALIGN_FIELD_RESPONSIBLE, NULL, NULL,
	  "{person}", NULL },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL },
};

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

const struct align_kind align_kind_update = {
	.name = "update",
	.folder = "updates",
	.summary = "one person's weekly update: done, next, blockers",
	.fields = fields,
	.id_pattern = "{period}-{person}",
	.subfolder_pattern = "{Period}",
	.period_field = "week",
	.states = NULL,
	.moves = NULL,
	.template_text = template_text,
	.check = NULL,
	.describe = NULL,
};
