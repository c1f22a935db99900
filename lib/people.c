#include "people.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/error.h"
#include "util/text.h"
#include "util/banned.h"

int align_people_load(struct align_people *out, struct align_repo *repo,
		      struct align_diags *diags)
{
	struct align_buf data = ALIGN_BUF_INIT;
	const struct align_ini *ini;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = align_repo_read(repo, ALIGN_PEOPLE_FILE, &data);
	if (ret == ALIGN_ENOTFOUND) {
		align_buf_release(&data);
		return 0;
	}
	if (ret < 0) {
		align_buf_release(&data);
		return ret;
	}
	ret = align_record_parse(&out->record, ALIGN_PEOPLE_FILE, data.ptr,
				 data.len, align_repo_limits(repo), diags);
	align_buf_release(&data);
	if (ret < 0) {
		return ret;
	}
	ini = &out->record->ini;
	for (size_t s = 0; s < ini->nsections; s++) {
		const struct align_ini_section *sec = &ini->sections[s];
		struct align_person *p;

		if (strcmp(sec->name, "person") || !sec->sub) {
			continue;
		}
		ALIGN_ARRAY_GROW(out->items, out->alloc, out->count + 1);
		p = &out->items[out->count++];
		p->handle = sec->sub;
		p->name = align_record_get(out->record, "person", sec->sub,
					   "name");
		p->email = align_record_get(out->record, "person", sec->sub,
					    "email");
		p->team = align_record_get(out->record, "person", sec->sub,
					   "team");
		p->line = sec->line;
	}
	return 0;
}

const struct align_person *align_people_closest(
	const struct align_people *people, const char *handle)
{
	const struct align_person *best = NULL;
	size_t best_d = strlen(handle) / 3;

	if (best_d < 2) {
		best_d = 2;
	}
	for (size_t i = 0; i < people->count; i++) {
		size_t d = align_distance(handle, people->items[i].handle);
		if (d <= best_d && (!best || d < align_distance(handle, best->handle))) {
			best = &people->items[i];
			best_d = d;
		}
	}
	return best;
}

void align_people_release(struct align_people *people)
{
	align_record_free(people->record);
	free(people->items);
	memset(people, 0, sizeof(*people));
}

/* Does the comma-separated `list` hold `email`? */
static int list_has(const char *list, const char *email)
{
	size_t n = strlen(email);

	while (list && *list) {
		size_t m;

		while (*list == ' ' || *list == ',') {
			list++;
		}
		m = strcspn(list, ",");
		while (m && list[m - 1] == ' ') {
			m--;
		}
		if (m == n && !strncasecmp(list, email, n)) {
			return 1;
		}
		list += strcspn(list, ",");
	}
	return 0;
}

const struct align_person *align_people_by_email(
	const struct align_people *people, const char *email)
{
	for (size_t i = 0; email && i < people->count; i++) {
		if (list_has(people->items[i].email, email)) {
			return &people->items[i];
		}
	}
	return NULL;
}

const struct align_person *align_people_by_handle(
	const struct align_people *people, const char *handle)
{
	for (size_t i = 0; handle && i < people->count; i++) {
		if (!strcmp(people->items[i].handle, handle)) {
			return &people->items[i];
		}
	}
	return NULL;
}

void align_people_check(const struct align_people *people,
			struct align_diags *diags)
{
	for (size_t i = 0; i < people->count; i++) {
		const struct align_person *p = &people->items[i];

		if (!p->name || !*p->name) {
			align_diags_add(diags, ALIGN_PEOPLE_FILE, p->line,
					ALIGN_SEV_ERROR,
					"person '%s' has no name", p->handle);
		}
		if (!p->email || !strchr(p->email, '@')) {
			align_diags_add(diags, ALIGN_PEOPLE_FILE, p->line,
					ALIGN_SEV_ERROR,
					"person '%s' has no email", p->handle);
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			const char *e = p->email;
			/* Any of this person's emails claimed by another? */
			while (*e) {
				size_t m;
				char one[256];

				while (*e == ' ' || *e == ',') {
					e++;
				}
				m = strcspn(e, ",");
				while (m && e[m - 1] == ' ') {
					m--;
				}
				if (m && m < sizeof(one)) {
					memcpy(one, e, m);
					one[m] = '\0';
					if (list_has(people->items[j].email, one)) {
						align_diags_add(
							diags, ALIGN_PEOPLE_FILE,
							p->line, ALIGN_SEV_ERROR,
							"email '%s' belongs to "
							"both '%s' and '%s'",
							one, people->items[j].handle,
							p->handle);
					}
				}
				e += strcspn(e, ",");
			}
		}
	}
}
