/*
 * Fuzz target: the record reader. Any bytes, as a Markdown and as an INI
 * record, must parse or be refused with diagnostics; never crash, leak or
 * read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "briefs/x.md", "briefs/x.ini" };

	for (size_t i = 0; i < 2; i++) {
		struct align_diags diags = ALIGN_DIAGS_INIT;
		struct align_record *r = NULL;

		if (align_record_parse(&r, paths[i], (const char *)data, size,
				       NULL, &diags) == 0 &&
		    !align_record_kind(r)) {
			__builtin_trap(); /* parsed records have a kind */
		}
		align_record_free(r);
		align_diags_clear(&diags);
	}
	return 0;
}
