/*
 * Fuzz target: align's INI line scanner in front of inih. Any bytes parse
 * or are refused; a parse gives fields whose values hold no line break
 * and whose lines lie inside the text.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ini.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct align_ini ini;
	struct align_diags diags = ALIGN_DIAGS_INIT;

	memset(&ini, 0, sizeof(ini));
	if (align_ini_parse(&ini, (const char *)data, size, 1, "x.ini",
			    &diags) == 0) {
		for (size_t i = 0; i < ini.nfields; i++) {
			if (strchr(ini.fields[i].value, '\n') ||
			    ini.fields[i].line < 1 ||
			    ini.fields[i].section >= ini.nsections) {
				__builtin_trap();
			}
		}
		align_ini_release(&ini);
	}
	align_diags_clear(&diags);
	return 0;
}
