/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_step.h - guest payload: put the vcpu in one SVCR state, load
 * the live registers, take one step (an exit to userspace or one PSTATE.SM
 * or PSTATE.ZA change), and store the registers that are live afterwards.
 * See sme_state_step.S.
 *
 * The memory image is struct smekvm_gregs of sme_exit_roundtrip.h.  Which
 * registers are loaded and stored depends on the live state:
 *
 *  - streaming mode: Z0-Z31 and P0-P15 at the SVL, FFR with STEP_SS_FFR;
 *  - non-streaming with STEP_NS_SVE: Z, P and FFR at the SVE VL;
 *  - non-streaming without it: V0-V31, 16 bytes each, in the Z slots;
 *  - PSTATE.ZA=1: @rows ZA rows and, with STEP_ZT0, ZT0.
 */
#ifndef SMEKVM_SME_STATE_STEP_H
#define SMEKVM_SME_STATE_STEP_H

#include "sme_exit_roundtrip.h"

/* flags: the state before the step and what exists. */
#define SMEKVM_STEP_SM		0x01		/* SMSTART SM before loading */
#define SMEKVM_STEP_ZA		0x02		/* SMSTART ZA before loading */
#define SMEKVM_STEP_NS_SVE	0x04		/* non-streaming Z/P/FFR (SVE) */
#define SMEKVM_STEP_SS_FFR	0x08		/* streaming FFR (FA64 on) */
#define SMEKVM_STEP_ZT0		0x10		/* ZT0 (SME2, EZT0 on) */
#define SMEKVM_STEP_SME		0x20		/* the vcpu has SME */
#define SMEKVM_STEP_FP_FIRST	0x40		/* an FP or SVE load first (LDR Q0/Z0) */

/* flags bits [11:8]: the step. */
#define SMEKVM_STEP_OP_SHIFT	8
#define SMEKVM_STEP_OP(op)	((op) << SMEKVM_STEP_OP_SHIFT)
#define SMEKVM_OP_EXIT		0	/* store to exit_addr */
#define SMEKVM_OP_SMSTART	1
#define SMEKVM_OP_SMSTART_SM	2
#define SMEKVM_OP_SMSTART_ZA	3
#define SMEKVM_OP_SMSTOP	4
#define SMEKVM_OP_SMSTOP_SM	5
#define SMEKVM_OP_SMSTOP_ZA	6
#define SMEKVM_OP_MSR_SVCR	7	/* MSR SVCR, <flags bits [17:16]> */
#define SMEKVM_STEP_SVCR_SHIFT	16

/* FPSR after the state is set up and before the step. */
#define SMEKVM_STEP_FPSR_IN	0x2	/* DZC */

#ifndef __ASSEMBLY__
#include <linux/types.h>

/*
 * Guest, with FP (and SVE, SME as @flags need) enabled in CPACR_EL1 and
 * SMCR_EL1 set up: enter the state @flags name (starting from SVCR 0),
 * load the live registers from @in, set FPSR to SMEKVM_STEP_FPSR_IN, take
 * the step, store the live registers and SVCR (0 without SME) to @out,
 * leave streaming mode and ZA, and return FPSR as it was after the step.
 * @rows is the SVL in bytes.  No compiled code runs in between.
 * Clobbers D8-D15: call it only from SMEKVM_GUEST_NOFP functions
 * (guest_nofp.h).
 */
__u64 smekvm_state_step(const struct smekvm_gregs *in,
			struct smekvm_gregs *out, __u64 *exit_addr,
			__u64 flags, __u64 rows);
#endif /* !__ASSEMBLY__ */

#endif /* SMEKVM_SME_STATE_STEP_H */
