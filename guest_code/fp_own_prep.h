/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fp_own_prep.h - guest routines that put the FP registers into one
 * ownership state (lib/fp_own.h) and check afterwards what they wrote.
 * See fp_own_prep.S.
 *
 * Register contract: each routine takes a 64-bit pattern in x0, returns
 * in x0, and clobbers x0-x3, D15 (all of V15 or Z15), FPCR and, where its
 * name says so, PSTATE.SM or PSTATE.ZA; nothing else.  D15 is
 * callee-saved in the procedure call standard: call them only from
 * SMEKVM_GUEST_NOFP code (guest_nofp.h).
 */
#ifndef SMEKVM_FP_OWN_PREP_H
#define SMEKVM_FP_OWN_PREP_H

/* What a preparation writes to FPCR: DN, FZ, RMode=0b10. */
#define SMEKVM_FP_OWN_FPCR	0x03800000

/* Bits of smekvm_fp_own_verify(): which register lost its pattern. */
#define SMEKVM_FP_OWN_BAD_FPCR	0x1
#define SMEKVM_FP_OWN_BAD_D15	0x2

/* SMCCC_VERSION, the call KVM answers in kernel_exit. */
#define SMEKVM_FP_OWN_SMCCC_VERSION	0x80000000

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Nothing; returns 0. */
__u64 smekvm_fp_own_prep_none(__u64 pattern);
/* FPCR and D15 (MSR FPCR, FMOV): the guest's FP registers live. */
__u64 smekvm_fp_own_prep_fp(__u64 pattern);
/* Z15 (SVE DUP) first, then FPCR: SVE state live. */
__u64 smekvm_fp_own_prep_sve(__u64 pattern);
/* SMSTART SM, then FPCR and D15 (in streaming mode). */
__u64 smekvm_fp_own_prep_streaming(__u64 pattern);
/* SMSTART ZA, then FPCR and D15. */
__u64 smekvm_fp_own_prep_za(__u64 pattern);
/*
 * FPCR and D15, then SMCCC_VERSION through HVC #0 (SMC #0 at EL2, where
 * KVM forwards HVC to the guest's own vectors); returns its x0.
 */
__u64 smekvm_fp_own_prep_kernel_exit(__u64 pattern);
/* SMEKVM_FP_OWN_BAD_* of FPCR and D15 against what a preparation wrote. */
__u64 smekvm_fp_own_verify(__u64 pattern);
/* SMSTOP (PSTATE.SM and PSTATE.ZA to 0); returns 0. */
__u64 smekvm_fp_own_smstop(__u64 pattern);
#endif

#endif /* SMEKVM_FP_OWN_PREP_H */
