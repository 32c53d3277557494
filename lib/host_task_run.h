/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_task_run.h - KVM_RUN issued with the calling task's own FP/SVE/SME
 * state live, and whether the task still has it afterwards.
 *
 * For the checks of what KVM_RUN leaves in the task that calls it
 * (abi-host-*, abi-iso-host; sme_host_task, sme_isolation): the task
 * loads patterns of its own (sme_state_img.h, owner VM SMEKVM_TASK_VM)
 * and FPSR, FPCR and TPIDR2_EL0 values no guest uses, issues KVM_RUN and
 * reads its registers back from assembly (host_ioctl_state.h), so that
 * no compiled code runs in between.  Which registers the task has, and
 * their sizes, are the reference model's, applied to the task
 * (smekvm_task_model()).
 */
#ifndef SMEKVM_HOST_TASK_RUN_H
#define SMEKVM_HOST_TASK_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "host_ioctl_state.h"
#include "sme_state_img.h"

#define SMEKVM_TASK_VM		14	/* owner.vm of the task's patterns */
#define SMEKVM_TASK_FPSR	0x0800008eULL
#define SMEKVM_TASK_FPCR	0x03400000ULL	/* DN, FZ, RMode +inf */
#define SMEKVM_TASK_TPIDR2	0x7e57000000000000ULL	/* | generation */

/*
 * The task's registers as the model has them: SVE, SME, SME2 and FA64
 * from its hwcaps, and the vector lengths it runs at.
 */
void smekvm_task_model(struct smekvm_model_cfg *m);

/*
 * The V registers of a task with registers @task and, with @za, ZA on:
 * its ZA rows and ZT0 as well (and SVCR, TPIDR2_EL0 read back).
 */
struct smekvm_img_geom smekvm_task_v_geom(const struct smekvm_model_cfg *task,
					  bool za);

struct smekvm_task_run {
	/* Set by the caller: */
	struct smekvm_img_geom ld;	/* what the task loads */
	struct smekvm_img_geom rd;	/* what it reads back afterwards */
	struct smekvm_img_owner o;	/* its patterns; o.gen in TPIDR2_EL0 */
	/* Set by smekvm_task_kvm_run(): */
	struct smekvm_gregs in, out;
	__u64 ctl[SMEKVM_NR_HCTL];
};

/*
 * One KVM_RUN of @vcpu with the task's patterns of @t->o loaded as @t->ld
 * says and its FPSR, FPCR and TPIDR2_EL0 set; afterwards the registers
 * @t->rd names are in @t->out and the control registers in @t->ctl, and
 * ZA is off again.  Returns 0 or KVM_RUN's errno (EINTR included).
 */
int smekvm_task_kvm_run(struct kvm_vcpu *vcpu, struct smekvm_task_run *t);

/*
 * Whether the task's FPCR, FPSR (unless it was in streaming mode, whose
 * end resets FPSR) and, with SME, TPIDR2_EL0 and SVCR (ZA as loaded, SM
 * 0) are after KVM_RUN what they were before; if not, what differs first
 * in @msg ("FPCR 0x... after KVM_RUN, expected 0x...").
 */
bool smekvm_task_ctl_kept(const struct smekvm_task_run *t, char *msg,
			  size_t size);

#endif /* SMEKVM_HOST_TASK_RUN_H */
