/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_hidden_feat.S - guest payload of arm64/sme_guest_hidden_features:
 * instructions that need FA64 or SME2, each at a global label.
 *
 * The streaming-mode instructions run between SMSTART SM and SMSTOP SM
 * with no compiled code in between; the ZT0 ones between SMSTART ZA and
 * SMSTOP ZA, so that PSTATE.ZA=0 cannot be why they trap.  Encodings are
 * .inst with the mnemonic in a comment (checked with binutils 2.40).
 * Arguments: x0 a 64-byte buffer (ldr_zt0 loads ZT0 from it), x1 two
 * u64 where SMCR_EL1 and SVCR are stored just before the instruction.
 * Clobbers x5, x6, v0 and p0 only.
 */

	.text

.macro	hf_func what
	.globl	smekvm_hf_\what
	.type	smekvm_hf_\what, %function
	.balign	4
smekvm_hf_\what:
.endm

.macro	hf_insn what
	.globl	smekvm_hf_\what\()_insn
smekvm_hf_\what\()_insn:
.endm

/* Store SMCR_EL1 and SVCR as they are just before the instruction to [x1]. */
.macro	hf_diag
	mrs	x6, S3_0_C1_C2_6		// smcr_el1
	str	x6, [x1]
	mrs	x6, S3_3_C4_C2_2		// svcr
	str	x6, [x1, #8]
.endm

.macro	hf_end what
	ret
	.size	smekvm_hf_\what, . - smekvm_hf_\what
.endm

hf_func fmov_streaming
	.inst	0xd503437f		// smstart sm
	hf_diag
hf_insn fmov_streaming
	.inst	0x9e670020		// fmov d0, x1
	.inst	0xd503427f		// smstop sm
hf_end fmov_streaming

hf_func add_v_streaming
	.inst	0xd503437f		// smstart sm
	hf_diag
hf_insn add_v_streaming
	.inst	0x4ea28420		// add v0.4s, v1.4s, v2.4s
	.inst	0xd503427f		// smstop sm
hf_end add_v_streaming

hf_func rdffr_streaming
	.inst	0xd503437f		// smstart sm
	hf_diag
hf_insn rdffr_streaming
	.inst	0x2519f000		// rdffr p0.b
	.inst	0xd503427f		// smstop sm
hf_end rdffr_streaming

hf_func zero_zt0
	.inst	0xd503457f		// smstart za
	hf_diag
hf_insn zero_zt0
	.inst	0xc0480001		// zero {zt0}
	.inst	0xd503447f		// smstop za
hf_end zero_zt0

hf_func ldr_zt0
	.inst	0xd503457f		// smstart za
	mov	x5, x0
	hf_diag
hf_insn ldr_zt0
	.inst	0xe11f80a0		// ldr zt0, [x5]
	.inst	0xd503447f		// smstop za
hf_end ldr_zt0

	.section .note.GNU-stack, "", %progbits
