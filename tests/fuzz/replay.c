/*
 * Replays a fuzz target's corpus without libFuzzer, so the sanitizer
 * build of every test run feeds each target every input found so far:
 * replay <name> <corpus dir>. TAP: one test per input.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	DIR *d;

	if (argc != 3 || !(d = opendir(argv[2]))) {
		printf("1..0 # SKIP no corpus for %s\n", argc > 1 ? argv[1] : "?");
		return 0;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.') {
			continue;
		}
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			names = realloc(names, alloc * sizeof(*names));
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		unsigned char *buf = NULL;
		size_t len = 0, cap = 0;
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", argv[2], names[i]);
		if (!(f = fopen(path, "rb"))) {
			printf("not ok %zu - %s: cannot read %s\n", i + 1, argv[1],
			       names[i]);
			continue;
		}
		for (;;) {
			size_t got;
			if (len == cap) {
				cap = cap ? cap * 2 : 4096;
				buf = realloc(buf, cap);
			}
			got = fread(buf + len, 1, cap - len, f);
			if (!got) {
				break;
			}
			len += got;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		printf("ok %zu - %s replays %s\n", i + 1, argv[1], names[i]);
		free(buf);
		free(names[i]);
	}
	printf("1..%zu\n", n);
	free(names);
	return 0;
}
