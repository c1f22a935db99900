#ifndef ALIGN_FAULT_H
#define ALIGN_FAULT_H

/*
 * Fault points for the crash tests. In a build configured with
 * -Dfault_injection=true, ALIGN_FAULT=<point> in the environment kills the
 * process with SIGKILL when it reaches that point, as a crash or `kill -9`
 * would: nothing is flushed or cleaned up. Elsewhere the points compile to
 * nothing.
 */
#ifdef ALIGN_FAULT_INJECTION
void align_fault(const char *point);
#define ALIGN_FAULT_POINT(point) align_fault(point)
#else
#define ALIGN_FAULT_POINT(point) ((void)0)
#endif

#endif
