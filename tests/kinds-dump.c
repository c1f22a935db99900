/*
 * kinds-dump: prints the kind table, for the kind contract test
 * (t0950-kind-contract.sh), so that the test discovers every kind from the
 * table itself. One line per kind, then one per field:
 *
 *   kind <name> <folder> <initial state or -> <extension>
 *   field <kind> <name> <type> <required|optional> <section or -> <values>
 *
 * where <values> is an enum's values (comma separated), a reference's
 * kind, or "-".
 */
#include <stdio.h>

#include "kind.h"

int main(void)
{
	const struct align_kind *const *kinds = align_kinds();

	for (size_t i = 0; kinds[i]; i++) {
		const struct align_kind *k = kinds[i];
		const char *initial = align_kind_initial_status(k);

		printf("kind %s %s %s %s\n", k->name, k->folder,
		       initial ? initial : "-", align_kind_ext(k));
		for (const struct align_field *f = k->fields; f && f->name;
		     f++) {
			printf("field %s %s %s %s %s ", k->name, f->name,
			       align_field_type_name(f->type),
			       f->flags & ALIGN_FIELD_REQUIRED ? "required"
							       : "optional",
			       f->section ? f->section : "-");
			if (f->type == ALIGN_FIELD_REF) {
				fputs(f->ref, stdout);
			} else if (f->type == ALIGN_FIELD_ENUM && f->values) {
				for (size_t v = 0; f->values[v]; v++) {
					printf("%s%s", v ? "," : "",
					       f->values[v]);
				}
			} else if (f->type == ALIGN_FIELD_ENUM && k->states) {
				for (size_t v = 0; k->states[v].name; v++) {
					printf("%s%s", v ? "," : "",
					       k->states[v].name);
				}
			} else {
				fputs("-", stdout);
			}
			putchar('\n');
		}
	}
	return ferror(stdout) ? 1 : 0;
}
