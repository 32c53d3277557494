/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_hidden_feat.h - guest payload of arm64/sme_guest_hidden_features.
 *
 * smekvm_hf_<what>_<c>(buf, diag) sets up the PSTATE the instruction
 * under test needs, stores SMCR_EL1 and SVCR to diag[0] and diag[1],
 * executes the instruction at the global label smekvm_hf_<what>_insn_<c>,
 * and undoes the setup.  Copy c (0 or 1) is for a guest SMCR_EL1 whose
 * bit under test (FA64 or EZT0) is c: see sme_hidden_feat.S for why.  The guest's exception handler (lib/guest_exc.c) skips the
 * instruction if it faults, so each function always returns.  They clobber
 * D8-D15: call them only from SMEKVM_GUEST_NOFP functions (guest_nofp.h).  See
 * sme_hidden_feat.S.
 */
#ifndef SMEKVM_SME_HIDDEN_FEAT_H
#define SMEKVM_SME_HIDDEN_FEAT_H

#include <linux/types.h>

#define SMEKVM_HF_INSN(what)						\
	void smekvm_hf_##what##_0(const void *buf, __u64 *diag);	\
	void smekvm_hf_##what##_1(const void *buf, __u64 *diag);	\
	extern const char smekvm_hf_##what##_insn_0[];			\
	extern const char smekvm_hf_##what##_insn_1[]

/* In streaming mode: FMOV D0, X1 (scalar FP: legal without FA64). */
SMEKVM_HF_INSN(fmov_streaming);
/* In streaming mode: ADD V0.4S, V1.4S, V2.4S (Advanced SIMD: needs FA64). */
SMEKVM_HF_INSN(add_v_streaming);
/* In streaming mode: RDFFR P0.B (illegal without FA64). */
SMEKVM_HF_INSN(rdffr_streaming);
/* With PSTATE.ZA=1: ZERO {ZT0}. */
SMEKVM_HF_INSN(zero_zt0);
/* With PSTATE.ZA=1: LDR ZT0, [buf] (64 bytes). */
SMEKVM_HF_INSN(ldr_zt0);

#endif /* SMEKVM_SME_HIDDEN_FEAT_H */
