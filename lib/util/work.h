#ifndef ALIGN_WORK_H
#define ALIGN_WORK_H

#include <stddef.h>

/*
 * A count of the steps lookups take: each slot a hash table looks at,
 * each key or section compared by a scan. It lets a test assert that
 * work grows linearly with the input by counting rather than timing.
 * One addition to a counter of the calling thread per step; nothing
 * reads it but the tests.
 */
extern _Thread_local size_t align_work__steps;

#define ALIGN_WORK_STEP() ((void)align_work__steps++)

/* The steps the calling thread has taken so far. */
size_t align_work__count(void);

#endif
