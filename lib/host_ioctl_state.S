/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host_ioctl_state.S - an ioctl with a chosen register state in the
 * calling task (see host_ioctl_state.h).
 *
 * SVE and SME instructions are .inst encodings with their mnemonic in a
 * comment (or named in sme_asm.h), system registers use generic names,
 * so that any assembler builds this.  Linux keeps x1-x30 across a
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

3:	tbz	x11, #SMEKVM_SL_V_BIT, 4f
	at	x9, SMEKVM_GREGS_Z
	qregs	LDR_Q
4:	tbz	x11, #SMEKVM_SL_ZP_BIT, 5f
	at	x9, SMEKVM_GREGS_Z
	zregs	LDR_Z
5:	tbz	x11, #SMEKVM_SL_FFR_BIT, 6f
	at	x9, SMEKVM_GREGS_FFR
	.inst	0x858000a0			// ldr p0, [x5]
	.inst	0x25289000			// wrffr p0.b
6:	tbz	x11, #SMEKVM_SL_ZP_BIT, 7f
	at	x9, SMEKVM_GREGS_P
	pregs	LDR_P
7:	tbz	x11, #SMEKVM_SL_ZA_BIT, 9f
	at	x9, SMEKVM_GREGS_ZA
	mov	w12, #0
8:	cmp	x12, x4
	b.hs	9f
	.inst	0xe10000a0			// ldr za[w12, 0], [x5]
	add	x5, x5, #SMEKVM_GREGS_ZSLOT
	add	w12, w12, #1
	b	8b
9:	tbz	x11, #SMEKVM_SL_ZT0_BIT, 10f
	at	x9, SMEKVM_GREGS_ZT0
	.inst	0xe11f80a0			// ldr zt0, [x5]

10:	mov	x0, x13
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

	tbz	x7, #SMEKVM_SL_V_BIT, 13f
	at	x10, SMEKVM_GREGS_Z
	qregs	STR_Q
13:	tbz	x7, #SMEKVM_SL_ZP_BIT, 14f
	at	x10, SMEKVM_GREGS_Z
	zregs	STR_Z
	at	x10, SMEKVM_GREGS_P
	pregs	STR_P
14:	tbz	x7, #SMEKVM_SL_FFR_BIT, 15f
	at	x10, SMEKVM_GREGS_FFR
	.inst	0x2519f000			// rdffr p0.b
	.inst	0xe58000a0			// str p0, [x5]
15:	tbz	x7, #SMEKVM_SL_ZA_BIT, 17f
	at	x10, SMEKVM_GREGS_ZA
	mov	w12, #0
16:	cmp	x12, x4
	b.hs	17f
	.inst	0xe12000a0			// str za[w12, 0], [x5]
	add	x5, x5, #SMEKVM_GREGS_ZSLOT
	add	w12, w12, #1
	b	16b
17:	tbz	x7, #SMEKVM_SL_ZT0_BIT, 18f
	at	x10, SMEKVM_GREGS_ZT0
	.inst	0xe13f80a0			// str zt0, [x5]

18:	msr	fpcr, x15
	mov	x0, x16
	ldr	x12, [sp, #80]
	restore_d8_d15	16
	ldp	x29, x30, [sp], #96
	ret
endfunc smekvm_host_ioctl_state
