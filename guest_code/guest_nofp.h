/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guest_nofp.h - guest code that calls SME payloads.
 *
 * AAPCS64 makes D8-D15 (the low halves of V8-V15) callee-saved, and
 * compilers keep values there across calls.  A payload that changes
 * PSTATE.SM (SMSTART and SMSTOP zero every Z register) or loads the
 * vector registers cannot preserve them without an FP instruction of its
 * own, which would change the order of FP and SME accesses a test relies
 * on.  So the payloads of guest_code/ clobber D8-D15, and every guest
 * function that calls one is built without FP/SIMD registers.
 */
#ifndef SMEKVM_GUEST_NOFP_H
#define SMEKVM_GUEST_NOFP_H

#define SMEKVM_GUEST_NOFP	__attribute__((target("general-regs-only")))

#endif /* SMEKVM_GUEST_NOFP_H */
