/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_clock.h - seconds on the monotonic clock, for the durations and
 * rates programs print and for budgets of work done after a verdict
 * (shrinking a failure); never to decide a verdict, which must not depend
 * on the machine's speed.
 */
#ifndef SMEKVM_SME_CLOCK_H
#define SMEKVM_SME_CLOCK_H

#include <time.h>

static inline double smekvm_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif /* SMEKVM_SME_CLOCK_H */
