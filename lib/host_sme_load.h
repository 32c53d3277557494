/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_sme_load.h - host threads that use SME while vcpus run.
 *
 * One thread per online CPU keeps ZA on with a pattern of its own in a
 * ZA row, sets TPIDR2_EL0, yields, and checks both afterwards, so that
 * the host's own SME state is live, switched and checked while KVM
 * switches guest state on the same CPUs.  Needs HWCAP2_SME.
 */
#ifndef SMEKVM_HOST_SME_LOAD_H
#define SMEKVM_HOST_SME_LOAD_H

#include <stdbool.h>

struct smekvm_host_load;

/*
 * Whether the task may use SME: HWCAP2_SME, unless SMEKVM_HOST_SME=0
 * keeps the task and its threads out of SME (to tell host SME use from
 * guest faults).
 */
bool smekvm_host_task_sme(void);

/* Start the threads; NULL when the task may not use SME. */
struct smekvm_host_load *smekvm_host_load_start(void);

/*
 * Stop and free them; @rounds and @errors get the totals of every
 * thread (an error is a ZA row or TPIDR2_EL0 that changed under it).
 * Returns the number of threads.
 */
unsigned int smekvm_host_load_stop(struct smekvm_host_load *l,
				   unsigned long *rounds,
				   unsigned long *errors);

#endif /* SMEKVM_HOST_SME_LOAD_H */
