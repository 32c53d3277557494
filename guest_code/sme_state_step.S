/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_step.S - guest payload: one SVCR state, one step, in assembly.
 *
 * Everything from the first SMSTART to the last SMSTOP is here: compiled
 * code may use instructions that are illegal in streaming mode.  The
 * registers stored after the step are those the live SVCR (read back
 * after the step) says exist, so a wrong PSTATE shows up as a wrong SVCR
 * in the image rather than as a fault.
 *
 * SVE and SME instructions are the .inst encodings of sme_insn.h, moved
 * through the register-image macros of sme_asm.h, so that any assembler
 * builds this; system registers use their S<op0>_<op1>_C<n>_C<m>_<op2>
 * names.
 *
 * Register use: x0 in, x1 out, x2 exit address, x3 flags, x4 ZA rows;
 * x5 walks a buffer, x6 and x7 scratch, x8 SVCR after the step, x9 FPSR
 * after the step, w12 ZA row.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "sme_state_step.h"
#include "sme_asm.h"

#define SVCR	S3_3_C4_C2_2

	.text

func smekvm_state_step
	/*
	 * With SMEKVM_STEP_FP_FIRST, the first FP/SVE/SME instruction after
	 * the entry is a non-streaming load (into a register loaded again
	 * below), so that a lazy switch loads the FP or SVE state before the
	 * SME state.
	 */
	tbz	x3, #6, 0f
	tbnz	x3, #2, 9f
	.inst	LDR_Q | (0 << 5)		// ldr q0, [x0]
	b	0f
9:	.inst	LDR_Z | (0 << 5)		// ldr z0, [x0]

	/*
	 * The state before the step, from SVCR 0: SM and ZA together with
	 * one SMSTART, as a guest entering an SME function would.
	 */
0:	tbz	x3, #5, 1f
	.inst	SMSTOP
	and	x6, x3, #(SMEKVM_STEP_SM | SMEKVM_STEP_ZA)
	cmp	x6, #(SMEKVM_STEP_SM | SMEKVM_STEP_ZA)
	b.ne	3f
	.inst	SMSTART
	b	1f
3:	tbz	x3, #0, 2f
	.inst	SMSTART_SM
2:	tbz	x3, #1, 1f
	.inst	SMSTART_ZA

	/* Load the vector registers of the mode we are in. */
1:	mov	x5, x0
	tbnz	x3, #0, 3f
	tbnz	x3, #2, 4f
	qregs	LDR_Q
	b	6f
3:	zregs	LDR_Z				// streaming
	tbz	x3, #3, 5f
	b	7f
4:	zregs	LDR_Z				// non-streaming SVE
	/* FFR through P0, which the P loads then overwrite. */
7:	add	x6, x5, #(SMEKVM_GREGS_FFR - SMEKVM_GREGS_P)
	ffrreg	LDR_P, 6			// from [x6]
5:	pregs	LDR_P

	/* ZA and ZT0. */
6:	tbz	x3, #1, 8f
	at	x0, SMEKVM_GREGS_ZA
	zarows	LDR_ZA
	tbz	x3, #4, 8f
	at	x0, SMEKVM_GREGS_ZT0
	zt0reg	LDR_ZT0

8:	mov	x6, #SMEKVM_STEP_FPSR_IN
	msr	fpsr, x6

	/* The step: two instructions per entry. */
	ubfx	x6, x3, #SMEKVM_STEP_OP_SHIFT, #4
	adr	x7, 10f
	add	x7, x7, x6, lsl #3
	br	x7
10:	str	xzr, [x2]			// SMEKVM_OP_EXIT
	b	20f
	.inst	SMSTART				// SMEKVM_OP_SMSTART
	b	20f
	.inst	SMSTART_SM			// SMEKVM_OP_SMSTART_SM
	b	20f
	.inst	SMSTART_ZA			// SMEKVM_OP_SMSTART_ZA
	b	20f
	.inst	SMSTOP				// SMEKVM_OP_SMSTOP
	b	20f
	.inst	SMSTOP_SM			// SMEKVM_OP_SMSTOP_SM
	b	20f
	.inst	SMSTOP_ZA			// SMEKVM_OP_SMSTOP_ZA
	b	20f
	ubfx	x6, x3, #SMEKVM_STEP_SVCR_SHIFT, #2	// SMEKVM_OP_MSR_SVCR
	b	11f
11:	msr	SVCR, x6
	/* No other op values: fall through after the MSR. */

20:	mrs	x9, fpsr
	mov	x8, #0
	tbz	x3, #5, 21f
	mrs	x8, SVCR

	/* Store the vector registers of the mode we are in now. */
21:	mov	x5, x1
	tbnz	x8, #0, 23f
	tbnz	x3, #2, 24f
	qregs	STR_Q
	b	26f
23:	zregs	STR_Z				// streaming
	pregs	STR_P
	tbz	x3, #3, 26f
	b	27f
24:	zregs	STR_Z				// non-streaming SVE
	pregs	STR_P
27:	ffrreg	STR_P

	/* ZA and ZT0 if ZA is on. */
26:	tbz	x8, #1, 28f
	at	x1, SMEKVM_GREGS_ZA
	zarows	STR_ZA
	tbz	x3, #4, 28f
	at	x1, SMEKVM_GREGS_ZT0
	zt0reg	STR_ZT0

28:	ldr	x6, =SMEKVM_GREGS_SVCR
	str	x8, [x1, x6]
	tbz	x3, #5, 29f
	.inst	SMSTOP
29:	mov	x0, x9
	ret
	.ltorg
endfunc smekvm_state_step

	.section .note.GNU-stack, "", %progbits
