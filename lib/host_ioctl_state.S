/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_ioctl_state.S - an ioctl with a chosen register state in the
 * calling task (see host_ioctl_state.h).
 *
 * SVE and SME instructions are the .inst encodings of sme_insn.h, and the
 * register images are moved by the macros of sme_asm.h, shared with the
 * guest payload guest_code/sme_state_loop.S; system registers use generic
 * names, so that any assembler builds this.  Linux keeps x1-x30 across a
 * syscall, so the arguments live in x4-x17 throughout: x9 in, x10 out,
 * x11 flags, x7 flags of what is read back, x4 rows, x13 fd, x14 ctl,
 * x15 the caller's FPCR, x16 the ioctl's result, x17 request.
 */
#ifndef __ASSEMBLY__
#define __ASSEMBLY__
#endif
#include "guest_code/sme_state_loop.h"
#include "sme_asm.h"

#define NR_IOCTL	29	/* __NR_ioctl, arm64 */

#define IN(i)	(8 * (i))
#define OUT(i)	(8 * (SMEKVM_NR_CTL + (i)))

	.text

func smekvm_host_ioctl_state
	stp	x29, x30, [sp, #-96]!
	mov	x29, sp
	save_d8_d15	16			// SMSTART SM zeroes them
	str	x12, [sp, #80]

	mov	x13, x0
	mov	x17, x1
	mov	x9, x2
	mov	x10, x3
	mov	x11, x4
	mov	x14, x7
	mov	x7, x5
	mov	x4, x6
	mrs	x15, fpcr

	ldr	x6, [x14, #IN(SMEKVM_CTL_FPSR)]
	msr	fpsr, x6
	ldr	x6, [x14, #IN(SMEKVM_CTL_FPCR)]
	msr	fpcr, x6
	tbz	x11, #SMEKVM_SL_SME_BIT, 1f
	ldr	x6, [x14, #IN(SMEKVM_CTL_TPIDR2)]
	msr	s3_3_c13_c0_5, x6		// tpidr2_el0
1:	tbz	x11, #SMEKVM_SL_SM_BIT, 2f
	.inst	SMSTART_SM
2:	tbz	x11, #SMEKVM_SL_ZA_BIT, 3f
	.inst	SMSTART_ZA

	/* Loads: V, Z, FFR (through P0), P, ZA rows, ZT0. */
3:	sl_qregs	LDR_Q, x11, x9
	sl_zregs	LDR_Z, x11, x9
	sl_ffr		LDR_P, x11, x9
	sl_pregs	LDR_P, x11, x9
	sl_zarows	LDR_ZA, x11, x9
	sl_zt0		LDR_ZT0, x11, x9

	mov	x0, x13
	mov	x1, x17
	mov	x2, #0
	mov	x8, #NR_IOCTL
	svc	#0
	mov	x16, x0

	/* SVCR first, then leave streaming mode if the kernel did not. */
	mov	x6, #0
	tbz	x11, #SMEKVM_SL_SME_BIT, 11f
	mrs	x6, s3_3_c4_c2_2		// svcr
	tbz	x6, #0, 11f
	.inst	SMSTOP_SM
11:	str	x6, [x14, #OUT(SMEKVM_CTL_SVCR)]
	mrs	x6, fpsr
	str	x6, [x14, #OUT(SMEKVM_CTL_FPSR)]
	mrs	x6, fpcr
	str	x6, [x14, #OUT(SMEKVM_CTL_FPCR)]
	mov	x6, #0
	tbz	x11, #SMEKVM_SL_SME_BIT, 12f
	mrs	x6, s3_3_c13_c0_5		// tpidr2_el0
12:	str	x6, [x14, #OUT(SMEKVM_CTL_TPIDR2)]

	/* Stores: V, Z and P (one test), FFR through P0, ZA rows, ZT0. */
	sl_qregs	STR_Q, x7, x10
	tbz	x7, #SMEKVM_SL_ZP_BIT, 14f
	at	x10, SMEKVM_GREGS_Z
	zregs	STR_Z
	at	x10, SMEKVM_GREGS_P
	pregs	STR_P
14:	sl_ffr		STR_P, x7, x10
	sl_zarows	STR_ZA, x7, x10
	sl_zt0		STR_ZT0, x7, x10

	msr	fpcr, x15
	mov	x0, x16
	ldr	x12, [sp, #80]
	restore_d8_d15	16
	ldp	x29, x30, [sp], #96
	ret
endfunc smekvm_host_ioctl_state
