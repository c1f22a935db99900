/*
 * Fuzz target: the glossary.md parser. Any bytes parse or are refused; a
 * parse gives entries whose terms are not empty, whose names hold no line
 * break, whose lines lie inside the text, and each of whose names finds
 * an entry that has that name; the glossary's own rules run on it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "glossary.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct align_glossary g = ALIGN_GLOSSARY_INIT;
	struct align_diags diags = ALIGN_DIAGS_INIT;
	size_t lines = 1;

	for (size_t i = 0; i < size; i++) {
		lines += data[i] == '\n';
	}
	if (align_glossary_parse(&g, (const char *)data, size, &diags) == 0) {
		for (size_t i = 0; i < g.nnames; i++) {
			const struct align_glossary_name *nm = &g.names[i];
			const struct align_glossary_entry *e =
				align_glossary_find(&g, nm->text);
			int has = 0;

			if (!*nm->text || strchr(nm->text, '\n') ||
			    strchr(nm->text, '\r') || nm->line < 1 ||
			    nm->line > lines || nm->entry >= g.count || !e) {
				__builtin_trap();
			}
			for (size_t k = 0; k < e->nnames; k++) {
				has |= !strcasecmp(g.names[e->first_name + k].key,
						   nm->key);
			}
			if (!has) {
				__builtin_trap();
			}
		}
		for (size_t i = 0; i < g.count; i++) {
			if (!g.items[i].term || !g.items[i].definition ||
			    strchr(g.items[i].definition, '\r')) {
				__builtin_trap();
			}
		}
		align_glossary_check(&g, NULL, &diags);
		align_glossary_release(&g);
	}
	align_diags_clear(&diags);
	return 0;
}
