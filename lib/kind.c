#include "kind.h"

#include <string.h>

#include "brief.h"
#include "okr.h"
#include "update.h"
#include "util/error.h"
#include "util/banned.h"

static const struct align_kind *const kinds[] = {
	&align_kind_brief,
	&align_kind_okr,
	&align_kind_update,
	NULL,
};

const struct align_kind *const *align_kinds(void)
{
	return kinds;
}

const struct align_kind *align_kind_find(const char *name)
{
	for (size_t i = 0; kinds[i]; i++) {
		if (!strcmp(kinds[i]->name, name)) {
			return kinds[i];
		}
	}
	return NULL;
}

const char *align_kind_folder(const struct align_kind *kind,
			      const struct align_repo *repo)
{
	return align_repo_config(repo, "folders", kind->name, kind->folder);
}

void align_kind_folders(const char *out[ALIGN_KINDS_MAX + 1],
			const struct align_repo *repo)
{
	size_t n = 0;

	for (size_t i = 0; kinds[i] && n < ALIGN_KINDS_MAX; i++) {
		out[n++] = align_kind_folder(kinds[i], repo);
	}
	out[n] = NULL;
}

int align_kind_has_status(const struct align_kind *kind, const char *status)
{
	if (!kind->statuses) {
		return 0;
	}
	for (size_t i = 0; kind->statuses[i]; i++) {
		if (!strcmp(kind->statuses[i], status)) {
			return 1;
		}
	}
	return 0;
}

const char *align_templates_folder(const struct align_repo *repo)
{
	return align_repo_config(repo, "folders", "templates", "templates");
}

int align_kind_template(const struct align_kind *kind, struct align_repo *repo,
			struct align_buf *out)
{
	struct align_buf path = ALIGN_BUF_INIT;
	int ret;

	align_buf_addf(&path, "%s/%s.md", align_templates_folder(repo),
		       kind->name);
	ret = align_repo_read(repo, path.ptr, out);
	if (ret == ALIGN_ENOTFOUND) {
		align_buf_adds(out, kind->template_text);
		ret = 0;
	}
	align_buf_release(&path);
	return ret;
}
