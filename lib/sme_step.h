/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_step.h - host side of guest_code/sme_state_step.S: which registers
 * the payload moves in each SVCR state, the patterns it loads, and the
 * comparison of what it stored.
 *
 * A vcpu's registers are described once, as the reference model's
 * configuration (struct smekvm_step_vcpu, lib/sme_model.h): which
 * registers are live in an SVCR state, and at which size, is the model's
 * answer (smekvm_model_state_ids(), smekvm_model_state_bytes()).  The
 * image the guest loads holds, for an SVCR state, every live register's
 * pattern (sme_pattern.h: vcpu, generation, class, register and byte),
 * and what the guest stored is compared with either that pattern or zero.
 */
#ifndef SMEKVM_SME_STEP_H
#define SMEKVM_SME_STEP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "guest_code/sme_state_step.h"
#include "sme_model.h"

struct smekvm_step_vcpu {
	/*
	 * The registers the guest reaches: the VM's, with fa64 and sme2
	 * set only if the guest also sets SMCR_EL1.FA64 and SMCR_EL1.EZT0,
	 * and sve_vq and sme_vq the VLs it runs at.
	 */
	struct smekvm_model_cfg cfg;
	unsigned int vcpu;	/* vcpu number in the patterns */
};

/* The flags of smekvm_state_step() for state @svcr and step @op. */
__u64 smekvm_step_flags(const struct smekvm_step_vcpu *v, __u64 svcr,
			unsigned int op, __u64 target_svcr);

/*
 * Fill @g with generation @gen's pattern of every register live in state
 * @svcr, at its size in that state, and zero the rest.
 */
void smekvm_step_fill(const struct smekvm_step_vcpu *v,
		      struct smekvm_gregs *g, __u64 svcr, unsigned int gen);

/* Poison every byte of @g (before the guest stores into it). */
void smekvm_step_poison(struct smekvm_gregs *g);

/*
 * The expected contents of one register: generation @gen's pattern of
 * @bytes bytes, or zeroes when @zero.  @cls is a SMEKVM_CLS_* value.
 */
void smekvm_step_expected(const struct smekvm_step_vcpu *v, void *buf,
			  int cls, unsigned int reg, unsigned int bytes,
			  unsigned int gen, bool zero);

/*
 * Compare what @out holds with state @svcr: its SVCR, and every register
 * live in @svcr with generation @gen (or zero: the vector registers when
 * @vec_zero, ZA and ZT0 when @za_zero).  On a difference, print
 * "<what>: SVCR ..." or "<what>: <register> byte <n> is ..., expected
 * ..." (first difference only) and return false.
 */
bool smekvm_step_compare(const struct smekvm_step_vcpu *v,
			 const struct smekvm_gregs *out, __u64 svcr,
			 unsigned int gen, bool vec_zero, bool za_zero,
			 const char *what);

/*
 * What the payload stored in @out after step @op (SMEKVM_OP_*, with
 * @target for MSR SVCR) from state @svcr, and the FPSR it returned, are
 * what the Arm ARM's SetPSTATE_SM and SetPSTATE_ZA say: the SVCR the
 * step gives, generation @gen in every register live afterwards, but
 * zero in those a change of PSTATE.SM (Z, P, FFR or V) or PSTATE.ZA 0->1
 * (ZA, ZT0) zeroes, and FPSR 0x0800009f after a change of PSTATE.SM,
 * else as loaded.  Reports as smekvm_step_compare().
 */
bool smekvm_step_check(const struct smekvm_step_vcpu *v,
		       const struct smekvm_gregs *out, __u64 svcr,
		       unsigned int op, __u64 target, unsigned int gen,
		       __u64 fpsr, const char *what);

/* One live register: its place in the image and its ONE_REG ID. */
struct smekvm_step_reg {
	int cls;		/* SMEKVM_CLS_* */
	unsigned int reg;	/* register or ZA row number */
	unsigned int bytes;	/* bytes at the current VL */
	size_t off;		/* offset in struct smekvm_gregs */
	__u64 id;		/* KVM_GET_ONE_REG ID */
	bool za;		/* zeroed with ZA rather than with SM */
};

/* At most 32 Z + 16 P + FFR + 256 ZA rows + ZT0. */
#define SMEKVM_STEP_MAX_REGS	SMEKVM_MODEL_MAX_STATE_REGS

/*
 * The registers live in state @svcr, in image order (the model's order:
 * V or Z, P, FFR, ZA rows, ZT0); returns how many.
 */
unsigned int smekvm_step_regs(const struct smekvm_step_vcpu *v, __u64 svcr,
			      struct smekvm_step_reg *regs);

#endif /* SMEKVM_SME_STEP_H */
