#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

#define HEADER "align-cache 1 "

struct entry {
	char id[ALIGN_OID_HEXSZ + 1];
	char *value;
};

struct align_cache {
	struct align_repo *repo;
	char *name;
	struct entry *items; /* sorted by id after load; appended after */
	size_t count;
	size_t alloc;
	size_t loaded; /* items[0..loaded) are sorted */
	int dirty;
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->id,
		      ((const struct entry *)b)->id);
}

static void add(struct align_cache *c, const char *id, const char *value,
		size_t len)
{
	struct entry *e;

	ALIGN_ARRAY_GROW(c->items, c->alloc, c->count + 1);
	e = &c->items[c->count++];
	memcpy(e->id, id, ALIGN_OID_HEXSZ);
	e->id[ALIGN_OID_HEXSZ] = '\0';
	e->value = align_strndup(value, len);
}

static int cache_off(void)
{
	const char *env = getenv("ALIGN_NO_CACHE");

	return env && *env;
}

int align_cache_enabled(void)
{
	return !cache_off();
}

/* The file of cache `name`: <gitdir>/align/<name>. */
static void cache_path(struct align_buf *out, struct align_repo *repo,
		       const char *name)
{
	align_path_join(out, align_git_gitdir(align_repo_git(repo)), "align/");
	align_buf_adds(out, name);
}

int align_cache_file_read(struct align_repo *repo, const char *name,
			  struct align_buf *out)
{
	struct align_buf path = ALIGN_BUF_INIT;
	int ret = -1;

	if (!cache_off()) {
		cache_path(&path, repo, name);
		ret = align_fs_read(out, path.ptr, 0) == 0 ? 0 : -1;
	}
	align_buf_release(&path);
	return ret;
}

void align_cache_file_write(struct align_repo *repo, const char *name,
			    const char *data, size_t len)
{
	struct align_buf path = ALIGN_BUF_INIT, tmp = ALIGN_BUF_INIT;
	struct align_buf dir = ALIGN_BUF_INIT;

	if (cache_off()) {
		return;
	}
	cache_path(&path, repo, name);
	align_buf_add(&dir, path.ptr,
		      (size_t)(strrchr(path.ptr, '/') - path.ptr));
	/* Advisory: a cache that cannot be written is no error. */
	if (align_fs_mkdirs(dir.ptr) == 0 &&
	    align_fs_write_temp(&tmp, path.ptr, data, len) == 0 &&
	    rename(tmp.ptr, path.ptr) < 0) {
		remove(tmp.ptr);
	}
	align_buf_release(&path);
	align_buf_release(&tmp);
	align_buf_release(&dir);
}

struct align_cache *align_cache_open(struct align_repo *repo,
				     const char *name)
{
	struct align_cache *c;
	struct align_buf data = ALIGN_BUF_INIT, header = ALIGN_BUF_INIT;
	struct align_buf file = ALIGN_BUF_INIT;

	if (cache_off()) {
		return NULL;
	}
	c = align_calloc(1, sizeof(*c));
	c->repo = repo;
	c->name = align_strdup(name);
	align_buf_addf(&file, "cache-%s", name);
	align_buf_addf(&header, HEADER "%s\n", name);
	if (align_cache_file_read(repo, file.ptr, &data) == 0 &&
	    !strncmp(data.ptr, header.ptr, header.len)) {
		const char *p = data.ptr + header.len;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t n;

			if (!nl) {
				break; /* a torn last line: ignore it */
			}
			n = (size_t)(nl - p);
			if (n > ALIGN_OID_HEXSZ && align_oid_hex_valid(p) &&
			    p[ALIGN_OID_HEXSZ] == ' ') {
				add(c, p, p + ALIGN_OID_HEXSZ + 1,
				    n - ALIGN_OID_HEXSZ - 1);
			}
			p = nl + 1;
		}
	}
	if (c->count) {
		qsort(c->items, c->count, sizeof(*c->items), cmp_entry);
	}
	c->loaded = c->count;
	align_buf_release(&data);
	align_buf_release(&header);
	align_buf_release(&file);
	return c;
}

const char *align_cache_get(const struct align_cache *c, const char *id)
{
	struct entry key;
	const struct entry *e;

	if (!c || strlen(id) != ALIGN_OID_HEXSZ) {
		return NULL;
	}
	memcpy(key.id, id, sizeof(key.id));
	e = c->loaded ? bsearch(&key, c->items, c->loaded, sizeof(*c->items),
				cmp_entry)
		      : NULL;
	return e ? e->value : NULL;
}

void align_cache_put(struct align_cache *c, const char *id, const char *value)
{
	if (!c || strlen(id) != ALIGN_OID_HEXSZ || strchr(value, '\n') ||
	    align_cache_get(c, id)) {
		return;
	}
	add(c, id, value, strlen(value));
	c->dirty = 1;
}

void align_cache_field_add(struct align_buf *line, const char *s)
{
	if (!s) {
		align_buf_adds(line, "%N");
	}
	for (; s && *s; s++) {
		if (*s == '%' || *s == '\t' || *s == '\n' || *s == '\r') {
			align_buf_addf(line, "%%%02X", (unsigned char)*s);
		} else {
			align_buf_addch(line, *s);
		}
	}
	align_buf_addch(line, '\t');
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

int align_cache_field_next(char **out, const char **p)
{
	const char *s = *p, *end = strchr(s, '\t');
	struct align_buf v = ALIGN_BUF_INIT;

	*out = NULL;
	if (!end) {
		return -1;
	}
	if (end - s == 2 && !memcmp(s, "%N", 2)) {
		*p = end + 1;
		return 0;
	}
	while (s < end) {
		if (*s == '%') {
			int hi = end - s >= 3 ? hex_digit(s[1]) : -1;
			int lo = hi >= 0 ? hex_digit(s[2]) : -1;
			if (lo < 0) {
				align_buf_release(&v);
				return -1;
			}
			align_buf_addch(&v, (char)(hi * 16 + lo));
			s += 3;
		} else {
			align_buf_addch(&v, *s++);
		}
	}
	*out = align_buf_detach(&v, NULL);
	*p = end + 1;
	return 0;
}

void align_cache_close(struct align_cache *c)
{
	if (!c) {
		return;
	}
	if (c->dirty) {
		struct align_buf out = ALIGN_BUF_INIT, file = ALIGN_BUF_INIT;

		align_buf_addf(&out, HEADER "%s\n", c->name);
		for (size_t i = 0; i < c->count; i++) {
			align_buf_addf(&out, "%s %s\n", c->items[i].id,
				       c->items[i].value);
		}
		align_buf_addf(&file, "cache-%s", c->name);
		align_cache_file_write(c->repo, file.ptr, out.ptr, out.len);
		align_buf_release(&out);
		align_buf_release(&file);
	}
	for (size_t i = 0; i < c->count; i++) {
		free(c->items[i].value);
	}
	free(c->items);
	free(c->name);
	free(c);
}
