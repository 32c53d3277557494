/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_gen.h - the generator of sme_fuzz's operations: the next
 * operation of a sequence, chosen from the seed and the model's state of
 * the world (sme_fuzz_world.h) only, never from the kernel's answers, so
 * that a seed makes the same sequence on every kernel.
 *
 * It walks long random histories of a few vcpus in a few VMs, so that
 * the rules of doc/abi.md meet in combinations nobody wrote a case for:
 * an SVCR write on a vcpu whose SVL was lowered, in a VM whose SME2 was
 * hidden, after a second INIT; a faulting write between two of those.
 * Its operations (sme_fuzz_op.h):
 *
 *  - KVM_ARM_VCPU_INIT with the VM's features (none, SVE, SME, both),
 *    another set, an unknown bit, SME with AArch32 or with EL2, first or
 *    again;
 *  - KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC), twice, or of another value;
 *  - KVM_GET_ONE_REG and KVM_SET_ONE_REG of vector, matrix, VLS, FP and
 *    SME system registers, of IDs with a bad slice, row, size or index,
 *    and of registers the vcpu's features or ID registers hide, from and
 *    into a good buffer, NULL, a kernel address, a PROT_NONE page or a
 *    buffer that runs into one; SVCR with all four SM/ZA values and RES0
 *    bits; SVE_VLS and SME_VLS with truncations and invalid sets;
 *  - writes of ID_AA64PFR1_EL1.SME and ID_AA64SMFR0_EL1.FA64 that hide
 *    SME2 and FA64 (or show them again, or are refused), as the ABI allows
 *    on VMs that never ran (and EBUSY once one did);
 *  - KVM_GET_REG_LIST, compared with the model's view, and the VM's
 *    KVM_ARM_GET_REG_WRITABLE_MASKS;
 *  - KVM_RUN of a vcpu of the first VM slot, whose guest stores what it
 *    finds and enters an SVCR state with fresh values (sme_fuzz_run.h);
 *  - a new vcpu in a slot, a new VM in a slot.
 *
 * A vcpu not yet initialised gets an INIT seven times in ten, and one
 * with SVE or SME not yet finalised a FINALIZE, a VLS write, the
 * register list or KVM_RUN four times in ten, so that sequences soon reach the
 * states in which the other calls matter.
 */
#ifndef SMEKVM_SME_FUZZ_GEN_H
#define SMEKVM_SME_FUZZ_GEN_H

#include <linux/types.h>

#include "sme_fuzz_op.h"
#include "sme_fuzz_world.h"
#include "sme_model_sys.h"

struct smekvm_fuzz_gen {
	__u64 rng;
	const struct smekvm_model_host *host;
	__u32 shape[SMEKVM_FUZZ_NR_VMS];	/* the features of most INITs */
	unsigned int new_vms;	/* NEW_VM operations still allowed */
};

/*
 * The generator of sequence @s of those seeded @seed, on a host offering
 * @h: the first VM's INITs mostly ask @shape, the second VM's another
 * shape the host offers; at most @new_vms operations make a new VM.
 */
void smekvm_fuzz_gen_init(struct smekvm_fuzz_gen *g,
			  const struct smekvm_model_host *h, __u64 seed,
			  unsigned long s, __u32 shape, unsigned int new_vms);

/* The next operation, into @op, for the world @w as the model sees it. */
void smekvm_fuzz_gen_op(struct smekvm_fuzz_gen *g,
			const struct smekvm_fuzz_world *w,
			struct smekvm_fuzz_op *op);

#endif /* SMEKVM_SME_FUZZ_GEN_H */
