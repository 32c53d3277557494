/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_vmm.h - what a VMM needs to save and restore the FP/SVE/SME state of
 * a vcpu safely (abi-reglist-restore, abi-svcr-write-first): the userspace
 * library the upstream reviewers asked for instead of a new ioctl.
 *
 * Vector lengths: smekvm_vmm_discover_vls() reads the SVE and SME vector
 * lengths an initialised, not yet finalised vcpu is offered, and their
 * intersection (the VLs at which both Z views could have the same size;
 * empty on hosts whose sets are disjoint).
 *
 * Save: smekvm_vmm_save() stores every register KVM_GET_REG_LIST names,
 * in list order, with the vcpu's features and vector lengths.
 *
 * Restore: smekvm_vmm_restore() into a vcpu that was created and
 * initialised (KVM_ARM_VCPU_INIT) like the saved one and not finalised:
 *
 *  1. refuse a vcpu whose features differ (EINVAL) or whose host cannot
 *     give it the saved vector lengths: SVE_VLS and SME_VLS are written
 *     as saved, and a set the kernel does not accept (or, for a vcpu that
 *     was finalised already, a set that differs from the saved one) is
 *     refused (EINVAL); never truncated to what the target offers;
 *  2. SMEKVM_VMM_SAFE only: write the ID registers (which decide whether
 *     ZT0 and streaming FFR exist) before anything else;
 *  3. KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC);
 *  4. SMEKVM_VMM_SAFE only: write SVCR, whose write zeroes vector state
 *     and decides which registers exist (abi-svcr-sm-zeroes,
 *     abi-view-live-svcr);
 *  5. write every other saved register in the saved list's order.
 *
 * SMEKVM_VMM_LIST_ORDER skips 2 and 4: the procedure of abi-reglist-restore
 * as it stands, which is exact only when the list names SVCR before the
 * vector registers (abi-reglist-svcr-first, [ours]); the conformance tests
 * use it to check that rule.  SMEKVM_VMM_SAFE is exact either way: use it.
 *
 * Functions return 0 or a positive errno, and describe what failed in
 * smekvm_vmm_error() (a static buffer).  Needs the KVM selftests library.
 */
#ifndef SMEKVM_SME_VMM_H
#define SMEKVM_SME_VMM_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include <kvm_util.h>

#include "sme_vcpu.h"

struct smekvm_vmm_vls {
	bool has_sve;
	bool has_sme;
	struct smekvm_vls sve;		/* offered SVE VLs (empty without SVE) */
	struct smekvm_vls sme;		/* offered SME VLs (empty without SME) */
	struct smekvm_vls common;	/* sve & sme */
};

/*
 * The vector lengths @vcpu (initialised, not finalised, or finalised: then
 * the sets it was finalised with) reads in SVE_VLS and SME_VLS.
 */
int smekvm_vmm_discover_vls(struct kvm_vcpu *vcpu, struct smekvm_vmm_vls *vls);

/* A saved vcpu: every register of its KVM_GET_REG_LIST, in that order. */
struct smekvm_vmm_state {
	__u32 features;			/* features[0] of its INIT */
	struct smekvm_vmm_vls vls;	/* as finalised */
	__u64 nr_regs;
	__u64 *ids;			/* the list, in list order */
	size_t *offsets;		/* of each payload in data */
	__u8 *data;
};

/* Save @vcpu (finalised if it has SVE or SME) into @st; free it after. */
int smekvm_vmm_save(struct kvm_vcpu *vcpu, struct smekvm_vmm_state *st);
void smekvm_vmm_state_free(struct smekvm_vmm_state *st);

/* The saved payload of @id (KVM_REG_SIZE(@id) bytes), or NULL. */
const void *smekvm_vmm_state_reg(const struct smekvm_vmm_state *st, __u64 id);

enum smekvm_vmm_order {
	SMEKVM_VMM_SAFE,	/* ID registers and SVCR first: always exact */
	SMEKVM_VMM_LIST_ORDER,	/* abi-reglist-restore as written */
};

/*
 * Restore @st into @vcpu (see the top of this file).  Registers whose
 * write fails are named in smekvm_vmm_error(); with @keep_going the
 * restore continues after such a failure (and returns the first errno).
 * A refused configuration stops before anything is written.
 */
int smekvm_vmm_restore(struct kvm_vcpu *vcpu,
		       const struct smekvm_vmm_state *st,
		       enum smekvm_vmm_order order, bool keep_going);

/* What the last failing smekvm_vmm_*() call did not like. */
const char *smekvm_vmm_error(void);

/*
 * Whether @id is one of the registers restore step 2 writes first: an ID
 * register (op0 3, op1 0, CRn 0) or SMIDR_EL1.
 */
bool smekvm_vmm_is_config_reg(__u64 id);

/*
 * Up to 3 VQs of @v to test with, into @vqs (room for 3), smallest first:
 * all of them when @v has at most 3, else the smallest, the largest and
 * the middle one.  Returns how many.
 */
unsigned int smekvm_vls_sample(const struct smekvm_vls *v, unsigned int *vqs);

#endif /* SMEKVM_SME_VMM_H */
