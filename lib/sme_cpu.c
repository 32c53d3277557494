// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_cpu.c - moving the calling thread between host CPUs.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include "sme_cpu.h"

void smekvm_move_to_cpu(unsigned int i)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	if (n < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(i % n, &set);
	sched_setaffinity(0, sizeof(set), &set);
	sched_yield();
}
