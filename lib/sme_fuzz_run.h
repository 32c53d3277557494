/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_run.h - sme_fuzz's KVM_RUN: a guest that changes its SME state,
 * between and among the ioctls of a sequence.
 *
 * The first VM slot of a sequence is a VM with memory, its guest code
 * loaded and an exit page mapped (the other slot stays barebones: its
 * vcpus only ever take ioctls).  Its vcpus are made when the VM is, so
 * that all of them exist before it first runs: protected KVM sizes a VM
 * at its first run, so a vcpu made later in the slot never runs (the
 * operation does nothing).  After each successful INIT such a vcpu is set
 * up to enter the guest at its entry point (its MMU, stack and vectors,
 * none of which the model holds).
 *
 * SMEKVM_FUZZ_RUN on a vcpu that cannot run checks the errno of KVM_RUN
 * with immediate_exit set: ENOEXEC before INIT, EPERM before FINALIZE on
 * a vcpu with SVE or SME (abi-final-run-eperm).  On one that can, the
 * guest takes one step of guest_code/sme_state_step.S:
 *
 *  1. a vcpu parked in the previous step (below) first stores every
 *     register live in its SVCR state, whatever userspace wrote meanwhile
 *     (SVCR included), and the FPSR and TPIDR2_EL0 it finds; each is
 *     compared with the model (abi-rt-onereg-live: what ONE_REG wrote
 *     is what the guest finds; abi-rt-preserve);
 *  2. it leaves streaming mode and ZA (SMSTOP), writes SMCR_EL1 (LEN 15,
 *     FA64 and EZT0 as the VM has them), TPIDR2_EL0 and FPCR from the
 *     operation, enters the SVCR state the operation asks for, loads a
 *     pattern (sme_pattern.h) into every live register, sets FPSR and
 *     stores to the exit page: KVM_RUN returns with that state live, and
 *     the vcpu is parked there until its next run.
 *
 * The model takes every change the guest made as if userspace had
 * written the same values (SMSTOP and SMSTART are SVCR writes,
 * abi-guest-sm-change and abi-svcr-sm-zeroes say the same), so the
 * ioctls that follow check what the guest left behind.  A userspace
 * write of SMCR_EL1 to a parked vcpu would change the SVL under the
 * guest's feet: the next run writes the parked value back first (a
 * checked SET).  Once a vcpu of the VM has run, its ID registers are
 * fixed (sme_model_sys.h).  The calling thread's TPIDR2_EL0 must come
 * back from every KVM_RUN as it was (abi-host-tpidr2-kept,
 * abi-host-no-guest-state).
 */
#ifndef SMEKVM_SME_FUZZ_RUN_H
#define SMEKVM_SME_FUZZ_RUN_H

#include <stdbool.h>

#include "sme_fuzz_op.h"
#include "sme_fuzz_world.h"

/*
 * What a RUN asks for (op->arg).  op->val is the TPIDR2_EL0 it writes;
 * its low byte is the generation of the pattern it loads.
 */
#define SMEKVM_FUZZ_RUN_SM		0x1	/* enter streaming mode */
#define SMEKVM_FUZZ_RUN_ZA		0x2	/* turn ZA on */
#define SMEKVM_FUZZ_RUN_FP_FIRST	0x4	/* an FP access first */
#define SMEKVM_FUZZ_RUN_ARGS		0x7

/* The VM slot whose vcpus run. */
#define SMEKVM_FUZZ_RUN_VM		0

/* Make VM slot @v a VM whose vcpus run the guest, with all its vcpus. */
void smekvm_fuzz_run_vm_create(struct smekvm_fuzz_vm *v);

/*
 * After a successful INIT of vcpu @c of VM @v: set it up to enter the
 * guest at its entry point (nothing the model holds changes).
 */
void smekvm_fuzz_run_setup(struct smekvm_fuzz_vm *v,
			   struct smekvm_fuzz_vcpu *c);

/* Operation SMEKVM_FUZZ_RUN; false when a check failed. */
bool smekvm_fuzz_exec_run(struct smekvm_fuzz_world *w,
			  struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
			  const struct smekvm_fuzz_op *op);

#endif /* SMEKVM_SME_FUZZ_RUN_H */
