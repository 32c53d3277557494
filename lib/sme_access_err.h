/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_access_err.h - the expected outcome of a ONE_REG access to a vector
 * or matrix register (abi-onereg-*, abi-vls-final-eperm).
 *
 * For an access, smekvm_access_conds() says which rows of the error table
 * (abi-onereg-*) apply (there may be several: a ZA row beyond the SVL with
 * SVCR.ZA=0 before finalisation is malformed, inaccessible and unfinalised
 * at once), and smekvm_access_errno() turns them into the errno the ABI
 * expects: the first row that applies, in the table's order
 * (abi-onereg-order, [ours]; with a profile without that rule, any of them
 * is accepted, see smekvm_access_err_ok()).  The table lives here and
 * nowhere else: the conformance tests take every expected errno of an
 * access from it.
 *
 * Registers covered: the SVE group (Z, P, FFR, SVE_VLS, unknown indices),
 * the SME group (ZA rows, ZT0, SME_VLS, unknown indices and sizes) and
 * the FPSIMD V registers as core registers.
 */
#ifndef SMEKVM_SME_ACCESS_ERR_H
#define SMEKVM_SME_ACCESS_ERR_H

#include <stdbool.h>
#include <linux/bits.h>
#include <linux/types.h>

#include "sme_model.h"

/* The rows of the error table, in their order. */
#define SMEKVM_ACC_NOENT	BIT(0)	/* no such register: ENOENT */
#define SMEKVM_ACC_MALFORMED	BIT(1)	/* not at this VL: EINVAL */
#define SMEKVM_ACC_BUSY		BIT(2)	/* ZA off: EBUSY */
#define SMEKVM_ACC_UNFINAL	BIT(3)	/* before finalise: EPERM */
#define SMEKVM_ACC_FAULT	BIT(4)	/* bad pointer: EFAULT */
/* Not in the table: a VLS write after finalise (abi-vls-final-eperm). */
#define SMEKVM_ACC_FINAL	BIT(5)
/* The reference model and the table here disagree: no errno is right. */
#define SMEKVM_ACC_DISAGREE	BIT(6)

/* One access: the vcpu's configuration and state, and what is done. */
struct smekvm_access {
	const struct smekvm_model_cfg *cfg;	/* sve_vq/sme_vq: maxima now */
	__u64 svcr;
	bool finalized;
	bool set;		/* KVM_SET_ONE_REG, else KVM_GET_ONE_REG */
	bool bad_ptr;		/* the user pointer faults */
};

/* Whether @id is one this file knows about (SVE/SME group, V regs). */
bool smekvm_access_covers(__u64 id);

/* The rows of the table that apply to accessing @id as @a says. */
unsigned int smekvm_access_conds(const struct smekvm_access *a, __u64 id);

/* The errno the ABI gives for @conds (0: the access succeeds). */
int smekvm_access_errno(unsigned int conds);

/*
 * Whether @err is a correct result for @conds: the first row's errno, or,
 * when the profile lacks the [ours] order, the errno of any row that
 * applies.
 */
bool smekvm_access_err_ok(unsigned int conds, int err);

#endif /* SMEKVM_SME_ACCESS_ERR_H */
