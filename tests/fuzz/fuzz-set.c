/*
 * Fuzz target: the surgical writer. The input is "<value>\n<record>":
 * after parse, set brief.status to the value, then parse again, the field
 * reads back as the value and the bytes outside its line are unchanged; a
 * refused edit changes nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "util/buf.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	struct align_diags diags = ALIGN_DIAGS_INIT;
	struct align_buf err = ALIGN_BUF_INIT, before = ALIGN_BUF_INIT;
	struct align_record *r = NULL, *again = NULL;
	char *value;

	if (!nl) {
		return 0;
	}
	value = malloc((size_t)(nl - text) + 1);
	memcpy(value, text, (size_t)(nl - text));
	value[nl - text] = '\0';
	if (align_record_parse(&r, "briefs/x.md", nl + 1,
			       size - (size_t)(nl - text) - 1, NULL,
			       &diags) < 0) {
		goto done;
	}
	align_buf_add(&before, r->bytes.ptr, r->bytes.len);
	if (align_record_set(r, "brief", NULL, "status", value, &err) < 0) {
		/* Refused: not a byte changed. */
		if (r->bytes.len != before.len ||
		    memcmp(r->bytes.ptr, before.ptr, before.len)) {
			__builtin_trap();
		}
		goto done;
	}
	align_diags_clear(&diags);
	if (align_record_parse(&again, "briefs/x.md", r->bytes.ptr,
			       r->bytes.len, NULL, &diags) < 0 ||
	    !align_record_get(again, "brief", NULL, "status") ||
	    strcmp(align_record_get(again, "brief", NULL, "status"), value)) {
		__builtin_trap(); /* what was written reads back */
	}
done:
	align_record_free(r);
	align_record_free(again);
	align_diags_clear(&diags);
	align_buf_release(&err);
	align_buf_release(&before);
	free(value);
	return 0;
}
