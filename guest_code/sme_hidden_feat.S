/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_hidden_feat.S - guest payload of arm64/sme_guest_hidden_features:
 * instructions that need FA64 or SME2, each at a global label.
 *
 * The streaming-mode instructions run between SMSTART SM and SMSTOP SM
 * with no compiled code in between; the ZT0 ones between SMSTART ZA and
 * SMSTOP ZA, so that PSTATE.ZA=0 cannot be why they trap.  SVE and SME
 * instructions are the .inst encodings of sme_insn.h.
 * Arguments: x0 a 64-byte buffer (ldr_zt0 loads ZT0 from it), x1 two
 * u64 where SMCR_EL1 and SVCR are stored just before the instruction.
 * Clobbers x5, x6, v0 and p0 only.
 *
 * Every function exists twice, suffix _0 and _1: the test calls copy N
 * only while the guest's SMCR_EL1 bit under test (FA64 or EZT0) is N.
 * The instructions are the same; only their addresses differ.  QEMU 11.1
 * chains the translation block after SMSTART directly to the block that
 * follows it, keyed by the state before SMSTART, which does not include
 * FA64 or EZT0, so one code sequence run under two SMCR_EL1 values would
 * reuse the first value's translation (doc/known-issues.md).
 */

#include "sme_asm.h"

	.text

.macro	hf_func what, c
	.globl	smekvm_hf_\what\()_\c
	.type	smekvm_hf_\what\()_\c, %function
	.balign	4
smekvm_hf_\what\()_\c:
.endm

.macro	hf_insn what, c
	.globl	smekvm_hf_\what\()_insn_\c
smekvm_hf_\what\()_insn_\c:
.endm

/* Store SMCR_EL1 and SVCR as they are just before the instruction to [x1]. */
.macro	hf_diag
	mrs	x6, S3_0_C1_C2_6		// smcr_el1
	str	x6, [x1]
	mrs	x6, S3_3_C4_C2_2		// svcr
	str	x6, [x1, #8]
.endm

.macro	hf_end what, c
	ret
	.size	smekvm_hf_\what\()_\c, . - smekvm_hf_\what\()_\c
.endm

/* One copy of every function, suffix c. */
.macro	hf_copy c
	hf_func fmov_streaming, \c
	.inst	SMSTART_SM
	hf_diag
	hf_insn fmov_streaming, \c
	fmov	d0, x1
	.inst	SMSTOP_SM
	hf_end fmov_streaming, \c

	hf_func add_v_streaming, \c
	.inst	SMSTART_SM
	hf_diag
	hf_insn add_v_streaming, \c
	add	v0.4s, v1.4s, v2.4s
	.inst	SMSTOP_SM
	hf_end add_v_streaming, \c

	hf_func rdffr_streaming, \c
	.inst	SMSTART_SM
	hf_diag
	hf_insn rdffr_streaming, \c
	.inst	RDFFR			// rdffr p0.b
	.inst	SMSTOP_SM
	hf_end rdffr_streaming, \c

	hf_func zero_zt0, \c
	.inst	SMSTART_ZA
	hf_diag
	hf_insn zero_zt0, \c
	.inst	ZERO_ZT0		// zero {zt0}
	.inst	SMSTOP_ZA
	hf_end zero_zt0, \c

	hf_func ldr_zt0, \c
	.inst	SMSTART_ZA
	mov	x5, x0
	hf_diag
	hf_insn ldr_zt0, \c
	zt0reg	LDR_ZT0			// ldr zt0, [x5]
	.inst	SMSTOP_ZA
	hf_end ldr_zt0, \c
.endm

	hf_copy 0
	hf_copy 1

	.section .note.GNU-stack, "", %progbits
