/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_hidden_insns.S - guest payload of arm64/sme_hidden.
 *
 * One function per check: u64 sme_hidden_<what>(u64 arg) executes the
 * instruction under test at the global label sme_hidden_<what>_insn and
 * returns x0: the value an MRS read, 0 for the other checks.  An MSR
 * writes @arg (x0).  The guest's exception handler skips a faulting
 * instruction, so each function always returns.  Clobbers x0 (and V0:
 * fp_fmov) only.
 *
 * SVE and SME instructions are the .inst encodings of sme_insn.h, and
 * system registers use their generic S<op0>_<op1>_C<n>_C<m>_<op2> names,
 * so that any assembler builds this.
 *
 * Should SME work after all (a bug the test reports), each function leaves
 * the state it changed as it found it: SMSTART is followed by SMSTOP, and
 * the ZA and ZT0 instructions are bracketed by SMSTART ZA and SMSTOP ZA
 * (which also makes them legal, so they cannot UNDEF merely because
 * PSTATE.ZA is 0).
 */

#include "sme_asm.h"

	.text

.macro	hidden_func what
	.globl	sme_hidden_\what
	.type	sme_hidden_\what, %function
	.balign	4
sme_hidden_\what:
.endm

.macro	hidden_insn what
	.globl	sme_hidden_\what\()_insn
sme_hidden_\what\()_insn:
.endm

.macro	hidden_end what
	ret
	.size	sme_hidden_\what, . - sme_hidden_\what
.endm

/* MRS x0, <reg>: preset x0 to all ones so that a skipped read is not 0. */
.macro	hidden_read what, reg
hidden_func \what
	mov	x0, #-1
hidden_insn \what
	mrs	x0, \reg
hidden_end \what
.endm

/* MSR <reg>, x0 */
.macro	hidden_write what, reg
hidden_func \what
hidden_insn \what
	msr	\reg, x0
	mov	x0, #0
hidden_end \what
.endm

hidden_func smstart
	mov	x0, #0
hidden_insn smstart
	.inst	SMSTART
	.inst	SMSTOP
hidden_end smstart

hidden_func smstop
	mov	x0, #0
hidden_insn smstop
	.inst	SMSTOP
hidden_end smstop

hidden_func rdsvl
	mov	x0, #0
hidden_insn rdsvl
	.inst	RDSVL			// rdsvl x0, #1
	mov	x0, #0
hidden_end rdsvl

hidden_func zero_za
	mov	x0, #0
	.inst	SMSTART_ZA
hidden_insn zero_za
	.inst	ZERO_ZA			// zero {za}
	.inst	SMSTOP_ZA
hidden_end zero_za

hidden_func zero_zt0
	mov	x0, #0
	.inst	SMSTART_ZA
hidden_insn zero_zt0
	.inst	ZERO_ZT0		// zero {zt0}
	.inst	SMSTOP_ZA
hidden_end zero_zt0

hidden_func fp_fmov
	mov	x0, #0
hidden_insn fp_fmov
	fmov	d0, xzr
hidden_end fp_fmov

hidden_func sve_rdvl
	mov	x0, #0
hidden_insn sve_rdvl
	.inst	RDVL			// rdvl x0, #1
hidden_end sve_rdvl

	hidden_read	svcr_read,		S3_3_C4_C2_2	// SVCR
	hidden_write	svcr_write,		S3_3_C4_C2_2
	hidden_read	smcr_el1_read,		S3_0_C1_C2_6	// SMCR_EL1
	hidden_write	smcr_el1_write,		S3_0_C1_C2_6
	hidden_read	tpidr2_el0_read,	S3_3_C13_C0_5	// TPIDR2_EL0
	hidden_write	tpidr2_el0_write,	S3_3_C13_C0_5
	hidden_read	smpri_el1_read,		S3_0_C1_C2_4	// SMPRI_EL1
	hidden_write	smpri_el1_write,	S3_0_C1_C2_4
	hidden_read	smidr_el1_read,		S3_1_C0_C0_6	// SMIDR_EL1
	hidden_read	id_aa64pfr1_el1_read,	S3_0_C0_C4_1	// ID_AA64PFR1_EL1
	hidden_read	id_aa64smfr0_el1_read,	S3_0_C0_C4_5	// ID_AA64SMFR0_EL1

	.section .note.GNU-stack, "", %progbits
