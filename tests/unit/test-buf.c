/* Unit tests of lib/util/buf.c: the growable string. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#include "tap.h"

static void test_init(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	struct align_buf c;

	ok(b.ptr != NULL && b.len == 0 && b.ptr[0] == '\0',
	   "ALIGN_BUF_INIT is an empty, NUL-terminated string");
	align_buf_init(&c);
	ok(c.ptr != NULL && c.len == 0 && c.alloc == 0 && c.ptr[0] == '\0',
	   "align_buf_init gives an empty string with no allocation");
	align_buf_release(&c);
	ok(c.ptr != NULL && c.len == 0 && c.alloc == 0,
	   "releasing an unallocated buffer is harmless");
}

static void test_add_growth(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	int good = 1;

	for (int i = 0; i < 10000; i++) {
		align_buf_add(&b, "0123456789", 10);
	}
	is_int((long long)b.len, 100000,
	       "10000 adds of 10 bytes give 100000 bytes");
	for (size_t i = 0; i < b.len; i++) {
		if (b.ptr[i] != (char)('0' + i % 10)) {
			good = 0;
			break;
		}
	}
	ok(good, "every byte survives the reallocations");
	ok(b.ptr[b.len] == '\0', "still NUL-terminated after growth");
	ok(b.alloc > b.len, "allocation holds the terminator");
	ok(strlen(b.ptr) == b.len, "strlen agrees with len");
	align_buf_release(&b);
	ok(b.len == 0 && b.alloc == 0 && b.ptr[0] == '\0',
	   "release leaves an empty reusable buffer");
	align_buf_adds(&b, "again");
	is_str(b.ptr, "again", "a released buffer can be used again");
	align_buf_release(&b);
}

static void test_addf(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	char expect[16];
	char *big;
	int good = 1;
	size_t pos = 0;

	align_buf_addf(&b, "%s-%d", "x", 42);
	is_str(b.ptr, "x-42", "addf on an unallocated buffer");
	align_buf_release(&b);

	for (int i = 0; i < 10000; i++) {
		align_buf_addf(&b, "%05d,", i);
	}
	is_int((long long)b.len, 60000, "10000 addf calls give 60000 bytes");
	for (int i = 0; i < 10000; i++) {
		snprintf(expect, sizeof(expect), "%05d,", i);
		if (memcmp(b.ptr + pos, expect, 6)) {
			good = 0;
			break;
		}
		pos += 6;
	}
	ok(good, "addf output is intact across many reallocations");
	ok(b.ptr[b.len] == '\0', "addf keeps the terminator");
	align_buf_release(&b);

	/* One formatted piece bigger than the free room: the second pass. */
	big = malloc(20001);
	memset(big, 'q', 20000);
	big[20000] = '\0';
	align_buf_adds(&b, "head:");
	align_buf_addf(&b, "[%s]", big);
	is_int((long long)b.len, 5 + 20002,
	       "addf of 20 KB into a small buffer");
	ok(!memcmp(b.ptr, "head:[qq", 8) && b.ptr[b.len - 1] == ']' &&
	       b.ptr[b.len - 2] == 'q' && b.ptr[b.len] == '\0',
	   "the long addf is complete and terminated");
	align_buf_release(&b);
	free(big);

	/* Exact fits around the first allocation (64 bytes). */
	align_buf_grow(&b, 1);
	is_int((long long)b.alloc, 64, "the first allocation is 64 bytes");
	align_buf_addf(&b, "%s",
		       "0123456789012345678901234567890123456789"
		       "01234567890123456789012");
	is_int((long long)b.len, 63, "63 bytes fit in 64 without growing");
	is_int((long long)b.alloc, 64, "no growth for an exact fit");
	align_buf_addf(&b, "%c", 'Z');
	is_int((long long)b.len, 64, "one more byte grows the buffer");
	ok(b.ptr[63] == 'Z' && b.ptr[64] == '\0' && b.alloc > 64,
	   "the byte after an exact fit is written after growing");
	align_buf_release(&b);

	align_buf_addf(&b, "%s", "");
	ok(b.len == 0 && b.ptr[0] == '\0', "addf of nothing leaves it empty");
	align_buf_release(&b);
}

static void test_setlen_clear(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	size_t alloc;

	align_buf_adds(&b, "hello world");
	align_buf_setlen(&b, 5);
	is_str(b.ptr, "hello", "setlen shortens and terminates");
	is_int((long long)b.len, 5, "setlen sets len");
	align_buf_addch(&b, '!');
	is_str(b.ptr, "hello!", "appending after setlen continues at len");
	alloc = b.alloc;
	align_buf_clear(&b);
	ok(b.len == 0 && b.ptr[0] == '\0' && b.alloc == alloc,
	   "clear empties and keeps the memory");
	align_buf_sets(&b, "replaced");
	is_str(b.ptr, "replaced", "sets replaces the contents");
	align_buf_sets(&b, "r");
	is_str(b.ptr, "r", "sets with a shorter string");
	align_buf_release(&b);

	align_buf_setlen(&b, 0);
	ok(b.len == 0 && b.ptr[0] == '\0' && b.alloc == 0,
	   "setlen(0) on an unallocated buffer does not allocate");
	align_buf_clear(&b);
	ok(b.len == 0 && b.alloc == 0, "clear on an unallocated buffer");
}

static void test_rtrim(void)
{
	struct align_buf b = ALIGN_BUF_INIT;

	align_buf_adds(&b, "  a b \t\r\n\n ");
	align_buf_rtrim(&b);
	is_str(b.ptr, "  a b",
	       "rtrim removes trailing space, tab, CR, LF only");
	is_int((long long)b.len, 5, "rtrim updates len");
	align_buf_sets(&b, " \t\r\n");
	align_buf_rtrim(&b);
	ok(b.len == 0 && b.ptr[0] == '\0', "rtrim of only white space empties");
	align_buf_sets(&b, "keep.");
	align_buf_rtrim(&b);
	is_str(b.ptr, "keep.",
	       "rtrim leaves text without trailing space alone");
	align_buf_release(&b);
	align_buf_rtrim(&b);
	ok(b.len == 0 && b.ptr[0] == '\0', "rtrim of an unallocated buffer");
}

static void test_detach(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	size_t len = 0;
	char *p, *q;

	for (int i = 0; i < 1000; i++) {
		align_buf_adds(&b, "abcd");
	}
	p = align_buf_detach(&b, &len);
	is_int((long long)len, 4000, "detach reports the length");
	ok(p != NULL && strlen(p) == 4000 && !memcmp(p, "abcdabcd", 8),
	   "detach returns the contents");
	ok(b.len == 0 && b.alloc == 0 && b.ptr != p && b.ptr[0] == '\0',
	   "the buffer is empty and no longer owns the string after detach");
	align_buf_adds(&b, "new");
	ok(b.ptr != p && !strcmp(b.ptr, "new") && p[0] == 'a',
	   "reusing the buffer does not touch the detached string");
	free(p); /* the caller owns it: ASan checks this is a heap pointer */
	align_buf_release(&b);

	q = align_buf_detach(&b, NULL);
	ok(q != NULL && q[0] == '\0',
	   "detaching an unallocated buffer gives a fresh empty string");
	ok(q != b.ptr, "that string is not the shared empty string");
	free(q);
}

static void test_nul_inside(void)
{
	struct align_buf b = ALIGN_BUF_INIT;
	char *p;
	size_t len;

	align_buf_add(&b, "a\0b", 3);
	align_buf_addch(&b, '\0');
	align_buf_addch(&b, 'c');
	is_int((long long)b.len, 5, "NUL bytes count in len");
	ok(!memcmp(b.ptr, "a\0b\0c", 6), "bytes after a NUL are kept");
	is_int((long long)strlen(b.ptr), 1, "strlen stops at the first NUL");
	align_buf_rtrim(&b);
	is_int((long long)b.len, 5, "rtrim does not treat NUL as space");
	p = align_buf_detach(&b, &len);
	ok(len == 5 && !memcmp(p, "a\0b\0c", 6), "detach keeps inner NULs");
	free(p);
}

static void test_helpers(void)
{
	int *arr = NULL;
	size_t alloc = 0;
	char *s;

	ALIGN_ARRAY_GROW(arr, alloc, 1);
	ok(arr != NULL && alloc >= 1, "array grow allocates");
	ALIGN_ARRAY_GROW(arr, alloc, 1000);
	ok(alloc >= 1000, "array grow reaches the requested count");
	for (int i = 0; i < 1000; i++) {
		arr[i] = i; /* ASan catches a short allocation */
	}
	ok(arr[999] == 999, "the grown array is writable to its end");
	free(arr);

	s = align_strndup("abcdef", 3);
	is_str(s, "abc", "strndup copies at most len bytes");
	free(s);
	s = align_strdup("");
	is_str(s, "", "strdup of an empty string");
	free(s);
}

int main(void)
{
	test_init();
	test_add_growth();
	test_addf();
	test_setlen_clear();
	test_rtrim();
	test_detach();
	test_nul_inside();
	test_helpers();
	return done_testing();
}
