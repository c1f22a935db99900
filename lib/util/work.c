#include "work.h"

#include "banned.h"

_Thread_local size_t align_work__steps;

size_t align_work__count(void)
{
	return align_work__steps;
}
