#ifndef ALIGN_BANNED_H
#define ALIGN_BANNED_H

/*
 * Functions that are easy to misuse: unbounded copies, hidden static
 * buffers, the process-wide time zone. Included last by every source file
 * so a use is a compile error. Use struct align_buf and lib/util/date.h.
 */

#define ALIGN_BANNED(func) sorry_##func##_is_banned_in_align

#undef strcpy
#define strcpy(x, y) ALIGN_BANNED(strcpy)
#undef strcat
#define strcat(x, y) ALIGN_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) ALIGN_BANNED(strncpy)
#undef sprintf
#define sprintf(...) ALIGN_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) ALIGN_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) ALIGN_BANNED(strtok)
#undef gmtime
#define gmtime(t) ALIGN_BANNED(gmtime)
#undef localtime
#define localtime(t) ALIGN_BANNED(localtime)
#undef ctime
#define ctime(t) ALIGN_BANNED(ctime)
#undef asctime
#define asctime(t) ALIGN_BANNED(asctime)

#endif
