#ifndef ALIGN_ERROR_H
#define ALIGN_ERROR_H

/*
 * Return codes of libalign. 0 is success; negative values are failures.
 * The few expected failures have their own codes so callers can choose an
 * exit status; everything else is ALIGN_ERROR. The human-readable message
 * lives on the handle that failed (for example align_repo_error()).
 */
enum {
	ALIGN_OK = 0,
	ALIGN_ERROR = -1,     /* I/O, repository, library failure */
	ALIGN_ENOTFOUND = -2, /* no such record, file or reference */
	ALIGN_EEXISTS = -3,   /* it exists already */
	ALIGN_EINVALID = -4,  /* the input is malformed */
	ALIGN_ECONFLICT = -5, /* someone else changed it meanwhile */
	ALIGN_EREFUSED = -6,  /* a rule forbids the operation */
	ALIGN_ELOCKED = -7,   /* a lock file is held */
	ALIGN_ETOOBIG = -8,   /* over a size limit */
	ALIGN_ECORRUPT = -9,  /* an object git should have is missing */
};

#endif
