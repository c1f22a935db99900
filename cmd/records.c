/* Helpers the record commands share: loading and finding records. */
#include "align.h"

#include <string.h>

#include "catalog.h"
#include "util/error.h"
#include "util/banned.h"

int load_catalog(struct align_ctx *ctx, struct align_catalog *out)
{
	int ret = align_catalog_load(out, ctx->repo);

	if (ret < 0) {
		return fail_with(ret, align_repo_error(ctx->repo));
	}
	return 0;
}

int find_record(const struct align_entry **out, struct align_ctx *ctx,
		const struct align_catalog *catalog,
		const struct align_kind *kind, const char *ref)
{
	struct align_buf err = ALIGN_BUF_INIT;
	int ret = align_catalog_find(out, catalog, ctx->repo, kind, ref, &err);

	if (ret < 0) {
		ret = fail_with(ret, err.ptr);
	}
	align_buf_release(&err);
	return ret;
}

const struct align_kind *kind_from_arg(const char *arg,
				       const struct align_repo *repo)
{
	const struct align_kind *const *kinds = align_kinds();

	for (size_t i = 0; kinds[i]; i++) {
		if (!strcmp(kinds[i]->name, arg) ||
		    !strcmp(align_kind_folder(kinds[i], repo), arg)) {
			return kinds[i];
		}
	}
	return NULL;
}
