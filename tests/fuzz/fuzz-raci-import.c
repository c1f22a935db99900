/*
 * Fuzz target: the Markdown RACI table reader (lib/raci-import.c) and
 * the rules it feeds. Any bytes are read or refused; every table found
 * has an id, lies inside the text, and its steps, names and lines make
 * sense; the rules and the INI writer run on it without a roster.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "raci-import.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct align_raci_import imp = ALIGN_RACI_IMPORT_INIT;
	struct align_raci_settings st = { 3 };
	struct align_date today = { 2026, 11, 2 };
	size_t lines = 1;

	for (size_t i = 0; i < size; i++) {
		lines += data[i] == '\n';
	}
	if (align_raci_import_parse(&imp, "fuzz.md", (const char *)data, size,
				    NULL) == 0) {
		for (size_t t = 0; t < imp.n; t++) {
			struct align_raci *r = &imp.tables[t].raci;
			struct align_buf ini = ALIGN_BUF_INIT;

			if (!r->id || !*r->id || r->line < 1 ||
			    r->last_line > lines || r->line > r->last_line) {
				__builtin_trap();
			}
			for (size_t s = 0; s < r->nsteps; s++) {
				const struct align_raci_step *st_ = &r->steps[s];
				if (!*st_->key || strlen(st_->key) > 40 ||
				    st_->line <= r->line ||
				    st_->line > r->last_line) {
					__builtin_trap();
				}
				for (int l = 0; l < ALIGN_RACI_NLETTERS; l++) {
					for (size_t k = 0; k < st_->cells[l].n;
					     k++) {
						if (!*st_->cells[l].names[k].name ||
						    st_->cells[l].names[k].line >
							    lines) {
							__builtin_trap();
						}
					}
				}
			}
			align_raci_check(r, NULL, &today, &st,
					 &imp.tables[t].diags);
			align_raci_to_ini(&ini, r);
			align_buf_release(&ini);
		}
	}
	align_raci_import_release(&imp);
	return 0;
}
