/*
 * align merge-driver: git's merge driver for records, field by field (see
 * lib/merge.h). git runs it as `align merge-driver %O %A %B %P` for the
 * paths .gitattributes gives `merge=align`; the result replaces %A.
 */
#include "align.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "merge.h"
#include "options.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/banned.h"

int cmd_merge_driver(int argc, const char **argv, struct align_ctx *ctx)
{
	static const char *const usage[] = {
		"align merge-driver <base> <ours> <theirs> [<path>]", NULL
	};
	const struct opt opts[] = { OPT_END_() };
	struct align_buf b = ALIGN_BUF_INIT, o = ALIGN_BUF_INIT,
			 t = ALIGN_BUF_INIT, out = ALIGN_BUF_INIT,
			 err = ALIGN_BUF_INIT, tmp = ALIGN_BUF_INIT;
	const char *path;
	int n, ret, status;

	(void)ctx;
	n = opts_parse(argc, argv, opts, usage, 0);
	if (n < 0) {
		return n == OPTS_HELP ? EXIT_OK : EXIT_USAGE;
	}
	if (n < 3 || n > 4) {
		error_msg("usage: %s", usage[0]);
		return EXIT_USAGE;
	}
	path = n == 4 ? argv[3] : argv[1];
	if (align_fs_read(&b, argv[0], 0) < 0 ||
	    align_fs_read(&o, argv[1], 0) < 0 ||
	    align_fs_read(&t, argv[2], 0) < 0) {
		error_msg("cannot read the versions to merge: %s",
			  strerror(errno));
		status = EXIT_FATAL;
		goto done;
	}
	ret = align_merge_record(&out, path, b.ptr, b.len, o.ptr, o.len, t.ptr,
				 t.len, &err);
	if (ret < 0) {
		error_msg("cannot merge '%s': %s", path, err.ptr);
		status = EXIT_FATAL;
		goto done;
	}
	if (align_fs_write_temp(&tmp, argv[1], out.ptr, out.len) < 0 ||
	    rename(tmp.ptr, argv[1]) < 0) {
		error_msg("cannot write '%s': %s", argv[1], strerror(errno));
		status = EXIT_FATAL;
		goto done;
	}
	if (ret == 1) {
		warning_msg("'%s': a conflict the merge kept in sight (see "
			    "'align check')",
			    path);
	}
	status = ret == 0 ? EXIT_OK : EXIT_FINDINGS;
done:
	align_buf_release(&b);
	align_buf_release(&o);
	align_buf_release(&t);
	align_buf_release(&out);
	align_buf_release(&err);
	align_buf_release(&tmp);
	return status;
}
