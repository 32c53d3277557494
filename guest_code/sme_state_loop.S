/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_loop.S - guest payloads that hold a chosen FP/SVE/SME state
 * live across exits, and read a fresh vcpu's registers (see
 * sme_state_loop.h).
 *
 * In assembly because streaming-mode code must not be compiled code, and
 * because a fresh vcpu's registers must be read before any compiled code
 * can have written them.  SVE and SME instructions are the .inst encodings
 * of sme_insn.h, and the register images are moved by the macros of
 * sme_asm.h, so that any assembler builds this; system registers use
 * generic names.
 *
 * smekvm_state_loop register use: x0 in, x1 out, x2 exit address,
 * x3 flags, x4 rows, x5 walks a buffer, x6 scratch, x8 exits, x9 spin,
 * x10 and x11 counters, w12 ZA row.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "sme_state_loop.h"
#include "sme_asm.h"

#define CPACR_FPEN_ZEN_SMEN	((3 << 20) | (3 << 16) | (3 << 24))

	.text

func smekvm_state_loop
	save_d8_d15			// callee-saved; SMSTART and the loads change them
	mov	x8, x5
	mov	x9, x6
	tbz	x3, #SMEKVM_SL_SM_BIT, 1f
	.inst	SMSTART_SM
1:	tbz	x3, #SMEKVM_SL_ZA_BIT, 2f
	.inst	SMSTART_ZA

	/* Loads: Z or V, FFR (through P0), P, ZA rows, ZT0. */
2:	at	x0, SMEKVM_GREGS_Z
	tbz	x3, #SMEKVM_SL_ZP_BIT, 3f
	zregs	LDR_Z
3:	sl_qregs	LDR_Q, x3, x0
	sl_ffr		LDR_P, x3, x0
	sl_pregs	LDR_P, x3, x0
	sl_zarows	LDR_ZA, x3, x0
	sl_zt0		LDR_ZT0, x3, x0

	/* The exits, with the state live; spin in between. */
	mov	x10, x8
10:	cbz	x10, 13f
	mov	x11, x9
11:	cbz	x11, 12f
	sub	x11, x11, #1
	b	11b
12:	str	xzr, [x2]
	/* Touch the state: loaded again now, saved at the next exit. */
	tbz	x3, #SMEKVM_SL_ZP_BIT, 121f
	.inst	MOV_Z				// mov z0.d, z0.d
121:	tbz	x3, #SMEKVM_SL_V_BIT, 122f
	orr	v0.16b, v0.16b, v0.16b
122:	sub	x10, x10, #1
	b	10b

	/* Stores, in the same order; FFR through P0 after P. */
13:	sl_zregs	STR_Z, x3, x1
	sl_qregs	STR_Q, x3, x1
	sl_pregs	STR_P, x3, x1
	sl_ffr		STR_P, x3, x1
	sl_zarows	STR_ZA, x3, x1
	sl_zt0		STR_ZT0, x3, x1
	at	x1, SMEKVM_GREGS_SVCR
	str	xzr, [x5]
	tbz	x3, #SMEKVM_SL_SME_BIT, 21f
	mrs	x6, s3_3_c4_c2_2		// svcr
	str	x6, [x5]
	.inst	SMSTOP
21:	restore_d8_d15
	ret
endfunc smekvm_state_loop

/*
 * x0 out, x1 ctl, x2 flags, x3 continuation, x4 its argument.  Nothing
 * before the stores below writes a vector or control register.
 */
func smekvm_fresh_entry
	mrs	x6, cpacr_el1
	ldr	x7, =CPACR_FPEN_ZEN_SMEN
	orr	x6, x6, x7
	msr	cpacr_el1, x6
	isb

	mrs	x6, fpsr
	str	x6, [x1, #(8 * SMEKVM_CTL_FPSR)]
	mrs	x6, fpcr
	str	x6, [x1, #(8 * SMEKVM_CTL_FPCR)]
	mov	x6, #0
	tbz	x2, #SMEKVM_SL_FPMR_BIT, 1f
	mrs	x6, s3_3_c4_c4_2		// fpmr
1:	str	x6, [x1, #(8 * SMEKVM_CTL_FPMR)]
	mov	x6, #0
	mov	x7, #0
	mov	x8, #0
	tbz	x2, #SMEKVM_SL_SME_BIT, 2f
	mrs	x6, s3_3_c13_c0_5		// tpidr2_el0
	mrs	x7, s3_0_c1_c2_6		// smcr_el1
	mrs	x8, s3_3_c4_c2_2		// svcr
2:	str	x6, [x1, #(8 * SMEKVM_CTL_TPIDR2)]
	str	x7, [x1, #(8 * SMEKVM_CTL_SMCR)]
	str	x8, [x1, #(8 * SMEKVM_CTL_SVCR)]

	at	x0, SMEKVM_GREGS_Z
	qregs	STR_Q
	tbz	x2, #SMEKVM_SL_ZP_BIT, 3f
	mov	x6, #0xf
	msr	s3_0_c1_c2_0, x6		// zcr_el1: LEN the maximum
	isb
	at	x0, SMEKVM_GREGS_Z
	zregs	STR_Z
	at	x0, SMEKVM_GREGS_P
	pregs	STR_P
	sl_ffr	STR_P, x2, x0
3:	mov	x0, x4
	br	x3
endfunc smekvm_fresh_entry

func smekvm_guest_rdvl
	.inst	RDVL				// rdvl x0, #1
	ret
endfunc smekvm_guest_rdvl
