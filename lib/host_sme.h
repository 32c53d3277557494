/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_sme.h - SME in the test program's own (host) task.
 *
 * For checking what KVM_RUN does to the state of the task that calls it
 * (abi-host-*) and for host threads that use SME while vcpus run
 * (abi-rt-preserve).  Needs a kernel with SME for userspace (HWCAP2_SME).
 * PSTATE.ZA may stay on while compiled code runs; streaming mode (SM) is
 * never entered here.
 */
#ifndef SMEKVM_HOST_SME_H
#define SMEKVM_HOST_SME_H

#include <linux/types.h>

/* SVCR (PSTATE.SM is bit 0, PSTATE.ZA bit 1). */
__u64 smekvm_host_svcr(void);
/* RDSVL: the task's streaming vector length in bytes. */
__u64 smekvm_host_rdsvl(void);
/* SMSTART ZA / SMSTOP ZA. */
void smekvm_host_za_start(void);
void smekvm_host_za_stop(void);
/* ZA horizontal row @row from/to @buf (RDSVL bytes); PSTATE.ZA must be 1. */
void smekvm_host_za_row_load(const void *buf, __u32 row);
void smekvm_host_za_row_store(void *buf, __u32 row);
/* TPIDR2_EL0. */
__u64 smekvm_host_tpidr2(void);
void smekvm_host_set_tpidr2(__u64 val);

#endif /* SMEKVM_HOST_SME_H */
