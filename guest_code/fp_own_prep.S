/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fp_own_prep.S - guest side of the FP-ownership states (lib/fp_own.h):
 * the preparation each state makes before a check, and the check of what
 * it wrote.  The register contract is in fp_own_prep.h: x0 the pattern
 * in and the result out, x0-x3, D15 (V15/Z15), FPCR and, as named,
 * PSTATE.SM or PSTATE.ZA clobbered.
 *
 * Each preparation's first instruction is the FP-class access that makes
 * the guest's registers live (the trap that loads them when they are not):
 * MSR FPCR, an SVE DUP, SMSTART SM or SMSTART ZA.  The pattern goes to
 * D15 (an FMOV, legal in streaming mode too) and a fixed value to FPCR,
 * which PSTATE.SM changes leave alone.  SVE and SME instructions are the
 * .inst encodings of sme_insn.h.
 */
#include "sme_asm.h"
#include "fp_own_prep.h"

	.text

/* FPCR = SMEKVM_FP_OWN_FPCR, D15 = x0; clobbers x1. */
.macro	fp_own_write
	mov	x1, #SMEKVM_FP_OWN_FPCR
	msr	fpcr, x1
	fmov	d15, x0
.endm

func smekvm_fp_own_prep_none
	mov	x0, #0
	ret
endfunc smekvm_fp_own_prep_none

func smekvm_fp_own_prep_fp
	fp_own_write
	mov	x0, #0
	ret
endfunc smekvm_fp_own_prep_fp

func smekvm_fp_own_prep_sve
	.inst	DUP_Z_X | 15			// mov z15.d, x0
	mov	x1, #SMEKVM_FP_OWN_FPCR
	msr	fpcr, x1
	mov	x0, #0
	ret
endfunc smekvm_fp_own_prep_sve

func smekvm_fp_own_prep_streaming
	.inst	SMSTART_SM
	fp_own_write
	mov	x0, #0
	ret
endfunc smekvm_fp_own_prep_streaming

func smekvm_fp_own_prep_za
	.inst	SMSTART_ZA
	fp_own_write
	mov	x0, #0
	ret
endfunc smekvm_fp_own_prep_za

func smekvm_fp_own_prep_kernel_exit
	fp_own_write
	mov	x0, #SMEKVM_FP_OWN_SMCCC_VERSION
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.eq	1f
	hvc	#0
	ret
1:	smc	#0
	ret
endfunc smekvm_fp_own_prep_kernel_exit

func smekvm_fp_own_verify
	mrs	x1, fpcr
	mov	x2, #SMEKVM_FP_OWN_FPCR
	cmp	x1, x2
	cset	x3, ne				// SMEKVM_FP_OWN_BAD_FPCR
	fmov	x1, d15
	cmp	x1, x0
	cset	x1, ne
	orr	x0, x3, x1, lsl #1		// SMEKVM_FP_OWN_BAD_D15
	ret
endfunc smekvm_fp_own_verify

func smekvm_fp_own_smstop
	.inst	SMSTOP
	mov	x0, #0
	ret
endfunc smekvm_fp_own_smstop

	.section .note.GNU-stack, "", %progbits
