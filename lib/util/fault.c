#include "fault.h"

#ifdef ALIGN_FAULT_INJECTION

#include <signal.h>
#include <stdlib.h>
#include <string.h>

void align_fault(const char *point)
{
	const char *want = getenv("ALIGN_FAULT");

	if (want && !strcmp(want, point)) {
		raise(SIGKILL);
	}
}

#else

/* ISO C wants a translation unit to declare something. */
typedef int align_fault_unused;

#endif
